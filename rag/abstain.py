"""Decide, before any model call, that the article cannot answer a question.

Three checks, each cheap and explainable (the reason is kept on the answer):

1. relevance: the best evidence sentence scores below ``min_relevance`` (tuned on the gold set);
2. unknown names: the question names a person, place or number the article never mentions
   ("What did Lavrov say?", "Why was it held in Moscow?");
3. answer type: a "how many / what percentage / how long in km" question whose best evidence holds
   no quantity, or a "when / what year" question whose best evidence holds no date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.evidence import ScoredSentence
from rag.lexical import QUESTION_FILLER, STOPWORDS, stem, synonym, words

_QUANTITY_Q = re.compile(r"\bhow (?:many|much|far|large|big|long is|long are)\b|\bwhat (?:percentage|share|number)\b", re.I)
_DATE_Q = re.compile(r"^\s*when\b|\b(?:what|which) (?:exact )?(?:date|year|day|month)\b|\bwhen (?:was|were|did)\b", re.I)
_DAY_Q = re.compile(r"\b(?:what|which) (?:exact )?(?:date|day)\b", re.I)
_MONTHS = "january february march april may june july august september october november december".split()
_NUMBER_WORDS = set(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "thousand million billion dozen dozens several single double first second third".split()
)
_UNITS = {"percent", "%", "kilometres", "kilometers", "km", "miles", "mile", "meters", "metres"}
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def unknown_names(question: str, vocabulary: set[str]) -> list[str]:
    """Capitalised words and numbers in the question that the article never uses."""
    missing = []
    tokens = re.findall(r"[^\W_]+(?:['’.-][^\W_]+)*", question)
    for i, token in enumerate(tokens):
        folded = words(token)
        if not folded:
            continue
        word = folded[0]
        is_name = token[:1].isupper() and i > 0  # the first word is capitalised anyway
        is_number = any(ch.isdigit() for ch in token)
        if (is_name or is_number) and word not in STOPWORDS and word not in QUESTION_FILLER:
            parts = [p for w in folded for p in re.split(r"[-']", w) if p]
            if not any(p in vocabulary or stem(p) in vocabulary for p in parts):
                missing.append(token)
    return missing


def _has_quantity(text: str, question: str) -> bool:
    tokens = words(text)
    wanted_units = {u for u in _UNITS if u in words(question) or (u == "%" and "percentage" in question.lower())}
    if wanted_units:
        return any(u in tokens or u in text for u in wanted_units)
    for i, t in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        if any(ch.isdigit() for ch in t) and not _YEAR.match(t) and prev not in _MONTHS:
            return True
        if any(part in _NUMBER_WORDS for part in t.split("-")):
            return True
    return False


def _has_date(text: str, question: str) -> bool:
    tokens = words(text)
    if _DAY_Q.search(question):  # "on what date": a month or a weekday, not just a year
        return any(t in _MONTHS or t.endswith("day") for t in tokens)
    return any(t in _MONTHS or _YEAR.match(t) for t in tokens) or bool(
        re.search(r"\b(?:days?|weeks?|months?|years?) (?:before|after|ago|later|earlier)\b|\btoday\b|\byesterday\b", text, re.I)
    )


def abstain_reason(
    question: str, ranked: Sequence[ScoredSentence], vocabulary: set[str], min_relevance: float
) -> str | None:
    """Why the article cannot answer ``question``, or ``None`` when it may."""
    if not ranked:
        return "nothing retrieved"
    best = ranked[0]
    if best.score < min_relevance:
        return f"best evidence scores {best.score:.2f} < {min_relevance:.2f}"
    missing = unknown_names(question, vocabulary)
    if missing:
        return "the article never mentions " + ", ".join(missing)
    if not topic_covered(question, best):
        return "the best evidence shares no topic word with the question"
    top = best.sentence.text
    if _QUANTITY_Q.search(question) and not _has_quantity(top, question):
        return "no quantity in the best evidence"
    if _DATE_Q.search(question) and not _has_date(top, question):
        return "no date in the best evidence"
    return None


def topic_covered(question: str, best: ScoredSentence) -> bool:
    """Some content word of the question, other than names, is in the best evidence.

    Names alone are not enough: "What is the population of Armenia?" matches many sentences
    about Armenia, none about population.
    """
    tokens = re.findall(r"[^\W_]+(?:['’.-][^\W_]+)*", question)
    names = {w for i, t in enumerate(tokens) if i > 0 and t[:1].isupper() for w in words(t)}
    topic = {stem(synonym(w)) for w in words(question)
             if w not in STOPWORDS and w not in QUESTION_FILLER and w not in names} - {"author"}  # fmt: skip
    return not topic or best.lexical > 0 and bool(topic & best.context_terms)
