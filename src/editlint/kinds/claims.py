"""The ``claim`` kind: a claim cue ("some say", "reportedly", "sources told", "local media
reported", "60% of people") that stands without a source.

The cue patterns come from the YAML pack; what clears a cue is context, read through
:mod:`editlint.kinds.voice`:

- the cue is someone else's words (inside quotation marks, a blockquote);
- a named source in the sentence (``clear_scope: sentence``) or its paragraph
  (``clear_scope: paragraph``): a named person or body with a reporting verb, "according
  to" someone named, a passive agent, a link, a footnote marker;
- a pattern of the pack's ``cleared_by`` list near the cue (in its sentence, or also the
  next one with ``cleared_window: next-sentence``), e.g. the reason an anonymous source
  was granted anonymity.
"""

from __future__ import annotations

from typing import Iterator

import regex

from editlint import patternstore
from editlint.document import Block, Document
from editlint.kinds import base, voice
from editlint.kinds.base import Kind, compile_pattern
from editlint.rule import Finding, Option, RuleError

# "... media reported that": the cue's complement. Matched inside a window of its longest
# match and one character more (for the \b): the `regex` module's match costs time in
# proportion to the text after `pos` for a pattern with a repeat, once per cue of a block
_COMPLEMENT = patternstore.compile(r"\s{0,8},?\s{0,8}that\b", regex.I)
_COMPLEMENT_WINDOW = 8 + 1 + 8 + 4 + 1
_CUE_WORD = patternstore.compile(r"[\p{L}'’]+")
# a word run where a word written with a capital is a name, not a sentence's first word
_MID_SENTENCE_RUN = patternstore.compile(r"(?<=[\p{Ll}\d,;:]\s)[\p{L}'’]+")
_WORD_CHAR = patternstore.compile(r"\w")


# a hedge whose next word, when a reporting verb, belongs to the claim ("has reportedly told")
_HEDGE = patternstore.compile(r"(?:reportedly|allegedly|apparently|(?:is|are|was|were)\s+(?:said|reported|alleged)\s+to\s+have)"
                       r"\Z", regex.I)
_NEXT_WORD = patternstore.compile(r"\s+(\p{L}+)")


def _without_hedged_verb(text: str, a: int, b: int) -> str:
    """``text`` with the hedge ``text[a:b]`` and a reporting verb right after it blanked (same
    length, so offsets hold), or ``text`` itself when the hedge bears on no reporting verb."""
    if not _HEDGE.search(text, a, b):
        return text
    nxt = _NEXT_WORD.match(text, b)
    if nxt is None or nxt.group(1).lower() not in voice.REPORTING_VERBS:
        return text
    return text[:a] + " " * (nxt.end() - a) + text[nxt.end():]


# "those close to the minister": what follows names whom they are close to, not the source
_CLOSE_TO = patternstore.compile(r"\b(?:close\s+to|around|near(?:est)?(?:\s+to)?)\b", regex.I)
# "many in the party", "some at the club": a few of a body's members, not the body; and
# "independent analysts": a kind of source the reader cannot find
_VAGUE_HEAD = patternstore.compile(
    r"(?:(?:some|many|most|several|others|a\s+few|a\s+number)\s+(?:in|at|within|inside|across|among)|independent)\b", regex.I)


def _names_specific(cue: str) -> bool:
    """Does the cue itself name a specific enough source ("analysts said", "police claim")?
    Then it may clear itself, as :data:`voice.SPECIFIC_HEADS` allows; a vague crowd may not.
    In "those close to the minister say" the minister is whom they are close to, not the source;
    in "many in the party believe" the party is what they belong to; "independent analysts"
    names no one the reader could look up."""
    if _VAGUE_HEAD.match(cue):
        return False
    cue = _CLOSE_TO.split(cue, 1)[0]
    return any(w.lower() in voice.SPECIFIC_HEADS and w.lower() not in voice.REPORTING_VERBS
               and w.lower() not in voice.UNNAMED_STUDIES for w in _CUE_WORD.findall(cue))


def _mid_sentence_words(doc: Document) -> frozenset[str]:
    r"""Every string ``w`` that the document writes after a lower-case letter, a digit or a
    ``,;:`` and a space, followed by a word boundary: what ``(?<=[\p{Ll}\d,;:]\s)w\b``
    would find in ``doc.text``. Worked out once per document from its word runs (the prefixes of
    a run that end on a boundary), so that each cue asks a set, not the whole text: a document
    of ten thousand capitalised cues costs one pass, not ten thousand."""
    cached = doc.__dict__.get("_editlint_mid_sentence_words")
    if cached is not None:
        return cached
    text = doc.text
    words: set[str] = set()
    is_word = _WORD_CHAR.match
    for m in _MID_SENTENCE_RUN.finditer(text):
        run, end = m.group(), m.end()
        after = text[end] if end < len(text) else ""
        # inside a run only a letter next to an apostrophe can be a boundary; at its end, the
        # next character decides
        for k in range(1, len(run)):
            if (run[k] in "'’") != (run[k - 1] in "'’"):
                words.add(run[:k])
        if bool(is_word(run[-1])) != bool(after and is_word(after)):
            words.add(run)
    doc.__dict__["_editlint_mid_sentence_words"] = cached = frozenset(words)
    return cached


_BLOCK_SCOPE = ["title", "heading", "paragraph", "list_item", "table_cell", "caption"]


class Claim(base.InCompany, Kind):
    """Report a claim cue that no source, link or stated reason clears."""

    KIND = "claim"
    OPTIONS = {
        "patterns": Option([], "Regular expressions for the claim cues (case-insensitive unless `ignorecase: false`).", type=list),
        **base.COMPANY_OPTIONS,
        "ignorecase": Option(True, "Match the cue patterns without regard to case."),
        "clear_scope": Option("sentence", "Where a named source clears the cue: sentence, paragraph, or none "
                              "(only `cleared_by` clears it).",
                              check=lambda v: v in ("sentence", "paragraph", "none")),
        "cleared_by": Option([], "Regular expressions that clear the cue when they occur in `cleared_window` "
                             "(for example the reason a source is anonymous).", type=list),
        "cleared_window": Option("sentence", "Where `cleared_by` is looked for: sentence, next-sentence "
                                 "(the cue's sentence and the one after) or paragraph.",
                                 check=lambda v: v in ("sentence", "next-sentence", "paragraph")),
        "exceptions": Option([], "Regular expressions: a cue inside one of their matches is never reported "
                             "(fixed expressions such as a nickname's 'often referred to as').", type=list),
        "next_paragraph_clears": Option([], "Regular expressions: a cue matching one of them is also cleared by a named "
                                        "source in the next paragraph (a news lede such as 'research suggests' whose study "
                                        "is named just below).", type=list),
        "next_must_mention": Option([], "Regular expressions: when given, the next sentence or paragraph clears a "
                                    "`next_paragraph_clears` cue only if it also mentions one of them (a study, survey, "
                                    "journal, ...), not just any named speaker.", type=list),
        "skip_quotes": Option(True, "Ignore cues inside quotation marks or blockquotes (the speaker's words, not the writer's)."),
        "links_clear": Option(True, "A link in the cue's sentence (or paragraph, with clear_scope: paragraph) clears it."),
        "scope": Option(list(_BLOCK_SCOPE), "Block kinds the rule reads.", type=list,
                        check=lambda v: all(s in base.BLOCK_KINDS for s in v)),
    }

    def prepare(self) -> None:
        opts = self.options
        if not opts["patterns"]:
            raise RuleError("kind 'claim' needs 'patterns'")
        ic = opts["ignorecase"]
        self.pattern = compile_pattern("|".join(f"(?:{p})" for p in opts["patterns"]), ic, screen=True)
        self.cleared = (compile_pattern("|".join(f"(?:{p})" for p in opts["cleared_by"]), True)
                        if opts["cleared_by"] else None)
        self.lookahead = (compile_pattern("|".join(f"(?:{p})" for p in opts["next_paragraph_clears"]), True)
                          if opts["next_paragraph_clears"] else None)
        self.must_mention = (compile_pattern("|".join(f"(?:{p})" for p in opts["next_must_mention"]), True)
                             if opts["next_must_mention"] else None)
        self.exceptions = (compile_pattern("|".join(f"(?:{p})" for p in opts["exceptions"]), True)
                           if opts["exceptions"] else None)

    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        for block in self.scoped_blocks(doc):
            text = block.text
            excepted: list[tuple[int, int]] | None = None   # found once a cue is
            para_cleared: bool | None = None
            reported: set[int] = set()
            for m in base.finditer(self.pattern, text):
                a, b = m.span()
                if excepted is None:
                    excepted = [e.span() for e in base.finditer(self.exceptions, text)] if self.exceptions else []
                if a == b or any(x <= a and b <= y for x, y in excepted):
                    continue
                if opts["skip_quotes"] and voice.quoted_by_others(block, a, b):
                    continue
                idx = voice.sentence_index(block, a)
                if idx in reported:
                    continue
                sentence = block.sentences[idx] if block.sentences else None
                s_start, s_end = (sentence.start, sentence.end) if sentence else (0, len(text))
                if self.cleared is not None and self._cleared_by(block, idx, s_start, s_end):
                    continue
                if opts["clear_scope"] != "none":
                    if opts["links_clear"] and voice.has_link(block, s_start, s_end):
                        continue
                    # "X media reported that ...": what follows is the claim, not its source;
                    # and the cue is not its own source: in "Friends say her marriage to the
                    # musician Teo Alvarado is under strain", "Friends" is no one's name
                    a_end = b if _COMPLEMENT.match(text, b, b + _COMPLEMENT_WINDOW) else s_end
                    unnamed = None if self._may_name(doc, text, m, s_start) else (a, b)
                    # "Calloway has reportedly told the club": the verb the hedge bears on is part
                    # of the claim, not its source; the sentences are read without the two
                    probe = _without_hedged_verb(text, a, b)
                    if voice.named_attribution(probe, s_start, a_end, unnamed=unnamed):
                        continue
                    if opts["clear_scope"] == "paragraph":
                        if probe is text:       # the same for every cue of the block: asked once
                            if para_cleared is None:
                                para_cleared = self._paragraph_cleared(block, unnamed, text)
                            cleared = para_cleared
                        else:
                            cleared = self._paragraph_cleared(block, unnamed, probe)
                        if cleared:
                            continue
                if self.lookahead is not None and self.lookahead.fullmatch(m.group()) and \
                        (self._next_sentence_sourced(block, idx) or self._next_paragraph_sourced(doc, block)):
                    continue
                reported.add(idx)
                yield self.report(doc, block, a, b)

    def _paragraph_cleared(self, block: Block, unnamed: tuple[int, int] | None, text: str) -> bool:
        """A link in the paragraph, or a sentence of it that names a source."""
        return bool(self.options["links_clear"] and any(link.href for link in block.links)) or \
            voice.paragraph_named(block, unnamed, text)

    @staticmethod
    def _may_name(doc: Document, text: str, m, s_start: int) -> bool:
        """May the cue's own words be the named source? Yes when they name a specific kind of
        source ("analysts said", as :data:`voice.SPECIFIC_HEADS` allows), and when its first
        word is a capitalised name: "But Rangers found", or "Fosters said" at the start of a
        sentence when the article writes "Fosters" with a capital elsewhere too."""
        cue = m.group()
        if _names_specific(cue):
            return True
        first = _CUE_WORD.search(cue)
        if first is None or not first.group()[0].isupper():
            return False
        if m.start() + first.start() > s_start:
            return True
        return first.group() in _mid_sentence_words(doc)

    def _mentions(self, text: str) -> bool:
        return self.must_mention is None or bool(self.must_mention.search(text))

    def _next_sentence_sourced(self, block, idx: int) -> bool:
        """"Surveys have shown that ... . Research by the firm X found ...": named just after."""
        if idx + 1 >= len(block.sentences):
            return False
        nxt = block.sentences[idx + 1]
        return voice.sentence_attributed(block, nxt) and self._mentions(block.text[nxt.start:nxt.end])

    def _next_paragraph_sourced(self, doc: Document, block) -> bool:
        following = doc.blocks[block.index + 1:block.index + 2]
        return any(b.kind in ("paragraph", "list_item") and voice.paragraph_attributed(b) and self._mentions(b.text)
                   for b in following)

    def _cleared_by(self, block, idx: int, s_start: int, s_end: int) -> bool:
        window = self.options["cleared_window"]
        text = block.text
        if window == "paragraph":
            return bool(self.cleared.search(text))
        end = s_end
        if window == "next-sentence" and idx + 1 < len(block.sentences):
            end = block.sentences[idx + 1].end
        return bool(self.cleared.search(text, s_start, end))
