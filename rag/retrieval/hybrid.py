"""Hybrid retrieval: Chroma vectors + BM25 over the same chunks, fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from rag.answer import Passage
from rag.ingest.chunker import Chunk
from rag.retrieval.bm25 import BM25

Mode = Literal["hybrid", "vector", "bm25"]


class VectorSearch(Protocol):
    def query(self, embedding: Sequence[float], k: int) -> list[tuple[str, float]]:
        """``(chunk id, cosine similarity)`` best first."""
        ...


@dataclass
class Retrieval:
    passages: list[Passage]
    query_embedding: list[float] | None


class HybridRetriever:
    def __init__(
        self,
        chunks: Sequence[Chunk],
        vectors: VectorSearch,
        embed_query: Callable[[str], list[float]],
        candidates: int = 10,
        rrf_k: int = 60,
    ) -> None:
        self.chunks = list(chunks)
        self.by_id = {c.id: i for i, c in enumerate(self.chunks)}
        self.vectors = vectors
        self.embed_query = embed_query
        self.bm25 = BM25([c.text for c in self.chunks])
        self.candidates = candidates
        self.rrf_k = rrf_k

    def retrieve(self, query: str, top_k: int, mode: Mode = "hybrid") -> Retrieval:
        """The ``top_k`` passages for ``query``; the query embedding is returned for reuse."""
        vector_hits: list[tuple[int, float]] = []
        embedding: list[float] | None = None
        if mode in ("hybrid", "vector"):
            embedding = self.embed_query(query)
            hits = self.vectors.query(embedding, self.candidates)
            vector_hits = [(self.by_id[cid], sim) for cid, sim in hits if cid in self.by_id]
        bm25_hits = self.bm25.top(query, self.candidates) if mode in ("hybrid", "bm25") else []

        fused: dict[int, float] = {}
        for ranked_hits in (vector_hits, bm25_hits):
            for rank, (i, _) in enumerate(ranked_hits):
                fused[i] = fused.get(i, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        vec = dict(vector_hits)
        lex = dict(bm25_hits)
        order = sorted(fused, key=lambda i: fused[i], reverse=True)[:top_k]
        passages = [
            Passage(
                id=self.chunks[i].id,
                text=self.chunks[i].text,
                start=self.chunks[i].start,
                end=self.chunks[i].end,
                score=fused[i],
                vector_score=vec.get(i),
                bm25_score=lex.get(i),
            )
            for i in order
        ]
        return Retrieval(passages, embedding)
