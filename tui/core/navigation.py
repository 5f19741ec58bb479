"""Hit-to-hit navigation across a corpus, independent of any UI."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress

from .search import Hit, SearchResult


class HitsFirst(Sequence):
    """The sidebar's order while a search is on: the articles with hits
    (``hits``, in the order given), then every other article of the ``n``
    in corpus order.  Rows and positions are worked out when asked for:
    at a million articles, a list of them and a dict of their rows took
    a quarter of a second of the interface's thread at every answer."""

    __slots__ = ("hits", "n", "_sorted", "_row")

    def __init__(self, hits: Sequence[int], n: int) -> None:
        self.hits, self.n = hits, n
        self._sorted = sorted(hits)
        self._row = {a: k for k, a in enumerate(hits)}

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, pos):
        if isinstance(pos, slice):
            return [self[i] for i in range(*pos.indices(self.n))]
        if pos < 0:
            pos += self.n
        if not 0 <= pos < self.n:
            raise IndexError(pos)
        k = len(self.hits)
        if pos < k:
            return self.hits[pos]
        # The r-th article without hits: the first whose count of articles
        # without hits, itself included, reaches r + 1 (at most k further on).
        r, s = pos - k, self._sorted
        lo, hi = r, r + k
        while lo < hi:
            mid = (lo + hi) // 2
            if mid - bisect_right(s, mid) >= r:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def position(self, article: int) -> int | None:
        """The row of ``article`` (None: no article of the corpus)."""
        k = self._row.get(article)
        if k is not None:
            return k
        if not 0 <= article < self.n:
            return None
        return len(self.hits) + article - bisect_left(self._sorted, article)

    def __contains__(self, article: object) -> bool:
        return isinstance(article, int) and 0 <= article < self.n

    def __iter__(self) -> Iterator[int]:
        rest = bytearray(b"\x01") * self.n
        for a in self.hits:
            rest[a] = 0
        return chain(self.hits, compress(range(self.n), rest))


@dataclass
class HitNavigator:
    """Orders a search's hits for reading: articles by hit count, hits by position.

    ``n``/``N`` walk this order, crossing from one article into the next.
    """

    result: SearchResult | None = None
    by_article: dict[int, list[Hit]] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # articles with hits, most first
    flat: list[Hit] = field(default_factory=list)
    current: int = -1
    # The name found written another way, by article: shown, never stepped to.
    related: dict[int, list[Hit]] = field(default_factory=dict)

    @classmethod
    def from_result(cls, result: SearchResult) -> HitNavigator:
        by_article: dict[int, list[Hit]] = {}
        for h in result.hits:
            by_article.setdefault(h.article, []).append(h)
        for hits in by_article.values():
            hits.sort(key=lambda h: h.start)
        order = sorted(by_article, key=lambda a: (-len(by_article[a]), a))
        flat = [h for a in order for h in by_article[a]]
        related: dict[int, list[Hit]] = {}
        for h in getattr(result, "related", ()):
            related.setdefault(h.article, []).append(h)
        return cls(result, by_article, order, flat, 0 if flat else -1, related)

    @property
    def active(self) -> bool:
        return self.result is not None

    @property
    def total(self) -> int:
        return len(self.flat)

    @property
    def hit(self) -> Hit | None:
        return self.flat[self.current] if 0 <= self.current < len(self.flat) else None

    def count(self, article: int) -> int:
        return len(self.by_article.get(article, ()))

    def hits_in(self, article: int) -> list[Hit]:
        return self.by_article.get(article, [])

    def related_in(self, article: int) -> list[Hit]:
        return self.related.get(article, [])

    def step(self, delta: int) -> Hit | None:
        """Move to the next (+1) or previous (-1) hit, wrapping around."""
        if not self.flat:
            return None
        self.current = (self.current + delta) % len(self.flat)
        return self.flat[self.current]

    def first_in(self, article: int) -> Hit | None:
        """Make the first hit of ``article`` current (when the user opens it)."""
        hits = self.by_article.get(article)
        if not hits:
            return None
        self.current = self.flat.index(hits[0])
        return hits[0]

    def go_to(self, hit: Hit) -> bool:
        """Make the hit at ``hit``'s place current, if this search has it."""
        for h in self.by_article.get(hit.article, ()):
            if h.start == hit.start:
                self.current = self.flat.index(h)
                return True
        return False

    def status(self) -> str:
        if self.result is None:
            return ""
        partial = getattr(self.result, "partial", False)
        if not self.flat:
            if partial:
                return "searching…"
            offer = getattr(self.result, "suggestions", None)
            return f"no match · did you mean {' or '.join(offer[:3])}?" if offer else "no match"
        plus = "…" if partial else "+" if self.result.truncated else ""
        n_art = len(self.order)
        other = self.result.spelt_otherwise()
        written = f" · written {other}" if other else ""
        more = " · searching…" if partial else ""
        return (f"hit {self.current + 1:,}/{len(self.flat):,}{plus} · {n_art:,}{plus} "
                f"article{'s' if n_art != 1 else ''}{written}{more}")

    def sidebar_order(self, n_articles: int, only_hits: bool) -> Sequence[int]:
        """Articles with hits first, by count; then (unless filtered) the rest in corpus order."""
        if self.result is None:
            return range(n_articles)
        if only_hits:
            return list(self.order)
        return HitsFirst(self.order, n_articles)
