"""Text-level cleaning: Unicode, control sequences, furniture lines, reflow.

Every function here is pure (str in, str/list out) so each step can be tested
on its own.  The article-level work (titles, dates, splitting a page into
several articles) lives in :mod:`tui.core.articles` and builds on these.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

# --------------------------------------------------------------------------
# Unicode and terminal safety
# --------------------------------------------------------------------------

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings,
# and any other two-byte ESC sequence.  8-bit C1 forms are handled too.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?            # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])      # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?      # ... up to BEL or ST
  | \x1b[ -/]*[0-~]?                             # other ESC sequences
    """,
    re.VERBOSE,
)
# Characters removed outright: soft hyphen, zero-width and bidi controls, BOM.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064"
        "\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u180e",
    )
)
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\n[ \t]*")


class _CharTable(dict):
    """``str.translate`` table that classifies each new character once."""

    def __missing__(self, code: int):
        ch = chr(code)
        cat = unicodedata.category(ch)
        value: int | str | None
        if ch in "\n ":
            value = code
        elif ch == "\t" or cat == "Zs":
            value = " "
        elif cat[0] == "C" or cat in ("Zl", "Zp"):
            value = None
        else:
            value = code
        self[code] = value
        return value


_TABLE = _CharTable(_INVISIBLE)
_ASCII_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _entity(m: re.Match[str]) -> str:
    import html

    return html.unescape(m.group(0))


def normalize(text: str) -> str:
    """NFC, plain spaces and newlines; no control or escape sequences; HTML
    character references ("communiqu&#233;", "&amp;") decoded.

    Curly quotes and every printable character stay as they are.
    """
    if "&" in text and ";" in text:
        text = _ENTITY.sub(_entity, text)
    if "\x1b" in text or "\x9b" in text or any(c in text for c in "\x90\x98\x9d\x9e\x9f"):
        text = _ESCAPES.sub("", text)
    if "\r" in text or not text.isascii() or "\v" in text or "\f" in text:
        text = _LINE_BREAKS.sub("\n", text)
        text = _SOFT_HYPHEN_BREAK.sub("", text)
    if text.isascii():
        if _ASCII_CONTROL.search(text):
            text = text.translate(_TABLE)
        return text
    # A text uses a few dozen distinct characters: those that change are
    # replaced one by one (translating it character by character through the
    # table took 80 µs for a 2 KB article, and most change nothing).
    for ch in set(text):
        to = _TABLE[ord(ch)]
        if to != ord(ch):
            text = text.replace(ch, to or "")  # (a space or nothing: no replacement feeds another)
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------
# Page furniture
# --------------------------------------------------------------------------

_FURNITURE_LINE = re.compile(
    r"""^(?:
        (?:continue\ reading|read\ more)\b.*
      | related\ (?:news|articles?|stories|content|links|topics)\b.*
      | more\s*(?:photo|photos|video|videos|top\ news|news|stories)?
      | most\ (?:popular|read|viewed|shared)\b.*
      | back\ to\ top\b.*
      | (?:copyright|\(c\)|©).*
      | reproduction\ in\ whole\ or\ in\ part\b.*
      | text\s*:\s*a+\s*print
      | print(?:\ this)?(?:\ (?:article|page|story))?
      | share(?:\ this)?(?:\ (?:article|page|story))?(?:\ on\ \w+)?
      | (?:\w+\ )?app\ download
      | download\ (?:the|our)\b.*\bapp\b.*
      | (?:get|open)\ (?:the|our)\ app\b.*
      | line|facebook|twitter|whatsapp|weibo|wechat|e-?mail|linkedin|reddit
      | category\ archives?\s*:.*
      | tags?\s*:.*
      | advertisement|sponsored(?:\ content)?
      | (?:the\ )?(?:story|article)\ continues\ (?:below|after)\b.*
      | (?:image|media|video)\ (?:source|caption|credit)s?\b.*
      | (?:photo|photograph|picture|image|illustration)s?(?:\ credit)?\s*:.*
      | getty\ images|reuters|ap\ photo|afp|pa\ media|shutterstock
      | (?:sign\ up|subscribe)\b.*\b(?:newsletter|updates|free)\b.*
      | click\ here\b.*
      | follow\ us\b.*
      | home|menu|search|skip\ to\ (?:main\ )?content|sign\ in|log\ in|subscribe|newsletters?
      | copy\ link
      | (?:we|this\ (?:site|website)|our\ (?:site|website)|this\ page)\ (?:use|uses)\ cookies\b.*
      | (?:accept|manage|reject)\ (?:all\ )?cookies\b.*
      | comments?(?:\s*\(\d+\))?
      | updated\s*:.*
      | \d{1,3}
    )$""",
    re.VERBOSE | re.IGNORECASE,
)


def is_furniture_line(line: str) -> bool:
    """True for a whole line that is web-page or print furniture."""
    line = line.strip()
    if _FURNITURE_LINE.match(line):
        # A whole sentence is text ("Most popular choice of gadget was the
        # phone."), unless it carries a notice's marks (©, a year) or is a
        # link's label ("Read more: Could Yukos be a blessing?").
        return not (line.count(" ") >= 7 and ends_sentence(line) and not _NOTICE.search(line)
                    and not _LINK_LABEL.match(line))
    # Checked apart: a pattern starting with ".*" would walk every line back and forth.
    return "rights reserved" in line.lower() and bool(_RIGHTS_RESERVED.search(line))


_LINK_LABEL = re.compile(r"(?:read more|continue reading|related \w+)\s*:", re.IGNORECASE)
_RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
_NOTICE = re.compile(
    r"©|\(c\)|\b(?:1[89]|20)\d\d\b|rights reserved|without (?:\w+ ){0,2}permission|\bcookies\b", re.IGNORECASE
)


def furniture_flags(block: Sequence[str]) -> list[bool]:
    """Which lines of a block are furniture.  A line that carries on a
    sentence — the line before it (not furniture itself) ends mid-sentence,
    or the next starts in lower case — is text, whatever its first words
    ("... to protect their / copyright, but ...")."""
    flags = [is_furniture_line(ln) for ln in block]
    for i, flag in enumerate(flags):
        if not flag:
            continue
        before = i > 0 and not flags[i - 1] and not ends_sentence(block[i - 1])
        after = i + 1 < len(block) and starts_lower(block[i + 1]) and not flags[i + 1]
        if before or after:
            flags[i] = False
    return flags


_SENTENCE_PUNCT = re.compile(r"[.!?;:]")


def is_menu_block(lines: Sequence[str]) -> bool:
    """A block of many short, unpunctuated lines: a navigation menu."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    if len(lines) < 5:
        return False
    short = sum(
        1
        for ln in lines
        if len(ln.split()) <= 3 and not _SENTENCE_PUNCT.search(ln[-1:])
    )
    mean = sum(len(ln) for ln in lines) / len(lines)
    return short >= 0.8 * len(lines) and mean < 24


# --------------------------------------------------------------------------
# Words, vocabulary and line-end repair
# --------------------------------------------------------------------------

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")

# General English, for words the document never writes whole: how common a
# word is (wordfreq's Zipf scale, in tenths; see tui/core/names/data, which
# lists words down to 20).  A joined form listed at all is a word; halves
# this common are words of their own (syllables such as "tion" and "ment"
# are listed too, but rarer).
_WORD_ZIPF = 20
_COMMON_JOINED = 30
_HALF_ZIPF = 35


def _zipf(word: str) -> int:
    from .names import word_zipf

    return word_zipf().get(word, 0)


def hyphen_census(text: str) -> dict[str, int]:
    """How often a text writes each hyphenated word ("team-mates") and each
    word that is two words run together ("teammates", see
    :func:`tui.core.names.compounds`), in lower case: one file's part of
    the corpus's evidence for line-end hyphens.  (A word broken at a line
    end, "de-" and "velop", is no such word.)"""
    from .names import compounds

    out: dict[str, int] = {}
    low = text.lower()
    if "-" in low:
        for w in _hyphenated_words(low):
            out[w] = out.get(w, 0) + 1
    joined = compounds()
    for w in _ASCII_WORD.findall(low):
        if w in joined:
            out[w] = out.get(w, 0) + 1
    return out


# (Every compound has five letters or more: shorter words are not looked up.)
_ASCII_WORD = re.compile(r"[a-z]{5,}")


def _hyphenated_words(low: str) -> list[str]:
    """The hyphenated words of a lower-case text: letters, hyphen, letters
    ("team-mates", "well-to-do"), between spaces or punctuation.  Found from
    each hyphen outwards: a pattern tried at every letter took a third of
    the time of cleaning a text."""
    out = []
    n = len(low)
    i = low.find("-")
    while i != -1:
        j = i
        while j > 0 and "a" <= low[j - 1] <= "z":
            j -= 1
        m = _LETTERS_AND_HYPHENS.match(low, i + 1) if j < i else None
        if m is None:
            i = low.find("-", i + 1)
            continue
        end = m.end()
        if (j == 0 or not (low[j - 1].isalnum() or low[j - 1] == "-")) and (
            end == n or not (low[end].isalnum() or low[end] == "-")
        ):
            out.append(low[j:end])
        i = low.find("-", end)
    return out


_LETTERS_AND_HYPHENS = re.compile(r"[a-z]+(?:-[a-z]+)*")


def corpus_answer(counts: dict[str, int], form: str) -> int:
    """What the corpus says of a compound broken at a line end ("team-mates"):
    1 it writes the hyphen more often, -1 the word whole more often, 0 neither."""
    h = counts.get(form, 0)
    j = counts.get(form.replace("-", ""), 0)
    return (h > j) - (j > h)


class Vocabulary:
    """Word counts of one document, used as evidence for line-end repair.

    Counts come only from words that sit whole inside a line, so a broken
    word ("de-" / "velop", "fac" / "tor") never votes for itself.

    ``corpus`` is the whole corpus's :func:`hyphen_census`, summed: a
    compound the corpus writes with its hyphen keeps it at a line end.
    What was asked of it, and its answer, goes to ``asked`` (a cleaned text
    depends on these answers: the cache keeps them to know when it is stale).
    """

    def __init__(self, text: str, corpus: dict[str, int] | None = None) -> None:
        self._text = text
        self.corpus = corpus
        self.asked: dict[str, int] = {}
        self._words: Counter[str] | None = None
        self._hyphenated: Counter[str] | None = None
        self._lost: int | None = None

    def _count(self) -> None:
        words: Counter[str] = Counter()
        hyphenated: Counter[str] = Counter()
        for line in self._text.lower().split("\n"):
            parts = line.split(None, 1)
            if len(parts) < 2:
                continue
            inner = parts[1].rsplit(None, 1)
            if len(inner) < 2:
                continue
            words.update(WORD.findall(inner[0]))
            if "-" in inner[0]:
                hyphenated.update(_HYPHENATED.findall(inner[0]))
        self._words, self._hyphenated = words, hyphenated

    @property
    def words(self) -> Counter[str]:
        if self._words is None:
            self._count()
        return self._words  # type: ignore[return-value]

    @property
    def hyphenated(self) -> Counter[str]:
        if self._hyphenated is None:
            self._count()
        return self._hyphenated  # type: ignore[return-value]

    def has(self, word: str) -> bool:
        return self.words.get(word.lower(), 0) > 0

    @property
    def lost_hyphens(self) -> int:
        """Line breaks in the document that split a word with no hyphen."""
        if self._lost is None:
            lines = [ln.strip() for ln in self._text.split("\n")]
            self._lost = sum(
                1
                for a, b in zip(lines, lines[1:])
                if a and b and _clear_bare_split(_last_token(a), _first_token(b), self)
            )
        return self._lost

    def is_word(self, word: str, floor: int = 0) -> bool:
        """A word of its own: written whole in the document, or English at
        least this common (by default, common)."""
        low = word.lower()
        return self.words.get(low, 0) > 0 or _zipf(low) >= (floor or _HALF_ZIPF)


# Endings that are no word of their own: "persist-/ing" is one word even
# though "ing" is listed as common English (it is written alone as a suffix).
_SUFFIXES = frozenset(
    "s es ed d ing ings er ers est ly ment ments ness tion tions sion sions ity "
    "ities al ial ance ence ous ive able ible ful less ize ise ized ised ship ism "
    "ist ists ure ures ate ated ation ations ency ancy ic ical ary ory ling lings".split()
)


def join_hyphenated(left: str, right: str, vocab: Vocabulary) -> str:
    """Decide how ``left-`` at a line end and ``right`` on the next line join.

    ``left`` is the token before the hyphen (it may itself hold hyphens, as
    in "Sino-Ger"), ``right`` the first token of the next line.  Returns the
    joined token, with or without the hyphen.  Evidence in order of trust:
    how the document writes the word, then the corpus, then general
    English word frequencies, then the shape of the parts.
    """
    part = left.rsplit("-", 1)[-1]
    h = _TRAILING_LETTERS.search(part)
    m = WORD.match(right)
    if h is None or m is None or h.start() and part[h.start() - 1].isalnum():
        return f"{left}-{right}"  # "25-/year-old", "4bn-/euro": a number before the hyphen keeps it
    head, tail = h.group(0), m.group(0)
    keep, join = f"{left}-{right}", left + right
    joined = (head + tail).lower()
    cj = vocab.words.get(joined, 0)
    ch = vocab.hyphenated.get(f"{head}-{tail}".lower(), 0)
    if ch != cj:
        return keep if ch > cj else join
    if vocab.corpus is not None:
        form = f"{head}-{tail}".lower()
        if form.isascii():
            said = vocab.asked[form] = corpus_answer(vocab.corpus, form)
            if said:
                # The corpus writes "team-mates", "semi-final"; "worldwide", "ongoing".
                return keep if said > 0 else join
    zipf = _zipf(joined)
    if zipf >= _COMMON_JOINED:
        return join
    if tail[0].isupper() and not tail.isupper():
        return keep  # "Hewlett-/Packard", "Sino-/British"
    tail_word = tail.lower() not in _SUFFIXES and vocab.is_word(tail)
    if head[0].isupper() and not head.isupper():
        # "London-/based", "Oscar-/winning"; a name broken by syllables ("Bar-/rick") ends in no
        # word, and one ending in a word begins with none ("Blax-/land").
        from .names import listed_name

        return keep if tail_word and not zipf and (vocab.is_word(head) or listed_name(head.lower())) else join
    if tail_word and vocab.is_word(head):
        return keep  # "so-/called", "two-/thirds", "pre-/tax"
    return join


_TRAILING_LETTERS = re.compile(r"[^\W\d_]+$")


def _bare_split(last: str, first: str, vocab: Vocabulary, misread: bool = False,
                unknown_half: bool = False) -> tuple[str, bool] | None:
    """Two tokens a line break parts that may be one word: (the word they
    make, whether each is a word of its own), or None if they cannot be.

    ``last`` may be a compound whose last part is the broken word
    ("to-mor" / "row").  With ``misread``, a whole that is no word but one
    OCR misreading away from a common word counts as that word ("do" /
    "vices" is "devices"); with ``unknown_half``, so it does where a half
    is no word any list knows ("pic" / "turo"), while "in" / "eluding",
    two words, stays so.
    """
    m = WORD.match(first)
    if m is None or not last[-1:].islower() or not first[:1].islower():
        return None
    if not last.isalpha():
        d = _AFTER_DASH.search(last)
        if d is None or len(d.group(1)) < 2:
            return None
        last = d.group(1)
    rest = first[m.end() :]
    if rest and (rest[0].isalnum() or rest[0] in "-'’"):
        return None
    word = m.group(0)
    joined = (last + word).lower()
    # Rarer words count here ("a" / "rousing", "bona" / "fide"); a suffix never does ("govern" / "ment").
    # (A suffix after one of English's commonest words is a word after all: "not" / "able".)
    words = (word.lower() not in _SUFFIXES or _zipf(last.lower()) >= _FUNCTION_WORD_ZIPF) and vocab.is_word(
        last, _BARE_HALF_ZIPF) and vocab.is_word(word, _BARE_HALF_ZIPF)
    if not (vocab.has(joined) or _zipf(joined) >= _WORD_ZIPF):
        # A guessed word never outweighs two real ones ("he" / "came" is not "became").
        guess = misread or unknown_half and not (vocab.is_word(last, _WORD_ZIPF) and vocab.is_word(word, _WORD_ZIPF))
        read = _misread_word(joined) if guess and not words else None
        if read is None or _misread_common(last.lower()):
            return None
        joined = read
    return joined, words


_AFTER_DASH = re.compile(r"[-–—]([^\W\d_]+)$")

# Letters OCR commonly takes for one another, by their shapes in print
# (one way each: what was printed -> what the OCR may have read).
_MISREADS = {
    "o": "ec", "e": "oc", "c": "eo", "i": "lt", "l": "it", "t": "lif", "f": "t",
    "n": "u", "u": "n", "a": "o", "h": "b", "b": "h",
}
_MISREAD_PAIRS = (("rn", "m"), ("m", "rn"), ("li", "h"), ("ii", "n"), ("in", "m"), ("cl", "d"), ("vv", "w"))
_MISREAD_ZIPF = 40  # only a common word is worth a guess
_ANY_MISREAD_LEN = 8
_LONGEST_WORD = 40
_TWO_MISREADS_LEN = 7
_TWO_MISREADS_ZIPF = 30


def _misread_word(text: str) -> str | None:
    """The common word ``text`` is, if OCR misread one letter (or pair) of
    it, or two letters of a long word."""
    if not 6 <= len(text) <= _LONGEST_WORD:
        return None  # short words have too many neighbours; a longer run is no word
    best, best_z = None, _MISREAD_ZIPF - 1
    for cand in _misreadings(text):
        z = _zipf(cand)
        if z > best_z:
            best, best_z = cand, z
    if best is None and len(text) >= _TWO_MISREADS_LEN:
        # Old print often blurs two letters of a long word ("om" / "ployod"):
        # up to two misread letters, if they make a word in use.
        best_z = _TWO_MISREADS_ZIPF - 1
        for cand in _common_by_shape().get(text.translate(_SHAPES), ()):
            wrong = [(a, b) for a, b in zip(text, cand) if a != b]
            if len(wrong) <= 2 and all(b in _MISREADS.get(a, "") for a, b in wrong) and _zipf(cand) > best_z:
                best, best_z = cand, _zipf(cand)
    if best is None and len(text) >= _ANY_MISREAD_LEN:
        # A long word has few neighbours: any one letter misread will do
        # ("commonwialth"), if only one common word is that near.
        near = _long_common_words()
        common = {w for i in range(len(text)) for w in near.get(text[:i] + "?" + text[i + 1 :], ())}
        common.discard(text)
        if len(common) == 1:
            best = common.pop()
    return best


def _shapes() -> dict[int, str]:
    """Each letter of :data:`_MISREADS` to one letter of all those it may be
    taken for, or taken for, in turn ("o", "e", "c", "a" are one shape)."""
    group = {ch: {ch} for pair in _MISREADS.items() for ch in pair[0] + pair[1]}
    for seen, meant in _MISREADS.items():
        for ch in meant:
            merged = group[seen] | group[ch]
            for m in merged:
                group[m] = merged
    return {ord(ch): min(g) for ch, g in group.items()}


_SHAPES = _shapes()


@cache
def _common_by_shape() -> dict[str, tuple[str, ...]]:
    """The words in use (:data:`_TWO_MISREADS_ZIPF`) of :data:`_TWO_MISREADS_LEN`
    letters or more, by their letters' shapes: "employed" and "omployod" alike."""
    from .names import word_zipf

    out: dict[str, tuple[str, ...]] = {}
    for w in word_zipf():
        if len(w) >= _TWO_MISREADS_LEN and _zipf(w) >= _TWO_MISREADS_ZIPF:
            k = w.translate(_SHAPES)
            out[k] = (*out.get(k, ()), w)
    return out


def _misread_common(half: str) -> bool:
    """A half that is no word but one of English's commonest, misread
    ("samo" / "time" is "same time", not "sometime")."""
    return _zipf(half) < _BARE_HALF_ZIPF and any(_zipf(c) >= _VERY_COMMON_ZIPF for c in _misreadings(half))


def _misreadings(text: str) -> Iterator[str]:
    """What ``text`` may have been printed as, one misread letter (or pair) apart."""
    for i, ch in enumerate(text):
        for r in _MISREADS.get(ch, ""):
            yield text[:i] + r + text[i + 1 :]
    for seen, meant in _MISREAD_PAIRS:
        k = text.find(seen)
        while k >= 0:
            yield text[:k] + meant + text[k + len(seen) :]
            k = text.find(seen, k + 1)


@cache
def _long_common_words() -> dict[str, tuple[str, ...]]:
    """The common words (:data:`_MISREAD_ZIPF`) of :data:`_ANY_MISREAD_LEN`
    letters or more, by each of their letters made a "?": "commonw?alth"."""
    from .names import word_zipf

    out: dict[str, tuple[str, ...]] = {}
    for w in word_zipf():
        if len(w) >= _ANY_MISREAD_LEN and _zipf(w) >= _MISREAD_ZIPF:
            for i in range(len(w)):
                k = w[:i] + "?" + w[i + 1 :]
                out[k] = (*out.get(k, ()), w)
    return out


def _clear_bare_split(last: str, first: str, vocab: Vocabulary) -> bool:
    """A broken word with no hyphen beyond doubt: the whole is a word, a half is not."""
    split = _bare_split(last, first, vocab)
    return split is not None and not split[1]


def _bare_split_joins(last: str, first: str, split: tuple[str, bool] | None, vocab: Vocabulary) -> bool:
    """OCR often drops the hyphen of a broken word ("fac" / "tor").

    Join only when the whole word is one the document uses elsewhere, or an
    English word, and either a half is no word of its own or — in a page
    that has lost its hyphens — the whole is far more common than the two
    words side by side would be ("be" / "fore", but not "in" / "to").
    ``split`` is :func:`_bare_split`'s answer, misreadings allowed.
    """
    if split is None:
        return False
    joined, both_words = split
    if not both_words:
        return True
    if vocab.lost_hyphens < _LOST_HYPHENS:
        return False  # "per" / "cent", "clamp" / "down": two words on a page that keeps its hyphens
    # Zipf values are logarithms (tenths): two words side by side, taken as
    # independent, are as common as the sum of theirs less 9 (per billion).
    word = WORD.match(first).group(0)  # type: ignore[union-attr]
    d = _AFTER_DASH.search(last)
    head = d.group(1) if d else last
    za, zb = _zipf(head.lower()), _zipf(word.lower())
    # A function word keeps company far above chance ("not able"): ten times more margin.
    margin = _JOIN_MARGIN + (10 if max(za, zb) >= _FUNCTION_WORD_ZIPF else 0)
    return _zipf(joined) - (za + zb - 90) >= margin


def _lost_compound_hyphen(last: str, first: str, split: tuple[str, bool] | None, vocab: Vocabulary) -> bool:
    """On a page whose OCR dropped its hyphens, two words a line break
    parts that make a word ("to" / "night") are that compound with its
    hyphen where the document, or else the corpus, writes it so more often
    than whole ("to-night" in a paper of 1900).  ``split``: as for
    :func:`_bare_split_joins` (two words are never a misreading)."""
    if vocab.lost_hyphens < _LOST_HYPHENS:
        return False
    if split is None or not split[1] or not last.isalpha():
        return False
    form = f"{last}-{WORD.match(first).group(0)}".lower()  # type: ignore[union-attr]
    h, j = vocab.hyphenated.get(form, 0), vocab.words.get(split[0], 0)
    if h != j:
        return h > j
    if vocab.corpus is None or not form.isascii():
        return False
    said = vocab.asked[form] = corpus_answer(vocab.corpus, form)
    return said > 0


# Ten times likelier whole than as two words: on a page that drops its
# hyphens about one line break in eight parts a word, so a whole word has
# to be some eight times commoner than the pair to be the better guess.
_JOIN_MARGIN = 10
_BARE_HALF_ZIPF = 30
# English's commonest words ("not", "it", "do", "her"): function words, never a
# stem a suffix is written onto.
_FUNCTION_WORD_ZIPF = 60
_VERY_COMMON_ZIPF = 55  # "same", "were", "there": a misreading of one is likelier than a rare word
# Line breaks that split a word with no hyphen ("govern" / "ment") before a
# document counts as one whose OCR dropped them.
_LOST_HYPHENS = 3


# --------------------------------------------------------------------------
# Reflow
# --------------------------------------------------------------------------

_SPACES = re.compile(r" {2,}")
_ENDS_SENTENCE = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
_STARTS_LOWER = re.compile(r"""^["'“‘(]*[^\W\d_A-Z]""")


def ends_sentence(text: str) -> bool:
    return bool(_ENDS_SENTENCE.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    m = _STARTS_LOWER.match(text.lstrip())
    return m is not None and m.group(0)[-1].islower()


def _last_token(a: str) -> str:
    i = a.rfind(" ", max(0, len(a) - 200))
    return a[i + 1 :]


def _first_token(b: str) -> str:
    i = b.find(" ", 0, 200)
    return b if i < 0 else b[:i]


def _join_parts(a: str, b: str, vocab: Vocabulary) -> tuple[str, str]:
    """How a line break between ``a`` and ``b`` is mended: (new end of ``a``, glue).

    Only the last token of ``a`` and the first of ``b`` are looked at, so
    joining many lines stays linear.
    """
    if a.endswith("-") and not a.endswith("--") and len(a) > 1 and a[-2].isalnum():
        left = _last_token(a[:-1])
        right = _first_token(b)
        joined = join_hyphenated(left, right, vocab)
        if joined == left + right:
            return a[:-1], ""
        return a, ""
    last, first = _last_token(a), _first_token(b)
    # A page that keeps its hyphens is read as written, but for a half no word list knows.
    split = _bare_split(last, first, vocab, misread=vocab.lost_hyphens >= _LOST_HYPHENS, unknown_half=True)
    if _lost_compound_hyphen(last, first, split, vocab):
        return a + "-", ""  # "to" / "night" in a corpus that writes "to-night"
    if _bare_split_joins(last, first, split, vocab):
        return a, ""
    if len(last) > 2 and last[-1] in _HYPHEN_STANDINS and len(first) > 1 and _clear_bare_split(last[:-1], first, vocab):
        return a[:-1], ""  # OCR read the hyphen as another mark: "commence'" / "ment"
    return a, " "


# (Not a comma: "country," / "s" is more often a comma than a hyphen.)
_HYPHEN_STANDINS = frozenset(".;:'’«»¬~^*_=•·")


def join_lines(a: str, b: str, vocab: Vocabulary) -> str:
    """Join two pieces of one paragraph that a line break separated."""
    a = a.rstrip()
    b = b.lstrip()
    if not a:
        return b
    if not b:
        return a
    head, glue = _join_parts(a, b, vocab)
    return head + glue + b


def reflow(lines: Iterable[str], vocab: Vocabulary) -> str:
    """Join the hard-wrapped lines of one block into one paragraph."""
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if "  " in line:  # (most lines have no run of spaces: no pattern to run)
            line = _SPACES.sub(" ", line)
        if not line:
            continue
        if parts:
            head, glue = _join_parts(parts[-1], line, vocab)
            parts[-1] = head
            if glue:
                parts.append(glue)
        parts.append(line)
    return "".join(parts)


# Words that begin a sentence and that OCR case damage leaves in lower case
# ("the leading technology firm ...").  Only these get their capital back:
# a lower-case brand ("orbbec", "iPod") is left as it is.
_SENTENCE_STARTERS = frozenset(
    """a an the this that these those it its he she they we there here
    in on at under over after before during since until for with without
    by from to as but and or so yet if when while although though some
    many most one two three four five six seven eight nine ten all both
    each every another other such according meanwhile however also its
    their his her our no not only more less last next first new""".split()
)
# A sentence start: the text's or a paragraph's start, or a word after a full
# stop (not "..", " ." or "e.g.": checked per match, see _after_abbreviation).
_START = re.compile(r"""(?:\A|\n\s*\n|(?<=[.!?])\s+)(["“‘(]?)([^\W\d_]+)""")
# Words a full stop shortens rather than ends a sentence after: "Mr. and
# Mrs.", "4s. 7d.", "p.m.", "Jan.", and any single letter (an initial).
_ABBREVIATIONS = frozenset(
    """mr mrs messrs ms mme mlle dr st no nos vol co jr sr esq rev hon gen col capt lt
    sgt maj prof gov sen rep vs etc viz cf jan feb mar apr jun jul aug sep sept oct
    nov dec mon tue tues wed thu thur thurs fri sat sun""".split()
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+|\d+[^\W\d_]*)([.!?]*)\s*$")


def _after_abbreviation(text: str, i: int) -> bool:
    """True if the full stop ending ``text[:i]`` (spaces aside) shortens a word."""
    head = text[max(0, i - 40) : i].rstrip()
    if not head.endswith("."):
        return False
    if head.endswith(".."):
        return True  # an ellipsis carries a sentence on
    m = _WORD_BEFORE.search(head)
    if m is None:
        return True
    word = m.group(1)
    before = head[: m.start()]
    return (
        len(word) == 1  # an initial, "s." or "d." of a sum
        or word.lower() in _ABBREVIATIONS
        or word[0].isdigit()  # "7d.", "4s."
        or before.endswith(".") and len(before) >= 2 and before[-2].isalpha()  # "p.m.", "U.S."
    )


def _sentence_starts(text: str):
    """(match, word) for each sentence start of ``text``, abbreviations aside."""
    for m in _START.finditer(text):
        if m.start() and text[m.start()] not in "\n" and _after_abbreviation(text, m.start()):
            continue
        yield m


def has_case_damage(text: str) -> bool:
    """Evidence that OCR lower-cased sentence starts throughout a document.

    Many sentences must start in lower case — at least three, and a quarter
    of all starts — before any is repaired: one odd start is an author's
    choice or an abbreviation, not damage.
    """
    # Most texts have fewer than three lower-case starts of any kind: say so
    # without finding every sentence start.
    few = 0
    for m in _LOWER_AFTER_STOP.finditer(text):
        if m.group(1) in _SENTENCE_STARTERS:
            few += 1
            if few >= 3:
                break
    else:
        return False
    starts = lower = 0
    for m in _sentence_starts(text):
        starts += 1
        word = m.group(2)
        if word[0].islower() and word in _SENTENCE_STARTERS:
            lower += 1
    return lower >= 3 and lower >= _DAMAGED_SHARE * starts


_DAMAGED_SHARE = 0.25
_LOWER_AFTER_STOP = re.compile(r"(?:\A|[.!?]\s+|\n\s*\n)[\"“‘(]?([a-z]+)\b")


def restore_sentence_case(paragraph: str) -> str:
    """Capitalise a sentence start that OCR left in lower case."""
    out: list[str] = []
    last = 0
    for m in _sentence_starts(paragraph):
        word = m.group(2)
        if word[0].islower() and word in _SENTENCE_STARTERS:
            i = m.start(2)
            out.append(paragraph[last:i])
            out.append(word[0].upper())
            last = i + 1
    out.append(paragraph[last:])
    return "".join(out)


def join_drop_cap(blocks: list[list[str]]) -> list[list[str]]:
    """Rejoin a detached drop cap: a lone letter, then "he International ..."."""
    out: list[list[str]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if (
            len(block) == 1
            and len(block[0].strip()) == 1
            and block[0].strip().isalpha()
            and i + 1 < len(blocks)
            and blocks[i + 1]
            and blocks[i + 1][0][:1].islower()
        ):
            nxt = list(blocks[i + 1])
            nxt[0] = block[0].strip().upper() + nxt[0].lstrip()
            out.append(nxt)
            i += 2
            continue
        if len(block) >= 2 and len(block[0].strip()) == 1 and block[0].strip().isalpha() and block[1][:1].islower():
            merged = [block[0].strip().upper() + block[1].lstrip(), *block[2:]]
            out.append(merged)
            i += 1
            continue
        out.append(block)
        i += 1
    return out


def split_blocks(lines: Sequence[str]) -> list[list[str]]:
    """Group lines into blocks separated by blank lines."""
    blocks: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if line.strip():
            cur.append(line.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def paragraphs_from_blocks(blocks: list[list[str]], vocab: Vocabulary, restore_case: bool = False) -> list[str]:
    """Reflow blocks into paragraphs, joining blocks a blank line split mid-sentence."""
    paras: list[str] = []
    for block in join_drop_cap(blocks):
        text = reflow(block, vocab)
        if not text:
            continue
        if paras and not ends_sentence(paras[-1]) and (
            starts_lower(text) or paras[-1].endswith("-")
        ):
            paras[-1] = join_lines(paras[-1], text, vocab)
        else:
            paras.append(text)
    if restore_case:
        return [restore_sentence_case(p) for p in paras]
    return paras


def clean_text(text: str) -> str:
    """Clean free text: normalise, drop furniture, reflow into paragraphs.

    Paragraphs are joined by one blank line.  Cleaning is idempotent:
    ``clean_text(clean_text(x)) == clean_text(x)``.
    """
    result = text
    for _ in range(4):
        nxt = _clean_once(result)
        if nxt == result:
            break
        result = nxt
    return result


def _clean_once(text: str) -> str:
    text = normalize(text)
    vocab = Vocabulary(text)
    blocks = []
    for block in split_blocks(text.split("\n")):
        if is_menu_block(block):
            continue
        kept = [ln for ln, furniture in zip(block, furniture_flags(block)) if not furniture]
        if kept:
            blocks.append(kept)
    return "\n\n".join(paragraphs_from_blocks(blocks, vocab, has_case_damage(text)))
