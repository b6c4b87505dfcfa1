"""How common a word is in English: wordfreq's ``zipf_frequency(word, "en")``, from a table
shipped with editlint (``data/word_frequency_en.txt``, built by
``tools/build_word_frequency.py``).

Importing wordfreq and loading its list costs about 0.2 s and 40 MiB per process; the table
is searched in place (sorted ``word bucket`` lines), so a process pays only for decompressing
it. A word of ASCII letters, or of such parts joined by hyphens (which wordfreq splits into
tokens), gets wordfreq's value computed the way wordfreq computes it, to the last bit; any
other word (non-ASCII letters, digits, apostrophes: rare in what the rules look up) is
answered by wordfreq itself, imported then.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from editlint.tables import SortedLines

_TABLE_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*\Z")   # `re`: [a-z] is ASCII only
_MINIMUM = 10 ** 0.0 / 1e9          # wordfreq.zipf_to_freq(0.0), zipf_frequency's default floor


@lru_cache(maxsize=1)
def table() -> SortedLines:
    return SortedLines.load("word_frequency_en.txt")


@lru_cache(maxsize=65536)
def zipf_frequency(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en")``."""
    if not _TABLE_WORD.match(word):
        from wordfreq import zipf_frequency as from_wordfreq

        return from_wordfreq(word, "en")
    lookup = table().get
    one_over_result = 0.0
    for token in word.split("-"):        # wordfreq's tokens for such a word
        bucket = lookup(token)
        if bucket is None:
            return _zipf(_MINIMUM)       # wordfreq: any token missing gives the minimum
        one_over_result += 1.0 / 10 ** (-bucket / 100)
    freq = max(1.0 / one_over_result, _MINIMUM)
    # wordfreq keeps three significant digits
    return _zipf(round(freq, math.floor(-math.log(freq, 10)) + 3))


def _zipf(freq: float) -> float:
    return round(math.log(freq, 10) + 9, 2)
