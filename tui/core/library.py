"""A loaded corpus with its entities and search index: what the CLI and app use."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .entities import EntityIndex, extract, word_postings
from .loader import Corpus, Skipped, load_corpus
from .search import SearchIndex, SearchResult


@dataclass
class Library:
    corpus: Corpus
    entities: EntityIndex
    index: SearchIndex

    @property
    def articles(self):
        return self.corpus.articles

    def search(self, query: str, limit: int | None = None, max_hits: int | None = None) -> SearchResult:
        return self.index.search(query, limit, max_hits)

    def article_entities(self, idx: int) -> list[dict]:
        return [
            {"name": e.name, "kind": e.kind, "start": m.start, "end": m.end, "text": m.text}
            for m, e in self.entities.in_article(idx)
        ]


def index_corpus(corpus: Corpus) -> Library:
    texts = [a.text for a in corpus.articles]
    ids = [a.id for a in corpus.articles]
    postings = word_postings(texts)
    entities = extract(texts, ids, scanned=corpus.scanned, postings=postings)
    corpus.scanned = None  # only needed once
    return Library(corpus, entities, SearchIndex(texts, ids, entities, postings))


def build_library(
    paths: Iterable[str | os.PathLike],
    on_skip: Callable[[Skipped], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Library:
    """Load, clean, extract and index everything under ``paths``."""
    return index_corpus(load_corpus(paths, on_skip=on_skip, on_progress=on_progress, scan=True))
