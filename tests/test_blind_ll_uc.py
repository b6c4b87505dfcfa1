"""The hand-labelled loaded-language and unattributed-claim sets blind5 to blind8, blind13 and
blind14 (tests/fixtures/blind*/): partisan columns, gossip, conspiracy posts and advertorials beside
clean news that quotes, sources and keeps its distance. Each was written with its gold by a
helper who had not seen editlint's rules, and committed before the first run (the first-run
figures are in benchmarks/README.md). Each has since been used to find general gaps, so none
is blind any more (blind8 for its UC misses only, read on 2026-12-03): these tests hold the line that was reached, and above all that the clean
traps (named speakers, reporting about a conspiracy theory, sourced figures) stay clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labelled_sets import ROOT, blind_eval, lint_folder

FIXTURES = ROOT / "tests" / "fixtures"
# set -> (LL precision, LL recall, UC precision, UC recall) floors, a little under today's
# (LL112, the softer band beside lexicon findings, raised LL recall by 0.10-0.15 on each and
# cost blind6 one false positive in three articles)
FLOORS = {
    "blind5": (0.95, 0.60, 0.95, 0.88),
    "blind6": (0.85, 0.60, 0.95, 0.90),
    "blind7": (0.90, 0.65, 0.95, 0.90),
    "blind8": (0.90, 0.35, 0.95, 0.82),
    # written on 2026-12-04 and first run before LL112 and that day's UC forms (LL 0.48, UC 0.46;
    # LL 0.39, UC 0.81); blind13's UC misses and both sets' LL112 false positives were read
    "blind13": (0.90, 0.60, 0.95, 0.65),
    "blind14": (0.95, 0.60, 0.95, 0.60),
    # written on 2026-12-04 and first run after LL112 (LL 0.39 and 0.44, UC 0.63 and 0.56); their
    # misses were read for the day's last LL and UC forms
    "blind15": (0.85, 0.50, 0.95, 0.65),
    "blind17": (0.85, 0.50, 0.95, 0.45),
    # first run on 2026-12-04 (LL 0.59 / 0.57 / 0.60, UC 0.67 / 0.60 / 0.60); their misses were
    # read on 2026-12-04 for the cues in company (UC115-UC117, LL113-LL115) and the vouching
    "blind16": (0.85, 0.55, 0.95, 0.70),
    "blind18": (0.85, 0.65, 0.95, 0.60),
    "blind19": (0.90, 0.65, 0.95, 0.85),
}


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    return {name: lint_folder(FIXTURES / name, tmp_path_factory.mktemp(name)) for name in FLOORS}


# known false positives on clean articles, each a documented failure mode (MODEL_CARD.md)
KNOWN = {
    ("blind17", "c04.txt"): "LL110 reads a profile's puffery ('remarkable', 'endlessly generous') as emotive",
    ("blind18", "c05.html"): "LL110 reads 'saddled' in a sourced report as emotive wording",
}


def _clean_articles():
    for name in FLOORS:
        for art in sorted((FIXTURES / name).glob("c*")):
            if art.suffix in (".md", ".html", ".txt"):
                reason = KNOWN.get((name, art.name))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(name, art.name, marks=marks, id=f"{name}-{art.name}")


@pytest.mark.parametrize("folder, article", list(_clean_articles()))
def test_clean_articles_have_no_ll_or_uc_outside_their_neutral_lines(findings, folder, article):
    gold = json.loads((FIXTURES / folder / article).with_suffix(".json").read_text())
    assert gold["LL"] == [] and gold["UC"] == []
    bad = [(f["line"], f["code"], f["message"]) for f in findings[folder]
           if Path(f["path"]).name == article and f["code"][:2] in ("LL", "UC")]
    assert bad == []


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_precision_and_recall_floors(findings, folder):
    fams = blind_eval.evaluate(findings[folder], FIXTURES / folder)["families"]
    ll_p, ll_r, uc_p, uc_r = FLOORS[folder]
    assert fams["LL"]["precision"] >= ll_p and fams["LL"]["recall"] >= ll_r, fams["LL"]
    assert fams["UC"]["precision"] >= uc_p and fams["UC"]["recall"] >= uc_r, fams["UC"]
