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
