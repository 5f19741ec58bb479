"""A one-line question in a small box: the note of an article, the list's filter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class Once:
    """A modal screen that answers once: keys that arrive faster than it
    closes (a second Escape or Enter) find it already answered."""

    _answered = False

    def answer(self, result) -> None:
        # (Only the screen on top may dismiss itself: a key that reaches one
        # below would raise, and leave it answered but never closed.)
        if not self._answered and self.app.screen is self:  # type: ignore[attr-defined]
            self._answered = True
            self.dismiss(result)


class Prompt(Once, ModalScreen[str | None]):
    """Asks for one line of text: Enter gives it (maybe empty), Escape gives None."""

    DEFAULT_CSS = """
    Prompt { align: center middle; }
    Prompt > Vertical {
        width: 72; max-width: 95%; height: auto; padding: 0 1;
        border: round $primary; background: $panel;
    }
    Prompt Label { width: 1fr; }
    Prompt #prompt-help { color: $text-muted; }
    Prompt Input { margin: 1 0 0 0; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", help: str = "", placeholder: str = "") -> None:
        super().__init__()
        self._title, self._value, self._help, self._placeholder = title, value, help, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, markup=False)
            if self._help:
                yield Label(self._help, id="prompt-help", markup=False)
            yield Input(self._value, placeholder=self._placeholder, select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Byline"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.answer(event.value)

    def action_cancel(self) -> None:
        self.answer(None)
