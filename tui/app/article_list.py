"""The sidebar: one row per article (title, then source and date; hit count)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..core.articles import Article


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


def row(article: Article, hits: int | None, width: int) -> Text:
    """Two lines: the title (after the hit count), then source · date · author."""
    text = Text(end="")
    title_width = width
    if hits:
        badge = f"{hits:>3}"
        text.append(badge, style="bold reverse")
        text.append(" ")
        title_width -= len(badge) + 1
    text.append(_cut(article.title, title_width), style="bold")
    text.append("\n")
    meta = " · ".join(x for x in (article.source, (article.date or "")[:10], article.author) if x)
    text.append(_cut(meta or article.path.rsplit("/", 1)[-1], width), style="dim")
    return text


class ArticleList(OptionList):
    """Articles in corpus order, or by hit count while a search is active."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("right,l", "open", "Open", show=False),
    ]

    DEFAULT_CSS = """
    ArticleList { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.order: list[int] = []
        self._articles: list[Article] = []
        self._counts: dict[int, int] = {}
        self._row_width = 0

    def _width(self) -> int:
        return max(8, self.scrollable_content_region.width - 2)

    def set_articles(self, articles: list[Article], order: list[int], counts: dict[int, int], keep: int | None) -> None:
        """Show ``order`` (article indices); keep ``keep`` highlighted if it is listed."""
        self.order = order
        self._articles = articles
        self._counts = counts
        self._row_width = width = self._width()
        self.set_options(Option(row(articles[i], counts.get(i), width), id=str(i)) for i in order)
        if order:
            self.highlighted = order.index(keep) if keep in order else 0

    def on_resize(self) -> None:
        if self.order and self._width() != self._row_width:
            keep = self.article_index
            with self.prevent(OptionList.OptionHighlighted):
                self.set_articles(self._articles, self.order, self._counts, keep)

    @property
    def article_index(self) -> int | None:
        if self.highlighted is None or not self.order:
            return None
        return self.order[self.highlighted]

    def select_article(self, index: int) -> None:
        if index in self.order:
            self.highlighted = self.order.index(index)

    def action_open(self) -> None:
        if self.highlighted is not None:
            self.action_select()
