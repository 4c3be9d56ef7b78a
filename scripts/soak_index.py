"""Crash and concurrency soak for the index (the fake profile, so it runs in seconds a round).

    python scripts/soak_index.py --kills 10 --rebuilds 3 --readers 2 [--seed 1] [--json]

1. **kill -9**: ``rag index`` (alternately ``--rebuild``) is killed at a random moment, ``--kills``
   times. After each kill the next ``rag index`` must succeed, and the store must then be
   consistent: one complete collection, the chunk count of a clean build, no duplicate ids, a
   correct answer.
2. **readers during --rebuild**: ``--readers`` processes ask in a loop (each ask opens the index
   afresh, and one long-lived engine keeps asking too) while ``rag index --rebuild`` runs
   ``--rebuilds`` times. Every ask must succeed.

Prints the counts (and exits 1 if any round failed). The test suite runs a short version of both
(tests/test_reliability.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "When were the Lachin corridor checkpoints installed?"
EXPECTED = "April 23"

# Runs in a child process: the store as a new reader sees it.
CHECK = """
import json, sys
from collections import Counter
from rag.settings import load_settings
from rag.ingest.store import list_manifests, find_active
from rag.ingest.article import load_article
from rag.ingest.chunker import chunk_text
from rag.providers.store import make_chroma_client
from rag.providers.embeddings import embed_key
from rag.engine import Engine
s = load_settings(env_file=None)
client = make_chroma_client(s.store)
collection, manifest = find_active(client, embed_key(s.embed))
ids = collection.get(include=[])["ids"]
article = load_article(s.index.article_path)
expected = len(chunk_text(article.text, s.index.chunk_size, s.index.chunk_overlap))
answer = Engine.from_settings(s).ask(sys.argv[1])
print(json.dumps({"collections": len(list_manifests(client)), "chunks": len(ids), "expected": expected,
                  "duplicates": sum(n - 1 for n in Counter(ids).values()), "answer": answer.text}))
"""

# Runs in each reader process until the stop file appears.
READER = """
import json, os, sys
from pathlib import Path
from rag.settings import load_settings
from rag.engine import Engine
question, expected, stop, ready = sys.argv[1:5]
s = load_settings(env_file=None)
kept = None
asks = failures = 0
errors = []
while not os.path.exists(stop):
    for fresh in (True, False):
        asks += 1
        try:
            engine = Engine.from_settings(s) if fresh or kept is None else kept
            kept = kept or engine
            text = engine.ask(question).text
            ok = expected in text
            if not ok:
                errors.append("wrong answer: " + text[:80])
        except Exception as exc:
            ok = False
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
        failures += not ok
        Path(ready).touch()
print(json.dumps({"asks": asks, "failures": failures, "errors": errors[:5]}))
"""


def env_for(store: Path, **extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    return {
        **clean,
        "PYTHONPATH": str(ROOT) + os.pathsep + clean.get("PYTHONPATH", ""),
        "RAG_PROFILE": "fake",
        "RAG_STORE__PATH": str(store),
        "RAG_EMBED__BATCH_SIZE": "1",  # one write per chunk: many moments to be killed in
        **extra,
    }


def rag(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rag", *args], env=env, capture_output=True, text=True, cwd=ROOT)


def check(env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", CHECK, QUESTION], env=env, capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["consistent"] = (
        result["collections"] == 1
        and result["chunks"] == result["expected"]
        and not result["duplicates"]
        and EXPECTED in result["answer"]
    )
    return result


def kill_rounds(kills: int, seed: int, work: Path) -> dict[str, Any]:
    """``kills`` times: start ``rag index`` (every other one ``--rebuild``), kill -9 it at a random
    moment within a clean run's duration, run ``rag index``, check the store."""
    rng = random.Random(seed)
    env = env_for(work / "kill-store")
    started = time.perf_counter()
    first = rag("index", "--json", env=env)
    clean_s = time.perf_counter() - started
    if first.returncode:
        raise SystemExit(f"clean build failed: {first.stderr.strip()}")
    consistent = 0
    rounds = []
    for i in range(kills):
        args = ["index", "--json"] + (["--rebuild"] if i % 2 == 0 else [])
        proc = subprocess.Popen([sys.executable, "-m", "rag", *args], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        delay = rng.uniform(0.2, clean_s)
        time.sleep(delay)
        killed = proc.poll() is None
        proc.kill()
        proc.wait()
        after = rag("index", "--json", env=env)
        state = check(env) if after.returncode == 0 else {"error": after.stderr.strip()[-300:]}
        consistent += bool(state.get("consistent"))
        rounds.append({"delay_s": round(delay, 2), "killed_mid_run": killed, **state})
    return {"kills": kills, "consistent": consistent, "clean_run_s": round(clean_s, 2), "rounds": rounds}


def rebuild_under_readers(rebuilds: int, readers: int, work: Path) -> dict[str, Any]:
    """Readers ask in a loop while ``rag index --rebuild`` runs ``rebuilds`` times."""
    env = env_for(work / "read-store")
    if rag("index", "--json", env=env).returncode:
        raise SystemExit("initial build failed")
    stop = work / "stop"
    ready = [work / f"ready-{i}" for i in range(readers)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", READER, QUESTION, EXPECTED, str(stop), str(ready[i])],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(readers)
    ]
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in ready) and time.monotonic() < deadline:  # every reader is asking
        time.sleep(0.2)
    built = [rag("index", "--json", "--rebuild", env=env).returncode == 0 for _ in range(rebuilds)]
    stop.touch()
    results = [_reader_result(p) for p in procs]
    return {
        "rebuilds": rebuilds,
        "rebuilds_ok": sum(built),
        "readers": readers,
        "asks": sum(r["asks"] for r in results),
        "failures": sum(r["failures"] for r in results),
        "errors": [e for r in results for e in r["errors"]][:5],
    }


def _reader_result(proc: subprocess.Popen[str]) -> dict[str, Any]:
    """A reader's counts; a reader that died counts as one failed ask, with its last words."""
    out, err = proc.communicate(timeout=300)
    lines = out.strip().splitlines()
    if proc.returncode == 0 and lines:
        return dict(json.loads(lines[-1]))
    last = err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}"
    return {"asks": 1, "failures": 1, "errors": [f"reader died: {last}"[:200]]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--rebuilds", type=int, default=3)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rag-soak-") as tmp:
        work = Path(tmp)
        result: dict[str, Any] = {}
        if args.kills:
            result["kill"] = kill_rounds(args.kills, args.seed, work)
        if args.rebuilds:
            result["concurrency"] = rebuild_under_readers(args.rebuilds, args.readers, work)
    ok = result.get("kill", {}).get("consistent", 0) == args.kills and not result.get("concurrency", {}).get("failures")
    ok = ok and result.get("concurrency", {}).get("rebuilds_ok", args.rebuilds) == args.rebuilds
    if args.json:
        print(json.dumps(result))
    else:
        if "kill" in result:
            k = result["kill"]
            print(f"kill -9 during rag index, then rag index: {k['consistent']} of {k['kills']} consistent")
        if "concurrency" in result:
            c = result["concurrency"]
            print(
                f"asks failing during {c['rebuilds']} rebuilds: {c['failures']} of {c['asks']} ({c['readers']} readers)"
            )
            for error in c["errors"]:
                print("  ", error)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
