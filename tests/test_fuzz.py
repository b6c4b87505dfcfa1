"""Property-based fuzz of the three formats (issue 13): whatever the article, editlint's
JSON is valid, every finding's span lies inside the file, the run would exit 0 or 1 (no file
failure), and no built-in rule crashes (EL201) or is stopped by the clock (EL202).

Documents are drawn from a grammar that mixes ordinary prose with what broke editlint
before: lexicon words run together ("MinisterMinister…-"), suppression comments, front
matter with odd values (dates that are no dates, aliases, nesting), links, entities, digits
of other scripts, long words and long runs of punctuation. Small enough for CI."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editlint.config import Config
from editlint.engine import FILE_FAILURES
from editlint.formatters import Context

SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["the", "council", "said", "critics", "say", "some", "people", "believe", "Minister", "reportedly",
         "deep", "state", "media", "reported", "sources", "told", "according", "to", "experts", "agree",
         "40%", "£4m", "four", "million", "in", "2024", "Hebrew", "near", "me", "best", "cheap", "hotels",
         "Porto", "café", "naïve", "straße", "ﬁnance", "t.", "\U00011F57", "٣", "Ⅻ", "—", "“quoted”", "'so-called'"]
NASTY = ["Minister" * 8 + "-", "-" * 300, " " * 200, "a" * 500, "Ab-" * 100, "“" * 50, "&amp;" * 20,
         "<!-- editlint-disable-next-line UC101 -->", "<!-- editlint-disable -->", "<!-- editlint-enable -->",
         "[link](https://example.com/x)", "![alt text](img.png)", "<b>bold</b>", "\t", "\u00a0", "\u200b",
         "https://example.com/a?b=c", "| a | b |", "# Heading", "> quoted line", "1. item", "- item"]
FRONT = ["title: A title", "date: 2024-13-45", "date: 2024-02-30", "keywords: [cheap hotels, best hotels]",
         "keyphrase: deep state", "x: &a [1, 2]", "y: *a", "nested: [[[[[1]]]]]", "date: !!timestamp 2024-13-45",
         "title: [unclosed", "when: 1e400", "n: .nan", "empty:"]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(NASTY),
                  st.text(min_size=1, max_size=6))
line = st.lists(token, min_size=0, max_size=18).map(" ".join)
body = st.lists(line, min_size=1, max_size=8).map(lambda ls: "\n\n".join(ls))
front = st.lists(st.sampled_from(FRONT), max_size=4).map(lambda fs: "---\n" + "\n".join(fs) + "\n---\n" if fs else "")


@st.composite
def markdown(draw) -> str:
    return draw(front) + draw(body) + draw(st.sampled_from(["\n", "", "\r\n"]))


@st.composite
def html_doc(draw) -> str:
    paras = draw(st.lists(line, min_size=1, max_size=6))
    tag = draw(st.sampled_from(["p", "li", "h2", "blockquote", "figcaption", "td"]))
    inner = "".join(f"<{tag}>{p}</{tag}>" for p in paras)
    return f"<html><head><title>{draw(line)}</title></head><body>{inner}</body></html>\n"


@st.composite
def text_doc(draw) -> str:
    return draw(body) + "\n"


def check(linter, registry, text: str, name: str) -> None:
    cfg = Config()
    findings = linter.lint_text(text, name, cfg)
    out = registry.formatters["json"](findings, Context(rules={}, files=1, version="fuzz"))
    data = json.loads(out)
    lines = text.split("\n")
    assert len(data) == len(findings)
    for f in data:
        assert f["code"] not in FILE_FAILURES, (f["code"], f["message"])   # exit would be 2
        assert 1 <= f["line"] <= len(lines) and 1 <= f["end_line"] <= len(lines), f
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"]), f
        assert 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1, f
        assert 1 <= f["end_column"] <= len(lines[f["end_line"] - 1]) + 1, f
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)


@SETTINGS
@given(doc=markdown())
def test_fuzz_markdown(linter, registry, doc):
    check(linter, registry, doc, "fuzz.md")


@SETTINGS
@given(doc=html_doc())
def test_fuzz_html(linter, registry, doc):
    check(linter, registry, doc, "fuzz.html")


@SETTINGS
@given(doc=text_doc())
def test_fuzz_text(linter, registry, doc):
    check(linter, registry, doc, "fuzz.txt")
