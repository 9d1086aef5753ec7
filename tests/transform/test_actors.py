from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.transform.actors import resolve_actors


def actors_by_name(document):
    return {actor.name: actor for actor in document.actors.values()}


def test_title_before_a_name_gives_role_and_country(make_document):
    document = make_document("German Chancellor Olaf Scholz met Japan's Prime Minister Fumio Kishida in Tokyo.")
    actors = actors_by_name(document)
    assert actors["Olaf Scholz"].role == "Chancellor"
    assert actors["Olaf Scholz"].country == "DEU"
    assert actors["Fumio Kishida"].role == "Prime Minister"
    assert actors["Fumio Kishida"].country == "JPN"


def test_surname_and_full_name_are_one_actor(make_document):
    document = make_document("French President Emmanuel Macron spoke on Monday.\nLater, Macron said talks would go on.")
    people = [a for a in document.actors.values() if a.type == "person"]
    assert [p.name for p in people] == ["Emmanuel Macron"]


def test_description_points_back_to_the_person_named_earlier(make_document):
    document = make_document("Nicolas Maduro spoke to reporters. The Venezuelan president said the vote was fair.")
    maduro = actors_by_name(document)["Nicolas Maduro"]
    assert maduro.country == "VEN"
    assert maduro.role == "President"


def test_pronoun_points_to_the_latest_person(make_document):
    document = make_document("Ursula Klein arrived late. She apologised.")
    she = next(t for b in document.blocks for t in b.doc if t.text == "She")
    assert she._.actor_id == actors_by_name(document)["Ursula Klein"].actor_id


def test_countries_capitals_used_as_governments_and_places(make_document):
    document = make_document("Moscow said the talks failed, and shelling hit a school in Kharkiv, Ukraine.")
    actors = actors_by_name(document)
    assert actors["Russia"].type == "country"
    assert actors["Kharkiv"].type == "location"
    assert actors["Kharkiv"].country == "UKR"
    assert actors["Ukraine"].country == "UKR"


def test_institution_carries_its_country(make_document):
    document = make_document("The Kremlin rejected the offer, while the White House welcomed it.")
    actors = actors_by_name(document)
    assert actors["Kremlin"].country == "RUS"
    assert actors["White House"].country == "USA"


def test_demonym_with_group_noun_is_a_group(make_document):
    document = make_document("Polish officials said the border was calm.")
    group = actors_by_name(document)["Polish officials"]
    assert (group.type, group.country) == ("group", "POL")


def test_title_case_headline_only_keeps_known_names(make_document):
    document = make_document("**Merkel Agrees To Review Energy Pact**\nAngela Merkel agreed on Monday to review the pact.")
    names = {a.name for a in document.actors.values()}
    assert "Agrees" not in names and "Review Energy Pact" not in names
    headline_ids = {t._.actor_id for t in document.blocks[0].doc if t._.actor_id}
    assert headline_ids == {actors_by_name(document)["Angela Merkel"].actor_id}


def test_actor_ids_do_not_depend_on_the_document(make_document):
    one = actors_by_name(make_document("Kenya and Uganda signed a deal.", "a"))
    two = actors_by_name(make_document("Uganda signed a deal.", "b"))
    assert one["Uganda"].actor_id == two["Uganda"].actor_id


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc XYZ .,'\"\nPutinRsa")), max_size=120))
def test_mention_rows_index_the_text(make_document, text):
    if not text.strip():
        return
    document = make_document(text)
    for row in resolve_actors(document):
        assert text[row["char_start"] : row["char_end"]] == row["text"]


def test_pronoun_prefers_the_subject_over_a_later_object(make_document):
    document = make_document("Ursula Klein met Donald Trump on Monday. She said the talks went well.")
    she = next(t for b in document.blocks for t in b.doc if t.text == "She")
    assert she._.actor_id == actors_by_name(document)["Ursula Klein"].actor_id


def test_a_surname_that_is_also_a_month_stays_a_date(make_document):
    document = make_document("British Prime Minister Theresa May spoke. The next summit is in May.")
    may = [t for b in document.blocks for t in b.doc if t.text == "May"][-1]
    assert may._.actor_id is None


def test_an_ambiguous_description_is_left_unresolved(make_document):
    document = make_document("Boris Johnson met Emmanuel Macron. The French president said he was pleased.")
    actors = actors_by_name(document)
    assert actors["Boris Johnson"].country is None
    assert actors["Emmanuel Macron"].country is None


def test_a_city_the_model_calls_a_person_is_a_place(make_document):
    document = make_document("Russian forces kept shelling Kharkiv overnight.")
    kharkiv = actors_by_name(document)["Kharkiv"]
    assert (kharkiv.type, kharkiv.country) == ("location", "UKR")


def test_a_month_is_never_a_town(make_document):
    document = make_document("The war began in March 2022 and fighting resumed in March.")
    assert "March" not in actors_by_name(document)


def test_hyphenated_surnames_are_two_people(make_document):
    document = make_document("Joe Biden and Emmanuel Macron spoke. The Biden-Macron call lasted an hour.")
    hyphen_block = document.blocks[0].doc
    ids = {t.text: t._.actor_id for t in hyphen_block if t.text in ("Biden", "Macron")}
    people = actors_by_name(document)
    assert people["Joe Biden"].actor_id in ids.values() and people["Emmanuel Macron"].actor_id in ids.values()
    assert not any(a.type == "organization" for a in document.actors.values())


def test_organisation_cut_at_a_country_keeps_it(make_document):
    document = make_document("The Ministry of Foreign Affairs of Ukraine issued a statement.")
    ministry = next(a for a in document.actors.values() if a.type == "organization")
    assert ministry.name == "Ministry of Foreign Affairs of Ukraine"
    assert ministry.country == "UKR"


def test_an_appositive_description_gives_the_named_person_role_and_country(make_document):
    document = make_document("Sergei Ivanov, the Russian defence minister, said the drills would go on.")
    orlov = actors_by_name(document)["Sergei Ivanov"]
    assert (orlov.role, orlov.country) == ("Defence Minister", "RUS")


def test_a_possessive_description_points_to_the_person_with_that_office(make_document):
    text = "Foreign Minister Anna Kovalenko arrived in Warsaw.\nLater, Ukraine's foreign minister said talks had gone well."
    document = make_document(text)
    described = next(t for b in document.blocks for t in b.doc if t.text == "minister")
    assert described._.actor_id == actors_by_name(document)["Anna Kovalenko"].actor_id


def test_he_said_goes_back_to_the_last_speaker(make_document):
    text = ('Tom Reyes told reporters the package was ready. He met General Ivan Petrenko on Friday.\n'
            '"We will deliver it this month," he said.')
    document = make_document(text)
    he = [t for b in document.blocks for t in b.doc if t.text == "he"][-1]
    assert he._.actor_id == actors_by_name(document)["Tom Reyes"].actor_id


def test_transliterations_of_one_name_are_one_actor(make_document):
    one = make_document("President Volodymyr Zelensky spoke in Kyiv.", "a")
    two = make_document("President Volodymyr Zelenskiy spoke in Kyiv.", "b")
    three = make_document("President Volodymyr Zelenskyy spoke in Kyiv.", "c")
    ids = {next(a.actor_id for a in d.actors.values() if a.type == "person") for d in (one, two, three)}
    assert len(ids) == 1


def test_a_national_ministry_is_an_organisation_of_that_country(make_document):
    document = make_document("The Russian Defence Ministry said its air defences downed the drones.")
    ministry = next(a for a in document.actors.values() if a.type == "organization")
    assert (ministry.name, ministry.country) == ("Russian Defence Ministry", "RUS")
