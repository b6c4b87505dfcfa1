"""Broken structure in pasted or scraped copy: tables of contents typed out as plain text,
headings that repeat, tables without their header rule, and quotations whose speech marks
were lost."""

from __future__ import annotations

from typing import Iterator

import regex

from editlint import patternstore, prose
from editlint.document import Block, Document
from editlint.kinds.base import Kind
from editlint.rule import Finding, Option


def normalise(text: str) -> str:
    return " ".join(w.casefold() for w in prose.words(text))


def _runs(doc: Document) -> list[list[Block]]:
    """Runs of adjacent blocks that can make a table of contents: the items of one list,
    or consecutive headings with no prose between them (a contents list pasted as lines)."""
    runs: list[list[Block]] = []
    current: list[Block] = []
    for block in doc.blocks:
        if current:
            last = current[-1]
            same = (block.kind == "list_item" and last.kind == "list_item" and block.group == last.group) or \
                   (block.kind == "heading" and last.kind == "heading")
            if same and block.index == last.index + 1:
                current.append(block)
                continue
            runs.append(current)
            current = []
        if block.kind in ("list_item", "heading"):
            current = [block]
    if current:
        runs.append(current)
    return [r for r in runs if len(r) > 1]


def contents_lists(doc: Document, min_items: int = 3, min_share: float = 0.75) -> list[list[Block]]:
    """Runs of list items or lines that repeat the article's later headings in plain text.
    Items that link somewhere (an in-page table of contents) do not count. Worked out once
    per document and settings (two rules ask)."""
    memo = doc.__dict__.setdefault("_editlint_contents_lists", {})
    key = (min_items, min_share)
    if key not in memo:
        memo[key] = _contents_lists(doc, min_items, min_share)
    return memo[key]


def _normalised(block: Block) -> str:
    cached = block.__dict__.get("_editlint_normalised")
    if cached is None:
        cached = block.__dict__["_editlint_normalised"] = normalise(block.text)
    return cached


def _contents_lists(doc: Document, min_items: int, min_share: float) -> list[list[Block]]:
    # each heading text -> the index of its last heading: "some heading after block i has
    # this text" is then one look-up, not a pass over every heading
    last_heading: dict[str, int] = {}
    for b in doc.blocks:
        if b.kind == "heading":
            last_heading[_normalised(b)] = b.index
    found = []
    for run in _runs(doc):
        if run[0].kind == "list_item":
            end = run[-1].index
            matched = [b for b in run if not b.links and last_heading.get(_normalised(b), -1) > end]
            if len(matched) >= min_items and len(matched) >= min_share * len(run):
                found.append(matched)
            continue
        # heading-like lines: the contents run on into the first real heading, so look
        # for a stretch of lines each of which comes back as a heading after the stretch
        stretch: list[Block] = []
        keys: set[str] = set()
        for block in run + [None]:
            if block is not None and not block.links:
                key = _normalised(block)
                if last_heading.get(key, -1) > block.index and key not in keys:
                    stretch.append(block)
                    keys.add(key)
                    continue
            if len(stretch) >= min_items:
                found.append(stretch)
            stretch = []
            keys = set()
    return found


class TableOfContents(Kind):
    """A run of list items or short lines, each equal to a later heading."""

    KIND = "plain-contents-list"
    OPTIONS = {
        "min_items": Option(3, "Report a run with at least this many items that repeat later headings.",
                            check=lambda v: v >= 2),
        "min_share": Option(0.75, "... when they are at least this share (0-1) of the run.", type=(int, float),
                            check=lambda v: 0 < v <= 1),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        for items in contents_lists(doc, self.options["min_items"], self.options["min_share"]):
            a, _ = items[0].source_span(0, 1)
            _, b = items[-1].source_span(len(items[-1].text) - 1, len(items[-1].text))
            yield self.report_source(doc, a, b, count=len(items), match=items[0].text)


class RepeatedHeading(Kind):
    """A heading that repeats an earlier heading word for word."""

    KIND = "repeated-heading"
    OPTIONS = {
        "min_words": Option(3, "Ignore headings shorter than this: 'Pros', 'Cons' and 'Verdict' recur in "
                            "reviews by design.", check=lambda v: v >= 1),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        in_contents = {b.index for items in contents_lists(doc) for b in items}
        seen: dict[str, Block] = {}
        blocks = doc.blocks
        for block in blocks:
            if block.kind != "heading" or block.index in in_contents:
                continue
            # a heading heads a section: a line followed by another heading-like line is a
            # label in a listing ("Winners meet in final match" under each fixture)
            following = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
            if following is None or following.kind in ("heading", "title"):
                continue
            key = normalise(block.text)
            if len(key.split()) < self.options["min_words"]:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = block
                continue
            line, col = doc.source.position(first.source_start)
            yield self.report(doc, block, 0, len(block.text), first=f"{line}:{col}")


_RULE_LINE = patternstore.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")


def _cells(line: str) -> int:
    return sum(1 for part in line.strip().strip("|").split("|") if part.strip()) if "|" in line else 0


class BrokenTable(Kind):
    """Rows separated by pipes with no header rule (``---|---``) under the first row: a
    table pasted from elsewhere that no renderer will draw as a table."""

    KIND = "broken-table"
    OPTIONS = {
        "min_rows": Option(2, "Report a run of at least this many piped rows.", check=lambda v: v >= 2),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        src = doc.source
        groups: dict[int, list[Block]] = {}
        candidates: list[tuple[int, int]] = []
        for block in doc.blocks:
            if block.kind == "table_cell" and block.inferred:
                groups.setdefault(block.group, []).append(block)
            elif block.kind in ("paragraph", "list_item") and "|" in block.text:
                candidates.append((block.source_start, block.source_end))
        candidates += [(g[0].source_start, g[-1].source_end) for g in groups.values()]
        for start, end in sorted(candidates):
            first_line, _ = src.position(start)
            last_line, _ = src.position(max(start, end - 1))
            lines = [src.line_text(n) for n in range(first_line, last_line + 1)]
            rows = [i for i, text in enumerate(lines) if _cells(text) >= 2]
            if len(rows) < self.options["min_rows"] or len(rows) * 3 < len(lines) * 2:
                continue
            if any(_RULE_LINE.match(text) for text in lines):
                continue
            row = first_line + rows[0]
            a = src.line_start(row)
            text = src.line_text(row)
            yield self.report_source(doc, a, a + len(text.rstrip()), rows=len(rows))


# -- quotations without quotation marks -----------------------------------------
_VERB = (r"(?:said|says|added|adds|told\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’.\-]*\s?){1,4}(?:magazine|newspaper)?|"
         r"asserts|asserted|insisted|insists|explained|explains|argued|argues|warned|warns|claimed|claims|"
         r"stressed|stresses|declared|declares|admitted|admits|wrote|writes|continued|continues|concluded)")
_SUBJECT = (r"(?:he|she|they|we|I|the\s+[\p{Ll}'’\-]+(?:\s[\p{Ll}'’\-]+){0,3}|(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady)\.?\s)?\p{Lu}[\p{L}'’\-]+"
            r"(?:\s\p{Lu}[\p{L}'’\-]+){0,3})")
_TAIL = patternstore.compile(
    rf",\s+(?:{_SUBJECT}(?:,\s[^,]{{3,90}},)?\s+{_VERB}|{_VERB}\s+{_SUBJECT}(?:,\s[^,]{{3,90}},)?)\s*[.!]?\s*$")
# Marks of direct speech in the reported words: the speaker's own first or second person,
# or the speaker in the third person with a present-tense verb ("he is looking", which
# indirect speech after "said" would put as "he was looking").
_FIRST_PERSON = patternstore.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Ww]e're|[Ww]e've|"
                                     r"[Ww]e'll|[Ww]e'd|us|[Oo]ur|[Oo]urs|[Oo]urselves|[Yy]ou|[Yy]our|[Yy]ou're|"
                                     r"[Yy]ou've|[Yy]ours)\b")
_SELF_PRESENT = patternstore.compile(r"\b(?:he|she)\s+(?:is|has|does|doesn't|isn't|hasn't|am|'s)\b", regex.I)
_QUOTE_MARKS = "\"“”«»„"


class UnmarkedQuotation(Kind):
    """Reported words that read as direct speech but carry no quotation marks."""

    KIND = "unmarked-quotation"
    OPTIONS = {
        "scope": Option(["paragraph", "list_item"], "Block kinds read.", type=list),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        wanted = set(self.options["scope"])
        for block in doc.blocks:
            if block.kind not in wanted or "blockquote" in block.containers:
                continue
            for s in block.sentences:
                text = s.text
                if any(ch in text for ch in _QUOTE_MARKS) or block.in_quotes(s.start, s.end):
                    continue
                m = _TAIL.search(text)
                if not m:
                    continue
                head = text[:m.start()]
                if not (_FIRST_PERSON.search(head) or _SELF_PRESENT.search(head)):
                    continue
                yield self.report(doc, block, s.start, s.start + m.start(),
                                  attribution=text[m.start() + 1:].strip().rstrip(".!"))
