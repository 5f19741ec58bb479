"""The on-disk index: cleaned articles, name candidates and a corpus's entities
and word postings, in one SQLite database in the user's cache directory.

* Per file, keyed by path and checked against size, mtime and the version
  of the code that cleans it: a changed file is cleaned again, the others
  are read back.
* Per corpus (the set of paths a user opened), keyed by a fingerprint of
  every file's (path, size, mtime) and the code version: the grouped entities
  and word postings, so a warm start skips name finding and indexing; its
  listing (each article's id and row, decoded as used); and its folders'
  times, so a command over many files can know them unchanged by their
  folders alone (see :func:`tui.core.library.as_last_indexed`).
* WAL journal and one transaction per batch, so a kill during indexing leaves
  a usable cache; a busy timeout, so two Byline processes can share it.
* A file that is not our database, or is damaged, is moved aside and rebuilt
  with a warning.  Nothing here ever writes inside a corpus.

Values are JSON (zlib-compressed) and packed integer arrays — never pickle,
so a cache file cannot run code.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zlib
from functools import partial
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from bisect import bisect_left
from contextlib import contextmanager
from itertools import accumulate

try:  # hashlib's import loads OpenSSL: a tenth of a warm `byline search`
    from _blake2 import blake2b
except ImportError:  # another Python than CPython
    from hashlib import blake2b

from .stored import Arrays, StoredPostings, StoredStrings

TYPE_CHECKING = False  # (typing itself is not imported: a one-shot command's milliseconds)
if TYPE_CHECKING:
    import sqlite3
    from typing import Any
else:
    try:
        # The sqlite3 package is this C module and the adapters of datetime
        # values, which Byline never stores: importing datetime for them was
        # 2.7 ms of a 63 ms one-shot search.  Its classes and errors are the
        # package's own.
        import _sqlite3 as sqlite3
    except ImportError:  # (another Python than CPython)
        import sqlite3
from .names import DATA, DATA_FILES  # only the files' names: reading them waits until names are found

SCHEMA = 10
APP_ID = "byline-index"
DB_NAME = "index.sqlite"
# The gazetteers names are found with: other data finds other names.
_DATA_FILES = tuple(f"names/data/{name}" for name in DATA_FILES)


def default_cache_dir() -> str:
    """XDG_CACHE_HOME/byline, or the platform's cache folder."""
    env = os.environ.get("XDG_CACHE_HOME")
    if env:
        return os.path.join(env, "byline")
    home = os.path.expanduser("~")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "byline")
    if os.name == "nt":
        return os.path.join(os.environ.get("LOCALAPPDATA", home), "byline", "cache")
    return os.path.join(home, ".cache", "byline")


_VERSION: str | None = None
_ROWS_VERSION: str | None = None

# Modules that shape only what is found over a whole corpus (names grouped,
# postings, listings, overlays, search) or nothing stored at all: a change to
# them leaves each file's cleaned articles and name candidates as they were,
# so the files are read back, not read and cleaned again (at a million files,
# the difference between four minutes and twenty).  Nothing that cleaning a
# file imports may be here (a test walks the imports to check).
CORPUS_ONLY = ("folders.py", "library.py", "listing.py", "marks.py", "namefilter.py", "navigation.py", "overlay.py",
               "quote.py", "search.py", "spread.py", "names/build_data.py")


def code_version() -> str:
    """A digest of the core's source and data: any change invalidates a corpus's stored index."""
    if _VERSION is None:
        _versions()
    assert _VERSION is not None
    return _VERSION


def rows_version(memo: str | None = None) -> str:
    """A digest of what cleans a file and finds its name candidates: a
    change invalidates the files' stored rows.  ``memo``: a folder of
    Byline's own where both digests are kept beside the sizes and times of
    the files they were made from (see :func:`_versions`)."""
    if _ROWS_VERSION is None:
        _versions(memo)
    assert _ROWS_VERSION is not None
    return _ROWS_VERSION


MEMO_NAME = "code-digest"


def _versions(memo: str | None = None) -> None:
    """Both digests, from one read of the core (each is made once a process;
    one already made stays).  With ``memo``, read from there while every
    source and data file keeps the size and time it had when they were made:
    reading the 0.7 MB of the core again is 3 ms of a 60 ms one-shot
    search.  An edit, a reinstall or an upgrade changes a file's time, and
    then the files are read again."""
    global _VERSION, _ROWS_VERSION
    whole, rows = remembered_digests(os.path.dirname(os.path.realpath(__file__)), memo)
    _VERSION = _VERSION or whole
    _ROWS_VERSION = _ROWS_VERSION or rows


def remembered_digests(root: str, memo: str | None) -> tuple[str, str]:
    """:func:`digests_of_core` for the core at ``root``, kept in ``memo``
    (a folder) with the sizes and times of the files they were made from,
    and read from there while those hold."""
    names = _core_files(root)
    sign = None
    if memo is not None:
        stats = blake2b(digest_size=16)
        for name in names:
            try:
                st = os.stat(os.path.join(root, name))
                stats.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
            except OSError:
                stats.update(f"{name} missing\0".encode())
        stats.update(f"{root}\0{SCHEMA}\0{library_versions()}".encode())
        sign = stats.hexdigest()
        try:
            with open(os.path.join(memo, MEMO_NAME), encoding="ascii") as fh:
                kept = fh.read(200).split()
        except (OSError, ValueError):
            kept = []
        if len(kept) == 3 and kept[0] == sign:
            return kept[1], kept[2]
    whole, rows = digests_of_core(root, names)
    if sign is not None and memo is not None:
        _keep(os.path.join(memo, MEMO_NAME), f"{sign} {whole} {rows}\n")
    return whole, rows


def _keep(path: str, text: str) -> None:
    """Write a small file of Byline's own whole or not at all (a reader
    never sees half of it); a folder that cannot be written just keeps
    nothing."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _core_files(root: str) -> list[str]:
    """The core's modules and the data names are found with, as paths
    relative to ``root``, in the order they are digested."""
    code = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        code += [os.path.relpath(os.path.join(folder, f), root).replace(os.sep, "/") for f in files if f.endswith(".py")]
    return [*sorted(code), *_DATA_FILES]


def digest_of_core(root: str, rows: bool = False) -> str:
    """The digest :func:`code_version` gives for a core package at ``root``
    (:func:`rows_version` with ``rows``)."""
    return digests_of_core(root)[rows]


def digests_of_core(root: str, names: Sequence[str] | None = None) -> tuple[str, str]:
    """The digests :func:`code_version` and :func:`rows_version` give for a
    core package at ``root``, each file read once: every module (one that
    shapes no stored result costs an upgrade a rebuild, never a stale index;
    the rows' leaves out :data:`CORPUS_ONLY`), the data names are found with,
    and the releases of the libraries that read pages, feeds and charsets."""
    whole = blake2b(f"schema{SCHEMA}".encode(), digest_size=8)
    rows = blake2b(f"schema{SCHEMA} rows".encode(), digest_size=8)
    for name in names if names is not None else _core_files(root):
        try:
            with open(os.path.join(root, name), "rb") as fh:
                if name.endswith(".gz"):
                    # A gzip file ends with its content's CRC-32 and length:
                    # 8 bytes say what the whole (0.9 MB of gazetteers) would.
                    fh.seek(-8, os.SEEK_END)
                seen = name.encode() + fh.read()
        except OSError:
            seen = f"{name} missing".encode()
        whole.update(seen)
        if name not in CORPUS_ONLY:
            rows.update(seen)
    libraries = library_versions().encode()
    whole.update(libraries)
    rows.update(libraries)
    return whole.hexdigest(), rows.hexdigest()


# The libraries whose output is stored: another release may read a page,
# a feed or a charset otherwise.
_LIBRARIES = ("trafilatura-", "htmldate-", "justext-", "lxml-", "feedparser-", "charset_normalizer-")


def library_versions() -> str:
    """The installed releases of those libraries, from their .dist-info
    folders' names (one directory listing; importing them, or
    importlib.metadata, would cost a warm start milliseconds)."""
    import sys

    found = []
    for folder in sys.path:
        if not folder.endswith("-packages"):
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found += [n for n in names if n.endswith(".dist-info") and n.startswith(_LIBRARIES)]
    return " ".join(sorted(found))


def pack(obj) -> bytes:
    """A value as stored: compact JSON, compressed."""
    # (surrogatepass: a file name that is not UTF-8 holds lone surrogates,
    # and comes back as it went in)
    return zlib.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"), 1)


def _unpack(blob: bytes):
    return json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))


TEXT_DICTIONARY_SIZE = 8192  # (a bigger one gained little and slowed every unpacking)
_TEXT_DICTIONARY: bytes | None = None


def _text_dictionary() -> bytes:
    """zlib's preset dictionary for article texts (see
    ``names/build_data.build_text_dictionary``); it is in the code version,
    so a text is never read back with another than it was packed with."""
    global _TEXT_DICTIONARY
    if _TEXT_DICTIONARY is None:
        try:
            with open(os.path.join(DATA, "text_dictionary.txt"), "rb") as fh:
                _TEXT_DICTIONARY = fh.read(TEXT_DICTIONARY_SIZE)
        except OSError:
            _TEXT_DICTIONARY = b""  # (then texts are packed without one)
    return _TEXT_DICTIONARY


def _pack_text(data: bytes) -> bytes:
    words = _text_dictionary()
    z = zlib.compressobj(6, zdict=words) if words else zlib.compressobj(6)
    return z.compress(data) + z.flush()


def _unpack_text(data: bytes | memoryview) -> bytes:
    words = _text_dictionary()
    z = zlib.decompressobj(zdict=words) if words else zlib.decompressobj()
    return z.decompress(data) + z.flush()


def pack_file(row: dict) -> bytes:
    """A file's row as stored (see :func:`tui.core.loader._to_row`): its
    articles' texts compressed on their own, then the rest of the row.  A
    search reads texts by the thousand: it then decompresses only them and
    parses no JSON (that took it four fifths of its time)."""
    articles = row["articles"]
    texts = ["\n\n".join(a["paragraphs"]) for a in articles]
    head = ",".join(str(len(t)) for t in texts)
    packed_texts = _pack_text(f"{head}\n{''.join(texts)}".encode("utf-8", "surrogatepass"))
    rest = {**row, "articles": [{k: v for k, v in a.items() if k != "paragraphs"} for a in articles]}
    return len(packed_texts).to_bytes(4, "little") + packed_texts + pack(rest)


def unpack_texts(blob: bytes) -> list[str]:
    """The texts of a file's articles, from a row :func:`pack_file` made."""
    n = int.from_bytes(blob[:4], "little")
    head, _, body = _unpack_text(blob[4 : 4 + n]).decode("utf-8", "surrogatepass").partition("\n")
    out, at = [], 0
    for size in map(int, head.split(",")) if head else ():
        out.append(body[at : at + size])
        at += size
    return out


def unpack_head(blob: bytes) -> dict:
    """A file's row less its articles' texts (no article has ``paragraphs``)."""
    return _unpack(blob[4 + int.from_bytes(blob[:4], "little") :])


def unpack_file(blob: bytes) -> dict:
    """A file's row as :func:`pack_file` stored it."""
    row = unpack_head(blob)
    for a, text in zip(row["articles"], unpack_texts(blob)):
        a["paragraphs"] = text.split("\n\n") if text else []
    return row


def _to_db(path: str) -> str:
    """A path as SQLite can hold it: a file name that is not UTF-8 (its
    bytes kept as lone surrogates, which SQLite refuses) is stored as NUL
    and its bytes in hex; no real path holds a NUL."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return "\0" + path.encode("utf-8", "surrogateescape").hex()


def _from_db(stored: str) -> str:
    if stored.startswith("\0"):
        return bytes.fromhex(stored[1:]).decode("utf-8", "surrogateescape")
    return stored


def pack_arrays(arrays: Sequence[array]) -> bytes:
    """Signed integer arrays as stored: how many, their lengths, then their
    items, compressed (a file's name candidates, six integers each: several
    times cheaper to write and read than JSON)."""
    head = array("i", [len(arrays)])
    head.extend(map(len, arrays))
    return zlib.compress(head.tobytes() + b"".join([a.tobytes() for a in arrays]), 1)


def unpack_arrays(blob: bytes) -> list[array]:
    flat = array("i")
    flat.frombytes(zlib.decompress(blob))
    n = flat[0] if flat else -1
    ends = list(accumulate(flat[1 : 1 + n], initial=1 + n)) if n >= 0 else [-1]
    if n < 0 or len(ends) != n + 1 or ends[-1] != len(flat):
        raise ValueError("damaged candidate row")
    return [flat[ends[i] : ends[i + 1]] for i in range(n)]


def _from_ints(blob: bytes | memoryview) -> array:
    a = array("I")
    a.frombytes(blob)
    return a


class CacheError(Exception):
    pass


# 16 KB pages: a file's row (a few kilobytes) wasted a fifth of each 4 KB
# page; incremental vacuum: pages a rebuild frees can be given back.
_PAGE_SIZE = 16384
_AUTO_VACUUM_INCREMENTAL = 2


def _set_layout(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA page_size = {_PAGE_SIZE}")
    db.execute(f"PRAGMA auto_vacuum = {_AUTO_VACUUM_INCREMENTAL}")


def _relayout(db: sqlite3.Connection) -> None:
    """An index of an older schema, emptied: rewritten with today's page
    size and vacuum mode, if no other process has it open (else it keeps
    its old layout, which works)."""
    if (db.execute("PRAGMA page_size").fetchone()[0] == _PAGE_SIZE
            and db.execute("PRAGMA auto_vacuum").fetchone()[0] == _AUTO_VACUUM_INCREMENTAL):
        return
    try:
        db.execute("PRAGMA journal_mode = DELETE")
        _set_layout(db)
        db.execute("VACUUM")
    except sqlite3.Error:
        pass
    finally:
        db.execute("PRAGMA journal_mode = WAL")


def _full(exc: Exception) -> bool:
    """SQLite's "database or disk is full" (SQLITE_FULL)."""
    return isinstance(exc, sqlite3.OperationalError) and "is full" in str(exc)


def _busy(exc: Exception) -> bool:
    """Another connection holds the lock (SQLITE_BUSY: "database is locked")."""
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def _damaged(exc: Exception) -> bool:
    msg = str(exc).lower()
    return any(w in msg for w in ("not a database", "malformed", "corrupt", "disk image"))


class Cache:
    """One SQLite file; every method is safe to call from one thread at a time."""

    def __init__(
        self, directory: str | os.PathLike | None = None, warn: Callable[[str], None] | None = None,
        one_shot: bool = False,
        lazy_from: int | None = None,
    ) -> None:
        """``one_shot``: for a command that runs once and exits.  A corpus's
        entities and postings are then read from the database as they are
        used (a search needs a few hundred bytes of megabytes), from a
        snapshot of it held until :meth:`close` — which a long-lived process
        must not do, as it keeps the WAL from being checkpointed.

        ``lazy_from``: for a session (the app).  A corpus whose stored names
        and postings take more bytes than this is read the same way, from a
        snapshot held by a read-only connection of its own for as long as
        what was read from it is in use (see :meth:`reads_lazily`); a smaller
        one is read whole, its snapshot let go at once."""
        self.dir = os.fspath(directory) if directory is not None else default_cache_dir()
        self.path = os.path.join(self.dir, DB_NAME)
        self.warn = warn or (lambda msg: print(f"byline: {msg}", file=sys.stderr))
        # (of the files' rows; a corpus's parts go by its fingerprint)
        self.version = rows_version(memo=self.dir)
        self.one_shot = one_shot
        self.lazy_from = lazy_from
        self.full = False  # the disk filled: nothing more is written in this run
        self.db = self._open()

    # -- opening ------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        os.makedirs(self.dir, exist_ok=True)
        try:
            return self._connect_patiently()
        except sqlite3.OperationalError as exc:
            if not _damaged(exc):
                raise CacheError(f"index cache {self.path} is busy or unwritable: {exc}") from exc
            return self._replace(exc)
        except (sqlite3.DatabaseError, CacheError) as exc:
            return self._replace(exc)

    def _replace(self, exc: Exception) -> sqlite3.Connection:
        """Move a damaged or foreign file aside and start a new index."""
        if self._move_aside(exc) is None:
            raise CacheError(f"{self.path} is damaged ({exc}) and could not be moved aside")
        return self._connect()

    def _move_aside(self, exc: Exception) -> str | None:
        """Rename the index file (and its WAL) to ``*.broken-<time>``, saying
        so; None if it cannot be renamed (a read-only disk), said by the caller."""
        aside = os.path.join(self.dir, f"{DB_NAME}.broken-{int(time.time())}")
        try:
            os.replace(self.path, aside)
            for ext in ("-wal", "-shm"):
                if os.path.exists(self.path + ext):
                    os.replace(self.path + ext, aside + ext)
        except OSError:
            return None
        self.warn(f"the index cache {self.path} was unreadable ({exc}); moved it to {os.path.basename(aside)} "
                  "and started a new one")
        return aside

    def renew(self, exc: Exception) -> None:
        """Damage found after opening (a malformed page, a value that does not
        decode): the file is moved aside and this run goes on with a new
        index, so the next run does not meet the damage again.  Where it
        cannot be moved, this run goes on with an index in memory."""
        try:
            self.db.close()
        except sqlite3.Error:
            pass
        if self._move_aside(exc) is not None:
            try:
                self.db = self._connect()
                return
            except (sqlite3.Error, CacheError):
                pass
        else:
            self.warn(f"the index cache {self.path} is damaged ({exc}) and could not be moved aside; "
                      "working without it")
        self.db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self._create(self.db)

    def _guard(self, exc: Exception) -> None:
        """After a read failed: damage to the file itself is renewed at once;
        a value that does not decode only loses that value (rebuilt by the caller)."""
        if isinstance(exc, sqlite3.DatabaseError) and _damaged(exc) or isinstance(exc, (UnicodeDecodeError, json.JSONDecodeError)):
            # (A stored part's names that do not decode: read without its
            # checksum, as a one-shot command reads, the part is damaged.)
            self.renew(exc)

    def _connect_patiently(self) -> sqlite3.Connection:
        """Connect; processes creating a new index together can find it
        locked while another sets it up (the busy timeout does not cover
        switching to WAL): a few tries, then the error."""
        for delay in (0.05, 0.2, 0.5, 1.0):
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                time.sleep(delay)
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout = 30000")
            if not db.execute("PRAGMA page_count").fetchone()[0]:
                _set_layout(db)  # a new file: only before its first table (and before WAL) can these be set
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                self._create(db)
            elif "meta" not in tables:
                raise CacheError("not a Byline index")
            else:
                meta = dict(db.execute("SELECT key, value FROM meta"))
                if meta.get("app") != APP_ID:
                    raise CacheError("not a Byline index")
                if meta.get("schema") != str(SCHEMA):
                    # Ours, from another version: its contents cannot be used, the file can.
                    self.warn(f"the index cache {self.path} was made by another Byline version; rebuilding it")
                    db.execute("BEGIN IMMEDIATE")
                    for table in tables:
                        db.execute(f'DROP TABLE IF EXISTS "{table}"')
                    db.execute("COMMIT")
                    _relayout(db)
                    self._create(db)
        except Exception:
            db.close()
            raise
        return db

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS files ("
            "path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, version TEXT, data BLOB, candidates BLOB)"
        )
        db.execute("CREATE TABLE IF NOT EXISTS corpora (key TEXT PRIMARY KEY, fingerprint TEXT, listing BLOB, built REAL)")
        # A corpus's big blobs, one a row and each the last column: SQLite can
        # then write one into space made for it (zeroblob) without first
        # making all of it in memory.
        # (crc: CRC-32 of data, checked when a part is read whole; data is the last
        # column, see store_corpus)
        db.execute("CREATE TABLE IF NOT EXISTS corpus_parts (key TEXT, part TEXT, crc INTEGER, data BLOB, "
                   "UNIQUE (key, part))")
        # What a corpus's folders were when it was last indexed (see tree()).
        db.execute("CREATE TABLE IF NOT EXISTS trees (key TEXT PRIMARY KEY, fingerprint TEXT, data BLOB)")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('app', ?), ('schema', ?)", (APP_ID, str(SCHEMA)))
        db.execute("COMMIT")

    def _reclaim(self) -> None:
        """Give back to the file system the pages a rebuild left free (an
        index grew by half with each rebuild of its corpus otherwise)."""
        db = self.db
        if self.full:
            return
        try:
            free, total = db.execute("PRAGMA freelist_count").fetchone()[0], db.execute("PRAGMA page_count").fetchone()[0]
            if free > max(256, total // 50):
                # (executescript steps it to the end: execute() frees one page)
                db.executescript("PRAGMA incremental_vacuum;")
        except sqlite3.Error as exc:
            if not (_busy(exc) or _full(exc)):
                self.warn(f"could not compact the index cache ({exc})")

    def checkpoint(self) -> None:
        """Move what the write-ahead log holds into the file itself, and
        empty the log (as far as other processes' reading lets it)."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # (a busy index is checkpointed later, by SQLite itself)

    def close(self) -> None:
        try:
            self.db.close()  # and its open blobs
        except sqlite3.Error:
            pass

    # -- files --------------------------------------------------------------

    def lookup(self, stats: dict[str, tuple[int, int]]) -> dict[str, dict]:
        """Cached parse results for files whose size, mtime and version still match."""
        return dict(self._matching(stats, unpack_file))

    def lookup_heads(self, stats: dict[str, tuple[int, int]]) -> Iterator[tuple[str, dict]]:
        """As :meth:`lookup`, one file at a time and without the articles'
        texts: at a million files, every row decoded at once was gigabytes."""
        return self._matching(stats, unpack_head)

    def _matching(self, stats: dict[str, tuple[int, int]], decode: Callable[[bytes], dict]) -> Iterator[tuple[str, dict]]:
        """(path, ``decode(row)``) of the files whose stored row matches their
        size, mtime and this version; a row unreadable ends them, with a warning."""
        paths = list(stats)
        try:
            for i in range(0, len(paths), 500):
                chunk = [_to_db(p) for p in paths[i : i + 500]]
                marks = ",".join("?" * len(chunk))
                rows = self.db.execute(
                    f"SELECT path, size, mtime_ns, data FROM files WHERE version = ? AND path IN ({marks})",
                    [self.version, *chunk],
                ).fetchall()
                for path, size, mtime, data in rows:
                    path = _from_db(path)
                    if (size, mtime) == stats[path]:
                        yield path, decode(data)
        except (sqlite3.DatabaseError, zlib.error, ValueError) as exc:
            self.warn(f"index cache unreadable, re-reading files ({exc})")
            self._guard(exc)

    def stored_rows(self, paths: list[str]) -> dict[str, tuple[tuple[int, int], dict, list[array]]]:
        """Files' rows as stored, texts and all, with the size and time of
        the file they were made from and their packed name candidates; for
        a worker process reading back an unchanged file.  Nothing if the
        index cannot be read (the file is then read afresh)."""
        out: dict[str, tuple[tuple[int, int], dict, list[array]]] = {}
        try:
            marks = ",".join("?" * len(paths))
            for path, size, mtime, data, blob in self.db.execute(
                f"SELECT path, size, mtime_ns, data, candidates FROM files WHERE version = ? AND path IN ({marks})",
                [self.version, *map(_to_db, paths)],
            ):
                out[_from_db(path)] = ((size, mtime), unpack_file(data), unpack_arrays(blob))
        except (sqlite3.DatabaseError, zlib.error, ValueError):
            return {}
        return out

    def candidates(self, paths: list[str]) -> dict[str, list[array]]:
        """Name candidates of files, packed per article (see
        :func:`~tui.core.entities.pack_candidates`; stored apart: a warm start
        rarely needs them)."""
        out: dict[str, list] = {}
        try:
            for i in range(0, len(paths), 500):
                chunk = [_to_db(p) for p in paths[i : i + 500]]
                marks = ",".join("?" * len(chunk))
                for path, blob in self.db.execute(f"SELECT path, candidates FROM files WHERE path IN ({marks})", chunk):
                    out[_from_db(path)] = unpack_arrays(blob)
        except (sqlite3.DatabaseError, zlib.error, ValueError) as exc:
            self.warn(f"index cache unreadable ({exc})")
            self._guard(exc)
        return out

    def stored_articles(self, paths: list[str]) -> dict[str, tuple[list[str], list[array]]]:
        """Files' articles' texts and packed name candidates, as stored (any
        size and mtime), for name finding's corpus pass in a worker process."""
        out: dict[str, tuple[list[str], list[array]]] = {}
        try:
            for i in range(0, len(paths), 500):
                chunk = [_to_db(p) for p in paths[i : i + 500]]
                marks = ",".join("?" * len(chunk))
                for path, data, blob in self.db.execute(
                    f"SELECT path, data, candidates FROM files WHERE version = ? AND path IN ({marks})",
                    [self.version, *chunk],
                ):
                    out[_from_db(path)] = (unpack_texts(data), unpack_arrays(blob))
        except (sqlite3.DatabaseError, zlib.error, ValueError):
            return {}  # (the process that asked does the work itself)
        return out

    def store_packed(self, rows: list[tuple[str, tuple[int, int], bytes, bytes]]) -> None:
        """Save parse results already encoded with :func:`pack` (by worker processes)."""
        if rows:
            self._write(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                [(_to_db(path), st[0], st[1], self.version, data, cands) for path, st, data, cands in rows],
            )

    def _write(self, sql: str, rows: list[tuple]) -> None:
        """Run one statement over ``rows`` in a transaction; a failure is a warning."""
        if self.full:
            return
        with self._writing() as db:
            db.executemany(sql, rows)

    @contextmanager
    def _writing(self):
        """A write transaction; a failure rolls it back and is a warning, not an error."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if not isinstance(exc, sqlite3.Error):
                raise  # (not left inside an open transaction)
            if _full(exc):
                # Said once, not once a batch: the rest of the run would fill
                # the screen with it.  What was written stays usable.
                if not self.full:
                    self.full = True
                    self.warn(f"could not write the index cache {self.path} ({exc}); nothing more is "
                              "written to it in this run, and what it holds stays usable")
                return
            self.warn(f"could not write the index cache ({exc})")
            self._guard(exc)

    # -- corpora ------------------------------------------------------------

    def corpus(self, key: str, fingerprint: str, listing: bool = False) -> tuple | None:
        """A corpus's entities and word postings (and, with ``listing``, its
        article listing), if they were stored for files as they are now."""
        try:
            lazy = self.reads_lazily(key)
            db = self._snapshot_db() if lazy else self.db
            # One read transaction: the head and its parts from the same snapshot.
            db.execute("BEGIN")
            try:
                # Matched on the fingerprint: a changed corpus reads none of its blobs.
                row = db.execute(
                    f"SELECT {'listing' if listing else 1} FROM corpora WHERE key = ? AND fingerprint = ?", (key, fingerprint)
                ).fetchone()
                if row is None:
                    return None
                parts: dict[str, list[memoryview] | _BlobSections]
                if lazy:
                    parts = _left_in_database(db, key)
                else:
                    parts = {
                        part: _read_sections(_checked(data, crc))
                        for part, crc, data in db.execute(
                            "SELECT part, crc, data FROM corpus_parts "
                            "WHERE key = ? AND (part IN ('entities', 'words') OR part = 'listing' AND ?)",
                            (key, listing),
                        )
                    }
            finally:
                db.execute("COMMIT")
            out = (_unpack_entities(_Named(parts["entities"])), _unpack_keyed(_Named(parts["words"]), "words", packed=True))
            return out + (_unpack_listing(row[0], parts["listing"]),) if listing else out
        except (sqlite3.DatabaseError, zlib.error, ValueError, KeyError) as exc:
            self.warn(f"index cache unreadable, rebuilding the index ({exc})")
            self._guard(exc)
            return None

    def reads_lazily(self, key: str) -> bool:
        """Whether :meth:`corpus` and :meth:`listing` leave this corpus's parts
        in the database, to be read a slice at a time (see ``one_shot`` and
        ``lazy_from``)."""
        if self.one_shot:
            return True
        if self.lazy_from is None:
            return False
        try:
            row = self.db.execute("SELECT sum(length(data)) FROM corpus_parts WHERE key = ? AND part IN "
                                  "('entities', 'words')", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return False
        return row is not None and (row[0] or 0) > self.lazy_from

    def _snapshot_db(self) -> sqlite3.Connection:
        """Where parts left in the database are read from.  Their open blobs
        pin the snapshot they were opened in (SQLite keeps a read transaction
        for them), so what is read later belongs with what is read first even
        if another process rewrites the corpus.  A one-shot command holds it
        on its own connection; a session on a read-only connection of its
        own, closed with its last blob, so that the session's own writes are
        never refused for an old snapshot."""
        if self.one_shot:
            return self.db
        from urllib.parse import quote

        db = sqlite3.connect(f"file:{quote(self.path)}?mode=ro", uri=True, timeout=30, isolation_level=None,
                             check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 30000")
        return db

    def listing(self, key: str) -> tuple[str, dict] | None:
        """The last listing stored for a corpus and its fingerprint, whether or
        not the files are still as they were (the app shows it at once, then
        checks).  Left in the database if the corpus is (:meth:`reads_lazily`)."""
        try:
            lazy = self.reads_lazily(key)
            db = self._snapshot_db() if lazy else self.db
            db.execute("BEGIN")
            try:
                row = db.execute("SELECT fingerprint, listing FROM corpora WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return None
                sections: list[memoryview] | _BlobSections | None
                if lazy:
                    sections = _left_in_database(db, key).get("listing")
                else:
                    part = db.execute(
                        "SELECT crc, data FROM corpus_parts WHERE key = ? AND part = 'listing'", (key,)
                    ).fetchone()
                    sections = None if part is None else _read_sections(_checked(part[1], part[0]))
            finally:
                db.execute("COMMIT")
            return None if sections is None else (row[0], _unpack_listing(row[1], sections))
        except (sqlite3.DatabaseError, zlib.error, ValueError, KeyError):
            return None

    def corpus_files(self, key: str, pick: Callable[[Any], Iterable[int]] | None = None) -> tuple[str, Any, dict] | None:
        """The files a corpus was last indexed from, whatever they are now,
        as :meth:`store_corpus` was given them: (its fingerprint, the first
        section, {number: section} of the others), each section unpacked.
        With ``pick``, only the sections it names (given the first) are read.
        None if the corpus was stored without them."""
        db = self.db
        try:
            db.execute("BEGIN")
            try:
                row = db.execute("SELECT fingerprint FROM corpora WHERE key = ?", (key,)).fetchone()
                part = db.execute("SELECT rowid, crc FROM corpus_parts WHERE key = ? AND part = 'files'", (key,)).fetchone()
                if row is None or part is None:
                    return None
                if pick is None:
                    (data,) = db.execute("SELECT data FROM corpus_parts WHERE rowid = ?", (part[0],)).fetchone()
                    sections = _read_sections(_checked(data, part[1]))
                    return row[0], _unpack(bytes(sections[0])), {
                        i: _unpack(bytes(sections[i])) for i in range(1, len(sections))}
                # (a few sections of many: not checked against the whole's CRC, which reading it all would take)
                with db.blobopen("corpus_parts", "data", part[0], readonly=True) as blob:
                    some = _BlobSections(blob)
                    head = _unpack(some[0])
                    return row[0], head, {i: _unpack(some[i]) for i in pick(head)}
            finally:
                db.execute("COMMIT")
        except (sqlite3.DatabaseError, zlib.error, ValueError, KeyError, IndexError, TypeError):
            return None

    def drop_corpus(self, key: str) -> None:
        """Forget what was stored for a corpus under ``key``."""
        with self._writing() as db:
            db.execute("DELETE FROM corpora WHERE key = ?", (key,))
            db.execute("DELETE FROM corpus_parts WHERE key = ?", (key,))

    def tree(self, key: str) -> tuple[str, dict] | None:
        """What :meth:`store_tree` kept for a corpus: (fingerprint, data), or None."""
        try:
            row = self.db.execute("SELECT fingerprint, data FROM trees WHERE key = ?", (key,)).fetchone()
            return None if row is None else (row[0], _unpack(row[1]))
        except (sqlite3.DatabaseError, zlib.error, ValueError):
            return None

    def has_tree(self, key: str) -> bool:
        """Whether :meth:`store_tree` kept anything for a corpus (without
        reading it: a million files' folders are megabytes)."""
        try:
            return self.db.execute("SELECT 1 FROM trees WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.DatabaseError:
            return False

    def store_tree(self, key: str, fingerprint: str, data: dict) -> None:
        """Keep, beside a corpus's index, the folders its files were found in
        and their times: while none has changed, a command can take the
        corpus's fingerprint from here without looking at every file."""
        self._write("INSERT OR REPLACE INTO trees VALUES (?, ?, ?)", [(key, fingerprint, pack(data))])

    def file_rows(self, paths: list[str]) -> dict[str, dict]:
        """Files' cleaned articles as stored (any size and mtime), in one query."""
        return self._stored_files(paths, unpack_file)

    def file_texts(self, paths: list[str]) -> dict[str, list[str]]:
        """Files' articles' texts as stored (any size and mtime), in one query."""
        return self._stored_files(paths, unpack_texts)

    def _stored_files(self, paths: list[str], decode: Callable[[bytes], Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        try:
            marks = ",".join("?" * len(paths))
            for path, data in self.db.execute(
                f"SELECT path, data FROM files WHERE version = ? AND path IN ({marks})",
                [self.version, *map(_to_db, paths)],
            ):
                out[_from_db(path)] = decode(data)
        except (sqlite3.DatabaseError, zlib.error, ValueError):
            pass
        return out

    def store_corpus(self, key: str, fingerprint: str, entities: dict, words: Mapping[str, array], listing: dict,
                     files: list | None = None) -> None:
        """Store a corpus's entities, postings and listing, and with ``files``
        (values to :func:`pack`, each a section) the files they came from
        (see :meth:`corpus_files`).  The big blobs (at
        100,000 articles, hundreds of megabytes) are written a section at a
        time into space made for them with ``zeroblob``, each the last column
        of a row of its own: SQLite makes any other zeroblob in memory whole.
        Joining the sections into one value and binding it was the peak of
        the whole indexing run."""
        if self.full:
            return
        # Each part's sections are made as it is written (all at once, they
        # were the peak of indexing once name finding no longer was).
        parts: dict[str, Callable[[], list]] = {
            "entities": lambda: _named(_entity_sections(entities)),
            "words": lambda: _named(_keyed_sections(words, "words", packed=True)),
            "listing": lambda: _named(_listing_sections(listing.get("articles", ()))),
            **({"files": lambda: [pack(f) for f in files]} if files is not None else {}),
        }
        head = (key, fingerprint, pack({k: v for k, v in listing.items() if k != "articles"}), time.time())
        with self._writing() as db:
            db.execute("INSERT OR REPLACE INTO corpora VALUES (?, ?, ?, ?)", head)
            db.execute("DELETE FROM corpus_parts WHERE key = ?", (key,))
            for part, make in parts.items():
                sections = make()
                # The checksum first: updating the row after would copy its blob.
                crc = 0

                def add(chunk) -> None:
                    nonlocal crc
                    crc = zlib.crc32(chunk, crc)

                _write_sections(add, sections)
                cur = db.execute("INSERT INTO corpus_parts VALUES (?, ?, ?, zeroblob(?))", (key, part, crc, _sized(sections)))
                with db.blobopen("corpus_parts", "data", cur.lastrowid) as blob:
                    _write_sections(blob.write, sections)
                del sections
        self._reclaim()


# Corpus blobs are sections (each an 8-byte length, then bytes), not compressed
# whole: they are read at every warm start, where decompressing and parsing
# JSON numbers cost more than reading.  Keys are newline-joined text (no key
# holds a newline: they are words and folded names), integer lists one array;
# only the word postings, most of the bytes, are packed list by list (see
# pack_ints), and unpacked as a query reads them.


def _bytes(a: array) -> memoryview:
    """An array's bytes, not copied."""
    return memoryview(a).cast("B")


def _sized(parts: list) -> int:
    """The size of ``parts`` stored as sections."""
    return sum(8 + len(p) for p in parts)


def _write_sections(write: Callable[[bytes | memoryview], object], sections: Iterable) -> None:
    """``sections`` as stored: each an 8-byte length, then its bytes."""
    for section in sections:
        write(len(section).to_bytes(8, "little"))
        write(section)


def _checked(data: bytes, crc: int) -> bytes:
    """A stored part, if it is as it was written (damage inside a value
    would otherwise surface later, as a name that does not decode)."""
    if zlib.crc32(data) != crc:
        raise ValueError("a stored part fails its checksum")
    return data


def _read_sections(raw: bytes) -> list[memoryview]:
    """The parts of a blob, as views (not copies: they are megabytes at scale)."""
    view = memoryview(raw)
    out, pos = [], 0
    while pos < len(view):
        n = int.from_bytes(view[pos : pos + 8], "little")
        out.append(view[pos + 8 : pos + 8 + n])
        pos += 8 + n
    return out


def _blob_slice(blob: sqlite3.Blob, start: int, n: int) -> bytes:
    # (typeshed gives a Blob's slices the type of its items, int: they are bytes)
    return blob[start : start + n]  # type: ignore[return-value]


def _left_in_database(db: sqlite3.Connection, key: str) -> dict[str, list[memoryview] | _BlobSections]:
    """A corpus's parts, each an open blob read a slice at a time (within a
    read transaction, whose snapshot the blobs then hold)."""
    return {
        part: _BlobSections(db.blobopen("corpus_parts", "data", rowid, readonly=True))
        for part, rowid in db.execute("SELECT part, rowid FROM corpus_parts WHERE key = ?", (key,))
    }


class _BlobSections:
    """The sections of a blob left in the database: each read when asked for."""

    def __init__(self, blob: sqlite3.Blob) -> None:
        self.blob = blob
        self.spans: list[tuple[int, int]] = []  # (start, length)
        pos, size = 0, len(blob)
        while pos < size:
            n = int.from_bytes(_blob_slice(blob, pos, 8), "little")
            self.spans.append((pos + 8, n))
            pos += 8 + n

    def __getitem__(self, i: int) -> bytes:
        start, n = self.spans[i]
        return _blob_slice(self.blob, start, n)

    def lazy(self, i: int, typecode: str | None) -> _LazyBody:
        return _LazyBody(self.blob, *self.spans[i], typecode)


class _LazyBody(Sequence):
    """A section left in the database (keys, their starts, entity rows,
    mention triples, word postings) read a slice or an item at a time.
    After as many reads as copying it whole would cost (a read costs about
    as much as copying 1 KB; at least :attr:`MAX_READS`), or asked for
    anything else, it is read whole and kept.  ``typecode``: it holds
    integers of that array type ("I", "Q"), else bytes."""

    __slots__ = ("blob", "start", "size", "typecode", "width", "reads", "limit", "whole")
    MAX_READS = 512

    def __init__(self, blob: sqlite3.Blob, start: int, size: int, typecode: str | None) -> None:
        self.blob, self.start, self.size, self.typecode = blob, start, size, typecode
        self.width = array(typecode).itemsize if typecode else 1
        self.reads = 0
        self.limit = max(self.MAX_READS, size >> 10)
        self.whole: array | bytes | None = None

    def __len__(self) -> int:
        return self.size // self.width

    def __getitem__(self, k):
        whole = self.whole
        if whole is None:
            if self.reads < self.limit:
                if isinstance(k, int):
                    self.reads += 1
                    n = self.size // self.width
                    i = k + n if k < 0 else k
                    if not 0 <= i < n:
                        raise IndexError(k)
                    return self._read(self.start + i * self.width, self.width)[0]
                if isinstance(k, slice) and k.step is None:
                    self.reads += 1
                    a, b, _ = k.indices(self.size // self.width)
                    return self._read(self.start + a * self.width, max(0, b - a) * self.width)
            self.hold()
            whole = self.whole
        return whole[k]

    def hold(self) -> None:
        """Read it whole now, and keep it."""
        if self.whole is None:
            self.whole = self._read(self.start, self.size)

    def _read(self, start: int, n: int) -> array | bytes:
        try:
            raw = _blob_slice(self.blob, start, n)
        except sqlite3.Error as exc:
            raise CacheError(f"the index cache could not be read ({exc})") from exc
        if self.typecode is None:
            return raw
        out = array(self.typecode)
        out.frombytes(raw)
        return out


def _body(sections: list[memoryview] | _BlobSections, i: int, typecode: str | None) -> array | bytes | _LazyBody:
    """Section ``i``: left in the database if it is there, else as integers
    of array type ``typecode`` or (None) bytes."""
    if isinstance(sections, _BlobSections):
        return sections.lazy(i, typecode)
    if typecode is None:
        return bytes(sections[i])
    out = array(typecode)
    out.frombytes(sections[i])
    return out


class PackedArrays(Arrays):
    """Integer lists each packed by :func:`pack_ints`, stored end to end:
    the n-th is unpacked when asked for.  ``ends[n]`` is the byte where it ends."""

    __slots__ = ()

    def __getitem__(self, n: int) -> array:  # type: ignore[override]  # (as Arrays)
        return unpack_ints(super().__getitem__(n))


class Postings(StoredPostings):
    """Key → integer list (word → articles, name key → entities), read back.

    The keys are stored sorted and looked up by bisection: a dict of them
    would cost more to build than a warm `byline search` spends searching."""

    __slots__ = ("keys_", "arrays")

    def __init__(self, keys: Sequence[str], arrays: Arrays | PackedArrays) -> None:
        self.keys_ = keys
        self.arrays = arrays

    def _find(self, key: object) -> int:
        return _find(self.keys_, key)

    def __getitem__(self, key: str) -> array | bytes:
        i = self._find(key)
        if i < 0:
            raise KeyError(key)
        return self.arrays[i]

    def get(self, key: str, default=None):
        i = self._find(key)
        return default if i < 0 else self.arrays[i]

    def __contains__(self, key: object) -> bool:
        return self._find(key) >= 0

    def __iter__(self):
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)

    def decode_keys(self) -> None:
        """Decode every key now, for a session (see :class:`Lines`): not in the
        middle of whichever query would have reached the many-lookups mark."""
        if isinstance(self.keys_, Lines):
            self.keys_.decode_all()


def _find(keys: Sequence[str], key: object) -> int:
    """Where ``key`` is in sorted ``keys`` (by bisection), or -1."""
    keys = getattr(keys, "_all", None) or keys  # split already: bisect the list itself
    i = bisect_left(keys, key) if isinstance(key, str) else len(keys)
    return i if i < len(keys) and keys[i] == key else -1


class _SortedLookup:
    """Sorted keys read back as :class:`Lines`, looked up by bisection."""

    __slots__ = ("keys_",)

    def __init__(self, keys: Lines) -> None:
        self.keys_ = keys

    def __contains__(self, key: object) -> bool:
        return _find(self.keys_, key) >= 0

    def __iter__(self):
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)


class WordsOfKeys(_SortedLookup, Mapping):
    """Folded key → its words (:attr:`tui.core.search.SearchKeys.word_extra`),
    read back: sorted keys, and each key's words as a JSON list, both
    :class:`Lines`, looked up by bisection (a one-shot search looks up a few;
    decoding them all as one JSON text took a third of a second at a million
    articles)."""

    __slots__ = ("words",)

    def __init__(self, keys: Lines, words: Lines) -> None:
        super().__init__(keys)
        self.words = words

    def __getitem__(self, key: str) -> list[str]:
        i = _find(self.keys_, key)
        if i < 0:
            raise KeyError(key)
        return json.loads(self.words[i])


class SortedKeys(_SortedLookup, Set):
    """A set of strings read back as sorted :class:`Lines`: membership by bisection."""

    __slots__ = ()


class Lines(StoredStrings):
    """Strings stored newline-joined, with the byte offset where each starts:
    one is decoded when asked for, a run of them split at once, and all of
    them when iterated or after many lookups (then kept: a session looks up
    keys by the thousand).  Reading tens of thousands of keys back as a list
    cost more than a one-shot search spends searching them.

    ``firsts[n]``, if stored (for keys kept shortest first), is the index of
    the first key at least ``n`` characters long."""

    __slots__ = ("text", "starts", "firsts", "sounds", "_all", "_reads", "_limit")
    MAX_READS = 2048  # single keys decoded (a bisection reads about 17) before splitting them all

    def __init__(self, text: bytes | memoryview | _LazyBody, starts: array | _LazyBody,
                 firsts: array | None = None) -> None:
        self.text, self.starts, self.firsts = text, starts, firsts
        # What reads the keys' skeleton hashes, where stored (see _unpack_lines).
        self.sounds: Callable[[], array | _LazyBody] | None = None
        self._all: list[str] | None = None
        self._reads = 0
        # Keys left in the database are never split all at once by lookups:
        # their bytes are read whole after as many lookups as that costs (see
        # _LazyBody), and each key decoded from them as asked for.  Split, the
        # three million keys of a million articles took 320 MB.
        self._limit = self.MAX_READS if not isinstance(text, _LazyBody) else 1 << 62

    def __len__(self) -> int:
        return len(self.starts)

    def _span(self, a: int, b: int) -> tuple[int, int]:
        """Where keys ``a`` to ``b - 1`` (``a < b``) are in :attr:`text`,
        without the last one's newline."""
        starts, n = self.starts, len(self.starts)
        if b == a + 1 and b < n:  # one key: one read where the starts are left in the database
            s, e = starts[a : b + 1]
            return s, e - 1
        return starts[a], starts[b] - 1 if b < n else len(self.text)

    def __getitem__(self, k):
        if self._all is not None:
            return self._all[k]
        n = len(self.starts)
        if isinstance(k, slice):
            a, b, step = k.indices(n)
            if step != 1:
                return list(self)[k]
            return self.joined(a, b).split("\n") if a < b else []
        self._reads += 1
        if self._reads > self._limit:
            return self.decode_all()[k]
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError(k)
        s, e = self._span(k, k + 1)
        return str(self.text[s:e], "utf-8")

    def __iter__(self):
        return iter(self.decode_all())

    @property
    def decoded(self) -> bool:
        return self._all is not None

    def hold(self) -> None:
        """Their bytes read whole now, where left in the database, and kept
        (not decoded: a million article ids are 11 MB as bytes, 60 as strings)."""
        for part in (self.text, self.starts):
            if isinstance(part, _LazyBody):
                part.hold()

    def decode_all(self) -> list[str]:
        """Every key, decoded once and kept (later reads index this list)."""
        if self._all is None:
            self._all = self[:]
        return self._all

    def joined(self, a: int, b: int) -> str:
        """Keys ``a`` to ``b - 1`` newline-joined, as stored."""
        if self._all is not None:
            return "\n".join(self._all[a:b])
        if a >= b:
            return ""
        s, e = self._span(a, b)
        return str(self.text[s:e], "utf-8")


def _named(parts: list[tuple[str, object]]) -> list:
    """Named parts as stored: a first section of their names (JSON), then each."""
    return [json.dumps([name for name, _ in parts]).encode("utf-8"), *(part for _, part in parts)]


class _Named:
    """A stored blob's sections by name (its first section names the rest):
    readers ask for what they need by name, and a blob without it is an
    unreadable cache (KeyError), never a wrong section."""

    def __init__(self, sections: list[memoryview] | _BlobSections) -> None:
        self.sections = sections
        self.at = {name: i for i, name in enumerate(json.loads(str(sections[0], "utf-8")), 1)}

    def __getitem__(self, name: str) -> memoryview | bytes:
        return self.sections[self.at[name]]

    def ints(self, name: str) -> array:
        return _from_ints(self[name])

    def body(self, name: str) -> bytes | _LazyBody:
        """A section of bytes, left in the database if it is there (read as used)."""
        return _body(self.sections, self.at[name], None)  # type: ignore[return-value]  # (no typecode: bytes)

    def numbers(self, name: str, typecode: str = "I") -> array | _LazyBody:
        """A section of integers (of array type ``typecode``), left in the
        database if it is there (read as used)."""
        return _body(self.sections, self.at[name], typecode)  # type: ignore[return-value]  # (a typecode: an array)


def _pack_lines(keys: Sequence[str], name: str, firsts: bool = False) -> list[tuple[str, bytes | memoryview]]:
    """``keys`` (none holds a newline) as the sections of :class:`Lines`:
    ``name.keys`` (newline-joined), ``name.starts`` and, with ``firsts``,
    ``name.firsts`` (where each length begins)."""
    # (No list of every key encoded: millions of bytes objects at a million
    # articles.  An ASCII key is as many bytes as characters.)
    sizes = (len(k) if k.isascii() else len(k.encode()) for k in keys)
    starts = array("I", accumulate(map((1).__add__, sizes), initial=0))  # each key, then its newline
    starts.pop()
    out: list[tuple[str, bytes | memoryview]] = [(f"{name}.keys", "\n".join(keys).encode()),
                                                  (f"{name}.starts", _bytes(starts))]
    if firsts:
        lengths = list(map(len, keys))
        firsts_at = array("I", (bisect_left(lengths, n) for n in range((lengths[-1] if keys else 0) + 2)))
        out.append((f"{name}.firsts", _bytes(firsts_at)))
    return out


def _unpack_lines(named: _Named, name: str, firsts: bool = False, sounds: bool = False) -> Lines:
    """``sounds``: the keys' skeleton hashes are read when first asked for
    (:attr:`Lines.sounds`), if stored."""
    lines = Lines(named.body(f"{name}.keys"), named.numbers(f"{name}.starts"),
                  named.ints(f"{name}.firsts") if firsts else None)
    if sounds and f"{name}.sounds" in named.at:
        lines.sounds = partial(named.numbers, f"{name}.sounds")
    return lines


def _keyed_sections(mapping: Mapping[str, Sequence[int]], name: str, packed: bool = False) -> list[tuple[str, object]]:
    """Postings as sections: the keys (see :func:`_pack_lines`), ``name.ends``
    (where each key's list ends) and ``name.body`` (the lists end to end).
    ``packed``: each list as :func:`pack_ints` packs it, and the ends in
    bytes (for word postings: the names' lists are mostly of one number,
    which packing would make longer)."""
    if isinstance(mapping, HeldPostings):
        return [*_pack_lines(mapping.keys_, name), *mapping.sections(name)]
    keys = sorted(k for k in mapping if "\n" not in k)
    if not packed:
        lists = list(map(mapping.__getitem__, keys))
        body = array("I")
        for values in lists:
            body.extend(values)
        ends = array("I", accumulate(map(len, lists)))
        return [*_pack_lines(keys, name), (f"{name}.ends", _bytes(ends)), (f"{name}.body", _bytes(body))]
    byte_ends, raw = _packed_lists(keys, mapping.__getitem__)
    return [*_pack_lines(keys, name), (f"{name}.ends", _bytes(byte_ends)), (f"{name}.body", memoryview(raw))]


def _packed_lists(keys: Sequence[str], take: Callable[[str], Sequence[int]]) -> tuple[array, bytearray]:
    """The lists of ``keys`` (``take(key)``) packed by :func:`pack_ints` end to
    end, and the byte where each ends."""
    raw = bytearray()
    byte_ends = array("Q")
    for k in keys:
        raw += pack_ints(take(k))
        byte_ends.append(len(raw))
    return byte_ends, raw


class HeldPostings(Postings):
    """Word postings packed as the index stores them, held in memory from
    name finding until they are stored: a third of their bytes as a dict of
    arrays (at a million articles, that dict was a gigabyte of the peak).
    The keys stay a sorted list of the words, looked up by bisection."""

    __slots__ = ()

    @classmethod
    def of(cls, postings: dict[str, array]) -> HeldPostings:
        """``postings`` packed; the dict is emptied as they are, so the two
        are never whole at once."""
        keys = sorted(k for k in postings if "\n" not in k)
        byte_ends, raw = _packed_lists(keys, postings.pop)
        postings.clear()
        return cls(keys, PackedArrays(byte_ends, raw))

    def sections(self, name: str) -> list[tuple[str, memoryview]]:
        """The ends and the body, as :func:`_keyed_sections` stores them."""
        ends, body = self.arrays.ends, self.arrays.body
        assert isinstance(ends, array)  # (held, not left in the database)
        return [(f"{name}.ends", _bytes(ends)), (f"{name}.body", memoryview(body))]


def _unpack_keyed(named: _Named, name: str, packed: bool = False) -> Postings:
    if not packed:
        return Postings(_unpack_lines(named, name), Arrays(named.numbers(f"{name}.ends"), named.numbers(f"{name}.body")))
    return Postings(_unpack_lines(named, name), PackedArrays(named.numbers(f"{name}.ends", "Q"), named.body(f"{name}.body")))


_PLANES = 1  # the format byte of a list stored as its numbers' byte planes, compressed
_SHORT = 16  # a list shorter than this is stored as it is


def pack_ints(values: Sequence[int]) -> bytes:
    """An ``array("I")`` as stored: a format byte, then either the numbers
    as they are (a short list), or their byte planes compressed: every
    number's first byte, then every second byte, and so on.  The postings
    of a word are ascending article numbers, so their high bytes repeat in
    long runs, which zlib packs to nothing: 82 MB of postings took 27 MB
    at 100,000 articles.  (The steps between numbers, each in 1, 2 or 4
    bytes, took 31 MB, and computing them in Python four times as long.)"""
    raw = (values if isinstance(values, array) and values.typecode == "I" else array("I", values)).tobytes()
    if len(values) < _SHORT:
        return b"\0" + raw
    return bytes([_PLANES]) + zlib.compress(raw[0::4] + raw[1::4] + raw[2::4] + raw[3::4], 1)


def unpack_ints(raw: bytes | memoryview) -> array:
    """The ``array("I")`` :func:`pack_ints` packed."""
    out = array("I")
    if not raw:
        return out
    if raw[0] == _PLANES:
        planes = zlib.decompress(raw[1:])
        n = len(planes) // 4
        whole = bytearray(4 * n)
        for k in range(4):
            whole[k::4] = planes[k * n : (k + 1) * n]
        out.frombytes(whole)
    else:
        out.frombytes(raw[1:])
    return out


def mentions_by_article(body: array) -> tuple[array, array]:
    """The mentions of ``body`` ((article, start, form) triples end to end),
    article by article: (where each article's end, the numbers of its
    mentions in ``body``).  What shows an article's names without looking
    through every mention of the corpus (30 million at a million articles)."""
    arts = body[0::3]
    counts = Counter(arts)
    n = max(counts) + 1 if counts else 0
    per = array("Q", (counts.get(a, 0) for a in range(n)))
    ends = array("Q", accumulate(per))
    free = array("Q", accumulate(per, initial=0))  # where each article's next mention goes
    out = array("I", bytes(4 * len(arts)))
    for m, a in enumerate(arts):  # (a counting sort: mentions keep their order within an article)
        out[free[a]] = m
        free[a] += 1
    return ends, out


def _entity_sections(data: dict) -> list[tuple[str, object]]:
    """``data``: {"held": the entities as name finding packed them (row ends,
    rows, mention ends, mention triples; see ``PackedEntities.sections``) or
    "entities": [key, name, kind, variants, forms, flat] of each entity (any
    iterable), "keys": the search keys (by_key, by_sorted,
    ent_vocab, word_vocab, word_extra, odd_words)}, as named sections."""
    from .entities import entity_row

    if data.get("held") is not None:  # packed so by name finding already
        row_ends, rows, ends, body = data["held"]
    else:
        rows, row_ends, ends, body = bytearray(), array("Q"), array("I"), array("I")
        for key, name, kind, variants, forms, flat in data["entities"]:
            rows += entity_row(key, name, kind, variants, forms).encode("utf-8")
            row_ends.append(len(rows))
            body.extend(flat)
            ends.append(len(body))
    by_key, by_sorted, ent_vocab, word_vocab, word_extra, odd_words = data["keys"]
    sounds = []
    if data.get("sounds") is not None:  # (the keys' skeleton hashes: see _unpack_lines)
        ent_sounds, word_sounds = data["sounds"]
        sounds = [("entity_vocab.sounds", _bytes(ent_sounds)), ("word_vocab.sounds", _bytes(word_sounds))]
    by_article_ends, by_article = mentions_by_article(body)
    return [
        ("rows", memoryview(rows)), ("row_ends", _bytes(row_ends)),
        ("mentions.ends", _bytes(ends)), ("mentions.body", _bytes(body)),
        ("by_article.ends", _bytes(by_article_ends)), ("by_article.body", _bytes(by_article)),
        *_keyed_sections(by_key, "by_key"), *_keyed_sections(by_sorted, "by_sorted"),
        *_pack_lines(ent_vocab, "entity_vocab", firsts=True), *_pack_lines(word_vocab, "word_vocab", firsts=True),
        *_pack_lines(sorted(word_extra), "word_extra"),
        *_pack_lines([json.dumps(word_extra[k], ensure_ascii=False) for k in sorted(word_extra)], "word_extra_words"),
        *_pack_lines(sorted(odd_words), "odd_words"),
        *sounds,
    ]


def _unpack_entities(named: _Named) -> dict:
    """{"rows": one JSON text (bytes) per entity, "flats": their mention
    triples, "keys": the search keys as packed}: entities are decoded when used."""
    return {
        "rows": Arrays(named.numbers("row_ends", "Q"), named.body("rows")),
        "flats": Arrays(named.numbers("mentions.ends"), named.numbers("mentions.body")),
        "by_article": Arrays(named.numbers("by_article.ends", "Q"), named.numbers("by_article.body")),
        "keys": (
            _unpack_keyed(named, "by_key"), _unpack_keyed(named, "by_sorted"),
            _unpack_lines(named, "entity_vocab", firsts=True, sounds=True),
            _unpack_lines(named, "word_vocab", firsts=True, sounds=True),
            WordsOfKeys(_unpack_lines(named, "word_extra"), _unpack_lines(named, "word_extra_words")),
            SortedKeys(_unpack_lines(named, "odd_words")),
        ),
    }


def _listing_sections(rows: Sequence[Sequence]) -> list:
    """A listing's rows (each article's id first) as sections: the ids, and
    each row's JSON (no JSON text holds a raw newline).  ASCII JSON: a file
    name that is not UTF-8 holds lone surrogates, which come back escaped."""
    texts = [json.dumps(row, separators=(",", ":")) for row in rows]
    return [*_pack_lines([row[0] for row in rows], "ids"), *_pack_lines(texts, "rows")]


class ListingRows:
    """A corpus's article listing as stored: every article's id, and its
    row (see :meth:`tui.core.article.Article.listing`), decoded when asked
    for: a one-shot search over 100,000 articles shows a few."""

    __slots__ = ("ids", "rows")

    def __init__(self, ids: Lines, rows: Lines) -> None:
        self.ids, self.rows = ids, rows

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, i: int) -> list:
        return json.loads(self.rows[i])

    def all(self) -> list[list]:
        """Every row, decoded at once (one JSON text: faster than one by one)."""
        return self.block(0, len(self.rows))

    def block(self, a: int, b: int) -> list[list]:
        """Rows ``a`` to ``b - 1``, decoded at once."""
        if b <= a:
            return []
        return json.loads("[" + self.rows.joined(a, b).replace("\n", ",") + "]")


def _unpack_listing(head: bytes, sections: list[memoryview] | _BlobSections) -> dict:
    """The listing :meth:`Cache.store_corpus` stored: {"articles": :class:`ListingRows`, ...}."""
    named = _Named(sections)
    out = _unpack(head)
    out["articles"] = ListingRows(_unpack_lines(named, "ids"), _unpack_lines(named, "rows"))
    out["lazy"] = isinstance(sections, _BlobSections)  # (left in the database)
    return out


def corpus_key(paths: Iterable[str | os.PathLike]) -> str:
    roots = sorted(os.path.realpath(p) for p in paths)
    return blake2b("\0".join(roots).encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def folder_of(unit: str) -> str:
    """The folder a file (or a part of one, see :func:`~tui.core.kinds.part_key`) lies in."""
    return (unit.split("\0", 1)[0] if "\0" in unit else unit).rpartition(os.sep)[0]


def folder_digests(stats: dict[str, tuple[int, int]]) -> dict[str, str]:
    """A digest of each folder's files (path, size, mtime), in discovery order."""
    files: dict[str, list[tuple[str, int, int]]] = {}
    for path, st in stats.items():
        folder = folder_of(path)
        got = files.get(folder)
        if got is None:
            got = files[folder] = []
        got.append((path, *st))
    return {folder: digest_of_files(rows) for folder, rows in files.items()}


def digest_of_files(rows: Iterable[Sequence]) -> str:
    """The digest of one folder's files, each (path, size, mtime, ...)."""
    return blake2b("".join([f"{r[0]}\0{r[1]}\0{r[2]}\n" for r in rows]).encode("utf-8", "surrogateescape"),
                   digest_size=16).hexdigest()


def fingerprint(stats: dict[str, tuple[int, int]], version: str | None = None) -> str:
    """What a corpus's files are, for the code of ``version`` (this code's if not given)."""
    return fingerprint_of_folders(folder_digests(stats), version)


def fingerprint_of_folders(digests: dict[str, str], version: str | None = None) -> str:
    """:func:`fingerprint` from its folders' digests: made of them, so that
    when one folder changes the others' digests, kept, need not be made again."""
    h = blake2b((version or code_version()).encode(), digest_size=16)
    h.update("".join([f"{folder}\0{d}\n" for folder, d in sorted(digests.items())]).encode("utf-8", "surrogateescape"))
    return h.hexdigest()
