"""Readability kinds: sentence and paragraph length, the share of long sentences, hard
paragraphs (Flesch reading ease, Flesch-Kincaid grade, Dale-Chall) and runs of sentences
that open with the same word.

Every kind reports only where a threshold is crossed, at the sentence or paragraph that
crosses it, with the figure and the threshold in the message (``{value}`` and
``{threshold}``, plus kind-specific fields). A finding keeps the rule's severity (``info``
by default, which never fails a run) unless the figure is past the rule's ``egregious``
threshold: then it is reported as ``warning``. Set ``egregious`` to 0 to never escalate.
The measures themselves live in :mod:`editlint.readability`, shared with ``editlint stats``.
"""

from __future__ import annotations

from typing import Iterator

from editlint import prose, readability
from editlint.document import Block, Document
from editlint.kinds.base import Kind
from editlint.rule import Finding, Option

_PROSE_SCOPE = Option(
    ["paragraph"], "Block kinds measured (paragraph, list_item, quote, ...).", type=list,
    check=lambda v: all(isinstance(s, str) for s in v),
)


def _positive(v) -> bool:
    return v > 0


class ReadabilityKind(Kind):
    """Shared: scope, and escalation of egregious figures."""

    def blocks(self, doc: Document) -> list[Block]:
        return readability.prose_blocks(doc, self.options["scope"])

    def escalate(self, finding: Finding, egregious: bool) -> Finding:
        if egregious and finding.severity == "info":
            finding.severity = "warning"
        return finding

    def check(self, doc: Document) -> Iterator[Finding]:
        """Kinds that score their findings (``scored``) report only the worst few."""
        yield from self.worst(list(self.scored(doc)))

    def scored(self, doc: Document) -> Iterator[tuple[float, Finding]]:
        raise NotImplementedError

    def worst(self, scored: list[tuple[float, Finding]]) -> Iterator[Finding]:
        """At most ``max_reports`` findings per document, the highest-scoring ones, in
        document order: an article full of long sentences needs one edit pass, not forty
        findings."""
        most = self.options.get("max_reports", 0)
        if most and len(scored) > most:
            keep = {id(f) for _, f in sorted(scored, key=lambda p: -p[0])[:most]}
            scored = [p for p in scored if id(p[1]) in keep]
        return (f for _, f in scored)


_MAX_REPORTS = Option(3, "Report at most this many per document, the worst ones (0: no limit).",
                      check=lambda v: v >= 0)


class SentenceLength(ReadabilityKind):
    """A sentence with more words than ``max_words``."""

    KIND = "sentence-length"
    OPTIONS = {
        "max_words": Option(40, "Report a sentence with more words than this.", check=_positive),
        "egregious": Option(70, "Report as a warning past this many words (0: never).", check=lambda v: v >= 0),
        "skip_quotes": Option(True, "Skip a sentence that is mostly quoted speech: the writer cannot split a quotation."),
        "max_reports": _MAX_REPORTS,
        "scope": _PROSE_SCOPE,
    }

    def scored(self, doc: Document) -> Iterator[tuple[float, Finding]]:
        limit, worst = self.options["max_words"], self.options["egregious"]
        for block in self.blocks(doc):
            for s in block.sentences:
                if self.options["skip_quotes"] and readability.quoted_share(block, s.start, s.end) >= 0.5:
                    continue
                n = len(readability.sentence_words(s.text))
                if n > limit:
                    f = self.report(doc, block, s.start, s.end, value=n, threshold=limit)
                    yield n, self.escalate(f, bool(worst) and n > worst)


class LongSentenceShare(ReadabilityKind):
    """Too many long sentences in the document (Yoast's test: more than 25 % of sentences
    over 20 words)."""

    KIND = "long-sentence-share"
    OPTIONS = {
        "long_words": Option(20, "A sentence is long when it has more words than this.", check=_positive),
        "max_share": Option(0.25, "Report when more than this share of sentences (0-1) is long.",
                            type=(int, float), check=lambda v: 0 <= v <= 1),
        "min_sentences": Option(10, "Measure only documents with at least this many sentences.",
                                check=lambda v: v >= 1),
        "egregious": Option(0.0, "Report as a warning past this share (0: never).", type=(int, float),
                            check=lambda v: 0 <= v <= 1),
        "scope": Option(list(readability.PROSE_KINDS), "Block kinds measured.", type=list),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        blocks = self.blocks(doc)
        total = readability.Counts()
        for block in blocks:
            total.add(readability.block_counts(block))
        if total.sentences < self.options["min_sentences"] or not blocks:
            return
        limit = self.options["long_words"]
        share = total.long_sentence_share(limit)
        if share <= self.options["max_share"]:
            return
        # point at the first long sentence: the first place the reader meets the problem
        for block in blocks:
            for s in block.sentences:
                if len(readability.sentence_words(s.text)) > limit:
                    f = self.report(doc, block, s.start, s.end, value=round(100 * share),
                                    threshold=round(100 * self.options["max_share"]),
                                    long=total.long_sentences(limit), sentences=total.sentences,
                                    words=limit)
                    worst = self.options["egregious"]
                    yield self.escalate(f, bool(worst) and share > worst)
                    return


class ParagraphLength(ReadabilityKind):
    """A paragraph with more words than ``max_words``."""

    KIND = "paragraph-length"
    OPTIONS = {
        "max_words": Option(150, "Report a paragraph with more words than this.", check=_positive),
        "egregious": Option(300, "Report as a warning past this many words (0: never).", check=lambda v: v >= 0),
        "max_reports": _MAX_REPORTS,
        "scope": _PROSE_SCOPE,
    }

    def scored(self, doc: Document) -> Iterator[tuple[float, Finding]]:
        limit, worst = self.options["max_words"], self.options["egregious"]
        for block in self.blocks(doc):
            n = readability.block_counts(block).words
            if n > limit:
                first = block.sentences[0] if block.sentences else None
                end = first.end if first else len(block.text)
                f = self.report(doc, block, 0, end, value=n, threshold=limit)
                yield n, self.escalate(f, bool(worst) and n > worst)


class HardParagraph(ReadabilityKind):
    """A paragraph whose Flesch reading ease is below ``min_flesch`` and whose grade level
    is above ``max_grade`` (both must hold, so one freak figure is not enough); optionally a
    Dale-Chall ceiling."""

    KIND = "hard-paragraph"
    OPTIONS = {
        "min_flesch": Option(10.0, "Report when Flesch reading ease is below this (0-100; higher is easier).",
                             type=(int, float)),
        "max_grade": Option(20.0, "... and the Flesch-Kincaid grade level is above this.", type=(int, float)),
        "max_dale_chall": Option(0.0, "Also require a Dale-Chall score above this (0: not used).",
                                 type=(int, float), check=lambda v: v >= 0),
        "min_words": Option(40, "Measure only paragraphs with at least this many words.", check=lambda v: v >= 0),
        "max_name_share": Option(0.4, "Skip paragraphs in which more than this share of words are capitalised "
                                 "names (team sheets, lists of people): the formulas mean nothing there.",
                                 type=(int, float)),
        "egregious": Option(-20.0, "Report as a warning when Flesch reading ease is below this.",
                            type=(int, float)),
        "scope": _PROSE_SCOPE,
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        o = self.options
        for block in self.blocks(doc):
            c = readability.block_counts(block)
            if c.words < o["min_words"] or c.name_share > o["max_name_share"]:
                continue
            ease, grade = c.flesch_reading_ease, c.flesch_kincaid_grade
            if ease >= o["min_flesch"] or grade <= o["max_grade"]:
                continue
            if o["max_dale_chall"] and c.dale_chall <= o["max_dale_chall"]:
                continue
            end = block.sentences[0].end if block.sentences else len(block.text)
            f = self.report(doc, block, 0, end, value=round(ease, 1), threshold=o["min_flesch"],
                            grade=round(grade, 1), max_grade=o["max_grade"],
                            dale_chall=round(c.dale_chall, 1), words=c.words,
                            words_per_sentence=round(c.words_per_sentence, 1))
            yield self.escalate(f, ease < o["egregious"])


class RepeatedOpening(ReadabilityKind):
    """``min_run`` or more consecutive sentences (in a paragraph or running across
    consecutive paragraphs) that open with the same word."""

    KIND = "repeated-opening"
    OPTIONS = {
        "min_run": Option(3, "Report a run of at least this many sentences with the same first word.",
                          check=lambda v: v >= 2),
        "egregious": Option(5, "Report as a warning from a run this long (0: never).", check=lambda v: v >= 0),
        "ignore": Option([], "Opening words never counted (lower case).", type=list),
        "scope": _PROSE_SCOPE,
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        least, worst = self.options["min_run"], self.options["egregious"]
        ignored = {str(w).lower() for w in self.options["ignore"]}
        for run in readability.opening_runs(self.blocks(doc)):
            if len(run) < least:
                continue
            block, start, end = run[least - 1]
            word = readability.opening_word(block.text[start:end])
            if word in ignored:
                continue
            first_block, first_start, _ = run[0]
            line, col = doc.source.position(first_block.source_span(first_start, first_start + 1)[0])
            # report the sentence that crosses the threshold, over its opening word
            m = prose.WORD.search(block.text, start, end)
            f = self.report(doc, block, m.start(), m.end(), value=len(run), threshold=least,
                            word=m.group(), first=f"{line}:{col}")
            yield self.escalate(f, bool(worst) and len(run) >= worst)
