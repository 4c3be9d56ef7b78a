"""The FastAPI application: routes, errors, the door (keys, body size) and CORS.

:func:`create_app` builds it around one engine per process, loaded in the background so that
``/healthz`` answers at once and ``/readyz`` says when answers can be served.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from rag.engine import Engine
from rag.server import chat, native
from rag.server.errors import install_handlers
from rag.server.gate import GenerationGate
from rag.server.guard import Guard
from rag.server.runner import Runs
from rag.server.schemas import ErrorOut, HealthOut, ModelListOut, ReadyOut
from rag.server.state import EngineHolder, ServerState
from rag.server.streams import state_of
from rag.settings import Settings


def create_app(settings: Settings, *, engine_factory: Callable[[], Engine] | None = None) -> FastAPI:
    """The service for ``settings``; ``engine_factory`` builds the engine (default: from settings)."""
    server = settings.server
    gate = GenerationGate(server.max_generations, server.max_queue, server.queue_timeout_s)
    factory = engine_factory or (lambda: Engine.from_settings(settings))
    state = ServerState(server, EngineHolder(factory, gate, server.load_retry_s), Runs(server.max_requests))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.holder.start()
        yield
        state.holder.stop()

    app = FastAPI(
        title="Article QA",
        summary="Answers about one article, with verified, exact-span citations; OpenAI-compatible.",
        version="1",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads its script from a CDN; this service runs offline
        redoc_url=None,
        **_lenient_content_type(),
    )
    app.state.rag = state
    install_handlers(app, server.retry_after_s)
    app.include_router(chat.router)
    app.include_router(native.router)
    _add_probes_and_models(app)
    app.add_middleware(
        Guard, keys=[k.get_secret_value() for k in server.api_keys], max_body_bytes=server.max_body_bytes
    )
    if server.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(  # outermost: answers preflights, which carry no key
            CORSMiddleware,
            allow_origins=server.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app


def _lenient_content_type() -> dict[str, Any]:
    """A JSON body without a Content-Type header is read as JSON (older FastAPI always did). A body
    labelled as something else (a browser form, text/plain) stays refused: that is what a
    cross-site request from a web page would send."""
    return {"strict_content_type": False} if "strict_content_type" in inspect.signature(FastAPI).parameters else {}


def _add_probes_and_models(app: FastAPI) -> None:
    @app.get("/healthz", responses={200: {"model": HealthOut}})
    async def healthz() -> JSONResponse:
        """Liveness: the process answers."""
        return JSONResponse({"status": "ok"})

    @app.get("/readyz", responses={200: {"model": ReadyOut}, 503: {"model": ReadyOut}})
    async def readyz(request: Request) -> JSONResponse:
        """Readiness: 200 once the models and the index are loaded, else 503 with the reason."""
        state = state_of(request)
        gate = state.holder.gate
        if not state.holder.ready:
            headers = {"Retry-After": str(state.settings.retry_after_s)}
            body = {"status": "not ready", "reason": state.holder.reason, "generating": 0, "queued": 0}
            return JSONResponse(body, status_code=503, headers=headers)
        return JSONResponse({"status": "ready", "reason": "", "generating": gate.running, "queued": gate.waiting})

    @app.get("/v1/models", responses={200: {"model": ModelListOut}, 401: {"model": ErrorOut}})
    async def models(request: Request) -> JSONResponse:
        """The one model this server offers (``RAG_SERVER__MODEL_ID``)."""
        state = state_of(request)
        model = {"id": state.settings.model_id, "object": "model", "created": state.started, "owned_by": "article-rag"}
        return JSONResponse({"object": "list", "data": [model]})
