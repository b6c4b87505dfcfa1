"""The plugin manager: editlint's built-in plugin plus every ``editlint`` entry point.

Third-party plugins are loaded one at a time and each hook implementation is called on
its own, so one broken plugin is reported and skipped while the rest keep working.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from editlint.kinds.base import Kind
from editlint.records import Record
from editlint.rule import Rule

if TYPE_CHECKING:
    import pluggy

ENTRY_POINT_GROUP = "editlint"
BUILTIN = "editlint.builtin"        # the built-in plugin's name


class Registry(Record):
    """Everything the plugins registered, and what went wrong while they did."""

    _unshown = ("_kind_steps", "_kinds")    # left out of the repr

    packs: list[tuple[str, Path]]                   # (plugin name, path)
    rules: list[tuple[str, Rule]]                   # (plugin name, rule)
    formatters: dict[str, Callable[..., str]]
    errors: list[str]
    plugins: list[str]
    # Kind classes, and (in their place in the hook order) the built-in plugin's
    # registration, which imports every module of editlint.kinds: it runs when the kinds are
    # first needed (to build rules), so a run served from the cache never imports them.
    _kind_steps: list[Any]
    _kinds: dict[str, type[Kind]] | None

    def __init__(self, packs: list[tuple[str, Path]] | None = None, rules: list[tuple[str, Rule]] | None = None,
                 formatters: dict[str, Callable[..., str]] | None = None, errors: list[str] | None = None,
                 plugins: list[str] | None = None, _kind_steps: list[Any] | None = None,
                 _kinds: dict[str, type[Kind]] | None = None) -> None:
        self.packs = [] if packs is None else packs
        self.rules = [] if rules is None else rules
        self.formatters = {} if formatters is None else formatters
        self.errors = [] if errors is None else errors
        self.plugins = [] if plugins is None else plugins
        self._kind_steps = [] if _kind_steps is None else _kind_steps
        self._kinds = _kinds

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


def plugin_manager(extra: tuple[Any, ...] = (), entry_points: bool = True) -> tuple[pluggy.PluginManager | None, list[str]]:
    """The plugin manager of the built-in plugin, the installed entry points' (unless
    ``entry_points`` is false) and ``extra``'s, and the errors of loading them. None in place
    of the manager when the built-in plugin is the only one: :func:`collect` then calls its
    hooks itself, and pluggy (with the modules it imports, some 3 ms) is not imported."""
    entry_points = entry_points and declared_anywhere(ENTRY_POINT_GROUP)
    if not extra and not entry_points:
        return None, []
    import pluggy

    from editlint import builtin, hookspecs

    pm = pluggy.PluginManager("editlint")
    pm.add_hookspecs(hookspecs)
    for hook in builtin.HOOKS:
        hookspecs.hookimpl(getattr(builtin, hook))
    pm.register(builtin, name=BUILTIN)
    errors: list[str] = []
    if entry_points:
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


def collect(pm: pluggy.PluginManager | None, errors: list[str] | None = None) -> Registry:
    """What the plugins of ``pm`` (None: the built-in plugin alone) register."""
    reg = Registry(errors=list(errors or []))
    reg.plugins = [BUILTIN] if pm is None else [name for name, _ in pm.list_name_plugin()]

    def implementations(hook: str) -> list[tuple[str, Any, Callable[..., None]]]:
        """(plugin name, plugin, function) of each implementation of ``hook``, in call order."""
        if pm is None:
            return [(BUILTIN, _builtin(), getattr(_builtin(), hook))]
        return [(impl.plugin_name, impl.plugin, impl.function) for impl in getattr(pm.hook, hook).get_hookimpls()]

    def each(hook: str, register_for: Callable[[str], Callable[..., None]]) -> None:
        for plugin_name, plugin, function in implementations(hook):
            if hook == "register_rule_kinds" and plugin is _builtin():
                reg._kind_steps.append(function)       # see Registry.kinds
                continue
            try:
                function(register=register_for(plugin_name))
            except Exception as exc:
                reg.errors.append(f"plugin '{plugin_name}' failed in {hook}: {type(exc).__name__}: {exc}")

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
