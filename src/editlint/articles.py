"""What the archive report needs to know about each linted article, besides its findings.

An :class:`ArticleInfo` is taken from the parsed Document where the article is linted (in
this process, a ``--jobs`` worker or a Dask worker), travels back with the findings, and is
kept in the cache beside them, so a re-run from the cache can still draw the report.
"""

from __future__ import annotations

import re
from typing import Any

from editlint.records import Record, fields_of

_MONTH = re.compile(r"(\d{4})[-/](\d{2})(?:\D|$)")

# Front matter keys that name an article's section, most specific first.
SECTION_KEYS = ("section", "category", "categories")


class ArticleInfo(Record):
    """One linted article: its size and the metadata the archive report groups by."""

    __slots__ = ("words", "title", "section", "date", "url", "export", "record")

    words: int                 # prose words (Document.word_count); 0 when it could not be linted
    title: str | None
    section: str | None        # front matter section / category / first of categories, or the export's
    date: str | None           # as written, ISO 8601 expected ("2005-03-14", "2005-03-14T09:30:00Z")
    url: str | None
    export: str | None         # the JSON Lines export the article came from, as displayed
    record: int                # the article's line in that export

    def __init__(self, words: int = 0, title: str | None = None, section: str | None = None, date: str | None = None,
                 url: str | None = None, export: str | None = None, record: int = 0) -> None:
        self.words = words
        self.title = title
        self.section = section
        self.date = date
        self.url = url
        self.export = export
        self.record = record

    @property
    def month(self) -> str | None:
        """"YYYY-MM" from the date, or None when there is no date that starts like one."""
        m = _MONTH.match(self.date or "")
        if m is None or not 1 <= int(m.group(2)) <= 12:
            return None
        return f"{m.group(1)}-{m.group(2)}"

    def to_list(self) -> list[Any]:
        return [getattr(self, name) for name in fields_of(ArticleInfo)]

    @classmethod
    def from_list(cls, row: list[Any]) -> "ArticleInfo":
        return cls(*row)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    import datetime     # (not at start-up: a plain-text article has no front matter)
    if isinstance(value, (datetime.date, datetime.datetime)):   # YAML and TOML front matter read dates as dates
        return value.isoformat()
    return None


def info_of(doc, export: str | None = None, record: int = 0) -> ArticleInfo:
    """The ArticleInfo of a parsed Document (front matter, or what an export supplied)."""
    front = doc.front_matter if isinstance(doc.front_matter, dict) else {}
    section = None
    for key in SECTION_KEYS:
        value = front.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        section = _text(value)
        if section:
            break
    return ArticleInfo(words=doc.word_count, title=doc.title, section=section, date=_text(front.get("date")),
                       url=_text(front.get("url")), export=export, record=record)
