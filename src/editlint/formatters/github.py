"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""

from __future__ import annotations

from editlint.formatters import Context
from editlint.rule import Finding

NAME = "github"
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(findings: list[Finding], context: Context) -> str:
    out = []
    for f in findings:
        props = (f"file={_prop(f.path)},line={f.line},col={f.column},"
                 f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f.code + ' ' + f.rule)}")
        out.append(f"::{LEVEL[f.severity]} {props}::{_data(f'{f.message} [{f.family}]')}")
    return "\n".join(out) + ("\n" if out else "")
