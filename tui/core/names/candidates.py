"""Pass 1's candidates: what one is, and the ones a run of capitalised words makes.

A :class:`Candidate` is a span of an article that may be a name, with votes
for its kind; :func:`pack_candidates` and :class:`PackedCandidates` keep a
big corpus's millions of them as integers until the corpus pass reads them.
:func:`_candidates_from_run` cuts one run of capitalised words (as
:func:`tui.core.names.scan.scan` grows it) into its names: edges trimmed,
split at a title or at a word glued before a name.
"""

from __future__ import annotations

from array import array
from collections import namedtuple
from collections.abc import Iterable, Sequence
from itertools import repeat

from ..lexicon import (
    COMMON_ACRONYMS,
    DEMONYMS,
    TITLE_PREFIXES,
    ORG_STRIP,
    ORG_SUFFIXES,
    ORGS,
    PLACE_SUFFIXES,
    PLACES,
    STOPWORDS,
    TITLES,
    WEEKDAYS_MONTHS,
)
from . import given_names
from .evidence import _COMMON_GIVEN, _common_words, is_demonym, is_given_name, is_role_before_name, place_weight, surface_votes
from .forms import PERSON, ORG, PLACE, SENTENCE_START, _POSSESSIVES, _strip_possessive, opens_sentence


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


_Tok = tuple  # a capitalised token: (start, end, text)

_JOINERS = (" of ", " and ", " & ", " of the ")
# Particles inside people's names, written in lower case.
_PARTICLES = frozenset(
    "van|von|de|der|den|du|da|dos|das|di|del|della|la|le|bin|ibn|al|el|ter|ten|zu|van der|van den|de la|von der".split("|")
)
_EDGE_WORDS = frozenset(("of", "and", "&", "for"))
# Stopwords that also open names: "First Union", "New Liberty".
_NAME_ADJECTIVES = frozenset(("first", "new"))
# Stopwords that, capitalised in mid-sentence, open a name: "the Six Nations",
# "the All Blacks", "Radio Five Live" (after "The" a word is capitalised as a name).
_OPENS_NAMES = frozenset("the all one two three four five six seven eight nine ten first new".split())


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
    # ("Will Greenwood": mid-sentence, a stopword that many bear as a given name opens a name;
    # so does a word's possessive: "People's Daily".)
    if lows[0] in STOPWORDS and not known and (sent or lows[0] not in _OPENS_NAMES) and (
            sent or given_names().get(lows[0], 0) < 10) and run[0][2][-2:] not in _POSSESSIVES and not _acronym_head(run):
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
            run[0][2].lower() in STOPWORDS and sent and not (len(run) > 1 and run[0][2].lower().rstrip(".") in _HONORIFICS)
            and not _acronym_head(run))):
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


def _acronym_head(run: list[_Tok]) -> bool:
    """The run is two or three capitals, then a word in mixed case: an
    acronym's name ("US Navy", "US Airways", "IT Department"), not the
    English word a line of capitals would spell ("US", "IT").  Before a
    longer name the capitals say whose it is, and go as before: "US
    Federal Reserve" is the Federal Reserve."""
    w = run[0][2]
    return len(run) == 2 and 2 <= len(w) <= 3 and w.isupper() and not run[-1][2].isupper()


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
    while first_title > 0 and (lows[first_title - 1] in TITLES or lows[first_title - 1] in TITLE_PREFIXES
                               or lows[first_title - 1] in _RANK_PARTS):  # ("Major General", "Rear Admiral")
        first_title -= 1
    if (lows[-1] in ORG_SUFFIXES or lows[-1] in PLACE_SUFFIXES) and lows[k].rstrip(".") not in _HONORIFICS:
        # "Quzhou Municipal Party Committee" is an organisation, not a person ("Mr Hill" is)
        c = _candidate(text, run, sent)
        return [c] if c else []
    left, rest = run[:first_title], run[k + 1 :]
    out = _candidates_from_run(text, left) if left else []
    if text[run[k][1] : rest[0][0]] in _JOINERS:
        # "Minister of Science and Technology Wang Zhigang": the name is at the end,
        # unless the last words are English words no list has as a name:
        # "Secretary of the New Jersey Department of Public Safety" ends in a
        # body's name, and names no one ("Secretary of State Con Roach" does).
        tail = rest[-2:] if len(rest) >= 3 else []
        words = [_strip_possessive(t[2]) for t in tail]
        if tail and not surface_votes(words)[PERSON] and _common_words(" ".join(words)):
            c = _candidate(text, rest, False)
            return out + [c] if c and c.votes[ORG] else out
        rest = tail
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
    # "Australian Tom Moody", "Minnesotan Scott LeDoux", "New Zealander Jason
    # Spice": a nationality before a name.
    # (Also after a sentence's first word, before a common given name:
    # "Controversial Australian Anthony Hill"; not "Allied Irish Banks".)
    lead = 1 if (len(run) > 2 and (is_demonym(lows[1]) or len(run) > 3 and is_demonym(f"{lows[1]} {lows[2]}"))
                 and opens_sentence(text, run[0][0]) and not is_given_name(lows[0])) else 0
    for skip in sorted({0, lead}):
        for n in (1, 2):
            if len(run) > skip + n and is_demonym(" ".join(lows[skip : skip + n])):
                probe = surface_votes(words[skip + n :])
                # A common given name after a nationality opens a person's
                # name, whatever its last word says ("American James Heath").
                if not skip and probe[PERSON] > 0 and not probe[ORG] and not probe[PLACE]:
                    c = _candidate(text, run[skip + n :], False)
                    return [c] if c else []
                if given_names().get(lows[skip + n], 0) >= _COMMON_GIVEN and not probe[ORG]:
                    c = _candidate(text, run[skip + n :], False)
                    c.votes[PERSON] += 3
                    return [c]
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
        if len(words) > 1 and words[-1].isdigit():
            words.pop()  # "BBC Radio 4": the words say what it is
        c = Candidate(start, end, surface, sent, surface_votes(words))
        if len(_VOTES) > 1 << 16:
            _VOTES.clear()
        _VOTES[surface] = tuple(c.votes)
        return c
    return Candidate(start, end, surface, sent, list(votes))


# A run's words are the capitalised words of its surface, so its votes are too.
_VOTES: dict[str, tuple[int, int, int]] = {}
