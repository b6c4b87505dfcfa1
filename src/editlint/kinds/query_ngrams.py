"""Query-shaped n-grams: search queries dropped verbatim into prose.

A writer who stuffs an exact-match query repeats a 2–6 word sequence that English would
not produce on its own:

* **juxtaposed entities** — two names that the article itself treats as separate things
  (each occurs on its own, and somewhere they are joined by a function word: "X and Y",
  "X in Y", "X & Y"), written back to back with nothing joining them, again and again:
  "the X Y relations", "the X Y connection".
* **query markers** — noun stacks with the shape of a search box entry: a location or year
  tail ("… near me", "… 2024"), a shopping modifier at the front ("cheap …", "best …")
  followed by bare nouns, or a common noun butting straight into a place name
  ("flights Lisbon").
* **a person glued to an organisation** — a full name butted against a club, company or brand
  that also stands alone, with a query noun after it ("the X Y contract").
* **noun-stack headings** — a heading of five or more capitalised words with no function word
  and a query modifier, whose words come back as a query-shaped stack in body sentences.

Only sequences that recur (``min_count`` times, in ``min_blocks`` different blocks) are
judged, and every occurrence outside quotation marks is reported at its own position.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate, islice
from operator import or_
from functools import cached_property
from typing import Iterator

import regex

from editlint import patternstore
from editlint.document import Block, Document
from editlint.kinds.base import Kind
from editlint.kinds.topicality import STOPWORDS, block_title_cased
from editlint.records import Record
from editlint.rule import Finding, Option, Related

_TOKEN = patternstore.compile(r"\p{L}[\p{L}\p{M}\p{Nd}]*(?:['’.\-]\p{L}[\p{L}\p{M}\p{Nd}]*)*(?:['’]s?)?|\p{Nd}+")
_SPLIT = patternstore.compile(f"({_TOKEN.pattern})")           # gaps and tokens, alternately
# the same split of an ASCII text, by the standard library's re (faster; tests compare them)
_SPLIT_ASCII = re.compile(r"([A-Za-z][A-Za-z0-9]*(?:['.\-][A-Za-z][A-Za-z0-9]*)*(?:'s?)?|[0-9]+)")
_POSSESSIVE = patternstore.compile(r"['’]s?$")
_YEAR = patternstore.compile(r"(?:19|20)\d\d")
# Joining a name to another in natural prose: "X and Y", "X & Y", "X's ties with Y", "X in Y".
_JOINERS = frozenset("and with in or to between vs versus plus against from toward towards".split())
_SENTENCE_CASE_KINDS = ("paragraph", "caption", "table_cell", "list_item", "quote")
# Titles are part of a name, never a separate entity ("Mr Vell" is one person).
# Prepositions a search query keeps between its nouns and a place ("hotels in Porto cheap").
_GLUE = frozenset("in for near to".split())
# Prepositions that put a place after them ("in Chile", "to Portugal").
_LOCATIVE = frozenset("in to from across throughout around inside outside into near".split())
_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady st prof president king queen prince princess".split())


class Tok(Record):
    """A word of a block, as the query n-gram kinds read it."""

    __slots__ = ("start", "end", "text", "key", "cap", "poss", "gap", "sent", "index")

    start: int
    end: int
    text: str
    key: str          # lower-case, possessive stripped
    cap: bool
    poss: bool
    gap: str          # source text between this token and the previous one in the block
    sent: int         # sentence index in the block
    index: int        # position in its block's token list

    def __init__(self, start: int, end: int, text: str, key: str, cap: bool, poss: bool, gap: str, sent: int,
                 index: int = -1) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.key = key
        self.cap = cap
        self.poss = poss
        self.gap = gap
        self.sent = sent
        self.index = index


# Token flags, one byte per token in Tokens.flags.
_CAP, _POSS, _TIGHT, _ALPHA = 1, 2, 4, 8


class Vocabulary:
    """Token keys of one article, each stored once and named by a small integer."""

    __slots__ = ("ids", "words", "key_ids", "word_flags", "gaps")

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        # a token's text -> its key's id, and -> its flags but _TIGHT: worked out once per spelling
        self.key_ids: dict[str, int] = {}
        self.word_flags: dict[str, int] = {}
        # the source text between two tokens -> _TIGHT or 0 (a few dozen distinct gaps make
        # up nearly all of an article's)
        self.gaps: dict[str, int] = {}

    def add(self, key: str) -> int:
        i = self.ids.get(key)
        if i is None:
            i = self.ids[key] = len(self.words)
            self.words.append(key)
        return i

    def form(self, word: str) -> None:
        """Work out the key id and flags of a token spelled ``word``."""
        # _POSSESSIVE, spelled out: a trailing apostrophe, or apostrophe and s
        cut = 1 if word[-1] in "'’" else 2 if word[-1] == "s" and len(word) > 1 and word[-2] in "'’" else 0
        poss = bool(cut) and len(word) > 2
        self.key_ids[word] = self.add(word[:-cut].lower() if poss else word.lower())
        self.word_flags[word] = (_CAP if word[0].isupper() else 0) | (_POSS if poss else 0) \
            | (_ALPHA if word[0].isalpha() else 0)

    def learn(self, words: list[str], gaps: list[str]) -> None:
        """Work out every new spelling of ``words`` (in order: ids are given by first use)
        and every new gap."""
        known, form = self.key_ids, self.form
        for w in dict.fromkeys(words):
            if w not in known:
                form(w)
        tight = self.gaps
        for gap in set(gaps).difference(tight):
            tight[gap] = _TIGHT if gap == " " or _tight(gap) else 0


class Tokens:
    """One block's tokens, kept in arrays (a 10 MB paragraph holds two million: an object
    each would cost ten times as much). ``toks[i]`` (and a slice, and iteration) builds the
    :class:`Tok` views the rarer checks read; the scans over every token read the arrays."""

    __slots__ = ("text", "starts", "ends", "keys", "sents", "flags", "vocab")

    # Blocks up to this long are split in one pass (gaps and tokens as strings); longer ones
    # token by token, in chunks.
    SPLIT_CHARS = 50_000

    def __init__(self, block: Block, vocab: Vocabulary) -> None:
        text = self.text = block.text
        self.vocab = vocab
        size = "i" if len(text) < 2**31 else "q"     # 4-byte integers but for a 2 GB block
        nexts = [s.start for s in block.sentences[1:]]   # where each following sentence starts
        if len(text) <= self.SPLIT_CHARS:
            parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(text)    # gap, token, ..., gap
            words, between = parts[1::2], parts[0:-1:2]  # (the gap before each token)
            bounds = list(accumulate(map(len, parts)))   # where each part ends
            self.starts = starts = array(size, bounds[0:-1:2])
            self.ends = array(size, bounds[1::2])
            vocab.learn(words, between)
            self.keys = array(size, map(vocab.key_ids.__getitem__, words))
            self.flags = bytearray(map(or_, map(vocab.word_flags.__getitem__, words),
                                       map(vocab.gaps.__getitem__, between)))
            # the sentence of each token: the number of following sentences that start at or before it
            sents = self.sents = array(size)
            done = 0
            for k, at in enumerate(nexts):
                upto = bisect_left(starts, at)
                sents.extend([k] * (upto - done))
                done = max(done, upto)
            sents.extend([len(nexts)] * (len(starts) - done))
            return
        starts, ends, keys, sents = array(size), array(size), array(size), array(size)
        flags = bytearray()
        self.starts, self.ends, self.keys, self.sents, self.flags = starts, ends, keys, sents, flags
        key_ids, word_flags, gaps = vocab.key_ids, vocab.word_flags, vocab.gaps
        matches = _TOKEN.finditer(text)
        prev_end = 0
        # in chunks of tokens, each step over a chunk a list operation (a long block's tokens
        # never all exist as objects at once)
        while spans := [m.span() for m in islice(matches, 8192)]:
            at = [a for a, _ in spans]
            starts.extend(at)
            ends.extend([b for _, b in spans])
            words = [text[a:b] for a, b in spans]
            # the text between each token and the one before it (the first: from the block's start)
            between = [text[e:a] for e, a in zip([prev_end, *[b for _, b in spans]], at)]
            vocab.learn(words, between)
            keys.extend(map(key_ids.__getitem__, words))
            sents.extend([bisect_right(nexts, a) for a in at] if nexts else [0] * len(at))
            flags.extend(map(or_, map(word_flags.__getitem__, words), map(gaps.__getitem__, between)))
            prev_end = spans[-1][1]

    def __len__(self) -> int:
        return len(self.starts)

    def key(self, i: int) -> str:
        return self.vocab.words[self.keys[i]]

    def tok(self, i: int) -> Tok:
        a, b, f = self.starts[i], self.ends[i], self.flags[i]
        gap = self.text[self.ends[i - 1] if i else 0:a]
        return Tok(a, b, self.text[a:b], self.vocab.words[self.keys[i]], bool(f & _CAP), bool(f & _POSS), gap,
                   self.sents[i], i)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.tok(i) for i in range(*index.indices(len(self.starts)))]
        if index < 0:
            index += len(self.starts)
        if not 0 <= index < len(self.starts):
            raise IndexError("token index out of range")
        return self.tok(index)

    def __iter__(self) -> Iterator[Tok]:
        return (self.tok(i) for i in range(len(self.starts)))


def tokenize(block: Block) -> list[Tok]:
    """The tokens of one block, as :class:`Tok` objects (for tests and small texts)."""
    return list(Tokens(block, Vocabulary()))


def _sentence_starts(block: Block) -> frozenset[int]:
    cached = block.__dict__.get("_editlint_sentence_start_set")
    if cached is None:
        cached = block.__dict__["_editlint_sentence_start_set"] = frozenset(block.sentence_starts)
    return cached


def _tight(gap: str) -> bool:
    """Only spaces between two tokens (no punctuation, no line break)."""
    return bool(gap) and gap.strip(" \t\u00a0") == ""


class Article:
    """Token streams of every block, with the runs of capitalised words in sentence-case prose."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.vocab = vocab = Vocabulary()
        self.tokens: list[tuple[Block, Tokens]] = [(b, Tokens(b, vocab)) for b in doc.blocks]
        self.by_block = {id(b): toks for b, toks in self.tokens}
        words = vocab.words
        lower_ids: set[int] = set()
        for _, toks in self.tokens:
            lower_ids.update(k for k, f in zip(toks.keys, toks.flags) if not f & _CAP)
        self.lower_words: set[str] = {words[k] for k in lower_ids}
        # maximal capitalised runs in sentence-case blocks, as key tuples -> how often, in
        # the order of their first run
        self.runs: dict[tuple[str, ...], int] = {}
        stop_ids = {vocab.ids[w] for w in STOPWORDS if w in vocab.ids}
        for block, toks in self.tokens:
            if block.kind not in _SENTENCE_CASE_KINDS or block_title_cased(block):
                continue
            keys, sents, flags = toks.keys, toks.sents, toks.flags
            first = first_end = -1      # the open run: its first token and the one after its last; -1: none
            # only the capitalised words, in order (a run is a stretch of them, and it ends at
            # any other token)
            caps = [i for i in range(len(keys)) if flags[i] & _CAP and flags[i] & _ALPHA and keys[i] not in stop_ids]
            for i in caps:
                if first >= 0:
                    if first_end == i and flags[i] & _TIGHT and sents[i] == sents[i - 1] and not flags[i - 1] & _POSS:
                        first_end = i + 1
                        continue
                    self._close(block, toks, first, first_end, lower_ids)
                first, first_end = i, i + 1
            if first >= 0:
                self._close(block, toks, first, first_end, lower_ids)

    def _close(self, block: Block, toks: Tokens, first: int, end: int, lower_ids: set[int]) -> None:
        if first < 0:
            return
        if end - first > 1 and toks.keys[first] in lower_ids and toks.starts[first] in _sentence_starts(block):
            first += 1
        words = self.vocab.words
        run = tuple(words[k] for k in toks.keys[first:end])
        self.runs[run] = self.runs.get(run, 0) + 1

    @cached_property
    def _positions(self) -> dict[int, array]:
        """Token key -> its places (block number << 32 | token index), in document order:
        the searches below visit only the places of their first word, not the whole
        document once per candidate phrase."""
        index: dict[int, array] = {}
        for b, (_, toks) in enumerate(self.tokens):
            base = b << 32
            for i, k in enumerate(toks.keys):
                places = index.get(k)
                if places is None:
                    places = index[k] = array("q")
                places.append(base | i)
        return index

    def positions(self, key: str) -> Iterator[tuple[int, int]]:
        """(block number, token index) of every token ``key``, in document order."""
        k = self.vocab.ids.get(key)
        for packed in self._positions.get(k, ()) if k is not None else ():
            yield packed >> 32, packed & 0xFFFFFFFF

    def occurrences(self, keys: tuple[str, ...]) -> Iterator[tuple[Block, list[Tok]]]:
        """Every place where the tokens ``keys`` stand next to each other (case-insensitive,
        only spaces between them)."""
        n = len(keys)
        ids = [self.vocab.ids.get(k) for k in keys]
        if None in ids:
            return
        for b, i in self.positions(keys[0]):
            block, toks = self.tokens[b]
            if i > len(toks) - n:
                continue
            tk, flags = toks.keys, toks.flags
            if all(tk[i + j] == ids[j] for j in range(n)) and all(flags[i + j] & _TIGHT for j in range(1, n)) \
                    and not any(flags[i + j] & _POSS for j in range(n - 1)):
                yield block, toks[i:i + n]


class QueryNgram(Kind):
    """Recurring query-shaped n-grams (juxtaposed entities, search-box noun stacks)."""

    KIND = "query-ngram"
    OPTIONS = {
        "min_count": Option(3, "Fewest occurrences of the same sequence before it is judged."),
        "min_blocks": Option(2, "Fewest different blocks (paragraphs, headings, list items) it must occur in."),
        "min_alone": Option(2, "Each juxtaposed part must also occur on its own at least this often."),
        "max_tokens": Option(6, "Longest sequence considered, in words."),
        "lead_markers": Option(["best", "cheap", "cheapest", "buy", "affordable", "discount", "top rated"],
                               "Query modifiers that open a search-box phrase.", type=list),
        "tail_markers": Option(["near me", "cheap", "easy", "online free", "for cheap", "best", "reddit",
                                "net worth"],
                               "Query tails that close a search-box phrase (a year is always one).", type=list),
        "query_nouns": Option(["contract", "salary", "net worth", "transfer", "relationship", "deal", "news",
                               "age", "wife", "husband", "girlfriend", "boyfriend", "height", "wages",
                               "fee", "divorce", "split", "injury", "stats", "biography", "bio", "career",
                               "family", "house", "instagram", "update", "rumours", "rumors", "move"],
                              "Common search nouns that close a 'person + organisation' query.", type=list),
        "role_nouns": Option(["manager", "coach", "striker", "captain", "chief", "executive", "boss", "chairman",
                              "chairwoman", "president", "director", "founder", "owner", "ceo", "minister",
                              "spokesman", "spokeswoman", "spokesperson", "player", "star", "winger",
                              "midfielder", "defender", "goalkeeper", "forward",
                              "leader", "secretary", "chancellor", "senator", "mayor", "councillor",
                              "governor", "general", "colonel", "judge", "bishop", "professor", "doctor"],
                             "Role nouns that make a name a title ('Harwich Manager'), never a separate entity.",
                             type=list),
        "min_stack_words": Option(5, "A heading of at least this many capitalised words with no function "
                                     "word and a query modifier is a search-box stack."),
        "stack_modifiers": Option(["best", "cheap", "cheapest", "top", "affordable", "discount", "buy"],
                                  "Query modifiers that mark a heading stack (a year always does).", type=list),
        "min_person_place_blocks": Option(3, "A person's name butted against a place with no joining word "
                                             "(and no other sign) must recur in this many blocks."),
        "skip_quotes": Option(True, "Ignore occurrences inside quotation marks."),
    }

    def prepare(self) -> None:
        self._lead = {tuple(m.lower().split()) for m in self.options["lead_markers"]}
        self._tail = {tuple(m.lower().split()) for m in self.options["tail_markers"]}
        self._query_nouns = sorted({tuple(m.lower().split()) for m in self.options["query_nouns"]}, key=len,
                                   reverse=True)
        self._modifiers = frozenset(m.lower() for m in self.options["stack_modifiers"])
        self._roles = frozenset(m.lower() for m in self.options["role_nouns"])

    # -- juxtaposed entities ---------------------------------------------------
    def juxtaposed(self, art: Article) -> Iterator[tuple[tuple[str, ...], str]]:
        opts = self.options
        alone = art.runs      # each run of capitalised words -> how often, in document order
        for keys in list(alone):
            if not 2 <= len(keys) <= opts["max_tokens"]:
                continue
            if alone.get(keys, 0) < 2:
                continue
            for k in range(1, len(keys)):
                a, b = keys[:k], keys[k:]
                if alone.get(a, 0) < opts["min_alone"] or alone.get(b, 0) < opts["min_alone"]:
                    continue
                if set(a) <= _HONORIFICS or set(b) <= _HONORIFICS:
                    continue
                parts = f"'{_show(art, a)}' ({alone[a]}×) and '{_show(art, b)}' ({alone[b]}×) also stand on their own"
                joined = self._joined(art, a, b)
                advice = (f"write it as English ('{_show(art, a)} and {_show(art, b)}', "
                          f"'relations between {_show(art, a)} and {_show(art, b)}') or cut the repeats")
                if joined:
                    yield keys, f"{parts}, and the article itself writes '{joined}'; {advice}"
                    break
                heading = self._in_heading(art, keys)
                if heading and len(keys) >= 3:
                    yield keys, f"{parts}, and the sequence is also used as a heading ('{heading}'); {advice}"
                    break
            else:
                why = self._person_place(art, keys, alone) or self._person_entity(art, keys, alone)
                if why:
                    yield keys, why

    def _person_place(self, art: Article, keys: tuple[str, ...], alone: dict) -> str | None:
        """A person's full name butted against a place ("the Ilse Brandt Chile talks"): the name
        has a given name and a surname that also stands alone, the place is written as a place
        elsewhere ("in Chile"), neither is an ordinary lower-case word, and the name is never
        used as a place. The sequence must recur in ``min_person_place_blocks`` blocks."""
        opts = self.options
        for k in (len(keys) - 1, len(keys) - 2):
            a, b = keys[:k], keys[k:]
            if len(a) < 2 or not 1 <= len(b) <= 2 or set(a) & _HONORIFICS:
                continue
            if any(w in art.lower_words or w in STOPWORDS for w in keys):
                continue
            named = alone.get(a, 0) + alone.get(a[-1:], 0)
            if alone.get(a, 0) < 1 or named < opts["min_alone"] or alone.get(b, 0) < opts["min_alone"]:
                continue
            place = self._locative(art, b)
            if not place or any(self._locative(art, (w,)) for w in a):
                continue
            occ = [(bl, sq) for bl, sq in art.occurrences(keys) if not bl.in_quotes(sq[0].start, sq[-1].end)]
            if len({id(bl) for bl, _ in occ}) < opts["min_person_place_blocks"]:
                continue
            sa, sb = _show(art, a), _show(art, b)
            return (f"the person '{sa}' ({named}× on their own) and the place '{sb}' ({alone[b]}×; the article "
                    f"writes '{place}') are butted together with no word joining them; write it as English "
                    f"('{sa}'s visit to {sb}', 'relations between {sa} and {sb}') or cut the repeats")
        return None

    def _person_entity(self, art: Article, keys: tuple[str, ...], alone: dict) -> str | None:
        """A person's full name butted against another named thing (a club, a company, a brand)
        with a query noun after it ("the Ilse Brandt Harwich contract"). The person: a given
        name and a surname, the surname (or the full name) also standing alone, the given name
        not used on its own more than the surname, never after "the". The other thing also
        stands alone. The run recurs ``min_count`` times in ``min_blocks`` blocks, and a
        query noun follows it at least twice (or it is also a heading, in three blocks).
        "Harwich manager Ilse Brandt" never forms such a run: the role noun breaks it."""
        opts = self.options
        for k in range(len(keys) - 1, 1, -1):
            a, b = keys[:k], keys[k:]
            if not 1 <= len(b) <= 3 or len(a) > 3:
                continue
            if set(a) & (_HONORIFICS | self._roles) or set(b) & self._roles:
                continue
            if any(w in art.lower_words or w in STOPWORDS or w.isdigit() for w in keys):
                continue
            if any(t.isupper() and len(t) > 1 for t in _spelled(art, keys)):
                continue   # acronyms are organisations, not given names
            surname = alone.get(a[-1:], 0)
            named = alone.get(a, 0) + surname
            if named < 1 or alone.get(a[:1], 0) > surname or alone.get(b, 0) < 1:
                continue
            if self._after_the(art, a) or self._after_the(art, a[-1:]):
                continue
            occ = [(bl, sq) for bl, sq in art.occurrences(keys) if not bl.in_quotes(sq[0].start, sq[-1].end)]
            blocks = {id(bl) for bl, _ in occ}
            if len(occ) < opts["min_count"] or len(blocks) < opts["min_blocks"]:
                continue
            tails = [noun for bl, sq in occ if (noun := self._query_noun(art, bl, sq))]
            heading = self._in_heading(art, keys)
            if len(tails) >= 2:
                sign = f"a query noun follows it ('{tails[0]}', {len(tails)}×)"
            elif heading and len(blocks) >= 3:
                sign = f"it is also used as a heading ('{heading}')"
            else:
                continue
            sa, sb = _show(art, a), _show(art, b)
            return (f"the person '{sa}' ({named}× on their own) and '{sb}' ({alone[b]}× on its own) are butted "
                    f"together with no word joining them, and {sign}; write it as English "
                    f"('{sa.split()[-1]}'s contract with {sb}', '{sa} of {sb}') or cut the repeats")
        return None

    def _query_noun(self, art: Article, block: Block, seq: list[Tok]) -> str | None:
        toks = art.by_block[id(block)]
        i = seq[-1].index + 1
        for noun in self._query_nouns:
            n = len(noun)
            nxt = toks[i:i + n]
            if len(nxt) == n and tuple(t.key for t in nxt) == noun and all(_tight(t.gap) for t in nxt):
                return " ".join(noun)
        return None

    @staticmethod
    def _after_the(art: Article, name: tuple[str, ...]) -> bool:
        """The name used after a determiner on its own ("the Harwich", "the Harwich fans"):
        a thing, not a person."""
        n = len(name)
        for b, i in art.positions(name[0]):
            toks = art.tokens[b][1]
            if 1 <= i <= len(toks) - n:
                if toks[i - 1].key in ("the", "a", "an") and tuple(t.key for t in toks[i:i + n]) == name \
                        and toks[i].cap and all(_tight(t.gap) for t in toks[i:i + n]) \
                        and (i + n == len(toks) or not toks[i + n].cap or not _tight(toks[i + n].gap)):
                    return True
        return False

    @staticmethod
    def _locative(art: Article, b: tuple[str, ...]) -> str | None:
        """A place where ``b`` follows a locative preposition ("in Chile", "to Portugal")."""
        n = len(b)
        for bi, j in art.positions(b[0]):
            block, toks = art.tokens[bi]
            i = j - 1
            if 0 <= i < len(toks) - n:
                if toks[i].key in _LOCATIVE and toks[i + 1].cap and _tight(toks[i + 1].gap) \
                        and tuple(t.key for t in toks[i + 1:i + 1 + n]) == b \
                        and all(_tight(t.gap) for t in toks[i + 2:i + 1 + n]) \
                        and (i + 1 + n == len(toks) or not toks[i + 1 + n].cap or not _tight(toks[i + 1 + n].gap)):
                    return block.text[toks[i].start:toks[i + n].end]
        return None

    def _joined(self, art: Article, a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
        """A place where the article joins A and B with a function word, as English does."""
        for block, seq in art.occurrences(a):
            toks = art.by_block[id(block)]
            i = seq[-1].index + 1
            between: list[Tok] = []
            for j in range(i, min(i + 5, len(toks))):
                t = toks[j]
                if t.sent != seq[-1].sent or any(c in t.gap for c in ",;:.!?()\n"):
                    break
                if tuple(x.key for x in toks[j:j + len(b)]) == b and toks[j].cap:
                    gap_words = [x.key for x in between]
                    if ("&" in "".join(x.gap for x in [*between, t]) or any(w in _JOINERS for w in gap_words)) \
                            and not any(x.cap for x in between):
                        return block.text[seq[0].start:toks[j + len(b) - 1].end]
                    break
                between.append(t)
                if len(between) > 3:
                    break
        return None

    def _in_heading(self, art: Article, keys: tuple[str, ...]) -> str | None:
        for block, _ in art.occurrences(keys):
            if block.kind in ("title", "heading") or (block.kind == "list_item" and block_title_cased(block)):
                return block.text
        return None

    # -- search-box noun stacks ------------------------------------------------
    def noun_stacks(self, art: Article) -> Iterator[tuple[tuple[str, ...], str]]:
        opts = self.options
        max_tokens = opts["max_tokens"]
        counts: dict[tuple[int, ...], int] = {}
        # where each sequence is first seen, as block number << 32 | token index (a Tok list
        # each would hold the whole document's tokens twice over)
        examples: dict[tuple[int, ...], int] = {}
        fallback: dict[tuple[int, ...], int] = {}
        words = art.vocab.words
        ids = art.vocab.ids
        stop_ids = {ids[w] for w in STOPWORDS if w in ids}
        glue_ids = {ids[w] for w in _GLUE if w in ids}
        near_me = (ids.get("near"), ids.get("me"))
        # Only a sequence _marker can report is counted: one that ends in a query tail's last
        # word or a year, or opens with a lead marker's first word (an empty lead marker would
        # open every sequence: then all are counted).
        any_start = any(not lead for lead in self._lead)
        lead_ids = {ids[lead[0]] for lead in self._lead if lead and lead[0] in ids}
        end_ids = {ids[tail[-1]] for tail in self._tail if tail and tail[-1] in ids}
        end_ids.update(k for k, w in enumerate(words) if len(w) == 4 and _YEAR.fullmatch(w))
        # sequences are counted as tuples of token ids (the same sequences, in the same order,
        # as tuples of words), and spelled out only when one recurs
        for bn, (block, toks) in enumerate(art.tokens):
            tk, flags = toks.keys, toks.flags
            count = len(tk)
            # a function word never opens a stack (the checks below would stop at once), and the
            # three-word sequence from i must be tight throughout, no possessive before its end
            if any_start:
                starts = range(count - 2)
            else:
                # where a counted sequence can start: at a lead word, or up to max_tokens - 1
                # words before a tail word or a year (none: nothing in the block is counted)
                starts = set(_hits(bytes(map(lead_ids.__contains__, tk))))
                for e in _hits(bytes(map(end_ids.__contains__, tk))):
                    starts.update(range(max(0, e - max_tokens + 1), e - 1))
                if not starts:
                    continue
                starts = sorted(i for i in starts if i < count - 2)
            # judge a sequence's shape by how sentence-case prose spells it, not a title-cased heading
            cased = block.kind in _SENTENCE_CASE_KINDS and not block_title_cased(block)
            where = examples if cased else fallback
            stop = bytes(map(stop_ids.__contains__, tk))
            for i in [i for i in starts if not stop[i] and flags[i + 1] & _TIGHT and not flags[i] & _POSS]:
                opens = any_start or tk[i] in lead_ids
                every_glue = [j for j in (1, 2) if stop[i + j]]   # function words after the first (never 0)
                for n in range(3, max_tokens + 1):
                    # the n-word sequence from i: tight throughout, no possessive before its end
                    if i + n > count or not flags[i + n - 1] & _TIGHT or flags[i + n - 2] & _POSS:
                        break
                    if n > 3 and stop[i + n - 1]:
                        every_glue.append(n - 1)
                    last = tk[i + n - 1]
                    if every_glue:
                        glue = every_glue
                        if (tk[i + n - 2], last) == near_me:
                            glue = [j for j in glue if j < n - 2]
                        if glue and glue[-1] == n - 1 and last in glue_ids and 0 < glue[0]:
                            continue   # "hotels in" may go on to "hotels in Porto cheap"
                        # a preposition may join a place into a query ("hotels in Porto cheap"), nothing else
                        if not all(0 < j < n - 1 and tk[i + j] in glue_ids and flags[i + j + 1] & _CAP
                                   for j in glue):
                            break
                    if opens or last in end_ids:
                        seq = tuple(tk[i:i + n])
                        counts[seq] = counts.get(seq, 0) + 1
                        if seq not in where:
                            where[seq] = bn << 32 | i
        for seq, count in counts.items():
            if count < opts["min_count"]:
                continue
            packed = examples.get(seq)
            if packed is None:
                packed = fallback[seq]
            keys = tuple(words[k] for k in seq)
            toks = art.tokens[packed >> 32][1]
            i = packed & 0xFFFFFFFF
            why = self._marker(keys, toks[i:i + len(keys)])
            if why:
                yield keys, why + "; rephrase it the way a reader would say it, or keep one mention and cut the rest"

    def _marker(self, keys: tuple[str, ...], seq: list[Tok]) -> str | None:
        for tail in self._tail:
            if len(keys) > len(tail) and keys[-len(tail):] == tail:
                return f"it ends in the search-query tail '{' '.join(tail)}'"
        if any(k in STOPWORDS for k in keys[:-2]):
            return None   # joined by a preposition: only a query tail makes it a query
        if _YEAR.fullmatch(keys[-1]) and len(keys) >= 3 and not any(t.cap for t in seq[:-1][-2:]):
            return "it is a noun stack with a bare year tacked on, as in a search query"
        for lead in self._lead:
            if keys[:len(lead)] == lead and len(keys) >= len(lead) + 2:
                rest = seq[len(lead):]
                butt = any(not x.cap and y.cap and x.key.endswith("s") for x, y in zip(rest, rest[1:]))
                if len(keys) >= len(lead) + 3 or butt:
                    return f"it opens with the query modifier '{' '.join(lead)}' followed by bare nouns"
        return None

    # -- noun-stack headings ----------------------------------------------------
    def stack_headings(self, art: Article) -> Iterator[tuple[Block, list[Tok], list[tuple[Block, list[Tok]]]]]:
        """A heading or title that is a stack of capitalised nouns with no function word and a
        query modifier ("Best Kayaks River Wye Family Cheap"), whose words come back as a
        query-shaped stack in a body sentence ("best kayaks River Wye family cheap options")."""
        opts = self.options
        for block, toks in art.tokens:
            if block.kind not in ("title", "heading"):
                continue
            for stack in _cap_stacks(toks):
                keys = [t.key for t in stack]
                if len(stack) < opts["min_stack_words"]:
                    continue
                if not any(k in self._modifiers or _YEAR.fullmatch(k) for k in keys):
                    continue
                words = set(keys)
                body = [(b, run) for b, run in self._body_stacks(art, words)]
                if body:
                    yield block, stack, body

    def _body_stacks(self, art: Article, words: set[str]) -> Iterator[tuple[Block, list[Tok]]]:
        for block, toks in art.tokens:
            if block.kind not in _SENTENCE_CASE_KINDS or block_title_cased(block):
                continue
            run: list[Tok] = []
            for t in [*toks, None]:
                if t is not None and t.key in words and t.key not in STOPWORDS and \
                        (not run or (_tight(t.gap) and t.sent == run[-1].sent and not run[-1].poss)):
                    run.append(t)
                    continue
                if len(run) >= 3 and self._stack_shape(block, run):
                    yield block, run
                run = [t] if t is not None and t.key in words and t.key not in STOPWORDS else []

    def _stack_shape(self, block: Block, run: list[Tok]) -> bool:
        """Query order, not English: a query tail after nouns ("… family cheap"), a bare year
        after a common noun in a stack that also holds a name ("Lake Ohrid boat tours 2025"),
        or a modifier, a plural noun and a name butted together ("best beaches Ohrid")."""
        starts = _sentence_starts(block)
        lower = [t for t in run if not t.cap]
        proper = [t for t in run[1:] if t.cap] + ([run[0]] if run[0].cap and run[0].start not in starts else [])
        if not lower or not proper:
            return False
        keys = tuple(t.key for t in run)
        for i in range(len(run)):
            for j in range(i + 3, len(run) + 1):
                win, wk = run[i:j], keys[i:j]
                if any(len(wk) > len(tail) and wk[-len(tail):] == tail and not win[-len(tail) - 1].poss
                       for tail in self._tail):
                    return True
                if _YEAR.fullmatch(wk[-1]) and len(wk) >= 4 and not win[-2].cap and any(t.cap for t in win[1:-1]):
                    return True
                if wk[0] in self._modifiers and not win[1].cap and any(
                        not x.cap and y.cap and x.key.endswith("s") for x, y in zip(win[1:], win[2:])):
                    return True
        return False

    # -- reporting -------------------------------------------------------------
    def check(self, doc: Document) -> Iterator[Finding]:
        opts = self.options
        art = Article(doc)
        found: dict[tuple[str, ...], str] = {}
        for keys, why in self.juxtaposed(art):
            found.setdefault(keys, why)
        for keys, why in self.noun_stacks(art):
            if not any(_contains(k, keys) for k in found):
                found.setdefault(keys, why)
        enough = {}
        for keys in found:
            occ = list(art.occurrences(keys))
            if opts["skip_quotes"]:
                occ = [(b, s) for b, s in occ if not b.in_quotes(s[0].start, s[-1].end)]
            if len(occ) >= opts["min_count"] and len({id(b) for b, _ in occ}) >= opts["min_blocks"]:
                enough[keys] = occ
        # keep the longest of overlapping sequences
        kept: list[tuple[str, ...]] = []
        for keys in sorted(enough, key=len, reverse=True):
            if not any(_contains(k, keys) for k in kept):
                kept.append(keys)
        spans: list[tuple[int, int, int]] = []
        findings: list[Finding] = []
        for keys in kept:
            occ = enough[keys]
            spans += [(id(b), s[0].start, s[-1].end) for b, s in occ]
            occ = [(b, s) for b, s in occ if not _link_footer(b)]   # a keyword-link footer is link spam (LS104)
            if not occ:
                continue
            # one finding per query, at its first use in running prose; every other use is related
            main = next((o for o in occ if o[0].kind in _SENTENCE_CASE_KINDS), occ[0])
            related = [self.related_at(doc, b, s[0].start, s[-1].end, "the same search query again")
                       for b, s in occ if s is not main[1]]
            findings.append(self.report(doc, main[0], main[1][0].start, main[1][-1].end, phrase=_show(art, keys),
                                        count=len(occ), evidence=found[keys], related=related))
        findings += self._report_stacks(doc, art, spans)
        yield from _at_most_two(findings)

    def _report_stacks(self, doc: Document, art: Article, spans: list[tuple[int, int, int]]) -> Iterator[Finding]:
        def free(block: Block, seq: list[Tok]) -> bool:
            return not any(b == id(block) and s < seq[-1].end and seq[0].start < e for b, s, e in spans)

        for head, stack, body in self.stack_headings(art):
            occ = [(head, stack)] + [(b, r) for b, r in body if not b.in_quotes(r[0].start, r[-1].end)]
            if len(occ) < 2:
                continue
            phrase = head.text[stack[0].start:stack[-1].end]
            shown = "', '".join(b.text[r[0].start:r[-1].end] for b, r in occ[1:3])
            evidence = (f"the heading is a stack of {len(stack)} capitalised words with no function word and a "
                        f"query modifier, and the body repeats it as a noun stack ('{shown}')")
            occ = [(b, s) for b, s in occ if free(b, s)]
            if not occ:
                continue
            spans += [(id(b), s[0].start, s[-1].end) for b, s in occ]
            main = next((o for o in occ if o[0].kind in _SENTENCE_CASE_KINDS), occ[0])
            related = [self.related_at(doc, b, s[0].start, s[-1].end, "the heading's stack again")
                       for b, s in occ if s is not main[1]]
            yield self.report(doc, main[0], main[1][0].start, main[1][-1].end,
                              phrase=main[0].text[main[1][0].start:main[1][-1].end],
                              count=len(occ), evidence=evidence, related=related)


def _at_most_two(findings: list[Finding]) -> Iterator[Finding]:
    """At most two findings per article and rule, the two problems seen in the most places: the
    places of any further one become related places of the second."""
    findings.sort(key=lambda f: (-len(f.related), f.start))
    for f in findings[2:]:
        findings[1].related.append(Related(f.line, f.column, f.end_line, f.end_column,
                                           f"and also: {f.message}", f.start, f.end))
        findings[1].related += f.related
    yield from sorted(findings[:2], key=lambda f: f.start)


def _cap_stacks(toks: list[Tok]) -> Iterator[list[Tok]]:
    """Maximal runs of capitalised words and years, tight, with no function word."""
    run: list[Tok] = []
    for t in [*toks, None]:
        ok = t is not None and (_YEAR.fullmatch(t.key) or (t.cap and t.text[0].isalpha() and t.key not in STOPWORDS))
        if ok and (not run or (_tight(t.gap) and not run[-1].poss)):
            run.append(t)
            continue
        if run:
            yield run
        run = [t] if ok else []




def _hits(mask: bytes) -> Iterator[int]:
    """The positions of the non-zero bytes of ``mask`` (each one a 0 or a 1)."""
    i = mask.find(1)
    while i >= 0:
        yield i
        i = mask.find(1, i + 1)


def _link_footer(block: Block) -> bool:
    """A paragraph that is a string of links (tags, "popular" footers): mostly anchor text."""
    links = [l for l in block.links if l.kind != "image"]
    if block.kind != "paragraph" or len(links) < 3:
        return False
    return sum(l.end - l.start for l in links) >= 0.6 * len(block.text.strip())


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _spelled(art: Article, keys: tuple[str, ...]) -> list[str]:
    for block, seq in art.occurrences(keys):
        if block.kind in _SENTENCE_CASE_KINDS:
            return [t.text for t in seq]
    return []


def _show(art: Article, keys: tuple[str, ...]) -> str:
    """The sequence as the article spells it (its first occurrence)."""
    for block, seq in art.occurrences(keys):
        return block.text[seq[0].start:seq[-1].end]
    return " ".join(keys)
