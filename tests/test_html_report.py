"""--format html: a self-contained report whose highlights sit on the words the findings
point at, checked in a real headless browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape

import pytest
from ci_helpers import content_folder, run

ARTICLE = ("Widgets & <gadgets>\n\n"
           "Engineers frobnicate the widgets.\n"
           "A gizmo, then \"frobnicate\" again; the gizmo\n"
           "returns.\n")

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Run in the page: the visible text of each mark (margin notes left out), and the line of
# the article it starts on, counted from the article's own text.
PROBE = """
<script>
for (const source of document.querySelectorAll('.source')) {
  const text = (node) => {
    let s = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) s += child.data;
      else if (!(child.classList && child.classList.contains('note'))) s += text(child);
    }
    return s;
  };
  const whole = text(source);
  for (const mark of source.querySelectorAll('mark')) {
    const range = document.createRange();
    range.setStart(source, 0);
    range.setEndBefore(mark);
    const before = text(range.cloneContents());
    const box = mark.getBoundingClientRect(), area = source.getBoundingClientRect();
    mark.setAttribute('data-probe', JSON.stringify({
      text: text(mark),
      line: before.split('\\n').length,
      inside: box.width > 0 && box.left >= area.left && box.right <= area.right + 1,
      article: whole.length,
    }));
  }
}
</script>
"""


def browser() -> str | None:
    return next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)


@pytest.fixture
def report(tmp_path, monkeypatch, capsys):
    content_folder(tmp_path, {"news/a.txt": ARTICLE, "news/b.txt": "Plain\n\nOne gizmo only.\n"})
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check", "news", "--no-cache", "--format", "html", "-o", "report.html")
    assert status == 1, err
    status, out, err = run(capsys, "check", "news", "--no-cache", "--format", "json")
    return (tmp_path / "report.html").read_text(encoding="utf-8"), json.loads(out)


def test_report_is_self_contained_and_escaped(report):
    html, findings = report
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert not re.search(r"""(src|href)=["'](?!#)""", html)           # no external assets or links
    assert "<script" not in html
    assert "Widgets &amp; &lt;gadgets&gt;" in html and "<gadgets>" not in html


def test_summary_counts_and_links_to_every_finding(report):
    html, findings = report
    assert re.search(r'<tr data-family="house-style">.*?<td>5</td>', html)
    assert re.search(r'<tr data-code="ZZ901">.*?<td>5</td>', html)
    targets = re.findall(r'<li[^>]*><a href="#([^"]+)">', html)
    assert len(targets) == len(findings) == 5
    for anchor in targets:
        assert f'<mark id="{anchor}"' in html


def test_marks_carry_code_line_and_family(report):
    html, findings = report
    marks = re.findall(r'<mark id="[^"]+" class="[^"]*" style="background:[^"]+" data-code="(\w+)" '
                       r'data-family="([\w-]+)" data-line="(\d+)"', html)
    assert sorted((c, int(line)) for c, _, line in marks) == sorted((f["code"], f["line"]) for f in findings)


@pytest.mark.skipif(browser() is None, reason="no headless browser installed (apt-get install chromium)")
def test_highlights_sit_on_the_right_words_in_a_real_browser(report, tmp_path):
    html, findings = report
    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    profile = tmp_path / "profile"
    try:
        done = subprocess.run(
            [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--window-size=1400,1000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.skip("the headless browser did not answer within 120 s")
    dom = done.stdout
    assert "data-probe" in dom, done.stderr[-2000:]
    probes = [(code, int(line), json.loads(unescape(probe))) for code, line, probe in re.findall(
        r'<mark [^>]*data-code="(\w+)"[^>]*data-line="(\d+)"[^>]*data-probe="([^"]*)"', dom)]
    assert len(probes) == len(findings) == 5
    sources = {"news/a.txt": ARTICLE, "news/b.txt": "Plain\n\nOne gizmo only.\n"}
    expected = sorted((f["line"], f["column"], sources[f["path"]].split("\n")[f["line"] - 1]
                       [f["column"] - 1:f["end_column"] - 1]) for f in findings)
    seen = []
    for code, line, probe in probes:
        assert code == "ZZ901"
        assert probe["line"] == line                 # the mark starts on the finding's line
        assert probe["inside"]                       # and is laid out inside the article
        seen.append((line, probe["text"]))
    assert sorted(seen) == sorted((line, text) for line, _, text in expected)
    assert {t for _, t in seen} == {"frobnicate", "gizmo"}
    assert {p["article"] for _, _, p in probes} == {len(ARTICLE), len(sources["news/b.txt"])}


def test_nested_and_crossing_findings_render_without_losing_text():
    from editlint.formatters.html import render_source
    from editlint.rule import Finding

    def f(start, end, text):
        return Finding(path="x", line=1, column=start + 1, end_line=1, end_column=end + 1, code="ZZ901",
                       family="f", severity="warning", message="m", rule="r", start=start, end=end,
                       excerpt=text[start:end])

    text = "alpha beta gamma delta"
    out = render_source(text, [(f(0, 10, text), "a"), (f(6, 16, text), "b"), (f(6, 10, text), "c")])
    visible = re.sub(r'<span class="note".*?</span></span>|<[^>]+>', "", re.sub(
        r'<span class="sugg">.*?</span>', "", out))
    assert unescape(visible) == text
    assert out.count("<mark") == out.count("</mark>") == 3
    assert 'id="b"' in out and 'data-clipped="1"' in out


# -- an HTML article shown as its text, notes beside their lines, filters, related places ------
PAGE = """<!DOCTYPE html>
<html><head><title>Gizmo news</title></head>
<body>
<h1>Gizmo news</h1>
<p>Engineers <b>frobnicate</b> the widgets &amp; polish them.</p>
<p>A zorb is here.</p>
<ul><li>One more zorb in a list.</li><li>And the last zorb.</li></ul>
<p>Nothing else happens in this paragraph at all.</p>
</body></html>
"""

HOUSE_PACK = """\
rules:
  - code: ZZ901
    name: no-frobnicate
    family: house-style
    kind: existence
    message: "Avoid '{match}'."
    severity: warning
    tokens: [frobnicate, gizmo]
    ignorecase: true
  - code: ZY001
    name: prefer-gadget
    family: other-house
    kind: substitution
    severity: info
    message: "Say '{replacement}' instead of '{match}'."
    swap: {widgets: gadgets}
"""

RICH_PROBE = """
<script>
const out = {};
const visible = (node) => {
  let s = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) s += child.data;
    else if (!(child.classList && (child.classList.contains('note') || child.classList.contains('kind')))) s += visible(child);
  }
  return s;
};
const rendered = document.querySelector('.rendered');
out.blocks = [...rendered.querySelectorAll('.block')].map(b => visible(b));
const notes = [...rendered.querySelectorAll('.note')];
out.marks = [...rendered.querySelectorAll('mark[id]')].map(m => {
  const note = rendered.querySelector(`.note[data-for="${m.id}"]`);
  const mb = m.getBoundingClientRect(), area = rendered.getBoundingClientRect();
  const nb = note ? note.getBoundingClientRect() : null;
  const previous = note ? notes[notes.indexOf(note) - 1] : null;
  return {id: m.id, code: m.dataset.code, text: visible(m), related: m.classList.contains('related'),
          noteRight: nb ? nb.left >= area.right - 4 : null, noteTop: nb ? nb.top - mb.top : null,
          belowPrevious: nb && previous ? nb.top - previous.getBoundingClientRect().bottom : null};
});
const bg = (el) => getComputedStyle(el).backgroundColor;
const firstMark = (family) => rendered.querySelector(`mark[id][data-family="${family}"]:not(.related)`);
const firstNote = (family) => rendered.querySelector(`.note[data-family="${family}"]`);
out.before = {mark: bg(firstMark('house-style')), note: getComputedStyle(firstNote('house-style')).display};
const family = [...document.querySelectorAll('input[id^="show-family-"]')].find(i => i.dataset.family === 'house-style');
family.checked = false;
out.familyOff = {mark: bg(firstMark('house-style')), note: getComputedStyle(firstNote('house-style')).display,
                 other: getComputedStyle(firstNote('other-house')).display};
family.checked = true;
const info = document.getElementById('show-severity-info');
info.checked = false;
out.infoOff = {note: getComputedStyle(firstNote('other-house')).display,
               warning: getComputedStyle(firstNote('house-style')).display};
info.checked = true;
out.brokenLinks = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1))
  .filter(id => !document.getElementById(id));
out.bars = [...document.querySelectorAll('svg.chart rect')].map(r => [r.parentNode.dataset.family, +r.dataset.count,
  r.getBoundingClientRect().width]);
document.body.setAttribute('data-probe', JSON.stringify(out));
</script>
"""


def _rich_report(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "lsp"))
    import harness   # a test rule that reports related places (ZX001: repeated 'zorb')

    from editlint.api import Session
    from editlint.formatters import Context
    from editlint.formatters.html import render
    from editlint.plugins import collect, plugin_manager

    root = tmp_path / "site"
    (root / "house").mkdir(parents=True)
    (root / "house" / "pack.yml").write_text(HOUSE_PACK)
    (root / "editlint.toml").write_text('rule-paths = ["house"]\nselect = ["house-style", "other-house", "ZX"]\n')
    (root / "page.html").write_text(PAGE)
    (root / "clean.txt").write_text("Nothing to report.\n")
    pm, errors = plugin_manager(extra=(harness,))
    session = Session(registry=collect(pm, errors))
    findings = session.lint_paths([root])
    rules = session.rules_for(root / "page.html")
    context = Context(rules={f.code: rules[f.code] for f in findings}, files=2, version="test",
                      sources={str(root / "page.html"): PAGE}, paths=[str(root / "clean.txt"), str(root / "page.html")])
    return render(findings, context), findings


def test_html_article_is_shown_as_text_with_clean_files_and_explanations(tmp_path):
    html, findings = _rich_report(tmp_path)
    assert sorted(f.code for f in findings) == ["ZX001", "ZY001", "ZZ901", "ZZ901", "ZZ901"]
    assert "&lt;p&gt;" not in html and "&lt;b&gt;" not in html            # no markup shown as text
    assert re.search(r'<ul class="passed">\s*<li data-path="[^"]*clean.txt">', html)
    for code in ("ZZ901", "ZY001", "ZX001"):
        assert f'<article id="rule-{code}"' in html and f'href="#rule-{code}"' in html
    assert "Avoid &#x27;{match}&#x27;." not in html
    assert re.search(r'<tr data-figure="words"><th>words</th><td>\d+</td>', html)
    assert re.search(r'<tr data-figure="Flesch reading ease">', html)
    assert len(re.findall(r'<mark id="f1-\d+-r\d+" class="related"', html)) == 2   # zorb's other places
    assert "<script" not in html and not re.search(r"""(src|href)=["'](?!#)""", html)


def test_prepended_sections_come_first(tmp_path):
    from editlint.formatters import html as html_format

    html_format.PREPEND.append(lambda findings, context: '<section class="prepended" id="archive">ARCHIVE</section>\n')
    try:
        html, _ = _rich_report(tmp_path)
    finally:
        html_format.PREPEND.pop()
    assert html.index('id="archive"') < html.index('id="summary"') < html.index('id="file-1"')


@pytest.mark.skipif(browser() is None, reason="no headless browser installed (apt-get install chromium)")
def test_html_article_notes_filters_and_links_in_a_real_browser(tmp_path):
    html, findings = _rich_report(tmp_path)
    page = tmp_path / "rich.html"
    page.write_text(html.replace("</body>", RICH_PROBE + "</body>"), encoding="utf-8")
    try:
        done = subprocess.run(
            [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,1000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.skip("the headless browser did not answer within 120 s")
    m = re.search(r'<body[^>]*data-probe="([^"]*)"', done.stdout)
    assert m, done.stderr[-2000:]
    probe = json.loads(unescape(m.group(1)))
    # the article as its reader reads it: text, entities decoded, no tags
    assert probe["blocks"] == ["Gizmo news", "Gizmo news", "Engineers frobnicate the widgets & polish them.",
                               "A zorb is here.", "One more zorb in a list.", "And the last zorb.",
                               "Nothing else happens in this paragraph at all."]
    marks = {(m["code"], m["text"], m["related"]) for m in probe["marks"]}
    assert marks == {("ZZ901", "Gizmo", False), ("ZZ901", "frobnicate", False), ("ZY001", "widgets", False),
                     ("ZX001", "zorb", False), ("ZX001", "zorb", True)}
    for mark in probe["marks"]:
        if not mark["related"]:
            assert mark["noteRight"], mark                       # the note is in the margin
            # beside the mark's line, or just below the note before it when notes stack up
            assert -30 <= mark["noteTop"] and (mark["noteTop"] <= 30 or mark["belowPrevious"] <= 12), mark
    # filters: a family's or a severity's box hides its notes and marks, and only those
    assert probe["before"]["note"] != "none" and probe["before"]["mark"] != "rgba(0, 0, 0, 0)"
    assert probe["familyOff"] == {"mark": "rgba(0, 0, 0, 0)", "note": "none", "other": "block"}
    assert probe["infoOff"] == {"note": "none", "warning": "block"}
    assert probe["brokenLinks"] == []
    bars = {fam: (n, w) for fam, n, w in probe["bars"]}
    assert bars["house-style"][0] == 3 and bars["test-house"][0] == 1 and bars["house-style"][1] > bars["test-house"][1]
