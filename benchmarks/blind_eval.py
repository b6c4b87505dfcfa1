#!/usr/bin/env python3
"""Line-level precision / recall / F1 per family on the blind evaluation set.

    python benchmarks/blind_eval.py                         # tests/fixtures/blind, .venv/bin/editlint
    python benchmarks/blind_eval.py --editlint editlint --folder some/folder
    python benchmarks/blind_eval.py --json

``tests/fixtures/blind/`` holds twelve articles (six problem, six clean; Markdown, HTML and
plain text) written, with their gold, before editlint was ever run on them. Each article has
a sibling ``.json``: ``{"KS": [lines], "LS": [...], "LL": [...], "UC": [...], "HY": [...],
"neutral": [...]}``. The script runs ``editlint check --format json --no-cache`` on the
folder, as a user would, and scores each family at line level: a finding counts on its start
line; a finding on a gold line of its family is a true positive, one elsewhere a false
positive (findings on ``neutral`` lines are ignored); a gold line with no finding of its
family is a miss. Every false positive and miss is printed with the text of its line.

The set is for measuring, not tuning: misses are reported here, not fixed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = ("KS", "LS", "LL", "UC", "HY")
SUFFIXES = {".md", ".html", ".txt"}


def run_editlint(editlint: str, folder: Path) -> list[dict]:
    proc = subprocess.run([editlint, "check", "--format", "json", "--no-cache", "--exit-zero", str(folder)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"editlint failed ({proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def evaluate(findings: list[dict], folder: Path) -> dict:
    """Return {"families": fam -> {tp, fp, fn, precision, recall, f1}, "fp": [...], "fn": [...]}."""
    arts = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.with_suffix(".json").is_file())
    by_name: dict[str, dict[str, dict[int, list[dict]]]] = {}
    for f in findings:
        fam = f["code"][:2]
        if fam in FAMILIES:
            # one finding for a problem seen in several places: its related locations count too
            for ln in dict.fromkeys([f["line"], *(r["line"] for r in f.get("related") or [])]):
                by_name.setdefault(Path(f["path"]).name, {}).setdefault(fam, {}).setdefault(ln, []).append(f)
    counts = {fam: [0, 0, 0] for fam in FAMILIES}
    fps, fns = [], []
    for art in arts:
        gold = json.loads(art.with_suffix(".json").read_text())
        neutral = set(gold.get("neutral", []))
        text = art.read_text(encoding="utf-8").split("\n")
        found = by_name.get(art.name, {})
        for fam in FAMILIES:
            g = set(gold.get(fam, []))
            lines = set(found.get(fam, {})) - neutral
            counts[fam][0] += len(lines & g)
            for ln in sorted(lines - g):
                counts[fam][1] += 1
                for f in found[fam][ln]:
                    fps.append({"article": art.name, "line": ln, "code": f["code"], "severity": f["severity"],
                                "message": f["message"], "text": text[ln - 1].strip()})
            for ln in sorted(g - lines):
                counts[fam][2] += 1
                fns.append({"article": art.name, "line": ln, "family": fam, "text": text[ln - 1].strip()})
    fams = {}
    for fam, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        fams[fam] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
                     "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return {"families": fams, "fp": fps, "fn": fns}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--editlint", default=str(ROOT / ".venv" / "bin" / "editlint"))
    ap.add_argument("--folder", type=Path, default=ROOT / "tests" / "fixtures" / "blind")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = evaluate(run_editlint(args.editlint, args.folder), args.folder)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{'family':6} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for fam, m in result["families"].items():
        print(f"{fam:6} {m['tp']:4} {m['fp']:4} {m['fn']:4} {m['precision']:6.2f} {m['recall']:6.2f} {m['f1']:6.2f}")
    print(f"\nfalse positives ({len(result['fp'])} findings):")
    for f in result["fp"]:
        print(f"  {f['article']}:{f['line']} {f['code']} [{f['severity']}] {f['message']}\n      | {f['text'][:160]}")
    print(f"\nmisses ({len(result['fn'])} gold lines):")
    for f in result["fn"]:
        print(f"  {f['article']}:{f['line']} {f['family']}\n      | {f['text'][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
