"""A progress line on standard error for long runs: files done, findings so far, rate.

Drawn only when standard error is a terminal (never into a log, a pipe or CI output), at
most ten times a second, on one line rewritten in place, and wiped before the report is
printed. It never changes what is reported.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

MIN_INTERVAL = 0.1


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            try:
                enabled = self.stream.isatty()
            except (AttributeError, ValueError):
                enabled = False
        self.enabled = enabled and total > 0
        self.total = total
        self.done = 0
        self.findings = 0
        self.started = time.monotonic()
        self.last_drawn = 0.0
        self.width = 0

    def advance(self, findings: int, files: int = 1) -> None:
        self.done += files
        self.findings += findings
        if not self.enabled:
            return
        now = time.monotonic()
        if self.done >= self.total or self.done == files or now - self.last_drawn >= MIN_INTERVAL:
            self.last_drawn = now
            self._draw(self.line(now))

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-6)
        noun = "finding" if self.findings == 1 else "findings"
        return (f"editlint: {self.done}/{self.total} files, {self.findings} {noun}, "
                f"{self.done / elapsed:.0f} files/s")

    def _draw(self, text: str) -> None:
        pad = " " * max(0, self.width - len(text))     # plain spaces: no terminal escapes needed
        try:
            self.stream.write("\r" + text + pad)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False
        self.width = len(text)

    def close(self) -> None:
        """Wipe the line, so the report starts on a clean one."""
        if self.enabled and self.width:
            try:
                self.stream.write("\r" + " " * self.width + "\r")
                self.stream.flush()
            except (OSError, ValueError):
                pass
        self.enabled = False


class NoProgress(Progress):
    def __init__(self) -> None:
        super().__init__(0, enabled=False)
