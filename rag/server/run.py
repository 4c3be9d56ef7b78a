"""``rag serve``: check where it may listen, build the app, run uvicorn.

Without an API key the service answers anyone who can reach it, so it listens only on loopback
unless ``RAG_SERVER__ALLOW_UNAUTHENTICATED=true`` says that is intended.
"""

from __future__ import annotations

import ipaddress
import logging

from rag.errors import ConfigError
from rag.settings import ServerSettings, Settings


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # another host name: it may resolve to anything


def check_bind(host: str, server: ServerSettings) -> None:
    """Refuse an open, unauthenticated service (one line naming the settings to fix)."""
    if server.api_keys or server.allow_unauthenticated or is_loopback(host):
        return
    raise ConfigError(
        f"refusing to listen on {host} without an API key: set RAG_SERVER__API_KEYS "
        "(or RAG_SERVER__ALLOW_UNAUTHENTICATED=true to serve anyone who can reach it)",
        setting="RAG_SERVER__API_KEYS",
    )


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    host = host or settings.server.host
    port = port or settings.server.port
    check_bind(host, settings.server)
    try:
        import uvicorn

        from rag.server.app import create_app
    except ImportError as exc:
        from rag.errors import MissingExtraError

        raise MissingExtraError(exc.name or "fastapi", "server") from None
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    app = create_app(settings)
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=5, server_header=False)
