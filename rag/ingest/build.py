"""The write path: load -> clean -> chunk -> embed -> store.

Idempotent: chunk ids come from content + chunker settings and the collection name from article,
chunker and embedding model, so a rerun on unchanged input finds a complete collection and embeds
nothing (the embedding model is not even loaded). An interrupted build resumes where it stopped.
A changed article, chunker or model builds a new collection, which readers see only once complete;
superseded collections of the same model are dropped afterwards, other models' are kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rag.errors import IndexDamagedError, ProviderError, RagError
from rag.ingest.article import load_article
from rag.ingest.chunker import chunk_text
from rag.ingest.instructions import flag_instructions
from rag.ingest.store import (
    ChromaVectors,
    Manifest,
    chunker_signature,
    collection_name,
    list_manifests,
)
from rag.providers.embeddings import check_dimension, embed_key, make_embedding
from rag.providers.store import StoreDamagedError, make_chroma_client, move_aside
from rag.settings import Settings

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class IndexReport:
    chunks: int
    embedded: int
    collection: str
    seconds: float
    dimension: int
    removed: list[str]
    repaired: str = ""  # what was done about a damaged store, when something was
    flagged: int = 0  # sentences flagged as instructions (kept out of the evidence)


def build_index(
    settings: Settings,
    *,
    embed_model: BaseEmbedding | None = None,
    client: Any = None,
    progress: Progress | None = None,
    rebuild: bool = False,
) -> IndexReport:
    """Build or refresh the index for the configured article and embedding model.

    ``rebuild`` embeds every chunk again into a *new* collection; the current one keeps serving
    readers until the new one is complete, and is deleted only after that switch. It also repairs
    a damaged embedded store: the damaged directory is moved aside (never deleted) and a new one
    is built; the report says so.
    """
    started = time.perf_counter()
    article = load_article(settings.index.article_path)
    chunks = chunk_text(article.text, settings.index.chunk_size, settings.index.chunk_overlap)
    flagged = [[s, e] for s, e in flag_instructions(article.text)]
    key = embed_key(settings.embed)
    signature = chunker_signature(settings.index.chunk_size, settings.index.chunk_overlap)
    base = collection_name(key, article.sha256, signature)
    repaired = ""
    if client is None:
        client, repaired = _open_store(settings, repair=rebuild)

    existing = dict(list_manifests(client))
    same = {n: m for n, m in existing.items() if m is not None and _builds(m, key, article.sha256, signature)}

    def report(name: str, embedded: int, dimension: int, removed: list[str]) -> IndexReport:
        seconds = time.perf_counter() - started
        return IndexReport(len(chunks), embedded, name, seconds, dimension, removed, repaired, len(flagged))

    if not rebuild:
        for name, manifest in sorted(same.items(), key=lambda nm: nm[1].built_at, reverse=True):
            if manifest.complete and _intact(client, name, chunks):
                if manifest.flagged != flagged:  # flags are metadata: refreshed without re-embedding
                    _set_manifest(client, name, replace(manifest, flagged=flagged))
                removed = _drop_superseded(client, existing, key, keep=name)
                return report(name, 0, manifest.dimension, removed)
        # resume an interrupted build (or repair a damaged one) in place; else start the base name
        name = next((n for n, m in same.items() if not m.complete), next(iter(same), base))
    else:
        name = _fresh_name(base, existing)
    previous = same.get(name)

    draft = Manifest(
        embed_key=key,
        article_sha256=article.sha256,
        article_text=article.text,
        title=article.title,
        author=article.author,
        date=article.date,
        chunker=signature,
        chunks=len(chunks),
        flagged=flagged,
    )
    # embedding_function=None: vectors always come from our model, never Chroma's downloader
    collection = client.get_or_create_collection(name, metadata=draft.to_metadata(), embedding_function=None)
    stored = set(collection.get(include=[])["ids"])
    wanted = {c.id for c in chunks}
    if stored - wanted:  # not ours: start this collection over
        collection.delete(ids=sorted(stored - wanted))
        stored &= wanted
    todo = [c for c in chunks if c.id not in stored]

    model = embed_model if embed_model is not None else (make_embedding(settings.embed) if todo else None)
    dimension = previous.dimension if previous else 0
    vectors = ChromaVectors(collection)
    batch = max(1, settings.embed.batch_size)
    header = {"title": article.title, "author": article.author, "date": article.date}
    if progress:
        progress(len(chunks) - len(todo), len(chunks))
    for i in range(0, len(todo), batch):
        part = todo[i : i + batch]
        assert model is not None
        embeddings = _embed(model, [c.text for c in part])
        dimension = check_dimension(
            (len(e) for e in embeddings),
            dimension,
            against=f"the index for {key}",
            fix="check RAG_EMBED__DIMENSIONS, or run `rag index --rebuild`",
            setting="RAG_EMBED__DIMENSIONS",
        )
        vectors.add(part, embeddings, header)
        if progress:
            progress(len(chunks) - len(todo) + i + len(part), len(chunks))
    if not dimension:
        dimension = _stored_dimension(collection)

    # the switch: readers pick the newest complete collection, so from here on they get this one
    final = replace(
        draft, dimension=dimension, complete=True, built_at=datetime.now(UTC).isoformat(timespec="microseconds")
    )
    _set_manifest(client, name, final)
    if not _intact(client, name, chunks):
        raise IndexDamagedError(f"index collection {name} is incomplete after building; run `rag index --rebuild`")
    removed = _drop_superseded(client, existing, key, keep=name)
    return report(name, len(todo), dimension, removed)


def _builds(manifest: Manifest, key: str, sha256: str, signature: str) -> bool:
    """Whether ``manifest`` is (a build of) this article with this chunker and model."""
    return (manifest.embed_key, manifest.article_sha256, manifest.chunker) == (key, sha256, signature)


def _fresh_name(base: str, existing: dict[str, Manifest | None]) -> str:
    """A collection name not in use: ``base``, else ``base-r<time>`` (a rebuild beside the old)."""
    if base not in existing:
        return base
    return f"{base}-r{time.time_ns():x}"


def _set_manifest(client: Any, name: str, manifest: Manifest) -> None:
    client.get_collection(name).modify(metadata=_modifiable(manifest.to_metadata()))


def _open_store(settings: Settings, *, repair: bool) -> tuple[Any, str]:
    """The store client; with ``repair``, a damaged embedded store is moved aside first."""
    try:
        return make_chroma_client(settings.store), ""
    except StoreDamagedError as err:
        if not repair:
            raise
        moved = move_aside(err.path)
        client = make_chroma_client(settings.store)
        return client, f"the index at {err.path} was damaged ({err.problem}); moved it to {moved} and built a new one"


def _embed(model: BaseEmbedding, texts: list[str]) -> list[list[float]]:
    try:
        return model.get_text_embedding_batch(texts)
    except RagError:
        raise
    except Exception as exc:  # remote providers raise their own error types
        raise ProviderError(
            "embeddings", f"embedding failed: {str(exc)[:200]}", setting="RAG_EMBED__PROVIDER"
        ) from None


def _intact(client: Any, name: str, chunks: list[Any]) -> bool:
    got = client.get_collection(name).get(include=[])
    return set(got["ids"]) == {c.id for c in chunks}


def _stored_dimension(collection: Any) -> int:
    got = collection.get(limit=1, include=["embeddings"])
    embeddings = got.get("embeddings")
    return len(embeddings[0]) if embeddings is not None and len(embeddings) else 0


def _modifiable(metadata: dict[str, Any]) -> dict[str, Any]:
    # the distance function is fixed at creation; chroma refuses to "change" it later
    return {k: v for k, v in metadata.items() if not k.startswith("hnsw:")}


def _drop_superseded(client: Any, existing: dict[str, Manifest | None], key: str, keep: str) -> list[str]:
    """Delete older collections of the same embedding model (other models' stay), after the
    switch to ``keep``; one another process deleted first is no error."""
    removed = []
    for name, manifest in existing.items():
        if name != keep and (manifest is None or manifest.embed_key == key):
            try:
                client.delete_collection(name)
            except Exception:  # already gone (a concurrent build): nothing left to remove
                continue
            removed.append(name)
    return removed
