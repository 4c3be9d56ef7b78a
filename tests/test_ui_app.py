"""The Streamlit app, run headless by AppTest on the fake profile (no models, no network)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from rag.answer import Answer, Citation, Dropped, Passage
from rag.engine import Engine
from rag.ingest.build import build_index
from rag.providers.fake import FakeLLM
from rag.settings import load_settings
from rag.ui.render import escape_markdown
from rag.ui.resources import forget_engines, get_engine
from rag.ui.state import CHAT_KEY, ChatState, ChatTurn
from tests import support

APP = str(Path(__file__).resolve().parent.parent / "app.py")
QUESTION = "When were the Lachin corridor checkpoints installed?"
INJECTED_ARTICLE = """Harbour Summit <img src=x onerror=alert('title')>
Author: Mallory **Bold** [click](javascript:alert('author'))
May 1, 2023

The ministers met at the harbour summit <script>alert('xss')</script> and signed the **pwned** accord \
at [the summit](javascript:alert('link')) on May 1 <img src=x onerror=alert('img')> near https://evil.example.com.

The harbour summit ended with a joint statement on fishing rights in the bay.
"""
RAW_MARKUP = ("<script", "<img", "](javascript", "**pwned**", "**Bold**", "https://", "onerror=alert")


@contextmanager
def without_rag_env() -> Iterator[None]:
    """No RAG_* variable of the shell reaches the settings (for module-scoped fixtures)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("RAG_")]:
            patch.delenv(name)
        yield


def build_store(directory: Path, **overrides: Any) -> Path:
    """An index of the fake profile in ``directory/storage``; its path."""
    with without_rag_env():
        settings = support.fake_settings(directory, **overrides)
        build_index(settings)
    return settings.store.path


@pytest.fixture(scope="module")
def fake_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("fake"))


@pytest.fixture(autouse=True)
def app_cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The fake profile; the app's working dir (where it reads .env) is tmp_path, not the repo."""
    monkeypatch.setenv("RAG_PROFILE", "fake")
    monkeypatch.chdir(tmp_path)
    yield
    forget_engines()


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, fake_store: Path) -> AppTest:
    monkeypatch.setenv("RAG_STORE__PATH", str(fake_store))
    return start()


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="question").set_value(question).run()
    assert not at.exception, at.exception
    return at


def chips(at: AppTest) -> list[str]:
    return [block.proto.popover.label for block in at.get("popover")]


def turns(at: AppTest) -> list[ChatTurn]:
    state: ChatState = at.session_state[CHAT_KEY]
    return state.turns


def answer_of(at: AppTest, index: int = 0) -> Answer:
    answer = turns(at)[index].answer
    assert answer is not None, turns(at)[index].error
    return answer


def assistant_text(at: AppTest, index: int = -1) -> str:
    messages = [m for m in at.chat_message if m.name == "assistant"]
    return "\n".join(md.value for md in messages[index].markdown)


def all_markdown(at: AppTest) -> list[str]:
    """Every Markdown body on the page: text, captions, alerts, chip labels, chat messages."""
    bodies = [el.value for el in [*at.markdown, *at.caption, *at.info, *at.error, *at.success]]
    return bodies + chips(at)


def unescaped(raw: str, bodies: list[str]) -> list[str]:
    """The bodies where ``raw`` appears without a backslash escaping its first character."""
    pattern = re.compile(r"(?<!\\)" + re.escape(raw))
    return [b for b in bodies if pattern.search(b)]


# -- chat -----------------------------------------------------------------------------------------


def test_a_question_renders_the_answer_with_a_chip_for_each_citation(app):
    ask(app, QUESTION)
    (turn,) = turns(app)
    answer = turn.answer
    assert answer is not None and answer.citations and not answer.abstained
    assert "April 23" in assistant_text(app)
    assert ":orange-badge[\\[1\\]]" in assistant_text(app)
    assert len(chips(app)) == len(answer.citations)
    assert all(label.startswith(f"\\[{c.n}\\] ") for label, c in zip(chips(app), answer.citations, strict=True))
    assert any("retrieval" in c.value and "first token" in c.value for c in app.caption)


def test_a_citation_chip_opens_the_quote_highlighted_in_its_context(app):
    ask(app, QUESTION)
    citation = answer_of(app).citations[0]
    popover = app.get("popover")[0]
    body = popover.markdown[0].value
    assert f":orange-background[{escape_markdown(citation.quote)}]" in body
    assert f"characters {citation.start}–{citation.end}" in popover.caption[0].value


def test_the_article_view_highlights_the_cited_span_and_links_to_it(app):
    ask(app, QUESTION)
    citation = answer_of(app).citations[0]
    bodies = [md.value for md in app.markdown]
    assert "###### Cited as :orange-badge[\\[1\\]]" in bodies
    assert any(f":orange-background[{escape_markdown(citation.quote)}]" in b for b in bodies)
    assert "Jump to [\\[1\\]](#cited-as-1)" in bodies
    assert app.selectbox(key="article_turn").value == 0


def test_an_off_topic_question_renders_as_an_abstention_with_the_closest_passages(app):
    ask(app, "Write a poem about cats")
    answer = turns(app)[0].answer
    assert answer is not None and answer.abstained
    assert "does not cover" in app.info[0].value
    assert any(md.value.startswith("**The closest passages it found**") for md in app.markdown)
    assert chips(app) == []
    assert "Jump to" not in "".join(md.value for md in app.markdown)


def test_an_engine_error_shows_its_message_and_the_next_question_still_works(app):
    ask(app, "x" * 1200)
    assert "characters long" in app.error[0].value
    assert turns(app)[0].error and turns(app)[0].answer is None
    ask(app, QUESTION)
    assert "characters long" in app.error[0].value  # the failed turn stays in the history
    assert turns(app)[1].answer is not None and chips(app)


def test_new_chat_clears_the_history(app):
    ask(app, QUESTION)
    assert len(app.chat_message) == 2
    app.button(key="new_chat").click().run()
    assert turns(app) == []
    assert [m.name for m in app.chat_message] == ["assistant"]  # the welcome only
    assert chips(app) == []


def test_an_example_question_in_the_sidebar_is_asked_when_clicked(app):
    app.button(key="example_0").click().run()
    assert [t.question for t in turns(app)] == [QUESTION]
    assert chips(app)


def test_a_follow_up_question_is_rewritten_with_the_earlier_turns(app):
    ask(app, QUESTION)
    llm = get_engine(load_settings(env_file=None)).llm
    assert isinstance(llm, FakeLLM)
    llm.enqueue("Why did the Lachin corridor checkpoints cause concern?")
    ask(app, "Why did they cause concern?")
    rewrite_prompt = llm.history[-2][-1].content or ""
    assert f"User: {QUESTION}" in rewrite_prompt
    assert answer_of(app, 1).standalone_question == "Why did the Lachin corridor checkpoints cause concern?"
    assert any("searched for" in c.value for c in app.caption)


def test_earlier_answers_keep_their_citations_after_later_questions(app):
    ask(app, QUESTION)
    first = answer_of(app)
    first_chips = chips(app)
    ask(app, "What did Pashinyan tell the Armenian Parliament?")
    assert turns(app)[0].answer is first
    assert chips(app)[: len(first_chips)] == first_chips
    assert app.selectbox(key="article_turn").value == 1  # the article follows the latest answer
    app.selectbox(key="article_turn").set_value(0).run()
    bodies = [md.value for md in app.markdown]
    assert any(f":orange-background[{escape_markdown(first.citations[0].quote)}]" in b for b in bodies)


def test_retrieval_settings_in_the_sidebar_apply_to_the_next_question(app):
    app.slider(key="top_k").set_value(2).run()
    app.button_group(key="mode").set_value("bm25").run()
    ask(app, QUESTION)
    answer = answer_of(app)
    assert len(answer.passages) == 2
    assert all(p.vector_score is None for p in answer.passages)


def test_the_sidebar_shows_the_models_and_the_index(app, fake_store):
    sidebar = "\n".join(md.value for md in app.sidebar.markdown)
    assert "fake\\: extractive stand\\-in" in sidebar and "hash" in sidebar
    assert re.search(r"\*\*\d+\*\* chunks · built \d{4}", sidebar)
    assert any("Peace Within Reach" in c.value for c in app.sidebar.caption)


# -- loading --------------------------------------------------------------------------------------


def test_a_second_browser_session_reuses_the_loaded_engine(monkeypatch, fake_store):
    monkeypatch.setenv("RAG_STORE__PATH", str(fake_store))
    forget_engines()
    loads = []
    original = Engine.from_settings.__func__  # type: ignore[attr-defined]

    def counting(cls, settings, **kwargs):
        loads.append(settings.store.path)
        return original(cls, settings, **kwargs)

    monkeypatch.setattr(Engine, "from_settings", classmethod(counting))
    ask(start(), QUESTION)
    ask(start(), QUESTION)
    assert loads == [fake_store]


def test_a_missing_index_shows_the_message_and_rebuild_index_fixes_it(monkeypatch, tmp_path):
    monkeypatch.setenv("RAG_STORE__PATH", str(tmp_path / "empty-store"))
    at = start()
    assert "rag index" in at.error[0].value
    assert not at.chat_input
    at.button(key="rebuild").click().run()
    assert not at.exception, at.exception
    assert re.match(r"Index ready: \d+ chunks, \d+ embedded now", at.success[0].value)
    ask(at, QUESTION)
    assert chips(at)


# -- safety ---------------------------------------------------------------------------------------


def test_markup_in_the_article_and_the_answer_renders_as_inert_text(monkeypatch, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(INJECTED_ARTICLE, encoding="utf-8")
    monkeypatch.setenv("RAG_INDEX__ARTICLE_PATH", str(article))
    monkeypatch.setenv("RAG_STORE__PATH", str(build_store(tmp_path, article_path=article)))
    at = ask(start(), "Where did the ministers meet, and what did they sign?")
    answer = turns(at)[0].answer
    assert answer is not None and "<script>" in answer.text  # the payload did reach the answer
    bodies = all_markdown(at)
    assert not any(md.allow_html for md in at.markdown)
    for raw in RAW_MARKUP:
        assert not unescaped(raw, bodies), raw
    joined = "\n".join(bodies)
    assert "\\<script\\>" in joined and "\\*\\*pwned\\*\\*" in joined and "\\[the summit\\]" in joined


def test_an_injected_answer_text_renders_literally(app):
    quote = "These checkpoints, installed on April 23"
    article = get_engine(load_settings(env_file=None)).info.article_text
    start_at = article.index(quote)
    payload = "<img src=x onerror=alert(1)> [link](javascript:alert(1)) **bold** <script>x</script> [1]."
    answer = Answer(
        question="<b>question</b>",
        text=payload,
        citations=[Citation(1, start_at, start_at + len(quote), quote)],
        passages=[Passage("p", quote, start_at, start_at + len(quote), 1.0)],
        abstained=False,
    )
    app.session_state[CHAT_KEY] = ChatState([ChatTurn("<b>question</b>", answer)])
    app.run()
    assert not app.exception
    shown = assistant_text(app)
    assert shown.startswith("\\<img src\\=x onerror\\=alert\\(1\\)\\> \\[link\\]\\(javascript\\:alert\\(1\\)\\)")
    assert "\\*\\*bold\\*\\* \\<script\\>x\\<\\/script\\> :orange-badge[\\[1\\]]" in shown
    assert "\\<b\\>question\\<\\/b\\>" in [md.value for md in app.chat_message[0].markdown]
    for raw in ("<img", "<script", "](javascript", "**bold**", "<b>"):
        assert not unescaped(raw, all_markdown(app)), raw


def test_dropped_sentences_are_listed_with_their_reasons_in_a_collapsed_expander(app):
    quote = "These checkpoints, installed on April 23"
    article = get_engine(load_settings(env_file=None)).info.article_text
    start_at = article.index(quote)
    answer = Answer(
        question="When?",
        text=f"{quote} [1].",
        citations=[Citation(1, start_at, start_at + len(quote), quote)],
        passages=[Passage("p", quote, start_at, start_at + len(quote), 1.0)],
        abstained=False,
        dropped=[Dropped("<b>They ended</b> with a deal [1].", "negation: the cited sentence negates 'end'")],
    )
    app.session_state[CHAT_KEY] = ChatState([ChatTurn("When?", answer)])
    app.run()
    assert not app.exception
    (expander,) = app.expander
    assert "1 model sentence" in expander.label
    body = "\n".join(md.value for md in expander.markdown)
    assert "\\<b\\>They ended\\<\\/b\\>" in body and "negation" in body
    assert not unescaped("<b>", all_markdown(app))
