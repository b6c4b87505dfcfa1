"""``editlint stats PATH ...``: readability measures per file, so editors can compare drafts.

Prints a table (``--format text``, the default) or a JSON array with one object per file
(``--format json``). The measures are the ones the readability rules (RD) use, with the
thresholds those rules have in the configuration that applies to each file (a long
sentence is one over RD102's ``long-words``, a long paragraph one over RD103's
``max-words``, a run of same openings one of RD105's ``min-run``). Each file also shows the
keyphrase it targets: the one its front matter declares or, with none declared, the one
inferred from its title, slug, headings and the other places search engines weigh (see
:mod:`editlint.keyphrases`), with that evidence and whether the keyphrase assessments find it
stuffed. A path that does not
exist, or a file that cannot be read, decoded or parsed, gets a one-line message on
standard error and makes the exit status 2; the other files are still measured. A JSON
Lines export (:mod:`editlint.exports`) gives a row per article, named by its id.

``--archive`` lints instead (with the selection, configuration, ``--jobs``,
``--scheduler`` and cache options of ``check``) and prints the archive's figures
(:mod:`editlint.formatters.archive`): a few tables, or with ``--format json`` one object::

    {"articles", "words", "findings", "per_1000_words", "articles_with_warnings",
     "families": [{"family", "findings", "per_1000_words", "articles"}],
     "by_section": [{"name", "articles", "words", "findings", "per_1000_words",
                     "families": {family: {"findings", "per_1000_words"}}}],
     "by_month": [... the same, "name" is "YYYY-MM" or "(undated)"],
     "worst_articles": [{"path", "title", "section", "date", "url", "words", "findings",
                         "warnings_and_errors", "per_1000_words", "families": {family: n}}],
     "top_rules": [{"code", "rule", "family", "findings", "articles", "first_article"}]}

Its exit status is 0, or 2 when a file or record could not be linted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from editlint import cli

# (key, column title, format) for the text table
COLUMNS = [
    ("words", "words", "{:d}"),
    ("sentences", "sents", "{:d}"),
    ("paragraphs", "paras", "{:d}"),
    ("flesch_reading_ease", "flesch", "{:.1f}"),
    ("grade_level", "grade", "{:.1f}"),
    ("dale_chall", "dale-chall", "{:.1f}"),
    ("words_per_sentence", "w/sent", "{:.1f}"),
    ("long_sentence_share", "long%", "{:.0%}"),
    ("longest_sentence", "max-sent", "{:d}"),
    ("long_paragraphs", "long-paras", "{:d}"),
    ("repeated_openings", "same-open", "{:d}"),
]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="print readability measures per file",
                       description="Print readability measures (word count, Flesch reading ease, "
                                   "grade level, sentence and paragraph length) per file.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads standard input")
    p.add_argument("--format", default="text", choices=["text", "json"], help="output format (default: text)")
    p.add_argument("--config", type=Path, help="use this configuration file instead of searching for one")
    p.add_argument("--stdin-filename", help="the name (and so the format) of text read from standard input")
    archive = p.add_argument_group("archive summary")
    archive.add_argument("--archive", action="store_true",
                         help="lint every article and print the archive's figures: findings per family per "
                              "1,000 words, by section and by month, the worst articles, the most frequent rules "
                              "(the summary the HTML report opens with)")
    archive.add_argument("--select", help="with --archive: codes, prefixes, families or rule names to enable")
    archive.add_argument("--extend-select", help="with --archive: like --select, added to the configuration's")
    archive.add_argument("--ignore", help="with --archive: codes, prefixes, families or rule names to disable")
    archive.add_argument("--isolated", action="store_true", help="with --archive: ignore all configuration files")
    archive.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="with --archive: lint in N processes")
    archive.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --archive: lint on a Dask cluster (tcp://host:8786, or 'local')")
    archive.add_argument("--no-cache", action="store_true", help="with --archive: neither read nor write the cache")
    archive.add_argument("--cache-dir", type=Path, metavar="DIR", help="with --archive: keep the cache in DIR")


def _jobs(value: str) -> int:
    from editlint.commands.ci import _jobs as parse
    return parse(value)


def run_archive(args: argparse.Namespace, session) -> int:
    """Lint as ``editlint check`` does (every check option at its default but those given
    here) and print the archive figures instead of the findings."""
    from editlint.formatters import archive

    def render(findings, context) -> str:
        data = archive.figures(findings, context.articles)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else archive.text_summary(data)

    registry = session.registry
    check = cli.build_parser(sorted(registry.formatters)).parse_args(["check"])
    for name, value in vars(args).items():
        if hasattr(check, name) and name not in ("command", "format"):
            setattr(check, name, value)
    registry.formatters[_ARCHIVE_FORMAT] = render
    try:
        check.format = _ARCHIVE_FORMAT
        status = cli.run_check(check, registry)
    finally:
        registry.formatters.pop(_ARCHIVE_FORMAT, None)
    return cli.EXIT_ERROR if status == cli.EXIT_ERROR else cli.EXIT_CLEAN


_ARCHIVE_FORMAT = "stats-archive"   # a formatter of this command's own, not offered to check


def _thresholds(session, path: Path) -> dict[str, int]:
    rules = session.rules_for(path)

    def opt(code: str, name: str, default: int) -> int:
        rule = rules.get(code)
        return rule.options.get(name, default) if rule is not None else default

    return {
        "long_sentence": opt("RD102", "long_words", 20),
        "long_paragraph": opt("RD103", "max_words", 200),
        "same_openings": opt("RD105", "min_run", 3),
    }


def measure(text: str, display: str, fmt: str | None, thresholds: dict[str, int],
            front_matter: dict | None = None) -> "DocumentStats":
    from editlint import parsers
    from editlint.readability import document_stats

    doc = parsers.parse(text, display, fmt or parsers.format_for(display, text))
    if front_matter:                 # an export's title and keyphrase
        doc.fill_front_matter(front_matter)
    stats = document_stats(doc, **thresholds)
    stats.keyphrase = keyphrase_of(doc)
    return stats


def keyphrase_of(doc) -> dict | None:
    """The page's target keyphrase (declared, or inferred), its evidence and what the
    keyphrase assessments make of it; None when the page targets none."""
    from editlint.keyphrases import stuffed, target_keyphrases

    kps = target_keyphrases(doc)
    if not kps:
        return None
    kp = kps[0]
    out = kp.to_dict()
    found = stuffed(doc, kp) if doc.word_count >= 100 else None
    out["stuffed"] = found is not None
    out["failures"] = found.failures if found else []
    if found is None and kp.source == "inferred" and not kp.shape:
        out["note"] = "it reads as a name or a term of art, not a search query"
    return out


def run(args: argparse.Namespace, session) -> int:
    if args.archive:
        return run_archive(args, session)
    from editlint import exports
    from editlint.engine import decode, iter_files

    results: list = []
    failed = False

    def problem(path: str, message: str) -> None:
        nonlocal failed
        failed = True
        print(f"editlint: error: {path}: {message}", file=sys.stderr)

    def one(data: bytes, display: str, cfg_path: Path) -> None:
        text, bad = decode(data)
        if bad:
            problem(display, bad[1])
            return
        try:
            results.append(measure(text, display, None, _thresholds(session, cfg_path)))
        except Exception as exc:  # a parser bug must not end the run
            problem(display, f"could not measure the file: {type(exc).__name__}: {exc}")

    def export(path: Path, display: str) -> None:
        """Each article of a JSON Lines export, by its id."""
        thresholds = _thresholds(session, path)
        try:
            for record in exports.read(path, display, {}):
                if isinstance(record, exports.BadRecord):
                    problem(f"{display}:{record.line}", record.message)
                    continue
                try:
                    results.append(measure(record.text, record.id, record.format, thresholds, record.front))
                except Exception as exc:  # a parser bug must not end the run
                    problem(record.id, f"could not measure the article: {type(exc).__name__}: {exc}")
        except exports.ExportError as exc:
            problem(display, f"cannot read the export: {exc}")

    for raw in args.paths:
        if raw == "-":
            one(sys.stdin.buffer.read(), args.stdin_filename or "-", Path.cwd() / "stdin")
            continue
        target = Path(raw)
        if not target.exists():
            problem(raw, "no such file or directory")
            continue
        cfg = session.resolver.for_path(target)
        for path, note in iter_files([target], cfg.extensions):
            if note:
                print(f"editlint: warning: {note}", file=sys.stderr)
                continue
            display = str(path)[2:] if str(path).startswith("./") else str(path)
            if exports.is_export(path):
                export(path, display)
                continue
            try:
                data = path.read_bytes()
            except OSError as exc:
                problem(display, f"cannot read file: {exc.strerror or exc}")
                continue
            one(data, display, path)

    rows = [{**r.to_dict(), "keyphrase": getattr(r, "keyphrase", None)} for r in results]
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        sys.stdout.write(table(results))
    sys.stdout.flush()
    return cli.EXIT_ERROR if failed else cli.EXIT_CLEAN


def table(results: list) -> str:
    if not results:
        return ""
    header = ["path"] + [title for _, title, _ in COLUMNS]
    body = [[r.path] + [fmt.format(getattr(r, key)) for key, _, fmt in COLUMNS] for r in results]
    widths = [max(len(row[i]) for row in [header] + body) for i in range(len(header))]
    lines = []
    for row in [header] + body:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    # the keyphrase each page targets, and where it was found
    notes = []
    for r in results:
        kp = getattr(r, "keyphrase", None)
        if kp:
            verdict = (f"stuffed: {'; '.join(kp['failures'])}" if kp["stuffed"] else
                       f"not stuffed ({kp['note']})" if kp.get("note") else "not stuffed")
            notes.append(f"{r.path}: keyphrase '{kp['phrase']}' ({kp['source']}; {kp['evidence']}; "
                         f"{kp['uses']} uses outside the title): {verdict}")
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


cli.EXTRA_COMMANDS.append(register)
cli.COMMAND_HANDLERS["stats"] = run
