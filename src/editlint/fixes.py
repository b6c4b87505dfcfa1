"""Applying fixes: ``editlint check --fix`` and ``--show-fixes``, and the language server's
quick fixes.

A rule attaches a :class:`~editlint.rule.Fix` to a finding when it knows one; only the
fixes it marks ``safe`` are applied unasked. Today these are a substitution rule's swap
when it has a single replacement, and deleting a sentence that repeats one word for word
(HY101). A fix edits only text the parser read as plain prose (no markup, entity or escape
inside it) and inserts nothing that could open markup, so Markdown, HTML and plain text
stay intact.

Fixes are applied in passes: the safe fixes of one lint that do not overlap (or touch) each
other, then a fresh lint of the result, until none is left (at most ``MAX_PASSES``). A file
is written only when its bytes are still those that were read; a file changed meanwhile is
left untouched.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from editlint.rule import Finding

MAX_PASSES = 10


def safe(f: Finding) -> bool:
    return f.fix is not None and f.fix.applicability == "safe" and bool(f.fix.edits)


def apply(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """``text`` with the fixes of ``findings`` applied, in order of position, each whole or
    not at all; a fix whose edits overlap or touch an earlier one's waits for the next pass.
    Returns the new text and the findings whose fixes were applied."""
    taken: list[tuple[int, int]] = []
    applied: list[Finding] = []
    for f in sorted((f for f in findings if f.fix is not None and f.fix.edits),
                    key=lambda f: (f.fix.edits[0].start, f.fix.edits[0].end, f.code)):
        spans = [(e.start, e.end) for e in f.fix.edits]
        if any(not (0 <= a <= b <= len(text)) for a, b in spans):
            continue
        if any(a <= y and x <= b for a, b in spans for x, y in taken):   # overlapping or touching
            continue
        taken += spans
        applied.append(f)
    edits = sorted((e for f in applied for e in f.fix.edits), key=lambda e: e.start, reverse=True)
    for e in edits:
        text = text[:e.start] + e.content + text[e.end:]
    return text, applied


@dataclass
class FixResult:
    path: str
    original: str
    text: str
    applied: list[Finding] = field(default_factory=list)    # the findings fixed, pass by pass
    remaining: list[Finding] = field(default_factory=list)  # the findings of the fixed text

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self) -> str:
        if not self.changed:
            return ""
        lines = difflib.unified_diff(self.original.splitlines(keepends=True), self.text.splitlines(keepends=True),
                                     fromfile=f"a/{self.path}", tofile=f"b/{self.path}")
        out = []
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)


def fix_text(lint, text: str, path: str) -> FixResult:
    """Apply the safe fixes to ``text`` pass by pass; ``lint(text)`` returns its findings."""
    result = FixResult(path, text, text)
    findings = lint(text)
    for _ in range(MAX_PASSES):
        fixable = [f for f in findings if safe(f)]
        if not fixable:
            break
        new, applied = apply(result.text, fixable)
        if not applied or new == result.text:
            break
        result.applied += applied
        result.text = new
        findings = lint(new)
    result.remaining = findings
    return result


class FileChanged(Exception):
    """The file is no longer what was read; it is left as it is."""


def encode_like(text: str, original: bytes) -> bytes:
    """``text`` in the encoding ``original`` was read in (UTF-8, with its BOM if it had one,
    or BOM-marked UTF-16)."""
    import codecs
    if original.startswith(codecs.BOM_UTF16_LE):
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if original.startswith(codecs.BOM_UTF16_BE):
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if original.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode("utf-8")


def write_if_unchanged(path: Path, original: bytes, data: bytes) -> None:
    """Replace ``path`` with ``data`` (atomically, keeping its permissions) unless its
    content is no longer ``original``. A link is followed: the file it names is replaced."""
    path = Path(os.path.realpath(path))
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise FileChanged(f"cannot be read again ({exc.strerror or exc})") from None
    if current != original:
        raise FileChanged("changed since editlint read it")
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".editlint-fix")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        if path.read_bytes() != original:     # one last look, as close to the swap as can be
            raise FileChanged("changed since editlint read it")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
