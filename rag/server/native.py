"""The native API: ``POST /v1/answer``, ``POST /v1/answer/stream``, ``GET /v1/article``.

``/v1/answer`` returns the ``rag ask --json`` object. ``/v1/answer/stream`` sends typed SSE events:
``citation`` (``{n, start, end, quote}``, once, just before the text that first uses it),
``text`` (``{"text": ...}``, verified text only), ``final`` (the whole answer object) and
``error`` (OpenAI's error body).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from rag.answer import Citation, Final, StreamEvent, TextDelta, Turn
from rag.errors import RagError
from rag.server.chat import ERRORS
from rag.server.errors import from_rag_error
from rag.server.runner import AnswerRun, until_disconnect
from rag.server.schemas import AnswerOut, AnswerRequest, ArticleOut, ErrorOut
from rag.server.serialize import answer_object
from rag.server.streams import first_event, state_of

router = APIRouter()

EVENTS: dict[str, Any] = {
    "text/event-stream": {
        "schema": {
            "type": "object",
            "properties": {
                "event": {"enum": ["citation", "text", "final", "error"]},
                "data": {"type": "string", "description": "the event's object as JSON"},
            },
            "required": ["event", "data"],
        }
    }
}
EVENTS_DOC = "`text/event-stream` with the events `citation`, `text`, `final` and `error`."


def _start(request: Request, body: AnswerRequest) -> AnswerRun:
    state = state_of(request)
    history = [Turn(t.question, t.answer) for t in body.history]
    return state.runs.start(state.holder.get(), body.question, history, top_k=body.top_k, mode=body.mode)


@router.post("/v1/answer", response_model=None, responses={200: {"model": AnswerOut}, **ERRORS})
async def answer(body: AnswerRequest, request: Request) -> Response:
    run = _start(request, body)
    try:
        result = await until_disconnect(request, run.answer())
    except BaseException:
        run.cancel()
        raise
    return JSONResponse(answer_object(result))


@router.post(
    "/v1/answer/stream",
    response_model=None,
    responses={200: {"content": EVENTS, "description": EVENTS_DOC}, **ERRORS},
)
async def answer_stream(body: AnswerRequest, request: Request) -> Response:
    run = _start(request, body)
    first = await first_event(request, run)
    return EventSourceResponse(_events(run, first, state_of(request).settings.retry_after_s), sep="\n", ping=15)


async def _events(run: AnswerRun, first: StreamEvent | None, retry_after_s: int) -> AsyncIterator[ServerSentEvent]:
    sent: set[int] = set()

    def citations(items: tuple[Citation, ...] | list[Citation]) -> list[ServerSentEvent]:
        fresh = [c for c in items if c.n not in sent]
        sent.update(c.n for c in fresh)
        return [_event("citation", asdict(c)) for c in fresh]

    try:
        event = first
        while event is not None:
            if isinstance(event, TextDelta):
                for item in citations(event.citations):
                    yield item
                yield _event("text", {"text": event.text})
            elif isinstance(event, Final):
                for item in citations(event.answer.citations):  # any the engine did not announce
                    yield item
                yield _event("final", answer_object(event.answer))
            event = await run.next_event()
    except RagError as err:
        yield _event("error", from_rag_error(err, retry_after_s).body())
    finally:
        run.cancel()


def _event(name: str, data: dict[str, Any]) -> ServerSentEvent:
    return ServerSentEvent(event=name, data=json.dumps(data, ensure_ascii=False), sep="\n")


@router.get("/v1/article", responses={200: {"model": ArticleOut}, 401: {"model": ErrorOut}, 503: {"model": ErrorOut}})
async def article(request: Request) -> JSONResponse:
    info = state_of(request).holder.get().info
    return JSONResponse({"title": info.title, "author": info.author, "date": info.date, "text": info.article_text})
