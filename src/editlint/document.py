"""The parsed article: prose blocks that remember where every character sits in the file.

Parsers (``editlint.parsers``) turn a file into a :class:`Document`. Rules only ever see
prose: markup, code, URLs, tags and front matter are gone, entities are decoded. Every
prose character keeps the source offset it came from, so a match in ``Block.text`` maps
back to the exact line and column of the file as written.
"""

from __future__ import annotations

import bisect
import re
from array import array
from functools import cached_property
from itertools import accumulate
from typing import Any, Iterable, Iterator, Sequence

import regex

from editlint import patternstore, prose
from editlint.records import Shown

# prose.WORD as a split: gaps and words, alternately (Block.words)
_WORD_SPLIT = patternstore.compile(f"({prose.WORD.pattern})")
# the same split of an ASCII text (\p{L}: A-Za-z, \p{M}: none, \p{Nd}: 0-9, no ’), by the
# standard library's re: ~40 % less time a block (tests compare the two)
_WORD_SPLIT_ASCII = re.compile(r"([A-Za-z][A-Za-z0-9]*(?:['\-][A-Za-z][A-Za-z0-9]*)*|[0-9]+(?:[.,][0-9]+)*%?)")

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


class Offsets:
    """A sequence of source offsets, one per prose character, kept as runs: ``value[i] =
    first + step * (i - at)`` within a run. Prose copied verbatim is one run however long it
    is, so a 10 MB paragraph costs a few runs, not twenty million integers."""

    __slots__ = ("_at", "_first", "_step", "_len")

    def __init__(self, values: Iterable[int] = ()) -> None:
        self._at = array("q")       # index where each run starts
        self._first = array("q")    # its first value
        self._step = array("b")     # 1 (consecutive offsets) or 0 (a repeated offset)
        self._len = 0
        for v in values:
            self.append(v)

    def __len__(self) -> int:
        return self._len

    def _last(self) -> int:
        k = len(self._at) - 1
        return self._first[k] + self._step[k] * (self._len - 1 - self._at[k])

    def append(self, value: int) -> None:
        k = len(self._at) - 1
        if k >= 0:
            count = self._len - self._at[k]
            last = self._first[k] + self._step[k] * (count - 1)
            if count == 1 and value - last in (0, 1):
                self._step[k] = value - last       # a run of one takes the step of its second value
                self._len += 1
                return
            if value == last + self._step[k]:
                self._len += 1
                return
        self._at.append(self._len)
        self._first.append(value)
        self._step.append(1)
        self._len += 1

    def extend_range(self, start: int, count: int) -> None:
        """Append start, start + 1, ..., start + count - 1."""
        if count <= 0:
            return
        self.append(start)
        count -= 1
        if count:
            k = len(self._at) - 1
            if self._step[k] == 1 and self._last() == start:
                self._len += count
            else:
                self._at.append(self._len)
                self._first.append(start + 1)
                self._step.append(1)
                self._len += count

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._len)
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            out = Offsets()
            if stop <= start:
                return out
            k = bisect.bisect_right(self._at, start) - 1
            while k < len(self._at) and self._at[k] < stop:
                a = max(self._at[k], start)
                b = min(self._at[k + 1] if k + 1 < len(self._at) else self._len, stop)
                first = self._first[k] + self._step[k] * (a - self._at[k])
                out._at.append(out._len)
                out._first.append(first)
                out._step.append(self._step[k])
                out._len += b - a
                k += 1
            return out
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("offset index out of range")
        k = bisect.bisect_right(self._at, index) - 1
        return self._first[k] + self._step[k] * (index - self._at[k])

    def __iter__(self) -> Iterator[int]:
        for k in range(len(self._at)):
            end = self._at[k + 1] if k + 1 < len(self._at) else self._len
            first, step = self._first[k], self._step[k]
            for i in range(end - self._at[k]):
                yield first + step * i

    def __eq__(self, other: object) -> bool:
        try:
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))  # type: ignore[arg-type]
        except TypeError:
            return NotImplemented

    def __repr__(self) -> str:
        return f"Offsets({list(self)[:8]}{'...' if self._len > 8 else ''})"


class Spans:
    """A block's word spans, (start, end) pairs in text order, kept in two integer arrays
    (a long article has millions of words; a tuple each would cost ten times as much)."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts = array("q")
        self.ends = array("q")
        for a, b in spans:
            self.starts.append(a)
            self.ends.append(b)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(zip(self.starts[index], self.ends[index]))
        return self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends)

    def __bool__(self) -> bool:
        return len(self.starts) > 0

    def __eq__(self, other: object) -> bool:
        try:
            return list(self) == list(other)  # type: ignore[call-overload]
        except TypeError:
            return NotImplemented


# Record classes (see editlint.records), equal only to themselves.
class Link(Shown):
    """A link as the reader sees it: anchor text (prose, in its block) and a target."""

    block: "Block"
    start: int            # anchor text span in block.text
    end: int
    href: str | None
    kind: str             # link | image | autolink

    def __init__(self, block: Block, start: int, end: int, href: str | None, kind: str = "link") -> None:
        self.block = block
        self.start = start
        self.end = end
        self.href = href
        self.kind = kind

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


class Block(Shown):
    """A run of prose with its source offsets.

    ``starts[i]``/``ends[i]`` are the source offsets of the character ``text[i]``: usually
    ``ends[i] == starts[i] + 1``, but a decoded entity (``&eacute;``) or an escape (``\\*``)
    covers several source characters.
    """

    kind: str
    text: str
    starts: Sequence[int]               # a list, or compact Offsets (what the parsers build)
    ends: Sequence[int]
    level: int                          # heading level
    containers: tuple[str, ...]         # enclosing structures: "blockquote", "list", "aside", "table", "nav", ...
    group: int                          # consecutive list items / table rows share a group id
    index: int                          # position in Document.blocks
    links: list[Link]
    inferred: bool                      # kind guessed from plain-text layout rather than markup

    def __init__(self, kind: str, text: str, starts: Sequence[int], ends: Sequence[int], level: int = 0,
                 containers: tuple[str, ...] = (), group: int = -1, index: int = -1,
                 links: list[Link] | None = None, inferred: bool = False) -> None:
        self.kind = kind
        self.text = text
        self.starts = starts
        self.ends = ends
        self.level = level
        self.containers = containers
        self.group = group
        self.index = index
        self.links = [] if links is None else links
        self.inferred = inferred
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

    @cached_property
    def _quote_index(self) -> tuple[list[int], list[int], list[int]]:
        """Starts, ends and running lengths of the quotes (sorted, never overlapping)."""
        starts = [a for a, _ in self.quotes]
        ends = [b for _, b in self.quotes]
        running = [0]
        for a, b in self.quotes:
            running.append(running[-1] + b - a)
        return starts, ends, running

    def in_quotes(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        if not self.quotes:
            return False
        starts, ends, _ = self._quote_index
        k = bisect.bisect_right(starts, start) - 1   # the only quote that can hold it
        return k >= 0 and end <= ends[k]

    def quotes_overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotes that overlap text[start:end], in order (a run of them: found by bisection)."""
        if not self.quotes:
            return []
        starts, ends, _ = self._quote_index
        return self.quotes[bisect.bisect_right(ends, start):bisect.bisect_left(starts, end)]

    @cached_property
    def _link_index(self) -> tuple[list[int], list[int]]:
        """Starts of the links with a target, sorted, and the furthest end reached so far."""
        spans = sorted((link.start, link.end) for link in self.links if link.href)
        return [a for a, _ in spans], list(accumulate((b for _, b in spans), max))

    def has_link(self, start: int, end: int) -> bool:
        """Does a link with a target overlap text[start:end]?"""
        starts, reach = self._link_index
        k = bisect.bisect_left(starts, end)      # the links that start before ``end``
        return k > 0 and reach[k - 1] > start

    def quoted_chars(self, start: int, end: int) -> int:
        """How many characters of text[start:end] lie inside quotation marks."""
        if end <= start or not self.quotes:
            return 0
        starts, ends, running = self._quote_index
        first = bisect.bisect_right(ends, start)        # quotes ending after start
        last = bisect.bisect_left(starts, end)          # ... and starting before end
        if first >= last:
            return 0
        inside = running[last] - running[first]
        inside -= max(0, start - starts[first])
        inside -= max(0, ends[last - 1] - end)
        return inside

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def words(self) -> Spans:
        """(start, end) of each word (``prose.WORD``), in order."""
        spans = Spans()
        text = self.text
        if len(text) <= self.SENTENCE_WORDS_CHARS:
            # one split: gaps and words as strings, their ends by a running sum (the words
            # are kept for sentence_words)
            parts = (_WORD_SPLIT_ASCII if text.isascii() else _WORD_SPLIT).split(text)
            bounds = list(accumulate(map(len, parts)))
            spans.starts.extend(bounds[0:-1:2])
            spans.ends.extend(bounds[1::2])
            self.__dict__["_word_texts"] = parts[1::2]
            return spans
        starts, ends = spans.starts, spans.ends
        for m in prose.WORD.finditer(text):
            a, b = m.span()
            starts.append(a)
            ends.append(b)
        return spans

    # Blocks longer than this do not keep their sentences' words as strings (see sentence_words).
    SENTENCE_WORDS_CHARS = 50_000

    @cached_property
    def sentence_words(self) -> list[list[str]] | None:
        """For each of ``sentences``, its words: ``prose.WORD.findall(text, s.start, s.end)``,
        cut from :attr:`words` (one pass of the pattern shared by every reader: readability,
        the duplicate kinds). A sentence that some word of the whole text runs into or out of
        is matched on its own. None for a long block (its words are not all kept as strings):
        then each reader matches each sentence."""
        text = self.text
        if len(text) > self.SENTENCE_WORDS_CHARS:
            return None
        spans = self.words
        starts, ends = spans.starts, spans.ends
        words = self.__dict__.pop("_word_texts", None) or [text[a:b] for a, b in zip(starts, ends)]
        out = []
        left = bisect.bisect_left
        for s in self.sentences:
            i, j = left(starts, s.start), left(starts, s.end)
            if (i and ends[i - 1] > s.start) or (j > i and ends[j - 1] > s.end):
                out.append(prose.WORD.findall(text, s.start, s.end))
            else:
                out.append(words[i:j])
        return out

    def __repr__(self) -> str:  # keep test failures readable
        return f"Block({self.kind!r}, {self.text[:40]!r}, at={self.source_start})"


class Sentence(Shown):
    """A sentence: a span of its block's text."""

    block: Block
    start: int
    end: int

    def __init__(self, block: Block, start: int, end: int) -> None:
        self.block = block
        self.start = start
        self.end = end

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


class Document(Shown):
    """A parsed file: its source and its prose blocks."""

    path: str
    source: SourceText
    format: str                                 # markdown | html | text
    blocks: list[Block]
    front_matter: dict[str, Any]
    title: str | None
    notes: list[tuple[str, int, int, str]]      # parser notes: (code, start, end, message)

    def __init__(self, path: str, source: SourceText, format: str, blocks: list[Block],
                 front_matter: dict[str, Any] | None = None, title: str | None = None,
                 notes: list[tuple[str, int, int, str]] | None = None) -> None:
        self.path = path
        self.source = source
        self.format = format
        self.blocks = blocks
        self.front_matter = {} if front_matter is None else front_matter
        self.title = title
        self.notes = [] if notes is None else notes
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
