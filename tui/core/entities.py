"""Find people, organisations and places in cleaned article text.

A rule-based finder: no model, nothing downloaded.  It works in two passes:

1. each article is scanned for runs of capitalised words (with "of"/"and"
   inside organisation names, titles split off, possessives dropped) — a
   :class:`Candidate` per run, with evidence for its kind;
2. the corpus then decides: a word that only ever appears capitalised at the
   start of a sentence is not a name; variants are grouped ("DeepBlue" and
   "DeepBlue Technology", "Tang Xiaoou" and "Sean Tang Xiaoou", and inside an
   article that names him in full, "Tang"); each group gets the kind its
   evidence votes for.

Every mention keeps its exact character span in the article's ``text``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections import Counter, defaultdict, namedtuple
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import repeat
from json.encoder import encode_basestring  # a string as JSON, ensure_ascii=False

from .collector import give_back
from .lazy_re import lazy
from .names import demonyms as _demonyms, given_names, listed_name, word_zipf
from .names.evidence import (
    COMPASS,
    acronym_votes,
    is_plain_word,
    context_votes,
    coordination_votes,
    such_as_votes,
    is_capitalised_word,
    is_demonym,
    ROLE_WORDS,
    is_given_name,
    is_roman_numeral,
    is_role_before_name,
    place_weight,
    surface_votes,
)
from .stored import Arrays, MadeWhenUsed, StoredArrays
from .lexicon import (
    SURNAMES,
    COMMON_ACRONYMS,
    DEMONYMS,
    TITLE_PREFIXES,
    FIELD_WORDS,
    ORG_HEADS,
    ORG_STRIP,
    ORG_SUFFIXES,
    ORGS,
    PLACE_STRIP,
    PLACE_SUFFIXES,
    PLACES,
    STOPWORDS,
    TITLES,
    WEEKDAYS_MONTHS,
)

KINDS = ("person", "org", "place", "other")

_FOLD_DROP = lazy(r"[^\w ]|_")
_LOWER_WORD = lazy(r"\b[a-z]+\b")
WORD_RX = lazy(r"[^\W_]+(?:['’][^\W_]+)?")
_POSSESSIVE = lazy(r"['’]s?$")
_NON_ASCII = lazy(r"[^\x00-\x7f]")
# ASCII letters and digits kept, the apostrophe kept, every other byte a space.
_WORD_BYTES = bytes(c if chr(c).isalnum() or c == 39 else 32 for c in range(128)) + b" " * 128
_SENT_END = lazy(r"""[.!?]["'”’)\]]*\s*$""")
_ABBREV = lazy(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|Gen|Sen|Rep|Capt|Col|Lt|Sgt|Rev|No|vs|v|Co|Inc|Ltd|Jr|Sr)|\b[A-Z])\.\s*$")


def word_set(text: str) -> set[str]:
    """``set(WORD_RX.findall(text))``, about twice as fast.

    Where every letter and digit is ASCII (other characters, "£" say, only
    part words), the words are what is left after every other character but
    the apostrophe becomes a space; only the few pieces holding an apostrophe
    go through the pattern ("rock'n'roll" is "rock'n" and "roll").
    """
    if not text.isascii():
        for c in set(_NON_ASCII.findall(text)):
            if c.isalnum() or c == "’":
                return set(WORD_RX.findall(text))
    words = set(text.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii").split())
    if "'" in text:
        odd = [w for w in words if "'" in w]
        words.difference_update(odd)
        for w in odd:
            words.update(WORD_RX.findall(w))
    return words


def fold_once(text: str) -> str:
    """Case, accents and punctuation folded away: "Zürich" → "zurich"."""
    text = text.casefold()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        if not text.isascii():
            text = text.translate(_KEPT_BY_NFKD)
    return " ".join(_FOLD_DROP.sub("", text).split())


# Latin letters that Unicode does not decompose into a letter and an accent
# (so NFKD keeps them): "Wałęsa" is "walesa", "Øresund" "oresund".
_KEPT_BY_NFKD = str.maketrans({
    "ł": "l", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i",
    "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ſ": "s", "ƒ": "f",
})


# Remembered for what is folded again and again (a query's terms, the texts
# of its hits).  A pass over a corpus's names folds each once: there
# :func:`fold_once` is used, since hundreds of thousands of names only
# churned the cache and cost more than they saved.
fold = lru_cache(maxsize=1 << 16)(fold_once)


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """``fold`` without spaces: "Deep Blue", "DeepBlue" and "Deep-Blue" agree."""
    return fold(text.replace("-", " ")).replace(" ", "")


PERSON, ORG, PLACE = 0, 1, 2


# A candidate's flags.
SENTENCE_START = 1  # it opens a sentence
DATELINE = 2  # it is where the story was filed ("ROME", of "ROME 1996-12-06"): a place, whatever else it names


class Candidate(namedtuple("Candidate", "start end text flags votes")):
    """A span that may be a name, ``text[start:end]``; its flags (whether it
    starts a sentence, is a dateline); ``votes`` (a list of three
    ints, added to while scanning) weigh person, org, place.  A tuple: tens
    of thousands cross between processes, and tuples pickle several times
    faster than objects."""

    __slots__ = ()

    @property
    def sentence_start(self) -> bool:
        return bool(self.flags & SENTENCE_START)


# Packed, a candidate is three integers: its start, its end, and its flags
# and votes a byte each (votes are counts of clues, never negative; the
# largest seen on news and OCR is 13, so one past 127 is kept as 127).
# Six integers a candidate were 850 MB of a million articles' candidates.
_STRIDE = 3
_VOTE_MAX = 127


def pack_candidates(cands: Sequence[Candidate]) -> array:
    """Candidates as three integers each (their text is ``text[start:end]``;
    see :func:`unpack_meta`)."""
    out = array("i")
    top = _VOTE_MAX
    for c in cands:
        p, o, l = c.votes
        out.extend((c.start, c.end, c.flags | min(p, top) << 8 | min(o, top) << 16 | min(l, top) << 24))
    return out


def unpack_meta(meta: int) -> tuple[int, list[int]]:
    """A packed candidate's flags and votes."""
    return meta & 0xFF, [meta >> 8 & 0xFF, meta >> 16 & 0xFF, meta >> 24]


class PackedCandidates(Sequence):
    """One article's candidates as :func:`pack_candidates` made them, made
    :class:`Candidate` objects only as they are read.  A big corpus's millions
    of candidates wait for name finding this way: a tenth of the memory, and
    name finding makes objects only of those it keeps."""

    __slots__ = ("text", "packed")

    def __init__(self, text: str, packed: array) -> None:
        self.text, self.packed = text, packed

    def __len__(self) -> int:
        return len(self.packed) // _STRIDE

    def shifts(self) -> Iterable[int]:
        """Where each candidate's words are in :attr:`text`, less its start."""
        return repeat(0)

    def _shift(self, n: int) -> int:
        """The ``n``-th of :meth:`shifts`."""
        return 0

    def __iter__(self):
        text, it = self.text, iter(self.packed)
        for (s, e, m), d in zip(zip(it, it, it), self.shifts()):
            yield Candidate(s, e, text[s + d : e + d], *unpack_meta(m))

    def __getitem__(self, n):
        if isinstance(n, slice):
            return list(self)[n]
        if n < 0:
            n += len(self)
        if not 0 <= n < len(self):
            raise IndexError(n)
        s, e, m = self.packed[_STRIDE * n : _STRIDE * n + _STRIDE]
        d = self._shift(n)
        return Candidate(s, e, self.text[s + d : e + d], *unpack_meta(m))


class PackedSurfaces(PackedCandidates):
    """As :class:`PackedCandidates`, for an article whose text is not held
    (a big corpus being indexed: its texts wait in the index cache): the
    candidates' own words, end to end, stand in for it."""

    __slots__ = ()

    def shifts(self) -> Iterable[int]:
        packed, at = self.packed, 0
        for k in range(0, len(packed), _STRIDE):
            s = packed[k]
            yield at - s
            at += packed[k + 1] - s

    def _shift(self, n: int) -> int:
        packed = self.packed
        return sum(packed[_STRIDE * k + 1] - packed[_STRIDE * k] for k in range(n)) - packed[_STRIDE * n]


def surfaces_of(text: str, packed: array) -> str:
    """The words of packed candidates end to end (see :class:`PackedSurfaces`)."""
    return "".join([text[packed[k] : packed[k + 1]] for k in range(0, len(packed), _STRIDE)])


class Mention(namedtuple("Mention", "article start end text")):
    """One occurrence of an entity: ``texts[article][start:end] == text``
    (``article``: an index into the corpus's article list)."""

    __slots__ = ()


_UNPACKED: tuple[list[str], Sequence[int], Sequence[str]] = ([], (), ())


class Entity:
    """One entity and its mentions.  Read back from the index, the mentions are
    kept packed until someone asks for them (most never are in one session)."""

    __slots__ = ("key", "name", "kind", "variants", "_mentions", "_article_ids", "_packed")

    def __init__(
        self, key: str, name: str, kind: str, variants: list[str], mentions: list[Mention], article_ids: list[str]
    ) -> None:
        self.key, self.name, self.kind, self.variants = key, name, kind, variants
        self._mentions: list[Mention] | None = mentions
        self._article_ids: list[str] | None = article_ids
        # As read back from the index: (forms, flat (article, start, form) triples, article ids).
        self._packed: tuple[list[str], Sequence[int], Sequence[str]] = _UNPACKED

    @classmethod
    def packed(
        cls, key: str, name: str, kind: str, variants: list[str], forms: list[str], flat: Sequence[int],
        ids: Sequence[str],
    ) -> Entity:
        """From ``flat`` (article, start, index into ``forms``) triples; ``ids`` names the articles."""
        e = cls(key, name, kind, variants, None, None)  # type: ignore[arg-type]
        e._packed = (forms, flat, ids)
        return e

    @property
    def mentions(self) -> list[Mention]:
        if self._mentions is None:
            forms, flat, _ = self._packed
            out = []
            for i in range(0, len(flat), 3):
                a, s, f = flat[i], flat[i + 1], forms[flat[i + 2]]
                out.append(Mention(a, s, s + len(f), f))
            self._mentions = out
        return self._mentions

    def mention_at(self, k: int, article: int, start: int, form: int) -> Mention:
        """The ``k``-th mention, known to be at ``start`` of ``article`` with
        form number ``form``: made alone, not with all the others."""
        if self._mentions is not None:
            return self._mentions[k]
        text = self._packed[0][form]
        return Mention(article, start, start + len(text), text)

    @property
    def article_ids(self) -> list[str]:
        if self._article_ids is None:
            _, flat, ids = self._packed
            self._article_ids = list(dict.fromkeys(ids[a] for a in flat[::3]))
        return self._article_ids

    @property
    def count(self) -> int:
        if self._mentions is None:
            return len(self._packed[1]) // 3
        return len(self._mentions)

    def forms_and_flat(self) -> tuple[list[str], Sequence[int]]:
        """The packed form of the mentions (see :meth:`packed`)."""
        if self._mentions is None:
            forms, packed, _ = self._packed
            return forms, packed
        index: dict[str, int] = {}
        flat: list[int] = []
        add = flat.extend
        for a, s, _, t in self._mentions:
            f = index.get(t)
            if f is None:
                f = index[t] = len(index)
            add((a, s, f))
        return list(index), flat

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entity):
            return NotImplemented
        return (self.key, self.name, self.kind, self.variants, self.mentions) == (
            other.key, other.name, other.kind, other.variants, other.mentions)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Entity({self.name!r}, {self.kind}, {self.count} mentions)"

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "variants": self.variants,
            "articles": self.article_ids,
            "count": self.count,
        }


# --------------------------------------------------------------------------
# Pass 1: candidates in one article
# --------------------------------------------------------------------------


_POSSESSIVES = frozenset(("'s", "’s", "'S", "’S"))


def _strip_possessive(tok: str) -> str:
    """"Hong Kong's" → "Hong Kong", "CHINA'S" → "CHINA" (a capital S only after capitals)."""
    if tok[-2:] in _POSSESSIVES and (tok[-1] == "s" or tok[:-2].isupper()):
        return tok[:-2]
    return tok


_Tok = tuple  # a capitalised token: (start, end, text)

def opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` is a sentence's first (so its capital says nothing)."""
    if pos >= 2 and text[pos - 1] == " " and (text[pos - 2].isalnum() or text[pos - 2] in ",;"):
        return False  # the common case: mid-sentence, after a word or a comma
    before = text[max(0, pos - 12) : pos]
    i = pos
    while i > 0 and text[i - 1] in " \"'“‘(":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    head = text[max(0, i - 8) : i]
    if _ABBREV.search(head):
        return False
    return bool(_SENT_END.search(text[max(0, i - 3) : i])) or before.endswith(": ")


_CAP_TOKEN = lazy(
    r"(?<![^\W_])(?:[A-Z\u00C0-\u00D6\u00D8-\u00DE]|[a-z][A-Z])[\w&]*(?:[-'’.][^\W_][\w&]*)*"
    # The stop of an initial ("J."), a dotted acronym ("U.S.") or a short abbreviation ("St.", "Jr.").
    r"(?:(?=\.)(?:(?<=(?<![\w-])[A-Z])|(?<=\bSt)|(?<=\bJr)|(?<=\bSr)|(?<=\bMt)|(?<=\bFt)|(?<=\bCo)|(?<=\bCorp)|(?<=\bInc)"
    r"|(?<=\bLtd)|(?<=\bBros))\.)?"
)
_BASED = lazy(r"-based\s([^\W\d_][\w]*(?:['’]s)?)")
# "AI-related", "US-led": an adjective made from a name, not a name.
_ADJ_SUFFIX = lazy(
    r"-(?:based|related|focused|led|owned|born|backed|funded|run|style|made|listed|controlled|"
    r"bound|linked|driven|wide|era|friendly|specific|oriented|centric|level|type|like|free|only|[a-z]+ed)$"
)
_JOINERS = (" of ", " and ", " & ", " of the ")
# Particles inside people's names, written in lower case.
_PARTICLES = frozenset(
    "van|von|de|der|den|du|da|dos|das|di|del|della|la|le|bin|ibn|al|el|ter|ten|zu|van der|van den|de la|von der".split("|")
)
# Small words that, written in capitals, separate names: "KANSAS CITY AT DETROIT".
_CAPS_BREAK = frozenset("at v vs and or of the in on for to by from with as is was a an".split())


def _caps_break(word: str, head: bool, pair: str, mixed: bool = False) -> bool:
    """Does ``word``, in capitals, end a run (or, as ``head``, start none)?
    A small word does ("AT", "OF"); so does a word that is only English
    ("AGREEMENT"), unless with its neighbour ``pair`` it makes a known place
    ("NEW YORK", "HONG KONG") or organisation ("UNITED NATIONS"), or it
    stands ``mixed`` among words in lower case, as an acronym does ("such
    as MTV and ESPN promised"): a line of capitals has none."""
    if word.lower() in _CAPS_BREAK:
        return not (head and pair and place_weight(pair.lower()) >= 2)  # ("THE HAGUE 1996-08-30" holds)
    return (not mixed and is_capitalised_word(word, head)
            and not (pair and (place_weight(pair.lower()) or pair.lower() in ORGS)))


_WORD_BEFORE = lazy(r"([^\W\d_]+)[^\w\n]{0,3}$")
_WORD_AFTER = lazy(r"[^\w\n]{0,3}([^\W\d_]+)")


def _among_lower_case(text: str, start: int, end: int) -> bool:
    """The words either side of ``text[start:end]`` (on its line) are both in lower case."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    after = _WORD_AFTER.match(text, end, end + 30)
    return before is not None and after is not None and before.group(1).islower() and after.group(1).islower()


def _cap_tokens(text: str) -> list[tuple[int, int, str]]:
    """Capitalised tokens as (start, end, text).  An initial, a dotted
    acronym or a short abbreviation keeps its full stop (the pattern takes
    it); "Kong-based" and "US-led" end at the hyphen, which is kept on the
    token to mark that the name ends there."""
    toks = [(m.start(), m.end(), m.group()) for m in _CAP_TOKEN.finditer(text)]
    if "-" not in text:
        return toks
    out = []
    for t in toks:
        w = t[2]
        if "-" in w:
            a = _ADJ_SUFFIX.search(w)
            if a:
                if a.start():
                    out.append((t[0], t[0] + a.start() + 1, w[: a.start() + 1]))
                continue
        out.append(t)
    return out


SCAN_LIMIT = 1_000_000  # names are looked for in the first million characters of an article


def scan(text: str, title: str | None = None, dateline: str | None = None) -> list[Candidate]:
    """Candidate name spans in one cleaned text, with evidence for their kind.

    ``title``: the article's title, lifted out of its text: when it is a
    sentence (not a headline), the evidence it gives a name ("Aisby is a
    village in ...") goes to the text's first mention of that name (the
    title's own mentions are no part of the text).  A giant article (a 10 MB
    single-line file) is scanned only up to ``SCAN_LIMIT``; its words past
    that are still found by search.
    """
    text = text[:SCAN_LIMIT]
    out: list[Candidate] = []
    # "Shenzhen-based orbbec": a firm named in lower case (the place before
    # "-based" is a capitalised run like any other, voted for in context).
    for m in _BASED.finditer(text) if "-based" in text else ():
        right = _strip_possessive(m.group(1))
        low = right.lower()
        if right.islower() and low not in STOPWORDS and low not in DEMONYMS:
            c = Candidate(m.start(1), m.start(1) + len(right), right, 0, [0, 0, 0])
            c.votes[ORG] += 3
            out.append(c)
    toks = _cap_tokens(text)
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t[2].isupper():
            nxt = toks[i + 1][2] if i + 1 < n and text[t[1] : toks[i + 1][0]] == " " else ""
            if _caps_break(t[2], True, f"{t[2]} {_strip_possessive(nxt)}" if nxt else "",
                           not nxt and _among_lower_case(text, t[0], t[1])):
                i += 1
                continue
        # Grow a run of capitalised words; "of"/"and"/"&" only inside organisation names.
        run = [t]
        j = i + 1
        while j < n:
            prev = run[-1][2]
            if prev[-2:] in _POSSESSIVES or prev[-1] == "-":
                break
            gap = text[run[-1][1] : toks[j][0]]
            w = toks[j][2]
            if w.isupper() and _caps_break(w, False, f"{prev} {_strip_possessive(w)}"):
                break  # "KANSAS CITY AT DETROIT", "NEW CHIEF NAMED"; "HONG KONG" holds
            if gap == " ":
                if w.lower() in WEEKDAYS_MONTHS and prev.lower() not in WEEKDAYS_MONTHS:
                    break
                if w == "I" and _PRONOUN_I.match(text, toks[j][1]):
                    break  # "a bid for Nicolas Anelka I will ...": the pronoun, not "Elizabeth I"
                if prev[-1] == "." and (w.lower() in STOPWORDS or len(prev) > 2 and prev.count(".") > 1 and w[-1] != "."
                                        and not (len(run) - (run[0][2].lower() in STOPWORDS) == 1
                                                 and _body_after(text, toks, j))):
                    # "the U.S. He said"; "U.S. Senate" is fine only as a known name,
                    # "U.N. Security Council" as a body's name after the acronym.
                    break
                run.append(toks[j])
                j += 1
                continue
            if (gap in _NICK_OPEN and len(run) == 1 and j + 1 < n and text[toks[j][1] : toks[j + 1][0]] in _NICK_CLOSE
                    and is_given_name(run[0][2].lower()) and not w.isupper()):
                run.extend(toks[j : j + 2])  # 'Marion "Suge" Knight': a nickname in quotes inside the name
                j += 2
                continue
            if gap[:1] == " " and gap[-1:] == " " and gap[1:-1] in _PARTICLES and w[:1].isupper():
                run.append(toks[j])  # "Joost van der Westhuizen", "Aravinda de Silva"
                j += 1
                continue
            if gap == " and ":
                after = _joined_after_and(text, toks, run, j)
                if after:
                    run.extend(after)
                    j += len(after)
                    continue
            if gap == " for " and any(r[2].lower() in ORG_HEADS for r in run) and not w.endswith("ing") and not any(
                    surface_votes([_strip_possessive(t[2]) for t in _next_run(text, toks, j)])):
                # "Institute for Palestinian Studies", "Bank for International Settlements";
                # not "the Swiss Super League for FC Basel": a name of its own follows; nor
                # "Institute of Economic Development for Accelerating the ...": a clause.
                run.append(toks[j])
                j += 1
                continue
            if gap in _JOINERS:
                words = [r[2].lower() for r in run]
                if gap[:4] == " of " and (any(x in ORG_HEADS for x in words) or _common_head(text, run, w) or (
                        words[-1] in _OF_CLOSERS and " of " not in text[run[0][0] : run[-1][1]])):
                    run.append(toks[j])
                    j += 1
                    continue
                if gap == " & " and (len(run) == 1 or w.lower().rstrip(".") in _FIRM_ENDS) and not prev.isupper():
                    run.append(toks[j])  # "Procter & Gamble", "Bear Stearns & Co": a firm's partners
                    j += 1
                    continue
                if gap != " of " and words[-1] in FIELD_WORDS and w.lower() in FIELD_WORDS | ORG_SUFFIXES | {"rural"}:
                    run.append(toks[j])
                    j += 1
                    continue
            break
        s_, e_, w_ = run[-1]
        if w_[-1] == "-":  # "Hong Kong-based": the name without its suffix
            run[-1] = (s_, e_ - 1, w_[:-1])
        elif w_[-1] == "." and len(run) > 1 and w_[:-1].lower() in _CLOSING_ABBREVIATIONS and _SENTENCE_AFTER.match(text, e_):
            run[-1] = (s_, e_ - 1, w_[:-1])  # "... says McDonald & Co. The bank": the stop is the sentence's
        out.extend(_candidates_from_run(text, run))
        i = j
    context_votes(text, out)
    acronym_votes(text, out)
    such_as_votes(text, out)
    coordination_votes(text, out)
    if title and _SENTENCE_TITLE.search(title):
        _title_votes(title, out)
    if dateline and text.startswith(dateline):
        _dateline_places(text, dateline, out)
    return out


# A title that is a sentence of the text lifted out (a first paragraph of
# prose: "Aisby is a village in the English county of Lincolnshire."), not a
# headline, whose telegraphic lines read as fixtures and tables do
# ("Davenport hits out at Wimbledon").
_SENTENCE_TITLE = lazy(r"\S(?:\s+\S+){7,}[.!?][\"”’)]?$")


def _dateline_places(text: str, dateline: str, cands: list[Candidate]) -> None:
    """The names of the dateline the text opens with ("AL-AIN, United Arab
    Emirates") are places, flagged so: in a results table the same words may
    name a side ("NEW YORK 75 59 .560"), and the article's other mentions
    may be its side, never the dateline.  A name scanning left out there (a
    lone word in capitals) is added."""
    at = {c.start: n for n, c in enumerate(cands)}
    for m in re.finditer(r"[^,]+", dateline):
        part = m.group()
        start = m.start() + len(part) - len(part.lstrip())
        end = m.end() - (len(part) - len(part.rstrip()))
        if end <= start or not text[start].isupper():
            continue
        n = at.get(start)
        if n is None:
            cands.insert(0, Candidate(start, end, text[start:end], SENTENCE_START | DATELINE, [0, 0, _DATELINE_VOTE]))
            at = {c.start: n for n, c in enumerate(cands)}
        else:
            c = cands[n]
            cands[n] = c._replace(flags=c.flags | DATELINE, votes=[0, 0, max(c.votes[PLACE], _DATELINE_VOTE)])


# As strong as a country's name in the gazetteer.
_DATELINE_VOTE = 4


def _title_votes(title: str, cands: list[Candidate]) -> None:
    """Add the context votes the title gives a name to its first mention in ``cands``."""
    first: dict[str, Candidate] = {}
    for c in cands:
        first.setdefault(c.text, c)
    for h in scan(title[:SCAN_LIMIT]):
        mention = first.get(h.text)
        if mention is not None and any(h.votes):
            own = _votes_of(h.text)
            for k in range(3):
                mention.votes[k] += max(0, h.votes[k] - own[k])


# A firm's abbreviated legal form, whose stop also ends a sentence where one follows.
_CLOSING_ABBREVIATIONS = frozenset(("co", "corp", "inc", "ltd", "bros"))
_SENTENCE_AFTER = lazy(r"""["'”’)]*(?:\s*$|\s+["“‘(]*[A-Z])""")
_EDGE_WORDS = frozenset(("of", "and", "&", "for"))
_NICK_OPEN = frozenset((' "', " “", " '", " ‘"))
_NICK_CLOSE = frozenset(('" ', "” ", "' ", "’ "))
# "I" then a verb that only a subject comes before: the pronoun.
_PRONOUN_I = lazy(r" (?:am|was|will|would|shall|should|can|could|may|might|must|have|had|do|did|don't|didn't|"
                  r"think|thought|know|knew|want|wanted|hope|believe|feel|felt|said|say|just|also|never|always|"
                  r"really)\b")


def _body_after(text: str, toks: list[_Tok], j: int) -> bool:
    """The capitalised words from ``toks[j]`` on name a body by its closing
    word ("Security Council", "Treasury Department")."""
    nxt = _next_run(text, toks, j, most=4)
    last = _strip_possessive(nxt[-1][2]).lower().rstrip(".")
    return len(nxt) > 1 and last in ORG_SUFFIXES and last not in PLACE_SUFFIXES and nxt[0][2].lower() not in STOPWORDS


def _next_run(text: str, toks: list[_Tok], j: int, most: int = 5) -> list[_Tok]:
    """The capitalised words from ``toks[j]`` on, one space apart, up to a
    possessive or a hyphen at a word's end (``most`` at most)."""
    out = [toks[j]]
    while len(out) < most and j + 1 < len(toks) and text[toks[j][1] : toks[j + 1][0]] == " ":
        w = toks[j][2]
        if w[-2:] in _POSSESSIVES or w[-1] == "-":
            break
        j += 1
        out.append(toks[j])
    return out


def _joined_after_and(text: str, toks: list[_Tok], run: list[_Tok], j: int) -> list[_Tok]:
    """The words after "and" that make one name with ``run`` (none if they
    do not): a known place or organisation whole ("Bosnia and Herzegovina",
    "Trinidad and Tobago"); or two parts sharing the word that closes the
    organisation's name, the parts plain English words ("Securities and
    Exchange Commission", "Food and Agriculture Organisation") or places
    ("Portland and Ogdensburg Railroad").  Not two organisations: "Ford and
    General Motors", "Barclays Bank and Lloyds Bank" (the first closed by
    its own word), "KeyCorp and Banc One Corp." (a legal form closes one
    firm), "Chelsea and Manchester United" (a side's word)."""
    nxt = _next_run(text, toks, j)
    words = [_strip_possessive(r[2]).lower() for r in run]
    if len(words) > 1 and words[0] in STOPWORDS:
        words = words[1:]  # ("The Securities and ...")
    head = " ".join(words)
    for k in range(len(nxt), 0, -1):
        whole = f"{head} and {' '.join(_strip_possessive(t[2]).lower() for t in nxt[:k])}"
        if place_weight(whole) >= 2 or whole in ORGS:
            return nxt[:k]
    last = _strip_possessive(nxt[-1][2]).lower().rstrip(".")
    if (len(nxt) < 2 or last not in ORG_SUFFIXES or last in PLACE_SUFFIXES or last in _LEGAL_FORMS
            or last in _SIDE_WORDS or len(words) > 1 and words[-1].rstrip(".") in ORG_SUFFIXES
            or any(w.isupper() and len(w) > 1 for w in words)):
        return []
    first = nxt[0][2].lower()
    if all(map(is_plain_word, words)) and is_plain_word(first):
        return nxt
    if place_weight(head) >= 2 and (place_weight(first) >= 2 or first in COMPASS):
        return nxt
    return []


# A public body's closing word that takes "of" after it, as a head word does:
# "Carnegie Institution of Washington", "Boy Scouts of America" (not a firm's:
# "LG Electronics of South Korea" is the firm, then where it is).
_OF_CLOSERS = frozenset("""institution organisation organization scouts guides choir orchestra confederation
    alliance coalition movement front conservatory seminary hospital library theatre theater gallery
    government party police force forces command fleet corps regiment brigade battalion squadron""".split())
# A firm's legal form closes one firm's name, never two: "KeyCorp and Banc One Corp.".
_LEGAL_FORMS = ORG_STRIP | frozenset("gmbh ag sa nv bv spa plc bancorp bancshares bros brothers".split())
# What closes a side's name: "Chelsea and Manchester United" are two sides.
_SIDE_WORDS = frozenset("united rovers fc afc cf sc ac club team".split())
def _common_head(text: str, run: list[_Tok], nxt: str) -> bool:
    """"Battle of Antietam", "Siege of Petersburg", "Treaty of Baden": one
    common English noun, capitalised mid-sentence, then "of" and a name, is
    one name.  A person's role is not ("Fellow of the Royal Society")."""
    if len(run) != 1 or nxt.isupper() or run[0][2].isupper():
        return False  # ("the AI of DeepBlue": an acronym is no common noun)
    low = run[0][2].lower()
    return (word_zipf().get(low, 0) >= 35 and low not in ROLE_WORDS and low not in STOPWORDS
            and not is_given_name(low) and not opens_sentence(text, run[0][0]))
# Stopwords that also open names: "First Union", "New Liberty".
_NAME_ADJECTIVES = frozenset(("first", "new"))
# Stopwords that, capitalised in mid-sentence, open a name: "the Six Nations",
# "the All Blacks", "Radio Five Live" (after "The" a word is capitalised as a name).
_OPENS_NAMES = frozenset("the all one two three four five six seven eight nine ten".split())
# What closes a firm's name after "&": "Bear Stearns & Co", "A.G. Edwards & Sons".
_FIRM_ENDS = ORG_SUFFIXES | frozenset(("sons", "associates", "partners"))


def _candidates_from_run(text: str, run: list[_Tok]) -> list[Candidate]:
    """The names in a run of capitalised words: edges trimmed, then split at a
    title ("President Xi Jinping") or at a word glued before a name
    ("Australian Tom Moody"), else the run whole."""
    if len(run) == 1:  # most runs: the same rules as below, taken directly
        return _single_word_candidates(text, run)
    run, sent, known = _trimmed(text, run)
    if not run:
        return []
    words = [_strip_possessive(r[2]) for r in run]
    lows = [w.lower() for w in words]
    if len(words) > 1 and any(map(_is_title, lows[:-1])):
        return _split_at_title(text, run, lows, sent)
    # ("Will Greenwood": mid-sentence, a stopword that many bear as a given name opens a name.)
    if lows[0] in STOPWORDS and not known and (sent or lows[0] not in _OPENS_NAMES) and (
            sent or given_names().get(lows[0], 0) < 10):
        # The word after "The" is capitalised as a name, not as a sentence's first.
        run, words, lows, sent = run[1:], words[1:], lows[1:], False
    while run and lows[-1].rstrip(".") in _HONORIFICS:  # "And Mrs", "Smith and Mr"
        run, words, lows = run[:-1], words[:-1], lows[:-1]
    if not run:
        return []
    glued = _split_glued_word(text, run, words, lows)
    if glued is not None:
        return glued
    c = _candidate(text, run, sent)
    return [c] if c else []


def _single_word_candidates(text: str, run: list[_Tok]) -> list[Candidate]:
    tok = run[0][2]
    raw_low = tok.lower()
    if raw_low in WEEKDAYS_MONTHS or raw_low in _EDGE_WORDS or raw_low.rstrip(".") in _HONORIFICS:
        return []  # ("Messrs. Smith and Jones": the title alone names nobody)
    sent = opens_sentence(text, run[0][0])
    low = _strip_possessive(tok).lower()
    known = low in PLACES or low in ORGS
    if sent and not known and (raw_low in STOPWORDS or low in STOPWORDS):
        return []
    if low in DEMONYMS:
        return []
    return [_candidate(text, run, sent)]


def _trimmed(text: str, run: list[_Tok]) -> tuple[list[_Tok], bool, bool]:
    """``run`` without weekday and month words and stopwords at its edges;
    whether it now opens a sentence; whether the whole run was a known name."""
    sent = opens_sentence(text, run[0][0])
    whole = " ".join(_strip_possessive(r[2]) for r in run).lower()
    known = whole in PLACES or whole in ORGS
    if not known and len(run) > 1 and run[0][2].lower() in STOPWORDS:
        # "New York City", "New Zealand League of Rights": the stopword opens a known place
        known = place_weight(f"{run[0][2]} {_strip_possessive(run[1][2])}".lower()) >= 2 or (
            run[0][2].lower() in _NAME_ADJECTIVES and run[-1][2].lower().rstrip(".") in ORG_STRIP
        )  # "First Albany Corp.": a firm's legal form vouches for its first word
    while run and not known and (run[0][2].lower() in WEEKDAYS_MONTHS or (
            run[0][2].lower() in STOPWORDS and sent and not (len(run) > 1 and run[0][2].lower().rstrip(".") in _HONORIFICS))):
        # ("Mr Kennedy said" opening a sentence keeps its "Mr": the title says who he is.)
        # After "The" a word is capitalised as a name; after "Monday" it may still open the sentence.
        sent = run[0][2].lower() in WEEKDAYS_MONTHS and sent
        run = run[1:]
        sent = False if not run else opens_sentence(text, run[0][0]) or sent
    while run and (run[-1][2].lower() in WEEKDAYS_MONTHS or run[-1][2].lower() in ("of", "and", "&", "for")):
        run = run[:-1]
    while len(run) > 1 and _is_title(run[-1][2].lower()) and place_weight(
            " ".join(_strip_possessive(r[2]) for r in run[-3:-1]).lower()) >= 2:
        run = run[:-1]  # "Former South Carolina Gov.": a place's title, for a name not in the run
    return run, sent, known


# Words joined to a title by a hyphen in a rank or a former role: "Major-General",
# "Lieutenant-Colonel", "Rear-Admiral", "Ex-Yankee".
_RANK_PARTS = frozenset("major lieutenant rear brigadier lance staff sub under".split())


def _is_title(low: str) -> bool:
    """A title or rank before a name (lower case): "president", "dr.",
    "major-general", "vice-chairman"; or a former something, "ex-yankee"."""
    low = low.rstrip(".")
    if low in TITLES:
        return True
    if "-" not in low:
        return False
    parts = low.split("-")
    if parts[0] == "ex" and len(parts) == 2 and parts[1]:
        return True
    return parts[-1] in TITLES and all(p in TITLES or p in TITLE_PREFIXES or p in _RANK_PARTS for p in parts[:-1])


def _split_at_title(text: str, run: list[_Tok], lows: list[str], sent: bool) -> list[Candidate]:
    """A run holding a title before its last word: "President Xi Jinping",
    "Shanghai Party Secretary Li Qiang", "Minister of ... Wang Zhigang"."""
    k = max(i for i, w in enumerate(lows[:-1]) if _is_title(w))
    first_title = k
    while first_title > 0 and (lows[first_title - 1] in TITLES or lows[first_title - 1] in TITLE_PREFIXES):
        first_title -= 1
    if (lows[-1] in ORG_SUFFIXES or lows[-1] in PLACE_SUFFIXES) and lows[k].rstrip(".") not in _HONORIFICS:
        # "Quzhou Municipal Party Committee" is an organisation, not a person ("Mr Hill" is)
        c = _candidate(text, run, sent)
        return [c] if c else []
    left, rest = run[:first_title], run[k + 1 :]
    if text[run[k][1] : rest[0][0]] in _JOINERS:
        # "Minister of Science and Technology Wang Zhigang": the name is at the end
        rest = rest[-2:] if len(rest) >= 3 else []
    out = _candidates_from_run(text, left) if left else []
    if all(_is_title(w) or w in TITLE_PREFIXES for w in lows[k + 1 :]):
        return out  # "the Deputy Prime Minister": titles name nobody
    if rest and not rest[0][2].lower() in STOPWORDS:
        c = _candidate(text, rest, False)
        # "NFL Champion Baltimore Colts" names a side; "Mr Kennedy" is a person, whoever shares his name;
        # "Chief Treasury Secretary ...": a name followed by a title is the title's, no person.
        after = text[rest[-1][1] : rest[-1][1] + 30].split(None, 1)
        if (not (c.votes[ORG] or c.votes[PLACE]) or lows[k].rstrip(".") in _HONORIFICS) and not (
                after and after[0].lower().rstrip(".,") in TITLES):
            c.votes[PERSON] += 4
        out.append(c)
    return out


def _split_glued_word(text: str, run: list[_Tok], words: list[str], lows: list[str]) -> list[Candidate] | None:
    """A word that names no one glued before a full name, as the candidates it
    leaves; None when there is none."""
    # "Exchequer Gordon Brown", "Republican Bob Dole": a role.
    if 3 <= len(run) <= 4 and is_role_before_name(lows):
        out = _candidates_from_run(text, run[:1])
        c = _candidate(text, run[1:], False)
        return out + [c] if c else out
    # "Australian Tom Moody", "Minnesotan Scott LeDoux": a nationality before a name.
    if len(run) > 1 and is_demonym(lows[0]):
        probe = surface_votes(words[1:])
        if probe[PERSON] > 0 and not probe[ORG] and not probe[PLACE]:
            c = _candidate(text, run[1:], False)
            return [c] if c else []
    # "German AI": a nationality before a common acronym is no name.
    if lows[0] in DEMONYMS and all(w in COMMON_ACRONYMS for w in lows[1:]):
        return []
    return None


_HONORIFICS = frozenset("mr mrs ms dr miss messrs mme mlle".split())


def _candidate(text: str, run: list[_Tok], sent: bool) -> Candidate:
    start = run[0][0]
    last = run[-1]
    end = last[0] + len(_strip_possessive(last[2]))
    surface = text[start:end]
    votes = _VOTES.get(surface)
    if votes is None:
        # (the surface's words with its "of" and "&", "Marsh & McLennan" being
        # a firm; not a particle of a person's name, "Aravinda de Silva")
        words = [w for w in surface.split() if not (w in _PARTICLES and w.islower())]
        c = Candidate(start, end, surface, sent, surface_votes(words))
        if len(_VOTES) > 1 << 16:
            _VOTES.clear()
        _VOTES[surface] = tuple(c.votes)
        return c
    return Candidate(start, end, surface, sent, list(votes))


# A run's words are the capitalised words of its surface, so its votes are too.
_VOTES: dict[str, tuple[int, int, int]] = {}


# --------------------------------------------------------------------------
# Pass 2: the corpus decides
# --------------------------------------------------------------------------


_KEY_STRIP = ORG_STRIP | PLACE_STRIP


def group_key(surface: str, folded: str | None = None) -> str:
    """The key that groups a name's forms.  ``folded``: ``fold(surface.replace("-", " "))``, if known."""
    if surface.isupper() and len(surface) <= 6:
        return "=" + surface  # acronyms keep their case: "US" is not "Us"
    if folded is None:
        folded = fold_once(surface.replace("-", " "))
    words = folded.split()
    if len(words) < 2 or words[-1] not in _KEY_STRIP:  # (folding dropped a closing stop: "Ltd.")
        return folded  # (folded text is single-spaced already)
    while len(words) > 1 and words[-1] in _KEY_STRIP:
        words.pop()
    return " ".join(words)


_APOSTROPHE = lazy(r"['’]")


_INITIALS = lazy(r"^(?:[^\W\d_](?:\.\s*|\s+|$))+$")  # "J", "J.", "N. M.", "I.i"


# Words this common in English are names only with evidence: "Bush said" yes, "Into" no.
_VERY_COMMON = 50
# A word among general English's 40,000 most frequent (Zipf 2.75 and up).
_LISTED_WORD = 28


def _votes_of(surface: str) -> list[int]:
    return surface_votes(surface.split())


_VOWELS = "aeiouyàáâãäåèéêëìíîïòóôõöùúûüý"
_VOWEL = lazy(f"[{_VOWELS}]", re.IGNORECASE)
_LETTER_DIGIT_LETTER = lazy(r"[^\W\d_]\d+[^\W\d_]")


def _ocr_garbage(word: str) -> bool:
    """A scanner's misreading, not a word: "bHbbbmbbbbh", "Mnff7ol1", "jH"."""
    if len(word) >= 4 and not _VOWEL.search(word):
        letters = sum(c.isalpha() for c in word)
        if letters >= 4 and not (word.isupper() and letters <= 5):
            return True  # no vowel: "MKttVJ"; "NBC" and "BBC" are acronyms
    if len(word) <= 3 and word[:1].islower() and not word.islower():
        return True  # "jH", "aU"
    return not word.isalpha() and bool(_LETTER_DIGIT_LETTER.search(word))  # "Mnff7ol1"; "F-16" is a name


# A name that may hold a misreading (a word of four or more with no vowel,
# a word in lower case, a digit), found with one search; only these are
# looked at word by word (most names are none of them).
_MAYBE_GARBAGE = lazy(rf"(?<!\S)[^\s{_VOWELS}{_VOWELS.upper()}]{{4,}}(?!\S)|(?<!\S)[a-z]|\d")


def _is_noise(surface: str) -> bool:
    """Never a name on its own: a stopword, a month, a title, an initial or
    two, a roman numeral, OCR's misreadings and two-letter scraps ("Ii", "Hi")."""
    if len(surface) < 2:
        return True
    if len(surface) <= 5 and _INITIALS.match(surface):
        letters = sum(c.isalpha() for c in surface)
        if letters == 1 or letters == 2 and (" " in surface or not surface.isupper()):
            return True  # "J", "J.", "N. M.", "I.i"; "US", "U.S." and "UK" are names
    if surface.isupper():
        if is_roman_numeral(surface):
            return True  # "II", "XIV" (a numeral after a name stays with the name: "Charles VI")
        if len(surface) <= 6:  # "US" is a place, "Us" a pronoun
            return surface.lower() in COMMON_ACRONYMS
    if _MAYBE_GARBAGE.search(surface) and any(map(_ocr_garbage, surface.split())):
        return True
    low = surface.lower()
    if low in _NOISE_WORDS or low in _demonyms():
        return True
    if len(low) == 2 and low not in SURNAMES and place_weight(low) == 0:
        return True  # "Ho", "Mi": OCR scraps; "Li", "Xu" are surnames
    if low[-1] == "s" and (low[:-1] in _demonyms() or low[:-1] in DEMONYMS):
        return True  # "Germans", "Americans": peoples, not names
    if "'" in low or "’" in low:
        head = _APOSTROPHE.split(low, maxsplit=1)[0]
        if head != low and (head in STOPWORDS or head in ("i", "we", "you", "they", "don", "can", "won", "let")):
            return True  # "I'm", "We're", "Don't"
    if low.split(None, 1)[0].rstrip(".") in TITLES and all(w.rstrip(".") in TITLES for w in low.split()):
        return True  # "Chancellor", "Mr", "Vice President": a title with no name
    return not surface[:1].isalpha() and not any(c.isalpha() for c in surface)


_NOISE_WORDS = STOPWORDS | WEEKDAYS_MONTHS | COMMON_ACRONYMS | DEMONYMS


class EntityIndex:
    """Every entity of a corpus with its mentions, grouped and typed."""

    def __init__(self, entities: Sequence[Entity], ordered: bool = False,
                 by_article: StoredArrays | None = None) -> None:
        """``ordered``: the entities come most mentioned first already.
        ``by_article``: as stored with packed entities, each article's
        mentions (their numbers in the entities' mention triples end to end;
        see :func:`tui.core.cache.mentions_by_article`)."""
        self.entities = entities if ordered else sorted(entities, key=lambda e: (-e.count, e.name.lower()))
        self._table: tuple | None = None
        # (with the stored mention triples they number)
        flats = entities.flats if isinstance(entities, PackedEntities) else None
        self._by_article = (by_article, flats) if by_article is not None and isinstance(flats, StoredArrays) else None

    def _mention_table(self) -> tuple:
        """Every mention as (article, start, form) triples end to end, entity
        after entity, with where each entity's end; and the article column as
        bytes, to find an article's mentions with ``bytes.find`` rather than
        making an object of each of a big corpus's millions of mentions."""
        if self._table is None:
            flats = self.entities.flats if isinstance(self.entities, PackedEntities) else None
            if isinstance(flats, StoredArrays):
                ends, body = flats.ends, flats.body  # as read from the index
            else:
                ends, body = array("Q"), array("I")
                for e in self.entities:
                    body.extend(e.forms_and_flat()[1])
                    ends.append(len(body))
            self._table = (ends, body, array("I", body[0::3]).tobytes())
        return self._table

    def __len__(self) -> int:
        return len(self.entities)

    def heads(self) -> Iterator[tuple[str, str, list[str]]]:
        """Each entity's key, name and variants, in order (packed ones not made)."""
        ents = self.entities
        if isinstance(ents, PackedEntities):
            return ents.heads()
        return ((e.key, e.name, e.variants) for e in ents)

    def held_sections(self) -> tuple[Sequence[int], bytes | bytearray, Sequence[int], Sequence[int]] | None:
        """The entities as the store writes them, if name finding left them so
        (see :meth:`PackedEntities.sections`)."""
        ents = self.entities
        return ents.sections() if isinstance(ents, PackedEntities) else None

    def in_article(self, idx: int) -> list[tuple[Mention, Entity]]:
        """Article ``idx``'s mentions in text order, each with its entity."""
        if self._by_article is not None:
            flats = self._by_article[1]
            ends, body = flats.ends, flats.body
        else:
            ends, body, _ = self._mention_table()
        out = []
        for t, n in self._triples_in(idx):
            e = self.entities[n]
            out.append((e.mention_at((t - (ends[n - 1] if n else 0)) // 3, idx, body[t + 1], body[t + 2]), e))
        out.sort(key=lambda x: x[0].start)
        return out

    def numbers_in(self, idx: int) -> set[int]:
        """The numbers of the entities article ``idx`` mentions (none made)."""
        return {n for _, n in self._triples_in(idx)}

    def _triples_in(self, idx: int):
        """(where in the mention table, entity number) of article ``idx``'s mentions."""
        if self._by_article is not None:
            by_article, flats = self._by_article
            if 0 <= idx < len(by_article):
                ends = flats.ends
                for m in by_article[idx]:
                    yield 3 * m, bisect_right(ends, 3 * m)
            return
        ends, _, arts = self._mention_table()
        needle = array("I", [idx]).tobytes()
        width = len(needle)
        p = arts.find(needle)
        while p >= 0:
            if p % width:  # straddles two numbers
                p = arts.find(needle, p + 1)
                continue
            t = p // width * 3
            yield t, bisect_right(ends, t)
            p = arts.find(needle, p + width)


class PackedEntities(MadeWhenUsed):
    """Entities as stored, each made an :class:`Entity` when first used: a
    one-shot search touches a few of a corpus's tens of thousands."""

    def __init__(self, rows: Sequence[str | bytes], flats: Sequence[Sequence[int]], ids: Sequence[str],
                 held: bool = False) -> None:
        """``held``: ``rows`` and ``flats`` are :class:`Arrays` in memory, as
        the store writes them (name finding made them so)."""
        super().__init__(len(rows))
        self.rows = rows  # JSON: [key, name, kind, variants, forms]
        self.flats = flats  # (article, start, form) triples of each
        self.ids = ids
        self.held = held

    def heads(self) -> Iterator[tuple[str, str, list[str]]]:
        """Each entity's key, name and variants, in order, making none."""
        made, rows = self.made, self.rows
        for n in range(len(made)):
            e = made[n]
            if e is not None:
                yield e.key, e.name, e.variants
            else:
                key, name, _kind, variants, _forms = json.loads(rows[n])
                yield key, name, variants

    def sections(self) -> tuple[Sequence[int], bytes | bytearray, Sequence[int], Sequence[int]] | None:
        """As name finding packed them, held in memory: the rows end to end
        with where each ends, and the mention triples likewise (what the
        store writes); else None (read back from the index)."""
        rows, flats = self.rows, self.flats
        if not self.held:
            return None
        assert isinstance(rows, Arrays) and isinstance(flats, Arrays)
        return rows.ends, rows.body, flats.ends, flats.body

    def make(self, n: int) -> Entity:
        key, name, kind, variants, forms = json.loads(self.rows[n])
        return Entity.packed(key, name, kind, variants, forms, self.flats[n], self.ids)

    def names(self, n: int) -> tuple[str, list[str]]:
        """The ``n``-th entity's name and variants, without making it (or
        reading its mentions: the most mentioned names have hundreds of
        thousands)."""
        _key, name, _kind, variants, _forms = json.loads(self.rows[n])
        return name, variants


def _by_word(words: list[str], lengths: array, flat: array):
    """(word, its postings) of postings sent flat: each word's are the next
    ``lengths[i]`` integers of ``flat``."""
    pos = 0
    for w, n in zip(words, lengths):
        yield w, flat[pos : pos + n]
        pos += n


class NameStats:
    """What the corpus pass needs from every article, gathered one article at a
    time (so worker processes can gather it for their files and the parts merge):

    * ``mid_caps``: how often each word is capitalised away from a sentence start;
    * ``lower``: the words ever written in lower case;
    * ``postings``: lower-cased word → indices of the articles that use it.
    """

    __slots__ = ("mid_caps", "lower", "_postings", "_flat")

    def __init__(self) -> None:
        self.mid_caps: Counter[str] = Counter()
        self.lower: set[str] = set()
        self._postings: dict[str, array] | None = {}
        self._flat: tuple[list[str], array, array] | None = None  # postings as they arrived from a worker

    @property
    def postings(self) -> dict[str, array]:
        if self._postings is None:
            assert self._flat is not None  # (one or the other is always there)
            self._postings, self._flat = dict(_by_word(*self._flat)), None
        return self._postings

    def add(self, index: int, text: str, cands: Sequence[Candidate] | None) -> None:
        if cands:
            # A word in capitals says nothing of how the word is written.
            mid = [w for c in cands if not c.sentence_start for w in c.text.split() if not w.isupper()]
            if mid:
                self.mid_caps.update(map(_strip_possessive, mid))
        tokens = word_set(text)
        self.lower.update([t for t in tokens if t.islower()])
        postings = self.postings
        for w in {t.lower() for t in tokens}:
            arr = postings.get(w)
            if arr is None:
                postings[w] = arr = array("I")
            arr.append(index)

    # Between processes the postings travel as a word list and two flat
    # integer arrays, not an array object per word: pickling and unpickling
    # tens of thousands of small arrays was a third of sending a chunk's results.
    def __getstate__(self):
        postings = self.postings
        flat = array("I")
        for arr in postings.values():
            flat.extend(arr)
        return self.mid_caps, self.lower, list(postings), array("I", map(len, postings.values())), flat

    def __setstate__(self, state) -> None:
        self.mid_caps, self.lower, *flat = state
        self._postings, self._flat = None, tuple(flat)  # a dict only if asked for: merging reads them flat

    def merge(self, other: NameStats, index_map: Sequence[int]) -> None:
        """Add ``other``, whose article ``k`` is article ``index_map[k]`` here."""
        self.mid_caps.update(other.mid_caps)
        self.lower |= other.lower
        postings = self.postings
        if other._flat is not None:
            # All of a worker's postings mapped in one pass, then handed out by
            # slices (per word, this was a list made and turned into an array).
            words, lengths, flat = other._flat
            get = postings.get
            for w, arr in _by_word(words, lengths, array("I", map(index_map.__getitem__, flat))):
                mine = get(w)
                if mine is None:
                    postings[w] = arr
                else:
                    mine.extend(arr)
            return
        for w, arr in other.postings.items():
            mine = postings.get(w)
            if mine is None:
                postings[w] = array("I", [index_map[k] for k in arr])
            else:
                mine.extend([index_map[k] for k in arr])

    def sort(self) -> None:
        """Put every posting list in article order (after out-of-order merges)."""
        for w, arr in self.postings.items():
            if any(arr[i] > arr[i + 1] for i in range(len(arr) - 1)):
                self.postings[w] = array("I", sorted(arr))

    @classmethod
    def of(cls, texts: Sequence[str], scanned: Sequence[Sequence[Candidate] | None] | None = None) -> NameStats:
        stats = cls()
        for i, text in enumerate(texts):
            stats.add(i, text, scanned[i] if scanned is not None else None)
        return stats


def word_postings(texts: Sequence[str]) -> dict[str, array]:
    """Lower-cased word → indices of the articles that use it (as NameStats counts them)."""
    return NameStats.of(texts).postings


def extract(
    texts: Sequence[str],
    ids: Sequence[str],
    scanned: Sequence[list[Candidate]] | None = None,
    postings: Mapping[str, Sequence[int]] | None = None,
    stats: NameStats | None = None,
    stop: Callable[[], bool] | None = None,
    consume: bool = False,
) -> EntityIndex:
    """Find and group the entities of a corpus (``texts[i]`` is article ``ids[i]``).

    ``stats`` (see :class:`NameStats`) may come gathered already, by the
    processes that cleaned and scanned the articles.  ``stop`` is asked every
    few thousand articles and entities (this takes tens of seconds for
    100,000 articles); when it says so, :class:`~tui.core.errors.Cancelled` is raised.
    With ``consume``, each article's candidates are let go once read
    (``scanned[i]`` becomes None: the list is spent): at a million articles
    they are more than a gigabyte that the later phases need no more.

    The phases, each a function of its own: keep the candidates the corpus
    bears out (:func:`_keep`), add names written in lower case
    (:func:`_add_lower_case_names`, :func:`_add_recased_names`), group forms
    by key (:func:`_group`), decide each group's kind from its votes, fold
    short forms into full names (:func:`_fold_short_forms`), and pack the
    entities (:func:`_entities`).
    """

    def check(n: int) -> None:
        if stop is not None and n % 4096 == 0 and stop():
            from .errors import Cancelled

            raise Cancelled

    if scanned is None:
        scanned = [scan(t) for t in texts]
    if stats is None:
        stats = NameStats.of(texts, scanned)
    if postings is None:
        postings = stats.postings
    kept = _keep(scanned, texts, stats, check, consume)
    if consume:
        give_back()  # (the candidates read and let go)
    _add_lower_case_names(kept, texts, postings)
    _add_recased_names(kept, texts, postings, stats)
    groups = _group(kept)
    kinds = {k: kept.kind_of(v) for k, v in groups.items()}
    _split_senses(kept, groups, kinds)
    _datelines_are_places(kept, groups, kinds)
    final, rekind = _fold_short_forms(kept, groups, kinds)
    del groups
    return EntityIndex(_entities(kept, final, kinds, rekind, ids, check), ordered=True)


class _Kept:
    """The kept candidates as columns (a big corpus keeps millions):
    article, start, surface, person/org/place votes; ``order`` lists those
    still in play, in the order found.  A surface is one string shared by all
    its mentions; a mention ends where its surface does.  ``datelines``:
    the mentions that are an article's dateline."""

    __slots__ = ("article", "start", "surface", "person_votes", "org_votes", "place_votes", "order", "datelines")

    def __init__(self) -> None:
        self.article, self.start = array("i"), array("i")
        # (Votes are a few points each: two bytes hold them, where a million
        # articles keep some thirty million mentions.)
        self.person_votes, self.org_votes, self.place_votes = array("h"), array("h"), array("h")
        self.surface: list[str] = []
        self.order = array("I")
        self.datelines = array("I")

    def add(self, article: int, start: int, surface: str, votes: Sequence[int]) -> None:
        self.order.append(len(self.article))
        self.article.append(article)
        self.start.append(start)
        self.surface.append(surface)
        self.person_votes.append(votes[0])
        self.org_votes.append(votes[1])
        self.place_votes.append(votes[2])

    def kind_of(self, members: Sequence[int]) -> str:
        if len(members) == 1:
            i = members[0]
            return _kind_of_votes(self.person_votes[i], self.org_votes[i], self.place_votes[i])
        # Squared: one strong piece of evidence ("Gazprom, the company")
        # outweighs several weak ones ("trade in Gazprom").
        per, org, pla = self.person_votes, self.org_votes, self.place_votes
        p, o, l = (sum(per[i] * per[i] for i in members), sum(org[i] * org[i] for i in members),
                   sum(pla[i] * pla[i] for i in members))
        kind = _kind_of_votes(p, o, l)
        # The gazetteers vouch for most mentions of a person or a place; a
        # name they do not know, that the text calls one at fewer than one
        # mention in ten, is mostly something else: "in Firefox", "Olympic
        # relay star Alvin Harrison" against a hundred bare "Olympic"s.  (An
        # organisation is often named bare: "BBC One", "Viacom".)
        if kind == "person" and p * 10 < len(members) or kind == "place" and l * 10 < len(members):
            return "other"
        if kind == "place" and (o or p):
            told = self._told_otherwise(members)
            if told is not None:
                return told
        if kind == "person" and max(map(per.__getitem__, members)) <= 1:
            # Only the list of given names says person, mention after mention,
            # while the text calls it something else at one in ten: "an Oscar
            # nomination", "the Oscars".
            other = sum(1 for i in members if org[i] or pla[i])
            if other * 10 >= len(members):
                return "other"  # (which other kind is no surer: "Ferrari", "Dickens")
        return kind

    def _told_otherwise(self, members: Sequence[int]) -> str | None:
        """A town's name that only the gazetteer calls a place, while the text
        calls it a body at one mention in ten or more: "org" ("electronics
        firm Hitachi", a city of 180,000; "agrochemical giant Monsanto").  Not a
        country's or a big city's name: the gazetteer's vote for it is 3 or
        more."""
        per, org, pla, surface = self.person_votes, self.org_votes, self.place_votes, self.surface
        priors: dict[str, list[int]] = {}
        told = o = p = 0
        for i in members:
            prior = priors.get(surface[i])
            if prior is None:
                prior = priors[surface[i]] = _votes_of(surface[i])
                if prior[PLACE] > 2:
                    return None
            if pla[i] > prior[PLACE]:
                return None  # the text says place too ("in Hitachi")
            do, dp = org[i] - prior[ORG], per[i] - prior[PERSON]
            if do > 0 or dp > 0:
                told += 1
                o += max(do, 0) ** 2
                p += max(dp, 0) ** 2
        # (Said or "who" after a town's name is as often its side's, so only a body is taken.)
        return "org" if told * 10 >= len(members) and o > p else None


def _decide(surface: str, sent: bool, voted: bool, stats: NameStats, zipf) -> tuple[int, tuple | None] | None:
    """Drop a candidate (None), keep it (0, None) or keep it without its
    first word (offset, its votes).  A function of the surface, whether it
    starts a sentence and whether it has votes, given the corpus: decided
    once per distinct surface."""
    mid_caps, lower_vocab = stats.mid_caps, stats.lower
    words = surface.split()
    cut = 0
    votes = None
    if sent and len(words) == 1 and mid_caps[_strip_possessive(surface)] == 0 and _opener(surface.lower()):
        return None  # "Unfortunately, the club ...", "Redesignated 65 Fighter Wing": however it is voted
    if sent and not voted:
        first = _strip_possessive(words[0])
        if len(words) == 1 and (mid_caps[first] == 0 or first.lower() in lower_vocab):
            return None
        if len(words) > 1 and mid_caps[first] == 0 and first.lower() in lower_vocab:
            # "International Innovation Center ...": only the first word is doubtful.
            cut = surface.index(" ") + 1
            surface = surface[cut:]
            votes = tuple(_votes_of(surface))
            voted = any(votes)
            words = words[1:]
    if _is_noise(surface):
        return None
    if len(words) == 1 and surface.lower() in lower_vocab:
        if not voted and mid_caps[surface] <= 1:
            return None  # a common word capitalised by chance
        if surface.isupper() and len(surface) > 3 and max(votes or _votes_of(surface)) <= 1:
            return None  # "SLEW", "HUB": a word the corpus writes in lower case, in a line of capitals
        if zipf.get(surface.lower(), 0) >= _VERY_COMMON and (not voted or not any(votes or _votes_of(surface))):
            return None  # "City", "Into", "Interest" from a page of capitals
    return cut, votes


def _opener(low: str) -> bool:
    """An English adverb or participle ("unfortunately", "redesignated") that
    no gazetteer has as a name: how a sentence opens, not a name."""
    return (len(low) > 4 and low.endswith(("ly", "ed")) and word_zipf().get(low, 0) > 0
            and not listed_name(low))


def _keep(scanned, texts: Sequence[str], stats: NameStats, check: Callable[[int], None], consume: bool = False) -> _Kept:
    """The candidates the corpus bears out, as :func:`_decide` rules
    (``consume``: see :func:`extract`)."""
    kept = _Kept()
    add_a, add_s, add_t = kept.article.append, kept.start.append, kept.surface.append
    add_p, add_o, add_l = kept.person_votes.append, kept.org_votes.append, kept.place_votes.append
    zipf = word_zipf()
    # A decision: () to drop, or (cut, votes or None, the surface kept); one
    # table per (sentence start, voted), keyed by the surface alone (a tuple
    # key per candidate cost a tuple and its hash for each of millions).
    decisions: list[dict[str, tuple]] = [{}, {}, {}, {}]

    def decided(surface: str, sent: bool, voted: bool) -> tuple:
        made = _decide(surface, sent, voted, stats, zipf)
        d = () if made is None else (made[0], made[1], surface[made[0] :] if made[0] else surface)
        decisions[sent * 2 + voted][surface] = d
        return d

    for ai, cands in enumerate(scanned):
        check(ai)
        if consume:
            scanned[ai] = None
        kind = type(cands)
        if kind is not PackedCandidates and kind is not PackedSurfaces:  # (read back from the cache, or scanned here)
            cands = PackedCandidates(texts[ai], pack_candidates(cands))
        # Read straight from the integers: no object per candidate.  (A
        # candidate's words are at its offsets in the text, or shifted by
        # ``d`` among the other candidates' words when the text is not held.)
        text, it = cands.text, iter(cands.packed)
        for (s, e, m), d in zip(zip(it, it, it), cands.shifts()):
            surface = text[s + d : e + d]
            voted = m > 0xFF  # (any vote: the bytes above the flags)
            d = decisions[(m & SENTENCE_START) * 2 + voted].get(surface)
            if d is None:
                d = decided(surface, (m & SENTENCE_START) == 1, voted)
            if d:
                cut, votes, kept_text = d
                if m & DATELINE:
                    kept.datelines.append(len(kept.article))
                add_a(ai)
                add_t(kept_text)
                if cut:
                    add_s(s + cut)
                    p, o, l = votes
                else:
                    add_s(s)
                    p, o, l = m >> 8 & 0xFF, m >> 16 & 0xFF, m >> 24
                add_p(p)
                add_o(o)
                add_l(l)
    # What is only needed for a step is let go after it: at 100,000 articles
    # these tables are hundreds of megabytes, and all of them alive at once
    # were the run's peak memory.
    for table in decisions:
        table.clear()
    kept.order = array("I", range(len(kept.article)))
    return kept


def _add_lower_case_names(kept: _Kept, texts: Sequence[str], postings: Mapping[str, Sequence[int]]) -> None:
    """Lower-case names from OCR: a word that recurs, never capitalised, used
    as a name ("Shenzhen-based orbbec", "orbbec’s products").  The lower-case
    candidates that are not such words are dropped."""
    surface_of = kept.surface
    lower_cands = {t for t in set(surface_of) if t.islower()}
    lower_named = lower_names(lower_cands, texts, postings)
    drop = lower_cands - lower_named
    if drop:
        # (An array filled from a generator: a list of every mention first
        # would be gigabytes at a million articles.)
        kept.order = array("I", (i for i in kept.order if surface_of[i] not in drop))
    if not lower_named:
        return
    rx = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(lower_named, key=len, reverse=True)) + r")\b")
    # The articles that use these words (alone or with an apostrophe suffix: "orbbec’s").
    forms = {w + sfx for w in lower_named for sfx in ("", "'s", "’s", "'", "’")}
    using = sorted({a for f in forms for a in postings.get(f, ())})
    in_use = set(using)
    taken = {(kept.article[i], kept.start[i]) for i in kept.order if kept.article[i] in in_use}
    for ai in using:
        for m in rx.finditer(texts[ai]):
            if (ai, m.start()) not in taken:
                kept.add(ai, m.start(), m.group(0), (0, 1, 0))
                taken.add((ai, m.start()))


# A name written in lower case in more articles than this is looked for no
# further (each is a pattern search of every article that holds it).
_RECASED_ARTICLES = 20


def _add_recased_names(kept: _Kept, texts: Sequence[str], postings: Mapping[str, Sequence[int]], stats: NameStats) -> None:
    """A name the corpus capitalises, written in lower case before an
    organisation's or a place's word (OCR, a careless copy): "tsinghua
    university" beside "Tsinghua".  Only names that are no English word;
    only the articles that hold them in lower case."""
    surface_of, zipf, mid_caps, lower_vocab = kept.surface, word_zipf(), stats.mid_caps, stats.lower
    surfaces = set(surface_of)
    # (A word inside a name is capitalised as a name; a first word maybe only as a sentence's.)
    inner = {w for t in surfaces if " " in t for w in t.split()[1:]}
    recased = {
        low
        for w, low in ((w, w.lower()) for w in inner.union(surfaces))
        if low in lower_vocab and len(w) > 3 and w[:1].isupper() and not w.isupper() and w.isalpha()
        and (w in inner or mid_caps[w] >= 1) and zipf.get(low, 0) < _LISTED_WORD
        and len(postings.get(low, ())) <= _RECASED_ARTICLES
    }
    del inner, surfaces
    if not recased:
        return
    # Where names already are, in the articles that matter only (a set of
    # every mention of a big corpus would be millions of tuples).
    using = {a for w in recased for a in postings.get(w, ())}
    taken = {(kept.article[i], kept.start[i]) for i in kept.order if kept.article[i] in using}
    name_words = ORG_SUFFIXES | PLACE_SUFFIXES
    for word in sorted(recased):
        search = re.compile(re.escape(word) + r" ([a-z]+)\b").search
        for ai in postings.get(word, ()):
            t = texts[ai]
            m = search(t)
            while m is not None:
                s0 = m.start()
                if (s0 and t[s0 - 1].isalnum()) or (ai, s0) in taken or m.group(1) not in name_words:
                    m = search(t, s0 + 1)
                    continue
                kept.add(ai, s0, m.group(0), _votes_of(m.group(0)))
                taken.add((ai, s0))
                m = search(t, m.end())


def _group(kept: _Kept) -> dict[str, array]:
    """The kept mentions by :func:`group_key` of their surface."""
    surface_of = kept.surface
    groups: dict[str, array] = {}
    keys: dict[str, str] = {}
    for i in kept.order:
        t = surface_of[i]
        k = keys.get(t)
        if k is None:
            k = keys[t] = group_key(t)
        g = groups.get(k)
        if g is None:
            g = groups[k] = array("I")
        g.append(i)
    return groups


# The vote for the other kind that one of an article's mentions needs (a
# table line or a fixture gives 4, "shares in X" 2, "in X" 1) before the
# article's mentions may make a sense of their own.
_SENSE_MARGIN = 3


def _split_senses(kept: _Kept, groups: dict[str, array], kinds: dict[str, str]) -> None:
    """A place's name that some articles use for a club ("CHICAGO 71 64 .526
    10" in a standings table), or a club's name used for its town: those
    articles' mentions become an entity of the other kind, where their own
    votes outweigh the corpus's kind.  Its key is the
    group's with a NUL after it, which folds to the same search key."""
    article_of, org_votes, place_votes = kept.article, kept.org_votes, kept.place_votes
    datelines = kept.datelines

    def is_dateline(i: int) -> bool:
        n = bisect_left(datelines, i)  # (in the order kept)
        return n < len(datelines) and datelines[n] == i

    for k in [k for k, kind in kinds.items() if kind == "place" or kind == "org"]:
        members = groups[k]
        if len(members) < 2:
            continue
        mine, theirs = (place_votes, org_votes) if kinds[k] == "place" else (org_votes, place_votes)
        if max(map(theirs.__getitem__, members)) < _SENSE_MARGIN:
            continue  # no mention leans the other way enough
        by_article: dict[int, list[int]] = defaultdict(list)
        for i in members:
            if not is_dateline(i):  # (a dateline is a place whatever its article says: see _datelines_are_places)
                by_article[article_of[i]].append(i)
        moved = []
        for idxs in by_article.values():
            strongest = max(map(theirs.__getitem__, idxs))
            if strongest >= _SENSE_MARGIN and strongest > max(map(mine.__getitem__, idxs)):
                moved += idxs
        if moved and len(moved) < len(members):
            taken = set(moved)
            groups[k] = array("I", [i for i in members if i not in taken])
            other = k + "\x00"
            groups[other] = array("I", moved)
            kinds[other] = "org" if kinds[k] == "place" else "place"


def _datelines_are_places(kept: _Kept, groups: dict[str, array], kinds: dict[str, str]) -> None:
    """A dateline's mention of a name the corpus calls something else ("NEW
    YORK" of a baseball results page, the club) goes to the name's place
    sense (as :func:`_split_senses` keys it), made if there is none."""
    moves: dict[str, set[int]] = defaultdict(set)
    key_of: dict[str, str] = {}  # (a wire corpus's datelines are a few cities, over and over)
    for i in kept.datelines:
        t = kept.surface[i]
        k = key_of.get(t)
        if k is None:
            k = key_of[t] = group_key(t)
        if kinds.get(k, "place") != "place":
            moves[k].add(i)
    for k, moved in moves.items():
        groups[k] = array("I", [i for i in groups[k] if i not in moved])
        place = k + "\x00"
        if kinds.get(place, "place") != "place":
            continue  # (a place's other sense is never one: the key is a place's)
        groups.setdefault(place, array("I")).extend(sorted(moved))
        kinds[place] = "place"


def _fold_short_forms(kept: _Kept, groups: dict[str, array], kinds: dict[str, str]) -> tuple[dict[str, array], set[str]]:
    """Short forms folded into full names: a person's shorter name into the
    one longer name that holds it ("Tang Xiaoou" into "Sean Tang Xiaoou");
    inside one article, a lone surname into the person the article names in
    full, and a lone first or last word of an organisation's name into that
    organisation ("Longhorns" after "Texas Longhorns").  Returns the groups
    after folding, and the keys whose kind must be decided again."""
    persons = [k for k in groups if kinds[k] == "person" and " " in k]
    by_tokens: dict[str, list[str]] = defaultdict(list)
    for k in persons:
        for tok in set(k.split()):
            by_tokens[tok].append(k)
    find = _persons_into_longer(persons, by_tokens)
    owner_of, touched = _lone_words_owned(kept, groups, kinds, persons, by_tokens, find)
    return _regrouped(groups, find, owner_of, touched)


def _persons_into_longer(persons: list[str], by_tokens: dict[str, list[str]]) -> Callable[[str], str]:
    """Each person's name joined to the one longer name holding it as a run
    of words ("tang xiaoou" in "sean tang xiaoou"): the key a key now goes to."""
    # Only the keys joined to another (a table of every key was megabytes at scale).
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while k in parent:
            up = parent[k]
            if up in parent:
                up = parent[k] = parent[up]  # (halving the path as it is walked)
            k = up
        return k

    for k in persons:
        toks = k.split()
        # Such a form holds every word of this one, so only the forms holding
        # its rarest word are looked at (those holding "john" are thousands in
        # a big corpus, and there are thousands of Johns).
        pool = min((by_tokens[t] for t in toks), key=len)
        longer = {o for o in pool if o != k and len(o.split()) > len(toks) and f" {k} " in f" {o} "}
        if len(longer) == 1:
            root, into = find(k), find(longer.pop())
            if root != into:
                parent[root] = into
    return find


class _Owners:
    """Kept mentions → the key of the name that owns them: a column of
    numbers into the few owners' keys, made when the first is given (a
    dict of every owned mention was hundreds of megabytes at a million
    articles)."""

    __slots__ = ("size", "owner", "keys", "_number")

    def __init__(self, size: int) -> None:
        self.size = size
        self.owner: array | None = None
        self.keys: list[str] = []
        self._number: dict[str, int] = {}

    def add(self, i: int, key: str) -> None:
        if self.owner is None:
            self.owner = array("i", [-1]) * self.size
        n = self._number.get(key)
        if n is None:
            n = self._number[key] = len(self.keys)
            self.keys.append(key)
        self.owner[i] = n

    def get(self, i: int) -> str | None:
        n = -1 if self.owner is None else self.owner[i]
        return self.keys[n] if n >= 0 else None


def _lone_words_owned(kept: _Kept, groups: dict[str, array], kinds: dict[str, str], persons: list[str],
                      by_tokens: dict[str, list[str]], find: Callable[[str], str]) -> tuple[_Owners, set[str]]:
    """One-word mentions that, in their article, are a word of exactly one
    full name (a person's, or an organisation's first or last word): each
    such kept mention → that name's key; and the one-word keys some of
    whose mentions so go.  ``by_tokens``: each word of the people's names
    → the names holding it (organisations' are added)."""
    article_of, surface_of = kept.article, kept.surface
    # Each word → the full names holding it (a lone mention goes to the key
    # ``find`` gives such a name).  The articles are looked at one word at a
    # time: a map of every article's words and names was gigabytes at a
    # million articles.
    holders = by_tokens
    for k in groups:
        if kinds[k] != "org" or " " not in k:
            continue
        if not any(" " in surface_of[i] for i in groups[k]):
            continue  # "Gazprom-Rosneft", "Fiat-GM": two names joined, not one with a short form
        toks = k.split()
        for t in {t for t in (toks[0], toks[-1]) if t not in _NOT_OWNED and not t.isdigit()}:
            holders.setdefault(t, []).append(k)
    owner_of = _Owners(len(article_of))
    touched: set[str] = set()
    person_roots = {find(k) for k in persons}
    for k, members in groups.items():
        # Only a one-word name that some full name holds as a word; a place
        # only if a person holds it and it is no country or big city:
        # "Radcliffe" after "Paula Radcliffe" is she, "Jordan" stays a country.
        if " " in k or k not in holders:
            continue
        place = kinds[k] == "place"
        if place and place_weight(k) > 2:
            continue
        here = set(map(article_of.__getitem__, members))
        held: dict[int, set[str]] = {}  # article → the names holding k there
        for name in holders[k]:
            root = find(name)
            for a in here.intersection(map(article_of.__getitem__, groups[name])):
                held.setdefault(a, set()).add(root)
        for i in members:
            owners = held.get(article_of[i])
            owner = next(iter(owners)) if owners and len(owners) == 1 else None
            if owner is not None and not (place and owner not in person_roots):
                owner_of.add(i, owner)
                touched.add(k)
                if place:
                    kept.place_votes[i] = 0  # (the gazetteer's vote was for the town, not for her)
    return owner_of, touched


def _regrouped(groups: dict[str, array], find: Callable[[str], str], owner_of: _Owners,
               touched: set[str]) -> tuple[dict[str, array], set[str]]:
    """The mentions regrouped under the keys they now go to; and the keys
    whose kind must be decided again (those that took in another's mentions,
    and those that gave some away)."""
    final: dict[str, array] = {}
    merged: set[str] = set()  # groups that took in mentions of another key
    for k, members in groups.items():
        if k in touched:
            for i in members:
                target = owner_of.get(i) or find(k)
                final.setdefault(target, array("I")).append(i)
                if target != k:
                    merged.add(target)
            continue
        target = find(k)
        if target == k and k not in final:
            final[k] = members
        else:
            final.setdefault(target, array("I")).extend(members)
            merged.add(target)
    return final, merged | touched


def _entities(
    kept: _Kept, final: dict[str, array], kinds: dict[str, str], rekind: set[str], ids: Sequence[str],
    check: Callable[[int], None],
) -> PackedEntities:
    """Each group an entity, packed as the index stores it (``kept`` is
    spent: its votes are let go once read): a JSON row
    (:func:`entity_row`) and its mentions as (article, start, form)
    triples, end to end, most mentioned first.  Objects are made only for
    the entities someone looks at (a million articles have millions of
    entities: as objects, a gigabyte of name finding's peak).  Its name is
    its longest, then most used, form."""
    article_of, start_of, surface_of = kept.article, kept.start, kept.surface

    def elsewhere(word: str) -> bool:
        """``word`` alone is an organisation or a place named often (five
        mentions or more): "Tory" in "Tory Liam Fox" is the party's."""
        k = group_key(word)
        return kinds.get(k) in ("org", "place") and len(final.get(k, ())) >= 5

    def variants_of(members: array) -> dict[str, int]:
        variants: dict[str, int] = {}  # form → mentions (a Counter costs more for these few)
        for i in members:
            t = surface_of[i]
            variants[t] = variants.get(t, 0) + 1
        return variants

    # First each entity's kind and name, to pack them in their order.
    chosen: list[tuple[str, str, str]] = []  # (key, name, kind)
    for n, (k, members) in enumerate(final.items()):
        check(n)
        if not members:
            continue
        kind = kept.kind_of(members) if k in rekind else kinds[k]
        if kind == "other" and len(surface_of[members[0]]) <= 2 and all(len(surface_of[i]) <= 2 for i in members):
            continue
        name = surface_of[members[0]] if len(members) == 1 else _name_of(variants_of(members), elsewhere)
        chosen.append((k, name, kind))
    chosen.sort(key=lambda c: (-len(final[c[0]]), c[1].lower()))
    # The votes have had their say: let them go before the packing grows.
    kept.person_votes = kept.org_votes = kept.place_votes = kept.order = array("i")

    def where(i: int) -> int:
        """Where a mention is, as one number to sort by: (article, start).
        (Worked out per mention sorted: as a column, 240 MB at a million articles.)"""
        return article_of[i] << 32 | start_of[i]

    kinds.clear()  # (read by elsewhere() only, above)
    rows, row_ends, ends, body = bytearray(), array("Q"), array("I"), array("I")
    # Each entity's group and choice are let go once it is packed: the
    # packing grows by as much as they hold (at a million articles, the
    # groups' arrays and the choices are hundreds of megabytes).
    chosen.reverse()  # (taken from the end, in order)
    n = 0
    while chosen:
        check(n)
        n += 1
        k, name, kind = chosen.pop()
        members = final.pop(k)
        if len(members) == 1:
            i = members[0]
            forms = variants = [surface_of[i]]
            body.extend((article_of[i], start_of[i], 0))
        else:
            counts = variants_of(members)
            index: dict[str, int] = {}
            for i in sorted(members, key=where):
                t = surface_of[i]
                f = index.get(t)
                if f is None:
                    f = index[t] = len(index)
                body.extend((article_of[i], start_of[i], f))
            variants = sorted(counts, key=lambda v: (-counts[v], v))
            forms = list(index)
        rows += entity_row(k, name, kind, variants, forms).encode("utf-8")
        row_ends.append(len(rows))
        ends.append(len(body))
    return PackedEntities(Arrays(row_ends, rows), Arrays(ends, body), ids, held=True)


def entity_row(key: str, name: str, kind: str, variants: Sequence[str], forms: Sequence[str]) -> str:
    """An entity as the index stores it: the JSON of [key, name, kind,
    variants, forms], written out from its strings (the encoder's setup
    for every row was most of its cost)."""
    string = encode_basestring
    return f"[{string(key)},{string(name)},{string(kind)},[{','.join(map(string, variants))}],[{','.join(map(string, forms))}]]"


def _name_of(variants: dict[str, int], elsewhere: Callable[[str], bool] = lambda w: False) -> str:
    """An entity's name: its longest form, then most used, leaving out a
    form that is a more used name of two words or more with words glued
    before it that are no given name or initial, or are a given name that
    is ``elsewhere`` an organisation or a place: "Alan Milburn" (28 times)
    names the group, not "Blairite Alan Milburn" or "Liberal Democrat
    Charles Kennedy" (once each), "Liam Fox" not "Tory Liam Fox"; "Hunter
    S Thompson" still names "S Thompson"'s, "Dietmar Hamann" "Hamann"'s."""
    full = {g: n for g, n in variants.items() if n >= 2 and " " in g}

    def glued(v: str) -> bool:
        words = v.split(" ")
        for cut in range(1, len(words) - 1):
            head = words[cut - 1]
            if len(head.rstrip(".")) <= 1 or is_given_name(head.lower()) and not elsewhere(head):
                return False
            if full.get(" ".join(words[cut:]), 0) > variants[v]:
                return True
        return False

    return max((v for v in variants if not glued(v)), key=lambda v: (len(v.split()), variants[v], v[:1].isupper(), v))


_DETERMINERS = frozenset("the a an its their his her this that our your my last next every each".split())
# Words of an organisation's name that do not stand for it alone: "the" of
# "The Times", "bank" of "World Bank", "group" of "Ping An Group".
_NOT_OWNED = STOPWORDS | ORG_SUFFIXES | ORG_HEADS | PLACE_SUFFIXES | FIELD_WORDS


def lower_names(words: set[str], texts: Sequence[str], postings: Mapping[str, Sequence[int]]) -> set[str]:
    """Lower-case words used as names: each is rare, in the corpus and in
    English, recurs, and owns things with no article before it ("orbbec’s
    products", not "the world’s")."""
    out = set()
    common = max(20, len(texts) // 50)
    zipf = word_zipf()
    for word in words:
        arts = postings.get(word)
        if arts is None or len(arts) > common or zipf.get(word, 0) >= _LISTED_WORD:
            continue  # (an English word, "operator", is written in lower case as itself)
        # The pattern starts with the word itself, so the engine skips ahead to
        # it; that the word is not inside a longer one ("(?<![^\W_])" before
        # it) is checked here: with that look-behind at its head the engine
        # tried every position of every text (2.2 s against 0.2 s at 100,000 articles).
        search = re.compile(re.escape(word) + r"(?![^\W_])(['’]s\b)?").search
        total = owned = 0
        for a in arts:
            text = texts[a]
            m = search(text)
            while m is not None:
                s = m.start()
                if s and text[s - 1].isalnum():  # a letter or digit before: part of a longer word
                    m = search(text, s + 1)
                    continue
                total += 1
                if m.group(1):
                    before = text[max(0, s - 16) : s].split()
                    if not before or before[-1].lower() not in _DETERMINERS:
                        owned += 1
                m = search(text, m.end())
        if total >= 3 and owned >= 1:
            out.add(word)
    return out


def _kind_of_votes(p: int, o: int, l: int) -> str:
    best = max(p, o, l)
    if best <= 0:
        return "other"
    return "person" if p == best else "org" if o == best else "place"
