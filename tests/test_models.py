"""The shipped models and the learned rules (LL109, LL110, LL112, UC108, UC109): files that load and
score deterministically, the writer's-voice context, findings that name their words, broken
model files reported once, and the training command rebuilding what ships."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from engine_helpers import run_subprocess

from editlint import models
from editlint.models import corpora, scorer
from editlint.models import features as F

ROOT = Path(__file__).resolve().parent.parent


def tokens(text: str):
    from editlint import prose

    return F.tokenize_masked(text, prose.quote_spans(text))


def test_builtin_models_load_small_and_versioned():
    for name in models.BUILTIN:
        path = models.resolve(name)
        assert path.is_file() and path.stat().st_size < 3 * 1024 * 1024
        model = models.load(name)
        assert model.family == name and model.components
        assert 0 < len(model.components[0].weights) <= 60_000
        assert model.meta["development"]["bbc_sentences"] > 10_000


def test_scores_are_deterministic_and_name_the_carrying_words():
    model = models.load("loaded-language")
    sentence = tokens("The radical left-wing mob of thugs and lunatics destroyed the city.")
    first, second = model.score(sentence), model.score(list(sentence))
    assert first == second
    assert 0.0 <= first.confidence <= 1.0
    neutral = model.score(tokens("The council approved the budget by seven votes to five on Tuesday."))
    assert first.confidence > neutral.confidence + 0.3
    top = max(range(len(sentence)), key=lambda i: first.evidence[i])
    assert sentence[top].text in {"mob", "thugs", "lunatics", "radical", "left-wing"}


def test_quotations_are_masked_before_scoring():
    toks = tokens('"These people are vermin and parasites," the protester shouted.')
    assert toks[0].text == F.QUOTE and "vermin" not in [t.text for t in toks]


def _check(tmp_path, text: str, *args: str, name: str = "a.md"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return run_subprocess("check", "--no-cache", "--isolated", "--format", "json", *args, name, cwd=tmp_path)


def test_loaded_wording_in_the_writers_voice_is_reported_with_its_words(tmp_path):
    r = _check(tmp_path, "The radical left-wing mob of thugs and lunatics destroyed the city.\n", "--select", "LL109")
    found = json.loads(r.out)
    assert r.code == 1 and [f["code"] for f in found] == ["LL109"]
    f = found[0]
    assert "confidence 0." in f["message"] and "'" in f["message"] and f["severity"] == "warning"
    text = (tmp_path / "a.md").read_text()
    assert text[f["column"] - 1:f["end_column"] - 1] in f["message"]


@pytest.mark.parametrize("text", [
    '"The radical left-wing mob of thugs and lunatics destroyed the city," Ms Ortega said.\n',
    "Ms Ortega said the radical left-wing mob of thugs and lunatics had destroyed the city.\n",
    "> The radical left-wing mob of thugs and lunatics destroyed the city.\n",
    "Conspiracy theorists falsely claim that a radical mob of thugs and lunatics destroyed the city.\n",
])
def test_someone_elses_words_are_not_the_writers(tmp_path, text):
    r = _check(tmp_path, text, "--select", "LL109,LL110")
    assert json.loads(r.out) == [], text


def test_a_named_source_clears_an_unattributed_claim(tmp_path):
    flagged = _check(tmp_path, "The method is generally regarded as reliable among several schools.\n",
                     "--select", "UC108")
    assert [f["code"] for f in json.loads(flagged.out)] == ["UC108"]
    cleared = _check(tmp_path, "The method is generally regarded as reliable among several schools, "
                               "Professor Anna Kiel said.\n", "--select", "UC108")
    assert json.loads(cleared.out) == []


def test_one_finding_per_paragraph_with_the_other_sentences_related(tmp_path):
    text = ("The radical left-wing mob of thugs and lunatics destroyed the city. "
            "The council met on Tuesday. The crazed radical thugs and their lunatic mob wrecked the square.\n")
    (tmp_path / "editlint.toml").write_text("[rules.LL109]\nmin-confidence = 0.5\n")
    (tmp_path / "a.md").write_text(text)
    r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL109", "a.md", cwd=tmp_path)
    found = json.loads(r.out)
    assert len(found) == 1
    assert any("another sentence of this paragraph" in r["message"] for r in found[0].get("related", []))


def test_a_lexicon_rule_on_the_same_line_takes_precedence(tmp_path):
    text = "The deep state and its radical left-wing mob of thugs and lunatics destroyed the city.\n"
    codes = [f["code"] for f in json.loads(_check(tmp_path, text, "--select", "LL").out)]
    assert "LL101" in codes and "LL109" not in codes


def test_min_confidence_is_an_option(tmp_path):
    text = "The radical left-wing mob of thugs and lunatics destroyed the city.\n"
    (tmp_path / "editlint.toml").write_text("[rules.LL109]\nmin-confidence = 0.99\n")
    (tmp_path / "a.md").write_text(text)
    r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL109", "a.md", cwd=tmp_path)
    assert r.code == 0 and json.loads(r.out) == []


_SNEER = "The so-called experts have been wrong about every forecast since March.\n\n"
_HALF_LOADED = "Their bloated little empire of managers keeps growing while the rest of us pay.\n"
_PLAIN = ("The council met on Tuesday in the town hall and agreed the budget for the coming year, "
          "after a short debate about the price of bus passes.\n\n")


def _codes(tmp_path, text: str, name: str = "a.md") -> list[str]:
    return [f["code"] for f in json.loads(_check(tmp_path, text, "--select", "LL", name=name).out)]


def test_the_company_band_reports_only_beside_the_familys_lexicon_findings(tmp_path):
    """LL112: a sentence in its band is reported in an article a lexicon rule already reports
    (LL105 here), not on its own, and never with only a learned rule for company."""
    assert _codes(tmp_path, _SNEER + _HALF_LOADED) == ["LL105", "LL112"]
    assert _codes(tmp_path, _HALF_LOADED) == []
    learned_only = "The radical left-wing mob of thugs and lunatics destroyed the city.\n\n" + _HALF_LOADED
    assert _codes(tmp_path, learned_only) == ["LL109"]


def test_the_company_band_leaves_a_line_another_family_reports_to_it(tmp_path):
    """An unsourced claim in the half-loaded sentence is UC's problem, not a second LL one."""
    claim = "Their bloated little empire of managers, insiders say, keeps growing while the rest of us pay.\n"
    found = json.loads(_check(tmp_path, _SNEER + claim, "--select", "LL,UC").out)
    assert "LL112" not in [f["code"] for f in found] and any(f["code"].startswith("UC") for f in found)
    found = json.loads(_check(tmp_path, _SNEER + claim, "--select", "LL").out)
    assert [f["code"] for f in found] == ["LL105", "LL112"]


def test_a_suppressed_finding_is_no_company(tmp_path):
    text = "<!-- editlint-disable-next-line LL105 -->\n" + _SNEER + _HALF_LOADED
    assert _codes(tmp_path, text) == []


def test_company_is_counted_per_1000_words_and_per_line(tmp_path):
    # one sneer in a 1,100-word article is a slip, not loaded wording throughout
    assert _codes(tmp_path, _SNEER + _HALF_LOADED + _PLAIN * 40) == ["LL105"]
    # three lines with sneers in the same article are enough (two per 1,000 words) ...
    thrice = _SNEER + _HALF_LOADED + "\n" + _PLAIN * 20 + _SNEER + _PLAIN * 20 + _SNEER
    assert _codes(tmp_path, thrice) == ["LL105", "LL112", "LL105", "LL105"]
    # ... and the option asks for more
    (tmp_path / "editlint.toml").write_text("[rules.LL112]\nneeds-company = 4.0\n")
    (tmp_path / "b.md").write_text(thrice)
    r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL", "b.md", cwd=tmp_path)
    assert [f["code"] for f in json.loads(r.out)] == ["LL105", "LL105", "LL105"]


def test_unsourced_claims_keep_company_too_unless_the_option_says_otherwise(tmp_path):
    text = "Insiders say the board has already picked a successor.\n\n" + _HALF_LOADED
    found = json.loads(_check(tmp_path, text, "--select", "LL,UC").out)
    assert [f["code"] for f in found] == ["UC101", "LL112"]
    # the unsourced claim is company only when its rule runs
    assert _codes(tmp_path, text) == []
    (tmp_path / "editlint.toml").write_text('[rules.LL112]\ncompany = ["loaded-language"]\n')
    (tmp_path / "c.md").write_text(text)
    r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL,UC", "c.md", cwd=tmp_path)
    assert [f["code"] for f in json.loads(r.out)] == ["UC101"]
    (tmp_path / "editlint.toml").write_text('[rules.LL112]\ncompany = ["sports"]\n')
    r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL", "c.md", cwd=tmp_path)
    assert r.code == 2 and "company" in r.err


def test_the_company_band_does_not_score_a_document_that_cannot_keep_it(linter, monkeypatch):
    """LL112 runs after the other rules and skips scoring where their findings so far cannot
    make company: the same findings, without the model's work on clean copy."""
    from editlint.config import Config
    from editlint.kinds.learned import Learned
    from editlint.parsers import parse

    rules = {r.code: r for r in linter.ruleset(Config())}
    scored = []
    original = Learned.scored

    def counting(self, doc):
        scored.append(self.code)
        return original(self, doc)

    monkeypatch.setattr(Learned, "scored", counting)
    pair = [rules["LL112"], rules["LL105"]]          # the company rule first: the engine reorders
    found = linter.run(parse(_HALF_LOADED, "a.md", "markdown"), Config(), pair)
    assert found == [] and scored == []
    found = linter.run(parse(_SNEER + _HALF_LOADED, "b.md", "markdown"), Config(), pair)
    assert [f.code for f in found] == ["LL105", "LL112"] and scored == ["LL112"]


def test_word_peak_is_the_strongest_word_level_lift():
    model = models.load("loaded-language")
    toks = tokens("The radical left-wing mob of thugs and lunatics destroyed the city.")
    token_only = scorer.Model("probe", "", [c for c in model.components if c.kind == "token"], model.calibration, {})
    lifts = token_only.score(toks).evidence
    assert model.score(toks).word_peak == pytest.approx(max(lifts), abs=1e-12) and max(lifts) > 0.5
    # a model without a word-level component has no peak: the option must then stay 0
    assert models.load("unattributed-claim").score(toks).word_peak == 0.0


def test_min_word_evidence_keeps_out_sentences_no_word_carries(tmp_path):
    """The same sentence, the same confidence band: reported while one word carries enough of
    the score on its own, not once the option asks more of its strongest word."""
    text = "The radical left-wing mob of thugs and lunatics destroyed the city.\n"
    (tmp_path / "a.md").write_text(text)
    for peak, expect in ((0.0, ["LL110"]), (50.0, [])):
        (tmp_path / "editlint.toml").write_text(
            f"[rules.LL110]\nmin-confidence = 0.3\nmax-confidence = 1.0\nmin-word-evidence = {peak}\n")
        r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL110", "a.md", cwd=tmp_path)
        assert [f["code"] for f in json.loads(r.out)] == expect, peak


def test_hearsay_words_are_never_named_as_loaded_wording(tmp_path):
    """'reportedly' can lift a sentence's score (the corpora's biased sentences use it), but it
    is the unattributed-claim family's cue, not an emotive word: the message never names it."""
    text = "The legendary commander is reportedly carrying a letter from the president to the summit.\n"
    (tmp_path / "a.md").write_text(text)
    (tmp_path / "editlint.toml").write_text(
        "[rules.LL110]\nmin-confidence = 0.05\nmax-confidence = 1.0\nmin-word-evidence = 0.0\n")
    r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL110", "a.md", cwd=tmp_path)
    found = json.loads(r.out)
    assert found, "the sentence scores in this band"
    assert all("'reportedly'" not in f["message"] and "'said'" not in f["message"] for f in found)


def test_names_are_never_named_as_loaded_wording(tmp_path):
    """A name inside a sentence ("the Church", "Jews", "Trump") says whom it is about, not how it
    is worded: the message points at the words instead (a title-cased headline is read as written)."""
    text = ("After a while the officials found groups of Jews in Halden calling for the establishment of a state.\n\n"
            "We must ask God to put an end to this crisis of the Church.\n")
    (tmp_path / "a.md").write_text(text)
    (tmp_path / "editlint.toml").write_text(
        "[rules.LL110]\nmin-confidence = 0.05\nmax-confidence = 1.0\nmin-word-evidence = 0.0\n")
    r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL110", "a.md", cwd=tmp_path)
    found = json.loads(r.out)
    assert len(found) == 2, "both sentences score in this band"
    for name in ("Jews", "Halden", "God", "Church"):
        assert all(f"'{name}'" not in f["message"] for f in found), name


@pytest.mark.parametrize("damage", ["missing", "truncated", "version", "not-a-model", "bit-flip",
                                    "json-truncated", "json-version"])
def test_a_broken_model_is_one_line_and_exit_2_and_the_other_rules_run(tmp_path, damage):
    good = models.resolve("loaded-language").read_bytes()
    path = tmp_path / "mine.model"
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 3])
    elif damage == "version":
        assert good.startswith(b"editlint-model 3 ")
        path.write_bytes(b"editlint-model 99 " + good[len(b"editlint-model 3 "):])
    elif damage == "bit-flip":
        at = len(good) * 2 // 3
        path.write_bytes(good[:at] + bytes([good[at] ^ 1]) + good[at + 1:])
    elif damage.startswith("json"):             # a format 2 file, as earlier editlints wrote
        data = scorer.to_json(models.load("loaded-language"))
        if damage == "json-version":
            data["format_version"] = 99
        raw = gzip.compress(json.dumps(data).encode())
        path.write_bytes(raw[: len(raw) // 3] if damage == "json-truncated" else raw)
    elif damage == "not-a-model":
        path.write_text('{"hello": "world"}')
    (tmp_path / "editlint.toml").write_text(f'[rules.LL109]\nmodel = "{path}"\n')
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text("The deep state runs the council. A second, calm sentence follows here.\n")
    r = run_subprocess("check", "--no-cache", "--format", "json", "--select", "LL101,LL109",
                       "a0.md", "a1.md", "a2.md", cwd=tmp_path)
    assert r.code == 2
    lines = [ln for ln in r.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "LL109" in lines[0] and str(path) in lines[0], r.err
    assert "Traceback" not in r.err
    assert sorted(f["code"] for f in json.loads(r.out)) == ["LL101"] * 3


def test_models_load_only_when_a_learned_rule_runs(tmp_path):
    (tmp_path / "a.md").write_text("Some text for the readability rules only.\n")
    code = ("import sys; from editlint.cli import main; main(['check', '--no-cache', '--isolated', "
            "'--select', 'RD', 'a.md']); print('editlint.models.scorer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_corpus_splits_are_stable():
    assert corpora.split_of("babe", "a sentence") == corpora.split_of("babe", "a sentence")
    parts = [corpora.split_of("babe", f"unit {i}") for i in range(2000)]
    assert 0.15 < parts.count("dev") / len(parts) < 0.25
    bbc = [corpora.split_of("bbc_news", f"bbc-{i}") for i in range(2000)]
    assert 0.45 < bbc.count("dev") / len(bbc) < 0.55


def test_write_is_byte_reproducible(tmp_path):
    model = models.load("unattributed-claim")
    a, b = tmp_path / "a.model", tmp_path / "b.model"
    scorer.write(model, a)
    scorer.write(scorer.read(a), b)
    assert a.read_bytes() == b.read_bytes() == models.resolve("unattributed-claim").read_bytes()
    c, d = tmp_path / "c.json.gz", tmp_path / "d.json.gz"       # format 2, still written and read
    scorer.write_json(model, c)
    scorer.write_json(scorer.read(c), d)
    assert c.read_bytes() == d.read_bytes()


CORPORA = corpora.default_root()


@pytest.mark.skipif(not (CORPORA / "conll2010_wikiweasel").is_dir(),
                    reason="the labelled corpora are not here (set EDITLINT_CORPORA)")
@pytest.mark.skipif(not all(__import__("importlib").util.find_spec(m) for m in ("sklearn", "numpy", "scipy")),
                    reason="the training extra is not installed (pip install 'editlint[train]')")
def test_training_rebuilds_the_shipped_models():
    """`python -m editlint.models.train --check` retrains every model from the corpora and
    compares with the shipped file: the same features, confidences within 0.01."""
    proc = subprocess.run([sys.executable, "-m", "editlint.models.train", "--check", "--corpora", str(CORPORA)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("matches") == len(models.BUILTIN)


@pytest.mark.parametrize("name", models.BUILTIN)
def test_scorer_arithmetic_is_the_training_features(name):
    """The scorer's cached, tuple-keyed arithmetic gives what the training features give:
    bias + (sum of the weights of a sentence's features) / sqrt(their count), per component."""
    import math

    model = models.load(name)
    toks = tokens("These so-called experts keep telling us the radical plan is probably safe, many believe.")
    words = [t.text for t in toks]
    for comp in model.components:
        probe = scorer.Model("probe", "", [scorer.Component(comp.kind, comp.bias, comp.weights, 0.0, 1.0, 1.0,
                                                            comp.ngrams, comp.chars)], (1.0, 0.0), {})
        got = probe.score(toks).value
        if comp.kind == "sentence":
            feats = F.flatten(F.sentence_features(toks, comp.ngrams))
            want = comp.bias + sum(comp.weights.get(f, 0.0) for f in feats) / math.sqrt(len(feats))
        else:
            rows = F.token_features(toks)
            want = max(comp.bias + sum(comp.weights.get(f, 0.0) for f in row) / math.sqrt(len(row)) for row in rows)
        assert got == pytest.approx(want, abs=1e-9), (comp.kind, words)


def test_the_company_band_gives_way_to_a_cue_found_in_company(tmp_path):
    """'Most passengers think ...' is the unnamed crowd's line (UC115, itself a reading in
    company): the model's soft band on the same line would be a second, vaguer finding."""
    crowd = "Most regular passengers think their bloated little empire of managers keeps growing while the rest of us pay.\n"
    found = [f["code"] for f in json.loads(_check(tmp_path, _SNEER + crowd, "--select", "LL,UC").out)]
    assert found == ["LL105", "UC115"]
    # without the cue's rule the band reports the line
    assert _codes(tmp_path, _SNEER + crowd) == ["LL105", "LL112"]
