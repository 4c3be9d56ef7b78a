"""`rag serve`'s HTTP API on the fake models, through real clients and a real uvicorn on 127.0.0.1.

The official ``openai`` SDK and LlamaIndex's ``OpenAILike`` talk to the chat endpoint; raw httpx
checks the native API, every error status and body, keys, the body limit and CORS.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from llama_index.core.base.llms.types import ChatMessage
from llama_index.llms.openai_like import OpenAILike

from rag.answer import Turn
from rag.cli import answer_json
from rag.errors import ProviderError
from rag.providers.fake import FakeLLM
from tests.conftest import free_port
from tests.server_helpers import ABSTAIN_QUESTION, QUESTION, Built, Running, build, start, with_server

GOLD = Path(__file__).resolve().parent.parent / "eval" / "gold.jsonl"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("server-index"))


@pytest.fixture(scope="module")
def api(built: Built) -> Iterator[Running]:
    running = start(built.settings, built.engine, port=free_port())
    yield running
    running.stop()


@pytest.fixture(scope="module")
def article(api: Running) -> str:
    text = httpx.get(f"{api.url}/v1/article").json()["text"]
    assert isinstance(text, str)
    return text


def sdk(api: Running, key: str = "unused") -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{api.url}/v1", api_key=key, max_retries=0, timeout=30)


def user(text: str) -> dict[str, str]:
    return {"role": "user", "content": text}


def assert_verbatim(citations: list[dict[str, Any]], article: str, text: str) -> None:
    assert citations, "no citations"
    for c in citations:
        assert c["quote"] == article[c["start"] : c["end"]]
        assert f"[{c['n']}]" in text


def assert_openai_error(response: httpx.Response, status: int, *fragments: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["message"]
    for fragment in fragments:
        assert fragment in error["message"]
    return dict(error)


# -- the OpenAI-compatible endpoint through real clients -------------------------------------------


def test_models_article_and_probes(api: Running, built: Built) -> None:
    models = sdk(api).models.list()
    assert [m.id for m in models.data] == ["article-rag"]
    body = httpx.get(f"{api.url}/v1/article").json()
    info = built.engine().info
    assert body == {"title": info.title, "author": info.author, "date": info.date, "text": info.article_text}
    assert httpx.get(f"{api.url}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{api.url}/readyz").json()["status"] == "ready"


def test_openai_sdk_gets_a_cited_answer_whose_quotes_are_the_articles_characters(api: Running, article: str) -> None:
    reply = sdk(api).chat.completions.create(model="article-rag", messages=[user(QUESTION)])  # type: ignore[list-item]
    text = reply.choices[0].message.content or ""
    extra = reply.model_extra or {}
    assert reply.object == "chat.completion" and reply.choices[0].finish_reason == "stop"
    assert "April 23" in text and extra["abstained"] is False
    assert_verbatim(extra["citations"], article, text)


def test_openai_sdk_streams_verified_text_then_the_citations(api: Running, article: str) -> None:
    client = sdk(api)
    whole = client.chat.completions.create(model="article-rag", messages=[user(QUESTION)])  # type: ignore[list-item]
    chunks = list(client.chat.completions.create(model="article-rag", messages=[user(QUESTION)], stream=True))  # type: ignore[list-item]
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop" and not last.choices[0].delta.content
    assert text == whole.choices[0].message.content
    citations = (last.model_extra or {})["citations"]
    assert citations == (whole.model_extra or {})["citations"]
    assert_verbatim(citations, article, text)
    assert all("citations" not in (c.model_extra or {}) for c in chunks[:-1])  # only the last one carries them


def test_llamaindex_openailike_chats_and_streams(api: Running, article: str) -> None:
    llm = OpenAILike(model="article-rag", api_base=f"{api.url}/v1", api_key="unused", is_chat_model=True, max_retries=0)
    reply = llm.chat([ChatMessage(role="user", content=QUESTION)])
    text = reply.message.content or ""
    assert "April 23" in text
    raw = reply.raw if isinstance(reply.raw, dict) else reply.raw.model_dump()  # type: ignore[union-attr]
    assert_verbatim(raw["citations"], article, text)
    streamed = list(llm.stream_chat([ChatMessage(role="user", content=QUESTION)]))
    assert streamed[-1].message.content == text


def test_a_follow_up_is_answered_with_the_conversation(api: Running, built: Built) -> None:
    """A gold conversation whose second question ("When was that?") needs the first."""
    record = next(json.loads(line) for line in GOLD.open() if '"id": "c04"' in line)
    first, second = record["turns"][0]["question"], record["turns"][1]["question"]
    client = sdk(api)
    one = client.chat.completions.create(model="m", messages=[user(first)]).choices[0].message.content or ""  # type: ignore[list-item]
    messages = [{"role": "system", "content": "ignored"}, user(first), {"role": "assistant", "content": one}]
    two = client.chat.completions.create(model="m", messages=[*messages, user(second)])  # type: ignore[list-item]
    text = two.choices[0].message.content or ""

    engine = built.engine()
    assert text == engine.ask(second, history=[Turn(first, one)]).text  # the history reached the engine
    assert any(fact in text for fact in record["turns"][1]["key_facts"][0])
    assert engine.ask(second).text != text  # alone, the second question means something else


def test_footnotes_append_the_quotes_for_clients_that_ignore_citations(built: Built) -> None:
    running = start(with_server(built.settings, footnotes=True), built.engine, port=free_port())
    try:
        reply = sdk(running).chat.completions.create(model="m", messages=[user(QUESTION)])  # type: ignore[list-item]
        text = reply.choices[0].message.content or ""
        citations = (reply.model_extra or {})["citations"]
        assert "\n\nSources:\n[1] “" in text and citations[0]["quote"] in text.split("Sources:")[1]
        chunks = list(sdk(running).chat.completions.create(model="m", messages=[user(QUESTION)], stream=True))  # type: ignore[list-item]
        assert "".join(c.choices[0].delta.content or "" for c in chunks) == text
        # sent back as history, the footnotes are not part of the earlier answer
        follow = [user(QUESTION), {"role": "assistant", "content": text}, user("And who installed them?")]
        assert httpx.post(f"{running.url}/v1/chat/completions", json={"messages": follow}).status_code == 200
    finally:
        running.stop()


# -- the native API ---------------------------------------------------------------------------------


def test_answer_is_the_rag_ask_json_object(api: Running, built: Built) -> None:
    body = httpx.post(f"{api.url}/v1/answer", json={"question": QUESTION, "top_k": 3, "mode": "hybrid"}).json()
    expected = answer_json(built.engine().ask(QUESTION, top_k=3, mode="hybrid"))
    for key in ("question", "answer", "abstained", "citations"):
        assert body[key] == expected[key]
    assert [(p["start"], p["end"], p["text"]) for p in body["passages"]] == [
        (p["start"], p["end"], p["text"]) for p in expected["passages"]
    ]
    assert [round(p["score"], 5) for p in body["passages"]] == [p["score"] for p in expected["passages"]]
    assert set(expected["timings"]) <= set(body["timings"])
    assert len(body["passages"]) == 3 and body["mode"] in ("generated", "extractive", "mixed")


def test_answer_stream_sends_each_citation_before_the_text_that_uses_it(api: Running, article: str) -> None:
    with httpx.stream("POST", f"{api.url}/v1/answer/stream", json={"question": QUESTION}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(response.iter_lines())
    names = [name for name, _ in events]
    assert names[-1] == "final" and "error" not in names
    seen: set[int] = set()
    text = ""
    for name, data in events:
        if name == "citation":
            assert data["quote"] == article[data["start"] : data["end"]]
            seen.add(data["n"])
        elif name == "text":
            text += data["text"]
            assert all(int(n) in seen for n in __import__("re").findall(r"\[(\d+)\]", data["text"]))
    final = events[-1][1]
    assert final["answer"] == text and {c["n"] for c in final["citations"]} == seen


def test_abstention_streams_the_decline_and_no_citation(api: Running) -> None:
    with httpx.stream("POST", f"{api.url}/v1/answer/stream", json={"question": ABSTAIN_QUESTION}) as response:
        events = parse_sse(response.iter_lines())
    assert [name for name, _ in events] == ["text", "final"]
    assert events[-1][1]["abstained"] is True and events[-1][1]["citations"] == []
    reply = httpx.post(f"{api.url}/v1/chat/completions", json={"messages": [user(ABSTAIN_QUESTION)]}).json()
    assert reply["abstained"] is True and reply["citations"] == []


def parse_sse(lines: Iterator[str]) -> list[tuple[str, Any]]:
    events: list[tuple[str, Any]] = []
    name, data = "message", ""
    for line in lines:
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data += line[5:].strip()
        elif not line and data:
            events.append((name, json.loads(data) if data != "[DONE]" else data))
            name, data = "message", ""
    return events


# -- errors -----------------------------------------------------------------------------------------

BAD_CHATS = [
    ("{not json", "not valid JSON"),
    ("[]", "invalid request"),
    ('{"messages": []}', "messages"),
    ('{"messages": [{"role": "user", "content": 42}]}', "messages.0.content"),
    ('{"messages": [{"role": "user", "content": {"text": "hi"}}]}', "messages.0.content"),
    ('{"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}]}', "only text"),
    ('{"messages": [{"role": "robot", "content": "hi"}]}', "messages.0.role"),
    ('{"messages": [{"role": "assistant", "content": "hi"}]}', "last message must be the user"),
    ('{"messages": [{"role": "user", "content": "   "}]}', "empty"),
    ('{"messages": [{"role": "user", "content": "' + "x" * 1200 + '"}]}', "RAG_ANSWER__MAX_QUESTION_CHARS"),
    ('{"messages": [{"role": "user", "content": "hi?"}], "stream": "yes"}', "stream"),
    ('{"messages": "hi"}', "messages"),
]


@pytest.mark.parametrize(("body", "fragment"), BAD_CHATS)
@pytest.mark.parametrize("stream", [False, True])
def test_bad_chat_requests_are_400_with_an_openai_error(api: Running, body: str, fragment: str, stream: bool) -> None:
    if stream and body.startswith("{") and '"stream"' not in body and "not json" not in body:
        body = body[:-1] + ', "stream": true}'
    response = httpx.post(f"{api.url}/v1/chat/completions", content=body, headers={"content-type": "application/json"})
    assert_openai_error(response, 400, fragment)


def test_the_openai_sdk_raises_a_clear_bad_request(api: Running) -> None:
    with pytest.raises(openai.BadRequestError, match="empty"):
        sdk(api).chat.completions.create(model="m", messages=[user("")])  # type: ignore[list-item]


def test_bad_native_requests_and_wrong_routes(api: Running) -> None:
    error = assert_openai_error(httpx.post(f"{api.url}/v1/answer", json={"question": "q?", "top_k": 0}), 400, "top_k")
    assert error["param"] == "top_k"
    assert_openai_error(httpx.post(f"{api.url}/v1/answer", json={"question": "q?", "topk": 3}), 400, "topk")
    assert_openai_error(httpx.post(f"{api.url}/v1/answer", json={"question": "q?", "mode": "magic"}), 400, "mode")
    assert_openai_error(httpx.post(f"{api.url}/v1/answer/stream", json={"history": []}), 400, "question")
    assert_openai_error(httpx.get(f"{api.url}/v1/nothing"), 404, "no such endpoint")
    assert_openai_error(httpx.delete(f"{api.url}/v1/models"), 405)


def test_unsupported_parameters_are_listed_and_sampling_knobs_ignored(api: Running, built: Built) -> None:
    url = f"{api.url}/v1/chat/completions"
    tools = [{"type": "function", "function": {"name": "f", "parameters": {}}}]
    refused = {"messages": [user(QUESTION)], "tools": tools, "n": 2, "response_format": {"type": "json_object"}}
    error = assert_openai_error(httpx.post(url, json=refused), 400, "n, response_format, tools")
    assert error["code"] == "unsupported_parameter"
    ignored = {"messages": [user(QUESTION)], "temperature": 1.7, "top_p": 0.2, "max_tokens": 5, "seed": 1,
               "stop": ["."], "user": "u", "x_vendor_field": {"a": 1}, "n": 1, "tools": []}  # fmt: skip
    assert httpx.post(url, json=ignored).json()["choices"][0]["message"]["content"] == built.engine().ask(QUESTION).text
    strict = start(with_server(built.settings, strict=True), built.engine, port=free_port())
    try:
        response = httpx.post(f"{strict.url}/v1/chat/completions", json=ignored)
        assert_openai_error(response, 400, "unknown parameter(s): x_vendor_field")
    finally:
        strict.stop()


def test_a_model_server_failure_is_a_502_or_an_error_event(built: Built) -> None:
    llm = FakeLLM()
    running = start(built.settings, lambda: built.engine(llm), port=free_port())
    try:
        llm.enqueue(ProviderError("llm", "the server at http://127.0.0.1:9/v1 did not answer"))
        response = httpx.post(f"{running.url}/v1/chat/completions", json={"messages": [user(QUESTION)]})
        assert_openai_error(response, 502, "did not answer")
        llm.enqueue(ProviderError("llm", "the server at http://127.0.0.1:9/v1 did not answer"))
        with pytest.raises(openai.APIError, match="did not answer"):
            list(sdk(running).chat.completions.create(model="m", messages=[user(QUESTION)], stream=True))  # type: ignore[list-item]
    finally:
        running.stop()


# -- body size, keys, CORS --------------------------------------------------------------------------


def test_a_huge_body_is_413_whether_or_not_it_says_its_length(api: Running) -> None:
    huge = json.dumps({"messages": [user("x" * 300_000)]}).encode()
    response = httpx.post(f"{api.url}/v1/chat/completions", content=huge, headers={"content-type": "application/json"})
    assert_openai_error(response, 413, "RAG_SERVER__MAX_BODY_BYTES")
    chunked = httpx.post(f"{api.url}/v1/answer", content=iter([huge[:100_000], huge[100_000:]]))
    assert_openai_error(chunked, 413, "RAG_SERVER__MAX_BODY_BYTES")
    small = httpx.post(f"{api.url}/v1/answer", content=iter([b'{"question": ', b'"' + QUESTION.encode() + b'"}']))
    assert small.status_code == 200 and small.json()["citations"]  # no Content-Type: read as JSON


def test_a_body_labelled_as_a_form_is_refused(api: Running) -> None:
    """What a cross-site web page could send without a CORS preflight."""
    body = json.dumps({"question": QUESTION})
    for content_type in ("application/x-www-form-urlencoded", "text/plain"):
        response = httpx.post(f"{api.url}/v1/answer", content=body, headers={"content-type": content_type})
        assert_openai_error(response, 400, "Content-Type: application/json")


KEY = "sk-serve-SECRET-7c1d55e0"


def test_api_keys_guard_every_endpoint_but_the_probes(built: Built, caplog: pytest.LogCaptureFixture) -> None:
    from pydantic import SecretStr

    settings = with_server(built.settings, api_keys=[SecretStr("another-key-1"), SecretStr(KEY)])
    running = start(settings, built.engine, port=free_port())
    try:
        chat = {"messages": [user(QUESTION)]}
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": KEY}, {"Authorization": "Basic x"}):
            for method, path in (("POST", "/v1/chat/completions"), ("GET", "/v1/models"), ("GET", "/v1/article")):
                response = httpx.request(method, f"{running.url}{path}", json=chat, headers=headers)
                error = assert_openai_error(response, 401, "Authorization: Bearer")
                assert error["code"] == "invalid_api_key" and response.headers["www-authenticate"] == "Bearer"
                assert KEY not in response.text
        with pytest.raises(openai.AuthenticationError):
            sdk(running, "sk-wrong").models.list()
        assert httpx.get(f"{running.url}/readyz").status_code == 200
        assert httpx.get(f"{running.url}/healthz").status_code == 200
        reply = sdk(running, KEY).chat.completions.create(model="m", messages=[user(QUESTION)])  # type: ignore[list-item]
        assert (reply.model_extra or {})["citations"]
        assert KEY not in caplog.text
    finally:
        running.stop()


def test_cors_is_off_unless_origins_are_configured(api: Running, built: Built) -> None:
    origin = {"Origin": "http://app.example"}
    assert "access-control-allow-origin" not in httpx.get(f"{api.url}/v1/models", headers=origin).headers
    from pydantic import SecretStr

    settings = with_server(built.settings, cors_origins=["http://app.example"], api_keys=[SecretStr(KEY)])
    running = start(settings, built.engine, port=free_port())
    try:
        preflight = httpx.options(
            f"{running.url}/v1/chat/completions",
            headers={
                **origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "http://app.example"
        response = httpx.get(f"{running.url}/v1/models", headers={**origin, "Authorization": f"Bearer {KEY}"})
        assert response.headers["access-control-allow-origin"] == "http://app.example"
        auth = {"Authorization": f"Bearer {KEY}"}
        other = httpx.get(f"{running.url}/v1/models", headers={"Origin": "http://evil.example", **auth})
        assert "access-control-allow-origin" not in other.headers
    finally:
        running.stop()
