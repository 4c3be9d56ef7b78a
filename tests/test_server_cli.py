"""`rag serve` as users start it: a child process on 127.0.0.1, driven by curl and httpx.

Fake models (instant); the index is built by ``rag index`` in a child process too.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from rag.errors import ConfigError
from rag.server.run import check_bind, is_loopback
from rag.settings import ServerSettings, load_settings, redacted
from tests.conftest import Server, free_port
from tests.server_helpers import QUESTION, ROOT, env_for, rag, serve

KEY = "sk-cli-SECRET-3f9a2b71"


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[tuple[Server, dict[str, str]]]:
    env = env_for(tmp_path, RAG_SERVER__API_KEYS=KEY, RAG_SERVER__LOAD_RETRY_S="0.3")
    server = serve(tmp_path, env)
    yield server, env
    server.stop()


def test_a_replica_is_not_ready_until_rag_index_has_run_then_answers_curl(
    keyed: tuple[Server, dict[str, str]], tmp_path: Path
) -> None:
    server, env = keyed
    response = httpx.get(f"{server.url}/readyz")
    assert response.status_code == 503 and response.headers["retry-after"]
    deadline = time.monotonic() + 30
    while "rag index" not in httpx.get(f"{server.url}/readyz").json()["reason"]:
        assert time.monotonic() < deadline, httpx.get(f"{server.url}/readyz").text
        time.sleep(0.1)  # the first load attempt is still running (imports, models)
    chat = httpx.post(f"{server.url}/v1/chat/completions", json={"messages": [{"role": "user", "content": QUESTION}]},
                      headers={"Authorization": f"Bearer {KEY}"})  # fmt: skip
    assert chat.status_code == 503 and "rag index" in chat.json()["error"]["message"]

    assert rag(tmp_path, "index", "--json", env=env).returncode == 0
    while httpx.get(f"{server.url}/readyz").status_code != 200:
        assert time.monotonic() < deadline + 30, httpx.get(f"{server.url}/readyz").text
        time.sleep(0.1)

    script = subprocess.run(
        ["bash", str(ROOT / "tests" / "sse_curl.sh"), server.url, KEY, QUESTION],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert script.returncode == 0, script.stdout + script.stderr
    server.stop()
    log = server.log.read_text()
    assert KEY not in log and "Traceback" not in log
    assert 'POST /v1/answer/stream HTTP/1.1" 200' in log and "401" in log  # uvicorn's access log, no headers


def test_an_open_unauthenticated_server_is_refused_in_one_line(tmp_path: Path) -> None:
    result = rag(tmp_path, "serve", "--host", "0.0.0.0", "--port", str(free_port()), env=env_for(tmp_path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: refusing to listen on 0.0.0.0 without an API key")
    assert "RAG_SERVER__API_KEYS" in lines[0] and "RAG_SERVER__ALLOW_UNAUTHENTICATED" in lines[0]


def test_binding_rules() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.3.4.5", "::1", "[::1]", "localhost", "LOCALHOST"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.2", "example.org", ""))
    check_bind("127.0.0.1", ServerSettings())
    with pytest.raises(ConfigError, match="RAG_SERVER__API_KEYS"):
        check_bind("0.0.0.0", ServerSettings())
    check_bind("0.0.0.0", ServerSettings(api_keys=[SecretStr("k")]))
    check_bind("0.0.0.0", ServerSettings(allow_unauthenticated=True))


def test_server_settings_from_the_environment_and_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_SERVER__API_KEYS", f"{KEY}, other-key ")
    monkeypatch.setenv("RAG_SERVER__CORS_ORIGINS", '["http://a.example", "http://b.example"]')
    settings = load_settings(env_file=None)
    assert [k.get_secret_value() for k in settings.server.api_keys] == [KEY, "other-key"]
    assert settings.server.cors_origins == ["http://a.example", "http://b.example"]
    assert redacted(settings)["server"]["api_keys"] == ["****", "****"]
    assert KEY not in str(settings) and KEY not in repr(settings.server)
    monkeypatch.setenv("RAG_SERVER__API_KEYS", "[not json")
    with pytest.raises(ConfigError, match="RAG_SERVER__API_KEYS") as err:
        load_settings(env_file=None)
    assert "not json" not in str(err.value)


def test_every_server_setting_is_in_env_example() -> None:
    example = (ROOT / ".env.example").read_text()
    for name in ServerSettings.model_fields:
        assert f"# RAG_SERVER__{name.upper()}=" in example, name
