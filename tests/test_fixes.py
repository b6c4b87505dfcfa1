"""--fix and --show-fixes: only safe fixes, never across markup, never a file that changed
since it was read, and nothing written without --fix."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser

import pytest
from engine_helpers import InProcess, snapshot, write

from editlint import fixes
from editlint.rule import Edit, Finding, Fix

PACK = """\
rules:
  - code: ZY001
    name: prefer-gadget
    family: other-house
    kind: substitution
    message: "Say '{replacement}' instead of '{match}'."
    swap: {widget: gadget, doohickey: [gizmo, gadget]}
    ignorecase: true
  - code: ZY004
    name: no-gizmo-gadget
    family: other-house
    kind: substitution
    message: "Say '{replacement}' instead of '{match}'."
    swap: {gadget factory: plant}
    ignorecase: true
  - code: ZZ901
    name: no-frobnicate
    family: house-style
    kind: existence
    message: "Avoid '{match}'."
    tokens: [frobnicate]
"""

REPEAT = "The bridge will close for repairs in May."

MARKDOWN = f"""\
# Widget news

The council has confirmed its plans for the **widget** plant today. We frobnicate.

{REPEAT} Drivers will be sent along the coast road.

Repairs are expected to take six weeks. {REPEAT}

A doohickey, a wid\\get, a [widget](https://example.org/widget) and ![a widget](w.png).

`widget` in code stays, and so does the fenced one:

```
widget
```
"""

HTML = f"""\
<html><head><title>Widget news</title></head><body>
<p>The council confirmed its plans for the <b>widget</b> plant &amp; the w&#105;dget line.</p>
<p>{REPEAT} Drivers will be sent along the coast road.</p>
<p>Repairs are expected to take six weeks. {REPEAT}</p>
<p>A wid<i>get</i> is not touched; <img alt="a widget" src="w.png"> is.</p>
<p>{REPEAT}</p>
</body></html>
"""

TEXT = f"""\
Widget news

The council has confirmed its plans for the widget plant today.
{REPEAT} Drivers will be sent along the coast road.
Repairs are expected to take six weeks. {REPEAT}
"""


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    write(root / "house" / "pack.yml", PACK)
    write(root / "editlint.toml", 'rule-paths = ["house"]\nselect = ["ZY", "ZZ", "HY101"]\n')
    write(root / "a.md", MARKDOWN)
    write(root / "b.html", HTML)
    write(root / "c.txt", TEXT)
    return root


@pytest.fixture
def cli(capsys, monkeypatch, project):
    return InProcess(capsys, monkeypatch, project)


def tags(html: str) -> list:
    out = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            out.append(("start", tag, [k for k, _ in attrs]))

        def handle_endtag(self, tag):
            out.append(("end", tag))

        def handle_entityref(self, name):
            out.append(("entity", name))

        def handle_charref(self, name):
            out.append(("charref", name))

    P(convert_charrefs=False).feed(html)
    return out


def markdown_structure(text: str) -> list:
    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").parse(text)
    out = []
    for t in tokens:
        out.append((t.type, t.tag, t.markup, t.info))
        for c in t.children or []:
            out.append((c.type, c.tag, c.markup, dict(c.attrs).get("href")))
    return out


def test_show_fixes_prints_a_diff_and_writes_nothing(cli, project):
    before = snapshot(project)
    r = cli("check", ".", "--show-fixes", "--no-cache")
    assert r.code == 1
    assert snapshot(project) == before
    assert "--- a/a.md\n+++ b/a.md\n" in r.out and "--- a/b.html\n" in r.out and "--- a/c.txt\n" in r.out
    assert "-# Widget news\n+# Gadget news\n" in r.out
    assert f"-Repairs are expected to take six weeks. {REPEAT}\n+Repairs are expected to take six weeks.\n" in r.out
    assert "would be fixed (--fix applies them)" in r.err


def test_nothing_is_written_without_fix(cli, project):
    before = snapshot(project)
    for fmt in ("text", "json", "sarif", "github", "html"):
        cli("check", ".", "--format", fmt)
    cli("check", ".", "--format", "json", "--show-fixes")
    after = snapshot(project)
    assert {k: v for k, v in after.items() if ".editlint_cache" not in k} == before


def test_fix_applies_safe_fixes_keeps_markup_and_reports_what_remains(cli, project):
    r = cli("check", ".", "--fix", "--no-cache", "--format", "json")
    md, html, txt = ((project / n).read_text() for n in ("a.md", "b.html", "c.txt"))

    # Markdown: swaps in prose, link text and alt text; not in code, an escaped word, a URL
    assert md.startswith("# Gadget news\n\nThe council has confirmed its plans for the **gadget** plant today.")
    assert "Repairs are expected to take six weeks.\n\nA doohickey, a wid\\get, " \
           "a [gadget](https://example.org/widget) and ![a gadget](w.png)." in md
    assert "`widget` in code" in md and "```\nwidget\n```" in md
    assert markdown_structure(md) == markdown_structure(MARKDOWN)

    # HTML: tags, entities and the attribute kept; a word split by a tag or spelt with an
    # entity not touched; a paragraph that is only the repeat is not deleted with its tags
    assert "<b>gadget</b> plant &amp; the w&#105;dget line." in html
    assert "<title>Gadget news</title>" in html and 'alt="a gadget"' in html and "wid<i>get</i>" in html
    assert "Repairs are expected to take six weeks.</p>" in html and f"<p>{REPEAT}</p>" in html
    assert tags(html) == tags(HTML)

    assert txt == TEXT.replace("Widget news", "Gadget news").replace("the widget plant", "the gadget plant") \
        .replace(f"six weeks. {REPEAT}", "six weeks.")

    remaining = json.loads(r.out)
    assert sorted((f["path"], f["code"]) for f in remaining) == [
        ("a.md", "ZY001"), ("a.md", "ZZ901"), ("b.html", "HY101"), ("b.html", "ZY001"), ("b.html", "ZY001")]
    assert "editlint: fixed a.md:1:3: ZY001 replace 'Widget' with 'Gadget'" in r.err
    assert "HY101 delete the repeated sentence" in r.err
    assert "; 5 remain" in r.err
    assert r.code == 1
    again = cli("check", ".", "--fix", "--no-cache", "--format", "json")
    assert json.loads(again.out) == remaining and "fixed 0 findings in 0 files" in again.err


def test_overlapping_fixes_wait_for_the_next_pass(cli, project):
    write(project / "d.md", "The widget factory opened.\n")
    r = cli("check", "d.md", "--fix", "--no-cache")
    # ZY004 ('gadget factory') only matches once ZY001 has made the swap: a second pass
    assert (project / "d.md").read_text() == "The plant opened.\n"
    assert r.code == 0 and "fixed 2 findings in 1 file" in r.err


def test_apply_takes_non_overlapping_fixes_whole(tmp_path):
    def finding(code, *edits):
        return Finding("x", 1, 1, 1, 2, code, "f", "warning", "m", "r",
                       fix=Fix([Edit(a, b, c) for a, b, c in edits]))

    text = "alpha beta gamma"
    a = finding("A", (0, 5, "ALPHA"))
    b = finding("B", (3, 8, "x"))                     # overlaps A: waits
    c = finding("C", (11, 16, "GAMMA"), (6, 10, "BETA"))
    d = finding("D", (16, 16, "!"))                   # touches C: waits
    new, applied = fixes.apply(text, [b, d, c, a])
    assert new == "ALPHA BETA GAMMA" and [f.code for f in applied] == ["A", "C"]


def test_a_file_changed_since_it_was_read_is_left_untouched(cli, project, monkeypatch):
    real = fixes.fix_text

    def meanwhile(lint, text, path):
        result = real(lint, text, path)
        write(project / path, text + "An editor saved this line meanwhile.\n")
        return result

    monkeypatch.setattr(fixes, "fix_text", meanwhile)
    r = cli("check", "a.md", "--fix", "--no-cache")
    assert "a.md: changed since editlint read it; not fixed" in r.err
    assert (project / "a.md").read_text() == MARKDOWN + "An editor saved this line meanwhile.\n"
    assert r.code == 1


def test_encoding_line_endings_and_links_are_kept(cli, project):
    write(project / "crlf.md", b"\xef\xbb\xbfA widget.\r\n\r\nAnother widget here.\r\n")
    os.symlink(project / "crlf.md", project / "link.md")
    r = cli("check", "link.md", "--fix", "--no-cache")
    assert r.code == 0, r.err
    assert (project / "crlf.md").read_bytes() == b"\xef\xbb\xbfA gadget.\r\n\r\nAnother gadget here.\r\n"
    assert (project / "link.md").is_symlink()


def test_json_carries_fixes_only_with_show_fixes(cli, project):
    plain = json.loads(cli("check", "c.txt", "--format", "json").out)
    assert plain and not any("fix" in f for f in plain)
    shown = json.loads(cli("check", "c.txt", "--format", "json", "--show-fixes").out)
    by_code: dict = {}
    for f in shown:
        by_code.setdefault(f["code"], f)
    assert by_code["ZY001"]["fix"] == {"applicability": "safe", "message": "replace 'Widget' with 'Gadget'",
                                       "edits": [{"line": 1, "column": 1, "end_line": 1, "end_column": 7,
                                                  "content": "Gadget"}]}
    assert by_code["HY101"]["fix"]["edits"][0]["content"] == ""
    assert not any("fix" in f for f in shown if f["code"] == "ZZ901")


def test_fix_refuses_standard_input(cli):
    r = cli("check", "-", "--fix", stdin=b"A widget.\n")
    assert r.code == 2 and "standard input" in r.err
