"""A corpus's files by folder: what a whole indexing stores of them, and
what changed since, found by listing only the folders whose time changed.

A whole indexing stores, beside the corpus's index, its files grouped by
folder: a head (each folder's name, a digest of its files, where its
articles end and its last file) and one section per folder (each file's
size, time, article count and first article).  When a file is added to a
folder of a million-file corpus, the folder's time changes; listing that
folder alone, and reading its section and its ancestors', says which files
changed and where their articles go among the index's, without walking
or comparing the rest (see :func:`changes_by_folders`).
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections import namedtuple
from collections.abc import Sequence

from .cache import digest_of_files, folder_digests, folder_of, fingerprint, fingerprint_of_folders
from .kinds import kind, split_key
from .loader import Corpus, Found, find_files, find_in_folder


class Changes(namedtuple("Changes", "fp fp_base changed stats gone dead goes base_articles files folders skipped")):
    """How a corpus's files differ from those it was last indexed whole from:
    the files' fingerprint now (``fp``) and the whole index's (``fp_base``);
    the files added or changed, in the order a walk finds them (``changed``),
    with their sizes and times (``stats``); the files removed (``gone``);
    the index's articles that came from changed or removed files, in order
    (``dead``); where each changed file's articles go, after this many of
    the index's (``goes``); how many articles the index holds
    (``base_articles``); how many files there are now (``files``); the
    folders the changed and removed files lie in (``folders``); what could
    not be read when the files were looked at (``skipped``).  (A namedtuple:
    typing's NamedTuple would import typing, milliseconds of a one-shot
    command.)"""

    __slots__ = ()


def files_sections(corpus: Corpus) -> list:
    """What a whole indexing stores of its files (see the module's doc):
    the head, then each folder's files as [path, size, mtime, articles,
    first article], in the order the articles are listed."""
    counts: dict[str, int] = {}
    for a in corpus.articles:
        u = a.unit
        counts[u] = counts.get(u, 0) + 1
    groups: dict[str, list[list]] = {}
    pos = 0
    for unit, (size, mtime) in corpus.stats.items():
        n = counts.get(unit, 0)
        folder = folder_of(unit)
        rows = groups.get(folder)
        if rows is None:
            rows = groups[folder] = []
        rows.append([unit, size, mtime, n, pos])
        pos += n
    head = {
        "folders": list(groups),
        "digests": [digest_of_files(rows) for rows in groups.values()],
        "ends": [rows[-1][4] + rows[-1][3] for rows in groups.values()],
        "lasts": [rows[-1][0] for rows in groups.values()],
        "articles": pos,
        "files": len(corpus.stats),
    }
    return [head, *groups.values()]


def _base_rows(sections: dict) -> dict[str, list]:
    return {row[0]: row for rows in sections.values() for row in rows}


def changes_by_walk(cache, key: str, found: Found, fp: str, most: int) -> Changes | None:
    """The changes, every file having been looked at (``found``, with ``fp``
    its fingerprint); None if the index holds no files to compare with, they
    were indexed by other code, or more than ``most`` files changed."""
    stored = cache.corpus_files(key)
    if stored is None or not isinstance(stored[1], dict):
        return None
    fp_base, head, sections = stored
    base = _base_rows(sections)
    if fingerprint({u: (r[1], r[2]) for u, r in base.items()}) != fp_base:
        return None  # indexed by other code: everything is found again
    now = found.stats
    changed = [u for u in found.files if (r := base.get(u)) is None or (r[1], r[2]) != now[u]]
    gone = [u for u in base if u not in now]
    if len(changed) + len(gone) > most:
        return None
    dead = _dead(base, changed, gone)
    # Where each changed file's articles go: after the file before it.
    goes: dict[str, int] = {}
    last = 0
    redo = set(changed)
    for u in found.files:
        if u in redo:
            goes[u] = last
        elif (r := base.get(u)) is not None:
            last = r[4] + r[3]
    folders = sorted({folder_of(u) for u in changed} | {folder_of(u) for u in gone})
    return Changes(fp, fp_base, changed, {u: now[u] for u in changed}, gone, dead, goes, head["articles"],
                   len(found.files), folders, list(found.skipped))


def _dead(base: dict[str, list], changed: list[str], gone: list[str]) -> list[int]:
    dead: list[int] = []
    for u in (*changed, *gone):
        if (r := base.get(u)) is not None:
            dead.extend(range(r[4], r[4] + r[3]))
    dead.sort()
    return dead


def _order(unit: str) -> tuple[list[str], int]:
    """Where a walk of one folder finds a file: folders and files in name
    order, depth first; the parts of a file in order."""
    path, span = split_key(unit)
    return path.split(os.sep), span[0] if span else -1


def _ancestry(folder: str) -> list[str]:
    """``folder`` and the folders it lies in."""
    out = [folder]
    while True:
        up = os.path.dirname(out[-1])
        if up == out[-1]:
            return out
        out.append(up)


def relist(folders: Sequence[str], known: set[str]) -> Found | None:
    """The files directly in each of ``folders`` as a walk finds them, and
    everything under the folders among their subfolders that are not
    ``known`` (made since), with the folders listed and their times; None
    if any of them cannot be listed alone (see
    :func:`~tui.core.loader.find_in_folder`)."""
    out = Found([], {}, [], [])
    for folder in folders:
        listed = find_in_folder(folder)
        if listed is None:
            return None
        here, below = listed
        _extend(out, here)
        for sub in below:  # (none is a link: find_in_folder says so)
            if sub not in known:
                _extend(out, find_files([sub]))
    return out


def _extend(found: Found, more: Found) -> None:
    found.files.extend(more.files)
    found.stats.update(more.stats)
    found.skipped.extend(more.skipped)
    found.folders.extend(more.folders)


def changes_by_folders(cache, key: str, relisted: Found, since: Sequence[str], most: int) -> Changes | None:
    """The changes, only the folders ``relisted`` having been listed again:
    those whose time changed since the files were last looked at, and those
    (``since``) that changed before, since the index was made whole.  None
    if the index holds no files to compare with, or more than ``most`` files
    changed (a walk then looks at them all)."""
    now = relisted.stats
    listed = {f for f, _ in relisted.folders}
    wanted = set().union(*(_ancestry(f) for f in listed))

    def pick(head) -> list[int]:
        return [i + 1 for i, f in enumerate(head["folders"]) if f in wanted]

    stored = cache.corpus_files(key, pick)
    if stored is None or not isinstance(stored[1], dict):
        return None
    fp_base, head, sections = stored
    digests = dict(zip(head["folders"], head["digests"]))
    if fingerprint_of_folders(digests) != fp_base:
        return None  # indexed by other code
    base = _base_rows({i: rows for i, rows in sections.items() if head["folders"][i - 1] in listed})
    changed = [u for u in relisted.files if (r := base.get(u)) is None or (r[1], r[2]) != now[u]]
    gone = [u for u in base if u not in now]
    if len(changed) + len(gone) > most:
        return None
    for folder in listed:
        digests.pop(folder, None)
    digests.update(folder_digests(now))
    goes = _places(head, sections, changed)
    folders = sorted({folder_of(u) for u in changed} | {folder_of(u) for u in gone} | set(since))
    return Changes(fingerprint_of_folders(digests), fp_base, changed, {u: now[u] for u in changed}, gone,
                   _dead(_base_rows(sections), changed, gone), goes, head["articles"],
                   head["files"] + len(changed) - len([u for u in changed if u in base]) - len(gone),
                   folders, list(relisted.skipped))


def _places(head: dict, sections: dict[int, list], changed: list[str]) -> dict[str, int]:
    """Where each changed file's articles go among the index's: after the
    last file of the index a walk finds before it.  A folder none of whose
    own files lies before it in every walk and after it in another is one
    block: the last block ending before a file is found by bisection;
    files of the folders it lies in, whose own files may lie on either
    side, are looked at one by one (their sections were read)."""
    blocks = sorted((_order(last), end) for last, end in zip(head["lasts"], head["ends"]))
    keys = [k for k, _ in blocks]
    index = {f: i for i, f in enumerate(head["folders"])}
    # A section's files, in walk order: their ends never fall, so the last before a file is found by bisection.
    rows_of: dict[int, tuple[list, list[int]]] = {}
    goes: dict[str, int] = {}
    for u in changed:
        at = _order(u)
        k = bisect_left(keys, at)
        best = blocks[k - 1][1] if k else 0
        for folder in _ancestry(folder_of(u)):
            i = index.get(folder)
            if i is None or i + 1 not in sections:
                continue
            if i not in rows_of:
                rows = sections[i + 1]
                rows_of[i] = ([_order(r[0]) for r in rows], [r[4] + r[3] for r in rows])
            orders, ends = rows_of[i]
            k = bisect_left(orders, at)
            if k:
                best = max(best, ends[k - 1])
        goes[u] = best
    return goes


def watched(found: Found, walked: set[str], every: bool = False) -> list[list]:
    """The files whose own times are looked at with the folders', each
    [path, size, mtime]: a file of many records or a feed is often added to
    in place, and a file given by itself lies in no folder walked; with
    ``every``, all of them (a small corpus: a file rewritten in place is
    seen too, and stat-ing a few thousand listed files is quicker than
    walking their folders)."""
    out: dict[str, list] = {}
    for unit in found.files:
        path = split_key(unit)[0]
        if path not in out and (every or kind(path) in ("records", "feed") or os.path.dirname(path) not in walked):
            out[path] = [path, *found.stats[unit]]
    return list(out.values())
