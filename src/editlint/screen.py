"""A linear-time pre-screen for lexicon patterns, and RE2 for user patterns.

Most lexicon patterns (tropes, weasel phrases, spam anchors) never match clean copy, yet the
``regex`` module tries every alternative of each of them at every position of every block.
RE2 (the optional ``google-re2`` package, ``pip install 'editlint[fast]'``) reads a text once
for a whole *set* of patterns, in linear time. So every pattern compiled through
:func:`editlint.kinds.base.compile_pattern` is also translated into a **superset** RE2 pattern
— one that matches wherever the real pattern could (look-arounds, word boundaries and
anchors dropped, Unicode classes widened) — and one RE2 set pass over a block tells which
patterns can match it at all. Only those run the real ``regex`` pattern, and only at the
offsets where a match of the screen starts (:meth:`ScreenSet.starts`; a real match starts
where a screen match does): findings are identical with or without RE2, only the time
differs. A screen is an RE2 set of one pattern (one forward automaton to build as it meets
new text), its Unicode properties widened to their ASCII members plus any non-ASCII
character.

A pattern the translator cannot read (a construct it does not know) simply has no screen and
always runs. Text holding a character whose full case folding differs from RE2's simple one
("ß", ligatures) is not screened for case-insensitive patterns either.

:func:`exact_re2` is the stricter translation used to run a *user's* pattern on RE2 itself
(linear time, so no time limit is needed): it accepts only patterns whose meaning is the
same in both engines, and returns None otherwise (the pattern then runs on ``regex`` with
``regex-timeout``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from editlint.pattern_syntax import Cursor, Unsupported


class _LazyRE2:
    """google-re2 (optional: the screen is an optimisation, never a change of results),
    imported when a screen or a user's pattern is first compiled: one article compiles none."""

    _module: object = None
    _tried = False

    def get(self):
        if not self._tried:
            type(self)._tried = True
            try:
                import re2
                type(self)._module = re2
            except ImportError:  # pragma: no cover - exercised where google-re2 is not installed
                pass
        return self._module

    @staticmethod
    def installed() -> bool:
        if _LazyRE2._tried:
            return _LazyRE2._module is not None
        import importlib.util
        return importlib.util.find_spec("re2") is not None


_RE2 = _LazyRE2()

# Unicode White_Space and what str.isspace() adds: a superset of the `regex` module's \s.
_SPACE = r"\t-\r \x{1c}-\x{1f}\x{85}\p{Z}"
_WORD = r"\p{L}\p{M}\p{N}\p{Pc}\x{200c}\x{200d}"
_CASED_CATS = {"Lu", "Ll", "Lt", "LC", "Lm"}
_ZERO_WIDTH_ESCAPES = set("bBAZzGmM")
_RE2_CATS = {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd",
             "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf",
             "Co", "Cs"}
_LITERAL_ESCAPES = {"n": r"\n", "t": r"\t", "r": r"\r", "f": r"\f", "v": r"\v", "a": r"\x{7}", "e": r"\x{1b}"}
class _MultiFold:
    """Characters whose full case folding is not one character or differs from the simple
    one (RE2 folds one character to one): "ß", "ﬁ", "İ", "ſ", ... Built when first asked."""

    _chars: frozenset[str] | None = None

    @classmethod
    def chars(cls) -> frozenset[str]:
        if cls._chars is None:
            cls._chars = frozenset(ch for ch in map(chr, range(0x10000))
                                   if ch.casefold() != ch.lower() or len(ch.lower()) > 1)
        return cls._chars

    def __contains__(self, ch: str) -> bool:
        return ch in self.chars()

    # text -> whether it holds none of them: every screened pattern asks this of the same
    # block texts (some twenty lexicon patterns a block), so each text is read once
    _seen: dict[str, bool] = {}
    _seen_chars = 0
    _SEEN_LIMIT = 4_000_000     # characters of text remembered before the memo is emptied

    def isdisjoint(self, text: str) -> bool:
        if text.isascii():      # no ASCII character folds to more than itself (or differently)
            return True
        seen = _MultiFold._seen
        hit = seen.get(text)
        if hit is None:
            hit = self.chars().isdisjoint(text)
            if _MultiFold._seen_chars + len(text) > self._SEEN_LIMIT:
                seen.clear()
                _MultiFold._seen_chars = 0
            seen[text] = hit
            _MultiFold._seen_chars += len(text)
        return hit


_MULTI_FOLD = _MultiFold()


_Unsupported = Unsupported


def _lit(ch: str) -> str:
    return ch if ch.isalnum() and ch.isascii() else rf"\x{{{ord(ch):x}}}"


class _Translator(Cursor):
    """Reads a `regex` (V1) pattern and writes an RE2 one. In superset mode every
    construct becomes something that matches at least as much; ``exact`` stays True only
    while every construct means the same in both engines."""

    def __init__(self, pattern: str, ignorecase: bool, lists: dict, superset: bool) -> None:
        super().__init__(pattern, lists)
        self.superset = superset
        self.exact = True
        self.case_stack = [ignorecase]

    # -- helpers ------------------------------------------------------
    def inexact(self) -> None:
        self.exact = False
        if not self.superset:
            raise _Unsupported

    @property
    def icase(self) -> bool:
        return self.case_stack[-1]

    # -- grammar --------------------------------------------------------
    def translate(self) -> str:
        out = self.alternation()
        if self.i != len(self.p):
            raise _Unsupported("unbalanced parenthesis")
        return out

    def alternation(self) -> str:
        parts = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            parts.append(self.sequence())
        return "|".join(parts)

    def sequence(self) -> str:
        out = []
        while self.i < len(self.p) and self.peek() not in "|)":
            atom, zero_width = self.atom()
            quant = self.quantifier()
            if zero_width:
                continue   # an assertion, with or without a quantifier: dropped (superset)
            out.append(atom + quant)
        return "".join(out)

    def quantifier(self) -> str:
        c = self.peek()
        q = ""
        if c in "*+?":
            q = c
            self.i += 1
        elif c == "{":
            bounds = self.brace_bounds()
            if bounds is None:
                return ""   # a literal brace: atom() reads it next time round
            lo, sep, hi, j = bounds
            if int(hi or lo or 0) > 1000 or int(lo or 0) > 1000:
                raise _Unsupported("repeat too large for RE2")
            q = "{" + (lo or "0") + sep + hi + "}"
            if self.superset and sep and hi and int(hi) > 4:
                # a wide bound (a word of up to 60 letters) costs the automaton a state per
                # step; without the upper bound the screen matches more, never less
                q = "{" + (lo or "0") + ",}"
            self.i = j + 1
        else:
            return ""
        if self.peek() == "?":       # lazy
            q += "?"
            self.i += 1
        elif self.peek() == "+":     # possessive: a subset of the greedy matches
            self.inexact()
            self.i += 1
        return q

    def atom(self) -> tuple[str, bool]:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class(), False
        if c == "\\":
            return self.escape(in_class=False)
        self.i += 1
        if c == ".":
            return ("(?s:.)" if self.superset else "."), False
        if c in "^$":
            self.inexact()
            return "", True
        if c in "{}":
            return "\\" + c, False
        return _lit(c), False

    def group(self) -> tuple[str, bool]:
        p = self.p
        self.i += 1
        if p.startswith("?#", self.i):
            self.i = p.index(")", self.i) + 1
            return "", True
        if p.startswith(("?=", "?!", "?<=", "?<!"), self.i):
            self.i += 3 if p.startswith("?<", self.i) else 2
            self.inexact()
            self.case_stack.append(self.icase)
            self.alternation()
            self.case_stack.pop()
            self.close()
            return "", True
        icase = self.icase
        capture = ""            # kept in exact mode, where the caller reads the groups
        if p.startswith("?:", self.i):
            self.i += 2
        elif p.startswith("?>", self.i):       # atomic: a subset of the plain group's matches
            self.i += 2
            self.inexact()
        elif p.startswith(("?P<", "?<"), self.i) and not p.startswith(("?P<=", "?P<!", "?P>"), self.i):
            j = p.index(">", self.i)
            name = p[self.i + (3 if p.startswith("?P<", self.i) else 2):j]
            capture = f"(?P<{name}>"
            self.i = j + 1
        elif not p.startswith("?", self.i):
            capture = "("
        elif p.startswith("?", self.i):
            j = self.i + 1
            while j < len(p) and (p[j].isalpha() or p[j] == "-"):
                j += 1
            flags = p[self.i + 1:j]
            if j >= len(p) or p[j] not in ":)" or not flags:
                raise _Unsupported(f"group (?{p[self.i + 1:self.i + 3]}")
            on, _, off = flags.partition("-")
            if set(on + off) - set("iV"):
                raise _Unsupported(f"flags {flags}")
            icase = (icase or "i" in on) and "i" not in off
            self.i = j + 1
            if p[j] == ")":                     # (?i): to the end of the enclosing group (V1)
                if not icase and self.icase:
                    raise _Unsupported("(?-i) switching case off for the rest of a group")
                self.case_stack[-1] = icase
                return "(?i)" if icase else "", not icase
        self.case_stack.append(icase)
        inner = self.alternation()
        self.case_stack.pop()
        self.close()
        body = ("(?i:" if icase else "(?-i:") + inner + ")"
        return (capture + body + ")" if capture and not self.superset else body), False

    def escape(self, in_class: bool) -> tuple[str, bool]:
        p = self.p
        c = p[self.i + 1] if self.i + 1 < len(p) else ""
        self.i += 2
        if not c:
            raise _Unsupported("trailing backslash")
        if c in "pP":
            if self.peek() != "{":
                raise _Unsupported(r"\p without braces")
            j = p.index("}", self.i)
            name = p[self.i + 1:j]
            self.i = j + 1
            return self.category(name, negated=(c == "P")), False
        if c == "L" and not in_class and self.peek() == "<":
            j = p.index(">", self.i)
            name = p[self.i + 1:j]
            self.i = j + 1
            items = self.lists.get(name)
            if items is None:
                raise _Unsupported(f"unknown list {name}")
            words = sorted({str(w) for w in items}, key=len, reverse=True)
            if self.icase and any(ch in _MULTI_FOLD for w in words for ch in w):
                self.inexact()
            return "(?:" + "|".join("".join(_lit(ch) for ch in w) for w in words) + ")", False
        if not in_class and c in _ZERO_WIDTH_ESCAPES:
            self.inexact()
            return "", True
        if c == "d":
            return r"\p{Nd}", False
        if c == "D":
            return r"\P{Nd}", False
        if c == "s":
            self.inexact()
            return ("[" + _SPACE + "]" if not in_class else _SPACE), False
        if c == "w":
            self.inexact()
            return ("[" + _WORD + "]" if not in_class else _WORD), False
        if c in "SW":
            self.inexact()
            return ("" if in_class else r"(?s:.)"), False   # a class with \S or \W is widened by char_class
        if c in _LITERAL_ESCAPES:
            return _LITERAL_ESCAPES[c], False
        if c in "xuU":
            return _lit(chr(self.hex_escape(c))), False
        if c.isalnum():
            raise _Unsupported(f"escape \\{c}")
        return _lit(c), False

    def category(self, name: str, negated: bool) -> str:
        key = name.replace(" ", "").replace("_", "")
        for prefix in ("gc=", "General_Category=", "Is"):
            if key.startswith(prefix) and key[len(prefix):] in _RE2_CATS:
                key = key[len(prefix):]
        aliases = {"Letter": "L", "Lowercase_Letter": "Ll", "Uppercase_Letter": "Lu", "Number": "N", "Mark": "M",
                   "Punctuation": "P", "Symbol": "S", "Separator": "Z"}
        key = aliases.get(key, key)
        if key not in _RE2_CATS and key != "LC":
            raise _Unsupported(f"property {name}")
        if self.icase and key in _CASED_CATS:
            # `regex` folds case for properties too: under ignorecase \p{Lu} is any cased letter
            self.inexact()
            return r"(?s:.)" if negated else r"\p{L}"
        if key == "LC":
            key = "L"
            self.inexact()
        return ("\\P{" if negated else "\\p{") + key + "}"

    def class_item(self) -> tuple[str, bool]:
        """One member of a character class: (RE2 text, widened to anything)."""
        c = self.peek()
        if c != "\\":
            self.i += 1
            return ("\\" + c if c in "-^]\\[" else _lit(c)), False
        letter = self.peek(1)
        if letter in "SW":
            self.i += 2
            self.inexact()
            return "", True
        piece, _ = self.escape(in_class=True)
        if piece == r"(?s:.)":
            return "", True
        return piece, False

    def char_class(self) -> str:
        self.i += 1
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        items: list[str] = []
        widened = False
        first = True
        while True:
            c = self.peek()
            if self.i >= len(self.p):
                raise _Unsupported("unterminated class")
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            if c == "[" or (c in "-&|~" and self.peek(1) == c):
                raise _Unsupported("nested set or set operation")
            lo_at = self.i
            piece, wide = self.class_item()
            widened = widened or wide
            single = self.p[lo_at] != "\\" or (len(piece) > 1 and not piece.startswith(("\\p", "\\P"))
                                                 and piece not in (_SPACE, _WORD))
            if self.peek() == "-" and self.peek(1) not in ("]", "\0") and single and not wide:
                self.i += 1
                hi, wide2 = self.class_item()
                if wide2:
                    raise _Unsupported("range to a class")
                piece = piece + "-" + hi
            if self.icase and self.p[lo_at] != "\\" and self.p[lo_at] in _MULTI_FOLD:
                self.inexact()
            items.append(piece)
        if widened:
            return r"(?s:.)"
        if negated and (not self.exact or self.icase):
            # the complement of a widened (or differently folded) set is too narrow: any character
            self.inexact()
            return r"(?s:.)"
        return "[" + ("^" if negated else "") + "".join(items) + "]"


_PROPERTY = None     # the \\p{..} / \\P{..} of a translation, built when first needed


@lru_cache(maxsize=None)
def _ascii_members(key: str, negated: bool) -> str:
    """The ASCII characters of a Unicode property (or of its complement), as class members."""
    import unicodedata
    chars = [ch for ch in map(chr, range(128))
             if (unicodedata.category(ch).startswith(key) if len(key) == 1 else unicodedata.category(ch) == key)
             != negated]
    return "".join(_lit(ch) for ch in chars)


def _widen(body: str) -> str:
    """A superset screen with each Unicode property (\\p{L}, \\P{Z}, ...) widened to its ASCII
    members plus every non-ASCII character, except inside a negated class (whose complement
    would narrow). The screen matches more, never less: only non-ASCII text can pass where it
    did not, and the real pattern decides there. A property's UTF-8 automaton is hundreds of
    byte ranges; "any non-ASCII character" is a handful, so each DFA state costs less to build."""
    global _PROPERTY
    if _PROPERTY is None:
        import re
        _PROPERTY = re.compile(r"\\([pP])\{(\w+)\}")
    out: list[str] = []
    i, n = 0, len(body)
    in_class = negated_class = False
    while i < n:
        c = body[i]
        if c == "\\":
            m = _PROPERTY.match(body, i)
            if m is not None and not negated_class:
                wide = _ascii_members(m.group(2), m.group(1) == "P") + r"\x{80}-\x{10ffff}"
                out.append(wide if in_class else "[" + wide + "]")
                i = m.end()
                continue
            out.append(body[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            negated_class = body.startswith("[^", i)
        elif c == "]" and in_class:
            in_class = negated_class = False
        out.append(c)
        i += 1
    return "".join(out)


def translate(pattern: str, ignorecase: bool, lists: dict | None = None, superset: bool = True) -> str | None:
    """The RE2 pattern for a `regex` one (see the module docs), or None."""
    t = _Translator(pattern, ignorecase, lists or {}, superset)
    try:
        body = t.translate()
    except (_Unsupported, ValueError, IndexError):
        return None
    if not superset and not t.exact:
        return None
    if superset:
        body = _widen(body)
    return ("(?i:" if ignorecase else "(?-i:") + body + ")" if body else None


def available() -> bool:
    return _RE2.get() is not None


def _options():
    opts = _RE2.get().Options()
    opts.max_mem = 256 << 20
    opts.word_boundary = False
    return opts


SCREEN_AFTER_CHARS = 60_000
# ... or sooner for a long pattern: once the characters it has read unscreened times its own
# length reach this. A long lexicon's `regex` pass costs some 2 µs a character (an 8,000-
# character pattern: screened after about 3,000 characters), a short pattern's a hundredth
# of that (a 300-character one waits for the 60,000): measured on 400 BBC articles.
SCREEN_AFTER_WORK = 25_000_000
# ... but never before this many: making a screen costs about 1.6 µs per character of its
# pattern (translating it here, then RE2 compiling it: 25 ms for UC101's 15,700 characters),
# as much as the `regex` pass over some 6,000 characters of text whatever the pattern's
# length, so a one-article run (a pre-commit hook, ~2,500 characters) is never slowed by one.
SCREEN_AFTER_CHARS_MIN = 8_000


def _set_of_one(translated: str):
    """``translated`` alone in an unanchored ``re2.Set``: its ``Match`` runs one forward DFA
    of the "many match" kind, where a screened search (RE2's ``Match`` asked for the span)
    runs a forward and a reverse one. Both DFAs build their states as new text comes in, and
    a long lexicon's screen keeps doing so all through an archive: a set of one builds half
    the states (UC101's screen over 400 BBC articles: 0.097 -> 0.047 s). A many-match DFA
    never gives up for being slow (RE2 bails out only for the other kinds), so its answer is
    always the pattern's; None where this google-re2 has no ``Set`` or refuses the pattern."""
    low = getattr(_RE2.get(), "_re2", None)
    kind = getattr(low, "Set", None)
    anchor = getattr(getattr(getattr(low, "RE2", None), "Anchor", None), "UNANCHORED", None)
    if kind is None or anchor is None:
        return None
    try:
        one = kind(anchor, _options())
        if one.Add(translated.encode("utf-8")) != 0 or not one.Compile():
            return None
    except Exception:
        return None
    return one


def _raw_match(obj) -> tuple | None:
    """(google-re2's underlying ``RE2.Match(anchor, bytes, pos, endpos)``, its "unanchored"
    value), whose result starts with ``(-1, -1)`` when there is no match; None where this
    google-re2 does not have them (then its public ``search`` is used)."""
    match = getattr(getattr(obj, "_regexp", None), "Match", None)
    anchor = getattr(getattr(_RE2.get(), "_Anchor", None), "UNANCHORED", None)
    return None if match is None or anchor is None else (match, anchor)


class ScreenSet:
    """Every registered screen, each compiled when first needed. (One RE2 pattern or
    ``re2.Set`` joining them all was measured slower: its automaton is far larger.)"""

    def __init__(self) -> None:
        self.patterns: list[tuple[str, bool, dict | None]] = []    # what each screen is made from
        self._single: dict[int, object] = {}
        self._read: dict[int, int] = {}     # characters a pattern has read unscreened
        self._raw: dict[int, tuple | None] = {}     # index -> _raw_match of its screen
        self._sets: dict[int, object] = {}      # index -> its set of one (None: none)
        self._starts: dict[int, Any] = {}       # index -> first_start function (None: none)
        self._translated: dict[int, str | None] = {}    # index -> its RE2 translation

    def register(self, pattern: str, ignorecase: bool, lists: dict | None = None) -> int | None:
        """A number for the pattern's screen; it is translated and compiled when first needed."""
        if not _RE2.installed():
            return None
        self.patterns.append((pattern, ignorecase, lists))
        return len(self.patterns) - 1

    def _compiled(self, index: int):
        obj = self._single.get(index)
        if obj is None:
            translated = self._translated[index] = translate(*self.patterns[index])
            one = _set_of_one(translated) if translated is not None else None
            self._sets[index] = one
            if one is not None:
                obj = True
            else:
                try:
                    obj = _RE2.get().compile(translated, _options()) if translated is not None else False
                except Exception:
                    obj = False            # RE2 refused it after all: no screen
            self._single[index] = obj
        return obj

    def compile_all(self) -> None:
        """Compile every screen now (before forking workers, which then share them)."""
        for index in range(len(self.patterns)):
            self._compiled(index)

    def may_match(self, index: int, text: str, ignorecase: bool) -> bool:
        # Compiling a screen costs about as much as the regex pass over a few articles, so
        # a pattern is screened only once it has read that much text in this process (less
        # for a long pattern, whose regex pass costs more): one article from a pre-commit hook
        # is not slowed down, an archive or a long file is sped up.
        if index not in self._single:
            seen = self._read.get(index, 0) + len(text)
            self._read[index] = seen
            if seen < SCREEN_AFTER_CHARS and (seen < SCREEN_AFTER_CHARS_MIN
                                              or seen * len(self.patterns[index][0]) < SCREEN_AFTER_WORK):
                return True
        if ignorecase and not _MULTI_FOLD.isdisjoint(text):
            return True
        obj = self._compiled(index)
        if obj is False:
            return True
        one = self._sets[index]
        if one is not None:
            return bool(one.Match(text.encode("utf-8")))
        raw = self._raw.get(index, False)
        if raw is False:
            raw = self._raw[index] = _raw_match(obj)
        if raw is None:
            return obj.search(text) is not None
        # google-re2's own search, less its Python wrapper (a generator, offsets mapped back
        # to characters): only whether there is a match is asked
        data = text.encode("utf-8")
        return raw[0](raw[1], data, 0, len(data))[0] != (-1, -1)

    def starts(self, index: int | None):
        """For a screen in use: ``first(data, pos)``, the byte offset at which the leftmost
        match of the screen at or after byte ``pos`` of ``data`` (UTF-8) starts, or -1 when
        there is none. No match of the real pattern can start where no match of its screen
        does, so a caller may try the real pattern only at those offsets (:func:`editlint.
        kinds.base.finditer`). None when the screen is not in use yet, cannot give offsets,
        or matches the empty string (every offset would be a candidate)."""
        if index is None or index not in self._single or self._single[index] is False:
            return None
        first = self._starts.get(index, False)
        if first is False:
            first = None
            translated = self._translated[index]
            try:
                obj = _RE2.get().compile(translated, _options())
                raw = _raw_match(obj)
                if raw is not None and raw[0](raw[1], b"", 0, 0)[0] == (-1, -1):
                    match, anchor = raw

                    def first(data: bytes, pos: int, match=match, anchor=anchor) -> int:
                        return match(anchor, data, pos, len(data))[0][0]
            except Exception:
                first = None
            self._starts[index] = first
        return first


SCREENS = ScreenSet()


def may_match(index: int | None, text: str, ignorecase: bool) -> bool:
    """False only when the pattern registered as ``index`` certainly has no match in ``text``."""
    if index is None:
        return True
    return SCREENS.may_match(index, text, ignorecase)


def exact_re2(pattern: str, ignorecase: bool, lists: dict | None = None):
    """An RE2 pattern object meaning exactly what ``pattern`` means in `regex`, or None."""
    if _RE2.get() is None:
        return None
    translated = translate(pattern, ignorecase, lists, superset=False)
    if translated is None:
        return None
    try:
        return _RE2.get().compile(translated, _options())
    except Exception:
        return None
