"""The HTML parser: block kinds, links, alt text, title, site chrome, entities, exact offsets."""

import html

import pytest

from editlint.document import Document
from editlint.parsers import parse
from editlint.parsers.html import parse_html
from editlint.rule import Docs, Rule


def doc_of(source: str) -> Document:
    doc = parse_html(source, "page.html")
    assert_offsets(doc)
    return doc


def assert_offsets(doc: Document) -> None:
    """Every prose character maps back to the source character (or entity, or the white
    space / tag it stands for) it came from."""
    src = doc.text
    for block in doc.blocks:
        for i, ch in enumerate(block.text):
            a, b = block.starts[i], block.ends[i]
            assert 0 <= a <= b <= len(src), (block, i)
            piece = src[a:b]
            if piece == ch:
                continue
            if ch == " " and (piece == "" or piece.isspace() or piece.startswith("<") or html.unescape(piece).isspace()):
                continue
            assert piece.startswith("&") and ch in html.unescape(piece), (block, i, ch, piece)


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def test_block_kinds_from_elements():
    doc = doc_of(
        "<body><h1>Main head</h1><h3>Sub head</h3><p>A paragraph.</p><div>Loose div text</div>"
        "<ul><li>First item</li><li>Second item</li></ul><ol><li>Other list</li></ol>"
        "<table><tr><th>Name</th><td>Value</td></tr></table>"
        "<figure><img src='a.png' alt='A picture'><figcaption>The caption</figcaption></figure></body>"
    )
    assert kinds(doc) == [
        ("heading", "Main head"), ("heading", "Sub head"), ("paragraph", "A paragraph."),
        ("paragraph", "Loose div text"), ("list_item", "First item"), ("list_item", "Second item"),
        ("list_item", "Other list"), ("table_cell", "Name"), ("table_cell", "Value"),
        ("alt", "A picture"), ("caption", "The caption"),
    ]
    h1, h3 = doc.blocks[0], doc.blocks[1]
    assert (h1.level, h3.level) == (1, 3)
    first, second, other = doc.blocks[4:7]
    assert first.containers == ("list",) and second.containers == ("list",)
    assert first.group == second.group != other.group
    name, value = doc.blocks[7:9]
    assert name.containers == ("table",) and name.group == value.group


def test_implicitly_closed_elements_end_blocks():
    doc = doc_of("<p>One paragraph<p>Another one<ul><li>item a<li>item b</ul><p>After</p>")
    assert kinds(doc) == [("paragraph", "One paragraph"), ("paragraph", "Another one"),
                          ("list_item", "item a"), ("list_item", "item b"), ("paragraph", "After")]
    assert doc.blocks[2].group == doc.blocks[3].group


def test_list_item_paragraphs_stay_list_items():
    doc = doc_of("<ul><li><p>Wrapped item</p></li></ul>")
    assert kinds(doc) == [("list_item", "Wrapped item")]


def test_quotes_and_blockquotes():
    doc = doc_of(
        "<blockquote><p>A quoted passage.</p></blockquote>"
        "<blockquote class='pullquote'>Pulled words</blockquote>"
        "<aside>Aside words</aside><div class='pull-quote'>Styled pull</div>"
        "<div class='pull-right'>Floated text</div>"
    )
    assert kinds(doc) == [("paragraph", "A quoted passage."), ("quote", "Pulled words"),
                          ("quote", "Aside words"), ("quote", "Styled pull"), ("paragraph", "Floated text")]
    assert "blockquote" in doc.blocks[0].containers
    assert "blockquote" in doc.blocks[1].containers
    assert "aside" in doc.blocks[2].containers


def test_links_are_prose_with_their_target():
    src = '<p>Read <a href="https://example.org/a?x=1&amp;y=2">the full <b>report</b></a> today.</p>'
    doc = doc_of(src)
    (block,) = doc.blocks
    assert block.text == "Read the full report today."
    (link,) = block.links
    assert link.text == "the full report"
    assert link.href == "https://example.org/a?x=1&y=2"
    assert doc.links == [link]
    a, b = block.source_span(link.start, link.end)
    assert src[a:b] == "the full <b>report"


def test_link_cut_by_a_block_end_is_kept_in_both_blocks():
    doc = doc_of('<div>see <a href="/x">first part<div>second part</div>tail</a> rest</div>')
    assert [b.text for b in doc.blocks] == ["see first part", "second part", "tail rest"]
    assert [(l.text, l.href) for l in doc.links] == [("first part", "/x"), ("second part", "/x"), ("tail", "/x")]


def test_links_in_skipped_chrome_are_dropped():
    doc = doc_of('<nav><a href="/">Home</a></nav><p>Body with <a href="/b">one link</a>.</p>')
    assert [l.text for l in doc.links] == ["one link"]


def test_alt_text_points_into_the_attribute():
    src = '<p>Before <img src="x.jpg" title="alt=no" alt="Caf&eacute; owners  smiling">after</p>'
    doc = doc_of(src)
    assert kinds(doc) == [("paragraph", "Before after"), ("alt", "Café owners smiling")]
    alt = doc.blocks[1]
    value_at = src.index("Caf&eacute;")
    assert alt.starts[0] == value_at
    assert src[alt.starts[3]:alt.ends[3]] == "&eacute;"
    a, b = alt.source_span(5, 11)
    assert src[a:b] == "owners"


@pytest.mark.parametrize("tag, value", [
    ("<img alt='single quoted' src=a>", "single quoted"),
    ("<img src=a alt=unquoted>", "unquoted"),
    ("<IMG SRC=a ALT=\"Upper case\"/>", "Upper case"),
])
def test_alt_attribute_spellings(tag, value):
    doc = doc_of(tag)
    (alt,) = doc.blocks
    assert alt.kind == "alt" and alt.text == value
    assert doc.text[alt.source_start:alt.source_end] == value


def test_empty_alt_gives_no_block():
    assert doc_of('<img src="a" alt=""><img src="b">').blocks == []


def test_title_element_is_the_title():
    doc = doc_of("<html><head><title>Page &amp; title</title><meta charset=utf-8></head>"
                 "<body><h1>Heading one</h1><p>Text.</p></body></html>")
    assert doc.title == "Page & title"
    assert kinds(doc)[:2] == [("title", "Page & title"), ("heading", "Heading one")]


def test_title_drops_the_site_name_when_the_h1_repeats_the_headline():
    doc = doc_of("<title>Ferry route approved | The Example Post</title><h1>Ferry route approved</h1>")
    assert doc.title == "Ferry route approved"
    assert doc.blocks[0].kind == "title" and doc.blocks[0].text == "Ferry route approved | The Example Post"
    doc = doc_of("<title>Ferry route approved</title><h1>Travel</h1>")
    assert doc.title == "Ferry route approved"


def test_first_h1_is_the_title_without_a_title_element():
    doc = doc_of("<h2>Kicker</h2><h1>The real headline</h1><h1>Another</h1><p>Text.</p>")
    assert doc.title == "The real headline"
    assert all(b.kind != "title" for b in doc.blocks)


def test_front_matter_title_wins():
    doc = doc_of("---\ntitle: From front matter\n---\n<title>Element</title><p>x</p>")
    assert doc.title == "From front matter"
    assert doc.front_matter == {"title": "From front matter"}


def test_meta_keywords_and_description_go_to_front_matter():
    doc = doc_of('<head><meta name="keywords" content="solar panels, rooftop power ,">'
                 '<meta name="description" content="How panels work."></head><p>Body.</p>')
    assert doc.front_matter["keywords"] == ["solar panels", "rooftop power"]
    assert doc.front_matter["description"] == "How panels work."
    assert doc.keyphrases == ["solar panels", "rooftop power"]
    assert kinds(doc) == [("paragraph", "Body.")]


def test_head_content_other_than_title_is_not_prose():
    doc = doc_of("<head><title>T</title><style>p { color: red }</style>"
                 "<script>var a = '<p>nope</p>';</script></head><body><p>Yes.</p></body>")
    assert kinds(doc) == [("title", "T"), ("paragraph", "Yes.")]


@pytest.mark.parametrize("hidden", [
    "<script>document.write('hidden words')</script>",
    "<style>.hidden-words { }</style>",
    "<noscript>hidden words</noscript>",
    "<template><p>hidden words</p></template>",
    "<svg><title>hidden words</title><text>hidden</text></svg>",
    "<code>hidden_words()</code>",
    "<pre>hidden words\n  indented</pre>",
    "<!-- hidden words -->",
    "<nav><ul><li>hidden words</li></ul></nav>",
    "<div class='cookie-notice'>hidden words</div>",
    "<div id='gdpr-consent'><p>hidden words</p></div>",
    "<ol class='breadcrumbs'><li>hidden words</li></ol>",
    "<div class='share-tools'>hidden words</div>",
    "<form class='newsletter-signup'><p>hidden words</p></form>",
    "<button>hidden words</button>",
])
def test_non_prose_is_skipped(hidden):
    doc = doc_of(f"<p>Visible start.</p>{hidden}<p>Visible end.</p>")
    assert [b.text for b in doc.blocks] == ["Visible start.", "Visible end."]


def test_article_limits_prose_and_drops_outer_chrome():
    src = ("<html><head><title>Story</title></head><body>"
           "<header><p>Site banner</p></header><div>Sidebar promo</div>"
           "<article><header><h1>Story headline</h1><p>By A. Writer</p></header>"
           "<p>Story text.</p><footer><p>Filed under news</p></footer></article>"
           "<footer>Site footer</footer></body></html>")
    doc = doc_of(src)
    assert kinds(doc) == [("title", "Story"), ("heading", "Story headline"), ("paragraph", "By A. Writer"),
                          ("paragraph", "Story text."), ("paragraph", "Filed under news")]


def test_main_limits_prose_too():
    doc = doc_of("<div>Outside</div><main><p>Inside</p></main><p>After</p>")
    assert kinds(doc) == [("paragraph", "Inside")]


def test_teaser_articles_do_not_hide_the_story():
    story = "".join(f"<p>Paragraph {n} of the story has several ordinary words in it.</p>" for n in range(8))
    teasers = "".join(f"<article><a href='/t{n}'>Teaser {n}</a></article>" for n in range(3))
    doc = doc_of(f"<div class='content'>{story}</div><aside>{teasers}</aside>")
    texts = [b.text for b in doc.blocks]
    assert "Paragraph 0 of the story has several ordinary words in it." in texts
    assert "Teaser 2" in texts


def test_article_content_wins_over_a_sidebar():
    story = "".join(f"<p>Paragraph {n} of the story has several ordinary words in it.</p>" for n in range(8))
    doc = doc_of(f"<article>{story}</article><div class='sidebar'><p>Most read today</p>"
                 "<img src=a alt='Sidebar picture'></div>")
    assert len(doc.blocks) == 8
    assert all(b.text.startswith("Paragraph") for b in doc.blocks)


def test_header_and_footer_skipped_without_article():
    doc = doc_of("<header>Site name</header><p>Body text.</p><footer>Copyright line</footer>")
    assert kinds(doc) == [("paragraph", "Body text.")]


def test_article_mentioned_in_comment_or_script_does_not_limit_prose():
    doc = doc_of("<!-- <article> --><script>x = '<main>'</script><p>Body text.</p>")
    assert kinds(doc) == [("paragraph", "Body text.")]


def test_entity_maps_to_its_whole_span():
    src = "<p>caf&eacute; &amp; na&#239;ve &#x2014; AT&T &unknownentity; 5 &lt; 6</p>"
    doc = doc_of(src)
    (block,) = doc.blocks
    assert block.text == "café & naïve — AT&T &unknownentity; 5 < 6"
    i = block.text.index("é")
    assert src[block.starts[i]:block.ends[i]] == "&eacute;"
    i = block.text.index("ï")
    assert src[block.starts[i]:block.ends[i]] == "&#239;"
    i = block.text.index("—")
    assert src[block.starts[i]:block.ends[i]] == "&#x2014;"
    a, b = block.source_span(0, 4)
    assert src[a:b] == "caf&eacute;"


def test_nbsp_is_a_word_separator():
    doc = doc_of("<p>ten&nbsp;miles</p>")
    assert doc.blocks[0].text == "ten miles"
    assert len(doc.blocks[0].words) == 2


def test_white_space_collapses_but_keeps_offsets():
    src = "<p>\n   several\n\t  spaced    words\n</p>"
    doc = doc_of(src)
    (block,) = doc.blocks
    assert block.text == "several spaced words"
    i = block.text.index("spaced")
    assert src[block.starts[i]:block.starts[i] + 6] == "spaced"


def test_left_out_inline_content_still_separates_words():
    doc = doc_of("<p>Run<code>make</code>now, see<img src=a alt=pic>below.</p>")
    assert doc.blocks[0].text == "Run now, see below."


def test_br_is_a_space_mapped_to_the_tag():
    src = "<p>line one<br>line two<br/>three</p>"
    doc = doc_of(src)
    (block,) = doc.blocks
    assert block.text == "line one line two three"
    assert src[block.starts[8]:block.ends[8]] == "<br>"


class Probe(Rule):
    """Reports every occurrence of one word."""

    def __init__(self, word):
        self.word = word
        super().__init__(code="ZZ999", name="probe", family="hygiene", docs=Docs("probe"))

    def check(self, doc):
        for block in doc.blocks:
            start = block.text.find(self.word)
            while start != -1:
                yield self.report(doc, block, start, start + len(self.word))
                start = block.text.find(self.word, start + 1)


def test_exact_line_and_column_through_inline_markup():
    filler = " ".join(f"word{n}" for n in range(300))
    line3 = f"<p>{filler} <b>bold <i>caf&eacute;</i> target</b> after</p>"
    src = "<html>\n<body>\n" + line3 + "\n</body></html>"
    doc = doc_of(src)
    (finding,) = Probe("target").check(doc)
    col = line3.index("target") + 1
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, col, 3, col + 6)
    (finding,) = Probe("café target").check(doc)
    assert finding.column == line3.index("caf&eacute;") + 1
    assert finding.excerpt == "caf&eacute;</i> target"


def test_columns_with_crlf_and_non_ascii():
    src = "<p>Zoë\r\nsaid\r\n</p>\r\n<p>Ünïcode wörds here</p>"
    doc = doc_of(src)
    (finding,) = Probe("wörds").check(doc)
    assert (finding.line, finding.column) == (4, 12)
    assert doc.blocks[0].text == "Zoë said"


def test_parse_dispatches_html_by_extension_and_sniffing():
    assert parse("<p>Hi there.</p>", "a.htm").format == "html"
    assert parse("<!DOCTYPE html><p>Hi there.</p>", "-").blocks[0].text == "Hi there."


@pytest.mark.parametrize("src", [
    "<p>unclosed <b>bold <i>italic",
    "</p></div></p>stray end tags</li>",
    "<p>a < b and c<d and 3<4</p>",
    "<p>text <!-- never closed <p>more</p>",
    "<p>bad refs &#; &#xZZ; &#99999999999; &; & <b>bold</b> &#;</p>",
    '<p><a href="' + "x" * 300_000 + '">anchor</a></p>',
    '<img alt="' + "long alt " * 20_000 + '">',
    '<p title="unterminated attribute>text</p>',
    "<div" + " a=b" * 5000,
    "<" * 1000 + ">" * 1000,
    "<![CDATA[ x ]]><?php echo 1 ?><!doctype><p>ok</p>",
    "<table><td>cell<tr><li>item</table></li><p>after",
    "<script>never closed <p>not prose",
    "<p>" + "<span>deep " * 3000,
    "\x00\ufeff<p>\u202econtrol chars\x0c</p>",
    "",
    "   \n\n  ",
    "&",
    "<",
    "<a href>",
])
def test_malformed_html_never_raises(src):
    doc = doc_of(src)
    assert doc.format == "html"
    assert not any(code == "EL201" for code, *_ in doc.notes)


def test_unterminated_comment_hides_the_rest():
    doc = doc_of("<p>Shown.</p><!-- <p>hidden</p> and more")
    assert kinds(doc) == [("paragraph", "Shown.")]


def test_unclosed_script_hides_the_rest():
    doc = doc_of("<p>Shown.</p><script>var x = 1; <p>not prose</p>")
    assert kinds(doc) == [("paragraph", "Shown.")]


def test_internal_error_becomes_a_note_not_a_traceback(monkeypatch):
    from editlint.parsers import html as html_parser

    def boom(self, data):
        raise RuntimeError("simulated")

    monkeypatch.setattr(html_parser._Parser, "handle_data", boom)
    doc = parse_html("<p>text</p>", "x.html")
    assert [code for code, *_ in doc.notes] == ["EL201"]


@pytest.mark.parametrize("piece", ["<!--", "<a ", '<p x="', "<b><a "])
def test_unclosed_constructs_do_not_make_parsing_quadratic(piece):
    # 20,000 unclosed openers: the tokenizer would rescan the rest of the file for each one.
    # Parsing must finish with the prose before them intact (no timing asserted: a
    # quadratic parse takes minutes and would hit pytest's or CI's limit).
    doc = parse_html("<p>Before the junk.</p>" + piece * 20000 + " tail", "x.html")
    assert doc.blocks[0].text == "Before the junk."
