"""Duplicated and spun sentences.

``duplicate-sentence`` reports a sentence that appears earlier in the article word for
word (case, punctuation and spacing aside). ``spun-sentence`` reports a sentence that
restates one a few sentences before it, the way article spinners pad copy:

- **reworded**: most of the content words of the shorter sentence are in the other one,
  in another order or with a few words swapped;
- **shared phrase**: both contain the same run of several words carrying at least
  ``phrase_content_words`` common (lower-case) content words, such as a description
  lifted from one sentence into the next;
- **restated fact**: both give the same figure (a year, an amount) next to the same word
  ("born ... 1989" twice in three sentences).

Names (capitalised words inside a sentence) never count as shared content: a news story
repeats the names of the people and places it is about. Both kinds report the second
occurrence and give the line and column of the first. They do not read pull quotes
(``quote`` blocks, blockquotes, asides), a standfirst (a short first paragraph followed by
the body, which summarises what comes next), or a paragraph that is a quotation on its own
(a pull quote laid out as plain text).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import regex

from editlint import prose
from editlint.document import Block, Document
from editlint.kinds.base import Kind
from editlint.rule import Finding, Option

# Function words and the staple words of news copy: sharing them says nothing.
STOPWORDS = frozenset("""
a about above after again against all almost along also although always am among an and another any
anyone anything are around as at back be became because become been before being below between both
but by can cannot could did do does doing done down during each either else even ever every few for
from further get gets getting got had has have having he her here hers herself him himself his how
however i if in into is it its itself just least less like made make makes many may me might more
most much must my myself neither never no nor not now of off often on once one only or other others
our ours ourselves out over own per perhaps quite rather really said same say saying says see seen
several shall she should since so some still such than that the their theirs them themselves then
there these they this those though through thus to too toward towards under until up upon us very
was we well were what whatever when where whether which while who whom whose why will with within
without would yet you your yours yourself also told added according year years time times day days
week weeks month months last first second third new old two three four five six seven eight nine
ten hundred thousand million billion bn cent percent people mr mrs ms dr way going
""".split())

_QUOTE_CHARS = "\"“”«»„"
_NUMBER = regex.compile(r"\p{Nd}")


def _stem(word: str) -> str:
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


stem = lru_cache(maxsize=65536)(_stem)


@dataclass
class Unit:
    """A sentence as the duplicate kinds see it."""

    block: Block
    start: int
    end: int
    tokens: list[str]            # lower-cased words
    content: list[bool]          # per token: a common (non-name, non-stop) content word
    position: int                # order in the document

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    def stems(self) -> set[str]:
        return {stem(t) for t, c in zip(self.tokens, self.content) if c}


def units(doc: Document, kinds: list[str], skip_standfirst: bool = True) -> list[Unit]:
    """The body sentences of ``doc``, in order, without pull quotes (nor a standfirst,
    unless asked)."""
    wanted = set(kinds)
    blocks = [b for b in doc.blocks if b.kind in wanted and not is_pull_quote(b)]
    skip = standfirst(doc, blocks) if skip_standfirst else None
    out: list[Unit] = []
    for block in blocks:
        if block is skip:
            continue
        for s in block.sentences:
            spans = prose.word_spans(block.text[s.start:s.end])
            text = block.text[s.start:s.end]
            tokens, content = [], []
            for i, (a, b) in enumerate(spans):
                w = text[a:b]
                low = w.lower()
                tokens.append(low)
                name = i > 0 and w[0].isupper()
                content.append(not name and w[0].isalpha() and len(low) > 2 and low not in STOPWORDS)
            if tokens:
                out.append(Unit(block, s.start, s.end, tokens, content, len(out)))
    return out


def is_pull_quote(block: Block) -> bool:
    """A pull quote: marked up as one, or a paragraph that is nothing but a quotation."""
    if block.kind == "quote" or "blockquote" in block.containers or "aside" in block.containers:
        return True
    text = block.text.strip()
    if text and text[0] in _QUOTE_CHARS and block.quotes:
        a, b = block.quotes[0]
        return a == 0 and b >= len(text) - 2
    return False


def standfirst(doc: Document, blocks: list[Block]) -> Block | None:
    """The first paragraph when it reads as a standfirst: short, and followed by more body."""
    paragraphs = [b for b in blocks if b.kind == "paragraph"]
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    if len(first.words) <= 60 and len(first.sentences) <= 2:
        return first
    return None


def _next_paragraph(all_units: list[Unit], block: Block) -> Block | None:
    return next((u.block for u in all_units if u.block.index > block.index and u.block.kind == "paragraph"), None)


def where(doc: Document, unit: Unit) -> str:
    line, col = doc.source.position(unit.block.source_span(unit.start, unit.start + 1)[0])
    return f"{line}:{col}"


def mostly_quoted(unit: Unit) -> bool:
    block = unit.block
    if not block.quotes:
        return False
    inside = sum(max(0, min(b, unit.end) - max(a, unit.start)) for a, b in block.quotes)
    return inside * 2 >= unit.end - unit.start


_SCOPE = Option(["paragraph", "list_item"], "Block kinds read.", type=list,
                check=lambda v: all(isinstance(s, str) for s in v))


class DuplicateSentence(Kind):
    """The same sentence twice in an article."""

    KIND = "duplicate-sentence"
    OPTIONS = {
        "min_words": Option(6, "Ignore sentences shorter than this (\"He declined.\" can recur).",
                            check=lambda v: v >= 1),
        "scope": _SCOPE,
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        seen: dict[str, Unit] = {}
        all_units = units(doc, self.options["scope"], skip_standfirst=False)
        lead = standfirst(doc, list(dict.fromkeys(u.block for u in all_units)))
        for u in all_units:
            if len(u.tokens) < self.options["min_words"]:
                continue
            first = seen.get(u.key)
            if first is None:
                seen[u.key] = u
                continue
            if first.block is lead and _next_paragraph(all_units, lead) is u.block:
                continue        # a standfirst that repeats the opening sentence
            yield self.report(doc, u.block, u.start, u.end, first=where(doc, first))


class SpunSentence(Kind):
    """A sentence that restates one shortly before it."""

    KIND = "spun-sentence"
    OPTIONS = {
        "window": Option(3, "Compare each sentence with this many sentences before it.", check=lambda v: v >= 1),
        "min_content_words": Option(6, "Reworded: both sentences need at least this many content words.",
                                    check=lambda v: v >= 1),
        "min_overlap": Option(0.75, "Reworded: report when this share (0-1) of the shorter sentence's content "
                              "words is in the other.", type=(int, float), check=lambda v: 0 < v <= 1),
        "phrase_content_words": Option(4, "Shared phrase: a common run of words holding at least this many "
                                       "content words (0: off).", check=lambda v: v >= 0),
        "facts": Option(True, "Restated fact: the same figure next to the same content word."),
        "fact_window": Option(5, "Restated fact: words either side of the figure that count as next to it.",
                              check=lambda v: v >= 1),
        "scope": _SCOPE,
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        o = self.options
        all_units = units(doc, o["scope"])
        stems = [u.stems() for u in all_units]
        reported: set[int] = set()
        for j, u in enumerate(all_units):
            if mostly_quoted(u):
                continue
            for i in range(max(0, j - o["window"]), j):
                v = all_units[i]
                if v.key == u.key or mostly_quoted(v) or j in reported:
                    continue
                how = self.compare(v, u, stems[i], stems[j])
                if how:
                    reported.add(j)
                    yield self.report(doc, u.block, u.start, u.end, first=where(doc, v), how=how)
                    break

    def compare(self, first: Unit, second: Unit, a: set[str], b: set[str]) -> str | None:
        o = self.options
        if min(len(a), len(b)) >= o["min_content_words"]:
            shared = a & b
            if len(shared) / min(len(a), len(b)) >= o["min_overlap"]:
                return f"{len(shared)} of {min(len(a), len(b))} content words shared"
        if o["phrase_content_words"] and len(a & b) > o["phrase_content_words"]:
            found = shared_phrase(first, second, o["phrase_content_words"])
            # a phrase alone is often a name for a thing ("chip and pin cards"); a restated
            # description also repeats something else of the first sentence
            if found and len(a & b) > found[1]:
                return f"shares '{found[0]}'"
        if o["facts"]:
            fact = shared_fact(first, second, o["fact_window"])
            if fact:
                return f"restates '{fact[0]} ... {fact[1]}'"
        return None


def shared_phrase(first: Unit, second: Unit, least: int) -> tuple[str, int] | None:
    """The longest run of words common to both sentences holding at least ``least``
    content words (dynamic programming over the two token lists, quadratic in sentence
    length, which is small)."""
    x, y = first.tokens, second.tokens
    best, best_end, best_len = 0, 0, 0
    prev = [0] * (len(y) + 1)
    prev_c = [0] * (len(y) + 1)
    for i in range(1, len(x) + 1):
        cur = [0] * (len(y) + 1)
        cur_c = [0] * (len(y) + 1)
        xi = x[i - 1]
        for k in range(1, len(y) + 1):
            if xi == y[k - 1]:
                cur[k] = prev[k - 1] + 1
                cur_c[k] = prev_c[k - 1] + (1 if second.content[k - 1] and first.content[i - 1] else 0)
                if cur_c[k] > best or cur_c[k] == best and cur[k] > best_len:
                    best, best_end, best_len = cur_c[k], k, cur[k]
        prev, prev_c = cur, cur_c
    if best >= least:
        return " ".join(y[best_end - best_len:best_end]), len({stem(t) for t, c in zip(
            y[best_end - best_len:best_end], second.content[best_end - best_len:best_end]) if c})
    return None


def _token_spans(unit: Unit) -> list[tuple[int, int]]:
    return [(unit.start + a, unit.start + b) for a, b in prose.word_spans(unit.block.text[unit.start:unit.end])]


def _facts(unit: Unit, window: int) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for i, t in enumerate(unit.tokens):
        if _NUMBER.match(t) and len(t) >= 2:
            near = {stem(unit.tokens[k]) for k in range(max(0, i - window), min(len(unit.tokens), i + window + 1))
                    if unit.content[k]}
            out.setdefault(t, set()).update(near)
    return out


def shared_fact(first: Unit, second: Unit, window: int) -> tuple[str, str] | None:
    """A figure both sentences give next to the same content word, when the second adds
    no figure of its own (a sentence that brings new numbers is news, not a restatement)."""
    a, b = _facts(first, window), _facts(second, window)
    if not b or not b.keys() <= a.keys():
        return None
    # the restatement gives the fact again in an opening phrase of its own
    # ("Founded in 1887 by ..., it ..."): a short first clause that opens with a content word
    try:
        comma = next(i for i, (a_, b_) in enumerate(_token_spans(second)) if "," in second.block.text[b_:b_ + 1])
    except StopIteration:
        return None
    if comma > 8 or not second.content[0]:
        return None
    b = {k: v for k, v in _facts(Unit(second.block, second.start, second.end, second.tokens[:comma + 1],
                                      second.content[:comma + 1], second.position), window).items()}
    for number in a.keys() & b.keys():
        common = a[number] & b[number]
        if common:
            return sorted(common)[0], number
    return None
