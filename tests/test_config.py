"""Configuration: where it is found, what it may say, and how errors are reported."""

from __future__ import annotations

import pytest
from engine_helpers import DESIGN_HOUSE_RULE, InProcess, house_project, run_subprocess, write

from editlint.config import ConfigError, ConfigResolver, load_config_file


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    return InProcess(capsys, monkeypatch, tmp_path)


FROB = "The board voted to frobnicate.\n"


# -- discovery -----------------------------------------------------------------
@pytest.mark.parametrize("name", ["editlint.toml", ".editlint.toml", "pyproject.toml"])
def test_each_config_file_name_is_found(cli, tmp_path, name):
    house_project(tmp_path, config_name=name)
    write(tmp_path / "a.txt", FROB)
    r = cli("check", "a.txt")
    assert r.code == 1
    assert "ZZ901" in r.out


def test_config_is_found_upward_from_each_file(cli, tmp_path):
    """Two sibling folders with different configurations, linted in one run."""
    for name in ("left", "right"):
        write(tmp_path / name / "house" / "frobnicate.yml", DESIGN_HOUSE_RULE)
    write(tmp_path / "left" / "editlint.toml", 'rule-paths = ["house"]\nselect = ["ZZ"]\n')
    write(tmp_path / "right" / ".editlint.toml",
          'rule-paths = ["house"]\nselect = ["ZZ"]\n[rules.ZZ901]\nseverity = "info"\n')
    write(tmp_path / "left" / "deep" / "er" / "a.txt", FROB)
    write(tmp_path / "right" / "b.txt", FROB)
    r = cli("check", "left", "right", "--format", "json")
    got = [(f["path"], f["severity"]) for f in r.json()]
    assert got == [("left/deep/er/a.txt", "warning"), ("right/b.txt", "info")]


def test_pyproject_without_tool_editlint_is_skipped_on_the_way_up(cli, tmp_path):
    house_project(tmp_path)
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "sub" / "a.txt", FROB)
    assert "ZZ901" in cli("check", "sub/a.txt").out


def test_nearest_config_wins(cli, tmp_path):
    house_project(tmp_path)
    write(tmp_path / "sub" / "editlint.toml", 'rule-paths = ["../house"]\nignore = ["ZZ901"]\n')
    write(tmp_path / "sub" / "a.txt", FROB)
    write(tmp_path / "b.txt", FROB)
    r = cli("check", ".", "--format", "json")
    assert [f["path"] for f in r.json()] == ["b.txt"]


def test_editlint_toml_is_preferred_to_pyproject_in_the_same_folder(cli, tmp_path):
    house_project(tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.editlint]\nbogus-key = 1\n')
    write(tmp_path / "a.txt", FROB)
    assert cli("check", "a.txt").code == 1


def test_explicit_config_and_isolated(cli, tmp_path):
    house_project(tmp_path / "proj")
    write(tmp_path / "other" / "a.txt", FROB)
    assert cli("check", "other/a.txt").code == 0                      # no config there
    r = cli("check", "other/a.txt", "--config", "proj/editlint.toml")
    assert r.code == 1 and "ZZ901" in r.out
    write(tmp_path / "proj" / "b.txt", FROB)
    r = cli("check", "proj/b.txt", "--isolated")
    assert r.code == 0                                                # house rules not loaded


def test_explicit_pyproject_without_table_is_an_error(cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "a.txt", "Text.\n")
    r = cli("check", "a.txt", "--config", "pyproject.toml")
    assert r.code == 2
    assert "tool.editlint" in r.err


# -- errors -------------------------------------------------------------------------
def test_unknown_key_names_file_and_key_on_one_line(tmp_path):
    write(tmp_path / "editlint.toml", 'select = ["EL"]\ncolour = "blue"\n')
    write(tmp_path / "a.txt", "Text.\n")
    r = run_subprocess("check", "a.txt", cwd=tmp_path)
    assert r.code == 2
    assert "Traceback" not in r.err
    lines = r.err.strip().splitlines()
    assert len(lines) == 1
    assert str(tmp_path / "editlint.toml") in lines[0] and "'colour'" in lines[0]


def test_unknown_key_in_pyproject(cli, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.editlint]\nselectt = ["EL"]\n')
    write(tmp_path / "a.txt", "Text.\n")
    r = cli("check", "a.txt")
    assert r.code == 2
    assert "pyproject.toml" in r.err and "'selectt'" in r.err


def test_bad_toml(cli, tmp_path):
    write(tmp_path / "editlint.toml", 'select = ["EL"\n')
    write(tmp_path / "a.txt", "Text.\n")
    r = cli("check", "a.txt")
    assert r.code == 2
    assert "editlint.toml" in r.err and "invalid TOML" in r.err
    assert len(r.err.strip().splitlines()) == 1


@pytest.mark.parametrize("body, needle", [
    ("select = 3\n", "'select'"),
    ('ignore = [1, 2]\n', "'ignore'"),
    ('per-file-ignores = ["x"]\n', "per-file-ignores"),
    ('max-file-size = "huge"\n', "max-file-size"),
    ("regex-timeout = -1\n", "regex-timeout"),
    ('rules = { ZZ901 = 3 }\n', "rules"),
    ('[tool]\nx = 1\n', "'tool'"),
])
def test_bad_values_name_the_key(cli, tmp_path, body, needle):
    write(tmp_path / "editlint.toml", body)
    write(tmp_path / "a.txt", "Text.\n")
    r = cli("check", "a.txt")
    assert r.code == 2
    assert needle in r.err and "editlint.toml" in r.err


def test_unknown_option_under_rules_names_it(cli, tmp_path):
    house_project(tmp_path, '[rules.ZZ901]\ntokenz = ["x"]\n')
    write(tmp_path / "a.txt", FROB)
    r = cli("check", "a.txt")
    assert r.code == 2
    assert "[rules.ZZ901]" in r.err and "'tokenz'" in r.err


def test_rules_table_naming_no_rule(cli, tmp_path):
    house_project(tmp_path, '[rules.QQ123]\nseverity = "info"\n')
    write(tmp_path / "a.txt", FROB)
    r = cli("check", "a.txt")
    assert r.code == 2 and "QQ123" in r.err


def test_bad_severity_override(cli, tmp_path):
    house_project(tmp_path, '[rules.ZZ901]\nseverity = "fatal"\n')
    write(tmp_path / "a.txt", FROB)
    r = cli("check", "a.txt")
    assert r.code == 2 and "fatal" in r.err


def test_bad_option_type_under_rules(cli, tmp_path):
    house_project(tmp_path, '[rules.ZY002]\nmax = "two"\n')
    write(tmp_path / "a.txt", FROB)
    r = cli("check", "a.txt")
    assert r.code == 2 and "'max'" in r.err


def test_unknown_selector_in_config_names_the_file(cli, tmp_path):
    house_project(tmp_path, select=["ZZ", "QQ7"])
    write(tmp_path / "a.txt", FROB)
    r = cli("check", "a.txt")
    assert r.code == 2
    assert "QQ7" in r.err and "editlint.toml" in r.err


def test_missing_rule_path(cli, tmp_path):
    write(tmp_path / "editlint.toml", 'rule-paths = ["no-such-folder"]\n')
    write(tmp_path / "a.txt", "Text.\n")
    r = cli("check", "a.txt")
    assert r.code == 2 and "no-such-folder" in r.err


# -- options ---------------------------------------------------------------------------
def test_rule_options_and_severity_override(cli, tmp_path):
    house_project(tmp_path, '[rules.ZZ901]\ntokens = ["gizmo"]\nseverity = "info"\n'
                            '[rules.too-many-verys]\nmax = 0\n')
    write(tmp_path / "a.txt", "A gizmo, not frobnicate. Very good.\n")
    r = cli("check", "a.txt", "--format", "json")
    got = [(f["code"], f["message"], f["severity"]) for f in r.json()]
    assert got == [("ZZ901", "Avoid 'gizmo'.", "info"),
                   ("ZY002", "'Very' used 1 times; at most 0.", "warning")]


def test_select_and_ignore_in_config(cli, tmp_path):
    house_project(tmp_path, 'ignore = ["ZY001"]\n', select=["other-house"])
    write(tmp_path / "a.txt", "A widget to frobnicate, very very very.\n")
    r = cli("check", "a.txt", "--format", "json")
    assert r.codes() == ["ZY002"]


def test_extend_select_in_config(cli, tmp_path):
    house_project(tmp_path, 'extend-select = ["ZY001"]\n', select=["ZZ"])
    write(tmp_path / "a.txt", "A widget to frobnicate.\n")
    assert sorted(cli("check", "a.txt", "--format", "json").codes()) == ["ZY001", "ZZ901"]


def test_per_file_ignores(cli, tmp_path):
    house_project(tmp_path, '[per-file-ignores]\n"drafts/*.txt" = ["house-style"]\n"b.txt" = ["ZY"]\n')
    write(tmp_path / "drafts" / "a.txt", "A widget to frobnicate.\n")
    write(tmp_path / "b.txt", "A widget to frobnicate.\n")
    write(tmp_path / "c.txt", "A widget to frobnicate.\n")
    r = cli("check", ".", "--format", "json")
    got = [(f["path"], f["code"]) for f in r.json()]
    assert got == [("b.txt", "ZZ901"), ("c.txt", "ZY001"), ("c.txt", "ZZ901"), ("drafts/a.txt", "ZY001")]


def test_exclude(cli, tmp_path):
    house_project(tmp_path, 'exclude = ["archive", "*.draft.txt"]\n')
    write(tmp_path / "archive" / "old.txt", FROB)
    write(tmp_path / "new.draft.txt", FROB)
    write(tmp_path / "new.txt", FROB)
    r = cli("check", ".", "--format", "json")
    assert [f["path"] for f in r.json()] == ["new.txt"]


def test_extensions(cli, tmp_path):
    house_project(tmp_path, 'extensions = ["text", ".rst"]\n')
    write(tmp_path / "a.text", FROB)
    write(tmp_path / "b.rst", FROB)
    write(tmp_path / "c.txt", FROB)                 # no longer an extension that is linted
    r = cli("check", ".", "--format", "json")
    assert [f["path"] for f in r.json()] == ["a.text", "b.rst"]


def test_max_file_size(cli, tmp_path):
    house_project(tmp_path, 'max-file-size = "1kb"\n')
    write(tmp_path / "big.txt", "Frobnicate. " * 200)
    write(tmp_path / "small.txt", FROB)
    r = cli("check", ".", "--format", "json")
    assert [(f["path"], f["code"]) for f in r.json()] == [("big.txt", "EL004"), ("small.txt", "ZZ901")]
    assert r.code == 2


def test_rule_paths_are_relative_to_the_config_file(cli, tmp_path):
    house_project(tmp_path / "site")
    write(tmp_path / "site" / "posts" / "a.txt", FROB)
    r = cli("check", "a.txt", cwd=tmp_path / "site" / "posts")
    assert r.code == 1 and "ZZ901" in r.out


def test_load_config_file_api(tmp_path):
    f = write(tmp_path / "editlint.toml",
              'select = ["KS"]\nextensions = ["md"]\nmax-file-size = "2MB"\nregex-timeout = 0.5\n'
              'rule-paths = ["packs"]\n')
    cfg = load_config_file(f)
    assert cfg.select == ["KS"]
    assert cfg.extensions == [".md"]
    assert cfg.max_file_size == 2 * 1024 * 1024
    assert cfg.regex_timeout == 0.5
    assert cfg.rule_paths == [(tmp_path / "packs").resolve()]
    with pytest.raises(ConfigError, match="unknown key 'x'"):
        load_config_file(write(tmp_path / "bad" / "editlint.toml", "x = 1\n"))


def test_resolver_caches_per_directory(tmp_path):
    write(tmp_path / "editlint.toml", 'select = ["EL"]\n')
    write(tmp_path / "a" / "b" / "x.txt", "")
    resolver = ConfigResolver()
    first = resolver.for_path(tmp_path / "a" / "b" / "x.txt")
    assert first.path == tmp_path / "editlint.toml"
    assert resolver.for_path(tmp_path / "a" / "y.txt") is first
