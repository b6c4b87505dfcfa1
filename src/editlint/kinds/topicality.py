"""Topicality: how much a short piece of text (a list item, an anchor, a line) shares with
the article it sits in, with words weighted by their rarity in English.

The article's *profile* is the set of content words of its title, headings and prose.
A word that is rare in English (``wordfreq.zipf_frequency`` low) carries a lot of
evidence when the article and the piece share it ("Panjshir", "keto"); a common one
("place", "new") carries almost none. Also home of the ``unrelated-link-block`` kind.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import regex

from editlint import patternstore, prose
from editlint.document import Block, Document
from editlint.kinds.base import Kind
from editlint.rule import Finding, Option

# Function words: never evidence of topic, and they break runs of names.
STOPWORDS = frozenset(
    """a an the and or but nor so yet for of in on at to from by with without about into onto over under
    after before since until between among through during against across along around as than then
    is are was were be been being am do does did done have has had having will would shall should can
    could may might must it its it's this that these those there here where when while who whom whose
    which what why how i me my we us our you your he him his she her they them their not no yes if
    also just only very more most less least such each every all any some both either neither other
    another own same too up down out off again further once one two three per via vs versus
    like upon within whether though although because de la le du des von van der""".split()
)

_HOST = patternstore.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//(?:www\.)?([^/?#:\s]+)", regex.I)
_SUFFIX_S = patternstore.compile(r"(?:['’]s|['’])$")
_WORD = prose.WORD


@lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """Lower-case, possessive stripped, a plural 's' folded ("Iran's" -> "iran", "flights" -> "flight")."""
    w = _SUFFIX_S.sub("", word.lower())
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        if len(w) > 4 and w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh", "o")):
            # "tomatoes" -> "tomato", "trusses" -> "truss", but "shoes" -> "shoe": the commoner stem
            return w[:-2] if zipf(w[:-2]) > zipf(w[:-1]) else w[:-1]
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    # wordfreq's zipf_frequency(word, "en"), from editlint's own table (no wordfreq import)
    from editlint.wordfrequency import zipf_frequency

    return zipf_frequency(word)


@lru_cache(maxsize=65536)
def weight(word: str) -> float:
    """Evidence a shared word carries: 0 for the commonest words, up to ~6 for rare ones."""
    return max(0.3, 7.0 - zipf(word))


def content_words(text: str) -> list[str]:
    """Normalised content words of ``text`` (no function words, no bare numbers)."""
    out = []
    for w in _WORD.findall(text):
        if not w[0].isalpha():
            continue
        n = norm(w)
        if n in STOPWORDS or len(n) < 2:
            continue
        out.append(n)
    return out


class Profile:
    """The article's vocabulary: content words of every block but the excluded ones."""

    def __init__(self, doc: Document, exclude: Iterable[Block] = ()) -> None:
        skip = {id(b) for b in exclude}
        self.counts: dict[str, int] = {}
        for block in doc.blocks:
            if id(block) in skip:
                continue
            for w in content_words(block.text):
                self.counts[w] = self.counts.get(w, 0) + 1
        if doc.title and not any(b.kind == "title" for b in doc.blocks):
            for w in content_words(doc.title):
                self.counts[w] = self.counts.get(w, 0) + 1
        for phrase in doc.keyphrases:
            for w in content_words(phrase):
                self.counts[w] = self.counts.get(w, 0) + 1

    @classmethod
    def of_text(cls, text: str) -> "Profile":
        profile = cls.__new__(cls)
        profile.counts = {}
        for w in content_words(text):
            profile.counts[w] = profile.counts.get(w, 0) + 1
        return profile

    def overlap(self, text: str) -> tuple[float, list[str]]:
        """Share (0..1) of the rarity-weighted content words of ``text`` that the article
        also uses, and the shared words."""
        words = content_words(text)
        if not words:
            return 1.0, []
        total = shared = 0.0
        common = []
        for w in dict.fromkeys(words):
            wt = weight(w)
            total += wt
            if self.counts.get(w):
                shared += wt
                common.append(w)
        return (shared / total if total else 1.0), common


def title_cased(text: str) -> bool:
    """Whether three quarters of the content words (not function words) are capitalised."""
    # a long text is read word by word, not as one list of its words
    words = _WORD.findall(text) if len(text) <= 50_000 else (m.group() for m in _WORD.finditer(text))
    content = upper = 0
    for w in words:
        if w[0].isalpha() and w.lower() not in STOPWORDS:
            content += 1
            upper += w[0].isupper()
    if not content:
        return False
    return upper / content >= 0.75


def block_title_cased(block: Block) -> bool:
    """``title_cased(block.text)``, worked out once per block (several rules ask)."""
    cached = block.__dict__.get("_editlint_title_cased")
    if cached is None:
        cached = block.__dict__["_editlint_title_cased"] = title_cased(block.text)
    return cached


_SENTENCE_END = patternstore.compile(r"[.!?;:…][\"”’)]*\s*$|[.!?]\s+\p{Lu}")


def link_like(block: Block, max_words: int = 10) -> bool:
    """A short line that reads as a link: its text is (almost) all anchor text, or in plain
    text a short title-cased line with no sentence punctuation."""
    words = block.words
    if not words or len(words) > max_words:
        return False
    if block.links:
        anchored = sum(l.end - l.start for l in block.links)
        return anchored >= 0.6 * len(block.text.strip())
    if _SENTENCE_END.search(block.text):
        return False
    return block_title_cased(block)


def link_runs(doc: Document, min_items: int, max_words: int) -> Iterator[list[Block]]:
    """Runs of consecutive link-like list items (one list group), or in plain text of
    consecutive link-like lines, at least ``min_items`` long."""
    run: list[Block] = []
    source = doc.text

    def key(b: Block) -> object:
        return ("list", b.group) if b.kind == "list_item" else ("line", "stray")

    def stray(b: Block) -> bool:
        # plain text: a short title-cased line the parser took for a heading or paragraph
        return b.inferred and b.kind in ("heading", "paragraph") and not b.links

    def adjacent(a: Block, b: Block) -> bool:
        # one line after the other, no blank line between (a block of lines, not sections)
        return source.count("\n", a.source_end, b.source_start) <= 1

    body = False   # stray lines count only after the article has begun (not a byline and dateline)
    for block in doc.blocks:
        ok = link_like(block, max_words) and (block.kind == "list_item" or (body and stray(block)))
        body = body or (block.kind == "paragraph" and len(block.words) >= 15)
        if ok and run and key(run[-1]) == key(block) and (block.kind == "list_item" or adjacent(run[-1], block)):
            run.append(block)
            continue
        if len(run) >= min_items:
            yield run
        run = [block] if ok else []
    if len(run) >= min_items:
        yield run


def _introduced(doc: Document, first: Block) -> bool:
    """The run follows a sentence of the article that announces it ("Her best-known books
    were:"): the writer's own list, whatever its words."""
    if first.index == 0:
        return False
    prev = doc.blocks[first.index - 1]
    return prev.kind == "paragraph" and len(prev.words) >= 4 and prev.text.rstrip().endswith(":")


class UnrelatedLinkBlock(Kind):
    """A run of short link-like list items most of which share nothing with the article."""

    KIND = "unrelated-link-block"
    OPTIONS = {
        "min_items": Option(3, "Fewest link-like items in a run for it to be judged."),
        "max_words": Option(10, "Longest item (in words) that still reads as a link or link-like line."),
        "min_overlap": Option(0.25, "An item is off-topic when less than this share of its rarity-weighted "
                                    "content words occurs elsewhere in the article.", type=(int, float)),
        "min_off_topic": Option(0.6, "Report the run when at least this share of its items is off-topic.",
                                type=(int, float)),
        "min_article_words": Option(80, "Skip documents shorter than this (too little article to judge topic)."),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        for start, run, off in judged_runs(doc, opts):
            if len(off) < opts["min_off_topic"] * len(run) or len(off) < 2:
                continue
            examples = "; ".join(f"'{blk.text}'" for blk in off[:3])
            # one finding for the block; each off-topic item is a related place
            related = [self.related_source(doc, blk.source_start, blk.source_end, "an unrelated item")
                       for blk in off if blk.source_start != start]
            yield self.report_source(doc, start, run[-1].source_end, count=len(run), off=len(off),
                                     examples=examples, related=related)


def judged_runs(doc: Document, opts: dict) -> Iterator[tuple[int, list[Block], list[Block]]]:
    """(source start, items, off-topic items) of every run of link-like lines that no sentence
    introduces, in an article long enough to judge topic; a list label ("Popular Now") heading
    the run is not an item. Shared by LS101 (blocks) and LS106 (adverts in lists)."""
    if doc.word_count < opts["min_article_words"]:
        return
    for run in link_runs(doc, opts["min_items"], opts["max_words"]):
        if _introduced(doc, run[0]):
            continue
        start = run[0].source_start
        run = [b for b in run if not (b is run[0] and list_label(b))]
        yield start, run, off_topic_items(doc, run, opts["min_overlap"])


# The label of a recirculation list, not one of its items.
_LIST_LABEL = patternstore.compile(
    r"^\W*(?:trending(?: now| today| on \S+)?|popular(?: now| today| posts| stories)?|most (?:read|popular|viewed|shared)|"
    r"related(?: posts| stories| articles| coverage| reading)?|you (?:may|might) (?:also )?like|recommended(?: for you)?|"
    r"more (?:from|stories|on)\b.*|read more|see also|further reading|sponsored(?: links| content)?|partners?|"
    r"people also (?:search|ask)(?: for)?|popular searches|hot topics|don't miss|elsewhere on \S+)\W*$", regex.I)


def list_label(block: Block) -> bool:
    """A line that names a recirculation list ("Trending now", "You may also like")."""
    return _LIST_LABEL.match(block.text.strip()) is not None


def site_of(href: str | None) -> str:
    """The host a link goes to; "" for a relative address (the site's own pages)."""
    m = _HOST.match(href or "")
    return m.group(1).lower() if m else ""


def _sites(block: Block) -> set[str]:
    return {site_of(l.href) for l in block.links if l.kind != "image" and l.href}


def house_items(run: list[Block]) -> list[Block]:
    """In a list that links to several sites, the items that link to the site most of them go
    to (usually the site's own pages): the publisher's picks. A list to one site has none."""
    sites = [_sites(b) for b in run]
    counts: dict[str, int] = {}
    for s in sites:
        for host in s:
            counts[host] = counts.get(host, 0) + 1
    if len(counts) < 2:
        return []
    home = max(counts, key=lambda h: (counts[h], h == ""))
    if 2 * counts[home] <= len(run):
        return []
    return [b for b, s in zip(run, sites) if s == {home}]


def off_topic_items(doc: Document, run: list[Block], min_overlap: float) -> list[Block]:
    """Items of a run that share (almost) nothing with the rest of the article. In a list that
    mixes the site's own pages with other sites, the site's own items are its picks, not spam."""
    profile = Profile(doc, exclude=run)
    house = {id(b) for b in house_items(run)}
    off = []
    for block in run:
        if id(block) in house:
            continue
        share, _ = profile.overlap(block.text)
        if share < min_overlap:
            off.append(block)
    return off


class OffTopicListItem(Kind):
    """A commercial stranger in an otherwise editorial list of links ("Trending", "Popular now")."""

    KIND = "off-topic-list-item"
    OPTIONS = {
        "tokens": Option([], "Commercial terms (finance, gambling, pills, deals …) that mark an off-topic item as an "
                             "advert, matched as whole words, ignoring case.", type=list),
        "min_items": Option(3, "Fewest link-like items in a list for it to be judged."),
        "max_words": Option(12, "Longest item (in words) that still reads as a link or link-like line."),
        "min_overlap": Option(0.25, "An item is off-topic when less than this share of its rarity-weighted content "
                                    "words occurs elsewhere in the article.", type=(int, float)),
        "max_off_topic": Option(0.6, "Lists with at least this share of off-topic items are link blocks (LS101), "
                                     "not judged here.", type=(int, float)),
        "min_article_words": Option(80, "Skip documents shorter than this (too little article to judge topic)."),
    }

    def prepare(self) -> None:
        from editlint.kinds.base import compile_pattern
        tokens = [str(t) for t in self.options["tokens"]] or ["\x00"]
        self.pattern = compile_pattern(r"(?<![\p{L}\p{N}_])\L<terms>(?![\p{L}\p{N}_])", True, terms=tokens)

    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        for _, run, off in judged_runs(doc, opts):
            if not off or len(off) >= opts["max_off_topic"] * len(run) and len(off) >= 2:
                continue   # nothing strange, or a link block (LS101)
            house = house_items(run)
            strangers: list[tuple[Block, str]] = []
            for block in off:
                m = self.pattern.search(block.text)
                if m:
                    strangers.append((block, f"'{m.group()}' makes it an advert"))
                elif block.links and 2 * len(house) >= len(run) and len(off) == 1:
                    strangers.append((block, "it is the list's only link to another site"))
            if not strangers:
                continue
            (first, why), rest = strangers[0], strangers[1:]
            related = [self.related_source(doc, b.source_start, b.source_end, f"another off-topic item ({w})")
                       for b, w in rest]
            yield self.report_source(doc, first.source_start, first.source_end, item=first.text.strip(), why=why,
                                     count=len(run), related=related)
