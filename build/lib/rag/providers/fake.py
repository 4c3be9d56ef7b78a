"""Offline, instant, deterministic stand-ins that implement the real LlamaIndex interfaces.

``FakeLLM`` plays scripted replies (``enqueue``) and records every prompt (``history``); with no
script it answers like a careful extractive model: the first sentence of passage [1], cited.
``HashEmbedding`` maps text to a bag-of-words vector, so similar texts get similar vectors.
They back the ``fake`` provider (tests, trying the UI without models) and the unit tests.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import deque
from collections.abc import Sequence
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.core.llms.custom import CustomLLM
from pydantic import PrivateAttr

_WORDS = re.compile(r"[^\W_]{3,}")
_PASSAGE_ONE = re.compile(r"\[1\] (.+?[.!?][\"”’]?)(?:\s|$)", re.DOTALL)


class FakeLLM(CustomLLM):
    """Scripted replies (one per call), recorded prompts; streams word by word."""

    model_name: str = "fake"
    _replies: deque[str | Exception] = PrivateAttr(default_factory=deque)
    _history: list[list[ChatMessage]] = PrivateAttr(default_factory=list)

    def __init__(self, replies: Sequence[str | Exception] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._replies.extend(replies)

    def enqueue(self, *replies: str | Exception) -> None:
        """Queue replies; an exception is raised by the call that takes it (a failing server)."""
        self._replies.extend(replies)

    @property
    def history(self) -> list[list[ChatMessage]]:
        """Every chat this model was sent, in order."""
        return self._history

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=8192, num_output=256, model_name=self.model_name, is_chat_model=True)

    def _reply(self, messages: Sequence[ChatMessage]) -> str:
        self._history.append(list(messages))
        if self._replies:
            reply = self._replies.popleft()
            if isinstance(reply, Exception):
                raise reply
            return reply
        match = _PASSAGE_ONE.search(messages[-1].content or "")
        return f"{match.group(1)} [1]" if match else "The article does not say."

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        text = self._reply(messages)
        return ChatResponse(message=ChatMessage(role="assistant", content=text))

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        text = self._reply(messages)

        def gen() -> ChatResponseGen:
            sofar = ""
            for piece in re.findall(r"\S+\s*", text):
                sofar += piece
                yield ChatResponse(message=ChatMessage(role="assistant", content=sofar), delta=piece)

        return gen()

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._reply([ChatMessage(role="user", content=prompt)]))

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        text = self._reply([ChatMessage(role="user", content=prompt)])

        def gen() -> CompletionResponseGen:
            yield CompletionResponse(text=text, delta=text)

        return gen()


class HashEmbedding(BaseEmbedding):
    """Hashed bag of stemmed words, L2-normalised: cheap, offline, meaningfully similar."""

    dim: int = 256
    model_name: str = "hash-256"
    _calls: list[int] = PrivateAttr(default_factory=list)

    @property
    def embedded_texts(self) -> int:
        """How many texts this model has embedded (tests use it to prove reuse)."""
        return sum(self._calls)

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for term in _WORDS.findall(text.lower()):
            term = term[:6]  # a crude stem: "negotiations" ~ "negotiation"
            h = int(hashlib.md5(term.encode()).hexdigest(), 16)
            vec[h % self.dim] += 1.0 if (h >> 20) & 1 else -1.0
        norm = math.sqrt(sum(x * x for x in vec)) or 1.0
        return [x / norm for x in vec]

    def _get_query_embedding(self, query: str) -> list[float]:
        self._calls.append(1)
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        self._calls.append(1)
        return self._vector(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        self._calls.append(len(texts))
        return [self._vector(t) for t in texts]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)
