"""`rag serve` on the real embedded models (SmolLM2 in llama.cpp, MiniLM in NumPy), and two
replicas sharing one `chroma run` server. Child processes on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import openai
import pytest

from tests.conftest import Server
from tests.server_helpers import ABSTAIN_QUESTION, QUESTION, env_for, rag, serve

CHAT = {"messages": [{"role": "user", "content": QUESTION}]}


def wait_ready(server: Server, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while httpx.get(f"{server.url}/readyz").status_code != 200:
        assert server.process.poll() is None, server.log.read_text()[-2000:]
        assert time.monotonic() < deadline, httpx.get(f"{server.url}/readyz").text
        time.sleep(0.2)


def generating(server: Server) -> int:
    return int(httpx.get(f"{server.url}/readyz").json()["generating"])


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("serve-embedded")
    env = env_for(tmp, RAG_PROFILE="embedded")
    assert rag(tmp, "index", "--json", env=env).returncode == 0
    server = serve(tmp, env)
    wait_ready(server)
    yield server
    server.stop()


@pytest.mark.real_models
def test_the_openai_sdk_gets_verbatim_citations_from_the_embedded_models(embedded: Server) -> None:
    article = httpx.get(f"{embedded.url}/v1/article").json()["text"]
    client = openai.OpenAI(base_url=f"{embedded.url}/v1", api_key="unused", max_retries=0, timeout=120)
    whole = client.chat.completions.create(model="article-rag", messages=[CHAT["messages"][0]])  # type: ignore[list-item]
    chunks = list(client.chat.completions.create(model="article-rag", messages=[CHAT["messages"][0]], stream=True))  # type: ignore[list-item]
    for text, citations in (
        (whole.choices[0].message.content or "", (whole.model_extra or {})["citations"]),
        ("".join(c.choices[0].delta.content or "" for c in chunks), (chunks[-1].model_extra or {})["citations"]),
    ):
        assert "April 23" in text and citations
        for c in citations:
            assert c["quote"] == article[c["start"] : c["end"]] and f"[{c['n']}]" in text


@pytest.mark.real_models
def test_a_client_leaving_during_generation_frees_the_model_at_once(embedded: Server) -> None:
    body = json.dumps({**CHAT, "stream": True}).encode()
    head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    with socket.create_connection(("127.0.0.1", embedded.port)) as sock:
        sock.sendall(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        deadline = time.monotonic() + 30
        while generating(embedded) == 0:
            assert time.monotonic() < deadline
            time.sleep(0.01)
    left = time.monotonic()  # the socket is closed: the client is gone while the model writes
    while generating(embedded):
        time.sleep(0.01)
    freed = time.monotonic() - left
    # it stops at the next token (~20 ms idle); the prompt's evaluation cannot be cut short, and takes
    # seconds on a loaded 2-core host, so this bound only catches a generation left running to its end
    assert freed < 20.0, f"the model was busy {freed:.2f} s after the client left"
    deadline = time.monotonic() + 5
    while "the client left" not in embedded.log.read_text():
        assert time.monotonic() < deadline, "generation was not stopped (it ended by itself?)"
        time.sleep(0.05)
    started = time.perf_counter()
    reply = httpx.post(f"{embedded.url}/v1/chat/completions", json=CHAT, timeout=120)
    assert reply.status_code == 200 and reply.json()["citations"]
    print(f"freed {freed * 1000:.0f} ms after the client left; next answer {time.perf_counter() - started:.2f} s")


@pytest.mark.real_models
def test_an_abstention_does_not_wait_for_the_model(embedded: Server) -> None:
    """Declined while the model is writing another answer (load-independent: no fixed time)."""
    with ThreadPoolExecutor(1) as pool:
        busy = pool.submit(httpx.post, f"{embedded.url}/v1/chat/completions", json=CHAT, timeout=120)
        deadline = time.monotonic() + 30
        while generating(embedded) == 0:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        declined = httpx.post(f"{embedded.url}/v1/answer", json={"question": ABSTAIN_QUESTION}, timeout=60)
        assert declined.json()["abstained"] is True
        assert not busy.done() and generating(embedded) == 1, "the abstention waited for the model"
        assert busy.result().status_code == 200


@pytest.mark.servers
def test_two_replicas_share_one_chroma_server_indexed_once(short_lived_chroma_server: Server, tmp_path: Path) -> None:
    """Replicas start before the index exists (not ready), one `rag index` serves both, a rerun
    embeds nothing. Fake models: the store is what is shared and tested here."""
    store = {"RAG_STORE__PROVIDER": "server", "RAG_STORE__HOST": "127.0.0.1",
             "RAG_STORE__PORT": str(short_lived_chroma_server.port), "RAG_SERVER__LOAD_RETRY_S": "0.3"}  # fmt: skip
    replicas: list[Server] = []
    try:
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
            replicas.append(serve(tmp_path / name, env_for(tmp_path / name, **store)))
        assert all(httpx.get(f"{r.url}/readyz").status_code == 503 for r in replicas)

        env = env_for(tmp_path, **store)
        first = rag(tmp_path, "index", "--json", env=env)
        assert first.returncode == 0 and json.loads(first.stdout)["embedded"] > 0, first.stderr
        for replica in replicas:
            wait_ready(replica, timeout=60)
        answers = [httpx.post(f"{r.url}/v1/chat/completions", json=CHAT, timeout=60).json() for r in replicas]
        assert answers[0]["citations"] and answers[0]["citations"] == answers[1]["citations"]
        assert answers[0]["choices"][0]["message"]["content"] == answers[1]["choices"][0]["message"]["content"]

        again = rag(tmp_path, "index", "--json", env=env)
        assert again.returncode == 0 and json.loads(again.stdout)["embedded"] == 0
        assert httpx.post(f"{replicas[1].url}/v1/answer", json={"question": QUESTION}).json()["citations"]
    finally:
        for replica in replicas:
            replica.stop()
