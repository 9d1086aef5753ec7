"""Facts across the corpus: one person across documents, and one actors row over every mention, in SQL.

Each document's transform resolved its actors on its own; here the per-document rows (a raw view per
shard table, each row with the document's `position` and its `ordinal` inside its part) are merged: one
person's spellings and surname-only mentions join one actor (etl.transform.identity, run on one row per
actor), every fact is pointed at the merged actor, and each actor gets its row.
"""

from __future__ import annotations

import pyarrow as pa

from etl.schema import DATE_PRECISIONS, DATE_SOURCES, TABLES, VOCABULARIES
from etl.sql import identifier
from etl.transform import ACTOR_ID_COLUMNS
from etl.transform.context import Actor
from etl.transform.events.reports import TWO_SIDED_TYPES
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
               o.admin1, o.latitude, o.longitude, o.gazetteer_id,
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
        placed AS (
            SELECT actor_id, arg_min(admin1, {order}) AS admin1, arg_min(latitude, {order}) AS latitude,
                   arg_min(longitude, {order}) AS longitude, arg_min(gazetteer_id, {order}) AS gazetteer_id
            FROM merged_observations WHERE gazetteer_id IS NOT NULL GROUP BY actor_id
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
               coalesce(m.mention_count, 0) AS mention_count, coalesce(m.doc_count, 0) AS doc_count,
               g.admin1, g.latitude, g.longitude, g.gazetteer_id
        FROM sighted s LEFT JOIN sectors k USING (actor_id) LEFT JOIN roles r USING (actor_id)
             LEFT JOIN countries c USING (actor_id) LEFT JOIN mentioned m USING (actor_id)
             LEFT JOIN placed g USING (actor_id)
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
# The strongest modality first: an event's certainty is the strongest among its mentions.
CERTAINTY_ORDER = VOCABULARIES[("events", "certainty")]


def _events_view(connection) -> None:
    """Mentions get their event, and events their row: one per happening, by deterministic keys.

    Inside a document, the mentions of one report (`report_idx`, etl.transform.events.reports: one type,
    compatible actors, place and day) are one report of a happening. Reports in different documents are
    one happening when they have its type, its actors, its place and its day: the event unit of ACLED, with
    the place's first-level region where the gazetteer holds the place, and the day the report's most precise
    mention gives. A report without a place or a day stays an event of its
    own. Each key is a GROUP BY, so the merge streams and a later run that adds a report keeps the event's id.
    The event's columns are its first report's; it counts its mentions, documents and sources.
    """
    mentions = facts_view("event_mentions")
    two_sided = ", ".join(f"'{t}'" for t in TWO_SIDED_TYPES)
    sides = (
        f"CASE WHEN event_type IN ({two_sided}) AND actor2_id IS NOT NULL "
        "THEN concat_ws(chr(31), least(actor1_id, actor2_id), greatest(actor1_id, actor2_id)) "
        "ELSE concat_ws(chr(31), actor1_id, coalesce(actor2_id, '')) END"
    )
    report_key = "concat_ws(chr(31), 'event', doc_id, CAST(report_idx AS VARCHAR))"
    # What a report says of its happening: the actors of its first mention that names both (a two-sided type's
    # sides in that mention's order), the first place any mention names.
    complete = {
        "actor1_id": "arg_min(actor1_id, (actor2_id IS NULL, position, ordinal))",
        "actor2_id": "arg_min(actor2_id, (actor2_id IS NULL, position, ordinal))",
        "place_id": "arg_min(place_id, (place_id IS NULL, position, ordinal))",
        "country": "arg_min(country, (place_id IS NULL, position, ordinal))",
        "admin1": "arg_min(admin1, (place_id IS NULL, position, ordinal))",
    }
    # Where a report's happening is, as reports of it in other documents can agree on it: its place's first-level
    # region when the gazetteer holds the place ("near Vovchansk" and "in the Kharkiv region" are both Kharkiv),
    # else the place itself.
    area = "CASE WHEN admin1 IS NOT NULL THEN concat_ws(chr(31), 'admin1', country, admin1) ELSE place_id END"
    # The date its most precise mention gives: one dated by its own words before one dated by its paragraph or paper.
    source_rank = "CASE date_source " + " ".join(f"WHEN '{s}' THEN {rank}" for rank, s in enumerate(DATE_SOURCES)) + " END"
    precision_rank = "CASE date_precision " + " ".join(f"WHEN '{p}' THEN {rank}" for rank, p in enumerate(DATE_PRECISIONS)) + " END"
    dating = f"({source_rank}, {precision_rank}, position, ordinal)"
    happening_key = f"concat_ws(chr(31), 'happening', event_type, {sides}, {area}, CAST(event_date AS VARCHAR))"
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW event_reports AS
        SELECT doc_id, report_idx,
               CASE WHEN place_id IS NOT NULL AND date_precision = 'day' THEN substr(sha256({happening_key}), 1, 16)
                    ELSE substr(sha256({report_key}), 1, 16) END AS event_id
        FROM (
            SELECT doc_id, report_idx, arg_min(event_type, (position, ordinal)) AS event_type,
                   {complete["actor1_id"]} AS actor1_id, {complete["actor2_id"]} AS actor2_id, {complete["place_id"]} AS place_id,
                   {complete["country"]} AS country, {complete["admin1"]} AS admin1,
                   arg_min(event_date, {dating}) AS event_date, arg_min(date_precision, {dating}) AS date_precision
            FROM {UNKEYED_MENTIONS} WHERE report_idx IS NOT NULL
            GROUP BY doc_id, report_idx
        )
        """
    )
    columns = [name for name in TABLES["event_mentions"].names if name != "event_id"]
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {identifier(mentions)} AS
        SELECT u.mention_id, r.event_id,
               {", ".join("u." + identifier(c) for c in columns if c != "mention_id")}, u.position, u.ordinal
        FROM {UNKEYED_MENTIONS} u LEFT JOIN event_reports r ON r.doc_id = u.doc_id AND r.report_idx = u.report_idx
        """
    )
    strength = "CASE modality " + " ".join(f"WHEN '{c}' THEN {rank}" for rank, c in enumerate(CERTAINTY_ORDER)) + " END"
    first = "(m.position, m.ordinal)"
    placed = f"(place_id IS NULL, {first})"  # the first mention that names a place
    dating = f"({source_rank}, {precision_rank}, m.position, m.ordinal)"
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {facts_view("events")} AS
        SELECT event_id, arg_min(event_type, {first}) AS event_type, arg_min(event_mode, {first}) AS event_mode,
               arg_min(actor1_id, (actor2_id IS NULL, {first})) AS actor1_id, arg_min(actor2_id, (actor2_id IS NULL, {first})) AS actor2_id,
               arg_min(location, {placed}) AS location, arg_min(place_id, {placed}) AS place_id,
               arg_min(admin1, {placed}) AS admin1, arg_min(latitude, {placed}) AS latitude, arg_min(longitude, {placed}) AS longitude,
               arg_min(gazetteer_id, {placed}) AS gazetteer_id, arg_min(geo_precision, {placed}) AS geo_precision,
               arg_min(country, (country IS NULL, {first})) AS country,
               arg_min(event_date, {dating}) AS event_date, arg_min(date_precision, {dating}) AS date_precision,
               arg_min(date_source, {dating}) AS date_source,
               min(fatalities) AS fatalities, min(injured) AS injured,
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
