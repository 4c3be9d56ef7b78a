#!/usr/bin/env bash
# Measure a fresh install: `scripts/setup.sh` + the first `rag index` in a new checkout of REF, and
# the size of its .venv. pip's wheel cache is used as it is (clear it with `pip cache purge` first
# to include the llama.cpp compile).
#   bash scripts/bench_install.sh            # the current commit
#   bash scripts/bench_install.sh 4702d91    # before the light install (torch + sentence-transformers)
set -euo pipefail
ref=${1:-HEAD}
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/rag-install.XXXXXX)
trap 'git worktree remove --force "$dir" >/dev/null 2>&1 || rm -rf "$dir"' EXIT
git worktree add -q --detach "$dir" "$ref"
cd "$dir"
start=$(date +%s.%N)
bash scripts/setup.sh >setup.log 2>&1 || { tail -20 setup.log; exit 1; }
setup_done=$(date +%s.%N)
.venv/bin/rag index >index.log 2>&1 || { tail -20 index.log; exit 1; }
index_done=$(date +%s.%N)
python3 - "$ref" "$start" "$setup_done" "$index_done" "$(du -sm .venv | cut -f1)" <<'PY'
import json, os, sys
ref, start, setup, index, mb = sys.argv[1:]
print(json.dumps({"ref": ref, "setup_s": round(float(setup) - float(start), 1),
                  "first_index_s": round(float(index) - float(setup), 1), "venv_mb": int(mb),
                  "load_avg": os.getloadavg()[0]}))
PY
