"""Orders and filters of a list of articles, for the app's list and ``byline list``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from .lazy_re import lazy
from .article import Article

# The orders a list can take, in the order a key cycles through them.
# "file" is the corpus as read (folder by folder, file by file).
SORTS = ("file", "date", "title", "source", "folder")


def folder_of(art: Article) -> str:
    return os.path.dirname(art.path)


def sort_order(articles: Sequence[Article], order: Sequence[int], by: str) -> list[int]:
    """``order`` (indices into ``articles``) sorted ``by`` one of :data:`SORTS`.

    Dates newest first, undated last; titles and sources alphabetically
    (sources then newest first); folders by path.  Ties keep ``order``.
    """
    if by == "file":
        return list(order)
    if by == "date":
        dated = [i for i in order if articles[i].date]
        undated = [i for i in order if not articles[i].date]
        return sorted(dated, key=lambda i: articles[i].date, reverse=True) + undated  # type: ignore[arg-type, return-value]
    if by == "title":
        return sorted(order, key=lambda i: articles[i].title.casefold())
    if by == "source":
        by_date = sort_order(articles, order, "date")
        return sorted(by_date, key=lambda i: (articles[i].source is None, (articles[i].source or "").casefold()))
    if by == "folder":
        return sorted(order, key=lambda i: folder_of(articles[i]))
    raise ValueError(f"no such order: {by!r} (one of {', '.join(SORTS)})")


_DATE = lazy(r"\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(text: str) -> str:
    """``text`` if it is a date or the start of one (2004, 2004-03, 2004-03-15); else ValueError."""
    text = text.strip()
    if not _DATE.match(text):
        raise ValueError(f"not a date: {text!r} (write 2004, 2004-03 or 2004-03-15)")
    return text


@dataclass(frozen=True)
class ListFilter:
    """Which articles a list shows.  Text fields match case-insensitively
    anywhere in the article's source or folder; dates are inclusive and may
    be a year or a month ("2004" to "2004" is the whole year).  An article
    with no date is left out by any date bound."""

    source: str | None = None
    folder: str | None = None
    since: str | None = None
    until: str | None = None
    words: str | None = None  # in the title, source or folder

    def __bool__(self) -> bool:
        return any((self.source, self.folder, self.since, self.until, self.words))

    def keeps(self, art: Article) -> bool:
        if self.words:
            where = f"{art.title}\0{art.source or ''}\0{folder_of(art)}".casefold()
            if any(w not in where for w in self.words.casefold().split()):
                return False
        if self.source and self.source.casefold() not in (art.source or "").casefold():
            return False
        if self.folder and self.folder.casefold() not in folder_of(art).casefold():
            return False
        if self.since or self.until:
            date = art.date
            if not date:
                return False
            if self.since and date[: len(self.since)] < self.since:
                return False
            if self.until and date[: len(self.until)] > self.until:
                return False
        return True

    def apply(self, articles: Sequence[Article], order: Sequence[int]) -> Sequence[int]:
        return [i for i in order if self.keeps(articles[i])] if self else order

    def describe(self) -> str:
        parts = []
        if self.words:
            parts.append(repr(self.words))
        if self.source:
            parts.append(f"source ~ {self.source}")
        if self.folder:
            parts.append(f"folder ~ {self.folder}")
        if self.since and self.until:
            parts.append(f"{self.since} to {self.until}")
        elif self.since:
            parts.append(f"since {self.since}")
        elif self.until:
            parts.append(f"until {self.until}")
        return ", ".join(parts)

    def as_text(self) -> str:
        """What :meth:`parse` reads back as this filter."""
        fields = [f"{k}:{getattr(self, k)}" for k in ("source", "folder", "since", "until") if getattr(self, k)]
        return " ".join([self.words, *fields] if self.words else fields)

    @classmethod
    def parse(cls, text: str) -> ListFilter:
        """From what a user types in the app: ``source:bbc folder:tech
        since:2004 until:2005-06``; other words are looked for in the
        title, source and folder.  ValueError for a date that is none."""
        fields: dict[str, str] = {}
        loose: list[str] = []
        for word in text.split():
            name, sep, value = word.partition(":")
            name = name.lower()
            if sep and name in ("source", "folder", "since", "until") and value:
                fields[name] = check_date(value) if name in ("since", "until") else value
            elif sep and name in ("from", "to") and value:
                fields["since" if name == "from" else "until"] = check_date(value)
            else:
                loose.append(word)
        if loose:
            fields["words"] = " ".join(loose)
        return cls(**fields)


def arrange(articles: Sequence[Article], order: Sequence[int], by: str, first: set[int] | None = None) -> Sequence[int]:
    """``order`` sorted ``by``; the articles in ``first`` (those with hits) kept ahead of the rest.

    Sorted by "file", ``order`` stays as it is: while a search is active
    that is most hits first.
    """
    if by == "file":
        return order
    if not first:
        return sort_order(articles, order, by)
    ahead = [i for i in order if i in first]
    rest = [i for i in order if i not in first]
    return sort_order(articles, ahead, by) + sort_order(articles, rest, by)
