"""SARIF 2.1.0, as GitHub code scanning accepts it: the rules' metadata in
``tool.driver.rules``, one result per finding, columns in Unicode code points."""

from __future__ import annotations

import json
from pathlib import PurePath

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


def _uri(path: str) -> str:
    return PurePath(path).as_posix().lstrip("./") if not PurePath(path).is_absolute() else PurePath(path).as_uri()


def render(findings: list[Finding], context: Context) -> str:
    codes = sorted({f.code for f in findings} | set(context.rules))
    rules = [context.rules[c] for c in codes if c in context.rules]
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        result = {
            "ruleId": f.code,
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }
            }],
            "partialFingerprints": {"editlint/v1": f"{f.code}:{f.excerpt.strip().lower()[:200]}"},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "editlint", "version": context.version,
                                "informationUri": "https://pypi.org/project/editlint/",
                                "rules": [_rule(r) for r in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
