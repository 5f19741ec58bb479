"""The entity panel: the corpus's names with kind and count, filterable by typing."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial

from rich.text import Text
from textual import work
from textual.timer import Timer
from textual.worker import get_current_worker
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..core.entities import Entity
from ..core.namefilter import NameFilter
from .article_list import _cut
from . import keys
from .lazy_parts import PartsOnFirstUse
from .messages import EntityChosen

KIND_STYLE = {"person": "magenta", "org": "yellow", "place": "green", "other": "cyan"}
MAX_SHOWN = 500
COUNT_AFTER = 0.25  # seconds of no typing or scrolling before the rows' hits are counted


class EntityList(OptionList):
    BINDINGS = keys.bindings("names")

    class Scrolled(Message):
        def __init__(self, top: int) -> None:
            super().__init__()
            self.top = top

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.post_message(self.Scrolled(int(new)))  # (the panel counts the rows come into view)


class EntityPanel(PartsOnFirstUse, Vertical):
    DEFAULT_CSS = """
    EntityPanel { width: 38; height: 1fr; display: none; border-left: vkey $primary; background: $surface; }
    EntityPanel.-open { display: block; }
    EntityPanel > Input, EntityPanel > Input:focus { border: none; height: 1; margin: 0 0 1 0; padding: 0 1; }
    EntityPanel > EntityList, EntityPanel > EntityList:focus { height: 1fr; border: none; }
    EntityPanel > #entity-context { height: auto; max-height: 8; padding: 0 1; margin: 0 0 1 0; display: none; }
    EntityPanel > #entity-context.-shown { display: block; }
    EntityPanel > #entity-head { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entities: Sequence[Entity] = []
        self.shown: list[Entity] = []
        self._filter: NameFilter | None = None  # names folded once, in a worker
        self._most: int | None = None  # filter only this many names, fewer than there are (see set_entities)
        self._told = False  # that the filter keeps to them
        self._index = None
        self._asked = 0  # the latest filter typed; older answers are dropped
        self._count: Callable[[str], int] | None = None  # a name's hits, as the find bar would count them
        self.hits: dict[str, int] = {}  # counted so far, by name
        self._width = 20  # for names, once the panel is laid out
        self._count_timer: Timer | None = None
        self._said: Text | None = None

    def _parts(self) -> list[Widget]:
        return [
            Static("", id="entity-context"),
            Input(placeholder="filter names", id="entity-filter"),
            # Hits as a search for the name finds them (spellings, typos, the name
            # in longer ones): the number the find bar shows once a row is chosen.
            Static("    hits kind   name", id="entity-head"),
            EntityList(id="entity-list"),
        ]

    def _on_built(self) -> None:
        self.set_context(self._said)

    def set_context(self, text: Text | None) -> None:
        """What the panel says of the name under search (None: no search)."""
        self._said = text
        if not self._built:
            return
        ctx = self.query_one("#entity-context", Static)
        ctx.update(text or "")
        ctx.set_class(text is not None, "-shown")

    def set_entities(self, entities: Sequence[Entity], index=None, count: Callable[[str], int] | None = None,
                     most: int | None = None) -> None:
        """``index``: the corpus's search index, whose folded keys the filter
        reuses.  ``count``: a name's hits, as its search finds them (counted
        in a worker for the rows shown; without it, rows show the mentions
        the name finder saw).  ``most``: filter only this many names, the
        most mentioned (for a corpus too large to hold)."""
        self.entities = entities
        self._most = most if most is not None and len(entities) > most else None
        self._index = index
        self._filter = None
        self._count = count
        self.hits = {}
        if self._built:
            self._fill(self._filter_text())

    def _fill(self, needle: str) -> None:
        """Show the names ``needle`` keeps: at once with no filter, else from a
        worker (folding 300,000 names, or looking for near spellings, must
        never hold up typing)."""
        self._asked += 1
        if not needle.strip():
            self._show(list(self.entities[:MAX_SHOWN]), self._asked)
            return
        if self._most is not None and not self._told:
            self._told = True
            self.notify(f"Filtering the {self._most:,} most mentioned of {len(self.entities):,} names; "
                        "the find bar (/) searches them all.", title="Names", timeout=6, markup=False)
        self._run_filter(needle, self._asked)

    @work(thread=True, exclusive=True, group="entity-filter")
    def _run_filter(self, needle: str, asked: int) -> None:
        entities = self.entities
        flt = self._filter
        if flt is None or flt.entities is not entities:
            index = self._index
            if self._most is not None:
                flt = NameFilter.of_first(entities, self._most)
            elif index is not None and index.entities.entities is entities:
                flt = NameFilter.from_search_keys(entities, index.ents_by_key, index.ents_by_sorted)
            else:
                flt = NameFilter(entities)
            self._filter = flt
        if asked != self._asked:
            return  # typed on meanwhile
        shown = [entities[i] for i in flt(needle, MAX_SHOWN)]
        # A message rather than call_from_thread, which would wait on an app that may be closing.
        self.post_message(self.Filtered(shown, asked))

    class Filtered(Message):
        def __init__(self, shown: list[Entity], asked: int) -> None:
            super().__init__()
            self.shown, self.asked = shown, asked

    def on_entity_panel_filtered(self, message: Filtered) -> None:
        self._show(message.shown, message.asked)

    def _show(self, shown: list[Entity], asked: int) -> None:
        if asked != self._asked:
            return
        self.shown = shown
        self._width = max(8, self.query_one(EntityList).scrollable_content_region.width - 18)
        options = [Option(self._row(e)) for e in self.shown]
        lst = self.query_one(EntityList)
        lst.set_options(options)
        if options:
            lst.highlighted = 0
        self._count_near(0)

    def _count_near(self, first: int) -> None:
        """Count the hits of the rows in view from ``first``, and a page
        beyond, if any is not counted yet (the cursor moving out of view
        scrolls the list: that comes here too).  Only these: at 100,000 articles
        a name's search takes 6 ms (tens for common ones), and 500 rows'
        took 5 s of a core that typing in the filter wants too."""
        if self._count is None:
            return
        page = max(10, self.query_one(EntityList).scrollable_content_region.height)
        names = [e.name for e in self.shown[max(0, first): first + 2 * page]]
        if self._count_timer is not None:
            self._count_timer.stop()
        if any(name not in self.hits for name in names):
            # Once typing pauses: a search running beside each keystroke's filter slowed it by half.
            self._count_timer = self.set_timer(COUNT_AFTER, partial(self._count_hits, names, self._asked))

    def on_entity_list_scrolled(self, message: EntityList.Scrolled) -> None:
        self._count_near(message.top)


    def _row(self, e: Entity) -> Text:
        t = Text(end="")
        if self._count is None:
            t.append(f"{e.count:>8,} ", style="dim")
        else:
            hits = self.hits.get(e.name)
            t.append(f"{'·' if hits is None else format(hits, ','):>8} ", style="dim")
        t.append(f"{e.kind:<6} ", style=KIND_STYLE[e.kind])
        t.append(_cut(e.name, self._width))
        return t

    @work(thread=True, exclusive=True, group="entity-count")
    def _count_hits(self, names: list[str], asked: int) -> None:
        """Search each of ``names``, in order, and send the counts along
        every tenth of a second."""
        count = self._count
        assert count is not None
        worker = get_current_worker()
        done: dict[str, int] = {}
        sent = time.monotonic()
        for name in names:
            if worker.is_cancelled or asked != self._asked:
                return
            if name in self.hits or name in done:
                continue
            done[name] = count(name)
            if time.monotonic() - sent > 0.1:
                self.post_message(self.Counted(done, asked))
                done, sent = {}, time.monotonic()
        if done:
            self.post_message(self.Counted(done, asked))

    class Counted(Message):
        def __init__(self, hits: dict[str, int], asked: int) -> None:
            super().__init__()
            self.hits, self.asked = hits, asked

    def on_entity_panel_counted(self, message: Counted) -> None:
        self.hits.update(message.hits)
        if message.asked != self._asked:
            return  # the rows have changed: the counts wait in ``hits`` for them
        lst = self.query_one(EntityList)
        for i, e in enumerate(self.shown):
            if e.name in message.hits and i < lst.option_count:
                lst.replace_option_prompt_at_index(i, self._row(e))

    def open(self) -> None:
        self._build()
        self.add_class("-open")
        self.screen.add_class("-entities")
        self.screen.set_focus(self.query_one("#entity-filter", Input))
        # Rows are cut to the panel's width, known only once it is shown.
        self.call_after_refresh(lambda: self._fill(self._filter_text()))

    def _filter_text(self) -> str:
        return self.query_one("#entity-filter", Input).value if self._built else ""

    def close(self) -> None:
        self.remove_class("-open")
        self.screen.remove_class("-entities")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def on_resize(self) -> None:
        # Rows are cut to the panel's width: redo them once the layout knows it.
        if self.entities and self._built:
            self._fill(self._filter_text())

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        lst = self.query_one(EntityList)
        if self.shown:
            self.post_message(EntityChosen(self.shown[lst.highlighted or 0].name))

    def on_key(self, event) -> None:
        # Up/Down in the filter move through the list, as in a picker.
        if event.key in ("down", "up") and self.query_one("#entity-filter", Input).has_focus:
            lst = self.query_one(EntityList)
            lst.action_cursor_down() if event.key == "down" else lst.action_cursor_up()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(EntityChosen(self.shown[event.option_index].name))
