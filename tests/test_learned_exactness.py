"""The learned layer's fast paths give exactly what the plain computation gives: the scorer's
lookup tables against a sum over the training features read straight from the model file,
the confidence without evidence against the full score, token texts against tokens, the
reported-speech screen against the reporting-verb pattern, and both file layouts."""

from __future__ import annotations

import gzip
import json
import math
import random
import struct
import zlib
from pathlib import Path

import pytest

from editlint import models, prose
from editlint.kinds import learned, voice
from editlint.models import features as F
from editlint.models import scorer

ROOT = Path(__file__).resolve().parent.parent
BBC = Path("/work/shared/corpora/bbc_news/train.jsonl")

HAND = [
    "The radical left-wing mob of thugs and lunatics destroyed the city.",
    "These so-called experts keep telling us the radical plan is probably safe, many believe.",
    "It is widely thought that the deal was agreed in secret; sources say 80% of staff knew.",
    '"These people are vermin," the protester shouted, before Ms Diaz said the plan was a disgrace.',
    "A horde of bureaucrats rammed the plan through without a vote!? Nobody asked why.",
    "Ein Wähler sagte: Das ist ein Skandal. Café owners in Zürich disagreed.",
    "x", "", "the the the the the", "1,000 3.5% 2024 12", "Well-known, bought-and-paid-for, it's ‘quoted’ stuff.",
]


def _sentences() -> list[str]:
    """Sentences of the project's own texts (fixtures, examples, seed articles) and a sample
    of BBC News read where the corpora are present (nothing of them is kept)."""
    texts = list(HAND)
    for base in (ROOT / "tests" / "fixtures", ROOT / "examples"):
        for path in sorted(base.rglob("*")):
            if path.suffix in (".md", ".txt", ".html") and path.is_file():
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
    if BBC.exists():
        rng = random.Random(7)
        lines = BBC.read_text(encoding="utf-8").splitlines()
        for line in rng.sample(lines, min(30, len(lines))):
            texts += json.loads(line)["paragraphs"]
    out = []
    for text in texts:
        for para in text.split("\n\n"):
            out += [para[a:b] for a, b in prose.split_sentences(para)] or [para]
    return out


SENTENCES = _sentences()


def _file_layout(raw: bytes) -> tuple[dict, bytes]:
    """A format 3 file's header and data, read with nothing of the scorer: the first line
    ``editlint-model 3 <header bytes> <data bytes> <crc32>``, the JSON header, the data."""
    first, _, rest = raw.partition(b"\n")
    magic, version, head_len, body_len, crc = first.split(b" ")
    assert (magic, version) == (b"editlint-model", b"3") and len(rest) == int(head_len) + int(body_len)
    assert zlib.crc32(rest) == int(crc, 16)
    return json.loads(rest[:int(head_len)]), rest[int(head_len):]


def _with_layout(header: dict, body: bytes) -> bytes:
    head = json.dumps(header, sort_keys=True).encode()
    return b"editlint-model 3 %d %d %08x\n" % (len(head), len(body), zlib.crc32(head + body)) + head + body


def _lines(body: bytes, at: list[int]) -> list[str]:
    return body[at[0]:at[0] + at[1]].decode("utf-8").split("\n") if at[1] else []


def _floats(body: bytes, at: list[int], code: str = "d") -> list:
    return list(struct.unpack(f"<{at[1] // struct.calcsize(code)}{code}", body[at[0]:at[0] + at[1]]))


def _file_weights(name: str) -> tuple[dict, list[dict[str, float]]]:
    """The model file's header and each component's weights as one flat dict, read directly
    (flat groups: names and float64 weights; nested ones: first words, their starts, the
    rest of each name and its weight)."""
    data, body = _file_layout(models.resolve(name).read_bytes())
    flat = []
    for c in data["components"]:
        weights = {}
        for prefix, at in c["flat"].items():
            weights.update((prefix + k, v) for k, v in zip(_lines(body, at["names"]), _floats(body, at["weights"]),
                                                         strict=True))
        for prefix, at in c["nested"].items():
            sep = "_" if prefix in ("bg=", "bn=") else " "
            heads, starts = _lines(body, at["heads"]), _floats(body, at["starts"], "i")
            rests, values = _lines(body, at["rests"]), _floats(body, at["weights"])
            assert len(starts) == len(heads) + 1 and starts[-1] == len(rests) == len(values)
            for i, head in enumerate(heads):
                for j in range(starts[i], starts[i + 1]):
                    weights[prefix + head + sep + rests[j]] = values[j]
        flat.append(weights)
    return data, flat


def _reference(data: dict, flat: list[dict[str, float]], toks: list[F.Token]) -> tuple[float, list[float], float]:
    """The combined score, per-token evidence and word peak (the largest lift of one word in
    a token component), by the plain sum over the training features."""
    value, evidence, peak = 0.0, [0.0] * len(toks), 0.0
    for c, weights in zip(data["components"], flat):
        unit = c["factor"] / c["spread"]
        if c["kind"] == "sentence":
            rows = F.sentence_features(toks, c["ngrams"])
            total = sum(len(r) for r in rows)
            norm = 1 / math.sqrt(total) if total else 0.0
            own = [sum(weights.get(f, 0.0) for f in row) for row in rows]
            value += (c["bias"] + sum(own) * norm - c["centre"]) * unit
            for i, o in enumerate(own):
                evidence[i] += o * norm * unit
        else:
            raws = [c["bias"] + sum(weights.get(f, 0.0) for f in row) / math.sqrt(len(row))
                    for row in F.token_features(toks)]
            if raws:
                value += (max(raws) - c["centre"]) * unit
            for i, r in enumerate(raws):
                evidence[i] += max(0.0, (r - c["centre"]) * unit)
                peak = max(peak, (r - c["centre"]) * unit)
    return value, evidence, peak


@pytest.mark.parametrize("name", models.BUILTIN)
def test_scores_are_the_plain_sum_over_the_training_features(name):
    model = models.load(name)
    data, flat = _file_weights(name)
    a, b = data["calibration"]
    assert len(SENTENCES) > 200
    for text in SENTENCES:
        toks = F.tokenize_masked(text, prose.quote_spans(text))
        got = model.score(toks)
        value, evidence, peak = _reference(data, flat, toks)
        assert got.value == pytest.approx(value, abs=1e-9), text
        assert got.confidence == pytest.approx(1 / (1 + math.exp(-(a * value + b))), abs=1e-9), text
        assert got.evidence == pytest.approx(evidence, abs=1e-9), text
        assert got.word_peak == pytest.approx(peak, abs=1e-9), text


@pytest.mark.parametrize("name", models.BUILTIN)
def test_confidence_from_token_texts_is_the_full_scores(name):
    model = models.load(name)
    fresh = scorer.read(models.resolve(name))       # nothing cached yet: first sight of every word
    for text in SENTENCES:
        masks = prose.quote_spans(text) + voice.reported_speech(text)
        toks = F.tokenize_masked(text, masks)
        words = F.words_masked(text, masks)
        assert words == [t.text for t in toks]
        full = model.score(toks)
        assert fresh.judge(words) == (full.confidence, full.word_peak) == model.judge(words)


def test_the_reported_speech_screen_never_hides_a_reporting_verb():
    assert voice._VERB_SET is not None       # the screen is on for the built-in verb list
    tricky = ["SAID", "Said", "ſaid", "said-so", "unsaid", "said_x", "x_said", "said2", "2said", "said’s",
              "ﬁnds", "Told.", "(told)", "TELLS", "tellsx", "K said", "said\u0301", "ſtated"]
    cases = SENTENCES + tricky + [f"He {w} it." for w in tricky]
    for text in cases:
        for a, b in [(0, len(text))] + [(i, len(text) - i) for i in (1, 2, 3) if 2 * i < len(text)]:
            if not voice.may_have_reporting_verb(text[a:b]):
                assert voice._VERB.search(text[a:b]) is None, (text, a, b)
                assert voice.reported_speech(text, a, b) == [], (text, a, b)
    assert voice.may_have_reporting_verb("Ms Diaz said the plan was a disgrace.")


def test_both_file_layouts_read_to_the_same_model(tmp_path):
    model = models.load("unattributed-claim")
    data = scorer.to_json(model)
    for c, comp in zip(data["components"], model.components):     # format 1: one member per weight
        del c["features"]
        c["weights"] = dict(sorted(comp.weights.items()))
    data["format_version"] = 1
    old = tmp_path / "old.json.gz"
    old.write_bytes(gzip.compress(json.dumps(data).encode()))
    again = scorer.read(old)
    assert [c.weights for c in again.components] == [c.weights for c in model.components]
    for text in SENTENCES[:200]:
        words = F.words(text)
        assert again.confidence(words) == model.confidence(words)


@pytest.mark.parametrize("name", models.BUILTIN)
def test_the_shipped_word_sums_are_what_the_weights_give(name):
    model = scorer.read(models.resolve(name))
    assert len(model.lexicon) >= 10_000 and model._pending is not None
    model._use_lexicon()
    for comp in model.components:
        assert len(comp._known) == len(model.lexicon)
        for word in model.lexicon:
            assert comp._word_part(word) == comp.own_part(word), word


def _shipped_json() -> dict:
    """The shipped model as format 2 data (gzip-compressed JSON), to edit by hand."""
    return scorer.to_json(scorer.read(models.resolve("unattributed-claim")))


def test_word_sums_that_disagree_with_the_weights_are_not_used(tmp_path):
    data = _shipped_json()
    sums = data["lexicon"]["sums"][0].split(" ")
    data["lexicon"]["sums"][0] = " ".join(["0.0"] * len(sums))       # edited by hand
    path = tmp_path / "edited.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    header, body = _file_layout(models.resolve("unattributed-claim").read_bytes())
    at = header["lexicon"]["sums"][0]
    binary = tmp_path / "edited.model"           # the same edit in a format 3 file
    binary.write_bytes(_with_layout(header, body[:at[0]] + bytes(at[1]) + body[at[0] + at[1]:]))
    shipped = models.load("unattributed-claim")
    for edited in (scorer.read(path), scorer.read(binary)):
        edited._use_lexicon()
        assert edited.components[0]._known == {}
        for text in SENTENCES[:300]:
            words = F.words(text)
            assert edited.confidence(words) == shipped.confidence(words)


def test_word_sums_that_are_not_numbers_are_not_used(tmp_path):
    data = _shipped_json()
    data["lexicon"]["sums"][0] = "not numbers"
    path = tmp_path / "edited.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    edited = scorer.read(path)
    edited._use_lexicon()
    assert edited.components[0]._known == {}
    words = F.words("Many experts believe the plan was agreed in secret.")
    assert edited.confidence(words) == models.load("unattributed-claim").confidence(words)


@pytest.mark.parametrize("name", models.BUILTIN)
def test_the_binary_layout_reads_to_the_same_model_as_json(name, tmp_path):
    """Format 3 against format 2 written from it: the same weights, word sums and scores
    (and the nested tables, built per word, the same as nesting the flat groups)."""
    model = scorer.read(models.resolve(name))
    path = tmp_path / "m.json.gz"
    scorer.write_json(model, path)
    other = scorer.read(path)
    assert [c.weights for c in other.components] == [c.weights for c in model.components]
    assert other.lexicon == model.lexicon and other.meta == model.meta and other.calibration == model.calibration
    for text in SENTENCES:
        words = F.words(text)
        assert other.judge(words) == model.judge(words), text
    for a, b in zip(model.components, other.components):
        tables = [(a._bg, b._bg), (a._bn, b._bn)] if a.kind == "token" else [(a._grams[n], b._grams[n]) for n in a._grams]
        for lazy, plain in tables:
            for word in list(plain)[::7] + ["not-a-word"]:
                assert lazy.get(word) == plain.get(word), word
    model._use_lexicon(), other._use_lexicon()
    assert [c._known for c in model.components] == [c._known for c in other.components]


@pytest.mark.parametrize("name", models.BUILTIN)
def test_the_upper_bound_never_hides_a_sentence_above_the_floor(name, monkeypatch):
    """``judge_above`` gives ``judge``'s floats, or an upper bound under the floor of a
    sentence whose confidence is below it; also when the records are dropped midway."""
    model = scorer.read(models.resolve(name))
    sentences = [F.words(t) for t in SENTENCES] + [["the"], ["0"], [F.QUOTE], ["x"] * 40, [F.QUOTE, "0", "i"]]
    for limit in (scorer._CACHE_LIMIT, 7):
        monkeypatch.setattr(scorer, "_CACHE_LIMIT", limit)
        for floor in (0.0, 0.05, 0.3, 0.58, 0.7, 0.9):
            for words in sentences:
                if not words:
                    continue
                got = model.judge_above(words, floor)
                want = model.judge(words)
                if got[2]:
                    assert got[:2] == want, words
                else:
                    assert want[0] <= got[0] < floor, words
