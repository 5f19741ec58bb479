"""How a JSON Lines export too large to read whole is read: in parts, by
worker processes, none of which holds more than a part of the file.

    python -m tui.dev.scale /tmp/export --jsonl --copies 400    (about 2 GB)
    python -m tui.dev.bench export /tmp/export/export.jsonl [--workers N] [--names]

Reads and cleans every record (with ``--names``, also finds each article's
name candidates, as indexing does), and prints one JSON object: the file's
size, its parts, the articles, the seconds taken, and the peak memory of
this process (which holds every article, as any corpus is held) and of the
largest worker process (its high-water mark, read from /proc every 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time


def _descendants(pid: int) -> list[int]:
    out = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                with open(f"/proc/{p}/task/{t}/children") as fh:
                    kids = [int(k) for k in fh.read().split()]
            except OSError:
                continue
            out += kids
            todo += kids
    return out


def _high_water_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class _WorkerPeak(threading.Thread):
    """The largest high-water mark of any process under this one."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.done.wait(0.05):
            for pid in _descendants(me):
                self.peak = max(self.peak, _high_water_mb(pid))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench export", description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--names", action="store_true", help="also find name candidates")
    args = ap.parse_args(argv)
    from ..core.loader import find_files, load_corpus, split_key

    started = time.perf_counter()
    found = find_files([args.file], on_skip=lambda s: print(s, file=sys.stderr))
    cut = time.perf_counter() - started
    parts = sum(split_key(f)[1] is not None for f in found.files)
    watch = _WorkerPeak()
    watch.start()
    skipped: list = []
    corpus = load_corpus([args.file], on_skip=skipped.append, scan=args.names, workers=args.workers, found=found)
    seconds = time.perf_counter() - started
    watch.done.set()
    watch.join()
    size = os.path.getsize(args.file)
    json.dump({
        "file_mb": round(size / 1e6),
        "parts": parts,
        "articles": len(corpus.articles),
        "skipped": len(skipped),
        "cutting_s": round(cut, 3),
        "seconds": round(seconds, 1),
        "mb_per_s": round(size / 1e6 / seconds, 1),
        "main_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_mb": round(watch.peak),
    }, sys.stdout, indent=1)
    print()
    return 0
