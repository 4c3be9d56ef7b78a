#!/usr/bin/env bash
# Set up, build the index on the embedded defaults, and start the chat UI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/rag index
exec .venv/bin/streamlit run app.py --server.headless true --browser.gatherUsageStats false "$@"
