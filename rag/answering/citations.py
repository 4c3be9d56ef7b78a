"""Turn model output into verified, cited sentences.

The model is asked to write ``[n]`` after each claim, where ``n`` numbers the passages in its
prompt. For every sentence we strip the markers, check the claim against the passages it cites
(and, failing that, the other retrieved passages: citing the wrong one is common), and bind it to
the exact sentence span that backs it. A marker pointing at no retrieved passage is dropped; a
sentence no passage backs is dropped. Citations are then renumbered 1..m in order of appearance,
each number naming one verbatim span of the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rag.answer import Citation, Passage
from rag.answering.evidence import Evidence
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
    """Assigns answer-level numbers to spans, stable in order of first use."""

    article: str
    citations: list[Citation] = field(default_factory=list)

    def forget(self, n: int | None) -> None:
        """Withdraw the newest citation if it is ``n`` (its sentence was dropped after all)."""
        if n is not None and self.citations and self.citations[-1].n == n:
            self.citations.pop()

    def number_for(self, span: Span) -> int:
        for c in self.citations:
            if (c.start, c.end) == span:
                return c.n
        start, end = span
        citation = Citation(len(self.citations) + 1, start, end, self.article[start:end])
        self.citations.append(citation)
        return citation.n


@dataclass(frozen=True)
class CheckedSentence:
    text: str  # the sentence with its markers renumbered, or the original if dropped
    supported: bool
    n: int | None = None  # the answer-level citation number


def split_markers(sentence: str) -> tuple[str, list[int]]:
    """``"X happened [1][3]."`` -> ``("X happened.", [1, 3])``."""
    cited: list[int] = []
    for match in _MARKER.finditer(sentence):
        cited.extend(int(n) for n in match.group(1).split(","))
    claim = _MARKER.sub("", sentence).strip()
    return claim, cited


def check_sentence(
    sentence: str,
    passages: Sequence[Passage],
    evidence: Evidence,
    book: CitationBook,
    min_support: float,
    question: str = "",
) -> CheckedSentence:
    """Verify one model sentence and return it with a verified citation, or mark it dropped.

    ``passages`` are the ones the model saw as [1]..[n]; any of them may back the claim when the
    cited one does not.
    """
    claim, cited = split_markers(sentence)
    claim = claim.strip()
    if not claim or _BOILERPLATE.match(claim) or len(claim) < 3 or claim.endswith(":"):
        return CheckedSentence(sentence, False)
    if _repeats_itself(claim) or (question and not set(terms(claim)) - set(terms(question))):
        return CheckedSentence(sentence, False)  # a loop, or the question echoed back: no information
    valid = [n - 1 for n in dict.fromkeys(cited) if 1 <= n <= len(passages)]
    others = [i for i in range(len(passages)) if i not in valid]
    support = evidence.support(claim, passages, valid, min_support)
    if support is None:
        support = evidence.support(claim, passages, others, min_support)
    if support is None:
        return CheckedSentence(sentence, False)
    n = book.number_for(support.span)
    return CheckedSentence(with_marker(claim, n), True, n)


def _repeats_itself(claim: str, n: int = 4) -> bool:
    """Small models loop ("X is Y, named in the article is Y, named in the article is …")."""
    tokens = words(claim)
    grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return len(grams) != len(set(grams))


def with_marker(claim: str, n: int) -> str:
    """Put ``[n]`` before the sentence's final punctuation (after closing quotes)."""
    match = re.search(r"[.!?]+[\"'”’)]*$", claim)
    if match:
        return f"{claim[: match.start()]} [{n}]{claim[match.start() :]}"
    return f"{claim} [{n}]"
