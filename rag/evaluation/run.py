"""Run the gold set through the engine (the same API the UI uses) and score it."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rag.answer import Answer, Turn
from rag.engine import Engine
from rag.evaluation import metrics as m
from rag.evaluation.dataset import DEFAULT_DATASET, KINDS, GoldSet, Item, check_gold, load_gold
from rag.retrieval.hybrid import Mode
from rag.settings import Settings, load_settings

RETRIEVAL_MODES: tuple[Mode, ...] = ("hybrid", "vector", "bm25")
HIT_K = 5
MRR_DEPTH = 10


def evaluate(engine: Engine, gold: GoldSet, progress: Callable[[], None] | None = None) -> dict[str, Any]:
    """Every metric for one engine, plus every per-question row."""
    tick = progress or (lambda: None)
    article = engine.info.article_text
    retrieval = m.RetrievalScores()
    rows: list[dict[str, Any]] = []
    engine.ask("warm-up: who mediated the talks?")  # first call pays one-off costs

    for item in gold.items:
        if item.kind == "answerable":
            for mode in RETRIEVAL_MODES:
                passages = engine.retrieve(item.question, top_k=MRR_DEPTH, mode=mode)
                retrieval.add(mode, m.first_hit_rank(passages, item.spans))
        rows.append(_row(item, engine.ask(item.question), article))
        tick()
    for conv in gold.conversations:
        history: list[Turn] = []
        for turn in conv.turns:
            answer = engine.ask(turn.question, history)
            row = _row(turn, answer, article)
            row["kind"] = "conversation"
            rows.append(row)
            history.append(Turn(turn.question, answer.text))
        tick()
    return {"summary": summarise(rows, retrieval), "rows": rows}


def _row(item: Item, answer: Answer, article: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind,
        "attack": item.attack,
        "question": item.question,
        "standalone_question": answer.standalone_question,
        "answer": answer.text,
        "mode": answer.mode,
        "abstained": answer.abstained,
        "refused": m.refused(answer),
        "citations": [asdict(c) for c in answer.citations],
        "verbatim": [article[c.start : c.end] == c.quote for c in answer.citations],
        "dropped": [asdict(d) for d in answer.dropped],
        "timings": asdict(answer.timings),
        "retrieval_rank": m.first_hit_rank(answer.passages, item.spans) if item.spans else None,
    }
    if item.kind == "answerable":
        row["correct"] = m.facts_correct(answer, item)
        row["citation_precise"] = [m.citation_precise(answer, item, i) for i in range(len(answer.citations))]
        row["citation_recall"] = m.sentence_citation_recall(answer)
    if item.kind == "adversarial":
        row["handled"] = m.adversarial_handled(answer, item)
    return row


def summarise(rows: list[dict[str, Any]], retrieval: m.RetrievalScores) -> dict[str, Any]:
    answerable = [r for r in rows if r["kind"] == "answerable"]
    unanswerable = [r for r in rows if r["kind"] == "unanswerable"]
    adversarial = [r for r in rows if r["kind"] == "adversarial"]
    turns = [r for r in rows if r["kind"] == "conversation"]
    verbatim = [v for r in rows for v in r["verbatim"]]
    precise = [p for r in answerable for p in r["citation_precise"]]
    recall = [r["citation_recall"] for r in answerable if r["citation_recall"] is not None]
    return {
        "counts": {
            "answerable": len(answerable),
            "unanswerable": len(unanswerable),
            "adversarial": len(adversarial),
            "conversation_turns": len(turns),
        },
        "retrieval": retrieval.summary(HIT_K),
        "answers": {
            "key_fact_correctness": m.mean([float(r["correct"]) for r in answerable]),
            "refusal_recall": m.mean([float(r["refused"]) for r in unanswerable]),
            "false_refusal_rate": m.mean([float(r["refused"]) for r in answerable]),
            "adversarial_handled": m.mean([float(r["handled"]) for r in adversarial]),
            "conversation_turn_correctness": m.mean([float(_turn_correct(r)) for r in turns]),
        },
        "citations": {
            "verbatim": m.mean([float(v) for v in verbatim]) if verbatim else 1.0,
            "count": len(verbatim),
            "precision": m.mean([float(p) for p in precise]),
            "sentence_recall": m.mean(recall),
        },
        "latency_ms": m.latency_summary([r for r in rows if r["kind"] != "conversation"]),
    }


def _turn_correct(row: dict[str, Any]) -> bool:
    return bool(row.get("correct"))


def check_dataset(dataset: Path, settings: Settings) -> int:
    """``rag eval --check``: validate the gold set against the cleaned article; counts per kind."""
    from rag.ingest.article import load_article

    gold, warnings = check_gold(dataset, load_article(settings.index.article_path).text)
    for warning in warnings:
        print(f"warning: {warning}")
    counts = {kind: len(gold.of_kind(kind)) for kind in KINDS if kind != "conversation"}
    counts["conversation"] = len(gold.conversations)
    print(f"ok {dataset}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 0


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """``rag eval``: evaluate each profile, write report.md / report.json / charts."""
    from tqdm import tqdm

    from rag.evaluation.report import headline, write_report
    from rag.ingest.build import build_index

    profiles = args.profiles or [settings.profile]
    dataset = Path(args.dataset) if args.dataset else DEFAULT_DATASET
    if getattr(args, "check", False):
        return check_dataset(dataset, settings)
    results: dict[str, Any] = {}
    for profile in profiles:
        profile_settings = settings if profile == settings.profile else load_settings(profile=profile)
        build_index(profile_settings)  # idempotent: embeds nothing when the index is current
        engine = Engine.from_settings(profile_settings)
        gold = load_gold(dataset, engine.info.article_text)
        if args.limit:
            gold = GoldSet(gold.items[: args.limit], gold.conversations[: max(1, args.limit // 10)])
        total = len(gold.items) + len(gold.conversations)
        with tqdm(total=total, desc=f"eval {profile}", unit="q") as bar:
            result = evaluate(engine, gold, progress=lambda: bar.update(1))
        result["engine"] = {"llm": engine.info.llm, "embedding": engine.info.embedding,
                            "chunks": engine.info.chunks, "top_k": profile_settings.retrieval.top_k,
                            "chunk_size": profile_settings.index.chunk_size,
                            "min_relevance": profile_settings.answer.min_relevance}  # fmt: skip
        results[profile] = result
    out = Path(args.out)
    write_report(results, out, dataset)
    for profile, result in results.items():
        print(f"{profile}: " + json.dumps({k: round(v, 3) for k, v in headline(result["summary"]).items()}))
    print(f"report: {out / 'report.md'}")
    return 0
