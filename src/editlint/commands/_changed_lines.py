"""Which lines changed: from ``git diff --unified=0 REV`` or from a unified diff.

A :class:`ChangedLines` answers, for a file on disk, whether a line was changed. Files
git does not track (untracked or ignored) count as changed throughout; tracked files
that the diff does not mention are unchanged.
"""

from __future__ import annotations

import bisect
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", '"': '"'}


class DiffError(Exception):
    """A revision or diff that cannot be used; the message is one line for the user."""


class LineSet:
    """Changed line numbers as ranges: a hunk claiming a billion lines is one pair of
    numbers, not a billion set members."""

    def __init__(self) -> None:
        self._ranges: list[tuple[int, int]] = []     # [start, end), merged when read
        self._merged = True
        self._starts: list[int] = []

    def add_range(self, start: int, end: int) -> None:
        if end > start:
            self._ranges.append((start, end))
            self._merged = False

    def update(self, other: "LineSet | range") -> None:
        if isinstance(other, range):
            self.add_range(other.start, other.stop)
        else:
            for a, b in other._ranges:
                self.add_range(a, b)

    def _merge(self) -> None:
        merged: list[tuple[int, int]] = []
        for a, b in sorted(self._ranges):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        self._ranges, self._merged = merged, True
        self._starts = [a for a, _ in merged]

    def __contains__(self, line: int) -> bool:
        if not self._merged:
            self._merge()
        k = bisect.bisect_right(self._starts, line) - 1
        return k >= 0 and line < self._ranges[k][1]

    def __bool__(self) -> bool:
        return bool(self._ranges)

    def __iter__(self):
        if not self._merged:
            self._merge()
        for a, b in self._ranges:
            yield from range(a, b)

    def __eq__(self, other: object) -> bool:
        return set(self) == set(other)  # type: ignore[arg-type]


@dataclass
class ChangedLines:
    lines: dict[str, LineSet] = field(default_factory=dict)    # absolute path -> changed lines
    tracked: set[str] = field(default_factory=set)             # absolute paths git tracks
    all_known: bool = False   # True for a diff file: a file it does not name is unchanged

    def covers(self, path: str, line: int) -> bool:
        key = _key(path)
        if key in self.lines:
            return line in self.lines[key]
        if self.all_known or key in self.tracked:
            return False
        return True                                  # untracked: every line is new

    def touched(self, path: str) -> bool:
        """Whether ``path`` has any changed line (so whether it is worth linting)."""
        key = _key(path)
        if key in self.lines:
            return bool(self.lines[key])
        return not (self.all_known or key in self.tracked)


def _key(path: str) -> str:
    return os.path.realpath(path)


def _unquote(name: str) -> str:
    """A path as git prints it: C-quoted when it holds unusual characters."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw, out, i = name[1:-1], bytearray(), 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in "01234567" and re.match(r"[0-7]{3}", raw[i + 1:i + 4]):
                out.append(int(raw[i + 1:i + 4], 8))
                i += 4
                continue
            out += _ESCAPES.get(nxt, nxt).encode()
            i += 2
            continue
        out += c.encode()
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_unified(text: str) -> dict[str, LineSet]:
    """Changed lines of the new side of each file in a unified diff, by path as the diff
    names it (without the ``b/`` prefix). A deleted file is left out; a pure deletion in
    a file adds no line."""
    out: dict[str, LineSet] = {}
    current: LineSet | None = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            name = line[4:].split("\t", 1)[0].rstrip()
            if name == "/dev/null":
                current = None
                continue
            name = _unquote(name)
            if name.startswith("b/"):
                name = name[2:]
            current = out.setdefault(name, LineSet())
        elif line.startswith("@@") and current is not None:
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                current.add_range(start, start + count)
    return out


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd,
                              capture_output=True, text=True, encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        raise DiffError("--diff needs git, and git is not installed") from None


def from_git(rev: str, targets: list[Path]) -> ChangedLines:
    """Changed lines under ``targets`` since ``rev``, one ``git diff`` per repository."""
    changed = ChangedLines()
    by_repo: dict[Path, list[Path]] = {}
    tops: dict[Path, Path] = {}
    for target in targets or [Path.cwd()]:
        target = Path(os.path.realpath(target))
        folder = target if target.is_dir() else target.parent
        if folder not in tops:
            result = _git(folder, "rev-parse", "--show-toplevel")
            if result.returncode != 0:
                raise DiffError(f"--diff: {folder} is not inside a git repository")
            tops[folder] = Path(os.path.realpath(result.stdout.strip()))
        by_repo.setdefault(tops[folder], []).append(target)
    for top, paths in sorted(by_repo.items()):
        if _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
            raise DiffError(f"--diff: unknown git revision '{rev}' in {top}")
        specs = [p.relative_to(top).as_posix() or "." for p in paths]
        result = _git(top, "diff", "--unified=0", "--no-color", "--no-ext-diff", "-M",
                      "--src-prefix=a/", "--dst-prefix=b/", rev, "--", *specs)
        if result.returncode != 0:
            raise DiffError(f"--diff: git diff {rev} failed: {result.stderr.strip().splitlines()[-1:]}")
        for name, lines in parse_unified(result.stdout).items():
            changed.lines[_key(str(top / name))] = lines
        listed = _git(top, "ls-files", "-z", "--", *specs)
        changed.tracked.update(_key(str(top / n)) for n in listed.stdout.split("\0") if n)
    return changed


def from_diff_text(text: str, bases: list[Path] | None = None) -> ChangedLines:
    """Changed lines from a unified diff; its paths are taken relative to the current
    folder and to the top of its git repository, if it is in one."""
    if text.strip() and "@@" not in text and "+++ " not in text:
        raise DiffError("--diff-file: not a unified diff (no '+++' or '@@' lines)")
    if bases is None:
        bases = [Path.cwd()]
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True) \
            if _has_git() else None
        if top is not None and top.returncode == 0:
            bases.append(Path(top.stdout.strip()))
    changed = ChangedLines(all_known=True)
    for name, lines in parse_unified(text).items():
        for base in bases:
            changed.lines.setdefault(_key(str(base / name)), LineSet()).update(lines)
    return changed


def _has_git() -> bool:
    from shutil import which
    return which("git") is not None
