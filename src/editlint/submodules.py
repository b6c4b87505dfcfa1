"""The modules of a package, as ``pkgutil.iter_modules`` finds them in its folders.

``pkgutil.iter_modules`` imports ``inspect`` (with ``ast``, ``dis`` and ``tokenize``: ~8 ms of
every run) to tell a module's name from its file's; the command line lists two packages
(``editlint.commands``, ``editlint.kinds``), so the same listing is written out here. A package
with a path entry that is not a folder (a zip) is listed by pkgutil itself.
"""

from __future__ import annotations

import importlib
import os
from importlib.machinery import all_suffixes


def _module_name(filename: str) -> str | None:
    """``inspect.getmodulename``: the file's name less its longest module suffix."""
    for suffix in sorted(all_suffixes(), key=len, reverse=True):
        if filename.endswith(suffix):
            return filename[:-len(suffix)]
    return None


def names(package) -> list[str]:
    """The names of ``package``'s modules and subpackages, sorted, each once."""
    found: set[str] = set()
    for folder in package.__path__:
        if not os.path.isdir(folder):
            import pkgutil
            return sorted({info.name for info in pkgutil.iter_modules(package.__path__)})
        try:
            filenames = os.listdir(folder)
        except OSError:
            continue
        for filename in filenames:
            name = _module_name(filename)
            if name is None and "." not in filename and os.path.isdir(os.path.join(folder, filename)):
                try:
                    inside = os.listdir(os.path.join(folder, filename))
                except OSError:
                    inside = []
                if any(_module_name(f) == "__init__" for f in inside):
                    name = filename
            if name and name != "__init__" and "." not in name:
                found.add(name)
    return sorted(found)


def import_public(package) -> list:
    """Import each of ``package``'s modules whose name does not start with "_", in name order."""
    return [importlib.import_module(f"{package.__name__}.{name}") for name in names(package)
            if not name.startswith("_")]
