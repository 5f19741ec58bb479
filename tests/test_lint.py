"""The linter's mistakes-only rules (pyproject's [tool.ruff]) hold over the code and tests."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is a test dependency: pip install -e '.[test]'")
def test_ruff_finds_no_mistakes():
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "tui", "tests"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
