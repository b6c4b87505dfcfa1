"""The compact token stores behind the long-input memory work (issue 13): each must give
exactly what the plain lists it replaced gave."""

from __future__ import annotations

import random

from editlint import keyphrases, parsers
from editlint.kinds import query_ngrams
from editlint.kinds.topicality import block_title_cased, title_cased
from editlint.parsers.base import BlockBuilder, ProseChars

WORDS = ["Roof", "leak", "repair", "the", "Dunmore's", "in", "2025", "-", ",", "\n", "  ", "O'Neill", "U.S.", "’s"]


def _text(seed: int, n: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def test_keyphrase_batches_are_the_tokens_with_lookahead():
    text = _text(1, 12_000)          # long enough for several batches
    whole = list(keyphrases._tokens(text))
    seen: list = []
    for toks, own in keyphrases._token_batches(text):
        assert toks[own:] == whole[len(seen) + own:len(seen) + own + keyphrases.MAX_WORDS - 1]
        seen += toks[:own]
    assert seen == whole


def test_keyphrase_joined_matches_the_joinable_pattern():
    rng = random.Random(2)
    alphabet = "ab C-\t\n\u00a0 .,'’1é\r–"
    for _ in range(2_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        toks = keyphrases._tokens(text)
        for prev, tok in zip(toks, toks[1:]):
            expected = keyphrases._JOINABLE.fullmatch(text, prev.end, tok.start) is not None
            assert tok.joined == expected, (text, tok)


def test_query_ngram_token_views_read_back_the_block():
    doc = parsers.parse("The Harwich Town manager's contract. " + _text(3, 400) + "\n", "t.txt", "text")
    block = doc.blocks[0]
    toks = query_ngrams.tokenize(block)
    assert [t.index for t in toks] == list(range(len(toks)))
    prev_end = 0
    for t in toks:
        assert t.text == block.text[t.start:t.end]
        assert t.gap == block.text[prev_end:t.start]
        assert t.cap == t.text[0].isupper()
        prev_end = t.end
    store = query_ngrams.Tokens(block, query_ngrams.Vocabulary())
    assert store[2:5] == toks[2:5] and store[-1] == toks[-1] and list(store) == toks


def test_title_cased_reads_long_text_as_short():
    short = "Best Kayaks River Wye Family Cheap and the rest"
    assert title_cased(short) is True
    assert title_cased(short * 6_000) is True          # over the length read word by word
    assert title_cased("the cat sat on the mat " * 3_000) is False
    block = parsers.parse("Best Kayaks On The River Wye\n", "t.txt", "text").blocks[0]
    assert block_title_cased(block) is title_cased(block.text)


def test_prose_chars_behave_like_the_list_of_characters():
    chars = ProseChars()
    assert not chars and len(chars) == 0
    for piece in ("  Hello", "", " ", "world ", "\n"):
        chars.extend(piece)
    assert len(chars) == len("  Hello world \n") and chars[-1] == "\n"
    assert chars[2:7].text() == "Hello" and "".join(chars) == "  Hello world \n"
    b = BlockBuilder("paragraph")
    b.add_verbatim("  Hello ", 10)
    b.add_mapped("é", 18, 26)
    b.add_space(26)
    block = b.build()
    assert block.text == "Hello é" and block.starts[6] == 18 and block.ends[6] == 26
