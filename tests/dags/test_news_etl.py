"""The news_etl DAG: it parses cleanly, wires the four stages in order, and runs end to end under Airflow.

Airflow runs in subprocesses only: importing it reads AIRFLOW_HOME and reconfigures logging, which
must touch neither ~/airflow nor the other tests in this process.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import strict_suites

ROOT = Path(__file__).resolve().parents[2]
DAGS = ROOT / "dags"
AIRFLOW = Path(sys.executable).parent / "airflow"

pytestmark = pytest.mark.skipif(importlib.util.find_spec("airflow") is None, reason="apache-airflow is not installed")

# Parses the dags folder with Airflow's DagBag and prints what the tests check, as JSON.
PROBE = """
import json, os, sys
from airflow.dag_processing.dagbag import DagBag

bag = DagBag(dag_folder=sys.argv[1])
heavy = sorted(m for m in ("etl", "pyarrow", "polars", "pandas", "duckdb", "spacy", "great_expectations") if m in sys.modules)
summary = {"import_errors": {str(k): str(v) for k, v in bag.import_errors.items()}, "dag_ids": bag.dag_ids, "heavy": heavy}
dag = bag.dags.get("news_etl")
if dag:
    tasks = {t.task_id: {"upstream": sorted(t.upstream_task_ids), "trigger_rule": t.trigger_rule} for t in dag.tasks}
    summary.update(tasks=tasks, schedule=dag.schedule, catchup=dag.catchup, params=dict(dag.params))
    summary["operators"] = {
        t.task_id: {
            "timeout": t.execution_timeout.total_seconds() if t.execution_timeout else None,
            "pool": t.pool,
            "per_run": t.max_active_tis_per_dagrun,
            "outlets": sorted(asset.name for asset in t.outlets),
        }
        for t in dag.tasks
    }
    consumer = bag.dags.get("news_tables_consumer")
    condition = consumer.timetable.asset_condition if consumer else None
    summary["consumer_schedule"] = sorted(asset.name for asset in getattr(condition, "objects", [condition])) if consumer else None
    summary["retries"] = dag.default_args.get("retries")
    module = next(m for m in list(sys.modules.values()) if getattr(m, "__file__", None) == dag.fileloc)
    paths = {}
    for case, params, env in [
        ("defaults", {"seeds": "", "warehouse": None}, {}),
        ("env", None, {"ETL_WAREHOUSE": "/from/env"}),
        ("params", {"seeds": "/in", "warehouse": "/out", "storage_conn_id": "aws_news"}, {"ETL_SEEDS": "/from/env"}),
    ]:
        os.environ.update(env)
        settings = module._settings(params)
        paths[case] = [str(settings.seeds), str(settings.warehouse), settings.storage_conn_id]
        for name in env:
            del os.environ[name]
    summary["paths"] = paths
print(json.dumps(summary, default=str))
"""

# Test-only local settings for the `airflow` subprocesses: no retries, so a failing task fails the run at once
# instead of waiting out the DAG's retry delays.
LOCAL_SETTINGS = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})


def task_policy(task):
    task.retries = 0
"""

# Tables whose rows do not depend on the run id: the DAG and `etl run` must give them identically.
FACT_TABLES = ("documents", "blocks", "actors", "actor_mentions", "event_mentions", "events", "quotes", "statistics")


def airflow_env(home: Path) -> dict[str, str]:
    """A clean environment for an Airflow living entirely under `home`, with no AIRFLOW_* or ETL_* vars inherited."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AIRFLOW", "ETL_"))}
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home / 'airflow.db'}",
    )
    return env


@pytest.fixture(scope="module")
def dag_summary(tmp_path_factory) -> dict:
    """What Airflow's DagBag makes of the dags folder, parsed in a fresh process."""
    home = tmp_path_factory.mktemp("airflow_parse")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(DAGS)], env=airflow_env(home), cwd=home, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-6000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_dag_parses_without_errors(dag_summary):
    assert dag_summary["import_errors"] == {}
    assert sorted(dag_summary["dag_ids"]) == ["news_etl", "news_tables_consumer"]


def test_parsing_the_dag_imports_nothing_heavy(dag_summary):
    assert dag_summary["heavy"] == []


def test_tasks_run_in_order(dag_summary):
    tasks = dag_summary["tasks"]
    assert set(tasks) == {"extract", "plan", "transform", "merge", "validate", "load", "discard"}
    assert tasks["extract"]["upstream"] == []
    assert tasks["plan"]["upstream"] == ["extract"]
    assert tasks["transform"]["upstream"] == ["extract", "plan"]
    assert tasks["merge"] == {"upstream": ["extract", "transform"], "trigger_rule": "none_failed"}
    assert tasks["validate"]["upstream"] == ["merge"]
    assert tasks["load"] == {"upstream": ["validate"], "trigger_rule": "all_success"}
    assert tasks["discard"] == {"upstream": ["merge", "plan", "transform", "validate"], "trigger_rule": "one_failed"}


def test_schedule_retries_and_params(dag_summary):
    assert dag_summary["schedule"] == "@daily"
    assert dag_summary["catchup"] is False
    assert dag_summary["retries"] >= 1
    assert dag_summary["params"] == {"seeds": None, "warehouse": None, "full_refresh": None, "storage_conn_id": None, "shard_size": None}


def test_every_task_has_a_timeout_and_the_model_loading_tasks_a_pool(dag_summary):
    operators = dag_summary["operators"]
    assert all(operator["timeout"] and operator["timeout"] > 0 for operator in operators.values())
    assert operators["transform"]["pool"] and operators["transform"]["per_run"] >= 1


def test_load_updates_an_asset_per_table_and_the_consumer_is_scheduled_on_one(dag_summary):
    from etl.schema import TABLES

    assert dag_summary["operators"]["load"]["outlets"] == sorted(f"newsetl_{name}" for name in TABLES)
    assert dag_summary["consumer_schedule"] == ["newsetl_events"]


def test_paths_come_from_params_then_env_then_project_root(dag_summary):
    assert dag_summary["paths"] == {
        "defaults": [str(ROOT / "seeds"), str(ROOT / "warehouse"), ""],
        "env": [str(ROOT / "seeds"), "/from/env", ""],
        "params": ["/in", "/out", "aws_news"],
    }


def run_airflow(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    """Run the venv's `airflow` CLI; fail the test, with the end of its log, if it does not end as expected."""
    result = subprocess.run([str(AIRFLOW), *args], env=env, cwd=env["AIRFLOW_HOME"], capture_output=True, text=True, timeout=600)
    log = result.stdout + result.stderr
    assert (result.returncode == 0) == ok, f"airflow {' '.join(args)} exited {result.returncode}:\n{log[-6000:]}"
    return result


@pytest.fixture(scope="module")
def airflow_home(tmp_path_factory) -> Path:
    """A fresh AIRFLOW_HOME with a migrated SQLite database and the test's local settings."""
    home = tmp_path_factory.mktemp("airflow_run")
    (home / "config").mkdir()
    (home / "config" / "airflow_local_settings.py").write_text(LOCAL_SETTINGS)
    run_airflow(airflow_env(home), "db", "migrate")
    return home


def table_rows(duckdb, database: Path) -> dict[str, list]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {name: sorted(map(repr, con.execute(f"select * from {name}").fetchall())) for name in FACT_TABLES}


# Short articles written for this test, beside the seed, so the run has several shards.
ARTICLES = {
    "port.txt": "Strike hits port\n\nA missile strike damaged the port of Odesa on Monday, the Ukrainian navy said. "
    "Two workers were injured, according to regional governor Oleh Kiper.",
    "talks.txt": "Talks resume\n\nForeign ministers from France and Germany met in Berlin on Tuesday. "
    '"We want a ceasefire before winter," French Foreign Minister Jean-Noel Barrot said.',
    "grain.txt": "Grain exports rise\n\nUkraine exported 4.2 million tonnes of grain in October, up 12% from September, "
    "the agriculture ministry said on Wednesday.",
}


def seeds_with_articles(folder: Path) -> Path:
    """The seed article plus the test's short articles."""
    folder.mkdir()
    for source in (ROOT / "seeds").iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def mapped_transforms(home: Path) -> list[tuple[int, str]]:
    """Map index and state of every `transform` task instance of the latest DAG run."""
    import sqlite3

    latest = "select run_id from dag_run order by id desc limit 1"
    with sqlite3.connect(home / "airflow.db") as con:
        query = f"select map_index, state from task_instance where task_id = 'transform' and run_id = ({latest})"
        return sorted(con.execute(query).fetchall())


@pytest.mark.airflow
def test_dags_test_runs_the_pipeline_end_to_end_in_shards(airflow_home, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    from etl.cli import main

    seeds = seeds_with_articles(tmp_path / "seeds")
    warehouse = tmp_path / "warehouse"
    env = airflow_env(airflow_home)
    # seeds through the environment, the warehouse through the run's conf, which beats ETL_WAREHOUSE
    env.update(ETL_SEEDS=str(seeds), ETL_WAREHOUSE=str(tmp_path / "not_used"), ETL_SHARD_SIZE="1")

    run_airflow(env, "dags", "test", "news_etl", "-c", json.dumps({"warehouse": str(warehouse)}))

    assert mapped_transforms(airflow_home) == [(index, "success") for index in range(len(ARTICLES) + 1)]
    assert not (tmp_path / "not_used").exists()
    assert list((warehouse / "parquet" / "documents").rglob("*.parquet"))
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select status from documents").fetchall() == [("loaded",)] * (len(ARTICLES) + 1)
        assert con.execute("select status from runs").fetchall() == [("success",)]
    staging = warehouse / "_staging"
    assert not staging.exists() or not any(staging.iterdir())
    assert (warehouse / "report.html").is_file(), "load writes the quality page"

    by_cli = tmp_path / "by_cli"
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(by_cli)]) == 0
    assert table_rows(duckdb, warehouse / "warehouse.duckdb") == table_rows(duckdb, by_cli / "warehouse.duckdb")


@pytest.mark.airflow
def test_a_run_with_nothing_new_maps_no_shard_and_still_publishes(airflow_home, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    warehouse = tmp_path / "warehouse"
    env = airflow_env(airflow_home)
    env.update(ETL_SEEDS=str(ROOT / "seeds"), ETL_WAREHOUSE=str(warehouse))
    run_airflow(env, "dags", "test", "news_etl")
    before = table_rows(duckdb, warehouse / "warehouse.duckdb")

    run_airflow(env, "dags", "test", "news_etl", "2026-01-02")

    # an empty expand: Airflow keeps one unmapped placeholder, skipped; no shard ran, merge still did
    assert mapped_transforms(airflow_home) == [(-1, "skipped")]
    assert table_rows(duckdb, warehouse / "warehouse.duckdb") == before
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from runs where status = 'success'").fetchone() == (2,)


@pytest.mark.airflow
def test_a_failed_validation_publishes_nothing(airflow_home, tmp_path):
    warehouse = tmp_path / "warehouse"
    env = airflow_env(airflow_home)
    env.update(ETL_SEEDS=str(ROOT / "seeds"), ETL_WAREHOUSE=str(warehouse), ETL_EXPECTATIONS=str(strict_suites(tmp_path / "suites")))

    result = run_airflow(env, "dags", "test", "news_etl", ok=False)

    log = result.stdout + result.stderr
    assert "expect_table_row_count_to_be_between" in log and "DagRun failed" in log
    assert not (warehouse / "warehouse.duckdb").exists()
    assert not (warehouse / "parquet").exists()
    assert not any((warehouse / "_staging").iterdir())  # extract staged the run; discard dropped it
