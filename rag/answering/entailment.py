"""The optional model check (``RAG_ANSWER__ENTAILMENT=llm``): does the cited sentence say the claim?

One short yes/no prompt per sentence that has already passed the deterministic checks, sent to
the configured LLM. It is meant for a capable model (OpenAI, vLLM, Ollama…): the embedded
135M model is a weak judge (see the README for what it scores). Anything but a clear "yes" drops
the sentence, so a judge that rambles or fails to answer can only make answers shorter, never
let a false sentence through.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_TOKENS = 3

SYSTEM = (
    "You check whether a text states a claim. Answer with one word: yes if the text says the claim is true, "
    "no if it says something else, contradicts it or does not say it."
)

_FIRST_WORD = re.compile(r"[A-Za-z]+")


def messages(claim: str, quote: str) -> list[tuple[str, str]]:
    """The judge's prompt as (role, content) pairs."""
    return [
        ("system", SYSTEM),
        ("user", f"Text: {quote}\nClaim: {claim}\nDoes the text state the claim? Answer yes or no."),
    ]


def verdict(reply: str) -> bool | None:
    """True for yes, False for no, None when the reply is neither."""
    match = _FIRST_WORD.search(reply)
    word = match.group().lower() if match else ""
    return True if word == "yes" else False if word == "no" else None


def reason(reply: str) -> str:
    """Empty when the judge said yes; otherwise why the sentence is dropped."""
    said = verdict(reply)
    if said:
        return ""
    if said is False:
        return "entailment: the model judged that the cited sentence does not say this"
    return f"entailment: the model gave no yes/no verdict ({reply.strip()[:40]!r})"


def judge(chat: Callable[[list[tuple[str, str]]], str]) -> Callable[[str, str], str]:
    """A ``(claim, quote) -> reason`` check from any ``chat(messages) -> reply`` function."""

    def check(claim: str, quote: str) -> str:
        return reason(chat(messages(claim, quote)))

    return check
