"""The quality stage: every finding and expectation suite over the warehouse as a run leaves it.

Reads the run's staged tables (one view per warehouse table), writes the staged `dq_findings`
(each finding under the run that first raised it) and returns the error-severity failures.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa

from etl import __version__, staging
from etl.errors import CheckFailure
from etl.quality import assess
from etl.quality.first_seen import carry_first_seen, findings_file
from etl.schema import TABLES
from etl.settings import Settings
from etl.sql import batches, connect, parquet, view

# Findings as assess writes them, numbered in the order found (a staged table of the run, then a view).
NEW_FINDINGS = "new_findings"
NEW_FINDINGS_SCHEMA = TABLES["dq_findings"].append(pa.field("ordinal", pa.int64(), False))
# The published version's findings, whose first runs the new findings keep.
PUBLISHED_FINDINGS = "published_findings"


def validate(settings: Settings, run_id: str, published_findings: Path | None) -> list[CheckFailure]:
    """Stage `dq_findings` for the run's staged tables; return the error-severity failures."""
    with connect(settings) as connection:
        for name in TABLES:
            if name in ("dq_findings", "runs"):
                view(connection, name, TABLES[name].empty_table())
            else:
                view(connection, name, parquet(staging.url(settings, run_id, name)))
        with staging.RowWriter(settings, run_id, NEW_FINDINGS, NEW_FINDINGS_SCHEMA) as writer:
            _, failures = assess(connection, settings, run_id, sink=_Numbered(writer))
        view(connection, NEW_FINDINGS, parquet(staging.url(settings, run_id, NEW_FINDINGS)))
        if published_findings is not None and published_findings.is_file():
            view(connection, PUBLISHED_FINDINGS, findings_file(str(published_findings)))
        else:
            view(connection, PUBLISHED_FINDINGS, TABLES["dq_findings"].empty_table())
        kept = carry_first_seen(connection, NEW_FINDINGS, PUBLISHED_FINDINGS)
        schema = TABLES["dq_findings"]
        staging.write_batches(settings, run_id, "dq_findings", schema, batches(connection, f"SELECT * FROM {kept}", schema=schema))
    return failures


class _Numbered:
    """A findings sink that numbers each row before passing it on."""

    def __init__(self, writer):
        self.writer, self.count = writer, 0

    def add(self, row: dict) -> None:
        self.writer.add({**row, "ordinal": self.count})
        self.count += 1


def validation_fingerprint(settings: Settings) -> str:
    """What decides a validation's outcome besides the tables: the checks' code (with the SQL helpers and the
    schemas it reads), the suites, the policy and thresholds."""
    digest = hashlib.sha256(__version__.encode())
    for setting in (settings.severity, settings.near_duplicate_threshold, settings.boilerplate_min_documents, settings.story_window_hours):
        digest.update(repr(setting).encode())
    package = Path(__file__).resolve().parent.parent
    checks = [*(package / "quality").glob("*.py"), *(package / "quality").glob("data/*"), package / "sql.py", package / "schema.py"]
    for path in sorted([*checks, *settings.expectations.glob("*.json")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()
