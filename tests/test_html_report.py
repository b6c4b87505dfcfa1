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
    targets = re.findall(r'<li><a href="#([^"]+)">', html)
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
