"""Bounded generations: a fixed number of model calls at once, a bounded queue behind them.

The engine calls its LLM only when an answer needs the model (a follow-up rewrite, a generated
answer); abstentions never do. So the gate sits *around the LLM*, not around requests:
:class:`GatedLLM` wraps the engine's model, takes a slot before the first token and gives it back
when the stream ends or is closed. Work that never reaches the model (abstentions, retrieval)
never waits behind it.

Each request runs in a worker thread with a :class:`Scope` in a context variable. Its
``cancelled`` flag (set when the client disconnects) is checked while the request waits in the
queue and on every token, so a departed client stops generation within one token and the
embedded model's lock is released at once.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    LLMMetadata,
)
from llama_index.core.llms import LLM
from pydantic import PrivateAttr

from rag.errors import RagError
from rag.providers.llm import ChatModel

_POLL_S = 0.05  # how often a queued request checks whether its client is still there


class Busy(RagError):
    """The generation queue is full, or the wait in it ran out (429 / 503 with Retry-After)."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class ClientGone(RagError):
    """The client disconnected: stop working on its answer."""


@dataclass
class Scope:
    """One request's cancellation flag, seen by the gated model from the request's thread."""

    cancelled: threading.Event = field(default_factory=threading.Event)
    used_model: bool = False  # whether this request took a generation slot


CURRENT: contextvars.ContextVar[Scope | None] = contextvars.ContextVar("rag_server_scope", default=None)


class GenerationGate:
    """``slots`` generations at once; up to ``queue`` more wait, for at most ``timeout_s``."""

    def __init__(self, slots: int, queue: int, timeout_s: float) -> None:
        self.slots = slots
        self.queue = queue
        self.timeout_s = timeout_s
        self._cond = threading.Condition()
        self._running = 0
        self._waiting = 0

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return self._waiting

    def acquire(self, scope: Scope | None) -> None:
        with self._cond:
            if self._running < self.slots and not self._waiting:
                self._running += 1
                return
            if self._waiting >= self.queue:
                raise Busy(
                    f"the server is busy: {self._running} answers are being generated and {self._waiting} wait; "
                    "retry shortly",
                    status=429,
                )
            self._waiting += 1
            deadline = time.monotonic() + self.timeout_s
            try:
                while self._running >= self.slots:
                    if scope is not None and scope.cancelled.is_set():
                        raise ClientGone("the client disconnected while waiting")
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise Busy(
                            f"no generation slot became free within {self.timeout_s:g} s "
                            "(RAG_SERVER__QUEUE_TIMEOUT_S); retry shortly",
                            status=503,
                        )
                    self._cond.wait(min(remaining, _POLL_S))
                self._running += 1
            finally:
                self._waiting -= 1

    def release(self) -> None:
        with self._cond:
            self._running -= 1
            self._cond.notify()


class GatedLLM(ChatModel):
    """The engine's model behind a :class:`GenerationGate`, stopping when its client is gone."""

    _inner: Any = PrivateAttr()
    _gate: Any = PrivateAttr()

    def __init__(self, inner: LLM, gate: GenerationGate, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._inner = inner
        self._gate = gate

    @property
    def inner(self) -> LLM:
        return self._inner  # type: ignore[no-any-return]

    @property
    def metadata(self) -> LLMMetadata:
        return self._inner.metadata  # type: ignore[no-any-return]

    def _deltas(self, messages: Sequence[ChatMessage], **kwargs: Any) -> Generator[ChatResponse, None, None]:
        scope = CURRENT.get()
        self._gate.acquire(scope)
        if scope is not None:
            scope.used_model = True
        stream = None
        try:
            stream = self._inner.stream_chat(messages, **kwargs)
            for chunk in stream:
                if scope is not None and scope.cancelled.is_set():
                    raise ClientGone("the client disconnected; generation stopped")
                yield chunk
        finally:
            if stream is not None and hasattr(stream, "close"):
                stream.close()  # the embedded model's lock is released here, not at garbage collection
            self._gate.release()

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        return self._deltas(messages, **kwargs)
