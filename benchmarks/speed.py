"""Speed, side by side: editlint against proselint (and write-good, where node is present)
on the same files in one run, with the figures issue 13 sets targets for.

    .venv/bin/python benchmarks/speed.py [--articles 400] [--corpus FOLDER] [--skip-shapes] [--json OUT]

What it measures, each as a separate command started from a clean temporary folder (no
configuration file applies, the cache goes where the benchmark says):

- an archive (by default 400 BBC News articles from /work/shared/corpora/bbc_news/train.jsonl,
  one file each, written to the temporary folder): editlint ``--no-cache --jobs 1`` (one
  process, every family on), ``--jobs 2``, a warm cache; proselint; write-good. Words per
  second of CPU time, and the ratio to proselint;
- one article (about 400 words) from process start, median of five runs, for each tool;
- each pathological shape of ``shapes.py`` (60,000 headings, 15,000 suppressions, 1 MB on
  one line, 1 MB in 20-character lines, 25,000 links; ``--big``: 10 MB on one line) against
  ordinary prose of the same size: CPU time, the ratio, peak memory, and any EL202;
- determinism: the JSON findings of ``--jobs 1``, ``--jobs 2`` and a ``--jobs 1`` run with
  two CPU-burning processes beside it must be byte-identical.

Times are CPU seconds (user + system of the command's processes, from getrusage) as well as
wall seconds: the machine is shared, and CPU time is the steadier figure. Peak memory is the
largest single process of a command. editlint is measured as committed (a snapshot of HEAD;
``--live`` for the installed one). proselint is installed in its own virtual environment
(default /tmp/proselint-venv) and write-good with npm into /tmp/write-good, never into the
project. Nothing of the corpus is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import shapes as shape_files  # noqa: E402  (benchmarks/shapes.py)
from regress import write_bbc  # noqa: E402

# Runs a command; prints wall and CPU time and the children's peak RSS as JSON.
WRAPPER = r"""
import json, resource, subprocess, sys, time
out = sys.argv[1]
start = time.perf_counter()
with open(out, "wb") if out != "-" else open("/dev/null", "wb") as fh:
    done = subprocess.run(sys.argv[2:], stdout=fh, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_kib": ru.ru_maxrss,
                  "status": done.returncode, "stderr": done.stderr.decode(errors="replace")[-400:]}))
"""

BURN = "import time\nend = time.time() + 600\nwhile time.time() < end: pass\n"


def measure(argv: list[str], cwd: Path, out: Path | None = None) -> dict:
    res = subprocess.run([sys.executable, "-c", WRAPPER, str(out) if out else "-", *argv], cwd=cwd,
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def editlint_command(tmp: Path, live: bool, rev: str = "HEAD") -> list[str]:
    """editlint as committed (HEAD, or ``rev``), unpacked into ``tmp``: the code under
    measurement does not change while the benchmark runs, even in a working tree others are
    editing. The snapshot is byte-compiled first, as ``pip install`` does (and as proselint's
    and editlint's dependencies are): a run never pays for compiling editlint's sources, even
    where PYTHONDONTWRITEBYTECODE is set."""
    root = HERE.parent
    if not live and (root / ".git").exists():
        snap = tmp / "editlint-snapshot"
        snap.mkdir()
        archive = subprocess.run(["git", "-C", str(root), "archive", rev, "src", "rules"],
                                 capture_output=True, check=False)
        if archive.returncode == 0:
            subprocess.run(["tar", "-x", "-C", str(snap)], input=archive.stdout, check=True)
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(snap / "src")], check=True)
            os.environ["PYTHONPATH"] = str(snap / "src")
            return [sys.executable, "-m", "editlint"]
    return [str(Path(sys.executable).parent / "editlint")]


def proselint_bin(venv: Path) -> Path | None:
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        print(f"installing proselint into {venv} ...", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "proselint"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except subprocess.CalledProcessError:
            return None
    return exe if exe.exists() else None


def write_good_bin(prefix: Path) -> Path | None:
    exe = prefix / "node_modules" / ".bin" / "write-good"
    if not exe.exists():
        if not shutil.which("node") or not shutil.which("npm"):
            return None
        print(f"installing write-good into {prefix} ...", file=sys.stderr)
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(prefix), "write-good"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return exe if exe.exists() else None


def median_run(argv: list[str], cwd: Path, n: int = 5) -> dict:
    runs = [measure(argv, cwd) for _ in range(n)]
    return {"cpu": statistics.median(r["cpu"] for r in runs), "wall": statistics.median(r["wall"] for r in runs),
            "peak_kib": max(r["peak_kib"] for r in runs)}


def words_in(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in paths)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=400, help="BBC articles in the archive (default 400)")
    ap.add_argument("--corpus", type=Path, help="a folder of .txt/.md/.html articles instead of the BBC set")
    ap.add_argument("--live", action="store_true", help="run the installed editlint, not a snapshot of HEAD")
    ap.add_argument("--rev", default="HEAD", help="the commit to measure (default HEAD): before/after figures")
    ap.add_argument("--skip-shapes", action="store_true")
    ap.add_argument("--big", action="store_true", help="also the 10 MB one-line file")
    ap.add_argument("--shape-size", type=int, default=1_000_000)
    ap.add_argument("--proselint-venv", type=Path, default=Path("/tmp/proselint-venv"))
    ap.add_argument("--write-good-prefix", type=Path, default=Path("/tmp/write-good"))
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    results: dict = {"archive": {}, "single": {}, "shapes": {}, "determinism": {}}
    with tempfile.TemporaryDirectory(prefix="editlint-speed-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus"
        if args.corpus:
            corpus.mkdir()
            files = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in (".txt", ".md", ".html"))
            for i, p in enumerate(files[:args.articles]):
                (corpus / f"{i:05d}{p.suffix}").symlink_to(p.resolve())
        else:
            write_bbc(corpus, args.articles)
        files = sorted(corpus.iterdir())
        words = words_in(files)
        names = [str(p.relative_to(tmp)) for p in files]
        single = max(files, key=lambda p: -abs(len(p.read_text().split()) - 420))   # nearest to 420 words
        single_words = len(single.read_text().split())
        edl = [*editlint_command(tmp, args.live, args.rev), "check", "--isolated", "--exit-zero"]
        prose = proselint_bin(args.proselint_venv)
        wgood = write_good_bin(args.write_good_prefix)

        # -- the archive -----------------------------------------------------------------
        arch = results["archive"]
        out1, out2, out3 = tmp / "jobs1.json", tmp / "jobs2.json", tmp / "loaded.json"
        arch["editlint, --jobs 1"] = measure([*edl, "corpus", "--no-cache", "--jobs", "1", "--format", "json"],
                                             tmp, out1)
        arch["editlint, --jobs 2"] = measure([*edl, "corpus", "--no-cache", "--jobs", "2", "--format", "json"],
                                             tmp, out2)
        measure([*edl, "corpus", "--cache-dir", str(tmp / "cache")], tmp)
        arch["editlint, warm cache"] = measure([*edl, "corpus", "--cache-dir", str(tmp / "cache"), "--jobs", "1"], tmp)
        if prose:
            arch["proselint"] = measure([str(prose), "check", *names], tmp)
        if wgood:
            arch["write-good"] = measure([str(wgood), *names], tmp)
        # determinism: the same findings with two processes, and beside two CPU burners
        burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(2)]
        try:
            arch["editlint, --jobs 1 under load"] = measure(
                [*edl, "corpus", "--no-cache", "--jobs", "1", "--format", "json"], tmp, out3)
        finally:
            for b in burners:
                b.kill()
        results["determinism"] = {"jobs 2 == jobs 1": out1.read_bytes() == out2.read_bytes(),
                                  "under load == idle": out1.read_bytes() == out3.read_bytes(),
                                  "EL202 findings": out1.read_text().count('"EL202"')}

        # -- one article from process start ---------------------------------------------------
        one = results["single"]
        rel = str(single.relative_to(tmp))
        one["editlint"] = median_run([*edl, rel, "--no-cache"], tmp)
        one["editlint, cached"] = (measure([*edl, rel, "--cache-dir", str(tmp / "cache1")], tmp),
                                   median_run([*edl, rel, "--cache-dir", str(tmp / "cache1")], tmp))[1]
        if prose:
            one["proselint"] = median_run([str(prose), "check", rel], tmp)
        if wgood:
            one["write-good"] = median_run([str(wgood), rel], tmp)

        # -- pathological shapes --------------------------------------------------------------
        if not args.skip_shapes:
            folder = tmp / "shapes"
            for name, path in shape_files.write(folder, args.shape_size, args.big).items():
                out = tmp / f"shape-{name}.json"
                r = measure([*edl, str(path.relative_to(tmp)), "--no-cache", "--format", "json"], tmp, out)
                r["bytes"] = path.stat().st_size
                r["el202"] = out.read_text().count('"EL202"') if out.exists() else None
                results["shapes"][name] = r

    # -- report ------------------------------------------------------------------------------
    print(f"{len(files)} articles, {words:,} words; one article: {single_words} words")
    print(f"\n{'archive':<32} {'CPU s':>7} {'wall s':>7} {'words/CPU s':>12} {'peak MiB':>9}")
    for name, r in arch.items():
        r["words_per_cpu_s"] = words / r["cpu"] if r["cpu"] else float("inf")
        print(f"{name:<32} {r['cpu']:>7.2f} {r['wall']:>7.2f} {r['words_per_cpu_s']:>12,.0f} {r['peak_kib'] / 1024:>9.1f}")
    if "proselint" in arch:
        ratio = arch["editlint, --jobs 1"]["words_per_cpu_s"] / arch["proselint"]["words_per_cpu_s"]
        results["ratio_words_per_s_vs_proselint"] = ratio
        print(f"editlint / proselint, words per CPU second in one process: {ratio:.2f}x (target >= 2)")
    print(f"\n{'one article from process start':<32} {'CPU s':>7} {'wall s':>7} {'peak MiB':>9}")
    for name, r in one.items():
        print(f"{name:<32} {r['cpu']:>7.2f} {r['wall']:>7.2f} {r['peak_kib'] / 1024:>9.1f}")
    if "proselint" in one:
        ratio = one["editlint"]["cpu"] / one["proselint"]["cpu"]
        results["ratio_single_vs_proselint"] = ratio
        print(f"editlint / proselint, one article: {ratio:.2f}x the CPU time (target <= 1.5)")
    if results["shapes"]:
        base = results["shapes"]["ordinary-prose.md"]["cpu"]
        print(f"\n{'shape':<24} {'bytes':>11} {'CPU s':>7} {'x prose':>8} {'peak MiB':>9} {'EL202':>6} {'exit':>5}")
        for name, r in results["shapes"].items():
            r["x_prose"] = r["cpu"] / base if base else float("inf")
            print(f"{name:<24} {r['bytes']:>11,} {r['cpu']:>7.2f} {r['x_prose']:>8.2f} {r['peak_kib'] / 1024:>9.1f} "
                  f"{r['el202']!s:>6} {r['status']:>5}")
    print("\ndeterminism:", ", ".join(f"{k}: {v}" for k, v in results["determinism"].items()))
    print(f"(cores: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}; "
          "CPU time is user + system of the command's processes)")
    if args.json:
        args.json.write_text(json.dumps({"articles": len(files), "words": words, **results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
