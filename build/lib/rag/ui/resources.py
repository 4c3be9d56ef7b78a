"""The engine, loaded once per process and shared by every browser session."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from rag.engine import Engine
from rag.ingest.build import IndexReport, build_index
from rag.settings import Settings


def settings_key(settings: Settings) -> str:
    """What identifies an engine: the resolved settings (secrets masked, so never shown)."""
    return settings.model_dump_json()


@st.cache_resource(show_spinner="Loading the models and the index (first start only)…", max_entries=4)
def _engine(key: str, _settings: Settings) -> Engine:
    return Engine.from_settings(_settings)


def get_engine(settings: Settings) -> Engine:
    """The shared engine for ``settings``; raises :class:`rag.errors.RagError` (never cached)."""
    return _engine(settings_key(settings), settings)


def forget_engines() -> None:
    """Drop the loaded engines: every session loads the fresh index on its next run."""
    _engine.clear()


def rebuild_index(settings: Settings, progress: Callable[[int, int], None], from_scratch: bool) -> IndexReport:
    """Build or refresh the index, then make every session reload the engine."""
    report = build_index(settings, progress=progress, rebuild=from_scratch)
    forget_engines()
    return report
