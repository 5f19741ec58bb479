"""Snapshot tests: the screens of screenshots/, on the seeds, at 120x36 (or as SIZES says).

Update after an intended change with `pytest tests/app/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from conftest import SEEDS
from tui.app.app import BylineApp
from tui.dev.screenshots import SCENES, SETTINGS, SIZE, SIZES, play

pytestmark = pytest.mark.slow  # (the app's screens: left out of the quick tier)


@pytest.fixture(autouse=True)
def _no_reading_by_time(monkeypatch):
    from tui.app import screen
    from tui.dev.screenshots import still_reading

    monkeypatch.setattr(screen, "READ_AFTER", screen.READ_AFTER)  # (put back after each test)
    still_reading()


@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare, scene):
    if scene in SETTINGS:
        from tui.app import settings

        settings.save(**SETTINGS[scene])
    async def run_before(pilot):
        await play(pilot, SCENES[scene])

    assert snap_compare(BylineApp([str(SEEDS)]), terminal_size=SIZES.get(scene, SIZE), run_before=run_before)
