"""Command palette providers: open an article or find a name by fuzzy text."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

MAX_HITS = 40


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
