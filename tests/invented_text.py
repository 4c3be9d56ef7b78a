"""Helpers for the rule tests written on an invented article (``TEXT`` in each test module): rank its
sentences against a question, and ask why the engine would decline it."""

from __future__ import annotations

from rag.answer import Passage
from rag.answering.abstain import abstain_reason
from rag.answering.evidence import Evidence


def evidence_of(text: str) -> Evidence:
    """The text's sentences, its header being everything before the first blank line."""
    return Evidence(text, header_end=text.find("\n\n"))


def whole(text: str) -> list[Passage]:
    """The whole text as the one retrieved passage."""
    return [Passage("all", text, 0, len(text), 1.0)]


def reason(evidence: Evidence, question: str, when: tuple[int, int]) -> str | None:
    """Why the engine would decline ``question`` (no relevance floor), given the text's (year, month)."""
    return abstain_reason(question, evidence.rank(question, whole(evidence.text)), evidence.vocabulary, 0.0, when)


def first(evidence: Evidence, question: str) -> str:
    """The text of the best-ranked sentence."""
    return evidence.rank(question, whole(evidence.text))[0].sentence.text
