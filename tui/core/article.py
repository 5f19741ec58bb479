"""One cleaned article: what the cleaner makes, the cache stores and the app shows.

Kept apart from the cleaner so that a warm start, which reads articles back
from the index, does not load (and compile the patterns of) the cleaner.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lazy_re import lazy
from .kinds import part_key

# What must never reach a terminal from a string Byline did not clean (a
# file name, a field name): control characters and bytes that are not UTF-8.
_UNSAFE = lazy("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_IN_LINES = lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str, lines: bool = False) -> str:
    """``text`` safe to print: control characters as visible symbols ("␛"),
    bytes of a name that is not UTF-8 as "\\xe9".  ``lines``: newlines and
    tabs stay (a raw file shown as it is laid out)."""
    if text.isprintable():
        return text
    return (_UNSAFE_IN_LINES if lines else _UNSAFE).sub(_visible, text)


def _visible(m: re.Match) -> str:
    o = ord(m.group())
    if o < 0x20:
        return chr(0x2400 + o)
    if o == 0x7F:
        return "\u2421"
    if 0xDC80 <= o <= 0xDCFF:  # a byte kept by surrogateescape
        return f"\\x{o - 0xDC00:02x}"
    return "\ufffd"


class Article:
    """One cleaned article.  ``text`` is what every offset indexes into.

    Only ``text`` is kept: paragraphs are derived from it (they never contain
    a blank line), and the raw text of a one-article file is read from the
    file when asked for, so a large corpus is held in memory once.
    """

    __slots__ = ("id", "path", "position", "title", "subtitle", "source", "author", "date",
                 "removed_lines", "dateline", "url", "record", "part", "span", "_text", "_raw", "_fetch", "_chars")

    def __init__(
        self,
        id: str,
        path: str,
        position: int,
        title: str,
        paragraphs: list[str],
        subtitle: str | None = None,
        source: str | None = None,
        author: str | None = None,
        date: str | None = None,
        removed_lines: int = 0,
        raw: str | None = None,
        dateline: str | None = None,
        url: str | None = None,
        record: int | None = None,
        part: list[int] | None = None,
        span: list[int] | None = None,
    ) -> None:
        self.id = id
        self.path = path
        self.position = position
        self.title = title
        self.subtitle = subtitle
        self.source = source
        self.author = author
        self.date = date
        self.removed_lines = removed_lines
        self.dateline = dateline  # where the story was filed: "ROME", "AL-AIN, United Arab Emirates"
        self.url = url  # the web address the page or record states
        self.record = record  # which record of a file of several (line, row or entry, from 1)
        # A JSON Lines file too large to read whole is read in parts: the
        # bytes [start, end) of the part this article came from, and its
        # record's own [offset, length), read again for the raw view.
        self.part = part
        self.span = span
        self._text: str | None = "\n\n".join(paragraphs)
        self._raw = raw  # None: the whole file is this article's raw text
        self._fetch: Callable[[Article], tuple[str, str | None]] | None = None
        self._chars = len(self._text)

    @classmethod
    def listed(
        cls, fetch: Callable[[Article], tuple[str, str | None]], id: str, path: str, position: int, title: str,
        subtitle: str | None, source: str | None, author: str | None, date: str | None,
        removed_lines: int, chars: int, dateline: str | None = None, url: str | None = None,
        record: int | None = None, part: list[int] | None = None, span: list[int] | None = None,
    ) -> Article:
        """An article known from an index listing: its text (and stored raw
        text) is fetched on first use by ``fetch(article) -> (text, raw)``."""
        a = cls.__new__(cls)
        a.id, a.path, a.position, a.title, a.subtitle = id, path, position, title, subtitle
        a.source, a.author, a.date, a.removed_lines, a.dateline = source, author, date, removed_lines, dateline
        a.url, a.record, a.part, a.span = url, record, part, span
        a._text = a._raw = None
        a._fetch = fetch
        a._chars = chars
        return a

    def _fill(self, text: str, raw: str | None) -> None:
        self._text, self._raw, self._fetch = text, raw, None

    def _fill_text(self, text: str) -> None:
        """The text alone: the stored raw text is still fetched when asked for."""
        self._text = text

    def _load(self) -> str:
        fetch, self._fetch = self._fetch, None
        text, self._raw = fetch(self) if fetch is not None else ("", None)
        self._text = text
        return text

    @property
    def fetched(self) -> bool:
        """Whether the text is at hand (an article listed from the index
        fetches it on first use)."""
        return self._text is not None

    @property
    def text(self) -> str:
        text = self._text
        return text if text is not None else self._load()

    @property
    def chars(self) -> int:
        """Length of ``text``, known without fetching it."""
        return self._chars

    @property
    def listing(self) -> list:
        """What an index listing keeps of this article (see :meth:`listed`)."""
        return [self.id, self.path, self.position, self.title, self.subtitle, self.source,
                self.author, self.date, self.removed_lines, self._chars, self.dateline, self.url, self.record,
                self.part, self.span]

    @property
    def unit(self) -> str:
        """What the loader read this article from, and the cache keeps it
        under: its file, or the part of a file read in parts."""
        return self.path if self.part is None else part_key(self.path, *self.part)

    @property
    def shown_date(self) -> str | None:
        """The date as people read it: "2018-09-20 23:42" (``date`` is ISO 8601)."""
        return self.date.replace("T", " ") if self.date else None

    @property
    def origin(self) -> str:
        """Where the article came from: its file, the record in it, its address."""
        parts = [self.path if self.record is None else f"{self.path} (record {self.record})"]
        if self.url:
            parts.append(self.url)
        return printable(" · ".join(parts))

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, title={self.title!r}, path={self.path!r})"

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n\n") if self.text else []

    @property
    def stored_raw(self) -> str | None:
        if self._fetch is not None:
            self._load()
        return self._raw

    @property
    def raw(self) -> str:
        """The text as it is in the file (read again for one-article files)."""
        stored = self.stored_raw
        if stored is not None:
            return stored
        from .errors import UnreadableFile
        from .reading import read_record, read_source

        try:
            return read_source(self.path) if self.span is None else read_record(self.path, *self.span)
        except UnreadableFile as exc:
            return f"(the file can no longer be read: {exc})"

    def summary(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "source": self.source,
            "date": self.date,
            "dateline": self.dateline,
            "author": self.author,
            "url": self.url,
            "record": self.record,
            "chars": self._chars,
        }

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "path": self.path,
            "position": self.position,
            "source": self.source,
            "date": self.date,
            "dateline": self.dateline,
            "author": self.author,
            "url": self.url,
            "record": self.record,
            "text": self.text,
            "paragraphs": self.paragraphs,
            "removed_lines": self.removed_lines,
        }
