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
# A command-line run also collects its youngest objects less often: every 10,000 net
# allocations of container objects instead of Python's 700 (start-up makes ~70,000, the
# collections cost ~5 ms of a one-article run). The threshold is put back when the run ends.
YOUNG_THRESHOLD = 10_000
_SAVED: tuple[int, ...] | None = None


def one_shot(on: bool) -> bool:
    """Turn freezing on (the command line) or off; returns the previous setting."""
    global _ONE_SHOT, _SAVED
    before, _ONE_SHOT = _ONE_SHOT, on
    if on and _SAVED is None:
        _SAVED = gc.get_threshold()
        gc.set_threshold(max(_SAVED[0], YOUNG_THRESHOLD), *_SAVED[1:])
    elif not on and _SAVED is not None:
        gc.set_threshold(*_SAVED)
        _SAVED = None
    return before


def settle() -> None:
    """Called once something long-lived has been built (the packs' rules, a model)."""
    if _ONE_SHOT:
        gc.freeze()
