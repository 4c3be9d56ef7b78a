"""The swappable backends against real servers on 127.0.0.1, driven through the ``rag`` CLI.

llama-cpp-python's OpenAI-compatible server (chat, embeddings, a key-protected one) and
``chroma run`` start once per session. Every misconfiguration must end in one line that names
the setting to fix, quickly, without a traceback and without any secret in the output.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag.doctor import preflight_llm, run_checks
from rag.ingest.build import build_index
from rag.ingest.store import list_manifests
from rag.providers.store import make_chroma_client
from rag.settings import load_settings
from tests.conftest import BIN, EMBED_ALIAS, LLM_ALIAS, SERVER_KEY, CliResult, RagCli, Server, free_port
from tests.support import fake_settings

pytestmark = pytest.mark.servers

LLM_KEY = "sk-llm-SECRET-5e1f0c7a"  # recognisable: must never show up in any output
EMBED_KEY = "sk-embed-SECRET-91b2d4"
STORE_TOKEN = "chroma-SECRET-token-37aa"
SECRETS = (LLM_KEY, EMBED_KEY, STORE_TOKEN, SERVER_KEY)
QUESTION = "When were Blinken's peace talks held?"
# a CLI start (imports of openai, chromadb, llama-index) takes a few seconds on 2 cores, longer
# with two side by side; a remote failure adds its timeouts. A hang would run into the limit
# of the subprocess (120 s) instead.
STARTUP_S = 45.0


@pytest.fixture
def env(tmp_path: Path, short_article: Path) -> dict[str, str]:
    """Storage in ``tmp_path`` holding an index of the short article made with the fake
    embeddings (built in process: quick), fake models, every secret set."""
    build_index(fake_settings(tmp_path, article_path=short_article))
    return {
        "RAG_STORE__PATH": str(tmp_path / "storage"),
        "RAG_INDEX__ARTICLE_PATH": str(short_article),
        "RAG_LLM__PROVIDER": "fake",
        "RAG_EMBED__PROVIDER": "fake",
        "RAG_LLM__MAX_TOKENS": "32",
        "RAG_LLM__API_KEY": LLM_KEY,
        "RAG_EMBED__API_KEY": EMBED_KEY,
        "RAG_STORE__TOKEN": STORE_TOKEN,
    }


def llm_section(server: Server) -> dict[str, str]:
    return {"provider": "openai_like", "api_base": server.url, "model": LLM_ALIAS}


def openai_like_llm(server: Server) -> dict[str, str]:
    return {f"RAG_LLM__{key.upper()}": value for key, value in llm_section(server).items()}


def openai_like_embed(server: Server) -> dict[str, str]:
    return {"RAG_EMBED__PROVIDER": "openai_like", "RAG_EMBED__API_BASE": server.url, "RAG_EMBED__MODEL": EMBED_ALIAS}


def assert_no_secret(result: CliResult) -> None:
    for secret in SECRETS:
        assert secret not in result.output
    assert "Traceback" not in result.output


def assert_ok(result: CliResult) -> None:
    assert result.code == 0, result.output
    assert_no_secret(result)


def assert_one_line_error(result: CliResult, *fragments: str, within: float = STARTUP_S) -> None:
    """A non-zero exit, exactly one line on stderr naming the fix, quickly, no secret."""
    assert result.code != 0
    assert_no_secret(result)
    lines = [line for line in result.stderr.splitlines() if line.strip() and "embedding chunks" not in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.seconds < within, f"took {result.seconds:.1f} s"


def assert_doctor_fails(result: CliResult, check: str, *fragments: str, within: float = STARTUP_S) -> None:
    """``rag doctor``: a non-zero exit and one FAIL line, for ``check``, naming the fix."""
    assert result.code != 0
    assert_no_secret(result)
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failures) == 1, result.stdout
    assert failures[0].startswith(f"FAIL {check}: ")
    for fragment in fragments:
        assert fragment in failures[0]
    assert result.seconds < within, f"took {result.seconds:.1f} s"


def run_together(rag_cli: RagCli, *commands: tuple[str, ...], env: dict[str, str]) -> list[CliResult]:
    """Run independent CLI commands side by side (each is mostly interpreter start-up)."""
    with ThreadPoolExecutor(len(commands)) as pool:
        return list(pool.map(lambda command: rag_cli(*command, env=env), commands))


def ask_json(rag_cli: RagCli, env: dict[str, str], question: str = QUESTION) -> dict[str, object]:
    result = rag_cli("ask", "--json", question, env=env)
    assert_ok(result)
    answer = json.loads(result.stdout)
    assert isinstance(answer, dict)
    return answer


def index_json(rag_cli: RagCli, env: dict[str, str]) -> dict[str, object]:
    result = rag_cli("index", "--json", env=env)
    assert_ok(result)
    report = json.loads(result.stdout)
    assert isinstance(report, dict)
    return report


def assert_cited_answer(answer: dict[str, object]) -> None:
    assert not answer["abstained"]
    assert answer["answer"] and answer["citations"]


# -- end to end ---------------------------------------------------------------------------------


def test_index_and_ask_work_through_an_openai_like_llama_cpp_server(
    rag_cli: RagCli, env: dict[str, str], llm_server: Server
) -> None:
    env |= openai_like_llm(llm_server)
    assert index_json(rag_cli, env)["embedded"] == 0  # the fixture's index, found through the CLI
    before = llm_server.requests_to("/v1/chat/completions")
    assert_cited_answer(ask_json(rag_cli, env))
    assert llm_server.requests_to("/v1/chat/completions") > before


def test_the_openai_provider_answers_through_any_compatible_base_url(
    rag_cli: RagCli, env: dict[str, str], llm_server: Server
) -> None:
    env |= {"RAG_LLM__PROVIDER": "openai", "RAG_LLM__API_BASE": llm_server.url, "RAG_LLM__MODEL": LLM_ALIAS}
    before = llm_server.requests_to("/v1/chat/completions")
    assert_cited_answer(ask_json(rag_cli, env))
    assert llm_server.requests_to("/v1/chat/completions") > before


def test_server_embeddings_get_their_own_collection_beside_minilm_and_a_model_without_one_is_told_to_index(
    rag_cli: RagCli, env: dict[str, str], embed_server: Server, tmp_path: Path, short_article: Path
) -> None:
    minilm = fake_settings(tmp_path, article_path=short_article, embed={"provider": "embedded"})
    build_index(minilm)
    served = env | openai_like_embed(embed_server)
    report = index_json(rag_cli, served)
    assert report["embedded"] == report["chunks"]

    client = make_chroma_client(minilm.store)
    manifests = {m.embed_key: m for _, m in list_manifests(client) if m}
    assert set(manifests) == {"fake:hash-256", "embedded:all-MiniLM-L6-v2", f"openai_like:{EMBED_ALIAS}"}
    assert manifests["embedded:all-MiniLM-L6-v2"].dimension == 384
    assert manifests[f"openai_like:{EMBED_ALIAS}"].dimension == 576
    assert all(m.complete for m in manifests.values())

    before = embed_server.requests_to("/v1/embeddings")
    assert_cited_answer(ask_json(rag_cli, served))
    assert embed_server.requests_to("/v1/embeddings") > before

    minilm_only = env | {"RAG_STORE__PATH": str(tmp_path / "other"), "RAG_EMBED__PROVIDER": "embedded"}
    build_index(fake_settings(tmp_path, article_path=short_article, store={"path": tmp_path / "other"}))
    missing = rag_cli("ask", QUESTION, env=minilm_only)
    assert_one_line_error(missing, "no index for embedding model embedded:all-MiniLM-L6-v2", "run `rag index`")
    assert "(indexes exist for: fake:hash-256)" in missing.stderr


def test_a_chroma_server_holds_the_index_and_a_rerun_embeds_and_adds_nothing(
    rag_cli: RagCli, env: dict[str, str], chroma_server: Server, llm_server: Server, tmp_path: Path, short_article: Path
) -> None:
    env |= openai_like_llm(llm_server) | {
        "RAG_STORE__PROVIDER": "server",
        "RAG_STORE__HOST": "127.0.0.1",
        "RAG_STORE__PORT": str(chroma_server.port),
        "RAG_STORE__HEADERS": '{"X-Request-Source": "tests"}',
    }
    first = index_json(rag_cli, env)
    assert first["embedded"] == first["chunks"]
    assert_cited_answer(ask_json(rag_cli, env))
    second = index_json(rag_cli, env)
    assert second["embedded"] == 0
    assert second["collection"] == first["collection"]

    settings = fake_settings(
        tmp_path, article_path=short_article, store={"provider": "server", "port": chroma_server.port}
    )
    client = make_chroma_client(settings.store)
    assert client.get_collection(str(first["collection"])).count() == first["chunks"]
    assert all(check.ok for check in run_checks(settings))


# -- misconfiguration: one line, quickly, naming the setting --------------------------------------


def test_a_base_url_where_nothing_listens_fails_in_one_line_naming_the_api_base(
    rag_cli: RagCli, env: dict[str, str]
) -> None:
    env |= {"RAG_LLM__PROVIDER": "openai_like", "RAG_LLM__API_BASE": f"http://127.0.0.1:{free_port()}/v1"}
    expected = ("cannot reach http://127.0.0.1:", "is the server running?", "(RAG_LLM__API_BASE)")
    doctor, ask = run_together(rag_cli, ("doctor",), ("ask", QUESTION), env=env)
    assert_doctor_fails(doctor, "llm", *expected)
    assert_one_line_error(ask, *expected)


def test_a_server_that_never_answers_fails_within_the_timeout(
    rag_cli: RagCli, env: dict[str, str], silent_port: int
) -> None:
    env |= {
        "RAG_LLM__PROVIDER": "openai_like",
        "RAG_LLM__API_BASE": f"http://127.0.0.1:{silent_port}/v1",
        "RAG_LLM__TIMEOUT_S": "2",
    }
    expected = ("no answer from", "within 2 s", "(RAG_LLM__TIMEOUT_S)")
    doctor, ask = run_together(rag_cli, ("doctor",), ("ask", QUESTION), env=env)
    assert_doctor_fails(doctor, "llm", *expected)
    assert_one_line_error(ask, *expected)


def test_a_model_the_server_does_not_have_is_named_with_the_ones_it_has(
    rag_cli: RagCli, env: dict[str, str], llm_server: Server
) -> None:
    env |= openai_like_llm(llm_server) | {"RAG_LLM__MODEL": "no-such-model"}
    expected = ("has no model 'no-such-model'", f"(it has: {LLM_ALIAS})", "RAG_LLM__MODEL")
    doctor, ask = run_together(rag_cli, ("doctor",), ("ask", QUESTION), env=env)
    assert_doctor_fails(doctor, "llm", *expected)
    assert_one_line_error(ask, *expected)


def test_a_wrong_api_key_is_rejected_in_one_line_that_never_shows_the_key(
    rag_cli: RagCli, env: dict[str, str], keyed_server: Server
) -> None:
    env |= openai_like_llm(keyed_server)  # RAG_LLM__API_KEY is LLM_KEY, not the server's key
    expected = ("rejected the API key", "(RAG_LLM__API_KEY)")
    doctor, ask = run_together(rag_cli, ("doctor",), ("ask", QUESTION), env=env)
    assert_doctor_fails(doctor, "llm", *expected)
    assert_one_line_error(ask, *expected)
    right_key = load_settings(env_file=None, llm={**llm_section(keyed_server), "api_key": SERVER_KEY}).llm
    assert preflight_llm(right_key) == f"openai_like server {keyed_server.url} has '{LLM_ALIAS}'"


def test_an_embedding_dimension_the_model_does_not_return_is_named(
    rag_cli: RagCli, env: dict[str, str], embed_server: Server
) -> None:
    env |= openai_like_embed(embed_server) | {"RAG_EMBED__DIMENSIONS": "100"}
    expected = ("returns 576 dimensions", "RAG_EMBED__DIMENSIONS says 100")
    doctor, index, ask = run_together(rag_cli, ("doctor",), ("index",), ("ask", QUESTION), env=env)
    assert_doctor_fails(doctor, "embeddings", *expected)
    assert_one_line_error(index, *expected)
    # nothing was indexed under this key: until the engine runs the embedding preflight too, the
    # index lookup answers first, and `rag index` then names the dimension
    assert_one_line_error(ask)
    assert "RAG_EMBED__DIMENSIONS" in ask.stderr or "run `rag index`" in ask.stderr


def test_an_embedding_server_where_nothing_listens_fails_in_one_line(rag_cli: RagCli, env: dict[str, str]) -> None:
    env |= {
        "RAG_EMBED__PROVIDER": "openai_like",
        "RAG_EMBED__API_BASE": f"http://127.0.0.1:{free_port()}/v1",
        "RAG_EMBED__MODEL": EMBED_ALIAS,
    }
    expected = ("cannot reach http://127.0.0.1:", "(RAG_EMBED__API_BASE)")
    doctor, index = run_together(rag_cli, ("doctor",), ("index",), env=env)
    assert_doctor_fails(doctor, "embeddings", *expected)
    assert_one_line_error(index, *expected)


def test_a_chroma_server_that_is_not_running_fails_in_one_line_naming_host_and_port(
    rag_cli: RagCli, env: dict[str, str]
) -> None:
    env |= {"RAG_STORE__PROVIDER": "server", "RAG_STORE__PORT": str(free_port())}
    expected = ("cannot reach the Chroma server at http://127.0.0.1:", "RAG_STORE__HOST, RAG_STORE__PORT")
    doctor, ask, index = run_together(rag_cli, ("doctor",), ("ask", QUESTION), ("index",), env=env)
    assert_doctor_fails(doctor, "store", *expected)
    assert_one_line_error(ask, *expected)
    assert_one_line_error(index, *expected)


def test_a_chroma_server_that_never_answers_fails_within_the_store_timeout(
    rag_cli: RagCli, env: dict[str, str], silent_port: int
) -> None:
    env |= {"RAG_STORE__PROVIDER": "server", "RAG_STORE__PORT": str(silent_port), "RAG_STORE__TIMEOUT_S": "2"}
    expected = ("no answer from the Chroma server", "within 2 s", "(RAG_STORE__TIMEOUT_S)")
    doctor, ask = run_together(rag_cli, ("doctor",), ("ask", QUESTION), env=env)
    assert_doctor_fails(doctor, "store", *expected)
    assert_one_line_error(ask, *expected)


def test_a_server_that_stops_mid_session_fails_the_next_question_in_one_line(
    rag_cli: RagCli, env: dict[str, str], short_lived_llm_server: Server, tmp_path: Path
) -> None:
    server = short_lived_llm_server
    env |= openai_like_llm(server)
    chat = _Chat(env, tmp_path)
    try:
        chat.say(QUESTION)
        chat.wait_for(lambda out: out.count("you> ") >= 2, timeout=120)
        assert server.requests_to("/v1/chat/completions") >= 1  # the first answer came from the server
        server.stop()
        started = time.perf_counter()
        chat.say(QUESTION)
        chat.wait_for(lambda out: "error:" in out, timeout=60)
        assert time.perf_counter() - started < 15
    finally:
        output = chat.close()
    (line,) = [line for line in output.splitlines() if "error:" in line]
    assert "cannot reach" in line and "(RAG_LLM__API_BASE)" in line
    assert "Traceback" not in output and all(secret not in output for secret in SECRETS)


class _Chat:
    """``rag chat`` in a child process, its output collected as it comes."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [str(BIN / "rag"), "chat"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        )
        self.output: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.wait_for(lambda out: "you> " in out, timeout=60)

    def _read(self) -> None:
        assert self.process.stdout is not None
        while char := self.process.stdout.read(1):
            self.output.append(char)

    def say(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def wait_for(self, condition: Callable[[str], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition("".join(self.output)):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"rag chat did not get there; output so far:\n{''.join(self.output)}")

    def close(self) -> str:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.reader.join(timeout=5)
        return "".join(self.output)
