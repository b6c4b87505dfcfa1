"""JSON Lines exports: an archive as one file, one article a line.

A path whose name ends in ``.jsonl`` or ``.ndjson`` (or either plus ``.gz``) is read as an
export, whether it is named on the command line or found in a folder whose configured
``extensions`` list it. Each non-blank line is one JSON object::

    {"id": "2005/03/budget-vote", "text": "…", "title": "…", "keyphrase": "…",
     "date": "2005-03-14", "section": "politics", "url": "https://…"}

- ``id`` (a string, or a number) names the article: it is the path of the article's
  findings, and line and column count within its text. Ids are unique across the run.
- ``text`` or ``html`` is the article. ``html`` is parsed as HTML (and is the one linted
  when a record has both: it keeps the links); ``text`` as the optional ``format`` says
  (``markdown``, ``html`` or ``text``), else by the id's extension, else as HTML when it
  starts like HTML, else as Markdown, as standard input is.
- ``title``, ``keyphrase`` (a string or a list of strings), ``date``, ``section`` and
  ``url`` are optional strings. They act as the article's front matter: the title and
  keyphrase feed the rules (the text's own front matter, if it has one, wins), and the
  date and section group the archive report. Other keys are ignored.

A line that is not such a record is one ``EL006`` finding at the export's path and line;
the other lines are still linted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from editlint import parsers
from editlint.work import EXPORT_SUFFIXES, is_export  # noqa: F401  (named here too: exports.is_export)

OPTIONAL_STRINGS = ("title", "date", "section", "url")
FORMATS = ("markdown", "html", "text")
EXCERPT_CHARS = 200


@dataclass(slots=True)
class Article:
    """One good record."""

    id: str
    text: str
    format: str                      # markdown | html | text
    line: int                        # 1-based line in the export
    digest: str                      # SHA-256 of the record's line: the cache's content key
    front: dict[str, Any] = field(default_factory=dict)   # the optional fields given


@dataclass(slots=True)
class BadRecord:
    line: int
    column: int
    message: str
    excerpt: str


class ExportError(Exception):
    """The export itself cannot be read (or stops being readable part-way)."""


def _lines(path: Path) -> Iterator[bytes]:
    import gzip
    import zlib

    opener = gzip.open if str(path).lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            yield from fh
    except (OSError, EOFError, zlib.error) as exc:
        raise ExportError(getattr(exc, "strerror", None) or str(exc) or type(exc).__name__) from None


def read(path: Path, display: str, ids: dict[str, str]) -> Iterator[Article | BadRecord]:
    """The records of the export at ``path`` in order. ``ids`` (id -> where it was first
    seen) is shared by every export of a run, so an id repeated anywhere is reported."""
    for number, raw in enumerate(_lines(path), 1):
        raw = raw.rstrip(b"\r\n")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        yield _record(raw, number, display, ids)


def _record(raw: bytes, number: int, display: str, ids: dict[str, str]) -> Article | BadRecord:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", "replace")
        return BadRecord(number, len(raw[:exc.start].decode("utf-8", "replace")) + 1,
                         f"record is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); not linted", text[:EXCERPT_CHARS])
    excerpt = line.strip()[:EXCERPT_CHARS]

    def bad(message: str, column: int = 1) -> BadRecord:
        return BadRecord(number, column, message + "; not linted", excerpt)

    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return bad(f"record is not valid JSON: {exc.msg}", exc.colno)
    except RecursionError:
        return bad("record is not valid JSON: nested too deeply")
    if not isinstance(data, dict):
        return bad(f"record is a JSON {type(data).__name__.replace('list', 'array').replace('str', 'string')}, "
                   "not an object with 'id' and 'text' or 'html'")
    ident = data.get("id")
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = str(ident)
    if ident is None or isinstance(ident, str) and not ident.strip():
        return bad("record has no 'id' (a non-empty string or a number)")
    if not isinstance(ident, str):
        return bad(f"record's 'id' must be a string or a number, not {_kind(ident)}")
    if any(ord(c) < 32 or ord(c) == 127 for c in ident):
        return bad(f"record's 'id' {ident!r} holds a line break or control character")
    if "html" in data and data["html"] is not None:
        body, fmt = data["html"], "html"
        if not isinstance(body, str):
            return bad(f"record {ident!r}: 'html' must be a string, not {_kind(body)}")
    elif "text" in data and data["text"] is not None:
        body = data["text"]
        if not isinstance(body, str):
            return bad(f"record {ident!r}: 'text' must be a string, not {_kind(body)}")
        fmt = data.get("format")
        if fmt is None:
            fmt = parsers.format_for(ident, body)
        elif fmt not in FORMATS:
            return bad(f"record {ident!r}: 'format' must be one of {', '.join(FORMATS)}, not {fmt!r}")
    else:
        return bad(f"record {ident!r} has neither 'text' nor 'html'")
    front: dict[str, Any] = {}
    for key in OPTIONAL_STRINGS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return bad(f"record {ident!r}: '{key}' must be a string, not {_kind(value)}")
        front[key] = value
    keyphrase = data.get("keyphrase")
    if keyphrase is not None:
        if not (isinstance(keyphrase, str) or isinstance(keyphrase, list)
                and all(isinstance(k, str) for k in keyphrase)):
            return bad(f"record {ident!r}: 'keyphrase' must be a string or a list of strings, not {_kind(keyphrase)}")
        front["keyphrase"] = keyphrase
    where = f"{display}:{number}"
    first = ids.setdefault(ident, where)
    if first != where:
        return bad(f"record id {ident!r} is already used at {first}; ids must be unique")
    import hashlib

    return Article(ident, body, fmt, number, hashlib.sha256(raw).hexdigest(), front)


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
