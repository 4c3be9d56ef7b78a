"""Sentence and paragraph splitting that keeps exact character offsets.

A sentence is a ``(start, end)`` span into the text it came from, trimmed of surrounding white
space, so ``text[start:end]`` is always a verbatim quote. Abbreviations common in news prose
("U.S.", "Antony J. Blinken", "Mr.") do not end a sentence. Each item of a list ("- ...", "• ...",
"1. ..." at a line's start) is a sentence of its own, without its marker, and so is the line that
opens the list ("Under the proposals:"). A short unpunctuated line that the next line does not
continue (a sub-heading, a dateline, a list's last item: "Petition and protest" then "The council
...") is a sentence of its own too, though no blank line sets it apart; the text's first paragraph,
its header, keeps its lines together (a headline and its standfirst, a byline and its date).
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "col", "lt",
    "capt", "sgt", "vs", "etc", "e.g", "i.e", "no", "inc", "ltd", "co", "corp", "u.s", "u.k",
    "u.n", "e.u", "d.c", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
    # titles before a name in some presses ("Rev. ...", "Hon. ...", "Engr. ...", "Pharm. ...")
    "rev", "hon", "fr", "supt", "insp", "det", "engr", "eng", "pharm", "barr", "alh", "msgr",
    # a council member's or officer's title ("Coun. ...", "Cllr. ...", "Ald. ...", "Maj. ...")
    "coun", "cllr", "ald", "atty", "maj", "cmdr", "adm", "cpl", "pvt", "brig",
    # a currency's letters before a figure ("Rs. 18.6 billion", "Shs. 40,000")
    "rs", "shs",
}  # fmt: skip

# A candidate boundary: terminal punctuation, optional closing quotes/brackets and citation markers
# (an answer's ``"... surprised." [1]``), then white space.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?:\s?\[\d{1,3}(?:,\s?\d{1,3})*\])*(?=\s)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ATTRIBUTION = re.compile(r"^(?:[A-Z][\w.’'-]*\s+){1,4}(?:stated|said|added|noted|declared|told reporters)\.$")
# a list item's marker at the start of a line inside a paragraph
ITEM_MARKER = re.compile(r"\n[ \t]*(?:[-•*▪]|\d{1,2}[.)])[ \t]+")
_OPENERS = "\"'“‘([" + "—–-"


def paragraphs(text: str) -> list[Span]:
    """Spans of blank-line separated paragraphs, trimmed."""
    spans: list[Span] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_trimmed(text, pos, match.start()))
        pos = match.end()
    spans.extend(_trimmed(text, pos, len(text)))
    return spans


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]`` (offsets are into ``text``)."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    first = len(text) - len(text.lstrip())
    for p_start, p_end in paragraphs(text[start:end]):
        # (the text's first paragraph, its header, keeps its lines together: a headline and its
        # standfirst, a byline and its date, read as one)
        spans.extend(_split_paragraph(text, start + p_start, start + p_end, lines=start + p_start != first))
    return spans


# a paragraph of its own that opens with a marker: the first item of a list set apart from its opening line
_FIRST_MARKER = re.compile(r"[ \t]*(?:[-•*▪]|\d{1,2}[.)])[ \t]+(?=\S)")


def _split_paragraph(text: str, start: int, end: int, *, lines: bool = True) -> list[Span]:
    spans: list[Span] = []
    first = _FIRST_MARKER.match(text, start, end)
    pos = first.end() if first and ITEM_MARKER.search(text, start, end) else start
    item = pos != start
    for marker in ITEM_MARKER.finditer(text, start, end):
        spans.extend(_split_lines(text, pos, marker.start(), item=item, lines=lines))
        pos, item = marker.end(), True
    spans.extend(_split_lines(text, pos, end, item=item, lines=lines))
    return spans


LINE_WORDS = 12  # the most words of a line that stands alone without punctuation (a sub-heading)
_LINE_END = re.compile(r"[.!?:;,\"”’')\]–—-]\s*$")  # ("... said:", "... and," go on)
_ITEM_GOES_ON = re.compile(r"[:;,–—-]\s*$")  # (a list item may end "... (late show)")
_SENTENCE_END = re.compile(r"[.!?:\"”’)\]]\s*$")
_LINE_STARTS = re.compile(r"[A-Z0-9\"'“‘(]")
_INNER_END = re.compile(r"[.!?][\"'”’)\]]*\s")  # a line that ends one sentence and opens the next runs on
# a line ending in one of these runs on into the next, whatever that one opens with ("... said the")
_RUNS_ON = frozenset(
    "a an the of in on at to for from by with and or but nor that which who whose as than said says its their his "
    "her our your this these those".split()
)


def _split_lines(text: str, start: int, end: int, *, item: bool, lines: bool) -> list[Span]:
    """Sentences of a run of lines, cut after each line that stands alone (see the module's note): a
    run's first line, or one after a line that ended a sentence, short, unpunctuated, and followed by a
    line that opens a sentence of its own; a list item's line whatever its length."""
    spans: list[Span] = []
    pos = start
    line_start, previous = start, ""
    while lines:
        newline = text.find("\n", line_start, end)
        if newline < 0:
            break
        line = text[line_start:newline].strip()
        following = text[newline + 1 : end].lstrip(" \t")
        opens = line_start == pos or bool(_SENTENCE_END.search(previous))
        if (
            line
            and opens
            and _LINE_STARTS.match(line)
            and _LINE_STARTS.match(following)
            and (
                not _ITEM_GOES_ON.search(line)
                if item and line_start == start
                else not _LINE_END.search(line)
                and not _INNER_END.search(line)
                and len(line.split()) <= LINE_WORDS
                and line.split()[-1].lower() not in _RUNS_ON
            )
        ):
            spans.extend(_split_run(text, pos, newline))
            pos = newline + 1
        previous, line_start = line, newline + 1
    spans.extend(_split_run(text, pos, end))
    return spans


def _split_run(text: str, start: int, end: int) -> list[Span]:
    segment = text[start:end]
    spans: list[Span] = []
    pos = 0
    for match in _BOUNDARY.finditer(segment):
        if not _ends_sentence(segment, match):
            continue
        spans.extend(_trimmed(text, start + pos, start + match.end()))
        pos = match.end()
    spans.extend(_trimmed(text, start + pos, end))
    return _merge_attributions(text, spans)


def _merge_attributions(text: str, spans: list[Span]) -> list[Span]:
    """Keep a quote and its short attribution ('... progress.” Aliyev stated.') together."""
    merged: list[Span] = []
    for span in spans:
        if merged and _ATTRIBUTION.match(text[span[0] : span[1]]):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _ends_sentence(segment: str, match: re.Match[str]) -> bool:
    rest = segment[match.end() :].lstrip()
    if not rest:
        return True
    nxt = rest[0]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    if match.group().startswith("."):
        word = re.search(r"([\w.]+)$", segment[: match.start()])
        token = word.group(1).lower() if word else ""
        if token in _ABBREVIATIONS:
            return False
        if len(token) == 1 and token.isalpha():  # an initial: "Antony J. Blinken"
            return False
    return True


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if end > start else []
