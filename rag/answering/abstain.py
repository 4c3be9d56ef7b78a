"""Decide, before any model call, that the article cannot answer a question.

Cheap, explainable checks (the reason is kept on the answer), in this order:

1. unknown names: the question names a person, place or number the article never uses, in any
   form of the word ("What did Lavrov say?", "Why was it held in Moscow?");
2. time: the question asks about events after the article was written ("the next round",
   "later in 2023", "what did they decide in June 2026?" of an article from 2025; "what will happen
   to X?" unless the article tells of a plan); a news article cannot know them;
3. still to come: "what did the review conclude?", "how did the council vote on it?" where the
   article tells of it only in the future ("will report by the end of the year", "will vote on it");
4. a thing measured that the article never mentions ("how much will a single ticket cost?");
5. withheld: the article says the answer was not given ("declined to say how many ...");
6. relevance: the best evidence sentence scores below ``min_relevance`` (chosen on the tune split);
7. attribution: "what did X say" finds only someone else's words, or (``follows`` aside) a sentence
   that quotes or reports no one's words at all;
8. topic: the best evidence shares no content word (other than names) with the question, unless
   it holds the asked type next to the names asked about (a paraphrase), or it is the sentence
   after the previous answer's quote (a follow-up's paraphrase);
9. reason: a "why" question whose best evidence neither states a cause nor reports what anyone said;
10. answer type: a "how many / how much / how long" question whose best evidence holds no amount
   ("how old is X?": no age), a "when / what year" question whose best evidence holds no date, or a
   "what is the name of the X / of X's son", "what brand of X" question whose best evidence gives no
   name right after X (a plain "who" may be answered by "the council", so it is not declined for
   want of a name);
11. still to come: "when will X happen?" whose best evidence tells only of the past (no future form,
   no later year or month than the article's);
12. which one: "which hospital / which two schools ...?" whose best evidence mentions them only as
   "a new X", bare ("taken to hospital") or counted ("two of the schools"), with no name near;
13. whose figure: a "how many" or "when" question naming someone or something whose best evidence
   sits in a paragraph that never names them (the figure is someone else's), or gives another of a
   numbered series ("Line 4" for "Line 9"), or gives its figures per another unit ("per trip"
   for "each year"), or a "what fare / rent" question whose evidence prices something else, or
   holds a figure or date only while another of the best few, without one, shares far more of the
   question ("how many committee members voted for it?" of a count of consultation replies);
   or gives only an extra sum for a total ("the total budget" of "an extra £1.8m"), or only the
   current figure for an earlier one ("the wait a year earlier" of "the wait was 58 minutes"), or
   is about the opposite sort of the thing asked ("a half-day voucher" of "£4.50 for a full day");
14. what kind: "which engineering firm ...?" when the article never mentions that kind of firm;
15. whether, and who did it: "has the grant been approved?", "which councillors voted ...?", "which
   company manufactured ...?" whose best evidence never tells of that deed; "will they get any
   compensation?" of an article that never mentions any.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Sequence

from rag.answering import answer_type
from rag.answering.evidence import (
    NEGATIVE_PREFIXES,
    TYPE_MARGIN,
    ScoredSentence,
    asks_future_date,
    asks_what_was_said,
    asks_why,
    gives_reason,
    reports_words,
)
from rag.retrieval.lexical import (
    IRREGULAR,
    QUESTION_FILLER,
    ROLE_TERMS,
    STOPWORDS,
    kin,
    named_kin,
    raw_tokens,
    related,
    stem,
    synonym,
    words,
)

# A news article cannot report what happened after it was written.
_AFTER_PUBLICATION = re.compile(
    r"\bnext (?:round|meeting|talks|summit|step)s?\b|\blater (?:in|that|this)\b|\bsince then\b|"
    r"\bafter (?:the article|its publication|publication)\b|\bin the future\b",
    re.I,
)
# "where will the talks be held?", "what will happen to the grant?": after publication too, unless
# the article itself tells of the plan (a future form in the best evidence)
_WILL_HAPPEN = re.compile(r"\bwill\b[^?]*\b(?:be held|take place|happen|be signed)\b", re.I)


# "did / was / has ... been": the question asks what happened, not what was planned
_PAST = re.compile(r"\b(?:did|was|were|had|has|have|happened|ended|concluded|decided)\b", re.I)
_QUESTION_DATE = re.compile(
    r"\b(?:(?P<month>" + "|".join(answer_type.MONTH_NAMES) + r")\s+(?:\d{1,2},?\s+)?)?(?P<year>(?:19|20)\d\d)\b", re.I
)
_ARTICLE_DATE = re.compile(
    r"(?P<iso>(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-\d\d)|(?P<month>[a-z]+)\.?\s+\d{1,2},?\s+(?P<year>(?:19|20)\d\d)"
    r"|\b\d{1,2}\s+(?P<dmonth>[a-z]+)\.?,?\s+(?P<dyear>(?:19|20)\d\d)",  # "14 November 2024"
    re.I,
)


def published(date: str) -> tuple[int, int] | None:
    """``(year, month)`` of an article's date line ("2025-03-04", "May 10, 2023", "Published 14:32,
    14 November 2024"), if it reads as one."""
    found = _ARTICLE_DATE.search(date or "")
    if not found:
        return None
    if found.group("iso"):
        return int(found.group("y")), int(found.group("m"))
    month = (found.group("month") or found.group("dmonth")).lower()[:3]
    year = found.group("year") or found.group("dyear")
    names = [n[:3] for n in answer_type.MONTH_NAMES]
    return (int(year), names.index(month) + 1) if month in names else None


def asks_after_publication(
    question: str, when: tuple[int, int] | None = None, ranked: Sequence[ScoredSentence] = ()
) -> bool:
    """Whether the question is about events after the article's date ("the next round", "later";
    "what will happen to X?" unless one of the best few ``ranked`` sentences tells of a plan), or
    asks what happened ("did", "was") at a date after ``when``, the article's (year, month)."""
    after = _AFTER_PUBLICATION.search(question)
    if after and not any(after.group(0).lower() in r.sentence.text.lower() for r in ranked[:WITHHELD_DEPTH]):
        return True  # (unless the article tells of it: "she will raise it at the board's next meeting")
    if _WILL_HAPPEN.search(question) and not any(
        answer_type.to_come(r.sentence.text, when) for r in ranked[:WITHHELD_DEPTH]
    ):
        return True
    if when is None or not _PAST.search(question):
        return False
    for found in _QUESTION_DATE.finditer(question):
        if _names_dated_thing(question, found, ranked[:WITHHELD_DEPTH]):
            continue  # "when was the 2033 timetable draft shown?": a thing the article names by its year
        if _tells_of_year(found.group("year"), ranked[:WITHHELD_DEPTH]):
            continue  # "why was the show scrapped for 2033?": "there will be no show in 2033"
        year = int(found.group("year"))
        month = answer_type.MONTH_NAMES.index(found.group("month").lower()) + 1 if found.group("month") else 0
        if year > when[0] or (year == when[0] and month > when[1]):
            return True
    return False


def _tells_of_year(year: str, ranked: Sequence[ScoredSentence]) -> bool:
    """One of the ``ranked`` sentences tells of that year as a time ("in 2033", "for 2033", "March
    2033"), not only as a thing's name ("a 2033 timetable draft"): what it says then is the article's
    own, planned or forecast, and the question about it no question about after publication."""
    months = "|".join(answer_type.MONTH_NAMES)
    as_time = re.compile(r"\b(?:in|for|during|by|until|through|of|" + months + r")\s+" + year + r"\b", re.I)
    return any(as_time.search(r.sentence.text) for r in ranked)


def _names_dated_thing(question: str, found: re.Match[str], ranked: Sequence[ScoredSentence]) -> bool:
    """The year ``found`` in ``question`` is part of a name that one of the ``ranked`` sentences uses
    too: the year and the word after it ("the 2026 course handbook", "its 2030 climate target"),
    which is what the article talks about, not a time after it was written."""
    following = words(question[found.end() :])[:1]
    if not following or following[0] in STOPWORDS:
        return False
    named = re.compile(re.escape(found.group("year")) + r"\s+" + re.escape(following[0]) + r"\b", re.I)
    return any(named.search(r.sentence.text) for r in ranked)


def unknown_names(question: str, vocabulary: set[str]) -> list[str]:
    """Capitalised words and numbers in the question that the article never uses."""
    missing = []
    tokens = raw_tokens(question)
    for i, token in enumerate(tokens):
        folded = words(token)
        if not folded:
            continue
        word = folded[0]
        is_name = token[:1].isupper() and i > 0  # the first word is capitalised anyway
        is_number = any(ch.isdigit() for ch in token)
        if (is_name or is_number) and word not in STOPWORDS and word not in QUESTION_FILLER:
            parts = [p for w in folded for p in re.split(r"[-']", w) if p]
            if not any(_known(p, vocabulary) for p in parts):
                missing.append(token)
    return missing


# "what did the county sheriff say ...?", "how did the regulator respond ...?": a body or role, not a name
_ROLE_SPEECH_Q = re.compile(
    r"^\s*(?:[Aa]nd |[Bb]ut |[Ss]o )?(?:[Ww]hat|[Hh]ow) (?:did|does|do|has|have|had|would|will) "
    r"(?P<who>the [a-z][^?]*?) "
    r"(?:say|said|state|tell|told|respond|react|reply|comment|think|argue|claim|make of)\b"
)
_SPEAKER_ENDS = re.compile(r"\s+(?:of|at|for|in|from|on|who|that)\s")


def _role_asked(pattern: re.Pattern[str], question: str, *, names_too: bool = False) -> list[str]:
    """The words of the role or body (``pattern``'s "who") a question asks about, up to what follows
    it ("the management of the plant": management); empty when it is a name, unless ``names_too``."""
    found = pattern.match(question.partition(answer_type.CONTEXT_MARK)[0])
    if not found:
        return []
    phrase = _SPEAKER_ENDS.split(found.group("who"))[0]
    if not names_too and any(t[:1].isupper() for t in raw_tokens(phrase)):
        return []  # a name is the name checks' business
    return words(phrase)


def _unknown_speaker(question: str, vocabulary: set[str]) -> str | None:
    """The role or body a "what did the X say?" question asks to hear from, when the article never
    mentions it under that word or an everyday kin of it ("the ministry" of an article with none)."""
    who = _role_asked(_ROLE_SPEECH_Q, question)
    if not who or set(who) & _NOT_A_ROLE:
        return None
    head = who[-1]
    if head in STOPWORDS or head in _ANY_SPEAKER or stem(head) in ROLE_TERMS or _known(head, vocabulary):
        return None
    if any(_known(k, vocabulary) for k in kin(stem(head)) | _SPEAKER_KIN.get(head, frozenset())):
        return None
    return head


_RESPONSE_Q = re.compile(
    r"^\s*(?:[Aa]nd |[Bb]ut |[Ss]o )?[Hh]ow (?:did|does|do|has|have|had|will|would) (?P<who>the [^?]*?) "
    r"(?:respond|react|reply|answer)\b"
)
# the words before a noun that make it the one spoken to or asked ("called on the regulator",
# "hand the petition to the council's chief executive")
_ADDRESSING = frozenset(
    "to on at with urge urges urged ask asks asked call calls called wrote petition petitions petitioned lobby "
    "lobbies lobbied".split()
)


def _only_addressed(question: str, text: str) -> str | None:
    """The role or body a "how did the X respond?" question asks about, when ``text`` names it only as
    the one spoken to or asked ("She called on the regulator to investigate"): that is not its
    response. None when the text names it otherwise, or not at all (a name may stand for it)."""
    who = _role_asked(_RESPONSE_Q, question, names_too=True)
    head = who[-1] if who else ""
    raw = [t.lower() for t in raw_tokens(text)]
    tokens = [t for r in raw for t in words(r)[:1]]  # "council's" stays one word
    places = [k for k, t in enumerate(tokens) if t == head or (len(head) > 3 and stem(t) == stem(head))]
    if not head or head in STOPWORDS or not places:
        return None
    for k in places:
        # back over the noun's own modifiers ("the council's chief"), to what governs it
        j = k - 1
        while j >= max(0, k - 5) and (tokens[j] in who or tokens[j] in _DETERMINING or _POSSESSIVE.search(raw[j])):
            j -= 1
        if j < max(0, k - 5) or tokens[j] not in _ADDRESSING:
            return None
    return head


_DETERMINING = frozenset("the a an its their his her".split())
_POSSESSIVE = re.compile(r"['’]s?$")


# "how much did the marquee cost on its own?": one part of a figure the article gives only in sum
_ALONE_Q = re.compile(r"\b(?:on (?:its|their) own|alone|separately|by itself|by themselves|individually)\b", re.I)
_COMBINED = re.compile(r"\b(?:combined|altogether|in total|in all|together)\b", re.I)


_COPULAS = frozenset("is was were are".split())


def _deed_after(question: str, end: int) -> str | None:
    """What a "which firm built / will replace ...?" question asks the firm to have done: the verb
    after the kind named (ending at ``end``), past any auxiliary; None when no verb follows."""
    own = question.partition(answer_type.CONTEXT_MARK)[0]
    after = words(own[end:])
    rest = list(itertools.dropwhile(lambda w: w in _AUX, after))
    if not rest or rest[0] in STOPWORDS:
        return None
    verb = rest[0]
    helped = set(after[: len(after) - len(rest)]) - _COPULAS  # "will replace", not "is behind"
    # (not "won", "got", "ran": everyday irregular verbs, which any "was awarded" may stand for)
    return None if verb in IRREGULAR else verb if verb.endswith(("ed", "es")) or helped else None


def _deed_asked(question: str) -> str | None:
    """The deed a "which firm produced the report?" question asks the firm to have done ("produced")."""
    kind_named = _NAMED_KIND_Q.search(question)
    return _deed_after(question, kind_named.end()) if kind_named else None


def fitting_first(question: str, ranked: list[ScoredSentence]) -> list[ScoredSentence]:
    """ "Which firm manufactured the syrup?": move the best sentence close to the best (within
    ``TYPE_MARGIN``) that tells of the deed and names a firm ("were manufactured by Brisk Ltd") to the
    front, ahead of a sentence that names another firm for something else. "When was the club
    established?": likewise the close one that tells of a founding and holds a date ("was founded in
    1962"), ahead of one that dates something else."""
    if not ranked:
        return ranked
    own = question.partition(answer_type.CONTEXT_MARK)[0]
    deed = _deed_asked(question)
    if deed and not _tells(ranked[0], deed):
        return _promoted(
            ranked, lambda item: _tells(item, deed) and answer_type.names_body(item.sentence.text, question)
        )
    if (
        (_FOUNDING_Q.search(own) or _OPENED_Q.search(own))
        and answer_type.expected(question) == "date"
        and not _FOUNDING.search(ranked[0].sentence.text)
    ):
        return _promoted(ranked, lambda item: item.holds_type and bool(_FOUNDING.search(item.sentence.text)))
    if _CLAIMS_Q.match(own) and not _DENIAL.search(own) and _DENIAL.search(ranked[0].sentence.text):
        # "who claims the board ignored the warnings?": the one who says so, not the board denying it
        return _promoted(ranked, lambda item: item.holds_type and not _DENIAL.search(item.sentence.text))
    return ranked


_CLAIMS_Q = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:claims|claimed|says|said|alleges|alleged|argues|argued|insists|insisted|accuses|"
    r"accused|complains|complained|maintains|maintained)\b",
    re.I,
)
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ial|ials)|rejects?|rejected|refutes?|refuted|disputes?|disputed)\b", re.I)


def _promoted(ranked: list[ScoredSentence], fits: Callable[[ScoredSentence], bool]) -> list[ScoredSentence]:
    """``ranked`` with the first sentence close to the best (within ``TYPE_MARGIN``) that ``fits`` moved
    to the front, at the best one's score; unchanged when none does."""
    for item in ranked[1:]:
        if item.score < ranked[0].score - TYPE_MARGIN:
            break
        if fits(item):
            top = dataclasses.replace(item, score=ranked[0].score)
            return [top, *(r for r in ranked if r is not item)]
    return ranked


# "has the grant been approved?", "was the contract signed?": whether a thing was done
_WHETHER_DONE_Q = re.compile(
    r"^\s*(?:and |but |so )?(?:has|have|had|was|were)\b[^?]*?\b(?:been\s+)?([a-z]{3,}ed)\b"
    # ("has the minister replied to it?", "has she responded to the letter?")
    r"(?:\s+[a-z]+|\s+(?:to|by|for|on|with|at|in)(?:\s+[a-z]+){1,2})?\s*\??\s*$",
    re.I,
)


def _whether_done(question: str, best: ScoredSentence) -> str | None:
    """The deed a "has X been approved?" question asks about (its last word, a participle), when the
    best evidence and its neighbours never tell of it in any form or kin."""
    found = _WHETHER_DONE_Q.match(question.partition(answer_type.CONTEXT_MARK)[0])
    if not found:
        return None
    deed = found.group(1).lower()
    return None if _tells(best, deed, neighbours=True) else deed


# "who designed the bridge?", "who built it?": whoever made a thing, which a text naming others
# (its users, the places it links) does not answer unless it tells of the making
_MADE_BY_Q = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:originally\s+|first\s+)?(?P<deed>designed|built|founded|created|established|"
    r"invented|constructed|engineered|painted|sculpted|signed)\b",
    re.I,
)
_MAKERS = {
    "designed": "design designer designers architect architects",
    "built": "build builder builders contractor contractors",
    # ("who started the group in May": its founder; "set up", "launched", "formed" it too)
    "founded": "found founder founders start starter set launch form formed",
    "created": "create creator creators start set launch form formed",
    "established": "establish start set launch form formed",
    "invented": "invent inventor inventors",
    "constructed": "construct builder builders contractor contractors",
    "engineered": "engineer engineers",
    "painted": "paint painter",
    "sculpted": "sculpt sculptor",
    "signed": "signatory signatories signature signatures",  # "who signed the notice?"
}


def _made_by_untold(question: str, best: ScoredSentence) -> str | None:
    """The making a "who designed X?" question asks about, when the best evidence tells nothing of it
    (no form or kin of the verb, nor a word for its maker: "designer", "architect")."""
    found = _MADE_BY_Q.match(question.partition(answer_type.CONTEXT_MARK)[0])
    if not found:
        return None
    deed = found.group("deed").lower()
    if _tells(best, deed) or any(_tells(best, w) for w in _MAKERS[deed].split()):
        return None
    return deed


def _tells(best: ScoredSentence, word: str, *, neighbours: bool = False) -> bool:
    """The best evidence (or, with ``neighbours``, a sentence beside it) has ``word`` in some form or kin."""
    near = {stem(w) for w in best.sentence.words} | best.sentence.terms | (best.context_terms if neighbours else set())
    return bool(kin(stem(word)) & near)


_CHARGED = re.compile(r"\b(?:charge|charges|fee|fees|rent|price|cost|fare|fares)\b", re.I)
_THAN = re.compile(r"\bthan\s+((?:[\w'’-]+\s*){1,3})", re.I)


def _compared(question: str) -> set[str]:
    """The terms of what a "why is A better than B?" question compares A with (none for "than before")."""
    found = _THAN.search(question.partition(answer_type.CONTEXT_MARK)[0])
    return {stem(w) for w in words(found.group(1)) if w not in STOPWORDS and w not in _BEFORE_NOW} if found else set()


_CONTRAST = re.compile(r"\b(?:while|whereas|unlike)\b", re.I)
# what any sum of money in the evidence is a figure of (not "fare", "fee": a charge of its own)
_MONEY_KIN = frozenset({"cost", "price", "bill", "sum"})
# money coming in: "how much income will the charge bring?" of "it expects to take in £11,000 a year"
# (income's kin in the kin table, and a sale's proceeds)
_INCOME_KIN = kin(stem("income")) | {stem("proceeds")}
_TAKES_IN = re.compile(
    r"\b(?:take|takes|taking|took|taken|bring|brings|bringing|brought|rake|rakes|raked) in\b"
    r"|\b(?:raise|raises|raised|raising|earn|earns|earned|earning|generate|generates|generated|generating|"
    r"collect|collects|collected|collecting)\b",
    re.I,
)


def _income_given(asked: Sequence[str], text: str) -> bool:
    """The income asked about is a sum ``text`` says comes in ("expects to take in £11,000 a year")."""
    return (
        any(stem(w) in _INCOME_KIN for w in asked)
        and answer_type.gives_money(text)
        and _TAKES_IN.search(text) is not None
    )


# "will patients receive any compensation?", "is there any appeal?": whether a thing exists at all
_ANY_Q = re.compile(r"\bany ((?:[a-z][\w-]* ){0,2}[a-z][\w-]*)\s*\??\s*$", re.I)


def _sought(question: str, vocabulary: set[str]) -> str | None:
    """What an "is there any X?" question asks after, when the article never mentions an X (nor a kin)."""
    found = _ANY_Q.search(question.partition(answer_type.CONTEXT_MARK)[0])
    if not found:
        return None
    noun = list(itertools.takewhile(lambda w: w not in STOPWORDS, words(found.group(1))))  # "any word from them"
    if not noun:
        return None
    head = noun[-1]
    if head in QUESTION_FILLER or _known(head, vocabulary):
        return None
    if any(_known(k, vocabulary) for k in kin(stem(head))):
        return None
    return head


_NOT_A_ROLE = frozenset("he she they it we i you him her them his its their other others same".split())
# anyone may be called these, whatever the article calls them
_ANY_SPEAKER = frozenset(
    "representative representatives spokesperson spokesman spokeswoman official officials source sources member "
    "members people person".split()
)
# a government speaks through its ministers
_SPEAKER_KIN = {"government": frozenset({"minister", "ministers", "ministry", "cabinet"})}


def _known(word: str, vocabulary: set[str]) -> bool:
    """In the article, as written or as another form of one of its words ("canadian", "canada")."""
    if word in vocabulary or stem(word) in vocabulary:
        return True
    return len(word) >= 5 and any(related(word, v) for v in vocabulary if v[:5] == word[:5])


def abstain_reason(
    question: str,
    ranked: Sequence[ScoredSentence],
    vocabulary: set[str],
    min_relevance: float,
    when: tuple[int, int] | None = None,
    *,
    follows: bool = False,
    pervasive: frozenset[str] = frozenset(),
) -> str | None:
    """Why the article cannot answer ``question``, or ``None`` when it may (``when``: the
    article's publication (year, month), if known; ``follows``: the best evidence is the sentence
    after the previous answer's quote, which a follow-up's words need not share; ``pervasive``: the
    stems of the names the whole story is about, see ``Evidence.pervasive``)."""
    if not ranked:
        return "nothing retrieved"
    best = ranked[0]
    missing = unknown_names(question, vocabulary)  # the most telling reason first
    if missing:
        return "the article never mentions " + ", ".join(missing)
    if asks_after_publication(question, when, ranked):
        return "the question is about events after the article was written"
    if still_to_come(question, ranked[:WITHHELD_DEPTH], when):
        return "the article reports this as still to come"
    absent = [  # "how many jobs" of "three posts will go": another everyday name counted in the best evidence
        w
        for w in answer_type.measured(question)
        if not _known(w, vocabulary)
        and not _known(stem(w), vocabulary)
        and not answer_type.counted_in(best.sentence.text, kin(stem(w)))
        and not answer_type.counted_by_kind(best.sentence.text, question)  # "two ferry operators"
        and not answer_type.counts_people_as(w, best.sentence.text)  # "how many candidates": "five people"
        # ("what is the price tag of the works?" of "a £4.2 million programme": a sum is a price)
        and not (stem(w) in _MONEY_KIN and answer_type.gives_money(best.sentence.text))
        and not _income_given([w], best.sentence.text)
    ]
    if absent:  # "how much is a ticket?" where no ticket is mentioned: any amount found is another's
        return "the article never mentions the " + ", ".join(absent) + " asked about"
    sought = _sought(question, vocabulary)
    if sought:  # "will they get any compensation?" of an article that never mentions any
        return f"the article never mentions any {sought}"
    speaker = _unknown_speaker(question, vocabulary)
    if speaker:  # "what has the culture ministry said?" of an article that has no ministry
        return f"the article never mentions the {speaker} asked about"
    withheld = _withheld(question, ranked[:WITHHELD_DEPTH])
    if withheld:
        return "the article says this was not disclosed: " + withheld
    if best.score < min_relevance:
        return f"best evidence scores {best.score:.2f} < {min_relevance:.2f}"
    if not best.names_ok and best.speaker_checked:
        return "the best evidence does not give the words of whom the question names"
    if (
        not follows
        and asks_what_was_said(question.partition(answer_type.CONTEXT_MARK)[0])
        and not reports_words(best.sentence.text)
    ):
        return "the question asks what someone said; the best evidence reports no one's words"
    if not follows and not topic_covered(question, best, pervasive):
        return "the best evidence shares no topic word with the question"
    if _HAPPENED_Q.match(question.partition(answer_type.CONTEXT_MARK)[0]) and _COUNTERFACTUAL.search(
        best.sentence.text
    ):  # "how did he end up sleeping in the van?" of "if they had shut the gate, he would have slept in the van"
        return "the best evidence tells of it only as what would have happened, not what did"
    undone = _whether_done(question, best)
    if undone:  # "has the grant been approved?" of "a grant it has applied for"
        return f"the best evidence does not say whether it was {undone}"
    addressed = _only_addressed(question, best.sentence.text)
    if (
        addressed
        and all(  # (unless another of the best few has it respond: "The regulator said ...")
            _only_addressed(question, r.sentence.text) or addressed not in r.sentence.words
            for r in ranked[1:WITHHELD_DEPTH]
        )
    ):  # "how did the regulator respond?" of "She called on the regulator to investigate"
        return f"the best evidence tells what was put to the {addressed}, not how it responded"
    if (
        asks_why(question)
        and not gives_reason(best.sentence.text, question)
        # "why did A fare better than B?" of "A needs ..., while B needs ...": the contrast is the reason
        and not (_CONTRAST.search(best.sentence.text) and _compared(question) & best.sentence.terms)
    ):
        return "the best evidence gives no reason"
    kind = answer_type.expected(question)
    priced = answer_type.priced(question)  # "how much rent ...?": the figure must be the rent's
    own = best.sentence.words | best.sentence.terms
    if (
        priced
        and not best.priced_ok
        and not any(named_kin(w) & own or any(related(w, t) for t in own if t[:3] == w[:3]) for w in priced)
        and not _income_given(priced, best.sentence.text)
    ):
        return "the best evidence gives no figure for the " + " ".join(priced) + " asked about"
    other_sum = answer_type.sums_for_other(question, best.sentence.text, priced) if priced else None
    if other_sum:  # "how much rent do they pay?" of "half their usual rent ..., and a grant of £1,500"
        return f"the sum in the best evidence is for the {other_sum}, not the " + " ".join(priced) + " asked about"
    named = answer_type.amount_named(question)  # "the average ridership on X": not X's trips or hours
    if (
        named
        and not kin(stem(named)) & best.context_terms  # ("ridership" of "boardings": one measure's two names)
        and not any(related(named, t) for t in best.context_terms)
    ):
        return f"the best evidence gives no figure for the {named} asked about"
    if (
        named == "population"
        and stem(named) not in best.sentence.terms
        and not answer_type.counted_in(best.sentence.text, kin(stem(named)))
    ):  # "what is the village's population?" of "residents of the village must take the ferry ..."
        return "the best evidence counts no residents: it gives no figure for the population asked about"
    if kind in ("quantity", "date") and not follows and _about_another(question, best, ranked):
        return f"the sentence most about the question gives no {kind}; the one that does is about something else"
    figure_asked = kind == "quantity" or bool(
        kind is None and _WHAT_Q.match(question) and answer_type.FIGURE.search(best.sentence.text)
    )  # ("what was the median wait?": a figure, though not asked with "how")
    if figure_asked and answer_type.only_increase(question, best.sentence.text):
        return "the best evidence gives only an increase, not the total asked about"
    if (
        figure_asked and answer_type.asks_earlier(question) and not answer_type.gives_earlier(best.sentence.text)
    ):  # "what was the wait a year earlier?" of a sentence giving only this year's
        return "the question asks for an earlier figure; the best evidence gives only a current one"
    opposite = _opposite_sort(question, best.sentence.text)
    if opposite:  # "a half-day voucher" of "£4.50 for a full day"
        return f"the best evidence is about the {opposite}, not the one the question names"
    when_else = answer_type.other_time(question, best.sentence.text, best.context_terms)
    if when_else:
        return when_else
    if _WHAT_NUMBER_Q.match(question) and not re.search(r"\d", best.sentence.text):
        return "the best evidence gives no number"  # "what is the helpline's phone number?" of "a phone line"
    undated = (
        answer_type.undated_figure(question, best.sentence.text, best.context_terms) if kind == "quantity" else None
    )
    if undated:
        return f"the best evidence gives no figure for {undated}"
    if kind == "quantity" and _ALONE_Q.search(question) and _COMBINED.search(best.sentence.text):
        return "the best evidence gives only a combined figure"  # "the marquee alone" of "catering and marquee"
    if kind == "quantity" and not answer_type.new_figures(question, best.sentence.text):
        return "the best evidence gives only the figure the question states"  # "how many of the 6,000 ..."
    elsewhere = answer_type.other_place(question, best.sentence.text)
    if elsewhere:
        return f"the best evidence is about {elsewhere}, not the one the question names"
    rate = answer_type.other_rate(question, best.sentence.text) if kind == "quantity" else None
    if rate:
        return f"the best evidence gives figures per {rate}, not per the unit asked"
    # ("what is the monthly hire charge?": a sum, though not asked with "how much")
    span = (
        answer_type.total_over_span(question, best.sentence.text)
        if kind == "quantity" or _CHARGED.search(question)
        else None
    )
    if span:  # "the monthly charge" of "£640,000, including hire for the full 14 months"
        return f"the best evidence gives a total over several {span}s, not a figure per {span}"
    designated = answer_type.other_designator(question, best.sentence.text)
    if designated:
        return f"the best evidence is about {designated}, not the one the question names"
    other = _other_one(question, best.sentence.text)
    if other:
        return f"the best evidence is about {other}, not the one the question asks about"
    titled = _TITLE_WORD.sub(lambda m: m.group(0).lower(), question)  # "the Health Minister": a role too
    role = _ROLE_HOLDER_Q.match(titled) or _NAME_OF_ROLE_Q.match(titled)  # "who is the head teacher of X?"
    job = [w for w in words(role.group(1)) if not w.endswith(("'s", "’s"))] if role else []
    # "the chief executive" is not "the council leader": a title's own word after its leading word
    # ("chief", "head", which any leader's title shares) must go with the name
    leading = [k for k, w in enumerate(job) if stem(w) in ROLE_TERMS]
    role_own = job[leading[-1] + 1 :] if leading else []
    # "the director of nursing": the name may follow the field the role is of ("..., the trust's
    # director of nursing, Jo Smith"), not a body's own name ("the chief executive of Brisk")
    of_what = re.match(r"\s+of\s+((?:[a-z][\w-]*\s*)+)", titled[role.end(1) :]) if role else None
    complement = list(itertools.takewhile(lambda w: w not in STOPWORDS, words(of_what.group(1)))) if of_what else []
    if (
        kind == "person"
        and set(job) & _JOB_WORDS
        and not answer_type.names_near_terms(best.sentence.text, question, near=(role_own or job) + complement)
    ):
        return "the best evidence names no one holding the role asked about"
    if _SITS_ON_Q.match(question) and not (
        answer_type.names_person(best.sentence.text, question) and best.sentence.words & _SITTING
    ):
        return "the best evidence names no one sitting on what the question names"
    if answer_type.which_people(question) and not answer_type.names_person(best.sentence.text, question):
        return "the best evidence names no one of the kind asked about"  # "which councillors voted against?"
    acted = answer_type.people_act(question) if answer_type.which_people(question) else None
    if acted and not _tells(best, acted):  # a councillor who did not vote
        return f"the best evidence names no one who {acted}"
    kind_named = _NAMED_KIND_Q.search(question)
    named_kind = bool(kind_named)  # "what firm carried out the audit?": a firm is named
    modifiers = words(kind_named.group("modifiers") or "") if kind_named else []
    unknown_kind = [w for w in modifiers if w not in STOPWORDS | _PLAIN_MODIFIERS and not _known(w, vocabulary)]
    if kind_named and unknown_kind:  # "which engineering firm ...?" of an article that mentions no engineers
        return "the article never mentions " + " ".join(unknown_kind) + " " + kind_named.group("noun")
    if kind is None and named_kind:
        kind = "person"
    if kind == "person" and not (answer_type.asks_name(question) or named_kind):
        kind = None  # "who asked her?" may be answered by "the council": only "the name of" insists on a name
    if kind is not None and not answer_type.holds(kind, best.sentence.text, question):
        return f"no {kind} in the best evidence"
    if kind_named and not answer_type.names_body(best.sentence.text, question):  # "Cllr Gwilt" is no firm
        return "the best evidence names no " + kind_named.group("noun")
    made = _made_by_untold(question, best)
    if made:
        return f"the best evidence does not tell who {made} it"
    deed = _deed_asked(question)  # "which firm produced the report?"
    if kind_named and deed and not _tells(best, deed):
        return f"the best evidence names no {kind_named.group('noun')} doing what was asked ({deed})"
    if (
        kind == "date"
        and (_WHEN_WILL.search(question) or asks_future_date(question))
        and not answer_type.to_come(best.sentence.text, when)
    ):
        return "the question asks when something will happen; the best evidence tells only of the past"
    event = _other_event(question, best.sentence.text) if kind == "date" else None
    if event:
        return f"the date in the best evidence is for another event ({event})"
    if (
        kind == "date"
        and _FOUNDING_Q.search(question.partition(answer_type.CONTEXT_MARK)[0])
        and not _FOUNDING.search(best.sentence.text)  # "when was the co-operative founded?" of its first loss
    ):
        return "the question asks when something was founded; the best evidence does not tell of it"
    period = _PER_PERIOD_Q.search(question.partition(answer_type.CONTEXT_MARK)[0]) if kind == "quantity" else None
    if period and not _per_period(best.sentence.text, _period_of(period)):
        return f"the question asks for a figure per {_period_of(period)}; the best evidence gives none"
    groups = _other_group(question, best.sentence.text) if kind in ("quantity", "date") else None
    if groups:  # "what does a child's ticket cost?" of "adult tickets remain £5"
        return f"the figure in the best evidence is for {groups[1]}, not {groups[0]}"
    unnamed = _unnamed(question, best.sentence.text)
    if unnamed:
        return f"the best evidence does not say which {unnamed}: it never names one"
    # "how many were born at X?": a figure of Y's; "how many for the Cold Bay route?": one of another route's
    # (a follow-up that names no one itself, "how many members does it have?", is not held to every name
    # the conversation carried: the ranking already weighed them; nor is a comparison, "how many sail
    # from Pellow, compared with Oakum?", whose sentences each name one side)
    own_part, carried, _ = question.partition(answer_type.CONTEXT_MARK)
    if (
        kind in ("quantity", "date")
        and not (best.names_ok and (best.every_name or answer_type.compared_terms(own_part) is not None))
        and not (carried and not _NAMED.search(own_part[1:]))
    ):
        return f"the {kind} in the best evidence is not about whom or what the question names"
    return None


# "what was the median wait ...?": a figure may be asked for without "how"
_WHAT_Q = re.compile(r"^\s*(?:and |but |so )?what\b(?! (?:kind|sort|type)\b)", re.I)
# "what is the phone number for ...?", "what was the flight number?": digits (not "the (total) number
# of X", a count)
_WHAT_NUMBER_Q = re.compile(
    r"^\s*(?:and\s+)?what(?:'s|’s| is| was| are| were| will be) (?:the|its|their|his|her|a) "
    r"(?!(?:total|overall|exact|average|combined|estimated|maximum|minimum|precise|rough|approximate|actual|new|"
    r"current|final|likely|expected|annual|same|largest|smallest|highest|lowest)\b)(?:[\w'’-]+ ){1,3}?numbers?\b",
    re.I,
)


# "which printing company / what firm ...?": businesses go by their names, so a name is the answer
# (unlike "which body / agency", which "the county council" may answer)
_NAMED_KIND_Q = re.compile(
    r"^\s*(?:and |but |so )?(?:which|what) (?P<modifiers>(?:(?!(?:the|a|an|its|their|his|her|our|my|your|did|does|"
    r"do|is|was|were|are|has|have|had|will|would|can|could|should|may|might|must)\b)[a-z][\w-]* ){0,3}?)"
    r"(?P<noun>firms?|compan(?:y|ies)|gangs?|contractors?|developers?|airlines?|"
    r"suppliers?|banks?|insurers?|retailers?|manufacturers?|publishers?|broadcasters?|charit(?:y|ies)|"
    r"newspapers?|journals?|magazines?|brands?)\b(?!\s+of\b)",
    re.I,
)


# words that say which one of a kind, not what kind ("which local firm": any firm the article names)
_PLAIN_MODIFIERS = frozenset(
    "local private public new big small large main major other same different first second last previous former "
    "current foreign national international outside independent".split()
)


# "who is the head teacher of X?", "who was its chair?": a name next to the role is the answer
_JOB_WORDS = frozenset(
    "teacher headteacher principal judge director manager secretary spokesperson spokesman spokeswoman minister "
    "mayor governor chair chairman chairwoman head chief boss leader president editor author founder owner coach "
    "captain treasurer officer commissioner superintendent inspector prosecutor barrister lawyer solicitor "
    "member members".split()
)
# ("who was the Ayr Council spokesperson who said ...?": past the body's name, and a clause after)
_ROLE_HOLDER_Q = re.compile(
    r"^\s*(?:[Aa]nd\s+)?[Ww]ho (?:is|was|are|were) (?:the|its|their|his|her) (?:[A-Z][\w'’-]*\s+)*"
    r"([a-z][\w'-]*(?: [a-z][\w'-]*){0,2}?)"
    # (then what it is of, or who did something: "who led", "quoted in the article")
    r"(?:\s+(?:(?:of|at|for|in|on)\b|(?:who|that)\s+[a-z]+(?:ed|d)\b|[a-z]+ed\s+(?:in|by|on|at)\b)[^?]*)?\??\s*$"
)
# "who will sit on the panel?": its members, whom a sentence naming no one on it does not give
_SITS_ON_Q = re.compile(
    r"^\s*(?:and\s+)?who (?:will |would |is to |are to |is going to |are going to |is set to |are set to )?"
    r"(?:sit|sits|sat|serve|serves|served) on\b",
    re.I,
)
_SITTING = frozenset("member members sit sits sat seat seats serve serves served sitting serving".split())
# a role written as a title ("the Minister of Health", "the Chief Executive"): its words, lower-cased
_TITLE_WORD = re.compile(
    r"\b(?:" + "|".join(w.capitalize() for w in sorted(_JOB_WORDS | {"executive", "executives"})) + r")\b"
)
# "what is the name of the council's chief executive?": a name by the role, as for "who is ...?"
_NAME_OF_ROLE_Q = re.compile(
    r"^\s*(?:[Aa]nd\s+)?[Ww]hat (?:is|was) the name of (?:the|its|their|his|her) (?:[\w'’-]+['’]s\s+)?"
    r"([a-z][\w'-]*(?: [a-z][\w'-]*){0,2}?)\s*\??\s*$"
)
# "the previous chief officer" is not "a new chief officer": modifiers that pick out another one
_BEFORE_NOW = frozenset("previous former old outgoing last prior predecessor original".split())
_NOW_ON = frozenset("new current incoming next successor replacement".split())


# "how did / why did / when was ...": asks about what happened, as a fact (not "what would happen if ...")
_HAPPENED_Q = re.compile(
    r"^\s*(?:and |but |so )?(?:how|why|when|where) (?:did|was|were|had)\b(?![^?]*\b(?:would|could|might|if)\b)",
    re.I,
)
# a past counterfactual: "if the gate had been shut, we would have slept in the van"
_COUNTERFACTUAL = re.compile(
    r"\bif (?:[\w'’-]+ ){1,3}had\b[^.;]*\b(?:would|could|might)(?:n't| not)? have\b"
    r"|\b(?:would|could|might)(?:n't| not)? have\b[^.;]*\bif (?:[\w'’-]+ ){1,3}had\b",
    re.I,
)
# "when was the club founded?": a founding is told in so many words ("set up in 1962", "since 1962")
_FOUNDING_Q = re.compile(r"\b(?:founded|established|formed|set up|created|incorporated)\b", re.I)
# "when did the hall open?": an opening, told like a founding ("which opened in 1962") when one is close
_OPENED_Q = re.compile(r"^\s*(?:and\s+)?when (?:did|was|were)\b[^?]*\bopen(?:ed)?\s*\??\s*$", re.I)
_FOUNDING = re.compile(
    r"\b(?:found(?:ed|ing|er|ers)|establish(?:ed|ment|ing)|formed|formation|set up|creat(?:ed|ion)|incorporated|"
    r"since|opened|began|started|dates? (?:back|from))\b",
    re.I,
)
# the start, the end and the report of a thing are three events, each with its own date
_EVENTS = {
    "start": frozenset(
        "begin begins began begun beginning start starts started starting commence commences commenced launch "
        "launches launched open opens opened opening reopen reopens reopened reopening".split()
    ),
    "end": frozenset(
        "ends ended finish finishes finished finishing close closes closed closing closure conclude concludes "
        "concluded complete completes completed shut shuts".split()
    ),
    "report": frozenset("report reports reported publish publishes published".split()),
    "visit": frozenset("visit visits visited visiting".split()),  # "which day will the van visit?" of "closes Friday"
    # "when were the cables last replaced?" of "the bridge was closed on Monday"
    "replace": frozenset("replace replaces replaced replacing renew renews renewed renewing".split()),
}


# "before the closure", "after the hall reopens", "ahead of its launch": a time the asked one is placed by
_RELATIVE_TIME = re.compile(r"(?<=\w)\s+(?:before|after|until|till|ahead of|prior to|following)\s+[^?,;]*", re.I)


def _other_event(question: str, text: str) -> str | None:
    """ "When is the review due to begin?" of "It is expected to report by June": the event the
    text dates ("report"), when the question asks another and the text does not name it."""
    own_question = question.partition(answer_type.CONTEXT_MARK)[0]
    if answer_type.asks_time_of_day(own_question):  # which the text may give in passing
        return None
    # "when is the open day before the closure?": the closure only places the day asked about
    own = set(words(_RELATIVE_TIME.sub(" ", own_question)))
    asked = {e for e, forms in _EVENTS.items() if own & forms}
    if not asked:
        return None
    if "start" in asked and _CLOSED_UNTIL.search(text):  # "closed until 9 May": open again from then
        return None
    told = set(words(text))
    dated = [e for e, forms in _EVENTS.items() if told & forms]
    if dated and not asked & set(dated):
        return dated[0]
    return None


def _other_one(question: str, text: str) -> str | None:
    """ "What was the name of the previous chief officer?" whose best evidence speaks only of "a new
    chief officer": the thing the evidence is about ("the new officer"), else None."""
    q_words = words(question)
    text_words = words(text)
    for k, w in enumerate(q_words[:-1]):
        if w not in _BEFORE_NOW | _NOW_ON:
            continue
        mine, theirs = (_BEFORE_NOW, _NOW_ON) if w in _BEFORE_NOW else (_NOW_ON, _BEFORE_NOW)
        if set(text_words) & mine:
            continue
        nouns = {stem(x) for x in q_words[k + 1 : k + 4] if x not in STOPWORDS}
        for j, t in enumerate(text_words):
            if t in theirs and nouns & {stem(x) for x in text_words[j + 1 : j + 4]}:
                return f"the {t} one"
    return None


# "when will the claim be heard?": a date still to come is the answer
_WHEN_WILL = re.compile(
    r"^\s*(?:and |but |so )?(?:when|on what date|by when|what (?:date|day|month|year)) will\b", re.I
)
# "which cloud provider did they move to?", "which hospital treated them?": the thing asked to be
# identified is the last noun before the verb
_WHICH_Q = re.compile(r"^\s*(?:and |but |so )?which ((?:[a-z][\w'’-]* ){1,4})", re.I)
_AUX = frozenset(
    "did does do is was were are be been being has have had will would can could should may might must".split()
)
_INDEFINITE = frozenset({"a", "an", "another", "some", "one"})
NAME_NEAR = 3  # tokens either side of a noun where a name identifies it
_BARE_BEFORE = frozenset("to in at into from".split())  # "taken to hospital": a bare noun names no one place
_COUNT_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty hundred dozen".split()
)
# what follows a noun and says which it is: "two sites, the quay and the cannery", "a firm called X"
_DESCRIBED = re.compile(r"\s*(?:[,:(–—-]\s*(?:(?:the|a|an)\b|[A-Z\"“])|(?:called|named|known as|including|such as)\b)")


# "on the bakery and the dairy, the town's two largest employers": the ones named before the noun
_LISTED_BEFORE = re.compile(r"\b[\w'’-]+\s+(?:and|or)\s+(?:the\s+)?[\w'’-]+,\s+(?:the|its|their)\b[^,.;:]*$")


# groups that exclude each other: a figure told for one is not the other's
_COMPLEMENTS = tuple(
    (frozenset(a.split()), frozenset(b.split()))
    for a, b in (
        ("child children child's children's kid kids junior juniors", "adult adults adult's adults'"),
        ("business businesses commercial non-domestic", "household households domestic residential"),
        ("full-time", "part-time"),
        ("off-peak", "peak"),
        ("weekday weekdays", "weekend weekends"),
        ("men male boys", "women female girls"),
        ("international overseas foreign", "domestic"),
    )
)


# "how much does it raise each year?": a yearly figure ("£2m a year", "an annual £2m", "in 2031"), not a
# one-off sum
_PER_PERIOD_Q = re.compile(
    r"(?<!\bhalf )\b(?:each|every|per|a) (?P<unit>year|month|week|day)\b|\b(?P<adverb>annually)\b",
    re.I,
)
_ADVERB_PERIOD = {"annually": "year"}  # ("yearly", "daily": most often adjectives, "a yearly bill")
_ADJECTIVE_PERIOD = {"year": "annual|annually|yearly", "month": "monthly", "week": "weekly", "day": "daily"}


def _period_of(found: re.Match[str]) -> str:
    return found.group("unit").lower() if found.group("unit") else _ADVERB_PERIOD[found.group("adverb").lower()]


def _per_period(text: str, unit: str) -> bool:
    """``text`` tells a figure per ``unit`` ("a year", "each week", "daily"), or, for a year, one
    year's ("in 2031", "last year")."""
    every = rf"\b(?:each|every|per|a|an|one) (?:average |typical |normal |single )?{unit}\b"
    rate = every + rf"|\b(?:{_ADJECTIVE_PERIOD[unit]})\b"
    if re.search(rate, text, re.I):
        return True
    return unit == "year" and bool(
        re.search(r"\b(?:in|of|for|during|since) (?:19|20)\d\d\b|\b(?:last|this|that) year\b", text, re.I)
    )


_NAMED = re.compile(r"\b[A-Z][a-z]")  # a capitalised word past the first: a name the question gives


_GROUP_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*(?:'s?)?")  # "off-peak" whole, "child's"


def _other_group(question: str, text: str) -> tuple[str, str] | None:
    """(the group asked about, the other one) when ``text`` tells of only the other of two groups that
    exclude each other ("a child's ticket" asked, "adult tickets" told), else None."""
    asked = set(_GROUP_WORD.findall(question.partition(answer_type.CONTEXT_MARK)[0].lower().replace("’", "'")))
    told = set(_GROUP_WORD.findall(text.lower().replace("’", "'")))
    for a, b in _COMPLEMENTS:
        for one, two in ((a, b), (b, a)):
            if asked & one and not asked & two and told & two and not told & one:
                return sorted(asked & one)[0], sorted(told & two)[0]
    return None


def _next_word(rest: str) -> str:
    """The lower-case word ``rest`` begins with, past any spaces, or "" ("is" of " is put off")."""
    found = re.match(r"\s*([a-z]+)\b", rest)
    return found.group(1) if found else ""


def _unnamed(question: str, text: str) -> str | None:
    """For "which X ...?": X's noun when ``text`` mentions it only indefinitely ("a new cloud
    provider."), bare ("taken to hospital") or, for "which two X", only counted ("two of the
    fourteen schools"), never with a name near it or a description after it ("a proposal to open
    the line early", "two sites, the quay and the cannery"); else None."""
    found = _WHICH_Q.match(question)
    if not found:
        return None
    asked = found.group(1).lower().split()
    counting = bool(asked) and (asked[0] in _COUNT_WORDS or asked[0][:1].isdigit())
    group: list[str] = []
    for w in asked[1:2] if counting else asked:  # "which two schools cut ...": the word after the count
        if w in _AUX or w.endswith("ed") or (w in STOPWORDS and group):
            break
        group.append(w)
    group = [w for w in group if w not in STOPWORDS and not w[:1].isdigit()]
    if not group:
        return None  # "which of them"
    noun = group[-1].strip("'’")
    tokens = list(re.finditer(r"[^\W_][\w'’-]*", text))
    found_at = [k for k, m in enumerate(tokens) if stem(words(m.group())[0]) == stem(noun)]
    if not found_at:
        return None
    for k in found_at:
        before = [words(m.group())[0] for m in tokens[max(0, k - NAME_NEAR) : k]]
        while before and before[-1] in group[:-1]:  # "from outside suppliers": the question's own modifier
            before.pop()
        rest = text[tokens[k].end() :]
        # "two branches of the City Library": the name after "of" says whose they are, not which
        behind = [] if re.match(r"\s+of\b", rest) else tokens[k + 1 : k + 1 + NAME_NEAR]
        near = [m.group() for m in tokens[max(1, k - NAME_NEAR) : k] + behind]
        if (
            # (not the question's own words: "which Dutch engineer" of "a Dutch engineer")
            any(t[:1].isupper() and t.lower() not in group for t in near)
            or _DESCRIBED.match(rest)
            or _LISTED_BEFORE.search(text[: tokens[k].start()])
            or re.match(r"\s*:", rest)
        ):
            # "the north quay", "a firm, Brightwater Ltd", "two sites: the quay and ...", "teaches five
            # languages:" (their list follows): identified
            return None
        if (
            (before and before[-1] in _BARE_BEFORE)
            or (counting and any(b in _COUNT_WORDS or b[:1].isdigit() for b in before))
            or (not counting and before and (before[-1] in _COUNT_WORDS or before[-1][:1].isdigit()))
        ):
            continue  # "taken to hospital", "two of the fourteen schools", "to two other hospitals": not identified
        # nothing describes it after ("from an outside firm is postponed": a verb is no description)
        ends = re.match(r"\s*(?:[.,;:!?)]|$)", rest) is not None or _next_word(rest) in _AUX
        if not (set(before) & _INDEFINITE) or not ends:
            return None  # "the council's plan", "a proposal to open ...": identified
    return " ".join(group).replace("'", "").replace("’", "")


# "what did the review conclude?" of a review that "will report by the end of the year"
_OUTCOME_Q = re.compile(  # "what did the review conclude", "what was decided": how it turned out
    r"^\s*(?:and |but |so )?what (?:did|has|have|had|was|were) (?P<subject>(?:[\w'’-]+ ){0,7}?)(?:conclude|find|decide|"
    r"recommend|rule|determine|show|reveal|agree|vote|approve|concluded|found|decided|recommended|ruled|agreed|"
    r"approved)\b",
    re.I,
)
# "how did the full council vote on it?", "how did the panel rule?": how it turned out, too
_HOW_OUTCOME_Q = re.compile(
    r"^\s*(?:and |but |so )?how (?:did|has|have|had) (?P<subject>(?:(?!of\b)[\w'’-]+ ){0,4}?)(?:vote|voted|rule|ruled|"
    r"decide|decided)(?:\s+(?:on|in|over|about|for|against|to)\b|\s*\??\s*$)",
    re.I,
)
_DONE = re.compile(
    r"\b(?:concluded|found|decided|recommended|ruled|determined|showed|revealed|agreed|voted|approved|rejected)\b", re.I
)


def still_to_come(question: str, ranked: Sequence[ScoredSentence], when: tuple[int, int] | None = None) -> bool:
    """The question asks how something turned out ("what did the review conclude?", "what did the
    board decide at its September meeting?") and the article tells of it only as still to come:
    the best evidence puts it in the future ("will report", "postponed until its September
    meeting") and reports no outcome; or the question names a later month of the publication year
    (no year given) that the evidence also gives in the future."""
    asked = _OUTCOME_Q.search(question) or _HOW_OUTCOME_Q.search(question)
    if not ranked or not asked:
        return False
    best = ranked[0].sentence.text
    if answer_type.FUTURE.search(best) and not _DONE.search(best):
        return True
    # "what did the laboratory analysis of the samples find?": the best evidence tells of the samples,
    # and the one that names the analysis puts its results in the future
    head = [stem(w) for w in words(re.split(r"\s+of\s+", asked.group("subject"))[0]) if w not in STOPWORDS][-1:]
    if head and head[0] not in ranked[0].sentence.terms:
        for r in ranked[1:]:
            text = r.sentence.text
            if head[0] in r.sentence.terms and answer_type.FUTURE.search(text) and not _DONE.search(text):
                return True
    months = {m.lower() for m in answer_type.MONTH_WORD.findall(question)}
    if when is None or not months or re.search(r"\b(?:19|20)\d\d\b", question):
        return False
    later = {m for m in months if answer_type.MONTH_NAMES.index(m) + 1 > when[1]}
    return any(
        bool(later & {m.lower() for m in answer_type.MONTH_WORD.findall(r.sentence.text)})
        and bool(answer_type.FUTURE.search(r.sentence.text))
        for r in ranked
    )


# "she declined to say how many had left": the article reports that the answer was withheld
_WITHHELD = re.compile(
    r"\b(?:declined|refused|would not|wouldn't|did not|didn't|could not|couldn't|was unable|were unable|"
    r"has not|have not|had not)\s+(?:yet\s+)?(?:to\s+)?(?:say|said|disclose|disclosed|reveal|revealed|specify|"
    r"specified|confirm|confirmed|identify|identified|name|named|give|given|provide|provided|publish|published|release|"
    r"released)\b|\b(?:was|were|has|have|had)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:disclosed|revealed|"
    r"published|released|made public)\b|\bundisclosed\b|\bnot (?:yet )?(?:known|clear)\b",
    re.I,
)
WITHHELD_DEPTH = 3  # the best few sentences are searched for a withheld answer
# a sentence holding the asked kind ranks first only by its type's preference (TYPE_MARGIN) while one
# of the next few, without it, shares this much more of the question's words, and about as much of
# its meaning (at most SEMANTIC_SLACK less): the figure is another thing's
WORDS_GAP = 0.35
SEMANTIC_SLACK = 0.1
WITHHELD_COVERAGE = 0.6  # share of the question's topic terms the withheld clause must hold


def _withheld(question: str, ranked: Sequence[ScoredSentence]) -> str | None:
    """A sentence among ``ranked`` saying that what the question asks was not disclosed: the
    words after "declined to say" hold most of the question's topic terms."""
    topic = topic_terms(question)
    if not topic:
        return None
    for item in ranked:
        text = item.sentence.text
        for match in _WITHHELD.finditer(text):
            rest = text[match.end() :]
            clause = re.split(r"[;.]|,\s+(?:but|and|while|though)\b", rest, maxsplit=1)[0]
            held = {stem(synonym(w)) for w in words(clause)}
            if len(topic & held) >= WITHHELD_COVERAGE * len(topic):
                return (text[match.start() : match.end()] + clause).strip()
    return None


def topic_covered(question: str, best: ScoredSentence, pervasive: frozenset[str] = frozenset()) -> bool:
    """Some content word of the question, other than names, is in the best evidence.

    Names alone are not enough: "What is the population of Armenia?" matches many sentences
    about Armenia, none about population.
    """
    topic = topic_terms(question)
    if not topic or (best.lexical > 0 and bool(topic & best.context_terms)):
        return True
    # "who heads it?" and "its chair": words for whoever leads a body
    if topic & ROLE_TERMS and best.context_terms & ROLE_TERMS:
        return True
    # another form of a topic word ("mediation", "mediator"): the stems differ, the words are kin
    if any(related(t, c) for t in topic for c in best.context_terms if t[:4] == c[:4]):
        return True
    if any(kin(t) & best.context_terms for t in topic):  # "kids" of "children", "proposal" of "motion"
        return True
    if {IRREGULAR[t] for t in topic if t in IRREGULAR} & {IRREGULAR[c] for c in best.context_terms if c in IRREGULAR}:
        return True  # "how long did that take?" of "the recount took nearly 3 hours"
    # a negative prefix ("imprudent" for "not ... prudent", "unfair" for "not fair")
    if any(t[len(p) :] in best.context_terms for t in topic for p in NEGATIVE_PREFIXES if t.startswith(p)):
        return True
    # a paraphrase ("who heads X?" for "X's chair"): the asked type, next to the names asked about
    # (not only the names the whole story is about, which are next to nearly everything)
    names = {stem(w) for i, t in enumerate(raw_tokens(question)) if i > 0 and t[:1].isupper() for w in words(t)}
    names -= pervasive
    return best.holds_type and bool(names) and names <= best.context_terms


# the measure a "how ..." question asks for belongs to its form: "how long" is answered by "47-kilometre"
_HOW_WHAT = re.compile(r"\bhow (long|far|big|large|old|tall|high|often|soon|deep|wide|early|late|close)\b", re.I)


_MAGNITUDES = frozenset("hundred thousand million billion trillion percent cent per dollar pound euro".split())


def topic_terms(question: str) -> set[str]:
    """The question's content terms other than names (what it asks *about*)."""
    tokens = raw_tokens(question)
    names = {w for i, t in enumerate(tokens) if i > 0 and t[:1].isupper() for w in words(t)}
    asked = {m.lower() for m in _HOW_WHAT.findall(question)}  # "how long is it": the form, not the topic
    content = [w for w in words(question) if w not in STOPWORDS and w not in QUESTION_FILLER and w not in names | asked]
    # a figure ("$40 million", "12 per cent") ties the question to any other figure, not to a topic
    # (a year does: "in March 2023")
    content = [w for w in content if not (w[:1].isdigit() and not answer_type.is_year(w)) and w not in _MAGNITUDES]
    return {stem(synonym(w)) for w in content} - {"author"}


def _about_another(question: str, best: ScoredSentence, ranked: Sequence[ScoredSentence]) -> bool:
    """The best evidence holds a figure or date, but one of the next few sentences, without one, is far
    more about what the question asks: "how many members of the committee voted for it?" of "71 per cent
    of the 412 people who responded ..." ranked above "X, who convenes the committee, said ...". A
    sentence that counts the very thing asked about ("how many nurses?" of "it employs 40 nurses") is
    about it, however few of the question's other words it shares."""
    if not best.holds_type:
        return False
    if _REOPENING_Q.search(question) and _CLOSED_UNTIL.search(best.sentence.text):
        return False  # "when will the road reopen?" of "the road will stay shut until 9 May"
    if any(answer_type.counted_in(best.sentence.text, kin(stem(w))) for w in answer_type.measured(question)):
        return False
    if answer_type.asks_weekdays(question) and any(_tells(best, v) for v in answer_type.participles(question)):
        return False  # "which days of the week will it be closed?" of "They will be shut every Tuesday ..."
    return any(
        not other.holds_type
        and other.names_ok
        and other.lexical >= best.lexical + WORDS_GAP
        and other.semantic >= best.semantic - SEMANTIC_SLACK
        for other in ranked[1:WITHHELD_DEPTH]
    )


_REOPENING_Q = re.compile(r"\b(?:re-?open\w*|resum\w+|restart\w*|open again|back open)\b", re.I)
_CLOSED_UNTIL = re.compile(
    r"\b(?:closed|shut|suspended|halted|paused|stopped|out of action|out of use)\s+(?:[\w-]+\s+){0,2}?until\b", re.I
)


# "a half-day voucher" is not "a full day" one: words that pick out one of two sorts of a thing
_OPPOSED_PAIRS = """half full | single return | adult child | adults children | weekday weekend | weekdays weekends
| day night | daytime night-time | morning evening | north south | east west | northern southern | eastern western
| inbound outbound | domestic international | men women | men's women's | boys girls | junior senior | summer winter
| upper lower | indoor outdoor | urban rural | upstream downstream | temporary permanent"""
_OPPOSED = {a: b for pair in _OPPOSED_PAIRS.split("|") for x, y in [pair.split()] for a, b in ((x, y), (y, x))}
_PIECES = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?")


def _opposite_sort(question: str, text: str) -> str | None:
    """ "How much is a half-day voucher?" of "Visitor voucher: £4.50 for a full day": the text writes
    the question's noun after the opposite word ("full day") and never the question's own ("half"):
    the pair it writes, else None."""
    asked = [w.lower() for w in _PIECES.findall(question.partition(answer_type.CONTEXT_MARK)[0])]
    told = [w.lower() for w in _PIECES.findall(text)]
    for w, noun in itertools.pairwise(asked):
        other = _OPPOSED.get(w)
        if other is None or w in told or noun in STOPWORDS:
            continue
        if any(a == other and stem(b) == stem(noun) for a, b in itertools.pairwise(told)):
            return f"{other} {noun}"
    return None
