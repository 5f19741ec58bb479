"""Web page benchmark (``python -m tui.dev.bench html BBC_FOLDER``).

Each BBC article is put into a saved web page of one of several site
layouts — menus, a "most read" list, share buttons, advertisements,
"Read more" links and related stories between paragraphs, image captions,
a newsletter box, comments, a cookie notice, a footer, and metadata in
``<meta>`` tags or JSON-LD — and read back.  The article's own paragraphs
are the truth.  Extracted text is scored as the public article-extraction
benchmark scores it: the 4-word shingles of the text found against those of
the truth, precision and recall for each page, averaged.  trafilatura's own
text is scored beside Byline's (which is trafilatura's, cleaned).

The pages are generated, not collected: they measure what layouts like
these cost, not every site's quirks.  Prints one JSON object.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    toks = _TOKEN.findall(text.lower())
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def prf(found: str, truth: str) -> tuple[float, float, float]:
    f, t = shingles(found), shingles(truth)
    common = sum((f & t).values())
    p = common / sum(f.values()) if f else 0.0
    r = common / sum(t.values()) if t else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------

_SITES = ["The Morning Ledger", "Northern Courier", "Daily Dispatch", "City Herald", "The Evening Post"]
_SECTIONS = ["Home", "News", "World", "Business", "Politics", "Technology", "Science", "Health", "Sport",
             "Culture", "Opinion", "Travel", "Video", "Podcasts", "Weather"]
_FURNITURE_P = [
    "Advertisement", "Share this article", "Follow us on Twitter", "Sign up for our daily newsletter",
    "Story continues below advertisement", "Share on Facebook", "Copy link", "Related Topics",
]


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _names(rnd: random.Random) -> tuple[list[str], list[str]]:
    from ..core.names import given_names, surnames

    given = sorted(given_names(), key=lambda g: -given_names().get(g))[:1000]
    family = sorted(surnames(), key=lambda s: -surnames().get(s))[:3000]
    return given, family


def _person(rnd: random.Random, given: list[str], family: list[str]) -> str:
    if not given or not family:
        return "Jane Doe"
    return f"{rnd.choice(given).title()} {rnd.choice(family).title()}"


def make_page(title: str, paras: list[str], others: list[str], rnd: random.Random, names) -> str:
    """A saved page holding one article, in one of four layouts."""
    site = rnd.choice(_SITES)
    author = _person(rnd, *names)
    day = f"2005-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    layout = rnd.randrange(4)
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in rnd.sample(_SECTIONS, rnd.randint(6, 12)))
    most_read = "".join(f'<li><a href="/story/{i}">{_esc(t)}</a></li>' for i, t in enumerate(rnd.sample(others, 8)))
    related = rnd.sample(others, 3)
    body: list[str] = []
    for i, p in enumerate(paras):
        body.append(f"<p>{_esc(p)}</p>")
        roll = rnd.random()
        if i == 1 and rnd.random() < 0.6:
            caption = rnd.choice(others)
            body.append(f'<figure><img src="/img/{i}.jpg" alt=""><figcaption>{_esc(caption)} '
                        f'<span class="credit">Getty Images</span></figcaption></figure>')
        elif roll < 0.12:
            body.append(f'<p><strong>Read more:</strong> <a href="/story/r{i}">{_esc(rnd.choice(related))}</a></p>')
        elif roll < 0.22:
            body.append(f'<div class="ad"><p>{rnd.choice(_FURNITURE_P)}</p></div>')
        elif roll < 0.27:
            body.append(f'<aside class="related"><h3>Related</h3><ul><li><a href="/r">{_esc(related[0])}</a></li>'
                        f'<li><a href="/r2">{_esc(related[1])}</a></li></ul></aside>')
    byline = rnd.choice([f"By {author}", f"By {author}, {rnd.choice(['business', 'political', 'technology'])} reporter",
                         author])
    meta = (f'<meta property="og:title" content="{_esc(title)}"><meta property="og:site_name" content="{site}">'
            f'<meta name="author" content="{_esc(author)}">'
            f'<meta property="article:published_time" content="{day}T09:00:00Z">')
    if rnd.random() < 0.5:
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         "author": {"@type": "Person", "name": author}, "datePublished": day})
        meta += f'<script type="application/ld+json">{ld}</script>'
    comments = "".join(
        f'<div class="comment"><span class="user">{_person(rnd, *names).replace(" ", "")}</span>'
        f'<p>{_esc(rnd.choice(others))}? Really interesting, thanks.</p></div>'
        for _ in range(rnd.randint(0, 4))
    )
    share = '<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>'
    cookie = ('<div id="cookie"><p>We use cookies to improve your experience. By continuing you agree to our '
              '<a href="/cookies">cookie policy</a>.</p><button>Accept</button></div>')
    newsletter = ('<div class="newsletter"><h3>Get the morning briefing</h3><p>The day\'s top stories, in your inbox '
                  'every weekday.</p><form><input type="email"><button>Sign up</button></form></div>')
    footer = (f'<footer><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>'
              f'<li><a href="/privacy">Privacy policy</a></li></ul><p>© 2005 {site}. All rights reserved.</p></footer>')
    head = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_esc(title)} | {site}</title>{meta}'
            '<script>window.dataLayer=[];function track(){}</script><style>body{font:16px serif}</style></head>')
    header_block = f'<header><div class="logo">{site}</div><nav><ul>{nav}</ul></nav></header>'
    dateline = f'<time datetime="{day}">{day}</time>'
    article_head = f'<h1>{_esc(title)}</h1><div class="byline">{_esc(byline)}</div>{dateline}{share}'
    if layout == 0:  # semantic HTML5
        main = f'<main><article>{article_head}{"".join(body)}{share}</article><aside>{newsletter}' \
               f'<h2>Most read</h2><ol>{most_read}</ol></aside></main><section class="comments">{comments}</section>'
    elif layout == 1:  # nested divs of an older CMS
        main = (f'<div id="wrapper"><div class="col-main"><div class="story-header">{article_head}</div>'
                f'<div class="story-body"><div class="story-body__inner">{"".join(body)}</div></div>'
                f'<div class="comments">{comments}</div></div><div class="col-side"><h2>Most popular</h2>'
                f'<ol>{most_read}</ol>{newsletter}</div></div>')
    elif layout == 2:  # a table layout
        main = (f'<table width="100%"><tr><td class="side"><ul>{nav}</ul></td><td class="content">{article_head}'
                f'{"".join(body)}</td><td class="right"><h3>Most read</h3><ol>{most_read}</ol></td></tr></table>')
    else:  # paragraphs as divs with line breaks, as some blogs keep them
        text = "".join(b if not b.startswith("<p>") else f'<div class="para">{b[3:-4]}</div><br>' for b in body)
        main = f'<div class="post">{article_head}<div class="entry-content">{text}</div>{newsletter}</div>' \
               f'<div id="comments">{comments}</div><div class="widget"><ol>{most_read}</ol></div>'
    return f"{head}<body>{cookie}{header_block}{main}{footer}</body></html>"


def _bbc(folder: Path) -> list[tuple[str, list[str]]]:
    from ..core.reading import decode

    out = []
    for p in sorted(folder.rglob("*.txt")):
        raw = decode(p.read_bytes())
        blocks = [b.strip() for b in re.split(r"\n\s*\n", raw.strip()) if b.strip()]
        if len(blocks) >= 3:
            out.append((blocks[0], [" ".join(b.split()) for b in blocks[1:]]))
    return out


def main(argv) -> int:
    ap = argparse.ArgumentParser(prog="python -m tui.dev.bench html", description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="the BBC corpus (../shared/corpora/bbc)")
    ap.add_argument("--pages", type=int, default=300, help="how many pages (default 300)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--worst", type=int, default=0, help="show the N pages Byline scores worst on")
    ap.add_argument("--out", type=Path, help="also keep the pages in this (new) folder, to time indexing them")
    args = ap.parse_args(argv)
    from ..core.formats import web_page
    from ..core.loader import load_corpus

    rnd = random.Random(args.seed)
    stories = _bbc(args.folder)
    chosen = rnd.sample(stories, min(args.pages, len(stories)))
    titles = [t for t, _ in stories]
    names = _names(rnd)
    with tempfile.TemporaryDirectory() as tmp:
        truth = {}
        for i, (title, paras) in enumerate(chosen):
            name = f"page{i:04d}.html"
            Path(tmp, name).write_text(make_page(title, paras, titles, rnd, names), encoding="utf-8")
            truth[name] = "\n\n".join(paras)
        if args.out is not None:
            import shutil

            shutil.copytree(tmp, args.out)
        t0 = time.perf_counter()
        alone = {name: web_page(Path(tmp, name).read_bytes()).text for name in truth}
        t_extract = time.perf_counter() - t0
        t0 = time.perf_counter()
        corpus = load_corpus([tmp], workers=1)
        t_byline = time.perf_counter() - t0
        ours = {Path(a.path).name: a.text for a in corpus.articles}
    rows: dict[str, list] = {"trafilatura": [], "byline": []}
    worst = []
    for name, t in truth.items():
        rows["trafilatura"].append(prf(alone.get(name, ""), t))
        score = prf(ours.get(name, ""), t)
        rows["byline"].append(score)
        worst.append((score[2], name, ours.get(name, ""), t))
    out: dict = {"pages": len(truth)}
    for who, scores in rows.items():
        p = sum(s[0] for s in scores) / len(scores)
        r = sum(s[1] for s in scores) / len(scores)
        out[who] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4),
                    "mean_page_f1": round(sum(s[2] for s in scores) / len(scores), 4)}
    out["pages_per_second"] = {"extract_alone": round(len(truth) / t_extract, 1),
                               "byline_cold_one_process": round(len(truth) / t_byline, 1)}
    if args.worst:
        out["worst"] = []
        for f1, name, found, t in sorted(worst)[: args.worst]:
            fw, tw = set(_lines(found)), set(_lines(t))
            out["worst"].append({"page": name, "f1": round(f1, 3),
                                 "extra": [x[:100] for x in _lines(found) if x not in tw][:6],
                                 "missing": [x[:100] for x in _lines(t) if x not in fw][:6]})
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


def _lines(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
