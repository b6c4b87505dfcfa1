"""A target keyphrase used too often, and keyword lists in alt text, captions and headings.

``keyphrase-density`` follows Yoast's measure: uses of the keyphrase ÷ words × 100, with a
good band of 0.5–3 %. The keyphrase comes from the rule's ``keyphrase`` option or the
article's front matter (``keyphrase``, ``focus_keyword``, ``keywords`` …). Past the band it
reports where the excess sits: runs of consecutive sentences that all carry the phrase,
headings that nearly all carry it, image alt text and captions.

``keyword-list`` reports alt text, captions and headings that are comma- or pipe-separated
lists of search phrases rather than a description.
"""

from __future__ import annotations

from typing import Iterator

import regex

from editlint.document import Block, Document
from editlint.kinds.base import Kind, compile_pattern
from editlint.kinds.topicality import STOPWORDS, content_words
from editlint.rule import Finding, Option


def phrase_pattern(phrase: str) -> regex.Pattern:
    words = [regex.escape(w) for w in phrase.split()]
    body = r"[\s\-]+".join(words)
    return compile_pattern(rf"(?<![\p{{L}}\p{{N}}_]){body}(?:['’]s|s|es)?(?![\p{{L}}\p{{N}}_])", True)


class KeyphraseDensity(Kind):
    KIND = "keyphrase-density"
    OPTIONS = {
        "keyphrase": Option("", "The target keyphrase. Empty: take it from front matter (keyphrase, focus_keyword, keywords …)."),
        "max_density": Option(3.0, "Highest acceptable density, in % (Yoast: 0.5–3 % is good).", type=(int, float)),
        "min_hits": Option(4, "Never report a phrase used fewer times than this."),
        "min_words": Option(100, "Skip texts shorter than this: density is noise on a few sentences."),
        "min_phrase_words": Option(2, "Judge only keyphrases of at least this many words (a one-word "
                                      "keyphrase is usually simply the topic)."),
        "use_tags": Option(True, "With no keyphrase field, judge the multi-word front-matter `tags` "
                                 "(names excepted)."),
        "cluster": Option(2, "This many consecutive sentences all carrying the phrase make a cluster."),
        "heading_share": Option(0.6, "Report headings when at least this share of them carries the phrase "
                                     "(and there are three or more).", type=(int, float)),
    }

    def phrases(self, doc: Document) -> list[str]:
        if self.options["keyphrase"]:
            return [self.options["keyphrase"]]
        wanted = self.options["min_phrase_words"]
        found = [p for p in doc.keyphrases if len(p.split()) >= wanted]
        if found or not self.options["use_tags"]:
            return found
        # no keyphrase field: the multi-word front-matter tags stand in for it, except names
        # (a profile's subject tagged "Nora Vell" is the topic, not a keyphrase)
        tags = doc.front_matter.get("tags") if isinstance(doc.front_matter, dict) else None
        if isinstance(tags, str):
            tags = tags.split(",")
        if not isinstance(tags, list):
            return []
        seen: dict[str, None] = {}
        for tag in tags:
            tag = str(tag).strip()
            if len(tag.split()) >= wanted and tag.lower() not in seen and not _is_name(doc, tag):
                seen[tag.lower()] = None
        return list(seen)

    def check(self, doc: Document) -> Iterator[Finding]:
        words = doc.word_count
        if words < self.options["min_words"]:
            return
        reported: set[tuple[int, int, int]] = set()   # (block, start) already reported for another phrase
        for phrase in self.phrases(doc):
            yield from self._check_phrase(doc, phrase, words, reported)

    def _check_phrase(self, doc: Document, phrase: str, words: int,
                      reported: set[tuple[int, int, int]]) -> Iterator[Finding]:
        opts = self.options
        pattern = phrase_pattern(phrase)
        hits: list[tuple[Block, int, int, int]] = []   # block, start, end, sentence ordinal in document
        ordinal = 0
        sentence_hit: dict[int, int] = {}
        for block in doc.blocks:
            if block.kind == "title":
                continue
            sents = block.sentences or []
            for m in pattern.finditer(block.text):
                if block.in_quotes(m.start(), m.end()):
                    continue
                k = next((i for i, s in enumerate(sents) if s.start <= m.start() < s.end), 0)
                hits.append((block, m.start(), m.end(), ordinal + k))
                sentence_hit[ordinal + k] = sentence_hit.get(ordinal + k, 0) + 1
            ordinal += max(1, len(sents)) + (1 if block.kind != "paragraph" else 0)
        count = len(hits)
        density = 100.0 * count / words
        if count < opts["min_hits"] or density <= opts["max_density"]:
            return
        headings = [b for b in doc.blocks if b.kind == "heading"]
        with_phrase = {id(b) for b, *_ in hits if b.kind == "heading"}
        many_headings = len(headings) >= 3 and len(with_phrase) >= opts["heading_share"] * len(headings)
        where: dict[int, str] = {}
        for i, (block, start, end, sent) in enumerate(hits):
            run = 1
            j = sent - 1
            while j in sentence_hit:
                run += 1
                j -= 1
            k = sent + 1
            while k in sentence_hit:
                run += 1
                k += 1
            if block.kind == "alt":
                where[i] = "it sits in image alt text"
            elif block.kind == "caption":
                where[i] = "it sits in a caption"
            elif block.kind == "heading" and many_headings:
                where[i] = f"it is in {len(with_phrase)} of {len(headings)} headings"
            elif run >= opts["cluster"] and (sent - 1) in sentence_hit:
                where[i] = f"it is in {run} sentences in a row"
            elif sentence_hit[sent] >= 2 and i and hits[i - 1][3] == sent:
                where[i] = f"it is used {sentence_hit[sent]} times in one sentence"
        # every use past the number the text can carry is excess too, wherever it sits
        allowed = max(1, int(opts["max_density"] * words / 100))
        for i in range(allowed, count):
            where.setdefault(i, "it is past the number of uses the text can carry")
        first = None
        for i, why in sorted(where.items()):
            block, start, end, _ = hits[i]
            if any(b == id(block) and s <= start < e or b == id(block) and start <= s < end
                   for b, s, e in reported):
                continue
            reported.add((id(block), start, end))
            # the whole case once, then a short pointer back to it for each further cluster
            finding = self.report(doc, block, start, end, message=None if first is None else _AGAIN,
                                  phrase=phrase, count=count, words=words, density=f"{density:.1f}",
                                  max=opts["max_density"], where=why,
                                  first=f"{first.line}:{first.column}" if first else "")
            first = first or finding
            yield finding


def _is_name(doc: Document, tag: str) -> bool:
    """A tag that the prose writes as a name: every word capitalised in each body use."""
    pattern = phrase_pattern(tag)
    uses = 0
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item", "caption", "quote", "table_cell"):
            continue
        for m in pattern.finditer(block.text):
            uses += 1
            if not all(w[:1].isupper() or not w[:1].isalpha() for w in m.group().split()):
                return False
    return uses > 0 or all(w[:1].isupper() for w in tag.split())


_AGAIN = "Keyphrase '{phrase}' again: here {where} ({density}% of the text; see {first})."


_SEPARATORS = regex.compile(r"\s*[,|;/·•]\s*|\s+[-–—]\s+")
_SENTENCE = regex.compile(r"[.!?]\s+\p{Lu}|\p{Ll}[.!?]$")
_JOIN = regex.compile(r"^(?:and|or|&|plus)\b", regex.I)


class KeywordList(Kind):
    KIND = "keyword-list"
    OPTIONS = {
        "scope": Option(["alt", "caption", "heading", "title"], "Block kinds checked.", type=list),
        "min_items": Option(3, "Fewest separated phrases that make a list."),
        "max_item_words": Option(5, "Longest phrase (in words) that still reads as a keyword."),
        "paragraph_min_items": Option(4, "In a paragraph (when `paragraph` is in scope): fewest phrases, and a "
                                      "word must recur in at least half of them, with phrases of 2.5 words or "
                                      "more on average (a team sheet of surnames is not a keyword list)."),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        keywords = [set(content_words(k)) for k in doc.keyphrases]
        for block in self.scoped_blocks(doc):
            text = block.text
            prose = block.kind in ("paragraph", "list_item")
            if prose:
                text = text.rstrip()
                text = text[:-1] if text.endswith(".") else text   # a keyword list pasted as a "sentence"
            if _SENTENCE.search(text) or (prose and regex.search(r"[.!?:;()]", text)):
                continue
            parts = [p for p in _SEPARATORS.split(text) if p.strip()]
            if len(parts) < (opts["paragraph_min_items"] if prose else opts["min_items"]):
                continue
            if prose and sum(len(p.split()) for p in parts) / len(parts) < 2.5:
                continue
            if any(len(p.split()) > opts["max_item_words"] for p in parts):
                continue
            if any(_JOIN.match(p.strip()) or regex.search(r"\s(?:and|or|&)\s", p) for p in parts[-1:]):
                continue   # "X, Y and Z" is an ordinary list in a sentence
            words = [set(content_words(p)) for p in parts]
            repeated = sorted({w for i, ws in enumerate(words) for w in ws
                               if any(w in other for j, other in enumerate(words) if j != i)})
            keyed = [p for p, ws in zip(parts, words) if any(k and k <= ws for k in keywords)]
            if prose and 2 * max((sum(1 for ws in words if w in ws) for w in repeated if len(w) > 2),
                                 default=0) < len(parts):
                continue   # in running text, one word must tie at least half the phrases together
            if len(repeated) >= 1 and sum(1 for ws in words if ws & set(repeated)) >= 3:
                evidence = f"'{repeated[0]}' recurs across {sum(1 for ws in words if ws & set(repeated))} of its {len(parts)} phrases"
            elif len(keyed) >= 2:
                evidence = f"{len(keyed)} of its {len(parts)} phrases are the target keyphrase"
            else:
                continue
            label = {"alt": "Image alt text", "caption": "Caption", "heading": "Heading", "title": "Title",
                     "paragraph": "Paragraph", "list_item": "List item"}.get(block.kind, "Text")
            yield self.report(doc, block, 0, len(text), label=label, items=len(parts), evidence=evidence)
