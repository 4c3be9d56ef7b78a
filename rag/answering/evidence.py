"""The article as evidence: sentences, how well they answer a question, and what supports a claim.

Everything here is deterministic and model-free except the sentence embeddings, which are computed
once per engine (the article has tens of sentences) and then only compared by dot product.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

from rag.answer import Passage
from rag.answering import answer_type
from rag.answering.support import contradicts, document_names
from rag.answering.support.numbers_negation import SPLIT_VOTE as _SPLIT_VOTE
from rag.answering.support.numbers_negation import UNANIMOUS as _UNANIMOUS
from rag.ingest.article import INLINE_LINK
from rag.ingest.sentences import ITEM_MARKER, Span, sentences
from rag.retrieval.lexical import (
    QUESTION_FILLER,
    ROLE_TERMS,
    STOPWORDS,
    inflected,
    kin,
    named_kin,
    question_terms,
    raw_tokens,
    related,
    stem,
    terms,
    words,
)

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
    passage: int  # index into the retrieved passages (-1: added without retrieval, the byline)
    score: float
    semantic: float
    lexical: float
    context_terms: frozenset[str]  # terms of the sentence and its neighbours
    holds_type: bool = False  # holds the kind of answer asked for (a date for "when"...)
    names_ok: bool = True  # a name the question gives is in the sentence's paragraph (its speaker's, for "say")
    speaker_checked: bool = False  # a "what did X say" question: names_ok includes that the words are X's
    every_name: bool = True  # every name the question gives is in the paragraph ("Orla Lines" and "Cold Bay")
    priced_ok: bool = True  # "how much rent ...?": the sentence (or the list it is an item of) names the rent


# a sentence holding a number for "how many" or a date for "when" is very likely the one;
# most sentences name someone, so a name is weaker evidence for "who"
TYPE_BONUS = {"quantity": 0.15, "date": 0.15, "person": 0.08}
# "which court?": a sentence with a name ending in "Court" ("Ashmoor Crown Court") very likely answers
KIND_NAME_BONUS = 0.15
# "which pool ...?": a name ending in "Pool" is likelier the answer, though the one may be "the X Centre"
WHICH_NAME_BONUS = 0.08
# "how long will the hall be closed?": the sentence whose span goes with that verb
SPAN_VERB_BONUS = 0.1
INTRODUCTION_BONUS = 0.15  # "who is X?": a sentence describing X in an appositive
# "what did the board change in March 2031?": a sentence naming the month the question pins its
# event to (the question not asking for a date) is likelier about that event than one naming none
MONTH_BONUS = 0.1
DESCRIBED_REACH = 6  # "the review" stands for "the Oakum review" this many sentences after it
# "on what date did the board meet?": a day of a month ("on March 18") answers it better than a
# weekday ("on Tuesday"), which it also accepts
DAY_OF_MONTH_BONUS = 0.08
SUBJECT_SENTENCE_WORDS = 12  # the story's opening sentence is this long at least (a date line is shorter)
# a sentence holding the asked type is preferred over a better-scoring one without it, if this close
TYPE_MARGIN = 0.2
# semantic similarity minus this much of the sentence's similarity to the whole article (above the
# article's mean): a generic sentence resembles every question a little, and answers none
SPECIFICITY = 0.5
# a sentence whose paragraph never names whom or what the question names is rarely about them
NAME_PENALTY = 0.6
NEIGHBOUR_ONLY = 0.85  # a follow-up's own noun held by a neighbour only, not the sentence
_ASKS = re.compile(r"\?\s*$")  # a sentence that is itself a question, outside quotes ("... ?" not '... ?"')
# "why?": a sentence that gives a reason ("because", "due to", "in part, this was") is likelier the answer
REASON_BONUS = 0.1
RARE_TERM_SENTENCES = 2  # a question's term found in at most this many sentences makes them candidates
RARE_TERM_LENGTH = 5  # ... if it is a term this long at least (not "long", "take": everyday words)
# "why did the trust sell the site?" of a text saying "the trust did not sell it": the sentence that
# corrects the premise comes first (its names may be paraphrased, so they are not insisted on), if
# it scores at least this share of the best score
PREMISE_FLOOR = 0.5
# a name in at least this share of the body's paragraphs (and at least this many) is what the story is about
PERVASIVE_SHARE = 0.25
PERVASIVE_MIN = 3
# how far a long sentence's best clause lifts its similarity to the question (1: all the way)
CLAUSE_WEIGHT = 1.0
# "what did X ask the board to do?": the sentence with X's asking, over X's other words
SPEECH_ACT_BONUS = 0.15
_WHY_Q = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+)?(?:why\b|(?:for )?what (?:reasons?|explanation|justification)\b"
    r"|what (?:is|was|are|were) the (?:reasons?|explanation|justification)\b)",
    re.I,
)
_SUBORDINATE = re.compile(r"\s(?:when|whenever|after|while|despite|although|though|if|once|given that)\s(.+)$", re.I)
_REASON = re.compile(
    r"\b(?:because|since|due to|as a result|consequence|reason|so that|in part|caused?|led to|"
    r"according to|thanks to|ruling that|ruled that|on the grounds|grounds that|in order|after|arguing that|"
    r"argued that|the fact that|(?:credit|credits|credited|attribute|attributes|attributed)\b[^.;]{1,60}?\bto|"
    r"(?:blame|blames|blamed)\b[^.;]{1,60}?\bon|(?:put|puts)\b[^.;]{1,60}?\bdown to)\b|:"
    # a deed and what it was over ("the contract was terminated in May over poor workmanship"), not a
    # span of time ("fined twice over the past year")
    r"|\b(?:terminat|cancel|scrap|sack|resign|dismiss|suspend|fined|sued|arrest|withdr|axed|quit|row|dispute|"
    r"clash|protest|strike|walk(?:ed)? ?out|complain|concern)\w*\b[^.;]{0,80}?\bover\s+(?!(?:the\s+|a\s+|an\s+)?"
    r"(?:past|last|next|same|coming|previous|course|period|weekends?|summer|winter|spring|autumn|holidays?|decades?|years?|months?|weeks?|days?|hours?|half|\d|"
    r"\w+\s+(?:decades?|years?|months?|weeks?|days?|hours?)\b))",
    re.I,
)
# a purpose ("a new depot to cut lorry trips", "walks there every week to collect her pension",
# "intended to cover a third of its use"): an infinitive after a noun or a clause, not after a verb or
# adjective that takes one ("plans to", "has to", "able to") nor "to" as a place or a range ("to school")
_PURPOSE_MARKED = re.compile(r"\b(?:intended|designed|meant|aimed|in order|so as|in a bid|in an effort)\s+to\s+[a-z]+")
_PURPOSE = re.compile(
    r"\b(?!(?:want|wants|wanted|plan|plans|planned|agree|agrees|agreed|hope|hopes|hoped|expect|expects|expected|"
    r"need|needs|needed|going|set|able|unable|likely|unlikely|decide|decides|decided|refuse|refuses|refused|"
    r"decline|declines|declined|try|tries|tried|attempt|attempts|attempted|promise|promises|promised|intend|intends|"
    r"vow|vows|vowed|pledge|pledges|pledged|threaten|threatens|threatened|seem|seems|seemed|appear|appears|"
    r"appeared|continue|continues|continued|begin|begins|began|begun|start|starts|started|has|have|had|having|"
    r"used|ought|allowed|asked|told|urged|required|forced|about|ready|willing|keen|happy|first|last|only|way|"
    r"chance|right|time|according|close|next|due|compared|up|down|back|from|equivalent|similar|prior|"
    r"rise|rises|rose|fall|falls|fell|cut|cuts|increase|increases|increased|reduce|reduced|grow|grew|go|goes|"
    r"went|come|came|moved|move|sent|send|transferred|returned|return|travel|travelled|traveled|taken|taking|"
    r"get|got|led|lead|leads|is|are|was|were|be|been|not|and|or|but|spoke|speak|talk|talked|wrote|write|written|"
    r"said|say|says|referred|linked|belong|belongs|listen|given|gave|handed|applied|apply|lost|sold|added|"
    r"respond|responded|reply|replied|switch|switched|addition|response|reference|regard|relation|contrast|"
    r"opposed|opposition|committed|subject|access|near|nearer|closer|chose|choose|chosen|opted|opt|elected|"
    r"prefer|preferred|managed|manage|afford|fail|fails|failed|helped|help|helps)\b)(?P<before>[A-Za-z][a-z]*)\s+to\s+"
    r"(?!(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|some|all|be|date|school|court|"
    r"hospital|prison|market|town|work|power|bed|church|sea|office|university|college|one|two|three|four|five|"
    r"six|seven|eight|nine|ten)\b|[a-z]*[^s]s\b)[a-z]{2,}(?!\w)"  # (nor a plural: "to reporters")
)
# a sentence of at most this many words counting a plural ("two ways forward") announces the next ones
ANNOUNCER_WORDS = 15
_COUNT_WORDS = frozenset("two three four five six seven eight nine ten".split())
# "and the other one?": how much a sentence's likeness to the one the last answer quoted counts
PARALLEL_WEIGHT = 0.3
# a line alone in its paragraph, of at most this many words and with no closing punctuation, is a sub-heading
HEADING_WORDS = 8
# a list whose median item is this short is a list of things, quoted whole
LIST_PHRASE_WORDS = 8
# a reported speech's continuation in the speaker's own words: at most this many sentences
CONTINUED_SENTENCES = 3
# "when will it open?", "by when is the board expected to decide?": a date still to come
_FUTURE_DATE_Q = re.compile(
    r"^\s*(?:and |but |so )?(?:when|by when|on what date|what (?:date|day|month|year))\s+(?:will|is|are)\b"
    r"[^?]*?(?:\bwill\b|\b(?:expected|due|scheduled|set|planned|going) to\b)",
    re.I,
)
QUOTE_REACH = 2  # sentences of one quotation quoted with the one chosen, either side
_OPENS_QUOTE = re.compile(r"^\s*[\"“]")
_SPAN_WORDS = frozenset("years months weeks days hours minutes decades times".split())  # "two years": a span
# a follow-up is asking for something new: a sentence the conversation already cited counts this much
REPEAT_FACTOR = 0.85
# "Why?" after an answer: a sentence already cited that gives no reason is not the answer
WHY_REPEAT_FACTOR = 0.6
# a follow-up most often asks about what the text says next: the sentences right after the last
# answer's quote gain this much, less with each sentence further on (news prose runs forward)
FOLLOWING_BONUS = (0.1, 0.07, 0.04)
# a negative prefix: "imprudent" asks about what the text calls "not ... prudent"
NEGATIVE_PREFIXES = ("un", "in", "im", "ir", "il", "dis", "non")
# an earlier answer's sentence restates an article sentence holding this share of its content terms
RESTATED = 0.75
# What a byline block answers: "who wrote it?", "when was it published?"
HEADER_TERMS = frozenset({"author", "publish", "date", "title", "headline"})
_ARTICLE_WORDS = frozenset("article story piece report".split())
# who writes an article: "which reporter wrote it?" still asks about the byline
_WRITING_TERMS = frozenset(stem(w) for w in "reporter journalist correspondent writer byline newspaper paper".split())
HEADER_BONUS = 0.1  # a question about the article itself ("who wrote it?"): its header block gains this
# "What did X say / tell / announce ...": the answer is X's words, not someone else's at the same event
_SPEECH_Q = re.compile(  # the question's own opening, not the context a follow-up carries after it
    r"^\s*(?:and |but |so )?(?:what|how) (?:did|does|do|has|have|would|will) (?P<who>.+?) "
    r"(?P<verb>say|said|state|tell|told|declare|announce|add|argue|claim|call|warn|describe|comment|note|think|"
    r"expect|ask|urge|demand|propose|suggest|want|promise|recommend|characteri[sz]e|portray|explain)\b",
    re.I,
)
_SPEECH_VERB = re.compile(
    r"^(?:said|says?|saying|stat(?:ed|es|ing)|told|tells?|telling|declar(?:ed|es|ing)|announc(?:ed|es|ing)|"
    r"add(?:ed|s|ing)|argu(?:ed|es|ing)|claim(?:ed|s|ing)?|call(?:ed|s|ing)|warn(?:ed|s|ing)?|comment(?:ed|s|ing)?|"
    r"not(?:ed|es|ing)|describ(?:ed|es|ing)|recommend(?:ed|s|ing)?|dismiss(?:ed|es|ing)|express(?:ed|es|ing)|"
    r"respond(?:ed|s|ing)?|insist(?:ed|s|ing)?|promis(?:ed|es|ing)|ask(?:ed|s|ing)?|urg(?:ed|es|ing)|"
    r"demand(?:ed|s|ing)?|propos(?:ed|es|ing)|suggest(?:ed|s|ing)?|apologis(?:ed|es|ing)|apologiz(?:ed|es|ing))$",
    re.I,
)
# "who spoke for the union?", "who commented on the study?": the answer is someone the text has speaking
_WHO_SPOKE = re.compile(
    r"^\s*(?:and\s+)?(?:who|which(?: [\w-]+){1,3}?) (?:spoke|speaks|said|says|commented|comments|told|warned|"
    r"argued|responded|reacted|announced|critici[sz]ed|welcomed|described|called)\b",
    re.I,
)
_PRONOUN_SAID = re.compile(r"\b(?:she|he|they) (?:said|says|added|adds|told|explained|argued|warned|insisted)\b", re.I)
_ACCORDING = re.compile(r"\baccording to\b", re.I)
# "according to the harbour master, ...": someone named by a role
_ACCORDING_CAPITALS = re.compile(r"\b(?i:according to) (?:the |its |their )([A-Z]{2,5})\s*[,?]")
_ACCORDING_ROLE = re.compile(r"\b(?i:according to) (?:the |its |their )?([a-z][a-z' -]{2,40}?)\s*[,?]")
ROLE_WINDOW = 8  # words either side of a name that may describe it ("Jo Smith, president of the X Association")
_PRONOUNS = frozenset("he she they it his her their".split())
_SPEECH_TERMS = frozenset(
    terms("say said tell told state stated declare announce add comment note think characterise characterize portray")
)


_BE = frozenset("be been being is are was were".split())


def _speech_verb(text: str) -> bool:
    """``text`` has a verb of speech ("said", "argued"), silence ("did not respond") aside."""
    return any(_SPEECH_VERB.match(w) for w in words(_SILENT.sub(" ", text)))


def _QUOTE_OR_VERB(text: str) -> bool:
    return bool(re.search(r"[\"“”]", text)) or _speech_verb(text)


def _kin(term: str, pool: Set[str]) -> bool:
    """``term``, an everyday word for the same thing ("kids" of "children") or an inflection of it
    ("saving" of "save") is in ``pool``."""
    if term in pool or bool(kin(term) & pool):
        return True
    return len(term) >= 4 and any(inflected(term, t) for t in pool if t[:3] == term[:3])


def _holds(wanted: Set[str], pool: Set[str]) -> bool:
    """One of ``wanted`` is in ``pool``, as written or as a word of its family ("plan", "plans")."""
    return any(w in pool or any(related(w, t) for t in pool if t[:3] == w[:3]) for w in wanted)


# "did the council approve it?", "was anyone hurt?": a yes or no, which a negation may answer
# "the committee will consider that request", "this plan": words that point back to the sentence before
# (not "said that traders ...", where "that" opens what was said)
_BACK_REFERENCE = re.compile(
    r"(?<!\bsaid )(?<!\bsays )(?<!\btold )(?<!\badded )(?<!\bwarned )(?<!\bclaimed )(?<!\bargued )(?<!\bnoted )"
    r"(?<!\bso )(?<!\bsuch )\b(?:[Tt]hat|[Tt]his|[Tt]hese|[Tt]hose)\s+([a-z][\w-]*)"
)


def _refers_back(text: str) -> bool:
    """``text`` points back to what came before it ("would consider that request")."""
    return any(found.group(1) not in STOPWORDS for found in _BACK_REFERENCE.finditer(text))


# "the Northgate Water Board (NWB)": a name and the initials it is written as from then on
_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|the|on)\s+)*){1,7})\(([A-Z]{2,8})\)")


def acronyms(text: str) -> dict[str, frozenset[str]]:
    """Each acronym the text defines ("NWB" after "Northgate Water Board"), lower-cased, with the
    words of the name it stands for; only where its letters are the name's initials."""
    out: dict[str, frozenset[str]] = {}
    for found in _ACRONYM.finditer(text):
        name = [w for w in found.group(1).split() if w[:1].isupper()]
        short = found.group(2)
        for start in range(len(name)):  # "the city's Northgate Water Board (NWB)": the name's own words
            if "".join(w[0] for w in name[start:]).upper() == short:
                out[short.lower()] = frozenset(w for n in name[start:] for w in words(n))
                break
    return out


_YES_NO_Q = re.compile(r"^\s*(?:and |but |so )?(?:did|does|do|was|were|is|are|has|have|had)\b", re.I)


# "the leaflet in the Ayr campaign": a thing or person described by a phrase after its noun
_AFTER_HEAD = re.compile(
    r"^(?:the|a|an|this|that|these|those)\s+[a-z][^A-Z]*?\s(?=(?:in|at|on|of|for|from|during|about)\s)"
)


# "the Ayr Party candidate": a role, which the name before it only qualifies
_NAME_MODIFIER = re.compile(r"^((?:the|a|an)\s+)(?:[A-Z][\w'’.-]*\s+)+(?=[a-z][\w'-]*\s*$)")


def _head_phrase(who: str) -> str:
    """The part of "the unsigned leaflet in the Ayr campaign" that names who or what speaks: "the
    unsigned leaflet" (a name further on only describes it); "the Ayr Party candidate": "the
    candidate" (whoever the text has speaking for it); a phrase opening with a name is kept."""
    found = _AFTER_HEAD.match(who)
    if found:
        return found.group(0)
    modified = _NAME_MODIFIER.match(who)
    return modified.group(1) + who[modified.end() :] if modified else who


def asks_future_date(question: str) -> bool:
    """ "When will it open?", "when is the centre due to open?": a date still to come is asked for."""
    return bool(_FUTURE_DATE_Q.search(question.partition(answer_type.CONTEXT_MARK)[0]))


def asks_why(question: str) -> bool:
    return bool(_WHY_Q.match(question))


def speaker_role(question: str) -> str | None:
    """The role a "what did <role> say?" or "according to <role>" question names someone by ("the
    county's heritage officer"), or ``None`` when it names them (a capitalised name) or by a pronoun."""
    speech = _SPEECH_Q.match(question)
    found = speech.group("who") if speech else (m.group(1) if (m := _ACCORDING_ROLE.search(question)) else None)
    if not found or any(t[:1].isupper() for t in raw_tokens(found)) or set(words(found)) & _PRONOUNS:
        return None
    return found


def asks_for_words(question: str) -> bool:
    """The question asks what someone said or thought, or why: answered in people's own words
    ("What did X say about ...?", "Why does X think ...?", "According to X, what ...?")."""
    return bool(_SPEECH_Q.match(question) or _WHY_Q.match(question) or _ACCORDING.search(question))


# what follows "say" when the words themselves are asked for: "... say?", "... say about the plan?"
_WORDS_ASKED = re.compile(r"\s*\??\s*$|\s+(?:about|of|on|to|in|when|after|before|at|during|regarding)\b", re.I)


def asks_what_was_said(question: str) -> bool:
    """Narrower than :func:`asks_for_words`: "What did the crew say (about the works)?" asks for
    someone's words and nothing else (not "what did X say it would cost?", a figure, nor "why")."""
    speech = _SPEECH_Q.match(question)
    if speech is None or speech.group("verb").lower() not in ("say", "said", "tell", "told", "comment"):
        return False
    return _WORDS_ASKED.match(question, speech.end()) is not None


def reports_words(text: str) -> bool:
    """``text`` quotes or reports someone's words ("...," she said; "X warned that ...", "according to X")."""
    return _QUOTE_OR_VERB(text) or bool(_ACCORDING.search(text))


def gives_reason(text: str, question: str = "") -> bool:
    """A sentence that can answer "why": it states a cause ("because", "after", "due to") or reports
    what someone said (the reasons people give); a bare account of what happened cannot."""
    return states_reason(text, question) or _QUOTE_OR_VERB(text)


def states_reason(text: str, question: str = "") -> bool:
    """A cause ("because", "after", "due to"), a marked purpose ("intended to cover a third") or the
    purpose of what the question asks about ("why is a new depot being built?": "a new depot to cut
    lorry trips"; "why does she go every Thursday?": "every Thursday to collect her pension")."""
    if _REASON.search(text) or _PURPOSE_MARKED.search(text):
        return True
    asked = {stem(w) for w in words(question.partition(answer_type.CONTEXT_MARK)[0])} - _STOPWORD_STEMS
    return any(
        stem(found.group("before").lower()) in asked or found.group("before").lower() in _WHEN_OR_WHERE
        for found in _PURPOSE.finditer(text)
    )


_STOPWORD_STEMS = frozenset(stem(w) for w in STOPWORDS)
# "she walks there every Thursday to collect her pension": a routine's purpose
_WHEN_OR_WHERE = frozenset(
    (*answer_type.WEEKDAY_NAMES, "there", "here", "day", "week", "weekend", "morning", "evening")
)


# silence is not speech: "whose office did not respond to requests for comment", "left without speaking"
_SILENT = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|has not|have not|had not|would not|wouldn't|could not|never|declined to|"
    r"refused to)\s+(?:immediately\s+)?(?:respond|reply|comment|speak|return|answer|be reached)\w*\b[^.;:\"“”]*"
    r"|\bwithout (?:speaking|comment|commenting|responding|replying|saying|answering)\b[^.;:\"“”]*"
    r"|\bcould not be reached\b[^.;:\"“”]*|\bno comment\b",
    re.I,
)
_SUBJECT_PRONOUNS = frozenset("he she they his her their".split())
_OPENING_PRONOUNS = frozenset("he she they it his her their its this these".split())
_FURNITURE = re.compile(
    r"^\s*[\[(]?\s*(?:photo(?:graph)?s?|images?|pictures?|pictured|caption|video|watch|advertisement|sponsored|"
    r"listen|gallery)\s*(?:[:|\]]|\s*$)",
    re.I,
)
SPEAKER_WINDOW = 10  # a speaker is named within this many words before the speech verb,
SPEAKER_AFTER = 3  # or this many after it ("said Ms Jo Smith")
# capitalised titles between a speech verb and the name after it: "said Port Commissioner Jo Smith"
# reads as "said Jo Smith" (the last two capitalised words are the name)
_TITLED_AFTER_VERB = re.compile(
    r"\b(said|says|added|told|asked|wrote)\s+(?:[A-Z][\w'’.-]*\s+){1,4}([A-Z][\w'’.-]*\s+[A-Z][\w'’-]*)"
)
# an appositive clause between a name and its verb: "X, who chairs the committee, said"; "X, a lawyer, said"
_APPOSITIVE = re.compile(r",\s+(?:who|whose|which|a|an|the|its|his|her|their)\b(?:[^,;:\"“”]|,(?=\d))*(?=,)")
# "Ms Vale", "Mr Tully": a title that tells whether a person is a woman or a man
_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s+((?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)")
_MALE_TITLES = frozenset({"mr", "sir", "lord"})
_SAYS = r"(?:said|says|added|adds|told|explained|argued|warned|insisted|noted|wrote|asked)\b"
_PRONOUN_SPEAKS = re.compile(r"\b(he|she|He|She) " + _SAYS)
_NAME_SAID = re.compile(r"\b([A-Z][\w'’-]*)\s+" + _SAYS)


def _sex_of(question: str) -> str | None:
    """ "f" or "m" when the question's own words use "she" or "he" (not both), else None."""
    own = set(words(question.partition(answer_type.CONTEXT_MARK)[0]))
    if "she" in own and "he" not in own:
        return "f"
    return "m" if "he" in own and "she" not in own else None


def _spoken_by_sex(text: str) -> str | None:
    """ "f" for '"...," she said', "m" for "he said", else None."""
    found = {m.group(1).lower() for m in _PRONOUN_SPEAKS.finditer(text)}
    return None if len(found) != 1 else ("f" if "she" in found else "m")


def pronoun_speaks(text: str) -> bool:
    """Whoever speaks in ``text`` is given only as a pronoun ('"...," she told the Gazette.'), not
    by name ("Pellow said she ...")."""
    return bool(_PRONOUN_SPEAKS.search(text)) and not any(
        m.group(1).lower() not in _PRONOUN_WORDS for m in _NAME_SAID.finditer(text)
    )


_PRONOUN_WORDS = frozenset("he she they it we i you".split())
_TITLE_WORDS = frozenset(
    "mr mrs ms dr professor mayor governor president minister secretary councillor chair chief the a an "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


class Evidence:
    """The cleaned article split into sentences, with optional sentence embeddings.

    ``header_end`` marks the title/byline/date block at the top; its sentences also answer
    questions about the author, date and title.
    """

    def __init__(
        self,
        text: str,
        embeddings: Sequence[Sequence[float]] | None = None,
        header_end: int = 0,
        clause_embeddings: Sequence[Sequence[float]] | None = None,
        published: tuple[int, int] | None = None,
    ) -> None:
        self.text = text
        self.header_end = header_end
        self.published = published  # (year, month) of the article's date line: what is still to come
        spans = sentences(text)
        self.sentences = [
            Sentence(
                s,
                e,
                text[s:e],
                frozenset(terms(text[s:e])) | (HEADER_TERMS if e <= header_end else frozenset()),
                frozenset(words(text[s:e])),
            )
            for s, e in spans
        ]
        self.vocabulary = {w for s in self.sentences for w in s.words} | {t for s in self.sentences for t in s.terms}
        self.names = document_names(text)  # what the text capitalises mid-sentence
        self.proper = _proper_words(self.sentences)
        # paragraphs: blank-line separated blocks; a sentence's paragraph words (for names)
        para = [text.count("\n\n", 0, s) for s, _ in spans]
        self.paragraph_words = [
            frozenset().union(*(x.words for x, q in zip(self.sentences, para, strict=True) if q == p)) for p in para
        ]
        # "Northgate Water Board (NWB)": a paragraph writing "NWB" names the board too
        for short, long in acronyms(text).items():
            self.paragraph_words = [pool | long if short in pool else pool for pool in self.paragraph_words]
        # names the story is about throughout (in a large share of its paragraphs): a question naming
        # only them is tied to no one passage by its names
        body = {p: self.paragraph_words[k] for k, p in enumerate(para) if spans[k][0] >= header_end}
        capitalised = {
            words(t)[0]
            for x in self.sentences
            for k, t in enumerate(raw_tokens(x.text))
            if k and t[:1].isupper() and words(t)
        }
        self.pervasive = frozenset(
            stem(w)
            for w in capitalised - STOPWORDS
            if sum(w in pool for pool in body.values()) >= max(PERVASIVE_MIN, PERVASIVE_SHARE * len(body))
        )
        # a paragraph of quotes that names no one ('"...," she said. "..."') carries on the words of
        # whoever the paragraph before named last: its sentences count as naming them too
        self.voiced_by: dict[int, int] = {}
        blocks: dict[int, list[int]] = {}
        for k, p in enumerate(para):
            blocks.setdefault(p, []).append(k)
        naming = {k for k, x in enumerate(self.sentences) if self.names_in(x.text, first_too=True)}
        # ('"...," she told the Gazette.': the paper it names is not who speaks)
        naming_speaker = {k for k in naming if not pronoun_speaks(self.sentences[k].text)}
        for i, x in enumerate(self.sentences):
            if x.start < header_end or not _PRONOUN_SAID.search(x.text) or naming_speaker & set(blocks[para[i]]):
                continue
            named = [k for k in blocks.get(para[i] - 1, []) if k in naming]
            if named:
                for k in blocks[para[i]]:
                    self.voiced_by[k] = named[-1]
        # a paragraph opening "She said ..." goes on with whoever the paragraph before had speaking,
        # whatever else it names ("She said the company did not ...")
        for p, ks in blocks.items():
            opening = self.sentences[ks[0]]
            if opening.start < header_end or p - 1 not in blocks or not _PRONOUN_SAID.match(opening.text.lstrip()):
                continue
            before = p - 1  # (past paragraphs that only go on quoting whoever spoke before them)
            while (
                before - 1 in blocks
                and not set(blocks[before]) & naming
                and _OPENS_QUOTE.match(self.sentences[blocks[before][0]].text)
            ):
                before -= 1
            j = self.voiced_by.get(blocks[before][-1], self.speaker_sentence(blocks[before][-1]))
            if j is not None:
                for k in ks:
                    self.voiced_by.setdefault(k, j)
        for k, j in self.voiced_by.items():
            self.paragraph_words[k] = self.paragraph_words[k] | self.sentences[j].words
        self._speakers: dict[str, bool] = {}
        self._genders: dict[str, str] | None = None
        # inverse document frequency over the article's sentences: a rare word says more
        n = max(1, len(self.sentences))
        df: dict[str, int] = {}
        for x in self.sentences:
            for t in x.terms:
                df[t] = df.get(t, 0) + 1
        self.idf = {t: math.log(1 + n / f) for t, f in df.items()}
        self.max_idf = math.log(1 + n)
        self.embeddings = [_unit(v) for v in embeddings] if embeddings is not None else None
        if self.embeddings is not None and len(self.embeddings) != len(self.sentences):
            raise ValueError("one embedding per sentence expected")
        self.generic = self._genericity()
        # a sentence opening with a pronoun ("It was started by ...") is about what the sentence
        # before it names: it is also compared as the pair, by the mean of their vectors
        self.pair_vectors: dict[int, list[float]] = {}
        if self.embeddings is not None:
            for i in range(1, len(self.sentences)):
                first = words(self.sentences[i].text)[:1]
                if first and first[0] in _OPENING_PRONOUNS and self._same_paragraph(i - 1, i):
                    pair = [a + b for a, b in zip(self.embeddings[i - 1], self.embeddings[i], strict=True)]
                    self.pair_vectors[i] = _unit(pair)
        # the clauses of long sentences, embedded too: "..., but the Authority refused to certify it"
        # answers "which body declined to approve it?" though the whole sentence is about something else
        self.clauses = [clauses(text, x.start, x.end) for x in self.sentences]
        self.clause_vectors: list[list[tuple[list[float], float]]] = [[] for _ in self.sentences]
        if clause_embeddings is not None and self.embeddings:
            flat = [_unit(v) for v in clause_embeddings]
            if len(flat) != sum(len(c) for c in self.clauses):
                raise ValueError("one embedding per clause expected (see clause_texts)")
            centroid, mean = self._centroid
            it = iter(flat)
            for i, spans in enumerate(self.clauses):
                self.clause_vectors[i] = [(v, _dot(v, centroid) - mean) for v in (next(it) for _ in spans)]
        # page furniture left inside the body ("Photo: ...", "Advertisement"): never evidence
        # and so is a sub-heading ("Petition and protest"): a short line alone in its paragraph, unpunctuated
        self.furniture = frozenset(
            i
            for i, x in enumerate(self.sentences)
            if _FURNITURE.match(x.text) or INLINE_LINK.match(x.text) or (x.start >= header_end and self._heading(x))
        )
        # lists: each item is a sentence (see rag.ingest.sentences); the line opening the list leads them
        self.lists = self._lists()
        for j, (lead, _) in self.lists.items():  # items set apart from their opening line belong with it
            if lead is not None and not self._same_paragraph(lead, j):
                self.paragraph_words[j] = self.paragraph_words[j] | self.paragraph_words[lead]
        # where each term occurs: a question's rare term finds its sentences even when retrieval missed them
        self.term_sentences: dict[str, list[int]] = {}
        for i, x in enumerate(self.sentences):
            if i not in self.furniture:
                for t in x.terms:
                    self.term_sentences.setdefault(t, []).append(i)
        # a news story's first sentence (its lede) sums the story up: always a candidate, never a bonus
        self.lede = next(
            (i for i, x in enumerate(self.sentences) if x.start >= header_end and i not in self.furniture), None
        )
        # the names the story's opening sentence gives are whom it is about ("The season at Pellow will
        # open late, Brisk announced"): like a name found all through the story, they tie a question to no
        # one paragraph (the first body sentence of some length: not a date line or a photo credit)
        story_opening = next(
            (
                x.text
                for i, x in enumerate(self.sentences)
                if x.start >= header_end and i not in self.furniture and len(words(x.text)) >= SUBJECT_SENTENCE_WORDS
            ),
            "",
        )
        self.subject = frozenset(
            stem(w) for t in raw_tokens(story_opening) if t[:1].isupper() for w in words(t) if w not in STOPWORDS
        )

    def _lists(self) -> dict[int, tuple[int | None, list[int]]]:
        """For each list item: the sentence opening its list (None if the paragraph opens with the
        list) and all the list's items, in order."""
        item = [self._after_marker(x.start) for x in self.sentences]
        out: dict[int, tuple[int | None, list[int]]] = {}
        i = 0
        while i < len(self.sentences):
            if not item[i]:
                i += 1
                continue
            run = [i]
            while (k := run[-1] + 1) < len(self.sentences) and item[k] and self._same_paragraph(k - 1, k):
                run.append(k)
            # the line opening it: in its paragraph, or the paragraph before when it ends in a colon
            # ("She pledged to:", a blank line, then the items)
            opens = i > 0 and not item[i - 1]
            joined = opens and (self._same_paragraph(i - 1, i) or self.sentences[i - 1].text.rstrip().endswith(":"))
            lead = i - 1 if joined else None
            out.update({j: (lead, run) for j in run})
            i = run[-1] + 1
        return out

    def _items_led_by(self, i: int) -> list[int]:
        """The items of the list sentence ``i`` opens (empty if it opens none)."""
        lead, run = self.lists.get(i + 1, (None, []))
        return run if lead == i else []

    def _after_marker(self, start: int) -> bool:
        """A list item's marker ("- ", "1. ") is all that precedes ``start`` on its line."""
        line = self.text.rfind("\n", 0, start)
        return line >= 0 and ITEM_MARKER.fullmatch(self.text, line, start) is not None

    def listed(self, sentence: Sentence) -> list[Sentence]:
        """What to quote for a list's item or for the line opening a list: the opening line, then
        the item, or every item when the items are mostly short phrases (a list of things, read
        whole) or the opening line itself was chosen. Empty when ``sentence`` is neither."""
        i = self._index(sentence)
        if i is None:
            return []
        if i in self.lists:
            lead, run = self.lists[i]
        elif i + 1 in self.lists and self.lists[i + 1][0] == i:
            lead, run = self.lists[i + 1]
        else:
            return []
        lengths = sorted(len(words(self.sentences[j].text)) for j in run)
        whole = i == lead or lengths[len(lengths) // 2] <= LIST_PHRASE_WORDS
        chosen = run if whole else [i]
        return [self.sentences[j] for j in ([lead] if lead is not None else []) + chosen]

    def _heading(self, x: Sentence) -> bool:
        """A sub-heading: a short unpunctuated line alone in its paragraph, or alone on its line with
        no figure in it (a line of a table or a list, "Total: 610 cars", is no heading)."""
        before, after = self.text[: x.start].rstrip(" \t"), self.text[x.end :].lstrip(" \t")
        alone = (not before or before.endswith("\n\n")) and (not after or after.startswith("\n\n") or after == "\n")
        own_line = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
        if not alone and not (own_line and not re.search(r"\d", x.text)):
            return False
        return len(words(x.text)) <= HEADING_WORDS and not re.search(r"[.!?:;\"”’')\]]\s*$", x.text)

    def _genericity(self) -> list[float]:
        """Each sentence's similarity to the article as a whole, minus the article's mean."""
        if not self.embeddings:
            return [0.0] * len(self.sentences)
        centroid = _unit([sum(col) for col in zip(*self.embeddings, strict=True)])
        sims = [_dot(v, centroid) for v in self.embeddings]
        mean = sum(sims) / len(sims)
        self._centroid = (centroid, mean)
        return [x - mean for x in sims]

    def semantic(self, q_vec: Sequence[float], i: int) -> float:
        """Specific similarity of the question to sentence ``i``, or to its best clause."""
        assert self.embeddings is not None
        whole = _dot(q_vec, self.embeddings[i]) - SPECIFICITY * self.generic[i]
        if i in self.pair_vectors:
            whole = max(whole, _dot(q_vec, self.pair_vectors[i]) - SPECIFICITY * self.generic[i])
        best = whole
        for v, generic in self.clause_vectors[i]:
            best = max(best, _dot(q_vec, v) - SPECIFICITY * generic)
        return whole + CLAUSE_WEIGHT * (best - whole)

    def cited_in(self, answer: str) -> list[int]:
        """Indexes of the article sentences an earlier answer quotes (markers ignored), or that one
        of its sentences restates (most of its content terms in one article sentence)."""
        body = " ".join(re.sub(r"\s*\[\d+(?:\s*,\s*\d+)*\]", "", answer).split())
        found = {i for i, x in enumerate(self.sentences) if len(x.text) >= 20 and " ".join(x.text.split())[:-1] in body}
        for s, e in sentences(body):
            claim = set(terms(body[s:e]))
            if len(claim) < 3 or any(self.sentences[i].text.strip() in body[s:e] for i in found):
                continue
            share, best = max(((len(claim & x.terms) / len(claim), i) for i, x in enumerate(self.sentences)))
            if share >= RESTATED:
                found.add(best)
        return sorted(found)

    def around(self, indexes: Sequence[int]) -> list[int]:
        """``indexes`` and their neighbours in the same paragraph, in order."""
        out = {j for i in indexes for j in (i - 1, i, i + 1) if 0 <= j < len(self.sentences)}
        return sorted(j for j in out if any(self._same_paragraph(i, j) for i in indexes))

    def after(self, quoted: Sequence[int]) -> dict[int, float]:
        """The sentences following ``quoted`` (not quoted themselves), with their bonus."""
        out: dict[int, float] = {}
        for i in quoted:
            for d, bonus in enumerate(FOLLOWING_BONUS, start=1):
                j = i + d
                if j < len(self.sentences) and j not in quoted:
                    out[j] = max(out.get(j, 0.0), bonus)
        return out

    def _positive(self, term: str) -> str:
        """ "imprudent" -> "prudent" when only the plain word is in the text ("not ... prudent")."""
        if term in self.vocabulary:
            return term
        for prefix in NEGATIVE_PREFIXES:
            rest = term[len(prefix) :]
            if term.startswith(prefix) and len(rest) >= 4 and rest in self.vocabulary:
                return rest
        return term

    def paragraph_after(self, i: int) -> list[int]:
        """The sentences after ``i`` in its paragraph."""
        out = []
        for j in range(i + 1, len(self.sentences)):
            if not self._same_paragraph(i, j):
                break
            out.append(j)
        return out

    def role_holder(self, role: str) -> str | None:
        """The surname of the one person the article describes with all of ``role``'s words ("the
        harbour master": "Harbour Master Jo Smith"; "the association president": "Jo Smith, president
        of the Port Users' Association"), or ``None`` when no one or several people fit."""
        wanted = {_loose(stem(w)) for w in words(role) if w not in STOPWORDS}
        if not wanted:
            return None
        found: dict[str, int] = {}  # surname -> fewest words between it and the role's words
        for sentence in self.sentences:
            tokens = raw_tokens(sentence.text)
            run: list[int] = []
            for k, token in enumerate([*tokens, "."]):
                folded = words(token)
                if k < len(tokens) and folded and token[:1].isupper() and folded[0] not in STOPWORDS:
                    run.append(k)
                    continue
                # the name is the run without its leading titles and role words ("Harbour Master")
                name = [j for j in run if not {_loose(stem(w)) for w in words(tokens[j])} & wanted]
                if len(name) >= 2 and name == run[len(run) - len(name) :] and words(tokens[name[-1]])[0] in self.proper:
                    window = range(max(0, run[0] - ROLE_WINDOW), min(len(tokens), run[-1] + 1 + ROLE_WINDOW))
                    hits = {j for j in window if {_loose(stem(w)) for w in words(tokens[j])} & wanted}
                    if wanted <= {_loose(stem(w)) for j in hits for w in words(tokens[j])}:
                        gap = min(abs(j - k) for j in hits for k in name)
                        surname = words(tokens[name[-1]])[0]
                        found[surname] = min(gap, found.get(surname, gap))
                run = []
        # a person speaks somewhere in a news story; a place or a firm named next to the role does not
        people = {n: gap for n, gap in found.items() if self._is_speaker(n)}
        closest = [n for n, gap in people.items() if gap == min(people.values())]
        return closest[0] if len(closest) == 1 else None

    def _name_runs(self, question: str, names: Set[str]) -> list[tuple[frozenset[str], str]]:
        """Each name the question gives, as (its words among ``names``, its last word, or else a word of
        an organisation's, when the article also writes that in lower case, else ""): "Orla Lines" and
        "Cold Bay" are two."""
        runs: list[tuple[frozenset[str], str]] = []
        run: list[str] = []
        own = len(raw_tokens(_own_part(question)))  # (not the names a follow-up carries after it)
        for pos, token in enumerate([*raw_tokens(question), "."]):
            folded = words(token)
            if pos > 0 and folded and token[:1].isupper() and folded[0] not in STOPWORDS:
                run.append(folded[0])
                if pos >= own or not _POSSESSIVE.search(token):
                    continue  # ("Pellow's Oakum branch" is two names: Pellow, and its Oakum branch)
            named = frozenset(run) & names
            if named:
                # ("Hospital Pengel Vale": "the hospital", which the article also writes, leads the name)
                common = [w for w in run if w not in self.proper and w in self.vocabulary] if len(run) >= 2 else []
                head = run[-1] if run[-1] in common else next((w for w in common if w in answer_type.ORG_WORDS), "")
                runs.append((named, head))
            run = []
        return runs

    def _in_paragraph(self, run: tuple[frozenset[str], str], i: int) -> bool:
        """The name ``run`` is written in sentence ``i``'s paragraph (a first or last name will do),
        or, for "the board" of "Northgate Water Board", its last word is."""
        named, head = run
        pool = self.paragraph_words[i]
        return any(self._named(n, pool) for n in named) or bool(head and head in pool)

    def _described_before(self, run: tuple[frozenset[str], str], i: int) -> bool:
        """Sentence ``i`` speaks of "the review" a sentence shortly before it named after the name
        ``run`` ("The Oakum review lists several faults. ... The review said ..."), or of "the
        club" shortly after "the Pellow Choir Club": the same thing."""
        named, head = run
        if not named:
            return False
        text = self.sentences[i].text.lower()

        def written(noun: str) -> bool:
            return (
                bool(noun)
                and noun not in STOPWORDS
                and re.search(r"\bthe " + re.escape(noun) + r"\b", text) is not None
            )

        for j in range(i - 1, max(-1, i - DESCRIBED_REACH - 1), -1):
            tokens = raw_tokens(self.sentences[j].text)
            for k, token in enumerate(tokens):
                name = words(token)[:1]
                if not (name and token[:1].isupper() and any(self._named(n, {name[0]}) for n in named)):
                    continue
                after = words(tokens[k + 1])[:1] if k + 1 < len(tokens) else []
                if after and tokens[k + 1][:1].islower() and written(after[0]):
                    return True  # "the Oakum review" ... "the review"
                end = k
                while end + 1 < len(tokens) and tokens[end + 1][:1].isupper() and words(tokens[end + 1])[:1]:
                    end += 1
                if written(head or (words(tokens[end])[0] if end > k else "")):
                    return True  # "the Pellow Choir Club" ... "the club's chairwoman"
        return False

    def _is_speaker(self, name: str) -> bool:
        """``name`` (a surname, lower case) is someone the article has speaking: "Smith said",
        "said Smith" (a building or a firm named near a quote is not)."""
        if name not in self._speakers:
            said = r"(?:said|says|told|added|asked|warned|explained)"
            found = re.search(
                rf"\b(?i:{re.escape(name)})\s+{said}\b|\b{said}\s+(?:[A-Z][\w'’.-]*\s+){{0,3}}(?i:{re.escape(name)})\b",
                self.text,
            )
            self._speakers[name] = bool(found)
        return self._speakers[name]

    def in_passage(self, passage: Passage) -> list[int]:
        return [i for i, s in enumerate(self.sentences) if s.start >= passage.start and s.end <= passage.end]

    def rank(
        self,
        question: str,
        passages: Sequence[Passage],
        query_embedding: Sequence[float] | None = None,
        *,
        carried: Sequence[int] = (),
        repeated: Sequence[int] = (),
        following: Sequence[int] = (),
        required: Set[str] = frozenset(),
        speaker_of: Sequence[int] = (),
        hinted: Set[str] = frozenset(),
        parallel: Sequence[int] = (),
        background: Set[str] = frozenset(),
    ) -> list[ScoredSentence]:
        """Sentences of the retrieved passages, best answer-bearing first.

        score = mean of *specific* semantic similarity (question vs sentence, less the sentence's
        similarity to the whole article) and lexical coverage (IDF-weighted share of the
        question's content terms found in the sentence, or half in its neighbours), plus a bonus
        when the sentence holds the kind of answer asked for (a name for "who", a date for
        "when"); lowered when the sentence's paragraph lacks a name the question gives (or, for
        "what did X say", when the words are not X's), halved for the byline block unless the
        question asks about it. A sentence holding the asked type comes first if it is within
        ``TYPE_MARGIN`` of the best. ``carried``: sentence indexes a conversation cites, also
        ranked even when retrieval missed them; ``repeated``: sentences already cited, which an
        elliptical follow-up ("Why?") is less likely to want again; ``following``: the sentences
        the last answer quoted, whose next few sentences gain :data:`FOLLOWING_BONUS` (and are
        ranked even when retrieval missed them); ``required``: a follow-up's own terms ("and the
        brine?"), lowered by :data:`NAME_PENALTY` where neither the sentence nor its neighbours hold one;
        ``speaker_of``: the sentences the last answer quoted, for "who said that?": the sentence
        naming their speaker comes first; ``hinted``: names added to a follow-up for its pronoun ("what
        happened to his proposal?"), which weigh a quarter in coverage; ``parallel``: for "and the other
        one?", the sentences the last answer quoted, whose counterpart ("The second offered ..." after
        "The first offered ...") resembles them: similarity to them adds :data:`PARALLEL_WEIGHT` of it;
        ``background``: terms of the earlier questions a follow-up carries, which weigh a quarter.
        """
        q_terms = {self._positive(t) for t in question_terms(question)}
        kind = answer_type.expected(question)
        priced = set(answer_type.priced(question))
        surname = answer_type.defined(question)
        surnames = {surname} if surname else set()
        if not surname and hinted and answer_type.defines_pronoun(question):  # "what does she do?"
            surnames = {words(n)[-1] for n in hinted if words(n)}
        # "who wrote it?", "when was it published?", "what is the headline?" (not "why does the author say")
        # ("on what date will the pool shut?" asks about the story: "date" alone needs "the article's")
        header_terms = q_terms & HEADER_TERMS
        if header_terms == {"date"} and not set(words(question)) & _ARTICLE_WORDS:
            header_terms = set()
        # ("which councillor wrote the motion?" is about the story's people: another thing is written)
        if header_terms and q_terms - header_terms - _WRITING_TERMS and not set(words(question)) & _ARTICLE_WORDS:
            header_terms = set()
        about_header = bool(header_terms) and (kind in ("person", "date") or "title" in q_terms)
        q_names = self.names_in(question)
        speech = _SPEECH_Q.match(question)
        speaker = self.names_in(_head_phrase(speech.group("who")), first_too=True) if speech else set()
        if speech and not speaker and set(words(speech.group("who"))) & _PRONOUNS:
            speaker = q_names  # "what did she say? Munteanu": the pronoun stands for the name carried along
        named_by = [t for t in raw_tokens(_head_phrase(speech.group("who"))) if t[:1].isupper()] if speech else []
        according = _ACCORDING_CAPITALS.search(question) if not speech else None
        if according:  # "why, according to the MP, ...?": the same title in capitals
            speaker = self.names_in(according.group(1), first_too=True)
            named_by = [according.group(1)]
        if speaker and all(len(t) >= 2 and t.isalpha() and t.isupper() for t in named_by):
            # "what did the MP ask?": a title in capitals, which its holder answers for
            stand_in = self.role_holder(" ".join(sorted(speaker)))
            if stand_in:  # (its paragraphs need not write the title, only the holder's name)
                q_names, speaker = (q_names - speaker) | {stand_in}, {stand_in}
        role = None if speaker else speaker_role(question)
        holder = self.role_holder(role) if role else None  # "what did the association president say?"
        # "what did X ask / urge / propose": a sentence with that verb, not one where X merely speaks
        # (or a thing: "what did the leaflet claim?" of "It claimed ...")
        act = {_loose(t) for t in terms(speech.group("verb"))} - _SPEECH_TERMS if speech else set()
        others_ok = q_names | speaker
        # "the board" for "the Northgate Water Board": a name's last word, when the
        # article also writes it in lower case, stands for the name further on
        # a name the whole story is about ("By when is Pellow's board ...?" of a story on Pellow)
        # ties the question to no one paragraph: a paragraph need not repeat it
        tied = self.pervasive | self.subject
        runs = [run for run in self._name_runs(question, q_names) if not {stem(n) for n in run[0]} <= tied]
        if required and not hinted:  # "and the savings?": the names the conversation carried are background
            runs = [run for run in runs if {stem(n) for n in run[0]} & required]
        light: set[str] = set()
        if speaker:  # who speaks is mostly the speaker check's business; coverage is about what was said
            q_terms -= _SPEECH_TERMS
            light = {t for n in speaker for t in terms(n)}
        light |= {t for n in hinted for t in terms(n)}  # names a follow-up's pronoun may stand for
        if holder:  # the person the role names weighs like a hinted name (a hint, not a speaker check)
            light.add(holder)
        light |= background & q_terms  # a follow-up's context, which its own nouns outweigh
        spoke = kind == "person" and bool(_WHO_SPOKE.match(question))
        sex = _sex_of(question)
        future_date = kind == "date" and bool(_FUTURE_DATE_Q.search(question))
        earlier = kind == "quantity" and answer_type.asks_earlier(question)  # "what was it a year earlier?"
        person = kind == "person" and answer_type.wants_person(question)  # "who spoke?": a person, not a body
        why = asks_why(question)
        premise = why or bool(_YES_NO_Q.match(question))
        corrects: set[int] = set()  # sentences saying the opposite of what the question takes for granted
        # "how much will children pay?" of "children will be exempt": who the question has paying pay nothing
        paying = _HOW_MUCH_PAY_Q.match(question.partition(answer_type.CONTEXT_MARK)[0])
        payers = set(terms(paying.group("who"))) if paying else set()
        doer = _doer(question) if why else None  # "why did X announce it?" when Y announced it
        if why and (clause := _SUBORDINATE.search(question)):
            # "why was nobody hurt when a train ...": the reason asked for is the main clause's; the
            # "when ..." clause sets the scene, and the sentence telling the scene is rarely the answer
            scene = set(question_terms(clause.group(1))) - set(question_terms(question[: clause.start()]))
            if q_terms - scene:
                light |= scene
        months = (
            set(answer_type.months_named(question.partition(answer_type.CONTEXT_MARK)[0])) if kind != "date" else set()
        )
        again = set(repeated)
        q_vec = _unit(query_embedding) if query_embedding is not None else None
        seen: set[int] = set()
        scored: list[ScoredSentence] = []
        candidates = [(p, i) for p, passage in enumerate(passages) for i in self.in_passage(passage)]
        after = self.after(following)
        lede = [self.lede] if self.lede is not None else []
        said_by = {j for i in speaker_of if (j := self.speaker_sentence(i)) is not None}
        candidates += [(-1, i) for i in [*carried, *after, *lede, *said_by] if 0 <= i < len(self.sentences)]
        # a list's opening line retrieved without its items ("She pledged to:"): the items are candidates
        candidates += [(-1, j) for _, i in list(candidates) if i + 1 in self.lists for j in self._items_led_by(i)]
        if speaker:  # a speaker's words run on after the sentence naming them: "..., she said."
            named = [i for _, i in candidates if any(self._named(n, self.sentences[i].words) for n in speaker)]
            candidates += [(-1, j) for i in named for j in self.paragraph_after(i)]
        if q_terms & ROLE_TERMS:  # "who heads X?": any sentence giving a role holder of what is asked about
            held = q_terms - ROLE_TERMS
            candidates += [
                (-1, i)
                for i, x in enumerate(self.sentences)
                if _with_role(x.terms) & {_ROLE} and (x.terms & held or any(self._named(n, x.words) for n in q_names))
            ]
        # "who is the spokesperson for X?": a question's term that no retrieved sentence holds, and that the
        # text uses in only a sentence or two, points to them (a short question's chunk can rank below the pool)
        held_terms = {t for _, i in candidates for t in self.sentences[i].terms}
        candidates += [
            (-1, i)
            for t in q_terms - light - held_terms
            if len(t) >= RARE_TERM_LENGTH and len(found := self.term_sentences.get(t, ())) <= RARE_TERM_SENTENCES
            for i in found
        ]
        split: set[int] = set()
        if premise and _UNANIMOUS.search(question):
            # "why was it approved unanimously?": a split vote anywhere in the story corrects it, though
            # it shares few words with the question and retrieval rarely brings it
            split = {i for i, x in enumerate(self.sentences) if _SPLIT_VOTE.search(x.text)}
            candidates += [(-1, i) for i in sorted(split)]
        if about_header:  # "who wrote it?": the byline answers even when retrieval missed it
            candidates += [(-1, i) for i, s in enumerate(self.sentences) if s.end <= self.header_end]
        for p_index, i in candidates:
            if i in seen or i in self.furniture:
                continue
            seen.add(i)
            sentence = self.sentences[i]
            lexical = self._coverage(q_terms, i, light)
            semantic = self.semantic(q_vec, i) if q_vec is not None and self.embeddings is not None else lexical
            score = 0.5 * semantic + 0.5 * lexical
            holds = kind is not None and answer_type.holds(kind, sentence.text, question)
            in_header = sentence.end <= self.header_end
            if holds and kind == "date" and in_header and not about_header:
                holds = False  # the date line dates the article, not what a question about the story asks
            if holds and future_date and not answer_type.to_come(sentence.text, self.published):
                holds = False  # "by when is the council expected to choose?": not the date of what is past
                score -= TYPE_BONUS["date"]  # ("it last chose in 2029" tells what is over, however alike)
            if holds and earlier and not answer_type.gives_earlier(sentence.text):
                holds = False  # "what did they pay before the rise?": not the figure after it
                score -= TYPE_BONUS["quantity"]
            if holds and spoke and not _speech_verb(sentence.text):
                holds = False  # "who spoke for the union?": whoever the text has speaking, not the union
            if holds and kind is not None and (not person or answer_type.names_person(sentence.text, question)):
                score += TYPE_BONUS[kind]
                if kind == "person" and answer_type.names_near_terms(sentence.text, question):
                    score += TYPE_BONUS[kind]
                if kind == "person" and answer_type.names_the_kind(sentence.text, question):
                    score += KIND_NAME_BONUS  # "which court?": "Ashmoor Crown Court"
            elif kind is None and answer_type.names_the_kind(sentence.text, question, any_kind=True):
                score += WHICH_NAME_BONUS  # "which treatment works is being rebuilt?": "the Oakum Treatment Works"
            if holds and kind == "date" and answer_type.dated_to_the_day(sentence.text, question):
                score += DAY_OF_MONTH_BONUS
            if holds and answer_type.lasts(sentence.text, question):
                score += SPAN_VERB_BONUS  # "how long will it be closed?": "will close it for 12 months"
            score += after.get(i, 0.0)
            if holds and i in following and kind in ("date", "quantity") and _THAT_Q.search(question):
                score += FOLLOWING_BONUS[0]  # "when is that due?": the date in what was just quoted
            if parallel and self.embeddings is not None and i not in parallel:
                score += PARALLEL_WEIGHT * max(_dot(self.embeddings[i], self.embeddings[j]) for j in parallel)
            if any(answer_type.introduces(sentence.text, n) for n in surnames):  # "who is X?": where X is described
                score += INTRODUCTION_BONUS
            if months and months & set(answer_type.months_named(sentence.text)):
                score += MONTH_BONUS
            if why and states_reason(sentence.text, question):
                score += REASON_BONUS
            if act and act & {_loose(t) for t in sentence.terms}:
                score += SPEECH_ACT_BONUS
            # "when was that?", "why?" may be answered by the sentence already cited, if it holds a date, a reason
            if i in again and not holds and not (why and states_reason(sentence.text, question)):
                score *= REPEAT_FACTOR * (WHY_REPEAT_FACTOR if why else 1.0)
            if sex and (speech or role) and _spoken_by_sex(sentence.text) not in (None, sex):
                score *= NAME_PENALTY  # "how did the keeper say he felt?": not what "she said"
            names_ok = not runs or any(self._in_paragraph(run, i) or self._described_before(run, i) for run in runs)
            every_name = all(self._in_paragraph(run, i) for run in runs)
            goes_on = i in after and _refers_back(sentence.text)  # "... would consider that request"
            if not names_ok and goes_on and not speaker:
                names_ok = every_name = True  # about what the previous answer was about, whoever it names
            if speaker:
                names_ok = names_ok and self._spoken_by(speaker, others_ok, i)
            if (
                premise
                and not in_header  # a headline is no evidence to correct a premise with
                and (contradicts(question, sentence.text) or (doer and self._done_by_other(doer, sentence)))
            ) or (payers and _EXEMPT.search(sentence.text) and payers & sentence.terms):
                corrects.add(i)
            elif not names_ok:
                score *= NAME_PENALTY
            if required and not self._holds_any(required, i) and not goes_on:
                score *= NAME_PENALTY  # (unless it goes on from the previous answer: "... consider that request")
            elif required and not self._holds_own(required, i):
                score *= NEIGHBOUR_ONLY  # "and the savings?": the sentence saving, not the one beside it
            priced_ok = not priced or self._holds_own(priced, i)
            if not priced_ok:  # "how much did the study cost?": the study's figure
                score *= NAME_PENALTY
            if in_header and not about_header:
                score *= 0.5
            elif in_header:  # "when was the article published?": the date line, not a figure "published by"
                score += HEADER_BONUS
            if _ASKS.search(sentence.text):  # a question the text asks (a Q-and-A heading) answers nothing
                score *= NAME_PENALTY
            scored.append(
                ScoredSentence(
                    sentence,
                    p_index,
                    score,
                    semantic,
                    lexical,
                    self._context(i),
                    holds,
                    names_ok,
                    bool(speaker),
                    every_name,
                    priced_ok,
                )
            )
        scored.sort(key=lambda s: s.score, reverse=True)
        scored = _type_first(scored) if kind is not None else scored
        if kind == "person" and (q_terms & ROLE_TERMS or _held_role(question)):
            scored = _role_first(scored, question)
        if corrects and scored:
            top = scored[0].score
            first = [
                x
                for x in scored
                if self._index(x.sentence) in corrects
                and (x.score >= PREMISE_FLOOR * top or self._index(x.sentence) in split)
            ]
            if first:
                rest = [x for x in scored if x not in first]
                # "why did they raise it to $118?": the correction giving that figure ("fell from $118") first
                figures = set(answer_type.FIGURE.findall(question.partition(answer_type.CONTEXT_MARK)[0]))
                # (and one about whom the question names: "spill hours on the A" corrected by A's, not B's)
                first.sort(
                    key=lambda x: (not figures & set(answer_type.FIGURE.findall(x.sentence.text)), not x.names_ok)
                )
                scored = [dataclasses.replace(x, score=max(x.score, top)) for x in first] + rest
        if said_by:  # "who said that?" has one answer: whoever the text says spoke the quoted words
            first = [x for x in scored if any(x.sentence is self.sentences[j] for j in said_by)]
            rest = [x for x in scored if x not in first]
            top = max((x.score for x in scored), default=0.0)
            scored = [dataclasses.replace(x, score=max(x.score, top), names_ok=True) for x in first] + rest
        return scored

    def _done_by_other(self, doer: tuple[set[str], str, set[str]], sentence: Sentence) -> bool:
        """``sentence`` tells of the act the question credits to someone (``doer``: their name's
        words, the verb, the object's terms) done by someone else: "Why did the mayor, Jo Smith,
        announce the package?" of "Minister Al Day announced the package"."""
        name, verb, objects = doer
        if any(self._named(n, sentence.words) for n in name) or not objects:
            return False
        held = sum(1 for t in objects if t in sentence.terms)
        if 2 * held < len(objects):
            return False
        tokens = raw_tokens(sentence.text)
        for k, token in enumerate(tokens):
            folded = words(token)
            if not folded or not (stem(folded[0]) == verb or related(verb, stem(folded[0]))):
                continue
            before = tokens[max(0, k - DOER_REACH) : k]  # someone else named just before the act
            if any(self._is_speaker(n) for n in self.names_in(" ".join(["x", *before])) - name):
                return True  # a person (someone the article has speaking), not a place
        return False

    def names_in(self, text: str, first_too: bool = False) -> set[str]:
        """Capitalised words of ``text`` that are names in the article (written capitalised there
        and never in lower case, so "May" the verb is not one); not the first word."""
        out = set()
        for pos, token in enumerate(raw_tokens(text)):
            folded = words(token)
            if not folded or not token[:1].isupper() or (pos == 0 and not first_too):
                continue
            word = folded[0]
            if word in STOPWORDS or word in QUESTION_FILLER or word in _TITLE_WORDS:
                continue
            if word in self.proper:
                out.add(word)
        return out

    def gender(self, name: str) -> str | None:
        """ "f" or "m" when the article marks the person ``name`` (one word of it) so: a title ("Ms
        Vale", "Mr Tully") or "she said" / "he said" right after naming them; ``None`` when it
        does not, or marks them both ways."""
        if self._genders is None:
            self._genders = self._mark_genders()
        return self._genders.get(words(name)[0] if words(name) else "")

    def _mark_genders(self) -> dict[str, str]:
        marks: dict[str, set[str]] = {}

        def mark(run: Sequence[str], sex: str) -> None:
            for w in run:
                if w not in STOPWORDS and w not in _TITLE_WORDS:
                    marks.setdefault(w, set()).add(sex)

        for found in _TITLED.finditer(self.text):
            mark(words(found.group(2)), "m" if found.group(1).lower() in _MALE_TITLES else "f")
        for i, sentence in enumerate(self.sentences):
            said = _PRONOUN_SPEAKS.search(sentence.text)
            if not said:
                continue
            # whom the pronoun stands for: the subject named first before it in this sentence (unless
            # it follows a quote, whose words are someone else's), else the one of the sentence before
            before = sentence.text[: said.start()]
            run = [] if _OPENS_QUOTE.match(before) else self._first_name_run(before)
            if not run and i and self._same_paragraph(i - 1, i):
                run = self._first_name_run(self.sentences[i - 1].text)
            elif not run and i and sentence.text.lstrip().startswith(said.group(0)):
                # "She said ..." opening a paragraph: whoever the paragraph before ended on saying
                # something ('"...," Vale said at the meeting.')
                j = self.speaker_sentence(i - 1)
                spoke = [m.group(1) for m in _NAME_SAID.finditer(self.sentences[j].text)] if j is not None else []
                run = [w for w in words(spoke[-1]) if w in self.proper] if spoke else []
            if run:
                mark(run, "f" if said.group(1).lower() == "she" else "m")
        return {w: next(iter(sexes)) for w, sexes in marks.items() if len(sexes) == 1}

    def _first_name_run(self, text: str) -> list[str]:
        """The words of the first run of capitalised name words in ``text`` ("Jo Smith")."""
        current: list[str] = []
        for token in raw_tokens(text):
            folded = words(token)
            if folded and token[:1].isupper() and folded[0] in self.proper and folded[0] not in _TITLE_WORDS:
                current.append(folded[0])
            elif current:
                break
        return current

    @staticmethod
    def _named(name: str, pool: Set[str]) -> bool:
        return name in pool or any(related(name, w) for w in pool if w[:3] == name[:3])

    def _spoken_by(self, speaker: set[str], allowed: set[str], i: int) -> bool:
        """Sentence ``i`` carries words of ``speaker``: it names the speaker and quotes or reports
        speech, or it names nobody but ``allowed`` while a neighbour in its paragraph names the
        speaker and it quotes or reports speech itself (a quote running over sentences, "he said")."""
        sentence = self.sentences[i]
        if any(self._named(n, sentence.words) for n in speaker):  # a first or last name will do
            return self._speaks(speaker, sentence.text)
        others = self.names_in(sentence.text, first_too=True) - allowed
        if (others and self._speaks(others, sentence.text)) or not _QUOTE_OR_VERB(sentence.text):
            return False  # someone else's words, or no words at all (narrative next to a quote)
        nxt = i + 1
        if (
            nxt < len(self.sentences)
            and self._same_paragraph(i, nxt)
            and any(self._named(n, self.sentences[nxt].words) for n in speaker)
        ):
            return True  # the quote first, then "..., X said."
        if i in self.voiced_by:  # '"...," she said.' after a paragraph whose last name is the speaker's
            j = self.voiced_by[i]
            return any(self._named(n, self.sentences[j].words) for n in speaker)
        # back through the paragraph to the last sentence naming anyone: "X said ... She added ..."
        for j in range(i - 1, -1, -1):
            if not self._same_paragraph(i, j):
                break
            named = self.names_in(self.sentences[j].text, first_too=True)
            if any(self._named(n, self.sentences[j].words) for n in speaker):
                # "X said ... She added ...", "X is campaigning. '...,' she said.": X is who speaks; but
                # records that "suggest" something after "a licence issued by X" are no words of X's
                return bool(_PRONOUN_SPEAKS.search(sentence.text)) or self._speaks(speaker, self.sentences[j].text)
            if named - allowed:
                return False  # someone else was named in between: the words are likelier theirs
        return False

    def _speaks(self, speaker: set[str], text: str) -> bool:
        """A speech verb with the speaker's name near it ("Blinken stated", "X, chief of Y, added"),
        counted without the appositive clauses between them ("X, who chairs ..., said")."""
        text = _APPOSITIVE.sub("", _SILENT.sub(" ", text))
        tokens = words(_TITLED_AFTER_VERB.sub(r"\1 \2", text))  # "said Port Commissioner Jo Smith"
        # not a passive ("have been asked to appear", "was told"): words said to them, not theirs
        verbs = [k for k, t in enumerate(tokens) if _SPEECH_VERB.match(t) and not (k and tokens[k - 1] in _BE)]
        near = [k for k, t in enumerate(tokens) if any(self._named(n, {t}) for n in speaker)]
        # the speaker comes before the verb ("X said") or right after it ("said X")
        if any(-SPEAKER_AFTER <= v - k <= SPEAKER_WINDOW for v in verbs for k in near):
            return True
        # "according to X, the grant was cut": X's account, the name right after
        cited = [k + 1 for k, t in enumerate(tokens[:-1]) if t == "according" and tokens[k + 1] == "to"]
        return any(0 < k - v <= SPEAKER_AFTER for v in cited for k in near)

    def speaker_sentence(self, i: int) -> int | None:
        """The sentence naming who speaks in sentence ``i``: ``i`` itself when it names someone next
        to a speech verb, else the nearest such sentence before it in its paragraph."""
        for j in range(i, -1, -1):
            if j < i and not self._same_paragraph(i, j):
                return None
            text = self.sentences[j].text
            named = self.names_in(text, first_too=True)
            if named and self._speaks(named, text):
                return j
        return None

    def antecedent(self, sentence: Sentence) -> Sentence | None:
        """The sentence before ``sentence`` in its paragraph, when ``sentence`` opens with a personal
        pronoun ("He argued that ...") and that one names someone: whom the pronoun stands for."""
        i = self._index(sentence)
        first = words(sentence.text)[:1]
        if i is None or i == 0 or not first or first[0] not in _SUBJECT_PRONOUNS or not self._same_paragraph(i - 1, i):
            return None
        previous = self.sentences[i - 1]
        return previous if self.names_in(previous.text, first_too=True) else None

    def speaker_named(self, sentence: Sentence) -> Sentence | None:
        """The sentence naming who speaks in ``sentence`` when ``sentence`` is a quote or gives its
        speaker only as a pronoun ('"Nobody ...," she told the meeting.') and names no one: the one
        the paragraph before had speaking when this paragraph goes on with their words, else the
        last sentence before it in its paragraph naming a speaker or anyone, else the next sentence
        when the quote comes first ('"...". Pellow said.'); ``None`` when none is found."""
        i = self._index(sentence)
        text = sentence.text
        if i is None or (self.names_in(text, first_too=True) and not pronoun_speaks(text)):
            return None  # ('"...," she told the Gazette.': the paper named is not who speaks)
        if not (_PRONOUN_SPEAKS.search(text) or _OPENS_QUOTE.match(text)):
            return None
        j = self.voiced_by.get(i)
        if j is None:
            j = self.speaker_sentence(i)
        if j is None:
            j = next(
                (
                    k
                    for k in range(i - 1, -1, -1)
                    if self._same_paragraph(i, k) and self.names_in(self.sentences[k].text, first_too=True)
                ),
                None,
            )
        if j is None and i + 1 < len(self.sentences) and self._same_paragraph(i, i + 1):
            j = i + 1 if self.speaker_sentence(i + 1) == i + 1 else None
        return self.sentences[j] if j is not None and j != i else None

    def announced(self, sentence: Sentence) -> Sentence | None:
        """The next sentence, when ``sentence`` only announces what it opens ("Two options were on
        the table."; "The board had to choose between two ways forward."): short, counting a plural
        noun, and followed in its paragraph by the first of them."""
        i = self._index(sentence)
        if i is None or i + 1 >= len(self.sentences) or not self._same_paragraph(i, i + 1):
            return None
        tokens = words(sentence.text)
        if len(tokens) > ANNOUNCER_WORDS or _NUMBER.search(sentence.text) or re.search(r"[:\"“”]", sentence.text):
            return None  # a figure or a quote is a fact of its own, not an announcement
        counted = any(
            t in _COUNT_WORDS
            and any(n.endswith("s") and len(n) > 3 and n not in _SPAN_WORDS for n in tokens[k + 1 : k + 3])
            for k, t in enumerate(tokens)
        )
        return self.sentences[i + 1] if counted else None

    def continued(self, sentence: Sentence) -> list[Sentence]:
        """The speaker's own words that follow ``sentence`` when it reports speech ("X said the
        change was about safety.") and its paragraph (or, when it ends one, the next paragraph) goes
        on with a direct quote (""We cannot ...," she said."): the quote's sentences, at most
        :data:`CONTINUED_SENTENCES`. What a person said about something is most often in their
        words, not in the writer's summary of them."""
        i = self._index(sentence)
        if i is None or not _speech_verb(sentence.text):
            return []
        following = self.paragraph_after(i)
        if not following and i + 1 < len(self.sentences):  # the quote may open the next paragraph
            following = [i + 1, *self.paragraph_after(i + 1)]
        out: list[Sentence] = []
        for j in following[:CONTINUED_SENTENCES]:
            opens = bool(_OPENS_QUOTE.match(self.sentences[j].text))
            if not out and (not opens or self._inside_quote(j)):
                break  # a new quote must follow; a quote ``sentence`` itself opened already gives their words
            if out and not (opens or self._inside_quote(j)):
                break
            out.append(self.sentences[j])
        return out

    def quotation(self, sentence: Sentence) -> tuple[list[Sentence], list[Sentence]]:
        """The other sentences of the quotation ``sentence`` is part of, in its paragraph, as far as
        the sentence saying whose words they are: those before it (back to the one opening the quote)
        when it names the speaker ('"Management knew for a year. They sat on it," she said.'), else
        those after it while the quote runs on; at most :data:`QUOTE_REACH`."""
        i = self._index(sentence)
        if i is None:
            return [], []
        if _speech_verb(sentence.text):  # 'They sat on it," she said.': the quote's start, nothing after
            return self._quote_before(i), []
        return [], self._quote_after(i)  # '"We did not walk away.': on to the sentence naming the speaker

    def _quote_before(self, i: int) -> list[Sentence]:
        before: list[Sentence] = []
        j = i
        while len(before) < QUOTE_REACH and self._inside_quote(j) and j > 0 and self._same_paragraph(j - 1, j):
            j -= 1
            before.insert(0, self.sentences[j])
        return before

    def _quote_after(self, i: int) -> list[Sentence]:
        after: list[Sentence] = []
        k = i + 1
        while len(after) < QUOTE_REACH and k < len(self.sentences) and self._same_paragraph(k - 1, k):
            if not self._inside_quote(k):
                break
            after.append(self.sentences[k])
            k += 1
        return after

    def beside(self, span: Span) -> str:
        """The sentences either side of ``span`` (what a claim may also draw on: "the petition" named
        in the sentence before "It is expected to be handed in on 5 November")."""
        inside = [i for i, x in enumerate(self.sentences) if x.end > span[0] and x.start < span[1]]
        if not inside:
            return ""
        near = [i for i in (inside[0] - 1, inside[-1] + 1) if 0 <= i < len(self.sentences)]
        return " ".join(self.sentences[i].text for i in near)

    def reports_speech(self, span: Span) -> bool:
        """Every paragraph ``span`` touches quotes or reports someone's words (a headline does not)."""
        a = self.text.rfind("\n\n", 0, span[0])
        b = self.text.find("\n\n", span[1])
        block = self.text[a + 2 if a >= 0 else 0 : b if b >= 0 else len(self.text)]
        return all(_QUOTE_OR_VERB(paragraph) for paragraph in block.split("\n\n"))

    def _inside_quote(self, j: int) -> bool:
        """Sentence ``j`` starts inside a quotation opened earlier in its paragraph (a straight
        quote mark after a space opens one, before one closes it; curly marks say which they are)."""
        start = self.sentences[j].start
        before = self.text[self.text.rfind("\n\n", 0, start) + 1 : start]
        opened = before.count("“") + len(re.findall(r'(?:^|(?<=[\s(\[]))"', before))
        closed = before.count("”") + len(re.findall(r'(?<=[^\s(\[])"', before))
        return opened > closed

    def _holds_any(self, wanted: Set[str], i: int) -> bool:
        """Sentence ``i`` or a neighbour holds one of ``wanted`` (terms), in some form."""
        return _holds(wanted, self._context(i) | self.sentences[i].words)

    def _holds_own(self, wanted: Set[str], i: int) -> bool:
        """Sentence ``i`` itself holds one of ``wanted`` (words, stemmed here), in some form."""
        own = self.sentences[i].words | self.sentences[i].terms
        if i in self.lists:  # parallel items: what the first one (or the opening line) says a figure is, all say
            lead, run = self.lists[i]
            for j in ([lead] if lead is not None else []) + run[:1]:
                own = own | self.sentences[j].words | self.sentences[j].terms
        return any(named_kin(w) & own for w in wanted) or _holds(wanted, own)

    def _index(self, sentence: Sentence) -> int | None:
        return next((k for k, x in enumerate(self.sentences) if x.start == sentence.start), None)

    def _same_paragraph(self, i: int, j: int) -> bool:
        a, b = sorted((self.sentences[i].end, self.sentences[j].start))
        return "\n\n" not in self.text[a:b]

    def _context(self, i: int) -> frozenset[str]:
        near = [*range(max(0, i - 1), min(len(self.sentences), i + 2))]
        if i in self.lists and self.lists[i][0] is not None:  # a list's item: the line opening the list
            near.append(self.lists[i][0])  # ("tonnes each depot took in during 2031/32:" dates every item)
        return frozenset().union(*(self.sentences[j].terms for j in near))

    def _coverage(self, q_terms: set[str], i: int, light: Set[str] = frozenset()) -> float:
        """IDF-weighted share of the question's terms in sentence ``i`` (half if only next to it);
        ``light`` terms (a speaker's name) weigh a quarter."""
        if not q_terms:
            return 0.0
        own = _with_role(self.sentences[i].terms)
        context = _with_role(self._context(i))
        q_terms = {_ROLE if t in ROLE_TERMS else t for t in q_terms}
        weight = {t: self.idf.get(t, self.max_idf) * (0.25 if t in light else 1.0) for t in q_terms}
        hits = sum(w * (1.0 if _kin(t, own) else 0.5 if _kin(t, context) else 0.0) for t, w in weight.items())
        return hits / sum(weight.values())

    def support(
        self, claim: str, passages: Sequence[Passage], candidates: Sequence[int], min_support: float
    ) -> Support | None:
        """The best span among ``candidates`` (passage indexes) that backs ``claim``, if any."""
        found = self.supports(claim, passages, candidates, min_support)
        return found[0] if found else None

    def supports(
        self, claim: str, passages: Sequence[Passage], candidates: Sequence[int], min_support: float
    ) -> list[Support]:
        """Every span among ``candidates`` (passage indexes) that holds ``claim``'s words, best first.

        A span holds a claim when every number and proper name in it appears there and at least
        ``min_support`` of its content terms do. The span is one sentence, or two adjacent
        sentences when the claim draws on both. Whether it also *means* the claim is
        :mod:`rag.answering.support`'s question.
        """
        claim_terms = set(terms(claim))
        if not claim_terms:
            return []
        critical = critical_words(claim)
        found: dict[Span, Support] = {}
        for p_index in candidates:
            idx = self.in_passage(passages[p_index])
            for k, i in enumerate(idx):
                options = [(i, i)] + ([(i, idx[k + 1])] if k + 1 < len(idx) else [])
                for first, last in options:
                    span_terms = set().union(*(self.sentences[j].terms for j in range(first, last + 1)))
                    span_words = set().union(*(self.sentences[j].words for j in range(first, last + 1)))
                    if not critical <= span_words:
                        continue
                    coverage = _covered(claim_terms, span_terms) / len(claim_terms)
                    # prefer the tighter single-sentence span unless the pair adds real coverage
                    if first != last:
                        coverage -= 0.05
                    span = (self.sentences[first].start, self.sentences[last].end)
                    if coverage >= min_support and (span not in found or coverage > found[span].coverage):
                        found[span] = Support(p_index, span, coverage)
        return sorted(found.values(), key=lambda s: -s.coverage)


# where a long sentence divides into clauses: "; ", ", but ", ", while ", ", which ", a dash
_CLAUSE_BREAK = re.compile(
    r"\s*;\s+|\s+[—–]\s+|,\s*[\"“”]?\s*(?=(?:but|while|whereas|though|although|because|which|so|yet|after|"
    r"and then|according to)\s)",
    re.I,
)
CLAUSE_MIN_WORDS = 4


def clause_texts(text: str) -> list[str]:
    """The clauses to embed for ``Evidence(text, clause_embeddings=...)``, in order (its sentences'
    clauses), without building an :class:`Evidence`."""
    return [text[a:b] for s, e in sentences(text) for a, b in clauses(text, s, e)]


def clauses(text: str, start: int, end: int) -> list[Span]:
    """The clauses of ``text[start:end]`` worth embedding on their own (none for a one-clause
    sentence): each at least :data:`CLAUSE_MIN_WORDS` words; a shorter piece joins its neighbour."""
    cuts = [start] + [start + m.end() for m in _CLAUSE_BREAK.finditer(text[start:end])] + [end]
    pieces: list[Span] = []
    for a, b in itertools.pairwise(cuts):
        if pieces and len(text[pieces[-1][0] : pieces[-1][1]].split()) < CLAUSE_MIN_WORDS:
            pieces[-1] = (pieces[-1][0], b)
        else:
            pieces.append((a, b))
    if len(pieces) > 1 and len(text[pieces[-1][0] : pieces[-1][1]].split()) < CLAUSE_MIN_WORDS:
        pieces[-2:] = [(pieces[-2][0], pieces[-1][1])]
    return pieces if len(pieces) > 1 else []


_ROLE = "<role>"  # what every ROLE_TERMS word counts as, in ranking only


def _with_role(found: frozenset[str]) -> frozenset[str]:
    return found | {_ROLE} if found & ROLE_TERMS else found


def _loose(term: str) -> str:
    """A looser stem for short verbs the term stemmer keeps whole ("voted"/"vote", "ended"/"end")."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def added_terms(claim: str, span_text: str) -> list[str]:
    """Content terms of ``claim`` that the span does not hold (in any form of the word): what a
    model sentence adds to the words it cites ("... with a vote of no *confidence*").

    The question's words get no pass: a model that echoes "why did they close it for good?" over a
    span that says "suspended" writes the premise as if the span said it (measured on one report: of
    32 answers with model sentences using question words their span lacked, at least eight said
    something the span does not; the rest were rewordings, and the engine quotes the article instead)."""
    held = {_loose(t) for t in terms(span_text)} | _LIGHT_VERBS
    return [t for t in dict.fromkeys(terms(claim)) if _loose(t) not in held and not t.isdigit()]


# words that carry little of a claim's meaning ("talks were *held*", "*took* up the challenge",
# "she *added* that", "the judge's *name* was", "it also *mentions*"); who said what is the speaker
# check's business
_LIGHT_VERBS = frozenset(
    _loose(stem(w))
    for w in "hold held take took taken make made give gave given get got come came go went put set keep kept "
    "do did done say said tell told become became remain remained include included add added adds note noted "
    "state stated mention mentions mentioned name named answer total expect expected".split()
)


def _covered(claim_terms: set[str], span_terms: set[str]) -> int:
    """How many claim terms the span holds, counting "voted" for "vote"."""
    loose = {_loose(t) for t in span_terms}
    return sum(1 for t in claim_terms if t in span_terms or _loose(t) in loose)


def _proper_words(items: Sequence[Sentence]) -> frozenset[str]:
    """Words the text writes capitalised inside sentences and never in lower case: its names."""
    upper: set[str] = set()
    lower: set[str] = set()
    for item in items:
        for pos, token in enumerate(raw_tokens(item.text)):
            folded = words(token)
            if not folded:
                continue
            if token[:1].isupper():
                if pos > 0:
                    upper.add(folded[0])
            elif token[:1].islower():
                lower.add(folded[0])
    return frozenset(upper - lower)


def _type_first(scored: list[ScoredSentence]) -> list[ScoredSentence]:
    """Move the best sentence holding the asked type to the front when it is close to the best."""
    if not scored or scored[0].holds_type:
        return scored
    for k, item in enumerate(scored):
        if item.holds_type and item.score >= scored[0].score - TYPE_MARGIN:
            return [item, *scored[:k], *scored[k + 1 :]]
    return scored


# "who is the bursar (of ...)?", "who was the council's lead engineer?": someone in a role
_WHO_HOLDS = re.compile(
    r"^\s*(?i:who)(?:'s|’s|\s+is|\s+was)\s+(?:the\s+)?(?:[a-z][\w-]*['’]s\s+)?(?P<role>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)"
    r"\s*(?:\?|\s(?:of|at|for|in|on)\b)"
)


def _held_role(question: str) -> str | None:
    """The role a "who is the bursar of X?" question names ("bursar"), if it asks that."""
    found = _WHO_HOLDS.match(question)
    role = words(found.group("role")) if found else []
    if not role or any(w in STOPWORDS or w.endswith("ing") for w in role):
        return None  # "who is leading the campaign?" names no role
    return role[-1]


def _role_first(scored: list[ScoredSentence], question: str) -> list[ScoredSentence]:
    """ "Who is the chief executive of the trust?": move the best sentence naming someone beside the
    role's words ("said Dr Jo Smith, chief executive of the trust") to the front when it is close to
    the best, ahead of a sentence about the trust that names no one in that role."""
    asked = words(question)  # the role's words: "chief executive", not "chief" alone
    role = [w for k, w in enumerate(asked) if stem(w) in ROLE_TERMS or (k and stem(asked[k - 1]) in ROLE_TERMS)]
    role = [w for w in role if w not in STOPWORDS]
    holder = _held_role(question)
    if not role and holder:  # "who is the bursar of the school?": the name beside "bursar"
        role = [holder]
    if not scored or answer_type.names_near_terms(scored[0].sentence.text, question, near=role):
        return scored
    for k, item in enumerate(scored):
        if item.score < scored[0].score - TYPE_MARGIN:
            break
        if answer_type.names_near_terms(item.sentence.text, question, near=role):
            return [item, *scored[:k], *scored[k + 1 :]]
    return scored


def critical_words(claim: str) -> set[str]:
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


DOER_REACH = 10  # words before a verb where whoever did it is named
_WHY_DID = re.compile(r"^\s*(?:and |but |so )?why (?:did|does|do|has|have|had|would|will)\s+(.+?)\??\s*$", re.I)


def _doer(question: str) -> tuple[set[str], str, set[str]] | None:
    """ "Why did mayor Jo Smith announce the $12 million package?": ({"jo", "smith"}, "announc",
    {"packag"}): who the question says acted, the verb's stem, the object's terms (figures dropped);
    None when the doer is not named (a name right before the verb)."""
    found = _WHY_DID.match(question)
    if not found:
        return None
    tokens = raw_tokens(found.group(1))
    k = 0
    while k < len(tokens) and not tokens[k][:1].isupper():
        k += 1  # "union secretary": the role before the name
    start = k
    while k < len(tokens) and tokens[k][:1].isupper():
        k += 1
    if start == k or k >= len(tokens) or start > 3:
        return None
    name = {w for t in tokens[start:k] for w in words(t)} - STOPWORDS
    verb = words(tokens[k])
    if not verb or verb[0] in STOPWORDS:
        return None
    objects = {t for t in terms(" ".join(tokens[k + 1 :])) if not t[:1].isdigit()} - {stem(w) for w in name}
    objects -= {"million", "billion", "thousand", "percent", "cent"}
    return name, stem(verb[0]), objects


_POSSESSIVE = re.compile(r"['’]s?$")  # "Pellow's", "the Brisks'"
# "when is that due?", "how much will it cost?", "when will this plan start?": a follow-up about what was
# just quoted
_THAT_Q = re.compile(
    r"^\s*(?:and |but |so )?(?:when|by when|how (?:much|many|long|soon|far))\b(?:\s+\w+)?\s+(?:it|that|this)\b",
    re.I,
)
# "how much will children under 16 pay?": who is asked to pay
_HOW_MUCH_PAY_Q = re.compile(
    r"^\s*(?:and |but |so )?how much (?:will|do|does|did|would|must|should) (?P<who>(?:[\w'’-]+ ){0,4}?[\w'’-]+) "
    r"(?:have to |need to |be asked to )?(?:pay|be charged)\b",
    re.I,
)
# "children will be exempt", "residents pay nothing": someone pays nothing
_EXEMPT = re.compile(
    r"\b(?:exempt(?:ed)?|exemption|free of charge|pay nothing|"
    r"(?:(?:will|do|does|would|shall) not|won't|don't|doesn't|won’t|don’t|doesn’t) (?:have to |need to )?pay)\b",
    re.I,
)


def _own_part(question: str) -> str:
    """A follow-up's own words, without the context or the hinted names carried after them ("What did
    he say? Pellow's Tam Lind")."""
    own = question.partition(answer_type.CONTEXT_MARK)[0]
    return own[: own.index("?") + 1] if "?" in own else own
