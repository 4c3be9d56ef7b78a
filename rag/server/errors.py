"""Every error as OpenAI's error JSON, with the right status, never a traceback.

``{"error": {"message": ..., "type": ..., "param": ..., "code": ...}}``: 400 for bad input, 401
for a missing or wrong key, 404/405 for a wrong route, 413 for a body too large, 429 (queue full)
and 503 (not ready, queue wait ran out) with ``Retry-After``, 502 when a model server behind us
failed. A 500 means a bug: its details go to the log, never to the client.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rag.errors import IndexDamagedError, IndexMissingError, ProviderError, QuestionError, RagError
from rag.server.gate import Busy, ClientGone
from rag.server.schemas import REFUSED
from rag.server.state import NotReady

log = logging.getLogger("rag.server")

CLIENT_CLOSED = 499  # nginx's code for "the client went away"; nobody receives it


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.message, type=self.type, code=self.code, param=self.param)

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)


def error_body(message: str, *, type: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type, "param": param, "code": code}}


def from_rag_error(err: RagError, retry_after_s: int) -> ApiError:
    """The HTTP form of an engine error; its message is safe to show (it never holds secrets)."""
    retry = {"Retry-After": str(retry_after_s)}
    if isinstance(err, QuestionError):
        return ApiError(400, str(err), code="invalid_question", param="messages")
    if isinstance(err, Busy):
        kind = "rate_limit_error" if err.status == 429 else "server_error"
        return ApiError(err.status, str(err), type=kind, code="server_busy", headers=retry)
    if isinstance(err, NotReady | IndexMissingError | IndexDamagedError):
        return ApiError(503, str(err), type="server_error", code="not_ready", headers=retry)
    if isinstance(err, ClientGone):
        return ApiError(CLIENT_CLOSED, str(err), type="server_error", code="client_closed")
    if isinstance(err, ProviderError):
        return ApiError(502, str(err), type="server_error", code="upstream_error", headers=retry)
    return ApiError(500, str(err), type="server_error", code="engine_error")


_TYPE_TAG = re.compile(r"^(?:str|int|float|bool|none|list\[.*\]|dict\[.*\]|[A-Z]\w*|function-\w+\[.*\])$")


def describe_validation(errors: Sequence[Any]) -> str:
    """Pydantic's errors as one line naming every bad field (never echoing values)."""
    found: dict[str, list[str]] = {}
    for err in errors:
        if err.get("type") == "json_invalid":
            return "the body is not valid JSON; send a JSON object"
        where = error_param(err) or "body"
        found.setdefault(where, [])
        message = str(err.get("msg", "invalid"))
        if message not in found[where]:
            found[where].append(message)  # a union's alternatives become "… or …"
    parts = [f"{where}: {' or '.join(messages)}" for where, messages in found.items()]
    more = f" (and {len(parts) - 5} more)" if len(parts) > 5 else ""
    return "invalid request: " + "; ".join(parts[:5]) + more


def error_param(err: Any) -> str | None:
    """``messages.0.content`` for an error at that field (union member tags left out)."""
    loc = [str(p) for p in err.get("loc", ()) if p != "body" and not _TYPE_TAG.match(str(p))]
    return ".".join(loc) or None


def install_handlers(app: FastAPI, retry_after_s: int) -> None:
    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RagError)
    async def _rag(request: Request, exc: RagError) -> JSONResponse:
        return from_rag_error(exc, retry_after_s).response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        content_type = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
        if not (content_type.endswith("/json") or content_type.endswith("+json")):
            message = f"the body must be JSON sent with Content-Type: application/json (got {content_type[:60]!r})"
            return ApiError(400, message, code="invalid_request").response()
        refused = sorted({str(e["loc"][1]) for e in errors if len(e.get("loc", ())) > 1 and e["loc"][1] in REFUSED})
        if refused and request.url.path.endswith("/chat/completions"):
            message = (
                f"unsupported parameter(s): {', '.join(refused)}. This server answers from its article with "
                "verified citations: one text answer, no tools, no JSON mode, no logprobs"
            )
            return ApiError(400, message, code="unsupported_parameter", param=refused[0]).response()
        param = None if any(e.get("type") == "json_invalid" for e in errors) else error_param(errors[0])
        return ApiError(400, describe_validation(errors), code="invalid_request", param=param).response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404:
            message = f"no such endpoint: {request.method} {request.url.path}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        headers = dict(exc.headers or {})
        return ApiError(exc.status_code, message, code=_code(exc.status_code), headers=headers).response()

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return ApiError(500, "internal server error; see the server log", type="server_error").response()


def _code(status: int) -> str:
    return {404: "not_found", 405: "method_not_allowed"}.get(status, "http_error")
