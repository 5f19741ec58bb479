"""A raw OCR newspaper page: one text of thousands of short lines, no blank
line, several stories, a masthead and lines of garbage.

The page is split into stories at headline lines (capitals), each story's
title is its headline, never the masthead; paragraphs come back from the
short last line of each; lines that are mostly no words are left out of
the text (still in ``--raw``); the page's date comes from its masthead,
else from a date in the file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import MONTHS, _valid, find_date, is_dateline
from .text import _ABBREVIATIONS, WORD, Vocabulary, _zipf, ends_sentence, paragraphs_from_blocks, reflow, starts_lower

# Weekdays written out (the abbreviations "sun", "sat" are words on a page of capitals).
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# A page, not an article: this many lines at the least, nearly none blank.
MIN_LINES = 150
MIN_CHARS = 6000

# A story has at least this many words of body; a shorter run after a
# headline is a notice or a box, kept inside the story before it.
MIN_STORY_WORDS = 40
# Before the first headline, fewer words than this are the masthead.
MASTHEAD_WORDS = 80
# Volume and date lines this near the top are the masthead's.
_MASTHEAD_LINES = 40
# Headline lines before the rest of a header counts as its subtitle, and
# subtitle lines before the rest is text.
_HEAD_LINES = 4
_DECK_LINES = 8
# A byline this near a story's top is its writer's ("(By Webb Miller,").
_BYLINE_LINES = 3


def looks_like_page(lines: list[str]) -> bool:
    """Hard-wrapped in narrow columns, long, with (almost) no blank lines."""
    if len(lines) < MIN_LINES:
        return False
    text_lines = [ln for ln in lines if ln.strip()]
    if len(text_lines) < MIN_LINES or sum(len(ln) for ln in text_lines) < MIN_CHARS:
        return False
    blank = len(lines) - len(text_lines)
    if blank > 0.02 * len(lines):
        return False
    lengths = sorted(len(ln.strip()) for ln in text_lines)
    return lengths[len(lengths) // 2] <= 60


def word_share(line: str) -> float:
    """How much of a line is English words and figures (by characters,
    common punctuation aside)."""
    chars = sum(1 for c in line if not c.isspace() and c not in _PUNCT)
    if not chars:
        return 0.0
    known = sum(1 for c in line if c.isdigit())
    words = WORD.findall(line)
    if len(words) == 1 and words[0].islower() and words[0].isalpha() and len(line) <= 8:
        return 1.0  # "ed.", "tion": the end of a word broken at the line before
    for w in words:
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        low = w.lower()
        if (len(low) > 2 or low in _SHORT_WORDS) and _zipf(low) >= 20 or _NAME.match(w):
            known += len(w)
    return min(1.0, known / chars)


# A name the word list does not know: "Headloy", "McAdoo".
_NAME = re.compile(r"^(?:Mc|Mac|O')?[A-Z][a-z]{2,}$")


_PUNCT = frozenset(".,;:'\"-$%()’‘“”")
# Words of one or two letters are common in garbage ("ii", "v"): only these count.
_SHORT_WORDS = frozenset(
    "a i am an as at be by do go he if in is it me my no of on or so to up us we "
    "mr dr st co".split()
)


_GARBAGE_SHARE = 0.45


# Near the top of a page, a line of capitals about the paper itself:
# "EIGHTH YEAR", "EIGHT PAGES", "$1.50 PER YEAR", "PRICE ONE CENT".
_TOP_MATTER = re.compile(r"\b(?:year|pages|price|cents?|subscription|per (?:year|annum|copy)|edition)\b", re.IGNORECASE)


def _is_headline_shape(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 4 or len(line) > 70:
        return False
    return sum(1 for c in letters if c.isupper()) >= 0.8 * len(letters)


def _is_headline(line: str) -> bool:
    """A line of capitals with some English in it: "SURVEY FOR RED"."""
    if not _is_headline_shape(line):
        return False
    if line.rstrip().endswith(","):
        return False  # "T. B. ELLIS," signs a letter or an advertisement
    tokens = WORD.findall(line)
    words = [w.lower() for w in tokens if len(w) >= 2]
    if len(tokens) - len(words) >= 2:
        return False  # initials: a name, not a headline
    if all(w in MONTHS for w in words):
        return False  # "AUGUST.": a column's month, over its dates
    if not _OPENS_HEADLINE.match(line):
        return False  # ".',-.' CASEY JONI?.-'": garbage around a few letters
    known = sum(1 for w in words if _zipf(w) >= 30)
    return known >= 1 and known >= 0.5 * len(words) and word_share(line) >= 0.6 and not _is_masthead_line(line)


# A headline opens with a letter, a figure or a quotation mark.
_OPENS_HEADLINE = re.compile(r"""^\s*["'“‘(]?[^\W_]""")


_VOLUME = re.compile(r"^\W*(?:vol(?:ume)?|no|number|whole number)\b\.?\s*[\dIVXLC]", re.IGNORECASE)


def _is_masthead_line(line: str) -> bool:
    """A volume line ("VOL. 122. NO. 34.") or a line that is mostly a date."""
    if _VOLUME.match(line) or is_dateline(line):
        return True
    words = [w.lower() for w in WORD.findall(line)]
    # "ELGIN, OKLAHOMA, WEDNESDAY, JULY 5, IS16": OCR has spoilt the year;
    # "HYDE PARK, VERMONT, WEDNESDAY, APUIL 12, 1916.": or the month.
    if any(w in _WEEKDAYS for w in words) and (any(w in MONTHS for w in words) or len(words) <= 3 or _YEAR.search(line)):
        return True
    # "WA-KEENEY, KANS., OCTOBER 14. 1916": a month and a year, a town before them.
    return bool(_YEAR.search(line)) and any(w in MONTHS for w in words) and len(words) <= 6


_YEAR = re.compile(r"\b1[6-9]\d\d\b")


def _is_deck(line: str) -> bool:
    """A headline's second part in upper and lower case: "J. J. Opsahl
    Returns From St. Paul" — most words capitalised, short."""
    words = WORD.findall(line)
    if len(words) < 1 or len(line) > 60:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.7 * len(words)


_BYLINE = re.compile(r"^by\s+(.+?)[.,)]*$", re.IGNORECASE)
_INITIAL = re.compile(r"^[A-Z]\.?$")
_NAME_PART = re.compile(r"^[A-Z][A-Za-z'’-]+$")


def byline_name(line: str) -> str | None:
    """The writer a byline line names ("By GEORGE V. JOHNSON", "BY CLARENCE
    BAKER"), in its case; None for any other line ("BY SPECIAL
    ARRANGEMENT"): two to four words, initials or names the census lists."""
    m = _BYLINE.match(line.strip())
    if m is None:
        return None
    words = m.group(1).split()
    if not 2 <= len(words) <= 4 or not all(_INITIAL.match(w) or _NAME_PART.match(w) for w in words):
        return None
    full = [w.lower() for w in words if not _INITIAL.match(w)]
    if not full or any(w in MONTHS or w in _WEEKDAYS for w in full):
        return None
    from .names import given_names, surnames

    # Every word a name, the first a given name unless initials open it
    # ("Associated Press" writes no byline of a person).
    if not all(given_names().get(w) or surnames().get(w) for w in full):
        return None
    if not _INITIAL.match(words[0]) and not given_names().get(full[0]):
        return None
    return " ".join(words)


@dataclass
class Story:
    head: list[str] = field(default_factory=list)  # headline lines
    deck: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    removed: int = 0
    author: str | None = None

    def words(self) -> int:
        return sum(len(WORD.findall(ln)) for ln in self.body)


def split_page(lines: list[str]) -> tuple[list[str], list[Story]]:
    """The masthead's lines and the page's stories, in page order."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    english = sum(word_share(ln) for ln in lines) / max(1, len(lines)) >= 0.5
    stories: list[Story] = [Story()]
    masthead: list[str] = []
    in_header = False
    for n, line in enumerate(lines):
        cur = stories[-1]
        if n < _MASTHEAD_LINES and (_is_masthead_line(line) or _TOP_MATTER.search(line) and _is_headline_shape(line)):
            masthead.append(line)
            cur.raw.append(line)
            cur.removed += 1
            continue
        if english and word_share(line) < _GARBAGE_SHARE and not _is_headline(line):
            cur.raw.append(line)
            cur.removed += 1
            continue
        writer = byline_name(line.lstrip("(")) if line.lstrip("(")[:3].lower() == "by " else None
        if writer is not None and cur.author is None and len(cur.body) <= _BYLINE_LINES:
            # Under the headline or atop the text: the writer, not text.
            cur.author = writer
            cur.raw.append(line)
            continue
        if writer is not None and _is_headline(line):
            # In capitals after text: it opens a story whose headline the OCR
            # lost (a headline of its own, before).
            stories.append(Story(author=writer))
            stories[-1].raw.append(line)
            in_header = False
            continue
        if _is_headline(line) and not (in_header and len(cur.deck) >= _DECK_LINES):
            if not in_header and (cur.body or cur.head):
                stories.append(Story())
                cur = stories[-1]
            # The first bank of capitals is the headline; what follows it
            # before the text (decks, more capitals) is the subtitle.
            (cur.deck if cur.deck or len(cur.head) >= _HEAD_LINES else cur.head).append(line)
            in_header = True
        elif in_header and (
            _is_deck(line) and len(cur.deck) < _DECK_LINES and not (cur.deck and ends_sentence(cur.deck[-1]))
            or cur.deck and not ends_sentence(cur.deck[-1]) and starts_lower(line)  # "... in Opera" / "tion in November"
        ):
            cur.deck.append(line)
        else:
            in_header = False
            cur.body.append(line)
        cur.raw.append(line)
    first = stories[0]
    if not first.head and first.words() < MASTHEAD_WORDS and len(stories) > 1:
        masthead = masthead + first.body
        stories.pop(0)
        stories[0].raw[:0] = first.raw
        stories[0].removed += first.removed + len(first.body)
    # A headline over too little text is a box or a notice: it stays in the story before it.
    merged: list[Story] = []
    for s in stories:
        if merged and s.words() < MIN_STORY_WORDS:
            prev = merged[-1]
            prev.body.extend(s.head + s.deck + s.body)
            prev.raw.extend(s.raw)
            prev.removed += s.removed
        else:
            merged.append(s)
    return masthead, merged


def _reads(token: str) -> bool:
    """A token of running text that is English: a word the word list knows
    (each part of a hyphenated one), or a figure."""
    core = token.strip(_EDGE_PUNCT)
    if not core:
        return False
    if core.isdigit():
        return len(core) <= 4
    parts = core.split("-")
    return all(p.isalpha() and (len(p) > 2 or p.lower() in _SHORT_WORDS) and _zipf(p.lower()) >= 30 for p in parts)


_EDGE_PUNCT = ".,;:'\"!?()’‘“”"
TITLE_CHARS = 80


def title_from_text(paragraphs: list[str]) -> str | None:
    """A title for a story with no headline whose text opens with garbage
    (the masthead's, the scanner's): the first run of its text that reads
    as English, from a capitalised word that opens three such words, to
    the first token that does not read, the sentence's end or about 80
    characters ("7 i Published Every Established 1887 Jilniil s i" →
    "Published Every Established 1887").  None if its text opens readably
    (the caller's title from the opening then stands) or no run is found."""
    for n, para in enumerate(paragraphs[:2]):
        tokens = para.split()[:200]
        good = [_reads(t) for t in tokens]
        # Inside a run, a name no word list knows reads ("Mrs. Grundy of"), not in a clump of garbage.
        goes_on = [g or k + 1 < len(tokens) and good[k + 1] and bool(_NAME.match(t.strip(_EDGE_PUNCT)))
                   for k, (t, g) in enumerate(zip(tokens, good))]
        if n == 0 and _opens_run(tokens, good, 0):
            return None
        for i in range(len(tokens)):
            if not _opens_run(tokens, good, i):
                continue
            out: list[str] = []
            for k in range(i, len(tokens)):
                if not goes_on[k]:
                    break
                if len(" ".join(out + [tokens[k]])) > TITLE_CHARS:
                    return " ".join(out) + "…"
                out.append(tokens[k])
                if (len(out) >= 3 and ends_sentence(tokens[k])
                        and tokens[k].strip(_EDGE_PUNCT).lower() not in _ABBREVIATIONS):
                    break
            return " ".join(out)
    return None


def _opens_run(tokens: list[str], good: list[bool], i: int) -> bool:
    """Three tokens that read from ``i``, the first a capitalised word, two of them words of three letters or more."""
    if len(tokens) < i + 3 or not all(good[i : i + 3]) or not tokens[i][:1].isupper():
        return False
    return sum(len(t.strip(_EDGE_PUNCT)) >= 3 and t.strip(_EDGE_PUNCT).isalpha() for t in tokens[i : i + 3]) >= 2


def paragraph_blocks(body: list[str]) -> list[list[str]]:
    """Lines into paragraphs: a paragraph ends at a sentence end on a line
    clearly shorter than the column."""
    if not body:
        return []
    lengths = sorted(len(ln) for ln in body)
    column = lengths[int(len(lengths) * 0.75)]
    blocks: list[list[str]] = [[]]
    for line in body:
        blocks[-1].append(line)
        if ends_sentence(line) and len(line) < 0.8 * column:
            blocks.append([])
    return [b for b in blocks if b]


_FILE_DATE = re.compile(r"(?<!\d)((?:1[6-9]|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_name(stem: str) -> str | None:
    """A date in a file name: "19160112_sn93057084" or "2019-05-03-story"."""
    m = _FILE_DATE.search(stem)
    if m is None:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None


@dataclass
class PageStory:
    title: str | None
    subtitle: str | None
    paragraphs: list[str]
    removed: int
    raw: str
    author: str | None = None


def parse_page(lines: list[str], vocab: Vocabulary, stem: str) -> tuple[str | None, list[PageStory]]:
    """The page's date and its stories, cleaned."""
    masthead, stories = split_page(lines)
    date = None
    for line in masthead[:40]:
        m = find_date(line)
        if m is not None:
            date = m.iso
            break
    if date is None:
        date = date_from_name(stem)
    out = []
    for s in stories:
        paragraphs = paragraphs_from_blocks(paragraph_blocks(s.body), vocab)
        title = reflow(s.head, vocab) if s.head else None
        subtitle = reflow(s.deck, vocab) if s.deck else None
        out.append(PageStory(title, subtitle, paragraphs, s.removed, "\n".join(s.raw), s.author))
    return date, out
