"""Search benchmark: names as people remember them, against the text.

    python -m tui.dev.bench search FOLDER [--absent OTHER_FOLDER] [--limit N]

FOLDER holds articles and a ``gold.json`` (file name → [[name, kind], ...],
as ``../shared/corpora/ner/`` has).  Each gold name of two or more letters
becomes queries: as written, lower case, one typo (a letter changed,
swapped, dropped or added, at random but the same every run), words in the
other order, hyphens as spaces and spaces dropped; and, reported apart from
the totals, another romanisation (two of a table's alternations: "Gadafy").  The truth for a query is
every article whose cleaned text holds the name (case-insensitive, whole
words).  Names of ``OTHER_FOLDER``'s gold set that no article here holds are
the absent names: they should find nothing.

Prints: articles found of those holding the name, extra articles per
query, absent names giving nothing, highlights that are exactly a spelling
of the name and those that are the name or a part of it (the surname alone
for a full name: the same person, grouped by the name finder), query p50/p95, each by kind of query, with samples of misses.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import time
import unicodedata


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _typo(name: str, rng: random.Random) -> str | None:
    """One edit inside a word of four letters or more."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{4,}", name)]
    if not words:
        return None
    s, e = rng.choice(words)
    w = name[s:e]
    i = rng.randrange(1, len(w) - 1)
    kind = rng.choice(("change", "swap", "drop", "add"))
    letters = "aeioulnrst"
    if kind == "change":
        w2 = w[:i] + rng.choice([c for c in letters if c != w[i].lower()]) + w[i + 1 :]
    elif kind == "swap":
        if w[i] == w[i + 1]:
            return None
        w2 = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif kind == "drop":
        w2 = w[:i] + w[i + 1 :]
    else:
        w2 = w[:i] + rng.choice(letters) + w[i:]
    return name[:s] + w2 + name[e:]


# Spellings one romanisation or another gives a sound: each one way round
# and back ("ph" for "f", "f" for "ph").
_ALTERNATIONS = [("ph", "f"), ("ks", "x"), ("sh", "sch"), ("ch", "tch"), ("kh", "h"), ("dh", "d"), ("ou", "u"),
                 ("ee", "i"), ("oo", "u"), ("j", "dj"), ("w", "v"), ("y", "i"), ("ck", "k"), ("q", "k"),
                 ("c", "k"), ("z", "s"), ("ie", "y"), ("ai", "ay"), ("ll", "l"), ("tt", "t"), ("mm", "m"),
                 ("o", "u"), ("e", "a")]


def _translit(name: str, rng: random.Random) -> str | None:
    """The name as another romanisation might write it: two of the
    alternations above, in words of six letters or more, so that it is more
    than one typo away ("Yushchenko": "Yushenko"; "Gaddafi": "Gadafy")."""
    low = name.lower()
    words = [(m.start(), m.end()) for m in re.finditer(r"[a-z]{6,}", low)]
    if not words:
        return None
    s, e = rng.choice(words)
    w = low[s:e]
    rules = [(a, b) for a, b in _ALTERNATIONS if a in w[1:]] + [(b, a) for a, b in _ALTERNATIONS if b in w[1:]]
    if len(rules) < 2:
        return None
    for a, b in rng.sample(rules, 2):
        k = w.find(a, 1)
        if k > 0:
            w = w[:k] + b + w[k + len(a) :]
    if w == low[s:e]:
        return None
    word = name[s:e]
    w = w.capitalize() if word[:1].isupper() else w
    return name[:s] + w + name[e:]


def queries_for(name: str, rng: random.Random, translit: bool = False) -> list[tuple[str, str]]:
    out = [("exact", name), ("lower", name.lower())]
    t = _typo(name, rng)
    if t:
        out.append(("typo", t))
    words = name.split()
    if len(words) == 2:
        out.append(("order", f"{words[1]} {words[0]}"))
    if "-" in name:
        out.append(("hyphen", name.replace("-", " ")))
    if len(words) == 2 and len(name) >= 8:
        out.append(("joined", name.replace(" ", "")))
    if _strip_accents(name) != name:
        out.append(("accents", _strip_accents(name)))
    if translit:
        v = _translit(name, random.Random(name))  # (its own generator: the other queries stay as they were)
        if v and v.lower() != name.lower():
            out.append(("translit", v))
    return out


def _within_name(shown: str, name: str) -> bool:
    """A highlight that is a part of the name: its words are words of the name,
    in one paragraph ("Clinton" for Bill Clinton; not "Clinton's", "Hillary
    Clinton" or "Czech\\n\\nRepublic")."""
    words = re.findall(r"[^\W_]+", _strip_accents(shown).lower())
    return bool(words) and "\n\n" not in shown and set(words) <= set(re.findall(r"[^\W_]+", _strip_accents(name).lower()))


def _holds(low_text: str, name: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", low_text) is not None


def run(folder: str, absent_folder: str | None = None, limit: int | None = None, samples: int = 8) -> dict:
    from ..core.library import index_corpus
    from ..core.loader import load_corpus

    gold = json.load(open(f"{folder}/gold.json", encoding="utf-8"))
    lib = index_corpus(load_corpus([folder], scan=True))
    lib.preload()
    arts = lib.corpus.articles
    lows = [_strip_accents(a.text).lower() for a in arts]
    names = sorted({n for ms in gold.values() for n, k in ms if k in ("person", "org", "place") and len(n) >= 2})
    if limit:
        names = names[:limit]
    rng = random.Random(16)
    stats: dict[str, list] = {}
    misses: list[str] = []
    extras: list[str] = []
    times: list[float] = []
    hl_right = hl_all = hl_within = 0
    wrong_highlights: list[str] = []
    for name in names:
        truth = {i for i, low in enumerate(lows) if _holds(low, _strip_accents(name))}
        if not truth:
            continue
        spellings = {name.lower(), _strip_accents(name).lower(), name.lower().replace("-", " ")}
        for kind, q in queries_for(name, rng, translit=True):
            t0 = time.perf_counter()
            res = lib.search(q)
            if kind != "translit":  # (apart from the totals, as above)
                times.append((time.perf_counter() - t0) * 1000)
            found = set(res.articles())
            st = stats.setdefault(kind, [0, 0, 0, 0])  # found, truth, extra articles, queries
            st[0] += len(found & truth)
            st[1] += len(truth)
            st[2] += len(found - truth)
            st[3] += 1
            if truth - found and len(misses) < samples * 4:
                misses.append(f"{kind}: {q!r} ({name})")
            if found - truth and len(extras) < samples * 4:
                extras.append(f"{kind}: {q!r} → {sorted({h.match for h in res.hits if h.article not in truth})[:3]}")
            right = {_strip_accents(s).replace("-", " ") for s in spellings}
            for h in res.hits if kind != "translit" else ():
                if h.article in truth:
                    hl_all += 1
                    shown = arts[h.article].text[h.start : h.end]
                    ok = _strip_accents(shown).lower().replace("-", " ") in right
                    hl_right += ok
                    hl_within += ok or _within_name(shown, name)
                    if not ok and len(wrong_highlights) < samples * 4:
                        wrong_highlights.append(f"{kind}: {q!r} → {shown!r}")
    absent_total = absent_empty = 0
    absent_bad: list[str] = []
    if absent_folder:
        other = json.load(open(f"{absent_folder}/gold.json", encoding="utf-8"))
        cands = sorted({n for ms in other.values() for n, k in ms if k in ("person", "org", "place") and len(n) >= 4})
        for n in cands:
            # Hyphens and spaces are one, as for the queries above: "Bar Room" is in "bar-room".
            forms = {_strip_accents(n), _strip_accents(n).replace(" ", "-")}
            if any(_holds(low, form) for low in lows for form in forms):
                continue
            if limit and absent_total >= limit:
                break
            absent_total += 1
            hits = lib.search(n).hits
            absent_empty += not hits
            if hits and len(absent_bad) < samples:
                absent_bad.append(f"{n!r} → {sorted({h.match for h in hits})[:3]}")
    # (transliterations are reported by kind, apart from the totals the goals are set on)
    total = [sum(v[i] for k, v in stats.items() if k != "translit") for i in range(4)]
    pct = lambda a, b: round(100 * a / b, 2) if b else None  # noqa: E731
    return {
        "folder": folder,
        "names": len(names),
        "queries": total[3],
        "articles_found_pct": pct(total[0], total[1]),
        "extra_articles_per_query": round(total[2] / total[3], 3) if total[3] else None,
        "highlights_exact_pct": pct(hl_right, hl_all),
        "highlights_within_name_pct": pct(hl_within, hl_all),
        "absent_names": absent_total,
        "absent_give_nothing_pct": pct(absent_empty, absent_total),
        "by_kind": {k: {"found_pct": pct(v[0], v[1]), "extra_per_query": round(v[2] / v[3], 3), "queries": v[3]}
                    for k, v in sorted(stats.items())},
        "query_ms_p50": round(statistics.median(times), 2) if times else None,
        "query_ms_p95": round(sorted(times)[int(len(times) * 0.95)], 2) if times else None,
        "missed_sample": misses[:samples],
        "extra_sample": extras[:samples],
        "absent_found_sample": absent_bad,
        "wrong_highlight_sample": wrong_highlights[:samples * 2],
    }


def main(argv: list[str]) -> int:
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench search", description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--absent", help="a gold set whose names not in FOLDER are the absent names")
    ap.add_argument("--limit", type=int, help="at most this many names (and absent names)")
    args = ap.parse_args(argv)
    json.dump(run(args.folder, args.absent, args.limit), sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0
