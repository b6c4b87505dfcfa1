"""Inline suppression comments, the same in Markdown, HTML and plain text:

    <!-- editlint-disable KS101,LL -->  ...  <!-- editlint-enable -->
    <!-- editlint-disable-next-line UC201 -->

Codes are required. A comment that suppresses nothing is itself reported (EL102).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from editlint.document import SourceText
from editlint.rule import Finding

DIRECTIVE = regex.compile(r"<!--\s*editlint-(disable-next-line|disable|enable)\b(.*?)-->", regex.S)


@dataclass
class Directive:
    action: str                 # disable | enable | disable-next-line
    codes: list[str]
    start: int                  # source offsets of the comment
    end: int
    first_line: int = 0         # lines it covers, inclusive
    last_line: int = 0
    used: bool = False
    code_last: dict[str, int] = field(default_factory=dict)   # codes re-enabled before last_line

    def last_line_for(self, code: str) -> int:
        return self.code_last.get(code, self.last_line)


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Looked up by line, so that a file with thousands of comments costs no more per
        # finding than one with a few: next-line comments by the line they cover, ranges
        # in order of their first line, with the furthest line any earlier range reaches.
        self._next_line: dict[int, list[Directive]] = {}
        self._ranges: list[Directive] = []
        for d in self.directives:
            if d.action == "enable" or not d.codes:
                continue
            if d.action == "disable-next-line":
                self._next_line.setdefault(d.first_line, []).append(d)
            else:
                self._ranges.append(d)
        self._ranges.sort(key=lambda d: d.first_line)
        self._range_firsts = [d.first_line for d in self._ranges]
        self._reach: list[int] = []
        furthest = 0
        for d in self._ranges:
            furthest = max(furthest, d.last_line, *d.code_last.values())
            self._reach.append(furthest)

    def _candidates(self, line: int) -> list[Directive]:
        found = list(self._next_line.get(line, ()))
        k = bisect.bisect_right(self._range_firsts, line) - 1
        while k >= 0 and self._reach[k] >= line:
            found.append(self._ranges[k])
            k -= 1
        return found

    def covers(self, finding: Finding, matches: callable) -> bool:
        hit = False
        for d in self._candidates(finding.line):
            if any(d.first_line <= finding.line <= d.last_line_for(c) and matches(c, finding) for c in d.codes):
                d.used = True
                hit = True
        return hit


def parse_directives(source: SourceText) -> Suppressions:
    text = source.text
    found: list[Directive] = []
    for m in DIRECTIVE.finditer(text):
        codes = [c for c in regex.split(r"[\s,]+", m.group(2).strip()) if c]
        found.append(Directive(m.group(1), codes, m.start(), m.end()))
    last = source.line_count
    open_ranges: list[Directive] = []
    for d in found:
        line, _ = source.position(d.start)
        end_line, _ = source.position(d.end)
        if d.action == "disable-next-line":
            nxt = end_line + 1
            while nxt < last and not source.line_text(nxt).strip():
                nxt += 1
            d.first_line = d.last_line = nxt
        elif d.action == "disable":
            d.first_line, d.last_line = line, last
            open_ranges.append(d)
        else:  # enable: ends the named codes' ranges (every range when it names no code)
            named = {c.upper() for c in d.codes}
            for o in open_ranges:
                for c in o.codes:
                    if c not in o.code_last and (not named or c.upper() in named):
                        o.code_last[c] = line
                if len(o.code_last) == len(o.codes):
                    o.last_line = line
            open_ranges = [o for o in open_ranges if o.last_line == last]
    return Suppressions(found)
