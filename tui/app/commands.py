"""Command palette providers: open an article or find a name by fuzzy text."""

from __future__ import annotations

from functools import partial

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.css.query import NoMatches

MAX_HITS = 40


class SafeCommandPalette(CommandPalette):
    """Textual's command palette, kept from crashing the app on keys that
    arrive before its list is laid out (page keys on a list of height 0
    raise KeyError) or after it has closed (its command search, still
    running, looks for a list that is gone).  Those keys do nothing."""

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError, NoMatches):
            pass

    def _watch__list_visible(self) -> None:
        try:
            super()._watch__list_visible()
        except NoMatches:
            pass


class _BylineProvider(Provider):
    def _main(self):
        """The main screen the palette was opened from, if it was."""
        from .screen import MainScreen

        return self.screen if isinstance(self.screen, MainScreen) else None


class ArticleCommands(_BylineProvider):
    """"Open article…": jump to an article by fuzzy title."""

    async def discover(self) -> Hits:
        screen = self._main()
        if screen is None or not screen.articles:
            return
        for i, art in enumerate(screen.articles[:20]):
            yield DiscoveryHit(f"open article: {art.title}", partial(screen.open_article, i), help=art.source or art.path)

    async def search(self, query: str) -> Hits:
        screen = self._main()
        if screen is None or not screen.articles:
            return
        matcher = self.matcher(query)
        found = 0
        for i, art in enumerate(screen.articles):
            label = f"open article: {art.title}"
            score = matcher.match(label)
            if score > 0:
                found += 1
                yield Hit(score, matcher.highlight(label), partial(screen.open_article, i), text=label, help=art.source or art.path)
                if found >= MAX_HITS * 5:
                    break


class NameCommands(_BylineProvider):
    """"Find name…": search the corpus for an entity by fuzzy name."""

    async def discover(self) -> Hits:
        screen = self._main()
        if screen is None or screen.library is None:
            return
        for e in screen.library.entities.entities[:20]:
            yield DiscoveryHit(f"find name: {e.name}", partial(screen.find, e.name), help=f"{e.kind} · {e.count} mentions")

    async def search(self, query: str) -> Hits:
        screen = self._main()
        if screen is None or screen.library is None:
            return
        matcher = self.matcher(query)
        found = 0
        for e in screen.library.entities.entities:
            label = f"find name: {e.name}"
            score = matcher.match(label)
            if score > 0:
                found += 1
                yield Hit(score, matcher.highlight(label), partial(screen.find, e.name), text=label, help=f"{e.kind} · {e.count} mentions")
                if found >= MAX_HITS * 5:
                    break
