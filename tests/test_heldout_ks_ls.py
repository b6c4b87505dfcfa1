"""Held-out check for the keyword-stuffing (KS) and link-spam (LS) families.

``tests/fixtures/heldout/`` holds articles written for this test only, in Markdown, HTML and
plain text: SEO-spam articles (a celebrity "net worth" bio with a name+country query in its
prose, a "best X for Y 2025" review, a "near me" local-service page, a "cheap flights City"
travel piece, a WordPress page with a related-posts widget, inline off-topic anchors,
keyword captions, stock-photo debris and a tag footer, front-matter keyphrase overuse, a
scraped news page) and clean hard negatives (a profile repeating its subject's full name, a
review naming its product, a match report full of team and city names, an explainer whose
topic is a multi-word term, an on-topic related list, a sources list, a sponsor disclosure,
a listicle whose headings share a keyword). Each article has a sibling ``.json`` with the
lines where a careful editor expects a finding of each family (``KS``, ``LS``) and
``neutral`` lines (titles that are the query itself, a list's own heading) where a finding
is neither a hit nor a false positive. The gold was written before the tool was run.

Line level: a finding covers the lines from ``line`` to ``end_line``; recall counts gold
lines covered by a finding of the family, precision counts covered non-neutral lines that
are gold. The floors below are the level reached; falling under one is a regression in
how the families generalise to unseen articles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editlint.config import Config

HERE = Path(__file__).parent / "fixtures" / "heldout"
FORMATS = {".md": "markdown", ".html": "html", ".txt": "text"}
FAMILIES = ("KS", "LS")

# (precision, recall) floors per family, line level over the whole held-out set
FLOORS = {"KS": (1.0, 0.95), "LS": (1.0, 0.75)}


def articles() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.suffix in FORMATS)


def gold_of(path: Path) -> dict:
    g = json.loads(path.with_suffix(".json").read_text())
    return {"KS": set(g["KS"]), "LS": set(g["LS"]), "neutral": set(g.get("neutral", []))}


def found_lines(findings) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {f: set() for f in FAMILIES}
    for f in findings:
        fam = f.code[:2]
        if fam in out:
            end = getattr(f, "end_line", None) or f.line
            out[fam].update(range(f.line, end + 1))
    return out


def lint_file(linter, path: Path):
    cfg = Config()
    rules = [r for r in linter.active_rules(cfg) if r.code[:2] in FAMILIES]
    return linter.lint_text(path.read_text(), path.name, cfg, rules, fmt=FORMATS[path.suffix])


def measure(linter) -> tuple[dict[str, tuple[int, int, int]], dict[str, dict[str, tuple[set, set]]]]:
    """family -> (tp, fp, fn) over all articles; and per article family -> (false positive lines, missed lines)."""
    totals = {f: [0, 0, 0] for f in FAMILIES}
    detail: dict[str, dict[str, tuple[set, set]]] = {}
    for path in articles():
        gold = gold_of(path)
        found = found_lines(lint_file(linter, path))
        detail[path.name] = {}
        for fam in FAMILIES:
            g, f = gold[fam], found[fam] - gold["neutral"]
            totals[fam][0] += len(g & f)
            totals[fam][1] += len(f - g)
            totals[fam][2] += len(g - f)
            detail[path.name][fam] = (f - g, g - f)
    return {k: tuple(v) for k, v in totals.items()}, detail


def pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def test_heldout_set_is_well_formed():
    paths = articles()
    spam = [p for p in paths if gold_of(p)["KS"] or gold_of(p)["LS"]]
    clean = [p for p in paths if not gold_of(p)["KS"] and not gold_of(p)["LS"]]
    assert len(spam) >= 8 and len(clean) >= 8
    assert {p.suffix for p in paths} == set(FORMATS)
    for p in paths:
        n = len(p.read_text().splitlines())
        g = gold_of(p)
        assert all(1 <= line <= n for line in g["KS"] | g["LS"] | g["neutral"]), p.name


@pytest.mark.parametrize("family", FAMILIES)
def test_heldout_precision_and_recall(linter, family):
    totals, detail = measure(linter)
    precision, recall = pr(*totals[family])
    floor_p, floor_r = FLOORS[family]
    misses = {a: sorted(d[family][1]) for a, d in detail.items() if d[family][1]}
    fps = {a: sorted(d[family][0]) for a, d in detail.items() if d[family][0]}
    assert precision >= floor_p, f"{family} precision {precision:.2f} < {floor_p}: false positives {fps}"
    assert recall >= floor_r, f"{family} recall {recall:.2f} < {floor_r}: missed {misses}"


def test_clean_articles_have_no_findings(linter):
    for path in articles():
        if path.name.startswith("c"):
            found = found_lines(lint_file(linter, path))
            assert found == {"KS": set(), "LS": set()}, path.name


if __name__ == "__main__":   # python tests/test_heldout_ks_ls.py: print the table
    from editlint.config import ConfigResolver
    from editlint.engine import Linter
    from editlint.plugins import collect, plugin_manager

    pm, errors = plugin_manager()
    totals, detail = measure(Linter(collect(pm, errors), ConfigResolver(isolated=True)))
    for fam in FAMILIES:
        p, r = pr(*totals[fam])
        print(f"{fam}: P={p:.2f} R={r:.2f} tp/fp/fn={totals[fam]}")
    for art, d in detail.items():
        for fam in FAMILIES:
            fp, fn = d[fam]
            if fp or fn:
                print(f"  {art} {fam}: fp lines {sorted(fp)} missed {sorted(fn)}")
