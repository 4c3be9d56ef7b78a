"""The UI's pure helpers: escaping, highlighting, citation context, chat state (no Streamlit run)."""

from __future__ import annotations

import re

import pytest

from rag.answer import Answer, Citation, Final, Passage, TextDelta, Timings
from rag.ingest.article import clean_article
from rag.settings import DEFAULT_ARTICLE
from rag.ui.render import (
    answer_markdown,
    article_blocks,
    chip_label,
    escape_markdown,
    highlight_markdown,
    jump_links,
    paragraph_spans,
    quote_context,
    snippet,
    standfirst,
    stream_markdown,
    timings_caption,
)
from rag.ui.sidebar import format_built_at
from rag.ui.state import ARTICLE_TURN_KEY, ChatState, ChatTurn, chat_state, new_chat, select_article_turn

ARTICLE = clean_article(DEFAULT_ARTICLE.read_text(encoding="utf-8")).text
INJECTIONS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![pixel](https://evil.example.com/p.png)",
    "**bold** and __bold__ and *em* and ~~strike~~",
    "`code` and ```fenced```",
    "# heading",
    "> quote",
    "- list item",
    "1. numbered",
    "    indented code",
    "| a | b |\n|---|---|",
    ":red[coloured] :orange-background[fake highlight] :smile: :material/home:",
    "$x^2$ and $$y$$",
    "&lt;b&gt; &amp; &#60;script&#62;",
    "https://evil.example.com and www.evil.example.com and mallory@evil.example.com",
    "<https://evil.example.com>",
    "[ref]: javascript:alert(1)",
    "back\\slash \\*still escaped\\*",
]
MARKUP_TAGS = (
    "<script",
    "<img",
    "<a ",
    "<strong",
    "<em",
    "<code",
    "<pre",
    "<h1",
    "<blockquote",
    "<li",
    "<table",
    "<s>",
)
_ORANGE = re.compile(r":orange-background\[((?:\\.|[^\]\\])*)\]")


def visible_text(markdown: str) -> str:
    """What a reader sees: highlight wrappers, escapes, word joiners and hard breaks removed."""
    text = _ORANGE.sub(lambda m: m.group(1), markdown)
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("\u2060", "").replace("  \n", "\n").replace("\u00a0", " ")


def unescaped_specials(markdown: str) -> list[str]:
    """ASCII punctuation in ``markdown`` that no backslash escapes."""
    found, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\":
            i += 2
            continue
        if re.match(r"[!-/:-@\[-`{-~]", markdown[i]):
            found.append(markdown[i])
        i += 1
    return found


def highlighted(markdown: str) -> list[str]:
    return [visible_text(m.group(1)) for m in _ORANGE.finditer(markdown)]


def citation_of(quote: str, n: int = 1) -> Citation:
    start = ARTICLE.index(quote)
    return Citation(n, start, start + len(quote), quote)


CHECKPOINTS = "These checkpoints, installed on April 23, along the Lachin corridor’s only route"


# -- escaping -------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", INJECTIONS)
def test_escaped_markdown_renders_every_injection_as_the_same_literal_text(payload):
    markdown_it = pytest.importorskip("markdown_it")
    escaped = escape_markdown(payload)
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(escaped)
    for tag in MARKUP_TAGS:
        assert tag not in html, (payload, html)
    assert visible_text(escaped) == payload.strip()


@pytest.mark.parametrize("payload", INJECTIONS)
def test_escaped_markdown_leaves_no_special_character_unescaped(payload):
    assert unescaped_specials(escape_markdown(payload)) == []


def test_bare_urls_and_emails_get_an_invisible_joiner_so_they_are_not_autolinked():
    escaped = escape_markdown("see https://evil.example.com, www.evil.example.com or a@evil.example.com")
    assert "https\\:\u2060\\/\\/" in escaped and "www\u2060\\." in escaped and "@\u2060" in escaped


def test_line_breaks_are_kept_and_leading_spaces_cannot_start_a_code_block():
    escaped = escape_markdown("first line\n    second line\n\nnew paragraph")
    assert escaped == "first line  \n\u00a0\u00a0\u00a0\u00a0second line\n\nnew paragraph"


def test_answer_markers_become_badges_and_the_rest_is_escaped():
    markdown = answer_markdown("Talks ended on *May 4* [1]. Both sides agreed [2, 3].")
    assert markdown == (
        "Talks ended on \\*May 4\\* :orange-badge[\\[1\\]]\\. "
        "Both sides agreed :orange-badge[\\[2\\]] :orange-badge[\\[3\\]]\\."
    )


def test_streamed_pieces_are_escaped_and_the_final_answer_is_collected():
    answer = Answer("q", "A [1].", [], [], abstained=False)
    finals: list[Answer] = []
    pieces = list(stream_markdown([TextDelta("A **b** [1]."), TextDelta(" <i>C</i>."), Final(answer)], finals))
    assert pieces == ["A \\*\\*b\\*\\* :orange-badge[\\[1\\]]\\.", " \\<i\\>C\\<\\/i\\>\\."]
    assert finals == [answer]


# -- highlighting ---------------------------------------------------------------------------------


def test_a_cited_span_is_highlighted_verbatim_inside_its_escaped_paragraph():
    citation = citation_of(CHECKPOINTS)
    blocks = article_blocks(ARTICLE, [citation])
    (block,) = [b for b in blocks if b.cited]
    assert block.cited == (1,)
    assert highlighted(block.markdown) == [CHECKPOINTS]
    assert visible_text(block.markdown) == ARTICLE[block.start : block.end]


def test_overlapping_spans_merge_and_a_span_across_lines_is_highlighted_line_by_line():
    text = "alpha beta\ngamma delta"
    assert highlighted(highlight_markdown(text, [(0, 8), (6, 16)])) == ["alpha beta", "gamma"]
    assert highlight_markdown(text, [(100, 120)], offset=0) == "alpha beta  \ngamma delta"


def test_highlighting_escapes_markup_inside_the_highlight():
    markdown = highlight_markdown("x <b>**bold**</b>] y", [(2, 17)])
    assert markdown == "x :orange-background[\\<b\\>\\*\\*bold\\*\\*\\<\\/b\\>]\\] y"


def test_every_paragraph_of_the_article_is_shown_once_in_order():
    blocks = article_blocks(ARTICLE, [])
    assert [(b.start, b.end) for b in blocks] == paragraph_spans(ARTICLE)
    assert all(visible_text(b.markdown) == ARTICLE[b.start : b.end] for b in blocks)
    assert "".join("".join(visible_text(b.markdown).split()) for b in blocks) == "".join(ARTICLE.split())


def test_jump_links_point_at_the_heading_anchor_of_each_cited_paragraph():
    first = citation_of(CHECKPOINTS, 1)
    second = citation_of("Efgan Nifti, Chief Executive Officer of the Caspian Policy Center", 2)
    blocks = article_blocks(ARTICLE, [second, first])
    cited = [b for b in blocks if b.cited]
    assert [b.anchor for b in cited] == ["cited-as-1", "cited-as-2"]
    assert cited[0].heading == "###### Cited as :orange-badge[\\[1\\]]"
    assert jump_links(blocks) == "Jump to [\\[1\\]](#cited-as-1) · [\\[2\\]](#cited-as-2)"
    assert jump_links(article_blocks(ARTICLE, [])) == ""


def test_the_citation_context_stays_in_its_paragraph_and_highlights_the_exact_quote():
    citation = citation_of(CHECKPOINTS)
    context = quote_context(ARTICLE, citation, radius=80)
    assert highlighted(context) == [CHECKPOINTS]
    shown = visible_text(context).strip("… ")
    assert shown in ARTICLE and len(shown) <= len(CHECKPOINTS) + 2 * 80
    assert context.startswith("… ") and context.endswith(" …")


def test_a_chip_shows_the_number_and_the_start_of_the_quote():
    label = chip_label(citation_of(CHECKPOINTS, 3), limit=30)
    assert label == "\\[3\\] These checkpoints\\, installed…"


def test_snippet_cuts_long_text_at_a_word_and_flattens_whitespace():
    assert snippet("one  two\nthree", 60) == "one two three"
    assert snippet("alpha beta gamma delta", 14) == "alpha beta…"


def test_the_timings_caption_reads_ms_then_seconds():
    answer = Answer("q", "a", [], [], False, Timings(retrieve_ms=42.4, first_token_ms=1530, total_ms=2210))
    assert timings_caption(answer) == "retrieval 42 ms · first token 1.5 s · total 2.2 s · generated answer"


def test_the_build_time_is_shown_to_the_minute():
    assert format_built_at("2026-11-27T09:21:13+00:00") == "2026-11-27 09:21 UTC"
    assert format_built_at("") == "unknown"


# -- chat state -----------------------------------------------------------------------------------


def answered(question: str, citations: list[Citation]) -> ChatTurn:
    passages = [Passage("p", "text", 0, 4, 1.0)]
    return ChatTurn(question, Answer(question, f"{question} answer", citations, passages, abstained=not citations))


def test_history_holds_answered_turns_and_leaves_failed_ones_out():
    state = ChatState([answered("q1", [citation_of(CHECKPOINTS)]), ChatTurn("q2", error="boom"), answered("q3", [])])
    assert [(t.question, t.answer) for t in state.history()] == [("q1", "q1 answer"), ("q3", "q3 answer")]
    assert state.cited_turns() == [0]


def test_the_article_shows_the_latest_cited_answer_unless_another_was_chosen():
    session: dict[str, object] = {}
    state = chat_state(session)
    assert select_article_turn(session, state) is None and ARTICLE_TURN_KEY not in session
    state.turns += [answered("q1", [citation_of(CHECKPOINTS)]), answered("q2", [citation_of(CHECKPOINTS)])]
    assert select_article_turn(session, state) == 1
    session[ARTICLE_TURN_KEY] = 0
    assert select_article_turn(session, state) == 0
    assert select_article_turn(session, state, latest=True) == 1


def test_new_chat_forgets_the_turns_and_the_article_choice():
    session: dict[str, object] = {ARTICLE_TURN_KEY: 0}
    chat_state(session).turns.append(answered("q1", []))
    new_chat(session)
    assert chat_state(session).turns == [] and ARTICLE_TURN_KEY not in session


def test_an_example_question_is_asked_once():
    state = ChatState()
    state.ask("When?")
    assert state.take_pending() == "When?" and state.take_pending() == ""


def test_the_article_view_keeps_the_standfirst_under_the_headline():
    article = clean_article(
        "Home > News\nOakum tram line to shut for six weeks of track repairs\n"
        "The operator says buses will replace trams until June\nBy Imre Sollis\n"
        "Published 14 October 2031\n\nThe trams will stop in May.\n"
    )
    lines = standfirst(article.text, article.title, article.author, article.date)
    assert lines == ["The operator says buses will replace trams until June"]
    bare = clean_article("Oakum Trams Cut\nBy Imre Sollis\nPublished 14 October 2031\n\nThe trams will stop in May.\n")
    assert standfirst(bare.text, bare.title, bare.author, bare.date) == []
