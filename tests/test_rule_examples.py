"""Every rule documents itself and carries examples that must flag and must pass; this one
test runs them all, for built-in rules and installed plugins alike."""

import pytest

from editlint.config import Config
from editlint.engine import FILE_FAILURES


def _rules(registry):
    from editlint.config import ConfigResolver
    from editlint.engine import Linter

    return list(Linter(registry, ConfigResolver(isolated=True)).ruleset(Config()))


def pytest_generate_tests(metafunc):
    if "rule" in metafunc.fixturenames:
        from editlint.plugins import collect, plugin_manager

        pm, errors = plugin_manager()
        rules = _rules(collect(pm, errors))
        metafunc.parametrize("rule", rules, ids=[r.code for r in rules])


def test_rule_is_documented(rule):
    assert rule.docs.summary.strip(), f"{rule.code} has no summary"
    assert rule.docs.what.strip(), f"{rule.code} does not say what it does"
    assert rule.docs.why.strip(), f"{rule.code} does not say why it matters"
    if rule.code not in FILE_FAILURES:
        assert rule.flags, f"{rule.code} has no example that must flag"
        assert rule.passes, f"{rule.code} has no example that must pass"


def test_rule_examples(rule, linter):
    if rule.code in FILE_FAILURES:
        pytest.skip("file-level engine notes are exercised by tests/test_bad_input.py")
    cfg = Config()
    rules = [rule]
    if getattr(rule, "needs_company", 0):
        # a rule that reports only beside its family's other findings runs with them
        families = getattr(rule, "company_families", None) or [rule.family]
        rules += [r for r in _rules(linter.registry) if r.family in families and r.code != rule.code
                  and not getattr(r, "defers", False)]
    for example in rule.flags:
        findings = linter.run(_parse(example), cfg, rules)
        codes = [f.code for f in findings]
        assert rule.code in codes, f"{rule.code} should flag:\n{example.text}\nfound: {codes}"
    for example in rule.passes:
        findings = [f for f in linter.run(_parse(example), cfg, rules) if f.code == rule.code]
        assert not findings, (f"{rule.code} should pass:\n{example.text}\nbut reported: "
                              + "; ".join(f"{f.line}:{f.column} {f.message}" for f in findings))


def _parse(example):
    from editlint.parsers import parse

    ext = {"markdown": "md", "html": "html", "text": "txt"}[example.format]
    return parse(example.text, f"example.{ext}", example.format)
