"""Follow-up questions: detect them cheaply, carry the conversation's referents deterministically.

A self-contained question costs no model call. A follow-up may be rewritten by the LLM; a rewrite
that looks wrong (empty, rambling, or sharing nothing with the conversation) is replaced by a
deterministic one that carries the conversation along: the last two questions and the names
used in the last two turns go into retrieval; an elliptical question ("Why?", "And at night?")
is ranked against them too; a question with a pronoun is ranked with the names it may stand for.
The sentences cited in earlier answers are carried into ranking by the engine (see
:func:`rag.engine.Engine.stream`); "the other one" ranks everything *but* them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rag.answer import Turn
from rag.answering.answer_type import defines_pronoun
from rag.retrieval.lexical import question_terms, words

_REFERRING = frozenset(
    "he she him her his hers they them their theirs it its that this those these there then "
    "next else also more other another same former latter one ones instead either both".split()
)
_OPENING = re.compile(r"^\s*(?:and|but|so|what about|how about|why|when|where)\b", re.IGNORECASE)
_CONTINUING = re.compile(r"^\s*(?:and|but|so|then)\b", re.IGNORECASE)
_WHY_NOT = re.compile(r"^\s*why not\b", re.IGNORECASE)  # "why not the union's figure?" answers the last turn
_PRONOUNS = frozenset("he she him her his hers they them their theirs it its".split())
# "what about the other one?", "who else?": not what was already cited
_CONTRAST = frozenset("other another else".split())
_ASKING = frozenset("which what any".split())
# the nouns of a follow-up ("and the brine?", "what happened to his proposal?"), not its verbs ("be built")
_NOUN_AFTER = re.compile(
    r"\b(?:the|a|an|his|her|its|their|this|that|these|those|at|of|about|on|in|for)\s+"
    r"((?:(?:first|second|third|fourth|last|other|new|old|next|same|whole|main)\s+)?[^\W\d_]+)",
    re.I,
)
_MARKERS = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")


# "how long did that take?": "that" is the subject there, and "take" a verb, not a noun it determines
_AUXILIARY = frozenset("did does do will would can could should is was are were has have had may might".split())


def _nouns_after(question: str) -> list[str]:
    """The nouns a follow-up names after a determiner or preposition ("and the brine?")."""
    out = []
    pos = 0
    while found := _NOUN_AFTER.search(question, pos):
        pos = found.start(1)  # "about those houses": "those" may open the next match
        before = words(question[: found.start()])
        pronoun = found.group(0).split()[0].lower() in {"that", "this", "these", "those"}
        if not (pronoun and before and before[-1] in _AUXILIARY):
            out.append(found.group(1))
    return out


# "which one is cheaper?", "which of them has more beds?": a choice between what the last answer named
_CHOOSES_BETWEEN = re.compile(
    r"^\s*(?:and\s+|so\s+)?which(?: one| of (?:them|the two|those|these))?\s+(?:is|was|were|are|has|had|would|will|"
    r"did|does|costs?)\b[^?]*?\b(?:cheaper|dearer|costlier|lower|higher|bigger|larger|smaller|longer|shorter|faster|"
    r"slower|more|less|fewer|better|worse|busier|quicker|older|newer)\b",
    re.I,
)


def chooses_between(question: str) -> bool:
    """A follow-up asks which of the things the last answer named is the cheaper, the larger ...:
    the sentence that gave both their figures answers it."""
    return bool(_CHOOSES_BETWEEN.match(question))


def is_followup(question: str, history: Sequence[Turn]) -> bool:
    if not history:
        return False
    tokens = words(question)
    if any(t in _REFERRING for t in tokens) or _WHY_NOT.match(question):
        return True
    # very short questions ("and Azerbaijan?", "when?") lean on the context, and so does one that
    # opens with a conjunction ("and what could happen to the building once the school leaves?")
    return (
        len(question_terms(question)) <= 1
        or bool(_CONTINUING.match(question))
        or (bool(_OPENING.match(question)) and len(tokens) <= 4)
    )


def fallback_rewrite(question: str, history: Sequence[Turn], names: Sequence[str] = ()) -> str:
    """Deterministic rewrite: the question with the last two questions (and the conversation's
    names) as context."""
    context = " ".join(t.question.strip() for t in reversed(history[-2:]))
    extra = f"; {', '.join(names)}" if names else ""
    return f"{question.strip()} (context: {context}{extra})"


def referents(history: Sequence[Turn], names_in: Callable[[str], set[str]]) -> list[str]:
    """Names the last two turns used (questions and answers), most recent first, as written."""
    out: list[str] = []
    for turn in reversed(history[-2:]):
        for text in (_MARKERS.sub("", turn.answer), turn.question):
            for token in re.findall(r"[^\W\d_][\w'’.-]*", text):
                clean = token.strip(".'’")
                if clean and clean not in out and names_in(clean):
                    out.append(clean)
    return out


# "who said that?", "who announced it?": the speaker of what the last answer quoted
_WHO_SAID_IT = re.compile(
    r"^\s*(?:and |but |so )?who (?:said|says|announced|added|told|stated|claimed|argued|warned|promised|wrote|"
    r"made|gave|proposed|suggested) (?:it|that|this|those|these|them)\b",
    re.IGNORECASE,
)


_FEMALE = frozenset("she her hers herself".split())
_MALE = frozenset("he him his himself".split())


def _agreeing(names: list[str], own: set[str], gender_of: Callable[[str], str | None] | None) -> list[str]:
    """``names`` without those the article marks as the other sex from the question's pronoun ("what
    did she say?" after an answer naming "Dr Jonas Smith" and "Ms Ada Vale": not Jonas Smith); those it
    marks as the pronoun's sex, if any, are the only ones ("what did he say?" after a quote naming the
    firm Brisk before "Tam Lind": Lind, whom the article calls "Mr Lind"; Brisk is nobody's he)."""
    if gender_of is None:
        return names
    sex = "f" if own & _FEMALE and not own & _MALE else "m" if own & _MALE and not own & _FEMALE else None
    if sex is None:
        return names
    marked = [n for n in names if gender_of(n) == sex]  # in their order: the most recent first
    return marked or [n for n in names if gender_of(n) is None]


def asks_speaker(question: str) -> bool:
    """ "Who said that?": the answer is whoever spoke the words the last answer quoted."""
    return bool(_WHO_SAID_IT.match(question))


def contrasts(question: str) -> bool:
    """ "the other one", "who else": the answer is not what the conversation already cited."""
    tokens = words(question)
    # "which other supermarket has she used?" asks for another thing the same sentence may name
    return any(t in _CONTRAST and not (k and tokens[k - 1] in _ASKING) for k, t in enumerate(tokens))


def accept_rewrite(rewrite: str, question: str, history: Sequence[Turn]) -> str | None:
    """The cleaned rewrite, or ``None`` when it is not a usable standalone question."""
    text = rewrite.strip().strip('"').splitlines()[0].strip() if rewrite.strip() else ""
    text = re.sub(r"^(?:rewritten question|question)\s*:\s*", "", text, flags=re.IGNORECASE)
    if not text or not text.endswith("?") or len(text) > 2 * len(question) + 80:
        return None  # not a question, or the model rambled on
    new_terms = set(question_terms(text))
    context_terms = set(question_terms(" ".join(t.question + " " + t.answer for t in history[-2:])))
    own_terms = set(question_terms(question))
    own = set(words(question))
    if not new_terms & context_terms:
        return None
    if own_terms and not own_terms & new_terms:
        return None
    # "when did they last write to the trust?" is not "when did the trust last write to the
    # trust?": a pronoun does not stand for a thing its own question names beside it
    if own & _PRONOUNS:
        own_count, new_count = Counter(question_terms(question)), Counter(question_terms(text))
        if any(new_count[t] > n for t, n in own_count.items()):
            return None
    return text


@dataclass(frozen=True)
class Rewrite:
    """``text`` is what retrieval searches for; ``focus`` what evidence is ranked against.

    ``method``: ``none`` (self-contained), ``llm`` (an accepted model rewrite: both are it), or
    ``fallback`` (the question plus the previous one for retrieval, the question alone as focus,
    so "what did he say at the closing session?" still looks for the closing session).
    """

    text: str
    focus: str
    method: Literal["none", "llm", "fallback"]
    exclude_cited: bool = False  # "the other one": rank what the conversation has not cited yet
    # "and the brine?", "what happened to his proposal?": the follow-up's own nouns, which its answer must hold
    required: frozenset[str] = frozenset()
    # names added to ``focus`` for a pronoun: a hint, not words its answer must repeat ("his proposal")
    carried: frozenset[str] = frozenset()
    # "and what did the analyst say?": the earlier questions' terms in ``focus`` are background, which
    # the follow-up's own nouns outweigh
    background: frozenset[str] = frozenset()


def standalone_question(
    question: str,
    history: Sequence[Turn],
    rewrite: Callable[[str, Sequence[Turn]], str] | None,
    names_in: Callable[[str], set[str]] | None = None,
    gender_of: Callable[[str], str | None] | None = None,
) -> Rewrite:
    """How to search for ``question`` given the conversation so far.

    ``names_in`` tells which words are names the article uses (the referents worth carrying);
    ``gender_of`` whether the article marks a name as a woman's or a man's ("f", "m"), so that
    "she" is not taken for a man named in the last answer.
    """
    if not is_followup(question, history):
        return Rewrite(question, question, "none")
    contrast = contrasts(question)
    own = set(words(question))
    names = [n for n in referents(history, names_in or (lambda _: set())) if n.lower() not in own]
    names = _agreeing(names, own, gender_of)[:4]
    if rewrite is not None:
        accepted = accept_rewrite(rewrite(question, history), question, history)
        if accepted and set(question_terms(accepted)) - set(question_terms(question)):
            return Rewrite(accepted, accepted, "llm", contrast)
        if accepted:  # "when did it open?" given back as it came: the pronoun still stands for a name
            short = bool(own & _PRONOUNS) and bool(names) and len(set(question_terms(question))) <= 1
            hint = names[:2] if short else []
            return Rewrite(accepted, " ".join([accepted, *hint]), "llm", contrast, carried=frozenset(hint))
    combined = fallback_rewrite(question, history, names)
    # "what did he say at the closing session?" carries its own topic; "when was that?" does not
    hint = []
    if len(set(question_terms(question))) >= 2:
        hint = names[:2] if own & _PRONOUNS else []
        focus = " ".join([question, *hint])
    else:
        focus = combined
        if own & _PRONOUNS and defines_pronoun(question):  # "what does she do?": whom she stands for
            hint = names[:2]
    required = frozenset(t for t in question_terms(" ".join(_nouns_after(question))) if t not in _REFERRING)
    earlier = " ".join(t.question for t in history[-2:])
    # ... unless a word of it points back ("how much will that cost?": the earlier question is what it means)
    pointing = own & (_PRONOUNS | {"that", "this", "these", "those"})
    background = (
        frozenset(question_terms(earlier)) - set(question_terms(question)) if required and not pointing else frozenset()
    )
    return Rewrite(combined, focus, "fallback", contrast, required, frozenset(hint), background)
