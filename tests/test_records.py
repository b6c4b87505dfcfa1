"""editlint.records: a dataclass with a hand-written __init__ and Record's (or Shown's)
methods reprs, compares and hashes as the same class made entirely by @dataclass."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass, field, fields

import pytest

from editlint.records import Record, Shown


@dataclass
class Generated:
    name: str
    items: list[int] = field(default_factory=list)
    hidden: int = field(default=0, repr=False)
    loose: float = field(default=0.0, compare=False)


@dataclass(init=False, repr=False, eq=False)
class ByHand(Record):
    name: str
    items: list[int]
    hidden: int = field(repr=False)
    loose: float = field(compare=False)

    def __init__(self, name: str, items: list[int] | None = None, hidden: int = 0, loose: float = 0.0) -> None:
        self.name = name
        self.items = [] if items is None else items
        self.hidden = hidden
        self.loose = loose


@dataclass(slots=True, init=False, repr=False, eq=False)
class Slotted(Record):
    name: str

    def __init__(self, name: str) -> None:
        self.name = name


@dataclass(init=False, repr=False, eq=False)
class Identity(Shown):
    name: str

    def __init__(self, name: str) -> None:
        self.name = name


@pytest.mark.parametrize("args", [("a",), ("a", [1, 2], 3, 0.5), ("b", [float("nan")])])
def test_a_record_reprs_and_compares_as_its_dataclass(args):
    made, other = Generated(*args), ByHand(*args)
    assert repr(other).replace("ByHand", "Generated") == repr(made)
    assert (other == ByHand(*args)) == (made == Generated(*args))
    assert ByHand("a", [1], 0, 1.0) == ByHand("a", [1], 0, 2.0)        # compare=False
    assert ByHand("a", [1]) != ByHand("a", [2]) and ByHand("a") != Generated("a")
    assert ByHand.__hash__ is None and Generated.__hash__ is None
    assert [f.name for f in fields(other)] == [f.name for f in fields(made)]
    assert repr(pickle.loads(pickle.dumps(other))) == repr(other) and copy.copy(other) == other


def test_slots_and_identity():
    assert not hasattr(Slotted("a"), "__dict__") and Slotted("a") == Slotted("a")
    assert repr(Slotted("a")) == "Slotted(name='a')"
    one = Identity("a")
    assert one == one and one != Identity("a") and hash(one) == hash(one)
    assert repr(one) == "Identity(name='a')"
