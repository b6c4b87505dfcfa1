"""The features the shipped models read, in pure Python: the same code extracts them for
training (``editlint.models.train``) and for linting, so the two can never drift apart.

A *sentence* model reads word n-grams and character n-grams of each word; a *token* model
reads, for one word, the word itself, its affixes and character n-grams, and its neighbours.
Features are counted and scaled by the square root of their total count, so a sentence's
score is a sum over its words: the part each word contributes is cached per word type, and
the words that carry a score can be named.

Text in quotation marks is not the writer's: callers replace it by :data:`QUOTE` (one token)
before extracting, as training did.
"""

from __future__ import annotations

import math
import re
from typing import Iterable

import regex

from editlint import patternstore
from editlint.records import Record, frozen_error

FEATURES_VERSION = 1

# Words as the models see them: letters with inner apostrophes and hyphens, numbers (all
# numbers look alike to a model of wording), and the stand-in for a quotation.
_TOKEN = patternstore.compile(r"\p{L}[\p{L}\p{M}\p{Nd}]*(?:['’\-]\p{L}[\p{L}\p{M}\p{Nd}]*)*|\p{Nd}+(?:[.,]\p{Nd}+)*%?|[!?]|\u2033")
QUOTE = "\u2033"          # a quotation, masked: one token for the whole quoted passage
NUMBER = "0"


class Token(Record):
    """A token the models score. Frozen, and hashed by its fields, as a frozen dataclass is."""

    __slots__ = ("text", "start", "end")

    text: str       # lower-cased, numbers folded to "0"
    start: int      # span in the text it came from
    end: int

    def __init__(self, text: str, start: int, end: int) -> None:
        set_field = object.__setattr__
        set_field(self, "text", text)
        set_field(self, "start", start)
        set_field(self, "end", end)

    def __setattr__(self, name: str, value: object) -> None:
        raise frozen_error(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise frozen_error(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __getstate__(self) -> tuple:        # pickle and copy set no attribute
        return (self.text, self.start, self.end)

    def __setstate__(self, state: tuple) -> None:
        Token.__init__(self, *state)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        t = m.group()
        if t[0].isdigit():
            t = NUMBER
        out.append(Token(t.lower(), m.start(), m.end()))
    return out


def tokenize_masked(text: str, masks: list[tuple[int, int]], start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with every masked span (a quotation, someone else's
    reported words) replaced by one :data:`QUOTE` token."""
    end = len(text) if end is None else end
    out: list[Token] = []
    pos = start
    for a, b in sorted(masks):
        if b <= pos or a >= end:
            continue
        out += tokenize(text, pos, max(pos, a))
        out.append(Token(QUOTE, max(a, start), min(b, end)))
        pos = min(b, end)
    out += tokenize(text, pos, end)
    return out


# _TOKEN on lower-cased ASCII text, for the standard library's faster engine (\p{L} is
# [a-z] there, \p{Nd} is [0-9], \p{M} and the typographic marks never occur)
_ASCII_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:['\-][a-z][a-z0-9]*)*|[0-9]+(?:[.,][0-9]+)*%?|[!?]")
_DIGITS = frozenset("0123456789")


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The texts of :func:`tokenize`'s tokens, without their spans: what scoring reads."""
    end = len(text) if end is None else end
    part = text[start:end]
    if part.isascii():      # lower-casing ASCII moves no token boundary
        return [NUMBER if t[0] in _DIGITS else t for t in _ASCII_TOKEN.findall(part.lower())]
    return [NUMBER if t[0].isdigit() else t.lower() for t in _TOKEN.findall(text, start, end)]


def words_masked(text: str, masks: list[tuple[int, int]], start: int = 0, end: int | None = None) -> list[str]:
    """The texts of :func:`tokenize_masked`'s tokens (the same masking, step for step)."""
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for a, b in sorted(masks):
        if b <= pos or a >= end:
            continue
        out += words(text, pos, max(pos, a))
        out.append(QUOTE)
        pos = min(b, end)
    out += words(text, pos, end)
    return out


def char_ngrams(word: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams of a word padded with < and >, as scikit-learn's ``char_wb``."""
    if word == QUOTE or word == NUMBER:
        return []
    padded = f"<{word}>"
    n = len(padded)
    return [padded[i:i + k] for k in range(low, high + 1) for i in range(n - k + 1)]


def sentence_features(tokens: list[Token], ngrams: int = 2, chars: bool = True) -> list[list[str]]:
    """Per token, the sentence-model features it owns: its word, its character n-grams and
    the word n-grams it ends (so every feature belongs to exactly one token)."""
    words = [t.text for t in tokens]
    out = []
    for i, w in enumerate(words):
        feats = ["w " + w]
        for n in range(2, ngrams + 1):
            if i >= n - 1:
                feats.append(f"{n} " + " ".join(words[i - n + 1:i + 1]))
        if chars:
            feats.extend("c " + g for g in char_ngrams(w))
        out.append(feats)
    return out


def word_features(word: str) -> list[str]:
    """The token model's features of a word type (cacheable: no context)."""
    if word in (QUOTE, NUMBER):
        return ["w=" + word]
    return ["w=" + word, "p3=" + word[:3], "s3=" + word[-3:], "s4=" + word[-4:],
            *("c=" + g for g in char_ngrams(word))]


def context_features(words: list[str], i: int) -> list[str]:
    prev = words[i - 1] if i else "<s>"
    nxt = words[i + 1] if i + 1 < len(words) else "</s>"
    w = words[i]
    return ["pw=" + prev, "nw=" + nxt, "bg=" + prev + "_" + w, "bn=" + w + "_" + nxt]


def token_features(tokens: list[Token]) -> list[list[str]]:
    words = [t.text for t in tokens]
    return [word_features(w) + context_features(words, i) for i, w in enumerate(words)]


def scale(count: int) -> float:
    return 1.0 / math.sqrt(count) if count else 0.0


def flatten(groups: Iterable[list[str]]) -> list[str]:
    return [f for g in groups for f in g]
