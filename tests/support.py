"""Shared helpers for the fast tests: settings on tmp paths, the fake models, a built index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rag.engine import Engine
from rag.ingest.build import build_index
from rag.providers.fake import FakeLLM, HashEmbedding
from rag.settings import DEFAULT_ARTICLE, Settings, load_settings


def fake_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """The fake profile with storage under ``tmp_path`` and no ``.env`` read."""
    store = {"path": tmp_path / "storage", **overrides.pop("store", {})}
    index = {"article_path": overrides.pop("article_path", DEFAULT_ARTICLE), **overrides.pop("index", {})}
    return load_settings(env_file=None, profile="fake", store=store, index=index, **overrides)


def fake_engine(tmp_path: Path, replies: list[str] | None = None, **overrides: Any) -> tuple[Engine, FakeLLM]:
    settings = fake_settings(tmp_path, **overrides)
    embed = HashEmbedding()
    build_index(settings, embed_model=embed)
    llm = FakeLLM(replies or [])
    return Engine.from_settings(settings, llm=llm, embed_model=embed), llm
