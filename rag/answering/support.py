"""Does a claim *mean* what its span says? A deterministic check of meaning changes.

The lexical support check (``Evidence.support``) finds a span that holds a claim's words. This
module then looks for the ways a sentence can reuse those words and still say something else:

- **numbers and dates**: a number, number word or month-day pair that the span does not hold;
- **negation**: a word negated in the claim but not in the span, or the other way round
  ("did not end" cited for "ended"); "failed to", "ceased to", "without" count as negations;
- **antonyms and inverting verbs**: a word whose opposite the span uses ("increase" for
  "reduce"), or a change verb ("strengthened", "weakened") the span does not use at all;
- **roles**: a named entity on the other side of a verb than in the span (who did what to whom),
  with passive voice (``was X-ed by``) read as its active form; a name's modifier given to
  another name of the claim ("A's foreign minister" where the span says "B's foreign minister");
- **speakers**: a quote attributed (``said``, ``stated``, ``according to``…) to someone the span
  does not attribute it to.

It knows only generic English: function words, a small antonym lexicon and capitalisation. It
does not know any article's names. It cannot catch every paraphrase that changes meaning
(unlisted antonyms, changed modality, wrong relations between common nouns); see the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rag.retrieval.lexical import STOPWORDS, fold, stem

_TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*|[,;:()—–]|[.!?](?=[\s\"'“”’]|$)")
_BOUNDARY_WORDS = frozenset("but although though however whereas while because yet so".split())

NEGATORS = frozenset(
    "not no never neither nor none nothing nobody nowhere without cannot lack lacks lacked lacking "
    "fail fails failed failing cease ceases ceased ceasing stop stops stopped stopping refuse refuses "
    "refused refusing unable".split()
)
NEGATION_REACH = 3  # content words after a negator that it negates ("did not end with a signed agreement")

_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen dozens half twice once thrice first second third fourth fifth "
    "sixth seventh eighth ninth tenth double triple single".split()
)
_SCALES = frozenset("hundred thousand million billion trillion dozen dozens".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())

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
_SPEECH = frozenset(
    "say says said saying stated stating declare declares declared declaring tell tells told telling "
    "added adding noted noting commented announced announcing claimed claiming argued insisted warned "
    "explained wrote reported".split()
)
_BE = frozenset("is are was were be been being am".split())
# Lower-case words that still refer to a named thing's parts; not pivots of a relation.
_SKIP_PIVOTS = _SPEECH | NEGATORS | _MONTHS


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
        return self.cap and self.content and self.word not in _MONTHS and not _has_digit(self.word)


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Word tokens with clause numbers (commas, semicolons, quotes and "but"/"although" split clauses)."""
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


def _as_name(tokens: tuple[Token, ...], names: set[str] | frozenset[str]) -> tuple[Token, ...]:
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


def _first_word(c: tuple[Token, ...], s: tuple[Token, ...]) -> tuple[Token, ...]:
    """A claim's capitalised first word is a name when the span writes it capitalised, or lacks it."""
    if not c or c[0].cap or not c[0].content or not c[0].raw[:1].isupper():
        return c
    stems = {t.stem for t in s}
    if c[0].stem in {t.stem for t in s if t.cap} or c[0].stem not in stems:
        t = c[0]
        return (Token(t.raw, t.word, t.stem, t.pos, t.clause, t.sent, True, t.content), *c[1:])
    return c


_IRREGULAR = {
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


def lemma(word: str) -> str:
    """Irregular verbs to their base, then a loose stem ("began" -> "begin", "ending" -> "end")."""
    word = _IRREGULAR.get(word, word)
    base = stem(word)
    for suffix in ("ing", "ed", "es", "s", "e"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 3:
            return base[: -len(suffix)]
    return base


def _lemma(t: Token) -> str:
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


def conflict(claim: str, span: str, names: frozenset[str] = frozenset()) -> str | None:
    """Why ``claim`` says something ``span`` does not (one line), or None when no change is found.

    ``names`` are the stems the whole document writes capitalised mid-sentence, so that a name
    opening a sentence is still known as one.
    """
    c, s = tokenize(claim), tokenize(span)
    names = names | {t.stem for t in c + s if t.cap}
    c, s = _as_name(c, names), _as_name(s, names)
    c = _first_word(c, s)
    for check in (_numbers, _names, _negation, _antonyms, _substitution, _speakers, _roles, _doers, _swaps, _modifiers):
        reason = check(c, s)
        if reason:
            return reason
    return None


# -- numbers and dates ----------------------------------------------------------------------------


def _numbers(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    span_words = {t.word for t in s} | {p for t in s for p in t.word.split("-")}
    for t in c:
        parts = [t.word, *t.word.split("-")] if "-" in t.word else [t.word]
        for p in parts:
            if (_has_digit(p) or p in _NUMBER_WORDS) and p not in span_words:
                return f"number: the claim says '{p}', the cited sentence does not"
    counted = _counted(s)
    for i, t in enumerate(c):
        if t.word in _NUMBER_WORDS and t.word not in _SCALES and (t.word, _next_content(c, i)) not in counted:
            what = _next_content(c, i)
            if what and any(w == t.word for w, _ in counted):
                return f"number: the claim says '{t.word} {what}', the cited sentence does not"
    span_dates = {(a.word, b.word) for a, b in pairwise(s) if a.word in _MONTHS}
    for a, b in pairwise(c):
        if a.word in _MONTHS and a.cap and _has_digit(b.word) and (a.word, b.word) not in span_dates:
            return f"date: the claim says '{a.raw} {b.raw}', the cited sentence does not"
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
            if part in _NUMBER_WORDS:
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
        targets = [u for u in scope if u.content and not u.cap and not _is_negator(u)][:NEGATION_REACH]
        if not targets:  # "approved in Europe but not in the United States": the names are negated
            targets = [u for u in scope[: NEGATION_REACH + 2] if u.entity]
        for u in targets:
            flips[u.pos] = flips.get(u.pos, 0) + 1  # predicates are negated; names only when nothing else is
    return {p for p, n in flips.items() if n % 2}


def _is_negator(t: Token) -> bool:
    return t.word in NEGATORS or t.word.endswith("n't")


def _bare_negations(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """A negation with no content word to negate ("must not do the same") needs one after the same word."""
    span_slots = {s[i - 1].stem for i, u in enumerate(s) if i and _is_negator(u)}
    span_slots |= {u.stem for u in s if u.word.endswith("n't")}
    for i, t in enumerate(c):
        if not _is_negator(t) or (t.word == "not" and i + 1 < len(c) and c[i + 1].word == "only"):
            continue
        target = [u for u in c[i + 1 : i + 1 + NEGATION_REACH] if u.clause == t.clause and u.content and not u.cap]
        before = c[i - 1].stem if i else ""
        if not target and before not in span_slots and t.stem not in span_slots:
            return f"negation: the claim negates '{before} {t.raw}', the cited sentence does not"
    return None


def _negations_in_clause(tokens: tuple[Token, ...], t: Token) -> int:
    return sum(1 for u in tokens if u.clause == t.clause and _is_negator(u))


def negators(text: str) -> set[str]:
    """The negation words of ``text``."""
    return {t.word for t in tokenize(text) if _is_negator(t)}


def _any_negated(t: Token, s: tuple[Token, ...], s_neg: set[int]) -> bool:
    return any(u.stem == t.stem and u.pos in s_neg for u in s)


def _negation(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
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
        c_what = {_lemma(u) for u in c if u.clause == t.clause and u.pos in c_neg}
        # "was not published by the board" for "did not publish": both clauses negate "publish"
        # once, so a reordering that moved another word out of the negation's reach changes nothing
        if all(
            (u.pos in s_neg) != claim_negated
            and not (
                _negations_in_clause(s, u) == c_count
                and c_what & {_lemma(v) for v in s if v.clause == u.clause and v.pos in s_neg}
            )
            for u in in_span
        ):
            if claim_negated:
                return f"negation: the claim negates '{t.raw}', the cited sentence does not"
            return f"negation: the cited sentence negates '{t.raw}', the claim does not"
    return None


# -- antonyms and change words ------------------------------------------------------------------------


def _degree(word: str) -> str:
    """ "largest", "larger" -> the lemma of "large"."""
    for suffix in ("iest", "ier", "est", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + ("y" if suffix.startswith("i") else "")
            return lemma(base[:-1] if len(base) > 3 and base[-1] == base[-2] else base)
    return lemma(word)


def _antonyms(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    span_lemmas = {_lemma(t) for t in s} | {lemma(p) for t in s for p in t.word.split("-")}
    for t in c:
        if _lemma(t) in span_lemmas or t.stem in {u.stem for u in s}:
            continue
        opposite = (ANTONYMS.get(_lemma(t), frozenset()) | ANTONYMS.get(_degree(t.word), frozenset())) & (
            span_lemmas | {_degree(u.word) for u in s}
        )
        if opposite:
            word = next((u.raw for u in s if _lemma(u) in opposite), next(iter(opposite)))
            return f"antonym: the claim says '{t.raw}' where the cited sentence says '{word}'"
        if _lemma(t) in CHANGE_WORDS:
            return f"change: the claim says '{t.raw}', the cited sentence does not"
    return None


# -- speakers -------------------------------------------------------------------------------------------


def speakers(tokens: tuple[Token, ...]) -> list[tuple[str, set[str]]]:
    """For each attribution (``X said``, ``said X``, ``according to X``): the verb, and the speaker's stems."""
    found: list[tuple[str, set[str]]] = []
    for i, t in enumerate(tokens):
        if t.word in _SPEECH and not t.cap:
            before = _run(tokens, i, -1)
            if not any(u.content for u in before):  # "X, who did Y, said": the sentence's first clause
                first = [u for u in tokens if u.sent == t.sent]
                before = [u for u in first if u.clause == first[0].clause and u.pos < i] if first else []
            after = _run(tokens, i, +1)
            if not (after and after[0].entity) or any(u.entity for u in before):
                after = []  # "said Blinken" names the speaker after the verb; "claiming movement" does not
            names = {u.stem for u in before + after if u.content}
            if names:
                found.append((_lemma(t), names))
        elif t.word == "according" and i + 1 < len(tokens) and tokens[i + 1].word == "to":
            names = {u.stem for u in _run(tokens, i + 1, +1) if u.content}
            if names:
                found.append(("according", names))
    return found


def _run(tokens: tuple[Token, ...], i: int, step: int, limit: int = 5) -> list[Token]:
    """Up to ``limit`` tokens next to ``tokens[i]`` in its clause, in direction ``step``."""
    out: list[Token] = []
    j = i + step
    while 0 <= j < len(tokens) and len(out) < limit and tokens[j].clause == tokens[i].clause:
        if tokens[j].word in _SPEECH or tokens[j].word in ("that", "to"):
            break
        out.append(tokens[j])
        j += step
    return out


def _speakers(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    span_speakers = speakers(s)
    if not span_speakers:
        return None
    for verb, names in speakers(c):
        same_verb = [n for v, n in span_speakers if v == verb]
        span_names = set().union(*(same_verb or [n for _, n in span_speakers]))
        named = {t.stem for t in c if t.entity and t.stem in names}
        if named and not named & span_names:
            return f"speaker: the claim attributes this to '{' '.join(sorted(named))}', the cited sentence does not"
    return None


# -- roles (who did what to whom) ----------------------------------------------------------------------


def _sides(tokens: tuple[Token, ...], pivot: int) -> dict[int, int]:
    """For each token of the pivot's clause, -1 when it is on the doer's side, +1 on the receiver's.

    ``Y was X-ed by Z`` is read as ``Z X-ed Y``.
    """
    p = tokens[pivot]
    clause = [t for t in tokens if t.clause == p.clause]
    passive = any(t.word in _BE for t in tokens[max(0, pivot - 3) : pivot])
    by = next((t.pos for t in tokens[pivot + 1 : pivot + 4] if t.word == "by" and t.clause == p.clause), None)
    sides = {}
    for t in clause:
        if t.pos == pivot:
            continue
        side = -1 if t.pos < pivot else 1
        if passive and by is not None:
            side = -1 if t.pos > by else 1
        sides[t.pos] = side
    return sides


def _roles(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """Two names that trade sides of a shared word: the doer became the receiver and back."""
    claim_counts: dict[str, int] = {}
    for t in c:
        claim_counts[t.stem] = claim_counts.get(t.stem, 0) + 1
    span_caps = {t.stem for t in s if t.entity}
    entities = [t for t in c if t.entity and t.stem in span_caps and claim_counts[t.stem] == 1]
    for p in c:
        if not p.content or p.cap or p.word in _SKIP_PIVOTS or _has_digit(p.word) or claim_counts[p.stem] != 1:
            continue
        span_pivots = [u for u in s if u.stem == p.stem]
        if not span_pivots:
            continue
        c_sides = _sides(c, p.pos)
        flipped: dict[int, Token] = {}
        for e in entities:
            if e.pos not in c_sides or abs(e.pos - p.pos) > 10:
                continue
            seen = []
            for sp in span_pivots:
                s_sides = _sides(s, sp.pos)
                seen += [s_sides[u.pos] for u in s if u.stem == e.stem and u.pos in s_sides]
            if seen and c_sides[e.pos] not in seen:
                flipped.setdefault(c_sides[e.pos], e)
        if len(flipped) == 2:
            a, b = flipped[-1], flipped[1]
            return f"roles: '{a.raw}' and '{b.raw}' trade places around '{p.raw}' compared with the cited sentence"
    return None


def _names(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    span_stems = {t.stem for t in s} | {stem(p) for t in s for p in t.word.split("-")}
    for t in c:
        if t.entity and t.stem not in span_stems:
            return f"name: the claim names '{t.raw}', the cited sentence does not"
    return None


def _modifiers(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """ "A's foreign minister" where the span gives that minister to B (also named in the claim)."""
    names = {t.stem for t in c if t.entity}
    for a, b in pairwise(c):
        if a.clause != b.clause or not (a.content and b.content) or not a.entity or b.word in _MONTHS:
            continue
        before_b = [s[u.pos - 1] for u in s if u.stem == b.stem and u.pos > 0]
        if not before_b or any(x.stem == a.stem for x in before_b) or not b.content:
            continue
        others = {x.stem for x in before_b if x.entity and x.stem in names and x.stem != a.stem}
        if others:
            return f"roles: the cited sentence gives '{b.raw}' to '{next(iter(sorted(others)))}', not '{a.raw}'"
    return None


# -- substitutions and swaps ------------------------------------------------------------------------


def _substitution(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """One word swapped for another between the same neighbours ("a durable deal" -> "a fragile deal").

    A claim that copies its span but changes one word says something else, unless both words are
    attributions ("stated" / "said"). A number counts even when the span holds it elsewhere
    ("fell 15 percent" where the span says "fell 22 percent" and "cut by 15 percent").
    """
    cc = [t for t in c if t.content]
    sc = [t for t in s if t.content]
    span_lemmas = {_lemma(t) for t in s}
    for i, t in enumerate(cc):
        digit = _has_digit(t.word)
        if t.cap or (not digit and _lemma(t) in span_lemmas):
            continue
        same_slot = False
        other: Token | None = None
        for j, u in enumerate(sc):
            if not _same_neighbours(cc, i, sc, j):
                continue
            if _lemma(u) == _lemma(t):
                same_slot = True
            elif not u.cap and not (t.word in _SPEECH and u.word in _SPEECH) and _has_digit(u.word) == digit:
                other = other or u
        if other is not None and not same_slot:
            return f"changed word: the claim says '{t.raw}' where the cited sentence says '{other.raw}'"
    return None


def _same_neighbours(cc: list[Token], i: int, sc: list[Token], j: int) -> bool:
    """Content words around ``cc[i]`` and ``sc[j]`` agree: both sides, or one side at a clause's edge."""

    def stem_at(seq: list[Token], k: int, ref: Token) -> str | None:
        return seq[k].stem if 0 <= k < len(seq) and seq[k].clause == ref.clause else None

    left = stem_at(cc, i - 1, cc[i]), stem_at(sc, j - 1, sc[j])
    right = stem_at(cc, i + 1, cc[i]), stem_at(sc, j + 1, sc[j])
    left_ok = left[0] is not None and left[0] == left[1]
    right_ok = right[0] is not None and right[0] == right[1]
    if left_ok and right_ok:
        return True
    edge_right = right[0] is None and right[1] is None  # both end their clause
    edge_left = left[0] is None and left[1] is None  # both open their clause
    return (left_ok and edge_right) or (right_ok and edge_left)


def _between(tokens: tuple[Token, ...], i: int, j: int) -> list[str]:
    """The words strictly between two positions, names left out."""
    return [t.stem for t in tokens[i + 1 : j] if not t.entity]


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    """``small`` inside ``big`` in order; only exactly when ``small`` holds no content word."""
    if not any(w not in STOPWORDS for w in small):
        return small == big
    it = iter(big)
    return all(w in it for w in small)


def _swaps(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """ "A <words> B" where the span says "B <the same words> A": two names traded places."""
    ents = [t for t in c if t.entity]
    for x, a in enumerate(ents):
        for b in ents[x + 1 :]:
            if a.stem == b.stem:
                continue
            middle = _between(c, a.pos, b.pos)
            if all(w in ("and", "or", "nor") for w in middle):
                continue  # "A and B" reads the same as "B and A"
            a_pos = [u.pos for u in s if u.stem == a.stem]
            b_pos = [u.pos for u in s if u.stem == b.stem]
            same = any(p < q and _is_subsequence(middle, _between(s, p, q)) for p in a_pos for q in b_pos)
            swapped = any(
                q < p and _is_subsequence(middle, _between(s, q, p)) and ("by" in middle) == ("by" in _between(s, q, p))
                for p in a_pos
                for q in b_pos
            )  # "A was X-ed by B" for "B X-ed A" is the same fact
            if swapped and not same:
                return f"roles: '{a.raw}' and '{b.raw}' trade places compared with the cited sentence"
    return None


_AUXILIARIES = frozenset("will would could can should may might must to did does do not also".split())


def _passive(tokens: tuple[Token, ...], i: int) -> bool:
    return any(t.word in _BE for t in tokens[max(0, i - 3) : i])


def _verbish(tokens: tuple[Token, ...], i: int) -> bool:
    """A word that reads as a verb: "-ed", an irregular past, or after a modal or "to"."""
    t = tokens[i]
    if t.cap or not t.content or t.word in _SKIP_PIVOTS:
        return False
    if (t.word.endswith("ed") and len(t.word) > 4) or (t.word in _IRREGULAR and t.word not in _BE):
        return True
    return i > 0 and tokens[i - 1].word in _AUXILIARIES


def _next_to(tokens: tuple[Token, ...], i: int, step: int) -> Token | None:
    """The name right next to ``tokens[i]`` in its clause, skipping only stop words and "-ly" adverbs."""
    j = i + step
    while 0 <= j < len(tokens) and tokens[j].clause == tokens[i].clause:
        t = tokens[j]
        if t.entity:
            return t
        if t.content and not t.word.endswith("ly"):
            return None
        j += step
    return None


def _parties(tokens: tuple[Token, ...], pivot: int) -> tuple[set[str], set[str]]:
    """Names on the doer's and the receiver's side of the verb ``tokens[pivot]``, in its clause.

    Passive voice is read as active (``_sides``). In "X, who proposed it" the doer is X.
    """
    p = tokens[pivot]
    if _passive(tokens, pivot):
        return set(), set()  # "which has been approved": who did it is not said here
    sides = _sides(tokens, pivot)
    doers = {tokens[q].stem for q, side in sides.items() if side < 0 and tokens[q].entity}
    receivers = {tokens[q].stem for q, side in sides.items() if side > 0 and tokens[q].entity}
    clause = [t for t in tokens if t.clause == p.clause]
    if not doers and clause and clause[0].word in ("who", "which"):
        doers = {t.stem for t in tokens if t.clause == p.clause - 1 and t.entity}
    return doers, receivers


def _claim_parties(c: tuple[Token, ...], i: int) -> list[tuple[Token | None, bool]]:
    """(name, is the doer) right next to the verb ``c[i]``; for "was X-ed by N", N is the doer."""
    if not _passive(c, i):
        return [(_next_to(c, i, -1), True), (_next_to(c, i, +1), False)]
    by = next((k for k in range(i + 1, min(i + 4, len(c))) if c[k].word == "by" and c[k].clause == c[i].clause), None)
    return [(_next_to(c, by, +1), True)] if by is not None else []


def _doers(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """A name doing what the span says someone else did ("Reyhill rejected" cited for "Salvesen rejected")."""
    span_names = {t.stem for t in s if t.entity}
    for i, p in enumerate(c):
        if not _verbish(c, i):
            continue
        span_pivots = [u.pos for u in s if _lemma(u) == _lemma(p)]
        if not span_pivots:
            continue
        for e, doer in _claim_parties(c, i):
            if e is None or e.stem not in span_names:
                continue
            verdicts = []
            for sp in span_pivots:
                doers, receivers = _parties(s, sp)
                if doer:
                    verdicts.append(bool(doers) and e.stem not in doers)
                else:
                    verdicts.append(e.stem in doers and e.stem not in receivers)
            if all(verdicts):
                role = "does" if doer else "receives"
                return f"roles: in the cited sentence '{e.raw}' is not the one who {role} '{p.raw}'"
    return None
