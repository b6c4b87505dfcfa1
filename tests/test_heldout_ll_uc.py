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


# -- the generic signals the held-out set needed, one by one -----------------------------

def codes(findings):
    return {f.code for f in findings}


def test_vague_source_ends_at_the_comma(lint):
    assert "UC104" in codes(lint("According to local media, three trawlers were sold abroad last month.", select="UC"))
    assert "UC104" in codes(lint("According to Italian media, the coach has signed.", select="UC"))
    assert "UC104" not in codes(lint("According to the Harbour Gazette, three trawlers were sold abroad.", select="UC"))


def test_a_place_after_a_preposition_is_not_the_speaker():
    from editlint.kinds import voice
    assert not voice.named_attribution("A majority of households in the village say they were never asked.")
    assert voice.named_attribution("A farmer in the valley said the river had risen overnight.")
    assert voice.named_attribution("The chairman of the club said it was over.")


def test_sentence_initial_studies_are_not_a_name(lint):
    assert "UC101" in codes(lint("Studies show that the levy has done nothing for high streets.", select="UC"))
    # the study named in the next sentence clears it
    text = ("Surveys have shown that most laptops are never backed up. "
            "Research by the storage firm Dataflow found that one in five users made copies.")
    assert "UC101" not in codes(lint(text, select="UC"))


def test_loaded_match_is_not_its_own_speaker(lint):
    assert "LL101" in codes(lint("The MSM won't report a word of this.", select="LL"))
    assert "LL101" not in codes(lint("\"The MSM won't report it,\" said Dana Fell, the group's founder.", select="LL"))


def test_publisher_named_press_is_not_vague(lint):
    assert not codes(lint("A spokesman for Oxford University Press said the word would be added.", select="UC"))


def test_place_labels_and_soros_funded(lint):
    assert "LL102" in codes(lint("Our MP is a Brussels stooge.", select="LL"))
    assert "LL102" in codes(lint("The march was hijacked by Soros-funded agitators.", select="LL"))
    assert "LL102" not in codes(lint("The Soros-funded Central European University moved to Vienna.", select="LL"))
    assert "LL102" not in codes(lint("Moscow assets frozen by the bank are worth $2bn, the ministry said.", select="LL"))


def test_demonym_statistics_need_a_population(lint):
    assert "UC105" in codes(lint("Two-thirds of Scots want a second referendum.", select="UC"))
    assert "UC105" not in codes(lint("Renault owns 44% of the Japanese carmaker.", select="UC"))
