#!/usr/bin/env bash
# Install everything the tests need (Chromium from Debian for the browser test) and run them all:
# lint, format, types, architecture contracts, then every test (fakes, real models, servers, browser).
#   bash scripts/test.sh -m "not real_models and not servers and not browser"   # the quick inner loop
set -euo pipefail
cd "$(dirname "$0")/.."
RAG_SETUP_EXTRAS=dev bash scripts/setup.sh
# Debian's Chromium for the browser tests, curl for the SSE shell test
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v curl >/dev/null || missing="$missing curl"
if [ -n "$missing" ] && command -v apt-get >/dev/null; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing >/dev/null
fi
.venv/bin/ruff check rag app.py tests scripts
.venv/bin/ruff format --check rag app.py tests scripts
.venv/bin/mypy rag app.py
.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
