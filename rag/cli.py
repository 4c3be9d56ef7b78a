"""The ``rag`` command: index, ask, chat, config, doctor, eval.

A thin caller of :class:`rag.engine.Engine` and :func:`rag.ingest.build.build_index`. Every
:class:`RagError` becomes one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any, TextIO

from rag.answer import Answer, Final, TextDelta, Turn
from rag.errors import RagError
from rag.retrieval.lexical import clip
from rag.settings import Settings, load_settings, redacted

EXIT_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _quiet_libraries()
    try:
        settings = load_settings(**({"profile": args.profile} if args.profile else {}))
        return int(args.func(args, settings) or 0)
    except RagError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rag", description="Question answering over an article, with verified citations."
    )
    parser.add_argument("--profile", help="settings preset (overrides RAG_PROFILE)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="build or refresh the index")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--rebuild", action="store_true", help="rebuild this model's collection from scratch")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="answer questions ('-' reads one per line from stdin)")
    p.add_argument("question", nargs="+", help="one quoted question per argument, or the words of one question")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--top-k", type=int, help="passages to retrieve")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="interactive chat in the terminal")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("config", help="print the resolved settings (secrets masked)")
    p.set_defaults(func=cmd_config)

    p = sub.add_parser("doctor", help="check models, servers and the index")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("eval", help="run the evaluation and write a report")
    p.add_argument("--dataset", help="gold set (JSONL); default eval/gold.jsonl")
    p.add_argument("--profile", dest="profiles", action="append", help="profile to compare (repeatable)")
    p.add_argument("--out", default="eval/report", help="output directory")
    p.add_argument("--limit", type=int, help="only the first N records (smoke runs)")
    p.add_argument("--check", action="store_true", help="only validate the gold set against the article")
    p.add_argument("--suite", choices=["gold", "perturbations"], default="gold",
                   help="gold: the question set (default); perturbations: the support check's edit suites")  # fmt: skip
    p.set_defaults(func=cmd_eval)
    return parser


# -- commands ---------------------------------------------------------------------------------


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from rag.ingest.build import build_index

    bar = _progress_bar(disable=args.json)
    try:
        report = build_index(settings, progress=bar.update_to if bar is not None else None, rebuild=args.rebuild)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        print(json.dumps({"chunks": report.chunks, "embedded": report.embedded,
                          "collection": report.collection, "seconds": round(report.seconds, 3)}))  # fmt: skip
    else:
        print(f"chunks: {report.chunks} (embedded this run: {report.embedded})")
        print(f"collection: {report.collection} ({report.dimension} dims)")
        print(f"seconds: {report.seconds:.2f}")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from rag.engine import Engine

    questions = _questions(args.question, sys.stdin)
    engine = Engine.from_settings(settings)
    failed = False
    for question in questions:
        try:
            if args.json:
                answer = engine.ask(question, top_k=args.top_k)
                print(json.dumps(answer_json(answer), ensure_ascii=False), flush=True)
            else:
                _print_streamed(engine.stream(question, top_k=args.top_k), sys.stdout)
        except RagError as err:
            failed = True
            if args.json:
                print(json.dumps({"question": question, "error": str(err)}, ensure_ascii=False), flush=True)
            else:
                print(f"error: {err}", file=sys.stderr)
    return EXIT_ERROR if failed else 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from rag.engine import Engine

    print("Loading models…", file=sys.stderr)
    engine = Engine.from_settings(settings)
    print(f"Ask about: {engine.info.title}\n(/new starts over, /quit or Ctrl-D leaves)\n")
    history: list[Turn] = []
    while True:
        try:
            question = input("you> ").strip()
        except EOFError:
            print()
            return 0
        if question in ("/quit", "/exit"):
            return 0
        if question == "/new":
            history.clear()
            print("(new chat)")
            continue
        if not question:
            continue
        try:
            print("rag> ", end="", flush=True)
            answer = _print_streamed(engine.stream(question, history), sys.stdout)
            history.append(Turn(question, answer.text))
        except RagError as err:
            print(f"\nerror: {err}")


def cmd_config(args: argparse.Namespace, settings: Settings) -> int:
    print(json.dumps(redacted(settings), indent=2, ensure_ascii=False))
    return 0


def cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    from rag.doctor import run_checks

    ok = True
    for check in run_checks(settings):
        ok &= check.ok
        print(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail}")
    return 0 if ok else EXIT_ERROR


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    if args.suite == "perturbations":
        from rag.evaluation.perturbations import run

        return run(pathlib.Path(args.out), settings)
    from rag.evaluation.run import run_eval

    return run_eval(args, settings)


# -- helpers ----------------------------------------------------------------------------------


def answer_json(answer: Answer) -> dict[str, Any]:
    """The documented ``rag ask --json`` object."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "abstained": answer.abstained,
        "citations": [asdict(c) for c in answer.citations],
        "passages": [
            {"text": p.text, "start": p.start, "end": p.end, "score": round(p.score, 5)} for p in answer.passages
        ],
        "dropped": [{"text": d.text, "reason": d.reason} for d in answer.dropped],
        "timings": {
            "retrieve_ms": answer.timings.retrieve_ms,
            "first_token_ms": answer.timings.first_token_ms,
            "total_ms": answer.timings.total_ms,
        },
    }


def _questions(args: list[str], stdin: TextIO) -> list[str]:
    if args == ["-"]:
        return [line.strip() for line in stdin if line.strip()]
    if len(args) > 1 and any(" " in a.strip() for a in args):
        return args  # several quoted questions
    return [" ".join(args)]  # the words of one question


def _print_streamed(events: Iterable[Any], out: TextIO) -> Answer:
    answer: Answer | None = None
    for event in events:
        if isinstance(event, TextDelta):
            out.write(event.text)
            out.flush()
        elif isinstance(event, Final):
            answer = event.answer
    assert answer is not None
    out.write("\n")
    if answer.abstained:
        for p in answer.passages[:2]:
            out.write(f"  closest passage ({p.start}-{p.end}): {clip(p.text, 160)}\n")
    for c in answer.citations:
        out.write(f"  [{c.n}] “{c.quote}” (chars {c.start}-{c.end})\n")
    out.write("\n")
    return answer


def _progress_bar(disable: bool) -> Any:
    if disable:
        return None
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[type-arg]
        def update_to(self, done: int, total: int) -> None:
            self.total = total
            self.update(done - self.n)

    return Bar(desc="embedding chunks", unit="chunk", file=sys.stderr)


def _quiet_libraries() -> None:
    import logging
    import os
    import warnings

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    warnings.filterwarnings("ignore")
    for name in ("chromadb", "httpx", "sentence_transformers", "transformers", "llama_index"):
        logging.getLogger(name).setLevel(logging.ERROR)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
