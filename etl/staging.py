"""A run's staging area: the tables, run info and shard parts its stages hand each other.

It lives under `<warehouse>/_staging/<run_id>/` or under any fsspec URL (`ETL_STAGING`:
`s3://bucket/newsetl/staging`, `gs://...`, `memory://...`), so mapped Airflow tasks on other
machines read and write the same run. Only the published warehouse (Parquet versions, DuckDB file,
lock) has to be on the disk of the machine that loads it.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, replace

import pyarrow as pa
import pyarrow.parquet as pq

from etl.errors import EtlError
from etl.settings import Settings
from etl.storage import filesystem

# The run plan, in the run's staging folder.
RUN_INFO = "run.json"
# The time a run id starts with (etl.pipeline.new_run_id: 20260101T120000.123456Z-1f2e3d4c), in UTC.
RUN_TIME_FORMAT = "%Y%m%dT%H%M%S.%fZ"


# Names of the tables in a run's staging (besides the warehouse's tables, staged under their own names):
def state_name(name: str) -> str:
    """The staged table of one incremental-state table (etl.schema.STATE_SCHEMAS), written by extract and the merge."""
    return f"state_{name}"


def shard_part(shard: int, name: str) -> str:
    """One shard's table: its inputs (`input_documents`, `input_blocks`) or its facts (etl.schema.SHARD_TABLES)."""
    return f"shards/{shard:04d}/{name}"


def _root(settings: Settings) -> tuple:
    """The filesystem and the folder every run's staging sits in."""
    return filesystem(settings.staging or str(settings.warehouse / "_staging"), settings.storage_conn_id)


def location(settings: Settings, run_id: str) -> str:
    """Where this run's staging is, as a path or URL to show people."""
    return f"{settings.staging.rstrip('/')}/{run_id}" if settings.staging else str(settings.warehouse / "_staging" / run_id)


def url(settings: Settings, run_id: str, name: str) -> str:
    """Where a staged table is, as DuckDB reads it: a local path, or a URL of a filesystem etl.sql registers."""
    fs, root = _root(settings)
    path = f"{root}/{run_id}/{name}.parquet"
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return path if protocol in ("file", "local") else f"{protocol}://{path.lstrip('/')}"


def parts(settings: Settings, run_id: str, pattern: str) -> list[str]:
    """URLs of the staged tables whose names match a glob (`shards/*/events`), in name order."""
    fs, root = _root(settings)
    prefix = f"{root}/{run_id}/"
    found = sorted(path for path in fs.glob(f"{prefix}{pattern}.parquet"))
    return [url(settings, run_id, path[path.index(prefix) + len(prefix) : -len(".parquet")]) for path in found]


def write_batches(settings: Settings, run_id: str, name: str, schema: pa.Schema, batches) -> int:
    """Stage one table from a stream of record batches; return its row count."""
    from etl.sql import write

    fs, root = _root(settings)
    path = f"{root}/{run_id}/{name}.parquet"
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(path, "wb") as handle:
        return write(handle, schema, batches)


def write_table(settings: Settings, run_id: str, name: str, table: pa.Table) -> None:
    """Stage one table (`name` may hold a folder, e.g. `shards/0003/events`); a rewrite replaces it."""
    fs, root = _root(settings)
    path = f"{root}/{run_id}/{name}.parquet"
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    with fs.open(path, "wb") as handle:
        pq.write_table(table, handle)


def read_table(settings: Settings, run_id: str, name: str, schema: pa.Schema) -> pa.Table:
    """A staged table, or an empty one when the stage wrote none."""
    fs, root = _root(settings)
    path = f"{root}/{run_id}/{name}.parquet"
    if not fs.exists(path):
        return schema.empty_table()
    with fs.open(path, "rb") as handle:
        return pq.read_table(handle, schema=schema)


def put_file(settings: Settings, run_id: str, name: str, source) -> None:
    """Stage a table by copying a Parquet file as it is (a published table that stands unchanged)."""
    fs, root = _root(settings)
    path = f"{root}/{run_id}/{name}.parquet"
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    fs.put_file(str(source), path)


def has_table(settings: Settings, run_id: str, name: str) -> bool:
    fs, root = _root(settings)
    return fs.exists(f"{root}/{run_id}/{name}.parquet")


@dataclass(frozen=True)
class InputCounts:
    """What happened to a run's inputs: read, processed by the NLP, unchanged since the last run, repeats, rejected."""

    read: int = 0
    processed: int = 0
    unchanged: int = 0
    duplicate: int = 0
    # (source, reason) of every rejected input, in input order.
    rejected: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RunPlan:
    """What a run's stages decided and the later stages read, kept as `run.json` in its staging.

    extract fills the first part, plan_shards `shards`, validate `failures` and `validated_with`; each
    stage of a DAG run reads it back by run id, so the tasks pass only ids between them.
    """

    started_at: str
    # The published version the run started from (None: nothing published yet); load refuses if it moved on.
    base: str | None
    # Kept documents' facts come from the base's incremental state (False: a full refresh or no state).
    incremental: bool
    # One process runs every stage (`etl run`): its staging is dropped by the next run if it died.
    whole_run: bool = False
    # The documents the NLP must process, in input order.
    todo: tuple[str, ...] = ()
    inputs: InputCounts = field(default_factory=InputCounts)
    # Documents and blocks are the published ones row for row (nothing new at all).
    unchanged: bool = False
    # Documents per shard of the transform.
    shards: tuple[int, ...] = ()
    # The error-severity failures of validate, as JSON-able records; a run with any is not published.
    failures: tuple = ()
    # The fingerprint of the checks that validated the staged tables (etl.quality.stage.validation_fingerprint).
    validated_with: str = ""
    # The schema version of the published warehouse when it is older than the code's (etl.schema.SCHEMA_VERSION):
    # this run rebuilds every table from the seeds instead of reusing what is published.
    upgraded_from: int | None = None
    # When a stage last wrote the plan (seconds since the epoch): abandoned staging is cleaned up.
    touched_at: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | bytes) -> RunPlan:
        fields = json.loads(text)
        inputs = fields.pop("inputs", None) or {}
        rejected = tuple(tuple(pair) for pair in inputs.pop("rejected", ()))
        return cls(
            **{
                **fields,
                "todo": tuple(fields.get("todo", ())),
                "shards": tuple(fields.get("shards", ())),
                "failures": tuple(fields.get("failures", ())),
                "inputs": InputCounts(**inputs, rejected=rejected),
            }
        )


def write_plan(settings: Settings, run_id: str, plan: RunPlan) -> RunPlan:
    """Record the run's plan (stamped with the time it was written); return it as recorded."""
    fs, root = _root(settings)
    stamped = replace(plan, touched_at=time.time())
    fs.makedirs(f"{root}/{run_id}", exist_ok=True)
    fs.pipe_file(f"{root}/{run_id}/{RUN_INFO}", stamped.to_json().encode())
    return stamped


def update_plan(settings: Settings, run_id: str, **changes) -> RunPlan:
    """Change some fields of the run's recorded plan."""
    return write_plan(settings, run_id, replace(read_plan(settings, run_id), **changes))


def read_plan(settings: Settings, run_id: str) -> RunPlan:
    """What earlier stages recorded; a run whose staging is gone cannot go on."""
    fs, root = _root(settings)
    path = f"{root}/{run_id}/{RUN_INFO}"
    if not fs.exists(path):
        raise EtlError(
            f"the staging of run {run_id} ({location(settings, run_id)}) is gone (discarded, or cleaned up as abandoned): start a new run"
        )
    return RunPlan.from_json(fs.cat_file(path))


def remove(settings: Settings, run_id: str) -> None:
    """Forget a run's staging."""
    fs, root = _root(settings)
    if fs.exists(f"{root}/{run_id}"):
        fs.rm(f"{root}/{run_id}", recursive=True)


def staged_runs(settings: Settings) -> dict[str, RunPlan | None]:
    """Every run with a staging folder, with its plan (None when unreadable: the run died early)."""
    fs, root = _root(settings)
    if not fs.isdir(root):
        return {}
    runs: dict[str, RunPlan | None] = {}
    for folder in fs.ls(root, detail=False):
        run_id = folder.rstrip("/").rsplit("/", 1)[-1]
        try:
            runs[run_id] = RunPlan.from_json(fs.cat_file(f"{folder}/{RUN_INFO}"))
        except (OSError, ValueError, TypeError):
            runs[run_id] = None
    return runs


class RowWriter:
    """Stage one table from rows added one at a time, written to Parquet in batches."""

    def __init__(self, settings: Settings, run_id: str, name: str, schema: pa.Schema, batch_rows: int = 2000):
        self.settings, self.run_id, self.name, self.schema, self.batch_rows = settings, run_id, name, schema, batch_rows
        self.pending: list[dict] = []
        self.count = 0

    def __enter__(self) -> RowWriter:
        fs, root = _root(self.settings)
        path = f"{root}/{self.run_id}/{self.name}.parquet"
        fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        self.handle = fs.open(path, "wb")
        self.writer = pq.ParquetWriter(self.handle, self.schema)
        return self

    def add(self, row: dict) -> None:
        self.pending.append(row)
        if len(self.pending) >= self.batch_rows:
            self.flush()

    def extend(self, rows) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if self.pending:
            self.writer.write_table(pa.Table.from_pylist(self.pending, schema=self.schema))
            self.count += len(self.pending)
            self.pending = []

    def __exit__(self, kind, error, traceback) -> None:
        try:
            if kind is None:
                self.flush()
            self.writer.close()
        finally:
            self.handle.close()
