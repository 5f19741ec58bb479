"""Out of Byline: open an article's file or web address, copy text to the clipboard.

Each returns what to tell the user; nothing here raises for a missing
program, a failing one, or a terminal that cannot hand over.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess

from ..core.article import Article


def _viewer() -> list[str] | None:
    """The user's pager, else less or more, else their editor: a command as words."""
    pager = os.environ.get("PAGER", "").strip()
    if pager:
        return shlex.split(pager)
    for prog in ("less", "more"):
        if shutil.which(prog):
            return [prog]
    for name in ("VISUAL", "EDITOR"):
        cmd = os.environ.get(name, "").strip()
        if cmd:
            return shlex.split(cmd)
    return None


def _run_suspended(app, cmd: list[str]) -> str | None:
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            code = subprocess.call(cmd)
    except SuspendNotSupported:
        return "this terminal cannot hand over to another program"
    except OSError as exc:
        return f"could not run {cmd[0]}: {exc.strerror or exc}"
    return f"{shlex.join(cmd[:-1])} ended with exit code {code}" if code else None


def open_file(app, path: str) -> str | None:
    """Show ``path`` in the user's pager (the app waits).  The problem, if any."""
    if not os.path.exists(path):
        return f"the file is no longer there: {path}"
    cmd = _viewer()
    if cmd is None:
        return "no pager or editor found: set $PAGER or $EDITOR"
    return _run_suspended(app, [*cmd, path])


def open_article(app, art: Article) -> str | None:
    """The article's web address in a browser when it has one, else its file
    in the pager.  What went wrong, if anything."""
    if not art.url:
        return open_file(app, art.path)
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        problem = open_file(app, art.path)
        return f"no web browser for {art.url}: " + (problem or "showed the file instead")
    if isinstance(browser, webbrowser.GenericBrowser) and not isinstance(browser, webbrowser.BackgroundBrowser):
        # A browser in the terminal (lynx, w3m): it needs the screen.
        return _run_suspended(app, [a.replace("%s", art.url) for a in browser.args])
    try:
        opened = browser.open(art.url)
    except Exception as exc:  # a browser's own failure must not end the app
        return f"the browser failed: {exc}"
    return None if opened else f"the browser did not open {art.url}"


# Terminals cap what they take through OSC 52 (xterm and tmux at about a
# megabyte of base64, some far less); past this, say so rather than send it.
OSC52_MAX = 500_000


def _clipboard_tools() -> list[list[str]]:
    tools = []
    if os.environ.get("WAYLAND_DISPLAY"):
        tools.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        tools += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    tools += [["pbcopy"], ["clip.exe"]]
    return [t for t in tools if shutil.which(t[0])]


def copy(app, text: str) -> tuple[bool, str]:
    """Put ``text`` on the clipboard: the system's, through its tool, and the
    terminal's (OSC 52, which works over ssh).  (Whether it was, how or why not.)"""
    for tool in _clipboard_tools():
        try:
            done = subprocess.run(tool, input=text.encode("utf-8", "surrogateescape"), timeout=3,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            if len(text) <= OSC52_MAX:
                app.copy_to_clipboard(text)
            return True, f"({len(text):,} characters)"
    if len(text) > OSC52_MAX:
        return False, (f"Not copied: {len(text):,} characters is more than a terminal takes, and no clipboard "
                       "program (wl-copy, xclip, xsel, pbcopy) was found")
    app.copy_to_clipboard(text)
    return True, (f"({len(text):,} characters) through the terminal (OSC 52): "
                  "if your terminal does not take it, no clipboard program was found")
