"""A mistyped subcommand is a usage error naming the closest command; `editlint FILE` still
lints FILE; --force-exclude makes `exclude` hold for paths named on the command line."""

from __future__ import annotations

import pytest
from engine_helpers import InProcess, house_project, snapshot, write


@pytest.fixture
def project(tmp_path):
    root = house_project(tmp_path / "project", extra_config='exclude = ["drafts/**", "scratch.md"]\n')
    write(root / "article.md", "Engineers frobnicate.\n")
    write(root / "drafts" / "wip.md", "We frobnicate drafts.\n")
    write(root / "scratch.md", "Frobnicate here too.\n")
    return root


@pytest.fixture
def cli(capsys, monkeypatch, project):
    return InProcess(capsys, monkeypatch, project)


@pytest.mark.parametrize("word, meant", [("chek", "check"), ("cehck", "check"), ("rule", "rules"),
                                         ("explian", "explain"), ("stat", "stats")])
def test_mistyped_command_names_the_closest_and_lints_nothing(cli, project, word, meant):
    before = snapshot(project)
    r = cli(word, ".")
    assert r.code == 2 and r.out == ""
    assert r.err == f"editlint: error: unknown command '{word}'; did you mean '{meant}'? (see 'editlint --help')\n"
    assert snapshot(project) == before             # not even a cache was written


def test_an_existing_file_named_like_a_command_is_linted(cli, project):
    write(project / "chek", "Engineers frobnicate.\n")
    r = cli("chek")
    assert r.code == 1 and "chek:1:11: ZZ901" in r.out


def test_an_unknown_word_far_from_any_command_is_a_missing_path(cli):
    r = cli("zzqx")
    assert r.code == 2 and "zzqx: no such file or directory" in r.err


def test_force_exclude_holds_for_named_files(cli):
    named = ["article.md", "drafts/wip.md", "scratch.md"]
    r = cli("check", *named, "--format", "json", "--no-cache")
    assert sorted({f["path"] for f in r.json()}) == named          # named files are linted by default
    r = cli("check", *named, "--force-exclude", "--format", "json", "--no-cache")
    assert [f["path"] for f in r.json()] == ["article.md"]
    r = cli("check", "drafts", "--force-exclude", "--no-cache")
    assert r.code == 0 and r.out == "No findings in 0 files.\n"
    r = cli("check", ".", "--format", "json", "--no-cache")         # in folders, exclude always holds
    assert [f["path"] for f in r.json()] == ["article.md"]
