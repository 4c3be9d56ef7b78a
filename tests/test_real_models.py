"""End to end on the real embedded models (SmolLM2 GGUF + MiniLM), offline, on the real article."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.cli import main as cli_main
from rag.engine import Engine
from rag.ingest.build import build_index
from rag.settings import DEFAULT_ARTICLE, load_settings

pytestmark = pytest.mark.real_models


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    settings = load_settings(env_file=None, store={"path": tmp_path_factory.mktemp("store")})
    build_index(settings)
    return Engine.from_settings(settings)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("When were the Lachin corridor checkpoints installed?", "April 23"),
        ("Who is Azerbaijan's Foreign Minister?", "Jeyhun Bayramov"),
        ("How many days did the peace talks last?", "four-day"),
    ],
)
def test_an_answer_cites_a_verbatim_span_that_contains_the_fact(engine: Engine, question: str, fact: str):
    answer = engine.ask(question)
    article = engine.info.article_text
    assert not answer.abstained
    assert fact in answer.text
    assert any(fact in c.quote for c in answer.citations)
    for c in answer.citations:
        assert article[c.start : c.end] == c.quote
        assert c.quote in DEFAULT_ARTICLE.read_text(encoding="utf-8") or c.quote in article[: article.find("\n\n")]


def test_a_question_the_article_cannot_answer_is_declined(engine: Engine):
    answer = engine.ask("What is the population of Armenia?")
    assert answer.abstained and answer.text.startswith("The article does not say")


def test_a_follow_up_finds_the_right_passage(engine: Engine):
    from rag.answer import Turn

    first = engine.ask("Who is Armenia's foreign minister?")
    follow = engine.ask("And who was his Azerbaijani counterpart?", history=[Turn(first.question, first.text)])
    assert "Bayramov" in follow.text


def test_the_cli_indexes_and_answers_in_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    import json

    monkeypatch.setenv("RAG_STORE__PATH", str(tmp_path / "store"))
    monkeypatch.chdir(tmp_path)  # no .env here
    assert cli_main(["index", "--json"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["chunks"] == report["embedded"] > 0 and set(report) == {"chunks", "embedded", "collection", "seconds"}
    assert cli_main(["index", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["embedded"] == 0

    assert (
        cli_main(["ask", "--json", "When were the Lachin corridor checkpoints installed?", "Who wrote the article?"])
        == 0
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert len(lines) == 2
    assert set(lines[0]) == {"question", "answer", "abstained", "citations", "passages", "timings", "dropped"}
    assert all(set(d) == {"text", "reason"} and d["reason"] for line in lines for d in line["dropped"])
    assert set(lines[0]["timings"]) == {"retrieve_ms", "first_token_ms", "total_ms"}
    assert "April 23" in lines[0]["answer"] and "Haley Nelson" in lines[1]["answer"]


def test_the_cli_reports_a_missing_index_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("RAG_STORE__PATH", str(tmp_path / "empty"))
    monkeypatch.chdir(tmp_path)
    assert cli_main(["ask", "Who hosted the talks?"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "rag index" in err and "Traceback" not in err


def test_two_people_asking_at_once_both_get_their_answers(engine: Engine):
    """llama.cpp is not thread-safe; the engine's lock makes concurrent callers take turns."""
    from concurrent.futures import ThreadPoolExecutor

    questions = ["When were the Lachin corridor checkpoints installed?", "Who is Azerbaijan's Foreign Minister?"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(engine.ask, questions))
    assert "April 23" in answers[0].text and "Bayramov" in answers[1].text
    article = engine.info.article_text
    assert all(article[c.start : c.end] == c.quote for a in answers for c in a.citations)
