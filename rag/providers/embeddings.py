"""Embedding factory: ``embedded`` (local, CPU), ``openai``, ``openai_like`` (``/v1/embeddings``), ``fake``.

Remote models are bounded by ``RAG_EMBED__TIMEOUT_S`` / ``RAG_EMBED__MAX_RETRIES`` and fail with
one-line errors (see :mod:`rag.providers.openai_compat`); every provider checks its vectors
against ``RAG_EMBED__DIMENSIONS`` when that is set.

:func:`embed_key` names the model the index was built with: one Chroma collection per key, so
switching models never mixes vectors of different sizes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rag.errors import ConfigError, MissingExtraError, ModelError
from rag.providers.bundled import minilm_dir
from rag.providers.remote import KEY_PLACEHOLDER, Endpoint, pip_name
from rag.settings import EmbedSettings

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

PROVIDERS = ("embedded", "openai", "openai_like", "fake")


def embed_model_name(settings: EmbedSettings) -> str:
    if settings.provider == "embedded":
        return Path(settings.model).name if settings.model else "all-MiniLM-L6-v2"
    if settings.provider == "fake":
        return "hash-256"
    return settings.model


def embed_key(settings: EmbedSettings) -> str:
    """``provider:model[:dims]``: what an index is keyed by."""
    key = f"{settings.provider}:{embed_model_name(settings)}"
    return f"{key}:{settings.dimensions}" if settings.dimensions else key


def make_embedding(settings: EmbedSettings) -> BaseEmbedding:
    """Build the configured embedding model. Errors name the setting to fix."""
    if settings.provider == "embedded":
        return _checked_dimension(_sentence_transformers(settings), settings.dimensions)
    if settings.provider in ("openai", "openai_like"):
        return _remote(settings)
    if settings.provider == "fake":
        from rag.providers.fake import HashEmbedding

        return _checked_dimension(HashEmbedding(), settings.dimensions)
    raise ConfigError(  # pragma: no cover - pydantic rejects unknown values first
        f"unknown embedding provider {settings.provider!r}; valid: {', '.join(PROVIDERS)}",
        setting="RAG_EMBED__PROVIDER",
    )


def embed_endpoint(settings: EmbedSettings) -> Endpoint:
    """The remote server an ``openai`` / ``openai_like`` model talks to."""
    return Endpoint.of(settings)


def _sentence_transformers(settings: EmbedSettings) -> BaseEmbedding:
    path = settings.model or str(minilm_dir())
    if settings.runtime != "sentence-transformers":
        from rag.providers.minilm import MiniLMEmbedding, supports

        if supports(Path(path)):
            return MiniLMEmbedding(path, embed_batch_size=settings.batch_size)
        if settings.runtime == "numpy":
            raise ConfigError(
                f"the numpy runtime only runs local sentence-transformers BERT folders; {path} is not one "
                "(set RAG_EMBED__RUNTIME=sentence-transformers)",
                setting="RAG_EMBED__RUNTIME",
            )
    if Path(path).exists():
        # a local model: make sure nothing tries the hub, even for a missing tokenizer file
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
    elif "/" not in path:
        raise ModelError(f"embedding model directory not found: {path} (RAG_EMBED__MODEL)", setting="RAG_EMBED__MODEL")
    try:
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError:
        raise MissingExtraError("llama-index-embeddings-huggingface", "sentence-transformers") from None
    try:
        return HuggingFaceEmbedding(model_name=path, device="cpu", embed_batch_size=settings.batch_size)
    except OSError as exc:
        raise ModelError(f"cannot load embedding model {path}: {exc}", setting="RAG_EMBED__MODEL") from None


def check_dimension(sizes: Iterable[int], expected: int, *, against: str, fix: str, setting: str) -> int:
    """The one vector-size check: every size is ``expected`` (0: the same as the first one).

    ``against`` names what says ``expected`` ("RAG_EMBED__DIMENSIONS", "the index for …"); ``fix``
    is the instruction. Returns the size.
    """
    for size in sizes:
        expected = expected or size
        if size != expected:
            raise ConfigError(
                f"the embedding model returns {size} dimensions but {against} says {expected}; {fix}", setting=setting
            )
    return expected


def _checked_dimension(model: BaseEmbedding, expected: int) -> BaseEmbedding:
    """A local model cannot be asked for fewer dimensions: ``RAG_EMBED__DIMENSIONS`` must match it."""
    if expected:
        check_dimension(
            [len(model.get_text_embedding("dimension check"))],
            expected,
            against="RAG_EMBED__DIMENSIONS",
            fix="set it to the model's size or 0",
            setting="RAG_EMBED__DIMENSIONS",
        )
    return model


def _remote(settings: EmbedSettings) -> BaseEmbedding:
    if settings.provider == "openai_like" and not settings.api_base:
        raise ConfigError(
            "RAG_EMBED__API_BASE is required for the openai_like embedding provider (e.g. http://127.0.0.1:8080/v1)",
            setting="RAG_EMBED__API_BASE",
        )
    if not settings.model:
        raise ConfigError(
            f"RAG_EMBED__MODEL is required for the {settings.provider} embedding provider", setting="RAG_EMBED__MODEL"
        )
    try:
        from rag.providers.openai_compat import OpenAIEmbeddings
    except ImportError as exc:
        raise MissingExtraError(pip_name(exc), "openai") from None
    endpoint = embed_endpoint(settings)
    model = OpenAIEmbeddings(
        model_name=settings.model,  # any name: LlamaIndex's list of OpenAI models is not consulted
        api_key=KEY_PLACEHOLDER,  # the real key goes to the bounded client only (see bind)
        api_base=settings.api_base or None,
        dimensions=settings.dimensions or None,  # asked of the server (text-embedding-3-*)
        embed_batch_size=settings.batch_size,
        timeout=settings.timeout_s,
        max_retries=0,  # the bounded client retries; LlamaIndex's loop would multiply the attempts
    )
    model.bind(endpoint, settings.dimensions)
    return model
