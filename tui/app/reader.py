"""The reader: one article's cleaned text, wrapped to the pane, rendered line by line.

Built on ``ScrollView`` and the Line API: the article is laid out into strips
once per (article, width, highlights) and only the visible lines are drawn.
Text is always a ``rich.text.Text`` built from plain strings, never markup.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.article import Article, printable
from ..core.search import Hit
from . import keys
from .article_list import where


STRIP_CACHE = 2048  # rendered lines kept (a few screens' worth, and then some)
MAX_SPAN = 400  # longest styled span looked back for when drawing a line


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


_WRAP_CACHE: dict[int, re.Pattern] = {}


def _wrap_rx(width: int) -> re.Pattern:
    rx = _WRAP_CACHE.get(width)
    if rx is None:
        # A line: as much as fits before a space (or the end); else a hard cut.
        rx = _WRAP_CACHE[width] = re.compile(rf"[^ ].{{0,{width - 1}}}(?= |$)|[^ ]{{{width}}}", re.DOTALL)
    return rx


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: (start, end) of each line, by terminal cells.

    Breaks at spaces (which are dropped at the break); a word wider than the
    line is cut.  Offsets index ``text``, so highlights keep their places.
    Text of single-width characters is wrapped by a regular expression, so a
    10 MB paragraph wraps in C, not character by character.
    """
    width = max(1, width)
    if not text:
        return [(0, 0)]
    if text.isascii() or cell_len(text) == len(text):
        spans = [m.span() for m in _wrap_rx(width).finditer(text)]
        return spans or [(0, 0)]
    out: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    while start < n:
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
        if i >= n:
            end, nxt = n, n
        elif text[i] == " ":
            end, nxt = i, i + 1
        elif last_space > start:
            end, nxt = last_space, last_space + 1
        else:
            end, nxt = max(i, start + 1), max(i, start + 1)
        out.append((start, end))
        start = nxt
        while start < n and text[start] == " ":
            start += 1
    return out or [(0, 0)]


class _Marked(NamedTuple):
    """A span drawn in a style of its own (``kind`` is the style)."""

    start: int
    end: int
    kind: Style


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
    ArticleView > .article-view--related { text-style: underline; }
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
        "article-view--related",
        "article-view--raw",
    }

    BINDINGS = keys.bindings("reader")

    show_entities: var[bool] = var(True)
    raw: var[bool] = var(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.spans: list[Span] = []
        self.hits: list[Hit] = []
        self.related: list[Hit] = []  # the name found written another way: marked, not a hit
        self.current: Hit | None = None
        self.note: str | None = None  # the user's note on the article
        self.starred = False
        self._rows: list[tuple[int, int, int]] = []
        self._header: list[Text] = []
        self._paras: list[str] = []
        self._para_styles: list[list[tuple[int, int, Style]]] = []
        self._para_starts: list[list[int]] = []
        self._strips: dict[int, Strip] = {}
        self._layout_width = 0
        self.hit_lines: dict[tuple[int, int], int] = {}

    # -- state -------------------------------------------------------------

    def show(
        self,
        article: Article | None,
        spans: list[Span] | None = None,
        hits: list[Hit] | None = None,
        current: Hit | None = None,
        keep_scroll: bool = False,
        note: str | None = None,
        starred: bool = False,
        related: list[Hit] | None = None,
    ) -> None:
        changed = article is not self.article
        self.article = article
        self.note = note
        self.starred = starred
        self.spans = spans or []
        self.hits = hits or []
        self.related = related or []
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
        self._fit_width()

    def _fit_width(self) -> None:
        if self._content_width() != self._layout_width:
            self._relayout()
            self.scroll_to_current()

    def render_lines(self, crop):
        # Textual may settle the reader's new size without a Resize event (the
        # entity panel opened while keys are still arriving): rows laid out for
        # the old width would be cut mid-word.  Checked on every paint; cheap.
        self._fit_width()
        return super().render_lines(crop)

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width or self.size.width - 2)

    def _style(self, name: str) -> Style:
        # Muted colours are blended with the background, so those come whole.
        return self.get_component_rich_style(f"article-view--{name}", partial=name != "meta")

    def _relayout(self) -> None:
        """Lay the article out as rows of (paragraph, start, end); render lazily."""
        width = self._content_width()
        self._layout_width = width
        self._strips = {}
        self.hit_lines = {}
        rows: list[tuple[int, int, int]] = []  # (paragraph or -1 for a header line, start, end)
        header: list[Text] = []
        paras: list[str] = []
        styles: list[list[tuple[int, int, Style]]] = []
        art = self.article

        def add_header(text: Text) -> None:
            for s, e in wrap_offsets(text.plain, width):
                header.append(text[s:e])
                rows.append((-1, len(header) - 1, 0))

        def add_para(text: str, spans: list[tuple[int, int, Style]]) -> list[tuple[int, int]]:
            paras.append(text)
            styles.append(spans)
            wrapped = wrap_offsets(text, width)
            k = len(paras) - 1
            rows.extend((k, s, e) for s, e in wrapped)
            return wrapped

        def blank() -> None:
            rows.append((-2, 0, 0))

        if art is None:
            add_header(Text("No article", style=self._style("meta")))
        elif self.raw:
            add_header(Text(art.title, style=self._style("title")))
            meta = f"raw text of {art.origin} · {art.removed_lines} lines removed when cleaning"
            add_header(Text(meta, style=self._style("meta")))
            blank()
            raw_style = self._style("raw")
            for line in printable(art.raw, lines=True).split("\n"):
                if line.strip():
                    add_para(line, [(0, len(line), raw_style)])
                else:
                    blank()
        else:
            add_header(Text(("★ " if self.starred else "") + art.title, style=self._style("title")))
            meta = " · ".join(x for x in (art.source, art.author, art.dateline, art.shown_date) if x)
            add_header(Text(meta or where(art, with_file=True), style=self._style("meta")))
            if art.url:
                add_header(Text(art.url, style=self._style("meta")))
            if self.note:
                add_header(Text(f"✎ {self.note}", style=self._style("standfirst")))
            blank()
            self._layout_body(art, add_para, blank, rows)
        self._rows = rows
        self._header = header
        self._paras = paras
        self._para_styles = styles
        self._para_starts = [[s for s, _, _ in st] for st in styles]
        self.virtual_size = Size(width, len(rows))
        self.refresh()

    def _layout_body(self, art: Article, add_para, blank, rows) -> None:
        kinds = {k: self._style(k) for k in ("person", "org", "place", "other")}
        hit_style = self._style("hit")
        cur_style = self._style("current-hit")
        standfirst = self._style("standfirst")
        spans: list[Span | _Marked] = sorted(self.spans, key=lambda s: s.start) if self.show_entities else []
        # The name's other forms as spans of their own style, under the hits: "Clinton" for "Bill Clinton".
        if self.related:
            related = self._style("related")
            spans = sorted([*spans, *(_Marked(h.start, h.end, related) for h in self.related)], key=lambda s: s.start)
        hits = sorted(self.hits, key=lambda h: h.start)
        cur = (self.current.start, self.current.end) if self.current is not None else None
        offset = 0
        si = hi = 0
        for n, para in enumerate(art.paragraphs):
            end = offset + len(para)
            st: list[tuple[int, int, Style]] = []
            if n == 0 and art.subtitle == para:
                st.append((0, len(para), standfirst))
            while si < len(spans) and spans[si].start < end:
                sp = spans[si]
                if sp.end > offset:
                    style = sp.kind if isinstance(sp, _Marked) else kinds.get(sp.kind, kinds["other"])
                    st.append((max(0, sp.start - offset), sp.end - offset, style))
                si += 1
            para_hits = []
            while hi < len(hits) and hits[hi].start < end:
                h = hits[hi]
                if h.end > offset:
                    style = cur_style if (h.start, h.end) == cur else hit_style
                    st.append((h.start - offset, h.end - offset, style))
                    para_hits.append(h)
                hi += 1
            st.sort(key=lambda x: x[0])
            first_row = len(rows)
            wrapped = add_para(para, st)
            if para_hits:
                starts = [s for s, _ in wrapped]
                for h in para_hits:
                    k = max(0, bisect_right(starts, h.start - offset) - 1)
                    self.hit_lines[(h.start, h.end)] = first_row + k
            blank()
            offset = end + 2  # paragraphs are joined by one blank line

    def on_key(self, event: events.Key) -> None:
        redirect = getattr(self.screen, "redirect_typing", None)
        if redirect is not None:
            redirect(event)

    # -- Line API ----------------------------------------------------------

    def _strip(self, index: int) -> Strip:
        strip = self._strips.get(index)
        if strip is not None:
            return strip
        para, start, end = self._rows[index]
        if para == -2:
            strip = Strip.blank(0)
        elif para == -1:
            text = self._header[start]
            strip = Strip(list(text.render(self.app.console)), text.cell_len)
        else:
            text = Text(self._paras[para][start:end])
            styles = self._para_styles[para]
            if styles and styles[0][0] == 0 and styles[0][1] >= len(self._paras[para]):
                text.stylize(styles[0][2])  # a style for the whole paragraph (standfirst, raw)
            starts = self._para_starts[para]
            j = bisect_left(starts, end)
            picked = []
            while j > 0:
                j -= 1
                s, e, style = styles[j]
                if s < start - MAX_SPAN and e <= start:
                    break
                if e > start and s < end:
                    picked.append((s, e, style))
            for s, e, style in reversed(picked):  # later spans (hits) paint over earlier ones
                text.stylize(style, max(0, s - start), min(end, e) - start)
            strip = Strip(list(text.render(self.app.console)), text.cell_len)
        if len(self._strips) > STRIP_CACHE:
            self._strips.clear()
        self._strips[index] = strip
        return strip

    @property
    def plain_lines(self) -> list[str]:
        """What each line says (for tests): built on demand, not kept."""
        out = []
        for para, start, end in self._rows:
            if para == -2:
                out.append("")
            elif para == -1:
                out.append(self._header[start].plain)
            else:
                out.append(self._paras[para][start:end])
        return out

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._rows):
            return Strip.blank(width, base)
        return self._strip(index).crop_extend(scroll_x, scroll_x + width, base).apply_style(base)

    def visible_text(self) -> str:
        """The lines currently in view (for tests and screen readers)."""
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        lines = []
        for para, start, end in self._rows[top : top + height]:
            lines.append("" if para == -2 else self._header[start].plain if para == -1 else self._paras[para][start:end])
        return "\n".join(lines)
