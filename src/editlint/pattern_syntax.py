"""Reading `regex` (V1) pattern syntax: the cursor both pattern readers share.

:mod:`editlint.screen` translates a pattern into RE2 and :mod:`editlint.prefilter` works out
the literals every match must contain; they read the same syntax with different results, so
the scanning pieces that do not depend on the result live here: the position, the bounds of
a ``{m,n}`` quantifier, the code point of a ``\\x``/``\\u``/``\\U`` escape.
"""

from __future__ import annotations


class Unsupported(Exception):
    """A construct a reader does not know: the caller gives up on the pattern."""


class Cursor:
    def __init__(self, pattern: str, lists: dict) -> None:
        self.p = pattern
        self.i = 0
        self.lists = lists

    def peek(self, k: int = 0) -> str:
        """The character k ahead, or NUL at the end (so that `in` tests stay false)."""
        j = self.i + k
        return self.p[j] if j < len(self.p) else "\0"

    def close(self) -> None:
        if self.peek() != ")":
            raise Unsupported("unbalanced parenthesis")
        self.i += 1

    def brace_bounds(self) -> tuple[str, str, str, int] | None:
        """At a ``{``: the lower bound, the comma (or ""), the upper bound as written, and the
        index of the closing brace; None when the brace is a literal one."""
        j = self.p.find("}", self.i)
        body = self.p[self.i + 1:j] if j > 0 else ""
        lo, sep, hi = body.partition(",")
        if j < 0 or not (lo.isdigit() or (sep and lo == "")) or (hi and not hi.isdigit()) or (not sep and hi):
            return None
        return lo, sep, hi, j

    def hex_escape(self, c: str) -> int:
        """After ``\\x``, ``\\u`` or ``\\U`` (``c``): read the code point it names."""
        p = self.p
        if c == "x":
            if self.peek() == "{":
                j = p.index("}", self.i)
                code = int(p[self.i + 1:j], 16)
                self.i = j + 1
            else:
                code = int(p[self.i:self.i + 2], 16)
                self.i += 2
            return code
        n = 4 if c == "u" else 8
        code = int(p[self.i:self.i + n], 16)
        self.i += n
        return code
