"""The perturbation suites: their data, their generator, and the support check's floors on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.evaluation.perturb import EDIT_KINDS, HAND, SUITE, generate, load_suite
from rag.evaluation.perturbations import SECOND_SUITE, SECOND_TEXT, THIRD_SUITE, THIRD_TEXT, evaluate_suite
from rag.ingest.article import load_article
from rag.settings import DEFAULT_ARTICLE

ARTICLE = load_article(DEFAULT_ARTICLE).text
MIN_SUPPORT = 0.75


def test_the_article_suite_is_large_enough_and_covers_every_kind():
    items = load_suite(SUITE)
    edits = [i for i in items if i["kind"] in EDIT_KINDS]
    assert len(edits) >= 150 and len([i for i in items if i["kind"] == "faithful"]) >= 50
    assert {i["kind"] for i in edits} == set(EDIT_KINDS)
    assert all(i["source"] in ARTICLE and i["claim"] != i["source"] for i in items)
    assert len({i["id"] for i in items}) == len(items)


def test_the_committed_suite_is_what_the_generator_writes():
    committed = load_suite(SUITE)
    assert committed == generate(ARTICLE) + load_suite(HAND)


@pytest.mark.parametrize(("suite", "text"), [(SECOND_SUITE, SECOND_TEXT), (THIRD_SUITE, THIRD_TEXT)])
def test_the_other_texts_suites_quote_their_own_text(suite: Path, text: Path):
    body = text.read_text(encoding="utf-8")
    items = load_suite(suite)
    assert all(i["source"] in body for i in items)
    assert {i["kind"] for i in items} == {*EDIT_KINDS, "faithful"}


@pytest.mark.parametrize(
    ("name", "suite", "text", "edits_floor", "faithful_floor"),
    [
        # in-sample: the rules were developed on the article's suite (targets: 99% / 90%)
        ("article", SUITE, None, 0.99, 0.90),
        # first runs, before any fix: 83.1% / 91.7% (second), 82.4% / 91.7% (third); see the README
        ("second", SECOND_SUITE, SECOND_TEXT, 0.93, 0.90),
        ("third", THIRD_SUITE, THIRD_TEXT, 0.90, 0.90),
    ],
)
def test_the_check_rejects_edits_and_keeps_faithful_rewrites(name, suite, text, edits_floor, faithful_floor):
    body = ARTICLE if text is None else text.read_text(encoding="utf-8")
    summary = evaluate_suite(name, load_suite(suite), body, MIN_SUPPORT).summary()
    assert summary["edits_rejected"] >= edits_floor, summary
    assert summary["faithful_kept"] >= faithful_floor, summary


def test_rag_eval_prints_the_per_kind_table_and_writes_its_json(rag_cli, tmp_path: Path):
    result = rag_cli("eval", "--suite", "perturbations", "--out", str(tmp_path / "out"))
    assert result.code == 0, result.output
    assert "| negation_added (rejected) |" in result.output and "| faithful (kept) |" in result.output
    data = json.loads((tmp_path / "out" / "perturbations.json").read_text(encoding="utf-8"))
    assert [s["suite"] for s in data["suites"]] == ["third text", "second text", "article"]
