""""Disable CODE for this line" (the language server's quick fix): the comment it inserts
silences exactly that finding, in every format and every place a finding can sit, and
leaves the other findings and the document's structure as they were."""

from __future__ import annotations

import pytest
from engine_helpers import house_project, write

import editlint
from editlint.parsers import parse
from editlint.suppression import disable_line_edit

DOCS = {
    "a.md": ("---\ntitle: We frobnicate\nkeyphrase: frobnicate widgets\n---\n\n# Frobnicate news\n\n"
             "A first line that runs on\nand then we frobnicate here.\n\n- one item\n- we frobnicate\n\n"
             "- a loose frobnicate item\n\n> quoted frobnicate line\n"),
    "b.html": ("<!DOCTYPE html>\n<html><head><title>Frobnicate</title></head>\n<body>\n<p>We frobnicate\n"
               "daily and frobnicate again.</p>\n<ul>\n  <li>frobnicate</li>\n</ul>\n</body></html>\n"),
    "c.txt": "Frobnicate news\n\nWe frobnicate here.\n\n- a frobnicate item\n",
}


@pytest.fixture
def session(tmp_path):
    root = house_project(tmp_path / "p", select=["ZZ", "EL"])
    return root, editlint.Session()


def markdown_structure(text: str) -> list:
    from markdown_it import MarkdownIt
    return [(t.type, t.tag) for t in MarkdownIt("commonmark").parse(text) if t.type not in ("html_block",)]


@pytest.mark.parametrize("name", sorted(DOCS))
def test_each_finding_can_be_disabled_alone(session, name):
    root, s = session
    text = DOCS[name]
    path = write(root / name, text)
    before = s.lint_text(text, path)
    assert len([f for f in before if f.code == "ZZ901"]) >= 3, before
    doc = parse(text, str(path))
    for f in before:
        edit = disable_line_edit(doc, f.line, f.code)
        if edit is None:
            continue
        start, end, content = edit
        changed = text[:start] + content + text[end:]
        after = s.lint_text(changed, path)
        assert not [g for g in after if g.code.startswith("EL")], (f, content, after)
        kept = sorted((g.code, g.excerpt) for g in after)
        expected = sorted((g.code, g.excerpt) for g in before if g is not f and g.line != f.line)
        # others on the same line by the same code are silenced too (the comment names the line)
        expected += sorted((g.code, g.excerpt) for g in before if g is not f and g.line == f.line and g.code != f.code)
        assert kept == sorted(expected), (name, f.line, content)
        if name.endswith(".md"):
            assert markdown_structure(changed) == markdown_structure(text), (f.line, content)


def test_an_existing_directive_gets_the_code_added():
    text = "<!-- editlint-disable-next-line ZY001 -->\nWe frobnicate the widget.\n"
    doc = parse(text, "x.md")
    start, end, content = disable_line_edit(doc, 2, "ZZ901")
    assert text[:start] + content + text[end:] == \
        "<!-- editlint-disable-next-line ZY001,ZZ901 -->\nWe frobnicate the widget.\n"
    assert disable_line_edit(doc, 2, "ZY001") is None


def test_no_comment_where_it_would_be_text_or_break_the_page():
    html = '<!DOCTYPE html><html><body><p>We frobnicate.</p></body></html>\n'
    assert disable_line_edit(parse(html, "x.html"), 1, "ZZ901") is None      # nothing may precede a doctype
    html = '<html><body><img\n  alt="we frobnicate"></body></html>\n'
    assert disable_line_edit(parse(html, "x.html"), 2, "ZZ901") is None      # inside a tag
    table = "| a | b |\n|---|---|\n| we frobnicate | x |\n"
    assert disable_line_edit(parse(table, "x.md"), 3, "ZZ901") is None       # a table row


def test_front_matter_gets_a_yaml_comment():
    text = "---\ntitle: We frobnicate\n---\nBody.\n"
    start, end, content = disable_line_edit(parse(text, "x.md"), 2, "KS101")
    changed = text[:start] + content + text[end:]
    assert changed == "---\n# <!-- editlint-disable-next-line KS101 -->\ntitle: We frobnicate\n---\nBody.\n"
    import yaml
    assert yaml.safe_load(changed.split("---\n")[1]) == {"title": "We frobnicate"}
