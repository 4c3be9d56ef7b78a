"""Speed and memory benchmark for the embedded defaults (issue targets in brackets).

    .venv/bin/python scripts/bench.py [--questions 20] [--json]

Measures, on this machine:
- `rag index` on a fresh store, as a user runs it (process start, imports, model load)  [<= 10 s]
- `rag index` again on unchanged input (must embed 0 chunks)                           [<= 3 s]
- after warm-up, over the gold set's answerable questions: retrieval p95 [<= 50 ms],
  first token p50 [<= 1.5 s], full answer p50 [<= 3 s]; process RSS [<= 1.5 GB]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed_index(store: Path) -> tuple[float, dict]:
    env = {**os.environ, "RAG_STORE__PATH": str(store)}
    started = time.perf_counter()
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rag"), "index", "--json"], env=env, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - started, json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "storage"
        cold_s, cold = timed_index(store)
        rerun_s, rerun = timed_index(store)

        os.environ["RAG_STORE__PATH"] = str(store)
        from rag.engine import Engine
        from rag.evaluation.dataset import DEFAULT_DATASET, load_gold
        from rag.settings import load_settings

        t = time.perf_counter()
        engine = Engine.from_settings(load_settings())
        load_s = time.perf_counter() - t
        gold = load_gold(DEFAULT_DATASET, engine.info.article_text)
        questions = [i.question for i in gold.of_kind("answerable")][: args.questions]
        engine.ask("Who hosted the talks?")  # warm-up
        retrieve, first, total = [], [], []
        for q in questions:
            a = engine.ask(q)
            retrieve.append(a.timings.retrieve_ms)
            first.append(a.timings.first_token_ms)
            total.append(a.timings.total_ms)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    result = {
        "index_cold_s": round(cold_s, 2),
        "index_cold_chunks_embedded": cold["embedded"],
        "index_rerun_s": round(rerun_s, 2),
        "index_rerun_chunks_embedded": rerun["embedded"],
        "engine_load_s": round(load_s, 2),
        "questions": len(questions),
        "retrieve_ms_p95": round(percentile(retrieve, 0.95), 1),
        "first_token_ms_p50": round(percentile(first, 0.5), 1),
        "total_ms_p50": round(percentile(total, 0.5), 1),
        "total_ms_p95": round(percentile(total, 0.95), 1),
        "peak_rss_mb": round(rss_mb),
    }
    targets = {
        "index_cold_s": 10, "index_rerun_s": 3, "retrieve_ms_p95": 50,
        "first_token_ms_p50": 1500, "total_ms_p50": 3000, "peak_rss_mb": 1536,
    }  # fmt: skip
    if args.json:
        print(json.dumps({"result": result, "targets": targets}))
    else:
        for key, value in result.items():
            target = targets.get(key)
            verdict = "" if target is None else ("  ok" if value <= target else f"  MISSES target {target}")
            print(f"{key:28} {value}{verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
