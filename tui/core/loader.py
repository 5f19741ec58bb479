"""Find article files, decode them, and turn them into a corpus of articles.

Nothing here ever opens a corpus file for writing.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections import namedtuple
from itertools import groupby
from collections.abc import Callable, Container, Iterable, Iterator, Sequence

from .lazy_re import lazy
from .article import Article, printable

# pathlib, hashlib and dataclasses are left out on purpose: a warm
# `byline search` imports this module, and they cost a fifth of its run.
TYPE_CHECKING = False  # (typing itself is not imported: 2-3 ms of a one-shot command)
if TYPE_CHECKING:
    from pathlib import Path

    from .cache import Cache
    from .entities import NameStats

from .collector import paused_gc
from .errors import Cancelled, UnreadableFile
from .kinds import EXTENSIONS, kind, part_key, split_key
from .reading import read_bytes, read_part, read_text
from .spill import CandidateSpill

# A corpus folder's own notes: README.md, LICENSE.txt, CHANGELOG.md ...
# (found in a folder, not named on their own).
_PROJECT_FILE = lazy(
    r"(?i)^(?:readme|licen[cs]e|copying|changelog|authors|contributing|code_of_conduct)(?:[._-][\w.-]*)?$"
)
NOTES_REASON = "a folder's own notes (README, LICENSE, ...), not an article"
# A JSON Lines file larger than this is read in parts of about this size, cut
# at line ends: each part is a unit of its own for the worker processes and
# the cache, so no process holds more of the file than a part, whatever its size.
PART_BYTES = 16 * 1024 * 1024


class Skipped(namedtuple("Skipped", "path reason")):
    """A file not loaded (``path``), and why (``reason``)."""

    __slots__ = ()

    @property
    def is_note(self) -> bool:
        """Left out on purpose, as a folder's own notes: nothing is wrong with it."""
        return self.reason == NOTES_REASON

    def __str__(self) -> str:
        return printable(f"skipped {self.path}: {self.reason}")


def bundled_seeds() -> Path:
    """The seed corpus shipped inside the package (see pyproject's force-include)."""
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return here / "seeds"


def discover(paths: Iterable[str | os.PathLike], on_skip: Callable[[Skipped], None]) -> Iterator[Path]:
    """Yield article files under ``paths`` in path order, as absolute paths.

    Folders are walked recursively, hidden entries skipped, symlink loops
    survived (each real directory is entered once).
    """
    from pathlib import Path

    for path, _ in _discover(paths, on_skip):
        yield Path(path)


def _discover(
    paths, on_skip: Callable[[Skipped], None], folders: list[tuple[str, int]] | None = None
) -> Iterator[tuple[str, os.DirEntry | None]]:
    """:func:`discover` as (path, directory entry or None for a path given as a file).

    Each file once, however it is reached: a folder given twice, a file
    given beside its folder, a link to a file already found.  Each folder
    entered goes to ``folders`` with its modification time."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for p in paths:
        # Absolute and normalised: "news", "./news" and "~/news" from anywhere
        # are the same files, and the index cache knows them again.
        path = os.path.abspath(os.fspath(p))
        if not os.path.exists(path):
            on_skip(Skipped(path, "no such file or directory"))
            continue
        if os.path.isdir(path):
            yield from _walk(path, seen_dirs, seen_files, on_skip, folders)
        else:
            try:
                st = os.stat(path)
            except OSError as exc:
                on_skip(Skipped(path, exc.strerror or str(exc)))
                continue
            if (st.st_dev, st.st_ino) not in seen_files:
                seen_files.add((st.st_dev, st.st_ino))
                yield path, None


class _Linked(Exception):
    """A folder listed alone holds a symbolic link."""


def _walk(top: str, seen: set[tuple[int, int]], files: set[tuple[int, int]],
          on_skip: Callable[[Skipped], None],
          folders: list[tuple[str, int]] | None = None,
          below: list[str] | None = None) -> Iterator[tuple[str, os.DirEntry]]:
    """The article files under ``top``, depth first in name order; each real
    folder entered once (symlink loops survive) and each file met once.  A
    stack, not recursion: a tree thousands of folders deep is still walked.
    With ``below``, only ``top``'s own files, its subfolders put there; and
    a symbolic link in it raises :class:`_Linked` (what it leads to may be
    found elsewhere in the whole walk, and then only once)."""
    stack: list[tuple[Iterator[os.DirEntry], int]] = []  # a folder's entries left, and its device

    def enter(folder: str) -> None:
        try:
            st = os.stat(folder)
        except OSError as exc:
            on_skip(Skipped(folder, exc.strerror or str(exc)))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return
        seen.add(key)
        if folders is not None:
            folders.append((folder, st.st_mtime_ns))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            on_skip(Skipped(folder, exc.strerror or str(exc)))
            return
        stack.append((iter(entries), st.st_dev))

    enter(top)
    while stack:
        entry = next(stack[-1][0], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
            if below is not None and entry.is_symlink():
                raise _Linked(entry.path)
        except OSError:
            continue
        if is_dir:
            if below is not None:
                below.append(entry.path)
            else:
                enter(entry.path)
        elif is_file and entry.name.lower().endswith(EXTENSIONS):
            if entry.name[0] in "rRlLcCaA" and _PROJECT_FILE.match(entry.name):
                on_skip(Skipped(entry.path, NOTES_REASON))
                continue
            try:
                # The folder's device and the inode the listing gave (no system
                # call); a link's own inode is not its file's: follow it.
                if entry.is_symlink():
                    st = entry.stat()
                    key = (st.st_dev, st.st_ino)
                else:
                    key = (stack[-1][1], entry.inode())
            except OSError:
                continue
            if key in files:
                continue
            files.add(key)
            yield entry.path, entry
        elif not is_dir and not is_file and entry.is_symlink():
            on_skip(Skipped(entry.path, "broken symbolic link"))


def _is_json_lines(path: str) -> bool:
    """Whether a file of records is JSON Lines: by its name, or a ``.json``
    whose first line is a whole JSON object (many exports are named so)."""
    import json

    low = path.lower()
    if low.endswith((".jsonl", ".ndjson")):
        return True
    if not low.endswith(".json"):
        return False
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    first = head.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict) and b"\n" in head.lstrip()
    except ValueError:
        return False


def parts_of(path: str, size: int) -> list[tuple[int, int]] | None:
    """Where a JSON Lines file too large to read whole is cut: about every
    :data:`PART_BYTES`, at the next line's start (a newline never falls inside
    a JSON Lines record).  None for a file read whole.  Reads a few bytes at
    each cut, never the whole file.  Raises OSError."""
    if size <= PART_BYTES or kind(path) != "records" or not _is_json_lines(path):
        return None
    cuts = [0]
    with open(path, "rb") as fh:
        pos = PART_BYTES
        while pos < size:
            fh.seek(pos)
            while True:
                block = fh.read(1 << 16)
                newline = block.find(b"\n")
                if not block or newline >= 0:
                    pos = pos + newline + 1 if newline >= 0 else size
                    break
                pos += len(block)
            if pos >= size:
                break
            cuts.append(pos)
            pos += PART_BYTES
    cuts.append(size)
    return list(zip(cuts, cuts[1:]))


_RESOLVED_DIRS: dict[str, str] = {}


def _resolved(path: str) -> str:
    """``os.path.realpath(path)``, remembering the folders it resolved: a file
    that is not itself a link, in an absolute folder, is that folder resolved
    and its name (one ``lstat`` rather than one for every part of the path;
    at 100,000 files it was a tenth of reading and cleaning them)."""
    head, tail = os.path.split(path)
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        link = True
    if link or not os.path.isabs(head) or tail in ("", ".", ".."):
        return os.path.realpath(path)
    real = _RESOLVED_DIRS.get(head)
    if real is None:
        if len(_RESOLVED_DIRS) >= 4096:
            _RESOLVED_DIRS.clear()
        real = _RESOLVED_DIRS[head] = os.path.realpath(head)
    return os.path.join(real, tail)


def file_key(path: str | os.PathLike) -> str:
    """A stable hex digest naming a file, from its resolved path."""
    import hashlib

    try:
        resolved = _resolved(os.fspath(path))
    except OSError:
        resolved = os.path.abspath(path)
    return hashlib.blake2b(resolved.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def articles_from_file(path: str | os.PathLike, corpus: dict[str, int] | None = None,
                       evidence: dict | None = None, problems: list | None = None) -> list[Article]:
    """Read, clean and split one file, or one part of a file read in parts
    (a key of :func:`~tui.core.kinds.part_key`).  Raises :class:`UnreadableFile`.

    ``corpus``: the corpus's hyphenated words, evidence for line-end
    hyphens (see :func:`tui.core.text.hyphen_census`).  ``evidence``, if
    given, receives what the file adds to it (``hyphens``) and what its
    cleaning asked of it, with the answers (``asked``); for a part, also
    how many lines it holds (``lines``: its records are numbered from its
    own first line, see :func:`renumber`).  ``problems``, if given, receives
    the parts of a file of records left out, as (where, why).
    """
    from .articles import parse_document  # the cleaner: only when there is cleaning to do

    path, part = split_key(os.fspath(path))
    stem = printable(os.path.splitext(os.path.basename(path))[0])  # (the title when the text gives none)
    asked: dict[str, int] = {}
    if kind(path) == "text" and part is None:
        raw = read_text(path)
        parsed = parse_document(raw, stem=stem, corpus=corpus, asked=asked)
        docs: list = [None] * len(parsed)
    else:
        from . import formats  # (the readers of pages and exports, and their libraries: only for such files)

        if part is None:
            got = formats.read(path, read_bytes(path))
        else:
            data = read_part(path, *part)
            if evidence is not None:
                evidence["lines"] = data.count(b"\n")
            got = formats.json_lines_part(data, part[0])
        if problems is not None:
            problems.extend(got.problems)
        raw, parsed, docs = "", [], []
        for doc in got.docs:
            # The stated title heads the text, as in a text file: the header
            # parser then lifts what the extractor left under it (bylines, dates).
            one = parse_document(f"{doc.title}\n\n{doc.text}" if doc.title else doc.text, stem=stem,
                                 corpus=corpus, asked=asked, whole=True)
            if one:
                parsed.append(formats.stated(one[0], doc))
                docs.append(doc)
    if evidence is not None:
        if "hyphens" not in evidence:
            from .text import hyphen_census

            evidence["hyphens"] = hyphen_census(raw)
        evidence["asked"] = asked
    if not parsed:
        raise UnreadableFile("no article text")
    key = file_key(path)[:6]
    out = []
    for i, (p, doc) in enumerate(zip(parsed, docs)):
        aid = key if len(parsed) == 1 and part is None else f"{key}-{i + 1}"
        out.append(
            Article(
                id=aid,
                path=path,
                position=i,
                title=p.title or stem,
                paragraphs=p.paragraphs,
                subtitle=p.subtitle,
                source=p.source,
                author=p.author,
                date=p.date,
                removed_lines=p.removed_lines,
                raw=p.raw,
                dateline=p.dateline,
                url=doc.url if doc is not None else None,
                record=doc.record if doc is not None else None,
                part=list(part) if part is not None else None,
                span=doc.span if doc is not None else None,
            )
        )
    return out


_LINE = lazy(r"^line (\d+)$")


def renumber(articles: list[Article], problems, first_line: int) -> list[tuple[str, str]]:
    """Number the records of a part of a file read in parts by the file's
    lines (``first_line``: the part's first line's number less one), and its
    articles' ids by them; the part's problems, renumbered, are returned."""
    for a in articles:
        if a.record is not None:
            a.record += first_line
            a.id = f"{a.id.split('-', 1)[0]}-{a.record}"
    out = []
    for where, why in problems:
        m = _LINE.match(where)
        out.append((f"line {int(m.group(1)) + first_line}" if m else where, why))
    return out


def lengthen_id(article: Article) -> None:
    """Give an article whose id another file's has the longer id of its file."""
    article.id = file_key(article.path)[:12] + article.id[6:]


class Corpus:
    """The loaded articles, in path order, and what was skipped."""

    def __init__(
        self,
        articles: Sequence[Article] | None = None,
        skipped: list[Skipped] | None = None,
        scanned: list | CandidateSpill | None = None,
        stats: dict[str, tuple[int, int]] | None = None,
        cache: Cache | None = None,
    ) -> None:
        # (a list while loading; read from the index, a sequence that may make
        # each article when first asked for: nothing here goes through them all)
        self.articles: Sequence[Article] = articles if articles is not None else []
        self.skipped: list[Skipped] = skipped if skipped is not None else []
        self._by_id: dict[str, Article] | None = None
        # Name candidates per article, when loading scanned for them (see load_corpus).
        self.scanned = scanned
        # (size, mtime_ns) of every file read, in path order: the cache's fingerprint.
        self.stats: dict[str, tuple[int, int]] = stats if stats is not None else {}
        self.from_cache = 0
        self.cache = cache  # where candidates left as None can be read back
        # What name finding's corpus pass needs, gathered while loading (with scan).
        self.names: NameStats | None = None
        # Opened by its folders' times, not by looking at every file (see
        # library.as_last_indexed): the files' fingerprint then, else None.
        self.by_folders: str | None = None

    @property
    def by_id(self) -> dict[str, Article]:
        if self._by_id is None:
            self._by_id = {a.id: a for a in self.articles}
        return self._by_id

    def add(self, article: Article) -> None:
        if article.id in self.by_id:  # two files share a 6-hex prefix: lengthen
            lengthen_id(article)
        self.by_id[article.id] = article
        assert isinstance(self.articles, list)  # (only a corpus being loaded is added to)
        self.articles.append(article)

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, article_id: str) -> Article | None:
        return self.by_id.get(article_id)

    def fill_candidates(self) -> None:
        """Read back the name candidates that loading left in the cache."""
        if self.scanned is None or self.cache is None:
            return
        scanned = self.scanned
        # (a spill on disk says which without reading everything back)
        absent = scanned.missing() if isinstance(scanned, CandidateSpill) else [
            i for i, c in enumerate(scanned) if c is None]
        missing = sorted({self.articles[i].unit for i in absent})
        if not missing:
            return
        # Name finding's statistics of these articles: gathered by worker
        # processes reading the index when there are many (at 100,000
        # articles, forty seconds of one core), else below.
        gathered = self._stats_in_workers(absent) if self.names is not None else set()
        data = self.cache.candidates(missing)
        for i in absent:
            a = self.articles[i]
            per_file = data.get(a.unit)
            if per_file is None or a.position >= len(per_file):
                from .entities import scan as scan_names

                scanned[i] = scan_names(a.text, a.title, a.dateline)
            else:
                from .entities import PackedCandidates

                scanned[i] = PackedCandidates(a.text, per_file[a.position])
            if self.names is not None and i not in gathered:
                self.names.add(i, a.text, scanned[i])
        if self.names is not None:
            self.names.sort()

    def _stats_in_workers(self, absent: list[int]) -> set[int]:
        """Merge into ``names`` the statistics of the articles whose candidates
        wait in the cache (``absent``), gathered by worker processes from the
        index: the articles so gathered (none when there are too few, or no workers)."""
        workers = os.cpu_count() or 1
        at: dict[str, list[int]] = {}  # each file's articles, in order
        assert self.names is not None and self.cache is not None
        for i in absent:
            at.setdefault(self.articles[i].unit, []).append(i)
        if workers < 2 or len(at) < PARALLEL_MIN_FILES:
            return set()
        units = list(at)
        size = min(1024, max(CHUNK, len(units) // (workers * 4)))
        chunks = [units[j : j + size] for j in range(0, len(units), size)]
        done: set[int] = set()
        for chunk, got in zip(chunks, _in_workers(stored_stats, [self.cache.dir] * len(chunks), chunks, workers=workers)):
            if got is None:
                continue
            stats, counts = got
            if counts != [len(at[u]) for u in chunk]:
                continue  # rewritten meanwhile: these are gathered here
            index_map = [i for u in chunk for i in at[u]]
            self.names.merge(stats, index_map)
            done.update(index_map)
        return done


def _candidates_kept(cache, lean: bool) -> list | CandidateSpill:
    """Where a corpus keeps its name candidates until names are found:
    loaded lean, on disk beside the index (see :mod:`.spill`), else in memory."""
    return CandidateSpill(cache.dir) if lean and cache is not None else []


# (path, its articles or why it was skipped, their name candidates, with
# ``pack`` its cache row encoded: data, candidates, and the candidates packed;
# the parts of the file left out, as (where, why); and for a part of a file
# read in parts, how many lines it holds)
_Result = tuple[str, "list[Article] | str", "list | None", "tuple[bytes, bytes, list] | None", "list[tuple[str, str]]",
                "int | None"]


# The corpus's hyphenated words while a corpus loads (see _load_corpus):
# module-wide so that worker processes get it once, not with every chunk.
_CORPUS_HYPHENS: dict[str, int] = {}
# Each file's own part of it, by path, as gathered (inherited by forked
# workers), as JSON text: a dict a file would take 1.3 GB at a million files.
_CENSUS_OF: dict[str, str] = {}


def _set_corpus_hyphens(counts: dict[str, int]) -> None:
    global _CORPUS_HYPHENS
    _CORPUS_HYPHENS = counts


def _census_chunk(paths: list[str]) -> tuple[dict[str, int], list[str | None]]:
    """The hyphenated words of some files: their sum, and each file's own as
    JSON text ("" for none; None: the file cannot be read)."""
    from .text import hyphen_census

    total: dict[str, int] = {}
    out: list[str | None] = []
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for p in paths:
        if kind(p) != "text" or "\0" in p:  # (or a part of a file read in parts: a JSON Lines file)
            out.append("")  # pages and exports are not hard-wrapped: no line-end hyphens to count
            continue
        try:
            census = hyphen_census(read_text(p))
        except UnreadableFile:
            out.append(None)
            continue
        for k, v in census.items():
            total[k] = total.get(k, 0) + v
        out.append(encode(census) if census else "")
    return total, out


def _stored_results(paths: list[str], scan: bool, cache_dir: str, stats: list[tuple[int, int]]) -> list[_Result]:
    """Files' results as the index in ``cache_dir`` holds them; a file it no
    longer holds as it is (another process wrote it meanwhile) is read afresh."""
    from .cache import Cache

    rows: dict = {}
    try:
        cache = Cache(cache_dir, warn=lambda message: None, one_shot=True)
    except Exception:  # (any trouble: the files are read instead)
        cache = None
    if cache is not None:
        try:
            rows = cache.stored_rows(paths)
        finally:
            cache.close()
    out: list[_Result] = []
    for path, st in zip(paths, stats):
        got = rows.get(path)
        if got is None or tuple(got[0]) != tuple(st):
            out.append(_load_one(path, scan, True))
            continue
        _, row, flats = got
        articles = _from_row(path, row)
        scanned = None
        if scan:
            from .entities import PackedCandidates, scan as scan_names

            scanned = [PackedCandidates(a.text, flats[k]) if k < len(flats) else scan_names(a.text, a.title, a.dateline)
                       for k, a in enumerate(articles)]
        out.append((path, articles, scanned, None, row.get("problems", ()), row.get("lines")))
    return out


def _load_one(path: str, scan: bool, for_cache: bool = False) -> _Result:
    """One file's articles, name candidates (with ``scan``) and, ``for_cache``,
    its cache row already encoded (so worker processes do that work too)."""
    # Only a file bound for the cache keeps its evidence (counted already
    # when the corpus's was gathered in this process or its parent).
    path = os.fspath(path)
    evidence: dict | None = None
    if for_cache:
        census = _CENSUS_OF.get(path)
        evidence = {} if census is None else {"hyphens": json.loads(census) if census else {}}
    elif "\0" in path:
        evidence = {}  # (for the lines a part holds)
    problems: list[tuple[str, str]] = []
    try:
        articles = articles_from_file(path, _CORPUS_HYPHENS, evidence, problems)
    except UnreadableFile as exc:
        return str(path), str(exc), None, None, [], (evidence or {}).get("lines")
    except RecursionError:
        return str(path), "could not be parsed", None, None, [], (evidence or {}).get("lines")
    lines = (evidence or {}).get("lines")
    if not scan:
        return str(path), articles, None, None, problems, lines
    from .entities import scan as scan_names

    scanned = [scan_names(a.text, a.title, a.dateline) for a in articles]
    packed = None
    if for_cache:
        from .cache import pack_arrays, pack_file
        from .entities import pack_candidates

        flats = [pack_candidates(c) for c in scanned]
        row = _to_row(articles, evidence)
        if problems:
            row["problems"] = problems
        packed = (pack_file(row), pack_arrays(flats), flats)
    return str(path), articles, scanned, packed, problems, lines


class _Chunk:
    """Results of a run of files, with the name statistics of their articles.
    ``lean``: the articles of files stored in the cache cross from a worker
    process without their texts (see :func:`load_corpus`)."""

    __slots__ = ("results", "stats", "index_map", "lean")

    def __init__(self, results: list[_Result], stats: NameStats | None, lean: bool = False) -> None:
        self.results = results
        self.stats = stats
        self.index_map: list[int] = []  # the chunk's k-th article is corpus article index_map[k]
        self.lean = lean

    # Chunks cross from worker processes: name candidates travel as flat integer
    # arrays (their text is a slice of the article's), which pickle and unpickle
    # several times faster than tens of thousands of tuples.
    def __getstate__(self):
        from .entities import PackedCandidates, pack_candidates, surfaces_of

        results = []
        for path, arts, scanned, packed, problems, lines in self.results:
            surfaces = None
            if packed is not None:  # packed for the cache already: the rows go, and the arrays made for them
                flats, packed = packed[2], packed[:2]
            else:
                flats = [c.packed if type(c) is PackedCandidates else pack_candidates(c)
                         for c in scanned] if scanned is not None else None
            if self.lean and isinstance(arts, list) and flats is not None:
                # The texts are in the cache row: only the candidates' words go with them.
                surfaces = [surfaces_of(a.text, f) for a, f in zip(arts, flats)]
                for a in arts:
                    a._text = a._raw = None
            results.append((path, arts, flats, packed, problems, lines, surfaces))
        return results, self.stats, self.index_map

    def __setstate__(self, state) -> None:
        from .entities import PackedCandidates, PackedSurfaces

        # Left packed until name finding reads them (a tenth of the memory).
        results, self.stats, self.index_map = state
        self.lean = False
        self.results = [
            (path, arts,
             None if scanned is None else
             [PackedSurfaces(w, c) for w, c in zip(surfaces, scanned)] if surfaces is not None else
             [PackedCandidates(a.text, c) for a, c in zip(arts, scanned)],
             packed, problems, lines)
            for path, arts, scanned, packed, problems, lines, surfaces in results
        ]


def load_chunk(paths: list[str], scan: bool, stats: bool = False, pack: bool = False, lean: bool = False,
               source: tuple[str, list[tuple[int, int]]] | None = None) -> _Chunk:
    """Load several files; with ``stats``, also gather what name finding needs
    from their articles (numbered in the order they come, skipped files aside).
    ``lean``: see :class:`_Chunk`.  ``source``: the files are read back from
    the index in this folder, cleaned and scanned as they were, if it holds
    them as they are now, their (size, mtime) given (else read afresh)."""
    with paused_gc():
        results = _stored_results(paths, scan, *source) if source is not None else [_load_one(p, scan, pack) for p in paths]
        if not stats:
            return _Chunk(results, None, lean)
        from .entities import NameStats

        gathered = NameStats()
        k = 0
        for _, articles, scanned, _, _, _ in results:
            if isinstance(articles, list):
                for a, cands in zip(articles, scanned or ()):
                    gathered.add(k, a.text, cands)
                    k += 1
        return _Chunk(results, gathered, lean)


PARALLEL_MIN_FILES = 400
CHUNK = 64
# Files in a chunk of the first pass, for line-end hyphens (see _corpus_evidence).
CENSUS_CHUNK = 2048


def _to_row(articles: list[Article], evidence: dict | None = None) -> dict:
    """A file's articles as plain data for the cache, with what the file adds
    to the corpus's evidence for line-end hyphens and what its cleaning
    asked of that evidence (see :func:`_corpus_evidence`)."""
    return {
        **(evidence or {}),
        "articles": [
            {
                "id": a.id, "position": a.position, "title": a.title, "subtitle": a.subtitle,
                "source": a.source, "author": a.author, "date": a.date,
                "removed_lines": a.removed_lines, "paragraphs": a.paragraphs, "raw": a.stored_raw,
                "dateline": a.dateline, "url": a.url, "record": a.record, "part": a.part, "span": a.span,
            }
            for a in articles
        ]
    }


def _from_row(key: str, row: dict) -> list[Article]:
    path = split_key(key)[0]
    return [Article(path=path, **a) for a in row["articles"]]


def load_corpus(
    paths: Iterable[str | os.PathLike],
    on_skip: Callable[[Skipped], None] | None = None,
    on_progress: Callable[..., None] | None = None,
    scan: bool = False,
    workers: int | None = None,
    cache=None,
    found: Found | None = None,
    stop: Callable[[], bool] | None = None,
    fetch_texts: Callable[[Article], tuple[str, str | None]] | None = None,
) -> Corpus:
    """Load every readable article under ``paths``; report the rest via ``on_skip``.

    With ``scan``, also find name candidates per article (``corpus.scanned``)
    and gather the statistics the corpus pass of name finding needs
    (``corpus.names``): the parts that need one article at a time.  Large
    corpora are read by a pool of processes, one per core.  With a
    :class:`~tui.core.cache.Cache`, unchanged files are read back from it and
    new results are saved to it batch by batch.  ``found`` saves looking
    for the files again (:func:`find_files`).  ``stop`` is asked now and
    then; when it says so, loading ends with :class:`Cancelled` (what was
    cached so far stays cached).  ``fetch_texts`` (with a cache): the texts
    of the files read by worker processes are not held, only stored, and
    fetched back with it when used (see :class:`tui.core.library.TextFetcher`:
    a million articles' texts are 2 GB; name finding reads few of them, the
    candidates bringing their own words).

    ``on_progress(done, total)`` as files are loaded; before, for files
    read afresh, ``on_progress(done, total, "census")`` as they are read
    for the corpus's line-end hyphens (a first pass over them).
    """
    with paused_gc():
        try:
            return _load_corpus(paths, on_skip, on_progress, scan, workers, cache, found, stop, fetch_texts)
        finally:
            _CENSUS_OF.clear()  # (the counts of 100,000 files are not kept after)


class Found(namedtuple("Found", "files stats skipped folders")):
    """The article files under some paths (``files``, a list of paths), with
    their (size, mtime_ns) (``stats``, by path), what could not even be
    looked at (``skipped``, a list of :class:`Skipped`) and the folders
    walked, with their modification times (``folders``, a list of (path,
    mtime_ns)): a file added, removed or renamed changes its folder's."""

    __slots__ = ()


def find_files(paths: Iterable[str | os.PathLike], on_skip: Callable[[Skipped], None] | None = None) -> Found:
    found = Found([], {}, [], [])

    def skip(s: Skipped) -> None:
        found.skipped.append(s)
        if on_skip:
            on_skip(s)

    for f, entry in _discover(paths, skip, found.folders):
        _add_found(found, f, entry, skip)
    return found


def find_in_folder(folder: str) -> tuple[Found, list[str]] | None:
    """The article files directly in ``folder``, as :func:`find_files` finds
    them in a walk (with the folder and its time), and its subfolders; None if
    it cannot be listed or holds a symbolic link."""
    found = Found([], {}, [], [])
    below: list[str] = []
    skipped = found.skipped.append
    try:
        for f, entry in _walk(folder, set(), set(), skipped, found.folders, below):
            _add_found(found, f, entry, skipped)
    except _Linked:
        return None
    if not found.folders or any(s.path == folder for s in found.skipped):
        return None
    return found, below


def _add_found(found: Found, f: str, entry: os.DirEntry | None, skip: Callable[[Skipped], None]) -> None:
    try:
        st = entry.stat() if entry is not None else os.stat(f)
    except OSError as exc:
        skip(Skipped(f, "vanished while reading" if isinstance(exc, FileNotFoundError) else exc.strerror or str(exc)))
        return
    if st.st_size > PART_BYTES:
        try:
            parts = parts_of(f, st.st_size)
        except OSError as exc:
            skip(Skipped(f, exc.strerror or str(exc)))
            return
        if parts is not None:
            # Each part is listed as a file of its own, with the file's
            # size and time: a change to the file renews every part.
            for start, end in parts:
                key = part_key(f, start, end)
                found.files.append(key)
                found.stats[key] = (st.st_size, st.st_mtime_ns)
            return
    found.files.append(f)
    found.stats[f] = (st.st_size, st.st_mtime_ns)


def _load_corpus(paths, on_skip, on_progress, scan, workers, cache, found, stop, fetch=None) -> Corpus:
    """Every file's articles, in file order: from the cache where a file is
    unchanged, else read and cleaned (by worker processes for many files)."""
    _RESOLVED_DIRS.clear()  # folders resolved by an earlier load may have been relinked since
    corpus = Corpus(scanned=_candidates_kept(cache, lean=fetch is not None) if scan else None)

    def skip(s: Skipped) -> None:
        corpus.skipped.append(s)
        if on_skip:
            on_skip(s)

    if found is None:
        found = find_files(paths, on_skip)
    corpus.skipped.extend(found.skipped)  # already reported
    files = found.files
    corpus.stats = dict(found.stats)
    total = len(files)
    if workers is None:
        workers = os.cpu_count() or 1
    if cache is None:
        fetch = None
    lean = fetch is not None
    cached, todo = _cached_and_todo(files, corpus.stats, cache, workers, stop, on_progress, lean)
    if scan:
        from .entities import NameStats

        corpus.names = NameStats()
    # (the cache always keeps candidates.)  Loaded lean, the unchanged files
    # come back from the cache with the rest, by the worker processes.
    fresh = _FreshResults(_fresh(files if lean else todo, workers, scan or cache is not None, scan, cache is not None,
                                 lean, (cache.dir, cached, corpus.stats) if lean else None))
    stored = _Pending(cache)
    renumber_part = _PartLines()
    articles: list[Article] | str | None
    scanned: list | None
    for n, key in enumerate(files, 1):
        chunk = None
        row = cached.get(key)
        if row is not None:
            articles = _from_row(key, row)
            scanned = [None] * len(articles)  # read from the cache only if names must be found again
            problems = row.get("problems", ())
            lines = row.get("lines")
        else:
            chunk, (path, articles, scanned, packed, problems, lines) = fresh.next()
            if isinstance(articles, str):
                skip(Skipped(_shown(path), articles))
                articles = None
            else:
                if packed is not None:
                    stored.add((key, corpus.stats[key], packed[0], packed[1]))
                if fetch is not None:
                    for a in articles:
                        if a._text is None and a._fetch is None:  # (came without it: see _Chunk)
                            a._fetch = fetch
        if "\0" in key:
            problems = renumber_part(key, articles, problems, lines)
        for where, why in problems:  # records of a file left out, the rest loaded
            skip(Skipped(f"{split_key(key)[0]} ({where})", why))
        if articles is not None:
            gathering = chunk if chunk is not None and chunk.stats is not None else None
            # A fresh file's articles came with a copy of its path: they share
            # the corpus's own instead (80 MB at a million one-article files).
            path = key if "\0" not in key else split_key(key)[0]
            for article in articles:
                if article.path == path:
                    article.path = path
                if gathering is not None:
                    gathering.index_map.append(len(corpus.articles))
                corpus.add(article)
            if scan and corpus.scanned is not None and scanned is not None:
                corpus.scanned.extend(scanned)
        fresh.merge_finished(corpus.names)
        if n % 64 == 0 and stop is not None and stop():
            stored.flush()
            fresh.close()  # stops the worker processes
            raise Cancelled
        if on_progress and (n % 64 == 0 or n == total):
            on_progress(n, total)
    stored.flush()
    corpus.from_cache = len(cached)
    corpus.cache = cache
    return corpus


def _cached_and_todo(files: list[str], stats: dict, cache, workers: int, stop,
                     on_progress: Callable[..., None] | None = None,
                     lean: bool = False) -> tuple[dict[str, dict | None], list[str]]:
    """The files' rows the cache holds as they are now, and the files to read.
    Line-end hyphens are repaired with the whole corpus's evidence: it is
    gathered first, and a cached file it now answers otherwise is read again.
    ``lean``: the rows are not kept (None), only which files they are: their
    articles are read back later, by worker processes (see :func:`load_chunk`)."""
    census: dict[str, int] = {}
    asked: dict[str, dict] = {}
    cached: dict[str, dict | None] = {}
    if cache is not None:
        for path, row in cache.lookup_heads(stats) if lean else cache.lookup(stats).items():
            _add_census(census, row.get("hyphens") or {})
            if row.get("asked"):
                asked[path] = row["asked"]
            cached[path] = None if lean else row
    todo = [f for f in files if f not in cached]
    counts, stale = _corpus_evidence(census, asked, todo, workers, stop, on_progress)
    if stale:
        for f in stale:
            del cached[f]
        todo = [f for f in files if f not in cached]
    _set_corpus_hyphens(counts)
    return cached, todo


class _FreshResults:
    """The files read afresh, one result at a time from their chunks."""

    def __init__(self, chunks) -> None:
        self.chunks = chunks
        self.iter = iter(chunks)
        self.chunk: _Chunk | None = None
        self.pos = 0

    def next(self) -> tuple[_Chunk, _Result]:
        if self.chunk is None or self.pos == len(self.chunk.results):
            self.chunk, self.pos = next(self.iter), 0
        self.pos += 1
        return self.chunk, self.chunk.results[self.pos - 1]

    def merge_finished(self, names) -> None:
        """Once a chunk's last file is in, its name statistics join the corpus's."""
        chunk = self.chunk
        if chunk is not None and self.pos == len(chunk.results) and chunk.stats is not None and names is not None:
            names.merge(chunk.stats, chunk.index_map)
            chunk.stats = None

    def close(self) -> None:
        close = getattr(self.chunks, "close", None)
        if close is not None:
            close()


class _Pending:
    """Cleaned files waiting to be stored in the cache, stored a run at a time."""

    def __init__(self, cache) -> None:
        self.cache = cache
        self.rows: list = []

    def add(self, row) -> None:
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.cache is not None and self.rows:
            self.cache.store_packed(self.rows)
        self.rows = []


def _fresh(todo: list[str], workers: int, scan: bool, stats: bool, pack: bool, lean: bool = False,
           stored: tuple[str, Container[str], dict[str, tuple[int, int]]] | None = None):
    """The results of the files not in the cache, chunk by chunk, in order:
    read by worker processes when there are enough of them (or parts of a
    large file), else in this process.  ``stored``: the index's folder, the
    files of ``todo`` it holds as they are now, and every file's (size,
    mtime): those are read back from it (see :func:`load_chunk`)."""
    parts = sum("\0" in f for f in todo)
    parallel = workers > 1 and (len(todo) >= PARALLEL_MIN_FILES or parts > 1)
    # A few chunks per worker: fewer, larger parts to send back and merge (each
    # part's postings are merged word by word), but still a progress bar that moves.
    size = min(1024, max(CHUNK, len(todo) // (workers * 4))) if parallel else CHUNK
    chunks: list[list[str]] = []
    sources: list[tuple[str, list[tuple[int, int]]] | None] = []
    runs = groupby(todo, stored[1].__contains__) if stored is not None else [(False, todo)]
    for from_index, run in runs:
        made = _chunks(list(run), size)
        chunks += made
        sources += [(stored[0], [stored[2][f] for f in c]) if stored is not None and from_index else None
                    for c in made]
    if parallel:
        return _parallel(chunks, scan, stats, pack, workers, lean, sources)
    return (load_chunk(c, scan, stats, pack, False, s) for c, s in zip(chunks, sources))


class _PartLines:
    """Numbers the records of a file read in parts by the file's lines, part
    after part as they come in order (see :func:`renumber`)."""

    def __init__(self) -> None:
        self.before = 0  # the lines of the file's parts before this one

    def __call__(self, key: str, articles, problems, lines: int | None) -> list[tuple[str, str]]:
        part = split_key(key)[1]
        if part is not None and part[0] == 0:  # a file's first part
            self.before = 0
        problems = renumber(articles if isinstance(articles, list) else [], problems, self.before)
        self.before += lines or 0
        return problems


def _chunks(todo: list[str], size: int) -> list[list[str]]:
    """``todo`` in runs of ``size`` files, a part of a file read in parts
    alone in its run: what a worker holds at once stays about a part."""
    chunks: list[list[str]] = []
    run: list[str] = []
    for f in todo:
        if "\0" in f:
            if run:
                chunks.append(run)
                run = []
            chunks.append([f])
        else:
            run.append(f)
            if len(run) == size:
                chunks.append(run)
                run = []
    if run:
        chunks.append(run)
    return chunks


def _shown(key: str) -> str:
    """A unit as people read it: its file, and which bytes of it for a part."""
    path, part = split_key(key)
    return path if part is None else f"{path} (bytes {part[0]:,}–{part[1]:,})"


def _add_census(counts: dict[str, int], census: dict[str, int]) -> None:
    for k, v in census.items():
        counts[k] = counts.get(k, 0) + v


def _corpus_evidence(cached: dict[str, int], asked: dict[str, dict], todo: list[str], workers: int, stop,
                     on_progress: Callable[..., None] | None = None) -> tuple[dict[str, int], list[str]]:
    """The corpus's hyphenated words (:func:`tui.core.text.hyphen_census`
    summed over its files: ``cached``, the sum of the unchanged files' as the
    cache holds it, and the files of ``todo`` read), and the cached files
    whose cleaning asked of that evidence (``asked``, by file) and would now
    be answered otherwise.  ``on_progress(done, total, "census")`` as files
    are read for it."""
    counts = cached
    _CENSUS_OF.clear()
    if todo:
        from .names import compounds

        compounds()  # read once here, before worker processes fork
        # (Chunks of a few thousand files at most: a million files read for
        # this took a minute and a half, in eight chunks, with nothing to show.)
        size = min(CENSUS_CHUNK, max(CHUNK, len(todo) // (workers * 4)) if workers > 1 else len(todo))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        done = 0
        parallel = workers > 1 and len(todo) >= PARALLEL_MIN_FILES
        results = _pool_map(_census_chunk, chunks, workers) if parallel else map(_census_chunk, chunks)
        for paths, (total, part) in zip(chunks, results):
            _add_census(counts, total)
            for path, census in zip(paths, part):
                if census is not None:
                    _CENSUS_OF[path] = census
            if stop is not None and stop():
                raise Cancelled
            done += len(paths)
            if on_progress is not None:
                on_progress(done, len(todo), "census")
    from .text import corpus_answer

    stale = [path for path, questions in asked.items()
             if any(corpus_answer(counts, k) != v for k, v in questions.items())]
    return counts, stale


def _pool_context(scan: bool = False):
    import multiprocessing
    import threading

    # Forking is only safe from the main thread; the app loads in a worker thread.
    if hasattr(os, "fork") and threading.current_thread() is threading.main_thread():
        if scan:
            from .names import preload

            preload()  # read once here, inherited by every worker (and used again here after)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _worker_start(parent: int, hyphens: dict[str, int] | None = None) -> None:
    """A worker process's first steps: Ctrl+C is the parent's to handle (one
    line, not a traceback from each worker), and the worker ends with its
    parent, however that ends (kill -9 included), instead of waiting for
    work forever."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)
    if hyphens is not None:
        _set_corpus_hyphens(hyphens)


def _pool_map(fn, chunks: list, workers: int):
    """``map(fn, chunks)`` in worker processes, in order; in this process if
    they cannot be started."""
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_worker_start,
                                   initargs=(os.getpid(),))
        results = pool.map(fn, chunks)
    except (OSError, ValueError):
        yield from map(fn, chunks)
        return
    try:
        yield from results
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def stored_stats(cache_dir: str, units: list[str]) -> tuple[NameStats, list[int]] | None:
    """In a worker: name finding's statistics of the articles of ``units`` as
    the index holds them (numbered in order), and how many each unit has;
    None if the index could not be read."""
    from .cache import Cache
    from .entities import NameStats, PackedCandidates, scan as scan_names

    try:
        cache = Cache(cache_dir, warn=lambda message: None, one_shot=True)
    except Exception:  # (any trouble: the parent does the work itself)
        return None
    try:
        rows = cache.stored_articles(units)
    finally:
        cache.close()
    if len(rows) != len(units):
        return None
    with paused_gc():
        gathered = NameStats()
        counts = []
        k = 0
        for unit in units:
            texts, flats = rows[unit]
            counts.append(len(texts))
            for pos, text in enumerate(texts):
                gathered.add(k, text, PackedCandidates(text, flats[pos]) if pos < len(flats) else scan_names(text))
                k += 1
    return gathered, counts


def _in_workers(fn, *columns, workers: int, scan: bool = False, hyphens: dict[str, int] | None = None):
    """``map(fn, *columns)`` in worker processes, in order; each result None
    where processes cannot be started (the caller then does that work).
    Forked workers inherit the corpus's hyphen counts; started ones are
    given ``hyphens``."""
    from concurrent.futures import ProcessPoolExecutor

    n = len(columns[0])
    pool = None
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(scan), initializer=_worker_start,
                                   initargs=(os.getpid(), hyphens))
        results = pool.map(fn, *columns)
    except (OSError, ValueError):
        # Processes could not be started here (no descriptors; a sandbox; a
        # standard error with no descriptor, which multiprocessing's helper
        # process needs when processes are spawned, as in the app's headless
        # tests): the caller does the same work itself, slower but complete.
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        yield from [None] * n
        return
    try:
        yield from results
    finally:
        # Done, or stopped early: work not started is dropped, not waited for.
        pool.shutdown(wait=False, cancel_futures=True)


def _parallel(chunks: list[list[str]], scan: bool, stats: bool, pack: bool, workers: int, lean: bool,
              sources: list[tuple[str, list[tuple[int, int]]] | None]):
    from . import entities  # noqa: F401  (imported once here, inherited by forked workers)

    n = len(chunks)
    done = _in_workers(load_chunk, chunks, [scan] * n, [stats] * n, [pack] * n, [lean] * n, sources, workers=workers,
                       scan=scan, hyphens=_CORPUS_HYPHENS)
    try:
        for chunk, source, got in zip(chunks, sources, done):
            yield got if got is not None else load_chunk(chunk, scan, stats, pack, False, source)
    finally:
        done.close()  # (stopped early: the pool goes now)
