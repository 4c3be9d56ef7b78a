#!/usr/bin/env bash
# Install everything the tests need (Chromium from Debian for the browser test) and run them all.
set -euo pipefail
cd "$(dirname "$0")/.."
RAG_SETUP_EXTRAS=dev bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/ruff check core index rag ui app.py tests scripts
.venv/bin/mypy core index rag ui app.py
.venv/bin/python -m pytest "$@"
