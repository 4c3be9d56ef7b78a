"""Helpers for the HTTP service tests: a real uvicorn server on 127.0.0.1 in a thread, around an
app built by ``create_app`` (fake or slow models), and a deliberately slow model with a lock, to
watch the queue, the model lock and client disconnects."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from llama_index.core.base.llms.types import ChatMessage, ChatResponse, ChatResponseGen
from pydantic import PrivateAttr

from rag.engine import Engine
from rag.ingest.build import build_index
from rag.providers.fake import FakeLLM, HashEmbedding
from rag.server.app import create_app
from rag.settings import Settings
from tests.conftest import Server, free_port
from tests.support import fake_settings

ROOT = Path(__file__).resolve().parent.parent
ABSTAIN_QUESTION = "What is the capital of Peru?"  # nothing in the article: declined before any model call
QUESTION = "When were the Lachin corridor checkpoints installed?"


class SlowLLM(FakeLLM):
    """The fake writer's answer, repeated ``repeats`` times, one word per ``delay`` seconds, behind
    one lock like the embedded llama.cpp model. Records when each generation starts and ends."""

    delay: float = 0.03
    repeats: int = 3
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _log: list[tuple[str, float]] = PrivateAttr(default_factory=list)

    @property
    def events(self) -> list[tuple[str, float]]:
        """``("start" | "end" | "closed", time.monotonic())`` for every generation."""
        return self._log

    @property
    def locked(self) -> bool:
        return self._lock.locked()

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        text = " ".join([self._reply(messages)] * self.repeats)

        def gen() -> ChatResponseGen:
            with self._lock:
                self._log.append(("start", time.monotonic()))
                finished = False
                try:
                    sofar = ""
                    for piece in re.findall(r"\S+\s*", text):
                        time.sleep(self.delay)
                        sofar += piece
                        yield ChatResponse(message=ChatMessage(role="assistant", content=sofar), delta=piece)
                    finished = True
                finally:
                    self._log.append(("end" if finished else "closed", time.monotonic()))

        return gen()


@dataclass
class Built:
    """An index of the article made with the fake embeddings, and settings that find it."""

    settings: Settings
    embed: HashEmbedding = field(default_factory=HashEmbedding)

    def engine(self, llm: Any = None) -> Engine:
        return Engine.from_settings(self.settings, llm=llm or FakeLLM(), embed_model=self.embed)


def build(tmp_path: Path, **overrides: Any) -> Built:
    built = Built(fake_settings(tmp_path, **overrides))
    build_index(built.settings, embed_model=built.embed)
    return built


@dataclass
class Running:
    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start(settings: Settings, factory: Callable[[], Engine], *, wait_ready: bool = True, port: int) -> Running:
    """Serve ``create_app(settings)`` with real uvicorn on 127.0.0.1:``port`` in a thread."""
    app = create_app(settings, engine_factory=factory)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    running = Running(f"http://127.0.0.1:{port}", server, thread)
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    while wait_ready and httpx.get(f"{running.url}/readyz").status_code != 200:
        if time.monotonic() > deadline:
            raise RuntimeError("the app did not become ready")
        time.sleep(0.05)
    return running


def with_server(settings: Settings, **server: Any) -> Settings:
    """``settings`` with some ``RAG_SERVER__*`` keys changed."""
    return settings.model_copy(update={"server": settings.server.model_copy(update=server)})


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The checkout first on the path (its `rag`, not an installed one), the fake models, a store
    under ``tmp_path``."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "PYTHONUNBUFFERED": "1", "RAG_PROFILE": "fake",
            "RAG_STORE__PATH": str(tmp_path / "store"), **extra}  # fmt: skip


def rag(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rag", *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )


def serve(tmp_path: Path, env: dict[str, str], *args: str) -> Server:
    """`python -m rag serve` as a child process on a free port of 127.0.0.1; its log in ``tmp_path``."""
    port = free_port()
    command = [sys.executable, "-m", "rag", "serve", "--port", str(port), *args]
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path, env=env)
    server = Server(f"http://127.0.0.1:{port}", port, process, log)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{server.url}/healthz", timeout=1)
            return server
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                server.stop()
                raise RuntimeError(f"rag serve did not start:\n{log.read_text()[-2000:]}") from None
            time.sleep(0.1)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)
