"""Every key of the app, in one table.

The table feeds the widgets' bindings (and so the footer), the help screen,
the command palette's Byline commands, and the test that holds the README's
key table to it.  A key is added here, once; nothing else lists keys.

Each row is a line of the help screen: what it does, the widget whose
bindings hold its keys, and the keys themselves (one ``Key`` per binding).
Keys that Textual itself handles (Tab, Ctrl+P, the option lists' Enter) are
rows with ``shown`` and no bindings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.binding import Binding

# Where a row's bindings live: the app, the main screen, the article list,
# the reader, the find bar, the entity panel's list, the hit list.
OWNERS = ("app", "screen", "list", "reader", "find", "names", "hits")


@dataclass(frozen=True)
class Key:
    keys: str  # Textual's key names, comma-separated ("question_mark,f1")
    action: str
    footer: str  # the footer's label (shown there only if ``show``)
    show: bool = False
    command: str = ""  # the command palette's title for it, if it has one
    command_help: str = ""

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.footer, show=self.show)


@dataclass(frozen=True)
class Row:
    what: str  # the help screen's words for it
    owner: str
    keys: tuple[Key, ...] = ()
    shown: str = ""  # the keys as shown, when Textual (not a binding here) handles them

    @property
    def label(self) -> str:
        return self.shown or label(self.keys)


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...] = field(default_factory=tuple)


_NAMES = {
    "slash": "/", "question_mark": "?", "backslash": "\\", "less_than_sign": "<", "greater_than_sign": ">",
    "left_square_bracket": "[", "right_square_bracket": "]", "space": "Space", "escape": "Escape",
    "enter": "Enter", "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End", "up": "Up",
    "down": "Down", "left": "Left", "right": "Right", "tab": "Tab",
}


def key_label(name: str) -> str:
    """How a key is written for people: "slash" is "/", "ctrl+f" is "Ctrl+F", "f1" is "F1"."""
    if name in _NAMES:
        return _NAMES[name]
    if "+" in name:
        *mods, last = name.split("+")
        return "+".join([m.capitalize() for m in mods] + [key_label(last).upper() if len(last) == 1 else key_label(last)])
    if len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        return name.upper()
    return name


def label(keys: tuple[Key, ...]) -> str:
    """A row's keys as the help screen writes them: bindings side by side
    with " / ", their alternative keys after commas ("Up / Down, k / j")."""
    names = [k.keys.split(",") for k in keys]
    width = max((len(n) for n in names), default=0)
    return ", ".join(" / ".join(key_label(n[i]) for n in names if i < len(n)) for i in range(width))


_k = Key  # (short, for the table below)


SECTIONS: tuple[Section, ...] = (
    Section("Everywhere", (
        Row("find a name (live, fuzzy)", "screen", (
            _k("slash", "find", "Find", True, "Find a name", "Open the find bar"),)),
        Row("find in the article shown only", "screen", (
            _k("ctrl+f", "find_in_article", "Find in article", command="Find in this article",
               command_help="Search the article shown only"),)),
        Row("next / previous hit, across articles", "screen", (
            _k("n", "next_hit", "Next hit", True, "Next hit", "Jump to the next hit, across articles"),
            _k("N", "prev_hit", "Prev hit", True, "Previous hit", "Jump to the previous hit"))),
        Row("next / previous article", "screen", (
            _k("right_square_bracket", "next_article", "Next article", command="Next article",
               command_help="Show the next article"),
            _k("left_square_bracket", "prev_article", "Prev article", command="Previous article",
               command_help="Show the previous article"))),
        Row("show only articles with hits (toggle)", "screen", (
            _k("f", "toggle_filter", "Filter", command="Toggle hit filter", command_help="Only articles with hits"),)),
        Row("entity panel: names with kind and count", "screen", (
            _k("e", "toggle_entities", "Names", True, "Toggle entity panel", "Names with kind and count"),)),
        Row("entity colours on / off", "screen", (
            _k("c", "toggle_colours", "Colours", command="Toggle entity colours",
               command_help="Colour people, organisations and places"),)),
        Row("raw / cleaned text", "screen", (
            _k("r", "toggle_raw", "Raw", True, "Toggle raw text", "The file as it was, or cleaned"),)),
        Row("every hit of the search in context", "screen", (
            _k("H", "hit_list", "All hits", command="List every hit", command_help="Every hit of the search in context"),)),
        Row("hide / show the list (read at full width)", "screen", (
            _k("backslash", "toggle_sidebar", "Hide list", command="Hide or show the list",
               command_help="Read at full width"),)),
        Row("list narrower / wider (remembered)", "screen", (
            _k("less_than_sign", "sidebar_width(-4)", "Narrower list"),
            _k("greater_than_sign", "sidebar_width(4)", "Wider list"))),
        Row("move focus", "app", shown="Tab / Shift+Tab"),
        Row("close or clear, one layer at a time", "screen", (_k("escape", "escape", "Back"),)),
        Row("command palette: every action, open article…, find name…", "app", shown="Ctrl+P"),
        Row("this help", "screen", (_k("question_mark,f1", "help", "Help", True, "Show keys", "Every key"),)),
        Row("quit", "app", (_k("q", "quit", "Quit", True),)),
    )),
    Section("Marks, order, out", (
        Row("star / unstar the article (★)", "screen", (
            _k("s", "toggle_star", "Star", command="Star article", command_help="Star or unstar the article shown"),)),
        Row("mark read / unread (shown 2 s: read)", "screen", (
            _k("m", "toggle_read", "Read/unread", command="Mark read or unread", command_help="The article shown"),)),
        Row("a note on the article (✎)", "screen", (
            _k("a", "note", "Note", command="Note on article", command_help="Write a short note on the article shown"),)),
        Row("sort: file, date, title, source, folder", "screen", (
            _k("S", "cycle_sort", "Sort", command="Sort the list", command_help="File order, date, title, source, folder"),)),
        Row("list all, unread or starred articles", "screen", (
            _k("v", "cycle_view", "Unread/starred", command="Unread or starred only",
               command_help="List all, unread or starred articles"),)),
        Row("filter: words, source:, folder:, since:, until:", "screen", (
            _k("F", "filter_list", "Filter list", command="Filter the list",
               command_help="By words, source, folder or dates"),)),
        Row("open the web address, or the file in $PAGER", "screen", (
            _k("o", "open_source", "Open", command="Open the source",
               command_help="The web address in a browser, or the file in $PAGER"),)),
        Row("open the file in $PAGER, address or not", "screen", (
            _k("O", "open_file", "Open the file", command="Open the file",
               command_help="The article's file in $PAGER, address or not"),)),
        Row("copy the hit's sentence (or the article), cited", "screen", (
            _k("y", "copy", "Copy", command="Copy", command_help="The hit's sentence, or the article, with its source"),)),
    )),
    Section("Article list", (
        Row("move (the reader previews)", "list", (
            _k("up,k", "cursor_up", "Up"), _k("down,j", "cursor_down", "Down"))),
        Row("a page up / down", "list", (_k("pageup", "page_up", "Page up"), _k("pagedown", "page_down", "Page down"))),
        Row("first / last article", "list", (_k("home", "first", "First"), _k("end", "last", "Last"))),
        Row("open in the reader", "list", (_k("enter,right,l", "select", "Open"),)),
    )),
    Section("Reader", (
        Row("line", "reader", (_k("up,k", "scroll_up", "Up"), _k("down,j", "scroll_down", "Down"))),
        Row("page", "reader", (_k("pageup,b", "page_up", "Page up"), _k("pagedown,space", "page_down", "Page down"))),
        Row("top / bottom", "reader", (_k("home,g", "scroll_home", "Top"), _k("end,G", "scroll_end", "Bottom"))),
        Row("back to the list", "screen", (_k("left,h", "focus_list", "List"),)),
    )),
    Section("Find bar", (
        Row("search as you type", "find", shown="typing"),
        Row("keep the search, back to reading", "find", shown="Enter"),
        Row("earlier / later searches (remembered)", "find", (
            _k("up", "history(-1)", "Earlier search"), _k("down", "history(1)", "Later search"))),
        Row("clear the search", "find", (_k("escape", "clear", "Clear", True),)),
        Row("exact phrase;  a | b  several names", "find", shown='"Hong Kong"'),
    )),
    Section("Entity panel and hit list", (
        Row("move", "names", (_k("k", "cursor_up", "Up"), _k("j", "cursor_down", "Down"))),
        Row("search the name, or go to the hit", "names", shown="Enter"),
        Row("close the hit list", "hits", (_k("escape,q,H", "close", "Close"),)),
    )),
)


def bindings(owner: str) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """The bindings of ``owner`` (one of ``OWNERS``), in the table's order (the
    footer's), typed as Textual's ``BINDINGS`` are."""
    assert owner in OWNERS, owner
    return [k.binding() for section in SECTIONS for row in section.rows if row.owner == owner for k in row.keys]


def commands() -> list[Key]:
    """The main screen's keys that the command palette offers, in the table's order."""
    return [k for section in SECTIONS for row in section.rows if row.owner == "screen" for k in row.keys if k.command]
