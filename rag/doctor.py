"""Start-up checks with bounded timeouts: each failure is one line naming the setting to fix.

``rag doctor`` prints them all. :func:`preflight` is the part the engine runs before it accepts a
question (the LLM and embedding servers answer and have the models, the vectors have the expected
size), so a misconfigured server fails at start, not in the middle of an answer. Remote checks
make one request each, with at most :data:`DOCTOR_TIMEOUT_S` and no retries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import ConfigError, ProviderError, RagError
from core.providers.bundled import minilm_dir, smollm2_gguf
from core.providers.embeddings import embed_endpoint, embed_key, make_embedding
from core.providers.llm import llm_endpoint
from core.providers.store import describe_store, make_chroma_client
from core.settings import EmbedSettings, LLMSettings, Settings
from index.article import load_article

_GGUF_MAGIC = b"GGUF"
DOCTOR_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    setting: str | None = None  # the setting to fix, for a failed check


def run_checks(settings: Settings) -> Iterator[Check]:
    """Every check, in the order a user would fix things. The index (keyed by the embedding
    model, kept in the store) is checked only when both of those work: one cause, one failure."""
    yield _check("article", lambda: _article(settings))
    yield _check("llm", lambda: preflight_llm(settings.llm))
    dimension: list[int] = []

    def embeddings() -> str:
        detail, size = _embeddings(settings.embed, load_local=True)
        dimension.append(size)
        return detail

    embedding = _check("embeddings", embeddings)
    yield embedding
    store = _check("store", lambda: _store(settings))
    yield store
    if embedding.ok and store.ok:
        yield _check("index", lambda: _index(settings, dimension[0]))


def preflight(settings: Settings) -> None:
    """What must work before the first question: raise the first failure (a :class:`RagError`)."""
    preflight_llm(settings.llm)
    preflight_embeddings(settings.embed)


def _check(name: str, fn: Callable[[], str]) -> Check:
    try:
        return Check(name, True, fn())
    except RagError as err:
        detail = str(err)
        if isinstance(err, ProviderError):  # "llm: cannot reach ..." reads "FAIL llm: cannot reach ..."
            detail = detail.removeprefix(f"{err.provider}: ")
        return Check(name, False, detail, err.setting)


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
    if llm.provider == "openai_like" and not llm.api_base:
        raise ConfigError("RAG_LLM__API_BASE is required for the openai_like provider", setting="RAG_LLM__API_BASE")
    endpoint = llm_endpoint(llm)
    models = endpoint.list_models(min(llm.timeout_s, DOCTOR_TIMEOUT_S))
    if not endpoint.has_model(models):
        raise endpoint.missing_model(models)
    return f"{llm.provider} server {endpoint.where} has {llm.model!r}"


def preflight_embeddings(embed: EmbedSettings) -> str:
    """Check the embedding model is there: its files for a local model; for a remote one, that the
    server has it and returns vectors of the size ``RAG_EMBED__DIMENSIONS`` asks for."""
    return _embeddings(embed, load_local=False)[0]


def _embeddings(embed: EmbedSettings, *, load_local: bool) -> tuple[str, int]:
    """``(detail, dimension)``; local models are only loaded when ``load_local`` (doctor)."""
    if embed.provider == "embedded":
        path = Path(embed.model) if embed.model else minilm_dir()
        if not path.exists() and (not embed.model or "/" not in embed.model):
            raise ConfigError(
                f"embedding model directory not found: {path} (RAG_EMBED__MODEL)", setting="RAG_EMBED__MODEL"
            )
    elif embed.provider in ("openai", "openai_like"):
        if embed.provider == "openai_like" and not embed.api_base:
            raise ConfigError(
                "RAG_EMBED__API_BASE is required for the openai_like provider", setting="RAG_EMBED__API_BASE"
            )
        endpoint = embed_endpoint(embed)
        models = endpoint.list_models(min(embed.timeout_s, DOCTOR_TIMEOUT_S))
        if not endpoint.has_model(models):
            raise endpoint.missing_model(models)
        load_local = True  # remote: the probe below is the check
    if not load_local:
        return f"{embed_key(embed)} (loaded when the engine starts)", 0
    size = len(_probe_vector(embed))
    return f"{embed_key(embed)} returns {size} dimensions", size


def _probe_vector(embed: EmbedSettings) -> list[float]:
    """One embedding, bounded (no retries); the provider checks its size against the setting."""
    bounded = embed.model_copy(update={"timeout_s": min(embed.timeout_s, DOCTOR_TIMEOUT_S), "max_retries": 0})
    return make_embedding(bounded).get_text_embedding("dimension check")


def _store(settings: Settings) -> str:
    client = make_chroma_client(settings.store)  # a server is probed with a bounded heartbeat
    client.heartbeat()
    return describe_store(settings.store)


def _index(settings: Settings, dimension: int) -> str:
    from index.store import find_active

    _, manifest = find_active(make_chroma_client(settings.store), embed_key(settings.embed))
    if dimension and manifest.dimension != dimension:
        raise ConfigError(
            f"the index for {manifest.embed_key} has {manifest.dimension}-dimension vectors but the model returns "
            f"{dimension}; run `rag index --rebuild` (RAG_EMBED__MODEL)",
            setting="RAG_EMBED__MODEL",
        )
    article = load_article(settings.index.article_path)
    if article.sha256 != manifest.article_sha256:
        raise ConfigError("the article changed since the index was built; run `rag index` (RAG_INDEX__ARTICLE_PATH)")
    return f"{manifest.chunks} chunks for {manifest.embed_key}, built {manifest.built_at}"
