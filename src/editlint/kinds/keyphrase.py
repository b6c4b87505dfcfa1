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

from editlint import patternstore
from editlint.document import Block, Document
from editlint.kinds.base import Kind, compile_pattern
from editlint.kinds.query_ngrams import _at_most_two
from editlint.keyphrases import Keyphrase, Use, declared_keyphrase, stuffed, target_keyphrases
from editlint.kinds.topicality import STOPWORDS, content_words
from editlint.rule import Finding, Option


def phrase_pattern(phrase: str) -> regex.Pattern:
    words = [regex.escape(w) for w in phrase.split()]
    body = r"[\s\-]+".join(words)
    return compile_pattern(rf"(?<![\p{{L}}\p{{N}}_]){body}(?:['’]s|s|es)?(?![\p{{L}}\p{{N}}_])", True)


class KeyphraseDensity(Kind):
    KIND = "keyphrase-density"
    OPTIONS = {
        "keyphrase": Option("", "The target keyphrase. Empty: take it from front matter (keyphrase, focus_keyword, "
                                "keywords …), or else infer it from the title, slug, headings and the other places "
                                "search engines weigh."),
        "max_density": Option(3.0, "Highest acceptable length-weighted density, in % (Yoast: uses ÷ words × 100 × "
                                   "(0.7 + content words ÷ 3), good up to 3 %).", type=(int, float)),
        "min_hits": Option(4, "Never judge density on a phrase used fewer times than this."),
        "min_words": Option(100, "Skip texts shorter than this: density is noise on a few sentences."),
        "min_phrase_words": Option(2, "Judge only declared keyphrases of at least this many words (a one-word "
                                      "keyphrase is usually simply the topic)."),
        "use_tags": Option(True, "With no keyphrase field, judge the multi-word front-matter `tags` "
                                 "(names excepted)."),
        "infer": Option(True, "With no keyphrase declared, infer the one the page targets (see `editlint stats`)."),
        "heading_share": Option(0.75, "Report when more than this share of the subheadings carries the phrase "
                                      "(and two or more do), as Yoast does.", type=(int, float)),
        "min_headings": Option(3, "... or when this many subheadings carry it, whatever their share."),
    }

    def phrases(self, doc: Document) -> list[Keyphrase]:
        if self.options["keyphrase"]:
            return [declared_keyphrase(doc, self.options["keyphrase"])]
        wanted = self.options["min_phrase_words"]
        found = [p for p in doc.keyphrases if len(p.split()) >= wanted]
        if found:
            return [declared_keyphrase(doc, p) for p in found]
        if doc.keyphrases:
            return []
        inferred = target_keyphrases(doc) if self.options["infer"] else []
        tags = self._tag_phrases(doc) if self.options["use_tags"] else []
        # the inferred phrase (its tag is part of its evidence), then the other multi-word tags
        held = [kp.keys for kp in inferred]
        tagged = [declared_keyphrase(doc, p, "tags") for p in tags]
        return inferred + [kp for kp in tagged if kp.keys not in held]

    def _tag_phrases(self, doc: Document) -> list[str]:
        # no keyphrase field: the multi-word front-matter tags stand in for it, except names
        # (a profile's subject tagged "Nora Vell" is the topic, not a keyphrase)
        wanted = self.options["min_phrase_words"]
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
        if doc.word_count < self.options["min_words"]:
            return
        yield from _at_most_two(list(self._findings(doc)))

    def _findings(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        taken: set[tuple[int, int]] = set()   # (block, start) of uses another phrase's finding holds
        limits = dict(max_density=opts["max_density"], heading_share=opts["heading_share"],
                      min_headings=opts["min_headings"], min_hits=opts["min_hits"])
        for kp in self.phrases(doc):
            found = stuffed(doc, kp, **limits)
            if found is None:
                continue
            uses = [u for u in kp.body_uses if (id(u.block), u.start) not in taken]
            if not uses:
                continue
            main = found.most_telling()
            if main not in uses:
                main = uses[0]
            taken.update((id(u.block), u.start) for u in uses)
            how = ("declared in front matter" if kp.source == "declared" else
                   "named in the front-matter tags" if kp.source == "tags" else
                   f"inferred: {kp.evidence()}")
            related = [self.related_at(doc, u.block, u.start, u.end, _use_note(u)) for u in uses if u is not main]
            yield self.report(doc, main.block, main.start, main.end, phrase=kp.phrase, how=how,
                              failures="; ".join(found.failures), count=len(uses),
                              where=_where(main, found), related=related)


def _use_note(use: Use) -> str:
    names = {"subheading": "in a subheading", "faq": "in an FAQ question", "alt": "in image alt text",
             "caption": "in a caption", "anchor": "as a link anchor", "tags": "in the tag list",
             "list": "in a list item", "intro": "in the opening paragraph"}
    where = names.get(use.place, "in the text")
    return f"again, {where}" + (f" ({use.forced})" if use.forced else "")


def _where(use: Use, found) -> str:
    if use.forced:
        return f"it does not read as language: {use.forced}"
    if use in found.twice:
        return "this sentence carries it twice"
    if use in found.consecutive:
        return "the sentence before carries it too"
    return {"subheading": "it heads a section", "faq": "it is put into an FAQ question",
            "alt": "it sits in image alt text", "caption": "it sits in a caption"}.get(use.place, "it is used here")


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



_PUNCTUATED = patternstore.compile(r"[.!?:;()]")
_AND_OR = patternstore.compile(r"\s(?:and|or|&)\s")
_SEPARATORS = patternstore.compile(r"\s*[,|;/·•]\s*|\s+[-–—]\s+")
_SENTENCE = patternstore.compile(r"[.!?]\s+\p{Lu}|\p{Ll}[.!?]$")
_JOIN = patternstore.compile(r"^(?:and|or|&|plus)\b", regex.I)


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
        lists: list[tuple[Block, int, str, int, str]] = []
        for block in self.scoped_blocks(doc):
            text = block.text
            prose = block.kind in ("paragraph", "list_item")
            if prose:
                text = text.rstrip()
                text = text[:-1] if text.endswith(".") else text   # a keyword list pasted as a "sentence"
            if _SENTENCE.search(text) or (prose and _PUNCTUATED.search(text)):
                continue
            parts = [p for p in _SEPARATORS.split(text) if p.strip()]
            if len(parts) < (opts["paragraph_min_items"] if prose else opts["min_items"]):
                continue
            if prose and sum(len(p.split()) for p in parts) / len(parts) < 2.5:
                continue
            if any(len(p.split()) > opts["max_item_words"] for p in parts):
                continue
            if any(_JOIN.match(p.strip()) or _AND_OR.search(p) for p in parts[-1:]):
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
            lists.append((block, len(text), label, len(parts), evidence))
        if not lists:
            return
        # one finding per article: the first list, with every other keyword list as a related place
        block, n, label, items, evidence = lists[0]
        related = [self.related_at(doc, b, 0, m, f"another keyword list ({lab.lower()}, {k} phrases)")
                   for b, m, lab, k, _ in lists[1:]]
        yield self.report(doc, block, 0, n, label=label, items=items, evidence=evidence, related=related)
