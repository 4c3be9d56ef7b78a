"""Chunks in Chroma, one collection per (article, chunker, embedding model).

Each collection carries its own manifest in the collection metadata: article hash, cleaned text
and header fields, embedding key and dimension, chunker settings, chunk count, and a ``complete``
flag set only after the last chunk is stored. Readers only ever open a complete collection, so a
half-built index is never used; a new article or model gets a new collection beside the old one.
This works the same against an embedded ``PersistentClient`` and a ``chroma run`` server.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from rag.errors import IndexDamagedError, IndexMissingError
from rag.ingest.article import CLEANER_VERSION
from rag.ingest.chunker import CHUNKER_VERSION, Chunk

PREFIX = "rag_"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Manifest:
    embed_key: str
    article_sha256: str
    article_text: str
    title: str
    author: str
    date: str
    chunker: str  # "<version>|<size>|<overlap>"
    dimension: int = 0
    chunks: int = 0
    complete: bool = False
    built_at: str = ""
    version: int = MANIFEST_VERSION
    # sentences that instruct the reader or an assistant (rag.ingest.instructions): never evidence;
    # None in a manifest written before they were flagged
    flagged: list[list[int]] | None = None

    def to_metadata(self) -> dict[str, Any]:
        return {"hnsw:space": "cosine", "rag_manifest": json.dumps(asdict(self), ensure_ascii=False)}

    @classmethod
    def from_metadata(cls, name: str, metadata: dict[str, Any] | None) -> Manifest:
        raw = (metadata or {}).get("rag_manifest")
        try:
            data = json.loads(raw) if isinstance(raw, str) else None
            if not isinstance(data, dict):
                raise ValueError("no manifest")
            return cls(**data)
        except (TypeError, ValueError) as exc:
            raise IndexDamagedError(
                f"index collection {name} has no readable manifest ({exc}); run `rag index --rebuild`"
            ) from None


def chunker_signature(chunk_size: int, overlap: int) -> str:
    # the cleaner's version too: an index built from text cleaned another way is rebuilt, not reused
    return f"{CHUNKER_VERSION}|{CLEANER_VERSION}|{chunk_size}|{overlap}"


def collection_name(embed_key: str, article_sha256: str, chunker: str) -> str:
    digest = hashlib.sha256(f"{embed_key}|{article_sha256}|{chunker}".encode()).hexdigest()
    return PREFIX + digest[:24]


def list_manifests(client: Any) -> list[tuple[str, Manifest | None]]:
    """Every index collection with its manifest (``None`` when unreadable).

    The listing carries each collection's metadata, so a collection another process deletes
    meanwhile is simply not listed (or listed for the last time), never an error here.
    """
    out: list[tuple[str, Manifest | None]] = []
    for col in _chroma(client.list_collections):
        name = col if isinstance(col, str) else col.name
        if not name.startswith(PREFIX):
            continue
        metadata = _metadata_of(client, name) if isinstance(col, str) else col.metadata
        try:
            out.append((name, Manifest.from_metadata(name, metadata)))
        except IndexDamagedError:
            out.append((name, None))
    return out


def _metadata_of(client: Any, name: str) -> dict[str, Any] | None:
    try:
        return client.get_collection(name).metadata  # type: ignore[no-any-return]
    except Exception:  # deleted meanwhile
        return None


def _chroma(call: Callable[[], Any]) -> Any:
    """``call()``, a chromadb failure becoming :class:`IndexDamagedError` (one line)."""
    try:
        return call()
    except IndexDamagedError:
        raise
    except Exception as exc:
        detail = " ".join(str(exc).split())[:160]
        raise IndexDamagedError(
            f"cannot read the index ({type(exc).__name__}: {detail}); run `rag index --rebuild`"
        ) from None


def find_active(client: Any, embed_key: str) -> tuple[Any, Manifest]:
    """The newest complete collection for ``embed_key``; a clear error when there is none."""
    manifests = list_manifests(client)
    found = [(name, m) for name, m in manifests if m is not None and m.embed_key == embed_key and m.complete]
    if not found:
        others = sorted({m.embed_key for _, m in manifests if m is not None and m.complete})
        hint = f" (indexes exist for: {', '.join(others)})" if others else ""
        raise IndexMissingError(f"no index for embedding model {embed_key}{hint}; run `rag index`")
    name, manifest = max(found, key=lambda nm: (nm[1].built_at, nm[0]))
    return _chroma(lambda: client.get_collection(name)), manifest


def open_active(client: Any, embed_key: str, attempts: int = 5) -> tuple[Any, Manifest, list[Chunk]]:
    """:func:`find_active` and :func:`read_chunks`, retried when a rebuild in another process
    switches collections in between (the one found was deleted before it was read)."""
    for attempt in range(attempts):
        collection = None
        try:
            collection, manifest = find_active(client, embed_key)
            return collection, manifest, read_chunks(collection, manifest)
        except IndexDamagedError:
            if attempt + 1 == attempts or _still_listed(client, collection):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _still_listed(client: Any, collection: Any) -> bool:
    """Whether ``collection`` (None: not opened) is still in the store: then it is truly damaged."""
    if collection is None:
        return False
    return any(name == collection.name for name, _ in list_manifests(client))


def flagged_spans(manifest: Manifest) -> list[tuple[int, int]]:
    """The manifest's flagged sentences; computed now for a manifest written before flagging."""
    from rag.ingest.instructions import flag_instructions

    spans = manifest.flagged if manifest.flagged is not None else flag_instructions(manifest.article_text)
    return [(int(s), int(e)) for s, e in spans]


def read_chunks(collection: Any, manifest: Manifest) -> list[Chunk]:
    """All chunks of a complete collection, in article order, checked against the manifest."""
    try:
        got = collection.get(include=["documents", "metadatas"])
    except Exception as exc:  # a damaged store fails in chromadb-specific ways
        raise IndexDamagedError(f"cannot read the index ({type(exc).__name__}); run `rag index --rebuild`") from None
    chunks = []
    for cid, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=False):
        start, end = int((meta or {}).get("start", -1)), int((meta or {}).get("end", -1))
        if text is None or manifest.article_text[start:end] != text:
            raise IndexDamagedError(f"chunk {cid} does not match the indexed article; run `rag index --rebuild`")
        chunks.append(Chunk(cid, text, start, end))
    if len(chunks) != manifest.chunks:
        raise IndexDamagedError(
            f"the index holds {len(chunks)} chunks, its manifest says {manifest.chunks}; run `rag index --rebuild`"
        )
    return sorted(chunks, key=lambda c: c.start)


class ChromaVectors:
    """Vector search over one collection through LlamaIndex's ``ChromaVectorStore``."""

    def __init__(self, collection: Any, reopen: Callable[[], Any] | None = None) -> None:
        """``reopen`` returns the active collection again: a long-lived reader whose collection a
        rebuild replaced (and then deleted) follows the switch instead of failing."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.store = ChromaVectorStore(chroma_collection=collection)
        self.reopen = reopen

    def add(self, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]], metadata: dict[str, Any]) -> None:
        from llama_index.core.schema import BaseNode, TextNode

        nodes: list[BaseNode] = [
            TextNode(
                id_=c.id,
                text=c.text,
                embedding=list(e),
                metadata={**metadata, "start": c.start, "end": c.end},
            )
            for c, e in zip(chunks, embeddings, strict=True)
        ]
        self.store.add(nodes)

    def query(self, embedding: Sequence[float], k: int) -> list[tuple[str, float]]:
        from llama_index.core.vector_stores.types import VectorStoreQuery
        from llama_index.vector_stores.chroma import ChromaVectorStore

        query = VectorStoreQuery(query_embedding=list(embedding), similarity_top_k=k)
        try:
            result = self.store.query(query)
        except Exception:
            if self.reopen is None:
                raise
            self.store = ChromaVectorStore(chroma_collection=self.reopen())
            result = _chroma(lambda: self.store.query(query))
        ids = result.ids or []
        sims = result.similarities or [0.0] * len(ids)
        return list(zip(ids, sims, strict=False))
