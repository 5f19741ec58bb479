"""Pass 2, its first phase: the candidates the corpus bears out.

:class:`NameStats` gathers what the corpus says of each word (how often it is
capitalised away from a sentence's start, whether it is ever written in lower
case, which articles use it); :func:`_keep` keeps the candidates it bears out
(:func:`_decide`, :func:`_is_noise`); :func:`_add_lower_case_names` and
:func:`_add_recased_names` add the names written in lower case.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from ..lazy_re import lazy
from ..lexicon import (
    SURNAMES,
    COMMON_ACRONYMS,
    DEMONYMS,
    ORG_SUFFIXES,
    PLACE_SUFFIXES,
    STOPWORDS,
    TITLES,
    WEEKDAYS_MONTHS,
)
from . import demonyms as _demonyms, listed_name, word_zipf
from .evidence import COMMON_WORD, is_demonym, is_given_name, is_roman_numeral, place_weight
from .forms import word_set, SENTENCE_START, DATELINE, _strip_possessive, _votes_of
from .candidates import Candidate, pack_candidates, PackedCandidates, PackedSurfaces
from .kinds import _Kept


_APOSTROPHE = lazy(r"['’]")


_INITIALS = lazy(r"^(?:[^\W\d_](?:\.\s*|\s+|$))+$")  # "J", "J.", "N. M.", "I.i"


# Words this common in English are names only with evidence: "Bush said" yes, "Into" no.
_VERY_COMMON = 50
# A word among general English's 40,000 most frequent (Zipf 2.75 and up).
_LISTED_WORD = 28


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
    if ("'" in low or "’" in low) and not (" " in low and low.split(" ", 1)[0][-2:] in ("'s", "’s")):
        # (A word's possessive opening a name is part of it: "People's Daily".)
        head = _APOSTROPHE.split(low, maxsplit=1)[0]
        if head != low and (head in STOPWORDS or head in ("i", "we", "you", "they", "don", "can", "won", "let")):
            return True  # "I'm", "We're", "Don't"
    if low.split(None, 1)[0].rstrip(".") in TITLES and all(w.rstrip(".") in TITLES for w in low.split()):
        return True  # "Chancellor", "Mr", "Vice President": a title with no name
    return not surface[:1].isalpha() and not any(c.isalpha() for c in surface)


_NOISE_WORDS = STOPWORDS | WEEKDAYS_MONTHS | COMMON_ACRONYMS | DEMONYMS


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


def _decide(surface: str, sent: bool, voted: int, stats: NameStats, zipf) -> tuple[int, tuple | None] | None:
    """Drop a candidate (None), keep it (0, None) or keep it without its
    first word (offset, its votes).  A function of the surface, whether it
    starts a sentence and whether it has votes (``voted``: 0 none, 1 weak,
    none above 1; 2 strong), given the corpus: decided once per distinct
    surface."""
    mid_caps, lower_vocab = stats.mid_caps, stats.lower
    words = surface.split()
    cut = 0
    votes = None
    if sent and len(words) == 1 and mid_caps[_strip_possessive(surface)] == 0 and _opener(surface.lower()):
        return None  # "Unfortunately, the club ...", "Redesignated 65 Fighter Wing": however it is voted
    if sent:
        first = _strip_possessive(words[0])
        if not voted and len(words) == 1 and (mid_caps[first] == 0 or first.lower() in lower_vocab):
            return None
        if (voted == 1 and len(words) == 1 and mid_caps[first] == 0 and first.lower() in lower_vocab
                and zipf.get(first.lower(), 0) >= COMMON_WORD):
            # "Bright, passionate and ...", "Major clients include ...": a word of
            # English opening a sentence, which only a list of surnames or
            # towns calls a name, and the corpus never capitalises elsewhere.
            return None
        if len(words) > 1 and mid_caps[first] == 0 and first.lower() in lower_vocab and (not voted or (
                len(words) >= 3 and is_given_name(words[1].lower()) and not is_given_name(words[0].lower())
                and not first.isupper())):
            # Only the first word is doubtful: "International Innovation Center
            # ..."; and, though the text votes for the run, before a given name:
            # "Unseeded Nicolas Almagro beat ...", "Bookmaker William Hill said"
            # (the name keeps its own words' votes, as a run with none does).
            cut = surface.index(" ") + 1
            surface = surface[cut:]
            votes = tuple(_votes_of(surface))
            voted = any(votes)
            words = words[1:]
    if _is_noise(surface):
        return None
    if len(words) == 1 and 2 <= len(surface) <= 6 and surface[:2].isupper() and _ACRONYM_NOUN.match(surface):
        # "TVs", "DJs", "SUVs": an acronym the corpus puts in the plural
        # is a thing's name, not a body's ("the BBC" has no plural).
        if surface[-1] == "s" or mid_caps[surface + "s"]:
            return None
    if len(words) == 1 and surface.lower() in lower_vocab:
        if not voted and mid_caps[surface] <= 1:
            return None  # a common word capitalised by chance
        if surface.isupper() and len(surface) > 3 and max(votes or _votes_of(surface)) <= 1:
            return None  # "SLEW", "HUB": a word the corpus writes in lower case, in a line of capitals
        if zipf.get(surface.lower(), 0) >= _VERY_COMMON and (not voted or not any(votes or _votes_of(surface))):
            return None  # "City", "Into", "Interest" from a page of capitals
    return cut, votes


_ACRONYM_NOUN = lazy(r"[A-Z]{2,5}s?\Z")


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
    lower_vocab = stats.lower
    # A decision: () to drop, or (cut, votes or None, the surface kept); one
    # table per (sentence start, voted), keyed by the surface alone (a tuple
    # key per candidate cost a tuple and its hash for each of millions).
    decisions: list[dict[str, tuple]] = [{}, {}, {}, {}, {}, {}]

    def decided(surface: str, sent: bool, voted: int) -> tuple:
        made = _decide(surface, sent, voted, stats, zipf)
        d = () if made is None else (made[0], made[1], surface[made[0] :] if made[0] else surface)
        decisions[sent * 3 + voted][surface] = d
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
        first_kept = len(kept.surface)  # (this article's kept names are those from here on)
        for (s, e, m), d in zip(zip(it, it, it), cands.shifts()):
            surface = text[s + d : e + d]
            # (No vote, a weak one (no vote above 1), a strong one: the bytes above the flags.)
            voted = 0 if m <= 0xFF else 1 if not m >> 8 & 0xFEFEFE else 2
            d = decisions[(m & SENTENCE_START) * 3 + voted].get(surface)
            if d is None:
                d = decided(surface, (m & SENTENCE_START) == 1, voted)
            if (not d and " " not in surface and not surface[:2].isupper() and surface.lower() not in lower_vocab
                    and _ends_a_name(kept.surface, first_kept, surface)
                    and not is_demonym(surface.lower().removesuffix("s"))):
                # A word the corpus never writes in lower case, that ends a
                # name this article gave in full: that name again ("Vyacheslav
                # Ekimov ... Ekimov won"), though alone where it stands (at a
                # sentence's start, say) it would be dropped.  Not an acronym
                # ("Labour MPs ... MPs said") nor a nationality ("Oliver Irish
                # ... Irish fans").
                d = (0, None, surface)
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


def _ends_a_name(surfaces: list[str], start: int, word: str) -> bool:
    """Whether a name of several words kept from ``start`` on ends with ``word``
    (looked through only for the few words a sentence opens that would be
    dropped: a set of every article's last words cost a second of 100,000
    articles' name finding)."""
    tail = " " + word
    for i in range(start, len(surfaces)):
        if surfaces[i].endswith(tail):
            return True
    return False


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


_DETERMINERS = frozenset("the a an its their his her this that our your my last next every each".split())


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
