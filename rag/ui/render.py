"""Pure text builders for the chat UI: escaped Markdown, highlighted article, citation context.

Everything the model, the article or the user wrote is escaped here, so Streamlit shows it as
literal text. The only Markdown Streamlit interprets is what this module adds itself: highlight
(``:orange-background[...]``), citation badges, headings that serve as jump targets, and
in-page links to them. No function here returns HTML, and the UI never sets
``unsafe_allow_html``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rag.answer import Answer, Citation, Final, StreamEvent, TextDelta

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
# disarms emphasis, links, HTML, code, tables, headings, lists, LaTeX ($) and Streamlit's
# :color[...] / :emoji: directives alike.
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GFM turns bare URLs, www. names and e-mail addresses into links even when escaped; an invisible
# word joiner inside "://", "www." and after "@" keeps them plain text.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=[wW]{3})(?=\.)|(?<=@)")
_WORD_JOINER = "\u2060"
_INDENT = re.compile(r"(?<=\n)[ \t]+(?=\S)")  # four leading spaces would start a code block
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_MARKERS = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
HARD_BREAK = "  \n"


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders literally; line breaks and paragraphs are kept."""
    return _escape_text(_protect_indent(_normalise(text).strip()))


def answer_markdown(text: str) -> str:
    """An answer's text (or a streamed piece of it), escaped, its ``[n]`` markers as badges."""
    text = _protect_indent(_normalise(text))
    pieces: list[str] = []
    last = 0
    for match in _MARKERS.finditer(text):
        pieces.append(_escape_text(text[last : match.start()]))
        pieces.append(" ".join(badge(int(n)) for n in re.findall(r"\d+", match.group(1))))
        last = match.end()
    pieces.append(_escape_text(text[last:]))
    return "".join(pieces)


def dropped_markdown(answer: Answer) -> str:
    """The model sentences the checks dropped, each with its reason, as literal Markdown (a list)."""
    return "\n".join(f"- {escape_markdown(d.text)}{HARD_BREAK}  *{escape_markdown(d.reason)}*" for d in answer.dropped)


def badge(n: int) -> str:
    """The citation badge ``[n]`` (a number only, so nothing to escape)."""
    return f":orange-badge[\\[{int(n)}\\]]"


def stream_markdown(events: Iterable[StreamEvent], finals: list[Answer]) -> Iterator[str]:
    """Escaped Markdown pieces of a streamed answer; the final :class:`Answer` goes to ``finals``.

    Each :class:`TextDelta` is a whole verified sentence, so its markers are never split.
    """
    for event in events:
        if isinstance(event, TextDelta):
            yield answer_markdown(event.text)
        elif isinstance(event, Final):
            finals.append(event.answer)


FLAGGED_BADGE = ":red-badge[flagged: instruction, not evidence]"


def highlight_markdown(
    text: str, spans: Sequence[tuple[int, int]], offset: int = 0, flagged: Sequence[tuple[int, int]] = ()
) -> str:
    """``text`` escaped, with every ``(start, end)`` span highlighted.

    Spans are offsets into the document ``text`` was cut from at ``offset``; overlapping spans
    merge, and a span crossing a line break is highlighted line by line. ``flagged`` spans
    (sentences that instruct a reader or an assistant) are struck through and badged instead.
    """
    text = _protect_indent(_normalise(text))
    flagged_runs = {(s, e) for s, e in _segments_spans(text, flagged, offset)}
    lines: list[str] = [""]
    pos = 0
    for piece, marked in _segments(text, [*spans, *flagged], offset):
        is_flagged = marked and any(s <= pos and pos + len(piece) <= e for s, e in flagged_runs)
        if is_flagged:
            lines[-1] += FLAGGED_BADGE + " "
        for i, part in enumerate(piece.split("\n")):
            if i:
                lines.append("")
            if part:
                escaped = _escape_inline(part)
                if is_flagged and part.strip():
                    lines[-1] += f":gray-background[~~{escaped}~~]"
                else:
                    lines[-1] += f":orange-background[{escaped}]" if marked and part.strip() else escaped
        pos += len(piece)
    return HARD_BREAK.join(lines)


def _segments_spans(text: str, spans: Sequence[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    """``spans`` as offsets into ``text`` (clipped)."""
    return [(max(s - offset, 0), min(e - offset, len(text))) for s, e in spans if s - offset < len(text) and e > offset]


@dataclass(frozen=True)
class ArticleBlock:
    """One paragraph of the article view, with the citations whose quote starts in it."""

    start: int
    end: int
    markdown: str
    cited: tuple[int, ...]

    @property
    def anchor(self) -> str:
        return anchor_id(self.cited)

    @property
    def heading(self) -> str:
        """A small heading over a cited paragraph; Streamlit gives it the id :attr:`anchor`."""
        return "###### Cited as " + " ".join(badge(n) for n in self.cited)


def standfirst(article_text: str, title: str, author: str, date: str) -> list[str]:
    """The header's lines between the headline and the byline and date (the standfirst), which the
    article view shows under the headline it shows as a heading."""
    header = article_text.partition("\n\n")[0].split("\n") if article_text.startswith(title) else []
    return [line for line in header[1:] if line and line != date and not (author and author in line)]


def anchor_id(numbers: Sequence[int]) -> str:
    """The id Streamlit derives from :attr:`ArticleBlock.heading` (lower-case words joined by -)."""
    return "cited-as-" + "-".join(str(n) for n in numbers)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph (text between blank lines), whitespace trimmed."""
    spans = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = match.end() if match else len(text)
    return spans


def article_blocks(
    article: str, citations: Sequence[Citation], flagged: Sequence[tuple[int, int]] = ()
) -> list[ArticleBlock]:
    """The article as paragraphs, each cited span highlighted, each flagged sentence marked."""
    spans = [(c.start, c.end) for c in citations]
    blocks = []
    for start, end in paragraph_spans(article):
        cited = tuple(sorted({c.n for c in citations if start <= c.start < end}))
        touching = [(s, e) for s, e in spans if s < end and start < e]
        marked = [(s, e) for s, e in flagged if s < end and start < e]
        body = highlight_markdown(article[start:end], touching, start, flagged=marked)
        blocks.append(ArticleBlock(start, end, body, cited))
    return blocks


def jump_links(blocks: Sequence[ArticleBlock]) -> str:
    """In-page links ``[n]`` to the paragraph each citation is in."""
    links = [f"[\\[{n}\\]](#{b.anchor})" for b in blocks for n in b.cited]
    return "Jump to " + " · ".join(links) if links else ""


def quote_context(article: str, citation: Citation, radius: int = 240) -> str:
    """The cited quote highlighted inside up to ``radius`` characters of its paragraph."""
    para_start, para_end = next(
        ((s, e) for s, e in paragraph_spans(article) if s <= citation.start < e), (0, len(article))
    )
    left = max(para_start, citation.start - radius)
    right = min(para_end, max(citation.end, citation.end + radius))
    if left > para_start:  # start on a whole word
        space = article.find(" ", left, citation.start)
        left = space + 1 if space != -1 else left
    if right < para_end:
        space = article.rfind(" ", citation.end, right)
        right = space if space != -1 else right
    body = highlight_markdown(article[left:right], [(citation.start, citation.end)], left)
    return ("… " if left > para_start else "") + body + (" …" if right < para_end else "")


def snippet(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:.") + "…"


def chip_label(citation: Citation, limit: int = 40) -> str:
    """A citation chip: ``[n]`` and the start of its quote, escaped."""
    return f"\\[{citation.n}\\] " + escape_markdown(snippet(citation.quote, limit))


def timings_caption(answer: Answer) -> str:
    """Retrieval ms, first-token s, total s and how the text was produced, in one line."""
    t = answer.timings
    parts = [
        f"retrieval {t.retrieve_ms:.0f} ms",
        f"first token {t.first_token_ms / 1000:.1f} s",
        f"total {t.total_ms / 1000:.1f} s",
        f"{answer.mode} answer" if not answer.abstained else "abstained",
    ]
    return " · ".join(parts)


# -- internals --------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Line ends as ``\\n``, keeping the length (offsets into the text stay valid)."""
    return text.replace("\r\n", " \n").replace("\r", "\n")


def _protect_indent(text: str) -> str:
    """Leading blanks of each line as no-break spaces (same length, so offsets still hold)."""
    return _INDENT.sub(lambda m: "\u00a0" * len(m.group()), text)


def _escape_inline(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _AUTOLINK.sub(_WORD_JOINER, text))


def _escape_text(text: str) -> str:
    """Escape ``text``; single line breaks become hard breaks, blank lines stay paragraph breaks."""
    paragraphs = _PARAGRAPH_BREAK.split(text)
    return "\n\n".join(HARD_BREAK.join(_escape_inline(line) for line in p.split("\n")) for p in paragraphs)


def _segments(text: str, spans: Sequence[tuple[int, int]], offset: int) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, highlighted)`` runs by the merged spans."""
    clipped = sorted(
        (max(s - offset, 0), min(e - offset, len(text))) for s, e in spans if s - offset < len(text) and e > offset
    )
    merged: list[list[int]] = []
    for s, e in clipped:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        elif e > s:
            merged.append([s, e])
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in merged:
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out
