"""The find bar: live fuzzy name search, debounced, never blocking typing."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label

from . import keys, settings
from .lazy_parts import PartsOnFirstUse
from .messages import QueryChanged, QueryCleared, QuerySubmitted

DEBOUNCE = 0.15
HISTORY = 100  # searches remembered between sessions


class FindBar(PartsOnFirstUse, Horizontal):
    DEFAULT_CSS = """
    FindBar { height: 1; display: none; background: $panel; }
    FindBar.-open { display: block; }
    FindBar > Label#find-prompt { width: auto; padding: 0 1; color: $text-accent; text-style: bold; }
    FindBar > Input { width: 1fr; height: 1; border: none; padding: 0; background: $panel; }
    FindBar > Input:focus { border: none; }
    FindBar > Label#find-status { width: auto; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = keys.bindings("find")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._timer: Timer | None = None
        self.status = ""  # what the status label says
        self.history: list[str] = settings.load_history(HISTORY)
        self._place: int | None = None  # where Up/Down are in the history; None: at the typed text
        self._typed = ""
        self._prompt = "find"

    def remember(self, query: str) -> None:
        """Keep ``query`` as the latest search (once), for Up in this and later sessions."""
        query = query.strip()
        self._place = None
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY]
        settings.save_history(self.history)

    def action_history(self, delta: int) -> None:
        if not self.history:
            return
        if self._place is None:
            if delta > 0:
                return
            self._typed = self.input.value
            place = len(self.history) - 1
        else:
            place = self._place + delta
        if place >= len(self.history):
            self._place = None
            self._set(self._typed)
            return
        self._place = max(0, place)
        self._set(self.history[self._place])

    def _set(self, value: str) -> None:
        self.input.value = value
        self.input.cursor_position = len(value)

    def _parts(self) -> list[Widget]:
        return [
            Label(self._prompt, id="find-prompt"),
            Input(placeholder="a name, as you remember it   \"exact phrase\"   a | b", id="find-input"),
            Label(self.status, id="find-status"),
        ]

    @property
    def input(self) -> Input:
        self._build()
        return self.query_one("#find-input", Input)

    @property
    def value(self) -> str:
        return self.input.value if self._built else ""

    def open(self, value: str | None = None) -> None:
        self.add_class("-open")
        if value is not None:
            self.input.value = value
        self.screen.set_focus(self.input)

    def close(self) -> None:
        self.remove_class("-open")

    def set_prompt(self, text: str) -> None:
        self._prompt = text
        if self._built:
            self.query_one("#find-prompt", Label).update(text)

    def set_status(self, text: str) -> None:
        self.status = text
        if self._built:
            self.query_one("#find-status", Label).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self.post_message(QueryChanged(query)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.remember(event.value)
        if self._timer is not None:
            self._timer.stop()
        self.post_message(QueryChanged(event.value))
        self.post_message(QuerySubmitted())

    def action_clear(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._built:
            self.input.value = ""
        self.close()
        self.post_message(QueryCleared())
