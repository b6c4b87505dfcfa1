"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions

``::warning file=F,line=L,endLine=E,col=C,endColumn=D,title=T::message``. Properties are
escaped as the runner expects (``%``, CR, LF, ``:`` and ``,``); the message only for
``%``, CR and LF. GitHub only honours columns on a one-line annotation, so ``col`` and
``endColumn`` are left out when a finding spans lines. Paths are made relative to the
checkout (``$GITHUB_WORKSPACE``) when they lie inside it, as annotations need.
GitHub shows a limited number of annotations per step (10 of each level at the time of
writing); the full list stays in the log and in the SARIF upload.
"""

from __future__ import annotations

import os

from editlint.formatters import Context
from editlint.formatters.text import also
from editlint.rule import Finding

NAME = "github"
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def _path(path: str) -> str:
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if path == "-" or not workspace:
        return path.replace(os.sep, "/")
    absolute = os.path.abspath(path)
    root = os.path.abspath(workspace)
    if absolute == root or absolute.startswith(root.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, root).replace(os.sep, "/")
    return path.replace(os.sep, "/")


def render(findings: list[Finding], context: Context) -> str:
    out = []
    for f in findings:
        props = [f"file={_prop(_path(f.path))}", f"line={f.line}", f"endLine={f.end_line}"]
        if f.end_line == f.line:
            props += [f"col={f.column}", f"endColumn={max(f.end_column, f.column)}"]
        props.append(f"title={_prop(f.code + ' ' + f.rule)}")
        out.append(f"::{LEVEL.get(f.severity, 'warning')} {','.join(props)}::{_data(f'{f.message}{also(f)} [{f.family}]')}")
    return "\n".join(out) + ("\n" if out else "")
