"""Built-in patterns compiled ahead of time (editlint.patternstore, data/patterns.pickle): the
store is current, a pattern from it is the very Pattern regex.compile gives, and a store that
is missing, broken or built for another regex version is ignored (patterns compiled as
before)."""

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
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "build_patterns.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_stored_pattern_is_what_regex_compiles():
    """The same arguments of the C pattern object (opcodes, groups, required string, ...).
    regex lists a character set's members in hash order, so the opcodes of two processes
    differ in that order only: compared here as multisets (and exactly, with the build's
    PYTHONHASHSEED=0, by build_patterns.py --check above)."""
    data = pickle.loads(STORE.read_bytes())
    assert len(data["patterns"]) >= 40
    if data["regex"] != regex.__version__:
        pytest.skip(f"the store is for regex {data['regex']}, this is {regex.__version__}")
    for (pattern, flags), blob in data["patterns"].items():
        stored = pickle.loads(blob)._pickled_data
        fresh = regex.compile(pattern, flags)._pickled_data
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
    assert patternstore.compile(pattern, flags).pattern == pattern and compiled == []
    assert patternstore.compile(pattern + "|zz", flags).pattern == pattern + "|zz"
    assert compiled == [pattern + "|zz"]        # not in the store: compiled as ever


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
