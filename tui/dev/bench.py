"""Benchmarks.

    python -m tui.dev.bench [PATH ...]            load+clean+extract+index time, query latency, peak RSS
    python -m tui.dev.bench names FOLDER [...]    names against a gold set (FOLDER/gold.json)
    python -m tui.dev.bench rewrap|overproof|chronam FOLDER   cleaning (see tui.dev.bench_clean)
    python -m tui.dev.bench search FOLDER [--absent OTHER]    name search (see tui.dev.bench_search)
    python -m tui.dev.bench export FILE.jsonl    a large export read in parts (see tui.dev.bench_export)
    python -m tui.dev.bench frame [PATH ...]     the app's first frame in a terminal (see tui.dev.bench_frame)
    python -m tui.dev.bench panel [PATH ...]     the entity panel's filter and counts (see tui.dev.bench_panel)
    python -m tui.dev.bench oneshot PATH --cache-dir D   a warm `byline search`, whole process (see tui.dev.bench_oneshot)
    python -m tui.dev.bench engines PATH --cache-dir D --out O   Byline's postings beside FTS5 and Tantivy (see tui.dev.bench_engines)
    python -m tui.dev.bench session PATH --cache-dir D   the app's session: first screen, queries, memory (see tui.dev.bench_session)
    python -m tui.dev.bench add PATH --into F --cache-dir D   files added to an indexed corpus, then searched (see tui.dev.bench_add)
    python -m tui.dev.bench index PATH --cache-dir D   cold indexing phase by phase: time, peak memory (see tui.dev.bench_index)
    python -m tui.dev.bench sidebar [--articles N]   a search's sidebar order at N articles (see tui.dev.bench_sidebar)

Prints one JSON object.  The fixed query list mixes names as people remember
them: typos, case, order, spacing, and names that are not there.  Queries run
after the warm-up the app does once it has started (the typo index, then every
text readied for searching), five times over unless ``--repeat`` says.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time

from .queries import QUERIES



def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_app(paths, cache_dir, t0: float | None = None) -> float:
    """Seconds from ``t0`` (default: starting the app) until its sidebar lists the articles."""
    import asyncio

    from ..app.app import BylineApp

    async def run() -> float:
        start = time.perf_counter() if t0 is None else t0
        app = BylineApp(paths, cache_dir=cache_dir, use_cache=cache_dir is not None)
        async with app.run_test(size=(120, 36)) as pilot:
            while app.screen.__class__.__name__ != "MainScreen":
                await pilot.pause(0.01)
            while getattr(app.screen, "sidebar").option_count == 0:  # noqa: B009  (the main screen's)
                await pilot.pause(0.01)
            return time.perf_counter() - start

    return asyncio.run(run())


_NAME_KINDS = ("person", "org", "place")


def _norm_name(name: str) -> str:
    """As the gold sets compare names: case-folded, spaces collapsed, a closing possessive dropped."""
    name = name.strip()
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    return " ".join(name.split()).casefold()


def byline_names(folder) -> dict[str, list[tuple[str, str]]]:
    """Byline's names in each article of ``folder``: file name → its
    distinct (name, kind) pairs (one name may be of two kinds there: "NEW
    YORK", the dateline's city and a side in the table below it)."""
    import os

    from ..core.library import index_corpus
    from ..core.loader import load_corpus

    lib = index_corpus(load_corpus([str(folder)], scan=True))
    found: dict[str, list[tuple[str, str]]] = {}
    for i, art in enumerate(lib.corpus.articles):
        mine = found.setdefault(os.path.basename(art.path), [])
        for m, e in lib.entities.in_article(i):
            if (_norm_name(m.text), e.kind) not in mine:
                mine.append((_norm_name(m.text), e.kind))
    return found


# spaCy's labels as Byline's kinds (GPE and LOC are both places).
_SPACY_KINDS = {"PERSON": "person", "PER": "person", "ORG": "org", "GPE": "place", "LOC": "place"}


def spacy_names(folder, model: str) -> dict[str, list[tuple[str, str]]]:
    """The same, from a spaCy pipeline (installed separately, never a
    dependency): each file's text after its first paragraph, the headline
    the gold sets leave out."""
    import os

    import spacy

    nlp = spacy.load(model)
    found: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            body = fh.read().split("\n\n", 1)[-1]
        found[name] = list(dict.fromkeys((_norm_name(e.text), _SPACY_KINDS.get(e.label_, "other")) for e in nlp(body).ents))
    return found


def score_names(folder, misses: int = 0, found: dict[str, list[tuple[str, str]]] | None = None) -> dict:
    """Names found in ``folder`` (Byline's unless ``found`` is given) against
    its ``gold.json`` (file name → [[surface, kind], ...]): per article, the
    distinct (name, kind) of people, organisations and places, micro-averaged
    over articles.  Also: the share of gold names found with any kind, and of
    found names that are no gold name at all ("junk").  Scored as
    ``../shared/tools/ner_score.py`` scores."""
    import os
    import random

    gold = json.loads(open(os.path.join(folder, "gold.json"), encoding="utf-8").read())
    if found is None:
        found = byline_names(folder)
    tp = n_gold = n_found = any_kind = junk = n_any = 0
    errors: dict[str, list[str]] = {"missed": [], "wrong_kind": [], "junk": []}
    by_kind = {k: [0, 0] for k in _NAME_KINDS}
    for doc, mentions in sorted(gold.items()):
        g = {(_norm_name(n), k) for n, k in mentions if k in _NAME_KINDS}
        pairs = found.get(doc, [])
        p = {(n, k) for n, k in pairs if k in _NAME_KINDS}
        mine = dict(pairs)  # (a name found as two kinds: the last, as ner_score.py takes it)
        every_gold = {_norm_name(n) for n, _ in mentions}
        tp += len(g & p)
        n_gold += len(g)
        n_found += len(p)
        for n, k in g:
            by_kind[k][1] += 1
            by_kind[k][0] += (n, k) in p
            if n in mine:
                any_kind += 1
                if (n, k) not in p:
                    errors["wrong_kind"].append(f"{doc}: {n} is {k}, found as {mine[n]}")
            else:
                errors["missed"].append(f"{doc}: {n} ({k})")
        extra = set(mine) - every_gold
        junk += len(extra)
        n_any += len(mine)
        errors["junk"] += [f"{doc}: {n} ({mine[n]})" for n in sorted(extra)]
    precision = tp / n_found if n_found else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {
        "folder": str(folder),
        "gold_names": n_gold,
        "labelled": {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3)},
        "found_share": round(any_kind / n_gold, 3) if n_gold else 0.0,
        "junk_share": round(junk / n_any, 3) if n_any else 0.0,
        "right_kind": {k: f"{a}/{b}" for k, (a, b) in by_kind.items()},
    }
    if misses:
        rnd = random.Random(0)
        for name, rows in errors.items():
            out[name] = rnd.sample(rows, min(misses, len(rows)))
    return out


def names_main(argv) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench names", description=(score_names.__doc__ or "").split("\n\n")[0])
    ap.add_argument("folders", nargs="+", help="folders holding gold.json beside the articles")
    ap.add_argument("--misses", type=int, default=0, help="show this many of each kind of error")
    ap.add_argument("--spacy", metavar="MODEL", help="score this spaCy pipeline instead (spaCy and the model installed by you)")
    args = ap.parse_args(argv)
    for folder in args.folders:
        found = spacy_names(folder, args.spacy) if args.spacy else None
        json.dump(score_names(folder, args.misses, found), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    return 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["names"]:
        return names_main(argv[1:])
    if argv[:1] == ["search"]:
        from .bench_search import main as search_main

        return search_main(argv[1:])
    if argv[:1] == ["export"]:
        from .bench_export import main as export_main

        return export_main(argv[1:])
    if argv[:1] == ["panel"]:
        from .bench_panel import main as panel_main

        return panel_main(argv[1:])
    if argv[:1] == ["frame"]:
        from .bench_frame import main as frame_main

        return frame_main(argv[1:])
    if argv[:1] == ["engines"]:
        from .bench_engines import main as engines_main

        return engines_main(argv[1:])
    if argv[:1] == ["oneshot"]:
        from .bench_oneshot import main as oneshot_main

        return oneshot_main(argv[1:])
    if argv[:1] == ["session"]:
        from .bench_session import main as session_main

        return session_main(argv[1:])
    if argv[:1] == ["add"]:
        from .bench_add import main as add_main

        return add_main(argv[1:])
    if argv[:1] == ["sidebar"]:
        from .bench_sidebar import main as sidebar_main

        return sidebar_main(argv[1:])
    if argv[:1] == ["index"]:
        from .bench_index import main as index_main

        return index_main(argv[1:])
    if argv[:1] == ["html"]:
        from .bench_html import main as html_main

        return html_main(argv[1:])
    if argv[:1] in (["rewrap"], ["overproof"], ["chronam"]):
        from .bench_clean import main as clean_main

        return clean_main(argv)
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5, help="runs of the query list")
    ap.add_argument("--cache-dir", help="use (and fill) this index cache: run twice for cold, then warm")
    ap.add_argument("--app", action="store_true", help="also time the app to its first screen with articles listed")
    ap.add_argument(
        "--app-only", action="store_true",
        help="only time the app, in this fresh process, from before Textual is imported to the listed first screen",
    )
    args = ap.parse_args(argv)
    if args.app_only:
        from ..core.loader import bundled_seeds

        t0 = time.perf_counter()
        paths = args.paths or [str(bundled_seeds())]
        secs = _time_app(paths, args.cache_dir, t0)
        json.dump({"paths": paths, "app_first_screen_s": round(secs, 3), "peak_rss_mb": round(peak_rss_mb(), 1)}, sys.stdout)
        sys.stdout.write("\n")
        return 0
    from ..core.library import index_corpus
    from ..core.loader import bundled_seeds, load_corpus

    paths = args.paths or [str(bundled_seeds())]
    cache = key = None
    if args.cache_dir:
        from ..core.cache import Cache, corpus_key

        cache, key = Cache(args.cache_dir), corpus_key(paths)
    t0 = time.perf_counter()
    corpus = load_corpus(paths, scan=True, cache=cache)
    t1 = time.perf_counter()
    lib = index_corpus(corpus, cache, key)
    t2 = time.perf_counter()
    lib.index.warm()
    t3 = time.perf_counter()
    lib.preload()  # as the app does once it has started: queries then find every text ready
    t4 = time.perf_counter()
    import gc

    gc.freeze()  # as the app does then
    lat = []
    hits = {}
    for _ in range(args.repeat):
        for q in QUERIES:
            s = time.perf_counter()
            r = lib.search(q)
            lat.append((time.perf_counter() - s) * 1000)
            hits[q] = len(r.hits)
    lat.sort()
    out = {
        "paths": paths,
        "articles": len(corpus),
        "characters": sum(len(a.text) for a in corpus.articles),
        "entities": len(lib.entities),
        "load_clean_scan_s": round(t1 - t0, 3),
        "extract_index_s": round(t2 - t1, 3),
        "total_index_s": round(t2 - t0, 3),
        "typo_index_s": round(t3 - t2, 3),
        "preload_s": round(t4 - t3, 3),
        "queries": len(QUERIES),
        "query_ms_p50": round(statistics.median(lat), 2),
        "query_ms_p95": round(lat[int(len(lat) * 0.95) - 1], 2),
        "query_ms_max": round(lat[-1], 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "files_from_cache": corpus.from_cache,
        "hits": hits,
    }
    if args.app:
        out["app_first_screen_s"] = round(_time_app(paths, args.cache_dir), 3)
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
