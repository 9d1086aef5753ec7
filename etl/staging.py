"""A run's staging area: the tables, run info and shard parts its stages hand each other.

It lives under `<warehouse>/_staging/<run_id>/` or under any fsspec URL (`ETL_STAGING`:
`s3://bucket/newsetl/staging`, `gs://...`, `memory://...`), so mapped Airflow tasks on other
machines read and write the same run. Only the published warehouse (Parquet versions, DuckDB file,
lock) has to be on the disk of the machine that loads it.
"""

from __future__ import annotations

import json
import time

import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.core import url_to_fs

from etl.errors import EtlError
from etl.settings import Settings

RUN_INFO = "run.json"


def _root(settings: Settings) -> tuple:
    """The filesystem and the folder every run's staging sits in."""
    return url_to_fs(settings.staging or str(settings.warehouse / "_staging"))


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


def write_info(settings: Settings, run_id: str, info: dict) -> None:
    """Add to what the run's stages recorded (and when they last did)."""
    fs, root = _root(settings)
    path = f"{root}/{run_id}/{RUN_INFO}"
    current = json.loads(fs.cat_file(path)) if fs.exists(path) else {}
    fs.makedirs(f"{root}/{run_id}", exist_ok=True)
    fs.pipe_file(path, json.dumps({**current, **info, "touched_at": time.time()}).encode())


def read_info(settings: Settings, run_id: str) -> dict:
    """What earlier stages recorded; a run whose staging is gone cannot go on."""
    fs, root = _root(settings)
    path = f"{root}/{run_id}/{RUN_INFO}"
    if not fs.exists(path):
        raise EtlError(
            f"the staging of run {run_id} ({location(settings, run_id)}) is gone (discarded, or cleaned up as abandoned): start a new run"
        )
    return json.loads(fs.cat_file(path))


def remove(settings: Settings, run_id: str) -> None:
    """Forget a run's staging."""
    fs, root = _root(settings)
    if fs.exists(f"{root}/{run_id}"):
        fs.rm(f"{root}/{run_id}", recursive=True)


def staged_runs(settings: Settings) -> dict[str, dict | None]:
    """Every run with a staging folder, with its run info (None when unreadable: the run died early)."""
    fs, root = _root(settings)
    if not fs.isdir(root):
        return {}
    runs: dict[str, dict | None] = {}
    for folder in fs.ls(root, detail=False):
        run_id = folder.rstrip("/").rsplit("/", 1)[-1]
        try:
            runs[run_id] = json.loads(fs.cat_file(f"{folder}/{RUN_INFO}"))
        except (OSError, ValueError):
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
