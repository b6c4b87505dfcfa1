"""Output formats. Each module has ``NAME`` and ``render(findings, context) -> str``: a pure
function of the findings (and the rules' metadata), so output is deterministic."""

from __future__ import annotations

from dataclasses import dataclass, field

from editlint.articles import ArticleInfo
from editlint.rule import Finding, Rule

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Context:
    rules: dict[str, Rule] = field(default_factory=dict)   # code -> rule, for metadata
    files: int = 0                                         # how many files were linted
    version: str = ""
    statistics: bool = False
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for reports that show the article
    fixes: bool = False                                    # show each finding's fix (--show-fixes)
    paths: list[str] = field(default_factory=list)         # every file linted, as findings name them
    # path -> ArticleInfo (words, title, section, date, url) of every article linted, findings
    # or not: the denominators and groups of the archive summary (formatters/archive.py).
    # Empty when the caller did not collect it (stdin, the Python API).
    articles: dict[str, ArticleInfo] = field(default_factory=dict)


def counts(findings: list[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f.severity] = out.get(f.severity, 0) + 1
    return out
