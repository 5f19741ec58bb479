"""Find a publication date (and what sits beside it) in an article's header lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"),
            ("april", "apr"), ("may",), ("june", "jun"), ("july", "jul"),
            ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?"

_ISO = re.compile(
    r"(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})"
    r"(?:[T ]?(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)
_DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:1[6-9]|20)\d{2})\b" + _TIME,
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:1[6-9]|20)\d{2})\b" + _TIME,
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(?:published|posted|date|dated|updated|last updated)\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    iso: str
    start: int
    end: int


_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid(y: int, m: int, d: int) -> bool:
    """A day that exists: no 31 February, and 29 February only in a leap year."""
    if not (1 <= m <= 12 and 1 <= d <= _DAYS[m - 1]):
        return False
    return m != 2 or d < 29 or (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0))


def find_date(line: str) -> DateMatch | None:
    """The first date in ``line`` as ISO 8601 (with the time when given)."""
    m = _ISO.search(line)
    if m:
        y, mo, d = int(m["year"]), int(m["mon"]), int(m["day"])
        if _valid(y, mo, d):
            return DateMatch(_iso(y, mo, d, m["hour"], m["minute"], m["second"], None), m.start(), m.end())
    for rx in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        m = rx.search(line)
        if m:
            y, d = int(m["year"]), int(m["day"])
            mo = MONTHS[m["month"].lower().rstrip(".")]
            if _valid(y, mo, d):
                return DateMatch(
                    _iso(y, mo, d, m["hour"], m["minute"], m["second"], m["ampm"]),
                    m.start(),
                    m.end(),
                )
    return None


def _iso(y, mo, d, hour, minute, second, ampm) -> str:
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if hour is None:
        return out
    h = int(hour)
    if ampm:
        pm = ampm.lower().startswith("p")
        if pm and h < 12:
            h += 12
        elif not pm and h == 12:
            h = 0
    if h > 23 or int(minute) > 59:
        return out
    out += f"T{h:02d}:{int(minute):02d}"
    if second is not None:
        out += f":{int(second):02d}"
    return out


def is_dateline(line: str) -> bool:
    """A header line that is mostly a date ("PUBLISHED : Thursday, 20 ...")."""
    m = find_date(line)
    if not m:
        return False
    rest = (line[: m.start] + line[m.end :]).strip()
    rest = _LABEL.sub("", rest)
    words = [w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() not in WEEKDAYS]
    return len(words) <= 8


def is_update_line(line: str) -> bool:
    return bool(re.match(r"^\s*(?:updated|last updated)\b", line, re.IGNORECASE))
