"""The error every reader raises for a file Byline skips (kept apart so the
format readers and the loader need not import each other)."""


class UnreadableFile(Exception):
    """A file Byline skips; the message says why."""
