"""What every check of the quality stage shares: the outcome record, and a DuckDB connection over the tables."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from etl.errors import CheckFailure
from etl.schema import TABLES, empty_table

# A table without doc_id is validated in slices of this many rows per document of a slice.
ROWS_PER_DOCUMENT = 20


@dataclass(frozen=True)
class SuiteOutcome:
    """The result of one expectation on one table, flattened for summaries and exit codes."""

    table: str
    expectation: str
    columns: tuple[str, ...]
    severity: str
    success: bool
    unexpected_count: int | None
    details: str
    # Where the check is defined: a suite file unless set (the key and span checks are code).
    defined_in: str = ""


def failures(outcomes: list[SuiteOutcome]) -> list[CheckFailure]:
    """A record per failed error-severity expectation: what failed, where, and on what values."""
    return [as_failure(outcome) for outcome in outcomes if outcome.severity == "error" and not outcome.success]


def as_failure(outcome: SuiteOutcome) -> CheckFailure:
    """A failed outcome as the record DataQualityError carries, naming the suite file or module that defines the check."""
    return CheckFailure(
        check=outcome.expectation,
        table=outcome.table,
        columns=outcome.columns,
        severity=outcome.severity,
        failing_count=outcome.unexpected_count,
        examples=outcome.details,
        defined_in=outcome.defined_in or f"expectations/{outcome.table}.json",
    )


@contextmanager
def table_connection(source):
    """`source` if it is a DuckDB connection; else a new one with each table of the dict as a view (absent ones empty)."""
    if not isinstance(source, dict):
        yield source
        return
    from etl.sql import connect

    with connect() as connection:
        for name, table in source.items():
            connection.register(name, empty_table(name) if table is None else table)
        for name in TABLES:
            if name not in source:
                connection.register(name, empty_table(name))
        yield connection
