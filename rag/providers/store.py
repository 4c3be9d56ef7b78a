"""Chroma client factory: an embedded ``PersistentClient`` or a ``chroma run`` server.

Ingestion and querying get the same kind of client from :func:`make_chroma_client`, so the
server mode runs exactly the code path of the embedded one.

Server mode is ``chromadb.HttpClient`` plus two things chromadb 1.5 does not offer: its httpx
session is built with ``timeout=None`` and there is no setting for it, and connection failures
escape as raw ``httpx`` errors. So the server is probed first with a bounded heartbeat, and the
client's session gets ``RAG_STORE__TIMEOUT_S`` and one-line errors (see :func:`_bound_requests`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rag.errors import ConfigError, IndexDamagedError, ProviderError
from rag.providers.remote import clean_message
from rag.settings import StoreSettings


def make_chroma_client(settings: StoreSettings) -> Any:
    """A Chroma client for the configured store (telemetry off: nothing leaves the machine)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.provider == "embedded":
        if settings.path.exists() and not settings.path.is_dir():
            raise ConfigError(
                f"RAG_STORE__PATH {settings.path} is a file; it must be a directory", setting="RAG_STORE__PATH"
            )
        problem = store_damage(settings.path)
        if problem:
            raise StoreDamagedError(settings.path, problem)
        try:
            settings.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the index directory {settings.path}: {exc.strerror} (RAG_STORE__PATH)",
                setting="RAG_STORE__PATH",
            ) from None
        try:
            client = chromadb.PersistentClient(path=str(settings.path), settings=chroma_settings)
            client.list_collections()
            return client
        except Exception as exc:  # chromadb raises many types for a corrupt directory
            raise StoreDamagedError(
                settings.path, f"{type(exc).__name__}: {clean_message(str(exc), [], 120)}"
            ) from None
    headers = request_headers(settings)
    _probe(settings, headers)
    try:
        client = chromadb.HttpClient(
            host=settings.host, port=settings.port, ssl=settings.ssl, headers=headers, settings=chroma_settings
        )
    except Exception as exc:  # the tenant check is the first authenticated request
        raise _store_error(settings, exc) from None
    _bound_requests(client, settings)
    return client


DATABASE = "chroma.sqlite3"


class StoreDamagedError(IndexDamagedError):
    """The embedded store's files are corrupt: ``rag index --rebuild`` moves them aside."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"the index at {path} is damaged ({problem}); run `rag index --rebuild` to move it aside and "
            "build a new one (RAG_STORE__PATH)",
            setting="RAG_STORE__PATH",
        )
        self.path = path
        self.problem = problem


def store_damage(path: Path) -> str | None:
    """Why the embedded store at ``path`` is corrupt, or ``None`` (a missing store is fine).

    SQLite's own ``quick_check`` on a read-only connection: random bytes, a truncated file and a
    zeroed page all fail it, where Chroma would open some of them and silently lose rows. A locked
    database (a writer at work) is not damage.
    """
    db = path / DATABASE
    if not db.is_file():
        return None
    try:
        con = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError:  # locked or busy: Chroma waits or says so itself
        return None
    except sqlite3.DatabaseError as exc:  # "file is not a database", "disk image is malformed"
        return f"{DATABASE}: {exc}"
    if rows != [("ok",)]:
        first = " ".join(str(rows[0][0]).split()) if rows else "no result"
        return f"{DATABASE} fails SQLite's integrity check: {first[:120]}"
    return None


def move_aside(path: Path) -> Path:
    """Rename a damaged store to ``<name>.damaged-<UTC time>`` beside it (never deleted)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    path.rename(target)
    SharedSystemClient.clear_system_cache()  # chromadb caches one client per path: drop the old files'
    return target


def request_headers(settings: StoreSettings) -> dict[str, str]:
    """``RAG_STORE__HEADERS`` plus ``Authorization: Bearer <RAG_STORE__TOKEN>`` when a token is set."""
    headers = dict(settings.headers)
    if settings.token and settings.token.get_secret_value():
        headers["Authorization"] = f"Bearer {settings.token.get_secret_value()}"
    return headers


def describe_store(settings: StoreSettings) -> str:
    if settings.provider == "embedded":
        return f"embedded: {settings.path}"
    return f"server: {server_url(settings)}"


def server_url(settings: StoreSettings) -> str:
    return f"{'https' if settings.ssl else 'http'}://{settings.host}:{settings.port}"


def _probe(settings: StoreSettings, headers: dict[str, str]) -> None:
    """One bounded heartbeat, so a dead or hung server fails here with a clear line."""
    import httpx

    try:
        response = httpx.get(f"{server_url(settings)}/api/v2/heartbeat", headers=headers, timeout=settings.timeout_s)
    except httpx.HTTPError as exc:
        raise _store_error(settings, exc) from None
    if response.status_code in (401, 403):
        raise _auth_error(settings)
    if response.status_code != 200 or "heartbeat" not in response.text:
        raise ProviderError(
            "store",
            f"{server_url(settings)} answered HTTP {response.status_code} to a Chroma heartbeat; "
            "is it a Chroma server (chromadb >= 1.0)? (RAG_STORE__HOST, RAG_STORE__PORT)",
            setting="RAG_STORE__HOST",
        )


def _bound_requests(client: Any, settings: StoreSettings) -> None:
    """Give every request of ``client`` the store timeout and one-line errors.

    chromadb 1.5 keeps its httpx session and request method on ``client._server``; if a later
    version moves them, requests stay unbounded (tests/test_servers.py checks this still works).
    """
    import httpx

    server = getattr(client, "_server", None)
    session = getattr(server, "_session", None)
    make_request: Callable[..., Any] | None = getattr(server, "_make_request", None)
    if not isinstance(session, httpx.Client) or make_request is None:
        return
    session.timeout = httpx.Timeout(settings.timeout_s)

    def bounded_request(method: str, path: str, **kwargs: Any) -> Any:
        try:
            return make_request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise _store_error(settings, exc) from None
        except Exception as exc:  # chromadb's own errors (a missing collection) keep their meaning
            if _is_auth_error(exc):
                raise _auth_error(settings) from None
            raise

    server._make_request = bounded_request  # type: ignore[union-attr]


def _store_error(settings: StoreSettings, exc: Exception) -> ProviderError:
    import httpx

    url = server_url(settings)
    if isinstance(exc, httpx.TimeoutException):
        message = f"no answer from the Chroma server at {url} within {settings.timeout_s:g} s (RAG_STORE__TIMEOUT_S)"
        return ProviderError("store", message, setting="RAG_STORE__TIMEOUT_S")
    if isinstance(exc, httpx.TransportError):
        fix = "RAG_STORE__HOST, RAG_STORE__PORT" + (", RAG_STORE__SSL" if "ssl" in str(exc).lower() else "")
        message = f"cannot reach the Chroma server at {url}; is `chroma run` running? ({fix})"
        return ProviderError("store", message, setting="RAG_STORE__HOST")
    if _is_auth_error(exc):
        return _auth_error(settings)
    secrets = [settings.token.get_secret_value() if settings.token else "", *settings.headers.values()]
    detail = clean_message(f"{type(exc).__name__}: {exc}", secrets)
    message = f"the Chroma server at {url} failed: {detail} (RAG_STORE__HOST)"
    return ProviderError("store", message, setting="RAG_STORE__HOST")


def _is_auth_error(exc: Exception) -> bool:
    from chromadb.errors import AuthorizationError, ChromaAuthError

    return isinstance(exc, AuthorizationError | ChromaAuthError)


def _auth_error(settings: StoreSettings) -> ProviderError:
    return ProviderError(
        "store",
        f"the Chroma server at {server_url(settings)} rejected the credentials (RAG_STORE__TOKEN, RAG_STORE__HEADERS)",
        setting="RAG_STORE__TOKEN",
    )
