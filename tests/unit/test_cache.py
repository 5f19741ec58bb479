"""The on-disk index: reuse, per-file invalidation, damage, concurrency, kills."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.cache import DB_NAME, Cache
from tui.core.library import build_library

_STORE = None  # one index cache for the round trips below (hypothesis runs each many times)


def stored_and_read_back(entities=None, words=None, one_shot=False):
    """A corpus's entities and postings through the store as the library
    uses it: stored, then read back by a new connection."""
    import tempfile

    global _STORE
    if _STORE is None:
        import atexit
        import shutil

        _STORE = tempfile.mkdtemp(prefix="byline-store-")
        atexit.register(shutil.rmtree, _STORE, True)
    entities = entities or {"entities": [], "keys": ({}, {}, [], [], {}, [])}
    Cache(_STORE).store_corpus("k", "fp", entities, words or {}, {})
    back = Cache(_STORE, one_shot=one_shot).corpus("k", "fp")
    assert back is not None
    return back

ARTICLE = "Headline number {n} here\n\nThe story of Carrie Lam and Huawei, number {n}. It ends here.\n"


def make_corpus(root, n=5):
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"a{i}.txt").write_text(ARTICLE.format(n=i))
    return root


def test_warm_load_reads_everything_back(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    cache = Cache(tmp_path / "cache")
    cold = build_library([corpus], cache=cache)
    assert cold.corpus.from_cache == 0
    warm = build_library([corpus], cache=Cache(tmp_path / "cache"))
    assert warm.corpus.from_cache == 5
    assert [a.to_dict() for a in warm.articles] == [a.to_dict() for a in cold.articles]
    assert [e.to_dict() for e in warm.entities.entities] == [e.to_dict() for e in cold.entities.entities]
    assert warm.search("carrie lam").hits == cold.search("carrie lam").hits


def test_changing_one_file_reindexes_only_that_file(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    f = corpus / "a2.txt"
    f.write_text(ARTICLE.format(n=2).replace("Huawei", "Tencent"))
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    lib = build_library([corpus], cache=Cache(tmp_path / "cache"))
    assert lib.corpus.from_cache == 4
    assert [h.match for h in lib.search("tencent").hits] == ["Tencent"]


def test_cache_lives_outside_the_corpus_and_never_writes_into_it(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    before = sorted(os.listdir(corpus))
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    r = subprocess.run([sys.executable, "-m", "tui", "list", str(corpus)], env=env, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0
    assert (tmp_path / "xdg" / "byline" / DB_NAME).exists()
    assert sorted(os.listdir(corpus)) == before


def test_no_cache_and_cache_dir_options(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    run = lambda *a: subprocess.run([sys.executable, "-m", "tui", *a], env=env, capture_output=True, text=True, cwd=ROOT)  # noqa: E731
    assert run("list", str(corpus), "--no-cache").returncode == 0
    assert not (tmp_path / "xdg").exists()
    assert run("search", "huawei", str(corpus), "--cache-dir", str(tmp_path / "mine")).returncode == 0
    assert (tmp_path / "mine" / DB_NAME).exists() and not (tmp_path / "xdg").exists()


@pytest.mark.parametrize("content", [b"garbage, not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_corrupt_or_foreign_cache_is_moved_aside_with_a_warning(tmp_path, content):
    corpus = make_corpus(tmp_path / "c")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / DB_NAME).write_bytes(content)
    warnings = []
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", warn=warnings.append))
    assert len(lib.articles) == 5
    assert warnings and "moved it to" in warnings[0]
    assert any(p.name.startswith(f"{DB_NAME}.broken-") for p in (tmp_path / "cache").iterdir())
    assert build_library([corpus], cache=Cache(tmp_path / "cache")).corpus.from_cache == 5


def test_foreign_sqlite_database_is_not_used(tmp_path):
    import sqlite3

    (tmp_path / "cache").mkdir()
    db = sqlite3.connect(tmp_path / "cache" / DB_NAME)
    db.execute("CREATE TABLE notes (x TEXT)")
    db.commit()
    db.close()
    warnings = []
    Cache(tmp_path / "cache", warn=warnings.append)
    assert warnings and "not a Byline index" in warnings[0]


def test_cli_survives_a_corrupt_cache(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / DB_NAME).write_bytes(b"\x00junk" * 1000)
    r = subprocess.run(
        [sys.executable, "-m", "tui", "list", str(corpus), "--json", "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "moved it to" in r.stderr
    assert len(json.loads(r.stdout)) == 5


def test_two_processes_at_once(tmp_path):
    corpus = make_corpus(tmp_path / "c", n=300)
    cmd = [sys.executable, "-m", "tui", "search", "huawei", str(corpus), "--json", "--cache-dir", str(tmp_path / "cache")]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert len(json.loads(out)["hits"]) == 300


def test_kill_during_indexing_leaves_a_usable_cache(tmp_path):
    corpus = make_corpus(tmp_path / "c", n=1500)
    cache_dir = tmp_path / "cache"
    cmd = [sys.executable, "-m", "tui", "list", str(corpus), "--cache-dir", str(cache_dir)]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline and not (cache_dir / DB_NAME).exists():
        time.sleep(0.05)
    time.sleep(1.0)
    p.send_signal(signal.SIGKILL)
    p.wait()
    warnings = []
    lib = build_library([corpus], cache=Cache(cache_dir, warn=warnings.append))
    assert len(lib.articles) == 1500
    assert warnings == []
    assert build_library([corpus], cache=Cache(cache_dir)).corpus.from_cache == 1500


def test_seeds_warm_and_cold_agree(tmp_path):
    cold = build_library([SEEDS])
    warm1 = build_library([SEEDS], cache=Cache(tmp_path))
    warm2 = build_library([SEEDS], cache=Cache(tmp_path))
    assert warm2.corpus.from_cache == len({a.path for a in cold.articles})
    assert [a.text for a in warm2.articles] == [a.text for a in cold.articles]
    assert len(warm1.entities) == len(warm2.entities) == len(cold.entities)


def _lazy(articles):
    return sum(not a.fetched for a in articles)


def test_warm_start_reads_no_article_until_it_is_used(tmp_path):
    """A corpus indexed as its files are now opens from the index alone: the
    listing, entities and search keys; each text is fetched when first used."""
    import shutil

    corpus = make_corpus(tmp_path / "c", n=4)
    shutil.copytree(SEEDS, corpus / "seeds")  # files holding several articles
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    warm = build_library([corpus], cache=Cache(tmp_path / "cache"))
    n = len(cold.articles)
    assert n > len({a.path for a in cold.articles})
    assert _lazy(warm.articles) == n
    assert [a.summary() for a in warm.articles] == [a.summary() for a in cold.articles]
    assert _lazy(warm.articles) == n  # the listing alone answered
    hits = warm.search("huawei").hits
    assert hits == cold.search("huawei").hits
    fetched = {i for i, a in enumerate(warm.articles) if a.fetched}
    assert fetched == {h.article for h in hits} and 0 < len(fetched) < n
    assert [e.to_dict() for e in warm.entities.entities] == [e.to_dict() for e in cold.entities.entities]
    assert [a.to_dict() for a in warm.articles] == [a.to_dict() for a in cold.articles]
    assert [a.raw for a in warm.articles] == [a.raw for a in cold.articles]


def test_a_warmed_session_has_its_keys_decoded_and_finds_the_same(tmp_path):
    # Keys read back are decoded one at a time, then all at once after many
    # lookups: a session's warm-up does that, so no query pays for it.
    corpus = make_corpus(tmp_path / "c", n=4)
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    warm = build_library([corpus], cache=Cache(tmp_path / "cache"))
    tables = [warm.index.postings, warm.index.ents_by_key, warm.index.ents_by_sorted]
    assert not any(t.keys_.decoded for t in tables)
    warm.index.warm()
    assert all(t.keys_.decoded for t in tables)
    for q in ("huawei", "Hauwei", "carrie lam", "lam carrie", "nothing here"):
        assert warm.search(q).hits == cold.search(q).hits


def test_an_articles_names_are_found_without_making_every_entity(tmp_path):
    # The reader highlights the names of the article shown.  With 300,000
    # entities and millions of mentions, making them all for the first article
    # froze the app for seconds: only that article's entities are made.
    import shutil

    corpus = make_corpus(tmp_path / "c", n=4)
    shutil.copytree(SEEDS, corpus / "seeds")
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    warm = build_library([corpus], cache=Cache(tmp_path / "cache"))
    stored = warm.entities.entities  # as read back: made when used
    for i in range(len(warm.articles)):
        names = warm.entities.in_article(i)
        assert [(m, e.name) for m, e in names] == [(m, e.name) for m, e in cold.entities.in_article(i)]
        assert [m.start for m, _ in names] == sorted(m.start for m, _ in names)
        assert all(warm.articles[i].text[m.start : m.end] == m.text for m, _ in names)
        if i == 0:
            made = sum(e is not None for e in stored.made)
            assert 0 < made == len({e.key for _, e in names}) < len(stored)
    assert any(warm.entities.in_article(i) for i in range(len(warm.articles)))


def _seeded_corpus(tmp_path):
    import shutil

    corpus = make_corpus(tmp_path / "c", n=4)
    shutil.copytree(SEEDS, corpus / "seeds")
    return corpus


QUERIES = ["huawei", "carrie lam", "Xiaoou Tang", "sensetme", '"Hong Kong"', "deep blue | orbbec", "the"]


def test_a_one_shot_command_reads_the_index_in_place_with_the_same_results(tmp_path, monkeypatch):
    from tui.core import cache as stored

    corpus = _seeded_corpus(tmp_path)
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    # A section of this small index would be read whole after a few hundred
    # reads, as cheaper: here only something asking for all of it may.
    monkeypatch.setattr(stored._LazyBody, "MAX_READS", 10**9)
    monkeypatch.setattr(stored.Lines, "MAX_READS", 10**9)
    cache = Cache(tmp_path / "cache", one_shot=True)
    warm = build_library([corpus], cache=cache)
    assert warm.corpus.from_cache > 0
    for q in QUERIES:
        assert warm.search(q).hits == cold.search(q).hits, q
    # Slices were read, not the sections whole: a search touches a few entities and words.
    rows = warm.entities.entities.rows.body
    assert rows.reads > 0 and rows.whole is None
    # Nor any list of keys, ids or listed rows: at a million articles reading
    # them whole was most of a one-shot search.
    keys = warm.index._keys
    listing = warm.articles.rows
    lines = {"names": keys.by_key.keys_, "sorted names": keys.by_sorted.keys_, "name vocabulary": keys.ent_vocab,
             "word vocabulary": keys.word_vocab, "words": warm.index.postings.keys_, "ids": listing.ids,
             "listed rows": listing.rows, "folded words": keys.word_extra.keys_, "their words": keys.word_extra.words,
             "odd words": keys.odd_words.keys_}
    for what, keys_ in lines.items():
        assert keys_.text.whole is None and keys_.starts.whole is None and not keys_.decoded, what
    assert keys.by_key.arrays.ends.whole is None and warm.index.postings.arrays.ends.whole is None
    assert [e.to_dict() for e in warm.entities.entities] == [e.to_dict() for e in cold.entities.entities]
    for i in range(len(warm.articles)):
        assert warm.entities.in_article(i) == cold.entities.in_article(i)
    cache.close()


def test_a_one_shot_search_looks_transliterations_up_in_the_stored_skeletons(tmp_path, monkeypatch):
    from tui.core import search

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Gaddafi\n\nMuammar Gaddafi met Viktor Yushchenko in Tripoli.\n")
    (corpus / "b.txt").write_text("Ali\n\nMohammed Ali boxed in Kinshasa and Nikita Khrushchev watched.\n")
    queries = ["Qadhafi", "Yushenko", "Muhammad", "Khruschov", "Zqxwv Blorf"]
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    want = {q: cold.search(q).hits for q in queries}
    assert all(want[q] for q in queries[:4])
    # The stored hashes are looked up: no skeleton is made of a block of keys
    # (a key at a time only, to rule out a hash's collision).
    made = search._skeletons

    def one_key_at_a_time(keys: str) -> str:
        assert "\n" not in keys, "skeletons made for a block of keys"
        return made(keys)

    monkeypatch.setattr(search, "_skeletons", one_key_at_a_time)
    cache = Cache(tmp_path / "cache", one_shot=True)
    warm = build_library([corpus], cache=cache)
    assert warm.corpus.from_cache > 0
    assert {q: warm.search(q).hits for q in queries} == want
    cache.close()
    # A session warming up takes the stored hashes too, and finds the same.
    session = build_library([corpus], cache=Cache(tmp_path / "cache"))
    session.index.warm()
    assert session.index.warmed and {q: session.search(q).hits for q in queries} == want


def test_a_one_shot_command_keeps_reading_the_index_it_started_with(tmp_path):
    """Another process rewriting the corpus's row mid-command cannot mix two
    indexes: the open blobs hold the snapshot the command started from."""
    corpus = _seeded_corpus(tmp_path)
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    cache = Cache(tmp_path / "cache", one_shot=True)
    warm = build_library([corpus], cache=cache)
    other = Cache(tmp_path / "cache")
    key, fp = other.db.execute("SELECT key, fingerprint FROM corpora").fetchone()
    other.store_corpus(key, fp, {"entities": [], "keys": ({}, {}, [], [], {}, [])}, {}, {"articles": [], "skipped": []})
    assert other.db.execute("SELECT length(data) FROM corpus_parts WHERE part = 'words'").fetchone()[0] < 100
    for q in QUERIES:
        assert warm.search(q).hits == cold.search(q).hits, q
    cache.close()
    other.close()


def test_a_session_reads_an_index_too_large_to_hold_in_place_and_still_writes(tmp_path, monkeypatch):
    """Over ``lazy_from`` stored bytes, a session (the app) leaves the index
    in the database, as a one-shot command does, but holds the snapshot on a
    connection of its own: the session's cache still writes, and what it
    reads stays the index it started with."""
    from tui.core import cache as stored
    from tui.core import library
    from tui.core.library import ListedArticles, last_listing, TextFetcher

    corpus = _seeded_corpus(tmp_path)
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    monkeypatch.setattr(stored._LazyBody, "MAX_READS", 10**9)
    monkeypatch.setattr(stored.Lines, "MAX_READS", 10**9)
    held = build_library([corpus], cache=Cache(tmp_path / "cache", lazy_from=10**9))
    assert not held.lazy and not isinstance(held.articles, ListedArticles)

    monkeypatch.setattr(library, "RECENT_TEXTS", 3000)
    from tui.core import search as search_module

    monkeypatch.setattr(search_module, "RECENT_MENTIONS", 50)
    cache = Cache(tmp_path / "cache", lazy_from=0)
    key, fp = cache.db.execute("SELECT key, fingerprint FROM corpora").fetchone()
    listed = last_listing(cache, key, TextFetcher(cache))
    assert listed is not None and isinstance(listed[1], ListedArticles) and listed[1].made.count(None) == len(cold.articles)
    warm = build_library([corpus], cache=cache)
    assert warm.lazy and isinstance(warm.articles, ListedArticles)
    warm.ready()  # for a session: nothing read whole but the articles' ids, no typo index
    assert not warm.index.warmed
    assert all(part.whole is not None for part in (warm.index.ids.text, warm.index.ids.starts))
    rows = warm.entities.entities.rows.body
    for q in QUERIES:
        assert warm.search(q).hits == cold.search(q).hits, q
    assert rows.reads > 0 and rows.whole is None
    # The entities searching made are the recent ones, within their budget, not kept for the session.
    ents, recent = warm.entities.entities, warm.index._recent_entities
    assert ents.made.count(None) == len(ents)
    assert 0 < len(recent) < len(ents) and recent.size <= 50 + max(e.count + 1 for e in recent.values())
    assert recent.size == sum(e.count + 1 for e in recent.values())
    # Searching made no article and filled none in; of the texts it read, it
    # keeps the latest within the budget (and as many lower-case copies).
    assert warm.articles.made.count(None) == len(cold.articles)
    texts, lowered = warm.index.texts.kept, warm.index._lowered
    assert 0 < len(texts) < len(cold.articles) and texts.size <= 3000 + max(map(len, texts.values()))
    assert 0 < len(lowered) < len(cold.articles) and sum(map(len, lowered.values())) == lowered.size
    assert all(texts[a] == cold.articles[a].text for a in texts)
    # The session's own connection writes while the snapshot is held ...
    cache.store_corpus(key, fp, {"entities": [], "keys": ({}, {}, [], [], {}, [])}, {}, {"articles": [], "skipped": []})
    assert cache.db.execute("SELECT length(data) FROM corpus_parts WHERE part = 'words'").fetchone()[0] < 100
    # ... and what it reads is still the index it opened.
    for q in QUERIES:
        assert warm.search(q).hits == cold.search(q).hits, q
    assert [a.to_dict() for a in warm.articles] == [a.to_dict() for a in cold.articles]
    cache.close()


def test_the_files_are_fingerprinted_apart_or_here_alike(tmp_path, monkeypatch):
    from tui.core import library, loader
    from tui.core.cache import code_version, fingerprint
    from tui.core.loader import find_files

    corpus = make_corpus(tmp_path / "c")
    here = fingerprint(find_files([str(corpus)]).stats)
    assert library.files_fingerprint_apart([str(corpus)]) == here

    def broken(fn, chunks, workers):
        raise RuntimeError("a worker process died")
        yield

    monkeypatch.setattr(loader, "_pool_map", broken)
    assert library.files_fingerprint_apart([str(corpus)]) == here == library.files_fingerprint([str(corpus)], code_version())
    (corpus / "a0.txt").write_text("changed\n\nA different text now.\n")
    assert library.files_fingerprint_apart([str(corpus)]) != here


def test_the_command_line_closes_the_index(tmp_path):
    # A process that exits without closing leaves the WAL (megabytes after
    # indexing) for every later reader to go through.
    corpus = make_corpus(tmp_path / "c")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    r = subprocess.run([sys.executable, "-m", "tui", "search", "huawei", str(corpus), "--json"], env=env,
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and json.loads(r.stdout)["hits"]
    assert (tmp_path / "xdg" / "byline" / DB_NAME).exists()
    assert not (tmp_path / "xdg" / "byline" / (DB_NAME + "-wal")).exists()


def test_warm_start_names_the_unreadable_files_again(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    (corpus / "empty.txt").write_bytes(b"")
    first, again = [], []
    build_library([corpus], on_skip=first.append, cache=Cache(tmp_path / "cache"))
    lib = build_library([corpus], on_skip=again.append, cache=Cache(tmp_path / "cache"))
    assert _lazy(lib.articles) == 5
    assert [str(s) for s in again] == [str(s) for s in first] != []


def test_a_listed_article_whose_cache_row_is_gone_is_read_from_its_file(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    cache = Cache(tmp_path / "cache")
    warm = build_library([corpus], cache=cache)
    cache.db.execute("DELETE FROM files")
    assert [a.text for a in warm.articles] == [a.text for a in cold.articles]


def test_cache_of_another_version_is_rebuilt_in_place_with_a_warning(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    db = Cache(tmp_path / "cache").db
    db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    db.close()
    warnings = []
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", warn=warnings.append))
    assert lib.corpus.from_cache == 0 and len(lib.articles) == 5
    assert len(warnings) == 1 and "another Byline version" in warnings[0]
    assert not [p for p in os.listdir(tmp_path / "cache") if "broken" in p]
    assert build_library([corpus], cache=Cache(tmp_path / "cache")).corpus.from_cache == 5


def test_the_same_corpus_by_another_path_is_warm(tmp_path, monkeypatch):
    """A corpus opened as "c", "./c/" or by its absolute path, from anywhere,
    is the same files: the second opening reads nothing again."""
    corpus = make_corpus(tmp_path / "c")
    monkeypatch.chdir(tmp_path)
    cold = build_library(["c"], cache=Cache(tmp_path / "cache"))
    assert all(os.path.isabs(a.path) for a in cold.articles)
    monkeypatch.chdir(corpus)
    for spelling in (".", str(corpus), "../c/"):
        warm = build_library([spelling], cache=Cache(tmp_path / "cache"))
        assert warm.corpus.from_cache == 5 and _lazy(warm.articles) == 5, spelling
        assert [a.text for a in warm.articles] == [a.text for a in cold.articles]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), st.lists(st.integers(0, 2**32 - 1), max_size=40), max_size=30), st.text())
def test_stored_postings_read_back_as_the_same_mapping(mapping, probe):
    # Read back, keys are looked up by bisection in a sorted list: every key
    # (unicode, empty, prefixes of others) must still be found, and only those.
    mapping = {k: v for k, v in mapping.items() if "\n" not in k}
    back = stored_and_read_back(words=mapping)[1]
    assert len(back) == len(mapping)
    for k, v in mapping.items():  # found one key decoded at a time (not split yet)
        assert k in back and list(back[k]) == v and list(back.get(k)) == v
    assert (probe in back) == (probe in mapping)
    assert back.get(probe, "absent") == ("absent" if probe not in mapping else back[probe])
    assert 3 not in back and back.get(None) is None
    with pytest.raises(KeyError):
        back[probe + "\0missing"]
    assert not back.keys_.decoded
    assert list(back) == sorted(mapping) and set(back) == set(mapping)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(), st.lists(st.integers(0, 2**32 - 1), max_size=40), max_size=30), st.text())
def test_postings_held_packed_look_up_and_store_as_the_dict_did(mapping, probe):
    # Name finding holds the word postings packed as the index stores them:
    # the same lists by key, the dict let go, and stored as the dict would be.
    from array import array

    from tui.core.cache import HeldPostings

    mapping = {k: array("I", v) for k, v in mapping.items() if "\n" not in k}
    plain = {k: v.tolist() for k, v in mapping.items()}
    held = HeldPostings.of(mapping)
    assert mapping == {}
    assert len(held) == len(plain) and list(held) == sorted(plain)
    for k, v in plain.items():
        assert list(held[k]) == v and list(held.get(k, ())) == v
    assert (probe in held) == (probe in plain)
    assert held.get(probe + "\0missing") is None
    back = stored_and_read_back(words=held)[1]
    assert {k: list(back[k]) for k in back} == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), max_size=100) | st.lists(st.integers(0, 300), max_size=100).map(sorted))
def test_packed_integer_lists_read_back_the_same(values):
    # Short lists are stored as they are, long ones as compressed byte
    # planes; ascending or not, small or up to 2**32 - 1.
    from array import array

    from tui.core.cache import pack_ints, unpack_ints

    back = unpack_ints(pack_ints(array("I", values)))
    assert back.typecode == "I" and back.tolist() == values


def test_ascending_postings_are_stored_in_a_fraction_of_their_size():
    from array import array

    from tui.core.cache import pack_ints

    postings = array("I", range(5, 200_000, 7))
    assert len(pack_ints(postings)) < len(postings.tobytes()) / 10


def test_a_new_index_has_big_pages_and_gives_back_what_a_rebuild_frees(tmp_path):
    # 16 KB pages (a 4 KB page wasted a fifth of itself on files' rows); a
    # corpus stored again over itself leaves the file no bigger than about once.
    from array import array

    cache = Cache(tmp_path)
    assert cache.db.execute("PRAGMA page_size").fetchone()[0] == 16384
    assert cache.db.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
    import random

    rng = random.Random(7)  # numbers that compress poorly: the index is some megabytes
    words = {f"w{i}": array("I", sorted(rng.sample(range(1 << 31), 3000))) for i in range(600)}
    cache.store_corpus("k", "fp1", {"entities": [], "keys": ({}, {}, [], [], {}, [])}, words, {})
    cache.checkpoint()
    once = os.path.getsize(tmp_path / DB_NAME)
    for n in range(3):
        cache.store_corpus("k", f"fp{n + 2}", {"entities": [], "keys": ({}, {}, [], [], {}, [])}, words, {})
    cache.checkpoint()
    assert os.path.getsize(tmp_path / DB_NAME) < once * 1.2
    assert list(Cache(tmp_path).corpus("k", "fp4")[1]["w3"]) == list(words["w3"])
    # The corpus shrinks: the pages its old postings took go back to the disk.
    cache.store_corpus("k", "small", {"entities": [], "keys": ({}, {}, [], [], {}, [])}, {"w": [1, 2]}, {})
    cache.checkpoint()
    assert cache.db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert os.path.getsize(tmp_path / DB_NAME) < once / 4


def test_a_full_disk_is_said_once_and_leaves_a_usable_index(tmp_path):
    # SQLite's "database or disk is full", made by capping the file's pages:
    # one warning (not one per batch of files), every article still there,
    # and the next run, with room, reads and stores normally.
    import sqlite3

    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(300):
        (corpus / f"a{i}.txt").write_text(f"Headline {i}\n\n" + f"The story of Carrie Lam and Huawei, number {i}. " * 30)
    warnings = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)
    pages = cache.db.execute("PRAGMA page_count").fetchone()[0]
    cache.db.execute(f"PRAGMA max_page_count = {pages + 3}")
    lib = build_library([corpus], cache=cache)
    assert len(lib.articles) == 300 and len(lib.search("Carrie Lam").articles()) == 300
    assert len(warnings) == 1 and "full" in warnings[0] and "nothing more" in warnings[0]
    cache.close()
    again = []
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", warn=again.append))
    assert len(lib.articles) == 300 and not again
    assert build_library([corpus], cache=Cache(tmp_path / "cache")).corpus.from_cache == 300
    assert sqlite3.connect(tmp_path / "cache" / DB_NAME).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_older_index_is_rebuilt_with_todays_layout(tmp_path):
    import sqlite3

    old = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    old.execute("PRAGMA page_size = 4096")
    old.execute("PRAGMA journal_mode = WAL")
    old.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    old.execute("INSERT INTO meta VALUES ('app', 'byline-index'), ('schema', '1')")
    old.close()
    warnings = []
    cache = Cache(tmp_path, warn=warnings.append)
    assert "another Byline version" in warnings[0]
    assert cache.db.execute("PRAGMA page_size").fetchone()[0] == 16384
    assert cache.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(-(2**31), 2**31 - 1), max_size=12), max_size=8), st.integers(1, 40))
def test_stored_candidate_rows_read_back_and_damage_is_caught(rows, cut):
    # A file's candidates are stored as integer arrays, one per article (some
    # articles have none): they read back the same, and a cut row is an error
    # (the cache then re-reads the file), never wrong candidates.
    import zlib
    from array import array

    from tui.core.cache import unpack_arrays, pack_arrays

    blob = pack_arrays([array("i", r) for r in rows])
    assert [list(a) for a in unpack_arrays(blob)] == rows
    raw = zlib.decompress(blob)
    for damaged in (raw[: max(0, len(raw) - 4 * cut)], raw + b"\0\0\0\0", b""):
        if damaged != raw:
            with pytest.raises(ValueError):
                unpack_arrays(zlib.compress(damaged))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(), st.text(), st.text(), st.lists(st.text(), max_size=4), st.lists(st.text(), max_size=4)), max_size=8))
def test_stored_entity_rows_read_back_as_the_same_json(rows):
    # Entity rows are JSON written out from their strings (quotes, backslashes,
    # control characters, any script): each decodes to what was stored, and is
    # the very text the json module would have written for it.
    from array import array

    data = {"entities": [[*r, array("I", [i, 0, 0])] for i, r in enumerate(rows)], "keys": ({}, {}, [], [], {}, [])}
    back = stored_and_read_back(entities=data, one_shot=len(rows) % 2 == 1)[0]  # (from memory, or read as used)
    assert len(back["rows"]) == len(rows)
    for i, r in enumerate(rows):
        stored = bytes(back["rows"][i])
        assert json.loads(stored) == [*r[:3], *map(list, r[3:])]
        assert stored == json.dumps(list(r), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert list(back["flats"][i]) == [i, 0, 0]


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text().filter(lambda t: "\n" not in t), st.lists(st.text(), min_size=1, max_size=3)),
       st.lists(st.text().filter(lambda t: "\n" not in t)), st.text())
def test_stored_folded_words_read_back_as_the_same_mapping_and_set(extra, odd, probe):
    keys = ({}, {}, [], [], extra, odd)
    back = stored_and_read_back(entities={"entities": [], "keys": keys})[0]["keys"]
    assert dict(back[4]) == extra and set(back[5]) == set(odd)
    for k in [probe, *extra, *odd]:
        assert (k in back[4], back[4].get(k)) == (k in extra, extra.get(k))
        assert (k in back[5]) == (k in odd)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text().filter(lambda t: "\n" not in t), max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_stored_vocabulary_reads_back_by_index_slice_and_length(words, a, b):
    # A vocabulary is read back as Lines: single keys and runs of keys decoded
    # from their offsets, and the first key of each length from a stored table.
    from tui.core.search import FuzzyVocab

    plain = FuzzyVocab(words)
    keys = ({}, {}, plain.keys, ["unused"], {}, [])  # (the entities' vocabulary, then the words')
    back = stored_and_read_back(entities={"entities": [], "keys": keys})[0]["keys"][2]
    assert len(back) == len(words)
    assert [back[i] for i in range(len(words))] == plain.keys
    assert back[a:b] == plain.keys[a:b] and back[-1:] == plain.keys[-1:]
    stored = FuzzyVocab(back, ordered=True)
    assert stored.lengths is None  # where each length starts: read back, not recomputed
    # Keys of each length, and one edit from them, are found as in the plain list.
    for q in {w[:i] + w[i + 1 :] for w in words[::7] for i in range(len(w))} | set(words[::5]):
        assert stored.match(q, 80, limit=1000) == plain.match(q, 80, limit=1000), q
    assert list(back) == plain.keys


def test_indexing_stops_when_asked_and_stores_nothing(tmp_path):
    # The app asks to stop when the user quits: name finding over a big corpus
    # takes tens of seconds, and must not run on (or leave a half index) after.
    from tui.core.cache import corpus_key, fingerprint
    from tui.core.library import index_corpus
    from tui.core.loader import Cancelled, load_corpus

    root = make_corpus(tmp_path / "c", n=6)
    cache = Cache(tmp_path / "cache")
    corpus = load_corpus([root], scan=True, cache=cache)
    asked = []

    def stop():
        asked.append(1)
        return len(asked) > 1  # not at once: once name finding has begun

    with pytest.raises(Cancelled):
        index_corpus(corpus, cache, corpus_key([root]), stop)
    assert len(asked) == 2
    assert cache.corpus(corpus_key([root]), fingerprint(corpus.stats)) is None
    # Not stopped, the same corpus indexes and is stored.
    corpus = load_corpus([root], scan=True, cache=cache)
    lib = index_corpus(corpus, cache, corpus_key([root]), lambda: False)
    assert lib.search("Carrie Lam").hits
    assert cache.corpus(corpus_key([root]), fingerprint(corpus.stats)) is not None


def _byline(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "tui", *args, "--cache-dir", str(tmp_path / "cache")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def _spoil_part(db_path, part, seed, section=None):
    """Random bytes written over a stored corpus part (entities or postings),
    or only over one named section of it: a one-shot command reads a part a
    slice at a time, so damage elsewhere (say, in mentions it does not list)
    is not met by it, nor is it anything that command shows."""
    import random
    import sqlite3

    rnd = random.Random(seed)
    db = sqlite3.connect(db_path)
    rowid, n = db.execute("SELECT rowid, length(data) FROM corpus_parts WHERE part = ?", (part,)).fetchone()
    with db.blobopen("corpus_parts", "data", rowid) as blob:
        lo, hi = 0, n
        if section is not None:
            spans, pos = [], 0  # each section: its length in 8 bytes, then its bytes; the first names the rest
            while pos < n:
                size = int.from_bytes(blob[pos : pos + 8], "little")
                spans.append((pos + 8, pos + 8 + size))
                pos += 8 + size
            names = json.loads(blob[spans[0][0] : spans[0][1]])
            lo, hi = spans[names.index(section) + 1]
        for _ in range(20):
            blob.seek(rnd.randrange(lo, max(lo + 1, hi - 8)))
            blob.write(bytes(rnd.randrange(256) for _ in range(8)))
    db.commit()
    db.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_damaged_stored_entities_are_moved_aside_and_rebuilt_once(tmp_path, seed):
    corpus = make_corpus(tmp_path / "c", n=12)
    clean = _byline(tmp_path, "entities", "--json", str(corpus))
    assert clean.returncode == 0, clean.stderr
    _spoil_part(tmp_path / "cache" / DB_NAME, "entities", seed, section="rows")  # the names it lists
    first = _byline(tmp_path, "entities", "--json", str(corpus))
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    assert first.stdout == clean.stdout
    assert "moved it to index.sqlite.broken-" in first.stderr
    again = _byline(tmp_path, "entities", "--json", str(corpus))
    assert (again.returncode, again.stderr, again.stdout) == (0, "", clean.stdout)  # once, then quiet
    search = _byline(tmp_path, "search", "carrie lam", "--json", str(corpus))
    assert len(json.loads(search.stdout)["hits"]) == 12


def test_damage_found_after_opening_is_moved_aside_not_met_again(tmp_path):
    import sqlite3

    warnings = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)
    cache.renew(sqlite3.DatabaseError("database disk image is malformed"))
    assert any(n.startswith(DB_NAME + ".broken-") for n in os.listdir(tmp_path / "cache"))
    assert len(warnings) == 1 and "moved it to" in warnings[0]
    corpus = make_corpus(tmp_path / "c")
    lib = build_library([str(corpus)], cache=cache)  # the new index is used at once
    assert len(lib.articles) == 5 and cache.lookup(lib.corpus.stats)
    cache.close()


def test_damage_that_cannot_be_moved_aside_leaves_a_working_run(tmp_path, monkeypatch):
    import sqlite3

    warnings = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)

    def refuse(*_):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    cache.renew(sqlite3.DatabaseError("database disk image is malformed"))
    assert warnings == [f"the index cache {cache.path} is damaged (database disk image is malformed) "
                        "and could not be moved aside; working without it"]
    lib = build_library([str(make_corpus(tmp_path / "c"))], cache=cache)
    assert len(lib.search("carrie lam").hits) == 5
    # And a damaged file found while opening, on a disk where it cannot be moved:
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro" / DB_NAME).write_bytes(b"\x00junk" * 1000)
    from tui.core.cache import CacheError

    with pytest.raises(CacheError, match="could not be moved aside"):
        Cache(tmp_path / "ro", warn=warnings.append)


def test_a_long_lived_session_finds_damaged_parts_by_their_checksum(tmp_path):
    """The app reads a corpus's parts whole: a damaged one fails its checksum
    there, and the index is rebuilt, instead of a name failing to decode later."""
    corpus = make_corpus(tmp_path / "c", n=12)
    assert _byline(tmp_path, "entities", str(corpus)).returncode == 0
    clean = sorted(e.name for e in build_library([str(corpus)], cache=None).entities.entities)
    _spoil_part(tmp_path / "cache" / DB_NAME, "entities", 2)
    warnings = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)  # as the app opens it
    lib = build_library([str(corpus)], cache=cache)
    assert any("checksum" in w for w in warnings)
    assert sorted(e.name for e in lib.entities.entities) == clean  # every name decodes
    cache.close()
    warnings.clear()
    cache = Cache(tmp_path / "cache", warn=warnings.append)
    build_library([str(corpus)], cache=cache)
    assert warnings == []  # rebuilt and stored again: not met twice
    cache.close()


def test_the_cache_version_covers_the_libraries_whose_output_is_stored(monkeypatch, tmp_path):
    """Another release of the page extractor, feed reader or charset
    detector may read files otherwise: their cached rows are not reused."""
    from tui.core import cache as cache_mod

    assert "trafilatura-" in cache_mod.library_versions()  # found where pip put it
    versions = []
    for release in ("trafilatura-2.3.1.dist-info", "trafilatura-2.4.0.dist-info"):
        monkeypatch.setattr(cache_mod, "_VERSION", None)
        monkeypatch.setattr(cache_mod, "_ROWS_VERSION", None)
        monkeypatch.setattr(cache_mod, "library_versions", lambda r=release: r)
        versions.append((cache_mod.code_version(), cache_mod.rows_version()))
    assert versions[0][0] != versions[1][0] and versions[0][1] != versions[1][1]


def test_a_folder_in_the_caches_place_and_garbage_in_its_journal(tmp_path):
    corpus = make_corpus(tmp_path / "c")
    (tmp_path / "cache" / DB_NAME).mkdir(parents=True)  # a folder where the index file should be
    r = _byline(tmp_path, "list", "--json", str(corpus))
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 5
    assert r.stderr.startswith("byline: working without the index cache: ") and "Traceback" not in r.stderr
    os.rmdir(tmp_path / "cache" / DB_NAME)
    assert _byline(tmp_path, "list", str(corpus)).returncode == 0  # an index now
    (tmp_path / "cache" / (DB_NAME + "-wal")).write_bytes(os.urandom(5000))
    (tmp_path / "cache" / (DB_NAME + "-shm")).write_bytes(os.urandom(40000))
    r = _byline(tmp_path, "search", "carrie lam", "--json", str(corpus))
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert len(json.loads(r.stdout)["hits"]) == 5


def test_opening_waits_out_another_process_setting_the_index_up(tmp_path, monkeypatch):
    """Processes creating a new index at once can find it locked while one
    switches it to WAL (seen once in many runs of three): a few tries."""
    import sqlite3

    real = Cache._connect
    calls = []

    def locked_twice(self):
        calls.append(1)
        if len(calls) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return real(self)

    monkeypatch.setattr(Cache, "_connect", locked_twice)
    warnings = []
    cache = Cache(tmp_path / "cache", warn=warnings.append)
    assert len(calls) == 3 and warnings == []
    assert build_library([str(make_corpus(tmp_path / "c"))], cache=cache).corpus.from_cache == 0
    cache.close()


# -- folders' times: a big corpus's commands look at folders, not every file --


def _by_folders(tmp_path, monkeypatch, **kw):
    """A corpus in two folders, indexed once; then a one-shot open that may go
    by the folders' times (every corpus counts as big here)."""
    from tui.core import library

    monkeypatch.setattr(library, "FOLDER_TIMES_FROM", 1)
    corpus = tmp_path / "c"
    make_corpus(corpus / "one", n=3)
    make_corpus(corpus / "two", n=2)
    build_library([corpus], cache=Cache(tmp_path / "cache"))

    def reopen(**kw):
        seen = []
        cache = Cache(tmp_path / "cache", one_shot=True)  # (open while the library reads it)
        return library.open_library([corpus], cache, on_skip=seen.append, **kw), seen

    return corpus, reopen


def _texts(lib):
    return sorted(a.text for a in lib.articles)


def test_unchanged_folders_open_the_index_without_looking_at_every_file(tmp_path, monkeypatch):
    from tui.core import library

    corpus, reopen = _by_folders(tmp_path, monkeypatch)
    looked = []
    find_files = library.find_files
    monkeypatch.setattr(library, "find_files", lambda *a, **k: looked.append(a) or find_files(*a, **k))
    reopen(trust_folders=False)
    assert len(looked) == 1
    looked.clear()
    lib, _ = reopen(trust_folders=True)
    assert looked == [] and len(lib.articles) == 5
    assert lib.corpus.from_cache == 5
    assert lib.search("huawei").hits and len({h.article for h in lib.search("huawei").hits}) == 5


def test_a_file_added_removed_or_renamed_is_seen_by_its_folders_time(tmp_path, monkeypatch):
    corpus, reopen = _by_folders(tmp_path, monkeypatch)
    (corpus / "two" / "new.txt").write_text(ARTICLE.format(n="new one"))
    lib, _ = reopen(trust_folders=True)
    assert any("new one" in a.text for a in lib.articles) and len(lib.articles) == 6
    (corpus / "one" / "a0.txt").unlink()
    lib, _ = reopen(trust_folders=True)
    assert len(lib.articles) == 5 and str(corpus / "one" / "a0.txt") not in {a.path for a in lib.articles}
    (corpus / "one" / "a1.txt").rename(corpus / "one" / "renamed.txt")
    lib, _ = reopen(trust_folders=True)
    assert sorted(os.path.basename(a.path) for a in lib.articles if "/one/" in a.path) == ["a2.txt", "renamed.txt"]


def test_a_file_rewritten_in_place_is_seen_when_every_file_is_looked_at(tmp_path, monkeypatch):
    corpus, reopen = _by_folders(tmp_path, monkeypatch)
    folder_time = os.stat(corpus / "one").st_mtime_ns
    with open(corpus / "one" / "a0.txt", "w") as fh:  # in place: the folder keeps its time
        fh.write(ARTICLE.format(n="rewritten"))
    assert os.stat(corpus / "one").st_mtime_ns == folder_time
    by_folders, _ = reopen(trust_folders=True)
    assert not any("rewritten" in a.text for a in by_folders.articles)  # as the README says
    refreshed, _ = reopen(trust_folders=False)
    assert any("rewritten" in a.text for a in refreshed.articles)


def test_records_files_are_looked_at_even_by_folders_times(tmp_path, monkeypatch):
    # A JSON Lines archive is added to in place, day after day.
    corpus, reopen = _by_folders(tmp_path, monkeypatch)
    feed = corpus / "two" / "feed.jsonl"
    feed.write_text(json.dumps({"title": "First record here", "text": "Carrie Lam spoke. It ends."}) + "\n")
    lib, _ = reopen(trust_folders=False)
    assert len(lib.articles) == 6
    folder_time = os.stat(corpus / "two").st_mtime_ns
    with open(feed, "a") as fh:
        fh.write(json.dumps({"title": "Second record here", "text": "Huawei grew. It ends."}) + "\n")
    assert os.stat(corpus / "two").st_mtime_ns == folder_time
    lib, _ = reopen(trust_folders=True)
    assert len(lib.articles) == 7 and any(a.title == "Second record here" for a in lib.articles)


def test_folders_times_give_the_same_skips_and_results_as_looking_at_every_file(tmp_path, monkeypatch):
    corpus, reopen = _by_folders(tmp_path, monkeypatch)
    (corpus / "one" / "README.md").write_text("# notes\n")
    full, skipped_full = reopen(trust_folders=False)
    fast, skipped_fast = reopen(trust_folders=True)
    assert [s.reason for s in skipped_fast] == [s.reason for s in skipped_full] != []
    assert [a.to_dict() for a in fast.articles] == [a.to_dict() for a in full.articles]
    for q in QUERIES:
        assert fast.search(q).hits == full.search(q).hits, q


def test_a_small_corpus_always_looks_at_every_file(tmp_path):
    from tui.core import library

    corpus = make_corpus(tmp_path / "c", n=3)
    assert library.FOLDER_TIMES_FROM > 3
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    with open(corpus / "a0.txt", "w") as fh:
        fh.write(ARTICLE.format(n="rewritten"))
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), trust_folders=True)
    assert any("rewritten" in a.text for a in lib.articles)


def test_a_small_indexed_corpus_opens_without_walking_its_folders(tmp_path, monkeypatch):
    """Its files' own times are compared with the index's, not found by a
    walk: what is added, removed or rewritten is still seen."""
    import os

    from tui.core import library

    corpus = make_corpus(tmp_path / "c", n=3)
    build_library([corpus], cache=Cache(tmp_path / "cache"))

    def no_walk(*args, **kwargs):
        raise AssertionError("walked the folders")

    with monkeypatch.context() as m:
        m.setattr(library, "find_files", no_walk)
        lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), trust_folders=True)
        assert len(lib.articles) == 3
    (corpus / "a0.txt").write_text(ARTICLE.format(n="rewritten"))
    os.utime(corpus, ns=(os.stat(corpus).st_atime_ns, os.stat(corpus).st_mtime_ns))  # (the folder's time as it was)
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), trust_folders=True)
    assert any("rewritten" in a.text for a in lib.articles)
    (corpus / "a9.txt").write_text(ARTICLE.format(n="added"))
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), trust_folders=True)
    assert len(lib.articles) == 4 and any("added" in a.text for a in lib.articles)


def test_folders_kept_by_other_code_are_not_trusted(tmp_path, monkeypatch):
    """After an upgrade, the folders' times kept by the old code would lead
    to the old code's index (its fingerprint is that code's): the corpus is
    looked at whole and indexed for this code instead."""
    from tui.core import cache as cache_module
    from tui.core import library
    from tui.core.cache import corpus_key, fingerprint
    from tui.core.loader import find_files

    corpus = make_corpus(tmp_path / "c", n=3)
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    key = corpus_key([corpus])
    assert library.look_at_folders(Cache(tmp_path / "cache", one_shot=True), key) is not None
    monkeypatch.setattr(cache_module, "_VERSION", "the next release")
    assert library.look_at_folders(Cache(tmp_path / "cache", one_shot=True), key) is None
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), trust_folders=True)
    assert len(lib.articles) == 3
    now = fingerprint(find_files([corpus]).stats)
    assert Cache(tmp_path / "cache", one_shot=True).corpus(key, now) is not None
    assert library.look_at_folders(Cache(tmp_path / "cache", one_shot=True), key) is not None


def test_a_one_shot_command_makes_only_the_articles_it_uses(tmp_path):
    from tui.core.library import ListedArticles

    corpus = _seeded_corpus(tmp_path)
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    warm = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True))
    arts = warm.articles
    assert isinstance(arts, ListedArticles)
    hits = warm.search("huawei").hits
    assert hits == cold.search("huawei").hits
    assert {i for i, a in enumerate(arts.made) if a is not None} == {h.article for h in hits}
    assert arts[-1].to_dict() == cold.articles[-1].to_dict()
    assert [a.id for a in arts[1:3]] == [a.id for a in cold.articles[1:3]]
    assert [a.to_dict() for a in arts] == [a.to_dict() for a in cold.articles]
    assert warm.corpus.get(cold.articles[2].id) is arts[2]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5000), st.integers(0, 3)), max_size=200))
def test_mentions_are_listed_by_article_in_their_order(triples):
    from array import array

    from tui.core.cache import mentions_by_article

    body = array("I", [x for t in triples for x in t])
    ends, numbers = mentions_by_article(body)
    want: dict[int, list[int]] = {}
    for m, (article, _, _) in enumerate(triples):
        want.setdefault(article, []).append(m)
    got = {a: list(numbers[(ends[a - 1] if a else 0) : ends[a]]) for a in range(len(ends))}
    assert {a: ms for a, ms in got.items() if ms} == want
    assert len(ends) == (max(want) + 1 if want else 0) and sorted(numbers) == list(range(len(triples)))


_PARAGRAPH = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\udce9", ",", "\n"]), max_size=30).filter(
    lambda p: "\n\n" not in p and p and not p.startswith("\n") and not p.endswith("\n")
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PARAGRAPH, max_size=4), max_size=4))
def test_a_files_row_reads_back_whole_and_its_texts_alone(texts):
    from tui.core.cache import pack_file, unpack_file, unpack_texts

    row = {"hyphens": {"co-op": 1}, "articles": [{"id": f"a{i}", "paragraphs": p, "raw": None} for i, p in enumerate(texts)]}
    blob = pack_file(row)
    assert unpack_file(blob) == row
    assert unpack_texts(blob) == ["\n\n".join(p) for p in texts]


def test_names_found_again_from_the_index_gather_the_same_in_worker_processes(tmp_path, monkeypatch):
    # When files leave a corpus, every other file is read back from the index
    # and names are found again: the corpus pass over them runs in workers.
    import shutil

    from tui.core import loader

    corpus = _seeded_corpus(tmp_path)
    make_corpus(corpus / "more", n=12)
    (corpus / "gone.txt").write_text(ARTICLE.format(n="gone"))
    in_workers = loader._in_workers  # (the real processes, watched)

    def reindexed(workers_from):
        cache_dir = tmp_path / f"cache{workers_from}"
        shutil.rmtree(cache_dir, ignore_errors=True)
        build_library([corpus], cache=Cache(cache_dir))
        (corpus / "gone.txt").rename(tmp_path / "gone.txt")
        monkeypatch.setattr(loader, "PARALLEL_MIN_FILES", workers_from)
        calls = []
        monkeypatch.setattr(loader, "_in_workers", lambda fn, *cols, workers: calls.extend(map(len, cols[1])) or in_workers(
            fn, *cols, workers=2))
        lib = build_library([corpus], cache=Cache(cache_dir))
        (tmp_path / "gone.txt").rename(corpus / "gone.txt")
        return lib, calls

    here, calls_here = reindexed(10_000)
    there, calls_there = reindexed(2)
    monkeypatch.undo()
    assert calls_here == [] and sum(calls_there) == len({a.path for a in there.articles})
    assert len(there.articles) == len(here.articles) > 15
    assert [e.to_dict() for e in there.entities.entities] == [e.to_dict() for e in here.entities.entities]
    assert dict(there.index.postings.items()) == dict(here.index.postings.items())
    for q in QUERIES:
        assert there.search(q).hits == here.search(q).hits, q


def test_a_file_named_by_itself_is_looked_at_even_by_folders_times(tmp_path, monkeypatch):
    from tui.core import library

    monkeypatch.setattr(library, "FOLDER_TIMES_FROM", 1)
    folder = make_corpus(tmp_path / "c", n=3)
    single = tmp_path / "single.txt"
    single.write_text(ARTICLE.format(n="single"))
    build_library([folder, single], cache=Cache(tmp_path / "cache"))
    with open(single, "w") as fh:  # in place, in a folder not walked
        fh.write(ARTICLE.format(n="rewritten"))
    lib = build_library([folder, single], cache=Cache(tmp_path / "cache", one_shot=True), trust_folders=True)
    assert any("rewritten" in a.text for a in lib.articles)


def test_found_entities_stay_packed_and_read_back_the_same(tmp_path):
    """Name finding packs the entities as the store writes them: none is
    made an object by finding, keying or storing them, and read back
    from the index each is the same, in the same order (most mentioned first)."""
    from tui.core.entities import PackedEntities

    cold = build_library([SEEDS], cache=Cache(tmp_path))
    packed = cold.entities.entities
    assert isinstance(packed, PackedEntities) and packed.held
    assert packed.made == [None] * len(packed)
    warm = build_library([SEEDS], cache=Cache(tmp_path))
    assert warm.corpus.from_cache

    def described(lib):
        return [(e.key, e.name, e.kind, e.variants, [tuple(m) for m in e.mentions]) for e in lib.entities.entities]

    assert described(cold) == described(warm) and len(described(cold)) > 50
    counts = [e.count for e in cold.entities.entities]
    assert counts == sorted(counts, reverse=True)
    # The search keys made from the rows are those made from the objects.
    from tui.core.search import _entity_keys

    assert _entity_keys(cold.entities) == _entity_keys(type(cold.entities)(list(cold.entities.entities), ordered=True))
    assert cold.search("Carrie Lam").hits == warm.search("Carrie Lam").hits != []


def test_a_change_to_corpus_wide_code_reads_every_file_back_not_again(tmp_path, monkeypatch):
    """Another version of the search or the listing finds names again over
    the files' stored rows; another version of the cleaning reads the files."""
    from tui.core import cache as cache_mod

    corpus = make_corpus(tmp_path / "c")
    cold = build_library([corpus], cache=Cache(tmp_path / "cache"))
    monkeypatch.setattr(cache_mod, "_VERSION", "another search")
    lib = build_library([corpus], cache=Cache(tmp_path / "cache"))
    assert lib.names_found and lib.corpus.from_cache == 5  # names found again, over the rows read back
    assert [a.to_dict() for a in lib.articles] == [a.to_dict() for a in cold.articles]
    assert lib.search("carrie lam").hits == cold.search("carrie lam").hits
    monkeypatch.setattr(cache_mod, "_ROWS_VERSION", "another cleaner")  # (which is another version of the whole)
    monkeypatch.setattr(cache_mod, "_VERSION", "another cleaner")
    again = build_library([corpus], cache=Cache(tmp_path / "cache"))
    assert again.names_found and again.corpus.from_cache == 0


def _imported(module: str) -> set[str]:
    """The core modules ``module`` imports, at the top or inside a function, and
    what they import in turn (as paths under tui/core)."""
    import ast

    core = ROOT / "tui" / "core"
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        path = core.joinpath(*name.split(".")[2:])
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        rel = path.relative_to(core).as_posix()
        if rel in seen or not path.exists():
            continue
        seen.add(rel)
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
                if target.startswith("tui.core"):
                    todo.append(target)
                    todo += [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                todo += [a.name for a in node.names if a.name.startswith("tui.core")]
    return seen


def test_nothing_that_cleans_a_file_is_left_out_of_the_rows_version(tmp_path):
    from tui.core import cache as cache_mod

    cleaning = _imported("tui.core.loader")  # (a file's row is made there, in worker processes too)
    assert {"reading.py", "text.py", "names/scan.py", "cache.py"} <= cleaning  # (the walk finds imports)
    assert cleaning.isdisjoint(cache_mod.CORPUS_ONLY)
    core = ROOT / "tui" / "core"
    assert all((core / name).is_file() for name in cache_mod.CORPUS_ONLY)
    # Then a change to a corpus-wide module leaves the rows' version as it was.
    import shutil

    root = tmp_path / "core"
    shutil.copytree(core, root, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_mod.digest_of_core(str(root)), cache_mod.digest_of_core(str(root), rows=True)
    with open(root / "search.py", "a") as fh:
        fh.write("\n# another search\n")
    after = cache_mod.digest_of_core(str(root)), cache_mod.digest_of_core(str(root), rows=True)
    assert after[0] != before[0] and after[1] == before[1]
    with open(root / "reading.py", "a") as fh:
        fh.write("\n# another reader\n")
    assert cache_mod.digest_of_core(str(root), rows=True) != before[1]


def test_files_unchanged_sees_a_change_or_a_loss(tmp_path):
    """A file rewritten (another size or time) or gone is seen wherever it is in the list."""
    from tui.core.library import files_unchanged

    rows = []
    for i in range(1200):
        path = tmp_path / f"f{i}.txt"
        path.write_text("x" * (i % 7))
        st = path.stat()
        rows.append([str(path), st.st_size, st.st_mtime_ns])
    assert files_unchanged(rows) and files_unchanged(rows[:10])
    for i in (3, 1100):
        changed = [r[:] for r in rows]
        changed[i][1] += 1
        assert not files_unchanged(changed)
        changed = [r[:] for r in rows]
        changed[i][2] -= 1
        assert not files_unchanged(changed)
    os.unlink(rows[1150][0])
    with pytest.raises(OSError):
        files_unchanged(rows)
