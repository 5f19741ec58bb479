"""Where a name under search turns up: its hits over time, and the names
that keep it company (for the entity panel; no Textual here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from .article import Article

BARS = "▁▂▃▄▅▆▇█"


def by_month(articles: Sequence[Article], counts: dict[int, int], most: int = 120) -> list[tuple[str, int]]:
    """Hits by month ("2018-05"), from the dates of the articles with hits
    (``counts``: article → hits), every month from the first to the last
    (none left out, so gaps show); by year when that is more than ``most``
    months (ten years by default).  Articles with no date are not counted."""
    per: Counter[str] = Counter()
    for i, n in counts.items():
        date = articles[i].date
        if date and len(date) >= 7 and date[4] == "-":
            per[date[:7]] += n
    if not per:
        return []
    first, last = min(per), max(per)
    y0, m0, y1, m1 = int(first[:4]), int(first[5:7]), int(last[:4]), int(last[5:7])
    if (y1 - y0) * 12 + m1 - m0 >= most:
        years: Counter[str] = Counter()
        for month, n in per.items():
            years[month[:4]] += n
        return [(str(y), years.get(str(y), 0)) for y in range(y0, y1 + 1)]
    out = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        key = f"{y:04d}-{m:02d}"
        out.append((key, per.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def sparkline(values: Iterable[int]) -> str:
    """One bar a value, scaled to the largest (a zero is the lowest bar's space)."""
    values = list(values)
    top = max(values, default=0)
    if top <= 0:
        return " " * len(values)
    return "".join(" " if v <= 0 else BARS[min(len(BARS) - 1, (v * len(BARS) - 1) // top)] for v in values)


def companions(in_article, article_order: Sequence[int], exclude: set[str], limit: int = 8,
               max_articles: int = 200) -> list[tuple[str, str, int]]:
    """The names found most often in the same articles: (name, kind, articles),
    from the first ``max_articles`` of ``article_order`` (most hits first).
    ``in_article(i)`` gives article i's (mention, entity) pairs; names in
    ``exclude`` (the one searched for, case-folded) are left out."""
    seen: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for i in article_order[:max_articles]:
        names = {}
        for _mention, ent in in_article(i):
            names[ent.name] = ent.kind
        for name, kind in names.items():
            if name.casefold() not in exclude:
                seen[name] += 1
                kinds[name] = kind
    return [(name, kinds[name], n) for name, n in seen.most_common(limit)]
