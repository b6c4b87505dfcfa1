"""Output formats. Each module has ``NAME`` and ``render(findings, context) -> str``: a pure
function of the findings (and the rules' metadata), so output is deterministic."""

from __future__ import annotations


from editlint.articles import ArticleInfo
from editlint.records import Record
from editlint.rule import Finding, Rule

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


class Context(Record):
    """What a format may show besides the findings."""

    rules: dict[str, Rule]          # code -> rule, for metadata
    files: int                      # how many files were linted
    version: str
    statistics: bool
    sources: dict[str, str]         # path -> text, for reports that show the article
    fixes: bool                     # show each finding's fix (--show-fixes)
    paths: list[str]                # every file linted, as findings name them
    # path -> ArticleInfo (words, title, section, date, url) of every article linted, findings
    # or not: the denominators and groups of the archive summary (formatters/archive.py).
    # Empty when the caller did not collect it (stdin, the Python API).
    articles: dict[str, ArticleInfo]

    def __init__(self, rules: dict[str, Rule] | None = None, files: int = 0, version: str = "",
                 statistics: bool = False, sources: dict[str, str] | None = None, fixes: bool = False,
                 paths: list[str] | None = None, articles: dict[str, ArticleInfo] | None = None) -> None:
        self.rules = {} if rules is None else rules
        self.files = files
        self.version = version
        self.statistics = statistics
        self.sources = {} if sources is None else sources
        self.fixes = fixes
        self.paths = [] if paths is None else paths
        self.articles = {} if articles is None else articles


def counts(findings: list[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f.severity] = out.get(f.severity, 0) + 1
    return out
