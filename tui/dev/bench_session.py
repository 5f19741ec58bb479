"""The app as a session uses it, at a corpus's size: how soon it shows the
list, how long until it is ready, how fast its searches are, and how much
memory it holds after a round of use.

    python -m tui.dev.bench session [PATH ...] --cache-dir DIR [--rounds 1] [--use N]

Runs the app headless (120×36) in this fresh process, on a warm index (make
it first with ``byline index PATH --cache-dir DIR``; on an empty DIR, the
app indexes the corpus first, as a user's first session does), and measures:

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
- with ``--use N``, a long stretch of use after that: N more searches for
  the corpus's own names (drawn at random, seeded, most often among the
  most mentioned, one in three with two letters swapped, one in five in
  lower case), each searched through the screen as a name chosen in the
  palette is (the find bar's worker; ``use_query_ms``: until the whole
  answer is on screen, read every 5 ms), then three more hits stepped to,
  and every 25th followed by the entity panel filtered by the name's
  first letters; memory read every 100 searches (``use_rss_mb``);
- resident memory (``rss_mb``, read from /proc) at each step, and the peak;
  ``peak_child_rss_mb``: the largest process it started (a first session's
  indexing process, for a large corpus).

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
    ap.add_argument("--use", type=int, default=0, metavar="N", help="then N searches for the corpus's own names")
    args = ap.parse_args(argv)
    out = run(args.paths, args.cache_dir, args.rounds, args.wait, t0, args.use)
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def _use_queries(entities, n: int, seed: int = 21) -> list[str]:
    """``n`` names of the corpus as people would search for them (see the
    module's text): the most mentioned more often, some misspelt or in
    lower case."""
    import random

    rng = random.Random(seed)
    ents = entities.entities
    out = []
    for k in range(n):
        at = int(len(ents) * rng.random() ** 3)  # (a third of the draws among the top 4%)
        name = ents.names(at)[0] if hasattr(ents, "names") else ents[at].name
        if k % 3 == 1 and len(name) >= 5:
            i = rng.randrange(1, len(name) - 2)
            name = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        if k % 5 == 2:
            name = name.lower()
        out.append(name)
    return out


def run(paths: list[str], cache_dir: str, rounds: int, wait: float, t0: float, use: int = 0) -> dict:
    import asyncio

    from ..app.app import BylineApp, start_process_support
    from ..app.screen import MAX_HITS, first_answer
    from ..core.loader import bundled_seeds
    from .queries import QUERIES

    paths = paths or [str(bundled_seeds())]
    out: dict = {"paths": paths}

    # As `byline` starts the app: a corpus it indexes is read by worker
    # processes (without this, in this process alone).
    start_process_support()

    async def session() -> None:
        app = BylineApp(paths, cache_dir=cache_dir, use_cache=True)
        async with app.run_test(size=(120, 36)) as pilot:
            while app.screen.__class__.__name__ != "MainScreen":
                await pilot.pause(0.01)
            screen = app.screen
            while screen.sidebar.option_count == 0:  # type: ignore[attr-defined]
                # (every 10 ms for the first seconds, then every 100: each look
                # waits on the screen, a fifth of a core through a first
                # session's twenty minutes of indexing)
                await pilot.pause(0.01 if time.perf_counter() - t0 < 5 else 0.1)
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
            if use:
                await long_use(pilot, screen, lib)

    async def long_use(pilot, screen, lib) -> None:
        """Searches typed as a user types them, through the screen: the
        find bar's worker answers, the reader shows the hits, the keys step
        through them."""
        from textual.widgets import Input

        from ..core.search import too_short

        panel = screen.entity_panel
        if panel.is_open:
            panel.close()
        ms, curve, unanswered = [], [], 0
        t_use = time.perf_counter()
        for k, q in enumerate(_use_queries(lib.entities, use), 1):
            t = time.perf_counter()
            screen.find(q, whole=False)
            answered = too_short(q)
            while not answered and time.perf_counter() - t < 30:
                await pilot.pause(0.005)
                r = screen.nav.result
                answered = r is not None and r.query == q and not r.partial
            ms.append((time.perf_counter() - t) * 1000)
            unanswered += not answered
            for _ in range(3):
                screen.action_next_hit()
                await pilot.pause()
            if k % 25 == 0:
                panel.open()
                await pilot.pause(0.2)
                panel.query_one("#entity-filter", Input).value = q[:3]
                await pilot.pause(0.5)
                panel.close()
            if k % 100 == 0 or k == use:
                curve.append([k, round(_rss_mb(), 1)])
        out["use_queries"] = use
        out["use_unanswered"] = unanswered
        out["use_s"] = round(time.perf_counter() - t_use, 1)
        out["use_query_ms"] = _spread(ms)
        out["use_rss_mb"] = curve

    asyncio.run(session())
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    # (the largest process the session started and saw end: a first session's indexing process)
    out["peak_child_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    return out


if __name__ == "__main__":
    sys.exit(main())
