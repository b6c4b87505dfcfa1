"""YAML rule packs: one rule per file, or a list of them under ``rules:`` (with ``define:``
beside it for regex fragments the rules share as ``{{name}}``). Loaded strictly: an unknown
key, kind or family mismatch is an error that names the file, the rule and the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import regex

from editlint import patternstore
from editlint.safeio import InputError, load_yaml, read_regular

from editlint.kinds.base import Kind
from editlint.rule import FAMILIES, Rule, RuleError

CODE = patternstore.compile(r"[A-Z]{2,4}[0-9]{3}")
NAME = patternstore.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_PREFIX = patternstore.compile(r"[A-Z]+")      # (regex.match(string) would look its cache up per rule: ~50 µs)
PACK_SUFFIXES = (".yml", ".yaml")
MAX_PACK_BYTES = 4 << 20


class PackError(Exception):
    """A rule pack that cannot be loaded; the message names the file (and rule, and key)."""


# The built-in packs, parsed ahead of time (tools/build_startup.py): file bytes -> the pickled
# data YAML gives for them. Parsing is a function of the bytes alone, so a pack file whose
# bytes are in the table gets its data from there (~0.3 ms for all of them, against ~15 ms of
# YAML); any other file (a pack edited since, a user's own) is parsed as ever.
PARSED_PACKS = "packs.pickle"
_parsed: dict[bytes, bytes] | None = None


def _shipped_parse(raw: bytes) -> Any:
    global _parsed
    if _parsed is None:
        import pickle

        from editlint.tables import data_bytes
        try:
            table = pickle.loads(data_bytes(PARSED_PACKS))
            _parsed = table if isinstance(table, dict) else {}
        except Exception:
            _parsed = {}
    blob = _parsed.get(raw)
    if blob is None:
        return _NOT_SHIPPED
    import pickle
    try:
        return pickle.loads(blob)        # fresh objects each time: a caller may change them
    except Exception:
        return _NOT_SHIPPED


_NOT_SHIPPED = object()


def parse_pack(raw: bytes) -> Any:
    """A pack file's data, as YAML gives it (InputError, UnicodeDecodeError, yaml.YAMLError)."""
    return load_yaml(raw.decode("utf-8"), "rule pack", MAX_PACK_BYTES)


def builtin_pack_dir() -> Path:
    """The packs shipped with editlint: inside the wheel, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise PackError(f"editlint's built-in rule packs are missing (looked in {here / 'rules'})")


def pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file())
    if path.is_file():
        return [path]
    raise PackError(f"{path}: rule pack not found")


def load_packs(path: Path, kinds: dict[str, type[Kind]]) -> list[Rule]:
    rules: list[Rule] = []
    for file in pack_files(path):
        rules += load_pack_file(file, kinds)
    return rules


def load_pack_file(file: Path, kinds: dict[str, type[Kind]]) -> list[Rule]:
    try:
        raw = read_regular(file, MAX_PACK_BYTES, "rule pack")
        data = _shipped_parse(raw)
        if data is _NOT_SHIPPED:
            data = parse_pack(raw)
    except InputError as exc:
        raise PackError(str(exc) if str(exc).startswith(str(file)) else f"{file}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{file}: cannot read rule pack: {exc}") from None
    except Exception as exc:
        import yaml         # imported only when a pack is parsed (not for the built-in ones)

        if not isinstance(exc, yaml.YAMLError):
            raise
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise PackError(f"{file}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if isinstance(data, dict) and "rules" in data:
        extra = set(data) - {"rules", "define"}
        if extra:
            raise PackError(f"{file}: unknown key '{sorted(extra)[0]}' beside 'rules'")
        specs = data["rules"]
        if not isinstance(specs, list):
            raise PackError(f"{file}: 'rules' must be a list of rules")
    elif isinstance(data, dict):
        specs = [{k: v for k, v in data.items() if k != "define"}]     # one rule, maybe with its fragments
    else:
        raise PackError(f"{file}: a rule pack is a rule (a mapping) or a mapping with a 'rules' list")
    if "define" in data:
        specs = _expand(specs, _definitions(data["define"], file), file)
    rules = []
    for i, spec in enumerate(specs):
        label = spec.get("code") if isinstance(spec, dict) and spec.get("code") else f"rule #{i + 1}"
        try:
            rules.append(build_rule(spec, kinds, str(file)))
        except RuleError as exc:
            raise PackError(f"{file}: {label}: {exc}") from None
    return rules


# "{{countries}}" in a pack's patterns: a fragment the pack defines once under ``define:``
_REFERENCE = patternstore.compile(r"\{\{\s*([a-z][a-z0-9_-]*)\s*\}\}")


def _definitions(define: Any, file: Path) -> dict[str, str]:
    """``define:`` (beside ``rules:`` or a one-rule pack's keys): names for regex fragments."""
    if not isinstance(define, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in define.items()):
        raise PackError(f"{file}: 'define' must map names to strings (regular-expression fragments)")
    for name in define:
        if not NAME.fullmatch(name.replace("_", "-")):
            raise PackError(f"{file}: define: {name!r} must be lower-case words joined by hyphens or underscores")
        if _REFERENCE.search(define[name]):
            raise PackError(f"{file}: define: {name!r} refers to another definition; write it out")
    return define


def _expand(value: Any, define: dict[str, str], file: Path) -> Any:
    """Every ``{{name}}`` in the pack's strings replaced by its fragment, as a non-capturing
    group (so it reads as one unit wherever it stands)."""
    if isinstance(value, str):
        def fragment(m: regex.Match) -> str:
            if m.group(1) not in define:
                raise PackError(f"{file}: '{{{{{m.group(1)}}}}}' is not defined under 'define'")
            return f"(?:{define[m.group(1)]})"
        return _REFERENCE.sub(fragment, value) if "{{" in value else value
    if isinstance(value, list):
        return [_expand(v, define, file) for v in value]
    if isinstance(value, dict):
        return {k: _expand(v, define, file) for k, v in value.items()}
    return value


def build_rule(spec: Any, kinds: dict[str, type[Kind]], origin: str) -> Rule:
    if not isinstance(spec, dict):
        raise RuleError("a rule must be a mapping")
    for key in ("code", "name", "family", "kind"):
        if not isinstance(spec.get(key), str) or not spec[key]:
            raise RuleError(f"'{key}' is required (a string)")
    code, family = spec["code"], spec["family"]
    if not CODE.fullmatch(code):
        raise RuleError(f"code {code!r} must be 2-4 capital letters and three digits, like KS101")
    if not NAME.fullmatch(spec["name"]):
        raise RuleError(f"name {spec['name']!r} must be lower-case words joined by hyphens")
    prefix = _PREFIX.match(code).group()
    if family in FAMILIES and FAMILIES[family] != prefix:
        raise RuleError(f"family '{family}' uses codes starting {FAMILIES[family]}, not {prefix}")
    if family not in FAMILIES and prefix in FAMILIES.values():
        raise RuleError(f"code prefix {prefix} belongs to family "
                        f"'{next(f for f, p in FAMILIES.items() if p == prefix)}'")
    kind = kinds.get(spec["kind"])
    if kind is None:
        raise RuleError(f"unknown kind '{spec['kind']}' (known: {', '.join(sorted(kinds))})")
    return kind.from_spec(spec, origin)
