"""The ``loaded`` kind: loaded phrasing (tropes, smears, dehumanising labels) in the
writer's own voice, and the ``scare-quotes`` kind.

The lexicon is the pack's: ``terms`` is a list of entries, each a literal ``term`` or a
regular expression ``pattern``, with a ``note`` (why it is loaded) and, where one exists,
``instead`` (a neutral alternative, offered as the suggestion). What the kind adds is
context, through :mod:`editlint.kinds.voice`; a match is *not* reported when

- it is someone else's words: inside quotation marks or a blockquote;
- its sentence keeps its distance ("conspiracy theorists claim", "the baseless theory",
  "what he calls"), unless ``clear_on_distance: false``;
- its sentence (or paragraph, ``attribution_scope: paragraph``) names a source who says
  it: "..., Senator Diaz said", "according to the 1975 Senate report";
- ``requires`` is given and none of its patterns occurs within ``window`` words (a
  people named together with control wording, a dehumanising word applied to a group);
- one of ``unless`` occurs in the sentence (a literal or historical context).
"""

from __future__ import annotations

import bisect
from typing import Any, Iterator

import regex

from editlint import patternstore
from editlint.document import Block, Document
from editlint.kinds import base, voice
from editlint.kinds.base import Kind, compile_pattern
from editlint.rule import Finding, Option, RuleError

_COMMA_AFTER = patternstore.compile(r"\s*,")
# Where a named speaker's reported words stop short of the sentence's end: a clause of the
# writer's own after ", but", ", which", ...; and the main clause after a subordinate one that
# holds the reporting verb ("After the council said the plan was safe, the developers ...").
_ATTRIBUTION_AFTER_COMMA = patternstore.compile(
    r",[\"”’']?\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\p{L}\-’']+\s+){0,3}?(?:" + "|".join(sorted(voice.REPORTING_VERBS)) + r")\b",
    regex.I)
# what follows the verb of an inverted attribution is its speaker ("..., said Mara Velt.", "..., says
# the minister, who ..."), not a clause: "The director, whom we have christened Captain Spreadsheet,
# says the cuts are unavoidable" puts the nickname in the writer's voice, before a subject's verb
_CLAUSE_WORDS = frozenset("is are was were will would has have had can could should must may might shall "
                          "do does did that to not".split())
_CLAUSE_END = patternstore.compile(r"[,;:!?]|\.(?=\s|$)")


def _inverted(text: str, pos: int, s_end: int) -> bool:
    cut = _CLAUSE_END.search(text, pos, s_end)
    words = text[pos:cut.start() if cut else s_end].split()
    return len(words) <= 5 and not any(w.lower() in _CLAUSE_WORDS for w in words)


_WRITERS_CLAUSE_AFTER = patternstore.compile(r",\s+(?:but|which|while|yet|whereas|although|though)\b", regex.I)
_SUBORDINATE_START = patternstore.compile(r"\s*(?:after|when|before|as|despite|while|although|though|once|if|since|"
                                          r"because|until|whereas)\b", regex.I)


# characters either side of a sentence that its attribution may read (lookbehinds at its edges)
_CONTEXT = 64


def _named_sentences(block: Block) -> tuple[list[bool], int]:
    """For each sentence of the block: does it name a source (:func:`voice.named_attribution`)?
    And how many do, counted once per block (a paragraph full of matches asks for every one)."""
    named = block.__dict__.get("_editlint_named_sentences")
    if named is None:
        flags = [voice.named_attribution(block.text, s.start, s.end) for s in block.sentences]
        named = block.__dict__["_editlint_named_sentences"] = (flags, sum(flags))
    return named


def _said_by_the_speaker(text: str, a: int, b: int, s_start: int, s_end: int) -> bool:
    """In a sentence that names a source, are the loaded words at text[a:b] the source's? They
    are when they lie in what a named speaker is reported as saying; a source named only
    through "according to", a passive agent or a citation covers the whole sentence."""
    # the match as one plain word: it is neither a speaker nor a clause break
    filled = text[:a] + "x" * (b - a) + text[b:]
    spans = voice.reported_speech(filled, s_start, s_end)
    if not spans:
        return True
    # "..., said Mara Velt, who ...", "..., the minister told MPs": the words before the comma
    tail = _ATTRIBUTION_AFTER_COMMA.search(filled, s_start, s_end)
    if tail and b <= tail.start() and _inverted(filled, tail.end(), s_end):
        return True
    for x, y in spans:
        cut = _WRITERS_CLAUSE_AFTER.search(filled, x, y)
        if cut:
            y = cut.start()
        if _SUBORDINATE_START.match(filled, s_start) and "," not in filled[s_start:x]:
            comma = filled.find(",", x, y)
            if comma >= 0:
                y = comma
        if x <= a and b <= y:
            return True
    return False
_SPEAKER_AFTER = patternstore.compile(r"\s*[,:]?\s*(?:\p{Lu}|he|she|they|said|says)")
_LOWER_WORD = patternstore.compile(r"\p{Ll}[\p{L}\-]*")
_SO_CALLED_BEFORE = patternstore.compile(r"\bso[\s\-]called\s+[\"“‘']?$", regex.I)
_BLOCK_SCOPE = ["title", "heading", "paragraph", "list_item", "table_cell", "caption", "alt"]
_ENTRY_KEYS = {"term", "pattern", "note", "instead"}


def _check_terms(value: Any) -> bool:
    for entry in value:
        if isinstance(entry, str):
            continue
        if not isinstance(entry, dict) or set(entry) - _ENTRY_KEYS or not (entry.get("term") or entry.get("pattern")):
            return False
    return True


class Loaded(base.InCompany, Kind):
    """Report loaded phrasing in the writer's own voice."""

    KIND = "loaded"
    OPTIONS = {
        "terms": Option([], "Entries: a string, or a mapping with `term` (literal phrase) or `pattern` (regex), "
                        "`note` (why it is loaded) and `instead` (a neutral alternative).",
                        type=list, items=(str, dict), check=_check_terms),
        **base.COMPANY_OPTIONS,
        "ignorecase": Option(True, "Match without regard to case."),
        "requires": Option([], "Regular expressions; when given, a match counts only if one of them occurs "
                           "within `window` words of it.", type=list),
        "window": Option(12, "Words either side of a match searched for `requires` (0: the whole sentence)."),
        "unless": Option([], "Regular expressions; a match is not reported when one occurs in its sentence "
                         "(literal or historical contexts).", type=list),
        "clear_on_distance": Option(True, "Do not report a match whose sentence reports about it with distance "
                                    "(conspiracy theory, baseless, so-called, what X calls, ...)."),
        "distance": Option([], "More regular expressions that mark distance, added to the built-in ones.", type=list),
        "attribution_scope": Option("sentence", "Where a named source who says it clears a match: sentence, paragraph or none.",
                                    check=lambda v: v in ("sentence", "paragraph", "none")),
        "skip_quotes": Option(True, "Ignore matches inside quotation marks or blockquotes."),
        "scope": Option(list(_BLOCK_SCOPE), "Block kinds the rule reads.", type=list,
                        check=lambda v: all(s in base.BLOCK_KINDS for s in v)),
    }

    def prepare(self) -> None:
        opts = self.options
        if not opts["terms"]:
            raise RuleError("kind 'loaded' needs 'terms'")
        self.entries: list[dict[str, str]] = []
        parts = []
        for i, entry in enumerate(opts["terms"]):
            if isinstance(entry, str):
                entry = {"term": entry}
            pat = entry.get("pattern") or regex.escape(str(entry["term"])).replace(r"\ ", r"[\s\-]+")
            # validate each alternative on its own so an error names the entry
            # (a built-in pack's are tested, and compiling them twice is a third of start-up)
            if not base.compiling_builtin():
                compile_pattern(pat, opts["ignorecase"])
            parts.append(f"(?P<t{i}>{pat})")
            self.entries.append({"note": str(entry.get("note", "")), "instead": str(entry.get("instead", ""))})
        # one word boundary around the whole alternation keeps the scan fast
        self.pattern = compile_pattern(r"(?<![\p{L}\p{N}_])(?:" + "|".join(parts) + r")(?![\p{L}\p{N}_])",
                                       opts["ignorecase"], screen=True)
        self.requires = compile_pattern("|".join(f"(?:{p})" for p in opts["requires"]), True) if opts["requires"] else None
        self.unless = compile_pattern("|".join(f"(?:{p})" for p in opts["unless"]), True) if opts["unless"] else None
        self.distance = compile_pattern("|".join(f"(?:{p})" for p in opts["distance"]), True) if opts["distance"] else None

    def _entry(self, m: regex.Match) -> dict[str, str]:
        for name, value in m.groupdict().items():
            if value is not None and name.startswith("t"):
                return self.entries[int(name[1:])]
        return {"note": "", "instead": ""}

    def _near(self, block: Block, a: int, b: int, s_start: int, s_end: int) -> bool:
        window = self.options["window"]
        if window <= 0:
            return bool(self.requires.search(block.text, s_start, s_end))
        # the `window` words before the match and after it, within the sentence (words are
        # sorted and never overlap, so both ends are found by bisection)
        words = block.words
        starts, ends = words.starts, words.ends
        lo, hi = bisect.bisect_left(starts, s_start), bisect.bisect_right(ends, a)
        before = words[max(lo, hi - window):hi] if lo < hi else []
        lo, hi = bisect.bisect_left(starts, b), bisect.bisect_right(ends, s_end)
        after = words[lo:min(hi, lo + window)] if lo < hi else []
        lo = before[0][0] if before else a
        hi = after[-1][1] if after else b
        return bool(self.requires.search(block.text, lo, hi))

    def allowed(self, block: Block, a: int, b: int) -> bool:
        """True when context clears the match at block.text[a:b]."""
        opts = self.options
        if opts["skip_quotes"] and voice.quoted_by_others(block, a, b):
            return True
        sentence = voice.sentence_at(block, a)
        s_start, s_end = sentence.start, sentence.end
        text = block.text
        if _SO_CALLED_BEFORE.search(text, max(0, a - 12), a):
            return True   # "the so-called deep state": the term is mentioned, not used
        if self.requires is not None and not self._near(block, a, b, s_start, s_end):
            return True
        if self.unless is not None and self.unless.search(text, s_start, s_end):
            return True
        # the match itself does not count as distance ("moon hoax" is not reporting about a hoax)
        if opts["clear_on_distance"] and voice.distanced(
                text[s_start:a] + " " * (b - a) + text[b:s_end], self.distance, after=b - s_start):
            return True
        scope = opts["attribution_scope"]
        # only a named speaker clears loaded words: a link is no one's voice; and the match is
        # not its own speaker ("the MSM won't report", "a Kremlin asset, wrote ..."). A dash
        # stands in for it, so that the words either side do not join into a clause of their
        # own ("they are [too spineless to] say no" is not "they say no").
        # Read in a window of the sentence and some context (lookbehinds), not a copy of the
        # whole block per match: that was quadratic in a long paragraph full of matches.
        w0, w1 = max(0, s_start - _CONTEXT), min(len(text), s_end + _CONTEXT)
        window = text[w0:w1]
        wa, wb, ws, we = a - w0, b - w0, s_start - w0, s_end - w0
        blanked = window[:wa] + "—" + " " * (wb - wa - 1) + window[wb:]
        if scope == "sentence" and voice.named_attribution(blanked, ws, we):
            return _said_by_the_speaker(window, wa, wb, ws, we)
        if scope == "paragraph":
            # the other sentences as written (the blanking is in this one), asked once per block
            named, count = _named_sentences(block)
            k = bisect.bisect_right(block.sentence_starts, a) - 1
            own = k if 0 <= k < len(named) and block.sentences[k] is sentence else -1
            if count - (named[own] if own >= 0 else 0) > 0:
                return True
            return own >= 0 and voice.named_attribution(blanked, ws, we)
        return False

    def check(self, doc: Document) -> Iterator[Finding]:
        for block in self.scoped_blocks(doc):
            for m in base.finditer(self.pattern, block.text):
                a, b = m.span()
                if a == b or self.allowed(block, a, b):
                    continue
                entry = self._entry(m)
                note = entry["note"]
                instead = entry["instead"]
                yield self.report(doc, block, a, b, note=note or "loaded wording",
                                  instead=instead or "a neutral description",
                                  suggestion=instead or None)


_CLOSING_QUOTES = frozenset("\"”’'")
_NEXT_WORD = patternstore.compile(r"[\"”’']?\s+(\p{Ll}[\p{L}\-’']*)")
# Words that may follow a sneering "so-called experts": verbs and function words, not nouns.
_CLAUSE_WORDS = frozenset("""are is was were have has had who that which and or but in on at of for with from to by
say says said claim claims claimed will would can could should do did does don't didn't never always keep kept
tell told want wanted think thought know knew got been get tried try insist insisted still also just all
now then again who've whose whom want warn warned like than as when while if because
work works worked lie lies lied ignore ignores ignored fail fails failed refuse refuses refused push pushed
hide hid hidden admit admitted deny denied""".split())

# "(the so-called experts) at the water board": a prepositional phrase that belongs to the target
_POSTMODIFIER = patternstore.compile(r"[\"”’']?\s+(?:at|of|in|from|on|with|for|behind|inside|within)\s+"
                                     r"(?:(?:the|a|an|their|his|her|our|its|this|that)\s+)?(?:[\p{L}\-’']+\s+){0,2}[\p{L}\-’']+")

_DETERMINER = r"(?:the|their|his|her|its|our|your|these|those|this|that|a|an|such)"


class ScareQuotes(base.InCompany, Kind):
    """Report scare quotes: a short lower-case term in quotation marks, used as the writer's
    own noun phrase with no speaker and no naming verb ("their "experts""), and sneering
    "so-called" before one of the pack's target nouns (or any noun, with `any-target`)."""

    KIND = "scare-quotes"
    OPTIONS = {
        "targets": Option([], "Nouns that 'so-called' sneers at (experts, scientists, journalists, ...). "
                          "Neutral 'so-called' before a technical term is never reported.", type=list),
        "any_target": Option(False, "'so-called' before any lower-case noun (of one or two words) is read, not "
                             "only `targets`; for a rule that also `needs-company`."),
        **base.COMPANY_OPTIONS,
        "quoted_targets_only": Option(True, "Report quoted terms only when they are one of `targets` "
                                      "(false: any short lower-case quoted term after a determiner)."),
        "max_words": Option(3, "Longest quoted term, in words, read as a scare quote."),
        "naming": Option([], "More regular expressions that introduce a term neutrally (a quote after them is not a "
                         "scare quote), added to the built-in ones (called, known as, dubbed, the word, ...).", type=list),
        "scope": Option(["paragraph", "list_item", "caption", "heading", "title"], "Block kinds the rule reads.",
                        type=list, check=lambda v: all(s in base.BLOCK_KINDS for s in v)),
    }

    _NAMING = (r"\b(?:called|calls|call|known\s+as|dubbed|nicknamed|termed|coined|branded|labell?ed|described\s+as|"
               r"referred\s+to\s+as|so-called|the\s+(?:word|words|term|terms|phrase|label|name|title|slogan|song|album|film|book|show)|"
               r"meaning|means|translates|as\s+in)\W*$")

    def prepare(self) -> None:
        targets = [str(t) for t in self.options["targets"]]
        if self.options["any_target"]:
            # one lower-case noun, or two when the second is no verb: "so-called advice service",
            # "so-called regulators would rather"
            self.so_called = compile_pattern(
                r"\bso[\s\-]called\s+[\"“‘']?(?P<t>(?-i:\p{Ll})[\p{L}\-]+(?:\s+(?!(?:" + "|".join(sorted(_CLAUSE_WORDS))
                + r")\b)(?-i:\p{Ll})[\p{L}\-]+(?=[\"”’']?(?:\s+(?:" + "|".join(sorted(_CLAUSE_WORDS))
                + r")\b|[,;:.!?)]|$)))?)\b[\"”’']?", True)
        elif not targets:
            raise RuleError("kind 'scare-quotes' needs 'targets' (or 'any-target')")
        else:
            self.so_called = compile_pattern(
                r"\bso[\s\-]called\s+[\"“‘']?(?P<t>\L<targets>)\b[\"”’']?", True, targets=targets)
        self.targets = {t.lower() for t in targets}
        naming = [self._NAMING] + [f"(?:{p})\\W*$" for p in self.options["naming"]]
        self.naming = compile_pattern("|".join(f"(?:{p})" for p in naming), True)
        # "their "experts"", "the council's 'consultation'": a determiner, at most one word (or a possessive) between
        self.before = compile_pattern(rf"\b{_DETERMINER}\s+(?:[\p{{L}}][\p{{L}}\-]*+['’]s\s+|\p{{Ll}}[\p{{L}}\-]*+\s+)?$"
                                      rf"|\b(?:is|was|are|were|been|be)\s+(?:all\s+|really\s+|supposedly\s+|only\s+|just\s+)?"
                                      rf"about\s+$|\bin\s+the\s+name\s+of\s+$", True)

    def check(self, doc: Document) -> Iterator[Finding]:
        for block in self.scoped_blocks(doc):
            if "blockquote" in block.containers:
                continue
            text = block.text
            for m in self.so_called.finditer(text):
                a, b = m.span()
                if block.in_quotes(a, b) or self._attributed(block, a, b):
                    continue
                nxt = _NEXT_WORD.match(text, b)
                word = nxt.group(1).lower() if nxt else ""
                # "so-called media world": the target only modifies a neutral term (unless it is
                # in scare quotes of its own: 'the so-called "independent" review')
                if nxt and word not in _CLAUSE_WORDS and not (len(word) > 4 and word.endswith("ed")) \
                        and text[b - 1:b] not in _CLOSING_QUOTES:
                    continue
                yield self.report(doc, block, a, b, target=m.group("t"))
            for qa, qb in block.quotes:
                inner = text[qa + 1:qb - 1].strip(" ,.")
                if not inner or qb - qa > 60:
                    continue
                words = inner.split()
                if len(words) > self.options["max_words"] or not all(_LOWER_WORD.fullmatch(w) for w in words):
                    continue
                if self.options["quoted_targets_only"] and inner.lower() not in self.targets:
                    continue
                head = text[max(0, qa - 40):qa]
                if not self.before.search(head) or self.naming.search(head):
                    continue
                # a closing quote right after a reporting verb or a colon is a quotation
                if _SPEAKER_AFTER.match(text[qb:qb + 12]) and \
                        _COMMA_AFTER.match(text[qb:qb + 2]):
                    continue
                if self._attributed(block, qa, qb):
                    continue
                yield self.report(doc, block, qa, qb, target=inner)

    @staticmethod
    def _attributed(block: Block, a: int, b: int) -> bool:
        """Does someone other than the sneered-at people say it? The target and its
        postmodifier ("the so-called experts at the water board insist") are blanked first:
        the people sneered at are not the source of the sneer."""
        sentence = voice.sentence_at(block, a)
        text = block.text
        post = _POSTMODIFIER.match(text, b)
        end = post.end() if post else b
        blanked = text[:a] + " " * (end - a) + text[end:]
        return voice.named_attribution(blanked, sentence.start, sentence.end)
