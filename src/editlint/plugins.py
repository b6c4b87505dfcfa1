"""The plugin manager: editlint's built-in plugin plus every ``editlint`` entry point.

Third-party plugins are loaded one at a time and each hook implementation is called on
its own, so one broken plugin is reported and skipped while the rest keep working.
"""

from __future__ import annotations

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

    packs: list[tuple[str, Path]] = field(default_factory=list)      # (plugin name, path)
    rules: list[tuple[str, Rule]] = field(default_factory=list)      # (plugin name, rule)
    formatters: dict[str, Callable[..., str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    # Kind classes, and (in their place in the hook order) the built-in plugin's
    # registration, which imports every module of editlint.kinds: it runs when the kinds are
    # first needed (to build rules), so a run served from the cache never imports them.
    _kind_steps: list[Any] = field(default_factory=list, repr=False)
    _kinds: dict[str, type[Kind]] | None = field(default=None, repr=False)

    @property
    def kinds(self) -> dict[str, type[Kind]]:
        if self._kinds is None:
            kinds: dict[str, type[Kind]] = {}
            for step in self._kind_steps:
                if isinstance(step, type):
                    kinds[step.KIND] = step
                else:
                    try:
                        step(register=lambda cls: kinds.__setitem__(cls.KIND, cls))
                    except Exception as exc:
                        self.errors.append(f"plugin 'editlint.builtin' failed in register_rule_kinds: "
                                           f"{type(exc).__name__}: {exc}")
            self._kinds = kinds
        return self._kinds


def declared_anywhere(group: str) -> bool:
    """Whether an installed distribution may declare entry points in ``group``: a look at the
    ``entry_points.txt`` files on ``sys.path``. importlib.metadata, which reads them properly,
    costs more to import (~20 ms) than linting a short file, and is imported only when this
    says yes; it says yes whenever it cannot be sure (a zip on the path, another finder of
    distributions)."""
    import os
    import re
    import sys
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder for f in sys.meta_path):
        return True
    header = re.compile(r"^\s*\[\s*" + re.escape(group) + r"\s*\]", re.M)
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True                  # a zip (or egg) file: importlib.metadata reads it
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.lower().endswith((".dist-info", ".egg-info")) or name == "EGG-INFO":
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8",
                              errors="replace") as fh:
                        if header.search(fh.read()):
                            return True
                except OSError:
                    continue
    return False


def plugin_manager(extra: tuple[Any, ...] = (), entry_points: bool = True) -> tuple[pluggy.PluginManager, list[str]]:
    pm = pluggy.PluginManager("editlint")
    pm.add_hookspecs(hookspecs)
    from editlint import builtin

    pm.register(builtin, name="editlint.builtin")
    errors: list[str] = []
    if entry_points and declared_anywhere(ENTRY_POINT_GROUP):
        import importlib.metadata

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


def _builtin():
    from editlint import builtin
    return builtin


def collect(pm: pluggy.PluginManager, errors: list[str] | None = None) -> Registry:
    reg = Registry(errors=list(errors or []))
    reg.plugins = [name for name, _ in pm.list_name_plugin()]

    def each(hook: str, register_for: Callable[[str], Callable[..., None]]) -> None:
        for impl in getattr(pm.hook, hook).get_hookimpls():
            if hook == "register_rule_kinds" and impl.plugin is _builtin():
                reg._kind_steps.append(impl.function)       # see Registry.kinds
                continue
            try:
                impl.function(register=register_for(impl.plugin_name))
            except Exception as exc:
                reg.errors.append(f"plugin '{impl.plugin_name}' failed in {hook}: {type(exc).__name__}: {exc}")

    def kind(name: str) -> Callable[[type[Kind]], None]:
        def register(cls: type[Kind]) -> None:
            if not (isinstance(cls, type) and issubclass(cls, Kind) and cls.KIND):
                raise TypeError(f"{cls!r} is not a rule kind (a Kind subclass with KIND set)")
            reg._kind_steps.append(cls)
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
