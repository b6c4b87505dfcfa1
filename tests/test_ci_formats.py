"""--format sarif and --format github, as GitHub reads them."""

from __future__ import annotations

import json

from ci_helpers import content_folder, run

ARTICLE = "Widgets\n\nEngineers frobnicate the widgets.\nA gizmo: here, 100% of one.\n"


def test_sarif_for_code_scanning(tmp_path, monkeypatch, capsys):
    content_folder(tmp_path, {".github/notes/a.txt": ARTICLE, "my news/b c.txt": ARTICLE})
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check", ".github", "my news", "--no-cache", "--format", "sarif")
    assert status == 1, err
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    results = run_["results"]
    assert len(results) == 4
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {".github/notes/a.txt", "my%20news/b%20c.txt"}       # the leading dot stays
    first = results[0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "ZZ901"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 11, "endLine": 3, "endColumn": 21}
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    prints = [r["partialFingerprints"]["editlint/v1"] for r in results]
    assert len(set(prints)) == 4                   # one file's identical findings stay distinct


def test_sarif_fingerprints_survive_an_edit_above(tmp_path, monkeypatch, capsys):
    content_folder(tmp_path, {"a.txt": ARTICLE})
    monkeypatch.chdir(tmp_path)

    def prints():
        out = run(capsys, "check", "a.txt", "--no-cache", "--format", "sarif")[1]
        return [r["partialFingerprints"]["editlint/v1"] for r in json.loads(out)["runs"][0]["results"]]

    before = prints()
    (tmp_path / "a.txt").write_text("Widgets\n\nA new paragraph.\n\n" + ARTICLE.split("\n", 2)[2])
    assert prints() == before


def test_github_annotations(tmp_path, monkeypatch, capsys):
    content_folder(tmp_path, {"news/a.txt": ARTICLE})
    monkeypatch.chdir(tmp_path / "news")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    status, out, err = run(capsys, "check", ".", "--no-cache", "--format", "github")
    assert status == 1
    assert out.splitlines() == [
        "::warning file=news/a.txt,line=3,endLine=3,col=11,endColumn=21,title=ZZ901 no-frobnicate"
        "::Avoid 'frobnicate'. [house-style]",
        "::warning file=news/a.txt,line=4,endLine=4,col=3,endColumn=8,title=ZZ901 no-frobnicate"
        "::Avoid 'gizmo'. [house-style]",
    ]


def test_github_escaping_and_multiline_spans():
    from editlint.formatters import Context
    from editlint.formatters.github import render
    from editlint.rule import Finding

    f = Finding(path="a,b:c.md", line=2, column=5, end_line=3, end_column=4, code="ZZ901", family="f",
                severity="info", message="50% off\nnow", rule="r")
    (line,) = render([f], Context()).splitlines()
    assert line == "::notice file=a%2Cb%3Ac.md,line=2,endLine=3,title=ZZ901 r::50%25 off%0Anow [f]"
