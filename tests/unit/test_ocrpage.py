"""Raw OCR newspaper pages: stories at headlines, masthead out, dates."""

from __future__ import annotations

from tui.core.articles import parse_document
from tui.core.ocrpage import date_from_name, looks_like_page, word_share

STORY = (
    "The council met on Monday evening to\n"
    "discuss the new road. Members agreed\n"
    "that the work should begin in the\n"
    "spring, when the ground is dry enough\n"
    "for the teams. The cost will be paid\n"
    "from the general fund, and the mayor\n"
    "said that no new tax would be needed.\n"
    "Farmers spoke for the plan.\n"
)


def _page(n_stories: int = 6) -> str:
    lines = [
        "THE HILLTOWN GAZETTE",
        "VOL. XII. NO. 20.",
        "HILLTOWN, OHIO, THURSDAY, MARCH 2, 1916.",
        "}i »'.v ;;:i Ii",
    ]
    for i in range(n_stories):
        lines.append(f"NEW ROAD FOR THE COUNTY {i + 1}")
        lines.append("Council Agrees to Begin Work")
        lines.append("in the Spring.")
        for _ in range(6):
            lines.extend(STORY.strip().split("\n"))
            lines.append("xq ;j'.!! zzk")  # a line of OCR garbage
    return "\n".join(lines) + "\n"


def test_a_page_is_told_from_an_article():
    page = _page().split("\n")
    assert looks_like_page(page)
    assert not looks_like_page(STORY.split("\n") * 3)


def test_page_splits_into_stories_at_headlines():
    parsed = parse_document(_page(), stem="page")
    assert len(parsed) == 6
    assert [p.title for p in parsed] == [f"NEW ROAD FOR THE COUNTY {i + 1}" for i in range(6)]
    assert all(p.subtitle == "Council Agrees to Begin Work in the Spring." for p in parsed)
    assert all(p.paragraphs[0] == p.subtitle for p in parsed)  # shown and searched, as a standfirst
    # The masthead is no story and no title; its date is the page's.
    assert all(p.date == "1916-03-02" for p in parsed)
    assert not any("GAZETTE" in p.title or "VOL" in p.title for p in parsed)
    # Paragraphs come back from the short line ending each; garbage lines are left out and counted.
    first = parsed[0]
    assert len(first.paragraphs) == 1 + 6
    assert all("zzk" not in p for p in first.paragraphs)
    assert first.removed_lines >= 6
    # ... and each story keeps its lines as the page had them.
    assert "xq ;j'.!! zzk" in first.raw


def test_page_date_from_the_file_name_when_the_masthead_has_none():
    page = _page().replace("HILLTOWN, OHIO, THURSDAY, MARCH 2, 1916.", "HILLTOWN, OHIO")
    parsed = parse_document(page, stem="19160112_sn93057084-ed-1_seq-1")
    assert {p.date for p in parsed} == {"1916-01-12"}
    assert date_from_name("2019-05-03-story") == "2019-05-03"
    assert date_from_name("19161332_x") is None
    assert date_from_name("20190503123456") is None


def test_word_share_tells_text_from_garbage():
    assert word_share("the council met on Monday evening to discuss") > 0.8
    assert word_share("}i »'.v ;;:i Ii xq zzk") < 0.45


def test_a_page_that_is_not_english_keeps_its_lines():
    line = "Il consiglio comunale si è riunito lunedì sera per discutere"
    page = "\n".join(["NOTIZIE DEL GIORNO"] + [line] * 200)
    parsed = parse_document(page, stem="pagina")
    assert sum(p.removed_lines for p in parsed) == 0
    assert sum(len(p.paragraphs) for p in parsed) >= 1


def test_bad_pages_take_bounded_time_and_raise_nothing():
    import time

    pages = {
        "capitals": "\n".join(f"THE COUNCIL MEETS ON MONDAY NUMBER {i}" for i in range(3000)),
        "hyphens": "\n".join("-" * (i % 40 + 1) for i in range(3000)),
        "non-words": "\n".join("xq;j'!! zzk vvq" for _ in range(3000)),
        "one line": "the council met on monday evening " * 300_000,
        "no breaks at all": "word" * 2_000_000,
    }
    for name, page in pages.items():
        t = time.perf_counter()
        parsed = parse_document(page, stem=name)
        assert time.perf_counter() - t < 20, name
        for p in parsed:
            assert p.title
    caps = parse_document(pages["capitals"], stem="caps")
    # A page of capitals is no flood of headlines with nothing under them, and nothing is lost.
    assert len(caps) < 50
    assert sum(len(" ".join([p.title, p.subtitle or "", *p.paragraphs]).split()) for p in caps) >= 3000 * 7


from hypothesis import given, settings, strategies as st  # noqa: E402

_LINES = st.sampled_from([
    "THE COUNCIL MEETS", "VOL. XII. NO. 20.", "MONDAY, MARCH 2, 1916.", "the council met on", "Monday to talk.",
    "xq ;j'.!! zzk", "de-", "velop the road", "", "Council Agrees to", "in the Spring.", "-", "ed.", "A", "1916",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINES, min_size=140, max_size=400))
def test_pages_of_any_lines_parse_without_raising(lines):
    for p in parse_document("\n".join(lines), stem="19160302_page"):
        assert p.title
        assert all(para and "\n\n" not in para for para in p.paragraphs)


def test_months_datelines_and_garbage_are_no_headlines():
    from tui.core.ocrpage import _is_headline, _is_masthead_line

    for line in ("AUGUST.", ".',-.' CASEY JONI?.-'", "- -• ■ ' : E PARSONS."):
        assert not _is_headline(line), line
    # A dateline whose month or date the OCR spoilt is still the masthead's.
    assert _is_masthead_line("HYDE PARK, VERMONT, WEDNESDAY, APUIL 12, 1916.")
    assert _is_masthead_line("WA-KEENEY, KANS., OCTOBER 14. 1916")
    assert _is_headline('"ARKANSAS RIVER ROUTE" NEW TIME CARD') and _is_headline("MANUAL TRAINING EXHIBIT MAY 26")


def test_a_story_with_no_headline_takes_its_first_readable_run_as_title():
    from tui.core.ocrpage import title_from_text

    # Garbage before the text is left out; the title ends where reading does.
    assert title_from_text(["7 i Published Every Established 1887 Jilniil s i feigdl"]) == (
        "Published Every Established 1887")
    assert title_from_text(["mm Daughters of Late Banker Are Killed In Fire."]) == (
        "Daughters of Late Banker Are Killed In Fire.")
    # ... at a sentence's end, but not at a title's stop; and at about 80 characters.
    assert title_from_text(["it , The vote was won by Mrs. Grundy of the county. Then rain."]) == (
        "The vote was won by Mrs. Grundy of the county.")
    long = title_from_text(["xq The council met on Monday to discuss the new road and the old bridge over the wide river"])
    assert long is not None and long.endswith("…") and len(long) <= 81
    # A text that opens readably keeps the caller's title; pure garbage gives none.
    assert title_from_text(["What is Best for Maui is Best for the News"]) is None
    assert title_from_text(["xq ;j'.!! zzk 11 1 !i"]) is None


def test_a_page_story_without_a_headline_is_not_titled_with_garbage():
    page = _page().replace("THE HILLTOWN GAZETTE\n", "").replace(
        "NEW ROAD FOR THE COUNTY 1\nCouncil Agrees to Begin Work\nin the Spring.\n",
        "jk 7 i\n")
    titles = [p.title for p in parse_document(page, stem="page")]
    assert titles[0] == "The council met on Monday evening to discuss the new road."


def test_a_byline_under_a_headline_is_the_writer_not_a_headline():
    lines = _page().split("\n")
    at = lines.index("NEW ROAD FOR THE COUNTY 2")
    lines.insert(at + 3, "By GEORGE V. JOHNSON")
    at = lines.index("NEW ROAD FOR THE COUNTY 3")
    lines.insert(at + 1, "BY SPECIAL ARRANGEMENT WITH THE STATE")  # no one's name: a headline's line
    parsed = parse_document("\n".join(lines), stem="page")
    assert [p.title for p in parsed][:2] == ["NEW ROAD FOR THE COUNTY 1", "NEW ROAD FOR THE COUNTY 2"]
    assert [p.author for p in parsed][:3] == [None, "GEORGE V. JOHNSON", None]
    assert not any("JOHNSON" in para for para in parsed[1].paragraphs)
    assert "By GEORGE V. JOHNSON" in parsed[1].raw  # the page as it was, in --raw
