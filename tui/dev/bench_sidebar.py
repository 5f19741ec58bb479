"""The sidebar's order while a search is on, as the interface's thread
makes it for each answer: the articles with hits first, then the rest.

    python -m tui.dev.bench sidebar [--articles N] [--hits K] [--runs R]

Times, in milliseconds (best of R), making the order as the app does
(:class:`tui.core.navigation.HitsFirst`: the hit article's row, and the
rows of a screenful at the end of the list) beside listing the N
articles in that order with a dict of their rows, as a list-backed
sidebar would need.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench sidebar")
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--hits", type=int, default=5_000, help="articles with hits")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    from ..core.navigation import HitsFirst

    n = args.articles
    hits = random.Random(1).sample(range(n), min(args.hits, n))

    def worked_out() -> None:
        order = HitsFirst(hits, n)
        order.position(hits[0])
        [order[i] for i in range(max(0, n - 40), n)]

    def listed() -> None:
        seen = set(hits)
        order = hits + [a for a in range(n) if a not in seen]
        rows = dict(zip(order, range(len(order))))
        rows.get(hits[0])

    out: dict[str, object] = {"articles": n, "hits": len(hits)}
    for name, f in (("worked_out_ms", worked_out), ("listed_ms", listed)):
        best = float("inf")
        for _ in range(args.runs):
            t = time.perf_counter()
            f()
            best = min(best, time.perf_counter() - t)
        out[name] = round(best * 1000, 2)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0
