"""Snapshot tests: the four screens of screenshots/, on the seeds, at 120x36.

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from conftest import SEEDS
from tui.app.app import BylineApp
from tui.screenshots import SCENES, SIZE, settle


@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare, scene):
    keys = SCENES[scene]

    async def run_before(pilot):
        app = pilot.app
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            if key in ("enter", "slash"):
                await settle(app, pilot)
        await settle(app, pilot)

    assert snap_compare(BylineApp([str(SEEDS)]), terminal_size=SIZE, run_before=run_before)
