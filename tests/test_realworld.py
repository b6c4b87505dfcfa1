"""End to end on realistic files: a WordPress-style news page, a Hugo post, a CRLF text file.

Each fixture in ``fixtures/realworld/`` has a few planted problems (a weasel phrase, a
conspiracy trope in the writer's voice, a stuffed query phrase, a block of unrelated links,
a duplicated sentence) and, in the places that are not prose (head, JSON-LD, scripts,
styles, navigation, cookie banner, share bar, site footer, front matter, code fences,
shortcodes, URLs), the same trigger words again. The CLI's JSON output must report each
planted problem at the exact line/column span of its words, computed here from the raw
file (columns count code points), and nothing else of those families.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from editlint.parsers import parse

FIXTURES = Path(__file__).parent / "fixtures" / "realworld"
PLANTED_CODES = ("UC111", "LL101", "KS101", "LS101", "HY101")


def source(name: str) -> str:
    """The file as editlint reads it: UTF-8, a BOM dropped, line endings kept."""
    return (FIXTURES / name).read_bytes().decode("utf-8-sig")


@lru_cache(maxsize=None)
def _findings(name: str) -> str:
    r = subprocess.run(
        [sys.executable, "-m", "editlint", "check", "--format", "json", "--no-cache", "--isolated", name],
        cwd=FIXTURES, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert r.returncode == 1, (r.returncode, r.stderr)
    return r.stdout


def findings(name: str) -> list[dict]:
    return json.loads(_findings(name))


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of ``offset``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def span_at(text: str, start: int, end: int) -> tuple[int, int, int, int]:
    return (*position(text, start), *position(text, end))


def nth(text: str, phrase: str, n: int = 0, after: str | None = None) -> int:
    """Offset of the ``n``-th occurrence of ``phrase`` (after the first ``after``, if given)."""
    at = text.index(after) if after else 0
    for _ in range(n + 1):
        at = text.index(phrase, at)
        found = at
        at += 1
    return found


def phrase_span(text: str, phrase: str, n: int = 0, after: str | None = None) -> tuple[int, int, int, int]:
    start = nth(text, phrase, n, after)
    return span_at(text, start, start + len(phrase))


def reported(name: str, code: str) -> list[tuple[int, int, int, int]]:
    return [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in findings(name) if f["code"] == code]


def places(name: str, code: str) -> list[tuple[int, int, int, int]]:
    """Every place of the problems ``code`` reports: each finding's span and its related locations."""
    out = []
    for f in findings(name):
        if f["code"] == code:
            out.append((f["line"], f["column"], f["end_line"], f["end_column"]))
            out += [(r["line"], r["column"], r["end_line"], r["end_column"]) for r in f.get("related", [])]
    return sorted(out)


def lines_of(text: str, start_marker: str, end_marker: str, after: str | None = None) -> range:
    """The lines from the one holding ``start_marker`` to the one holding the next ``end_marker``."""
    a = nth(text, start_marker, after=after)
    b = text.index(end_marker, a) + len(end_marker)
    return range(position(text, a)[0], position(text, b)[0] + 1)


def assert_no_finding_in(name: str, regions: list[range]) -> None:
    for f in findings(name):
        for region in regions:
            assert f["line"] not in region and f["end_line"] not in region, (f, region)


def assert_only_planted(name: str) -> None:
    """Nothing is reported but the planted problems (and readability notes, a matter of degree)."""
    extra = [f for f in findings(name) if f["code"] not in PLANTED_CODES and not f["code"].startswith("RD")]
    assert extra == []


def assert_spans_are_prose(name: str) -> None:
    """Every reported span covers text of the file that is prose: no markup, no URL."""
    text = source(name)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for f in findings(name):
        a = starts[f["line"] - 1] + f["column"] - 1
        b = starts[f["end_line"] - 1] + f["end_column"] - 1
        covered = text[a:b]
        assert covered.strip(), f
        if f["end_line"] > f["line"]:
            continue   # a block of links spans the markup between its items
        for junk in ("{{", "}}", "[^", "://", "\"", "=", "```", "<", ">"):
            assert junk not in covered, (f, covered)


# -- (a) a WordPress-style news page ------------------------------------------------------
PAGE = "news_page.html"


def test_page_planted_problems_at_their_words():
    text = source(PAGE)
    body = "<main"
    assert reported(PAGE, "UC111") == [phrase_span(text, "is often seen", after=body)]
    assert reported(PAGE, "LL101") == [phrase_span(text, "deep state", after="had warned that silt")]
    stuffed = "Estuary Power Carrow Bay"
    assert len(reported(PAGE, "KS101")) == 1, "one finding for the query, its other uses related"
    assert places(PAGE, "KS101") == [phrase_span(text, stuffed, n, after=body) for n in range(3)]
    first = nth(text, "Cheap Hotel Deals Oslo")
    last = nth(text, "Grandview Marriott Suites") + len("Grandview Marriott Suites")
    assert reported(PAGE, "LS101") == [span_at(text, first, last)]
    dup = "Engineers will begin driving piles in the spring, and the first turbines are due to arrive by sea from a yard in Rotterdam."
    assert reported(PAGE, "HY101") == [phrase_span(text, dup, 1)]


def test_page_chrome_is_not_prose():
    text = source(PAGE)
    regions = [
        lines_of(text, "<head>", "</head>"),
        lines_of(text, '<div id="cookie-notice"', "</div>"),
        lines_of(text, '<header class="site-header">', "</header>"),
        lines_of(text, '<aside class="related-posts">', "</aside>"),
        lines_of(text, '<div class="ad-slot', "</div>"),
        lines_of(text, '<div id="comments"', "</main>"),
        lines_of(text, '<footer class="entry-footer">', "</footer>"),
        lines_of(text, '<footer class="site-footer"', "</html>"),
    ]
    # the trigger words are there, so this cannot pass for want of them
    for region in regions[:3] + regions[4:]:
        chunk = "\n".join(text.splitlines()[region.start - 1:region.stop - 1]).lower()
        assert "deep state" in chunk or "deep+state" in chunk or "some say" in chunk or "critics argue" in chunk
    assert_no_finding_in(PAGE, regions)
    assert_spans_are_prose(PAGE)
    assert_only_planted(PAGE)
    assert Counter(f["code"] for f in findings(PAGE) if f["code"] in PLANTED_CODES) == \
        {"UC111": 1, "LL101": 1, "KS101": 1, "LS101": 1, "HY101": 1}


def test_page_document_shape():
    doc = parse(source(PAGE), PAGE)
    texts = [b.text for b in doc.blocks]
    joined = "\n".join(texts)
    for chrome in ("cookies", "Accept all", "Share on", "About us", "dataLayer", "Deep state exposed", "font-family",
                   "Advertisement", "insurance", "thoughts on", "waste of money", "Leave a reply",
                   "Tags", "renewables", "Filed under", "kayaker", "temporary classrooms"):
        assert chrome not in joined
    assert doc.title == "Tidal barrage approved for Carrow Bay"
    assert "carrow bay tidal barrage" in doc.keyphrases
    kinds = {b.kind for b in doc.blocks}
    assert {"title", "heading", "paragraph", "alt", "caption", "list_item", "quote"} <= kinds
    caption = next(b for b in doc.blocks if b.kind == "caption")
    assert caption.text.startswith("Caissons for the barrage") and "figure" in caption.containers
    pull = next(b for b in doc.blocks if "Rhian Osei" in b.text)
    assert "blockquote" in pull.containers
    # a footnote reference is not prose; the footnote itself is, its back link is not
    talks = next(b for b in doc.blocks if b.text.startswith("Readers following"))
    assert [s.text for s in talks.sentences][1] == "The first plans were rejected."
    assert any(b.text == "Planning committee minutes, March 2017." for b in doc.blocks)
    assert "↩" not in joined
    # entities map back to the source as a whole: "&middot;" is one character of prose
    byline = next(b for b in doc.blocks if b.text.startswith("By Imogen"))
    i = byline.text.index("·")
    assert doc.text[byline.starts[i]:byline.ends[i]] == "&middot;"


# -- (b) a Hugo post ------------------------------------------------------------------------
POST = "hugo_post.md"


def test_post_planted_problems_at_their_words():
    text = source(POST)
    body = "{{< figure"
    # the weasel sentence follows a footnote marker and an emoji on the same line
    weasel = phrase_span(text, "is often seen", after=body)
    assert "[^1] 🌊" in text.splitlines()[weasel[0] - 1]
    assert reported(POST, "UC111") == [weasel]
    assert reported(POST, "LL101") == [phrase_span(text, "globalist cabal")]
    stuffed = "Skerne Island Tollan Marine"
    assert len(reported(POST, "KS101")) == 1
    assert places(POST, "KS101") == [phrase_span(text, stuffed, n) for n in range(4)]
    first = nth(text, "Cheap Hotel Deals Oslo")
    last = nth(text, "Grandview Marriott Suites") + len("Grandview Marriott Suites")
    assert reported(POST, "LS101") == [span_at(text, first, last)]
    dup = "Islanders have asked for a raised road since the storms of 2014."
    assert reported(POST, "HY101") == [phrase_span(text, dup, 1)]


def test_post_markup_is_not_prose():
    text = source(POST)
    regions = [
        lines_of(text, "---", "\n---\n"),
        lines_of(text, "```python", "\n```\n"),
        lines_of(text, "{{< highlight text >}}", "{{< /highlight >}}"),
        lines_of(text, "See <https://", "\n"),
        lines_of(text, "[tides]:", "[app]:"),
    ]
    assert_no_finding_in(POST, regions)
    assert_spans_are_prose(POST)
    assert_only_planted(POST)
    assert Counter(f["code"] for f in findings(POST) if f["code"] in PLANTED_CODES) == \
        {"UC111": 1, "LL101": 1, "KS101": 1, "LS101": 1, "HY101": 1}


def test_post_document_shape():
    doc = parse(source(POST), POST)
    joined = "\n".join(b.text for b in doc.blocks)
    for markup in ("{{", "}}", "[^", "{#", "{:", "notice", "deep_state", "controls the tides", "figure src", "https://"):
        assert markup not in joined, markup
    assert doc.title == "Causeway to Skerne Island will be raised by a metre"
    assert "skerne island causeway" in doc.keyphrases
    assert any(b.kind == "heading" and b.text == "Skerne Island Tollan Marine: who pays?" for b in doc.blocks)
    # the figure shortcode's alt text and caption, as alt and caption blocks, in order
    assert [b.kind for b in doc.blocks[:3]] == ["alt", "caption", "paragraph"]
    alt = doc.blocks[0]
    assert alt.text == "Sea water covering the Skerne causeway at high tide"
    assert doc.text[alt.source_start:alt.source_end] == alt.text
    # the paired shortcode's content is prose
    assert any(b.text == "Crossing times are published each month by the harbour office." for b in doc.blocks)
    # footnotes: the marker leaves the sentences apart, each definition is its own block
    lede = next(b for b in doc.blocks if b.text.startswith("The county council"))
    assert [s.text for s in lede.sentences][1] == "🌊 The causeway is often seen as the island's lifeline by the 600 people who live there."
    notes = [b for b in doc.blocks if "footnote" in b.containers]
    assert [b.text for b in notes] == ["Figures from the county highways department, 2025–26 winter.",
                                       "Prepared by Harland & Price, consulting engineers, in 2025."]
    report = next(b for b in doc.blocks if b.text.startswith("The engineers"))
    assert report.text.startswith("The engineers' report found")
    # reference links keep their targets; the HTML block's list is a group of its own
    assert {l.text: l.href for l in doc.links}["tide tables"] == "https://example.org/tides"
    related = [b for b in doc.blocks if b.kind == "list_item" and "Oslo" in b.text or "Marriott" in b.text]
    phases = [b for b in doc.blocks if b.kind == "list_item" and b.text in ("new drainage channels", "steel piles")]
    assert related and phases
    assert related[0].group not in {b.group for b in phases}
    assert [b.kind for b in doc.blocks if "figure" in b.containers][2:] == ["alt", "caption"]


# -- (c) CRLF plain text with a BOM -----------------------------------------------------------
TEXT = "ferry_notice.txt"


def test_text_fixture_is_what_it_claims():
    raw = (FIXTURES / TEXT).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\t" in raw
    text = source(TEXT)
    assert max(len(line) for line in text.splitlines()) > 500
    assert "海风面馆" in text and "⛴️" in text


def test_text_planted_problems_at_their_words():
    text = source(TEXT)
    stuffed = "Öster Vèrn Nordvik Linjer"
    # line 1: after the BOM, columns count from the first visible character
    assert len(reported(TEXT, "KS101")) == 1
    assert places(TEXT, "KS101")[0] == (1, 26, 1, 26 + len(stuffed))
    assert places(TEXT, "KS101") == [phrase_span(text, stuffed, n) for n in range(5)]
    weasel = phrase_span(text, "is often seen")
    line = text.split("\n")[weasel[0] - 1]
    assert "海风面馆" in line[:weasel[1]] and "🚢⛴️" in line[:weasel[1]]   # CJK and emoji before it
    assert reported(TEXT, "UC111") == [weasel]
    assert reported(TEXT, "LL101") == [phrase_span(text, "false flag")]
    first = nth(text, "Cheap Hotel Deals Oslo")
    last = nth(text, "Grandview Marriott Suites") + len("Grandview Marriott Suites")
    assert reported(TEXT, "LS101") == [span_at(text, first, last)]
    dup = "The crossing takes two hours and ten minutes in calm weather."
    assert reported(TEXT, "HY101") == [phrase_span(text, dup, 1)]


def test_text_urls_are_not_prose():
    text = source(TEXT)
    assert_no_finding_in(TEXT, [lines_of(text, "More details:", "\n")])
    assert_spans_are_prose(TEXT)
    assert_only_planted(TEXT)
    assert Counter(f["code"] for f in findings(TEXT) if f["code"] in PLANTED_CODES) == \
        {"UC111": 1, "LL101": 1, "KS101": 1, "LS101": 1, "HY101": 1}
    doc = parse(text, TEXT)
    last = doc.blocks[-1]
    assert " ".join(last.text.split()) == "More details: and the timetable at ."
    assert "example.org" not in "\n".join(b.text for b in doc.blocks)


@pytest.mark.parametrize("name", [PAGE, POST])
def test_crlf_and_bom_copies_report_the_same_places(tmp_path, name):
    """The same file saved on Windows (CRLF, a BOM) is reported at the same lines and columns."""
    copy = tmp_path / name
    copy.write_bytes(b"\xef\xbb\xbf" + source(name).replace("\n", "\r\n").encode("utf-8"))
    r = subprocess.run([sys.executable, "-m", "editlint", "check", "--format", "json", "--no-cache", "--isolated",
                        name], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=120)
    def places(items):
        return [(f["code"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in items]
    assert places(json.loads(r.stdout)) == places(findings(name))


# -- the parser fixes these files turned up, in small -------------------------------------------
@pytest.mark.parametrize("src, expected", [
    ("Rates rose.[^1] Then they fell.", ["Rates rose.", "Then they fell."]),
    ("Rates rose[^note] sharply. Then they fell.", ["Rates rose sharply.", "Then they fell."]),
    ("See {{< ref \"a.md\" >}} for more. Then go.", ["See for more.", "Then go."]),
    ("Use {% include note.html %} here. {{ page.title }} Then go.", ["Use here.", "Then go."]),
])
def test_markdown_masks_footnotes_and_template_tags(src, expected):
    doc = parse(src, "x.md")
    block = doc.blocks[0]
    got = [" ".join(s.text.split()) for s in block.sentences]
    assert got == expected
    for i, ch in enumerate(block.text):
        if not ch.isspace():
            assert src[block.starts[i]] == ch


def test_markdown_shortcode_at_line_start_keeps_the_paragraph():
    src = "{{< youtube abc >}} The mayor opened the bridge.\n\nA second paragraph.\n"
    doc = parse(src, "x.md")
    assert [b.text.strip() for b in doc.blocks] == ["The mayor opened the bridge.", "A second paragraph."]


def test_markdown_template_tag_does_not_run_across_paragraphs():
    src = "A {{ stray brace.\n\nThe next paragraph }} ends here.\n"
    doc = parse(src, "x.md")
    assert [b.text for b in doc.blocks] == ["A {{ stray brace.", "The next paragraph }} ends here."]


@pytest.mark.parametrize("src, fmt", [
    ('<p>Rates rose.<sup><a href="#fn1">1</a></sup> Then they fell.</p>', "html"),
    ('<p>Rates rose.<sup class="footnote-ref"><a href="#fn1">[1]</a></sup> Then they fell.</p>', "html"),
    ('<p>Rates rose.<a role="doc-noteref" href="#n1">1</a> Then they fell.</p>', "html"),
    ("Rates rose.<sup>[1](#fn1)</sup> Then they fell.\n", "markdown"),
    ("Rates rose.[^a] Then they fell.\n{: .note}\n", "markdown"),
])
def test_footnote_references_are_not_prose(src, fmt):
    doc = parse(src, "x." + {"html": "html", "markdown": "md"}[fmt])
    assert [s.text for s in doc.blocks[0].sentences] == ["Rates rose.", "Then they fell."]


def test_superscripts_and_in_page_links_stay_prose():
    doc = parse('<p>The flat is 40 m<sup>2</sup>, see <a href="#plan">the plan</a>.</p>', "x.html")
    assert doc.blocks[0].text == "The flat is 40 m2, see the plan."
    assert [l.text for l in doc.links] == ["the plan"]
    doc = parse("A set {a, b} and [the plan](#plan) stay.\n", "x.md")
    assert doc.blocks[0].text == "A set {a, b} and the plan stay."


def test_markdown_heading_attributes_are_not_prose():
    doc = parse("## Costs and funding {#costs .wide}\n\nText.\n", "x.md")
    assert doc.blocks[0].text == "Costs and funding"


def test_toml_front_matter_is_data():
    src = '+++\ntitle = "Ferry times"\nkeywords = ["night ferry", "deep state"]\n+++\n\nThe ferry left.\n'
    for name in ("x.md", "x.txt", "x.html"):
        doc = parse(src, name)
        assert doc.title == "Ferry times" and doc.keyphrases == ["night ferry", "deep state"]
        assert [b.text for b in doc.blocks if b.kind != "title"] == ["The ferry left."]
    doc = parse('+++\ntitle = \n+++\n\nThe ferry left.\n', "x.md")
    assert [n[0] for n in doc.notes] == ["EL005"] and [b.text for b in doc.blocks] == ["The ferry left."]


def test_template_code_blocks_are_not_prose():
    src = ("Intro text.\n\n{% highlight python %}\n# critics argue\ndef deep_state():\n\n    return 1\n"
           "{% endhighlight %}\n\n{{< highlight go >}}\n- some say\n{{< /highlight >}}\n\n"
           "Outro {% raw %}{{ x }}{% endraw %} text. {% highlight x %} never closed.\n")
    doc = parse(src, "x.md")
    assert [" ".join(b.text.split()) for b in doc.blocks] == ["Intro text.", "Outro text. never closed."]


def test_wordpress_shortcodes_and_captions():
    src = ('<article><p>[et_pb_section fb_built="1"][et_pb_text]The ferry left at dawn.[/et_pb_text]</p>\n'
           '<div class="wp-caption aligncenter"><img src="a.jpg" alt="Ferry at the quay">'
           '<p class="wp-caption-text">The ferry at the quay.</p></div>\n'
           '<p>[caption id="attachment_7" width="300"]<img src="b.jpg" alt="Gulls"> Gulls over the bay[/caption]</p>\n'
           '<p>See [1] and [sic] here.</p></article>')
    doc = parse(src, "x.html")
    got = [(b.kind, b.text) for b in doc.blocks]
    assert got == [("paragraph", "The ferry left at dawn."), ("alt", "Ferry at the quay"),
                   ("caption", "The ferry at the quay."), ("alt", "Gulls"), ("paragraph", "Gulls over the bay"),
                   ("paragraph", "See [1] and [sic] here.")]
    for b in doc.blocks:
        assert doc.text[b.source_start:b.source_end] == b.text
    doc = parse('[caption id="a" width="300"]![Gulls](b.jpg) Gulls over the bay[/caption]\n', "x.md")
    assert [(b.kind, b.text.strip()) for b in doc.blocks] == [("alt", "Gulls"), ("paragraph", "Gulls over the bay")]


@pytest.mark.parametrize("src, expected", [
    ('Text <script>var x = "the deep state";</script> more here.\n', "Text more here."),
    ("Text <span>inside</span> and <code>deep &amp; state</code> and <kbd>Ctrl</kbd> end.\n",
     "Text inside and and end."),
    ("Text <code>a\nb [link](x) c</code> after <svg/> more.\n", "Text after more."),
])
def test_markdown_inline_code_elements_are_not_prose(src, expected):
    block = parse(src, "x.md").blocks[0]
    assert " ".join(block.text.split()) == expected
    assert all(src[block.starts[i]] == c for i, c in enumerate(block.text) if not c.isspace())


def test_markdown_image_title_is_a_caption():
    src = 'Text before.\n\n![Sea wall](a.jpg "Waves break over the sea wall") and after.\n'
    doc = parse(src, "x.md")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Text before."), ("alt", "Sea wall"), ("caption", "Waves break over the sea wall"),
        ("paragraph", "and after.")]
    for b in doc.blocks:
        assert src[b.source_start:b.source_end] == b.text


def test_html_template_tags_are_not_prose():
    src = "---\nlayout: post\n---\n<p>Hello {{ page.author }}, the ferry {% if x %}left{% endif %} at dawn.</p>\n<p>A { brace } stays.</p>\n"
    doc = parse(src, "x.html")
    assert [" ".join(b.text.split()) for b in doc.blocks] == ["Hello , the ferry left at dawn.", "A { brace } stays."]
    for b in doc.blocks:
        assert all(src[b.starts[i]] == c for i, c in enumerate(b.text) if not c.isspace())


def test_html_teaser_articles_are_not_the_story():
    story = "<p>" + "The ferry ran late again on Monday because of the fog in the channel. " * 12 + "</p>"
    cards = "".join(f'<article class="card"><h3><a href="/{i}">Card headline {i}</a></h3><p>A short teaser.</p></article>'
                    for i in range(3))
    doc = parse(f"<main><article><h1>Ferry late</h1>{story}</article><section>{cards}</section></main>", "x.html")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    # a live blog: articles of like size all stay
    live = "".join(f"<article><h2>Update {i}</h2><p>The ferry update says the sea is calm and boats run.</p></article>"
                   for i in range(4))
    assert len(parse(f"<main>{live}</main>", "x.html").blocks) == 8


def test_figure_shortcode_caption_markup_is_not_prose():
    src = ('{{< figure src="a.jpg" caption="Gulls over the **bay**. Photo: <a href=\'https://x.org\'>Ana Ruiz</a>" '
           'alt="snake_case_name gull" >}}\n')
    doc = parse(src, "x.md")
    assert [(b.kind, b.text) for b in doc.blocks] == [("caption", "Gulls over the bay. Photo: Ana Ruiz"),
                                                       ("alt", "snake_case_name gull")]
    for b in doc.blocks:
        assert all(src[b.starts[i]] == c for i, c in enumerate(b.text) if not c.isspace())


def test_text_bare_urls_are_gaps():
    src = "Read it at https://example.org/a-b?c=d, or www.example.com/x.\n"
    doc = parse(src, "x.txt")
    assert " ".join(doc.blocks[0].text.split()) == "Read it at , or ."


def test_sentences_split_before_emoji_and_caseless_scripts():
    from editlint import prose
    text = "The ferry left. 🚢 The next one is late. 東京 has one too. He met Dr. Smith."
    assert [text[a:b] for a, b in prose.split_sentences(text)] == [
        "The ferry left.", "🚢 The next one is late.", "東京 has one too.", "He met Dr. Smith."]
