"""The plugin manager: editlint's built-in plugin plus every ``editlint`` entry point.

Third-party plugins are loaded one at a time and each hook implementation is called on
its own, so one broken plugin is reported and skipped while the rest keep working.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pluggy

from editlint import hookspecs
from editlint.kinds.base import Kind
from editlint.rule import Rule

ENTRY_POINT_GROUP = "editlint"


@dataclass
class Registry:
    """Everything the plugins registered, and what went wrong while they did."""

    kinds: dict[str, type[Kind]] = field(default_factory=dict)
    packs: list[tuple[str, Path]] = field(default_factory=list)      # (plugin name, path)
    rules: list[tuple[str, Rule]] = field(default_factory=list)      # (plugin name, rule)
    formatters: dict[str, Callable[..., str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)


def plugin_manager(extra: tuple[Any, ...] = (), entry_points: bool = True) -> tuple[pluggy.PluginManager, list[str]]:
    pm = pluggy.PluginManager("editlint")
    pm.add_hookspecs(hookspecs)
    from editlint import builtin

    pm.register(builtin, name="editlint.builtin")
    errors: list[str] = []
    if entry_points:
        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if pm.has_plugin(ep.name):
                continue
            try:
                pm.register(ep.load(), name=ep.name)
            except Exception as exc:  # a broken plugin must not stop the run
                errors.append(f"plugin '{ep.name}' failed to load: {type(exc).__name__}: {exc}")
    for plugin in extra:
        pm.register(plugin)
    return pm, errors


def collect(pm: pluggy.PluginManager, errors: list[str] | None = None) -> Registry:
    reg = Registry(errors=list(errors or []))
    reg.plugins = [name for name, _ in pm.list_name_plugin()]

    def each(hook: str, register_for: Callable[[str], Callable[..., None]]) -> None:
        for impl in getattr(pm.hook, hook).get_hookimpls():
            try:
                impl.function(register=register_for(impl.plugin_name))
            except Exception as exc:
                reg.errors.append(f"plugin '{impl.plugin_name}' failed in {hook}: {type(exc).__name__}: {exc}")

    def kind(name: str) -> Callable[[type[Kind]], None]:
        def register(cls: type[Kind]) -> None:
            if not (isinstance(cls, type) and issubclass(cls, Kind) and cls.KIND):
                raise TypeError(f"{cls!r} is not a rule kind (a Kind subclass with KIND set)")
            reg.kinds[cls.KIND] = cls
        return register

    def pack(name: str) -> Callable[[Any], None]:
        return lambda path: reg.packs.append((name, Path(path)))

    def rule(name: str) -> Callable[[Rule], None]:
        def register(r: Rule) -> None:
            if not isinstance(r, Rule):
                raise TypeError(f"{r!r} is not an editlint.rule.Rule")
            if not r.origin:
                r.origin = f"plugin {name}"
            reg.rules.append((name, r))
        return register

    def formatter(name: str) -> Callable[[str, Callable[..., str]], None]:
        def register(fmt: str, function: Callable[..., str]) -> None:
            reg.formatters[fmt] = function
        return register

    each("register_rule_kinds", kind)
    each("register_rule_packs", pack)
    each("register_rules", rule)
    each("register_formatters", formatter)
    return reg
