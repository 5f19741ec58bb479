"""Cold indexing as `byline index` does it, phase by phase: time, and the
main process's memory sampled every 0.05 s (its peak in each phase).

    python -m tui.dev.bench index PATH --cache-dir D [--again]

D is emptied first.  With ``--again``, D is kept and only the corpus's
stored names and postings are dropped: names are then found again over
the files D holds, as when more files changed than an overlay takes, or
a run interrupted is resumed.  The phases are read off the library's own steps
(reading, cleaning and scanning the files; packing the word postings;
finding names; the search index; storing), so the numbers say where a
big corpus's peak is.  Linux only (it reads /proc/self/statm).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import threading
import time
from contextlib import contextmanager


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


class _Phases:
    """The phase running now, and each phase's seconds and peak memory."""

    def __init__(self) -> None:
        self.now = "reading"
        self.peak: dict[str, float] = {}
        self.seconds: dict[str, float] = {}
        self.started = time.perf_counter()
        self._stop = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            rss, now = _rss_mb(), self.now
            self.peak[now] = max(self.peak.get(now, 0.0), rss)
            time.sleep(0.05)

    @contextmanager
    def phase(self, name: str):
        was, t0 = self.now, time.perf_counter()
        self.seconds[was] = self.seconds.get(was, 0.0) + t0 - self.started
        self.now = name
        self._note(name)  # (a phase shorter than a sample still has its memory)
        try:
            yield
        finally:
            self._note(name)
            t1 = time.perf_counter()
            self.seconds[name] = self.seconds.get(name, 0.0) + t1 - t0
            self.now, self.started = was, t1

    def _note(self, name: str) -> None:
        self.peak[name] = max(self.peak.get(name, 0.0), _rss_mb())

    def stop(self) -> None:
        self.seconds[self.now] = self.seconds.get(self.now, 0.0) + time.perf_counter() - self.started
        self._stop.set()


def _timed(obj, attr: str, phases: _Phases, name: str) -> None:
    """``obj.attr`` run as phase ``name``."""
    f = getattr(obj, attr)

    def run(*args, **kwargs):
        with phases.phase(name):
            return f(*args, **kwargs)

    setattr(obj, attr, run)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench index")
    ap.add_argument("path")
    ap.add_argument("--cache-dir", required=True, help="emptied, then filled")
    ap.add_argument("--again", action="store_true", help="keep the files D holds; find names again over them")
    args = ap.parse_args(argv)
    from ..core import cache as cache_mod, entities, library

    if args.again:
        key = cache_mod.corpus_key([args.path])
        held = cache_mod.Cache(args.cache_dir)
        for k in (key, library.overlay_key(key)):
            held.drop_corpus(k)
        held.close()
    else:
        shutil.rmtree(args.cache_dir, ignore_errors=True)

    phases = _Phases()
    _timed(cache_mod.HeldPostings, "of", phases, "packing postings")
    _timed(entities, "extract", phases, "finding names")  # (imported by the library when used)
    _timed(library, "SearchIndex", phases, "search index")
    _timed(cache_mod.Cache, "store_corpus", phases, "storing")
    t0 = time.perf_counter()
    lib = library.build_library([args.path], cache=cache_mod.Cache(args.cache_dir), lean=True)
    total = time.perf_counter() - t0
    phases.stop()
    time.sleep(0.1)
    json.dump({
        "articles": len(lib.corpus.articles),
        "seconds": round(total, 1),
        "phases": {name: {"seconds": round(phases.seconds.get(name, 0.0), 1), "peak_mb": round(mb)}
                   for name, mb in phases.peak.items()},
        "peak_mb": round(max(phases.peak.values())),
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0
