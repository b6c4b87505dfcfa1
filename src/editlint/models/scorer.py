"""Scoring with a shipped model, in pure Python (no NumPy at lint time).

A model file (``*.model``, format 3: see :func:`write` and ``MODEL_CARD.md``) holds one or
more linear *components* over the features of :mod:`editlint.models.features`:

- a ``sentence`` component scores the sentence as a whole (word and character n-grams);
- a ``token`` component scores each word in its context, and the sentence by its highest word.

Each component's raw score is put on a common scale with the centre and spread it had on
clean news (BBC sentences held out from training), the scaled scores are summed with the
component's factor, and a logistic calibration turns the sum into a *confidence* in [0, 1].
A sentence's score is a sum over its words, so the words that carry it can be named: see
:meth:`Model.score`.

Word-level parts are cached per word type, so a long archive costs a few dictionary
look-ups per word. Every operation is deterministic (plain float sums in a fixed order).
"""

from __future__ import annotations

import json
import math
import sys
import zlib
from array import array
from itertools import repeat
from pathlib import Path
from typing import Any

from editlint.models import features as F
from editlint.records import Record
from editlint.rule import RuleUnavailable

FORMAT = "editlint-model"
FORMAT_VERSION = 3        # the binary layout (write); 2 and 1 are gzip-compressed JSON (to_json)
READABLE = (1, 2, 3)      # format 1: the same weights, one JSON member each
JSON_VERSION = 2          # what to_json / write_json give
MAGIC = FORMAT.encode("ascii") + b" "       # the first bytes of a format 3 file
_CACHE_LIMIT = 100_000     # word types remembered per model
_LEXICON_AFTER = 1_000     # word types seen before the shipped sums are read


class ModelError(RuleUnavailable):
    """A model file that is missing, unreadable, truncated or of another version."""


def _prefix(feature: str) -> str:
    """The kind of a feature name, as the model file groups them: ``"c "``, ``"w "``, ``"2 "``
    (sentence features) or ``"c="``, ``"pw="``, ``"bg="`` (token features)."""
    i = min((j for j in (feature.find(" "), feature.find("=")) if j >= 0), default=-1)
    return feature[:i + 1]


def _nest_grams(group: dict[str, float], n: int) -> dict:
    """``{"a b": w}`` -> ``{"a": {"b": w}}`` (n = 2), ``{"a b c": w}`` -> ``{"a": {"b": {"c": w}}}``
    (n = 3), ...; a name of another length cannot be a feature of any sentence and is left out."""
    table: dict = {}
    for body, w in group.items():
        words = body.split(" ")
        if len(words) != n:
            continue
        node = table
        for word in words[:-1]:
            node = node.setdefault(word, {})
        node[words[-1]] = w
    return table


def _nest_pairs(group: dict[str, float]) -> dict[str, dict[str, float]]:
    """``{"a_b": w}`` -> ``{"a": {"b": w}}`` (a name without exactly one "_" is left out)."""
    table: dict[str, dict[str, float]] = {}
    for body, w in group.items():
        if body.count("_") == 1:
            a, b = body.split("_")
            table.setdefault(a, {})[b] = w
    return table


# Groups a format 3 file ships nested by their first word, and what joins the words.
_NESTED = {"2 ": " ", "3 ": " ", "bg=": "_", "bn=": "_"}
_MISSING = object()
_BOUND_WORDS = 100_000     # Model.judge_above bounds sentences of up to this many words
_NONE: dict = {}            # a token record's table of no entries (never written to)


class _Nested:
    """A group keyed by a first word (``"2 a b"``, ``"3 a b c"``, ``"bg=a_b"``), as a format 3
    file ships it: the first words, where each one's entries start, and the rest of each name
    with its weight, all sorted. ``get(word)`` gives what :func:`_nest_grams` /
    :func:`_nest_pairs` would hold for ``word`` (a dict, or None), built the first time that
    word asks (a model's word records keep it): an article asks for a few hundred of the
    ~12,000 first words a group has."""

    __slots__ = ("_prefix", "_index", "_starts", "_rests", "_weights")

    def __init__(self, prefix: str, heads: list[str], starts: list[int], rests: list[str],
                 weights: list[float]) -> None:
        if len(starts) != len(heads) + 1 or len(rests) != len(weights) or (starts and starts[-1] != len(rests)):
            raise ValueError(f"nested group {prefix!r} does not add up")
        self._prefix = prefix
        self._index = dict(zip(heads, range(len(heads))))
        self._starts, self._rests, self._weights = starts, rests, weights

    def get(self, word: str, default: Any = None) -> Any:
        i = self._index.get(word)
        if i is None:
            return default
        return self._build(self._starts[i], self._starts[i + 1])

    def weights_of(self, word: str) -> list[float]:
        """The weights of the entries ``word`` starts (none: an empty list)."""
        i = self._index.get(word)
        return [] if i is None else self._weights[self._starts[i]:self._starts[i + 1]]

    def _build(self, a: int, b: int) -> dict:
        rests, weights = self._rests[a:b], self._weights[a:b]
        if self._prefix != "3 ":
            return dict(zip(rests, weights))
        table: dict = {}
        for rest, w in zip(rests, weights):
            second, last = rest.split(" ")
            table.setdefault(second, {})[last] = w
        return table

    def group(self) -> dict[str, float]:
        """The group as plain ``{rest of the feature name: weight}``."""
        sep, starts = _NESTED[self._prefix], self._starts
        out = {}
        for head, i in self._index.items():
            for j in range(starts[i], starts[i + 1]):
                out[head + sep + self._rests[j]] = self._weights[j]
        return out

    @staticmethod
    def nestable(prefix: str, group: dict[str, float]) -> bool:
        """Whether every name of ``group`` splits into the words its kind has (else the file
        ships the group flat, and the scorer nests it as format 2 files are)."""
        if prefix not in _NESTED:
            return False
        sep = _NESTED[prefix]
        want = 2 if prefix == "3 " else 1
        return all(body.count(sep) == want and "" not in body.split(sep) for body in group)


class Component:
    """One linear component of a model.

    Its weights are held in lookup tables per kind of feature (the word, its character
    n-grams, word n-grams nested by word, neighbours), so scoring builds no feature string
    and no tuple per token; ``weights`` gives them back as one flat ``{feature: weight}``
    dict (for training, comparison and writing), worked out when first asked for.
    """

    def __init__(self, kind: str, bias: float, weights: dict[str, float] | None, centre: float, spread: float,
                 factor: float, ngrams: int = 2, chars: bool = True,
                 groups: dict[str, dict[str, float]] | None = None) -> None:
        self.kind = kind                # "sentence" | "token"
        self.bias = bias
        self.centre = centre            # raw score -> (raw - centre) / spread
        self.spread = spread
        self.factor = factor            # weight of this component in the combined score
        self.ngrams = ngrams
        self.chars = chars
        if groups is None:
            groups = {}
            for f, w in (weights or {}).items():
                p = _prefix(f)
                groups.setdefault(p, {})[f[len(p):]] = w
        self._groups: dict[str, dict[str, float]] | None = groups   # prefix -> {rest of the name: weight}
        self._nested: dict[str, _Nested] = {}   # groups a format 3 file ships nested by first word
        self._flat = dict(weights) if weights is not None else None
        self._known: dict[str, float] = {}      # word type -> the sum of its own weights, as the file ships it
        self._by_length: dict[int, float] = {}  # a known word's length -> its record's second field
        self._extra: dict[int, int] = {}        # a sentence's length -> its word n-grams' number
        self._compile(groups)

    @classmethod
    def _from_tables(cls, kind: str, bias: float, centre: float, spread: float, factor: float, ngrams: int,
                     chars: bool, flat: dict[str, dict[str, float]], nested: dict[str, _Nested]) -> Component:
        """A component as a format 3 file gives it: flat groups as dicts, the word n-gram and
        word-pair groups as :class:`_Nested` tables (the same look-ups, built per word)."""
        self = cls.__new__(cls)
        self.kind, self.bias, self.centre, self.spread, self.factor = kind, bias, centre, spread, factor
        self.ngrams, self.chars = ngrams, chars
        self._groups, self._nested, self._flat, self._known = None, nested, None, {}
        self._by_length = {}
        self._extra = {}
        self._compile(flat)
        return self

    def __repr__(self) -> str:
        return f"Component({self.kind!r}, {len(self.weights)} weights)"

    @property
    def groups(self) -> dict[str, dict[str, float]]:
        """Prefix -> {rest of the feature name: weight}, every weight of the component."""
        if self._groups is None:
            groups = {p: g for p, g in self._tables.items()}
            for p, table in self._nested.items():
                groups[p] = table.group()
            self._groups = dict(sorted(groups.items()))
        return self._groups

    @property
    def weights(self) -> dict[str, float]:
        if self._flat is None:
            self._flat = {p + rest: w for p, group in self.groups.items() for rest, w in group.items()}
        return self._flat

    def _compile(self, g: dict[str, dict[str, float]]) -> None:
        """The lookup tables, from the flat groups ``g`` (and the nested ones a file shipped)."""
        self._tables = g
        empty: dict = {}
        nested = self._nested
        if self.kind == "sentence":
            self._unigram = g.get("w ", empty)
            self._chargram = g.get("c ", empty)
            # "2 a b" -> _grams[2]["a"]["b"]; "3 a b c" -> _grams[3]["a"]["b"]["c"]
            self._grams: dict[int, Any] = {}
            for n in range(2, self.ngrams + 1):
                self._grams[n] = nested.get(f"{n} ") or _nest_grams(g.get(f"{n} ", empty), n)
            self._big, self._tri = self._grams.get(2, empty), self._grams.get(3, empty)
        else:
            self._unigram = g.get("w=", empty)
            self._chargram = g.get("c=", empty)
            self._p3, self._s3, self._s4 = g.get("p3=", empty), g.get("s3=", empty), g.get("s4=", empty)
            self._pw, self._nw = g.get("pw=", empty), g.get("nw=", empty)
            # "bg=prev_word" -> _bg["prev"]["word"]; "bn=word_next" -> _bn["word"]["next"]
            # (words never hold "_": tokens are letters, digits, apostrophes and hyphens)
            self._bg: Any = nested.get("bg=") or _nest_pairs(g.get("bg=", empty))
            self._bn: Any = nested.get("bn=") or _nest_pairs(g.get("bn=", empty))

    def record(self, word: str) -> tuple:
        """Everything this component reads of a word type, whatever its neighbours:

        - sentence: (sum of its own weights, their number, {next word: bigram weight} when it
          starts bigrams, {next: {next but one: trigram weight}} when it starts trigrams, and
          an upper bound of the word's part with those n-grams, whatever follows);
        - token: (sum of its own weights, 1/sqrt(their number + 4 neighbour features), its
          weight as the previous word, as the next word, {next: weight} of the bigrams it
          starts (``bg=``), {next: weight} of ``bn=`` features when it is the word scored;
          an empty dict for none).

        The sums add the same weights in the same order as :mod:`editlint.models.features`
        lists the features, so they are the same floats."""
        part = self._word_part(word)
        if self.kind == "sentence":
            big, tri = self._big.get(word), self._tri.get(word)
            grams = (big.values() if big else (), [x for follow in tri.values() for x in follow.values()] if tri else ())
            return (*part, big, tri, _upper_bound(part[0], grams))
        return (*part, self._pw.get(word, 0.0), self._nw.get(word, 0.0), self._bg.get(word) or _NONE,
                self._bn.get(word) or _NONE)

    def bound_part(self, word: str) -> float:
        """A sentence component's upper bound of a word's part with the word n-grams it
        starts, margin included, as :meth:`record` gives it last, without building the word's
        n-gram tables (only its weights are read)."""
        grams = []
        for table in (self._big, self._tri):
            if isinstance(table, _Nested):
                grams.append(table.weights_of(word))
            else:
                follow = table.get(word)
                grams.append([x for v in follow.values() for x in (v.values() if isinstance(v, dict) else (v,))]
                             if follow else ())
        return _upper_bound(self._word_part(word)[0], grams)

    def _word_part(self, word: str) -> tuple[float, float]:
        known = self._known.get(word)
        if known is None:
            return self.own_part(word)
        if word == F.QUOTE or word == F.NUMBER:
            return (known, 1) if self.kind == "sentence" else (known, F.scale(5))
        second = self._by_length.get(len(word))
        if second is None:
            # the number of features is the word's length at work: 1 + affixes + character n-grams
            count = 1
            if self.kind == "token" or self.chars:
                n = len(word) + 2
                count += (3 if self.kind == "token" else 0) + max(0, n - 2) + max(0, n - 3) + max(0, n - 4)
            second = self._by_length[len(word)] = count if self.kind == "sentence" else F.scale(count + 4)
        return known, second

    def own_part(self, word: str) -> tuple[float, float]:
        """A word type's context-free part, from the weights of its features (summed in the
        order :mod:`editlint.models.features` lists them)."""
        if self.kind == "sentence":
            values = [self._unigram.get(word, 0.0)]
            if self.chars and word != F.QUOTE and word != F.NUMBER:
                values += map(self._chargram.get, _padded_grams(word), repeat(0.0))
            return sum(values), len(values)
        values = [self._unigram.get(word, 0.0)]
        if word != F.QUOTE and word != F.NUMBER:
            values += [self._p3.get(word[:3], 0.0), self._s3.get(word[-3:], 0.0), self._s4.get(word[-4:], 0.0)]
            values += map(self._chargram.get, _padded_grams(word), repeat(0.0))
        return sum(values), F.scale(len(values) + 4)


def _upper_bound(own: float, grams) -> float:
    """For Model.judge_above: a word's own part plus the most the word n-grams it starts can
    add to a sentence's sum (each order's largest weight, never less than 0), with a margin
    far above what rounding can move a sum of up to _BOUND_WORDS such terms (1e-10 of the
    sizes of all they add). ``grams``: the weights of its bigrams, then of its trigrams."""
    most = reach = 0.0
    for weights in grams:
        weights = list(weights)
        if weights:
            most, reach = most + max(0.0, *weights), reach + max(map(abs, weights))
    return own + most + 1e-10 * (abs(own) + reach)


_LAST_GRAMS: tuple[str, list[str]] = ("", [])


def _padded_grams(word: str) -> list[str]:
    """``features.char_ngrams(word)`` for a word that is no stand-in, remembered for the last
    word (a model's components ask for the same word one after the other)."""
    global _LAST_GRAMS
    last = _LAST_GRAMS
    if last[0] == word:
        return last[1]
    padded = f"<{word}>"
    n = len(padded)
    grams = [padded[i:i + k] for k in (3, 4, 5) for i in range(n - k + 1)]
    _LAST_GRAMS = (word, grams)
    return grams


# Record classes: see editlint.records.
class Score(Record):
    """A sentence's score."""

    confidence: float               # calibrated, 0..1
    value: float                    # the combined score before calibration
    evidence: list[float]           # per token: how much it pushes the score up (combined units)
    word_peak: float                # the largest lift a token component gives one word in its context

    def __init__(self, confidence: float, value: float, evidence: list[float], word_peak: float = 0.0) -> None:
        self.confidence = confidence
        self.value = value
        self.evidence = evidence
        self.word_peak = word_peak


class Model(Record):
    """A learned model: its components and calibration."""

    name: str
    family: str
    components: list[Component]
    calibration: tuple[float, float]    # confidence = sigmoid(a * value + b)
    meta: dict[str, Any]
    path: str
    # frequent word types (in the training sentences) whose own sums the file ships, so an
    # archive does not work them out from their character n-grams one by one
    lexicon: list[str]

    def __init__(self, name: str, family: str, components: list[Component], calibration: tuple[float, float],
                 meta: dict[str, Any], path: str = "", lexicon: list[str] | None = None) -> None:
        self.name = name
        self.family = family
        self.components = components
        self.calibration = calibration
        self.meta = meta
        self.path = path
        self.lexicon = [] if lexicon is None else lexicon
        self._pending: Any = None      # the file's sums per component, read when needed
        # word type -> one record per component (Component.record): one look-up per token
        self._records: dict[str, tuple] = {}
        self._start = [c.record("<s>") if c.kind == "token" else None for c in self.components]
        self._end = [c.record("</s>") if c.kind == "token" else None for c in self.components]
        # per sentence component that judge_above can bound: word type -> its record's bound
        self._most: list[dict[str, float] | None] = [
            {} if c.kind == "sentence" and c.ngrams <= 3 and c.factor / c.spread > 0 else None
            for c in self.components]
        self._token_kind = any(c.kind == "token" for c in self.components)

    def _record(self, word: str) -> tuple:
        if self._pending is not None and len(self._records) >= _LEXICON_AFTER:
            self._use_lexicon()
        rec = tuple([c.record(word) for c in self.components])
        if len(self._records) >= _CACHE_LIMIT:
            self._records.clear()
            for table in self._most:
                if table is not None:
                    table.clear()
        self._records[word] = rec
        for j, table in enumerate(self._most):
            if table is not None:
                table[word] = rec[j][4]
        return rec

    def _use_lexicon(self) -> None:
        """Read the shipped sums (a single article never needs them: they pay off after a
        thousand word types). A table that disagrees with the weights on a sample of its
        words is not used: the sums are then worked out, and the scores stay the same."""
        sums, self._pending = self._pending, None
        for comp, values in zip(self.components, sums or []):
            try:       # format 2: one string of numbers; format 3: the numbers
                table = dict(zip(self.lexicon, map(float, values.split(" ")) if isinstance(values, str) else values))
            except ValueError:
                continue        # not numbers: worked out instead, as for any other word
            sample = self.lexicon[::499]
            if len(table) == len(self.lexicon) and all(table[w] == comp.own_part(w)[0] for w in sample):
                comp._known = table

    def score(self, tokens: list[F.Token]) -> Score:
        """The sentence's confidence, and how much each of its tokens pushes it up."""
        evidence = [0.0] * len(tokens)
        value, peak = self._value([t.text for t in tokens], evidence)
        a, b = self.calibration
        return Score(confidence=_sigmoid(a * value + b), value=value, evidence=evidence, word_peak=peak)

    def judge(self, words: list[str]) -> tuple[float, float]:
        """(confidence, word peak) of a sentence given as its token texts
        (:func:`features.words_masked`): the same floats as ``score(tokens)``'s, without the
        per-token evidence."""
        value, peak = self._value(words, None)
        a, b = self.calibration
        return _sigmoid(a * value + b), peak

    def judge_above(self, words: list[str], floor: float) -> tuple[float, float, bool]:
        """``(*judge(words), True)``, or, when the sentence surely has a confidence below
        ``floor``, ``(an upper bound of its confidence, 0.0, False)`` for less work.

        The bound is cheap for a sentence component: its sum has every word's own part and,
        for the n-grams a word starts, the most they can add whatever follows (one look-up per
        word, no neighbour), with a margin far above rounding (:meth:`_sentence_bounds`). A
        token component is summed exactly (its neighbour features have no useful bound)."""
        a, b = self.calibration
        n = len(words)
        if not (a > 0 and 0 < n <= _BOUND_WORDS):
            return (*self.judge(words), True)
        rows = self._rows(words) if self._token_kind else None
        bounds = self._sentence_bounds(words)
        if bounds is None and rows is None:     # a word never bounded: its bound, not its records
            self._bound_words(words)
            bounds = self._sentence_bounds(words)
        if bounds is None:
            bounds = [math.inf] * len(self.components)
        comps = self.components
        parts: list = [None] * len(comps)
        peak = 0.0
        for j, comp in enumerate(comps):
            if comp.kind == "token":
                part, lift = self._token_part(j, comp, words, rows, None)
                parts[j] = bounds[j] = part
                if lift > peak:
                    peak = lift
        total = sum(bounds)
        if total < math.inf:
            most = _sigmoid(a * total + b)
            if most < floor:
                return most, 0.0, False
        if rows is None:
            rows = self._rows(words)
        value = 0.0
        for j, comp in enumerate(comps):
            value += self._sentence_part(j, comp, words, rows, None) if parts[j] is None else parts[j]
        return _sigmoid(a * value + b), peak, True

    def confidence(self, words: list[str]) -> float:
        return self.judge(words)[0]

    def _bound_words(self, words: list[str]) -> None:
        """The bounds of the words without one (Component.bound_part: no n-gram table built)."""
        for comp, table in zip(self.components, self._most):
            if table is None:
                continue
            if self._pending is not None and len(table) >= _LEXICON_AFTER:
                self._use_lexicon()
            if len(table) >= _CACHE_LIMIT:
                table.clear()
            for w in words:
                if w not in table:
                    table[w] = comp.bound_part(w)

    def _rows(self, words: list[str]) -> list[tuple]:
        records = self._records
        return [records.get(w) or self._record(w) for w in words]

    def _value(self, words: list[str], evidence: list[float] | None) -> tuple[float, float]:
        """The combined score before calibration and the word peak (the largest lift a token
        component gives one word); fills ``evidence`` (per token) when given.
        The arithmetic is that of the training features, in their order
        (tests/test_models.py pins it to the plain sum over ``features.sentence_features`` /
        ``token_features``)."""
        rows = self._rows(words)
        value = 0.0
        peak = 0.0
        for j, comp in enumerate(self.components):
            if comp.kind == "sentence":
                value += self._sentence_part(j, comp, words, rows, evidence)
            else:
                part, lift = self._token_part(j, comp, words, rows, evidence)
                value += part
                if lift > peak:
                    peak = lift
        return value, peak

    def _sentence_bounds(self, words: list[str]) -> list[float] | None:
        """Per component, an upper bound of :meth:`_sentence_part` (``math.inf`` where there
        is none, and for a token component); None when a word has no record yet.

        A word's own part and the most the n-grams it starts can add (its record's last
        field, with the margin for rounding) are summed, and the sum is scaled as the exact one
        is by the number of features, which depends on the word lengths only: 3 * length - 2 per
        word (2 for a word of one letter, 1 for a stand-in) with character n-grams, 1 without,
        and the word n-grams; the fewest (or, for a negative sum, the most) the lengths allow."""
        n = len(words)
        out = []
        letters = None
        for comp, table in zip(self.components, self._most):
            if table is None:
                out.append(math.inf)
                continue
            try:
                total = sum(map(table.__getitem__, words))
            except KeyError:
                return None
            extra = comp._extra.get(n)
            if extra is None:
                extra = comp._extra[n] = sum(max(0, n - k + 1) for k in range(2, comp.ngrams + 1))
            if comp.chars:
                if letters is None:
                    letters = sum(map(len, words))
                count = 3 * letters - (2 * n if total >= 0 else n) + extra
            else:
                count = n + extra
            out.append((comp.bias + total * F.scale(count) - comp.centre) * (comp.factor / comp.spread))
        return out

    @staticmethod
    def _sentence_part(j: int, comp: Component, words: list[str], rows: list[tuple],
                       evidence: list[float] | None) -> float:
        n = len(words)
        unit = comp.factor / comp.spread
        top = comp.ngrams
        own = []
        count = 0
        before = before2 = None      # the previous words' records
        prev = ""
        for i, w in enumerate(words):
            r = rows[i][j]
            s = r[0]
            count += r[1]
            # the word n-grams this word ends: bigram, then trigram, as sentence_features lists them
            if i and top >= 2:
                follow = before[2]
                if follow is not None:
                    x = follow.get(w)
                    if x is not None:
                        s += x
                if i > 1 and top >= 3:
                    follow = before2[3]
                    if follow is not None:
                        follow = follow.get(prev)
                        if follow is not None:
                            x = follow.get(w)
                            if x is not None:
                                s += x
                    if top > 3:
                        s = _longer_grams(comp._grams, words, i, top, s)
            own.append(s)
            before2, before, prev = before, r, w
        # every word ends one n-gram of each order it has room for
        count += sum(max(0, n - k + 1) for k in range(2, top + 1))
        norm = F.scale(count)
        raw = comp.bias + sum(own) * norm
        if evidence is not None:
            for i in range(n):
                evidence[i] += own[i] * norm * unit
        return (raw - comp.centre) * unit

    def _token_part(self, j: int, comp: Component, words: list[str], rows: list[tuple],
                    evidence: list[float] | None) -> tuple[float, float]:
        """(the component's part of the combined score, the largest lift of one word)."""
        n = len(words)
        if not n:
            return 0.0, 0.0
        unit = comp.factor / comp.spread
        bias, centre = comp.bias, comp.centre
        recs = [row[j] for row in rows]
        afters = recs[1:]
        afters.append(self._end[j])         # "</s>" after the last word, "<s>" before the first
        nexts = words[1:]
        nexts.append("</s>")
        before = self._start[j]
        best = -math.inf
        if evidence is None and unit > 0:
            for w, r, nxt, after in zip(words, recs, nexts, afters):
                raw = bias + (r[0] + (before[2] + after[3] + before[4].get(w, 0.0) + r[5].get(nxt, 0.0))) * r[1]
                if raw > best:
                    best = raw
                before = r
            # a lift grows with its raw score (unit > 0): the best word's is the largest
            lift = (best - centre) * unit
            return lift, (lift if lift > 0.0 else 0.0)
        peak = 0.0
        for i, (w, r, nxt, after) in enumerate(zip(words, recs, nexts, afters)):
            raw = bias + (r[0] + (before[2] + after[3] + before[4].get(w, 0.0) + r[5].get(nxt, 0.0))) * r[1]
            if raw > best:
                best = raw
            lift = (raw - centre) * unit
            if lift > 0:
                if evidence is not None:
                    evidence[i] += lift
                if lift > peak:
                    peak = lift
            before = r
        return (best - centre) * unit, peak

    @property
    def card(self) -> str:
        return str(self.meta.get("card", ""))


def _get_lexicon(self: Model) -> list[str]:
    text = self._lexicon_text
    if text is not None:        # the list is in place before the text goes (two threads: the same list)
        self._lexicon = text.split("\n") if text else []
        self._lexicon_text = None
    return self._lexicon


def _set_lexicon(self: Model, words: list[str]) -> None:
    self._lexicon, self._lexicon_text = words, None


# A format 3 file's lexicon (40,000 words a model) is decoded when first asked for (an
# archive's thousandth word type, or a caller reading it): a single article never needs it.
Model.lexicon = property(_get_lexicon, _set_lexicon)     # type: ignore[assignment]


class _LazySums:
    """A format 3 file's word sums per component (``Model._pending``), each read from its
    bytes when first asked for: a sequence of lists of floats, as format 2's sums are read."""

    __slots__ = ("_blobs",)

    def __init__(self, blobs: list[bytes]) -> None:
        self._blobs = blobs

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, i: int) -> list[float]:
        blob = self._blobs[i]
        return _numbers(memoryview(blob), [0, len(blob)])


def _longer_grams(grams: dict[int, dict], words: list[str], i: int, top: int, s: float) -> float:
    """``s`` plus the weights of the 4-grams and longer that end at word ``i``, in order (no
    shipped model has them)."""
    for k in range(4, top + 1):
        if i >= k - 1:
            node = grams.get(k, {})
            for word in words[i - k + 1:i + 1]:
                node = node.get(word) if isinstance(node, dict) else None
                if node is None:
                    break
            if isinstance(node, float):
                s += node
    return s


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


# -- files -----------------------------------------------------------------------------

def to_json(model: Model) -> dict[str, Any]:
    """The file's layout (format 2): per component, its weights grouped by kind of feature,
    each group two strings (the feature names, one a line, and their weights, space
    separated), which read much faster than one JSON member per weight."""
    comps = []
    for c in model.components:
        groups: dict[str, dict[str, float]] = {}
        for f, w in c.weights.items():
            p = _prefix(f)
            groups.setdefault(p, {})[f[len(p):]] = w
        table = {}
        for p, group in sorted(groups.items()):
            names = sorted(group)
            if any("\n" in name for name in names):
                raise ValueError(f"a feature name holds a line break: {p!r}")
            table[p] = ["\n".join(names), " ".join(repr(float(group[k])) for k in names)]
        comps.append({"kind": c.kind, "bias": c.bias, "centre": c.centre, "spread": c.spread, "factor": c.factor,
                      "ngrams": c.ngrams, "chars": c.chars, "features": table})
    return {
        "format": FORMAT, "format_version": JSON_VERSION, "features_version": F.FEATURES_VERSION,
        "name": model.name, "family": model.family,
        "calibration": list(model.calibration),
        "components": comps,
        "meta": model.meta,
        **({"lexicon": _lexicon_json(model)} if model.lexicon else {}),
    }


def _lexicon_json(model: Model) -> dict[str, Any]:
    words = sorted(set(model.lexicon))
    if any("\n" in w or not w for w in words):
        raise ValueError("a lexicon word is empty or holds a line break")
    return {"words": "\n".join(words),
            "sums": [" ".join(repr(c.own_part(w)[0]) for w in words) for c in model.components]}


def _groups(c: dict[str, Any]) -> dict[str, dict[str, float]]:
    """A component's weight groups, from either layout (format 2: grouped strings; format 1:
    one JSON member per weight)."""
    if "features" not in c:
        groups: dict[str, dict[str, float]] = {}
        for f, w in c["weights"].items():
            p = _prefix(str(f))
            groups.setdefault(p, {})[str(f)[len(p):]] = float(w)
        return groups
    out = {}
    for p, (names, values) in c["features"].items():
        names_list = names.split("\n")
        weights = list(map(float, values.split(" ")))
        if len(names_list) != len(weights):
            raise ValueError(f"group {p!r} has {len(names_list)} features and {len(weights)} weights")
        out[str(p)] = dict(zip(names_list, weights))
    return out


def write_json(model: Model, path: Path) -> None:
    """Write a format 2 file (gzip-compressed JSON, :func:`to_json`) byte for byte
    reproducibly (sorted keys, no time stamp in the gzip header)."""
    import gzip

    data = json.dumps(to_json(model), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
        gz.write(data)


class _Sections:
    """The data part of a format 3 file, and where each piece of it lies."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> list[int]:
        at = self.size
        self.parts.append(data)
        self.size += len(data)
        return [at, len(data)]

    def text(self, items: list[str]) -> list[int]:
        if any("\n" in x for x in items):
            raise ValueError("a feature name or word holds a line break")
        return self.add("\n".join(items).encode("utf-8"))

    def numbers(self, values: list[float], code: str = "d") -> list[int]:
        a = array(code, values)
        if sys.byteorder != "little":
            a.byteswap()
        return self.add(a.tobytes())


def write(model: Model, path: Path) -> None:
    """Write a model file (format 3), byte for byte reproducibly.

    The layout: one ASCII line ``editlint-model 3 <header bytes> <data bytes> <crc32>``, a
    JSON header (sorted keys: the scalars, the meta data, and where each table lies in the
    data), then the data: per table its names (UTF-8, one a line, sorted) and its weights
    (little-endian float64, the same floats). The word n-gram and word-pair groups (``2 ``,
    ``3 ``, ``bg=``, ``bn=``) are stored by first word (the first words, an int32 start per
    first word, the rest of each name), so a reader builds the table of a word only when
    that word is scored. Nothing is compressed: reading is a few splits and copies, not a
    parse (a wheel compresses the file anyway)."""
    if array("i").itemsize != 4:
        raise ValueError("this platform's C int is not 4 bytes")
    data = _Sections()
    comps = []
    for c in model.components:
        flat, nested = {}, {}
        for p, group in c.groups.items():
            names = sorted(group)
            if _Nested.nestable(p, group):
                sep = _NESTED[p]
                heads: list[str] = []
                starts: list[int] = []
                rests = []
                for i, name in enumerate(names):
                    head, rest = name.split(sep, 1)
                    if not heads or heads[-1] != head:
                        heads.append(head)
                        starts.append(i)
                    rests.append(rest)
                starts.append(len(names))
                nested[p] = {"heads": data.text(heads), "starts": data.numbers(starts, "i"),
                             "rests": data.text(rests), "weights": data.numbers([group[k] for k in names])}
            else:
                flat[p] = {"names": data.text(names), "weights": data.numbers([group[k] for k in names])}
        comps.append({"kind": c.kind, "bias": c.bias, "centre": c.centre, "spread": c.spread, "factor": c.factor,
                      "ngrams": c.ngrams, "chars": c.chars, "flat": flat, "nested": nested})
    header: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "features_version": F.FEATURES_VERSION,
        "name": model.name, "family": model.family, "calibration": list(model.calibration),
        "components": comps, "meta": model.meta,
    }
    if model.lexicon:
        words = sorted(set(model.lexicon))
        if not all(words):
            raise ValueError("a lexicon word is empty")
        header["lexicon"] = {"words": data.text(words),
                             "sums": [data.numbers([c.own_part(w)[0] for w in words]) for c in model.components]}
    head = json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    body = b"".join(data.parts)
    first = b"%s%d %d %d %08x\n" % (MAGIC, FORMAT_VERSION, len(head), len(body), zlib.crc32(body, zlib.crc32(head)))
    Path(path).write_bytes(first + head + body)


def _read_binary(path: Path, raw: bytes) -> tuple[dict[str, Any], memoryview]:
    """The header and data of a format 3 file (checked: its version, length and checksum)."""
    end = raw.find(b"\n", 0, 200)
    fields = raw[len(MAGIC):end].split(b" ") if end > 0 else []
    if len(fields) != 4 or not fields[0].isdigit():
        raise ModelError(f"model file {path} is truncated or corrupt (its first line)")
    version = int(fields[0])
    if version != FORMAT_VERSION:
        raise ModelError(f"model file {path} is of another version (format {version}; this editlint reads "
                         f"{'/'.join(map(str, READABLE))}): rebuild it with `python -m editlint.models.train`")
    try:
        head_len, body_len, crc = int(fields[1]), int(fields[2]), int(fields[3], 16)
    except ValueError:
        raise ModelError(f"model file {path} is truncated or corrupt (its first line)") from None
    view = memoryview(raw)
    start = end + 1
    if len(raw) != start + head_len + body_len:
        raise ModelError(f"model file {path} is truncated or corrupt (EOFError)")
    if zlib.crc32(view[start:]) != crc:
        raise ModelError(f"model file {path} is truncated or corrupt (checksum)")
    try:
        header = json.loads(bytes(view[start:start + head_len]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"model file {path} is truncated or corrupt ({type(exc).__name__})") from None
    return header, view[start + head_len:]


def _file_bytes(path: Path) -> Any:
    """The file's bytes, mapped into memory where the platform can (its pages come from the
    page cache as they are read, nothing is copied), else read. A mapping is let go once
    nothing refers to it (:func:`read` keeps no view of it)."""
    with open(path, "rb") as fh:
        try:
            import mmap

            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ImportError, OSError, ValueError):      # no mmap here, an empty file, a pipe
            return fh.read()


def _view(body: memoryview, at: list[int], itemsize: int = 1) -> memoryview:
    """The table at ``at``, checked to lie in the data, in whole items."""
    a, n = at
    if n % itemsize or a < 0 or n < 0 or a + n > len(body):
        raise ValueError("a table does not fit the file")
    return body[a:a + n]


def _region(body: memoryview, at: list[int], itemsize: int = 1) -> bytes:
    """A copy of the table at ``at`` (checked as :func:`_view` does)."""
    return bytes(_view(body, at, itemsize))


def _text(body: memoryview, at: list[int]) -> list[str]:
    a, n = at
    if n == 0:
        return []
    return str(body[a:a + n], "utf-8").split("\n")


def _numbers(body: memoryview, at: list[int], code: str = "d") -> list:
    return _array(body, at, code).tolist()


def _array(body: memoryview, at: list[int], code: str = "d") -> array:
    """The numbers as an array: a nested group's weights and starts stay one, and make a
    Python number only for the entries a word asks for (the same values as a list)."""
    values = array(code)
    values.frombytes(_view(body, at, values.itemsize))
    if sys.byteorder != "little":
        values.byteswap()
    return values


def _components_of(header: dict[str, Any], body: memoryview) -> list[Component]:
    comps = []
    for c in header["components"]:
        flat = {}
        for p, at in c["flat"].items():
            names, weights = _text(body, at["names"]), _numbers(body, at["weights"])
            if len(names) != len(weights):
                raise ValueError(f"group {p!r} has {len(names)} features and {len(weights)} weights")
            flat[str(p)] = dict(zip(names, weights))
        nested = {}
        for p, at in c["nested"].items():
            if p not in _NESTED:
                raise ValueError(f"group {p!r} cannot be nested")
            nested[p] = _Nested(p, _text(body, at["heads"]), _array(body, at["starts"], "i"),
                                _text(body, at["rests"]), _array(body, at["weights"]))
        comps.append(Component._from_tables(
            kind=c["kind"], bias=float(c["bias"]), centre=float(c["centre"]), spread=float(c["spread"]),
            factor=float(c["factor"]), ngrams=int(c.get("ngrams", 2)), chars=bool(c.get("chars", True)),
            flat=flat, nested=nested))
    return comps


def read(path: Path) -> Model:
    """A model file of any readable format (told apart by its first bytes)."""
    path = Path(path)
    try:
        raw = _file_bytes(path)
    except FileNotFoundError:
        raise ModelError(f"model file {path} does not exist") from None
    except OSError as exc:
        raise ModelError(f"cannot read model file {path}: {exc.strerror or exc}") from None
    if raw[:len(MAGIC)] == MAGIC:
        data, body = _read_binary(path, raw)
    else:
        import gzip     # format 1 and 2 files only

        raw = bytes(raw)
        try:
            data = json.loads(gzip.decompress(raw).decode("utf-8") if raw[:2] == b"\x1f\x8b" else raw.decode("utf-8"))
        except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
            raise ModelError(f"model file {path} is truncated or corrupt ({type(exc).__name__})") from None
        body = None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{path} is not an editlint model file")
    layout_ok = (data.get("format_version") == FORMAT_VERSION) if body is not None else \
        (data.get("format_version") in READABLE and data.get("format_version") != FORMAT_VERSION)
    if not layout_ok or data.get("features_version") != F.FEATURES_VERSION:
        raise ModelError(f"model file {path} is of another version (format {data.get('format_version')}, "
                         f"features {data.get('features_version')}; this editlint reads "
                         f"{'/'.join(map(str, READABLE))}, {F.FEATURES_VERSION}): "
                         "rebuild it with `python -m editlint.models.train`")
    try:
        if body is not None:
            comps = _components_of(data, body)
        else:
            comps = [Component(kind=c["kind"], bias=float(c["bias"]), weights=None, groups=_groups(c),
                               centre=float(c["centre"]), spread=float(c["spread"]), factor=float(c["factor"]),
                               ngrams=int(c.get("ngrams", 2)), chars=bool(c.get("chars", True)))
                     for c in data["components"]]
        a, b = (float(x) for x in data["calibration"])
        model = Model(name=str(data["name"]), family=str(data["family"]), components=comps,
                      calibration=(a, b), meta=dict(data.get("meta") or {}), path=str(path))
        lexicon = data.get("lexicon")
        if lexicon and body is not None:
            sums = lexicon["sums"]
            if len(sums) != len(comps):
                raise ValueError("the lexicon does not match the components")
            # kept as one string and the sums' bytes (the file's mapping is let go), split
            # and read when first needed
            model._lexicon_text = _region(body, lexicon["words"]).decode("utf-8")
            model._pending = _LazySums([_region(body, at, 8) for at in sums])
        elif lexicon:
            sums = lexicon["sums"]
            if (not isinstance(lexicon["words"], str) or len(sums) != len(comps)
                    or not all(isinstance(x, str) for x in sums)):
                raise ValueError("the lexicon does not match the components")
            model.lexicon, model._pending = lexicon["words"].split("\n"), list(sums)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ModelError(f"model file {path} is malformed ({type(exc).__name__}: {exc})") from None
    if not comps or any(c.kind not in ("sentence", "token") or not c.spread > 0 for c in comps):
        raise ModelError(f"model file {path} is malformed (a component has an unknown kind or no spread)")
    return model
