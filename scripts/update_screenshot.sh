#!/usr/bin/env bash
# Refresh the README's UI screenshot (docs/screenshot.png) from the browser test, on the embedded models.
set -euo pipefail
cd "$(dirname "$0")/.."
RAG_UPDATE_SCREENSHOT="$PWD/docs/screenshot.png" .venv/bin/python -m pytest -q -m browser \
  tests/test_ui_browser.py -k "cited_answer_whose_highlight"
