"""The literal pre-check of built-in patterns (editlint.prefilter): a text it rules out holds
no match, the shipped table is current, and a pattern nothing needs is never compiled."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import regex

from editlint import prefilter
from editlint.kinds import base

ROOT = Path(__file__).resolve().parent.parent


def _build_module():
    spec = importlib.util.spec_from_file_location("build_prefilters", ROOT / "tools" / "build_prefilters.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builtin():
    return _build_module().builtin_patterns()


def test_the_shipped_table_is_current():
    build = _build_module()
    shipped = json.loads((ROOT / "src" / "editlint" / "data" / "prefilters.json").read_text(encoding="utf-8"))
    expected = json.loads(build.encode(build.table()))
    # a stale entry would only cost time (a pattern missing from the table has its condition
    # worked out when first needed), but keep the table exact
    assert shipped == expected, "the built-in packs changed: run python tools/build_prefilters.py"


@pytest.mark.parametrize("pattern, expected", [
    (r"\bdeep\s+state\b", "'deep state'"),
    (r"(?<![\p{L}])(?:rats?|mice)(?!\w)", "('mice' | 'rat' | 'rats')"),
    (r"so[\s\-]called\s+\w+", "('so' & 'called ')"),
    (r"(?i:Reportedly)|allegedly", "('allegedly' | 'reportedly')"),
    (r"(?:is|was)\s+(?:widely\s+)?said\s+to", "('is said to' | 'is widely said to' | 'was said to' | 'was widely said to')"),
    (r"it[’']s\s+no\s+secret", "(\"it's no secret\" | 'it’s no secret')"),
])
def test_conditions(pattern, expected):
    assert prefilter.describe(prefilter.requirement(pattern, table=False)) == expected


@pytest.mark.parametrize("pattern", [
    r"\w+", r"(?x) deep state", r"(a)\1b", r"(?:deep){e<=1}", r"(?(1)a|b)", r"a|\d+", r"(?V0)x", r"(?1)",
    r"[^abc]+",
])
def test_what_gives_no_condition(pattern):
    assert prefilter.requirement(pattern, table=False) is None


def test_texts_whose_case_folding_is_not_plain_are_never_ruled_out():
    req = prefilter.requirement("strasse", table=False)
    assert not prefilter.may_satisfy(req, "a quiet road")
    assert prefilter.may_satisfy(req, "die Straße")          # ß folds to ss: regex matches it
    assert regex.search("strasse", "die Straße", regex.V1 | regex.I)
    dotless = prefilter.requirement("istanbul", table=False)
    assert prefilter.may_satisfy(dotless, "ıSTANBUL")        # dotless ı: left to regex


def _texts() -> list[str]:
    """Every rule example, fixture and example article, and variants of each."""
    texts: list[str] = []
    import yaml
    for pack in (ROOT / "rules").rglob("*.yml"):
        data = yaml.safe_load(pack.read_text(encoding="utf-8"))
        for spec in data.get("rules", [data]) if isinstance(data, dict) else []:
            for group in ("flag", "pass"):
                for ex in (spec.get("examples") or {}).get(group) or []:
                    texts.append(ex if isinstance(ex, str) else ex["text"])
    for folder in (ROOT / "tests" / "fixtures", ROOT / "examples"):
        for p in sorted(folder.rglob("*")):
            if p.suffix in (".md", ".txt", ".html") and p.is_file():
                texts.append(p.read_text(encoding="utf-8", errors="replace"))
    variants = []
    for t in texts:
        variants += [t.upper(), t.replace(" ", "\n  ")]
    return texts + variants


def test_a_text_ruled_out_holds_no_match(builtin):
    texts = _texts()
    assert len(texts) > 500
    ruled_out = 0
    for lazy in builtin:
        req = prefilter.requirement(lazy.pattern, lazy._args[2])
        if req is None:
            continue
        compiled = lazy.compiled()
        for text in texts:
            if not prefilter.may_satisfy(req, text):
                ruled_out += 1
                assert compiled.search(text) is None, (lazy.pattern[:80], text[:200])
    assert ruled_out > 1000      # the check does rule out most texts for most patterns


def test_a_pattern_is_compiled_only_when_a_text_could_match():
    with base.builtin_patterns():
        lazy = base.compile_pattern(r"\bfalse\s+flag\b", True, screen=True)
    before = base.COMPILED["patterns"]
    assert list(base.finditer(lazy, "A calm report about the weather.")) == []
    assert lazy.search("Nothing here") is None and lazy.sub("x", "Nothing here") == "Nothing here"
    assert base.COMPILED["patterns"] == before            # never compiled
    assert [m.group() for m in base.finditer(lazy, "It was a False  Flag, he wrote.")] == ["False  Flag"]
    assert base.COMPILED["patterns"] == before + 1


def test_the_multi_fold_check_is_remembered_per_text_and_stays_right():
    from editlint.screen import _MULTI_FOLD, _MultiFold
    chars = _MULTI_FOLD.chars()
    assert not any(chr(i) in chars for i in range(128))      # why ASCII text is answered at once
    texts = ["plain ascii", "die Straße", "“curly” quotes", "ﬁnance", "İstanbul"]
    for _ in range(2):                                        # the second time from the memo
        for t in texts:
            assert _MULTI_FOLD.isdisjoint(t) == chars.isdisjoint(t)
    old = _MultiFold._SEEN_LIMIT
    _MultiFold._SEEN_LIMIT = 5
    try:
        assert _MULTI_FOLD.isdisjoint("größer ist") is False  # emptied, then remembered again
        assert _MultiFold._seen == {"größer ist": False}
        assert _MULTI_FOLD.isdisjoint("café au lait") is True
    finally:
        _MultiFold._SEEN_LIMIT = old


def test_the_table_reads_atoms_written_either_way():
    """tools/build_prefilters.py writes an atom as its bare string; the older
    ``["atom", text]`` form reads to the same condition."""
    from editlint import prefilter

    old = ["and", [["or", [["atom", "deep state"], ["atom", "cabal"]]], ["atom", " the "]]]
    new = ["and", [["or", ["deep state", "cabal"]], " the "]]
    assert prefilter._tuples(old) == prefilter._tuples(new) == (
        "and", [("or", [("atom", "deep state"), ("atom", "cabal")]), ("atom", " the ")])


def test_literal_count_counts_every_literal_of_every_table_condition():
    table = prefilter._table()
    assert table
    for key, found in table.items():
        if found is None:
            continue
        pattern = key.split("\0", 1)[0]
        req = prefilter.requirement(pattern) if "\0" not in key else prefilter._tuples(found)
        assert prefilter.literal_count(req) == len(list(prefilter._atoms(req)))
    fresh = ("and", [("atom", "a"), ("or", [("atom", "b"), ("atom", "c"), ("and", [("atom", "d")])])])
    assert prefilter.literal_count(fresh) == 4
