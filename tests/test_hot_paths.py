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
