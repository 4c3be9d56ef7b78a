"""Who did what to whom, and who said it: names that trade places, doers and speakers replaced."""

from __future__ import annotations

from itertools import pairwise

from rag.answering.support.words import (
    BE,
    IRREGULAR,
    MONTHS,
    SKIP_PIVOTS,
    SPEECH,
    Token,
    has_digit,
    token_lemma,
)
from rag.retrieval.lexical import STOPWORDS, stem

# -- speakers -------------------------------------------------------------------------------------------


def speakers(tokens: tuple[Token, ...]) -> list[tuple[str, set[str]]]:
    """For each attribution (``X said``, ``said X``, ``according to X``): the verb, and the speaker's stems."""
    found: list[tuple[str, set[str]]] = []
    for i, t in enumerate(tokens):
        if t.word in SPEECH and not t.cap:
            before = _run(tokens, i, -1)
            if not any(u.content for u in before):  # "X, who did Y, said": the sentence's first clause
                first = [u for u in tokens if u.sent == t.sent]
                before = [u for u in first if u.clause == first[0].clause and u.pos < i] if first else []
            after = _run(tokens, i, +1)
            if not (after and after[0].entity) or any(u.entity for u in before):
                after = []  # "said Blinken" names the speaker after the verb; "claiming movement" does not
            names = {u.stem for u in before + after if u.content}
            if names:
                found.append((token_lemma(t), names))
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
        if tokens[j].word in SPEECH or tokens[j].word in ("that", "to"):
            break
        out.append(tokens[j])
        j += step
    return out


def attributions(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
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


def sides_of(tokens: tuple[Token, ...], pivot: int) -> dict[int, int]:
    """For each token of the pivot's clause, -1 when it is on the doer's side, +1 on the receiver's.

    ``Y was X-ed by Z`` is read as ``Z X-ed Y``.
    """
    p = tokens[pivot]
    clause = [t for t in tokens if t.clause == p.clause]
    is_passive = any(t.word in BE for t in tokens[max(0, pivot - 3) : pivot])
    by = next((t.pos for t in tokens[pivot + 1 : pivot + 4] if t.word == "by" and t.clause == p.clause), None)
    sides = {}
    for t in clause:
        if t.pos == pivot:
            continue
        side = -1 if t.pos < pivot else 1
        if is_passive and by is not None:
            side = -1 if t.pos > by else 1
        sides[t.pos] = side
    return sides


def pivots(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """Two names that trade sides of a shared word: the doer became the receiver and back."""
    claim_counts: dict[str, int] = {}
    for t in c:
        claim_counts[t.stem] = claim_counts.get(t.stem, 0) + 1
    span_caps = {t.stem for t in s if t.entity}
    span_stems = {t.stem for t in s}
    entities = [t for t in c if t.entity and t.stem in span_caps and claim_counts[t.stem] == 1]
    for p in c:
        if not p.content or p.cap or p.word in SKIP_PIVOTS or has_digit(p.word) or claim_counts[p.stem] != 1:
            continue
        span_pivots = [u for u in s if u.stem == p.stem]
        if not span_pivots:
            continue
        c_sides = sides_of(c, p.pos)
        flipped: dict[int, Token] = {}
        # the parties may be common nouns too: "the company accused the residents" cited from
        # "residents ... accused the company"
        # (not around a passive without "by": "patients were enrolled in the trial" reads as "the
        # trial enrolled patients", which word order alone cannot tell)
        heads = [h for h in (_head(c, p.pos, -1), _head(c, p.pos, +1)) if h is not None]
        heads = [h for h in heads if not h.entity and h.stem in span_stems and claim_counts[h.stem] == 1]
        if passive(c, p.pos) or any(passive(s, u.pos) for u in span_pivots):
            heads = []
        for e in entities + heads:
            if e.pos not in c_sides or abs(e.pos - p.pos) > 10:
                continue
            seen = []
            for sp in span_pivots:
                s_sides = sides_of(s, sp.pos)
                seen += [s_sides[u.pos] for u in s if u.stem == e.stem and u.pos in s_sides]
            if seen and c_sides[e.pos] not in seen:
                flipped.setdefault(c_sides[e.pos], e)
        if len(flipped) == 2:
            a, b = flipped[-1], flipped[1]
            return f"roles: '{a.raw}' and '{b.raw}' trade places around '{p.raw}' compared with the cited sentence"
    return None


def _head(tokens: tuple[Token, ...], i: int, step: int) -> Token | None:
    """The content word nearest ``tokens[i]`` in its clause, in direction ``step`` (skipping stop
    words and "-ly" adverbs): the doer or the receiver of the verb ``tokens[i]``, when it is a noun."""
    j = i + step
    while 0 <= j < len(tokens) and tokens[j].clause == tokens[i].clause:
        t = tokens[j]
        if t.content and not t.word.endswith("ly"):
            return None if has_digit(t.word) or _verbish(tokens, j) else t
        j += step
    return None


def names_check(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    span_stems = {t.stem for t in s} | {stem(p) for t in s for p in t.word.split("-")}
    for t in c:
        if t.entity and t.stem not in span_stems:
            return f"name: the claim names '{t.raw}', the cited sentence does not"
    return None


def modifiers(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """ "A's foreign minister" where the span gives that minister to B (also named in the claim)."""
    names = {t.stem for t in c if t.entity}
    for a, b in pairwise(c):
        if a.clause != b.clause or not (a.content and b.content) or not a.entity or b.word in MONTHS:
            continue
        before_b = [s[u.pos - 1] for u in s if u.stem == b.stem and u.pos > 0]
        if not before_b or any(x.stem == a.stem for x in before_b) or not b.content:
            continue
        others = {x.stem for x in before_b if x.entity and x.stem in names and x.stem != a.stem}
        if others:
            return f"roles: the cited sentence gives '{b.raw}' to '{next(iter(sorted(others)))}', not '{a.raw}'"
    return None


def _between(tokens: tuple[Token, ...], i: int, j: int) -> list[str]:
    """The words strictly between two positions, names left out."""
    return [t.stem for t in tokens[i + 1 : j] if not t.entity]


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    """``small`` inside ``big`` in order; only exactly when ``small`` holds no content word."""
    if not any(w not in STOPWORDS for w in small):
        return small == big
    it = iter(big)
    return all(w in it for w in small)


def swaps(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
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


def passive(tokens: tuple[Token, ...], i: int) -> bool:
    return any(t.word in BE for t in tokens[max(0, i - 3) : i])


def _verbish(tokens: tuple[Token, ...], i: int) -> bool:
    """A word that reads as a verb: "-ed", an irregular past, or after a modal or "to"."""
    t = tokens[i]
    if t.cap or not t.content or t.word in SKIP_PIVOTS:
        return False
    if (t.word.endswith("ed") and len(t.word) > 4) or (t.word in IRREGULAR and t.word not in BE):
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

    Passive voice is read as active (``sides_of``). In "X, who proposed it" the doer is X.
    """
    p = tokens[pivot]
    if passive(tokens, pivot):
        return set(), set()  # "which has been approved": who did it is not said here
    around = sides_of(tokens, pivot)
    doers = {tokens[q].stem for q, side in around.items() if side < 0 and tokens[q].entity}
    receivers = {tokens[q].stem for q, side in around.items() if side > 0 and tokens[q].entity}
    clause = [t for t in tokens if t.clause == p.clause]
    if not doers and clause and clause[0].word in ("who", "which"):
        doers = {t.stem for t in tokens if t.clause == p.clause - 1 and t.entity}
    return doers, receivers


def _common_doer(tokens: tuple[Token, ...], pivot: int, name: str) -> bool:
    """The verb ``tokens[pivot]`` (active) has a common noun right before it as its doer ("a request
    *the board* turned down"), and ``name`` is not among the few words before it in its clause: the
    span has someone other than ``name`` doing it."""
    after = tokens[pivot + 1 : pivot + 3]
    if passive(tokens, pivot) or any(t.word == "by" for t in after):  # "a drug made by X": X made it
        return False
    before = [t for t in tokens[max(0, pivot - DOER_WINDOW) : pivot] if t.clause == tokens[pivot].clause]
    if any(t.stem == name for t in before):
        return False
    near = next((t for t in reversed(before) if t.content and not t.word.endswith("ly")), None)
    return near is not None and not near.entity and not _verbish(tokens, near.pos)


DOER_WINDOW = 4  # "the harbour board turned down": words before a verb that may hold its doer


def _claim_parties(c: tuple[Token, ...], i: int) -> list[tuple[Token | None, bool]]:
    """(name, is the doer) right next to the verb ``c[i]``; for "was X-ed by N", N is the doer."""
    if not passive(c, i):
        return [(_next_to(c, i, -1), True), (_next_to(c, i, +1), False)]
    by = next((k for k in range(i + 1, min(i + 4, len(c))) if c[k].word == "by" and c[k].clause == c[i].clause), None)
    return [(_next_to(c, by, +1), True)] if by is not None else []


def actors(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """A name doing what the span says someone else did ("Reyhill rejected" cited for "Salvesen rejected")."""
    span_names = {t.stem for t in s if t.entity}
    for i, p in enumerate(c):
        if not _verbish(c, i):
            continue
        span_pivots = [u.pos for u in s if token_lemma(u) == token_lemma(p)]
        if not span_pivots:
            continue
        for e, doer in _claim_parties(c, i):
            if e is None or e.stem not in span_names:
                continue
            verdicts = []
            for sp in span_pivots:
                doers, receivers = _parties(s, sp)
                if doer:
                    other = bool(doers) or _common_doer(s, sp, e.stem)
                    verdicts.append(other and e.stem not in doers)
                else:
                    verdicts.append(e.stem in doers and e.stem not in receivers)
            if all(verdicts):
                role = "does" if doer else "receives"
                return f"roles: in the cited sentence '{e.raw}' is not the one who {role} '{p.raw}'"
    return None


# -- roles given by a copula ----------------------------------------------------------------------------

ROLE_WINDOW = 4  # in the span, the holder of a role is named within this many words of it


def copula_roles(claim: tuple[Token, ...], span: tuple[Token, ...]) -> str | None:
    """ "The outfall is the chair of the cooperative" cited from "Its chair, Dalia Munteanu, said
    the outfall would ...": the span gives the role to someone else. For a claim ``A is the R (of
    B)``, some content word of A must stand within :data:`ROLE_WINDOW` words of R in the span."""
    for i, t in enumerate(claim):
        if t.word not in BE or i == 0 or i + 2 >= len(claim):
            continue
        k = i + 2  # "is the R": a determiner before the role noun ("has been approved" is no role)
        if claim[i + 1].word not in ("the", "a", "an", "its", "their", "his", "her"):
            continue
        subject = {u.stem for u in claim[:i] if u.content and u.clause == t.clause}
        if subject and not any(u.stem in subject or any(u.stem.startswith(x) for x in subject) for u in span):
            # "The union is the branch secretary of X" from "Jo Smith, the branch secretary of X, said":
            # whatever the span describes, it does not describe the claim's subject
            return f"subject absent: the span does not speak of {' '.join(u.raw for u in claim[:i])}"
        if k >= len(claim) or not claim[k].content or claim[k].cap:
            continue
        role = claim[k].stem
        if k + 1 < len(claim) and claim[k + 1].content and not claim[k + 1].cap:
            continue  # "is the main reason": a noun phrase, not a role noun alone
        at = [j for j, u in enumerate(span) if u.stem == role or (len(role) >= 4 and u.stem.startswith(role))]
        if not subject or not at or not subject & {u.stem for u in span}:
            continue
        near = {u.stem for j in at for u in span[max(0, j - ROLE_WINDOW) : j + ROLE_WINDOW + 1]}
        if not subject & near:
            return f"role changed: the span does not make {' '.join(u.raw for u in claim[:i])} its {claim[k].raw}"
    return None
