"""The ``repeated-phrase`` kind: an undeclared keyphrase, found by its repetition.

Keyphrase density needs a declared keyphrase. A page with no front matter gives none, so this
kind finds the phrase itself: a run of three or four content words (no function words, no
names) that recurs so often that its words make up a large share of the text. "turmeric joint
pain relief" six times in 230 words is ten per cent of the article: no writer repeats a
four-word description like that, but a page built for a search query does. Phrases that a
declared keyphrase already covers are left to ``keyphrase-density``.
"""

from __future__ import annotations

from typing import Iterator

import regex

from editlint.document import Block, Document
from editlint.keyphrases import _link_footer
from editlint.kinds.base import Kind
from editlint.kinds.topicality import STOPWORDS
from editlint.rule import Finding, Option

_WORD = regex.compile(r"[\p{L}][\p{L}\p{M}’'\-]*|\d[\d,.]*")


_PUNCTUATION = regex.compile(r"[,.;:!?()\"“”]")
_SEPARATORS = regex.compile(r"\s*[,|/·•]\s*")


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

    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        words = doc.word_count
        if words < opts["min_words"]:
            return
        declared = [k.lower() for k in doc.keyphrases]
        # occurrences: phrase -> [(block, start, end, capitalised_inside)]
        seen: dict[tuple[str, ...], list[tuple[Block, int, int, bool]]] = {}
        for block in self.scoped_blocks(doc):
            if _link_footer(block):
                continue   # a keyword-link footer is link spam (LS104), not prose
            toks = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(block.text)]
            lows = [t[0].lower() for t in toks]
            # a word no phrase may hold: a function word, a number, a short word
            stop = [w in STOPWORDS or not w[0].isalpha() or len(w) < 3 for w in lows]
            for n in opts["phrase_words"]:
                last_end: dict[tuple[str, ...], int] = {}
                for i in range(len(toks) - n + 1):
                    if True in stop[i:i + n]:
                        continue
                    run = toks[i:i + n]
                    low = tuple(lows[i:i + n])
                    a, b = run[0][1], run[-1][2]
                    if b - a > sum(len(t[0]) for t in run) + (n - 1) * 2:
                        continue   # a line break or punctuation between the words
                    if _PUNCTUATION.search(block.text, a, b):
                        continue
                    if block.in_quotes(a, b) or last_end.get(low, -1) > a:
                        continue
                    last_end[low] = b
                    caps = any(t[0][0].isupper() for t in run[1:])
                    seen.setdefault(low, []).append((block, a, b, caps))
        listed = _listed_phrases(doc) if opts["listed"] else None
        best = None
        for phrase, hits in seen.items():
            if len(hits) < opts["min_hits"]:
                continue
            if sum(1 for h in hits if not h[3]) * 2 < len(hits):
                continue   # mostly capitalised inside: a name or a title, the article's subject
            text = " ".join(phrase)
            if any(text in d or d in text for d in declared):
                continue
            if listed is not None and not any(text in item for item in listed):
                continue
            share = len(hits) * len(phrase) / words
            if share < opts["min_share"]:
                continue
            key = (len(hits) * len(phrase), len(phrase))
            if best is None or key > best[0]:
                best = (key, text, hits, share)
        if best is None:
            return
        _, text, hits, share = best
        # one finding, at the first use; every other use is a related place
        block, a, b, _ = hits[0]
        related = [self.related_at(doc, bl, s, e, f"'{text}' again") for bl, s, e, _ in hits[1:]]
        yield self.report(doc, block, a, b, phrase=text, count=len(hits), share=round(100 * share), where="",
                          related=related)
