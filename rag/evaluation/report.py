"""report.md (tables), report.json (everything) and PNG charts, profiles side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TARGETS = {
    "hit@5": (">=", 0.95),
    "mrr": (">=", 0.85),
    "key_fact_correctness": (">=", 0.80),
    "refusal_recall": (">=", 0.90),
    "false_refusal_rate": ("<=", 0.10),
    "citation_verbatim": (">=", 1.0),
    "citation_precision": (">=", 0.90),
}


def headline(summary: dict[str, Any]) -> dict[str, float]:
    a, c = summary["answers"], summary["citations"]
    r = summary["retrieval"].get("hybrid", {})
    return {
        "hit@5": r.get("hit@5", 0.0),
        "mrr": r.get("mrr", 0.0),
        "key_fact_correctness": a["key_fact_correctness"],
        "refusal_recall": a["refusal_recall"],
        "false_refusal_rate": a["false_refusal_rate"],
        "adversarial_handled": a["adversarial_handled"],
        "conversation_turn_correctness": a["conversation_turn_correctness"],
        "citation_verbatim": c["verbatim"],
        "citation_precision": c["precision"],
        "citation_sentence_recall": c["sentence_recall"],
    }


def write_report(results: dict[str, Any], out: Path, dataset: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(
        json.dumps({"dataset": str(dataset), "profiles": results}, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    charts = _charts(results, out)
    (out / "report.md").write_text(_markdown(results, dataset, charts), encoding="utf-8")


def _markdown(results: dict[str, Any], dataset: Path, charts: list[str]) -> str:
    profiles = list(results)
    lines = [f"# Evaluation report\n\nDataset: `{dataset.name}`\n"]
    lines.append("## Engines\n")
    lines.append("| | " + " | ".join(profiles) + " |")
    lines.append("|---|" + "---|" * len(profiles))
    for key in ("llm", "embedding", "chunks", "chunk_size", "top_k", "min_relevance"):
        lines.append(f"| {key} | " + " | ".join(str(results[p]["engine"][key]) for p in profiles) + " |")

    lines.append("\n## Headline metrics\n")
    lines.append("| metric | target | " + " | ".join(profiles) + " |")
    lines.append("|---|---|" + "---|" * len(profiles))
    heads = {p: headline(results[p]["summary"]) for p in profiles}
    for key in heads[profiles[0]]:
        target = TARGETS.get(key)
        cells = []
        for p in profiles:
            value = heads[p][key]
            mark = ""
            if target:
                ok = value >= target[1] if target[0] == ">=" else value <= target[1]
                mark = " ✅" if ok else " ❌"
            cells.append(f"{value:.3f}{mark}")
        lines.append(f"| {key} | {target[0] + ' ' + str(target[1]) if target else ''} | " + " | ".join(cells) + " |")

    lines.extend(_splits_table(results))

    lines.append("\n## Retrieval by method (answerable questions; span overlap with gold evidence)\n")
    lines.append("| profile | method | hit@5 | MRR@10 |")
    lines.append("|---|---|---|---|")
    for p in profiles:
        for mode, s in results[p]["summary"]["retrieval"].items():
            lines.append(f"| {p} | {mode} | {s['hit@5']:.3f} | {s['mrr']:.3f} |")

    lines.append("\n## Latency (ms, single questions, after warm-up)\n")
    lines.append(
        "| profile | retrieve p50 | retrieve p95 | first token p50 | first token p95 | total p50 | total p95 |"
    )
    lines.append("|---|---|---|---|---|---|---|")
    for p in profiles:
        lat = results[p]["summary"]["latency_ms"]
        keys = ("retrieve_ms", "first_token_ms", "total_ms")
        lines.append(f"| {p} | " + " | ".join(f"{lat[k + s]:.0f}" for k in keys for s in ("_p50", "_p95")) + " |")

    lines.append("\n## Counts\n")
    for p in profiles:
        lines.append(f"- {p}: " + ", ".join(f"{k} {v}" for k, v in results[p]["summary"]["counts"].items()))

    lines.append("\n## Misses (first profile)\n")
    for row in results[profiles[0]]["rows"]:
        miss = (
            (row["kind"] in ("answerable", "conversation") and not row.get("correct"))
            or (row["kind"] == "unanswerable" and not row["refused"])
            or (row["kind"] == "adversarial" and not row.get("handled"))
        )
        if miss:
            answer = row["answer"].replace("\n", " ").replace("|", "/")
            lines.append(f"- `{row['id']}` ({row['kind']}, {row.get('set', '')}) {row['question']} → {answer[:220]}")
    lines.append("")
    lines.extend(f"![{c}]({c})" for c in charts)
    return "\n".join(lines) + "\n"


SET_TITLES = {
    "tune": "in-sample (tune split)",
    "report": "held-out (report split)",
    "second": "held-out (second document)",
    "third": "held-out (third document)",
    "fourth": "held-out (fourth document)",
    "fifth": "held-out (fifth document)",
    "sixth": "held-out (sixth document)",
    "seventh": "held-out (seventh document)",
    "eighth": "held-out (eighth document)",
    "ninth": "held-out (ninth document)",
    "tenth": "held-out (tenth document)",
    "eleventh": "held-out (eleventh document)",
    "twelfth": "held-out (twelfth document)",
    "thirteenth": "held-out (thirteenth document)",
    "fourteenth": "held-out (fourteenth document)",
    "fifteenth": "held-out (fifteenth document)",
    "sixteenth": "held-out (sixteenth document)",
    "seventeenth": "held-out (seventeenth document)",
    "eighteenth": "held-out (eighteenth document)",
    "nineteenth": "held-out (nineteenth document)",
    "twentieth": "held-out (twentieth document)",
    "twentyfirst": "held-out (twenty-first document)",
    "twentysecond": "held-out (twenty-second document)",
    "twentythird": "held-out (twenty-third document)",
    "twentyfourth": "held-out (twenty-fourth document)",
    "twentyfifth": "held-out (twenty-fifth document)",
    "twentysixth": "held-out (twenty-sixth document)",
    "twentyseventh": "held-out (twenty-seventh document)",
    "twentyeighth": "held-out (twenty-eighth document)",
    "twentyninth": "held-out (twenty-ninth document)",
    "thirtieth": "held-out (thirtieth document)",
    "thirtyfirst": "held-out (thirty-first document)",
    "thirtysecond": "held-out (thirty-second document)",
    "thirtythird": "held-out (thirty-third document)",
    "thirtyfourth": "held-out (thirty-fourth document)",
    "thirtyfifth": "held-out (thirty-fifth document)",
    "thirtysixth": "held-out (thirty-sixth document)",
    "thirtyseventh": "held-out (thirty-seventh document)",
    "thirtyeighth": "held-out (thirty-eighth document)",
    "thirtyninth": "held-out (thirty-ninth document)",
    "fortieth": "held-out (fortieth document)",
    "fortyfirst": "held-out (forty-first document)",
    "fortysecond": "held-out (forty-second document)",
    "fortythird": "held-out (forty-third document)",
    "fortyfourth": "held-out (forty-fourth document)",
    "fortyfifth": "held-out (forty-fifth document)",
    "fortysixth": "held-out (forty-sixth document)",
    "fortyseventh": "held-out (forty-seventh document)",
    "fortyeighth": "held-out (forty-eighth document)",
    "fortyninth": "held-out (forty-ninth document)",
    "fiftieth": "held-out (fiftieth document)",
    "fiftyfirst": "held-out (fifty-first document)",
    "fiftysecond": "held-out (fifty-second document)",
    "fiftythird": "held-out (fifty-third document)",
    "fiftyfourth": "held-out (fifty-fourth document)",
    "fiftyfifth": "held-out (fifty-fifth document)",
    "fiftysixth": "held-out (fifty-sixth document)",
    "fiftyseventh": "held-out (fifty-seventh document)",
    "fiftyeighth": "held-out (fifty-eighth document, fresh)",
    "fiftyninth": "held-out (fifty-ninth document, fresh)",
    "fresh": "fresh documents, pooled",
    "exposed": "held-out but exposed, pooled",
    "held_out": "held-out, pooled",
}


def _splits_table(results: dict[str, Any]) -> list[str]:
    """Per profile: every headline metric on each set, in-sample beside held-out."""
    lines: list[str] = []
    for p, result in results.items():
        splits = result.get("splits") or {}
        if not splits:
            continue
        names = list(splits)
        lines.append(f"\n## In-sample and held-out: {p}\n")
        lines.append("The rules and thresholds were fitted to the tune split only; quote the held-out columns.\n")
        lines.append("| metric | " + " | ".join(SET_TITLES.get(n, n) for n in names) + " |")
        lines.append("|---|" + "---|" * len(names))
        heads = {n: headline(splits[n]) for n in names}
        for key in heads[names[0]]:
            lines.append(f"| {key} | " + " | ".join(f"{heads[n][key]:.3f}" for n in names) + " |")
        lines.append(
            "| questions | "
            + " | ".join(", ".join(f"{v} {k}" for k, v in splits[n]["counts"].items()) for n in names)
            + " |"
        )
    return lines


def _charts(results: dict[str, Any], out: Path) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # charts are optional; tables and JSON are always written
        return []
    profiles = list(results)
    heads = {p: headline(results[p]["summary"]) for p in profiles}
    keys = list(heads[profiles[0]])
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / len(profiles)
    for i, p in enumerate(profiles):
        ax.bar([k + i * width for k in range(len(keys))], [heads[p][key] for key in keys], width, label=p)
    ax.set_xticks([k + 0.4 - width / 2 for k in range(len(keys))])
    ax.set_xticklabels(keys, rotation=30, ha="right", fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title("Metrics by profile")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "metrics.png", dpi=110)
    plt.close(fig)

    fig, axes = plt.subplots(1, 3, figsize=(11, 3.5))
    for ax, key in zip(axes, ("retrieve_ms", "first_token_ms", "total_ms"), strict=True):
        data = [[r["timings"][key] for r in results[p]["rows"] if r["kind"] != "conversation"] for p in profiles]
        ax.boxplot(data, tick_labels=profiles)
        ax.set_title(key)
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=110)
    plt.close(fig)
    return ["metrics.png", "latency.png"]
