"""`byline search` and `byline entities` (filled in by the names work)."""


def add_parsers(sub, add_paths) -> None:
    return None
