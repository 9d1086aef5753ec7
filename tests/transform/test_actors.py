from __future__ import annotations

import pytest
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


def test_a_surname_with_particles_is_one_name(make_document):
    document = make_document("BRUSSELS (Reuters) - European Commission President Ursula von der Leyen on Wednesday praised the plan.")
    assert "Ursula von der Leyen" in actors_by_name(document)


def test_a_former_state_is_a_country_and_its_demonym_names_it(make_document):
    document = make_document("The Soviet Union sent grain to Ethiopia, and Yugoslav officials said so.")
    actors = actors_by_name(document)
    assert (actors["Soviet Union"].type, actors["Soviet Union"].country) == ("country", "SUN")
    assert actors["Yugoslav officials"].country == "YUG"


def test_a_country_word_after_ex_or_post_is_no_country(make_document):
    document = make_document("Post-Soviet officials met in Minsk.")
    assert all(actor.country != "SUN" for actor in document.actors.values())


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


def test_a_name_a_hard_wrapped_line_breaks_is_one_person(make_document):
    text = "The trade minister, Maria\nKowalczyk, said on Monday that exports rose.\nShe said the figures were\nbetter than forecast."
    document = make_document(text)
    people = [actor.name for actor in document.actors.values() if actor.type == "person"]
    rows = [row for row in resolve_actors(document) if row["char_start"] == text.index("Maria")]
    assert people == ["Maria Kowalczyk"]
    assert [row["text"] for row in rows] == ["Maria\nKowalczyk"]


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


def test_an_office_named_by_the_place_it_serves_is_of_that_places_country(make_document):
    document = make_document("The mayor of Kisumu criticised the county budget. The prefect of Ziguinchor in Senegal lifted a curfew.")
    people = {actor.name: actor for actor in document.actors.values() if actor.type == "person"}
    assert (people["Kenyan Mayor"].role, people["Kenyan Mayor"].country) == ("Mayor", "KEN")
    assert people["Senegalese Prefect"].country == "SEN"


@pytest.mark.parametrize(
    ("text", "office", "country"),
    [
        ("The governor in Kano imposed a curfew on the city.", "Nigerian Governor", "NGA"),
        ("The commissioner for Mombasa met traders on Monday.", "Kenyan Commissioner", "KEN"),
        ("Kaduna state governor imposed a curfew on the city.", "Nigerian Governor", "NGA"),
    ],
)
def test_an_office_in_or_for_a_place_or_after_its_name_is_of_that_places_country(make_document, text, office, country):
    document = make_document(text)
    people = {actor.name: actor for actor in document.actors.values() if actor.type == "person"}
    assert people[office].country == country, people


def test_a_place_before_an_office_before_a_name_is_no_office_of_its_own(make_document):
    """ "Kano state governor Abba Yusuf": the office is the title of the name after it, even one the model missed."""
    document = make_document("Kano state governor Abdullahi Ganduje imposed a curfew.")
    assert "Nigerian Governor" not in {actor.name for actor in document.actors.values()}


def test_a_police_commander_and_a_municipality_stand_for_their_bodies(make_document):
    document = make_document("The police commander in Kisumu, Kenya, met the municipality of Kisumu on Monday.")
    names = {actor.name for actor in document.actors.values()}
    assert {"Kenyan police", "Kenyan local government"} <= names, names


def test_a_capital_two_countries_share_is_the_more_populous_countrys(make_document):
    document = make_document("Police in Kingston arrested 12 people on Monday.")
    assert any(actor.country == "JAM" for actor in document.actors.values() if actor.type != "location"), document.actors


def test_he_said_goes_back_to_the_last_speaker(make_document):
    text = (
        'Tom Reyes told reporters the package was ready. He met General Ivan Petrenko on Friday.\n"We will deliver it this month," he said.'
    )
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


def mention_actor(document, text):
    """The actor of the mention that starts with the token `text`."""
    token = next(t for b in document.blocks for t in b.doc if t.text == text and t._.actor_id)
    return document.actors[token._.actor_id]


def test_a_country_named_only_as_a_place_is_still_a_country(make_document):
    document = make_document("Sanctions hit companies in Belgium and Slovakia. The ship will sail to Djibouti. Poland said it was ready.")
    actors = actors_by_name(document)
    assert actors["Belgium"].type == actors["Slovakia"].type == actors["Djibouti"].type == actors["Poland"].type == "country"
    assert actors["Belgium"].country == "BEL"


def test_a_country_that_also_acts_stays_a_country_everywhere(make_document):
    document = make_document("Talks were held in Turkey. Turkey said it would mediate.")
    turkey = [a for a in document.actors.values() if a.name == "Turkey"]
    assert [a.type for a in turkey] == ["country"]


def test_a_hyphenated_modifier_is_not_an_actor(make_document):
    document = make_document("The Kremlin-controlled peninsula was hit by US-supplied missiles.")
    assert not document.actors


def test_a_hyphenated_group_keeps_its_phrase(make_document):
    document = make_document("Russia-backed separatists seized the town.")
    group = next(a for a in document.actors.values() if a.type == "group")
    assert (group.name, group.country) == ("Russia-backed separatists", "RUS")


def test_a_country_before_an_organisation_word_is_part_of_its_name(make_document):
    document = make_document("The US Senate voted on Tuesday. The U.S. Department of State ordered citizens to leave.")
    types = sorted(a.type for a in document.actors.values())
    assert types == ["organization", "organization"]
    assert all(a.country == "USA" for a in document.actors.values())


def test_an_organisation_name_joins_the_pieces_the_model_cut(make_document):
    document = make_document("On Thursday, the UN Office for the Coordination of Humanitarian Affairs said attacks rose.")
    names = [a.name for a in document.actors.values()]
    assert names == ["UN Office for the Coordination of Humanitarian Affairs"]


def test_an_embassy_is_named_with_its_city(make_document):
    document = make_document('"Leave now," the U.S. Embassy in Moscow warned.')
    embassy = next(a for a in document.actors.values() if a.type == "organization")
    rows = resolve_actors(document)
    assert embassy.country == "USA"
    assert any(row["text"] == "U.S. Embassy in Moscow" for row in rows)


def test_an_acronym_given_with_a_name_stands_for_it(make_document):
    text = "The Organisation for the Prohibition of Chemical Weapons (OPCW) met on Monday.\nThe OPCW said the report was ready."
    document = make_document(text)
    organisations = [a for a in document.actors.values() if a.type == "organization"]
    assert len(organisations) == 1


def test_treaties_weapons_ships_and_platforms_are_not_actors(make_document):
    text = (
        "The attack breached the Chemical Weapons Convention (CWC), which bans such arms under the CWC.\n"
        "Missiles were fired from Tupolev bombers, and HIMARS launchers replied.\n"
        "The MV Brave Commander left port, the governor wrote on Telegram."
    )
    document = make_document(text)
    named = [a for a in document.actors.values() if a.type in ("organization", "person") and a.name != a.role]
    assert not named  # "the governor" is an office of no known country, named by its role


def test_a_name_placed_as_places_are_is_a_location(make_document):
    text = (
        "Troops took the village of Novoselivka and pushed on towards Kozachka.\n"
        "The army said it had taken three villages — Sumy, Hlyboke and Ternova — on Friday."
    )
    document = make_document(text)
    for name in ("Novoselivka", "Kozachka", "Hlyboke", "Ternova"):
        assert mention_actor(document, name).type == "location", name


def test_names_listed_with_countries_are_not_places(make_document):
    document = make_document("The leaders of Canada, France, Germany, Italy, NATO and the European Commission will be on the call.")
    assert mention_actor(document, "European").type == "organization"


def test_a_place_mention_takes_its_region_word(make_document):
    rows = resolve_actors(make_document("Shelling went on in the Kharkiv region overnight."))
    assert [row["text"] for row in rows] == ["Kharkiv region"]


def test_a_name_starting_with_a_given_name_is_a_person(make_document):
    document = make_document("Volodymyr Zelenskiy rejected the plan. Analyst Mallory Stewart disagreed.")
    people = {a.name for a in document.actors.values() if a.type == "person"}
    assert {"Volodymyr Zelenskiy", "Mallory Stewart"} <= people
    assert not [a for a in document.actors.values() if a.type == "organization"]


def test_a_person_named_at_the_end_of_an_office_phrase(make_document):
    document = make_document("Ukraine's head of intelligence at the ministry of defense Kyrylo Budanov said the front would hold.")
    assert "Kyrylo Budanov" in {a.name for a in document.actors.values() if a.type == "person"}


def test_names_in_an_all_caps_line_are_found(make_document):
    document = make_document("Putin spoke on Monday.\nRUSSIA WARNS ISRAEL AGAINST PROVIDING ARMS TO UKRAINE, SAYS PUTIN")
    caps = {document.actors[t._.actor_id].name for t in document.blocks[1].doc if t._.actor_id}
    assert caps == {"Russia", "Israel", "Ukraine", "Putin"}


def test_a_government_is_its_country(make_document):
    document = make_document("The Australian government announced a package. Marles thanked the Polish government.")
    assert {a.name for a in document.actors.values() if a.type == "country"} >= {"Australia", "Poland"}
    assert not [a for a in document.actors.values() if a.type == "organization"]


def test_armed_forces_are_a_body_and_troops_a_group(make_document):
    document = make_document("Ukraine's armed forces said Russian troops attacked.")
    kinds = {a.name: a.type for a in document.actors.values()}
    assert kinds["Ukrainian Armed Forces"] == "organization"
    assert kinds["Russian forces"] == "group"


def test_a_military_that_fights_is_a_force_and_one_that_speaks_a_body(make_document):
    document = make_document("The Russian military launched strikes overnight. Ukraine's military said it repelled them.")
    kinds = {a.name: a.type for a in document.actors.values()}
    assert kinds["Russian forces"] == "group"
    assert kinds["Ukrainian military"] == "organization"


def test_a_head_count_of_nationals_is_not_a_group(make_document):
    document = make_document("About 4.3 million Ukrainians were registered abroad. The Russians fired back.")
    assert [a.name for a in document.actors.values() if a.type == "group"] == ["Russians"]


def test_groups_of_regions_sides_and_blocs(make_document):
    text = "African leaders proposed a plan, as the West imposes sanctions and pro-Ukrainian units raid the border."
    document = make_document(text)
    groups = {a.name: a.country for a in document.actors.values() if a.type == "group"}
    assert groups == {"African leaders": None, "the West": None, "pro-Ukrainian units": None}


def test_the_west_as_a_direction_is_not_a_group(make_document):
    document = make_document("Fighting raged in the west of the country.")
    assert not [a for a in document.actors.values() if a.type == "group"]


def test_military_units_with_a_number_or_a_name(make_document):
    document = make_document("Russian troops, including the elite 155th naval infantry, attacked. The 'Centrer' troop unit advanced.")
    groups = {a.name for a in document.actors.values() if a.type == "group"}
    assert {"155th naval infantry", "elite 155th naval infantry"} & groups
    assert "'Centrer' troop unit" in groups


def test_a_group_mention_spans_its_modifiers_and_its_place(make_document):
    text = "Pro-war Russian military bloggers reported gains. Authorities in Ukraine's Sumy oblast bordering Russia reported attacks."
    rows = resolve_actors(make_document(text))
    texts = {row["text"] for row in rows}
    assert "Russian military bloggers" in " ".join(texts)
    assert "Authorities in Ukraine's Sumy oblast" in texts


def test_leaders_of_units_are_one_group(make_document):
    document = make_document("Bloggers blamed the leaders of Ukrainian units for the losses.")
    groups = {a.name: a.sector for a in document.actors.values() if a.type == "group"}
    assert groups == {"leaders of Ukrainian units": None, "Journalists": "media"}  # bloggers: a generic group


def test_a_described_and_named_outlet_is_one_organisation(make_document):
    text = "Russia's state news agency RIA Novosti quoted him. Ukrinform news agency and the Deep State Telegram channel disagreed."
    document = make_document(text)
    assert {a.name for a in document.actors.values() if a.type == "organization"} == {"RIA Novosti", "Ukrinform", "Deep State"}


def test_the_department_is_the_one_named_before(make_document):
    text = "The U.S. Department of State ordered citizens to leave.\nIn a message the department also said more."
    document = make_document(text)
    department = next(t for t in document.blocks[1].doc if t.text == "department")
    state = next(a for a in document.actors.values() if a.type == "organization")
    assert department._.actor_id == state.actor_id


def test_the_senate_is_the_senate_named_in_full(make_document):
    document = make_document("The US Senate voted on Tuesday. The bill passed the Senate easily.")
    assert len([a for a in document.actors.values() if a.type == "organization"]) == 1


def test_its_forces_are_that_countrys_forces(make_document):
    document = make_document("Russia's Defense Ministry claimed its forces had taken a village.")
    its = next(t for b in document.blocks for t in b.doc if t.text == "its")
    assert document.actors[its._.actor_id].name == "Russian forces"


def test_a_subject_it_is_the_body_that_was_the_subject(make_document):
    document = make_document("The UN refugee agency UNHCR said on Monday it had seen a rise. It called for calm.")
    its = [t for b in document.blocks for t in b.doc if t.lower_ == "it"]
    assert all(t._.actor_id for t in its)


def test_an_expletive_it_is_left_alone(make_document):
    document = make_document("Russia fired missiles. It is likely that more will follow.")
    it = next(t for b in document.blocks for t in b.doc if t.text == "It")
    assert it._.actor_id is None


def test_the_kremlin_leader_is_the_russian_leader(make_document):
    document = make_document("Russian President Vladimir Putin spoke. Later the Kremlin leader announced a deployment.")
    leader = next(t for b in document.blocks for t in b.doc if t.text == "leader")
    assert document.actors[leader._.actor_id].name == "Vladimir Putin"


def test_a_description_of_another_office_is_not_the_minister_named_before(make_document):
    text = "Sergei Ivanov, the Russian defence minister, spoke.\nThe Russian foreign minister said talks were over."
    document = make_document(text)
    minister = next(t for t in document.blocks[1].doc if t.text == "minister")
    holder = document.actors[minister._.actor_id]
    assert holder.name != "Sergei Ivanov"
    assert (holder.role, holder.country) == ("Foreign Minister", "RUS")


def test_a_description_points_to_the_person_of_the_sentence_before(make_document):
    text = "Boris Kovalenko spoke first. Then Anna Petrenko rejected the plan. The Ukrainian president said it was unworkable."
    document = make_document(text)
    president = next(t for b in document.blocks for t in b.doc if t.text == "president")
    assert document.actors[president._.actor_id].name == "Anna Petrenko"


def test_city_spellings_keep_variants_not_unrelated_names():
    from etl.transform.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert gazetteer.country_by_city.get("Lugansk") == "UKR"
    assert gazetteer.country_by_city.get("Africa") == ""  # a continent, not a town's old name
    assert "Stewart" not in gazetteer.country_by_city
    assert gazetteer.institution_name["EU"] == "European Union"


def test_a_name_north_of_which_things_lie_is_a_place(make_document):
    document = make_document("The village is around 10 kilometers north of Avdiivka, which Russia captured.")
    assert mention_actor(document, "Avdiivka").type == "location"


def test_a_name_takes_its_given_names_and_particles(make_document):
    document = make_document("Ursula von der Leyen spoke. Later he met Władysław Kosiniak-Kamysz.")
    people = {a.name for a in document.actors.values() if a.type == "person"}
    assert {"Ursula von der Leyen", "Władysław Kosiniak-Kamysz"} <= people
    assert not [a for a in document.actors.values() if a.type == "location"]


def test_a_country_hosting_talks_is_a_party(make_document):
    document = make_document("The deal was negotiated in Qatar with both sides.")
    assert actors_by_name(document)["Qatar"].type == "country"


def test_a_capital_stands_for_its_government_unless_it_is_the_place(make_document):
    text = (
        "Kyiv and Moscow traded accusations, and Washington pledged support for Kyiv and sanctions on Moscow.\n"
        "Later, missiles hit Kyiv and strikes on Kyiv went on, while talks were held in Moscow."
    )
    document = make_document(text)
    first = {document.actors[t._.actor_id].type for t in document.blocks[0].doc if t.ent_id_.startswith("capital:")}
    second = {document.actors[t._.actor_id].type for t in document.blocks[1].doc if t.ent_id_.startswith("capital:")}
    assert first == {"country"}
    assert second == {"location"}


def test_a_lone_surname_called_an_organisation_joins_a_person_named_in_several_documents():
    from etl.transform import surname_merges
    from etl.transform.actors import make_actor

    full = make_actor("person", "Volodymyr Zelensky")
    lone = make_actor("organization", "Zelenskiy")
    rare = make_actor("person", "Maya Wang")
    other = make_actor("organization", "Wang")
    actors = {full.actor_id: [full, full, full], lone.actor_id: [lone], rare.actor_id: [rare], other.actor_id: [other]}
    assert surname_merges(actors) == {lone.actor_id: full.actor_id}


def test_a_one_word_name_where_things_happen_is_a_place(make_document):
    document = make_document("Ukrainian marines have held a foothold in Krynky since November. Voters lost confidence in Zelensky.")
    assert mention_actor(document, "Krynky").type == "location"
    assert mention_actor(document, "Zelensky").type == "person"


def test_the_venue_of_a_summit_is_a_place(make_document):
    document = make_document('"We have to stay together," Joe Biden told Olaf Scholz just before the summit at Schloss Elmau.')
    assert actors_by_name(document)["Schloss Elmau"].type == "location"
    assert actors_by_name(document)["Olaf Scholz"].type == "person"


def test_generic_groups_have_a_sector_and_a_country(make_document):
    document = make_document("Kenyan police arrested protesters in Nairobi. The European Union and the Kenya Defence Forces said nothing.")
    by_name = {a.name: a for a in document.actors.values()}
    assert (by_name["Kenyan police"].sector, by_name["Kenyan police"].country) == ("police", "KEN")
    assert (by_name["Protesters (Kenya)"].sector, by_name["Protesters (Kenya)"].country) == ("protesters", "KEN")
    assert by_name["European Union"].sector is None  # named "Union", no labour union
    assert by_name["Kenya Defence Forces"].sector == "military"


def test_a_government_of_no_country_named_is_a_government_of_no_country(make_document):
    document = make_document("The government said it would not comment.")
    assert [(a.name, a.country) for a in document.actors.values() if a.sector == "government"] == [("Government", None)]


def test_a_capital_named_like_its_country_is_the_country(make_document):
    document = make_document("Ships will sail to Djibouti and Kuwait.")
    types = {a.name: a.type for a in document.actors.values()}
    assert (types["Djibouti"], types["Kuwait"]) == ("country", "country")


def test_a_holiday_is_no_actor(make_document):
    document = make_document("They gathered over Easter, and Olena Kovalenko said they would stay until Christmas.")
    assert sorted(a.name for a in document.actors.values()) == ["Olena Kovalenko"]


def test_a_site_is_a_place_not_a_person_or_a_body(make_document):
    document = make_document("The plane landed at Boryspil Airport, near the Zaporizhzhia Nuclear Power Plant, officials said.")
    actors = actors_by_name(document)
    assert actors["Boryspil Airport"].type == actors["Zaporizhzhia Nuclear Power Plant"].type == "location"


def test_news_outlets_are_organisations(make_document):
    document = make_document(
        "The independent news outlet, Mediazona, counted the dead. Russian agencies Ria Nowosti and Tass said so. "
        "Peskov spoke to Sky News, and Novaya Gazeta was closed."
    )
    actors = actors_by_name(document)
    assert {name: actors[name].type for name in ("Mediazona", "Ria Nowosti", "Sky News", "Novaya Gazeta")} == dict.fromkeys(
        ("Mediazona", "Ria Nowosti", "Sky News", "Novaya Gazeta"), "organization"
    )


def test_a_name_with_a_company_suffix_after_it_is_a_company(make_document):
    document = make_document("Miller Tabak Hirsch and Co said it bought shares of Cronus Industries Inc from Morgan Stanley and  Co.")
    actors = actors_by_name(document)
    assert actors["Miller Tabak Hirsch"].type == actors["Cronus Industries Inc"].type == "organization"
    assert "Stanley" not in actors or actors["Stanley"].type == "organization"


def test_lower_case_words_and_figures_are_no_names(make_document):
    document = make_document("Он сказал о том, что их лояльности нет.\nNet 1,691,878 vs 1,117,747 Revs 7.1 mln vs 4.9 mln")
    assert not [a for a in document.actors.values() if a.type == "person" and (a.name.islower() or any(c.isdigit() for c in a.name))]


def test_a_weapon_named_in_capitals_is_no_actor(make_document):
    document = make_document("Norway will buy the Joint Strike Missile for its jets.")
    assert "Joint Strike Missile" not in actors_by_name(document)


def test_the_west_in_capitals_is_the_bloc_after_in_or_from_too(make_document):
    document = make_document("Some in the West want talks. The collective West did not flinch. Troops moved to the west of the city.")
    west = {token.i: token._.actor_id for token in document.blocks[0].doc if token.lower_ == "west"}
    assert [document.actors[actor_id].name if actor_id else None for actor_id in west.values()] == ["the West", "the West", None]


def test_a_company_unit_is_an_organisation_and_a_military_unit_a_group(make_document):
    document = make_document("Analysts blamed Rockwell's Allen-Bradley unit for the decline. Russia's 155th brigade attacked.")
    types = {a.name: a.type for a in document.actors.values()}
    assert (types["Rockwell's Allen-Bradley unit"], types["Russia's 155th brigade"]) == ("organization", "group")


def test_a_paragraph_in_another_language_keeps_only_known_names(make_document):
    document = make_document("Olena Kovalenko spoke.\nEl ministro dijo que la Comisión revisará mañana los acuerdos con Miguel Ortega.")
    assert sorted(a.name for a in document.actors.values()) == ["Olena Kovalenko"]


def test_a_company_in_angle_brackets_is_a_company(make_document):
    document = make_document("<Amir Mines Ltd> said it completed a private placement.")
    assert {a.name: a.type for a in document.actors.values()} == {"Amir Mines Ltd": "organization"}


def test_a_person_after_a_media_word_and_a_comma_stays_a_person(make_document):
    document = make_document("The agency, Rafael Grossi said, was ready.")
    assert actors_by_name(document)["Rafael Grossi"].type == "person"


def test_a_town_name_that_owns_shares_is_a_company(make_document):
    document = make_document("Hazleton shareholders will vote on the merger next month, the company said.")
    assert actors_by_name(document)["Hazleton"].type == "organization"


def test_a_body_named_in_lower_case_stays_a_body(make_document):
    document = make_document("Three firms were sanctioned by the state department for their links to the programme.")
    assert [a.type for a in document.actors.values() if "department" in a.name] == ["organization"]


def test_a_name_holding_a_clock_time_is_no_actor(make_document):
    document = make_document("At 06:00 Central European Time the talks began in Geneva.")
    assert {actor.name for actor in document.actors.values()} == {"Geneva"}


def test_the_town_a_report_was_filed_from_is_a_place_and_its_country_the_groups(make_document):
    actors = actors_by_name(make_document("LUSAKA, March 3 (Reuters) - Police arrested 12 miners on Tuesday."))
    assert (actors["Lusaka"].type, actors["Lusaka"].country) == ("location", "ZMB")
    assert actors["Zambian police"].country == "ZMB"
    actors = actors_by_name(make_document("SAN JOSE, Costa Rica, Sept 1 (EFE) - Teachers marched on Monday."))
    assert [a.country for a in actors.values() if a.type == "location"] == ["CRI"]


def test_a_dateline_that_names_no_town_adds_no_place(make_document):
    document = make_document("FACTBOX, March 3 (Reuters) - Police arrested 12 miners on Tuesday.")
    assert not [a for a in document.actors.values() if a.type == "location"]


def test_several_countries_named_as_one_side_are_a_bloc(make_document):
    text = "Western countries condemned the vote, the Baltic states recalled their envoys and Ukraine's allies sent arms."
    document = make_document(text)
    blocs = {actor.name: (actor.type, actor.sector, actor.country) for actor in document.actors.values() if actor.type == "group"}
    assert blocs == {
        "Western countries": ("group", "government", None),
        "Baltic states": ("group", "government", None),
        "Ukraine's allies": ("group", "government", None),  # not Ukrainian
    }
    assert "United States" not in {
        a.name for a in make_document("The United States condemned the vote.").actors.values() if a.type == "group"
    }


def test_the_bloc_and_the_alliance_are_the_bodies_named_before(make_document):
    text = "ASEAN leaders met in Jakarta. The bloc urged Myanmar to free prisoners. NATO envoys met in Brussels, and the alliance agreed."
    document = make_document(text)
    described = {
        row["text"]: document.actors[row["actor_id"]].name for row in resolve_actors(document) if row["text"].lower().startswith("the ")
    }
    assert described == {"The bloc": "ASEAN", "the alliance": "NATO"}


def test_its_office_is_the_office_of_the_country_that_is_the_subject(make_document):
    document = make_document("Turkey will not support Sweden's membership, its foreign minister said on Monday.")
    offices = {row["text"]: document.actors[row["actor_id"]] for row in resolve_actors(document) if row["text"].startswith("its")}
    assert [(actor.type, actor.country) for actor in offices.values()] == [("person", "TUR")]  # not Sweden's
    unclear = make_document("Sweden's bid was blocked by Turkey, its foreign minister said.")
    assert not [row for row in resolve_actors(unclear) if unclear.actors[row["actor_id"]].type == "person"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [("Bosnian Serbs shelled the town overnight.", "Bosnian Serbs", "BIH"), ("Iraqi Kurds marched in Erbil.", "Iraqi Kurds", "IRQ")],
)
def test_a_people_named_after_a_nation_is_one_group_of_that_nation(make_document, text, name, country):
    """A people the model may not tag after a national adjective ("Bosnian Serbs") is one ethnic group, of that nation."""
    document = make_document(text)
    people = [actor for actor in document.actors.values() if actor.name == name]
    assert len(people) == 1 and people[0].sector == "ethnic" and people[0].country == country, document.actors


def test_a_ministry_named_only_by_its_portfolio_is_its_countrys_government(make_document):
    """ "The Finance Ministry" of no country named is each country's own, not one body across a corpus."""
    actors = actors_by_name(make_document("Japan's trade surplus widened in March, the Finance Ministry said."))
    assert "Finance Ministry" not in actors and actors["Japanese government"].country == "JPN"
    actors = actors_by_name(make_document("The Ministry of Health and Welfare said Japan had 20 new cases."))
    assert actors["Japanese government"].sector == "government"
    named = actors_by_name(make_document("Brazil's Finance Ministry said inflation rose."))  # a country of its own already
    assert named["Brazilian Finance Ministry"].country == "BRA"
    unclear = actors_by_name(make_document("Russia and Ukraine held talks, the Foreign Ministry said."))
    assert not [actor for actor in unclear.values() if actor.sector == "government"]  # whose, the text does not say


def test_a_name_after_a_persons_title_is_a_person_though_a_town_bears_it(make_document):
    actors = actors_by_name(make_document("South African President Thabo Mbeki arrived in Lagos on Monday."))
    assert (actors["Thabo Mbeki"].type, actors["Thabo Mbeki"].country) == ("person", "ZAF")
    assert actors_by_name(make_document("Chilean scientists flew to King George Island."))["King George"].type == "location"


def test_the_leaders_of_a_people_no_country_names_are_a_group_of_that_people(make_document):
    actors = actors_by_name(make_document("Tamil leaders urged the government to release detainees."))
    assert (actors["Tamil leaders"].type, actors["Tamil leaders"].sector) == ("group", "ethnic")
    assert "Maronite leader" not in actors_by_name(make_document("The Maronite leader agreed to the plan."))  # one man
