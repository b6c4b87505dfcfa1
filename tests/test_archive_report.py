"""The archive summary: its figures (by family, section and month, per 1,000 words; the
worst articles; the top rules), the HTML report it opens, and `editlint stats --archive`."""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape

import pytest
from ci_helpers import content_folder, run, run_json
from test_html_report import browser

from editlint.articles import ArticleInfo
from editlint.formatters import archive
from editlint.rule import Finding


def _finding(path: str, code: str, family: str, severity: str = "warning") -> Finding:
    return Finding(path, 1, 1, 1, 2, code, family, severity, "m", code.lower())


def test_figures_by_family_section_month_worst_and_rules():
    articles = {
        "a": ArticleInfo(words=1000, title="A", section="politics", date="2005-03-14"),
        "b": ArticleInfo(words=500, section="politics", date="2005-03-30T10:00:00Z"),
        "c": ArticleInfo(words=250, section="sport", date="2005-04-01"),
        "d": ArticleInfo(words=250),                                         # no section, no date
    }
    findings = [_finding("a", "UC101", "unattributed-claim"), _finding("a", "UC101", "unattributed-claim"),
                _finding("a", "RD101", "readability", "info"), _finding("b", "LL101", "loaded-language"),
                _finding("c", "UC101", "unattributed-claim"), _finding("c", "LL101", "loaded-language"),
                _finding("c", "KS101", "keyword-stuffing")]
    data = archive.figures(findings, articles)
    assert (data["articles"], data["words"], data["findings"], data["per_1000_words"]) == (4, 2000, 7, 3.5)
    assert data["articles_with_warnings"] == 3
    # families in the contract's order, per 1,000 words of the whole archive
    assert [(r["family"], r["findings"], r["per_1000_words"], r["articles"]) for r in data["families"]] == [
        ("keyword-stuffing", 1, 0.5, 1), ("loaded-language", 2, 1.0, 2),
        ("unattributed-claim", 3, 1.5, 2), ("readability", 1, 0.5, 1)]
    sections = {r["name"]: r for r in data["by_section"]}
    assert [r["name"] for r in data["by_section"]] == ["sport", "politics", "(none)"]   # worst rate first
    assert (sections["politics"]["articles"], sections["politics"]["words"], sections["politics"]["findings"]) == (2, 1500, 4)
    assert sections["politics"]["families"]["unattributed-claim"] == {"findings": 2, "per_1000_words": 1.333}
    assert sections["sport"]["per_1000_words"] == 12.0
    assert sections["(none)"]["findings"] == 0
    assert [(r["name"], r["articles"], r["findings"]) for r in data["by_month"]] == [
        ("2005-03", 2, 4), ("2005-04", 1, 3), ("(undated)", 1, 0)]
    # worst: most warnings and errors (the info note does not count), then the rate
    assert [(r["path"], r["warnings_and_errors"], r["per_1000_words"]) for r in data["worst_articles"]] == [
        ("c", 3, 12.0), ("a", 2, 2.0), ("b", 1, 2.0)]
    assert data["worst_articles"][1]["families"] == {"readability": 1, "unattributed-claim": 2}
    assert [(r["code"], r["findings"], r["articles"], r["first_article"]) for r in data["top_rules"]] == [
        ("UC101", 3, 2, "a"), ("LL101", 2, 2, "b"), ("KS101", 1, 1, "c"), ("RD101", 1, 1, "a")]


def test_month_needs_a_date_that_starts_like_one():
    assert ArticleInfo(date="2005-03-14").month == "2005-03"
    assert ArticleInfo(date="2005/11/02").month == "2005-11"
    assert ArticleInfo(date="2005-13-01").month is None
    assert ArticleInfo(date="March 2005").month is None and ArticleInfo().month is None


EXPORT = [
    {"id": "politics/1", "text": "Critics argue that the plan fails. Some say it will cost more.\n",
     "title": "Plan under fire", "section": "politics", "date": "2005-01-10"},
    {"id": "politics/2", "text": "The council approved the bridge on Tuesday, its leader said.\n",
     "title": "Bridge approved", "section": "politics", "date": "2005-02-03"},
    {"id": "tech/1", "text": "The deep state is behind the outage, reportedly.\n", "title": "Outage",
     "section": "tech", "date": "2005-02-20"},
]


@pytest.fixture
def archive_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "export.jsonl").write_text("".join(json.dumps(r) + "\n" for r in EXPORT), encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "front.md").write_text("---\ntitle: A front-matter article\nsection: tech\ndate: 2005-01-05\n"
                                                "---\n\nMany people are saying that the mayor lied. Sources say he will go.\n", encoding="utf-8")
    status, out, err = run(capsys, "check", "--isolated", "--no-cache", "export.jsonl", "news", "--format", "html")
    assert status == 1, err
    status, findings = run_json(capsys, "check", "--isolated", "--no-cache", "export.jsonl", "news")
    return out, findings


def test_the_html_report_opens_with_the_archive_summary(archive_run):
    html, findings = archive_run
    summary = html[html.index('<section class="archive-summary"'):html.index('<section class="summary"')]
    assert html.index("archive-summary") < html.index('id="summary"')
    assert "4 articles" in summary and f"{len(findings)} findings" in summary
    assert summary.count("<svg") >= 4                   # family, rules, section, month
    assert "<script" not in html and not re.search(r"""(src|href)=["'](?!#)""", html)
    # the charts' bars carry their family and value; sections and months are the articles'
    assert re.search(r'<g data-label="politics">.*?data-family="unattributed-claim"', summary)
    assert '<g data-label="2005-02">' in summary and '<g data-label="2005-01">' in summary
    # every link in the summary leads down to an article's findings in the same page
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links
    for target in links:
        section = re.search(rf'<section class="article" id="{re.escape(target)}" data-path="([^"]+)"', html)
        assert section, target
    worst = re.findall(r'<tr data-path="([^"]+)"><td><a href="#([^"]+)">([^<]+)</a>', summary)
    assert {unescape(p) for p, _, _ in worst} == {"politics/1", "tech/1", "news/front.md"}
    assert "Plan under fire" in {unescape(t) for _, _, t in worst}


def test_a_single_article_has_no_archive_summary(tmp_path, capsys, monkeypatch):
    content_folder(tmp_path, {"a.md": "A gizmo.\n"})
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check", "a.md", "--format", "html")
    assert "id=\"archive-summary\"" not in out and "<h2>Archive summary</h2>" not in out


def test_stats_archive_gives_the_same_figures(archive_run, capsys):
    html, findings = archive_run
    status, out, err = run(capsys, "stats", "--archive", "--isolated", "--format", "json", "export.jsonl", "news")
    assert status == 0, err
    data = json.loads(out)
    assert data["findings"] == len(findings) and data["articles"] == 4
    families = {r["family"]: r["findings"] for r in data["families"]}
    assert families == {fam: sum(f["family"] == fam for f in findings) for fam in {f["family"] for f in findings}}
    assert {r["name"]: r["articles"] for r in data["by_section"]} == {"politics": 2, "tech": 2}
    assert {r["name"]: r["articles"] for r in data["by_month"]} == {"2005-01": 2, "2005-02": 2}
    assert data["worst_articles"][0]["path"] in {"politics/1", "tech/1"}
    # the text form, and the same figures through --jobs
    status, text, err = run(capsys, "stats", "--archive", "--isolated", "export.jsonl", "news")
    assert text.startswith("4 articles, ") and "By section" in text and "Most frequent rules" in text
    status, again, err = run(capsys, "stats", "--archive", "--isolated", "--jobs", "2", "--format", "json",
                             "export.jsonl", "news")
    assert json.loads(again) == data


@pytest.mark.skipif(browser() is None, reason="no headless browser installed (apt-get install chromium)")
def test_the_charts_draw_in_a_real_browser(archive_run, tmp_path):
    html, findings = archive_run
    probe = """<script>
    const out = [];
    for (const svg of document.querySelectorAll('.archive-summary svg')) {
      const box = svg.getBoundingClientRect();
      const bars = [...svg.querySelectorAll('rect')].filter(r => r.getBoundingClientRect().width > 0
                                                            && r.getBoundingClientRect().height > 0);
      out.push({w: box.width, h: box.height, bars: bars.length, label: svg.getAttribute('aria-label')});
    }
    const links = [...document.querySelectorAll('.archive-summary a')].map(a => a.getAttribute('href').slice(1));
    document.body.setAttribute('data-probe', JSON.stringify({charts: out, missing: links.filter(id => !document.getElementById(id))}));
    </script>"""
    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    try:
        done = subprocess.run(
            [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
             "--window-size=1280,1000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.skip("the headless browser did not answer within 120 s")
    found = re.search(r'<body data-probe="([^"]*)"', done.stdout)
    assert found, done.stderr[-2000:]
    result = json.loads(unescape(found.group(1)))
    assert result["missing"] == []
    assert len(result["charts"]) >= 4
    for chart in result["charts"]:
        assert chart["w"] > 200 and chart["h"] > 30 and chart["bars"] >= 1, chart
