"""Rebuild src/editlint/data/prefilters.json: the literal condition of every built-in pattern.

    .venv/bin/python tools/build_prefilters.py

A built-in pattern is compiled only when a text could hold a match of it, which
:mod:`editlint.prefilter` decides from the literals every match must contain. Working those
out reads each pattern character by character (tens of milliseconds for the ~40 patterns one
article needs), so they are worked out here, once, for every pattern the built-in packs
compile with their default options. A pattern missing from the table (a pack changed since,
or options set in a configuration) has its condition worked out when first needed: the
findings are the same either way. tests/test_prefilter.py checks that the table is current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "editlint" / "data" / "prefilters.json"
sys.path.insert(0, str(ROOT / "src"))


def builtin_patterns() -> list:
    """Every pattern the built-in rules compile with default options, as LazyPatterns."""
    from editlint.api import Session
    from editlint.engine import Selection
    from editlint.kinds import base
    from editlint.plugins import collect, plugin_manager

    made: list = []
    original = base.LazyPattern.__init__

    def record(self, *args):
        original(self, *args)
        made.append(self)

    base.LazyPattern.__init__ = record
    try:
        # a registry of its own: rules loaded (and prepared) afresh, not shared ones
        session = Session(None, True, Selection(), registry=collect(*plugin_manager(entry_points=False)))
        for rule in session.linter.base_rules():
            if hasattr(type(rule), "ensure_prepared"):
                rule.ensure_prepared()
    finally:
        base.LazyPattern.__init__ = original
    return made


def table() -> dict[str, object]:
    from editlint import prefilter

    out: dict[str, object] = {}
    for lazy in builtin_patterns():
        lists = lazy._args[2]
        out[prefilter.table_key(lazy.pattern, lists)] = prefilter.requirement(lazy.pattern, lists, table=False)
    return dict(sorted(out.items()))


def compact(req):
    """A condition as the table writes it: an atom as its bare string (``"deep state"`` for
    ``("atom", "deep state")``), ``and``/``or`` as ``[kind, [parts]]``: a third of the objects
    for the JSON parser to make at start-up (editlint.prefilter reads both forms)."""
    if req is None:
        return None
    if req[0] == "atom":
        return req[1]
    if req[0] in ("and", "or"):
        return [req[0], [compact(part) for part in req[1]]]
    return list(req)


def encode(entries: dict[str, object]) -> str:
    """JSON, one pattern a line (so that two branches changing different packs merge)."""
    lines = [json.dumps(key, ensure_ascii=False) + ":" + json.dumps(compact(entries[key]), ensure_ascii=False,
                                                                     separators=(",", ":"))
             for key in sorted(entries)]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main() -> None:
    OUT.write_text(encode(table()), encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
