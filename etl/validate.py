"""`etl validate`: re-run every check on what is loaded and rebuild the data docs."""

from __future__ import annotations

from etl.errors import UsageError
from etl.load.lock import writer_lock
from etl.load.parquet import read_published
from etl.schema import TABLES
from etl.settings import Settings


def validate_warehouse(settings: Settings) -> tuple[list[str], int]:
    """Error-severity failures on the published tables, and how many checks ran."""
    from etl.quality.spans import check_spans
    from etl.quality.suites import failures, run_suites

    if not (settings.parquet_dir / "documents").is_dir():
        raise UsageError(f"no warehouse at {str(settings.warehouse)!r}: run `etl run` first or pass --warehouse DIR")
    with writer_lock(settings):  # it rewrites data_docs/ and _gx/, which a run writes too
        tables = {name: read_published(settings.parquet_dir, name) for name in TABLES}
        outcomes = check_spans(tables) + run_suites(tables, settings)
    return failures(outcomes), len(outcomes)
