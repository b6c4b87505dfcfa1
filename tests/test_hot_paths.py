"""Fast paths that must answer exactly what the slower code they stand in for answers."""

from __future__ import annotations

import pytest

from editlint.kinds import voice


@pytest.mark.parametrize("text", [
    "The minister said on Monday.", "SAID nothing", "He Says so", "unsaid words", "said_x", "said2",
    "no verb at all here", "", "ſaid the man", "ﬆated plainly", "Straße stated", "told-off", "claimed’s",
    "she warned", "warnings only", "K said", "İ said",
])
def test_the_reporting_verb_check_agrees_with_the_pattern(text):
    assert voice._has_reporting_verb(text) == (voice._VERB.search(text) is not None)


@pytest.mark.parametrize("text", [
    "", " ", "a", "Iran's flights - to\n\nthe US", "x\ny", "a  b\t-c\u00a0d", "tomatoes 1,000.5 e-mail O’Brien’s",
    "ÉCOLE İstanbul ﬁnance", "one, two; three\n\n\nfour",
    " ".join(f"Word{i} the plans’ costs" for i in range(3000)),      # over 20,000 characters: in batches
])
def test_find_uses_columns_are_the_token_stream(text):
    from editlint import keyphrases as K

    toks = list(K._iter_tokens(text))
    cols = list(K._columns(text))
    own = [(k, j, a, b) for keys, joined, starts, ends, n in cols
           for k, j, a, b in list(zip(keys, joined, starts, ends))[:n]]
    assert own == [(t.key, t.joined, t.start, t.end) for t in toks]


def _split_sentences_by_slices(text):
    """prose.split_sentences as first written: the abbreviation test searched the sentence so far."""
    from editlint import prose

    spans, start = [], 0
    for m in prose._BOUNDARY.finditer(text):
        token = prose._TOKEN_BEFORE.search(text[start:m.start() + 1])
        if token and text[m.start()] == "." and prose._is_abbreviation(token.group(1)):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [s for s in (prose._trim(text, a, b) for a, b in spans) if s[1] > s[0]]


def test_the_sentence_splitter_reads_the_token_before_a_full_stop_as_before():
    import random

    from editlint import prose

    rng = random.Random(13)
    alphabet = "aBz. .!?…\"”’)] (“‘U.S.Mr.J.é\nx1ßΣ"
    texts = ["Mr. Smith went. He said so.", "U.S. troops left. The end.", "a. B", "..A", ". A",
             "J. Smith. K. Jones", "Dr.Who. A", "e.g. This", "It is 5 p.m. Then"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert prose.split_sentences(text) == _split_sentences_by_slices(text), text


def test_repeated_phrase_needs_a_listed_phrase_before_it_counts_uses():
    """KS104 (listed: true) stops before counting when the page lists no phrase, and still
    reports a stuffed phrase the page lists."""
    from editlint import parsers
    from editlint.kinds.repeated_phrase import RepeatedPhrase

    rule = RepeatedPhrase.from_spec({"code": "KS104", "name": "repeated-phrase", "family": "keyword-stuffing",
                                     "min_words": 20, "min_hits": 3, "min_share": 0.05}, "test")
    body = " ".join(["Our turmeric joint pain relief works fast."] * 6 + ["We sell other things too."] * 4)
    plain = parsers.parse(body + "\n", "a.txt", "text")
    listed = parsers.parse(body + "\n\nturmeric joint pain relief, joint pills, knee cream\n", "b.txt", "text")
    calls = []
    uses = rule._uses
    rule._uses = lambda doc: calls.append(doc) or uses(doc)
    assert list(rule.check(plain)) == [] and calls == []
    found = list(rule.check(listed))
    assert calls == [listed] * 2 and len(found) == 1 and "turmeric joint pain relief" in listed.blocks[0].text


_TEXTS = [
    "", "said", ",,,", "x said, 'y'", "SAID_x said_ 5said thin\u212a", "Ms O'Brien-Smith said (on Monday): \"no\" 1,000.5% 3.",
    "Ein Wähler sagte: „Das“ ist—ein (Skandal) 1,000.5% ’quoted’", "tab\tsaid\nnew-line -x- 'quoted' 12,5",
    "The minister, a man who (he said) knows, told reporters that the plan was a disgrace, the aide added.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_the_attribution_tokens_are_the_pattern_matches(text):
    """voice._tokens (the standard library's engine on ASCII text, spans from split) gives
    _WORD.finditer's tokens and spans; the screen agrees with the pattern."""
    assert [tuple(t) for t in voice._tokens(text)] == [(m.group(), m.start(), m.end())
                                                        for m in voice._WORD.finditer(text)]
    assert voice._has_reporting_verb(text) == (voice._VERB.search(text) is not None)


@pytest.mark.parametrize("text", _TEXTS + ["covid19 Cases 2,000 rose; why?! co-op’s 3.5%", "A\u2033B"])
def test_token_texts_are_the_tokens(text):
    from editlint.models import features as F

    for a, b in [(0, len(text)), (1, max(1, len(text) - 2)), (len(text) // 2, len(text))]:
        assert F.words(text, a, b) == [t.text for t in F.tokenize(text, a, b)]
