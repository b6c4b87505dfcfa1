"""Inline suppression comments, the same in Markdown, HTML and plain text:

    <!-- editlint-disable KS101,LL -->  ...  <!-- editlint-enable -->
    <!-- editlint-disable-next-line UC201 -->

Codes are required. A comment that suppresses nothing is itself reported (EL102).
"""

from __future__ import annotations

import bisect

import regex

from editlint import patternstore
from editlint.document import SourceText
from editlint.records import Record
from editlint.rule import Finding

_CODE_SEP = patternstore.compile(r"[\s,]+")
DIRECTIVE = patternstore.compile(r"<!--\s*editlint-(disable-next-line|disable|enable)\b(.*?)-->", regex.S)


class Directive(Record):
    """One suppression comment."""

    action: str                 # disable | enable | disable-next-line
    codes: list[str]
    start: int                  # source offsets of the comment
    end: int
    first_line: int             # lines it covers, inclusive
    last_line: int
    used: bool
    code_last: dict[str, int]   # codes re-enabled before last_line

    def __init__(self, action: str, codes: list[str], start: int, end: int, first_line: int = 0,
                 last_line: int = 0, used: bool = False, code_last: dict[str, int] | None = None) -> None:
        self.action = action
        self.codes = codes
        self.start = start
        self.end = end
        self.first_line = first_line
        self.last_line = last_line
        self.used = used
        self.code_last = {} if code_last is None else code_last

    def last_line_for(self, code: str) -> int:
        return self.code_last.get(code, self.last_line)


class Suppressions(Record):
    """A file's suppression comments, looked up by line."""

    directives: list[Directive]

    def __init__(self, directives: list[Directive] | None = None) -> None:
        self.directives = [] if directives is None else directives
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
        codes = [c for c in _CODE_SEP.split(m.group(2).strip()) if c]
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


_LIST_ITEM = patternstore.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def disable_line_edit(doc, line: int, code: str) -> tuple[int, int, str] | None:
    """A source edit (start, end, content) that suppresses ``code`` on 1-based ``line`` of
    ``doc`` with ``editlint-disable-next-line``, written so that the file's structure stays
    as it was; None where no comment can go without changing it.

    - a ``disable-next-line`` comment on the line above gets the code added;
    - YAML front matter: a YAML comment line holding the directive (``# <!-- … -->``);
    - HTML and plain text: a comment line above, indented as the line (not inside a tag,
      a ``<title>`` or a ``<textarea>``, where a comment would be text);
    - Markdown: a comment line above when a blank line (or nothing) is there and the line is
      not a list item, so no paragraph or list is cut in two; otherwise the comment goes at
      the end of the nearest prose line above (the directive covers the next non-blank line),
      never on a table row, code or a line ending in a hard break.
    """
    from editlint.parsers.base import split_front_matter

    src = doc.source
    if not 1 <= line <= src.line_count:
        return None
    start = src.line_start(line)
    text = src.text
    current = src.line_text(line)
    indent = current[:len(current) - len(current.lstrip(" \t"))]
    comment = f"<!-- editlint-disable-next-line {code} -->"

    if line > 1:        # extend a directive already there
        above = src.line_text(line - 1)
        m = DIRECTIVE.fullmatch(above.strip())
        if m and m.group(1) == "disable-next-line":
            codes = [c for c in _CODE_SEP.split(m.group(2).strip()) if c]
            if code in codes:
                return None
            a = src.line_start(line - 1) + above.index(m.group(0)[:4])
            return a, a + len(m.group(0)), f"<!-- editlint-disable-next-line {','.join(codes + [code])} -->"

    body_start = 0 if doc.format == "html" else split_front_matter(text)[1]
    if start < body_start:
        return (start, start, f"{indent}# {comment}\n") if line > 1 else None
    if doc.format == "html":
        before = text[:start]
        lowered = before.lower()
        if before.rfind("<") > before.rfind(">") and not before.endswith("<"):
            return None                          # the line starts inside a tag
        if not before.strip() and current.lstrip().lower().startswith(("<!doctype", "<?xml")):
            return None                          # nothing may come before a doctype
        for element in ("title", "textarea", "script", "style"):
            if lowered.rfind(f"<{element}") > lowered.rfind(f"</{element}"):
                return None
        return start, start, f"{indent}{comment}\n"
    if doc.format == "text":
        return start, start, f"{indent}{comment}\n"

    # Markdown
    previous = src.line_text(line - 1) if line - 1 >= 1 and src.line_start(line - 1) >= body_start else ""
    if not previous.strip() and not _LIST_ITEM.match(current):
        return start, start, f"{indent}{comment}\n"
    above = line - 1
    while above >= 1 and src.line_start(above) >= body_start and not src.line_text(above).strip():
        above -= 1
    if above < 1 or src.line_start(above) < body_start:
        return None if _LIST_ITEM.match(current) else (start, start, f"{indent}{comment}\n")
    prev = src.line_text(above).rstrip("\r")
    a = src.line_start(above)
    end = a + len(prev.rstrip())
    if prev.endswith(("  ", "\\")) or prev.strip().startswith("|") or prev.rstrip().endswith("|"):
        return None
    prose = {o for b in doc.blocks for o in b.starts if a <= o < end}
    if not prose:
        return None                              # code, a fence, a rule, a setext underline
    return end, end, f" {comment}"
