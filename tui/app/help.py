"""The help screen: every key, grouped by where it works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .prompt import Once

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Everywhere", [
        ("/", "find a name (live, fuzzy)"),
        ("Ctrl+F", "find in the article shown only"),
        ("n / N", "next / previous hit, across articles"),
        ("] / [", "next / previous article"),
        ("f", "show only articles with hits (toggle)"),
        ("e", "entity panel: names with kind and count"),
        ("c", "entity colours on / off"),
        ("r", "raw / cleaned text"),
        ("H", "every hit of the search in context"),
        ("\\", "hide / show the list (read at full width)"),
        ("< / >", "list narrower / wider (remembered)"),
        ("Tab / Shift+Tab", "move focus"),
        ("Escape", "close or clear, one layer at a time"),
        ("Ctrl+P", "command palette: every action, open article…, find name…"),
        ("? / F1", "this help"),
        ("q", "quit"),
    ]),
    ("Marks, order, out", [
        ("s", "star / unstar the article (★)"),
        ("m", "mark read / unread (shown 2 s: read)"),
        ("a", "a note on the article (✎)"),
        ("S", "sort: file, date, title, source, folder"),
        ("v", "list all, unread or starred articles"),
        ("F", "filter: words, source:, folder:, since:, until:"),
        ("o", "open the web address, or the file in $PAGER"),
        ("O", "open the file in $PAGER, address or not"),
        ("y", "copy the hit's sentence (or the article), cited"),
    ]),
    ("Article list", [
        ("Up / Down, k / j", "move (the reader previews)"),
        ("Enter, Right, l", "open in the reader"),
    ]),
    ("Reader", [
        ("Up / Down, k / j", "line"),
        ("PgUp / PgDn, b / Space", "page"),
        ("Home / End, g / G", "top / bottom"),
        ("Left, h", "back to the list"),
    ]),
    ("Find bar", [
        ("typing", "search as you type"),
        ("Enter", "keep the search, back to reading"),
        ("Up / Down", "earlier / later searches (remembered)"),
        ("Escape", "clear the search"),
        ('"Hong Kong"', "exact phrase;  a | b  several names"),
    ]),
]


def help_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2), expand=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for i, (section, keys) in enumerate(KEYS):
        if i:
            table.add_row("", "")
        table.add_row(Text(section, style="bold underline"), "")
        for key, what in keys:
            table.add_row(Text(key), Text(what))
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
