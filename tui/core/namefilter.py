"""Filtering a corpus's names as a user types: the entity panel's engine.

Names and their variants are folded once (case, accents, punctuation).  A
filter keeps the names holding it; if few do, names whose words are each
near a word typed ("carie" → Carrie Lam, "gordn brown" → Gordon Brown), the
last word also matching as a beginning (it may not be typed out yet).
Results keep the entities' order (most mentioned first).
"""

from __future__ import annotations

from collections.abc import Sequence

from .entities import Entity, fold

FEW = 20  # fewer plain matches than this: look for near spellings too
NEAR = 80  # rapidfuzz ratio a word must reach to count as the word typed


class NameFilter:
    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        self.keys = [fold(" ".join((e.name, *e.variants))) for e in entities]
        words: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            for w in set(key.split()):
                words.setdefault(w, []).append(i)
        self._words = words
        self._vocab = list(words)

    def __call__(self, text: str, limit: int = 500) -> list[int]:
        """Indices into ``entities`` of the names ``text`` keeps, at most ``limit``."""
        needle = fold(text)
        if not needle:
            return list(range(min(limit, len(self.entities))))
        out = []
        for i, key in enumerate(self.keys):
            if needle in key:
                out.append(i)
                if len(out) >= limit:
                    return out
        if len(out) >= FEW or len(needle.replace(" ", "")) < 3:
            return out
        near = self._near(needle.split())
        seen = set(out)
        out += [i for i in near if i not in seen][: limit - len(out)]
        return out

    def _near(self, typed: list[str]) -> list[int]:
        from rapidfuzz import fuzz, process

        found: set[int] | None = None
        for n, word in enumerate(typed):
            matches = {w for w, _score, _ in process.extract(word, self._vocab, scorer=fuzz.ratio, score_cutoff=NEAR,
                                                                 limit=200)}
            if n == len(typed) - 1 and len(word) >= 2:
                matches.update(w for w in self._vocab if w.startswith(word))
            these = {i for w in matches for i in self._words[w]}
            found = these if found is None else found & these
            if not found:
                return []
        return sorted(found or ())
