"""What the index gives back, as the stages that read it see it.

The store (:mod:`tui.core.cache`) makes these from its bytes; search, names
and the library read them through these interfaces alone, so that none of
them knows a byte layout, and none probes an object for what it can do.
"""

from __future__ import annotations

from abc import abstractmethod
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence

TYPE_CHECKING = False  # (typing itself is not imported: a one-shot command's milliseconds)
if TYPE_CHECKING:
    from typing import Any


class StoredStrings(Sequence):
    """Strings read back from the index, each decoded when asked for.
    ``firsts[n]``, if stored (keys kept shortest first), is the index of the
    first string at least ``n`` characters long."""

    __slots__ = ()
    firsts: Sequence[int] | None

    @abstractmethod
    def decode_all(self) -> list[str]:
        """Every string, decoded once and kept."""

    @property
    @abstractmethod
    def decoded(self) -> bool:
        """Whether every string is decoded and kept (:meth:`decode_all` has run)."""

    @abstractmethod
    def joined(self, a: int, b: int) -> str:
        """Strings ``a`` to ``b - 1`` newline-joined."""


class StoredPostings(Mapping):
    """Key → integer list, read back from the index."""

    __slots__ = ()

    @abstractmethod
    def decode_keys(self) -> None:
        """Decode every key now (for a session that will look up thousands)."""


class StoredArrays(Sequence):
    """Integer lists stored end to end: ``ends[n]`` is where the n-th ends in ``body``."""

    __slots__ = ()
    ends: Sequence[int]
    body: Any  # (integers, or bytes, or the store's own lazily read run of them)


class Arrays(StoredArrays):
    """Integer lists (or byte strings) end to end, as stored: the n-th is
    sliced out when asked for.  ``ends[n]`` is where the n-th ends (the
    first starts at 0).  Either may be the store's own lazily read run."""

    __slots__ = ("ends", "body")

    def __init__(self, ends: Sequence[int], body: Any) -> None:
        self.ends = ends
        self.body = body

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, n: int) -> Any:  # type: ignore[override]  # (no slices: never asked for)
        if n < 0:
            n += len(self.ends)
        if not 0 <= n < len(self.ends):
            raise IndexError(n)
        if n:
            a, b = self.ends[n - 1 : n + 1]  # (one read where the ends are left in the database)
            return self.body[a:b]
        return self.body[0 : self.ends[0]]


class FetchedTexts(Sequence):
    """Article texts fetched from the index when first asked for."""

    __slots__ = ()

    @abstractmethod
    def prefetch(self, indices: Iterable[int]) -> None:
        """Fetch these texts now, many at a time."""


class MadeWhenUsed(Sequence):
    """Objects made from stored rows, each when first asked for and then
    kept in ``made``: a one-shot command over a big corpus uses a few."""

    def __init__(self, n: int) -> None:
        self.made: list = [None] * n

    @abstractmethod
    def make(self, n: int):
        """The ``n``-th object, made from its stored row."""

    def __len__(self) -> int:
        return len(self.made)

    def __getitem__(self, n):
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self.made)))]
        obj = self.made[n]
        if obj is None:
            obj = self.made[n] = self.make(n)
        return obj

    def __iter__(self):
        return (self[n] for n in range(len(self.made)))


class Recent(OrderedDict):
    """The values most recently stored, as many as fit ``budget`` (their
    lengths summed), the oldest forgotten first: what a session over a
    corpus too large to hold keeps of the texts its searches read.  Safe to
    share between threads (an eviction is one atomic ``popitem``; the running
    size may drift by a value when two threads store at once)."""

    def __init__(self, budget: int) -> None:
        super().__init__()
        self.budget, self.size = budget, 0

    def __setitem__(self, key, value) -> None:
        old = self.pop(key, None)
        if old is not None:
            self.size -= len(old)
        super().__setitem__(key, value)
        self.size += len(value)
        while self.size > self.budget and len(self) > 1:
            try:
                _, gone = self.popitem(last=False)
            except KeyError:
                break
            self.size -= len(gone)
