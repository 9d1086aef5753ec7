"""The Great Expectations suites: in sync with etl.schema, pass on good tables, fail on bad ones."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import hypothesis
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from etl.errors import UsageError
from etl.quality.outcomes import SuiteOutcome, failures
from etl.quality.spans import SPAN_TEXT_COLUMNS as SPAN_TABLE_COLUMNS
from etl.quality.suites import LINKS_SUFFIX, load_suite, load_suite_config, run_identifier, run_suites
from etl.schema import KEYS, TABLES, VOCABULARIES, empty_table, to_table
from etl.settings import Settings

SPAN_TABLES = tuple(SPAN_TABLE_COLUMNS)  # the tables whose rows carry offsets into documents.text

HEADLINE = "Drone strike on Kyiv café"
BODY = "Zelenskyy’s aide said “we will talk” after over 12 drones hit the café."
TEXT = f"{HEADLINE}\n{BODY}\n{BODY}"
BODY_START = len(HEADLINE) + 1
REPEAT_START = BODY_START + len(BODY) + 1


def sha256(text: str) -> str:
    """Hex digest, as the extract stage writes it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def span(text: str, part: str, start: int = 0) -> dict:
    """char_start/char_end of the first `part` in `text` at or after `start`."""
    char_start = text.index(part, start)
    return {"char_start": char_start, "char_end": char_start + len(part)}


def valid_rows() -> dict[str, list[dict]]:
    """One small, consistent article with a row in every table."""
    started = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    mention = {"doc_id": "d1", "block_idx": 1, "text": "Zelenskyy", "actor_id": "a1", "mention_kind": "name"}
    return {
        "documents": [
            {
                "doc_id": "d1",
                "source": "a.txt",
                "title": HEADLINE,
                "text": TEXT,
                "content_sha256": sha256(TEXT),
                "n_blocks": 3,
                "n_unique_blocks": 2,
                "status": "loaded",
            },
            {
                "doc_id": "d2",
                "source": "b.txt",
                "text": TEXT,
                "content_sha256": sha256(TEXT),
                "n_blocks": 3,
                "n_unique_blocks": 2,
                "status": "duplicate",
                "duplicate_of": "d1",
            },
            {
                "doc_id": "d3",
                "source": "c.bin",
                "n_blocks": 0,
                "n_unique_blocks": 0,
                "status": "rejected",
                "reject_reason": "unsupported file type .bin",
            },
        ],
        "blocks": [
            {
                "doc_id": "d1",
                "block_idx": 0,
                "kind": "headline",
                "text": HEADLINE,
                "char_start": 0,
                "char_end": len(HEADLINE),
                "text_sha256": sha256(HEADLINE),
                "boilerplate": False,
            },
            {
                "doc_id": "d1",
                "block_idx": 1,
                "kind": "body",
                "text": BODY,
                "char_start": BODY_START,
                "char_end": BODY_START + len(BODY),
                "text_sha256": sha256(BODY),
                "boilerplate": False,
            },
            {
                "doc_id": "d1",
                "block_idx": 2,
                "kind": "body",
                "text": BODY,
                "char_start": REPEAT_START,
                "char_end": REPEAT_START + len(BODY),
                "text_sha256": sha256(BODY),
                "duplicate_of_block": 1,
                "boilerplate": False,
            },
        ],
        "actors": [
            {
                "actor_id": "a1",
                "name": "Volodymyr Zelenskyy",
                "type": "person",
                "role": "President",
                "country": "UKR",
                "aliases": ["Zelenskyy"],
                "mention_count": 1,
                "doc_count": 1,
            },
        ],
        "actor_mentions": [{**mention, **span(TEXT, "Zelenskyy", BODY_START)}],
        "event_mentions": [
            {
                "mention_id": "m1",
                "event_id": "e1",
                "doc_id": "d1",
                "block_idx": 1,
                "event_type": "CONSULT",
                "event_mode": "third-party",
                "actor1_id": "a1",
                "trigger": "talk",
                "modality": "reported",
                "sentence": BODY,
                **span(TEXT, "talk", BODY_START),
            },
        ],
        "events": [
            {
                "event_id": "e1",
                "event_type": "CONSULT",
                "event_mode": "third-party",
                "actor1_id": "a1",
                "certainty": "reported",
                "num_mentions": 1,
                "num_documents": 1,
                "num_sources": 1,
                "doc_id": "d1",
                "block_idx": 1,
                "trigger": "talk",
                "sentence": BODY,
                **span(TEXT, "talk", BODY_START),
            },
        ],
        "quotes": [
            {
                "quote_id": "q1",
                "doc_id": "d1",
                "block_idx": 1,
                "text": "we will talk",
                "kind": "direct",
                "speaker_id": "a1",
                "speaker_text": "Zelenskyy’s aide",
                "cue": "said",
                **span(TEXT, "we will talk", BODY_START),
            },
        ],
        "statistics": [
            {
                "stat_id": "s1",
                "doc_id": "d1",
                "block_idx": 1,
                "value": 12.0,
                "value_text": "12",
                "qualifier": "over",
                "unit": "drone per day",
                "subject": "drones",
                "sentence": BODY,
                **span(TEXT, "12", BODY_START),
            },
        ],
        "dq_findings": [
            {
                "run_id": "r1",
                "check_name": "duplicate_block",
                "severity": "info",
                "table_name": "blocks",
                "doc_id": "d1",
                "ref": "d1:2",
                "details": json.dumps({"duplicate_of_block": 1}),
            },
        ],
        "runs": [
            {
                "run_id": "r1",
                "started_at": started,
                "finished_at": started.replace(minute=5),
                "status": "success",
                "code_version": "test",
                "documents_seen": 3,
                "documents_loaded": 1,
                "documents_skipped": 1,
                "documents_rejected": 1,
            },
        ],
    }


def valid_tables() -> dict:
    """valid_rows() as Arrow tables of the warehouse schema."""
    return {name: to_table(name, rows) for name, rows in valid_rows().items()}


def invalid_tables() -> dict:
    """Valid tables with one error-severity fault each in four of them, and a soft fault in one."""
    rows = valid_rows()
    rows["documents"].append({**rows["documents"][0], "source": "again.txt"})  # duplicate doc_id
    rows["blocks"][0]["kind"] = "footer"  # not in the vocabulary
    rows["actors"].append({**rows["actors"][0], "actor_id": None})  # null key
    rows["actors"][0]["country"] = "Ukraine"  # warning only: not ISO alpha-3
    rows["statistics"][0]["unit"] = "Drones"  # warning only: units are singular, lower case
    rows["actor_mentions"].append(dict(rows["actor_mentions"][0]))  # duplicate compound key
    return {name: to_table(name, table_rows) for name, table_rows in rows.items()}


def settings_for(warehouse: Path) -> Settings:
    """Settings whose warehouse (GX state, data docs) is a temporary folder."""
    return Settings(warehouse=warehouse)


@pytest.fixture(scope="module")
def valid_run(tmp_path_factory) -> tuple[Settings, list[SuiteOutcome]]:
    settings = settings_for(tmp_path_factory.mktemp("valid"))
    return settings, run_suites(valid_tables(), settings)


@pytest.fixture(scope="module")
def invalid_run(tmp_path_factory) -> tuple[Settings, list[SuiteOutcome]]:
    settings = settings_for(tmp_path_factory.mktemp("invalid"))
    return settings, run_suites(invalid_tables(), settings)


@pytest.fixture(scope="module")
def empty_run(tmp_path_factory) -> tuple[Settings, list[SuiteOutcome]]:
    settings = settings_for(tmp_path_factory.mktemp("empty"))
    return settings, run_suites({"documents": empty_table("documents")}, settings)


def failed(outcomes: list[SuiteOutcome], table: str, expectation: str) -> list[SuiteOutcome]:
    """The failed outcomes of one expectation type on one table."""
    return [o for o in outcomes if o.table == table and o.expectation == expectation and not o.success]


def test_valid_tables_pass_every_expectation(valid_run):
    _, outcomes = valid_run
    assert {o.table for o in outcomes} == set(TABLES)
    assert [o for o in outcomes if not o.success] == []
    assert failures(outcomes) == []


def test_duplicate_key_bad_vocabulary_and_null_key_fail_as_errors(invalid_run):
    _, outcomes = invalid_run
    expected = [
        ("documents", "expect_column_values_to_be_unique", ("doc_id",)),
        ("blocks", "expect_column_values_to_be_in_set", ("kind",)),
        ("actors", "expect_column_values_to_not_be_null", ("actor_id",)),
        ("actor_mentions", "expect_compound_columns_to_be_unique", KEYS["actor_mentions"]),
    ]
    for table, expectation, columns in expected:
        hits = [o for o in failed(outcomes, table, expectation) if o.columns == columns]
        assert len(hits) == 1, (table, expectation)
        assert hits[0].severity == "error"
        assert hits[0].unexpected_count and hits[0].unexpected_count > 0
    lines = [str(failure) for failure in failures(outcomes)]
    assert len(lines) == len(expected)
    assert any("documents.doc_id" in line and "'d1'" in line for line in lines)
    assert any("blocks.kind" in line and "footer" in line for line in lines)


def test_warning_failures_are_not_errors(invalid_run):
    _, outcomes = invalid_run
    country = [o for o in failed(outcomes, "actors", "expect_column_values_to_match_regex") if o.columns == ("country",)]
    assert [o.severity for o in country] == ["warning"]
    assert not any(failure.where == "actors.country" for failure in failures(outcomes))
    unit = [o for o in failed(outcomes, "statistics", "expect_column_values_to_match_regex") if o.columns == ("unit",)]
    assert [o.severity for o in unit] == ["warning"]


def test_missing_column_is_an_error(tmp_path):
    tables = valid_tables()
    tables["documents"] = tables["documents"].drop_columns(["status"])
    lines = [str(failure) for failure in failures(run_suites(tables, settings_for(tmp_path)))]
    assert any(line.startswith("documents: expect_table_columns_to_match_set") and "status" in line for line in lines)


def test_empty_and_absent_tables_validate(empty_run):
    settings, outcomes = empty_run
    assert {o.table for o in outcomes} == set(TABLES)
    assert [o for o in outcomes if not o.success] == []
    assert (settings.data_docs_dir / "index.html").is_file()


def test_data_docs_index_lists_every_suite(valid_run, invalid_run):
    for settings, _ in (valid_run, invalid_run):
        index = settings.data_docs_dir / "index.html"
        page = index.read_text(encoding="utf-8")
        for name in TABLES:
            assert f"expectations/{name}.html" in page
            assert (settings.data_docs_dir / "validations" / name).is_dir()


def test_run_state_stays_under_gx_dir(valid_run):
    settings, _ = valid_run
    results = json.loads((settings.gx_dir / "validation_results.json").read_text(encoding="utf-8"))
    links_views = [name + LINKS_SUFFIX for name in SPAN_TABLES]  # the span tables are the ones that refer to others
    assert sorted(result["suite_name"] for result in results) == sorted([*TABLES, *links_views])
    assert sorted(path.name for path in settings.warehouse.iterdir()) == ["_gx", "data_docs"]


def test_unknown_table_is_refused(tmp_path):
    with pytest.raises(ValueError, match="document"):
        run_suites({"document": empty_table("documents")}, settings_for(tmp_path))


def test_an_actor_id_missing_from_actors_fails_with_error(tmp_path):
    actors = to_table("actors", [{"actor_id": "a1", "name": "A", "type": "person", "aliases": [], "mention_count": 1, "doc_count": 1}])
    documents = to_table(
        "documents", [{"doc_id": "d", "source": "d.txt", "n_blocks": 0, "n_unique_blocks": 0, "status": "loaded", "text": "xx"}]
    )
    mention = {"doc_id": "d", "block_idx": 0, "char_start": 0, "char_end": 1, "text": "x", "mention_kind": "name"}
    mentions = to_table("actor_mentions", [{**mention, "actor_id": "a1"}, {**mention, "char_end": 2, "text": "xx", "actor_id": "ghost"}])
    outcomes = run_suites({"actors": actors, "documents": documents, "actor_mentions": mentions}, settings_for(tmp_path))
    failed = [o for o in outcomes if not o.success and o.severity == "error"]
    assert [(o.table, o.columns) for o in failed] == [("actor_mentions", ("actor_id",))]


@pytest.mark.parametrize("name", list(TABLES))
def test_suite_matches_schema(name):
    config = load_suite_config(Settings().expectations, name)
    by_type: dict[str, list[dict]] = {}
    for expectation in config["expectations"]:
        by_type.setdefault(expectation["type"], []).append(expectation)
    schema = TABLES[name]
    assert by_type["expect_table_columns_to_match_set"][0]["kwargs"]["column_set"] == schema.names
    assert by_type["expect_table_columns_to_match_ordered_list"][0]["kwargs"]["column_list"] == schema.names
    unconditional_not_null = {
        e["kwargs"]["column"]
        for e in by_type["expect_column_values_to_not_be_null"]
        if "row_condition" not in e["kwargs"] and e["meta"]["severity"] == "error"
    }
    assert unconditional_not_null == {field.name for field in schema if not field.nullable}
    key = list(KEYS[name])
    if len(key) == 1:
        assert any(e["kwargs"]["column"] == key[0] for e in by_type["expect_column_values_to_be_unique"])
    else:
        assert any(e["kwargs"]["column_list"] == key for e in by_type["expect_compound_columns_to_be_unique"])
    in_set = [e for e in by_type.get("expect_column_values_to_be_in_set", []) if e["meta"]["severity"] == "error"]
    vocabularies = {e["kwargs"]["column"]: tuple(e["kwargs"]["value_set"]) for e in in_set if isinstance(e["kwargs"]["value_set"], list)}
    assert vocabularies == {column: values for (table, column), values in VOCABULARIES.items() if table == name}
    references = {
        e["kwargs"]["column_A"]: e["kwargs"]["referred"]
        for e in by_type.get("expect_column_values_to_exist_in_table", [])
        if e["meta"]["severity"] == "error"
    }
    external = {"run_id", "gazetteer_id"}  # a run's id, a GeoNames id: no table of the warehouse holds them as a key
    id_columns = {field.name for field in schema if field.name.endswith("_id") and field.name not in {*KEYS[name], *external}}
    figures = {column for column in id_columns if column.endswith("_stat_id")}  # a casualty count's statistics row
    expected_refs = {column: "actors.actor_id" for column in id_columns - {"doc_id", "event_id"} - figures}
    expected_refs.update(dict.fromkeys(figures, "statistics.stat_id"))
    if "event_id" in id_columns:
        expected_refs["event_id"] = "events.event_id"  # a mention's happening
    if name in SPAN_TABLES:
        expected_refs["doc_id"] = "documents.doc_id"
    assert references == expected_refs
    if name in SPAN_TABLES:
        assert any(e["kwargs"].get("column") == "char_start" for e in by_type["expect_column_values_to_be_between"])


@pytest.mark.parametrize("name", list(TABLES))
def test_expectation_and_columns_identify_an_outcome(name):
    """dq_findings keys a failed expectation by its type and columns: no suite may repeat a pair."""
    config = load_suite_config(Settings().expectations, name)
    pairs = [
        (e["type"], tuple(e["kwargs"].get("column_list") or [e["kwargs"].get(k) for k in ("column", "column_A", "column_B")]))
        for e in config["expectations"]
    ]
    assert len(pairs) == len(set(pairs))


def test_every_suite_loads_whole_into_gx():
    for name in TABLES:
        config = load_suite_config(Settings().expectations, name)
        assert len(load_suite(Settings().expectations, name).expectations) == len(config["expectations"])


def test_broken_suite_names_the_file(tmp_path):
    shutil.copytree(Settings().expectations, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "quotes.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["expectations"].append({"type": "expect_no_such_thing", "kwargs": {}, "meta": {"severity": "error"}})
    path.write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(UsageError, match="quotes.json.*expect_no_such_thing"):
        load_suite(tmp_path, "quotes")
    config["expectations"][-1] = {"type": "expect_column_to_exist", "kwargs": {"column": "text"}, "meta": {}}
    path.write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(UsageError, match="severity"):
        load_suite_config(tmp_path, "quotes")


def test_importing_the_quality_modules_does_not_import_gx():
    code = "import sys, etl.quality.suites, etl.quality.spans; assert 'great_expectations' not in sys.modules, 'imported at module level'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_slices_of_documents_validate_apart_and_a_key_repeated_across_them_is_caught(tmp_path):
    from etl.quality import assess

    rows = valid_rows()
    rows["documents"] = [rows["documents"][0], {**rows["documents"][0], "doc_id": "d4", "source": "d.txt"}]
    rows["dq_findings"] = []
    rows["events"].append({**rows["events"][0], "doc_id": "d4", "event_type": "SHOUT"})  # same event_id, a bad type, another slice
    tables = {name: to_table(name, table_rows) for name, table_rows in rows.items() if name not in ("dq_findings", "runs")}
    settings = settings_for(tmp_path).model_copy(update={"validation_batch": 1})  # one document per slice

    outcomes = run_suites(tables, settings)
    event_type = [
        o for o in outcomes if o.table == "events" and o.columns == ("event_type",) and o.expectation == "expect_column_values_to_be_in_set"
    ]
    assert [(o.success, o.unexpected_count) for o in event_type] == [(False, 1)]  # one outcome over every slice
    (unique,) = [o for o in outcomes if o.table == "events" and o.expectation == "expect_column_values_to_be_unique"]
    assert unique.success  # unique within each slice

    _, stopping = assess(tables, settings, "r1")
    assert any(str(failure).startswith("events.event_id: key_is_unique_across_slices failed on 2 row(s)") for failure in stopping)
    (across,) = [failure for failure in stopping if failure.check == "key_is_unique_across_slices"]
    assert (across.where, across.failing_count, across.defined_in) == ("events.event_id", 2, "etl/quality/keys.py")


def test_no_slice_stays_in_memory_after_the_suites_ran(tmp_path):
    """GX caches the frame of every batch it validates; the suites must not keep one per slice (memory would grow
    with the corpus)."""
    import gc

    import pandas

    rows = valid_rows()
    rows["documents"] = [{**rows["documents"][0], "doc_id": f"d{number}", "source": f"{number}.txt"} for number in range(6)]
    tables = {name: to_table(name, table_rows) for name, table_rows in rows.items() if name not in ("dq_findings", "runs")}

    run_suites(tables, settings_for(tmp_path).model_copy(update={"validation_batch": 1}))  # six slices of documents
    gc.collect()
    frames = [item for item in gc.get_objects() if isinstance(item, pandas.DataFrame) and "doc_id" in item.columns]
    assert frames == []


def test_findings_published_before_the_rename_are_read_with_todays_column(tmp_path):
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    from etl.quality.first_seen import findings_file

    old = tmp_path / "old.parquet"
    pq.write_table(pa.table({"run_id": ["r1"], "check": ["duplicate_block"], "severity": ["warning"], "ref": ["d:1"]}), old)
    new = tmp_path / "new.parquet"
    pq.write_table(pa.table({"run_id": ["r2"], "check_name": ["boilerplate_block"], "severity": ["info"], "ref": ["d:2"]}), new)
    with duckdb.connect() as connection:
        for path, check in ((old, "duplicate_block"), (new, "boilerplate_block")):
            assert connection.execute(f"SELECT check_name FROM {findings_file(str(path))}").fetchall() == [(check,)]


@given(suffix=st.text(alphabet="0123456789abcdef", min_size=8, max_size=8))
@example(suffix="9813ad8a")
@hypothesis.settings(max_examples=300, deadline=None)
def test_results_are_filed_under_the_time_the_run_id_starts_with(suffix):
    # Left to GX, "...Z-9813ad8a" was read by dateutil as a UTC offset of +98:13 and filing the results failed.
    run_name = f"20260101T120000.123456Z-{suffix}"
    filed_as = run_identifier(run_name).to_tuple()
    assert filed_as == (run_name, "20260101T120000.123456Z")


def test_a_run_name_with_no_time_of_ours_is_filed_under_now():
    before = datetime.now(UTC)
    assert run_identifier("nightly-9813ad8a").run_time >= before
