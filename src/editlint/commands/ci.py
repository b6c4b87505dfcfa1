"""``editlint check`` options for CI and archives: baselines, changed lines only,
parallel runs and the cache.

- ``--baseline FILE`` drops the findings FILE records; ``--write-baseline FILE`` records
  the current findings and exits 0 (see :mod:`editlint.baseline` for the format).
- ``--diff REV`` keeps the findings whose start line changed since git revision REV;
  ``--diff-file FILE`` (or ``--diff -``) reads the changes from a unified diff instead.
- ``--jobs N`` lints in N processes (default: the cores available; 1 is sequential).
- ``--scheduler ADDRESS`` lints on a Dask cluster (``local``: a LocalCluster of ``--jobs``
  workers); see :mod:`editlint.commands._dask`.
- A JSON Lines export named as a path is linted article by article (:mod:`editlint.exports`).
- The cache (``--no-cache``, ``--cache-dir``) is described in :mod:`editlint.cache`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from editlint import cli
from editlint.rule import Finding

# Below this many files to lint, the automatic --jobs stays in one process: starting
# workers costs more than it saves.
AUTO_PARALLEL_MIN_FILES = 24


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number of jobs: '{value}'") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be at least 1, not {n}")
    return n


def add_arguments(check: argparse.ArgumentParser) -> None:
    group = check.add_argument_group("CI and scale")
    group.add_argument("--baseline", type=Path, metavar="FILE",
                       help="accept the findings recorded in FILE; fail only on new ones")
    group.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record the current findings in FILE and exit 0")
    group.add_argument("--diff", metavar="REV",
                       help="report only findings on lines changed since git revision REV "
                            "(- reads a unified diff from standard input)")
    group.add_argument("--diff-file", type=Path, metavar="FILE",
                       help="report only findings on lines a unified diff in FILE changes")
    group.add_argument("--jobs", "-j", type=_jobs, metavar="N",
                       help="lint in N processes (default: the cores available; 1: one process)")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="lint on a Dask cluster: its scheduler's address (tcp://host:8786), or 'local' "
                            "for a cluster of --jobs processes on this machine (pip install 'editlint[dask]')")
    group.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    group.add_argument("--cache-dir", type=Path, metavar="DIR",
                       help="keep the cache in DIR (default: .editlint_cache next to the configuration file)")


class CIHook:
    """The check hook: ``before`` reads the baseline and the changes, ``run`` lints
    (cached, in parallel), ``after`` records or applies the baseline and the changes."""

    def before(self, args, session, paths: list[Path]) -> list[Path]:
        args.ci_accepted = None
        args.ci_changed = None
        if args.diff is not None and args.diff_file is not None:
            raise cli.UsageError("--diff and --diff-file cannot be used together")
        if args.baseline is not None:
            from editlint.baseline import BaselineError, load
            try:
                args.ci_accepted = load(args.baseline)
            except BaselineError as exc:
                raise cli.UsageError(str(exc)) from None
        if args.diff is None and args.diff_file is None:
            return paths
        from editlint.commands import _changed_lines as changes
        try:
            if args.diff == "-" or args.diff_file is not None:
                if args.diff == "-" and "-" in args.paths:
                    raise cli.UsageError("--diff - and the path - both want standard input")
                from editlint.safeio import InputError, read_regular
                try:
                    text = sys.stdin.read() if args.diff == "-" else \
                        read_regular(args.diff_file, what="diff").decode("utf-8")
                except (OSError, UnicodeDecodeError, InputError) as exc:
                    source = "standard input" if args.diff == "-" else args.diff_file
                    raise cli.UsageError(f"cannot read the diff from {source}: {exc}") from None
                args.ci_changed = changes.from_diff_text(text)
            elif args.diff is not None:
                args.ci_changed = changes.from_git(args.diff, paths)
        except changes.DiffError as exc:
            raise cli.UsageError(str(exc)) from None
        return paths

    def run(self, args, session, files: list[Path]) -> list[Finding]:
        from editlint import work
        items, known, session.items_linted = work.plan(session.linter, session.resolver, files, cli._display)
        changed = args.ci_changed
        if changed is not None:      # a file with no changed line has nothing to report
            items = [item for item in items if work.touched(changed, item)]
        progress = session.progress
        progress.total = len(items)  # an export's articles, less what --diff leaves out
        results: list[work.Linted | None] = [None] * len(items)

        store = None if args.no_cache else self._cache(args, session)
        keys: dict[int, tuple] = {}
        if store is not None:
            from editlint.cache import digest
            for i, item in enumerate(items):
                cfg = work.config_of(session.resolver, item)
                if isinstance(item, work.ArticleItem):
                    key = (item.display, cfg, item.digest)
                else:
                    from editlint.safeio import read_regular
                    path = Path(item.source)
                    try:
                        data = read_regular(path, cfg.max_file_size)
                    except (OSError, ValueError):   # unreadable, special or too large: linting says so
                        continue
                    # a file's entry is its resolved path: named relatively or absolutely, one entry
                    key = (item.display, cfg, digest(data), store.entry_key(path))
                hit = store.lookup(*key)
                if hit is not None:
                    results[i] = work.Linted(*hit)
                    progress.advance(len(hit[0]))
                keys[i] = key

        todo = [i for i, found in enumerate(results) if found is None]
        session.all_cached = bool(items) and not todo and not known

        def done(i: int, linted: work.Linted, advance: bool = True) -> None:
            results[i] = linted
            if advance:
                progress.advance(len(linted.findings))
            if store is not None and i in keys and self._unchanged(items[i], keys[i][2]):
                display, cfg, digest_, *entry = keys[i]
                store.put(display, cfg, digest_, linted.findings, linted.info, *entry)

        try:
            if getattr(args, "scheduler", None):
                from editlint.commands import _dask
                _dask.lint(args, session, [items[i] for i in todo], lambda j, linted: done(todo[j], linted))
            else:
                self._local(args, session, items, todo, done)
        finally:
            if store is not None:      # what was linted stays cached, even when the run fails
                store.save()
        findings = list(known)
        for item, linted in zip(items, results):
            if linted is None:
                continue
            session.articles[item.display] = linted.info
            findings += linted.findings
            if isinstance(item, work.ArticleItem) and linted.findings and args.format == "html":
                session.sources[item.display] = item.text
        return findings

    def _local(self, args, session, items, todo: list[int], done) -> None:
        """Lint ``todo`` here, or in --jobs worker processes."""
        from editlint.work import lint_item
        workers = self._workers(args, len(todo))
        if workers > 1:
            from editlint.commands._parallel import lint_parallel, shares_memory
            first: list = []
            if shares_memory():
                # Warm up here first: data the rules load lazily (dictionaries, word lists)
                # is then loaded once and shared with the forked workers. A sample text, with
                # the built-in rules only: a user's file, or a plugin's rule, that crashes the
                # process must crash a worker, never this one.
                _warm_up(session)

            def note(display: str, message: str) -> Finding:
                return session.linter.note(session.resolver.for_path(Path(display)), "EL201", display, message)

            rest = lint_parallel([items[i] for i in todo[len(first):]], workers, args.config,
                                 args.isolated, session.linter.selection,
                                 on_result=lambda linted: session.progress.advance(len(linted.findings)),
                                 note=note)
            if rest is not None:
                for i, linted in zip(todo[len(first):], rest):
                    done(i, linted, advance=False)
                return
            todo = todo[len(first):]         # no worker could start: lint the rest here
        for i in todo:
            done(i, lint_item(session.linter, items[i]))

    @staticmethod
    def _unchanged(item, expected: str) -> bool:
        """Whether a file still holds the bytes its cache key was made from: a file edited
        while it was linted is not cached under its old bytes."""
        from editlint import work
        from editlint.cache import digest
        if isinstance(item, work.ArticleItem):
            return True                 # a record of an export: its bytes were read once
        try:
            return digest(Path(item.source).read_bytes()) == expected
        except OSError:
            return False

    @staticmethod
    def _cache(args, session):
        from editlint.cache import Cache, default_dir
        directory = args.cache_dir or default_dir(session.resolver.for_path(Path.cwd()))
        return Cache(directory, session)

    @staticmethod
    def _workers(args, files: int) -> int:
        if args.jobs is not None:
            return max(1, min(args.jobs, files))
        if files < AUTO_PARALLEL_MIN_FILES:
            return 1
        from editlint.commands._parallel import available_cores
        return max(1, min(available_cores(), files // 8))

    def after(self, args, session, findings: list[Finding]) -> list[Finding]:
        if args.write_baseline is not None:
            from editlint.baseline import BaselineError, write
            try:
                n = write(args.write_baseline, findings)
            except BaselineError as exc:
                raise cli.UsageError(str(exc)) from None
            print(f"editlint: recorded {n} finding{'s' if n != 1 else ''} in {args.write_baseline}",
                  file=sys.stderr)
            args.exit_zero = True
        if args.ci_accepted is not None:
            from editlint.baseline import filter_new
            findings = filter_new(findings, args.ci_accepted, args.baseline.parent)
        if args.ci_changed is not None:
            findings = [f for f in findings if self._changed(args.ci_changed, session, f)]
        if args.format == "html":
            self._sources(session, findings)
        return findings

    @staticmethod
    def _changed(changed, session, f: Finding) -> bool:
        """Whether ``f`` is on a changed line; an export's article changed when its record did."""
        info = session.articles.get(f.path)
        if info is not None and info.export is not None:
            return changed.covers(info.export, info.record)
        return changed.covers(f.path, f.line)

    @staticmethod
    def _sources(session, findings: list[Finding]) -> None:
        """The articles' text, for reports that show them (``--format html``)."""
        from editlint.engine import decode
        sources = getattr(session, "sources", None)
        if sources is None:
            return
        from editlint.exports import is_export
        for path in sorted({f.path for f in findings} - set(sources)):
            if is_export(path) or path in session.articles and session.articles[path].export:
                continue       # an export is no article to show; its articles' texts are in sources
            try:
                text, problem = decode(Path(path).read_bytes())
            except OSError:
                continue
            if problem is None:
                sources[path] = text


_WARM_UP = ("Officials said on Tuesday that the harbour would reopen. Critics argue the plan costs "
            "too much, and many residents believe the figures are wrong.\n\nThe council's report, "
            "published in March, estimated the repairs at four million pounds.\n")


def _warm_up(session) -> None:
    from editlint.packs import builtin_pack_dir

    cfg = session.resolver.for_path(Path.cwd())
    try:
        builtin = str(builtin_pack_dir())
        rules = [r for r in session.linter.active_rules(cfg) if r.origin.startswith(builtin)]
        session.linter.lint_text(_WARM_UP, "warm-up.txt", cfg, rules, fmt="text")
        from editlint.screen import SCREENS
        SCREENS.compile_all()      # an archive is long enough to pay for the RE2 screens at once
    except Exception:
        pass     # only an optimisation


cli.CHECK_ARGUMENTS.append(add_arguments)
cli.CHECK_HOOKS.append(CIHook())
