"""Shared by the CI and scale tests: a content folder with a house rule, and a way to run
the command line in-process."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from editlint.cli import main

HOUSE_RULE = """\
code: ZZ901
name: no-frobnicate
family: house-style
kind: existence
message: "Avoid '{match}'."
severity: warning
tokens: [frobnicate, gizmo]
ignorecase: true
"""


def content_folder(root: Path, articles: dict[str, str] | None = None) -> Path:
    """``root`` with an editlint.toml whose only rule is the house rule ZZ901 (it flags
    "frobnicate" and "gizmo"), plus ``articles`` (name -> text)."""
    (root / "house").mkdir(parents=True, exist_ok=True)
    (root / "house" / "frob.yml").write_text(HOUSE_RULE)
    (root / "editlint.toml").write_text('rule-paths = ["house"]\nselect = ["house-style"]\n')
    for name, text in (articles or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``editlint`` with ``argv``, in-process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys, *argv: str) -> tuple[int, list[dict]]:
    status, out, err = run(capsys, *argv, "--format", "json")
    # 2 without a message: a file that could not be linted (an EL finding in the output)
    assert status in (0, 1) or (status == 2 and not err), err
    return status, json.loads(out)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout
