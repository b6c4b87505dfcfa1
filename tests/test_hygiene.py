"""The hygiene family (HY): duplicates, spun sentences, boilerplate, broken structure."""

from editlint import parsers
from editlint.config import Config


def run(linter, code, text, fmt="markdown", **options):
    rule = next(r for r in linter.ruleset(Config()) if r.code == code)
    if options:
        rule = rule.configured(options)
    doc = parsers.parse(text, {"markdown": "x.md", "html": "x.html", "text": "x.txt"}[fmt], fmt)
    return [f for f in linter.run(doc, Config(), [rule]) if f.code == code]


LEAD = "The town council met on Monday evening to discuss the harbour.\n\n"


# -- HY101 duplicate-sentence ---------------------------------------------------
def test_duplicate_points_at_the_first_occurrence(linter):
    text = LEAD + ("Repairs to the old harbour wall will start in May.\n\n"
                   "Boats will moor in the outer basin. Repairs to the old harbour wall will start in May!\n")
    [f] = run(linter, "HY101", text)
    assert (f.line, f.column) == (5, 37)
    assert "3:1" in f.message


def test_pull_quotes_and_a_repeating_standfirst_are_not_duplicates(linter):
    sentence = "The minister said the plan would cut waiting lists by half within two years."
    html = (f"<article><h1>Plan</h1><p>{sentence}</p><p>Critics disagreed.</p>"
            f"<aside><p>{sentence}</p></aside><blockquote><p>{sentence}</p></blockquote></article>")
    assert run(linter, "HY101", html, fmt="html") == []
    md = f"{sentence}\n\n{sentence} Critics disagreed strongly with the figures.\n\nMore follows here.\n"
    assert run(linter, "HY101", md) == []                  # a standfirst repeating the opening
    assert run(linter, "HY101", f'{LEAD}{sentence}\n\n"{sentence}"\n') == []   # a pull quote as a paragraph
    assert len(run(linter, "HY101", f"{LEAD}{sentence}\n\nCritics disagreed.\n\n{sentence}\n")) == 1


def test_short_sentences_may_recur(linter):
    assert run(linter, "HY101", LEAD + "He declined to comment.\n\nLater he declined to comment.\n\nHe declined to comment.") == []


# -- HY102 spun-sentence --------------------------------------------------------
def test_reordered_sentence_is_spun(linter):
    text = LEAD + ("The storm damaged hundreds of homes across the northern coast on Sunday night. "
                   "Across the northern coast, hundreds of homes were damaged by the storm on Sunday night.\n")
    [f] = run(linter, "HY102", text)
    assert "3:1" in f.message and "content words shared" in f.message
    assert f.column > 1


def test_restated_fact_and_lifted_description(linter):
    fact = LEAD + ("The museum, founded in 1887, holds a large collection of clocks. "
                   "Founded in 1887 by a merchant, it began with a few dozen pieces.\n")
    [f] = run(linter, "HY102", fact)
    assert "1887" in f.message
    phrase = LEAD + ("Friends say she is calm, patient, precise and remarkably well organised. "
                     "A calm engineer, the new director is patient, precise and remarkably well organised.\n")
    [f] = run(linter, "HY102", phrase, min_overlap=1.0)
    assert "shares 'patient precise and remarkably well organised'" in f.message
    assert run(linter, "HY102", phrase, phrase_content_words=0, min_overlap=1.0) == []


def test_news_that_repeats_names_or_adds_figures_is_not_spun(linter):
    names = LEAD + ("Anna Kowalski met Pedro Alvarez in Lisbon on Monday. "
                    "Anna Kowalski and Pedro Alvarez later flew from Lisbon to Madrid.\n")
    assert run(linter, "HY102", names) == []
    figures = LEAD + ("Profits rose 27% to $3bn in 2004. "
                      "In 2004, revenues grew 6% to $42bn while profits rose 27%.\n")
    assert run(linter, "HY102", figures) == []
    standfirst = ("Storms damaged hundreds of homes on the northern coast.\n\n"
                  "Hundreds of homes on the northern coast were damaged by storms overnight, officials said.\n\n"
                  "Repairs will take weeks.\n")
    assert run(linter, "HY102", standfirst) == []


# -- HY103 engagement-bait --------------------------------------------------------
def test_engagement_bait(linter):
    assert run(linter, "HY103", "Tell us what you think. Share your views in the comments below.")
    assert run(linter, "HY103", "Don't forget to like and subscribe!", fmt="text")
    assert run(linter, "HY103", "The report is [here](https://example.com). Read more:", fmt="markdown")
    assert run(linter, "HY103", "Readers read more news on phones than on paper.") == []
    assert run(linter, "HY103", 'The banner said "click here to win" and locked the screen.') == []
    assert run(linter, "HY103", "Some of the comments surrounding the launch were hostile.") == []


def test_engagement_bait_variants(linter):
    for bait in ["Loved it? Like, share and subscribe!",
                 "Smash that like button if you agree.",
                 "Tag a friend who still drives a diesel.",
                 "Share this article with everyone on your street.",
                 "Drop a comment with your favourite walk.",
                 "What did we miss? Let us know in the comments.",
                 "Hit the bell for more videos like this."]:
        assert run(linter, "HY103", bait, fmt="text"), bait
    for fine in ["The referee hit the bell early in the second round.",
                 "Officers asked anyone who shared the video with friends to delete it.",
                 "Residents can tag their bins with a barcode from next month.",
                 "She dropped a comment about the budget into her speech."]:
        assert run(linter, "HY103", fine, fmt="text") == [], fine


# -- HY104 / HY105 contents lists and repeated headings ----------------------------
SECTIONS = ["How the harbour was built", "The fleet in its heyday", "The harbour today"]


def _article(contents: str) -> str:
    body = "".join(f"## {h}\n\nA paragraph about {h.lower()}.\n\n" for h in SECTIONS)
    return f"# The harbour\n\n{contents}\n\n{body}"


def test_plain_text_contents_list_is_reported_once_over_its_span(linter):
    text = _article("\n".join(f"- {h}" for h in SECTIONS))
    [f] = run(linter, "HY104", text)
    assert (f.line, f.end_line) == (3, 5)
    assert "3 lines" in f.message
    # HY105 leaves the headings alone: the contents list is HY104's business
    assert run(linter, "HY105", text) == []


def test_linked_contents_and_related_lists_pass(linter):
    linked = _article("\n".join(f"- [{h}](#{h.lower().replace(' ', '-')})" for h in SECTIONS))
    assert run(linter, "HY104", linked) == []
    unrelated = _article("- Tide tables\n- Parking\n- Opening hours")
    assert run(linter, "HY104", unrelated) == []


def test_contents_typed_as_lines_in_plain_text(linter):
    lines = ["The harbour", "Contents", *SECTIONS]
    for h in SECTIONS:
        lines += [h, f"A paragraph about {h.lower()}, with a full stop."]
    [f] = run(linter, "HY104", "\n".join(lines) + "\n", fmt="text")
    assert (f.line, f.end_line) == (3, 5)


def test_repeated_heading(linter):
    text = "# Bridge\n\n## What the council decided\n\nApproved.\n\n## What the council decided\n\nWork starts.\n"
    [f] = run(linter, "HY105", text)
    assert f.line == 7 and "3:4" in f.message
    reviews = "# Two kettles\n\n## Kettle one\n\n### Pros\n\nLight.\n\n## Kettle two\n\n### Pros\n\nCheap.\n"
    assert run(linter, "HY105", reviews) == []


# -- HY106 broken-table -------------------------------------------------------------
def test_piped_rows_without_a_rule(linter):
    md = "Results:\n\nParty | Seats\nGreens | 12\nLiberals | 9\n"
    [f] = run(linter, "HY106", md)
    assert f.line == 3 and "3 rows" in f.message
    assert run(linter, "HY106", "Results:\n\n| Party | Seats |\n|---|---|\n| Greens | 12 |\n") == []
    text = "Results:\nParty | Seats |\nGreens | 12 |\n"
    assert len(run(linter, "HY106", text, fmt="text")) == 1
    assert run(linter, "HY106", "Results:\nParty | Seats |\n---|---|\nGreens | 12 |\n", fmt="text") == []
    assert run(linter, "HY106", "He chose stay | go on the ballot.") == []


# -- HY107 unmarked-quotation ---------------------------------------------------------
def test_unmarked_direct_speech(linter):
    [f] = run(linter, "HY107", "We will never give up the valley, the commander told Regional Radio.")
    assert f.column == 1 and f.end_column == len("We will never give up the valley") + 1
    assert "the commander told Regional Radio" in f.message
    assert run(linter, "HY107", "First he is looking for a way to end the strike, Tom Baker told the Courier.")
    assert run(linter, "HY107", "My job is to keep the streets safe, she says.", fmt="text")


def test_quoted_and_reported_speech_pass(linter):
    assert run(linter, "HY107", '"We will never give up the valley," the commander told Regional Radio.') == []
    assert run(linter, "HY107", "Sales would rise next year, the company said.") == []
    assert run(linter, "HY107", "The economy is strong and growing, the minister said.") == []
    # a quotation that runs on from the previous paragraph keeps its opening mark only
    text = '"We have waited long enough.\n\n"We will not wait any longer, our members say," she said.\n'
    assert run(linter, "HY107", text) == []
