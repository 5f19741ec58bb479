"""Pass 1: the candidate names in one article (:func:`scan`).

Runs of capitalised words are grown token by token ("of", "and" and "&"
inside organisations' names, particles inside people's, a break at a small
word in a line of capitals), each cut into candidates
(:mod:`tui.core.names.candidates`), whose kinds the text around them, the
title and the dateline then vote on (:mod:`tui.core.names.evidence`).
"""

from __future__ import annotations

import re

from ..lazy_re import lazy
from ..lexicon import (
    DEMONYMS,
    FIELD_WORDS,
    ORG_HEADS,
    ORG_STRIP,
    ORG_SUFFIXES,
    ORGS,
    PLACE_SUFFIXES,
    STOPWORDS,
    WEEKDAYS_MONTHS,
)
from . import given_names, places, surnames, word_zipf
from .evidence import (
    UNITS,
    side_cut,
    COMPASS,
    acronym_votes,
    is_plain_word,
    context_votes,
    coordination_votes,
    such_as_votes,
    is_capitalised_word,
    ROLE_WORDS,
    is_given_name,
    place_weight,
    surface_votes,
)
from .forms import ORG, PERSON, PLACE, SENTENCE_START, DATELINE, _POSSESSIVES, _strip_possessive, opens_sentence, _votes_of
from .candidates import Candidate, _Tok, _JOINERS, _PARTICLES, _candidates_from_run, _is_title


_CAP_TOKEN = lazy(
    r"(?<![^\W_])(?:[A-Z\u00C0-\u00D6\u00D8-\u00DE]|[a-z][A-Z])[\w&]*(?:[-'’.][^\W_][\w&]*)*"
    # The stop of an initial ("J."), a dotted acronym ("U.S.") or a short abbreviation ("St.", "Jr.").
    r"(?:(?=\.)(?:(?<=(?<![\w-])[A-Z])|(?<=\bSt)|(?<=\bJr)|(?<=\bSr)|(?<=\bMt)|(?<=\bFt)|(?<=\bCo)|(?<=\bCorp)|(?<=\bInc)"
    r"|(?<=\bLtd)|(?<=\bBros))\.)?"
)
_BASED = lazy(r"-based\s([^\W\d_][\w]*(?:['’]s)?)")
# "AI-related", "US-led": an adjective made from a name, not a name.
_ADJ_SUFFIX = lazy(
    r"-(?:based|related|focused|led|owned|born|backed|funded|run|style|made|listed|controlled|"
    r"bound|linked|driven|wide|era|friendly|specific|oriented|centric|level|type|like|free|only|[a-z]+ed)$"
)
# Small words that, written in capitals, separate names: "KANSAS CITY AT DETROIT".
_CAPS_BREAK = frozenset("at v vs and or of the in on for to by from with as is was a an".split())


def _caps_break(word: str, head: bool, pair: str, mixed: bool = False) -> bool:
    """Does ``word``, in capitals, end a run (or, as ``head``, start none)?
    A small word does ("AT", "OF"); so does a word that is only English
    ("AGREEMENT"), unless with its neighbour ``pair`` it makes a known place
    ("NEW YORK", "HONG KONG") or organisation ("UNITED NATIONS"), or it
    stands ``mixed`` among words in lower case, as an acronym does ("such
    as MTV and ESPN promised"): a line of capitals has none."""
    if word.lower() in _CAPS_BREAK:
        return not (head and pair and place_weight(pair.lower()) >= 2)  # ("THE HAGUE 1996-08-30" holds)
    return (not mixed and is_capitalised_word(word, head)
            and not (pair and (place_weight(pair.lower()) or pair.lower() in ORGS)))


_WORD_BEFORE = lazy(r"([^\W\d_]+)[^\w\n]{0,3}$")
_WORD_AFTER = lazy(r"[^\w\n]{0,3}([^\W\d_]+)")


def _among_lower_case(text: str, start: int, end: int) -> bool:
    """The words either side of ``text[start:end]`` (on its line) are both in lower case."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    after = _WORD_AFTER.match(text, end, end + 30)
    return before is not None and after is not None and before.group(1).islower() and after.group(1).islower()


def _cap_tokens(text: str) -> list[tuple[int, int, str]]:
    """Capitalised tokens as (start, end, text).  An initial, a dotted
    acronym or a short abbreviation keeps its full stop (the pattern takes
    it); "Kong-based" and "US-led" end at the hyphen, which is kept on the
    token to mark that the name ends there."""
    toks = [(m.start(), m.end(), m.group()) for m in _CAP_TOKEN.finditer(text)]
    if "-" not in text:
        return toks
    out = []
    for t in toks:
        w = t[2]
        if "-" in w:
            a = _ADJ_SUFFIX.search(w)
            if a:
                if a.start():
                    out.append((t[0], t[0] + a.start() + 1, w[: a.start() + 1]))
                continue
        out.append(t)
    return out


SCAN_LIMIT = 1_000_000  # names are looked for in the first million characters of an article


def scan(text: str, title: str | None = None, dateline: str | None = None) -> list[Candidate]:
    """Candidate name spans in one cleaned text, with evidence for their kind.

    ``title``: the article's title, lifted out of its text: when it is a
    sentence (not a headline), the evidence it gives a name ("Aisby is a
    village in ...") goes to the text's first mention of that name (the
    title's own mentions are no part of the text).  A giant article (a 10 MB
    single-line file) is scanned only up to ``SCAN_LIMIT``; its words past
    that are still found by search.
    """
    text = text[:SCAN_LIMIT]
    out: list[Candidate] = []
    # "Shenzhen-based orbbec": a firm named in lower case (the place before
    # "-based" is a capitalised run like any other, voted for in context).
    for m in _BASED.finditer(text) if "-based" in text else ():
        right = _strip_possessive(m.group(1))
        low = right.lower()
        if right.islower() and low not in STOPWORDS and low not in DEMONYMS:
            c = Candidate(m.start(1), m.start(1) + len(right), right, 0, [0, 0, 0])
            c.votes[ORG] += 3
            out.append(c)
    toks = _cap_tokens(text)
    numbered = False  # (whether a run took a number: see below)
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t[2].isupper():
            nxt = toks[i + 1][2] if i + 1 < n and text[t[1] : toks[i + 1][0]] == " " else ""
            # (Two to four capitals before a word in mixed case are an
            # acronym, not a line of capitals: "the US Navy", "US Airways".)
            if _caps_break(t[2], True, f"{t[2]} {_strip_possessive(nxt)}" if nxt else "",
                           _among_lower_case(text, t[0], t[1]) if not nxt else (
                               len(t[2]) <= 4 and not nxt.isupper() and nxt[1:2].islower())):
                i += 1
                continue
        # Grow a run of capitalised words; "of"/"and"/"&" only inside organisation names.
        run = [t]
        j = i + 1
        while j < n:
            prev = run[-1][2]
            gap = text[run[-1][1] : toks[j][0]]
            if prev[-2:] in _POSSESSIVES and not (gap == " " and _a_words_possessive(run)) or prev[-1] == "-":
                break
            w = toks[j][2]
            if w.isupper() and _caps_break(w, False, f"{prev} {_strip_possessive(w)}"):
                break  # "KANSAS CITY AT DETROIT", "NEW CHIEF NAMED"; "HONG KONG" holds
            if gap == " ":
                if w.lower() in WEEKDAYS_MONTHS and prev.lower() not in WEEKDAYS_MONTHS:
                    break
                if w == "I" and _PRONOUN_I.match(text, toks[j][1]):
                    break  # "a bid for Nicolas Anelka I will ...": the pronoun, not "Elizabeth I"
                if prev[-1] == "." and (w.lower() in STOPWORDS or len(prev) > 2 and prev.count(".") > 1 and w[-1] != "."
                                        and not (len(run) - (run[0][2].lower() in STOPWORDS) == 1
                                                 and _body_after(text, toks, j))):
                    # "the U.S. He said"; "U.S. Senate" is fine only as a known name,
                    # "U.N. Security Council" as a body's name after the acronym.
                    break
                run.append(toks[j])
                j += 1
                continue
            if len(gap) > _LONGEST_JOIN:
                break  # (most gaps: none of the joins below fits)
            if (gap in _NICK_OPEN and len(run) == 1 and j + 1 < n and text[toks[j][1] : toks[j + 1][0]] in _NICK_CLOSE
                    and is_given_name(run[0][2].lower()) and not w.isupper()):
                run.extend(toks[j : j + 2])  # 'Marion "Suge" Knight': a nickname in quotes inside the name
                j += 2
                continue
            if gap[:1] == " " and gap[-1:] == " " and gap[1:-1] in _PARTICLES and w[:1].isupper():
                run.append(toks[j])  # "Joost van der Westhuizen", "Aravinda de Silva"
                j += 1
                continue
            if gap == " and ":
                after = _joined_after_and(text, toks, run, j)
                if after:
                    run.extend(after)
                    j += len(after)
                    continue
            if gap == " for " and any(r[2].lower() in ORG_HEADS for r in run) and not w.endswith("ing") and not any(
                    surface_votes([_strip_possessive(t[2]) for t in _next_run(text, toks, j)])):
                # "Institute for Palestinian Studies", "Bank for International Settlements";
                # not "the Swiss Super League for FC Basel": a name of its own follows; nor
                # "Institute of Economic Development for Accelerating the ...": a clause.
                run.append(toks[j])
                j += 1
                continue
            if gap[:1] == " " and w[:1].isupper() and _PLACE_LINK.match(gap) and _links_a_place(run, gap, w):
                run.append(toks[j])  # "Newcastle upon Tyne", "Frankfurt am Main": a town the gazetteers know
                j += 1
                continue
            if gap in _JOINERS:
                words = [r[2].lower() for r in run]
                if gap[:4] == " of " and (any(x in ORG_HEADS for x in words) or _common_head(text, run, w) or (
                        words[-1] in _OF_CLOSERS and " of " not in text[run[0][0] : run[-1][1]])
                        or gap == " of " and _firm_of(text, toks, run, j, words)):
                    run.append(toks[j])
                    j += 1
                    continue
                if gap == " & " and (len(run) == 1 or w.lower().rstrip(".") in _FIRM_ENDS) and not prev.isupper():
                    run.append(toks[j])  # "Procter & Gamble", "Bear Stearns & Co": a firm's partners
                    j += 1
                    continue
                if gap != " of " and words[-1] in FIELD_WORDS and w.lower() in FIELD_WORDS | ORG_SUFFIXES | {"rural"}:
                    run.append(toks[j])
                    j += 1
                    continue
            break
        s_, e_, w_ = run[-1]
        if text[e_ + 1 : e_ + 2].isdigit() and text[e_ : e_ + 1] == " " and w_[-1:].isalpha():
            num = _NUMBER_IN_NAME.match(text, e_)
            if (num and _numbered(w_) and not text[max(0, run[0][0] - 3) : run[0][0]].rstrip(" ,;")[-1:].isdigit()
                    and not surface_votes([_strip_possessive(t[2]) for t in run])[PERSON]):
                # (nor the second side of a score: "Arsenal 2 Chelsea 1.", "Arsenal 2, Chelsea 1.")
                run.append((num.start(1), num.end(1), num.group(1)))  # "Radio 4", "PlayStation 3", "Chapter 11"
                numbered = True
        if w_.lower() in UNITS and run[0][0] > 1 and text[run[0][0] - 1] == " ":
            num = _UNIT_NUMBER.search(text, max(0, run[0][0] - 7), run[0][0])
            if num and (len(run) > 1 or not num.group(1)[-1].isdigit()):
                run.insert(0, (num.start(1), num.end(1), num.group(1)))  # "65th Air Division", "IV Corps"
        if w_[-1] == "-":  # "Hong Kong-based": the name without its suffix
            run[-1] = (s_, e_ - 1, w_[:-1])
        elif w_[-1] == "." and len(run) > 1 and w_[:-1].lower() in _CLOSING_ABBREVIATIONS and _SENTENCE_AFTER.match(text, e_):
            run[-1] = (s_, e_ - 1, w_[:-1])  # "... says McDonald & Co. The bank": the stop is the sentence's
        out.extend(_candidates_from_run(text, run))
        i = j
    if " (" in text:
        out = _spelt_out_names(text, out)
    context_votes(text, out)
    acronym_votes(text, out)
    such_as_votes(text, out)
    coordination_votes(text, out)
    _sides_by_nickname(out)
    for c in out if numbered else ():
        if c.text[-1:].isdigit() and " " in c.text:
            words = c.text.split()
            if words[-1].isdigit():
                # "Radio 1 said", "told Radio 4's Today": no one is numbered; nor
                # is a place, unless its words say so ("at Euro 96" is an event).
                c.votes[PERSON] = 0
                c.votes[PLACE] = min(c.votes[PLACE], surface_votes(words[:-1])[PLACE])
    if title and _SENTENCE_TITLE.search(title):
        _title_votes(title, out)
    if dateline and text.startswith(dateline):
        _dateline_places(text, dateline, out)
    return out


def _sides_by_nickname(cands: list[Candidate]) -> None:
    """A side named with its town ("the Toronto Blue Jays", "Tampa Bay Devil
    Rays") is its nickname alone further on ("with the Blue Jays"): the
    nickname, with no strong evidence of its own, is an organisation too
    (a family's name is no nickname: "Willis")."""
    tails = set()
    for c in cands:
        if c.votes[ORG] < 3 or " " not in c.text:
            continue
        words = c.text.split()
        cut = side_cut([w.lower() for w in words])
        if cut and surnames().get(words[-1].lower(), 0) < 10:
            tails.add(" ".join(words[cut:]))
    for c in cands if tails else ():
        if c.text in tails and max(c.votes) < 3:
            c.votes[ORG] += 3


# A title that is a sentence of the text lifted out (a first paragraph of
# prose: "Aisby is a village in the English county of Lincolnshire."), not a
# headline, whose telegraphic lines read as fixtures and tables do
# ("Davenport hits out at Wimbledon").
_SENTENCE_TITLE = lazy(r"\S(?:\s+\S+){7,}[.!?][\"”’)]?$")


def _dateline_places(text: str, dateline: str, cands: list[Candidate]) -> None:
    """The names of the dateline the text opens with ("AL-AIN, United Arab
    Emirates") are places, flagged so: in a results table the same words may
    name a side ("NEW YORK 75 59 .560"), and the article's other mentions
    may be its side, never the dateline.  A name scanning left out there (a
    lone word in capitals) is added."""
    at = {c.start: n for n, c in enumerate(cands)}
    for m in re.finditer(r"[^,]+", dateline):
        part = m.group()
        start = m.start() + len(part) - len(part.lstrip())
        end = m.end() - (len(part) - len(part.rstrip()))
        if end <= start or not text[start].isupper():
            continue
        n = at.get(start)
        if n is None:
            cands.insert(0, Candidate(start, end, text[start:end], SENTENCE_START | DATELINE, [0, 0, _DATELINE_VOTE]))
            at = {c.start: n for n, c in enumerate(cands)}
        else:
            c = cands[n]
            cands[n] = c._replace(flags=c.flags | DATELINE, votes=[0, 0, max(c.votes[PLACE], _DATELINE_VOTE)])


# As strong as a country's name in the gazetteer.
_DATELINE_VOTE = 4


def _title_votes(title: str, cands: list[Candidate]) -> None:
    """Add the context votes the title gives a name to its first mention in ``cands``."""
    first: dict[str, Candidate] = {}
    for c in cands:
        first.setdefault(c.text, c)
    surnames_: set[str] = set()
    for h in scan(title[:SCAN_LIMIT]):
        mention = first.get(h.text)
        if mention is not None and any(h.votes):
            own = _votes_of(h.text)
            for k in range(3):
                mention.votes[k] += max(0, h.votes[k] - own[k])
        words = h.text.split()
        if len(words) > 1 and h.votes[PERSON] >= 2 and h.votes[PERSON] > max(h.votes[ORG], h.votes[PLACE]):
            surnames_.add(words[-1])
    # The title names someone in full ("Alexander Gradsky (born 1949) is a
    # singer"); the text then calls him by his surname alone.
    for c in cands if surnames_ else ():
        if c.text in surnames_ and max(c.votes[ORG], c.votes[PLACE]) < 3:
            c.votes[PERSON] += 2


# A firm's abbreviated legal form, whose stop also ends a sentence where one follows.
_CLOSING_ABBREVIATIONS = frozenset(("co", "corp", "inc", "ltd", "bros"))
_SENTENCE_AFTER = lazy(r"""["'”’)]*(?:\s*$|\s+["“‘(]*[A-Z])""")
# The longest gap the joins of a run allow: a place's link (" upon ", " am
# ", two words of up to four letters), a particle (" van der "), " of the ".
_LONGEST_JOIN = 11
_NICK_OPEN = frozenset((' "', " “", " '", " ‘"))
_NICK_CLOSE = frozenset(('" ', "” ", "' ", "’ "))
# "I" then a verb that only a subject comes before: the pronoun.
_PRONOUN_I = lazy(r" (?:am|was|will|would|shall|should|can|could|may|might|must|have|had|do|did|don't|didn't|"
                  r"think|thought|know|knew|want|wanted|hope|believe|feel|felt|said|say|just|also|never|always|"
                  r"really)\b")


def _body_after(text: str, toks: list[_Tok], j: int) -> bool:
    """The capitalised words from ``toks[j]`` on name a body by its closing
    word ("Security Council", "Treasury Department", "Navy")."""
    nxt = _next_run(text, toks, j, most=4)
    last = _strip_possessive(nxt[-1][2]).lower().rstrip(".")
    return last in ORG_SUFFIXES and last not in PLACE_SUFFIXES and nxt[0][2].lower() not in STOPWORDS


def _a_words_possessive(run: list[_Tok]) -> bool:
    """The run so far is the possessive of a plural without an s ("People's",
    "The Women's"), which opens the name of a body or an event with the
    capitalised words after it: "People's Liberation Army", "Children's
    Hospital", "Men's World Cup".  Any other possessive ends a name
    ("Britain's Labour Party", "Bank's Monetary Policy Committee"), and so
    does a plural's "s'", as often a side's or a party's ("Rangers' Champions
    League", "Tories' Commons") as a trade's ("Workers' Party")."""
    if len(run) > 2 or len(run) == 2 and run[0][2] not in ("The", "THE"):
        return False
    low = run[-1][2][:-2].lower()
    return low in _PLURALS_WITHOUT_S or (low.endswith("men") and surnames().get(low, 0) < _NAME_FLOOR_FOR_POSSESSOR
                                         and not place_weight(low) and places().get(low) is None)  # (not "Yemen's")


# English plurals without an s: their possessive is "'s".  (And every "-men": "Women's", "Sportsmen's".)
_PLURALS_WITHOUT_S = frozenset(("people", "children", "folk"))
# ... that few bear as a family's name ("Coleman's" is someone's).
_NAME_FLOOR_FOR_POSSESSOR = 10


# One or two short lower-case words between capitalised ones: " upon ", " am ", " an der ".
_PLACE_LINK = lazy(r" (?:[a-z]{2,4} ){1,2}\Z")


def _links_a_place(run: list[_Tok], gap: str, word: str) -> bool:
    """The run's last word or two, ``gap`` and ``word`` are a place's name
    the gazetteers know whole ("Kingston upon Hull", "Offenbach am Main")."""
    for k in (1, 2):
        if len(run) >= k and places().get(" ".join(t[2] for t in run[-k:]).lower() + gap.lower() + word.lower()):
            return True
    return False


# A number closing a name: one to three figures, then a possessive, a
# stop, a bracket or a word in lower case ("on Radio 4 last night"); not a
# score ("Arsenal 2 Chelsea 1", "Arsenal 2, Chelsea 1"), a figure going on
# ("Olympic 10,000m", "The 31-year-old") or a date.
_NUMBER_IN_NAME = lazy(r" ([1-9]\d{0,2})(?=['’]s\b|[.!?;:)](?:\s|$)|\s+(?!(?:%s)\b)[a-z]|$)" % "|".join(
    # (a count of something: "the FA Cup 45 years ago", "Byrne 33 not out")
    "years year minutes mins min seconds secs hours days weeks months times points pts goals runs wickets not "
    "per percent million billion m bn km miles kg people games matches".split()))


# The number before a military unit's name (see UNITS): "82nd Airborne
# Division", "7th Fleet"; bare before two words or more, as the US Air Force
# writes them ("65 Air Division"); not a count ("2,000 Army", "3 Army officers").
_UNIT_NUMBER = lazy(r"(?<![\w,.])([1-9]\d{0,2}(?:st|nd|rd|th|d)?) \Z")


def _numbered(word: str) -> bool:
    """``word``, closing a run, may take a number after it as part of the
    name: an English word or a brand ("Radio", "Channel", "Xbox"), not a
    place's or a side's name ("Chelsea 1"), nor a month's ("June 5")."""
    low = word.lower()
    if low[-2:] in ("'s", "’s") or low in WEEKDAYS_MONTHS or low in STOPWORDS or place_weight(low):
        return False  # ("the IMF's 184 members")
    if surnames().get(low, 0) >= _NAME_FLOOR_FOR_NUMBER or given_names().get(low, 0) >= _NAME_FLOOR_FOR_NUMBER:
        return False  # a batsman's score: "Miller 35", "Campbell 75"
    return word_zipf().get(low, 0) >= _NUMBERED_ZIPF or any(c.isupper() for c in word[1:])


_NUMBERED_ZIPF = 40
_NAME_FLOOR_FOR_NUMBER = 10


def _next_run(text: str, toks: list[_Tok], j: int, most: int = 5) -> list[_Tok]:
    """The capitalised words from ``toks[j]`` on, one space apart, up to a
    possessive or a hyphen at a word's end (``most`` at most)."""
    out = [toks[j]]
    while len(out) < most and j + 1 < len(toks) and text[toks[j][1] : toks[j + 1][0]] == " ":
        w = toks[j][2]
        if w[-2:] in _POSSESSIVES or w[-1] == "-":
            break
        j += 1
        out.append(toks[j])
    return out


def _joined_after_and(text: str, toks: list[_Tok], run: list[_Tok], j: int) -> list[_Tok]:
    """The words after "and" that make one name with ``run`` (none if they
    do not): a known place or organisation whole ("Bosnia and Herzegovina",
    "Trinidad and Tobago"); or two parts sharing the word that closes the
    organisation's name, the parts plain English words ("Securities and
    Exchange Commission", "Food and Agriculture Organisation") or places
    ("Portland and Ogdensburg Railroad").  Not two organisations: "Ford and
    General Motors", "Barclays Bank and Lloyds Bank" (the first closed by
    its own word), "KeyCorp and Banc One Corp." (a legal form closes one
    firm), "Chelsea and Manchester United" (a side's word)."""
    nxt = _next_run(text, toks, j)
    words = [_strip_possessive(r[2]).lower() for r in run]
    if len(words) > 1 and words[0] in STOPWORDS:
        words = words[1:]  # ("The Securities and ...")
    head = " ".join(words)
    for k in range(len(nxt), 0, -1):
        whole = f"{head} and {' '.join(_strip_possessive(t[2]).lower() for t in nxt[:k])}"
        if place_weight(whole) >= 2 or whole in ORGS:
            return nxt[:k]
    last = _strip_possessive(nxt[-1][2]).lower().rstrip(".")
    if (len(nxt) < 2 or last not in ORG_SUFFIXES or last in PLACE_SUFFIXES or last in _LEGAL_FORMS
            or last in _SIDE_WORDS or len(words) > 1 and words[-1].rstrip(".") in ORG_SUFFIXES
            or any(w.isupper() and len(w) > 1 for w in words)):
        return []
    first = nxt[0][2].lower()
    if is_plain_word(first) and (all(map(is_plain_word, words)) or len(words) > 1 and is_plain_word(words[-1])
                                 and " of " not in text[run[0][0] : run[-1][1]] and _only_before_and(text, run)
                                 and not surface_votes([_strip_possessive(r[2]) for r in run])[PERSON]):
        # (and after a name, two plain words sharing the closing one: "Fairmont
        # State Community and Technical College"; not a name the text gives
        # alone too: "the Heineken Cup and Celtic League")
        return nxt
    if place_weight(head) >= 2 and (place_weight(first) >= 2 or first in COMPASS):
        return nxt
    return []


# An acronym in brackets: "(OSCE)", "(U.N.)", "(ADDCs)".
_BRACKETED_ACRONYM = lazy(r" \(((?:[A-Z]\.?){2,9})s?\)")
# A word of a name spelt out, and the small words a name's initials skip.
_SPELT_WORD = lazy(r"[^\W\d_][\w.'’&-]*")
_INITIALS_SKIP = frozenset("of for and the in on at to de des du la le et y al el & a an".split())


def _spelt_out_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A name spelt out before its acronym in brackets is one name, however
    many small words it holds: "Organisation for Security and Cooperation
    in Europe (OSCE)", "U.N. Interim Force in Lebanon (UNIFIL)".  Its words
    must give the acronym's letters, a capital each (a small word, "of",
    "in", may give one or none), and no capitalised word may come before
    them (else the acronym spells only the name's end).  The candidates
    inside the span give way to it; a body's word in it makes it one."""
    spans = []
    for m in _BRACKETED_ACRONYM.finditer(text):
        letters = m.group(1).replace(".", "")
        words = [(w.start(), w.group()) for w in _SPELT_WORD.finditer(text, max(0, m.start() - 160), m.start())]
        for s in range(len(words) - 1, -1, -1):
            w = words[s][1]
            if not w[0].isupper() and w.lower() not in _INITIALS_SKIP:
                break  # (a plain word: no name goes back past it)
            if w[0] == letters[0] and _spells(words[s:], letters):
                before = words[s - 1][1] if s else ""
                if s + 1 < len(words) and not (before[:1].isupper() and before not in ("The", "THE")) and (
                        before.lower() not in _INITIALS_SKIP or before.lower() == "the"):
                    end = m.start()
                    while text[end - 1] in ",;:'’":
                        end -= 1  # ("Local Loop Unbundling, (LLU)", "Incomes Data Services' (IDS)")
                    if text[end - 2 : end] in ("'s", "’s"):
                        end -= 2  # ("the Disasters Emergency Committee's (DEC) appeal")
                    spans.append((words[s][0], end))
                break
    if not spans:
        return cands
    from bisect import bisect_right

    starts = [a for a, _ in spans]  # (found in order, apart from one another)

    def inside(c: Candidate) -> bool:
        n = bisect_right(starts, c.start) - 1
        return n >= 0 and c.end <= spans[n][1]

    out = [c for c in cands if not inside(c)]
    for a, b in spans:
        capitals = [w for w in text[a:b].split() if w[:1].isupper()]
        votes = surface_votes(capitals)
        if not votes[ORG] and any(w.lower() in ORG_SUFFIXES or w.lower() in ORG_HEADS for w in capitals):
            votes[ORG] += 3  # "Organisation for Security and ...": a body's word, and an acronym
        out.append(Candidate(a, b, text[a:b], SENTENCE_START if opens_sentence(text, a) else 0, votes))
    out.sort(key=lambda c: c.start)
    return out


def _spells(words: list[tuple[int, str]], letters: str) -> bool:
    """``words`` give ``letters``, each capitalised word its initial (a dotted
    acronym, "U.N.", its letters), each small word one letter or none.
    (Each (word, letter) pair is tried once: "of of of ..." cannot make it
    try every subset.)"""
    memo: dict[tuple[int, int], bool] = {}

    def spells(i: int, k: int) -> bool:
        if i == len(words):
            return k == len(letters)
        key = (i, k)
        if key not in memo:
            w = words[i][1]
            if w[0].isupper():
                initials = w.replace(".", "") if "." in w and w.replace(".", "").isupper() else w[0]
                memo[key] = letters.startswith(initials, k) and spells(i + 1, k + len(initials))
            else:
                memo[key] = spells(i + 1, k) or (letters[k : k + 1] == w[0].upper() and spells(i + 1, k + 1))
        return memo[key]

    return spells(0, 0)


def _only_before_and(text: str, run: list[_Tok]) -> bool:
    """The run's words occur in the text only before "and" (one name's first
    part), never as a name of their own: looked for within 20,000
    characters either side (a giant text is not read again for each)."""
    start, end = run[0][0], run[-1][1]
    words, near = text[start:end], text[max(0, start - 20_000) : end + 20_000]
    return near.count(words) == near.count(words + " and ")


# A public body's closing word that takes "of" after it, as a head word does:
# "Carnegie Institution of Washington", "Boy Scouts of America" (not a firm's:
# "LG Electronics of South Korea" is the firm, then where it is).
_OF_CLOSERS = frozenset("""institution organisation organization scouts guides choir orchestra confederation
    alliance coalition movement front conservatory seminary hospital library theatre theater gallery
    government party police force forces command fleet corps regiment brigade battalion squadron""".split())
# A firm's legal form closes one firm's name, never two: "KeyCorp and Banc One Corp.".
_LEGAL_FORMS = ORG_STRIP | frozenset("gmbh ag sa nv bv spa plc bancorp bancshares bros brothers".split())


# A firm's legal form proper (not "Technology" or "Group", which close other names too).
_FIRM_FORMS = frozenset("co ltd inc corp corporation limited plc llc gmbh ag sa nv bv spa bancorp".split())


def _firm_of(text: str, toks: list[_Tok], run: list[_Tok], j: int, words: list[str]) -> bool:
    """"Gold Fields of South Africa Ltd", "First of Michigan Corp.": the words
    after "of" close with a firm's legal form, so "of" is inside its name;
    not after a title ("the chairman of Acme Inc") or an acronym ("the AI of
    DeepBlue Technology"), nor where the run opens a sentence ("Shares of Acme Inc rose"), nor after a person's or a place's
    name ("Lynn Reaser of Barnett Banks Inc.", "Guatemala of the United
    Fruit Company": "of the" is not inside a firm's name either)."""
    nxt = _next_run(text, toks, j)
    return (_strip_possessive(nxt[-1][2]).lower().rstrip(".") in _FIRM_FORMS and not _is_title(words[-1])
            and words[-1] not in ROLE_WORDS and not run[-1][2].isupper() and not opens_sentence(text, run[0][0])
            and not surface_votes([_strip_possessive(r[2]) for r in run])[PERSON]
            and place_weight(" ".join(_strip_possessive(w) for w in words)) < 2)


# What closes a side's name: "Chelsea and Manchester United" are two sides.
_SIDE_WORDS = frozenset("united rovers fc afc cf sc ac club team".split())


def _common_head(text: str, run: list[_Tok], nxt: str) -> bool:
    """"Battle of Antietam", "Siege of Petersburg", "Treaty of Baden": one
    common English noun, capitalised mid-sentence, then "of" and a name, is
    one name.  A person's role is not ("Fellow of the Royal Society")."""
    if len(run) != 1 or nxt.isupper() or run[0][2].isupper():
        return False  # ("the AI of DeepBlue": an acronym is no common noun)
    low = run[0][2].lower()
    return (word_zipf().get(low, 0) >= 35 and low not in ROLE_WORDS and low not in STOPWORDS
            and not is_given_name(low) and not opens_sentence(text, run[0][0]))


# What closes a firm's name after "&": "Bear Stearns & Co", "A.G. Edwards & Sons".
_FIRM_ENDS = ORG_SUFFIXES | frozenset(("sons", "associates", "partners"))
