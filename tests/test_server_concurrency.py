"""Readiness, the generation queue and client disconnects, on a real uvicorn on 127.0.0.1.

A slow fake model (one word per few ms, behind a lock like the embedded llama.cpp model) makes
the timing visible: who waits behind whom, and how fast a departed client frees the model.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from rag.engine import Engine
from rag.ingest.build import build_index
from rag.providers.fake import FakeLLM
from tests.conftest import free_port
from tests.server_helpers import (
    ABSTAIN_QUESTION,
    QUESTION,
    Built,
    Running,
    SlowLLM,
    build,
    start,
    wait_until,
    with_server,
)

CHAT = {"messages": [{"role": "user", "content": QUESTION}]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("server-index"))


@pytest.fixture
def slow(built: Built) -> Iterator[tuple[Running, SlowLLM]]:
    """One generation at once, one more may wait; each answer takes the model a few seconds."""
    llm = SlowLLM(delay=0.04)
    running = start(
        with_server(built.settings, max_generations=1, max_queue=1), lambda: built.engine(llm), port=free_port()
    )
    yield running, llm
    running.stop()


def readyz(running: Running) -> dict[str, object]:
    body = httpx.get(f"{running.url}/readyz").json()
    assert isinstance(body, dict)
    return body


def events(llm: SlowLLM, kind: str) -> list[float]:
    return [t for name, t in llm.events if name == kind]


# -- readiness --------------------------------------------------------------------------------------


def test_readyz_is_503_with_the_reason_until_the_models_are_loaded(built: Built) -> None:
    loaded = threading.Event()

    def slow_load() -> Engine:
        loaded.wait(30)
        return built.engine()

    running = start(built.settings, slow_load, wait_ready=False, port=free_port())
    try:
        response = httpx.get(f"{running.url}/readyz")
        assert response.status_code == 503 and response.headers["retry-after"] == "2"
        assert response.json()["status"] == "not ready" and "loading" in response.json()["reason"]
        chat = httpx.post(f"{running.url}/v1/chat/completions", json=CHAT)
        assert chat.status_code == 503 and chat.headers["retry-after"] == "2"
        assert chat.json()["error"]["code"] == "not_ready"
        assert httpx.post(f"{running.url}/v1/answer", json={"question": QUESTION}).status_code == 503
        assert httpx.get(f"{running.url}/v1/article").status_code == 503
        assert httpx.get(f"{running.url}/healthz").status_code == 200  # alive all along
        assert httpx.get(f"{running.url}/v1/models").status_code == 200  # discovery needs no engine
        loaded.set()
        wait_until(lambda: httpx.get(f"{running.url}/readyz").status_code == 200)
        assert httpx.post(f"{running.url}/v1/chat/completions", json=CHAT).json()["citations"]
    finally:
        loaded.set()
        running.stop()


def test_a_replica_started_before_the_index_becomes_ready_once_it_is_built(tmp_path: Path) -> None:
    from tests.support import fake_settings

    settings = with_server(fake_settings(tmp_path), load_retry_s=0.2)
    embed = Built(settings).embed
    running = start(
        settings,
        lambda: Engine.from_settings(settings, llm=FakeLLM(), embed_model=embed),
        wait_ready=False,
        port=free_port(),
    )
    try:
        wait_until(lambda: "rag index" in str(readyz(running)["reason"]))
        assert httpx.get(f"{running.url}/readyz").status_code == 503
        build_index(settings, embed_model=embed)
        wait_until(lambda: readyz(running)["status"] == "ready")
        assert httpx.post(f"{running.url}/v1/chat/completions", json=CHAT).json()["citations"]
    finally:
        running.stop()


# -- the queue --------------------------------------------------------------------------------------


def test_a_full_queue_is_429_with_retry_after_while_abstentions_are_answered_at_once(
    slow: tuple[Running, SlowLLM],
) -> None:
    running, llm = slow
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(httpx.post, f"{running.url}/v1/chat/completions", json=CHAT, timeout=60)
        wait_until(lambda: readyz(running)["generating"] == 1)
        second = pool.submit(httpx.post, f"{running.url}/v1/answer", json={"question": QUESTION}, timeout=60)
        wait_until(lambda: readyz(running)["queued"] == 1)

        third = httpx.post(f"{running.url}/v1/chat/completions", json=CHAT)
        assert third.status_code == 429 and third.headers["retry-after"] == "2"
        assert third.json()["error"]["code"] == "server_busy" and "retry" in third.json()["error"]["message"]

        started = time.perf_counter()
        declined = httpx.post(
            f"{running.url}/v1/chat/completions", json={"messages": [{"role": "user", "content": ABSTAIN_QUESTION}]}
        )
        waited = time.perf_counter() - started
        assert declined.status_code == 200 and declined.json()["abstained"] is True
        assert readyz(running)["generating"] == 1  # the model was busy all along
        assert waited < 1.5, f"an abstention waited {waited:.2f} s behind the model"

        assert first.result().status_code == 200 and first.result().json()["citations"]
        assert second.result().status_code == 200 and second.result().json()["citations"]
    assert len(events(llm, "end")) == 2  # the two admitted answers were generated in full, one after the other


def test_many_clients_at_once_all_get_their_answers(built: Built) -> None:
    llm = SlowLLM(delay=0.002, repeats=1)
    running = start(with_server(built.settings, max_queue=16), lambda: built.engine(llm), port=free_port())
    try:
        with ThreadPoolExecutor(12) as pool:
            replies = list(
                pool.map(lambda _: httpx.post(f"{running.url}/v1/chat/completions", json=CHAT, timeout=60), range(12))
            )
        assert [r.status_code for r in replies] == [200] * 12
        assert len({r.json()["choices"][0]["message"]["content"] for r in replies}) == 1
        assert not llm.locked and readyz(running)["generating"] == 0
    finally:
        running.stop()


# -- disconnects ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "marker"),
    [
        ("/v1/chat/completions", {**CHAT, "stream": True}, '"content": "'),
        ("/v1/answer/stream", {"question": QUESTION}, "event: text"),
    ],
)
def test_a_client_leaving_mid_stream_stops_generation_and_the_next_request_is_served_at_once(
    slow: tuple[Running, SlowLLM], path: str, body: dict[str, object], marker: str
) -> None:
    running, llm = slow
    with httpx.Client(timeout=30) as client, client.stream("POST", f"{running.url}{path}", json=body) as response:
        assert response.status_code == 200
        for line in response.iter_lines():
            if marker in line and '"content": ""' not in line:
                break  # the first verified sentence: the model is still writing the next ones
        left = time.monotonic()
    wait_until(lambda: bool(events(llm, "closed")), timeout=5)
    assert events(llm, "closed")[0] - left < 0.5, "generation went on after the client left"
    assert not llm.locked and not events(llm, "end")

    asked = time.monotonic()
    reply = httpx.post(f"{running.url}/v1/chat/completions", json=CHAT, timeout=30)
    assert reply.status_code == 200 and reply.json()["citations"]
    assert events(llm, "start")[1] - asked < 0.5, "the next request waited for the abandoned one"


def test_a_client_giving_up_on_a_whole_answer_stops_it_too(slow: tuple[Running, SlowLLM]) -> None:
    running, llm = slow
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{running.url}/v1/chat/completions", json=CHAT, timeout=0.8)
    gave_up = time.monotonic()
    wait_until(lambda: bool(events(llm, "closed")), timeout=5)
    assert events(llm, "closed")[0] - gave_up < 0.5 and not llm.locked


def test_a_client_leaving_the_queue_never_reaches_the_model(slow: tuple[Running, SlowLLM]) -> None:
    running, llm = slow
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(httpx.post, f"{running.url}/v1/chat/completions", json=CHAT, timeout=60)
        wait_until(lambda: readyz(running)["generating"] == 1)
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(f"{running.url}/v1/answer", json={"question": QUESTION}, timeout=0.5)
        wait_until(lambda: readyz(running)["queued"] == 0, timeout=2)
        assert first.result().status_code == 200
    assert len(events(llm, "start")) == 1
