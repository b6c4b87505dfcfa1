"""Shared pieces of the parsers: a block builder that keeps offsets, and front matter."""

from __future__ import annotations

from typing import Any

import regex

from editlint import patternstore
from editlint.document import Block, Link, Offsets
from editlint.safeio import InputError, load_toml, load_yaml

# Front matter is a few lines of data; more than this is not front matter to be read.
MAX_FRONT_MATTER = 256 * 1024


# WordPress shortcodes left in exported or scraped posts ("[caption id=… width=300]",
# "[/caption]", page-builder markup such as "[vc_row]" and "[et_pb_text …]"): not prose.
WP_SHORTCODE = patternstore.compile(
    r"\[/?(?:caption|wp_caption|gallery|embed|video|audio|playlist|contact-form(?:-7)?|vc_\w+|et_pb_\w+)"
    r"(?:\s[^\[\]]{0,2000})?/?\]",
    regex.I,
)


# Template tags: Hugo shortcodes ({{< … >}}, {{% … %}}), Liquid and the like ({{ … }}, {% … %}).
TEMPLATE_TAG = patternstore.compile(r"\{\{.{0,1000}?\}\}|\{%.{0,1000}?%\}", regex.S)
BLANK_LINE = patternstore.compile(r"\n[ \t]*\r?\n")


def blank_markup(text: str, start: int = 0, fill: str = " ") -> str:
    """``text`` with every WordPress shortcode and template tag at or after ``start``
    replaced, character for character, by ``fill`` (line breaks kept), so offsets do not
    move. A "tag" with a blank line inside is two stray braces, not a tag."""
    def blank(m: regex.Match) -> str:
        if BLANK_LINE.search(m.group()):
            return m.group()
        return "".join(c if c == "\n" else fill for c in m.group())
    body = text[start:]
    if "[" in body:
        body = WP_SHORTCODE.sub(blank, body)
    if "{" in body:
        body = TEMPLATE_TAG.sub(blank, body)
    return text[:start] + body


class ProseChars:
    """The prose characters of a block being built, kept as the pieces they were added in:
    a 10 MB paragraph is one piece, not ten million one-character strings in a list."""

    __slots__ = ("_pieces", "_len")

    def __init__(self, text: str = "") -> None:
        self._pieces: list[str] = [text] if text else []
        self._len = len(text)

    def extend(self, text: str) -> None:
        if text:
            self._pieces.append(text)
            self._len += len(text)

    append = extend

    def text(self) -> str:
        if len(self._pieces) > 1:
            self._pieces = ["".join(self._pieces)]
        return self._pieces[0] if self._pieces else ""

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return ProseChars(self.text()[index])
        if index == -1 and self._pieces:
            return self._pieces[-1][-1]
        return self.text()[index]

    def __iter__(self):
        return iter(self.text())


class BlockBuilder:
    """Accumulates prose characters with the source offsets they came from."""

    def __init__(self, kind: str = "paragraph", **attrs: Any) -> None:
        self.kind = kind
        self.attrs = attrs
        self.chars = ProseChars()
        self.starts = Offsets()
        self.ends = Offsets()
        self.links: list[tuple[int, int, str | None, str]] = []

    def __len__(self) -> int:
        return len(self.chars)

    def add_verbatim(self, text: str, offset: int) -> None:
        """Text that stands in the source exactly as it reads, starting at ``offset``."""
        self.chars.extend(text)
        self.starts.extend_range(offset, len(text))
        self.ends.extend_range(offset + 1, len(text))

    def add_mapped(self, text: str, start: int, end: int) -> None:
        """Text decoded from source[start:end] (an entity, an escape)."""
        for ch in text:
            self.chars.append(ch)
            self.starts.append(start)
            self.ends.append(end)

    def add_space(self, offset: int) -> None:
        """A separator between pieces of prose that has no character of its own in the source."""
        if self.chars and not self.chars[-1].isspace():
            self.chars.append(" ")
            self.starts.append(offset)
            self.ends.append(offset)

    def add_link(self, start: int, end: int, href: str | None, kind: str = "link") -> None:
        if end > start:
            self.links.append((start, end, href, kind))

    def has_prose(self) -> bool:
        text = self.chars.text()
        return text != "" and not text.isspace()

    def build(self) -> Block | None:
        """The finished block, trimmed of outer white space; None when it holds no prose."""
        text = self.chars.text()
        a, b = 0, len(text)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            return None
        block = Block(self.kind, text[a:b], self.starts[a:b], self.ends[a:b], **self.attrs)
        for start, end, href, kind in self.links:
            s, e = max(start - a, 0), min(end - a, b - a)
            if e > s:
                block.links.append(Link(block, s, e, href, kind))
        return block


def split_front_matter(text: str) -> tuple[dict[str, Any], int, str | None]:
    """Front matter at the top of a file: (data, offset where the body starts, error).

    The block is a ``---`` line, YAML, and a closing ``---`` or ``...`` line; or, as Hugo
    writes it, a ``+++`` line, TOML, and a closing ``+++`` line. Front matter is data, not
    prose.
    """
    toml = text.startswith("+++")
    if not (toml or text.startswith("---")):
        return {}, 0, None
    fence = "+++" if toml else "---"
    closers = ("+++",) if toml else ("---", "...")
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].strip() != fence:
        return {}, 0, None
    pos = first_nl + 1
    while pos <= len(text):
        nl = text.find("\n", pos)
        line = text[pos:] if nl == -1 else text[pos:nl]
        if line.rstrip() in closers:
            body = len(text) if nl == -1 else nl + 1
            raw = text[first_nl + 1:pos]
            if toml:
                import tomllib      # only for TOML front matter

                try:
                    data = load_toml(raw.replace("\r\n", "\n"), "front matter", MAX_FRONT_MATTER)
                except tomllib.TOMLDecodeError as exc:
                    return {}, body, f"front matter is not valid TOML: {exc}"
                except InputError as exc:
                    return {}, body, f"front matter not read: {exc}"
                return data, body, None
            try:
                data = load_yaml(raw, "front matter", MAX_FRONT_MATTER) if raw.strip() else {}
            except InputError as exc:
                return {}, body, f"front matter not read: {exc}"
            except (ValueError, TypeError, OverflowError) as exc:    # "!!timestamp 2024-13-45"
                return {}, body, f"front matter holds a value that cannot be read: {exc}"
            except Exception as exc:
                import yaml     # imported only when a file has YAML front matter

                if not isinstance(exc, yaml.YAMLError):
                    raise
                mark = getattr(exc, "problem_mark", None)
                where = f" (front matter line {mark.line + 2})" if mark is not None else ""
                problem = getattr(exc, "problem", None) or "invalid YAML"
                return {}, body, f"front matter is not valid YAML: {problem}{where}"
            if not isinstance(data, dict):
                return {}, body, "front matter is not a YAML mapping"
            return data, body, None
        if nl == -1:
            break
        pos = nl + 1
    return {}, 0, None
