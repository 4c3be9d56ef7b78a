"""Crash safety and readers during a rebuild, end to end with real processes (the fake profile).

A short run of ``scripts/soak_index.py`` (the soak itself runs longer): ``rag index`` killed with
SIGKILL at random moments, then rerun, must leave a consistent store; readers asking in a loop while
``rag index --rebuild`` runs must see zero failures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_kill_9_during_index_and_readers_during_rebuild() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_", "OPENAI_"))}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "soak_index.py"), "--kills", "2", "--rebuilds", "1",
         "--readers", "1", "--seed", "7", "--json"],
        env=env, capture_output=True, text=True, timeout=540,
    )  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    kill, concurrency = result["kill"], result["concurrency"]
    assert kill["consistent"] == kill["kills"] == 2, kill["rounds"]
    assert concurrency["rebuilds_ok"] == 1 and concurrency["asks"] > 0
    assert concurrency["failures"] == 0, concurrency["errors"]
    assert out.returncode == 0
