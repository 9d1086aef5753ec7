"""Facts across the corpus: one person across documents, and one actors row over every mention, in SQL.

Each document's transform resolved its actors on its own; here the per-document rows (a raw view per
shard table, each row with the document's `position` and its `ordinal` inside its part) are merged: a
one-word name joins the only fuller name that ends with it (etl.transform.merges_by_surname, run
on one row per actor), every fact is pointed at the merged actor, and each actor gets its row.
"""

from __future__ import annotations

import pyarrow as pa

from etl.schema import TABLES
from etl.sql import identifier
from etl.transform import ACTOR_ID_COLUMNS, merges_by_surname
from etl.transform.context import Actor


def raw_view(table: str) -> str:
    """The view merge_actors reads for one shard table (etl.schema.SHARD_TABLES): every document's rows as its
    transform gave them, with the document's `position` and the row's `ordinal` in its part."""
    return f"raw_{table}"


def facts_view(table: str) -> str:
    """The view merge_actors makes for one fact table (etl.schema.FACT_TABLES): its rows after the merge."""
    return f"facts_{table}"


def merge_actors(connection) -> dict[str, str]:
    """The fact tables with actors merged across documents, from the raw views: fact table -> its view."""
    first_sightings = connection.execute(
        f"""
        SELECT actor_id, arg_min(name, (position, ordinal)), arg_min(type, (position, ordinal)), count(*)
        FROM {raw_view("actor_observations")} GROUP BY actor_id ORDER BY min((position, ordinal))
        """
    ).fetchall()
    first = {actor_id: Actor(actor_id, name, kind) for actor_id, name, kind, _ in first_sightings}
    documents = {actor_id: count for actor_id, _, _, count in first_sightings}
    remap = merges_by_surname(first, documents)
    connection.register(
        "actor_remap",
        pa.table(
            {"short_id": list(remap), "full_id": list(remap.values())},
            schema=pa.schema([("short_id", pa.string()), ("full_id", pa.string())]),
        ),
    )
    for table, id_columns in ACTOR_ID_COLUMNS.items():
        _remapped_view(connection, table, id_columns)
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW merged_observations AS
        SELECT coalesce(r.full_id, o.actor_id) AS actor_id, o.name, o.type, o.role, o.country,
               -- the merged actor's own sightings first, then each merged-in name's, in the order they were first seen
               (r.full_id IS NOT NULL) AS merged_in, min((o.position, o.ordinal)) OVER (PARTITION BY o.actor_id) AS merged_first,
               o.position, o.ordinal
        FROM {raw_view("actor_observations")} o LEFT JOIN actor_remap r ON r.short_id = o.actor_id
        """
    )
    order = "(merged_in, merged_first, position, ordinal)"
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {facts_view("actors")} AS
        WITH sighted AS (
            SELECT actor_id, arg_min(name, {order}) AS name, arg_min(type, {order}) AS type FROM merged_observations GROUP BY actor_id
        ),
        roles AS (
            SELECT actor_id, arg_min(role, (-n, first)) AS role FROM (
                SELECT actor_id, role, count(*) AS n, min({order}) AS first
                FROM merged_observations WHERE role IS NOT NULL AND role <> '' GROUP BY ALL
            ) GROUP BY actor_id
        ),
        countries AS (
            SELECT actor_id, arg_min(country, (-n, first)) AS country FROM (
                SELECT actor_id, country, count(*) AS n, min({order}) AS first
                FROM merged_observations WHERE country IS NOT NULL AND country <> '' GROUP BY ALL
            ) GROUP BY actor_id
        ),
        mentioned AS (
            SELECT actor_id, count(*) AS mention_count, count(DISTINCT doc_id) AS doc_count,
                   list(DISTINCT text) FILTER (WHERE mention_kind <> 'pronoun') AS aliases
            FROM {facts_view("actor_mentions")} GROUP BY actor_id
        )
        SELECT s.actor_id, s.name, s.type, r.role, c.country,
               list_sort(list_distinct(list_append(coalesce(m.aliases, []), s.name))) AS aliases,
               coalesce(m.mention_count, 0) AS mention_count, coalesce(m.doc_count, 0) AS doc_count
        FROM sighted s LEFT JOIN roles r USING (actor_id) LEFT JOIN countries c USING (actor_id) LEFT JOIN mentioned m USING (actor_id)
        ORDER BY s.actor_id
        """
    )
    return {table: facts_view(table) for table in ("actors", *ACTOR_ID_COLUMNS)}


def _remapped_view(connection, table: str, id_columns: tuple[str, ...]) -> None:
    """The fact table's view: its raw rows in document order, every actor id pointed at its merged actor."""
    joins, select = [], []
    for number, name in enumerate(TABLES[table].names):
        if name in id_columns:
            joins.append(f"LEFT JOIN actor_remap m{number} ON m{number}.short_id = t.{identifier(name)}")
            select.append(f"coalesce(m{number}.full_id, t.{identifier(name)}) AS {identifier(name)}")
        else:
            select.append(f"t.{identifier(name)}")
    connection.execute(
        f"CREATE OR REPLACE TEMP VIEW {identifier(facts_view(table))} AS SELECT {', '.join(select)} "
        f"FROM {raw_view(table)} t {' '.join(joins)} ORDER BY t.position, t.ordinal"
    )
