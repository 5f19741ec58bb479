"""A file's bytes, and its text: read with care (never a device, never
opened for writing) and decoded by what the bytes show — a byte order mark,
a page's declared charset, UTF-8, else a detector's clear answer, else cp1252.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

from .lazy_re import lazy
from .errors import UnreadableFile
from .kinds import kind

MAX_BYTES = 64 * 1024 * 1024


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else the
    charset a detector finds when its evidence is clear, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile("damaged UTF-16") from exc
    what = _magic(data)
    if what is not None:
        raise UnreadableFile(what)
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = data.decode("cp1252", errors="replace")
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high < 0.02 * len(data) and "\ufffd" not in western:
        return western  # English or Western European text with a few accents: no need to ask
    guess = _detect(data)
    return guess if guess is not None and _better_than_western(guess, western) else western


_HIGH_BYTES = bytes(range(0x80, 0x100))

# What a file is by its first bytes, for a reason that says so.
_MAGIC = (
    (b"%PDF-", "a PDF, not text (convert it to text first)"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub?), not text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls), not text"),
    (b"{\\rtf", "an RTF document, not text (save it as plain text first)"),
    (b"\x1f\x8b", "gzip-compressed (decompress it first)"),
    (b"BZh", None),  # bzip2, if a digit follows
    (b"\xfd7zXZ\x00", "xz-compressed (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive, not text"),
    (b"Rar!\x1a\x07", "a RAR archive, not text"),
    (b"\x89PNG\r\n\x1a\n", "an image (PNG), not text"),
    (b"\xff\xd8\xff", "an image (JPEG), not text"),
    (b"GIF87a", "an image (GIF), not text"),
    (b"GIF89a", "an image (GIF), not text"),
    (b"II*\x00", "an image (TIFF), not text"),
    (b"MM\x00*", "an image (TIFF), not text"),
    (b"\x7fELF", "a program, not text"),
    (b"SQLite format 3\x00", "an SQLite database, not text"),
    (b"OggS", "audio or video, not text"),
    (b"ID3", "audio (MP3), not text"),
    (b"fLaC", "audio (FLAC), not text"),
)


def _magic(data: bytes) -> str | None:
    for head, what in _MAGIC:
        if data.startswith(head):
            if what is None:  # "BZh" then the block size
                return "bzip2-compressed (decompress it first)" if data[3:4].isdigit() else None
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "an image, audio or video file (RIFF), not text"
    return None


def _detect(data: bytes) -> str | None:
    """The text as a charset detector reads it (GB18030, Big5, Shift-JIS,
    cp1251 ...), or None when it has no answer."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("cp1252", "latin_1", "iso8859_15", "ascii", "utf_8"):
        return None
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return None


def _better_than_western(guess: str, western: str) -> bool:
    """Trust a detector's guess over cp1252 only on clear evidence: letters of
    another script (Cyrillic, Chinese, ...) where cp1252 gives Latin
    letters, or letters where cp1252 gives symbols inside words ("³" for
    Polish "ł").  A Latin guess as good as cp1252 (cp1257 for French) is weak."""
    other = sum(1 for c in guess if ord(c) > 0x24F and c.isalpha())
    letters = sum(1 for c in guess if ord(c) > 0x7F and c.isalpha())
    if letters and other >= 0.5 * letters:
        return True
    return _letters_in_words(guess) > _letters_in_words(western) + max(2, 0.2 * letters)


def _letters_in_words(text: str) -> int:
    """Non-ASCII characters between two letters that are letters themselves."""
    return sum(
        1
        for i in range(1, len(text) - 1)
        if ord(text[i]) > 0x7F and text[i].isalpha() and text[i - 1].isalpha() and text[i + 1].isalpha()
    )


def read_text(path: str | os.PathLike) -> str:
    """A text file's text (see :func:`decode`).  Raises :class:`UnreadableFile`."""
    text = decode(read_bytes(path))
    if not text.strip():
        raise UnreadableFile("empty file")
    return text


def read_source(path: str | os.PathLike) -> str:
    """A file's text as its reader decoded it: a web page by the charset it
    declares (what ``--raw`` shows), any other file as :func:`read_text`."""
    if kind(os.fspath(path)) == "html":
        return decode_page(read_bytes(path))
    return read_text(path)


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            # /dev/zero or a pipe would be read until memory ran out.
            raise UnreadableFile("not a regular file (a device, a pipe or a socket)")
        size = st.st_size
        if size > MAX_BYTES:
            mb = size // (1024 * 1024)
            low = os.fspath(path).lower()
            if low.endswith(".json"):
                raise UnreadableFile(f"too large ({mb} MB; JSON lists up to {MAX_BYTES >> 20} MB are read, JSON Lines "
                                     "of any size): `jq -c '.[]' FILE > FILE.jsonl` makes it JSON Lines")
            if kind(low) == "records":
                raise UnreadableFile(f"too large ({mb} MB; files up to {MAX_BYTES >> 20} MB are read, JSON Lines of "
                                     "any size): split it, or save it as JSON Lines")
            raise UnreadableFile(f"too large ({mb} MB)")
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise UnreadableFile("vanished while reading") from exc
    except PermissionError as exc:
        raise UnreadableFile("permission denied") from exc
    except IsADirectoryError as exc:
        raise UnreadableFile("is a directory") from exc
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from exc
    if not data.strip():
        raise UnreadableFile("empty file")
    return data


def read_part(path: str, start: int, end: int) -> bytes:
    """The bytes [start, end) of a file read in parts.  Raises :class:`UnreadableFile`."""
    try:
        with open(path, "rb") as fh:
            fh.seek(start)
            return fh.read(end - start)
    except FileNotFoundError as exc:
        raise UnreadableFile("vanished while reading") from exc
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from exc


def read_record(path: str, offset: int, length: int) -> str:
    """One record of a file read in parts, as the file holds it."""
    data = read_part(path, offset, offset + length)
    if len(data) < length:
        raise UnreadableFile("the file is shorter than when it was read")
    return decode(data)


_DECLARED = lazy(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{2,40})""", re.IGNORECASE)
_XML_DECLARED = lazy(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{2,40})""")


def decode_page(data: bytes) -> str:
    """A page's text: its byte order mark, else the charset it declares, else
    what :func:`decode` finds."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    head = data[:4096]
    m = _DECLARED.search(head) or _XML_DECLARED.search(head)
    if m:
        try:
            name = codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            name = None
        if name is not None and not name.startswith("utf-16"):  # (a page saved as UTF-8 says UTF-16 often)
            # Browsers read "latin-1" and "ascii" as cp1252: so do we.
            if name in ("latin-1", "iso8859-1", "ascii"):
                name = "cp1252"
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                pass  # the declaration is wrong: detect
    return decode(data)
