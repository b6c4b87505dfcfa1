"""Plain-language helpers over a block's prose: words, sentences, quotations.

All functions return spans into the string they are given, never copies, so callers can
map results back to the source through ``Block.source_span``.
"""

from __future__ import annotations

import regex

from editlint import patternstore

WORD = patternstore.compile(r"\p{L}[\p{L}\p{M}\p{Nd}]*(?:['’\-]\p{L}[\p{L}\p{M}\p{Nd}]*)*|\p{Nd}+(?:[.,]\p{Nd}+)*%?")

# Tokens after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr rep sen gov pres rev hon fr
    inc ltd co corp plc llc bros vs etc al approx dept est fig no nos vol ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k u.n a.m p.m""".split()
)

# The next sentence starts with a capital, a digit or a letter of a script without case
# (CJK, Arabic, …), perhaps after an opening quote or an emoji ("… on Friday. 🚢 The ferry …").
_BOUNDARY = patternstore.compile(
    r"[.!?…]+['\"”’)\]]*\s+(?=(?:[\p{So}\p{Sk}\uFE0F\u200D]+\s*)?['\"“‘(\[]?[\p{Lu}\p{Lt}\p{Lo}\p{Nd}])")
_TOKEN_BEFORE = patternstore.compile(r"([\p{L}.]+)\.$")
_TOKEN_BEFORE_BACK = patternstore.compile(_TOKEN_BEFORE.pattern, regex.REVERSE)
_DOTTED = patternstore.compile(r"(?:\p{L}\.)+\p{L}")             # a dotted acronym: "U.S"


def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, trimmed of surrounding white space.

    A full stop after a known abbreviation or a single capital initial ("J. Smith") does
    not end a sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == ".":
            # _TOKEN_BEFORE over the sentence so far, read backwards from its full stop (the
            # same match: the run of letters and dots before it), not tried at every position
            token = _TOKEN_BEFORE_BACK.search(text, start, m.start() + 1)
            if token and _is_abbreviation(token.group(1)):
                continue
        end = m.end()
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[1] > s[0]]


def _is_abbreviation(token: str) -> bool:
    token = token.rstrip(".")
    low = token.lower()
    if low in ABBREVIATIONS:
        return True
    # single initials and dotted acronyms: "J.", "U.S."
    return len(token) == 1 and token.isupper() or _DOTTED.fullmatch(token) is not None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_QUOTE_MARK = patternstore.compile("[“«„\"‘']")      # a mark that may open a quotation


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages, marks included.

    Handles curly and straight double quotes, and single quotes that are not apostrophes.
    An opening mark with no closing one runs to the end of the text: newspapers leave a
    quotation open when it continues into the next paragraph.
    """
    # the text is read from one possible opening mark to the next, and from an opening mark
    # to its closing one, with str.find and a search, never character by character
    spans: list[tuple[int, int]] = []
    n = len(text)
    search = _QUOTE_MARK.search
    m = search(text, 0)
    while m is not None:
        i = m.start()
        ch = text[i]
        if ch in _OPEN_CLOSE:
            close = _OPEN_CLOSE[ch]
        elif ch == '"':
            close = '"'
        elif (i == 0 or not text[i - 1].isalnum()) and i + 1 < n and text[i + 1].isalnum():
            close = "’" if ch == "‘" else "'"
        else:
            m = search(text, i + 1)
            continue
        j = text.find(close, i + 1)
        while j != -1:
            if close not in "’'" or j + 1 >= n or not text[j + 1].isalnum():
                # A straight quote between a space and a word opens a quotation rather than
                # closing one: a quotation running on into a new paragraph reopens with a
                # mark and leaves the previous paragraph unclosed ('... uncertain. "It is').
                if not (close == '"' and text[j - 1].isspace() and j + 1 < n and text[j + 1].isalnum()):
                    break
            j = text.find(close, j + 1)
        end = n if j == -1 else min(j + 1, n)
        spans.append((i, end))
        m = search(text, end)
    return spans
