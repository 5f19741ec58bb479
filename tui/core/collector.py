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
