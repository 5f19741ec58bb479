"""The five bundled seeds, end to end: splitting, titles, metadata, furniture."""

from __future__ import annotations

import re

from conftest import SEEDS, by_title
from tui.core.articles import parse_document

FURNITURE_003 = ["Related news", "MorePhoto", "Most popular", "Politics", "Travel Types", "Bar & Club",
                 "Learning Chinese", "Back to top", "Copyright", "Reproduction", "LINE", "AAAPrint", "App Download"]


def seed(n: int):
    return next(SEEDS.glob(f"{n:03d}_*.txt"))


def test_seeds_are_the_shared_files_byte_for_byte():
    from conftest import SHARED

    shared = SHARED / "seeds"
    if not shared.is_dir():
        import pytest

        pytest.skip("../shared/seeds is absent")
    names = sorted(p.name for p in shared.iterdir())
    assert sorted(p.name for p in SEEDS.iterdir()) == names
    for name in names:
        assert (SEEDS / name).read_bytes() == (shared / name).read_bytes()


def test_seeds_list_fourteen_or_more_articles(seed_articles):
    assert len(seed_articles) >= 14
    assert len({a.id for a in seed_articles}) == len(seed_articles)


def test_archive_002_is_ten_posts_with_their_headlines(seed_articles):
    posts = [a for a in seed_articles if a.path.endswith(seed(2).name)]
    assert [p.title for p in posts] == [
        "Guangdong 2nd in software output",
        "GBA startup communities: an explainer",
        "AI robot has IP rights, says Shenzhen court",
        "Shenzhen adopts blockchain-based IDs",
        "GBA’s big 3 designated top ‘creative cities’",
        "Huawei building AI research platform",
        "‘Science Cities’ rise in Guangdong",
        "Daya Bay to build AI industrial park",
        "‘Smart glasses’ debut at Shenzhen Bay Port",
        "GBA agricultural product system set up",
    ]
    for p in posts:
        assert not re.search(r"Continue reading|Read more|Category Archives|China News", p.text), p.title
        assert p.paragraphs


def test_003_metadata_and_no_furniture(seed_articles):
    a = by_title(seed_articles, "SenseTime, Alibaba open AI lab")
    assert a.title == "SenseTime, Alibaba open AI lab in partnership with HK Science and Technology Parks"
    assert a.date == "2018-05-22T15:49:30"
    assert a.source == "China Daily"
    assert a.author == "Mo Hong'e"
    for junk in FURNITURE_003:
        assert junk not in a.text, junk
    assert a.paragraphs[-1].startswith("The deal valued SenseTime")
    assert a.removed_lines >= 40


def test_004_headline_standfirst_and_date(seed_articles):
    a = by_title(seed_articles, "Beijing recruits")
    assert a.title == "Beijing recruits Hong Kong artificial intelligence start-up SenseTime to lead tech drive"
    assert a.subtitle.startswith("Carrie Lam hails involvement")
    assert a.date == "2018-09-20T23:42"
    assert "PUBLISHED" not in a.text and "UPDATED" not in a.text
    assert "Artificial intelligence" not in (a.title, a.subtitle)
    # Brackets in the text are text.
    assert "[laboratories will]" in a.text
    # The pull quote is printed once, in its paragraph, not twice.
    assert a.text.count("The mainland benefits from Hong Kong’s good schools") == 1


def test_000_splits_into_two_stories_with_their_bylines(seed_articles):
    stories = [a for a in seed_articles if a.path.endswith(seed(0).name)]
    assert len(stories) == 2
    first, second = stories
    assert first.title == "3D artificial intelligence applications deal is inked"
    assert first.author == "Bob Yang"
    assert "orbbec" in first.text and "Tsinghua" not in first.text
    assert second.title.startswith("City, Tsinghua launch innovation center in Putuo")
    assert second.author == "Yang Jian"
    assert second.paragraphs[0].startswith("The International Innovation Center")


def test_000_has_no_broken_words(seed_articles):
    text = " ".join(a.text for a in seed_articles if a.path.endswith(seed(0).name))
    for good in ["develop new", "closing ceremony", "established in 2013", "technology solutions",
                 "Hewlett-Packard", "Sino-Germany", "Android", "August 31", "Israel", "themselves",
                 "upgraded", "downstream", "payment along"]:
        assert good in text, good
    assert not re.search(r"\b\w+- \w", text.replace("face- and", "")), re.findall(r"\b\w+- \w+", text)
    assert "the leading technology firm" not in text and "The leading technology firm" in text


def test_001_title_and_capitalised_surname(seed_articles):
    a = by_title(seed_articles, "DeepBlue Technology Made the Layout")
    assert "XU Wenguang" in a.text
    assert a.date is None


def test_titles_are_never_labels_or_furniture(seed_articles):
    for a in seed_articles:
        assert a.title not in {"LINE", "Text:AAAPrint", "Sci-tech", "Artificial intelligence", "Category Archives: Innovation"}
        assert len(a.title.split()) >= 4


def test_raw_text_is_kept(seed_articles):
    a = by_title(seed_articles, "SenseTime, Alibaba open AI lab")
    assert "Travel Types" in a.raw


def test_parse_is_deterministic():
    raw = seed(0).read_text(encoding="utf-8")
    one = [p.paragraphs for p in parse_document(raw)]
    two = [p.paragraphs for p in parse_document(raw)]
    assert one == two
