"""Antonyms, change verbs and one-word substitutions: the same sentence saying the opposite."""

from __future__ import annotations

from rag.answering.support.words import (
    ANTONYMS,
    CHANGE_WORDS,
    NEGATORS,
    SPEECH,
    Token,
    has_digit,
    lemma,
    token_lemma,
)

# -- antonyms and change words ------------------------------------------------------------------------


def _degree(word: str) -> str:
    """ "largest", "larger" -> the lemma of "large"."""
    for suffix in ("iest", "ier", "est", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + ("y" if suffix.startswith("i") else "")
            return lemma(base[:-1] if len(base) > 3 and base[-1] == base[-2] else base)
    return lemma(word)


def antonyms(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    span_lemmas = {token_lemma(t) for t in s} | {lemma(p) for t in s for p in t.word.split("-")}
    for t in c:
        if token_lemma(t) in span_lemmas or t.stem in {u.stem for u in s}:
            continue
        opposite = (ANTONYMS.get(token_lemma(t), frozenset()) | ANTONYMS.get(_degree(t.word), frozenset())) & (
            span_lemmas | {_degree(u.word) for u in s}
        )
        if opposite:
            word = next((u.raw for u in s if token_lemma(u) in opposite), next(iter(opposite)))
            return f"antonym: the claim says '{t.raw}' where the cited sentence says '{word}'"
        if token_lemma(t) in CHANGE_WORDS:
            return f"change: the claim says '{t.raw}', the cited sentence does not"
    return None


# -- substitutions and swaps ------------------------------------------------------------------------


def substitution(c: tuple[Token, ...], s: tuple[Token, ...]) -> str | None:
    """One word swapped for another between the same neighbours ("a durable deal" -> "a fragile deal").

    A claim that copies its span but changes one word says something else, unless both words are
    attributions ("stated" / "said"). A number counts even when the span holds it elsewhere
    ("fell 15 percent" where the span says "fell 22 percent" and "cut by 15 percent").
    """
    cc = [t for t in c if t.content]
    sc = [t for t in s if t.content]
    span_lemmas = {token_lemma(t) for t in s}
    for i, t in enumerate(cc):
        digit = has_digit(t.word)
        if t.cap or (not digit and token_lemma(t) in span_lemmas):
            continue
        same_slot = False
        other: Token | None = None
        for j, u in enumerate(sc):
            if not _same_neighbours(cc, i, sc, j):
                continue
            if token_lemma(u) == token_lemma(t):
                same_slot = True
            elif not u.cap and not _same_class(t, u) and has_digit(u.word) == digit:
                other = other or u
        if other is not None and not same_slot:
            return f"changed word: the claim says '{t.raw}' where the cited sentence says '{other.raw}'"
    return None


def _same_class(a: Token, b: Token) -> bool:
    """Two attributions ("stated" / "said") or two negations ("stopped" / "ceased") are no change."""
    return (a.word in SPEECH and b.word in SPEECH) or (a.word in NEGATORS and b.word in NEGATORS)


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
