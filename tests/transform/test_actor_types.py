"""Actor types (issue 17, item 3): what kind of actor a name is, from its words and the grammar around it."""

from __future__ import annotations


def types_by_name(document):
    return {actor.name: actor.type for actor in document.actors.values()}


def test_an_adjective_before_a_noun_is_no_actor(make_document):
    text = (
        "Known for his grasp of Keynesian economics, the minister met bankers in Geneva.\n"
        "The ground is frozen, analysts said. Warmer weather in March could slow tanks."
    )
    document = make_document(text)
    assert not {"Keynesian", "Warmer"} & set(types_by_name(document))


def test_the_portfolio_in_a_title_is_no_organisation(make_document):
    document = make_document("Greek Finance Minister Nikos Andrianos met Italian Treasury Secretary Marco Ferri on Monday.")
    assert [name for name, type_ in types_by_name(document).items() if type_ == "organization"] == []


def test_a_person_named_after_a_ministry_is_that_person(make_document):
    document = make_document("The report was handed over by the deputy head of the Ministry of Finance Arkadiusz Nowicki.")
    assert types_by_name(document).get("Arkadiusz Nowicki") == "person"
    assert not [name for name in types_by_name(document) if "Nowicki" in name and name != "Arkadiusz Nowicki"]


def test_a_polish_spelling_of_a_given_name_starts_a_person(make_document):
    document = make_document("We will check every case - said the Ambassador of Ukraine in Poland Wasyl Tkaczuk.")
    assert types_by_name(document).get("Wasyl Tkaczuk") == "person"


def test_a_name_before_a_site_word_is_a_place(make_document):
    document = make_document("Dozens of wagons stood at the Zelvonie train station on Tuesday.")
    assert types_by_name(document).get("Zelvonie") == "location"


def test_a_name_after_a_resort_word_is_a_place(make_document):
    document = make_document("Away from the roads lies the mud resort of Marvel Springs.")
    assert types_by_name(document).get("Marvel Springs") == "location"


def test_a_regional_parliament_in_lower_case_is_one_body(make_document):
    document = make_document("The vote was backed by a resolution of the European parliament.")
    assert types_by_name(document).get("European parliament") == "organization"


def test_a_websites_legal_pages_are_no_actors(make_document):
    document = make_document("By signing up, you agree to our Terms of Service and Privacy Policy.")
    assert types_by_name(document) == {}


def test_a_country_named_in_spanish_is_that_country(make_document):
    document = make_document("El portavoz dijo que los soldados volverán pronto a Ucrania y que Polonia ayudará.")
    countries = {actor.country for actor in document.actors.values() if actor.type == "country"}
    assert {"UKR", "POL"} <= countries


def test_a_countrys_usual_epithet_is_that_country(make_document):
    document = make_document("The move defies every principle of the Islamic Republic and its foreign policy.")
    assert {actor.country for actor in document.actors.values() if actor.type == "country"} == {"IRN"}


def test_state_cut_from_a_title_is_no_organisation(make_document):
    document = make_document("He trusted the assurance of the Secretary of State of USA Tom Harlan that talks would go on.")
    assert "State" not in types_by_name(document)


def test_a_verb_spelled_like_a_place_word_makes_no_place(make_document):
    document = make_document("Vladimir Putin resorted to threats on Friday.")
    assert types_by_name(document).get("Vladimir Putin") == "person"


def test_one_of_several_governments_stays_a_group(make_document):
    document = make_document("A European government offered help, and the European parliament debated it.")
    types = types_by_name(document)
    assert (types.get("European government"), types.get("European parliament")) == ("group", "organization")


def test_a_company_before_a_noun_stays_a_company(make_document):
    document = make_document("Holders will get one-fifth of a share of Arsenal common stock, Viacom said.")
    assert types_by_name(document).get("Arsenal") == "organization"


def test_the_words_and_labels_of_an_earnings_table_are_no_actors(make_document):
    text = "Quarterly results of Norvale Holdings Inc:\nShr 31 cts vs 12 cts\nNet 4,210,000 vs 1,602,000\nRevs 52.3 mln vs 40.1 mln"
    document = make_document(text)
    assert set(types_by_name(document)) <= {"Norvale Holdings Inc"}


def test_an_international_body_named_in_cyrillic_is_that_body(make_document):
    document = make_document("Генсек ООН закликав РФ припинити удари, а НАТО обіцяє допомогу.")
    names = {actor.name: actor.type for actor in document.actors.values()}
    assert names.get("United Nations") == names.get("NATO") == "organization"
    assert names.get("Russia") == "country"


def test_a_company_named_like_a_person_or_a_title_is_a_company(make_document):
    document = make_document("Sara Lee Corp said it would buy the unit, and General Motors Corp agreed to sell it.")
    types = types_by_name(document)
    assert (types.get("Sara Lee Corp"), types.get("General Motors Corp")) == ("organization", "organization")


def test_a_company_named_short_after_its_full_name_is_that_company(make_document):
    text = "Comstead Hollis Inc agreed to sell its boat unit.\nComstead Hollis said it expects a loss."
    document = make_document(text)
    assert [actor.type for actor in document.actors.values() if "Comstead" in actor.name] == ["organization"]


def test_a_person_sharing_a_companys_first_name_word_stays_a_person(make_document):
    text = "Treasury Secretary James Baker spoke on Monday.\nBaker Hughes Inc said it expects a loss.\nBaker said rates would fall."
    document = make_document(text)
    assert types_by_name(document).get("James Baker") == "person"
    assert all(actor.type == "organization" for actor in document.actors.values() if actor.name.startswith("Baker"))


def test_a_name_no_gazetteer_knows_that_speaks_is_no_place(make_document):
    document = make_document("Rates will fall, Tolvanen said.\nPiedmont said its load factor rose.")
    assert types_by_name(document) == {"Tolvanen": "person", "Piedmont": "organization"}


def test_the_west_speaking_stays_the_west(make_document):
    document = make_document("Moscow warned again, and the West said new sanctions would follow.")
    assert types_by_name(document).get("the West") == "group"
