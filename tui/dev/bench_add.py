"""Files added to an indexed corpus, then searched: whole processes, as a user runs them.

    python -m tui.dev.bench add PATH --into FOLDER --cache-dir DIR [--files N] [--runs R] [--pythonpath P]

PATH must be indexed in DIR already (``byline index PATH --cache-dir DIR``).
Each run writes N more articles into FOLDER (a folder of PATH), holding a
name no other article has, and times ``byline search`` for that name (the
first command to see the new files) and then for another ("Tony Blair"),
with each process's peak memory.  The benchmark's files
(``byline-bench-added-*.txt``) are removed at the end, and one more search
timed.  ``--pythonpath``: where the timed ``byline`` is imported from (to
time another version in turns with this one).

This writes into FOLDER: point it at a corpus made for benchmarks
(``python -m tui.dev.scale``), never at one of yours.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Invented names: no article of a benchmark corpus holds them.
_GIVEN = ["Hermione", "Zorblax", "Ottoline", "Barnaby", "Philippa", "Casimir", "Winifred", "Leopold"]
_SURNAMES = ["Blatterkorn", "Quintavalle", "Fenwhistle", "Oxenbridge", "Marchbanks", "Tillinghast", "Ravensworth",
             "Dunsmuir"]


def _timed(cmd: list[str], env: dict) -> tuple[float, int, int, str]:
    """Wall seconds, peak memory (KB), exit code and output of one process,
    run from a folder of its own."""
    # (from another folder: `python -m` run in a checkout imports the checkout
    # before PYTHONPATH, and --pythonpath would time this code, not the other)
    with tempfile.TemporaryDirectory(prefix="byline-bench-") as away:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=away)
        assert proc.stdout is not None
        out = proc.stdout.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return secs, usage.ru_maxrss, proc.returncode, out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench add")
    ap.add_argument("path")
    ap.add_argument("--into", required=True, help="a folder of PATH to write the new articles into")
    ap.add_argument("--cache-dir", required=True)
    ap.add_argument("--files", type=int, default=1, help="articles added a run")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--pythonpath", help="import the timed byline from here")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.into) or not os.path.realpath(args.into).startswith(os.path.realpath(args.path)):
        ap.error("--into must be a folder inside PATH")
    env = dict(os.environ)
    if args.pythonpath:
        env["PYTHONPATH"] = args.pythonpath
    byline = [sys.executable, "-m", "tui", "search"]
    tail = [os.path.abspath(args.path), "--cache-dir", os.path.abspath(args.cache_dir)]
    written: list[str] = []
    runs = []
    try:
        for r in range(args.runs):
            name = f"{_GIVEN[r % len(_GIVEN)]} {_SURNAMES[(r * 3 + 1) % len(_SURNAMES)]}"
            for k in range(args.files):
                path = os.path.join(args.into, f"byline-bench-added-{r:03d}-{k:04d}.txt")
                with open(path, "x", encoding="utf-8") as fh:
                    fh.write(f"{name} joins the board\n\n{name}, a former adviser, met Tony Blair in London on "
                             f"Monday, officials said. The board named {name.split()[-1]} its chair.\n")
                written.append(path)
            secs, kb, code, out = _timed([*byline, name, *tail], env)
            next_secs, next_kb, _, _ = _timed([*byline, "Tony Blair", *tail], env)
            runs.append({"added": len(written), "search_s": round(secs, 2), "peak_mb": round(kb / 1024),
                         "found": code == 0 and name in out, "next_search_s": round(next_secs, 2),
                         "next_peak_mb": round(next_kb / 1024)})
    finally:
        for path in written:
            os.remove(path)
    after = _timed([*byline, "Tony Blair", *tail], env)
    result = {
        "path": args.path,
        "runs": runs,
        "median_search_s": round(statistics.median(r["search_s"] for r in runs), 2) if runs else None,
        "removed_then_search_s": round(after[0], 2),
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
