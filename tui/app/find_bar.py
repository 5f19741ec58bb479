"""The find bar: live fuzzy name search, debounced, never blocking typing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label

from .messages import QueryChanged, QueryCleared, QuerySubmitted

DEBOUNCE = 0.15


class FindBar(Horizontal):
    DEFAULT_CSS = """
    FindBar { height: 1; display: none; background: $panel; }
    FindBar.-open { display: block; }
    FindBar > Label#find-prompt { width: auto; padding: 0 1; color: $text-accent; text-style: bold; }
    FindBar > Input { width: 1fr; height: 1; border: none; padding: 0; background: $panel; }
    FindBar > Input:focus { border: none; }
    FindBar > Label#find-status { width: auto; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "clear", "Clear", show=True)]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._timer = None
        self.status = ""  # what the status label says

    def compose(self) -> ComposeResult:
        yield Label("find", id="find-prompt")
        yield Input(placeholder="a name, as you remember it   \"exact phrase\"   a | b", id="find-input")
        yield Label("", id="find-status")

    @property
    def input(self) -> Input:
        return self.query_one("#find-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self, value: str | None = None) -> None:
        self.add_class("-open")
        if value is not None:
            self.input.value = value
        self.screen.set_focus(self.input)

    def close(self) -> None:
        self.remove_class("-open")

    def set_status(self, text: str) -> None:
        self.status = text
        self.query_one("#find-status", Label).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self.post_message(QueryChanged(query)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self.post_message(QueryChanged(event.value))
        self.post_message(QuerySubmitted())

    def action_clear(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.input.value = ""
        self.close()
        self.post_message(QueryCleared())
