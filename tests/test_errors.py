"""The error records: a failed check as data, listed one a line in the error's message."""

from __future__ import annotations

import json
import pickle

from etl.errors import CheckFailure, DataQualityError

UNIQUE = CheckFailure(
    "expect_column_values_to_be_unique",
    "documents",
    ("doc_id",),
    failing_count=2,
    examples="e.g. ['d1']",
    defined_in="expectations/documents.json",
)
POLICY = CheckFailure("inconsistent_figure", "statistics", failing_count=3, examples="e.g. ['s1,s2']", defined_in="ETL_SEVERITY")


def test_a_failure_reads_as_one_line_naming_where_what_how_many_and_where_it_is_set():
    assert (
        str(UNIQUE) == "documents.doc_id: expect_column_values_to_be_unique failed on 2 row(s): e.g. ['d1'] [expectations/documents.json]"
    )
    assert str(POLICY) == "statistics: inconsistent_figure failed on 3 row(s): e.g. ['s1,s2'] [ETL_SEVERITY]"
    pair = CheckFailure("expect_compound_columns_to_be_unique", "blocks", ("doc_id", "block_idx"), defined_in="etl/quality/keys.py")
    assert str(pair) == "blocks(doc_id, block_idx): expect_compound_columns_to_be_unique failed [etl/quality/keys.py]"


def test_a_failure_goes_through_json_and_pickle_unchanged():
    assert CheckFailure.from_dict(json.loads(json.dumps(UNIQUE.to_dict()))) == UNIQUE
    assert pickle.loads(pickle.dumps(UNIQUE)) == UNIQUE


def test_the_error_carries_the_records_and_lists_them_one_a_line():
    error = DataQualityError([UNIQUE, POLICY])
    assert error.failures == [UNIQUE, POLICY] and error.exit_code == 1
    assert str(error).splitlines() == ["2 error-severity check(s) failed:", f"  - {UNIQUE}", f"  - {POLICY}"]
