"""Which rules run: ``select``, ``extend-select`` and ``ignore`` by code, prefix, family or
name. The most specific selector wins; on a tie, ``ignore`` does (as in ruff)."""

from __future__ import annotations

from typing import Iterable

from editlint.rule import FAMILIES, Rule


def specificity(selector: str, rule: Rule) -> int:
    """How closely ``selector`` names ``rule``: 0 when it does not name it at all."""
    s = selector.strip()
    if not s:
        return 0
    if s.upper() == "ALL":
        return 1
    if s == rule.family:
        return 2
    if s == rule.name:
        return 100
    if rule.code.startswith(s.upper()) and s[:1].isalpha():
        return 2 + len(s)
    return 0


def best(selectors: Iterable[str], rule: Rule) -> int:
    return max((specificity(s, rule) for s in selectors), default=0)


def is_selected(rule: Rule, select: list[str] | None, extend_select: list[str], ignore: list[str]) -> bool:
    chosen = max(best(select if select is not None else ["ALL"], rule), best(extend_select, rule))
    return chosen > 0 and chosen > best(ignore, rule)


def unknown_selectors(selectors: Iterable[str], rules: Iterable[Rule]) -> list[str]:
    """Selectors that name no rule. The families of the contract and their prefixes are
    always known, even when no rule of theirs is installed or in force."""
    rules = list(rules)
    return [s for s in selectors
            if s.strip() and s.strip() not in FAMILIES and s.strip().upper() not in FAMILIES.values()
            and not any(specificity(s, r) for r in rules)]


def split_list(value: str | None) -> list[str]:
    """``--select KS,LL101`` -> ["KS", "LL101"]."""
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]
