"""Which reader a file goes to, by its name (kept apart from the readers:
finding files must not compile their patterns or import their libraries)."""

TEXT = (".txt", ".md")
HTML = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht")
RECORDS = (".json", ".jsonl", ".ndjson", ".csv", ".tsv")
FEEDS = (".rss", ".atom", ".xml")
EXTENSIONS = TEXT + HTML + RECORDS + FEEDS


def kind(path: str) -> str:
    """"html", "records", "feed" or "text", by the file's extension (a file
    named on its own with any other extension is read as text)."""
    low = path.lower()
    if low.endswith(HTML):
        return "html"
    if low.endswith(RECORDS):
        return "records"
    if low.endswith(FEEDS):
        return "feed"
    return "text"


# A JSON Lines file too large to read whole is read in parts, each a unit of
# its own for the worker processes and the cache, named by its file and the
# bytes it spans.  NUL parts them: no path holds one.
def part_key(path: str, start: int, end: int) -> str:
    return f"{path}\0{start}-{end}"


def split_key(key: str) -> tuple[str, tuple[int, int] | None]:
    """A unit's file, and the bytes [start, end) of it when it is a part."""
    path, sep, span = key.partition("\0")
    if not sep:
        return key, None
    start, _, end = span.partition("-")
    return path, (int(start), int(end))
