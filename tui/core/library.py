"""A loaded corpus with its entities and search index: what the CLI and app use."""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .entities import Entity, EntityIndex, Mention, NameStats, extract, scan
from .loader import Corpus, Skipped, load_corpus, paused_gc
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


def _entities_to_data(entities: EntityIndex) -> list:
    out = []
    for e in entities.entities:
        flat = array("I")
        for m in e.mentions:
            flat.extend((m.article, m.start, m.end))
        out.append([e.key, e.name, e.kind, e.variants, flat.tolist()])
    return out


def _entities_from_data(data: list, texts: list[str], ids: list[str]) -> EntityIndex:
    entities = []
    for key, name, kind, variants, flat in data:
        mentions = [Mention(flat[i], flat[i + 1], flat[i + 2], texts[flat[i]][flat[i + 1] : flat[i + 2]]) for i in range(0, len(flat), 3)]
        seen: dict[str, None] = {}
        for m in mentions:
            seen.setdefault(ids[m.article], None)
        entities.append(Entity(key, name, kind, variants, mentions, list(seen)))
    return EntityIndex(entities)


def index_corpus(corpus: Corpus, cache=None, cache_key: str | None = None) -> Library:
    """Find names and build the search index, or read both back from ``cache``."""
    with paused_gc():
        return _index_corpus(corpus, cache, cache_key)


def _index_corpus(corpus: Corpus, cache, cache_key: str | None) -> Library:
    texts = [a.text for a in corpus.articles]
    ids = [a.id for a in corpus.articles]
    fp = None
    if cache is not None and cache_key is not None:
        from .cache import fingerprint

        fp = fingerprint(corpus.stats)
        stored = cache.corpus(cache_key, fp)
        if stored is not None:
            data, postings = stored
            corpus.scanned = corpus.names = None
            entities = _entities_from_data(data, texts, ids)
            return Library(corpus, entities, SearchIndex(texts, ids, entities, postings))
    if corpus.scanned is not None:
        corpus.fill_candidates()
        scanned, names = corpus.scanned, corpus.names
    else:
        scanned = [scan(t) for t in texts]
        names = None
    if names is None:
        names = NameStats.of(texts, scanned)
    entities = extract(texts, ids, scanned=scanned, stats=names)
    postings = names.postings
    corpus.scanned = corpus.names = None  # only needed once
    if fp is not None:
        cache.store_corpus(cache_key, fp, _entities_to_data(entities), postings)
    return Library(corpus, entities, SearchIndex(texts, ids, entities, postings))


def build_library(
    paths: Iterable[str | os.PathLike],
    on_skip: Callable[[Skipped], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    cache=None,
) -> Library:
    """Load, clean, extract and index everything under ``paths`` (with an optional cache)."""
    paths = list(paths)
    corpus = load_corpus(paths, on_skip=on_skip, on_progress=on_progress, scan=True, cache=cache)
    key = None
    if cache is not None:
        from .cache import corpus_key

        key = corpus_key(paths)
    return index_corpus(corpus, cache, key)
