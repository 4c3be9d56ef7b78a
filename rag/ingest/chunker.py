"""Sentence-aware chunking with exact offsets and content-derived ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rag.ingest.sentences import paragraphs, sentences

CHUNKER_VERSION = "sentences-v2"  # v2: a list item is a sentence of its own


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences: ``text == article_text[start:end]``."""

    id: str
    text: str
    start: int
    end: int


def chunk_text(text: str, chunk_size: int, overlap: int) -> list[Chunk]:
    """Group whole sentences into chunks of about ``chunk_size`` characters.

    Chunks stay inside a paragraph; neighbouring chunks of one paragraph share ``overlap``
    sentences. A sentence longer than ``chunk_size`` is a chunk on its own (never cut).
    """
    if chunk_size < 1 or overlap < 0:
        raise ValueError("chunk_size must be >= 1 and overlap >= 0")
    chunks: list[Chunk] = []
    for p_start, p_end in paragraphs(text):
        spans = sentences(text, p_start, p_end)
        first = 0
        while first < len(spans):
            last = first
            while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= chunk_size:
                last += 1
            start, end = spans[first][0], spans[last][1]
            chunks.append(Chunk(_chunk_id(text[start:end], start, chunk_size, overlap), text[start:end], start, end))
            if last + 1 >= len(spans):
                break
            first = max(first + 1, last + 1 - overlap)
    return chunks


def _chunk_id(text: str, start: int, chunk_size: int, overlap: int) -> str:
    key = f"{CHUNKER_VERSION}|{chunk_size}|{overlap}|{start}|{text}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
