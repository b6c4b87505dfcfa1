"""Shared by the tests over hand-labelled article sets (tests/fixtures/blind*): the scorer
from benchmarks/blind_eval.py, and one CLI run over a folder."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from editlint.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("blind_eval", ROOT / "benchmarks" / "blind_eval.py")
blind_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(blind_eval)


def lint_folder(folder: Path, out_dir: Path) -> list[dict]:
    """``editlint check --format json`` over ``folder``, without cache or configuration."""
    out = out_dir / "out.json"
    cli_main(["check", "--format", "json", "--no-cache", "--exit-zero", "--isolated",
              "--output-file", str(out), str(folder)])
    return json.loads(out.read_text())
