"""What every rule kind shares: building a rule from a YAML mapping, and prose scopes."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager, nullcontext
from typing import Any, ClassVar, Iterator

import regex

from editlint import patternstore
from editlint.document import BLOCK_KINDS, Block, Document
from editlint.rule import FAMILIES, Docs, Example, Option, Rule, RuleError

# Keys every YAML rule may carry, whatever its kind.
COMMON_KEYS = frozenset(
    {"code", "name", "family", "kind", "message", "severity", "summary", "description",
     "why", "example", "fix", "examples"}
)

# Seconds a single user pattern may run on one block before it is stopped.
# The engine sets this from configuration (``regex-timeout``).
REGEX_TIMEOUT = 1.0

SCOPE_OPTION = Option(
    list(BLOCK_KINDS),
    "Block kinds the rule reads: " + ", ".join(BLOCK_KINDS) + ".",
    type=list,
    check=lambda v: all(s in BLOCK_KINDS for s in v),
)


class Kind(Rule):
    """A rule kind: a Rule class that YAML packs instantiate with ``kind: NAME``."""

    KIND: ClassVar[str] = ""

    # A rule of a built-in pack compiles its patterns when first used, not when loaded:
    # `editlint check one.md` served from the cache, `rules` and `explain` compile nothing.
    # (A user's pack is prepared at once, so that a bad pattern is a configuration error.)
    def _prepare_initially(self) -> None:
        self.__dict__["_builtin"] = compiling_builtin()
        if self._builtin:
            self.__dict__["_lazy"] = True
        else:
            self.prepare()

    def _prepare_configured(self, changed: dict[str, Any]) -> None:
        self.__dict__["_lazy"] = False
        # options that hold no patterns (numbers, switches) keep a built-in rule built in
        keeps = self.__dict__.get("_builtin") and not any(isinstance(v, (list, dict, str)) for v in changed.values())
        with builtin_patterns() if keeps else nullcontext():
            self.prepare()

    def ensure_prepared(self) -> None:
        if self.__dict__.get("_lazy"):
            self.__dict__["_lazy"] = False
            with builtin_patterns():
                self.prepare()

    def __getattr__(self, name: str) -> Any:
        # only reached for an attribute that is not there yet: what prepare() sets
        if not name.startswith("__") and self.__dict__.get("_lazy"):
            self.ensure_prepared()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @classmethod
    def from_spec(cls, spec: dict[str, Any], origin: str) -> "Kind":
        options = {k: v for k, v in spec.items() if k not in COMMON_KEYS}
        for key in options:
            if key.replace("-", "_") not in cls.OPTIONS:
                allowed = sorted(COMMON_KEYS | set(cls.OPTIONS))
                raise RuleError(f"unknown key '{key}' for kind '{cls.KIND}' (allowed: {', '.join(allowed)})")
        docs = Docs(
            # without a summary, the message with its fields blanked: "Avoid '…'."
            summary=str(spec.get("summary")
                        or regex.sub(r"\{[^{}]*\}", "…", str(spec.get("message") or "")).strip()
                        or spec["name"]),
            what=str(spec.get("description", "")),
            why=str(spec.get("why", "")),
            example=str(spec.get("example", "")),
            fix=str(spec.get("fix", "")),
        )
        flags, passes = _examples(spec.get("examples"))
        return cls(
            code=spec["code"], name=spec["name"], family=spec["family"], docs=docs,
            message=str(spec.get("message", "{match}")), severity=spec.get("severity", "warning"),
            options=options, flags=flags, passes=passes, origin=origin,
        )

    # helpers for subclasses -------------------------------------------------
    def scoped_blocks(self, doc: Document) -> Iterator[Block]:
        scope = set(self.options.get("scope", BLOCK_KINDS))
        return (b for b in doc.blocks if b.kind in scope)


def _examples(raw: Any) -> tuple[list[Example], list[Example]]:
    if raw is None:
        return [], []
    if not isinstance(raw, dict) or set(raw) - {"flag", "pass"}:
        raise RuleError("'examples' must be a mapping with the keys 'flag' and 'pass'")

    def one(item: Any) -> Example:
        if isinstance(item, str):
            return Example(item)
        if isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "format"}:
            return Example(item["text"], item.get("format", "markdown"))
        raise RuleError("an example is a string, or a mapping with 'text' and optional 'format'")

    return [one(x) for x in raw.get("flag") or []], [one(x) for x in raw.get("pass") or []]


# id(pattern) -> (pattern, screen index, ignorecase, built in, RE2 twin or None), for finditer
_PATTERNS: dict[int, tuple[regex.Pattern, int | None, bool, bool, Any]] = {}
_trusted = threading.local()


@contextmanager
def builtin_patterns() -> Iterator[None]:
    """Patterns compiled inside this block come from editlint's own packs: they are linear
    (or bounded) by review and test, so they run without the time limit (and a built-in
    rule's findings never depend on the clock)."""
    depth = getattr(_trusted, "depth", 0)
    _trusted.depth = depth + 1
    try:
        yield
    finally:
        _trusted.depth = depth


def compiling_builtin() -> bool:
    """Whether the patterns now compiled come from editlint's own (tested) packs: each
    alternative need not be compiled on its own first to name a bad one."""
    return getattr(_trusted, "depth", 0) > 0


def compile_pattern(pattern: str, ignorecase: bool, *, screen: bool = False, **lists: Any) -> regex.Pattern:
    """Compile a rule's pattern (the `regex` module, V1). With ``screen``, the pattern is one
    that :func:`finditer` runs over whole blocks: it also gets an RE2 pre-screen
    (:mod:`editlint.screen`) when google-re2 is installed. A built-in pattern is compiled
    only when a text it is asked about could hold a match (:class:`LazyPattern`)."""
    if getattr(_trusted, "depth", 0) > 0:
        return LazyPattern(pattern, ignorecase, screen, lists)   # type: ignore[return-value]
    return _compile(pattern, ignorecase, screen, False, lists)


def _compile(pattern: str, ignorecase: bool, screen: bool, builtin: bool, lists: dict) -> regex.Pattern:
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    try:
        if builtin and not lists:       # compiled ahead of time (data/patterns.pickle) when it can be
            compiled = patternstore.compile(pattern, flags)
        else:
            compiled = regex.compile(pattern, flags, **lists)
    except (regex.error, ValueError) as exc:
        raise RuleError(f"invalid pattern {pattern!r}: {exc}") from None
    if screen or builtin:
        from editlint import screen as screens
        index = screens.SCREENS.register(pattern, ignorecase, lists) if screen else None
        # a user's pattern that RE2 can express exactly runs on RE2: linear, so no time limit
        linear = screens.exact_re2(pattern, ignorecase, lists) if screen and not builtin else None
        _PATTERNS[id(compiled)] = (compiled, index, ignorecase, builtin, linear)
    return compiled


# Searches whose results a literal pre-check may stand in for (``partial`` may match less).
_SCREENABLE_KEYWORDS = frozenset({"pos", "endpos", "timeout", "concurrent", "overlapped", "count"})
COMPILED = {"patterns": 0}        # built-in patterns compiled in this process (tests read it)


class LazyPattern:
    """A built-in pattern, compiled when first needed. Asked about a text that lacks the
    literals every match must contain (:mod:`editlint.prefilter`), it answers "no match"
    without compiling or running the ``regex`` pattern: the same results, for less."""

    __slots__ = ("pattern", "_args", "_compiled", "_requirement", "_screened", "_limit")

    # Characters a pattern is pre-checked over before it is compiled anyway: the check pays
    # for one article (or a few), not for an archive or a long file, whose text would cost
    # more to check than the pattern costs to compile (then the regex pass decides, as before).
    SCREEN_CHARS = 100_000
    # ... or fewer for a condition of many literals, each of which the check looks for in
    # every text: once characters x literals reach SCREEN_WORK, but never before
    # SCREEN_CHARS_MIN characters (an article or a few are checked as before). A compiled
    # built-in pattern costs about a millisecond (data/patterns.pickle); checking 100,000
    # characters for UC101's 1,499 literals cost some 40 ms.
    SCREEN_CHARS_MIN = 20_000
    SCREEN_WORK = 10_000_000

    def __init__(self, pattern: str, ignorecase: bool, screen: bool, lists: dict) -> None:
        self.pattern = pattern
        self._args = (ignorecase, screen, lists)
        self._compiled: regex.Pattern | None = None
        self._requirement: Any = False          # False: not worked out yet
        self._screened = 0
        self._limit = self.SCREEN_CHARS

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            ignorecase, screen, lists = self._args
            self._compiled = _compile(self.pattern, ignorecase, screen, True, lists)
            COMPILED["patterns"] += 1
        return self._compiled

    def may_match(self, text: Any) -> bool:
        """False only when no match of the pattern can lie in ``text``. (Once the pattern is
        compiled, or has been checked over SCREEN_CHARS, always True: the caller compiles it.)"""
        if self._compiled is not None or not isinstance(text, str):
            return True
        self._screened += len(text)
        if self._screened > self._limit:
            return True
        if self._requirement is False:
            from editlint import prefilter
            self._requirement = prefilter.requirement(self.pattern, self._args[2])
            if self._requirement is not None:
                literals = prefilter.literal_count(self._requirement)
                self._limit = min(self.SCREEN_CHARS, max(self.SCREEN_CHARS_MIN, self.SCREEN_WORK // literals))
                if self._screened > self._limit:
                    return True
        if self._requirement is None:
            return True
        from editlint import prefilter
        return prefilter.may_satisfy(self._requirement, text)

    def _screens(self, string: Any, kwargs: dict) -> bool:
        return _SCREENABLE_KEYWORDS.issuperset(kwargs) and not self.may_match(string)

    def search(self, string, *args, **kwargs):
        return None if self._screens(string, kwargs) else self.compiled().search(string, *args, **kwargs)

    def match(self, string, *args, **kwargs):
        return None if self._screens(string, kwargs) else self.compiled().match(string, *args, **kwargs)

    def fullmatch(self, string, *args, **kwargs):
        return None if self._screens(string, kwargs) else self.compiled().fullmatch(string, *args, **kwargs)

    def finditer(self, string, *args, **kwargs):
        return iter(()) if self._screens(string, kwargs) else self.compiled().finditer(string, *args, **kwargs)

    def findall(self, string, *args, **kwargs):
        return [] if self._screens(string, kwargs) else self.compiled().findall(string, *args, **kwargs)

    def sub(self, repl, string, *args, **kwargs):
        return string if self._screens(string, kwargs) else self.compiled().sub(repl, string, *args, **kwargs)

    def subn(self, repl, string, *args, **kwargs):
        return (string, 0) if self._screens(string, kwargs) else self.compiled().subn(repl, string, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return (LazyPattern, (self.pattern, *self._args))

    def __copy__(self):
        return self      # one compiled pattern, however many copies of the rule hold it


def is_builtin(pattern: regex.Pattern) -> bool:
    if isinstance(pattern, LazyPattern):
        return True
    info = _PATTERNS.get(id(pattern))
    return info is not None and info[0] is pattern and info[3]


def engine_of(pattern: regex.Pattern) -> str:
    """How a rule's main pattern is matched, for ``editlint explain``."""
    if isinstance(pattern, LazyPattern):
        pattern = pattern.compiled()
    info = _PATTERNS.get(id(pattern))
    if info is not None and info[0] is pattern:
        if info[3]:
            return "the regex module (a built-in rule: its patterns are written to run in linear time, so no time limit applies)"
        if info[4] is not None:
            return "RE2 (linear time, no time limit needed)"
    from editlint import screen as screens
    why = "google-re2 is not installed" if not screens.available() else \
        "RE2 cannot express it exactly: word-boundary look-arounds (which the kind adds unless nonword: true), \\b, \\s, ..."
    return f"the regex module, stopped after regex-timeout seconds per file ({why})"


_budget = threading.local()


def start_budget(seconds: float | None = None) -> None:
    """Give the rule about to run on a document ``seconds`` of matching time in all
    (REGEX_TIMEOUT by default). The engine calls it before each rule, so a runaway pattern
    costs at most that much per rule and file, however many blocks the file has."""
    _budget.left = REGEX_TIMEOUT if seconds is None else seconds


_SCREEN_MODULE: list = []       # editlint.screen, once finditer has first run (an import a call cost ~1 µs)


def _screen_module():
    from editlint import screen
    _SCREEN_MODULE.append(screen)
    return screen


def finditer(pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
    """Matches of a rule's pattern (non-overlapping, left to right, empty matches skipped).

    A pattern of a built-in pack runs to the end. A user's pattern is stopped when the
    rule's matching time on this document runs out (raises TimeoutError); only the time
    spent matching counts, not the caller's work between matches. Either way, a block that
    the RE2 pre-screen rules out is skipped (it cannot hold a match); in a block it lets
    through, a built-in pattern is tried only where a match of its screen starts."""
    if isinstance(pattern, LazyPattern):
        if not pattern.may_match(text):
            return
        pattern = pattern.compiled()
    screens = _SCREEN_MODULE[0] if _SCREEN_MODULE else _screen_module()
    info = _PATTERNS.get(id(pattern))
    if info is not None and info[0] is pattern:
        if not screens.may_match(info[1], text, info[2]):
            return
        linear = info[4]
        folds_apart = info[2] and not screens._MULTI_FOLD.isdisjoint(text)   # "ß", "ﬁ": RE2 folds them otherwise
        if linear is not None and not folds_apart:
            search = linear.search      # RE2: the same matches, in linear time
        elif info[3]:
            first = None if folds_apart else screens.SCREENS.starts(info[1])
            if first is not None:
                yield from _matches_at(pattern.match, first, text)
                return
            search = pattern.search
        else:
            search = None
        if search is not None:
            yield from _matches(search, text)
            return
    yield from _matches(_timed(pattern), text)


def _matches(search, text: str) -> Iterator[regex.Match]:
    """Non-overlapping matches of ``search(text, pos)``, left to right, empty ones skipped."""
    pos, n = 0, len(text)
    while pos <= n:
        m = search(text, pos)
        if m is None:
            return
        if m.end() > m.start():
            yield m
            pos = m.end()
        else:
            pos = m.end() + 1


def _matches_at(match, first, text: str) -> Iterator[regex.Match]:
    """What :func:`_matches` gives for ``pattern.search``: the pattern tried only at the
    offsets where its RE2 screen finds a match starting (``first(data, pos)``: the byte
    offset of the leftmost at or after byte ``pos`` of the UTF-8 text, or -1). A match of the
    pattern starts where one of its screen does, so every offset skipped holds none; at an
    offset tried, ``match`` finds what ``search`` would have found there. A long lexicon's
    ``regex`` search tries every alternative at every offset; here it tries one offset per
    candidate of the screen's linear scan. Byte offsets are turned into character offsets
    piece by piece (the same numbers for ASCII text; a UTF-8 screen starts a match only at
    a character's first byte)."""
    data = text.encode("utf-8")
    ascii = len(data) == len(text)
    pos, n = 0, len(text)
    at = 0              # the byte offset of ``pos``
    while pos <= n:
        found = first(data, at)
        if found < 0:
            return
        start = found if ascii else pos + len(data[at:found].decode("utf-8"))
        m = match(text, start)
        if m is None:
            nxt = start + 1
        elif m.end() > m.start():
            yield m
            nxt = m.end()
        else:
            nxt = m.end() + 1
        at = nxt if ascii else found + len(text[start:nxt].encode("utf-8"))
        pos = nxt


def _timed(pattern: regex.Pattern):
    """``pattern.search`` charged to the rule's matching-time budget (raises TimeoutError)."""
    def search(text: str, pos: int):
        left = getattr(_budget, "left", REGEX_TIMEOUT)
        if left <= 0:
            raise TimeoutError("regex-timeout spent")
        t0 = time.perf_counter()
        try:
            return pattern.search(text, pos, timeout=left)
        finally:
            _budget.left = left - (time.perf_counter() - t0)
    return search


# Options of a rule that reports only in an article's company (engine.keep_company): a soft band
# of a learned rule (LL112), a cue too common in clean copy to report on its own (UC114).
COMPANY_OPTIONS = {
    "needs_company": Option(0.0, "Report only in a document where non-learned rules of the `company` families "
                            "report warnings or errors on at least this many lines per 1,000 words (after "
                            "suppression); 0: no such condition.", type=float, check=lambda v: v >= 0.0),
    "company": Option([], "The families whose non-learned warnings count for `needs-company`, and whose findings "
                      "keep `alone-severity` from applying (empty: the rule's own family).", type=list,
                      check=lambda v: all(f in FAMILIES and f != "engine" for f in v)),
    "vouches": Option(False, "The rule's own findings count as company (for every rule that needs it, this one "
                      "included) once they fall on two lines or more of a document: for a cue that is rare in "
                      "clean news even without company, two of which make an article's habit."),
    "alone_severity": Option("", "The severity a finding takes when it is the only finding of the `company` "
                             "families in its document, at any severity (one slip is a note; a second place "
                             "makes it the rule's own severity again); empty: always the rule's own severity, "
                             "as when the configuration sets `severity`.",
                             check=lambda v: v in ("", "info", "warning", "error")),
}


class InCompany:
    """Mixed into a kind that takes :data:`COMPANY_OPTIONS`. The engine reads both properties,
    whether or not the rule is prepared; a rule that needs company also defers (one problem,
    one finding: it gives way to any family's finding on its lines, and is no company itself)."""

    @property
    def needs_company(self) -> float:
        return float(self.options["needs_company"])

    @property
    def vouches(self) -> bool:
        return bool(self.options["vouches"])

    @property
    def alone_severity(self) -> str:
        return str(self.options["alone_severity"])

    @property
    def defers(self) -> bool:
        """A reading that needs company gives way to any rule's finding on its lines (engine.defer)."""
        return self.needs_company > 0

    @property
    def company_families(self) -> list[str]:
        return [str(f) for f in self.options["company"]] or [self.family]
