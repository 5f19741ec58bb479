"""The reader: one article's cleaned text, wrapped to the pane, rendered line by line.

Built on ``ScrollView`` and the Line API: the article is laid out into strips
once per (article, width, highlights) and only the visible lines are drawn.
Text is always a ``rich.text.Text`` built from plain strings, never markup.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.articles import Article
from ..core.search import Hit
from ..core.text import visible_controls


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: (start, end) of each line, by terminal cells.

    Breaks at spaces (which are dropped at the break); a word wider than the
    line is cut.  Offsets index ``text``, so highlights keep their places.
    """
    width = max(1, width)
    out: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    while start < n:
        # Fast path: the rest fits.
        if cell_len(text[start:]) <= width:
            out.append((start, n))
            break
        cells = 0
        i = start
        last_space = -1
        while i < n:
            w = cell_len(text[i])
            if cells + w > width:
                break
            if text[i] == " ":
                last_space = i
            cells += w
            i += 1
        if i < n and text[i] == " ":
            end, nxt = i, i + 1
        elif last_space > start:
            end, nxt = last_space, last_space + 1
        else:
            end, nxt = max(i, start + 1), max(i, start + 1)
        out.append((start, end))
        start = nxt
        while start < n and text[start] == " " and start < end + 1:
            start += 1
    return out or [(0, 0)]


class ArticleView(ScrollView, can_focus=True):
    """Shows an article; entities coloured by kind, search hits highlighted."""

    DEFAULT_CSS = """
    ArticleView {
        padding: 0 1;
        background: $surface;
        scrollbar-gutter: stable;
    }
    ArticleView > .article-view--title { text-style: bold; color: $foreground; }
    ArticleView > .article-view--meta { color: $text-muted; }
    ArticleView > .article-view--standfirst { text-style: italic; }
    ArticleView > .article-view--person { color: $text-primary; text-style: bold; }
    ArticleView > .article-view--org { color: $text-warning; text-style: bold; }
    ArticleView > .article-view--place { color: $text-success; text-style: bold; }
    ArticleView > .article-view--other { color: $text-secondary; text-style: italic; }
    ArticleView > .article-view--hit { background: $warning 45%; color: $foreground; }
    ArticleView > .article-view--current-hit { background: $accent; color: $background; text-style: bold; }
    ArticleView > .article-view--raw { color: $foreground; }
    """

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--standfirst",
        "article-view--person",
        "article-view--org",
        "article-view--place",
        "article-view--other",
        "article-view--hit",
        "article-view--current-hit",
        "article-view--raw",
    }

    BINDINGS = [
        Binding("down,j", "scroll_down", "Down", show=False),
        Binding("up,k", "scroll_up", "Up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
    ]

    show_entities: var[bool] = var(True)
    raw: var[bool] = var(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.spans: list[Span] = []
        self.hits: list[Hit] = []
        self.current: Hit | None = None
        self._lines: list[Strip] = []
        self._layout_width = 0
        self.hit_lines: dict[tuple[int, int], int] = {}
        self.plain_lines: list[str] = []  # what each line says, for tests and copy

    # -- state -------------------------------------------------------------

    def show(
        self,
        article: Article | None,
        spans: list[Span] | None = None,
        hits: list[Hit] | None = None,
        current: Hit | None = None,
        keep_scroll: bool = False,
    ) -> None:
        changed = article is not self.article
        self.article = article
        self.spans = spans or []
        self.hits = hits or []
        self.current = current
        self._relayout()
        if changed and not keep_scroll:
            self.scroll_to(y=0, animate=False)
        self.scroll_to_current()

    def watch_show_entities(self) -> None:
        self._relayout()

    def watch_raw(self) -> None:
        self._relayout()
        self.scroll_to(y=0, animate=False)

    def scroll_to_current(self) -> None:
        if self.current is None or self.raw:
            return
        line = self.hit_lines.get((self.current.start, self.current.end))
        if line is None:
            return
        height = self.scrollable_content_region.height or self.size.height
        top = self.scroll_offset.y
        if not (top <= line < top + max(1, height - 1)):
            self.scroll_to(y=max(0, line - max(1, height // 3)), animate=False)

    # -- layout ------------------------------------------------------------

    def on_resize(self) -> None:
        if self._content_width() != self._layout_width:
            self._relayout()
            self.scroll_to_current()

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width or self.size.width - 2)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}", partial=True)

    def _relayout(self) -> None:
        width = self._content_width()
        self._layout_width = width
        console = self.app.console
        lines: list[Strip] = []
        plain: list[str] = []
        self.hit_lines = {}

        def add(text: Text) -> None:
            for s, e in wrap_offsets(text.plain, width):
                part = text[s:e]
                lines.append(Strip(list(part.render(console)), part.cell_len))
                plain.append(part.plain)

        def blank() -> None:
            lines.append(Strip.blank(0))
            plain.append("")

        art = self.article
        if art is None:
            add(Text("No article", style=self._style("meta")))
        elif self.raw:
            add(Text(art.title, style=self._style("title")))
            add(Text(f"raw text of {art.path} · {art.removed_lines} lines removed when cleaning", style=self._style("meta")))
            blank()
            raw_style = self._style("raw")
            for line in visible_controls(art.raw).split("\n"):
                if line.strip():
                    add(Text(line, style=raw_style))
                else:
                    blank()
        else:
            add(Text(art.title, style=self._style("title")))
            meta = " · ".join(x for x in (art.source, art.author, art.date) if x)
            add(Text(meta or os.path.basename(art.path), style=self._style("meta")))
            blank()
            self._layout_body(art, add, blank, lines)
        self._lines = lines
        self.plain_lines = plain
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def _layout_body(self, art: Article, add, blank, lines: list[Strip]) -> None:
        styles = {k: self._style(k) for k in ("person", "org", "place", "other")}
        hit_style = self._style("hit")
        cur_style = self._style("current-hit")
        standfirst = self._style("standfirst")
        offset = 0
        spans = sorted(self.spans, key=lambda s: s.start) if self.show_entities else []
        hits = sorted(self.hits, key=lambda h: h.start)
        si = hi = 0
        for n, para in enumerate(art.paragraphs):
            end = offset + len(para)
            text = Text(para, style=standfirst if n == 0 and art.subtitle == para else "")
            while si < len(spans) and spans[si].start < end:
                sp = spans[si]
                if sp.end > offset:
                    text.stylize(styles.get(sp.kind, styles["other"]), max(0, sp.start - offset), sp.end - offset)
                si += 1
            para_hits = []
            while hi < len(hits) and hits[hi].start < end:
                h = hits[hi]
                if h.end > offset:
                    current = self.current is not None and (h.start, h.end) == (self.current.start, self.current.end)
                    text.stylize(cur_style if current else hit_style, h.start - offset, h.end - offset)
                    para_hits.append(h)
                hi += 1
            first_line = len(lines)
            wrapped = wrap_offsets(para, self._layout_width)
            for h in para_hits:
                rel = h.start - offset
                k = next((i for i, (s, e) in enumerate(wrapped) if rel < e or i == len(wrapped) - 1), 0)
                self.hit_lines[(h.start, h.end)] = first_line + k
            add(text)
            blank()
            offset = end + 2  # paragraphs are joined by one blank line

    # -- Line API ----------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, base).apply_style(base)

    def visible_text(self) -> str:
        """The lines currently in view (for tests and screen readers)."""
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        return "\n".join(self.plain_lines[top : top + height])
