"""Run the gold set through the engine (the same API the UI uses) and score it.

Figures are reported per set, side by side: ``tune`` (in-sample: the rules and thresholds were
fitted to it), ``report`` (the held-out half of ``eval/gold.jsonl``), ``second`` and ``third`` (other
documents with their own gold sets, never tuned on); ``held_out`` pools every held-out set.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rag.answer import Answer, Turn
from rag.engine import Engine
from rag.evaluation import metrics as m
from rag.evaluation.dataset import (
    DEFAULT_DATASET,
    FRESH_DOCUMENTS,
    HELD_OUT_DOCUMENTS,
    KINDS,
    GoldSet,
    Item,
    check_gold,
    load_gold,
)
from rag.retrieval.hybrid import Mode
from rag.settings import Settings, load_settings

RETRIEVAL_MODES: tuple[Mode, ...] = ("hybrid", "vector", "bm25")
HIT_K = 5
MRR_DEPTH = 10
# the sets reported side by side: in-sample, held-out half, other documents, the fresh documents
# pooled, every held-out set pooled
HELD_OUT_SETS = ("report", *HELD_OUT_DOCUMENTS)
POOLED = {
    "fresh": FRESH_DOCUMENTS,
    "exposed": tuple(s for s in HELD_OUT_SETS if s not in FRESH_DOCUMENTS),  # held out, but misses read
    "held_out": HELD_OUT_SETS,
}
SETS = ("tune", *HELD_OUT_SETS, *POOLED)


def evaluate(
    engine: Engine, gold: GoldSet, progress: Callable[[], None] | None = None, *, set_name: str | None = None
) -> dict[str, Any]:
    """Every metric for one engine, plus every per-question row.

    Each row records its ``set``: ``set_name`` when given (a whole held-out document), else the
    record's own split. ``splits`` holds the summary of each set found.
    """
    tick = progress or (lambda: None)
    article = engine.info.article_text
    rows: list[dict[str, Any]] = []
    engine.ask("warm-up: what is this about?")  # first call pays one-off costs

    for item in gold.items:
        ranks: dict[str, int | None] = {}
        if item.kind == "answerable":
            for mode in RETRIEVAL_MODES:
                passages = engine.retrieve(item.question, top_k=MRR_DEPTH, mode=mode)
                ranks[mode] = m.first_hit_rank(passages, item.spans)
        row = _row(item, engine.ask(item.question), article)
        row["retrieval_ranks"] = ranks
        row["set"] = set_name or item.split
        rows.append(row)
        tick()
    for conv in gold.conversations:
        history: list[Turn] = []
        for turn in conv.turns:
            answer = engine.ask(turn.question, history)
            row = _row(turn, answer, article)
            row["kind"] = "conversation"
            if turn.kind == "unanswerable":  # a turn the article cannot answer: right when declined
                row["correct"] = row["refused"]
            row["set"] = set_name or conv.split
            rows.append(row)
            history.append(Turn(turn.question, answer.text))
        tick()
    return {"summary": summarise(rows), "rows": rows, "splits": split_summaries(rows)}


def split_summaries(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The summary of each set present in ``rows``, in :data:`SETS` order (``fresh`` and
    ``held_out`` pooled)."""
    out: dict[str, dict[str, Any]] = {}
    for name in SETS:
        chosen = [r for r in rows if r.get("set") in POOLED.get(name, (name,))]
        if chosen:
            out[name] = summarise(chosen)
    return out


def _retrieval_from_rows(rows: list[dict[str, Any]]) -> m.RetrievalScores:
    scores = m.RetrievalScores()
    for row in rows:
        for mode, rank in row.get("retrieval_ranks", {}).items():
            scores.add(mode, rank)
    return scores


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
        "abstain_reason": answer.abstain_reason,
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


def summarise(rows: list[dict[str, Any]], retrieval: m.RetrievalScores | None = None) -> dict[str, Any]:
    retrieval = retrieval if retrieval is not None else _retrieval_from_rows(rows)
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


def check_dataset(dataset: Path, settings: Settings, article: Path | None = None) -> int:
    """``rag eval --check``: validate a gold set against its cleaned article; counts per kind."""
    from rag.ingest.article import load_article

    gold, warnings = check_gold(dataset, load_article(article or settings.index.article_path).text)
    for warning in warnings:
        print(f"warning: {warning}")
    counts = {kind: len(gold.of_kind(kind)) for kind in KINDS if kind != "conversation"}
    counts["conversation"] = len(gold.conversations)
    splits = {s: len(g.items) + len(g.conversations) for s in ("tune", "report") if (g := gold.of_split(s))}
    print(
        f"ok {dataset}: "
        + ", ".join(f"{n} {kind}" for kind, n in counts.items())
        + " (split: "
        + ", ".join(f"{n} {s}" for s, n in splits.items())
        + ")"
    )
    return 0


def documents(dataset: Path | None, settings: Settings, scratch: Path) -> list[tuple[str | None, Path, Settings]]:
    """What to evaluate: ``(set name, gold set, settings)`` per document.

    The default gold set comes with the other documents (whole held-out sets); one of those given
    as ``--dataset`` is evaluated alone, against its article; a ``--dataset`` of your own is
    evaluated alone, with the splits its records carry.
    """
    others = [
        (name, gold, document_settings(settings, article, scratch / name))
        for name, (article, gold) in HELD_OUT_DOCUMENTS.items()
    ]
    if dataset is not None and dataset.resolve() != DEFAULT_DATASET.resolve():
        return [o for o in others if o[1].resolve() == dataset.resolve()] or [(None, dataset, settings)]
    return [(None, DEFAULT_DATASET, settings), *others]


def held_out_article(dataset: Path) -> Path | None:
    """The article a held-out document's gold set belongs to (``None`` for any other gold set)."""
    return next((a for a, g in HELD_OUT_DOCUMENTS.values() if g.resolve() == dataset.resolve()), None)


def document_settings(settings: Settings, article: Path, store: Path) -> Settings:
    """The settings for another document: its article, and a store of its own (``store``, a
    scratch directory), so its index never replaces the main article's."""
    return settings.model_copy(
        update={
            "index": settings.index.model_copy(update={"article_path": article}),
            "store": settings.store.model_copy(update={"provider": "embedded", "path": store}),
        }
    )


def evaluate_documents(
    settings: Settings,
    dataset: Path | None = None,
    *,
    llm: Any = None,
    embed_model: Any = None,
    limit: int = 0,
    progress: Callable[[int], Callable[[], None]] | None = None,
    only: Callable[[GoldSet], GoldSet] | None = None,
) -> dict[str, Any]:
    """Evaluate every document of :func:`documents`; the models are loaded once and shared.

    ``summary`` and ``engine`` describe the first document (the main article); ``rows`` hold every
    document's rows, each with its ``set``; ``splits`` summarises each set side by side; ``llm``
    is the loaded model, for reuse. ``only`` picks part of each gold set.
    """
    from rag.ingest.build import build_index

    result: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="rag-eval-") as scratch:
        for set_name, path, doc_settings in documents(dataset, settings, Path(scratch)):
            build_index(doc_settings, embed_model=embed_model)  # idempotent: embeds nothing when current
            engine = Engine.from_settings(doc_settings, llm=llm, embed_model=embed_model)
            llm, embed_model = engine.llm, engine.embed_model
            gold = load_gold(path, engine.info.article_text)
            if limit:
                gold = GoldSet(gold.items[:limit], gold.conversations[: max(1, limit // 10)])
            if only is not None:
                gold = only(gold)
            tick = progress(len(gold.items) + len(gold.conversations)) if progress else None
            one = evaluate(engine, gold, progress=tick, set_name=set_name)
            rows.extend(one["rows"])
            if not result:
                result = {"summary": one["summary"], "engine": _engine_info(engine, doc_settings)}
    result["rows"] = rows
    result["splits"] = split_summaries(rows)
    result["llm"] = llm
    return result


def _engine_info(engine: Engine, settings: Settings) -> dict[str, Any]:
    return {
        "llm": engine.info.llm,
        "embedding": engine.info.embedding,
        "chunks": engine.info.chunks,
        "top_k": settings.retrieval.top_k,
        "chunk_size": settings.index.chunk_size,
        "min_relevance": settings.answer.min_relevance,
    }


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """``rag eval``: evaluate each profile, write report.md / report.json / charts."""
    from tqdm import tqdm

    from rag.evaluation.report import headline, write_report

    profiles = args.profiles or [settings.profile]
    dataset = Path(args.dataset) if args.dataset else None
    if getattr(args, "check", False):
        if dataset is None:  # every gold set, each against its own article
            check_dataset(DEFAULT_DATASET, settings)
            return max(check_dataset(g, settings, a) for a, g in HELD_OUT_DOCUMENTS.values())
        return check_dataset(dataset, settings, held_out_article(dataset))
    results: dict[str, Any] = {}
    for profile in profiles:
        profile_settings = settings if profile == settings.profile else load_settings(profile=profile)
        bars: list[Any] = []

        def progress(total: int, profile: str = profile, bars: list[Any] = bars) -> Callable[[], None]:
            bars.append(tqdm(total=total, desc=f"eval {profile}", unit="q"))
            return lambda: bars[-1].update(1)

        results[profile] = evaluate_documents(profile_settings, dataset, limit=args.limit, progress=progress)
        results[profile].pop("llm")
        for bar in bars:
            bar.close()
    out = Path(args.out)
    write_report(results, out, dataset or DEFAULT_DATASET)
    for profile, result in results.items():
        print(f"{profile}: " + json.dumps({k: round(v, 3) for k, v in headline(result["summary"]).items()}))
        for name, summary in result["splits"].items():
            print(f"  {name}: " + json.dumps({k: round(v, 3) for k, v in headline(summary).items()}))
    print(f"report: {out / 'report.md'}")
    return 0
