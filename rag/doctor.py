"""Start-up checks with bounded timeouts: each failure is one line naming the setting to fix.

``rag doctor`` prints them all. The model checks live in :mod:`rag.providers.preflight`, which the
engine also runs before it accepts a question, so a misconfigured server fails at start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rag.errors import ConfigError, ProviderError, RagError
from rag.ingest.article import load_article
from rag.providers.embeddings import check_dimension, embed_key
from rag.providers.preflight import embedding_check, preflight_llm
from rag.providers.store import describe_store, make_chroma_client
from rag.settings import Settings


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
        detail, size = embedding_check(settings.embed, load_local=True)
        dimension.append(size)
        return detail

    embedding = _check("embeddings", embeddings)
    yield embedding
    store = _check("store", lambda: _store(settings))
    yield store
    if embedding.ok and store.ok:
        yield _check("index", lambda: _index(settings, dimension[0]))


def _check(name: str, fn: Callable[[], str]) -> Check:
    try:
        return Check(name, True, fn())
    except RagError as err:
        detail = str(err)
        if isinstance(err, ProviderError):  # "llm: cannot reach ..." reads "FAIL llm: cannot reach ..."
            detail = detail.removeprefix(f"{err.provider}: ")
        return Check(name, False, detail, err.setting)


def _article(settings: Settings) -> str:
    from rag.ingest.instructions import flag_instructions

    article = load_article(settings.index.article_path)
    flagged = len(flag_instructions(article.text))
    note = f"; {flagged} sentence(s) instructing a reader or an assistant, never used as evidence" if flagged else ""
    return f"{article.title!r} ({len(article.text)} characters after cleaning{note})"


def _store(settings: Settings) -> str:
    client = make_chroma_client(settings.store)  # a server is probed with a bounded heartbeat
    client.heartbeat()
    return describe_store(settings.store)


def _index(settings: Settings, dimension: int) -> str:
    from rag.ingest.store import find_active

    _, manifest = find_active(make_chroma_client(settings.store), embed_key(settings.embed))
    check_dimension(
        [dimension] if dimension else [],
        manifest.dimension,
        against=f"the index for {manifest.embed_key}",
        fix="run `rag index --rebuild` (RAG_EMBED__MODEL)",
        setting="RAG_EMBED__MODEL",
    )
    article = load_article(settings.index.article_path)
    if article.sha256 != manifest.article_sha256:
        raise ConfigError("the article changed since the index was built; run `rag index` (RAG_INDEX__ARTICLE_PATH)")
    return f"{manifest.chunks} chunks for {manifest.embed_key}, built {manifest.built_at}"
