"""Reading state (read, starred, notes), the list's orders and filters, and copied quotes: the core, no Textual."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from conftest import SEEDS
from tui.core.article import Article
from tui.core.listing import ListFilter, arrange, check_date, sort_order
from tui.core.loader import load_corpus
from tui.core.marks import Marks, marks_path
from tui.core.quote import citation, quote, sentence_at


def _art(title, date=None, source=None, path="/c/x/a.txt", position=0):
    return Article(id=title[:6], path=path, position=position, title=title, paragraphs=["text"], date=date, source=source)


# -- marks ---------------------------------------------------------------------


def test_marks_last_between_sessions(seed_articles):
    marks = Marks()
    marks.attach(seed_articles)
    assert not (marks.read or marks.starred or marks.notes)
    assert marks.set_read(3) and not marks.set_read(3)  # a second time changes nothing
    assert marks.toggle_star(5) is True
    marks.set_note(5, "  ask   the desk  ")
    marks.set_note(7, "gone soon")
    marks.set_note(7, "")
    marks.close()
    assert marks_path().startswith(os.environ["XDG_DATA_HOME"])

    again = Marks()
    again.attach(seed_articles)
    assert (again.read, again.starred, again.notes) == ({3}, {5}, {5: "ask the desk"})
    assert again.toggle_star(5) is False
    again.set_read(3, False)
    again.close()
    third = Marks()
    third.attach(seed_articles)
    assert (third.read, third.starred, third.notes) == (set(), set(), {5: "ask the desk"})
    # Only marked articles are stored.
    rows = sqlite3.connect(marks_path()).execute("SELECT count(*) FROM marks").fetchone()[0]
    assert rows == 1


def test_marks_follow_a_moved_corpus_folder(tmp_path):
    first = tmp_path / "archive"
    shutil.copytree(SEEDS, first)
    arts = load_corpus([first]).articles
    marks = Marks()
    marks.attach(arts)
    title = arts[4].title
    marks.toggle_star(4)
    marks.set_note(4, "follow up")
    marks.set_read(1)
    marks.close()

    moved = tmp_path / "moved" / "archive-2019"
    moved.parent.mkdir()
    first.rename(moved)
    arts2 = load_corpus([moved]).articles
    marks2 = Marks()
    marks2.attach(arts2)
    starred = [arts2[i].title for i in marks2.starred]
    assert starred == [title] and list(marks2.notes.values()) == ["follow up"]
    assert [arts2[i].title for i in marks2.read] == [arts[1].title]
    marks2.close()
    # The stored marks now name the new place: found at once next time.
    marks3 = Marks()
    marks3.attach(arts2)
    assert marks3.starred == marks2.starred


@pytest.mark.parametrize("moved", [False, True], ids=["in place", "moved"])
def test_marks_match_a_listing_from_the_index_without_making_its_articles(tmp_path, moved):
    """A listing of a million articles read from the index: the marks are
    matched by its rows, as they would be by the articles, none made."""
    from tui.core.cache import Cache
    from tui.core.library import ListedArticles, build_library

    folder = tmp_path / "archive"
    shutil.copytree(SEEDS, folder)
    arts = build_library([folder], cache=Cache(tmp_path / "cache")).articles
    marks = Marks()
    marks.attach(arts)
    marks.toggle_star(4)
    marks.set_note(2, "follow up")
    marks.set_read(1)
    marks.close()
    if moved:
        folder = folder.rename(tmp_path / "archive-2019")
    listed = build_library([folder], cache=Cache(tmp_path / "cache", lazy_from=0)).articles
    if moved:  # (moved, it is indexed again: a listing of the new place, from the index)
        listed = build_library([folder], cache=Cache(tmp_path / "cache", lazy_from=0)).articles
    assert isinstance(listed, ListedArticles)
    again = Marks()
    again.attach(listed, listed.places)
    assert listed.made.count(None) == len(listed)
    assert (again.read, again.starred, again.notes) == ({1}, {4}, {2: "follow up"})
    assert again.toggle_star(4) is False and listed[4].title == arts[4].title


def test_a_damaged_marks_file_is_set_aside(seed_articles):
    path = marks_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(b"this is not a database" * 100)
    warnings = []
    marks = Marks(warn=warnings.append)
    assert warnings and "damaged" in warnings[0]
    aside = [n for n in os.listdir(os.path.dirname(path)) if ".damaged-" in n]
    assert len(aside) == 1  # kept, not deleted
    marks.attach(seed_articles)
    marks.toggle_star(2)
    assert marks.problem is None
    marks.close()
    again = Marks()
    again.attach(seed_articles)
    assert again.starred == {2}


def test_marks_without_a_writable_folder_last_the_session(tmp_path, monkeypatch, seed_articles):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    marks = Marks()
    assert marks.problem and "this session only" in marks.problem
    marks.attach(seed_articles)
    marks.toggle_star(1)
    marks.set_read(1)
    assert marks.starred == {1} and marks.read == {1}


# -- orders and filters --------------------------------------------------------------


def test_sort_orders():
    arts = [_art("beta", "2004-05-01", "Times"), _art("Alpha", None, "bbc"), _art("gamma", "2005-01-02", "BBC"),
            _art("delta", "2004-12-31T08:00", None)]
    order = range(4)
    assert sort_order(arts, order, "file") == [0, 1, 2, 3]
    assert sort_order(arts, order, "date") == [2, 3, 0, 1]  # newest first, undated last
    assert sort_order(arts, order, "title") == [1, 0, 3, 2]  # any case
    assert sort_order(arts, order, "source") == [2, 1, 0, 3]  # sources by name, then newest; none last
    assert arrange(arts, [3, 2, 1, 0], "title", first={0, 3}) == [0, 3, 1, 2]  # hits first, each part sorted
    assert list(arrange(arts, [3, 2, 1, 0], "file", first={0})) == [3, 2, 1, 0]
    with pytest.raises(ValueError):
        sort_order(arts, order, "colour")


def test_list_filter():
    arts = [_art("Budget row", "2004-05-01", "Times", "/c/politics/1.txt"), _art("Cup final", "2005-01-02", "BBC Sport", "/c/sport/2.txt"),
            _art("Undated", None, None, "/c/sport/3.txt")]
    keep = lambda f: [a.title for a in arts if f.keeps(a)]  # noqa: E731
    assert keep(ListFilter.parse("source:bbc")) == ["Cup final"]
    assert keep(ListFilter.parse("folder:SPORT")) == ["Cup final", "Undated"]
    assert keep(ListFilter.parse("since:2004-06")) == ["Cup final"]
    assert keep(ListFilter.parse("until:2004")) == ["Budget row"]
    assert keep(ListFilter.parse("since:2004 until:2005-01")) == ["Budget row", "Cup final"]
    assert keep(ListFilter.parse("final")) == ["Cup final"]  # words: title, source or folder
    assert keep(ListFilter.parse("politics")) == ["Budget row"]
    assert keep(ListFilter.parse("")) == ["Budget row", "Cup final", "Undated"] and not ListFilter.parse("")
    assert ListFilter.parse("source:bbc since:2005").describe() == "source ~ bbc, since 2005"
    with pytest.raises(ValueError):
        ListFilter.parse("since:last-week")
    assert check_date("2004-03") == "2004-03"


# -- quotes ---------------------------------------------------------------------------


def test_the_sentence_around_a_hit():
    text = "Mr. Smith went to Washington. He said J. Edgar Hoover was there! Then he left.\n\nNext part."
    at = lambda w: sentence_at(text, text.index(w), text.index(w) + len(w))  # noqa: E731
    assert at("Hoover") == "He said J. Edgar Hoover was there!"
    assert at("Smith") == "Mr. Smith went to Washington."
    assert at("left") == "Then he left."
    assert at("Next") == "Next part."


def test_a_quote_names_its_source():
    art = Article(id="x", path="/c/a.txt", position=0, title="Budget row", paragraphs=["The Treasury spoke. It said no."],
                  source="Times", author="Ann Lee", date="2004-05-01T10:00")
    assert citation(art) == "Budget row. Times, Ann Lee, 2004-05-01. /c/a.txt"
    i = art.text.index("said")
    assert quote(art, i, i + 4) == "“It said no.”\n— Budget row. Times, Ann Lee, 2004-05-01. /c/a.txt"
    record = Article(id="y", path="/c/export.jsonl", position=3, title="Cup final", paragraphs=["x"], record=4)
    assert citation(record) == "Cup final. /c/export.jsonl, record 4"  # which line of the export


# -- the entity panel's filter and a name's spread --------------------------------------


def test_name_filter_plain_then_near_spellings():
    from tui.core.entities import Entity
    from tui.core.namefilter import NameFilter

    names = ["Hong Kong", "Carrie Lam", "Gordon Brown", "Kong Fu Hotel", "Brownsville", "Carrier Corp"]
    ents = [Entity(n.lower(), n, "person", [n], [], []) for n in names]
    flt = NameFilter(ents)
    pick = lambda q: [names[i] for i in flt(q)]  # noqa: E731
    assert pick("kong") == ["Hong Kong", "Kong Fu Hotel"]
    assert pick("KONG") == pick("kong")
    assert pick("carie") == ["Carrie Lam", "Carrier Corp"]  # near "carrie", "carrier"
    assert pick("lam carie") == ["Carrie Lam"]  # each word near one of the name's, any order
    assert pick("gordn bro") == ["Gordon Brown"]  # the last word as a beginning
    assert pick("zzyzx") == []
    assert pick("") == names and len(flt("", limit=2)) == 2


def test_name_filter_typed_letter_by_letter_agrees_with_a_fresh_one():
    """The filter keeps each typed word's near words for the next keystroke:
    what it gives while typing is what a filter asked once gives, and words
    of every length from one letter up (a word two letters longer or
    shorter than the typed one included) are found."""
    from tui.core.entities import Entity
    from tui.core.namefilter import NameFilter

    names = ["Gordon Brown", "Arsene Wenger", "Wenge Ltd", "Wengerr Arsen", "Deutsche Bank", "A B", "Ai Weiwei",
             "Bo Xilai", "Mourinho", "Jose Mourinhos", "Carrie Lam"]
    ents = [Entity(n.lower(), n, "person", [n], [], []) for n in names]
    typing = NameFilter(ents)
    for query in ["wenger arsene", "gordn brwn", "deutsch bnk", "mourinho", "ai weiwie", "bo xilia", "carie lma"]:
        for n in range(1, len(query) + 1):
            assert typing(query[:n]) == NameFilter(ents)(query[:n]), query[:n]
    pick = lambda q: {names[i] for i in NameFilter(ents)(q)}  # noqa: E731
    assert pick("wenger arsene") >= {"Arsene Wenger", "Wengerr Arsen"}
    assert "Ai Weiwei" in pick("ai weiwie") and "Bo Xilai" in pick("bo xilia")


def test_a_name_filter_of_the_most_mentioned_finds_what_the_whole_one_finds_among_them(tmp_path):
    """For a corpus of too many names to hold folded: the first n entities
    only, made for it from the index and not kept, found as the filter of
    every name finds them (reversed words too, as the index's keys have them)."""
    import shutil

    from tui.core.cache import Cache
    from tui.core.library import build_library
    from tui.core.namefilter import NameFilter

    folder = tmp_path / "archive"
    shutil.copytree(SEEDS, folder)
    build_library([folder], cache=Cache(tmp_path / "cache"))
    lib = build_library([folder], cache=Cache(tmp_path / "cache", lazy_from=0))
    ents, index = lib.entities.entities, lib.index
    n = len(ents) // 2
    whole = NameFilter.from_search_keys(ents, index.ents_by_key, index.ents_by_sorted)
    first = NameFilter.of_first(ents, n)
    assert ents.made.count(None) == len(ents)
    queries = [ents[i].name[:k] for i in (0, 3, n - 1) for k in (2, 5, 40)] + ["lam carrie", "shanghia", "xiaoou"]
    for q in queries:
        assert first(q) == [i for i in whole(q, 10**6) if i < n][:500], q
    assert any(first(q) for q in queries) and not any(i >= n for q in queries for i in first(q))


def test_hits_by_month_and_sparkline():
    from tui.core.spread import by_month, companions, sparkline

    arts = [_art("a", "2018-05-02"), _art("b", "2018-08-30T10:00"), _art("c", None), _art("d", "2018-05-20")]
    assert by_month(arts, {0: 3, 1: 1, 2: 5, 3: 1}) == [("2018-05", 4), ("2018-06", 0), ("2018-07", 0), ("2018-08", 1)]
    assert by_month(arts, {2: 5}) == []
    long = [_art("x", "1990-01-01"), _art("y", "2004-06-01")]
    assert by_month(long, {0: 1, 1: 2})[:2] == [("1990", 1), ("1991", 0)] and len(by_month(long, {0: 1, 1: 2})) == 15
    assert sparkline([4, 0, 0, 1]) == "█  ▂" and sparkline([0, 0]) == "  "

    class E:
        def __init__(self, name):
            self.name, self.kind = name, "person"

    mentions = {0: [E("Lam"), E("Tang"), E("Lam")], 1: [E("Tang")], 2: [E("Xi")]}
    got = companions(lambda i: [(None, e) for e in mentions[i]], [0, 1, 2], exclude={"lam"})
    assert got == [("Tang", "person", 2), ("Xi", "person", 1)]


def test_marks_closed_keep_changes_for_the_session(seed_articles):
    marks = Marks()
    marks.attach(seed_articles)
    marks.close()
    marks.toggle_star(1)  # the file is closed: kept in memory, and said why
    assert marks.starred == {1} and marks.problem and "this session only" in marks.problem
    again = Marks()
    again.attach(seed_articles)
    assert again.starred == set()
