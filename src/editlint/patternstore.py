"""Built-in patterns compiled ahead of time: ``data/patterns.pickle``.

The ``regex`` module parses and compiles a pattern in Python: the large lexicon alternations
of the built-in packs cost 10-50 ms each, ~0.1 s of CPU for the few patterns one article
needs, in every process. The compiled form (the opcodes the C matcher runs) is what ``regex``
itself pickles (a Pattern pickles as its ``_regex.compile`` arguments), and unpickling one
costs well under a millisecond. So ``tools/build_startup.py`` compiles every pattern of the
built-in packs (with their default options) and the fixed patterns of editlint's own modules,
and ships them pickled, for the exact ``regex`` version that compiled them.

:func:`compile` answers from that store when it holds the pattern with the same flags, and
compiles it otherwise (another ``regex`` version, a pack changed since the store was built,
a rule configured with other options): the same Pattern either way, so findings never
depend on the store. Patterns with named lists are never stored. The store is read from the
package only; nothing is ever written at run time. tests/test_patternstore.py checks that it
is current. A ``regex`` release newer than the store's (a clean install picks the newest)
leaves the store unused until it is rebuilt: the same findings, some 0.2 s more per process.
"""

from __future__ import annotations

import pickle
from typing import Any

import regex

STORE = "patterns.pickle"
# names the store's layout and :func:`possessive_runs`' rewrite: bumped when either changes (2: a
# store hit is trusted without redoing the rewrite), so a store another rewrite made is never used
STORE_FORMAT = 2

_store: dict[tuple[str, int], bytes] | None = None
# tools/build_startup.py sets a dict here: every (pattern, flags) compiled through this module
SEEN: dict[tuple[str, int], regex.Pattern] | None = None


def _load() -> dict[tuple[str, int], bytes]:
    from editlint.tables import data_bytes

    try:
        data: Any = pickle.loads(data_bytes(STORE))
    except Exception:       # missing, truncated or unreadable: compile as if there were no store
        return {}
    if not isinstance(data, dict) or data.get("format") != STORE_FORMAT or data.get("regex") != regex.__version__:
        return {}
    patterns = data.get("patterns")
    return patterns if isinstance(patterns, dict) else {}


# A run of letters that must be followed by whitespace ("[\p{L}\-]+\s+") can end only where the
# letters end: matching it possessively finds the same matches. It matters because ``regex``
# folds case fully, so a class may take "st", "ff" or "ss" as one folded character (U+FB06, ...)
# or as two: tried both ways at every such pair, "a MinisterMinister...-" backtracks
# exponentially before failing. Rewritten only where the next token is a \s that must match.
_RUN_BEFORE_SPACE = regex.compile(
    r"(?<!\\)(?P<run>\[(?!\^)(?:\\.|[^\]\\\[\s])+\]|\\p\{[A-Za-z&]+\}|\\w)(?P<q>[+*])(?![+?])(?=\\s(?![*?]|\{0))")


def possessive_runs(pattern: str) -> str:
    r"""``pattern`` with every letter run before a required \s made possessive: the same matches,
    except in a lookbehind, which ``regex`` matches right to left, so that a possessive run there
    takes the whole word, letters the token before it wanted too. Built-in patterns check a
    word's first letter with a lookahead in a lookbehind: "(?=\p{Ll})[\p{L}]+\s", not
    "\p{Ll}[\p{L}]*\s" (which would never hold)."""
    if "+\\s" not in pattern and "*\\s" not in pattern:
        return pattern
    return _RUN_BEFORE_SPACE.sub(
        lambda m: m.group("run") + m.group("q") + "+" if "\\s" not in m.group("run") else m.group(0), pattern)


def compile(pattern: str, flags: int = 0) -> regex.Pattern:   # noqa: A001  (as regex.compile)
    """``regex.compile(pattern, flags)``, from the shipped store when it has the pattern (letter
    runs before whitespace matched possessively: :func:`possessive_runs`)."""
    global _store
    key = (pattern, flags)
    if _store is None:
        _store = _load()
    blob = _store.get(key)
    compiled = None
    if blob is not None:
        # the entry was compiled from possessive_runs(pattern) by this STORE_FORMAT's rewrite
        # (tests/test_patternstore.py checks every entry against it), so the rewrite is not
        # redone here (2-3 ms a process); an entry of another pattern is still refused: the
        # rewrite only adds "+"
        try:
            compiled = pickle.loads(blob)
        except Exception:
            compiled = None
        if not isinstance(compiled, regex.Pattern) or compiled.pattern.replace("+", "") != pattern.replace("+", ""):
            compiled = None
    if compiled is None:
        compiled = regex.compile(possessive_runs(pattern), flags)
    if SEEN is not None:
        SEEN[key] = compiled
    return compiled


def encode(patterns: dict[tuple[str, int], regex.Pattern], kept: dict[tuple[str, int], bytes] | None = None) -> bytes:
    """The store's bytes: each pattern pickled on its own (so one is unpickled only when asked
    for), in a fixed order, for this ``regex`` version; ``kept`` entries are reused as they are."""
    kept = kept or {}
    entries = {key: kept.get(key) or pickle.dumps(patterns[key], protocol=4) for key in sorted(patterns)}
    return pickle.dumps({"format": STORE_FORMAT, "regex": regex.__version__, "patterns": entries}, protocol=4)
