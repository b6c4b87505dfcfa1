"""The throughput shortcuts of issue 13 (branch rt) give exactly what the plain ways give:
compiled prefilter tests, RE2 screens called below google-re2's wrapper, sentences' words
cut from the block's words, KS101's one-pass tokens, readability counts per spelling."""

from __future__ import annotations

import random

import pytest

from editlint import parsers, prefilter, prose, readability, screen
from editlint.document import Block
from editlint.kinds import query_ngrams as q

ALPHABET = "ab c.D'’-1,2 %.\n?!\"“”U.S. Mr. e\u0301 ß İ ΣΑΣ. 3.5. 10,000 x-y 'tis\u00a0\t"


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = ["", " ", "The cat sat. Then it left!", "Mr. Smith's 3.5% rise (U.S.) — 'quoted' words.",
           "A word-\njoined line. Éclair naïve coöperate.", "x" * 10, "1,000,000 and 2.5. 3"]
    out += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 240))) for _ in range(n)]
    return out


def _blocks(texts: list[str]) -> list[Block]:
    return [b for t in texts for b in parsers.parse(t, "t.txt", "text").blocks]


def _reference(req, folded: str) -> bool:
    kind = req[0]
    if kind == "atom":
        return req[1] in folded
    if kind == "and":
        return all(_reference(p, folded) for p in req[1])
    if kind == "or":
        return any(_reference(p, folded) for p in req[1])
    return True


def test_a_compiled_requirement_answers_as_the_requirement_reads():
    rng = random.Random(3)
    atoms = ["ab", "c", "d.", "x", "1,", " e", "zz", "ß"]

    def make(depth: int):
        if depth == 0 or rng.random() < 0.3:
            return ("atom", rng.choice(atoms))
        return (rng.choice(["and", "or"]), [make(depth - 1) for _ in range(rng.randint(1, 4))])

    for _ in range(300):
        req = make(4)
        test = prefilter.compile_test(req)
        for text in _texts(5, rng.randint(0, 10**6)):
            folded = text.lower()
            assert test(folded) == _reference(req, folded), (req, text)
            assert prefilter.satisfied(req, folded) == _reference(req, folded)


def test_a_wide_requirement_answers_as_the_requirement_reads():
    """An ``or`` wider than prefilter._WIDE_OR is tested through its index of literals' first
    prefilter.PIECE characters (short literals, nested parts and ``and``s without a literal
    first are always tried)."""
    rng = random.Random(5)
    atoms = ["ab", "c", "abc", "abcab", "abcabd", "bcab ", " abca", "b cab", "ß", "cabab", "dabca", "a b c",
             "cc", "abcd", "abcabca", "ab ca b"]

    def make(depth: int):
        if depth == 0 or rng.random() < 0.3:
            return ("atom", rng.choice(atoms))
        kind = rng.choice(["and", "or"])
        width = rng.randint(1, 40) if kind == "or" else rng.randint(1, 4)
        return (kind, [make(depth - 1) for _ in range(width)])

    for _ in range(100):
        req = ("or", [make(3) for _ in range(rng.randint(prefilter._WIDE_OR + 1, 60))])
        test = prefilter.compile_test(req)
        texts = ["".join(rng.choice(atoms + [" ", "x"]) for _ in range(rng.randint(0, 12))) for _ in range(8)]
        for text in _texts(3, rng.randint(0, 10**6)) + texts:
            folded = text.lower()
            assert test(folded) == _reference(req, folded), (req, text)
    # each part of a lexicon, alone in a text, is found (and an ``and`` only with its other part)
    lexicon = [f"{w} {v}" for w in ("deep", "shadow", "be", "the") for v in ("state", "government", "x")]
    req = ("or", [("atom", w) for w in lexicon] + [("and", [("atom", w + "!"), ("atom", "zz")]) for w in lexicon])
    test = prefilter.compile_test(req)
    for w in lexicon:
        assert test(f"a {w} b") and test(w) and test(w + "!zz") and not test(w[:-1])
    assert not test("nothing of it") and not test("deep") and not test("")


@pytest.mark.skipif(not screen.available(), reason="google-re2 is not installed")
def test_a_screen_answers_as_re2s_public_search(monkeypatch):
    import re2

    patterns = [r"(?i:deep\s+state|false\s+flag)", r"(?i:\p{Lu}\p{Ll}+\s+(?:said|say))", r"(?i:’s\s+sources?)"]
    texts = _texts(200, 5) + ["the Deep  State again", "Officials SAID so", "the minister’s sources"]
    for pattern in patterns:
        obj = re2.compile(pattern, screen._options())
        raw = screen._raw_match(obj)
        assert raw is not None
        for text in texts:
            data = text.encode("utf-8")
            assert (raw[0](raw[1], data, 0, len(data))[0] != (-1, -1)) == (obj.search(text) is not None)
    # without the underlying call, the public search answers
    monkeypatch.setattr(screen, "_raw_match", lambda obj: None)
    monkeypatch.setattr(screen, "_set_of_one", lambda translated: None)
    screens = screen.ScreenSet()
    index = screens.register(r"deep\s+state", True)
    monkeypatch.setattr(screen, "SCREEN_AFTER_CHARS", 0)
    assert screens.may_match(index, "the deep state", True) and not screens.may_match(index, "a shallow pool", True)


def test_each_sentence_gets_the_words_prose_finds_in_it():
    blocks = _blocks(_texts(1500, 7))
    assert blocks
    for block in blocks:
        expected = [prose.WORD.findall(block.text, s.start, s.end) for s in block.sentences]
        assert block.sentence_words == expected, block.text
        assert [prose.words(block.text[s.start:s.end]) for s in block.sentences] == expected
        assert list(block.words) == [m.span() for m in prose.WORD.finditer(block.text)]


def test_a_long_block_keeps_no_sentence_words(monkeypatch):
    monkeypatch.setattr(Block, "SENTENCE_WORDS_CHARS", 20)
    block = parsers.parse("One two three four five. Six seven eight nine ten.", "t.txt", "text").blocks[0]
    assert block.sentence_words is None
    assert list(block.words) == [m.span() for m in prose.WORD.finditer(block.text)]
    counts = readability.block_counts(block)
    assert (counts.words, counts.sentences) == (10, 2)


def _tokens(texts: list[str]):
    out = []
    for text in texts:
        doc = parsers.parse(text, "t.txt", "text")
        vocab = q.Vocabulary()
        toks = [q.Tokens(b, vocab) for b in doc.blocks]
        out.append(([(t.starts.tolist(), t.ends.tolist(), t.keys.tolist(), t.sents.tolist(), bytes(t.flags))
                     for t in toks], list(vocab.words)))
    return out


def test_ks101_tokens_are_the_same_split_at_once_or_in_chunks(monkeypatch):
    texts = _texts(800, 11) + [" ".join(_texts(300, 12)).replace("\n", " ")]
    monkeypatch.setattr(q.Tokens, "SPLIT_CHARS", 10**9)
    at_once = _tokens(texts)
    monkeypatch.setattr(q.Tokens, "SPLIT_CHARS", -1)
    assert _tokens(texts) == at_once
    # and as the token pattern reads them
    for (blocks, words), text in zip(at_once, texts):
        for block, (starts, ends, keys, sents, flags) in zip(parsers.parse(text, "t.txt", "text").blocks, blocks):
            assert list(zip(starts, ends)) == [m.span() for m in q._TOKEN.finditer(block.text)]


def test_readability_counts_per_spelling_are_the_plain_counts():
    readability._WORD_COUNTS.clear()
    for block in _blocks(_texts(400, 13)):
        c = readability.block_counts(block)
        plain = readability.Counts()
        for s in block.sentences:
            words = prose.words(block.text[s.start:s.end])
            if not words:
                continue
            plain.sentences += 1
            plain.words += len(words)
            plain.sentence_lengths.append(len(words))
            for i, w in enumerate(words):
                plain.syllables += readability.syllables(w.lower())
                if not w[0].isalpha():
                    continue
                if i > 0 and w[0].isupper():
                    plain.names += 1
                elif readability._is_difficult(w.lower()):
                    plain.difficult += 1
        assert c == plain, block.text
