"""Searching a corpus a few files of which changed since it was indexed whole.

Finding names is a corpus-wide pass: what a name is, and which mentions
are one entity, is decided from all its uses.  Doing it again because one
file of 100,000 was added took a minute.  Instead, a search reads the
corpus's index as it was last built whole (the *base*) with the articles
of the files changed since left out, and beside it an index of those files
alone (the *overlay*), whose names are found among themselves.  The
overlay is kept in the cache, so the next search opens both at once.

The overlay is an approximation the next whole indexing ends: a name the
changed files alone cannot type may get another kind than the corpus would
give it, and the line-end hyphens of the changed files are judged with
their own evidence only.  ``byline index`` indexes whole, and so does
anything once more than :func:`most_changed` files changed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from .article import Article
from .names.index import Entity, EntityIndex, Mention
from .cache import folder_of
from .folders import Changes, changes_by_folders, changes_by_walk, relist
from .library import Library, Look, index_corpus, indexed_library, keep_tree_moved, overlay_key
from .loader import Corpus, Found, Skipped, lengthen_id, load_corpus
from .search import FUZZY_MAX, OTHER_NAME, Hit, SearchResult, best_spans, parse_query, squash
from .stored import MadeWhenUsed


def most_changed(files: int) -> int:
    """How many changed files an overlay takes for a corpus of ``files``
    (beyond it, finding names again over the whole is worth its time; and
    names found among half a corpus are no approximation to keep)."""
    return min(max(64, files // 50), max(1, files // 2))


class Overlay(Library):
    """A library of a base index with some articles left out and an overlay
    index.  ``index`` is the base's: search through :meth:`search`."""

    __slots__ = ("base", "added", "order", "merged")

    def __init__(self, corpus: Corpus, base: Library, added: Library, order: OverlaidArticles) -> None:
        self.merged = MergedEntities(base, added, order)
        super().__init__(corpus, self.merged, base.index, lazy=base.lazy)
        self.base, self.added, self.order = base, added, order

    def preload(self, stop: Callable[[], bool] = lambda: False) -> None:
        self.base.preload(stop)
        self.added.preload(stop)

    def search(self, query: str, limit: int | None = None, max_hits: int | None = None,
               scan: int | None = None, top: int | None = None) -> SearchResult:
        """The hits of both indexes, numbered as :attr:`articles` lists them.
        Term by term, only the best tier found in either counts (exact and
        same-name spellings, else typos, else other names), as one index
        gives typos only where the name as typed is nowhere.  ``top``: the
        base gives a page of its first hits if it can (the first ``top`` of
        the whole answer are among them and the overlay's, as long as that
        many are in files unchanged), the overlay its whole answer."""
        import time

        t0 = time.perf_counter()
        hits: list[Hit] = []
        related: list[Hit] = []
        suggest: list[str] = []
        truncated = partial = False
        order = self.order
        for term, exact in parse_query(query):
            asked = f'"{term}"' if exact else term
            in_base = self.base.search(asked, None, max_hits, scan, top=top)
            want = top
            while in_base.partial and want is not None and top is not None and scan is None:
                # A page's first hits that lie in changed files are not this
                # corpus's: as many more are asked for (a page the base cannot settle is its whole answer).
                live = sum(order.from_base(h.article) is not None for h in in_base.hits[:want])
                if live >= top:
                    break
                want += top - live
                in_base = self.base.search(asked, None, max_hits, scan, top=want)
            parts = [
                (in_base, order.from_base, None),
                # (the overlay's names as the merged list has them: "Carrie Lam" is Carrie Lam Cheng Yuet-ngor)
                (self.added.search(asked, None, max_hits, scan), order.from_added, self.merged.named_as_in_base),
            ]
            best = max((_tier(h.score) for r, _, _ in parts for h in r.hits), default=None)
            for r, move, named in parts:
                truncated = truncated or r.truncated
                partial = partial or r.partial
                suggest += r.suggestions
                kept = [h._replace(article=a) for h in r.hits if _tier(h.score) == best and (a := move(h.article)) is not None]
                if not kept:
                    continue
                more = [h._replace(article=a) for h in r.related if (a := move(h.article)) is not None]
                if named is not None:
                    kept = [h._replace(entity=named(h.entity) if h.entity else self.merged.known_as(h)) for h in kept]
                    more = [h._replace(entity=named(h.entity)) if h.entity else h for h in more]
                hits += kept
                related += more
        hits = best_spans(hits)
        hits.sort(key=lambda h: h.score, reverse=True)  # stable: by article and position within a score
        related.sort(key=lambda h: (h.article, h.start))
        if max_hits is not None and len(hits) > max_hits:  # (each index stopped at as many)
            hits, truncated = hits[:max_hits], True
        if limit is not None:
            hits = hits[:limit]
            shown = {h.article for h in hits}
            related = [h for h in related if h.article in shown]
        result = SearchResult(query, hits, (time.perf_counter() - t0) * 1000, truncated, related, partial)
        result.suggestions = list(dict.fromkeys(suggest))[:5]
        return result


class MergedEntities(EntityIndex):
    """The base's entities, their mentions in changed files left out, with
    the overlay's: one entity where both have its key (named and typed as
    the base has it).  Made when first asked for (a search never asks, nor
    do an article's names)."""

    def __init__(self, base: Library, added: Library, order: OverlaidArticles) -> None:
        self.base, self.added, self.order = base.entities, added.entities, order
        self.base_keys = base.index.ents_by_key
        self._merged: Sequence[Entity] | None = None
        self._names: dict[str, str] | None = None
        self._table = None

    def in_article(self, idx: int) -> list[tuple[Mention, Entity]]:
        """Article ``idx``'s mentions from the index it is in, each with the
        base's entity where the base knows its key (one object a name,
        whichever article it is met in; no merging needed)."""
        n = self.order.added_number(idx)
        if n is None:
            return [(m._replace(article=idx), e) for m, e in self.base.in_article(self.order.to_base(idx))]
        return [(m._replace(article=idx), self._as_in_base(e)) for m, e in self.added.in_article(n)]

    def named_as_in_base(self, name: str) -> str:
        """An entity's name as the merged list has it: the base's where the
        overlay's entity of that name is the base's too ("Carrie Lam" is
        Carrie Lam Cheng Yuet-ngor), else as it is."""
        if self._names is None:
            self._names = {}
            for e in self.added.entities:
                self._names.setdefault(e.name, self._as_in_base(e).name)
        return self._names.get(name, name)

    def known_as(self, h: Hit) -> str | None:
        """The entity a text hit in a changed file is a mention of, where the
        base knows the entity by the words hit ("Blair" inside "Tony Blair",
        whom the corpus calls Blair too; a whole index finds it so)."""
        said = h.match.casefold()
        for m, e in self.in_article(h.article):
            if m.start <= h.start and h.end <= m.end and any(v.casefold() == said for v in e.variants):
                return e.name
        return None

    def _as_in_base(self, e: Entity) -> Entity:
        """The base's entity of ``e``'s key (it names and types the merged one), else ``e``."""
        n = self.base_number(e.key)
        return e if n is None else self.base.entities[n]

    @property
    def entities(self) -> Sequence[Entity]:
        if self._merged is None:
            self._merged = _MergedList(self)
        return self._merged

    @entities.setter
    def entities(self, value: Sequence[Entity]) -> None:
        self._merged = value

    def base_number(self, key: str) -> int | None:
        """The number of the base's entity of this key, or else the one
        entity that has it among its spellings ("Carrie Lam" of Carrie Lam
        Cheng Yuet-ngor), if there is one."""
        found = self.base_keys.get(squash(key), ())
        for n in found:
            if self.base.entities[n].key == key:
                return n
        return found[0] if len(found) == 1 else None


class _MergedList(MadeWhenUsed):
    """The merged entities, most mentioned first, each made when first
    asked for.  Only the base's entities the change touched (a mention in a
    changed file, or a key the overlay has too) and the overlay's new ones
    are merged now; the rest are the base's, their articles renumbered when
    made: merging every one of 100,000 articles' names took seven seconds."""

    def __init__(self, merged: MergedEntities) -> None:
        order = self.order = merged.order
        base = self.base = merged.base.entities
        self.ids = _Ids(order)
        # (nothing left out and every new article last: the base's numbers stand)
        self.same = not order.dead and all(b >= len(order.base) for b in order.at)
        self._now: list[int] | None = None
        touched: set[int] = set()
        for d in order.dead:
            touched |= merged.base.numbers_in(d)
        joins: dict[int, list[Entity]] = {}  # base entity number -> the overlay's of the same name
        new: list[Entity] = []
        for e in merged.added.entities:
            n = merged.base_number(e.key)
            if n is None:
                new.append(e)
            else:
                joins.setdefault(n, []).append(e)
                touched.add(n)
        made: list[Entity] = []
        for n in sorted(touched):
            e = base[n]
            forms, flat = e.forms_and_flat()
            moved = self._renumbered(flat)
            variants = list(e.variants)
            for more in joins.get(n, ()):
                forms, moved = _joined(forms, moved, more, order)
                variants += [v for v in more.variants if v not in variants]
            if moved:
                made.append(Entity.packed(e.key, e.name, e.kind, variants, forms, moved, self.ids))
        for e in new:
            forms, moved = _joined([], [], e, order)
            made.append(Entity.packed(e.key, e.name, e.kind, list(e.variants), forms, moved, self.ids))
        slots: list[int | Entity] = [n for n in range(len(base)) if n not in touched]
        for e in made:  # each where the base's order (most mentioned first, then by name) puts it
            slots.insert(bisect_left(slots, _rank(e), key=lambda s: _rank(s if isinstance(s, Entity) else base[s])), e)
        self.slots = slots
        super().__init__(len(slots))

    def make(self, i: int) -> Entity:
        slot = self.slots[i]
        if isinstance(slot, Entity):
            return slot
        e = self.base[slot]
        if self.same:
            return e
        forms, flat = e.forms_and_flat()
        return Entity.packed(e.key, e.name, e.kind, e.variants, forms, self._renumbered(flat), self.ids)

    def _renumbered(self, flat: Sequence[int]) -> list[int]:
        """(article, start, form) triples of the base, numbered as the
        articles are now; those of changed files' articles left out."""
        if self._now is None:
            self._now = [-1 if a is None else a for a in map(self.order.from_base, range(len(self.order.base)))]
        now = self._now
        out: list[int] = []
        for i in range(0, len(flat), 3):
            a = now[flat[i]]
            if a >= 0:
                out += (a, flat[i + 1], flat[i + 2])
        return out


def _rank(e: Entity) -> tuple[int, str]:
    return -e.count, e.name.lower()


class _Ids(Sequence[str]):
    """The articles' ids, each looked up when asked for."""

    def __init__(self, order: OverlaidArticles) -> None:
        self.order = order

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, i):  # (no slices: never asked for)
        return self.order[i].id


def _joined(forms: list[str], flat: list[int], e: Entity, order: OverlaidArticles) -> tuple[list[str], list[int]]:
    """``forms`` and ``flat`` with the overlay entity ``e``'s mentions after them."""
    more_forms, more = e.forms_and_flat()
    n = len(forms)
    triples = [tuple(flat[i : i + 3]) for i in range(0, len(flat), 3)]
    triples += [(order.from_added(more[i]), more[i + 1], more[i + 2] + n) for i in range(0, len(more), 3)]
    triples.sort()  # (in article and text order, as every entity's are)
    return [*forms, *more_forms], [x for t in triples for x in t]


def _tier(score: float) -> int:
    return 2 if score > FUZZY_MAX else 1 if score > OTHER_NAME else 0


class OverlaidArticles(Sequence[Article]):
    """The base's articles with those of changed files (``dead``, sorted
    base numbers) left out, and the overlay's each where its file comes
    (``at``: the base number it goes before, one an article, in order):
    the order indexing all of them would give."""

    def __init__(self, base: Sequence[Article], dead: Sequence[int], added: Sequence[Article],
                 at: Sequence[int]) -> None:
        self.base, self.dead, self.added, self.at = base, list(dead), added, list(at)
        # dead[k] - k: how many dead come before a kept article's rank
        self._shift = [d - k for k, d in enumerate(self.dead)]
        # each added article's number here (they are in order)
        self._added_at = [b - bisect_left(self.dead, b) + j for j, b in enumerate(self.at)]

    def __len__(self) -> int:
        return len(self.base) - len(self.dead) + len(self.added)

    def __getitem__(self, i):  # (no slices: never asked for)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        n = self.added_number(i)
        return self.base[self.to_base(i)] if n is None else self.added[n]

    def added_number(self, i: int) -> int | None:
        """The overlay's number of article ``i``; None if it is the base's."""
        k = bisect_left(self._added_at, i)
        return k if k < len(self._added_at) and self._added_at[k] == i else None

    def to_base(self, i: int) -> int:
        """The base's number of article ``i``, one of the base's."""
        rank = i - bisect_left(self._added_at, i)  # among the kept base articles
        return rank + bisect_right(self._shift, rank)

    def from_base(self, b: int) -> int | None:
        """A base article's number here; None if its file changed."""
        k = bisect_left(self.dead, b)
        if k < len(self.dead) and self.dead[k] == b:
            return None
        return b - k + bisect_right(self.at, b)

    def from_added(self, n: int) -> int:
        return self._added_at[n]


def overlaid(paths: list, found: Found | Look | None, fp: str, cache, key: str,
             on_skip: Callable[[Skipped], None] | None = None) -> Library | None:
    """The corpus as an :class:`Overlay`, if its index and the files changed
    since can give one; None if names must be found over the whole corpus.
    ``found``: the files as they are now, with ``fp`` their fingerprint
    (None: only an overlay the cache holds for ``fp`` will do); or the
    corpus's folders looked at (:func:`~tui.core.library.look_at_folders`),
    some of which changed: those alone are listed again (then the index
    itself may be what is given, if nothing in them changed)."""
    if isinstance(found, Look):
        return _by_folders(paths, found, cache, key, on_skip)
    ov = _stored(cache, key, fp, found, on_skip)
    if ov is not None:
        return ov
    if found is None or not found.files:
        return None
    changes = changes_by_walk(cache, key, found, fp, most_changed(len(found.files)))
    if changes is None:
        return None
    return _build(paths, changes, cache, key, on_skip, found.stats)


def _stored(cache, key: str, fp: str, found: Found | None, on_skip: Callable[[Skipped], None] | None) -> Overlay | None:
    """The overlay the cache holds for files of fingerprint ``fp``, if any."""
    okey = overlay_key(key)
    stored = cache.listing(okey)
    if stored is None or stored[0] != fp:
        return None
    head = stored[1]
    added = indexed_library(Found([], {}, [], []), cache, okey, fp=fp)
    ov = _open(cache, key, head.get("base"), added, head.get("dead", []), head.get("at", []), found)
    if ov is not None:
        assert added is not None
        for s in added.corpus.skipped:  # (the files it could not read, named again)
            if on_skip is not None:
                on_skip(s)
    return ov


def _by_folders(paths: list, look: Look, cache, key: str, on_skip: Callable[[Skipped], None] | None) -> Library | None:
    """The corpus some folders of which changed (see :func:`overlaid`)."""
    stored = cache.listing(overlay_key(key))
    # (the folders an overlay of an earlier change holds: listed again, as it is made again)
    since = stored[1].get("folders", []) if stored is not None else []
    known = {folder for folder, _ in look.found.folders}
    relisted = relist(sorted(set(look.moved).union(since)), known)
    if relisted is None:
        return None
    changes = changes_by_folders(cache, key, relisted, since, most_changed(look.data.get("count", 0)))
    if changes is None:
        return None
    listed = {folder for folder, _ in relisted.folders}
    # What walking the folders would have said: of the folders listed now, and of the others then.
    skipped = [s for s in look.found.skipped if s.path not in listed and folder_of(s.path) not in listed]
    changes = changes._replace(skipped=skipped + changes.skipped)
    lib: Library | None = indexed_library(Found([], {}, [], []), cache, key, on_skip, fp=changes.fp)
    if lib is None:
        lib = _stored(cache, key, changes.fp, None, on_skip)
    if lib is None:
        lib = _build(paths, changes, cache, key, on_skip, {})
    if lib is None:
        return None
    for s in changes.skipped:
        if on_skip is not None:
            on_skip(s)
    keep_tree_moved(cache, key, look, relisted, changes.skipped, changes.fp, changes.files)
    lib.corpus.by_folders = changes.fp
    return lib


def _open(cache, key: str, fp_base, added: Library | None, dead: list[int], at: list[int],
          found: Found | None) -> Overlay | None:
    if added is None or not isinstance(fp_base, str) or len(at) != len(added.corpus.articles):
        return None
    base = indexed_library(Found([], {}, [], []), cache, key, fp=fp_base)
    if base is None:
        return None
    if found is None:
        return _composed(base, added, dead, at, cache, [], {}, 0)
    return _composed(base, added, dead, at, cache, found.skipped, found.stats, len(found.files))


def _composed(base: Library, added: Library, dead: list[int], at: list[int], cache, skipped: list[Skipped],
              stats: dict, from_cache: int) -> Overlay:
    """The overlay of ``added`` on ``base``; ``skipped`` and ``stats``: of the files as found now."""
    order = OverlaidArticles(base.corpus.articles, dead, added.corpus.articles, at)
    corpus = Corpus(_listed(order), skipped=list(skipped) + added.corpus.skipped, stats=dict(stats), cache=cache)
    corpus.from_cache = from_cache
    return Overlay(corpus, base, added, order)


def _build(paths: list, changes: Changes, cache, key: str, on_skip: Callable[[Skipped], None] | None,
           stats: dict) -> Overlay | None:
    """Index the files changed since the base alone, keep that in the cache,
    and open both.  ``stats``: every file's, if all were looked at."""
    from .library import _entities_to_data, _listing

    base = indexed_library(Found([], {}, [], []), cache, key, fp=changes.fp_base)
    if base is None or len(base.corpus.articles) != changes.base_articles:
        return None
    dead = changes.dead
    redo = set(changes.changed)
    # Files the base could not read, and still unchanged, are named again (as a warm start names them).
    unreadable = [s for s in base.corpus.skipped if s.path not in redo and s.path not in changes.gone]
    for s in unreadable:
        if on_skip is not None:
            on_skip(s)
    added = load_corpus(paths, on_skip=on_skip, scan=True, cache=cache,
                        found=Found(changes.changed, changes.stats, [], []))
    _unique_ids(added, base.corpus.articles, dead)
    at = [changes.goes[a.unit] for a in added.articles]
    lib = index_corpus(added, None, None)
    listing = _listing(added)
    listing["skipped"] += [[s.path, s.reason] for s in unreadable]
    listing.update(base=changes.fp_base, dead=dead, at=at, folders=changes.folders)
    cache.store_corpus(overlay_key(key), changes.fp, _entities_to_data(lib.index), lib.index.postings, listing)
    return _composed(base, lib, dead, at, cache, changes.skipped + unreadable, stats,
                     changes.files - len(changes.changed))


def _listed(order: OverlaidArticles) -> Sequence[Article]:
    """The articles as a list where the base's are made already (a long
    session's), else as they are looked up (a one-shot command's)."""
    return list(order) if isinstance(order.base, list) else order


def _unique_ids(added: Corpus, base: Sequence[Article], dead: list[int]) -> None:
    """Give an added article whose id a kept base article has a longer one,
    as :meth:`~tui.core.loader.Corpus.add` does within a corpus."""
    ids = getattr(base, "ids", None)
    taken = set(ids if ids is not None else (a.id for a in base))
    taken.difference_update(base[i].id for i in dead)  # (a changed file's articles keep their ids)
    for a in added.articles:
        if a.id in taken:
            lengthen_id(a)
    added._by_id = None
