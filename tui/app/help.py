"""The help screen: every key, grouped by where it works (from the one table in ``keys``)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .keys import SECTIONS
from .prompt import Once

def help_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2), expand=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for i, section in enumerate(SECTIONS):
        if i:
            table.add_row("", "")
        table.add_row(Text(section.title, style="bold underline"), "")
        for row in section.rows:
            table.add_row(Text(row.label), Text(row.what))
    return table


class HelpScreen(Once, ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        /* (a scrolling container sized "auto" has no size to give: a fixed
           width, the table's, and the height of what it holds) */
        width: 88; max-width: 96%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 1 2;
    }
    HelpScreen Static { width: 100%; height: auto; }
    """
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Byline — keys", style="bold"))
            yield Static(help_table(), id="help-keys")

    def action_close(self) -> None:
        self.answer(None)
