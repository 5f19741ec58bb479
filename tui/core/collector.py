"""Python's cyclic garbage collector, paused while big acyclic structures
are built or searched: it would walk every article, candidate and hit again
and again (it cost a third of name finding's time on the BBC corpus, and up
to a third of a big query).

The pause is the process's, so it is counted: the collector is switched
back on when the last of the pauses running at once ends (the app loads in
one thread while it searches in another), and only if it was on before the
first.  What lives on is left to the program to freeze (``gc.freeze``),
from its main thread: the app does once its corpus is ready.
"""

from __future__ import annotations

import _thread
import gc
from contextlib import contextmanager

_lock = _thread.allocate_lock()
_pauses = 0
_was_on = False


@contextmanager
def paused_gc():
    global _pauses, _was_on
    with _lock:
        if _pauses == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_on:
                gc.enable()


def give_back() -> None:
    """Hand the memory freed so far back to the system, where the C library
    allows (glibc's ``malloc_trim``; elsewhere nothing).  A big structure
    freed piece by piece (a million articles' word postings, once packed;
    their name candidates, once read) leaves its pages with the allocator,
    where later phases, whose big arrays are mapped afresh, never use them:
    the process's memory would stay at its high-water mark."""
    global _trim
    if _trim is None:
        _trim = _malloc_trim()
    _trim()


_trim = None


def _malloc_trim():
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (ImportError, OSError, AttributeError):
        return lambda: None
    return lambda: trim(0)
