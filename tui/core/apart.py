"""Indexing a large corpus in a process of its own, for a session.

A session that indexes a corpus itself keeps what indexing grew: at a
million articles the app's process peaked at 4.4 GB and held 3.8 GB once
settled, though the same index opened by a later session takes 0.5 GB
(Python hands little of a heap it filled back to the system).  Indexed
apart, the work and its memory end with the process, which is what
``byline index`` does, and the session then opens the index as a later
session would.  Progress, the count of articles and the index cache's
warnings come back over a pipe.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .loader import Cancelled


def index_apart(
    paths: list[str],
    cache_dir: str,
    on_progress: Callable[..., None] | None = None,
    warn: Callable[[str], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> bool:
    """Index the corpus at ``paths`` into the index cache at ``cache_dir``
    in a process of its own; True once it has, False if it could not be
    started or failed (said through ``warn``: the caller then indexes
    itself, taking up what the process stored).  ``on_progress(done,
    total, step)`` as files are read ("census", "reading"), then
    ``(articles, articles, "names")`` once they are known.  ``stop``, asked
    ten times a second: the process is ended and :class:`Cancelled`
    raised (what it stored stays, for the next run to finish)."""
    import multiprocessing

    # (Spawned, not forked: a session has threads, and a fork copies the
    # session's memory, which is what this is to keep small.)
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    try:
        proc = ctx.Process(target=_index_here, args=(list(paths), cache_dir, send, os.getpid()),
                           name="byline-index", daemon=False)
        proc.start()
    except (OSError, ValueError, RuntimeError) as exc:
        if warn is not None:
            warn(f"indexing in a process of its own could not start ({exc}): indexing here")
        return False
    finally:
        send.close()  # (the child holds its own end: EOF here once it ends)
    finished = False
    failure = None
    try:
        while True:
            if stop is not None and stop():
                raise Cancelled
            if not receive.poll(0.1):
                if not proc.is_alive() and not receive.poll(0):
                    break
                continue
            try:
                message = receive.recv()
            except (EOFError, OSError):
                break
            kind = message[0]
            if kind == "progress" and on_progress is not None:
                on_progress(*message[1:])
            elif kind == "warn" and warn is not None:
                warn(message[1])
            elif kind == "done":
                finished = True
            elif kind == "failed":
                failure = message[1]
    except BaseException:
        proc.terminate()
        proc.join(5)
        raise
    finally:
        receive.close()
    proc.join()
    if finished and proc.exitcode == 0:
        return True
    if warn is not None:
        why = failure or f"it ended with code {proc.exitcode}"
        warn(f"indexing in a process of its own failed ({why}): indexing here")
    return False


def _index_here(paths: list[str], cache_dir: str, conn, parent: int) -> None:
    """The indexing process: ``byline index``'s work, reporting over ``conn``."""
    from .loader import _worker_start

    _worker_start(parent)  # (Ctrl+C is the session's; the process ends with it, however that ends)

    def send(*message) -> None:
        try:
            conn.send(message)
        except (OSError, ValueError):  # the session went away: the pipe is gone, the work goes on to be kept
            pass

    try:
        from .cache import Cache
        from .library import open_library

        cache = Cache(cache_dir, warn=lambda msg: send("warn", msg))
        try:
            open_library(paths, cache, on_progress=lambda done, total, step="reading": send("progress", done, total, step),
                         on_listed=lambda corpus: send("progress", len(corpus.articles), len(corpus.articles), "names"),
                         lean=True)
            cache.checkpoint()
        finally:
            cache.close()
    except Exception as exc:  # (any: said to the session, which indexes itself)
        send("failed", f"{type(exc).__name__}: {exc}")
        conn.close()
        os._exit(1)
    send("done")
    conn.close()
    # (without the interpreter's teardown of what indexing grew: seconds at a million articles)
    os._exit(0)
