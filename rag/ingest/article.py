"""Load a scraped article and strip the page clutter around it.

The cleaned text is a short header (the title, byline and date lines, each verbatim from the file)
followed by the body, a verbatim slice of the file (``raw[body_start:body_end]``): every sentence
quoted from it is a verbatim quote of the file. Title, author and date are also kept as metadata.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rag.errors import ArticleError

# what the cleaned text is depends on this code: an index built by another version is rebuilt
# (v2: a mid-page list heading cuts the page only when no story follows; v3: date lines as sites
# write them, and a byline's date line found below a cluttered page top; v4: the headline kept above
# its standfirst, not dropped for it; v5: a date found in a short line near the top is the article's
# date, when no date line stands in the header: "Pellow, Tuesday 4 March 2031, 9:10 AM")
CLEANER_VERSION = "clean-v5"
_AUTHOR = re.compile(r"^\s*(?:author|by)\s*:?\s+(?P<name>\S.*?)\s*$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "May 10, 2023", "14 October 2026", "Thursday 16 May 2024", "2025-03-04"
_DAY_DATE = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r",?\s+\d{4}|\d{4}-\d{2}-\d{2})"
)
# a date line: the date alone, or with what sites put around it ("Published: Friday 17 October
# 2025, 11:52 BST | Updated: 14:05 BST", "Published 14:32, 14 November 2024"); at most a short line
_DATE = re.compile(
    r"^\s*(?=.{0,120}$)(?:(?:published|posted|updated|last updated)\s*:?\s*(?:on\s+)?)?"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?,?\s+)?" + _DAY_DATE + r"(?:\s*(?:[,|]|\bat\b)\s*\S.*?)?\s*$",
    re.IGNORECASE,
)
_IMAGE_CREDIT = re.compile(r"^\s*(?:image|photo|picture)\s*(?:source|credit)?\s*:", re.IGNORECASE)
# Where the article ends and the site's link lists begin.
_FOOTER = re.compile(
    r"^\s*(?:related articles|related posts|read more|more from|recommended|share this)\b.*$"
    # a link list's heading on a line of its own: "Related stories", "Most read", "Topics: a | b"
    r"|^[ \t]*(?:related(?: stories| coverage| links| content| reading)?|most (?:read|popular|viewed|shared)|"
    r"you may also like|more (?:stories|on this story)|(?:topics|tags)[ \t]*:[^\n]*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# a link to another story on its own line: "Read more: Council approves runway repairs" (mid-page, the
# article goes on after it; at the end, the link lists follow it)
INLINE_LINK = re.compile(
    r"^\s*(?:read more|more from|related articles?|related posts?|related stories|related|see also|also read|"
    r"recommended|read next)\s*[:|>»–—-]\s*\S",
    re.IGNORECASE,
)
# a line this long, ending a sentence, after a footer marker is article prose, not a link list
_PROSE_WORDS = 15
_RESUMED_PARAGRAPHS = 3
# the site speaking to its reader, after the story: "Sign up to our newsletter ...", "We use cookies ..."
_SITE_CHROME = re.compile(
    r"^\s*(?:sign up|subscribe)\b|\bnewsletter\b.*\b(?:sign up|subscribe|inbox)\b|\bwe use cookies\b"
    # "Our daily digest, in your inbox by 7am. Sign up to our newsletters."
    r"|\b(?:sign up|subscribe)\b.*\bnewsletters?\b|\bin your inbox\b"
    r"|\ball rights reserved\b|^\s*(?:©|\(c\)|copyright\b)",
    re.IGNORECASE,
)
_MAX_HEADER_LINES = 12
DATE_AFTER_BYLINE = 2  # non-empty lines after a byline where its date line may stand
MAX_ARTICLE_BYTES = 5_000_000
# What prose looks like: (almost) no control characters, and mostly letters.
MAX_CONTROL_SHARE = 0.01  # control characters other than tab and line breaks, of all characters
MIN_LETTER_SHARE = 0.5  # letters, of all characters that are not white space
MIN_LETTERS = 20
_LINE_CONTROLS = "\t\n\r\v\f"


@dataclass(frozen=True)
class Article:
    """A cleaned article; ``text`` is what gets chunked, cited and shown."""

    text: str  # header lines + blank line + body
    title: str
    author: str
    date: str
    sha256: str  # of the raw file: the index is rebuilt when it changes
    body_start: int  # offset of the body in the raw file
    body_offset: int  # offset of the body in ``text``


# the words a date line may carry around its dates ("Published: ... | Updated 7:42 am BST")
_DATE_LINE_WORDS = frozenset(
    "published posted updated last on at am pm a m p local time utc gmt bst cet cest eet eest wat cat eat sast ist "
    "sgt hkt jst wib aest aedt acst awst nzst nzdt et est edt ct cst cdt mt mst mdt pt pst pdt".split()
)


def _is_date_line(line: str) -> bool:
    """A line that is a date and what sites write around one, not prose opening with a date
    ("14 October 2031, the day the ferry stopped, ...")."""
    if not _DATE.match(line):
        return False
    rest = re.sub(_DAY_DATE, " ", line, flags=re.IGNORECASE)
    return all(w in _DATE_LINE_WORDS for w in re.findall(r"[a-z]+", rest.lower()))


def _byline_date(byline: re.Match[str] | None) -> str:
    """The date a byline carries ("By Jo Pellow | 15 August 2025, 06:45"), or ""."""
    found = re.search(_DAY_DATE, byline.group("name"), re.IGNORECASE) if byline else None
    return found.group(0) if found else ""


DATE_REACH = 25  # lines from the top where a dateline may stand, under the site's menus
_DATELINE_WORDS = 12  # words besides its date: a place, a site's name, "Updated", a time


def _date_near_top(lines: list[str]) -> str:
    """The date of a short line near the top that carries one among a few other words ("Pellow,
    Tuesday 4 March 2031, 9:10 AM", "Pellow Gazette | Monday, 3 February 2031"), or "": the
    article's date when no header line is a date line of its own."""
    for line in lines[:DATE_REACH]:
        found = re.search(_DAY_DATE, line, re.IGNORECASE)
        if found and len(re.sub(_DAY_DATE, " ", line, flags=re.IGNORECASE).split()) <= _DATELINE_WORDS:
            return found.group(0).strip()
    return ""


def _next_rows(lines: list[str], i: int, n: int) -> list[int]:
    """The indices of the ``n`` non-empty lines after line ``i``."""
    return [k for k in range(i + 1, len(lines)) if lines[k].strip()][:n]


def _footer_start(raw: str, start: int) -> int:
    """Where the site's link lists begin: the first list heading ("Related articles") with no story
    resuming after its list, or share buttons or a link to another story ("Read more: ...") with no
    prose after them (one mid-page must not cut the article in two)."""
    for footer in _FOOTER.finditer(raw, start):
        line = footer.group(0).strip()
        tail = raw[footer.end() :].splitlines()
        if line.lower().startswith("share this") or INLINE_LINK.match(line):
            if not any(_is_prose(line) for line in tail):  # at the end: the link lists follow
                return footer.start()
        elif not _story_goes_on(tail):  # a link list's heading, and no story after the list
            return footer.start()
    return len(raw)


def _is_prose(line: str) -> bool:
    """A line of the story: a long sentence, not the site's offer of a newsletter or its cookies."""
    return len(line.split()) >= _PROSE_WORDS and line.rstrip()[-1:] in ".!?\"'”’" and not _SITE_CHROME.search(line)


def _story_goes_on(tail: list[str]) -> bool:
    """After a link list's heading ("Read more:") and its links, the story resumes: at least
    :data:`_RESUMED_PARAGRAPHS` lines of prose follow (a page's closing lines are one or two at most)."""
    rest = [line for line in tail if line.strip()]
    k = 0
    while k < len(rest) and not _is_prose(rest[k]):
        k += 1  # the list's links, a caption, a sub-heading where the story resumes
    return sum(map(_is_prose, rest[k:])) >= _RESUMED_PARAGRAPHS


def load_article(path: Path) -> Article:
    """Read and clean the article at ``path``; :class:`ArticleError` says what is wrong."""
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"article {path} is larger than {MAX_ARTICLE_BYTES} bytes")
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ArticleError(
            f"article not found: {path} (set RAG_INDEX__ARTICLE_PATH)",
            setting="RAG_INDEX__ARTICLE_PATH",
        ) from None
    except UnicodeDecodeError:
        raise ArticleError(f"article {path} is not UTF-8 text") from None
    except OSError as exc:
        raise ArticleError(f"cannot read article {path}: {exc.strerror}") from None
    return clean_article(raw)


def not_prose(text: str) -> str | None:
    """Why ``text`` is not an article's text (NUL bytes, mostly control characters, too few
    letters), or ``None``. Random bytes and binaries already fail UTF-8 decoding; this catches
    the ones that decode."""
    if "\x00" in text:
        return "holds NUL bytes (a binary file?)"
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _LINE_CONTROLS)
    if controls > MAX_CONTROL_SHARE * len(text):
        return f"is {controls / len(text):.0%} control characters (a binary file?)"
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(1 for ch in visible if ch.isalpha())
    if letters < MIN_LETTERS or letters < MIN_LETTER_SHARE * len(visible):
        return f"has too few letters to be prose ({letters} of {len(visible)} visible characters)"
    return None


_NAVIGATION = re.compile(r"\s[|>»/]\s|^\W")  # "Home > News > Local", "Sign in | Search", "» Business"
_HEADLINE_WORDS = 4
_NAME_LINE_WORDS = 3  # "Jo Pellow": a byline without its "By", between the standfirst and the date


def _headline_like(line: str) -> bool:
    """A line a story opens with (headline or standfirst): a few words, capitalised, no menu or
    site name in capitals ("THE DAILY LEDGER"), no date line ("Tuesday, 15 April 2025 06:12 am")."""
    return (
        len(line.split()) >= _HEADLINE_WORDS
        and (line[:1].isupper() or line[:1].isdigit())
        and not line.isupper()
        and not _NAVIGATION.search(line)
        and not re.search(_DAY_DATE, line, re.IGNORECASE)
    )


def _headline_and_standfirst(candidates: list[str]) -> tuple[str, str] | None:
    """The headline and the standfirst under it (the one-sentence summary), when the lines before
    the byline end with both; ``None`` when they end with the headline alone (or with neither)."""
    rows = list(candidates)
    if rows and not _headline_like(rows[-1]) and len(rows[-1].split()) <= _NAME_LINE_WORDS:
        rows.pop()  # an author's name on a line of its own
    if len(rows) < 2 or not (_headline_like(rows[-1]) and _headline_like(rows[-2])):
        return None
    return rows[-2], rows[-1]


def clean_article(raw: str) -> Article:
    """Split a scraped page into header metadata, body and footer clutter."""
    problem = not_prose(raw)
    if problem:
        raise ArticleError(
            f"the article {problem}; point RAG_INDEX__ARTICLE_PATH at a text file", setting="RAG_INDEX__ARTICLE_PATH"
        )
    sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    lines = raw.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    header_rows = [i for i, line in enumerate(lines[:_MAX_HEADER_LINES]) if line.strip()]
    author_i = next((i for i in header_rows if _AUTHOR.match(lines[i])), None)
    date_i = next((i for i in header_rows if _is_date_line(lines[i])), None)
    if date_i is None and author_i is not None:  # a byline low on a cluttered page: its date line follows it
        date_i = next((i for i in _next_rows(lines, author_i, DATE_AFTER_BYLINE) if _is_date_line(lines[i])), None)
    credit_i = next((i for i in header_rows if _IMAGE_CREDIT.match(lines[i])), None)
    marks = [i for i in (author_i, date_i, credit_i) if i is not None]
    if date_i is not None:  # "Updated Tuesday 14 October 2025, 11:02" under the date line: the header's too
        marks += [i for i in _next_rows(lines, date_i, 1) if _is_date_line(lines[i])]

    standfirst = ""
    if marks:
        body_line = max(marks) + 1
        title_candidates = [i for i in header_rows if i < min(marks)]
        # Scrapes often repeat the title (a slug-like lowercase copy, the site name first):
        # the last non-empty line before the byline is the real headline, unless a standfirst
        # stands between them (both are kept).
        title = lines[title_candidates[-1]].strip() if title_candidates else ""
        told = _headline_and_standfirst([lines[i].strip() for i in title_candidates])
        if told:
            title, standfirst = told
    else:
        body_line = header_rows[1] if len(header_rows) > 1 else 0
        title = lines[header_rows[0]].strip() if header_rows else ""

    body_start = offsets[min(body_line, len(lines))]
    body_end = _footer_start(raw, body_start)
    while body_start < body_end and raw[body_start].isspace():
        body_start += 1
    while body_end > body_start and raw[body_end - 1].isspace():
        body_end -= 1
    body = raw[body_start:body_end]
    if not body.strip():
        raise ArticleError("the article has no body text after cleaning")
    problem = not_prose(body)
    if problem:
        raise ArticleError(f"the article's body {problem}", setting="RAG_INDEX__ARTICLE_PATH")

    author_match = _AUTHOR.match(lines[author_i]) if author_i is not None else None
    header_lines = [title, standfirst] + [lines[i].strip() for i in (author_i, date_i) if i is not None]
    header = "\n".join(h for h in header_lines if h)
    prefix = header + "\n\n" if header else ""
    return Article(
        text=prefix + body,
        title=title,
        author=author_match.group("name").split(" | ")[0].strip() if author_match else "",
        date=lines[date_i].strip() if date_i is not None else _byline_date(author_match) or _date_near_top(lines),
        sha256=sha,
        body_start=body_start,
        body_offset=len(prefix),
    )
