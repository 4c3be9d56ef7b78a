"""Answers as JSON: the ``rag ask --json`` object, built generically from ``Answer.to_dict()``.

So a field the engine adds to its answers reaches HTTP clients without a change here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from rag.answer import Answer, Citation

FOOTNOTES_HEAD = "\n\nSources:\n"
_FOOTNOTES = re.compile(re.escape(FOOTNOTES_HEAD) + r".*\Z", re.DOTALL)


def answer_object(answer: Answer) -> dict[str, Any]:
    """``question, answer, abstained, citations, passages, timings`` (as ``rag ask --json``), then
    the engine's other answer fields (``mode``, ``abstain_reason``, ...)."""
    data = answer.to_dict()
    text = data.pop("text")
    head = {
        "question": data.pop("question"),
        "answer": text,
        "abstained": data.pop("abstained"),
        "citations": data.pop("citations"),
        "passages": data.pop("passages"),
        "timings": data.pop("timings"),
    }
    return finite({**head, **data})


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float replaced by ``None`` (JSON has no such numbers)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def citation_dicts(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    return [asdict(c) for c in citations]


def footnotes(citations: Iterable[Citation]) -> str:
    """The quotes as text after the answer, for chat clients that ignore ``citations``."""
    lines = [f"[{c.n}] “{c.quote}” (characters {c.start}–{c.end})" for c in citations]
    return FOOTNOTES_HEAD + "\n".join(lines) if lines else ""


def without_footnotes(text: str) -> str:
    """An earlier answer sent back as history, without the footnotes this server appended."""
    return _FOOTNOTES.sub("", text)
