"""The entity panel's work, at a corpus's size: filtering names as they are
typed, and counting the listed names' hits.

    python -m tui.dev.bench panel [PATH ...] --cache-dir DIR [--rows 70]

Opens the library as the app does (warm it first with ``python -m tui.dev.bench
PATH --cache-dir DIR``), readies it as the app does once started, then:

- builds the panel's name filter from the search index's keys (once, as the
  first filter keystroke does);
- types each of a few names letter by letter, timing every keystroke's
  filter (p50, p95, max), alone and again while the listed rows are being
  counted in another thread, as they are in the app;
- counts the hits of the names the panel lists first (``--rows``: the rows
  in view and a page more, at 36 lines), as the panel does: seconds in
  all, and per name.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time

TYPED = ["tony blair", "gordn brown", "wenger arsene", "carie", "deutsche bank", "mourinho"]


def _stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"keystrokes": len(ms), "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(ms[max(0, int(len(ms) * 0.95) - 1)], 2), "max_ms": round(ms[-1], 2)}


def main(argv: list[str] | None = None) -> int:
    from ..app.entity_panel import MAX_SHOWN
    from ..app.screen import hit_count
    from ..core.cache import Cache
    from ..core.library import open_library
    from ..core.loader import bundled_seeds
    from ..core.namefilter import NameFilter

    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench panel")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--cache-dir", required=True)
    ap.add_argument("--rows", type=int, default=70, help="names counted, from the top (two pages of the panel)")
    args = ap.parse_args(argv)
    paths = args.paths or [str(bundled_seeds())]
    lib = open_library(paths, Cache(args.cache_dir))
    assert lib is not None, "no articles"
    lib.index.warm()
    lib.preload()
    entities = lib.entities.entities
    index = lib.index

    t = time.perf_counter()
    flt = NameFilter.from_search_keys(entities, index.ents_by_key, index.ents_by_sorted)
    build_s = time.perf_counter() - t
    filters = [flt]

    def type_all() -> list[float]:
        ms = []
        flt = filters[-1]
        for name in TYPED:
            for n in range(1, len(name) + 1):
                t = time.perf_counter()
                flt(name[:n], MAX_SHOWN)
                ms.append((time.perf_counter() - t) * 1000)
        return ms

    alone = type_all()

    top = [e.name for e in entities[: args.rows]]
    per_name: list[float] = []

    def count_all() -> None:
        for name in top:
            t = time.perf_counter()
            hit_count(lib, name)
            per_name.append((time.perf_counter() - t) * 1000)

    t = time.perf_counter()
    count_all()
    count_s = time.perf_counter() - t

    per_name_once = list(per_name)
    per_name.clear()
    # A new filter, as if not typed before (the filter keeps the typed words' near ones).
    filters.append(NameFilter.from_search_keys(entities, index.ents_by_key, index.ents_by_sorted))
    counter = threading.Thread(target=count_all)
    counter.start()
    beside = type_all()
    counter.join()

    out = {
        "paths": paths,
        "articles": len(lib.articles),
        "names": len(entities),
        "filter_build_s": round(build_s, 3),
        "keystroke_alone": _stats(alone),
        "keystroke_while_counting": _stats(beside),
        "rows_counted": len(top),
        "count_rows_s": round(count_s, 3),
        "count_per_name": {k: v for k, v in _stats(per_name_once).items() if k != "keystrokes"},
    }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
