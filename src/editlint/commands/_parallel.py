"""Lint files in worker processes. Each worker builds its own Session once; files go out
in chunks and come back in the order they went out, so a parallel run reports exactly
what a sequential one does."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from editlint.rule import Finding

_session = None


def available_cores() -> int:
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def _start(config, isolated, selection, skip=()) -> None:
    global _session
    import signal

    from editlint.api import Session

    # a worker ends when told to, and when its parent dies (Linux: PR_SET_PDEATHSIG)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _session = Session(config, isolated, selection)
    _session.linter.skip_rules.update(skip)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)      # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _lint_chunk(chunk: list[tuple[str, str]]) -> list[list[Finding]]:
    return [_session.linter.lint_file(Path(path), display) for path, display in chunk]


def _lint_tracked(path: str, display: str, progress: str) -> list[Finding]:
    """Lint one file, writing each rule's code to ``progress`` before it runs: if the
    process dies, the parent knows which rule killed it."""
    def record(code: str) -> None:
        with open(progress, "w", encoding="utf-8") as fh:
            fh.write(code)

    _session.linter.on_rule = record
    return _session.linter.lint_file(Path(path), display)


def _context():
    # fork is fast (nothing to import again) and safe here: editlint starts no threads.
    # Elsewhere the platform's default (spawn) is used.
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def shares_memory() -> bool:
    """Whether workers start as forks of this process (and so share what it loaded)."""
    return _context().get_start_method() == "fork"


class _Pool:
    """A process pool that SIGTERM to this process ends, workers included."""

    def __init__(self, workers: int, initargs: tuple) -> None:
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                        initializer=_start, initargs=initargs)
        self._previous = None

    def __enter__(self) -> ProcessPoolExecutor:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.getsignal(signal.SIGTERM)

            def terminate(signum, frame):
                self.kill()
                previous = self._previous
                if callable(previous):
                    previous(signum, frame)
                raise SystemExit(128 + signum)

            signal.signal(signal.SIGTERM, terminate)
        return self.pool

    def kill(self) -> None:
        for proc in list(getattr(self.pool, "_processes", {}).values()):
            try:
                proc.terminate()
            except Exception:
                pass
        self.pool.shutdown(wait=False, cancel_futures=True)

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGTERM, self._previous)
        if exc[0] is not None:
            self.kill()
        else:
            self.pool.shutdown(wait=True)


def lint_parallel(jobs: list[tuple[Path, str]], workers: int, config, isolated, selection,
                  on_result=None, note=None) -> list[list[Finding]] | None:
    """Findings per file, in the order of ``jobs``; None when no worker could start
    (the caller then lints sequentially).

    A worker that dies (a plugin's segfault, ``os._exit``) breaks the pool: the files it
    had not finished are linted again one by one, each in a process of its own, and a rule
    that kills that process too is left out for the file and reported (``note(display,
    message)`` makes the EL201 finding); the file is still linted with every other rule."""
    if not jobs:
        return []
    # Small chunks keep the workers evenly loaded; big enough ones keep pickling cheap.
    size = max(1, min(32, len(jobs) // (workers * 4)))
    chunks = [[(str(p), d) for p, d in jobs[i:i + size]] for i in range(0, len(jobs), size)]
    done: dict[int, list[list[Finding]]] = {}
    try:
        with _Pool(workers, (config, isolated, selection)) as pool:
            futures = [pool.submit(_lint_chunk, chunk) for chunk in chunks]
            for i, future in enumerate(futures):
                try:
                    done[i] = future.result()
                except BrokenProcessPool:
                    break
                if on_result is not None:       # the progress line: as chunks come back
                    for found in done[i]:
                        on_result(found)
    except (BrokenProcessPool, OSError, PermissionError):
        if not done:
            return None
    out: list[list[Finding]] = []
    for i, chunk in enumerate(chunks):
        if i in done:
            out.extend(done[i])
        else:
            for path, display in chunk:
                found = _lint_alone(path, display, config, isolated, selection, note)
                out.append(found)
                if on_result is not None:
                    on_result(found)
    return out


def _lint_alone(path: str, display: str, config, isolated, selection, note, tries: int = 8) -> list[Finding]:
    """One file in a process of its own, leaving out each rule that kills the process."""
    import tempfile

    skip: list[str] = []
    notes: list[Finding] = []
    with tempfile.TemporaryDirectory(prefix="editlint-worker-") as tmp:
        progress = os.path.join(tmp, "rule")
        for _ in range(tries):
            if os.path.exists(progress):
                os.unlink(progress)
            try:
                with _Pool(1, (config, isolated, selection, tuple(skip))) as pool:
                    return notes + pool.submit(_lint_tracked, path, display, progress).result()
            except BrokenProcessPool:
                culprit = None
                if os.path.exists(progress):
                    with open(progress, encoding="utf-8") as fh:
                        culprit = fh.read().strip() or None
                where = f"rule {culprit}" if culprit else "reading or parsing the file"
                if note is not None:
                    notes.append(note(display, f"the worker process died while {where} ran on this file "
                                               "(a crash in a plugin or an extension)"
                                      + ("; the file was linted again without it" if culprit else "")))
                if culprit is None or culprit in skip:
                    return notes
                skip.append(culprit)
    return notes
