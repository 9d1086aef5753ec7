"""`etl validate`: re-run every check on what is loaded and rebuild the data docs."""

from __future__ import annotations

from etl.errors import CheckFailure, UsageError
from etl.load.parquet import PART_NAME
from etl.load.remote import refresh_local_copy, upload_data_docs, writing
from etl.load.versions import current_version
from etl.schema import TABLES
from etl.settings import Settings


def validate_warehouse(settings: Settings) -> tuple[list[CheckFailure], int]:
    """Error-severity failures on the published tables, and how many checks ran."""
    from etl.quality.keys import check_keys
    from etl.quality.outcomes import failures
    from etl.quality.spans import check_spans
    from etl.quality.suites import run_suites
    from etl.sql import connect, parquet, view

    refresh_local_copy(settings)
    if not (settings.parquet_dir / "documents").is_dir():
        raise UsageError(
            f"no warehouse at {settings.warehouse_url or str(settings.warehouse)!r}: run `etl run` first or pass --warehouse DIR"
        )
    with writing(settings), connect(settings) as connection:  # it rewrites data_docs/ and _gx/, which a run writes too
        root = settings.parquet_dir.resolve()
        for name in TABLES:
            path = root / name / PART_NAME
            view(connection, name, parquet(str(path)) if path.is_file() else TABLES[name].empty_table())
        version = current_version(settings.warehouse)
        suites = run_suites(connection, settings, f"{version}-revalidated" if version else None)
        outcomes = check_spans(connection) + check_keys(connection, settings.validation_batch) + suites
        upload_data_docs(settings)
    return failures(outcomes), len(outcomes)
