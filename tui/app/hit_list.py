"""Every hit of a search at a glance: one line a hit, in context, under its article's title."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..core.navigation import HitNavigator
from ..core.quote import snippet
from . import keys
from .prompt import Once

MAX_LISTED = 2_000  # lines built at once; a longer search is listed from its start


class HitList(Once, ModalScreen[int | None]):
    """Enter jumps to the hit (its place in the search's order); Escape goes back."""

    DEFAULT_CSS = """
    HitList { align: center middle; }
    HitList > Vertical {
        width: 90%; height: 85%; border: round $primary; background: $panel; padding: 0 1;
    }
    HitList #hit-list, HitList #hit-list:focus { height: 1fr; border: none; background: $panel; padding: 0; }
    HitList #hit-list-help { color: $text-muted; }
    """

    BINDINGS = keys.bindings("hits")

    def __init__(self, articles: Sequence, nav: HitNavigator) -> None:
        super().__init__()
        self.articles = articles
        self.nav = nav

    def compose(self) -> ComposeResult:
        shown = min(len(self.nav.flat), MAX_LISTED)
        with Vertical():
            yield OptionList(*self._options(shown), id="hit-list")
            more = f" · the first {shown:,} of {len(self.nav.flat):,}" if shown < len(self.nav.flat) else ""
            yield Label(f"Enter: go to the hit · Escape: back{more}", id="hit-list-help")

    def on_mount(self) -> None:
        box = self.query_one(Vertical)
        n_art = len(self.nav.order)
        box.border_title = f"{len(self.nav.flat):,} hits in {n_art:,} article{'s' if n_art != 1 else ''}"
        options = self.query_one(OptionList)
        current = self.nav.current
        target = f"hit-{current}" if 0 <= current < MAX_LISTED else None
        if target is not None:
            options.highlighted = options.get_option_index(target)
        options.focus()

    def _options(self, shown: int) -> list[Option]:
        out: list[Option] = []
        last = None
        hit_style = "bold reverse"
        for pos, hit in enumerate(self.nav.flat[:shown]):
            art = self.articles[hit.article]
            if hit.article != last:
                last = hit.article
                n = self.nav.count(hit.article)
                out.append(Option(Text.assemble((art.title, "bold"), (f"  {n} hit{'s' if n != 1 else ''}", "dim")),
                                  disabled=True))
            # (Within one paragraph: no line breaks.)
            before, after = snippet(art.text, hit.start, hit.end, 90)
            line = Text.assemble("  ", before, (art.text[hit.start:hit.end], hit_style), after)
            out.append(Option(line, id=f"hit-{pos}"))
        return out

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        self.answer(int(option_id[4:]) if option_id.startswith("hit-") else None)

    def action_close(self) -> None:
        self.answer(None)
