"""The example articles in examples/ do what examples/README.md says: each problem article
produces findings of the family it demonstrates, and the clean news report produces none
(apart from `info` notes). They run through the real command line, as a reader would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# article -> the family it demonstrates
PROBLEM_ARTICLES = {
    "keyword-stuffing.md": "keyword-stuffing",
    "link-spam.html": "link-spam",
    "loaded-language.txt": "loaded-language",
    "unattributed-claims.md": "unattributed-claim",
    "readability.md": "readability",
    "hygiene.txt": "hygiene",
}
CLEAN_ARTICLE = "clean-news.html"


def editlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "editlint", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def run():
    """One `editlint check examples/ --format json` run, shared by the tests below."""
    proc = editlint("check", "examples/", "--format", "json")
    findings = json.loads(proc.stdout) if proc.stdout.strip() else []
    return proc, findings


def by_file(findings, name):
    return [f for f in findings if Path(f["path"]).name == name and "plugin" not in f["path"]]


def describe(findings):
    return "\n".join(f"  {f['line']}:{f['column']} {f['code']} [{f['family']}] {f['message']}"
                     for f in findings) or "  (none)"


def test_every_article_exists_and_is_short():
    for name in [*PROBLEM_ARTICLES, CLEAN_ARTICLE]:
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        assert 150 <= len(text.split()) <= 600, name     # 150-400 words of prose, plus markup


def test_check_examples_runs_without_error(run):
    proc, findings = run
    assert proc.returncode in (0, 1), f"exit {proc.returncode}\n{proc.stderr}"
    assert not proc.stderr.strip(), proc.stderr
    engine = [f for f in findings if f["family"] == "engine"]
    assert not engine, "engine notes on the examples:\n" + describe(engine)


def test_readmes_are_not_linted(run):
    _, findings = run
    assert not [f for f in findings if Path(f["path"]).name == "README.md"]


def test_clean_article_has_no_warnings(run):
    _, findings = run
    serious = [f for f in by_file(findings, CLEAN_ARTICLE) if f["severity"] != "info"]
    assert not serious, f"{CLEAN_ARTICLE} should be clean, but:\n" + describe(serious)


def test_clean_article_alone_exits_zero():
    proc = editlint("check", f"examples/{CLEAN_ARTICLE}")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name,family", sorted(PROBLEM_ARTICLES.items()))
def test_problem_article_shows_its_family(run, name, family):
    _, findings = run
    found = by_file(findings, name)
    assert any(f["family"] == family for f in found), (
        f"{name} should produce a {family} finding; it produced:\n" + describe(found))


def test_findings_point_into_the_articles(run):
    """Every finding's line and column fall inside the file as written."""
    _, findings = run
    for f in findings:
        lines = (ROOT / f["path"]).read_text(encoding="utf-8").split("\n")
        assert 1 <= f["line"] <= len(lines), f
        assert 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1, f
