"""SARIF 2.1.0, as GitHub code scanning accepts it: the rules' metadata in
``tool.driver.rules``, one result per finding, columns in Unicode code points."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from editlint.baseline import normalise
from editlint.formatters import Context
from editlint.rule import Finding, Rule

NAME = "sarif"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule: Rule) -> dict:
    docs = rule.docs
    help_text = "\n\n".join(p for p in (docs.what, docs.why, docs.fix) if p) or docs.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": docs.summary},
        "fullDescription": {"text": docs.what or docs.summary},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"family": rule.family, "tags": [rule.family]},
    }


def _uri(path: str) -> tuple[str, bool]:
    """(URI, relative?): a path inside the current folder (the checkout, in CI) becomes a
    percent-encoded relative reference resolved against %SRCROOT%; other paths absolute
    file URIs. (Stripping characters would turn ``.github/x.md`` into ``github/x.md``.)"""
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(Path.cwd())
    except ValueError:
        return absolute.as_uri(), False
    return quote(rel.as_posix(), safe="/"), True


def _region(f) -> dict:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
            "endColumn": max(f.end_column, f.column) if f.end_line == f.line else f.end_column}


def render(findings: list[Finding], context: Context) -> str:
    codes = sorted({f.code for f in findings} | set(context.rules))
    rules = [context.rules[c] for c in codes if c in context.rules]
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    seen: Counter = Counter()
    for f in findings:
        uri, relative = _uri(f.path)
        location = {"uri": uri, "uriBaseId": "%SRCROOT%"} if relative else {"uri": uri}
        # stable across edits elsewhere in the file: the path, the code, the text pointed
        # at and which occurrence of it this is (as baselines match findings)
        ident = (f.path, f.code, normalise(f.excerpt))
        seen[ident] += 1
        fingerprint = hashlib.sha256("\0".join((*ident, str(seen[ident]))).encode()).hexdigest()[:32]
        region = _region(f)
        result = {
            "ruleId": f.code,
            "level": LEVEL[f.severity],
            "message": {"text": f.message or f.code},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": region,
                }
            }],
            "partialFingerprints": {"editlint/v1": fingerprint},
        }
        if f.suggestion:
            result["message"]["text"] += f" Suggestion: {f.suggestion}"
        if f.related:
            result["relatedLocations"] = [{
                "id": i,
                "physicalLocation": {"artifactLocation": location, "region": _region(r)},
                "message": {"text": r.message or f"another place of this {f.code} finding"},
            } for i, r in enumerate(f.related, 1)]
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "editlint", "version": context.version,
                                "semanticVersion": context.version,
                                "informationUri": "https://pypi.org/project/editlint/",
                                "rules": [_rule(r) for r in rules]}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
