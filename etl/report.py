"""`etl report`: the findings of the last run, by check, with the rows concerned."""

from __future__ import annotations

import json
from collections import defaultdict

from etl.errors import UsageError
from etl.settings import Settings

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def findings_by_check(settings: Settings, check: str | None = None) -> dict[str, list[dict]]:
    """Published findings grouped by check, most severe checks first; optionally one check only."""
    from etl.load.remote import refresh_local_copy

    refresh_local_copy(settings)
    if not (settings.parquet_dir / "dq_findings").is_dir():
        raise UsageError(
            f"no warehouse at {settings.warehouse_url or str(settings.warehouse)!r}: run `etl run` first or pass --warehouse DIR"
        )
    from etl.load.parquet import PART_NAME
    from etl.quality.first_seen import findings_file
    from etl.sql import connect, rows

    grouped: dict[str, list[dict]] = defaultdict(list)
    with connect(settings) as connection:
        source = findings_file(str((settings.parquet_dir / "dq_findings" / PART_NAME).resolve()))
        for row in rows(connection, f"SELECT * FROM {source} WHERE ? IS NULL OR check_name = ?", [check, check]):
            grouped[row["check_name"]].append(row)
    return dict(sorted(grouped.items(), key=lambda item: (min(SEVERITY_ORDER[r["severity"]] for r in item[1]), item[0])))


def describe_finding(row: dict) -> str:
    """One line: the rows concerned and what the check found."""
    details = json.loads(row["details"]) if row["details"] else {}
    shown = ", ".join(f"{key}={value}" for key, value in details.items() if value not in (None, "", []))
    return f"[{row['severity']}] {row['table_name']} {row['ref']}" + (f" ({shown})" if shown else "")
