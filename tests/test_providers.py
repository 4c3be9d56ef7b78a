"""Provider selection by config: profiles and precedence, factories, errors, secrets, timeouts.

The unmarked tests need no server. Those marked ``servers`` talk to throwaway servers on
127.0.0.1 (a socket that never answers, a canned-response HTTP stub, ``chroma run``) to pin
down timeouts, retries and error messages with tight bounds, in process.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from llama_index.core.base.llms.types import ChatMessage

from rag.doctor import run_checks
from rag.errors import ConfigError, MissingExtraError, ProviderError
from rag.ingest.build import build_index
from rag.ingest.store import ChromaVectors, find_active
from rag.providers.embeddings import embed_key, make_embedding
from rag.providers.llm import llm_endpoint, make_llm
from rag.providers.remote import clean_message
from rag.providers.store import make_chroma_client
from rag.settings import PROFILES, Settings, load_settings, redacted
from tests.conftest import HttpStub, RagCli, Server

SECRET = "sk-SECRET-provider-test-8c41"
HINTS = ("Traceback", SECRET)


def write_dotenv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / ".env"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def chat(text: str = "hi") -> list[ChatMessage]:
    return [ChatMessage(role="user", content=text)]


# -- profiles and precedence ------------------------------------------------------------------------


def test_without_a_profile_everything_runs_embedded() -> None:
    settings = load_settings(env_file=None)
    assert (settings.profile, settings.llm.provider, settings.embed.provider) == ("embedded", "embedded", "embedded")
    assert settings.store.provider == "embedded"


@pytest.mark.parametrize(
    ("profile", "provider", "api_base"),
    [
        ("embedded", "embedded", ""),
        ("openai", "openai", ""),
        ("ollama", "openai_like", "http://127.0.0.1:11434/v1"),
        ("vllm", "openai_like", "http://127.0.0.1:8000/v1"),
        ("llamacpp", "openai_like", "http://127.0.0.1:8080/v1"),
        ("lmstudio", "openai_like", "http://127.0.0.1:1234/v1"),
    ],
)
def test_each_documented_profile_presets_its_llm(
    monkeypatch: pytest.MonkeyPatch, profile: str, provider: str, api_base: str
) -> None:
    monkeypatch.setenv("RAG_PROFILE", profile)
    settings = load_settings(env_file=None)
    assert settings.profile == profile
    assert (settings.llm.provider, settings.llm.api_base) == (provider, api_base)


def test_the_openai_profile_switches_the_embeddings_too() -> None:
    settings = load_settings(env_file=None, profile="openai")
    assert (settings.embed.provider, settings.embed.model) == ("openai", "text-embedding-3-small")


def test_an_env_var_beats_dotenv_which_beats_the_profile_which_beats_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotenv = write_dotenv(tmp_path, "RAG_PROFILE=ollama", "RAG_LLM__MODEL=from-dotenv", "RAG_LLM__CONTEXT_WINDOW=2048")
    monkeypatch.setenv("RAG_LLM__CONTEXT_WINDOW", "1024")
    settings = load_settings(env_file=dotenv)
    assert settings.llm.context_window == 1024  # env var over .env over profile (8192)
    assert settings.llm.model == "from-dotenv"  # .env over profile ("llama3.2")
    assert settings.llm.api_base == "http://127.0.0.1:11434/v1"  # profile over default ("")
    assert settings.llm.temperature == 0.0  # default: nobody set it


def test_a_single_env_var_overrides_one_key_and_keeps_the_rest_of_the_preset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_PROFILE", "vllm")
    monkeypatch.setenv("RAG_LLM__API_BASE", "http://127.0.0.1:8001/v1")
    settings = load_settings(env_file=None)
    assert settings.llm.api_base == "http://127.0.0.1:8001/v1"
    assert (settings.llm.provider, settings.llm.model) == ("openai_like", "Qwen/Qwen2.5-7B-Instruct")


def test_rag_profile_in_the_environment_beats_the_one_in_dotenv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotenv = write_dotenv(tmp_path, "RAG_PROFILE=ollama")
    assert load_settings(env_file=dotenv).profile == "ollama"
    monkeypatch.setenv("RAG_PROFILE", "lmstudio")
    assert load_settings(env_file=dotenv).llm.api_base == "http://127.0.0.1:1234/v1"


def test_an_unknown_profile_lists_the_valid_ones() -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(env_file=None, profile="llama")
    assert "RAG_PROFILE" in str(err.value)
    assert all(name in str(err.value) for name in PROFILES)


@pytest.mark.parametrize("section", ["llm", "embed", "store"])
def test_an_unknown_provider_value_lists_the_valid_ones(monkeypatch: pytest.MonkeyPatch, section: str) -> None:
    monkeypatch.setenv(f"RAG_{section.upper()}__PROVIDER", "chatgpt")
    with pytest.raises(ConfigError) as err:
        load_settings(env_file=None)
    message = str(err.value)
    assert f"RAG_{section.upper()}__PROVIDER" in message and "'chatgpt'" in message
    assert "'embedded'" in message and ("'openai_like'" in message or "'server'" in message)


# -- factories ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocked", "build", "package"),
    [
        ("llama_index.llms.openai", lambda s: make_llm(s.llm), "llama-index-llms-openai"),
        ("llama_index.embeddings.openai", lambda s: make_embedding(s.embed), "llama-index-embeddings-openai"),
    ],
)
def test_a_missing_optional_package_names_its_install_extra(
    monkeypatch: pytest.MonkeyPatch, blocked: str, build: Callable[[Settings], object], package: str
) -> None:
    monkeypatch.delitem(sys.modules, "rag.providers.openai_compat", raising=False)
    monkeypatch.setitem(sys.modules, blocked, None)  # what an uninstalled package looks like to import
    settings = load_settings(
        env_file=None,
        llm={"provider": "openai_like", "api_base": "http://127.0.0.1:9/v1"},
        embed={"provider": "openai_like", "api_base": "http://127.0.0.1:9/v1", "model": "m"},
    )
    with pytest.raises(MissingExtraError) as err:
        build(settings)
    assert package in str(err.value) and "pip install -e '.[openai]'" in str(err.value)


def test_openai_like_without_a_base_url_names_the_setting() -> None:
    settings = load_settings(env_file=None, llm={"provider": "openai_like"}, embed={"provider": "openai_like"})
    with pytest.raises(ConfigError, match="RAG_LLM__API_BASE"):
        make_llm(settings.llm)
    with pytest.raises(ConfigError, match="RAG_EMBED__API_BASE"):
        make_embedding(settings.embed)


def test_the_openai_provider_without_any_key_names_the_setting() -> None:
    settings = load_settings(env_file=None, profile="openai")
    with pytest.raises(ConfigError, match="RAG_LLM__API_KEY"):
        make_llm(settings.llm)
    with pytest.raises(ConfigError, match="RAG_EMBED__API_KEY"):
        make_embedding(settings.embed)


def test_the_openai_provider_accepts_model_names_llama_index_does_not_know() -> None:
    settings = load_settings(env_file=None, llm={"provider": "openai", "model": "my-server-model", "api_key": SECRET})
    assert make_llm(settings.llm).metadata.context_window == settings.llm.context_window


def test_the_index_key_separates_provider_model_and_dimensions() -> None:
    def key(**embed: object) -> str:
        return embed_key(load_settings(env_file=None, embed=embed).embed)

    assert key() == "embedded:all-MiniLM-L6-v2"
    assert key(provider="openai_like", model="nomic-embed-text") == "openai_like:nomic-embed-text"
    assert key(provider="openai", model="text-embedding-3-small", dimensions=256) == "openai:text-embedding-3-small:256"
    assert key(provider="openai", model="text-embedding-3-small") != key(
        provider="openai_like", model="text-embedding-3-small"
    )


def test_a_local_model_refuses_a_dimension_setting_it_cannot_meet() -> None:
    settings = load_settings(env_file=None, profile="fake", embed={"dimensions": 100})
    with pytest.raises(ConfigError, match="returns 256 dimensions but RAG_EMBED__DIMENSIONS says 100"):
        make_embedding(settings.embed)


def test_a_server_listing_name_latest_has_name() -> None:
    endpoint = llm_endpoint(load_settings(env_file=None, profile="ollama").llm)
    assert endpoint.has_model({"llama3.2:latest", "qwen2.5:7b"})
    assert not endpoint.has_model({"qwen2.5:7b"})
    assert endpoint.has_model(set())  # a server that lists nothing is not second-guessed


# -- doctor -------------------------------------------------------------------------------------------


def test_doctor_passes_on_a_built_index_and_says_to_index_a_model_without_one(
    fake_settings: Callable[..., Settings],
) -> None:
    settings = fake_settings()
    assert [c.name for c in run_checks(settings) if not c.ok] == ["index"]
    build_index(settings)
    assert all(check.ok for check in run_checks(settings))
    (failure,) = [c for c in run_checks(fake_settings(embed={"dimensions": 256})) if not c.ok]
    assert failure.name == "index" and "run `rag index`" in failure.detail


def test_doctor_names_a_missing_gguf_file_without_loading_anything(fake_settings: Callable[..., Settings]) -> None:
    settings = fake_settings(llm={"provider": "embedded", "model_path": "/nowhere/model.gguf"})
    (llm,) = [c for c in run_checks(settings) if c.name == "llm"]
    assert not llm.ok and llm.setting == "RAG_LLM__MODEL_PATH"
    assert llm.detail == "GGUF model file not found: /nowhere/model.gguf (RAG_LLM__MODEL_PATH)"


# -- secrets ------------------------------------------------------------------------------------------


def test_messages_lose_keys_and_url_credentials_and_fit_on_one_line() -> None:
    text = f"401 for key {SECRET}\nat https://user:pa55@host:8000/v1\n\n(retrying)"
    cleaned = clean_message(text, [SECRET])
    assert SECRET not in cleaned and "pa55" not in cleaned and "user" not in cleaned
    assert "\n" not in cleaned and "https://****@host:8000/v1" in cleaned


def test_redacted_settings_mask_keys_tokens_header_values_and_url_credentials() -> None:
    settings = load_settings(
        env_file=None,
        llm={"api_base": "https://me:pw@llm.example/v1"},  # URL credentials and a key exclude each other
        embed={"api_key": SECRET},
        store={"token": SECRET, "headers": {"X-Api-Key": SECRET}},
    )
    shown = str(redacted(settings))
    assert SECRET not in shown and "pw@" not in shown
    assert "https://****@llm.example/v1" in shown


def test_the_llama_index_objects_never_hold_the_key() -> None:
    remote = {"provider": "openai_like", "api_base": "http://127.0.0.1:9/v1", "api_key": SECRET, "model": "m"}
    settings = load_settings(env_file=None, llm=remote, embed=remote)
    for component in (make_llm(settings.llm), make_embedding(settings.embed)):
        assert SECRET not in repr(component) and SECRET not in str(component.to_dict())


def test_rag_config_prints_resolved_settings_with_secrets_masked(rag_cli: RagCli) -> None:
    result = rag_cli(
        "config",
        env={
            "RAG_PROFILE": "ollama",
            "RAG_LLM__API_KEY": SECRET,
            "RAG_EMBED__API_KEY": SECRET,
            "RAG_STORE__TOKEN": SECRET,
            "RAG_STORE__HEADERS": f'{{"X-Api-Key": "{SECRET}"}}',
        },
    )
    assert result.code == 0 and SECRET not in result.output
    assert '"api_base": "http://127.0.0.1:11434/v1"' in result.stdout
    assert '"api_key": "****"' in result.stdout and '"X-Api-Key": "****"' in result.stdout


# -- misconfiguration through the CLI, no server needed -------------------------------------------------


@pytest.mark.parametrize(
    ("env", "fragments"),
    [
        ({"RAG_LLM__PROVIDER": "gpt"}, ("RAG_LLM__PROVIDER", "'gpt'", "'openai_like'")),
        ({"RAG_EMBED__PROVIDER": "bert"}, ("RAG_EMBED__PROVIDER", "'bert'", "'openai_like'")),
        ({"RAG_STORE__PROVIDER": "pinecone"}, ("RAG_STORE__PROVIDER", "'pinecone'", "'server'")),
        ({"RAG_PROFILE": "llama"}, ("RAG_PROFILE", "lmstudio")),
        ({"RAG_STORE__HEADERS": f'{{"Authorization": "{SECRET}"'}, ("RAG_STORE__*", "JSON")),
        ({"RAG_LLM__MODEL_PATH": "/nowhere/model.gguf"}, ("/nowhere/model.gguf", "(RAG_LLM__MODEL_PATH)")),
    ],
    ids=["llm-provider", "embed-provider", "store-provider", "profile", "headers-json", "gguf-path"],
)
def test_a_misconfiguration_fails_every_command_in_one_line(
    rag_cli: RagCli, tmp_path: Path, env: dict[str, str], fragments: tuple[str, ...]
) -> None:
    env = {
        "RAG_STORE__PATH": str(tmp_path / "storage"),
        "RAG_EMBED__PROVIDER": "fake",
        "RAG_LLM__API_KEY": SECRET,
        **env,
    }
    for command in (["doctor"], ["ask", "Who mediated the talks?"]):
        result = rag_cli(*command, env=env)
        assert result.code != 0
        assert not any(hint in result.output for hint in HINTS), result.output
        if command == ["doctor"] and "RAG_LLM__MODEL_PATH" in env:  # settings load; the llm check fails
            lines = [line for line in result.stdout.splitlines() if line.startswith("FAIL llm")]
        else:  # doctor reports invalid settings as FAIL lines; a profile or JSON error stops it on stderr
            settings_lines = [line for line in result.stdout.splitlines() if line.startswith("FAIL settings")]
            lines = settings_lines or result.stderr.strip().splitlines()
        assert len(lines) == 1, result.output
        assert all(fragment in lines[0] for fragment in fragments), lines[0]
        assert result.seconds < 30


# -- bounded remote calls, in process -----------------------------------------------------------------


@pytest.mark.servers
def test_a_hung_llm_server_fails_after_timeout_times_attempts_not_later(silent_port: int) -> None:
    settings = load_settings(
        env_file=None,
        llm={
            "provider": "openai_like",
            "api_base": f"http://127.0.0.1:{silent_port}/v1",
            "timeout_s": 1,
            "max_retries": 1,
            "api_key": SECRET,
        },
    )
    llm = make_llm(settings.llm)
    for call in (lambda: llm.chat(chat()), lambda: "".join(c.delta or "" for c in llm.stream_chat(chat()))):
        started = time.perf_counter()
        with pytest.raises(ProviderError) as err:
            call()
        elapsed = time.perf_counter() - started
        assert 2 <= elapsed < 5  # two attempts of 1 s and a 0.5 s backoff, plus slack for a busy CI machine
        assert "within 1 s (RAG_LLM__TIMEOUT_S)" in str(err.value) and SECRET not in str(err.value)


@pytest.mark.servers
def test_a_hung_embedding_server_fails_within_the_timeout(silent_port: int) -> None:
    settings = load_settings(
        env_file=None,
        embed={
            "provider": "openai_like",
            "api_base": f"http://127.0.0.1:{silent_port}/v1",
            "model": "m",
            "timeout_s": 1,
            "max_retries": 0,
        },
    )
    started = time.perf_counter()
    with pytest.raises(ProviderError, match=r"within 1 s \(RAG_EMBED__TIMEOUT_S\)"):
        make_embedding(settings.embed).get_text_embedding_batch(["a", "b"])
    assert time.perf_counter() - started < 4


@pytest.mark.servers
def test_retries_are_exactly_max_retries_and_a_server_error_is_one_line(
    http_stub: Callable[..., HttpStub],
) -> None:
    stub = http_stub(503, b'{"error": {"message": "model is loading"}}')
    settings = load_settings(
        env_file=None,
        llm={"provider": "openai_like", "api_base": f"{stub.url}/v1", "max_retries": 2, "api_key": SECRET},
    )
    with pytest.raises(ProviderError) as err:
        make_llm(settings.llm).chat(chat())
    assert len(stub.requests) == 3  # 1 + max_retries, not multiplied by LlamaIndex's own retry loop
    assert stub.requests[0][2]["Authorization"] == f"Bearer {SECRET}"
    message = str(err.value)
    assert "answered HTTP 503" in message and "model is loading" in message
    assert "\n" not in message and SECRET not in message


@pytest.mark.servers
def test_a_hung_chroma_server_fails_within_the_store_timeout(silent_port: int) -> None:
    settings = load_settings(env_file=None, store={"provider": "server", "port": silent_port, "timeout_s": 1})
    started = time.perf_counter()
    with pytest.raises(ProviderError, match=r"within 1 s \(RAG_STORE__TIMEOUT_S\)"):
        make_chroma_client(settings.store)
    assert time.perf_counter() - started < 4


@pytest.mark.servers
def test_the_store_token_and_headers_reach_the_server_and_a_rejection_names_them(
    http_stub: Callable[..., HttpStub],
) -> None:
    stub = http_stub(401, b'{"error": "Unauthorized"}')
    settings = load_settings(
        env_file=None,
        store={"provider": "server", "port": stub.port, "token": SECRET, "headers": {"X-Tenant": "team-a"}},
    )
    with pytest.raises(ProviderError) as err:
        make_chroma_client(settings.store)
    headers = stub.requests[0][2]
    assert headers["Authorization"] == f"Bearer {SECRET}" and headers["X-Tenant"] == "team-a"
    assert "rejected the credentials (RAG_STORE__TOKEN, RAG_STORE__HEADERS)" in str(err.value)
    assert SECRET not in str(err.value)


@pytest.mark.servers
def test_a_chroma_server_that_stops_mid_session_fails_the_next_query_in_one_line(
    short_lived_chroma_server: Server, fake_settings: Callable[..., Settings]
) -> None:
    settings = fake_settings(store={"provider": "server", "port": short_lived_chroma_server.port, "timeout_s": 2})
    build_index(settings)
    client = make_chroma_client(settings.store)
    collection, _ = find_active(client, embed_key(settings.embed))
    vectors = ChromaVectors(collection)
    probe = make_embedding(settings.embed).get_query_embedding("Lachin corridor")
    assert vectors.query(probe, 2)
    assert client._server._session.timeout.read == 2  # chromadb's own session carries the store timeout
    short_lived_chroma_server.stop()
    started = time.perf_counter()
    with pytest.raises(
        ProviderError, match=r"cannot reach the Chroma server at .* \(RAG_STORE__HOST, RAG_STORE__PORT\)"
    ):
        vectors.query(probe, 2)
    assert time.perf_counter() - started < 5
