"""Parsers turn a file's text into a Document whose prose keeps its source offsets."""

from __future__ import annotations

import regex

from editlint import patternstore
from editlint.document import Document

FORMAT_BY_EXTENSION = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
}
FORMATS = ("markdown", "html", "text")

_HTML_SNIFF = patternstore.compile(r"\A\s*(?:<!doctype html|<html\b|<(?:head|body|article|main|p|div|h[1-6])\b)", regex.I)


def format_for(path: str, text: str | None = None) -> str:
    """The format of ``path`` by its extension; for anything else (stdin, unknown
    extensions) HTML when it starts like HTML, else Markdown."""
    dot = path.rfind(".")
    if dot != -1 and path[dot:].lower() in FORMAT_BY_EXTENSION:
        return FORMAT_BY_EXTENSION[path[dot:].lower()]
    if text is not None and _HTML_SNIFF.match(text[:2000]):
        return "html"
    return "markdown"


def parse(text: str, path: str = "-", fmt: str | None = None) -> Document:
    fmt = fmt or format_for(path, text)
    if fmt == "markdown":
        from editlint.parsers.markdown import parse_markdown
        return parse_markdown(text, path)
    if fmt == "html":
        from editlint.parsers.html import parse_html
        return parse_html(text, path)
    if fmt == "text":
        from editlint.parsers.text import parse_text
        return parse_text(text, path)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
