"""The third blind set (tests/fixtures/blind3): four partisan / SEO-rewrite articles with
loaded-language and unattributed-claim problems and two clean hard negatives, written with
their gold before editlint was run on them. Since the fixes that followed (LL108, UC107, the
writer's-relative-clause rule in voice.distanced) the set is no longer blind; these tests
hold the line that was reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labelled_sets import ROOT, blind_eval, lint_folder

FOLDER = ROOT / "tests" / "fixtures" / "blind3"



@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    return lint_folder(FOLDER, tmp_path_factory.mktemp("blind3"))


@pytest.mark.parametrize("name", ["c5_strike_quotes.md", "c6_hospital_report.txt"])
def test_clean_articles_have_no_ll_or_uc(findings, name):
    neutral = set(json.loads((FOLDER / name).with_suffix(".json").read_text())["neutral"])
    bad = [f for f in findings if Path(f["path"]).name == name and f["code"][:2] in ("LL", "UC")
           and f["line"] not in neutral]
    assert bad == []


def test_ll_uc_precision_and_recall_floor(findings):
    fam = blind_eval.evaluate(findings, FOLDER)["families"]
    # LL112 (info) also reports "Heating bills have climbed again this winter" in the rewritten
    # energy piece: 11 of 12
    assert fam["LL"]["precision"] >= 0.9 and fam["UC"]["precision"] == 1.0
    assert fam["LL"]["recall"] >= 0.9
    assert fam["UC"]["recall"] == 1.0


def test_writers_own_accusation_verb_gives_no_distance(lint):
    hit = lint("Meanwhile the self-serving politicians who smeared the petition are crowing.", select=["LL"])
    assert any(f.code == "LL108" for f in hit)
    clean = lint("Critics dismissed it as a smear, not a naked cash grab.", select=["LL"])
    assert not any(f.code == "LL108" for f in clean)
