"""The engine: read a file, parse it once, run the rules in force, apply suppressions.

The engine owns codes, locations and the ``EL`` notes about its own work; rules only
yield findings. Nothing here writes to a linted file.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import fnmatch
import os
import stat
import threading
from pathlib import Path
from typing import Iterable

from editlint import parsers, startup
from editlint.config import Config, ConfigError, ConfigResolver
from editlint.document import Document, SourceText
from editlint.kinds import base as kinds_base
from editlint.packs import PackError, builtin_pack_dir, load_packs
from editlint.plugins import Registry
from editlint.records import Record
from editlint.rule import Finding, Related, Rule, RuleError, RuleSet, RuleUnavailable
from editlint.selection import is_selected, specificity, unknown_selectors
from editlint.suppression import parse_directives

# Notes about a file the engine could not lint: shown whatever the selection says.
# EL006: a record of a JSON Lines export that cannot be linted (editlint.exports).
FILE_FAILURES = frozenset({"EL001", "EL002", "EL003", "EL004", "EL006", "EL201", "EL202", "EL203", "EL301"})
SNIFF_BYTES = 8192


class Selection(Record):
    """Selectors given on the command line; they replace the configuration's."""

    select: list[str] | None
    ignore: list[str]
    extend_select: list[str]

    def __init__(self, select: list[str] | None = None, ignore: list[str] | None = None,
                 extend_select: list[str] | None = None) -> None:
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.extend_select = [] if extend_select is None else extend_select


class Linter:
    def __init__(self, registry: Registry, resolver: ConfigResolver, selection: Selection | None = None) -> None:
        self.registry = registry
        self.resolver = resolver
        self.selection = selection or Selection()
        self._rulesets: dict[int, RuleSet] = {}
        self._active: dict[int, list[Rule]] = {}
        self._base: RuleSet | None = None
        self.skip_rules: set[str] = set()    # rules that killed a worker process (see _parallel)
        self.on_rule = None                  # called with each rule's code before it runs
        self._shared_base: dict | None = None

    def share_base_rules(self, store: dict) -> None:
        """Keep the base rules in ``store`` (by registry), so that every Linter over one
        registry loads the packs once (the Python API makes a Linter per call)."""
        self._shared_base = store

    # -- rules --------------------------------------------------------------
    def base_rules(self) -> RuleSet:
        """Rules from the plugins (built-in ones included), loaded once."""
        if self._base is None and self._shared_base is not None:
            self._base = self._shared_base.get(id(self.registry))
        if self._base is None:
            rules = RuleSet()
            try:
                builtin = builtin_pack_dir()
                for _, path in self.registry.packs:
                    trusted = kinds_base.builtin_patterns() if path == builtin else contextlib.nullcontext()
                    with trusted:
                        for rule in load_packs(path, self.registry.kinds):
                            rules.add(rule)
                for _, rule in self.registry.rules:
                    rules.add(rule)
            except (PackError, RuleError) as exc:
                raise ConfigError(str(exc)) from None
            self._base = rules
            if self._shared_base is not None:
                self._shared_base[id(self.registry)] = rules
            startup.settle()
        return self._base

    def ruleset(self, cfg: Config) -> RuleSet:
        """Every rule known under ``cfg``: built-in and plugin packs, Python rules, the
        configuration's own ``rule-paths``, with its per-rule options applied."""
        key = id(cfg)
        if key in self._rulesets:
            return self._rulesets[key]
        rules = RuleSet(dict(self.base_rules().rules))
        try:
            for path in cfg.rule_paths:
                for rule in load_packs(path, self.registry.kinds):
                    rules.add(rule)
        except (PackError, RuleError) as exc:
            raise ConfigError(f"{exc} (rule-paths in {cfg.path})") from None
        for key_, options in cfg.rules.items():
            rule = rules.get(key_)
            if rule is None:
                raise ConfigError(f"{cfg.path}: [rules.{key_}] names no known rule")
            opts = dict(options)
            severity = opts.pop("severity", None)
            try:
                rules.rules[rule.code] = rule.configured(opts, severity)
            except RuleError as exc:
                raise ConfigError(f"{cfg.path}: [rules.{key_}]: {exc}") from None
        self._rulesets[key] = rules
        return rules

    def active_rules(self, cfg: Config) -> list[Rule]:
        key = id(cfg)
        if key not in self._active:
            rules = self.ruleset(cfg)
            sel = self.selection
            select = sel.select if sel.select is not None else cfg.select
            extend = cfg.extend_select + sel.extend_select
            ignore = cfg.ignore + sel.ignore
            given = [*(sel.select or []), *sel.extend_select, *sel.ignore]
            configured = [*(cfg.select or []), *cfg.extend_select, *cfg.ignore,
                          *(c for codes in cfg.per_file_ignores.values() for c in codes)]
            for where, selectors in (("command line", given), (str(cfg.path), configured)):
                bad = unknown_selectors(selectors, rules)
                if bad:
                    raise ConfigError(f"{where}: unknown rule selector '{bad[0]}' "
                                      "(not a code, prefix, family or rule name)")
            self._active[key] = [r for r in rules if is_selected(r, select, extend, ignore)]
        return self._active[key]

    # -- linting ------------------------------------------------------------
    def lint_file(self, path: Path, display: str | None = None, keep: list[Document] | None = None) -> list[Finding]:
        display = display or str(path)
        cfg = self.resolver.for_path(path)
        data = self.read_file(path, display, cfg)
        if isinstance(data, Finding):
            return [data]
        return self.lint_bytes(data, display, cfg, str(path), keep=keep)

    def read_file(self, path: Path, display: str, cfg: Config) -> bytes | Finding:
        """The bytes of ``path``, or the note saying why they cannot be linted."""
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
                return self.note(cfg, "EL001", display, "not a regular file (a pipe, socket or device); not linted")
            size = st.st_size
            if size > cfg.max_file_size:
                return self.note(cfg, "EL004", display,
                                 f"file is {size / 1_048_576:.1f} MB, over the {cfg.max_file_size / 1_048_576:.1f} MB "
                                 "limit (max-file-size); not linted")
            return path.read_bytes()
        except OSError as exc:
            return self.note(cfg, "EL001", display, f"cannot read file: {exc.strerror or exc}")

    def lint_bytes(self, data: bytes, display: str, cfg: Config, name: str | None = None, *,
                   keep: list[Document] | None = None, where: str | None = None) -> list[Finding]:
        """Lint a file's bytes; ``name`` (the file's path) gives the format by its extension."""
        text, problem = decode(data)
        if problem:
            return [self.note(cfg, problem[0], display, problem[1])]
        return self.lint_text(text, display, cfg, fmt=parsers.format_for(name or display, text), keep=keep, where=where)

    def lint_text(self, text: str, display: str, cfg: Config, rules: list[Rule] | None = None,
                  fmt: str | None = None, *, keep: list[Document] | None = None, where: str | None = None,
                  front_matter: dict | None = None) -> list[Finding]:
        """Lint ``text``. ``keep`` receives the parsed Document (for its word count and
        metadata); ``where`` is the path per-file-ignores match, when not ``display``;
        ``front_matter`` fills in what the text's own front matter lacks (an export's
        title and keyphrase)."""
        rules = self.active_rules(cfg) if rules is None else rules
        try:
            doc = parsers.parse(text, display, fmt)
        except Exception as exc:  # a parser bug must not end the run
            return [self.note(cfg, "EL201", display, f"could not parse the file: {type(exc).__name__}: {exc}")]
        if front_matter:
            doc.fill_front_matter(front_matter)
        if keep is not None:
            keep.append(doc)
        return self.run(doc, cfg, rules, where=where)

    def run(self, doc: Document, cfg: Config, rules: list[Rule], where: str | None = None) -> list[Finding]:
        kinds_base.REGEX_TIMEOUT = cfg.regex_timeout
        findings: list[Finding] = []
        for code, start, end, message in doc.notes:
            findings.append(self.note(cfg, code, doc.path, message, doc, start, end))
        size = len(doc.text)
        vouching: frozenset[str] = frozenset()
        # a rule that needs company runs after the rest, and may read what they found
        # (doc._editlint_findings, the list as it grows) to skip a document that cannot keep it
        # (the learned ones last of all: cues that vouch for an article run before them)
        if any(getattr(r, "needs_company", 0) for r in rules):
            rules = sorted(rules, key=lambda r: (bool(getattr(r, "needs_company", 0)),
                                                 not getattr(r, "vouches", False),
                                                 getattr(r, "KIND", "") == "learned"))
            doc.__dict__["_editlint_findings"] = findings
            doc.__dict__["_editlint_vouching"] = vouching = vouching_codes(rules)
        for rule in rules:
            if rule.code in self.skip_rules:
                continue
            # what was found so far bounds the company kept after suppression: a rule whose
            # findings could not be kept is neither prepared nor run (clean copy pays nothing)
            need = getattr(rule, "needs_company", 0)
            if need and not getattr(rule, "vouches", False) and not has_company(
                    findings, getattr(rule, "company_families", None) or [rule.family], need,
                    doc.word_count, vouching=vouching):
                continue
            if self.on_rule is not None:
                self.on_rule(rule.code)
            if hasattr(type(rule), "ensure_prepared"):
                rule.ensure_prepared()       # built-in pack rules compile on first use
            kinds_base.start_budget(cfg.regex_timeout)
            produced: list[Finding] = []
            try:
                for finding in rule.check(doc):
                    if not isinstance(finding, Finding) or not _sane(finding, size):
                        raise _NotAFinding(finding)
                    produced.append(finding)
            except RuleUnavailable as exc:
                findings += produced
                findings.append(self.note(cfg, "EL203", doc.path, f"rule {rule.code} ({rule.name}) cannot run: {exc}"))
                continue
            except TimeoutError:
                findings += produced
                findings.append(self.note(cfg, "EL202", doc.path,
                                          f"rule {rule.code} ({rule.name}): a pattern ran past "
                                          f"{cfg.regex_timeout:g}s on this file and was stopped"))
                continue
            except _NotAFinding as exc:
                findings.append(self.note(cfg, "EL201", doc.path,
                                          f"rule {rule.code} ({rule.name}) returned something that is not a "
                                          f"finding ({type(exc.value).__name__}: {str(exc.value)[:80]!r}); "
                                          "its results for this file are dropped"))
                continue
            except (SystemExit, KeyboardInterrupt) as exc:
                # a rule that tries to end the run: reported like a crash, the run goes on
                # (unless the user really pressed Ctrl-C)
                if INTERRUPTED.is_set():
                    raise
                findings.append(self.note(cfg, "EL201", doc.path,
                                          f"rule {rule.code} ({rule.name}) raised {type(exc).__name__}"
                                          f"{': ' + str(exc) if str(exc) else ''}; the other rules still ran"))
                continue
            except Exception as exc:
                findings += produced
                findings.append(self.note(cfg, "EL201", doc.path,
                                          f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}"))
                continue
            findings += produced
        findings = self.suppress(doc, cfg, rules, findings)
        active = {r.code for r in rules}
        findings = [f for f in findings if f.code in active or f.code in FILE_FAILURES]
        findings = self.per_file_ignores(cfg, where or doc.path, findings)
        # company first: a finding that gives way to another gives way only to one that stays
        findings = keep_company(findings, rules, doc.word_count)
        findings = defer(findings, rules)
        alone_severity(findings, rules)
        unique = {(f.code, f.start, f.end, f.message): f for f in findings}
        return sorted(one_per_span(list(unique.values())), key=Finding.sort_key)

    def suppress(self, doc: Document, cfg: Config, rules: list[Rule], findings: list[Finding]) -> list[Finding]:
        supp = parse_directives(doc.source)
        if not supp.directives:
            return findings

        ruleset = self.ruleset(cfg)
        memo: dict[tuple[str, str], bool] = {}

        def matches(selector: str, finding: Finding) -> bool:
            key = (selector, finding.code)
            if key not in memo:
                rule = ruleset.get(finding.code)
                memo[key] = (specificity(selector, rule) > 0 if rule is not None
                             else finding.code.startswith(selector.upper()))
            return memo[key]

        # a suppression comment is not prose, whatever a parser made of it
        starts = [d.start for d in supp.directives]       # in file order, never overlapping

        def in_comment(f: Finding) -> bool:
            k = bisect.bisect_right(starts, f.start) - 1
            return k >= 0 and f.end <= supp.directives[k].end

        findings = [f for f in findings if f.code in FILE_FAILURES or not in_comment(f)]
        # notes about the comments themselves come first, so that they too can be suppressed
        # (a style guide that shows a bare `editlint-disable` as an example)
        known = list(self.ruleset(cfg))
        notes: list[Finding] = []
        unknown_in: set[int] = set()
        unknown_memo: dict[tuple[str, ...], list[str]] = {}   # a file may repeat one comment thousands of times
        for d in supp.directives:
            if d.action == "enable":
                continue
            if not d.codes:
                notes.append(self.note(cfg, "EL101", doc.path,
                                       f"'editlint-{d.action}' names no rule; add the codes it is meant for",
                                       doc, d.start, d.end))
                continue
            codes = tuple(d.codes)
            if codes not in unknown_memo:
                unknown_memo[codes] = unknown_selectors(d.codes, known)
            unknown = unknown_memo[codes]
            if unknown:
                unknown_in.add(id(d))
                notes.append(self.note(cfg, "EL103", doc.path,
                                       f"'editlint-{d.action}' names unknown rule '{unknown[0]}'", doc, d.start, d.end))
        kept = [f for f in findings + notes if not supp.covers(f, matches)]
        in_force: dict[str, bool] = {}

        def names_a_rule_in_force(code: str) -> bool:
            if code not in in_force:
                in_force[code] = any(specificity(code, r) for r in rules)
            return in_force[code]

        unused = [(d, self.note(cfg, "EL102", doc.path,
                                f"'editlint-{d.action} {','.join(d.codes)}' suppresses nothing; remove it",
                                doc, d.start, d.end))
                  for d in supp.directives
                  if d.action != "enable" and d.codes and id(d) not in unknown_in and not d.used
                  and any(names_a_rule_in_force(c) for c in d.codes)]
        unused = [(d, note) for d, note in unused if not supp.covers(note, matches)]
        kept += [note for d, note in unused if not d.used]
        return kept

    def per_file_ignores(self, cfg: Config, path: str, findings: list[Finding]) -> list[Finding]:
        if not cfg.per_file_ignores:
            return findings
        try:
            rel = Path(path).resolve().relative_to(cfg.root.resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        ignored = [codes for pattern, codes in cfg.per_file_ignores.items()
                   if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern)]
        if not ignored:
            return findings
        selectors = [c for codes in ignored for c in codes]
        ruleset = self.ruleset(cfg)

        def dropped(f: Finding) -> bool:
            rule = ruleset.get(f.code)
            return rule is not None and any(specificity(s, rule) for s in selectors)

        return [f for f in findings if not dropped(f)]

    def note(self, cfg: Config, code: str, path: str, message: str, doc: Document | None = None,
             start: int = 0, end: int = 0) -> Finding:
        rule = self.ruleset(cfg).get(code)
        assert rule is not None, code
        if doc is None:
            doc = Document(path, SourceText(""), "text", [])
        return rule.report_source(doc, start, end, message)


# Set by the command line's SIGINT and SIGTERM handlers: a KeyboardInterrupt or SystemExit is
# then the user's (or the system's), not a rule's.
INTERRUPTED = threading.Event()


class _NotAFinding(Exception):
    def __init__(self, value: object) -> None:
        super().__init__(repr(value))
        self.value = value


def _sane(f: Finding, size: int) -> bool:
    """A finding the engine can place: offsets inside the file, text where text belongs."""
    return (isinstance(f.start, int) and isinstance(f.end, int) and 0 <= f.start <= f.end <= size
            and isinstance(f.line, int) and isinstance(f.column, int) and f.line >= 1 and f.column >= 1
            and isinstance(f.code, str) and isinstance(f.message, str) and isinstance(f.severity, str)
            and f.severity in ("info", "warning", "error") and isinstance(f.related, list))


def defer(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """One problem, one finding: a finding of a rule that ``defers`` (a learned rule) gives
    way to a finding of another rule of its family on the same lines (of any family, for a
    rule that ``needs_company``; and a learned rule's band in company gives way to a cue that
    needs company too, UC115 to LL112, never the other way)."""
    deferring = {r.code for r in rules if getattr(r, "defers", False)}
    if not deferring or not any(f.code in deferring for f in findings):
        return findings
    # a rule that needs company reads a softer band: a line another family already explains
    # (an unsourced claim, a call to action) is that family's problem, not a second one; and a
    # model's soft band gives way to a cue found in company too ("most pundits think" is the
    # unnamed crowd's line, not a second, vaguer "loaded wording" on it)
    wary = {r.code for r in rules if getattr(r, "needs_company", 0)}
    wary_cues = {r.code for r in rules if r.code in wary and getattr(r, "KIND", "") != "learned"}
    taken: dict[str, set[int]] = {}
    anywhere: set[int] = set()
    cued: set[int] = set()
    for f in findings:
        lines = range(f.line, f.end_line + 1)
        if f.code not in deferring:
            taken.setdefault(f.family, set()).update(lines)
            if f.family != "engine":
                anywhere.update(lines)
        elif f.code in wary_cues:
            cued.update(lines)

    def gives_way(f: Finding) -> bool:
        lines = range(f.line, f.end_line + 1)
        if f.code not in wary:
            return bool(taken.get(f.family, set()).intersection(lines))
        return bool(anywhere.intersection(lines)) or (f.code not in wary_cues and bool(cued.intersection(lines)))

    return [f for f in findings if f.code not in deferring or not gives_way(f)]


def keep_company(findings: list[Finding], rules: list[Rule], words: int) -> list[Finding]:
    """A rule that ``needs_company`` (a learned rule's lower band; the attribute is how many
    lines per 1,000 words it needs) reports only in a document where non-learned rules of the
    families it keeps company with (``company_families``: its own, and for LL112 the
    unattributed claims too) report warnings or errors on at least that many lines, after
    suppression: a moderate score is believable in an article shown to argue by insinuation
    throughout, not in clean copy, nor in a long one with a single slip."""
    needing = {r.code: r for r in rules if getattr(r, "needs_company", 0)}
    if not needing or not any(f.code in needing for f in findings):
        return findings
    learned = frozenset(r.code for r in rules if getattr(r, "defers", False))
    vouching = vouching_codes(rules)
    # asked once per rule, not once per finding
    kept = {code: has_company(findings, getattr(rule, "company_families", None) or [rule.family],
                              rule.needs_company, words, learned, vouching)
            for code, rule in needing.items()}
    return [f for f in findings if kept.get(f.code, True)]


def alone_severity(findings: list[Finding], rules: list[Rule]) -> None:
    """A finding of a rule with an ``alone_severity`` takes that severity when no other place of
    the document (a finding whose span does not overlap its own, of any severity) belongs to the
    families it keeps company with: clean news says "critics say" or "reportedly" once in an
    article, copy that leans on unsourced claims or loaded wording does more, and only that
    fails a run. Two such findings keep each other's severity."""
    alone = {r.code: r for r in rules if getattr(r, "alone_severity", "")}
    if not alone or not any(f.code in alone for f in findings):
        return
    # another place is a finding of those families whose span does not overlap this one's: one
    # ends before it starts, or one starts after it ends (the earliest end and the latest start
    # of each family answer that for every finding at once: linear in the findings)
    first_end: dict[str, int] = {}
    last_start: dict[str, int] = {}
    for f in findings:
        first_end[f.family] = min(first_end.get(f.family, f.end), f.end)
        last_start[f.family] = max(last_start.get(f.family, f.start), f.start)
    for f in findings:
        rule = alone.get(f.code)
        if rule is None or f.severity == rule.alone_severity:
            continue
        families = getattr(rule, "company_families", None) or [rule.family]
        if not any(fam in first_end and (first_end[fam] <= f.start or last_start[fam] >= f.end)
                   for fam in families):
            f.severity = rule.alone_severity
            f.message = (f"{f.message} ({rule.alone_severity}: nothing else in this document is "
                         f"{_families_named(families)}; a second would make this a {rule.severity})")


def _families_named(families: list[str]) -> str:
    """'an unattributed claim or loaded language': a family as the message names it."""
    names = {"unattributed-claim": "an unattributed claim", "loaded-language": "loaded language"}
    return " or ".join(names.get(f, f"a {f} finding") for f in families)


def vouching_codes(rules: list[Rule]) -> frozenset[str]:
    return frozenset(r.code for r in rules if getattr(r, "vouches", False))


def has_company(findings: list[Finding], families: list[str], per_1000_words: float, words: int,
                learned: frozenset[str] = frozenset(), vouching: frozenset[str] = frozenset()) -> bool:
    """Do warnings or errors of these families, by rules other than the ``learned`` ones, fall
    on at least ``per_1000_words`` lines per 1,000 words? Lines, not findings: three rules on
    one sentence are one place, not a habit. Findings of ``vouching`` rules (cues rare in clean
    news, whatever their severity) count too once they fall on two lines or more: one is a
    slip, two of them vouch for each other."""
    lines = {f.line for f in findings
             if f.family in families and f.severity != "info" and f.code not in learned}
    if vouching:
        cues = {f.line for f in findings if f.code in vouching and f.family in families}
        if len(cues) >= 2:
            lines |= cues
    return len(lines) * 1000.0 / max(words, 1) >= per_1000_words


# Families whose rules report one problem (a stuffed keyphrase, a link block, a smear that is
# both a conspiracy trope and a label: "is a puppet of the developers", a claim with two cues:
# "it is widely accepted that") from several angles: findings of theirs whose spans overlap
# are one problem, not only identical spans.
OVERLAP_FAMILIES = frozenset({"keyword-stuffing", "link-spam", "loaded-language", "unattributed-claim"})


def one_per_span(findings: list[Finding]) -> list[Finding]:
    """Two rules of one family reporting the same span give one finding. For keyword stuffing and
    link spam, findings whose places overlap (a finding's span or one of its related locations)
    are one problem seen by two rules: the rule first by code keeps the finding, and the other's
    places join its related locations. Engine notes are never merged."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.path, f.family), []).append(f)
    out: list[Finding] = []
    for (_, family), group in groups.items():
        if family == "engine" or len(group) == 1:
            out += group
            continue
        parent = list(range(len(group)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        if family in OVERLAP_FAMILIES:
            places = sorted((s, e, i) for i, f in enumerate(group)
                            for s, e in [(f.start, f.end), *((r.start, r.end) for r in f.related)])
            end, last = -1, -1
            for s, e, i in places:
                if last >= 0 and s < end:
                    parent[root(i)] = root(last)
                if e > end:
                    end, last = e, i
        else:
            first: dict[tuple[int, int], int] = {}
            for i, f in enumerate(group):
                parent[i] = first.setdefault((f.start, f.end), i)
        clusters: dict[int, list[Finding]] = {}
        for i, f in enumerate(group):
            clusters.setdefault(root(i), []).append(f)
        for cluster in clusters.values():
            if len(cluster) == 1:
                out.append(cluster[0])
                continue
            keep = min(cluster, key=lambda f: (f.code, -len(f.related), f.start))
            held = sorted([(keep.start, keep.end), *((r.start, r.end) for r in keep.related)])
            starts, ends = [s for s, _ in held], [e for _, e in held]
            for f in cluster:
                if f is keep:
                    continue
                for r in [Related(f.line, f.column, f.end_line, f.end_column, f"{f.code}: {f.message}", f.start, f.end),
                          *f.related]:
                    # a place already held (the same use, seen by both rules) is not listed twice
                    i = bisect.bisect_right(starts, r.start)
                    if (i and (ends[i - 1] > r.start or starts[i - 1] == r.start)) \
                            or (i < len(starts) and starts[i] < max(r.end, r.start + 1)):
                        continue
                    starts.insert(i, r.start)
                    ends.insert(i, r.end)
                    keep.related.append(r)
            keep.related.sort(key=lambda r: r.start)
            out.append(keep)
    return out


def decode(data: bytes) -> tuple[str, tuple[str, str] | None]:
    """Text from bytes: UTF-8 (with or without a BOM) or BOM-marked UTF-16. Binary data and
    broken encodings are problems (code, message), not exceptions."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return "", ("EL002", f"not valid UTF-16: {exc.reason} at byte {exc.start}")
    if b"\x00" in data[:SNIFF_BYTES]:
        return "", ("EL003", "binary file (it contains NUL bytes); not linted")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return "", ("EL002", f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
                              f"(line {line}); save the file as UTF-8")


def iter_files(paths: Iterable[Path], extensions: Iterable[str], exclude=lambda p: False):
    """Files under ``paths`` with a lintable extension, sorted, following directory links
    once (a link loop is reported and skipped). Yields (path, problem) pairs."""
    exts = tuple(e.lower() for e in extensions)
    for root in paths:
        if not root.is_dir():       # a file, or a FIFO or device named as one (lint_file refuses it)
            yield root, None
            continue
        seen: set[tuple[int, int]] = set()
        inside = os.path.realpath(root).rstrip(os.sep) + os.sep

        def outside(path: str) -> bool:
            """A link that leads out of the folder being linted (to /, into /proc): not followed."""
            # (a broken link leads nowhere: reading it is reported as EL001)
            return os.path.islink(path) and os.path.exists(path) and \
                not (os.path.realpath(path) + os.sep).startswith(inside)

        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            ident = (st.st_dev, st.st_ino)
            if ident in seen:
                dirnames[:] = []
                real, parent = os.path.realpath(dirpath), os.path.realpath(os.path.dirname(dirpath))
                if parent == real or parent.startswith(real.rstrip(os.sep) + os.sep):
                    yield Path(dirpath), f"directory loop at {dirpath}; skipped"
                else:   # a second link to a folder already linted: quietly once is enough
                    yield Path(dirpath), f"{dirpath}: a link to a folder already linted; skipped"
                continue
            seen.add(ident)
            for d in sorted(dirnames):
                if outside(os.path.join(dirpath, d)) and not d.startswith("."):
                    yield Path(dirpath) / d, (f"{Path(dirpath) / d}: a link out of the linted folder "
                                              f"(to {os.path.realpath(os.path.join(dirpath, d))}); not followed")
            dirnames[:] = [d for d in dirnames if not outside(os.path.join(dirpath, d))]
            # real folders before links to folders, so a file is shown under its own path
            dirnames[:] = sorted((d for d in dirnames
                                  if not d.startswith(".") and d not in SKIPPED_DIRS
                                  and not exclude(Path(dirpath) / d)),
                                 key=lambda d: (os.path.islink(os.path.join(dirpath, d)), d))
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if name.lower().endswith(exts) and not exclude(p) and outside(str(p)):
                    yield p, f"{p}: a link out of the linted folder (to {os.path.realpath(p)}); not followed"
                    continue
                if name.lower().endswith(exts) and not exclude(p):
                    try:
                        regular = stat.S_ISREG(os.stat(p).st_mode)
                    except OSError:      # a broken link: lint_file reports it (EL001)
                        regular = True
                    # a FIFO would block whoever reads it; a socket or device is no article
                    yield (p, None) if regular else (p, f"{p}: not a regular file; skipped")


SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages", "_build", "build", "dist"})
