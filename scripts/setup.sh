#!/usr/bin/env bash
# Set everything up in .venv (idempotent; a rerun only installs what is missing).
#   TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu bash scripts/setup.sh   # CPU torch elsewhere
#   RAG_SETUP_EXTRAS=dev bash scripts/setup.sh                                    # + test/lint tools
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
extras=${RAG_SETUP_EXTRAS:-openai,server,eval}

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
# torch first and pinned: a looser spec would pull a multi-GB CUDA build.
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  if [ -n "${TORCH_INDEX_URL:-}" ]; then
    .venv/bin/pip install -q torch==2.13.0 --index-url "$TORCH_INDEX_URL"
  else
    .venv/bin/pip install -q torch==2.13.0
  fi
fi
# llama-cpp-python compiles llama.cpp the first time (~6 min on 2 cores); pip caches the wheel.
.venv/bin/pip install -q -e ".[${extras}]"
echo "setup done: .venv ready"
