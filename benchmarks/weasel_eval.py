#!/usr/bin/env python3
"""Sentence-level precision / recall / F1 of the unattributed-claim (UC) rules on the
WikiWeasel (Szeged uncertainty corpus, Wikipedia part) development set.

    python benchmarks/weasel_eval.py                       # UC rules, the default dev file
    python benchmarks/weasel_eval.py --select UC101,UC102  # a subset of rules
    python benchmarks/weasel_eval.py --show-fp 20 --show-fn 20
    python benchmarks/weasel_eval.py --json

Each Wikipedia paragraph (a ``doc_id`` of ``dev.jsonl``) is rebuilt as a small plain-text
article: the title on the first line, the body sentences joined into one paragraph, exactly
as the corpus gives them. editlint lints it in process with the rules selected; a sentence
is predicted positive when a finding starts inside it. Gold: ``label == "uncertain"``.

Read the numbers with care: this corpus marks *semantic uncertainty* (may, if, would,
probably, is considered, is believed), a much broader notion than news-style weasel
attribution, so UC's recall here is bounded well below a hedge detector's. It is a check
that UC's cues carry over to encyclopaedic prose, and a precision check on 13,000 certain
sentences. Tune on dev only; the held-out test part is not distributed and must not be read.
Nothing of the corpus is copied into the project: sentences are only printed on request.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from editlint.config import Config, ConfigResolver
from editlint.engine import Linter
from editlint.plugins import collect, plugin_manager

DEFAULT_DEV = Path("/work/shared/corpora/wikiweasel_szeged/dev.jsonl")


def load(path: Path) -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                docs[f"{row['doc_index']}:{row['doc_id']}"].append(row)
    return docs


def build(rows: list[dict]) -> tuple[str, list[tuple[int, int, dict]]]:
    """The article text and each sentence's [start, end) offsets in it."""
    parts: list[str] = []
    spans: list[tuple[int, int, dict]] = []
    pos = 0
    body_started = False
    for row in rows:
        text = " ".join(row["text"].split())
        if row.get("part") == "Title" and not body_started:
            chunk = text + "\n"
            spans.append((pos, pos + len(text), row))
            parts.append(chunk)
            pos += len(chunk)
            continue
        if body_started:
            parts.append(" ")
            pos += 1
        body_started = True
        spans.append((pos, pos + len(text), row))
        parts.append(text)
        pos += len(text)
    return "".join(parts) + "\n", spans


def select_rules(linter: Linter, cfg: Config, select: list[str]) -> list:
    rules = linter.active_rules(cfg)
    wanted = [s.strip() for s in select if s.strip()]
    return [r for r in rules if any(r.code == w or r.code.startswith(w) or r.family == w for w in wanted)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the dev.jsonl file")
    ap.add_argument("--select", default="UC", help="rule codes, prefixes or families (comma-separated)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show-fp", type=int, default=0, help="print N false-positive sentences")
    ap.add_argument("--show-fn", type=int, default=0, help="print N missed sentences")
    args = ap.parse_args(argv)

    if not args.dev.is_file():
        print(f"weasel_eval.py: {args.dev} not found", file=sys.stderr)
        return 2
    pm, errors = plugin_manager()
    linter = Linter(collect(pm, errors), ConfigResolver(isolated=True))
    cfg = Config()
    rules = select_rules(linter, cfg, args.select.split(","))
    if not rules:
        print(f"weasel_eval.py: no rule matches {args.select!r}", file=sys.stderr)
        return 2

    tp = fp = fn = tn = 0
    by_code: Counter[str] = Counter()
    tp_by_code: Counter[str] = Counter()
    fps: list[tuple[str, str]] = []
    fns: list[str] = []
    for key, rows in load(args.dev).items():
        text, spans = build(rows)
        findings = linter.lint_text(text, f"{key}.txt", cfg, rules, fmt="text")
        for start, end, row in spans:
            hits = [f for f in findings if start <= f.start < end and f.family == "unattributed-claim"]
            gold = row["label"] == "uncertain"
            for code in {f.code for f in hits}:
                by_code[code] += 1
                if gold:
                    tp_by_code[code] += 1
            if hits and gold:
                tp += 1
            elif hits:
                fp += 1
                fps.append((hits[0].code, row["text"]))
            elif gold:
                fn += 1
                fns.append(row["text"])
            else:
                tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    result = {
        "sentences": tp + fp + fn + tn, "positives": tp + fn, "predicted": tp + fp,
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
        "rules": [r_.code for r_ in rules],
        "sentences_flagged_by_code": {c: {"flagged": n, "correct": tp_by_code[c]} for c, n in sorted(by_code.items())},
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"WikiWeasel dev ({args.dev}): {result['sentences']} sentences, {result['positives']} uncertain")
        print(f"rules: {', '.join(result['rules'])}")
        print(f"TP {tp}  FP {fp}  FN {fn}  TN {tn}")
        print(f"precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
        for code, n in sorted(by_code.items()):
            print(f"  {code}: {n} sentences flagged, {tp_by_code[code]} of them uncertain "
                  f"(precision {tp_by_code[code] / n:.2f})")
    for code, sent in fps[:args.show_fp]:
        print(f"FP {code}: {sent}")
    for sent in fns[:args.show_fn]:
        print(f"FN: {sent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
