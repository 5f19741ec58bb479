"""The entity panel: the corpus's names with kind and count, filterable by typing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..core.entities import Entity, fold
from .article_list import _cut
from .messages import EntityChosen

KIND_STYLE = {"person": "magenta", "org": "yellow", "place": "green", "other": "cyan"}
MAX_SHOWN = 500


class EntityList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class EntityPanel(Vertical):
    DEFAULT_CSS = """
    EntityPanel { width: 38; height: 1fr; display: none; border-left: vkey $primary; background: $surface; }
    EntityPanel.-open { display: block; }
    EntityPanel > Input, EntityPanel > Input:focus { border: none; height: 1; margin: 0 0 1 0; padding: 0 1; }
    EntityPanel > EntityList, EntityPanel > EntityList:focus { height: 1fr; border: none; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entities: list[Entity] = []
        self.shown: list[Entity] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter names", id="entity-filter")
        yield EntityList(id="entity-list")

    def set_entities(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._fill("")

    def _fill(self, needle: str) -> None:
        key = fold(needle)
        shown = [e for e in self.entities if not key or key in fold(e.name) or any(key in fold(v) for v in e.variants)]
        self.shown = shown[:MAX_SHOWN]
        options = []
        width = max(8, self.query_one(EntityList).scrollable_content_region.width - 14)
        for e in self.shown:
            t = Text(end="")
            t.append(f"{e.count:>4} ", style="dim")
            t.append(f"{e.kind:<6} ", style=KIND_STYLE[e.kind])
            t.append(_cut(e.name, width))
            options.append(Option(t))
        lst = self.query_one(EntityList)
        lst.set_options(options)
        if options:
            lst.highlighted = 0

    def open(self) -> None:
        self.add_class("-open")
        self.screen.add_class("-entities")
        self.screen.set_focus(self.query_one("#entity-filter", Input))
        # Rows are cut to the panel's width, known only once it is shown.
        self.call_after_refresh(lambda: self._fill(self.query_one("#entity-filter", Input).value))

    def close(self) -> None:
        self.remove_class("-open")
        self.screen.remove_class("-entities")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def on_resize(self) -> None:
        # Rows are cut to the panel's width: redo them once the layout knows it.
        if self.entities:
            self._fill(self.query_one("#entity-filter", Input).value)

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
