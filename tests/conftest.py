"""Shared fixtures: an isolated environment, settings on ``tmp_path``, the CLI, and real servers.

Servers (llama-cpp-python's OpenAI-compatible server, ``chroma run``) listen on 127.0.0.1 on free
ports, start once per session and are reused; their logs are kept, so tests can check that a
request really reached them. Nothing here reads the real ``.env`` or touches ``storage/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.providers.bundled import smollm2_gguf
from rag.settings import DEFAULT_ARTICLE, Settings
from tests import support

BIN = Path(sys.executable).parent  # the virtualenv's bin: python, rag, chroma
LLM_ALIAS = "smollm2"
EMBED_ALIAS = "smollm2-embed"
SERVER_KEY = "sk-server-side-key-9d3b1f"  # what the key-protected server accepts
START_TIMEOUT_S = 120.0


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No RAG_* or OPENAI_* variable of the developer's shell reaches a test."""
    for name in list(os.environ):
        if name.startswith(("RAG_", "OPENAI_")):
            monkeypatch.delenv(name)


def free_port() -> int:
    """A TCP port nothing listens on right now (127.0.0.1)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def fake_settings(tmp_path: Path) -> Callable[..., Settings]:
    """``fake_settings(**sections)``: the fake profile, storage under ``tmp_path``, no ``.env``."""

    def make(**overrides: Any) -> Settings:
        return support.fake_settings(tmp_path, **overrides)

    return make


# -- the CLI ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


RagCli = Callable[..., CliResult]


@pytest.fixture
def rag_cli(tmp_path: Path) -> RagCli:
    """``rag_cli(*args, env={...}, stdin="", timeout=...)``: run ``rag`` in a child process.

    It runs in ``tmp_path`` (so no ``.env`` is read) with only the given ``RAG_*`` variables.
    """
    workdir = tmp_path / "cwd"
    workdir.mkdir(exist_ok=True)

    def run(*args: str, env: dict[str, str] | None = None, stdin: str = "", timeout: float = 120) -> CliResult:
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", "HF_HUB_OFFLINE": "1", **(env or {})}
        started = time.perf_counter()
        proc = subprocess.run(
            [str(BIN / "rag"), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=workdir,
            env=full_env,
            timeout=timeout,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - started)

    return run


# -- servers ----------------------------------------------------------------------------------


@dataclass
class Server:
    """A server process on 127.0.0.1 with its log."""

    url: str  # the base URL clients are given (``.../v1`` for OpenAI-compatible servers)
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def requests_to(self, path: str) -> int:
        """How many requests for ``path`` the server has logged so far."""
        return sum(1 for line in self.log.read_text(errors="replace").splitlines() if path in line and "HTTP/1" in line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(command: list[str], *, port: int, url: str, ready_path: str, log: Path) -> Server:
    """Start ``command`` and wait until ``ready_path`` answers (any HTTP status)."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)
    server = Server(url, port, process, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{command[0]} exited with {process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}{ready_path}", timeout=1.0)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{command[0]} did not answer on port {port} within {START_TIMEOUT_S:.0f} s")


def llama_server(directory: Path, *extra: str, alias: str = LLM_ALIAS, n_ctx: int = 4096) -> Server:
    """llama-cpp-python's OpenAI-compatible server on the bundled SmolLM2 GGUF."""
    port = free_port()
    command = [
        str(BIN / "python"), "-m", "llama_cpp.server",
        "--model", str(smollm2_gguf()), "--model_alias", alias,
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx), "--verbose", "False",
        # one thread each: several servers share 2 cores in CI, and llama.cpp's OpenMP threads
        # spin-wait badly when they have to take turns
        "--n_threads", "1", "--n_threads_batch", "1",
        *extra,
    ]  # fmt: skip
    return start_server(
        command, port=port, url=f"http://127.0.0.1:{port}/v1", ready_path="/v1/models", log=directory / f"{alias}.log"
    )


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Chat completions, no key: serves the model as ``smollm2``."""
    server = llama_server(tmp_path_factory.mktemp("llm-server"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def embed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``/v1/embeddings`` on the same GGUF, served as ``smollm2-embed`` (576 dimensions).

    SmolLM2 is a chat model whose GGUF declares no pooling, so llama.cpp would return one vector
    per token; the override makes it mean-pool into one vector per text.
    """
    server = llama_server(
        tmp_path_factory.mktemp("embed-server"),
        "--embedding", "true", "--kv_overrides", "llama.pooling_type=int:1",
        alias=EMBED_ALIAS, n_ctx=512,
    )  # fmt: skip
    yield server
    server.stop()


@pytest.fixture(scope="session")
def keyed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Like ``llm_server`` but every request needs ``Authorization: Bearer SERVER_KEY``."""
    server = llama_server(tmp_path_factory.mktemp("keyed-server"), "--api_key", SERVER_KEY, n_ctx=1024)
    yield server
    server.stop()


@pytest.fixture
def short_lived_llm_server(tmp_path: Path) -> Iterator[Server]:
    """A server of the test's own, for tests that stop it."""
    server = llama_server(tmp_path, n_ctx=2048)
    yield server
    server.stop()


def chroma(directory: Path) -> Server:
    """``chroma run`` with its data in ``directory``."""
    port = free_port()
    command = [str(BIN / "chroma"), "run", "--path", str(directory / "data")]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    return start_server(
        command, port=port, url=f"http://127.0.0.1:{port}", ready_path="/api/v2/heartbeat", log=directory / "chroma.log"
    )


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = chroma(tmp_path_factory.mktemp("chroma-server"))
    yield server
    server.stop()


@pytest.fixture
def short_lived_chroma_server(tmp_path: Path) -> Iterator[Server]:
    """A Chroma server of the test's own, for tests that stop it."""
    server = chroma(tmp_path)
    yield server
    server.stop()


@dataclass
class HttpStub:
    """A tiny HTTP server on 127.0.0.1 that answers every request with one canned response and
    records what it was sent."""

    port: int
    status: int
    body: bytes
    requests: list[tuple[str, str, dict[str, str]]]  # (method, path, headers)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def http_stub() -> Iterator[Callable[..., HttpStub]]:
    """``http_stub(status, body=b"...")``: start a :class:`HttpStub`; stopped after the test."""
    servers: list[ThreadingHTTPServer] = []

    def start(status: int, body: bytes = b'{"error": "stub"}') -> HttpStub:
        stub = HttpStub(0, status, body, [])

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                stub.requests.append((self.command, self.path, dict(self.headers)))
                self.send_response(stub.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(stub.body)))
                self.end_headers()
                self.wfile.write(stub.body)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        stub.port = int(server.server_address[1])
        return stub

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers: a hung server."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def short_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article's header and first paragraph (4 short chunks, 6 sentences): quick to embed even on
    a busy 2-core CPU, where a llama.cpp server embeds about one chunk a second."""
    paragraphs = DEFAULT_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    body_start = next(i for i, p in enumerate(paragraphs) if p.startswith("Image source"))
    path = tmp_path_factory.mktemp("article") / "short_article.txt"
    path.write_text("\n\n".join(paragraphs[: body_start + 2]) + "\n", encoding="utf-8")
    return path
