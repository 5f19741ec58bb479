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

from collections.abc import Iterator, Sequence
from functools import lru_cache

from ..lazy_re import lazy
from ..lexicon import (
    FIELD_WORDS,
    ORG_HEADS,
    ORG_SUFFIXES,
    ORGS,
    PLACE_HEADS,
    PLACE_SUFFIXES,
    PLACES,
    ROLES_AFTER,
    DEMONYMS,
    STOPWORDS,
    SURNAMES,
    TITLES,
    WEEKDAYS_MONTHS,
)
from . import demonyms, given_names, places, surnames, word_zipf

PERSON, ORG, PLACE = 0, 1, 2

# Zipf frequency (tenths) from which a word is common English: "reading",
# "mobile", "young" (55), "white" (56); most surnames and towns are rarer.
COMMON_WORD = 45
# People in 100,000 with a name from which it counts as a person's name.
_NAME_FLOOR = 1
# ... and with a given name that vouches for a common word after it as a surname.
_COMMON_GIVEN = 300
# What opens a performer's name as part of it: "DJ Tiesto", "MC Hammer".
_STAGE_PREFIXES = frozenset(("dj", "mc"))
# Articles of other languages that open names of things ("Le Monde", "La Presse", "El Pais").
_FOREIGN_ARTICLES = frozenset("le la les el los las il lo der die das de het".split())

_PLACE_WEIGHT = {"K": 4, "C": 4, "R": 3}
_SMALL_TOWN = 15_000
_SPLIT_SUFFIXES = ORG_SUFFIXES | PLACE_SUFFIXES


@lru_cache(maxsize=1 << 15)
def place_weight(name: str) -> int:
    """How strongly the gazetteer says ``name`` (lower case) is a place: 0–4."""
    hit = places().get(name)
    if hit is None:
        # The hand list holds what the gazetteer lacks: nations of a state
        # ("England", "Wales") and regions ("Middle East", "Silicon Valley").
        return 4 if name in PLACES else 0
    kind, pop = hit
    w = _PLACE_WEIGHT.get(kind) or (3 if pop >= 1_000_000 else 2 if pop >= 100_000 else 1)
    if kind in "KC" or " " in name:
        return w
    # A town that is also a common word or a common name is a weaker vote.
    if word_zipf().get(name, 0) >= COMMON_WORD or name in PLACES:
        w -= 1 if name not in PLACES else 0
    if surnames().get(name, 0) >= 20 or given_names().get(name, 0) >= 20:
        w -= 1
    elif kind == "T" and pop < _SMALL_TOWN and (name in surnames() or name in given_names()):
        w -= 1  # a village that shares a family's name is more often the family
    return max(w, 1 if kind == "R" else 0)


@lru_cache(maxsize=1 << 14)
def is_demonym(low: str) -> bool:
    """A nationality or a place's people: "australian", "west indian",
    "minnesotan", "queenslander" (a place's name with -n, -an, -ian, -ese, -i or -er added)."""
    if low in demonyms() or low in DEMONYMS:
        return True
    if len(low) < 5 or " " in low:
        return False
    table = places()
    for cut, add in _DEMONYM_ENDINGS:
        if low.endswith(cut) and (cut != "er" or not (low in surnames() or low in given_names())):  # "Corker", "Bayer"
            hit = table.get(low[: len(low) - len(cut)] + add)
            if hit is not None and hit[0] in "KCR":
                return True
    return False


# "Minnesotan" = "Minnesota" + "n"; "Brazilian" = "Brazil" + "ian"; "Italian" = "Ital" + "y".
_DEMONYM_ENDINGS = (
    ("n", ""), ("an", ""), ("ian", ""), ("ian", "y"), ("ian", "ia"), ("ese", ""), ("ese", "a"), ("i", ""), ("er", "")
)


@lru_cache(maxsize=1 << 14)
def is_capitalised_word(word: str, head: bool = True) -> bool:
    """A word written in capitals that is only an English word ("ANALYSIS",
    "AGREEMENT"), not a name: a page of capitals names nothing with it.
    ``head``: the word would start a name (else it would continue one,
    where "UNIVERSITY" or "CITY" belong)."""
    if word.endswith(("'S", "’S")):
        word = word[:-2]
    if "-" in word:  # "CROSS-BORDER", "START-UP"; "AL-AIN" is a name
        return all(is_capitalised_word(part, head) or part in _CAPS_PARTICLES for part in word.split("-"))
    if len(word) < 2 or not word.isupper() or not word.isalpha():
        return False
    low = word.lower()
    # "POLICYMAKING", "ANALYSIS", "HAS"; "UN", "NATO" and "FIFA" are names.
    common = 29 if len(word) >= 6 else 35 if len(word) >= 4 else 55
    if word_zipf().get(low, 0) < common or low in ORGS or not head and (low in _SPLIT_SUFFIXES or low in ORG_HEADS):
        return False  # "STATE KEY LABORATORIES": a suffix word ends a name, it does not start one
    return place_weight(low) == 0 and surnames().get(low, 0) < 10 and not is_given_name(low)


_CAPS_PARTICLES = frozenset(("UP", "IN", "ON", "OFF", "OUT", "PRE", "CO", "RE"))


def is_role_before_name(lows: Sequence[str]) -> bool:
    """``lows`` (lower case, three or four words) is an English word, then
    a given name and a surname: "exchequer gordon brown", "republican bob dole"."""
    first = lows[0]
    if first in _STAGE_PREFIXES:
        return is_given_name(lows[1])  # "DJ John Peel": the role before a full name
    if is_given_name(first) or first in SURNAMES or first in STOPWORDS or len(first) < 3 or not first.isalpha():
        return False
    if word_zipf().get(first, 0) < 30 or not is_given_name(lows[1]):
        return False
    last = lows[-1]
    if last in PLACE_SUFFIXES or last in ORG_SUFFIXES or place_weight(f"{first} {lows[1]}") >= 2:
        return False  # "San Francisco Bay Area": a place's name opens with the word
    return surnames().get(last, 0) >= _NAME_FLOOR or word_zipf().get(last, 0) < 30


@lru_cache(maxsize=1 << 14)
def is_given_name(low: str) -> bool:
    """A given name (see :func:`~tui.core.names.given_names`) that is not
    mostly an English word: one borne by one or two in 100,000 must be
    rarer in English than Zipf 4.0 ("Golden", "Diamond", "Spring" are words
    first), a commoner one rarer than Zipf 5.5 ("Will" and "May" are words first)."""
    g = given_names().get(low, 0)
    return g >= _NAME_FLOOR and word_zipf().get(low, 0) < (55 if g >= 3 else 40)


COMPASS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern western "
    "central upper lower greater inner outer mid".split()
)
_ROMAN = lazy(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})\.?$")


def is_roman_numeral(word: str) -> bool:
    """"II", "XIV", "LX.": a numeral, not a name (after a name it belongs to it: "Charles VI")."""
    return bool(_ROMAN.match(word))


def is_city_given_name(low: str) -> bool:
    """A given name that is also a country's, a region's or a city's name
    ("vladimir", "kamil", "wellington"): the data counts it 0."""
    return given_names().get(low, -1) == 0


def _surname_after_city(low: str, zipf: dict[str, int]) -> bool:
    """What may follow such a name to make it a person's: a surname, or a
    word no English or place list knows well ("Putin", "Makovsky"), never a
    plural or a place's or an organisation's word ("Grizzlies", "Harbour")."""
    if place_weight(low) or is_demonym(low) or low in _SPLIT_SUFFIXES or low in FIELD_WORDS:
        return False
    if surnames().get(low, 0) >= _NAME_FLOOR or low in SURNAMES:
        return True
    return zipf.get(low, 0) < COMMON_WORD and not _is_plural(low)


def _is_initial(word: str) -> bool:
    """"J." or "J": an initial of a given name."""
    return len(word.rstrip(".")) == 1 and word[:1].isupper()


# What a military unit's name ends with after its number: "82nd Airborne
# Division", "3rd Infantry Regiment", "4 Air Defense Wing", "IV Corps".
UNITS = frozenset("""division divisions corps regiment brigade battalion squadron fleet wing army
    flotilla infantry cavalry artillery airborne marines""".split())


def surface_votes(words: Sequence[str]) -> list[int]:
    """Person, org and place votes for a run of capitalised ``words``
    (possessives already dropped)."""
    votes = [0, 0, 0]
    lows = [w.lower() for w in words]
    name = " ".join(lows)
    pw = place_weight(name)
    dotted = lows  # (places keep their stops: "st. louis")
    if len(lows) > 1:  # "Salomon Bros.", "Acme Inc.": suffixes are looked up without their stops
        lows = [w.rstrip(".") for w in lows]
    votes[PLACE] += pw
    if not pw and _compass_region(lows):
        votes[PLACE] += 3
    if name in ORGS or lows[0] in ("new", "first") and " ".join(lows[1:]) in ORGS:
        votes[ORG] += 3  # ("New Labour" is the party renamed)
    zipf = word_zipf()
    if len(lows) > 1:
        has_suffix = any(w in _SPLIT_SUFFIXES for w in lows)
        if lows[0][:1].isdigit() and lows[-1] in UNITS:
            votes[ORG] += 3  # a numbered unit
        if not pw and len(lows) > 2 and lows[1] == "of" and lows[0] in _PLACE_OF_HEADS and place_weight(
                " ".join(lows[2:])) >= 2:
            pw = 4  # (so no organisation's head word counts below)
            votes[PLACE] += 3  # "City of New Orleans", "State of Louisiana"
        if pw >= 4:
            pass  # a country's or a region's own name: "West Bank", "Russian Federation"
        elif lows[-1] in ORG_SUFFIXES or lows[0] in ORG_HEADS or _hyphen_suffix(lows[-1]):
            votes[ORG] += 3  # (and "Fort Worth Star-Telegram", "Pittsburgh Post-Gazette")
        # "Richard Hill", "James Wood": a very common given name, then a family's name that is a place's word.
        named = (len(lows) == 2 and not pw and given_names().get(lows[0], 0) >= _COMMON_GIVEN
                 and surnames().get(lows[1], 0) >= _NAME_FLOOR_COMMON)
        if named:
            pass
        elif lows[-1] in _CLUB_SUFFIXES and not pw and place_weight(" ".join(lows[:-1])) >= 2:
            votes[ORG] += 3  # "Manchester City", "Ipswich Town": a city the gazetteers know, as a side's name
        elif lows[-1] == "district" and lows[-2] in ORG_SUFFIXES:
            votes[ORG] += 3  # "Dover Area School District", a body; "Lake District" is a place
        elif lows[-1] in PLACE_SUFFIXES and lows[-1] not in ORG_SUFFIXES:
            votes[PLACE] += 2
        elif lows[0] in COMPASS and place_weight(" ".join(lows[1:])) >= 2:
            votes[PLACE] += 3  # "East China", "Northern Ireland"
        elif lows[0] in PLACE_HEADS and not lows[-1] in ORG_SUFFIXES:
            votes[PLACE] += 2  # "Mount Vernon", "River Mersey", "Lake Geneva"
        elif place_weight(lows[-1]) >= 4 and not has_suffix and not is_given_name(lows[0]):
            votes[PLACE] += 2  # "Nazi Germany", "Ottoman Empire" is a place by its suffix
        if pw >= 4:
            pass
        elif " of " in f" {name} " and any(w in ORG_HEADS for w in lows):
            votes[ORG] += 3
        elif any(w in ORG_SUFFIXES for w in lows[1:]):
            votes[ORG] += 1
        if " & " in name and not _common_words(name.replace(" & ", " ")) and not all(
                place_weight(side) for side in name.split(" & ")):
            # "Marks & Spencer", "Edward D. Jones & Co"; not "Hobby & Crafts", "Serbia & Montenegro"
            votes[ORG] += 3
        elif lows[0] in _STAGE_PREFIXES and len(lows) == 2 and not has_suffix:
            votes[PERSON] += 3  # "DJ Tiesto", "MC Hammer": a performer's name
        elif (named or not has_suffix) and not pw and len(lows) <= 4:
            _person_votes(words, lows, votes, zipf)
        if not any(votes) and len(lows) == 2 and lows[0] in COMPASS and _rare_name_word(lows[1], zipf):
            votes[PLACE] += 1  # "South Bridgton", "East Java": a part of somewhere, weakly
        if not votes[ORG] and words[0].isupper() and len(lows[0]) <= 3 and lows[0] in ORG_SUFFIXES and lows[0] != "tv":
            votes[ORG] += 3  # "FC Basel", "AC Milan": a club's or a firm's form before its name
        if not votes[ORG] and len(lows) <= 4 and _is_team(dotted):
            votes[ORG] += 3  # "Toronto Blue Jays", "Texas Longhorns", "Seattle Mariners"
        elif not any(votes) and len(lows) == 2 and _place_then_word(lows, zipf):
            votes[ORG] += 1  # "Perth Glory", "Boston Globe", "London Newsroom": a side, a paper, a desk
        elif lows[0] == "the" and not pw and _is_plural(lows[-1]) and not is_demonym(lows[-1][:-1]):
            votes[ORG] += 2  # "The Ramones", "The Phantom Horns": a band's or a side's name
    else:
        w = words[0]
        low = lows[0]
        if w.isupper() and 2 <= len(w) <= 6:
            if zipf.get(low, 0) < COMMON_WORD:  # "NOTICE" and "SALE" head a page of capitals
                votes[ORG] += 1
        elif any(ch.isupper() for ch in w[1:]) and not w.isupper() and not w.startswith(("Mc", "Mac", "O'", "O’")):
            if not _peoples_joined(low):
                votes[ORG] += 1  # "SenseTime", "eBay"; not "Arab-Israeli", "German-American"
        elif low.rstrip(".") in TITLES:
            pass  # "Chancellor", "Mayor" alone name nobody
        elif not pw:
            family = surnames().get(low, 0)
            # A surname borne by one or two in 100,000 that English text uses
            # once in a million words or more is as often that word or a brand
            # ("Halo", "Everton", "Rover", "Renault").
            word_floor = 40 if family >= 3 else 30
            if is_given_name(low) or family >= 10 or (family >= _NAME_FLOOR or low in SURNAMES) and zipf.get(low, 0) < word_floor:
                votes[PERSON] += 1
    return votes


_REGION_MODIFIERS = frozenset(("far", "near", "deep", "middle", "mid"))
_POINTS = frozenset(("north", "south", "east", "west"))


def _compass_region(lows: list[str]) -> bool:
    """A region named by a point of the compass: "Far East", "Deep South",
    "Midwest", "Mideast" (not "Southwest" alone, also an airline's name)."""
    if len(lows) == 2:
        return lows[0] in _REGION_MODIFIERS and lows[1] in _POINTS
    return len(lows) == 1 and lows[0][:3] == "mid" and lows[0][3:] in _POINTS


# A place's kind that names it with "of" and a place the gazetteers know:
# "the City of New Orleans", "the State of Louisiana", "the Republic of Ireland".
_PLACE_OF_HEADS = frozenset("""city town county state province republic kingdom commonwealth duchy
    principality borough village parish district island isle islands emirate territory""".split())


def _hyphen_suffix(low: str) -> bool:
    """A hyphenated word whose last part closes an organisation's name:
    "Star-Telegram", "Post-Gazette", "Journal-Constitution" (not "A-Team")."""
    first, hyphen, last = low.rpartition("-")
    return bool(hyphen) and len(first) > 1 and last in ORG_SUFFIXES


def _peoples_joined(low: str) -> bool:
    """Nationalities or places joined by hyphens: "arab-israeli",
    "german-american" (what two of them share)."""
    parts = low.split("-")
    return len(parts) > 1 and all(is_demonym(p) or place_weight(p) >= 2 for p in parts)


def _is_plural(low: str) -> bool:
    """Ends as an English plural, and is no organisation or place word ("Associates", "Falls")."""
    return low.endswith("s") and not low.endswith(("ss", "'s", "’s")) and low not in _SPLIT_SUFFIXES


def _rare_name_word(low: str, zipf: dict[str, int]) -> bool:
    """No common English word, nationality ("West Indian", "North Africans"),
    compass word or given name: a place's own word after "North"."""
    return (zipf.get(low, 0) < COMMON_WORD and low not in COMPASS and not is_given_name(low)
            and not is_demonym(low) and not is_demonym(low[:-1]))


def _place_then_word(lows: list[str], zipf: dict[str, int]) -> bool:
    """A town's or country's name, then one common English word, singular
    and no place word: what is named after a place is mostly a body."""
    head, word = lows
    return (place_weight(head) >= 2 and not is_given_name(head) and zipf.get(word, 0) >= 30
            and not _is_plural(word) and word not in _SPLIT_SUFFIXES and word not in COMPASS)


# A place's word that, after a city the gazetteers know, makes no place they know
# ("Mexico City", "Cape Town" are), but a side's name.
_CLUB_SUFFIXES = frozenset(("city", "town"))


def _is_team(lows: list[str]) -> bool:
    """A place, then a plural that is no place word: a sports side's name."""
    return side_cut(lows) > 0


def side_cut(lows: list[str]) -> int:
    """How many of a side's words (lower case) are its town's: "toronto blue
    jays" 1, "tampa bay devil rays" 2; 0 for a name that is no side's."""
    last = lows[-1]
    if not _is_plural(last) or is_demonym(last[:-1]):
        return 0
    for cut in (1, 2):
        if len(lows) > cut and place_weight(" ".join(lows[:cut])) >= 2 and place_weight(" ".join(lows[cut:])) == 0:
            return cut
    return 0


def _person_votes(words: Sequence[str], lows: list[str], votes: list[int], zipf: dict[str, int]) -> None:
    """A run of two to four capitalised words with no organisation or place
    word in it: a person's name when its first word is a given name (or an
    initial) or its last a surname; weakly so when none of its words is a
    common English word."""
    first, last = lows[0], lows[-1]
    if sum(len(w) == 1 for w in words) >= 2 and not any(len(w) > 2 and w.istitle() for w in words):
        return  # "W D L PTS", "W L PCT GB": a table's head, not initials ("G W Ryder")
    mixed = not all(w.isupper() for w in words)
    # "Vladimir Putin", "Kamil Stoch": a given name that is also a city's, before a surname.
    city_given = is_city_given_name(first) and all(_surname_after_city(w, zipf) for w in lows[1:])
    for k, (w, low) in enumerate(zip(words, lows)):
        if mixed and w.isupper() and low not in SURNAMES and surnames().get(low, 0) < _NAME_FLOOR and not is_roman_numeral(w) and not _is_initial(w):
            return  # "CITIC Pacific", "Sino-Germany AI"; "XU Wenguang" is a person, "Charles VI" too
        # (A nationality that is also a rare given name is the nationality: "Irish", "Danish".)
        if is_given_name(low) and not (low in demonyms() and given_names().get(low, 0) < 10) or _is_initial(w) or (
                k == 0 and city_given):
            continue
        if is_demonym(low) and not (k == len(lows) - 1 and k > 0 and is_given_name(lows[0])) or (
                k < len(lows) - 1 and place_weight(low) >= 2):
            # "Far Eastern", "Hong Kong Open", "Seattle Mariners"; but a given name
            # then a surname that reads as a nationality is a person: "Ronnie Irani".
            return
    if len(lows) > 2 and place_weight(" ".join(lows[:2])) >= 3:
        return
    # A very common given name first vouches for what follows: "Linda Wild", "Larry Fine", "Peter Such".
    vouched = len(lows) == 2 and given_names().get(first, 0) >= _COMMON_GIVEN
    if (first not in SURNAMES or len(lows) > 3) and not vouched:  # Chinese given names are often English words: "Quan Long"
        for low in lows[1:]:
            if len(low) > 1 and zipf.get(low, 0) >= COMMON_WORD and surnames().get(low, 0) < 10 and not is_given_name(low):
                return  # "Santa Through", "Gravel Pit": a common word is no part of a name
    if first in COMPASS or place_weight(last) >= 4 and not is_given_name(first):
        return  # "East China", "Southeast China"
    given = is_given_name(first) or _is_initial(words[0]) or first in SURNAMES or city_given
    family = surnames().get(last, 0) >= _NAME_FLOOR or last in SURNAMES
    if not mixed and len(words[0]) == 1 and not family:
        # A bare letter in capitals is an initial only before a surname: "L PCT
        # GB" is a table's head, cut after its "W" (a sentence's first word).
        return
    if given and family:
        votes[PERSON] += 3
    elif given or (family and len(lows) == 2 and lows[1] in SURNAMES):
        votes[PERSON] += 2
    elif zipf.get(first, 0) >= 35 and not (surnames().get(first, 0) >= 10 and zipf.get(first, 0) < COMMON_WORD
                                           and first not in _FOREIGN_ARTICLES):
        # "Gravel Pit", "Pump House", "Good Day": an English word first and no given name;
        # not a family's name that is a rarer word ("Payne Stewart"), unless an article ("Le Matin").
        pass
    elif family:
        votes[PERSON] += 1
    elif all(zipf.get(w, 0) < COMMON_WORD for w in lows) and all(w[:1].isupper() for w in words):
        votes[PERSON] += 1
    if any(w in FIELD_WORDS for w in lows):
        votes[PERSON] = 0


# --------------------------------------------------------------------------
# Context
# --------------------------------------------------------------------------

_ROLE_AFTER = lazy(r"^,\s+(?:the\s+|a\s+|an\s+|its\s+|former\s+|vice\s+|deputy\s+|chief\s+|executive\s+|then\s+)*([a-z-]+)")
_AGE_AFTER = lazy(r"^,\s+(?:aged\s+)?\d{1,2},")
_SAID_AFTER = lazy(r"^\s+(?:said|says|told|added|explained|noted|wrote|argued|admitted|insisted|warned|replied)\b")
_ORG_AFTER = lazy(
    r"^(?:['’]s)?\s+(?:shares|stock|spokesman|spokeswoman|spokesperson|chairman|chief\s+executive|"
    r"executives|board|shareholders|subsidiary|unit|"
    # what a body is called by, after its name: "Interfax news agency" (not "group":
    # "World Cup group", "Kurdish group")
    r"news\s+agency|newspaper|news\s+service|magazine|broadcaster|brokerage|analysts)\b(?!-)"
)
# A possessive that owns nothing: what is named so is a shop or a firm.
_SHOP_AFTER = lazy(r"^['’]s(?:[,;:)]|\.(?:\s|$))")
# A line of a results table: a name, then numbers ("Barnsley 3 3 0 0 8 2 9",
# "NEW YORK 74 59 .556 -", "TORONTO 63 71 .470 11 1/2").
_TABLE_AFTER = lazy(r"^(?:[ \t]+(?:[-+]?\d+(?:[.,]\d+)?|[.,]\d+|[-–]|\d+ \d/\d)){2,}[ \t]*(?:$|\n)")
# A side's score: "Barnsley 3 Ipswich 1"; a cricket scorecard's "Durham 114 (S.
# Watkin 4-28) and 81-3", "Hampshire 232 and 109-5", "Kent 108-3".
# (Not a tennis player's "6-4 6-2": a total of wickets has two figures or three.)
_SCORE_AFTER = lazy(r"^\s+(?:\d{1,3}\s+[A-Z]|\d{2,3}\s+(?:\(|and\s+\d)|\d{2,3}-\d{1,2}\b(?!-))")
# A fixture: "KANSAS CITY AT DETROIT", "Celtic v Rangers" alone on a line.
_FIXTURE = lazy(r"^[A-Z][\w.'’ -]{0,40}\s(?:at|v|vs\.?|AT|V|VS)\s+[A-Z][\w.'’ -]{0,40}$")


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
_TYPE_AFTER = lazy(
    # The noun phrase's last noun is its head: "the state gas firm" is a firm.
    r"^(?:['’]s)?,?\s+(?:(?:is|was|are|were|became|remains)\s+)?(?:a|an|the|one\s+of\s+the)\s+(?:[\w-]+\s+){0,3}"
    r"(?:(" + _ORG_NOUNS + r")|(" + _PLACE_NOUNS + r")|(" + _PERSON_NOUNS + r"))\b(?!-)"
)
# A larger place after a comma, closing the phrase: "Debden, England, 4 June", "Moscow, USSR, and".
_IN_PLACE_AFTER = lazy(r"^,\s+([A-Z][\w'’-]*\.?(?: [A-Z][\w'’-]*){0,2})(?=[,.;:)]|$|\s+\(|\s+\d|\n)")
_BORN_AFTER = lazy(r"^,?\s+(?:was|is)\s+(?:born|married|elected|appointed|educated)\b|^,\s+who\b(?!\s+(?:have|are|were)\b)"
                   r"|^\s+\((?:born|b\.)\s")
# "Toshiba, who have been", "Korn, who are": a plural after one name is a
# body's, as British English writes of a firm, a band or a side (a person's
# is "who has"; "Thanou and Kenteris, who have" are two people).
_PLURAL_WHO_AFTER = lazy(r"^,\s+who\s+(?:have|are|were)\b")
# What is founded, formed or incorporated is a body: a firm, a band, a club.
_FOUNDED_AFTER = lazy(r"^,?\s+(?:was|were)\s+(?:founded|formed|incorporated)\b")


_PERSON_ROLES = frozenset(_PERSON_NOUNS.split("|")) - {"general", "king", "queen", "saint", "leader"}


def _line(text: str, pos: int) -> str:
    """The line that holds ``pos``, or "" if it is longer than a fixture's."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    return text[start:end] if end - start <= 90 else ""


def _not_a_country(name: str) -> bool:
    """A name that may be a club's: a country in a table is its national side, still a place."""
    return place_weight(name.lower()) < 4


_SAID_WORDS = frozenset("said says added told".split())
_DET_BEFORE = frozenset("the a an his her its their our my your".split())
# A given name borne by 3 in 100,000 or more (US census) opens a person's name even after "the".
_GIVEN_AFTER_THE = 3
_PLACE_PREPS = frozenset("in near outside across throughout around".split())
# ... before "the": not "in", which also puts things in a body or an event ("in the GMAC Bowl"), nor
# "around", also "about" ("the debate around the Internationalised Domain Name").
_PLACE_PREP_LISTS = [[w] for w in _PLACE_PREPS if w not in ("in", "around")]
_ORG_PAIRS = frozenset(
    ("shares in", "shares of", "stake in", "spokesman for", "spokeswoman for", "chairman of", "director of",
     "employees of", "subsidiary of", "owner of",
     # who belongs to or plays for a body ("a member of One Nation", "played for Rangers")
     "member of", "members of", "played for", "plays for", "playing for", "signed for", "traded to")
)
# Someone's work, then "at", "with" or "for" and the name of who employs them
# (not a known place's name: "a professor at Oxford" is as much the town).
_EMPLOYER_PREPS = frozenset(("at", "with", "for"))
_AWARD_WORDS = frozenset(("best", "supporting"))
_EMPLOYEE_ROLES = frozenset("""analyst analysts economist economists strategist strategists researcher researchers
    scientist scientists engineer engineers lawyer lawyers consultant consultants director directors executive
    executives spokesman spokeswoman spokesperson employee employees staff manager managers chairman chairwoman
    partner partners professor lecturer editor correspondent reporter""".split())
_TYPE_DETS = frozenset("the a an its their his her fellow rival".split())
_ORG_NOUN_SET = frozenset(_ORG_NOUNS.split("|"))
_PLACE_NOUN_SET = frozenset(_PLACE_NOUNS.split("|"))
_OF_PLACE_NOUNS = frozenset(
    "city town village county province state region island republic port district municipality borough "
    "kingdom township hamlet parish suburb commune cities towns villages counties provinces islands "
    "suburbs communes".split()
)
# Roles before a name; "partner Fiat", "member Shell", "owner Glazer" are as often firms.
ROLE_WORDS = TITLES | ROLES_AFTER | _PERSON_ROLES | {"fellow", "member", "representative", "representatives"}
_ROLE_WORDS = ROLE_WORDS - {"partner", "member", "owner", "head", "leader", "chief", "boss", "fellow", "representative",
                            "representatives"}


_SAID_NEXT = frozenset("said says told added explained noted wrote argued admitted insisted warned replied".split())
_ORG_NEXT = frozenset("s shares stock spokesman spokeswoman spokesperson chairman chief executives board "
                      "shareholders subsidiary unit news newspaper magazine broadcaster brokerage "
                      "analysts".split())
# Zipf (tenths) from which a word is plain English in a name: "Nationality" no, "Leisure" yes.
_PLAIN_ZIPF = 38
_NAME_FLOOR_COMMON = 30  # people in 100,000: "Ford" (82) is a family's name, "Field" (11) a word


def is_plain_word(low: str) -> bool:
    """An English word that names nobody and nowhere (lower case): a part of a
    body's name ("securities", "transport"), not a firm's own name ("Fiat"),
    a family's ("Ford"), a place's or a nationality."""
    return (word_zipf().get(low, 0) >= _PLAIN_ZIPF and low not in STOPWORDS and not is_given_name(low)
            and surnames().get(low, 0) < _NAME_FLOOR_COMMON and place_weight(low) == 0 and not is_demonym(low))


def _opens_with_a_word(name: str) -> bool:
    """``name``'s first word is plain English ("Former Chelsea", "Injured
    Chelsea", "Assistant"), a nationality ("Irish Lions") or hyphenated
    ("Under-pressure"): likely a word glued to a name, which a vote would
    keep there."""
    first = name.split(" ", 1)[0].lower()
    return is_plain_word(first) or is_demonym(first) or "-" in first


_SIDE_ROLES = frozenset("captain coach manager striker skipper batsman bowler midfielder defender goalkeeper "
                        "keeper winger spinner paceman".split())
_TYPE_NEXT = frozenset("is was are were became remains a an the one who (born (b.".split())


def _said_weight(name: str, v: list[int]) -> int:
    """What "said" gives a name: firms and governments say things too, so a
    lone word with no person's evidence of its own ("Yukos") gets nothing,
    nor do words that are all common English ("Home Office", "Sky News";
    "Ben Player" opens with a given name)."""
    if v[ORG] or v[PLACE]:
        return 1
    if v[PERSON]:
        return 2
    if " " not in name:
        return 0
    words = name.lower().split()
    if is_given_name(words[0]) or _is_initial(name.split()[0]):
        return 2
    if _common_words(name, COMMON_WORD):
        return 0
    # No given name first: "Deutsche Boerse said" is as often a firm as a person.
    return 2 if surnames().get(words[-1], 0) >= _NAME_FLOOR or words[-1] in SURNAMES else 1


def _common_words(name: str, floor: int = 40) -> bool:
    """Every word of ``name`` is common English (Zipf ``floor`` in tenths or
    more, by default 4.0): "World Cup", "The Aviator"."""
    zipf = word_zipf()
    return all(zipf.get(w, 0) >= floor for w in name.lower().split())


def _the_before(text: str, start: int) -> bool:
    """"the" just before a name: "the Home Office said" names a body, not a person."""
    return text[max(0, start - 4) : start].lower() == "the "


def _before_votes(text: str, start: int, v: list[int], name: str) -> bool:
    """Votes from the words just before a name that starts at ``start``
    after a space.  Returns whether a preposition of place came right before."""
    e = start - 1
    parts = text[max(0, e - 24) : e].rsplit(None, 1)
    if not parts:
        return False
    w1 = parts[-1]
    b = e - len(w1) - 1
    if w1.lower() in _DET_BEFORE and (" " not in name or given_names().get(name.split(" ", 1)[0].lower(), 0) < _GIVEN_AFTER_THE):
        # "the Nou Camp", "a Kodak Brownie", "the Royal Opera House": a thing
        # or a place; people are not named after "the" unless it is said of
        # them ("a Jamie McAllister header": a common given name keeps them).
        v[PERSON] = 0
    if not w1.islower():
        if w1[-1:] == "." and w1[:-1].lower() in _TITLE_ABBREVIATIONS and not (v[ORG] or v[PLACE] > 2):
            # "Mr. Kowalczyk", "Gen. Jubal Early", "Gov. Stanley" (a town's name
            # too): a title with its stop (American style), a token of its own
            # before the name.
            v[PERSON] += 3
            return False
        if w1.isdigit() and len(w1) <= 3 and b > 0 and text[b - 1].isalpha() and _capitalised_before(text, b):
            v[ORG] += 3 if _not_a_country(text[start : start + 40].split(" ", 1)[0]) else 0  # "Barnsley 2 Ipswich 1"
        return w1.lower() in _PLACE_PREPS  # "In Tegucigalpa, ..."
    if w1 in _SAID_WORDS:
        v[PERSON] += _said_weight(name, v)
        return False
    if w1 in _BEAT_WORDS:
        _side_vote(name, v)
        return False
    if w1 in _VERSUS:
        v[ORG] += _side_weight(v) if _not_a_country(name) else 0  # "May 18 v Worcestershire": a side, not its county
        return False
    if w1 == "b" or w1 in ("c", "st") and _BOWLED_LATER.match(text, start, start + 60):
        v[PERSON] += 3  # a cricket scorecard: "Saeed Anwar c Russell b Mullally 32"
        return False
    if w1 == "the" and " " not in name and not v[PLACE] and _is_plural(name.lower()) and not is_demonym(name[:-1].lower()):
        v[ORG] += 1  # "the Mets", "the Springboks": a side or a band, though also "the Kurds"
        return False
    if (" " not in name and w1[-1:] == "s" and w1[:-1] in _ROLE_WORDS
            and not text.startswith((" and ", ", ", " or "), start + len(name))):
        v[ORG] += 3  # "analysts Gartner", "lawyers Linklaters": a firm of them (not "strikers Rooney and Owen")
        return False
    if (w1 in _ROLE_WORDS or (_is_agent_noun(w1) and not (v[ORG] or v[PLACE]))) and not text[
            max(0, b - 13) : b + 1].lower().endswith((" best ", " supporting ")):
        # "computer science professor Quan Long", "striker Alan Shearer"; but
        # "the best actress Oscar", "best supporting actor Bafta": an award's category.
        # A lone word no list knows as a name gets less: "vice president Boeing".
        # (A word of "-ist" or "-ian" is as often said of a place or a body:
        # "communist East Germany", "the pedestrian Millennium Bridge".)
        v[PERSON] += 3 if v[PERSON] or " " in name else 2
    if w1 in _EMPLOYER_PREPS:
        role = text[max(0, b - 24) : b].rsplit(None, 2)[-2:]
        if (role and role[-1].lower() in _EMPLOYEE_ROLES and place_weight(name.lower()) < 2
                and role[0].lower() not in _AWARD_WORDS):  # (not "best director for Million Dollar Baby")
            v[ORG] += 2  # "an analyst with Jupiter Research", "a lawyer for Linklaters": who employs them
        elif role and f"{role[-1].lower()} {w1}" in _ORG_PAIRS and any(map(_not_a_country, name.split(" & "))):
            v[ORG] += 2  # "played for Rangers"; "for England", "for Serbia & Montenegro": a country's side
        return False
    if not (w1 in _OF_WORDS or w1 == "from" or w1 in _ORG_NOUN_SET or w1 in _PLACE_NOUN_SET):
        if w1 == "the" and b > 0:  # "across the Rhine", "near the Drava"; not "in the Appomattox Campaign"
            return text[max(0, b - 12) : b].rsplit(None, 1)[-1:] in _PLACE_PREP_LISTS
        return w1 in _PLACE_PREPS
    words = text[max(0, b - 40) : b].split()[-3:]
    w2 = words[-1].lower() if words else ""
    if w1 == "of" and w2 in _COMPASS_OF or w1 == "from" and w2 in _DISTANCES:
        v[PLACE] += 3  # "north of Whitebirk", "ten miles from Bandarlapalle"
    elif w1 == "to" and w2 == "according":
        v[PERSON] += 2 if not (v[ORG] or v[PLACE]) else 1
    elif f"{w2} {w1}" in _ORG_PAIRS:
        v[ORG] += 2
    elif w1 == "of" and w2 in _OF_PLACE_NOUNS:
        v[PLACE] += 3  # "the city of Lausanne"
    elif (w1 in _ORG_NOUN_SET or w1 in _PLACE_NOUN_SET) and any(w.lower() in _TYPE_DETS for w in words):
        v[ORG if w1 in _ORG_NOUN_SET else PLACE] += 3  # "the band Blues Traveler", "the village Ruda"
    elif w1 in _ORG_NOUN_SET and w2.islower():
        v[ORG] += 2  # "US aircraft firm Boeing", "post punk industrial band Killing Joke"
    else:
        return w1 in _PLACE_PREPS
    return False


_OF_WORDS = frozenset(("of", "in", "for", "to"))
# Titles, ranks and forms of address as abbreviated before a name ("Dr.",
# "Sen.", "Lt. Gen.", "Hon."): a word's own stop is a sentence's ("Full of Grace.").
_TITLE_ABBREVIATIONS = frozenset("""mr mrs ms dr messrs mme mlle sen rep gov prof rev fr gen col capt sgt lt
    maj brig cpl pte adm cmdr supt insp det hon atty amb cllr""".split())
# Where a place is from another: "north of", "ten miles from".
_COMPASS_OF = frozenset(f"{a}{sep}{b}" for a in ("north", "south") for b in ("east", "west") for sep in ("", "-")) | {
    "north", "south", "east", "west"}
_DISTANCES = frozenset("miles mile km kilometres kilometers kilometre kilometer metres meters yards".split())


def _is_agent_noun(low: str) -> bool:
    """An English word for someone by what they do or hold to, the kind a
    role before a name is made from: "saxophonist", "physicist",
    "mathematician", "extremist" (words of "-ist" and "-ian": the lists of
    roles cannot hold them all)."""
    return len(low) > 5 and low.endswith(("ist", "ian")) and word_zipf().get(low, 0) > 0 and not is_demonym(low)
# Verbs of a result: "Leicestershire beat Somerset", "routed the Pirates".
_BEAT_WORDS = frozenset("beat beats defeated thrashed routed blanked edged crushed overcame outplayed".split())


def _side_weight(v: list[int]) -> int:
    """What a side's evidence gives ("v Durham", "Durham 114"): 3, and more
    than the gazetteer gives the county or town that shares its name."""
    return max(3, v[PLACE] + 1)


def _side_vote(name: str, v: list[int]) -> None:
    """A town or county that beats or is beaten is its side; a country
    stays a place (its national side), a person a person ("Sampras beat ...")."""
    if v[PLACE] and not v[PERSON] and _not_a_country(name):
        v[ORG] += v[PLACE] + 1
_VERSUS = frozenset(("v", "vs", "vs."))
_BOWLED_LATER = lazy(r"[\w'’.-]+(?: [A-Z][\w'’.-]*)* b [A-Z]")


def _capitalised_before(text: str, end: int) -> bool:
    """The word that ends at ``end`` is capitalised: "Barnsley 2 Ipswich 1", not "of 10 Downing Street"."""
    start = max(text.rfind(" ", max(0, end - 30), end), text.rfind("\n", max(0, end - 30), end)) + 1
    # (not a date's month: "May 13 Arrive in London", "Aug 28 Chg")
    return text[start : start + 1].isupper() and text[start:end].rstrip(".").lower() not in WEEKDAYS_MONTHS


_FIXTURE_WORDS = frozenset(("at ", "AT ", "v ", "V ", "vs ", "VS ", "vs. "))
_FIXTURE_NEXT = frozenset(w.strip() for w in _FIXTURE_WORDS)


def context_votes(text: str, cands: Sequence) -> None:
    """Add the votes the text around each candidate gives (in place)."""
    for start, end, name, flags, v in cands:
        after = text[end : end + 64]
        if start and text[start - 1] in _OPENING_QUOTES and _QUOTE_CLOSES.match(after):
            # The whole of a quotation: a work's title ("Hunter", a cover of
            # ...; her novel "Florentin"), not who or where it is named after.
            v[PERSON] = v[PLACE] = 0
            continue
        place_prep = start > 1 and text[start - 1] == " " and _before_votes(text, start, v, name)
        a0 = after[:1]
        if a0 == " ":
            # The next word says which patterns can match: most names are
            # followed by a word that starts none of them.
            sp = after.find(" ", 1)
            # (Its closing stop or comma aside: "Le Matin newspaper, quoting ...".)
            nxt = (after[1:sp] if sp > 0 else after[1:]).rstrip(",.;:!?)")
            if nxt in _SAID_NEXT:
                if _SAID_AFTER.match(after):
                    if _the_before(text, start):
                        v[ORG] += 0 if v[PLACE] else 1
                    else:
                        v[PERSON] += _said_weight(name, v)
            elif nxt in _ORG_NEXT:
                if _ORG_AFTER.match(after):
                    v[ORG] += 2
            elif nxt in _SIDE_ROLES:
                # "Chelsea striker Didier Drogba", "Surrey captain Chris Lewis": the side
                # of the player named after (a country's is its national side, still a place).
                if after[sp + 1 : sp + 2].isupper() and _not_a_country(name) and not is_demonym(name.lower()) and not (
                        _opens_with_a_word(name)):
                    v[ORG] += _side_weight(v)
            elif nxt in _TYPE_NEXT:
                _type_after(after, v)
            elif nxt[:1].isdigit() and _SCORE_AFTER.match(after) and _not_a_country(name):
                v[ORG] += _side_weight(v)  # "Durham 114 (S. Watkin 4-28)": the side's score
            elif nxt in _BEAT_WORDS:
                _side_vote(name, v)
            elif nxt in _FIXTURE_NEXT and _not_a_country(name) and _FIXTURE.match(_line(text, start)):
                v[ORG] += 4
        elif a0 == ",":
            m = _IN_PLACE_AFTER.match(after)
            if m and (place_weight(m.group(1).lower()) >= 3 or _state_abbreviation(m.group(1)) and not v[ORG]):
                v[PLACE] += 3  # "Debden, England, 4 June", "Surabaya, East Java,", "El Paso, Tex., March 25"
                continue
            if not place_prep:
                if _AGE_AFTER.match(after):
                    v[PERSON] += 3
                else:
                    m = _ROLE_AFTER.match(after)
                    if m and m.group(1) in ROLES_AFTER:
                        v[PERSON] += 3
            if after[1:].lstrip(" ").split(" ", 1)[0] in _TYPE_NEXT:
                _type_after(after, v)
                if _PLURAL_WHO_AFTER.match(after):
                    if _body_who(text, start, flags, v):
                        v[ORG] += 2
                    else:
                        v[PERSON] += 2  # (as "who" says of a person)
        elif a0 == "." and start > 2 and text[start - 2 : start] == ", " and text[start - 3].isalpha() and (
                _state_abbreviation(name + ".")):
            v[PLACE] += 3  # "El Paso, Tex.": the state, though "Tex" is also a name and "Ore" a word
        elif a0 == "'" or a0 == "’":
            if _ORG_AFTER.match(after):
                v[ORG] += 2
            elif _SHOP_AFTER.match(after):
                v[ORG] += 2  # "Thalhimer's, JC Penney", "shopping at Macy's.": a business by its owner's name
        elif a0 == "-" and after.startswith("-based"):
            # "London-based"; but also "Linux-based system", "Windows-based players": a place the
            # gazetteers do not know is weakly one, and only if who is based there follows.
            if place_weight(name.lower()) or v[PLACE]:
                v[PLACE] += 3
            elif _based_there(after):
                v[PLACE] += 1
            continue
        if (start == 0 or text[start - 1] == "\n") and _TABLE_AFTER.match(after):
            v[ORG] += 4 if _not_a_country(name) else 0  # a club in a table
        elif place_prep and not v[PERSON] and (v[PLACE] or not (_common_words(name) or name.startswith("The "))):
            # "in Tegucigalpa"; but "in Parliament", "starred in The Aviator": words
            # of English are a place only if a gazetteer says so.
            v[PLACE] += 1
        elif start > 3 and text[max(0, start - 4) : start].lstrip() in _FIXTURE_WORDS:
            if _not_a_country(name) and _FIXTURE.match(_line(text, start)):
                v[ORG] += 4  # the second side of "KANSAS CITY AT DETROIT"


_OPENING_QUOTES = frozenset('"“')
_QUOTE_CLOSES = lazy(r'^[,.!?]?["”]')


# How US news writes a state after a town (the Associated Press's
# abbreviations, and older papers' "Cal." and "Tex."): "El Paso, Tex.".
_STATE_ABBREVIATIONS = frozenset("""ala ariz ark cal calif colo conn del fla ga ill ind kan kans ky la md mass
    mich minn miss mo mont neb nebr nev okla ore pa penn tenn tex vt va wash wis wyo""".split())


def _state_abbreviation(word: str) -> bool:
    """``word`` is a state's abbreviation with its stop ("Tex.", "Calif.")."""
    return word[-1:] == "." and word[:-1].lower() in _STATE_ABBREVIATIONS


def _body_who(text: str, start: int, flags: int, v: list[int]) -> bool:
    """Whether the name at ``start``, before ", who have" (or "are",
    "were"), is a body's: not the last of a list ("Thanou and Kenteris"), a
    couple ("Mrs. Will Robinson"), where someone is from ("Elsie Reid, of
    Dazey"), a place, a name a person's evidence already holds, nor a word
    opening a sentence ("Congressmen, who were")."""
    before = text[max(0, start - 6) : start].rsplit(None, 1)[-1:]
    return not (v[PLACE] or v[PERSON] >= 2 or flags & 1 or text.endswith((" and ", " of "), 0, start)
                or before and before[0].lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "miss", "messrs"))


def _based_there(after: str) -> bool:
    """The words after "X-based" name who is based in X (a firm, a bank, an
    analyst, a band), not a thing built on X ("Linux-based operating system")."""
    for w in after[7:40].split()[:3]:
        w = w.strip(",.;:").lower()
        if w in _ORG_NOUN_SET or w in ROLE_WORDS or w[:-1] in _ORG_NOUN_SET or w[:-1] in ROLE_WORDS:
            return True
    return False


def acronym_votes(text: str, cands: Sequence) -> None:
    """A name spelt out, then its acronym in brackets ("Budapest Stock
    Exchange (BSE)"): the acronym takes the name's votes for a body or a
    place (in place; after :func:`context_votes`).  (A name with no evidence
    of its own is not made a body for its acronym: "Liquid Crystal Display
    (LCD)" is none.)"""
    for a, b in zip(cands, cands[1:]):
        short = b[2]
        if not (short.isupper() and 2 <= len(short) <= 8 and text[a[1] : b[0]] == " (" and text[b[1] : b[1] + 1] == ")"):
            continue
        initials = "".join(w[0] for w in a[2].replace("-", " ").split() if w[:1].isupper())
        if len(initials) < 2 or not (initials == short or initials in short or short in initials):
            continue
        va, vb = a[4], b[4]
        vb[ORG] += va[ORG]
        vb[PLACE] += va[PLACE]
    common = {c[2] for c in cands if c[2].isupper() and 2 <= len(c[2]) <= 8 and _spells_common_words(text, c[0], c[1])}
    for c in cands:
        if c[2] in common:
            c[4][ORG] = c[4][PLACE] = 0  # (every mention in the article: the acronym's own vote was for a body)


def _spells_common_words(text: str, start: int, end: int) -> bool:
    """The acronym at ``text[start:end]``, in brackets, shortens the words in
    lower case before it: "high-definition TV (HDTV)", "radio frequency ID
    (RFID)", "digital rights management (DRM)": a thing, not a body's name."""
    if text[start - 2 : start] != " (" or text[end : end + 1] != ")":
        return False
    short = text[start:end].lower()
    words = text[max(0, start - 80) : start - 2].replace("-", " ").split()
    got = ""
    for w in reversed(words):
        if not (w.islower() or w.isupper()):
            return False  # a capitalised word: "International Monetary Fund (IMF)", "Office of Fair Trading (OFT)"
        got = (w.lower() if w.isupper() else w[:1]) + got
        if len(got) >= len(short):
            return got == short and w.islower()
    return False


_LIST_GAPS = frozenset((", ", " and ", " or ", ", and ", ", or "))
_LIST_ENDS = frozenset((" and ", " or ", ", and ", ", or "))
_LIST_GAP_MAX = max(map(len, _LIST_GAPS))


def _runs(text: str, cands: Sequence) -> Iterator[tuple[int, int]]:
    """Each run of candidates joined by a list's gaps, as its first and last
    (a lone candidate is a run of one)."""
    i, n = 0, len(cands)
    while i < n:
        j = i
        # (A list's gap is a few characters: the text between names far apart is never cut out.)
        while j < n - 1 and cands[j + 1][0] - cands[j][1] <= _LIST_GAP_MAX and text[cands[j][1] : cands[j + 1][0]] in _LIST_GAPS:
            j += 1
        yield i, j
        i = j + 1


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


# What a list of names is said to be of: "bands such as ...", "... and
# other publications" (the plural of a noun that tells a kind, see
# _TYPE_AFTER).
# ("Artists" are as often bands, "producers" firms or countries: "artists
# such as Green Day", "producers such as Sandoz".)
_KIND_OF_PLURAL = {_plural(w): kind for kind, nouns in ((PLACE, _PLACE_NOUNS), (PERSON, _PERSON_NOUNS), (ORG, _ORG_NOUNS))
                   for w in nouns.split("|") if w not in ("artist", "producer")}
_SUCH_AS_BEFORE = lazy(r"\b([A-Za-z]+)(?:,? such as| like| including| especially| notably)\s+(?:the\s+)?$")
_SUCH_AS_WORDS = ("as", "like", "including", "especially", "notably")
_OTHERS_AFTER = lazy(r"^,?\s+(?:and|or)\s+(?:many\s+|several\s+|numerous\s+|various\s+|some\s+|a\s+few\s+)?other\s+([a-z]+)")


def such_as_votes(text: str, cands: Sequence) -> None:
    """A list of names said to be of a kind takes it: "bands like New Order,
    Interpol or Joy Division", "Head Automatica, Cobra Starship and other
    bands", "companies such as Wachovia".  Commas alone make the list here:
    the noun says what it lists.  (In place; after :func:`context_votes`.)"""
    for i, j in _runs(text, cands):
        start, end = cands[i][0], cands[j][1]
        # (What the patterns need, looked for first: most names have neither.)
        before = text[max(0, start - 40) : start].rstrip()
        if before.endswith("the"):
            before = before[:-3].rstrip()
        after = text[end : end + 60]
        m = (before.endswith(_SUCH_AS_WORDS) and _SUCH_AS_BEFORE.search(text, max(0, start - 40), start)
             or "other" in after and _OTHERS_AFTER.match(after))
        kind = _KIND_OF_PLURAL.get(m.group(1).lower()) if m else None
        if kind is not None:
            for c in cands[i : j + 1]:
                c[4][kind] += 2


def coordination_votes(text: str, cands: Sequence) -> None:
    """Names in one list share a kind: "Lougou and Tougana", "Macy's, Sears
    and Dillard's".  A list is names joined by commas that ends with "and"
    or "or" (a comma alone may be an apposition: "Moscow, Interfax").  A name
    with no evidence of its own takes a weak vote for the kind most of the
    list's clear names have (in place; after :func:`context_votes`)."""
    for i, j in _runs(text, cands):
        if j > i and text[cands[j - 1][1] : cands[j][0]] in _LIST_ENDS:
            tally = [0, 0, 0]
            for c in cands[i : j + 1]:
                v = c[4]
                best = max(v)
                if best >= 3 and v.count(best) == 1:
                    tally[v.index(best)] += 1
            top = max(tally)
            if top and tally.count(top) == 1:
                kind = tally.index(top)
                for c in cands[i : j + 1]:
                    if not any(c[4]):
                        c[4][kind] += 1


def _type_after(after: str, v: list[int]) -> None:
    m = _TYPE_AFTER.match(after)
    if m:
        v[ORG if m.group(1) else PLACE if m.group(2) else PERSON] += 3
    if _BORN_AFTER.match(after):
        v[PERSON] += 2
    elif _FOUNDED_AFTER.match(after):
        v[ORG] += 2
