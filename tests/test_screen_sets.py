"""RE2 screens as sets of one with widened Unicode properties (issue 13, branch tp): a screen
must never rule out a text its pattern matches, and a set's answer must be RE2's own."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from editlint import screen

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not screen.available(), reason="google-re2 is not installed")


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builtin():
    return _module("build_prefilters", ROOT / "tools" / "build_prefilters.py").builtin_patterns()


@pytest.fixture(scope="module")
def texts():
    base = _module("test_prefilter_texts", ROOT / "tests" / "test_prefilter.py")._texts()
    # non-ASCII variants: accented letters, other scripts and spaces where the patterns have \p{..}
    return base + [t.replace("e", "é").replace(" ", "\u00a0") for t in base[:400]] + \
        [t.replace("a", "а") for t in base[:200]]    # Cyrillic a


def _screened(builtin, monkeypatch):
    """Every screened built-in pattern, registered in one fresh ScreenSet that screens at once."""
    monkeypatch.setattr(screen, "SCREEN_AFTER_CHARS", 0)
    screens = screen.ScreenSet()
    for lazy in builtin:
        ignorecase, screened, lists = lazy._args
        if screened:
            yield lazy, screens, screens.register(lazy.pattern, ignorecase, lists), ignorecase


def test_a_screen_never_rules_out_a_text_its_pattern_matches(builtin, texts, monkeypatch):
    checked = ruled_out = 0
    for lazy, screens, index, ignorecase in _screened(builtin, monkeypatch):
        compiled = lazy.compiled()
        for text in texts:
            may = screens.may_match(index, text, ignorecase)
            if compiled.search(text) is not None:
                checked += 1
                assert may, (lazy.pattern[:80], text[:200])
            else:
                ruled_out += not may
    assert checked > 300 and ruled_out > 5000


def test_a_set_of_one_answers_as_re2s_search(builtin, texts):
    import re2

    compared = 0
    for lazy in builtin[:40]:
        ignorecase, screened, lists = lazy._args
        translated = screen.translate(lazy.pattern, ignorecase, lists)
        if not screened or translated is None:
            continue
        one = screen._set_of_one(translated)
        assert one is not None
        plain = re2.compile(translated, screen._options())
        for text in texts[::7]:
            assert bool(one.Match(text.encode("utf-8"))) == (plain.search(text) is not None), \
                (lazy.pattern[:80], text[:200])
            compared += 1
    assert compared > 1000


def test_properties_are_widened_outside_negated_classes_only():
    wide = screen.translate(r"\p{L}+[\p{Lu}\-]x[^\p{L}]\P{N}", False)
    assert r"\p{L}" not in wide.replace(r"[^\p{L}]", "")        # widened everywhere else
    assert r"[^\p{L}]" in wide                                   # a negated class keeps its property
    assert r"\x{80}-\x{10ffff}" in wide
    # the exact translation (a user's pattern run on RE2) is never widened
    assert screen.translate(r"\p{L}+x", False, superset=False) == r"(?-i:\p{L}+x)"
    import re2
    obj = re2.compile(wide, screen._options())
    for text in ("Ab-x1é", "éÉ-x,a", "zz\u00e9x!b"):
        assert obj.search(text) is not None, text


def test_trying_a_pattern_only_where_its_screen_starts_finds_every_match(builtin, texts, monkeypatch):
    from editlint.kinds import base

    compared = found = 0
    for lazy, screens, index, ignorecase in _screened(builtin, monkeypatch):
        screens.may_match(index, "x", ignorecase)          # the screen is now in use
        first = screens.starts(index)
        if first is None:
            continue
        compiled = lazy.compiled()
        for text in texts:
            if ignorecase and not screen._MULTI_FOLD.isdisjoint(text):
                continue                                    # finditer does not use the starts then
            if not screens.may_match(index, text, ignorecase):
                continue
            got = [(m.span(), m.groups()) for m in base._matches_at(compiled.match, first, text)]
            assert got == [(m.span(), m.groups()) for m in base._matches(compiled.search, text)], \
                (lazy.pattern[:80], text[:200])
            compared += 1
            found += bool(got)
    assert compared > 1000 and found > 300


def test_the_starts_are_refused_for_a_screen_that_matches_the_empty_string(monkeypatch):
    monkeypatch.setattr(screen, "SCREEN_AFTER_CHARS", 0)
    screens = screen.ScreenSet()
    empty = screens.register(r"(?<=\w)x?", True)
    word = screens.register(r"\bdeep\s+state\b", True)
    for index in (empty, word):
        screens.may_match(index, "the deep state", True)
    assert screens.starts(empty) is None
    first = screens.starts(word)
    data = "in the   deep state, the deep STATE".encode()
    assert first(data, 0) == 9 and first(data, 10) == 25 and first(data, 26) == -1


def test_a_condition_of_many_literals_is_checked_over_fewer_characters():
    from editlint import prefilter
    from editlint.kinds import base

    words = [f"zq{i}word" for i in range(300)]
    many = base.LazyPattern("|".join(words), True, False, {})
    few = base.LazyPattern(r"deep\s+state", True, False, {})
    assert sum(1 for _ in prefilter._atoms(prefilter.requirement(many.pattern))) == 300
    text = "a quiet paragraph about nothing in particular. " * 100      # 4,700 characters
    answers = [(many.may_match(text), few.may_match(text)) for _ in range(8)]
    # 300 literals: checked over max(20,000, 10,000,000 / 300) = 33,333 characters, then left
    # to the compiled pattern; one literal: over 100,000 characters, as before
    assert answers == [(False, False)] * 7 + [(True, False)]
    # one article is checked in full whatever its literals
    huge = base.LazyPattern("|".join(f"zq{i}" for i in range(500)), True, False, {})
    assert not any(huge.may_match(text) for _ in range(4))
    assert many.search("zq7word") is not None and few.search(text) is None


def _ascii_texts() -> list[str]:
    import random

    rng = random.Random(13)
    pieces = ["word", "Word", "it's", "dogs'", "o'clock", "U.S.", "e.g.", "co-op", "-", "'", "’", ".", ",",
              "1,000", "3.5", "50%", "A4", "x2y", " ", "  ", "\n", "--", "'s", "rock'n'roll", "9-5", "a.b.c",
              "_", "mid-2020s", "'90s", "%", "é"]
    made = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    base = importlib.util.spec_from_file_location("tp_texts", ROOT / "tests" / "test_prefilter.py")
    module = importlib.util.module_from_spec(base)
    base.loader.exec_module(module)
    return [t for t in made + module._texts() if t.isascii()]


def test_the_ascii_splits_cut_as_the_unicode_ones():
    from editlint import document, keyphrases
    from editlint.kinds import query_ngrams

    texts = _ascii_texts()
    assert len(texts) > 2000
    for unicode_split, ascii_split in ((document._WORD_SPLIT, document._WORD_SPLIT_ASCII),
                                       (query_ngrams._SPLIT, query_ngrams._SPLIT_ASCII),
                                       (keyphrases._SPLIT, keyphrases._SPLIT_ASCII)):
        for text in texts:
            assert ascii_split.split(text) == unicode_split.split(text), (ascii_split.pattern, text)
