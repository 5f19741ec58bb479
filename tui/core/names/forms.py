"""Words and their folded forms, shared by every phase of the name finder.

How a text is cut into words (:data:`WORD_RX`, :func:`word_set`), how a
name is folded to match and group its forms (:func:`fold`, :func:`squash`,
:func:`group_key`), whether a word opens a sentence (:func:`opens_sentence`),
a name's votes from its words alone (:func:`_votes_of`), and the kinds and
flags the phases share.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..lazy_re import lazy
from ..lexicon import ORG_STRIP, PLACE_STRIP
from .evidence import surface_votes


KINDS = ("person", "org", "place", "other")

_FOLD_DROP = lazy(r"[^\w ]|_")
WORD_RX = lazy(r"[^\W_]+(?:['’][^\W_]+)?")
_NON_ASCII = lazy(r"[^\x00-\x7f]")
# ASCII letters and digits kept, the apostrophe kept, every other byte a space.
_WORD_BYTES = bytes(c if chr(c).isalnum() or c == 39 else 32 for c in range(128)) + b" " * 128
_SENT_END = lazy(r"""[.!?]["'”’)\]]*\s*$""")
_ABBREV = lazy(r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|Gen|Sen|Rep|Capt|Col|Lt|Sgt|Rev|No|vs|v|Co|Inc|Ltd|Jr|Sr)|\b[A-Z])\.\s*$")


def word_set(text: str) -> set[str]:
    """``set(WORD_RX.findall(text))``, about twice as fast.

    Where every letter and digit is ASCII (other characters, "£" say, only
    part words), the words are what is left after every other character but
    the apostrophe becomes a space; only the few pieces holding an apostrophe
    go through the pattern ("rock'n'roll" is "rock'n" and "roll").
    """
    if not text.isascii():
        for c in set(_NON_ASCII.findall(text)):
            if c.isalnum() or c == "’":
                return set(WORD_RX.findall(text))
    words = set(text.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii").split())
    if "'" in text:
        odd = [w for w in words if "'" in w]
        words.difference_update(odd)
        for w in odd:
            words.update(WORD_RX.findall(w))
    return words


def fold_once(text: str) -> str:
    """Case, accents and punctuation folded away: "Zürich" → "zurich"."""
    text = text.casefold()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        if not text.isascii():
            text = text.translate(_KEPT_BY_NFKD)
    return " ".join(_FOLD_DROP.sub("", text).split())


# Latin letters that Unicode does not decompose into a letter and an accent
# (so NFKD keeps them): "Wałęsa" is "walesa", "Øresund" "oresund".
_KEPT_BY_NFKD = str.maketrans({
    "ł": "l", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i",
    "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ſ": "s", "ƒ": "f",
})


# Remembered for what is folded again and again (a query's terms, the texts
# of its hits).  A pass over a corpus's names folds each once: there
# :func:`fold_once` is used, since hundreds of thousands of names only
# churned the cache and cost more than they saved.
fold = lru_cache(maxsize=1 << 16)(fold_once)


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """``fold`` without spaces: "Deep Blue", "DeepBlue" and "Deep-Blue" agree."""
    return fold(text.replace("-", " ")).replace(" ", "")


PERSON, ORG, PLACE = 0, 1, 2


# A candidate's flags.
SENTENCE_START = 1  # it opens a sentence
DATELINE = 2  # it is where the story was filed ("ROME", of "ROME 1996-12-06"): a place, whatever else it names


_POSSESSIVES = frozenset(("'s", "’s", "'S", "’S"))


def _strip_possessive(tok: str) -> str:
    """"Hong Kong's" → "Hong Kong", "CHINA'S" → "CHINA" (a capital S only after capitals)."""
    if tok[-2:] in _POSSESSIVES and (tok[-1] == "s" or tok[:-2].isupper()):
        return tok[:-2]
    return tok


def opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` is a sentence's first (so its capital says nothing)."""
    if pos >= 2 and text[pos - 1] == " " and (text[pos - 2].isalnum() or text[pos - 2] in ",;"):
        return False  # the common case: mid-sentence, after a word or a comma
    before = text[max(0, pos - 12) : pos]
    i = pos
    while i > 0 and text[i - 1] in " \"'“‘(":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    head = text[max(0, i - 8) : i]
    if _ABBREV.search(head):
        return False
    return bool(_SENT_END.search(text[max(0, i - 3) : i])) or before.endswith(": ")


_KEY_STRIP = ORG_STRIP | PLACE_STRIP


def group_key(surface: str, folded: str | None = None) -> str:
    """The key that groups a name's forms.  ``folded``: ``fold(surface.replace("-", " "))``, if known."""
    if surface.isupper() and len(surface) <= 6:
        return "=" + surface  # acronyms keep their case: "US" is not "Us"
    if folded is None:
        folded = fold_once(surface.replace("-", " "))
    words = folded.split()
    if len(words) < 2 or words[-1] not in _KEY_STRIP:  # (folding dropped a closing stop: "Ltd.")
        return folded  # (folded text is single-spaced already)
    while len(words) > 1 and words[-1] in _KEY_STRIP:
        words.pop()
    return " ".join(words)


def _votes_of(surface: str) -> list[int]:
    return surface_votes(surface.split())
