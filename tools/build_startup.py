"""Rebuild what start-up reads instead of working it out: src/editlint/data/patterns.pickle
(every built-in pattern, compiled) and src/editlint/data/packs.pickle (the built-in packs,
parsed).

    .venv/bin/python tools/build_startup.py            # write them
    .venv/bin/python tools/build_startup.py --check    # exit 1 when either is stale

Run it after changing a built-in pack or a fixed pattern (tests/test_patternstore.py fails
until then; editlint itself stays correct, only slower: what the files lack is worked out).

**Patterns.** Compiling a pattern with the ``regex`` module is Python code (the lexicon
alternations of the built-in packs cost 10-50 ms each); unpickling the compiled form costs well
under a millisecond (see :mod:`editlint.patternstore`). This compiles every pattern the
built-in packs compile with their default options (the LazyPatterns tools/build_prefilters.py
lists) and every fixed pattern editlint's own modules compile through ``patternstore.compile``
(importing them, and linting tests/fixtures and examples so that the ones compiled on first
use are met), for the installed ``regex`` version. ``regex`` lists the members of a pattern's
first-character set in an order that varies between processes (any order matches the same),
so an entry already shipped that compiles to the same opcodes up to that order is kept as it
is: rebuilding changes the file only where a pattern changed.

**Packs.** Each built-in pack file's bytes, with the data YAML gives for them, pickled (see
``editlint.packs.PARSED_PACKS``): reading a pack whose bytes are in the table skips YAML.
"""

from __future__ import annotations

import importlib.util
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "editlint" / "data" / "patterns.pickle"
PACKS_OUT = ROOT / "src" / "editlint" / "data" / "packs.pickle"
sys.path.insert(0, str(ROOT / "src"))


def _prefilter_tool():
    spec = importlib.util.spec_from_file_location("build_prefilters", ROOT / "tools" / "build_prefilters.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect() -> dict:
    """(pattern, flags) -> compiled Pattern, for everything the store should hold."""
    import pkgutil

    import editlint
    from editlint import patternstore

    if any(name.startswith("editlint.") and name not in ("editlint.hookspecs", "editlint.patternstore")
           for name in sys.modules):
        raise SystemExit("build_startup: editlint modules were imported before the store started recording")
    patternstore.SEEN = {}
    patternstore._store = {}        # compile everything afresh (never from the store being checked)
    for info in pkgutil.walk_packages(editlint.__path__, "editlint."):
        if info.name != "editlint.__main__" and not info.name.startswith(("editlint.models.train", "editlint.lsp")):
            try:
                importlib.import_module(info.name)
            except ImportError:
                pass            # an optional extra (dask, the language server) that is not installed
    for lazy in _prefilter_tool().builtin_patterns():
        if not lazy._args[2]:           # patterns with named lists are never stored
            lazy.compiled()
    # the patterns modules compile on first use
    from editlint.api import Session
    from editlint.engine import Selection

    session = Session(None, True, Selection())
    for base_dir in (ROOT / "tests" / "fixtures", ROOT / "examples"):
        for path in sorted(base_dir.rglob("*")):
            if path.is_file() and path.suffix in (".md", ".txt", ".html", ".htm", ".markdown"):
                session.linter.lint_file(path, path.name)
    return dict(patternstore.SEEN)


def parsed_packs() -> dict[bytes, bytes]:
    """Built-in pack file bytes -> the pickled data YAML gives for them."""
    from editlint import packs

    out = {}
    for file in packs.pack_files(packs.builtin_pack_dir()):
        raw = file.read_bytes()
        out[raw] = pickle.dumps(packs.parse_pack(raw), protocol=4)
    return dict(sorted(out.items()))


def equivalent(blob: bytes, fresh) -> bool:
    """Whether a stored pattern is ``fresh`` (another process's compile of the same pattern):
    the same arguments of the C pattern object, the opcodes equal up to their order."""
    try:
        stored = pickle.loads(blob)._pickled_data
    except Exception:
        return False
    mine = fresh._pickled_data
    return stored[:2] == mine[:2] and stored[3:] == mine[3:] and sorted(stored[2]) == sorted(mine[2])


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped store instead of writing")
    ap.add_argument("--any-regex", action="store_true",
                    help="with --check: a store built for another regex version is no problem (it is "
                         "ignored at run time); check the rest")
    args = ap.parse_args(argv)
    from editlint import patternstore

    want = collect()
    try:
        have = pickle.loads(OUT.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        have = {"regex": None, "patterns": {}}
    same_regex = have.get("regex") == patternstore.regex.__version__
    shipped = have.get("patterns", {}) if same_regex else {}
    kept = {k: shipped[k] for k in want if k in shipped and equivalent(shipped[k], want[k])}
    packs = parsed_packs()
    if not args.check:
        OUT.write_bytes(patternstore.encode(want, kept))
        print(f"{OUT}: {OUT.stat().st_size:,} bytes, {len(want)} patterns ({len(want) - len(kept)} compiled anew)")
        PACKS_OUT.write_bytes(pickle.dumps(packs, protocol=4))
        print(f"{PACKS_OUT}: {PACKS_OUT.stat().st_size:,} bytes, {len(packs)} pack files")
        return 0
    missing = sorted(set(want) - set(have.get("patterns", {})))
    extra = sorted(set(have.get("patterns", {})) - set(want))
    problems = [f"{len(missing)} patterns missing (first: {missing[0][0][:60]!r})"] if missing else []
    problems += [f"{len(extra)} patterns no longer compiled (first: {extra[0][0][:60]!r})"] if extra else []
    if not same_regex:
        if not args.any_regex:
            problems.append(f"the store is for regex {have.get('regex')}, this is {patternstore.regex.__version__}")
    else:
        differ = [k for k in want if k in shipped and k not in kept]
        problems += [f"{len(differ)} patterns compile differently"] if differ else []
    try:
        shipped_packs = pickle.loads(PACKS_OUT.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        shipped_packs = {}
    if set(shipped_packs) != set(packs):
        problems.append(f"{len(set(packs) - set(shipped_packs))} pack files changed or added, "
                        f"{len(set(shipped_packs) - set(packs))} gone")
    elif any(pickle.loads(shipped_packs[k]) != pickle.loads(packs[k]) for k in packs):
        problems.append("a pack parses differently")
    print("; ".join(problems) + ": run python tools/build_startup.py" if problems
          else f"{OUT.name} and {PACKS_OUT.name} are current")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
