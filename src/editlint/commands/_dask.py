"""``editlint check --scheduler ADDRESS``: lint on a Dask cluster (``pip install 'editlint[dask]'``).

The client (this process) walks the paths, reads the files, expands JSON Lines exports and
looks up the cache as a local run does; what is left to lint goes to the cluster in
*batches*: up to ``BATCH_ITEMS`` articles or ``BATCH_BYTES`` of text, whichever comes
first. A batch carries its articles' bytes (workers need not see the client's files) and
the configurations that apply to them. Measured on the project's 2-core machine
(benchmarks/dask_scale.py), a task costs 5 ms of the client's CPU and 7-14 ms of the
cluster's time (21 ms for a lone round trip), against 20-30 ms of CPU to lint a news
article: a batch of ~28 BBC articles (64 KB) is most of a second of work, so the overhead
stays near 1 %, while a 20,000-article archive still makes ~700 batches to spread over the
workers, and a worker that dies costs at most one batch's work again.

Each worker process builds one session (plugins, rule packs, configured rules) the first
time it sees a run's settings and keeps it for every later batch (``_worker_session``); it
lints one batch at a time (start workers with ``--nthreads 1``: the rules are pure Python,
so more threads in one process add nothing). A worker whose editlint, plugins or rules
differ from the client's refuses the batch, and the run stops with one line naming the
difference: mixed versions would give findings a local run does not.

At most ``2 × workers + 2`` batches are in flight: each worker has one to lint and one
waiting, and neither the client nor the scheduler holds the whole archive. Results
stream back as batches finish (in any order) and are put in place, so the report is
exactly a single process's. A worker that dies has its batch rescheduled by Dask; a batch
that kills more than ``distributed.scheduler.allowed-failures`` workers (3) is split into
single articles; an article whose own task does so is tried again with nothing else
running, and when it kills its workers then too it is an ``EL201`` finding.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
import time
import uuid
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from editlint import __version__, cli
from editlint.articles import ArticleInfo
from editlint.rule import Finding
from editlint.work import FileItem, Item, Linted, config_of, lint_item

BATCH_ITEMS = 64
BATCH_BYTES = 64 * 1024
CONNECT_TIMEOUT = 3.0         # seconds to reach a scheduler
WORKER_TIMEOUT = 60.0         # seconds to wait for a first worker to join
LOCAL_START_TIMEOUT = 120.0   # seconds for a LocalCluster's workers to start
KILLED_STRIKES = 2            # single-article tasks that kill their workers before the article is an EL201


class WorkerMismatch(Exception):
    """A worker whose editlint differs from the client's."""


@dataclasses.dataclass
class Batch:
    """What one task lints: items with the key of their configuration."""

    identity: dict              # the client's editlint: version, plugins, rules
    selection: object           # editlint.engine.Selection
    configs: dict               # config key -> Config
    items: list                 # [(config key, Item)]


# -- the worker side ------------------------------------------------------------
_lock = threading.Lock()
_sessions: dict[str, "_WorkerSession"] = {}
SESSION_BUILDS = 0            # sessions this process built (tests check: one per worker and setting)


def identity(registry, linter) -> dict:
    """What must match between client and worker for their findings to match."""
    return {"version": __version__, "plugins": sorted(registry.plugins),
            "kinds": sorted(registry.kinds), "rules": sorted(linter.base_rules().rules)}


class _WorkerSession:
    def __init__(self, selection) -> None:
        from editlint.config import ConfigResolver
        from editlint.engine import Linter
        from editlint.plugins import collect, plugin_manager

        pm, errors = plugin_manager()
        self.registry = collect(pm, errors)
        self.linter = Linter(self.registry, ConfigResolver(isolated=True), selection)
        self.identity = identity(self.registry, self.linter)
        self.configs: dict[str, object] = {}

    def config(self, key: str, cfg):
        # one object per configuration, so the linter's per-configuration caches are reused
        return self.configs.setdefault(key, cfg)


def _worker_session(batch: Batch) -> _WorkerSession:
    global SESSION_BUILDS
    key = repr((sorted(batch.identity.items()), batch.selection))
    session = _sessions.get(key)
    if session is None:
        session = _WorkerSession(batch.selection)
        SESSION_BUILDS += 1
        if len(_sessions) >= 4:              # a long-lived cluster serves many runs
            _sessions.pop(next(iter(_sessions)))
        _sessions[key] = session
    if session.identity != batch.identity:
        raise WorkerMismatch(_difference(batch.identity, session.identity))
    return session


def _difference(client: dict, worker: dict) -> str:
    for name in ("version", "plugins", "kinds", "rules"):
        if client.get(name) != worker.get(name):
            mine, theirs = client.get(name), worker.get(name)
            if isinstance(mine, list):
                extra = sorted(set(theirs) - set(mine))
                missing = sorted(set(mine) - set(theirs))
                detail = "; ".join(p for p in (f"it has {', '.join(extra[:5])} too" if extra else "",
                                               f"it lacks {', '.join(missing[:5])}" if missing else "") if p)
                return f"this worker's editlint {name} differ from the client's ({detail})"
            return f"this worker runs editlint {theirs}, the client {mine}"
    return "this worker's editlint differs from the client's"


def lint_batch(batch: Batch) -> list[Linted]:
    """The task: lint a batch with this process's session for the run's settings."""
    with _lock:          # one batch at a time per process: the rules are pure Python
        session = _worker_session(batch)
        return [lint_item(session.linter, item, session.config(key, batch.configs[key]))
                for key, item in batch.items]


def _session_builds() -> int:
    return SESSION_BUILDS


# -- the client side ------------------------------------------------------------
def lint(args, session, items: list[Item], done: Callable[[int, Linted], None]) -> None:
    """Lint ``items`` on the cluster ``args.scheduler`` names; ``done(j, linted)`` is
    called once for each item, as its batch comes back."""
    try:
        import distributed
    except ImportError:
        raise cli.UsageError("--scheduler needs Dask: pip install 'editlint[dask]'") from None
    address = args.scheduler.strip()
    if address != "local":
        if args.jobs is not None:
            raise cli.UsageError("--jobs sets the size of --scheduler local; a running cluster has the workers it has")
        try:
            distributed.comm.get_address_host_port(address if "://" in address else "tcp://" + address)
        except (ValueError, TypeError) as exc:
            raise cli.UsageError(f"--scheduler: '{address}' is not a scheduler address like tcp://host:8786 "
                                 f"or 'local' ({exc})") from None
    if not items:                # everything came from the cache: no cluster needed
        return
    run = _Run(session, items, done)
    with _quiet(), _client(distributed, address, args.jobs) as client:
        run.on(client, distributed)


class _Run:
    def __init__(self, session, items: list[Item], done) -> None:
        self.session = session
        self.items = items
        self.done = done
        self.identity = identity(session.registry, session.linter)
        self.selection = session.linter.selection
        self.token = uuid.uuid4().hex[:12]
        self.cfg_keys: dict[int, str] = {}
        self.strikes: dict[int, int] = {}      # item -> KilledWorker errors of its single-article tasks
        self._submitted = 0

    def config_key(self, cfg) -> str:
        key = self.cfg_keys.get(id(cfg))
        if key is None:
            key = self.cfg_keys[id(cfg)] = hashlib.sha256(repr(cfg).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        return key

    def batches(self) -> Iterator[list[tuple[int, Item]]]:
        """(index, item to ship) in batches. Files are read here, as batches are made, and
        their bytes live only as long as their batch is in flight."""
        batch: list[tuple[int, Item]] = []
        size = 0
        for j, item in enumerate(self.items):
            if isinstance(item, FileItem):
                cfg = config_of(self.session.resolver, item)
                data = self.session.linter.read_file(Path(item.source), item.display, cfg)
                if isinstance(data, Finding):            # unreadable, too large: no need for a worker
                    self.done(j, Linted([data], ArticleInfo()))
                    continue
                # per-file-ignores match the path as resolved here: the worker's folder differs
                item = FileItem(item.source, item.display, data, str(Path(item.display).resolve()))
                size += len(data)
            else:
                size += len(item.text)
            batch.append((j, item))
            if len(batch) >= BATCH_ITEMS or size >= BATCH_BYTES:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch

    def payload(self, batch: list[tuple[int, Item]]) -> Batch:
        configs: dict[str, object] = {}
        entries = []
        for _, item in batch:
            cfg = config_of(self.session.resolver, item)
            key = self.config_key(cfg)
            configs[key] = cfg
            entries.append((key, item))
        return Batch(self.identity, self.selection, configs, entries)

    def submit(self, client, batch: list[tuple[int, Item]]):
        self._submitted += 1
        return client.submit(lint_batch, self.payload(batch), key=f"editlint-{self.token}-{self._submitted}",
                             pure=False)

    def on(self, client, distributed) -> None:
        pending = self.batches()
        singles: list[list[tuple[int, Item]]] = []   # a batch that kept killing workers, one article a task
        inflight: dict[str, list[tuple[int, Item]]] = {}
        workers, checked = 1, 0.0

        def refill(add) -> None:
            nonlocal workers, checked
            if time.monotonic() - checked > 1.0:     # workers come and go
                workers, checked = max(1, len(client.nthreads())), time.monotonic()
            if any(self.quarantined(b) for b in inflight.values()):
                return                    # an article suspected of killing workers runs alone
            suspects = [b for b in singles if self.quarantined(b)]
            if suspects:
                if not inflight:
                    singles.remove(suspects[-1])
                    submit(suspects[-1], add)
                return
            while len(inflight) < 2 * workers + 2:
                batch = singles.pop() if singles else next(pending, None)
                if batch is None:
                    return
                submit(batch, add)

        def submit(batch, add) -> None:
            future = self.submit(client, batch)
            inflight[future.key] = batch
            add(future)

        first: list = []
        refill(first.append)
        if not first:
            return
        queue = distributed.as_completed(first, loop=client.loop)
        for future in queue:
            batch = inflight.pop(future.key)
            if future.status == "finished":
                for (j, _), linted in zip(batch, future.result()):
                    self.done(j, linted)
            else:
                self.failed(future, batch, singles, distributed)
            future.release()
            refill(queue.add)

    def quarantined(self, batch: list[tuple[int, Item]]) -> bool:
        return len(batch) == 1 and self.strikes.get(batch[0][0], 0) > 0

    def failed(self, future, batch: list[tuple[int, Item]], singles: list, distributed) -> None:
        try:
            error = future.exception()
        except Exception as exc:          # cancelled: the scheduler went away
            raise cli.RunError(f"lost the Dask scheduler during the run ({type(exc).__name__}: {exc})") from None
        if isinstance(error, distributed.KilledWorker):
            if len(batch) > 1:            # find the article that kills workers: one task each
                singles.extend([entry] for entry in reversed(batch))
                return
            [(j, item)] = batch
            # A worker can die of another task's article: an article whose own task lost its
            # workers is tried again alone, and only when it kills them alone too is it given
            # up on (an EL201 finding).
            self.strikes[j] = self.strikes.get(j, 0) + 1
            if self.strikes[j] < KILLED_STRIKES:
                singles.append(batch)
                return
            cfg = config_of(self.session.resolver, item)
            self.done(j, Linted([self.session.linter.note(
                cfg, "EL201", item.display, "the Dask worker linting this article died each time it was tried "
                                            "(a crash or running out of memory); not linted")], ArticleInfo()))
            return
        if isinstance(error, WorkerMismatch):
            raise cli.RunError(f"Dask worker: {error}; install the same editlint and plugins on every worker") from None
        from editlint.config import ConfigError
        if isinstance(error, ConfigError):
            raise cli.RunError(f"Dask worker: configuration error: {error} "
                               "(rule-paths must be readable at the same path on every worker)") from None
        raise cli.RunError(f"a Dask worker failed: {type(error).__name__}: {error}") from None


@contextmanager
def _client(distributed, address: str, jobs: int | None):
    if address == "local":
        from editlint.commands._parallel import available_cores
        try:
            cluster = distributed.LocalCluster(
                n_workers=jobs or available_cores(), threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=":0", silence_logs=logging.CRITICAL, timeout=LOCAL_START_TIMEOUT)
        except Exception as exc:
            raise cli.RunError(f"could not start a local Dask cluster: {type(exc).__name__}: {exc}") from None
        try:
            with distributed.Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise cli.RunError(f"cannot reach the Dask scheduler at {address}: {_reason(exc)}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except (TimeoutError, OSError):
            raise cli.RunError(f"the Dask scheduler at {address} has no workers "
                               f"(none joined within {WORKER_TIMEOUT:g} s)") from None
        yield client
    finally:
        client.close()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, TimeoutError) or "timed out" in text.lower():
        return f"no answer within {CONNECT_TIMEOUT:g} s (is it running, and is the address right?)"
    return text[:200]


@contextmanager
def _quiet():
    """Dask's own logging and warnings are for cluster operators; the run reports problems
    in one line of its own."""
    loggers = [logging.getLogger(name) for name in ("distributed", "tornado", "asyncio")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)
