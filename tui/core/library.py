"""A loaded corpus with its entities and search index: what the CLI and app use."""

from __future__ import annotations

import os
import _thread
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Sequence

from .article import Article
from .names.index import EntityIndex, PackedEntities
from .collector import give_back, paused_gc
from .loader import Cancelled, Corpus, Found, Skipped, UnreadableFile, articles_from_file, find_files, load_corpus
from .search import SearchIndex, SearchKeys, SearchResult
from .spill import CandidateSpill
from .stored import FetchedTexts, MadeWhenUsed, Recent


# A session (the app) holds a corpus's index in memory, readied for fast
# queries, while its stored names and postings take up to this many bytes:
# 115 MB at 100,125 news articles, which the app then holds in about 1.3 GB.
# A larger corpus's index is left in the database and read as it is used.
SESSION_HOLDS = 128 * 2**20
# From how many bytes of files to read a session indexes a corpus apart (see
# tui.core.apart): about the corpus whose names and postings it would read in
# place rather than hold (SESSION_HOLDS: some 110,000 news articles, 250 MB
# of text).  Below it the process is no smaller, and the articles are listed
# sooner when read in the session.
APART_FROM_BYTES = 256 * 2**20


class Library:
    """A corpus with its entities and search index."""

    __slots__ = ("corpus", "entities", "index", "names_found", "lazy")

    def __init__(self, corpus: Corpus, entities: EntityIndex, index: SearchIndex, names_found: bool = False,
                 lazy: bool = False) -> None:
        self.corpus, self.entities, self.index = corpus, entities, index
        # Whether names were found and indexed in this run (else read from the index).
        self.names_found = names_found
        # Whether the index is left in the database, read as used (see Cache.reads_lazily).
        self.lazy = lazy

    @property
    def articles(self):
        return self.corpus.articles

    def search(self, query: str, limit: int | None = None, max_hits: int | None = None,
               scan: int | None = None, top: int | None = None) -> SearchResult:
        return self.index.search(query, limit, max_hits, scan, top)

    def ready(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Ready the library for a session's many queries: build the typo
        indexes (:meth:`~tui.core.search.SearchIndex.warm`), then
        :meth:`preload`.  Not for an index left in the database: a corpus
        too large to hold in memory is searched from what each query reads,
        but for the articles' ids, read whole (a few megabytes a million
        articles): a common name's first search needed thousands of them
        one by one, a quarter of a second at a million articles."""
        if self.lazy:
            hold = getattr(self.index.ids, "hold", None)
            if hold is not None:
                hold()
            return
        self.index.warm(stop)
        self.preload(stop)

    def preload(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Ready every article for searching, for a session that runs many
        queries: fetch its text if it is not in memory yet (a warm start
        fetches them as they are used), and make the lower-case copy searches
        read.  Later searches then read no index and lower no text (at 100,000
        articles, a common name's first search spent a third of its time on that)."""
        texts = self.index.texts
        for i in range(0, len(texts), 2000):
            if stop():
                return
            block = range(i, min(i + 2000, len(texts)))
            if isinstance(texts, _Texts):
                texts.prefetch(block)
            self.index.lower_texts(block)

    def article_entities(self, idx: int) -> list[dict]:
        return [
            {"name": e.name, "kind": e.kind, "start": m.start, "end": m.end, "text": m.text}
            for m, e in self.entities.in_article(idx)
        ]


def _entities_to_data(index: SearchIndex) -> dict:
    """What the cache stores of the entities: as name finding packed them."""
    held = index.entities.held_sections()
    assert held is not None  # (an index just built: its names are packed as stored)
    return {"held": held, "keys": index.keys(), "sounds": index.sounds()}


def _search_index(data: dict, texts: Sequence[str], ids: Sequence[str], postings) -> SearchIndex:
    """The entities and search index as stored by :func:`_entities_to_data`."""
    entities = EntityIndex(PackedEntities(data["rows"], data["flats"], ids), ordered=True, by_article=data["by_article"])
    return SearchIndex(texts, ids, entities, postings, SearchKeys(*data["keys"]))


def _listing(corpus: Corpus) -> dict:
    """What a warm start shows before (or instead of) reading any article back."""
    return {
        "articles": [a.listing for a in corpus.articles],
        # Files that were found but could not be read: a warm start names them again.
        "skipped": [[s.path, s.reason] for s in corpus.skipped if s.path in corpus.stats],
        "files": len(corpus.stats),
    }


class _Texts(FetchedTexts):
    """Article texts, each fetched when first asked for (listed articles)."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = articles

    def prefetch(self, indices: Iterable[int]) -> None:
        """Fetch these texts now, many per query, if they are not in memory."""
        by_fetcher: dict[TextFetcher, list[Article]] = {}
        for i in indices:
            a = self.articles[i]
            if isinstance(a._fetch, TextFetcher) and not a.fetched:
                by_fetcher.setdefault(a._fetch, []).append(a)
        for fetch, arts in by_fetcher.items():
            fetch.many(arts)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, i):
        return self.articles[i].text


# A session over an index left in the database keeps, of the texts its
# searches read back, the most recent up to this many characters (and as
# many of their lower-case copies): a search for a common word reads a fifth
# of the corpus, which at a million articles is half a gigabyte of text.
RECENT_TEXTS = 32_000_000


class _RecentTexts(FetchedTexts):
    """Article texts of an index left in the database, fetched as searches
    read them without filling the articles in, the most recent kept (see
    :data:`RECENT_TEXTS`).  An article already holding its text (one shown)
    gives it."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = articles
        self.kept: Recent = Recent(RECENT_TEXTS)

    def _article(self, i: int) -> Article:
        # (an article of the listing not made yet is made for this, not kept)
        articles = self.articles
        return articles.peek(i) if isinstance(articles, ListedArticles) else articles[i]

    def prefetch(self, indices: Iterable[int]) -> None:
        kept = self.kept
        by_fetcher: dict[TextFetcher, list[tuple[int, Article]]] = {}
        for i in indices:
            if i in kept:
                continue
            a = self._article(i)
            if isinstance(a._fetch, TextFetcher) and not a.fetched:
                by_fetcher.setdefault(a._fetch, []).append((i, a))
            else:
                kept[i] = a.text
        for fetch, todo in by_fetcher.items():
            for i, text in fetch.texts_of(todo):
                kept[i] = text

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, i):
        text = self.kept.get(i)
        if text is None:
            text = self.kept[i] = self._article(i).text
        return text


class TextFetcher:
    """Fetches a listed article's text from the cache, or failing that from its file.

    Serialised by a lock: the app fetches from its interface thread while
    another thread may be loading.
    """

    def __init__(self, cache) -> None:
        self.cache = cache
        self.lock = _thread.allocate_lock()  # (threading itself is not imported by a one-shot command)

    def __call__(self, article: Article) -> tuple[str, str | None]:
        unit = article.unit
        with self.lock:
            row = self.cache.file_rows([unit]).get(unit)
        return self._from_row(article, row)

    def many(self, articles: Iterable[Article]) -> None:
        """Fetch the texts of ``articles`` not fetched yet, many per query
        (their raw texts, seldom wanted, are fetched one by one if asked for)."""
        todo = [a for a in articles if a._fetch is self and not a.fetched]
        for k, text in self.texts_of(list(enumerate(todo))):
            if not todo[k].fetched:
                todo[k]._fill_text(text)

    def texts_of(self, todo: list[tuple[int, Article]]) -> Iterator[tuple[int, str]]:
        """(n, text) of each (n, article) of ``todo``, many per query: the
        text from the cache, else as one article alone is fetched."""
        units = list(dict.fromkeys(a.unit for _, a in todo))
        by_unit: dict[str, list[tuple[int, Article]]] = {}
        for tag, a in todo:
            by_unit.setdefault(a.unit, []).append((tag, a))
        for n in range(0, len(units), 500):
            block = units[n : n + 500]
            with self.lock:
                texts = self.cache.file_texts(block)
            for unit in block:
                found = texts.get(unit)
                for tag, a in by_unit[unit]:
                    if found is not None and a.position < len(found):
                        yield tag, found[a.position]
                    else:
                        yield tag, self(a)[0]

    def _from_row(self, article: Article, row: dict | None) -> tuple[str, str | None]:
        stored = row["articles"] if row else []
        if article.position < len(stored):
            a = stored[article.position]
            return "\n\n".join(a["paragraphs"]), a["raw"]
        try:
            parsed = articles_from_file(article.unit)
        except UnreadableFile as exc:
            return f"(this article can no longer be read: {exc})", None
        if article.position < len(parsed):
            p = parsed[article.position]
            return p.text, p.stored_raw
        return "(this article is no longer in its file)", None


def listed_articles(listing: dict, fetch: TextFetcher) -> list[Article]:
    """The articles of a stored listing (:class:`ListedArticles` makes each when first used)."""
    return [Article.listed(fetch, *row) for row in listing["articles"].all()]


class ListedArticles(MadeWhenUsed):
    """The articles of a stored listing (:class:`~tui.core.cache.ListingRows`),
    each made when first asked for: a one-shot search over 100,000 articles
    shows a few, and making them all took a third of its time."""

    def __init__(self, rows, fetch: TextFetcher) -> None:
        super().__init__(len(rows))
        self.rows, self.fetch = rows, fetch

    def make(self, n: int) -> Article:
        return Article.listed(self.fetch, *self.rows.row(n))

    def places(self, block: int = 20_000) -> Iterator[tuple[str, int, int | None, str]]:
        """Each article's path, position, record and title, in order, read
        from the listing a block of rows at a time: what marks are matched
        by, without making a million articles."""
        rows = self.rows
        for a in range(0, len(rows), block):
            for row in rows.block(a, min(a + block, len(rows))):
                yield row[1], row[2], row[12] if len(row) > 12 else None, row[3]

    def peek(self, n: int) -> Article:
        """The ``n``-th article, made for the asking if it is not made yet, and then not kept."""
        return self.made[n] or self.make(n)

    def __iter__(self):
        if None in self.made:  # the rest at once: one JSON text, not one a row
            for i, row in enumerate(self.rows.all()):
                if self.made[i] is None:
                    self.made[i] = Article.listed(self.fetch, *row)
        return iter(self.made)

    @property
    def ids(self) -> Sequence[str]:
        """Every article's id, each read when asked for (see :class:`~tui.core.cache.Lines`)."""
        return self.rows.ids


def index_corpus(
    corpus: Corpus, cache=None, cache_key: str | None = None, stop: Callable[[], bool] | None = None
) -> Library:
    """Find names and build the search index, or read both back from ``cache``.
    ``stop`` is asked now and then while names are found; when it says so,
    :class:`~tui.core.loader.Cancelled` is raised and nothing is stored."""
    with paused_gc():
        return _index_corpus(corpus, cache, cache_key, stop)


def _index_corpus(corpus: Corpus, cache, cache_key: str | None, stop: Callable[[], bool] | None) -> Library:
    # (articles loaded lean, their texts left in the cache, fetch them when used)
    texts: Sequence[str] = (_Texts(corpus.articles) if not all(a.fetched for a in corpus.articles)
                            else [a.text for a in corpus.articles])
    ids = [a.id for a in corpus.articles]
    fp = None
    if cache is not None and cache_key is not None:
        from .cache import fingerprint

        fp = fingerprint(corpus.stats)
        stored = cache.corpus(cache_key, fp)
        if stored is not None:
            data, postings = stored
            corpus.scanned = corpus.names = None
            index = _search_index(data, texts, ids, postings)
            return Library(corpus, index.entities, index)
    # (The name finder, imported here: an indexed corpus opens without it.)
    from .entities import NameStats, extract, scan

    if corpus.scanned is not None:
        corpus.fill_candidates()
        scanned, names = corpus.scanned, corpus.names
    else:
        scanned = [scan(t, a.title, a.dateline) for t, a in zip(texts, corpus.articles)]
        names = None
    if names is None:
        names = NameStats.of(texts, scanned)
    # Only needed once: the corpus lets them go now, and name finding lets
    # each article's candidates go as it reads them.
    corpus.scanned = corpus.names = None
    # Packed now as they will be stored: name finding's peak is reached with them held.
    from .cache import HeldPostings

    postings = HeldPostings.of(names.postings)
    give_back()
    entities = extract(texts, ids, scanned=scanned, postings=postings, stats=names, stop=stop, consume=True)
    if stop is not None and stop():
        raise Cancelled
    if isinstance(scanned, CandidateSpill):
        scanned.close()  # (its file goes now, not when collected)
    del scanned, names
    index = SearchIndex(texts, ids, entities, postings)
    if fp is not None:
        assert cache_key is not None
        from .folders import files_sections

        cache.store_corpus(cache_key, fp, _entities_to_data(index), postings, _listing(corpus), files_sections(corpus))
        cache.drop_corpus(overlay_key(cache_key))  # (made against the index just replaced)
    return Library(corpus, entities, index, names_found=True)


def overlay_key(key: str) -> str:
    """Where the cache keeps a corpus's files changed since it was indexed whole."""
    return key + "+"


def last_listing(cache, cache_key: str, fetch: TextFetcher) -> tuple[str, Sequence[Article], list] | None:
    """The articles of a corpus as last indexed, whether or not its files have
    changed since, with the fingerprint they had and the files found then but
    unreadable: what the app lists at once while it checks.  Texts are
    fetched with ``fetch`` when used."""
    stored = cache.listing(cache_key)
    if stored is None:
        return None
    fp, listing = stored
    with paused_gc():
        return fp, _articles_of(listing, fetch), listing["skipped"]


def _articles_of(listing: dict, fetch: TextFetcher) -> Sequence[Article]:
    """A stored listing's articles: made when used if the listing is left in
    the database (a one-shot command, or a corpus too large to hold), else all now."""
    return ListedArticles(listing["articles"], fetch) if listing["lazy"] else listed_articles(listing, fetch)


def indexed_library(
    found: Found,
    cache,
    cache_key: str,
    on_skip: Callable[[Skipped], None] | None = None,
    listed: tuple[str, Sequence[Article], list] | None = None,
    fp: str | None = None,
) -> Library | None:
    """The library of a corpus the cache holds as its files are now, without
    reading a single article back (texts are fetched when used); None if any
    file changed since, or the corpus was never indexed.  ``listed``: what
    :func:`last_listing` gave, reused (the listing is not read again) if the
    files are still as they were.  ``fp``: the files' fingerprint, if known."""
    from .cache import fingerprint

    with paused_gc():
        if fp is None:
            fp = fingerprint(found.stats)
        reuse = listed is not None and listed[0] == fp
        lazy = cache.reads_lazily(cache_key)
        stored = cache.corpus(cache_key, fp, listing=not reuse)
        if stored is None:
            return None
        articles: Sequence[Article]
        if reuse:
            assert listed is not None
            (data, postings), articles, unreadable = stored, listed[1], listed[2]
            files = len(found.files)
        else:
            data, postings, listing = stored
            fetch = TextFetcher(cache)
            articles = _articles_of(listing, fetch)
            unreadable = listing["skipped"]
            # (the files found, or, when only the folders were looked at, as many as were indexed)
            files = len(found.files) or listing.get("files", 0)
        corpus = Corpus(articles, skipped=list(found.skipped), stats=dict(found.stats), cache=cache)
        for path, reason in unreadable:
            s = Skipped(path, reason)
            corpus.skipped.append(s)
            if on_skip:
                on_skip(s)
        corpus.from_cache = files
        ids = articles.ids if isinstance(articles, ListedArticles) else [a.id for a in articles]
        # (a one-shot command keeps what it reads: it ends soon)
        session = lazy and not getattr(cache, "one_shot", False)
        texts = _RecentTexts(corpus.articles) if session else _Texts(corpus.articles)
        index = _search_index(data, texts, ids, postings)
        if session:
            index.keep_recent(RECENT_TEXTS)
        return Library(corpus, index.entities, index, lazy=lazy)


def build_library(
    paths: Iterable[str | os.PathLike],
    on_skip: Callable[[Skipped], None] | None = None,
    on_progress: Callable[..., None] | None = None,
    cache=None,
    trust_folders: bool = False,
    overlay: Callable[..., Library | None] | None = None,
    lean: bool | TextFetcher = False,
) -> Library:
    """Load, clean, extract and index everything under ``paths`` (with an
    optional cache); ``overlay``, ``lean``: see :func:`open_library`."""
    lib = open_library(paths, cache, on_skip=on_skip, on_progress=on_progress, trust_folders=trust_folders,
                       overlay=overlay, lean=lean)
    assert lib is not None  # (only a stop or ``index=False`` gives none)
    return lib


def open_library(
    paths: Iterable[str | os.PathLike],
    cache=None,
    *,
    on_skip: Callable[[Skipped], None] | None = None,
    on_progress: Callable[..., None] | None = None,
    on_listed: Callable[[Corpus], None] | None = None,
    listed: tuple[str, Sequence[Article], list] | None = None,
    index: bool = True,
    stop: Callable[[], bool] | None = None,
    trust_folders: bool = False,
    overlay: Callable[..., Library | None] | None = None,
    lean: bool | TextFetcher = False,
    apart: Callable[[list[str]], bool] | None = None,
) -> Library | None:
    """The pipeline, composed once for the commands, the app and the
    benchmarks: find the files; if the cache indexed them as they are now,
    open the library from it without reading an article back; otherwise
    read, clean and scan them (unchanged files from the cache) and then find
    names and index.

    ``on_listed(corpus)`` is called as soon as the articles are known, before
    names are found: the app lists them then.  ``listed``: what
    :func:`last_listing` gave (not read again if the files are unchanged).
    Without ``index``, the pipeline ends there and gives None (``list``,
    ``show`` and ``export`` need no names).  ``stop`` is asked now and then;
    when it says so, :class:`~tui.core.loader.Cancelled` is raised.
    ``trust_folders``: a corpus of many files whose folders are as they were
    when it was last indexed is taken as unchanged (:func:`as_last_indexed`).
    ``overlay``: :func:`tui.core.overlay.overlaid`, to give, when few files
    changed since the corpus was indexed whole, a library that searches the
    index with those files indexed apart rather than finding names over it
    all again (what a search needs; the names of the whole corpus are not).
    ``lean``: articles read afresh keep their texts in the cache only, not
    in memory (see :func:`~tui.core.loader.load_corpus`), and are fetched
    from it when used: ``byline index``, which shows no text, and the app,
    which reads few of them (a :class:`TextFetcher` to fetch them with: one
    on a connection of its own, for an interface thread reading texts while
    this one loads).  ``apart``: :func:`tui.core.apart.index_apart` with
    the cache's folder, for a session: a corpus of :data:`APART_FROM_BYTES`
    or more to read is indexed in a process of its own, then opened from
    the index; if that fails, it is indexed here.
    """
    paths = list(paths)
    key = None
    if cache is not None:
        from .cache import corpus_key

        key = corpus_key(paths)
        look = look_at_folders(cache, key) if trust_folders else None
        if (look is None and trust_folders and index and apart is not None and not cache.has_tree(key)
                and bytes_under(paths) >= APART_FROM_BYTES and apart([str(p) for p in paths])):
            # Never indexed (or never to the end), and large: indexed apart,
            # and opened as a later session opens it, by its folders; this
            # process walks none of its files (at a million, 400 MB kept).
            look = look_at_folders(cache, key)
            apart = None  # (done: if what it kept cannot be opened so, the files are walked below)
        if look is not None and not look.moved:
            lib = indexed_library(look.found, cache, key, on_skip, listed, look.fp)
            if lib is None and overlay is not None:
                lib = overlay(paths, None, look.fp, cache, key, on_skip)
            if lib is not None:
                lib.corpus.by_folders = look.fp
                for s in look.found.skipped:  # (what walking the folders would have said)
                    if on_skip is not None:
                        on_skip(s)
                if on_listed is not None:
                    on_listed(lib.corpus)
                return lib
        elif look is not None and overlay is not None and len(paths) == 1:
            # Some folders changed: an overlay may look at them alone.
            lib = overlay(paths, look, look.fp, cache, key, on_skip)
            if lib is not None:
                if on_listed is not None:
                    on_listed(lib.corpus)
                return lib
    found = find_files(paths, on_skip)
    if cache is not None:
        from .cache import fingerprint

        assert key is not None
        fp = fingerprint(found.stats)
        lib = indexed_library(found, cache, key, on_skip, listed, fp)
        if lib is None and overlay is not None:
            lib = overlay(paths, found, fp, cache, key, on_skip)
        if lib is not None:
            _keep_tree(cache, key, found)
            if on_listed is not None:
                on_listed(lib.corpus)
            return lib
        if index and apart is not None:
            if sum(st[0] for st in found.stats.values()) >= APART_FROM_BYTES and apart([str(p) for p in paths]):
                lib = indexed_library(found, cache, key, on_skip, listed, fp)
                if lib is not None:
                    if on_listed is not None:
                        on_listed(lib.corpus)
                    return lib
    corpus = load_corpus(paths, on_skip=on_skip, on_progress=on_progress, scan=index, cache=cache, found=found,
                         stop=stop, fetch_texts=_fetcher(lean, cache))
    if on_listed is not None:
        on_listed(corpus)
    if not index:
        return None
    lib = index_corpus(corpus, cache, key, stop)
    if cache is not None and key is not None:
        _keep_tree(cache, key, found)
    return lib


def bytes_under(paths: Iterable[str | os.PathLike]) -> int:
    """The size of the files under ``paths`` (links to files counted, to
    folders not followed), walked without keeping a name: whether a corpus
    is large enough to index apart, before its files are listed."""
    total = 0
    for path in (str(p) for p in paths):
        try:
            if not os.path.isdir(path):
                total += os.path.getsize(path)
                continue
        except OSError:
            continue
        for folder, _dirs, files in os.walk(path):
            for name in files:
                try:
                    total += os.path.getsize(os.path.join(folder, name))
                except OSError:
                    pass
    return total


def _fetcher(lean: bool | TextFetcher, cache) -> TextFetcher | None:
    if not lean or cache is None:
        return None
    return lean if isinstance(lean, TextFetcher) else TextFetcher(cache)


def files_fingerprint(paths: list[str], version: str) -> str:
    """The fingerprint of the files under ``paths`` as they are now, every
    file looked at, for the code of ``version``."""
    from .cache import fingerprint

    return fingerprint(find_files(paths).stats, version)


def files_fingerprint_apart(paths: list[str]) -> str:
    """:func:`files_fingerprint` in a worker process, for a session: the
    walk over a million files leaves 400 MB in the process that made it."""
    from functools import partial

    from .cache import code_version
    from .loader import _pool_map

    check = partial(files_fingerprint, version=code_version())
    try:
        return next(iter(_pool_map(check, [paths], 1)))
    except (OSError, RuntimeError, ValueError, EOFError):  # (the worker could not start or died: here, then)
        return check(paths)


# From how many files a command may go by folders' times (see as_last_indexed):
# below it, every file's own time is looked at too (a tenth of a second or less).
FOLDER_TIMES_FROM = 20_000


def _keep_tree(cache, key: str, found: Found) -> None:
    """Store the folders ``found`` walked, for :func:`look_at_folders`,
    with the files whose own times it looks at: those :func:`watched` names
    in a corpus of :data:`FOLDER_TIMES_FROM` files or more, every file in
    a smaller one."""
    from .cache import code_version, fingerprint
    from .folders import watched

    if not found.folders:
        return
    data = {
        "folders": [list(f) for f in found.folders],
        "files": watched(found, {folder for folder, _ in found.folders}, len(found.files) < FOLDER_TIMES_FROM),
        "skipped": [[s.path, s.reason] for s in found.skipped],
        "count": len(found.files),
        "code": code_version(),
    }
    fp = fingerprint(found.stats)
    stored = cache.tree(key)
    if stored is None or stored[0] != fp or stored[1] != data:
        cache.store_tree(key, fp, data)


def files_unchanged(rows) -> bool:
    """Whether every ``[path, size, mtime_ns]`` of ``rows`` still holds
    (raising OSError for a file gone).  (Shared with a second thread, the
    stat calls of BBC's 2,225 files took as long in a fresh process: the
    threads hand the GIL back and forth at every call.)"""
    for path, size, mtime in rows:
        st = os.stat(path)
        if st.st_size != size or st.st_mtime_ns != mtime:
            return False
    return True


class Look(namedtuple("Look", "found fp moved data")):
    """A corpus's folders looked at: the files as last looked at (``found``:
    only what was skipped and the folders, with their times then), their
    fingerprint then (``fp``), the folders whose time changed since
    (``moved``), and what was stored of them (``data``, see :func:`_keep_tree`).
    (A namedtuple: typing's NamedTuple would import typing, milliseconds of
    a one-shot command.)"""

    __slots__ = ()


def look_at_folders(cache, key: str) -> Look | None:
    """Which folders of a corpus changed since its files were last looked
    at: a file added, removed or renamed changes its folder's time, so only
    the folders (and the files of records and feeds, often added to in
    place; in a corpus of fewer than :data:`FOLDER_TIMES_FROM` files, every
    file) are looked at, not walked.  A file rewritten in place keeps its
    folder's time: in a big corpus, what asks for this must say so.  None
    if a folder is gone or a file looked at changed, or no tree was kept."""
    import stat

    from .cache import code_version

    stored = cache.tree(key)
    if stored is None:
        return None
    fp, data = stored
    if data.get("code") != code_version():
        # Kept by another Byline: its fingerprint names that code's index, and
        # opening it would search names found by that code in texts cleaned anew.
        return None
    moved = []
    try:
        for path, mtime in data["folders"]:
            st = os.stat(path)
            if not stat.S_ISDIR(st.st_mode):
                return None
            if st.st_mtime_ns != mtime:
                moved.append(path)
        if not files_unchanged(data["files"]):
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    skipped = [Skipped(path, reason) for path, reason in data.get("skipped", ())]
    return Look(Found([], {}, skipped, [tuple(f) for f in data["folders"]]), fp, moved, data)


def keep_tree_moved(cache, key: str, look: Look, found: Found, skipped: list[Skipped], fp: str, files: int) -> None:
    """Store what :func:`look_at_folders` looks at next, after the folders
    it found moved were listed again (``found``, the folders made since
    under them walked whole); ``skipped``: what a walk would skip now;
    ``fp``: the files' fingerprint now."""
    from .cache import code_version
    from .folders import watched

    times = dict(look.found.folders)
    times.update(found.folders)
    listed = {f for f, _ in found.folders}
    data = dict(look.data)
    data["folders"] = [[f, t] for f, t in times.items()]
    kept = [row for row in data["files"] if os.path.dirname(row[0]) not in listed]
    data["files"] = kept + watched(found, set(times), files < FOLDER_TIMES_FROM)
    data["skipped"] = [[s.path, s.reason] for s in skipped]
    data["count"] = files
    data["code"] = code_version()
    cache.store_tree(key, fp, data)
