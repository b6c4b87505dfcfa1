"""Rebuild src/editlint/data/word_frequency_en.txt from the `wordfreq` package.

    .venv/bin/python tools/build_word_frequency.py

The rarity of a word (LS101's topicality, keyphrase inference) is wordfreq's
``zipf_frequency(word, "en")``. Importing wordfreq and loading its English list costs about
0.2 s and 40 MiB in every process that needs one frequency; the table holds the same list's
words of plain ASCII letters, each with its frequency bucket (wordfreq's centibels), sorted so
that a look-up is a binary search in the decompressed bytes (nothing to build at start-up).
``editlint.wordfrequency`` computes wordfreq's value from it and asks wordfreq itself only for
a word the table cannot answer exactly (non-ASCII letters, digits, apostrophes).
tests/test_wordfrequency.py checks the table against this script and wordfreq.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "editlint" / "data" / "word_frequency_en.txt"
sys.path.insert(0, str(ROOT / "src"))
WORD = re.compile(r"[a-z]+\Z")


def table() -> dict[str, int]:
    """word -> its bucket in wordfreq's English list (frequency 10 ** (-bucket / 100))."""
    buckets: dict[str, int] = {}
    for index, bucket in enumerate(wordfreq.get_frequency_list("en", "best")):
        for word in bucket:
            if WORD.match(word):
                buckets[word] = index      # as get_frequency_dict: a later bucket wins
    return buckets


def encode(buckets: dict[str, int]) -> bytes:
    """One ``word bucket`` line per word, in byte order, between newlines."""
    from editlint.tables import encode as table_bytes

    return table_bytes(buckets)


def main() -> None:
    data = encode(table())
    OUT.write_bytes(data)
    print(f"{OUT}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
