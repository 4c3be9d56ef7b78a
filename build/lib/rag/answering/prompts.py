"""Every prompt the engine sends, in one place."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answer import Passage, Turn
from rag.retrieval.lexical import clip

ANSWER_SYSTEM = (
    "You answer questions about one news article using only the numbered passages given. "
    "Write one to three short sentences. After each sentence put the number of the passage it "
    "comes from in brackets, like [1]. If the passages do not answer the question, reply exactly: "
    "The article does not say."
)

REWRITE_SYSTEM = (
    "Rewrite the user's last question so that it can be understood without the conversation. "
    "Replace pronouns with the names they refer to. Reply with the rewritten question only."
)


def answer_messages(question: str, passages: Sequence[Passage]) -> list[tuple[str, str]]:
    context = "\n\n".join(f"[{i}] {p.text}" for i, p in enumerate(passages, start=1))
    user = f"Passages:\n{context}\n\nQuestion: {question}\nAnswer with [n] citations:"
    return [("system", ANSWER_SYSTEM), ("user", user)]


def rewrite_messages(question: str, history: Sequence[Turn]) -> list[tuple[str, str]]:
    lines = []
    for turn in history[-2:]:
        lines.append(f"User: {turn.question}")
        lines.append(f"Assistant: {clip(turn.answer, 300)}")
    lines.append(f"User: {question}")
    return [("system", REWRITE_SYSTEM), ("user", "\n".join(lines) + "\nRewritten question:")]
