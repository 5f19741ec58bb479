"""The ``byline`` command line.  Uses the core alone; the app is imported lazily."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .cli_base import (COMMANDS, EXIT_USAGE, CliError, corpus_paths, load, load_library, opened_caches, plural, print_json,
                       rich_console, styled_stdout, to_json, warn)
from .core.article import printable
from .core.loader import Corpus, Skipped

TYPE_CHECKING = False  # (argparse is imported only when a command needs its parser: see tui.cli_args)
if TYPE_CHECKING:
    import argparse



# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def _listed(args: argparse.Namespace, corpus: Corpus) -> list:
    """The articles ``list`` shows: filtered, marked and sorted as asked;
    each with its marks, (article, read, starred, note)."""
    from .core.listing import ListFilter, sort_order

    arts = corpus.articles
    opt = lambda name: getattr(args, name, None)  # noqa: E731  (plain `byline`, piped, lists with none of them)
    order = ListFilter(opt("source"), opt("folder"), opt("since"), opt("until")).apply(arts, range(len(arts)))
    read: set[int] = set()
    starred: set[int] = set()
    notes: dict[int, str] = {}
    from .core.marks import Marks, marks_path

    if (opt("unread") or opt("starred") or args.json) and os.path.exists(marks_path()):
        marks = Marks(warn=lambda msg: warn(f"warning: {msg}"))
        marks.attach(arts)
        read, starred, notes = marks.read, marks.starred, marks.notes
        marks.close()
    if opt("unread"):
        order = [i for i in order if i not in read]
    if opt("starred"):
        order = [i for i in order if i in starred]
    return [(arts[i], i in read, i in starred, notes.get(i)) for i in sort_order(arts, order, opt("sort") or "file")]


def cmd_list(args: argparse.Namespace) -> int:
    corpus = load(args)
    rows = _listed(args, corpus)
    if args.json:
        print_json([{**a.summary(), "read": read, "starred": star, "note": note} for a, read, star, note in rows])
        return 0
    idw = max(len(a.id) for a in corpus.articles)
    srcw = min(14, max((len(a.source or "") for a, *_ in rows), default=0))

    def cut(s: str, n: int) -> str:
        return s if len(s) <= n else s[: max(0, n - 1)] + "…"

    summary = f"{len(corpus)} {plural(len(corpus), 'article')}, {len(corpus.skipped)} skipped"
    if len(rows) != len(corpus):
        summary = f"{len(rows)} of {summary}"
    if not styled_stdout():
        # Piped (to grep, less, a file): plain rows, written at once.  Rich
        # styling one row at a time took ten seconds for 100,000 articles.
        # (Fields are cleaned text: no control characters reach here.)
        out = []
        for a, _read, star, _note in rows:
            src = "  " + cut(a.source or "", srcw).ljust(srcw) if srcw else ""
            mark = "★ " if star else ""
            out.append(f"{a.id.ljust(idw)}  {(a.date or '')[:10].ljust(10)}{src}  {mark}{a.title}\n")  # whole, for grep
        out.append(summary + "\n")
        sys.stdout.write("".join(out))
        return 0
    from rich.text import Text

    console = rich_console()
    titlew = max(10, max(console.width, 60) - idw - 10 - srcw - 6)
    for a, _read, star, _note in rows:
        row = Text()
        row.append(a.id.ljust(idw), style="cyan")
        row.append("  " + (a.date or "")[:10].ljust(10))
        if srcw:
            row.append("  " + cut(a.source or "", srcw).ljust(srcw), style="dim")
        row.append("  ")
        if star:
            row.append("★ ", style="yellow")
        row.append(cut(a.title, titlew - 2 * star))
        console.print(row, no_wrap=True, overflow="ignore")
    console.print(Text(summary, style="dim"))
    return 0


def find_article(corpus: Corpus, query: str):
    """An article by id, id prefix, file name prefix, or fuzzy title (its
    words in any order); several equally good: a usage error naming them."""
    art = corpus.get(query)
    if art:
        return art
    prefixed = [a for a in corpus.articles if a.id.startswith(query)]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise _ambiguous(query, prefixed)
    by_file = [a for a in corpus.articles if os.path.basename(a.path).startswith(query)]
    if by_file:
        if len({a.path for a in by_file}) == 1:
            return by_file[0]
        raise _ambiguous(query, by_file)
    from rapidfuzz import fuzz, utils

    q = utils.default_process(query)
    if len(q) >= 3:
        scored = []
        for i, a in enumerate(corpus.articles):
            t = utils.default_process(a.title)
            # partial: a piece of the title as written; token set: its words in any order
            score = max(fuzz.partial_ratio(q, t), fuzz.token_set_ratio(q, t))
            if score >= 80:
                scored.append(((score, fuzz.WRatio(q, t)), i))
        if scored:
            best = max(key for key, _ in scored)
            top = [corpus.articles[i] for key, i in scored if key == best]
            if len({a.title for a in top}) > 1 or len(top) > 3:
                raise _ambiguous(query, top)
            return top[0]
    raise CliError(f"no article matches {query!r} (try `byline list`)")


def _ambiguous(query: str, arts) -> CliError:
    rows = "\n".join(f"  {a.id}  {printable(a.path)}  {a.title}" for a in arts[:10])
    more = f"\n  … and {len(arts) - 10} more" if len(arts) > 10 else ""
    return CliError(f"{query!r} matches {len(arts)} articles; give one of their ids:\n{rows}{more}")


def cmd_show(args: argparse.Namespace) -> int:
    if args.json:
        lib = load_library(args, overlay=True)
        corpus = lib.corpus
    else:
        corpus = load(args)
    art = find_article(corpus, args.article)
    if args.json:
        d = art.to_dict()
        d["entities"] = lib.article_entities(corpus.articles.index(art))
        if args.raw:
            d["raw"] = art.raw
        print_json(d)
        return 0
    if args.raw:
        sys.stdout.write(printable(art.raw, lines=True).rstrip("\n") + "\n")
        return 0
    meta = " · ".join(x for x in (art.source, art.author, art.dateline, art.shown_date) if x)
    where = f"{art.id} · {art.origin} · {art.removed_lines} {plural(art.removed_lines, 'line')} removed"
    if not styled_stdout():
        # Piped: each paragraph one line, as the text holds it (no wrapping, no padding).
        head = [art.title, meta, where] if meta else [art.title, where]
        sys.stdout.write("\n".join(head) + "\n\n" + "\n\n".join(art.paragraphs) + "\n")
        return 0
    from rich.text import Text

    console = rich_console()
    console.print(Text(art.title, style="bold"))
    if meta:
        console.print(Text(meta, style="dim"))
    console.print(Text(where, style="dim"))
    console.print()
    for p in art.paragraphs:
        console.print(Text(p), soft_wrap=False)
        console.print()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.entities:
        lib = load_library(args, overlay=True)
        for i, art in enumerate(lib.articles):
            d = art.to_dict()
            d["entities"] = lib.article_entities(i)
            sys.stdout.write(to_json(d) + "\n")
        return 0
    paths = corpus_paths(args.paths)
    from .core.loader import articles_from_file, discover, UnreadableFile

    count = 0
    out = sys.stdout
    for path in discover(paths, lambda s: warn(str(s))):
        try:
            arts = articles_from_file(path)
        except UnreadableFile as exc:
            warn(str(Skipped(str(path), str(exc))))
            continue
        for art in arts:
            out.write(to_json(art.to_dict()))
            out.write("\n")
            count += 1
        out.flush()
    if not count:
        raise CliError(f"no readable article in {' '.join(paths)}")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    """Index a corpus now, looking at every file: what later commands and the
    app then open at once (after a file was rewritten in place, say)."""
    import time

    if args.no_cache:
        raise CliError("--no-cache leaves `byline index` nothing to build")
    args.refresh = True
    t0 = time.perf_counter()
    lib = load_library(args, lean=True)  # (it shows no text: a million articles' texts stay on disk)
    secs = time.perf_counter() - t0
    corpus = lib.corpus
    if not opened_caches:  # (it could not be opened: said already)
        raise CliError("the index cache could not be used: nothing was kept")
    path = opened_caches[-1].path
    opened_caches[-1].checkpoint()
    # (with its write-ahead log, which holds what another process's reading kept out of the file)
    size = sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p)) or None
    files = len(corpus.stats) or corpus.from_cache
    info = {
        "articles": len(corpus.articles),
        "files": files,
        "files_from_index": corpus.from_cache,
        "skipped": len(corpus.skipped),
        "names": len(lib.entities),
        "names_found": lib.names_found,
        "seconds": round(secs, 2),
        "index": path,
        "index_bytes": size,
    }
    if args.json:
        print_json(info)
        return 0
    read = files - corpus.from_cache
    how = f"{read:,} read, {corpus.from_cache:,} unchanged" if read else "all unchanged"
    if lib.names_found and not read:
        how += "; names found again"  # (files left or the code changed)
    skipped = f" · {len(corpus.skipped):,} skipped" if corpus.skipped else ""
    where = f" · {printable(path)} ({size / 1e6:,.1f} MB)" if size else ""
    print(f"{info['articles']:,} {plural(info['articles'], 'article')} from {files:,} {plural(files, 'file')} "
          f"({how}){skipped} · {info['names']:,} names · {secs:.1f} s{where}")
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    paths = corpus_paths(args.paths)
    missing = [p for p in paths if not os.path.exists(p)]
    if missing and len(missing) == len(paths):
        raise CliError(f"no such file or directory: {missing[0]}")
    if not sys.stdout.isatty():
        return cmd_list(args)
    from .app.app import run_app

    return run_app(paths, cache_dir=args.cache_dir, use_cache=not args.no_cache)


def _handlers() -> dict:
    """The commands this module runs (search and entities are search_cli's)."""
    return {"list": cmd_list, "show": cmd_show, "export": cmd_export, "index": cmd_index}


def _near_command(word: str) -> str | None:
    """The command ``word`` was probably meant to be ("lsit": list)."""
    import difflib

    near = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.6)
    return near[0] if near else None


def main(argv: Sequence[str] | None = None) -> int:
    process = argv is None  # (the command itself, not a test or a script calling it)
    argv = list(sys.argv[1:] if argv is None else argv)
    args = None
    if argv and argv[0] == "search":
        from .search_cli import quick_search_args

        args = quick_search_args(argv[1:])
    if args is not None:
        pass
    elif argv and argv[0] in COMMANDS:
        from .cli_args import _parse, build_parser

        top = build_parser(_handlers(), argv[0])
        parser = top._subparsers._group_actions[0].choices[argv[0]]  # type: ignore[union-attr, index]
        args = _parse(parser, argv[1:])
    elif argv and argv[0] in ("-h", "--help"):
        from .cli_args import build_parser

        build_parser(_handlers()).print_help()
        return 0
    elif argv and not argv[0].startswith("-") and not os.path.exists(argv[0]) and (near := _near_command(argv[0])):
        warn(f"unknown command {argv[0]!r}: did you mean `byline {near}`? (commands: {', '.join(COMMANDS)})")
        return EXIT_USAGE
    else:
        from .cli_args import _parse, build_app_parser

        parser = build_app_parser(cmd_app)
        args = _parse(parser, argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    try:
        code = _run(args)
    finally:
        while opened_caches:
            opened_caches.pop().close()
    if process and argv and argv[0] in _READ_ONLY and "concurrent.futures.process" not in sys.modules:
        _leave(code)  # (not after indexing in worker processes: their pool is let go as Python ends)
    return code


# Commands that write nothing but their output: once it is out, the process
# may end without the interpreter's teardown, which frees every object one
# by one (about 7 ms of a 100 ms search on BBC).
_READ_ONLY = frozenset(("search", "list", "show", "entities"))


def _leave(code: int) -> None:
    try:
        if sys.stdout is not None:  # (None: started with it closed, and said so)
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as exc:
        _silence_stdout()
        warn(f"cannot write the output: {exc.strerror or exc}")
        code = code or 1
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that what is still buffered
    for it (a full disk, a closed pipe) is not written again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _run(args: argparse.Namespace) -> int:
    if sys.stdout is None:  # started with standard output closed (>&-)
        warn("standard output is closed")
        return 1
    try:
        return args.func(args)
    except CliError as exc:
        warn(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        warn("interrupted")
        return 130
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        _silence_stdout()
        return 0
    except OSError as exc:
        if exc.filename is not None:  # a file, not the output
            raise
        _silence_stdout()
        warn(f"cannot write the output: {exc.strerror or exc}")
        return 1
    except Exception as exc:
        from .core.cache import CacheError

        if opened_caches and not isinstance(exc, CacheError) and _decoding_error(exc) and not getattr(args, "retried", False):
            # A value read back from the index did not decode: the index is
            # damaged.  It is moved aside, and the command runs again on a new one.
            while opened_caches:
                cache = opened_caches.pop()
                cache.renew(exc)
                cache.close()
            args.retried = True
            return _run(args)
        if not isinstance(exc, CacheError):  # the index went bad while in use
            raise
        warn(str(exc))
        return EXIT_USAGE


def _decoding_error(exc: Exception) -> bool:
    """What reading a damaged stored value raises (bytes that are no UTF-8,
    JSON or zlib stream, lists whose lengths do not add up)."""
    import sqlite3
    import zlib

    return isinstance(exc, (ValueError, zlib.error, sqlite3.DatabaseError, IndexError, KeyError, TypeError, EOFError))


if __name__ == "__main__":
    sys.exit(main())
