"""`byline search` and `byline entities`: the names commands, on the core alone."""

from __future__ import annotations

import json
import sys

TYPE_CHECKING = False  # (typing itself is not imported: a one-shot command's milliseconds)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable


def add_search(sub, add_paths) -> None:
    p = sub.add_parser("search", help="find a name (fuzzily) across the corpus")
    p.add_argument("query", metavar="QUERY", help='a name; "exact phrase"; several with |')
    add_paths(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    many = p.add_mutually_exclusive_group()
    many.add_argument("--limit", type=_count, default=None, metavar="N",
                      help="the first N hits (default: all in JSON, 50 in text)")
    many.add_argument("--all", action="store_true", help="every hit, and their exact count, in text too")
    p.add_argument("--context", type=_count, default=None, metavar="N",
                   help="N characters of text each side of a hit (default 50; in JSON, only when given)")
    p.set_defaults(func=cmd_search)


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        import argparse

        raise argparse.ArgumentTypeError(f"not a count: {text!r}")
    return n


# `byline search`'s options: those taking a value, and flags.
_VALUED: dict[str, Callable[[str], object]] = {"--cache-dir": str, "--limit": _count, "--context": _count}
_FLAGS = ("--json", "--all", "--refresh", "--no-cache")


def quick_search_args(argv: list[str]):
    """``byline search``'s arguments (after the command's name) as its
    parser would read them, without argparse, whose import and parser are a
    tenth of a warm one-shot search; None for anything not plainly written
    (an abbreviated or unknown option, a value or argument opening with "-",
    "--", a bad count, --limit with --all, no query), which the parser then
    reads and, if it must, refuses with its own message."""
    from types import SimpleNamespace

    got: dict = {"cache_dir": None, "no_cache": False, "refresh": False, "json": False, "limit": None, "all": False,
                 "context": None}
    given: list[str] = []
    rest = iter(argv)
    for token in rest:
        if not token.startswith("-"):
            given.append(token)
            continue
        name, eq, value = token.partition("=")
        if name in _VALUED:
            if not eq:
                value = next(rest, "-")
            if value.startswith("-") or (not value and not eq):
                return None
            try:
                got[name[2:].replace("-", "_")] = _VALUED[name](value)
            except Exception:
                return None
        elif token in _FLAGS:
            got[token[2:].replace("-", "_")] = True
        else:
            return None
    if not given or (got["all"] and got["limit"] is not None):
        return None
    return SimpleNamespace(**got, func=cmd_search, query=given[0], paths=given[1:])


def add_entities(sub, add_paths) -> None:
    p = sub.add_parser("entities", help="the people, organisations and places named")
    add_paths(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--kind", choices=("person", "org", "place", "other"), help="only this kind")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N entities")
    p.set_defaults(func=cmd_entities)


def _library(args, overlay: bool = False):
    from .cli_base import load_library

    return load_library(args, overlay)


def _json_lines(obj: dict, key: str) -> str:
    """``obj`` as JSON with each element of ``obj[key]`` on a line of its own:
    as readable as indented JSON, and written by the C encoder (indenting
    takes json's pure-Python path, several times slower for thousands of hits)."""
    dump = json.JSONEncoder(ensure_ascii=False).encode  # one encoder (json.dumps makes one a call)
    parts = []
    for k, v in obj.items():
        if k == key:
            items = ",\n".join("    " + dump(x) for x in v)
            parts.append(f"  {dump(k)}: [\n{items}\n  ]" if v else f"  {dump(k)}: []")
        else:
            parts.append(f"  {dump(k)}: {dump(v)}")
    from .cli_base import json_safe

    return json_safe("{\n" + ",\n".join(parts) + "\n}\n")


def cmd_search(args: argparse.Namespace) -> int:
    lib = _library(args, overlay=True)
    limit = args.limit if args.limit is not None else (None if args.json or args.all else 50)
    # A page of hits needs only as much of the corpus as settles it: "BBC"
    # at a million articles is 300,000 hits, its first 50 in the first few.
    result = lib.search(args.query, top=limit)
    hits = result.hits if limit is None else result.hits[:limit]
    shown = {h.article for h in hits}
    arts = lib.articles
    if args.json:
        obj = {
            "query": args.query,
            "hits": [
                {
                    "id": h.article_id,
                    "title": arts[h.article].title,
                    "path": arts[h.article].path,
                    "start": h.start,
                    "end": h.end,
                    "match": h.match,
                    "score": h.score,
                    "entity": h.entity,
                    **({"context": _context(arts[h.article].text, h.start, h.end, args.context)}
                       if args.context is not None else {}),
                }
                for h in hits
            ],
            # Other forms of the names found, in the articles listed ("Clinton" for "Bill Clinton").
            "related": [
                {"id": h.article_id, "start": h.start, "end": h.end, "match": h.match, "entity": h.entity}
                for h in result.related if h.article in shown
            ],
            "suggestions": result.suggestions,
            # Nothing spelt as typed: the form the text writes ("Beijing" for "Peking"), else null.
            "written": result.spelt_otherwise(),
            "elapsed_ms": round(result.elapsed_ms, 3),
        }
        sys.stdout.write(_json_lines(obj, "hits"))
        return 0
    from .cli_base import plural, styled_stdout

    n, n_art, r = len(result.hits), len(result.articles()), len(result.related)
    if not result.hits:
        offer = f" · did you mean {' or '.join(result.suggestions[:3])}?" if result.suggestions else ""
        summary = f"no match for {args.query!r}{offer}"
    else:
        more = f" (showing {len(hits)})" if len(hits) < n else ""
        # Counted only as far as the corpus was read to settle the page: at least so many.
        least = "+" if result.partial else ""
        if least:
            more = f" (showing {len(hits)}; --all to count every one)"
        also = f" · {r}{least} {plural(r, 'mention')} by another form of the name" if r else ""
        other = result.spelt_otherwise()
        if other:
            also += f" · nothing spelt {args.query!r}: written {other!r}"
        summary = (f"{n}{least} {plural(n, 'hit')} in {n_art}{least} {plural(n_art, 'article')}{more}{also} · "
                   f"{result.elapsed_ms:.1f} ms")
    width = 2 * (50 if args.context is None else args.context)
    if styled_stdout():
        _print_styled(hits, arts, width, summary)
    else:
        _print_plain(hits, arts, width, summary)
    return 0 if result.hits else 1


def _print_plain(hits, arts, width: int, summary: str) -> None:
    """Piped: an article's id and title, then each hit's line, whole, for grep
    and files; written at once."""
    from .core.quote import snippet

    out = []
    last = None
    for h in hits:
        art = arts[h.article]
        if h.article != last:
            if last is not None:
                out.append("\n")
            out.append(f"{art.id}  {art.title}\n")
            last = h.article
        before, after = snippet(art.text, h.start, h.end, width)
        out.append(f"  {before}{art.text[h.start:h.end]}{after}\n")
    out.append(f"\n{summary}\n" if hits else f"{summary}\n")
    sys.stdout.write("".join(out))


def _print_styled(hits, arts, width: int, summary: str) -> None:
    """On a terminal: ids, titles and matches coloured, each line cut to the width."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    last = None
    for h in hits:
        art = arts[h.article]
        if h.article != last:
            if last is not None:
                console.print()
            console.print(Text.assemble((art.id, "cyan"), "  ", (art.title, "bold")))
            last = h.article
        console.print(_context_line(art.text, h.start, h.end, width), no_wrap=True, overflow="ellipsis")
    console.print(Text(f"\n{summary}" if hits else summary, style="dim"))


def _context(text: str, start: int, end: int, n: int) -> dict:
    """The ``n`` characters each side of a hit, within its paragraph, cut at word edges."""
    from .core.quote import around

    left, right = around(text, start, end, 2 * n)
    return {"before": text[left:start], "after": text[end:right]}


def _context_line(text: str, start: int, end: int, width: int = 100):
    """The line around a hit, the match coloured, cut at word edges."""
    from rich.text import Text

    from .core.quote import snippet

    before, after = snippet(text, start, end, width)
    return Text.assemble("  ", before, (text[start:end], "bold black on yellow"), after)


def cmd_entities(args: argparse.Namespace) -> int:
    lib = _library(args, overlay=True)
    ents = [e for e in lib.entities.entities if args.kind is None or e.kind == args.kind]
    if args.limit is not None:
        ents = ents[: args.limit]
    if args.json:
        from .cli_base import to_json

        sys.stdout.write(to_json([e.to_dict() for e in ents], indent=2) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("count", justify="right")
    table.add_column("kind")
    table.add_column("name", style="bold")
    table.add_column("variants", style="dim", overflow="ellipsis", no_wrap=True)
    colours = {"person": "magenta", "org": "cyan", "place": "green", "other": "yellow"}
    for e in ents:
        others = [v for v in e.variants if v != e.name]
        table.add_row(str(e.count), Text(e.kind, style=colours[e.kind]), Text(e.name), Text(", ".join(others)))
    Console(highlight=False).print(table)
    return 0
