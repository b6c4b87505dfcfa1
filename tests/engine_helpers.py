"""Helpers for the engine, CLI and configuration tests: house rules written as YAML packs
(so findings do not depend on the built-in families), a project in a temporary folder,
and the command line run in-process or as a real subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from editlint.cli import main

# The house rule of DESIGN.md, copied verbatim (comments included): it must work as written.
DESIGN_HOUSE_RULE = """\
code: ZZ901
name: no-frobnicate
family: house-style        # a house rule may name its own family
kind: existence            # existence | substitution | occurrence | metric | … (one per rule kind)
message: "Avoid '{match}'."
severity: warning          # info | warning | error
tokens: [frobnicate]       # or patterns: [regex, …]
ignorecase: true
"""

# A list pack with one rule of each other kind, in a family of its own.
OTHER_PACK = """\
rules:
  - code: ZY001
    name: prefer-gadget
    family: other-house
    kind: substitution
    message: "Say '{replacement}' instead of '{match}'."
    swap: {widget: gadget, doohickey: gizmo}
    ignorecase: true
  - code: ZY002
    name: too-many-verys
    family: other-house
    kind: occurrence
    message: "'{match}' used {count} times; at most {max}."
    tokens: [very]
    ignorecase: true
    max: 2
  - code: ZY003
    name: long-house-sentence
    family: other-house
    kind: metric
    severity: info
    message: "Sentence of {value} words (house limit {max})."
    formula: words
    per: sentence
    max: 12
"""

HOUSE_SELECT = ["ZZ", "ZY", "EL"]


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def house_project(root: Path, extra_config: str = "", select: list[str] | None = HOUSE_SELECT,
                  config_name: str = "editlint.toml") -> Path:
    """A folder with the two house packs and a config naming them. Only the house rules and
    the engine notes are selected (unless ``select`` is None), so findings are exactly known."""
    write(root / "house" / "frobnicate.yml", DESIGN_HOUSE_RULE)
    write(root / "house" / "other.yml", OTHER_PACK)
    lines = ['rule-paths = ["house"]']
    if select is not None:
        lines.append(f"select = {toml_list(select)}")
    body = "\n".join(lines) + "\n" + extra_config
    if config_name == "pyproject.toml":
        write(root / config_name, "[tool.editlint]\n" + body)
    else:
        write(root / config_name, body)
    return root


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)

    def codes(self) -> list[str]:
        return [f["code"] for f in self.json()]


class InProcess:
    """Runs ``editlint.cli.main`` in this process, in ``cwd``, capturing its output."""

    def __init__(self, capsys, monkeypatch, cwd: Path) -> None:
        self.capsys, self.monkeypatch, self.cwd = capsys, monkeypatch, cwd

    def __call__(self, *args: str, stdin: bytes | None = None, cwd: Path | None = None) -> Result:
        self.monkeypatch.chdir(cwd or self.cwd)
        if stdin is not None:
            self.monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        self.capsys.readouterr()
        code = main([str(a) for a in args])
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)


def run_subprocess(*args: str, cwd: Path, stdin: bytes | None = None, timeout: float = 120) -> Result:
    """The real command line, as a user runs it: ``python -m editlint ...``."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "editlint", *map(str, args)], cwd=cwd, input=stdin or b"",
                          capture_output=True, timeout=timeout, env=env)
    return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """(mtime_ns, content) of every regular file under ``root`` that is small enough to read."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            if p.is_symlink() or not p.is_file():
                continue
            st = p.stat()
            out[str(p)] = (st.st_mtime_ns, p.read_bytes() if st.st_size < 1_000_000 else b"")
    return out
