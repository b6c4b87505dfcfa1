"""Inline suppression comments, in plain text, Markdown and HTML alike."""

from __future__ import annotations

import pytest
from engine_helpers import InProcess, house_project, write

from editlint.document import SourceText
from editlint.suppression import parse_directives

EXT = {"text": "txt", "markdown": "md", "html": "html"}


@pytest.fixture
def project(tmp_path):
    return house_project(tmp_path)


@pytest.fixture
def lint(capsys, monkeypatch, project):
    cli = InProcess(capsys, monkeypatch, project)

    def run(text: str, fmt: str = "text", *args: str):
        name = f"article.{EXT[fmt]}"
        write(project / name, text)
        r = cli("check", name, "--format", "json", *args)
        assert "Traceback" not in r.err
        return [(f["line"], f["code"]) for f in r.json()]

    return run


def para(fmt: str, text: str) -> str:
    return f"<p>{text}</p>" if fmt == "html" else text


def doc(fmt: str, *lines: str) -> str:
    """Lines of prose (each its own paragraph) and comments, one per source line."""
    body = "\n".join(line if line.startswith("<!--") else para(fmt, line) for line in lines) + "\n"
    if fmt == "html":
        return "<html><body>\n" + body + "</body></html>\n"
    return body


def shift(fmt: str, line: int) -> int:
    return line + 1 if fmt == "html" else line      # the <html><body> line


FORMATS = ["text", "markdown", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_next_line(lint, fmt):
    text = doc(fmt,
               "First we frobnicate.",
               "<!-- editlint-disable-next-line ZZ901 -->",
               "Then we frobnicate again.",
               "Finally we frobnicate once more.")
    assert lint(text, fmt) == [(shift(fmt, 1), "ZZ901"), (shift(fmt, 4), "ZZ901")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_enable_range(lint, fmt):
    text = doc(fmt,
               "Before: frobnicate.",
               "<!-- editlint-disable ZZ901 -->",
               "Inside: frobnicate.",
               "Still inside: frobnicate and a widget.",
               "<!-- editlint-enable -->",
               "After: frobnicate.")
    assert lint(text, fmt) == [(shift(fmt, 1), "ZZ901"), (shift(fmt, 4), "ZY001"), (shift(fmt, 6), "ZZ901")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_without_enable_runs_to_the_end(lint, fmt):
    text = doc(fmt, "A widget.", "<!-- editlint-disable ZY001 -->", "A widget.", "Another widget.")
    assert lint(text, fmt) == [(shift(fmt, 1), "ZY001")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_codes_are_required(lint, fmt):
    text = doc(fmt, "<!-- editlint-disable-next-line -->", "We frobnicate.")
    assert lint(text, fmt) == [(shift(fmt, 1), "EL101"), (shift(fmt, 2), "ZZ901")]
    text = doc(fmt, "<!-- editlint-disable -->", "We frobnicate.")
    assert lint(text, fmt) == [(shift(fmt, 1), "EL101"), (shift(fmt, 2), "ZZ901")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unused_suppression(lint, fmt):
    text = doc(fmt, "<!-- editlint-disable-next-line ZZ901 -->", "A clean line.", "We frobnicate.")
    assert lint(text, fmt) == [(shift(fmt, 1), "EL102"), (shift(fmt, 3), "ZZ901")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_code(lint, fmt):
    text = doc(fmt, "<!-- editlint-disable-next-line QQ999 -->", "We frobnicate.")
    assert lint(text, fmt) == [(shift(fmt, 1), "EL103"), (shift(fmt, 2), "ZZ901")]


@pytest.mark.parametrize("selector", ["ZZ", "ZZ9", "house-style", "no-frobnicate", "zz901"])
def test_prefixes_families_and_names_are_accepted(lint, selector):
    text = doc("text", f"<!-- editlint-disable-next-line {selector} -->", "We frobnicate.")
    assert lint(text) == []


def test_several_codes_with_commas_and_spaces(lint):
    text = doc("text", "<!-- editlint-disable-next-line ZZ901, ZY001 -->", "A widget to frobnicate.")
    assert lint(text) == []
    text = doc("text", "<!-- editlint-disable-next-line ZZ901,ZY001 -->", "A widget to frobnicate.")
    assert lint(text) == []


def test_partly_used_suppression_is_not_reported(lint):
    text = doc("text", "<!-- editlint-disable-next-line ZZ901,ZY001 -->", "Only frobnicate.")
    assert lint(text) == []


def test_suppression_of_a_rule_not_in_force_is_not_unused(lint):
    text = doc("text", "<!-- editlint-disable-next-line ZY001 -->", "A clean line.")
    assert lint(text, "text", "--select", "ZZ,EL") == []


def test_next_line_skips_blank_lines(lint):
    assert lint("<!-- editlint-disable-next-line ZZ901 -->\n\nWe frobnicate.\n") == []


def test_enable_closes_only_matching_ranges(lint):
    text = doc("text",
               "<!-- editlint-disable ZZ901 -->",
               "<!-- editlint-disable ZY001 -->",
               "A widget to frobnicate.",
               "<!-- editlint-enable ZY001 -->",
               "A widget to frobnicate.")
    assert lint(text) == [(5, "ZY001")]


def test_the_comment_itself_is_not_prose(lint):
    # the rule's own name inside the comment is not a finding
    text = doc("text", "<!-- editlint-disable-next-line no-frobnicate -->", "We frobnicate.")
    assert lint(text) == []
    text = "A frobnicate sentence. <!-- editlint-disable-next-line ZY001 frobnicate -->\nA widget.\n"
    assert lint(text) == [(1, "ZZ901"), (1, "EL103")]


def test_engine_notes_can_themselves_be_suppressed(lint):
    text = doc("text", "<!-- editlint-disable-next-line EL103 -->", "<!-- editlint-disable-next-line QQ1 -->",
               "We frobnicate.")
    # EL103 on line 2 is suppressed; line 3 still shows ZZ901
    assert (3, "ZZ901") in lint(text)
    assert (2, "EL103") not in lint(text)


def test_suppression_in_a_markdown_comment_spanning_lines(lint):
    text = "Intro line.\n\n<!--\n  editlint-disable ZZ901\n-->\n\nWe frobnicate.\n"
    assert lint(text, "markdown") == []


def test_parse_directives_lines():
    src = SourceText("a\n<!-- editlint-disable KS101 -->\nb\n<!-- editlint-enable -->\nc\n"
                     "<!-- editlint-disable-next-line LL -->\n\n\nd\n")
    directives = parse_directives(src).directives
    assert [(d.action, d.codes, d.first_line, d.last_line) for d in directives] == [
        ("disable", ["KS101"], 2, 4),
        ("enable", [], 0, 0),
        ("disable-next-line", ["LL"], 9, 9),
    ]


def test_a_suppression_of_el102_is_itself_reported_when_unused(lint):
    text = doc("text", "<!-- editlint-disable-next-line EL102 -->", "A clean sentence.")
    assert lint(text) == [(1, "EL102")]


def test_an_example_of_a_bare_directive_can_be_suppressed(lint):
    text = "<!-- editlint-disable-next-line EL101 -->\n<!-- editlint-disable -->\nWe frobnicate.\n"
    assert lint(text) == [(3, "ZZ901")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_enable_of_one_code_keeps_the_others_disabled(lint, fmt):
    text = doc(fmt,
               "<!-- editlint-disable ZZ901,ZY001 -->",
               "Inside: frobnicate and a widget.",
               "<!-- editlint-enable ZZ901 -->",
               "After: frobnicate and a widget.",
               "<!-- editlint-enable -->",
               "Last: a widget.")
    assert lint(text, fmt) == [(shift(fmt, 4), "ZZ901"), (shift(fmt, 6), "ZY001")]
