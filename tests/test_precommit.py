"""The pre-commit hooks, for real, with the .pre-commit-config.yaml the README shows: the
local hook (editlint already installed), and this repository as a hook repository, which
pre-commit installs from a clone at HEAD (only committed state counts). Both pass
--force-exclude, so `exclude` holds for the staged files pre-commit names."""

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
    assert hook["entry"] == "editlint check --force-exclude"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    assert set(hook["types_or"]) == {"markdown", "html", "plain-text"}
    import re
    for name in ("a.md", "b.markdown", "c.html", "d.htm", "e.txt"):
        assert re.search(hook["files"], name), name
    assert not re.search(hook["files"], "setup.py")


def readme_config(marker: str) -> str:
    """The YAML block that follows ``<!-- marker -->`` in the README, as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split(f"<!-- {marker} -->\n", 1)[1]
    assert after.startswith("```yaml\n")
    return after[len("```yaml\n"):].split("```", 1)[0]


def content_repo(root: Path, config: str) -> Path:
    content = root / "content"
    (content / "house").mkdir(parents=True)
    (content / "drafts").mkdir()
    (content / "editlint.toml").write_text('rule-paths = ["house"]\nselect = ["house-style"]\n'
                                           'exclude = ["drafts/**"]\n')
    (content / "house" / "frob.yml").write_text(HOUSE_RULE)
    (content / "article.txt").write_text("Widgets\n\nEngineers frobnicate the widgets every morning.\n")
    (content / "drafts" / "wip.md").write_text("We frobnicate drafts freely.\n")   # excluded
    (content / ".pre-commit-config.yaml").write_text(config)
    _git(content, "init", "--quiet")
    _git(content, "add", ".")
    _git(content, "commit", "--quiet", "-m", "articles")
    return content


def run_hooks(content: Path, home: Path, path_prefix: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    if path_prefix:
        env["PATH"] = path_prefix + os.pathsep + env.get("PATH", "")
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=content, env=env, capture_output=True, text=True, timeout=900)


def check_fails_then_passes(content: Path, run) -> None:
    bad = run()
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1, output
    assert "article.txt:3:11: ZZ901 Avoid 'frobnicate'. [house-style]" in bad.stdout, output
    assert "wip.md" not in bad.stdout                      # exclude held for a named file
    (content / "article.txt").write_text("Widgets\n\nEngineers polish the widgets every morning.\n")
    _git(content, "commit", "--quiet", "-am", "fixed")
    good = run()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "ZZ901" not in good.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_readme_local_hook_works_as_written(tmp_path):
    pytest.importorskip("pre_commit")
    content = content_repo(tmp_path, readme_config("pre-commit-local"))
    # language: system runs the editlint on PATH: this test's own
    bin_dir = str(Path(sys.executable).parent)
    check_fails_then_passes(content, lambda: run_hooks(content, tmp_path / "home", bin_dir))


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_readme_hook_repository_works_as_written(tmp_path):
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    # a clone holds exactly what is committed, whatever the working tree of ROOT holds; its
    # `main` is this commit, so that the README's `rev: main` names what is tested
    clone = tmp_path / "editlint"
    _git(tmp_path, "clone", "--quiet", str(ROOT), str(clone))
    _git(clone, "checkout", "--quiet", "-B", "main")
    if not (clone / ".pre-commit-hooks.yaml").exists():
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    config = readme_config("pre-commit-repo")
    assert "rev: main" in config
    content = content_repo(tmp_path, config.replace("/path/to/editlint", str(clone)))
    home = tmp_path / "pre-commit-home"

    def run():
        done = run_hooks(content, home)
        log = home / "pre-commit.log"
        output = done.stdout + done.stderr + (log.read_text() if log.exists() else "")
        if done.returncode != 0 and any(sign in output for sign in NETWORK_SIGNS):
            pytest.skip("pre-commit could not install editlint (no access to the package index)")
        return done

    check_fails_then_passes(content, run)
