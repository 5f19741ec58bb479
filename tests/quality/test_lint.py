"""The linter's mistakes-only rules (pyproject's [tool.ruff]) hold over the code and tests, and the
package type-checks ([tool.mypy])."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # (ruff and mypy over the package: left out of the quick tier)


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is a test dependency: pip install -e '.[test]'")
def test_ruff_finds_no_mistakes():
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "tui", "tests"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is a test dependency: pip install -e '.[test]'")
def test_the_package_type_checks(tmp_path):
    r = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache")], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
