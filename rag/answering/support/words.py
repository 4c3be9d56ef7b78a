"""Tokens of a claim or span, and the generic English the checks know: negation words, number words,
months, attributions, irregular verbs, an antonym and change-verb lexicon. No article's words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.retrieval.lexical import IRREGULAR, STOPWORDS, fold, stem

_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*|[,;:()—–]|[.!?](?=[\s\"'“”’]|$)")
_BOUNDARY_WORDS = frozenset("but although though however whereas while because yet so".split())

NEGATORS = frozenset(
    "not no never neither nor none nothing nobody nowhere without cannot lack lacks lacked lacking "
    "fail fails failed failing cease ceases ceased ceasing stop stops stopped stopping refuse refuses "
    "refused refusing unable".split()
)
NEGATION_REACH = 3  # content words after a negator that it negates ("did not end with a signed agreement")

NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen dozens half twice once thrice first second third fourth fifth "
    "sixth seventh eighth ninth tenth double triple single".split()
)
SCALES = frozenset("hundred thousand million billion trillion dozen dozens".split())
MONTHS = frozenset("january february march april may june july august september october november december".split())

# Opposites (each pair both ways). Inflected forms meet through the stemmer.
_ANTONYM_PAIRS = """
increase:decrease increase:reduce increase:cut increase:lower raise:lower raise:reduce rise:fall rise:drop
rise:decline grow:shrink grow:decline grow:fall expand:contract expand:shrink expand:reduce boost:reduce
strengthen:weaken strengthen:undermine strengthen:interrupt improve:worsen improve:deteriorate
deepen:ease intensify:ease escalate:de-escalate escalate:ease enhance:reduce enhance:diminish
gain:lose win:lose victory:defeat success:failure succeed:fail accept:reject accept:refuse approve:reject
support:oppose allow:forbid allow:ban allow:prevent permit:forbid agree:disagree begin:end start:end start:stop
open:close enter:leave join:leave arrive:depart buy:sell import:export attack:defend include:exclude
confirm:deny admit:deny praise:criticize encourage:discourage help:hinder facilitate:hinder facilitate:obstruct
alleviate:aggravate alleviate:worsen ease:worsen continue:stop continue:cease continue:end remain:leave
stable:unstable strong:weak stronger:weaker high:low higher:lower long:short longer:shorter longest:shortest
large:small larger:smaller big:small rapid:slow rapidly:slowly quick:slow quickly:slowly early:late
first:last more:less more:fewer most:least many:few always:never all:some all:none optimistic:pessimistic
peaceful:violent peace:war progress:setback legal:illegal possible:impossible likely:unlikely
important:unimportant necessary:unnecessary eager:reluctant significant:insignificant tangible:intangible
public:private internal:external domestic:foreign north:south east:west ally:enemy ally:rival friend:enemy
profit:loss surplus:deficit true:false guilty:innocent present:absent remember:forget growing:weakening
growing:shrinking rising:falling expanding:shrinking positive:negative good:bad better:worse best:worst
distant:close near:far up:down higher:lower upper:lower inside:outside above:below before:after
maximum:minimum majority:minority lift:impose relief:tension ally:adversary trust:distrust
build:demolish build:destroy create:destroy construct:demolish repair:damage save:waste protect:endanger
"""
# Verbs and adjectives of change: a claim may not introduce one its span does not use.
_CHANGE_WORDS = """
increase decrease reduce cut lower raise rise fall drop decline grow shrink expand contract boost strengthen
weaken undermine interrupt improve worsen deteriorate deepen intensify escalate de-escalate enhance diminish
gain lose win fail succeed accept reject approve oppose support allow forbid ban prevent end begin start stop
halt resume collapse surge soar plunge slump double halve triple
"""
SPEECH = frozenset(
    "say says said saying stated stating declare declares declared declaring tell tells told telling "
    "added adding noted noting commented announced announcing claimed claiming argued insisted warned "
    "explained wrote reported".split()
)
BE = frozenset("is are was were be been being am".split())
# Lower-case words that still refer to a named thing's parts; not pivots of a relation.
SKIP_PIVOTS = SPEECH | NEGATORS | MONTHS


@dataclass(frozen=True)
class Token:
    raw: str
    word: str  # folded
    stem: str
    pos: int
    clause: int
    sent: int  # sentence number inside the text (a cited span may hold two)
    cap: bool  # written with a capital (not counting a sentence's first word)
    content: bool  # not a stop word, not punctuation

    @property
    def entity(self) -> bool:
        return self.cap and self.content and self.word not in MONTHS and not has_digit(self.word)


def has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Word tokens with clause and sentence numbers (commas, semicolons, dashes, sentence ends and
    "but"/"although"/"because" split clauses; quotes do not)."""
    out: list[Token] = []
    clause = 0
    sent = 0
    first = True
    for match in _TOKEN.finditer(text):
        raw = match.group().strip()
        if not raw or not (raw[0].isalnum()):
            clause += 1
            if raw in ".!?":
                sent += 1
                first = True
            continue
        word = fold(raw).strip(".-'")
        if word.endswith("'s"):
            word = word[:-2]
        if not word:
            continue
        if word in _BOUNDARY_WORDS:
            clause += 1
        content = word not in STOPWORDS and word not in _BOUNDARY_WORDS
        cap = raw[0].isupper() and not first
        out.append(Token(raw, word, stem(word), len(out), clause, sent, cap, content))
        first = False
    return tuple(_first_word_names(out))


def _first_word_names(tokens: list[Token]) -> list[Token]:
    """A capitalised first word is a name when it is capitalised elsewhere too (checked later by
    the caller against the span); here we only mark it so if it is not a stop word and is
    written with a capital after the first letter or is followed by another capitalised word."""
    if tokens and tokens[0].raw[:1].isupper() and tokens[0].content:
        nxt = tokens[1] if len(tokens) > 1 else None
        if (nxt is not None and nxt.cap) or any(c.isupper() for c in tokens[0].raw[1:]):
            t = tokens[0]
            tokens[0] = Token(t.raw, t.word, t.stem, t.pos, t.clause, t.sent, True, t.content)
    return tokens


def as_name(tokens: tuple[Token, ...], names: set[str] | frozenset[str]) -> tuple[Token, ...]:
    """A capitalised sentence-initial word is a name when the same word is capitalised mid-sentence."""
    out = list(tokens)
    for i, t in enumerate(tokens):
        starts = i == 0 or tokens[i - 1].sent != t.sent
        if starts and not t.cap and t.content and t.raw[:1].isupper() and t.stem in names:
            out[i] = Token(t.raw, t.word, t.stem, t.pos, t.clause, t.sent, True, t.content)
    return tuple(out)


def document_names(text: str) -> frozenset[str]:
    """Stems of the words ``text`` capitalises mid-sentence: its names."""
    return frozenset(t.stem for t in tokenize(text) if t.cap)


def first_word(c: tuple[Token, ...], s: tuple[Token, ...]) -> tuple[Token, ...]:
    """A claim's capitalised first word is a name when the span writes it capitalised, or lacks it."""
    if not c or c[0].cap or not c[0].content or not c[0].raw[:1].isupper():
        return c
    stems = {t.stem for t in s}
    if c[0].stem in {t.stem for t in s if t.cap} or c[0].stem not in stems:
        t = c[0]
        return (Token(t.raw, t.word, t.stem, t.pos, t.clause, t.sent, True, t.content), *c[1:])
    return c


def lemma(word: str) -> str:
    """Irregular verbs to their base, then a loose stem ("began" -> "begin", "ending" -> "end")."""
    word = IRREGULAR.get(word, word)
    base = stem(word)
    for suffix in ("ing", "ed", "es", "s", "e"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 3:
            return base[: -len(suffix)]
    return base


def token_lemma(t: Token) -> str:
    return lemma(t.word)


def _pairs(text: str) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for pair in text.split():
        a, b = (lemma(w) for w in pair.split(":"))
        table.setdefault(a, set()).add(b)
        table.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in table.items()}


ANTONYMS = _pairs(_ANTONYM_PAIRS)
CHANGE_WORDS = frozenset(lemma(w) for w in _CHANGE_WORDS.split())
