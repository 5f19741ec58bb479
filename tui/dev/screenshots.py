"""Regenerate the SVG screenshots in ``screenshots/`` (run from the repo root).

    python -m tui.dev.screenshots [OUTDIR]

Each scene is a list of keys pressed on the bundled seeds at 120x36 (or
the size in SIZES), with no saved settings or reading state.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

SIZE = (120, 36)
CLEAR_TOASTS = "(clear toasts)"  # a step of a scene that is no key

SCENES: dict[str, list[str]] = {
    "main": ["down", "down", "enter"],
    "search": ["slash", *"carrie lam", "enter", "n", "n"],
    "entities": ["e", *"tang", "tab"],
    "help": ["question_mark"],
    "hits": ["slash", *"sensetime", "enter", "H"],
    # (toasts cleared: when one of several expires differs from run to run)
    "marks": ["s", "down", "down", "s", "a", *"check the quote", "enter", "S", "S", CLEAR_TOASTS],
    "narrow": ["slash", *"huawei", "enter", "n"],
    "spread": ["slash", *"hong kong", "enter", "e"],
}
SIZES = {"narrow": (80, 24), "small": (60, 20)}
SCENES["small"] = ["down", "enter"]
SCENES["light"] = ["slash", *"carrie lam", "enter"]
SCENES["filtered"] = ["F", *"since:2018-05 until:2018-12", "enter", "S"]
SETTINGS = {"light": {"theme": "textual-light"}}  # saved before the app starts


async def settle(app, pilot) -> None:
    """Wait for loading and searching workers, then for the screen to repaint."""
    from textual.widgets import Input

    from textual.worker import WorkerCancelled

    for _ in range(3):
        await pilot.pause(0.05)
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # a search overtaken by a newer one (keys typed fast): wait for that one next round
    for inp in app.query(Input):
        inp.cursor_blink = False
        inp._cursor_visible = True  # a blink may have left it hidden: same picture every run
    await pilot.pause(0.2)


async def play(pilot, keys: list[str]) -> None:
    """Load, press a scene's keys (letting searches finish), and settle."""
    app = pilot.app
    await settle(app, pilot)
    for key in keys:
        if key == CLEAR_TOASTS:
            app.clear_notifications()
            continue
        await pilot.press(key)
        if key in ("enter", "slash"):
            await settle(app, pilot)
    await settle(app, pilot)


def still_reading() -> None:
    """No article counts as read by being shown a while: which ones would
    depends on how fast the machine plays a scene (a busy one marked the
    first article read in the entity panel's scene)."""
    from ..app import screen

    screen.READ_AFTER = 10.0**6


async def shoot(name: str, keys: list[str], outdir: Path) -> Path:
    from ..app.app import BylineApp
    from ..core.loader import bundled_seeds

    app = BylineApp([str(bundled_seeds())])
    async with app.run_test(size=SIZES.get(name, SIZE)) as pilot:
        await play(pilot, keys)
        return Path(app.save_screenshot(f"{name}.svg", path=str(outdir)))


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    outdir = Path(argv[0] if argv else "screenshots")
    outdir.mkdir(parents=True, exist_ok=True)
    still_reading()
    for name, keys in SCENES.items():
        # The same pictures on any machine and in any order: no theme, stars
        # or notes of this user's or of another scene.
        with tempfile.TemporaryDirectory(prefix="byline-shots-") as home:
            os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")
            os.environ["XDG_DATA_HOME"] = os.path.join(home, "data")
            if name in SETTINGS:
                from ..app import settings

                settings.save(**SETTINGS[name])
            print(asyncio.run(shoot(name, keys, outdir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
