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

Line level: a finding covers the lines from ``line`` to ``end_line`` and those of its related
locations (one finding per problem, its other places related); recall counts gold
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
FLOORS = {"KS": (1.0, 0.92), "LS": (1.0, 0.95)}


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
            # one finding per problem: its other places are related locations
            for r in f.related:
                out[fam].update(range(r.line, r.end_line + 1))
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


STORY = ("Volunteers spent three summers removing weirs along the Lyndle river, and this autumn salmon "
         "returned to spawning gravel upstream for the first time in decades. Ecologists counted more than "
         "forty redds along the upper reaches, where the water runs cold and clear over the stones. The trust "
         "now plans to restore a second tributary, where an old mill dam still blocks the fish, and the salmon "
         "count will be repeated next year with help from the angling club.")


def test_plain_text_lines_of_unrelated_titles_are_a_link_block(lint):
    text = f"Salmon Return To The Lyndle\n\n{STORY}\n\nPeople Also Search\nCheap Hotel Deals Oslo\n" \
           "Mandy Brightwater Age\nVelvet Harbour Whiskey\n"
    found = [f for f in lint(text, "text") if f.code == "LS101"]
    assert len(found) == 1 and found[0].line == 5 and found[0].end_line == 8


def test_byline_lines_before_the_story_are_not_a_link_block(lint):
    text = f"Salmon Return To The Lyndle\nBy Jane Ray\nPublished 3 May\nUpdated 4 May\n\n{STORY}\n"
    assert not [f for f in lint(text, "text") if f.code.startswith("LS")]


def test_separate_short_sections_are_not_a_link_block(lint):
    text = (f"Salmon Return To The Lyndle\n\n{STORY}\n\nCheap Hotel Deals Oslo\n\n{STORY}\n\n"
            f"Mandy Brightwater Age\n\n{STORY}\n\nVelvet Harbour Whiskey\n\n{STORY}\n")
    assert not [f for f in lint(text, "text") if f.code == "LS101"]


def test_person_place_needs_three_paragraphs(lint):
    base = ("Ilka Varga, the energy minister, flew to Lima on Sunday. The Ilka Varga Peru talks are expected "
            "to last a week, and Varga has said she wants a deal on copper.\n\nPeru exports most of its copper "
            "to Asia. Officials in Peru see the Ilka Varga Peru meeting as a chance to find new buyers.")
    third = "\n\nVarga will meet mine owners on Wednesday. The Ilka Varga Peru agreement would run for ten years."
    assert not [f for f in lint(f"Mining Talks\n\n{base}\n", "text") if f.code == "KS101"]
    found = [f for f in lint(f"Mining Talks\n\n{base}{third}\n", "text") if f.code == "KS101"]
    assert len(found) == 1 and [found[0].line, *(r.line for r in found[0].related)] == [3, 5, 7]


def test_team_named_after_its_city_is_not_a_person_place(lint):
    text = ("Harlow Town Hold Leaders\n\nHarlow Town drew with the leaders on Saturday, and Town had the better "
            "chances.\n\nIn Harlow the club has never been more popular, and Harlow Town fans sang throughout.\n\n"
            "Harlow Town play away next week, and Town expect a sell-out in Harlow in March.\n")
    assert not [f for f in lint(text, "text") if f.code.startswith("KS")]


def test_inline_anchor_sharing_a_word_form_is_on_topic(lint):
    text = ("# Keeping bees through a wet summer\n\nA wet summer keeps bees inside the hive, and a colony that "
            "cannot forage may run short of stores by August. Check the weight of each hive every fortnight.\n\n"
            "If a hive feels light, feed a thick syrup, as the [beekeeping association's autumn guidance]"
            "(https://example.org/g) recommends, and check the brood a week later.\n\nOnce the weather turns, "
            "the bees will forage again and rebuild their stores. A strong colony can gather a week of food in "
            "two fine days, so do not feed more than the hive needs.\n")
    assert not [f for f in lint(text) if f.code == "LS105"]
    spam = text.replace("beekeeping association's autumn guidance", "Grandview Marriott Suites Cancun")
    assert [f.line for f in lint(spam) if f.code == "LS105"] == [5]


def test_query_with_a_preposition_and_a_tail(lint):
    text = ("# Staying in Ghent\n\nGhent is small and easy to walk, and rooms in Ghent cheap enough for students "
            "are near the station.\n\nThe old port has guesthouses, and rooms in Ghent cheap by local standards "
            "are behind the castle.\n\nMost visitors who want rooms in Ghent cheap end up near the university.\n")
    found = [f for f in lint(text) if f.code == "KS101"]
    assert len(found) == 1 and [found[0].line, *(r.line for r in found[0].related)] == [3, 5, 7]
    assert "'cheap'" in found[0].message
    plain = text.replace(" cheap", "")
    assert not [f for f in lint(plain) if f.code == "KS101"]


def test_year_after_a_preposition_is_not_a_query(lint):
    text = ("# Results\n\nProfits in 2024 rose at the bank. Profits in 2024 were helped by rates.\n\n"
            "Analysts said profits in 2024 would not be repeated.\n")
    assert not [f for f in lint(text) if f.code == "KS101"]


def test_list_announced_by_the_article_is_its_own(lint):
    books = "\nThe Salt Road\nWinter Harbour\nA Kettle For Strangers\n"
    text = f"Poet Dies At 81\n\n{STORY}\n\nHer best-known collections were:{books}"
    assert not [f for f in lint(text, "text") if f.code == "LS101"]
    assert [f.code for f in lint(f"Poet Dies At 81\n\n{STORY}\n\nMore{books}", "text")
            if f.code.startswith("LS")] == ["LS101"]
