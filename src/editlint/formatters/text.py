"""``path:line:col: CODE message [family]``, one finding a line, then a summary."""

from __future__ import annotations

from collections import Counter

from editlint.formatters import Context, counts
from editlint.rule import Finding

NAME = "text"


def render(findings: list[Finding], context: Context) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}{also(f)} [{f.family}]" for f in findings]
    if context.statistics and findings:
        lines.append("")
        by_code = Counter(f.code for f in findings)
        for code, n in sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = context.rules.get(code)
            name = rule.name if rule else ""
            family = rule.family if rule else ""
            lines.append(f"{n:>5}  {code:<6} {name:<34} [{family}]")
    lines.append(summary(findings, context.files))
    return "\n".join(lines) + "\n"


def also(f: Finding, shown: int = 8) -> str:
    """" (also at 12:5, 18:2 and 3 more)": a finding's related places, briefly."""
    if not f.related:
        return ""
    places = [f"{r.line}:{r.column}" for r in f.related[:shown]]
    more = len(f.related) - shown
    tail = f" and {more} more" if more > 0 else ""
    return f" (also at {', '.join(places)}{tail})"


def summary(findings: list[Finding], files: int) -> str:
    noun = "file" if files == 1 else "files"
    if not findings:
        return f"No findings in {files} {noun}."
    c = counts(findings)
    parts = [f"{c[s]} {s if c[s] == 1 else s + 's'}" for s in ("error", "warning") if c[s]]
    if c["info"]:
        parts.append(f"{c['info']} info")
    affected = len({f.path for f in findings})
    total = len(findings)
    return (f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) "
            f"in {affected} of {files} {noun}.")
