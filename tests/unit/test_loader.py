"""Reading files: encodings, bad files, folder walking; never writing."""

from __future__ import annotations

import hashlib
import os
import sys

import pytest

from conftest import SEEDS
from tui.core.loader import discover, load_corpus
from tui.core.reading import decode


def _hash_tree(root):
    h = {}
    for dirpath, _dirnames, filenames in os.walk(root):
        for f in filenames:
            p = os.path.join(dirpath, f)
            if os.path.islink(p):
                continue
            with open(p, "rb") as fh:
                h[p] = hashlib.sha256(fh.read()).hexdigest()
    return h


ARTICLE = "A headline for the story\n\nThe body of the story is one sentence long. It has two.\n"


def test_decodings():
    assert decode("Zürich".encode()) == "Zürich"
    assert decode(b"\xef\xbb\xbfBOM text") == "BOM text"
    assert decode("UTF-16 text".encode("utf-16")) == "UTF-16 text"
    assert decode(b"price \xa3600m") == "price £600m"


def test_decoding_other_charsets_by_detection():
    for enc, text in [
        ("gb18030", "上海市普陀区与深圳奥比中光科技有限公司合作，共同开发人工智能三维视觉传感器。"),
        ("big5", "台北市政府今天宣布新的交通政策，將於下個月開始實施。這是一篇新聞報導。"),
        ("shift_jis", "東京都は本日、新しい交通政策を発表しました。これはニュース記事です。"),
        ("cp1251", "Москва. Президент России сегодня встретился с министрами правительства."),
        ("cp1250", "Warszawa. Prezydent Polski spotkał się dziś z ministrami rządu. Łódź też."),
    ]:
        assert decode((text * 2).encode(enc)) == text * 2, enc
    # French in cp1252 stays cp1252 though a Baltic code page reads it too.
    french = "The café served crème brûlée, priced at £6, to the guests. Déjà vu. " * 2
    assert decode(french.encode("cp1252")) == french


def test_a_folders_readme_is_not_an_article(tmp_path):
    (tmp_path / "story.txt").write_text(ARTICLE)
    (tmp_path / "README.TXT").write_text("About this corpus\n\nThese files come from a scraper. Use them well.\n")
    (tmp_path / "LICENSE.md").write_text("Licence terms\n\nYou may share these files. Keep this notice.\n")
    skipped = []
    corpus = load_corpus([tmp_path], on_skip=skipped.append)
    assert [a.title for a in corpus.articles] == ["A headline for the story"]
    assert sorted(os.path.basename(s.path) for s in skipped) == ["LICENSE.md", "README.TXT"]
    assert all("not an article" in s.reason for s in skipped)
    # Named on its own, it is read: the user asked for it.
    assert len(load_corpus([tmp_path / "README.TXT"])) == 1


def test_bad_files_are_skipped_with_reasons_and_the_rest_loads(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "latin1.txt").write_bytes(b"Price story headline here\n\nIt cost \xa3600m in total. Really.\n")
    (tmp_path / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / "notes.pdf").write_text(ARTICLE)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "deep.md").write_text("# Markdown headline here\n\nBody text of markdown, a sentence.\n")
    os.symlink(tmp_path, sub / "loop")
    before = _hash_tree(tmp_path)
    skipped = []
    corpus = load_corpus([tmp_path], on_skip=skipped.append)
    reasons = {os.path.basename(s.path): s.reason for s in skipped}
    assert reasons == {"empty.txt": "empty file", "binary.txt": "binary file"}
    titles = sorted(a.title for a in corpus.articles)
    assert titles == ["A headline for the story", "A headline for the story", "Markdown headline here", "Price story headline here"]
    assert "£600m" in next(a for a in corpus.articles if a.title.startswith("Price")).text
    assert _hash_tree(tmp_path) == before


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text(ARTICLE)
    (tmp_path / "fine.txt").write_text(ARTICLE)
    if os.geteuid() != 0:
        p.chmod(0)
    else:  # root reads anything: make the open fail as it would for a user
        from tui.core import reading

        real_open = open

        def deny(path, *a, **kw):
            if str(path).endswith("secret.txt"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *a, **kw)

        monkeypatch.setattr(reading, "open", deny, raising=False)
    skipped = []
    corpus = load_corpus([tmp_path], on_skip=skipped.append)
    assert [s.reason for s in skipped] == ["permission denied"]
    assert [os.path.basename(a.path) for a in corpus.articles] == ["fine.txt"]


def test_missing_path_reported(tmp_path):
    skipped = []
    assert list(discover([tmp_path / "nope"], skipped.append)) == []
    assert skipped[0].reason == "no such file or directory"


def test_ids_are_stable_and_unique(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    one = [a.id for a in load_corpus([tmp_path]).articles]
    two = [a.id for a in load_corpus([tmp_path]).articles]
    assert one == two and len(set(one)) == 2
    assert all(len(i) <= 12 for i in one)


# -- The corpus as evidence for line-end hyphens ---------------------------

_WRAPPED = "Cup tie report for the day\n\nThe captain and his team-\nmates left early. They were\nworld-\nwide stars of the game.\n"


def _text_of(corpus, name):
    return next(a.text for a in corpus.articles if a.path.endswith(name))


def test_the_corpus_says_how_a_broken_compound_is_written(tmp_path):
    (tmp_path / "b.txt").write_text(_WRAPPED)
    alone = _text_of(load_corpus([tmp_path]), "b.txt")
    # Alone, general English decides: "teammates" and "worldwide" are words.
    assert "teammates" in alone and "worldwide" in alone
    (tmp_path / "a.txt").write_text(
        "Another match report here\n\nHis team-mates and the team-mates of the other side played worldwide.\n"
    )
    beside = _text_of(load_corpus([tmp_path]), "b.txt")
    assert "team-mates" in beside and "worldwide" in beside


def test_a_cached_text_is_cleaned_again_when_the_corpus_evidence_changes(tmp_path):
    from tui.core.cache import Cache

    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "b.txt").write_text(_WRAPPED)
    cache_dir = tmp_path / "cache"
    assert "teammates" in _text_of(load_corpus([corpus_dir], cache=Cache(cache_dir)), "b.txt")
    # A new file writes the compound with its hyphen: b.txt, unchanged, must not keep its stale text.
    (corpus_dir / "a.txt").write_text("Another match report here\n\nHis team-mates and their team-mates won.\n")
    corpus = load_corpus([corpus_dir], cache=Cache(cache_dir))
    assert "team-mates" in _text_of(corpus, "b.txt")
    assert corpus.from_cache == 0  # b.txt cleaned again, a.txt new
    # Nothing changed: both come from the cache, as they were.
    corpus = load_corpus([corpus_dir], cache=Cache(cache_dir))
    assert corpus.from_cache == 2 and "team-mates" in _text_of(corpus, "b.txt")
    # The evidence gone, the text goes back.
    (corpus_dir / "a.txt").unlink()
    corpus = load_corpus([corpus_dir], cache=Cache(cache_dir))
    assert "teammates" in _text_of(corpus, "b.txt") and corpus.from_cache == 0


# -- Each file once, and only files -----------------------------------------

def test_each_article_is_listed_once_however_it_is_reached(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text(ARTICLE)
    (root / "b.txt").write_text(ARTICLE.replace("headline", "title"))
    os.symlink(root / "a.txt", root / "link-to-a.txt")
    corpus = load_corpus([root, root, root / "a.txt", str(root) + "/"])
    assert sorted(os.path.basename(a.path) for a in corpus.articles) == ["a.txt", "b.txt"]


def test_a_very_deep_tree_is_walked(tmp_path):
    deep = str(tmp_path)
    for _ in range(1500):  # (os.makedirs would recurse itself)
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    story = os.path.join(deep, "story.txt")
    with open(story, "w") as fh:
        fh.write(ARTICLE)
    try:
        assert len(load_corpus([tmp_path])) == 1
    finally:
        # Taken down here, deepest first: pytest's clean-up recurses and would fail.
        os.unlink(story)
        while deep != str(tmp_path):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def test_devices_pdfs_and_archives_are_skipped_with_reasons(tmp_path):
    (tmp_path / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n" * 20)
    (tmp_path / "doc.txt").write_bytes(b"PK\x03\x04" + b"\x14\x00" * 100)
    # Formats caught by their first bytes, though what follows has no NUL byte:
    for name, head in [("old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), ("pic.txt", b"\x89PNG\r\n\x1a\n"),
                       ("photo.md", b"\xff\xd8\xff\xe0"), ("notes.txt", b"{\\rtf1\\ansi "),
                       ("packed.txt", b"\x1f\x8b\x08"), ("bz.txt", b"BZh9"), ("prog.txt", b"\x7fELF")]:
        (tmp_path / name).write_bytes(head + b"x1y2z3 " * 300)
    (tmp_path / "bzh.txt").write_bytes(b"BZh is how a bzip2 file starts, said the engineer.\n\nIt is text.\n")
    skipped = []
    corpus = load_corpus([tmp_path, "/dev/zero"], on_skip=skipped.append)
    assert [os.path.basename(a.path) for a in corpus.articles] == ["bzh.txt"]
    reasons = {os.path.basename(s.path): s.reason for s in skipped}
    assert reasons["report.txt"].startswith("a PDF") and reasons["doc.txt"].startswith("a ZIP")
    assert reasons["old.txt"].startswith("an old Office document") and reasons["notes.txt"].startswith("an RTF")
    assert reasons["pic.txt"] == "an image (PNG), not text" and reasons["photo.md"] == "an image (JPEG), not text"
    assert reasons["packed.txt"].startswith("gzip") and reasons["bz.txt"].startswith("bzip2")
    assert reasons["prog.txt"] == "a program, not text"
    assert reasons["zero"].startswith("not a regular file")


def test_the_collector_pause_is_counted_and_nothing_is_frozen():
    """Pauses running at once (the app loads in one thread and searches in
    another) switch the collector back on only when the last ends, and only
    if it was on; building a library from a thread freezes nothing."""
    import gc
    import threading

    from tui.core.collector import paused_gc
    from tui.core.library import build_library

    assert gc.isenabled()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still runs
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()

    gc.unfreeze()  # (what earlier tests' apps froze goes back to the collector)
    done = []
    worker = threading.Thread(target=lambda: done.append(build_library([SEEDS])))
    worker.start()
    worker.join()
    lib = done[0]
    assert lib.search("Shanghai").hits
    assert gc.isenabled() and gc.get_freeze_count() == 0


_GIVE_BACK_PROBE = """
import os
from array import array

from tui.core.collector import give_back


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


give_back()
before = rss_mb()
held = [array("I", range(1000)) for _ in range(50_000)]  # 4 KB each, 200 MB
grown = rss_mb()
keep = held[::100]  # every hundredth stays: the freed ones are holes, not the heap's end
del held
kept_back = rss_mb()
give_back()
after = rss_mb()
print(before, grown, kept_back, after, len(keep))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and glibc's malloc_trim: Linux only")
def test_memory_freed_piece_by_piece_is_given_back():
    """Many small arrays freed leave their pages with the C library's
    allocator; give_back returns them to the system (as indexing does once
    a million articles' postings are packed and their candidates read).
    Measured in a fresh interpreter: in the test process, pages freed by
    earlier tests would be reused and blur what is measured."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", _GIVE_BACK_PROBE], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    before, grown, kept_back, after, kept = (float(x) for x in out.split())
    assert kept == 500
    assert grown - before > 150, out
    assert kept_back - after > 100, out


def test_progress_counts_the_first_pass_for_hyphens_then_the_reading(tmp_path, monkeypatch):
    """Files read afresh are read twice: for the corpus's line-end hyphens,
    then to clean them; each pass is counted, a few thousand files at most a
    step (a million files once gave nothing to show for a minute and a half)."""
    import tui.core.loader as loader

    for i in range(40):
        (tmp_path / f"s{i:02d}.txt").write_text(f"Story {i}\n\nThe council met on Mon-\nday in Strelsau.\n")
    monkeypatch.setattr(loader, "CENSUS_CHUNK", 10)
    calls = []
    corpus = loader.load_corpus([tmp_path], on_progress=lambda *a: calls.append(a), workers=1)
    assert len(corpus.articles) == 40
    census = [c for c in calls if c[2:] == ("census",)]
    reading = [c for c in calls if len(c) == 2]
    assert census == [(10, 40, "census"), (20, 40, "census"), (30, 40, "census"), (40, 40, "census")]
    assert calls.index(census[-1]) < calls.index(reading[0]) and reading[-1] == (40, 40)
