"""One person, one actor across a corpus: spellings, typos and surnames said alone (etl.transform.identity)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from etl.transform.context import Actor
from etl.transform.identity import corpus_merges, one_edit_apart, typo_apart, variant_key


def person(name: str, kind: str = "person") -> Actor:
    return Actor(f"{kind}:{name}", name, kind)


def merges(*seen: tuple[str, int] | tuple[str, int, str]) -> dict[str, str]:
    """corpus_merges over actors in first-seen order, each with the number of documents naming it; as names."""
    actors = [person(*entry[::2]) if len(entry) == 3 else person(entry[0]) for entry in seen]
    first = {actor.actor_id: actor for actor in actors}
    documents = {actor.actor_id: entry[1] for actor, entry in zip(actors, seen, strict=True)}
    return {first[short].name: first[full].name for short, full in corpus_merges(first, documents).items()}


def test_spellings_of_one_name_share_a_key():
    assert variant_key("Olexiy Marchenkiy") == variant_key("Oleksii Marchenky") == variant_key("OLEKSIY MARCHENKYY")
    assert variant_key("Tomás Ruíz-Peña") == variant_key("Tomas Ruiz Pena")
    assert variant_key("Wiktor Łazarow") == variant_key("Viktor Lazarov")
    assert variant_key("Jan Q. Public") == variant_key("Jan Public")
    assert variant_key("Anna Petrova") != variant_key("Anna Petrov")


@given(st.text())
def test_the_variant_key_never_raises_and_is_its_own_key(name):
    key = variant_key(name)
    assert variant_key(key) == key


def test_one_edit_is_a_change_an_insertion_a_deletion_or_a_swap():
    assert one_edit_apart("marchenko", "marchanko")
    assert one_edit_apart("marchenko", "marchenkko")
    assert one_edit_apart("marchenko", "marhenko")
    assert one_edit_apart("marchenko", "mracheko") is False
    assert one_edit_apart("marchenko", "amrchenko")
    assert one_edit_apart("marchenko", "marchenko") is False


def test_a_typo_is_one_word_off_long_enough_with_its_initial_and_gender():
    assert typo_apart("bertram quillfeather", "bertram quilfeather")
    assert not typo_apart("bertram quill", "bertram quell")  # too short to tell a typo from another name
    assert not typo_apart("bertram quillfeather", "bertran quilfeather")  # two words off
    assert not typo_apart("bertram mandelson", "bertram handelson")  # another initial: another person
    assert not typo_apart("irina sokolovsky", "irina sokolovska")  # his surname and hers


def test_a_surname_alone_joins_the_only_full_name_once_its_spellings_are_merged():
    found = merges(("Boris Kalganov", 9), ("Kalganov", 4), ("Boris Kalganow", 1), ("Boris Kalgaonv", 1), ("Boris T. Kalganov", 1))
    assert found == {name: "Boris Kalganov" for name in ("Kalganov", "Boris Kalganow", "Boris Kalgaonv", "Boris T. Kalganov")}


def test_two_people_with_one_surname_stay_apart():
    assert merges(("Hector Vantongeren", 5), ("Lydia Vantongeren", 2), ("Vantongeren", 3)) == {}


def test_his_surname_alone_is_not_his_wife():
    assert merges(("Oleh Marchensky", 5), ("Olena Marchenska", 2), ("Marchensky", 3), ("Marchenska", 1)) == {
        "Marchensky": "Oleh Marchensky",
        "Marchenska": "Olena Marchenska",
    }


def test_two_sets_of_middle_initials_keep_father_and_son_apart():
    found = merges(("Walter P. R. Quimby", 3), ("Walter R. Quimby", 3), ("Walter R Quimby", 1), ("Walter Quimby", 2))
    assert found == {"Walter R Quimby": "Walter R. Quimby"}


def test_a_spelling_near_two_names_stays_apart():
    # "Quillfeathers" is as near "Quilfeathers", which more documents name: it stays apart
    assert merges(("Bertram Quillfeather", 5), ("Bertram Quillfeathers", 1), ("Bertram Quilfeathers", 4)) == {}
    # unless that other is its own rarer typo
    found = merges(("Bertram Quillfeather", 5), ("Bertram Quillfeathers", 4), ("Bertram Quilfeathers", 1))
    assert found == {"Bertram Quillfeathers": "Bertram Quillfeather"}


def test_the_merge_goes_to_the_name_most_documents_use_whatever_came_first():
    assert merges(("Bertram Quilfeather", 1), ("Bertram Quillfeather", 3)) == {"Bertram Quilfeather": "Bertram Quillfeather"}
    assert merges(("Bert Quillfeather", 1), ("BERT QUILLFEATHER", 1)) == {"BERT QUILLFEATHER": "Bert Quillfeather"}


def test_two_spellings_as_common_as_each_other_may_be_two_people():
    assert merges(("Bertram Quilfeather", 2), ("Bertram Quillfeather", 2)) == {}


def test_a_given_name_alone_joins_no_folded_surname():
    assert merges(("Ines Wladimir", 2), ("Vladimir", 3)) == {}
    assert merges(("Ines Wladimir", 2), ("Wladimir", 3)) == {"Wladimir": "Ines Wladimir"}
    assert merges(("Ines Wladimir", 2), ("Wladimir\n", 3)) == {}  # "Wladimir\nSorensen said", the line cut in the name


def test_names_with_figures_are_no_one_s_spelling():
    assert merges(("Revenue 12.1 mln", 1), ("Revenue 12.2 mln", 1)) == {}
