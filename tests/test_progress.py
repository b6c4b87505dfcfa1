"""The progress line: drawn on standard error when it is a terminal (a real pty here),
never when it is a pipe, and never in the report."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest
from ci_helpers import content_folder

from editlint.progress import Progress


def articles(n: int) -> dict[str, str]:
    return {f"news/a{i:02d}.txt": ("Engineers frobnicate.\n" if i % 2 else "All fine here.\n") for i in range(n)}


def run_with_pty_stderr(args: list[str], cwd) -> tuple[int, bytes, bytes]:
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "editlint", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:          # EIO: the child closed its end
            break
        if not chunk:
            break
        err += chunk
    out = proc.stdout.read()
    proc.wait(timeout=120)
    os.close(master)
    return proc.returncode, out, err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_on_a_terminal(tmp_path, jobs):
    content_folder(tmp_path, articles(30))
    code, out, err = run_with_pty_stderr(["check", "news", "--no-cache", "--jobs", jobs], tmp_path)
    assert code == 1
    text = err.decode()
    assert "\reditlint: 30/30 files, 15 findings, " in text and " files/s" in text
    assert text.startswith("\reditlint: 1/30 files, ")
    assert text.endswith("\r")                       # wiped before the report
    assert out.decode().endswith("Found 15 findings (15 warnings) in 15 of 30 files.\n")
    assert "files/s" not in out.decode()                # the report has no trace of it


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path):
    content_folder(tmp_path, articles(30))
    done = subprocess.run([sys.executable, "-m", "editlint", "check", "news", "--no-cache"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr == ""
    assert "files/s" not in done.stdout


def test_progress_line_counts_and_wipes():
    class Tty:
        def __init__(self):
            self.written = ""

        def isatty(self):
            return True

        def write(self, s):
            self.written += s

        def flush(self):
            pass

    tty = Tty()
    p = Progress(3, tty)
    for n in (2, 0, 1):
        p.advance(n)
    p.close()
    assert "\reditlint: 1/3 files, 2 findings, " in tty.written
    assert "\reditlint: 3/3 files, 3 findings, " in tty.written
    assert tty.written.endswith("\r") and tty.written.rstrip("\r").endswith(" ")
    quiet = Progress(3, Tty(), enabled=False)
    quiet.advance(1)
    assert quiet.stream.written == ""
