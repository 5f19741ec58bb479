"""Text to copy out of Byline: an article with its citation, or the sentence
around a hit with where it came from."""

from __future__ import annotations

import re

from .article import Article

# A sentence ends at . ! or ? (and any closing quote or bracket) before a
# space and a capital, a digit or an opening quote.  Not after a lone capital
# ("J. Smith") or a common abbreviation ("Mr. Smith").
_END = re.compile(r"""[.!?…]["'”’)\]]*\s+(?=["'“‘(]?[A-Z0-9])""")
_NOT_AN_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Col|Capt|Lt|Sgt|Rev|Hon|Sen|Rep|Gov|Jr|Sr|No|vs|Inc|Ltd|Co|Corp))\.$")


def citation(art: Article) -> str:
    """Title, source, author and date, then where the article is: "Title. Source, Author, 2018-09-20. path"."""
    who = ", ".join(x for x in (art.source, art.author, (art.date or "")[:10] or None) if x)
    where = art.url or (art.path if art.record is None else f"{art.path}, record {art.record}")
    return f"{art.title}. {who + '. ' if who else ''}{where}"


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``start:end``, within its paragraph."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    left = para_start
    for m in _END.finditer(text, para_start, start):
        if not _NOT_AN_END.search(text, para_start, m.start() + 1):
            left = m.end()
    right = para_end
    for m in _END.finditer(text, end, para_end):
        if not _NOT_AN_END.search(text, para_start, m.start() + 1):
            right = m.start() + len(m.group().rstrip())
            break
    return text[left:right].strip()


def quote(art: Article, start: int, end: int) -> str:
    """The sentence around a hit, in quotation marks, and its citation."""
    return f"“{sentence_at(art.text, start, end)}”\n— {citation(art)}"


def whole(art: Article) -> str:
    """The article's cleaned text under its citation."""
    return f"{citation(art)}\n\n{art.text}\n"


def snippet(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """The text before and after a hit on a line of about ``width``
    characters, with "…" where the paragraph goes on."""
    left, right = around(text, start, end, width)
    before = ("…" if left and text[left - 1] != "\n" else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) and text[right] != "\n" else "")
    return before, after


def around(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """Where a line of about ``width`` characters centred on ``start:end``
    begins and ends: within the hit's paragraph, cut at spaces."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    left = max(para_start, start - width // 2)
    if left > para_start:
        sp = text.find(" ", left, start)
        left = sp + 1 if sp >= 0 else left
    right = min(para_end, end + width // 2)
    if right < para_end:
        sp = text.rfind(" ", end, right)
        right = sp if sp >= 0 else right
    return left, right
