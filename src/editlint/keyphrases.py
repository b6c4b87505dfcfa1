"""The keyphrase a page targets, declared or inferred, and every place it is used.

A page that declares its keyphrase (front matter ``keyphrase``, ``focus_keyword``,
``keywords`` …) is judged on that phrase. A page that declares none still has one: the
phrase it puts in the places search engines weigh. :func:`target_keyphrases` infers it from

* the **title** (front matter, ``<title>``, a text file's first line), the **H1** and the
  **URL slug** (front matter ``slug``/``url``/``permalink``, ``<link rel="canonical">``,
  ``og:url``): the phrase must be stated in one of these, as a run of two to eight words;
* **subheadings**, the **opening paragraph**, **image alt text** and **captions**, **link
  anchors**, **tag lists** (front matter ``tags``/``categories``, a ``Tags: …`` line) and
  **FAQ questions**, and the rest of the body: each kind of place the phrase also appears
  in is one piece of evidence.

Of the runs of the title that recur elsewhere, a shorter one that mostly occurs inside a
longer one gives way to it ("roof leak repair" inside "roof leak repair Dunmore"), and the
run with the most kinds of places wins (then the longer, then the more used). A run that
the body always continues the same way grows to include it (the title's "X vs Y", the
body's "X vs Y 2025").

:func:`assess` then runs the keyphrase assessments a plugin like Yoast runs on a declared
keyphrase: density weighted by the phrase's length (Yoast's 0.7 + words/3 factor over a 3 %
band), the share of subheadings that carry it, uses in consecutive sentences or twice in
one, and uses forced into a sentence where they do not read as language (a year or a
"today" tacked on mid-sentence, "a best …", a service noun butted against a town).

Everything here is one pass over the document's words per page (a bounded number of
candidate phrases, each at most eight words, looked up in a hash table), so the cost grows
linearly with the text.
"""

from __future__ import annotations

import bisect
import os
import re
from functools import lru_cache
from itertools import accumulate, islice
from typing import Iterable, Iterator

import regex

from editlint import patternstore
from editlint.document import Block, Document
from editlint.kinds.topicality import STOPWORDS, norm
from editlint.records import Record

MAX_WORDS = 8                    # longest keyphrase considered, in words
_SLUG_JOINS = patternstore.compile(r"[-_+.]+")
_TOKEN = patternstore.compile(r"\p{L}[\p{L}\p{M}\p{Nd}]*(?:['’]\p{L}+)?|\p{Nd}+(?:[.,]\p{Nd}+)*")
_SPLIT = patternstore.compile(f"({_TOKEN.pattern})")           # gaps and tokens, alternately
# the same split of an ASCII text, by the standard library's re (faster; tests compare them)
_SPLIT_ASCII = re.compile(r"([A-Za-z][A-Za-z0-9]*(?:'[A-Za-z]+)?|[0-9]+(?:[.,][0-9]+)*)")
_JOINABLE = patternstore.compile(r"[ \t\u00a0\-]+|\n")          # what may stand between two words of a phrase
_SEGMENT_BREAK = patternstore.compile(r"\s[|–—-]\s|[|:;()\[\]!?,.…/]")
_TAG_LINE = patternstore.compile(r"^\s*(?:tags?|tagged(?: with)?|keywords?|topics?|labels?|filed under)\s*[:\-–]\s*", regex.I)
_FAQ_HEADING = patternstore.compile(r"\b(?:faqs?|frequently asked|questions)\b", regex.I)
_YEAR = patternstore.compile(r"(?:19|20)\d\d")

QUESTION_WORDS = frozenset("how what where when why which who can is does do are should".split())
# Words that give a phrase the shape of a search-box entry rather than of a name or a term.
QUERY_MODIFIERS = frozenset("""best top cheap cheapest affordable buy review reviews recipe recipes deals price prices
    cost costs today tonight online free easy quick fast ideas tips guide news vs versus near""".split())
QUERY_TAILS = frozenset("today tonight online free cheap best uk reddit near".split())
SUPERLATIVES = frozenset("best top cheapest greatest finest biggest leading".split())
_PREPOSITIONS = frozenset("for without with in from near to".split())
_ROLE_NOUNS = frozenset("""manager coach striker captain chief executive boss chairman president director founder
    owner minister spokesman spokeswoman spokesperson player star winger midfielder defender goalkeeper forward
    leader secretary chancellor senator mayor councillor governor general judge bishop professor doctor mp
    actor actress singer rapper author writer artist officer""".split())
_BODY_KINDS = ("paragraph", "list_item", "quote", "table_cell", "caption")


# Record classes: see editlint.records.
class Tok(Record):
    """A word of the page, as keyphrases are matched against it."""

    __slots__ = ("start", "end", "key", "text", "joined")

    start: int
    end: int
    key: str        # normalised: lower case, possessive and plural folded
    text: str
    joined: bool    # joined to the previous token by only spaces or a hyphen

    def __init__(self, start: int, end: int, key: str, text: str, joined: bool) -> None:
        self.start = start
        self.end = end
        self.key = key
        self.text = text
        self.joined = joined


class Use(Record):
    """One use of a keyphrase: where it is (block and span) and what kind of place that is."""

    __slots__ = ("block", "start", "end", "place", "sentence", "forced")

    block: Block
    start: int
    end: int
    place: str          # title h1 subheading faq intro alt caption anchor tags list body
    sentence: int       # sentence ordinal in the document (body uses only)
    forced: str         # why this use does not read as language, if it does not

    def __init__(self, block: Block, start: int, end: int, place: str, sentence: int = -1, forced: str = "") -> None:
        self.block = block
        self.start = start
        self.end = end
        self.place = place
        self.sentence = sentence
        self.forced = forced

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


class Keyphrase(Record):
    """A phrase the page is (or looks) optimised for, and its uses."""

    phrase: str                     # as the page spells it
    keys: tuple[str, ...]
    source: str                     # "declared" | "inferred"
    uses: list[Use]
    stated_in: list[str]            # front-matter places: slug, tags
    shape: str                      # why it reads as a search query ("" when it does not)

    def __init__(self, phrase: str, keys: tuple[str, ...], source: str, uses: list[Use] | None = None,
                 stated_in: list[str] | None = None, shape: str = "") -> None:
        self.phrase = phrase
        self.keys = keys
        self.source = source
        self.uses = [] if uses is None else uses
        self.stated_in = [] if stated_in is None else stated_in
        self.shape = shape

    @property
    def content_words(self) -> int:
        return sum(1 for k in self.keys if k not in STOPWORDS)

    @property
    def body_uses(self) -> list[Use]:
        """Uses outside the title (and an H1 that repeats it) and outside keyword-link footers
        (those are link spam)."""
        return [u for u in self.uses if u.place not in ("title", "h1", "footer")]

    def places(self) -> dict[str, int]:
        """Kinds of places the phrase is in (front-matter ones included), with their counts."""
        out: dict[str, int] = {}
        for u in self.uses:
            if u.place != "footer":
                out[u.place] = out.get(u.place, 0) + 1
        for p in self.stated_in:
            out[p] = out.get(p, 0) + 1
        return out

    def evidence(self) -> str:
        """The places, as a reader would list them: "the title, the slug, 3 subheadings, alt text"."""
        names = {"title": "the title", "h1": "the H1", "slug": "the URL slug", "intro": "the opening paragraph",
                 "subheading": "subheading", "faq": "FAQ question", "alt": "alt text", "caption": "caption",
                 "anchor": "link anchor", "tags": "the tag list", "list": "list item", "body": "body sentence"}
        order = ["title", "h1", "slug", "intro", "subheading", "faq", "alt", "caption", "anchor", "tags", "list",
                 "body"]
        parts = []
        places = self.places()
        for p in order:
            n = places.get(p, 0)
            if not n:
                continue
            name = names[p]
            if p in ("subheading", "faq", "caption", "anchor", "list", "body"):
                parts.append(f"{n} {name}{'s' if n > 1 else ''}")
            else:
                parts.append(name)
        return ", ".join(parts)

    def to_dict(self) -> dict:
        return {"phrase": self.phrase, "source": self.source, "uses": len(self.body_uses),
                "evidence": self.evidence(), "query_shape": self.shape or None}


# -- tokens ---------------------------------------------------------------------------
def tokens(text: str) -> list[Tok]:
    """The tokens of ``text``; a block's text is tokenised once however many assessments
    read it (the list is a copy; the tokens are shared and never changed)."""
    # (a long text is not kept: a megabyte paragraph's tokens would outlive the rule)
    return list(_cached_tokens(text) if len(text) <= 20_000 else _tokens(text))


@lru_cache(maxsize=4096)
def _cached_tokens(text: str) -> tuple[Tok, ...]:
    return _tokens(text)


def _tokens(text: str) -> tuple[Tok, ...]:
    return tuple(_iter_tokens(text))


def _iter_tokens(text: str) -> Iterator[Tok]:
    prev_end = -1
    for m in _TOKEN.finditer(text):
        a, b = m.span()
        word = text[a:b]
        low = word.lower()
        key = norm(low) if low[0].isalpha() else low
        if prev_end < 0:
            joined = False
        else:
            # _JOINABLE.fullmatch, spelled out: spaces, tabs and hyphens, or one line break
            gap = text[prev_end:a]
            joined = gap == " " or (gap != "" and gap.strip(" \t\u00a0-") == "") or gap == "\n"
        yield Tok(a, b, key, word, joined)
        prev_end = b


_BATCH = 4096


def _token_batches(text: str) -> Iterator[tuple[list[Tok], int]]:
    """The tokens of ``text`` as (tokens, own): a long text in batches of a few thousand
    tokens (never all of them at once), each followed by the next ``MAX_WORDS - 1`` tokens
    so that a phrase that starts among the ``own`` first ones can be read to its end."""
    if len(text) <= 20_000:
        toks = tokens(text)
        yield toks, len(toks)
        return
    stream = _iter_tokens(text)
    batch = list(islice(stream, _BATCH))
    while batch:
        ahead = list(islice(stream, _BATCH))
        yield batch + ahead[:MAX_WORDS - 1], len(batch)
        batch = ahead


# A token as written -> its key (norm of its lower case, or the lower case of a number),
# worked out once per spelling (emptied when it grows large).
_KEYS: dict[str, str] = {}


def _key(word: str) -> str:
    low = word.lower()
    key = norm(low) if low[0].isalpha() else low
    if len(_KEYS) >= 100_000:
        _KEYS.clear()
    _KEYS[word] = key
    return key


def _columns(text: str) -> Iterator[tuple[list[str], list[bool], list[int], list[int], int]]:
    """The tokens of ``text`` as columns (keys, joined, starts, ends) and how many of them are
    the batch's own (see :func:`_token_batches`): what :func:`find_uses` reads of every token
    of a document, without a :class:`Tok` object each. Keys and joins are :func:`_iter_tokens`'s."""
    if len(text) > 20_000:
        for toks, own in _token_batches(text):
            yield ([t.key for t in toks], [t.joined for t in toks], [t.start for t in toks],
                   [t.end for t in toks], own)
        return
    parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(text)     # gap, token, ..., gap
    words = parts[1::2]
    known = _KEYS.get
    keys = [known(w) or _key(w) for w in words]
    # _JOINABLE.fullmatch of the gap before each token, spelled out as _iter_tokens does
    joined = [gap == " " or (gap != "" and gap.strip(" \t\u00a0-") == "") or gap == "\n" for gap in parts[2:-1:2]]
    joined.insert(0, False)
    bounds = list(accumulate(map(len, parts)))      # where each part ends
    yield keys[:len(words)], joined[:len(words)], bounds[0:-1:2], bounds[1::2], len(words)


def _runs(toks: list[Tok]) -> Iterable[list[Tok]]:
    """Maximal runs of joined tokens."""
    run: list[Tok] = []
    for t in toks:
        if run and not t.joined:
            yield run
            run = []
        run.append(t)
    if run:
        yield run


def _candidate_runs(text: str) -> Iterable[tuple[str, ...]]:
    """Every 2..MAX_WORDS word run of a title-like string that could be a keyphrase: it does
    not start or end with a function word (a question word may open it, "near me" may close
    it) and has two content words."""
    for segment in _SEGMENT_BREAK.split(text):
        for run in _runs(tokens(segment)):
            keys = [t.key for t in run]
            for i in range(len(keys)):
                if keys[i] in STOPWORDS and not (i == 0 and keys[i] in QUESTION_WORDS):
                    continue
                for j in range(i + 2, min(len(keys), i + MAX_WORDS) + 1):
                    last = keys[j - 1]
                    if last in STOPWORDS and not (last == "me" and keys[j - 2] == "near"):
                        continue
                    cand = tuple(keys[i:j])
                    if sum(1 for k in cand if k not in STOPWORDS) >= 2:
                        yield cand


def slug_of(doc: Document) -> str:
    fm = doc.front_matter if isinstance(doc.front_matter, dict) else {}
    for key in ("slug", "permalink", "url", "canonical"):
        value = fm.get(key)
        if isinstance(value, str) and value.strip():
            path = value.strip().rstrip("/").rsplit("/", 1)[-1]
            return regex.sub(r"\.[a-z0-9]+$", "", path)
    return ""


def _file_slug(doc: Document) -> str:
    stem = os.path.splitext(os.path.basename(doc.path or ""))[0]
    return stem if stem.count("-") + stem.count("_") >= 2 else ""


@lru_cache(maxsize=256)
def _slug_keys(slug: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(_SLUG_JOINS.sub(" ", slug)))


def front_matter_tags(doc: Document) -> list[str]:
    fm = doc.front_matter if isinstance(doc.front_matter, dict) else {}
    out: list[str] = []
    for key in ("tags", "categories", "tag"):
        value = fm.get(key)
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list):
            out += [str(v).strip() for v in value if str(v).strip()]
    return out


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


# -- where a block sits -----------------------------------------------------------------
class _Layout:
    """The kind of place each block is, and sentence ordinals, computed once per document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        title = (doc.title or "").strip().casefold()
        self.place: dict[int, str] = {}
        self.sentence_base: dict[int, int] = {}
        in_faq = False
        intro_done = False
        ordinal = 0
        for block in doc.blocks:
            kind = block.kind
            text = block.text.strip()
            if kind == "title":
                place = "title"
            elif kind == "heading":
                if block.level == 1 or (title and text.casefold() == title):
                    place = "h1"
                elif text.endswith("?") and (in_faq or not block.inferred):
                    place = "faq"
                else:
                    place = "subheading"
                in_faq = bool(_FAQ_HEADING.search(text)) or (in_faq and place == "faq")
            elif kind in ("alt", "caption"):
                place = kind
            elif _TAG_LINE.match(block.text):
                place = "tags"
            elif kind == "list_item":
                place = "list"
            elif kind == "paragraph" and in_faq and text.endswith("?") and len(block.words) <= 20:
                place = "faq"
            elif kind == "paragraph" and not intro_done and len(block.words) >= 8:
                place = "intro"
                intro_done = True
            else:
                place = "body"
            self.place[id(block)] = place
            self.sentence_base[id(block)] = ordinal
            ordinal += max(1, len(block.sentences)) + (0 if kind == "paragraph" else 1)


def _link_footer(block: Block) -> bool:
    """A paragraph that is a string of links (tags, "popular searches" footers): mostly anchor text."""
    links = [l for l in block.links if l.kind != "image"]
    if block.kind != "paragraph" or len(links) < 3:
        return False
    return sum(l.end - l.start for l in links) >= 0.6 * len(block.text.strip())


def layout(doc: Document) -> _Layout:
    cached = doc.__dict__.get("_keyphrase_layout")
    if cached is None:
        cached = doc.__dict__["_keyphrase_layout"] = _Layout(doc)
    return cached


def _sentence_of(block: Block, at: int, starts: list[int]) -> int:
    """Index of the sentence of ``block`` holding offset ``at`` (``starts``: the sentence starts)."""
    return max(0, bisect.bisect_right(starts, at) - 1)


def find_uses(doc: Document, wanted: Iterable[tuple[str, ...]], skip_quotes: bool = True) -> dict[tuple[str, ...], list[Use]]:
    """Every use of each phrase (as normalised keys), in one pass over the document's words."""
    wanted = {w for w in wanted if w}
    prefixes = {w[:i] for w in wanted for i in range(1, len(w) + 1)}
    firsts = {w[0] for w in wanted}
    lay = layout(doc)
    found: dict[tuple[str, ...], list[Use]] = {w: [] for w in wanted}
    link_spans: dict[int, list[tuple[int, int]]] = {}
    for link in doc.links:
        if link.kind != "image":
            link_spans.setdefault(id(link.block), []).append((link.start, link.end))
    for block in doc.blocks:
        base_place = lay.place[id(block)]
        starts = [s.start for s in block.sentences]
        anchors = link_spans.get(id(block), [])
        for keys, joined, tok_starts, tok_ends, own in _columns(block.text):
            n = len(keys)
            # a phrase can only start at a token that is some phrase's first word
            for i in [i for i in range(own) if keys[i] in firsts]:
                key: tuple[str, ...] = ()
                for j in range(i, min(n, i + MAX_WORDS)):
                    if j > i and not joined[j]:
                        break
                    key = key + (keys[j],)
                    if key not in prefixes:
                        break
                    if key in wanted:
                        a, b = tok_starts[i], tok_ends[j]
                        if skip_quotes and block.in_quotes(a, b):
                            continue
                        place = base_place
                        if any(s <= a and b <= e for s, e in anchors):
                            if _link_footer(block):
                                place = "footer"
                            elif place in ("body", "intro", "list"):
                                place = "anchor"
                        sent = lay.sentence_base[id(block)] + _sentence_of(block, a, starts)
                        found[key].append(Use(block, a, b, place, sent))
    return found


# -- inference ----------------------------------------------------------------------------
def _spelled(uses: list[Use], keys: tuple[str, ...]) -> str:
    body = [u for u in uses if u.block.kind in _BODY_KINDS]
    for u in body or uses:
        return u.text
    return " ".join(keys)


def _is_name(uses: list[Use]) -> bool:
    """Every use in sentence-case prose writes each word with a capital (or a digit): a name."""
    prose = [u for u in uses if u.block.kind in ("paragraph", "list_item", "quote", "caption")]
    if not prose:
        return False
    for u in prose:
        toks = tokens(u.text)
        keys = [t.key for t in toks]
        if "vs" in keys or "versus" in keys or keys[0] in QUESTION_WORDS or any(_YEAR.fullmatch(k) for k in keys):
            return False   # a comparison, a dated query or a question is no name
        # every word capitalised but the function words inside ("Top of the Pops")
        if not all(t.text[:1].isupper() or not t.text[:1].isalpha() or (0 < i < len(toks) - 1 and t.key in STOPWORDS)
                   for i, t in enumerate(toks)):
            return False
    return True


def query_shape(keys: tuple[str, ...], uses: list[Use]) -> str:
    """Why the phrase reads as a search-box entry, or "" (a name, a term of art)."""
    if keys[0] in QUESTION_WORDS:
        return f"it is a question typed into a search box ('{keys[0]} …')"
    if "vs" in keys or "versus" in keys:
        return "it is a 'vs' comparison query"
    if any(_YEAR.fullmatch(k) for k in keys):
        return "it carries a bare year, as search queries do"
    if keys[-2:] == ("near", "me"):
        return "it ends in 'near me'"
    mods = [k for k in keys if k in QUERY_MODIFIERS]
    if mods:
        return f"it carries the query word '{mods[0]}'"
    if len(keys) >= 4 and any(k in _PREPOSITIONS for k in keys[1:-1]):
        return "it is a long search phrase joined by a preposition"
    # a common noun butted against a capitalised place ("roof repair Dunmore")
    body = [u for u in uses if u.block.kind in _BODY_KINDS and u.place != "anchor"]
    for u in body:
        toks = tokens(u.text)
        if len(toks) >= 3 and toks[-1].text[:1].isupper() and toks[-2].text[:1].islower() \
                and toks[-2].key not in _ROLE_NOUNS and toks[-2].key not in STOPWORDS:
            return f"a service noun is butted against the place '{toks[-1].text}' with no preposition"
    return ""


_QUERY_HEADS = frozenset("recipe recipes review reviews deals tips ideas".split())
_PHRASE_TAILS = frozenset("today tonight online uk reddit cheap best free".split())


def pasted_query(kp: "Keyphrase") -> str:
    """Why the phrase itself is a search query pasted as it was typed rather than English ("" if
    it reads as English): a bare year or a query tail after its nouns, nouns run on after
    "recipe" or "review", a service noun butted against a town."""
    keys = kp.keys
    if len(keys) < 3:
        return ""
    content = [k for k in keys if k not in STOPWORDS]
    if _YEAR.fullmatch(keys[-1]) and keys[-2] not in STOPWORDS:
        return f"a bare year is tacked on ('{' '.join(keys[-2:])}')"
    if keys[-1] in _PHRASE_TAILS and len(content) >= 3 and keys[-2] not in STOPWORDS:
        return f"'{keys[-1]}' is tacked on after the nouns"
    if keys[-2:] == ("near", "me"):
        return "it ends in 'near me'"
    for i, k in enumerate(keys[:-2]):
        if k in _QUERY_HEADS and all(x not in STOPWORDS for x in keys[i + 1:i + 3]):
            return f"nouns run on after '{k}' ('{' '.join(keys[i:i + 3])}')"
    if kp.shape.startswith("a service noun"):
        return "a service noun is butted against a town with no preposition"
    return ""


def _doorway(doc: Document, kp: "Keyphrase") -> list[Use]:
    """A service phrase with the town swapped ("roof repair Kilcross", "roof repair Ashbury"):
    the doorway lines of a page written for one town and pasted for the others."""
    if not kp.shape.startswith("a service noun") or len(kp.keys) < 3:
        return []
    core = kp.keys[:-1]
    held = {(id(u.block), u.start) for u in kp.uses}
    out = []
    for u in find_uses(doc, [core])[core]:
        if (id(u.block), u.start) in held or u.block.kind not in ("list_item", "heading", "paragraph"):
            continue
        after = tokens(u.block.text[u.end:u.end + 30])
        if after and after[0].text[:1].isupper() and _JOINABLE.fullmatch(u.block.text[u.end:u.end + after[0].start]):
            out.append(Use(u.block, u.start, u.end + after[0].end, u.place, u.sentence))
    return out if len(out) >= 2 else []


def _declared(doc: Document, min_words: int) -> list[tuple[str, ...]]:
    out = []
    for phrase in doc.keyphrases:
        keys = tuple(t.key for t in tokens(phrase))
        if len(keys) >= min_words:
            out.append(keys)
    return out


def declared_keyphrase(doc: Document, phrase: str, source: str = "declared") -> Keyphrase:
    """A keyphrase the page or the configuration names, with its uses."""
    keys = tuple(t.key for t in tokens(phrase))
    return _keyphrase(doc, keys, find_uses(doc, [keys])[keys] if keys else [], source)


def target_keyphrases(doc: Document, min_declared_words: int = 2) -> list[Keyphrase]:
    """The declared keyphrases of the page or, when it declares none, the one inferred from
    the places search engines weigh (or nothing). Cached on the document."""
    cache = doc.__dict__.setdefault("_target_keyphrases", {})
    if min_declared_words in cache:
        return cache[min_declared_words]
    declared = _declared(doc, min_declared_words)
    if declared:
        uses = find_uses(doc, declared)
        result = [_keyphrase(doc, keys, uses[keys], "declared") for keys in declared]
    elif doc.keyphrases:
        result = []
    else:
        inferred = infer(doc)
        result = [inferred] if inferred else []
    cache[min_declared_words] = result
    return result


def _keyphrase(doc: Document, keys: tuple[str, ...], uses: list[Use], source: str) -> Keyphrase:
    stated = []
    slug = _slug_keys(slug_of(doc) or _file_slug(doc))
    if slug and _contains(slug, keys):
        stated.append("slug")
    if any(_contains(tuple(t.key for t in tokens(tag)), keys) and len(tokens(tag)) <= len(keys) + 2
           for tag in front_matter_tags(doc)):
        stated.append("tags")
    if doc.title and not any(u.place == "title" for u in uses) \
            and _contains(tuple(t.key for t in tokens(doc.title)), keys):
        stated.append("title")
    kp = Keyphrase(_spelled(uses, keys), keys, source, uses, stated)
    kp.shape = query_shape(keys, uses)
    return kp


def infer(doc: Document) -> Keyphrase | None:
    """The phrase the page states in its title, H1 or slug and repeats in the other places
    search engines weigh, or None."""
    sources: list[str] = []
    if doc.title:
        sources.append(doc.title)
    sources += [b.text for b in doc.blocks if b.kind == "title" or (b.kind == "heading" and b.level == 1)]
    slug = slug_of(doc) or _file_slug(doc)
    if slug:
        sources.append(_SLUG_JOINS.sub(" ", slug))
    anchored: set[tuple[str, ...]] = set()
    for text in sources:
        anchored.update(_candidate_runs(text))
    if not anchored:
        return None
    # subheadings give longer forms that extend a stated phrase ("X vs Y" -> "X vs Y 2025")
    longer: set[tuple[str, ...]] = set()
    for block in doc.blocks[:400]:
        if block.kind == "heading" and block.level != 1:
            longer.update(c for c in _candidate_runs(block.text) if any(_contains(c, a) for a in anchored
                                                                      if len(a) < len(c)))
    uses = find_uses(doc, anchored | longer)
    stated = [_keyphrase(doc, keys, uses[keys], "inferred") for keys in anchored]
    stated = [kp for kp in stated if len(kp.body_uses) >= 2]
    # a shorter phrase that mostly occurs inside a longer one gives way to it
    kept = []
    for kp in stated:
        n = len(kp.body_uses)
        if any(len(o.keys) > len(kp.keys) and _contains(o.keys, kp.keys) and 2 * len(o.body_uses) >= n
               for o in stated):
            continue
        kept.append(kp)
    if not kept:
        return None
    best = max(kept, key=lambda kp: (len(set(kp.places()) - {"title", "h1"}), kp.content_words,
                                     len(kp.body_uses), kp.keys))
    # the body always goes on the same way: the longer form is the phrase
    def outside(k: tuple[str, ...]) -> int:
        return len([u for u in uses[k] if u.place not in ("title", "h1")])

    grown = [k for k in longer if len(k) > len(best.keys) and _contains(k, best.keys) and outside(k) >= 2
             and 3 * outside(k) >= 2 * len(best.body_uses)]
    if grown:
        keys = max(grown, key=lambda k: (outside(k), -len(k), k))
        best = _keyphrase(doc, keys, uses[keys], "inferred")
        best.stated_in = sorted(set(best.stated_in) | {"title"}) if "title" not in best.places() else best.stated_in
    return best


# -- assessments ----------------------------------------------------------------------------
class Assessment(Record):
    """How a keyphrase is used: its density and the uses that read as stuffing."""

    keyphrase: Keyphrase
    count: int                      # uses counted for density (outside the title)
    words: int
    density: float                  # plain: uses / words * 100
    weighted: float                 # Yoast: density * (0.7 + content words / 3)
    subheadings: int
    with_phrase: int
    consecutive: list[Use]          # uses in a sentence right after another use
    twice: list[Use]                # second uses within one sentence
    forced: list[Use]
    failures: list[str]

    def __init__(self, keyphrase: Keyphrase, count: int = 0, words: int = 0, density: float = 0.0,
                 weighted: float = 0.0, subheadings: int = 0, with_phrase: int = 0,
                 consecutive: list[Use] | None = None, twice: list[Use] | None = None,
                 forced: list[Use] | None = None, failures: list[str] | None = None) -> None:
        self.keyphrase = keyphrase
        self.count = count
        self.words = words
        self.density = density
        self.weighted = weighted
        self.subheadings = subheadings
        self.with_phrase = with_phrase
        self.consecutive = [] if consecutive is None else consecutive
        self.twice = [] if twice is None else twice
        self.forced = [] if forced is None else forced
        self.failures = [] if failures is None else failures

    def most_telling(self) -> Use:
        """Where the problem shows best: a forced use, then a sentence that carries it twice,
        then consecutive sentences, then a subheading, then the first use outside the title."""
        for group in (self.forced, self.twice, self.consecutive):
            if group:
                return group[0]
        uses = self.keyphrase.body_uses
        return next((u for u in uses if u.place in ("subheading", "faq")), None) or uses[0]


def _forced(use: Use, keys: tuple[str, ...], shape: str) -> str:
    """Why this use, inside a sentence, does not read as language ("" if it reads fine)."""
    block = use.block
    if block.kind not in ("paragraph", "list_item", "quote", "table_cell") or use.place in ("anchor", "tags"):
        return ""
    text = block.text
    before = tokens(text[max(0, use.start - 40):use.start])
    after = tokens(text[use.end:use.end + 40])
    goes_on = bool(after) and _JOINABLE.fullmatch(text[use.end:use.end + after[0].start]) is not None
    prev = before[-1].key if before and before[-1].end == min(40, use.start) - (
        len(text[max(0, use.start - 40):use.start]) - len(text[max(0, use.start - 40):use.start].rstrip())) else ""
    if keys[0] in SUPERLATIVES and prev in ("a", "an"):
        return f"'{prev} {use.text}' puts an article before a superlative"
    if keys[0] in QUESTION_WORDS and prev in ("a", "an", "the", "for", "of", "about", "on"):
        return f"the question '{use.text}' is used as a noun after '{prev}'"
    if goes_on and (_YEAR.fullmatch(keys[-1]) or keys[-1] in QUERY_TAILS):
        return f"'{use.text.split()[-1]}' is tacked on and the sentence runs on ('{use.text} {after[0].text}')"
    if shape.startswith("a service noun") and use.text.split()[-1][:1].isupper():
        return f"the place is butted against '{use.text.split()[-2]}' with no preposition"
    return ""


def assess(doc: Document, kp: Keyphrase, max_density: float = 3.0, heading_share: float = 0.75,
           min_headings: int = 3, min_hits: int = 4) -> Assessment:
    """Run the keyphrase assessments on ``kp`` and list the ones it fails."""
    a = Assessment(kp)
    counted = [u for u in kp.body_uses if u.place != "alt"]
    a.count = len(counted)
    a.words = max(1, doc.word_count)
    a.density = 100.0 * a.count / a.words
    a.weighted = a.density * (0.7 + max(1, kp.content_words) / 3)
    lay = layout(doc)
    subs = [b for b in doc.blocks if lay.place[id(b)] in ("subheading", "faq")]
    a.subheadings = len(subs)
    # a subheading with every content word of the phrase carries it too ("Best budget air fryer
    # UK 2025"), as Yoast matches subheadings by words
    exact = {id(u.block) for u in kp.uses}
    content = [k for k in kp.keys if k not in STOPWORDS]
    for block in subs:
        if id(block) in exact or len(content) < 2:
            continue
        toks = tokens(block.text)
        hit = [t for t in toks if t.key in content]
        if {t.key for t in hit} >= set(content):
            exact.add(id(block))
            kp.uses.append(Use(block, hit[0].start, hit[-1].end, lay.place[id(block)]))
    kp.uses.sort(key=lambda u: (u.block.index, u.start))
    a.with_phrase = len({id(u.block) for u in kp.uses if u.place in ("subheading", "faq")})
    prose = [u for u in kp.body_uses if u.block.kind in ("paragraph", "list_item", "quote", "table_cell")
             and u.place not in ("tags", "anchor")]
    by_sentence: dict[int, list[Use]] = {}
    for u in prose:
        by_sentence.setdefault(u.sentence, []).append(u)
    for s, us in sorted(by_sentence.items()):
        a.twice += us[1:]
        if s - 1 in by_sentence:
            a.consecutive.append(us[0])
    for u in prose:
        u.forced = _forced(u, kp.keys, kp.shape)
        if u.forced:
            a.forced.append(u)
    if a.count >= min_hits and a.weighted > max_density:
        a.failures.append(f"its length-weighted density is {a.weighted:.1f}% ({a.count} uses in {a.words} words; "
                          f"keep it under {max_density:g}%)")
    if a.with_phrase >= min_headings or (a.with_phrase >= 2 and a.with_phrase > heading_share * a.subheadings):
        a.failures.append(f"it is in {a.with_phrase} of {a.subheadings} subheadings")
    if a.twice:
        a.failures.append("it is used twice in one sentence")
    if a.consecutive:
        run = longest = 1
        for s in sorted(by_sentence)[1:]:
            run = run + 1 if s - 1 in by_sentence else 1
            longest = max(longest, run)
        a.failures.append(f"it is in {longest} sentences in a row")
    if a.forced:
        a.failures.append(f"it is forced into a sentence where it does not read as language "
                          f"({a.forced[0].forced})")
    images = [b for b in doc.blocks if b.kind == "alt"]
    with_alt = len({id(u.block) for u in kp.uses if u.place == "alt"})
    if len(images) >= 5 and with_alt > 0.75 * len(images):
        a.failures.append(f"it is in the alt text of {with_alt} of {len(images)} images")   # Yoast: over-optimised
    if kp.source == "inferred":
        pasted = pasted_query(kp)
        if pasted:
            a.failures.append(f"the phrase itself is a search query pasted as typed ({pasted})")
        doorway = _doorway(doc, kp)
        if doorway:
            held = {(id(u.block), u.start) for u in kp.uses}
            kp.uses = sorted(kp.uses + [u for u in doorway if (id(u.block), u.start) not in held],
                             key=lambda u: (u.block.index, u.start))
            a.failures.append(f"it is repeated with the town swapped in {len(doorway)} more places (a doorway list)")
    return a


def stuffed(doc: Document, kp: Keyphrase, **limits) -> Assessment | None:
    """The assessment when ``kp`` is stuffed, else None. A declared keyphrase (or one the
    front-matter tags name) is stuffed when its density fails or two assessments fail. An
    inferred one must not be a name, must be used twice outside the title and, unless its tags
    name it, read as a search query (a term of art never does) and fail an assessment with
    enough evidence around it: two points per failed assessment plus one per kind of place
    beyond the title make four or more."""
    a = assess(doc, kp, **limits)
    if not a.failures:
        return None
    declared_fails = a.failures[0].startswith("its length-weighted") or len(a.failures) >= 2
    if kp.source in ("declared", "tags"):
        return a if declared_fails else None
    if _is_name(kp.uses) or len(kp.body_uses) < 2:
        return None
    if "tags" in kp.stated_in and declared_fails:
        return a   # the front-matter tags name it: judged as a declared keyphrase too
    if not kp.shape or len(kp.keys) < 3:
        return None
    places = set(kp.places()) - {"title", "h1"}
    return a if 2 * len(a.failures) + len(places) >= 4 else None
