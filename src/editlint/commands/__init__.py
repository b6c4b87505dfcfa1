"""Subcommands and ``check`` options beyond the core, each in a module of its own.

A module here registers itself on import through the lists in ``editlint.cli``
(``EXTRA_COMMANDS`` + ``COMMAND_HANDLERS`` for a subcommand, ``CHECK_ARGUMENTS`` +
``CHECK_HOOKS`` for options of ``check``). Every module of this package is imported
when the command line starts.
"""

import importlib
import pkgutil

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
    if not _info.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_info.name}")
