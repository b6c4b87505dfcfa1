"""HY102 spun-sentence: restatements with figures normalised and common synonyms swapped."""

import pytest

from editlint import parsers
from editlint.config import Config
from editlint.kinds import duplicates

figures = duplicates.figures

LEAD = "The parish newsletter went out to every household on Friday morning.\n\n"


def hy102(linter, text, fmt="markdown"):
    rule = next(r for r in linter.ruleset(Config()) if r.code == "HY102")
    doc = parsers.parse(text, {"markdown": "x.md", "html": "x.html", "text": "x.txt"}[fmt], fmt)
    return [f for f in linter.run(doc, Config(), [rule]) if f.code == "HY102"]


@pytest.mark.parametrize("phrase, value", [
    ("$4m", "4000000"), ("4 million", "4000000"), ("$4,000,000", "4000000"), ("four million", "4000000"),
    ("two million dollars", "2000000"), ("£2.5bn", "2500000000"), ("1990", "1990"), ("27%", "27%"),
    ("twenty-five thousand", "25000"), ("€300k", "300000"),
])
def test_figures_are_normalised(phrase, value):
    assert value in figures(f"It came to {phrase} in the end.")


def test_small_bare_numbers_are_not_figures():
    assert figures("She has two dogs and 3 cats.") == frozenset()


SPUN = [
    # a year and a birthplace, clauses reordered
    "The painter was born in 1971 in Dundee. Born in Dundee in 1971, she studied at the local art school.",
    # the same amount written two ways, company/firm swapped
    "The bakery chain reported revenue of $7m. Revenue at the firm reached $7 million.",
    # digits and words, net worth/fortune swapped
    "The singer has an estimated net worth of $3 million. Her fortune is estimated at around three million dollars.",
    # purchase/buy, large/big, with a sentence between
    "The council purchased a large warehouse for £450,000 in 2019. It now stores road salt there. "
    "In 2019 it bought the big warehouse for £450k.",
    # begin/start with the year
    "Work on the new library began in 2015. Construction work started in 2015 on the new library, "
    "which will take three years to finish.",
    # a full date written both ways, its commas inside the date
    "The actor was born on 4 May 1985 in Cardiff. He was born in Cardiff on May 4, 1985, to a family of teachers.",
    # the year in an opening phrase of its own
    "She married the sculptor Tom Reed in 2012. In 2012, she wed Reed.",
    # a percentage in words
    "Sales grew by 15% in 2020. In 2020, sales increased by fifteen percent.",
    # house/property, sold, amounts with and without thousands separators
    "The house sold for £1.2m last month. Last month the property was sold for £1,200,000.",
]


@pytest.mark.parametrize("text", SPUN)
def test_restatements_are_flagged(linter, text):
    [f] = hy102(linter, LEAD + text + "\n")
    assert "3:1" in f.message


def test_points_at_the_first_sentence(linter):
    text = LEAD + "The bakery chain reported revenue of $7m. Revenue at the firm reached $7 million.\n"
    [f] = hy102(linter, text)
    assert (f.line, f.column) == (3, 43)
    assert "3:1" in f.message and "'Revenue ... $7 million'" in f.message


def test_plain_text_and_html(linter):
    text = ("Notes from the harbour office.\n\nThe ferry company spent £2m on a new boat. "
            "The firm bought its new vessel for two million pounds.\n")
    assert len(hy102(linter, text, fmt="text")) == 1
    html = ("<h1>Harbour</h1><p>Notes from the harbour office.</p><p>The ferry company spent £2m on a new boat. "
            "The firm bought the new boat for two million pounds.</p>")
    assert len(hy102(linter, html, fmt="html")) == 1


PASS = [
    # two different years
    "The painter was born in 1971 in Dundee. She moved to Glasgow in 1990 and studied there.",
    # the same year, a different event
    "The firm was founded in 1990. In 1990 the firm moved to Leeds and doubled its staff.",
    # different amounts for the same measure
    "The bakery chain reported revenue of $7m in 2003. Revenue at the firm reached $9m in 2004.",
    # the second sentence brings new figures: news, not a restatement
    "Profits rose 12% to £40m. Profits of £40m came on sales of £300m, up from £250m.",
    # a quotation that echoes the narration
    'The firm made £4m last year. "We made four million pounds last year," said its founder, Ada Price.',
    'The charity raised £80,000 in 2021. Its director said the charity had "raised £80,000 in a single year".',
    # reported speech that echoes the narration
    "The club paid £5m for the striker. Its manager said the club paid £5 million for him.",
    # a shared figure with nothing else in common
    "The bridge cost $12m to build. A further $12m will go to schools in the district.",
]


@pytest.mark.parametrize("text", PASS)
def test_news_that_shares_figures_is_not_spun(linter, text):
    assert hy102(linter, LEAD + text + "\n") == []


def test_standfirst_repeating_the_body_is_not_spun(linter):
    text = ("A bakery chain has reported revenue of $7m, its best year yet.\n\n"
            "Revenue at the firm reached $7 million in the year to March, helped by new shops.\n\n"
            "The chain plans to open ten more shops next year.\n")
    assert hy102(linter, text) == []


def test_far_apart_sentences_are_not_compared(linter):
    filler = " ".join(f"Item {w} was discussed at length by the committee." for w in
                      ("alpha", "bravo", "charlie", "delta"))
    text = LEAD + f"The bakery chain reported revenue of $7m. {filler} Revenue at the firm reached $7 million.\n"
    assert hy102(linter, text) == []


def test_synonyms_count_as_shared_words_when_reworded(linter):
    text = LEAD + ("The large firm began selling its products in the northern market last spring. "
                   "The big company started selling its products in the northern market last spring.\n")
    [f] = hy102(linter, text)
    assert "8 of 8 content words shared" in f.message


def test_reworded_sentence_with_new_figures_is_news(linter):
    text = LEAD + ("Analysts expect the retailer to report annual revenue of $2.1bn and profits near $90m. "
                   "The retailer now expects to report annual revenue of $2.3bn and profits near $95m.\n")
    assert hy102(linter, text) == []


def test_dates_keep_their_month():
    assert figures("It opens on 11 March.") != figures("It opens on 11 February.")
    assert figures("It opens on March 11.") == figures("It opens on 11 March.")


def test_a_question_or_a_denial_does_not_restate(linter):
    question = LEAD + "The bakery chain reported revenue of $7m. Revenue at the firm reached $7 million?\n"
    assert hy102(linter, question) == []
    denial = LEAD + "The bakery chain reported revenue of $7m. Revenue at the firm never reached $7 million.\n"
    assert hy102(linter, denial) == []
