"""The engine of this process: loaded once, in the background, so liveness answers at once.

Until the models and the index are loaded, ``/readyz`` answers 503 with the reason, and so does
every endpoint that needs the engine. A load that fails for a reason the operator can fix (no
index yet, a model server down) is retried every ``RAG_SERVER__LOAD_RETRY_S`` seconds, so a
replica started before ``rag index`` becomes ready by itself once the index exists.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from rag.engine import Engine
from rag.errors import RagError
from rag.server.gate import GatedLLM, GenerationGate
from rag.server.runner import Runs
from rag.settings import ServerSettings

log = logging.getLogger("rag.server")


class NotReady(RagError):
    """The engine is not loaded (yet): 503 with the reason."""


class EngineHolder:
    def __init__(self, factory: Callable[[], Engine], gate: GenerationGate, retry_s: float) -> None:
        self._factory = factory
        self.gate = gate
        self._retry_s = retry_s
        self._engine: Engine | None = None
        self.reason = "loading the models and the index"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        return self._engine is not None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._load, name="rag-load", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def get(self) -> Engine:
        if self._engine is None:
            raise NotReady(f"not ready: {self.reason}")
        return self._engine

    def _load(self) -> None:
        while not self._stop.is_set():
            try:
                engine = self._factory()
            except RagError as err:
                self.reason = str(err)
            except Exception as exc:  # a bug or an unexpected library error: keep the details in the log
                log.exception("loading the engine failed")
                self.reason = f"loading failed ({type(exc).__name__}); see the server log"
            else:
                engine.llm = GatedLLM(engine.llm, self.gate)
                self._engine = engine
                self.reason = ""
                log.info("ready: %s chunks of %r", engine.info.chunks, engine.info.title)
                return
            log.warning("not ready: %s", self.reason)
            if self._retry_s <= 0:
                return
            self._stop.wait(self._retry_s)


@dataclass
class ServerState:
    """What the routes share: settings, the engine, the answers in flight."""

    settings: ServerSettings
    holder: EngineHolder
    runs: Runs
    started: int = field(default_factory=lambda: int(time.time()))
