"""The sidebar: one row per article (title, then source and date; hit count).

A virtualised list on the Line API: rows are drawn only when visible, so
100,000 articles cost a list of indices, not 100,000 renderables.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.article import Article, printable
from . import keys

ROW_HEIGHT = 2
STRIP_CACHE = 512


def where(art, with_file: bool = False) -> str:
    """What tells an article without metadata apart: its folder (five folders
    of a corpus may each hold a 001.txt), ``with_file`` its file too, and
    which record or story of the file it is."""
    parts = art.path.rsplit("/", 2)
    folder = parts[-2] if len(parts) >= 2 else ""
    if with_file:
        place = f"{folder}/{parts[-1]}" if folder else parts[-1]
    else:
        place = f"{folder}/" if folder else parts[-1]
    place = printable(place)
    if art.record is not None:
        return f"{place} · record {art.record}"
    return f"{place} · story {art.position + 1}" if art.position else place


def _cut(s: str, width: int) -> str:
    """Shorten ``s`` to ``width`` cells, with an ellipsis."""
    if cell_len(s) <= width:
        return s
    out = ""
    for ch in s:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out.rstrip() + "…"


class ArticleList(ScrollView, can_focus=True):
    """Articles in the order the screen gives: corpus order, by hit count while
    a search is active, or sorted.  Unread titles are bold; starred ones
    carry a ★ and noted ones a ✎."""

    DEFAULT_CSS = """
    ArticleList { height: 1fr; background: $surface; }
    ArticleList > .article-list--title { text-style: bold; }
    ArticleList > .article-list--read { text-style: none; }
    ArticleList > .article-list--star { color: $text-warning; text-style: bold; }
    ArticleList > .article-list--meta { color: $text-muted; }
    ArticleList > .article-list--count { text-style: bold reverse; }
    ArticleList > .article-list--cursor {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
    }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    """
    COMPONENT_CLASSES = {
        "article-list--title", "article-list--read", "article-list--star", "article-list--meta",
        "article-list--count", "article-list--cursor",
    }

    BINDINGS = keys.bindings("list")

    class Highlighted(Message):
        """The cursor moved to another article (the reader previews it)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Selected(Message):
        """Enter, Right or a click: open the article in the reader."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    highlighted: reactive[int | None] = reactive(None, always_update=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.order: Sequence[int] = []
        self._articles: Sequence[Article] = []
        self._counts: dict[int, int] = {}
        self._position: dict[int, int] | None = None  # article index → row, of a list
        self._strips: dict[tuple[int, int], Strip] = {}
        self.read: set[int] | frozenset[int] = frozenset()
        self.starred: set[int] | frozenset[int] = frozenset()
        self.notes: dict[int, str] = {}

    # -- data --------------------------------------------------------------

    @property
    def option_count(self) -> int:
        return len(self.order)

    def set_marks(self, read, starred, notes) -> None:
        """The reading state the rows show (sets and a dict by article index, shared, not copied)."""
        self.read, self.starred, self.notes = read, starred, notes
        self.restyle()

    def redraw_article(self, index: int) -> None:
        """Draw one article's row again (its marks changed)."""
        pos = self._pos(index)
        if pos is not None:
            self._strips.pop((pos, 0), None)
            self._strips.pop((pos, 1), None)
            self.refresh()

    def set_articles(self, articles: Sequence[Article], order: Sequence[int], counts: dict[int, int],
                     keep: int | None) -> None:
        """Show ``order`` (article indices); keep ``keep`` highlighted if it is listed."""
        self._articles = articles
        self.order = order
        self._counts = counts
        # (Rows by article are made only when asked for, and only of a list:
        # a corpus's order and a search's sidebar say where an article is.)
        self._position = None
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(order) * ROW_HEIGHT)
        new = self._pos(keep) if keep is not None else None
        new = new if new is not None else (0 if order else None)
        if new == self.highlighted:
            self._scroll_to_cursor()
            self.refresh()
            if new is not None:
                self.post_message(self.Highlighted(order[new]))
        else:
            self.highlighted = new
        self.refresh()

    def _pos(self, index: int) -> int | None:
        order = self.order
        if isinstance(order, range):
            return order.index(index) if index in order else None
        position = getattr(order, "position", None)
        if position is not None:
            return position(index)
        if self._position is None:
            self._position = dict(zip(order, range(len(order))))
        return self._position.get(index)

    @property
    def article_index(self) -> int | None:
        if self.highlighted is None or not self.order:
            return None
        return self.order[self.highlighted]

    def select_article(self, index: int) -> None:
        pos = self._pos(index)
        if pos is not None:
            self.highlighted = pos

    # -- cursor --------------------------------------------------------------

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self.order:
            return None
        return max(0, min(len(self.order) - 1, value))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for pos in (old, new):
            if pos is not None:
                self._strips.pop((pos, 0), None)
                self._strips.pop((pos, 1), None)
        self._scroll_to_cursor()
        self.refresh()
        if new is not None and self.order:
            self.post_message(self.Highlighted(self.order[new]))

    def _scroll_to_cursor(self) -> None:
        if self.highlighted is None:
            return
        top = self.highlighted * ROW_HEIGHT
        height = self.scrollable_content_region.height or self.size.height
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_HEIGHT > self.scroll_offset.y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False)

    def _move(self, delta: int) -> None:
        if not self.order:
            return
        self.highlighted = (self.highlighted or 0) + delta if self.highlighted is not None else 0

    def action_cursor_down(self) -> None:
        self._move(+1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def _page(self) -> int:
        return max(1, (self.scrollable_content_region.height or ROW_HEIGHT) // ROW_HEIGHT)

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_first(self) -> None:
        if self.order:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.order:
            self.highlighted = len(self.order) - 1

    def action_select(self) -> None:
        if self.article_index is not None:
            self.post_message(self.Selected(self.article_index))

    def on_click(self, event: events.Click) -> None:
        pos = (event.y + self.scroll_offset.y) // ROW_HEIGHT
        if 0 <= pos < len(self.order):
            self.highlighted = pos
            self.post_message(self.Selected(self.order[pos]))

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(self.order) * ROW_HEIGHT)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        redirect = getattr(self.screen, "redirect_typing", None)
        if redirect is not None:
            redirect(event)

    # -- Line API -------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-list--{name}", partial=True)

    def restyle(self) -> None:
        """Draw the rows again in the current theme's colours."""
        self._strips.clear()
        self.refresh()

    def _row(self, pos: int, line: int, width: int) -> Strip:
        key = (pos, line)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        index = self.order[pos]
        art = self._articles[index]
        text = Text(end="")
        text_width = max(4, width - 2)
        if line == 0:
            hits = self._counts.get(index)
            if hits:
                badge = f"{hits:>3}"
                text.append(badge, style=self._style("count"))
                text.append(" ")
                text_width -= len(badge) + 1
            for mark, marked in (("★", index in self.starred), ("✎", index in self.notes)):
                if marked:
                    text.append(mark + " ", style=self._style("star"))
                    text_width -= 2
            title_style = self._style("read" if index in self.read else "title")
            text.append(_cut(art.title, max(4, text_width)), style=title_style)
        else:
            meta = " · ".join(x for x in (art.source, (art.date or "")[:10], art.author) if x)
            text.append(_cut(meta or where(art), text_width), style=self._style("meta") + Style(dim=True))
        text.pad_left(1)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).extend_cell_length(width)
        if pos == self.highlighted:
            # Never cached: its colours follow focus, which changes between renders.
            return strip.apply_style(self._style("cursor"))
        if len(self._strips) > STRIP_CACHE:
            self._strips.clear()
        self._strips[key] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        row = y + self.scroll_offset.y
        pos, line = divmod(row, ROW_HEIGHT)
        if pos >= len(self.order):
            return Strip.blank(width, base)
        return self._row(pos, line, width).apply_style(base).crop(0, width)
