"""The gazetteer's on-disk cache: the same lookups as a fresh build, and a bad cache is only rebuilt."""

from __future__ import annotations

import pytest

from etl.rules import RuleFileError
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


# Word lists: one list a row, built from shared lists -----------------------------------------------


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer, "DATA", tmp_path)
    (tmp_path / "spots.txt").write_text("# Prepositions of place.\nin\nnear\nat\n", encoding="utf-8")
    return tmp_path


def test_a_word_list_is_built_from_a_list_above_or_a_word_class(data_folder):
    (data_folder / "words.tsv").write_text(
        "# The lists.\nlist\twords\texcept\nplace\t$spots|Along\tat\nwider\t$place|from\n", encoding="utf-8"
    )
    lists = gazetteer.word_lists.__wrapped__("words.tsv")

    assert lists["place"] == {"in", "near", "along"}
    assert lists["wider"] == {"in", "near", "along", "from"}


def test_a_word_list_error_names_the_file_and_line(data_folder):
    (data_folder / "words.tsv").write_text("list\twords\texcept\n# Takes out a word it lacks.\nplace\t$spots\tover\n", encoding="utf-8")

    with pytest.raises(RuleFileError, match=r"words\.tsv:3: list 'place' .*\['over'\]"):
        gazetteer.word_lists.__wrapped__("words.tsv")


def test_a_list_the_code_asks_for_and_the_file_lacks_names_the_file(data_folder):
    (data_folder / "words.tsv").write_text("list\twords\nplace\tin|near\n", encoding="utf-8")

    with pytest.raises(RuleFileError, match=r"words\.tsv: no list 'destination'"):
        gazetteer.word_lists.__wrapped__("words.tsv")["destination"]


def test_a_known_bodys_name_is_no_towns_other_spelling():
    built = gazetteer.load_gazetteer()
    assert built.institutions, "institutions.tsv is empty"
    assert not set(built.institutions) & set(built.country_by_city)
    assert "Hamas" in built.institutions


def test_a_dissolved_state_is_no_capitals_country():
    built = gazetteer.load_gazetteer()
    assert built.country_by_capital["Belgrade"] == "SRB"
    assert built.country_by_capital["Pristina"] == "XKX"
