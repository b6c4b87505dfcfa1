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
