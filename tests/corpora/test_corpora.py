"""The third-party corpora beside the repo: BBC text survives, OCR loads."""

from __future__ import annotations

import html
import os

import pytest

from conftest import corpus_dir
from tui.core.loader import load_corpus
from tui.core.reading import decode

pytestmark = pytest.mark.slow  # (the real corpora in ../shared: left out of the quick tier)


def test_bbc_text_unchanged_but_for_whitespace_and_entities():
    root = corpus_dir("bbc")
    corpus = load_corpus([root])
    files = sorted(p for p in root.rglob("*.txt") if p.parent != root)
    assert len(files) == 2225
    by_path = {}
    for a in corpus.articles:
        by_path.setdefault(a.path, []).append(a)
    changed = []
    for f in files:
        arts = by_path[str(f)]
        assert len(arts) == 1, f
        a = arts[0]
        raw = html.unescape(decode(f.read_bytes())).split()
        out = (a.title + " " + a.text).split()
        if raw != out:
            changed.append(str(f))
    assert changed == []
    # The one file that is not UTF-8 is read as cp1252.
    odd = next(a for a in corpus.articles if a.path.endswith("sport/199.txt"))
    assert "£" in odd.text and "\ufffd" not in odd.text


def test_ocr_corpora_load_with_counts():
    root = corpus_dir("ocr")
    skipped = []
    corpus = load_corpus([root], on_skip=skipped.append)
    assert len(corpus) >= 500
    assert all(a.title for a in corpus.articles)
    # Nothing but the near-empty edge cases, the folders' READMEs and their
    # index tables (a table of file names and dates: no article text) may be skipped.
    readmes = [s for s in skipped if "not an article" in s.reason]
    assert readmes and all(os.path.basename(s.path).lower().startswith("readme") for s in readmes)
    tables = [s for s in skipped if s.path.endswith("index.tsv")]
    assert tables and all(s.reason.startswith("no article text field: found ") for s in tables)
    assert all("edge" in s.path for s in skipped if s not in readmes and s not in tables), skipped


def test_overproof_dehyphenation_agrees_with_ground_truth():
    root = corpus_dir("ocr", "overproof", "split")
    import re

    agree = total = 0
    for ocr in sorted(root.rglob("*.ocr.txt")):
        gt = ocr.with_name(ocr.name.replace(".ocr.", ".gt."))
        if not gt.exists():
            continue
        o_lines = ocr.read_text(encoding="utf-8").split("\n")
        g_words = set(re.findall(r"[A-Za-z-]+", gt.read_text(encoding="utf-8")))
        from tui.core.text import Vocabulary, join_hyphenated

        vocab = Vocabulary("\n".join(o_lines))
        for a, b in zip(o_lines, o_lines[1:]):
            m = re.search(r"([A-Za-z]+)-$", a.rstrip())
            n = re.match(r"\s*([a-z]+)", b)
            if not (m and n):
                continue
            joined = join_hyphenated(m.group(1), n.group(1), vocab)
            truth = m.group(1) + n.group(1)
            if truth in g_words or f"{m.group(1)}-{n.group(1)}" in g_words:
                total += 1
                agree += joined in g_words
    assert total > 100
    assert agree / total >= 0.9, (agree, total)


def test_bbc_typos_find_the_same_with_or_without_the_typo_index(tmp_path):
    """A one-shot search scans keys of similar length; a session builds the
    deletions index.  Both must find the same keys, and cut the same ones
    when more are equally close than the limit ("earing": bearing,
    hearing, fearing, wearing, earning, ...)."""
    from tui.core.cache import Cache
    from tui.core.library import build_library

    root = corpus_dir("bbc")
    build_library([root], cache=Cache(tmp_path))
    lib = build_library([root], cache=Cache(tmp_path, one_shot=True))  # as `byline search` reads it
    queries = ["earing", "daring", "wather", "setting", "manchestr united", "telecomunications"]
    for w in list(lib.index.postings)[::211]:
        if len(w) >= 5 and w.isalpha():
            i = len(w) // 2
            queries += [w[:i] + w[i + 1 :], w[:i] + "x" + w[i + 1 :], w[:i] + w[i + 1] + w[i] + w[i + 2 :]]
    assert len(queries) > 300
    scanned = {q: lib.search(q).hits for q in queries}
    lib.index.warm()
    assert lib.index.warmed
    assert [q for q in queries if lib.search(q).hits != scanned[q]] == []
    # (Most queries are typos of common words, which find only capitalised
    # uses that do not open a sentence: still more than a third find some.)
    assert sum(map(bool, scanned.values())) > len(queries) // 3


def test_overproof_line_breaks_at_the_level_reached():
    """The OverProof benchmark (`python -m tui.dev.bench overproof`): line
    breaks mended as the corrected text has them, lost hyphens rejoined, and
    no capital letter made that the corrected text does not have."""
    from tui.dev.bench_clean import overproof

    r = overproof(str(corpus_dir("ocr", "overproof")))
    assert r["line_breaks"] > 10_000
    assert r["right_pct"] >= 96.0, r
    assert r["lost_hyphen_rejoined_pct"] >= 40.0, r
    assert r["capitalisations_made"] == r["capitalisations_right"]


def test_overproof_scoring_follows_a_one_word_line(tmp_path):
    """The scorer finds each break after the one before it; a word joined
    across a hyphen is one letter shorter than its two halves, and a line of
    one word must still be found after it ("success-" / "ful." / "Since")."""
    from tui.dev.bench_clean import overproof

    lines = ["and others are equally success-", "ful.", "Since the station was made the", "matters have gone well."]
    (tmp_path / "a.ocr.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "a.gt.txt").write_text("\n".join(lines), encoding="utf-8")
    r = overproof(str(tmp_path), show=10)
    assert r["line_breaks"] == 3
    assert r["right_pct"] == 100.0, r.get("wrong_sample")


def test_bbc_a_page_of_first_hits_is_the_whole_answers_first(tmp_path, monkeypatch):
    """A one-shot command's page of hits (``top``) read from a bounded part
    of the corpus is the whole answer's first hits, its other forms too,
    for names as remembered, common words and names with typos; the bounds
    made small so that most queries stop early."""
    import tui.core.search as search
    from tui.core.cache import Cache
    from tui.core.library import build_library
    from tui.dev.queries import QUERIES

    root = corpus_dir("bbc")
    build_library([root], cache=Cache(tmp_path))
    lib = build_library([root], cache=Cache(tmp_path, one_shot=True))  # as `byline search` reads it
    monkeypatch.setattr(search, "TOP_SCAN", 40)
    monkeypatch.setattr(search, "TOP_MENTIONS", 60)
    queries = [*QUERIES, "government", "Labour", "Tony Blare", "Mr Blair", "US", '"prime minister"', "Brown | Howard"]
    settled = 0
    for q in queries:
        whole = lib.search(q)
        for top in (1, 20, 50):
            page = lib.search(q, top=top)
            shown = {h.article for h in page.hits[:top]}
            assert page.hits[:top] == whole.hits[:top], (q, top)
            assert ([h for h in page.related if h.article in shown]
                    == [h for h in whole.related if h.article in shown]), (q, top)
            assert len(page.hits) <= len(whole.hits)
            settled += page.partial
    assert settled > 3 * len(queries) // 4, settled  # (a quarter of the pages, at least, settled early)
