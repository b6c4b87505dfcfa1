"""Output formats: golden files for text, json, sarif and github on a fixed project with
house rules (tests/golden/input), plus the contract's structural promises.

To regenerate the golden files after a deliberate change, run
``EDITLINT_UPDATE_GOLDEN=1 pytest tests/test_formatters.py`` and read the diff before committing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from engine_helpers import InProcess

from editlint import __version__
from editlint.formatters import Context
from editlint.formatters import json as json_format
from editlint.formatters import text as text_format
from editlint.rule import Finding

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("EDITLINT_UPDATE_GOLDEN") == "1"

CASES = {
    "text": ["--format", "text"],
    "text-statistics": ["--format", "text", "--statistics"],
    "json": ["--format", "json"],
    "sarif": ["--format", "sarif"],
    "github": ["--format", "github"],
}
SUFFIX = {"text": "txt", "text-statistics": "txt", "json": "json", "sarif": "sarif", "github": "txt"}


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(GOLDEN / "input", root)   # never lint (or cache) inside the repository
    return root


@pytest.fixture
def cli(capsys, monkeypatch, project):
    return InProcess(capsys, monkeypatch, project)


def normalise(output: str, root: Path) -> str:
    """The parts that depend on where and with which version the test runs."""
    return output.replace(f'"{__version__}"', '"<version>"').replace(root.resolve().as_uri(), "file:///<project>")


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(cli, project, case):
    r = cli("check", "articles", *CASES[case])
    assert r.code == 1
    assert "Traceback" not in r.err
    got = normalise(r.out, project)
    golden = GOLDEN / f"expected.{case}.{SUFFIX[case]}"
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


# -- structural promises ------------------------------------------------------------
JSON_KEYS = ["path", "line", "column", "end_line", "end_column", "code", "family", "severity",
             "message", "rule", "suggestion"]


def test_json_keys_and_order_as_in_design(cli):
    found = json.loads(cli("check", "articles", "--format", "json").out)
    assert found
    for f in found:
        assert list(f) == JSON_KEYS
        assert isinstance(f["line"], int) and isinstance(f["column"], int)
        assert (f["end_line"], f["end_column"]) > (f["line"], f["column"])
    keys = [(f["path"], f["line"], f["column"]) for f in found]
    assert keys == sorted(keys)


def test_json_columns_count_code_points_and_end_is_exclusive(cli, project):
    found = json.loads(cli("check", "articles/notes.md", "--format", "json").out)
    f = next(x for x in found if x["code"] == "ZY001")
    line = (project / "articles" / "notes.md").read_text(encoding="utf-8").splitlines()[f["line"] - 1]
    assert line[f["column"] - 1:f["end_column"] - 1] == "doohickey"     # after an "é"


def test_sarif_has_the_rules_metadata(cli):
    log = json.loads(cli("check", "articles", "--format", "sarif").out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "editlint" and driver["version"] == __version__
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert ids == ["EL101", "EL102", "EL103", "ZY001", "ZY002", "ZY003", "ZZ901"]   # the rules in force
    zy1 = rules[ids.index("ZY001")]
    assert zy1["name"] == "prefer-gadget"
    assert zy1["shortDescription"]["text"] == "House words for small devices."
    assert zy1["fullDescription"]["text"] == "Reports the words the house style replaces, with the replacement."
    assert "Readers meet one word for one thing." in zy1["help"]["text"]
    assert zy1["properties"]["family"] == "other-house"
    assert rules[ids.index("ZY003")]["defaultConfiguration"]["level"] == "note"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert [r["level"] for r in run["results"]].count("note") == 1
    assert len(run["results"]) == len(json.loads(cli("check", "articles", "--format", "json").out))


def test_sarif_names_the_rule_of_an_engine_error_outside_the_selection(cli, project):
    (project / "articles" / "blob.txt").write_bytes(b"\x00\x01")
    log = json.loads(cli("check", "articles", "--format", "sarif").out)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "EL003")
    assert rules[result["ruleIndex"]]["id"] == "EL003"
    assert result["level"] == "error"


def test_github_lines_are_workflow_commands(cli):
    lines = cli("check", "articles", "--format", "github").out.splitlines()
    assert len(lines) == 9
    assert all(line.startswith(("::warning ", "::notice ", "::error ")) for line in lines)


def test_statistics_counts_per_rule(cli):
    out = cli("check", "articles", "--statistics").out
    stats = [line.split() for line in out.splitlines() if line.startswith(" ")]
    assert [(s[0], s[1]) for s in stats][:2] == [("2", "ZY001"), ("2", "ZZ901")]
    assert sum(int(s[0]) for s in stats) == 9


def test_statistics_with_json_is_still_pure_json(cli):
    json.loads(cli("check", "articles", "--format", "json", "--statistics").out)


# -- the formatters as pure functions -------------------------------------------------
def finding(path="a.md", line=1, column=1, code="ZZ901", severity="warning") -> Finding:
    return Finding(path=path, line=line, column=column, end_line=line, end_column=column + 3, code=code,
                   family="house-style", severity=severity, message="Avoid 'x'.", rule="no-x")


def test_text_summary_wording():
    assert text_format.render([], Context(files=1)) == "No findings in 1 file.\n"
    assert text_format.render([], Context(files=0)) == "No findings in 0 files.\n"
    out = text_format.render([finding(), finding(line=2, severity="error"), finding(path="b.md", severity="info")],
                             Context(files=3))
    assert out.splitlines() == [
        "a.md:1:1: ZZ901 Avoid 'x'. [house-style]",
        "a.md:2:1: ZZ901 Avoid 'x'. [house-style]",
        "b.md:1:1: ZZ901 Avoid 'x'. [house-style]",
        "Found 3 findings (1 error, 1 warning, 1 info) in 2 of 3 files.",
    ]


def test_json_render_is_deterministic_and_keeps_unicode():
    f = finding()
    f.message = "Avoid “smart” quotes — and é."
    once = json_format.render([f], Context())
    assert once == json_format.render([f], Context())
    assert "“smart”" in once
    assert json_format.render([], Context()) == "[]\n"


def test_json_render_is_the_text_json_dumps_gives_for_the_array():
    """The array is built one finding at a time (memory on huge outputs) but reads exactly as
    ``json.dumps(..., indent=2)`` of the whole list: nested related places, newlines escaped in
    messages, unicode."""
    f = finding()
    f.message = "Line one\nline \"two\" — é"
    findings = [f, _with_related(), finding()]
    for fixes in (False, True):
        want = json.dumps([x.to_dict(fixes=fixes) for x in findings], indent=2, ensure_ascii=False) + "\n"
        assert json_format.render(findings, Context(fixes=fixes)) == want


def _with_related() -> Finding:
    from editlint.rule import Related

    return Finding(path="a.md", line=3, column=5, end_line=3, end_column=12, code="KS102",
                   family="keyword-stuffing", severity="warning", message="Keyphrase 'x' is stuffed.",
                   rule="keyphrase-density",
                   related=[Related(7, 1, 7, 8, "another use"), Related(9, 4, 9, 11, "another use")])


def test_related_locations_in_json_text_github_and_sarif():
    from editlint.formatters import github as github_format
    from editlint.formatters import sarif as sarif_format

    f = _with_related()
    data = json.loads(json_format.render([f], Context(files=1)))
    assert data[0]["related"] == [
        {"line": 7, "column": 1, "end_line": 7, "end_column": 8, "message": "another use"},
        {"line": 9, "column": 4, "end_line": 9, "end_column": 11, "message": "another use"},
    ]
    plain = _with_related()
    plain.related = []
    assert "related" not in json.loads(json_format.render([plain], Context(files=1)))[0]
    line = text_format.render([f], Context(files=1)).splitlines()[0]
    assert line == "a.md:3:5: KS102 Keyphrase 'x' is stuffed. (also at 7:1, 9:4) [keyword-stuffing]"
    assert "(also at 7:1, 9:4)" in github_format.render([f], Context(files=1))
    sarif = json.loads(sarif_format.render([f], Context(files=1)))
    related = sarif["runs"][0]["results"][0]["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [7, 9]
    assert [r["id"] for r in related] == [1, 2] and related[0]["message"]["text"] == "another use"


def test_text_caps_the_places_it_lists():
    from editlint.rule import Related

    f = _with_related()
    f.related = [Related(i, 1, i, 2) for i in range(10, 22)]
    assert text_format.also(f) == " (also at 10:1, 11:1, 12:1, 13:1, 14:1, 15:1, 16:1, 17:1 and 4 more)"


def test_related_survives_the_cache(tmp_path):
    from editlint.cache import _finding, _row

    f = _with_related()
    back = _finding("a.md", json.loads(json.dumps(_row(f))))
    assert back == f


def test_every_formatter_module_is_registered_under_its_name():
    # the built-in plugin lists its formats (and imports each when used): the list is complete
    import importlib
    import pkgutil

    from editlint import builtin, formatters
    from editlint.plugins import collect, plugin_manager

    found = set()
    for info in pkgutil.iter_modules(formatters.__path__):
        module = importlib.import_module(f"editlint.formatters.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "render"):
            assert module.NAME == info.name
            found.add(info.name)
    assert found == set(builtin.FORMATS)
    assert set(builtin.FORMATS) <= set(collect(*plugin_manager(entry_points=False)).formatters)
