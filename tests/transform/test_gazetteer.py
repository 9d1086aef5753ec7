"""The gazetteer's on-disk cache: the same lookups as a fresh build, and a bad cache is only rebuilt."""

from __future__ import annotations

import pytest

from etl.transform import gazetteer


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer.load_gazetteer.cache_clear()
    yield tmp_path
    gazetteer.load_gazetteer.cache_clear()


def test_the_cached_gazetteer_is_the_built_one(cache_home):
    first = gazetteer.load_gazetteer()
    (cached,) = (cache_home / "newsetl").glob("gazetteer-*.pickle")
    gazetteer.load_gazetteer.cache_clear()

    assert gazetteer.load_gazetteer() == first == gazetteer.build_gazetteer()
    assert cached.exists()


def test_a_corrupt_cache_is_rebuilt(cache_home):
    gazetteer.load_gazetteer()
    (cached,) = (cache_home / "newsetl").glob("gazetteer-*.pickle")
    cached.write_bytes(b"not a pickle")
    gazetteer.load_gazetteer.cache_clear()

    assert gazetteer.load_gazetteer() == gazetteer.build_gazetteer()


def test_an_unwritable_cache_only_costs_time(cache_home):
    (cache_home / "newsetl").write_text("a file where the cache folder should be")
    assert gazetteer.load_gazetteer().country_by_alias["Ukraine"] == "UKR"


def test_a_changed_data_file_names_another_cache(cache_home, monkeypatch, tmp_path):
    before = gazetteer._cache_path()
    data = tmp_path / "data"
    data.mkdir()
    for path in gazetteer.DATA.iterdir():
        (data / path.name).write_bytes(path.read_bytes())
    (data / "group_nouns.txt").write_text((data / "group_nouns.txt").read_text() + "\nvolunteers\n")
    monkeypatch.setattr(gazetteer, "DATA", data)
    assert gazetteer._cache_path() != before
