"""Plain text: a paragraph per line (or per run of hard-wrapped lines), with the layout
that scraped articles keep in plain text read as structure: bulleted lines are list
items, piped lines are table cells, short unpunctuated lines are headings."""

from __future__ import annotations

import regex

from editlint import patternstore
from editlint.document import Block, Document, SourceText
from editlint.parsers.base import BlockBuilder, split_front_matter

_RULE_CELL = patternstore.compile(r"\s*:?-{2,}:?\s*")      # a table's header rule
_LIST_MARKER = patternstore.compile(r"[ \t]*(?:[-*•+–]|\d{1,3}[.)])[ \t]+(?=\S)")
_COMMENT_LINE = patternstore.compile(r"[ \t]*<!--.*?-->[ \t]*")
# A bare URL is not prose (its words are a path, not the writer's): it reads as a gap.
_URL = patternstore.compile(r"(?<![\w@/])(?:(?:https?|ftp)://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'’”]", regex.I)
_TERMINAL = tuple(".!?:;,\"”’)…")
_HEADING_MAX_WORDS = 14
_WRAP_MIN_CHARS = 50


def looks_like_heading(line: str) -> bool:
    """A short line that reads as a heading: no sentence punctuation at its end, starts
    with a capital or a digit, not too many words."""
    stripped = line.strip()
    if not stripped or len(stripped.split(maxsplit=_HEADING_MAX_WORDS)) > _HEADING_MAX_WORDS:
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if stripped.endswith("?"):
        # a question is a heading when it is title-cased ("A New Chapter In Afghan Resistance?")
        words = [w for w in stripped.split() if w[0].isalpha()]
        return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6
    return not stripped.endswith(_TERMINAL)


def parse_text(source: str, path: str = "-") -> Document:
    front, body_start, error = split_front_matter(source)
    src = SourceText(source)
    blocks: list[Block] = []
    notes = []
    if error:
        notes.append(("EL005", 0, max(body_start - 1, 1), error))

    lines: list[tuple[int, str]] = []  # (offset, text without newline)
    pos = body_start
    for raw in source[body_start:].split("\n"):
        lines.append((pos, raw.rstrip("\r")))
        pos += len(raw) + 1

    group = 0
    prev_kind = None
    title_done = bool(front.get("title"))
    i = 0
    while i < len(lines):
        offset, line = lines[i]
        if not line.strip() or _COMMENT_LINE.fullmatch(line):
            # blank lines and comment lines (suppression directives) are not prose
            prev_kind = None
            i += 1
            continue
        marker = _LIST_MARKER.match(line)
        if line.count("|") >= 2:
            if prev_kind != "table":
                group += 1
            blocks += _table_cells(line, offset, group)
            prev_kind = "table"
            i += 1
            continue
        if marker:
            if prev_kind != "list":
                group += 1
            b = BlockBuilder("list_item", containers=("list",), group=group, inferred=True)
            _add_prose(b, line[marker.end():], offset + marker.end())
            i = _continue_wrapped(lines, i, b)
            _append(blocks, b)
            prev_kind = "list"
            i += 1
            continue
        if looks_like_heading(line) and not _wraps_on(line, lines[i + 1][1] if i + 1 < len(lines) else ""):
            kind = "heading" if title_done else "title"
            title_done = True
            b = BlockBuilder(kind, level=2 if kind == "heading" else 1, inferred=True)
            _add_prose(b, line, offset)
            _append(blocks, b)
            prev_kind = "heading"
            i += 1
            continue
        # a paragraph: hard-wrapped lines continue it until a line ends a sentence
        title_done = True
        b = BlockBuilder("paragraph")
        _add_prose(b, line, offset)
        i = _continue_wrapped(lines, i, b)
        _append(blocks, b)
        prev_kind = "paragraph"
        i += 1

    title = front.get("title") if isinstance(front.get("title"), str) else None
    if title is None:
        first = next((b for b in blocks if b.kind == "title"), None)
        title = first.text if first else None
    return Document(path, src, "text", blocks, front_matter=front, title=title, notes=notes)


def _wraps_on(line: str, following: str) -> bool:
    """A long line that runs straight on into a line starting in lower case is the first
    line of a hard-wrapped paragraph, not a heading."""
    nxt = following.strip()
    return len(line.strip()) >= _WRAP_MIN_CHARS and bool(nxt) and nxt[0].islower() and not _LIST_MARKER.match(following)


def _continue_wrapped(lines: list[tuple[int, str]], i: int, b: BlockBuilder) -> int:
    """Hard-wrapped text: a long line that does not end a sentence runs on into the next
    line, unless that line starts a list item or a table row. Returns the last line used."""
    offset, line = lines[i]
    while (
        i + 1 < len(lines)
        and len(line.strip()) >= _WRAP_MIN_CHARS
        and not line.rstrip().endswith(_TERMINAL)
        and lines[i + 1][1].strip()
        and not _LIST_MARKER.match(lines[i + 1][1])
        and lines[i + 1][1].count("|") < 2
        and not _COMMENT_LINE.fullmatch(lines[i + 1][1])
    ):
        b.add_mapped(" ", offset + len(line), offset + len(line) + 1)
        i += 1
        offset, line = lines[i]
        _add_prose(b, line, offset)
    return i


def _table_cells(line: str, offset: int, group: int) -> list[Block]:
    cells = []
    pos = 0
    for part in line.split("|"):
        b = BlockBuilder("table_cell", containers=("table",), group=group, inferred=True)
        if part.strip() and not _RULE_CELL.fullmatch(part):
            _add_prose(b, part, offset + pos)
            block = b.build()
            if block:
                cells.append(block)
        pos += len(part) + 1
    return cells


def _append(blocks: list[Block], builder: BlockBuilder) -> None:
    block = builder.build()
    if block is not None:
        blocks.append(block)


def _add_prose(b: BlockBuilder, text: str, offset: int) -> None:
    """``text`` (at ``offset``) as prose, each bare URL in it left out as a word gap."""
    pos = 0
    for m in _URL.finditer(text):
        b.add_verbatim(text[pos:m.start()], offset + pos)
        b.add_space(offset + m.start())
        pos = m.end()
    b.add_verbatim(text[pos:], offset + pos)
