"""Words, sentences and quotations in prose."""

from editlint.prose import quote_spans, split_sentences


def _quotes(text):
    return [text[a:b] for a, b in quote_spans(text)]


def _sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_curly_and_straight_quotes():
    assert _quotes("He said “yes” and \"no\".") == ["“yes”", '"no"']


def test_apostrophes_are_not_quotes():
    assert _quotes("It's the writer's view, not 'theirs'.") == ["'theirs'"]


def test_an_unclosed_quotation_runs_to_the_end_of_the_block():
    assert _quotes('"We will not stop here, she said, and more') == ['"We will not stop here, she said, and more']


def test_a_quotation_reopened_for_its_next_paragraph_is_one_quotation():
    text = 'He added: "The outlook is uncertain. "It is widely accepted that risks worsen." Then he left.'
    assert _quotes(text) == ['"The outlook is uncertain. "It is widely accepted that risks worsen."']


def test_sentences_do_not_end_at_abbreviations_or_initials():
    text = "Mr. Smith met J. K. Rowling in the U.S. capital. They talked."
    assert _sentences(text) == ["Mr. Smith met J. K. Rowling in the U.S. capital.", "They talked."]


def test_sentences_end_after_closing_quotes():
    assert _sentences('"We won," she said. "Now we rest."') == ['"We won," she said.', '"Now we rest."']
