"""Byline's own word postings beside two embedded search engines, on one corpus.

    python -m tui.dev.bench engines PATH [PATH ...] --cache-dir DIR --out DIR

The corpus must be indexed in ``--cache-dir`` already (run ``byline search
x PATH --cache-dir DIR`` once).  Its cleaned texts are read back from there
and indexed by SQLite's FTS5 (the ``sqlite3`` module's own SQLite) and by
Tantivy (``pip install tantivy``; left out, saying so, if it is not
installed), into ``--out``.  For each: seconds to build, size on disk, and,
in a fresh process that only opens the index, the latency of the benchmark's
query list (:data:`tui.dev.queries.QUERIES`) as the step an engine would
take over from Byline — the articles holding every word of a query, a ``|``
joining alternatives — and that process's peak memory.  Byline's row is the
same step through its stored postings, opened as a one-shot command opens
them.  The article sets each engine gives are compared with Byline's
(the same; or holding Byline's: Byline keeps "Sony's" as one word).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

from .queries import QUERIES

_WORD = re.compile(r"[^\W_]+")


def _alternatives(query: str) -> list[list[str]]:
    """A query as the words each of its alternatives must all hold (lower case)."""
    out = []
    for part in query.split("|"):
        words = [w.lower() for w in _WORD.findall(part)]
        if words:
            out.append(words)
    return out


def _size(path: str) -> int:
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def _texts(paths: list[str], cache_dir: str) -> list[str]:
    from ..core.cache import Cache
    from ..core.library import build_library

    lib = build_library(paths, cache=Cache(cache_dir))
    lib.preload()
    return [a.text for a in lib.articles]


def _build_fts5(texts: list[str], out: str) -> float:
    import sqlite3

    path = os.path.join(out, "fts5.sqlite")
    if os.path.exists(path):
        os.remove(path)
    t = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    # Word positions kept (detail=full): phrases, and where each word is.  No
    # copy of the texts (content=''): Byline keeps them already.
    db.execute("CREATE VIRTUAL TABLE t USING fts5(text, content = '', tokenize = 'unicode61 remove_diacritics 0')")
    with db:
        db.executemany("INSERT INTO t (rowid, text) VALUES (?, ?)", enumerate(texts))
        db.execute("INSERT INTO t (t) VALUES ('optimize')")
    db.close()
    return time.perf_counter() - t


def _build_tantivy(texts: list[str], out: str) -> float:
    import tantivy

    path = os.path.join(out, "tantivy")
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    t = time.perf_counter()
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("n", stored=True, indexed=True, fast=True)
    builder.add_text_field("text", stored=False, index_option="position")
    index = tantivy.Index(builder.build(), path=path)
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for n, text in enumerate(texts):
        doc = tantivy.Document()
        doc.add_unsigned("n", n)
        doc.add_text("text", text)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - t


def _peak_rss_mb() -> float:
    """This process's peak resident memory.  (Not getrusage: a child started
    by a big parent inherits the parent's peak as its own.)"""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _serve(engine: str, where: str, paths: list[str]) -> dict:
    """Open one index and run the query list (five times); print what it took."""
    t = time.perf_counter()
    if engine == "byline":
        from ..core.cache import Cache
        from ..core.library import build_library

        lib = build_library(paths, cache=Cache(where, one_shot=True), trust_folders=True)
        postings = lib.index.postings

        def articles(words: list[str]) -> set[int]:
            lists = []
            for w in words:
                arr = postings.get(w)
                if arr is None:
                    return set()
                lists.append(arr)
            lists.sort(key=len)
            common = set(lists[0])
            for arr in lists[1:]:
                common.intersection_update(arr)
            return common

    elif engine == "fts5":
        import sqlite3

        db = sqlite3.connect(f"file:{os.path.join(where, 'fts5.sqlite')}?mode=ro", uri=True)

        def articles(words: list[str]) -> set[int]:
            match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            return {r[0] for r in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))}

    else:
        import tantivy

        index = tantivy.Index.open(os.path.join(where, "tantivy"))
        searcher = index.searcher()
        schema = index.schema

        def articles(words: list[str]) -> set[int]:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "text", w)) for w in words]
            )
            found = searcher.search(query, limit=max(1, searcher.num_docs))
            return {searcher.doc(addr)["n"][0] for _, addr in found.hits}

    opened = time.perf_counter() - t
    sets: dict[str, list[int]] = {}
    ms: list[float] = []
    for _ in range(5):
        for q in QUERIES:
            s = time.perf_counter()
            got: set[int] = set()
            for words in _alternatives(q):
                got |= articles(words)
            ms.append((time.perf_counter() - s) * 1000)
            sets[q] = sorted(got)
    ms.sort()
    return {
        "open_s": round(opened, 3),
        "query_ms_p50": round(statistics.median(ms), 2),
        "query_ms_p95": round(ms[int(len(ms) * 0.95) - 1], 2),
        "query_ms_max": round(ms[-1], 2),
        "peak_rss_mb": _peak_rss_mb(),
        "sets": sets,
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench engines")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--cache-dir", required=True)
    ap.add_argument("--out", required=True, help="where the engines' indexes are built")
    ap.add_argument("--serve", nargs=2, metavar=("ENGINE", "DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        json.dump(_serve(args.serve[0], args.serve[1], args.paths), sys.stdout)
        return 0
    os.makedirs(args.out, exist_ok=True)
    texts = _texts(args.paths, args.cache_dir)
    text_mb = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
    engines = {"byline": None, "fts5": _build_fts5}
    try:
        import tantivy  # noqa: F401

        engines["tantivy"] = _build_tantivy
    except ImportError:
        pass
    from ..core.cache import DB_NAME

    out: dict = {"articles": len(texts), "text_mb": round(text_mb, 1), "engines": {}}
    for name, build in engines.items():
        row: dict = {}
        if build is not None:
            row["build_s"] = round(build(texts, args.out), 1)
            row["size_mb"] = round(_size(os.path.join(args.out, "fts5.sqlite" if name == "fts5" else name)) / 1e6, 1)
        else:
            import sqlite3

            db = sqlite3.connect(os.path.join(args.cache_dir, DB_NAME))
            # The word postings (no positions); the whole index also holds texts, names and the listing.
            words = db.execute("SELECT sum(length(data)) FROM corpus_parts WHERE part = 'words'").fetchone()[0]
            db.close()
            row["size_mb"] = round((words or 0) / 1e6, 1)
            row["whole_index_mb"] = round(_size(os.path.join(args.cache_dir, DB_NAME)) / 1e6, 1)
        where = args.cache_dir if name == "byline" else args.out
        served = json.loads(subprocess.run(
            [sys.executable, "-m", "tui.dev.bench", "engines", *args.paths, "--cache-dir", args.cache_dir,
             "--out", args.out, "--serve", name, where],
            capture_output=True, text=True, check=True,
        ).stdout)
        row.update({k: v for k, v in served.items() if k != "sets"})
        row["sets"] = served["sets"]
        out["engines"][name] = row
    if "tantivy" not in out["engines"]:
        out["engines"]["tantivy"] = "not installed (pip install tantivy)"
    base = out["engines"]["byline"].pop("sets")
    for row in out["engines"].values():
        if isinstance(row, dict) and "sets" in row:
            sets = row.pop("sets")
            # Byline keeps "Sony's" as one word, where the engines see "sony": they may find more.
            row["same_articles_pct"] = round(100 * sum(sets[q] == base[q] for q in base) / len(base), 1)
            row["holds_bylines_pct"] = round(100 * sum(set(base[q]) <= set(sets[q]) for q in base) / len(base), 1)
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
