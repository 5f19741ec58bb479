"""The main screen: coordinates sidebar, reader, entity panel and find bar."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial

from textual import work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from ..core.apart import index_apart
from ..core.article import Article, printable
from ..core.cache import corpus_key
from ..core.library import (SESSION_HOLDS, Library, ListedArticles, TextFetcher, files_fingerprint_apart, last_listing,
                            open_library)
from ..core.listing import SORTS, ListFilter, arrange
from ..core.loader import Cancelled, Corpus, Skipped
from ..core.navigation import HitNavigator
from ..core.overlay import Overlay, overlaid
from ..core.search import too_short
from . import keys, settings
from .article_list import ArticleList
from .entity_panel import EntityPanel
from .find_bar import FindBar
from .help import HelpScreen
from .messages import (EntityChosen, Listed, Loaded, LoadProgress, MarksReady, NameContext, QueryChanged,
                       QueryCleared, QuerySubmitted, Searched, Settled)
from .prompt import Prompt
from .reader import ArticleView, Span

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual.timer import Timer

    from ..core.marks import Marks

MAX_HITS = 20_000  # beyond this the counter says "20,000+"
# In a corpus read from its index as used (too large to hold), the find
# bar's first answer reads at most FIRST_SCAN articles' texts for the
# query's other occurrences, and makes at most FIRST_HITS hits: under 0.1 s
# at a million articles for most queries, where a common word's every
# article takes seconds.  The whole answer follows from the same worker.  (A
# corpus held in memory answers whole in about the time: asking twice would
# only add the first answer's time to the last hit's.)
FIRST_SCAN = 500
FIRST_HITS = 1_000


def first_answer(library: Library, query: str):
    """The find bar's first answer for ``query``: ``partial`` when the whole
    answer (``library.search(query, max_hits=MAX_HITS)``) may hold more."""
    if not library.lazy:
        return library.search(query, max_hits=MAX_HITS)
    result = library.search(query, max_hits=FIRST_HITS, scan=FIRST_SCAN)
    if result.truncated:  # (more to come, not more than the find bar counts)
        result.truncated, result.partial = False, True
    return result
READ_AFTER = 2.0  # seconds an article is shown before it counts as read
VIEWS = ("all", "unread", "starred")


# The entity panel of a corpus too large to hold filters this many names,
# the most mentioned: 200,000 of the 1.9 million of a million articles,
# folded in about 4 s into 320 MB (all of them: 42 s and 1.05 GB).
FILTERED_NAMES = 200_000


def hit_count(library: Library, name: str) -> int:
    """The hits the find bar counts when the name ``name`` is chosen: every
    mention of the entities it finds (none for a query it would not run)."""
    if too_short(name):
        return 0
    result = library.search(name, max_hits=MAX_HITS)
    return len(result.hits) + len(result.related)


class KeyFooter(Footer):
    """Textual's footer, letting go of the keys it replaces.  It makes its
    keys afresh whenever the focus moves, and each key watches the
    footer's ``compact``; a key removed stays watched, and so alive, until
    ``compact`` next changes (textual#6666): searching kept about 2,800
    dead keys, 300,000 objects and 60 MB, every hundred searches.  Running
    the watchers once after each remake drops the dead ones."""

    async def recompose(self) -> None:
        await super().recompose()
        self.mutate_reactive(Footer.compact)


class MainScreen(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]

    BINDINGS = keys.bindings("screen")

    def __init__(self, paths: list[str], cache_dir: str | None = None, use_cache: bool = False) -> None:
        super().__init__()
        self.paths = paths
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.library: Library | None = None  # once names are found and indexed
        self.settled = False  # once every text is readied for searching, after the library
        self.articles: Sequence[Article] = []  # as soon as the corpus is read
        self.nav = HitNavigator()
        self.only_hits = False
        self.current: int | None = None  # article shown in the reader
        self._generation = 0
        self._whole_query: str | None = None  # a name chosen from the names, searched as its whole entity
        self._find_opening = False  # "/" pressed, the find bar not focused yet
        saved = settings.load().get("sort")
        self.sort = saved if saved in SORTS else "file"
        self.view = "all"
        self.list_filter = ListFilter()
        self.marks: Marks | None = None  # the reading state, once matched to the articles
        self.scope: int | None = None  # the article a search is kept to (Ctrl+F), if it is
        self._read_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="main"):
            yield ArticleList(id="sidebar")
            yield ArticleView(id="reader")
            yield EntityPanel(id="entities")
        yield FindBar(id="find")
        yield KeyFooter()

    # -- widgets -------------------------------------------------------------

    @property
    def sidebar(self) -> ArticleList:
        return self.query_one("#sidebar", ArticleList)

    @property
    def reader(self) -> ArticleView:
        return self.query_one("#reader", ArticleView)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one("#find", FindBar)

    @property
    def entity_panel(self) -> EntityPanel:
        return self.query_one("#entities", EntityPanel)

    # -- loading -------------------------------------------------------------

    def on_unmount(self) -> None:
        if self.marks is not None:
            self.marks.close()

    def on_mount(self) -> None:
        width = settings.load().get("sidebar_width")
        if isinstance(width, int) and 16 <= width <= 200:
            self._set_sidebar_width(width)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.app.sub_title = "loading…"
        self.sidebar.loading = True
        self.sidebar.focus()
        self.load_corpus()

    def on_resize(self, event) -> None:
        # Below 80 columns the footer's spacing would push Help and Quit off
        # the line; below 70, so would the palette's key (Ctrl+P still works).
        footer = self.query_one(KeyFooter)
        footer.compact = event.size.width < 80
        footer.show_command_palette = event.size.width >= 70

    def _theme_changed(self, _theme) -> None:
        # Names and hits are coloured from the theme when laid out: lay them out again.
        self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        self.reader._relayout()
        self.sidebar.restyle()

    @work(thread=True, exclusive=True, group="load")
    def load_corpus(self) -> None:
        worker = get_current_worker()
        try:
            self._load(lambda: worker.is_cancelled)
        except Cancelled:
            pass  # the app is closing: leave at once

    def _load(self, stop) -> None:
        warnings: list[str] = []
        cache = key = listed = fetcher = None
        if self.use_cache:
            from ..core.cache import Cache, CacheError

            try:
                cache = Cache(self.cache_dir, warn=warnings.append, lazy_from=SESSION_HOLDS)
                key = corpus_key(self.paths)
                # The list of the last session, at once; then check the files.
                # (Texts come through a connection of their own: the interface
                # thread fetches them while this one goes on.)
                fetcher = TextFetcher(Cache(self.cache_dir, warn=warnings.append))
                listed = last_listing(cache, key, fetcher)
            except (CacheError, OSError) as exc:
                warnings.append(f"working without the index cache: {exc}")
            if listed is not None and listed[1]:
                self.post_message(Listed(listed[1], [], provisional=True))

        library = self._open(cache, listed, stop, warnings, trust_folders=True, fetcher=fetcher)
        if library is not None and library.corpus.by_folders is not None and not stop():
            # Opened by its folders' times (a corpus of many files), so it is
            # searchable at once; now every file is looked at, as a text
            # rewritten in place keeps its folder's time.
            fp = files_fingerprint_apart(self.paths)
            if not stop() and fp != library.corpus.by_folders:
                library = self._open(cache, None, stop, [], trust_folders=False, fetcher=fetcher)
        if (library is not None and library.names_found and not library.lazy and cache is not None
                and key is not None and cache.reads_lazily(key) and not stop()):
            # Just indexed, and too large to hold: opened again from the
            # index as a later session opens it, read in place (the texts
            # were left there while names were found; holding them all now
            # would take what leaving them saved).
            library = self._open(cache, None, stop, [], trust_folders=True, fetcher=fetcher) or library
        if library is None or stop():
            return
        # The typo index makes later queries faster, and texts read back from
        # the index as used are read now, with the lower-case copies searches
        # read, so no search waits on them; the first screen waits for neither.
        library.ready(stop)
        if not stop():
            self.post_message(Settled())

    def _open(self, cache, listed, stop, warnings: list[str], trust_folders: bool,
              fetcher: TextFetcher | None = None) -> Library | None:
        """Open the corpus (see :func:`~tui.core.library.open_library`), saying
        when its articles are listed and when its names are loaded; files
        read afresh leave their texts in the index, fetched with ``fetcher``
        when used."""
        skipped: list[Skipped] = []
        unmarked: list[Sequence[Article]] = []

        def listed_now(corpus: Corpus) -> None:
            # First the list, so the user can read while names are found and indexed.
            articles = corpus.articles
            self.post_message(Listed(articles, skipped))
            if isinstance(articles, ListedArticles):
                unmarked.append(articles)  # (a listing too large to hold: marks once it is searchable)
            else:
                self._attach_marks(articles)

        # (a large corpus is indexed in a process of its own: what indexing
        # grows goes with it, and this one opens the index as a later session)
        apart = None if cache is None else partial(index_apart, cache_dir=cache.dir, on_progress=self._progress,
                                                   warn=warnings.append, stop=stop)

        library = open_library(self.paths, cache, on_skip=skipped.append, on_progress=self._progress,
                               on_listed=listed_now, listed=listed, stop=stop, overlay=overlaid,
                               trust_folders=trust_folders, lean=fetcher or False, apart=apart)
        for w in warnings:
            self.app.call_from_thread(self.notify, w, title="Index cache", severity="warning", timeout=8)
        if library is None or not library.articles or stop():
            return None
        if isinstance(library, Overlay):
            library.entities.entities  # noqa: B018  # merged here, not when the interface lists them
        self.post_message(Loaded(library, skipped))
        for articles in unmarked:
            # (matched by every row of the listing: 8 s at a million articles)
            self._attach_marks(articles)
        return library

    def _progress(self, done: int, total: int, step: str = "reading") -> None:
        self.post_message(LoadProgress(done, total, step))

    def on_load_progress(self, message: LoadProgress) -> None:
        if message.step == "names":  # (indexed apart: the articles are known, not yet listed here)
            self.app.sub_title = f"{self._label()} · {message.total:,} articles · finding names…"
            return
        counted = f"{message.done:,}/{message.total:,} files"
        self.app.sub_title = f"scanning {counted} for hyphens…" if message.step == "census" else f"loading {counted}…"

    def _label(self) -> str:
        return printable(self.paths[0].rstrip("/").rsplit("/", 1)[-1]) if len(self.paths) == 1 else f"{len(self.paths)} paths"

    def _shown_path(self, path: str) -> str:
        """``path`` as the user knows it: from the corpus folder it is in."""
        for root in self.paths:
            root = os.path.abspath(root)
            if path.startswith(root.rstrip(os.sep) + os.sep):
                return os.path.relpath(path, root)
        return path

    def _tell_skipped(self, skipped: Sequence[Skipped]) -> None:
        """What was left out: files that could not be read as a warning, a
        folder's own notes (README, LICENSE) as a word in passing."""
        problems = [s for s in skipped if not s.is_note]
        notes = [s for s in skipped if s.is_note]
        if problems:
            lines = "\n".join(printable(f"{self._shown_path(s.path)}: {s.reason}") for s in problems[:6])
            more = f"\n… and {len(problems) - 6:,} more" if len(problems) > 6 else ""
            what = "file" if not any(s.path.endswith(")") for s in problems) else "file or record"
            what = what if len(problems) == 1 else what.replace("file", "files").replace("record", "records")
            self.notify(f"Skipped {len(problems):,} {what}:\n{lines}{more}", title="Could not read",
                        severity="warning", timeout=8, markup=False)
        if notes:
            names = ", ".join(printable(self._shown_path(s.path)) for s in notes[:6])
            more = f" and {len(notes) - 6:,} more" if len(notes) > 6 else ""
            self.notify(f"{names}{more}: the folder's own notes, not articles", title="Left out",
                        timeout=4, markup=False)

    def on_listed(self, message: Listed) -> None:
        if message.skipped:
            self._tell_skipped(message.skipped)
        if not message.articles:
            self.app.exit(return_code=2, message=printable(f"byline: no readable article in {' '.join(self.paths)}"))
            return
        state = "checking for changes…" if message.provisional else "finding names…"
        self.app.sub_title = f"{self._label()} · {len(message.articles):,} articles · {state}"
        if message.articles is self.articles:
            return  # the files were as listed
        self._set_articles(message.articles)

    def _attach_marks(self, articles: Sequence[Article]) -> None:
        """Match the reading state to the articles (in the loading thread: a
        thread of its own cost the 100,000-article app 20 MB more at its
        first screen)."""
        from ..core.marks import Marks

        marks = self.marks
        if marks is None:
            warned: list[str] = []
            marks = self.marks = Marks(warn=warned.append)
            for w in warned:
                self.app.call_from_thread(self.notify, w, title="Reading state", severity="warning", timeout=8,
                                          markup=False)
        marks.attach(articles, articles.places if isinstance(articles, ListedArticles) else None)
        self.post_message(MarksReady(articles))

    def on_marks_ready(self, message: MarksReady) -> None:
        if message.articles is not self.articles or self.marks is None:
            return
        marks = self.marks
        self.sidebar.set_marks(marks.read, marks.starred, marks.notes)
        if self.view != "all":
            self._fill_sidebar(keep=self.current)
        if marks.problem:
            self.notify(marks.problem, title="Reading state", severity="warning", timeout=8, markup=False)
        if self.current is not None:
            self.show_article(self.current, keep_scroll=True)

    def _marks(self):
        """The reading state, if it is matched to the articles shown."""
        marks = self.marks
        return marks if marks is not None and marks.articles is self.articles else None

    def _set_articles(self, articles: Sequence[Article]) -> None:
        """Show ``articles``, staying on the article the reader shows if it is still there."""
        keep = 0
        if self.current is not None and self.articles:
            shown = self.articles[self.current].id
            keep = next((i for i, a in enumerate(articles) if a.id == shown), 0)
        same = keep == self.current
        self.articles = articles
        self.sidebar.loading = False
        self._fill_sidebar(keep=keep)
        self.show_article(keep, keep_scroll=same)

    def on_settled(self, message: Settled) -> None:
        # The corpus, its names and index live as long as the session: kept
        # out of the cyclic collector's later passes, which would walk its
        # millions of objects each time (done here, on the interface thread,
        # the app's main thread, between frames).
        import gc

        gc.freeze()
        self.settled = True

    def on_loaded(self, message: Loaded) -> None:
        lib = message.library
        self.library = lib
        if lib.articles is not self.articles:
            self._set_articles(lib.articles)
        self.app.sub_title = f"{self._label()} · {len(lib.articles):,} articles · {len(lib.entities):,} names"
        self.entity_panel.set_entities(lib.entities.entities, lib.index, count=partial(hit_count, lib),
                                       most=FILTERED_NAMES if lib.lazy else None)
        if self.find_bar.value.strip():
            self._start_search(self.find_bar.value)  # typed while indexing
        elif self.current is not None:
            self.show_article(self.current, keep_scroll=True)  # now with names coloured

    # -- sidebar and reader ---------------------------------------------------

    def _fill_sidebar(self, keep: int | None) -> None:
        arts = self.articles
        if not arts:
            return
        order = self.nav.sidebar_order(len(arts), self.only_hits)
        order = self.list_filter.apply(arts, order)
        marks = self._marks()
        if self.view != "all" and marks is not None:
            keepers = marks.starred if self.view == "starred" else None
            order = [i for i in order if (i in keepers if keepers is not None else i not in marks.read)]
        order = arrange(arts, order, self.sort, set(self.nav.order) if self.nav.active else None)
        counts = {a: self.nav.count(a) for a in self.nav.order}
        self.sidebar.set_articles(arts, order, counts, keep)
        self._list_title(len(order))

    def _list_title(self, shown: int) -> None:
        total = len(self.articles)
        parts = [f"{total:,} articles" if shown == total else f"{shown:,} of {total:,}"]
        if self.sort != "file":
            parts.append(f"by {self.sort}")
        elif self.nav.active:
            parts.append("by hits")
        if self.view != "all":
            parts.append(self.view)
        if self.list_filter:
            parts.append(self.list_filter.describe())
        self.sidebar.border_title = printable(" · ".join(parts))

    def show_article(self, index: int, keep_scroll: bool = False) -> None:
        lib = self.library
        if not (0 <= index < len(self.articles)):
            return
        self.current = index
        spans = [Span(m.start, m.end, e.kind) for m, e in lib.entities.in_article(index)] if lib else []
        hit = self.nav.hit
        current = hit if hit is not None and hit.article == index else None
        marks = self._marks()
        note = marks.notes.get(index) if marks is not None else None
        starred = marks is not None and index in marks.starred
        self.reader.show(self.articles[index], spans, self.nav.hits_in(index), current, keep_scroll=keep_scroll,
                         note=note, starred=starred, related=self.nav.related_in(index))
        self.find_bar.set_status(self._status())
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.set_timer(READ_AFTER, lambda: self._mark_read(index))

    def _mark_read(self, index: int) -> None:
        """An article shown this long, or opened, has been read."""
        marks = self._marks()
        if marks is not None and index == self.current and marks.set_read(index):
            self.sidebar.redraw_article(index)
            self._warn_marks()

    def _warn_marks(self) -> None:
        marks = self.marks
        if marks is not None and marks.problem and not getattr(self, "_marks_warned", False):
            self._marks_warned = True
            self.notify(marks.problem, title="Reading state", severity="warning", timeout=8, markup=False)

    def on_article_list_highlighted(self, event: ArticleList.Highlighted) -> None:
        index = event.index
        if index is None or index == self.current:
            return
        if self.nav.active and (self.nav.hit is None or self.nav.hit.article != index):
            self.nav.first_in(index)
        self.show_article(index)
        if self.scope is not None:
            self.scope = index  # a search kept to the article shown follows it
            if self.find_bar.value.strip():
                self._start_search(self.find_bar.value)

    def on_article_list_selected(self, event: ArticleList.Selected) -> None:
        if event.index != self.current:
            self.show_article(event.index)
        self._mark_read(event.index)
        self.reader.focus()

    def open_article(self, index: int) -> None:
        if not self.articles:
            return
        if index not in self.sidebar.order:
            self.only_hits = False
            self._fill_sidebar(keep=index)
        self.sidebar.select_article(index)
        if self.nav.active:
            self.nav.first_in(index)
        self.show_article(index)
        self.reader.focus()

    # -- search ----------------------------------------------------------------

    def find(self, query: str, whole: bool = True) -> None:
        """Search for ``query`` now (from the palette or the entity panel).
        ``whole``: a name chosen, so its entity's every mention is a hit (typed
        in the find bar, a hit is the name as typed; other forms are marked)."""
        self.find_bar.open(query)
        self.find_bar.remember(query)
        self._start_search(query, whole)
        self.reader.focus()

    def on_query_changed(self, message: QueryChanged) -> None:
        self._start_search(message.query)

    def _start_search(self, query: str, whole: bool = False) -> None:
        self._generation += 1
        # A chosen name stays the whole entity when searched again over new ground.
        whole = whole or query == self._whole_query
        self._whole_query = query if whole else None
        if self.library is None:
            return
        if not query.strip():
            self._apply(None)
            return
        if too_short(query):
            # One or two letters would light up half the corpus: say what helps instead.
            self._apply(None)
            self.find_bar.set_status("type more: three letters, or capitals (US)")
            return
        self.run_search(query, self._generation, whole)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, generation: int, whole: bool = False) -> None:
        assert self.library is not None
        worker = get_current_worker()
        result = first_answer(self.library, query)
        self.post_message(Searched(result.whole() if whole else result, generation))
        if result.partial and not worker.is_cancelled:
            result = self.library.search(query, max_hits=MAX_HITS)
            if not worker.is_cancelled:
                self.post_message(Searched(result.whole() if whole else result, generation))

    def on_searched(self, message: Searched) -> None:
        if message.generation == self._generation:
            self._apply(message.result)

    def _apply(self, result) -> None:
        if result is not None and self.scope is not None:
            from ..core.search import SearchResult

            kept = SearchResult(result.query, [h for h in result.hits if h.article == self.scope], result.elapsed_ms,
                                related=[h for h in result.related if h.article == self.scope], partial=result.partial)
            kept.suggestions = result.suggestions
            result = kept
        # The whole answer after a first one (see FIRST_SCAN) keeps the hit the user is on.
        was = self.nav.hit if result is not None and self.nav.result is not None and self.nav.result.partial and (
            self.nav.result.query == result.query) else None
        self.nav = HitNavigator.from_result(result) if result is not None else HitNavigator()
        if result is None:
            self.only_hits = False
        target = self.current
        if self.nav.flat:
            if was is not None and self.nav.go_to(was):
                target = was.article
            elif target is not None and self.nav.count(target):
                self.nav.first_in(target)
            else:
                target = self.nav.flat[0].article
        self._fill_sidebar(keep=target)
        if target is not None:
            self.show_article(target, keep_scroll=target == self.current)
        self._update_name_context()

    def _update_name_context(self) -> None:
        """The entity panel's account of the name under search, worked out off the interface thread."""
        panel = self.entity_panel
        if not self.nav.active or self.library is None:
            panel.set_context(None)
        elif panel.is_open:
            self.name_context(self.nav, self._generation)

    @work(thread=True, exclusive=True, group="name-context")
    def name_context(self, nav: HitNavigator, generation: int) -> None:
        from rich.text import Text

        from ..core.entities import fold
        from ..core.spread import by_month, companions, sparkline

        lib = self.library
        if lib is None or nav.result is None:
            return
        query = nav.result.query
        text = Text(end="")
        n_art = len(nav.order)
        text.append(f"{printable(query)}", style="bold")
        text.append(f" · {nav.total:,} hit{'s' if nav.total != 1 else ''} in {n_art:,} article{'s' if n_art != 1 else ''}")
        # (A year a bar when the months would not fit the panel.)
        series = by_month(self.articles, {a: nav.count(a) for a in nav.order}, most=28)
        if series:
            text.append(f"\n{series[0][0]} ")
            text.append(sparkline(n for _, n in series), style="bold")
            text.append(f" {series[-1][0]}" if len(series) > 1 else "")
        exclude = {fold(query)} | {fold(h.entity) for h in nav.flat[:2000] if h.entity}
        company = companions(lib.entities.in_article, nav.order, exclude, limit=6)
        if company:
            text.append("\nwith: ", style="dim")
            text.append(", ".join(f"{name} ({n})" for name, _kind, n in company))
        if generation == self._generation:
            self.post_message(NameContext(text, generation))

    def on_name_context(self, message: NameContext) -> None:
        if message.generation == self._generation and self.nav.active:
            self.entity_panel.set_context(message.text)

    def on_query_submitted(self, message: QuerySubmitted) -> None:
        self.reader.focus()

    def on_query_cleared(self, message: QueryCleared) -> None:
        self._set_scope(None)
        self._start_search("")
        self.reader.focus()

    def on_entity_chosen(self, message: EntityChosen) -> None:
        self.entity_panel.close()
        self.find(message.name)

    # -- actions -----------------------------------------------------------------

    def action_find(self) -> None:
        self._set_scope(None)
        self.find_bar.open()

    def action_find_in_article(self) -> None:
        """Search the article shown only (as a browser's find in page)."""
        if self.current is None:
            return
        self._set_scope(self.current)
        self.find_bar.open()

    def _set_scope(self, article: int | None) -> None:
        if article == self.scope:
            return
        self.scope = article
        self.find_bar.set_prompt("find" if article is None else "find in article")
        if self.find_bar.value.strip():
            self._start_search(self.find_bar.value)  # the same words, now over the new ground
    def _find_opened(self) -> None:
        self._find_opening = False

    def redirect_typing(self, event) -> bool:
        """Keys typed right after "/" may still reach the widget that had focus
        (a paste, a fast typist): once the find bar has focus they belong there."""
        if event.key == "slash" and not self._find_opening:
            self._find_opening = True
            self.action_find()  # now, not after the keys queued behind it
            self.call_after_refresh(self._find_opened)
            event.stop()
            event.prevent_default()
            return True
        if self._find_opening and event.is_printable and event.character:
            self.find_bar.input.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()
            return True
        return False

    def _go_to_hit(self, delta: int) -> None:
        if not self.nav.flat:
            if self.nav.active:
                self.notify("No hits for this search", severity="warning", timeout=2)
            else:
                self.notify("No search: press / to find a name", timeout=2)
            return
        if self.reader.raw:
            self.reader.raw = False  # a hit is a place in the cleaned text: show it there
        before = self.nav.current
        hit = self.nav.step(delta)
        if hit is None:
            return
        if before >= 0 and len(self.nav.flat) > 1 and (delta > 0) == (self.nav.current < before):
            self.notify("Back to the first hit" if delta > 0 else "On to the last hit", timeout=1.5)
        if hit.article != self.current:
            self.sidebar.select_article(hit.article)
        self.show_article(hit.article, keep_scroll=True)

    def action_next_hit(self) -> None:
        self._go_to_hit(+1)

    def action_prev_hit(self) -> None:
        self._go_to_hit(-1)

    def _step_article(self, delta: int) -> None:
        sb = self.sidebar
        if not sb.order:
            return
        pos = sb.highlighted if sb.highlighted is not None else 0
        sb.highlighted = max(0, min(len(sb.order) - 1, pos + delta))

    def action_next_article(self) -> None:
        self._step_article(+1)

    def action_prev_article(self) -> None:
        self._step_article(-1)

    def action_toggle_entities(self) -> None:
        panel = self.entity_panel
        if panel.is_open:
            panel.close()
            self.reader.focus()
        else:
            panel.open()
            self._update_name_context()

    def action_toggle_colours(self) -> None:
        self.reader.show_entities = not self.reader.show_entities
        self.notify("Entity colours " + ("on" if self.reader.show_entities else "off"), timeout=1.5)

    def action_toggle_raw(self) -> None:
        self.reader.raw = not self.reader.raw

    def _status(self) -> str:
        status = self.nav.status()
        if status and self.scope is not None:
            status = status.replace(" · 1 article", "") + " · in this article"
        return f"{status} · hits only (f)" if status and self.only_hits and self.nav.flat else status

    def action_toggle_filter(self) -> None:
        if not self.nav.active:
            self.notify("No search to filter by: press / first", timeout=2)
            return
        self.only_hits = not self.only_hits
        self._fill_sidebar(keep=self.current)
        self.find_bar.set_status(self._status())

    def action_focus_list(self) -> None:
        if self.has_class("-no-sidebar"):
            self.action_toggle_sidebar()
        self.sidebar.focus()

    def action_toggle_sidebar(self) -> None:
        """The list hidden for reading at full width, or shown again."""
        hide = not self.has_class("-no-sidebar")
        self.set_class(hide, "-no-sidebar")
        if hide and self.sidebar.has_focus:
            self.reader.focus()

    def action_sidebar_width(self, delta: int) -> None:
        """The list a few columns wider or narrower (kept between sessions)."""
        if self.has_class("-no-sidebar"):
            self.action_toggle_sidebar()
        current = self.sidebar.outer_size.width or 30
        width = max(16, min(current + delta, self.size.width - 30))
        self._set_sidebar_width(width)
        settings.save(sidebar_width=width)

    def _set_sidebar_width(self, width: int) -> None:
        st = self.sidebar.styles
        st.width = width
        st.min_width = None
        st.max_width = None

    # -- reading state -------------------------------------------------------------

    def _marked(self):
        """(marks, current article index) if a mark can be set now, else None (and say why)."""
        marks = self._marks()
        if self.current is None:
            return None
        if marks is None:
            self.notify("Reading state is still loading", timeout=2)
            return None
        return marks, self.current

    def _after_mark(self, index: int) -> None:
        self.sidebar.redraw_article(index)
        self.show_article(index, keep_scroll=True)
        self._warn_marks()

    def action_toggle_star(self) -> None:
        got = self._marked()
        if got is None:
            return
        marks, index = got
        starred = marks.toggle_star(index)
        self._after_mark(index)
        self.notify("Starred ★" if starred else "Star removed", timeout=1.5)

    def action_toggle_read(self) -> None:
        got = self._marked()
        if got is None:
            return
        marks, index = got
        now_read = index not in marks.read
        marks.set_read(index, now_read)
        if self._read_timer is not None:
            self._read_timer.stop()  # unread stays unread while it is shown
        self._after_mark(index)
        self.notify("Marked read" if now_read else "Marked unread", timeout=1.5)

    def action_note(self) -> None:
        got = self._marked()
        if got is None:
            return
        marks, index = got

        def done(note: str | None) -> None:
            if note is None or self._marks() is not marks:
                return
            marks.set_note(index, note)
            self._after_mark(index)

        self.app.push_screen(
            Prompt("Note on this article", marks.notes.get(index, ""),
                   help="Enter keeps it, an empty note removes it, Escape leaves it as it was."),
            done,
        )

    # -- the list's order and filters ---------------------------------------------

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        settings.save(sort=self.sort)
        self._fill_sidebar(keep=self.current)
        label = "file order" if self.sort == "file" else f"by {self.sort}"
        self.notify(f"List sorted {label}" + (" (articles with hits first)" if self.nav.active else ""), timeout=1.5)

    def action_cycle_view(self) -> None:
        if self._marks() is None:
            self.notify("Reading state is still loading", timeout=2)
            return
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self._fill_sidebar(keep=self.current)
        if not self.sidebar.order:
            self.notify(f"No {self.view} articles: v shows the others", timeout=3)
        else:
            self.notify({"all": "All articles", "unread": "Unread articles only", "starred": "Starred articles only"}[self.view],
                        timeout=1.5)

    def action_filter_list(self) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                self.list_filter = ListFilter.parse(text)
            except ValueError as exc:
                self.notify(str(exc), title="Filter", severity="error", timeout=5, markup=False)
                return
            self._fill_sidebar(keep=self.current)
            if self.list_filter and not self.sidebar.order:
                self.notify("No article matches this filter: F and an empty line show all", timeout=4)

        self.app.push_screen(
            Prompt("Filter the list", self.list_filter.as_text(), placeholder="words   source:NAME   folder:NAME   since:2004   until:2005-06",
                   help="Words are looked for in titles, sources and folders; dates may be a year or a month. "
                        "Empty shows all."),
            done,
        )

    # -- out of Byline -------------------------------------------------------------

    def _shown(self):
        return self.articles[self.current] if self.current is not None and self.articles else None

    def action_open_source(self) -> None:
        from . import outside

        art = self._shown()
        if art is None:
            return
        problem = outside.open_article(self.app, art)
        if problem:
            self.notify(problem, title="Open", severity="warning", timeout=6, markup=False)

    def action_open_file(self) -> None:
        """The article's file in the pager, even when it has a web address
        (a saved page outlives the site)."""
        from . import outside

        art = self._shown()
        if art is None:
            return
        problem = outside.open_file(self.app, art.path)
        if problem:
            self.notify(problem, title="Open", severity="warning", timeout=6, markup=False)

    def action_copy(self) -> None:
        from ..core.quote import quote, whole
        from . import outside

        art = self._shown()
        if art is None:
            return
        hit = self.nav.hit
        if hit is not None and hit.article == self.current and not self.reader.raw:
            text, what = quote(art, hit.start, hit.end), "the hit's sentence, with its source"
        else:
            text, what = whole(art), "the article, with its source"
        copied, how = outside.copy(self.app, text)
        if copied:
            self.notify(f"Copied {what} {how}", title="Copy", timeout=3, markup=False)
        else:
            self.notify(how, title="Copy", severity="warning", timeout=6, markup=False)

    def action_hit_list(self) -> None:
        from .hit_list import HitList

        if not self.nav.flat:
            self.notify("No hits to list: press / to find a name first", timeout=2)
            return

        def chosen(position: int | None) -> None:
            if position is None or not (0 <= position < len(self.nav.flat)):
                return
            self.nav.current = position
            hit = self.nav.flat[position]
            if self.reader.raw:
                self.reader.raw = False
            if hit.article not in self.sidebar.order:
                self.only_hits = False
                self._fill_sidebar(keep=hit.article)
            self.sidebar.select_article(hit.article)
            self.show_article(hit.article, keep_scroll=True)
            self.reader.focus()

        self.app.push_screen(HitList(self.articles, self.nav), chosen)

    def action_escape(self) -> None:
        if self.entity_panel.is_open:
            self.entity_panel.close()
            self.reader.focus()
        elif self.find_bar.has_class("-open") or self.nav.active:
            self.find_bar.action_clear()
        elif self.reader.raw:
            self.reader.raw = False
        elif self.reader.has_focus:
            self.sidebar.focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def check_action(self, action: str, parameters) -> bool | None:
        # Reader-only keys stay quiet while typing in the entity list.
        if action == "focus_list" and not self.reader.has_focus:
            return False
        return True
