"""The ``rag`` command: index, ask, chat, serve, config, doctor, eval.

A thin caller of :class:`rag.engine.Engine` and :func:`rag.ingest.build.build_index`. Every
:class:`RagError` becomes one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, NoReturn, TextIO

from rag.answer import Answer, Final, TextDelta, Turn
from rag.errors import QuestionError, RagError, SettingsInvalidError
from rag.retrieval.lexical import clip
from rag.settings import TOP_K_RANGE, Settings, load_settings, redacted

EXIT_ERROR = 2  # a problem the user can fix: one line on stderr says what
EXIT_INTERNAL = 1  # a bug: one line on stderr (RAG_DEBUG=1 shows the traceback)
_SURROGATES = re.compile("[\ud800-\udfff]")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error, already printed on one line
        return int(exit_.code or 0)
    _quiet_libraries()
    try:
        settings = _settings(args)
        return int(args.func(args, settings) or 0)
    except RagError as err:
        _fail(f"error: {err}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, never a traceback (unless asked for)
        if os.environ.get("RAG_DEBUG"):
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (rerun with RAG_DEBUG=1 for the traceback)")
        return EXIT_INTERNAL


def _settings(args: argparse.Namespace) -> Settings | None:
    """The settings; ``rag doctor`` gets ``None`` for invalid ones and reports each problem."""
    try:
        return load_settings(**({"profile": args.profile} if args.profile else {}))
    except SettingsInvalidError as err:
        if args.func is cmd_doctor:
            args.settings_problems = err.problems
            return None
        raise


def _fail(message: str) -> None:
    """One line on stderr, whatever the message holds."""
    print(one_line(message), file=sys.stderr, flush=True)


def one_line(text: str) -> str:
    return " ".join(_SURROGATES.sub("\ufffd", text).split())


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        _fail(f"error: {message} (see `{self.prog} --help`)")
        raise SystemExit(EXIT_ERROR)


def _top_k(text: str) -> int:
    low, high = TOP_K_RANGE
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--top-k must be a whole number from {low} to {high}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"--top-k must be from {low} to {high} (got {value})")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rag", description="Question answering over an article, with verified citations.")
    parser.add_argument("--profile", help="settings preset (overrides RAG_PROFILE)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="build or refresh the index")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--rebuild", action="store_true", help="rebuild this model's collection from scratch")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="answer questions ('-' reads one per line from stdin)")
    p.add_argument("question", nargs="+", help="one quoted question per argument, or the words of one question")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--top-k", type=_top_k, help=f"passages to retrieve ({TOP_K_RANGE[0]}-{TOP_K_RANGE[1]})")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="interactive chat in the terminal")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("serve", help="HTTP service: OpenAI-compatible chat with verified citations")
    p.add_argument("--host", help="address to listen on (default RAG_SERVER__HOST, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default RAG_SERVER__PORT, 8000)")
    p.set_defaults(func=cmd_serve)

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

    # a bar only for a person watching: a pipe or a log gets the result lines alone
    bar = _progress_bar(disable=args.json or not _isatty(sys.stderr))
    try:
        report = build_index(settings, progress=bar.update_to if bar is not None else None, rebuild=args.rebuild)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        print(json_line({"chunks": report.chunks, "embedded": report.embedded, "collection": report.collection,
                         "seconds": round(report.seconds, 3),
                         **({"flagged": report.flagged} if report.flagged else {}),
                         **({"repaired": report.repaired} if report.repaired else {})}))  # fmt: skip
    else:
        if report.repaired:
            print(f"repaired: {report.repaired}")
        print(f"chunks: {report.chunks} (embedded this run: {report.embedded})")
        print(f"collection: {report.collection} ({report.dimension} dims)")
        if report.flagged:
            print(f"flagged: {report.flagged} sentence(s) instruct a reader or an assistant; never used as evidence")
        print(f"seconds: {report.seconds:.2f}")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer each question. With ``-``, every stdin line gets exactly one result, in order: one
    JSON line with ``--json`` (an ``error`` object for a blank or unreadable line), else the answer
    on stdout or one ``error: line N: ...`` line on stderr."""
    from rag.engine import Engine

    batch = args.question == ["-"]
    questions = read_questions(sys.stdin) if batch else _argv_questions(args.question)
    if not questions:
        raise QuestionError("no questions on stdin: `rag ask -` reads one question per line")
    engine = Engine.from_settings(settings)
    failed = False
    for line in questions:
        where = {"line": line.number} if batch else {}
        try:
            if line.problem:
                raise QuestionError(line.problem)
            if args.json:
                answer = engine.ask(line.text, top_k=args.top_k)
                print(json_line({**where, **answer_json(answer)}), flush=True)
            else:
                _print_streamed(engine.stream(line.text, top_k=args.top_k), sys.stdout)
        except RagError as err:
            failed = True
            if args.json:
                print(json_line({**where, "question": line.text, "error": one_line(str(err))}), flush=True)
            else:
                _fail(f"error: line {line.number}: {err}" if batch else f"error: {err}")
    return EXIT_ERROR if failed else 0


@dataclass(frozen=True)
class InputLine:
    number: int  # 1-based line number on stdin
    text: str  # as read; undecodable bytes replaced by U+FFFD
    problem: str = ""  # why it cannot be asked as read


def read_questions(stdin: TextIO) -> list[InputLine]:
    """The lines of ``stdin``: split on ``\\n`` only (a ``\\r\\n`` ending counts as one; a last
    line without ``\\n`` counts; a final ``\\n`` adds no empty line). Bytes that are not UTF-8 are
    replaced and make that line an error."""
    buffer = getattr(stdin, "buffer", None)
    data: bytes | str = buffer.read() if buffer is not None else stdin.read()
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    parts = raw.split(b"\n")
    if parts[-1] == b"":
        parts.pop()
    lines = []
    for number, part in enumerate(parts, 1):
        part = part.removesuffix(b"\r")
        try:
            lines.append(InputLine(number, part.decode("utf-8")))
        except UnicodeDecodeError:
            text = part.decode("utf-8", "replace")
            lines.append(InputLine(number, _SURROGATES.sub("\ufffd", text), _not_utf8(f"line {number}")))
    return lines


def _argv_questions(words: list[str]) -> list[InputLine]:
    """Several quoted questions, or the words of one question."""
    texts = words if len(words) > 1 and any(" " in w.strip() for w in words) else [" ".join(words)]
    lines = []
    for number, text in enumerate(texts, 1):
        if _SURROGATES.search(text):  # the shell passed bytes that are not UTF-8
            lines.append(InputLine(number, _SURROGATES.sub("\ufffd", text), _not_utf8("the question")))
        else:
            lines.append(InputLine(number, text))
    return lines


def _not_utf8(what: str) -> str:
    return f"{what} is not valid UTF-8 (the undecodable bytes are shown as \ufffd); send UTF-8 text"


def json_line(obj: dict[str, Any]) -> str:
    """One line of JSON that is valid UTF-8 whatever ``obj`` holds (lone surrogates replaced);
    plain ASCII when stdout cannot take UTF-8."""
    text = json.dumps(_no_surrogates(obj), ensure_ascii=False)
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return text if encoding == "utf8" else json.dumps(_no_surrogates(obj), ensure_ascii=True)


def _no_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATES.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_surrogates(v) for v in value]
    return value


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


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from rag.server.run import serve

    serve(settings, host=args.host, port=args.port)
    return 0


def cmd_config(args: argparse.Namespace, settings: Settings) -> int:
    print(json.dumps(redacted(settings), indent=2, ensure_ascii=False))
    return 0


def cmd_doctor(args: argparse.Namespace, settings: Settings | None) -> int:
    from rag.doctor import run_checks

    if settings is None:  # invalid settings: one line for each, nothing else can be checked
        for _, problem in args.settings_problems:
            print(f"FAIL settings: {one_line(problem)}")
        return EXIT_ERROR
    ok = True
    for check in run_checks(settings):
        ok &= check.ok
        print(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {one_line(check.detail)}")
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


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


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
