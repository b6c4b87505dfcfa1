"""editlint.records: a record class (fields as annotations, ``__init__`` by hand) reprs,
compares, hashes, pickles and matches as the same class made by ``@dataclass``."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass, field

import pytest

from editlint.records import Record, Shown, fields_of


@dataclass
class Generated:
    name: str
    items: list[int] = field(default_factory=list)
    hidden: int = field(default=0, repr=False)


class ByHand(Record):
    """The record twin of Generated."""

    _unshown = ("hidden",)

    name: str
    items: list[int]
    hidden: int

    def __init__(self, name: str, items: list[int] | None = None, hidden: int = 0) -> None:
        self.name = name
        self.items = [] if items is None else items
        self.hidden = hidden


class Slotted(Record):
    """A record with slots."""

    __slots__ = ("name",)

    name: str

    def __init__(self, name: str) -> None:
        self.name = name


class Identity(Shown):
    """A record equal only to itself."""

    name: str

    def __init__(self, name: str) -> None:
        self.name = name


@pytest.mark.parametrize("args", [("a",), ("a", [1, 2], 3), ("b", [float("nan")])])
def test_a_record_reprs_and_compares_as_its_dataclass(args):
    made, other = Generated(*args), ByHand(*args)
    assert repr(other).replace("ByHand", "Generated") == repr(made)
    assert (other == ByHand(*args)) == (made == Generated(*args))
    assert ByHand("a", [1]) != ByHand("a", [2]) and ByHand("a") != Generated("a") and ByHand("a") != ByHand("a", hidden=1)
    assert ByHand.__hash__ is None and Generated.__hash__ is None
    assert fields_of(ByHand) == ("name", "items", "hidden") == ByHand.__match_args__ == Generated.__match_args__
    assert repr(pickle.loads(pickle.dumps(other))) == repr(other) and copy.copy(other) == other


def test_slots_and_identity():
    assert not hasattr(Slotted("a"), "__dict__") and Slotted("a") == Slotted("a")
    assert repr(Slotted("a")) == "Slotted(name='a')"
    match Slotted("b"):
        case Slotted(name):
            assert name == "b"
    one = Identity("a")
    assert one == one and one != Identity("a") and hash(one) == hash(one)
    assert repr(one) == "Identity(name='a')"


def test_slots_must_be_the_fields():
    with pytest.raises(TypeError):
        class Wrong(Record):
            """Slots that are not its fields."""

            __slots__ = ("a",)

            b: int


def test_the_frozen_records_are_frozen_and_hashed_by_their_fields():
    from dataclasses import FrozenInstanceError

    from editlint.models.features import Token
    from editlint.rule import Option

    for frozen, other in ((Token("a", 0, 1), Token("a", 0, 1)), (Option(1, "h"), Option(1, "h"))):
        assert frozen == other and hash(frozen) == hash(other)
        with pytest.raises(FrozenInstanceError):
            frozen.start = 2
        with pytest.raises(FrozenInstanceError):
            del frozen.help
    assert pickle.loads(pickle.dumps(Token("a", 0, 1))) == copy.copy(Token("a", 0, 1)) == Token("a", 0, 1)
