"""A self-contained HTML report for editors (``--format html -o report.html``).

One file, no scripts, no external assets (it can be mailed or attached to a ticket):

- a summary: findings per family (with a filter for each family and each severity, plain
  checkboxes that CSS reads, so no script is needed), per rule, an index of every finding,
  and the files that passed;
- each article with findings: a small chart of its findings by family and its readability
  figures (those of ``editlint stats``), then its text with every finding highlighted
  where it sits (``<mark>`` coloured by family, with ``data-code``, ``data-line``,
  ``data-family``, ``data-severity``) and explained in a note beside its line; the other
  places of a finding are marked too (``mark.related``) and listed in its note. An HTML
  article is shown as the text a reader reads, block by block (headings, paragraphs, list
  items, captions, alt text), not as its markup; Markdown and plain text as written;
- every rule that has a finding, explained (``editlint explain``'s text); each code links
  there.

The report is made of sections (:data:`SECTIONS`): another module may add one at the top
(``PREPEND``), such as a summary of an archive, without touching the rest.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from html import escape
from typing import Callable

from editlint.formatters import Context, counts
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
SEVERITIES = ("error", "warning", "info")

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #e3e3e3; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0; background: #fafaf7; }
header, section.article, section.summary, section.rules, section.prepended { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font: 14px/1.4 system-ui, sans-serif; }
th, td { text-align: left; padding: .2rem .8rem .2rem 0; border-bottom: 1px solid var(--rule); vertical-align: top; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em; }
.meta { color: var(--muted); font: 13px/1.4 system-ui, sans-serif; }
ol.index, ul.passed, ul.outside { font: 14px/1.5 system-ui, sans-serif; padding-left: 1.5rem; }
form.filters { font: 14px/1.5 system-ui, sans-serif; display: flex; gap: 2rem; flex-wrap: wrap; margin: .5rem 0; }
form.filters fieldset { border: 1px solid var(--rule); padding: .3rem .8rem; }
form.filters label { margin-right: 1rem; white-space: nowrap; }
.figures { display: flex; gap: 2rem; align-items: flex-start; flex-wrap: wrap; font: 13px/1.4 system-ui, sans-serif; }
.figures table { margin: 0; }
.source, .rendered { position: relative; overflow-wrap: anywhere; margin-right: 22rem;
          background: #fff; border: 1px solid var(--rule); padding: 1rem; font: 15px/1.6 Georgia, serif; }
.source { white-space: pre-wrap; }
.rendered .block { margin: 0 0 .6rem; white-space: pre-wrap; }
.rendered .block::before { content: attr(data-line); float: left; margin-left: -3.2rem; width: 2.6rem; text-align: right;
          color: var(--muted); font: 11px/2 system-ui, sans-serif; }
.rendered { padding-left: 3.5rem; }
.rendered .heading, .rendered .title { font-weight: bold; font-size: 1.1em; }
.rendered .list_item::before { content: attr(data-line) "  \\2022"; }
.rendered .alt, .rendered .caption { font-style: italic; color: var(--muted); }
.kind { color: var(--muted); font: 11px system-ui, sans-serif; text-transform: uppercase; margin-right: .4rem; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; scroll-margin-top: 4rem; }
mark:target, mark:hover { outline: 2px solid var(--ink); }
mark.related { background: transparent !important; outline: 2px dashed #999; outline-offset: -1px; }
mark.empty::before { content: "\\2691"; }
.note { float: right; clear: right; width: 20rem; margin-right: -22.5rem; white-space: normal; font-weight: normal;
        font-style: normal; font-size: 13px; font: 13px/1.35 system-ui, sans-serif; color: var(--ink); border-left: 4px solid;
        padding: .1rem .5rem; margin-bottom: .4rem; background: #fff; }
.note b { font-weight: 600; }
.note .sugg, .note .also { color: var(--muted); }
.rendered .note { margin-right: -22.5rem; }
.notes-only { font: 14px/1.4 system-ui, sans-serif; }
section.rules pre { white-space: pre-wrap; font: 13px/1.45 ui-monospace, monospace; background: #fff;
        border: 1px solid var(--rule); padding: .6rem .8rem; }
section.rules article { scroll-margin-top: 2rem; }
@media (max-width: 60rem) {
  .source, .rendered { margin-right: 0; }
  .note { float: none; display: block; width: auto; margin: .3rem 0; }
}
@media print { .note { break-inside: avoid; } form.filters { display: none; } }
"""


def colour(family: str) -> str:
    if family in FAMILY_COLOURS:
        return FAMILY_COLOURS[family]
    hue = int(hashlib.sha256(family.encode()).hexdigest()[:4], 16) % 360
    return f"hsl({hue} 80% 82%)"


def _anchor(file_no: int, n: int) -> str:
    return f"f{file_no}-{n}"


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# -- marks and notes ---------------------------------------------------------------
def _code_link(code: str, context: Context) -> str:
    if code in context.rules:
        return f'<a href="#rule-{escape(code)}"><b>{escape(code)}</b></a>'
    return f"<b>{escape(code)}</b>"


def _note(f: Finding, anchor: str, family_colour: str, context: Context | None = None) -> str:
    """The margin note of a finding: code, message, its explanation, its other places, the
    suggestion, and (last) where it is."""
    context = context or Context()
    explain = (f' <a class="explain" href="#rule-{escape(f.code)}">what {escape(f.code)} means</a>'
               if f.code in context.rules else "")
    also = ""
    if f.related:
        places = ", ".join(f'<a href="#{anchor}-r{i}">{r.line}:{r.column}</a>' for i, r in enumerate(f.related, 1))
        n = len(f.related)
        also = f' <span class="also" data-related="{n}">Also at {places} ({n} more place{"s" if n != 1 else ""}).</span>'
    sugg = f' <span class="sugg">Suggestion: {escape(f.suggestion)}</span>' if f.suggestion else ""
    return (f'<span class="note" style="border-color:{family_colour}" data-for="{anchor}" '
            f'data-family="{escape(f.family)}" data-severity="{escape(f.severity)}">'
            f'<a href="#{anchor}"><b>{escape(f.code)}</b></a> {escape(f.message)}{explain}{also}{sugg} '
            f'<span class="meta">[{escape(f.family)}, {escape(f.severity)}, line {f.line}]</span></span>')


def _mark_open(f: Finding, anchor: str, clipped: bool, related: bool = False, empty: bool = False,
               continued: bool = False) -> str:
    classes = " ".join(c for c in ("empty" if empty else "", "related" if related else "",
                                   "continued" if continued else "") if c)
    extra = ' data-clipped="1"' if clipped else ""
    if related:
        extra += f' data-related-of="{anchor.rsplit("-r", 1)[0]}"'
    ident = f' data-continues="{anchor}"' if continued else f' id="{anchor}"'
    return (f'<mark{ident} class="{classes}" style="background:{colour(f.family)}" '
            f'data-code="{escape(f.code)}" data-family="{escape(f.family)}" data-line="{f.line}" '
            f'data-column="{f.column}" data-severity="{escape(f.severity)}" '
            f'title="{escape(f.code)}: {escape(f.message)}"{extra}>')


class Span:
    """A stretch of the shown text to mark: a finding, or one of its related places."""

    __slots__ = ("start", "end", "finding", "anchor", "related", "continued")

    def __init__(self, start: int, end: int, finding: Finding, anchor: str, related: bool = False,
                 continued: bool = False):
        self.start, self.end, self.finding, self.anchor = start, end, finding, anchor
        self.related = related        # another place of the finding: marked, no note
        self.continued = continued    # the finding again, in a later block: marked, no note, no id


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


def render_marked(text: str, spans: list[Span], context: Context | None = None) -> str:
    """``text`` escaped, with a ``<mark>`` per span (and the note of each finding just
    before its mark). Marks nest when spans nest; a span that crosses the end of an
    enclosing one is cut there (``data-clipped``)."""
    events = sorted((s.start, -max(s.start, s.end), i) for i, s in enumerate(spans))
    out: list[str] = []
    pos = 0
    stack: list[int] = []          # end offsets of open marks
    for start, neg_end, i in events:
        s = spans[i]
        end = -neg_end
        while stack and stack[-1] <= start:
            out.append(escape(text[pos:stack[-1]]))
            pos = stack.pop()
            out.append("</mark>")
        out.append(escape(text[pos:start]))
        pos = start
        clipped = bool(stack) and end > stack[-1]
        if clipped:
            end = stack[-1]
        if not s.related and not s.continued:
            out.append(_note(s.finding, s.anchor, colour(s.finding.family), context))
        out.append(_mark_open(s.finding, s.anchor, clipped, s.related, empty=s.start == s.end,
                              continued=s.continued))
        stack.append(end)
    while stack:
        out.append(escape(text[pos:stack[-1]]))
        pos = stack.pop()
        out.append("</mark>")
    out.append(escape(text[pos:]))
    return "".join(out)


def _related_span(text: str, f: Finding, r, anchor: str) -> Span:
    fake = Finding(path=f.path, line=r.line, column=r.column, end_line=r.end_line, end_column=r.end_column,
                   code=f.code, family=f.family, severity=f.severity, message=f.message, rule=f.rule,
                   start=r.start, end=r.end, excerpt=text[r.start:r.end] if r.end <= len(text) else "")
    start, neg_end = _span(text, fake)
    return Span(start, -neg_end, f, anchor, related=True)


def render_source(text: str, findings: list[tuple[Finding, str]], context: Context | None = None) -> str:
    """The article as written (Markdown, plain text), escaped, with its findings marked."""
    spans = []
    for f, anchor in findings:
        start, neg_end = _span(text, f)
        spans.append(Span(start, -neg_end, f, anchor))
        spans += [_related_span(text, f, r, f"{anchor}-r{i}") for i, r in enumerate(f.related, 1)]
    return render_marked(text, spans, context)


def render_blocks(text: str, path: str, findings: list[tuple[Finding, str]],
                  context: Context | None = None) -> tuple[str, list[tuple[Finding, str]]] | None:
    """An HTML article as its reader sees it: each prose block (title, headings,
    paragraphs, list items, cells, captions, alt text) as text with the findings on it
    marked. Returns the HTML and the findings that sit on no block (a note about the file,
    a comment): they are listed apart. None when the article cannot be parsed."""
    from editlint.parsers import parse
    try:
        doc = parse(text, path, "html")
    except Exception:
        return None
    places: list[tuple[int, int, Finding, str, bool]] = []   # (source start, end, finding, anchor, related)
    for f, anchor in findings:
        places.append((f.start, f.end, f, anchor, False))
        places += [(r.start, r.end, f, f"{anchor}-r{i}", True) for i, r in enumerate(f.related, 1)]
    placed: set[int] = set()
    out = []
    for block in doc.blocks:
        if not block.text.strip():
            continue
        lo, hi = block.source_start, block.source_end
        spans = []
        for n, (a, b, f, anchor, related) in enumerate(places):
            if a >= hi or max(b, a + 1) <= lo:
                continue
            # the block characters whose source lies inside [a, b)
            inside = [i for i, (s, e) in enumerate(zip(block.starts, block.ends)) if s < max(b, a + 1) and e > a]
            if not inside:
                continue
            spans.append(Span(inside[0], inside[-1] + 1 if b > a else inside[0], f, anchor, related,
                              continued=n in placed))
            placed.add(n)
        line, _ = doc.source.position(block.source_start)
        kind = block.kind
        label = {"alt": "alt text", "caption": "caption", "table_cell": "cell"}.get(kind, "")
        head = f'<span class="kind">{label}</span>' if label else ""
        out.append(f'<div class="block {kind}" data-line="{line}">{head}{render_marked(block.text, spans, context)}</div>')
    loose = [(f, anchor) for n, (a, b, f, anchor, related) in enumerate(places)
             if not related and n not in placed]
    return "\n".join(out), loose


# -- figures -------------------------------------------------------------------------
def family_chart(found: list[Finding]) -> str:
    """A small bar chart (inline SVG) of an article's findings by family."""
    families = sorted(Counter(f.family for f in found).items(), key=lambda kv: (-kv[1], kv[0]))
    if not families:
        return ""
    top = max(n for _, n in families)
    bar, width, label_w = 16, 120, 130
    rows = []
    for i, (fam, n) in enumerate(families):
        y = i * (bar + 4)
        w = max(2, round(width * n / top))
        rows.append(f'<g data-family="{escape(fam)}"><text x="0" y="{y + 12}" font-size="11">{escape(fam)}</text>'
                    f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar}" fill="{colour(fam)}" data-count="{n}">'
                    f'<title>{escape(fam)}: {n}</title></rect>'
                    f'<text x="{label_w + w + 4}" y="{y + 12}" font-size="11">{n}</text></g>')
    height = len(families) * (bar + 4)
    return (f'<svg class="chart" role="img" aria-label="findings by family" width="{label_w + width + 30}" '
            f'height="{height}" viewBox="0 0 {label_w + width + 30} {height}" font-family="system-ui, sans-serif">'
            + "".join(rows) + "</svg>")


def readability_table(text: str, path: str, context: Context) -> str:
    """The article's readability figures (as ``editlint stats`` gives them)."""
    from editlint.parsers import format_for, parse
    from editlint.readability import document_stats

    def opt(code: str, name: str, default: int) -> int:
        rule = context.rules.get(code)
        return rule.options.get(name, default) if rule is not None else default

    try:
        doc = parse(text, path, format_for(path, text))
        stats = document_stats(doc, long_sentence=opt("RD102", "long_words", 20),
                               long_paragraph=opt("RD103", "max_words", 200), same_openings=opt("RD105", "min_run", 3))
    except Exception:
        return ""
    rows = [("words", f"{stats.words}"), ("sentences", f"{stats.sentences}"), ("paragraphs", f"{stats.paragraphs}"),
            ("Flesch reading ease", f"{stats.flesch_reading_ease:.1f}"), ("grade level", f"{stats.grade_level:.1f}"),
            ("words per sentence", f"{stats.words_per_sentence:.1f}"),
            ("long sentences", f"{stats.long_sentence_share:.0%}"), ("longest sentence", f"{stats.longest_sentence} words")]
    body = "".join(f'<tr data-figure="{escape(k)}"><th>{escape(k)}</th><td>{v}</td></tr>' for k, v in rows)
    return f'<table class="readability"><caption class="meta">Readability</caption>{body}</table>'


# -- sections ------------------------------------------------------------------------
class Report:
    """What the sections share: the findings by file and their anchors."""

    def __init__(self, findings: list[Finding], context: Context) -> None:
        self.findings = findings
        self.context = context
        self.by_file: dict[str, list[Finding]] = {}
        for f in findings:
            self.by_file.setdefault(f.path, []).append(f)
        self.anchors: dict[int, str] = {}
        for file_no, (path, found) in enumerate(self.by_file.items(), 1):
            for n, f in enumerate(found, 1):
                self.anchors[id(f)] = _anchor(file_no, n)
        self.families = sorted(Counter(f.family for f in findings).items(), key=lambda kv: (-kv[1], kv[0]))
        self.severities = Counter(f.severity for f in findings)


def head(report: Report) -> str:
    findings, context = report.findings, report.context
    c = counts(findings)
    title = "editlint report"
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<meta name=\"generator\" content=\"editlint {escape(context.version)}\">\n"
            f"<title>{title}</title>\n<style>{CSS}{filter_css(report)}</style>\n</head>\n<body>\n"
            f"<header><h1>{title}</h1><p class=\"meta\">{_plural(len(findings), 'finding')} ({c['error']} errors, "
            f"{c['warning']} warnings, {c['info']} info) in {len(report.by_file)} of {context.files} "
            f"file{'s' if context.files != 1 else ''}; editlint {escape(context.version)}</p></header>\n")


def filter_css(report: Report) -> str:
    """Unticking a family's or a severity's box hides its marks and notes: CSS ``:has()``
    reads the checkboxes, so the report needs no script."""
    rules = []
    for i, (fam, _) in enumerate(report.families):
        sel = f"[data-family={_css_string(fam)}]"
        rules.append(f"body:has(#show-family-{i}:not(:checked)) :is(mark{sel}) "
                     "{ background: transparent !important; outline: none; }")
        rules.append(f"body:has(#show-family-{i}:not(:checked)) :is(.note{sel}, ol.index li{sel}, "
                     f"ul.notes-only li{sel}, ul.outside li{sel}) {{ display: none; }}")
    for sev in SEVERITIES:
        sel = f'[data-severity="{sev}"]'
        rules.append(f"body:has(#show-severity-{sev}:not(:checked)) :is(mark{sel}) "
                     "{ background: transparent !important; outline: none; }")
        rules.append(f"body:has(#show-severity-{sev}:not(:checked)) :is(.note{sel}, ol.index li{sel}, "
                     f"ul.notes-only li{sel}, ul.outside li{sel}) {{ display: none; }}")
    return "\n" + "\n".join(rules) + "\n"


def summary(report: Report) -> str:
    findings, context, anchors = report.findings, report.context, report.anchors
    parts = ['<section class="summary" id="summary"><h2>Summary</h2>\n']
    if not findings:
        parts.append("<p>No findings.</p>\n")
    else:
        parts.append('<form class="filters" aria-label="filters"><fieldset><legend>Show families</legend>')
        for i, (fam, n) in enumerate(report.families):
            parts.append(f'<label><input type="checkbox" id="show-family-{i}" data-family="{escape(fam)}" checked> '
                         f'<span class="swatch" style="background:{colour(fam)}"></span>{escape(fam)} ({n})</label>')
        parts.append('</fieldset><fieldset><legend>Show severities</legend>')
        for sev in SEVERITIES:
            parts.append(f'<label><input type="checkbox" id="show-severity-{sev}" data-severity="{sev}" checked> '
                         f'{sev} ({report.severities.get(sev, 0)})</label>')
        parts.append("</fieldset></form>\n")
        parts.append("<table class=\"families\"><thead><tr><th>Family</th><th>Findings</th></tr></thead><tbody>\n")
        for fam, n in report.families:
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
            what = escape(rule.docs.summary) if rule is not None else ""
            explained = f' <a class="meta" href="#rule-{escape(code)}">(explained)</a>' if rule is not None else ""
            parts.append(f'<tr data-code="{escape(code)}"><td><a href="#{first[code]}">{escape(code)}</a> '
                         f'{escape(name)}{explained}</td><td>{escape(fam)}</td><td>{n}</td><td>{what}</td></tr>\n')
        parts.append("</tbody></table>\n<ol class=\"index\">\n")
        for f in findings:
            parts.append(f'<li data-family="{escape(f.family)}" data-severity="{escape(f.severity)}">'
                         f'<a href="#{anchors[id(f)]}">{escape(f.path)}:{f.line}:{f.column}</a> '
                         f'{_code_link(f.code, context)} {escape(f.message)} '
                         f'<span class="meta">[{escape(f.family)}]</span></li>\n')
        parts.append("</ol>\n")
    passed = [p for p in context.paths if p not in report.by_file]
    if passed:
        parts.append(f'<h3>Passed ({len(passed)})</h3>\n<ul class="passed">\n')
        parts.extend(f'<li data-path="{escape(p)}">{escape(p)} <span class="meta">no findings</span></li>\n'
                     for p in passed)
        parts.append("</ul>\n")
    parts.append("</section>\n")
    return "".join(parts)


def articles(report: Report) -> str:
    context, anchors = report.context, report.anchors
    parts = []
    for file_no, (path, found) in enumerate(report.by_file.items(), 1):
        parts.append(f'<section class="article" id="file-{file_no}" data-path="{escape(path)}">'
                     f'<h2>{escape(path)}</h2>\n<p class="meta">{_plural(len(found), "finding")}'
                     f' · <a href="#summary">back to the summary</a></p>\n')
        text = context.sources.get(path)
        figures = family_chart(found) + (readability_table(text, path, context) if text is not None else "")
        parts.append(f'<div class="figures">{figures}</div>\n')
        pairs = [(f, anchors[id(f)]) for f in found]
        from editlint.parsers import format_for
        rendered = None
        if text is not None and format_for(path, text) == "html":
            rendered = render_blocks(text, path, pairs, context)
        if text is None:
            parts.append(_notes_list("notes-only", pairs, context))
        elif rendered is not None:
            body, loose = rendered
            if loose:
                parts.append('<p class="meta">Not in the text (a note about the file, or markup):</p>\n'
                             + _notes_list("outside", loose, context))
            parts.append(f'<div class="rendered" data-format="html">{body}</div>\n')
        else:
            parts.append(f'<div class="source">{render_source(text, pairs, context)}</div>\n')
        parts.append("</section>\n")
    return "".join(parts)


def _notes_list(cls: str, pairs: list[tuple[Finding, str]], context: Context) -> str:
    items = "".join(f'<li id="{anchor}" data-code="{escape(f.code)}" data-line="{f.line}" '
                    f'data-family="{escape(f.family)}" data-severity="{escape(f.severity)}">'
                    f'line {f.line}: {_code_link(f.code, context)} {escape(f.message)} [{escape(f.family)}]</li>\n'
                    for f, anchor in pairs)
    return f'<ul class="{cls}">\n{items}</ul>\n'


def explanations(report: Report) -> str:
    """Every rule with a finding, explained as ``editlint explain`` does."""
    codes = sorted({f.code for f in report.findings if f.code in report.context.rules})
    if not codes:
        return ""
    from editlint.cli import explain_text
    parts = ['<section class="rules" id="rules"><h2>The rules</h2>\n']
    for code in codes:
        rule = report.context.rules[code]
        parts.append(f'<article id="rule-{escape(code)}" data-code="{escape(code)}"><h3>{escape(code)} '
                     f'{escape(rule.name)}</h3><pre>{escape(explain_text(rule))}</pre>'
                     f'<p class="meta"><a href="#summary">back to the summary</a></p></article>\n')
    parts.append("</section>\n")
    return "".join(parts)


# The report, top to bottom. PREPEND's sections come first, after the header (another module
# appends a function of (findings, context) -> HTML there).
PREPEND: list[Callable[[list[Finding], Context], str]] = []
SECTIONS: list[Callable[[Report], str]] = [summary, articles, explanations]

# Over an archive, the report opens with its health in figures and charts.
from editlint.formatters import archive as _archive  # noqa: E402  (it reads this module's Report)
PREPEND.append(_archive.html_section)


def render(findings: list[Finding], context: Context) -> str:
    report = Report(findings, context)
    parts = [head(report)]
    parts += [section(findings, context) for section in PREPEND]
    parts += [section(report) for section in SECTIONS]
    parts.append("</body>\n</html>\n")
    return "".join(parts)
