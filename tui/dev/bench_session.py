"""The app as a session uses it, at a corpus's size: how soon it shows the
list, how long until it is ready, how fast its searches are, and how much
memory it holds after a round of use.

    python -m tui.dev.bench session [PATH ...] --cache-dir DIR [--rounds 1]

Runs the app headless (120×36) in this fresh process, on a warm index (make
it first with ``byline index PATH --cache-dir DIR``), and measures:

- ``first_screen_s``: from before Textual is imported until the sidebar lists
  the articles; ``ready_s``: until the names are loaded and searchable;
  ``settled_s``: until the app's background readying ends (or ``--wait``);
- each of the benchmark's queries, searched as the find bar does: its first
  answer (``first_ms``; in a corpus too large to hold, the first
  ``FIRST_HITS`` hits from the names' mentions and the first ``FIRST_SCAN``
  articles' texts; else the whole answer at once), then, where that was partial,
  the whole answer (``query_ms``: first and whole together, as the user
  waits for the last hit), p50, p95 and max in ms; each followed by opening
  its first hit's article in the reader; then the entity panel opened and
  the names listed;
- resident memory (``rss_mb``, read from /proc) at each step, and the peak.

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time


def _rss_mb() -> float:
    """Resident memory now (Linux), or the peak where /proc is not there."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _spread(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    return {"p50": round(statistics.median(ms), 1), "p95": round(ms[max(0, int(len(ms) * 0.95) - 1)], 1),
            "max": round(ms[-1], 1)}


def main(argv: list[str] | None = None) -> int:
    t0 = time.perf_counter()
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench session")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--cache-dir", required=True)
    ap.add_argument("--rounds", type=int, default=1, help="times the query list is searched")
    ap.add_argument("--wait", type=float, default=600.0, help="seconds to wait for the app to settle")
    args = ap.parse_args(argv)
    out = run(args.paths, args.cache_dir, args.rounds, args.wait, t0)
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def run(paths: list[str], cache_dir: str, rounds: int, wait: float, t0: float) -> dict:
    import asyncio

    from ..app.app import BylineApp
    from ..app.screen import MAX_HITS, first_answer
    from ..core.loader import bundled_seeds
    from .queries import QUERIES

    paths = paths or [str(bundled_seeds())]
    out: dict = {"paths": paths}

    async def session() -> None:
        app = BylineApp(paths, cache_dir=cache_dir, use_cache=True)
        async with app.run_test(size=(120, 36)) as pilot:
            while app.screen.__class__.__name__ != "MainScreen":
                await pilot.pause(0.01)
            screen = app.screen
            while screen.sidebar.option_count == 0:  # type: ignore[attr-defined]
                await pilot.pause(0.01)
            out["first_screen_s"] = round(time.perf_counter() - t0, 3)
            out["first_screen_rss_mb"] = round(_rss_mb(), 1)
            while screen.library is None:  # type: ignore[attr-defined]
                await pilot.pause(0.05)
            out["ready_s"] = round(time.perf_counter() - t0, 3)
            lib = screen.library  # type: ignore[attr-defined]
            out["articles"] = len(lib.articles)
            out["names"] = len(lib.entities)
            deadline = time.perf_counter() + wait
            while not screen.settled and time.perf_counter() < deadline:  # type: ignore[attr-defined]
                await pilot.pause(0.1)
            out["settled_s"] = round(time.perf_counter() - t0, 3) if screen.settled else None  # type: ignore[attr-defined]
            out["settled_rss_mb"] = round(_rss_mb(), 1)
            ms, first_ms = [], []
            partial = 0
            for _ in range(rounds):
                for q in QUERIES:
                    t = time.perf_counter()
                    result = first_answer(lib, q)
                    first_ms.append((time.perf_counter() - t) * 1000)
                    if result.partial:
                        partial += 1
                        result = lib.search(q, max_hits=MAX_HITS)
                    ms.append((time.perf_counter() - t) * 1000)
                    if result.hits:
                        screen.open_article(result.hits[0].article)  # type: ignore[attr-defined]
                        await pilot.pause()
            out["queries"] = len(ms)
            out["partial_first"] = partial
            out["first_ms"] = _spread(first_ms)
            out["query_ms"] = _spread(ms)
            out["after_queries_rss_mb"] = round(_rss_mb(), 1)
            t = time.perf_counter()
            await pilot.press("e")
            panel = screen.entity_panel  # type: ignore[attr-defined]
            while not panel.shown:
                await pilot.pause(0.05)
            out["panel_s"] = round(time.perf_counter() - t, 3)
            await pilot.pause(1.0)
            out["after_panel_rss_mb"] = round(_rss_mb(), 1)

    asyncio.run(session())
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


if __name__ == "__main__":
    sys.exit(main())
