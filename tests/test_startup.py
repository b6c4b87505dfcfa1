"""What one `editlint check` loads: only what the run uses (issue 13's start-up cost).
Each case runs a fresh interpreter and reads sys.modules and editlint's own counters; none
asserts a time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = ("Ministers met on Tuesday to agree the budget for the harbour wall.\n\n"
           "The council said the work would start in the spring and take two years.\n")

PROBE = """
import json, sys
from editlint.cli import main
from editlint.kinds import base
status = main(sys.argv[1:])
mods = sorted(m for m in sys.modules if m.split('.')[0] in
              ('editlint', 'markdown_it', 'yaml', 'textstat', 'pyphen', 'wordfreq', 're2', 'importlib',
               'multiprocessing', 'concurrent', 'pluggy', 'dataclasses', 'inspect'))
print(json.dumps({"status": status, "modules": mods, "compiled": base.COMPILED["patterns"]}))
"""


def _probe(tmp_path: Path, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, "check", "--isolated", "--exit-zero", *args],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_a_text_file_loads_neither_the_markdown_nor_the_html_parser(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    run = _probe(tmp_path, "a.txt", "--no-cache")
    assert "editlint.parsers.text" in run["modules"]
    for unused in ("editlint.parsers.markdown", "editlint.parsers.html", "markdown_it", "editlint.formatters.html",
                   "editlint.formatters.sarif", "editlint.commands._changed_lines", "editlint.commands._parallel",
                   "multiprocessing", "textstat", "pyphen", "wordfreq", "yaml", "dataclasses", "inspect"):
        assert unused not in run["modules"], unused
    from editlint.plugins import declared_anywhere
    if not declared_anywhere("editlint"):          # no plugin installed: no entry point to read
        assert "importlib.metadata" not in run["modules"]
        assert "pluggy" not in run["modules"] and "editlint.hookspecs" not in run["modules"]


def test_a_file_served_from_the_cache_builds_no_rule_and_compiles_no_pattern(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    first = _probe(tmp_path, "a.txt", "--cache-dir", "cache", "--format", "json")
    assert first["compiled"] > 0 or "editlint.kinds.voice" in first["modules"]    # it linted
    cached = _probe(tmp_path, "a.txt", "--cache-dir", "cache", "--format", "json")
    assert cached["compiled"] == 0
    for unbuilt in ("editlint.kinds.voice", "editlint.kinds.patterns", "yaml",
                    "editlint.parsers.text", "editlint.prefilter"):
        assert unbuilt not in cached["modules"], unbuilt
    # the same findings either way
    shown = [subprocess.run([sys.executable, "-m", "editlint", "check", "--isolated", "--exit-zero", "a.txt",
                             *extra, "--format", "json"], cwd=tmp_path, capture_output=True, text=True,
                            check=True).stdout for extra in (["--no-cache"], ["--cache-dir", "cache"])]
    assert shown[0] == shown[1]


def test_statistics_from_the_cache_still_name_the_rules(tmp_path):
    (tmp_path / "a.txt").write_text("Critics say the plan is too costly, it is widely believed.\n")
    runs = [subprocess.run([sys.executable, "-m", "editlint", "check", "--isolated", "--exit-zero", "a.txt",
                            "--cache-dir", "cache", "--statistics"], cwd=tmp_path, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1]


def test_the_entry_point_scan_finds_a_declared_group_and_defers_what_it_cannot_read(tmp_path, monkeypatch):
    from editlint.plugins import declared_anywhere

    site = tmp_path / "site"
    (site / "other-1.0.dist-info").mkdir(parents=True)
    (site / "other-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n")
    from importlib.machinery import PathFinder

    # only the standard finders (another test may have installed one that finds distributions)
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path
                                           if f is PathFinder or not hasattr(f, "find_distributions")])
    monkeypatch.setattr(sys, "path", [str(site)])
    assert not declared_anywhere("editlint")
    (site / "plugin-0.1.dist-info").mkdir()
    (site / "plugin-0.1.dist-info" / "entry_points.txt").write_text("[ editlint ]\nmine = mine\n")
    assert declared_anywhere("editlint")
    zipped = tmp_path / "eggs.zip"
    zipped.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(zipped)])
    assert declared_anywhere("editlint")         # a zip on the path: importlib.metadata decides


FREEZE_PROBE = """
import gc, json, sys
from editlint import Session, startup
before, threshold = gc.get_freeze_count(), gc.get_threshold()
Session(None, True).lint_text("The council met on Tuesday.\\n", "a.md")      # the Python API
api = gc.get_freeze_count()
from editlint.cli import main
main(["check", "--isolated", "--exit-zero", "--no-cache", "a.md"])
cli = gc.get_freeze_count()
print(json.dumps({"api": api - before, "cli": cli - api, "after": startup._ONE_SHOT,
                  "threshold": gc.get_threshold() == threshold}))
"""


def test_only_the_command_line_freezes_its_start_up_objects(tmp_path):
    """A command-line run moves the rules and models it built out of the cyclic collector's
    sight (gc.freeze) and collects young objects less often; the Python API keeps Python's
    defaults, and so does the process once main() returns (its collection thresholds too)."""
    (tmp_path / "a.md").write_text(ARTICLE)
    out = subprocess.run([sys.executable, "-c", FREEZE_PROBE], cwd=tmp_path, capture_output=True, text=True,
                         check=True).stdout
    run = json.loads(out.strip().splitlines()[-1])
    assert run["api"] == 0 and run["cli"] > 10_000 and run["after"] is False and run["threshold"], run
