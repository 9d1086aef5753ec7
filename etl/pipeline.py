"""run(settings) -> RunReport: extract, transform, quality, load; each stage callable alone.

Stages hand each other a staging folder (`warehouse/_staging/<run_id>/<table>.parquet`), so the
CLI calls them in one process and the Airflow DAG calls them as separate tasks passing only ids.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from etl import __version__
from etl.errors import DataQualityError, UsageError
from etl.schema import TABLES, empty_table, to_table
from etl.settings import Settings

FACT_TABLES = ("actors", "actor_mentions", "events", "quotes", "statistics")


class Progress(Protocol):
    """What long stages report to: the CLI shows it as a progress bar."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


@dataclass
class RunReport:
    """What one run did: rows per table, findings per check, and its outcome."""

    run_id: str
    status: str
    rows: dict[str, int] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def new_run_id() -> str:
    """A sortable, unique id for one run: UTC time plus a random suffix."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]


def check_paths(settings: Settings) -> None:
    """Fail early, with the fix, on a seeds folder that is not there."""
    if not settings.seeds.is_dir():
        raise UsageError(f"seeds folder {str(settings.seeds)!r} does not exist or is not a folder: pass --seeds DIR or set ETL_SEEDS")


def write_stage_table(settings: Settings, run_id: str, name: str, table: pa.Table) -> None:
    stage = settings.staging_dir(run_id)
    stage.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, stage / f"{name}.parquet")


def read_stage_table(settings: Settings, run_id: str, name: str) -> pa.Table:
    path = settings.staging_dir(run_id) / f"{name}.parquet"
    return pq.read_table(path, schema=TABLES[name]) if path.exists() else empty_table(name)


def _write_run_info(settings: Settings, run_id: str, info: dict) -> None:
    path = settings.staging_dir(run_id) / "run.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps({**current, **info}))


def _read_run_info(settings: Settings, run_id: str) -> dict:
    path = settings.staging_dir(run_id) / "run.json"
    return json.loads(path.read_text()) if path.exists() else {}


def extract_stage(settings: Settings, run_id: str) -> str:
    """Read every input into `documents` and `blocks` in the run's staging folder."""
    from etl.extract.documents import extract_documents

    check_paths(settings)
    _write_run_info(settings, run_id, {"started_at": datetime.now(timezone.utc).isoformat()})
    documents, blocks = extract_documents(settings.seeds)
    write_stage_table(settings, run_id, "documents", to_table("documents", documents))
    write_stage_table(settings, run_id, "blocks", to_table("blocks", blocks))
    return str(settings.staging_dir(run_id))


def transform_stage(settings: Settings, run_id: str, progress: Progress | None = None) -> str:
    """Actors, mentions, events, quotes and statistics from the unique blocks of loaded documents."""
    from etl.transform import transform_documents

    documents = read_stage_table(settings, run_id, "documents").to_pylist()
    blocks = read_stage_table(settings, run_id, "blocks").to_pylist()
    if progress:
        progress.start(sum(1 for doc in documents if doc["status"] == "loaded"))
    facts = transform_documents(documents, blocks, settings, progress=progress)
    for name in FACT_TABLES:
        write_stage_table(settings, run_id, name, to_table(name, facts.get(name, [])))
    return str(settings.staging_dir(run_id))


def validate_stage(settings: Settings, run_id: str) -> str:
    """Findings and expectation suites over the staged tables; raise if an error-severity check fails."""
    from etl.quality import assess

    tables = {name: read_stage_table(settings, run_id, name) for name in TABLES if name not in ("dq_findings", "runs")}
    findings, failures = assess(tables, settings, run_id)
    write_stage_table(settings, run_id, "dq_findings", to_table("dq_findings", findings))
    _write_run_info(settings, run_id, {"failures": failures})
    if failures:
        raise DataQualityError(failures)
    return str(settings.staging_dir(run_id))


def load_stage(settings: Settings, run_id: str) -> RunReport:
    """Publish the staged tables into Parquet and DuckDB, with a `runs` row; then drop the staging."""
    from etl.load.publish import publish

    info = _read_run_info(settings, run_id)
    if info.get("failures"):
        raise DataQualityError(info["failures"])
    tables = {name: read_stage_table(settings, run_id, name) for name in TABLES if name != "runs"}
    documents = tables["documents"]
    statuses = Counter(documents.column("status").to_pylist())
    run_row = {
        "run_id": run_id,
        "started_at": datetime.fromisoformat(info["started_at"]) if "started_at" in info else datetime.now(timezone.utc),
        "finished_at": datetime.now(timezone.utc),
        "status": "success",
        "code_version": __version__,
        "documents_seen": documents.num_rows,
        "documents_loaded": statuses["loaded"],
        "documents_skipped": statuses["duplicate"],
        "documents_rejected": statuses["rejected"],
    }
    publish(settings, tables, run_row)
    shutil.rmtree(settings.staging_dir(run_id), ignore_errors=True)
    return _report(run_id, "success", tables)


def discard_stage(settings: Settings, run_id: str) -> None:
    """Forget a run that will not be published."""
    shutil.rmtree(settings.staging_dir(run_id), ignore_errors=True)


def _report(run_id: str, status: str, tables: dict[str, pa.Table], failures: list[str] | None = None) -> RunReport:
    documents = tables["documents"].to_pylist()
    findings = Counter(tables["dq_findings"].column("check").to_pylist()) if "dq_findings" in tables else Counter()
    rejected = [(doc["source"], doc["reject_reason"]) for doc in documents if doc["status"] == "rejected"]
    rows = {name: table.num_rows for name, table in tables.items()}
    return RunReport(run_id, status, rows, dict(findings), rejected, failures or [])


def run(settings: Settings, progress: Progress | None = None) -> RunReport:
    """The whole flow in one process: the `etl run` command."""
    run_id = new_run_id()
    try:
        extract_stage(settings, run_id)
        transform_stage(settings, run_id, progress=progress)
        validate_stage(settings, run_id)
    except DataQualityError as error:
        tables = {name: read_stage_table(settings, run_id, name) for name in ("documents", "dq_findings", *FACT_TABLES)}
        discard_stage(settings, run_id)
        return _report(run_id, "failed", tables, error.failures)
    except BaseException:
        discard_stage(settings, run_id)
        raise
    return load_stage(settings, run_id)
