"""--baseline and --write-baseline: old findings are accepted, new ones fail the run."""

from __future__ import annotations

import json

import pytest
from ci_helpers import content_folder, run, run_json

from editlint.baseline import filter_new, load, normalise
from editlint.rule import Finding

ARTICLE = "Widgets\n\nEngineers frobnicate the widgets.\nThey frobnicate them again at noon.\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    content_folder(tmp_path, {"news/a.txt": ARTICLE, "news/b.txt": "Clean\n\nNothing to see.\n"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_baseline_records_findings_and_exits_zero(folder, capsys):
    status, out, err = run(capsys, "check", "news", "--no-cache", "--write-baseline", "baseline.json")
    assert status == 0
    assert "recorded 2 findings in baseline.json" in err
    data = json.loads((folder / "baseline.json").read_text())
    assert data == {"tool": "editlint", "version": 1, "findings": [
        {"path": "news/a.txt", "code": "ZZ901", "excerpt": "frobnicate", "count": 2}]}


def test_baseline_is_deterministic(folder, capsys):
    run(capsys, "check", "news", "--no-cache", "--write-baseline", "one.json")
    (folder / "news" / "c.txt").write_text("Gizmo\n\nA gizmo and a frobnicate.\n")
    (folder / "news" / "0.txt").write_text("Gizmo first\n")
    run(capsys, "check", "news/c.txt", "news/0.txt", "news/a.txt", "--no-cache", "--write-baseline", "two.json")
    run(capsys, "check", "news", "--no-cache", "--jobs", "2", "--write-baseline", "three.json")
    two, three = (folder / "two.json").read_text(), (folder / "three.json").read_text()
    assert two == three
    rows = json.loads(two)["findings"]
    assert rows == sorted(rows, key=lambda r: (r["path"], r["code"], r["excerpt"]))


def test_baseline_survives_an_edit_above_the_findings(folder, capsys):
    run(capsys, "check", "news", "--no-cache", "--write-baseline", "baseline.json")
    article = folder / "news" / "a.txt"
    article.write_text("Widgets\n\nA new opening paragraph,\nover two lines.\n\n" + ARTICLE.split("\n", 2)[2])
    status, findings = run_json(capsys, "check", "news", "--no-cache")
    assert status == 1 and [f["line"] for f in findings] == [6, 7]   # the findings moved down
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--baseline", "baseline.json")
    assert status == 0 and findings == []


def test_a_new_finding_fails_even_when_an_identical_one_is_recorded(folder, capsys):
    run(capsys, "check", "news", "--no-cache", "--write-baseline", "baseline.json")
    article = folder / "news" / "a.txt"
    article.write_text(ARTICLE + "\nAnd on Fridays they frobnicate twice.\n")
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--baseline", "baseline.json")
    assert status == 1
    assert [(f["path"], f["line"], f["code"]) for f in findings] == [("news/a.txt", 6, "ZZ901")]


def test_a_new_kind_of_finding_and_a_new_file_fail(folder, capsys):
    run(capsys, "check", "news", "--no-cache", "--write-baseline", "baseline.json")
    (folder / "news" / "a.txt").write_text(ARTICLE.replace("widgets.", "gizmo."))
    (folder / "news" / "b.txt").write_text("Clean\n\nNothing to frobnicate.\n")
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--baseline", "baseline.json")
    assert status == 1
    assert [(f["path"], f["line"]) for f in findings] == [("news/a.txt", 3), ("news/b.txt", 3)]


def test_fixed_findings_leave_nothing_behind(folder, capsys):
    run(capsys, "check", "news", "--no-cache", "--write-baseline", "baseline.json")
    (folder / "news" / "a.txt").write_text("Widgets\n\nAll clean now.\n")
    status, findings = run_json(capsys, "check", "news", "--no-cache", "--baseline", "baseline.json")
    assert status == 0 and findings == []


def test_baseline_paths_are_relative_to_the_baseline_file(folder, capsys, monkeypatch):
    run(capsys, "check", "news", "--no-cache", "--write-baseline", "baseline.json")
    monkeypatch.chdir(folder / "news")           # run from elsewhere: the paths still match
    status, findings = run_json(capsys, "check", ".", "--no-cache", "--baseline", "../baseline.json")
    assert status == 0 and findings == []


@pytest.mark.parametrize("text, message", [
    ("{not json", "not a baseline"),
    ('{"tool": "editlint", "version": 99, "findings": []}', "version 99 is not supported"),
    ('{"tool": "other"}', "not an editlint baseline"),
    ('{"tool": "editlint", "version": 1, "findings": [{"path": "a"}]}', "entry 1 lacks"),
])
def test_a_bad_baseline_is_a_usage_error(folder, capsys, text, message):
    (folder / "bad.json").write_text(text)
    status, out, err = run(capsys, "check", "news", "--no-cache", "--baseline", "bad.json")
    assert status == 2 and message in err and err.count("\n") == 1


def test_a_missing_baseline_is_a_usage_error(folder, capsys):
    status, out, err = run(capsys, "check", "news", "--baseline", "nowhere.json")
    assert status == 2 and "cannot read the baseline" in err


def _finding(path, line, excerpt):
    return Finding(path=path, line=line, column=1, end_line=line, end_column=2, code="ZZ901",
                   family="house-style", severity="warning", message="m", rule="r", excerpt=excerpt)


def test_matching_ignores_whitespace_and_counts_multiplicity(tmp_path):
    accepted = {("a.txt", "ZZ901", "two words"): 1}
    from collections import Counter
    findings = [_finding(str(tmp_path / "a.txt"), 3, "two\n  words"), _finding(str(tmp_path / "a.txt"), 9, "two words")]
    left = filter_new(findings, Counter(accepted), tmp_path)
    assert [f.line for f in left] == [9]     # the first absorbs the entry, the later one is new


def test_long_excerpts_are_stored_short_but_distinct():
    a, b = "x" * 300, "x" * 299 + "y"
    assert len(normalise(a)) < 120 and normalise(a) != normalise(b)
    assert normalise("  short\ttext \n") == "short text"


def test_load_sums_counts(tmp_path):
    (tmp_path / "b.json").write_text(json.dumps({"tool": "editlint", "version": 1, "findings": [
        {"path": "a", "code": "ZZ901", "excerpt": "e", "count": 2},
        {"path": "a", "code": "ZZ901", "excerpt": "e"}]}))
    assert load(tmp_path / "b.json")[("a", "ZZ901", "e")] == 3
