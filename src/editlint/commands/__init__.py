"""Subcommands and ``check`` options beyond the core, each in a module of its own.

A module here registers itself on import through the lists in ``editlint.cli``
(``EXTRA_COMMANDS`` + ``COMMAND_HANDLERS`` for a subcommand, ``CHECK_ARGUMENTS`` +
``CHECK_HOOKS`` for options of ``check``). Every module of this package is imported
when the command line starts.
"""

import sys

from editlint import submodules

submodules.import_public(sys.modules[__name__])
