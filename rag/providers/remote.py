"""What the OpenAI-compatible backends share: bounded calls and one-line errors.

An :class:`Endpoint` is one configured server (OpenAI itself, vLLM, llama.cpp server, LM Studio,
Ollama's ``/v1``) as the LLM or the embedding model sees it. It turns the ``openai`` client's
exceptions into a :class:`ProviderError` that names the setting to fix, with every secret removed,
and lists the server's models for the start-up checks.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from pydantic import SecretStr

from rag.errors import ConfigError, ProviderError, RagError
from rag.settings import EmbedSettings, LLMSettings, redact_url, url_credentials

if TYPE_CHECKING:
    import openai

T = TypeVar("T")
C = TypeVar("C", "openai.OpenAI", "openai.AsyncOpenAI")
CONNECT_TIMEOUT_S = 5.0  # refusing or unreachable hosts fail fast even with a long read timeout
# what the LlamaIndex objects get as their api_key: their fields show up in repr(), to_dict() and
# instrumentation events, so the real key lives only in the client Endpoint.client() builds
KEY_PLACEHOLDER = "kept-in-the-bounded-client"


@dataclass(frozen=True)
class Endpoint:
    """One OpenAI-compatible server as configured for the LLM (``RAG_LLM__``) or embeddings."""

    kind: str  # "llm" or "embeddings": what the error messages call it
    prefix: str  # "RAG_LLM__" or "RAG_EMBED__": where the user fixes it
    api_base: str  # "" = api.openai.com
    model: str
    api_key: SecretStr | None
    timeout_s: float
    max_retries: int
    # openai: a key is required (the setting, else OPENAI_API_KEY); local servers usually take none
    needs_key: bool = False

    @classmethod
    def of(cls, settings: LLMSettings | EmbedSettings) -> Endpoint:
        """The server an ``openai`` / ``openai_like`` LLM or embedding model talks to."""
        is_llm = isinstance(settings, LLMSettings)
        return cls(
            kind="llm" if is_llm else "embeddings",
            prefix="RAG_LLM__" if is_llm else "RAG_EMBED__",
            api_base=settings.api_base,
            model=settings.model,
            api_key=settings.api_key,
            timeout_s=settings.timeout_s,
            max_retries=settings.max_retries,
            needs_key=settings.provider == "openai",
        )

    @property
    def where(self) -> str:
        """The server, safe to show (credentials in the URL removed)."""
        return redact_url(self.api_base) if self.api_base else "api.openai.com"

    def client(self, *, timeout_s: float | None = None, max_retries: int | None = None) -> openai.OpenAI:
        """An ``openai`` client whose every request is bounded: ``timeout_s`` per read,
        ``1 + max_retries`` attempts (the client's own backoff: 0.5 s, 1 s, 2 s ... at most 8 s)."""
        import openai

        return self._client(openai.OpenAI, timeout_s, max_retries)

    def async_client(self) -> openai.AsyncOpenAI:
        """The same, for LlamaIndex's async methods."""
        import openai

        return self._client(openai.AsyncOpenAI, None, None)

    def _client(self, cls: type[C], timeout_s: float | None, max_retries: int | None) -> C:
        import httpx
        import openai

        if self.api_base and not self.api_base.startswith(("http://", "https://")):
            raise ConfigError(
                f"{self.prefix}API_BASE must be a URL starting with http:// or https:// (got {self.where!r})",
                setting=f"{self.prefix}API_BASE",
            )
        timeout = self.timeout_s if timeout_s is None else timeout_s
        with self.translated():
            try:
                return cls(
                    # the client insists on some key; local servers ignore it, and credentials in the
                    # URL replace it (httpx sends them as Basic auth, which overrides the Bearer header)
                    api_key=self.key()
                    or ("not-needed" if any(url_credentials(self.api_base)) or not self.needs_key else None),
                    base_url=self.api_base or None,
                    timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT_S)),
                    max_retries=self.max_retries if max_retries is None else max_retries,
                )
            except openai.OpenAIError:  # only raised for a missing key
                raise ConfigError(
                    f"no API key for {self.where}: set {self.prefix}API_KEY", setting=f"{self.prefix}API_KEY"
                ) from None

    def key(self) -> str:
        return self.api_key.get_secret_value() if self.api_key else ""

    def list_models(self, timeout_s: float) -> set[str]:
        """The model ids the server offers (one request, no retries)."""
        client = self.client(timeout_s=timeout_s, max_retries=0)
        with self.translated():
            return {m.id for m in client.models.list()}

    def has_model(self, models: set[str]) -> bool:
        """Whether ``self.model`` is among ``models`` (Ollama lists ``name:latest`` for ``name``).
        A server that lists nothing is given the benefit of the doubt."""
        return not models or self.model in models or f"{self.model}:latest" in models

    def missing_model(self, models: set[str]) -> ProviderError:
        offered = ", ".join(sorted(models)[:8]) + (" ..." if len(models) > 8 else "")
        return ProviderError(
            self.kind,
            f"the server at {self.where} has no model {self.model!r} (it has: {offered}); set {self.prefix}MODEL",
            setting=f"{self.prefix}MODEL",
        )

    @contextmanager
    def translated(self) -> Iterator[None]:
        """Re-raise the client's and the transport's errors as one-line :class:`ProviderError`."""
        try:
            yield
        except RagError:
            raise
        except Exception as exc:
            error = self.error(exc)
            if error is None:
                raise
            raise error from None

    def stream(self, items: Iterable[T]) -> Generator[T, None, None]:
        """``items`` with errors raised while streaming translated too."""
        with self.translated():
            yield from items

    def error(self, exc: BaseException) -> ProviderError | None:
        """The one-line error for ``exc``, or ``None`` when it is not a remote failure."""
        import httpx
        import openai

        p, where = self.prefix, self.where
        if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
            return self._error(f"no answer from {where} within {self.timeout_s:g} s ({p}TIMEOUT_S)", "TIMEOUT_S")
        if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
            return self._error(f"cannot reach {where}; is the server running? ({p}API_BASE)", "API_BASE")
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            return self._error(f"the server at {where} rejected the API key ({p}API_KEY)", "API_KEY")
        if isinstance(exc, openai.NotFoundError):
            return self._error(
                f"the server at {where} has no model {self.model!r} or is not an OpenAI-compatible URL "
                f"ending in /v1 ({p}MODEL, {p}API_BASE)",
                "MODEL",
            )
        if isinstance(exc, openai.RateLimitError):
            return self._error(f"{where} is rate limiting requests; try later or raise {p}MAX_RETRIES", "MAX_RETRIES")
        if isinstance(exc, openai.APIStatusError):
            hint = f"{p}CONTEXT_WINDOW" if self.kind == "llm" and exc.status_code == 400 else f"{p}MODEL"
            return self._error(
                f"the server at {where} answered HTTP {exc.status_code}: {self.clean(exc.message)} ({hint})",
                hint.removeprefix(p),
            )
        if isinstance(exc, openai.OpenAIError):
            return self._error(f"{type(exc).__name__}: {self.clean(str(exc))} ({p}API_BASE)", "API_BASE")
        return None

    def clean(self, text: str, limit: int = 160) -> str:
        """``text`` on one line, short, with the key and any URL credentials removed."""
        return clean_message(text, [self.key(), *url_credentials(self.api_base)], limit)

    def _error(self, message: str, field: str) -> ProviderError:
        return ProviderError(self.kind, self.clean(message, limit=400), setting=self.prefix + field)


def clean_message(text: str, secrets: Iterable[str], limit: int = 160) -> str:
    """One line of at most ``limit`` characters with every secret and URL password masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "****")
    text = re.sub(r"(://)\S*@", r"\1****@", text)  # up to the last @ of the URL, whatever the password holds
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unexpected_error(exc: BaseException, kind: str) -> ProviderError:
    """A model failed in a way no provider translated (an in-process model, a fake): one line."""
    prefix = "RAG_LLM__" if kind == "llm" else "RAG_EMBED__"
    if isinstance(exc, TimeoutError):
        return ProviderError(
            kind, f"the model did not answer in time ({prefix}TIMEOUT_S)", setting=prefix + "TIMEOUT_S"
        )
    if isinstance(exc, ConnectionError):
        return ProviderError(
            kind, f"cannot reach the model server; is it running? ({prefix}API_BASE)", setting=prefix + "API_BASE"
        )
    text = str(exc).splitlines()[0] if str(exc).strip() else ""
    return ProviderError(kind, clean_message(f"{type(exc).__name__}: {text}".rstrip(": "), []))


def pip_name(exc: ImportError) -> str:
    """The PyPI name of the module an import failed on (``llama_index.llms.openai`` ->
    ``llama-index-llms-openai``), for the install hint."""
    return (exc.name or "llama-index-llms-openai").replace(".", "-").replace("_", "-")
