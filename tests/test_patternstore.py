"""What start-up reads instead of working out (tools/build_startup.py): built-in patterns
compiled ahead of time (editlint.patternstore, data/patterns.pickle) and the built-in packs
parsed ahead of time (data/packs.pickle). Both are current; a stored pattern is the Pattern
regex.compile gives and a stored pack the data YAML gives; anything missing, broken or built
for another regex version is ignored (worked out as before)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from editlint import patternstore, tables

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "src" / "editlint" / "data" / "patterns.pickle"


def test_the_shipped_store_is_current():
    # built for the regex release of its day: a newer release on the index (a clean install
    # picks it) makes the store inapplicable, not wrong (it is then ignored: compiled at run
    # time), so only what does not depend on the regex version is checked then
    data = pickle.loads(STORE.read_bytes())
    other = data["regex"] != regex.__version__
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_startup.py"), "--check",
                           *(["--any-regex"] if other else [])], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_store_for_another_regex_release_is_ignored(monkeypatch):
    monkeypatch.setattr(patternstore, "_store", None)
    monkeypatch.setattr(patternstore.regex, "__version__", "1.0.not-this-one")
    assert patternstore._load() == {}
    compiled = patternstore.compile(r"\bcritics\s+say\b", regex.I)
    assert compiled.search("Critics say so") is not None


def test_a_stored_pattern_is_what_regex_compiles():
    """The same arguments of the C pattern object (opcodes, groups, required string, ...).
    regex lists a character set's members in hash order, so the opcodes of two processes
    differ in that order only: compared as multisets (as build_startup.py --check does)."""
    data = pickle.loads(STORE.read_bytes())
    assert len(data["patterns"]) >= 40
    if data["regex"] != regex.__version__:
        pytest.skip(f"the store is for regex {data['regex']}, this is {regex.__version__}")
    for (pattern, flags), blob in data["patterns"].items():
        stored = pickle.loads(blob)._pickled_data
        fresh = regex.compile(patternstore.possessive_runs(pattern), flags)._pickled_data
        assert stored[:2] == fresh[:2] and stored[3:] == fresh[3:], pattern[:60]
        assert sorted(stored[2]) == sorted(fresh[2]), pattern[:60]


def test_the_unattributed_claim_lexicons_come_from_the_store(monkeypatch):
    """The patterns one article needs most (the UC lexicons, 10-50 ms each to compile) are
    unpickled, never compiled, when the store matches the installed regex."""
    data = pickle.loads(STORE.read_bytes())
    if data["regex"] != regex.__version__:
        pytest.skip("the store is for another regex version")
    monkeypatch.setattr(patternstore, "_store", None)
    compiled = []
    real = regex.compile
    monkeypatch.setattr(regex, "compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k))
    pattern, flags = max(data["patterns"], key=lambda key: len(key[0]))
    source = patternstore.possessive_runs(pattern)
    assert patternstore.compile(pattern, flags).pattern == source and compiled == []
    assert patternstore.compile(pattern + "|zz", flags).pattern == source + "|zz"
    assert compiled == [source + "|zz"]        # not in the store: compiled as ever


@pytest.mark.parametrize("store", [b"", b"not a pickle", None, "other-regex", "other-format"])
def test_a_store_that_cannot_be_used_is_ignored(monkeypatch, store):
    data = pickle.loads(STORE.read_bytes())
    if store == "other-regex":
        store = pickle.dumps({**data, "regex": "1999.01.01"})
    elif store == "other-format":
        store = pickle.dumps({**data, "format": 99})

    def fake(name):
        if store is None:
            raise OSError("missing")
        return store

    monkeypatch.setattr(tables, "data_bytes", fake)
    monkeypatch.setattr(patternstore, "_store", None)
    pattern, flags = next(iter(data["patterns"]))
    got = patternstore.compile(pattern, flags)
    assert patternstore._store == {}
    assert got._pickled_data == regex.compile(pattern, flags)._pickled_data


def test_a_damaged_entry_is_compiled_instead(monkeypatch):
    data = pickle.loads(STORE.read_bytes())
    pattern, flags = next(iter(data["patterns"]))
    monkeypatch.setattr(patternstore, "_store", {(pattern, flags): b"garbage",
                                                 ("x", 0): pickle.dumps(regex.compile("y"))})
    assert patternstore.compile(pattern, flags)._pickled_data == regex.compile(pattern, flags)._pickled_data
    assert patternstore.compile("x").pattern == "x"     # an entry for another pattern is not trusted


def test_a_built_in_pack_is_read_from_the_table_and_any_other_is_parsed(tmp_path, monkeypatch):
    from editlint import packs

    file = packs.pack_files(packs.builtin_pack_dir())[0]
    raw = file.read_bytes()
    assert packs._shipped_parse(raw) == packs.parse_pack(raw)
    edited = raw.replace(b"\n", b"\n\n", 1)
    assert packs._shipped_parse(edited) is packs._NOT_SHIPPED
    monkeypatch.setattr(packs, "_parsed", {raw: b"garbage"})     # a damaged entry: parsed instead
    assert packs._shipped_parse(raw) is packs._NOT_SHIPPED
    monkeypatch.setattr(packs, "_parsed", {raw: pickle.dumps({"changed": True})})
    first, second = packs._shipped_parse(raw), packs._shipped_parse(raw)
    assert first == second and first is not second               # fresh objects for every caller


@pytest.mark.parametrize("pattern, source", [
    (r"(?:[\p{L}\-']+\s+){0,2}?sources", r"(?:[\p{L}\-']++\s+){0,2}?sources"),
    (r"\p{Ll}[\p{L}\-]*\s+x", r"\p{Ll}[\p{L}\-]*+\s+x"),
    (r"\w+\s x", r"\w++\s x"),
    # whitespace that may be absent, a class that holds whitespace, a negated or lazy run: kept
    (r"[\p{L}\-]+\s*x", r"[\p{L}\-]+\s*x"),
    (r"[a-z]+\s?x", r"[a-z]+\s?x"),
    (r"[\p{L}\s]+\s+x", r"[\p{L}\s]+\s+x"),
    (r"[^a]+\s+x", r"[^a]+\s+x"),
    (r"[a-z]+?\s+x", r"[a-z]+?\s+x"),
    (r"\[a]+\s+", r"\[a]+\s+"),
])
def test_letter_runs_before_whitespace_are_matched_possessively(pattern, source):
    assert patternstore.possessive_runs(pattern) == source
    # the same matches, whatever the text
    for text in ("the big sources", "ab  x", "abx", "a-b' x", "[aaa  ", "Straße x", "ﬁne x"):
        plain = [m.span() for m in regex.finditer(pattern, text, regex.V1 | regex.I)]
        assert [m.span() for m in regex.finditer(source, text, regex.V1 | regex.I)] == plain


def test_a_lookbehind_checks_a_first_letter_with_a_lookahead():
    # a lookbehind is matched right to left: its possessive run takes the whole word, so a word's
    # first letter is checked with a lookahead there ("\p{Ll}[\p{L}]*\s" would never hold)
    source = patternstore.possessive_runs(r"(?<=(?=(?-i:\p{Ll}))[\p{L}\-]+\s+)privately")
    assert source == r"(?<=(?=(?-i:\p{Ll}))[\p{L}\-]++\s+)privately"
    assert regex.search(source, "officers privately admit", regex.I)
    assert not regex.search(source, "Officers privately admit", regex.I)
