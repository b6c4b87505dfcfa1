"""editlint check --scheduler on a real Dask cluster on loopback: a scheduler and two
workers in their own processes (the `dask scheduler` / `dask worker` programs), and a
LocalCluster. The findings, their order and the exit status are those of --jobs 1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from ci_helpers import content_folder, run  # noqa: E402

from editlint.commands import _dask  # noqa: E402

HERE = Path(__file__).resolve().parent
STARTUP = 90          # seconds a scheduler or worker may take to come up on a loaded machine


def _articles(n: int) -> dict[str, str]:
    out = {}
    for i in range(n):
        body = "\n".join(f"Line {j} of article {i}" + (" with a gizmo" if (i + j) % 3 == 0 else "")
                         for j in range(i % 5 + 2))
        out[f"news/{i % 3}/article{i:02d}.md"] = f"# Article {i}\n\n{body}\n\nWe frobnicate.\n"
    return out


def _export_lines() -> list[str]:
    rows = [json.dumps({"id": f"2005/{m:02d}/story-{k}", "text": f"Story {k} of month {m}: a gizmo, "
                        f"then a frobnicate.\n\nAnother line.\n" * (1 + k % 2),
                        "title": f"Story {k}", "date": f"2005-{m:02d}-0{k + 1}", "section": "tech" if k % 2 else "sport"})
            for m in (1, 2, 3) for k in range(4)]
    rows.insert(3, "{not json")
    rows.insert(7, json.dumps({"id": "2005/01/story-0", "text": "a repeated id"}))
    return rows


@pytest.fixture
def archive(tmp_path, monkeypatch):
    content_folder(tmp_path, _articles(30))
    (tmp_path / "news" / "broken.md").write_bytes(b"caf\xe9 gizmo\n")          # not UTF-8: EL002
    (tmp_path / "export.jsonl").write_text("\n".join(_export_lines()) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(_dask, "BATCH_ITEMS", 4)          # many batches from a small archive
    return tmp_path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_file(path: Path, procs: list[subprocess.Popen]) -> dict:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{p.args} exited with {p.returncode}: {p.stderr.read()[-2000:]}")
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            time.sleep(0.05)           # polling for a file the scheduler writes, not a race
    raise RuntimeError("the scheduler did not start")


@dataclass
class Cluster:
    address: str
    workers: list[subprocess.Popen]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two workers (one thread each, no nanny: a worker killed stays
    dead), in subprocesses on 127.0.0.1; yields the scheduler's address."""
    folder = tmp_path_factory.mktemp("dask")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    info = folder / "scheduler.json"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", "0", "--no-dashboard", "--scheduler-file", str(info)],
                              cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)]
    try:
        address = _wait_for_file(info, procs)["address"]
        for _ in range(2):
            procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address,
                                           "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1", "--no-dashboard",
                                           "--local-directory", str(folder)],
                                          cwd=folder, env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, text=True))
        with distributed.Client(address, timeout=STARTUP) as client:
            client.wait_for_workers(2, timeout=STARTUP)
        yield Cluster(address, procs[1:])
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                print("KILL", p.args, file=sys.stderr)
                p.kill()
                p.wait()


def _check(capsys, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "check", "news", "export.jsonl", "--no-cache", *argv)


def test_scheduler_gives_exactly_the_findings_of_jobs_1(archive, capsys, cluster):
    for fmt in ("json", "text"):
        expected = _check(capsys, "--jobs", "1", "--format", fmt)
        got = _check(capsys, "--scheduler", cluster.address, "--format", fmt)
        assert got == expected
    status, out, err = expected
    assert status == 2 and err == ""            # EL002 and EL006 are errors; the rest is linted
    findings = json.loads(_check(capsys, "--jobs", "1", "--format", "json")[1])
    paths = {f["path"] for f in findings}
    assert "news/broken.md" in paths and "2005/02/story-1" in paths
    assert {(f["path"], f["line"], f["code"]) for f in findings if f["code"] == "EL006"} == {
        ("export.jsonl", 4, "EL006"), ("export.jsonl", 8, "EL006")}
    # every worker built its session (plugins, packs, rules) once, however many batches it ran
    with distributed.Client(cluster.address) as client:
        builds = client.run(_dask._session_builds)
    assert sorted(builds.values()) and max(builds.values()) == 1 and sum(builds.values()) >= 1


def test_scheduler_with_cache_baseline_diff_and_html(archive, capsys, cluster):
    local = run(capsys, "check", "news", "export.jsonl", "--format", "html", "--jobs", "1", "--no-cache")
    cold = run(capsys, "check", "news", "export.jsonl", "--format", "html", "--scheduler", cluster.address)
    assert cold == local
    assert "archive-summary" in cold[1]
    # warm: everything comes from the cache, so not even a scheduler is needed
    warm = run(capsys, "check", "news", "export.jsonl", "--format", "html", "--scheduler",
               f"tcp://127.0.0.1:{_free_port()}")
    assert warm == local
    # a baseline written through the cluster is the one a local run writes, and accepts it all
    _check(capsys, "--jobs", "1", "--write-baseline", "local-baseline.json")
    _check(capsys, "--scheduler", cluster.address, "--write-baseline", "baseline.json")
    assert (archive / "baseline.json").read_text() == (archive / "local-baseline.json").read_text()
    status, out, err = _check(capsys, "--scheduler", cluster.address, "--baseline", "baseline.json", "--format", "json")
    assert (status, json.loads(out)) == (0, [])
    # --diff-file: one changed line of one article, and one changed record of the export
    diff = ("--- a/news/1/article01.md\n+++ b/news/1/article01.md\n@@ -4,0 +5,1 @@\n+x\n"
            "--- a/export.jsonl\n+++ b/export.jsonl\n@@ -2,0 +2,1 @@\n+x\n")
    (archive / "changes.diff").write_text(diff)
    expected = _check(capsys, "--jobs", "1", "--diff-file", "changes.diff", "--format", "json")
    assert _check(capsys, "--scheduler", cluster.address, "--diff-file", "changes.diff", "--format", "json") == expected
    assert {f["path"] for f in json.loads(expected[1])} == {"news/1/article01.md", "2005/01/story-1"}


def test_a_worker_killed_mid_run_has_its_batch_retried(archive, capsys, cluster, tmp_path):
    from dask_helpers import KillOnFirstBatch

    expected = _check(capsys, "--jobs", "1", "--format", "json")
    marker = tmp_path / "killed"
    with distributed.Client(cluster.address) as client:
        client.register_plugin(KillOnFirstBatch(str(marker)))
        try:
            got = _check(capsys, "--scheduler", cluster.address, "--format", "json")
        finally:
            client.unregister_worker_plugin(KillOnFirstBatch.name)
    victim = int(marker.read_text())           # a worker really died (SIGKILL) while running a batch
    [dead] = [w for w in cluster.workers if w.pid == victim]
    assert dead.wait(timeout=STARTUP) == -signal.SIGKILL
    assert got == expected                      # its batch was linted elsewhere, every file once
    findings = json.loads(got[1])
    assert len(findings) == len({json.dumps(f, sort_keys=True) for f in findings})


def test_an_article_that_kills_every_worker_is_el201_and_the_rest_is_linted(archive, capsys, tmp_path):
    """With allowed-failures 0, a batch is given up on by Dask at its first dead worker:
    editlint splits it, and gives up on the one article whose own task kills workers."""
    import dask
    from dask_helpers import KillOnArticle

    expected = json.loads(_check(capsys, "--jobs", "1", "--format", "json")[1])
    victim = "news/1/article04.md"
    counter = tmp_path / "deaths"
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                     dashboard_address=":0", silence_logs=50) as local, \
            distributed.Client(local) as client:
        client.register_plugin(KillOnArticle(victim, str(counter)))
        status, out, err = _check(capsys, "--scheduler", local.scheduler_address, "--format", "json")
    deaths = counter.read_text().split()
    # Its batch died once, then its own task until it was given up on. Dask blames every task
    # assigned to a worker that dies, not only the one executing, so under load the article's
    # task can take a strike from a death that was not its own: bounded, not exact.
    assert _dask.KILLED_STRIKES <= len(deaths) <= 1 + _dask.KILLED_STRIKES
    findings = json.loads(out)
    assert [f for f in findings if f["path"] != victim] == [f for f in expected if f["path"] != victim]
    [note] = [f for f in findings if f["path"] == victim]
    assert note["code"] == "EL201" and "died each time it was tried" in note["message"]
    assert status == 2 and err == ""


def test_scheduler_local_starts_a_local_cluster(archive, capsys):
    expected = _check(capsys, "--jobs", "1", "--format", "json")
    assert _check(capsys, "--scheduler", "local", "--jobs", "2", "--format", "json") == expected


def test_an_unreachable_scheduler_is_one_line_and_exit_2(archive, capsys):
    address = f"tcp://127.0.0.1:{_free_port()}"     # nothing listens there
    status, out, err = _check(capsys, "--scheduler", address)
    assert (status, out) == (2, "")
    assert err.splitlines() == [f"editlint: error: cannot reach the Dask scheduler at {address}: no answer within "
                                f"{_dask.CONNECT_TIMEOUT:g} s (is it running, and is the address right?)"]


@pytest.mark.parametrize("argv, message", [
    (["--scheduler", "not an address"], "is not a scheduler address"),
    (["--scheduler", "tcp://127.0.0.1:9", "--jobs", "2"], "--jobs sets the size of --scheduler local"),
])
def test_bad_scheduler_options_are_usage_errors(archive, capsys, argv, message):
    status, out, err = _check(capsys, *argv)
    assert status == 2 and message in err and len(err.strip().splitlines()) == 1


def test_a_worker_with_another_editlint_refuses_the_batch(archive):
    from editlint.cli import Session
    from editlint.engine import Selection
    from editlint.work import FileItem

    session = Session(selection=Selection())
    mine = _dask.identity(session.registry, session.linter)
    cfg = session.resolver.for_path(archive / "news")
    batch = _dask.Batch({**mine, "version": "0.0.1"}, Selection(), {"k": cfg},
                        [("k", FileItem("a.md", "a.md", b"Text.\n"))])
    with pytest.raises(_dask.WorkerMismatch, match="runs editlint .* the client 0.0.1"):
        _dask.lint_batch(batch)
    batch.identity = {**mine, "plugins": [*mine["plugins"], "house-plugin"]}
    with pytest.raises(_dask.WorkerMismatch, match="plugins differ.*lacks house-plugin"):
        _dask.lint_batch(batch)
    batch.identity = mine
    [linted] = _dask.lint_batch(batch)
    assert linted.findings == [] and linted.info.words == 1


def test_without_dask_scheduler_is_one_line(archive):
    code = ("import sys; sys.modules['distributed'] = None; from editlint.cli import main; "
            "sys.exit(main(['check', 'news', '--no-cache', '--scheduler', 'local']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "editlint: error: --scheduler needs Dask: pip install 'editlint[dask]' (see 'editlint --help')"]


def test_the_base_install_never_imports_dask(archive):
    code = ("import sys; from editlint.cli import main; "
            "statuses = [main(['check', 'news', 'export.jsonl', '--no-cache', '--jobs', '2', '--format', 'html']), "
            "main(['stats', '--archive', '--format', 'json', 'news', 'export.jsonl'])]; "
            "print(statuses, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'tornado')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[2, 2] []", done.stderr[-2000:]
