"""One article from process start, interleaved (issue 13's start-up target).

    .venv/bin/python benchmarks/startup.py [--runs 11] [--rev REV ...] [--proselint-venv DIR]

Each ``--rev`` (default HEAD) is unpacked and byte-compiled as ``speed.py`` does, then the
commands run in turn, round after round: editlint at each revision (``check --isolated
--exit-zero --no-cache`` on the ~420-word BBC article ``speed.py`` picks) and proselint on the
same file, each a fresh process. Alternating the commands puts them under the same load on a
shared machine; the medians of CPU time (user + system, ``getrusage``) and the ratio of each
revision to proselint are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from regress import write_bbc  # noqa: E402
from speed import measure, proselint_bin  # noqa: E402


def snapshot(tmp: Path, rev: str, n: int) -> list[str]:
    """``rev``'s src and rules unpacked and byte-compiled; the command and its environment."""
    snap = tmp / f"snap{n}"
    snap.mkdir()
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", rev, "src", "rules"],
                             capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(snap)], input=archive.stdout, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(snap / "src")], check=True)
    return ["env", f"PYTHONPATH={snap / 'src'}", sys.executable, "-m", "editlint"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--rev", action="append", help="a commit to measure (repeatable; default HEAD)")
    ap.add_argument("--proselint-venv", type=Path, default=Path("/tmp/proselint-venv"))
    args = ap.parse_args()
    revs = args.rev or ["HEAD"]
    with tempfile.TemporaryDirectory(prefix="editlint-startup-") as tmp_name:
        tmp = Path(tmp_name)
        files = write_bbc(tmp / "corpus", 400)
        if not files:
            print("no BBC corpus", file=sys.stderr)
            return 2
        single = max(files, key=lambda p: -abs(len(p.read_text().split()) - 420))
        rel = str(single.relative_to(tmp))
        commands = {rev: [*snapshot(tmp, rev, i), "check", "--isolated", "--exit-zero", "--no-cache", rel]
                    for i, rev in enumerate(revs)}
        prose = proselint_bin(args.proselint_venv)
        if prose:
            commands["proselint"] = [str(prose), "check", rel]
        for argv in commands.values():      # one warm-up each: the page cache, not a measure
            measure(argv, tmp)
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                cpu[name].append(measure(argv, tmp)["cpu"])
        base = statistics.median(cpu["proselint"]) if prose else None
        print(f"{single.name}, {len(single.read_text().split())} words; {args.runs} interleaved runs; "
              f"load {os.getloadavg()[0]:.1f}")
        for name, xs in cpu.items():
            med = statistics.median(xs)
            ratio = f"  {med / base:.2f}x proselint" if base and name != "proselint" else ""
            print(f"{name:<12} median {med:.3f} s  (min {min(xs):.3f}, max {max(xs):.3f}){ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
