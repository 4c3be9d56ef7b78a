"""``POST /v1/chat/completions``: OpenAI's Chat Completions, with verified span citations.

The last message is the question; earlier user → assistant pairs are the history. Beside
``choices`` the response carries ``citations`` (``{n, start, end, quote}``, offsets into
``GET /v1/article``'s text) and ``abstained``. Streaming sends ``chat.completion.chunk`` events
holding verified text only, then one chunk with ``finish_reason`` and the citations, then
``[DONE]``.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from rag.answer import Answer, Final, StreamEvent, TextDelta, Turn
from rag.errors import RagError
from rag.server.errors import ApiError, from_rag_error
from rag.server.runner import AnswerRun, until_disconnect
from rag.server.schemas import ChatCompletionOut, ChatMessageIn, ChatRequest, ErrorOut
from rag.server.serialize import citation_dicts, footnotes, without_footnotes
from rag.server.streams import first_event, state_of

router = APIRouter()

ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorOut} for status in (400, 401, 413, 429, 502, 503)}
# each event of the stream (Open API 3.1: the schema of an event stream describes one event)
SSE: dict[str, Any] = {
    "text/event-stream": {
        "schema": {
            "type": "object",
            "properties": {"data": {"type": "string", "description": "a chat.completion.chunk as JSON, or [DONE]"}},
            "required": ["data"],
        }
    }
}
STREAM_DOC = "With `stream: true`: `text/event-stream` of `chat.completion.chunk` objects, then `[DONE]`."


@router.post(
    "/v1/chat/completions",
    response_model=None,
    responses={200: {"model": ChatCompletionOut, "description": STREAM_DOC, "content": SSE}, **ERRORS},
)
async def chat_completions(body: ChatRequest, request: Request) -> Response:
    state = state_of(request)
    check_fields(body, strict=state.settings.strict)
    question, history = conversation(body.messages)
    run = state.runs.start(state.holder.get(), question, history)
    completion = Completion(state.settings.model_id, state.settings.footnotes)
    if body.stream:
        first = await first_event(request, run)
        return EventSourceResponse(completion.chunks(run, first, state.settings.retry_after_s), sep="\n", ping=15)
    try:
        answer = await until_disconnect(request, run.answer())
    except BaseException:
        run.cancel()
        raise
    return JSONResponse(completion.whole(answer))


# -- the request ----------------------------------------------------------------------------------


def check_fields(body: ChatRequest, *, strict: bool) -> None:
    """With ``strict``, refuse fields the server does not know (the schema refuses the rest)."""
    unknown = sorted(body.model_extra or {})
    if strict and unknown:
        raise ApiError(
            400,
            f"unknown parameter(s): {', '.join(unknown)} (RAG_SERVER__STRICT=true refuses fields it does not know)",
            code="unknown_parameter",
            param=unknown[0],
        )


def conversation(messages: Sequence[ChatMessageIn]) -> tuple[str, list[Turn]]:
    """The question (the last message, a user's) and the history (earlier user → assistant pairs)."""
    texts = [(m.role, text_of(m, i)) for i, m in enumerate(messages)]
    if texts[-1][0] != "user":
        raise ApiError(
            400,
            f"the last message must be the user's question (role 'user'), not role {texts[-1][0]!r}",
            code="invalid_messages",
            param=f"messages.{len(texts) - 1}.role",
        )
    history: list[Turn] = []
    asked: str | None = None
    for role, text in texts[:-1]:
        if role == "user":
            asked = text
        elif role == "assistant" and asked is not None:
            history.append(Turn(asked, without_footnotes(text)))
            asked = None
    return texts[-1][1], history


def text_of(message: ChatMessageIn, index: int) -> str:
    if message.content is None or isinstance(message.content, str):
        return message.content or ""
    parts = []
    for part in message.content:
        if part.type != "text" or part.text is None:
            raise ApiError(
                400,
                f"only text content is supported; messages.{index} holds a {part.type!r} part",
                code="unsupported_content",
                param=f"messages.{index}.content",
            )
        parts.append(part.text)
    return "\n".join(parts)


# -- the response ---------------------------------------------------------------------------------


STOP = {"finish_reason": "stop", "logprobs": None}


class Completion:
    """One chat completion's id, time and model, in whole or in chunks."""

    def __init__(self, model: str, with_footnotes: bool) -> None:
        self.id = f"chatcmpl-{uuid.uuid4().hex}"
        self.created = int(time.time())
        self.model = model
        self.with_footnotes = with_footnotes

    def whole(self, answer: Answer) -> dict[str, Any]:
        text = answer.text + (footnotes(answer.citations) if self.with_footnotes else "")
        return {
            "id": self.id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, **STOP}],
            "citations": citation_dicts(answer.citations),
            "abstained": answer.abstained,
        }

    def chunk(self, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> ServerSentEvent:
        choice = {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
        body = {"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model}
        return ServerSentEvent(sep="\n", data=json.dumps({**body, "choices": [choice], **extra}, ensure_ascii=False))

    async def chunks(
        self, run: AnswerRun, first: StreamEvent | None, retry_after_s: int
    ) -> AsyncIterator[ServerSentEvent]:
        try:
            yield self.chunk({"role": "assistant", "content": ""})
            answer: Answer | None = None
            event = first
            while event is not None:
                if isinstance(event, TextDelta):
                    yield self.chunk({"content": event.text})
                elif isinstance(event, Final):
                    answer = event.answer
                event = await run.next_event()
            if answer is not None:
                if self.with_footnotes and answer.citations:
                    yield self.chunk({"content": footnotes(answer.citations)})
                yield self.chunk({}, "stop", citations=citation_dicts(answer.citations), abstained=answer.abstained)
        except RagError as err:  # the status line is sent: the error travels as an event
            yield ServerSentEvent(
                sep="\n", data=json.dumps(from_rag_error(err, retry_after_s).body(), ensure_ascii=False)
            )
        finally:
            run.cancel()  # a no-op when finished; stops generation when the client left early
        yield ServerSentEvent(data="[DONE]", sep="\n")
