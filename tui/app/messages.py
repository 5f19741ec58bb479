"""Messages the widgets send to the screen, in one place."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from ..core.library import Library
from ..core.article import Article
from ..core.loader import Skipped
from ..core.search import SearchResult


class LoadProgress(Message):
    """Files read so far while a corpus loads."""

    def __init__(self, done: int, total: int, step: str = "reading") -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.step = step  # "census": the first pass, for line-end hyphens

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgress)


class Listed(Message):
    """The articles are known: the list can show while names are indexed.

    ``provisional``: the listing of the last session, shown at once while the
    files are checked for changes (another Listed follows).
    """

    def __init__(self, articles: Sequence[Article], skipped: list[Skipped], provisional: bool = False) -> None:
        super().__init__()
        self.articles = articles
        self.skipped = skipped
        self.provisional = provisional


class Loaded(Message):
    def __init__(self, library: Library, skipped: list[Skipped]) -> None:
        super().__init__()
        self.library = library
        self.skipped = skipped


class Settled(Message):
    """The corpus is loaded, indexed and readied for searching: what was
    built lives as long as the session."""


class QueryChanged(Message):
    """The find bar's query, after the user paused typing."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, QueryChanged)


class QuerySubmitted(Message):
    """Enter in the find bar: keep the search, go back to reading."""


class QueryCleared(Message):
    """Escape in the find bar: clear the search."""


class Searched(Message):
    def __init__(self, result: SearchResult, generation: int) -> None:
        super().__init__()
        self.result = result
        self.generation = generation


class EntityChosen(Message):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class MarksReady(Message):
    """The reading state (read, starred, notes) is matched to ``articles``."""

    def __init__(self, articles: Sequence[Article]) -> None:
        super().__init__()
        self.articles = articles


class NameContext(Message):
    """What the entity panel says of the name under search (worked out in a worker)."""

    def __init__(self, text, generation: int) -> None:
        super().__init__()
        self.text = text
        self.generation = generation
