"""Generate the perturbation suite: meaning-changing edits of an article's own sentences.

``python -m rag.evaluation.perturb`` rewrites ``eval/perturbations.jsonl`` from the cleaned
article plus the hand-written items in ``eval/perturbations_hand.jsonl``. Each line is::

    {"id": "g-negation_added-012", "kind": "negation_added", "origin": "generated",
     "source": "<the article sentence, verbatim>", "claim": "<the edited sentence>"}

Kinds: the edits ``negation_added``, ``negation_removed``, ``entity_swap``, ``number_change``,
``date_change``, ``antonym``, ``subject_object_swap``, ``speaker_swap``, and ``faithful`` for
rewrites that keep the meaning (all hand-written: code cannot make them natural).

The rules are generic English (auxiliaries, capitalised names, digits, month names, an antonym
list of its own, *not* the checker's lexicon); they name no article's words. An edit that leaves
the sentence unchanged is skipped. The output is deterministic.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from rag.ingest.sentences import sentences
from rag.retrieval.lexical import stem
from rag.settings import PROJECT_ROOT

SUITE = PROJECT_ROOT / "eval" / "perturbations.jsonl"
HAND = PROJECT_ROOT / "eval" / "perturbations_hand.jsonl"
EDIT_KINDS = (
    "negation_added",
    "negation_removed",
    "entity_swap",
    "number_change",
    "date_change",
    "antonym",
    "subject_object_swap",
    "speaker_swap",
)
KINDS = (*EDIT_KINDS, "faithful")

_AUX = re.compile(
    r"\b(is|are|was|were|will|can|could|would|should|must|may|might)(?= [a-z])"
    r"|\b(?:has|have|had)(?= (?:been|become|[a-z]+ed|[a-z]+en)\b)"
)
_NEG = [
    (re.compile(r"\b(did|does|do) not (\w+)"), r"\2"),  # "did not end" -> "end" (bare verb; still a claim)
    (re.compile(r"\b(could|would|should|must|can|will|is|are|was|were|has|have|had)n['’]t\b"), r"\1"),
    (re.compile(r"\bcan ?not\b"), "can"),
    (re.compile(r"\b(is|are|was|were|has|have|had|will|could|would|should|must|may|might) not\b"), r"\1"),
    (re.compile(r"\bwithout\b"), "with"),
    (re.compile(r"\bnever\b"), "always"),
]
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,}(?:[-][A-Z][a-z]+)?)(['’]s)?\b")
_MONTH_NAMES = "January February March April May June July August September October November December".split()
_MONTH = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\b(?=\s?\d)")
_NUMBER = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)?(?![\w-])")
_NUMBER_WORDS = {"two": "three", "three": "five", "four": "six", "five": "seven", "six": "eight", "ten": "twelve"}
_SPEECH = re.compile(
    r"\b(stated|said|declared|added|noted|commented|announced|claimed)\b|\baccording to\b", re.IGNORECASE
)
# The generator's own opposites (deliberately not the checker's list: some pairs it does not know).
_OPPOSITES = {
    "reduce": "increase", "increase": "reduce", "growing": "shrinking", "expanding": "shrinking",
    "weakening": "strengthening", "strengthen": "weaken", "interrupted": "strengthened", "stable": "unstable",
    "more": "less", "less": "more", "longest": "shortest", "alleviated": "worsened", "optimistic": "pessimistic",
    "failure": "success", "eager": "reluctant", "important": "unimportant", "necessary": "unnecessary",
    "encourage": "discourage", "larger": "smaller", "stronger": "weaker", "relief": "tension",
    "meaningful": "meaningless", "approaching": "leaving", "increasingly": "decreasingly", "rapidly": "slowly",
    "quickly": "slowly", "durable": "fragile", "tangible": "intangible", "fully": "partly",
    "hinder": "help", "prolonging": "shortening", "avert": "provoke", "stalled": "productive",
    "benefitted": "suffered", "emerging": "fading", "firm": "weak", "rare": "common", "prudent": "reckless",
}  # fmt: skip


def edits(sentence: str, speakers: list[str]) -> Iterator[tuple[str, str]]:
    """(kind, edited sentence) for every edit the rules can make of ``sentence``."""
    makers: dict[str, Callable[[str], str | None]] = {
        "negation_added": _add_negation,
        "negation_removed": _remove_negation,
        "entity_swap": _swap_entities,
        "number_change": _change_number,
        "date_change": _change_date,
        "antonym": _antonym,
        "subject_object_swap": _swap_subject_object,
        "speaker_swap": lambda s: _swap_speaker(s, speakers),
    }
    for kind, make in makers.items():
        edited = make(sentence)
        if edited and edited != sentence:
            yield kind, edited


def _add_negation(s: str) -> str | None:
    if re.search(r"\b(not|never|no|without)\b|n['’]t\b", s, re.IGNORECASE):
        return None
    m = _AUX.search(s)
    return s[: m.end()] + " not" + s[m.end() :] if m else None


def _remove_negation(s: str) -> str | None:
    for pattern, repl in _NEG:
        if pattern.search(s):
            return pattern.sub(repl, s, count=1)
    return None


_TITLES = frozenset(
    "President Prime Minister Ministers Foreign Secretary Chief Executive Officer Mayor Councillor Senator "
    "Governor General Director State Ministry Department Official Officials Spokesperson Chairman Chair Head "
    "Mr Mrs Ms Dr The A An And But Or If On In At For With Once After Before Although However Despite "
    "Because So Not Days Leading These This Those That Traditionally Diplomatic Political".split()
)
_CAP_WORD = re.compile(r"[A-Z][a-z][a-z’'-]*")


class Name:
    """A run of capitalised words that names one thing ("Jeyhun Bayramov", "United States")."""

    def __init__(self, start: int, end: int, text: str, suffix: str) -> None:
        self.start, self.end, self.text, self.suffix = start, end, text, suffix

    def group(self, i: int) -> str:
        return self.text if i == 1 else self.suffix


def _names_in(s: str) -> list[Name]:
    """Capitalised runs, titles and sentence-initial words left out, possessive kept apart."""
    words = [m for m in _CAP_WORD.finditer(s)]
    runs: list[list[re.Match[str]]] = []
    for m in words:
        if runs and s[runs[-1][-1].end() : m.start()] == " " and not re.search(r"['’]s?$", runs[-1][-1].group()):
            runs[-1].append(m)
        else:
            runs.append([m])
    names: list[Name] = []
    for run in runs:
        while run and (run[0].group().rstrip("’'s") in _TITLES or run[0].group().rstrip(".") in _TITLES):
            run = run[1:]
        if not run or run[0].start() == 0 or s[: run[0].start()].rstrip()[-1:] in '"“‘(':
            continue
        if any(w.group() in _MONTH_NAMES for w in run) or "." in run[-1].group()[:-1]:
            continue
        text = s[run[0].start() : run[-1].end()]
        suffix = ""
        possessive = re.search(r"(?<=s)['’]$|['’]s$", text)
        if possessive:
            text, suffix = text[: possessive.start()], possessive.group()
        if len(text) >= 3:
            names.append(Name(run[0].start(), run[-1].end(), text, suffix))
    return names


def _base(name: str) -> str:
    """A demonym meets its country ("Armenian" -> "armenia") so two forms of one name are not swapped."""
    return stem(name.split()[-1].lower())


def _swap(s: str, a: Name, b: Name) -> str:
    """Swap two names, each place keeping its own possessive ending."""
    return s[: a.start] + b.text + a.suffix + s[a.end : b.start] + a.text + b.suffix + s[b.end :]


def _symmetric(s: str, a: Name, b: Name) -> bool:
    """ "A and B", "A, B": swapping them keeps the meaning; nor are parts of one name two names."""
    between = s[a.end : b.start].strip()
    return between in ("", "and", "or", ",", "&") or (between.startswith("and ") and len(between) < 6)


def _swap_entities(s: str) -> str | None:
    """Two different names of the sentence trade places."""
    found = _names_in(s)
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            if _base(a.text) != _base(b.text) and not _symmetric(s, a, b):
                return _swap(s, a, b)
    return None


def _swap_subject_object(s: str) -> str | None:
    """The name before a verb-like word trades places with a name after it, in one clause."""
    offset = 0
    for part in re.split(r"[,;:“”\"]", s):
        found = _names_in(part)
        verb = re.search(r"\b[a-z]+(ed|es|s)\b", part)
        if verb and found:
            before = [m for m in found if m.end <= verb.start()]
            after = [m for m in found if m.start >= verb.end()]
            for a in reversed(before):
                for b in after:
                    if _base(a.text) != _base(b.text) and not _symmetric(part, a, b):
                        return s[:offset] + _swap(part, a, b) + s[offset + len(part) :]
        offset += len(part) + 1
    return None


def _change_number(s: str) -> str | None:
    m = _NUMBER.search(s)
    if m and not _MONTH.search(s[max(0, m.start() - 12) : m.start()] + " 1"):
        value = m.group()
        digits = value.replace(",", "").replace(".", "")
        changed = str(int(digits) + (1 if len(digits) == 4 else 7)) if digits.isdigit() else value
        return s[: m.start()] + changed + s[m.end() :]
    for word, other in _NUMBER_WORDS.items():
        pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
        if pattern.search(s):
            return pattern.sub(other, s, count=1)
    return None


def _change_date(s: str) -> str | None:
    m = _MONTH.search(s)
    if m:
        month = _MONTH_NAMES[(_MONTH_NAMES.index(m.group(1)) + 2) % 12]
        return s[: m.start()] + month + s[m.end() :]
    year = re.search(r"\b(19|20)\d\d\b", s)
    if year:
        return s[: year.start()] + str(int(year.group()) - 3) + s[year.end() :]
    return None


def _antonym(s: str) -> str | None:
    for word, other in _OPPOSITES.items():
        pattern = re.compile(rf"\b{word}\b")
        if pattern.search(s):
            return pattern.sub(other, s, count=1)
    return None


def _swap_speaker(s: str, speakers: list[str]) -> str | None:
    """The person a quote is attributed to becomes another person the article quotes."""
    if not _SPEECH.search(s):
        return None
    for name in speakers:
        if name in s:
            for other in speakers:
                if other not in s and other.split()[-1] not in s:
                    return s.replace(name, other, 1)
    return None


def speakers_of(text: str) -> list[str]:
    """Names that appear right before or after a speech verb anywhere in the text, most frequent first."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)\s+(?:\w+ly\s+)?(?:stated|said|declared|added)\b", text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def generate(text: str) -> list[dict[str, str]]:
    """Every generated edit of every sentence of ``text`` (one per kind per sentence)."""
    speakers = speakers_of(text)
    out: list[dict[str, str]] = []
    numbers: dict[str, int] = {}
    for start, end in sentences(text):
        source = text[start:end]
        if "\n" in source or len(source) < 40:
            continue  # the title block and fragments
        for kind, claim in edits(source, speakers):
            numbers[kind] = numbers.get(kind, 0) + 1
            out.append(
                {
                    "id": f"g-{kind}-{numbers[kind]:03d}",
                    "kind": kind,
                    "origin": "generated",
                    "source": source,
                    "claim": claim,
                }
            )
    return out


def load_suite(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    from rag.ingest.article import load_article
    from rag.settings import load_settings

    article = load_article(load_settings().index.article_path).text
    items = generate(article) + load_suite(HAND)
    for item in items:
        if item["source"] not in article:
            raise SystemExit(f"{item['id']}: source is not in the article: {item['source'][:60]}")
    SUITE.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    counts = {k: sum(1 for i in items if i["kind"] == k) for k in KINDS}
    print(f"wrote {SUITE}: {len(items)} items; " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
