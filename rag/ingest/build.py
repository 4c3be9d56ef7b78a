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
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rag.errors import IndexDamagedError, ProviderError, RagError
from rag.ingest.article import load_article
from rag.ingest.chunker import chunk_text
from rag.ingest.store import (
    ChromaVectors,
    Manifest,
    chunker_signature,
    collection_name,
    list_manifests,
)
from rag.providers.embeddings import check_dimension, embed_key, make_embedding
from rag.providers.store import make_chroma_client
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


def build_index(
    settings: Settings,
    *,
    embed_model: BaseEmbedding | None = None,
    client: Any = None,
    progress: Progress | None = None,
    rebuild: bool = False,
) -> IndexReport:
    """Build or refresh the index for the configured article and embedding model."""
    started = time.perf_counter()
    article = load_article(settings.index.article_path)
    chunks = chunk_text(article.text, settings.index.chunk_size, settings.index.chunk_overlap)
    key = embed_key(settings.embed)
    signature = chunker_signature(settings.index.chunk_size, settings.index.chunk_overlap)
    name = collection_name(key, article.sha256, signature)
    client = client if client is not None else make_chroma_client(settings.store)

    existing = {n: m for n, m in list_manifests(client)}
    if rebuild and name in existing:
        client.delete_collection(name)
        existing.pop(name)
    manifest = existing.get(name)
    if manifest is not None and manifest.complete and _intact(client, name, chunks):
        removed = _drop_superseded(client, existing, key, keep=name)
        return IndexReport(len(chunks), 0, name, time.perf_counter() - started, manifest.dimension, removed)

    draft = Manifest(
        embed_key=key,
        article_sha256=article.sha256,
        article_text=article.text,
        title=article.title,
        author=article.author,
        date=article.date,
        chunker=signature,
        chunks=len(chunks),
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
    dimension = manifest.dimension if manifest else 0
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

    final = Manifest(
        **{**draft.__dict__, "dimension": dimension, "complete": True,
           "built_at": datetime.now(UTC).isoformat(timespec="seconds")}
    )  # fmt: skip
    collection.modify(metadata=_modifiable(final.to_metadata()))
    if not _intact(client, name, chunks):
        raise IndexDamagedError(f"index collection {name} is incomplete after building; run `rag index --rebuild`")
    removed = _drop_superseded(client, existing, key, keep=name)
    return IndexReport(len(chunks), len(todo), name, time.perf_counter() - started, dimension, removed)


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
    """Delete older collections of the same embedding model (other models' stay)."""
    removed = []
    for name, manifest in existing.items():
        if name != keep and (manifest is None or manifest.embed_key == key):
            client.delete_collection(name)
            removed.append(name)
    return removed
