"""Whose voice is this? Shared helpers for the loaded-language and unattributed-claim kinds.

A word list alone cannot tell a smear in the writer's own voice from the same words quoted
from a named speaker, or reported *about* with distance. These helpers answer the questions
both families ask of a span in a block:

- is it inside quotation marks, or in a blockquote (someone else's words)?
- does its sentence (or paragraph) name a source: a named person or organisation with a
  reporting verb ("Ms Diaz said", "told Reuters", "said a spokeswoman"), "according to" a
  named source, a passive agent ("was criticised by Amnesty"), a link, a footnote marker?
- does its sentence keep its distance ("conspiracy theorists claim", "the baseless theory",
  "what he calls", "without evidence")?

Only generic English grammar lives here: reporting verbs, pronouns, determiners, and the
nouns that make a source vague ("critics", "sources", "media"). Topic lexicons (tropes,
weasel phrases) belong to the YAML packs in ``rules/``.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress, count
from operator import itemgetter
from typing import Iterable

import regex

from editlint import patternstore
from editlint.document import Block, Sentence

# -- generic grammar ---------------------------------------------------------------------

# Verbs that introduce what someone said, wrote, found or thinks. Stems with their forms.
_REPORTING = """
say says said saying | tell tells told telling | state states stated | add adds added |
explain explains explained | claim claims claimed | argue argues argued | report reports reported |
announce announces announced | confirm confirms confirmed | deny denies denied | insist insists insisted |
note notes noted | warn warns warned | write writes wrote written | tweet tweets tweeted | post posted |
describe describes described | believe believes believed | think thinks thought | estimate estimates estimated |
predict predicts predicted | suggest suggests suggested | allege alleges alleged | accuse accuses accused |
assert asserts asserted | contend contends contended | maintain maintains maintained | acknowledge acknowledged acknowledges |
admit admits admitted | concede concedes conceded | conclude concludes concluded | find finds found |
show shows showed | reveal reveals revealed | disclose discloses disclosed | indicate indicates indicated |
testify testifies testified | recall recalls recalled | remark remarks remarked | comment comments commented |
observe observes observed | stress stresses stressed | emphasise emphasised emphasize emphasized |
urge urges urged | ask asks asked | reply replies replied | respond responds responded | counter countered |
predicted forecast forecasts | calculate calculates calculated | criticise criticised criticize criticized |
blame blames blamed | quote quotes quoted | view views viewed | regard regards regarded |
consider considers considered | call calls called | brand brands branded | label labels labelled labeled | cite cites cited | tells | informed | briefed | announced
"""
REPORTING_VERBS = frozenset(w for w in _REPORTING.replace("|", " ").split())

# Verbs after which a capitalised name may follow as the speaker ("said Senator X").
_INVERTING = frozenset("say says said added adds explained explains wrote writes noted asked replied "
                       "continued continues insisted warned argued argues recalled observed remarked".split())

# "told X" / "informed X": the object is the audience or outlet, not the speaker.
_AUDIENCE_VERBS = frozenset("tell tells told telling informed briefed".split())

# Reporting verbs that are just as often nouns.
_NOUNISH = frozenset("""state states report reports claim claims note notes post posts comment comments
remark remarks estimate estimates quote quotes forecast forecasts blame reply replies find finds show shows
view views regard call calls label labels brand brands tweet tweets counter stress thought release filing
ask answer""".split())
_DETERMINERS = frozenset("the a an his her their its this that".split())
_ADVERBS = frozenset("also often still now once long much not never even too already".split())
_PASSIVE = frozenset("is are was were be been being".split())

_PREPOSITIONS = frozenset("in of at on for from with about among within near across around into".split())
SUBJECT_PRONOUNS = frozenset("he she they i we it".split())   # "you" is the reader, never a source

# Words skipped between a subject and its verb: auxiliaries, adverbs, negation.
_SKIP = frozenset("""has have had is are was were be been being will would could should may might can
also later previously recently once often frequently repeatedly reportedly allegedly publicly privately
then now already still again further separately earlier yesterday today hasn't not never always
meanwhile however though too
last this week month year on monday tuesday wednesday thursday friday saturday sunday""".split())

# Negations between a subject and its verb: a speaker who did not say it is no source (a
# contracted one that _SKIP does not step over, "didn't", already stops the look-back).
_NEGATIONS = frozenset("not never hasn't haven't hadn't didn't doesn't don't won't wouldn't isn't wasn't".split())

_MODALS = frozenset("could would should may might will shall can must".split())
# participles that double as reporting verbs ("the study found that"), and the prepositions
# that make them describe a noun instead ("a chemical found in tap water", "a bird seen on the coast")
_FINDING_PARTICIPLES = frozenset("found seen shown spotted discovered detected".split())
_PLACE_PREPOSITIONS = frozenset("in on at inside among across near within throughout under around".split())

# Nouns that name a kind of source without naming one: they never clear a claim by themselves.
VAGUE_HEADS = frozenset("""some many most others people critics experts observers commentators
sources source insiders reports rumours rumors media press users someone somebody
detractors opponents supporters skeptics sceptics scholars historians scientists researchers
pundits voices those few several numerous various residents locals witnesses fans
accounts outlets newspapers papers websites posts claims
studies research evidence science surveys polls
estimates counts calculations tallies projections
friend friends pal pals relative relatives neighbour neighbours neighbor neighbors confidant acquaintance""".split())

# Nouns that name a specific enough source for attribution (a spokesman of a named body,
# the police in a local story, the statement or report just introduced).
SPECIFIC_HEADS = frozenset("""spokesman spokeswoman spokesperson spokespeople spokesmen police officer officers
minister ministers ministry office department government council company firm group bank agency court judge
jury prosecutor prosecutors lawyer lawyers attorney statement report study survey poll census
release filing letter document documents memo chairman chairwoman chief executive director
president secretary official officials authorities administration analysts analyst economist
economists traders dealers brokers correspondents manager coach boss captain family sister brother mother father wife husband son daughter
owner founder leader leaders organisers organizers regulator regulators commission committee
campaigners union unions website newspaper paper broadcaster network magazine channel
club team party board authors author figures data statistics
spokesperson""".split()) - VAGUE_HEADS

# Capitalised words that are not names: function words, calendar words.
_INVERSION_LEAD = frozenset(',;:—–"“”()')

UNNAMED_STUDIES = frozenset("""survey poll study report analysis review paper investigation
estimate count calculation tally projection""".split())

_NOT_NAMES = frozenset("""the a an this that these those some many most several critics experts
sources reports media people others it he she they we i you his her their its our but and or so
yet however meanwhile still when while if although though as at in on for from with by of to
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december mr mrs ms dr one""".split())

_PLACED_NAME = patternstore.compile(r"\b(?:in|by|from|on|of)\s+(?:the\s+)?\p{Lu}", regex.V1)
_PHRASE_WORD = patternstore.compile(r"[\p{L}'’\-]+")
_LATER_CAPITAL = patternstore.compile(r"\s\p{Lu}", regex.V1)
_WORD = patternstore.compile(r"[\p{L}\p{M}][\p{L}\p{M}\p{Nd}'’\-]*|\d+(?:[,.]\d+)*%?|[,;:—–()\"“”]")

_ACCORDING = patternstore.compile(r"\baccording\s+to\s+(?P<rest>[^.;:!?]{0,80})", regex.I)
_AGENT = patternstore.compile(r"\b(?:critici[sz]ed|condemned|praised|described|reported|said|claimed|cited|quoted|seen|regarded|"
                              r"considered|called|dubbed|labell?ed|branded|accused|alleged|confirmed|denied|estimated|found|shown|"
                              r"published|written|stated|announced|revealed|documented|recorded|noted|highlighted|questioned|"
                              r"disputed|rejected|welcomed|hailed|attacked|blamed|told|argued|suggested|predicted|forecast|"
                              r"calculated|measured|counted|compiled|commissioned|conducted|carried\s+out|investigated|"
                              r"identified|described|characteri[sz]ed|viewed|deemed|judged|ruled|certified|verified)\s+by\s+"
                              r"(?:the\s+|a\s+|an\s+)?(?P<name>\p{Lu}[\p{L}\-’']+)", regex.V1)
_CITATION = patternstore.compile(r"\[\s*(?:\d{1,3}|[a-z]|citation needed)\s*\]|\^\d+|\(\s*\p{Lu}[\p{L}\-]+"
                                 r"(?:\s+(?:et al\.?|and|&)\s*\p{Lu}?[\p{L}\-]*)?,?\s+(?:19|20)\d\d[a-z]?\s*\)"
                                 r"|[\u00b9\u00b2\u00b3\u2070-\u2079]+", regex.V1)
_NAMED_AFTER = patternstore.compile(r"(?:,\s*)?\b(?:including|such\s+as|like|led\s+by|among\s+them|notably|namely)\s+"
                             r"(?:the\s+)?\p{Lu}", regex.V1)

# Verbs of spreading a claim: distance when others spread it ("the myth, spread by ..."), the
# writer's accusation when the writer's own subject does (see ``distanced``).
_SPREADING = "pushed|peddled|promoted|spread|spreading|amplified|embraced"

# Distance: the writer reports *about* a claim or a term instead of asserting it.
DISTANCE = patternstore.compile(r"""\b(?:
    conspirac(?:y|ies)|conspiratorial|theor(?:y|ies|ists?|ised|ized)|
    baseless(?:ly)?|unfounded|unsubstantiated|unproven|debunked|discredited|false(?:ly)?\s+(?:claim|assert|allege|say|said)\w*|
    falsely|incorrectly|wrongly|erroneously|mistakenly|without\s+(?:any\s+)?evidence|no\s+evidence|myths?|hoax(?:es)?|
    misinformation|disinformation|propaganda|trope|tropes|slurs?|smears?|rhetoric|
    antisemiti(?:c|sm)|anti-semiti(?:c|sm)|racist|bigoted|dehumani[sz]\w*|
    what\s+(?:he|she|they|it|some|critics|supporters)\s+(?:calls?|called|describes?|described|terms?|termed|dubs?|dubbed)|
    (?:term|phrase|label|slogan|expression)s?\b|(?:the|this|that|such|a\s+single)\s+words?\b|coined|dubbed|
    (?:""" + _SPREADING + r""")\b|
    (?:believers|adherents|followers|proponents|supporters)\s+of|
    claims?\s+that|claiming|alleg(?:e|es|ed|ing)\s+that|accus\w+|condemn\w*|apologi[sz]\w*|outrage\w*|backlash
    )\b""", regex.I | regex.X | regex.V1)
# A verb of accusation or spreading in the writer's own relative clause ("the radicals who
# smeared ...", "the lobby that peddled ...", "activists who accused ...") is the writer's
# accusation, not reporting about a claim: it gives no distance.
_ACCUSING_VERB = patternstore.compile(rf"(?:{_SPREADING}|accus\w+|condemn\w*|coined|dubbed|claiming)$", regex.I)
_SPREADING_VERB = patternstore.compile(rf"(?:{_SPREADING})$", regex.I)
_BY_AFTER = patternstore.compile(r"\s+by\b", regex.I)
_WRITERS_CLAUSE = patternstore.compile(r"\b(?:who|that|which|whose\s+\w+)\s+(?:(?:have|has|had|now|then|also|once|"
                                r"\w+ly)\s+){0,2}$", regex.I)


def reporting_verbs(extra: Iterable[str] = ()) -> regex.Pattern:
    # longest first (a word before its prefixes), then by the word: the same pattern in every process
    words = sorted(REPORTING_VERBS | {w.lower() for w in extra}, key=lambda w: (-len(w), w))
    return patternstore.compile(r"\b(?:" + "|".join(map(regex.escape, words)) + r")\b", regex.I)


_VERB = reporting_verbs()

# A cheap screen before _VERB: every verb is ASCII letters, so a match of "\b(?:said|...)\b"
# (case-insensitive) is a whole run of word characters that case-folds to a verb; looking the
# runs up in a set says "no" only where the pattern finds nothing, for a fraction of its cost.
_RUN = patternstore.compile(r"\w+")
_VERB_SET = REPORTING_VERBS if all(v.isascii() and v.isalpha() for v in REPORTING_VERBS) else None
_VERB_BYTES = frozenset(v.encode("ascii") for v in _VERB_SET or ())
# ASCII bytes -> themselves lower-cased where _RUN's \w holds them (letters, digits, "_"), else a space
_ASCII_RUNS = bytes(ord(chr(i).lower()) if chr(i).isalnum() or chr(i) == "_" else 32 if i < 128 else i
                    for i in range(256))


def may_have_reporting_verb(span: str) -> bool:
    """False only when ``_VERB.search(span)`` surely finds nothing."""
    if _VERB_SET is None:
        return True
    return any(run.casefold() in _VERB_SET for run in _RUN.findall(span))


def _has_reporting_verb(span: str) -> bool:
    """``_VERB.search(span) is not None``. An ASCII run that lower-cases to a verb is a match
    of the pattern itself (a whole run of word characters, so ``\\b`` holds either side, and
    ASCII case-insensitivity is plain lower-casing), so the pattern runs only when a
    non-ASCII run's case folding is what found a verb."""
    if _VERB_SET is None:
        return _VERB.search(span) is not None
    if span.isascii():      # the runs, lower-cased, are the words of the span mapped by _ASCII_RUNS
        return not _VERB_BYTES.isdisjoint(span.encode("ascii").translate(_ASCII_RUNS).split())
    folded = False
    for run in _RUN.findall(span):
        if run.isascii():
            if run.lower() in _VERB_SET:
                return True
        elif run.casefold() in _VERB_SET:
            folded = True
    return folded and _VERB.search(span) is not None


# -- spans -------------------------------------------------------------------------------

def sentence_at(block: Block, start: int) -> Sentence:
    sentences = block.sentences
    k = bisect.bisect_right(block.sentence_starts, start) - 1   # sentences are sorted, apart
    if k >= 0:
        s = sentences[k]
        if s.start <= start < s.end or (start == s.end and k == len(sentences) - 1):
            return s
    return Sentence(block, 0, len(block.text))


def sentence_index(block: Block, start: int) -> int:
    k = bisect.bisect_right(block.sentence_starts, start) - 1
    if k >= 0 and start < block.sentences[k].end:
        return k
    return max(0, len(block.sentences) - 1)


def quoted_by_others(block: Block, start: int, end: int) -> bool:
    """Someone else's words: inside quotation marks, or a blockquote / pull quote."""
    if "blockquote" in block.containers or block.kind == "quote":
        return True
    return block.in_quotes(start, end)


def has_link(block: Block, start: int, end: int) -> bool:
    return block.has_link(start, end)


# -- attribution -------------------------------------------------------------------------

class _Tok(tuple):
    """A word or punctuation token of :data:`_WORD`: ``(text, start, end)``, read as
    ``.text``, ``.start``, ``.end`` (a tuple: built in C, many to a sentence)."""

    __slots__ = ()
    text = property(itemgetter(0))
    start = property(itemgetter(1))
    end = property(itemgetter(2))


# _WORD as one group: split() gives the gaps and the tokens in turn, whose lengths add up to
# every token's span without a match object per token
_WORD_SPLIT = patternstore.compile("(" + _WORD.pattern + ")", _WORD.flags)


# _WORD on ASCII text, for the standard library's faster engine: \p{L} is [A-Za-z] there,
# \p{Nd} and \d are [0-9], \p{M} and the typographic marks never occur
_ASCII_WORD_SPLIT = re.compile(r"([A-Za-z][A-Za-z0-9'\-]*|[0-9]+(?:[,.][0-9]+)*%?|[,;:()\"])")


def _tokens(text: str) -> list[_Tok]:
    """The tokens of ``text``: what ``_WORD.finditer`` matches, with their spans."""
    # [gap, token, gap, token, ..., gap]
    parts = (_ASCII_WORD_SPLIT if text.isascii() else _WORD_SPLIT).split(text)
    at = list(accumulate(map(len, parts), initial=0))
    return list(map(_Tok, zip(parts[1::2], at[1::2], at[2::2])))


def _verbs_at(tokens: list[_Tok]) -> list[int]:
    """Indices of the tokens that lower-case to a reporting verb, in order."""
    return list(compress(count(), map(REPORTING_VERBS.__contains__, map(str.lower, map(_TEXT, tokens)))))


_TEXT = itemgetter(0)


def _is_name(tok: _Tok, sentence_start: bool) -> bool:
    t = tok.text.rstrip(".’'")
    if not t or not t[0].isupper():
        return False
    low = t.lower()
    if low in _NOT_NAMES or low in VAGUE_HEADS:
        return False
    if sentence_start and low in SPECIFIC_HEADS:
        return True   # "Police said"
    return True


_NATION_MEDIA = patternstore.compile(r"\s*(?:the\s+)?(?:\p{Lu}[\p{L}\-]+\s+){1,2}(?:language\s+)?(?:media|press|newspapers|"
                             r"outlets|television|tv|reports)\b(?!\s+(?:in|by|from|including|such)\b)", regex.V1)

_CIRCULATING = patternstore.compile(r"\s*(?:[\p{L}\-]+\s+){1,3}?(?:circulating|doing\s+the\s+rounds|going\s+(?:a)?round|"
                                    r"floating\s+(?:a)?round)\b", regex.I)


def _vague_phrase(text: str) -> bool:
    """"reports", "some sources", "local media": a phrase that names no one."""
    text = text.split(",", 1)[0]   # "according to local media, three boats ...": the source ends at the comma
    if _NATION_MEDIA.match(text):
        return True   # "Spanish media", "Hebrew-language press": a country's or a language's outlets, none named
    if _CIRCULATING.match(text):
        return True   # "according to figures circulating online": figures nobody put out
    words = [w.lower() for w in _PHRASE_WORD.findall(text)[:4]]
    if not words:
        return True
    head = next((w for w in words if w not in ("the", "a", "an", "some", "many", "unconfirmed", "local",
                                               "media", "press", "news", "social", "several", "various",
                                               "unnamed", "anonymous", "informed", "other", "multiple",
                                               "new", "recent", "latest", "major", "large", "separate",
                                               "leaked", "secret", "one", "family", "close", "old",
                                               "longtime", "long-time", "former", "mutual")), None)
    if head is None:
        return True
    if head in UNNAMED_STUDIES and words[0] in ("a", "an", "one") and not _LATER_CAPITAL.search(text):
        return True   # "according to a new study": a study nobody can look up (not "a survey by Mirapoint")
    # "according to information available to the agency": information from no one in particular
    return head in VAGUE_HEADS or head in ("reports", "sources", "rumours", "rumors", "accounts", "users",
                                           "information", "intelligence")


# "sources close to the board", "people familiar with the talks", "those around her": words after
# a vague head that place it near a body without naming anyone
_NEAR_WORDS = frozenset("close familiar near around inside within briefed with".split())


def _postmodified_vague_head(tokens: list[_Tok], j: int) -> bool:
    """Is the subject ending at ``tokens[j]`` a vague head and its postmodifier ("sources close
    to the harbour board", "people with knowledge of the deal"), whose last word names a body
    but not the speaker?"""
    for m in range(j - 1, max(-1, j - 8), -1):
        if tokens[m].text in _CLAUSE_END or tokens[m].text == ",":
            return False
        if tokens[m].text.lower() in VAGUE_HEADS and tokens[m + 1].text.lower() in _NEAR_WORDS:
            return True
    return False


def source_of_verb(tokens: list[_Tok], i: int, text: str) -> str | None:
    """Who does the reporting verb ``tokens[i]`` belong to? ``"named"``, ``"vague"`` or None.

    Looks back over auxiliaries and adverbs for the subject's head word, across an
    appositive ("Bilal Karimi, a senior spokesman, said"), and forward for an inverted
    speaker ("said Senator Diaz", "said a spokeswoman").
    """
    verb = tokens[i].text.lower()
    k = i - 1
    while k >= 0 and (tokens[k].text.lower().endswith("ly") or tokens[k].text.lower() in _ADVERBS):
        k -= 1
    if k >= 0 and tokens[k].text.lower() in _PASSIVE and verb.endswith(("ed", "id", "ld", "wn", "en", "ght", "und")):
        return None   # "is said to", "was widely reported": the subject is not the speaker
    if k >= 0 and tokens[k].text.lower() in _MODALS:
        return None   # "the repairs could add months", "critics may say": nobody has said anything
    if verb in _FINDING_PARTICIPLES and i + 1 < len(tokens) and tokens[i + 1].text.lower() in _PLACE_PREPOSITIONS \
            and k >= 0 and tokens[k].text.isalpha() and tokens[k].text.lower() not in SUBJECT_PRONOUNS \
            and not any(t.text.lower() == "that" for t in tokens[i + 2:i + 8]):
        return None   # "a sweetener found in diet drinks": a participle describing the noun, not a finding
    if verb in _NOUNISH and any(k >= 0 and tokens[k].text.lower() in _DETERMINERS for k in (i - 1, i - 2, i - 3)):
        return None   # "the deep state", "a recent report": a noun, not a verb
    if verb in _NOUNISH and i + 1 < len(tokens) and tokens[i + 1].text.lower() in REPORTING_VERBS:
        return None   # "Local reports say", "claims suggest": the noun is the subject of the next verb
    j = i - 1
    while j >= 0 and tokens[j].text.lower() in _SKIP:
        j -= 1
    if any(t.text.lower() in _NEGATIONS for t in tokens[j + 1:i]):
        return None   # "the agency has not confirmed this": who did not say it is not the source
    # appositive: "Name, a senior official, said" -> look before the comma too
    if j >= 0 and tokens[j].text == ",":
        k = j - 1
        seen = 0
        while k >= 0 and tokens[k].text not in (",", ";", ":", "(", ")") and seen < 8:
            k -= 1
            seen += 1
        head = tokens[j - 1] if j >= 1 else None
        before = tokens[k - 1] if k >= 1 and tokens[k].text == "," else None
        for cand in (head, before):
            if cand is None:
                continue
            low = cand.text.lower()
            if low in SUBJECT_PRONOUNS:
                return "named"
            if low in VAGUE_HEADS:
                continue
            if low in SPECIFIC_HEADS or _is_name(cand, cand.start == 0):
                return "named"
    if j >= 1 and tokens[j].text.lower() in ("who", "which"):
        j -= 1   # "the scientists who wrote": the relative pronoun stands for the noun before it
    if _postmodified_vague_head(tokens, j):
        return "vague"
    if j >= 0:
        head = tokens[j]
        low = head.text.lower().rstrip("’'s") if head.text.lower().endswith(("’s", "'s")) else head.text.lower()
        if low in VAGUE_HEADS:
            # "critics such as Ms Diaz say", "media including the Asahi Shimbun reported"
            phrase_start = tokens[max(0, j - 8)].start
            if _NAMED_AFTER.search(text, phrase_start, tokens[i].start):
                return "named"
            return "vague"
        # "a recent survey found", "one study showed": a study nobody can look up
        if low in UNNAMED_STUDIES and any(k >= 0 and tokens[k].text.lower() in ("a", "an", "one")
                                           for k in (j - 1, j - 2, j - 3)):
            return "vague"
        if low in SUBJECT_PRONOUNS or low in SPECIFIC_HEADS:
            return "named"
        if _is_name(head, head.start == 0):
            return "named"
        # "the senator told", "a local farmer said": one particular person or body
        for k in (j - 1, j - 2):
            if k >= 0 and tokens[k].text.lower() in _DETERMINERS and head.text.isalpha() and \
                    not low.endswith("s") and low not in _NOT_NAMES:
                if k >= 1 and tokens[k - 1].text.lower() in _PREPOSITIONS:
                    # "households in the village say": the noun is a place, not the speaker;
                    # "a farmer in the valley said": the speaker stands before the preposition
                    pre = tokens[k - 2] if k >= 2 else None
                    if pre is not None and pre.text.isalpha() and not pre.text.lower().endswith("s") and \
                            any(m >= 0 and tokens[m].text.lower() in _DETERMINERS for m in (k - 3, k - 4)):
                        return "named"
                    break
                return "named"
    # an inverted speaker follows a quotation or a clause: '"...," said the minister';
    # "who wrote their safety report" has an object, not a speaker, after its verb
    if verb in _INVERTING and i + 1 < len(tokens) and (i == 0 or tokens[i - 1].text in _INVERSION_LEAD):
        nxt = tokens[i + 1]
        if nxt.text.lower() in ("the", "a", "an", "his", "her", "their", "its") and i + 2 < len(tokens):
            after = [t.text.lower() for t in tokens[i + 2:i + 6]]
            if any(w in SPECIFIC_HEADS for w in after) or any(t.text[0].isupper() for t in tokens[i + 2:i + 4]):
                return "named"
        elif nxt.text.lower() in SUBJECT_PRONOUNS or _is_name(nxt, False):
            return "named"
        elif i + 3 < len(tokens) and tokens[i + 2].text.lower() in ("at", "from", "of", "with") and \
                _is_name(tokens[i + 3], False):
            return "named"   # ", say researchers at BDO Stoy Hayward": a group placed in a named body
    return None


def named_attribution(text: str, start: int = 0, end: int | None = None,
                      unnamed: tuple[int, int] | None = None) -> bool:
    """Does ``text[start:end]`` name a source: a named person or body with a reporting verb,
    "according to" someone named, a passive agent, or a citation marker?

    ``unnamed`` is a span whose words name no one, whatever their case: a claim cue is not its
    own source ("Friends say her marriage to Teo Alvarado is over": "Friends" is no name, and
    the verb does not adopt one from elsewhere)."""
    end = len(text) if end is None else end
    span = text[start:end]
    if _CITATION.search(span):
        return True
    for m in _ACCORDING.finditer(span):
        if not _vague_phrase(m.group("rest")) or _NAMED_AFTER.search(m.group("rest")):
            return True
        rest = m.group("rest")
        if _PLACED_NAME.search(rest):
            return True
    if names_agent(text, start, end):
        return True
    if not _has_reporting_verb(span):
        return False
    tokens = _tokens(span)
    if unnamed is not None:
        a, b = unnamed[0] - start, unnamed[1] - start
        tokens = [_Tok(("others", t.start, t.end)) if a <= t.start and t.end <= b and _nameable(t.text) else t
                  for t in tokens]
    return any(source_of_verb(tokens, i, span) == "named" for i in _verbs_at(tokens))


def _nameable(word: str) -> bool:
    """Could the word stand for a speaker (a noun or a name), rather than a verb, an auxiliary
    or an adverb ("reportedly", "has") that only sits between a speaker and a verb?"""
    low = word.lower()
    return (word[0].isalpha() and low not in REPORTING_VERBS and low not in _SKIP and low not in _NOT_NAMES
            and not low.endswith("ly"))


def names_agent(text: str, start: int = 0, end: int | None = None) -> bool:
    """A passive with a named agent in ``text[start:end]``: "criticised by Amnesty"."""
    return any(m.group("name").lower() not in _NOT_NAMES
               for m in _AGENT.finditer(text, start, len(text) if end is None else end))


def sentence_attributed(block: Block, sentence: Sentence) -> bool:
    return has_link(block, sentence.start, sentence.end) or named_attribution(block.text, sentence.start, sentence.end)


def paragraph_attributed(block: Block) -> bool:
    if any(link.href for link in block.links):
        return True
    return paragraph_named(block)


def paragraph_named(block: Block, unnamed: tuple[int, int] | None = None, text: str | None = None) -> bool:
    """Does a sentence of the block name a source (links aside)? ``unnamed`` as for
    :func:`named_attribution`; ``text``, when given, is ``block.text`` with some words blanked."""
    text = block.text if text is None else text
    return any(named_attribution(text, s.start, s.end, unnamed=unnamed) for s in block.sentences)


def distanced(text: str, extra: regex.Pattern | None = None, after: int | None = None) -> bool:
    """Does the text keep its distance from a claim ("conspiracy theorists say", "baseless")?
    ``after`` is where a flagged term ends: a verb of spreading after it, in the active voice,
    has the term for its subject ("the thugs marched through town spreading lies"), which is the
    writer's accusation; "the deep state myth, spread by ..." keeps its distance."""
    for m in DISTANCE.finditer(text):
        if _ACCUSING_VERB.match(m.group()) and _WRITERS_CLAUSE.search(text, max(0, m.start() - 40), m.start()):
            continue
        if (after is not None and m.start() >= after and _SPREADING_VERB.match(m.group())
                and not _BY_AFTER.match(text, m.end())):
            continue
        return True
    return bool(extra is not None and extra.search(text))


# -- reported speech -----------------------------------------------------------------------

_CLAUSE_END = frozenset(";:—–()")
_TIME_LEAD = frozenset("on in at during last this next earlier later".split())
_TIME_WORDS = frozenset("""yesterday today tonight earlier later monday tuesday wednesday thursday friday saturday
sunday morning afternoon evening night week month year weekend""".split())


def reported_speech(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` that are a named speaker's reported words, in indirect
    speech: what follows "Ms Diaz said (that)", "X told reporters", or what precedes a closing
    ", the minister said". The speaker and the writer's own description of them ("the
    minister, a man who ..., said") are not part of it."""
    end = len(text) if end is None else end
    span = text[start:end]
    if not _has_reporting_verb(span):
        return []
    tokens = _tokens(span)
    out: list[tuple[int, int]] = []
    for i in _verbs_at(tokens):
        if source_of_verb(tokens, i, span) != "named":
            continue
        comp = _complement_after(tokens, i)
        if comp is not None:
            stop = next((t.start for t in tokens[comp:] if t.text in _CLAUSE_END), len(span))
            if tokens[comp].start < stop:
                out.append((start + tokens[comp].start, start + stop))
            continue
        # "..., the minister said." / "..., said Ms Diaz.": the words before the attribution
        j = i - 1
        while j >= 0 and tokens[j].text != "," and i - j <= 6:
            j -= 1
        if j > 0 and tokens[j].text == "," and _near_end(tokens, i):
            out.append((start, start + tokens[j].start))
    return out


def _complement_after(tokens: list[_Tok], i: int) -> int | None:
    """Index of the first token of the clause a reporting verb introduces, or None."""
    verb = tokens[i].text.lower()
    k = i + 1
    n = len(tokens)
    if verb in _AUDIENCE_VERBS:
        # "told reporters", "told the BBC", "told a meeting of ..."
        seen = 0
        while k < n and seen < 5 and tokens[k].text.lower() not in ("that", ",") and \
                (seen == 0 or tokens[k].text.lower() in _DETERMINERS or tokens[k].text[:1].isupper()
                 or tokens[k].text.lower() in _PREPOSITIONS or seen < 2):
            k += 1
            seen += 1
    # skip time phrases and adverbs: "said on Monday that", "said last week", "said yesterday"
    while k < n:
        low = tokens[k].text.lower()
        if low in _TIME_WORDS or (low.endswith("ly") and len(low) > 3):
            k += 1
        elif low in _TIME_LEAD and k + 1 < n and tokens[k + 1].text.lower() in _TIME_WORDS:
            k += 2
        else:
            break
    if k < n and tokens[k].text.lower() == "that":
        return k + 1 if k + 1 < n else None
    if k < n and tokens[k].text == ",":
        return None
    if k < n and (tokens[k].text.lower() in _PREPOSITIONS or tokens[k].text.lower() in ("to", "as", "by")):
        return None          # "said in a statement", "described as": no clause of the speaker's here
    if k < n and k > i and tokens[k].text.isalpha():
        return k
    return None


def _near_end(tokens: list[_Tok], i: int) -> bool:
    rest = [t for t in tokens[i + 1:] if t.text.isalpha()]
    return len(rest) <= 4
