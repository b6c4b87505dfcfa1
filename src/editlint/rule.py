"""Rules, their documentation and options, and the findings they report.

A rule is an object with a code, a family, documentation, options and a ``check`` method
that yields findings for a :class:`~editlint.document.Document`. Rules written in YAML are
instances of a *kind* (``editlint.kinds``); rules written in Python subclass :class:`Rule`
directly. Both reach the engine through the same plugin hook.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, ClassVar, Iterable, Iterator

from editlint.document import Block, Document
from editlint.records import Record, frozen_error

SEVERITIES = ("info", "warning", "error")

FAMILIES = {
    "keyword-stuffing": "KS",
    "link-spam": "LS",
    "loaded-language": "LL",
    "unattributed-claim": "UC",
    "readability": "RD",
    "hygiene": "HY",
    "engine": "EL",
}


class RuleError(ValueError):
    """A rule definition is wrong (a YAML pack, an option value)."""


class RuleUnavailable(Exception):
    """A rule cannot run in this run at all (its model file is missing, truncated or of
    another version). The engine reports it once (EL203) and lints on with the other rules."""


# The record classes a check creates: see editlint.records.
class Related(Record):
    """Another place of the same problem (every other use of one stuffed keyphrase, the
    other items of one link block): a finding's related location, as SARIF has them."""

    __slots__ = ("line", "column", "end_line", "end_column", "message", "start", "end")

    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    start: int              # source offsets
    end: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int, message: str = "",
                 start: int = 0, end: int = 0) -> None:
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.message = message
        self.start = start
        self.end = end

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "message": self.message}


class Edit(Record):
    """Replace the source text at offsets [start, end) with ``content`` (an empty span
    inserts, empty content deletes). Lines and columns as a finding's: 1-based, in code
    points, ``end_column`` exclusive."""

    __slots__ = ("start", "end", "content", "line", "column", "end_line", "end_column")

    start: int
    end: int
    content: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, start: int, end: int, content: str, line: int = 0, column: int = 0,
                 end_line: int = 0, end_column: int = 0) -> None:
        self.start = start
        self.end = end
        self.content = content
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "content": self.content}


APPLICABILITIES = ("safe", "unsafe")


class Fix(Record):
    """How to fix a finding: edits that never overlap, and whether ``--fix`` may apply
    them unasked (``safe``: the meaning and the markup are kept) or only an editor, on
    request (``unsafe``), as ruff has it."""

    __slots__ = ("edits", "applicability", "message")

    edits: list[Edit]
    applicability: str
    message: str

    def __init__(self, edits: list[Edit], applicability: str = "safe", message: str = "") -> None:
        self.edits = edits
        self.applicability = applicability
        self.message = message

    def to_dict(self) -> dict[str, Any]:
        return {"applicability": self.applicability, "message": self.message,
                "edits": [e.to_dict() for e in self.edits]}


class Finding(Record):
    """One problem a rule found: where, what, and (optionally) how to fix it."""

    __slots__ = ("path", "line", "column", "end_line", "end_column", "code", "family", "severity", "message", "rule", "suggestion", "start", "end", "excerpt", "related", "fix")

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    family: str
    severity: str
    message: str
    rule: str
    suggestion: str | None
    start: int              # source offsets, for suppression, baselines and reports
    end: int
    excerpt: str            # the source text the finding points at
    related: list[Related]  # the problem's other places
    fix: Fix | None         # how to fix it, when a rule knows

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int, code: str,
                 family: str, severity: str, message: str, rule: str, suggestion: str | None = None,
                 start: int = 0, end: int = 0, excerpt: str = "", related: list[Related] | None = None,
                 fix: Fix | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.code = code
        self.family = family
        self.severity = severity
        self.message = message
        self.rule = rule
        self.suggestion = suggestion
        self.start = start
        self.end = end
        self.excerpt = excerpt
        self.related = [] if related is None else related
        self.fix = fix

    def to_dict(self, fixes: bool = False) -> dict[str, Any]:
        """The JSON object of DESIGN.md; ``fixes`` adds the optional ``fix`` key (present
        only on a finding that has one)."""
        out = {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "code": self.code, "family": self.family, "severity": self.severity,
            "message": self.message, "rule": self.rule, "suggestion": self.suggestion,
        }
        if self.related:
            out["related"] = [r.to_dict() for r in self.related]
        if fixes and self.fix is not None:
            out["fix"] = self.fix.to_dict()
        return out

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.end_line, self.end_column, self.message)


def _type_names(types: type | tuple[type, ...]) -> str:
    return types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)


class Option(Record):
    """A rule option: its default, its type and what it does (shown by ``editlint explain``).
    Frozen, and hashed by its fields, as a frozen dataclass is."""

    default: Any
    help: str
    type: type | tuple[type, ...] | None    # None: the default's type
    check: Callable[[Any], bool] | None     # extra validation
    items: type | tuple[type, ...] | None   # what a list option holds (None: anything)

    def __init__(self, default: Any, help: str, type: type | tuple[type, ...] | None = None,
                 check: Callable[[Any], bool] | None = None, items: type | tuple[type, ...] | None = str) -> None:
        set_field = object.__setattr__
        set_field(self, "default", default)
        set_field(self, "help", help)
        set_field(self, "type", type)
        set_field(self, "check", check)
        set_field(self, "items", items)

    def __setattr__(self, name: str, value: Any) -> None:
        raise frozen_error(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise frozen_error(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash((self.default, self.help, self.type, self.check, self.items))

    def validate(self, name: str, value: Any) -> Any:
        expected = self.type or type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is list and isinstance(value, tuple):
            value = list(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise RuleError(f"option '{name}' must be {_type_names(expected)}, not {type(value).__name__}")
        if expected is list and self.items is not None:
            bad = next((i for i, item in enumerate(value) if not isinstance(item, self.items)), None)
            if bad is not None:
                raise RuleError(f"option '{name}' must be a list of {_type_names(self.items)} values; item {bad + 1} "
                                f"is a {type(value[bad]).__name__}")
        if self.check is not None and not self.check(value):
            raise RuleError(f"option '{name}' has an invalid value {value!r}")
        return value


class Docs(Record):
    """A rule's documentation, as ``editlint explain`` shows it."""

    summary: str
    what: str
    why: str
    example: str
    fix: str

    def __init__(self, summary: str, what: str = "", why: str = "", example: str = "", fix: str = "") -> None:
        self.summary = summary
        self.what = what
        self.why = why
        self.example = example
        self.fix = fix


class Example(Record):
    """A text a rule's tests lint: one it must flag or one it must pass."""

    text: str
    format: str

    def __init__(self, text: str, format: str = "markdown") -> None:
        self.text = text
        self.format = format


class Rule:
    """Base class of every rule.

    Subclasses set ``OPTIONS`` (name -> :class:`Option`) and implement :meth:`check`.
    """

    OPTIONS: ClassVar[dict[str, Option]] = {}

    def __init__(
        self,
        *,
        code: str,
        name: str,
        family: str,
        docs: Docs,
        message: str = "{match}",
        severity: str = "warning",
        options: dict[str, Any] | None = None,
        flags: Iterable[Example] = (),
        passes: Iterable[Example] = (),
        origin: str = "",
    ) -> None:
        if severity not in SEVERITIES:
            raise RuleError(f"severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
        self.code = code
        self.name = name
        self.family = family
        self.docs = docs
        self.message = message
        self.severity = severity
        self.flags = list(flags)
        self.passes = list(passes)
        self.origin = origin
        self.options = {k: copy.deepcopy(opt.default) for k, opt in self.OPTIONS.items()}
        if options:
            self.options.update(self.validate_options(options))
        self._prepare_initially()

    def _prepare_initially(self) -> None:
        """Prepare now (a kind may defer it; see editlint.kinds.base.Kind)."""
        self.prepare()

    def _prepare_configured(self, changed: dict[str, Any]) -> None:
        self.prepare()

    # -- configuration -------------------------------------------------
    @classmethod
    def validate_options(cls, options: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in options.items():
            norm = key.replace("-", "_")
            if norm not in cls.OPTIONS:
                raise RuleError(f"unknown option '{key}'")
            out[norm] = cls.OPTIONS[norm].validate(key, value)
        return out

    def configured(self, options: dict[str, Any] | None = None, severity: str | None = None) -> "Rule":
        """A copy with some options or the severity changed (from configuration)."""
        clone = copy.copy(self)
        clone.options = dict(self.options)
        chosen = self.validate_options(options) if options else {}
        clone.options.update(chosen)
        if severity is not None:
            if severity not in SEVERITIES:
                raise RuleError(f"severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
            clone.severity = severity
            # a severity the user chose holds everywhere, unless they also choose the lone one
            if "alone_severity" in clone.options and "alone_severity" not in chosen:
                clone.options["alone_severity"] = ""
        clone._prepare_configured(options or {})
        return clone

    def prepare(self) -> None:
        """Compile patterns and the like once the options are known."""

    # -- checking ------------------------------------------------------
    def check(self, doc: Document) -> Iterator[Finding]:
        raise NotImplementedError

    def report(
        self,
        doc: Document,
        block: Block,
        start: int,
        end: int,
        message: str | None = None,
        *,
        suggestion: str | None = None,
        related: list[Related] | None = None,
        fix: Fix | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding at ``block.text[start:end]``; the message is formatted with
        ``match`` (the matched prose) and any extra ``fields``."""
        a, b = block.source_span(start, end)
        return self.report_source(doc, a, b, message, suggestion=suggestion, related=related, fix=fix,
                                  match=block.text[start:end], **fields)

    @staticmethod
    def plain_source(doc: Document, block: Block, start: int, end: int) -> bool:
        """Whether ``block.text[start:end]`` is written in the file exactly as the rule read
        it: one source character per prose character, contiguous, no markup, entity or
        escape inside. Only such a span can be edited without touching markup."""
        if not (0 <= start < end <= len(block.text)):
            return False
        a, b = block.starts[start], block.ends[end - 1]
        if b - a != end - start:
            return False
        return doc.text[a:b] == block.text[start:end]

    def fix_replace(self, doc: Document, block: Block, start: int, end: int, content: str,
                    message: str = "", applicability: str = "safe") -> Fix | None:
        """A fix that replaces ``block.text[start:end]`` with ``content``; None when the span
        is not plain source (markup or an entity inside), so no fix could keep the markup."""
        if not self.plain_source(doc, block, start, end) or not markup_free(doc.format, content):
            return None
        return make_fix(doc, [(block.starts[start], block.ends[end - 1], content)], message, applicability)

    def related_at(self, doc: Document, block: Block, start: int, end: int, message: str = "") -> Related:
        """A related location at ``block.text[start:end]``, for a finding's ``related``."""
        a, b = block.source_span(start, end)
        return self.related_source(doc, a, b, message)

    @staticmethod
    def related_source(doc: Document, start: int, end: int, message: str = "") -> Related:
        end = max(end, start)
        line, col = doc.source.position(start)
        end_line, end_col = doc.source.position(end)
        return Related(line, col, end_line, end_col, message, start, end)

    def report_source(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str | None = None,
        *,
        suggestion: str | None = None,
        related: list[Related] | None = None,
        fix: Fix | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding at source offsets [start, end); ``related`` lists the problem's other places."""
        end = max(end, start)
        line, col = doc.source.position(start)
        end_line, end_col = doc.source.position(end)
        fields.setdefault("match", doc.text[start:end])
        template = self.message if message is None else message
        try:
            text = template.format(**fields)
        except (KeyError, IndexError, ValueError):
            text = template
        return Finding(
            path=doc.path, line=line, column=col, end_line=end_line, end_column=end_col,
            code=self.code, family=self.family, severity=self.severity, message=text,
            rule=self.name, suggestion=suggestion, start=start, end=end,
            excerpt=doc.text[start:end], related=list(related or ()), fix=fix,
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"


# Characters that could open markup in the format (or end an attribute value); replacement
# prose holding one is never inserted by a fix.
_MARKUP_CHARS = {"markdown": set("\\`*_[]<>&#|!~{}"), "html": set("<>&\"'"), "text": set("<>")}


def markup_free(fmt: str, content: str) -> bool:
    """Whether ``content`` can go into a file of format ``fmt`` as prose, as it is."""
    bad = _MARKUP_CHARS.get(fmt, _MARKUP_CHARS["markdown"])
    return not any(c in bad for c in content) and "\n" not in content and "\r" not in content


def make_fix(doc: Document, edits: list[tuple[int, int, str]], message: str = "",
             applicability: str = "safe") -> Fix:
    """A :class:`Fix` from (start, end, content) source edits, with their lines and columns."""
    if applicability not in APPLICABILITIES:
        raise ValueError(f"applicability must be one of {', '.join(APPLICABILITIES)}")
    out = []
    for start, end, content in sorted(edits):
        line, col = doc.source.position(start)
        end_line, end_col = doc.source.position(end)
        out.append(Edit(start, end, content, line, col, end_line, end_col))
    return Fix(out, applicability, message)


class RuleSet(Record):
    """The rules in force for one configuration, by code."""

    rules: dict[str, Rule]

    def __init__(self, rules: dict[str, Rule] | None = None) -> None:
        self.rules = {} if rules is None else rules

    def add(self, rule: Rule) -> None:
        if rule.code in self.rules and self.rules[rule.code].origin != rule.origin:
            raise RuleError(
                f"rule code {rule.code} is defined twice: {self.rules[rule.code].origin} and {rule.origin}")
        self.rules[rule.code] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code_or_name: str) -> Rule | None:
        if code_or_name.upper() in self.rules:
            return self.rules[code_or_name.upper()]
        return next((r for r in self.rules.values() if r.name == code_or_name), None)
