"""Time the chat UI in a real browser; prints JSON.

    .venv/bin/python scripts/bench_ui.py [--profile embedded] [--question "..."] [--no-file-watcher]
                                         [--env RAG_LLM__THREADS=1 ...]

Builds the index into a temporary directory, starts ``streamlit run app.py`` on 127.0.0.1 (a free
port) from that directory (so no ``.env`` is read), and drives Debian's Chromium (never a
downloaded browser) with Playwright. It measures:

- ``page_ready_s``: first page load until the models are loaded and the chat input is visible
  (targets <= 15 s); ``server_start_s`` is the time before that for the server to answer;
- ``second_session_ready_s``: the same for a second browser session (the models are cached);
- ``first_token_s``: a question's first answer text on screen after a warm-up question
  (target <= 2 s), with ``answer_complete_s`` when its citation chips appear and
  ``engine_first_token_s``, the engine's own measure (the rest is the UI and the browser).

The helpers (:func:`running_app`, :func:`launch_chromium`, ...) are shared with
``tests/test_ui_browser.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHAT_INPUT = '[data-testid="stChatInputTextArea"]'
CITATION_CHIP = '[data-testid="stChatMessage"] [data-testid="stPopover"]'
WARM_UP_QUESTION = "Who took part in the peace talks in Washington?"
QUESTION = "When were the Lachin corridor checkpoints installed?"
# true once the last chat message is the assistant's and shows some answer text
_ANSWER_TEXT_SHOWN = """(n) => {
  const msgs = [...document.querySelectorAll('[data-testid="stChatMessage"]')];
  if (msgs.length < n) return false;
  const last = msgs[msgs.length - 1];
  if (!last.querySelector('[data-testid="stChatMessageAvatarAssistant"]')) return false;
  // answer text: Markdown that is neither a caption (the waiting hint, timings) nor a chip label
  return [...last.querySelectorAll('[data-testid="stMarkdown"] [data-testid="stMarkdownContainer"]')]
    .some((md) => md.innerText.trim().length > 0);
}"""


def app_env(store: Path, profile: str = "embedded", file_watcher: bool = True) -> dict[str, str]:
    """The environment for the app: this profile and index directory, no other RAG_* variable.

    ``file_watcher=False`` is what ``server.fileWatcherType = "none"`` in ``.streamlit/config.toml``
    does: Streamlit then does not watch the repository (6,000+ directories with .venv) for edits.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(RAG_PROFILE=profile, RAG_STORE__PATH=str(store), PYTHONUNBUFFERED="1")
    if not file_watcher:
        env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
    return env


def build_store(store: Path, profile: str = "embedded", article: Path | None = None) -> dict[str, Any]:
    """Build the index into ``store`` (in this process); the report as a dict."""
    sys.path.insert(0, str(ROOT))
    from rag.ingest.build import build_index
    from rag.settings import load_settings

    overrides: dict[str, Any] = {"index": {"article_path": article}} if article else {}
    report = build_index(load_settings(env_file=None, profile=profile, store={"path": store}, **overrides))
    return {"chunks": report.chunks, "embedded": report.embedded, "seconds": round(report.seconds, 2)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running_app(env: dict[str, str], cwd: Path, timeout_s: float = 60.0) -> Iterator[str]:
    """``streamlit run app.py`` on 127.0.0.1; yields its URL once the server answers."""
    port = free_port()
    command = [
        str(ROOT / ".venv" / "bin" / "streamlit"), "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = open(cwd / "streamlit.log", "wb")  # noqa: SIM115 - closed below, after the process
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout_s)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"streamlit did not answer on {url} within {timeout_s:.0f} s")


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless; Playwright never downloads a browser here."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def open_ready_page(browser: Any, url: str, timeout_s: float = 120.0) -> tuple[Any, float]:
    """A new session's page once the chat input shows; with the seconds that took."""
    page = browser.new_page(viewport={"width": 1440, "height": 960})
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(CHAT_INPUT, state="visible", timeout=timeout_s * 1000)
    return page, time.perf_counter() - started


def ask(page: Any, question: str, messages_after: int, timeout_s: float = 120.0) -> float:
    """Type and send ``question``; the seconds until the answer's first text shows."""
    page.fill(CHAT_INPUT, question)
    started = time.perf_counter()
    page.press(CHAT_INPUT, "Enter")
    page.wait_for_function(_ANSWER_TEXT_SHOWN, arg=messages_after, polling="raf", timeout=timeout_s * 1000)
    return time.perf_counter() - started


def wait_for_chips(page: Any, timeout_s: float = 120.0) -> None:
    page.wait_for_selector(CITATION_CHIP, state="visible", timeout=timeout_s * 1000)


def engine_first_token(page: Any) -> float | None:
    """The first-token time the engine itself reported, from the last answer's caption."""
    caption = page.locator('[data-testid="stChatMessage"]').last.get_by_text(re.compile(r"first token [\d.]+ s"))
    match = re.search(r"first token ([\d.]+) s", caption.inner_text(timeout=30_000))
    return float(match.group(1)) if match else None


def bench(
    profile: str, question: str, file_watcher: bool = True, extra_env: dict[str, str] | None = None
) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench_ui_") as tmp:
        work = Path(tmp)
        result: dict[str, Any] = {
            "profile": profile,
            "file_watcher": file_watcher,
            "index": build_store(work / "store", profile),
        }
        env = {**app_env(work / "store", profile, file_watcher), **(extra_env or {})}
        if extra_env:
            result["env"] = extra_env
        started = time.perf_counter()
        with running_app(env, work) as url, sync_playwright() as p:
            result["server_start_s"] = round(time.perf_counter() - started, 2)
            browser = launch_chromium(p)
            first, result["page_ready_s"] = open_ready_page(browser, url)
            ask(first, WARM_UP_QUESTION, messages_after=2)
            wait_for_chips(first)
            second, result["second_session_ready_s"] = open_ready_page(browser, url)
            asked = time.perf_counter()
            result["first_token_s"] = ask(second, question, messages_after=2)
            wait_for_chips(second)
            result["answer_complete_s"] = time.perf_counter() - asked
            result["engine_first_token_s"] = engine_first_token(second)
            browser.close()
    for key in ("page_ready_s", "second_session_ready_s", "first_token_s", "answer_complete_s"):
        result[key] = round(result[key], 2)
    result["targets"] = {"page_ready_s": 15.0, "first_token_s": 2.0}
    result["question"] = question
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="embedded", help="RAG_PROFILE for the app (default: embedded)")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument(
        "--no-file-watcher", action="store_true", help="run Streamlit without its source watcher (saves seconds)"
    )
    parser.add_argument(
        "--env", action="append", default=[], metavar="KEY=VALUE", help="a setting for the app, e.g. RAG_LLM__THREADS=1"
    )
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    extra_env = dict(item.split("=", 1) for item in args.env)
    result = bench(args.profile, args.question, file_watcher=not args.no_file_watcher, extra_env=extra_env)
    result["load_average_1m"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
