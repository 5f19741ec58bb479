"""Indexing in worker processes gives what indexing in one process gives.

Workers gather name statistics (capitalisation counts, lower-case words, word
postings) for their own files, numbered within their chunk; the parent maps
them to corpus positions and merges.  These tests compare the merged result
with the same statistics computed in one pass, also when some files come
from the cache in between fresh ones.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tui.core.cache import Cache
from tui.core.entities import NameStats, extract
from tui.core.library import build_library, index_corpus
from tui.core.loader import PARALLEL_MIN_FILES, load_corpus

PEOPLE = ["Carrie Lam", "Tang Xiaoou", "Wang Zhigang", "Xu Li", "Robert Kilroy-Silk", "Zoë Ball"]
ORGS = ["Huawei Technologies", "Ministry of Science and Technology", "DeepBlue", "orbbec"]
SKIP_NAMES = {"b007.txt": b"\x00\x01binary", "b013.txt": b""}  # skipped: their slots hold no article


def make_corpus(root, n):
    rng = random.Random(7)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name = f"b{i:03d}.txt"
        if name in SKIP_NAMES:
            (root / name).write_bytes(SKIP_NAMES[name])
            continue
        who, org = rng.choice(PEOPLE), rng.choice(ORGS)
        body = (
            f"Story {i} about {who}\n\n"
            f"{who} met the board of {org} on Monday. Meanwhile {who.split()[-1]} said the plan "
            f"was good, and Shenzhen-based orbbec's staff agreed. Word{i % 17} appears here.\n"
        )
        (root / name).write_text(body, encoding="utf-8")
    return root


def assert_same_stats(merged: NameStats, texts, scanned):
    one_pass = NameStats.of(texts, scanned)
    assert dict(merged.mid_caps) == dict(one_pass.mid_caps)
    assert merged.lower == one_pass.lower
    assert {w: list(a) for w, a in merged.postings.items()} == {w: list(a) for w, a in one_pass.postings.items()}


def test_worker_statistics_equal_one_pass(tmp_path):
    root = make_corpus(tmp_path / "c", PARALLEL_MIN_FILES + 50)
    corpus = load_corpus([root], scan=True, workers=2)
    assert len(corpus.skipped) == 2 and len(corpus) == PARALLEL_MIN_FILES + 48
    texts = [a.text for a in corpus.articles]
    assert_same_stats(corpus.names, texts, corpus.scanned)
    # and name finding over it agrees with name finding from scratch
    parallel = index_corpus(corpus)
    fresh = extract(texts, [a.id for a in corpus.articles])
    assert [e.to_dict() for e in parallel.entities.entities] == [e.to_dict() for e in fresh.entities]
    assert [(m.article, m.start) for m in parallel.entities.entities[0].mentions] == [
        (m.article, m.start) for m in fresh.entities[0].mentions
    ]


def test_statistics_when_cached_files_sit_between_fresh_ones(tmp_path):
    root = make_corpus(tmp_path / "c", PARALLEL_MIN_FILES + 50)
    build_library([root], cache=Cache(tmp_path / "cache"))
    # Change nine files in ten (enough for the worker pool); the tenth comes back
    # from the cache, in between fresh ones.
    for i, path in enumerate(sorted(root.iterdir())):
        if i % 10 != 0 and path.name not in SKIP_NAMES:
            path.write_text(path.read_text(encoding="utf-8") + "\nAn update from Carrie Lam.\n", encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    corpus = load_corpus([root], scan=True, workers=2, cache=cache)
    assert corpus.from_cache == 45 and len(corpus) - corpus.from_cache >= PARALLEL_MIN_FILES
    corpus.fill_candidates()
    texts = [a.text for a in corpus.articles]
    assert_same_stats(corpus.names, texts, corpus.scanned)
    lam = next(e for e in index_corpus(corpus).entities.entities if e.name == "Carrie Lam")
    assert sum(t.count("Carrie Lam") for t in texts) == sum(m.text == "Carrie Lam" for m in lam.mentions)


def test_lean_indexing_holds_few_texts_and_finds_the_same_names(tmp_path):
    """`byline index` leaves the texts of files read by workers in the cache:
    the candidates come with their own words, and name finding fetches the
    few texts it reads.  The names and hits are those of a full load."""
    root = make_corpus(tmp_path / "c", PARALLEL_MIN_FILES + 50)
    full = build_library([root], cache=Cache(tmp_path / "full"))
    assert full.corpus.articles and all(a.fetched for a in full.corpus.articles)
    lean = build_library([root], cache=Cache(tmp_path / "lean"), lean=True)
    arts = lean.corpus.articles
    assert len(arts) == len(full.corpus.articles)
    # (orbbec, in lower case, is looked for in the texts that use the word)
    assert sum(a.fetched for a in arts) < len(arts) / 4
    assert [e.to_dict() for e in lean.entities.entities] == [e.to_dict() for e in full.entities.entities]
    for q in ("Carrie Lam", "orbbec", "Kilroy-Silk"):
        assert lean.search(q).hits == full.search(q).hits and full.search(q).hits, q
    assert [a.to_dict() for a in arts] == [a.to_dict() for a in full.corpus.articles]
    # What the lean run stored is what a full run stores: a warm start reads the same back.
    warm = build_library([root], cache=Cache(tmp_path / "lean"))
    assert [e.to_dict() for e in warm.entities.entities] == [e.to_dict() for e in full.entities.entities]


@pytest.mark.parametrize("in_workers", [True, False])
def test_lean_indexing_reads_unchanged_files_back_lean(tmp_path, monkeypatch, in_workers):
    """When names must be found again over files the index holds (a file left
    the corpus), `byline index` reads their rows back as it reads new files:
    by the workers, the texts left in the index.  A row another process
    rewrote meanwhile is read from its file.  Names, hits and articles are
    those of a corpus indexed from scratch."""
    from tui.core import loader
    from tui.core.cache import Cache as RealCache

    root = make_corpus(tmp_path / "c", PARALLEL_MIN_FILES + 50)
    build_library([root], cache=Cache(tmp_path / "cache"))
    (root / "b001.txt").unlink()
    fresh = build_library([root], cache=Cache(tmp_path / "fresh"))
    if not in_workers:
        monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", 10**6)
    rewritten = str(root / "b002.txt")
    stored_rows = RealCache.stored_rows
    monkeypatch.setattr(RealCache, "stored_rows", lambda self, paths: {
        p: got for p, got in stored_rows(self, paths).items() if p != rewritten})
    lean = build_library([root], cache=Cache(tmp_path / "cache"), lean=True)
    arts = lean.corpus.articles
    assert lean.names_found and lean.corpus.from_cache == len(arts) == len(fresh.articles)
    assert sum(a.fetched for a in arts) < len(arts) / 4 if in_workers else all(a.fetched for a in arts)
    assert [a.to_dict() for a in arts] == [a.to_dict() for a in fresh.articles]
    assert [e.to_dict() for e in lean.entities.entities] == [e.to_dict() for e in fresh.entities.entities]
    for q in ("Carrie Lam", "orbbec", "Kilroy-Silk"):
        assert lean.search(q).hits == fresh.search(q).hits and fresh.search(q).hits, q


def test_rows_looked_up_lean_leave_their_texts(tmp_path):
    root = make_corpus(tmp_path / "c", 5)
    cache = Cache(tmp_path / "cache")
    build_library([root], cache=cache)
    stats = {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(root.iterdir())}
    stats[str(root / "b001.txt")] = (0, 0)  # (as if it changed since)
    heads = dict(cache.lookup_heads(stats))
    full = cache.lookup(stats)
    assert set(heads) == set(full) == set(stats) - {str(root / "b001.txt")}
    for path, row in heads.items():
        assert [{k: v for k, v in a.items() if k != "paragraphs"} for a in full[path]["articles"]] == row["articles"]
        assert all("paragraphs" not in a for a in row["articles"]) and full[path]["articles"][0]["paragraphs"]


def test_processes_that_cannot_start_fall_back_to_this_process(tmp_path, monkeypatch):
    """Inside the running app, spawning once failed ("bad value(s) in
    fds_to_keep"): a pool that cannot start must not lose the corpus."""
    import concurrent.futures

    root = make_corpus(tmp_path / "c", PARALLEL_MIN_FILES + 50)
    reference = load_corpus([root], scan=True, workers=1)

    def refuse(self, *args, **kwargs):
        raise ValueError("bad value(s) in fds_to_keep")

    monkeypatch.setattr(concurrent.futures.ProcessPoolExecutor, "map", refuse)
    corpus = load_corpus([root], scan=True, workers=2)
    assert [a.text for a in corpus.articles] == [a.text for a in reference.articles]
    assert_same_stats(corpus.names, [a.text for a in corpus.articles], corpus.scanned)


@pytest.mark.parametrize("pack, lean", [(False, False), (True, False), (True, True)])
def test_name_candidates_cross_processes_unchanged(pack, lean):
    """A chunk pickled by a worker (candidates as flat integers, their text a
    slice of the article; with ``pack`` the cache rows too; the statistics'
    postings as flat arrays; ``lean``, the articles without their texts, the
    candidates with their own words) unpickles to the very candidates and
    statistics the worker found."""
    import pickle

    from tui.core.loader import load_chunk, discover

    from conftest import SEEDS as seeds
    files = list(discover([seeds], lambda s: None))
    chunk = load_chunk(files, scan=True, stats=True, pack=pack, lean=lean)
    found = [r[2] for r in chunk.results]
    assert sum(len(c) for per_file in found for c in per_file) > 100
    # The encoding relies on this: every candidate's text is its span of the article.
    for (_, articles, scanned, _, _, _) in chunk.results:
        for a, cands in zip(articles, scanned):
            assert all(a.text[c.start : c.end] == c.text for c in cands)
    again = pickle.loads(pickle.dumps(chunk))
    # They arrive packed, and read as the same candidates (iterated or indexed).
    assert [[list(c) for c in r[2]] for r in again.results] == found
    assert [[[c[i] for i in range(len(c))] for c in r[2]] for r in again.results] == found
    assert again.stats.postings == chunk.stats.postings and len(chunk.stats.postings) > 100
    assert again.stats.mid_caps == chunk.stats.mid_caps and again.stats.lower == chunk.stats.lower
    assert [r[3] for r in again.results] == [r[3][:2] if pack else None for r in chunk.results]
    assert all(a.fetched != lean for r in again.results for a in r[1])


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.update(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _slow_corpus(root, n=900):
    """Files that keep two workers busy for a few seconds."""
    root.mkdir()
    para = ("Carrie Lam met the board of Huawei Technologies in Shenzhen on Monday, and the talks "
            "went on late into the evening while reporters waited outside. ") * 40
    for i in range(n):
        (root / f"s{i:04d}.txt").write_text(f"Story number {i}\n\n" + "\n\n".join([para] * 6), encoding="utf-8")
    return root


def _start_indexing(tmp_path, corpus):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONUNBUFFERED": "1"}
    # Ctrl+C as a terminal's foreground job gets it: a test run started in the
    # background (``pytest &``) passes SIGINT on ignored, and so would the run.
    proc = subprocess.Popen([sys.executable, "-m", "tui", "list", str(corpus)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    kids: set[int] = set()
    while time.monotonic() < deadline and len(kids) < 2:  # both workers started
        time.sleep(0.05)
        kids = _children(proc.pid)
        if proc.poll() is not None:
            break
    return proc, kids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_parent(tmp_path, sig):
    proc, kids = _start_indexing(tmp_path, _slow_corpus(tmp_path / "c"))
    assert len(kids) >= 2 and proc.poll() is None, "indexing ended before its workers could be seen"
    os.kill(proc.pid, sig)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.1)
    assert not [k for k in kids if _alive(k)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_while_indexing_is_one_line(tmp_path):
    proc, kids = _start_indexing(tmp_path, _slow_corpus(tmp_path / "c"))
    assert len(kids) >= 2 and proc.poll() is None
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # as the terminal sends it: to the parent and its workers
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "byline: interrupted"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.1)
    assert not [k for k in kids if _alive(k)]


def _apart(cache_dir, seen=None, warned=None, stop=None):
    from functools import partial

    from tui.core.apart import index_apart

    return partial(index_apart, cache_dir=str(cache_dir), on_progress=(lambda *a: seen.append(a)) if seen is not None else None,
                   warn=(warned.append if warned is not None else None), stop=stop)


def test_a_large_corpus_is_indexed_in_a_process_of_its_own_then_opened(tmp_path, monkeypatch):
    """A session opening a corpus this large to read leaves the work to a
    process of its own, then opens what it stored: the same names and hits
    as indexing here, with nothing read in this process."""
    from tui.core import library

    corpus = make_corpus(tmp_path / "c", 40)
    here = build_library([str(corpus)], cache=Cache(tmp_path / "here"))
    monkeypatch.setattr(library, "APART_FROM_BYTES", 0)
    monkeypatch.setattr(library, "load_corpus", lambda *a, **k: pytest.fail("read in this process"))
    seen, warned = [], []
    lib = library.open_library([str(corpus)], Cache(tmp_path / "apart"), apart=_apart(tmp_path / "apart", seen, warned))
    assert warned == [] and lib is not None
    assert [e.to_dict() for e in lib.entities.entities] == [e.to_dict() for e in here.entities.entities]
    assert [a.title for a in lib.articles] == [a.title for a in here.articles]
    assert [(h.article, h.start) for h in lib.search("Carrie Lam").hits] == [(h.article, h.start) for h in here.search("Carrie Lam").hits]
    assert seen[-1] == (len(here.articles), len(here.articles), "names") and any(s[2] == "reading" for s in seen)
    assert [s.path for s in lib.corpus.skipped] == [s.path for s in here.corpus.skipped]  # (from the index, as it was told)


def test_a_first_session_indexed_apart_opens_by_its_folders_without_walking_them(tmp_path, monkeypatch):
    """The app's first session on a large corpus leaves even the listing of
    its files to the indexing process (at a million files the walk kept
    400 MB), then opens the index by its folders, as a later session does."""
    from tui.core import library

    corpus = make_corpus(tmp_path / "c", 40)
    here = build_library([str(corpus)], cache=Cache(tmp_path / "here"))
    monkeypatch.setattr(library, "APART_FROM_BYTES", 1)
    monkeypatch.setattr(library, "find_files", lambda *a, **k: pytest.fail("walked in this process"))
    monkeypatch.setattr(library, "load_corpus", lambda *a, **k: pytest.fail("read in this process"))
    lib = library.open_library([str(corpus)], Cache(tmp_path / "apart"), apart=_apart(tmp_path / "apart"),
                               trust_folders=True)
    assert lib is not None and lib.corpus.by_folders is not None
    assert [e.to_dict() for e in lib.entities.entities] == [e.to_dict() for e in here.entities.entities]
    assert [a.title for a in lib.articles] == [a.title for a in here.articles]
    monkeypatch.setattr(library, "APART_FROM_BYTES", library.bytes_under([str(corpus)]) + 1)  # one byte short
    monkeypatch.setattr(library, "find_files", lambda *a, **k: pytest.fail("walked"))
    with pytest.raises(pytest.fail.Exception, match="walked"):
        library.open_library([str(corpus)], Cache(tmp_path / "small"), apart=_apart(tmp_path / "small"), trust_folders=True)


def test_indexing_apart_that_fails_is_done_here_and_said(tmp_path, monkeypatch):
    from tui.core import library

    corpus = make_corpus(tmp_path / "c", 12)
    monkeypatch.setattr(library, "APART_FROM_BYTES", 0)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the child's cache folder would be")
    warned = []
    lib = library.open_library([str(corpus)], Cache(tmp_path / "cache"), apart=_apart(blocked, warned=warned))
    assert lib is not None and len(lib.articles) == 11 and lib.search("Carrie Lam").hits
    assert len(warned) == 1 and warned[0].startswith("indexing in a process of its own failed (") and "indexing here" in warned[0]


def test_a_session_stopped_while_indexing_apart_ends_the_process(tmp_path, monkeypatch):
    """Stopped (the app closing), the indexing process is ended at once and
    what it stored stays usable: the next run opens the corpus."""
    from tui.core import library
    from tui.core.loader import Cancelled

    corpus = make_corpus(tmp_path / "c", 1500)
    monkeypatch.setattr(library, "APART_FROM_BYTES", 0)
    seen: list = []
    with pytest.raises(Cancelled):
        # (stopped at its first word of progress, the hyphens' census: the files are not read yet)
        library.open_library([str(corpus)], Cache(tmp_path / "cache"), apart=_apart(tmp_path / "cache", seen, stop=lambda: bool(seen)))
    stopped = time.monotonic()
    assert seen and all(s[2] == "census" for s in seen)
    while _spawned() and time.monotonic() - stopped < 5:
        time.sleep(0.05)
    assert not _spawned()  # (the indexing process, ended)
    lib = build_library([str(corpus)], cache=Cache(tmp_path / "cache"))
    assert len(lib.articles) == 1498 and lib.search("Carrie Lam").hits


def _spawned() -> list[int]:
    """This process's spawned children still running (not multiprocessing's resource tracker)."""
    out = []
    for pid in _children(os.getpid()):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if b"spawn_main" in fh.read() and _alive(pid):
                    out.append(pid)
        except OSError:
            pass
    return out
