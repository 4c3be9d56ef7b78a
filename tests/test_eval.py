"""A fast slice of the evaluation: real retrieval (NumPy MiniLM + Chroma), the fake LLM for answers.

It guards against regressions without the minutes a full `rag eval` takes with the real model.
The floors sit a question or two below what these slices score today. The second document (never
tuned on) has its own slice, so a rule fitted to the main article alone shows up here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.engine import Engine
from rag.evaluation.dataset import (
    DEFAULT_DATASET,
    HELD_OUT_DOCUMENTS,
    SECOND_ARTICLE,
    SECOND_DATASET,
    DatasetError,
    GoldSet,
    check_gold,
    load_gold,
    split_of,
)
from rag.evaluation.report import write_report
from rag.evaluation.run import evaluate, held_out_article
from rag.ingest.article import load_article
from rag.ingest.build import build_index
from rag.providers.fake import FakeLLM
from rag.settings import load_settings


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    settings = load_settings(env_file=None, store={"path": tmp_path_factory.mktemp("store")})
    build_index(settings)
    return Engine.from_settings(settings, llm=FakeLLM())


@pytest.fixture(scope="module")
def second_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    settings = load_settings(env_file=None, store={"path": tmp_path_factory.mktemp("second")})
    settings = settings.model_copy(update={"index": settings.index.model_copy(update={"article_path": SECOND_ARTICLE})})
    build_index(settings)
    return Engine.from_settings(settings, llm=FakeLLM())


@pytest.fixture(scope="module")
def gold(engine: Engine) -> GoldSet:
    return load_gold(DEFAULT_DATASET, engine.info.article_text)


@pytest.fixture(scope="module")
def result(engine: Engine, gold: GoldSet) -> dict:
    answerable = gold.of_kind("answerable")[::3]  # every third: spread over the article
    declinable = gold.of_kind("unanswerable")[::2] + [
        i for i in gold.of_kind("adversarial") if i.attack != "false_premise"
    ]
    return evaluate(engine, GoldSet(answerable + declinable, gold.conversations[:1]))


def test_the_gold_set_resolves_every_quote_to_a_span(engine: Engine, gold: GoldSet):
    article = engine.info.article_text
    for item in gold.items + [t for c in gold.conversations for t in c.turns]:
        for quote, (start, end) in zip(item.evidence, item.spans, strict=True):
            assert article[start:end] == quote


def test_a_quote_missing_from_the_article_fails_loudly(engine: Engine, tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "z", "kind": "answerable", "question": "q?", "key_facts": [["x"]], "evidence": ["not here"]})
    )
    with pytest.raises(DatasetError, match="not in the article"):
        load_gold(bad, engine.info.article_text)


def test_a_conversation_turn_marked_unanswerable_is_right_only_when_declined(engine: Engine, tmp_path: Path):
    first = json.loads(DEFAULT_DATASET.read_text().splitlines()[0])
    turns = [
        {k: first[k] for k in ("question", "key_facts", "evidence")},
        {"question": "And what is the recipe for banana bread?", "key_facts": [], "evidence": [], "unanswerable": True},
    ]
    path = tmp_path / "conv.jsonl"
    path.write_text(json.dumps({"id": "c", "kind": "conversation", "turns": turns}))
    gold = load_gold(path, engine.info.article_text)
    assert [t.kind for t in gold.conversations[0].turns] == ["answerable", "unanswerable"]
    last = evaluate(engine, gold)["rows"][-1]
    assert last["refused"] and last["correct"]


def test_retrieval_on_the_slice_stays_above_the_targets(result: dict):
    hybrid = result["summary"]["retrieval"]["hybrid"]
    assert hybrid["hit@5"] >= 0.9 and hybrid["mrr"] >= 0.8


def test_answers_on_the_slice_keep_their_facts_citations_and_refusals(result: dict):
    answers, citations = result["summary"]["answers"], result["summary"]["citations"]
    assert answers["key_fact_correctness"] >= 0.7
    assert answers["refusal_recall"] >= 0.75 and answers["false_refusal_rate"] <= 0.1
    assert answers["adversarial_handled"] == 1.0
    assert citations["verbatim"] == 1.0 and citations["precision"] >= 0.85


def test_the_gold_set_is_split_by_a_hash_of_the_id():
    records = [json.loads(line) for line in DEFAULT_DATASET.read_text().splitlines() if line.strip()]
    hashed = [r for r in records if not r["id"].startswith("t")]  # t*: tuning questions added later, all tune
    assert all(r["split"] == split_of(r["id"]) for r in hashed)
    assert all(r["split"] == "tune" for r in records if r["id"].startswith("t"))
    assert {r["split"] for r in hashed} == {"tune", "report"}


def test_both_gold_sets_validate_against_their_own_article(engine: Engine, second_engine: Engine):
    main, _ = check_gold(DEFAULT_DATASET, engine.info.article_text)
    second, _ = check_gold(SECOND_DATASET, second_engine.info.article_text)
    assert main.of_split("tune").items and main.of_split("report").items
    assert not second.of_split("tune").items  # the second document is held out entirely
    assert len(second.of_kind("answerable")) >= 25 and len(second.of_kind("unanswerable")) >= 10
    assert sum(i.attack == "false_premise" for i in second.items) >= 4 and len(second.conversations) >= 4


def test_every_held_out_document_validates_against_its_own_article_and_has_no_tune_split():
    for article, dataset in HELD_OUT_DOCUMENTS.values():
        gold, warnings = check_gold(dataset, load_article(article).text)
        assert not warnings and not gold.of_split("tune").items and not gold.of_split("tune").conversations
        assert len(gold.of_kind("answerable")) >= 25 and len(gold.of_kind("unanswerable")) >= 10
        assert held_out_article(dataset) == article


def test_results_carry_a_summary_per_split(result: dict):
    assert {"tune", "report", "held_out"} <= set(result["splits"])
    assert all(r["set"] in ("tune", "report") for r in result["rows"])


def test_the_second_document_slice_answers_declines_and_follows_up(second_engine: Engine):
    gold = load_gold(SECOND_DATASET, second_engine.info.article_text)
    sliced = GoldSet(gold.of_kind("answerable")[::2] + gold.of_kind("unanswerable")[::2], gold.conversations[:2])
    out = evaluate(second_engine, sliced, set_name="second")
    summary = out["splits"]["second"]
    answers = summary["answers"]
    assert summary["retrieval"]["hybrid"]["hit@5"] >= 0.85
    assert answers["key_fact_correctness"] >= 0.7 and answers["false_refusal_rate"] <= 0.15
    assert answers["refusal_recall"] >= 0.5
    assert summary["citations"]["verbatim"] == 1.0


def test_the_report_is_written_as_markdown_json_and_charts(result: dict, tmp_path: Path):
    result["engine"] = {
        "llm": "fake",
        "embedding": "e",
        "chunks": 1,
        "top_k": 5,
        "chunk_size": 300,
        "min_relevance": 0.35,
    }
    write_report({"embedded": result, "copy": result}, tmp_path, DEFAULT_DATASET)
    md = (tmp_path / "report.md").read_text()
    assert "| metric | target | embedded | copy |" in md and "hit@5" in md
    assert json.loads((tmp_path / "report.json").read_text())["profiles"]["embedded"]["rows"]
    assert (tmp_path / "metrics.png").stat().st_size > 1000 and (tmp_path / "latency.png").stat().st_size > 1000
