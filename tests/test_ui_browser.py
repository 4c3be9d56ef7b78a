"""The chat UI served by ``streamlit run`` and driven in Debian's Chromium (marked ``browser``).

The main test uses the real embedded models (SmolLM2 + MiniLM) against an index built into a
temporary directory, and takes a screenshot (into ``docs/`` only through
``scripts/update_screenshot.sh``). Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rag.settings import DEFAULT_ARTICLE
from scripts.bench_ui import (
    CHROMIUM,
    CITATION_CHIP,
    WARM_UP_QUESTION,
    app_env,
    ask,
    build_store,
    launch_chromium,
    open_ready_page,
    running_app,
    wait_for_chips,
)
from tests.test_ui_app import INJECTED_ARTICLE, without_rag_env

pytestmark = pytest.mark.browser

QUESTION = "When were the Lachin corridor checkpoints installed?"
# scripts/update_screenshot.sh sets this to refresh the README's picture; tests otherwise write only to tmp
SCREENSHOT_TO = os.environ.get("RAG_UPDATE_SCREENSHOT", "")
ARTICLE_VIEW_HIGHLIGHTS = ".st-key-article_view .stMarkdownColoredBackground"
POPOVER_HIGHLIGHTS = '[data-testid="stPopoverBody"] .stMarkdownColoredBackground'
# elements that only markup in model, user or article text could have produced
DANGEROUS_ELEMENTS = "script, img, iframe, object, a[href^='javascript'], a[href^='http']"
INJECTED_ELEMENTS = f"{DANGEROUS_ELEMENTS}, strong, em, code, h1, ul"  # where the UI adds no formatting
TYPED_PAYLOAD = "**bold** <img src=x onerror=alert(1)> [link](javascript:alert(2)) <script>alert(3)</script>"
TIMEOUT_S = 240.0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def real_app(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the default (embedded) profile, with its index in a temporary directory."""
    work = tmp_path_factory.mktemp("ui_real")
    with without_rag_env():
        build_store(work / "store", "embedded")
    # no source watcher: a test server needs no hot reload, and on a busy checkout its rescans
    # take CPU from the model (see scripts/bench_ui.py --no-file-watcher)
    env = app_env(work / "store", "embedded", file_watcher=False)
    with running_app(env, work, timeout_s=TIMEOUT_S) as url:
        # one question first, as a user would have asked before: the screenshot then shows
        # steady-state timings, not llama.cpp's first-call warm-up
        page, _ = new_page(browser, url)
        ask(page, WARM_UP_QUESTION, messages_after=2, timeout_s=TIMEOUT_S)
        wait_for_chips(page, timeout_s=TIMEOUT_S)
        page.close()
        yield url


def new_page(browser: Any, url: str) -> tuple[Any, list[str]]:
    """A new browser session on the ready app, and the list any JavaScript dialog lands in."""
    page, _ = open_ready_page(browser, url, timeout_s=TIMEOUT_S)
    dialogs: list[str] = []

    def record(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return page, dialogs


def verbatim(text: str) -> str:
    return text.replace("\u2060", "").replace("\u00a0", " ")


def test_a_question_gets_a_cited_answer_whose_highlight_is_verbatim_article_text(browser, real_app, tmp_path):
    article = DEFAULT_ARTICLE.read_text(encoding="utf-8")
    page, dialogs = new_page(browser, real_app)
    ask(page, QUESTION, messages_after=2, timeout_s=TIMEOUT_S)
    wait_for_chips(page, timeout_s=TIMEOUT_S)

    answer = page.locator('[data-testid="stChatMessage"]').last.inner_text()
    assert "April 23" in answer
    page.wait_for_selector(ARTICLE_VIEW_HIGHLIGHTS)  # the article is drawn after the chat
    highlights = [verbatim(t) for t in page.locator(ARTICLE_VIEW_HIGHLIGHTS).all_inner_texts()]
    assert highlights and all(len(h) > 20 and h in article for h in highlights), highlights

    page.locator(CITATION_CHIP).first.locator("button").click()
    quote = verbatim(page.locator(POPOVER_HIGHLIGHTS).first.inner_text())
    assert quote in article and quote in highlights
    page.keyboard.press("Escape")

    jump = page.locator("a[href^='#cited-as-']").first
    anchor = jump.get_attribute("href")
    jump.click()
    target = page.locator(f"[id='{anchor[1:]}']")
    page.wait_for_timeout(1000)  # smooth scrolling
    view = page.locator(".st-key-article_view").bounding_box()
    box = target.bounding_box()
    assert view["y"] <= box["y"] <= view["y"] + view["height"], (view, box)

    shot = Path(SCREENSHOT_TO) if SCREENSHOT_TO else tmp_path / "screenshot.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000  # a real picture of the page
    assert dialogs == []


def test_markup_typed_into_the_chat_shows_as_text(browser, real_app):
    page, dialogs = new_page(browser, real_app)
    ask(page, TYPED_PAYLOAD, messages_after=2, timeout_s=TIMEOUT_S)
    page.wait_for_timeout(1000)
    user_message = page.locator('[data-testid="stChatMessage"]').first
    assert user_message.locator('[data-testid="stMarkdownContainer"]').inner_text().strip() == TYPED_PAYLOAD
    assert user_message.locator(f":is({INJECTED_ELEMENTS})").count() == 0
    assert page.locator(f'[data-testid="stChatMessage"] :is({DANGEROUS_ELEMENTS})').count() == 0
    assert dialogs == []


def test_markup_in_the_article_and_its_quotes_shows_as_text(browser, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(INJECTED_ARTICLE, encoding="utf-8")
    env = {**app_env(tmp_path / "store", "fake", file_watcher=False), "RAG_INDEX__ARTICLE_PATH": str(article)}
    with without_rag_env():
        build_store(tmp_path / "store", "fake", article=article)
    with running_app(env, tmp_path, timeout_s=TIMEOUT_S) as url:
        page, dialogs = new_page(browser, url)
        ask(page, "Where did the ministers meet, and what did they sign?", messages_after=2, timeout_s=TIMEOUT_S)
        wait_for_chips(page, timeout_s=TIMEOUT_S)
        page.wait_for_selector(ARTICLE_VIEW_HIGHLIGHTS)
        page.locator(CITATION_CHIP).first.locator("button").click()
        page.wait_for_timeout(500)
        assert page.locator(f'[data-testid="stChatMessage"] :is({DANGEROUS_ELEMENTS})').count() == 0
        for scope in (".st-key-article_view", '[data-testid="stPopoverBody"]'):
            assert page.locator(f"{scope} :is({INJECTED_ELEMENTS})").count() == 0, scope
        shown = verbatim(page.locator(".st-key-article_view").inner_text())
        assert "<script>alert('xss')</script>" in shown and "**pwned**" in shown
        assert "[the summit](javascript:alert('link'))" in shown
        assert dialogs == []
