"""Kinds that match words and patterns in prose: existence, substitution, occurrence.

They follow Vale's kinds of the same names. Literal ``tokens`` are matched as whole words
through one ``regex`` named list (``\\L<tokens>``), so a pack of thousands of phrases is a
single pass over the text; ``patterns`` are regular expressions, stopped when they run
away (see ``REGEX_TIMEOUT``).
"""

from __future__ import annotations

from typing import Iterator

import regex

from editlint.document import Block, Document
from editlint.kinds import base
from editlint.kinds.base import SCOPE_OPTION, Kind, compile_pattern
from editlint.rule import Finding, Option, RuleError

_WORD_START = r"(?<![\p{L}\p{N}_])"
_WORD_END = r"(?![\p{L}\p{N}_])"


class PatternKind(Kind):
    """Shared machinery: a list of tokens and patterns, exceptions, scope, quotation handling."""

    OPTIONS = {
        "tokens": Option([], "Words or phrases to match, literally, as whole words.", type=list),
        "patterns": Option([], "Regular expressions to match (the `regex` module's syntax).", type=list),
        "ignorecase": Option(False, "Match without regard to case."),
        "nonword": Option(False, "Do not require word boundaries around tokens and patterns."),
        "exceptions": Option([], "Phrases that are never reported, even when a token or pattern matches inside them.", type=list),
        "scope": SCOPE_OPTION,
        "skip_quotes": Option(False, "Ignore matches inside quotation marks (quoted speech, titles of works)."),
    }

    def terms(self) -> list[str]:
        return [str(t) for t in self.options["tokens"]]

    def prepare(self) -> None:
        opts = self.options
        terms = self.terms()
        if not terms and not opts["patterns"]:
            raise RuleError(f"kind '{self.KIND}' needs 'tokens' or 'patterns'")
        start, end = ("", "") if opts["nonword"] else (_WORD_START, _WORD_END)
        alternatives = []
        if terms:
            alternatives.append(r"\L<terms>")
        alternatives += [f"(?:{p})" for p in opts["patterns"]]
        for p in opts["patterns"] if not base.compiling_builtin() else ():
            compile_pattern(str(p), opts["ignorecase"])   # each on its own first, so an error names it
        lists = {"terms": [t for t in terms if t] or ["\x00"]} if terms else {}
        self.pattern = compile_pattern(f"{start}(?:{'|'.join(alternatives)}){end}", opts["ignorecase"], screen=True,
                                       **lists)
        exc = [str(e) for e in opts["exceptions"]]
        self.exceptions = (
            compile_pattern(rf"{_WORD_START}\L<exc>{_WORD_END}", opts["ignorecase"], exc=exc) if exc else None
        )

    def matches(self, doc: Document) -> Iterator[tuple[Block, regex.Match]]:
        for block in self.scoped_blocks(doc):
            text = block.text
            excepted: list[tuple[int, int]] | None = None   # found once there is a match
            for m in base.finditer(self.pattern, text):
                if m.end() == m.start():
                    continue
                if excepted is None:
                    excepted = [e.span() for e in base.finditer(self.exceptions, text)] if self.exceptions else []
                if any(a <= m.start() and m.end() <= b for a, b in excepted):
                    continue
                if self.options["skip_quotes"] and block.in_quotes(m.start(), m.end()):
                    continue
                yield block, m


class Existence(PatternKind):
    """Report every occurrence of a token or pattern."""

    KIND = "existence"

    def check(self, doc: Document) -> Iterator[Finding]:
        for block, m in self.matches(doc):
            yield self.report(doc, block, m.start(), m.end())


class Substitution(PatternKind):
    """Report a phrase and suggest its replacement (``swap: {phrase: replacement}``)."""

    KIND = "substitution"
    OPTIONS = {
        **{k: v for k, v in PatternKind.OPTIONS.items() if k not in ("tokens", "patterns")},
        "swap": Option({}, "Phrase to replacement. Keys are literal phrases; the message may use {match} and "
                       "{replacement}. A single replacement is a safe fix (`editlint check --fix`); a list of "
                       "several is offered as the suggestion only.", type=dict),
        "tokens": Option([], "(not used by substitution: give `swap`)", type=list, check=lambda v: not v),
        "patterns": Option([], "(not used by substitution: give `swap`)", type=list, check=lambda v: not v),
    }

    def terms(self) -> list[str]:
        if not self.options["swap"]:
            raise RuleError("kind 'substitution' needs 'swap'")
        return [str(k) for k in self.options["swap"]]

    def prepare(self) -> None:
        super().prepare()
        fold = str.casefold if self.options["ignorecase"] else (lambda s: s)
        self._swap = {fold(str(k)): [str(x) for x in v] if isinstance(v, list) else [str(v)]
                      for k, v in self.options["swap"].items()}
        self._fold = fold

    def check(self, doc: Document) -> Iterator[Finding]:
        for block, m in self.matches(doc):
            choices = [c for c in self._swap.get(self._fold(m.group()), []) if c]
            replacement = " or ".join(choices)
            fix = None
            if len(choices) == 1:     # one replacement: --fix may make the swap
                content = match_case(m.group(), choices[0])
                fix = self.fix_replace(doc, block, m.start(), m.end(), content, f"replace '{m.group()}' with '{content}'")
            yield self.report(doc, block, m.start(), m.end(), replacement=replacement,
                              suggestion=replacement or None, fix=fix)


def match_case(found: str, replacement: str) -> str:
    """``replacement`` in the case of the text it replaces: "Widget" -> "Gadget",
    "WIDGET" -> "GADGET"; otherwise as written in the rule."""
    if len(found) > 1 and found.isupper() and not replacement.isupper():
        return replacement.upper()
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Occurrence(PatternKind):
    """Report when a token or pattern occurs more than ``max`` (or fewer than ``min``) times
    in a scope: the document, each block, or each sentence."""

    KIND = "occurrence"
    OPTIONS = {
        **PatternKind.OPTIONS,
        "max": Option(-1, "Most occurrences allowed per unit (-1: no limit). Every occurrence past it is reported."),
        "min": Option(-1, "Fewest occurrences required per unit (-1: no minimum)."),
        "per": Option("document", "Unit counted: document, block or sentence.",
                      check=lambda v: v in ("document", "block", "sentence")),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        per = self.options["per"]
        units: dict[object, list[tuple[Block, regex.Match]]] = {}
        for block, m in self.matches(doc):
            if per == "document":
                key: object = 0
            elif per == "block":
                key = block.index
            else:
                key = (block.index, next((s.start for s in block.sentences if s.start <= m.start() < s.end), 0))
            units.setdefault(key, []).append((block, m))
        most, least = self.options["max"], self.options["min"]
        for hits in units.values():
            if most >= 0 and len(hits) > most:
                for block, m in hits[most:]:
                    yield self.report(doc, block, m.start(), m.end(), count=len(hits), max=most)
        if least >= 0 and per == "document":
            count = len(units.get(0, []))
            if count < least and doc.blocks:
                first = doc.blocks[0]
                yield self.report(doc, first, 0, len(first.text), count=count, min=least)
