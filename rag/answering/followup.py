"""Follow-up questions: detect them cheaply, rewrite them with the history.

A self-contained question costs no model call. A follow-up is rewritten by the LLM; a rewrite
that looks wrong (empty, rambling, or sharing nothing with the conversation) is replaced by a
deterministic one that carries the previous question along, so retrieval still finds the topic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rag.answer import Turn
from rag.retrieval.lexical import question_terms, words

_REFERRING = frozenset(
    "he she him her his hers they them their theirs it its that this those these there then "
    "next else also more other another same former latter".split()
)
_OPENING = re.compile(r"^\s*(?:and|but|so|what about|how about|why|when|where)\b", re.IGNORECASE)


def is_followup(question: str, history: Sequence[Turn]) -> bool:
    if not history:
        return False
    tokens = words(question)
    if any(t in _REFERRING for t in tokens):
        return True
    # very short questions ("and Azerbaijan?", "when?") lean on the context
    return len(question_terms(question)) <= 1 or (bool(_OPENING.match(question)) and len(tokens) <= 4)


def fallback_rewrite(question: str, history: Sequence[Turn]) -> str:
    """Deterministic rewrite: the question with the previous question as context."""
    return f"{question.strip()} (context: {history[-1].question.strip()})"


def accept_rewrite(rewrite: str, question: str, history: Sequence[Turn]) -> str | None:
    """The cleaned rewrite, or ``None`` when it is not a usable standalone question."""
    text = rewrite.strip().strip('"').splitlines()[0].strip() if rewrite.strip() else ""
    text = re.sub(r"^(?:rewritten question|question)\s*:\s*", "", text, flags=re.IGNORECASE)
    if not text or not text.endswith("?") or len(text) > 2 * len(question) + 80:
        return None  # not a question, or the model rambled on
    new_terms = set(question_terms(text))
    context_terms = set(question_terms(" ".join(t.question + " " + t.answer for t in history[-2:])))
    own_terms = set(question_terms(question))
    if not new_terms & context_terms:
        return None
    if own_terms and not own_terms & new_terms:
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


def standalone_question(
    question: str, history: Sequence[Turn], rewrite: Callable[[str, Sequence[Turn]], str] | None
) -> Rewrite:
    """How to search for ``question`` given the conversation so far."""
    if not is_followup(question, history):
        return Rewrite(question, question, "none")
    if rewrite is not None:
        accepted = accept_rewrite(rewrite(question, history), question, history)
        if accepted:
            return Rewrite(accepted, accepted, "llm")
    combined = fallback_rewrite(question, history)
    # "what did he say at the closing session?" carries its own topic; "when was that?" does not
    focus = question if len(set(question_terms(question))) >= 2 else combined
    return Rewrite(combined, focus, "fallback")
