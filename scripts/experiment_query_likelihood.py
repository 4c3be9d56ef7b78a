"""Experiment: does SmolLM2's query likelihood pick the answering sentence better than the rules?

For every answerable and unanswerable gold question (main article and the second document), the
engine ranks its candidate sentences as it ships; then, for the top ``--candidates`` of them, the
embedded SmolLM2 scores log P(question | sentence) (query likelihood, Sachan et al. 2022) and
log P(question | sentence) - log P(question | no sentence) (pointwise mutual information). It
prints how often each signal's first choice is a gold evidence sentence, per split, and the PMI
of the first candidate for answerable against unanswerable questions (an abstention signal).

Takes about 8 minutes on 2 cores: one llama.cpp evaluation per candidate (~0.3 s each), which is
also why the signal would cost about 3 s per question if shipped.

    .venv/bin/python scripts/experiment_query_likelihood.py [--candidates 10]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from llama_cpp import Llama

from rag.engine import EVIDENCE_POOL, Engine
from rag.evaluation.dataset import DEFAULT_DATASET, HELD_OUT_DOCUMENTS, load_gold
from rag.evaluation.run import document_settings
from rag.ingest.build import build_index
from rag.providers.bundled import smollm2_gguf
from rag.settings import load_settings

TEMPLATE = "<|im_start|>user\nPassage: {s}\nWrite a question this passage answers.<|im_end|>\n<|im_start|>assistant\n"


class Scorer:
    def __init__(self) -> None:
        self.model = Llama(model_path=str(smollm2_gguf()), n_ctx=512, logits_all=True, verbose=False)

    def logprob(self, prefix: str, target: str) -> float:
        m = self.model
        p = m.tokenize(prefix.encode(), add_bos=False, special=True)
        t = m.tokenize(target.encode(), add_bos=False, special=True)
        m.reset()
        m.eval(p + t)
        logits = m.scores[len(p) - 1 : len(p) + len(t) - 1]
        top = logits.max(axis=1, keepdims=True)
        log_softmax = logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))
        return float(log_softmax[np.arange(len(t)), t].sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10)
    args = parser.parse_args()
    scorer = Scorer()
    rows: list[dict[str, Any]] = []
    settings = load_settings()
    with tempfile.TemporaryDirectory() as scratch:
        second_article, second_gold = HELD_OUT_DOCUMENTS["second"]
        docs = [
            (DEFAULT_DATASET, settings),
            (second_gold, document_settings(settings, second_article, Path(scratch))),
        ]
        for gold_path, doc_settings in docs:
            build_index(doc_settings)
            engine = Engine.from_settings(doc_settings)
            gold = load_gold(gold_path, engine.info.article_text)
            for item in gold.items:
                if item.kind not in ("answerable", "unanswerable"):
                    continue
                found = engine.retriever.retrieve(item.question, EVIDENCE_POOL, "hybrid")
                ranked = engine.evidence.rank(item.question, found.passages, found.query_embedding)[: args.candidates]
                if not ranked:
                    continue
                base = scorer.logprob(TEMPLATE.format(s=""), item.question)
                cands = []
                for x in ranked:
                    ql = scorer.logprob(TEMPLATE.format(s=x.sentence.text), item.question)
                    gold_hit = any(x.sentence.start < e and s < x.sentence.end for s, e in item.spans)
                    cands.append({"score": x.score, "ql": ql, "pmi": ql - base, "gold": gold_hit})
                held = "tune" if item.split == "tune" and gold_path == DEFAULT_DATASET else "held-out"
                rows.append({"kind": item.kind, "set": held, "cands": cands})
    for split in ("tune", "held-out"):
        chosen = [r for r in rows if r["set"] == split and r["kind"] == "answerable"]
        pick = {
            "rules": lambda c: c["score"],
            "query likelihood": lambda c: c["ql"],
            "PMI": lambda c: c["pmi"],
        }
        line = ", ".join(
            f"{name} {sum(max(r['cands'], key=key)['gold'] for r in chosen)}" for name, key in pick.items()
        )
        print(f"{split}: {len(chosen)} answerable; first choice is gold evidence: {line}")
    for kind in ("answerable", "unanswerable"):
        pmis = [r["cands"][0]["pmi"] for r in rows if r["kind"] == kind]
        q = statistics.quantiles(pmis, n=4)
        print(f"PMI of the first candidate, {kind}: quartiles {q[0]:.1f} / {q[1]:.1f} / {q[2]:.1f} (n={len(pmis)})")


if __name__ == "__main__":
    main()
