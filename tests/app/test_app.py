"""Pilot tests: real key presses, assertions on what the widgets hold."""

from __future__ import annotations

import json
import os

import pytest
from textual.command import CommandPalette

from conftest import SEEDS
from tui.app.app import BylineApp
from tui.app.help import HelpScreen
from tui.core.marks import marks_path
from tui.dev.screenshots import settle

pytestmark = pytest.mark.slow  # (the app, driven by key presses: left out of the quick tier)

SIZE = (120, 36)


def _screen_text(app) -> str:
    """The text of the screen as drawn (what a user sees), row by row."""
    from rich.console import Console

    console = Console(width=SIZE[0], height=SIZE[1], record=True, file=open("/dev/null", "w"))
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def app_for(*paths):
    return BylineApp([str(p) for p in (paths or [SEEDS])])


async def start(app, pilot):
    await settle(app, pilot)
    return app.screen


async def twice_with_an_index(tmp_path):
    """The seeds copied under ``tmp_path`` and opened twice with one index
    cache: the first run indexes, the second reads the index in place.
    Yields (run, app, pilot, screen) inside each run."""
    import shutil

    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    for run in range(2):
        app = BylineApp([str(corpus)], cache_dir=str(tmp_path / "cache"), use_cache=True)
        async with app.run_test(size=SIZE) as pilot:
            yield run, app, pilot, await start(app, pilot)


def title_of(screen, index=None):
    lib = screen.library
    return lib.articles[screen.current if index is None else index].title


async def test_the_find_bar_and_entity_panel_are_made_when_first_opened():
    """Their inputs and lists are not part of the first frame; they exist
    once opened, with what was said to them while they did not."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert not s.query("#find-input") and not s.query("#entity-list")
        assert s.find_bar.value == ""
        await pilot.press("slash", *"huawei")
        await settle(app, pilot)
        assert s.find_bar.input.has_focus and s.find_bar.value == "huawei"
        status = str(s.find_bar.query_one("#find-status").render())
        assert status == s.find_bar.status and "hit" in status
        assert not s.query("#entity-list")
        await pilot.press("enter", "e")
        await settle(app, pilot)
        panel = s.entity_panel
        assert panel.is_open and panel.query_one("#entity-list").option_count > 0
        # The search made before the panel existed is what it tells about.
        assert "huawei" in str(panel.query_one("#entity-context").render()).lower()


async def test_the_main_screen_is_the_first_drawn():
    """No blank screen is laid out and drawn before Byline's own: it is the
    app's default screen, the only one on the stack from the start."""
    from tui.app.screen import MainScreen

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        assert len(app.screen_stack) == 1 and isinstance(app.screen, MainScreen)
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.1)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert app.screen_stack == [app.screen] and isinstance(app.screen, MainScreen)
        app.pop_screen()  # (Textual's own commands may pop: Byline's screen stays)
        await pilot.pause(0.05)
        assert isinstance(app.screen, MainScreen) and app.is_running


async def test_the_reader_rewraps_when_the_panel_opens_amid_keys():
    """The entity panel opened and typed into at once: the reader narrows,
    and its lines are wrapped again for the new width, not cut mid-word."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        title = s.reader.article.title
        await pilot.press("e", *"tang", "tab")
        await settle(app, pilot)
        width = s.reader.scrollable_content_region.width
        assert width < SIZE[0] // 2  # the panel took its share
        lines = [line.rstrip() for line in s.reader.visible_text().splitlines()]
        assert all(len(line) <= width for line in lines)
        assert title in " ".join(lines[:3]), lines[:3]


async def test_first_screen_shows_corpus_and_first_article():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert app.sub_title == "seeds · 15 articles · %d names" % len(s.library.entities)
        assert s.sidebar.option_count == 15
        assert s.current == 0
        assert s.reader.plain_lines[0] == title_of(s)
        assert "Bob Yang" in s.reader.plain_lines[1]


async def test_list_keys_preview_and_open():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("j", "j")
        assert s.current == 2 and s.reader.plain_lines[0].startswith("DeepBlue")
        await pilot.press("k")
        assert s.current == 1
        await pilot.press("down")
        assert s.current == 2
        await pilot.press("up")
        assert s.current == 1
        await pilot.press("enter")
        assert app.focused is s.reader
        await pilot.press("h")
        assert app.focused is s.sidebar
        await pilot.press("l")
        assert app.focused is s.reader
        await pilot.press("left")
        await pilot.press("right")
        assert app.focused is s.reader
        await pilot.press("shift+tab")
        assert app.focused is s.sidebar
        await pilot.press("tab")
        assert app.focused is s.reader


async def test_reader_scroll_keys():
    app = app_for()
    async with app.run_test(size=(100, 20)) as pilot:
        s = await start(app, pilot)
        await pilot.press("enter")
        r = s.reader
        y = lambda: r.scroll_offset.y  # noqa: E731
        await pilot.press("j", "j")
        assert y() == 2
        await pilot.press("k")
        assert y() == 1
        await pilot.press("down")
        assert y() == 2
        await pilot.press("up")
        assert y() == 1
        await pilot.press("space")
        page = y()
        assert page > 5
        await pilot.press("b")
        assert y() < page
        await pilot.press("pagedown")
        assert y() > 5
        await pilot.press("pageup")
        await pilot.press("G")
        bottom = y()
        assert bottom == r.max_scroll_y > 10
        await pilot.press("g")
        assert y() == 0
        await pilot.press("end")
        assert y() == bottom
        await pilot.press("home")
        assert y() == 0


async def test_brackets_in_text_show_literally():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        idx = next(i for i, a in enumerate(s.library.articles) if a.title.startswith("Beijing recruits"))
        s.open_article(idx)
        await pilot.pause()
        text = "\n".join(s.reader.plain_lines)
        assert "[laboratories will]" in text and "[the city and the mainland]" in text


async def test_live_search_highlights_and_counts():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash")
        assert s.find_bar.input.has_focus
        await pilot.press(*"carrie lam")
        await settle(app, pilot)
        assert s.nav.total == 2
        assert title_of(s).startswith("Beijing recruits")
        assert s.sidebar.order[0] == s.current  # articles with hits first
        assert str(s.find_bar.query_one("#find-status").render()) == "hit 1/2 · 1 article"
        text = s.library.articles[s.current].text
        assert {text[h.start : h.end] for h in s.reader.hits} == {"Carrie Lam"}
        # "Lam" alone is the same woman: marked in the reader, not a hit to step to
        assert {text[h.start : h.end] for h in s.reader.related} == {"Lam"}
        assert "underline" in str(s.reader._style("related"))
        assert s.reader.current == s.nav.flat[0]
        await pilot.press("enter")
        assert app.focused is s.reader
        await pilot.press("n")
        assert s.nav.current == 1 and s.reader.current == s.nav.flat[1]
        line = s.reader.hit_lines[(s.reader.current.start, s.reader.current.end)]
        assert s.reader.scroll_offset.y <= line < s.reader.scroll_offset.y + s.reader.scrollable_content_region.height
        await pilot.press("n")
        assert s.nav.current == 0  # round to the first again


async def test_one_or_two_letters_ask_for_more_instead_of_flooding():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", "a")
        await settle(app, pilot)
        status = lambda: str(s.find_bar.query_one("#find-status").render())  # noqa: E731
        assert status().startswith("type more") and s.nav.total == 0
        await pilot.press("n")
        await settle(app, pilot)
        assert status().startswith("type more") and s.nav.total == 0
        await pilot.press("d")
        await settle(app, pilot)
        assert s.nav.total > 0 and status().startswith("hit ")


async def test_next_hit_crosses_into_the_next_article():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", *"shenzhen", "enter")
        await settle(app, pilot)
        first = s.current
        in_first = s.nav.count(first)
        assert len(s.nav.order) > 1
        for _ in range(in_first):
            await pilot.press("n")
        nxt = s.nav.order[(s.nav.order.index(first) + 1) % len(s.nav.order)]
        assert s.current != first and s.current == nxt
        assert s.sidebar.article_index == s.current
        await pilot.press("N")
        assert s.current == first


async def test_filter_hides_articles_without_hits():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", *"tencent", "enter")
        await settle(app, pilot)
        assert s.sidebar.option_count == 15
        await pilot.press("f")
        assert s.sidebar.option_count == len(s.nav.order) == 2
        assert s.find_bar.status.endswith(" · hits only (f)")  # the filter says it is on
        await pilot.press("f")
        assert s.sidebar.option_count == 15
        assert "hits only" not in s.find_bar.status


async def test_escape_clears_one_layer_at_a_time():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", *"huawei", "enter")
        await settle(app, pilot)
        assert s.nav.active
        await pilot.press("e")
        assert s.entity_panel.is_open
        await pilot.press("escape")
        assert not s.entity_panel.is_open and s.nav.active
        await pilot.press("escape")
        assert not s.nav.active and s.reader.hits == []
        assert s.sidebar.option_count == 15
        await pilot.press("escape")
        assert app.focused is s.sidebar


async def test_escape_in_find_bar_clears_the_search():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", *"orbbec")
        await settle(app, pilot)
        assert s.nav.total > 5
        await pilot.press("escape")
        await settle(app, pilot)
        assert not s.nav.active and not s.find_bar.has_class("-open")


async def test_article_keys_and_toggles():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("right_square_bracket")
        assert s.current == 1
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert s.current == 3
        await pilot.press("left_square_bracket")
        assert s.current == 2
        idx = next(i for i, a in enumerate(s.library.articles) if a.title.startswith("SenseTime, Alibaba"))
        s.open_article(idx)
        await pilot.press("r")
        assert s.reader.raw and any("Travel Types" in ln for ln in s.reader.plain_lines)
        await pilot.press("r")
        assert not any("Travel Types" in ln for ln in s.reader.plain_lines)
        assert s.reader.show_entities
        await pilot.press("c")
        assert not s.reader.show_entities


async def test_the_panels_counts_are_the_searchs():
    """Each name's number in the panel is what the find bar counts once the
    name is chosen: its search's hits with the other forms of the name, the
    whole entity (not the name finder's mentions)."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        panel = s.entity_panel
        lst = panel.query_one("#entity-list")
        in_view = panel.shown[: lst.scrollable_content_region.height]
        assert len(panel.shown) > 100 and all(e.name in panel.hits for e in in_view)
        assert panel.shown[-1].name not in panel.hits  # only the rows in view, and a page more, are searched
        lib = s.library
        differ = 0
        whole = lambda name: len(lib.search(name).whole().hits)  # noqa: E731
        for e in in_view:
            assert panel.hits[e.name] == whole(e.name), e.name
            differ += panel.hits[e.name] != e.count
        assert differ  # (on the seeds, some searches find more than the finder's mentions)
        drawn = _screen_text(app)
        top = panel.shown[0]
        assert f"{panel.hits[top.name]:>8,} {top.kind:<6} {top.name}" in drawn
        lst.focus()
        await pilot.press("end")  # the last rows come into view: they are counted then
        await settle(app, pilot)
        assert panel.shown[-1].name in panel.hits
        assert panel.hits[panel.shown[-1].name] == whole(panel.shown[-1].name)
        await pilot.press("home")
        panel.query_one("#entity-filter").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert s.find_bar.value == top.name and s.nav.total == panel.hits[top.name]


async def test_entity_panel_filters_and_searches():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("e")
        panel = s.entity_panel
        assert panel.is_open and len(panel.shown) == len(s.library.entities)
        await pilot.press(*"xiaoou")
        await settle(app, pilot)
        assert [e.name for e in panel.shown] == ["Sean Tang Xiaoou"]
        await pilot.press(*["backspace"] * 6, *"xiaou tang")  # misspelt, other order: near spellings
        await settle(app, pilot)
        assert [e.name for e in panel.shown] == ["Sean Tang Xiaoou"]
        await pilot.press("enter")
        await settle(app, pilot)
        assert not panel.is_open
        assert s.find_bar.value == "Sean Tang Xiaoou"
        assert len(s.nav.order) == 2  # the two articles that name him
        # a name chosen is the whole entity: "Tang" alone is a hit too
        assert s.nav.total >= 4 and "Tang" in {h.match for h in s.nav.flat} and not s.nav.related


async def test_the_entity_panel_of_a_corpus_too_large_to_hold_filters_its_most_mentioned_names(tmp_path, monkeypatch):
    from tui.app import screen

    monkeypatch.setattr(screen, "SESSION_HOLDS", 0)
    monkeypatch.setattr(screen, "FILTERED_NAMES", 5)
    async for _, app, pilot, s in twice_with_an_index(tmp_path):
        ents = s.library.entities.entities
        await pilot.press("e")
        panel = s.entity_panel
        assert panel.is_open and len(panel.shown) == len(ents) > 5
        await pilot.press(*ents[4].name.lower()[:6])
        await settle(app, pilot)
    assert s.library.lazy
    assert ents[4] in panel.shown and all(ents.index(e) < 5 for e in panel.shown)
    assert "Filtering the 5 most mentioned" in "\n".join(str(n.message) for n in app._notifications)


async def test_a_corpus_indexed_too_large_to_hold_is_opened_again_in_place(tmp_path, monkeypatch):
    """A first session indexes lean (texts left in the index, fetched on a
    connection of the interface's own), then, the index being too large to
    hold, opens it again as a later session would, read in place; reading
    and searching give what a library held in memory gives."""
    import shutil
    import weakref

    from tui.app import screen
    from tui.core import library
    from tui.core.library import TextFetcher, build_library

    monkeypatch.setattr(screen, "SESSION_HOLDS", 0)
    asked, made = [], []

    def opened(*a, **k):
        asked.append(k.get("lean"))
        lib = real(*a, **k)
        made.append(weakref.ref(lib.corpus))
        return lib

    real = library.open_library
    monkeypatch.setattr(screen, "open_library", opened)
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    held = build_library([corpus])
    app = BylineApp([str(corpus)], cache_dir=str(tmp_path / "cache"), use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert len(asked) == 2 and all(isinstance(f, TextFetcher) for f in asked)
        assert s.library.lazy and s.library.names_found is False
        assert made[0]() is None and made[1]() is s.library.corpus  # (the library built is gone, cycles and all)
        assert [a.text for a in s.library.articles] == [a.text for a in held.articles]
        await pilot.press("slash", *"carrie lam", "enter")
        await settle(app, pilot)
        assert s.nav.total == len(held.search("carrie lam").hits) > 0


async def test_help_screen_lists_keys():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause(0.1)
        # Not an empty box: every key is on the screen as drawn.
        from tui.app.keys import SECTIONS

        drawn = _screen_text(app)
        for row in SECTIONS[0].rows:
            assert row.label in drawn and row.what[:28] in drawn, row.what  # (a long one wraps)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_opens_article_by_fuzzy_title():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"open article smart glasses")
        await pilot.pause(0.6)
        await pilot.press("enter")
        await settle(app, pilot)
        assert title_of(s) == "‘Smart glasses’ debut at Shenzhen Bay Port"


async def test_command_palette_finds_a_name():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press(*"find name wang zhigang")
        await pilot.pause(0.6)
        await pilot.press("enter")
        await settle(app, pilot)
        assert s.find_bar.value == "Wang Zhigang"
        assert title_of(s).startswith("Beijing recruits")


async def test_mouse_click_selects_an_article():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.click("#sidebar", offset=(3, 4))
        await pilot.pause()
        assert s.current == 2


async def test_quit_restores():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_narrow_terminal_is_usable():
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        s = await start(app, pilot)
        assert s.reader.size.width >= 40
        assert s.sidebar.display
        await pilot.press("e")
        await pilot.pause()
        assert not s.sidebar.display  # the names take the list's place
        assert s.reader.size.width >= 30


async def test_unreadable_files_notify_and_the_rest_opens(tmp_path):
    (tmp_path / "good.txt").write_text("A good headline here\n\nA sentence of body text, not long. The end.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "evil.txt").write_text("Evil \x1b[2J headline\n\nBody \x1b]0;x\x07 text \x07 here. Done.\n")
    (tmp_path / "README.md").write_text("# This corpus\n\nWhere the articles come from.\n")
    app = app_for(tmp_path)
    seen: list[tuple[str, dict]] = []
    app.notify = lambda message, **kw: seen.append((message, kw))  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert len(s.library.articles) == 2
        # The binary file is a warning; the corpus's own README is said apart, as no fault.
        warned = [m for m, kw in seen if kw.get("severity") == "warning"]
        assert len(warned) == 1 and warned[0].startswith("Skipped 1 file:\nbad.txt: binary file")
        told = [(m, kw) for m, kw in seen if "README" in m]
        assert len(told) == 1 and told[0][1].get("severity", "information") == "information"
        assert told[0][0].startswith("README.md: ")
        for i in range(2):
            s.show_article(i)
            assert not any("\x1b" in ln or "\x07" in ln for ln in s.reader.plain_lines)
        await pilot.press("r")
        assert not any("\x1b" in ln or "\x07" in ln for ln in s.reader.plain_lines)


async def test_a_corpus_large_enough_for_worker_processes_loads_in_the_app(tmp_path):
    """Past 400 files the loader starts worker processes, from the app's
    loading thread (so spawned, not forked).  Headless, standard error has no
    descriptor and spawning fails: the files are then read in-process."""
    for i in range(420):
        (tmp_path / f"{i:03d}.txt").write_text(f"Story number {i} of the day\n\nMayor Ines Okafor opened bridge {i}.\n")
    app = BylineApp([str(tmp_path)], cache_dir=str(tmp_path / "cache"), use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert len(s.library.articles) == 420
        assert s.sidebar.option_count == 420


async def test_no_readable_article_exits_with_code_2(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
    assert app.return_code == 2


@pytest.mark.parametrize("query", ["[bold]x[/]", "\\", "(((", "\x00", "x" * 10_000, "😀 香港"])
async def test_any_query_is_safe_in_the_app(query):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        s.find_bar.open(query)
        await settle(app, pilot)
        assert s.find_bar.value == query


async def test_keys_typed_after_slash_go_to_the_find_bar_not_to_bindings():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", "h", "u", "a", "w", "e", "i")  # "h" and "e" are bindings elsewhere
        assert s.find_bar.value == "huawei"
        assert not s.entity_panel.is_open


async def test_a_burst_of_keys_after_slash_lands_in_the_find_bar():
    from textual import events

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        for key in ["slash", *"huawei"]:  # queued at once, as a paste or tmux send-keys delivers them
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await settle(app, pilot)
        assert s.find_bar.value == "huawei"
        assert not s.entity_panel.is_open
        assert s.nav.total >= 1


@pytest.mark.parametrize("held", [True, False], ids=["held", "left in the index"])
async def test_warm_start_lists_the_last_session_then_the_files_as_they_are(tmp_path, monkeypatch, held):
    """With the index cache, the list of the last session shows at once (before
    any file is looked at); then the files are checked: a new file appears,
    and the article the reader shows stays shown.  The same when the index
    is too large to hold and is read as it is used."""
    import shutil

    from tui.app import screen
    from tui.app.screen import MainScreen
    from tui.core.library import ListedArticles
    from tui.core.overlay import Overlay

    if not held:
        monkeypatch.setattr(screen, "SESSION_HOLDS", 0)

    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    cache = tmp_path / "cache"
    listed = []
    original = MainScreen.on_listed

    def record(self, message):
        listed.append((message.provisional, len(message.articles)))
        original(self, message)

    monkeypatch.setattr(MainScreen, "on_listed", record)

    app = BylineApp([str(corpus)], cache_dir=str(cache), use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        n = len(s.library.articles)
        texts = [a.text for a in s.library.articles]
    # Nothing to show before the first indexing; too large to hold, the
    # corpus is listed again once opened in place.
    assert listed == [(False, n)] * (1 if held else 2)

    listed.clear()
    app = BylineApp([str(corpus)], cache_dir=str(cache), use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert listed[0] == (True, n)
        assert s.library.articles is s.articles  # unchanged files: the listing was the corpus
        assert s.library.lazy is not held and isinstance(s.articles, ListedArticles) is not held
        assert s.library.index.warmed is held  # no typo index built over a corpus too large to hold
        await pilot.press("j", "j")
        shown = title_of(s)
        assert shown.startswith(s.reader.plain_lines[0]) and s.reader.plain_lines[0].startswith("DeepBlue")
        assert [a.text for a in s.library.articles] == texts

    (corpus / "0 new.txt").write_text("A brand new story here\n\nHuawei said something new today. The end.\n")
    listed.clear()
    app = BylineApp([str(corpus)], cache_dir=str(cache), use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert listed[0] == (True, n) and listed[-1] == (False, n + 1)
        assert len(s.articles) == s.sidebar.option_count == n + 1
        assert s.library.articles is s.articles
        assert isinstance(s.library, Overlay)  # the new file indexed apart, not the corpus again
        assert s.library.lazy is not held
        await pilot.press("slash", *"huawei", "enter")
        await settle(app, pilot)
        assert any(a.title == "A brand new story here" for a in s.articles)
        assert s.nav.flat and any(s.articles[h.article].title == "A brand new story here" for h in s.nav.flat)


async def test_a_corpus_of_many_files_opens_by_its_folders_then_every_file_is_looked_at(tmp_path, monkeypatch):
    """Searchable before its files are looked at one by one (by its folders'
    times, as the commands open it); then a text rewritten in place, which
    keeps its folder's time, is found and read again."""
    import shutil

    from tui.app.screen import MainScreen
    from tui.core import library

    monkeypatch.setattr(library, "FOLDER_TIMES_FROM", 0)
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    cache = str(tmp_path / "cache")
    app = BylineApp([str(corpus)], cache_dir=cache, use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)

    opened = []
    original = MainScreen.on_loaded

    def record(self, message):
        opened.append(message.library.corpus.by_folders is not None)
        original(self, message)

    monkeypatch.setattr(MainScreen, "on_loaded", record)
    app = BylineApp([str(corpus)], cache_dir=cache, use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert opened == [True]  # nothing changed: opened once, by the folders
        assert s.settled and s.library.index.warmed

    victim = sorted(corpus.iterdir())[0]
    folder_times = os.stat(corpus)
    victim.write_text("Zanzibar Tidings\n\nThe Zanzibar harbour board met on Tuesday. The end.\n")
    os.utime(corpus, ns=(folder_times.st_atime_ns, folder_times.st_mtime_ns))
    opened.clear()
    app = BylineApp([str(corpus)], cache_dir=cache, use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert opened == [True, False]  # by the folders, then again once the file was seen
        assert s.library.corpus.by_folders is None and s.settled
        await pilot.press("slash", *"zanzibar", "enter")
        await settle(app, pilot)
        assert s.nav.flat and s.articles[s.nav.flat[0].article].title == "Zanzibar Tidings"


async def test_a_large_first_session_is_indexed_apart_then_searchable(tmp_path, monkeypatch):
    """A corpus this large to read is indexed in a process of its own while
    the app says how far it got, then opened from the index: listed,
    searchable, read in place, with nothing indexed in the app's process."""
    import shutil

    from tui.core import library

    expected = len(library.build_library([str(SEEDS)]).articles)
    monkeypatch.setattr(library, "APART_FROM_BYTES", 0)
    monkeypatch.setattr(library, "index_corpus", lambda *a, **k: pytest.fail("indexed in the app's process"))
    corpus = tmp_path / "c"
    shutil.copytree(SEEDS, corpus)
    titles = []
    from tui.app.screen import MainScreen

    original = MainScreen.on_load_progress

    def record(self, message):
        original(self, message)
        titles.append(self.app.sub_title)

    monkeypatch.setattr(MainScreen, "on_load_progress", record)
    from tui.app.app import start_process_support

    start_process_support()  # (as `byline` does before the app owns the terminal)
    app = BylineApp([str(corpus)], cache_dir=str(tmp_path / "cache"), use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        assert len(s.articles) == expected and s.settled
        assert titles and titles[-1].endswith(f"· {len(s.articles)} articles · finding names…")
        await pilot.press("slash", *"carrie lam", "enter")
        await settle(app, pilot)
        assert s.nav.flat and "Carrie Lam" in s.articles[s.nav.flat[0].article].text


async def test_a_palette_dismissed_twice_leaves_the_main_screen():
    """Keys typed faster than the palette closes reach it after it has
    dismissed itself; its second dismissal must not pop Byline's screen."""
    from tui.app.screen import MainScreen

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.dismiss()
        palette.dismiss()
        await pilot.pause(0.1)
        assert app.screen is s and isinstance(app.screen, MainScreen)
        await pilot.press("slash", "l", "a", "m")
        await settle(app, pilot)
        assert s.nav.total > 0  # the find bar is there and searches


@pytest.mark.parametrize("seed", range(10))
async def test_bursts_of_keys_never_crash_the_app(seed):
    """Keys posted all at once, without waiting for any to be handled (as a
    fast typist or a held key sends them), palette included."""
    import random

    from textual import events

    keys = ["ctrl+p", "enter", "enter", "escape", "slash", "n", "N", "e", "r", "f", "question_mark", "pageup",
            "pagedown", "j", "k", "down", "up", "tab", "l", "h", "left_square_bracket", "right_square_bracket",
            "home", "end", "a", "c", "backspace", "s", "m", "S", "v", "H", "y", "F"]
    rnd = random.Random(seed)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        for _ in range(4):
            for key in [rnd.choice(keys) for _ in range(25)]:
                char = key if len(key) == 1 else None
                app.post_message(events.Key(key, char))
            await pilot.pause(0.05)
        await settle(app, pilot)
        if not app.is_running:  # the palette's "Quit" was chosen: an exit, not a crash
            assert app.return_code == 0 and app._exception is None
            return
        for _ in range(20):  # back to the main screen from any palette, prompt, list or help
            if app.screen is app.screen_stack[0]:
                break
            await pilot.press("escape")
            await pilot.pause(0.02)
        assert app.screen is app.screen_stack[0], f"Escape does not close {app.screen!r}"
        await pilot.press("escape", "slash", "c", "a", "r", "r", "i", "e", "enter")
        await settle(app, pilot)
        assert app.screen.nav.total > 0  # still answers


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_a_signal_ends_the_app_and_gives_the_terminal_back(tmp_path, sig):
    """Killed politely, the app leaves the alternate screen, stops mouse
    reporting and shows the cursor again, as q would."""
    import os
    import pty
    import select
    import signal
    import subprocess
    import sys
    import time

    main, sub = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "100", "LINES": "30"}
    proc = subprocess.Popen([sys.executable, "-m", "tui", str(SEEDS)], stdin=sub, stdout=sub, stderr=sub, env=env,
                            close_fds=True, start_new_session=True)
    os.close(sub)
    out = b""

    def read_for(seconds: float) -> None:
        nonlocal out
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([main], [], [], 0.1)
            if ready:
                try:
                    out += os.read(main, 65536)
                except OSError:
                    return

    read_for(1.0)
    deadline = time.monotonic() + 60
    while b"15 articles" not in out and time.monotonic() < deadline and proc.poll() is None:
        read_for(0.5)
    assert b"\x1b[?1049h" in out  # it took the alternate screen
    mark = len(out)
    proc.send_signal(getattr(signal, sig))
    read_for(3.0)
    code = proc.wait(timeout=30)
    read_for(0.5)
    os.close(main)
    tail = out[mark:]
    assert code == 128 + getattr(signal, sig)
    assert b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail  # left the alternate screen; cursor shown
    assert b"\x1b[?1000l" in tail or b"\x1b[?1003l" in tail  # mouse reporting off


async def test_a_new_theme_recolours_the_open_article_and_is_remembered(tmp_path):
    import json
    import os

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        def name_colours():
            # The colours of the names on screen, as the reader draws them.
            words = {w for e in s.library.entities.entities for w in e.name.split()}
            return {seg.style.color for y in range(s.reader.size.height) for seg in s.reader.render_line(y)
                    if seg.style and seg.text.strip() and set(seg.text.split()) <= words}

        before = name_colours()
        app.theme = "textual-light"
        await pilot.pause(0.2)
        after = name_colours()
        assert before and after and not before & after  # the names' colours are the light theme's now
    saved = os.path.join(os.environ["XDG_CONFIG_HOME"], "byline", "settings.json")
    assert json.load(open(saved)) == {"theme": "textual-light"}
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        assert app.theme == "textual-light"


async def test_next_hit_leaves_the_raw_view_and_says_when_it_wraps():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", *"carrie lam", "enter")
        await settle(app, pilot)
        await pilot.press("r")
        assert s.reader.raw
        await pilot.press("n")
        assert not s.reader.raw and s.reader.current is not None  # the hit is shown where it is
        for _ in range(s.nav.total):
            await pilot.press("n")
        assert any("Back to the first hit" in str(n.message) for n in app._notifications)


async def test_the_list_hides_for_full_width_reading_and_its_width_is_kept():
    import json
    import os

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        s = await start(app, pilot)
        narrow = s.reader.size.width
        await pilot.press("backslash")
        await pilot.pause(0.1)
        assert not s.sidebar.display and s.reader.size.width > narrow + 15
        await pilot.press("[")  # articles still step without the list
        await pilot.press("h")  # and the list comes back when asked for
        await pilot.pause(0.1)
        assert s.sidebar.display and app.focused is s.sidebar
        before = s.sidebar.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause(0.1)
        assert s.sidebar.outer_size.width == before + 8
    saved = json.load(open(os.path.join(os.environ["XDG_CONFIG_HOME"], "byline", "settings.json")))
    assert saved["sidebar_width"] == before + 8
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        s = await start(app, pilot)
        assert s.sidebar.outer_size.width == before + 8


def _notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_stars_read_marks_and_notes_show_and_last():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("s")
        assert s.marks.starred == {0} and s.reader.plain_lines[0] == "★ " + title_of(s, 0)
        assert 0 in s.sidebar.starred
        await pilot.press("down", "down", "enter")  # opened: read at once
        assert s.current == 2 and 2 in s.marks.read
        await pilot.press("m")
        assert 2 not in s.marks.read
        await pilot.press("a", *"ask the desk", "enter")
        await pilot.pause(0.05)
        assert s.marks.notes == {2: "ask the desk"} and "✎ ask the desk" in s.reader.plain_lines[:5]
        drawn = _screen_text(app)
        assert "★ " + title_of(s, 0)[:10] in drawn and "✎ " + title_of(s, 2)[:10] in drawn
    again = app_for()
    async with again.run_test(size=SIZE) as pilot:
        s = await start(again, pilot)
        assert s.marks.starred == {0} and s.marks.notes == {2: "ask the desk"} and 2 not in s.marks.read


async def test_an_article_shown_a_while_counts_as_read(monkeypatch):
    import tui.app.screen as screen_module

    monkeypatch.setattr(screen_module, "READ_AFTER", 0.2)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("j")
        await pilot.pause(0.05)
        await pilot.press("j")  # passed over quickly: still unread
        await pilot.pause(0.4)
        assert s.marks.read == {0, 2} or s.marks.read == {2}  # (the first may have been shown long enough)
        assert 1 not in s.marks.read


async def test_sort_view_and_filter_the_list():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        arts = s.articles
        await pilot.press("S")
        assert s.sort == "date" and "by date" in s.sidebar.border_title
        dated = [arts[i].date for i in s.sidebar.order if arts[i].date]
        assert dated == sorted(dated, reverse=True) and arts[s.sidebar.order[0]].date
        await pilot.press("S")
        titles = [arts[i].title.casefold() for i in s.sidebar.order]
        assert titles == sorted(titles)
        await pilot.press("s", "v")  # unread only: all of them
        assert s.view == "unread" and len(s.sidebar.order) == len(arts)
        await pilot.press("v")
        assert s.view == "starred" and [arts[i].title for i in s.sidebar.order] == [arts[s.current].title]
        assert s.sidebar.border_title.startswith("1 of 15")
        await pilot.press("v")
        await pilot.press("F", *"source:china", "enter")
        await pilot.pause(0.05)
        assert [arts[i].source for i in s.sidebar.order] == ["China Daily"]
        await pilot.press("F", "ctrl+u", *"since:2018-09", "enter")
        await pilot.pause(0.05)
        assert [arts[i].date[:7] for i in s.sidebar.order] == ["2018-09"]
        await pilot.press("F", "ctrl+u", *"until:soon", "enter")
        await pilot.pause(0.05)
        assert "not a date" in _notes(app) and len(s.sidebar.order) == 1  # the filter stays as it was
        await pilot.press("F", "ctrl+u", "enter")
        await pilot.pause(0.05)
        assert len(s.sidebar.order) == len(arts)
    again = app_for()
    async with again.run_test(size=SIZE) as pilot:
        s = await start(again, pilot)
        assert s.sort == "title"  # remembered


async def test_the_hit_list_goes_to_the_hit_chosen():
    from tui.app.hit_list import HitList

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("H")
        assert not isinstance(app.screen, HitList) and "No hits" in _notes(app)
        await pilot.press("slash", *"sensetime", "enter")
        await settle(app, pilot)
        await pilot.press("H")
        await pilot.pause(0.1)
        assert isinstance(app.screen, HitList)
        drawn = _screen_text(app)
        assert f"{s.nav.total} hits in 2 articles" in drawn and "SenseTime" in drawn
        target = s.nav.flat[-1]
        await pilot.press("end", "enter")
        await pilot.pause(0.05)
        assert not isinstance(app.screen, HitList)
        assert s.nav.hit == target and s.current == target.article
        assert s.reader.current == target


async def test_copy_gives_the_hit_sentence_with_its_source(monkeypatch):
    from tui.app import outside

    monkeypatch.setattr(outside, "_clipboard_tools", lambda: [])
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("y")
        art = s.articles[s.current]
        assert app.clipboard.startswith(art.title) and art.text in app.clipboard
        await pilot.press("slash", *"carrie lam", "enter")
        await settle(app, pilot)
        await pilot.press("y")
        hit = s.nav.hit
        assert app.clipboard.startswith("“") and "Carrie Lam" in app.clipboard.split("”")[0]
        assert app.clipboard.endswith(s.articles[hit.article].path)
        assert "OSC 52" in _notes(app)
        monkeypatch.setattr(outside, "OSC52_MAX", 100)  # more than the terminal takes: said, not sent
        before = app.clipboard
        await pilot.press("y")
        assert app.clipboard == before and "Not copied" in _notes(app)


async def test_open_says_why_when_it_cannot(monkeypatch, tmp_path):
    from tui.app import outside

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        monkeypatch.setenv("PAGER", "cat")
        await pilot.press("o")  # a test terminal cannot hand over to a pager
        await pilot.pause(0.05)
        assert "cannot hand over" in _notes(app)
        app.clear_notifications()
        await pilot.press("O")
        await pilot.pause(0.05)
        assert "cannot hand over" in _notes(app)
        assert "no longer there" in outside.open_file(app, str(tmp_path / "gone.txt"))
        import webbrowser

        from tui.core.article import Article

        def no_browser(*_args):
            raise webbrowser.Error("none")

        monkeypatch.setattr(webbrowser, "get", no_browser)
        page = Article(id="p", path=s.articles[0].path, position=0, title="t", paragraphs=["x"], url="https://example.org/a")
        said = outside.open_article(app, page)
        assert "no web browser for https://example.org/a" in said and "cannot hand over" in said
        monkeypatch.delenv("PAGER")
        monkeypatch.setenv("PATH", str(tmp_path))  # no less, no more
        monkeypatch.delenv("EDITOR", raising=False)
        monkeypatch.delenv("VISUAL", raising=False)
        assert "set $PAGER" in outside.open_file(app, s.articles[0].path)


async def test_search_history_across_sessions():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        for q in ("huawei", "carrie lam"):
            await pilot.press("slash", *q, "enter")
            await settle(app, pilot)
            await pilot.press("escape")
    from tui.app import settings

    # The user's data, beside the marks, not among the preferences.
    assert os.path.dirname(settings.history_path()) == os.path.dirname(marks_path())
    with open(settings.history_path(), encoding="utf-8") as fh:
        assert json.load(fh)["searches"] == ["huawei", "carrie lam"]
    assert "history" not in settings.load()
    again = app_for()
    async with again.run_test(size=SIZE) as pilot:
        s = await start(again, pilot)
        await pilot.press("slash", *"sen", "up")
        assert s.find_bar.value == "carrie lam"
        await pilot.press("up")
        assert s.find_bar.value == "huawei"
        await pilot.press("up")
        assert s.find_bar.value == "huawei"  # the oldest stays
        await pilot.press("down", "down")
        assert s.find_bar.value == "sen"  # back to what was typed


async def test_the_entity_panel_tells_where_the_searched_name_turns_up():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", *"sensetime", "enter")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        said = str(s.entity_panel.query_one("#entity-context").render())
        assert f"sensetime · {s.nav.total} hits in 2 articles" in said
        assert "2018-05" in said and "2018-09" in said  # the two dated articles' months, and a bar each
        assert "with: " in said and "SenseTime (" not in said  # the name itself is not its own company
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert not s.entity_panel.query_one("#entity-context").has_class("-shown")


def test_the_readme_key_table_agrees_with_the_keys_table():
    """Both ways: every key of the app's table is in the README's, and the
    README's table names no key the app does not have."""
    import itertools
    import re

    from conftest import ROOT
    from tui.app.keys import SECTIONS

    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| key | where | what |") + 2
    table = [ln for ln in itertools.takewhile(lambda ln: ln.startswith("| "), lines[start:])]
    token = re.compile(r"[^\s/,`|]+")
    documented = {t for row in table for t in token.findall(row.split("|")[1])}
    known = set()
    for section in SECTIONS:
        for row in section.rows:
            if row.label == "typing" or '"' in row.label:
                continue  # not keys: what the find bar takes
            tokens = set(token.findall(row.label))
            known |= tokens
            assert tokens <= documented, f"README's key table lacks {sorted(tokens - documented)} ({row.what})"
    assert documented <= known, f"README's key table has keys the app lacks: {sorted(documented - known)}"


async def test_find_in_the_article_shown_only():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", *"sensetime", "enter")
        await settle(app, pilot)
        everywhere = s.nav.total
        assert len(s.nav.order) == 2
        first = s.current
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        assert s.nav.order == [first] and 0 < s.nav.total < everywhere
        assert "in this article" in s.find_bar.status
        await pilot.press("enter", "h")  # back to the list; the other article with hits
        other = next(a for a in range(len(s.articles)) if a != first and s.articles[a].title.startswith("SenseTime"))
        s.sidebar.select_article(other)
        await settle(app, pilot)
        assert s.nav.order == [other]  # the search follows the article shown
        await pilot.press("slash")
        await settle(app, pilot)
        assert s.nav.total == everywhere and "in this article" not in s.find_bar.status


async def test_an_article_without_metadata_names_its_folder_file_and_story():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        plain = next(i for i, a in enumerate(s.articles) if not (a.source or a.author or a.date) and a.position)
        s.open_article(plain)
        art = s.articles[plain]
        import os

        assert s.reader.plain_lines[1] == f"seeds/{os.path.basename(art.path)} · story {art.position + 1}"


def test_every_key_bound_comes_from_the_keys_table():
    """The footer, the help screen and the palette read one table: a widget
    with bindings of its own would show keys the help does not explain."""
    import inspect

    import tui.app as package
    from tui.app import keys
    from tui.app.help import HelpScreen
    from tui.app.prompt import Prompt

    own_keys_allowed = {HelpScreen, Prompt}  # modal prompts' own Close/Cancel, shown on them
    checked = 0
    for info in __import__("pkgutil").iter_modules(package.__path__):
        module = __import__(f"tui.app.{info.name}", fromlist=["_"])
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or cls in own_keys_allowed or "BINDINGS" not in vars(cls):
                continue
            owners = [o for o in keys.OWNERS if keys.bindings(o) == list(cls.BINDINGS)]
            assert owners and cls.BINDINGS, f"{cls.__name__} binds keys of its own: {cls.BINDINGS}"
            checked += 1
    assert checked >= 7  # the app, the main screen, list, reader, find bar, names, hit list


def test_every_key_in_the_table_has_its_action():
    """A misspelt action in the table would be a key that does nothing, or a
    palette command that fails when chosen."""
    from tui.app import keys
    from tui.app.article_list import ArticleList
    from tui.app.entity_panel import EntityList
    from tui.app.find_bar import FindBar
    from tui.app.hit_list import HitList
    from tui.app.reader import ArticleView
    from tui.app.screen import MainScreen

    owner_class = {"app": BylineApp, "screen": MainScreen, "list": ArticleList, "reader": ArticleView,
                   "find": FindBar, "names": EntityList, "hits": HitList}
    assert set(owner_class) == set(keys.OWNERS)
    for section in keys.SECTIONS:
        for row in section.rows:
            for key in row.keys:
                name = key.action.split("(")[0]
                assert callable(getattr(owner_class[row.owner], f"action_{name}", None)), f"{row.owner}: {key.action}"
    assert {k.action for k in keys.commands()} >= {"find", "next_hit", "help", "copy"}


def test_history_kept_in_the_settings_by_earlier_releases_is_still_offered():
    from tui.app import settings

    assert settings.save(theme="nord", history=["old one", 7, "older"]) is None
    assert settings.load_history(10) == ["old one", "older"]  # what is not text is left out
    assert settings.save_history(["new"]) is None
    assert settings.load_history(10) == ["new"]  # the data folder's, once there is one
    with open(settings.history_path(), "w", encoding="utf-8") as fh:
        fh.write("{not json")
    assert settings.load_history(10) == ["old one", "older"]  # a damaged file is never a traceback


async def test_the_palette_reopened_as_it_closes_never_clashes_with_itself():
    """ctrl+p in the moment after escape: the palette just dismissed is
    still the app's child until it is removed; a new one must not clash
    with it (it did: DuplicateIds, in a burst of keys)."""
    from textual.command import CommandPalette

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        app.action_command_palette()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        app.pop_screen()  # (not awaited: the screen is still being removed)
        app.action_command_palette()  # what ctrl+p does then
        await settle(app, pilot)
        assert app.is_running and app._exception is None
        assert isinstance(app.screen, CommandPalette)


async def test_a_search_shows_its_first_answer_then_the_whole(tmp_path, monkeypatch):
    from tui.app import screen as screen_module
    from tui.app.screen import MainScreen

    # A corpus read from its index as used (too large to hold), and texts read
    # for a word's occurrences: none at first, so the first answer holds only
    # the names' mentions, and says it is still searching.
    monkeypatch.setattr(screen_module, "SESSION_HOLDS", 0)
    monkeypatch.setattr(screen_module, "FIRST_SCAN", 0)
    seen = []
    apply = MainScreen._apply

    def record(self, result):
        apply(self, result)
        if result is not None and result.query == "shenzhen":  # (not the searches of the letters typed before)
            seen.append((result.partial, len(result.hits), self._status()))

    monkeypatch.setattr(MainScreen, "_apply", record)
    # (the first session indexes, then opens the index in place as the second does)
    async for _run, app, pilot, s in twice_with_an_index(tmp_path):
        seen.clear()
        await pilot.press("slash", *"shenzhen", "enter")
        await settle(app, pilot)
        whole = s.library.search("shenzhen")
        assert s.library.lazy
        partial, n, status = seen[-2]
        assert partial and status.endswith("searching…") and n < len(whole.hits)
        partial, n, status = seen[-1]
        assert not partial and n == len(whole.hits) == s.nav.total and "searching" not in status
    # Held in memory: one answer, whole at once.
    monkeypatch.setattr(screen_module, "SESSION_HOLDS", 10**12)
    seen.clear()
    app = BylineApp([str(tmp_path / "c")], cache_dir=str(tmp_path / "cache"), use_cache=True)
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        await pilot.press("slash", *"shenzhen", "enter")
        await settle(app, pilot)
        assert not s.library.lazy
        assert [p for p, _, _ in seen] == [False] and seen[0][1] == len(s.library.search("shenzhen").hits) > 0


async def test_the_whole_answer_keeps_the_hit_the_user_moved_to():
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        first = s.library.search("shenzhen", scan=0)
        whole = s.library.search("shenzhen")
        assert first.partial and len(first.hits) >= 2
        s._apply(first)
        s.nav.step(1)
        at = s.nav.hit
        s._apply(whole)
        assert (s.nav.hit.article, s.nav.hit.start) == (at.article, at.start) and s.current == at.article


async def test_searching_all_day_keeps_no_dead_footer_keys():
    """The footer makes its keys afresh as the focus moves (each search
    moves it); the keys it replaces must be let go, not kept alive by the
    footer's watchers (textual#6666): 60 MB every hundred searches."""
    import gc

    from textual.widgets._footer import FooterKey

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        s = await start(app, pilot)
        for q in ("Huawei", "Shenzhen", "Tsinghua", "orbbec", "Xu Li") * 4:
            s.find(q, whole=False)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.pause(0.2)
        gc.collect()
        alive = [o for o in gc.get_objects() if isinstance(o, FooterKey)]
        shown = list(app.screen.query(FooterKey))
        assert shown and len(alive) == len(shown)
