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
FORMAT_VERSION = 1
_CACHE_LIMIT = 200_000     # word types remembered per component


class ModelError(RuleUnavailable):
    """A model file that is missing, unreadable, truncated or of another version."""


@dataclass
class Component:
    kind: str                       # "sentence" | "token"
    bias: float
    weights: dict[str, float]
    centre: float                   # raw score -> (raw - centre) / spread
    spread: float
    factor: float                   # weight of this component in the combined score
    ngrams: int = 2
    chars: bool = True
    _words: dict[str, tuple[float, int]] = field(default_factory=dict, repr=False)
    _grams: dict[tuple[str, ...], float] = field(default_factory=dict, repr=False)     # word n-grams
    _context: dict[str, dict] = field(default_factory=dict, repr=False)               # token neighbours

    def __post_init__(self) -> None:
        # n-gram and neighbour weights keyed by tuples of words: no string is built per token
        ctx: dict[str, dict] = {"pw=": {}, "nw=": {}, "bg=": {}, "bn=": {}}
        for f, w in self.weights.items():
            if self.kind == "sentence" and f[0].isdigit() and f[1] == " ":
                self._grams[tuple(f[2:].split(" "))] = w
            elif self.kind == "token" and f[:3] in ctx:
                body = f[3:]
                if f[0] == "b":
                    # "bg=prev_word", "bn=word_next": words never hold "_" (tokens are letters, digits)
                    key = tuple(body.split("_", 1)) if body.count("_") == 1 else None
                    if key is not None:
                        ctx[f[:3]][key] = w
                else:
                    ctx[f[:3]][body] = w
        self._context = ctx

    def word_part(self, word: str) -> tuple[float, int]:
        """(sum of the weights, number of features) of a word type's context-free features."""
        part = self._words.get(word)
        if part is None:
            if self.kind == "sentence":
                feats = ["w " + word, *("c " + g for g in F.char_ngrams(word))] if self.chars else ["w " + word]
            else:
                feats = F.word_features(word)
            get = self.weights.get
            part = (sum(get(f, 0.0) for f in feats), len(feats))
            if len(self._words) >= _CACHE_LIMIT:
                self._words.clear()
            self._words[word] = part
        return part


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

    def score(self, tokens: list[F.Token]) -> Score:
        words = [t.text for t in tokens]
        n = len(words)
        evidence = [0.0] * n
        value = 0.0
        peak = 0.0
        for comp in self.components:
            unit = comp.factor / comp.spread
            part = comp.word_part
            if comp.kind == "sentence":
                grams = comp._grams.get
                top = comp.ngrams
                own = [0.0] * n
                count = 0
                for i, w in enumerate(words):
                    s, c = part(w)
                    for k in range(2, top + 1):
                        if i >= k - 1:
                            s += grams(tuple(words[i - k + 1:i + 1]), 0.0)
                            c += 1
                    own[i] = s
                    count += c
                norm = F.scale(count)
                raw = comp.bias + sum(own) * norm
                value += (raw - comp.centre) * unit
                for i in range(n):
                    evidence[i] += own[i] * norm * unit
            else:
                ctx = comp._context
                pw, nw, bg, bn = ctx["pw="].get, ctx["nw="].get, ctx["bg="].get, ctx["bn="].get
                best = -math.inf
                prev = "<s>"
                for i, w in enumerate(words):
                    nxt = words[i + 1] if i + 1 < n else "</s>"
                    s, c = part(w)
                    s += pw(prev, 0.0) + nw(nxt, 0.0) + bg((prev, w), 0.0) + bn((w, nxt), 0.0)
                    raw = comp.bias + s * F.scale(c + 4)
                    if raw > best:
                        best = raw
                    lift = (raw - comp.centre) * unit
                    if lift > 0:
                        evidence[i] += lift
                        if lift > peak:
                            peak = lift
                    prev = w
                if n:
                    value += (best - comp.centre) * unit
        a, b = self.calibration
        return Score(confidence=_sigmoid(a * value + b), value=value, evidence=evidence, word_peak=peak)

    @property
    def card(self) -> str:
        return str(self.meta.get("card", ""))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


# -- files -----------------------------------------------------------------------------

def to_json(model: Model) -> dict[str, Any]:
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "features_version": F.FEATURES_VERSION,
        "name": model.name, "family": model.family,
        "calibration": list(model.calibration),
        "components": [{
            "kind": c.kind, "bias": c.bias, "centre": c.centre, "spread": c.spread, "factor": c.factor,
            "ngrams": c.ngrams, "chars": c.chars,
            "weights": dict(sorted(c.weights.items())),
        } for c in model.components],
        "meta": model.meta,
    }


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
    if data.get("format_version") != FORMAT_VERSION or data.get("features_version") != F.FEATURES_VERSION:
        raise ModelError(f"model file {path} is of another version (format {data.get('format_version')}, "
                         f"features {data.get('features_version')}; this editlint reads {FORMAT_VERSION}, "
                         f"{F.FEATURES_VERSION}): rebuild it with `python -m editlint.models.train`")
    try:
        comps = [Component(kind=c["kind"], bias=float(c["bias"]), weights={str(k): float(v) for k, v in c["weights"].items()},
                           centre=float(c["centre"]), spread=float(c["spread"]), factor=float(c["factor"]),
                           ngrams=int(c.get("ngrams", 2)), chars=bool(c.get("chars", True)))
                 for c in data["components"]]
        a, b = (float(x) for x in data["calibration"])
        model = Model(name=str(data["name"]), family=str(data["family"]), components=comps,
                      calibration=(a, b), meta=dict(data.get("meta") or {}), path=str(path))
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"model file {path} is malformed ({type(exc).__name__}: {exc})") from None
    if not comps or any(c.kind not in ("sentence", "token") or not c.spread > 0 for c in comps):
        raise ModelError(f"model file {path} is malformed (a component has an unknown kind or no spread)")
    return model
