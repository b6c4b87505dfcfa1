"""HTML through the standard library's tokenizer, with every prose character mapped to the source.

``html.parser.HTMLParser`` runs with ``convert_charrefs=False``: text arrives as raw slices
of the file and every entity as its own event, and ``getpos()`` gives the line and column
of each event, which a line-start table turns into an absolute offset. Prose is the text
of the page a reader reads: tags, attributes, comments, ``<script>``/``<style>``/``<code>``
and the like, the ``<head>`` (except ``<title>``) and site chrome (navigation, cookie
banners, share bars, header and footer outside the article) are not prose. When a page has
an ``<article>`` or ``<main>``, only the text inside it (and the ``<title>``) is prose, unless
it holds so little of the page's text that it is evidently not the story (teaser cards).

The tokenizer is lenient and so is the tree kept here: unclosed tags, stray end tags and
implicitly closed paragraphs and list items are handled the way browsers mostly do, and no
input makes :func:`parse_html` raise.
"""

from __future__ import annotations

import html
from html.entities import html5 as _HTML5
from html.parser import HTMLParser
from typing import Any

import regex

from editlint import patternstore
from editlint.document import Block, Document, SourceText
from editlint.parsers.base import BlockBuilder, blank_markup, split_front_matter

VOID = frozenset("area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr".split())

# A start or end tag of one of these ends the running block of text.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe legend
    li main menu nav ol optgroup option p pre section summary table tbody td tfoot th thead title tr ul
    button select textarea object video audio canvas math""".split()
)

# Never prose, wherever they are.
SKIP_TAGS = frozenset(
    """script style noscript template svg math code pre kbd samp var nav button select option optgroup
    textarea iframe object embed audio video canvas datalist""".split()
)

HEAD_TAGS = frozenset("title meta link script style base noscript template".split())

STORY_SHARE = 0.75  # of several <article>s, the story has at least this share of their words
MAIN_SHARE = 0.25  # article/main prose under this share of the page's: not the story
MAX_SCAN = 128   # how deep a search for an open element looks

HEADINGS = {f"h{n}": n for n in range(1, 7)}

# Elements after which a new one of the same family closes the open one.
_CLOSES = {
    "li": ({"li"}, {"ul", "ol", "menu", "table", "td", "th"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr", "td", "th"}, {"table", "tbody", "thead", "tfoot"}),
    "tbody": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "thead": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"tbody", "thead", "tfoot", "tr", "td", "th"}, {"table"}),
    "option": ({"option"}, {"select", "datalist"}),
    "a": ({"a"}, set()),
}
# Block starts that close an open <p> (an inline-only element).
_P_CLOSERS = frozenset(
    """address article aside blockquote center details dialog dir div dl fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section summary table ul li
    dd dt""".split()
)
# Elements a <p> cannot be implicitly closed across.
_P_SCOPE = frozenset("td th li dd dt blockquote div section article main aside figure body html table button".split())

# id / class / role values of site chrome.
_CHROME = patternstore.compile(
    r"cookie|consent|gdpr|breadcrumb|(?<![a-z])shar(?:e|ing)(?![a-z]*holder)|social-?(?:share|links|icons|bar|media)"
    r"|newsletter|subscribe|signup|sign-up|skip-?link|site-?(?:header|footer|nav)|navbar|menu-?(?:bar|toggle)"
    # readers' comments are not the writer's voice; advertising slots are not the story
    r"|(?<![a-z-])comments(?![a-z-])|comments?[-_]?(?:area|section|list|form|wrapper|container|respond)"
    r"|commentlist|(?<![a-z-])respond(?![a-z-])|disqus"
    r"|(?<![a-z0-9])(?:ads?|adverts?|advertisement)(?:[-_](?:slot|unit|container|wrapper|banner|box|label))?(?![a-z0-9_-])"
    r"|adsbygoogle"
    # the post's tag and category links: taxonomy, not prose
    r"|(?<![a-z])(?:tags?|cat|categor(?:y|ies))[-_]?links|(?:post|entry|article)[-_]?(?:tags|categories)(?![a-z])"
    r"|tag-?cloud",
    regex.I,
)
_CAPTION_CLASS = patternstore.compile(r"(?<![a-z-])(?:wp-caption-text|caption-text|image-caption|figure-caption)(?![a-z-])", regex.I)
_NOTEREF = patternstore.compile(r"footnote|fnref|noteref|(?<![a-z])fn(?![a-z])", regex.I)
_PULLQUOTE = patternstore.compile(r"pull[-_ ]?quote|pull-?out|(?<![a-z])pull(?![a-z-])", regex.I)
_ENTITY = patternstore.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_TAG_START = patternstore.compile(r"<[A-Za-z/!?]")
_WS = " \t\n\r\f"
_WS_RUN = patternstore.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")
_ATTR = patternstore.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?""")


def parse_html(source: str, path: str = "-") -> Document:
    front, body_start, error = split_front_matter(source)
    notes: list[tuple[str, int, int, str]] = []
    if error:
        notes.append(("EL005", 0, max(body_start - 1, 1), error))
    parser = _Parser(blank_markup(source, body_start), body_start)
    try:
        parser.run()
    except Exception as exc:  # a best-effort document rather than a traceback
        try:
            parser.flush()
        except Exception:
            pass
        notes.append(("EL201", 0, 0, f"the HTML parser stopped early ({type(exc).__name__}: {exc}); "
                                     "the rest of the file was not linted"))
    meta = parser.meta
    for key, value in meta.items():
        front.setdefault(key, value)
    blocks = _main_content(parser.blocks, parser.in_main)
    title = front.get("title") if isinstance(front.get("title"), str) else None
    if title is None:
        element = next((b.text for b in blocks if b.kind == "title"), None)
        h1 = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), None)
        # "Headline | Site name": the headline itself when the page repeats it in an <h1>
        if element and h1 and len(h1) < len(element) and h1.casefold() in element.casefold():
            title = h1
        else:
            title = element or h1
    return Document(path, SourceText(source), "html", blocks, front_matter=front, title=title, notes=notes)


def _main_content(blocks: list[Block], in_main: list[bool | int]) -> list[Block]:
    """The blocks inside ``<article>``/``<main>`` (and the title) when the page has them,
    unless they hold under MAIN_SHARE of the prose: then they are teaser cards or the like
    and the story is elsewhere, so every block is kept."""
    if not any(in_main):
        return blocks
    total = inside = 0
    for block, main in zip(blocks, in_main):
        if block.kind != "title":
            n = len(block.words)
            total += n
            inside += n if main else 0
    if inside < MAIN_SHARE * total:
        return blocks
    kept = [(b, main) for b, main in zip(blocks, in_main) if main or b.kind == "title"]
    # Several <article>s: one story and teaser cards ("More stories"). The story is the
    # one with nearly all the words; the cards go. Articles of like size (a live blog's
    # entries) all stay.
    words: dict[int, int] = {}
    for block, main in kept:
        if type(main) is int and block.kind != "title":
            words[main] = words.get(main, 0) + len(block.words)
    if len(words) > 1:
        story = max(words, key=words.__getitem__)
        if words[story] >= STORY_SHARE * sum(words.values()):
            kept = [(b, main) for b, main in kept if type(main) is not int or main == story]
    return [b for b, _ in kept]


class _El:
    """An open element and what it means for the text inside it."""

    __slots__ = ("tag", "serial", "skip", "head", "title", "main", "kind", "level", "containers", "quote",
                 "list_group", "table_group", "link")

    def __init__(self, tag: str, parent: "_El | None", serial: int = 0) -> None:
        self.tag = tag
        self.serial = serial
        if parent is None:
            self.skip = self.head = self.title = self.main = self.quote = False
            self.kind, self.level = "", 0
            self.containers: tuple[str, ...] = ()
            self.list_group = self.table_group = -1
        else:
            self.skip, self.head, self.title, self.main = parent.skip, parent.head, parent.title, parent.main
            self.kind, self.level, self.containers = parent.kind, parent.level, parent.containers
            self.quote = parent.quote
            self.list_group, self.table_group = parent.list_group, parent.table_group
        self.link: list[Any] | None = None   # [start index, href] for an open <a>


class _Parser(HTMLParser):
    def __init__(self, source: str, body_start: int = 0) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = body_start
        self.text = source[body_start:]
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.line_starts = starts
        self.root = _El("#root", None)
        self.stack: list[_El] = []
        self.links: list[_El] = []               # open <a href> elements in prose
        self.blocks: list[Block] = []
        self.in_main: list[bool | int] = []      # per block: inside <main> (True) or an <article> (its serial)
        self.pending: list[tuple[Block, bool]] = []  # alt blocks waiting for the running block to end
        self.builder: BlockBuilder | None = None
        self.meta: dict[str, Any] = {}
        self.serial = 0
        self.closing = False
        self.dead = False                        # an unterminated comment runs to the end

    # -- driving -------------------------------------------------------------
    def run(self) -> None:
        # A comment that is never closed runs to the end of the file, as in a browser. Cut
        # the input there: left in, every unclosed "<!--" makes the tokenizer rescan the
        # rest of the file, which is quadratic.
        text = self.text
        last_close = text.rfind("-->")
        unclosed = text.find("<!--", last_close + 3 if last_close != -1 else 0)
        if unclosed != -1:
            text = text[:unclosed]
        # Likewise a tag opened after the last ">" can never close: cut it off too.
        last_gt = text.rfind(">")
        open_tag = _TAG_START.search(text, last_gt + 1)
        self.feed(text if open_tag is None else text[:open_tag.start()])
        # The tokenizer stops at some odd constructs ("&#" with no digits) until more input
        # comes; push it on while it makes progress, so close() does not dump the rest as text.
        while self.rawdata:
            before = len(self.rawdata)
            self.goahead(0)
            if len(self.rawdata) >= before:
                break
        self.closing = True
        self.close()
        self.flush()

    def here(self) -> int:
        line, col = self.getpos()
        return self.base + self.line_starts[min(line, len(self.line_starts)) - 1] + col

    @property
    def top(self) -> _El:
        return self.stack[-1] if self.stack else self.root

    def prose_here(self) -> bool:
        el = self.top
        if el.skip:
            return False
        if el.title:
            return True
        return not el.head

    # -- blocks ---------------------------------------------------------------
    def flush(self) -> None:
        if self.builder is not None:
            for el in self.links:
                self.builder.add_link(el.link[0], len(self.builder), el.link[1])
                el.link[0] = 0
            block = self.builder.build()
            main = getattr(self.builder, "in_main", False)
            self.builder = None
            if block is not None:
                self.blocks.append(block)
                self.in_main.append(main)
        for block, main in self.pending:
            self.blocks.append(block)
            self.in_main.append(main)
        self.pending = []

    def new_builder(self) -> BlockBuilder:
        el = self.top
        kind = el.kind or ("quote" if el.quote else "paragraph")
        attrs: dict[str, Any] = {"containers": el.containers}
        if kind == "heading":
            attrs["level"] = el.level
        elif kind == "list_item":
            attrs["group"] = el.list_group
        elif kind == "table_cell":
            attrs["group"] = el.table_group
        builder = BlockBuilder(kind, **attrs)
        builder.in_main = el.main
        return builder

    def add_text(self, data: str, start: int) -> None:
        """Raw source text at ``start``: white space collapsed, entities decoded."""
        if not data:
            return
        b = self.builder
        for m in _WS_RUN.finditer(data):
            piece = m.group()
            at = start + m.start()
            if piece[0] in _WS:
                if b is not None and b.chars and not b.chars[-1].isspace():
                    b.add_mapped(" ", at, at + 1)
                continue
            if b is None:
                b = self.builder = self.new_builder()
            if "&" not in piece:
                b.add_verbatim(piece, at)
                continue
            pos = 0
            for em in _ENTITY.finditer(piece):
                b.add_verbatim(piece[pos:em.start()], at + pos)
                self.add_entity(em.group(), at + em.start())
                pos = em.end()
            b.add_verbatim(piece[pos:], at + pos)

    def add_entity(self, raw: str, start: int) -> None:
        """An entity or character reference ``raw`` at ``start``."""
        if raw.startswith("&#"):
            decoded = html.unescape(raw)
        else:
            name = raw[1:]
            decoded = _HTML5.get(name, raw) if name else raw
        if decoded == raw or not decoded:
            if self.builder is None:
                self.builder = self.new_builder()
            self.builder.add_verbatim(raw, start)
            return
        if decoded.isspace():  # &nbsp; and friends separate words like any white space
            if self.builder is not None and self.builder.chars and not self.builder.chars[-1].isspace():
                self.builder.add_mapped(" ", start, start + len(raw))
            return
        if self.builder is None:
            self.builder = self.new_builder()
        self.builder.add_mapped(decoded, start, start + len(raw))

    # -- tree -----------------------------------------------------------------
    def push(self, tag: str, attrs: list[tuple[str, str | None]]) -> _El:
        self.serial += 1
        el = _El(tag, self.top, self.serial)
        values = {k: (v or "") for k, v in attrs}
        marks = " ".join((values.get("id", ""), values.get("class", ""), values.get("role", "")))
        role = values.get("role", "").lower()
        if tag in SKIP_TAGS or role == "navigation":
            el.skip = True
        elif tag in ("header", "footer") or role in ("banner", "contentinfo"):
            if not el.main:
                el.skip = True
        if marks.strip() and _CHROME.search(marks):
            el.skip = True
        if tag == "a" and "tag" in values.get("rel", "").lower().split():
            el.skip = True   # a tag link (rel="tag") wherever it stands
        # A footnote reference ("rose.<sup><a href="#fn1">1</a></sup> Then") is not prose:
        # left in, its number glues two sentences together.
        if role == "doc-noteref" or (tag in ("sup", "a") and _NOTEREF.search(values.get("class", ""))) \
                or (tag == "a" and self.top.tag == "sup" and values.get("href", "").startswith("#")):
            el.skip = True
        if tag == "head":
            el.head = True
        elif tag == "title":
            el.title = True
            el.kind = "title"
        elif tag == "article" and type(el.main) is not int:
            el.main = self.serial          # which story: the serial of the outermost <article>
        elif tag == "main" or role == "main":
            el.main = el.main or True
        if tag in HEADINGS:
            el.kind, el.level = "heading", HEADINGS[tag]
        elif tag == "li":
            el.kind = "list_item"
            if el.list_group == -1 or "list" not in el.containers:
                el.list_group = self.top.serial  # items outside a list: one group per parent
        elif tag in ("td", "th"):
            el.kind = "table_cell"
        elif tag in ("figcaption", "caption") or _CAPTION_CLASS.search(values.get("class", "")):
            el.kind = "caption"
        if tag in ("ul", "ol", "menu"):
            el.list_group = self.serial
            el.kind = ""
            el = self._contain(el, "list")
        elif tag == "li" and "list" not in el.containers:
            el = self._contain(el, "list")
        elif tag == "table":
            el.table_group = self.serial
            el.kind = ""
            el = self._contain(el, "table")
        elif tag == "blockquote":
            el = self._contain(el, "blockquote")
        elif tag == "aside":
            el.quote = True
            el = self._contain(el, "aside")
        elif tag == "figure":
            el = self._contain(el, "figure")
        elif tag in ("header", "footer"):
            el = self._contain(el, tag)
        if _PULLQUOTE.search(values.get("class", "")):
            el.quote = True
        self.stack.append(el)
        return el

    @staticmethod
    def _contain(el: _El, name: str) -> _El:
        if name not in el.containers:
            el.containers = el.containers + (name,)
        return el

    def pop_to(self, index: int) -> None:
        """Close the open elements from ``index`` up."""
        while len(self.stack) > index:
            el = self.stack.pop()
            if el.link is not None:
                if self.builder is not None:
                    self.builder.add_link(el.link[0], len(self.builder), el.link[1])
                el.link = None
                self.links.remove(el)

    def find_open(self, names: set[str] | frozenset[str], scope: set[str] | frozenset[str] | tuple = ()) -> int:
        """Index of the innermost open element named in ``names``, not looking past one
        in ``scope`` nor deeper than MAX_SCAN elements (keeps broken nesting linear)."""
        for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - MAX_SCAN), -1):
            tag = self.stack[i].tag
            if tag in names:
                return i
            if tag in scope:
                return -1
        return -1

    # -- tokenizer events -----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dead:
            return
        at = self.here()
        if tag == "meta":
            self._meta(attrs)
        elif tag == "link":
            self._canonical(attrs)
        if tag not in HEAD_TAGS and self.top.head:
            i = self.find_open({"head"}, ())
            if i != -1:
                self.flush()
                self.pop_to(i)
        if tag in BLOCK_TAGS:
            self.flush()
        if tag in _P_CLOSERS:
            i = self.find_open({"p"}, _P_SCOPE)
            if i != -1:
                self.pop_to(i)
        if tag in HEADINGS:
            i = self.find_open(set(HEADINGS), _P_SCOPE)
            if i != -1 and i == len(self.stack) - 1:
                self.pop_to(i)
        if tag in _CLOSES:
            names, scope = _CLOSES[tag]
            i = self.find_open(names, scope)
            if i != -1:
                self.pop_to(i)
        if tag == "br":
            if self.builder is not None and self.builder.chars and not self.builder.chars[-1].isspace():
                text = self.get_starttag_text() or "<br>"
                self.builder.add_mapped(" ", at, at + len(text))
            return
        if (tag in SKIP_TAGS or tag == "img") and self.builder is not None:
            self.builder.add_space(at)  # left-out inline content still separates words
        if tag == "img":
            if self.prose_here():
                self._alt(attrs, at)
            return
        if tag in VOID:
            return
        prose = self.prose_here()
        el = self.push(tag, attrs)
        if prose and el.skip and self.builder is not None:
            self.builder.add_space(at)   # left-out inline content still separates words
        if tag == "a":
            href = dict(attrs).get("href")
            if href is not None and self.prose_here():
                el.link = [len(self.builder) if self.builder is not None else 0, href]
                self.links.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dead:
            return
        if tag == "br":  # </br> reads as <br>
            if self.builder is not None and self.builder.chars and not self.builder.chars[-1].isspace():
                at = self.here()
                end = self.source.find(">", at, at + 200)
                self.builder.add_mapped(" ", at, end + 1 if end != -1 else at + 1)
            return
        if tag in BLOCK_TAGS:
            self.flush()
        i = self.find_open({tag})
        if i != -1:
            self.pop_to(i)

    def handle_data(self, data: str) -> None:
        if self.dead or not data:
            return
        if self.closing and data.startswith("<!--"):
            self.dead = True   # an unterminated comment hides the rest of the file
            return
        if not self.prose_here():
            return
        at = self.here()
        if not self.source.startswith(data, at):
            return  # never guess an offset
        self.add_text(data, at)

    def handle_entityref(self, name: str) -> None:
        if self.dead or not self.prose_here():
            return
        at = self.here()
        end = at + 1 + len(name)
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[at:end]
        if raw[1:1 + len(name)] != name:
            return
        self.add_entity(raw, at)

    def handle_charref(self, name: str) -> None:
        if self.dead or not self.prose_here():
            return
        at = self.here()
        end = at + 2 + len(name)
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[at:end]
        if raw[2:2 + len(name)] != name:
            return
        self.add_entity(raw, at)

    # -- attributes -------------------------------------------------------------------
    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        name = (values.get("name") or values.get("property") or "").lower()
        content = values.get("content", "").strip()
        if not content:
            return
        if name in ("keywords", "news_keywords") and "keywords" not in self.meta:
            words = [w.strip() for w in content.split(",") if w.strip()]
            if words:
                self.meta["keywords"] = words
        elif name in ("description", "og:description") and "description" not in self.meta:
            self.meta["description"] = content
        elif name == "og:url" and "url" not in self.meta:
            self.meta["url"] = content

    def _canonical(self, attrs: list[tuple[str, str | None]]) -> None:
        # the page's URL (its slug is one of the places a keyphrase is stated)
        values = {k: (v or "") for k, v in attrs}
        if "canonical" in values.get("rel", "").lower().split() and values.get("href", "").strip():
            self.meta["url"] = values["href"].strip()

    def _alt(self, attrs: list[tuple[str, str | None]], at: int) -> None:
        if not dict(attrs).get("alt"):
            return
        raw = self.get_starttag_text() or ""
        if not self.source.startswith(raw, at):
            return
        name_end = 1
        while name_end < len(raw) and raw[name_end] not in " \t\n\r\f/>":
            name_end += 1
        for m in _ATTR.finditer(raw, name_end):
            if m.group(1).lower() != "alt":
                continue
            for g in (2, 3, 4):
                if m.group(g) is not None:
                    value_start = m.start(g)
                    value = m.group(g)
                    break
            else:
                return
            saved = self.builder
            el = self.top
            self.builder = BlockBuilder("alt", containers=el.containers)
            self.add_text(value, at + value_start)
            block = self.builder.build()
            self.builder = saved
            if block is not None:
                self.pending.append((block, el.main))
                if saved is None:
                    self.flush()
            return
