"""Chroma client factory: an embedded ``PersistentClient`` or a ``chroma run`` server."""

from __future__ import annotations

from typing import Any

from core.errors import IndexDamagedError, ProviderError
from core.settings import StoreSettings


def make_chroma_client(settings: StoreSettings) -> Any:
    """A Chroma client for the configured store (telemetry off: nothing leaves the machine)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.provider == "embedded":
        try:
            settings.path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(settings.path), settings=chroma_settings)
        except Exception as exc:  # chromadb raises many types for a corrupt directory
            raise IndexDamagedError(
                f"cannot open the index at {settings.path} ({type(exc).__name__}); delete that "
                "directory and run `rag index` (RAG_STORE__PATH)",
                setting="RAG_STORE__PATH",
            ) from None
    headers = dict(settings.headers)
    if settings.token:
        headers["Authorization"] = f"Bearer {settings.token.get_secret_value()}"
    where = f"{'https' if settings.ssl else 'http'}://{settings.host}:{settings.port}"
    try:
        return chromadb.HttpClient(
            host=settings.host,
            port=settings.port,
            ssl=settings.ssl,
            headers=headers,
            settings=chroma_settings,
        )
    except Exception as exc:  # connection errors surface here as various types
        raise ProviderError(
            "chroma",
            f"cannot reach the Chroma server at {where} ({_short(exc)}); start it with "
            "`chroma run` or fix RAG_STORE__HOST / RAG_STORE__PORT",
            setting="RAG_STORE__HOST",
        ) from None


def describe_store(settings: StoreSettings) -> str:
    if settings.provider == "embedded":
        return f"embedded: {settings.path}"
    return f"server: {'https' if settings.ssl else 'http'}://{settings.host}:{settings.port}"


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
