"""`etl validate`: re-run every check on what is loaded and rebuild the data docs."""

from __future__ import annotations

from etl.errors import UsageError
from etl.load.parquet import read_published
from etl.schema import TABLES
from etl.settings import Settings


def validate_warehouse(settings: Settings) -> tuple[list[str], int]:
    """Error-severity failures on the published tables, and how many checks ran."""
    from etl.quality import SPAN_TEXT_COLUMNS
    from etl.quality.spans import span_mismatches
    from etl.quality.suites import failures, run_suites

    if not (settings.parquet_dir / "documents").is_dir():
        raise UsageError(f"no warehouse at {str(settings.warehouse)!r}: run `etl run` first or pass --warehouse DIR")
    tables = {name: read_published(settings.parquet_dir, name) for name in TABLES}
    outcomes = run_suites(tables, settings)
    problems = failures(outcomes)
    for name, column in SPAN_TEXT_COLUMNS.items():
        broken = span_mismatches(tables["documents"], tables[name], column)
        if broken:
            problems.append(f"{name}: {broken} row(s) whose {column} is not documents.text[char_start:char_end]")
    return problems, len(outcomes) + len(SPAN_TEXT_COLUMNS)
