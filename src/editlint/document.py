"""The parsed article: prose blocks that remember where every character sits in the file.

Parsers (``editlint.parsers``) turn a file into a :class:`Document`. Rules only ever see
prose: markup, code, URLs, tags and front matter are gone, entities are decoded. Every
prose character keeps the source offset it came from, so a match in ``Block.text`` maps
back to the exact line and column of the file as written.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator

from editlint import prose

# Block kinds a rule may scope itself to.
BLOCK_KINDS = (
    "title",       # the article's title (front matter, <title>/<h1>, or a text file's first line)
    "heading",
    "paragraph",
    "list_item",
    "table_cell",
    "caption",     # <figcaption>, Markdown image titles
    "alt",         # image alt text
    "quote",       # pull quotes: <aside>, <blockquote class="pullquote">
)


class SourceText:
    """The file as written, with offset -> (line, column) in code points, 1-based."""

    __slots__ = ("text", "_line_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._line_starts[max(0, min(line, len(self._line_starts)) - 1)]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_text(self, line: int) -> str:
        start = self.line_start(line)
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end]


@dataclass(eq=False)
class Link:
    """A link as the reader sees it: anchor text (prose, in its block) and a target."""

    block: "Block"
    start: int            # anchor text span in block.text
    end: int
    href: str | None
    kind: str = "link"    # link | image | autolink

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


@dataclass(eq=False)
class Block:
    """A run of prose with its source offsets.

    ``starts[i]``/``ends[i]`` are the source offsets of the character ``text[i]``: usually
    ``ends[i] == starts[i] + 1``, but a decoded entity (``&eacute;``) or an escape (``\\*``)
    covers several source characters.
    """

    kind: str
    text: str
    starts: list[int]
    ends: list[int]
    level: int = 0                      # heading level
    containers: tuple[str, ...] = ()    # enclosing structures: "blockquote", "list", "aside", "table", "nav", ...
    group: int = -1                     # consecutive list items / table rows share a group id
    index: int = -1                     # position in Document.blocks
    links: list[Link] = field(default_factory=list)
    inferred: bool = False              # kind guessed from plain-text layout rather than markup

    def __post_init__(self) -> None:
        if not (len(self.text) == len(self.starts) == len(self.ends)):
            raise ValueError("a block needs one source offset per character")

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [a, b) covering text[start:end]."""
        if not self.text:
            return 0, 0
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return self.starts[start], self.ends[end - 1]

    @property
    def source_start(self) -> int:
        return self.starts[0] if self.starts else 0

    @property
    def source_end(self) -> int:
        return self.ends[-1] if self.ends else 0

    @cached_property
    def sentences(self) -> list["Sentence"]:
        return [Sentence(self, a, b) for a, b in prose.split_sentences(self.text)]

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Spans of quoted text (quotation marks included) in ``text``."""
        return prose.quote_spans(self.text)

    def in_quotes(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        return any(a <= start and end <= b for a, b in self.quotes)

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        return prose.word_spans(self.text)

    def __repr__(self) -> str:  # keep test failures readable
        return f"Block({self.kind!r}, {self.text[:40]!r}, at={self.source_start})"


@dataclass(eq=False)
class Sentence:
    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


@dataclass(eq=False)
class Document:
    path: str
    source: SourceText
    format: str                                 # markdown | html | text
    blocks: list[Block]
    front_matter: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    notes: list[tuple[str, int, int, str]] = field(default_factory=list)  # parser notes: (code, start, end, message)

    def __post_init__(self) -> None:
        for i, block in enumerate(self.blocks):
            block.index = i

    @property
    def text(self) -> str:
        return self.source.text

    def fill_front_matter(self, values: dict[str, Any]) -> None:
        """Front matter from elsewhere (a JSON Lines export's title and keyphrase): it fills
        in what the file's own front matter lacks. Call it before anything reads the
        front matter (``keyphrases`` is computed once)."""
        for key, value in values.items():
            self.front_matter.setdefault(key, value)
        if self.title is None and isinstance(values.get("title"), str):
            self.title = values["title"]

    @cached_property
    def links(self) -> list[Link]:
        return [link for block in self.blocks for link in block.links]

    def sentences(self) -> Iterator[Sentence]:
        for block in self.blocks:
            yield from block.sentences

    @cached_property
    def word_count(self) -> int:
        return sum(len(b.words) for b in self.blocks if b.kind != "alt")

    @cached_property
    def keyphrases(self) -> list[str]:
        """Target keyphrases named in front matter (Yoast-style fields and plain ``keywords``)."""
        found: list[str] = []
        for key in ("keyphrase", "keyphrases", "focus_keyphrase", "focus_keyword", "focuskw",
                    "focus-keyphrase", "focus-keyword", "keywords", "keyword"):
            value = self.front_matter.get(key)
            if isinstance(value, str):
                found += [v.strip() for v in value.split(",")]
            elif isinstance(value, list):
                found += [str(v).strip() for v in value]
        seen: dict[str, None] = {}
        for phrase in found:
            if phrase and phrase.lower() not in seen:
                seen[phrase.lower()] = None
        return list(seen)

    def blocks_of(self, *kinds: str) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind in kinds)
