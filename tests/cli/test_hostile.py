"""Hostile input: a corpus of damaged and strange files.  Byline loads the rest,
says what it skipped and why, shows nothing that can drive a terminal, and
never changes a byte of the corpus."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from tui.core import loader
from tui.core.loader import load_corpus

GOOD = "A good headline for the story\n\nCarrie Lam met Huawei in Hong Kong. It ended well.\n"


def build(root):
    root.mkdir()
    (root / "good.txt").write_text(GOOD)
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "zero.txt").write_bytes(b"")
    (root / "invalid-utf8.txt").write_bytes(b"Caf\xe9 headline here\n\nThe caf\xe9 served Huawei staff \xff\xfe. Done.\n")
    (root / "utf16.txt").write_bytes(GOOD.replace("good", "UTF-16").encode("utf-16"))
    (root / "long-line.txt").write_text(("Huawei met Zurich officials again and again " * 230_000)[:10_000_000])
    (root / "many-lines.txt").write_text("\n".join(f"line {i} of a very long list" for i in range(100_000)))
    (root / "escapes.txt").write_text(
        "Escape \x1b[2J\x1b[H headline\x07\n\nBody \x1b]0;pwned\x07 with \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ "
        "and \x9b31m C1 and \x07\x07 bells. Carrie Lam agreed.\n"
    )
    (root / "markup.txt").write_text(
        "[bold]Markup[/bold] headline [link=http://evil]here[/link]\n\nText with [red]tags[/] and [/] and "
        "[@click=app.quit]click[/] about Huawei. The end.\n"
    )
    (root / "name with spaces.txt").write_text(GOOD)
    (root / "new\nline.txt").write_text(GOOD)
    (root / "naïve-日本.txt").write_text(GOOD)
    os.symlink(root, root / "loop")
    if os.geteuid() != 0:
        locked = root / "locked.txt"
        locked.write_text(GOOD)
        locked.chmod(0)
    return root


def tree_hash(root) -> dict[str, str]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            p = os.path.join(dirpath, name)
            try:
                with open(p, "rb") as fh:
                    out[p] = hashlib.sha256(fh.read()).hexdigest()
            except PermissionError:
                out[p] = "unreadable:" + str(os.stat(p).st_mtime_ns)
        out[dirpath] = "dir:" + ",".join(sorted(dirnames + filenames))
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build(tmp_path_factory.mktemp("h") / "corpus")


def _no_controls(s: str) -> bool:
    return not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in s)


def test_core_loads_the_rest_and_says_why(hostile):
    before = tree_hash(hostile)
    skipped = []
    corpus = load_corpus([hostile], on_skip=skipped.append)
    reasons = {os.path.basename(s.path): s.reason for s in skipped}
    assert reasons.get("binary.txt") == "binary file"
    assert reasons.get("zero.txt") == "empty file"
    if os.geteuid() != 0:
        assert reasons.get("locked.txt") == "permission denied"
    names = {os.path.basename(a.path) for a in corpus.articles}
    assert {"good.txt", "invalid-utf8.txt", "utf16.txt", "long-line.txt", "many-lines.txt", "escapes.txt",
            "markup.txt", "name with spaces.txt", "new\nline.txt", "naïve-日本.txt"} <= names
    for a in corpus.articles:
        assert _no_controls(a.text) and _no_controls(a.title)
    markup = next(a for a in corpus.articles if a.path.endswith("markup.txt"))
    assert "[red]tags[/]" in markup.text  # kept as text, to be shown literally
    assert "café" in next(a for a in corpus.articles if a.path.endswith("invalid-utf8.txt")).text.lower()
    assert tree_hash(hostile) == before


def test_file_vanishing_during_indexing(tmp_path, monkeypatch):
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text(GOOD)
    (root / "b.txt").write_text(GOOD)
    real = loader.articles_from_file

    def vanish(path, *args):
        if os.path.basename(path) == "b.txt":
            os.unlink(path)  # read once already (for the corpus's hyphen evidence), gone now
        return real(path, *args)

    monkeypatch.setattr(loader, "articles_from_file", vanish)
    skipped = []
    corpus = load_corpus([root], on_skip=skipped.append)
    assert [os.path.basename(a.path) for a in corpus.articles] == ["a.txt"]
    assert [(os.path.basename(s.path), s.reason) for s in skipped] == [("b.txt", "vanished while reading")]


def _cli(*args, cache):
    return subprocess.run(
        [sys.executable, "-m", "tui", *args, "--cache-dir", str(cache)],
        capture_output=True, cwd=ROOT, timeout=600,
    )


@pytest.mark.slow
def test_cli_on_hostile_corpus(hostile, tmp_path):
    before = tree_hash(hostile)
    for args in (("list",), ("show", "escape"), ("show", "escape", "--raw"), ("show", "markup"), ("entities",),
                 ("search", "huawei"), ("export",)):
        r = _cli(*args, str(hostile), cache=tmp_path / "cache")
        out = r.stdout.decode("utf-8", "replace")
        assert r.returncode == 0, (args, r.stderr)
        assert b"Traceback" not in r.stderr
        assert _no_controls(out), args
        if args == ("list",):
            err = r.stderr.decode()
            assert "binary.txt: binary file" in err and "zero.txt: empty file" in err
            assert "markup" in out.lower()
    assert tree_hash(hostile) == before


@pytest.fixture(scope="module")
def hostile_cache(tmp_path_factory):
    """One index cache for the queries below: the first indexes the corpus,
    the rest read it as a one-shot search does."""
    return tmp_path_factory.mktemp("hc")


@pytest.mark.slow
@pytest.mark.parametrize("query", ["(", "[", "\\", ".*", "a|", "\x00", "x" * 10_000, "[bold]", "😀"])
def test_cli_any_query_returns_normally(hostile, hostile_cache, query):
    r = subprocess.run(
        [sys.executable, "-m", "tui", "search", query, str(hostile), "--json", "--cache-dir", str(hostile_cache)]
        if "\x00" not in query else
        [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))",
         "search", query.replace("\x00", "\\x00"), str(hostile), "--json", "--cache-dir", str(hostile_cache)],
        capture_output=True, cwd=ROOT, timeout=600,
    )
    assert r.returncode == 0, r.stderr
    json.loads(r.stdout)


def test_nul_query_in_core(hostile):
    from tui.core.library import build_library

    lib = build_library([hostile / "good.txt"])
    assert lib.search("\x00").hits == []
    assert [h.match for h in lib.search("Huawei\x00").hits] == ["Huawei"]  # the NUL is folded away


@pytest.mark.slow
async def test_app_on_hostile_corpus(hostile):
    from tui.app.app import BylineApp
    from tui.dev.screenshots import settle

    before = tree_hash(hostile)
    app = BylineApp([str(hostile)])
    notes = []
    app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        s = app.screen
        assert s.library is not None and len(s.library.articles) >= 10
        assert any("binary.txt: binary file" in n for n in notes)
        for i, art in enumerate(s.library.articles):
            s.show_article(i)
            assert all(_no_controls(line) for line in s.reader.plain_lines[:200]), art.path
        idx = next(i for i, a in enumerate(s.library.articles) if a.path.endswith("escapes.txt"))
        s.open_article(idx)
        await pilot.press("r")
        assert all(_no_controls(line) for line in s.reader.plain_lines)
        await pilot.press("r", "slash", *"[bold]", "enter")
        await settle(app, pilot)
        await pilot.press("G", "g")
    assert tree_hash(hostile) == before
