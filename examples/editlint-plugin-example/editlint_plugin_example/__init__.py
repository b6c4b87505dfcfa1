"""An example editlint plugin: two house-style rules written in Python.

editlint finds this module through the ``editlint`` entry point declared in
``pyproject.toml`` and calls :func:`register_rules`, the same hook editlint's own rules
go through. Each rule is an :class:`editlint.rule.Rule` subclass that carries its own
documentation, options and examples, so ``editlint explain XP101`` and editlint's test of
every rule's examples work for it exactly as they do for a built-in rule.

The codes use the prefix ``XP`` and the family ``house-style``: the prefixes KS, LS, LL,
UC, RD, HY and EL belong to editlint's own families.
"""

from __future__ import annotations

import calendar
from typing import Iterator

import regex

from editlint import hookimpl
from editlint.document import BLOCK_KINDS, Document
from editlint.rule import Docs, Example, Finding, Option, Rule

__all__ = ["AmbiguousNumericDate", "HeadlineExclamation", "register_rules"]

FAMILY = "house-style"
ORDERS = ("dmy", "mdy")


def _year(text: str) -> str:
    return text if len(text) == 4 else f"'{text}"


def _written(day: int, month: int, year: str, order: str) -> str:
    name = calendar.month_name[month]
    return f"{day} {name} {_year(year)}" if order == "dmy" else f"{name} {day}, {_year(year)}"


class AmbiguousNumericDate(Rule):
    """XP101: a date written all in numbers whose day and month can be swapped."""

    OPTIONS = {
        "order": Option("dmy", "How the house style writes a date in words, used for the suggestion: "
                               "'dmy' (3 April 2025) or 'mdy' (April 3, 2025).",
                        check=lambda v: v in ORDERS),
        "assume": Option("dmy", "How to read an ambiguous numeric date when suggesting a fix: "
                                "'dmy' (03/04 is 3 April) or 'mdy' (03/04 is March 4).",
                         check=lambda v: v in ORDERS),
        "ambiguous_only": Option(True, "Report only dates whose first two numbers could both be the month "
                                       "(03/04/2025); when false, report every all-numeric date (25/12/2025)."),
        "separators": Option(["/", "-"], "Characters that separate day, month and year. Add '.' for the "
                                         "03.04.2025 style (it also matches some version numbers).", type=list,
                             check=lambda v: all(isinstance(s, str) and len(s) == 1 for s in v)),
        "scope": Option(list(BLOCK_KINDS), "Block kinds the rule reads.", type=list,
                        check=lambda v: all(s in BLOCK_KINDS for s in v)),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("code", "XP101")
        kwargs.setdefault("name", "ambiguous-numeric-date")
        kwargs.setdefault("family", FAMILY)
        kwargs.setdefault("severity", "warning")
        kwargs.setdefault("message", "Ambiguous date '{match}': it reads as {first} or as {second}; "
                                     "write the month as a word.")
        kwargs.setdefault("docs", Docs(
            summary="A date written all in numbers, such as 03/04/2025.",
            what="Reports dates written as three numbers (day, month and year in some order) where both "
                 "of the first two numbers could be the month, so 03/04/2025 is 3 April in London and "
                 "March 4 in New York. ISO dates (2025-04-03) and dates with a written month are not reported.",
            why="Readers on either side of the Atlantic read the same digits as different days. A wrong "
                "date in a court listing, a deadline or an event notice sends people to the wrong place, "
                "and a correction costs more than the word would have.",
            example="The hearing is set for 03/04/2025.",
            fix="Write the month as a word: '3 April 2025' (or 'April 3, 2025' in American style). "
                "Set `order` to the house style and `assume` to how your writers mean the numbers.",
        ))
        kwargs.setdefault("flags", [
            Example("The hearing is set for 03/04/2025.\n"),
            Example("Applications close on 6-7-25.\n"),
            Example("<p>Doors open on 11/12/2024 at 7pm.</p>\n", "html"),
        ])
        kwargs.setdefault("passes", [
            Example("The hearing is set for 3 April 2025.\n"),
            Example("The file was created on 2025-04-03.\n"),
            Example("The festival runs from 25/12/2025 to the new year.\n"),
            Example("Scores were level at 2-2 after extra time.\n"),
            Example("Half the class (1/2) passed.\n"),
        ])
        super().__init__(**kwargs)

    def prepare(self) -> None:
        seps = "".join(regex.escape(s) for s in self.options["separators"]) or "/"
        self.pattern = regex.compile(
            rf"(?<![\p{{L}}\p{{N}}{seps}.])(\d{{1,2}})([{seps}])(\d{{1,2}})\2(\d{{4}}|\d{{2}})"
            rf"(?![\p{{L}}\p{{N}}]|[{seps}.,]\d)"
        )
        self.scope = set(self.options["scope"])

    def check(self, doc: Document) -> Iterator[Finding]:
        order, assume = self.options["order"], self.options["assume"]
        for block in doc.blocks:
            if block.kind not in self.scope or not any(c.isdigit() for c in block.text):
                continue
            for m in self.pattern.finditer(block.text):
                a, b, year = int(m.group(1)), int(m.group(3)), m.group(4)
                if not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12):
                    continue                        # not a date at all
                ambiguous = a <= 12 and b <= 12 and a != b
                if self.options["ambiguous_only"] and not ambiguous:
                    continue
                if ambiguous:
                    day, month = (a, b) if assume == "dmy" else (b, a)
                    first, second = _written(a, b, year, "dmy"), _written(b, a, year, "dmy")
                    suggestion = _written(day, month, year, order)
                else:
                    day, month = (a, b) if b <= 12 else (b, a)
                    first = second = suggestion = _written(day, month, year, order)
                yield self.report(doc, block, m.start(), m.end(), suggestion=suggestion,
                                  first=first, second=second)


class HeadlineExclamation(Rule):
    """XP102: an exclamation mark in a headline or heading."""

    OPTIONS = {
        "scope": Option(["title", "heading"], "Block kinds the rule reads.", type=list,
                        check=lambda v: all(s in BLOCK_KINDS for s in v)),
        "skip_quotes": Option(True, "Ignore exclamation marks inside quotation marks (a quoted cry, "
                                    "the title of a show)."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("code", "XP102")
        kwargs.setdefault("name", "headline-exclamation")
        kwargs.setdefault("family", FAMILY)
        kwargs.setdefault("severity", "warning")
        kwargs.setdefault("message", "Exclamation mark in a headline; let the news speak for itself.")
        kwargs.setdefault("docs", Docs(
            summary="An exclamation mark in a headline or heading.",
            what="Reports '!' in the article's title and headings, outside quotation marks.",
            why="An exclamation mark in a headline reads as a tabloid or a sales pitch and lowers trust "
                "in the report under it; most house styles ban it outside quoted speech.",
            example="# Council approves new bridge!",
            fix="Drop the mark, and let a precise verb carry the news: 'Council approves new bridge'.",
        ))
        kwargs.setdefault("flags", [
            Example("# Council approves new bridge!\n\nThe vote was unanimous.\n"),
            Example("---\ntitle: Record crowds at the harbour festival!\n---\nBody text.\n"),
        ])
        kwargs.setdefault("passes", [
            Example("# Council approves new bridge\n\nWhat a day! said one resident.\n"),
            Example('# "Bravo!": critics cheer revival of a forgotten opera\n\nThe run opens in May.\n'),
        ])
        super().__init__(**kwargs)

    def prepare(self) -> None:
        self.scope = set(self.options["scope"])

    def check(self, doc: Document) -> Iterator[Finding]:
        if "title" in self.scope:
            yield from self.check_front_matter(doc)
        for block in doc.blocks:
            if block.kind not in self.scope:
                continue
            start = block.text.find("!")
            while start != -1:
                end = start + 1
                while end < len(block.text) and block.text[end] in "!?":
                    end += 1
                if not (self.options["skip_quotes"] and block.in_quotes(start, end)):
                    yield self.report(doc, block, start, end)
                start = block.text.find("!", end)


    def check_front_matter(self, doc: Document) -> Iterator[Finding]:
        """The ``title:`` in YAML front matter is not prose in a block, so find it in the
        source: the first ``title:`` line between the opening ``---`` and the closing one."""
        title = doc.front_matter.get("title")
        if not isinstance(title, str) or "!" not in title or not doc.text.startswith("---"):
            return
        close = doc.text.find("\n---", 3)
        line = _TITLE_LINE.search(doc.text, 0, close if close != -1 else len(doc.text))
        if line is None:
            return
        bang = doc.text.find("!", line.start(1), line.end(1))
        if bang != -1:
            yield self.report_source(doc, bang, bang + 1)


_TITLE_LINE = regex.compile(r"(?m)^title:[ \t]*(.*)$")


@hookimpl
def register_rules(register):
    register(AmbiguousNumericDate())
    register(HeadlineExclamation())
