"""The command line. The only place that decides exit status:

0  no finding of severity warning or error
1  at least one such finding
2  a usage error, a configuration error, a file or plugin that could not be processed, or
   an internal error
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from collections.abc import Mapping
from typing import Callable

from editlint import __version__, startup
from editlint.api import Session, display_name
from editlint.config import ConfigError
from editlint.engine import FILE_FAILURES, Selection
from editlint.formatters import Context
from editlint.plugins import Registry, collect, plugin_manager
from editlint.rule import Finding, Rule
from editlint.selection import split_list

__all__ = ["Session", "main"]   # Session lives in editlint.api; it is kept importable from here

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


class RunError(Exception):
    """A run that cannot go on (a Dask scheduler that cannot be reached): one line, exit 2."""


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, worked out as shutil does, without importing
    shutil (which imports bz2, lzma and fnmatch: ~2 ms of every run, since argparse makes a
    help formatter for each option it is given, and each asks for the width)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 80
        columns = columns or 80
    return columns


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, the terminal's width found by :func:`_terminal_columns`."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _terminal_columns() - 2 if width is None else width)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # argparse prints usage; keep to one line
        raise UsageError(message)


def build_parser(formats: list[str]) -> argparse.ArgumentParser:
    parser = Parser(prog="editlint", description="An editorial content-quality linter.")
    parser.add_argument("--version", action="version", version=f"editlint {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    check = sub.add_parser("check", help="lint files and folders", description="Lint articles.")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="files or folders to lint; - reads standard input (default: .)")
    check.add_argument("--format", default="text", choices=formats, help="output format (default: text)")
    check.add_argument("--select", help="comma-separated codes, prefixes, families or rule names to enable")
    check.add_argument("--extend-select", help="like --select, added to the configured selection")
    check.add_argument("--ignore", help="comma-separated codes, prefixes, families or rule names to disable")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    check.add_argument("--statistics", action="store_true", help="print a count per rule after the findings")
    check.add_argument("--config", type=Path, help="use this configuration file instead of searching for one")
    check.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    check.add_argument("--stdin-filename", help="the name (and so the format) of text read from standard input")
    check.add_argument("--force-exclude", action="store_true",
                       help="apply the configuration's exclude to paths named on the command line too")
    check.add_argument("--output-file", "-o", type=Path, help="write the report to this file instead of stdout")
    add_check_arguments(check)

    rules = sub.add_parser("rules", help="list every rule", description="List every rule.")
    rules.add_argument("--format", default="text", choices=["text", "json"])
    rules.add_argument("--config", type=Path)

    explain = sub.add_parser("explain", help="explain a rule", description="Explain a rule.")
    explain.add_argument("code", help="a rule code or name, such as KS101")
    explain.add_argument("--config", type=Path)

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


# Other modules add options and subcommands here, so this file stays the one entry point.
CHECK_ARGUMENTS: list[Callable[[argparse.ArgumentParser], None]] = []
EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []
COMMAND_HANDLERS: dict[str, Callable[[argparse.Namespace, "Session"], int]] = {}


def add_check_arguments(check: argparse.ArgumentParser) -> None:
    for add in CHECK_ARGUMENTS:
        add(check)


def _stop_signals() -> dict:
    """Ctrl-C and SIGTERM end the run (a rule raising KeyboardInterrupt or SystemExit does
    not: the engine tells them apart by this flag)."""
    import signal
    import threading

    from editlint.engine import INTERRUPTED

    if threading.current_thread() is not threading.main_thread():
        return {}

    def interrupt(signum, frame):
        INTERRUPTED.set()
        raise KeyboardInterrupt

    def terminate(signum, frame):
        INTERRUPTED.set()
        raise SystemExit(128 + signum)

    INTERRUPTED.clear()
    previous = {signal.SIGINT: signal.signal(signal.SIGINT, interrupt)}
    if hasattr(signal, "SIGTERM"):
        previous[signal.SIGTERM] = signal.signal(signal.SIGTERM, terminate)
    return previous


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    previous = _stop_signals()
    one_shot = startup.one_shot(True)      # start-up objects leave the garbage collector's sight
    try:
        return _main(argv)
    except UsageError as exc:
        print(f"editlint: error: {exc} (see 'editlint --help')", file=sys.stderr)
        return EXIT_ERROR
    except ConfigError as exc:
        print(f"editlint: configuration error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except RunError as exc:
        print(f"editlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("editlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # never a traceback in front of a user
        print(f"editlint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        import signal

        startup.one_shot(one_shot)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _main(argv: list[str]) -> int:
    _load_command_modules()
    commands = {"check", "rules", "explain", *COMMAND_HANDLERS}
    if argv and argv[0] not in commands and not argv[0].startswith("-") or argv and argv[0] == "-":
        typo = _mistyped_command(argv[0], commands)
        if typo:
            raise UsageError(f"unknown command '{argv[0]}'; did you mean '{typo}'?")
        argv = ["check", *argv]            # `editlint FILE` means `editlint check FILE`
    pm, errors = plugin_manager()
    registry = collect(pm, errors)           # plugins load once per invocation
    parser = build_parser(sorted(registry.formatters))
    if not argv:
        parser.print_help()
        return EXIT_CLEAN
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args, registry)
    if args.command == "rules":
        return run_rules(args, registry)
    if args.command == "explain":
        return run_explain(args, registry)
    return COMMAND_HANDLERS[args.command](args, Session(getattr(args, "config", None), registry=registry))


def _mistyped_command(word: str, commands: set[str]) -> str | None:
    """The command ``word`` was probably meant to be (``chek`` -> ``check``), unless it
    names a file or folder that exists: ``editlint FILE`` lints FILE."""
    import difflib
    if word == "-" or os.path.lexists(word):
        return None
    close = difflib.get_close_matches(word, sorted(commands), n=1, cutoff=0.6)
    return close[0] if close else None


def _load_command_modules() -> None:
    """Modules that add subcommands or check options register themselves on import."""
    import importlib

    for name in ("editlint.commands",):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


# -- check ------------------------------------------------------------------
def run_check(args: argparse.Namespace, registry: Registry | None = None) -> int:
    selection = Selection(
        select=split_list(args.select) if args.select is not None else None,
        ignore=split_list(args.ignore),
        extend_select=split_list(args.extend_select),
    )
    session = Session(args.config, args.isolated, selection, registry)
    for error in session.registry.errors:
        print(f"editlint: error: {error}", file=sys.stderr)
    status_error = bool(session.registry.errors)

    findings: list[Finding] = []
    files = 0
    sources = session.sources
    targets = [Path(p) for p in args.paths if p != "-"]
    missing = [p for p in targets if not p.exists() and not p.is_symlink()]
    for p in missing:
        print(f"editlint: error: {p}: no such file or directory", file=sys.stderr)
        status_error = True

    if "-" in args.paths:
        files += 1
        limit = session.config_for(Path.cwd() / "stdin").max_file_size   # max-file-size holds for stdin too
        findings += session.lint_bytes(sys.stdin.buffer.read(limit + 1), args.stdin_filename or "-")

    hooks = [h for h in CHECK_HOOKS]
    for hook in hooks:
        targets = hook.before(args, session, targets) if hasattr(hook, "before") else targets

    lintable = []
    for path, problem in session.files([p for p in targets if p not in missing], args.force_exclude):
        if problem:
            print(f"editlint: warning: {problem}", file=sys.stderr)
            continue
        lintable.append(path)
    _refuse_to_overwrite(args, lintable)
    from editlint.progress import Progress
    session.progress = Progress(len(lintable))      # on standard error, when it is a terminal
    runner = next((h.run for h in hooks if hasattr(h, "run")), None)
    try:
        if runner is not None:
            findings += runner(args, session, lintable)
        else:
            for path in lintable:
                found = session.lint_file(path)
                session.progress.advance(len(found))
                findings += found
    finally:
        session.progress.close()
    # a JSON Lines export counts each of its articles (the runner says how many there were)
    files += len(lintable) if session.items_linted is None else session.items_linted
    for hook in hooks:
        if hasattr(hook, "after"):
            findings = hook.after(args, session, findings)
    findings.sort(key=Finding.sort_key)
    # a rule that cannot run at all (a broken model file) is one line, not one per file
    unavailable = sorted({f.message for f in findings if f.code == "EL203"})
    for message in unavailable:
        print(f"editlint: error: {message}; the other rules ran", file=sys.stderr)
    if unavailable:
        findings = [f for f in findings if f.code != "EL203"]
        status_error = True

    # the rules in force (for SARIF's tool.driver.rules and --statistics), plus the rule of
    # every finding shown (EL notes about files are shown whatever the selection)
    configs = {id(c): c for c in (session.resolver.for_path(p) for p in
                                  [*(targets or [Path.cwd()]), *lintable, *([Path.cwd()] if "-" in args.paths else [])])}

    def rules_shown() -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        for cfg in configs.values():
            rules.update((r.code, r) for r in session.linter.active_rules(cfg))
        for code in sorted({f.code for f in findings} - set(rules)):
            rule = next((rs.get(code) for rs in map(session.linter.ruleset, configs.values()) if rs.get(code)), None)
            if rule is not None:
                rules[code] = rule
        return rules

    rules = LazyRules(rules_shown)
    if not session.all_cached:
        # (this also checks the selectors). A run served wholly from the cache built no rules,
        # and builds them only for a format that shows their metadata (SARIF, --statistics):
        # its selectors were checked when the findings were cached (the cache is keyed by them)
        rules.resolve()
    context = Context(rules=rules, files=files, version=__version__, statistics=args.statistics,
                      sources=sources, articles=session.articles, fixes=getattr(args, "report_fixes", False),
                      paths=[*([args.stdin_filename or "-"] if "-" in args.paths else []),
                             *(_display(p) for p in lintable)])
    # a hook may put its own report in place of the findings (--show-fixes: a diff)
    output = getattr(args, "report", None)
    if output is None:
        output = session.registry.formatters[args.format](findings, context)
    if args.output_file:
        args.output_file.write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
        sys.stdout.flush()

    if status_error or getattr(args, "fix_failed", False) or any(f.code in FILE_FAILURES for f in findings):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(f.severity in ("warning", "error") for f in findings) else EXIT_CLEAN


class LazyRules(Mapping):
    """The rules a report may show, worked out (and so built) when a formatter first asks."""

    def __init__(self, make: Callable[[], dict[str, Rule]]) -> None:
        self._make = make
        self._rules: dict[str, Rule] | None = None

    def resolve(self) -> dict[str, Rule]:
        if self._rules is None:
            self._rules = self._make()
        return self._rules

    def __getitem__(self, code: str) -> Rule:
        return self.resolve()[code]

    def __iter__(self):
        return iter(self.resolve())

    def __len__(self) -> int:
        return len(self.resolve())


# Objects with optional before(args, session, paths) -> paths, run(args, session, files) -> findings,
# after(args, session, findings) -> findings: baselines, diffs, caches and parallel runs plug in here.
CHECK_HOOKS: list[object] = []


def _refuse_to_overwrite(args: argparse.Namespace, lintable: list[Path]) -> None:
    """A report or baseline written over a file being linted would destroy an article."""
    linted = {os.path.realpath(p) for p in lintable}
    for option, target in (("--output-file", getattr(args, "output_file", None)),
                           ("--write-baseline", getattr(args, "write_baseline", None))):
        if target is not None and os.path.realpath(target) in linted:
            raise UsageError(f"{option} {target} is one of the files being linted; "
                             "write the report somewhere else")


def _display(path: Path) -> str:
    return display_name(path)


# -- rules and explain ---------------------------------------------------------
def run_rules(args: argparse.Namespace, registry: Registry | None = None) -> int:
    session = Session(args.config, registry=registry)
    rules = session.rules_for(Path.cwd())
    if args.format == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity,
                           "summary": r.docs.summary, "origin": r.origin} for r in rules.values()], indent=2))
        return EXIT_CLEAN
    width = max((len(r.name) for r in rules.values()), default=10)
    for r in sorted(rules.values(), key=lambda r: r.code):
        print(f"{r.code:<6} {r.name:<{width}}  {r.family:<19} {r.docs.summary}")
    return EXIT_CLEAN


def run_explain(args: argparse.Namespace, registry: Registry | None = None) -> int:
    session = Session(args.config, registry=registry)
    rules = session.rules_for(Path.cwd())
    rule = next((r for r in rules.values() if r.code == args.code.upper() or r.name == args.code), None)
    if rule is None:
        print(f"editlint: error: no rule named '{args.code}' (see 'editlint rules')", file=sys.stderr)
        return EXIT_ERROR
    print(explain_text(rule))
    return EXIT_CLEAN


def _origin(origin: str) -> str:
    """A built-in pack as ``rules/<family>/<file>``; anything else as given."""
    from editlint.packs import PackError, builtin_pack_dir

    try:
        return "rules/" + Path(origin).resolve().relative_to(builtin_pack_dir()).as_posix() + " (built in)"
    except (ValueError, OSError, PackError):
        return origin


def explain_text(rule: Rule) -> str:
    d = rule.docs
    out = [f"{rule.code} {rule.name}  [{rule.family}, {rule.severity}]", "", d.summary]

    def section(title: str, body: str, code: bool = False) -> None:
        if body.strip():
            out.extend(["", title, ""])
            import textwrap

            body = textwrap.dedent(body).strip("\n")
            out.extend(("    " + line) if code else line for line in body.splitlines())

    section("What it does", d.what)
    section("Why is this bad?", d.why)
    section("Example", d.example, code=True)
    section("How to fix it", d.fix)
    if rule.OPTIONS:
        out.extend(["", "Options (set them under [rules." + rule.code + "] in editlint.toml)", ""])
        for name, opt in rule.OPTIONS.items():
            value = rule.options.get(name)
            out.append(f"  {name.replace('_', '-')} = {json.dumps(value, default=str)}")
            out.append(f"      {opt.help}")
    if rule.origin:
        out.extend(["", f"Defined in {_origin(rule.origin)}"])
    pattern = getattr(rule, "pattern", None)
    if pattern is not None and hasattr(pattern, "search"):
        from editlint.kinds.base import engine_of

        out.extend(["", f"Patterns are matched by {engine_of(pattern)}."])
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
