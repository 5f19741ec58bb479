"""How soon the app shows its first frame, from the moment its process starts.

    python -m tui.dev.bench frame [PATH ...] [--runs N] [--cache-dir D] [--size 120x36]

Starts ``python -m tui PATH ...`` in a pseudo-terminal, as a terminal would,
and reads what it writes.  Two moments are timed from just before the process
is started:

- ``first_frame_s``: the header's title is on the screen, so the user sees
  the app (its list may still be loading);
- ``listed_s``: the sidebar's top line says how many articles it lists.

The app asks the terminal about itself at start-up (synchronized output, the
in-band resize); this terminal answers nothing, as many terminals do, and the
app must not wait for an answer.  One untimed run comes first, so that
Python's compiled modules are written as an installed package has them.  Prints one JSON object with every run and
the median of each moment.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time

_ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# The sidebar's top line once articles are listed: "15 articles", "1 of 15 · …".
_LISTED = re.compile(r"\b\d[\d,]* articles?\b")


def plain(raw: bytes) -> str:
    """What was written, escapes removed, as text (a rough screen, good enough to spot words)."""
    return _ESCAPE.sub(b"", raw).decode("utf-8", "replace")


def read_chunk(fd: int, wait: float) -> bytes | None:
    """What the terminal's other side wrote within ``wait`` seconds: None if
    nothing yet, empty bytes once it has closed."""
    if not select.select([fd], [], [], wait)[0]:
        return None
    try:
        return os.read(fd, 1 << 16)
    except OSError:  # (Linux's way of saying the other side has gone)
        return b""


def time_once(argv: list[str], size: tuple[int, int], title: str, timeout: float, env: dict[str, str]) -> dict:
    cols, rows = size
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size its terminal, as a real one is sized before the app starts, and become the app
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    raw = b""
    first = listed = None
    try:
        while time.perf_counter() - start < timeout and listed is None:
            chunk = read_chunk(fd, 0.02)
            if chunk is None:
                continue
            if not chunk:
                break
            raw += chunk
            now = time.perf_counter() - start
            text = plain(raw)
            if first is None and title in text:
                first = now
            if first is not None and _LISTED.search(text):
                listed = now
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if first is None:
        tail = plain(raw)[-400:]
        raise SystemExit(f"no frame with {title!r} within {timeout:g} s; last output: {tail!r}")
    return {"first_frame_s": round(first, 3), "listed_s": None if listed is None else round(listed, 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench frame")
    ap.add_argument("paths", nargs="*", help="corpus paths (default: the bundled seeds)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cache-dir", help="the index cache to use (run once first for a warm start)")
    ap.add_argument("--size", default="120x36", help="terminal columns x rows")
    ap.add_argument("--title", default="Byline", help="text whose appearance counts as the first frame")
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args(argv)
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    command = [sys.executable, "-m", "tui", *args.paths]
    if args.cache_dir:
        command += ["--cache-dir", args.cache_dir]
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    # As installed, Python's compiled modules are on disk: let the first,
    # untimed run write them if this environment said not to.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    time_once(command, (cols, rows), args.title, args.timeout, env)
    runs = [time_once(command, (cols, rows), args.title, args.timeout, env) for _ in range(args.runs)]
    firsts = [r["first_frame_s"] for r in runs]
    listed = [r["listed_s"] for r in runs if r["listed_s"] is not None]
    out = {
        "command": command,
        "size": f"{cols}x{rows}",
        "first_frame_s_median": round(statistics.median(firsts), 3),
        "listed_s_median": round(statistics.median(listed), 3) if listed else None,
        "runs": runs,
    }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
