"""Byline: read and search a corpus of news articles in the terminal."""

__version__ = "0.1.0"
