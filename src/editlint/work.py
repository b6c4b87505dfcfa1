"""The units of a ``check`` run: files and the articles of JSON Lines exports.

:func:`plan` turns the files a run was given into *items* (a :class:`FileItem` per file, an
:class:`ArticleItem` per good record of an export) plus the findings already known (the
``EL006`` notes about bad records, an ``EL001`` for an export that cannot be read).
:func:`lint_item` lints one item with a Linter wherever it runs (this process, a ``--jobs``
worker, a Dask worker) and returns its findings with its :class:`ArticleInfo`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from editlint.articles import ArticleInfo, info_of
from editlint.records import Record
from editlint.rule import Finding

if TYPE_CHECKING:
    from editlint import exports


# Record classes: see editlint.records.
class FileItem(Record):
    """A file to lint."""

    __slots__ = ("source", "display", "data", "where")

    source: str                   # the file's path as given
    display: str                  # its path as findings show it
    data: bytes | None            # its bytes when the caller read them (for a Dask worker); else read where linted
    where: str | None             # the path per-file-ignores match, when not ``display`` (a remote worker's cwd differs)

    def __init__(self, source: str, display: str, data: bytes | None = None, where: str | None = None) -> None:
        self.source = source
        self.display = display
        self.data = data
        self.where = where


class ArticleItem(Record):
    """An article of a JSON Lines export, to lint."""

    __slots__ = ("source", "display", "export", "line", "text", "format", "digest", "front", "where")

    source: str                   # the export's path as given (configuration is found from it)
    display: str                  # the article's id
    export: str                   # the export's path as findings show it
    line: int                     # the record's line in the export
    text: str
    format: str
    digest: str
    front: dict[str, Any]
    where: str | None

    def __init__(self, source: str, display: str, export: str, line: int, text: str, format: str, digest: str,
                 front: dict[str, Any] | None = None, where: str | None = None) -> None:
        self.source = source
        self.display = display
        self.export = export
        self.line = line
        self.text = text
        self.format = format
        self.digest = digest
        self.front = {} if front is None else front
        self.where = where


Item = FileItem | ArticleItem


class Linted(Record):
    """An item's findings and what the archive report needs of it."""

    __slots__ = ("findings", "info")

    findings: list[Finding]
    info: ArticleInfo

    def __init__(self, findings: list[Finding], info: ArticleInfo) -> None:
        self.findings = findings
        self.info = info


# What names a JSON Lines export (editlint.exports reads one; imported only then).
EXPORT_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def is_export(path: str | Path) -> bool:
    return str(path).lower().endswith(EXPORT_SUFFIXES)


def plan(linter, resolver, files: list[Path], display: Callable[[Path], str]) -> tuple[list[Item], list[Finding], int]:
    """(items, findings already known, how many articles the run covers): an export counts
    each of its records, good or bad; a file counts once."""
    items: list[Item] = []
    known: list[Finding] = []
    count = 0
    ids: dict[str, str] = {}
    for path in files:
        shown = display(path)
        if not is_export(path):
            items.append(FileItem(str(path), shown))
            count += 1
            continue
        from editlint import exports    # only a run given an export reads one
        cfg = resolver.for_path(path)
        try:
            for record in exports.read(path, shown, ids):
                count += 1
                if isinstance(record, exports.BadRecord):
                    known.append(record_note(linter, cfg, shown, record))
                else:
                    items.append(ArticleItem(str(path), record.id, shown, record.line, record.text,
                                             record.format, record.digest, record.front))
        except exports.ExportError as exc:
            count += 1
            known.append(linter.note(cfg, "EL001", shown, f"cannot read the export: {exc}"))
    return items, known, count


def record_note(linter, cfg, display: str, bad: exports.BadRecord) -> Finding:
    """EL006 at the bad record's line (and, for broken JSON, its column) in the export."""
    note = linter.note(cfg, "EL006", display, bad.message)
    note.line = note.end_line = bad.line
    note.column = note.end_column = bad.column
    note.excerpt = bad.excerpt
    return note


def config_of(resolver, item: Item):
    return resolver.for_path(Path(item.source))


def article_where(cfg, item: ArticleItem) -> str:
    """per-file-ignores match an article's id, relative to the configuration's folder."""
    return os.path.join(cfg.root, item.display)


def lint_item(linter, item: Item, cfg=None) -> Linted:
    """Lint one item; ``cfg`` defaults to the configuration found from the item's file."""
    docs: list = []
    if isinstance(item, FileItem):
        if item.data is None and cfg is None and item.where is None:
            findings = linter.lint_file(Path(item.source), item.display, keep=docs)
        else:
            cfg = cfg or config_of(linter.resolver, item)
            data = item.data if item.data is not None else linter.read_file(Path(item.source), item.display, cfg)
            findings = ([data] if isinstance(data, Finding) else
                        linter.lint_bytes(data, item.display, cfg, item.source, keep=docs, where=item.where))
        return Linted(findings, info_of(docs[0]) if docs else ArticleInfo())
    cfg = cfg or config_of(linter.resolver, item)
    info = ArticleInfo(export=item.export, record=item.line)
    size = len(item.text.encode("utf-8", "surrogatepass"))
    if size > cfg.max_file_size:
        return Linted([linter.note(cfg, "EL004", item.display,
                                   f"article is {size / 1_048_576:.1f} MB, over the {cfg.max_file_size / 1_048_576:.1f} MB "
                                   "limit (max-file-size); not linted")], info)
    findings = linter.lint_text(item.text, item.display, cfg, fmt=item.format, keep=docs,
                                where=item.where or article_where(cfg, item), front_matter=item.front)
    return Linted(findings, info_of(docs[0], item.export, item.line) if docs else info)


def touched(changed, item: Item) -> bool:
    """Whether --diff leaves anything of ``item`` to report: a file with a changed line, an
    article whose record (its line of the export) changed."""
    if isinstance(item, ArticleItem):
        return changed.covers(item.source, item.line)
    return changed.touched(item.source)
