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

import logging
import multiprocessing
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

import pyarrow.parquet as pq

from etl import __version__, staging
from etl.errors import CheckFailure, DataQualityError, EtlError, UsageError, WarehouseBusyError
from etl.load.remote import upload_version, writing
from etl.schema import FACT_TABLES, SCHEMA_CHANGES, SCHEMA_VERSION, TABLES
from etl.settings import Settings
from etl.staging import RUN_TIME_FORMAT, RunPlan

# Every stage says what it read, did and wrote, and how long it took (Airflow keeps it as the task's log;
# `etl run --verbose` shows it).
log = logging.getLogger(__name__)

# A staged run driven stage by stage (the DAG) whose staging is untouched this long was abandoned.
STAGED_RUN_TTL_SECONDS = 24 * 3600
# In a published version: the fingerprint of the checks that validated it (etl.quality.stage.validation_fingerprint).
VALIDATION_FILE = "validation.txt"
# Airflow's dynamic task mapping allows 1024 mapped tasks by default: shards grow before there are more.
MAX_SHARDS = 1024


@contextmanager
def _logged(stage: str, run_id: str) -> Iterator[None]:
    """Log a stage's start, and its end with how long it took."""
    started = time.monotonic()
    log.info("%s: run %s starts", stage, run_id)
    yield
    log.info("%s: run %s done in %.1f s", stage, run_id, time.monotonic() - started)


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
    failures: list[CheckFailure] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)
    # Why this run rebuilt the warehouse instead of adding to it: one line per schema version it upgraded across.
    upgrades: list[str] = field(default_factory=list)


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
    return made.strftime(RUN_TIME_FORMAT) + "-" + uuid.uuid4().hex[:8]


def check_paths(settings: Settings) -> None:
    """Fail early, with the fix, on a seeds folder that is not there or a severity policy naming no check."""
    from etl.quality import severity_policy

    if not settings.seeds.is_dir():
        raise UsageError(f"seeds folder {str(settings.seeds)!r} does not exist or is not a folder: pass --seeds DIR or set ETL_SEEDS")
    severity_policy(settings)


def extract_stage(settings: Settings, run_id: str, whole_run: bool = False) -> str:
    """Read every input; stage the warehouse's documents and blocks after this run, and which documents need the NLP."""
    from etl.extract.stage import Published, extract
    from etl.load.state import state_paths
    from etl.load.versions import current_version, ensure_links, prune_versions, published_root, schema_version

    check_paths(settings)
    with writing(settings), _logged("extract", run_id):
        prune_versions(settings)
        ensure_links(settings.warehouse)
        _clean_staging(settings, keep=run_id)
        base = current_version(settings.warehouse)
        root = published_root(settings, base)
        published_schema = schema_version(root) if root is not None else SCHEMA_VERSION
        older = published_schema if published_schema < SCHEMA_VERSION else None
        state = None if settings.full_refresh or older else state_paths(root)
        started = datetime.now(UTC).isoformat()
        plan = RunPlan(started, base, incremental=state is not None, whole_run=whole_run, upgraded_from=older)
        plan = staging.write_plan(settings, run_id, plan)
        published = Published(_published_file(root, "documents"), _published_file(root, "blocks"), state) if state else Published()
        extracted = extract(settings, run_id, published)
        staging.write_plan(settings, run_id, replace(plan, todo=extracted.todo, inputs=extracted.inputs, unchanged=extracted.unchanged))
        inputs = extracted.inputs
        log.info(
            "extract: read %d inputs from %s: %d new or changed, %d unchanged, %d duplicate, %d rejected; %s",
            inputs.read,
            settings.seeds,
            inputs.processed,
            inputs.unchanged,
            inputs.duplicate,
            len(inputs.rejected),
            f"upgrading a schema {older} warehouse" if older else ("incremental" if state else "from scratch"),
        )
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
        sizes = staging.read_plan(settings, run_id).shards
        if progress:
            progress.start(sum(sizes))
        if settings.workers <= 1 or len(shards) <= 1:
            for shard in shards:
                transform_shard(settings, run_id, shard, progress)
        else:
            with nullcontext(pool) if pool is not None else worker_pool(settings) as workers:
                assert workers is not None, "worker_pool makes a pool for more than one worker"
                _transform_shards_in_parallel(workers, settings, run_id, shards, progress, list(sizes))
        return merge_stage(settings, run_id)


def plan_shards(settings: Settings, run_id: str, local_workers: int = 0) -> list[int]:
    """Split the documents that need the NLP into shards, each staged in its own folder; return the shard numbers
    (for Airflow's task mapping). See etl.transform.stage.shard_size for how big a shard is."""
    from etl.transform import stage

    todo = list(staging.read_plan(settings, run_id).todo)
    size = stage.shard_size(settings, len(todo), local_workers, MAX_SHARDS)
    sizes = stage.stage_shard_inputs(settings, run_id, todo, size)
    staging.update_plan(settings, run_id, shards=tuple(sizes))
    log.info("plan: %d documents for the language model in %d shard(s) of up to %d", len(todo), len(sizes), size)
    return list(range(len(sizes)))


def transform_shard(settings: Settings, run_id: str, shard: int, progress: Progress | None = None) -> str:
    """One shard's documents through the transform; its facts become the shard's parts.

    Takes no lock: a shard writes only its own folder of this run's staging, so shards run side by
    side, in worker processes or as mapped Airflow tasks on other machines. A retried shard overwrites its parts.
    """
    from etl.transform.stage import transform_shard as run_shard

    with _logged(f"transform shard {shard}", run_id):
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
    from etl.load.state import state_paths
    from etl.load.versions import published_root
    from etl.schema import STATE_SCHEMAS
    from etl.transform.stage import merge, published_state_stands

    with writing(settings), _logged("merge", run_id):
        plan = staging.read_plan(settings, run_id)
        root = published_root(settings, plan.base) if plan.incremental else None
        state = state_paths(root)
        if state is not None and published_state_stands(settings, run_id, list(plan.todo), state):
            for name in FACT_TABLES:  # nothing new: the published facts stand as they are
                staging.put_file(settings, run_id, name, _published_file(root, name))
            for name in STATE_SCHEMAS:
                if name not in ("signatures", "block_keys"):  # those the extract staged
                    staging.put_file(settings, run_id, staging.state_name(name), state[name])
            log.info("merge: nothing new; the published facts stand")
            return staging.location(settings, run_id)
        merge(settings, run_id, len(plan.shards), list(plan.todo), state)
    return staging.location(settings, run_id)


def validate_stage(settings: Settings, run_id: str) -> str:
    """Findings and expectation suites over the warehouse as this run leaves it; raise if an error-severity check fails."""
    from etl.load.versions import published_root
    from etl.quality.stage import validate, validation_fingerprint

    with writing(settings), _logged("validate", run_id):
        plan = staging.read_plan(settings, run_id)
        root = published_root(settings, plan.base) if plan.incremental else None
        fingerprint = validation_fingerprint(settings)
        published_findings = _published_file(root, "dq_findings") if root is not None else None
        if plan.unchanged and root is not None and _published_fingerprint(root) == fingerprint:
            # the same tables checked the same way: the published findings and data docs stand
            staging.put_file(settings, run_id, "dq_findings", published_findings)
            staging.update_plan(settings, run_id, failures=(), validated_with=fingerprint)
            log.info("validate: the same tables checked the same way: the published findings stand")
            return staging.location(settings, run_id)
        failures = validate(settings, run_id, published_findings)
        log.info("validate: %d error-severity check(s) failed", len(failures))
        staging.update_plan(settings, run_id, failures=tuple(failure.to_dict() for failure in failures), validated_with=fingerprint)
    if failures:
        raise DataQualityError(failures)
    return staging.location(settings, run_id)


def _published_fingerprint(root) -> str | None:
    path = root / VALIDATION_FILE
    return path.read_text().strip() if path.exists() else None


def load_stage(settings: Settings, run_id: str) -> RunReport:
    """Publish the staged tables as the warehouse's new version, with a `runs` row; then drop the staging."""
    from etl.load.publish import publish
    from etl.load.versions import current_version
    from etl.schema import STATE_SCHEMAS

    with writing(settings), _logged("load", run_id):
        if current_version(settings.warehouse) == run_id:
            log.info("load: run %s is already published (a retry after a publish that succeeded): nothing to do", run_id)
            return _published_report(settings, run_id)
        plan = staging.read_plan(settings, run_id)
        if plan.failures:
            raise DataQualityError([CheckFailure.from_dict(failure) for failure in plan.failures])
        published = current_version(settings.warehouse)
        if published != plan.base:
            raise WarehouseBusyError(f"run {published} was published after run {run_id} started from {plan.base}: start a new run")
        tables = {name: staging.url(settings, run_id, name) for name in TABLES if name != "runs"}
        state = {name: staging.url(settings, run_id, staging.state_name(name)) for name in STATE_SCHEMAS}
        inputs = plan.inputs
        run_row = {
            "run_id": run_id,
            "started_at": datetime.fromisoformat(plan.started_at),
            "finished_at": datetime.now(UTC),
            "status": "success",
            "code_version": __version__,
            "documents_seen": inputs.read,
            "documents_loaded": inputs.processed,
            "documents_skipped": inputs.unchanged + inputs.duplicate,
            "documents_rejected": len(inputs.rejected),
        }
        counts = _staged_counts(settings, run_id, [name for name in TABLES if name != "runs"])
        folder = publish(settings, tables, run_row, state, extra_files={VALIDATION_FILE: plan.validated_with})
        counts["runs"] = _row_count(str(_published_file(folder, "runs")))
        staging.remove(settings, run_id)
        _upload(settings, run_id)
        log.info("load: published version %s at %s: %s", run_id, settings.warehouse, ", ".join(f"{n} {c}" for n, c in counts.items()))
    return _report(run_id, "success", counts, plan)


def _published_report(settings: Settings, run_id: str) -> RunReport:
    """The summary of a run that is the published version: its rows per table, from the Parquet footers."""
    rows = {name: _row_count(str(_published_file(settings.warehouse, name))) for name in TABLES}
    return RunReport(run_id, "success", rows)


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
                    f"SELECT check_name, count(*) FROM {parquet(staging.url(settings, run_id, 'dq_findings'))} GROUP BY ALL ORDER BY 1"
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
    for run_id, plan in staging.staged_runs(settings).items():
        if run_id == keep:
            continue
        if plan is None or plan.whole_run or time.time() - plan.touched_at > STAGED_RUN_TTL_SECONDS:
            staging.remove(settings, run_id)


def _report(run_id: str, status: str, counts: dict, plan: RunPlan, failures: list[CheckFailure] | None = None) -> RunReport:
    rows = {name: count for name, count in counts.items() if name != "findings"}
    inputs = plan.inputs
    documents = {**asdict(inputs), "rejected": len(inputs.rejected)}
    upgrades = [f"schema version {version}: {SCHEMA_CHANGES[version]}" for version in _versions_after(plan.upgraded_from)]
    return RunReport(run_id, status, rows, counts.get("findings", {}), list(inputs.rejected), failures or [], documents, upgrades)


def _versions_after(version: int | None) -> list[int]:
    """The schema versions a warehouse at `version` upgrades across to reach the code's."""
    return [] if version is None else [number for number in sorted(SCHEMA_CHANGES) if version < number <= SCHEMA_VERSION]


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
            plan = staging.read_plan(settings, run_id)
            discard_stage(settings, run_id)
            return _report(run_id, "failed", counts, plan, error.failures)
        except BaseException:
            discard_stage(settings, run_id)
            raise
        return load_stage(settings, run_id)
