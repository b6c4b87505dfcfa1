"""Scale on Dask: `editlint check --scheduler local` with 1, 2 and 4 workers against
`--jobs 1`, on the BBC News set replicated to an archive of 20,000+ articles.

    .venv/bin/python benchmarks/dask_scale.py [--articles 20000] [--workers 1,2,4] [--json FILE]

The BBC set (/work/shared/corpora/bbc_news/train.jsonl, 1,801 articles) is already JSON
Lines; it is replicated to ``--articles`` records (ids get a ``~k`` suffix, ``category``
becomes ``section``) into a temporary export, which every run lints as a whole: ``--isolated --no-cache``, all rules.
Each run is its own command; a small wrapper measures its wall time and the CPU time
(user + system) of every process it started, workers and scheduler included
(``getrusage(RUSAGE_CHILDREN)``: each worker is reaped by its nanny, each nanny by the
client), and the findings of every run are compared with ``--jobs 1``'s.

The overhead per task is measured on its own: a LocalCluster of one worker runs editlint's
task (``_dask.lint_batch``) on empty batches, as many at once as a run keeps in flight
(wall and client CPU per task), and one at a time (the round trip). A small run (24
articles) gives the fixed cost of starting a LocalCluster of N workers.

editlint is measured as committed (a snapshot of HEAD, also on the workers' path; --live
for the installed one). Wall time on a shared machine is noisy: read the CPU figures
beside it, and the load average printed with them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = Path("/work/shared/corpora/bbc_news/train.jsonl")

# Runs a command; prints its wall time, its processes' CPU time and the largest RSS, as JSON.
WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_kib": ru.ru_maxrss,
                  "status": done.returncode, "stderr": done.stderr.decode(errors="replace")[-800:]}))
"""


def measure(argv: list[str], cwd: Path, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *argv], cwd=cwd, env=env, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def snapshot(tmp: Path) -> Path | None:
    """HEAD's src/ and rules/, unpacked: the code measured does not change under the run."""
    root = HERE.parent
    archive = subprocess.run(["git", "-C", str(root), "archive", "HEAD", "src", "rules"], capture_output=True)
    if archive.returncode != 0:
        return None
    snap = tmp / "editlint-snapshot"
    snap.mkdir()
    subprocess.run(["tar", "-x", "-C", str(snap)], input=archive.stdout, check=True)
    return snap / "src"


def build_export(corpus: Path, target: Path, articles: int) -> tuple[int, int]:
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = 0
    with target.open("w", encoding="utf-8") as out:
        for i in range(articles):
            r = records[i % len(records)]
            out.write(json.dumps({"id": f"{r['id']}~{i // len(records)}", "text": r["text"], "title": r.get("title"),
                                  "section": r.get("category")}) + "\n")
            words += len(r["text"].split())
    return articles, words


def task_overhead(tasks: int) -> dict:
    """Wall and client CPU per editlint task with nothing to lint, on one local worker."""
    import logging

    import distributed

    from editlint.cli import Session
    from editlint.commands import _dask

    session = Session(isolated=True)
    batch = _dask.Batch(_dask.identity(session.registry, session.linter), session.linter.selection, {}, [])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, \
            distributed.Client(cluster) as client:
        client.submit(_dask.lint_batch, batch, pure=False).result()          # the session, built once
        window = 2 * 1 + 2
        start, cpu = time.perf_counter(), time.process_time()
        futures = [client.submit(_dask.lint_batch, batch, pure=False) for _ in range(window)]
        queue = distributed.as_completed(futures, loop=client.loop)
        submitted = window
        for f in queue:
            f.result()
            if submitted < tasks:
                queue.add(client.submit(_dask.lint_batch, batch, pure=False))
                submitted += 1
        pipelined = (time.perf_counter() - start) / tasks
        client_cpu = (time.process_time() - cpu) / tasks
        start = time.perf_counter()
        for _ in range(min(200, tasks)):
            client.submit(_dask.lint_batch, batch, pure=False).result()
        round_trip = (time.perf_counter() - start) / min(200, tasks)
    return {"tasks": tasks, "wall_ms_per_task": 1000 * pipelined, "client_cpu_ms_per_task": 1000 * client_cpu,
            "round_trip_ms": 1000 * round_trip}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a JSON Lines file with id and text")
    ap.add_argument("--articles", type=int, default=20_000, help="replicate the corpus to at least this many")
    ap.add_argument("--workers", default="1,2,4", help="LocalCluster sizes to run (default: 1,2,4)")
    ap.add_argument("--tasks", type=int, default=1000, help="empty tasks for the overhead measurement")
    ap.add_argument("--live", action="store_true", help="measure the installed editlint, not a snapshot of HEAD")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    sizes = [int(w) for w in args.workers.split(",") if w.strip()]

    with tempfile.TemporaryDirectory(prefix="editlint-dask-scale-") as tmp:
        tmp = Path(tmp)
        env = dict(os.environ)
        src = None if args.live else snapshot(tmp)
        if src is not None:
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH")) if p)
            sys.path.insert(0, str(src))
        n, words = build_export(args.corpus, tmp / "archive.jsonl", args.articles)
        build_export(args.corpus, tmp / "small.jsonl", 24)
        edl = [sys.executable, "-m", "editlint", "check", "--isolated", "--no-cache", "--exit-zero", "--format", "json"]
        load = [os.getloadavg()]
        print(f"archive: {n:,} articles, {words:,} words; load average {load[0][0]:.1f}", file=sys.stderr)

        overhead = task_overhead(args.tasks)
        print(f"overhead: {overhead}", file=sys.stderr)
        runs: dict[str, dict] = {}
        plans = [("--jobs 1", 1, ["--jobs", "1"])] + [(f"--scheduler local, {w} worker{'s' * (w > 1)}", w,
                                                       ["--scheduler", "local", "--jobs", str(w)]) for w in sizes]
        outputs: dict[str, str] = {}
        for name, workers, extra in plans:
            out = tmp / f"out-{len(runs)}.json"
            r = measure([*edl, *extra, "-o", str(out), "archive.jsonl"], tmp, env)
            r["workers"] = workers
            outputs[name] = hashlib.sha256(out.read_bytes()).hexdigest() if out.exists() else ""
            if name != "--jobs 1":
                start = measure([*edl, *extra, "-o", str(tmp / "small-out.json"), "small.jsonl"], tmp, env)
                r["startup_wall"], r["startup_cpu"] = start["wall"], start["cpu"]
            runs[name] = r
            load.append(os.getloadavg())
            print(f"{name}: {r}", file=sys.stderr)

    base = runs["--jobs 1"]
    findings = None
    print(f"{n:,} articles, {words:,} words (BBC News replicated); cores: {os.cpu_count()}; "
          f"load average (1 min) from {min(l[0] for l in load):.1f} to {max(l[0] for l in load):.1f}")
    print(f"task overhead: {overhead['wall_ms_per_task']:.1f} ms wall and {overhead['client_cpu_ms_per_task']:.1f} ms "
          f"client CPU per task in flight; {overhead['round_trip_ms']:.1f} ms round trip")
    print()
    print(f"{'run':<30} {'wall s':>8} {'CPU s':>8} {'art/s wall':>10} {'art/CPU-s':>10} {'speed-up':>9} "
          f"{'start s':>8} {'same':>5}")
    for name, r in runs.items():
        same = outputs[name] == outputs["--jobs 1"] and r["status"] in (0, 2)
        start = f"{r['startup_wall']:.1f}" if "startup_wall" in r else "–"
        print(f"{name:<30} {r['wall']:>8.1f} {r['cpu']:>8.1f} {n / r['wall']:>10.1f} {n / r['cpu']:>10.1f} "
              f"{base['wall'] / r['wall']:>8.2f}x {start:>8} {'yes' if same else 'NO':>5}")
        if r["status"] not in (0, 2) or (r["status"] == 2 and r["stderr"].strip()):
            print(f"   exit {r['status']}: {r['stderr'].strip()[-300:]}")
    if args.json:
        args.json.write_text(json.dumps({"articles": n, "words": words, "overhead": overhead, "runs": runs,
                                         "load": load, "outputs": outputs}, indent=2))
    return 0 if all(o == outputs["--jobs 1"] for o in outputs.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
