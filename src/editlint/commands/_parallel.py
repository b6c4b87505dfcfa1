"""Lint files in worker processes. Each worker builds its own Session once; files go out
in chunks and come back in the order they went out, so a parallel run reports exactly
what a sequential one does."""

from __future__ import annotations

import multiprocessing
import os
import sys
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


def _start(config, isolated, selection) -> None:
    global _session
    from editlint.api import Session

    _session = Session(config, isolated, selection)


def _lint_chunk(chunk: list[Item]) -> list[Linted]:
    return [lint_item(_session.linter, item) for item in chunk]


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


def lint_parallel(jobs: list[Item], workers: int, config, isolated, selection,
                  on_result=None) -> list[Linted] | None:
    """Findings (and article info) per item, in the order of ``jobs``; None when no worker
    could start (the caller then lints sequentially). ``on_result(linted)`` is called as
    results come back."""
    if not jobs:
        return []
    # Small chunks keep the workers evenly loaded; big enough ones keep pickling cheap.
    size = max(1, min(32, len(jobs) // (workers * 4)))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                 initializer=_start, initargs=(config, isolated, selection)) as pool:
            out: list[Linted] = []
            for part in pool.map(_lint_chunk, chunks):
                out.extend(part)
                if on_result is not None:       # the progress line: as chunks come back
                    for found in part:
                        on_result(found)
            return out
    except (BrokenProcessPool, OSError, PermissionError):
        return None
