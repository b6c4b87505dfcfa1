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

from editlint.work import Item, Linted, lint_item

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

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)      # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _lint_chunk(chunk: list[Item]) -> list[Linted]:
    return [lint_item(_session.linter, item) for item in chunk]


def _lint_tracked(item: Item, progress: str) -> Linted:
    """Lint one item, writing each rule's code to ``progress`` before it runs: if the
    process dies, the parent knows which rule killed it."""
    def record(code: str) -> None:
        with open(progress, "w", encoding="utf-8") as fh:
            fh.write(code)

    _session.linter.on_rule = record
    return lint_item(_session.linter, item)


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
        import multiprocessing

        # the pool's workers, and any it was starting when the signal came (not yet in its table)
        procs = list(getattr(self.pool, "_processes", {}).values())
        procs += [p for p in multiprocessing.active_children() if p not in procs]
        for proc in procs:
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


def lint_parallel(jobs: list[Item], workers: int, config, isolated, selection,
                  on_result=None, note=None) -> list[Linted] | None:
    """Findings (and article info) per item, in the order of ``jobs``; None when no worker
    could start (the caller then lints sequentially). ``on_result(linted)`` is called as
    results come back.

    A worker that dies (a plugin's segfault, ``os._exit``) breaks the pool: the items it
    had not finished are linted again one by one, each in a process of its own, and a rule
    that kills that process too is left out for the item and reported (``note(display,
    message)`` makes the EL201 finding); the item is still linted with every other rule."""
    if not jobs:
        return []
    # Small chunks keep the workers evenly loaded; big enough ones keep pickling cheap.
    size = max(1, min(32, len(jobs) // (workers * 4)))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    done: dict[int, list[Linted]] = {}
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
    out: list[Linted] = []
    for i, chunk in enumerate(chunks):
        if i in done:
            out.extend(done[i])
            continue
        for item in chunk:
            linted = _lint_alone(item, config, isolated, selection, note)
            out.append(linted)
            if on_result is not None:
                on_result(linted)
    return out


def _lint_alone(item: Item, config, isolated, selection, note, tries: int = 8) -> Linted:
    """One item in a process of its own, leaving out each rule that kills the process."""
    import tempfile

    from editlint.articles import ArticleInfo

    skip: list[str] = []
    notes: list = []
    with tempfile.TemporaryDirectory(prefix="editlint-worker-") as tmp:
        progress = os.path.join(tmp, "rule")
        for _ in range(tries):
            if os.path.exists(progress):
                os.unlink(progress)
            try:
                with _Pool(1, (config, isolated, selection, tuple(skip))) as pool:
                    linted = pool.submit(_lint_tracked, item, progress).result()
                    return Linted(notes + linted.findings, linted.info)
            except BrokenProcessPool:
                culprit = None
                if os.path.exists(progress):
                    with open(progress, encoding="utf-8") as fh:
                        culprit = fh.read().strip() or None
                where = f"rule {culprit}" if culprit else "reading or parsing the file"
                if note is not None:
                    notes.append(note(item.display, f"the worker process died while {where} ran on this file "
                                                    "(a crash in a plugin or an extension)"
                                      + ("; the file was linted again without it" if culprit else "")))
                if culprit is None or culprit in skip:
                    break
                skip.append(culprit)
    return Linted(notes, ArticleInfo())
