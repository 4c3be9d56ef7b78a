"""Word-level text tools shared by BM25, the support check and evidence scoring.

Deliberately simple and deterministic: Unicode-aware lower-casing, quote/dash folding, a short
stop-word list and a light suffix stemmer, so "negotiations" matches "negotiation".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_WORD = re.compile(r"[^\W_]+(?:['.-][^\W_]+)*", re.UNICODE)
_RAW_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can cannot could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me more most my myself no nor not of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    s t don't didn't doesn't isn't wasn't weren't won't wouldn't can't couldn't shouldn't it's
    they're they've we've i'm i've he's she's that's there's what's who's
    article text according say says said tell told does did please""".split()
)

# Question words and fillers that carry no content of their own.
QUESTION_FILLER = frozenset(
    "what which who whom whose when where why how many much kind sort type describe explain "
    "mention mentioned mentions name named give list happened happen did does do "
    "position role job hold holds".split()
)

_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ures",
    "ure",
    "ies",
    "ied",
    "ers",
    "er",
    "es",
    "ed",
    "s",
)


def fold(text: str) -> str:
    """NFKC, curly quotes and dashes folded, lower-cased."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD).lower()


def raw_tokens(text: str) -> list[str]:
    """Word tokens as written (case kept, so names can be told apart): "Azerbaijan's", "four-day"."""
    return _RAW_TOKEN.findall(text)


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def words(text: str) -> list[str]:
    """Folded word tokens; possessive "'s" removed ("azerbaijan's" -> "azerbaijan")."""
    out = []
    for w in _WORD.findall(fold(text)):
        w = w.strip(".-'")
        if w.endswith("'s"):
            w = w[:-2]
        if w:
            out.append(w)
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word.isdigit() or len(word) <= 4:
        return word
    if word.endswith(("ies", "ied")) and len(word) >= 6:  # studies, studied -> study
        return word[:-3] + "y"
    base = word[:-3] if word.endswith("ing") else word[:-2] if word.endswith("ed") else ""
    if len(base) == 3 and base[1] in "aeiou" and base[2] == "y":
        return base  # paying, saying, buying -> pay, say, buy (too short for the suffixes below)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e") if len(word) > 5 else word


# irregular verb forms to their base ("took" -> "take")
IRREGULAR = {
    w: base
    for base, forms in {
        "take": "took taken takes taking", "make": "made makes making", "bring": "brought brings bringing",
        "give": "gave given gives giving", "begin": "began begun begins", "become": "became becomes",
        "come": "came comes", "go": "went gone goes", "get": "got gotten gets", "hold": "held holds",
        "keep": "kept keeps", "leave": "left leaves", "lead": "led leads", "meet": "met meets",
        "say": "said says", "see": "saw seen sees", "seek": "sought seeks", "show": "showed shown shows",
        "speak": "spoke spoken speaks", "spend": "spent spends", "stand": "stood stands", "tell": "told tells",
        "think": "thought thinks", "win": "won wins", "write": "wrote written writes", "find": "found finds",
        "build": "built builds", "buy": "bought buys", "sell": "sold sells", "pay": "paid pays",
        "send": "sent sends", "set": "sets", "put": "puts", "run": "ran runs", "rise": "rose risen rises",
        "fall": "fell fallen falls", "grow": "grew grown grows", "know": "knew known knows", "do": "did done does",
        "have": "had has", "be": "was were been is are", "lose": "lost loses", "feel": "felt feels",
    }.items()
    for w in [base, *forms.split()]
}  # fmt: skip


_INFLECTIONS = frozenset({"s", "d", "ed", "es", "ing", "r", "er", "ers"})


def inflected(a: str, b: str) -> bool:
    """One word is the other with a regular inflection ("vote" ~ "voted", "save" ~ "saving"), not a
    derivation ("statistics" ~ "statistical")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    if long_.startswith(short) and long_[len(short) :] in _INFLECTIONS:
        return True  # "vote" ~ "voted", "plan" ~ "plans"
    # "save" ~ "saving", "vote" ~ "voting": the silent e dropped before a suffix
    return short[-1] == "e" and long_.startswith(short[:-1]) and long_[len(short) - 1 :] in _INFLECTIONS


def related(a: str, b: str) -> bool:
    """Two words of one family by form alone: a shared stem of at least 5 letters, each word at
    most 3 letters longer ("canada" ~ "canadian", "negotiate" ~ "negotiators"); language-generic."""
    if inflected(a, b):
        return True  # "vote" ~ "voted", "save" ~ "saving": too short for the shared-stem rule
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 5 and len(a) - n <= 3 and len(b) - n <= 3


def terms(text: str) -> list[str]:
    """Stemmed content terms (stop words dropped), in order; hyphenated words also count by part
    ("four-day" matches "day")."""
    out = []
    for w in words(text):
        if w in STOPWORDS:
            continue
        out.append(stem(w))
        if "-" in w:
            out.extend(stem(p) for p in w.split("-") if p and p not in STOPWORDS)
    return out


# Question words that ask about the byline ("who wrote it?") map to the header's terms.
_SYNONYMS = {
    "wrote": "author", "write": "author", "written": "author", "writer": "author", "authored": "author",
    "published": "publish", "publication": "publish", "headline": "title",
}  # fmt: skip


# Words for whoever leads a body: "who heads the union?" is answered by "the union's chair, X".
# Only the ranking and the topic check treat them as one; the support check keeps them apart, so
# "X chairs it" is never verified by "X is its chief executive".
ROLE_TERMS = frozenset(
    stem(w)
    for w in "head heads headed lead leads leader leaders chair chairs chairman chairwoman chairperson chief "
    "president director boss convener convenor convenes convened".split()
)


# Everyday words news English uses for one thing ("put forward a proposal" / "moved the motion",
# "kids" / "children"). Only the ranking and the topic check treat them as one (like ROLE_TERMS,
# which has the words for whoever leads a body); the support check keeps them apart.
_KIN_GROUPS = """
motion proposal proposition | shut close closure closing | cut reduce reduction slash | rise increase climb jump
| fall drop decrease | buy purchase acquire acquisition | build construct construction | start begin launch commence
| finish conclude completion complete | fine penalty | deal agreement contract | firm company business
| worker staff staffing employee workforce labourer labourers laborer laborers | job post role position
| kid kids child children pupil | car vehicle
| doctor physician | money funding cash | scheme plan programme program | resident local householder inhabitant
| population resident inhabitant | spot point location | house home dwelling property household
| vote ballot | lawmaker legislator | salary pay wage wages earnings | price cost fee fare | shop store outlet
| injure injured hurt wound wounded | ban prohibit outlaw | approve endorse ratify | reject refuse dismiss dismissed
| warn caution | estimate forecast projection | sack dismiss dismissed | teenager teen adolescent | elderly pensioner
| town village | hospital infirmary | ride trip journey | lawyer solicitor attorney barrister
| rent lease leased rental | discover discovered notice noticed detect detected
| passenger traveller travellers | crash collision accident | submission response
| refund reimburse reimbursed reimbursement repay repayment | space spaces place places pitch pitches | shop business
| spokesperson spokesman spokeswoman behalf | clean cleaned sterilise sterilised sterilize sterilized disinfect
| teacher schoolteacher | official officer
| examine examined inspect inspected inspection examination inspector inspectors
| hire hired appoint appointed engage engaged commission commissioned employ employed
| first original originally initial initially
| pick picked choose chose chosen select selected selection | income revenue takings
| cancel cancelled canceled cancellation terminate terminated termination scrap scrapped
| reply replies response responses respond responded | extra additional
| blame blamed attribute attributed | group coalition alliance | ridership boardings
| sign signed signature signatures signatory signatories | weekend weekends saturday saturdays sunday sundays
| operate operates operated operating operator operators run runs ran running
| visitor visitors tourist tourists guest guests | warning warnings warn warned notice
| lower lowered lowering cut cuts reduce reduced
| respond responded response reject rejected deny denied dismiss dismissed rebut rebutted | new fresh
| owner owners shareholder shareholders investor investors | elderly older pensioner pensioners
| last final | consultancy consultancies consultant consultants consulting consult
| musician musicians player players | claim claimed allege alleged allegation | alert alerted alarm
| baby babies birth births newborn newborns | candidate candidates applicant applicants
| incentive incentives bonus bonuses | performer performers artist artists act acts
"""


def _kin_table(groups: str) -> dict[str, frozenset[str]]:
    """Each stem's kin: the union of the groups it is in ("dismiss": sack, and reject)."""
    table: dict[str, frozenset[str]] = {}
    for part in groups.split("|"):
        group = frozenset(stem(x) for x in part.split())
        for w in group:
            table[w] = table.get(w, frozenset()) | group
    return table


_KIN = _kin_table(_KIN_GROUPS)


def kin(term: str) -> frozenset[str]:
    """The stems that name the same everyday thing as ``term`` (a stem), itself included."""
    if term not in _KIN and term.endswith("s"):  # the stemmer keeps some plurals whole ("jobs")
        return _KIN.get(term[:-1], frozenset({term})) | {term}
    return _KIN.get(term, frozenset({term}))


def named_kin(word: str) -> frozenset[str]:
    """The stems a figure's name may go by ("fresh" funds are "new" ones; "rent" is a "lease"), though
    not one sum for another ("fare" is no "cost")."""
    term = stem(word)
    return frozenset({term}) if term in _KIN.get(stem("price"), frozenset()) else kin(term)


def synonym(word: str) -> str:
    return _SYNONYMS.get(word, word)


def question_terms(question: str) -> list[str]:
    """The terms of a question that an answer's evidence should contain."""
    question = _IN_CHARGE.sub("head of", question)  # "who is in charge of the trust?": its head
    asked = words(question)
    return [
        # ("when did the group write to the council?": a letter, not the article's byline)
        stem(w if asked[k + 1 : k + 2] == ["to"] else synonym(w))
        for k, w in enumerate(asked)
        if w not in STOPWORDS and w not in QUESTION_FILLER
    ]


_IN_CHARGE = re.compile(r"\bin charge of\b", re.I)
