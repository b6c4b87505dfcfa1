"""Literal pre-checks for built-in patterns: which strings a text must contain for a pattern
to match it at all, so that a pattern no text of a run can match is never compiled.

Compiling a pattern with the ``regex`` module is slow (its parser is pure Python: a lexicon
of a few hundred phrases costs tens of milliseconds), and one article needs about forty of
them, most of which never match clean copy. :func:`requirement` reads a pattern (the same
V1 syntax :mod:`editlint.screen` reads) and returns a condition on literal strings, as RE2's
prefilter does: ``("atom", s)`` — ``s`` occurs; ``("and", [...])``, ``("or", [...])``; ``TRUE``
(nothing can be said). Every match of the pattern satisfies it, so when a text does not, the
pattern has no match in it (and need not even be compiled). Strings are compared case-folded,
which can only widen the condition; a text holding a character whose case folding is not
plain (``ß``, ``İ``, ``ı``, ligatures, a character this Python does not know) is never
ruled out. A construct the reader does not know gives no condition (``None``): the pattern
always runs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

from editlint.pattern_syntax import Cursor, Unsupported

TRUE = ("true",)
_EXACT_PRODUCT = 64          # strings a concatenation of exact sets may hold before it becomes AND
_EXACT_UNION = 512           # strings an alternation of exact sets may hold
_ZERO_WIDTH = set("bBAZzGmMK")
_SINGLE_CHAR = set("dDwWShHvVX")    # \v and \h: vertical and horizontal space in `regex`
_LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "a": "\a", "e": "\x1b"}
_SAFE_FLAGS = set("imsuLawfb-")


_Unsupported = Unsupported


class _Info:
    """What a piece of a pattern can match: ``exact`` (a set of strings: exactly these), or
    ``req`` (a condition every match satisfies)."""

    __slots__ = ("exact", "req")

    def __init__(self, exact: frozenset[str] | None = None, req: tuple = TRUE) -> None:
        self.exact = exact
        self.req = req

    def as_req(self) -> tuple:
        if self.exact is None:
            return self.req
        if "" in self.exact or not self.exact:
            return TRUE
        return _or([("atom", s) for s in sorted(self.exact)])


EMPTY = _Info(frozenset({""}))
ANY_CHAR = _Info(None, TRUE)


def _and(parts: list[tuple]) -> tuple:
    flat: list[tuple] = []
    for p in parts:
        if p == TRUE:
            continue
        flat.extend(p[1] if p[0] == "and" else [p])
    if not flat:
        return TRUE
    return flat[0] if len(flat) == 1 else ("and", flat)


def _or(parts: list[tuple]) -> tuple:
    flat: list[tuple] = []
    for p in parts:
        if p == TRUE:
            return TRUE
        flat.extend(p[1] if p[0] == "or" else [p])
    if not flat:
        return TRUE          # (an empty alternation matches the empty string)
    return flat[0] if len(flat) == 1 else ("or", flat)


_SPACES = re.compile(r"\s+")        # `re`: str.isspace(), a superset of `regex`'s \s


def _fold(s: str) -> str:
    """Case-folded, every run of white space one space (in patterns and texts alike)."""
    return _SPACES.sub(" ", s.casefold())


class _Reader(Cursor):
    def read(self) -> _Info:
        info = self.alternation()
        if self.i != len(self.p):
            raise _Unsupported("unbalanced parenthesis")
        return info

    def alternation(self) -> _Info:
        parts = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            parts.append(self.sequence())
        if len(parts) == 1:
            return parts[0]
        if all(p.exact is not None for p in parts):
            union = frozenset().union(*(p.exact for p in parts))
            if len(union) <= _EXACT_UNION:
                return _Info(union)
        return _Info(None, _or([p.as_req() for p in parts]))

    def sequence(self) -> _Info:
        """Adjacent exact pieces are joined into longer strings (while few); the rest is AND."""
        reqs: list[tuple] = []
        current: frozenset[str] | None = frozenset({""})
        while self.i < len(self.p) and self.peek() not in "|)":
            atom = self.quantified(self.atom())
            if atom.exact is None:
                if current is not None:
                    reqs.append(_Info(current).as_req())
                current = None
                reqs.append(atom.req)
            elif current is None:
                current = atom.exact
            elif len(current) * len(atom.exact) <= _EXACT_PRODUCT:
                current = frozenset(_SPACES.sub(" ", x + y) for x in current for y in atom.exact)
            else:
                reqs.append(_Info(current).as_req())
                current = atom.exact
        if not reqs:
            return _Info(current)
        if current is not None:
            reqs.append(_Info(current).as_req())
        return _Info(None, _and(reqs))

    def quantified(self, atom: _Info) -> _Info:
        c = self.peek()
        if c in "*+?":
            self.i += 1
            lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        elif c == "{":
            j = self.p.find("}", self.i)
            if j > 0 and any(ch.isalpha() or ch in "<=>" for ch in self.p[self.i + 1:j]):
                raise _Unsupported("fuzzy matching")
            bounds = self.brace_bounds()
            if bounds is None:
                return atom            # a literal brace: read as a literal next time round
            lo_s, sep, hi_s, j = bounds
            lo = int(lo_s or 0)
            hi = int(hi_s) if hi_s else (None if sep else lo)
            self.i = j + 1
        else:
            return atom
        if self.peek() in "?+":        # lazy or possessive: the same strings, or fewer
            self.i += 1
        if self.peek() in "*+?{" and self.peek() != "{":
            raise _Unsupported("stacked quantifiers")
        if atom.exact is not None and atom.exact <= {"", " "}:
            # white space, repeated or not: one space in the folded text (or none, with lo 0)
            return _Info(atom.exact | {""} if lo == 0 else atom.exact)
        if lo == 0:
            if hi == 1 and atom.exact is not None:
                return _Info(atom.exact | {""})
            return _Info(None, TRUE)
        if hi == 1:
            return atom
        return _Info(None, atom.as_req())

    def atom(self) -> _Info:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        self.i += 1
        if c == ".":
            return ANY_CHAR
        if c in "^$":
            return EMPTY
        if c in "*+?":
            raise _Unsupported("nothing to repeat")
        return _Info(frozenset({_fold(c)}))

    def group(self) -> _Info:
        p = self.p
        self.i += 1
        if p.startswith("?#", self.i):
            self.i = p.index(")", self.i) + 1
            return EMPTY
        if p.startswith(("?=", "?!", "?<=", "?<!"), self.i):
            self.i += 3 if p.startswith("?<", self.i) else 2
            self.alternation()             # read past it: an assertion consumes nothing
            self.close()
            return EMPTY
        if p.startswith(("?:", "?>", "?|"), self.i):
            self.i += 2
        elif p.startswith(("?P<", "?<"), self.i) and not p.startswith(("?P<=", "?P<!"), self.i):
            self.i = p.index(">", self.i) + 1
        elif p.startswith("?P=", self.i):          # a back-reference: some earlier text again
            self.i = p.index(")", self.i) + 1
            return ANY_CHAR
        elif p.startswith("?", self.i):
            j = self.i + 1
            while j < len(p) and (p[j].isalnum() or p[j] == "-"):
                j += 1
            flags = p[self.i + 1:j]
            if j >= len(p) or p[j] not in ":)" or not flags or set(flags.replace("V1", "")) - _SAFE_FLAGS:
                raise _Unsupported(f"group (?{flags}")    # (?x), (?V0), (?R), (?1), (?P>...) ...
            self.i = j + 1
            if p[j] == ")":
                return EMPTY               # inline flags: case does not matter here, x is refused
        inner = self.alternation()
        self.close()
        return inner

    def escape(self) -> _Info:
        p = self.p
        c = p[self.i + 1] if self.i + 1 < len(p) else ""
        self.i += 2
        if not c:
            raise _Unsupported("trailing backslash")
        if c in "pP":
            if self.peek() == "{":
                self.i = p.index("}", self.i) + 1
            else:
                self.i += 1
            return ANY_CHAR
        if c == "L" and self.peek() == "<":
            j = p.index(">", self.i)
            name = p[self.i + 1:j]
            self.i = j + 1
            items = self.lists.get(name)
            if items is None or not items:
                raise _Unsupported(f"list {name}")
            return _Info(frozenset(_fold(str(w)) for w in items))
        if c in _ZERO_WIDTH:
            return EMPTY
        if c == "s":                      # white space: one space in the folded text
            return _Info(frozenset({" "}))
        if c in _SINGLE_CHAR:
            return ANY_CHAR
        if c in _LITERAL_ESCAPES:
            return _Info(frozenset({_fold(_LITERAL_ESCAPES[c])}))
        if c in "xuU":
            return _Info(frozenset({_fold(chr(self.hex_escape(c)))}))
        if c.isdigit() or c == "g":          # a back-reference (or an octal escape)
            raise _Unsupported(f"escape \\{c}")
        if c.isalnum():
            raise _Unsupported(f"escape \\{c}")
        return _Info(frozenset({_fold(c)}))

    def char_class(self) -> _Info:
        """A set: its characters when it is a short list of literals, else any one character."""
        p = self.p
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        chars: set[str] = set()
        simple = not negated
        first = True
        depth = 1
        while True:
            if self.i >= len(p):
                raise _Unsupported("unterminated class")
            c = p[self.i]
            if c == "]" and not first:
                depth -= 1
                self.i += 1
                if depth == 0:
                    break
                continue
            first = False
            if c == "[":                    # V1: a nested set
                depth += 1
                simple = False
                self.i += 1
                if self.peek() == "^":
                    self.i += 1
                first = True
                continue
            if c == "\\":
                e = self.peek(1)
                if not e:
                    raise _Unsupported("trailing backslash")
                if e.isalnum():
                    simple = False
                    if e in "pP" and self.peek(2) == "{":
                        self.i = p.index("}", self.i) + 1
                    elif e == "x" and self.peek(2) == "{":
                        self.i = p.index("}", self.i) + 1
                    elif e == "x":
                        self.i += 4
                    elif e == "u":
                        self.i += 6
                    elif e == "U":
                        self.i += 10
                    else:
                        self.i += 2
                    continue
                chars.add(e)
                self.i += 2
                continue
            if c in "-&|~" and self.peek(1) == c:
                simple = False
                self.i += 2
                continue
            if c == "-" and chars and self.peek(1) not in "]\0":
                simple = False             # a range
            chars.add(c)
            self.i += 1
        if simple and 0 < len(chars) <= 8:
            return _Info(frozenset(_fold(ch) for ch in chars))
        return ANY_CHAR


def table_key(pattern: str, lists: dict | None) -> str:
    """A pattern's entry in the shipped table: its text, and its named lists' words."""
    if not lists:
        return pattern
    return pattern + "".join(f"\0{name}=" + "\1".join(sorted(map(str, items)))
                             for name, items in sorted(lists.items()))


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    """Conditions worked out ahead (tools/build_prefilters.py), for the built-in patterns."""
    try:
        from editlint.tables import data_bytes
        raw = data_bytes("prefilters.json")
        return json.loads(raw)
    except (OSError, ValueError):
        return {}


def _tuples(req: Any) -> tuple:
    """A condition as the table gives it (an atom as a bare string or ``["atom", text]``).
    An atom part is made in place, not by a call (most of a lexicon's parts are atoms)."""
    if isinstance(req, str):
        return ("atom", req)
    kind = req[0]
    if kind == "and" or kind == "or":
        return (kind, [("atom", part) if isinstance(part, str) else _tuples(part) for part in req[1]])
    return tuple(req)


def literal_count(req: tuple) -> int:
    """How many literals ``req`` holds (each occurrence counted), as ``len(list(_atoms(req)))``
    without a generator per node (a pattern asks once, when it first screens text)."""
    n, stack = 0, [req]
    while stack:
        node = stack.pop()
        if node[0] == "atom":
            n += 1
        elif node[0] in ("and", "or"):
            stack.extend(node[1])
    return n


def requirement(pattern: str, lists: dict | None = None, *, table: bool = True) -> tuple | None:
    """The condition every match of ``pattern`` satisfies (see the module docs), or None when
    nothing useful can be said. From the shipped table when it has the pattern."""
    if table:
        entries = _table()
        key = table_key(pattern, lists)
        if key in entries:
            found = entries[key]
            if found is None:
                return None
            return _tuples(found)
    try:
        req = _Reader(pattern, lists or {}).read().as_req()
    except (_Unsupported, ValueError, IndexError):
        return None
    if req == TRUE or not all(_plain(ch) for atom in _atoms(req) for ch in atom):
        return None
    return req


def _atoms(req: tuple):
    if req[0] == "atom":
        yield req[1]
    elif req[0] in ("and", "or"):
        for part in req[1]:
            yield from _atoms(part)


def _plain(ch: str) -> bool:
    """A character whose case folding is one character and agrees with lower and upper
    case (so that any case-insensitive match of it is found case-folded), known to this
    Python's Unicode database."""
    if ch.isascii():
        return True
    low = ch.lower()
    return (len(low) == 1 and ch.casefold() == low and ch.upper().casefold() == low
            and unicodedata.category(ch) != "Cn")


def screenable(text: str) -> str | None:
    """``text`` folded (case, white space), or None when it holds a character that case
    folding could misread."""
    if not text.isascii() and not all(_plain(ch) for ch in set(text) if not ch.isascii()):
        return None
    return _fold(text)


# The last texts asked about, case-folded (or None: not screenable).
_TEXTS: dict[str, str | None] = {}
# The same texts' pieces, for the wide ``or`` tests (see :func:`_wide_or`).
_PIECES: dict[str, frozenset[str]] = {}
# id(requirement) -> (the requirement, kept alive; its test compiled by :func:`compile_test`)
_TESTS: dict[int, tuple[tuple, Any]] = {}


def may_satisfy(req: tuple, text: str) -> bool:
    """Whether ``text`` satisfies ``req`` (always True for a text that cannot be screened)."""
    folded = _TEXTS.get(text, False)
    if folded is False:
        if len(_TEXTS) >= 64:
            _TEXTS.clear()
            _PIECES.clear()
        folded = _TEXTS[text] = screenable(text)
    if folded is None:
        return True
    entry = _TESTS.get(id(req))
    if entry is None or entry[0] is not req:
        if len(_TESTS) >= 4096:
            _TESTS.clear()
        entry = _TESTS[id(req)] = (req, compile_test(req))
    return entry[1](folded)


def satisfied(req: tuple, folded: str) -> bool:
    """Whether the case-folded text ``folded`` satisfies ``req``."""
    return compile_test(req)(folded)


def compile_test(req: tuple):
    """``req`` as a function of a case-folded text: each ``or``/``and`` one pass over its
    literals in C (``str.__contains__`` mapped over them), then over its nested parts; a wide
    ``or`` (a lexicon's) by :func:`_wide_or`."""
    kind = req[0]
    if kind == "atom":
        atom = req[1]
        return lambda folded: atom in folded
    if kind not in ("and", "or"):
        return lambda folded: True
    if kind == "or" and len(req[1]) > _WIDE_OR:
        return _wide_or(req[1])
    atoms = tuple(part[1] for part in req[1] if part[0] == "atom")
    # an ``and`` tries its nested parts in turn, so each after the first is compiled only
    # when a text first gets that far (a lexicon's verbs after its subjects, ...)
    parts = [part for part in req[1] if part[0] != "atom"]
    nested = tuple(compile_test(part) if kind == "or" or i == 0 else _TestOnFirstUse(part)
                   for i, part in enumerate(parts))
    if kind == "or":
        if not nested:
            return lambda folded: any(map(folded.__contains__, atoms))
        return lambda folded: any(map(folded.__contains__, atoms)) or any(test(folded) for test in nested)
    if not nested:
        return lambda folded: all(map(folded.__contains__, atoms))
    return lambda folded: all(map(folded.__contains__, atoms)) and all(test(folded) for test in nested)


# An ``or`` of more parts than this (a lexicon's: up to a thousand phrases) tries only the
# parts whose first literal begins with a piece of the text (PIECE characters long: shorter
# pieces begin too many literals, "the", "to "): looking for every literal of a lexicon in
# every block was some 15 ms of one article's run.
_WIDE_OR = 16
PIECE = 5


class _TestOnFirstUse:
    """A part's test, compiled when it is first tried."""

    __slots__ = ("req", "test")

    def __init__(self, req: tuple) -> None:
        self.req = req
        self.test = None

    def __call__(self, folded: str) -> bool:
        if self.test is None:
            self.test = compile_test(self.req)
        return self.test(folded)


def _pieces(folded: str) -> frozenset[str]:
    """Every PIECE-character substring of ``folded`` (computed once per text)."""
    pieces = _PIECES.get(folded)
    if pieces is None:
        if len(_PIECES) >= 64:
            _PIECES.clear()
        pieces = _PIECES[folded] = frozenset([folded[i:i + PIECE] for i in range(len(folded) - PIECE + 1)])
    return pieces


def _wide_or(parts: list) -> Any:
    """The test of an ``or`` of many parts. A literal occurs in a text only if its first PIECE
    characters do, so a literal, or an ``and`` whose first part is a literal, is tried only
    when the text holds that literal's first PIECE characters; other parts are always tried."""
    by_piece: dict[str, tuple[list[str], list]] = {}
    always_atoms: list[str] = []
    always_nested: list = []
    for part in parts:
        kind = part[0]
        if kind == "atom":
            key = part[1]
        elif kind == "and" and part[1][0][0] == "atom":
            key = part[1][0][1]
        else:
            key = ""
        if len(key) < PIECE:
            if kind == "atom":
                always_atoms.append(key)
            else:
                always_nested.append(compile_test(part))
        elif kind == "atom":
            by_piece.setdefault(key[:PIECE], ([], []))[0].append(key)
        else:
            by_piece.setdefault(key[:PIECE], ([], []))[1].append(compile_test(part))
    index = {piece: (tuple(atoms), tuple(nested)) for piece, (atoms, nested) in by_piece.items()}
    keys = frozenset(index)
    always_atoms_t, always_nested_t = tuple(always_atoms), tuple(always_nested)

    def test(folded: str) -> bool:
        if any(map(folded.__contains__, always_atoms_t)) or any(t(folded) for t in always_nested_t):
            return True
        for piece in keys & _pieces(folded):
            atoms, nested = index[piece]
            if any(map(folded.__contains__, atoms)) or any(t(folded) for t in nested):
                return True
        return False
    return test


def describe(req: Any) -> str:     # for tests and debugging
    if req is None or req == TRUE:
        return "*"
    if req[0] == "atom":
        return repr(req[1])
    joiner = " & " if req[0] == "and" else " | "
    return "(" + joiner.join(describe(p) for p in req[1]) + ")"
