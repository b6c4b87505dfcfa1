"""--select / --ignore / --extend-select: codes, prefixes, families, names, comma lists."""

from __future__ import annotations

import json

import pytest
from engine_helpers import InProcess, house_project, write

from editlint.rule import FAMILIES, Docs, Rule
from editlint.selection import is_selected, specificity, split_list, unknown_selectors

TEXT = "A widget to frobnicate, very very very good.\n"   # ZY001, ZZ901, ZY002


@pytest.fixture
def project(tmp_path):
    house_project(tmp_path, select=None)        # every rule in force, built-in ones too
    write(tmp_path / "a.txt", TEXT)
    return tmp_path


@pytest.fixture
def codes(capsys, monkeypatch, project):
    cli = InProcess(capsys, monkeypatch, project)

    def run(*args: str) -> list[str] | int:
        r = cli("check", "a.txt", "--format", "json", *args)
        if r.code == 2:
            assert "Traceback" not in r.err
            return 2
        return sorted({f["code"] for f in json.loads(r.out)})

    return run


@pytest.mark.parametrize("args, expected", [
    (["--select", "ZZ901"], ["ZZ901"]),
    (["--select", "ZY"], ["ZY001", "ZY002"]),
    (["--select", "ZY00"], ["ZY001", "ZY002"]),
    (["--select", "other-house"], ["ZY001", "ZY002"]),
    (["--select", "prefer-gadget"], ["ZY001"]),
    (["--select", "zz901"], ["ZZ901"]),
    (["--select", "ZZ901,ZY002"], ["ZY002", "ZZ901"]),
    (["--select", " ZZ901 , ZY002 ,"], ["ZY002", "ZZ901"]),
    (["--select", "house-style,ZY001"], ["ZY001", "ZZ901"]),
    (["--select", "ZY", "--ignore", "ZY002"], ["ZY001"]),
    (["--select", "other-house", "--ignore", "ZY"], []),
    (["--select", "ZY001", "--ignore", "other-house"], ["ZY001"]),    # the more specific wins
    (["--select", "ZY", "--ignore", "ZY"], []),                       # a tie goes to ignore
    (["--select", "ZZ", "--extend-select", "ZY001"], ["ZY001", "ZZ901"]),
    (["--select", "ALL", "--ignore", "ZY,ZZ"], None),
])
def test_selectors(codes, args, expected):
    got = codes(*args)
    if expected is None:
        assert got != 2 and not {"ZY001", "ZY002", "ZZ901"} & set(got)
    else:
        assert got == expected


def test_ignore_alone_keeps_the_rest(codes):
    got = codes("--ignore", "ZZ901")
    assert {"ZY001", "ZY002"} <= set(got) and "ZZ901" not in got


def test_cli_select_replaces_the_configured_select(capsys, monkeypatch, tmp_path):
    house_project(tmp_path, select=["ZZ"])
    write(tmp_path / "a.txt", TEXT)
    cli = InProcess(capsys, monkeypatch, tmp_path)
    assert [f["code"] for f in cli("check", "a.txt", "--format", "json").json()] == ["ZZ901"]
    assert [f["code"] for f in cli("check", "a.txt", "--format", "json", "--select", "ZY001").json()] == ["ZY001"]
    got = [f["code"] for f in cli("check", "a.txt", "--format", "json", "--extend-select", "ZY001").json()]
    assert sorted(got) == ["ZY001", "ZZ901"]


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
@pytest.mark.parametrize("selector", ["QQ", "QQ101", "no-such-rule", "ZZ902", "ZZ901,QQ1"])
def test_unknown_selector_exits_two(capsys, monkeypatch, project, option, selector):
    r = InProcess(capsys, monkeypatch, project)("check", "a.txt", option, selector)
    assert r.code == 2
    assert r.out == ""
    bad = selector.split(",")[-1]
    assert f"'{bad}'" in r.err and len(r.err.strip().splitlines()) == 1


@pytest.mark.parametrize("family, prefix", sorted(FAMILIES.items()))
def test_every_family_and_prefix_of_the_contract_is_a_valid_selector(codes, family, prefix):
    assert codes("--select", family) != 2
    assert codes("--ignore", prefix) != 2
    assert codes("--select", f"{family},{prefix}") != 2


def test_family_selection_keeps_only_that_family(capsys, monkeypatch, project):
    r = InProcess(capsys, monkeypatch, project)("rules", "--format", "json")
    families = {x["code"]: x["family"] for x in json.loads(r.out)}
    for family in ("engine", "other-house"):
        got = InProcess(capsys, monkeypatch, project)("check", "a.txt", "--format", "json", "--select", family)
        assert {families[f["code"]] for f in got.json()} <= {family}


# -- the functions ---------------------------------------------------------------------
def rule(code="KS101", name="exact-match-keyphrase", family="keyword-stuffing"):
    class R(Rule):
        def check(self, doc):
            return iter(())
    return R(code=code, name=name, family=family, docs=Docs(summary="x"))


def test_specificity_order():
    r = rule()
    assert specificity("ALL", r) < specificity("keyword-stuffing", r) < specificity("KS", r) \
        < specificity("KS1", r) < specificity("KS101", r) < specificity("exact-match-keyphrase", r)
    assert specificity("LS", r) == 0 and specificity("", r) == 0 and specificity("101", r) == 0


def test_is_selected():
    r = rule()
    assert is_selected(r, None, [], [])
    assert not is_selected(r, ["LL"], [], [])
    assert is_selected(r, ["LL"], ["KS101"], [])
    assert not is_selected(r, None, [], ["keyword-stuffing"])
    assert is_selected(r, ["KS101"], [], ["KS"])
    assert not is_selected(r, ["KS"], [], ["KS"])


def test_unknown_selectors_and_split_list():
    rules = [rule(), rule("LL201", "deep-state", "loaded-language")]
    assert unknown_selectors(["KS", "LL2", "deep-state", "hygiene", "HY", "QQ", "ks1", "ZZ1"], rules) == ["QQ", "ZZ1"]
    assert split_list("KS, LL101,,unattributed-claim ") == ["KS", "LL101", "unattributed-claim"]
    assert split_list(None) == [] and split_list("") == []
