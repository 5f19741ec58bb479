"""Each cleaning step on small cases, and properties of the whole cleaner."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from tui.core.text import (
    Vocabulary,
    clean_text,
    has_case_damage,
    is_furniture_line,
    is_menu_block,
    join_drop_cap,
    join_hyphenated,
    normalize,
    paragraphs_from_blocks,
    reflow,
    restore_sentence_case,
)


# -- Unicode and terminal safety ------------------------------------------

def test_normalize_composes_to_nfc():
    assert normalize("Zu\u0308rich") == "Zürich"


def test_normalize_odd_spaces_become_plain():
    assert normalize("a\u00a0b\u2009c\u3000d\te") == "a b c d e"


def test_normalize_removes_soft_hyphen_and_zero_width():
    assert normalize("in\u00adter\u200bna\u200ction\ufeffal") == "international"


def test_soft_hyphen_at_line_end_rejoins_the_word():
    assert normalize("develop\u00ad\nment") == "development"


def test_normalize_strips_csi_osc_and_bell():
    text = "a\x1b[31mred\x1b[0m b\x1b]8;;http://x\x07link\x1b]8;;\x07 c\x07d\x1b]0;title\x1b\\"
    out = normalize(text)
    assert out == "ared blink cd"
    assert not any(ord(ch) < 32 and ch != "\n" for ch in out)


def test_normalize_c1_controls_and_crlf():
    assert normalize("one\r\ntwo\rthree\x85four\x9b2J") == "one\ntwo\nthree\nfour"


def test_curly_quotes_stay():
    assert normalize("“quoted” ‘x’ China’s") == "“quoted” ‘x’ China’s"


# -- Furniture ------------------------------------------------------------

def test_furniture_lines():
    for line in [
        "Read more (in Chinese)", "Read more on Caixin.", "Continue reading GBA startup",
        "Related news", "MorePhoto", "MoreTop news", "Most popular in 24h",
        "Back to top Links | About Us | Jobs", "Copyright ©1999-2018 Chinanews.com. All rights reserved.",
        "Reproduction in whole or in part without permission is prohibited.",
        "Text:AAAPrint", "ECNS App Download", "LINE", "1", "Category Archives: Innovation",
        "Share this article",
    ]:
        assert is_furniture_line(line), line


def test_sentences_are_not_furniture():
    for line in [
        "Read the report before you vote.", "More than 500 people attended.",
        "Lines of people waited outside.", "Printing presses ran all night.",
        "2,000 customers", "The copyright case was won by Tencent.",
    ]:
        assert not is_furniture_line(line), line


def test_menu_block_detected_but_short_prose_is_not():
    menu = ["News", "Politics", "Business", "Society", "Culture", "Military", "Sci-tech"]
    assert is_menu_block(menu)
    prose = ["The park is big.", "It opened today.", "Many came to see it.", "Then they left.", "Rain fell."]
    assert not is_menu_block(prose)


# -- Hyphenation by evidence ----------------------------------------------

def test_hyphen_joins_ordinary_words():
    v = Vocabulary("")
    assert join_hyphenated("de", "velop", v) == "develop"
    assert join_hyphenated("clos", "ing", v) == "closing"


def test_hyphen_kept_for_capitalised_second_half():
    v = Vocabulary("")
    assert join_hyphenated("Hewlett", "Packard,", v) == "Hewlett-Packard,"


def test_compound_inside_compound_keeps_first_hyphen_only():
    v = Vocabulary("the big Germany market is here\n")
    assert join_hyphenated("Sino-Ger", "many", v) == "Sino-Germany"


def test_hyphen_kept_when_document_writes_the_compound():
    v = Vocabulary("a very well-known brand here\nand well-known again here\n")
    assert join_hyphenated("well", "known", v) == "well-known"


def test_hyphen_kept_for_known_prefix_without_evidence():
    assert join_hyphenated("self", "made", Vocabulary("")) == "self-made"


def test_hyphen_joined_when_document_uses_whole_word():
    v = Vocabulary("we will cooperate with them soon\n")
    assert join_hyphenated("co", "operate", v) == "cooperate"


def test_bare_split_joined_only_with_evidence():
    v = Vocabulary("a big factor in this\nthe other factor is\n")
    assert reflow(["it was a fac", "tor in the war"], v) == "it was a factor in the war"
    # English itself is evidence: "factor" is a word, "fac" and "tor" are not common ones.
    assert reflow(["it was a fac", "tor in the war"], Vocabulary("")) == "it was a factor in the war"
    # Pieces that make no known word stay apart.
    assert reflow(["the qzx", "vwk of it"], Vocabulary("")) == "the qzx vwk of it"
    # Two real words never merge even if the joint word exists.
    assert reflow(["walk in", "to the room"], Vocabulary("x in y\nx to y\nx into y")) == "walk in to the room"
    assert reflow(["fifty per", "cent of it", "a rousing", "welcome"], Vocabulary("")) == "fifty per cent of it a rousing welcome"


def test_bare_split_of_two_words_joined_only_on_a_page_that_lost_its_hyphens():
    lines = ["the terms ob", "tained by the govern", "ment were con", "cerning the matter be", "fore the house"]
    assert reflow(lines, Vocabulary("\n".join(lines))) == (
        "the terms obtained by the government were concerning the matter before the house"
    )
    # The same "be" / "fore" on a page that keeps its hyphens: two words.
    assert reflow(["the matter be", "fore the house"], Vocabulary("")) == "the matter be fore the house"


def test_a_suffix_that_is_a_word_after_a_function_word_stays_a_word():
    # "able" ends many words ("comfort" / "able" is one), but after "not" it is a word of its own.
    assert reflow(["the banks are not", "able to cope"], Vocabulary("")) == "the banks are not able to cope"
    assert reflow(["a comfort", "able win"], Vocabulary("")) == "a comfortable win"
    lines = ["the terms ob", "tained by the govern", "ment were not", "able to be con", "cluded"]
    assert reflow(lines, Vocabulary("\n".join(lines))) == "the terms obtained by the government were not able to be concluded"


def test_a_compound_whose_hyphen_the_ocr_lost_gets_it_back_by_the_corpus():
    lines = ["the terms ob", "tained by the govern", "ment were con", "cerning the meeting to", "night at the hall"]
    # A corpus of its time writes "to-night": the lost hyphen comes back.
    v = Vocabulary("\n".join(lines), corpus={"to-night": 5})
    assert reflow(lines, v).endswith("meeting to-night at the hall")
    assert v.asked == {"to-night": 1}  # (the cache keeps the answer, to clean again if it changes)
    # One that writes "tonight", or none: as before, two common words stay
    # two unless the whole is far commoner ("in" / "to" is no "into").
    assert reflow(lines, Vocabulary("\n".join(lines), corpus={"tonight": 5})).endswith("meeting to night at the hall")
    assert reflow(lines, Vocabulary("\n".join(lines))).endswith("meeting to night at the hall")
    # A page that keeps its hyphens: two words.
    assert reflow(["the meeting to", "night at the hall"], Vocabulary("", corpus={"to-night": 5})) == (
        "the meeting to night at the hall")


def test_a_mark_the_ocr_read_for_the_hyphen_is_dropped_and_the_word_joined():
    assert reflow(["the commence'", "ment of it"], Vocabulary("")) == "the commencement of it"
    assert reflow(["the su.", "perintendent said"], Vocabulary("")) == "the superintendent said"
    # A stop or mark between two words that make no word, or before one letter, stays.
    assert reflow(["we left.", "then it rained"], Vocabulary("")) == "we left. then it rained"
    assert reflow(["in the country,", "s of it"], Vocabulary("")) == "in the country, s of it"
    assert reflow(["it was in.", "to the house"], Vocabulary("")) == "it was in. to the house"


def test_the_last_part_of_a_compound_broken_with_no_hyphen():
    assert reflow(["the munitions-carry", "ing ship"], Vocabulary("")) == "the munitions-carrying ship"
    assert reflow(["the Anglo-Japan", "ese treaty"], Vocabulary("")) == "the Anglo-Japanese treaty"
    # One letter after the hyphen is no broken word's half.
    assert reflow(["plac-j", "jam"], Vocabulary("")) == "plac-j jam"


def test_a_broken_word_the_ocr_also_misread_is_joined_on_a_page_that_lost_its_hyphens():
    lines = ["the terms ob", "tained by the govern", "ment were con", "cerning it, in", "eluding the house and its bom", "bardment"]
    text = reflow(lines, Vocabulary("\n".join(lines)))
    # "ineluding" is "including" read with an e for the c: the OCR's letters stay, the break goes.
    assert "ineluding" in text
    # A page that keeps its hyphens takes no such guess.
    assert reflow(["it, in", "eluding the house"], Vocabulary("")) == "it, in eluding the house"
    # A long word, any letter misread, where one common word alone is that near.
    lines = ["the terms ob", "tained by the govern", "ment were con", "cerning the com", "monwialth and its bom", "bardment"]
    assert "the commonwialth and" in reflow(lines, Vocabulary("\n".join(lines)))
    # Two real words are never one guessed word ("he came" is not "became").
    page = "\n".join(lines[:4] + ["and so he", "came to the house"])
    assert "he came" in reflow(page.split("\n"), Vocabulary(page))


_LOST_PAGE = ["the terms ob", "tained by the govern", "ment were con", "cerning the house"]


def _on_lost_page(lines: list[str]) -> str:
    page = _LOST_PAGE + lines
    return reflow(page, Vocabulary("\n".join(page)))[len(reflow(_LOST_PAGE, Vocabulary(""))) + 1 :]


def test_a_long_broken_word_with_two_letters_misread_is_joined():
    # "omployod" is "employed" with two e's read as o's.
    assert _on_lost_page(["was om", "ployod there"]) == "was omployod there"
    # Seven letters at least: a short whole has too many neighbours two letters away.
    assert _on_lost_page(["a lo", "ttor came"]) == "a lo ttor came"  # ("letter")


def test_a_half_that_is_a_common_word_misread_is_no_half_of_a_guess():
    # "samo" is "same": "samo time" is "same time", not a misread "sometime".
    assert _on_lost_page(["at the samo", "time it fell"]) == "at the samo time it fell"


def test_a_page_that_keeps_its_hyphens_guesses_only_for_a_half_no_list_knows():
    # "turo" is no English word: "pic" / "turo" is "picture" misread.
    assert reflow(["a fine pic", "turo of it"], Vocabulary("")) == "a fine picturo of it"
    assert reflow(["to con", "gratulato him"], Vocabulary("")) == "to congratulato him"
    # "eluding" is a word (rare): "in eluding" stays as written.
    assert reflow(["it, in", "eluding the house"], Vocabulary("")) == "it, in eluding the house"


def test_two_words_that_make_a_commoner_word_join_on_a_page_that_lost_its_hyphens():
    assert _on_lost_page(["the post", "master said"]) == "the postmaster said"
    assert reflow(["the post", "master said"], Vocabulary("")) == "the post master said"
    # Beside a function word the pair is far commoner than chance would say.
    assert _on_lost_page(["they walked with", "out a word"]) == "they walked with out a word"


def test_hyphen_after_a_number_is_kept_without_a_space():
    assert reflow(["a 25-", "year-old man"], Vocabulary("")) == "a 25-year-old man"
    assert reflow(["a €4bn-", "euro deal"], Vocabulary("")) == "a €4bn-euro deal"


def test_hyphen_by_english_word_frequencies():
    v = Vocabulary("")
    assert join_hyphenated("ex", "pressed", v) == "expressed"
    assert join_hyphenated("state", "ment", v) == "statement"
    assert join_hyphenated("persist", "ing", v) == "persisting"
    assert join_hyphenated("so", "called", v) == "so-called"
    assert join_hyphenated("two", "thirds", v) == "two-thirds"
    assert join_hyphenated("larger-than", "expected", v) == "larger-than-expected"
    assert join_hyphenated('"extra', "ordinary", v) == '"extraordinary'


def test_document_evidence_comes_before_shape():
    v = Vocabulary("the new PlayStation is out\nand the PlayStation sold\n")
    assert join_hyphenated("Play", "Station", v) == "PlayStation"
    # No evidence either way: a capital after the hyphen keeps it.
    assert join_hyphenated("Zorb", "Quax", Vocabulary("")) == "Zorb-Quax"


def test_html_character_references_are_decoded():
    assert normalize("a communiqu&#233; &amp; a caf&#xe9;") == "a communiqué & a café"
    # Not a reference: left as written.
    assert normalize("AT&T; R&D; &nosuchname;") == "AT&T; R&D; &nosuchname;"


def test_furniture_words_inside_a_sentence_are_text():
    text = "Artists want to protect their\ncopyright protections by paying a fee.\n\nCopyright 2005 BBC\n"
    out = clean_text(text)
    assert "copyright protections by paying a fee" in out
    assert "Copyright 2005" not in out
    # A furniture line followed by a lower-case continuation is text too.
    assert "Most popular" in clean_text("Most popular\nchoice of gadget was the phone.\n")


def test_capitalised_first_half():
    v = Vocabulary("")
    assert join_hyphenated("London", "based", v) == "London-based"
    assert join_hyphenated("Bar", "rick", v) == "Barrick"
    # A word after a first half that is no word nor any gazetteer's name is a
    # name broken by syllables ("Blax-/land" is Blaxland); a name's own
    # compounds keep their hyphen ("Oscar-/winning", "Hewlett-/based").
    assert join_hyphenated("Blax", "land", v) == "Blaxland"
    assert join_hyphenated("Oscar", "winning", v) == "Oscar-winning"
    assert join_hyphenated("Hewlett", "based", v) == "Hewlett-based"


def test_all_capital_line_judged_in_lower_case():
    assert reflow(["THE GOVERN-", "MENT FELL"], Vocabulary("")) == "THE GOVERNMENT FELL"
    assert reflow(["A SO-", "CALLED DEAL"], Vocabulary("")) == "A SO-CALLED DEAL"


# -- Reflow and case --------------------------------------------------------

def test_reflow_joins_hard_wrapped_lines():
    v = Vocabulary("")
    assert reflow(["Putuo District is to work with a leading ", "Chinese technology firm to jointly de-", "velop new things."], v) == (
        "Putuo District is to work with a leading Chinese technology firm to jointly develop new things."
    )


def test_blank_line_inside_sentence_joins_blocks():
    v = Vocabulary("")
    paras = paragraphs_from_blocks([["orbbec developed a chip and become"], ["the first maker of cameras."], ["New paragraph."]], v)
    assert paras == ["orbbec developed a chip and become the first maker of cameras.", "New paragraph."]


def test_blank_line_after_sentence_keeps_paragraphs():
    v = Vocabulary("")
    assert paragraphs_from_blocks([["One ends."], ["the next starts lower."]], v, restore_case=True) == [
        "One ends.", "The next starts lower."]
    assert paragraphs_from_blocks([["One ends."], ["the next starts lower."]], v) == ["One ends.", "the next starts lower."]


def test_case_damage_needs_several_lower_case_starts():
    assert has_case_damage("the firm grew. the company is big. under the deal, it won.")
    assert not has_case_damage("Who is Sylvia? by Edward Albee. It won. The end.")


def test_case_damage_needs_a_share_of_the_sentence_starts():
    # Three lower-case starts among many capitalised ones: an author's style, not damage.
    text = " ".join(["The firm grew."] * 12 + ["the end came.", "the day was long.", "under the deal, it won."])
    assert not has_case_damage(text)
    # Starts after abbreviations are no sentence starts at all.
    assert not has_case_damage("Mr. and Mrs. Smith came. Messrs. the Browns. At 4s. a head. J. the man.")


def test_no_capital_after_an_abbreviation():
    assert restore_sentence_case("Mr. and Mrs. Smith. the end. 4s. 7d. six pence. at 5 p.m. the show.") == (
        "Mr. and Mrs. Smith. The end. 4s. 7d. six pence. At 5 p.m. the show."
    )


def test_dates_that_do_not_exist_are_not_dates():
    from tui.core.dates import find_date

    assert find_date("31 February 2018") is None
    assert find_date("29 February 2018") is None
    assert find_date("29 February 2016").iso == "2016-02-29"
    assert find_date("2018-04-31") is None
    assert find_date("April 30, 2018").iso == "2018-04-30"


def test_drop_cap_rejoined():
    assert join_drop_cap([["t"], ["he International Innovation", "Center"]]) == [["The International Innovation", "Center"]]
    assert join_drop_cap([["t", "he Center"]]) == [["The Center"]]


def test_sentence_case_restored_only_for_common_starters():
    assert restore_sentence_case("the leading firm. the company grew. orbbec is big.") == (
        "The leading firm. The company grew. orbbec is big."
    )
    assert restore_sentence_case("iPod sales rose.") == "iPod sales rose."
    # An ellipsis inside a quotation is not a sentence end.
    assert restore_sentence_case("judicial [independence] ... to become") == "judicial [independence] ... to become"


# -- Whole cleaner ------------------------------------------------------------

def test_clean_text_end_to_end():
    raw = "Read more\n\nThe firm, es-\ntablished in 2013, grew\n\nfast. \x1b[1mBold\x1b[0m claims.\n\nCopyright 2020 X."
    assert clean_text(raw) == "The firm, established in 2013, grew fast. Bold claims."


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_never_raises_and_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["word", "Word", "de-", "velop", "\n", "\n\n", " ", ".", "t", "the", "Read more", "1", "\x1b[2J", "\u00ad", "-"]), max_size=40))
def test_clean_idempotent_on_article_like_text(parts):
    text = " ".join(parts)
    once = clean_text(text)
    assert clean_text(once) == once
    assert "\x1b" not in once


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.one_of(
    st.sampled_from("a É\t\n\u00a0\u2009\u3000\u00ad\u200b\ufeff\u202e\u2028\u2029\x07\x7f\u0301ß£’"),
    st.characters(),
)))
def test_normalize_leaves_text_plain_and_is_done_once(text):
    """Whatever comes in: NFC, no carriage returns or other line breaks than
    newlines, no escape or control characters but tabs and newlines; text
    already normal (printable ASCII) is left exactly as it is; and doing it
    again changes nothing."""
    import unicodedata

    out = normalize(text)
    assert unicodedata.is_normalized("NFC", out)
    assert not any(c in out for c in "\r\v\f\x1b\x9b\x85\u2028\u2029")
    assert not any(unicodedata.category(c) == "Cc" and c not in "\t\n" for c in out)
    assert normalize(out) == out
    if text.isascii() and text.isprintable() and "&" not in text:
        assert out == text


# -- Titles -------------------------------------------------------------------

def test_a_first_line_of_one_long_sentence_is_the_title_one_of_several_sentences_is_not():
    from tui.core.articles import parse_document

    opening = ("Maria Elena Kowalski (born 3 March 1961) is a Polish-born Canadian engineer and former politician "
               "who represented the riding of Lakeshore in the Ontario legislature from 1995 to 2003 as a member "
               "of the Liberal Party.")
    body = "She studied at McGill University.\n\nShe lives in Toronto.\n"
    p = parse_document(f"{opening}\n\n{body}")[0]
    assert len(opening.split()) > 25 and p.title == opening
    assert p.paragraphs == ["She studied at McGill University.", "She lives in Toronto."]
    # The same words as two sentences open the body, which keeps them.
    two = opening.replace(" engineer and", " engineer. She is a")
    p = parse_document(f"{two}\n\n{body}")[0]
    assert p.paragraphs[0] == two and p.title != two
    # A short line is a headline, sentence or not; a very long one is a paragraph.
    assert parse_document(f"Blair wins the vote.\n\n{body}")[0].title == "Blair wins the vote."
    long_one = "The " + "very " * 150 + "long sentence."
    assert parse_document(f"{long_one}\n\n{body}")[0].paragraphs[0] == long_one


# -- Datelines ----------------------------------------------------------------

def test_dateline_becomes_metadata_and_stays_in_the_text():
    from tui.core.articles import parse_document

    p = parse_document("Italy wins the vote on budget\n\nROME 1996-12-06\n\nItaly's parliament passed the budget on Friday.\n")[0]
    assert (p.dateline, p.date) == ("ROME", "1996-12-06")
    assert p.paragraphs[0] == "ROME"  # still searchable, its place still a name
    p = parse_document("Camel race held\n\nAL-AIN, United Arab Emirates 1996-12-06\n\nThe race was held on Friday.\n")[0]
    assert p.dateline == "AL-AIN, United Arab Emirates"


def test_a_datelines_place_keeps_its_turn_among_the_lines_that_follow_it():
    from tui.core.articles import parse_document

    # Short lines after the dateline look like headlines; the place goes
    # before them, where it stood, not into their sentence or a table below.
    p = parse_document(
        "CYCLING - FINAL RESULTS.\n\nLANDGRAAF, Netherlands 1996-08-31\n\nLeading results of\n\n"
        "the final stage between Roermond and Landgraaf on Saturday:\n\n"
        "1. Olaf Ludwig (Germany) Telekom 4 hours 48 mins\n\n2. Giovanni Lombardi (Italy) Polti 5 seconds behind\n"
    )[0]
    assert p.paragraphs[:2] == [
        "LANDGRAAF, Netherlands", "Leading results of the final stage between Roermond and Landgraaf on Saturday:",
    ]
    p = parse_document(
        "BASEBALL - STANDINGS.\n\nNEW YORK 1996-08-30\n\nMajor League Baseball\n\nstandings after Thursday:\n\n"
        "AMERICAN LEAGUE\n\nW L PCT GB\n\nNEW YORK 74 59 .556 -\n\nBALTIMORE 70 63 .526 4\n\n"
        "TORONTO 63 72 .467 12\n\nBOSTON 69 66 .511 6\n\nDETROIT 49 86 .363 26\n"
    )[0]
    assert p.paragraphs[:2] == ["NEW YORK", "Major League Baseball standings after Thursday:"]


def test_dateline_opening_the_story():
    from tui.core.articles import parse_document

    p = parse_document("Shares fall on rate fears\n\nLONDON (Reuters) - Shares fell on Friday as traders worried.\n")[0]
    assert p.dateline == "LONDON"
    assert p.paragraphs[0].startswith("LONDON (Reuters) - Shares")
    # A dash inside a sentence is no dateline.
    p = parse_document("A normal story title\n\nThe President said the plan - which is new - would work.\n")[0]
    assert p.dateline is None


def test_dateline_in_json(tmp_path):
    from tui.core.loader import load_corpus

    (tmp_path / "a.txt").write_text("Italy wins the vote\n\nROME 1996-12-06\n\nItaly's parliament passed the budget.\n")
    art = load_corpus([tmp_path]).articles[0]
    assert art.to_dict()["dateline"] == "ROME" and art.summary()["dateline"] == "ROME"


# -- Links to other stories, photo credits ------------------------------------

_PARA = "The council met on Monday to discuss the new road and its cost to the town. Members agreed to begin in spring."


def test_a_link_to_another_story_between_paragraphs_is_dropped():
    from tui.core.articles import parse_document

    text = f"Council backs the road plan\n\n{_PARA}\n\nJapan making new rail trains to predict weather, storm floods\n\n{_PARA}\n"
    p = parse_document(text)[0]
    assert "Japan" not in " ".join(p.paragraphs) and p.removed_lines == 1
    # A subheading that the story goes on about stays.
    text = f"Council backs the road plan\n\n{_PARA}\n\nThe cost of the new road\n\n{_PARA}\n"
    assert "The cost of the new road" in parse_document(text)[0].paragraphs


def test_a_photo_credit_closing_the_article_is_dropped():
    from tui.core.articles import parse_document

    text = f"Council backs the road plan\n\n{_PARA}\n\n{_PARA}\n\nThe new road is opened in the town. — Ti Gong\n"
    p = parse_document(text)[0]
    assert p.paragraphs[-1] == "The new road is opened in the town."


def test_photo_credits_and_captions_labels_are_furniture_not_sentences():
    from tui.core.text import is_furniture_line

    for line in ["Image source, Getty Images", "Media caption", "Photograph: Jane Doe/Reuters", "Getty Images",
                 "AFP", "Photos: the day in pictures"]:
        assert is_furniture_line(line), line
    for line in ["Reuters reported that the minister had resigned on Monday after weeks of pressure.",
                 "Picture: a man looks at the flooded street in the town centre after the storm passed.",
                 "Reutersville is a small town."]:
        assert not is_furniture_line(line), line


def test_a_long_line_with_no_spaces_joins_in_bounded_time():
    # A line of Chinese with no space, ending in a full stop, then another:
    # its last "token" is the whole line, looked at once per line break.
    import time

    line = "中" * 20_000 + "。"
    for lines in ([line, "文字"], ["tonic" * 4_000, "abc def"], ["a " + "x" * 50_000, "y" * 50_000 + " z"]):
        t = time.perf_counter()
        out = reflow(lines, Vocabulary("\n".join(lines)))
        assert time.perf_counter() - t < 0.5, lines[0][:20]
        assert out.replace(" ", "") == "".join(lines).replace(" ", "")
