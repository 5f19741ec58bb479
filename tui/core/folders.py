"""A corpus's files by folder: what a whole indexing stores of them, and
what changed since, found by listing only the folders whose time changed."""

from __future__ import annotations
