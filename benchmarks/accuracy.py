#!/usr/bin/env python3
"""One accuracy table: every labelled development set, per family, and the clean-news rates.

    python benchmarks/accuracy.py                       # the whole table
    python benchmarks/accuracy.py --sets blind5,seed    # some rows only
    python benchmarks/accuracy.py --json                # the same figures as JSON
    python benchmarks/accuracy.py --limit 300           # at most 300 units per corpus (a quick run)

Rows, each scored through the full engine with the default rules (no configuration file):

- **corpora** (``$EDITLINT_CORPORA`` or ``../shared/corpora``), their *development* parts only
  (the 20 % the shipped models never trained on; see ``editlint/models/corpora.py``): BABE,
  Anno-lexical, WikiNPOV and the WNC sample (a sentence is a document; flagged when any finding
  of the family is reported), PTC (an article is a document, scored by line: a line is flagged
  when a finding of the family or one of its related places is on it), CoNLL-2010 Wikipedia
  weasel sentences (UC), and the PAN 2024 sample (a message is a document; 21 messages, shown
  for reading, not a held-out figure);
- **hand-labelled articles** in ``tests/fixtures/blind*/`` and ``heldout*/`` (line level, related
  places counted, ``neutral`` lines ignored; each set's README or commit says when it was
  written and whether it is still blind) and the seed article (``../shared/seed``);
- **BBC News**, its calibration half (clean copy never trained on): findings per 1,000 words
  per family, of every severity and of ``warning`` and above;
- the **LOCO sample** (50 articles from conspiracy websites, positives at document level only):
  how many get a loaded-language warning, and the findings per code.

Nothing of the corpora is printed or written but figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from editlint import parsers  # noqa: E402
from editlint.cli import Session  # noqa: E402
from editlint.engine import Selection  # noqa: E402
from editlint.models import corpora  # noqa: E402

FAMILY = {"KS": "keyword-stuffing", "LS": "link-spam", "LL": "loaded-language", "UC": "unattributed-claim",
          "HY": "hygiene"}
PREFIX = {v: k for k, v in FAMILY.items()}
ARTICLE_SUFFIXES = (".md", ".html", ".txt")


class Runner:
    def __init__(self, ignore: list[str] | None = None, config: Path | None = None) -> None:
        self.session = Session(config, config is None, Selection(ignore=ignore or []))
        self.cfg = self.session.resolver.for_path(Path.cwd() / "article.txt")
        self.rules = self.session.linter.active_rules(self.cfg)

    def lint(self, text: str, name: str, fmt: str | None = None):
        return self.session.linter.lint_text(text, name, self.cfg, self.rules, fmt=fmt or parsers.format_for(name, text))


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def _lines(f) -> set[int]:
    return {f.line, *(r.line for r in f.related)}


# -- corpora -------------------------------------------------------------------------------

def sentence_set(run: Runner, units, family: str, limit: int | None, every: bool = False) -> dict:
    tp = fp = fn = n = 0
    for unit in units:
        if unit.part != "dev" and not every:
            continue
        n += 1
        if limit and n > limit:
            break
        flagged = any(f.family == family for f in run.lint(unit.text, f"{unit.id}.txt", "text"))
        tp += flagged and unit.label
        fp += flagged and not unit.label
        fn += (not flagged) and unit.label
    return _prf(tp, fp, fn)


def ptc_lines(run: Runner, root: Path, limit: int | None) -> dict:
    tp = fp = fn = n = 0
    for art in corpora.ptc(root):
        if art.part != "dev":
            continue
        n += 1
        if limit and n > limit // 20 + 1:
            break
        found = set()
        for f in run.lint(art.text, f"{art.id}.txt", "text"):
            if f.family == corpora.LOADED:
                found |= _lines(f)
        for line, label in art.line_labels.items():
            hit = line in found
            tp += hit and label
            fp += hit and not label
            fn += (not hit) and label
    return _prf(tp, fp, fn)


def bbc_rates(run: Runner, root: Path, limit: int | None) -> dict:
    words = 0
    every: dict[str, int] = defaultdict(int)
    warned: dict[str, int] = defaultdict(int)
    n = 0
    for art in corpora.bbc(root):
        if art.part != "dev":
            continue
        n += 1
        if limit and n > limit:
            break
        doc = parsers.parse(art.text, f"{art.id}.txt", "text")
        words += doc.word_count
        for f in run.session.linter.run(doc, run.cfg, run.rules):
            fam = PREFIX.get(f.family, f.code[:2])
            every[fam] += 1
            warned[fam] += f.severity != "info"
    per = {fam: {"all": round(every[fam] / words * 1000, 3), "warnings": round(warned[fam] / words * 1000, 3)}
           for fam in ("KS", "LS", "LL", "UC", "HY")}
    return {"articles": n if not limit else min(n, limit), "words": words, "per_1000_words": per}


def loco_rates(run: Runner, root: Path) -> dict | None:
    """The LOCO sample: 50 articles from conspiracy websites, every one a positive at document
    level (no negatives, so no precision): how many get a loaded-language warning, and the
    findings per code."""
    path = root / "loco_sample" / "docs.jsonl"
    if not path.is_file():
        return None
    docs = warned = 0
    per_code: dict[str, int] = defaultdict(int)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text = d.get("text") or "\n\n".join(d.get("paragraphs", []))
            found = [f for f in run.lint(text, f"{d.get('id', docs)}.txt", "text") if f.family == corpora.LOADED]
            docs += 1
            warned += any(f.severity != "info" for f in found)
            for f in found:
                per_code[f.code] += 1
    return {"articles": docs, "with_a_warning": warned, "per_code": dict(sorted(per_code.items()))}


# -- hand-labelled articles ------------------------------------------------------------------

def labelled_folder(run: Runner, folder: Path) -> dict:
    counts = {fam: [0, 0, 0] for fam in FAMILY}
    for art in sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES and p.name != "README.md"):
        gold_file = art.with_suffix(".json")
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        neutral = set(gold.get("neutral", []))
        found: dict[str, set[int]] = defaultdict(set)
        for f in run.lint(art.read_text(encoding="utf-8"), str(art)):
            fam = PREFIX.get(f.family)
            if fam:
                found[fam] |= _lines(f)
        for fam in FAMILY:
            g = set(gold.get(fam, []))
            got = found[fam] - neutral
            counts[fam][0] += len(got & g)
            counts[fam][1] += len(got - g)
            counts[fam][2] += len(g - got)
    return {fam: _prf(*c) for fam, c in counts.items()}


def seed(run: Runner, seed_dir: Path) -> dict:
    """The seed article, as ../shared/tools/score.py scores it (a finding hits a gold item when
    its line or a related line lies in the item's range; CP is loaded-language)."""
    counts = {fam: [0, 0, 0] for fam in ("KS", "LS", "LL", "UC")}
    for label_file in sorted((seed_dir / "labels").glob("*.json")):
        lab = json.loads(label_file.read_text(encoding="utf-8"))
        art = seed_dir / lab["file"]
        findings = run.lint(art.read_text(encoding="utf-8"), str(art))
        for fam in counts:
            gold_fam = "CP" if fam == "LL" else fam
            items = [g for g in lab["gold"] if g["family"] == gold_fam]
            neutral = [g for g in lab.get("neutral", []) if g["family"] == gold_fam]
            lines = set().union(*(_lines(f) for f in findings if f.family == FAMILY[fam])) if findings else set()
            hit = [g for g in items if any(g["start_line"] <= ln <= g["end_line"] for ln in lines)]
            covered = {ln for ln in lines if any(g["start_line"] <= ln <= g["end_line"] for g in items + neutral)}
            counts[fam][0] += len(hit)
            counts[fam][1] += len(lines - covered)
            counts[fam][2] += len(items) - len(hit)
    return {fam: _prf(*c) for fam, c in counts.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", type=Path, default=None)
    ap.add_argument("--sets", help="comma-separated row names to run (default: all)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many units per corpus")
    ap.add_argument("--ignore", default="", help="comma-separated codes or prefixes to leave out (as `check --ignore`)")
    ap.add_argument("--config", type=Path, default=None, help="an editlint.toml to use instead of the defaults")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    root = args.corpora or corpora.default_root()
    want = set(args.sets.split(",")) if args.sets else None
    run = Runner([c for c in args.ignore.split(",") if c], args.config)
    rows: dict[str, dict] = {}
    t0 = time.process_time()

    def wanted(name: str) -> bool:
        return want is None or name in want

    if root.is_dir():
        for name, fam in (("babe", "LL"), ("anno_lexical", "LL"), ("wikinpov", "LL"), ("wnc", "LL"),
                          ("conll2010", "UC")):
            if wanted(name):
                loader = corpora.SENTENCE_SETS[FAMILY[fam]][name]
                rows[name] = {fam: sentence_set(run, loader(root), FAMILY[fam], args.limit)}
        if wanted("szeged"):
            # the Szeged re-annotation of WikiWeasel (semantic uncertainty: hedges as well as weasels);
            # the UC model never trained on it, so the whole shared part is a development set
            units = list(corpora.szeged(root))
            for u in units:
                u.group = "dev"
            rows["szeged"] = {"UC": sentence_set(run, (u for u in units), FAMILY["UC"], args.limit, every=True)}
        if wanted("ptc"):
            rows["ptc"] = {"LL": ptc_lines(run, root, args.limit)}
        if wanted("pan_sample"):
            # all 21 messages of the sample (there is no development split of it)
            units = list(corpora.pan(root))
            tp = fp = fn = 0
            for u in units:
                flagged = any(f.family == corpora.LOADED for f in run.lint(u.text, f"{u.id}.txt", "text"))
                tp += flagged and u.label
                fp += flagged and not u.label
                fn += (not flagged) and u.label
            rows["pan_sample"] = {"LL": _prf(tp, fp, fn)}
    else:
        print(f"(no corpora at {root}: corpus rows skipped)", file=sys.stderr)
    fixtures = ROOT / "tests" / "fixtures"
    for folder in sorted(p for p in fixtures.iterdir() if p.is_dir() and p.name.startswith(("blind", "heldout"))):
        if wanted(folder.name):
            rows[folder.name] = labelled_folder(run, folder)
    seed_dir = root.parent / "seed" if root.is_dir() else ROOT.parent / "shared" / "seed"
    if wanted("seed") and (seed_dir / "labels").is_dir():
        rows["seed"] = seed(run, seed_dir)
    bbc = bbc_rates(run, root, args.limit) if root.is_dir() and wanted("bbc") else None
    loco = loco_rates(run, root) if root.is_dir() and wanted("loco") else None
    cpu = time.process_time() - t0
    if args.json:
        print(json.dumps({"rows": rows, "bbc": bbc, "loco": loco, "cpu_seconds": round(cpu, 1)}, indent=2))
        return 0
    print(f"{'set':<16}" + "".join(f"{fam + ' P/R/F1':>20}" for fam in FAMILY))
    for name, fams in rows.items():
        cells = []
        for fam in FAMILY:
            m = fams.get(fam)
            if m is None or (m["tp"] + m["fp"] + m["fn"] == 0):
                cells.append(f"{'–':>20}")
            else:
                cells.append(f"{m['precision']:>8.2f}/{m['recall']:.2f}/{m['f1']:.2f}")
        print(f"{name:<16}" + "".join(cells))
    if bbc:
        print(f"\nBBC News, calibration half: {bbc['articles']} articles, {bbc['words']:,} words; "
              "findings per 1,000 words (all / warnings):")
        print("  " + "   ".join(f"{fam} {v['all']:.3f} / {v['warnings']:.3f}" for fam, v in bbc["per_1000_words"].items()))
    if loco:
        print(f"\nLOCO sample (conspiracy websites, every article a positive): {loco['with_a_warning']} of "
              f"{loco['articles']} articles get a loaded-language warning; findings by code: "
              + ", ".join(f"{c} {n}" for c, n in loco["per_code"].items()))
    print(f"\n(CPU {cpu:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
