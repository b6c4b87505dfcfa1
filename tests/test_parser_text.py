"""The plain-text parser: layout read as structure, offsets kept exactly."""

from editlint.document import Document
from editlint.parsers import parse
from editlint.parsers.text import looks_like_heading, parse_text
from editlint.rule import Docs, Rule


def doc_of(source: str) -> Document:
    doc = parse_text(source, "story.txt")
    src = doc.text
    for block in doc.blocks:
        for i, ch in enumerate(block.text):
            piece = src[block.starts[i]:block.ends[i]]
            assert piece == ch or (ch == " " and piece.isspace()), (block, i, ch, piece)
    return doc


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


class Probe(Rule):
    def __init__(self, word):
        self.word = word
        super().__init__(code="ZZ998", name="probe-text", family="hygiene", docs=Docs("probe"))

    def check(self, doc):
        for block in doc.blocks:
            at = block.text.find(self.word)
            if at != -1:
                yield self.report(doc, block, at, at + len(self.word))


def test_title_then_headings_are_inferred():
    doc = doc_of("Harbour Town Opens New Ferry Route\n\nThe council said the route opens in May.\n\n"
                 "What Happens Next For Commuters?\n\nMore detail follows here.\n")
    assert kinds(doc) == [
        ("title", "Harbour Town Opens New Ferry Route"),
        ("paragraph", "The council said the route opens in May."),
        ("heading", "What Happens Next For Commuters?"),
        ("paragraph", "More detail follows here."),
    ]
    assert doc.title == "Harbour Town Opens New Ferry Route"
    assert all(b.inferred for b in doc.blocks if b.kind in ("title", "heading"))
    assert doc.blocks[2].level == 2


def test_heading_heuristics():
    assert looks_like_heading("Results Of The Vote")
    assert not looks_like_heading("the vote was close")        # starts in lower case
    assert not looks_like_heading("The vote was close.")       # ends a sentence
    assert not looks_like_heading("Was the vote close?")       # a sentence-case question
    assert looks_like_heading("Is This The End Of Cheap Flights?")
    assert not looks_like_heading(" ".join(["Word"] * 20))     # too long


def test_no_title_when_text_starts_with_a_paragraph():
    doc = doc_of("Officials confirmed the closure on Monday.\n\nSecond Part\n\nBody.\n")
    assert doc.title is None
    assert kinds(doc)[1] == ("heading", "Second Part")


def test_list_items_share_a_group_per_run():
    src = "Intro line here.\n- first point\n* second point\n\n1. numbered one\n2) numbered two\n• bullet dot\n"
    doc = doc_of(src)
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == ["first point", "second point", "numbered one", "numbered two", "bullet dot"]
    assert all(b.containers == ("list",) for b in items)
    assert items[0].group == items[1].group
    assert items[2].group == items[3].group == items[4].group != items[0].group
    assert src[items[1].source_start:items[1].source_end] == "second point"


def test_table_rows_split_into_cells():
    src = "Figures below.\n| Region | Share |\n|---|:---:|\n| North | 40% |\n| South | 60% |\n\nAfter the table.\n"
    doc = doc_of(src)
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [c.text for c in cells] == ["Region", "Share", "North", "40%", "South", "60%"]
    assert len({c.group for c in cells}) == 1
    assert all(c.containers == ("table",) for c in cells)
    north = cells[2]
    assert src[north.source_start:north.source_end] == "North"
    assert kinds(doc)[-1] == ("paragraph", "After the table.")


def test_hard_wrapped_paragraph_is_joined():
    src = ("The committee met for a second time on Thursday and agreed\n"
           "to publish the full minutes of both meetings next week.\n"
           "A new paragraph starts on this line.\n")
    doc = doc_of(src)
    assert kinds(doc) == [
        ("paragraph", "The committee met for a second time on Thursday and agreed to publish "
                      "the full minutes of both meetings next week."),
        ("paragraph", "A new paragraph starts on this line."),
    ]
    joined = doc.blocks[0]
    space = joined.text.index(" to publish")
    assert src[joined.starts[space]:joined.ends[space]] == "\n"


def test_short_lines_are_not_joined():
    doc = doc_of("Short line one\nshort line two.\n")
    assert len(doc.blocks) == 2


def test_front_matter_is_data_not_prose():
    src = "---\ntitle: Given Title\nkeywords: [tidal power, coastal grid]\n---\nA Heading Line\n\nBody text.\n"
    doc = doc_of(src)
    assert doc.title == "Given Title"
    assert doc.keyphrases == ["tidal power", "coastal grid"]
    assert kinds(doc) == [("heading", "A Heading Line"), ("paragraph", "Body text.")]
    assert doc.blocks[0].source_start == src.index("A Heading")


def test_invalid_front_matter_is_a_note():
    doc = doc_of("---\ntitle: [unclosed\n---\nBody text.\n")
    assert [n[0] for n in doc.notes] == ["EL005"]
    assert kinds(doc) == [("paragraph", "Body text.")]


def test_crlf_line_endings_keep_columns():
    src = ("Ferry Plans Approved\r\n\r\nThe council voted on Tuesday to approve the new ferry\r\n"
           "service across the bay.\r\n- first item\r\n| Cell one | Cell two |\r\n")
    doc = doc_of(src)
    assert kinds(doc) == [
        ("title", "Ferry Plans Approved"),
        ("paragraph", "The council voted on Tuesday to approve the new ferry service across the bay."),
        ("list_item", "first item"),
        ("table_cell", "Cell one"), ("table_cell", "Cell two"),
    ]
    assert all("\r" not in b.text for b in doc.blocks)
    for word, line, col in [("bay", 4, 20), ("ferry service", 3, 49), ("item", 5, 9), ("Cell two", 6, 14)]:
        (finding,) = Probe(word).check(doc)
        assert (finding.line, finding.column) == (line, col), word
        assert finding.excerpt.replace("\r\n", " ") == word


def test_non_ascii_columns_count_code_points():
    doc = doc_of("Überblick\n\nNaïve café owners in Zürich said no.\n")
    (finding,) = Probe("Zürich").check(doc)
    assert (finding.line, finding.column) == (3, 22)


def test_parse_dispatches_text_by_extension():
    assert parse("Just words.", "notes.txt").format == "text"


def test_empty_and_blank_files():
    assert doc_of("").blocks == []
    assert doc_of("\n\n  \r\n").blocks == []


def test_a_wrapped_numbered_item_is_one_list_item():
    from editlint.parsers.text import parse_text

    src = ("1. Turn the thermostat down by one degree. A single degree lower is barely noticeable\n"
           "for most people over a season.\n\n2. Bleed the radiators.\n")
    items = [b for b in parse_text(src, "a.txt").blocks if b.kind == "list_item"]
    assert [b.text for b in items] == [
        "Turn the thermostat down by one degree. A single degree lower is barely noticeable "
        "for most people over a season.",
        "Bleed the radiators.",
    ]
    second_line = src.index("for most")
    assert items[0].starts[items[0].text.index("for most")] == second_line


def test_comment_lines_are_not_prose_and_end_a_paragraph():
    from editlint.parsers.text import parse_text

    src = ("<!-- editlint-disable-next-line UC101 -- a long enough directive line to wrap -->\n"
           "Critics argue the plan costs too much.\n")
    blocks = parse_text(src, "a.txt").blocks
    assert [b.text for b in blocks] == ["Critics argue the plan costs too much."]
    assert blocks[0].starts[0] == src.index("Critics")
