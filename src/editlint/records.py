"""The ``__repr__`` and ``__eq__`` of a dataclass, written once rather than generated for each.

``@dataclass`` writes every method it generates as source text and compiles it: some 0.3 ms a
class, ~10 ms of a one-article run's start-up over the thirty-odd classes a check creates. A
class on that path is declared ``@dataclass(init=False, repr=False, eq=False)`` (it keeps its
fields: ``dataclasses.fields``, ``__match_args__``), writes its ``__init__`` by hand and takes
from :class:`Record` the repr and equality ``@dataclass`` would have generated (from
:class:`Shown` the repr alone, for a class declared ``eq=False``: equal only to itself).
"""

from __future__ import annotations

import reprlib
from dataclasses import fields
from typing import Any

_COMPARED: dict[type, tuple[str, ...]] = {}      # class -> the names of the fields __eq__ compares


class Shown:
    """A dataclass's ``__repr__``: ``Name(field=value, ...)`` over the fields shown."""

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{self.__class__.__qualname__}({shown})"


class Record(Shown):
    """A dataclass's ``__eq__`` (its fields compared as a tuple, with an object of the same
    class only) and, as ``@dataclass`` leaves it, no hash."""

    __slots__ = ()

    def __eq__(self, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _COMPARED.get(self.__class__)
        if names is None:
            names = _COMPARED[self.__class__] = tuple(f.name for f in fields(self) if f.compare)
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)
