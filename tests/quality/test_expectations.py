"""The project's own GX expectations: spans agree with the document text, no fact row twice, and the registry guard."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from etl.errors import EtlError
from etl.quality.outcomes import failures, table_connection
from etl.quality.spans import DOCUMENT_SLICE, SPAN_TEXT_COLUMNS, span_view_query
from etl.quality.suites import CUSTOM_EXPECTATION_TYPES, LINKS_SUFFIX, check_registered, load_suite, load_suite_config, run_suites
from etl.schema import TABLES, to_table
from etl.settings import Settings
from tests.quality.test_suites import TEXT, valid_rows

SPAN_TABLES = tuple(SPAN_TEXT_COLUMNS)  # the tables whose rows carry offsets into documents.text


def span_view(documents, table, text_column: str) -> dict[str, list]:
    """The span view one suite batch validates, by column: the table's rows beside the document slice they point at."""
    with table_connection({"documents": documents, "rows": table}) as connection:
        return connection.sql(span_view_query("SELECT * FROM rows", text_column)).to_arrow_table().to_pydict()


ROOT = Path(__file__).resolve().parents[2]
ROW_IDS = {"event_mentions": "mention_id", "events": "event_id", "quotes": "quote_id", "statistics": "stat_id", "actors": "actor_id"}


def planted_tables() -> dict:
    """Valid tables with a quote one character late and a statistic and an event extracted twice under new ids."""
    rows = valid_rows()
    rows["quotes"][0] = {
        **rows["quotes"][0],
        "char_start": rows["quotes"][0]["char_start"] + 1,
        "char_end": rows["quotes"][0]["char_end"] + 1,
    }
    rows["statistics"].append({**rows["statistics"][0], "stat_id": "s1-again"})
    rows["events"].append({**rows["events"][0], "event_id": "e1-again"})
    return {name: to_table(name, table_rows) for name, table_rows in rows.items()}


@pytest.fixture(scope="module")
def planted_run(tmp_path_factory):
    settings = Settings(warehouse=tmp_path_factory.mktemp("planted"))
    return settings, run_suites(planted_tables(), settings)


def outcome(outcomes, table, expectation):
    (found,) = [o for o in outcomes if o.table == table and o.expectation == expectation]
    return found


def test_the_suites_name_each_custom_expectation_the_module_defines():
    from etl.quality.expectations import CUSTOM_EXPECTATIONS

    assert sorted(cls.expectation_type for cls in CUSTOM_EXPECTATIONS) == sorted(CUSTOM_EXPECTATION_TYPES)
    assert check_registered() == len(CUSTOM_EXPECTATION_TYPES)


def test_every_span_table_checks_its_text_and_every_fact_table_its_repeats():
    for name in TABLES:
        expectations = load_suite_config(Settings().expectations, name)["expectations"]
        spans = [e["kwargs"]["column_A"] for e in expectations if e["type"] == "expect_span_to_match_document_text"]
        assert spans == ([SPAN_TEXT_COLUMNS[name]] if name in SPAN_TABLES else []), name
        distinct = [e["kwargs"]["ignore_columns"] for e in expectations if e["type"] == "expect_table_rows_to_be_distinct"]
        assert distinct == ([[ROW_IDS[name]]] if name in ROW_IDS else []), name


def test_a_planted_bad_offset_fails_through_gx(planted_run):
    settings, outcomes = planted_run
    bad = outcome(outcomes, "quotes", "expect_span_to_match_document_text")
    assert (bad.success, bad.severity, bad.unexpected_count, bad.columns) == (False, "error", 1, ("text",))
    assert "we will talk" in bad.details
    results = json.loads((settings.gx_dir / "validation_results.json").read_text(encoding="utf-8"))
    (quotes_spans,) = [r for r in results if r["suite_name"] == "quotes" + LINKS_SUFFIX]
    assert quotes_spans["success"] is False
    assert any(
        line.startswith("quotes.text: expect_span_to_match_document_text failed on 1 row(s)") for line in map(str, failures(outcomes))
    )


def test_a_planted_duplicate_fact_row_fails_through_gx(planted_run):
    _, outcomes = planted_run
    for table, ids in (("statistics", "['s1', 's1-again']"), ("events", "['e1', 'e1-again']")):
        bad = outcome(outcomes, table, "expect_table_rows_to_be_distinct")
        assert (bad.success, bad.severity, bad.unexpected_count) == (False, "error", 2)
        assert ids in bad.details
    assert outcome(outcomes, "quotes", "expect_table_rows_to_be_distinct").success


def test_only_the_planted_faults_fail(planted_run):
    _, outcomes = planted_run
    failed = sorted((o.table, o.expectation) for o in outcomes if not o.success)
    assert failed == [
        ("events", "expect_table_rows_to_be_distinct"),
        ("quotes", "expect_span_to_match_document_text"),
        ("statistics", "expect_table_rows_to_be_distinct"),
    ]


def test_clean_tables_pass_the_custom_expectations(tmp_path):
    outcomes = run_suites({name: to_table(name, rows) for name, rows in valid_rows().items()}, Settings(warehouse=tmp_path))
    custom = [o for o in outcomes if o.expectation in CUSTOM_EXPECTATION_TYPES]
    references = [o for o in custom if o.expectation == "expect_column_values_to_exist_in_table"]
    assert len(custom) == len(SPAN_TABLES) + len(ROW_IDS) + len(references)
    assert sorted({o.table for o in references}) == sorted(SPAN_TABLES)  # each names its document, facts their actors
    assert all(o.success for o in custom)


def test_the_span_view_has_no_slice_where_the_span_leaves_the_document():
    documents = to_table("documents", valid_rows()["documents"])
    good = {"doc_id": "d1", "block_idx": 1, "text": "café", "actor_id": "a1", "mention_kind": "name"}
    start = TEXT.index("café")
    rows = [
        {**good, "char_start": start, "char_end": start + 4},
        {**good, "char_start": start, "char_end": len(TEXT) + 2},  # past the end
        {**good, "char_start": start + 4, "char_end": start},  # reversed
        {**good, "char_start": start, "char_end": start + 4, "doc_id": "ghost"},  # no document
    ]
    view = span_view(documents, to_table("actor_mentions", rows), "text")
    assert view[DOCUMENT_SLICE] == ["café", None, None, None]
    assert view["doc_id"] == ["d1", "d1", "d1", "ghost"]


def test_distinct_rows_ignore_the_id_and_compare_lists_and_nulls():
    from etl.quality.expectations import duplicate_rows

    frame = pd.DataFrame(
        {"actor_id": ["a", "b", "c", "d"], "aliases": [["X"], ["X"], ["Y"], ["X"]], "role": [None, None, None, "President"]}
    )
    assert duplicate_rows(frame, ["actor_id"]) == {"unexpected_count": 2, "examples": [["a", "b"]]}
    assert duplicate_rows(frame, [])["unexpected_count"] == 0
    assert duplicate_rows(frame.iloc[:0], ["actor_id"])["unexpected_count"] == 0


def test_the_guard_fails_loudly_when_the_expectations_module_was_not_imported():
    code = "import great_expectations\nfrom etl.quality.suites import check_registered\ncheck_registered()\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert f"holds 0 of the {len(CUSTOM_EXPECTATION_TYPES)} custom expectations" in done.stderr
    assert "import etl.quality.expectations" in done.stderr


def test_a_suite_does_not_load_when_gx_lost_a_custom_expectation(monkeypatch):
    from great_expectations.expectations import registry

    load_suite(Settings().expectations, "statistics")  # registers them
    monkeypatch.delitem(registry._registered_expectations, "expect_table_rows_to_be_distinct")
    with pytest.raises(
        EtlError,
        match=rf"holds {len(CUSTOM_EXPECTATION_TYPES) - 1} of the {len(CUSTOM_EXPECTATION_TYPES)} .*expect_table_rows_to_be_distinct",
    ):
        load_suite(Settings().expectations, "statistics")
