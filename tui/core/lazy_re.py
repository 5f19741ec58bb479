"""Regular expressions compiled when first used, not when their module is imported.

The app imports the name finder and the loader before its first frame, but
on a warm start it never runs their patterns: the names come from the
index.  Compiling the forty-odd module-level patterns took about 10 ms of
that first frame.  A :class:`LazyPattern` costs nothing until it is used,
and after its first use it costs nothing more: the compiled pattern's
methods become the object's own attributes, so ``_RX.search`` is a plain
attribute lookup from then on (no wrapper call in the name finder's loops).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

TYPE_CHECKING = False  # (typing itself is not imported: a one-shot command's milliseconds)
if TYPE_CHECKING:
    from typing import Any, AnyStr, Generic

    class _Generic(Generic[AnyStr]):
        pass
else:
    AnyStr = str  # (only subscripts the base below, which ignores it)

    class _Generic:
        def __class_getitem__(cls, item):
            return cls

_ATTRIBUTES = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split",
               "pattern", "flags", "groups", "groupindex")


class LazyPattern(_Generic[AnyStr]):
    # What mypy sees: the compiled pattern's interface.
    match: Callable[..., re.Match[AnyStr] | None]
    search: Callable[..., re.Match[AnyStr] | None]
    fullmatch: Callable[..., re.Match[AnyStr] | None]
    finditer: Callable[..., Iterator[re.Match[AnyStr]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., AnyStr]
    subn: Callable[..., tuple[AnyStr, int]]
    split: Callable[..., list[Any]]
    pattern: AnyStr
    flags: int
    groups: int
    groupindex: dict[str, int]

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self._source: tuple[AnyStr, int] = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Only reached before the first use (afterwards the attributes exist).
        if name not in _ATTRIBUTES:
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


def lazy(pattern: AnyStr, flags: int = 0) -> LazyPattern[AnyStr]:
    """``re.compile(pattern, flags)``, done on first use."""
    return LazyPattern(pattern, flags)
