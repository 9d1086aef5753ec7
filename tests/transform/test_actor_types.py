"""Actor types (issue 17, item 3): what kind of actor a name is, from its words and the grammar around it."""

from __future__ import annotations

import pytest


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


def test_the_words_and_labels_of_an_earnings_table_are_no_actors(make_document):
    text = "Quarterly results of Norvale Holdings Inc:\nShr 31 cts vs 12 cts\nNet 4,210,000 vs 1,602,000\nRevs 52.3 mln vs 40.1 mln"
    document = make_document(text)
    assert set(types_by_name(document)) <= {"Norvale Holdings Inc"}


def test_an_international_body_named_in_cyrillic_is_that_body(make_document):
    document = make_document("Генсек ООН закликав РФ припинити удари, а НАТО обіцяє допомогу.")
    names = {actor.name: actor.type for actor in document.actors.values()}
    assert names.get("United Nations") == names.get("NATO") == "organization"
    assert names.get("Russia") == "country"


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


@pytest.mark.parametrize(
    ("text", "name", "actor_type"),
    [
        (
            "We will check every case - said the Ambassador of Ukraine in Poland Wasyl Tkaczuk.",
            "Wasyl Tkaczuk",
            "person",
        ),  # a polish spelling of a given name starts a person
        (
            "Dozens of wagons stood at the Zelvonie train station on Tuesday.",
            "Zelvonie",
            "location",
        ),  # a name before a site word is a place
        (
            "Away from the roads lies the mud resort of Marvel Springs.",
            "Marvel Springs",
            "location",
        ),  # a name after a resort word is a place
        (
            "The vote was backed by a resolution of the European parliament.",
            "European parliament",
            "organization",
        ),  # a regional parliament in lower case is one body
        ("Vladimir Putin resorted to threats on Friday.", "Vladimir Putin", "person"),  # a verb spelled like a place word makes no place
        (
            "Holders will get one-fifth of a share of Arsenal common stock, Viacom said.",
            "Arsenal",
            "organization",
        ),  # a company before a noun stays a company
        ("Moscow warned again, and the West said new sanctions would follow.", "the West", "group"),
        ("A European government offered help, and the European parliament debated it.", "European government", "group"),
        ("Sara Lee Corp said it would buy the unit, and General Motors Corp agreed to sell it.", "Sara Lee Corp", "organization"),
        (
            "Sara Lee Corp said it would buy the unit, and General Motors Corp agreed to sell it.",
            "General Motors Corp",
            "organization",
        ),  # the west speaking stays the west
    ],
)
def test_a_name_is_the_kind_of_actor_its_words_and_grammar_say(make_document, text, name, actor_type):
    assert types_by_name(make_document(text)).get(name) == actor_type


def actor_of(document, text: str, occurrence: int = 0):
    """The actor of the mention that starts at the `occurrence`-th time `text` is written."""
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(text, start + 1)
    for block in document.blocks:
        for token in block.doc:
            if block.offset + token.idx == start and token._.actor_id:
                return document.actors[token._.actor_id]
    return None


def test_a_companys_short_name_is_the_company_unless_it_says_where(make_document):
    text = (
        "Valdorn Corp said it would buy a rival.\n"
        "Valdorn said the deal with Valdorn was worth 5 mln dlrs, and a plant in Valdorn would close."
    )
    document = make_document(text)
    assert [actor_of(document, "Valdorn", n).name for n in range(3)] == ["Valdorn Corp"] * 3
    assert actor_of(document, "Valdorn", 3) is None or actor_of(document, "Valdorn", 3).type == "location"


def test_a_citys_name_is_no_short_name_of_a_company_named_after_it(make_document):
    document = make_document("Moscow Narodny Bank Ltd said profits rose. Moscow said it would not comment.")
    assert actor_of(document, "Moscow", 1).name != "Moscow Narodny Bank Ltd"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The ferry was owned by the British company Carver Dunmore, officials said.", "Carver Dunmore"),
        ("Brazil asked the Paris Club of creditor nations to reschedule its debt.", "Paris Club"),
    ],
)
def test_a_name_the_words_around_it_make_an_organisation(make_document, text, name):
    assert types_by_name(make_document(text)).get(name) == "organization"


def test_a_foreign_surname_the_model_calls_a_place_is_no_place_when_it_acts(make_document):
    """No town or region is called Scholz; one that holds talks is a person, not where they were held."""
    assert types_by_name(make_document("Scholz held talks with Putin on Friday.")).get("Scholz") == "person"
    quoted = make_document('An aide told the meeting: "Hysteria has reached its peak."')
    assert types_by_name(quoted).get("Hysteria") != "person"
    assert types_by_name(make_document("The Baltics face a harsh winter, officials said.")).get("Baltics") != "person"
    former = make_document("Hours after Czechoslovakia split in two, the new states opened embassies.")
    assert types_by_name(former).get("Czechoslovakia") != "person"
