"""The entities found, as the index keeps them.

An :class:`Entity` and its mentions (:class:`Mention`); :class:`EntityIndex`,
every entity of a corpus and each article's mentions; :class:`PackedEntities`,
entities as stored, made objects only when used; and :func:`_entities`, name
finding's last phase, which packs the groups as entities, each named by
:func:`_name_of`.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_right
from collections import namedtuple
from collections.abc import Callable, Iterator, Sequence
from json.encoder import encode_basestring  # a string as JSON, ensure_ascii=False

from ..stored import Arrays, MadeWhenUsed, StoredArrays
from .evidence import is_given_name
from .forms import group_key
from .kinds import _Kept


class Mention(namedtuple("Mention", "article start end text")):
    """One occurrence of an entity: ``texts[article][start:end] == text``
    (``article``: an index into the corpus's article list)."""

    __slots__ = ()


_UNPACKED: tuple[list[str], Sequence[int], Sequence[str]] = ([], (), ())


class Entity:
    """One entity and its mentions.  Read back from the index, the mentions are
    kept packed until someone asks for them (most never are in one session)."""

    __slots__ = ("key", "name", "kind", "variants", "_mentions", "_article_ids", "_packed")

    def __init__(
        self, key: str, name: str, kind: str, variants: list[str], mentions: list[Mention], article_ids: list[str]
    ) -> None:
        self.key, self.name, self.kind, self.variants = key, name, kind, variants
        self._mentions: list[Mention] | None = mentions
        self._article_ids: list[str] | None = article_ids
        # As read back from the index: (forms, flat (article, start, form) triples, article ids).
        self._packed: tuple[list[str], Sequence[int], Sequence[str]] = _UNPACKED

    @classmethod
    def packed(
        cls, key: str, name: str, kind: str, variants: list[str], forms: list[str], flat: Sequence[int],
        ids: Sequence[str],
    ) -> Entity:
        """From ``flat`` (article, start, index into ``forms``) triples; ``ids`` names the articles."""
        e = cls(key, name, kind, variants, None, None)  # type: ignore[arg-type]
        e._packed = (forms, flat, ids)
        return e

    @property
    def mentions(self) -> list[Mention]:
        if self._mentions is None:
            forms, flat, _ = self._packed
            out = []
            for i in range(0, len(flat), 3):
                a, s, f = flat[i], flat[i + 1], forms[flat[i + 2]]
                out.append(Mention(a, s, s + len(f), f))
            self._mentions = out
        return self._mentions

    def mention_at(self, k: int, article: int, start: int, form: int) -> Mention:
        """The ``k``-th mention, known to be at ``start`` of ``article`` with
        form number ``form``: made alone, not with all the others."""
        if self._mentions is not None:
            return self._mentions[k]
        text = self._packed[0][form]
        return Mention(article, start, start + len(text), text)

    @property
    def article_ids(self) -> list[str]:
        if self._article_ids is None:
            _, flat, ids = self._packed
            self._article_ids = list(dict.fromkeys(ids[a] for a in flat[::3]))
        return self._article_ids

    @property
    def count(self) -> int:
        if self._mentions is None:
            return len(self._packed[1]) // 3
        return len(self._mentions)

    def forms_and_flat(self) -> tuple[list[str], Sequence[int]]:
        """The packed form of the mentions (see :meth:`packed`)."""
        if self._mentions is None:
            forms, packed, _ = self._packed
            return forms, packed
        index: dict[str, int] = {}
        flat: list[int] = []
        add = flat.extend
        for a, s, _, t in self._mentions:
            f = index.get(t)
            if f is None:
                f = index[t] = len(index)
            add((a, s, f))
        return list(index), flat

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entity):
            return NotImplemented
        return (self.key, self.name, self.kind, self.variants, self.mentions) == (
            other.key, other.name, other.kind, other.variants, other.mentions)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Entity({self.name!r}, {self.kind}, {self.count} mentions)"

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "variants": self.variants,
            "articles": self.article_ids,
            "count": self.count,
        }


class EntityIndex:
    """Every entity of a corpus with its mentions, grouped and typed."""

    def __init__(self, entities: Sequence[Entity], ordered: bool = False,
                 by_article: StoredArrays | None = None) -> None:
        """``ordered``: the entities come most mentioned first already.
        ``by_article``: as stored with packed entities, each article's
        mentions (their numbers in the entities' mention triples end to end;
        see :func:`tui.core.cache.mentions_by_article`)."""
        self.entities = entities if ordered else sorted(entities, key=lambda e: (-e.count, e.name.lower()))
        self._table: tuple | None = None
        # (with the stored mention triples they number)
        flats = entities.flats if isinstance(entities, PackedEntities) else None
        self._by_article = (by_article, flats) if by_article is not None and isinstance(flats, StoredArrays) else None

    def _mention_table(self) -> tuple:
        """Every mention as (article, start, form) triples end to end, entity
        after entity, with where each entity's end; and the article column as
        bytes, to find an article's mentions with ``bytes.find`` rather than
        making an object of each of a big corpus's millions of mentions."""
        if self._table is None:
            flats = self.entities.flats if isinstance(self.entities, PackedEntities) else None
            if isinstance(flats, StoredArrays):
                ends, body = flats.ends, flats.body  # as read from the index
            else:
                ends, body = array("Q"), array("I")
                for e in self.entities:
                    body.extend(e.forms_and_flat()[1])
                    ends.append(len(body))
            self._table = (ends, body, array("I", body[0::3]).tobytes())
        return self._table

    def __len__(self) -> int:
        return len(self.entities)

    def heads(self) -> Iterator[tuple[str, str, list[str]]]:
        """Each entity's key, name and variants, in order (packed ones not made)."""
        ents = self.entities
        if isinstance(ents, PackedEntities):
            return ents.heads()
        return ((e.key, e.name, e.variants) for e in ents)

    def held_sections(self) -> tuple[Sequence[int], bytes | bytearray, Sequence[int], Sequence[int]] | None:
        """The entities as the store writes them, if name finding left them so
        (see :meth:`PackedEntities.sections`)."""
        ents = self.entities
        return ents.sections() if isinstance(ents, PackedEntities) else None

    def in_article(self, idx: int) -> list[tuple[Mention, Entity]]:
        """Article ``idx``'s mentions in text order, each with its entity."""
        if self._by_article is not None:
            flats = self._by_article[1]
            ends, body = flats.ends, flats.body
        else:
            ends, body, _ = self._mention_table()
        out = []
        for t, n in self._triples_in(idx):
            e = self.entities[n]
            out.append((e.mention_at((t - (ends[n - 1] if n else 0)) // 3, idx, body[t + 1], body[t + 2]), e))
        out.sort(key=lambda x: x[0].start)
        return out

    def numbers_in(self, idx: int) -> set[int]:
        """The numbers of the entities article ``idx`` mentions (none made)."""
        return {n for _, n in self._triples_in(idx)}

    def _triples_in(self, idx: int):
        """(where in the mention table, entity number) of article ``idx``'s mentions."""
        if self._by_article is not None:
            by_article, flats = self._by_article
            if 0 <= idx < len(by_article):
                ends = flats.ends
                for m in by_article[idx]:
                    yield 3 * m, bisect_right(ends, 3 * m)
            return
        ends, _, arts = self._mention_table()
        needle = array("I", [idx]).tobytes()
        width = len(needle)
        p = arts.find(needle)
        while p >= 0:
            if p % width:  # straddles two numbers
                p = arts.find(needle, p + 1)
                continue
            t = p // width * 3
            yield t, bisect_right(ends, t)
            p = arts.find(needle, p + width)


class PackedEntities(MadeWhenUsed):
    """Entities as stored, each made an :class:`Entity` when first used: a
    one-shot search touches a few of a corpus's tens of thousands."""

    def __init__(self, rows: Sequence[str | bytes], flats: Sequence[Sequence[int]], ids: Sequence[str],
                 held: bool = False) -> None:
        """``held``: ``rows`` and ``flats`` are :class:`Arrays` in memory, as
        the store writes them (name finding made them so)."""
        super().__init__(len(rows))
        self.rows = rows  # JSON: [key, name, kind, variants, forms]
        self.flats = flats  # (article, start, form) triples of each
        self.ids = ids
        self.held = held

    def heads(self) -> Iterator[tuple[str, str, list[str]]]:
        """Each entity's key, name and variants, in order, making none."""
        made, rows = self.made, self.rows
        for n in range(len(made)):
            e = made[n]
            if e is not None:
                yield e.key, e.name, e.variants
            else:
                key, name, _kind, variants, _forms = json.loads(rows[n])
                yield key, name, variants

    def sections(self) -> tuple[Sequence[int], bytes | bytearray, Sequence[int], Sequence[int]] | None:
        """As name finding packed them, held in memory: the rows end to end
        with where each ends, and the mention triples likewise (what the
        store writes); else None (read back from the index)."""
        rows, flats = self.rows, self.flats
        if not self.held:
            return None
        assert isinstance(rows, Arrays) and isinstance(flats, Arrays)
        return rows.ends, rows.body, flats.ends, flats.body

    def make(self, n: int) -> Entity:
        key, name, kind, variants, forms = json.loads(self.rows[n])
        return Entity.packed(key, name, kind, variants, forms, self.flats[n], self.ids)

    def names(self, n: int) -> tuple[str, list[str]]:
        """The ``n``-th entity's name and variants, without making it (or
        reading its mentions: the most mentioned names have hundreds of
        thousands)."""
        _key, name, _kind, variants, _forms = json.loads(self.rows[n])
        return name, variants


def _entities(
    kept: _Kept, final: dict[str, array], kinds: dict[str, str], rekind: set[str], ids: Sequence[str],
    check: Callable[[int], None],
) -> PackedEntities:
    """Each group an entity, packed as the index stores it (``kept`` is
    spent: its votes are let go once read): a JSON row
    (:func:`entity_row`) and its mentions as (article, start, form)
    triples, end to end, most mentioned first.  Objects are made only for
    the entities someone looks at (a million articles have millions of
    entities: as objects, a gigabyte of name finding's peak).  Its name is
    its longest, then most used, form."""
    article_of, start_of, surface_of = kept.article, kept.start, kept.surface

    def elsewhere(word: str) -> bool:
        """``word`` alone is an organisation or a place named often (five
        mentions or more): "Tory" in "Tory Liam Fox" is the party's."""
        k = group_key(word)
        return kinds.get(k) in ("org", "place") and len(final.get(k, ())) >= 5

    def variants_of(members: array) -> dict[str, int]:
        variants: dict[str, int] = {}  # form → mentions (a Counter costs more for these few)
        for i in members:
            t = surface_of[i]
            variants[t] = variants.get(t, 0) + 1
        return variants

    # First each entity's kind and name, to pack them in their order.
    chosen: list[tuple[str, str, str]] = []  # (key, name, kind)
    for n, (k, members) in enumerate(final.items()):
        check(n)
        if not members:
            continue
        kind = kept.kind_of(members) if k in rekind else kinds[k]
        if kind == "other" and len(surface_of[members[0]]) <= 2 and all(len(surface_of[i]) <= 2 for i in members):
            continue
        name = surface_of[members[0]] if len(members) == 1 else _name_of(variants_of(members), elsewhere)
        chosen.append((k, name, kind))
    chosen.sort(key=lambda c: (-len(final[c[0]]), c[1].lower()))
    # The votes have had their say: let them go before the packing grows.
    kept.person_votes = kept.org_votes = kept.place_votes = kept.order = array("i")

    def where(i: int) -> int:
        """Where a mention is, as one number to sort by: (article, start).
        (Worked out per mention sorted: as a column, 240 MB at a million articles.)"""
        return article_of[i] << 32 | start_of[i]

    kinds.clear()  # (read by elsewhere() only, above)
    rows, row_ends, ends, body = bytearray(), array("Q"), array("I"), array("I")
    # Each entity's group and choice are let go once it is packed: the
    # packing grows by as much as they hold (at a million articles, the
    # groups' arrays and the choices are hundreds of megabytes).
    chosen.reverse()  # (taken from the end, in order)
    n = 0
    while chosen:
        check(n)
        n += 1
        k, name, kind = chosen.pop()
        members = final.pop(k)
        if len(members) == 1:
            i = members[0]
            forms = variants = [surface_of[i]]
            body.extend((article_of[i], start_of[i], 0))
        else:
            counts = variants_of(members)
            index: dict[str, int] = {}
            for i in sorted(members, key=where):
                t = surface_of[i]
                f = index.get(t)
                if f is None:
                    f = index[t] = len(index)
                body.extend((article_of[i], start_of[i], f))
            variants = sorted(counts, key=lambda v: (-counts[v], v))
            forms = list(index)
        rows += entity_row(k, name, kind, variants, forms).encode("utf-8")
        row_ends.append(len(rows))
        ends.append(len(body))
    return PackedEntities(Arrays(row_ends, rows), Arrays(ends, body), ids, held=True)


def entity_row(key: str, name: str, kind: str, variants: Sequence[str], forms: Sequence[str]) -> str:
    """An entity as the index stores it: the JSON of [key, name, kind,
    variants, forms], written out from its strings (the encoder's setup
    for every row was most of its cost)."""
    string = encode_basestring
    return f"[{string(key)},{string(name)},{string(kind)},[{','.join(map(string, variants))}],[{','.join(map(string, forms))}]]"


def _name_of(variants: dict[str, int], elsewhere: Callable[[str], bool] = lambda w: False) -> str:
    """An entity's name: its longest form, then most used, leaving out a
    form that is a more used name of two words or more with words glued
    before it that are no given name or initial, or are a given name that
    is ``elsewhere`` an organisation or a place: "Alan Milburn" (28 times)
    names the group, not "Blairite Alan Milburn" or "Liberal Democrat
    Charles Kennedy" (once each), "Liam Fox" not "Tory Liam Fox"; "Hunter
    S Thompson" still names "S Thompson"'s, "Dietmar Hamann" "Hamann"'s."""
    full = {g: n for g, n in variants.items() if n >= 2 and " " in g}

    def glued(v: str) -> bool:
        words = v.split(" ")
        for cut in range(1, len(words) - 1):
            head = words[cut - 1]
            if len(head.rstrip(".")) <= 1 or is_given_name(head.lower()) and not elsewhere(head):
                return False
            if full.get(" ".join(words[cut:]), 0) > variants[v]:
                return True
        return False

    return max((v for v in variants if not glued(v)), key=lambda v: (len(v.split()), variants[v], v[:1].isupper(), v))
