"""Held-out check for the loaded-language (LL) and unattributed-claim (UC) families.

``tests/fixtures/heldout_voice/`` holds articles written for this test only (Markdown, HTML
and plain text): problem articles (conspiratorial blog posts, SEO news rewrites) whose
tropes and cues are phrased differently from the packs' examples, and clean hard negatives
(wire copy quoting named speakers, neutral reporting about a theory, history with sources,
anonymous sources with a reason, sourced statistics). Each article has a sibling ``.json``
naming the lines where a standards editor expects a finding of each family; the gold was
written before the tool was run on the articles.

A finding hits when it lies on a gold line of its family; precision counts findings lines,
recall counts gold lines. The floors below are the level reached; a change that lowers
them is a regression in how the families generalise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editlint.config import Config

HERE = Path(__file__).parent / "fixtures" / "heldout_voice"
FORMATS = {".md": "markdown", ".html": "html", ".txt": "text"}
FAMILIES = ("LL", "UC")

# precision and recall floors per family (line level, over the whole held-out set)
FLOORS = {"LL": (1.0, 0.95), "UC": (1.0, 1.0)}


def articles() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.suffix in FORMATS)


def score(found: dict[str, dict[str, set[int]]], gold: dict[str, dict[str, set[int]]]):
    """found/gold: article -> family -> lines. Returns family -> (tp, fp, fn)."""
    out = {}
    for fam in FAMILIES:
        tp = fp = fn = 0
        for art, fams in gold.items():
            g = fams[fam]
            f = found.get(art, {}).get(fam, set())
            tp += len(g & f)
            fn += len(g - f)
            fp += len(f - g)
        out[fam] = (tp, fp, fn)
    return out


def ratios(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


@pytest.fixture(scope="module")
def results(linter):
    cfg = Config()
    rules = [r for r in linter.active_rules(cfg) if r.code[:2] in FAMILIES]
    found, gold = {}, {}
    for path in articles():
        data = json.loads(path.with_suffix(".json").read_text())
        gold[path.name] = {fam: set(data.get(fam, [])) for fam in FAMILIES}
        findings = linter.lint_text(path.read_text(), path.name, cfg, rules, fmt=FORMATS[path.suffix])
        lines: dict[str, set[int]] = {fam: set() for fam in FAMILIES}
        for f in findings:
            lines[f.code[:2]].add(f.line)
        found[path.name] = lines
    return found, gold


def test_fixture_set_is_complete():
    arts = articles()
    problems = [p for p in arts if any(json.loads(p.with_suffix(".json").read_text()).values())]
    clean = [p for p in arts if p not in problems]
    assert len(problems) >= 8 and len(clean) >= 8
    assert {p.suffix for p in arts} == set(FORMATS)


@pytest.mark.parametrize("fam", FAMILIES)
def test_family_floors(results, fam):
    found, gold = results
    tp, fp, fn = score(found, gold)[fam]
    precision, recall = ratios(tp, fp, fn)
    floor_p, floor_r = FLOORS[fam]
    assert precision >= floor_p and recall >= floor_r, (fam, precision, recall, tp, fp, fn)


@pytest.mark.parametrize("path", [p for p in articles()
                                  if not any(json.loads(p.with_suffix(".json").read_text()).values())],
                         ids=lambda p: p.name)
def test_clean_articles_have_no_findings(results, path):
    found, _ = results
    assert found[path.name] == {fam: set() for fam in FAMILIES}
