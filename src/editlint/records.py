"""Plain classes that repr and compare as dataclasses do, without the ``dataclasses`` module.

A check creates some thirty record classes (findings, blocks, configuration, ...). As
dataclasses they cost a one-article run ~25 ms of its start-up: importing ``dataclasses``
imports ``inspect`` (with ``ast``, ``dis`` and ``tokenize``, ~10 ms), and ``@dataclass`` writes
every method it generates as source text and compiles it (~0.4 ms a class). So each such
class writes its ``__init__`` by hand and declares its fields as annotations (in order; a
``__slots__`` class lists the same names in ``__slots__``), and takes from :class:`Record`
the ``__repr__`` and ``__eq__`` that ``@dataclass`` would have generated (from :class:`Shown`
the repr alone, for a class equal only to itself), with ``__match_args__``.
"""

from __future__ import annotations

import reprlib
from typing import Any


def fields_of(cls: type) -> tuple[str, ...]:
    """The names of a record class's fields, in order."""
    return cls._record_fields


class Shown:
    """A dataclass's ``__repr__``: ``Name(field=value, ...)`` over the fields, less the names
    in the class's ``_unshown``."""

    __slots__ = ()
    _record_fields: tuple[str, ...] = ()
    _shown_fields: tuple[str, ...] = ()
    _unshown: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = tuple(cls.__dict__.get("__annotations__", {}))
        slots = cls.__dict__.get("__slots__")
        if slots is not None and tuple(slots) != names:
            raise TypeError(f"{cls.__qualname__}: __slots__ {tuple(slots)} are not its fields {names}")
        cls._record_fields = names
        cls._shown_fields = tuple(n for n in names if n not in cls._unshown)
        cls.__match_args__ = names

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown_fields)
        return f"{self.__class__.__qualname__}({shown})"


class Record(Shown):
    """A dataclass's ``__eq__`` (the fields compared as a tuple, with an object of the same
    class only) and, as ``@dataclass`` leaves an unfrozen class, no hash."""

    __slots__ = ()

    def __eq__(self, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = self._record_fields
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)


def frozen_error(message: str) -> Exception:
    """``dataclasses.FrozenInstanceError`` (imported only when a frozen record is assigned to)."""
    from dataclasses import FrozenInstanceError
    return FrozenInstanceError(message)
