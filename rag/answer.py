"""Plain data returned by the engine: no framework objects cross this boundary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk: ``text == article_text[start:end]``."""

    id: str
    text: str
    start: int
    end: int
    score: float  # fused retrieval score (higher is better)
    vector_score: float | None = None  # cosine similarity, when the vector retriever found it
    bm25_score: float | None = None


@dataclass(frozen=True)
class Citation:
    """Marker ``[n]`` in the answer text points at ``article_text[start:end] == quote``."""

    n: int
    start: int
    end: int
    quote: str


@dataclass
class Timings:
    rewrite_ms: float = 0.0
    retrieve_ms: float = 0.0
    first_token_ms: float = 0.0
    total_ms: float = 0.0


@dataclass(frozen=True)
class Dropped:
    """A model sentence that was not shown, and the check it failed (one line)."""

    text: str
    reason: str


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation]
    passages: list[Passage]
    abstained: bool
    timings: Timings = field(default_factory=Timings)
    standalone_question: str = ""  # the follow-up rewritten with the history, if it was one
    # how the text was produced: the model's verified sentences, extractive quotes, or both
    mode: Literal["generated", "extractive", "mixed", "abstained"] = "generated"
    dropped: list[Dropped] = field(default_factory=list)  # model sentences that failed the checks, and why
    abstain_reason: str = ""  # why the engine declined, when it did

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Turn:
    """One earlier exchange, for follow-up questions."""

    question: str
    answer: str


@dataclass(frozen=True)
class TextDelta:
    """A piece of verified answer text, streamed as soon as it passes the checks."""

    text: str
    citations: tuple[Citation, ...] = ()  # the citations this piece uses for the first time


@dataclass(frozen=True)
class Final:
    """The last event of a stream: the complete answer."""

    answer: Answer


StreamEvent = TextDelta | Final
