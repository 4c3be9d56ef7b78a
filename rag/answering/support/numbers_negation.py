"""Numbers, dates and negation: what a claim counts, and what it says is not so."""

from __future__ import annotations

import re
from itertools import pairwise

from rag.answering.support.words import (
    MONTHS,
    NEGATION_REACH,
    NEGATORS,
    NUMBER_WORDS,
    SCALES,
    Token,
    has_digit,
    lemma,
    token_lemma,
    tokenize,
)
from rag.retrieval.lexical import stem

# -- numbers and dates ----------------------------------------------------------------------------


def numbers(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    span_words = {t.word for t in s} | {p for t in s for p in t.word.split("-")}
    for t in c:
        parts = [t.word, *t.word.split("-")] if "-" in t.word else [t.word]
        for p in parts:
            if (has_digit(p) or p in NUMBER_WORDS) and p not in span_words:
                return f"number: the claim says '{p}', the cited sentence does not"
    counted = _counted(s)
    for i, t in enumerate(c):
        if t.word in NUMBER_WORDS and t.word not in SCALES and (t.word, _next_content(c, i)) not in counted:
            what = _next_content(c, i)
            if what and any(w == t.word for w, _ in counted):
                return f"number: the claim says '{t.word} {what}', the cited sentence does not"
    swapped = _bound_elsewhere(c, s)
    if swapped:
        return swapped
    span_dates = {(a.word, b.word) for a, b in pairwise(s) if a.word in MONTHS}
    for a, b in pairwise(c):
        if a.word in MONTHS and a.cap and has_digit(b.word) and (a.word, b.word) not in span_dates:
            return f"date: the claim says '{a.raw} {b.raw}', the cited sentence does not"
    return None


BINDING_REACH = 6  # a number's own words: its clause, and content words this close to it


def _near(tokens: tuple[Token, ...], i: int) -> set[str]:
    """Content stems bound to the number at ``i``: its clause, or within :data:`BINDING_REACH`.
    A lone letter is no word of its own: the "N" of "N$40" or "R" of "R12" prefixes every figure."""
    t = tokens[i]
    return {
        u.stem
        for u in tokens
        if u.content
        and len(u.word) > 1
        and not has_digit(u.word)
        and u.word not in NUMBER_WORDS
        and u.word not in SCALES
        and (u.clause == t.clause or abs(u.pos - t.pos) <= BINDING_REACH)
    }


def _bound_elsewhere(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """A number the claim ties to words that the cited sentence ties to a *different* number
    ("the port spent $12 million on consultants" cited from "the city will pay $12 million ...,
    consultants, which reached $9 million"): the figure is in the sentence, but not about what the
    claim says."""
    numbers_in_s = [k for k, u in enumerate(s) if has_digit(u.word)]
    if len({s[k].word for k in numbers_in_s}) < 2:
        return None  # one figure: nothing to mix up
    for i, t in enumerate(c):
        if not has_digit(t.word):
            continue
        own = _near(c, i) - {u.stem for u in c if u.cap and u.pos == 0}
        same = [k for k in numbers_in_s if s[k].word == t.word]
        if not same or any(own & _near(s, k) for k in same):
            continue
        other = max((len(own & _near(s, k)) for k in numbers_in_s if s[k].word != t.word), default=0)
        if other >= 2:
            return f"number: the claim ties '{t.raw}' to what the cited sentence says of another figure"
    return None


def _next_content(tokens: tuple[Token, ...], i: int) -> str:
    """The stem of the next content word after ``tokens[i]`` (the next hyphen part for "three-day")."""
    parts = tokens[i].word.split("-")
    if len(parts) > 1:
        return stem(parts[1])
    return next((u.stem for u in tokens[i + 1 :] if u.content), "")


def _counted(tokens: tuple[Token, ...]) -> set[tuple[str, str]]:
    """(number word, what it counts) pairs: "three years", "three-decade-long"."""
    pairs = set()
    for i, t in enumerate(tokens):
        parts = t.word.split("-")
        for k, part in enumerate(parts):
            if part in NUMBER_WORDS:
                nxt = stem(parts[k + 1]) if k + 1 < len(parts) else _next_content(tokens, i)
                pairs.add((part, nxt))
    return pairs


# -- negation ---------------------------------------------------------------------------------------


def negated(tokens: tuple[Token, ...]) -> set[int]:
    """Positions of content words under a negation: the next few content words of its clause.

    Two negations cancel ("not unable"); "not only" is no negation.
    """
    flips: dict[int, int] = {}
    for i, t in enumerate(tokens):
        is_neg = t.word in NEGATORS or t.word.endswith("n't")
        if not is_neg or (t.word == "not" and i + 1 < len(tokens) and tokens[i + 1].word == "only"):
            continue
        scope = [u for u in tokens[i + 1 :] if u.clause == t.clause]
        targets = [u for u in scope if u.content and not u.cap and not is_negator(u)][:NEGATION_REACH]
        if not targets:  # "approved in Europe but not in the United States": the names are negated
            targets = [u for u in scope[: NEGATION_REACH + 2] if u.entity]
        for u in targets:
            flips[u.pos] = flips.get(u.pos, 0) + 1  # predicates are negated; names only when nothing else is
    return {p for p, n in flips.items() if n % 2}


def is_negator(t: Token) -> bool:
    return t.word in NEGATORS or t.word.endswith("n't")


def _bare_negations(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """A negation with no content word to negate ("must not do the same") needs one after the same word."""
    span_slots = {s[i - 1].stem for i, u in enumerate(s) if i and is_negator(u)}
    span_slots |= {u.stem for u in s if u.word.endswith("n't")}
    for i, t in enumerate(c):
        if not is_negator(t) or (t.word == "not" and i + 1 < len(c) and c[i + 1].word == "only"):
            continue
        target = [u for u in c[i + 1 : i + 1 + NEGATION_REACH] if u.clause == t.clause and u.content and not u.cap]
        before = c[i - 1].stem if i else ""
        if not target and before not in span_slots and t.stem not in span_slots:
            return f"negation: the claim negates '{before} {t.raw}', the cited sentence does not"
    return None


def _negations_in_clause(tokens: tuple[Token, ...], t: Token) -> int:
    return sum(1 for u in tokens if u.clause == t.clause and is_negator(u))


def negators(text: str) -> set[str]:
    """The negation words of ``text``."""
    return {t.word for t in tokenize(text) if is_negator(t)}


def _any_negated(t: Token, s: tuple[Token, ...], s_neg: set[int]) -> bool:
    return any(u.stem == t.stem and u.pos in s_neg for u in s)


def negation(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    bare = _bare_negations(c, s)
    if bare:
        return bare
    c_neg, s_neg = negated(c), negated(s)
    for t in c:
        if not t.content or t.word in NEGATORS or (t.cap and t.pos not in c_neg and not _any_negated(t, s, s_neg)):
            continue
        in_span = [u for u in s if u.stem == t.stem]
        if not in_span:
            continue
        claim_negated = t.pos in c_neg
        c_count = _negations_in_clause(c, t)
        c_what = {token_lemma(u) for u in c if u.clause == t.clause and u.pos in c_neg}
        # "was not published by the board" for "did not publish": both clauses negate "publish"
        # once, so a reordering that moved another word out of the negation's reach changes nothing
        if all(
            (u.pos in s_neg) != claim_negated
            and not (
                _negations_in_clause(s, u) == c_count
                and c_what & {token_lemma(v) for v in s if v.clause == u.clause and v.pos in s_neg}
            )
            for u in in_span
        ):
            if claim_negated:
                return f"negation: the claim negates '{t.raw}', the cited sentence does not"
            return f"negation: the cited sentence negates '{t.raw}', the claim does not"
    return None


# -- a question's premise ---------------------------------------------------------------------------

# which way a figure went: "why was turnout higher ...?" of "turnout was 27.4%, down from 41.2%"
_UP = frozenset(
    lemma(w)
    for w in "up higher rise rose risen increase grew grow gain climb jump more overstate overstated raise raised "
    "raising hike hiked".split()
)
_DOWN = frozenset(
    lemma(w)
    for w in "down lower fall fell fallen decrease shrank shrink drop dropped decline lost fewer less understate "
    "understated reduce reduced reducing lowered cut cuts slash slashed".split()
)
DIRECTION_REACH = 5  # a direction word this close to what the question says changed
_WHEN_WORDS = frozenset(lemma(w) for w in "year years month months week weeks day days time decade".split())


def _forms(text: str) -> frozenset[str]:
    return frozenset(lemma(w) for w in text.split())


# what someone did and its opposite: "why did she admit it?" of "she denied it"
_OPPOSED = tuple(
    (_forms(a), _forms(b))
    for a, b in (
        ("admit admits admitted admitting", "deny denies denied denying"),
        ("confirm confirms confirmed confirming", "deny denies denied denying"),
        ("approve approves approved approving", "reject rejects rejected rejecting"),
        ("accept accepts accepted accepting", "reject rejects rejected rejecting"),
        ("support supports supported supporting favour favor", "oppose opposes opposed opposing against"),
        ("win wins won winning", "lose loses lost losing"),
        ("suspend suspends suspended suspending halt halts halted halting", "continue continues continued continuing"),
    )
)
_OPPOSED_BOTH_WAYS = _OPPOSED + tuple((b, a) for a, b in _OPPOSED)
# "why did councillors unanimously reject it?" of "approved by nine votes to six": a split vote
SPLIT_VOTE = re.compile(r"\bby \w+ votes? to (?!nil\b|none\b|zero\b|0\b)\w+|\bvoted? \d{1,2}-[1-9]\d?\b", re.I)
UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b", re.I)
_VOTED_FOR = re.compile(r"\bvot(?:e|es|ed|ing) (?:[\w-]+ ){0,3}?(?:for|in favou?r of)\b", re.I)
_VOTED_AGAINST = re.compile(r"\bvot(?:e|es|ed|ing) (?:[\w-]+ ){0,3}?against\b", re.I)


def contradicts(question: str, text: str) -> bool:
    """``text`` says the opposite of what ``question`` takes for granted: it negates the question's
    predicate ("why did the trust decide to sell the site?" of "the trust did not sell the site") or
    reports the other direction of a change it asks about ("why did fares rise?" of "fares fell")."""
    q, s = tokenize(question), tokenize(text)
    if negated(q) or any(is_negator(t) for t in q):
        return False  # "why did they not ...?": a negation answers it, it does not contradict it
    asked = {token_lemma(t) for t in q if t.content and not t.cap and not has_digit(t.word)}
    if not asked:
        return False
    s_neg = negated(s)
    denied = {token_lemma(u) for u in s if u.pos in s_neg} & asked
    if len(denied) >= min(2, len(asked)):
        return True
    for way, other in ((_UP, _DOWN), (_DOWN, _UP)):
        if not asked & way:
            continue
        changed = asked - way - other - _WHEN_WORDS  # what changed, not when ("raised ... last year")
        for u in s:
            if token_lemma(u) in other and u.pos not in s_neg:
                near = s[max(0, u.pos - DIRECTION_REACH) : u.pos + DIRECTION_REACH + 1]
                if any(token_lemma(v) in changed for v in near if v.content):
                    return True
    if UNANIMOUS.search(question) and SPLIT_VOTE.search(text):
        return True
    for vote, opposite in ((_VOTED_FOR, _VOTED_AGAINST), (_VOTED_AGAINST, _VOTED_FOR)):
        if vote.search(question) and opposite.search(text) and not vote.search(text):
            return True  # "why did she vote against it?" of "she had voted for the plan"
    q_all = {token_lemma(t) for t in q}
    said = {token_lemma(u) for u in s if u.pos not in s_neg}
    shared = asked & {token_lemma(u) for u in s if u.content}
    # ("why did Brisk admit it had skipped the test?" of "Brisk denied the claim": who the question names)
    named = {token_lemma(t) for t in q if t.cap} & {token_lemma(u) for u in s}
    for one, other in _OPPOSED_BOTH_WAYS:
        if q_all & one and said & other and not said & one and (shared - one - other or named):
            return True  # the opposite act, about something or someone the question names
    return False
