"""Votes for a candidate name's kind: person, organisation or place.

Two sources, each a vote and never a verdict (Jackson, Phoenix, Chelsea and
Newcastle are people, cities and clubs):

* :func:`surface_votes` — what the words themselves say, looked up in the
  gazetteers (given names, surnames, places, common English words) and in
  the head and suffix words of organisations and places;
* :func:`context_votes` — what the text around a mention says: "said X",
  "X, 34,", "X, a spokesman for Y", "in X", "shares in X", a line of a
  results table.

Votes are small integers; the corpus pass adds them up over every mention of
a name, so a name's kind is decided by all its uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon import (
    FIELD_WORDS,
    ORG_HEADS,
    ORG_SUFFIXES,
    ORGS,
    PLACE_SUFFIXES,
    PLACES,
    ROLES_AFTER,
    DEMONYMS,
    SURNAMES,
    TITLES,
)
from . import demonyms, given_names, places, surnames, word_zipf

PERSON, ORG, PLACE = 0, 1, 2

# Zipf frequency (tenths) from which a word is common English: "reading",
# "mobile", "young" (55), "white" (56); most surnames and towns are rarer.
COMMON_WORD = 45
# People in 100,000 with a name from which it counts as a person's name.
_NAME_FLOOR = 1

_PLACE_WEIGHT = {"K": 4, "C": 4, "R": 3}
_SPLIT_SUFFIXES = ORG_SUFFIXES | PLACE_SUFFIXES


def place_weight(name: str) -> int:
    """How strongly the gazetteer says ``name`` (lower case) is a place: 0–4."""
    hit = places().get(name)
    if hit is None:
        return 3 if name in PLACES else 0
    kind, pop = hit
    w = _PLACE_WEIGHT.get(kind) or (3 if pop >= 1_000_000 else 2 if pop >= 100_000 else 1)
    if kind in "KC" or " " in name:
        return w
    # A town that is also a common word or a common name is a weaker vote.
    if word_zipf().get(name, 0) >= COMMON_WORD or name in PLACES:
        w -= 1 if name not in PLACES else 0
    if surnames().get(name, 0) >= 20 or given_names().get(name, 0) >= 20:
        w -= 1
    return max(w, 1 if kind == "R" else 0)


def is_demonym(low: str) -> bool:
    """A nationality or a place's people: "australian", "west indian",
    "minnesotan" (a place's name with -n, -an, -ian, -ese or -i added)."""
    if low in demonyms() or low in DEMONYMS:
        return True
    if len(low) < 5 or " " in low:
        return False
    table = places()
    for cut, add in _DEMONYM_ENDINGS:
        if low.endswith(cut):
            hit = table.get(low[: len(low) - len(cut)] + add)
            if hit is not None and hit[0] in "KCR":
                return True
    return False


# "Minnesotan" = "Minnesota" + "n"; "Brazilian" = "Brazil" + "ian"; "Italian" = "Ital" + "y".
_DEMONYM_ENDINGS = (("n", ""), ("an", ""), ("ian", ""), ("ian", "y"), ("ian", "ia"), ("ese", ""), ("ese", "a"), ("i", ""))


def is_given_name(low: str) -> bool:
    return given_names().get(low, 0) >= _NAME_FLOOR and word_zipf().get(low, 0) < 55


_COMPASS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern western "
    "central upper lower greater inner outer mid".split()
)
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")


def _is_initial(word: str) -> bool:
    """"J." or "J": an initial of a given name."""
    return len(word.rstrip(".")) == 1 and word[:1].isupper()


def surface_votes(words: Sequence[str]) -> list[int]:
    """Person, org and place votes for a run of capitalised ``words``
    (possessives already dropped)."""
    votes = [0, 0, 0]
    lows = [w.lower() for w in words]
    name = " ".join(lows)
    pw = place_weight(name)
    if len(lows) > 1:  # "Salomon Bros.", "Acme Inc.": suffixes are looked up without their stops
        lows = [w.rstrip(".") for w in lows]
    votes[PLACE] += pw
    if name in ORGS:
        votes[ORG] += 3
    zipf = word_zipf()
    if len(lows) > 1:
        has_suffix = any(w in _SPLIT_SUFFIXES for w in lows)
        if lows[-1] in ORG_SUFFIXES or lows[0] in ORG_HEADS:
            votes[ORG] += 3
        if lows[-1] in PLACE_SUFFIXES and lows[-1] not in ORG_SUFFIXES:
            votes[PLACE] += 2
        elif lows[0] in _COMPASS and place_weight(" ".join(lows[1:])) >= 2:
            votes[PLACE] += 3  # "East China", "Northern Ireland"
        if " of " in f" {name} " and any(w in ORG_HEADS for w in lows):
            votes[ORG] += 3
        elif any(w in ORG_SUFFIXES for w in lows[1:]):
            votes[ORG] += 1
        if not has_suffix and not pw and len(lows) <= 4:
            _person_votes(words, lows, votes, zipf)
    else:
        w = words[0]
        low = lows[0]
        if w.isupper() and 2 <= len(w) <= 6:
            if zipf.get(low, 0) < COMMON_WORD:  # "NOTICE" and "SALE" head a page of capitals
                votes[ORG] += 1
        elif any(ch.isupper() for ch in w[1:]) and not w.isupper() and not w.startswith(("Mc", "Mac", "O'", "O’")):
            votes[ORG] += 1  # "SenseTime", "eBay"
        elif low.rstrip(".") in TITLES:
            pass  # "Chancellor", "Mayor" alone name nobody
        elif not pw and (zipf.get(low, 0) < 40 or surnames().get(low, 0) >= 10):
            if low in SURNAMES or surnames().get(low, 0) >= _NAME_FLOOR or is_given_name(low):
                votes[PERSON] += 1
    return votes


def _person_votes(words: Sequence[str], lows: list[str], votes: list[int], zipf: dict[str, int]) -> None:
    """A run of two to four capitalised words with no organisation or place
    word in it: a person's name when its first word is a given name (or an
    initial) or its last a surname; weakly so when none of its words is a
    common English word."""
    first, last = lows[0], lows[-1]
    mixed = not all(w.isupper() for w in words)
    for k, (w, low) in enumerate(zip(words, lows)):
        if mixed and w.isupper() and low not in SURNAMES and surnames().get(low, 0) < _NAME_FLOOR and not _ROMAN.match(w) and not _is_initial(w):
            return  # "CITIC Pacific", "Sino-Germany AI"; "XU Wenguang" is a person, "Charles VI" too
        if is_given_name(low) or _is_initial(w):
            continue
        if is_demonym(low) or (k < len(lows) - 1 and place_weight(low) >= 2):
            return  # "Far Eastern", "Hong Kong Open", "Seattle Mariners"
    if len(lows) > 2 and place_weight(" ".join(lows[:2])) >= 3:
        return
    if first not in SURNAMES or len(lows) > 3:  # Chinese given names are often English words: "Quan Long"
        for low in lows[1:]:
            if zipf.get(low, 0) >= COMMON_WORD and surnames().get(low, 0) < 10 and not is_given_name(low):
                return  # "Santa Through", "Gravel Pit": a common word is no part of a name
    if first in _COMPASS or place_weight(last) >= 4 and not is_given_name(first):
        return  # "East China", "Southeast China"
    given = is_given_name(first) or _is_initial(words[0]) or first in SURNAMES
    family = surnames().get(last, 0) >= _NAME_FLOOR or last in SURNAMES
    if given and family:
        votes[PERSON] += 3
    elif given or (family and len(lows) == 2 and lows[1] in SURNAMES):
        votes[PERSON] += 2
    elif family:
        votes[PERSON] += 1
    elif all(zipf.get(w, 0) < COMMON_WORD for w in lows) and all(w[:1].isupper() for w in words):
        votes[PERSON] += 1
    if any(w in FIELD_WORDS for w in lows):
        votes[PERSON] = 0


# --------------------------------------------------------------------------
# Context
# --------------------------------------------------------------------------

_ROLE_AFTER = re.compile(r"^,\s+(?:the\s+|a\s+|an\s+|its\s+|former\s+|vice\s+|deputy\s+|chief\s+|executive\s+|then\s+)*([a-z-]+)")
_AGE_AFTER = re.compile(r"^,\s+(?:aged\s+)?\d{1,2},")
_SAID_AFTER = re.compile(r"^\s+(?:said|says|told|added|explained|noted|wrote|argued|admitted|insisted|warned|replied)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|according\s+to)\s+$")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|from|to|across|into|throughout|around)\s+$")
_ORG_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:shares|stock|spokesman|spokeswoman|spokesperson|chairman|chief\s+executive|"
    r"executives|board|shareholders|subsidiary|unit)\b"
)
_ORG_BEFORE = re.compile(r"\b(?:shares\s+in|shares\s+of|stake\s+in|spokesman\s+for|spokeswoman\s+for|"
                         r"chairman\s+of|director\s+of|employees\s+of|subsidiary\s+of|stake\s+in)\s+$")
# A line of a results table or a fixture list: a name, then numbers ("Barnsley 3 3 0 0 8 2 9").
_TABLE_AFTER = re.compile(r"^(?:\s+[-+]?\d+(?:[.,]\d+)?){2,}\s*(?:$|\n)")
_SCORE_AFTER = re.compile(r"^\s+\d{1,3}\s+[A-Z]")
_SCORE_BEFORE = re.compile(r"[A-Za-z.)]\s+\d{1,3}\s+$")
# A fixture: "KANSAS CITY AT DETROIT", "Celtic v Rangers" alone on a line.
_FIXTURE = re.compile(r"^[A-Z][\w.'’ -]{0,40}\s(?:at|v|vs\.?|AT|V|VS)\s+[A-Z][\w.'’ -]{0,40}$")


# What a name is called next to it: "the band Blues Traveler", "Footscray, a
# suburb of", "the city of Lausanne", "Paper Mate is a brand of".
_ORG_NOUNS = (
    "band|group|company|firm|club|team|side|label|newspaper|paper|magazine|journal|party|network|station|"
    "channel|broadcaster|agency|bank|airline|carrier|university|school|college|academy|studio|studios|"
    "publisher|brand|league|orchestra|duo|trio|quartet|ensemble|manufacturer|maker|retailer|chain|"
    "organisation|organization|charity|foundation|institute|museum|association|union|federation|ministry|"
    "council|committee|court|church|hospital|franchise|operator|conglomerate|corporation|subsidiary|"
    "outfit|supergroup|choir|department|newspapers|tabloid|daily|weekly|website|startup|insurer|lender"
)
_PLACE_NOUNS = (
    "city|town|village|hamlet|county|river|lake|mountain|island|islands|region|province|state|suburb|"
    "neighbourhood|neighborhood|district|municipality|parish|country|capital|borough|township|commune|"
    "valley|peninsula|port|settlement|community|area|locality|bay|creek|reservoir|park|desert|sea"
)
_PERSON_NOUNS = (
    "singer|actor|actress|politician|player|footballer|cricketer|writer|author|novelist|painter|artist|"
    "musician|composer|poet|lawyer|businessman|businesswoman|journalist|priest|bishop|general|officer|"
    "scientist|physicist|chemist|economist|historian|philosopher|architect|director|producer|guitarist|"
    "drummer|bassist|rapper|boxer|golfer|cyclist|athlete|swimmer|coach|manager|striker|midfielder|"
    "defender|goalkeeper|pitcher|quarterback|son|daughter|wife|husband|brother|sister|father|mother|"
    "widow|teacher|professor|student|engineer|inventor|explorer|soldier|king|queen|emperor|saint|"
    "minister|president|senator|governor|mayor|judge|diplomat|activist|leader|founder|chairman|entrepreneur"
)
_TYPE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|fellow|rival)\s+(?:[a-z][\w-]*\s+){0,2}?(?:(" + _ORG_NOUNS + r")|(" + _PLACE_NOUNS + r"))\s+$")
_OF_BEFORE = re.compile(r"\b(?:the\s+)?(?:(?:city|town|village|county|province|state|region|island|republic|port|district|municipality|borough|kingdom|township)\s+of)\s+$")
_TYPE_AFTER = re.compile(
    r"^(?:['’]s)?,?\s+(?:(?:is|was|are|were|became|remains)\s+)?(?:a|an|the|one\s+of\s+the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:(" + _ORG_NOUNS + r")|(" + _PLACE_NOUNS + r")|(" + _PERSON_NOUNS + r"))\b"
)
_BORN_AFTER = re.compile(r"^,?\s+(?:was|is)\s+(?:born|married|elected|appointed|educated)\b|^,\s+who\b|^\s+\((?:born|b\.)\s")


_ROLE_BEFORE = re.compile(r"(?<![A-Z])\b([a-z][a-z-]+)\s+$")
_PERSON_ROLES = frozenset(_PERSON_NOUNS.split("|")) - {"general", "king", "queen", "saint", "leader"}


def _line(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)] if (end if end >= 0 else len(text)) - start <= 90 else ""


def context_votes(text: str, cands: Sequence) -> None:
    """Add the votes the text around each candidate gives (in place)."""
    for c in cands:
        after = text[c.end : c.end + 64]
        before = text[max(0, c.start - 40) : c.start]
        v = c.votes
        if after[:1] == ",":
            if _AGE_AFTER.match(after):
                v[PERSON] += 3
            else:
                m = _ROLE_AFTER.match(after)
                if m and m.group(1) in ROLES_AFTER:
                    v[PERSON] += 3
        if _SAID_AFTER.match(after) or _SAID_BEFORE.search(before):
            v[PERSON] += 2 if not (v[ORG] or v[PLACE]) else 1
        if _ORG_AFTER.match(after) or _ORG_BEFORE.search(before):
            v[ORG] += 2
        m = _TYPE_AFTER.match(after)
        if m:
            v[ORG if m.group(1) else PLACE if m.group(2) else PERSON] += 3
        m = _TYPE_BEFORE.search(before) or _OF_BEFORE.search(before)
        if m:
            v[PLACE if m.re is _OF_BEFORE or m.group(2) else ORG] += 3
        if _BORN_AFTER.match(after):
            v[PERSON] += 2
        m = _ROLE_BEFORE.search(before)
        if m and (m.group(1) in TITLES or m.group(1) in ROLES_AFTER or m.group(1) in _PERSON_ROLES):
            v[PERSON] += 3  # "computer science professor Quan Long", "striker Alan Shearer"
        line_start = c.start == 0 or text[c.start - 1] == "\n"
        if line_start and _TABLE_AFTER.match(after):
            v[ORG] += 4 if v[PLACE] < 4 else 0  # a club in a table; a country stays a place (national sides)
        elif (_SCORE_AFTER.match(after) or _SCORE_BEFORE.search(before)) and v[PLACE] < 4:
            v[ORG] += 3
        elif v[PLACE] < 4 and _FIXTURE.match(_line(text, c.start)):
            v[ORG] += 3
        elif after.startswith("-based"):
            v[PLACE] += 3
        elif _PLACE_BEFORE.search(before) and not v[PERSON]:
            v[PLACE] += 1
        if c.text.split()[0].lower().rstrip(".") in TITLES:
            v[PERSON] = max(v[PERSON], 1)
