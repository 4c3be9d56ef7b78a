"""Benchmark `rag serve` on the embedded default: latency, throughput, overhead, memory.

    .venv/bin/python scripts/bench_api.py                   # ~3-4 minutes on an idle 2-core machine
    .venv/bin/python scripts/bench_api.py --seconds 20 --questions 6 --out bench_api.json

It builds a fresh index in a temporary directory, starts `rag serve` (a child process on
127.0.0.1), and loads the same engine in this process. Then:

1. **Idle, one request at a time**, the same gold questions three ways, interleaved: in process
   (``Engine.stream``: first token and total), ``POST /v1/answer/stream`` (first ``text`` event and
   total) and ``POST /v1/answer``. The HTTP overhead is measured on the very same request, so it
   does not depend on how long generation took: the client's time minus the engine's own
   ``total_ms`` (``/v1/answer``), and the client's first ``text`` event minus the engine's own
   ``first_token_ms`` (``/v1/answer/stream``).
2. **Load**: 1, 4 and 16 clients, each asking gold questions in a loop through
   ``/v1/answer/stream`` for ``--seconds``; throughput, p50/p95 latency, first-event time, errors.
   While the clients keep the model busy, a prober asks the gold set's unanswerable questions that
   the engine declines before any model call (found in process first), and their latency is reported.
3. The server's peak RSS (``VmHWM``).

Everything is printed as JSON (and written to ``--out``), with the load average before and after:
timings depend on what else runs on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag.answer import Final, TextDelta  # noqa: E402
from rag.engine import Engine  # noqa: E402
from rag.settings import load_settings  # noqa: E402

LEVELS = (1, 4, 16)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each load level")
    parser.add_argument("--questions", type=int, default=10, help="gold questions for the idle comparison")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)), help="concurrent clients, comma-separated")
    parser.add_argument("--out", help="also write the JSON report here")
    args = parser.parse_args()

    answerable, declined = gold_questions()
    report: dict[str, Any] = {"load_average_before": os.getloadavg(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "RAG_STORE__PATH": f"{tmp}/store", "RAG_PROFILE": "embedded"}
        subprocess.run(
            [sys.executable, "-m", "rag", "index", "--json"], env=env, cwd=tmp, check=True, capture_output=True
        )
        server = start_server(env, tmp)
        try:
            engine = Engine.from_settings(load_settings(env_file=None, store={"path": f"{tmp}/store"}))
            url = server["url"]
            warm_up(url, engine, answerable[0])
            report["idle"] = idle_comparison(url, engine, answerable[: args.questions])
            # the prober asks only what the engine declines before any model call
            declined = [q for q in declined if engine.ask(q).mode == "abstained"]
            report["declined_before_the_model"] = len(declined)
            del engine  # the load phases measure the server alone
            report["load"] = [load_level(url, n, args.seconds, answerable, declined) for n in parse_levels(args.levels)]
            report["server_peak_rss_mb"] = peak_rss_mb(server["process"].pid)
        finally:
            server["process"].terminate()
            server["process"].wait(timeout=20)
    report["load_average_after"] = os.getloadavg()
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    print_table(report, file=sys.stderr)
    return 0


# -- set-up -----------------------------------------------------------------------------------------


def gold_questions() -> tuple[list[str], list[str]]:
    answerable, unanswerable = [], []
    for line in (ROOT / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("kind") == "answerable":
            answerable.append(record["question"])
        elif record.get("kind") == "unanswerable":
            unanswerable.append(record["question"])
    return answerable, unanswerable


def parse_levels(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def start_server(env: dict[str, str], tmp: str) -> dict[str, Any]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(f"{tmp}/serve.log", "wb")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(
        [sys.executable, "-m", "rag", "serve", "--port", str(port)], env=env, cwd=tmp, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return {"url": url, "process": process}
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"rag serve did not become ready: {Path(tmp, 'serve.log').read_text()[-2000:]}")
        time.sleep(0.2)


def warm_up(url: str, engine: Engine, question: str) -> None:
    engine.ask(question)
    httpx.post(f"{url}/v1/answer", json={"question": question}, timeout=300)


# -- measurements -----------------------------------------------------------------------------------


def stream_http(client: httpx.Client, url: str, question: str) -> tuple[float, float, dict[str, Any]]:
    """(first text event ms, total ms, final answer) of one ``/v1/answer/stream`` request."""
    started = time.perf_counter()
    first = 0.0
    final: dict[str, Any] = {}
    name = ""
    with client.stream("POST", f"{url}/v1/answer/stream", json={"question": question}) as response:
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.read()[:200]!r}")
        for line in response.iter_lines():
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                if name == "text" and not first:
                    first = ms(started)
                elif name == "final":
                    final = json.loads(line[5:])
                elif name == "error":
                    raise RuntimeError(line)
    return first, ms(started), final


def idle_comparison(url: str, engine: Engine, questions: list[str]) -> dict[str, Any]:
    rows = []
    with httpx.Client(timeout=300) as client:
        for question in questions:
            started = time.perf_counter()
            first_token = 0.0
            for event in engine.stream(question):
                if isinstance(event, TextDelta) and not first_token:
                    first_token = ms(started)
                elif isinstance(event, Final):
                    pass
            in_process = ms(started)
            first_event, streamed, final = stream_http(client, url, question)
            started = time.perf_counter()
            answer = client.post(f"{url}/v1/answer", json={"question": question}).json()
            wall = ms(started)
            rows.append({
                "question": question,
                "in_process_first_token_ms": first_token, "in_process_total_ms": in_process,
                "http_first_event_ms": first_event, "http_stream_total_ms": streamed,
                "first_event_overhead_ms": round(first_event - final["timings"]["first_token_ms"], 1),
                "http_answer_ms": wall, "engine_total_ms": answer["timings"]["total_ms"],
                "overhead_ms": round(wall - answer["timings"]["total_ms"], 1),
            })  # fmt: skip
    first_gap = [r["http_first_event_ms"] - r["in_process_first_token_ms"] for r in rows]
    return {
        "questions": len(rows),
        "overhead_ms": summary([r["overhead_ms"] for r in rows]),
        "in_process_first_token_ms": summary([r["in_process_first_token_ms"] for r in rows]),
        "http_first_event_ms": summary([r["http_first_event_ms"] for r in rows]),
        "first_event_minus_first_token_ms": summary(first_gap),
        # the same request: the client's first `text` event minus the engine's own first_token_ms
        "first_event_overhead_ms": summary([r["first_event_overhead_ms"] for r in rows]),
        "in_process_total_ms": summary([r["in_process_total_ms"] for r in rows]),
        "http_answer_ms": summary([r["http_answer_ms"] for r in rows]),
        "rows": rows,
    }


@dataclass
class Level:
    latencies: list[float] = field(default_factory=list)
    first_events: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    declines: list[float] = field(default_factory=list)
    declines_while_busy: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def load_level(url: str, clients: int, seconds: float, answerable: list[str], declined: list[str]) -> dict[str, Any]:
    level = Level()
    stop_at = time.monotonic() + seconds

    def client_loop(index: int) -> None:
        with httpx.Client(timeout=600) as client:
            i = index
            while time.monotonic() < stop_at:
                question = answerable[i % len(answerable)]
                i += clients
                try:
                    first, total, _ = stream_http(client, url, question)
                    with level.lock:
                        level.latencies.append(total)
                        level.first_events.append(first)
                except Exception as exc:  # counted and reported, never fatal
                    with level.lock:
                        level.errors.append(f"{type(exc).__name__}: {exc}"[:200])

    def prober() -> None:
        with httpx.Client(timeout=600) as client:
            i = 0
            while time.monotonic() < stop_at:
                busy = client.get(f"{url}/readyz").json()["generating"] > 0
                started = time.perf_counter()
                response = client.post(f"{url}/v1/answer", json={"question": declined[i % len(declined)]})
                took = ms(started)
                i += 1
                if response.status_code == 200 and response.json()["mode"] == "abstained":
                    level.declines.append(took)
                    if busy and client.get(f"{url}/readyz").json()["generating"] > 0:
                        level.declines_while_busy.append(took)
                time.sleep(0.25)

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    if declined:
        threads.append(threading.Thread(target=prober))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "answers": len(level.latencies),
        "throughput_per_s": round(len(level.latencies) / elapsed, 3),
        "errors": len(level.errors),
        "error_samples": level.errors[:3],
        "latency_ms": summary(level.latencies),
        "first_event_ms": summary(level.first_events),
        "declines_ms": summary(level.declines),
        "declines_while_model_busy_ms": summary(level.declines_while_busy),
    }


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def summary(values: list[float]) -> dict[str, float | int]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))], 1),
        "max": round(ordered[-1], 1),
    }


def ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)


def print_table(report: dict[str, Any], file: Any) -> None:
    idle = report["idle"]
    overhead, gap = idle["overhead_ms"], idle["first_event_minus_first_token_ms"]
    print(f"\nload average before/after: {report['load_average_before']} / {report['load_average_after']}", file=file)
    print(f"HTTP overhead per request (p50/p95): {overhead.get('p50')} / {overhead.get('p95')} ms", file=file)
    print(f"first SSE text event minus in-process first token (p50): {gap.get('p50')} ms", file=file)
    first = idle["first_event_overhead_ms"]
    same = f"{first.get('p50')} / {first.get('p95')} ms"
    print(f"first SSE text event minus the engine's first token, same request (p50/p95): {same}", file=file)
    print("clients  answers/s  p50 ms  p95 ms  first event p50  errors  declines while busy p95", file=file)
    for row in report["load"]:
        busy = row["declines_while_model_busy_ms"]
        print(
            f"{row['clients']:>7}  {row['throughput_per_s']:>9}  {row['latency_ms'].get('p50', '-'):>6}  "
            f"{row['latency_ms'].get('p95', '-'):>6}  {row['first_event_ms'].get('p50', '-'):>15}  {row['errors']:>6}  "
            f"{busy.get('p95', '-'):>5} (n={busy['n']})",
            file=file,
        )
    print(f"server peak RSS: {report['server_peak_rss_mb']} MB", file=file)


if __name__ == "__main__":
    raise SystemExit(main())
