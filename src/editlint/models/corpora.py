"""Readers for the labelled corpora the models are trained and measured on.

Each corpus folder (``shared/corpora/<name>/``) has its own README: source, licence, format
and counts. This module turns each into labelled units and splits every unit, by a hash of
its group (an article, a sentence pair, a sentence), into a ``train`` and a ``dev`` part.
The shipped models are trained on ``train`` only; ``dev`` is what the model card's figures
and ``benchmarks/accuracy.py`` measure, so no reported figure comes from training data.
BBC News (clean copy) is split in halves: one half trains the models not to fire on clean
news, the other (``dev``) calibrates the thresholds and measures false-positive rates.

Standard library only; nothing of the corpora is copied into the package.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

SALT = "editlint-models-v1:"
DEV_SHARE = 0.20          # of every labelled corpus
BBC_DEV_SHARE = 0.50      # of BBC News: the clean-news calibration half

LOADED = "loaded-language"
UNATTRIBUTED = "unattributed-claim"

# PTC techniques that are loaded language in editlint's sense.
PTC_LOADED = frozenset({"Loaded_Language", "Name_Calling,Labeling"})


@dataclass
class Unit:
    """One labelled sentence (or line, or message)."""

    corpus: str
    id: str
    text: str
    label: int                          # 1: a problem of the family, 0: not
    group: str                          # what the split is decided by
    spans: list[tuple[int, int]] = field(default_factory=list)   # the words that carry the label, if known
    has_spans: bool = False             # whether ``spans`` were annotated (else unknown)

    @property
    def part(self) -> str:
        return split_of(self.corpus, self.group)


@dataclass
class Article:
    """A labelled article (PTC) or a clean one (BBC): lines with labels."""

    corpus: str
    id: str
    text: str
    line_labels: dict[int, int]         # 1-based line -> 1/0 (non-empty lines only)
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def part(self) -> str:
        return split_of(self.corpus, self.id)


def split_of(corpus: str, group: str) -> str:
    share = BBC_DEV_SHARE if corpus == "bbc_news" else DEV_SHARE
    h = int.from_bytes(hashlib.sha256((SALT + corpus + ":" + group).encode("utf-8")).digest()[:8], "big")
    return "dev" if h % 10_000 < share * 10_000 else "train"


def default_root() -> Path:
    """``$EDITLINT_CORPORA``, else ``../shared/corpora`` from the current folder or the checkout."""
    env = os.environ.get("EDITLINT_CORPORA")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *here.parents):
        cand = base.parent / "shared" / "corpora"
        if cand.is_dir():
            return cand
    return Path("/work/shared/corpora")


def _jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _word_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    import regex

    spans = []
    for w in words:
        if w.strip():
            spans += [m.span() for m in regex.finditer(r"(?<!\w)" + regex.escape(w.strip()) + r"(?!\w)", text, regex.I)]
    return spans


# -- loaded language ---------------------------------------------------------------------

def babe(root: Path) -> Iterator[Unit]:
    for d in _jsonl(root / "babe" / "train.jsonl"):
        if d["label"] in ("biased", "non-biased"):
            y = int(d["label"] == "biased")
            yield Unit("babe", d["id"], d["text"], y, d["text"],
                       _word_spans(d["text"], d.get("biased_words") or []) if y else [], has_spans=True)


def anno_lexical(root: Path) -> Iterator[Unit]:
    for name in ("train.jsonl", "dev.jsonl"):
        for d in _jsonl(root / "anno_lexical" / name):
            yield Unit("anno_lexical", d["id"], d["text"], int(d["label"] == "biased"), d["text"])


def wikinpov(root: Path) -> Iterator[Unit]:
    for d in _jsonl(root / "wikinpov_hube2019" / "train.jsonl"):
        yield Unit("wikinpov", d["id"], d["text"], int(d["label"] == "biased"), d["text"])


def wnc(root: Path) -> Iterator[Unit]:
    for d in _jsonl(root / "wnc_pryzant_sample" / "train.jsonl"):
        y = int(d["label"] == "biased")
        spans = [(s["start"], s["end"]) for s in d.get("spans") or []] if y else []
        yield Unit("wnc", d["id"], d["text"], y, d["pair_id"], spans, has_spans=True)


def ptc(root: Path) -> Iterator[Article]:
    base = root / "ptc_semeval2020" / "train"
    for d in _jsonl(base / "labels.jsonl"):
        text = (base / d["file"]).read_text(encoding="utf-8")
        labels = {}
        for i, line in enumerate(text.split("\n"), 1):
            if line.strip():
                labels[i] = int(bool(set(d["line_techniques"].get(str(i), [])) & PTC_LOADED))
        spans = [(s["start"], s["end"]) for s in d["spans"] if s["technique"] in PTC_LOADED]
        yield Article("ptc", d["id"], text, labels, spans)


def ptc_lines(root: Path) -> Iterator[Unit]:
    """PTC as labelled lines (one sentence a line), with the loaded spans of each line."""
    for art in ptc(root):
        pos = 0
        for i, line in enumerate(art.text.split("\n"), 1):
            if i in art.line_labels:
                spans = [(max(a, pos) - pos, min(b, pos + len(line)) - pos) for a, b in art.spans
                         if a < pos + len(line) and pos < b]
                yield Unit("ptc", f"{art.id}:{i}", line, art.line_labels[i], art.id, spans, has_spans=True)
            pos += len(line) + 1


def pan(root: Path) -> Iterator[Unit]:
    """PAN 2024 (conspiracy vs critical Telegram messages): a sample of 21 for reading only."""
    for d in _jsonl(root / "pan2024_oppositional_en" / "train_sample.jsonl"):
        yield Unit("pan", d["id"], d["text"], int(d["label"] == "conspiracy"), d["id"])


# -- unattributed claims -------------------------------------------------------------------

def conll(root: Path) -> Iterator[Unit]:
    for d in _jsonl(root / "conll2010_wikiweasel" / "train.jsonl"):
        yield Unit("conll2010", d["id"], d["text"], int(d["label"] == "uncertain"), d["text"])


def szeged(root: Path) -> Iterator[Unit]:
    for d in _jsonl(root / "wikiweasel_szeged" / "dev.jsonl"):
        if d.get("part") == "Text":
            yield Unit("szeged", d["id"], d["text"], int(d["label"] == "uncertain"), d["doc_id"],
                       [(c["start"], c["end"]) for c in d.get("cues") or []], has_spans=True)


def claimbuster(root: Path) -> Iterator[Unit]:
    for d in _jsonl(root / "claimbuster_2_5xncs" / "train.jsonl"):
        yield Unit("claimbuster", d["id"], d["text"], int(d["label"] == "check-worthy"), d["text"])


# -- clean news -------------------------------------------------------------------------

def bbc(root: Path) -> Iterator[Article]:
    for d in _jsonl(root / "bbc_news" / "train.jsonl"):
        yield Article("bbc_news", d["id"], d["text"], {})


def bbc_paragraphs(root: Path) -> Iterator[tuple[str, str]]:
    """(article id, paragraph) of every BBC article, title excluded."""
    for d in _jsonl(root / "bbc_news" / "train.jsonl"):
        for p in d["paragraphs"]:
            yield d["id"], p


SENTENCE_SETS = {
    LOADED: {"babe": babe, "anno_lexical": anno_lexical, "wikinpov": wikinpov, "wnc": wnc, "ptc": ptc_lines},
    UNATTRIBUTED: {"conll2010": conll},
}
