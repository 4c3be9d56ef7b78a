"""The article as evidence: sentences, how well they answer a question, and what supports a claim.

Everything here is deterministic and model-free except the sentence embeddings, which are computed
once per engine (the article has tens of sentences) and then only compared by dot product.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.answer import Passage
from rag.answering import answer_type
from rag.ingest.sentences import Span, sentences
from rag.retrieval.lexical import question_terms, raw_tokens, terms, words

_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    terms: frozenset[str]
    words: frozenset[str]


@dataclass(frozen=True)
class Support:
    """Where a claim is backed: the passage index and the exact span inside it."""

    passage: int
    span: Span
    coverage: float


@dataclass(frozen=True)
class ScoredSentence:
    sentence: Sentence
    passage: int  # index into the retrieved passages
    score: float
    semantic: float
    lexical: float
    context_terms: frozenset[str]  # terms of the sentence and its neighbours


# a sentence holding a number for "how many" or a date for "when" is very likely the one;
# most sentences name someone, so a name is weaker evidence for "who"
TYPE_BONUS = {"quantity": 0.15, "date": 0.15, "person": 0.08}
# What a byline block answers: "who wrote it?", "when was it published?"
HEADER_TERMS = frozenset({"author", "publish", "date", "title", "headline"})


class Evidence:
    """The cleaned article split into sentences, with optional sentence embeddings.

    ``header_end`` marks the title/byline/date block at the top; its sentences also answer
    questions about the author, date and title.
    """

    def __init__(self, text: str, embeddings: Sequence[Sequence[float]] | None = None, header_end: int = 0) -> None:
        self.text = text
        self.header_end = header_end
        self.sentences = [
            Sentence(
                s,
                e,
                text[s:e],
                frozenset(terms(text[s:e])) | (HEADER_TERMS if e <= header_end else frozenset()),
                frozenset(words(text[s:e])),
            )
            for s, e in sentences(text)
        ]
        self.vocabulary = {w for s in self.sentences for w in s.words} | {t for s in self.sentences for t in s.terms}
        self.embeddings = [_unit(v) for v in embeddings] if embeddings is not None else None
        if self.embeddings is not None and len(self.embeddings) != len(self.sentences):
            raise ValueError("one embedding per sentence expected")

    def in_passage(self, passage: Passage) -> list[int]:
        return [i for i, s in enumerate(self.sentences) if s.start >= passage.start and s.end <= passage.end]

    def rank(
        self,
        question: str,
        passages: Sequence[Passage],
        query_embedding: Sequence[float] | None = None,
    ) -> list[ScoredSentence]:
        """Sentences of the retrieved passages, best answer-bearing first.

        score = mean of semantic similarity (question vs sentence) and lexical coverage (share of
        the question's content terms found in the sentence or its neighbours), plus a small bonus
        when the sentence holds the kind of answer asked for (a name for "who", a date for
        "when"), and halved for the byline block unless the question asks about it.
        """
        q_terms = set(question_terms(question))
        kind = answer_type.expected(question)
        about_header = bool(q_terms & HEADER_TERMS)
        q_vec = _unit(query_embedding) if query_embedding is not None else None
        seen: set[int] = set()
        scored: list[ScoredSentence] = []
        candidates = [(p, i) for p, passage in enumerate(passages) for i in self.in_passage(passage)]
        if about_header:  # "who wrote it?": the byline answers even when retrieval missed it
            candidates += [(-1, i) for i, s in enumerate(self.sentences) if s.end <= self.header_end]
        for p_index, i in candidates:
            if True:
                if i in seen:
                    continue
                seen.add(i)
                sentence = self.sentences[i]
                lexical = self._coverage(q_terms, i)
                semantic = (
                    _dot(q_vec, self.embeddings[i]) if q_vec is not None and self.embeddings is not None else lexical
                )
                score = 0.5 * semantic + 0.5 * lexical
                if kind is not None and answer_type.holds(kind, sentence.text, question):
                    score += TYPE_BONUS[kind]
                    if kind == "person" and answer_type.names_near_terms(sentence.text, question):
                        score += TYPE_BONUS[kind]
                if sentence.end <= self.header_end and not about_header:
                    score *= 0.5
                scored.append(ScoredSentence(sentence, p_index, score, semantic, lexical, self._context(i)))
        scored.sort(key=lambda s: s.score, reverse=True)
        return scored

    def _context(self, i: int) -> frozenset[str]:
        near = range(max(0, i - 1), min(len(self.sentences), i + 2))
        return frozenset().union(*(self.sentences[j].terms for j in near))

    def _coverage(self, q_terms: set[str], i: int) -> float:
        if not q_terms:
            return 0.0
        own = self.sentences[i].terms
        context = self._context(i)
        # terms in the sentence itself count fully, terms only in a neighbour count half
        hits = sum(1.0 if t in own else 0.5 if t in context else 0.0 for t in q_terms)
        return hits / len(q_terms)

    def support(
        self, claim: str, passages: Sequence[Passage], candidates: Sequence[int], min_support: float
    ) -> Support | None:
        """The best span among ``candidates`` (passage indexes) that backs ``claim``, if any.

        A claim is backed by a span when every number and proper name in it appears there and at
        least ``min_support`` of its content terms do. The span is one sentence, or two adjacent
        sentences when the claim draws on both.
        """
        claim_terms = set(terms(claim))
        if not claim_terms:
            return None
        critical = _critical_words(claim)
        best: Support | None = None
        for p_index in candidates:
            idx = self.in_passage(passages[p_index])
            for k, i in enumerate(idx):
                options = [(i, i)] + ([(i, idx[k + 1])] if k + 1 < len(idx) else [])
                for first, last in options:
                    span_terms = set().union(*(self.sentences[j].terms for j in range(first, last + 1)))
                    span_words = set().union(*(self.sentences[j].words for j in range(first, last + 1)))
                    if not critical <= span_words:
                        continue
                    coverage = len(claim_terms & span_terms) / len(claim_terms)
                    # prefer the tighter single-sentence span unless the pair adds real coverage
                    if first != last:
                        coverage -= 0.05
                    if coverage >= min_support and (best is None or coverage > best.coverage):
                        span = (self.sentences[first].start, self.sentences[last].end)
                        best = Support(p_index, span, coverage)
        return best


def _critical_words(claim: str) -> set[str]:
    """Numbers and capitalised names (not the sentence's first word) that a span must contain."""
    tokens = raw_tokens(claim)
    critical = set()
    for pos, token in enumerate(tokens):
        is_name = token[:1].isupper() and pos > 0
        if _NUMBER.search(token) or is_name:
            critical.update(words(token))
    return critical


def _unit(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [x / norm for x in vector]


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))
