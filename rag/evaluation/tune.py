"""Tune chunk size, top-k and the abstention threshold on the gold set, without fooling ourselves.

    .venv/bin/python -m rag.evaluation.tune [--dataset eval/gold.jsonl]
    .venv/bin/python -m rag.evaluation.tune --answers     # answers with a stand-in writer, per set
    .venv/bin/python -m rag.evaluation.tune --rewrite     # conversations: LLM rewrite on vs off, per set

Only retrieval and the pre-model abstention decision are swept (no LLM calls, so a sweep takes
about a minute). Values are chosen on the ``tune`` split of the gold set only (the split is fixed
by a hash of each id, see :func:`rag.evaluation.dataset.split_of`) and shown on the ``report``
split, which nothing is fitted to; among values whose tune score is within one question of the
best, the one nearest the middle of that plateau wins. Evidence is ranked over the same pool of
passages the engine ships (``EVIDENCE_POOL``), so the threshold is tuned on the shipped pipeline.

``--answers`` runs the whole evaluation (every set: tune, report, the second document) with the
real retrieval and embeddings but a stand-in writer that quotes the best evidence sentence (what
the engine returns whenever the model's sentences fail the checks): a quick, model-free check of
evidence selection, abstention and follow-ups.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from rag.answering.abstain import abstain_reason
from rag.engine import EVIDENCE_POOL, Engine
from rag.evaluation.dataset import DEFAULT_DATASET, Item, load_gold
from rag.evaluation.metrics import first_hit_rank, mean
from rag.ingest.build import build_index
from rag.settings import Settings, load_settings

CHUNK_SIZES = (300, 450, 600, 800)
TOP_KS = (3, 4, 5, 6)
THRESHOLDS = tuple(round(0.1 + 0.05 * i, 2) for i in range(11))


def split(items: list[Item]) -> tuple[list[Item], list[Item]]:
    """(tune, report): the gold set's own fixed split."""
    return [i for i in items if i.split == "tune"], [i for i in items if i.split == "report"]


def _engine(settings: Settings, chunk_size: int, store: Path, embed: Any = None) -> Engine:
    tuned = settings.model_copy(
        update={
            "index": settings.index.model_copy(update={"chunk_size": chunk_size}),
            "store": settings.store.model_copy(update={"path": store}),
        }
    )
    build_index(tuned, embed_model=embed)
    from rag.providers.fake import FakeLLM  # retrieval and abstention only: no model calls

    return Engine.from_settings(tuned, llm=FakeLLM(), embed_model=embed)


def retrieval_scores(engine: Engine, items: list[Item], top_k: int) -> dict[str, float]:
    ranks = [first_hit_rank(engine.retrieve(i.question, top_k=10), i.spans) for i in items]
    return {
        "hit@k": mean([1.0 if r is not None and r <= top_k else 0.0 for r in ranks]),
        "mrr": mean([1.0 / r if r else 0.0 for r in ranks]),
    }


def abstention_scores(engine: Engine, items: list[Item], threshold: float, top_k: int) -> dict[str, float]:
    answerable, declinable = [], []
    for item in items:
        # the same pool the engine ranks evidence over (not just the k passages shown)
        retrieval = engine.retriever.retrieve(item.question, max(top_k, EVIDENCE_POOL), "hybrid")
        ranked = engine.evidence.rank(item.question, retrieval.passages, retrieval.query_embedding)
        declined = (
            abstain_reason(
                item.question, ranked, engine.evidence.vocabulary, threshold, pervasive=engine.evidence.pervasive
            )
            is not None
        )
        if item.kind == "answerable":
            answerable.append(declined)
        elif item.kind == "unanswerable" or item.attack in ("injection", "prompt_leak"):
            declinable.append(declined)
    recall = mean([float(d) for d in declinable])
    false = mean([float(d) for d in answerable])
    return {"refusal_recall": recall, "false_refusal_rate": false, "balanced": recall - false}


def plateau_choice(values: tuple, scores: list[float], slack: float) -> Any:
    best = max(scores)
    near = [v for v, s in zip(values, scores, strict=True) if s >= best - slack]
    return near[len(near) // 2]


def answers_with_stand_in(settings: Settings) -> int:
    """Every set's answer metrics with real retrieval and the extractive stand-in writer."""
    from rag.evaluation.report import headline
    from rag.evaluation.run import evaluate_documents
    from rag.providers.fake import FakeLLM

    class QuoteOnly(FakeLLM):
        """A writer whose every sentence fails the checks: the engine quotes its best evidence,
        and follow-ups fall back to the deterministic rewrite (no capable rewriter)."""

        def _reply(self, messages: Any) -> str:
            return "The article does not say."

    with tempfile.TemporaryDirectory() as tmp:
        stored = settings.model_copy(update={"store": settings.store.model_copy(update={"path": Path(tmp)})})
        result = evaluate_documents(stored, llm=QuoteOnly())
        result.pop("llm")
    keys = ("key_fact_correctness", "false_refusal_rate", "refusal_recall", "adversarial_handled",
            "conversation_turn_correctness", "citation_precision")  # fmt: skip
    out = {name: {k: round(headline(s)[k], 3) for k in keys} | s["counts"] for name, s in result["splits"].items()}
    # misses are listed for the tune split only: the held-out sets are for reporting, not for reading
    misses = [
        f"{r['set']} {r['id']}: {r['question']} -> {r.get('abstain_reason') or r['answer'][:100]}"
        for r in result["rows"]
        if r["set"] == "tune" and _missed(r)
    ]
    print(json.dumps({"sets": out, "misses": misses}, indent=1, ensure_ascii=False))
    return 0


def rewrite_on_off(settings: Settings) -> int:
    """Conversation-turn correctness per set with the configured LLM rewriting follow-ups, and
    with the deterministic carry-over alone (``RAG_ANSWER__REWRITE_FOLLOWUPS=false``)."""
    from rag.evaluation.dataset import GoldSet
    from rag.evaluation.run import evaluate_documents

    out: dict[str, Any] = {}
    llm = None
    with tempfile.TemporaryDirectory() as tmp:
        for rewrite in (True, False):
            tuned = settings.model_copy(
                update={
                    "answer": settings.answer.model_copy(update={"rewrite_followups": rewrite}),
                    "store": settings.store.model_copy(update={"path": Path(tmp)}),
                }
            )
            result = evaluate_documents(tuned, llm=llm, only=lambda g: GoldSet([], g.conversations))
            llm = result.pop("llm")
            out[f"rewrite={rewrite}"] = {
                name: round(s["answers"]["conversation_turn_correctness"], 3) for name, s in result["splits"].items()
            }
    print(json.dumps(out, indent=1))
    return 0


def _missed(r: dict[str, Any]) -> bool:
    return (
        (r["kind"] in ("answerable", "conversation") and not r.get("correct"))
        or (r["kind"] == "unanswerable" and not r["refused"])
        or (r["kind"] == "adversarial" and not r.get("handled"))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", default=str(DEFAULT_DATASET))
    parser.add_argument("--answers", action="store_true", help="evaluate answers with a stand-in writer, per set")
    parser.add_argument("--rewrite", action="store_true", help="conversation turns with the LLM rewrite on and off")
    args = parser.parse_args()
    settings = load_settings()
    if args.answers:
        return answers_with_stand_in(settings)
    if args.rewrite:
        return rewrite_on_off(settings)
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        from rag.providers.embeddings import make_embedding

        embed = make_embedding(settings.embed)
        engines = {c: _engine(settings, c, Path(tmp) / f"c{c}", embed) for c in CHUNK_SIZES}
        gold = load_gold(Path(args.dataset), engines[CHUNK_SIZES[0]].info.article_text)
        dev, test = split(gold.items)  # dev = the tune split; test = the report split
        dev_answerable = [i for i in dev if i.kind == "answerable"]
        test_answerable = [i for i in test if i.kind == "answerable"]

        grid = {(c, k): retrieval_scores(engines[c], dev_answerable, k) for c in CHUNK_SIZES for k in TOP_KS}
        report["retrieval_dev"] = {f"chunk={c} k={k}": v for (c, k), v in grid.items()}
        report["retrieval_test_all"] = {  # shown, never used to choose
            f"chunk={c} k={k}": retrieval_scores(engines[c], test_answerable, k) for c, k in grid
        }
        # fewer, smaller passages are cheaper for the model: the slack prefers them on ties
        pairs = tuple(grid)
        one_question = 1.0 / max(1, len(dev_answerable))
        chunk, top_k = plateau_choice(pairs, [v["hit@k"] + v["mrr"] for v in grid.values()], one_question)
        report["chosen"] = {"chunk_size": chunk, "top_k": top_k}
        report["retrieval_test"] = retrieval_scores(engines[chunk], test_answerable, top_k)

        engine = engines[chunk]
        dev_abst = [abstention_scores(engine, dev, t, top_k) for t in THRESHOLDS]
        report["abstention_dev"] = dict(zip((str(t) for t in THRESHOLDS), dev_abst, strict=True))
        declinable = [i for i in dev if i.kind == "unanswerable" or i.attack in ("injection", "prompt_leak")]
        # one question either way is noise: the slack is one question of the smaller group
        slack = max(one_question, 1.0 / max(1, len(declinable)))
        threshold = plateau_choice(THRESHOLDS, [s["balanced"] for s in dev_abst], slack)
        report["chosen"]["min_relevance"] = threshold
        report["abstention_test"] = abstention_scores(engine, test, threshold, top_k)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
