"""Scoring with a shipped model, in pure Python (no NumPy at lint time).

A model file (``*.json.gz``, see ``MODEL_CARD.md``) holds one or more linear *components*
over the features of :mod:`editlint.models.features`:

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

import gzip
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editlint.models import features as F
from editlint.rule import RuleUnavailable

FORMAT = "editlint-model"
FORMAT_VERSION = 2
READABLE = (1, 2)         # format 1: the same weights, one JSON member each
_CACHE_LIMIT = 100_000     # word types remembered per model
_LEXICON_AFTER = 1_000     # word types seen before the shipped sums are read


class ModelError(RuleUnavailable):
    """A model file that is missing, unreadable, truncated or of another version."""


def _prefix(feature: str) -> str:
    """The kind of a feature name, as the model file groups them: ``"c "``, ``"w "``, ``"2 "``
    (sentence features) or ``"c="``, ``"pw="``, ``"bg="`` (token features)."""
    i = min((j for j in (feature.find(" "), feature.find("=")) if j >= 0), default=-1)
    return feature[:i + 1]


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
        self._groups = groups           # prefix -> {rest of the feature name: weight}
        self._flat = dict(weights) if weights is not None else None
        self._known: dict[str, float] = {}      # word type -> the sum of its own weights, as the file ships it
        self._compile()

    def __repr__(self) -> str:
        return f"Component({self.kind!r}, {sum(len(g) for g in self._groups.values())} weights)"

    @property
    def weights(self) -> dict[str, float]:
        if self._flat is None:
            self._flat = {p + rest: w for p, group in self._groups.items() for rest, w in group.items()}
        return self._flat

    def _compile(self) -> None:
        g = self._groups
        empty: dict = {}
        if self.kind == "sentence":
            self._unigram = g.get("w ", empty)
            self._chargram = g.get("c ", empty)
            # "2 a b" -> _grams[2]["a"]["b"]; "3 a b c" -> _grams[3]["a"]["b"]["c"]
            self._grams: dict[int, dict] = {}
            for n in range(2, self.ngrams + 1):
                table: dict = {}
                for body, w in g.get(f"{n} ", empty).items():
                    words = body.split(" ")
                    if len(words) != n:
                        continue        # cannot be a feature of any sentence
                    node = table
                    for word in words[:-1]:
                        node = node.setdefault(word, {})
                    node[words[-1]] = w
                self._grams[n] = table
        else:
            self._unigram = g.get("w=", empty)
            self._chargram = g.get("c=", empty)
            self._p3, self._s3, self._s4 = g.get("p3=", empty), g.get("s3=", empty), g.get("s4=", empty)
            self._pw, self._nw = g.get("pw=", empty), g.get("nw=", empty)
            # "bg=prev_word" -> _bg["prev"]["word"]; "bn=word_next" -> _bn["word"]["next"]
            # (words never hold "_": tokens are letters, digits, apostrophes and hyphens)
            self._bg: dict[str, dict[str, float]] = {}
            self._bn: dict[str, dict[str, float]] = {}
            for prefix, table in (("bg=", self._bg), ("bn=", self._bn)):
                for body, w in g.get(prefix, empty).items():
                    if body.count("_") == 1:
                        a, b = body.split("_")
                        table.setdefault(a, {})[b] = w

    def record(self, word: str) -> tuple:
        """Everything this component reads of a word type, whatever its neighbours:

        - sentence: (sum of its own weights, their number, {next word: bigram weight} when it
          starts bigrams, {next: {next but one: trigram weight}} when it starts trigrams);
        - token: (sum of its own weights, 1/sqrt(their number + 4 neighbour features), its
          weight as the previous word, as the next word, {next: weight} of the bigrams it
          starts (``bg=``), {next: weight} of ``bn=`` features when it is the word scored).

        The sums add the same weights in the same order as :mod:`editlint.models.features`
        lists the features, so they are the same floats."""
        part = self._word_part(word)
        if self.kind == "sentence":
            return (*part, self._grams.get(2, {}).get(word), self._grams.get(3, {}).get(word))
        return (*part, self._pw.get(word, 0.0), self._nw.get(word, 0.0), self._bg.get(word), self._bn.get(word))

    def _word_part(self, word: str) -> tuple[float, float]:
        known = self._known.get(word)
        if known is None:
            return self.own_part(word)
        # the number of features is the word's length at work: 1 + affixes + character n-grams
        count = 1
        if word != F.QUOTE and word != F.NUMBER and (self.kind == "token" or self.chars):
            n = len(word) + 2
            count += (3 if self.kind == "token" else 0) + max(0, n - 2) + max(0, n - 3) + max(0, n - 4)
        return (known, count) if self.kind == "sentence" else (known, F.scale(count + 4))

    def own_part(self, word: str) -> tuple[float, float]:
        """A word type's context-free part, from the weights of its features."""
        get = self._chargram.get
        if self.kind == "sentence":
            values = [self._unigram.get(word, 0.0)]
            if self.chars and word != F.QUOTE and word != F.NUMBER:
                padded = f"<{word}>"
                n = len(padded)
                values += [get(padded[i:i + k], 0.0) for k in (3, 4, 5) for i in range(n - k + 1)]
            return sum(values), len(values)
        values = [self._unigram.get(word, 0.0)]
        if word != F.QUOTE and word != F.NUMBER:
            values += [self._p3.get(word[:3], 0.0), self._s3.get(word[-3:], 0.0), self._s4.get(word[-4:], 0.0)]
            padded = f"<{word}>"
            n = len(padded)
            values += [get(padded[i:i + k], 0.0) for k in (3, 4, 5) for i in range(n - k + 1)]
        return sum(values), F.scale(len(values) + 4)


@dataclass
class Score:
    confidence: float               # calibrated, 0..1
    value: float                    # the combined score before calibration
    evidence: list[float]           # per token: how much it pushes the score up (combined units)
    word_peak: float = 0.0          # the largest lift a token component gives one word in its context


@dataclass
class Model:
    name: str
    family: str
    components: list[Component]
    calibration: tuple[float, float]    # confidence = sigmoid(a * value + b)
    meta: dict[str, Any]
    path: str = ""
    # frequent word types (in the training sentences) whose own sums the file ships, so an
    # archive does not work them out from their character n-grams one by one
    lexicon: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._pending: list[str] | None = None      # the file's sums per component, read when needed
        # word type -> one record per component (Component.record): one look-up per token
        self._records: dict[str, tuple] = {}
        self._start = [c.record("<s>") if c.kind == "token" else None for c in self.components]
        self._end = [c.record("</s>") if c.kind == "token" else None for c in self.components]

    def _record(self, word: str) -> tuple:
        if self._pending is not None and len(self._records) >= _LEXICON_AFTER:
            self._use_lexicon()
        rec = tuple(c.record(word) for c in self.components)
        if len(self._records) >= _CACHE_LIMIT:
            self._records.clear()
        self._records[word] = rec
        return rec

    def _use_lexicon(self) -> None:
        """Read the shipped sums (a single article never needs them: they pay off after a
        thousand word types). A table that disagrees with the weights on a sample of its
        words is not used: the sums are then worked out, and the scores stay the same."""
        sums, self._pending = self._pending, None
        for comp, values in zip(self.components, sums or []):
            try:
                table = dict(zip(self.lexicon, map(float, values.split(" "))))
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

    def confidence(self, words: list[str]) -> float:
        return self.judge(words)[0]

    def _value(self, words: list[str], evidence: list[float] | None) -> tuple[float, float]:
        """The combined score before calibration and the word peak (the largest lift a token
        component gives one word); fills ``evidence`` (per token) when given.
        The arithmetic is that of the training features, in their order
        (tests/test_models.py pins it to the plain sum over ``features.sentence_features`` /
        ``token_features``)."""
        n = len(words)
        records = self._records
        rows = [records.get(w) or self._record(w) for w in words]
        value = 0.0
        peak = 0.0
        for j, comp in enumerate(self.components):
            unit = comp.factor / comp.spread
            if comp.kind == "sentence":
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
                value += (raw - comp.centre) * unit
                if evidence is not None:
                    for i in range(n):
                        evidence[i] += own[i] * norm * unit
            else:
                bias, centre = comp.bias, comp.centre
                per_token = evidence is not None or not unit > 0
                best = -math.inf
                before = self._start[j]          # "<s>" before the first word, "</s>" after the last
                end = self._end[j]
                for i, w in enumerate(words):
                    r = rows[i][j]
                    if i + 1 < n:
                        nxt, after = words[i + 1], rows[i + 1][j]
                    else:
                        nxt, after = "</s>", end
                    around = before[2] + after[3]
                    follow = before[4]
                    if follow is not None:
                        around += follow.get(w, 0.0)
                    follow = r[5]
                    if follow is not None:
                        around += follow.get(nxt, 0.0)
                    raw = bias + (r[0] + around) * r[1]
                    if raw > best:
                        best = raw
                    if per_token:
                        lift = (raw - centre) * unit
                        if lift > 0:
                            if evidence is not None:
                                evidence[i] += lift
                            if lift > peak:
                                peak = lift
                    before = r
                if n:
                    value += (best - centre) * unit
                    if not per_token:
                        # a lift grows with its raw score (unit > 0): the best word's is the largest
                        lift = (best - centre) * unit
                        if lift > peak:
                            peak = lift
        return value, peak

    @property
    def card(self) -> str:
        return str(self.meta.get("card", ""))


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
        "format": FORMAT, "format_version": FORMAT_VERSION, "features_version": F.FEATURES_VERSION,
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


def write(model: Model, path: Path) -> None:
    """Write a model file byte for byte reproducibly (sorted keys, no time stamp in the gzip header)."""
    data = json.dumps(to_json(model), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
        gz.write(data)


def read(path: Path) -> Model:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"model file {path} does not exist") from None
    except OSError as exc:
        raise ModelError(f"cannot read model file {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(gzip.decompress(raw).decode("utf-8") if raw[:2] == b"\x1f\x8b" else raw.decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"model file {path} is truncated or corrupt ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{path} is not an editlint model file")
    if data.get("format_version") not in READABLE or data.get("features_version") != F.FEATURES_VERSION:
        raise ModelError(f"model file {path} is of another version (format {data.get('format_version')}, "
                         f"features {data.get('features_version')}; this editlint reads "
                         f"{'/'.join(map(str, READABLE))}, {F.FEATURES_VERSION}): "
                         "rebuild it with `python -m editlint.models.train`")
    try:
        comps = [Component(kind=c["kind"], bias=float(c["bias"]), weights=None, groups=_groups(c),
                           centre=float(c["centre"]), spread=float(c["spread"]), factor=float(c["factor"]),
                           ngrams=int(c.get("ngrams", 2)), chars=bool(c.get("chars", True)))
                 for c in data["components"]]
        a, b = (float(x) for x in data["calibration"])
        model = Model(name=str(data["name"]), family=str(data["family"]), components=comps,
                      calibration=(a, b), meta=dict(data.get("meta") or {}), path=str(path))
        lexicon = data.get("lexicon")
        if lexicon:
            sums = lexicon["sums"]
            if (not isinstance(lexicon["words"], str) or len(sums) != len(comps)
                    or not all(isinstance(x, str) for x in sums)):
                raise ValueError("the lexicon does not match the components")
            model.lexicon, model._pending = lexicon["words"].split("\n"), list(sums)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"model file {path} is malformed ({type(exc).__name__}: {exc})") from None
    if not comps or any(c.kind not in ("sentence", "token") or not c.spread > 0 for c in comps):
        raise ModelError(f"model file {path} is malformed (a component has an unknown kind or no spread)")
    return model
