"""The archive summary: how healthy a whole archive is, in figures an editor-in-chief reads
in a minute.

:func:`figures` computes, from the findings and the per-article
:class:`~editlint.articles.ArticleInfo` of a run (``Context.articles``):

- the totals (articles, words, findings, findings per 1,000 words, articles with a
  warning or an error);
- findings per family per 1,000 words, over the whole archive, by section and by month
  (from front matter ``section``/``category``/``categories`` and ``date``, or an export's
  ``section`` and ``date``; articles without one are grouped as ``(none)``/``(undated)``);
- the worst articles: the most findings of severity warning or error (``info``, the
  readability notes, are left out of this ranking), then the highest rate;
- the most frequent rules, with how many articles each touches.

``editlint stats --archive --format json`` prints these figures; ``--format html`` opens
with :func:`render_summary`: the same figures as inline SVG charts (no scripts, no network)
with links down to each article's findings. The chart code is small on purpose: bars and
labels, nothing a browser could fetch.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from html import escape
from typing import Callable

from editlint.articles import ArticleInfo
from editlint.rule import FAMILIES, Finding

NO_SECTION = "(none)"
UNDATED = "(undated)"
WORST = 10
TOP_RULES = 10
MAX_SECTIONS = 20            # the rest are drawn as one bar
SERIOUS = ("warning", "error")


def _rate(n: float, words: int) -> float:
    return round(1000 * n / words, 3) if words else 0.0


def _families(findings: list[Finding]) -> list[str]:
    """The families present, in the contract's order, then any house families by name."""
    present = {f.family for f in findings}
    known = [f for f in FAMILIES if f in present]
    return known + sorted(present - set(FAMILIES))


def applies(context) -> bool:
    """The summary is for an archive: a run over two articles or more."""
    return len(getattr(context, "articles", {}) or {}) >= 2


def figures(findings: list[Finding], articles: dict[str, ArticleInfo]) -> dict:
    families = _families(findings)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.path].append(f)
    words = sum(a.words for a in articles.values())

    def group(rows: dict[str, list[str]]) -> list[dict]:
        out = []
        for name, paths in rows.items():
            n_words = sum(articles[p].words for p in paths)
            found = [f for p in paths for f in by_path.get(p, ())]
            per_family = Counter(f.family for f in found)
            out.append({
                "name": name, "articles": len(paths), "words": n_words, "findings": len(found),
                "per_1000_words": _rate(len(found), n_words),
                "families": {fam: {"findings": per_family[fam], "per_1000_words": _rate(per_family[fam], n_words)}
                             for fam in families if per_family[fam]},
            })
        return out

    sections: dict[str, list[str]] = defaultdict(list)
    months: dict[str, list[str]] = defaultdict(list)
    for path, info in articles.items():
        sections[info.section or NO_SECTION].append(path)
        months[info.month or UNDATED].append(path)
    by_section = sorted(group(sections), key=lambda r: (r["name"] == NO_SECTION, -r["per_1000_words"], r["name"]))
    by_month = sorted(group(months), key=lambda r: (r["name"] == UNDATED, r["name"]))

    family_counts = Counter(f.family for f in findings)
    family_articles = {fam: len({f.path for f in findings if f.family == fam}) for fam in families}
    ranked = []
    for path, info in articles.items():
        found = by_path.get(path, [])
        serious = sum(f.severity in SERIOUS for f in found)
        if serious:
            ranked.append((-serious, -_rate(serious, info.words), path))
    worst = []
    for _, _, path in sorted(ranked)[:WORST]:
        info, found = articles[path], by_path[path]
        serious = sum(f.severity in SERIOUS for f in found)
        worst.append({"path": path, "title": info.title, "section": info.section, "date": info.date,
                      "url": info.url, "words": info.words, "findings": len(found), "warnings_and_errors": serious,
                      "per_1000_words": _rate(serious, info.words),
                      "families": dict(sorted(Counter(f.family for f in found).items()))})
    rules = Counter((f.code, f.rule, f.family) for f in findings)
    rule_articles: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        rule_articles[f.code].add(f.path)
    top = [{"code": code, "rule": name, "family": fam, "findings": n, "articles": len(rule_articles[code]),
            "first_article": min(rule_articles[code])}
           for (code, name, fam), n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0][0]))[:TOP_RULES]]
    with_serious = len({f.path for f in findings if f.severity in SERIOUS and f.path in articles})
    return {
        "articles": len(articles),
        "words": words,
        "findings": len(findings),
        "per_1000_words": _rate(len(findings), words),
        "articles_with_warnings": with_serious,
        "families": [{"family": fam, "findings": family_counts[fam], "per_1000_words": _rate(family_counts[fam], words),
                      "articles": family_articles[fam]} for fam in families],
        "by_section": by_section,
        "by_month": by_month,
        "worst_articles": worst,
        "top_rules": top,
    }


# -- drawing --------------------------------------------------------------------
CSS = """
section.archive-summary { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; font: 15px/1.45 system-ui, sans-serif; }
.archive-summary .lead { font: 18px/1.5 Georgia, serif; }
.archive-summary .cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: .8rem 0; }
.archive-summary .card { background: #fff; border: 1px solid #e3e3e3; padding: .5rem .9rem; min-width: 9rem; }
.archive-summary .card b { display: block; font-size: 1.4rem; }
.archive-summary .legend span { margin-right: 1rem; white-space: nowrap; }
.archive-summary svg { display: block; max-width: 100%; height: auto; margin: .3rem 0 1rem; }
.archive-summary svg text { font: 12px system-ui, sans-serif; fill: #1d1d1f; }
.archive-summary svg a text { fill: #1a0dab; text-decoration: underline; }
.archive-summary table.worst td:nth-child(3) { white-space: nowrap; }
"""

_LABEL_W, _BAR_W, _ROW_H, _VALUE_W = 250, 400, 22, 220


def _num(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.2f}" if x >= 1 else f"{x:.3f}".rstrip("0").rstrip(".") or "0"


def _short(label: str, n: int = 32) -> str:
    return label if len(label) <= n else label[:n - 1] + "…"


def hbar_chart(title: str, rows: list[dict], colour: Callable[[str], str], unit: str) -> str:
    """Horizontal bars, one a row: ``rows`` of {label, parts: [(family, value)], note,
    href}; a bar's parts are stacked in order."""
    top = max((sum(v for _, v in r["parts"]) for r in rows), default=0) or 1
    height = len(rows) * _ROW_H + 8
    width = _LABEL_W + _BAR_W + _VALUE_W
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, row in enumerate(rows):
        y = 4 + i * _ROW_H
        label = escape(_short(row["label"]))
        text = f'<text x="{_LABEL_W - 8}" y="{y + 15}" text-anchor="end">{label}</text>'
        if row.get("href"):
            text = f'<a href="{escape(row["href"])}">{text}</a>'
        out.append(f'<g data-label="{escape(row["label"])}"><title>{escape(row["label"])}: {escape(row["note"])}</title>{text}')
        x = float(_LABEL_W)
        for family, value in row["parts"]:
            w = _BAR_W * value / top
            if w > 0:
                out.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 0.5):.1f}" height="{_ROW_H - 6}" '
                           f'fill="{colour(family)}" data-family="{escape(family)}" data-value="{value}">'
                           f'<title>{escape(family)}: {_num(value)} {escape(unit)}</title></rect>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{escape(row["note"])}</text></g>')
    out.append("</svg>")
    return "".join(out)


def vbar_chart(title: str, columns: list[dict], colour: Callable[[str], str], unit: str) -> str:
    """Vertical stacked bars over time: ``columns`` of {label, parts, note}."""
    plot_h, left, bottom = 160, 48, 34
    n = max(len(columns), 1)
    step = min(64.0, (1100 - left - 10) / n)           # a few months get slim bars, twenty years thin ones
    width = max(320, round(left + n * step + 10))
    top = max((sum(v for _, v in c["parts"]) for c in columns), default=0) or 1
    height = plot_h + bottom + 10
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for k in range(4):                                   # the scale: 0, 1/3, 2/3, top
        value = top * k / 3
        y = 10 + plot_h - plot_h * k / 3
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_num(value)}</text>')
    every = max(1, math.ceil(56 / step))              # labels ~50 px wide must not overlap
    for i, col in enumerate(columns):
        x = left + i * step
        y = 10.0 + plot_h
        out.append(f'<g data-label="{escape(col["label"])}"><title>{escape(col["label"])}: {escape(col["note"])}</title>')
        for family, value in col["parts"]:
            h = plot_h * value / top
            if h > 0:
                y -= h
                out.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" '
                           f'fill="{colour(family)}" data-family="{escape(family)}" data-value="{value}">'
                           f'<title>{escape(col["label"])}, {escape(family)}: {_num(value)} {escape(unit)}</title></rect>')
        if i % every == 0:
            out.append(f'<text x="{x + step / 2:.1f}" y="{10 + plot_h + 16}" text-anchor="middle">'
                       f'{escape(col["label"])}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def html_section(findings: list[Finding], context) -> str:
    """The HTML report's opening section (``formatters.html.PREPEND``): the summary, when
    the run covers an archive (two articles or more), linked to the report's articles."""
    if not applies(context):
        return ""
    from editlint.formatters import html
    report = html.Report(findings, context)
    sections = {path: f"file-{n}" for n, path in enumerate(report.by_file, 1)}   # html.articles' ids
    return (f"<style>{CSS}</style>\n"
            + render_summary(figures(findings, context.articles), html.colour, sections.get))


def render_summary(data: dict, colour: Callable[[str], str], anchor: Callable[[str], str | None]) -> str:
    """The summary as HTML: ``colour(family)`` is the report's colour for a family and
    ``anchor(path)`` the id of an article's findings in the report (None: not shown)."""
    families = [row["family"] for row in data["families"]]
    rate_unit = "findings per 1,000 words"

    def parts(row: dict) -> list[tuple[str, float]]:
        return [(fam, row["families"][fam]["per_1000_words"]) for fam in families if fam in row["families"]]

    def href(path: str) -> str | None:
        target = anchor(path)
        return f"#{target}" if target else None

    share = f"{100 * data['articles_with_warnings'] / data['articles']:.1f}%" if data["articles"] else "0%"
    out = ['<section class="archive-summary" id="archive-summary">\n<h2>Archive summary</h2>\n']
    out.append(f'<p class="lead">{data["articles"]:,} articles, {data["words"]:,} words: {data["findings"]:,} '
               f'finding{"s" if data["findings"] != 1 else ""}, {_num(data["per_1000_words"])} per 1,000 words. '
               f'{data["articles_with_warnings"]:,} articles ({share}) have at least one warning or error.</p>\n')
    out.append('<div class="cards">'
               f'<div class="card"><b>{data["articles"]:,}</b>articles</div>'
               f'<div class="card"><b>{data["words"]:,}</b>words</div>'
               f'<div class="card"><b>{_num(data["per_1000_words"])}</b>findings per 1,000 words</div>'
               f'<div class="card"><b>{share}</b>articles with a warning</div></div>\n')
    if not data["findings"]:
        out.append("<p>No findings.</p>\n</section>\n")
        return "".join(out)
    out.append('<p class="legend">' + "".join(
        f'<span><span class="swatch" style="background:{colour(fam)}"></span>{escape(fam)}</span>' for fam in families)
        + "</p>\n")

    out.append('<h3>Findings per 1,000 words, by family</h3>\n')
    out.append(hbar_chart("Findings per 1,000 words, by family", [
        {"label": row["family"], "parts": [(row["family"], row["per_1000_words"])],
         "note": f'{_num(row["per_1000_words"])} ({row["findings"]:,} in {row["articles"]:,} articles)'}
        for row in data["families"]], colour, rate_unit))
    out.append('<h3>Most frequent rules</h3>\n')
    out.append(hbar_chart("Most frequent rules", [
        {"label": f'{row["code"]} {row["rule"]}', "parts": [(row["family"], row["findings"])],
         "note": f'{row["findings"]:,} in {row["articles"]:,} articles', "href": href(row["first_article"])}
        for row in data["top_rules"]], colour, "findings"))

    sections = data["by_section"]
    if len(sections) > 1 or sections and sections[0]["name"] != NO_SECTION:
        shown = sections[:MAX_SECTIONS]
        rows = [{"label": r["name"], "parts": parts(r),
                 "note": f'{_num(r["per_1000_words"])} ({r["articles"]:,} articles)'} for r in shown]
        if len(sections) > MAX_SECTIONS:
            rest = sections[MAX_SECTIONS:]
            rows.append({"label": f"{len(rest)} more sections", "parts": [],
                         "note": f'{sum(r["articles"] for r in rest):,} articles'})
        out.append("<h3>By section: findings per 1,000 words</h3>\n")
        out.append(hbar_chart("Findings per 1,000 words by section", rows, colour, rate_unit))
    months = data["by_month"]
    if any(r["name"] != UNDATED for r in months):
        dated = [r for r in months if r["name"] != UNDATED]
        undated = next((r for r in months if r["name"] == UNDATED), None)
        out.append("<h3>By month: findings per 1,000 words</h3>\n")
        out.append(vbar_chart("Findings per 1,000 words by month", [
            {"label": r["name"], "parts": parts(r), "note": f'{_num(r["per_1000_words"])} ({r["articles"]:,} articles)'}
            for r in dated], colour, rate_unit))
        if undated:
            out.append(f'<p class="meta">{undated["articles"]:,} articles have no date '
                       f'({_num(undated["per_1000_words"])} findings per 1,000 words).</p>\n')

    out.append("<h3>Worst articles</h3>\n<p class=\"meta\">Most warnings and errors (readability notes left "
               "out), then the highest rate per 1,000 words.</p>\n<table class=\"worst\"><thead><tr><th>Article</th>"
               "<th>Section</th><th>Date</th><th>Words</th><th>Warnings</th><th>per 1,000 words</th>"
               "<th>Families</th></tr></thead><tbody>\n")
    for row in data["worst_articles"]:
        name = escape(row["title"] or row["path"])
        link = href(row["path"])
        cell = f'<a href="{escape(link)}">{name}</a>' if link else name
        if row["title"]:
            cell += f' <span class="meta">{escape(row["path"])}</span>'
        fams = ", ".join(f"{escape(k)} {v}" for k, v in row["families"].items())
        out.append(f'<tr data-path="{escape(row["path"])}"><td>{cell}</td><td>{escape(row["section"] or "")}</td>'
                   f'<td>{escape(row["date"] or "")}</td><td>{row["words"]:,}</td>'
                   f'<td>{row["warnings_and_errors"]}</td><td>{_num(row["per_1000_words"])}</td><td>{fams}</td></tr>\n')
    out.append("</tbody></table>\n</section>\n")
    return "".join(out)


def text_summary(data: dict) -> str:
    """The figures as a few short tables, for ``editlint stats --archive``."""
    lines = [f"{data['articles']:,} articles, {data['words']:,} words: {data['findings']:,} findings, "
             f"{_num(data['per_1000_words'])} per 1,000 words; {data['articles_with_warnings']:,} articles "
             "with a warning or an error.", ""]

    def table(title: str, header: list[str], rows: list[list[str]]) -> None:
        if not rows:
            return
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines.append(title)
        for r in [header, *rows]:
            lines.append("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                          for i, (c, w) in enumerate(zip(r, widths))).rstrip())
        lines.append("")

    table("By family", ["family", "findings", "per 1k words", "articles"],
          [[r["family"], f"{r['findings']:,}", _num(r["per_1000_words"]), f"{r['articles']:,}"] for r in data["families"]])
    for key, title in (("by_section", "By section"), ("by_month", "By month")):
        rows = data[key]
        if len(rows) > 1 or rows and rows[0]["name"] not in (NO_SECTION, UNDATED):
            table(title, [title.split()[1], "articles", "words", "findings", "per 1k words"],
                  [[r["name"], f"{r['articles']:,}", f"{r['words']:,}", f"{r['findings']:,}", _num(r["per_1000_words"])]
                   for r in rows])
    table("Worst articles (warnings and errors)", ["article", "words", "warnings", "per 1k words"],
          [[r["path"], f"{r['words']:,}", str(r["warnings_and_errors"]), _num(r["per_1000_words"])]
           for r in data["worst_articles"]])
    table("Most frequent rules", ["rule", "findings", "articles"],
          [[f"{r['code']} {r['rule']}", f"{r['findings']:,}", f"{r['articles']:,}"] for r in data["top_rules"]])
    return "\n".join(lines).rstrip() + "\n"
