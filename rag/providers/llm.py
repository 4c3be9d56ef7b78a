"""LLM factory: ``embedded`` (llama.cpp in process), ``openai``, ``openai_like``, ``fake``.

The remote providers are LlamaIndex's ``OpenAI`` / ``OpenAILike`` classes, imported on first use,
with every request bounded by ``RAG_LLM__TIMEOUT_S`` and ``RAG_LLM__MAX_RETRIES`` and every failure
turned into a one-line :class:`ProviderError` (see :mod:`rag.providers.remote`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
)
from llama_index.core.llms import LLM
from llama_index.core.llms.custom import CustomLLM
from pydantic import PrivateAttr

from rag.errors import ConfigError, MissingExtraError, ModelError
from rag.providers.bundled import smollm2_gguf
from rag.providers.remote import KEY_PLACEHOLDER, Endpoint, pip_name
from rag.settings import LLMSettings

PROVIDERS = ("embedded", "openai", "openai_like", "fake")


def make_llm(settings: LLMSettings) -> LLM:
    """Build the configured LLM. Errors name the setting to fix."""
    if settings.provider == "embedded":
        return LlamaCppChat.load(settings)
    if settings.provider in ("openai", "openai_like"):
        return _remote(settings)
    if settings.provider == "fake":
        from rag.providers.fake import FakeLLM

        return FakeLLM()
    raise ConfigError(  # pragma: no cover - pydantic rejects unknown values first
        f"unknown LLM provider {settings.provider!r}; valid: {', '.join(PROVIDERS)}",
        setting="RAG_LLM__PROVIDER",
    )


def llm_endpoint(settings: LLMSettings) -> Endpoint:
    """The remote server an ``openai`` / ``openai_like`` model talks to."""
    return Endpoint.of(settings)


def describe_llm(settings: LLMSettings) -> str:
    """``provider: model`` for display."""
    if settings.provider == "embedded":
        name = Path(settings.model_path).name if settings.model_path else "SmolLM2-135M-Instruct (bundled)"
        return f"embedded: {name}"
    if settings.provider == "fake":
        return "fake: extractive stand-in"
    return f"{settings.provider}: {settings.model}"


def _remote(settings: LLMSettings) -> LLM:
    if settings.provider == "openai_like" and not settings.api_base:
        raise ConfigError(
            "RAG_LLM__API_BASE is required for the openai_like provider (e.g. http://127.0.0.1:8080/v1)",
            setting="RAG_LLM__API_BASE",
        )
    try:
        from rag.providers.openai_compat import OpenAIChat, OpenAILikeChat
    except ImportError as exc:
        raise MissingExtraError(pip_name(exc), "openai") from None
    endpoint = llm_endpoint(settings)
    common: dict[str, Any] = {
        "model": settings.model,
        "api_key": KEY_PLACEHOLDER,
        "api_base": settings.api_base or None,
        "temperature": settings.temperature,
        "max_tokens": settings.max_tokens,
        "timeout": settings.timeout_s,
        "max_retries": 0,  # the bounded client retries; LlamaIndex's loop would multiply the attempts
        "context_window": settings.context_window,
    }
    if settings.provider == "openai":
        llm: OpenAIChat | OpenAILikeChat = OpenAIChat(**common)
    else:
        llm = OpenAILikeChat(**common, is_chat_model=True, is_function_calling_model=False)
    llm.bind(endpoint)  # the real key goes to the bounded client only
    return llm


class ChatModel(CustomLLM):
    """A chat model defined by its ``stream_chat``: ``chat`` and the completion API are built on it."""

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        last: ChatResponse | None = None
        text = ""
        for last in self.stream_chat(messages, **kwargs):
            text += last.delta or ""
        return ChatResponse(message=ChatMessage(role="assistant", content=text), raw=last.raw if last else None)

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        reply = self.chat([ChatMessage(role="user", content=prompt)], **kwargs)
        return CompletionResponse(text=reply.message.content or "")

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        def gen() -> CompletionResponseGen:
            text = ""
            for chunk in self.stream_chat([ChatMessage(role="user", content=prompt)], **kwargs):
                text += chunk.delta or ""
                yield CompletionResponse(text=text, delta=chunk.delta)

        return gen()


class LlamaCppChat(ChatModel):
    """A GGUF model run in process by llama.cpp, chatting through the model's own template.

    One lock per model: llama.cpp contexts are not thread-safe, so concurrent callers (two
    browser sessions) take turns instead of corrupting each other's output.
    """

    model_path: str
    context_window: int = 4096
    max_tokens: int = 160
    temperature: float = 0.0
    _llama: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @classmethod
    def load(cls, settings: LLMSettings) -> LlamaCppChat:
        path = Path(settings.model_path) if settings.model_path else smollm2_gguf()
        if not path.is_file():
            raise ModelError(f"GGUF model file not found: {path} (RAG_LLM__MODEL_PATH)", setting="RAG_LLM__MODEL_PATH")
        try:
            from llama_cpp import Llama
        except ImportError:
            raise MissingExtraError("llama-cpp-python", None) from None
        llm = cls(
            model_path=str(path),
            context_window=settings.context_window,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
        )
        try:
            llm._llama = Llama(
                model_path=str(path),
                n_ctx=settings.context_window,
                n_threads=settings.threads,
                n_threads_batch=settings.threads,
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load GGUF model {path}: {exc}", setting="RAG_LLM__MODEL_PATH") from None
        return llm

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.context_window,
            num_output=self.max_tokens,
            model_name=Path(self.model_path).name,
            is_chat_model=True,
        )

    def _stream(self, messages: Sequence[ChatMessage], **kwargs: Any) -> Iterator[str]:
        payload = [{"role": m.role.value, "content": m.content or ""} for m in messages]
        with self._lock:
            for chunk in self._llama.create_chat_completion(
                messages=payload,
                stream=True,
                max_tokens=kwargs.get("max_tokens", self.max_tokens),
                temperature=self.temperature,
            ):
                delta = chunk["choices"][0]["delta"].get("content")
                if delta:
                    yield delta

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        def gen() -> ChatResponseGen:
            text = ""
            for delta in self._stream(messages, **kwargs):
                text += delta
                yield ChatResponse(message=ChatMessage(role="assistant", content=text), delta=delta)

        return gen()
