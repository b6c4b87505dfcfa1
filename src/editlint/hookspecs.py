"""The hooks a plugin implements. editlint's own rules are registered through them too.

A plugin is a module (or a package with an entry point in the ``editlint`` group) with
functions decorated by ``editlint.hookimpl``::

    from editlint import hookimpl

    @hookimpl
    def register_rules(register):
        register(MyRule(...))

Each hook receives a ``register`` callback, as in llm's plugins, so a plugin can add any
number of things and the engine can tell which plugin added what.
"""

import pluggy

hookspec = pluggy.HookspecMarker("editlint")
hookimpl = pluggy.HookimplMarker("editlint")


@hookspec
def register_rules(register):
    """Add rules written in Python: call ``register(rule)`` with an ``editlint.rule.Rule``."""


@hookspec
def register_rule_kinds(register):
    """Add rule kinds that YAML packs can name with ``kind:``: call ``register(KindClass)``
    with a subclass of ``editlint.kinds.base.Kind`` whose ``KIND`` is its name."""


@hookspec
def register_rule_packs(register):
    """Add YAML rule packs: call ``register(path)`` with a ``.yml`` file or a folder of them."""


@hookspec
def register_formatters(register):
    """Add output formats: call ``register(name, function)``; the function takes
    ``(findings, context)`` and returns the text to print."""
