"""The Byline app: thin — it wires the main screen, styles and commands."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.await_complete import AwaitComplete
from textual.screen import Screen

from . import keys, settings
from .keys import key_label
from .commands import ArticleCommands, NameCommands, SafeCommandPalette
from .screen import MainScreen


class BylineApp(App[int]):
    CSS_PATH = "byline.tcss"
    TITLE = "Byline"
    COMMANDS = App.COMMANDS | {ArticleCommands, NameCommands}
    BINDINGS = keys.bindings("app")

    def __init__(self, paths: list[str], cache_dir: str | None = None, use_cache: bool = False) -> None:
        super().__init__()
        self.paths = paths
        self.cache_dir = cache_dir
        self.use_cache = use_cache

    def on_mount(self) -> None:
        theme = settings.load().get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._exit_on_signals()

    def get_default_screen(self) -> Screen:
        # The main screen is the app's first: no blank screen is laid out and drawn before it.
        return MainScreen(self.paths, self.cache_dir, self.use_cache)

    def _remember_theme(self, theme) -> None:
        problem = settings.save(theme=theme.name)
        if problem is not None:
            self.notify(f"The theme will not be remembered: {problem}", severity="warning", timeout=4, markup=False)

    def action_command_palette(self) -> None:
        # No fixed id (Textual's own gives "--command-palette"): a palette just
        # dismissed is still among the app's children until it is removed, and
        # ctrl+p pressed in that moment would clash with it (DuplicateIds).
        if self.use_command_palette and not any(isinstance(s, CommandPalette) for s in self.screen_stack):
            self.push_screen(SafeCommandPalette())

    def search_themes(self) -> None:
        # The palette's "Theme" command: Textual's opens its own palette class, without Byline's guards.
        from textual.theme import ThemeProvider

        self.push_screen(SafeCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def search_commands(self, commands, placeholder: str = "Search for commands…"):
        from textual.command import SimpleProvider

        # (An instance as a provider, as Textual's own search_commands passes it.)
        provider = SimpleProvider(self.screen, commands)
        return self.push_screen(SafeCommandPalette(providers=[provider], placeholder=placeholder))  # type: ignore[list-item]

    def pop_screen(self) -> AwaitComplete:
        # Byline's own screen is never popped.  Keys typed faster than the
        # command palette closes reach it after it has dismissed itself, and
        # a second dismissal popped whatever was on top: the main screen,
        # leaving a blank app whose commands then ran on a screen that was gone.
        if isinstance(self.screen, MainScreen):
            return AwaitComplete()
        return super().pop_screen()

    def _exit_on_signals(self) -> None:
        """SIGTERM and SIGHUP end the app as q does, so the terminal is given
        back as it was (no alternate screen, mouse reporting or hidden cursor left)."""
        import asyncio
        import signal

        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, partial(self.exit, 128 + sig))  # (the shell's code for it)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            pass  # (Windows, or not the main thread: the default action stays)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for key in keys.commands():
                shown = key_label(key.keys.split(",")[0])
                yield SystemCommand(key.command, f"{key.command_help} ({shown})", getattr(screen, f"action_{key.action}"))


def start_process_support() -> None:
    """Start multiprocessing's resource tracker before the app owns the terminal.

    Large corpora are cleaned by a pool of spawned processes from a worker
    thread.  The first spawn starts the tracker and hands it the process's
    stderr descriptor, which inside a running Textual app is a capture object
    with no descriptor (-1): the spawn then fails.  Started here, it is
    already running when the pool needs it.
    """
    import os

    # If the app is closed mid-load (see end_promptly), the tracker frees the
    # pool's semaphores, as it should, and warns about them on the terminal
    # the user is back at: the warning is for programs that forgot, not this.
    before = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [before, "ignore:resource_tracker:UserWarning"]))
    try:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except (OSError, ValueError):
        pass  # without it, a large corpus is still read (see loader._parallel)
    finally:
        if before is None:
            del os.environ["PYTHONWARNINGS"]
        else:
            os.environ["PYTHONWARNINGS"] = before


def run_app(paths: list[str], cache_dir: str | None = None, use_cache: bool = True) -> int:
    start_process_support()
    quiet_pool_teardown()
    app = BylineApp(paths, cache_dir=cache_dir, use_cache=use_cache)
    code = app.run()
    code = code if isinstance(code, int) else (app.return_code or 0)
    end_promptly(code)
    return code


def quiet_pool_teardown() -> None:
    """Quitting mid-load ends the worker processes; Python 3.11's process
    pool then marks its futures failed, and a future already cancelled
    raises InvalidStateError in the pool's own thread, whose traceback would
    land on the terminal the user is back at.  That error, in that thread,
    is only this; any other still prints."""
    import threading
    from concurrent.futures import InvalidStateError

    before = threading.excepthook

    def hook(args) -> None:
        if args.exc_type is InvalidStateError and type(args.thread).__name__ == "_ExecutorManagerThread":
            return
        before(args)

    threading.excepthook = hook


def end_promptly(code: int, grace: float = 1.0) -> None:
    """Quit means quit, even while a large corpus is being read.

    Worker processes reading files outlive the app's loading thread only to
    die with it, perhaps halfway through sending a result; the process
    pool's threads then wait for the rest of that message forever, and
    Python's exit waits for them.  So when worker processes are still
    running, or a thread is still running ``grace`` seconds on, leave
    without waiting (the terminal is already given back; the index cache is
    SQLite, whose unfinished writes are rolled back).
    """
    import multiprocessing
    import os
    import threading
    import time

    if not multiprocessing.active_children():
        deadline = time.monotonic() + grace
        for thread in threading.enumerate():
            if thread is not threading.main_thread():
                thread.join(max(0.0, deadline - time.monotonic()))
        if not any(t.is_alive() for t in threading.enumerate() if t is not threading.main_thread()):
            return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
