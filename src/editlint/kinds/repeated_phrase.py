"""The ``repeated-phrase`` kind: an undeclared keyphrase, found by its repetition.

Keyphrase density needs a declared keyphrase. A page with no front matter gives none, so this
kind finds the phrase itself: a run of three or four content words (no function words, no
names) that recurs so often that its words make up a large share of the text. "turmeric joint
pain relief" six times in 230 words is ten per cent of the article: no writer repeats a
four-word description like that, but a page built for a search query does. Phrases that a
declared keyphrase already covers are left to ``keyphrase-density``.
"""

from __future__ import annotations

from array import array
from sys import intern
from typing import Iterator

import regex

from editlint import patternstore
from editlint.document import Block, Document
from editlint.keyphrases import _link_footer
from editlint.kinds.base import Kind
from editlint.kinds.topicality import STOPWORDS
from editlint.rule import Finding, Option

_WORD = patternstore.compile(r"[\p{L}][\p{L}\p{M}’'\-]*|\d[\d,.]*")


_PUNCTUATION = patternstore.compile(r"[,.;:!?()\"“”]")
_SEPARATORS = patternstore.compile(r"\s*[,|/·•]\s*")


def _listed_phrases(doc: Document) -> list[str]:
    """Items of keyword-like lists anywhere in the document: three or more short phrases."""
    items: list[str] = []
    for block in doc.blocks:
        parts = [p.strip(" .").lower() for p in _SEPARATORS.split(block.text) if p.strip(" .")]
        if len(parts) >= 3 and all(len(p.split()) <= 5 for p in parts):
            items.extend(parts)
    return items


class RepeatedPhrase(Kind):
    KIND = "repeated-phrase"
    OPTIONS = {
        "min_words": Option(100, "Skip texts shorter than this."),
        "phrase_words": Option([3, 4], "Lengths (in words) of the phrases counted.", type=list),
        "min_hits": Option(5, "Fewest uses of the phrase."),
        "min_share": Option(0.06, "Least share (0-1) of the text's words that the uses must make up.",
                            type=(int, float)),
        "listed": Option(True, "Report only a phrase that the page also lists as a keyword: an item of a "
                         "comma-, pipe- or slash-separated list of three or more short phrases (a term "
                         "of art that an explainer repeats is not listed anywhere)."),
        "scope": Option(["paragraph", "heading", "list_item", "caption", "alt", "table_cell"],
                        "Block kinds read (the title is not counted).", type=list),
    }

    def _uses(self, doc: Document) -> Iterator[tuple[tuple[str, ...], Block, int, int, bool]]:
        """Every use of a run of ``phrase_words`` content words: (its words, block, start, end,
        a capitalised word inside), in document order. The words of a block are kept in
        arrays: a 10 MB paragraph has two million of them."""
        lengths = self.options["phrase_words"]
        for block in self.scoped_blocks(doc):
            if _link_footer(block):
                continue   # a keyword-link footer is link spam (LS104), not prose
            text = block.text
            if len(text) <= 50_000:
                # a paragraph: lists, built by comprehension (the quicker way)
                spans = [m.span() for m in _WORD.finditer(text)]
                starts = [a for a, _ in spans]
                ends = [b for _, b in spans]
                lows = [text[a:b].lower() for a, b in spans]
            else:
                # a long block: arrays, and each word string once (a 10 MB paragraph has
                # two million words)
                starts, ends, lows = array("q"), array("q"), []
                for m in _WORD.finditer(text):
                    a, b = m.span()
                    starts.append(a)
                    ends.append(b)
                    lows.append(intern(text[a:b].lower()))
            # clear[i]: how many words up to and including the i-th hold no function word,
            # number or short word (which no phrase may hold)
            clear = array("q")
            run = 0
            for low in lows:
                run = 0 if low in STOPWORDS or not low[0].isalpha() or len(low) < 3 else run + 1
                clear.append(run)
            for n in lengths:
                last_end: dict[tuple[str, ...], int] = {}
                for i in range(len(lows) - n + 1):
                    if clear[i + n - 1] < n:
                        continue
                    a, b = starts[i], ends[i + n - 1]
                    if b - a > sum(ends[j] - starts[j] for j in range(i, i + n)) + (n - 1) * 2:
                        continue   # a line break or punctuation between the words
                    if _PUNCTUATION.search(text, a, b):
                        continue
                    low = tuple(lows[i:i + n])
                    if block.in_quotes(a, b) or last_end.get(low, -1) > a:
                        continue
                    last_end[low] = b
                    yield low, block, a, b, any(text[starts[j]].isupper() for j in range(i + 1, i + n))

    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        words = doc.word_count
        if words < opts["min_words"]:
            return
        declared = [k.lower() for k in doc.keyphrases]
        listed = _listed_phrases(doc) if opts["listed"] else None
        if listed is not None and not listed:
            return      # only a phrase the page lists can be reported, and it lists none
        # uses of each phrase, and how many of them have no capital inside (the places are
        # collected afterwards, for the one phrase reported)
        seen: dict[tuple[str, ...], list[int]] = {}
        for low, _, _, _, caps in self._uses(doc):
            counts = seen.get(low)
            if counts is None:
                counts = seen[low] = [0, 0]
            counts[0] += 1
            counts[1] += not caps
        best = None
        for phrase, (hits, uncapped) in seen.items():
            if hits < opts["min_hits"]:
                continue
            if uncapped * 2 < hits:
                continue   # mostly capitalised inside: a name or a title, the article's subject
            text = " ".join(phrase)
            if any(text in d or d in text for d in declared):
                continue
            if listed is not None and not any(text in item for item in listed):
                continue
            share = hits * len(phrase) / words
            if share < opts["min_share"]:
                continue
            key = (hits * len(phrase), len(phrase))
            if best is None or key > best[0]:
                best = (key, text, phrase, share)
        if best is None:
            return
        _, text, phrase, share = best
        hits = [(block, a, b) for low, block, a, b, _ in self._uses(doc) if low == phrase]
        # one finding, at the first use; every other use is a related place
        block, a, b = hits[0]
        related = [self.related_at(doc, bl, s, e, f"'{text}' again") for bl, s, e in hits[1:]]
        yield self.report(doc, block, a, b, phrase=text, count=len(hits), share=round(100 * share), where="",
                          related=related)
