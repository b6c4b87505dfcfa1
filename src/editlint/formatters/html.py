"""A self-contained HTML report for editors (``--format html -o report.html``).

Each article is shown as its source text, escaped, with every finding highlighted where it
sits (``<mark>`` coloured by family, with ``data-code``, ``data-line`` and ``data-family``)
and explained in a note in the margin. A summary at the top counts the findings per family
and per rule and links to each one. No scripts, no external assets: one file to mail or
attach to a ticket.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from html import escape

from editlint.formatters import Context, archive, counts
from editlint.rule import Finding

NAME = "html"

FAMILY_COLOURS = {
    "keyword-stuffing": "#ffd166",
    "link-spam": "#f4a3c0",
    "loaded-language": "#ff9f80",
    "unattributed-claim": "#a0c4ff",
    "readability": "#b9e4a8",
    "hygiene": "#d7c4f2",
    "engine": "#d9d9d9",
}

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #e3e3e3; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0; background: #fafaf7; }
header, section.article, section.summary { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--rule); }
table { border-collapse: collapse; margin: .5rem 0 1rem; font: 14px/1.4 system-ui, sans-serif; }
th, td { text-align: left; padding: .2rem .8rem .2rem 0; border-bottom: 1px solid var(--rule); vertical-align: top; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em; }
.meta { color: var(--muted); font: 13px/1.4 system-ui, sans-serif; }
ol.index { font: 14px/1.5 system-ui, sans-serif; padding-left: 1.5rem; }
.source { position: relative; white-space: pre-wrap; overflow-wrap: anywhere; margin-right: 22rem;
          background: #fff; border: 1px solid var(--rule); padding: 1rem; font: 15px/1.6 Georgia, serif; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; scroll-margin-top: 4rem; }
mark:target, mark:hover { outline: 2px solid var(--ink); }
mark.empty::before { content: "\\2691"; }
.note { float: right; clear: right; width: 20rem; margin-right: -22.5rem; white-space: normal;
        font: 13px/1.35 system-ui, sans-serif; border-left: 4px solid; padding: .1rem .5rem;
        margin-bottom: .4rem; background: #fff; }
.note b { font-weight: 600; }
.note .sugg { color: var(--muted); }
.notes-only { font: 14px/1.4 system-ui, sans-serif; }
@media (max-width: 60rem) {
  .source { margin-right: 0; }
  .note { float: none; display: block; width: auto; margin: .3rem 0; }
}
@media print { .note { break-inside: avoid; } }
"""


def colour(family: str) -> str:
    if family in FAMILY_COLOURS:
        return FAMILY_COLOURS[family]
    hue = int(hashlib.sha256(family.encode()).hexdigest()[:4], 16) % 360
    return f"hsl({hue} 80% 82%)"


def _anchor(file_no: int, n: int) -> str:
    return f"f{file_no}-{n}"


def _note(f: Finding, anchor: str, family_colour: str) -> str:
    sugg = f' <span class="sugg">Suggestion: {escape(f.suggestion)}</span>' if f.suggestion else ""
    return (f'<span class="note" style="border-color:{family_colour}" data-for="{anchor}">'
            f'<a href="#{anchor}"><b>{escape(f.code)}</b></a> {escape(f.message)} '
            f'<span class="meta">[{escape(f.family)}, {escape(f.severity)}, line {f.line}]</span>{sugg}</span>')


def _mark_open(f: Finding, anchor: str, clipped: bool) -> str:
    cls = "empty" if f.start == f.end else ""
    extra = ' data-clipped="1"' if clipped else ""
    return (f'<mark id="{anchor}" class="{cls}" style="background:{colour(f.family)}" '
            f'data-code="{escape(f.code)}" data-family="{escape(f.family)}" data-line="{f.line}" '
            f'data-column="{f.column}" title="{escape(f.code)}: {escape(f.message)}"{extra}>')


def _span(text: str, f: Finding) -> tuple[int, int]:
    """(start, -end) of ``f`` in ``text``: its source offsets, or, should they not point at
    its excerpt, the offsets its line and column give."""
    start, end = max(0, min(f.start, len(text))), max(0, min(f.end, len(text)))
    if text[start:end] != f.excerpt:
        lines = text.split("\n")
        def offset(line: int, col: int) -> int:
            line = max(1, min(line, len(lines)))
            return min(sum(len(x) + 1 for x in lines[:line - 1]) + col - 1, len(text))
        start, end = offset(f.line, f.column), offset(f.end_line, f.end_column)
    return start, -max(start, end)


def render_source(text: str, findings: list[tuple[Finding, str]]) -> str:
    """``text`` escaped, with a ``<mark>`` per finding. Marks nest when findings nest; a
    finding that crosses the end of an enclosing one is cut there (``data-clipped``)."""
    events = sorted((*_span(text, f), i) for i, (f, _) in enumerate(findings))
    out: list[str] = []
    pos = 0
    stack: list[int] = []          # end offsets of open marks
    for start, neg_end, i in events:
        f, anchor = findings[i]
        end = -neg_end
        # close the marks that end before this one starts
        while stack and stack[-1] <= start:
            out.append(escape(text[pos:stack[-1]]))
            pos = stack.pop()
            out.append("</mark>")
        out.append(escape(text[pos:start]))
        pos = start
        clipped = bool(stack) and end > stack[-1]
        if clipped:
            end = stack[-1]
        out.append(_note(f, anchor, colour(f.family)))
        out.append(_mark_open(f, anchor, clipped))
        stack.append(end)
    while stack:
        out.append(escape(text[pos:stack[-1]]))
        pos = stack.pop()
        out.append("</mark>")
    out.append(escape(text[pos:]))
    return "".join(out)


def render(findings: list[Finding], context: Context) -> str:
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    anchors: dict[int, str] = {}
    for file_no, (path, found) in enumerate(by_file.items(), 1):
        for n, f in enumerate(found, 1):
            anchors[id(f)] = _anchor(file_no, n)

    c = counts(findings)
    title = "editlint report"
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             f"<meta name=\"generator\" content=\"editlint {escape(context.version)}\">\n"
             f"<title>{title}</title>\n<style>{CSS}{archive.CSS}</style>\n</head>\n<body>\n"]
    parts.append(f"<header><h1>{title}</h1><p class=\"meta\">{len(findings)} finding"
                 f"{'s' if len(findings) != 1 else ''} ({c['error']} errors, {c['warning']} warnings, "
                 f"{c['info']} info) in {len(by_file)} of {context.files} "
                 f"file{'s' if context.files != 1 else ''}; editlint {escape(context.version)}</p></header>\n")
    if archive.applies(context):     # over an archive, the report opens with its health in figures
        sections = {path: f"file-{n}" for n, path in enumerate(by_file, 1)}
        parts.append(archive.render_summary(archive.figures(findings, context.articles), colour, sections.get))

    # -- summary: per family, per rule, and an index of every finding -------------
    parts.append('<section class="summary" id="summary"><h2>Summary</h2>\n')
    if not findings:
        parts.append("<p>No findings.</p>\n")
    else:
        families = Counter(f.family for f in findings)
        parts.append("<table class=\"families\"><thead><tr><th>Family</th><th>Findings</th></tr></thead><tbody>\n")
        for fam, n in sorted(families.items(), key=lambda kv: (-kv[1], kv[0])):
            parts.append(f'<tr data-family="{escape(fam)}"><td><span class="swatch" '
                         f'style="background:{colour(fam)}"></span>{escape(fam)}</td><td>{n}</td></tr>\n')
        parts.append("</tbody></table>\n")
        rules = Counter((f.family, f.code, f.rule) for f in findings)
        first: dict[str, str] = {}
        for f in findings:
            first.setdefault(f.code, anchors[id(f)])
        parts.append("<table class=\"rules\"><thead><tr><th>Rule</th><th>Family</th><th>Findings</th>"
                     "<th>What it catches</th></tr></thead><tbody>\n")
        for (fam, code, name), n in sorted(rules.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            rule = context.rules.get(code)
            summary = escape(rule.docs.summary) if rule is not None else ""
            parts.append(f'<tr data-code="{escape(code)}"><td><a href="#{first[code]}">{escape(code)}</a> '
                         f'{escape(name)}</td><td>{escape(fam)}</td><td>{n}</td><td>{summary}</td></tr>\n')
        parts.append("</tbody></table>\n<ol class=\"index\">\n")
        for f in findings:
            parts.append(f'<li><a href="#{anchors[id(f)]}">{escape(f.path)}:{f.line}:{f.column}</a> '
                         f'{escape(f.code)} {escape(f.message)} <span class="meta">[{escape(f.family)}]</span></li>\n')
        parts.append("</ol>\n")
    parts.append("</section>\n")

    # -- each article, with its findings in place ------------------------------------
    for file_no, (path, found) in enumerate(by_file.items(), 1):
        parts.append(f'<section class="article" id="file-{file_no}" data-path="{escape(path)}">'
                     f'<h2>{escape(path)}</h2>\n<p class="meta">{len(found)} finding'
                     f'{"s" if len(found) != 1 else ""} · <a href="#summary">back to the summary</a></p>\n')
        text = context.sources.get(path)
        if text is None:
            parts.append('<ul class="notes-only">\n')
            for f in found:
                parts.append(f'<li id="{anchors[id(f)]}" data-code="{escape(f.code)}" data-line="{f.line}">'
                             f'line {f.line}: <b>{escape(f.code)}</b> {escape(f.message)} '
                             f'[{escape(f.family)}]</li>\n')
            parts.append("</ul>\n")
        else:
            body = render_source(text, [(f, anchors[id(f)]) for f in found])
            parts.append(f'<div class="source">{body}</div>\n')
        parts.append("</section>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)
