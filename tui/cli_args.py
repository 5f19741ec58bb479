"""The command line's parser: argparse, imported only when a command needs
it (a plain `byline search` is read by :func:`tui.cli.quick_search_args`,
as argparse's import and parser are a tenth of a warm search)."""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .cli_base import COMMANDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


def _add_paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled seeds)")
    p.add_argument("--cache-dir", metavar="DIR", help="where the index cache lives (default: $XDG_CACHE_HOME/byline)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the index cache")
    p.add_argument("--refresh", action="store_true",
                   help="look at every file for changes (by default a corpus of 20,000 files or more is "
                   "checked by its folders' times, which miss a file rewritten in place)")


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, sized without importing shutil (argparse makes
    a formatter for every argument it adds, and shutil pulls in compression
    modules: a few milliseconds of every command)."""

    def __init__(self, prog: str, **kwargs) -> None:
        if kwargs.get("width") is None:
            try:
                columns = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                try:
                    columns = os.get_terminal_size((sys.__stdout__ or sys.stdout).fileno()).columns
                except (AttributeError, ValueError, OSError):
                    columns = 80
            kwargs["width"] = max(columns - 2, 20)
        super().__init__(prog, **kwargs)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        # Intermixed parsing names the optional PATH among the missing
        # arguments ("required: QUERY, PATH"): only QUERY is.
        message = message.replace(", PATH", "")
        super().error(message)


def _parser(**kwargs) -> argparse.ArgumentParser:
    return _Parser(**kwargs)


def build_parser(handlers: Mapping[str, Callable], only: str | None = None) -> argparse.ArgumentParser:
    """The commands' parser; with ``only``, just that command's (a warm
    `byline search` is a few tens of milliseconds: argparse spends some of
    them on every argument of every command)."""
    parser = _parser(
        prog="byline",
        description="Read and search a corpus of news articles. "
        "`byline [PATH ...]` opens the app; the commands below print.",
        epilog="commands: " + ", ".join(COMMANDS) + " (byline COMMAND --help)",
    )
    parser.add_argument("--version", action="version", version=f"byline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from .search_cli import add_entities, add_search

    adders: dict[str, Callable] = {"list": _add_list, "show": _add_show, "export": _add_export, "search": add_search, "entities": add_entities,
              "index": _add_index}
    for name in COMMANDS:
        if only is None or name == only:
            adders[name](sub, _add_paths, *((handlers[name],) if name in handlers else ()))
    return parser


def _date_arg(text: str) -> str:
    from .core.listing import check_date

    try:
        return check_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_list(sub, add_paths, func: Callable) -> None:
    from .core.listing import SORTS

    p = sub.add_parser("list", help="one row per article")
    add_paths(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--sort", choices=SORTS, default="file",
                   help="order: file (as read, the default), date (newest first), title, source, folder")
    p.add_argument("--source", metavar="TEXT", help="only articles whose source contains TEXT (any case)")
    p.add_argument("--folder", metavar="TEXT", help="only articles whose folder contains TEXT (any case)")
    p.add_argument("--since", metavar="DATE", type=_date_arg, help="only articles dated DATE or later (2004, 2004-03, 2004-03-15)")
    p.add_argument("--until", metavar="DATE", type=_date_arg, help="only articles dated DATE or earlier")
    p.add_argument("--unread", action="store_true", help="only articles not yet read in the app")
    p.add_argument("--starred", action="store_true", help="only articles starred in the app")
    p.set_defaults(func=func)


def _add_show(sub, add_paths, func: Callable) -> None:
    p = sub.add_parser("show", help="one article's cleaned text")
    p.add_argument("article", metavar="ARTICLE", help="an article id or (fuzzy) title")
    add_paths(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--raw", action="store_true", help="the text as it is in the file")
    p.set_defaults(func=func)


def _add_export(sub, add_paths, func: Callable) -> None:
    p = sub.add_parser("export", help="every article as JSON Lines")
    add_paths(p)
    p.add_argument("--entities", action="store_true", help="add each article's names (reads the whole corpus first)")
    p.set_defaults(func=func)


def _add_index(sub, add_paths, func: Callable) -> None:
    p = sub.add_parser("index", help="index a corpus now, looking at every file")
    add_paths(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=func)


def build_app_parser(func: Callable) -> argparse.ArgumentParser:
    parser = _parser(
        prog="byline",
        description="Read and search a corpus of news articles. Commands: " + ", ".join(COMMANDS) + ".",
    )
    parser.add_argument("--version", action="version", version=f"byline {__version__}")
    _add_paths(parser)
    parser.set_defaults(func=func, json=False)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Options and arguments in any order; after ``--`` everything is an
    argument, even "-x" (argparse's intermixed parsing does not honour
    ``--``: each such argument stands in as a placeholder, then is put back)."""
    if "--" not in argv:
        return parser.parse_intermixed_args(argv)
    cut = argv.index("--")
    literal = argv[cut + 1 :]
    held = {f"\0{i}": a for i, a in enumerate(literal)}
    args = parser.parse_intermixed_args(argv[:cut] + list(held))
    for name, value in vars(args).items():
        if isinstance(value, str) and value in held:
            setattr(args, name, held[value])
        elif isinstance(value, list):
            setattr(args, name, [held.get(v, v) if isinstance(v, str) else v for v in value])
    return args
