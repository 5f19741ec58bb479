"""Fuzzy name search across a corpus, with exact spans into each article's text.

A query is matched against two vocabularies: the entity variants the name
finder grouped ("DeepBlue", "DeepBlue Technology") and the plain words of the
text (so any word can be found).  Keys are folded — case, accents, spaces and
hyphens removed — so "deep blue" is "DeepBlue" and "Zurich" is "Zürich"; name
order is folded by sorting the words ("Xiaoou Tang").  Typos go through
rapidfuzz's normalised Indel similarity with a length-aware threshold, so a
name that is not there gives nothing rather than the nearest padding.

Query syntax (in the spirit of fzf):

* ``Wang Zhigang`` — a name, fuzzily;
* ``"Hong Kong"`` — an exact phrase (case-insensitive, whole words);
* ``Huawei | Tencent`` — several names at once, hits of each.
"""

from __future__ import annotations

import heapq
import itertools
import re
from _thread import _local as _ThreadLocal  # (threading's local; threading itself is not imported)
import time
import zlib
from array import array
from collections import OrderedDict, namedtuple
from bisect import bisect_left
from functools import cache, partial
from operator import itemgetter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet

from .lazy_re import lazy
from .collector import paused_gc
from .stored import FetchedTexts, MadeWhenUsed, Recent, StoredPostings, StoredStrings
from .names.forms import WORD_RX as _WORD, fold, fold_once, group_key, opens_sentence, squash
from .names.index import Entity, EntityIndex

EXACT = 100.0
SPACING = 97.0  # same name, other spacing/hyphens/accents/case: "deep blue"
VARIANT = 92.0  # another form of the same entity: "Tang" for "Tang Xiaoou"
FUZZY_MAX = 89.0  # typo matches rank below every exact and variant match
OTHER_NAME = 65.0  # a place's other name ("Peking" for Beijing): below every typo
SOUNDS_LIKE = 60.0  # another transliteration ("Qadhafi" for Gaddafi): below every typo
# A search for a page of first hits (``top``) reads this many articles'
# texts a word and this many mentions a name before it looks whether they
# settle the page: "BBC" at a million articles is 300,000 hits in 200,000
# articles; its first fifty are in the first few.
TOP_SCAN = 500
TOP_MENTIONS = 2_000
_UNSURE = float("inf")  # the ceiling of a bounded search that cannot settle a page
MAX_QUERY = 200  # longer queries are cut: no name is longer
_POSSESSIVE = ("'s", "’s")



class Hit(namedtuple("Hit", "article article_id start end match score entity", defaults=(None,))):
    """One occurrence: ``texts[article][start:end] == match``, with its
    ``score`` and the name of the ``entity`` it is a mention of, if any."""

    __slots__ = ()


class _Memo(dict):
    """A sequence's items as asked for, each read once: an article's id read
    back from the index (a few microseconds a read) for each of its hits."""

    __slots__ = ("_of",)

    def __init__(self, of: Sequence) -> None:
        super().__init__()
        self._of = of

    def __missing__(self, k):
        v = self[k] = self._of[k]
        return v


# A hit made without the named tuple's keyword-taking constructor (a Python
# function call per hit; a common name has tens of thousands).
_hit = partial(tuple.__new__, Hit)


class SearchResult:
    """A query's hits, best first."""

    __slots__ = ("query", "hits", "elapsed_ms", "truncated", "suggestions", "related", "partial", "_written")

    def __init__(self, query: str, hits: list[Hit], elapsed_ms: float, truncated: bool = False,
                 related: list[Hit] | None = None, partial: bool = False) -> None:
        self.query, self.hits, self.elapsed_ms = query, hits, elapsed_ms
        self.truncated = truncated  # more hits exist than ``max_hits`` let through
        # The texts were read only as far as a ``scan`` let: the names' own
        # mentions are all here, the text's other occurrences only so far.
        self.partial = partial
        # Names one letter from a query that is itself a known name, which
        # are not searched (see _known_name): "did you mean ...?"
        self.suggestions: list[str] = []
        # In the articles hit, the name found written another way that holds
        # none of the query's words as typed ("Hollioake" for "A. Hollioake",
        # "Clinton" for "Bill Clinton"): the same entity, shown apart, never a hit.
        self.related: list[Hit] = related or []
        self._written: tuple[str | None] | None = None  # spelt_otherwise's answer, once asked

    def whole(self) -> SearchResult:
        """The result with the other forms of the names found as hits too: a
        name chosen from the list of names means the entity, every mention."""
        if not self.related:
            return self
        hits = best_spans(self.hits + self.related)
        hits.sort(key=_SCORE, reverse=True)
        out = SearchResult(self.query, hits, self.elapsed_ms, self.truncated, partial=self.partial)
        out.suggestions = self.suggestions
        return out

    def spelt_otherwise(self) -> str | None:
        """What the text writes, when no hit spells the query nor a typo of
        it, only another name of the place or another romanisation ("Peking":
        Beijing): the form most hits have, to say so beside them.  (Asked
        at each step from hit to hit: counted once.)"""
        if self._written is None:
            if not self.hits or self.hits[0].score > OTHER_NAME:  # (best first)
                self._written = (None,)
            else:
                forms: dict[str, int] = {}
                for h in self.hits:
                    forms[h.match] = forms.get(h.match, 0) + 1
                self._written = (max(forms, key=forms.__getitem__),)
        return self._written[0]

    def articles(self) -> dict[int, int]:
        """Article index → number of hits, in the order of the best hit."""
        counts: dict[int, int] = {}
        for h in self.hits:
            counts[h.article] = counts.get(h.article, 0) + 1
        return counts


def threshold(key: str) -> float:
    """Fuzzy cut-off by length: up to two letters, exactly; three, a letter
    left out of a name of four ("Ioa": Iowa), never changed; four, a letter
    added (a letter changed, or two swapped, are let through by
    :meth:`FuzzyVocab.match` apart: their ratio, 75, is also that of one
    letter out and another in elsewhere, "Abla" and Alan); from five, one
    letter added, dropped, changed or moved ("Inida", "Kenay": rapidfuzz's
    ratio of one letter out and one in is 80 at five letters)."""
    n = len(key)
    if n < 3:
        return 101.0  # exact only
    if n == 3:
        return 85.0  # one letter added to three: a ratio of 85.7; one changed or dropped is under 81
    if n == 4:
        return 86.0
    return 80.0


def too_short(query: str) -> bool:
    """A query that would match too much to help while typing: one letter or
    figure, or two in lower case ("us", "in"; "US" and "EU" are names)."""
    chars = [c for c in query if c.isalnum()]
    return len(chars) < 2 or len(chars) == 2 and not all(c.isupper() or c.isdigit() for c in chars)


def parse_query(query: str) -> list[tuple[str, bool]]:
    """Split a query into (term, exact) alternatives: ``"a b" | c`` → [("a b", True), ("c", False)]."""
    query = query[:MAX_QUERY * 4]
    out: list[tuple[str, bool]] = []
    for part in query.split("|"):
        part = part.strip()
        if not part:
            continue
        quoted = re.fullmatch(r'\s*["“](.+?)["”]?\s*', part)
        if quoted and part.lstrip()[0] in '"“':
            phrase = quoted.group(1).strip()
            if phrase:
                out.append((phrase[:MAX_QUERY], True))
        else:
            out.append((part[:MAX_QUERY], False))
    return out


class FuzzyVocab:
    """Keys found again despite a typo, without comparing against every key.

    A key is reachable through itself and each of its one-character deletions,
    so one substitution, insertion, deletion or transposition meets in the
    middle (the SymSpell idea).  A long query (11 characters or more) that
    meets no key that way may hold more than one typo: it is compared with
    every key of similar length, with rapidfuzz.  Before the index is built
    (:meth:`build`) a scan finds the same keys.
    """

    BUCKETS = 256

    def __init__(self, keys, ordered: bool = False) -> None:
        """``ordered``: ``keys`` are shortest first already (as :attr:`keys`
        keeps them); a sequence that knows where each length starts (keys
        read back from the index) is then used as it is."""
        self.keys = (keys if isinstance(keys, (list, StoredStrings)) else list(keys)) if ordered else sorted(keys, key=len)
        # Where each length starts: stored, or found by bisecting the lengths.
        self.firsts = self.keys.firsts if isinstance(self.keys, StoredStrings) else None
        self.lengths = list(map(len, self.keys)) if self.firsts is None else None
        # The deletions index: per bucket of hashes, a sorted array of
        # (deletion's hash << bits | key number).  A dict of strings to lists
        # held a gigabyte for the 100,000-article corpus; this is an eighth.
        self.deletes: list[array] | None = None
        self._sounds: Sequence[int] | None = None  # each key's skeleton's hash (see sound_hashes)
        self.bits = max(1, len(self.keys).bit_length())
        self.mask = (1 << (62 - self.bits)) - 1  # hash bits kept (collisions only add candidates to score)
        # The last lookup and its keys: a query asks the same twice, for its
        # hits and for what it offers apart ("did you mean"), and before the
        # index is built each lookup is a scan.
        self._last: tuple[tuple, list[tuple[str, float]]] | None = None

    def build(self, stop: Callable[[], bool] | None = None) -> None:
        """Index the one-deletion variants (about a second per 40,000 keys).

        Until this runs, :meth:`match` scans keys of similar length instead:
        slower per query, but a one-shot query need not pay for the index.
        If ``stop`` says so (asked now and then), the index is left unbuilt.
        """
        if self.deletes is not None:
            return
        self.sound_hashes(stored_only=True)  # (stored ones are read before the keys become a list)
        if not isinstance(self.keys, list):  # keys read back: a list, now that all are used
            # (the decoded keys, shared rather than copied)
            self.keys = self.keys.decode_all() if isinstance(self.keys, StoredStrings) else list(self.keys)
        nb, bits, mask = self.BUCKETS, self.bits, self.mask
        buckets = [array("Q") for _ in range(nb)]
        for n, key in enumerate(self.keys):
            if n % 8192 == 0 and stop is not None and stop():
                return
            if len(key) >= 3:
                for v in (key, *(key[:i] + key[i + 1 :] for i in range(len(key)))):
                    h = hash(v)
                    buckets[h % nb].append(((h // nb) & mask) << bits | n)
        self.deletes = [array("Q", sorted(b)) for b in buckets]
        self.sound_hashes()
        # A session that runs many queries will compare some long query with
        # rapidfuzz (below): its first such query should not wait for the import.
        import rapidfuzz.process  # noqa: F401

    def _deleted_into(self, v: str):
        """Numbers of the keys that are ``v`` or give it by deleting one character."""
        h = hash(v)
        assert self.deletes is not None  # (built before any lookup)
        b = self.deletes[h % self.BUCKETS]
        lo = ((h // self.BUCKETS) & self.mask) << self.bits
        i, j = bisect_left(b, lo), bisect_left(b, lo + (1 << self.bits))
        low = (1 << self.bits) - 1
        return [x & low for x in b[i:j]]

    def _start(self, length: int) -> int:
        """Index of the first key at least ``length`` long."""
        if self.firsts is not None:
            return self.firsts[length] if length < len(self.firsts) else len(self.keys)
        assert self.lengths is not None  # (kept when there are no firsts)
        return bisect_left(self.lengths, length)

    def _joined(self, length: int) -> str:
        """The keys exactly ``length`` long, newline-joined."""
        a, b = self._start(length), self._start(length + 1)
        if a >= b:
            return ""
        if isinstance(self.keys, StoredStrings):  # keys read back: one slice of their text
            return self.keys.joined(a, b)
        return "\n".join(self.keys[a:b])

    def _scan_near(self, q: str) -> set[str]:
        """The keys the deletions index would give for ``q``, by looking at
        the keys one shorter, as long and one longer (only they can be one
        edit away) with patterns of what one edit makes.  No index to build
        and no rapidfuzz to load: what a one-shot search needs."""
        n = len(q)
        out: set[str] = set()
        shorter = self._joined(n - 1)
        if shorter and n > 3:
            shorter = f"\n{shorter}\n"
            out.update(d for d in {q[:i] + q[i + 1 :] for i in range(n)} if f"\n{d}\n" in shorter)
        longer = self._joined(n + 1)
        if longer:  # one character inserted
            out.update(_lines_matching({(*q[:i], ANY, *q[i:]) for i in range(n + 1)}, longer))
        same = self._joined(n)
        if same:  # itself, or one character taken out and one put in anywhere
            spellings: set[tuple] = {tuple(q)}
            for i in range(n):
                d = q[:i] + q[i + 1 :]
                spellings.update((*d[:j], ANY, *d[j:]) for j in range(n))
            out.update(_lines_matching(spellings, same))
        return out

    def sounding(self, q: str, sk: str) -> list[str]:
        """The keys of about ``q``'s length (two letters either way) whose
        skeleton is ``sk``: looked up in the keys' skeleton hashes (stored
        with the index, or made by :meth:`build`), else made for a block of
        keys of one length at a time."""
        hashes = self.sound_hashes(stored_only=True)
        lo, hi = self._start(max(SKELETON_MIN, len(q) - 2)), self._start(len(q) + 3)
        if hashes is not None:
            keys = self.keys
            found = (keys[n] for n in _positions(hashes, sound_hash(sk), lo, hi))
            return [k for k in found if skeleton(k) == sk]  # (not a hash's collision)
        out: list[str] = []
        for length in range(max(SKELETON_MIN, len(q) - 2), len(q) + 3):
            block = self._joined(length)
            if not block:
                continue
            sks = _skeletons(block)
            if f"\n{sk}\n" not in f"\n{sks}\n":
                continue
            keys = block.split("\n")
            out.extend(keys[i] for i, x in enumerate(sks.split("\n")) if x == sk)
        return out

    def sound_hashes(self, stored_only: bool = False) -> Sequence[int] | None:
        """Each key's skeleton's :func:`sound_hash` (0 for a key too short to
        have one), in the keys' order, as an ``array("I")``: read back with
        the keys if the index stored them (by a one-shot command, a slice at
        a time), else made (unless ``stored_only``)."""
        if self._sounds is None:
            load = getattr(self.keys, "sounds", None)
            if load is not None:
                self._sounds = load()
            elif not stored_only:
                keys = self.keys if isinstance(self.keys, list) else list(self.keys)
                sks = _skeletons("\n".join(keys)).split("\n") if keys else []
                self._sounds = array("I", (sound_hash(sk) if len(k) >= SKELETON_MIN else 0 for k, sk in zip(keys, sks)))
        return self._sounds

    def match(self, q: str, cut: float, limit: int = 20, changes: bool = True) -> list[tuple[str, float]]:
        """Keys near ``q``, best first: rapidfuzz's ratio at least ``cut`` or,
        for four letters and ``changes``, one letter changed or two swapped.
        (The list is shared with the next caller asking the same: not to be changed.)"""
        if cut > 100 or len(q) < 3:
            return []
        asked = (q, cut, limit, changes)
        last = self._last
        if last is not None and last[0] == asked:
            return last[1]
        found = self._match(q, cut, limit, changes)
        self._last = (asked, found)
        return found

    def _match(self, q: str, cut: float, limit: int, changes: bool) -> list[tuple[str, float]]:
        # Keys one edit away: from the index, or by the scan of _scan_near.
        # A long key with none of those may be further off: then the most
        # similar keys of similar length (by rapidfuzz).
        if self.deletes is not None:
            near = _deletions(q)
            cands = {self.keys[n] for v in near for n in self._deleted_into(v)}
            # (a hash collision is not one edit away)
            cands = {k for k in cands if k in near or len(k) >= 3 and not near.isdisjoint(_deletions(k))}
        else:
            cands = self._scan_near(q)
        scored = [(k, _near_ratio(q, k)) for k in cands]
        if not cands and len(q) >= 11:
            from rapidfuzz import fuzz, process
            from rapidfuzz.distance import OSA

            # At most two typos, however long the name ("Portchester" is not
            # Rochester): only keys two letters longer or shorter can be, and
            # the edit distance sorts them out quicker than the ratio would
            # (among a million names, the ratio over every key of eight to
            # fifteen letters takes 0.17 s).
            pool = self.keys[self._start(len(q) - 2) : self._start(len(q) + 3)]
            within = process.extract(q, pool, scorer=OSA.distance, score_cutoff=2, limit=None)
            # Best first, and among equals the first in the pool: keys are kept
            # shortest first and then in order, so the same ones every run.
            ranked = sorted(((k, fuzz.ratio(q, k), n) for k, _, n in within), key=lambda x: (-x[1], x[2]))
            scored = [(k, r) for k, r, _ in ranked if r >= cut][:limit]
        # Best first; equals by key, so the cut below is the same in every process.
        # Four letters: also one letter changed or two neighbours swapped
        # ("Irqa" is Iraq; "Abla" is not Alan, one letter out and another in).
        short = changes and len(q) == 4
        # Up to seven letters a typo is one edit: as long as the query, one
        # letter changed or two swapped, not one out here and another in there
        # ("Klein" is not Kevin, "Burns" not Buran).
        one_edit = len(q) < 8
        scored = sorted(((k, s) for k, s in scored
                         if (s >= cut and not (one_edit and len(k) == len(q) and k != q and not _one_change(q, k)))
                         or (short and _one_change(q, k))),
                        key=lambda x: (-x[1], x[0]))
        return scored[:limit]


def _changed_letter(a: str, b: str) -> bool:
    """``b`` is ``a`` with one letter changed."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


_FIGURES = lazy(r"\d+")
_ROMAN = lazy(r"x{0,3}(?:ix|iv|v?i{0,3})")


def _numeral(tok: str) -> bool:
    """A folded word that is a roman numeral of two letters or more ("vii", "xiv")."""
    return len(tok) >= 2 and _ROMAN.fullmatch(tok) is not None


def _same_figures(a: str, b: str) -> bool:
    """Whether two keys hold the same figures in the same order: a typo is
    in letters, never in a number ("Route 267" is not Route 261)."""
    return _FIGURES.findall(a) == _FIGURES.findall(b)


def _one_change(a: str, b: str) -> bool:
    """``b`` is ``a`` with one letter changed, or two neighbours swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


ANY = None  # a letter of a spelling that may be any (see _lines_matching)


def _lines_matching(spellings: set[tuple], text: str) -> list[str]:
    """The lines of ``text`` spelt as one of ``spellings`` (tuples of letters,
    :data:`ANY` for any one letter but a newline).

    One pattern, the spellings as a tree of their common beginnings ("ab?d",
    "a?cd" and "?bcd" as "a(?:b.d|.cd)|.bcd"), each match opening with the
    line's newline: the pattern engine skips from newline to newline and
    leaves most lines at their first letters.  (The spellings side by side,
    each tried at every place of the text, take 7 times as long: 90 ms for
    the 182,000 names of 11 letters of a million articles.)"""
    if not spellings:
        return []
    tree: dict = {}
    for spelling in spellings:
        node = tree
        for letter in spelling:
            node = node.setdefault(letter, {})
        node[""] = {}
    if max(map(len, spellings), default=0) > 500:  # (deeper than the tree is written out below)
        alts = "|".join(sorted("".join("." if x is ANY else re.escape(x) for x in s) for s in spellings))
        return re.findall("\n(" + alts + ")(?=\n)", f"\n{text}\n")
    return re.findall("\n(" + _tree_pattern(tree) + ")(?=\n)", f"\n{text}\n")


def _tree_pattern(node: dict) -> str:
    branches = ["." + _tree_pattern(child) if letter is ANY else re.escape(letter) + _tree_pattern(child)
                for letter, child in sorted(node.items(), key=lambda x: (x[0] is ANY, x[0] or "")) if letter != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# A word typed against a word of a name: one letter changed or swapped in
# four letters is 75, a different word of similar length ("colts",
# "orioles") about 50.  Looser than a word's own threshold: the whole name
# has already passed its own.
WORD_NEAR = 66.0
SHORT_WORD = 8
WORD_NEAR_LONG = 75.0


def _each_word_near(qtoks: list[str], name: str) -> bool:
    """Whether each word typed is near a word of ``name``: a name close as a
    whole ("Baltimore Colts", "Baltimore Orioles") is not the one typed when
    a word of it is another ("colts" is no typo of "orioles").  A letter
    typed alone is an initial: a word beginning with it will do."""
    words = fold(name).split()
    for tok in qtoks:
        if len(tok) == 1:
            if not any(w.startswith(tok) for w in words):
                return False
        elif _numeral(tok):
            if tok not in words:
                return False  # another numeral, another king: "Henry VII" is not Henry VIII
        elif not any(w == tok or _word_near(tok, w) for w in words):
            return False
    return True


def _word_near(tok: str, word: str) -> bool:
    """A short word typed is one edit from the name's ("Lynch" is not
    Lynagh), or spelt by ear, two letters off, where it is no name of its
    own ("Blare": Blair); a longer one near it (a few letters off,
    "Oriels": Orioles)."""
    if len(tok) < SHORT_WORD:
        if len(tok) == len(word):
            if _one_change(tok, word):
                return True
        else:
            short, long_ = sorted((tok, word), key=len)
            if len(long_) - len(short) == 1 and short in _deletions(long_):
                return True
        return _by_ear(tok, word)
    return indel_ratio(tok, word) >= WORD_NEAR_LONG


def _by_ear(tok: str, word: str) -> bool:
    """``tok`` as a name heard is written: five letters or more, the first
    one right and at most two letters dropped or added in all ("Blare" for
    Blair: "e" out, "i" in; not "Africa" for America); not a surname that
    families bear or a given name as typed ("Lynch" is its own)."""
    from .names import count

    if len(tok) < 5 or tok[0] != word[0]:
        return False
    # Indel distance from the ratio: the lengths together, less twice what they share.
    if (len(tok) + len(word)) * (100.0 - indel_ratio(tok, word)) > 200.0 + 1e-6:
        return False
    return count(_SURNAMES, tok) < _COMMON_SURNAME and count(_GIVEN, tok) < 2


def _near_ratio(q: str, key: str) -> float:
    """rapidfuzz's ``fuzz.ratio`` (normalised Indel similarity) of a key one
    edit away: its Indel distance is 0 if equal, 1 if a character longer or
    shorter, else 2 (one character out, one in)."""
    d = 0 if key == q else 1 if len(key) != len(q) else 2
    return (1.0 - d / (len(q) + len(key))) * 100


# A name's skeleton: what stays the same across the ways it is written in
# Latin letters.  Spellings of one sound become one letter ("shch", "sch",
# "ch", "sh" → "x"; "kh" → "h"; "dh" → "d"; "q", "c", "g" → "k"), each run
# of vowels is one "a", and doubled letters are one: Gaddafi, Qadhafi and
# Kadafi are "kadafa", Muhammad and Mohammed "mahamad", Yushchenko and
# Yushenko "axanka"; Orlando ("arlanda") is not Ireland ("aralanda").
_SOUNDS = [("x", "ks"), ("shch", "x"), ("sch", "x"), ("tch", "x"), ("ch", "x"), ("sh", "x"), ("zh", "j"),
           ("dj", "j"), ("kh", "h"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k")]
_SOUND_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "k", "w": "v", "z": "s", "e": "a", "i": "a", "o": "a", "u": "a",
                                "y": "a"})
# A letter the same letter follows: taken out, runs become one letter.  (A
# pattern with no group in its replacement: "\1" costs a Python call a match.)
_DOUBLED = lazy(r"(.)(?=\1)")
SKELETON_MIN = 6  # letters of a name: shorter ones share a skeleton with too many


def skeleton(key: str) -> str:
    """The skeleton of a folded key (see above); "" for a key too short to have one."""
    return _skeletons(key) if len(key) >= SKELETON_MIN else ""


def _skeletons(keys: str) -> str:
    """The skeletons of newline-joined keys, newline-joined: made for a whole
    block of keys at once (no rule crosses a line)."""
    for a, b in _SOUNDS:
        if a in keys:
            keys = keys.replace(a, b)
    return _DOUBLED.sub("", keys.translate(_SOUND_LETTERS))


def sound_hash(sk: str) -> int:
    """A skeleton's hash, the same in every process (stored with the index)."""
    return zlib.crc32(sk.encode("utf-8"))


def _positions(hashes: Sequence[int], h: int, lo: int, hi: int) -> list[int]:
    """Where ``h`` is in ``hashes[lo:hi]`` (an ``array("I")``, or the index's
    section of one, which then reads just that slice): found in its bytes by
    C searches, not a Python loop over hundreds of thousands of keys."""
    part = hashes[lo:hi]
    assert isinstance(part, array)
    raw, needle = part.tobytes(), array("I", [h]).tobytes()
    out, at = [], raw.find(needle)
    while at >= 0:
        if at % 4 == 0:
            out.append(lo + at // 4)
            at = raw.find(needle, at + 4)
        else:
            at = raw.find(needle, at + 1)
    return out


def _deletions(s: str) -> set[str]:
    """``s`` and each of its one-character deletions."""
    return {s, *(s[:i] + s[i + 1 :] for i in range(len(s)))}


# Of the entities read back from the index that searches make, those most
# recently made are kept, up to this many mentions in all, rather than for
# the whole session (a long session at a million articles makes tens of
# thousands, the most mentioned with hundreds of thousands of mentions).
RECENT_MENTIONS = 2_000_000


class _RecentEntities(OrderedDict):
    """Entities by number, the oldest let go first once their mentions
    pass ``budget``.  (As :class:`~tui.core.stored.Recent`, safe to share
    between the threads that search: each step is one atomic call.)"""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self.budget, self.size = budget, 0

    def __setitem__(self, n: int, e: Entity) -> None:
        old = self.pop(n, None)
        if old is not None:
            self.size -= old.count + 1
        super().__setitem__(n, e)
        self.size += e.count + 1
        while self.size > self.budget and len(self) > 1:
            try:
                _, gone = self.popitem(last=False)
            except KeyError:
                break
            self.size -= gone.count + 1


class SearchIndex:
    """Word and entity vocabularies of a corpus, ready for fuzzy lookup."""

    def __init__(
        self,
        texts: Sequence[str],
        ids: Sequence[str],
        entities: EntityIndex,
        postings: Mapping[str, Sequence[int]] | None = None,
        keys: SearchKeys | None = None,
    ) -> None:
        """``keys``: what :meth:`keys` gave for this corpus before (read back
        from the index cache: it saves folding every word and variant)."""
        self.texts = texts
        self.ids = ids
        self.entities = entities
        # word (lower case) → articles that use it
        if postings is None:
            from .names.corpus import word_postings

            postings = word_postings(texts)
        self.postings = postings
        if keys is None:
            keys = _search_keys(self.postings, entities)
        self._keys = keys
        # folded key → words with that key
        self.words_by_key = _WordsByKey(self.postings, keys.word_extra, keys.odd_words)
        # folded key → entities; token-sorted key → entities
        self.ents_by_key, self.ents_by_sorted = keys.by_key, keys.by_sorted
        self._word_vocab = FuzzyVocab(keys.word_vocab, ordered=True)
        self._lowered: dict[int, str] = {}
        self._ent_vocab = FuzzyVocab(keys.ent_vocab, ordered=True)
        self._recent_entities = _RecentEntities(RECENT_MENTIONS)
        # The current search's scan budget (see :meth:`search`), per thread:
        # the app's find bar, entity panel and name context search at once.
        self._budget = _ThreadLocal()

    # -- public -----------------------------------------------------------

    def keys(self) -> SearchKeys:
        """The corpus's search keys, to store beside its index (see ``keys`` above)."""
        return self._keys

    def sounds(self) -> tuple[array, array]:
        """The skeleton hashes of the entity and word keys (see
        :meth:`FuzzyVocab.sound_hashes`), to store beside them: a one-shot
        search then looks a transliteration up instead of making the
        skeleton of every key of its length."""
        return self._ent_vocab.sound_hashes(), self._word_vocab.sound_hashes()  # type: ignore[return-value]

    def warm(self, stop: Callable[[], bool] | None = None) -> None:
        """Build the typo indexes now (for sessions that run many queries),
        and decode the keys read back from the index that queries look up."""
        self._ent_vocab.build(stop)
        self._word_vocab.build(stop)
        _place_spellings()
        for table in (self.postings, self.ents_by_key, self.ents_by_sorted):
            if isinstance(table, StoredPostings) and not (stop is not None and stop()):
                table.decode_keys()

    @property
    def warmed(self) -> bool:
        """Whether the typo indexes are built (:meth:`warm`); before, typos are
        found by scanning keys of similar length, with the same results."""
        return self._ent_vocab.deletes is not None and self._word_vocab.deletes is not None

    @property
    def lowered(self) -> int:
        """How many texts have their lower-case copy made (see :meth:`lower_texts`)."""
        return len(self._lowered)

    def search(self, query: str, limit: int | None = None, max_hits: int | None = None,
               scan: int | None = None, top: int | None = None) -> SearchResult:
        """Ranked hits for ``query``.

        ``limit`` cuts the ranked list; ``max_hits`` stops collecting early (the
        app uses it so that a word found half a million times stays responsive),
        and marks the result ``truncated``.  ``scan`` reads at most this many
        articles' texts for occurrences beyond the names' own mentions, and
        marks the result ``partial`` if there were more: the app's first
        answer, in a fraction of the time a common word takes in a corpus
        whose texts are read back from the index.

        ``top``: only the first ``top`` hits are wanted (a one-shot command's
        page of them), ranked as the whole answer ranks them.  The search
        then reads a bounded part first (:data:`TOP_SCAN` articles' texts
        for each word, :data:`TOP_MENTIONS` mentions of each name) and the
        whole only when that part cannot settle those hits (see
        :func:`_settles`); a result from the part is ``partial``: its first
        ``top`` hits are the whole answer's, its counts are at least the whole's.
        """
        if top is not None and scan is None and max_hits is None:
            first = self._budgeted(query, limit, None, walk=TOP_SCAN, mentions=TOP_MENTIONS)
            page = top if limit is None else min(top, limit)
            if page > 0 and _settles(first, page, self._budget.unread, self._budget.ceiling):
                return first
        return self._budgeted(query, limit, max_hits, scan=scan)

    def _budgeted(self, query: str, limit: int | None, max_hits: int | None, scan: int | None = None,
                  walk: int | None = None, mentions: int | None = None) -> SearchResult:
        """The search within its budget: ``scan`` articles' texts in all (see
        :meth:`search`), or, a bounded search, ``walk`` articles' texts a
        word and ``mentions`` mentions a name, the budget noting what was
        left unread: the first article not covered by every walk, and the
        best score a hit left there could have."""
        budget = self._budget
        t0 = time.perf_counter()
        budget.left, budget.cut, budget.walk, budget.mentions = scan, False, walk, mentions
        budget.unread, budget.ceiling = 1 << 62, 0.0
        # A search makes tens of thousands of small acyclic objects: the cyclic
        # collector's passes over them cost up to a third of a big query.
        try:
            with paused_gc():
                result = self._search(query, limit, max_hits, t0)
            result.partial = budget.cut
            return result
        finally:
            budget.left = budget.walk = budget.mentions = None

    def _left_unread(self, article: int, ceiling: float) -> None:
        """Note, in a bounded search, that a walk stopped before ``article``
        and what a hit it left could score."""
        budget = self._budget
        budget.cut = True
        budget.unread = min(budget.unread, article)
        budget.ceiling = max(budget.ceiling, ceiling)

    def _unsure(self, cut: bool | None = None) -> None:
        """In a bounded search, that a walk cut short (``cut``, else any so
        far) may have decided otherwise than the whole corpus would: a
        branch taken because nothing was found in what was read, or the
        lower-case test of a typo's word.  Its page is then not taken."""
        budget = self._budget
        if getattr(budget, "walk", None) is not None and (budget.cut if cut is None else cut):
            budget.ceiling = _UNSURE

    def _search(self, query: str, limit: int | None, max_hits: int | None, t0: float) -> SearchResult:
        cap = max_hits if max_hits is not None else 1 << 62
        found: list[Hit] = []
        other_forms: list[Hit] = []
        suggest: list[str] = []
        truncated = False
        for term, exact in parse_query(query):
            hits = self._phrase(term, cap) if exact else self._fuzzy(term, cap, suggest, other_forms)
            truncated = truncated or len(hits) >= cap
            found.extend(hits)
        hits, related = _with_related(best_spans(found), other_forms)
        hits.sort(key=_SCORE, reverse=True)  # stable: by article and position within a score
        if limit is not None:
            hits = hits[:limit]
            shown = {h.article for h in hits}
            related = [h for h in related if h.article in shown]
        result = SearchResult(query, hits, (time.perf_counter() - t0) * 1000, truncated, related)
        result.suggestions = suggest[:5]
        return result

    # -- exact phrase -----------------------------------------------------

    def _phrase(self, phrase: str, cap: int) -> list[Hit]:
        words = _WORD.findall(phrase.lower())
        if not words:
            return []
        arts = self._articles_with_all(words)
        parts = [re.escape(w) for w in re.split(r"\s+", phrase.strip().lower())]
        rx = Matcher(r"\s+".join(parts) + r"(?!\w)", underscore=True)
        out = []
        for a in self._ahead(arts):
            text = self.texts[a]
            for i, j in rx.spans(text, self._lower(a, text)):
                out.append(_hit((a, self.ids[a], i, j, text[i:j], EXACT, None)))
                if len(out) >= cap:
                    return out
        return out

    def _articles_with_all(self, words: list[str]) -> list[int]:
        sets = []
        for w in words:
            arr = self.postings.get(w)
            if arr is None:
                return []
            sets.append(arr)
        sets.sort(key=len)
        common = set(sets[0])
        for s in sets[1:]:
            common.intersection_update(s)
        return sorted(common)

    # -- fuzzy names ------------------------------------------------------

    def _fuzzy(self, term: str, cap: int, suggest: list[str], other_forms: list[Hit]) -> list[Hit]:
        # Initials are words of one letter, with or without their dots: "K.T. Arasu", "U.N.".
        qfold = fold(_INITIAL_DOT.sub(" ", term.replace("-", " ").replace("/", " ")))
        qkey = qfold.replace(" ", "")
        if not qkey:
            return []
        qcase = " ".join(term.casefold().split())
        qtoks = qfold.split()
        ent_scores, cut = self._entity_scores(term, qkey, qtoks, suggest)
        out: list[Hit] = []
        for n, score in ent_scores.items():
            out.extend(self._entity_hits(self._entity(n), score, qcase, qkey, qtoks, other_forms, cap - len(out)))
            if len(out) >= cap:
                return out
        out.extend(self._text_hits(term, qkey, qcase, qtoks, cut, cap - len(out)))
        if not out and len(qtoks) == 1:
            self._unsure()
            out = self._other_names(qkey, qcase, cap, other_forms)
        if not out and not any(c.isdigit() for c in qkey) and not _known_name(qtoks) and not _common_surname(qtoks):
            self._unsure()
            # Nothing spelt near it, nor a name known as typed ("Newark" is
            # not New York, Frazier not Fraser): a name written in another
            # transliteration.
            ents, words = self._sounding_like(qkey)
            for n in ents:
                out.extend(self._entity_hits(self._entity(n), SOUNDS_LIKE, qcase, qkey, qtoks, other_forms))
            if not out and len(qtoks) == 1 and words:
                out = self._word_hits(qkey, qcase, 101.0, cap, sounding=words)
        if _is_acronym(term):
            out = [h for h in out if _in_capitals(h[4])]  # "US" is not "us"
            other_forms[:] = [h for h in other_forms if _in_capitals(h[4])]
            # A letter changed is another acronym's ("NAPF" is not NAPM); two swapped are a typo ("NAOT").
            out = [h for h in out if h[5] >= SPACING or not _changed_letter(squash(h[4]), qkey)]
            other_forms[:] = [h for h in other_forms if h[5] >= SPACING or not _changed_letter(squash(h[4]), qkey)]
        edge = term.strip()
        if not (edge[:1].isalnum() and edge[-1:].isalnum()):
            out = [self._edged(h, edge[:1], edge[-1:], qcase) for h in out]
        return out

    def _edged(self, h: Hit, head: str, tail: str, qcase: str) -> Hit:
        """The hit with the query's opening or closing stop or bracket, where the
        text has it too ("Inc." at a sentence's end, "(Jerry) Koosman")."""
        text, s, e = self.texts[h[0]], h[2], h[3]
        words, qwords = fold(h[4]).split(), qcase.split()
        if not words:
            return h
        # Only where the query's edge word is the hit's: "Mullally A." found as "A. Mullally" is no "Mullally.".
        # (its typo too: "65 Air Division (Dfeense)")
        same = lambda typed, word: typed == word or len(typed) > 3 and _word_near(typed, word)  # noqa: E731
        if not tail.isalnum() and text[e : e + 1] == tail and h[4][-1:] != tail and same(fold(qwords[-1]), words[-1]):
            e += 1
        if not head.isalnum() and s and text[s - 1] == head and h[4][:1] != head and same(fold(qwords[0]), words[0]):
            s -= 1
        if (s, e) == (h[2], h[3]):
            return h
        match = text[s:e]
        return _hit((h[0], h[1], s, e, match, EXACT if " ".join(match.casefold().split()) == qcase else h[5], h[6]))

    def _entity_scores(self, term: str, qkey: str, qtoks: list[str], suggest: list[str]) -> tuple[dict[int, float], float]:
        """The names a query finds, by number, with their scores (exact key,
        name order, then typos), and the typo cut-off left for the text's words."""
        cut = threshold(qkey)
        ent_scores: dict[int, float] = {}
        for n in self.ents_by_key.get(qkey, ()):
            ent_scores[n] = SPACING
        if len(qtoks) > 1:
            for n in self.ents_by_sorted.get(" ".join(sorted(qtoks)), ()):
                ent_scores.setdefault(n, VARIANT)
        # The name itself is there: its typo neighbours are other words
        # ("Havel" is no typo of "have"), not more of it.  A figure with a
        # typo is another figure ("1235" is not "123"): only the letters
        # beside one may carry it ("Hihgway 301").
        if ent_scores or qkey in self.words_by_key or not any(c.isalpha() for c in qkey):
            return ent_scores, 101.0
        if cut <= 100 and len(qtoks) == 1 and (_known_name(qtoks) or _english_word(qkey)):
            self._suggest(term, qkey, cut, suggest)  # offered apart ("did you mean"), not mixed in
            return ent_scores, 101.0
        if cut <= 100:
            if len(qtoks) == 1:
                self._suggest(term, qkey, cut, suggest, _another_name)  # "Henrique": did you mean Enrique?
            for key, score in self._ent_vocab.match(qkey, cut):
                if key != qkey and not _another_name(qkey, key) and _same_figures(qkey, key):
                    for n in self.ents_by_key[key]:
                        if len(qtoks) < 2 or _each_word_near(qtoks, self._entity(n).name):
                            ent_scores.setdefault(n, _fuzzy_score(score))
        return ent_scores, cut

    def _other_names(self, qkey: str, qcase: str, cap: int, other_forms: list[Hit]) -> list[Hit]:
        """A place the text names otherwise: "Bombay" or "Beising" for Mumbai
        and Beijing, where the text has neither the query nor a typo of it.
        Only from another spelling: a place's own name is what the user
        means ("Mobile" is not "Mobil", GeoNames' German for it)."""
        out: list[Hit] = []
        for key in _spellings_of(qkey):
            if key == qkey:
                continue
            forms: list[Hit] = []
            for n in self.ents_by_key.get(key, ()):
                out += self._entity_hits(self._entity(n), OTHER_NAME, qcase, key, [key], forms)
            if key in self.words_by_key:
                out += self._word_hits(key, qcase, 101.0, cap, sounding=[key], tier=OTHER_NAME)
            other_forms += [h._replace(score=min(h.score, OTHER_NAME)) for h in forms]
        out = [h._replace(score=OTHER_NAME) if h.score > OTHER_NAME else h for h in out]
        return out[:cap]

    def _sounding_like(self, qkey: str) -> tuple[list[int], list[str]]:
        """The entities (by number) and the text's word keys that have the
        query's skeleton (see :func:`skeleton`) and are still near it letter
        by letter."""
        sk = skeleton(qkey)
        if not sk:
            return [], []
        from .names import count
        from .names.evidence import COMMON_WORD

        cut = threshold(qkey)

        def near(key: str) -> bool:
            if key == qkey:
                return False
            ratio = indel_ratio(qkey, key)
            # Given names only where a typo could not reach: Muhammad and
            # Mohammed are one name transliterated, but Philipp, one letter
            # from Philip, was taken as typed by the typo tier and is not
            # found here instead.
            return ratio >= WORD_NEAR and not _another_name(qkey, key, given=ratio >= cut)

        ents: list[int] = []
        for key in self._ent_vocab.sounding(qkey, sk):
            if near(key):
                ents.extend(n for n in self.ents_by_key[key] if n not in ents)
        # (no common English word: "Campaign" is not "Compiègn")
        words = [k for k in self._word_vocab.sounding(qkey, sk) if near(k) and count(_WORDS, k) < COMMON_WORD]
        return ents, words

    def _suggest(self, term: str, qkey: str, cut: float, suggest: list[str],
                 which: Callable[[str, str], bool] = lambda q, k: True) -> None:
        """Names and words one letter from a word taken as meant ("Alberta":
        Albert, Alberto); ``which`` of them, if only some."""
        for key, _ in self._ent_vocab.match(qkey, cut):
            name = self._entity(self.ents_by_key[key][0]).name
            if name not in suggest and which(qkey, key):
                suggest.append(name)
        for key, _ in self._word_vocab.match(qkey, cut, limit=10, changes=False):
            if not which(qkey, key):
                continue
            for word in self.words_by_key[key][:1]:
                word = word.title() if term[:1].isupper() else word
                if key != qkey and word.casefold() not in {x.casefold() for x in suggest}:
                    suggest.append(word)

    def _text_hits(self, term: str, qkey: str, qcase: str, qtoks: list[str], cut: float, cap: int) -> list[Hit]:
        """Words of the text: one word, or a phrase of words each matched
        fuzzily."""
        if len(qtoks) <= 1:
            found = self._word_hits(qkey, qcase, cut, cap)
            if not found:
                self._unsure()
                # Spaces left out: the words side by side in the text too, not
                # only where the finder saw the name ("NewYork" in "New York Yankees").
                found = self._split_hits(qkey, qcase, cap)
            return found
        # The words as typed first, then in another order ("Unser Al" for
        # Al Unser, a name the finder missed); each word near them only if
        # they are nowhere.
        found = self._fuzzy_phrase(qtoks, qcase, cap, exact=True)
        if not found and len(qtoks) <= 3:
            self._unsure()
            for order in itertools.permutations(qtoks):
                if list(order) != qtoks:
                    # A letter alone in another order is an initial: a capital
                    # ("a single" is no "Single A").
                    found += [h for h in self._fuzzy_phrase(list(order), qcase, cap - len(found), exact=True, score=VARIANT)
                              if not any(len(w) == 1 and w.islower() for w in h[4].split())]
        if not found and cut <= 100:
            self._unsure()
            # (A letter typed alone in capitals is an initial here too: "A. Dael"
            # is no "a deal", while "Indústria e Comércio" keeps its "e".)
            typed = set(term.split())
            found = [h for h in self._fuzzy_phrase(qtoks, qcase, cap)
                     if not any(len(w) == 1 and w.islower() and w not in typed for w in h[4].split())]
        return found

    def _entity_hits(self, e: Entity, score: float, qcase: str, qkey: str, qtoks: list[str],
                     other_forms: list[Hit], cap: int | None = None) -> list[Hit]:
        """The mentions of ``e`` that spell the query (in another case, order or
        spacing, or with its typo), the first ``cap`` of them; its other forms
        go to ``other_forms`` (as many again at most)."""
        ids, name = _Memo(self.ids) if not isinstance(self.ids, list) else self.ids, e.name
        forms, flat = e.forms_and_flat()  # (article, start, form) triples: no object per mention
        scores = []  # an entity's mentions share a few forms
        cuts = []  # (offset into the form, the text highlighted)
        other = []  # whether the form is another form of the name, holding none of the query as typed
        for text in forms:
            part = None
            if " ".join(text.casefold().split()) == qcase:
                scores.append(EXACT)
            elif squash(text) == qkey:
                scores.append(SPACING)
            else:
                # "Allenby" in "Robert Allenby": the words searched for are
                # highlighted, the hit still the whole name's.
                part = _words_within(text, qtoks)
                if part is not None:
                    scores.append(EXACT if " ".join(part[1].casefold().split()) == qcase else SPACING)
                else:
                    # "Fosuter": "Foster" in "Kevin Foster", as "Foster" would be.
                    part = _near_words_within(text, qtoks, qkey)
                    scores.append(VARIANT if score >= SPACING else score)
                    if part is None and not _shares_a_word(text, qtoks, qkey):
                        # "Seles" is Monica Seles, but a mention of her as
                        # "Monica" is no hit of "Seles"; nor "Reds" of "Cincinnati".
                        scores[-1] = 0.0
            # Another form: not the name typed, a typo's included ("Microsoft" for "microsfot"), nor its
            # words in another order; not holding the words typed ("Tang" for "Tang Xiaoou", "Shearer"
            # for "AlanShearer").
            other.append(part is None and scores[-1] < SPACING and squash(text) != qkey
                         and (score >= SPACING or not _typed_as(text, qtoks, qkey)))
            cuts.append(part or (0, text))
        # (A name mentioned a hundred thousand times stops at the cap: making
        # every hit takes a third of a second.)
        if any(other):  # two passes of a comprehension: quicker than one loop choosing per mention
            it = iter(flat)
            other_forms.extend(self._first_mentions(
                (_hit((a, ids[a], s, s + len(forms[f]), forms[f], scores[f], name))
                 for a, s, f in zip(it, it, it) if other[f] and scores[f]),
                cap, max(sc for o, sc in zip(other, scores) if o)))
            scores = [0.0 if o else sc for o, sc in zip(other, scores)]
        it = iter(flat)
        return self._first_mentions((_hit((a, ids[a], s + cuts[f][0], s + cuts[f][0] + len(cuts[f][1]), cuts[f][1],
                                           scores[f], name)) for a, s, f in zip(it, it, it) if scores[f]),
                                    cap, max(scores, default=0.0))

    def _first_mentions(self, hits: Iterator[Hit], cap: int | None, ceiling: float) -> list[Hit]:
        """The first ``cap`` of a name's hits (in article order, as its
        mentions are kept); in a bounded search no more than it allows a
        name, the article where the rest begin noted as left unread."""
        bound = getattr(self._budget, "mentions", None)
        if bound is None or cap is not None and cap <= bound:
            return list(itertools.islice(hits, cap))
        out = list(itertools.islice(hits, bound))
        if len(out) == bound:
            rest = next(hits, None)
            if rest is not None:
                self._left_unread(rest[0], ceiling)
        return out

    def _word_matches(self, qkey: str, cut: float, changes: bool = False) -> list[tuple[str, float]]:
        found = [(qkey, 100.0)] if qkey in self.words_by_key else []
        if cut <= 100:
            # (Four letters changed: names only, not any word capitalised at a
            # sentence's start: "Wren" is not "When"; unless the ``changes``
            # caller has the word's neighbours to hold it.)
            for key, score in self._word_vocab.match(qkey, cut, limit=10, changes=changes):
                if key != qkey and not _another_name(qkey, key) and _same_figures(qkey, key):
                    found.append((key, score))
        return found

    def _ahead(self, arts: Sequence[int], ceiling: float = EXACT):
        """``arts`` one by one, their texts fetched a block at a time when they
        are read from the index on first use (a warm start); no more than
        the search's ``scan`` has left, or a bounded search allows a walk
        (where a hit left unread could score ``ceiling``)."""
        texts = self.texts
        fetched = isinstance(texts, FetchedTexts)
        scan = self._budget
        left = getattr(scan, "left", None)
        walk = getattr(scan, "walk", None)
        if walk is not None and len(arts) > walk:
            self._left_unread(min(arts[walk:]), ceiling)
            arts = arts[:walk]
        if left is None and not fetched:
            yield from arts
            return
        for i in range(0, len(arts), 256):
            block = arts[i : i + 256]
            if left is not None:
                left = scan.left
                if len(block) > left:
                    block = block[:left]
                    scan.cut = True
                scan.left = left - len(block)
                if not block:
                    return
            if fetched:
                texts.prefetch(block)  # type: ignore[attr-defined]
            yield from block

    def keep_recent(self, chars: int) -> None:
        """Keep lower-case copies of texts (see :meth:`_lower`) only for the
        articles most recently searched, up to ``chars`` characters: for a
        corpus too large to hold."""
        self._lowered = Recent(chars)

    def lower_texts(self, articles: Iterable[int]) -> None:
        """Make the lower-case copies of these articles' texts now (see :meth:`_lower`)."""
        lower = self._lower
        for a in articles:
            lower(a)

    def _lower(self, a: int, text: str | None = None) -> str | None:
        """The article's text in lower case, if that keeps every offset.

        Kept once made: words and phrases are found in these copies, and
        lowering thousands of texts again was most of a common word's search.
        (At most the texts' own size again, for the articles searched.)
        ``text``: the article's text as the caller holds it, which the
        offsets found in the copy must fit: a copy that does not (one made
        from the text as read back before) is made again."""
        low = self._lowered.get(a)
        if low is None or low and text is not None and len(low) != len(text):
            if text is None:
                text = self.texts[a]
            low = text.lower()
            if len(low) != len(text):
                low = ""
            self._lowered[a] = low
        return low or None

    def _entity(self, n: int) -> Entity:
        """The ``n``-th entity.  One made from the index for a search (and
        not already made for another use) is kept among the recent ones
        (see :data:`RECENT_MENTIONS`), not for the whole session."""
        ents = self.entities.entities
        if not isinstance(ents, MadeWhenUsed):
            return ents[n]
        e = ents.made[n]
        if e is None:
            e = self._recent_entities.get(n)
            if e is None:
                e = self._recent_entities[n] = ents.make(n)
        return e

    def _occurrences(self, a: int, w: str, text: str) -> list[tuple[int, int]]:
        """(start, end) of each whole-word occurrence of ``w`` in ``text``,
        article ``a``'s (a list, not a generator: this runs for every
        article of a common word)."""
        low = self._lower(a, text)
        if low is None:
            rx = re.compile(r"(?<![^\W_])" + re.escape(w) + r"(?![^\W_])", re.IGNORECASE)
            return [m.span() for m in rx.finditer(text)]
        out = []
        n, end = len(w), len(low)
        i = low.find(w)
        while i >= 0:
            j = i + n
            if (i == 0 or not low[i - 1].isalnum()) and (j == end or not low[j].isalnum()):
                out.append((i, j))
            i = low.find(w, j)
        return out

    def _word_hits(self, qkey: str, qcase: str, cut: float, cap: int,
                   sounding: list[str] | None = None, tier: float = SOUNDS_LIKE) -> list[Hit]:
        """The text's words matching ``qkey`` (``sounding``: these keys
        instead, scored ``tier``)."""
        out = self._possessive_hits(qkey, qcase, cap) if sounding is None else []
        ids = self.ids
        matches = self._word_matches(qkey, cut) if sounding is None else [(k, 0.0) for k in sounding]
        for key, score in matches:
            other = SPACING if score == 100.0 else _fuzzy_score(score) if score else tier
            scores: dict[str, float] = {}  # per form found: "BBC", "Bbc"
            # A name mistyped is not a common word spelt right: "Angets" is not
            # "agents", though it may be "Agents" (a name the finder missed).
            lower_too = score == 100.0
            for w in self.words_by_key[key]:
                found: list[Hit] = []
                opening: list[Hit] = []  # capitalised as a sentence's first word, or in a heading's capitals
                lower = 0
                arts = self.postings[w]
                for a in self._ahead(arts, EXACT if score == 100.0 else other):
                    text = self.texts[a]
                    aid = ids[a]
                    for i, j in self._occurrences(a, w, text):
                        m = text[i:j]
                        if not lower_too and m.islower():
                            lower += 1
                            continue
                        sc = scores.get(m)
                        if sc is None:
                            sc = scores[m] = EXACT if m.casefold() == qcase else other
                        h = _hit((a, aid, i, j, m, sc, None))
                        if not lower_too and (opens_sentence(text, i) or m.isupper()):
                            opening.append(h)
                        else:
                            found.append(h)
                        if len(out) + len(found) >= cap:
                            return out + found
                # Nor is it that word opening a sentence or in capitals, where
                # the text writes it mostly in lower case ("Morey" is no "More").
                walk = getattr(self._budget, "walk", None)
                if opening and not lower_too and walk is not None and len(arts) > walk:
                    self._unsure(True)  # (decided on what was read: the rest might decide otherwise)
                if lower <= len(found) + len(opening):
                    found += opening
                out += found[: cap - len(out)]
                if len(out) >= cap:
                    return out
        return out

    def _possessive_hits(self, qkey: str, qcase: str, cap: int) -> list[Hit]:
        """"Plaque's" and "Britain’s" are the name searched for: the same
        score as the name, the highlight without the "'s"."""
        key = qkey + "s"
        if key not in self.words_by_key:
            return []
        out: list[Hit] = []
        ids = self.ids
        for w in self.words_by_key[key]:
            if not w.endswith(_POSSESSIVE):
                continue
            for a in self._ahead(self.postings[w]):
                text = self.texts[a]
                for i, j in self._occurrences(a, w, text):
                    m = text[i : j - 2]
                    out.append(_hit((a, ids[a], i, j - 2, m, EXACT if m.casefold() == qcase else SPACING, None)))
                    if len(out) >= cap:
                        return out
        return out

    def _split_hits(self, qkey: str, qcase: str, cap: int) -> list[Hit]:
        """A query typed with its spaces left out ("AlUnser") as two words
        of the text side by side, where the finder did not see the name."""
        out: list[Hit] = []
        for i in range(1, len(qkey)):
            left, right = qkey[:i], qkey[i:]
            if left in self.words_by_key and right in self.words_by_key:
                out += self._fuzzy_phrase([left, right], qcase, cap - len(out), exact=True, score=SPACING)
                if len(out) >= cap:
                    break
        return out

    def _fuzzy_phrase(self, qtoks: list[str], qcase: str, cap: int, exact: bool = False,
                      score: float | None = None) -> list[Hit]:
        """Consecutive words each matching a query word (``exact``: each the
        word itself): names the finder missed.  ``score``: what a match not
        spelt as the query scores."""
        alts: list[list[tuple[str, float]]] = []
        spelt_of = [exact or any(c.isdigit() for c in tok) or _numeral(tok) or tok in self.words_by_key
                    for tok in qtoks]
        for n, tok in enumerate(qtoks):
            # A word of the query that the text has is that word, not its
            # neighbours ("New Order" is no "new orders").
            spelt = spelt_of[n]
            # A word of four letters with one changed, where the query's other
            # words are spelt as typed and hold it: "Lird Stanley" ("Neal
            # Lancaster" is no "near Ancaster").
            held = len(qtoks) > 1 and all(spelt_of[:n] + spelt_of[n + 1:])
            matches = self._word_matches(tok, 101.0 if spelt else threshold(tok), changes=held)
            if not matches:
                return []
            alts.append([(w, s) for key, s in matches for w in self.words_by_key[key]])
            if spelt and tok + "s" in self.words_by_key:  # its possessive: "Standard & Poor's"
                alts[-1] += [(w, 100.0) for w in self.words_by_key[tok + "s"] if w.endswith(_POSSESSIVE)]
        arts: set[int] | None = None
        for group in alts:
            s: set[int] = set()
            for w, _ in group:
                s.update(self.postings[w])
            arts = s if arts is None else arts & s
            if not arts:
                return []
        choice = lambda words: "(?:" + "|".join(re.escape(w) for w in words) + ")"  # noqa: E731
        # Between the words, anything but a letter or a blank line (a name
        # may be hard-wrapped, never split over paragraphs).
        sep = r"(?:(?!\n\s*\n)\W)+"
        tail = "".join(sep + choice([w for w, _ in group]) for group in alts[1:]) + r"(?![^\W_])"
        firsts: dict[str, list[str]] = {}  # the first word's choices, by their first letter
        for w, _ in alts[0]:
            firsts.setdefault(w[:1], []).append(w)
        rx = Matcher(  # the words are lower case
            choice([w for w, _ in alts[0]]) + tail, underscore=False,
            starts=[choice(ws) + tail for ws in firsts.values()] if len(firsts) > 1 else (),
        )
        # Each word as matched, to score the span by the words it holds (not
        # by the best spelling anywhere: "New orders" is no "New Order").
        word_score = [dict(group) for group in alts]
        best = [max(s for _, s in group) for group in alts]  # (a word lowered otherwise than its key)
        words_of = None
        each_word = score is None and min(s for group in alts for _, s in group) < 100.0
        scored: dict[str, float] = {}  # by the text matched: a name is mostly written one way or a few

        def score_of(text: str) -> float:
            nonlocal words_of
            if " ".join(text.casefold().split()) == qcase:
                return EXACT
            worst = min(best)
            if each_word:
                if words_of is None:
                    words_of = re.compile(sep.join("(" + choice([w for w, _ in g]) + ")" for g in alts),
                                          re.IGNORECASE).fullmatch
                m = words_of(text)
                words = m.groups() if m else ()
                worst = min([ws.get(w.lower(), b) for ws, w, b in zip(word_score, words, best)] or best)
            if score is not None:
                return score
            return SPACING if worst == 100.0 else _fuzzy_score(worst)

        # (The best a match can score: its words as typed only where each is spelt as typed.)
        ceiling = EXACT if min(best) == 100.0 else score if score is not None else _fuzzy_score(min(best))
        out = []
        for a in self._ahead(sorted(arts or ()), ceiling):
            full = self.texts[a]
            for i, j in rx.spans(full, self._lower(a, full)):
                if full.endswith(_POSSESSIVE, i, j) and not qcase.endswith("s"):
                    j -= 2  # the possessive's ending is no part of the name
                text = full[i:j]
                got = scored.get(text)
                if got is None:
                    got = scored[text] = score_of(text)
                out.append(_hit((a, self.ids[a], i, j, text, got, None)))
                if len(out) >= cap:
                    return out
        return out


class SearchKeys(namedtuple("SearchKeys", "by_key by_sorted ent_vocab word_vocab word_extra odd_words")):
    """What a search index derives from a corpus's words and entities:

    * ``by_key``: folded name → entity numbers;
    * ``by_sorted``: token-sorted folded name → entity numbers;
    * ``ent_vocab``, ``word_vocab``: the folded names and words, shortest first;
    * ``word_extra``: folded word → its words, where that is not just itself;
    * ``odd_words``: words whose folded form is another.
    """

    __slots__ = ()


class _WordsByKey:
    """Folded key → the words of the text with that key ("dont" → "don't",
    "zurich" → "zürich").  Most words are their own key: only the others are kept."""

    def __init__(self, postings: Mapping[str, Sequence[int]], extra: Mapping[str, list[str]],
                 odd: list[str] | AbstractSet[str]) -> None:
        """``extra`` and ``odd`` as :func:`_search_keys` made them, or read back
        from the index (looked up there: no set of them all is made)."""
        self.postings = postings
        self.extra = extra
        self.odd = set(odd) if isinstance(odd, list) else odd

    def __contains__(self, key: str) -> bool:
        return key in self.extra or (key in self.postings and key not in self.odd)

    def __getitem__(self, key: str) -> list[str]:
        words = self.extra.get(key)
        if words is not None:
            return words
        if key in self.postings and key not in self.odd:
            return [key]
        raise KeyError(key)


def _search_keys(postings: Mapping[str, Sequence[int]], entities: EntityIndex) -> SearchKeys:
    # Folded key → its words.  Most words are their own key, so no list is
    # made for those (half a million lists at 100,000 articles).
    first: dict[str, str] = {}  # key → its first word
    more: dict[str, list[str]] = {}  # key → its words, where there are several
    for w in postings:
        # An ASCII word (lower case already) folds by dropping its apostrophe.
        k = w.replace("'", "") if w.isascii() else squash(w)
        f = first.get(k)
        if f is None:
            first[k] = w
        elif k in more:
            more[k].append(w)
        else:
            more[k] = [f, w]
    extra = {k: more.get(k) or [w] for k, w in first.items() if w != k or k in more}
    odd = [w for k, ws in extra.items() for w in ws if w != k]
    by_key, by_sorted = _entity_keys(entities)
    # Vocabularies shortest first, then in order: the same in every run (the
    # words come in an order that depends on string hashing).
    return SearchKeys(by_key, by_sorted, sorted(sorted(by_key), key=len), sorted(sorted(first), key=len), extra, odd)


def _entity_keys(entities: EntityIndex) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Folded key → entity numbers, and token-sorted key → entity numbers."""
    by_key: dict[str, list[int]] = {}
    by_sorted: dict[str, list[int]] = {}

    def add(table: dict[str, list[int]], k: str, n: int) -> None:
        ns = table.get(k)
        if ns is None:
            table[k] = [n]
        elif ns[-1] != n:  # entities come in order: a repeat is the last one
            ns.append(n)

    for n, (key, name, variants) in enumerate(entities.heads()):
        name_folded = None
        for v in (*variants, key) if name in variants else (*variants, name, key):
            folded = fold_once(v.replace("-", " "))  # squash(v) is this without spaces
            if v == name:
                name_folded = folded
            add(by_key, folded.replace(" ", ""), n)
            if " " in folded:
                add(by_sorted, " ".join(sorted(folded.split())), n)
        add(by_key, group_key(name, name_folded).replace(" ", ""), n)
    by_key.pop("", None)
    return by_key, by_sorted


class Matcher:
    """Whole-word matches of a lower-case pattern, case-insensitively.

    Searched in the text's lower-case copy when lowering keeps every offset
    (a case-sensitive pattern that starts with its words lets the regex engine
    skip ahead to them: several times faster than ``IGNORECASE``), else in the
    text itself.  That a match starts a word (not after a letter or digit, or
    with ``underscore`` "_") is checked here rather than by a look-behind at
    the head of the pattern, which would make the engine try every position.
    """

    def __init__(self, pattern: str, underscore: bool, starts: Sequence[str] = ()) -> None:
        self.lower = re.compile(pattern)
        self.any_case = re.compile(pattern, re.IGNORECASE)
        self.underscore = underscore
        # Parts of the pattern that each begin with a literal, and together
        # match where it does ("gordon|gorton|cordon ..." as "gor(?:don|ton)
        # ..." and "cordon ..."): the engine skips ahead to a literal but
        # tries an alternation of first letters at every position, ten times slower.
        self.starts = [re.compile(p).search for p in starts]

    def spans(self, text: str, low: str | None):
        if low is not None and self.starts:
            yield from self._spans_from_starts(text, low)
            return
        search = self.lower.search if low is not None else self.any_case.search
        hay = low if low is not None else text
        underscore = self.underscore
        pos = 0
        while True:
            m = search(hay, pos)
            if m is None:
                return
            s, e = m.span()
            if s and (text[s - 1].isalnum() or (underscore and text[s - 1] == "_")):
                pos = s + 1
                continue
            yield s, e
            pos = e if e > s else s + 1

    def _spans_from_starts(self, text: str, low: str):
        """:meth:`spans`: every place one of the parts matches is a place the
        whole pattern matches; it is matched there, leftmost first, as the
        single search would."""
        at = set()
        for search in self.starts:
            m = search(low)
            while m is not None:
                at.add(m.start())
                m = search(low, m.start() + 1)
        match, underscore = self.lower.match, self.underscore
        pos = 0
        for s in sorted(at):
            if s < pos or (s and (text[s - 1].isalnum() or (underscore and text[s - 1] == "_"))):
                continue
            m = match(low, s)
            if m is None:
                continue  # (a part matched where the whole cannot)
            e = m.end()
            yield s, e
            pos = e if e > s else s + 1


_INITIAL_DOT = lazy(r"(?<=[^\W\d_])(?<![^\W\d_]{2})\.")


def spelling_key(s: str) -> str:
    """A place's spelling as a search key (not squash: forty thousand
    spellings would only churn fold's cache)."""
    bare = s.replace(" ", "")
    if bare.isascii() and bare.isalpha():
        return bare  # (most of them, lower case already: a third of the time)
    return fold_once(s.replace("-", " ")).replace(" ", "")


def _spelling_group(name: str, others: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(spelling_key(s) for s in (name, *others.split("|"))))


@cache
def _place_spellings() -> dict[str, tuple[str, ...]]:
    """Another spelling of a place, as a search key → the keys of the
    place's name and of all its spellings (see
    :func:`tui.core.names.place_spellings`)."""
    from .names import place_spellings

    out: dict[str, tuple[str, ...]] = {}
    for name, others in place_spellings().items():
        group = _spelling_group(name, others)
        for k in group[1:]:
            out.setdefault(k, group)
    out.pop("", None)
    return out


def _spellings_of(qkey: str) -> tuple[str, ...]:
    """``_place_spellings().get(qkey, ())``, from the table once a session
    has built it, else from the two rows the key needs (a one-shot command)."""
    if _place_spellings.cache_info().currsize:
        return _place_spellings().get(qkey, ())
    return _spellings_read(qkey)


def _spellings_read(qkey: str) -> tuple[str, ...]:
    from .names import row

    name = row("place_spelling_keys.tsv.gz", qkey)
    others = row("place_spellings.tsv.gz", name) if name else None
    return _spelling_group(name, others) if name and others else ()


# The gazetteers a query is weighed with, read a row at a time (see names.row).
_GIVEN, _SURNAMES, _WORDS = "given_names.tsv.gz", "surnames.tsv.gz", "words.tsv.gz"
# A surname this common (people in 100,000, US census) is one family's, not a typo of another's.
_COMMON_SURNAME = 10
# A word English text writes once in a million words or more (Zipf 3, in tenths).
_ENGLISH_WORD = 30


def _another_name(q: str, k: str, given: bool = True) -> bool:
    """Whether key ``k``, near the query's ``q``, is someone else's name
    rather than a typo of it: two given names, the one typed being one that
    English text writes (Henrique and Enrique, Indra and India: a typo is
    seldom a written word), or two common surnames (McGill and McCall)."""
    from .names import count

    if given and count(_GIVEN, q) and count(_GIVEN, k) and count(_WORDS, q):
        return True
    return count(_SURNAMES, q) >= _COMMON_SURNAME and count(_SURNAMES, k) >= _COMMON_SURNAME


def _english_word(qkey: str) -> bool:
    """A one-word query that English text writes once in a million words
    or more ("Guest", "Sears", "Fuse"): meant as typed, like a known name
    (see :func:`_known_name`).  Only for typos: a transliteration is still
    looked for ("Muhammad", Zipf 3.9, is also written Mohammed)."""
    from .names import count

    return count(_WORDS, qkey) >= _ENGLISH_WORD


def _known_name(qtoks: list[str]) -> bool:
    """Every word of the query is a known given name or place (the census's
    given names borne by 2 in 100,000 or more, GeoNames' places): taken as
    meant, not as a typo of a name one letter away ("Alberta" is not Albert,
    "Carmel" not Carmen).  A rarer name ("Kevon") is as often a typo.
    Surnames are left out: one surname typed wrong is often another (a
    measured loss of 1.3 points of typo queries found, for 2 points of
    absent names)."""
    from .names import count, row

    return (all(len(w) < 2 or count(_GIVEN, w) >= 2 or row("places.tsv.gz", w) for w in qtoks)
            and any(len(w) >= 2 for w in qtoks))


def _common_surname(qtoks: list[str]) -> bool:
    """The query is one surname that 10 in 100,000 bear, as the census
    writes it: meant as typed, not another romanisation of a name (Frazier
    is not Fraser).  Only for that tier: as a typo, one common surname is
    often another's (see :func:`_known_name`)."""
    from .names import count

    return len(qtoks) == 1 and count(_SURNAMES, qtoks[0]) >= _COMMON_SURNAME


_FORM_WORD = lazy(r"[^\s-]+")


def _form_words(form: str) -> list[tuple[int, int, str]]:
    """A form's words: (start, end, folded)."""
    return [(m.start(), m.end(), fold(m.group())) for m in _FORM_WORD.finditer(form)]


def _words_within(form: str, qtoks: list[str]) -> tuple[int, str] | None:
    """Where the query's words (folded) stand together inside a longer form
    of a name: (offset, that text), or None."""
    pieces = _form_words(form)
    n = len(qtoks)
    if not qtoks or len(pieces) <= n:
        return None
    folded = [p[2] for p in pieces]
    for i in range(len(pieces) - n + 1):
        if folded[i : i + n] == qtoks:
            start, end = pieces[i][0], pieces[i + n - 1][1]
            return start, form[start:end]
    return None


def indel_ratio(a: str, b: str) -> float:
    """rapidfuzz's ``fuzz.ratio`` for a few words, without loading rapidfuzz
    (a tenth of a warm one-shot search): 100 × twice the longest common
    subsequence over the lengths together."""
    if not a or not b:
        return 100.0 if a == b else 0.0
    row = [0] * (len(b) + 1)
    for ca in a:
        diag = 0
        for j, cb in enumerate(b):
            diag, row[j + 1] = row[j + 1], diag + 1 if ca == cb else max(row[j + 1], row[j])
    return 200.0 * row[-1] / (len(a) + len(b))


def _near_words_within(form: str, qtoks: list[str], qkey: str) -> tuple[int, str] | None:
    """Where words near the query's (typed with a typo) stand together inside
    a longer form of a name, when they are nearer the query than the whole
    form is: (offset, that text), or None."""
    pieces = _form_words(form)
    n = len(qtoks)
    if not qtoks or len(pieces) <= n:
        return None
    best, found = indel_ratio(qkey, squash(form)), None
    for i in range(len(pieces) - n + 1):
        words = [p[2] for p in pieces[i : i + n]]
        if all(w.startswith(t) if len(t) == 1 else indel_ratio(t, w) >= WORD_NEAR for t, w in zip(qtoks, words)):
            near = indel_ratio(qkey, "".join(words))
            if near > best:
                start, end = pieces[i][0], pieces[i + n - 1][1]
                best, found = near, (start, form[start:end])
    return found


def _shares_a_word(form: str, qtoks: list[str], qkey: str) -> bool:
    """Whether a form of a name has a word typed (or near one, or within a
    query typed without spaces), or is the initials of the words typed, or
    they of it ("UN", "United Nations")."""
    words = fold(form.replace("-", " ")).split()
    if not words:
        return False
    for w in words:
        for t in qtoks:
            if w == t or (len(t) > 1 and indel_ratio(t, w) >= WORD_NEAR) or (len(w) >= 3 and w in t):
                return True
    initials = "".join(t[0] for t in qtoks)
    return "".join(words) == initials or qkey == "".join(w[0] for w in words)


def _typed_as(form: str, qtoks: list[str], qkey: str) -> bool:
    """Whether ``form`` is the name typed, with a typo or in another order:
    as many words, each near one typed ("Microsoft" for "microsfot", "Tony
    Blair" for "Blair Tony"); one word typed is near as a whole too
    ("Shearer" is not "AlanShearer")."""
    if len(_form_words(form)) != len(qtoks) or not _each_word_near(qtoks, form):
        return False
    return len(qtoks) > 1 or indel_ratio(qkey, squash(form)) >= threshold(qkey)


def _is_acronym(term: str) -> bool:
    """A short query in capitals ("US", "UN", "NATO"), or their plural
    ("MPs", "NGOs"): it means the capitals ("ADDCs" is not "Adds")."""
    letters = [c for c in _singular(term) if c.isalpha()]
    return 2 <= len(letters) <= 4 and all(c.isupper() for c in letters)


def _singular(word: str) -> str:
    """An acronym without its plural "s" ("MPs", "NGO's"): the rest in capitals."""
    for end in ("'s", "’s", "s"):
        if word.endswith(end) and word[: -len(end)].isupper():
            return word[: -len(end)]
    return word


def _in_capitals(match: str) -> bool:
    return _singular(match).isupper()


def _fuzzy_score(ratio: float) -> float:
    return round(min(FUZZY_MAX, ratio * FUZZY_MAX / 100.0), 1)


def _better(h: Hit, old: Hit) -> bool:
    """Of two hits on one span, the higher score, then the entity's."""
    return (h.score, h.entity is not None) > (old.score, old.entity is not None)


_SCORE = itemgetter(5)
_ARTICLE_AND_START = itemgetter(0, 2)


def _SPAN_BEST_FIRST(h: Hit) -> tuple:
    return h[0], h[2], h[3], -h[5], h[6] is None


def _may_replace(longer: Hit, kept: Hit) -> bool:
    """Whether an overlapping longer hit takes a kept one's place: a form of
    the same name does ("DeepBlue Technology" for "DeepBlue"), a typo match
    only if it scores no lower ("Dmitri Dashinski Belarus" at 72 does not
    replace "Dmitri Dashinski" at 100)."""
    return longer[5] >= VARIANT or longer[5] >= kept[5]


def _with_related(hits: list[Hit], other_forms: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """The hits, and the other forms of the names found that stay apart: those
    in an article with a hit, off its spans.  An article where the name
    appears only in another form keeps those as its hits, so no article
    the name is in is lost."""
    if not other_forms:
        return hits, []
    others = best_spans(other_forms)
    with_hits = {h[0] for h in hits}
    related, promoted = [], []
    # One walk over both lists, each in article and text order; hits never overlap one another.
    j, n = 0, len(hits)
    for h in others:
        a = h[0]
        if a not in with_hits:
            promoted.append(h)
            continue
        while j < n and (hits[j][0] < a or hits[j][0] == a and hits[j][3] <= h[2]):
            j += 1
        if j == n or hits[j][0] != a or hits[j][2] >= h[3]:
            related.append(h)
    if promoted:  # articles without a hit: the two lists stay in article and text order
        hits = list(heapq.merge(hits, promoted, key=_ARTICLE_AND_START))
    return hits, related


def _settles(result: SearchResult, top: int, unread: int, ceiling: float) -> bool:
    """Whether a bounded search's first ``top`` hits are the whole answer's:
    everything it left unread lies in later articles (from ``unread`` on)
    and can score no more than ``ceiling``, no more than they do, so it
    ranks after them (hits of one score are in article order) and cannot
    change their articles (a longer span found there would take a hit's place)."""
    if not result.partial:
        return True
    head = result.hits[:top]
    if head and head[0][5] <= OTHER_NAME:
        return False  # (what the text writes instead is told from all the hits: SearchResult.spelt_otherwise)
    return len(head) == top and head[-1][5] >= ceiling and all(h[0] < unread for h in head)


def best_spans(hits: list[Hit]) -> list[Hit]:
    """One hit per place, in article and text order.  Of hits on one span the
    first with the highest score stays (an entity's before a bare word's);
    where hits overlap, the longer (the whole name) stays with its own score:
    "DeepBlue Technology" found by "DeepBlue" is a variant, ranked as one —
    unless it is only a typo match scoring lower (see :func:`_may_replace`)."""
    # Each span's best first (stable: among equals, the first found): an
    # overlapping longer hit is weighed against it, not against a worse one.
    hits.sort(key=_SPAN_BEST_FIRST)
    out: list[Hit] = []
    last_article = kept_end = last_start = last_end = -1
    kept_len = 0
    kept = False  # whether the span of the hit before is the one kept
    # One sweep: the same span again, an overlap (the longer stays), or a new place.
    for h in hits:
        a, s, e = h[0], h[2], h[3]
        if s == last_start and e == last_end and a == last_article:
            if kept and _better(h, out[-1]):
                out[-1] = h
            continue
        last_start, last_end = s, e
        if a == last_article and s < kept_end:
            kept = e - s > kept_len and _may_replace(h, out[-1])
            if kept:
                out[-1] = h
                kept_end, kept_len = e, e - s
            continue
        out.append(h)
        kept = True
        last_article, kept_end, kept_len = a, e, e - s
    return out