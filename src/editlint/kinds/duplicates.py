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
  ("born ... 1989" twice in three sentences);
- **restated figure**: both give the same amount, share or year however it is written
  ("$4m", "4 million", "$4,000,000", "four million"), in a clause of the second whose
  words are nearly all in the first, in the same or the next paragraph.

Content words are compared by stem (-s, -ed, -ing, -ly) with the commonest swaps of spinning
tools (firm/company, fortune/net worth, begin/start, ...) read as one word. A sentence that
brings figures of its own is news, not a restatement.

Names (capitalised words inside a sentence) never count as shared content: a news story
repeats the names of the people and places it is about. Both kinds report the second
occurrence and give the line and column of the first. They do not read pull quotes
(``quote`` blocks, blockquotes, asides), a standfirst (a short first paragraph followed by
the body, which summarises what comes next), or a paragraph that is a quotation on its own
(a pull quote laid out as plain text).
"""

from __future__ import annotations

from functools import lru_cache
from sys import intern
from typing import Iterator

import regex

from editlint import patternstore, prose
from editlint.document import Block, Document
from editlint.kinds.base import Kind
from editlint.records import Record
from editlint.rule import Finding, Fix, Option, make_fix

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
_SPACES_HYPHENS = patternstore.compile(r"[\s-]+")
_AND_OR = patternstore.compile(r"\s(?:and|or)\s")
_NUMBER = patternstore.compile(r"\p{Nd}")


def _stem(word: str) -> str:
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


stem = lru_cache(maxsize=65536)(_stem)


@lru_cache(maxsize=65536)
def concept(word: str) -> str:
    """A lower-case word's stem, or its synonym group's name (SYNONYMS, defined below)."""
    s = stem(word)
    return _CONCEPT.get(word) or _CONCEPT.get(s) or _CONCEPT.get(_norm(word)) or s


class Unit(Record):
    """A sentence as the duplicate kinds see it."""

    block: Block
    start: int
    end: int
    tokens: list[str]            # lower-cased words
    content: list[bool]          # per token: a common (non-name, non-stop) content word
    position: int                # order in the document

    def __init__(self, block: Block, start: int, end: int, tokens: list[str], content: list[bool],
                 position: int) -> None:
        self.block = block
        self.start = start
        self.end = end
        self.tokens = tokens
        self.content = content
        self.position = position

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    def stems(self) -> set[str]:
        """The content words, stemmed, each synonym in SYNONYMS read as its group's first word."""
        return {concept(t) for t, c in zip(self.tokens, self.content) if c}


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
        for start, end, tokens, content in _sentence_tokens(block):
            out.append(Unit(block, start, end, tokens, content, len(out)))
    return out


def _sentence_tokens(block: Block) -> list[tuple[int, int, list[str], list[bool]]]:
    """Each sentence's lower-cased words and content flags, worked out once per block
    (both duplicate kinds read them)."""
    cached = block.__dict__.get("_editlint_sentence_tokens")
    if cached is not None:
        return cached
    cached = []
    findall = prose.WORD.findall
    # a long block's words are interned (shared: a long text repeats its words); a paragraph's
    # lists die with the document, and interning them cost more than the lists
    share = len(block.text) > 50_000
    shared = block.sentence_words
    for k, s in enumerate(block.sentences):
        words = shared[k] if shared is not None else findall(block.text, s.start, s.end)
        tokens = [intern(w.lower()) for w in words] if share else list(map(str.lower, words))
        # a common content word: not a name (capitalised inside the sentence), not a number,
        # not short, not a function word
        content = [not (i > 0 and w[0].isupper()) and w[0].isalpha() and len(low) > 2 and low not in STOPWORDS
                   for i, (w, low) in enumerate(zip(words, tokens))]
        if tokens:
            cached.append((s.start, s.end, tokens, content))
    block.__dict__["_editlint_sentence_tokens"] = cached
    return cached


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


def phrase_list(unit: Unit) -> bool:
    """A verbless run of four or more short comma-separated phrases (a pasted keyword list): it
    restates nothing, so it is not compared (KS103 reads it as a keyword list)."""
    parts = unit.block.text[unit.start:unit.end].rstrip(" .").split(",")
    return len(parts) >= 4 and all(0 < len(p.split()) <= 5 for p in parts) and \
        not any(_AND_OR.search(p) for p in parts[-1:])


def mostly_quoted(unit: Unit) -> bool:
    block = unit.block
    if not block.quotes:
        return False
    inside = block.quoted_chars(unit.start, unit.end)
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
            yield self.report(doc, u.block, u.start, u.end, first=where(doc, first),
                              fix=removal_fix(self, doc, u))


def removal_fix(rule, doc: Document, u: Unit) -> Fix | None:
    """Delete the repeated sentence with the space that joins it to its neighbour; a
    paragraph that is nothing but the repeat goes with its line. None when the text to delete
    is not plain source (markup, an entity or an escape in it, or a paragraph that is not
    alone on its lines), which no deletion could keep intact."""
    text = u.block.text
    # the white space either side, found by stepping over it (not by copying the rest of a
    # long block for every repeat)
    before = u.start
    while before > 0 and text[before - 1].isspace():
        before -= 1
    after = u.end
    while after < len(text) and text[after].isspace():
        after += 1
    message = "delete the repeated sentence"
    if before > 0:                            # ". Repeat." -> "."
        return rule.fix_replace(doc, u.block, before, u.end, "", message)
    if after < len(text):                     # "Repeat. Next" -> "Next"
        return rule.fix_replace(doc, u.block, u.start, after, "", message)
    if doc.format == "html" or not rule.plain_source(doc, u.block, 0, len(text)):
        return None
    # the whole paragraph: its lines, and one blank line of the two around it
    src = doc.source
    a, b = u.block.source_start, u.block.source_end
    first, _ = src.position(a)
    last, _ = src.position(b)
    line_a = src.line_start(first)
    line_b = line_a + sum(len(src.line_text(n)) + 1 for n in range(first, last + 1))
    if src.text[line_a:a].strip() or src.text[b:min(line_b, len(src.text))].strip():
        return None                            # something else shares its lines
    if last + 1 <= src.line_count and not src.line_text(last + 1).strip() and line_b < len(src.text):
        line_b += len(src.line_text(last + 1)) + 1
    line_b = min(line_b, len(src.text))
    return make_fix(doc, [(line_a, line_b, "")], message)


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
        "figures": Option(True, "Restated figure: the same amount or year, however written (4m, 4 million, "
                          "$4,000,000, four million), in a clause of the second sentence whose words, common "
                          "synonyms swapped, are nearly all in the first."),
        "figure_new_words": Option(1, "Restated figure: content words the restating clause may add.",
                                   check=lambda v: v >= 0),
        "fact_window": Option(5, "Restated fact: words either side of the figure that count as next to it.",
                              check=lambda v: v >= 1),
        "scope": _SCOPE,
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        o = self.options
        all_units = units(doc, o["scope"])
        window = o["window"]
        # each sentence's content stems, kept only while it is within the window (a long
        # document's would all be held at once)
        stems: dict[int, set[str]] = {}

        def stems_of(k: int) -> set[str]:
            found = stems.get(k)
            if found is None:
                found = stems[k] = all_units[k].stems()
            return found

        reported: set[int] = set()
        for j, u in enumerate(all_units):
            stems.pop(j - window - 1, None)
            if mostly_quoted(u) or phrase_list(u):
                continue
            for i in range(max(0, j - window), j):
                v = all_units[i]
                if v.key == u.key or mostly_quoted(v) or phrase_list(v) or j in reported:
                    continue
                how = self.compare(v, u, stems_of(i), stems_of(j))
                if how:
                    reported.add(j)
                    yield self.report(doc, u.block, u.start, u.end, first=where(doc, v), how=how)
                    break

    def compare(self, first: Unit, second: Unit, a: set[str], b: set[str]) -> str | None:
        o = self.options
        if min(len(a), len(b)) >= o["min_content_words"]  and not new_figures(first, second):
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
        if o["figures"]:
            fact = restated_figure(first, second, o["figure_new_words"])
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
    memo = unit.__dict__.setdefault("_facts", {})   # each sentence is compared with several
    if window not in memo:
        memo[window] = _find_facts(unit, window)
    return memo[window]


def _find_facts(unit: Unit, window: int) -> dict[str, set[str]]:
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


# -- restated figure: the same amount or year, normalised, with the same few words around it --

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1}
_SCALES = {"hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
           "mn": 1_000_000, "mln": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
           "b": 1_000_000_000, "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000}
_WORDNUM = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|" \
           r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_FIGURE = patternstore.compile(
    r"(?<![\p{L}\p{Nd}.,#&])(?P<cur>[$£€¥])?\s?"
    r"(?:(?P<num>\p{Nd}{1,3}(?:,\p{Nd}{3})+(?:\.\p{Nd}+)?|\p{Nd}+(?:\.\p{Nd}+)?)"
    rf"|(?P<words>(?:an?|{_WORDNUM}(?:[\s-]{_WORDNUM})?)(?:\s(?:hundred|thousand))?)(?=\s(?:hundred|thousand|million|billion|trillion|per\s?cent|percent)\b))"
    r"(?:\s?(?P<scale>k|m|mn|mln|bn|b|tn)\b|\s(?P<wscale>hundred|thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)?",
    regex.IGNORECASE)
# What every _FIGURE match holds: a digit, or (for figures in words) the scale after them.
_MAY_HOLD_FIGURE = patternstore.compile(r"\p{Nd}|hundred|thousand|million|billion|trillion|per\s?cent|percent",
                                 regex.IGNORECASE)

_MONTHS = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_MONTH_AFTER = patternstore.compile(r"(?:st|nd|rd|th)?\s+" + _MONTHS + r"\b")
_MONTH_BEFORE = patternstore.compile(r"\b" + _MONTHS + r"\s+(?:the\s+)?$")


def _word_value(words: str) -> int:
    total, part = 0, 0
    for w in _SPACES_HYPHENS.split(words.lower()):
        if w in _UNITS:
            part += _UNITS[w]
        elif w == "hundred":
            part = (part or 1) * 100
        elif w == "thousand":
            total, part = total + (part or 1) * 1000, 0
    return total + part


@lru_cache(maxsize=4096)
def figures(text: str) -> frozenset[str]:
    """The figures of ``text``, normalised: "$4m", "4 million", "$4,000,000" and "four million"
    are all "4000000"; a percentage keeps its sign ("27%"), a day its month ("may 4"). A bare
    number below ten is not a figure (it counts things, it does not state a fact)."""
    return frozenset(key for key, _ in figure_matches(text))


def figure_matches(text: str) -> Iterator[tuple[str, str]]:
    """(normalised figure, text as written) for each figure of ``text``."""
    if not _MAY_HOLD_FIGURE.search(text):
        return   # every figure has a digit or a scale word
    for m in _FIGURE.finditer(text):
        if m.group("num"):
            try:
                value = float(m.group("num").replace(",", ""))
            except ValueError:   # a digit of a script newer than this Python's Unicode tables ("𑽗")
                continue
        elif m.group("words"):
            value = float(_word_value(m.group("words")))
        else:
            continue
        scale = (m.group("scale") or m.group("wscale") or "").lower()
        if scale in ("m", "b", "k") and not m.group("cur"):
            scale = ""                       # "5 m" is five metres, "5b" a flat number
        value *= _SCALES.get(scale, 1)
        pct = bool(m.group("pct"))
        key = f"{value:.6f}".rstrip("0").rstrip(".")
        if not (pct or m.group("cur") or scale):
            month = None
            if m.group("num") and 1 <= value <= 31 and value == int(value):
                month = _MONTH_AFTER.match(text, m.end()) or _MONTH_BEFORE.search(text, 0, m.start())
            if month:                        # "11 March" and "11 February" are different dates
                key = f"{month.group(1).lower()[:3]} {key}"
            elif value < 10:
                continue
        yield (key + "%" if pct else key), m.group().strip()


# The commonest swaps of article spinners and rewriting tools: each group is one concept.
SYNONYMS = [
    "company firm business corporation enterprise chain",
    "fortune wealth riches",
    "born birth",
    "begin began begun start commence",
    "end finish conclude",
    "buy bought purchase acquire acquisition",
    "sell sold",
    "large big huge sizeable sizable",
    "small little tiny",
    "revenue turnover",
    "profit earnings",
    "build built construct construction",
    "open opened launch",
    "die died death",
    "marry married wed wedding marriage",
    "house home residence property",
    "job role position post",
    "car vehicle",
    "child children kid",
    "famous renowned celebrated",
    "rich wealthy",
    "rise rose risen increase grow grew grown growth climb",
    "fall fell fallen drop decline decrease",
    "spend spent cost",
    "pay paid",
    "earn earned make made",
    "win won",
    "found founded establish",
    "help assist aid",
    "use utilise utilize employ",
    "need require",
    "try attempt",
    "show demonstrate reveal",
    "fast quick rapid",
    "main primary principal",
    "boat vessel ship",
    "money cash funds",
]
# Words that carry no fact of their own next to a figure.
_FILLER = frozenset("around about approximately roughly nearly almost some dollars dollar pounds "
                    "pound euros euro yen usd gbp net worth "
                    # verbs that only introduce a figure
                    "reach reached reaches reaching hit hits total totalled totaled totals stood stand stands "
                    "came come amount amounted amounts".split())


def _norm(word: str) -> str:
    s = stem(word)
    return s[:-1] if s.endswith("e") and len(s) > 3 else s


_CONCEPT = {}
for _i, _group in enumerate(SYNONYMS):
    for _w in _group.split():
        _CONCEPT[_w] = _CONCEPT[_norm(_w)] = _group.split()[0]
_PHRASES = patternstore.compile(r"\bnet\s+worth\b|\bset\s+up\b", regex.IGNORECASE)
_PHRASE_CONCEPT = {"net worth": "fortune", "set up": "found"}
_CLAUSE = patternstore.compile(r"[,;:()\u2013\u2014]|\s-\s")
_SPEECH = frozenset("said says told added according explained insisted claimed stated".split())


@lru_cache(maxsize=4096)
def concepts(text: str, opens_sentence: bool = True) -> tuple[frozenset[str], frozenset[str]]:
    """The content of a clause: its common content words, stemmed and mapped through SYNONYMS,
    and apart from them its names (capitalised words inside the sentence), lower-cased."""
    common: set[str] = set()
    names: set[str] = set()
    for m in _PHRASES.finditer(text):
        common.add(_PHRASE_CONCEPT[" ".join(m.group().lower().split())])
    for i, m in enumerate(prose.WORD.finditer(_PHRASES.sub(" ", text))):
        w = m.group()
        low = w.lower()
        if not w[0].isalpha() or len(low) <= 2 or low in _FILLER or low in _SCALES:
            continue
        if w[0].isupper() and (i > 0 or not opens_sentence) and low not in _CONCEPT:
            names.add(low)
        elif low in _CONCEPT:
            common.add(_CONCEPT[low])
        elif low not in STOPWORDS:
            n = _norm(low)
            common.add(_CONCEPT.get(n, n))
    return frozenset(common), frozenset(names)


def _clauses(unit: Unit) -> list[tuple[int, int]]:
    """Clause spans (block offsets) of a sentence, split at commas, colons, dashes and brackets;
    commas inside a number ("4,000") do not split."""
    text = unit.block.text
    out, start = [], unit.start
    for m in _CLAUSE.finditer(text, unit.start, unit.end):
        a = m.start()
        if text[a] == "," and a > 0 and text[a - 1].isdigit() and text[a + 1:a + 3].strip()[:1].isdigit():
            continue                         # "4,000", "May 4, 1985"
        out.append((start, a))
        start = m.end()
    out.append((start, unit.end))
    return [(a, b) for a, b in out if b > a]


def _quoted(unit: Unit) -> bool:
    return unit.block.quoted_chars(unit.start, unit.end) > 0


_NEGATION = frozenset("not no never nor none neither nothing".split())


def new_figures(first: Unit, second: Unit) -> set[str]:
    """The figures of ``second`` that ``first`` does not give: a sentence that brings new
    numbers is news, not a restatement."""
    return figures(second.block.text[second.start:second.end]) - figures(first.block.text[first.start:first.end])


def _negated(unit: Unit) -> bool:
    return any(t in _NEGATION or t.endswith("n't") or t.endswith("n’t") for t in unit.tokens)


def restated_figure(first: Unit, second: Unit, max_new: int = 1) -> tuple[str, str] | None:
    """The same figure (normalised) in both sentences, where the clause of the second that gives
    it says nothing the first did not (at most ``max_new`` words of its own, and at least one
    content word in common), in the same or the next paragraph, the second sentence as a whole is mostly the first's
    words, and it brings no figure of its own. Only statements in body paragraphs count: a
    question or exclamation, a list (a summary of key points), a sentence that negates what
    the other asserts, and attributed speech (quoted or reported), which may echo the
    narration, are never restatements."""
    if first.block.kind != "paragraph" or second.block.kind != "paragraph":
        return None
    if second.block.index - first.block.index > 1:
        return None                          # the same or the next paragraph
    text_a = first.block.text[first.start:first.end]
    text_b = second.block.text[second.start:second.end]
    fb = figures(text_b)
    if not fb:
        return None
    fa = figures(text_a)
    if not fa or not fb <= fa:
        return None
    if text_a.rstrip()[-1:] in "?!" or text_b.rstrip()[-1:] in "?!" or _negated(first) != _negated(second):
        return None
    if _quoted(first) or _quoted(second) or _SPEECH & set(second.tokens) or _SPEECH & set(first.tokens):
        return None
    words_a, names_a = concepts(text_a)
    words_b, names_b = concepts(text_b)
    if len((words_b | names_b) - (words_a | names_a)) * 2 > len(words_b | names_b):
        return None
    clauses = _clauses(second)
    for k, (a, b) in enumerate(clauses):
        shared_figures = figures(second.block.text[a:b]) & fa
        if not shared_figures:
            continue
        # the clause that gives the figure, or with the next one when it is only an opener
        # ("In 2012, she wed Reed.")
        for end in (b, clauses[k + 1][1] if k + 1 < len(clauses) else None):
            if end is None:
                break
            words, names = concepts(second.block.text[a:end], opens_sentence=a == second.start)
            common = words & words_a
            if common:
                if len((words | names) - (words_a | names_a)) <= max_new:
                    clause = second.block.text[a:end]
                    word = next((w for w in prose.words(clause) if concept(w.lower()) in common), sorted(common)[0])
                    figure = next(t for key, t in figure_matches(clause) if key in shared_figures)
                    return word, figure
                break
    return None
