"""The errors the core's stages raise through each other: a file Byline
skips, and loading stopped (kept apart so that no stage imports another's
module for them)."""


class UnreadableFile(Exception):
    """A file Byline skips; the message says why."""


class Cancelled(Exception):
    """Loading was stopped (the app is closing): nothing is returned."""
