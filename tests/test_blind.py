"""Blind evaluation set: articles nobody tuned on.

``tests/fixtures/blind/`` holds twelve articles written for measurement only (six problem
articles mixing the families, six professionally edited clean ones; Markdown, HTML and plain
text), each with a sibling ``.json`` of gold lines per family. Fixtures and gold were
committed before editlint was first run on them; ``benchmarks/blind_eval.py`` prints the
per-family figures and every false positive and miss.

Only precision is held here: clean articles must stay free of KS/LS/LL/UC/HY warnings, and
each family's line-level precision must not fall below what was measured. There are no
recall floors on purpose: misses on this set are reported, not tuned away.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labelled_sets import blind_eval

from editlint.config import Config

HERE = Path(__file__).parent / "fixtures" / "blind"
FORMATS = {".md": "markdown", ".html": "html", ".txt": "text"}
FAMILIES = ("KS", "LS", "LL", "UC", "HY")

# line-level precision measured on the first blind run (before any change): no false positive
# LL: the learned LL110 (info) also reports p2's closing line, "...so the truth gets out before they
# delete it", an insinuation the gold marks only as engagement bait (HY): 9 of 10 lines.
# LL112 (info, the model's softer band beside lexicon findings) adds p2's "Our readers trust the
# products below" (a sales line) and "nine out of ten dentists privately admit" (UC's): 9 of 11.
PRECISION_FLOORS = {"KS": 1.0, "LS": 1.0, "LL": 0.8, "UC": 1.0, "HY": 1.0}



def articles() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.suffix in FORMATS)


def gold(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text())


def is_clean(path: Path) -> bool:
    return not any(gold(path).get(fam) for fam in FAMILIES)


@pytest.fixture(scope="module")
def findings(linter):
    cfg = Config()
    out = []
    for path in articles():
        out += [f.to_dict() for f in linter.lint_text(path.read_text(encoding="utf-8"), str(path), cfg,
                                                      fmt=FORMATS[path.suffix])]
    return out


def test_fixture_set_is_complete():
    arts = articles()
    clean = [p for p in arts if is_clean(p)]
    assert len(arts) == 12 and len(clean) == 6
    assert {p.suffix for p in clean} == set(FORMATS)
    assert {p.suffix for p in arts if p not in clean} == set(FORMATS)
    for p in arts:
        g = gold(p)
        assert set(g) <= set(FAMILIES) | {"neutral"}
        n_lines = len(p.read_text(encoding="utf-8").split("\n"))
        assert all(1 <= ln <= n_lines for lines in g.values() for ln in lines), p.name


@pytest.mark.parametrize("path", [p for p in articles() if is_clean(p)], ids=lambda p: p.name)
def test_clean_articles_have_no_warnings(findings, path):
    bad = [(f["line"], f["code"], f["message"]) for f in findings
           if Path(f["path"]).name == path.name and f["code"][:2] in FAMILIES
           and f["severity"] in ("warning", "error")]
    assert bad == []


@pytest.mark.parametrize("fam", FAMILIES)
def test_precision_floor(findings, fam):
    result = blind_eval.evaluate(findings, HERE)
    m = result["families"][fam]
    assert m["tp"] > 0, (fam, m)           # the family does fire on the problem articles
    assert m["precision"] >= PRECISION_FLOORS[fam], (fam, m, [f for f in result["fp"] if f["code"][:2] == fam])


def test_evaluate_scores_lines_and_ignores_neutral(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nbad line\n\nclean line\n")
    (tmp_path / "a.json").write_text(json.dumps({"UC": [3], "KS": [3], "neutral": [1]}))
    found = [{"path": str(tmp_path / "a.txt"), "line": ln, "code": code, "severity": "warning", "message": "m"}
             for ln, code in [(1, "UC101"), (3, "UC102"), (5, "UC101"), (5, "RD101")]]
    res = blind_eval.evaluate(found, tmp_path)
    assert (res["families"]["UC"]["tp"], res["families"]["UC"]["fp"], res["families"]["UC"]["fn"]) == (1, 1, 0)
    assert (res["families"]["KS"]["tp"], res["families"]["KS"]["fn"]) == (0, 1)
    assert res["fp"][0]["text"] == "clean line" and res["fn"][0]["text"] == "bad line"
