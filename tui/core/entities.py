"""Find people, organisations and places in cleaned article text.

A rule-based finder: no model, nothing downloaded.  It works in two passes:

1. each article is scanned for runs of capitalised words (with "of"/"and"
   inside organisation names, titles split off, possessives dropped) — a
   :class:`Candidate` per run, with evidence for its kind;
2. the corpus then decides: a word that only ever appears capitalised at the
   start of a sentence is not a name; variants are grouped ("DeepBlue" and
   "DeepBlue Technology", "Tang Xiaoou" and "Sean Tang Xiaoou", and inside an
   article that names him in full, "Tang"); each group gets the kind its
   evidence votes for.

Every mention keeps its exact character span in the article's ``text``.

This module is the finder's entry, :func:`extract`; the phases are modules of
:mod:`tui.core.names`, and the names the rest of the program uses are
imported from here:

* ``forms``: words and their folded forms, which every phase uses;
* ``candidates`` and ``scan``: pass 1, one article's candidates
  (:class:`Candidate`; ``evidence``: the votes for their kinds);
* ``corpus``: what the corpus says of each word (:class:`NameStats`) and the
  candidates it bears out;
* ``kinds``: the kept mentions, and the kind their votes give a group;
* ``grouping``: forms grouped, senses split, short forms folded into names;
* ``index``: the groups packed as entities (:class:`EntityIndex`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .collector import give_back
from .lexicon import ORG_STRIP, PLACE_STRIP
from .names.candidates import Candidate, PackedCandidates, PackedSurfaces, pack_candidates, surfaces_of
from .names.corpus import NameStats, _add_lower_case_names, _add_recased_names, _keep, lower_names, word_postings
from .names.forms import WORD_RX, fold, fold_once, group_key, opens_sentence, squash, word_set
from .names.grouping import _datelines_are_places, _fold_short_forms, _group, _split_senses
from .names.index import Entity, EntityIndex, Mention, PackedEntities, _entities, _name_of, entity_row
from .names.scan import scan

# What the rest of the program (and its tests) import from here.
__all__ = [
    "ORG_STRIP", "PLACE_STRIP", "WORD_RX", "Candidate", "Entity", "EntityIndex", "Mention", "NameStats",
    "PackedCandidates", "PackedEntities", "PackedSurfaces", "_name_of", "entity_row", "extract", "fold", "fold_once",
    "group_key", "lower_names", "opens_sentence", "pack_candidates", "scan", "squash", "surfaces_of", "word_postings",
    "word_set",
]


def extract(
    texts: Sequence[str],
    ids: Sequence[str],
    scanned: Sequence[list[Candidate]] | None = None,
    postings: Mapping[str, Sequence[int]] | None = None,
    stats: NameStats | None = None,
    stop: Callable[[], bool] | None = None,
    consume: bool = False,
) -> EntityIndex:
    """Find and group the entities of a corpus (``texts[i]`` is article ``ids[i]``).

    ``stats`` (see :class:`NameStats`) may come gathered already, by the
    processes that cleaned and scanned the articles.  ``stop`` is asked every
    few thousand articles and entities (this takes tens of seconds for
    100,000 articles); when it says so, :class:`~tui.core.errors.Cancelled` is raised.
    With ``consume``, each article's candidates are let go once read
    (``scanned[i]`` becomes None: the list is spent): at a million articles
    they are more than a gigabyte that the later phases need no more.

    The phases, each a function of its own: keep the candidates the corpus
    bears out (:func:`_keep`), add names written in lower case
    (:func:`_add_lower_case_names`, :func:`_add_recased_names`), group forms
    by key (:func:`_group`), decide each group's kind from its votes, fold
    short forms into full names (:func:`_fold_short_forms`), and pack the
    entities (:func:`_entities`).
    """

    def check(n: int) -> None:
        if stop is not None and n % 4096 == 0 and stop():
            from .errors import Cancelled

            raise Cancelled

    if scanned is None:
        scanned = [scan(t) for t in texts]
    if stats is None:
        stats = NameStats.of(texts, scanned)
    if postings is None:
        postings = stats.postings
    kept = _keep(scanned, texts, stats, check, consume)
    if consume:
        give_back()  # (the candidates read and let go)
    _add_lower_case_names(kept, texts, postings)
    _add_recased_names(kept, texts, postings, stats)
    groups = _group(kept)
    kinds = {k: kept.kind_of(v) for k, v in groups.items()}
    _split_senses(kept, groups, kinds)
    _datelines_are_places(kept, groups, kinds)
    final, rekind = _fold_short_forms(kept, groups, kinds)
    del groups
    return EntityIndex(_entities(kept, final, kinds, rekind, ids, check), ordered=True)
