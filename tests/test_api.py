"""The Python API: editlint.lint_text and editlint.lint_paths return the findings the
command line prints, as Finding objects."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from engine_helpers import InProcess, house_project, write

import editlint


@pytest.fixture
def project(tmp_path):
    root = house_project(tmp_path / "project")
    write(root / "articles" / "a.md", "# Widgets\n\nEngineers frobnicate every widget.\n")
    write(root / "articles" / "b.txt", "Nothing to see here.\n")
    return root


def test_lint_text_finds_the_configuration_upward_from_path(project, monkeypatch):
    monkeypatch.chdir(project)
    found = editlint.lint_text("Engineers frobnicate the widget.\n", path="articles/new-draft.md")
    assert [(f.code, f.line, f.column) for f in found] == [("ZZ901", 1, 11), ("ZY001", 1, 26)]
    f = next(f for f in found if f.code == "ZZ901")
    assert (f.family, f.severity, f.line, f.column, f.end_line, f.end_column) == ("house-style", "warning", 1, 11, 1, 21)
    assert f.message == "Avoid 'frobnicate'." and f.related == [] and f.path == "articles/new-draft.md"
    sub = next(f for f in found if f.code == "ZY001")
    assert sub.suggestion == "gadget"


def test_lint_text_with_an_explicit_config_or_none(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)          # no configuration above the current folder's draft
    text = "Engineers frobnicate the widget.\n"
    assert not any(f.code.startswith("Z") for f in editlint.lint_text(text, path="elsewhere/draft.md"))
    found = editlint.lint_text(text, path="elsewhere/draft.md", config=project / "editlint.toml")
    assert {f.code for f in found} == {"ZY001", "ZZ901"}
    only = editlint.lint_text(text, path="elsewhere/draft.md", config=str(project / "editlint.toml"),
                              select="ZZ")
    assert [f.code for f in only] == ["ZZ901"]
    assert [f.code for f in editlint.lint_text(text, path=project / "draft.md", isolated=True)
            if f.family in ("house-style", "other-house")] == []


def test_lint_text_format_follows_the_extension(project):
    html = "<p>Engineers <b>frobnicate</b> &amp; polish.</p>\n"
    found = editlint.lint_text(html, path=project / "page.html", select=["ZZ"])
    assert [(f.line, f.column, f.excerpt) for f in found] == [(1, 17, "frobnicate")]


def test_lint_paths_matches_the_command_line(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    api = [f.to_dict() for f in editlint.lint_paths(["articles"])]
    cli = InProcess(capsys, monkeypatch, project)("check", "articles", "--format", "json", "--no-cache")
    assert api == json.loads(cli.out) and api
    assert editlint.lint_paths("articles/a.md", select="ZZ")[0].code == "ZZ901"


def test_lint_paths_errors(project, monkeypatch):
    monkeypatch.chdir(project)
    with pytest.raises(FileNotFoundError):
        editlint.lint_paths(["no-such-folder"])
    write(project / "editlint.toml", "selec = []\n")
    with pytest.raises(editlint.ConfigError, match="unknown key 'selec'"):
        editlint.lint_paths(["articles"])


def test_unreadable_files_are_findings_not_exceptions(project, monkeypatch):
    write(project / "articles" / "bad.md", b"caf\xe9\n")
    found = editlint.lint_paths([project / "articles"])
    assert [f.code for f in found if f.path.endswith("bad.md")] == ["EL002"]


def test_session_stays_warm_and_reuses_rules(project):
    session = editlint.Session()
    first = session.lint_text("Engineers frobnicate.\n", project / "d.md")
    ruleset = session.ruleset(project / "d.md")
    assert session.lint_text("Engineers frobnicate.\n", project / "d.md") == first
    assert session.ruleset(project / "d.md") is ruleset


def test_importing_editlint_does_not_load_the_engine():
    code = ("import sys, editlint; print('editlint.engine' in sys.modules); "
            "editlint.lint_text; print('editlint.engine' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]
