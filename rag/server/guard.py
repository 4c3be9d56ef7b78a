"""The door: bearer keys and the body-size limit, before any request reaches a route.

Plain ASGI middleware, so a wrong key or a huge body is refused before the body is read or
parsed. Keys are compared in constant time and never logged or echoed. Probes (``/healthz``,
``/readyz``) and the OpenAPI schema need no key, so load balancers can check a replica.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag.server.errors import error_body

OPEN_PATHS = frozenset({"/healthz", "/readyz", "/openapi.json"})


class Guard:
    def __init__(self, app: ASGIApp, *, keys: Sequence[str], max_body_bytes: int) -> None:
        self.app = app
        self._keys = [k.encode() for k in keys if k]
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v for k, v in scope.get("headers", [])}
        if self._needs_key(scope) and not self._authorised(headers.get("authorization", b"")):
            message = "missing or wrong API key: send the header Authorization: Bearer <key>"
            await _reply(send, 401, message, "invalid_api_key", {"www-authenticate": "Bearer"})
            return
        length = headers.get("content-length")
        if length is not None:
            try:
                size = int(length)
            except ValueError:
                await _reply(send, 400, "the Content-Length header is not a number", "invalid_request")
                return
            if size > self.max_body_bytes:
                await _reply(send, 413, self._too_large(), "request_too_large")
                return
            await self.app(scope, receive, send)
            return
        if scope["method"] in ("POST", "PUT", "PATCH"):
            await self._buffered(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _needs_key(self, scope: Scope) -> bool:
        return bool(self._keys) and scope["path"] not in OPEN_PATHS and scope["method"] != "OPTIONS"

    def _authorised(self, header: bytes) -> bool:
        scheme, _, token = header.partition(b" ")
        if scheme.lower() != b"bearer" or not token.strip():
            return False
        given = token.strip()
        # every key is compared, so the time taken says nothing about which one nearly matched
        return sum(hmac.compare_digest(given, key) for key in self._keys) > 0

    def _too_large(self) -> str:
        return f"the request body is larger than {self.max_body_bytes} bytes (RAG_SERVER__MAX_BODY_BYTES)"

    async def _buffered(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A body without Content-Length (chunked): read it up to the limit, then replay it."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body_bytes:
                await _reply(send, 413, self._too_large(), "request_too_large")
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()  # after the body: waits for the disconnect

        await self.app(scope, replay, send)


async def _reply(send: Send, status: int, message: str, code: str, extra: dict[str, str] | None = None) -> None:
    kind = "invalid_request_error"
    body = json.dumps(error_body(message, type=kind, code=code)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
