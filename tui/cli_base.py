"""What the commands share: one-line errors, the index cache, loading a
corpus with a progress bar, and JSON output.  Uses the core alone."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence

from .core.article import printable
from .core.loader import Corpus, bundled_seeds

TYPE_CHECKING = False  # (typing itself is not imported: a one-shot command's milliseconds)
if TYPE_CHECKING:
    import argparse

    from rich.progress import Progress, TaskID

EXIT_USAGE = 2
COMMANDS = ("list", "show", "search", "entities", "export", "index")


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def warn(msg: str) -> None:
    if sys.stderr is not None:
        try:
            print("byline: " + "\n".join(map(printable, msg.split("\n"))), file=sys.stderr)
        except (OSError, ValueError):  # stderr gone too: the exit code still says it
            pass


def corpus_paths(paths: Sequence[str]) -> list[str]:
    return list(paths) if paths else [str(bundled_seeds())]


opened_caches: list = []  # caches to close on the way out


def open_cache(args: argparse.Namespace):
    """The on-disk index the options ask for, or None (--no-cache, or it can't be opened).
    Closed when the command ends: the last connection to close checkpoints
    the WAL, which a process that just exits leaves for the next to read."""
    if getattr(args, "no_cache", False):
        return None
    from .core.cache import Cache, CacheError

    try:
        cache = Cache(getattr(args, "cache_dir", None), warn=warn, one_shot=True)
    except (CacheError, OSError) as exc:
        warn(f"working without the index cache: {exc}")
        return None
    opened_caches.append(cache)
    return cache


# What each step of loading is called on the progress bar (see load_corpus).
_STEPS = {"census": "scanning files for hyphens", "reading": "reading files"}


class _Progress:
    """A rich progress bar on stderr while files are read, only on a terminal.

    ``then``: what comes after the last file (name finding and indexing, tens
    of seconds for 100,000 articles), shown as its own line with a pulsing
    bar, so a full bar never sits there looking stuck.
    """

    def __init__(self, then: str | None = None) -> None:
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.step = ""
        self.then = then

    def __call__(self, done: int, total: int, step: str = "reading") -> None:
        bar, task = self.bar, self.task
        if bar is None or task is None or step != self.step:
            if total < 200 or not sys.stderr.isatty():
                return
            if bar is None:
                from rich.console import Console
                from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

                bar = self.bar = Progress(
                    SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[count]}"),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True, refresh_per_second=4,
                )
                bar.start()
            if task is not None:
                bar.update(task, visible=False)
            self.step = step
            task = self.task = bar.add_task(_STEPS.get(step, step), total=total, completed=done,
                                            count=f"{done:,}/{total:,}")
            bar.refresh()  # a step shown at once, however soon it ends
        else:
            bar.update(task, completed=done, count=f"{done:,}/{total:,}")
        if done == total and step == "reading" and self.then:
            bar.update(task, visible=False)
            bar.add_task(self.then, total=None, count="")  # (no total: the bar pulses)
            bar.refresh()  # at once, not at the next tick
            self.then = None

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _check_paths(paths: list[str]) -> None:
    missing = [p for p in paths if not os.path.exists(p)]
    if missing and len(missing) == len(paths):
        raise CliError(f"no such file or directory: {missing[0]}")


def load(args: argparse.Namespace) -> Corpus:
    """Load a corpus for a command that needs no names; exits with 2 if
    nothing is readable.  A corpus the cache indexed as its files are now is
    listed without reading any article back (texts are fetched as used)."""
    from .core.library import open_library

    paths = corpus_paths(args.paths)
    _check_paths(paths)
    got: list[Corpus] = []
    progress = _Progress()
    try:
        # (a few changed files: read beside the index's listing, not every file back)
        open_library(paths, open_cache(args), on_skip=lambda s: warn(str(s)), on_progress=progress,
                     on_listed=got.append, index=False, trust_folders=not getattr(args, "refresh", False),
                     overlay=_overlay_finder(True))
    finally:
        progress.close()
    return _nonempty(got[0], paths)


def _nonempty(corpus: Corpus, paths: list[str]) -> Corpus:
    if not corpus.articles:
        raise CliError(f"no readable article in {' '.join(paths)}")
    return corpus


def load_library(args: argparse.Namespace, overlay: bool = False, lean: bool = False):
    """Load and index a corpus (entities and search), through the cache.
    ``overlay``: files changed since the corpus was indexed whole may be
    indexed apart (see :mod:`tui.core.overlay`); ``byline index`` says no.
    ``lean``: texts read afresh are kept in the cache, not in memory (see
    :func:`tui.core.library.open_library`)."""
    from .core.library import build_library

    paths = corpus_paths(args.paths)
    _check_paths(paths)
    progress = _Progress(then="finding names and indexing")
    try:
        lib = build_library(paths, on_skip=lambda s: warn(str(s)), on_progress=progress, cache=open_cache(args),
                            trust_folders=not getattr(args, "refresh", False),
                            overlay=_overlay_finder(overlay), lean=lean)
    finally:
        progress.close()
    _nonempty(lib.corpus, paths)
    return lib


def styled_stdout() -> bool:
    """Whether output is styled: rich's own decision (a terminal, or
    TTY_COMPATIBLE / FORCE_COLOR asking for it), made without importing rich,
    which takes a one-shot command longer than its search does.  Plain
    output is then written as is (cleaned text holds no control characters)."""
    env = os.environ
    asked = env.get("TTY_COMPATIBLE", "")
    if asked in ("0", "1"):
        return asked == "1"
    if "FORCE_COLOR" in env:
        return env["FORCE_COLOR"] != ""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or it was closed
        return False


def _overlay_finder(wanted: bool):
    """What :func:`tui.core.library.open_library` takes as ``overlay``."""
    if not wanted:
        return None
    from .core.overlay import overlaid

    return overlaid


def rich_console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def print_json(obj) -> None:
    sys.stdout.write(to_json(obj, indent=2))
    sys.stdout.write("\n")


_LONE_SURROGATE = None


def to_json(obj, indent: int | None = None) -> str:
    """``obj`` as JSON for output: UTF-8 as written, odd bytes escaped (see :func:`json_safe`)."""
    return json_safe(json.dumps(obj, ensure_ascii=False, indent=indent))


def json_safe(text: str) -> str:
    """JSON text with any lone surrogate (a byte of a file name or argument
    that is not UTF-8) written as its escape, so the output stays UTF-8 and
    a JSON reader gets the same string back."""
    if text.isascii():
        return text
    global _LONE_SURROGATE
    if _LONE_SURROGATE is None:
        import re

        _LONE_SURROGATE = re.compile("[\ud800-\udfff]")
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
