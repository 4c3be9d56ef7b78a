"""Preflight checks of the configured models, with bounded timeouts.

The engine runs :func:`preflight_llm` and :func:`preflight_embeddings` before it accepts a question
(the LLM and embedding servers answer and have the models, the vectors have the expected size), so a
misconfigured server fails at start, not in the middle of an answer; ``rag doctor`` runs them too.
Remote checks make one request each, with at most :data:`DOCTOR_TIMEOUT_S` and no retries.
"""

from __future__ import annotations

from pathlib import Path

from rag.errors import ConfigError, ModelError
from rag.providers.bundled import minilm_dir, smollm2_gguf
from rag.providers.embeddings import embed_endpoint, embed_key, make_embedding
from rag.providers.llm import llm_endpoint
from rag.settings import EmbedSettings, LLMSettings

_GGUF_MAGIC = b"GGUF"
DOCTOR_TIMEOUT_S = 10.0


def preflight_llm(llm: LLMSettings) -> str:
    """Check the LLM is there: the GGUF file for embedded, the server and model for remote."""
    if llm.provider == "fake":
        return "fake (no model)"
    if llm.provider == "embedded":
        path = Path(llm.model_path) if llm.model_path else smollm2_gguf()
        if not path.is_file():
            raise ModelError(f"GGUF model file not found: {path} (RAG_LLM__MODEL_PATH)", setting="RAG_LLM__MODEL_PATH")
        with path.open("rb") as fh:
            if fh.read(4) != _GGUF_MAGIC:
                raise ModelError(f"{path} is not a GGUF file (RAG_LLM__MODEL_PATH)", setting="RAG_LLM__MODEL_PATH")
        return f"embedded GGUF {path.name} ({path.stat().st_size // 1_000_000} MB)"
    if llm.provider == "openai_like" and not llm.api_base:
        raise ConfigError("RAG_LLM__API_BASE is required for the openai_like provider", setting="RAG_LLM__API_BASE")
    endpoint = llm_endpoint(llm)
    models = endpoint.list_models(min(llm.timeout_s, DOCTOR_TIMEOUT_S))
    if not endpoint.has_model(models):
        raise endpoint.missing_model(models)
    return f"{llm.provider} server {endpoint.where} has {llm.model!r}"


def preflight_embeddings(embed: EmbedSettings) -> str:
    """Check the embedding model is there: its files for a local model; for a remote one, that the
    server has it and returns vectors of the size ``RAG_EMBED__DIMENSIONS`` asks for."""
    return embedding_check(embed, load_local=False)[0]


def embedding_check(embed: EmbedSettings, *, load_local: bool) -> tuple[str, int]:
    """``(detail, dimension)``; local models are only loaded when ``load_local`` (doctor)."""
    if embed.provider == "embedded":
        path = Path(embed.model) if embed.model else minilm_dir()
        if not path.exists() and (not embed.model or "/" not in embed.model):
            raise ModelError(
                f"embedding model directory not found: {path} (RAG_EMBED__MODEL)", setting="RAG_EMBED__MODEL"
            )
    elif embed.provider in ("openai", "openai_like"):
        if embed.provider == "openai_like" and not embed.api_base:
            raise ConfigError(
                "RAG_EMBED__API_BASE is required for the openai_like provider", setting="RAG_EMBED__API_BASE"
            )
        endpoint = embed_endpoint(embed)
        models = endpoint.list_models(min(embed.timeout_s, DOCTOR_TIMEOUT_S))
        if not endpoint.has_model(models):
            raise endpoint.missing_model(models)
        load_local = True  # remote: the probe below is the check
    if not load_local:
        return f"{embed_key(embed)} (loaded when the engine starts)", 0
    size = len(_probe_vector(embed))
    return f"{embed_key(embed)} returns {size} dimensions", size


def _probe_vector(embed: EmbedSettings) -> list[float]:
    """One embedding, bounded (no retries); the provider checks its size against the setting."""
    bounded = embed.model_copy(update={"timeout_s": min(embed.timeout_s, DOCTOR_TIMEOUT_S), "max_retries": 0})
    return make_embedding(bounded).get_text_embedding("dimension check")
