"""LlamaIndex's OpenAI classes, bounded: the ``openai`` and ``openai_like`` providers.

Imported only when one of those providers is configured (the ``openai`` extra). Each class
sends its requests through :meth:`Endpoint.client` (``TIMEOUT_S`` per read, ``MAX_RETRIES``
retries, nothing else: LlamaIndex's own retry loop, which would multiply the attempts, is off)
and raises one-line :class:`ProviderError` instead of the client's exceptions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.embeddings.openai import OpenAIEmbedding
from llama_index.llms.openai import OpenAI
from llama_index.llms.openai_like import OpenAILike
from pydantic import PrivateAttr

from rag.errors import ConfigError
from rag.providers.embeddings import check_dimension
from rag.providers.remote import Endpoint


class _BoundedClients:
    """LlamaIndex asks for its clients here: hand it the endpoint's bounded ones."""

    _endpoint: Endpoint
    _bounded_client: Any
    _bounded_aclient: Any

    def _get_client(self) -> Any:
        return self._bounded_client

    def _get_aclient(self) -> Any:
        if self._bounded_aclient is None:
            self._bounded_aclient = self._endpoint.async_client()
        return self._bounded_aclient


class OpenAIChat(_BoundedClients, OpenAI):
    """OpenAI's chat API, bounded. Model names LlamaIndex does not know (newer models, or a
    compatible server's own names) get ``context_window`` instead of an "Unknown model" error."""

    context_window: int = 128000
    _endpoint: Endpoint = PrivateAttr()
    _bounded_client: Any = PrivateAttr(default=None)
    _bounded_aclient: Any = PrivateAttr(default=None)

    def bind(self, endpoint: Endpoint) -> None:
        """Use ``endpoint``'s bounded client (made now: a missing key fails here, not mid-answer)."""
        self._endpoint = endpoint
        self._bounded_client = endpoint.client()

    @property
    def metadata(self) -> LLMMetadata:
        try:
            return super().metadata
        except ValueError:
            return LLMMetadata(
                context_window=self.context_window,
                num_output=self.max_tokens or -1,
                is_chat_model=True,
                model_name=self.model,
            )

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        with self._endpoint.translated():
            return super().chat(messages, **kwargs)

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        with self._endpoint.translated():
            return self._endpoint.stream(super().stream_chat(messages, **kwargs))

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        with self._endpoint.translated():
            return super().complete(prompt, formatted, **kwargs)

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        with self._endpoint.translated():
            return self._endpoint.stream(super().stream_complete(prompt, formatted, **kwargs))


class OpenAILikeChat(OpenAIChat, OpenAILike):
    """Any OpenAI-compatible chat server (vLLM, llama.cpp server, LM Studio, Ollama's ``/v1``),
    bounded like :class:`OpenAIChat`; its context window is always ``context_window``."""


class OpenAIEmbeddings(_BoundedClients, OpenAIEmbedding):
    """``/v1/embeddings`` of OpenAI or any compatible server, any model name.

    When ``expected_dimension`` is set (``RAG_EMBED__DIMENSIONS``), a vector of another size
    raises a :class:`ConfigError` instead of reaching the index.
    """

    _endpoint: Endpoint = PrivateAttr()
    _expected_dimension: int = PrivateAttr(default=0)
    _dimension_seen: bool = PrivateAttr(default=False)
    _bounded_client: Any = PrivateAttr(default=None)
    _bounded_aclient: Any = PrivateAttr(default=None)

    def bind(self, endpoint: Endpoint, expected_dimension: int) -> None:
        """Use ``endpoint``'s bounded client (made now: a missing key fails here, not mid-index)."""
        self._endpoint = endpoint
        self._expected_dimension = expected_dimension
        self._bounded_client = endpoint.client()

    def _create_retry_decorator(self) -> Callable[[Any], Any]:
        return lambda fn: fn  # the bounded client retries

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._endpoint.translated():
            return self._checked([super()._get_query_embedding(query)])[0]

    def _get_text_embedding(self, text: str) -> list[float]:
        with self._endpoint.translated():
            return self._checked([super()._get_text_embedding(text)])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._endpoint.translated():
            if self._expected_dimension and not self._dimension_seen and len(texts) > 1:
                # one text first: a wrong RAG_EMBED__DIMENSIONS fails before a whole batch is embedded
                return self._checked(super()._get_text_embeddings(texts[:1])) + self._get_text_embeddings(texts[1:])
            return self._checked(super()._get_text_embeddings(texts))

    def _checked(self, vectors: list[list[float]]) -> list[list[float]]:
        for vector in vectors:
            if not vector or not isinstance(vector[0], float | int):
                raise ConfigError(
                    f"the embedding server at {self._endpoint.where} returned no single vector per text "
                    "(a llama.cpp server needs a pooling model: --embedding true plus "
                    "--kv_overrides <arch>.pooling_type=int:1) (RAG_EMBED__API_BASE)",
                    setting="RAG_EMBED__API_BASE",
                )
        if self._expected_dimension:
            check_dimension(
                (len(v) for v in vectors),
                self._expected_dimension,
                against="RAG_EMBED__DIMENSIONS",
                fix="set it to the model's size or 0",
                setting="RAG_EMBED__DIMENSIONS",
            )
        self._dimension_seen = bool(vectors)
        return vectors
