"""Saved web pages, exports (JSON, JSON Lines, CSV/TSV) and feeds: each
becomes articles with the same cleaning, names and search as plain text."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
import time
from email.message import EmailMessage

import pytest

from tui.core.library import build_library
from tui.core.loader import load_corpus

BODY = [
    "Harbour workers in Valparaiso voted on Tuesday to end a strike that had closed the port for nine days.",
    "The union said members had accepted a pay offer from the port authority after talks that ran through the night.",
    "Shipping lines had diverted more than forty vessels to other ports while the strike lasted, officials said.",
]


def page(body_html: str | None = None, head: str = "", charset: str = "utf-8") -> str:
    paras = body_html if body_html is not None else "".join(f"<p>{p}</p>" for p in BODY)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Port strike ends | Coast Times</title>'
        '<meta property="og:site_name" content="Coast Times"><meta name="author" content="Rosa Pinto">'
        '<meta property="article:published_time" content="2021-03-09T08:00:00Z">'
        '<link rel="canonical" href="https://coast.example/news/port-strike-ends">'
        f"<script>var ads = '<p>Buy now</p>';</script>{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="javascript:steal()">Sport</a></nav>'
        "<article><h1>Port strike ends</h1>" + paras + "<p>Share this article</p></article>"
        "<footer><p>© 2021 Coast Times. All rights reserved.</p></footer></body></html>"
    )


def load(tmp_path, **kw):
    skipped = []
    corpus = load_corpus([str(tmp_path)], on_skip=skipped.append, workers=1, **kw)
    return corpus, {os.path.basename(s.path.split(" (")[0]) + (" (" + s.path.split(" (", 1)[1] if " (" in s.path else ""):
                    s.reason for s in skipped}


def _tree_hash(root) -> dict[str, str]:
    return {
        os.path.join(d, f): hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest()
        for d, _, files in os.walk(root) for f in files
    }


# --------------------------------------------------------------------------
# Web pages
# --------------------------------------------------------------------------


def test_web_page_text_and_metadata(tmp_path):
    (tmp_path / "strike.html").write_text(page(), encoding="utf-8")
    corpus, skipped = load(tmp_path)
    assert skipped == {}
    [a] = corpus.articles
    assert a.title == "Port strike ends"
    assert (a.source, a.author, a.date) == ("Coast Times", "Rosa Pinto", "2021-03-09")
    assert a.url == "https://coast.example/news/port-strike-ends"
    assert a.paragraphs == BODY  # menus, share buttons, footer and script gone
    assert "javascript" not in a.text and "Buy now" not in a.text
    assert a.summary()["url"] == a.url and a.to_dict()["record"] is None


def test_web_page_names_and_search(tmp_path):
    (tmp_path / "strike.htm").write_text(page(), encoding="utf-8")
    lib = build_library([str(tmp_path)], cache=None)
    assert {"name": "Valparaiso", "kind": "place"}.items() <= lib.article_entities(0)[0].items()
    hits = lib.search("valparaizo").hits
    assert [h.match for h in hits] == ["Valparaiso"]


def test_declared_charset_and_a_wrong_declaration(tmp_path):
    text = page("<p>" + BODY[0] + "</p><p>Le député de Besançon a déclaré que la grève était finie.</p>", charset="iso-8859-1")
    (tmp_path / "latin.html").write_bytes(text.encode("cp1252"))
    wrong = page("<p>" + BODY[0] + "</p><p>Москва. Президент России сегодня встретился с министрами.</p>", charset="utf-8")
    (tmp_path / "wrong.html").write_bytes(wrong.encode("cp1251"))  # says UTF-8, is not
    corpus, _ = load(tmp_path)
    texts = {os.path.basename(a.path): a.text for a in corpus.articles}
    assert "député de Besançon" in texts["latin.html"]
    assert "Президент России" in texts["wrong.html"]


def test_saved_page_mhtml(tmp_path):
    msg = EmailMessage()
    msg["Subject"] = "Port strike ends"
    msg["Snapshot-Content-Location"] = "https://coast.example/news/port-strike-ends"
    msg.set_content("text version")
    msg.add_alternative(page().replace("<link rel=\"canonical\" href=\"https://coast.example/news/port-strike-ends\">", ""),
                        subtype="html", cte="quoted-printable")
    msg.replace_header("Content-Type", msg.get_content_type() + '; type="text/html"')
    (tmp_path / "saved.mhtml").write_bytes(bytes(msg))
    corpus, _ = load(tmp_path)
    [a] = corpus.articles
    assert a.paragraphs == BODY
    assert a.url == "https://coast.example/news/port-strike-ends"


def test_bad_pages_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "good.html").write_text(page(), encoding="utf-8")
    (tmp_path / "scripts.html").write_text("<html><head><script>" + "var a=1;" * 500 + "</script></head><body>"
                                           "<script>run()</script></body></html>")
    (tmp_path / "pdf.html").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    (tmp_path / "gz.html").write_bytes(gzip.compress(page().encode()))
    (tmp_path / "empty.htm").write_bytes(b"   \n")
    corpus, skipped = load(tmp_path)
    assert [os.path.basename(a.path) for a in corpus.articles] == ["good.html"]
    assert skipped["scripts.html"] == "no article text in the page"
    assert "PDF" in skipped["pdf.html"]
    assert "gzip" in skipped["gz.html"]
    assert skipped["empty.htm"] == "empty file"


def test_malformed_truncated_and_bodyless_pages(tmp_path):
    full = page()
    (tmp_path / "truncated.html").write_text(full[: full.index(BODY[2][:30]) + 30])
    (tmp_path / "nobody.html").write_text("<title>Port strike ends</title>" + "".join(f"<p>{p}" for p in BODY))
    (tmp_path / "unclosed.html").write_text(page("".join(f"<div><p>{p}<span><b>" for p in BODY)))
    corpus, skipped = load(tmp_path)
    texts = {os.path.basename(a.path): a.text for a in corpus.articles}
    assert skipped == {}
    for name in ("nobody.html", "unclosed.html"):
        assert all(p in texts[name] for p in BODY), name
    assert BODY[0] in texts["truncated.html"] and BODY[1] in texts["truncated.html"]


def test_escape_sequences_in_a_page_never_reach_the_text(tmp_path):
    evil = page("<p>" + BODY[0] + "\x1b]52;c;ZXZpbA==\x07 and \x1b[2J cleared.</p><p>" + BODY[1] + "</p>")
    (tmp_path / "evil.html").write_text(evil)
    corpus, _ = load(tmp_path)
    [a] = corpus.articles
    assert "\x1b" not in a.text and "\x07" not in a.text and "\x1b" not in a.title
    assert BODY[1] in a.text


def test_a_huge_page_is_trimmed_not_refused(tmp_path):
    blob = "<script>" + "x=1;" * (12 * 1024 * 1024) + "</script>"  # 48 MB of script
    (tmp_path / "huge.html").write_text(page(head=blob))
    t0 = time.perf_counter()
    corpus, skipped = load(tmp_path)
    assert skipped == {}
    assert corpus.articles[0].paragraphs == BODY
    assert time.perf_counter() - t0 < 30


def test_a_layout_table_keeps_its_paragraphs(tmp_path):
    cell = "".join(f"<p>{p} {p} {p}</p>" for p in BODY)
    html = page(f'<table><tr><td><a href="/">Home</a></td><td>{cell}</td></tr></table>')
    (tmp_path / "table.html").write_text(html)
    corpus, _ = load(tmp_path)
    assert len(corpus.articles[0].paragraphs) == 3


# --------------------------------------------------------------------------
# Exports
# --------------------------------------------------------------------------

NEWS_PLEASE = {"title": "Port strike ends", "maintext": "\n".join(BODY), "date_publish": "2021-03-09 08:00:00",
               "authors": ["Rosa Pinto", "Ana Ruiz"], "source_domain": "coast.example",
               "url": "https://coast.example/news/port-strike-ends"}
TRAFILATURA = {"title": "Port strike ends", "raw_text": " ".join(BODY), "text": "\n".join(BODY), "date": "2021-03-09",
               "author": "Rosa Pinto", "sitename": "Coast Times", "hostname": "coast.example",
               "url": "https://coast.example/news/port-strike-ends"}
DUMP = {"id": 17, "title": "Port strike ends", "content": "\n\n".join(BODY), "published": "March 9, 2021",
        "author": "Rosa Pinto", "publication": "Coast Times"}


@pytest.mark.parametrize("record, source, author", [
    (NEWS_PLEASE, "coast.example", "Rosa Pinto; Ana Ruiz"),
    (TRAFILATURA, "Coast Times", "Rosa Pinto"),
    (DUMP, "Coast Times", "Rosa Pinto"),
])
def test_exporters_fields_are_mapped(tmp_path, record, source, author):
    (tmp_path / "export.jsonl").write_text(json.dumps(record) + "\n")
    corpus, _ = load(tmp_path)
    [a] = corpus.articles
    assert (a.title, a.source, a.author, a.date[:10]) == ("Port strike ends", source, author, "2021-03-09")
    assert a.paragraphs == BODY
    assert a.record == 1 and a.url == record.get("url")


def test_jsonl_broken_line_is_named_and_the_rest_loads(tmp_path):
    lines = [json.dumps({**NEWS_PLEASE, "title": f"Story {i}"}) for i in range(1, 5)]
    lines[1] = lines[1][:40]  # line 2 cut short
    lines.insert(3, "[1, 2, 3]")  # line 4: JSON, not an object
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n\n")
    corpus, skipped = load(tmp_path)
    assert [a.title for a in corpus.articles] == ["Story 1", "Story 3", "Story 4"]
    assert [a.record for a in corpus.articles] == [1, 3, 5]
    assert skipped["feed.jsonl (line 2)"].startswith("not JSON")
    assert skipped["feed.jsonl (line 4)"] == "not a JSON object"
    assert json.loads(corpus.articles[1].raw)["title"] == "Story 3"  # --raw shows the record


def test_json_array_container_and_non_article_json(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([DUMP, {**DUMP, "title": "Second story"}]))
    (tmp_path / "wrapped.json").write_text(json.dumps({"status": "ok", "articles": [TRAFILATURA]}))
    (tmp_path / "scalar.json").write_text("42")
    (tmp_path / "fields.jsonl").write_text(json.dumps({"id": 1, "headline_text": "x", "score": 3}) + "\n")
    corpus, skipped = load(tmp_path)
    titles = sorted(a.title for a in corpus.articles)
    assert titles == ["Port strike ends", "Port strike ends", "Second story"]
    assert "not JSON" in skipped["scalar.json"]
    reason = skipped["fields.jsonl"]
    assert "found headline_text, id, score" in reason and "maintext" in reason and "content" in reason


def test_csv_with_quotes_and_newlines_and_tsv(tmp_path):
    import csv

    with open(tmp_path / "dump.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "author", "date", "content"])
        w.writerow(['The "big" strike', "Rosa Pinto", "2021-03-09", "\n\n".join(BODY)])
        w.writerow(["Second, shorter", "", "", 'He said "no", twice.\nThen he left the room for good.'])
    (tmp_path / "dump.tsv").write_text("title\ttext\nTabbed story\t" + BODY[0] + "\n", encoding="utf-8")
    corpus, _ = load(tmp_path)
    by_title = {a.title: a for a in corpus.articles}
    assert by_title['The "big" strike'].paragraphs == BODY
    assert by_title['The "big" strike'].record == 2
    assert by_title["Second, shorter"].text.startswith('He said "no", twice.')
    assert by_title["Tabbed story"].paragraphs == [BODY[0]]


def test_html_inside_an_export_is_read_as_text(tmp_path):
    rec = {"title": "Port strike ends", "body": "".join(f"<p>{p}</p>" for p in BODY) + "<script>x()</script>"}
    (tmp_path / "html.jsonl").write_text(json.dumps(rec) + "\n")
    corpus, _ = load(tmp_path)
    assert corpus.articles[0].paragraphs == BODY


# --------------------------------------------------------------------------
# Feeds
# --------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Coast Times &amp; Friends</title><link>https://coast.example/</link>
<item><title>Port strike ends</title><link>https://coast.example/news/port-strike-ends</link>
<dc:creator>Rosa Pinto</dc:creator><pubDate>Tue, 09 Mar 2021 08:00:00 GMT</pubDate>
<description>Short summary</description>
<content:encoded><![CDATA[<p>""" + BODY[0] + "</p><p>" + BODY[1] + """</p><p>Caf&eacute; owners &amp; dockers cheered.</p>]]></content:encoded></item>
<item><title>Empty item</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Times</title>
<entry><title>Port strike ends</title><link href="https://coast.example/a"/><updated>2021-03-09T08:00:00Z</updated>
<author><name>Rosa Pinto</name></author><content type="html">&lt;p&gt;""" + BODY[2] + """&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom_feeds(tmp_path):
    (tmp_path / "feed.rss").write_text(RSS)
    (tmp_path / "feed.atom").write_text(ATOM)
    (tmp_path / "notafeed.xml").write_text('<?xml version="1.0"?><config><item>1</item></config>')
    corpus, skipped = load(tmp_path)
    by_path = {os.path.basename(a.path): a for a in corpus.articles}
    rss = by_path["feed.rss"]
    assert (rss.title, rss.author, rss.date, rss.source) == ("Port strike ends", "Rosa Pinto", "2021-03-09",
                                                             "Coast Times & Friends")
    assert rss.paragraphs == [BODY[0], BODY[1], "Café owners & dockers cheered."]
    assert rss.url == "https://coast.example/news/port-strike-ends" and rss.record == 1
    assert skipped["feed.rss (entry 2)"] == "no text"
    assert by_path["feed.atom"].paragraphs == [BODY[2]]
    assert skipped["notafeed.xml"] == "XML, but not an RSS or Atom feed"


# --------------------------------------------------------------------------
# The cache, the corpus, the warm path
# --------------------------------------------------------------------------


def test_reading_never_changes_the_corpus_and_the_cache_keeps_everything(tmp_path):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "strike.html").write_text(page())
    (corpus_dir / "export.jsonl").write_text(json.dumps(NEWS_PLEASE) + "\n{bad\n")
    (corpus_dir / "feed.rss").write_text(RSS)
    before = _tree_hash(corpus_dir)
    from tui.core.cache import Cache

    cache = Cache(str(tmp_path / "cache"))
    runs = []
    for _ in range(2):  # cold, then from the cache
        skipped = []
        corpus = load_corpus([str(corpus_dir)], on_skip=skipped.append, workers=1, cache=cache)
        runs.append(([(a.title, a.url, a.record, a.author, a.text) for a in corpus.articles],
                     sorted(str(s) for s in skipped)))
    assert corpus.from_cache == 3
    assert runs[0] == runs[1]
    assert any("(line 2)" in s for s in runs[1][1])
    assert _tree_hash(corpus_dir) == before


def test_a_warm_start_does_not_import_the_extractors(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "strike.html").write_text(page())
    (tmp_path / "c" / "feed.rss").write_text(RSS)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "tui", "list", "--json", str(tmp_path / "c")]
    cold = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert cold.returncode == 0, cold.stderr
    probe = (  # (main called with its arguments: run as the command, it ends the process when done)
        "import sys; from tui.cli import main; main(['search', 'valparaiso', sys.argv[1]]);\n"
        "print(sorted(m for m in ('trafilatura', 'feedparser', 'lxml') if m in sys.modules))"
    )
    warm = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "c")], capture_output=True, text=True,
                          env=env, timeout=120)
    assert warm.returncode == 0, warm.stderr
    assert "Valparaiso" in warm.stdout
    assert warm.stdout.strip().endswith("[]")


def test_a_short_page_keeps_its_text_without_the_menu(tmp_path):
    """A page too short to read as an article by the extractor's usual
    measures: its text, read with recall first, and its menu left out."""
    (tmp_path / "notice.html").write_text(
        '<html><head><title>Library notice</title></head><body><nav><a href="/">Home</a></nav>'
        "<p>The library will be closed on Monday for repairs to the roof.</p></body></html>")
    corpus, skipped = load(tmp_path)
    assert skipped == {}
    [a] = corpus.articles
    assert (a.title, a.paragraphs) == ("Library notice", ["The library will be closed on Monday for repairs to the roof."])


def test_an_export_too_large_says_how_to_split_it(tmp_path, monkeypatch):
    from tui.core import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 4096)
    (tmp_path / "big.json").write_text(json.dumps([NEWS_PLEASE] * 20))
    (tmp_path / "big.csv").write_text("title,text\n" + "Port strike ends,The strike is over.\n" * 200)
    (tmp_path / "small.jsonl").write_text(json.dumps(NEWS_PLEASE) + "\n")
    corpus, skipped = load(tmp_path)
    assert [os.path.basename(a.path) for a in corpus.articles] == ["small.jsonl"]
    assert "`jq -c '.[]' FILE > FILE.jsonl` makes it JSON Lines" in skipped["big.json"]
    assert skipped["big.csv"].startswith("too large (0 MB; files up to 0 MB are read, JSON Lines of any size)")


def _export(path, n: int, broken: dict[int, str]) -> list[bytes]:
    """An export of ``n`` stories, with lines that are no record put in at
    their line numbers; its lines as written."""
    stories = iter(range(1, n + 1))
    lines = []
    while len(lines) < n + len(broken):
        number = len(lines) + 1
        if number in broken:
            lines.append(broken[number].encode())
        else:
            i = next(stories)
            rec = {**NEWS_PLEASE, "title": f"Story {i}", "url": f"https://coast.example/{i}",
                   "maintext": f"Harbour pilot Teodora Vance spoke to {i * 'very '}few. " + NEWS_PLEASE["maintext"]}
            lines.append(json.dumps(rec, ensure_ascii=False).encode())
    path.write_bytes(b"\n".join(lines) + b"\n")
    return lines


def test_a_json_lines_file_too_large_to_read_whole_is_read_in_parts(tmp_path, monkeypatch):
    from tui.core import loader
    from tui.core.cache import Cache

    monkeypatch.setattr(loader, "PART_BYTES", 4096)
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    export = corpus_dir / "export.jsonl"
    lines = _export(export, 120, {17: '{"title": "cut sh', 40: "", 90: "[1, 2]"})
    before = _tree_hash(corpus_dir)
    reads = []
    real_part, real_bytes = loader.read_part, loader.read_bytes
    monkeypatch.setattr(loader, "read_part", lambda p, s, e: reads.append(e - s) or real_part(p, s, e))
    monkeypatch.setattr(loader, "read_bytes", lambda p: pytest.fail(f"{p} read whole") or real_bytes(p))

    found = loader.find_files([str(corpus_dir)])
    assert len(found.files) > 10  # in parts, each cut where a line starts
    data = export.read_bytes()
    cuts = [loader.split_key(k)[1] for k in found.files]
    assert cuts[0][0] == 0 and cuts[-1][1] == len(data)
    assert all(a[1] == b[0] and data[b[0] - 1 : b[0]] == b"\n" for a, b in zip(cuts, cuts[1:]))

    alone = load_corpus([str(corpus_dir)], workers=1)
    assert max(reads) <= 4096 + max(map(len, lines))  # no more than a part at a time
    skipped = []
    lib = build_library([str(corpus_dir)], on_skip=skipped.append, cache=Cache(tmp_path / "cache"))  # (in workers)
    arts = lib.articles
    assert [(a.id, a.record, a.text) for a in alone.articles] == [(a.id, a.record, a.text) for a in arts]
    assert [a.title for a in arts] == [f"Story {i}" for i in range(1, 121)]
    # Records are numbered by the file's lines, across parts, and are the lines.
    want = [n for n, line in enumerate(lines, 1) if line.startswith(b'{"title": "Story')]
    assert [a.record for a in arts] == want
    assert len({a.id for a in arts}) == 120
    assert all(a.raw.encode() == lines[a.record - 1] for a in arts)
    assert sorted((s.path.rsplit(" ", 1)[1], s.reason.split(" (")[0]) for s in skipped) == [
        ("17)", "not JSON"), ("90)", "not a JSON object")]
    hits = lib.search("teodora vance")
    assert len({h.article for h in hits.hits}) == 120

    # A warm start lists them from the cache, and reads a text and a record when shown.
    warm = build_library([str(corpus_dir)], cache=Cache(tmp_path / "cache"))
    assert [(a.id, a.record, a.title) for a in warm.articles] == [(a.id, a.record, a.title) for a in arts]
    assert warm.articles[77].text == arts[77].text and warm.articles[77].raw == arts[77].raw
    assert warm.corpus.get(arts[5].id).url == "https://coast.example/6"

    assert _tree_hash(corpus_dir) == before


def test_json_lines_named_json_is_read_in_parts_and_a_list_is_not(tmp_path, monkeypatch):
    from tui.core import loader

    monkeypatch.setattr(loader, "PART_BYTES", 2048)
    _export(tmp_path / "lines.json", 30, {})
    (tmp_path / "list.json").write_text(json.dumps([NEWS_PLEASE] * 5, indent=1))
    found = loader.find_files([str(tmp_path)])
    assert {os.path.basename(loader.split_key(k)[0]) for k in found.files} == {"lines.json", "list.json"}
    assert sum("lines.json" in k for k in found.files) > 3
    corpus, skipped = load(tmp_path)
    assert not skipped
    assert [a.record for a in corpus.articles if a.path.endswith("lines.json")] == list(range(1, 31))
    assert len([a for a in corpus.articles if a.path.endswith("list.json")]) == 5


def test_escape_sequences_in_a_records_html_never_cut_its_text(tmp_path):
    rec = {"title": "Port strike ends", "body": f"<p>{BODY[0]}\x1b]0;pwned\x07</p><p>{BODY[1]}</p>"}
    (tmp_path / "x.jsonl").write_text(json.dumps(rec) + "\n")
    corpus, _ = load(tmp_path)
    assert corpus.articles[0].paragraphs == BODY[:2]


def test_the_raw_page_is_decoded_as_its_text_was(tmp_path):
    """--raw shows a page by the charset it declares, as its article was read."""
    # A few letters of Central European Latin: too few for detection to
    # overrule cp1252, so only the declaration reads them right.
    html = page("<p>" + BODY[0] + "</p><p>" + BODY[1] + " The mayor of Łódź agreed.</p>", charset="iso-8859-2")
    (tmp_path / "pl.html").write_bytes(html.encode("iso-8859-2", "xmlcharrefreplace"))
    corpus, _ = load(tmp_path)
    [a] = corpus.articles
    assert "Łódź" in a.text and "Łódź" in a.raw
