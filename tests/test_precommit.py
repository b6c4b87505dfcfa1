"""The pre-commit hook, for real: ``pre-commit try-repo`` installs editlint from a clone of
this repository at HEAD (only committed state counts) and runs it on a content repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

HOUSE_RULE = """\
code: ZZ901
name: no-frobnicate
family: house-style
kind: existence
message: "Avoid '{match}'."
severity: warning
tokens: [frobnicate]
ignorecase: true
"""

NETWORK_SIGNS = ("Could not find a version", "No matching distribution", "Failed to establish a new connection",
                 "Temporary failure in name resolution", "Network is unreachable", "ConnectionError",
                 "Max retries exceeded", "Read timed out")


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


def test_hook_definition_matches_the_cli():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "editlint")
    assert hook["entry"] == "editlint check"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    assert set(hook["types_or"]) == {"markdown", "html", "plain-text"}
    import re
    for name in ("a.md", "b.markdown", "c.html", "d.htm", "e.txt"):
        assert re.search(hook["files"], name), name
    assert not re.search(hook["files"], "setup.py")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo_fails_on_a_finding_and_passes_once_fixed(tmp_path):
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    # a clone holds exactly what is committed, whatever the working tree of ROOT holds
    clone = tmp_path / "editlint"
    _git(tmp_path, "clone", "--quiet", str(ROOT), str(clone))
    if not (clone / ".pre-commit-hooks.yaml").exists():
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")

    content = tmp_path / "content"
    (content / "house").mkdir(parents=True)
    (content / "editlint.toml").write_text('rule-paths = ["house"]\nselect = ["house-style"]\n')
    (content / "house" / "frob.yml").write_text(HOUSE_RULE)
    article = content / "article.txt"
    article.write_text("Widgets\n\nEngineers frobnicate the widgets every morning.\n")
    _git(content, "init", "--quiet")
    _git(content, "add", ".")
    _git(content, "commit", "--quiet", "-m", "articles")

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(clone), "editlint",
                               "--all-files", "--color", "never"],
                              cwd=content, env=env, capture_output=True, text=True, timeout=900)

    bad = try_repo()
    log = tmp_path / "pre-commit-home" / "pre-commit.log"
    output = bad.stdout + bad.stderr + (log.read_text() if log.exists() else "")
    if bad.returncode != 0 and any(sign in output for sign in NETWORK_SIGNS):
        pytest.skip("pre-commit could not install editlint (no access to the package index)")
    assert bad.returncode == 1, output
    assert "article.txt:3:11: ZZ901 Avoid 'frobnicate'. [house-style]" in bad.stdout, output

    article.write_text("Widgets\n\nEngineers polish the widgets every morning.\n")
    _git(content, "commit", "--quiet", "-am", "fixed")
    good = try_repo()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "ZZ901" not in good.stdout
