"""An OpenAI-compatible writer scripted to write subtly false sentences: none may be shown.

Twelve kinds of subtle change, each cited [1] to the sentence it distorts, and six faithful
sentences. The same script runs through the engine with the fake LLM, and through a real HTTP
server on 127.0.0.1 that speaks the OpenAI chat-completions protocol and replays the script.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from rag.engine import Engine
from rag.ingest.build import build_index
from rag.providers.fake import FakeLLM, HashEmbedding
from tests.support import fake_settings

# (kind, question, the writer's sentence)
FALSE = [
    ("negation dropped", "Did the four-day peace talks end with a signed agreement?",
     "The four-day peace talks ended with a signed agreement [1]."),
    ("negation added", "What did Pashinyan announce about Azerbaijan's territorial integrity?",
     "Pashinyan announced that Armenia does not recognize Azerbaijan's territorial integrity [1]."),
    ("entities swapped", "Who choked off movement along the Lachin corridor?",
     "Azerbaijan claimed that movement along the corridor was choked off by Armenia's State Border Service [1]."),
    ("antonym", "What happened to Russia's role as a regional mediator?",
     "Russia's role as a regional mediator has been strengthened by its war against Ukraine [1]."),
    ("relation inverted", "Why must Armenia enhance U.S. engagement?",
     "Armenia must enhance U.S. engagement in order to increase its long-standing dependence on Russia [1]."),
    ("number changed", "When were the Lachin corridor checkpoints installed?",
     "The checkpoints were installed on April 25 along the Lachin corridor [1]."),
    ("date changed", "When did Russia's invasion of Ukraine begin?",
     "Russia's invasion of Ukraine began in March 2022 [1]."),
    ("speaker swapped", "What was said at the negotiation's closing session about progress?",
     "Pashinyan stated that the two sides made tangible progress on a durable peace agreement [1]."),
    ("subject and object swapped", "What has Azerbaijan benefitted from, given its constraints?",
     "Europe has benefitted from Azerbaijan's search for alternative trade partners [1]."),
    ("inverting verb", "What did the EU cease to do in March 2023?",
     "The EU brought Azerbaijan's President Aliyev and Armenian Prime Minister Pashinyan to the negotiation table "
     "in March 2023 [1]."),
    ("superlative flipped", "How long were these peace negotiations compared with earlier rounds?",
     "These talks were the shortest round of peace negotiations since the Nagorno-Karabakh ceasefire agreement "
     "of 2020 [1]."),
    ("roles inverted", "What did the checkpoint's consultation involve?",
     "Armenia has noted that the checkpoint was established in consultation with Azerbaijan [1]."),
]  # fmt: skip
FAITHFUL = [
    ("When were the Lachin corridor checkpoints installed?",
     "The checkpoints were installed on April 23 along the Lachin corridor [1]."),
    ("Did the four-day peace talks end with a signed agreement?",
     "The four-day peace talks did not end with a signed agreement [1]."),
    ("What did Pashinyan announce about Azerbaijan's territorial integrity?",
     "Pashinyan announced that Armenia fully recognizes Azerbaijan's territorial integrity [1]."),
    ("What happened to Russia's role as a regional mediator?",
     "Russia's role as a regional mediator has been interrupted by its violent war against Ukraine [1]."),
    ("What was said at the negotiation's closing session about progress?",
     "Blinken stated that the two sides made tangible progress on a durable peace agreement [1]."),
    ("What has Azerbaijan benefitted from, given its constraints?",
     "Azerbaijan has benefitted from Europe's search for alternative trade partners [1]."),
]  # fmt: skip


def _claim(sentence: str) -> str:
    return sentence.replace(" [1]", "")


@pytest.fixture(scope="module")
def engine_and_llm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, FakeLLM]:
    settings = fake_settings(tmp_path_factory.mktemp("writer"))
    embed = HashEmbedding()
    build_index(settings, embed_model=embed)
    llm = FakeLLM()
    return Engine.from_settings(settings, llm=llm, embed_model=embed), llm


def test_no_subtly_false_sentence_is_shown(engine_and_llm: tuple[Engine, FakeLLM]):
    engine, llm = engine_and_llm
    shown = []
    for kind, question, sentence in FALSE:
        llm.enqueue(sentence)
        answer = engine.ask(question)
        assert not answer.abstained, question  # the writer must have been asked
        if _claim(sentence)[:-1] in answer.text:
            shown.append(kind)
        else:
            assert any(d.text.startswith(sentence[:30]) and d.reason for d in answer.dropped), (kind, answer.dropped)
    assert shown == []


def test_faithful_sentences_are_kept(engine_and_llm: tuple[Engine, FakeLLM]):
    engine, llm = engine_and_llm
    kept = []
    for question, sentence in FAITHFUL:
        llm.enqueue(sentence)
        answer = engine.ask(question)
        assert not answer.abstained, question
        if _claim(sentence)[:-1] in answer.text:
            kept.append(sentence)
            assert all(engine.info.article_text[c.start : c.end] == c.quote for c in answer.citations)
    assert len(kept) >= 5, [s for _, s in FAITHFUL if s not in kept]


def test_a_sentence_the_writer_repeats_is_shown_once(engine_and_llm: tuple[Engine, FakeLLM]):
    engine, llm = engine_and_llm
    question, sentence = FAITHFUL[0]
    llm.enqueue(" ".join([sentence] * 3))
    answer = engine.ask(question)
    assert answer.text.count(_claim(sentence)[:-1]) == 1
    assert [d.reason for d in answer.dropped].count("repeats what this answer already says") == 2


# -- the same script through a real OpenAI-compatible HTTP server on 127.0.0.1 --------------------


class ReplayServer:
    """``/v1/models`` and streaming ``/v1/chat/completions`` that replay queued replies."""

    def __init__(self) -> None:
        self.replies: list[str] = []
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._json({"object": "list", "data": [{"id": "scripted", "object": "model"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests += 1
                text = server.replies.pop(0) if server.replies else "The article does not say."
                if not body.get("stream"):
                    message = {"role": "assistant", "content": text}
                    self._json({"id": "x", "object": "chat.completion", "created": 0, "model": "scripted",
                                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]})  # fmt: skip
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for piece in [text[i : i + 12] for i in range(0, len(text), 12)]:
                    self._event({"content": piece}, None)
                self._event({}, "stop")
                self.wfile.write(b"data: [DONE]\n\n")

            def _event(self, delta: dict[str, Any], finish: str | None) -> None:
                chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "scripted",
                         "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()

            def _json(self, data: dict[str, Any]) -> None:
                raw = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, ReplayServer]]:
    server = ReplayServer()
    llm = {"provider": "openai_like", "api_base": server.url, "model": "scripted", "max_retries": 0}
    settings = fake_settings(tmp_path_factory.mktemp("replay"), llm=llm)
    embed = HashEmbedding()
    build_index(settings, embed_model=embed)
    yield Engine.from_settings(settings, embed_model=embed), server
    server.httpd.shutdown()


def test_through_an_openai_compatible_server_no_false_sentence_is_shown_and_faithful_ones_are(
    replay: tuple[Engine, ReplayServer], tmp_path: Path
):
    engine, server = replay
    shown, kept = [], 0
    for kind, question, sentence in FALSE:
        server.replies.append(sentence)
        if _claim(sentence)[:-1] in engine.ask(question).text:
            shown.append(kind)
    for question, sentence in FAITHFUL:
        server.replies.append(sentence)
        kept += _claim(sentence)[:-1] in engine.ask(question).text
    assert server.requests >= len(FALSE) + len(FAITHFUL)
    assert shown == [] and kept >= 5
