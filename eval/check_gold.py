#!/usr/bin/env python3
"""Validate the hand-made gold set eval/gold.jsonl against data/article.txt.

Checks:
  * every line is a JSON object with the schema of its kind
    (answerable / unanswerable / adversarial / conversation);
  * ids are unique;
  * every evidence quote occurs verbatim in data/article.txt, inside the
    article body ("For the last two years" .. before "Related Articles"),
    except the allowed header lines (author, date, title); a quote that
    occurs more than once gives a warning;
  * every key fact has at least one alternative that occurs
    (case-insensitively, whitespace collapsed) in an evidence quote of the
    same record / turn;
  * minimum counts per kind, and every body paragraph is covered by at least
    one answerable evidence quote.

Prints counts per kind; exits 1 on any error.  Stdlib only.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = os.path.join(ROOT, "eval", "gold.jsonl")
ARTICLE = os.path.join(ROOT, "data", "article.txt")

BODY_START = "For the last two years"
BODY_END = "Related Articles"
HEADER_EVIDENCE = {
    "Author: Haley Nelson",
    "May 10, 2023",
    "Peace Within Reach: The U.S. Provides a Platform for Peace Between Armenia and Azerbaijan",
}
MIN_EVIDENCE_LEN = 30
MAX_FACT_ALT_LEN = 60
ATTACKS = {"false_premise", "injection", "prompt_leak"}
MINIMUMS = {"answerable": 44, "unanswerable": 12, "adversarial": 6, "conversation": 5}
MIN_SINGLES = 62
MAX_HEADER_QUESTIONS = 2

errors = []
warnings = []


def err(where, msg):
    errors.append(f"ERROR {where}: {msg}")


def warn(where, msg):
    warnings.append(f"WARN  {where}: {msg}")


def norm(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def count_occurrences(text, sub):
    n, i = 0, text.find(sub)
    while i != -1:
        n += 1
        i = text.find(sub, i + 1)
    return n


def is_str(x):
    return isinstance(x, str) and x.strip() != ""


def load_article():
    with open(ARTICLE, encoding="utf-8") as f:
        text = f.read()
    start = text.find(BODY_START)
    end = text.find(BODY_END)
    if start == -1 or end == -1 or end <= start:
        print(f"cannot locate article body in {ARTICLE}", file=sys.stderr)
        sys.exit(2)
    body = text[start:end]
    # paragraph spans (absolute offsets) inside the body
    paras = []
    off = start
    for chunk in re.split(r"(\n\s*\n)", body):
        if chunk.strip() and not re.fullmatch(r"\n\s*\n", chunk):
            paras.append((off, off + len(chunk)))
        off += len(chunk)
    return text, start, end, paras


def check_evidence_and_facts(where, rec, text, bstart, bend, need_evidence, cover):
    """Validate 'key_facts' and 'evidence' of a record/turn. Returns #header quotes."""
    kf = rec.get("key_facts")
    ev = rec.get("evidence")
    header_quotes = 0
    if not isinstance(ev, list) or not all(is_str(e) for e in ev):
        err(where, "evidence must be a list of non-empty strings")
        ev = []
    if not isinstance(kf, list):
        err(where, "key_facts must be a list")
        kf = []
    if need_evidence:
        if not 1 <= len(ev) <= 2:
            err(where, f"needs 1-2 evidence quotes, has {len(ev)}")
        if not 1 <= len(kf) <= 3:
            err(where, f"needs 1-3 key facts, has {len(kf)}")
    for e in ev:
        n = count_occurrences(text, e)
        if n == 0:
            err(where, f"evidence not found verbatim in article: {e[:80]!r}")
            continue
        if n > 1:
            warn(where, f"evidence occurs {n} times in article: {e[:60]!r}")
        if e in HEADER_EVIDENCE:
            header_quotes += 1
            continue
        pos = text.find(e)
        if not (bstart <= pos and pos + len(e) <= bend):
            err(where, f"evidence lies outside the article body: {e[:60]!r}")
            continue
        if len(e) < MIN_EVIDENCE_LEN:
            err(where, f"evidence shorter than {MIN_EVIDENCE_LEN} chars: {e!r}")
        if cover is not None:
            cover.append((pos, pos + len(e)))
    ev_norm = [norm(e) for e in ev]
    for j, fact in enumerate(kf):
        if not isinstance(fact, list) or not fact or not all(is_str(a) for a in fact):
            err(where, f"key_facts[{j}] must be a non-empty list of non-empty strings")
            continue
        for alt in fact:
            if len(alt) > MAX_FACT_ALT_LEN:
                warn(where, f"key fact alternative is long ({len(alt)} chars): {alt[:50]!r}")
        if not any(norm(alt) in e for alt in fact for e in ev_norm):
            err(where, f"key fact {fact!r}: no alternative occurs in any evidence quote")
    return header_quotes


def main():
    text, bstart, bend, paras = load_article()
    if not os.path.exists(GOLD):
        print(f"missing {GOLD}", file=sys.stderr)
        return 1
    counts = {k: 0 for k in MINIMUMS}
    attacks = {a: 0 for a in ATTACKS}
    turns_total = 0
    header_questions = 0
    ids = set()
    cover = []  # spans of answerable / conversation evidence in the body
    questions_seen = {}

    with open(GOLD, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for ln, line in enumerate(lines, 1):
        where = f"line {ln}"
        if not line.strip():
            err(where, "blank line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            err(where, f"invalid JSON: {e}")
            continue
        if not isinstance(rec, dict):
            err(where, "not a JSON object")
            continue
        rid = rec.get("id")
        if not is_str(rid):
            err(where, "missing id")
        else:
            where = f"{rid} (line {ln})"
            if rid in ids:
                err(where, "duplicate id")
            ids.add(rid)
        kind = rec.get("kind")
        if kind not in counts:
            err(where, f"unknown kind {kind!r}")
            continue
        counts[kind] += 1

        if kind == "conversation":
            extra = set(rec) - {"id", "kind", "turns"}
            if extra:
                warn(where, f"unexpected fields {sorted(extra)}")
            turns = rec.get("turns")
            if not isinstance(turns, list) or not 2 <= len(turns) <= 3:
                err(where, "conversation needs 2-3 turns")
                continue
            for t, turn in enumerate(turns, 1):
                tw = f"{where} turn {t}"
                turns_total += 1
                if not isinstance(turn, dict):
                    err(tw, "turn must be an object")
                    continue
                for field in ("question", "reference"):
                    if not is_str(turn.get(field)):
                        err(tw, f"missing {field}")
                check_evidence_and_facts(tw, turn, text, bstart, bend, True, cover)
            continue

        for field in ("question", "reference"):
            if not is_str(rec.get(field)):
                err(where, f"missing {field}")
        q = norm(rec.get("question", "") or "")
        if q in questions_seen:
            warn(where, f"same question as {questions_seen[q]}")
        questions_seen[q] = rid
        allowed = {"id", "kind", "question", "reference", "key_facts", "evidence"}

        if kind == "answerable":
            hq = check_evidence_and_facts(where, rec, text, bstart, bend, True, cover)
            if hq:
                header_questions += 1
        elif kind == "unanswerable":
            if rec.get("key_facts") != []:
                err(where, "unanswerable must have key_facts == []")
            if rec.get("evidence") != []:
                err(where, "unanswerable must have evidence == []")
        elif kind == "adversarial":
            allowed |= {"attack", "must_not_contain"}
            atk = rec.get("attack")
            if atk not in ATTACKS:
                err(where, f"attack must be one of {sorted(ATTACKS)}, got {atk!r}")
            else:
                attacks[atk] += 1
            if rec.get("key_facts") != []:
                err(where, "adversarial must have key_facts == []")
            mnc = rec.get("must_not_contain")
            if not isinstance(mnc, list) or not all(is_str(s) for s in mnc):
                err(where, "must_not_contain must be a list of non-empty strings")
            elif atk in ("injection", "prompt_leak") and not mnc:
                err(where, f"{atk} needs a non-empty must_not_contain")
            ev = rec.get("evidence")
            if not isinstance(ev, list):
                err(where, "evidence must be a list")
            elif ev:
                if atk != "false_premise":
                    warn(where, "evidence given for a non-false_premise attack")
                check_evidence_and_facts(where, rec, text, bstart, bend, False, None)
            elif atk in ("injection", "prompt_leak") and not is_str(rec.get("reference")):
                err(where, "reference must describe the expected behaviour")
        extra = set(rec) - allowed
        if extra:
            warn(where, f"unexpected fields {sorted(extra)}")

    # global checks
    for kind, mn in MINIMUMS.items():
        if counts[kind] < mn:
            err("totals", f"{kind}: {counts[kind]} < required {mn}")
    singles = counts["answerable"] + counts["unanswerable"] + counts["adversarial"]
    if singles < MIN_SINGLES:
        err("totals", f"single questions: {singles} < required {MIN_SINGLES}")
    if header_questions > MAX_HEADER_QUESTIONS:
        err("totals", f"{header_questions} title/author/date questions > {MAX_HEADER_QUESTIONS}")
    for p, (ps, pe) in enumerate(paras, 1):
        if not any(ps <= s and e <= pe for s, e in cover):
            err("coverage", f"body paragraph {p} ({text[ps:ps + 50]!r}...) has no answerable evidence")

    for w in warnings:
        print(w)
    for e in errors:
        print(e)
    print()
    print(f"records: {len(ids)}  (single questions: {singles}, conversations: {counts['conversation']}, turns: {turns_total})")
    for kind in ("answerable", "unanswerable", "adversarial"):
        share = 100.0 * counts[kind] / singles if singles else 0.0
        print(f"  {kind:13s} {counts[kind]:3d}  ({share:4.1f}% of single questions)")
    print(f"  {'conversation':13s} {counts['conversation']:3d}")
    print("  attacks: " + ", ".join(f"{a}={n}" for a, n in sorted(attacks.items())))
    print(f"  body paragraphs: {len(paras)}, title/author/date questions: {header_questions}")
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
