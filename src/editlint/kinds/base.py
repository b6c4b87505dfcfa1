"""What every rule kind shares: building a rule from a YAML mapping, and prose scopes."""

from __future__ import annotations

import threading
import time
from typing import Any, ClassVar, Iterator

import regex

from editlint.document import BLOCK_KINDS, Block, Document
from editlint.rule import Docs, Example, Option, Rule, RuleError

# Keys every YAML rule may carry, whatever its kind.
COMMON_KEYS = frozenset(
    {"code", "name", "family", "kind", "message", "severity", "summary", "description",
     "why", "example", "fix", "examples"}
)

# Seconds a single user pattern may run on one block before it is stopped.
# The engine sets this from configuration (``regex-timeout``).
REGEX_TIMEOUT = 1.0

SCOPE_OPTION = Option(
    list(BLOCK_KINDS),
    "Block kinds the rule reads: " + ", ".join(BLOCK_KINDS) + ".",
    type=list,
    check=lambda v: all(s in BLOCK_KINDS for s in v),
)


class Kind(Rule):
    """A rule kind: a Rule class that YAML packs instantiate with ``kind: NAME``."""

    KIND: ClassVar[str] = ""

    @classmethod
    def from_spec(cls, spec: dict[str, Any], origin: str) -> "Kind":
        options = {k: v for k, v in spec.items() if k not in COMMON_KEYS}
        for key in options:
            if key.replace("-", "_") not in cls.OPTIONS:
                allowed = sorted(COMMON_KEYS | set(cls.OPTIONS))
                raise RuleError(f"unknown key '{key}' for kind '{cls.KIND}' (allowed: {', '.join(allowed)})")
        docs = Docs(
            # without a summary, the message with its fields blanked: "Avoid '…'."
            summary=str(spec.get("summary")
                        or regex.sub(r"\{[^{}]*\}", "…", str(spec.get("message") or "")).strip()
                        or spec["name"]),
            what=str(spec.get("description", "")),
            why=str(spec.get("why", "")),
            example=str(spec.get("example", "")),
            fix=str(spec.get("fix", "")),
        )
        flags, passes = _examples(spec.get("examples"))
        return cls(
            code=spec["code"], name=spec["name"], family=spec["family"], docs=docs,
            message=str(spec.get("message", "{match}")), severity=spec.get("severity", "warning"),
            options=options, flags=flags, passes=passes, origin=origin,
        )

    # helpers for subclasses -------------------------------------------------
    def scoped_blocks(self, doc: Document) -> Iterator[Block]:
        scope = set(self.options.get("scope", BLOCK_KINDS))
        return (b for b in doc.blocks if b.kind in scope)


def _examples(raw: Any) -> tuple[list[Example], list[Example]]:
    if raw is None:
        return [], []
    if not isinstance(raw, dict) or set(raw) - {"flag", "pass"}:
        raise RuleError("'examples' must be a mapping with the keys 'flag' and 'pass'")

    def one(item: Any) -> Example:
        if isinstance(item, str):
            return Example(item)
        if isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "format"}:
            return Example(item["text"], item.get("format", "markdown"))
        raise RuleError("an example is a string, or a mapping with 'text' and optional 'format'")

    return [one(x) for x in raw.get("flag") or []], [one(x) for x in raw.get("pass") or []]


def compile_pattern(pattern: str, ignorecase: bool, **lists: Any) -> regex.Pattern:
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    try:
        return regex.compile(pattern, flags, **lists)
    except (regex.error, ValueError) as exc:
        raise RuleError(f"invalid pattern {pattern!r}: {exc}") from None


_budget = threading.local()


def start_budget(seconds: float | None = None) -> None:
    """Give the rule about to run on a document ``seconds`` of matching time in all
    (REGEX_TIMEOUT by default). The engine calls it before each rule, so a runaway pattern
    costs at most that much per rule and file, however many blocks the file has."""
    _budget.left = REGEX_TIMEOUT if seconds is None else seconds


def finditer(pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
    """Matches of a user pattern (non-overlapping, left to right, empty matches skipped),
    stopped when the rule's matching time on this document runs out (raises TimeoutError).
    Only the time spent matching counts, not the caller's work between matches."""
    pos, n = 0, len(text)
    while pos <= n:
        left = getattr(_budget, "left", REGEX_TIMEOUT)
        if left <= 0:
            raise TimeoutError("regex-timeout spent")
        t0 = time.perf_counter()
        try:
            m = pattern.search(text, pos, timeout=left)
        finally:
            _budget.left = left - (time.perf_counter() - t0)
        if m is None:
            return
        if m.end() > m.start():
            yield m
            pos = m.end()
        else:
            pos = m.end() + 1
