"""Reading state that lasts: which articles are read, starred, and a short
note on each.

Kept in the user's data folder ($XDG_DATA_HOME/byline/marks.sqlite), never
in a corpus and never in the index cache, so deleting the cache loses
nothing.  An article is known by its file and its place in it; when that
finds nothing (the corpus folder was moved or renamed), by its file's name,
its place and its title, so marks follow a moved folder.

Bad ground never stops reading: a damaged file is moved aside and a new one
started; a folder that cannot be written keeps the marks for this session
only, and :attr:`Marks.problem` says why.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence

from .article import Article

SCHEMA = 1
_TABLE = (
    "CREATE TABLE marks (place TEXT PRIMARY KEY, moved TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0,"
    " star INTEGER NOT NULL DEFAULT 0, note TEXT, changed REAL NOT NULL)"
)
_INDEX = "CREATE INDEX marks_moved ON marks (moved)"


def marks_path() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "byline", "marks.sqlite")


def _digest(*parts: object) -> str:
    from hashlib import blake2b  # (only once marks are used: it loads OpenSSL)

    data = "\0".join("" if p is None else str(p) for p in parts).encode("utf-8", "surrogateescape")
    return blake2b(data, digest_size=12).hexdigest()


def place_key(art: Article) -> str:
    """The article by its file and its place in the file."""
    return _place_key(art.path, art.position, art.record)


def moved_key(art: Article) -> str:
    """The article as it would be known in a moved folder: file name, place, title."""
    return _moved_key(art.path, art.position, art.record, art.title)


def _place_key(path: str, position: int, record: int | None) -> str:
    return _digest(os.path.abspath(path), position, record)


def _moved_key(path: str, position: int, record: int | None, title: str) -> str:
    return _digest(os.path.basename(path), position, record, title)


Place = tuple[str, int, "int | None", str]  # an article's path, position, record and title


def places_of(articles: Iterable[Article]) -> Iterator[Place]:
    """What marks are matched by, of each article."""
    return ((a.path, a.position, a.record, a.title) for a in articles)


class Marks:
    """Read, starred and noted articles of one corpus, by article index.

    :meth:`attach` matches the stored marks to a corpus's articles (the
    articles' keys are only computed when there are stored marks); after it
    ``read``, ``starred`` and ``notes`` are by index into that list.
    Writes go straight to disk, one small transaction each.
    """

    def __init__(self, path: str | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = path or marks_path()
        self.problem: str | None = None  # why marks last only this session, if they do
        self._warn = warn or (lambda _msg: None)
        self._lock = threading.Lock()
        self._db = self._open()
        self.articles: Sequence[Article] = []
        self.read: set[int] = set()
        self.starred: set[int] = set()
        self.notes: dict[int, str] = {}
        self._keys: dict[int, str] = {}  # index → place key, as computed

    # -- opening -------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
        except OSError as exc:
            return self._in_memory(exc.strerror or str(exc))
        try:
            return self._connect(self.path)
        except sqlite3.OperationalError as exc:  # cannot be opened or written: not damage
            return self._in_memory(str(exc))
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            moved = self._move_aside()
            if moved is None:
                return self._in_memory(f"the marks file is damaged ({exc}) and cannot be moved aside")
            self._warn(f"the marks file was damaged; it is kept as {moved} and a new one started")
            try:
                return self._connect(self.path)
            except sqlite3.Error as exc2:
                return self._in_memory(str(exc2))

    def _connect(self, path: str) -> sqlite3.Connection:
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA):
                raise sqlite3.OperationalError(f"{path} was written by a newer Byline (schema {version})")
            try:
                db.execute(_TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"))
                db.execute(_INDEX.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
                if version != SCHEMA:
                    db.execute(f"PRAGMA user_version = {SCHEMA}")
            except sqlite3.OperationalError as exc:
                if "readonly" not in str(exc):
                    raise
                self.problem = "the marks file is read-only: changes last this session only"
            db.execute("SELECT count(*) FROM marks").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _move_aside(self) -> str | None:
        aside = f"{self.path}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
        try:
            os.replace(self.path, aside)
        except OSError:
            return None
        for ext in ("-wal", "-shm"):
            try:
                os.remove(self.path + ext)
            except OSError:
                pass
        return aside

    def _in_memory(self, why: str) -> sqlite3.Connection:
        self.problem = f"marks are kept for this session only: {why}"
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        db.execute(_TABLE)
        db.execute(_INDEX)
        return db

    # -- matching a corpus -------------------------------------------------------

    def attach(self, articles: Sequence[Article], places: Callable[[], Iterable[Place]] | None = None) -> None:
        """Match the stored marks to ``articles``.  ``places()``: each
        article's :data:`Place`, in order, if there is a way to have them
        without making every article (a listing of a million)."""
        try:
            with self._lock:
                rows = self._db.execute("SELECT place, moved, read, star, note FROM marks").fetchall()
        except sqlite3.Error as exc:
            rows = []
            if self.problem is None:
                self.problem = f"marks could not be read: {exc}"
                self._warn(self.problem)
        # (the keys of marked articles only: every article's, at a million
        # articles, took 150 MB; the others are made when marked)
        keys: dict[int, str] = {}
        read: set[int] = set()
        starred: set[int] = set()
        notes: dict[int, str] = {}
        if rows:
            every = places if places is not None else (lambda: places_of(articles))
            by_place = {r[0]: r for r in rows}
            unmatched = dict(by_place)
            found: dict[int, tuple] = {}
            for i, (path, position, record, _title) in enumerate(every()):
                key = _place_key(path, position, record)
                row = by_place.get(key)
                if row is not None:
                    found[i], keys[i] = row, key
                    unmatched.pop(key, None)
            if unmatched and len(found) < len(articles):
                # Some marks are of articles not found where they were: look
                # for them by name, place and title (a moved corpus folder).
                by_moved: dict[str, tuple] = {}
                for r in unmatched.values():
                    by_moved.setdefault(r[1], r)
                moves = []
                for i, (path, position, record, title) in enumerate(every()):
                    if i in found:
                        continue
                    row = by_moved.pop(_moved_key(path, position, record, title), None)
                    if row is not None:
                        found[i] = row
                        keys[i] = _place_key(path, position, record)
                        moves.append((keys[i], row[0]))
                if moves:
                    self._write("UPDATE OR IGNORE marks SET place = ? WHERE place = ?", moves, many=True)
            for i, (_place, _moved, r, s, note) in found.items():
                if r:
                    read.add(i)
                if s:
                    starred.add(i)
                if note:
                    notes[i] = note
        # All at once, at the end: the interface reads these from another thread.
        self.articles, self._keys = articles, keys
        self.read, self.starred, self.notes = read, starred, notes

    # -- changing ------------------------------------------------------------------

    def _key(self, index: int) -> str:
        key = self._keys.get(index)
        if key is None:
            key = self._keys[index] = place_key(self.articles[index])
        return key

    def _store(self, index: int) -> None:
        art = self.articles[index]
        read, star, note = index in self.read, index in self.starred, self.notes.get(index)
        if not (read or star or note):
            self._write("DELETE FROM marks WHERE place = ?", (self._key(index),))
            return
        self._write(
            "INSERT INTO marks (place, moved, read, star, note, changed) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(place) DO UPDATE SET moved = excluded.moved, read = excluded.read,"
            " star = excluded.star, note = excluded.note, changed = excluded.changed",
            (self._key(index), moved_key(art), int(read), int(star), note, time.time()),
        )

    def _write(self, sql: str, params: Sequence, many: bool = False) -> None:
        try:
            with self._lock:
                if many:
                    self._db.executemany(sql, params)
                else:
                    self._db.execute(sql, params)
        except sqlite3.Error as exc:
            if self.problem is None:
                self.problem = f"marks are kept for this session only: {exc}"
                self._warn(self.problem)

    def set_read(self, index: int, read: bool = True) -> bool:
        """Mark an article read or unread; True if that changed anything."""
        if (index in self.read) == read:
            return False
        (self.read.add if read else self.read.discard)(index)
        self._store(index)
        return True

    def toggle_star(self, index: int) -> bool:
        """Star or unstar an article; whether it is now starred."""
        starred = index not in self.starred
        (self.starred.add if starred else self.starred.discard)(index)
        self._store(index)
        return starred

    def set_note(self, index: int, note: str) -> None:
        """The article's note; an empty one removes it."""
        note = " ".join(note.split())
        if note:
            self.notes[index] = note
        else:
            self.notes.pop(index, None)
        self._store(index)

    def close(self) -> None:
        """Close the file (a later change is then kept for this session only)."""
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
