"""Start-up objects and the cyclic garbage collector.

Start-up builds a few hundred thousand objects that live until the process ends: imported
modules, the rules of every pack, the models' lookup tables. Left where they are, every full
collection of the cyclic garbage collector walks them again: about 40 ms of CPU in a
one-article ``editlint check`` (an eighth of the run), more in an archive. A command-line
process therefore moves them out of the collector's sight once they are built
(:func:`gc.freeze`). Frozen objects are still freed by reference counting as usual; only a
reference cycle among them is never collected, and they live for the whole run anyway.

Only the command line does this (``editlint.cli.main`` turns it on for its own run): a
program using the Python API, the language server and the test suite keep Python's defaults.
"""

from __future__ import annotations

import gc

_ONE_SHOT = False


def one_shot(on: bool) -> bool:
    """Turn freezing on (the command line) or off; returns the previous setting."""
    global _ONE_SHOT
    before, _ONE_SHOT = _ONE_SHOT, on
    return before


def settle() -> None:
    """Called once something long-lived has been built (the packs' rules, a model)."""
    if _ONE_SHOT:
        gc.freeze()
