"""Embedding factory: ``embedded`` (sentence-transformers on CPU), ``openai``, ``openai_like``, ``fake``.

:func:`embed_key` names the model the index was built with: one Chroma collection per key, so
switching models never mixes vectors of different sizes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import ConfigError, MissingExtraError, ModelError
from core.providers.bundled import minilm_dir
from core.settings import EmbedSettings

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
    if settings.provider == "embedded":
        return _sentence_transformers(settings)
    if settings.provider == "openai":
        return _openai(settings)
    if settings.provider == "openai_like":
        return _openai_like(settings)
    if settings.provider == "fake":
        from core.providers.fake import HashEmbedding

        return HashEmbedding()
    raise ConfigError(  # pragma: no cover - pydantic rejects unknown values first
        f"unknown embedding provider {settings.provider!r}; valid: {', '.join(PROVIDERS)}",
        setting="RAG_EMBED__PROVIDER",
    )


def _sentence_transformers(settings: EmbedSettings) -> BaseEmbedding:
    path = settings.model or str(minilm_dir())
    if settings.runtime != "sentence-transformers":
        from core.providers.minilm import MiniLMEmbedding, supports

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
        raise ModelError(
            f"embedding model directory not found: {path} (RAG_EMBED__MODEL)", setting="RAG_EMBED__MODEL"
        )
    try:
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError:
        raise MissingExtraError("llama-index-embeddings-huggingface", "embedded") from None
    try:
        return HuggingFaceEmbedding(model_name=path, device="cpu", embed_batch_size=settings.batch_size)
    except OSError as exc:
        raise ModelError(f"cannot load embedding model {path}: {exc}", setting="RAG_EMBED__MODEL") from None


def _openai(settings: EmbedSettings) -> BaseEmbedding:
    try:
        from llama_index.embeddings.openai import OpenAIEmbedding
    except ImportError:
        raise MissingExtraError("llama-index-embeddings-openai", "openai") from None
    kwargs: dict[str, Any] = {}
    if settings.api_base:
        kwargs["api_base"] = settings.api_base
    if settings.dimensions:
        kwargs["dimensions"] = settings.dimensions
    return OpenAIEmbedding(
        model=settings.model,
        api_key=settings.api_key.get_secret_value() if settings.api_key else None,
        embed_batch_size=settings.batch_size,
        timeout=settings.timeout_s,
        max_retries=settings.max_retries,
        **kwargs,
    )


def _openai_like(settings: EmbedSettings) -> BaseEmbedding:
    try:
        from llama_index.embeddings.openai_like import OpenAILikeEmbedding
    except ImportError:
        raise MissingExtraError("llama-index-embeddings-openai-like", "openai") from None
    if not settings.api_base:
        raise ConfigError(
            "RAG_EMBED__API_BASE is required for the openai_like embedding provider",
            setting="RAG_EMBED__API_BASE",
        )
    kwargs: dict[str, Any] = {"dimensions": settings.dimensions} if settings.dimensions else {}
    return OpenAILikeEmbedding(
        model_name=settings.model,
        api_base=settings.api_base,
        api_key=settings.api_key.get_secret_value() if settings.api_key else "not-needed",
        embed_batch_size=settings.batch_size,
        timeout=settings.timeout_s,
        max_retries=settings.max_retries,
        **kwargs,
    )
