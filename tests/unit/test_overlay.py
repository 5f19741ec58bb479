"""A corpus a few files of which changed since it was indexed whole: searched
as the index with those files indexed apart (tui/core/overlay.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

from tui.core import library, overlay
from tui.core.cache import Cache
from tui.core.library import build_library, overlay_key
from tui.core.overlay import OverlaidArticles, Overlay, overlaid

STORY = "{title}\n\n{body}\n"
PEOPLE = ["Carrie Lam", "Tony Blair", "Angela Merkel", "Xi Jinping", "Jacinda Ardern", "Cyril Ramaphosa"]
CITIES = ["Geneva", "Nairobi", "Lisbon", "Montevideo", "Reykjavik", "Hanoi"]


def _corpus(root):
    shutil.copytree(SEEDS, root / "seeds")
    for i, who in enumerate(PEOPLE):
        other = PEOPLE[(i + 1) % len(PEOPLE)]
        body = (f"{who} met {other} in {CITIES[i]} on Monday, officials said. {who.split()[-1]} told reporters "
                f"that the talks with Huawei and the World Bank had gone well.")
        (root / f"s{i}0.txt").write_text(STORY.format(title=f"{who} in {CITIES[i]}", body=body))
    return root


def _touch_later(path):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def _change(root):
    """A file added between two others, one rewritten, one removed."""
    (root / "s25.txt").write_text(STORY.format(
        title="Zorblax Quint wins", body="Zorblax Quint, chief executive of Quintronics, met Tony Blair in Oslo."))
    f = root / "s10.txt"
    f.write_text(f.read_text().replace("Huawei", "Tencent"))
    _touch_later(f)
    (root / "s40.txt").unlink()


QUERIES = ["Tony Blair", "blair", "Zorblax Quint", "Quintronics", "Tencent", "Huawei", "Jacinda Ardern",
           "Jacinda Arden", "carrie lam", "World Bank", '"met Tony"', "Merkel | Ardern", "Geneva", "Reykjavik", "Xiaoou Tang"]


def _hits(lib, q):
    return [(h.article, h.article_id, h.start, h.end, h.match, h.score) for h in lib.search(q).hits]


def _entities_in_changed_files(lib, q):
    """Each hit's entity, in the changed files (elsewhere the base's grouping
    stands: "Ardern" alone was a spelling of hers in the file removed)."""
    return [(h.article_id, h.start, h.entity) for h in lib.search(q).hits
            if os.path.basename(lib.articles[h.article].path) in ("s10.txt", "s25.txt")]


@pytest.mark.parametrize("one_shot", [True, False])
def test_changed_files_are_searched_beside_the_index_as_a_whole_index_would(tmp_path, one_shot):
    corpus = _corpus(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    _change(corpus)
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=one_shot), overlay=overlaid)
    whole = build_library([corpus])
    assert isinstance(lib, Overlay) and not lib.names_found
    # The articles in the order indexing them all gives, the changed file's text as it is now.
    assert [a.id for a in lib.articles] == [a.id for a in whole.articles]
    assert [a.text for a in lib.articles] == [a.text for a in whole.articles]
    for q in QUERIES:
        assert _hits(lib, q) == _hits(whole, q), q
        assert _entities_in_changed_files(lib, q) == _entities_in_changed_files(whole, q), q
    assert [h.match for h in lib.search("Zorblax Quint").hits] == ["Zorblax Quint"]
    capped = lib.search("Tony Blair", max_hits=2)  # both indexes hold him: each stops at two, the whole too
    assert len(capped.hits) == 2 and capped.truncated and len(lib.search("Tony Blair").hits) > 2
    assert lib.search("Huawei").articles().keys().isdisjoint(lib.search("Tencent").articles())
    # Entities: one for a name both parts hold, its mentions where they are
    # now (the base's grouping of a name no change touched may differ: it
    # was decided with the removed file in the corpus).
    names = {e.name: e for e in lib.entities.entities}
    full = {e.name: e for e in whole.entities.entities}
    assert names.keys() == full.keys()
    for name in ("Tony Blair", "Huawei Technologies", "Tencent", "Zorblax Quint", "Quintronics", "Carrie Lam Cheng Yuet-ngor"):
        assert (names[name].kind, names[name].mentions) == (full[name].kind, full[name].mentions), name
    for i, art in enumerate(lib.articles):
        mentions = lib.entities.in_article(i)
        assert mentions and all(art.text[m.start : m.end] == m.text for m, _ in mentions)  # each where it is
        assert all(names[e.name].kind == e.kind and e.key == names[e.name].key for _, e in mentions)  # as listed
        if os.path.basename(art.path) in ("s10.txt", "s25.txt"):
            assert [(m, e.name) for m, e in mentions] == [(m, e.name) for m, e in whole.entities.in_article(i)]


def test_the_overlay_is_kept_and_opened_without_reading_a_file_again(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    _change(corpus)
    first = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid)

    def no_reading(*args, **kwargs):
        raise AssertionError("a file was read again")

    monkeypatch.setattr(overlay, "load_corpus", no_reading)
    again = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid)
    assert isinstance(again, Overlay)
    for q in QUERIES:
        assert _hits(again, q) == _hits(first, q), q


def test_folders_unchanged_since_the_overlay_open_it_without_walking(tmp_path, monkeypatch):
    monkeypatch.setattr(library, "FOLDER_TIMES_FROM", 1)
    corpus = _corpus(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    _change(corpus)
    build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid, trust_folders=True)

    def no_walking(*args, **kwargs):
        raise AssertionError("the files were walked")

    monkeypatch.setattr(library, "find_files", no_walking)
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid, trust_folders=True)
    assert isinstance(lib, Overlay)
    assert [h.match for h in lib.search("Quintronics").hits] == ["Quintronics"]


def test_many_changed_files_or_indexing_whole_leave_no_overlay(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    _change(corpus)
    cache = Cache(tmp_path / "cache")
    assert isinstance(build_library([corpus], cache=cache, overlay=overlaid), Overlay)
    okey = overlay_key(next(iter(_keys(cache))))
    assert cache.listing(okey) is not None
    # Indexed whole (the app, `byline index`): the overlay goes, the index is the whole corpus's.
    whole = build_library([corpus], cache=cache)
    assert whole.names_found and cache.listing(okey) is None
    assert not isinstance(build_library([corpus], cache=cache, overlay=overlaid), Overlay)
    # More changed files than an overlay takes: names are found again over the whole.
    monkeypatch.setattr(overlay, "most_changed", lambda files: 1)
    (corpus / "s26.txt").write_text(STORY.format(title="Two", body="Hermione Blatt met Tony Blair."))
    (corpus / "s27.txt").write_text(STORY.format(title="Three", body="Hermione Blatt met Carrie Lam."))
    lib = build_library([corpus], cache=cache, overlay=overlaid)
    assert not isinstance(lib, Overlay) and lib.names_found
    assert len(lib.search("Hermione Blatt").hits) == 2


def _keys(cache):
    return [k for (k,) in cache.db.execute("SELECT key FROM corpora") if not k.endswith("+")]


def test_overlaid_numbers_go_both_ways():
    base = [f"b{i}" for i in range(10)]
    added = ["x", "y", "z"]
    order = OverlaidArticles(base, dead=[2, 3, 7], added=added, at=[0, 2, 10])  # type: ignore[arg-type]
    want = ["x", "b0", "b1", "y", "b4", "b5", "b6", "b8", "b9", "z"]
    assert [order[i] for i in range(len(order))] == want
    assert [order.from_base(b) for b in range(10)] == [want.index(f"b{b}") if f"b{b}" in want else None for b in range(10)]
    assert [order.from_added(n) for n in range(3)] == [0, 3, 9]
    with pytest.raises(IndexError):
        order[len(order)]


def test_a_search_after_adding_a_file_finds_it_at_once(tmp_path):
    corpus = _corpus(tmp_path / "c")
    run = lambda *a: subprocess.run([sys.executable, "-m", "tui", *a, "--cache-dir", str(tmp_path / "cache")],  # noqa: E731
                                    capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run("index", str(corpus)).returncode == 0
    _change(corpus)
    found = run("search", "Quintronics", str(corpus))
    assert found.returncode == 0 and "Zorblax Quint wins" in found.stdout, found.stderr
    assert "Tencent" in run("search", "Tencent", str(corpus)).stdout
    assert run("search", "Reykjavik", str(corpus)).returncode == 1  # only the file removed had it
    listed = run("list", str(corpus)).stdout  # the new article where its file comes, the removed one gone
    assert listed.index("Angela Merkel in Lisbon") < listed.index("Zorblax Quint wins") < listed.index("Xi Jinping in")
    assert "Reykjavik" not in listed


@pytest.mark.parametrize("change", ["last", "between", "all kinds"])
def test_every_merged_entity_points_at_its_mentions_in_order(tmp_path, change):
    """A file added after every other (the base's numbers stand), between
    two (the base's articles after it renumbered), or added, rewritten and
    removed: each entity's mentions are where the articles now are, and
    the list is most mentioned first."""
    corpus = _corpus(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    body = "Zorblax Quint met Tony Blair and Carrie Lam at Huawei."
    if change == "last":
        (corpus / "zz.txt").write_text(STORY.format(title="Last", body=body))
    elif change == "between":
        (corpus / "s25.txt").write_text(STORY.format(title="Between", body=body))
    else:
        _change(corpus)
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid)
    assert isinstance(lib, Overlay)
    ents = list(lib.entities.entities)
    assert [(-e.count, e.name.lower()) for e in ents] == sorted((-e.count, e.name.lower()) for e in ents)
    for e in ents:
        assert e.count and all(lib.articles[m.article].text[m.start : m.end] == m.text for m in e.mentions), e.name
        assert e.article_ids == list(dict.fromkeys(lib.articles[m.article].id for m in e.mentions))
    whole = build_library([corpus])
    assert {e.name for e in ents} == {e.name for e in whole.entities.entities}
    for q in ("Carrie Lam", "Zorblax Quint", "Tony Blair", "Huawei"):  # each hit's entity named as the list names it
        assert [(h.article_id, h.start, h.entity) for h in lib.search(q).hits] == \
            [(h.article_id, h.start, h.entity) for h in whole.search(q).hits], q


def test_how_many_changed_files_an_overlay_takes():
    assert overlay.most_changed(100_000) == 2_000 and overlay.most_changed(1_000) == 64
    assert overlay.most_changed(10) == 5 and overlay.most_changed(2) == 1  # never half a corpus


# -- Folders whose time changed, listed alone ----------------------------------


def _nested(root):
    """The corpus, with files two folders down and a folder between files."""
    _corpus(root)
    for sub, names in (("m", ["m1", "m3"]), ("m/deep", ["d1"]), ("t", ["t1"])):
        (root / sub).mkdir(parents=True, exist_ok=True)
        for n in names:
            (root / sub / f"{n}.txt").write_text(STORY.format(
                title=f"Story {n}", body=f"Hermione Oxenbridge of Quintronics spoke in Lisbon ({n}). Tony Blair listened."))
    return root


def _add(root, rel, body="Zorblax Quint, chief executive of Tencent, met Tony Blair in Oslo."):
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(STORY.format(title=f"Added {rel}", body=body))


CHANGES = {
    "a file between others": lambda r: _add(r, "m/m2.txt"),
    "a file before a folder": lambda r: _add(r, "m/a0.txt"),
    "a file after every other": lambda r: _add(r, "zz.txt"),
    "a new folder": lambda r: (_add(r, "m/e/n1.txt"), _add(r, "m/e/n2.txt")),
    "a file removed and one added": lambda r: ((r / "m" / "m1.txt").unlink(), _add(r, "t/t0.txt")),
    "a file rewritten by renaming": lambda r: (_add(r, "m/.m3.tmp", "Carrie Lam visited Quintronics."),
                                              os.replace(r / "m" / ".m3.tmp", r / "m" / "m3.txt")),
}


def _no_walk(monkeypatch):
    def no_walking(*args, **kwargs):
        raise AssertionError("every file was looked at")

    monkeypatch.setattr(library, "find_files", no_walking)
    monkeypatch.setattr(overlay, "changes_by_walk", no_walking)


def _open(corpus, tmp_path):
    return build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid,
                         trust_folders=True)


@pytest.mark.parametrize("change", list(CHANGES))
def test_files_added_or_removed_are_found_in_their_folders_alone(tmp_path, monkeypatch, change):
    monkeypatch.setattr(library, "FOLDER_TIMES_FROM", 1)
    corpus = _nested(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    CHANGES[change](corpus)
    with monkeypatch.context() as m:
        _no_walk(m)
        lib = _open(corpus, tmp_path)
    whole = build_library([corpus])
    assert isinstance(lib, Overlay)
    assert [a.id for a in lib.articles] == [a.id for a in whole.articles]
    assert [a.text for a in lib.articles] == [a.text for a in whole.articles]
    for q in (*QUERIES, "Hermione Oxenbridge", "Oxenbridge"):
        assert _hits(lib, q) == _hits(whole, q), q
    # The fingerprint a session's walk makes is the one the folders gave: it opens the same overlay.
    from tui.core.cache import code_version

    assert lib.corpus.by_folders == library.files_fingerprint([str(corpus)], code_version())
    with monkeypatch.context() as m:
        m.setattr(overlay, "load_corpus", lambda *a, **k: pytest.fail("read again"))
        again = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid)
    assert isinstance(again, Overlay) and [_hits(again, q) for q in QUERIES] == [_hits(lib, q) for q in QUERIES]


def test_a_second_change_keeps_the_first_and_undoing_both_gives_the_index(tmp_path, monkeypatch):
    monkeypatch.setattr(library, "FOLDER_TIMES_FROM", 1)
    corpus = _nested(tmp_path / "c")
    first = build_library([corpus], cache=Cache(tmp_path / "cache"))
    _add(corpus, "m/m2.txt")
    _no_walk(monkeypatch)
    assert [h.match for h in _open(corpus, tmp_path).search("Zorblax Quint").hits] == ["Zorblax Quint"]
    _add(corpus, "t/t2.txt", "Philippa Marchbanks met Carrie Lam.")  # another folder: the first is not listed again
    lib = _open(corpus, tmp_path)
    assert isinstance(lib, Overlay)
    assert [os.path.basename(lib.articles[h.article].path) for h in lib.search("Zorblax Quint").hits] == ["m2.txt"]
    assert [os.path.basename(lib.articles[h.article].path) for h in lib.search("Philippa Marchbanks").hits] == ["t2.txt"]
    for rel in ("m/m2.txt", "t/t2.txt"):
        (corpus / rel).unlink()
    back = _open(corpus, tmp_path)
    assert not isinstance(back, Overlay) and back.search("Zorblax Quint").hits == []
    assert [a.id for a in back.articles] == [a.id for a in first.articles]


@pytest.mark.parametrize("change", ["a folder removed", "a link added"])
def test_a_folder_removed_or_a_link_added_is_walked_whole(tmp_path, monkeypatch, change):
    monkeypatch.setattr(library, "FOLDER_TIMES_FROM", 1)
    corpus = _nested(tmp_path / "c")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    if change == "a folder removed":
        shutil.rmtree(corpus / "m" / "deep")
    else:
        os.symlink(corpus / "t", corpus / "m" / "also")  # (its files are met once, where the walk first finds them)
    walks = []
    walk = library.find_files
    monkeypatch.setattr(library, "find_files", lambda *a, **k: walks.append(a) or walk(*a, **k))
    lib = _open(corpus, tmp_path)
    assert len(walks) == 1
    whole = build_library([corpus])
    assert [a.id for a in lib.articles] == [a.id for a in whole.articles]
    assert _hits(lib, "Hermione Oxenbridge") == _hits(whole, "Hermione Oxenbridge")


@pytest.mark.parametrize("change", ["one removed, one added", "one rewritten", "a new folder"])
def test_a_page_of_first_hits_is_the_whole_answers_first(tmp_path, monkeypatch, change):
    """With the base's reading cut short after a few articles, the
    overlay's page is still the whole answer's first hits, whether they lie
    in changed files or not (a page whose hits lie in changed files is
    made whole)."""
    from tui.core import search

    monkeypatch.setattr(search, "TOP_SCAN", 4)
    monkeypatch.setattr(search, "TOP_MENTIONS", 4)
    corpus = tmp_path / "c"
    for i in range(24):
        (corpus / f"f{i % 3}").mkdir(parents=True, exist_ok=True)
        (corpus / f"f{i % 3}" / f"s{i:02d}.txt").write_text(STORY.format(
            title=f"Story {i}", body=f"Story {i}: the Ruritania Gazette said prices rose in Strelsau."))
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    if change == "one removed, one added":
        (corpus / "f0" / "s03.txt").unlink()
        _add(corpus, "f0/s01.txt", "Prices fell in Strelsau, the Ruritania Gazette said.")
    elif change == "one rewritten":
        f = corpus / "f0" / "s00.txt"
        f.write_text(f.read_text().replace("Strelsau", "Zenda"))
        _touch_later(f)
    else:
        _add(corpus, "e/s.txt", "Strelsau, Strelsau and Strelsau again.")
    lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid)
    whole = build_library([corpus])
    assert isinstance(lib, Overlay)
    pages = 0
    for q in ("Strelsau", "Ruritania Gazette", "prices", "Zenda", "Story"):
        every = whole.search(q).hits
        for top in (1, 2, 3, 5):
            page = lib.search(q, top=top)
            pages += page.partial
            assert [(h.article, h.start, h.end, h.score) for h in page.hits[:top]] == \
                [(h.article, h.start, h.end, h.score) for h in every[:top]], (q, top)
    assert pages  # (some pages were settled early)


def test_what_a_walk_would_skip_is_said_once_when_folders_are_listed_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(library, "FOLDER_TIMES_FROM", 1)
    corpus = _nested(tmp_path / "c")
    (corpus / "t" / "LICENSE.txt").write_text("Permission is hereby granted, free of charge.\n")
    build_library([corpus], cache=Cache(tmp_path / "cache"))
    _add(corpus, "m/m2.txt")
    (corpus / "m" / "README.txt").write_text("Notes on this folder.\n")
    said = []
    with monkeypatch.context() as m:
        _no_walk(m)
        lib = build_library([corpus], cache=Cache(tmp_path / "cache", one_shot=True), overlay=overlaid,
                            trust_folders=True, on_skip=said.append)
    walked = []
    build_library([corpus], on_skip=walked.append)
    assert isinstance(lib, Overlay)
    assert sorted(s.path for s in said) == sorted(s.path for s in walked) == \
        [str(corpus / "m" / "README.txt"), str(corpus / "t" / "LICENSE.txt")]
