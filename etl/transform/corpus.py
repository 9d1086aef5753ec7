"""Facts across the corpus: one person across documents, and one actors row over every mention, in SQL.

Each document's transform resolved its actors on its own; here the per-document rows (a raw view per
shard table, each row with the document's `position` and its `ordinal` inside its part) are merged: one
person's spellings and surname-only mentions join one actor (etl.transform.identity, run on one row per
actor), every fact is pointed at the merged actor, and each actor gets its row.
"""

from __future__ import annotations

import pyarrow as pa

from etl.schema import DATE_PRECISIONS, DATE_SOURCES, TABLES
from etl.sql import identifier
from etl.transform import ACTOR_ID_COLUMNS
from etl.transform.context import Actor
from etl.transform.identity import corpus_merges


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
    remap = corpus_merges(first, documents)
    connection.register(
        "actor_remap",
        pa.table(
            {"short_id": list(remap), "full_id": list(remap.values())},
            schema=pa.schema([("short_id", pa.string()), ("full_id", pa.string())]),
        ),
    )
    for table, id_columns in ACTOR_ID_COLUMNS.items():
        _remapped_view(connection, table, id_columns, UNKEYED_MENTIONS if table == "event_mentions" else facts_view(table))
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW merged_observations AS
        SELECT coalesce(r.full_id, o.actor_id) AS actor_id, o.name, o.type, o.sector, o.role, o.country,
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
        sectors AS (
            SELECT actor_id, arg_min(sector, (-n, first)) AS sector FROM (
                SELECT actor_id, sector, count(*) AS n, min({order}) AS first
                FROM merged_observations WHERE sector IS NOT NULL AND sector <> '' GROUP BY ALL
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
        SELECT s.actor_id, s.name, s.type, k.sector, r.role, c.country,
               list_sort(list_distinct(list_append(coalesce(m.aliases, []), s.name))) AS aliases,
               coalesce(m.mention_count, 0) AS mention_count, coalesce(m.doc_count, 0) AS doc_count
        FROM sighted s LEFT JOIN sectors k USING (actor_id) LEFT JOIN roles r USING (actor_id)
             LEFT JOIN countries c USING (actor_id) LEFT JOIN mentioned m USING (actor_id)
        ORDER BY s.actor_id
        """
    )
    _events_view(connection)
    return {table: facts_view(table) for table in ("actors", *ACTOR_ID_COLUMNS, "events")}


def _remapped_view(connection, table: str, id_columns: tuple[str, ...], name: str) -> None:
    """The fact table's view `name`: its raw rows in document order (with `position` and `ordinal`), every actor id
    pointed at its merged actor."""
    joins, select = [], []
    for number, column in enumerate(TABLES[table].names):
        if column in id_columns:
            joins.append(f"LEFT JOIN actor_remap m{number} ON m{number}.short_id = t.{identifier(column)}")
            select.append(f"coalesce(m{number}.full_id, t.{identifier(column)}) AS {identifier(column)}")
        else:
            select.append(f"t.{identifier(column)}")
    connection.execute(
        f"CREATE OR REPLACE TEMP VIEW {identifier(name)} AS SELECT {', '.join(select)}, t.position, t.ordinal "
        f"FROM {raw_view(table)} t {' '.join(joins)} ORDER BY t.position, t.ordinal"
    )


# Event mentions with actors merged, before each gets its event.
UNKEYED_MENTIONS = "unkeyed_event_mentions"
# Modalities under which a mention reports no happening: it stays in event_mentions without an event.
NON_EVENT_MODALITIES = ("negated", "hypothetical")
# Event types done together, so "A met B" and "B met A" are one happening.
TWO_SIDED_TYPES = ("CONSULT", "COOPERATE")
# The strongest modality first: an event's certainty is the strongest among its mentions.
CERTAINTY_ORDER = ("asserted", "reported", "claimed", "alleged", "planned")


def _events_view(connection) -> None:
    """Mentions get their event, and events their row: one per happening, by a deterministic key.

    Inside a document, mentions of one type between the same actors (in either order for a two-sided type)
    at the same place (or with no place) are one happening; the key is a GROUP BY, so a later run that adds a
    report keeps the event's id. The event's columns are its first report's; it counts its mentions, documents and sources.
    """
    mentions = facts_view("event_mentions")
    non_events = ", ".join(f"'{m}'" for m in NON_EVENT_MODALITIES)
    two_sided = ", ".join(f"'{t}'" for t in TWO_SIDED_TYPES)
    sides = (
        f"CASE WHEN event_type IN ({two_sided}) AND actor2_id IS NOT NULL "
        "THEN concat_ws(chr(31), least(actor1_id, actor2_id), greatest(actor1_id, actor2_id)) "
        "ELSE concat_ws(chr(31), actor1_id, coalesce(actor2_id, '')) END"
    )
    key = f"concat_ws(chr(31), 'event', doc_id, event_type, {sides}, coalesce(place_id, ''))"
    columns = [name for name in TABLES["event_mentions"].names if name != "event_id"]
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {identifier(mentions)} AS
        SELECT mention_id, CASE WHEN modality IN ({non_events}) THEN NULL ELSE substr(sha256({key}), 1, 16) END AS event_id,
               {", ".join(identifier(c) for c in columns if c != "mention_id")}, position, ordinal
        FROM {UNKEYED_MENTIONS}
        """
    )
    strength = "CASE modality " + " ".join(f"WHEN '{c}' THEN {rank}" for rank, c in enumerate(CERTAINTY_ORDER)) + " END"
    first = "(m.position, m.ordinal)"
    # The date its most precise mention gives: one dated by its own words before one dated by its paragraph or paper.
    source_rank = "CASE date_source " + " ".join(f"WHEN '{s}' THEN {rank}" for rank, s in enumerate(DATE_SOURCES)) + " END"
    precision_rank = "CASE date_precision " + " ".join(f"WHEN '{p}' THEN {rank}" for rank, p in enumerate(DATE_PRECISIONS)) + " END"
    dating = f"({source_rank}, {precision_rank}, m.position, m.ordinal)"
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {facts_view("events")} AS
        SELECT event_id, arg_min(event_type, {first}) AS event_type, arg_min(event_mode, {first}) AS event_mode,
               arg_min(actor1_id, {first}) AS actor1_id, arg_min(actor2_id, {first}) AS actor2_id,
               arg_min(location, {first}) AS location, arg_min(place_id, {first}) AS place_id,
               arg_min(country, {first}) AS country,
               arg_min(event_date, {dating}) AS event_date, arg_min(date_precision, {dating}) AS date_precision,
               arg_min(date_source, {dating}) AS date_source,
               arg_min(modality, {strength}) AS certainty,
               count(*) AS num_mentions, count(DISTINCT m.doc_id) AS num_documents,
               count(DISTINCT coalesce(d.source_name, m.doc_id)) AS num_sources,
               arg_min(m.doc_id, {first}) AS doc_id, arg_min(block_idx, {first}) AS block_idx,
               arg_min(trigger, {first}) AS trigger, arg_min(sentence, {first}) AS sentence,
               arg_min(char_start, {first}) AS char_start, arg_min(char_end, {first}) AS char_end
        FROM {identifier(mentions)} m LEFT JOIN staged_documents d ON d.doc_id = m.doc_id
        WHERE event_id IS NOT NULL
        GROUP BY event_id ORDER BY min({first})
        """
    )
