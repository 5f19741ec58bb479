"""Shared fixtures: the bundled seeds and the third-party corpora beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("BYLINE_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never touch the user's own index cache."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def _private_settings(tmp_path, monkeypatch):
    """Nor the user's settings or reading state; and each test starts from
    none (a theme one test picks must not colour another's screenshots)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(scope="session")
def seeds_corpus():
    from tui.core.loader import load_corpus

    return load_corpus([SEEDS])


@pytest.fixture(scope="session")
def seed_articles(seeds_corpus):
    return seeds_corpus.articles


def corpus_dir(*parts: str) -> Path:
    """A folder of ../shared/corpora, or skip the test with the reason."""
    path = CORPORA.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"{path} is absent (the shared corpora sit beside the repo in CI)")
    return path


def by_title(articles, fragment: str):
    found = [a for a in articles if fragment.lower() in a.title.lower()]
    assert found, f"no article titled like {fragment!r}: {[a.title for a in articles]}"
    return found[0]
