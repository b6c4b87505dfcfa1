"""Keyphrase inference (editlint.keyphrases) and one finding per problem: a stuffed keyphrase
nobody declared is found from the places search engines weigh and reported once, with its
other uses related; names, terms of art and a title stating its keyphrase once are left alone;
two rules reporting the same place give one finding."""

from __future__ import annotations

import json

from editlint import parsers
from editlint.cli import main
from editlint.engine import one_per_span
from editlint.formatters import Context
from editlint.formatters import html as html_report
from editlint.keyphrases import infer, stuffed, target_keyphrases
from editlint.rule import Finding, Related

RECIPE = """---
title: "Easy Rye Crackers Recipe Without Yeast"
slug: easy-rye-crackers-recipe-without-yeast
---

# Easy Rye Crackers Recipe Without Yeast

![easy rye crackers recipe without yeast on a board](/img/crackers.jpg)

These crackers need rye flour, water, oil and salt, and they keep for two weeks in a tin. I bake a tray every Sunday and eat them with cheese all week.

## Ingredients For Easy Rye Crackers Recipe Without Yeast

- 200 g dark rye flour
- 120 ml water
- 3 tablespoons olive oil
- a teaspoon of flaky salt

## How To Make Easy Rye Crackers Recipe Without Yeast

Mix everything into a stiff dough, roll it as thin as you can between two sheets of paper, and score it into squares. Bake at 180°C for twenty minutes, until the edges are dark and the middle is dry.

## Storing Easy Rye Crackers Recipe Without Yeast

Let them cool on the tray before you break them apart. They keep for two weeks in a tin, and a few minutes in a hot oven brings back the snap if they soften.

Tags: easy rye crackers recipe without yeast, rye crackers, crispbread, baking
"""


def doc_of(text: str, name: str = "article.md"):
    return parsers.parse(text, name, parsers.format_for(name, text))


def places(f) -> list[int]:
    return [f.line, *(r.line for r in f.related)]


def test_undeclared_keyphrase_is_inferred_with_its_evidence():
    kp = infer(doc_of(RECIPE))
    assert kp is not None and kp.phrase.lower() == "easy rye crackers recipe without yeast"
    assert kp.source == "inferred"
    for where in ("the title", "the URL slug", "3 subheadings", "alt text", "the tag list"):
        assert where in kp.evidence()
    assert stuffed(doc_of(RECIPE), kp) is not None


def test_stuffed_inferred_keyphrase_is_one_finding_with_every_use_related(lint):
    found = [f for f in lint(RECIPE) if f.code.startswith("KS")]
    assert len(found) == 1
    f = found[0]
    assert f.code == "KS102" and "inferred" in f.message
    # alt text, three subheadings and the tag line: the finding and its related places
    assert sorted(places(f)) == [8, 12, 19, 23, 27]


def test_a_profile_repeating_its_subject_is_not_stuffing(lint):
    text = """# Ines Marlowe, the violinist who came home

Ines Marlowe was nine when she first played in public. Ines Marlowe returned thirty years later to play Bach in the same church hall, to a crowd of two hundred people.

## Early years

Ines Marlowe grew up above a bakery. At sixteen Ines Marlowe won a scholarship to the conservatoire in Glasgow, and at twenty-two she joined the chamber orchestra as its youngest principal.

## Ines Marlowe today

Ines Marlowe teaches two days a week at the music school. "I owe this place everything," Ines Marlowe said after the concert, and she means to stay.
"""
    assert not [f for f in lint(text) if f.code.startswith("KS")]


def test_a_term_of_art_that_is_the_topic_is_not_stuffing(lint):
    text = """Small Modular Reactors Explained

Small modular reactors are nuclear plants built in a factory and shipped in pieces. Small modular reactors produce a tenth of the power of a large station, and a site can hold several.

How Small Modular Reactors Work

Each unit has its own core, cooled by water that circulates without pumps. The design means small modular reactors can shut down safely with no power supply at all.

Where Small Modular Reactors Are Being Built

The first units are under construction in Canada and the United States, and several European utilities have signed contracts for small modular reactors due before 2035.
"""
    assert not [f for f in lint(text, "text") if f.code.startswith("KS")]


def test_a_title_that_states_the_keyphrase_once_is_not_stuffing(lint):
    text = """# Best walking boots for wide feet

Standard lasts are narrow at the toe, and walkers with broad feet often end up with blisters by the second day. We asked six walkers with wide feet to test five boots made in a wide fit, over a month of hill walks in the Peak District.

![Three pairs of leather boots drying on a stone wall](/img/boots.jpg)

## The boots we tested

The Alpenfeld has the roomiest toe box and a stiff sole that suited rocky paths. The Corrie was the lightest boot in the test and stayed dry through a day of bog; it runs half a size small.
"""
    assert not [f for f in lint(text) if f.code.startswith("KS")]


def test_forced_use_of_a_dated_comparison_query(lint):
    text = """# Corvo S12 vs Lumen Air 5: which budget phone?

Two phones under £300 arrived within a month of each other, and we used both side by side for three weeks on the same network, as our main phones.

## Corvo S12 vs Lumen Air 5 2025 comparison

If you are choosing between the two the Corvo S12 vs Lumen Air 5 2025 comparison comes down to battery against screen. The Corvo lasted two full days in our tests; the Lumen has the brighter screen.

## Cameras

At night the Lumen keeps more detail, while the Corvo smooths faces. Corvo S12 vs Lumen Air 5 2025 camera results are below, with our sample photos from a week of commuting.
"""
    found = [f for f in lint(text) if f.code.startswith("KS")]
    assert len(found) == 1 and "does not read as language" in found[0].message
    assert sorted(places(found[0])) == [5, 7, 11]


def test_stats_shows_the_inferred_keyphrase_and_its_evidence(tmp_path, capsys):
    path = tmp_path / "crackers.md"
    path.write_text(RECIPE, encoding="utf-8")
    assert main(["stats", "--format", "json", str(path)]) == 0
    kp = json.loads(capsys.readouterr().out)[0]["keyphrase"]
    assert kp["phrase"].lower() == "easy rye crackers recipe without yeast"
    assert kp["source"] == "inferred" and kp["stuffed"] is True
    assert "the URL slug" in kp["evidence"] and kp["failures"]
    assert main(["stats", str(path)]) == 0
    out = capsys.readouterr().out.lower()
    assert "keyphrase 'easy rye crackers recipe without yeast' (inferred; the title" in out


def test_explain_says_how_the_keyphrase_is_found(capsys):
    assert main(["explain", "KS102"]) == 0
    out = capsys.readouterr().out
    assert "inferred" in out.lower() or "declares nothing" in out
    assert "slug" in out and "FAQ questions" in out


def test_declared_keyphrase_wins_over_inference():
    doc = doc_of("---\nkeyphrase: rye crackers\n---\n" + RECIPE.split("---\n", 2)[2])
    kps = target_keyphrases(doc)
    assert [k.source for k in kps] == ["declared"] and kps[0].phrase.lower() == "rye crackers"


def _finding(code: str, start: int, end: int, related=()) -> Finding:
    return Finding(path="a.md", line=1, column=start + 1, end_line=1, end_column=end + 1, code=code,
                   family="keyword-stuffing", severity="warning", message=code, rule=code.lower(),
                   start=start, end=end, related=[Related(1, s + 1, 1, e + 1, "", s, e) for s, e in related])


def test_two_rules_reporting_the_same_span_give_one_finding():
    merged = one_per_span([_finding("KS104", 10, 20, [(40, 50)]), _finding("KS101", 10, 20, [(60, 70)])])
    assert len(merged) == 1 and merged[0].code == "KS101"
    assert sorted(r.start for r in merged[0].related) == [40, 60]


def test_overlapping_places_of_one_family_are_one_problem():
    # KS102 holds the full phrase at 30-60; KS101 found its first words at 30-45 and elsewhere
    merged = one_per_span([_finding("KS102", 30, 60, [(100, 130)]), _finding("KS101", 100, 115, [(200, 215)])])
    assert len(merged) == 1 and merged[0].code == "KS101"
    assert sorted(r.start for r in merged[0].related) == [30, 200]   # 100-130 is the place it holds


def test_findings_of_other_families_are_merged_only_on_the_same_span():
    a = _finding("HY101", 0, 10)
    b = _finding("HY102", 5, 15)
    a.family = b.family = "hygiene"
    assert len(one_per_span([a, b])) == 2


def test_overlapping_claim_cues_are_one_unattributed_claim():
    # "It is widely accepted that": a weasel (UC101) and an agentless judgement (UC111) on one claim
    a = _finding("UC101", 0, 26)
    b = _finding("UC111", 6, 26)
    a.family = b.family = "unattributed-claim"
    merged = one_per_span([a, b])
    assert [f.code for f in merged] == ["UC101"]


def test_html_report_shows_how_many_places_and_where(lint):
    found = [f for f in lint(RECIPE) if f.code.startswith("KS")]
    page = html_report.render(found, Context(sources={found[0].path: RECIPE}))
    f = found[0]
    n = len(f.related)
    assert f'data-related="{n}"' in page and f"({n} more places)" in page
    for r in f.related:
        assert f">{r.line}:{r.column}</a>" in page


def test_trending_list_with_an_advert(lint):
    text = """# Chewy oat cookies

These oat cookies need one bowl, twenty minutes and nothing you cannot buy at a corner shop. Brown sugar keeps them chewy, and a pinch of salt makes the oats taste toasted.

Melt the butter with the syrup, stir in the oats and the flour, and press spoonfuls onto a lined tray. Bake them for twelve minutes, until the edges turn golden, and leave them to set.

### Trending on the blog

- [Three-ingredient peanut butter flapjacks](/flapjacks)
- [Best fixed rate remortgage deals this month](https://rates.example/remortgage)
- [Easy oat milk hot chocolate](/hot-chocolate)
"""
    found = [f for f in lint(text) if f.code.startswith("LS")]
    assert [(f.code, f.line) for f in found] == [("LS106", 10)]


def test_html_anchor_slipped_into_an_on_topic_sentence(lint):
    text = """<article><h1>Climbing the belfry</h1>
<p>The 366 steps of the belfry are easier in the cold than in summer, when the queues stretch across the square below. On a clear day you can see the coast from the top.</p>
<p>Book a timed ticket online to skip the queue at the belfry, and pick up <a href="https://x.example/teak">teak garden furniture sets</a> at the shop by the exit.</p>
<p>The belfry closes at six in winter, and the last climbers go up half an hour before it does.</p>
</article>"""
    found = [f for f in lint(text, "html") if f.code.startswith("LS")]
    assert [(f.code, f.line) for f in found] == [("LS105", 3)]
