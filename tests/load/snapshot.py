"""Helpers for warehouse tests: tiny generated articles, and a warehouse read back table by table."""

from __future__ import annotations

from pathlib import Path

PEOPLE = ["Olaf Scholz", "Keir Starmer", "Marco Rubio", "Emmanuel Macron", "Donald Tusk", "Mark Rutte"]
PLACES = ["Berlin", "London", "Paris", "Warsaw", "Oslo", "Madrid"]
COUNTRIES = ["Germany", "France", "Poland", "Norway", "Spain", "Italy"]
TABLES = ("documents", "blocks", "actors", "actor_mentions", "event_mentions", "events", "quotes", "statistics", "dq_findings", "runs")


def article(number: int) -> str:
    """A tiny, distinct news article: a headline, a meeting, a figure and a quote."""
    person, place, country = PEOPLE[number % 6], PLACES[number // 6 % 6], COUNTRIES[number % 5]
    return (
        f"**Talks In {place} Round {number}**\n\n"
        f"{person} met officials from {country} in {place} on Monday.\n\n"
        f"Officials said {number + 3} drones were shot down overnight.\n\n"
        f'"We will keep talking," {person} said.\n'
    )


def write_articles(folder: Path, numbers) -> list[Path]:
    """One .md file per article number, named so that they sort in number order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in numbers:
        path = folder / f"article-{number:04d}.md"
        path.write_text(article(number), encoding="utf-8")
        paths.append(path)
    return paths


def duckdb_tables(warehouse: Path, names=TABLES) -> dict[str, list]:
    """Every row of each table in the published DuckDB database, sorted, opened read-only."""
    import duckdb

    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        return {name: sorted(map(repr, con.execute(f'select * from "{name}"').fetchall())) for name in names}


def parquet_tables(warehouse: Path, names=TABLES) -> dict[str, list]:
    """Every row of each published Parquet table, read as an analyst would (a glob through the links), sorted."""
    import duckdb

    with duckdb.connect() as con:
        return {
            name: sorted(map(repr, con.execute(f"select * from read_parquet('{warehouse}/parquet/{name}/**/*.parquet')").fetchall()))
            for name in names
        }


def snapshot(warehouse: Path, names=TABLES) -> dict[str, dict[str, list]]:
    """The published warehouse as readers see it, through DuckDB and through Parquet."""
    return {"duckdb": duckdb_tables(warehouse, names), "parquet": parquet_tables(warehouse, names)}


def light_suites(folder: Path) -> Path:
    """Expectation suites with no expectations: for tests about loading, where the real suites only cost time."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        (folder / f"{name}.json").write_text(json.dumps({"name": name, "expectations": []}))
    return folder
