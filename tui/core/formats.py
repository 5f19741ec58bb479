"""Files that are not plain text: saved web pages, scraper and dataset
exports (JSON, JSON Lines, CSV/TSV) and RSS/Atom feeds, each turned into
:class:`Doc` — an article's body text and the metadata the file states.

The cleaner (:mod:`tui.core.articles`) then treats a document's text as it
treats a text file's.  The extractors (trafilatura, feedparser, lxml) are
imported only when such a file is read, never on a warm start.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from functools import cache

from .errors import UnreadableFile
from .kinds import kind
from .reading import decode_page

# A web page is cut down to its markup before extraction past this size
# (inline scripts, styles and images are most of a 50 MB page), and skipped
# if it is still larger: extraction time and memory grow with the tree.
HTML_TRIM_BYTES = 4 * 1024 * 1024
HTML_MAX_BYTES = 24 * 1024 * 1024


class Doc:
    """One article as a file gives it: ``text`` has paragraphs separated by
    blank lines; metadata the file does not state is None.  ``record``: the
    line of a JSON Lines file, row of a CSV, entry of a JSON list or feed
    (from 1); ``raw``: that record as the file holds it (None: the whole
    file is the article's); ``span``: instead of ``raw``, where the record's
    bytes are in the file, as [offset, length]."""

    __slots__ = ("text", "title", "author", "date", "source", "url", "record", "raw", "span")

    def __init__(self, text: str, title: str | None = None, author: str | None = None, date: str | None = None,
                 source: str | None = None, url: str | None = None, record: int | None = None,
                 raw: str | None = None, span: list[int] | None = None) -> None:
        self.text, self.title, self.author, self.date = text, title, author, date
        self.source, self.url, self.record, self.raw, self.span = source, url, record, raw, span


class Read:
    """What one file gave: its documents, and the parts of it left out, as
    (where, why): ("line 17", "not JSON")."""

    __slots__ = ("docs", "problems")

    def __init__(self, docs: list[Doc], problems: list[tuple[str, str]] | None = None) -> None:
        self.docs = docs
        self.problems = problems if problems is not None else []


def json_lines_part(data: bytes, start: int) -> Read:
    """The documents of one part of a JSON Lines file read in parts (the
    bytes from ``start``, cut at line ends): lines numbered from the part's
    first, each record's raw text left in the file and its ``span`` kept."""

    def numbered():
        offset = 0
        for number, line in enumerate(data.split(b"\n"), 1):
            yield number, line, [start + offset, len(line)]
            offset += len(line) + 1

    return _line_records(numbered(), "no records in this part")


def read(path: str, data: bytes) -> Read:
    """The documents of a file that is not plain text.  Raises
    :class:`UnreadableFile` when it gives none, saying why."""
    _refuse_other_formats(data)
    try:
        return _read(path, data)
    except (UnreadableFile, RecursionError):
        raise
    except Exception as exc:  # an extractor's own failure on odd input: this file is skipped, the rest loads
        raise UnreadableFile(f"could not be read ({type(exc).__name__}: {str(exc)[:120]})") from exc


def _read(path: str, data: bytes) -> Read:
    k = kind(path)
    if k == "html":
        low = path.lower()
        if low.endswith((".mhtml", ".mht")) or _looks_mime(data):
            html, url = _mhtml_part(data)
            return Read([web_page(html, url)])
        return Read([web_page(data)])
    if k == "records":
        return _records(path, data)
    return _feed(data)


def _refuse_other_formats(data: bytes) -> None:
    from .reading import _magic

    what = _magic(data)  # (read_bytes already refused an empty file)
    if what is not None:
        raise UnreadableFile(what)


def stated(parsed, doc: Doc):
    """A cleaned article (:class:`tui.core.articles.Parsed`) with what the
    file states put first: a page's own title, author, date and site are
    better evidence than lines guessed from the top of its text."""
    if doc.title:
        parsed.title = doc.title
        if parsed.paragraphs and parsed.paragraphs[0] == doc.title:
            parsed.paragraphs = parsed.paragraphs[1:]
    parsed.author = doc.author or parsed.author
    parsed.date = doc.date or parsed.date
    parsed.source = doc.source or parsed.source
    parsed.raw = doc.raw  # a record's own text; None for a page: the file is its raw text
    return parsed


# --------------------------------------------------------------------------
# Web pages
# --------------------------------------------------------------------------

_HEAVY = re.compile(
    rb"<(script|style|svg|noscript|template)\b.*?</\1\s*>|\bsrc\s*=\s*[\"']data:[^\"']*[\"']|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)


def _trimmed(data: bytes) -> bytes:
    if len(data) > HTML_TRIM_BYTES:
        data = _HEAVY.sub(b" ", data)
    if len(data) > HTML_MAX_BYTES:
        raise UnreadableFile(f"a web page too large to extract ({len(data) // (1024 * 1024)} MB of markup)")
    return data


def web_page(data: bytes | str, url: str | None = None) -> Doc:
    """The article of a saved web page: main text (trafilatura), title,
    author, date, site name and address."""
    if isinstance(data, bytes):
        data = decode_page(_trimmed(data))
    found = _extractor()(data)
    if found is None or not (found.text or "").strip():
        raise UnreadableFile("no article text in the page")
    return Doc(
        text=_paragraphs(found.text),
        title=_meta(found.title),
        author=_meta(found.author),
        date=found.date or None,
        source=_meta(found.sitename) or _meta(found.hostname),
        url=_web_url(found.url) or _web_url(url),
    )


@cache
def _extractor():
    """trafilatura's extraction, quiet (its warnings would land in the
    middle of the app's screen), with its defaults otherwise.  Made once:
    each page would otherwise add another handler to its loggers."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        log = logging.getLogger(name)
        log.addHandler(logging.NullHandler())
        log.propagate = False
    from trafilatura import bare_extraction

    def extract(html: str):
        tree = _tree(html)
        if tree is None:
            return None
        found = bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                                as_dict=False)
        if found is None or isinstance(found, dict) or not (found.text or "").strip():
            # Nothing that reads as an article by the usual measures (a short
            # notice, a page of one paragraph): what text there is, if any.
            found = bare_extraction(_tree(html), with_metadata=True, include_comments=False, include_tables=True,
                                    favor_recall=True)
        return found

    return extract


def _tree(html: str):
    """The page parsed (lxml), with tables used for layout turned into plain
    blocks: an extractor reads a table cell as one run of text, and the
    story in a layout table's cell would lose its paragraphs."""
    from lxml import etree
    from lxml import html as lhtml

    try:
        tree = lhtml.document_fromstring(_parseable(html))
    except (etree.ParserError, ValueError):
        return None
    for table in list(tree.iter("table")):
        rows = [r for r in table.iterchildren("tr", "tbody", "thead", "tfoot")]
        rows = [r for part in rows for r in ([part] if part.tag == "tr" else part.iterchildren("tr"))]
        cells = [c for r in rows for c in r.iterchildren("td", "th")]
        if not any(_holds_a_story(c) for c in cells):
            continue
        for el in [table, *table.iterchildren("tbody", "thead", "tfoot"), *rows, *cells]:
            el.tag = "div"
    return tree


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _parseable(html: str) -> str:
    """Markup without terminal escapes and control characters: they are
    never a page's text, and lxml stops reading at the first it meets."""
    from .text import _ESCAPES

    return _CONTROL.sub("", _ESCAPES.sub("", html))


def _holds_a_story(cell) -> bool:
    """Paragraphs of prose in a table cell: layout, not a table of figures."""
    paras = [p for p in cell.iter("p") if len(p.text_content().split()) >= 8]
    return len(paras) >= 2


def _paragraphs(text: str) -> str:
    """An extractor's lines are paragraphs: blank lines between them."""
    return "\n\n".join(ln.strip() for ln in text.split("\n") if ln.strip())


def _meta(value) -> str | None:
    """A metadata value as one clean line (lists joined), or None."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("value")
    if isinstance(value, (list, tuple)):
        value = "; ".join(v for v in (_meta(x) for x in value) if v)
    if not isinstance(value, (str, int, float)):
        return None
    from .text import normalize

    value = " ".join(normalize(str(value)).split())
    return value[:500] or None


def _web_url(value) -> str | None:
    value = _meta(value)
    return value if value and re.match(r"(?i)^(?:https?|ftp)://\S+$", value) else None


def _looks_mime(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"mime-version:" in head and b"content-type: multipart/" in head


def _mhtml_part(data: bytes) -> tuple[bytes | str, str | None]:
    """The HTML of a saved page (.mhtml): its first text/html part, decoded."""
    import email
    from email import policy

    msg = email.message_from_bytes(data, policy=policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                payload = b""
            url = part.get("Content-Location") or msg.get("Snapshot-Content-Location")
            charset = part.get_content_charset()
            if charset:
                try:
                    return payload.decode(codecs.lookup(charset).name, errors="replace"), url
                except LookupError:
                    pass
            return payload, url
    raise UnreadableFile("a saved page (MHTML) with no HTML part")


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's or an export's content):
    block elements become paragraphs; scripts and styles go."""
    from lxml import etree
    from lxml import html as lhtml

    try:
        root = lhtml.fragment_fromstring(_parseable(html), create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    etree.strip_elements(root, "script", "style", "noscript", "template", "iframe", etree.Comment, with_tail=False)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCKS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        elif el.tag == "br":
            el.tail = "\n\n" + (el.tail or "")
    text = "".join(root.itertext())
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


_BLOCKS = frozenset(
    "p div section article header footer aside blockquote pre ul ol li dl dt dd table tr td th "
    "h1 h2 h3 h4 h5 h6 figure figcaption hr address main nav".split()
)
_TAG = re.compile(r"<(?:p|div|br|a|span|em|strong|b|i|h[1-6]|li|ul|img|figure|blockquote)\b[^>]*>|</[a-z]+\d?>", re.IGNORECASE)


def _maybe_html(text: str) -> str:
    """An export's body as text: HTML when it reads as HTML, else as given."""
    if "<" in text and len(_TAG.findall(text[:20000])) >= 2:
        return fragment_text(text)
    return _plain_paragraphs(text)


def _plain_paragraphs(text: str) -> str:
    """Plain text from an export: blank lines already separate paragraphs,
    else each line is one, unless the lines are a hard-wrapped column."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n\n" in text or "\n" not in text:
        return text
    lines = [ln for ln in text.split("\n") if ln.strip()]
    wrapped = len(lines) >= 4 and sorted(len(ln) for ln in lines)[len(lines) // 2] <= 90 and (
        sum(not ln.rstrip().endswith((".", "!", "?", '"', "”", ":")) for ln in lines) >= 0.6 * len(lines)
    )
    return text if wrapped else "\n\n".join(lines)


# --------------------------------------------------------------------------
# Exports: JSON, JSON Lines, CSV/TSV
# --------------------------------------------------------------------------

# The field names of the common tools, most specific first: news-please,
# trafilatura's JSON, Common Crawl / dataset dumps, newspaper, schema.org.
_FIELDS = {
    "text": ("maintext", "text", "raw_text", "article_text", "articleBody", "article_body", "body", "content",
             "article", "full_text", "fulltext", "story", "body_text", "description", "summary"),
    "title": ("title", "headline", "article_title"),
    "date": ("date_publish", "date_published", "datePublished", "published", "publish_date", "published_at",
             "pubDate", "pub_date", "date", "publication_date", "created_at", "timestamp", "time", "date_modify"),
    "author": ("authors", "author", "byline", "creator", "writer", "authors_list"),
    "source": ("source_domain", "sitename", "site_name", "publication", "source", "publisher", "site",
               "hostname", "domain", "outlet", "newspaper"),
    "url": ("url", "link", "canonical_url", "source_url", "article_url", "uri", "href"),
}
# "description"/"summary" serve as the text only when nothing longer is there.
_WEAK_TEXT = ("description", "summary")
_CONTAINERS = ("articles", "items", "data", "records", "results", "entries", "documents", "docs", "rows", "posts")


def _field_map(names) -> dict[str, str]:
    """Which of a record's fields gives each part (case-insensitive)."""
    lower: dict[str, str] = {}
    for n in names:
        if isinstance(n, str):
            lower.setdefault(n.strip().lower(), n)
    out = {}
    for part, choices in _FIELDS.items():
        for c in choices:
            if c.lower() in lower:
                out[part] = lower[c.lower()]
                break
    return out


class _NoTextField(UnreadableFile):
    pass


def _unmapped(names) -> _NoTextField:
    found = ", ".join(sorted({str(n) for n in names})[:12]) or "none"
    expected = ", ".join(_FIELDS["text"][:9])
    return _NoTextField(f"no article text field: found {found}; expected one of {expected}")


def _doc_from_record(rec: dict, fields: dict[str, str], number: int, raw: str | list[int]) -> Doc | None:
    """A record's document; ``raw``: its text as the file holds it, or where
    it is in the file ([offset, length])."""
    text_field = fields["text"]
    body = rec.get(text_field)
    if fields["text"].lower() in _WEAK_TEXT:
        for alt in _FIELDS["text"]:
            if alt in rec and alt.lower() not in _WEAK_TEXT and isinstance(rec[alt], str) and rec[alt].strip():
                body = rec[alt]
                break
    if isinstance(body, list):
        body = "\n\n".join(str(x) for x in body if isinstance(x, (str, int, float)))
    if not isinstance(body, str) or not body.strip():
        return None
    date = rec.get(fields["date"]) if "date" in fields else None
    return Doc(
        text=_maybe_html(body),
        title=_meta(rec.get(fields["title"])) if "title" in fields else None,
        author=_meta(rec.get(fields["author"])) if "author" in fields else None,
        date=_date(date),
        source=_meta(rec.get(fields["source"])) if "source" in fields else None,
        url=_web_url(rec.get(fields["url"])) if "url" in fields else None,
        record=number,
        raw=raw if isinstance(raw, str) else None,
        span=None if isinstance(raw, str) else raw,
    )


def _date(value) -> str | None:
    """A stated date as ISO: text in any common form, or seconds since 1970."""
    from .dates import find_date

    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        import datetime

        seconds = value / 1000 if value > 1e11 else value  # milliseconds
        try:
            return datetime.datetime.fromtimestamp(seconds, datetime.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = _meta(value)
    if not text:
        return None
    m = find_date(text)
    if m is not None:
        return m.iso
    if text.isdigit():
        return _date(int(text))
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date().isoformat()  # "Thu, 02 Dec 2004 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        return None


def _records(path: str, data: bytes) -> Read:
    import json

    low = path.lower()
    if low.endswith((".csv", ".tsv")):
        return _csv(data, "\t" if low.endswith(".tsv") else None)
    from .reading import decode

    text = decode(data)
    stripped = text.lstrip()
    if low.endswith(".json") and stripped.startswith("["):
        return _json_whole(text)
    if low.endswith(".json") and stripped.startswith("{"):
        try:
            whole = json.loads(text)
        except ValueError:
            return _json_lines(text)  # one object a line, named .json
        return _json_object(whole, text)
    if low.endswith(".json"):
        raise UnreadableFile("not JSON (an array of articles or one object a line was expected)")
    return _json_lines(text)


def _json_whole(text: str) -> Read:
    import json

    try:
        whole = json.loads(text)
    except ValueError as exc:
        raise UnreadableFile(f"not valid JSON ({_json_error(exc)})") from exc
    return _json_object(whole, text)


def _json_error(exc: ValueError) -> str:
    import json

    return str(exc).split(":")[0] if isinstance(exc, json.JSONDecodeError) else "not JSON"


def _json_object(whole, text: str) -> Read:
    import json

    if isinstance(whole, dict):
        for key in _CONTAINERS:
            if isinstance(whole.get(key), list):
                whole = whole[key]
                break
        else:
            return _from_dicts([(1, whole, text)])
    if not isinstance(whole, list):
        raise UnreadableFile("JSON that is neither an article, nor a list of them")
    return _from_dicts(
        [(i, rec, json.dumps(rec, ensure_ascii=False, indent=1)) for i, rec in enumerate(whole, 1)],
        label="entry",
    )


def _json_lines(text: str) -> Read:
    return _line_records(((i, line, line) for i, line in enumerate(text.split("\n"), 1)), "empty file")


def _line_records(lines, empty: str) -> Read:
    """The documents of JSON Lines given as (number, line, raw) — a line as
    text, or as bytes (a part of a large file, whose raw is its [offset,
    length]); each line that is no JSON object is named by its number."""
    import json

    rows = []
    problems = []
    for number, line, raw in lines:
        if not line.strip():
            continue
        try:
            rec = json.loads(line)  # (bytes: UTF-8, -16 or -32, as JSON allows)
        except ValueError as exc:
            if not isinstance(line, bytes):
                problems.append((f"line {number}", f"not JSON ({_json_error(exc)})"))
                continue
            try:
                from .reading import decode

                rec = json.loads(decode(line))  # an export written in a legacy charset
            except ValueError as exc:
                problems.append((f"line {number}", f"not JSON ({_json_error(exc)})"))
                continue
            except UnreadableFile as exc:
                problems.append((f"line {number}", str(exc)))
                continue
        if not isinstance(rec, dict):
            problems.append((f"line {number}", "not a JSON object"))
            continue
        rows.append((number, rec, raw))
    if not rows:
        if problems:
            raise UnreadableFile(f"no JSON object on any line ({problems[0][0]}: {problems[0][1]})")
        raise UnreadableFile(empty)
    read = _from_dicts(rows)
    read.problems[:0] = problems
    return read


def _from_dicts(rows: Sequence[tuple[int, object, str | list[int]]], label: str = "line") -> Read:
    """Documents of records: the field map is taken from the records' own
    names (the first that maps, so one odd record does not decide)."""
    docs: list[Doc] = []
    problems: list[tuple[str, str]] = []
    names: set[str] = set()
    cache: dict[tuple, dict[str, str]] = {}
    for number, rec, raw in rows:
        if not isinstance(rec, dict):
            problems.append((f"{label} {number}", "not a JSON object"))
            continue
        keys = tuple(rec)
        fields = cache.get(keys)
        if fields is None:
            fields = cache[keys] = _field_map(keys)
        names.update(k for k in keys if isinstance(k, str))
        if "text" not in fields:
            problems.append((f"{label} {number}", "no article text field"))
            continue
        doc = _doc_from_record(rec, fields, number, raw)
        if doc is None:
            problems.append((f"{label} {number}", "its text is empty"))
            continue
        docs.append(doc)
    if not docs:
        if names and not any("text" in f for f in cache.values()):
            raise _unmapped(names)
        raise UnreadableFile(f"no record with article text ({len(rows)} read)")
    return Read(docs, problems)


def _csv(data: bytes, delimiter: str | None) -> Read:
    import csv
    import io

    from .reading import decode

    text = decode(data)
    if delimiter is None:
        head = text[:20000]
        try:
            delimiter = csv.Sniffer().sniff(head.split("\n", 1)[0], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    old = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # an article is often longer than csv's 128 KB default
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise UnreadableFile("empty file") from None
        except csv.Error as exc:
            raise UnreadableFile(f"not CSV ({exc})") from exc
        fields = _field_map(header)
        if "text" not in fields:
            raise _unmapped(header)
        index = {name: i for i, name in enumerate(header)}
        docs, problems = [], []
        row_no = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                problems.append((f"row {row_no + 1}", f"not CSV ({exc})"))
                break
            row_no += 1
            if not any(cell.strip() for cell in row):
                continue
            rec = {name: row[i] for name, i in index.items() if i < len(row)}
            raw = "\n".join(f"{name}: {value}" for name, value in rec.items())
            doc = _doc_from_record(rec, fields, row_no, raw)
            if doc is None:
                problems.append((f"row {row_no}", "its text is empty"))
            else:
                docs.append(doc)
    finally:
        csv.field_size_limit(old)
    if not docs:
        raise UnreadableFile(f"no row with article text ({row_no - 1} read)")
    return Read(docs, problems)


# --------------------------------------------------------------------------
# Feeds
# --------------------------------------------------------------------------

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)\b")


def _feed(data: bytes) -> Read:
    head = re.sub(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>", b"", data[:4096], flags=re.DOTALL)
    if not _FEED_ROOT.search(head):
        raise UnreadableFile("XML, but not an RSS or Atom feed")
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    source = _meta(parsed.feed.get("title")) if parsed.get("feed") else None
    docs, problems = [], []
    for i, entry in enumerate(parsed.entries, 1):
        body = ""
        for c in entry.get("content") or ():
            if c.get("value") and len(c["value"]) > len(body):
                body = c["value"]
        if not body:
            body = entry.get("summary") or ""
        body = _maybe_html(body) if body.strip() else ""
        if not body.strip():
            problems.append((f"entry {i}", "no text"))
            continue
        date = None
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            t = entry.get(key)
            if t:
                date = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
                break
        raw = entry.get("title", "") + "\n\n" + body
        docs.append(Doc(
            text=body,
            title=_meta(entry.get("title")),
            author=_meta(entry.get("author")),
            date=date,
            source=source,
            url=_web_url(entry.get("link")),
            record=i,
            raw=raw,
        ))
    if not docs:
        if parsed.get("bozo") and not parsed.entries:
            raise UnreadableFile(f"a feed that could not be read ({type(parsed.get('bozo_exception')).__name__})")
        raise UnreadableFile("a feed with no entries")
    return Read(docs, problems)

