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
