"""What the streaming routes share: the server state, and the first event before the headers.

A stream's status line is sent only once the engine has produced its first event (the first
verified sentence, or the abstention). Until then every failure (a bad question, a full queue, no
engine yet) is still an ordinary HTTP error with its status, not an event inside a 200 stream.
"""

from __future__ import annotations

from fastapi import Request

from rag.answer import StreamEvent
from rag.server.runner import AnswerRun, until_disconnect
from rag.server.state import ServerState


def state_of(request: Request) -> ServerState:
    state: ServerState = request.app.state.rag
    return state


async def first_event(request: Request, run: AnswerRun) -> StreamEvent | None:
    try:
        return await until_disconnect(request, run.next_event())
    except BaseException:
        run.cancel()
        raise
