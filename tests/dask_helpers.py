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


class KillOnArticle(WorkerPlugin):
    """SIGKILLs the worker process whenever it starts a batch holding the article
    ``display``: an article that kills every worker it meets (a counter file counts the
    deaths)."""

    name = "editlint-test-kill-on-article"

    def __init__(self, display: str, counter: str) -> None:
        self.display = display
        self.counter = counter

    def setup(self, worker):
        self.worker = worker

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or not str(key).startswith("editlint-"):
            return
        task = self.worker.state.tasks.get(key)
        batches = [a for a in getattr(task.run_spec, "args", ()) if hasattr(a, "items")] if task else []
        if any(item.display == self.display for batch in batches for _, item in batch.items):
            with open(self.counter, "a") as fh:
                fh.write(f"{os.getpid()}\n")
            os.kill(os.getpid(), signal.SIGKILL)
