"""The `rag` command on the fake profile: chat, ask from stdin, clear one-line errors."""

import io
import json
from pathlib import Path

import pytest

from rag.cli import main


@pytest.fixture
def fake_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RAG_PROFILE", "fake")
    monkeypatch.setenv("RAG_STORE__PATH", str(tmp_path / "store"))
    monkeypatch.chdir(tmp_path)  # no .env
    assert main(["index", "--json"]) == 0
    return tmp_path


def test_chat_keeps_history_and_new_starts_over(fake_env: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    lines = iter(["When were the Lachin corridor checkpoints installed?", "/new", "", "/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "April 23" in out and "(new chat)" in out and "[1]" in out


def test_chat_ends_cleanly_on_end_of_input(fake_env: Path, monkeypatch: pytest.MonkeyPatch):
    def eof(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    assert main(["chat"]) == 0


def test_ask_dash_reads_one_question_per_line_and_reports_bad_ones_inline(
    fake_env: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("When were the Lachin corridor checkpoints installed?\n\n" + "x" * 2000 + "\n")
    )
    assert main(["ask", "-", "--json"]) == 2  # one question failed
    rows = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3]  # one result per input line, blank ones too
    assert "April 23" in rows[0]["answer"] and "empty" in rows[1]["error"]
    assert "error" in rows[2] and "RAG_ANSWER__MAX_QUESTION_CHARS" in rows[2]["error"]


def test_an_empty_question_is_one_line_on_stderr(fake_env: Path, capsys):
    assert main(["ask", "   "]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err and "empty" in err


def test_an_unknown_profile_is_one_clear_line(fake_env: Path, capsys):
    assert main(["--profile", "nope", "ask", "hello?"]) == 2
    assert "valid:" in capsys.readouterr().err
