"""The ``learned`` kind: a statistical model scores each sentence in the writer's own voice.

Word lists recognise the phrasings their authors thought of. A model trained on labelled
corpora (``editlint.models``) recognises the wording of sentences editors and annotators
marked, and generalises to words it never saw through their parts (character n-grams). What
the kind adds to the model is the same context the lexicon rules use
(:mod:`editlint.kinds.voice`):

- quoted passages and blockquotes are someone else's words: masked before scoring;
- with ``attribution: reported`` (loaded language), the words a named speaker is reported
  as saying ("the minister said the plan was a disgrace") are masked too, while the writer's
  own description of the speaker is not;
- with ``attribution: sentence`` (unattributed claims), a sentence that names its source (a
  named speaker with a reporting verb, "according to" someone named, a link, a citation
  marker) is not reported at all;
- a sentence that keeps its distance ("the baseless claim that ...", "conspiracy theorists
  say") is not reported (``clear_on_distance``).

A finding points at the words that carry the score (the largest contributions), names them,
and gives the model's confidence. ``min_confidence`` and ``max_confidence`` choose the band a
rule reports, so one model can back a warning rule (high confidence) and a softer ``info``
rule (the band below it).
"""

from __future__ import annotations

from typing import Iterator

import regex

from editlint import patternstore
from editlint.document import Block, Document, Sentence
from editlint.kinds import base, voice
from editlint.kinds.base import Kind
from editlint.records import Shown
from editlint.rule import Finding, Option

_BLOCK_SCOPE = ["title", "heading", "paragraph", "list_item", "table_cell", "caption"]

# Words never named as the carriers of a score: they carry it only with their neighbours.
_FUNCTION_WORDS = frozenset("""a an the and or but nor so yet for of in on at to by with from into onto upon
about as than then that this these those there here it its it's is are was were be been being am do does did
has have had having he she they we i you me him her them us my your his our their who whom whose which what
when where why how not no if all any each every some such only just also very too can could would should may
might must will shall s t""".split())
# ... and, for loaded language, the hearsay adverbs and reporting verbs: they are the
# unattributed-claim family's cues (its model may name them), not loaded wording
_NOT_LOADED = _FUNCTION_WORDS | frozenset("reportedly allegedly apparently supposedly said says told".split())


def _words_list(words: list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


class Scored(Shown):
    """A sentence and its model's confidence."""

    _unshown = ("text", "masks", "model")    # left out of the repr

    sentence: Sentence
    confidence: float | None            # None: not worked out, and at most ``bound``
    text: str                           # block.text
    masks: list | None                  # what was masked before scoring
    model: object
    word_peak: float
    bound: float                        # the confidence is at most this
    cleared: bool | None                # sourced or distanced? (asked lazily, of high scorers only)
    _phrases: list[tuple[int, int]] | None

    def __init__(self, sentence: Sentence, confidence: float | None, text: str, masks: list | None, model: object,
                 word_peak: float = 0.0, bound: float = 1.0, cleared: bool | None = None,
                 _phrases: list[tuple[int, int]] | None = None) -> None:
        self.sentence = sentence
        self.confidence = confidence
        self.text = text
        self.masks = masks
        self.model = model
        self.word_peak = word_peak
        self.bound = bound
        self.cleared = cleared
        self._phrases = _phrases

    @property
    def phrases(self) -> list[tuple[int, int]]:
        """Spans in block.text of the words that carry the score, best first (worked out only
        for sentences that are reported: their tokens and per-token evidence are computed
        again here, so a document's tokens are never all held at once)."""
        if self._phrases is None:
            from editlint.models import features as F

            tokens = F.tokenize_masked(self.text, self.masks or [], self.sentence.start, self.sentence.end)
            loaded = getattr(self.model, "family", "") == "loaded-language"
            self._phrases = _phrases(tokens, self.model.score(tokens).evidence,
                                     never=_NOT_LOADED if loaded else _FUNCTION_WORDS,
                                     names=_names(self.text, tokens) if loaded else frozenset())
        return self._phrases


class Learned(base.InCompany, Kind):
    """Report sentences a trained model scores as a problem of the rule's family."""

    KIND = "learned"
    OPTIONS = {
        "model": Option("loaded-language", "A built-in model (`loaded-language`, `unattributed-claim`) or the path of "
                        "a model file built with `python -m editlint.models.train` (relative to the current folder).",
                        type=str),
        "min_confidence": Option(0.9, "Report a sentence whose confidence is at least this (0-1).", type=float,
                                 check=lambda v: 0.0 <= v <= 1.0),
        "max_confidence": Option(1.0, "...and below this (1: no upper bound); a softer rule takes the band "
                                 "under a stronger one's `min-confidence`.", type=float,
                                 check=lambda v: 0.0 <= v <= 1.0),
        "min_word_evidence": Option(0.0, "Report only a sentence in which one word, in its context, carries at least "
                                    "this much of the score on its own (the model's word-level part; 0: no such "
                                    "condition). Keeps out sentences scored high for their topic alone.",
                                    type=float, check=lambda v: v >= 0.0),
        **base.COMPANY_OPTIONS,
        "attribution": Option("reported", "What a named source clears: `reported` (the words it is reported as "
                              "saying), `sentence` (the whole sentence) or `none`.",
                              check=lambda v: v in ("reported", "sentence", "none")),
        "clear_on_distance": Option(True, "Do not report a sentence that reports about a claim with distance "
                                    "(conspiracy theory, baseless, so-called, what X calls, ...)."),
        "links_clear": Option(True, "With `attribution: sentence`, a link in the sentence clears it."),
        "min_words": Option(4, "Sentences with fewer words of the writer's own are not scored.",
                            check=lambda v: v >= 1),
        "max_words_named": Option(3, "How many of the words that carry the score the message names.",
                                  check=lambda v: v >= 1),
        "scope": Option(list(_BLOCK_SCOPE), "Block kinds the rule reads.", type=list,
                        check=lambda v: all(s in base.BLOCK_KINDS for s in v)),
    }

    # learned findings give way to a lexicon rule of the same family on the same line
    defers = True

    _floors: dict[tuple, float] = {}        # _key() -> the lowest min_confidence of a rule with it
    _scopes: dict[tuple, set[str]] = {}     # _key() -> the block kinds of the rules with it

    def prepare(self) -> None:
        if self.options["max_confidence"] <= self.options["min_confidence"]:
            from editlint.rule import RuleError

            raise RuleError("option 'max-confidence' must be above 'min-confidence'")
        self._model = None
        self._failure = None
        # the lowest band of the rules that share these scores (any lower floor is as exact:
        # a rule works out what is above the bound itself, in check)
        key = self._key()
        # a band that needs company works out its sentences itself, in the few documents that
        # have it: it does not make every document's scores exact down to its band
        if not self.needs_company:
            Learned._floors[key] = min(Learned._floors.get(key, 1.0), self.options["min_confidence"])
        # the scores cover the blocks of every rule sharing them; each rule reports its own
        Learned._scopes.setdefault(key, set()).update(self.options["scope"])

    @property
    def model(self):
        """The model, loaded on first use (raises ``editlint.models.ModelError``)."""
        if self._model is None:
            from editlint import models

            if self._failure is not None:
                raise self._failure
            try:
                self._model = models.load(self.options["model"])
            except models.ModelError as exc:
                self._failure = exc     # reported once per file, never read again
                raise
        return self._model

    # -- scoring -------------------------------------------------------------------------
    def _key(self) -> tuple:
        o = self.options
        return ("learned", o["model"], o["attribution"], o["clear_on_distance"], o["links_clear"], o["min_words"])

    def scored(self, doc: Document) -> list[tuple[Block, Scored]]:
        """Every scored sentence of the document, computed once for all rules sharing the
        model and the context options (a warning rule and its softer info band)."""
        cache = doc.__dict__.setdefault("_editlint_learned", {})
        key = self._key()
        if key not in cache:
            model = self.model
            memo = cache.setdefault("words", _WordsMemo())
            floor = min(self.options["min_confidence"], Learned._floors.get(key, 1.0))
            out = []
            score = self._score
            kinds = Learned._scopes.get(key) or set(self.options["scope"])
            for block in doc.blocks:
                if block.kind not in kinds or block.kind == "quote" or "blockquote" in block.containers:
                    continue      # a pull quote or a blockquote: someone else's words
                for sentence in block.sentences:
                    s = score(model, block, sentence, memo, floor)
                    if s is not None:
                        out.append((block, s))
            cache[key] = out
        return cache[key]

    def _score(self, model, block: Block, sentence: Sentence, memo: _WordsMemo | None = None,
               floor: float | None = None) -> Scored | None:
        F = _features()
        opts = self.options
        text = block.text
        a, b = sentence.start, sentence.end
        masks = block.quotes_overlapping(a, b)
        if opts["attribution"] == "reported":
            masks += voice.reported_speech(text, a, b)
        # token texts only (no spans): shared with the other family's rules while the budget lasts
        words = memo.words(block, masks, a, b) if memo is not None else F.words_masked(text, masks, a, b)
        if len(words) - words.count(F.QUOTE) < opts["min_words"]:
            return None
        # a sentence that cannot reach the lowest band is not scored in full (a rule with a
        # lower band than the floor works it out when it is above the bound: _exact)
        confidence, word_peak, exact = model.judge_above(words, opts["min_confidence"] if floor is None else floor)
        if not exact:
            return Scored(sentence, None, text, masks or None, model, bound=confidence)
        return Scored(sentence, confidence, text, masks or None, model, word_peak, bound=confidence)

    def _exact(self, doc: Document, block: Block, s: Scored) -> None:
        """The confidence and word peak of a sentence scored only as far as its bound."""
        from editlint.models import features as F

        a, b = s.sentence.start, s.sentence.end
        memo = doc.__dict__.get("_editlint_learned", {}).get("words")
        masks = s.masks or []
        words = memo.words(block, masks, a, b) if memo is not None else F.words_masked(block.text, masks, a, b)
        s.confidence, s.word_peak = s.model.judge(words)

    # -- reporting -----------------------------------------------------------------------
    def _sourced(self, block: Block, s: Scored) -> bool:
        """Does the sentence keep its distance, or (``attribution: sentence``) name its source?
        Neither changes a score, so they are asked only of the few sentences that score high
        enough to be reported."""
        if s.cleared is None:
            opts = self.options
            a, b = s.sentence.start, s.sentence.end
            text = block.text
            s.cleared = bool(
                # the whole sentence: "blamed what he calls the deep state" keeps its distance even
                # though "what he calls ..." is masked as his reported words
                (opts["clear_on_distance"] and voice.distanced(text[a:b]))
                or (opts["attribution"] == "sentence"
                    and ((opts["links_clear"] and voice.has_link(block, a, b)) or voice.named_attribution(text, a, b))))
        return s.cleared

    def check(self, doc: Document) -> Iterator[Finding]:
        """One finding per block (a paragraph, a heading): at the surest sentence's strongest
        words, with the block's other reported sentences as related places."""
        need = self.needs_company
        if need:
            # what the other rules found so far (the engine runs this rule after them): counting
            # the learned rules' findings too, it is a bound on the company keep_company counts
            # after suppression, so a document that misses it cannot keep any finding of ours
            from editlint.engine import has_company

            found = doc.__dict__.get("_editlint_findings")
            if found is not None and not has_company(found, self.company_families, need, doc.word_count,
                                                     vouching=doc.__dict__.get("_editlint_vouching", frozenset())):
                return
        lo, hi = self.options["min_confidence"], self.options["max_confidence"]
        peak = self.options["min_word_evidence"]
        named = self.options["max_words_named"]
        by_block: dict[int, list[tuple[Block, Scored]]] = {}
        own = set(self.options["scope"])
        for block, s in self.scored(doc):
            if block.kind not in own:
                continue
            if s.confidence is None:
                if s.bound < lo:
                    continue
                self._exact(doc, block, s)
            if (lo <= s.confidence and (s.confidence < hi or hi >= 1.0) and s.word_peak >= peak and s.phrases
                    and not self._sourced(block, s)):
                by_block.setdefault(block.index, []).append((block, s))
        for hits in by_block.values():
            hits.sort(key=lambda h: (-h[1].confidence, h[1].sentence.start))
            block, best = hits[0]
            words = [block.text[x:y] for x, y in best.phrases[:named]]
            (x, y), rest = best.phrases[0], best.phrases[1:named]
            related = [self.related_at(doc, block, p, q, f"'{block.text[p:q]}' also carries the score")
                       for p, q in rest]
            for _, other in sorted(hits[1:], key=lambda h: h[1].sentence.start):
                p, q = other.phrases[0]
                related.append(self.related_at(
                    doc, block, p, q, f"'{block.text[p:q]}': another sentence of this paragraph "
                                      f"(confidence {other.confidence:.2f})"))
            yield self.report(doc, block, x, y, words=_words_list(words), confidence=f"{best.confidence:.2f}",
                              related=related)


class _WordsMemo:
    """Token texts of the sentences a learned rule read, for the rules of the other family
    (most sentences have the same masks for both), up to a number of tokens per document:
    a huge document is not held in memory word by word."""

    BUDGET = 100_000

    def __init__(self) -> None:
        self.memo: dict[tuple, list[str]] = {}
        self.left = self.BUDGET

    def words(self, block: Block, masks: list[tuple[int, int]], a: int, b: int) -> list[str]:
        key = (id(block), a, b, tuple(masks))     # the blocks live as long as the document and its memo
        words = self.memo.get(key)
        if words is None:
            words = _features().words_masked(block.text, masks, a, b)
            if len(words) <= self.left:
                self.left -= len(words)
                self.memo[key] = words
        return words


_F = None


def _features():
    """``editlint.models.features``, imported on first use (not when the rules are loaded)."""
    global _F
    if _F is None:
        from editlint.models import features

        _F = features
    return _F


_JOIN = patternstore.compile(r"[\s\-’']*")


def _names(text: str, tokens) -> frozenset[int]:
    """Indexes of the tokens that are names (capitalised inside the sentence: "Trump", "the
    Church", "Jews"): a name says whom a sentence is about, not how it is worded, so it never
    carries an emotive-wording finding. A title-cased headline, where every word has a capital,
    is read as written."""
    capital = [i for i, t in enumerate(tokens) if t.end - t.start > 1 and text[t.start].isupper()
               and text[t.start + 1].islower()]
    words = sum(1 for t in tokens if text[t.start].isalpha())
    if not capital or len(capital) >= 0.6 * words:
        return frozenset()
    return frozenset(i for i in capital if i > 0)


def _phrases(tokens, evidence: list[float], share: float = 0.35,
             never: frozenset = _FUNCTION_WORDS, names: frozenset = frozenset()) -> list[tuple[int, int]]:
    """Spans of the words that carry a score: content words whose evidence is at least
    ``share`` of the largest, adjacent ones joined into one phrase, strongest first; never a
    word in ``never`` or a token index in ``names``."""
    from editlint.models import features as F

    cand = [i for i, t in enumerate(tokens)
            if t.text not in (F.QUOTE, F.NUMBER) and t.text not in never and len(t.text) > 1
            and evidence[i] > 0 and i not in names]
    if not cand:
        return []
    top = max(evidence[i] for i in cand)
    keep = sorted(i for i in cand if evidence[i] >= share * top)
    groups: list[list[int]] = []
    for i in keep:
        if groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    groups.sort(key=lambda g: (-max(evidence[i] for i in g), g[0]))
    return [(tokens[g[0]].start, tokens[g[-1]].end) for g in groups]
