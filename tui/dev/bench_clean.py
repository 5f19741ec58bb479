"""Cleaning benchmarks on real text (``python -m tui.dev.bench rewrap|overproof|chronam``).

- ``rewrap BBC_FOLDER``: every article hard-wrapped to a narrow column and
  hyphenated as a newspaper would be (pyphen's dictionary, a test
  dependency); the cleaner must give back the text it started from.
- ``overproof FOLDER``: raw newspaper OCR beside the human-corrected lines;
  line breaks, lost hyphens, capitalisations and word error rate.
- ``chronam FOLDER``: raw OCR front pages: stories per page, titles, dates.

Each prints one JSON object.
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein


def _load(folder: str | os.PathLike):
    from ..core.loader import load_corpus

    return load_corpus([str(folder)], on_skip=lambda s: None)


# --------------------------------------------------------------------------
# Rewrap
# --------------------------------------------------------------------------

_CORE = re.compile(r"^([^\w]*)(\w[\w'’]*\w|\w)([^\w]*)$")


def _splits(word: str, dic) -> list[tuple[str, str, str]]:
    """Where a typesetter could break ``word``: (first part with its hyphen,
    the rest, "compound" or "syllable"), longest first part first."""
    out = []
    if "-" in word.strip("-"):
        for m in re.finditer(r"(?<=\w)-(?=\w)", word):
            out.append((word[: m.end()], word[m.end() :], "compound"))
    else:
        parts = _CORE.match(word)
        if parts and parts.group(2).isalpha():
            lead, core = parts.group(1), parts.group(2)
            for pos in dic.positions(core):
                if 2 <= pos <= len(core) - 2:
                    out.append((lead + core[:pos] + "-", core[pos:] + parts.group(3), "syllable"))
    return sorted(out, key=lambda s: -len(s[0]))


def wrap_paragraph(words: list[str], width: int, dic, first_index: int, sites: list) -> list[str]:
    """Lines of at most ``width`` characters (a longer word overflows), words
    broken with a hyphen where that fills a line; each break's word index
    (counted from ``first_index``) and kind goes to ``sites``."""
    lines: list[str] = []
    cur = ""
    for k, word in enumerate(words):
        if not cur or len(cur) + 1 + len(word) <= width:
            cur = f"{cur} {word}" if cur else word
            continue
        room = width - len(cur) - 1
        for head, rest, kind in _splits(word, dic):
            if len(head) <= room:
                lines.append(f"{cur} {head}")
                sites.append((first_index + k, kind))
                cur = rest
                break
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def _article_words(text: str) -> tuple[str, list[str]]:
    lines = text.split("\n")
    return lines[0].strip(), [p for p in "\n".join(lines[1:]).split("\n\n") if p.strip()]


def rewrap(folder: str, limit: int | None = None, width: tuple[int, int] = (28, 44), seed: int = 15, show: int = 40) -> dict:
    import pyphen

    dic = pyphen.Pyphen(lang="en_GB")
    rng = random.Random(seed)
    files = sorted(p for p in Path(folder).rglob("*.txt") if p.name.lower() != "readme.txt")
    if limit:
        files = files[:limit]
    expected: dict[str, list[str]] = {}
    all_sites: dict[str, list] = {}
    with tempfile.TemporaryDirectory(prefix="byline-rewrap-") as tmp:
        for n, path in enumerate(files):
            text = path.read_text(encoding="utf-8", errors="replace")
            title, paras = _article_words(text)
            w = rng.randint(*width)
            sites: list = []
            tokens = title.split()
            out = [title, ""]
            for p in paras:
                words = p.split()
                out.extend(wrap_paragraph(words, w, dic, len(tokens), sites))
                out.append("")
                tokens.extend(words)
            name = f"{n:05d}.txt"
            Path(tmp, name).write_text("\n".join(out), encoding="utf-8")
            key = str(Path(tmp, name))
            expected[key] = html.unescape(" ".join(tokens)).split()
            all_sites[key] = sites
        t0 = time.perf_counter()
        corpus = _load(tmp)
        seconds = time.perf_counter() - t0
        got: dict[str, list[str]] = {}
        for a in corpus.articles:
            got.setdefault(a.path, []).extend([*a.title.split(), *a.text.split()])
    counts = {"syllable": [0, 0], "compound": [0, 0]}
    other_lost = other_added = 0
    wrong: list[str] = []
    for key, want in expected.items():
        have = got.get(key, [])
        sm = difflib.SequenceMatcher(None, want, have, autojunk=False)
        matched: set[int] = set()
        for blk in sm.get_matching_blocks():
            matched.update(range(blk.a, blk.a + blk.size))
        site_idx = {i for i, _ in all_sites[key]}
        for i, kind in all_sites[key]:
            counts[kind][1] += 1
            if i in matched:
                counts[kind][0] += 1
            elif len(wrong) < show:
                wrong.append(f"{want[i]} ({kind})")
        other_lost += sum(1 for i in range(len(want)) if i not in matched and i not in site_idx)
        other_added += max(0, len(have) - len(matched) - (len(site_idx) - len(site_idx & matched)))
    right = counts["syllable"][0] + counts["compound"][0]
    total = counts["syllable"][1] + counts["compound"][1]
    return {
        "articles": len(files),
        "line_end_hyphens": total,
        "right": right,
        "right_pct": round(100 * right / max(1, total), 2),
        "broken_words_joined_pct": round(100 * counts["syllable"][0] / max(1, counts["syllable"][1]), 2),
        "compounds_kept_pct": round(100 * counts["compound"][0] / max(1, counts["compound"][1]), 2),
        "compounds": counts["compound"][1],
        "always_join_pct": round(100 * counts["syllable"][1] / max(1, total), 2),
        "other_words_lost": other_lost,
        "other_words_added": other_added,
        "load_seconds": round(seconds, 2),
        "wrong_sample": wrong,
    }


# --------------------------------------------------------------------------
# OverProof
# --------------------------------------------------------------------------

_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _gt_compounds(gt_texts: list[list[str]]) -> tuple[set[str], set[str]]:
    """Hyphenated words and plain words the corrected text writes inside a line."""
    hyph: set[str] = set()
    plain: set[str] = set()
    for lines in gt_texts:
        for line in lines:
            for w in _WORDS.findall(" ".join(line.split()[1:-1])):
                (hyph if "-" in w else plain).add(w.lower())
    return hyph, plain


def _truth_joins(gt: list[str], hyph: set[str], plain: set[str]) -> list[str]:
    """For each line break of the corrected text: "space", "join" or "hyphen".

    The corrected lines keep the page's line ends: a hyphen there is a broken
    word unless the corrected text writes the word hyphenated inside a line
    (and never whole); a break with no hyphen (the correctors left some as
    the OCR had them) is a broken word when the corrected text writes the
    joined word inside a line and the two halves are not both words there.
    """
    out = []
    for a, b in zip(gt, gt[1:]):
        a, b = a.rstrip(), b.lstrip()
        m = _HYPHEN_END.search(a)
        first = re.match(r"[^\W\d_]+", b)
        if m and not a.endswith("--") and first and b[:1].islower():
            tail = first.group(0)
            whole = (m.group(1) + tail).lower()
            compound = f"{m.group(1)}-{tail}".lower()
            out.append("hyphen" if compound in hyph and whole not in plain else "join")
            continue
        last = re.search(r"[^\W\d_]+$", a)
        if last and first and b[:1].islower() and first.end() == len(b.split()[0]) and last.start() == len(a) - len(a.split()[-1]):
            whole = (last.group(0) + first.group(0)).lower()
            if whole in plain and not (last.group(0).lower() in plain and first.group(0).lower() in plain):
                out.append("join")
                continue
        out.append("space")
    return out


def _letters(token: str) -> str:
    return "".join(c for c in token if c.isalpha()).lower()


def _moved_whole(ta: str, tb: str, ga: str, gb: str) -> bool:
    """The corrected lines hold the word the OCR broke as one token."""
    la, lb = _letters(ta), _letters(tb)
    if not la or not lb:
        return False  # a number or a stray mark the corrector moved is no half of a word ("195,800 / tons")
    whole = la + lb
    if len(whole) <= 3 or not tb[:1].islower():
        return False
    # The corrector may also have mended the word's letters ("cor / tainly"
    # is "certainly" on one line): close to the whole, and longer than the
    # half it stands beside.
    ga_end, gb_start = _letters(" ".join(ga.split()[-1:])), _letters(" ".join(gb.split()[:1]))
    for t, half in ((ga_end, la), (gb_start, lb)):
        if t == whole or (len(t) > len(half) + 2 and Levenshtein.normalized_distance(t, whole) <= 0.2):
            return True
    return False


def _lifted_title(p) -> str:
    """The title when it was lifted out of the text; not one made from the
    text's first words (it is still there)."""
    title = (p.title or "").rstrip("…")
    body = _norm_space(" ".join(p.paragraphs))
    return "" if _norm_space(title) and body.startswith(_norm_space(title)) else p.title or ""


def _norm_space(text: str) -> str:
    return " ".join(text.split())


def overproof(folder: str, show: int = 0) -> dict:
    from ..core.articles import parse_document

    root = Path(folder) / "split" if (Path(folder) / "split").is_dir() else Path(folder)
    pairs = sorted(root.rglob("*.ocr.txt"))
    ocr_texts = [p.read_text(encoding="utf-8").split("\n") for p in pairs]
    gt_texts = [Path(str(p).replace(".ocr.txt", ".gt.txt")).read_text(encoding="utf-8").split("\n") for p in pairs]
    hyph, plain = _gt_compounds(gt_texts)
    stats = {k: [0, 0] for k in ("space", "join", "hyphen", "lost_hyphen")}
    always = [0, 0]
    caps_made = caps_right = 0
    cap_samples: list[str] = []
    wer = {"byline": [0, 0], "raw": [0, 0], "always_join": [0, 0]}
    wrong: list[str] = []
    t0 = time.perf_counter()
    # The corpus's evidence for hyphens, as Byline gathers it from a folder
    # of these OCR files (the corrected files are no part of it).
    from ..core.text import hyphen_census

    corpus: dict[str, int] = {}
    for ocr in ocr_texts:
        for form, n in hyphen_census("\n".join(ocr)).items():
            corpus[form] = corpus.get(form, 0) + n
    for ocr, gt in zip(ocr_texts, gt_texts):
        parsed = parse_document("\n".join(ocr), corpus=corpus)
        out = _norm_space(" ".join(" ".join([_lifted_title(p), *p.paragraphs]) for p in parsed))
        truth = _truth_joins(gt, hyph, plain)
        ref_parts = [gt[0].strip()] if gt else []
        for kind, line in zip(truth, gt[1:]):
            line = line.strip()
            if not line:
                ref_parts.append(" ")
                continue
            if kind == "space" or not ref_parts:
                ref_parts.append(" " + line)
            elif kind == "join":
                ref_parts[-1] = ref_parts[-1].rstrip()[:-1]
                ref_parts.append(line)
            else:
                ref_parts.append(line)
        reference = _norm_space("".join(ref_parts)).split()
        # Each break judged where the OCR has it: the two tokens around it, as they should be glued.
        cursor = 0
        always_parts: list[str] = []
        for i, kind in enumerate(truth):
            a, b = ocr[i].strip(), ocr[i + 1].strip() if i + 1 < len(ocr) else ""
            if not a or not b:
                continue
            ta, tb = a.split()[-1], b.split()[0]
            if kind == "space" and _moved_whole(ta, tb, gt[i], gt[i + 1]):
                kind = "join"  # the corrector moved a broken word's half to the other line
            lost = kind != "space" and not ta.endswith("-")
            if kind == "space":
                want = f"{ta} {tb}"
            elif kind == "join":
                want = ta[:-1] + tb if ta.endswith("-") else ta + tb
            else:
                want = ta + tb if ta.endswith("-") else f"{ta}-{tb}"
            aj = ta[:-1] + tb if ta.endswith("-") and len(ta) > 1 and ta[-2].isalpha() else f"{ta} {tb}"
            always[1] += 1
            always[0] += aj == want
            pos = out.find(want, cursor)
            if pos < 0 and kind == "join" and not ta[-1].isalnum() and ta[-1] != "-":
                # OCR read the hyphen as another mark ("commence'" / "ment"): dropping it is right too.
                want = ta[:-1] + tb
                pos = out.find(want, cursor)
            ok = pos >= 0 and pos - cursor < 400 + len(a) + len(b)
            if ok:
                # On to where ``tb`` stands in the output: the next break's
                # left token is ``tb`` itself when its line is one word.
                cursor = pos + len(want) - len(tb)
            stats[kind][1] += 1
            stats[kind][0] += ok
            if not ok and len(wrong) < show:
                wrong.append(f"{kind}: {want!r} <{ta}|{tb}>")
            if lost:
                stats["lost_hyphen"][1] += 1
                stats["lost_hyphen"][0] += ok
        for line in ocr:
            line = line.strip()
            if not line:
                continue
            if always_parts and always_parts[-1].endswith("-") and len(always_parts[-1]) > 1 and always_parts[-1][-2].isalpha():
                always_parts[-1] = always_parts[-1][:-1] + line
            else:
                always_parts.append(line)
        raw_tokens = " ".join(ln.strip() for ln in ocr).split()
        always_tokens = " ".join(always_parts).split()
        out_tokens = out.split()
        for name, toks in (("byline", out_tokens), ("raw", raw_tokens), ("always_join", always_tokens)):
            sm = difflib.SequenceMatcher(None, reference, toks, autojunk=False)
            same = sum(b.size for b in sm.get_matching_blocks())
            wer[name][0] += max(len(reference), len(toks)) - same
            wer[name][1] += len(reference)
        # Capitalisations Byline made: a token the OCR has in lower case.
        sm = difflib.SequenceMatcher(None, [t.lower() for t in always_tokens], [t.lower() for t in out_tokens], autojunk=False)
        ref_lower = {}
        sm_ref = difflib.SequenceMatcher(None, [t.lower() for t in always_tokens], [t.lower() for t in reference], autojunk=False)
        for blk in sm_ref.get_matching_blocks():
            for k in range(blk.size):
                ref_lower[blk.a + k] = reference[blk.b + k]
        for blk in sm.get_matching_blocks():
            for k in range(blk.size):
                src, got = always_tokens[blk.a + k], out_tokens[blk.b + k]
                if src != got and src[:1].islower() and got[:1].isupper():
                    caps_made += 1
                    truth_tok = ref_lower.get(blk.a + k)
                    if truth_tok is not None and truth_tok[:1].isupper():
                        caps_right += 1
                    elif len(cap_samples) < 10:
                        cap_samples.append(got)
    seconds = time.perf_counter() - t0
    total = sum(stats[k][1] for k in ("space", "join", "hyphen"))
    right = sum(stats[k][0] for k in ("space", "join", "hyphen"))
    pct = lambda a, b: round(100 * a / max(1, b), 2)  # noqa: E731
    return {
        "articles": len(pairs),
        "line_breaks": total,
        "right_pct": pct(right, total),
        "always_join_pct": pct(*always),
        "spaces_right_pct": pct(*stats["space"]),
        "broken_words_joined_pct": pct(*stats["join"]),
        "compounds_kept_pct": pct(*stats["hyphen"]),
        "compounds": stats["hyphen"][1],
        "lost_hyphen_words": stats["lost_hyphen"][1],
        "lost_hyphen_rejoined_pct": pct(*stats["lost_hyphen"]),
        "capitalisations_made": caps_made,
        "capitalisations_right": caps_right,
        "wrong_capitalisations": cap_samples,
        "word_error_rate_pct": {k: pct(*v) for k, v in wer.items()},
        "seconds": round(seconds, 2),
        **({"wrong_sample": wrong} if show else {}),
    }


# --------------------------------------------------------------------------
# ChronAm
# --------------------------------------------------------------------------


def chronam(folder: str, titles: int = 0) -> dict:
    from ..core.loader import load_corpus

    root = Path(folder)
    files = sorted((root / "english").glob("*.txt")) if (root / "english").is_dir() else sorted(root.glob("*.txt"))
    t0 = time.perf_counter()
    corpus = load_corpus([str(f) for f in files], on_skip=lambda s: None)
    seconds = time.perf_counter() - t0
    pages: dict[str, list] = {}
    for a in corpus.articles:
        pages.setdefault(a.path, []).append(a)
    per_page = sorted(len(v) for v in pages.values())
    paras = [len(a.paragraphs) for a in corpus.articles]
    sample = []
    rng = random.Random(1916)
    arts = list(corpus.articles)
    for a in rng.sample(arts, min(titles, len(arts))):
        sample.append(a.title)
    return {
        "pages": len(files),
        "pages_read": len(pages),
        "stories": len(corpus.articles),
        "stories_per_page_median": per_page[len(per_page) // 2] if per_page else 0,
        "stories_per_page_range": [per_page[0], per_page[-1]] if per_page else [],
        "paragraphs_per_story_median": sorted(paras)[len(paras) // 2] if paras else 0,
        "pages_with_date": sum(1 for v in pages.values() if any(a.date for a in v)),
        "removed_lines": sum(a.removed_lines for a in corpus.articles),
        "seconds": round(seconds, 2),
        "title_sample": sample,
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="which", required=True)
    r = sub.add_parser("rewrap", help="BBC articles wrapped and hyphenated, cleaned back")
    r.add_argument("folder")
    r.add_argument("--limit", type=int)
    o = sub.add_parser("overproof", help="OCR lines beside their corrected text")
    o.add_argument("folder")
    c = sub.add_parser("chronam", help="raw OCR front pages")
    c.add_argument("folder")
    c.add_argument("--titles", type=int, default=20, help="print this many titles, picked at random")
    args = ap.parse_args(argv)
    if args.which == "rewrap":
        result = rewrap(args.folder, args.limit)
    elif args.which == "overproof":
        result = overproof(args.folder)
    else:
        result = chronam(args.folder, args.titles)
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0
