"""Evaluate the engine on some held-out documents only, with the embedded default models.

The full ``rag eval`` runs every set (about 90 minutes on 2 cores). This runs the same functions
(``document_settings``, ``evaluate``, ``split_summaries``) on the documents named, each indexed in
a scratch store under ``--stores`` (never the main index), and prints each one's figures: how a
fresh document's first run is taken, and how a stop's fresh pair is measured when the full run does
not fit.

    .venv/bin/python scripts/eval_documents.py fiftyeighth fiftyninth --out /tmp/fresh.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag.engine import Engine  # noqa: E402
from rag.evaluation.dataset import HELD_OUT_DOCUMENTS, load_gold  # noqa: E402
from rag.evaluation.run import document_settings, evaluate, split_summaries  # noqa: E402
from rag.ingest.build import build_index  # noqa: E402
from rag.settings import load_settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="+", choices=sorted(HELD_OUT_DOCUMENTS), metavar="DOCUMENT")
    parser.add_argument("--out", type=Path, help="write every row and summary here (JSON)")
    parser.add_argument("--stores", type=Path, help="scratch stores (default: a temporary directory)")
    args = parser.parse_args()
    settings = load_settings()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as scratch:
        stores = args.stores or Path(scratch)
        llm = embed = None
        for name in args.documents:
            article, dataset = HELD_OUT_DOCUMENTS[name]
            doc_settings = document_settings(settings, article, stores / name)
            build_index(doc_settings, embed_model=embed)
            engine = Engine.from_settings(doc_settings, llm=llm, embed_model=embed)
            llm, embed = engine.llm, engine.embed_model  # load each model once
            result = evaluate(engine, load_gold(dataset, engine.info.article_text), set_name=name)
            rows.extend(result["rows"])
    summaries = split_summaries(rows)
    for name in args.documents:
        answers = summaries[name]["answers"]
        print(name, {key: round(value, 3) for key, value in answers.items() if isinstance(value, float)})
    if args.out:
        args.out.write_text(json.dumps({"rows": rows, "splits": summaries}, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
