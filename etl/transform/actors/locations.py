"""Where a place is: the gazetteer entry each place mention names, chosen with what the document says.

A name is looked up exactly (etl.transform.geonames), then narrowed by the document's context: the
first-level regions it names ("the Kharkiv region") before the countries its actors belong to. Towns of
15,000 people or more come before regions of the same name, and regions before smaller towns ("Kharkiv"
is the city, "Texas" the state, "the Kharkiv region" the region). Without a clue from the document, only a
large place that no place of another country rivals is taken ("Lagos"); a village that could be anywhere
("Kalibo") keeps its name and no country: no coordinates beat wrong ones.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import replace

from etl.transform.actors.mentions import WORDS, Mention, country_of, make_actor, strip_article
from etl.transform.context import Actor, ParsedDocument, row_id
from etl.transform.gazetteer import LARGE_CITY_POPULATION, MIN_CITY_POPULATION, Gazetteer
from etl.transform.geonames import GeoPlace, distance_km, places_named, spelling_key

REGION_NOUNS = WORDS["region_nouns"]
LOCATIVE = WORDS["locative"] | WORDS["strong_locative"]
# A place taken without a clue from the document is this many times as populous as any other country's.
RIVAL_RATIO = 3
# A town of a country the document names yields to a city elsewhere this many times as populous, unless it is a large
# city itself or the document names its region: "Geneva" in a report on the United States is Switzerland's, not the Illinois town's.
WORLD_CITY_RATIO = 5
# At most this many words after "Town," name its region or country ("Woodstock, Ontario", "Salisbury, New Hampshire").
QUALIFIER_WORDS = 3


def locate_places(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Give every place mention its gazetteer entry (and the actor that entry is), or no country at all."""
    names = {id(m): _written_name(m, gazetteer) for m in mentions if m.actor.type == "location"}
    candidates = {id(m): _candidates(m, names[id(m)]) for m in mentions if m.actor.type == "location"}
    countries = countries_named(document, gazetteer) if candidates else Counter()
    readings = [(found, choose(found, countries, set(), name=names[key])) for key, found in candidates.items() if found]
    regions = {(place.country, place.admin1) for _, place in readings if place is not None and place.precision == "admin1"}
    anchor = _anchor([place for found, place in readings if place is not None and _sure(place, found)])
    only_country = _only_country(countries, [place for _, place in readings if place is not None])
    located = []
    for mention in mentions:
        found = candidates.get(id(mention))
        country = only_country if only_country and id(mention) in candidates and _said_as_a_place(mention, gazetteer) else None
        if found:
            within = _written_after(mention, gazetteer)
            told = [place for place in found if place.country in within or (place.country, place.admin1) in within] if within else []
            chosen = told[0] if told else choose(found, countries, regions, anchor, names[id(mention)])
            mention = replace(mention, actor=placed_actor(mention, chosen, gazetteer, country))
        elif country and mention.actor.country is None:
            mention = replace(mention, actor=_in_country(mention.actor.name, country))
        located.append(mention)
    return located


def countries_named(document: ParsedDocument, gazetteer: Gazetteer) -> Counter:
    """The countries the document names, by how often: its countries, demonyms ("the Lebanese army") and national
    bodies; not the countries of its towns and capitals, which are what is being decided ("Tripoli" is two)."""
    named: Counter = Counter()
    for block in document.blocks:
        for token in block.doc:
            if (token.is_title or token.is_upper) and not token.ent_id_.startswith(("capital:", "city:")):
                country = country_of(token, gazetteer)
                if country:
                    named[country] += 1
    return named


def _sure(place: GeoPlace, candidates: list[GeoPlace]) -> bool:
    """A town the document surely means: the only place of its name, or a city."""
    return place.precision == "place" and (len(candidates) == 1 or place.population >= MIN_CITY_POPULATION)


def _anchor(places: list[GeoPlace]) -> tuple[float, float] | None:
    """Where the document's unambiguous places are (the median of their coordinates), if it has any."""
    if not places:
        return None
    return statistics.median(place.latitude for place in places), statistics.median(place.longitude for place in places)


def choose(
    candidates: list[GeoPlace],
    countries: Counter,
    regions: set[tuple[str, str | None]],
    anchor: tuple[float, float] | None = None,
    name: str | None = None,
) -> GeoPlace | None:
    """The candidate in a region the document names, else in a country it names (unless the name is a large
    city's elsewhere and that is a village, or a town it dwarfs: "Dresden" or "Geneva" in a report on the United
    States); else the candidate that no place of another country rivals, if it is large and bears the `name`
    written as its own where a large rival does."""
    in_region = [place for place in candidates if (place.country, place.admin1) in regions]
    if in_region:
        return _nearest(in_region, anchor)
    dominant = _dominant(candidates, name)
    in_country = [place for place in candidates if place.country in countries]
    if in_country and (dominant is None or dominant.country in countries or not _dwarfed(in_country[0], dominant, name)):
        return _nearest(in_country, anchor)
    return dominant


def _dwarfed(place: GeoPlace, city: GeoPlace, name: str | None) -> bool:
    """A village beside a large city of its name, or a town (not itself a large city: Lebanon's Tripoli) WORLD_CITY_RATIO
    times smaller than a city whose own name (not an alternate spelling: Ethiopia's Adama is also "Nazareth") is the
    `name` written."""
    if place.population < MIN_CITY_POPULATION:
        return True
    own_name = name is not None and spelling_key(city.name) == spelling_key(name)
    return own_name and place.population < LARGE_CITY_POPULATION and place.population * WORLD_CITY_RATIO <= city.population


def _nearest(fitting: list[GeoPlace], anchor: tuple[float, float] | None) -> GeoPlace:
    """The first fitting place, or, when it is a village whose name other villages share, the one nearest the
    document's other places ("Novoselivka" in a report on Avdiivka and Pokrovsk is the one in Donetsk Oblast)."""
    first = fitting[0]
    if anchor is None or first.population >= MIN_CITY_POPULATION:
        return first
    villages = [place for place in fitting if place.precision == first.precision and place.population < MIN_CITY_POPULATION]
    return min(villages, key=lambda place: distance_km((place.latitude, place.longitude), anchor))


def _dominant(candidates: list[GeoPlace], name: str | None = None) -> GeoPlace | None:
    """The first large candidate RIVAL_RATIO times as populous as any of another country: the first in the order
    of preference ("Kharkiv", the city, before its region), else the most populous ("Ontario", the province)."""
    key = spelling_key(name) if name else None
    for place in (candidates[0], max(candidates, key=lambda place: place.population)):
        rivals = [other for other in candidates if other.country != place.country]
        if place.population >= LARGE_CITY_POPULATION and all(place.population >= RIVAL_RATIO * other.population for other in rivals):
            if not (key and any(_bears_it_rather(place, other, key) for other in rivals)):
                return place
    return None


def _bears_it_rather(place: GeoPlace, rival: GeoPlace, key: str) -> bool:
    """Whether a large rival bears the name written (its spelling `key`) as its own where the place bears it only as
    an alternate spelling: "Puno" is Peru's city, though it is also a spelling of India's Pune."""
    return rival.population >= LARGE_CITY_POPULATION and spelling_key(rival.name) == key != spelling_key(place.name)


def _only_country(countries: Counter, placed: list[GeoPlace]) -> str | None:
    """The one country a document is about, when it names no other and puts no place in another: where a village
    the gazetteer does not hold, or does not hold in that country, lies ("near the village of Kalibo" in a report
    on Kenyan police)."""
    named = set(countries) | {place.country for place in placed}
    return named.pop() if len(named) == 1 else None


def _said_as_a_place(mention: Mention, gazetteer: Gazetteer) -> bool:
    """The words call the name a place: a preposition of place before it ("near Kalibo"), a place noun before its
    "of" ("the village of Kalibo") or after it ("Kalibo district"). A name the model only labelled a place
    ("Sorghum", "Mideast" in a list of figures) takes no country from the document."""
    span, doc = mention.span, mention.block.doc
    before = span.start - 1
    while before >= 0 and doc[before].lower_ in ("the", "a"):
        before -= 1
    if before >= 0 and doc[before].lower_ in LOCATIVE:
        return True
    if before >= 1 and doc[before].lower_ == "of" and doc[before - 1].lemma_.lower() in gazetteer.place_nouns:
        return True
    return span[-1].lower_ in REGION_NOUNS | gazetteer.place_nouns


def placed_actor(mention: Mention, place: GeoPlace | None, gazetteer: Gazetteer, only_country: str | None = None) -> Actor:
    """The location actor of a gazetteer entry (one actor per entry across the corpus); else, when the document
    is about one country, the name as written in that country, with no coordinates; else the name without a country
    (which of the places so named the document means, it does not say)."""
    if place is not None:
        return Actor(row_id("location", f"geonames:{place.gazetteer_id}"), place.name, "location", country=place.country, place=place)
    name = _written_name(mention, gazetteer)
    return make_actor("location", name) if only_country is None else _in_country(name, only_country)


def _in_country(name: str, country: str) -> Actor:
    """A place off the gazetteer's map, known only to lie in a country: one actor per name and country."""
    return Actor(row_id("location", f"{name.casefold()}|{country}"), name, "location", country=country)


def _candidates(mention: Mention, written: str) -> list[GeoPlace]:
    """The gazetteer's places of the mention's name, in order of preference: for "X region" its regions first;
    else towns of MIN_CITY_POPULATION or more, then regions, then smaller towns; each most populous first."""
    names = dict.fromkeys([written, mention.actor.name])
    found = list(dict.fromkeys(place for name in names for place in places_named(name)))
    regions = [place for place in found if place.precision == "admin1"]
    towns = [place for place in found if place.precision == "place"]
    if _names_region(mention) and regions:
        return regions
    large = [town for town in towns if town.population >= MIN_CITY_POPULATION]
    return large + regions + [town for town in towns if town.population < MIN_CITY_POPULATION]


def _written_after(mention: Mention, gazetteer: Gazetteer) -> set | None:
    """The country ({ISO3}) or the regions ({(country, admin1)}) named after a comma that follows the place."""
    doc, end = mention.block.doc, mention.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    stop = end + 1
    while stop < len(doc) and stop - end <= QUALIFIER_WORDS and (doc[stop].is_title or doc[stop].text[:1].isupper()):
        stop += 1
    written = doc[end + 1 : stop].text
    if not written:
        return None
    if written in gazetteer.country_by_alias:
        return {gazetteer.country_by_alias[written]}
    regions = {(place.country, place.admin1) for place in places_named(written) if place.precision == "admin1"}
    return regions or None


def _written_name(mention: Mention, gazetteer: Gazetteer) -> str:
    """The place's name as the mention writes it, without "the" and a noun such as "region"."""
    words = strip_article(mention.span.text).split()
    if len(words) > 1 and words[-1].lower() in REGION_NOUNS | gazetteer.place_nouns:
        words = words[:-1]
    return " ".join(words)


def _names_region(mention: Mention) -> bool:
    """The mention ends with a word such as "region" or "province"."""
    return mention.span[-1].lower_ in REGION_NOUNS or mention.span[-1].lemma_.lower() in REGION_NOUNS
