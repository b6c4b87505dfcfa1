"""The second blind set (tests/fixtures/blind2): five problem and five clean hard-negative
articles, written with their gold before editlint was run on them. Since the fixes that
followed, the set is no longer blind; these tests hold the line that was reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labelled_sets import ROOT, blind_eval, lint_folder

FOLDER = ROOT / "tests" / "fixtures" / "blind2"
FAMILIES = ("KS", "LS", "LL", "UC", "HY")



@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    return lint_folder(FOLDER, tmp_path_factory.mktemp("blind2"))


def test_every_article_has_gold():
    arts = [p for p in FOLDER.iterdir() if p.suffix in (".md", ".html", ".txt")]
    assert len(arts) == 10
    for art in arts:
        gold = json.loads(art.with_suffix(".json").read_text())
        assert set(FAMILIES) <= set(gold)


@pytest.mark.parametrize("name", sorted(p.name for p in FOLDER.glob("c*") if p.suffix != ".json"))
def test_clean_articles_have_no_warnings(findings, name):
    bad = [f for f in findings if Path(f["path"]).name == name and f["code"][:2] in FAMILIES
           and f["severity"] in ("warning", "error")]
    assert not bad, [(f["line"], f["code"], f["message"]) for f in bad]


# floors reached after the fixes (the honest blind figures are in the commit history / report)
# LL: LL112 (info, the softer band beside lexicon findings) also reports the advertorial's
# "you have probably already tried everything" line and, in the stuffed mole-removal page whose
# unsourced claims keep it company, "the hills they push up can ruin a lawn": 9 of 11
PRECISION = {"KS": 1.0, "LS": 1.0, "LL": 0.8, "UC": 1.0, "HY": 1.0}
RECALL = {"KS": 0.95, "LS": 0.95, "LL": 0.85, "UC": 0.95, "HY": 0.95}


def test_precision_and_recall_floors(findings):
    fams = blind_eval.evaluate(findings, FOLDER)["families"]
    for fam in FAMILIES:
        assert fams[fam]["precision"] >= PRECISION[fam], (fam, fams[fam])
        assert fams[fam]["recall"] >= RECALL[fam], (fam, fams[fam])


def test_keyword_list_paragraph_is_stuffing(lint):
    text = ("# Bird feeders\n\nOur squirrel proof bird feeder hangs from any branch and holds a kilo of seed.\n\n"
            "Squirrel proof bird feeder, bird feeder for garden, best bird feeder UK, hanging bird feeder.\n")
    assert "KS103" in [f.code for f in lint(text)]


def test_keyword_list_is_not_a_restated_sentence(findings):
    # the pasted keyword list after the product paragraph shares its keyphrase, but restates nothing
    art = [f for f in findings if Path(f["path"]).name == "p3_turmeric_advertorial.txt"]
    assert any(f["code"] == "KS103" and f["line"] == 17 for f in art)
    assert not any(f["code"] == "HY102" and f["line"] == 17 for f in art)


def test_you_is_not_a_named_source(lint):
    codes = [f.code for f in lint("The cure big pharma hopes you never hear about is in your garden.\n")]
    assert "LL101" in codes
