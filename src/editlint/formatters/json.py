"""A JSON array, one object per finding, sorted by path, line and column (DESIGN.md); with
``--show-fixes``, a finding that has a fix carries it under the optional ``fix`` key."""

from __future__ import annotations

import json

from editlint.formatters import Context
from editlint.rule import Finding

NAME = "json"


def render(findings: list[Finding], context: Context) -> str:
    """The text ``json.dumps(findings, indent=2)`` gives, built one finding at a time: with an
    indent, ``json`` encodes in pure Python and holds every small piece of the whole array at
    once (tens of thousands of findings on a 10 MB file cost more than linting it)."""
    if not findings:
        return "[]\n"
    # a JSON string never holds a raw newline, so re-indenting by lines is exact
    items = ["  " + json.dumps(f.to_dict(fixes=context.fixes), indent=2, ensure_ascii=False).replace("\n", "\n  ")
             for f in findings]
    return "[\n" + ",\n".join(items) + "\n]\n"
