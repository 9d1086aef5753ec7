"""run(settings) -> RunReport: extract, transform, quality, load; each stage callable alone.

Stages hand each other a staging folder (`warehouse/_staging/<run_id>/<table>.parquet`), so the
CLI calls them in one process and the Airflow DAG calls them as separate tasks passing only ids.

Runs are incremental: the staged tables are the whole warehouse after this run. A document whose
text was processed before keeps its rows and facts and never reaches the language model; new and
changed documents are processed; a published document whose input file is gone stays.
`full_refresh` ignores what is published (bar the `runs` history) and rebuilds from the seeds.
Every stage holds the warehouse's writer lock, and load publishes a whole new version at once
(see etl/load/versions.py), so a run killed at any moment leaves the last published warehouse.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from etl import __version__, staging
from etl.errors import DataQualityError, EtlError, UsageError, WarehouseBusyError
from etl.load.remote import upload_version, writing
from etl.schema import FACT_TABLES, TABLES
from etl.settings import Settings

# A staged run driven stage by stage (the DAG) whose staging is untouched this long was abandoned.
STAGED_RUN_TTL_SECONDS = 24 * 3600
# In a published version: the fingerprint of the checks that validated it (see validation_fingerprint).
VALIDATION_FILE = "validation.txt"
# Airflow's dynamic task mapping allows 1024 mapped tasks by default: shards grow before there are more.
MAX_SHARDS = 1024


class Progress(Protocol):
    """What long stages report to: the CLI shows it as a progress bar."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


@dataclass
class RunReport:
    """What one run did: rows per table, findings per check, what happened to its inputs, and its outcome."""

    run_id: str
    status: str
    rows: dict[str, int] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)


_last_run_time = datetime.min.replace(tzinfo=UTC)
_run_time_lock = threading.Lock()


def new_run_id() -> str:
    """A unique id for one run that sorts by creation time: UTC to the microsecond plus a random suffix.

    E.g. 20260101T120000.123456Z-1f2e3d4c. Ids made in one process sort in the order they were made
    (a time not after the last one is moved a microsecond past it); the suffix keeps ids made at the
    same moment by other processes or machines apart.
    """
    global _last_run_time
    with _run_time_lock:
        _last_run_time = max(datetime.now(UTC), _last_run_time + timedelta(microseconds=1))
        made = _last_run_time
    return made.strftime("%Y%m%dT%H%M%S.%fZ") + "-" + uuid.uuid4().hex[:8]


def check_paths(settings: Settings) -> None:
    """Fail early, with the fix, on a seeds folder that is not there."""
    if not settings.seeds.is_dir():
        raise UsageError(f"seeds folder {str(settings.seeds)!r} does not exist or is not a folder: pass --seeds DIR or set ETL_SEEDS")


def read_stage_table(settings: Settings, run_id: str, name: str, schema: pa.Schema | None = None) -> pa.Table:
    return staging.read_table(settings, run_id, name, schema or TABLES[name])


def extract_stage(settings: Settings, run_id: str, whole_run: bool = False) -> str:
    """Read every input; stage the warehouse's documents and blocks after this run, and which documents need the NLP."""
    from etl.extract.stage import Published, extract
    from etl.load.state import state_paths
    from etl.load.versions import current_version, ensure_links, prune_versions, published_root

    check_paths(settings)
    with writing(settings):
        prune_versions(settings)
        ensure_links(settings.warehouse)
        _clean_staging(settings, keep=run_id)
        base = current_version(settings.warehouse)
        root = published_root(settings, base)
        state = None if settings.full_refresh else state_paths(root)
        started = datetime.now(UTC).isoformat()
        staging.write_info(
            settings, run_id, {"started_at": started, "base": base, "incremental": state is not None, "whole_run": whole_run}
        )
        published = Published(_published_file(root, "documents"), _published_file(root, "blocks"), state) if state else Published()
        staging.write_info(settings, run_id, extract(settings, run_id, published))
    return staging.location(settings, run_id)


def _published_file(root, name: str):
    """The Parquet file of one published table."""
    from etl.load.parquet import PART_NAME

    return root / "parquet" / name / PART_NAME


def transform_stage(settings: Settings, run_id: str, progress: Progress | None = None, pool: ProcessPoolExecutor | None = None) -> str:
    """Facts of the new and changed documents through the NLP, shard by shard (`settings.workers` at once, in
    `pool` if one is given), then merged."""
    with writing(settings):
        shards = plan_shards(settings, run_id, local_workers=settings.workers)
        sizes = staging.read_info(settings, run_id)["shards"]
        if progress:
            progress.start(sum(sizes))
        if settings.workers <= 1 or len(shards) <= 1:
            for shard in shards:
                transform_shard(settings, run_id, shard, progress)
        else:
            with nullcontext(pool) if pool is not None else worker_pool(settings) as workers:
                _transform_shards_in_parallel(workers, settings, run_id, shards, progress, sizes)
        return merge_stage(settings, run_id)


def plan_shards(settings: Settings, run_id: str, local_workers: int = 0) -> list[int]:
    """Split the documents that need the NLP into shards, each staged in its own folder; return the shard numbers
    (for Airflow's task mapping). See etl.transform.stage.shard_size for how big a shard is."""
    from etl.transform import stage

    todo = staging.read_info(settings, run_id)["todo"]
    size = stage.shard_size(settings, len(todo), local_workers, MAX_SHARDS)
    sizes = stage.stage_shard_inputs(settings, run_id, todo, size)
    staging.write_info(settings, run_id, {"shards": sizes})
    return list(range(len(sizes)))


def transform_shard(settings: Settings, run_id: str, shard: int, progress: Progress | None = None) -> str:
    """One shard's documents through the transform; its facts become the shard's parts.

    Takes no lock: a shard writes only its own folder of this run's staging, so shards run side by
    side, in worker processes or as mapped Airflow tasks on other machines. A retried shard overwrites its parts.
    """
    from etl.transform.stage import transform_shard as run_shard

    return run_shard(settings, run_id, shard, progress)


@contextmanager
def worker_pool(settings: Settings) -> Iterator[ProcessPoolExecutor | None]:
    """`settings.workers` processes that start loading the model at once, so that they load it while this process
    reads the inputs; None for one worker. Leaving the block waits for them to stop."""
    if settings.workers <= 1:
        yield None
        return
    context = multiprocessing.get_context("spawn")  # a fork would copy the lock, threads and model state of this process
    with ProcessPoolExecutor(
        max_workers=settings.workers, mp_context=context, initializer=_load_model, initargs=(settings.spacy_model,)
    ) as pool:
        pool.submit(int)  # the first task starts every worker
        yield pool


def _load_model(model_name: str) -> None:
    """A worker's first step: the model built and kept. A model that fails to load fails the worker's first shard,
    with its own message, instead of breaking the pool."""
    from etl.transform.nlp import build_nlp

    try:
        build_nlp(model_name)
    except Exception:
        pass


def _transform_shards_in_parallel(
    pool: ProcessPoolExecutor, settings: Settings, run_id: str, shards: list[int], progress: Progress | None, sizes: list[int]
) -> None:
    """Shards over the pool's processes (each loads the model once); the first failure stops the rest."""
    pending = {pool.submit(transform_shard, settings, run_id, shard): shard for shard in shards}
    try:
        for finished in as_completed(pending):
            finished.result()
            if progress:
                progress.advance(sizes[pending[finished]])
    except BaseException:
        for future in pending:
            future.cancel()
        raise


def merge_stage(settings: Settings, run_id: str) -> str:
    """Every shard's facts with the kept documents' facts: the fact tables and state after this run."""
    from etl.load.state import STATE_SCHEMAS, state_paths
    from etl.load.versions import published_root
    from etl.transform.stage import merge, published_state_stands

    with writing(settings):
        info = staging.read_info(settings, run_id)
        root = published_root(settings, info["base"]) if info["incremental"] else None
        state = state_paths(root)
        if published_state_stands(settings, run_id, info["todo"], state):
            for name in FACT_TABLES:  # nothing new: the published facts stand as they are
                staging.put_file(settings, run_id, name, _published_file(root, name))
            for name in STATE_SCHEMAS:
                if name not in ("signatures", "block_keys"):  # those the extract staged
                    staging.put_file(settings, run_id, f"state_{name}", state[name])
            return staging.location(settings, run_id)
        merge(settings, run_id, len(info["shards"]), info["todo"], state)
    return staging.location(settings, run_id)


def validate_stage(settings: Settings, run_id: str) -> str:
    """Findings and expectation suites over the warehouse as this run leaves it; raise if an error-severity check fails."""
    from etl.load.merge import carry_first_seen
    from etl.load.versions import published_root
    from etl.quality import assess
    from etl.sql import batches, connect, parquet, view

    with writing(settings):
        info = staging.read_info(settings, run_id)
        root = published_root(settings, info["base"]) if info["incremental"] else None
        fingerprint = validation_fingerprint(settings)
        published_findings = _published_file(root, "dq_findings") if root is not None else None
        if info.get("unchanged") and root is not None and _published_fingerprint(root) == fingerprint:
            # the same tables checked the same way: the published findings and data docs stand
            staging.put_file(settings, run_id, "dq_findings", published_findings)
            staging.write_info(settings, run_id, {"failures": [], "validated_with": fingerprint})
            return staging.location(settings, run_id)
        with connect(settings) as connection:
            for name in TABLES:
                if name in ("dq_findings", "runs"):
                    view(connection, name, TABLES[name].empty_table())
                else:
                    view(connection, name, parquet(staging.url(settings, run_id, name)))
            with staging.RowWriter(settings, run_id, "new_findings", NEW_FINDINGS) as writer:
                _, failures = assess(connection, settings, run_id, sink=_Numbered(writer))
            view(connection, "new_findings", parquet(staging.url(settings, run_id, "new_findings")))
            has_published = published_findings is not None and published_findings.is_file()
            view(
                connection, "published_findings", parquet(str(published_findings)) if has_published else TABLES["dq_findings"].empty_table()
            )
            carry_first_seen(connection)
            schema = TABLES["dq_findings"]
            staging.write_batches(
                settings, run_id, "dq_findings", schema, batches(connection, "SELECT * FROM findings_kept_first", schema=schema)
            )
        staging.write_info(settings, run_id, {"failures": failures, "validated_with": fingerprint})
    if failures:
        raise DataQualityError(failures)
    return staging.location(settings, run_id)


# Findings as assess writes them, numbered in the order found.
NEW_FINDINGS = TABLES["dq_findings"].append(pa.field("ordinal", pa.int64(), False))


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
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256(__version__.encode())
    for setting in (settings.severity, settings.near_duplicate_threshold, settings.boilerplate_min_documents, settings.story_window_hours):
        digest.update(repr(setting).encode())
    package = Path(__file__).parent
    checks = [*(package / "quality").glob("*.py"), *(package / "quality").glob("data/*"), package / "sql.py", package / "schema.py"]
    for path in sorted([*checks, *settings.expectations.glob("*.json")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _published_fingerprint(root) -> str | None:
    path = root / VALIDATION_FILE
    return path.read_text().strip() if path.exists() else None


def load_stage(settings: Settings, run_id: str) -> RunReport:
    """Publish the staged tables as the warehouse's new version, with a `runs` row; then drop the staging."""
    from etl.load.publish import publish
    from etl.load.state import STATE_SCHEMAS
    from etl.load.versions import current_version

    with writing(settings):
        info = staging.read_info(settings, run_id)
        if info.get("failures"):
            raise DataQualityError(info["failures"])
        published = current_version(settings.warehouse)
        if published != info["base"]:
            raise WarehouseBusyError(f"run {published} was published after run {run_id} started from {info['base']}: start a new run")
        tables = {name: staging.url(settings, run_id, name) for name in TABLES if name != "runs"}
        state = {name: staging.url(settings, run_id, f"state_{name}") for name in STATE_SCHEMAS}
        inputs = info["inputs"]
        run_row = {
            "run_id": run_id,
            "started_at": datetime.fromisoformat(info["started_at"]),
            "finished_at": datetime.now(UTC),
            "status": "success",
            "code_version": __version__,
            "documents_seen": inputs["read"],
            "documents_loaded": inputs["processed"],
            "documents_skipped": inputs["unchanged"] + inputs["duplicate"],
            "documents_rejected": len(inputs["rejected"]),
        }
        counts = _staged_counts(settings, run_id, [name for name in TABLES if name != "runs"])
        folder = publish(settings, tables, run_row, state, extra_files={VALIDATION_FILE: info.get("validated_with", "")})
        counts["runs"] = _row_count(str(folder / "parquet" / "runs" / "part-0.parquet"))
        staging.remove(settings, run_id)
        _upload(settings, run_id)
    return _report(run_id, "success", counts, info)


def _upload(settings: Settings, run_id: str) -> None:
    """Publish the new version at the warehouse's URL, if it has one; a failed upload is finished by the next run."""
    try:
        upload_version(settings, run_id)
    except OSError as error:
        raise EtlError(
            f"run {run_id} is published in the local copy {str(settings.warehouse)!r} but its upload to {settings.warehouse_url} failed "
            f"({error}); the next run against that URL uploads it first"
        ) from error


def _staged_counts(settings: Settings, run_id: str, names: list[str]) -> dict:
    """Rows per staged table (from the Parquet footers), and findings per check under the key `findings`."""
    from etl.sql import connect, parquet

    counts: dict = {
        name: _row_count(staging.url(settings, run_id, name)) if staging.has_table(settings, run_id, name) else 0 for name in names
    }
    if "dq_findings" in names and staging.has_table(settings, run_id, "dq_findings"):
        with connect(settings) as connection:
            counts["findings"] = dict(
                connection.execute(
                    f'SELECT "check", count(*) FROM {parquet(staging.url(settings, run_id, "dq_findings"))} GROUP BY ALL ORDER BY 1'
                ).fetchall()
            )
    return counts


def _row_count(location: str) -> int:
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(location)
    with fs.open(path, "rb") as handle:
        return pq.ParquetFile(handle).metadata.num_rows


def discard_stage(settings: Settings, run_id: str) -> None:
    """Forget a run that will not be published."""
    staging.remove(settings, run_id)


def _clean_staging(settings: Settings, keep: str) -> None:
    """Drop staging of runs that died: one-process runs (their writer held this lock) and long-abandoned staged runs."""
    for run_id, info in staging.staged_runs(settings).items():
        if run_id == keep:
            continue
        abandoned = info is None or time.time() - info.get("touched_at", 0) > STAGED_RUN_TTL_SECONDS
        if abandoned or info.get("whole_run", True):
            staging.remove(settings, run_id)


def _report(run_id: str, status: str, counts: dict, info: dict, failures: list[str] | None = None) -> RunReport:
    rows = {name: count for name, count in counts.items() if name != "findings"}
    inputs = info.get("inputs", {})
    rejected = [(source, reason) for source, reason in inputs.get("rejected", [])]
    documents = {key: value for key, value in inputs.items() if key != "rejected"}
    if inputs:
        documents["rejected"] = len(rejected)
    return RunReport(run_id, status, rows, counts.get("findings", {}), rejected, failures or [], documents)


def run(settings: Settings, progress: Progress | None = None) -> RunReport:
    """The whole flow in one process, holding the warehouse's writer lock throughout: the `etl run` command."""
    run_id = new_run_id()
    check_paths(settings)
    with writing(settings):
        try:
            with worker_pool(settings) as pool:  # the workers load the model while extract reads
                extract_stage(settings, run_id, whole_run=True)
                transform_stage(settings, run_id, progress=progress, pool=pool)
            validate_stage(settings, run_id)
        except DataQualityError as error:
            counts = _staged_counts(settings, run_id, ["documents", "dq_findings", *FACT_TABLES])
            info = staging.read_info(settings, run_id)
            discard_stage(settings, run_id)
            return _report(run_id, "failed", counts, info, error.failures)
        except BaseException:
            discard_stage(settings, run_id)
            raise
        return load_stage(settings, run_id)
