"""Pass 2: the kept mentions grouped into entities.

Forms are grouped by their :func:`~tui.core.names.forms.group_key`
(:func:`_group`); a group that some articles use in another sense is split
(:func:`_split_senses`, :func:`_datelines_are_places`); short forms are folded
into the full names that hold them (:func:`_fold_short_forms`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable

from ..lexicon import FIELD_WORDS, ORG_HEADS, ORG_SUFFIXES, PLACE_SUFFIXES, STOPWORDS
from .evidence import place_weight
from .forms import group_key
from .kinds import _Kept


def _group(kept: _Kept) -> dict[str, array]:
    """The kept mentions by :func:`group_key` of their surface."""
    surface_of = kept.surface
    groups: dict[str, array] = {}
    keys: dict[str, str] = {}
    for i in kept.order:
        t = surface_of[i]
        k = keys.get(t)
        if k is None:
            k = keys[t] = group_key(t)
        g = groups.get(k)
        if g is None:
            g = groups[k] = array("I")
        g.append(i)
    return groups


# The vote for the other kind that one of an article's mentions needs (a
# table line or a fixture gives 4, "shares in X" 2, "in X" 1) before the
# article's mentions may make a sense of their own.
_SENSE_MARGIN = 3


def _split_senses(kept: _Kept, groups: dict[str, array], kinds: dict[str, str]) -> None:
    """A place's name that some articles use for a club ("CHICAGO 71 64 .526
    10" in a standings table), or a club's name used for its town: those
    articles' mentions become an entity of the other kind, where their own
    votes outweigh the corpus's kind.  Its key is the
    group's with a NUL after it, which folds to the same search key."""
    article_of, org_votes, place_votes = kept.article, kept.org_votes, kept.place_votes
    datelines = kept.datelines

    def is_dateline(i: int) -> bool:
        n = bisect_left(datelines, i)  # (in the order kept)
        return n < len(datelines) and datelines[n] == i

    for k in [k for k, kind in kinds.items() if kind == "place" or kind == "org"]:
        members = groups[k]
        if len(members) < 2:
            continue
        mine, theirs = (place_votes, org_votes) if kinds[k] == "place" else (org_votes, place_votes)
        if max(map(theirs.__getitem__, members)) < _SENSE_MARGIN:
            continue  # no mention leans the other way enough
        by_article: dict[int, list[int]] = defaultdict(list)
        for i in members:
            if not is_dateline(i):  # (a dateline is a place whatever its article says: see _datelines_are_places)
                by_article[article_of[i]].append(i)
        moved = []
        for idxs in by_article.values():
            strongest = max(map(theirs.__getitem__, idxs))
            if strongest >= _SENSE_MARGIN and strongest > max(map(mine.__getitem__, idxs)):
                moved += idxs
        if moved and len(moved) < len(members):
            taken = set(moved)
            groups[k] = array("I", [i for i in members if i not in taken])
            other = k + "\x00"
            groups[other] = array("I", moved)
            kinds[other] = "org" if kinds[k] == "place" else "place"


def _datelines_are_places(kept: _Kept, groups: dict[str, array], kinds: dict[str, str]) -> None:
    """A dateline's mention of a name the corpus calls something else ("NEW
    YORK" of a baseball results page, the club) goes to the name's place
    sense (as :func:`_split_senses` keys it), made if there is none."""
    moves: dict[str, set[int]] = defaultdict(set)
    key_of: dict[str, str] = {}  # (a wire corpus's datelines are a few cities, over and over)
    for i in kept.datelines:
        t = kept.surface[i]
        k = key_of.get(t)
        if k is None:
            k = key_of[t] = group_key(t)
        if kinds.get(k, "place") != "place":
            moves[k].add(i)
    for k, moved in moves.items():
        groups[k] = array("I", [i for i in groups[k] if i not in moved])
        place = k + "\x00"
        if kinds.get(place, "place") != "place":
            continue  # (a place's other sense is never one: the key is a place's)
        groups.setdefault(place, array("I")).extend(sorted(moved))
        kinds[place] = "place"


def _fold_short_forms(kept: _Kept, groups: dict[str, array], kinds: dict[str, str]) -> tuple[dict[str, array], set[str]]:
    """Short forms folded into full names: a person's shorter name into the
    one longer name that holds it ("Tang Xiaoou" into "Sean Tang Xiaoou");
    inside one article, a lone surname into the person the article names in
    full, and a lone first or last word of an organisation's name into that
    organisation ("Longhorns" after "Texas Longhorns").  Returns the groups
    after folding, and the keys whose kind must be decided again."""
    persons = [k for k in groups if kinds[k] == "person" and " " in k]
    by_tokens: dict[str, list[str]] = defaultdict(list)
    for k in persons:
        for tok in set(k.split()):
            by_tokens[tok].append(k)
    find = _persons_into_longer(persons, by_tokens)
    owner_of, touched = _lone_words_owned(kept, groups, kinds, persons, by_tokens, find)
    return _regrouped(groups, find, owner_of, touched)


def _persons_into_longer(persons: list[str], by_tokens: dict[str, list[str]]) -> Callable[[str], str]:
    """Each person's name joined to the one longer name holding it as a run
    of words ("tang xiaoou" in "sean tang xiaoou"): the key a key now goes to."""
    # Only the keys joined to another (a table of every key was megabytes at scale).
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while k in parent:
            up = parent[k]
            if up in parent:
                up = parent[k] = parent[up]  # (halving the path as it is walked)
            k = up
        return k

    for k in persons:
        toks = k.split()
        # Such a form holds every word of this one, so only the forms holding
        # its rarest word are looked at (those holding "john" are thousands in
        # a big corpus, and there are thousands of Johns).
        pool = min((by_tokens[t] for t in toks), key=len)
        longer = {o for o in pool if o != k and len(o.split()) > len(toks) and f" {k} " in f" {o} "}
        if len(longer) == 1:
            root, into = find(k), find(longer.pop())
            if root != into:
                parent[root] = into
    return find


class _Owners:
    """Kept mentions → the key of the name that owns them: a column of
    numbers into the few owners' keys, made when the first is given (a
    dict of every owned mention was hundreds of megabytes at a million
    articles)."""

    __slots__ = ("size", "owner", "keys", "_number")

    def __init__(self, size: int) -> None:
        self.size = size
        self.owner: array | None = None
        self.keys: list[str] = []
        self._number: dict[str, int] = {}

    def add(self, i: int, key: str) -> None:
        if self.owner is None:
            self.owner = array("i", [-1]) * self.size
        n = self._number.get(key)
        if n is None:
            n = self._number[key] = len(self.keys)
            self.keys.append(key)
        self.owner[i] = n

    def get(self, i: int) -> str | None:
        n = -1 if self.owner is None else self.owner[i]
        return self.keys[n] if n >= 0 else None


def _lone_words_owned(kept: _Kept, groups: dict[str, array], kinds: dict[str, str], persons: list[str],
                      by_tokens: dict[str, list[str]], find: Callable[[str], str]) -> tuple[_Owners, set[str]]:
    """One-word mentions that, in their article, are a word of exactly one
    full name (a person's, or an organisation's first or last word): each
    such kept mention → that name's key; and the one-word keys some of
    whose mentions so go.  ``by_tokens``: each word of the people's names
    → the names holding it (organisations' are added)."""
    article_of, surface_of = kept.article, kept.surface
    # Each word → the full names holding it (a lone mention goes to the key
    # ``find`` gives such a name).  The articles are looked at one word at a
    # time: a map of every article's words and names was gigabytes at a
    # million articles.
    holders = by_tokens
    for k in groups:
        if kinds[k] != "org" or " " not in k:
            continue
        if not any(" " in surface_of[i] for i in groups[k]):
            continue  # "Gazprom-Rosneft", "Fiat-GM": two names joined, not one with a short form
        toks = k.split()
        for t in {t for t in (toks[0], toks[-1]) if t not in _NOT_OWNED and not t.isdigit()}:
            holders.setdefault(t, []).append(k)
    owner_of = _Owners(len(article_of))
    touched: set[str] = set()
    person_roots = {find(k) for k in persons}
    for k, members in groups.items():
        # Only a one-word name that some full name holds as a word; a place
        # only if a person holds it and it is no country or big city:
        # "Radcliffe" after "Paula Radcliffe" is she, "Jordan" stays a country.
        if " " in k or k not in holders:
            continue
        place = kinds[k] == "place"
        if place and place_weight(k) > 2:
            continue
        here = set(map(article_of.__getitem__, members))
        held: dict[int, set[str]] = {}  # article → the names holding k there
        for name in holders[k]:
            root = find(name)
            for a in here.intersection(map(article_of.__getitem__, groups[name])):
                held.setdefault(a, set()).add(root)
        for i in members:
            owners = held.get(article_of[i])
            owner = next(iter(owners)) if owners and len(owners) == 1 else None
            if owner is not None and not (place and owner not in person_roots):
                owner_of.add(i, owner)
                touched.add(k)
                if place:
                    kept.place_votes[i] = 0  # (the gazetteer's vote was for the town, not for her)
    return owner_of, touched


def _regrouped(groups: dict[str, array], find: Callable[[str], str], owner_of: _Owners,
               touched: set[str]) -> tuple[dict[str, array], set[str]]:
    """The mentions regrouped under the keys they now go to; and the keys
    whose kind must be decided again (those that took in another's mentions,
    and those that gave some away)."""
    final: dict[str, array] = {}
    merged: set[str] = set()  # groups that took in mentions of another key
    for k, members in groups.items():
        if k in touched:
            for i in members:
                target = owner_of.get(i) or find(k)
                final.setdefault(target, array("I")).append(i)
                if target != k:
                    merged.add(target)
            continue
        target = find(k)
        if target == k and k not in final:
            final[k] = members
        else:
            final.setdefault(target, array("I")).extend(members)
            merged.add(target)
    return final, merged | touched


# Words of an organisation's name that do not stand for it alone: "the" of
# "The Times", "bank" of "World Bank", "group" of "Ping An Group".
_NOT_OWNED = STOPWORDS | ORG_SUFFIXES | ORG_HEADS | PLACE_SUFFIXES | FIELD_WORDS
