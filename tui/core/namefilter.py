"""Filtering a corpus's names as a user types: the entity panel's engine.

Names and their variants are folded (case, accents, punctuation) once — or
taken already folded from the search index's keys.  A filter keeps the names
holding what is typed (spaces aside: "tangxiao" and "tang xiao" alike); if
few do, names whose words are each near a word typed ("carie" → Carrie Lam,
"gordn brown" → Gordon Brown), in any order, the last word also matching as
a beginning (it may not be typed out yet).  Results keep the entities' order
(most mentioned first).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence

from .entities import Entity, PackedEntities, fold

FEW = 20  # fewer plain matches than this: look for near spellings too
NEAR = 80  # rapidfuzz ratio a word must reach to count as the word typed


class NameFilter:
    """``keys[i]``: entity i's folded names and variants, each with its words
    spaced, in any order (see :meth:`from_search_keys`)."""

    def __init__(self, entities: Sequence[Entity], keys: Sequence[Iterable[str]] | None = None) -> None:
        self.entities = entities
        if keys is None:
            keys = [[fold(v) for v in (e.name, *e.variants)] for e in entities]
        squashed: list[str] = []
        words: dict[str, list[int]] = {}
        for i, forms in enumerate(keys):
            forms = list(forms)
            squashed.append("\t".join(f.replace(" ", "") for f in forms))
            for w in {w for f in forms for w in f.split()}:
                words.setdefault(w, []).append(i)
        # All names in one string, an entity a line: a plain match is a str.find away.
        self._blob = "\n".join(squashed) + "\n"
        self._starts: list[int] = []
        pos = 0
        for s in squashed:
            self._starts.append(pos)
            pos += len(s) + 1
        self._words = words
        self._sorted = sorted(words)
        # Every word by length, and where each length starts: the words within
        # two letters of a typed one are one slice, not a list built per keystroke.
        self._by_len = sorted(self._sorted, key=len)
        self._len_starts = [0] * (len(self._by_len[-1]) + 2 if self._by_len else 1)
        for n in range(len(self._len_starts)):
            self._len_starts[n] = bisect_left(self._by_len, n, key=len)
        self._near_cache: dict[str, set[str]] = {}  # typed word → words near it

    @classmethod
    def from_search_keys(cls, entities: Sequence[Entity], by_key: Mapping[str, Sequence[int]],
                         by_sorted: Mapping[str, Sequence[int]]) -> NameFilter:
        """From the search index's tables (folded key → entities, with spaces
        squashed and with words sorted): no name is decoded or folded again,
        which for 300,000 names takes seconds."""
        forms: list[list[str]] = [[] for _ in range(len(entities))]
        for table in (by_sorted, by_key):
            for key, ents in table.items():
                for i in ents:
                    forms[i].append(key)
        return cls(entities, forms)

    @classmethod
    def of_first(cls, entities: Sequence[Entity], n: int) -> NameFilter:
        """From the first ``n`` entities only (the most mentioned), folded
        here, each with its words also sorted (as the index's keys are): for
        a corpus of more names than are worth holding folded (1.9 million
        names, at a million articles, took 1 GB).  Entities read from the
        index are not made (their names are read from their rows)."""
        keys = []
        for i in range(min(n, len(entities))):
            if isinstance(entities, PackedEntities):
                name, variants = entities.names(i)
            else:
                name, variants = entities[i].name, entities[i].variants
            forms = [fold(v) for v in (name, *variants)]
            keys.append(forms + [" ".join(sorted(f.split())) for f in forms if " " in f])
        return cls(entities, keys)

    def __call__(self, text: str, limit: int = 500) -> list[int]:
        """Indices into ``entities`` of the names ``text`` keeps, at most ``limit``."""
        needle = fold(text)
        if not needle:
            return list(range(min(limit, len(self.entities))))
        out = self._plain(needle.replace(" ", ""), limit)
        if len(out) >= min(FEW, limit) or len(needle.replace(" ", "")) < 3:
            return out
        seen = set(out)
        out += [i for i in self._near(needle.split()) if i not in seen][: limit - len(out)]
        return out

    def _plain(self, needle: str, limit: int) -> list[int]:
        out: list[int] = []
        blob, starts = self._blob, self._starts
        p = blob.find(needle)
        while p >= 0 and len(out) < limit:
            i = bisect_right(starts, p) - 1
            out.append(i)
            p = blob.find(needle, starts[i + 1] if i + 1 < len(starts) else len(blob))
        return out

    def _near(self, typed: list[str]) -> list[int]:
        from rapidfuzz import fuzz, process

        found: set[int] | None = None
        for n, word in enumerate(typed):
            matches = self._near_cache.get(word)
            if matches is None:
                # Words within two letters of its length: the only ones a ratio of 80 lets through.
                starts = self._len_starts
                pool = self._by_len[starts[min(len(starts) - 1, max(1, len(word) - 2))]:
                                    starts[min(len(starts) - 1, len(word) + 3)]]
                matches = {w for w, _score, _ in process.extract(word, pool, scorer=fuzz.ratio, score_cutoff=NEAR,
                                                                 limit=200)}
                if len(self._near_cache) > 256:
                    self._near_cache.clear()
                # (Typing "wenger arsene" asks for "wenger" again at every letter of "arsene".)
                self._near_cache[word] = matches
            matches = set(matches)
            if n == len(typed) - 1 and len(word) >= 2:
                lo = bisect_left(self._sorted, word)
                hi = bisect_left(self._sorted, word + "\uffff")
                matches.update(self._sorted[lo:hi][:2000])
            these = {i for w in matches for i in self._words[w]}
            found = these if found is None else found & these
            if not found:
                return []
        return sorted(found or ())
