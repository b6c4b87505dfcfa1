"""editlint's own plugin. It registers the built-in rule kinds, rule packs, engine notes and
output formats through the same hooks a third-party plugin uses.

Its hook functions are not decorated: ``editlint.plugins`` marks them (``HOOKS``) when it
builds a pluggy plugin manager, and calls them itself when this is the only plugin, so that
a plain run never imports pluggy."""

from __future__ import annotations

import importlib
from typing import Iterator

from editlint import formatters, kinds, submodules
from editlint.document import Document
from editlint.kinds.base import Kind
from editlint.packs import builtin_pack_dir
from editlint.rule import Docs, Example, Finding, Rule


# The hooks this plugin implements (every hook of editlint.hookspecs).
HOOKS = ("register_rule_kinds", "register_rule_packs", "register_formatters", "register_rules")


def register_rule_kinds(register):
    # every Kind subclass with a name, in every module of editlint.kinds
    for module in submodules.import_public(kinds):
        for _, obj in sorted(vars(module).items()):      # as inspect.getmembers (not imported: ~8 ms)
            if isinstance(obj, type) and issubclass(obj, Kind) and obj.KIND and obj.__module__ == module.__name__:
                register(obj)


def register_rule_packs(register):
    register(builtin_pack_dir())


# The output formats: modules of editlint.formatters with NAME (the module's name) and
# render(). Each is imported when its format is used (a run prints one), so they are listed
# here rather than found by importing them all; tests/test_formatters.py checks the list.
FORMATS = ("github", "html", "json", "sarif", "text")


def register_formatters(register):
    for name in FORMATS:
        register(name, _deferred_render(f"{formatters.__name__}.{name}"))


def _deferred_render(module_name: str):
    def render(findings, context):
        return importlib.import_module(module_name).render(findings, context)

    render.__qualname__ = render.__name__ = f"{module_name}.render"
    return render


class EngineNote(Rule):
    """A note the engine itself reports (the rule has no check of its own)."""

    def __init__(self, code: str, name: str, severity: str, summary: str, what: str, why: str,
                 example: str = "", flags: tuple[str, ...] = (), passes: tuple[str, ...] = ()) -> None:
        super().__init__(code=code, name=name, family="engine", severity=severity,
                         docs=Docs(summary=summary, what=what, why=why, example=example),
                         flags=[Example(t) for t in flags], passes=[Example(t) for t in passes],
                         origin="editlint.builtin")

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())


ENGINE_NOTES = [
    EngineNote("EL001", "unreadable-file", "error", "A file that cannot be read.",
               "Reports a file that exists but cannot be opened or read (permissions, a broken link).",
               "A file that is not linted can hide every problem editlint looks for."),
    EngineNote("EL002", "undecodable-file", "error", "A file that is not valid UTF-8.",
               "Reports a file whose bytes are not UTF-8 (or BOM-marked UTF-16), with the offset of the first bad byte.",
               "Mis-encoded text shows as mojibake to readers and cannot be checked reliably; save it as UTF-8."),
    EngineNote("EL003", "binary-file", "error", "A binary file among the articles.",
               "Reports a file with NUL bytes: an image, a PDF or a word-processor file named like an article.",
               "Binary content is not prose; it was probably committed by mistake or exported in the wrong format."),
    EngineNote("EL004", "file-too-large", "error", "A file over the size limit (max-file-size).",
               "Reports a file larger than `max-file-size` (10 MB unless configured) instead of linting it.",
               "No article is that large; such a file is usually a data dump or a generated page."),
    EngineNote("EL005", "invalid-front-matter", "warning", "YAML front matter that does not parse.",
               "Reports front matter between `---` lines that is not a valid YAML mapping.",
               "Front matter carries the title and the target keyphrase; when it is broken, rules that rely on it go blind.",
               example="---\ntitle: [unclosed\n---",
               flags=("---\ntitle: [unclosed\n---\nBody text.\n",),
               passes=("---\ntitle: A fine title\n---\nBody text.\n",)),
    EngineNote("EL006", "invalid-export-record", "error", "A record of a JSON Lines export that cannot be linted.",
               "Reports a line of a JSON Lines export (`.jsonl`) that is not a JSON object with a string `id` and "
               "a string `text` or `html`, whose optional fields (`title`, `keyphrase`, `date`, `section`, `url`, "
               "`format`) have the wrong type, or whose `id` an earlier record already used. The finding is at the "
               "export's path and line; the other records are still linted.",
               "A record that cannot be read is an article nobody checked, and a repeated id would mix two "
               "articles' findings; fix the export."),
    EngineNote("EL101", "suppression-without-code", "warning", "A suppression comment that names no rule.",
               "Reports `<!-- editlint-disable -->` or `-disable-next-line` without codes.",
               "A blanket suppression hides findings nobody meant to hide. Name the codes.",
               example="<!-- editlint-disable -->",
               flags=("<!-- editlint-disable-next-line -->\nSome text.\n",),
               passes=("Some text.\n",)),
    EngineNote("EL102", "unused-suppression", "warning", "A suppression comment that suppresses nothing.",
               "Reports a suppression whose rules are in force but found nothing in its range.",
               "Stale suppressions pile up and would silently hide a future real problem in the same place.",
               example="<!-- editlint-disable-next-line EL101 -->\nA clean sentence.",
               flags=("<!-- editlint-disable-next-line EL102 -->\nA clean sentence.\n",),
               passes=("A clean sentence.\n",)),
    EngineNote("EL103", "unknown-suppression-code", "warning", "A suppression comment that names an unknown rule.",
               "Reports a suppression naming a code, prefix or family that no rule has.",
               "A typo in a suppression suppresses nothing, and the finding it was meant for still shows.",
               example="<!-- editlint-disable-next-line QQ999 -->",
               flags=("<!-- editlint-disable-next-line QQ999 -->\nText.\n",),
               passes=("Text.\n",)),
    EngineNote("EL201", "rule-crashed", "error", "A rule or parser that raised an error.",
               "Reports a rule (built-in or from a plugin) or a parser that raised an exception on a file; the other rules still run.",
               "A crash means the file was only partly checked; report it to the rule's author."),
    EngineNote("EL202", "pattern-timeout", "error", "A rule pattern that ran too long and was stopped.",
               "Reports a regular expression that ran past `regex-timeout` seconds (catastrophic backtracking) on a file.",
               "A runaway pattern would hang a CI job; it was stopped, so the rule did not fully check this file."),
    EngineNote("EL203", "rule-unavailable", "error", "A rule that cannot run: its model file is missing or broken.",
               "Reports a rule whose model file (a learned rule's `model`) is missing, truncated, corrupt or of another "
               "version. `editlint check` prints it once on standard error and exits 2; the other rules still run.",
               "A rule that silently did nothing would let the problems it looks for through."),
    EngineNote("EL301", "configuration-error", "error", "A configuration that cannot be used (language server).",
               "Reported by `editlint server` on a document whose configuration (`editlint.toml`, "
               "`[tool.editlint]`, a rule pack it names) cannot be read or is wrong; the message names the "
               "file and the key. The command line reports the same as a configuration error (exit status 2).",
               "Until the configuration is fixed, the document is not linted: its findings would be those of "
               "a configuration nobody wrote."),
]


def register_rules(register):
    for note in ENGINE_NOTES:
        register(note)
