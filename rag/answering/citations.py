"""Turn model output into verified, cited sentences.

The model is asked to write ``[n]`` after each claim, where ``n`` numbers the passages in its
prompt. For every sentence we strip the markers, check the claim against the passages it cites
(and, failing that, the other retrieved passages: citing the wrong one is common), and bind it to
the exact sentence span that backs it, in words and in meaning (:mod:`rag.answering.support`). A
marker pointing at no retrieved passage is dropped; a sentence no span backs is dropped, with its
reason. Numbers 1..m are given, in order of first use, only to the spans of kept sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rag.answer import Citation, Passage
from rag.answering.evidence import Evidence, added_terms, critical_words
from rag.answering.support import conflict, negators, tokenize
from rag.answering.support.roles import speakers
from rag.ingest.sentences import Span
from rag.retrieval.lexical import terms, words

_MARKER = re.compile(r"\s*\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
# Things small models emit that are not claims about the article.
_BOILERPLATE = re.compile(
    r"^(?:sure|certainly|of course|here is|here's|i hope|let me know|as an ai|i'm sorry|"
    r"based on the (?:passages|article|text)[,:]?$|answer:?$|"
    # claims about "the article" itself are the model describing its prompt, not the news
    r"(?:the|this) (?:article|passage|text)s?\b)",
    re.IGNORECASE,
)


@dataclass
class CitationBook:
    """Answer-level numbers for the spans of *kept* sentences, 1..m in order of first use.

    Only a sentence that is shown gets a number (:meth:`cite`), so a number is never taken back
    and never points at a span no shown sentence uses.
    """

    article: str
    citations: list[Citation] = field(default_factory=list)

    def number_for(self, span: Span) -> int:
        for c in self.citations:
            if (c.start, c.end) == span:
                return c.n
        start, end = span
        citation = Citation(len(self.citations) + 1, start, end, self.article[start:end])
        self.citations.append(citation)
        return citation.n

    def cite(self, checked: CheckedSentence) -> str:
        """The kept sentence with its answer-level ``[n]``."""
        if checked.span is None or checked.reason:
            raise ValueError("only a supported sentence can be cited")
        return with_marker(checked.claim, self.number_for(checked.span))


@dataclass(frozen=True)
class CheckedSentence:
    """One model sentence after the checks: the span that backs it, or the reason it is dropped."""

    sentence: str  # as the model wrote it
    claim: str  # without its markers
    span: Span | None = None
    reason: str = ""  # why it is dropped; empty when it is supported

    @property
    def supported(self) -> bool:
        return self.span is not None and not self.reason


def split_markers(sentence: str) -> tuple[str, list[int]]:
    """``"X happened [1][3]."`` -> ``("X happened.", [1, 3])``."""
    cited: list[int] = []
    for match in _MARKER.finditer(sentence):
        cited.extend(int(n) for n in match.group(1).split(","))
    claim = _MARKER.sub("", sentence).strip()
    return claim, cited


def _unsupported(claim: str, passages: Sequence[Passage]) -> str:
    present = {w for p in passages for w in words(p.text)}
    missing = sorted(critical_words(claim) - present)
    if missing:
        return "unsupported: " + ", ".join(f"'{w}'" for w in missing[:4]) + " in no retrieved sentence"
    return "unsupported: no retrieved sentence holds most of its words"


def check_sentence(
    sentence: str,
    passages: Sequence[Passage],
    evidence: Evidence,
    min_support: float,
    question: str = "",
) -> CheckedSentence:
    """Find the span that backs one model sentence, in words *and* meaning, or say why none does.

    ``passages`` are the ones the model saw as [1]..[n]; any of them may back the claim when the
    cited one does not. A span that holds the claim's words but changes its meaning (a negation,
    an antonym, swapped roles or speakers: :func:`rag.answering.support.conflict`) backs nothing.
    """
    claim, cited = split_markers(sentence)
    claim = claim.strip()
    if not claim or _BOILERPLATE.match(claim) or len(claim) < 3 or claim.endswith(":"):
        return CheckedSentence(sentence, claim, reason="not a claim about the article")
    if _repeats_itself(claim):
        return CheckedSentence(sentence, claim, reason="repeats itself")
    if question and not set(terms(claim)) - set(terms(question)) and not _answers_yes_no(claim, question):
        return CheckedSentence(sentence, claim, reason="only echoes the question")
    valid = [n - 1 for n in dict.fromkeys(cited) if 1 <= n <= len(passages)]
    others = [i for i in range(len(passages)) if i not in valid]
    first_reason = ""
    attributes = bool(speakers(tokenize(claim)))  # "X said ...": the span must report speech too
    for group in (valid, others):
        for support in evidence.supports(claim, passages, group, min_support):
            reason = conflict(claim, evidence.text[support.span[0] : support.span[1]], evidence.names)
            if reason is None and attributes and not evidence.reports_speech(support.span):
                reason = "speaker: the claim says someone said this; the cited words report no one's speech"
            if reason is None and (
                added := added_terms(claim, evidence.text[slice(*support.span)] + " " + evidence.beside(support.span))
            ):
                reason = "adds words the cited sentence lacks: " + ", ".join(f"'{t}'" for t in added[:4])
            if reason is None:
                return CheckedSentence(sentence, claim, support.span)
            first_reason = first_reason or reason
    return CheckedSentence(sentence, claim, reason=first_reason or _unsupported(claim, passages))


def _answers_yes_no(claim: str, question: str) -> bool:
    """ "Did X happen?" -> "X did not happen.": the question's words, plus the answer (a negation)."""
    return bool(negators(claim) - negators(question))


def _repeats_itself(claim: str, n: int = 4) -> bool:
    """Small models loop ("X is Y, named in the article is Y, named in the article is …")."""
    tokens = words(claim)
    grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return len(grams) != len(set(grams))


def with_marker(claim: str, n: int) -> str:
    """Put ``[n]`` before the sentence's final punctuation, or after a closing quote (never inside
    the quoted words: ``"... surprised." [1]``)."""
    match = re.search(r"[.!?]+([\"'”’)]*)$", claim)
    if match and not match.group(1):
        return f"{claim[: match.start()]} [{n}]{claim[match.start() :]}"
    return f"{claim} [{n}]"
