"""news_etl: the newsetl pipeline as a daily DAG whose tasks hand each other a run id, never data.

extract -> plan -> transform (one mapped task per shard of new documents) -> merge -> validate
-> load, each a thin call into `etl.pipeline`. Shards write Parquet parts only; merge, validate and
load are single tasks, because actors merge across the corpus and DuckDB has one writer. The DAG params
`seeds` and `warehouse` override ETL_SEEDS/ETL_WAREHOUSE; left empty, the settings decide, and
the default relative folders are taken from the project root, not from Airflow's working dir. A
warehouse at a URL is opened with the Airflow connection `storage_conn_id` names (ObjectStoragePath).
A failed check stops the run before load, so nothing is published, and `discard` drops the staging.

`load` updates one Airflow Asset per published table (`newsetl_events`, ...), so other DAGs can be
scheduled on the tables (dags/news_tables_consumer.py is an example). `transform` tasks each load the
language model (about 0.5 GB): they run in the pool ETL_AIRFLOW_POOL (default `default_pool`; create one
with `airflow pools set newsetl_nlp 2 "spaCy shards"`) and at most ETL_AIRFLOW_SHARDS_AT_ONCE (default 2)
per DAG run. Every task has an execution timeout; a retried `load` after a publish that succeeded is a no-op.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from airflow.sdk import Asset, Param, TriggerRule, dag, task

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The package is normally pip-installed; this keeps a plain checkout working too.
if importlib.util.find_spec("etl") is None:
    sys.path.insert(0, str(PROJECT_ROOT))


# The tables `load` publishes, as Assets other DAGs can be scheduled on.
TABLE_NAMES = ("documents", "blocks", "actors", "actor_mentions", "event_mentions", "events", "quotes", "statistics", "dq_findings", "runs")
TABLE_ASSETS = [Asset(f"newsetl_{name}") for name in TABLE_NAMES]
NLP_POOL = os.environ.get("ETL_AIRFLOW_POOL", "default_pool")
SHARDS_AT_ONCE = int(os.environ.get("ETL_AIRFLOW_SHARDS_AT_ONCE", "2"))
# `@daily` unless ETL_AIRFLOW_SCHEDULE says otherwise (`none`: triggered runs only, so unpausing starts nothing).
SCHEDULE = (
    None if os.environ.get("ETL_AIRFLOW_SCHEDULE", "@daily").lower() in ("none", "") else os.environ.get("ETL_AIRFLOW_SCHEDULE", "@daily")
)
# Long enough for a large shard on a slow machine, short enough that a hung task does not hold a slot for a day.
TASK_TIMEOUT = timedelta(hours=3)


def _settings(params: dict | None):
    """Settings for this run: DAG params, else ETL_* env vars, else defaults under the project root."""
    from etl.settings import ENV_VARS, load_settings

    params = params or {}
    chosen = {name: (params.get(name) or "").strip() or None for name in ("seeds", "warehouse")}
    extra = {name: params.get(name) for name in ("full_refresh", "shard_size", "storage_conn_id") if params.get(name) not in (None, "")}
    settings = load_settings(**chosen, **extra)
    rooted = {
        name: PROJECT_ROOT / getattr(settings, name)
        for name, value in chosen.items()
        if value is None and not os.environ.get(ENV_VARS[name]) and not getattr(settings, name).is_absolute()
    }
    return settings.model_copy(update=rooted)


@contextmanager
def _failing_fast():
    """Run a stage; bad paths and failed checks fail the task at once instead of being retried."""
    try:
        yield
    except Exception as error:
        _fail_fast(error)
        raise


def _fail_fast(error: Exception) -> None:
    """Bad paths and failed checks fail the task at once: a retry would not fix them."""
    from airflow.sdk.exceptions import AirflowFailException

    from etl.errors import DataQualityError, UsageError

    if isinstance(error, (UsageError, DataQualityError)):
        raise AirflowFailException(str(error)) from error


@dag(
    dag_id="news_etl",
    schedule=SCHEDULE,
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,  # DuckDB has one writer
    default_args={
        # a transient failure surfaces within two minutes; bad paths and failed checks fail at once (_failing_fast)
        "retries": 2,
        "retry_delay": timedelta(seconds=20),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=2),
        "execution_timeout": TASK_TIMEOUT,
    },
    params={
        "seeds": Param(None, type=["null", "string"], description="Input folder; empty means ETL_SEEDS or seeds/"),
        "warehouse": Param(
            None, type=["null", "string"], description="Output folder or fsspec URL; empty means ETL_WAREHOUSE or warehouse/"
        ),
        "full_refresh": Param(
            None, type=["null", "boolean"], description="Rebuild every table from the seeds; empty means ETL_FULL_REFRESH or off"
        ),
        "storage_conn_id": Param(
            None,
            type=["null", "string"],
            description="Airflow connection that opens a warehouse or staging URL (s3://, gs://); "
            "empty means ETL_STORAGE_CONN_ID or the environment's credentials",
        ),
        "shard_size": Param(
            None, type=["null", "integer"], minimum=1, description="Documents per transform task; empty means ETL_SHARD_SIZE or 500"
        ),
    },
    tags=["newsetl"],
    doc_md=__doc__,
)
def news_etl():
    """News articles to validated Parquet and DuckDB tables."""

    @task
    def extract(params: dict | None = None) -> str:
        """Start a run: read every input into the run's staging folder and return the run id."""
        from etl.pipeline import discard_stage, extract_stage, new_run_id

        settings = _settings(params)
        etl_run_id = new_run_id()
        try:
            extract_stage(settings, etl_run_id)
        except Exception as error:
            discard_stage(settings, etl_run_id)  # a retry starts a new run id, so this staging is orphaned
            _fail_fast(error)
            raise
        return etl_run_id

    @task
    def plan(etl_run_id: str, params: dict | None = None) -> list[int]:
        """Split the documents that need the NLP into shards (ETL_SHARD_SIZE each); one mapped task per shard."""
        from etl.pipeline import plan_shards

        with _failing_fast():
            return plan_shards(_settings(params), etl_run_id)

    @task(map_index_template="shard {{ shard }}", pool=NLP_POOL, max_active_tis_per_dagrun=SHARDS_AT_ONCE)
    def transform(etl_run_id: str, shard: int, params: dict | None = None) -> str:
        """One shard's actors, mentions, events, quotes and statistics, as Parquet parts in the staging folder."""
        from airflow.sdk import get_current_context

        from etl.pipeline import transform_shard

        get_current_context()["shard"] = shard  # names the mapped task in the UI
        with _failing_fast():
            return transform_shard(_settings(params), etl_run_id, shard)

    @task(trigger_rule=TriggerRule.NONE_FAILED)  # no shards (nothing new) skips `transform`, not this
    def merge(etl_run_id: str, params: dict | None = None) -> str:
        """Every shard's facts with the kept documents' facts: one actor per person across the corpus."""
        from etl.pipeline import merge_stage

        with _failing_fast():
            merge_stage(_settings(params), etl_run_id)
        return etl_run_id

    @task
    def validate(etl_run_id: str, params: dict | None = None) -> str:
        """Findings and expectation suites; a failed error-severity check fails the task."""
        from etl.pipeline import validate_stage

        with _failing_fast():
            validate_stage(_settings(params), etl_run_id)
        return etl_run_id

    @task(outlets=TABLE_ASSETS)
    def load(etl_run_id: str, params: dict | None = None) -> dict:
        """Publish the staged tables to Parquet and DuckDB, then the quality page; return a small summary of the run."""
        from etl.pipeline import load_stage
        from etl.report_page import refresh_report_page

        settings = _settings(params)
        report = load_stage(settings, etl_run_id)
        refresh_report_page(settings)
        return {"run_id": report.run_id, "status": report.status, "rows": report.rows, "findings": report.findings}

    @task(trigger_rule=TriggerRule.ONE_FAILED, retries=0)
    def discard(params: dict | None = None, ti=None) -> None:
        """Drop the staging of a run that failed before load, so none of it is ever published."""
        from etl.pipeline import discard_stage

        etl_run_id = ti.xcom_pull(task_ids="extract")
        if etl_run_id:
            discard_stage(_settings(params), etl_run_id)

    etl_run_id = extract()
    shards = plan(etl_run_id)
    transformed = transform.partial(etl_run_id=etl_run_id).expand(shard=shards)
    merged = merge(etl_run_id)
    transformed >> merged
    checked = validate(merged)
    load(checked)
    [shards, transformed, merged, checked] >> discard()


news_etl()
