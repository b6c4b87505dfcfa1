"""Helpers the Dask tests send to their workers (the workers import this module: the
tests put this folder on their PYTHONPATH)."""

from __future__ import annotations

import os
import signal

from distributed.diagnostics.plugin import WorkerPlugin


class KillOnFirstBatch(WorkerPlugin):
    """SIGKILLs the worker process that starts executing the first editlint batch of the
    run, once (a marker file, created atomically, records the victim's pid). The batch was
    handed to that worker and is running there: its death is a worker dying mid-run."""

    name = "editlint-test-kill-on-first-batch"

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or not str(key).startswith("editlint-"):
            return
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        os.kill(os.getpid(), signal.SIGKILL)
