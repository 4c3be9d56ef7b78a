"""Run ``Engine.stream`` in a worker thread and hand its events to the event loop.

The engine is synchronous (llama.cpp, NumPy, Chroma); the server is asyncio. Each request gets
one daemon thread that iterates the engine's generator with its :class:`Scope` set, and pushes
every event into an ``asyncio.Queue``. :meth:`AnswerRun.cancel` (a disconnected client) sets the
scope's flag: the gated model raises on its next token, the generator is closed, and the model's
lock is released, while the event loop has long moved on.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.requests import Request

from rag.answer import Answer, Final, StreamEvent, Turn
from rag.engine import Engine
from rag.server.gate import CURRENT, Busy, ClientGone, Scope

T = TypeVar("T")
log = logging.getLogger("rag.server")


@dataclass(frozen=True)
class _Failure:
    error: BaseException


_END = object()


class AnswerRun:
    """One answer being made in its own thread; iterate :meth:`events` from the event loop."""

    def __init__(
        self,
        engine: Engine,
        question: Any,
        history: Sequence[Turn],
        *,
        top_k: int | None = None,
        mode: Any = None,
        on_done: Callable[[AnswerRun], None] | None = None,
    ) -> None:
        self.scope = Scope()
        self._on_done = on_done
        self._engine = engine
        self._args = (question, list(history))
        self._options = {"top_k": top_k, "mode": mode}
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[object] = asyncio.Queue()
        self._ended = False
        self._thread = threading.Thread(target=self._run, name="rag-answer", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self.scope.cancelled.set()

    @property
    def finished(self) -> bool:
        return not self._thread.is_alive()

    def _run(self) -> None:
        CURRENT.set(self.scope)
        stream = None
        try:
            stream = self._engine.stream(*self._args, **self._options)
            for event in stream:
                self._put(event)
                if self.scope.cancelled.is_set():
                    break
        except BaseException as exc:  # handed to the event loop, which maps it to an HTTP error
            if isinstance(exc, ClientGone):
                log.info("the client left: its answer was stopped (%s)", exc)
            self._put(_Failure(exc))
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # stops generation and releases the model, if still running
            self._put(_END)
            if self._on_done is not None:
                self._on_done(self)

    def _put(self, item: object) -> None:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)
        except RuntimeError:  # the loop is closed: the server is shutting down
            self.scope.cancelled.set()

    async def next_event(self) -> StreamEvent | None:
        """The engine's next event, ``None`` after the last; an engine error is raised here."""
        if self._ended:
            return None
        item = await self._queue.get()
        if item is _END or isinstance(item, _Failure):
            self._ended = True
        if isinstance(item, _Failure):
            raise item.error
        return None if item is _END else item  # type: ignore[return-value]

    async def events(self) -> AsyncIterator[StreamEvent]:
        while (event := await self.next_event()) is not None:
            yield event

    async def answer(self) -> Answer:
        """Wait for the whole answer."""
        final: Answer | None = None
        async for event in self.events():
            if isinstance(event, Final):
                final = event.answer
        if final is None:  # pragma: no cover - the engine always ends with Final
            raise RuntimeError("the engine ended without an answer")
        return final


class Runs:
    """The answers in flight (one thread each), at most ``limit``: more are answered 429."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._active: set[AnswerRun] = set()

    @property
    def count(self) -> int:
        return len(self._active)

    def start(self, engine: Engine, question: Any, history: Sequence[Turn], **options: Any) -> AnswerRun:
        with self._lock:
            if len(self._active) >= self.limit:
                raise Busy(
                    f"the server is busy: {len(self._active)} requests in flight (RAG_SERVER__MAX_REQUESTS); "
                    "retry shortly",
                    status=429,
                )
            run = AnswerRun(engine, question, history, on_done=self._done, **options)
            self._active.add(run)
        return run

    def _done(self, run: AnswerRun) -> None:
        with self._lock:
            self._active.discard(run)


async def until_disconnect(request: Request, work: Awaitable[T]) -> T:
    """Await ``work`` unless the client disconnects first (then raise :class:`ClientGone`)."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(_disconnected(request))
    try:
        done, _ = await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
    if task in done:
        return task.result()
    task.cancel()
    raise ClientGone("the client disconnected")


async def _disconnected(request: Request) -> None:
    while True:  # the body has been read: the next message is the disconnect
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return
