"""Markdown through markdown-it-py, with every prose character mapped to the source.

markdown-it gives block tokens a line range but inline tokens no character offsets, so the
inline text is aligned back onto the source: each decoded character is found at or after a
cursor that only moves forward, stepping over markup (``**``, ``[``, ``](url)``), escapes
(``\\*``) and entities (``&eacute;``). Link destinations and code are skipped explicitly so
that text after them cannot be aligned into them.

Site-generator markup is not prose either: Hugo shortcodes (``{{< … >}}``, ``{{% … %}}``),
Liquid tags (``{% … %}``, ``{{ … }}``), attribute lists (``{: .lead}``, ``## Heading {#id}``)
and footnote markers (``[^1]``, which the CommonMark
preset does not parse) are masked out before parsing, character for character, so every
offset stays the file's own. A ``figure`` shortcode's ``alt`` and ``caption``/``title`` are
read as alt text and a caption; a footnote definition (``[^1]: …``) is a block of its own.
"""

from __future__ import annotations

import bisect
import html

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from editlint import patternstore
from editlint.document import Block, Document, SourceText
from editlint.parsers.base import BLANK_LINE, TEMPLATE_TAG, WP_SHORTCODE, BlockBuilder, split_front_matter

_SUP_CLOSE = patternstore.compile(r"</sup\b", regex.I)
_SUP_OPEN = patternstore.compile(r"<sup\b", regex.I)
_BR = patternstore.compile(r"<br\b", regex.I)
_PROSE_TAG = patternstore.compile(r"<(?:p|div|h[1-6]|li|td|th|figcaption|img|a|blockquote|aside|span|figure)\b", regex.I)
_ENTITY = patternstore.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_INLINE_TAG = patternstore.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
# Inline HTML elements whose content is not prose (as in the HTML parser).
_HIDDEN_INLINE = frozenset("script style noscript template svg math code kbd samp var textarea".split())

# Masks: private-use characters standing in for source that is not prose, one per character.
_MASK = "\ue000"       # a shortcode, template tag or footnote reference: not prose, separates words
_MASK_DEF = "\ue001"   # a footnote definition's "[^label]:": the start of a new block
_MASKS = frozenset(_MASK + _MASK_DEF)
# Template tags whose content is code or a comment, not prose: masked from the opening tag
# to the matching closing one ({% highlight %}…{% endhighlight %}, {{< highlight >}}…{{< /highlight >}}).
_CODE_OPEN = patternstore.compile(r"\{%-?\s*(highlight|comment|raw)\b[^\n]{0,200}?%\}"
                           r"|\{\{[<%]\s*(highlight|code|comment)\b[^\n]{0,1000}?[>%]\}\}", regex.I)
_CODE_CLOSE = patternstore.compile(r"\{%-?\s*end(highlight|comment|raw)\s*-?%\}"
                            r"|\{\{[<%]\s*/\s*(highlight|code|comment)\s*[>%]\}\}", regex.I)
# Attribute lists: kramdown's "{: .lead}", and "{#id}"/"{.class}" closing a heading or line
# (Hugo/goldmark, Pandoc) or right after a bracketed span ("[text]{.smallcaps}").
_ATTRIBUTES = patternstore.compile(
    r"\{:[^{}\n]{0,200}\}|\{[#.][\w-][^{}\n]{0,200}\}(?=[ \t]*\r?$)|(?<=\])\{[#.][\w-][^{}\n]{0,200}\}", regex.M)
_FOOTNOTE_DEF = patternstore.compile(r"^[ ]{0,3}(\[\^[^\]\s]{1,100}\]:)", regex.M)
_FOOTNOTE_REF = patternstore.compile(r"\[\^[^\]\s]{1,100}\]")
_FIGURE_SHORTCODE = patternstore.compile(r"\{\{[<%]\s*(?:figure|img|image)\b", regex.I)
_ATTR_MARKUP = patternstore.compile(r"<[^<>]*>|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
_SHORTCODE_ATTR = patternstore.compile(r"""\b(alt|caption|title)\s*=\s*(?:"([^"]*)"|'([^']*)'|`([^`]*)`)""", regex.I)


def _mask(source: str, body_start: int) -> tuple[str, list[Block]]:
    """The source with front matter blanked and template tags and footnote markers masked,
    plus the alt and caption blocks of figure shortcodes."""
    chars = list(source)
    for i in range(body_start):
        if chars[i] != "\n":
            chars[i] = " "
    body = source[body_start:]
    extra: list[Block] = []
    closers: dict[str, list[tuple[int, int]]] = {}
    for m in _CODE_CLOSE.finditer(body):
        closers.setdefault((m.group(1) or "%" + m.group(2)).lower(), []).append(m.span())
    done = 0
    for m in _CODE_OPEN.finditer(body):
        if m.start() < done:
            continue
        spans = closers.get((m.group(1) or "%" + m.group(2)).lower(), [])
        k = bisect.bisect_left(spans, (m.end(), 0))
        if k == len(spans):
            continue
        done = spans[k][1]
        for i in range(body_start + m.start(), body_start + done):
            if chars[i] != "\n":
                chars[i] = _MASK
    for m in TEMPLATE_TAG.finditer(body):
        if BLANK_LINE.search(m.group()):
            continue   # "{{" and "}}" paragraphs apart: not one tag
        a = body_start + m.start()
        for i in range(a, body_start + m.end()):
            if chars[i] != "\n":
                chars[i] = _MASK
        if _FIGURE_SHORTCODE.match(m.group()):
            extra += _shortcode_blocks(m.group(), a)
    for m in WP_SHORTCODE.finditer(body):
        for i in range(body_start + m.start(), body_start + m.end()):
            if chars[i] not in _MASKS and chars[i] != "\n":
                chars[i] = _MASK
    for m in _ATTRIBUTES.finditer(body):
        for i in range(body_start + m.start(), body_start + m.end()):
            if chars[i] not in _MASKS:
                chars[i] = _MASK
    for m in _FOOTNOTE_DEF.finditer(body):
        for i in range(body_start + m.start(1), body_start + m.end(1)):
            chars[i] = _MASK_DEF
    for m in _FOOTNOTE_REF.finditer(body):
        for i in range(body_start + m.start(), body_start + m.end()):
            if chars[i] not in _MASKS:
                chars[i] = _MASK
    return "".join(chars), extra


def _shortcode_blocks(tag: str, offset: int) -> list[Block]:
    blocks = []
    for m in _SHORTCODE_ATTR.finditer(tag):
        g = next(g for g in (2, 3, 4) if m.group(g) is not None)
        b = BlockBuilder("alt" if m.group(1).lower() == "alt" else "caption", containers=("figure",))
        value, at = m.group(g), offset + m.start(g)
        pos = 0
        for tag in _ATTR_MARKUP.finditer(value):   # "Photo: <a href='…'>Name</a>", "**bold**"
            b.add_verbatim(value[pos:tag.start()], at + pos)
            if tag.group().startswith("<"):
                b.add_space(at + tag.start())
            pos = tag.end()
        b.add_verbatim(value[pos:], at + pos)
        block = b.build()
        if block is not None:
            blocks.append(block)
    return blocks


def parse_markdown(source: str, path: str = "-") -> Document:
    front, body_start, error = split_front_matter(source)
    # Blank out the front matter (newlines kept) so token line numbers are the file's own.
    masked, extra = _mask(source, body_start)
    parser = _Walker(masked)
    parser.walk(_MD.parse(masked))
    notes = [("EL005", 0, max(body_start - 1, 1), error)] if error else []
    blocks = parser.blocks
    for block in extra:   # figure shortcodes' alt and caption, in document order
        at = next((i for i, b in enumerate(blocks) if b.source_start > block.source_start), len(blocks))
        blocks.insert(at, block)
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
        if not _PROSE_TAG.search(chunk):
            return
        try:
            from editlint.parsers.html import parse_html
        except ImportError:
            return
        # Pad with white space so the HTML parser's offsets are the file's offsets.
        # Masked template tags read as white space there.
        chunk = chunk.replace(_MASK, " ").replace(_MASK_DEF, " ")
        padded = "".join("\n" if c == "\n" else " " for c in self.src[:start]) + chunk
        try:
            doc = parse_html(padded, "-")
        except Exception:
            return
        groups: dict[int, int] = {}   # the HTML parser's group ids are its own: renumber them
        for block in doc.blocks:
            if block.kind == "title":
                continue
            block.containers = tuple(self.containers) + block.containers
            if block.group != -1:
                if block.group not in groups:
                    self.group_counter += 1
                    groups[block.group] = self.group_counter
                block.group = groups[block.group]
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
        self.splits: list[int] = []
        link_stack: list[tuple[int, str | None, str]] = []
        sup = 0   # open <sup> elements: a link to "#…" in one is a footnote reference, not prose
        hidden: list[str] = []   # open inline <script>, <code>, <kbd>…: their text is not prose
        for child in tok.children or []:
            t = child.type
            if hidden and t not in ("html_inline", "softbreak", "hardbreak"):
                continue   # the closing tag is found from the cursor, which has not moved
            if t == "text":
                if link_stack and link_stack[-1][2] != "link":   # an autolink's text is its URL
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
                tag = _INLINE_TAG.match(child.content)
                name = tag.group(2).lower() if tag else ""
                if name in _HIDDEN_INLINE:
                    if not tag.group(1) and not child.content.rstrip().endswith("/>"):
                        hidden.append(name)
                    elif tag.group(1) and name in hidden:
                        del hidden[len(hidden) - 1 - hidden[::-1].index(name):]
                    builder.add_space(at)
                elif hidden:
                    pass
                elif _BR.match(child.content):
                    builder.add_space(at)
                elif _SUP_OPEN.match(child.content):
                    sup += 1
                elif _SUP_CLOSE.match(child.content):
                    sup = max(0, sup - 1)
            elif t == "link_open":
                href = child.attrGet("href")
                mode = ("auto" if child.markup in ("autolink", "linkify")
                        else "note" if sup and str(href or "").startswith("#") else "link")
                link_stack.append((len(builder), href, mode))
                if mode != "auto":
                    self._skip_to("[")
            elif t == "link_close":
                if link_stack:
                    start, href, mode = link_stack.pop()
                    if mode == "auto":
                        self._skip_to(">")
                        builder.add_space(self.cursor)
                    elif mode == "note":
                        self._skip_destination()
                        builder.add_space(self.cursor)
                    else:
                        builder.add_link(start, len(builder), href)
                        self._skip_destination()
            elif t == "image":
                self._image(child, builder)
        for part in _split(builder, self.splits):
            block = part.build()
            if block is not None:
                self.blocks.append(block)

    def _image(self, tok: Token, outer: BlockBuilder) -> None:
        at = self.cursor
        self._skip_to("![")
        alt = BlockBuilder("alt", containers=tuple(self.containers))
        for child in tok.children or []:
            if child.type == "text":
                self._align(child.content, alt)
        dest = self.cursor
        self._skip_destination()
        block = alt.build()
        if block is not None:
            self.blocks.append(block)
        # the image's title ("![alt](src "title")") is its caption, when it stands in the source as read
        title = tok.attrGet("title")
        if title and title.strip():
            where = self.src.find(title, dest, self.cursor)
            if where != -1:
                caption = BlockBuilder("caption", containers=tuple(self.containers))
                caption.add_verbatim(title, where)
                block = caption.build()
                if block is not None:
                    self.blocks.append(block)
        outer.add_space(at)

    # -- alignment ----------------------------------------------------------
    def _align(self, content: str, builder: BlockBuilder) -> None:
        src, limit = self.src, self.limit
        pos = self.cursor
        gap = False   # a masked tag or marker was just passed: the next word is a new one
        for ch in content:
            if ch in _MASKS:
                if pos < limit and src[pos] == ch:
                    if ch == _MASK_DEF and (pos == 0 or src[pos - 1] != _MASK_DEF):
                        self.splits.append(len(builder))
                    pos += 1
                gap = True
                continue
            if gap:
                if not ch.isspace():
                    builder.add_space(pos)
                gap = False
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

    splits: list[int]

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


def _split(builder: BlockBuilder, at: list[int]) -> list[BlockBuilder]:
    """``builder`` cut before each index in ``at`` (footnote definitions that markdown-it
    read as one paragraph): one builder per footnote, the first one's kind for all."""
    cuts = sorted({i for i in at if 0 < i < len(builder)})
    if not cuts:
        if at:
            builder.attrs["containers"] = builder.attrs.get("containers", ()) + ("footnote",)
        return [builder]
    parts = []
    bounds = [0] + cuts + [len(builder)]
    for n, (a, b) in enumerate(zip(bounds, bounds[1:])):
        containers = builder.attrs.get("containers", ())
        if n > 0 or 0 in at:
            containers = containers + ("footnote",)
        part = BlockBuilder(builder.kind, **{**builder.attrs, "containers": containers})
        part.chars, part.starts, part.ends = builder.chars[a:b], builder.starts[a:b], builder.ends[a:b]
        part.links = [(s - a, e - a, href, kind) for s, e, href, kind in builder.links if a <= s and e <= b]
        parts.append(part)
    return parts
