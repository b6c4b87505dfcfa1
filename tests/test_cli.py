"""The command line: exit status, usage errors, `rules`, `explain`, stdin, output files."""

from __future__ import annotations

import argparse
import json

import pytest
from engine_helpers import DESIGN_HOUSE_RULE, InProcess, house_project, run_subprocess, write

from editlint import __version__


@pytest.fixture
def project(tmp_path):
    return house_project(tmp_path)


@pytest.fixture
def cli(capsys, monkeypatch, project):
    return InProcess(capsys, monkeypatch, project)


# -- exit status ---------------------------------------------------------------
def test_clean_file_exits_zero(cli, project):
    write(project / "clean.txt", "A short clean paragraph about the harbour.\n")
    r = cli("check", "clean.txt")
    assert r.code == 0
    assert r.out == "No findings in 1 file.\n"
    assert r.err == ""


def test_warning_exits_one_and_prints_one_line_per_finding(cli, project):
    write(project / "a.txt", "The council will frobnicate the budget.\n")
    r = cli("check", "a.txt")
    assert r.code == 1
    assert r.out.splitlines() == [
        "a.txt:1:18: ZZ901 Avoid 'frobnicate'. [house-style]",
        "Found 1 finding (1 warning) in 1 of 1 file.",
    ]


def test_info_findings_never_fail_a_run(cli, project):
    write(project / "long.txt",
          "This sentence keeps on going with many more words than the house limit allows here.\n")
    r = cli("check", "long.txt", "--format", "json")
    assert [(f["code"], f["severity"]) for f in r.json()] == [("ZY003", "info")]
    assert r.code == 0


def test_severity_error_exits_one(cli, project):
    write(project / "editlint.toml", (project / "editlint.toml").read_text() + '[rules.ZZ901]\nseverity = "error"\n')
    write(project / "a.txt", "Frobnicate.\n")
    r = cli("check", "a.txt", "--format", "json")
    assert r.json()[0]["severity"] == "error"
    assert r.code == 1


def test_exit_zero_with_findings(cli, project):
    write(project / "a.txt", "We frobnicate daily.\n")
    r = cli("check", "a.txt", "--exit-zero")
    assert "ZZ901" in r.out
    assert r.code == 0


def test_exit_zero_does_not_hide_a_usage_error(cli, project):
    write(project / "a.txt", "We frobnicate daily.\n")
    assert cli("check", "a.txt", "missing.txt", "--exit-zero").code == 2


def test_unknown_option_exits_two_with_one_line(cli):
    r = cli("check", "--no-such-option", ".")
    assert r.code == 2
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "--no-such-option" in lines[0]


def test_unknown_format_exits_two(cli):
    r = cli("check", "--format", "yaml", ".")
    assert r.code == 2
    assert "yaml" in r.err


def test_missing_path_exits_two_and_other_paths_are_still_linted(cli, project):
    write(project / "a.txt", "They frobnicate.\n")
    r = cli("check", "nope.txt", "a.txt")
    assert r.code == 2
    assert "nope.txt: no such file or directory" in r.err
    assert "a.txt:1:6: ZZ901" in r.out


def test_bare_path_means_check(cli, project):
    write(project / "a.txt", "They frobnicate.\n")
    r = cli("a.txt")
    assert r.code == 1 and "ZZ901" in r.out


def test_folder_is_linted_recursively_by_extension(cli, project):
    write(project / "articles" / "one.txt", "Frobnicate here.\n")
    write(project / "articles" / "deep" / "two.txt", "And frobnicate there.\n")
    write(project / "articles" / "notes.rst", "Frobnicate is ignored in other extensions.\n")
    write(project / "articles" / ".hidden" / "three.txt", "Frobnicate in a hidden folder.\n")
    r = cli("check", "articles", "--format", "json")
    assert [f["path"] for f in r.json()] == ["articles/deep/two.txt", "articles/one.txt"]


def test_output_file(cli, project):
    write(project / "a.txt", "They frobnicate.\n")
    r = cli("check", "a.txt", "--format", "json", "--output-file", "report.json")
    assert r.code == 1
    assert r.out == ""
    assert json.loads((project / "report.json").read_text())[0]["code"] == "ZZ901"


def test_no_arguments_prints_help(cli):
    r = cli()
    assert r.code == 0
    assert "usage: editlint" in r.out


# -- stdin ---------------------------------------------------------------------
def test_stdin_with_stdin_filename(cli):
    r = cli("check", "-", "--stdin-filename", "draft.txt", "--format", "json",
            stdin=b"Please do not frobnicate.\n")
    assert r.code == 1
    [f] = r.json()
    assert (f["path"], f["line"], f["column"], f["end_column"]) == ("draft.txt", 1, 15, 25)


def test_stdin_without_a_name_is_shown_as_dash(cli):
    r = cli("check", "-", stdin=b"Please do not frobnicate.\n")
    assert r.code == 1
    assert r.out.startswith("-:1:15: ZZ901 ")


def test_stdin_uses_the_configuration_of_the_current_directory(cli, project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    # no house rules there: ZZ901 does not exist, the text is clean
    r = cli("check", "-", "--stdin-filename", "x.txt", "--select", "EL", stdin=b"Frobnicate.\n", cwd=elsewhere)
    assert r.code == 0
    r = cli("check", "-", "--stdin-filename", "x.txt", stdin=b"Frobnicate.\n", cwd=project)
    assert r.code == 1


def test_stdin_binary_is_an_engine_error(cli):
    r = cli("check", "-", "--stdin-filename", "x.txt", stdin=b"\x00\x01\x02binary")
    assert r.code == 2
    assert "EL003" in r.out


# -- version, rules, explain ---------------------------------------------------------
def test_version(project):
    r = run_subprocess("--version", cwd=project)
    assert r.code == 0
    assert r.out.strip() == f"editlint {__version__}"


def test_rules_lists_builtin_engine_notes_and_house_rules(cli):
    r = cli("rules")
    assert r.code == 0
    lines = r.out.splitlines()
    codes = [line.split()[0] for line in lines]
    assert codes == sorted(codes)
    assert {"EL001", "EL101", "EL202", "ZZ901", "ZY001"} <= set(codes)
    zz = next(line for line in lines if line.startswith("ZZ901"))
    assert "no-frobnicate" in zz and "house-style" in zz


def test_rules_json(cli):
    r = cli("rules", "--format", "json")
    rules = {x["code"]: x for x in json.loads(r.out)}
    assert rules["ZY002"]["name"] == "too-many-verys"
    assert rules["ZY002"]["family"] == "other-house"
    assert rules["EL003"]["severity"] == "error"


def test_rules_lists_every_family_of_the_contract_once_rules_exist(cli):
    families = {x["family"] for x in json.loads(cli("rules", "--format", "json").out)}
    assert "engine" in families


def test_explain_a_house_rule(cli, project):
    r = cli("explain", "ZZ901")
    assert r.code == 0
    assert r.out.startswith("ZZ901 no-frobnicate  [house-style, warning]")
    assert "tokens = [\"frobnicate\"]" in r.out
    assert "ignorecase = true" in r.out
    assert str(project / "house" / "frobnicate.yml") in r.out


def test_explain_by_name_and_lower_case(cli):
    assert cli("explain", "no-frobnicate").out.startswith("ZZ901 ")
    assert cli("explain", "zz901").out.startswith("ZZ901 ")


def test_explain_engine_note_has_what_and_why(cli):
    r = cli("explain", "EL102")
    assert r.code == 0
    assert "What it does" in r.out and "Why is this bad?" in r.out


def test_explain_unknown_code_exits_two(cli):
    r = cli("explain", "QQ999")
    assert r.code == 2
    assert r.out == ""
    assert "QQ999" in r.err and len(r.err.strip().splitlines()) == 1


def test_explain_every_rule_works(cli):
    for rule in json.loads(cli("rules", "--format", "json").out):
        r = cli("explain", rule["code"])
        assert r.code == 0, rule["code"]
        assert r.out.startswith(rule["code"] + " ")


# -- the real process: nothing but one line on stderr, never a traceback ----------------
@pytest.mark.parametrize("args, needle", [
    (["check", "--bogus"], "--bogus"),
    (["check", "missing-folder"], "missing-folder"),
    (["check", "--select", "NOPE1", "a.txt"], "NOPE1"),
    (["explain", "QQ999"], "QQ999"),
    (["check", "--config", "absent.toml", "a.txt"], "absent.toml"),
])
def test_usage_errors_in_a_real_process(project, args, needle):
    write(project / "a.txt", "Frobnicate.\n")
    r = run_subprocess(*args, cwd=project)
    assert r.code == 2
    assert "Traceback" not in r.err
    assert needle in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_real_process_lints_and_exits_one(project):
    write(project / "a.txt", "We frobnicate.\n")
    r = run_subprocess("check", "a.txt", cwd=project)
    assert r.code == 1
    assert r.out.splitlines()[0] == "a.txt:1:4: ZZ901 Avoid 'frobnicate'. [house-style]"
    assert r.err == ""


def test_house_rule_pack_from_design_is_byte_for_byte_the_documented_one():
    design = (__import__("pathlib").Path("/work/shared/DESIGN.md"))
    if not design.exists():
        pytest.skip("DESIGN.md not available here")
    assert DESIGN_HOUSE_RULE in design.read_text(encoding="utf-8")


@pytest.mark.parametrize("columns", [None, "50", "0", "-3", "wide"])
def test_help_is_as_wide_as_shutil_says_the_terminal_is(monkeypatch, columns):
    """The command line finds the width without importing shutil, as shutil finds it."""
    import shutil

    from editlint import cli

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._terminal_columns() == shutil.get_terminal_size().columns
    assert cli.HelpFormatter("editlint")._width == argparse.HelpFormatter("editlint")._width
