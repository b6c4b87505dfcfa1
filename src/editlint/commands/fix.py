"""``editlint check --fix`` and ``--show-fixes`` (see :mod:`editlint.fixes`).

``--fix`` applies the safe fixes and writes the files, tells on standard error what it
changed, and reports what remains as usual. ``--show-fixes`` writes nothing: it prints the
fixes as a unified diff instead of the report, or, with ``--format json``, adds each
finding's ``fix`` to the report. Without ``--fix`` no file is ever written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from editlint import cli
from editlint.rule import Finding


def add_arguments(check: argparse.ArgumentParser) -> None:
    group = check.add_argument_group("fixes")
    group.add_argument("--fix", action="store_true",
                       help="apply the fixes rules mark safe, write the files, and report what remains")
    group.add_argument("--show-fixes", action="store_true",
                       help="show the safe fixes without writing anything: a unified diff, "
                            "or a 'fix' key per finding with --format json")


class FixHook:
    def before(self, args, session, paths: list[Path]) -> list[Path]:
        if (args.fix or args.show_fixes) and "-" in args.paths:
            raise cli.UsageError("--fix and --show-fixes work on files, not on standard input")
        return paths

    def after(self, args, session, findings: list[Finding]) -> list[Finding]:
        if not (args.fix or args.show_fixes):
            return findings
        from editlint import fixes
        from editlint.engine import decode

        json_report = args.show_fixes and args.format == "json"
        if json_report:              # the report itself carries the fixes
            args.report_fixes = True
            return findings
        by_path: dict[str, list[Finding]] = {}
        for f in findings:
            by_path.setdefault(f.path, []).append(f)
        results = []
        for display, found in by_path.items():
            path = Path(display)
            if not any(fixes.safe(f) for f in found) or not path.is_file():
                continue
            info = getattr(session, "articles", {}).get(display)
            if info is not None and info.export is not None:
                continue             # an article of a JSON Lines export, not a file of that name
            try:
                original = path.read_bytes()
            except OSError:
                continue
            text, problem = decode(original)
            if problem:
                continue
            result = fixes.fix_text(lambda t, d=display: session.lint_text(t, d), text, display)
            if not result.changed:
                continue
            if args.fix and not args.show_fixes:
                try:
                    fixes.write_if_unchanged(path, original, fixes.encode_like(result.text, original))
                except fixes.FileChanged as exc:
                    print(f"editlint: warning: {display}: {exc}; not fixed", file=sys.stderr)
                    continue
                except OSError as exc:
                    print(f"editlint: error: {display}: cannot write the fixes: {exc.strerror or exc}",
                          file=sys.stderr)
                    args.fix_failed = True
                    continue
            results.append(result)

        applied = sum(len(r.applied) for r in results)
        noun = "finding" if applied == 1 else "findings"
        files = f"{len(results)} file{'s' if len(results) != 1 else ''}"
        if args.show_fixes:
            args.report = "".join(r.diff() for r in results)
            remain = len(findings) - applied
            print(f"editlint: {applied} {noun} in {files} would be fixed (--fix applies them); "
                  f"{remain} would remain", file=sys.stderr)
            return findings
        fixed = {r.path for r in results}
        remaining = [f for f in findings if f.path not in fixed]
        for r in results:
            for f in r.applied:
                print(f"editlint: fixed {f.path}:{f.line}:{f.column}: {f.code} {f.fix.message}", file=sys.stderr)
            remaining += self._filtered(args, r.remaining)
        remaining.sort(key=Finding.sort_key)
        print(f"editlint: fixed {applied} {noun} in {files}; {len(remaining)} remain", file=sys.stderr)
        if args.format == "html":
            for r in results:
                session.sources[r.path] = r.text
        return remaining

    @staticmethod
    def _filtered(args, found: list[Finding]) -> list[Finding]:
        """The re-linted findings of a fixed file, through the baseline and the changed
        lines asked for (as the first run's findings went)."""
        if getattr(args, "ci_accepted", None) is not None:
            from editlint.baseline import filter_new
            found = filter_new(found, args.ci_accepted, args.baseline.parent)
        if getattr(args, "ci_changed", None) is not None:
            found = [f for f in found if args.ci_changed.covers(f.path, f.line)]
        return found


cli.CHECK_ARGUMENTS.append(add_arguments)
cli.CHECK_HOOKS.append(FixHook())
