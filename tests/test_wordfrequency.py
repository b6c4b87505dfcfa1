"""editlint's word frequency table gives wordfreq's values, bit for bit, without importing it."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import pytest

from editlint import wordfrequency

ROOT = Path(__file__).resolve().parent.parent
wordfreq = pytest.importorskip("wordfreq")


def test_the_shipped_table_is_what_the_build_script_makes():
    spec = importlib.util.spec_from_file_location("build_word_frequency", ROOT / "tools" / "build_word_frequency.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    shipped = (ROOT / "src" / "editlint" / "data" / "word_frequency_en.txt").read_bytes()
    assert shipped == build.encode(build.table())     # else: python tools/build_word_frequency.py


def test_values_are_wordfreqs_to_the_last_bit():
    words = [w for w in wordfreq.get_frequency_dict("en") if w.isascii() and w.isalpha()]
    rng = random.Random(13)
    sample = rng.sample(words, 3000)
    sample += ["-".join(rng.sample(words, k)) for k in (2, 3) for _ in range(300)]
    # not in the list, hyphen edge cases, and words the table leaves to wordfreq itself
    sample += ["zzxqvy", "well-known", "co-operation", "qqzx-house", "a", "the", "don't", "o'brien",
               "café", "naïve", "b52", "covid-19", "-", "a-", "-a", "a--b", "Capital", "ÉCOLE", "’s", ""]
    for word in sample:
        assert repr(wordfrequency.zipf_frequency(word)) == repr(wordfreq.zipf_frequency(word, "en")), word


def test_looking_up_a_plain_word_does_not_import_wordfreq():
    code = ("import sys\nfrom editlint.kinds.topicality import zipf, weight\n"
            "print(zipf('harbour'), weight('panjshir'), zipf('well-known'), 'wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[-1] == "False"
    assert float(out[0]) == wordfreq.zipf_frequency("harbour", "en")
