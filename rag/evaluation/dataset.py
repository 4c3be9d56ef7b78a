"""The gold set: questions with evidence stored as quotes, resolved to spans at run time.

Because evidence is text, not chunk ids, the set survives re-chunking and model swaps. Format
(one JSON object per line; see README "Evaluation"):

- ``answerable``: question, reference, key_facts (list of alternatives lists), evidence (quotes)
- ``unanswerable``: question, reference (key_facts and evidence empty)
- ``adversarial``: + attack (false_premise | injection | prompt_leak), must_not_contain
- ``conversation``: turns, each like an answerable record
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import RagError
from core.settings import PROJECT_ROOT

DEFAULT_DATASET = PROJECT_ROOT / "eval" / "gold.jsonl"
KINDS = ("answerable", "unanswerable", "adversarial", "conversation")


class DatasetError(RagError):
    """The gold set is malformed or quotes text the article does not contain."""


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    question: str
    reference: str = ""
    key_facts: list[list[str]] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    attack: str = ""
    must_not_contain: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: list[Item]


@dataclass(frozen=True)
class GoldSet:
    items: list[Item]
    conversations: list[Conversation]

    def of_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]


def load_gold(path: Path, article_text: str) -> GoldSet:
    """Parse ``path`` and resolve every evidence quote to its span in ``article_text``.

    Fails loudly (:class:`DatasetError`) on a quote the article does not contain.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DatasetError(f"cannot read dataset {path}: {exc.strerror}") from None
    items: list[Item] = []
    conversations: list[Conversation] = []
    errors: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            kind = record["kind"]
            if kind not in KINDS:
                raise ValueError(f"kind must be one of {', '.join(KINDS)}")
            if kind == "conversation":
                turns = [
                    _item(f"{record['id']}.{k}", "answerable", t, article_text)
                    for k, t in enumerate(record["turns"], 1)
                ]
                conversations.append(Conversation(record["id"], turns))
            else:
                items.append(_item(record["id"], kind, record, article_text))
        except (KeyError, ValueError, TypeError) as exc:
            errors.append(f"line {number}: {exc}")
    if errors:
        raise DatasetError(f"{path}: " + "; ".join(errors[:5]) + (" …" if len(errors) > 5 else ""))
    ids = [i.id for i in items] + [c.id for c in conversations]
    if len(ids) != len(set(ids)):
        raise DatasetError(f"{path}: duplicate ids")
    return GoldSet(items, conversations)


def _item(item_id: str, kind: str, record: dict, article_text: str) -> Item:
    evidence = list(record.get("evidence", []))
    spans = []
    for quote in evidence:
        at = article_text.find(quote)
        if at < 0:
            raise ValueError(f"{item_id}: evidence quote not in the article: {quote[:60]!r}")
        spans.append((at, at + len(quote)))
    facts = [[f] if isinstance(f, str) else list(f) for f in record.get("key_facts", [])]
    if kind == "answerable" and (not facts or not evidence):
        raise ValueError(f"{item_id}: answerable items need key_facts and evidence")
    return Item(
        id=item_id,
        kind=kind,
        question=record["question"],
        reference=record.get("reference", ""),
        key_facts=facts,
        evidence=evidence,
        spans=spans,
        attack=record.get("attack", ""),
        must_not_contain=list(record.get("must_not_contain", [])),
    )
