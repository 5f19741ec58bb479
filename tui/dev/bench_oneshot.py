"""A warm one-shot ``byline search``: the whole process, as a user runs it.

    python -m tui.dev.bench oneshot PATH [PATH ...] --cache-dir DIR [--runs N] [--refresh] [--fzf] [--text [--all]]

Runs ``python -m tui search QUERY PATH --cache-dir DIR --json`` (with
``--text``, without ``--json``: the plain lines a pipe gets, its first 50
hits; with ``--all`` too, every hit, counted) for every
query of the benchmark's list (:data:`tui.dev.queries.QUERIES`), after one
untimed run that fills the cache if it is cold, and reports the wall time
of each process: median, 95th percentile and slowest, with the slowest
queries named.  ``--refresh`` makes every run look at every file (not only
the folders' times); ``--fzf`` times ``fzf --filter`` over the same
articles' lines (non-blank lines of every file, in one file), if fzf is
installed, each query right after Byline's, and gives the median of
Byline's time over fzf's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

from .queries import QUERIES


def _run(cmd: list[str], stdin=None) -> tuple[float, int]:
    t = time.perf_counter()
    r = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, r.returncode


def _summary(times: dict[str, float]) -> dict:
    secs = sorted(times.values())
    return {
        "median_s": round(statistics.median(secs), 3),
        "p95_s": round(secs[max(0, int(len(secs) * 0.95) - 1)], 3),
        "max_s": round(secs[-1], 3),
        "slowest": [[q, round(s, 3)] for q, s in sorted(times.items(), key=lambda kv: -kv[1])[:5]],
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench oneshot")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--cache-dir", required=True)
    ap.add_argument("--runs", type=int, default=1, help="runs of the query list (each query's fastest run counts)")
    ap.add_argument("--refresh", action="store_true", help="look at every file each run")
    ap.add_argument("--fzf", action="store_true", help="also time fzf --filter over the articles' lines")
    ap.add_argument("--text", action="store_true", help="time the text output (piped) instead of JSON")
    ap.add_argument("--all", action="store_true", help="with --text: every hit, counted (the whole answer made)")
    args = ap.parse_args(argv)
    base = [sys.executable, "-m", "tui", "search"]
    output = (["--all"] if args.all else []) if args.text else ["--json"]
    tail = [*args.paths, "--cache-dir", args.cache_dir, *output, *(["--refresh"] if args.refresh else [])]
    t0 = time.perf_counter()
    _run([*base, "warm-up", *tail])
    first = time.perf_counter() - t0
    fzf = shutil.which("fzf") if args.fzf else None
    lines = os.path.join(args.cache_dir, "fzf-lines.txt")
    if fzf is not None:
        with open(lines, "w", encoding="utf-8", errors="replace") as fh:
            for root in args.paths:
                for folder, _dirs, files in os.walk(root):
                    for name in sorted(files):
                        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as src:
                            fh.writelines(line for line in src if line.strip())
    best: dict[str, float] = {}
    fzf_best: dict[str, float] = {}
    for _ in range(args.runs):
        for q in QUERIES:
            secs, _code = _run([*base, q, *tail])
            best[q] = min(secs, best.get(q, secs))
            if fzf is not None:  # in turns, query by query: the machine's speed drifts
                with open(lines, "rb") as fh:
                    secs = _run([fzf, "--filter", q], stdin=fh)[0]
                fzf_best[q] = min(secs, fzf_best.get(q, secs))
    out = {"paths": args.paths, "output": ("text, all" if args.all else "text") if args.text else "json", "queries": len(QUERIES), "first_run_s": round(first, 2), **_summary(best)}
    if args.fzf:
        if fzf is None:
            out["fzf"] = "not installed"
        else:
            out["fzf"] = _summary(fzf_best)
            out["median_of_fzf"] = round(statistics.median(best[q] / fzf_best[q] for q in QUERIES), 2)
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
