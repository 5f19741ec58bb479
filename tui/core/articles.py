"""From one file's text to cleaned articles: split, lift metadata, reflow."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import permutations

from .dates import WEEKDAYS, MONTHS, find_date, is_dateline, is_update_line
from .text import (
    WORD,
    Vocabulary,
    ends_sentence,
    furniture_flags,
    has_case_damage,
    is_furniture_line,
    is_menu_block,
    normalize,
    paragraphs_from_blocks,
    reflow,
    split_blocks,
)

from .article import Article  # noqa: F401  (the cleaner makes these)

Block = list[str]


@dataclass
class Parsed:
    """An article before the corpus gives it an id."""

    title: str | None
    paragraphs: list[str]
    subtitle: str | None = None
    source: str | None = None
    author: str | None = None
    date: str | None = None
    removed_lines: int = 0
    raw: str | None = ""
    dateline: str | None = None


# --------------------------------------------------------------------------
# Block shapes
# --------------------------------------------------------------------------

_STOP = frozenset(
    """the a an and or of in on at to for with by from as is are was were be
    this that it its he she they we you i his her our their not no yes new
    more most read news continue related photo video top""".split()
)
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:-[a-z]+)?$|^[A-Z]{2,}$")
_BY = re.compile(r"^by\s+(.+)$", re.IGNORECASE)
_EDITOR = re.compile(
    r"^(?P<source>.*?)\s*\b(?i:editor|author|reporter|writer|by)\s*:\s*"
    r"(?P<author>[A-Z][\w'’.-]*(?:\s+[A-Z][a-z][\w'’.-]*){0,3})"
)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MARKER = re.compile(r"^(?:continue reading|read more)\b", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def is_name_line(line: str) -> bool:
    """A line that is only a person's name ("Bob Yang"): a byline."""
    toks = line.split(None, 3)  # (a fourth part means more words: a paragraph is not split whole)
    if not 2 <= len(toks) <= 3:
        return False
    for t in toks:
        low = t.lower()
        if not _NAME_WORD.match(t) or low in _STOP or low in MONTHS or low in WEEKDAYS:
            return False
    return True


def is_prose(block: Block) -> bool:
    if len(block) >= 3 or sum(len(ln) for ln in block) > 2000:
        return True
    text = " ".join(block)
    n = len(_words(text))
    return len(block) >= 3 or n >= 40 or (ends_sentence(text) and n >= 8)


def is_headline(block: Block) -> bool:
    """A short block that reads like a headline: no sentence end, a few words."""
    if len(block) > 2 or sum(len(ln) for ln in block) > 400:
        return False
    text = " ".join(block)
    n = len(_words(text))
    return 2 <= n <= 30 and not text.rstrip().endswith(".") and not is_furniture_line(text)


def _lines(blocks: list[Block]) -> int:
    return sum(len(b) for b in blocks)


# --------------------------------------------------------------------------
# Splitting a page into articles
# --------------------------------------------------------------------------


def _split_archive(blocks: list[Block]) -> list[tuple[list[Block], int]] | None:
    """A blog archive: posts each ending in "Continue reading ..."/"Read more".

    Returns (blocks, furniture_lines) per post, or None if the page is not one.
    """
    markers = [i for i, b in enumerate(blocks) if _MARKER.match(b[0])]
    if len(markers) < 2:
        return None
    posts: list[tuple[list[Block], int]] = []
    start = 0
    for m in markers:
        seg = blocks[start:m]
        posts.append((seg, len(blocks[m])))
        start = m + 1
    tail = blocks[start:]
    if any(is_prose(b) for b in tail):
        posts.append((tail, 0))
    elif posts:
        seg, n = posts[-1]
        posts[-1] = (seg, n + _lines(tail))
    # Every post must open with a headline and hold prose, or this is not an archive.
    for seg, _ in posts:
        body = [b for b in seg if not all(is_furniture_line(ln) for ln in b)]
        if not body or not is_headline(body[0]) or not any(is_prose(b) for b in body[1:]):
            return None
    return posts


def _overlap(headline: Block, blocks: list[Block]) -> int:
    words = {w.lower() for w in _words(" ".join(headline)) if len(w) >= 4}
    body = {w.lower() for b in blocks for w in _words(" ".join(b))}
    return len(words & body)


def _split_bylines(blocks: list[Block]) -> list[tuple[list[Block], int]] | None:
    """A newspaper page with several stories, each opening with a byline.

    Splits only where the evidence is clear: a byline in the header, exactly
    one more later with prose on both sides.
    """
    names = [i for i, b in enumerate(blocks) if len(b) == 1 and is_name_line(b[0])]
    if len(names) != 2:
        return None
    first, second = names
    if any(is_prose(b) for b in blocks[:first]):
        return None
    if sum(is_prose(b) for b in blocks[first + 1 : second]) < 3:
        return None
    if sum(is_prose(b) for b in blocks[second + 1 :]) < 3:
        return None
    header = blocks[:first]
    heads = [i for i, b in enumerate(header) if is_headline(b)]
    seg1, seg2 = blocks[first:second], blocks[second:]
    if len(heads) == 2:
        a, b = heads
        keep = [blk for i, blk in enumerate(header) if i not in heads]
        # Give each story the headline that shares most words with it.
        best = max(
            permutations((a, b)),
            key=lambda p: _overlap(header[p[0]], seg1) + _overlap(header[p[1]], seg2),
        )
        return [(keep + [header[best[0]]] + seg1, 0), ([header[best[1]]] + seg2, 0)]
    return [(header + seg1, 0), (seg2, 0)]


# --------------------------------------------------------------------------
# Header: title, subtitle, byline, source, date
# --------------------------------------------------------------------------


def _parse_header(blocks: list[Block], fields: dict, vocab: Vocabulary) -> tuple[list[Block], int]:
    """Lift metadata off the top of ``blocks``; returns the body and lines removed."""
    removed = 0
    candidates: list[str] = []
    i = 0
    while i < len(blocks) and i < 10:
        block = blocks[i]
        if is_prose(block) and not (i == 0 and len(block) == 1 and _opening_title(block[0])):
            break
        if len(block) == 1 and len(block[0]) == 1:  # a drop cap starts the body
            break
        if candidates and not is_headline(block) and not all(_is_meta(ln) for ln in block):
            break
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        byline_next = nxt is not None and (is_prose(nxt) or (len(nxt) == 1 and len(nxt[0]) == 1))
        if len(block) == 1 and is_name_line(block[0]) and candidates and byline_next:
            fields.setdefault("author", block[0])
        elif is_headline(block) and not any(_is_meta(ln) for ln in block):
            candidates.append(reflow(block, vocab))
        else:
            for line in block:
                removed += _take_header_line(line, candidates, fields)
        i += 1
    # Section labels ("Artificial intelligence", "Sci-tech") sit above the real headline.
    while len(candidates) >= 2 and len(_words(candidates[0])) <= 3 and len(_words(candidates[1])) >= 4:
        candidates.pop(0)
        removed += 1
    body = blocks[i:]
    places = fields.pop("dateline_places", None)
    # (How many header lines came before the dateline: its place keeps its turn among them.)
    before = max(fields.pop("dateline_after", 0) - 1, 0)
    rest = candidates[1:]
    if candidates:
        fields["title"] = candidates[0]
        if rest and len(_words(rest[0])) >= 4:
            fields["subtitle"] = rest[0]
    if places:
        fields["dateline"] = places
        # "ROME 1996-12-06": the date is lifted out, the place stays readable and findable.
        body = [[places]] + [[c] for c in rest[before:]] + body
        rest = rest[:before]
    # Anything else in the header stays readable as the first paragraphs.
    return [[c] for c in rest] + body, removed


# A sentence ending inside a line: a word or a figure, its stop, the next one's capital.
_SENTENCE_BREAK = re.compile(r"(?:\b[a-z]{3,}|\d)[.!?][\"'”’)]*\s+[A-Z]")


def _opening_title(line: str) -> bool:
    """A file's first line, standing alone, is its title if it is short or
    one sentence, as an encyclopaedia's page opens ("A. N. Other (born 1 May
    1950) is a footballer from ... who plays for ...", forty words on).  An
    opening paragraph of several sentences is the body's."""
    return len(_words(line)) <= 25 or len(line) <= 600 and not _SENTENCE_BREAK.search(line)


def _is_meta(line: str) -> bool:
    return (
        is_furniture_line(line)
        or is_dateline(line)
        or bool(_BY.match(line))
        or is_name_line(line)
    )


_DATELINE_PLACE = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F.'’-]*(?:[ ,/-]+[A-Z][A-Za-z\u00C0-\u024F.'’-]*)*$")


def _dateline_place(head: str) -> str | None:
    """The place a dateline opens with: "LONDON" of "LONDON 1996-08-30",
    "AL-AIN, United Arab Emirates" — capitalised words only, no label
    ("Published:"), no weekday."""
    head = head.strip(" \t,:;-–—|(")
    if not head or len(head) > 60 or not _DATELINE_PLACE.match(head):
        return None
    words = re.findall(r"[A-Za-z]+", head)
    if any(w.lower() in WEEKDAYS or w.lower() in MONTHS for w in words) or _LABEL_WORDS & {w.lower() for w in words}:
        return None
    return head


# A story that opens with where it was filed: "WASHINGTON — The president
# ...", "LONDON (Reuters) - Shares ...", "AL-AIN, United Arab Emirates - ...".
_OPENING_DATELINE = re.compile(
    r"^((?:[A-Z][A-Z.'’-]+)(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}){0,2})"
    r"(?: \([^()]{1,40}\))?\s*[-—–]{1,2}\s"
)


def _opening_dateline(paragraphs: list[str]) -> str | None:
    m = _OPENING_DATELINE.match(paragraphs[0]) if paragraphs else None
    return _dateline_place(m.group(1)) if m else None


_LABEL_WORDS = frozenset("published posted date dated updated last by".split())


def _take_header_line(line: str, candidates: list[str], fields: dict) -> int:
    """Classify one header line; returns 1 if it is dropped as furniture."""
    if is_update_line(line):
        return 1
    date = find_date(line)
    if date and (is_dateline(line) or _EDITOR.search(line[date.end :])):
        fields.setdefault("date", date.iso)
        place = _dateline_place(line[: date.start])
        if place and "dateline_places" not in fields:
            fields["dateline_places"] = place
            fields["dateline_after"] = len(candidates)
        rest = line[date.end :].strip()
        m = _EDITOR.search(rest)
        if m:
            source = m["source"].strip(" :|-·")
            if source:
                fields.setdefault("source", source)
            fields.setdefault("author", m["author"].strip())
        return 0
    if is_furniture_line(line):
        return 1
    m = _BY.match(line)
    if m and is_name_line(m.group(1).split(",")[0]) and candidates:
        fields.setdefault("author", m.group(1).strip())
        return 0
    candidates.append(line.strip())
    return 0


# --------------------------------------------------------------------------
# Body
# --------------------------------------------------------------------------


_NON_WORD = re.compile(r"[\W_]+")
# ASCII punctuation to spaces: most text needs nothing more (see _norm_words).
_ASCII_PUNCT = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def _norm_words(text: str) -> str:
    """Lower-case words separated by single spaces (for comparing passages)."""
    text = text.lower()
    if text.isascii():
        return " ".join(text.translate(_ASCII_PUNCT).split())
    return _NON_WORD.sub(" ", text).strip()


def _clean_body(blocks: list[Block]) -> tuple[list[Block], int]:
    """Drop furniture lines, menu blocks and pull quotes; count what went."""
    removed = 0
    kept: list[Block] = []
    for block in blocks:
        if is_menu_block(block):
            removed += len(block)
            continue
        lines = [ln for ln, furniture in zip(block, furniture_flags(block)) if not furniture]
        removed += len(block) - len(lines)
        if lines:
            kept.append(lines)
    # A pull quote repeats a sentence printed elsewhere in the article.
    texts = [_norm_words(" ".join(b)) for b in kept]
    out: list[Block] = []
    out_texts: list[str] = []
    for i, block in enumerate(kept):
        first = "" if len(block) > 3 else texts[i] if len(block) == 1 else _norm_words(block[0])
        if first.count(" ") >= 7 and any(
            j != i and first in texts[j] and len(texts[j]) > len(first) for j in range(len(kept))
        ):
            removed += len(block)
            continue
        out.append(block)
        out_texts.append(texts[i])
    out, n = _drop_links_and_credits(out, out_texts)
    return out, removed + n


# A photo credit closing a caption: "... is unveiled in Putuo District. — Ti Gong".
_CREDIT = re.compile(r"[.!?]\s*[—–]\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}\s*$")


_INNER_STOP = re.compile(r"[.!?][\"'”’]?\s")


def _content_words(text: str) -> set[str]:
    return {w for w in text.split() if len(w) >= 4}


def _drop_links_and_credits(blocks: list[Block], norm: list[str]) -> tuple[list[Block], int]:
    """Drop a link to another story set between two paragraphs (a headline
    whose words the article does not use), and the credit of a photo whose
    caption closes the article.  ``norm``: each block's words, as
    :func:`_norm_words` gives them (made already for the pull quotes)."""
    if len(blocks) < 3:
        return blocks, 0
    out: list[Block] = []
    removed = 0
    for i, block in enumerate(blocks):
        line = block[0]
        if (
            0 < i < len(blocks) - 1 and len(block) == 1 and is_headline(block)
            and line[:1].isupper() and not line.isupper() and not ends_sentence(line) and not _INNER_STOP.search(line)
            and is_prose(blocks[i - 1]) and is_prose(blocks[i + 1])
        ):
            words = _content_words(norm[i])
            rest = set().union(*(_content_words(t) for j, t in enumerate(norm) if j != i))
            if len(words) >= 3 and len(words & rest) < len(words) / 3:
                removed += 1
                continue
        if i == len(blocks) - 1 and len(_words(" ".join(block))) < 40:
            m = _CREDIT.search(block[-1])
            if m is not None:
                # The caption says what the story shows (and names it): only the credit goes.
                block = block[:-1] + [block[-1][: m.start() + 1]]
        out.append(block)
    return out, removed


def _fallback_title(blocks: list[Block], stem: str) -> str:
    for block in blocks[:1]:
        for line in block[:15]:
            line = line[:200]
            words = [w for w in _words(line) if len(w) >= 3]
            letters = sum(c.isalpha() for c in line)
            if len(words) >= 3 and letters >= 0.6 * len(line):
                return line if len(line) <= 80 else line[:79].rsplit(" ", 1)[0] + "…"
    return stem


def _build(blocks: list[Block], vocab: Vocabulary, stem: str, extra_removed: int, restore_case: bool) -> Parsed | None:
    fields: dict = {}
    body, removed = _parse_header(blocks, fields, vocab)
    body, removed_body = _clean_body(body)
    paragraphs = paragraphs_from_blocks(body, vocab, restore_case)
    if not paragraphs and "title" not in fields:
        return None
    title = fields.get("title") or _fallback_title(body, stem)
    title = reflow([title], vocab)
    raw = "\n\n".join("\n".join(b) for b in blocks)
    return Parsed(
        title=title,
        paragraphs=paragraphs,
        subtitle=fields.get("subtitle"),
        source=fields.get("source"),
        author=fields.get("author"),
        date=fields.get("date"),
        removed_lines=removed + removed_body + extra_removed,
        raw=raw,
        dateline=fields.get("dateline") or _opening_dateline(paragraphs),
    )


def _split_markers(blocks: list[Block]) -> list[Block]:
    """Put each "Continue reading"/"Read more" line in a block of its own."""
    out: list[Block] = []
    for block in blocks:
        cur: Block = []
        for line in block:
            if _MARKER.match(line):
                if cur:
                    out.append(cur)
                out.append([line])
                cur = []
            else:
                cur.append(line)
        if cur:
            out.append(cur)
    return out


def _parse_ocr_page(lines: list[str], vocab: Vocabulary, stem: str) -> list[Parsed]:
    from .ocrpage import parse_page, title_from_text

    date, stories = parse_page(lines, vocab, stem)
    out = []
    for story in stories:
        if not story.paragraphs and not story.title:
            continue
        title = story.title or title_from_text(story.paragraphs) or _fallback_title([[p] for p in story.paragraphs], stem)
        # The subtitle is the text's first paragraph too (shown, searched), as a standfirst is.
        paragraphs = [story.subtitle, *story.paragraphs] if story.subtitle else story.paragraphs
        out.append(Parsed(
            title=title, paragraphs=paragraphs, subtitle=story.subtitle, date=date, author=story.author,
            removed_lines=story.removed, raw=story.raw if len(stories) > 1 else None,
        ))
    return out


def parse_document(raw: str, stem: str = "untitled", corpus: dict[str, int] | None = None,
                   asked: dict[str, int] | None = None, whole: bool = False) -> list[Parsed]:
    """Clean one file's text into one or more articles.

    ``corpus``: the corpus's hyphenated words (see :class:`Vocabulary`);
    what was asked of it is added to ``asked``.  ``whole``: the text is one
    article (a web page's or a record's), never split into several.
    """
    from .ocrpage import date_from_name, looks_like_page

    text = normalize(raw)
    vocab = Vocabulary(text, corpus)
    if asked is not None:
        vocab.asked = asked
    lines = [_MD_HEADING.sub("", ln) for ln in text.split("\n")]
    if not whole and looks_like_page(lines):
        return _parse_ocr_page(lines, vocab, stem)
    blocks = _split_markers(split_blocks(lines))
    if not blocks:
        return []
    damaged = has_case_damage(text)
    segments = (None if whole else _split_archive(blocks) or _split_bylines(blocks)) or [(blocks, 0)]
    out = []
    for seg, extra in segments:
        parsed = _build(seg, vocab, stem, extra, damaged)
        if parsed is not None:
            if len(segments) == 1:
                parsed.raw = None  # the file itself; read again when asked for
            if parsed.date is None:
                parsed.date = date_from_name(stem)
            out.append(parsed)
    return out
