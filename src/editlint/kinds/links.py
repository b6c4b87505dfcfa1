"""Link spam: spam anchors, scraped debris, link farms.

* ``spam-anchor`` — a lexicon (``tokens``/``patterns`` in the YAML pack) matched only in
  link anchors and link-like lines (short list items and stray title-cased lines), never in
  the article's sentences; a term the article itself is about is left alone.
* ``scraped-debris`` — stock-photo and download captions anywhere, and, after the article's
  last paragraph, "Title - Site Name" lines and stray related-post titles.
* ``link-density`` — a paragraph that is mostly anchor text (keyword-link footers), many
  links to one outside domain, and link density far above editorial norms.
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

import regex

from editlint import patternstore
from editlint.document import Block, Document
from editlint.kinds.base import Kind, compile_pattern
from editlint.kinds.topicality import STOPWORDS, Profile, block_title_cased, content_words, link_like, weight
from editlint.rule import Finding, Option, Rule, RuleError

_WORD_START = r"(?<![\p{L}\p{N}_])"
_WORD_END = r"(?![\p{L}\p{N}_])"


_ANCHOR_WORD = patternstore.compile(r"\p{L}[\p{L}\p{M}'’\-]*|\p{N}+")
def _is_linkish_line(block: Block, max_words: int) -> bool:
    """A list item or a stray line that reads as a link (no sentence in it)."""
    if block.kind == "title":
        return False
    if block.kind in ("list_item", "heading", "paragraph", "table_cell") and link_like(block, max_words):
        return block.kind == "list_item" or block.inferred or block.kind == "paragraph"
    return False


class SpamAnchor(Kind):
    KIND = "spam-anchor"
    OPTIONS = {
        "tokens": Option([], "Spam terms matched as whole words, ignoring case.", type=list),
        "patterns": Option([], "Regular expressions for spam anchors (case-insensitive).", type=list),
        "max_words": Option(10, "Longest list item or stray line (in words) that is read as link-like."),
        "topic_uses": Option(2, "Leave a term alone when the article's own sentences use it this often "
                                "(the article is about it)."),
    }

    def prepare(self) -> None:
        tokens = [str(t) for t in self.options["tokens"]]
        pats = [f"(?:{p})" for p in self.options["patterns"]]
        if not tokens and not pats:
            raise RuleError("kind 'spam-anchor' needs 'tokens' or 'patterns'")
        alts = ([r"\L<terms>"] if tokens else []) + pats
        self.pattern = compile_pattern(f"{_WORD_START}(?:{'|'.join(alts)}){_WORD_END}", True,
                                       terms=tokens or ["\x00"])

    def targets(self, doc: Document) -> Iterator[tuple[Block, int, int, str]]:
        for link in doc.links:
            if link.kind != "image":
                yield link.block, link.start, link.end, "link anchor"
        for block in doc.blocks:
            if not block.links and _is_linkish_line(block, self.options["max_words"]):
                yield block, 0, len(block.text), "link-like line"

    def check(self, doc: Document) -> Iterator[Finding]:
        targets = list(self.targets(doc))
        if not targets:
            return
        spans = {(id(b), a, e) for b, a, e, _ in targets}
        for block, start, end, what in targets:
            for m in self.pattern.finditer(block.text, start, end):
                term = m.group()
                uses = self._prose_uses(doc, term, spans)
                if uses >= self.options["topic_uses"]:
                    continue
                anchor = block.text[start:end]
                yield self.report(doc, block, m.start(), m.end(), term=term, anchor=anchor, what=what, uses=uses)

    def _prose_uses(self, doc: Document, term: str, skip: set) -> int:
        pat = compile_pattern(_WORD_START + regex.escape(term) + _WORD_END, True)
        n = 0
        for block in doc.blocks:
            if block.kind in ("paragraph", "quote", "caption") and not any(k[0] == id(block) for k in skip):
                n += len(pat.findall(block.text))
            elif block.kind == "paragraph":
                # a paragraph holding a link: count the term outside the anchors
                text = block.text
                for link in block.links:
                    text = text[:link.start] + " " * (link.end - link.start) + text[link.end:]
                n += len(pat.findall(text))
        return n


_ENDS_SENTENCE = patternstore.compile(r"[.!?][\"”’)]*$")
_HAS_SENTENCE_END = patternstore.compile(r"[.!?;]\s*$|[.!?]\s+\p{Lu}")
_TITLE_SITE = patternstore.compile(r"^(?P<title>.{3,}?)\s+(?:[-–—|]|::)\s+(?P<site>[\p{Lu}\d][\p{L}\p{N}.'’&]*(?:\s+[\p{Lu}\d&][\p{L}\p{N}.'’&]*){0,3})$")


class ScrapedDebris(Kind):
    KIND = "scraped-debris"
    OPTIONS = {
        "patterns": Option([], "Regular expressions for stock-photo and download captions, reported anywhere "
                               "(case-insensitive).", type=list),
        "max_words": Option(14, "Longest line (in words) that can be a stray title."),
        "max_trailing": Option(6, "Stray title lines after the last paragraph are reported only beside clear "
                                  "debris (a stock caption, a 'Title - Site' line) and when there are at most this "
                                  "many (a longer run is a list of results or credits)."),
        "min_body_words": Option(15, "A paragraph this long, with a full stop, counts as article body."),
    }

    def prepare(self) -> None:
        pats = [f"(?:{p})" for p in self.options["patterns"]]
        self.pattern = compile_pattern("|".join(pats), True) if pats else None

    def check(self, doc: Document) -> Iterator[Finding]:
        # one finding per stretch of debris: the lines after the article's last paragraph are one
        # problem (the first is reported, the others are related places); a stock caption inside
        # the article is a problem of its own
        found = list(self._debris(doc))
        last_body = self._last_body(doc)
        inside = [f for f in found if f.start < last_body]
        tail = [f for f in found if f.start >= last_body]
        yield from inside
        if tail:
            first = tail[0]
            first.related = [Rule.related_source(doc, f.start, f.end, f.message.split(". Delete")[0]) for f in tail[1:]]
            yield first

    def _last_body(self, doc: Document) -> int:
        last = None
        for block in doc.blocks:
            if block.kind == "paragraph" and len(block.words) >= self.options["min_body_words"] \
                    and _ENDS_SENTENCE.search(block.text):
                last = block
        return last.source_end if last is not None else 0

    def _debris(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        reported: set[int] = set()
        if self.pattern is not None:
            for block in doc.blocks:
                if block.kind == "paragraph" and len(block.words) > 30:
                    continue
                m = self.pattern.search(block.text)
                if m:
                    reported.add(block.index)
                    yield self.report(doc, block, 0, len(block.text), what="a stock-photo or download caption",
                                      evidence=f"'{m.group()}'")
        # the trailing zone: everything after the last body paragraph
        last_body = -1
        for block in doc.blocks:
            if block.kind == "paragraph" and len(block.words) >= opts["min_body_words"] \
                    and _ENDS_SENTENCE.search(block.text):
                last_body = block.index
        if last_body < 0:
            return
        tail = doc.blocks[last_body + 1:]
        title_profile = Profile.of_text(doc.title or "")
        candidates: list[Block] = []
        for i, block in enumerate(tail):
            if block.links or block.kind in ("list_item", "table_cell", "alt", "quote") or block.index in reported:
                continue
            if len(block.words) > opts["max_words"] or not block_title_cased(block):
                continue
            nxt = tail[i + 1] if i + 1 < len(tail) else None
            if block.kind == "heading" and nxt is not None and nxt.kind == "list_item":
                continue   # a heading introducing a list ("Related coverage")
            if _HAS_SENTENCE_END.search(block.text):
                continue
            candidates.append(block)
        # lines of the same shape ("A v B", "Category - Winner") are data, not debris
        separated = [b for b in candidates if _TITLE_SITE.match(b.text)]
        stray: list[tuple[Block, str]] = []
        for block in candidates:
            ts = _TITLE_SITE.match(block.text)
            if ts and len(separated) < 3 and title_profile.overlap(ts.group("title"))[0] >= 0.5 \
                    and title_profile.overlap(ts.group("site"))[0] == 0:
                stray.append((block, f"a 'Title - Site Name' line ('{ts.group('site')}') after the article"))
            else:
                stray.append((block, "a stray headline after the end of the article, left over from a scrape"))
        strong = len(reported & {b.index for b in tail}) + sum(1 for _, w in stray if w.startswith("a 'Title"))
        if strong and len(stray) <= opts["max_trailing"]:
            for block, why in stray:
                yield self.report(doc, block, 0, len(block.text), what=why,
                                  evidence=f"{len(stray) + len(reported & {b.index for b in tail})} debris lines "
                                           "after the last paragraph")


def _domain(href: str | None) -> str | None:
    if not href:
        return None
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") else host


class LinkDensity(Kind):
    KIND = "link-density"
    OPTIONS = {
        "block_min_links": Option(4, "A paragraph with at least this many links is judged for density."),
        "block_max_share": Option(0.7, "Report a paragraph whose words are more than this share anchor text.",
                                  type=(int, float)),
        "domain_min_links": Option(8, "Report an outside domain linked at least this many times ..."),
        "domain_max_share": Option(0.6, "... when it takes more than this share of all outside links.",
                                   type=(int, float)),
        "doc_min_links": Option(12, "A document with at least this many links is judged for overall density."),
        "doc_max_share": Option(0.25, "Report a document whose prose is more than this share anchor text.",
                                type=(int, float)),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        links = [l for l in doc.links if l.kind != "image"]
        if not links:
            return
        for block in doc.blocks:
            bl = [l for l in block.links if l.kind != "image"]
            if block.kind != "paragraph" or len(bl) < opts["block_min_links"]:
                continue
            anchor_words = sum(len(content_words(l.text)) + 0 for l in bl)
            words = max(1, len(content_words(block.text)))
            if anchor_words / words > opts["block_max_share"]:
                yield self.report(doc, block, 0, len(block.text),
                                  evidence=f"{len(bl)} links cover {round(100 * anchor_words / words)}% of this "
                                           f"paragraph's words", advice="cut it, or keep the one or two links a "
                                                                        "reader needs inside a real sentence")
        domains: dict[str, list] = {}
        for l in links:
            d = _domain(l.href)
            if d:
                domains.setdefault(d, []).append(l)
        outside = sum(len(v) for v in domains.values())
        for d, ls in domains.items():
            if len(ls) >= opts["domain_min_links"] and len(ls) > opts["domain_max_share"] * outside:
                first = ls[0]
                anchors = len({l.text.lower() for l in ls})
                yield self.report(doc, first.block, first.start, first.end,
                                  evidence=f"{len(ls)} of {outside} outside links go to {d} "
                                           f"({anchors} different anchors)",
                                  advice="link to that site once, where it is the source, and drop the rest")
        if len(links) >= opts["doc_min_links"]:
            anchor_words = sum(len(l.block.text[l.start:l.end].split()) for l in links)
            words = max(1, doc.word_count)
            if anchor_words / words > opts["doc_max_share"]:
                first = links[0]
                yield self.report(doc, first.block, first.start, first.end,
                                  evidence=f"{len(links)} links; anchor text is {round(100 * anchor_words / words)}% "
                                           f"of the article's words",
                                  advice="keep the links that cite a source or help the reader, and remove the rest")


class OffTopicAnchor(Kind):
    """A link inside an on-topic sentence whose anchor shares nothing with the article."""

    KIND = "off-topic-anchor"
    OPTIONS = {
        "min_anchor_words": Option(3, "Judge anchors with at least this many different content words."),
        "min_weight": Option(10.0, "... whose content words together weigh at least this much (rare words weigh "
                                   "up to ~6, common ones ~1-2), so that 'this report' or 'the figures' never count.",
                             type=(int, float)),
        "min_rare": Option(4.2, "... and at least one of them is rare in English (this weight or more: a name, a "
                                "brand, a place), so that a plain description of a source is never judged.",
                           type=(int, float)),
        "max_overlap": Option(0.1, "The anchor is off-topic when less than this share of its rarity-weighted "
                                   "content words occurs anywhere else in the article.", type=(int, float)),
        "min_context_overlap": Option(0.1, "The paragraph around the anchor must share at least this much with the "
                                            "rest of the article (it is on topic; the anchor is the stranger).",
                                       type=(int, float)),
        "min_prose_words": Option(8, "The paragraph must have at least this many words outside its links (a "
                                     "sentence, not a list of links)."),
        "min_article_words": Option(80, "Skip documents shorter than this (too little article to judge topic)."),
        "min_stack_weight": Option(5.0, "An anchor that is a bare lower-case noun stack, like a search query, is judged "
                                        "with two content words or more when they weigh at least this much (and "
                                        "the paragraph around it need only be half as on topic).",
                                   type=(int, float)),
        "max_footer_words": Option(20, "A line with fewer words than `min_prose_words` outside its links, and at most "
                                       "this many in all, is a footer line: its search-query anchors are judged."),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        if doc.word_count < opts["min_article_words"] or not any(l.kind != "image" for l in doc.links):
            return
        total: dict[str, int] = dict(Profile(doc).counts)
        for block in doc.blocks:
            links = [l for l in block.links if l.kind != "image"]
            if block.kind != "paragraph" or not links:
                continue
            outside = block.text
            for l in links:
                outside = outside[:l.start] + " " * (l.end - l.start) + outside[l.end:]
            # a short line around a link ("Planning a getaway? See [cheap flights …]") is a footer
            # anchor: only a search-query anchor is judged there, whatever the line's topic
            footer = len(outside.split()) < opts["min_prose_words"]
            if footer and len(block.words) > opts["max_footer_words"]:
                continue
            # the paragraph around its links, and the rest of the article without this paragraph
            context = content_words(outside)
            own = _counts(content_words(block.text))
            distinct = list(dict.fromkeys(context))
            ctx_weight = sum(weight(w) for w in distinct)
            ctx_shared = sum(weight(w) for w in distinct if total.get(w, 0) > own.get(w, 0))
            context_share = ctx_shared / ctx_weight if ctx_weight else 0.0
            if not footer and context_share < opts["min_context_overlap"] / 2:
                continue
            for link in links:
                words = list(dict.fromkeys(content_words(link.text)))
                weight_sum = sum(weight(w) for w in words)
                if _query_stack(link.text) and len(words) >= 2:
                    # a bare lower-case noun stack ("teak garden furniture sets") is a search query,
                    # not the name of a source: no rare word needed, and a paragraph half as on topic
                    if weight_sum < opts["min_stack_weight"]:
                        continue
                elif footer or len(words) < opts["min_anchor_words"] or weight_sum < opts["min_weight"] \
                        or max(weight(w) for w in words) < opts["min_rare"] \
                        or context_share < opts["min_context_overlap"]:
                    continue
                # the article without this anchor (words elsewhere in its own paragraph count)
                anchor_own = _counts(content_words(link.text))
                elsewhere = [a for a, n in total.items() if n > anchor_own.get(a, 0)]
                shared = [w for w in words if total.get(w, 0) > anchor_own[w] or _kin(w, elsewhere)]
                if sum(weight(w) for w in shared) / weight_sum >= opts["max_overlap"]:
                    continue
                if footer:
                    yield self.report(doc, block, link.start, link.end, _FOOTER, anchor=link.text)
                else:
                    yield self.report(doc, block, link.start, link.end, anchor=link.text,
                                      context=round(100 * context_share))


_FOOTER = ("Off-topic footer link: the anchor '{anchor}' is a search query that shares no word with the article. "
           "Remove the link, or link to a source the story needs.")


def _query_stack(anchor: str) -> bool:
    """A bare noun stack typed like a search query: no function word, mostly lower case
    ("teak garden furniture sets", "cheap flights bristol malaga")."""
    words = [w for w in _ANCHOR_WORD.findall(anchor)]
    if len(words) < 2 or any(w.lower() in STOPWORDS for w in words):
        return False
    return 2 * sum(1 for w in words if w[0].islower()) > len(words)


def _kin(word: str, vocabulary: list[str]) -> bool:
    """``word`` is a form of a word the article uses ("beekeeping" beside "bee", "watering"
    beside "water"): one starts with the other, the shorter having at least three letters."""
    for a in vocabulary:
        if len(a) >= 3 and len(word) >= 3 and (word.startswith(a) or a.startswith(word)):
            return True
    return False


def _counts(words: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for w in words:
        out[w] = out.get(w, 0) + 1
    return out
