"""Load a scraped article and strip the page clutter around it.

The cleaned text is a short header (the title, byline and date lines, each verbatim from the file)
followed by the body, a verbatim slice of the file (``raw[body_start:body_end]``): every sentence
quoted from it is a verbatim quote of the file. Title, author and date are also kept as metadata.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from rag.errors import ArticleError

_AUTHOR = re.compile(r"^\s*(?:author|by)\s*:?\s+(?P<name>\S.*?)\s*$", re.IGNORECASE)
_DATE = re.compile(
    r"^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\s*$"
    r"|^\s*\d{4}-\d{2}-\d{2}\s*$",
    re.IGNORECASE,
)
_IMAGE_CREDIT = re.compile(r"^\s*(?:image|photo|picture)\s*(?:source|credit)?\s*:", re.IGNORECASE)
# Where the article ends and the site's link lists begin.
_FOOTER = re.compile(
    r"^\s*(?:related articles|related posts|read more|more from|recommended|share this)\b.*$",
    re.IGNORECASE | re.MULTILINE,
)
_MAX_HEADER_LINES = 12
MAX_ARTICLE_BYTES = 5_000_000


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


def clean_article(raw: str) -> Article:
    """Split a scraped page into header metadata, body and footer clutter."""
    sha = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    lines = raw.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    header_rows = [i for i, line in enumerate(lines[:_MAX_HEADER_LINES]) if line.strip()]
    author_i = next((i for i in header_rows if _AUTHOR.match(lines[i])), None)
    date_i = next((i for i in header_rows if _DATE.match(lines[i])), None)
    credit_i = next((i for i in header_rows if _IMAGE_CREDIT.match(lines[i])), None)
    marks = [i for i in (author_i, date_i, credit_i) if i is not None]

    if marks:
        body_line = max(marks) + 1
        title_candidates = [i for i in header_rows if i < min(marks)]
        # Scrapes often repeat the title (a slug-like lowercase copy, the site name first):
        # the last non-empty line before the byline is the real headline.
        title = lines[title_candidates[-1]].strip() if title_candidates else ""
    else:
        body_line = header_rows[1] if len(header_rows) > 1 else 0
        title = lines[header_rows[0]].strip() if header_rows else ""

    body_start = offsets[min(body_line, len(lines))]
    footer = _FOOTER.search(raw, body_start)
    body_end = footer.start() if footer else len(raw)
    while body_start < body_end and raw[body_start].isspace():
        body_start += 1
    while body_end > body_start and raw[body_end - 1].isspace():
        body_end -= 1
    body = raw[body_start:body_end]
    if not body.strip():
        raise ArticleError("the article has no body text after cleaning")

    author_match = _AUTHOR.match(lines[author_i]) if author_i is not None else None
    header_lines = [title] + [lines[i].strip() for i in (author_i, date_i) if i is not None]
    header = "\n".join(h for h in header_lines if h)
    prefix = header + "\n\n" if header else ""
    return Article(
        text=prefix + body,
        title=title,
        author=author_match.group("name") if author_match else "",
        date=lines[date_i].strip() if date_i is not None else "",
        sha256=sha,
        body_start=body_start,
        body_offset=len(prefix),
    )
