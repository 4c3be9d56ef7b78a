"""Start-up checks with bounded timeouts: each failure is one line naming the setting to fix.

``rag doctor`` prints them all; :func:`preflight_llm` is what the engine runs before it accepts a
question, so a misconfigured server fails at start, not in the middle of an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import ConfigError, ProviderError, RagError
from core.providers.bundled import smollm2_gguf
from core.providers.embeddings import embed_key, make_embedding
from core.providers.store import describe_store, make_chroma_client
from core.settings import LLMSettings, Settings
from index.article import load_article

_GGUF_MAGIC = b"GGUF"
DOCTOR_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def run_checks(settings: Settings) -> Iterator[Check]:
    """Every check, in the order a user would fix things."""
    yield _check("article", lambda: _article(settings))
    yield _check("llm", lambda: preflight_llm(settings.llm))
    dimension: list[int] = []
    yield _check("embeddings", lambda: _embeddings(settings, dimension))
    yield _check("store", lambda: _store(settings))
    yield _check("index", lambda: _index(settings, dimension[0] if dimension else 0))


def _check(name: str, fn: Callable[[], str]) -> Check:
    try:
        return Check(name, True, fn())
    except RagError as err:
        return Check(name, False, str(err))


def _article(settings: Settings) -> str:
    article = load_article(settings.index.article_path)
    return f"{article.title!r} ({len(article.text)} characters after cleaning)"


def preflight_llm(llm: LLMSettings) -> str:
    """Check the LLM is there: the GGUF file for embedded, the server and model for remote."""
    if llm.provider == "fake":
        return "fake (no model)"
    if llm.provider == "embedded":
        path = Path(llm.model_path) if llm.model_path else smollm2_gguf()
        if not path.is_file():
            raise ConfigError(f"GGUF model file not found: {path} (RAG_LLM__MODEL_PATH)", setting="RAG_LLM__MODEL_PATH")
        with path.open("rb") as fh:
            if fh.read(4) != _GGUF_MAGIC:
                raise ConfigError(f"{path} is not a GGUF file (RAG_LLM__MODEL_PATH)", setting="RAG_LLM__MODEL_PATH")
        return f"embedded GGUF {path.name} ({path.stat().st_size // 1_000_000} MB)"
    models = _list_models(llm.api_base or None, llm.api_key.get_secret_value() if llm.api_key else None,
                          min(llm.timeout_s, DOCTOR_TIMEOUT_S), "RAG_LLM__")  # fmt: skip
    if models and llm.model not in models:
        raise ProviderError(
            "llm",
            f"the server has no model {llm.model!r} (it has: {', '.join(sorted(models)[:8])}); set RAG_LLM__MODEL",
            setting="RAG_LLM__MODEL",
        )
    return f"{llm.provider} server {llm.api_base or 'api.openai.com'} has {llm.model!r}"


def _list_models(api_base: str | None, api_key: str | None, timeout: float, prefix: str) -> set[str]:
    import openai

    client = openai.OpenAI(base_url=api_base, api_key=api_key or "not-needed", timeout=timeout, max_retries=0)
    try:
        return {m.id for m in client.models.list()}
    except openai.AuthenticationError:
        raise ProviderError("llm", f"the server rejected the API key ({prefix}API_KEY)", setting=f"{prefix}API_KEY") from None
    except openai.APITimeoutError:
        raise ProviderError("llm", f"no answer from {api_base} within {timeout:.0f} s ({prefix}API_BASE)") from None
    except openai.APIConnectionError:
        raise ProviderError(
            "llm", f"cannot reach {api_base}; is the server running? ({prefix}API_BASE)", setting=f"{prefix}API_BASE"
        ) from None
    except openai.NotFoundError:
        raise ProviderError(
            "llm", f"{api_base} has no /models endpoint; is it an OpenAI-compatible /v1 URL? ({prefix}API_BASE)"
        ) from None
    except openai.APIError as exc:
        raise ProviderError("llm", f"the server answered with an error: {str(exc)[:160]}") from None


def _embeddings(settings: Settings, dimension: list[int]) -> str:
    model = make_embedding(settings.embed)
    try:
        vector = model.get_text_embedding("dimension check")
    except RagError:
        raise
    except Exception as exc:  # remote clients raise their own types
        raise ProviderError("embeddings", f"{type(exc).__name__}: {str(exc)[:160]} (RAG_EMBED__*)") from None
    if settings.embed.dimensions and len(vector) != settings.embed.dimensions:
        raise ConfigError(
            f"the embedding model returns {len(vector)} dimensions, RAG_EMBED__DIMENSIONS says {settings.embed.dimensions}",
            setting="RAG_EMBED__DIMENSIONS",
        )
    dimension.append(len(vector))
    return f"{embed_key(settings.embed)} returns {len(vector)} dimensions"


def _store(settings: Settings) -> str:
    client = make_chroma_client(settings.store)
    try:
        client.heartbeat()
    except Exception as exc:  # chromadb raises connection errors of several types
        raise ProviderError("chroma", f"no heartbeat from {describe_store(settings.store)} ({type(exc).__name__})") from None
    return describe_store(settings.store)


def _index(settings: Settings, dimension: int) -> str:
    from index.store import find_active

    _, manifest = find_active(make_chroma_client(settings.store), embed_key(settings.embed))
    if dimension and manifest.dimension != dimension:
        raise ConfigError(
            f"the index has {manifest.dimension}-dimension vectors but the model returns {dimension}; run `rag index --rebuild`",
            setting="RAG_EMBED__MODEL",
        )
    article = load_article(settings.index.article_path)
    if article.sha256 != manifest.article_sha256:
        raise ConfigError("the article changed since the index was built; run `rag index`")
    return f"{manifest.chunks} chunks for {manifest.embed_key}, built {manifest.built_at}"
