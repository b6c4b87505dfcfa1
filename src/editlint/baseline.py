"""Baselines: accept the findings a project already has, fail only on new ones.

``editlint check --write-baseline FILE`` records the current findings; ``editlint check
--baseline FILE`` drops every finding the file accounts for. A finding is identified by
its file, its code and the text it points at (:attr:`Finding.excerpt`, with runs of
whitespace collapsed), never by its line number, so an edit above a finding does not
break the baseline. Identical findings are counted: two recorded ones absorb two.

The file is JSON, written deterministically (sorted, two-space indent, a final newline)::

    {
      "tool": "editlint",
      "version": 1,
      "findings": [
        {"path": "news/a.md", "code": "ZZ901", "excerpt": "frobnicate", "count": 2}
      ]
    }

``path`` is relative to the baseline file's folder (forward slashes), so the baseline
works whatever folder editlint is run from. An excerpt longer than ``MAX_EXCERPT``
characters is stored as its beginning plus a hash of the whole
(``"<first 80 characters>… #<16 hex digits>"``).
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable

from editlint.rule import Finding

FORMAT_VERSION = 1
MAX_EXCERPT = 120
_HEAD = 80


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a baseline."""


def normalise(excerpt: str) -> str:
    """The text a finding points at, as baselines and fingerprints compare it."""
    text = " ".join(unicodedata.normalize("NFC", excerpt).split())
    if len(text) > MAX_EXCERPT:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        text = f"{text[:_HEAD]}… #{digest}"
    return text


def relative_path(path: str, base: Path) -> str:
    """``path`` (as a finding shows it) relative to ``base``, with forward slashes;
    standard input (``-``) and paths outside ``base`` keep their own form."""
    if path == "-":
        return path
    try:
        absolute = Path(os.path.abspath(path))
        return absolute.relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        return Path(path).as_posix()


def key(finding: Finding, base: Path) -> tuple[str, str, str]:
    return relative_path(finding.path, base), finding.code, normalise(finding.excerpt)


def entries(findings: Iterable[Finding], base: Path) -> Counter:
    return Counter(key(f, base) for f in findings)


def dumps(findings: Iterable[Finding], base: Path) -> str:
    counted = entries(findings, base)
    rows = [{"path": p, "code": c, "excerpt": e, "count": n} for (p, c, e), n in sorted(counted.items())]
    doc = {"tool": "editlint", "version": FORMAT_VERSION, "findings": rows}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write(file: Path, findings: Iterable[Finding]) -> int:
    """Record ``findings`` in ``file``; returns how many were recorded."""
    findings = list(findings)
    text = dumps(findings, file.parent)
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BaselineError(f"{file}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(findings)


def load(file: Path) -> Counter:
    from editlint.safeio import InputError, read_regular
    try:
        data = json.loads(read_regular(file, what="baseline").decode("utf-8"))
    except InputError as exc:
        raise BaselineError(str(exc)) from None
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read the baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{file}: not a baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("tool") != "editlint" or "findings" not in data:
        raise BaselineError(f"{file}: not an editlint baseline (write one with --write-baseline)")
    if data.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{file}: baseline version {data.get('version')!r} is not supported "
                            f"(this editlint writes version {FORMAT_VERSION}); write it again")
    counted: Counter = Counter()
    for i, row in enumerate(data["findings"]):
        try:
            path, code, excerpt = row["path"], row["code"], row["excerpt"]
            count = row.get("count", 1)
        except (TypeError, KeyError) as exc:
            raise BaselineError(f"{file}: entry {i + 1} lacks {exc}") from None
        if not (isinstance(path, str) and isinstance(code, str) and isinstance(excerpt, str)
                and isinstance(count, int) and count > 0):
            raise BaselineError(f"{file}: entry {i + 1} is malformed")
        counted[(path, code, excerpt)] += count
    return counted


def filter_new(findings: list[Finding], accepted: Counter, base: Path) -> list[Finding]:
    """The findings the baseline does not account for. Findings are taken in order
    (path, line, column), so when a file has more of one finding than the baseline
    recorded, the later ones are reported."""
    left = Counter(accepted)
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        k = key(f, base)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(f)
    return out
