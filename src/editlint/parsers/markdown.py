"""Markdown through markdown-it-py, with every prose character mapped to the source.

markdown-it gives block tokens a line range but inline tokens no character offsets, so the
inline text is aligned back onto the source: each decoded character is found at or after a
cursor that only moves forward, stepping over markup (``**``, ``[``, ``](url)``), escapes
(``\\*``) and entities (``&eacute;``). Link destinations and code are skipped explicitly so
that text after them cannot be aligned into them.
"""

from __future__ import annotations

import html

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from editlint.document import Block, Document, SourceText
from editlint.parsers.base import BlockBuilder, split_front_matter

_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def parse_markdown(source: str, path: str = "-") -> Document:
    front, body_start, error = split_front_matter(source)
    # Blank out the front matter (newlines kept) so token line numbers are the file's own.
    masked = "".join("\n" if c == "\n" else " " for c in source[:body_start]) + source[body_start:]
    parser = _Walker(masked)
    parser.walk(_MD.parse(masked))
    notes = [("EL005", 0, max(body_start - 1, 1), error)] if error else []
    blocks = parser.blocks
    title = front.get("title") if isinstance(front.get("title"), str) else None
    if title is None:
        h1 = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        title = h1.text if h1 else None
    return Document(path, SourceText(source), "markdown", blocks, front_matter=front, title=title, notes=notes)


class _Walker:
    def __init__(self, src: str) -> None:
        self.src = src
        self.lines = SourceText(src)
        self.blocks: list[Block] = []
        self.cursor = 0
        self.limit = len(src)
        self.containers: list[str] = []
        self.groups: list[int] = []
        self.group_counter = 0
        self.kind_stack: list[tuple[str, int]] = []

    # -- block level -------------------------------------------------------
    def walk(self, tokens: list[Token]) -> None:
        for tok in tokens:
            t = tok.type
            if t in ("bullet_list_open", "ordered_list_open"):
                self.containers.append("list")
                self.group_counter += 1
                self.groups.append(self.group_counter)
            elif t in ("bullet_list_close", "ordered_list_close"):
                self._pop("list")
            elif t == "table_open":
                self.containers.append("table")
                self.group_counter += 1
                self.groups.append(self.group_counter)
            elif t == "table_close":
                self._pop("table")
            elif t == "blockquote_open":
                self.containers.append("blockquote")
            elif t == "blockquote_close":
                if "blockquote" in self.containers:
                    self.containers.reverse()
                    self.containers.remove("blockquote")
                    self.containers.reverse()
            elif t == "heading_open":
                self.kind_stack.append(("heading", int(tok.tag[1:])))
            elif t in ("th_open", "td_open"):
                self.kind_stack.append(("table_cell", 0))
            elif t == "paragraph_open":
                inside_item = "list" in self.containers
                self.kind_stack.append(("list_item" if inside_item else "paragraph", 0))
            elif t in ("heading_close", "th_close", "td_close", "paragraph_close"):
                if self.kind_stack:
                    self.kind_stack.pop()
            elif t == "inline":
                self._inline(tok)
            elif t == "html_block":
                self._html_block(tok)
            if tok.map:
                # everything before a block's first line is behind us
                self.cursor = max(self.cursor, self.lines.line_start(tok.map[0] + 1))

    def _pop(self, name: str) -> None:
        for i in range(len(self.containers) - 1, -1, -1):
            if self.containers[i] == name:
                del self.containers[i]
                break
        if self.groups:
            self.groups.pop()

    def _html_block(self, tok: Token) -> None:
        if not tok.map:
            return
        start = self.lines.line_start(tok.map[0] + 1)
        end = self.lines.line_start(tok.map[1] + 1) if tok.map[1] < self.lines.line_count else len(self.src)
        chunk = self.src[start:end]
        if not regex.search(r"<(?:p|div|h[1-6]|li|td|th|figcaption|img|a|blockquote|aside|span|figure)\b", chunk, regex.I):
            return
        try:
            from editlint.parsers.html import parse_html
        except ImportError:
            return
        # Pad with white space so the HTML parser's offsets are the file's offsets.
        padded = "".join("\n" if c == "\n" else " " for c in self.src[:start]) + chunk
        try:
            doc = parse_html(padded, "-")
        except Exception:
            return
        for block in doc.blocks:
            if block.kind == "title":
                continue
            block.containers = tuple(self.containers) + block.containers
            self.blocks.append(block)

    # -- inline level ------------------------------------------------------
    def _inline(self, tok: Token) -> None:
        kind, level = self.kind_stack[-1] if self.kind_stack else ("paragraph", 0)
        if tok.map:
            self.cursor = max(self.cursor, self.lines.line_start(tok.map[0] + 1))
            self.limit = (self.lines.line_start(tok.map[1] + 1)
                          if tok.map[1] < self.lines.line_count else len(self.src))
        else:
            self.limit = len(self.src)
        group = self.groups[-1] if self.groups and kind in ("list_item", "table_cell") else -1
        builder = BlockBuilder(kind, level=level, containers=tuple(self.containers), group=group)
        link_stack: list[tuple[int, str | None, bool]] = []
        for child in tok.children or []:
            t = child.type
            if t == "text":
                if link_stack and link_stack[-1][2]:      # an autolink's text is its URL
                    self._skip_literal(child.content)
                else:
                    self._align(child.content, builder)
            elif t in ("softbreak", "hardbreak"):
                nl = self.src.find("\n", self.cursor, self.limit)
                if nl == -1:
                    builder.add_space(self.cursor)
                else:
                    builder.add_mapped(" ", nl, nl + 1)
                    self.cursor = nl + 1
            elif t == "code_inline":
                at = self.cursor
                self._skip_code(child)
                builder.add_space(at)
            elif t == "html_inline":
                at = self.cursor
                self._skip_literal(child.content)
                if regex.match(r"<br\b", child.content, regex.I):
                    builder.add_space(at)
            elif t == "link_open":
                autolink = child.markup in ("autolink", "linkify")
                link_stack.append((len(builder), child.attrGet("href"), autolink))
                if not autolink:
                    self._skip_to("[")
            elif t == "link_close":
                if link_stack:
                    start, href, autolink = link_stack.pop()
                    if autolink:
                        self._skip_to(">")
                        builder.add_space(self.cursor)
                    else:
                        builder.add_link(start, len(builder), href)
                        self._skip_destination()
            elif t == "image":
                self._image(child, builder)
        block = builder.build()
        if block is not None:
            self.blocks.append(block)

    def _image(self, tok: Token, outer: BlockBuilder) -> None:
        at = self.cursor
        self._skip_to("![")
        alt = BlockBuilder("alt", containers=tuple(self.containers))
        for child in tok.children or []:
            if child.type == "text":
                self._align(child.content, alt)
        self._skip_destination()
        block = alt.build()
        if block is not None:
            self.blocks.append(block)
        outer.add_space(at)

    # -- alignment ----------------------------------------------------------
    def _align(self, content: str, builder: BlockBuilder) -> None:
        src, limit = self.src, self.limit
        pos = self.cursor
        for ch in content:
            if pos + 1 < limit and src[pos] == "\\" and src[pos + 1] == ch and ch in _ASCII_PUNCT:  # \* -> *
                builder.add_mapped(ch, pos, pos + 2)
                pos += 2
                continue
            if pos < limit and src[pos] == "&" and (m := _ENTITY.match(src, pos)) and html.unescape(m.group()) == ch:
                builder.add_mapped(ch, pos, m.end())
                pos = m.end()
                continue
            if pos < limit and src[pos] == ch:
                builder.add_mapped(ch, pos, pos + 1)
                pos += 1
                continue
            hit = self._find_char(ch, pos)
            if hit is None:
                builder.add_mapped(ch, pos, pos)     # no source character: zero-width
                continue
            a, b = hit
            builder.add_mapped(ch, a, b)
            pos = b
        self.cursor = pos

    def _find_char(self, ch: str, pos: int) -> tuple[int, int] | None:
        """Where ``ch`` stands at or after ``pos``: itself, an escape or an entity."""
        src, limit = self.src, self.limit
        k = src.find(ch, pos, limit)
        stop = limit if k == -1 else k
        # an escape or entity for ch before the literal occurrence
        j = pos
        while True:
            amp = src.find("&", j, stop)
            bs = src.find("\\", j, stop)
            cands = [c for c in (amp, bs) if c != -1]
            if not cands:
                break
            c = min(cands)
            if src[c] == "\\" and c + 1 < limit and src[c + 1] == ch and ch in _ASCII_PUNCT:
                return c, c + 2
            if src[c] == "&":
                m = _ENTITY.match(src, c)
                if m and html.unescape(m.group()) == ch:
                    return c, m.end()
            j = c + 1
        return (k, k + 1) if k != -1 else None

    def _skip_literal(self, text: str) -> None:
        at = self.src.find(text, self.cursor, self.limit) if text else -1
        if at != -1:
            self.cursor = at + len(text)

    def _skip_to(self, marker: str) -> None:
        at = self.src.find(marker, self.cursor, self.limit)
        if at != -1:
            self.cursor = at + len(marker)

    def _skip_code(self, tok: Token) -> None:
        ticks = tok.markup or "`"
        open_at = self.src.find(ticks, self.cursor, self.limit)
        if open_at == -1:
            return
        close_at = self.src.find(ticks, open_at + len(ticks), self.limit)
        self.cursor = (close_at + len(ticks)) if close_at != -1 else open_at + len(ticks)

    def _skip_destination(self) -> None:
        """After a link's text: step over ``](dest "title")``, ``][ref]`` or ``]``."""
        src, pos, limit = self.src, self.cursor, self.limit
        close = src.find("]", pos, limit)
        if close == -1:
            return
        pos = close + 1
        if pos < limit and src[pos] == "(":
            depth, i = 0, pos
            while i < limit:
                c = src[i]
                if c == "\\":
                    i += 2
                    continue
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        pos = i + 1
                        break
                i += 1
        elif pos < limit and src[pos] == "[":
            end = src.find("]", pos, limit)
            pos = end + 1 if end != -1 else pos
        self.cursor = pos
