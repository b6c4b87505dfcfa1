"""--diff REV, --diff-file FILE and --diff -: only findings on changed lines are reported."""

from __future__ import annotations

import shutil

import pytest
from ci_helpers import content_folder, git, run, run_json

from editlint.commands._changed_lines import ChangedLines, _unquote, parse_unified

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ARTICLE = "Widgets\n\nEngineers frobnicate the widgets.\nNothing on this line.\nA gizmo sits here.\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    content_folder(tmp_path, {"news/a.txt": ARTICLE, "news/b.txt": "Old\n\nAn old gizmo.\n"})
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "--quiet", "-m", "first")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lines(findings):
    return [(f["path"], f["line"]) for f in findings]


def test_only_changed_lines_are_reported(repo, capsys):
    (repo / "news" / "a.txt").write_text(ARTICLE.replace("Nothing on this line.", "Now we frobnicate here."))
    status, findings = run_json(capsys, "check", "news", "--no-cache")
    assert lines(findings) == [("news/a.txt", 3), ("news/a.txt", 4), ("news/a.txt", 5), ("news/b.txt", 3)]
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--diff", "HEAD")
    assert status == 1 and lines(findings) == [("news/a.txt", 4)]


def test_committed_changes_count_since_the_revision(repo, capsys):
    (repo / "news" / "b.txt").write_text("Old\n\nAn old gizmo.\nA new gizmo.\n")
    git(repo, "commit", "--quiet", "-am", "second")
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--diff", "HEAD~1")
    assert lines(findings) == [("news/b.txt", 4)]
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--diff", "HEAD")
    assert status == 0 and findings == []


def test_untracked_files_count_as_changed_throughout(repo, capsys):
    (repo / "news" / "new.txt").write_text("Fresh\n\nA gizmo.\n\nAnother frobnicate.\n")
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--diff", "HEAD")
    assert lines(findings) == [("news/new.txt", 3), ("news/new.txt", 5)]


def test_a_deletion_marks_no_line(repo, capsys):
    (repo / "news" / "a.txt").write_text(ARTICLE.replace("Nothing on this line.\n", ""))
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--diff", "HEAD")
    assert status == 0 and findings == []


def test_paths_from_a_subfolder(repo, capsys, monkeypatch):
    (repo / "news" / "a.txt").write_text(ARTICLE + "One more gizmo.\n")
    monkeypatch.chdir(repo / "news")
    status, findings = run_json(capsys, "check", ".", "--no-cache", "--diff", "HEAD")
    assert lines(findings) == [("a.txt", 6)]


def test_unknown_revision_is_a_one_line_error(repo, capsys):
    status, out, err = run(capsys, "check", "news", "--diff", "no-such-rev")
    assert status == 2 and "unknown git revision 'no-such-rev'" in err and err.count("\n") == 1


def test_outside_a_repository_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    content_folder(tmp_path / "plain", {"a.txt": "A gizmo.\n"})
    monkeypatch.chdir(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    status, out, err = run(capsys, "check", ".", "--diff", "HEAD")
    assert status == 2 and "is not inside a git repository" in err and err.count("\n") == 1


def test_diff_file_and_stdin(repo, capsys, monkeypatch):
    (repo / "news" / "a.txt").write_text(ARTICLE.replace("Nothing on this line.", "Now a gizmo."))
    (repo / "change.diff").write_text(git(repo, "diff", "--unified=0"))
    git(repo, "checkout", "--quiet", "--", ".")     # the diff, not the working tree, decides
    (repo / "news" / "a.txt").write_text(ARTICLE.replace("Nothing on this line.", "Now a gizmo."))
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--diff-file", "change.diff")
    assert lines(findings) == [("news/a.txt", 4)]
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO((repo / "change.diff").read_text()))
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--diff", "-")
    assert lines(findings) == [("news/a.txt", 4)]


def test_diff_and_diff_file_together_is_a_usage_error(repo, capsys):
    (repo / "x.diff").write_text("")
    status, out, err = run(capsys, "check", "news", "--diff", "HEAD", "--diff-file", "x.diff")
    assert status == 2 and "cannot be used together" in err


def test_parse_unified_hunks():
    text = (
        "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n"
        "@@ -3 +3 @@\n-a\n+b\n"
        "@@ -10,0 +11,2 @@\n+c\n+d\n"
        "@@ -20,2 +22,0 @@\n-e\n-f\n"
        "diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
        'diff --git "a/caf\\303\\251.md" "b/caf\\303\\251.md"\n--- "a/caf\\303\\251.md"\n'
        '+++ "b/caf\\303\\251.md"\n@@ -0,0 +1 @@\n+y\n'
    )
    assert parse_unified(text) == {"x.md": {3, 11, 12}, "café.md": {1}}
    assert _unquote('"a\\tb"') == "a\tb"


def test_changed_lines_answers(tmp_path):
    tracked = str(tmp_path / "t.md")
    changed = ChangedLines(lines={str(tmp_path / "c.md"): {2}}, tracked={tracked})
    assert changed.covers(str(tmp_path / "c.md"), 2) and not changed.covers(str(tmp_path / "c.md"), 3)
    assert not changed.covers(tracked, 1) and not changed.touched(tracked)
    assert changed.covers(str(tmp_path / "untracked.md"), 7)
