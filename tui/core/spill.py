"""Name candidates of a big corpus kept on disk while it loads.

A million articles' candidates, with the words they name, are about a
gigabyte; name finding reads them once, in order, after every file has
been read.  Held in memory they were a quarter of indexing's peak, and the
columns name finding builds from them could not reuse their freed space
(small objects, while the columns are large arrays).  So a big corpus's
candidates are written to an unnamed temporary file in the index's folder
as they arrive and read back in one pass.
"""

from __future__ import annotations

import os
import struct
from array import array
from collections.abc import Iterable, Iterator, Sequence

_HEAD = struct.Struct("<II")  # how many bytes of integers, then of words, follow
_BLOCK = 1 << 20  # read back this many bytes at a time


class CandidateSpill(Sequence):
    """Per article, its name candidates: those packed with their own words
    (:class:`~tui.core.entities.PackedSurfaces`) on disk, anything else
    (None for "read them back from the index", a list) in memory.

    When the file cannot be made or written (a full disk), what comes
    after stays in memory: slower to fit, never lost.  Setting an item to
    None lets it go (name finding's ``consume``); one on disk stays there
    until the spill is closed, which deletes the file."""

    def __init__(self, folder: str | None) -> None:
        self._file = None
        try:
            if folder is not None:
                # (Imported here: tempfile brings random, shutil, bz2 and lzma, about
                # 10 ms of every one-shot command's start, which never spills.)
                import tempfile

                self._file = tempfile.TemporaryFile(dir=folder, prefix="candidates-")
        except OSError:
            pass
        self._writing = self._file is not None
        self._where = array("q")  # each article's record's offset in the file, or -1: held in memory
        self._held: dict[int, object] = {}
        self._end = 0

    def __len__(self) -> int:
        return len(self._where)

    def extend(self, items: Iterable) -> None:
        from .entities import PackedSurfaces

        for item in items:
            if self._writing and type(item) is PackedSurfaces:
                words = item.text.encode("utf-8", "surrogatepass")
                ints = item.packed.tobytes()
                assert self._file is not None
                try:
                    os.pwrite(self._file.fileno(), _HEAD.pack(len(ints), len(words)) + ints + words, self._end)
                except OSError:
                    self._writing = False  # (a full disk: the records written stay readable, the rest is held)
                else:
                    self._where.append(self._end)
                    self._end += _HEAD.size + len(ints) + len(words)
                    continue
            self._held[len(self._where)] = item
            self._where.append(-1)

    def missing(self) -> list[int]:
        """The articles whose candidates are None (to be read back from the index)."""
        return sorted(i for i, c in self._held.items() if c is None)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        at = self._where[i]
        if at < 0:
            return self._held.get(i)
        n_ints, n_words = _HEAD.unpack(self._read(_HEAD.size, at, whole=True))
        return _made(self._read(n_ints + n_words, at + _HEAD.size, whole=True), 0, n_ints, n_words)

    def __setitem__(self, i: int, item) -> None:
        if i < 0:
            i += len(self)
        if item is None and self._where[i] >= 0:
            return  # (on disk: nothing held to let go)
        self._held[i] = item
        self._where[i] = -1

    def __iter__(self) -> Iterator:
        """Every article's candidates in order, the file read a block at a
        time (its records are in article order, end to end)."""
        held, where = self._held, self._where
        buf, pos, at = b"", 0, 0  # at: the file offset just past buf
        for i in range(len(where)):
            if where[i] < 0:
                yield held.get(i)
                continue
            if len(buf) - pos < _HEAD.size:
                more = self._read(max(_BLOCK, _HEAD.size), at)
                buf, pos, at = buf[pos:] + more, 0, at + len(more)
                self._check(len(buf) >= _HEAD.size)
            n_ints, n_words = _HEAD.unpack_from(buf, pos)
            size = _HEAD.size + n_ints + n_words
            if len(buf) - pos < size:
                more = self._read(max(_BLOCK, size), at)
                buf, pos, at = buf[pos:] + more, 0, at + len(more)
                self._check(len(buf) >= size)
            yield _made(buf, pos + _HEAD.size, n_ints, n_words)
            pos += size

    def _read(self, n: int, at: int, whole: bool = False) -> bytes:
        """Up to ``n`` bytes from ``at`` (``whole``: all ``n`` of them)."""
        assert self._file is not None
        got = os.pread(self._file.fileno(), n, at) if n else b""
        self._check(len(got) == n if whole else bool(got) or not n)
        return got

    @staticmethod
    def _check(whole: bool) -> None:
        if not whole:
            raise OSError("the name candidates' temporary file ended early")

    def close(self) -> None:
        """Let everything go, and delete the file."""
        self._held.clear()
        self._writing = False
        if self._file is not None:
            self._file.close()
            self._file = None


def _made(buf: bytes, at: int, n_ints: int, n_words: int):
    from .entities import PackedSurfaces

    packed = array("i")
    packed.frombytes(buf[at : at + n_ints])
    return PackedSurfaces(buf[at + n_ints : at + n_ints + n_words].decode("utf-8", "surrogatepass"), packed)
