"""The composite action and the example workflow, as written: the action's own shell steps
run for real (editlint installed from the action's folder into a fresh venv, then run on a
content folder), and the workflow uses the action by path, with inputs it declares."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ci_helpers import content_folder

ROOT = Path(__file__).resolve().parents[1]
NETWORK_SIGNS = ("Could not find a version", "No matching distribution", "Failed to establish a new connection",
                 "Temporary failure in name resolution", "Network is unreachable")


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text())


def test_docs_and_workflow_name_no_placeholder_owner():
    for path in [ROOT / "action.yml", ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml",
                 *sorted((ROOT / "examples" / "github-workflow").iterdir())]:
        assert "<owner>" not in path.read_text(), path


def test_workflow_uses_the_action_by_path_with_declared_inputs():
    workflow = yaml.safe_load((ROOT / "examples" / "github-workflow" / "editlint.yml").read_text())
    inputs = set(action()["inputs"])
    uses = [step for job in workflow["jobs"].values() for step in job["steps"]
            if step.get("uses", "").startswith("./")]
    assert len(uses) == 2
    for step in uses:
        assert step["uses"] == "./.github/editlint"
        assert set(step.get("with", {})) <= inputs
    for job in workflow["jobs"].values():   # the copy of editlint is checked out with the content
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["submodules"] is True


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_steps_install_from_the_action_path_and_run(tmp_path):
    steps = {s.get("name"): s for s in action()["runs"]["steps"]}
    install, run = steps["Install editlint"], steps["Run editlint"]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    # the runner: `python` on PATH (setup-python's), its files, the action's own folder
    runner_bin = tmp_path / "runner-bin"
    runner_bin.mkdir()
    (runner_bin / "python").symlink_to(sys.executable)
    github_path, github_output = tmp_path / "github_path", tmp_path / "github_output"
    github_path.touch()
    github_output.touch()
    workspace = content_folder(tmp_path / "workspace", {"articles/a.txt": "Engineers frobnicate.\n",
                                                        "articles/b.txt": "All fine.\n"})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONHOME"))}
    env.update(PATH=f"{runner_bin}{os.pathsep}{env.get('PATH', '')}", RUNNER_TEMP=str(tmp_path / "temp"),
               GITHUB_PATH=str(github_path), GITHUB_OUTPUT=str(github_output), ACTION_PATH=str(ROOT))
    (tmp_path / "temp").mkdir()

    def step(script: str, extra: dict, path_prefix: str = "") -> subprocess.CompletedProcess:
        e = {**env, **extra}
        if path_prefix:
            e["PATH"] = path_prefix + os.pathsep + e["PATH"]
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=workspace,
                              env=e, capture_output=True, text=True, timeout=600)

    done = step(install["run"], {})
    if done.returncode != 0 and any(sign in done.stdout + done.stderr for sign in NETWORK_SIGNS):
        pytest.skip("could not install editlint's dependencies (no access to the package index)")
    assert done.returncode == 0, done.stderr[-3000:]
    added = github_path.read_text().split()
    assert added == [str(tmp_path / "temp" / "editlint-venv" / "bin")]

    done = step(run["run"], {"EDITLINT_PATHS": "articles", "EDITLINT_ARGS": "--format github --no-cache"}, added[0])
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::warning file=articles/a.txt,line=1,endLine=1,col=11,endColumn=21,")
    assert github_output.read_text() == "exit-code=1\n"
