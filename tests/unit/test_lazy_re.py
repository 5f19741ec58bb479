"""Module patterns compiled on first use: the same answers as ``re``, and
none compiled by the imports the app's first frame waits for."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT
from tui.core.lazy_re import lazy


def test_a_lazy_pattern_answers_as_the_compiled_one():
    text = "Mr. Lee said; LEE said: lee, said"
    for pattern, flags in [(r"(l)ee", re.IGNORECASE), (r"\b[A-Z]\w+", 0), (r"[;:,]\s*", 0)]:
        compiled, deferred = re.compile(pattern, flags), lazy(pattern, flags)
        assert [m.span() for m in deferred.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert deferred.sub("_", text) == compiled.sub("_", text)
        assert deferred.split(text) == compiled.split(text)
        assert deferred.findall(text) == compiled.findall(text)
        assert (deferred.search(text) or None) and deferred.search(text).span() == compiled.search(text).span()
        assert deferred.groups == compiled.groups and deferred.pattern == pattern


def test_a_lazy_pattern_compiles_on_first_use_only():
    rx = lazy(r"a+")
    assert "search" not in vars(rx)  # nothing compiled yet
    assert rx.match("aaa").group() == "aaa"
    assert "search" in vars(rx)  # from now on a plain attribute
    with pytest.raises(AttributeError):
        rx.no_such_method  # noqa: B018
    with pytest.raises(re.error):
        lazy("(").search("x")  # a bad pattern still says so, when used


def test_the_apps_imports_compile_no_pattern_of_the_core():
    """The app imports the name finder and loader before its first frame but,
    on a warm start, never runs their patterns: compiling them there cost
    about 10 ms of that frame."""
    probe = (
        "import re, sys\n"
        "seen = []\n"
        "real = re._compile\n"
        "def spy(pattern, flags):\n"
        "    caller = sys._getframe(2).f_globals.get('__name__', '')\n"
        "    if caller.startswith('tui.core'): seen.append((caller, str(pattern)[:40]))\n"
        "    return real(pattern, flags)\n"
        "re._compile = spy\n"
        "import tui.app.app\n"
        "print(repr(seen))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
