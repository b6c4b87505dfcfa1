"""A JSON array, one object per finding, sorted by path, line and column (DESIGN.md); with
``--show-fixes``, a finding that has a fix carries it under the optional ``fix`` key."""

from __future__ import annotations

import json

from editlint.formatters import Context
from editlint.rule import Finding

NAME = "json"


def render(findings: list[Finding], context: Context) -> str:
    return json.dumps([f.to_dict(fixes=context.fixes) for f in findings], indent=2, ensure_ascii=False) + "\n"
