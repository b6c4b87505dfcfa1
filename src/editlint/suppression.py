"""Inline suppression comments, the same in Markdown, HTML and plain text:

    <!-- editlint-disable KS101,LL -->  ...  <!-- editlint-enable -->
    <!-- editlint-disable-next-line UC201 -->

Codes are required. A comment that suppresses nothing is itself reported (EL102).
"""

from __future__ import annotations

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


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def covers(self, finding: Finding, matches: callable) -> bool:
        hit = False
        for d in self.directives:
            if d.action == "enable" or not d.codes:
                continue
            if d.first_line <= finding.line <= d.last_line and any(matches(c, finding) for c in d.codes):
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
        else:  # enable: closes the matching disables (all of them when it names no code)
            for o in open_ranges:
                if o.last_line == last and (not d.codes or set(o.codes) <= set(d.codes)):
                    o.last_line = line
            open_ranges = [o for o in open_ranges if o.last_line == last]
    return Suppressions(found)
