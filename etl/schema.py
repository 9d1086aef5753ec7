"""The Arrow schema of every warehouse table (CONTRACT.md): the single source of truth."""

from __future__ import annotations

import pyarrow as pa

# The version of the warehouse's layout and of what its incremental state means. Bump it, with a line in
# SCHEMA_CHANGES, whenever published tables or state from an older version can no longer be reused as they are
# (a new column or table, a changed id or fingerprint): the first run of the new code then rebuilds the warehouse
# from the seeds by itself and says why in its summary.
SCHEMA_VERSION = 8
SCHEMA_CHANGES: dict[int, str] = {
    2: "one tokeniser for text fingerprints: boilerplate is keyed on a paragraph's words and figures, "
    "paragraph repeats inside a document on its words with figures folded",
    3: "events split into event_mentions (every trigger, with its modality) and events (one row per happening); "
    "actors gain a sector (generic groups: police, protesters, gunmen, ...)",
    4: "quotes gain anonymous_role and anonymous_country: a speaker the text does not name ('a senior official') "
    "is kept with its words and country instead of being taken for a named person or a group",
    5: "page furniture (live-blog clock times, bylines, photo credits and captions, 'Read more' links) becomes blocks "
    "of kind furniture, which are not parsed for facts",
    7: "places are resolved with the document's context against GeoNames' towns of 500 people or more: place actors, "
    "event mentions and events gain their first-level region, and a place is one actor per gazetteer entry; "
    "dq_findings.check is renamed check_name (a reserved word in SQL); a .jsonl line with an id or url field is "
    "file.jsonl#<id>, not file.jsonl#<line number>",
    8: "a wire dateline opening a paragraph ('MOSCOW, Dec 28 (Reuters) -') is a block of kind dateline, parsed apart "
    "from the sentence it used to open (whose doer was read as the agency)",
}

STRING = pa.string()
INT = pa.int32()
COUNT = pa.int64()
TIMESTAMP = pa.timestamp("us", tz="UTC")


def _schema(*fields: tuple[str, pa.DataType, bool]) -> pa.Schema:
    return pa.schema([pa.field(name, kind, nullable=nullable) for name, kind, nullable in fields])


DOCUMENTS = _schema(
    ("doc_id", STRING, False),
    ("source", STRING, False),
    ("title", STRING, True),
    ("url", STRING, True),
    ("source_name", STRING, True),
    ("published_at", TIMESTAMP, True),
    ("published_text", STRING, True),  # the publication date as the input wrote it; read into published_at
    ("text", STRING, True),
    ("content_sha256", STRING, True),
    ("n_blocks", INT, False),
    ("n_unique_blocks", INT, False),
    ("status", STRING, False),
    ("duplicate_of", STRING, True),
    ("reject_reason", STRING, True),
)

BLOCKS = _schema(
    ("doc_id", STRING, False),
    ("block_idx", INT, False),
    ("kind", STRING, False),
    ("text", STRING, False),
    ("char_start", INT, False),
    ("char_end", INT, False),
    ("text_sha256", STRING, False),
    ("duplicate_of_block", INT, True),
    ("boilerplate", pa.bool_(), False),
)

ACTORS = _schema(
    ("actor_id", STRING, False),
    ("name", STRING, False),
    ("type", STRING, False),
    ("sector", STRING, True),
    ("role", STRING, True),
    ("country", STRING, True),
    ("aliases", pa.list_(STRING), False),
    ("mention_count", COUNT, False),
    ("doc_count", COUNT, False),
    # for a place the gazetteer holds: where it is (GeoNames, etl.transform.geonames)
    ("admin1", STRING, True),
    ("latitude", pa.float64(), True),
    ("longitude", pa.float64(), True),
    ("gazetteer_id", STRING, True),
)

ACTOR_MENTIONS = _schema(
    ("doc_id", STRING, False),
    ("block_idx", INT, False),
    ("char_start", INT, False),
    ("char_end", INT, False),
    ("text", STRING, False),
    ("actor_id", STRING, False),
    ("mention_kind", STRING, False),  # name, title, pronoun, description
)

# What happened, in both event tables: its PLOVER type and mode, who did it to whom, and where (`country`: ISO
# 3166-1 alpha-3 of the place, when the place is known).
HAPPENING = (
    ("event_type", STRING, False),
    ("event_mode", STRING, True),
    ("actor1_id", STRING, False),
    ("actor2_id", STRING, True),
    ("location", STRING, True),
    ("place_id", STRING, True),
    ("country", STRING, True),
    ("admin1", STRING, True),  # the place's first-level region
    ("latitude", pa.float64(), True),  # the place's, when the gazetteer holds it (GeoNames)
    ("longitude", pa.float64(), True),
    ("gazetteer_id", STRING, True),  # its GeoNames id
    ("geo_precision", STRING, True),  # place (a town's coordinates), admin1 (a region's) or country (only the country known)
)

DATE_PRECISIONS = ("day", "week", "month", "year")
GEO_PRECISIONS = ("place", "admin1", "country")
DATE_SOURCES = ("text", "context", "publication")
# When a happening took place (etl.transform.events.dates): the day, or the Monday of its week, or the first
# day of its month or year, as precise as the text says; and where that came from: its own clause (`text`),
# an earlier sentence of its paragraph (`context`), or the document's publication day (`publication`).
WHEN = (
    ("event_date", pa.date32(), True),
    ("date_precision", STRING, True),
    ("date_source", STRING, True),
)
# How many people it killed and hurt, as a figure of the text gives them (etl.transform.casualties).
CASUALTIES = (
    ("fatalities", COUNT, True),
    ("injured", COUNT, True),
)

EVENT_MENTIONS = _schema(
    ("mention_id", STRING, False),
    ("event_id", STRING, True),  # null: the mention makes no event (negated, hypothetical)
    ("report_idx", INT, True),  # mentions of one happening in one document share it (etl.transform.events.reports)
    ("doc_id", STRING, False),
    ("block_idx", INT, False),
    *HAPPENING,
    *WHEN,
    *CASUALTIES,
    ("fatalities_stat_id", STRING, True),  # the statistics row of the figure
    ("injured_stat_id", STRING, True),
    ("trigger", STRING, False),
    ("modality", STRING, False),
    ("reported_by_id", STRING, True),
    ("sentence", STRING, False),
    ("char_start", INT, False),
    ("char_end", INT, False),
)

EVENTS = _schema(
    ("event_id", STRING, False),
    *HAPPENING,
    *WHEN,
    *CASUALTIES,  # the lowest count its reports give
    ("certainty", STRING, False),  # the strongest modality among its mentions
    ("num_mentions", COUNT, False),
    ("num_documents", COUNT, False),
    ("num_sources", COUNT, False),
    # its first report's mention
    ("doc_id", STRING, False),
    ("block_idx", INT, False),
    ("trigger", STRING, False),
    ("sentence", STRING, False),
    ("char_start", INT, False),
    ("char_end", INT, False),
)

QUOTES = _schema(
    ("quote_id", STRING, False),
    ("doc_id", STRING, False),
    ("block_idx", INT, False),
    ("text", STRING, False),
    ("kind", STRING, False),
    ("speaker_id", STRING, True),
    ("speaker_text", STRING, True),
    ("anonymous_role", STRING, True),  # an unnamed source's words ("senior defence official"); null for a named speaker
    ("anonymous_country", STRING, True),  # ... and its country (ISO 3166-1 alpha-3) when the text gives it
    ("cue", STRING, True),
    ("char_start", INT, False),
    ("char_end", INT, False),
)

STATISTICS = _schema(
    ("stat_id", STRING, False),
    ("doc_id", STRING, False),
    ("block_idx", INT, False),
    ("value", pa.float64(), False),
    ("value_high", pa.float64(), True),
    ("value_text", STRING, False),
    ("qualifier", STRING, False),
    ("unit", STRING, True),
    ("subject", STRING, True),
    ("reported_by_id", STRING, True),
    ("sentence", STRING, False),
    ("char_start", INT, False),
    ("char_end", INT, False),
)

DQ_FINDINGS = _schema(
    ("run_id", STRING, False),
    ("check_name", STRING, False),
    ("severity", STRING, False),
    ("table_name", STRING, False),
    ("doc_id", STRING, True),
    ("ref", STRING, False),
    ("details", STRING, False),
)

RUNS = _schema(
    ("run_id", STRING, False),
    ("started_at", TIMESTAMP, False),
    ("finished_at", TIMESTAMP, True),
    ("status", STRING, False),
    ("code_version", STRING, False),
    ("documents_seen", COUNT, False),
    ("documents_loaded", COUNT, False),
    ("documents_skipped", COUNT, False),
    ("documents_rejected", COUNT, False),
)

_TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "blocks": BLOCKS,
    "actors": ACTORS,
    "actor_mentions": ACTOR_MENTIONS,
    "event_mentions": EVENT_MENTIONS,
    "events": EVENTS,
    "quotes": QUOTES,
    "statistics": STATISTICS,
    "dq_findings": DQ_FINDINGS,
    "runs": RUNS,
}

# The data dictionary (etl/columns.tsv): what each table and column holds, and an example value.
TABLE_DOCS: dict[str, str] = {}
COLUMN_DOCS: dict[str, dict[str, tuple[str, str]]] = {}


def _read_dictionary() -> None:
    """Fill TABLE_DOCS and COLUMN_DOCS; every table and column must be described, and nothing else."""
    from pathlib import Path

    from etl.rules import table

    for row in table(Path(__file__).with_name("columns.tsv"), required=("table", "column", "meaning", "example")):
        name, column = row["table"], row["column"]
        known = [field.name for field in _TABLES.get(name, pa.schema([]))]
        if name not in _TABLES or (column and column not in known):
            raise row.error(f"{name}.{column} is no table or column of etl/schema.py")
        if column:
            COLUMN_DOCS.setdefault(name, {})[column] = (row["meaning"], row["example"])
        else:
            TABLE_DOCS[name] = row["meaning"]
    for name, schema in _TABLES.items():
        missing = [field.name for field in schema if field.name not in COLUMN_DOCS.get(name, {})]
        if name not in TABLE_DOCS or missing:
            raise ValueError(f"etl/columns.tsv does not describe table {name} or its columns {', '.join(missing)}")


def _described(name: str, schema: pa.Schema) -> pa.Schema:
    """A table's schema with its description and each column's, as Arrow (and so Parquet) metadata."""
    fields = [field.with_metadata({"description": COLUMN_DOCS[name][field.name][0]}) for field in schema]
    return pa.schema(fields, metadata={"description": TABLE_DOCS[name]})


_read_dictionary()
TABLES: dict[str, pa.Schema] = {name: _described(name, schema) for name, schema in _TABLES.items()}
# The named schemas, described too, for the stages that write them by name.
DOCUMENTS = TABLES["documents"]
BLOCKS = TABLES["blocks"]
ACTORS = TABLES["actors"]
ACTOR_MENTIONS = TABLES["actor_mentions"]
EVENT_MENTIONS = TABLES["event_mentions"]
EVENTS = TABLES["events"]
QUOTES = TABLES["quotes"]
STATISTICS = TABLES["statistics"]
DQ_FINDINGS = TABLES["dq_findings"]
RUNS = TABLES["runs"]

KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "blocks": ("doc_id", "block_idx"),
    "actors": ("actor_id",),
    "actor_mentions": ("doc_id", "char_start", "char_end"),
    "event_mentions": ("mention_id",),
    "events": ("event_id",),
    "quotes": ("quote_id",),
    "statistics": ("stat_id",),
    "dq_findings": ("run_id", "check_name", "table_name", "ref"),
    "runs": ("run_id",),
}

# Text columns that hold JSON: DuckDB types them JSON (`details->>'kind'`); Parquet keeps them as text.
JSON_COLUMNS = frozenset({("dq_findings", "details")})

# Tables the transform fills (per document, then merged across documents).
FACT_TABLES = ("actors", "actor_mentions", "event_mentions", "events", "quotes", "statistics")


# PLOVER's 16 event types (openeventdata/PLOVER), from cooperation to violence.
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# The kind of a block of page furniture (live-blog clock times, bylines, photo credits): kept, never parsed for facts.
FURNITURE_KIND = "furniture"
# The kind of a wire dateline cut off the start of its paragraph ("MOSCOW, Dec 28 (Reuters) -"): parsed on its own,
# so the place and agency it names are found without becoming part of the first sentence.
DATELINE_KIND = "dateline"

# How sure the text is of an event, strongest first (an event's certainty is its strongest mention's);
# a negated or hypothetical mention reports no happening: it stays in event_mentions without an event.
MODALITIES = ("asserted", "reported", "claimed", "alleged", "planned", "hypothetical", "negated")
NON_EVENT_MODALITIES = ("negated", "hypothetical")

VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("documents", "status"): ("loaded", "duplicate", "rejected"),
    ("blocks", "kind"): ("headline", "standfirst", "summary", "body", FURNITURE_KIND, DATELINE_KIND),
    ("actors", "type"): ("person", "organization", "country", "location", "group"),
    ("event_mentions", "event_type"): PLOVER_TYPES,
    ("events", "event_type"): PLOVER_TYPES,
    ("event_mentions", "modality"): MODALITIES,
    ("events", "certainty"): tuple(modality for modality in MODALITIES if modality not in NON_EVENT_MODALITIES),
    ("event_mentions", "geo_precision"): GEO_PRECISIONS,
    ("events", "geo_precision"): GEO_PRECISIONS,
    ("event_mentions", "date_precision"): DATE_PRECISIONS,
    ("events", "date_precision"): DATE_PRECISIONS,
    ("event_mentions", "date_source"): DATE_SOURCES,
    ("events", "date_source"): DATE_SOURCES,
    ("quotes", "kind"): ("direct", "partial", "indirect"),
    ("statistics", "qualifier"): ("exact", "over", "under", "about", "at_least", "at_most", "range"),
    ("dq_findings", "severity"): ("error", "warning", "info"),
}


def empty_table(name: str) -> pa.Table:
    """A table with the right schema and no rows."""
    return TABLES[name].empty_table()


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) as an Arrow table of the named schema; missing columns become null."""
    return pa.Table.from_pylist(rows, schema=TABLES[name])


# The incremental state (kept privately in every published version, `state/<name>/`): what each processed
# document gave before its facts were merged across documents, so a later run re-merges without re-reading it.
# `processed` (which documents, by content), the per-document facts and actor sightings a shard writes,
# each text's MinHash signature and each block's dedup key.
PROCESSED = pa.schema([pa.field("doc_id", STRING, False), pa.field("content_sha256", STRING, False)])
ACTOR_OBSERVATIONS = pa.schema(
    [
        pa.field("doc_id", STRING, False),
        pa.field("actor_id", STRING, False),
        pa.field("name", STRING, False),
        pa.field("type", STRING, False),
        pa.field("sector", STRING, True),
        pa.field("role", STRING, True),
        pa.field("country", STRING, True),
        pa.field("admin1", STRING, True),
        pa.field("latitude", pa.float64(), True),
        pa.field("longitude", pa.float64(), True),
        pa.field("gazetteer_id", STRING, True),
    ]
)
SIGNATURES = pa.schema(
    [
        pa.field("doc_id", STRING, False),
        pa.field("content_sha256", STRING, False),
        pa.field("hashvalues", pa.list_(pa.int64()), False),
        pa.field("bands", pa.list_(pa.int64()), False),
    ]
)
BLOCK_KEYS = pa.schema(
    [pa.field("doc_id", STRING, False), pa.field("block_idx", INT, False), pa.field("paragraph_hash", pa.int64(), False)]
)
# Fact tables as each document's transform gave them, before cross-document merges.
RAW_FACT_TABLES = ("actor_mentions", "event_mentions", "quotes", "statistics")
# What a shard's transform writes, per document.
SHARD_TABLES: dict[str, pa.Schema] = {"actor_observations": ACTOR_OBSERVATIONS, **{name: TABLES[name] for name in RAW_FACT_TABLES}}
STATE_SCHEMAS: dict[str, pa.Schema] = {"processed": PROCESSED, **SHARD_TABLES, "signatures": SIGNATURES, "block_keys": BLOCK_KEYS}


def state_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows of one state table as Arrow."""
    return pa.Table.from_pylist(rows, schema=STATE_SCHEMAS[name])
