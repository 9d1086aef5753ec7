"""Places on the map: the gazetteer entry a place mention names, chosen with what the document says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from etl.transform.actors import resolve_actors
from etl.transform.geonames import place_by_id, places_named, region_keys, spelling_key


def places_of(make_document, text: str) -> dict[str, object]:
    """The document's place actors by the text of their first mention."""
    document = make_document(text)
    found = {}
    for row in resolve_actors(document):
        actor = document.actors[row["actor_id"]]
        if actor.type == "location":
            found.setdefault(row["text"], actor)
    return found


def test_a_village_that_could_be_anywhere_gets_no_country(make_document):
    places = places_of(make_document, "Gunmen killed a farmer near the village of Kalibo on Tuesday, local officials said.")
    assert places["Kalibo"].country is None and places["Kalibo"].place is None


def test_the_country_the_document_names_picks_the_town(make_document):
    lebanon = places_of(make_document, "Clashes in Tripoli left three people dead, the Lebanese army said.")["Tripoli"]
    libya = places_of(make_document, "Clashes in Tripoli left three people dead, the Libyan government said.")["Tripoli"]
    assert (lebanon.country, libya.country) == ("LBN", "LBY")
    assert lebanon.actor_id != libya.actor_id  # one actor per place, not per name


def test_a_town_of_the_named_country_yields_to_a_world_city_of_that_name(make_document):
    # Geneva, Illinois and Vienna, Virginia are towns of the United States; the cities are far larger
    talks = "The United States and Iran held talks in Geneva, the State Department said."
    assert places_of(make_document, talks)["Geneva"].country == "CHE"
    visit = "The American envoy flew to Vienna on Monday, U.S. officials said."
    assert places_of(make_document, visit)["Vienna"].country == "AUT"
    # ... unless the document names the town's region, or writes it after the town
    assert places_of(make_document, "A plant in Vienna, Virginia, will close, U.S. officials said.")["Vienna"].country == "USA"
    # a city that bears the name only as another spelling does not win (Ethiopia's Adama is also "Nazareth")
    assert places_of(make_document, "Israeli police arrested two men in Nazareth on Monday.")["Nazareth"].country == "ISR"


def test_a_region_written_after_the_town_picks_it(make_document):
    places = places_of(make_document, "A plant in Springfield, Mass., will close, the company said.")
    assert (places["Springfield"].country, places["Springfield"].place.admin1) == ("USA", "Massachusetts")


def test_a_large_city_needs_no_clue(make_document):
    places = places_of(make_document, "Thousands marched in Lagos on Saturday.")
    lagos = places["Lagos"]
    assert lagos.country == "NGA" and lagos.place.precision == "place"
    assert abs(lagos.place.latitude - 6.45) < 0.3 and abs(lagos.place.longitude - 3.39) < 0.3


def test_a_large_city_that_bears_the_name_only_as_another_spelling_does_not_win_without_a_clue(make_document):
    # GeoNames spells India's Pune also "Puno", the name of a Peruvian city of its own
    puno = places_of(make_document, "Farmers blocked roads near Puno on Monday.")["Puno"]
    assert puno.country != "IND"
    peru = places_of(make_document, "Farmers blocked roads near Puno, Peru, on Monday.")["Puno"]
    assert peru.country == "PER"
    assert places_of(make_document, "Thousands marched in Florida on Saturday.")["Florida"].country == "USA"


def test_a_region_named_as_a_region_is_the_region_not_its_city(make_document):
    places = places_of(make_document, "Shelling hit Kharkiv and villages in the Kharkiv region, Ukrainian officials said.")
    city, region = places["Kharkiv"], next(actor for text, actor in places.items() if text.endswith("region"))
    assert (city.place.precision, region.place.precision) == ("place", "admin1")
    assert city.place.admin1 == region.place.admin1 == region.name
    assert city.actor_id != region.actor_id


def test_a_region_the_document_names_picks_its_village(make_document):
    text = "Fighting was reported in the Lviv region, Ukrainian officials said. A drone hit a depot near Brody."
    lviv_region = next(place for place in places_named("Lviv") if place.precision == "admin1")
    assert places_of(make_document, text)["Brody"].place.admin1 == lviv_region.admin1


def test_index_lookups_are_exact_never_contains():
    assert places_named("Kharkiv")
    assert not places_named("Kharki") and not places_named("Kharkiv Kharkiv")
    assert places_named("KHARKIV") == places_named("kharkiv")


def test_place_by_id_reads_the_index_back():
    kyiv = places_named("Kyiv")[0]
    assert place_by_id(kyiv.gazetteer_id) == kyiv


@given(st.text(max_size=40))
def test_spelling_key_is_idempotent_and_case_blind(name):
    key = spelling_key(name)
    assert spelling_key(key) == key
    assert spelling_key(name.upper()) == spelling_key(name.lower()) or not name.isascii()


@given(st.text(alphabet=st.characters(categories=("L", "Zs", "Pd")), max_size=30))
def test_region_keys_include_the_name_as_written(name):
    assert spelling_key(name) in region_keys(name) or not spelling_key(name)


def test_a_village_many_share_a_name_with_is_the_one_near_the_other_places(make_document):
    text = "Russian troops shelled Avdiivka and Pokrovsk, Ukrainian officials said. A drone hit a school in Novoselivka."
    village = places_of(make_document, text)["Novoselivka"]
    assert village.country == "UKR" and village.place.admin1 == places_named("Avdiivka")[0].admin1  # Donetsk, not Odesa


def test_a_place_whose_name_holds_a_countrys_is_that_place(make_document):
    document = make_document("Workers in New Jersey went on strike. Police in Northern Ireland arrested two men.")
    named = {(actor.name, actor.type, actor.country) for actor in document.actors.values() if actor.type in ("country", "location")}
    assert ("New Jersey", "location", "USA") in named and ("Northern Ireland", "location", "GBR") in named
    assert not {name for name, type_, _ in named if type_ == "country"}  # neither Jersey nor Ireland


def test_a_village_off_the_map_in_a_one_country_report_lies_in_that_country(make_document):
    text = "Gunmen killed a farmer near the village of Kalibo on Tuesday, Kenyan police said."
    kalibo = places_of(make_document, text)["Kalibo"]
    assert (kalibo.country, kalibo.place) == ("KEN", None)  # the country, and no coordinates
    two_countries = "Gunmen killed a farmer near the village of Kalibo, Kenyan police said, as Ugandan troops watched."
    assert places_of(make_document, two_countries)["Kalibo"].country is None


def test_a_name_only_labelled_a_place_takes_no_country_from_the_report(make_document):
    text = "Kenyan officials met Alliance, a trading house, in Nairobi on Monday."
    found = places_of(make_document, text)
    assert found["Nairobi"].country == "KEN" and found["Alliance"].country is None
