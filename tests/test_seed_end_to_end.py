"""The seed article through `etl run` end to end, checked against what a careful reader finds."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from etl.cli import main
from etl.quality.spans import SPAN_TEXT_COLUMNS
from tests.conftest import SEEDS

# (name or alias, type, country) of every actor a reader finds in the seed.
ACTORS = [
    ("Donald Trump", "person", "USA"),
    ("Vladimir Putin", "person", "RUS"),
    ("Zelensky", "person", "UKR"),
    ("Marco Rubio", "person", "USA"),
    ("Olaf Scholz", "person", "DEU"),
    ("Keir Starmer", "person", "GBR"),
    ("White House", "organization", "USA"),
    ("Kremlin", "organization", "RUS"),
    ("Ukraine", "country", "UKR"),
    ("Russia", "country", "RUS"),
    ("United States", "country", "USA"),
    ("Saudi Arabia", "country", "SAU"),
    ("Germany", "country", "DEU"),
    ("United Kingdom", "country", "GBR"),
]
ROLES = {
    "Donald Trump": "President",
    "Vladimir Putin": "President",
    "Zelensky": "President",
    "Marco Rubio": "Secretary of State",
    "Olaf Scholz": "Chancellor",
    "Keir Starmer": "Prime Minister",
}
# (quote text, speaker, kind)
QUOTES = [("very good and productive", "Donald Trump", "partial"), ("significant issues", "Kremlin", "partial")]
# (speaker, cue, words the reported clause contains)
REPORTED = [
    ("Vladimir Putin", "insisted", "any extensive truce must be conditional"),
    ("Zelensky", "indicated", "Russia continued its aerial attacks"),
    ("Zelensky", "noted", "over 80% of Ukraine's energy facilities"),
    ("Zelensky", "alleging", "Russia launched over 40 drones"),
    ("Russian officials", "claimed", "Ukrainian drone attack set fire to an oil depot"),
    ("Marco Rubio", "remarked", "the ball was now in Russia's court"),
]
# (value, unit, qualifier, words of the subject)
STATISTICS = [
    (80, "percent", "over", "energy facilities"),
    (40, "drone", "over", "drones"),
    (3, "year", "exact", "conflict"),
    (6, "month", "exact", "months"),
]
# (accepted types, actor1, certainty or None when any will do)
EVENTS = [
    ({"CONSULT"}, "Donald Trump", None),
    ({"AGREE", "CONCEDE", "RETREAT"}, "Vladimir Putin", None),
    ({"REJECT"}, "Vladimir Putin", None),
    ({"REQUEST", "REJECT"}, "Vladimir Putin", None),
    ({"ACCUSE"}, "Zelensky", None),
    ({"ASSAULT"}, "Russia", "reported"),
    ({"ASSAULT"}, "Russia", "alleged"),
    ({"ASSAULT"}, "Ukraine", "claimed"),
    ({"SUPPORT", "AID", "COOPERATE"}, "Olaf Scholz", None),
    ({"SUPPORT", "AID", "COOPERATE"}, "Keir Starmer", None),
]
SPAN_COLUMNS = SPAN_TEXT_COLUMNS  # each span table's column that must equal its slice of documents.text


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("warehouse")
    assert main(["run", "--seeds", str(SEEDS), "--warehouse", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def con(warehouse):
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as connection:
        yield connection


def rows(con, sql):
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def actor_named(actors, name):
    wanted = name.casefold()
    matches = [a for a in actors if wanted == a["name"].casefold() or wanted in {x.casefold() for x in a["aliases"]}]
    assert matches, f"no actor named {name!r}"
    return matches[0]


def test_blocks_and_duplicates(con):
    assert con.execute("select count(*), min(status) from documents").fetchone() == (1, "loaded")
    assert con.execute("select count(*), count(duplicate_of_block) from blocks").fetchone() == (17, 7)
    assert con.execute("select count(*) from dq_findings where check_name = 'duplicate_block'").fetchone() == (7,)
    assert con.execute("select kind from blocks where block_idx = 1").fetchone() == ("headline",)


def test_no_fact_comes_from_a_repeated_block(con):
    for table in ("actor_mentions", "event_mentions", "events", "quotes", "statistics"):
        sql = f"select count(*) from {table} f join blocks b using (doc_id, block_idx) where b.duplicate_of_block is not null"
        assert con.execute(sql).fetchone() == (0,), table


def test_every_span_indexes_the_document_text(con):
    text = con.execute("select text from documents").fetchone()[0]
    for table, column in SPAN_COLUMNS.items():
        for start, end, value in con.execute(f"select char_start, char_end, {column} from {table}").fetchall():
            assert text[start:end] == value, (table, value)


def test_every_actor_a_reader_finds(con):
    actors = rows(con, "select * from actors")
    for name, type_, country in ACTORS:
        actor = actor_named(actors, name)
        assert (actor["type"], actor["country"]) == (type_, country), name
    for name, role in ROLES.items():
        assert actor_named(actors, name)["role"] == role, name
    assert "the Russian leader" in actor_named(actors, "Vladimir Putin")["aliases"]
    assert "Kyiv" in actor_named(actors, "Ukraine")["aliases"]


def test_quotes_and_reported_speech_with_speakers(con):
    quotes = rows(con, "select q.*, a.name as speaker from quotes q left join actors a on a.actor_id = q.speaker_id")
    actors = rows(con, "select * from actors")
    for text, speaker, kind in QUOTES:
        found = [q for q in quotes if q["text"].strip(' ,."') == text]
        assert found, text
        assert found[0]["kind"] == kind
        assert found[0]["speaker_id"] == actor_named(actors, speaker)["actor_id"]
    for speaker, cue, words in REPORTED:
        found = [q for q in quotes if q["kind"] == "indirect" and words in q["text"]]
        assert found, words
        assert found[0]["cue"] == cue
        assert found[0]["speaker_id"] == actor_named(actors, speaker)["actor_id"], words


def test_statistics(con):
    stats = rows(con, "select * from statistics")
    for value, unit, qualifier, subject in STATISTICS:
        found = [s for s in stats if s["value"] == value and s["unit"] == unit]
        assert found, (value, unit)
        assert found[0]["qualifier"] == qualifier
        assert subject in (found[0]["subject"] or ""), (value, found[0]["subject"])


def test_events_with_the_right_first_actor(con):
    events = rows(con, "select e.*, a.name as actor1 from events e join actors a on a.actor_id = e.actor1_id")
    actors = rows(con, "select * from actors")
    unmatched = list(events)
    found = 0
    for types, actor1, certainty in EVENTS:
        actor_id = actor_named(actors, actor1)["actor_id"]
        match = next(
            (e for e in unmatched if e["event_type"] in types and e["actor1_id"] == actor_id and certainty in (None, e["certainty"])),
            None,
        )
        if match:
            unmatched.remove(match)
            found += 1
    assert found >= 8


def test_validate_passes_on_the_loaded_warehouse(warehouse):
    assert main(["validate", "--warehouse", str(warehouse)]) == 0
    assert (warehouse / "data_docs" / "index.html").exists()
    assert list((warehouse / "parquet" / "events").glob("*.parquet"))


def test_bad_paths_exit_2(tmp_path):
    assert main(["run", "--seeds", str(tmp_path / "missing"), "--warehouse", str(tmp_path / "wh")]) == 2
    assert main(["validate", "--warehouse", str(tmp_path / "nothing")]) == 2
    with pytest.raises(SystemExit) as stop:
        main(["run", "--no-such-flag"])
    assert stop.value.code == 2


def test_every_event_is_the_happening_its_mentions_report(con):
    no_event = con.execute("select count(*) from event_mentions where (event_id is null) <> (modality in ('negated', 'hypothetical'))")
    assert no_event.fetchone() == (0,)
    counted = con.execute("select sum(num_mentions) from events").fetchone()[0]
    assert counted == con.execute("select count(*) from event_mentions where event_id is not null").fetchone()[0]
    first_reports = con.execute(
        "select count(*) from events e join event_mentions m on m.event_id = e.event_id and m.doc_id = e.doc_id "
        "and m.char_start = e.char_start and m.char_end = e.char_end"
    ).fetchone()[0]
    assert first_reports >= con.execute("select count(*) from events").fetchone()[0]
    assert con.execute("select count(*) from events").fetchone()[0] < con.execute("select count(*) from event_mentions").fetchone()[0]


def test_parquet_metadata_and_duckdb_comments_are_the_data_dictionary(warehouse, con):
    import pyarrow.parquet as pq

    from etl.schema import COLUMN_DOCS, TABLE_DOCS

    for name, columns in COLUMN_DOCS.items():
        for path in (warehouse / "parquet" / name).rglob("*.parquet"):
            schema = pq.read_schema(path)
            assert {field.name: field.metadata[b"description"].decode() for field in schema} == {c: m for c, (m, _) in columns.items()}
        found = rows(con, f"SELECT column_name, comment FROM duckdb_columns() WHERE table_name = '{name}'")
        comments = {row["column_name"]: row["comment"] for row in found}
        assert comments == {column: meaning for column, (meaning, _) in columns.items()}, name
        assert rows(con, f"SELECT comment FROM duckdb_tables() WHERE table_name = '{name}'") == [{"comment": TABLE_DOCS[name]}]


def test_duckdb_declares_keys_required_columns_and_json(con):
    from etl.schema import KEYS, TABLES

    for name, key in KEYS.items():
        constraints = rows(con, f"SELECT constraint_type, constraint_column_names FROM duckdb_constraints() WHERE table_name = '{name}'")
        assert {"constraint_type": "PRIMARY KEY", "constraint_column_names": list(key)} in constraints, name
        declared = rows(con, f"SELECT column_name, is_nullable, data_type FROM duckdb_columns() WHERE table_name = '{name}'")
        assert {row["column_name"]: row["is_nullable"] for row in declared} == {field.name: field.nullable for field in TABLES[name]}, name
        if name == "dq_findings":
            assert {row["column_name"]: row["data_type"] for row in declared}["details"] == "JSON"
    kinds = con.execute("SELECT DISTINCT details->>'kind' FROM dq_findings WHERE check_name = 'duplicate_block'").fetchall()
    assert kinds and all(kind for (kind,) in kinds)


def test_readable_events_and_the_old_findings_column(con):
    readable = rows(con, "SELECT * FROM events_readable")
    assert len(readable) == con.execute("SELECT count(*) FROM events").fetchone()[0]
    call = next(row for row in readable if row["event_type"] == "CONSULT")
    assert {call["actor1"], call["actor2"]} == {"Donald Trump", "Vladimir Putin"} and call["sentence"]
    assert con.execute("SELECT count(*) FROM dq_findings_legacy WHERE \"check\" = 'duplicate_block'").fetchone() == (7,)


def test_polars_tables_read_the_published_version(warehouse, con, tmp_path):
    import etl
    from etl.errors import UsageError

    frames = etl.tables(warehouse)
    for name in ("documents", "events", "actors", "dq_findings"):
        assert frames[name].select(pl.len()).collect().item() == con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    with pytest.raises(UsageError, match="no published warehouse"):
        etl.tables(tmp_path / "nowhere")
