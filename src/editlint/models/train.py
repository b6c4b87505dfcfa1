"""Rebuild the shipped models from the labelled corpora.

    python -m editlint.models.train [--corpora DIR] [--out DIR] [--only NAME] [--check]

needs the training extra (``pip install 'editlint[train]'``: scikit-learn, NumPy, SciPy) and
the corpora folder (``--corpora``, ``$EDITLINT_CORPORA``, or ``../shared/corpora``). Every
step is deterministic: fixed splits (a hash of each unit's group), a fixed order, a fixed
seed, single-threaded solvers; the files are written with sorted keys and weights rounded to
six significant digits, so the same corpora give the same bytes. ``--check`` trains again and
compares with the files in ``--out`` instead of writing them (exit 1 when they differ beyond
the tolerance stated in ``compare``).

The recipe (see MODEL_CARD.md for why):

- ``loaded-language``: a sentence component (logistic regression over word 1-2-grams and
  character 3-5-grams of each word) trained on BABE, Anno-lexical, WikiNPOV, the WNC sample
  and PTC lines (`Loaded_Language`, `Name_Calling,Labeling`), with BBC sentences as clean
  negatives weighted up; plus a token component (the word, its affixes and n-grams, its
  neighbours) trained on the words the annotators marked (BABE biased words, WNC edits, PTC
  spans) against every other word, BBC's included.
- ``unattributed-claim``: a sentence component over word 1-3-grams and character n-grams
  trained on CoNLL-2010 Wikipedia weasel sentences against BBC sentences.

Quoted passages are masked before features are read, in training as in linting.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

from editlint import prose
from editlint.models import MODEL_DIR, SUFFIX, corpora
from editlint.models import features as F
from editlint.models.scorer import Component, Model, read, write

SEED = 20261201


@dataclass
class Recipe:
    name: str
    family: str
    sets: list[str]
    sentence_ngrams: int = 2
    sentence_c: float = 0.3
    token: bool = True
    token_c: float = 1.0
    token_factor: float = 0.5
    bbc_weight: float = 10.0
    max_weights: int = 60_000           # per component, largest |weight| kept
    notes: list[str] = field(default_factory=list)


RECIPES = {
    corpora.LOADED: Recipe(corpora.LOADED, corpora.LOADED, ["babe", "anno_lexical", "wikinpov", "wnc", "ptc"]),
    corpora.UNATTRIBUTED: Recipe(corpora.UNATTRIBUTED, corpora.UNATTRIBUTED, ["conll2010"], sentence_ngrams=3,
                                 sentence_c=1.0, token=False),
}


def _require():
    try:
        import numpy  # noqa: F401
        import scipy.sparse  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        sys.exit("editlint: error: training needs the training extra: pip install 'editlint[train]'")


def masked_tokens(text: str) -> list[F.Token]:
    return F.tokenize_masked(text, prose.quote_spans(text))


# -- data --------------------------------------------------------------------------------

@dataclass
class Example:
    tokens: list[F.Token]
    label: int
    weight: float
    corpus: str
    token_labels: list[int] | None = None     # per token, where the words were annotated


def _token_labels(tokens: list[F.Token], spans: list[tuple[int, int]]) -> list[int]:
    return [0 if t.text == F.QUOTE else int(any(a < t.end and t.start < b for a, b in spans)) for t in tokens]


def load_examples(recipe: Recipe, root: Path) -> tuple[dict[str, list[Example]], list[Example], list[Example]]:
    """(labelled examples by part, BBC train sentences, BBC dev sentences)."""
    parts: dict[str, list[Example]] = {"train": [], "dev": []}
    for name in recipe.sets:
        for unit in corpora.SENTENCE_SETS[recipe.family][name](root):
            toks = masked_tokens(unit.text)
            labels = _token_labels(toks, unit.spans) if unit.has_spans else ([0] * len(toks) if unit.label == 0 else None)
            parts[unit.part].append(Example(toks, unit.label, 1.0, unit.corpus, labels))
    bbc = {"train": [], "dev": []}
    for art_id, para in corpora.bbc_paragraphs(root):
        part = corpora.split_of("bbc_news", art_id)
        quotes = prose.quote_spans(para)
        for a, b in prose.split_sentences(para):
            toks = F.tokenize_masked(para, quotes, a, b)
            bbc[part].append(Example(toks, 0, recipe.bbc_weight, "bbc_news", [0] * len(toks)))
    return parts, bbc["train"], bbc["dev"]


# -- fitting -----------------------------------------------------------------------------

class Vocabulary:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def rows(self, feature_rows: list[list[str]], grow: bool):
        """A CSR matrix of counts scaled by 1/sqrt(total count), as the scorer reads them."""
        import numpy as np
        import scipy.sparse as sp

        indptr, indices, data = [0], [], []
        for feats in feature_rows:
            counts: dict[int, int] = {}
            for f in feats:
                j = self.index.get(f)
                if j is None and grow:
                    j = self.index[f] = len(self.index)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            norm = F.scale(len(feats))
            for j in sorted(counts):
                indices.append(j)
                data.append(counts[j] * norm)
            indptr.append(len(indices))
        return sp.csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(len(feature_rows), len(self.index)))


def _balanced(y, w):
    import numpy as np

    y = np.asarray(y)
    w = np.asarray(w, dtype=float).copy()
    pos, neg = w[y == 1].sum(), w[y == 0].sum()
    w[y == 1] *= (pos + neg) / (2 * pos)
    w[y == 0] *= (pos + neg) / (2 * neg)
    return w


def _fit(X, y, w, c: float):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, tol=1e-5, random_state=SEED)
    clf.fit(X, y, sample_weight=_balanced(y, w))
    return float(clf.intercept_[0]), clf.coef_[0]


def _round(x: float) -> float:
    return float(f"{x:.6g}")


def _weights(vocab: Vocabulary, coef, keep: int) -> dict[str, float]:
    import numpy as np

    names = [None] * len(vocab.index)
    for f, j in vocab.index.items():
        names[j] = f
    order = np.lexsort((np.arange(len(coef)), -np.abs(coef)))[:keep]
    return {names[j]: _round(float(coef[j])) for j in sorted(order) if abs(coef[j]) >= 1e-4}


def sentence_rows(examples: list[Example], ngrams: int) -> list[list[str]]:
    return [F.flatten(F.sentence_features(e.tokens, ngrams)) for e in examples]


def train_sentence(recipe: Recipe, train: list[Example]) -> Component:
    vocab = Vocabulary()
    X = vocab.rows(sentence_rows(train, recipe.sentence_ngrams), grow=True)
    bias, coef = _fit(X, [e.label for e in train], [e.weight for e in train], recipe.sentence_c)
    return Component("sentence", _round(bias), _weights(vocab, coef, recipe.max_weights), 0.0, 1.0, 1.0,
                     ngrams=recipe.sentence_ngrams)


def train_token(recipe: Recipe, train: list[Example]) -> Component:
    rows, ys, ws = [], [], []
    for e in train:
        if e.token_labels is None:
            continue
        for feats, y, tok in zip(F.token_features(e.tokens), e.token_labels, e.tokens):
            if tok.text == F.QUOTE:
                continue
            rows.append(feats)
            ys.append(y)
            ws.append(e.weight)
    vocab = Vocabulary()
    X = vocab.rows(rows, grow=True)
    bias, coef = _fit(X, ys, ws, recipe.token_c)
    return Component("token", _round(bias), _weights(vocab, coef, recipe.max_weights), 0.0, 1.0, recipe.token_factor)


_SHARED: tuple | None = None     # (recipe, examples) for forked workers


def _fit_one(kind: str) -> Component:
    recipe, train = _SHARED
    return train_sentence(recipe, train) if kind == "sentence" else train_token(recipe, train)


def _fit_components(recipe: Recipe, train: list[Example]) -> list[Component]:
    """The components, fitted side by side in forked processes where the platform allows
    (each fit is single-threaded and deterministic, so the result is the same either way)."""
    global _SHARED
    kinds = ["sentence", "token"] if recipe.token else ["sentence"]
    _SHARED = (recipe, train)
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if len(kinds) > 1 and "fork" in multiprocessing.get_all_start_methods():
            with ProcessPoolExecutor(len(kinds), mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(_fit_one, kinds))
        return [_fit_one(k) for k in kinds]
    finally:
        _SHARED = None


def _raw_scorer(comp: Component) -> Model:
    """A model that scores with one component's raw arithmetic (centre 0, spread 1, factor 1)."""
    return Model("probe", "", [Component(comp.kind, comp.bias, comp.weights, 0.0, 1.0, 1.0, comp.ngrams, comp.chars)],
                 (1.0, 0.0), {})


def _quantile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def build(recipe: Recipe, root: Path, log=print) -> tuple[Model, dict]:
    """Train a model from ``root``; returns it and its development figures."""
    _require()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    parts, bbc_train, bbc_dev = load_examples(recipe, root)
    train = parts["train"] + bbc_train
    log(f"{recipe.name}: {len(parts['train'])} labelled + {len(bbc_train)} BBC sentences to train, "
        f"{len(parts['dev'])} labelled + {len(bbc_dev)} BBC sentences held out")
    comps = _fit_components(recipe, train)
    # put each component on the scale it has on clean news it never saw
    for comp in comps:
        probe = _raw_scorer(comp)
        raw = [probe.score(e.tokens).value for e in bbc_dev if e.tokens]
        comp.centre = _round(_quantile(raw, 0.5))
        comp.spread = _round(max(_quantile(raw, 0.99) - comp.centre, 1e-6))
    model = Model(recipe.name, recipe.family, comps, (1.0, 0.0), {}, lexicon=frequent_words(train))
    # calibrate: the probability that a labelled development sentence is a problem, given its score,
    # every corpus weighing the same
    dev = parts["dev"]
    values = np.array([model.score(e.tokens).value for e in dev])
    labels = np.array([e.label for e in dev])
    counts = {c: sum(1 for e in dev if e.corpus == c) for c in {e.corpus for e in dev}}
    w = np.array([1.0 / counts[e.corpus] for e in dev])
    cal = LogisticRegression(C=1e4, solver="liblinear", random_state=SEED).fit(
        values.reshape(-1, 1), labels, sample_weight=_balanced(labels, w))
    model.calibration = (_round(float(cal.coef_[0][0])), _round(float(cal.intercept_[0])))
    a, b = model.calibration
    conf = [_sigmoid(a * v + b) for v in values]
    clean = [model.score(e.tokens).confidence for e in bbc_dev if e.tokens]
    figures = evaluate(conf, dev, clean)
    model.meta = {
        "trained_on": {c: sum(1 for e in parts["train"] if e.corpus == c) for c in recipe.sets},
        "bbc_sentences": len(bbc_train),
        "recipe": {k: v for k, v in recipe.__dict__.items() if k not in ("notes",)},
        "development": figures,
        "seed": SEED,
    }
    return model, figures


LEXICON_SIZE = 40_000


def frequent_words(examples: list[Example], size: int = LEXICON_SIZE) -> list[str]:
    """The ``size`` most frequent word types of the training sentences (ties by the word):
    the file ships their sums, a cache for linting that changes no score."""
    counts: dict[str, int] = {}
    for e in examples:
        for t in e.tokens:
            if t.text != F.QUOTE and t.text != F.NUMBER:
                counts[t.text] = counts.get(t.text, 0) + 1
    return sorted(sorted(counts, key=lambda w: (-counts[w], w))[:size])


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def evaluate(confidences: list[float], dev: list[Example], clean: list[float]) -> dict:
    """Precision, recall and F1 per development corpus at the confidences that let through
    1 %, 0.5 % and 0.1 % of held-out BBC sentences (sentence level, quotes masked, before
    the rules' attribution context)."""
    clean = sorted(clean, reverse=True)
    out = {"bbc_sentences": len(clean)}
    for rate in (0.01, 0.005, 0.001):
        cut = clean[int(len(clean) * rate)]
        row = {"min_confidence": round(cut, 4)}
        for corpus in sorted({e.corpus for e in dev}):
            pairs = [(c > cut, e.label) for c, e in zip(confidences, dev) if e.corpus == corpus]
            tp = sum(1 for p, y in pairs if p and y)
            p = tp / max(1, sum(1 for p, _ in pairs if p))
            r = tp / max(1, sum(y for _, y in pairs))
            row[corpus] = {"precision": round(p, 3), "recall": round(r, 3),
                           "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "n": len(pairs)}
        out[f"bbc_rate_{rate}"] = row
    return out


# -- checking ----------------------------------------------------------------------------

def compare(built: Model, shipped: Model, probes: list[list[F.Token]], tolerance: float = 0.01) -> list[str]:
    """Differences that matter between a rebuilt model and the shipped one: other features,
    or a confidence that moves by more than ``tolerance`` on a probe sentence."""
    problems = []
    for a, b in zip(built.components, shipped.components):
        if set(a.weights) != set(b.weights):
            diff = len(set(a.weights) ^ set(b.weights))
            if diff > 0.001 * max(len(a.weights), 1):
                problems.append(f"{a.kind} component: {diff} features differ")
    if len(built.components) != len(shipped.components):
        problems.append("a different number of components")
    if set(built.lexicon) != set(shipped.lexicon):
        problems.append(f"the shipped word sums cover other words ({len(set(built.lexicon) ^ set(shipped.lexicon))} differ)")
    worst = max((abs(built.score(t).confidence - shipped.score(t).confidence) for t in probes), default=0.0)
    if worst > tolerance:
        problems.append(f"confidence differs by up to {worst:.4f} (tolerance {tolerance})")
    return problems


def probe_sentences() -> list[list[F.Token]]:
    """Sentences written for the rules' examples and tests, to compare two models on."""
    texts = [
        "The council approved the budget on Tuesday after a two-hour debate.",
        "These parasites in the town hall have bled the taxpayer dry for a decade.",
        "Some experts believe the scheme will never pay for itself.",
        "The minister said the figures would be published in March.",
        "A horde of bureaucrats rammed the plan through without a vote.",
        "It is widely thought that the deal was agreed in secret.",
    ]
    return [masked_tokens(t) for t in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m editlint.models.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=None, help="the corpora folder (default: $EDITLINT_CORPORA or ../shared/corpora)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where the model files go (default: the package)")
    parser.add_argument("--only", choices=sorted(RECIPES), action="append", help="build only this model")
    parser.add_argument("--check", action="store_true", help="compare with the files in --out instead of writing")
    args = parser.parse_args(argv)
    root = args.corpora or corpora.default_root()
    if not root.is_dir():
        print(f"editlint: error: no corpora folder at {root} (give --corpora or set EDITLINT_CORPORA)", file=sys.stderr)
        return 2
    status = 0
    for name in args.only or sorted(RECIPES):
        model, figures = build(RECIPES[name], root)
        target = args.out / f"{name}{SUFFIX}"
        if args.check:
            problems = compare(model, read(target), probe_sentences())
            print(f"{name}: {'matches ' + str(target) if not problems else '; '.join(problems)}")
            status = status or (1 if problems else 0)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            write(model, target)
            size = target.stat().st_size
            print(f"{name}: wrote {target} ({size / 1024:.0f} KiB, "
                  f"{sum(len(c.weights) for c in model.components)} weights)")
        for key, row in figures.items():
            if key.startswith("bbc_rate"):
                cells = "  ".join(f"{c} F1 {v['f1']:.2f}" for c, v in row.items() if isinstance(v, dict))
                print(f"  {key}: min-confidence {row['min_confidence']:.3f}  {cells}")
    return status


if __name__ == "__main__":
    sys.exit(main())
