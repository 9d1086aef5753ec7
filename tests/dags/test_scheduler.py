"""news_etl under a real Airflow: scheduler, dag-processor and api-server with the LocalExecutor on SQLite.

Not `airflow dags test` (one process): the three services an operator runs, bound to 127.0.0.1, the
scheduler serving no logs over the network (the api-server reads the task logs from disk). A triggered
run over four shards, two at a time, must succeed and publish what `etl run` publishes.

The services are then stopped as an operator would: SIGTERM, a second SIGTERM (which tells the LocalExecutor not
to wait for its workers), and only then SIGKILL to the service's whole process group. How fast Airflow shuts down
is Airflow's own behaviour (its LocalExecutor can wait on its workers without bound, apache/airflow#67870), not
the pipeline's, so a slow stop is cleaned up, not failed.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.dags.test_news_etl import AIRFLOW, ARTICLES, airflow_env, run_airflow, seeds_with_articles, table_rows

pytestmark = [pytest.mark.airflow, pytest.mark.skipif(not AIRFLOW.exists(), reason="apache-airflow is not installed")]

RUN_TIMEOUT_SECONDS = 900
SERVICES = {
    "api-server": ["api-server", "--host", "127.0.0.1", "--port", "{port}"],
    "scheduler": ["scheduler", "--skip-serve-logs"],
    "dag-processor": ["dag-processor"],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scheduler_env(home: Path, port: int, seeds: Path, warehouse: Path) -> dict[str, str]:
    env = airflow_env(home)
    env.update(
        AIRFLOW__CORE__EXECUTOR="LocalExecutor",
        AIRFLOW__CORE__PARALLELISM="2",
        AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION="False",
        AIRFLOW__CORE__EXECUTION_API_SERVER_URL=f"http://127.0.0.1:{port}/execution/",
        AIRFLOW__API__BASE_URL=f"http://127.0.0.1:{port}",
        AIRFLOW__API_AUTH__JWT_SECRET="newsetl-test-only-secret",
        AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC="1",
        AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL="5",
        ETL_AIRFLOW_SCHEDULE="none",  # triggered runs only: unpausing starts nothing
        ETL_SEEDS=str(seeds),
        ETL_WAREHOUSE=str(warehouse),
        ETL_SHARD_SIZE="1",
    )
    return env


def dag_run_state(home: Path) -> str | None:
    with sqlite3.connect(home / "airflow.db") as con:
        found = con.execute("select state from dag_run where dag_id = 'news_etl' order by id desc limit 1").fetchone()
    return found[0] if found else None


def dag_is_parsed(home: Path) -> bool:
    try:
        with sqlite3.connect(home / "airflow.db") as con:
            return con.execute("select count(*) from dag where dag_id = 'news_etl'").fetchone()[0] == 1
    except sqlite3.OperationalError:
        return False


def wait_for(condition, seconds: float, what: str, logs: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(2)
    tails = "\n".join(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}" for path in sorted(logs.glob("*.log")))
    pytest.fail(f"timed out waiting for {what}\n{tails}")


def stop(service: subprocess.Popen) -> None:
    """After the first SIGTERM: wait, send a second one, wait, then SIGKILL the service's whole process group."""
    for grace_seconds in (60, 30):
        try:
            service.wait(timeout=grace_seconds)
            break
        except subprocess.TimeoutExpired:
            service.send_signal(signal.SIGTERM)
    try:
        os.killpg(service.pid, signal.SIGKILL)  # executor workers and task runners left behind, if any
    except ProcessLookupError:
        pass
    service.wait()


def test_a_triggered_run_under_the_scheduler_publishes_what_etl_run_does(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    from etl.cli import main

    home, logs = tmp_path / "airflow", tmp_path / "logs"
    home.mkdir()
    logs.mkdir()
    seeds = seeds_with_articles(tmp_path / "seeds")
    warehouse = tmp_path / "warehouse"
    port = free_port()
    env = scheduler_env(home, port, seeds, warehouse)
    run_airflow(env, "db", "migrate")
    services = {}
    try:
        for name, arguments in SERVICES.items():
            command = [str(AIRFLOW), *(argument.format(port=port) for argument in arguments)]
            with (logs / f"{name}.log").open("w") as log:
                services[name] = subprocess.Popen(command, env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(lambda: dag_is_parsed(home), 180, "the dag-processor to parse news_etl", logs)
        run_airflow(env, "dags", "trigger", "news_etl", "-c", json.dumps({"full_refresh": True}))
        wait_for(lambda: dag_run_state(home) in ("success", "failed"), RUN_TIMEOUT_SECONDS, "the DAG run to finish", logs)
        assert dag_run_state(home) == "success", (logs / "scheduler.log").read_text(errors="replace")[-6000:]
        assert all(service.poll() is None for service in services.values()), "every service still up after the run"
    finally:
        for service in services.values():
            service.send_signal(signal.SIGTERM)
        for service in services.values():
            stop(service)

    with sqlite3.connect(home / "airflow.db") as con:
        shards = con.execute("select count(*) from task_instance where task_id = 'transform' and state = 'success'").fetchone()[0]
    assert shards == len(ARTICLES) + 1 >= 3
    by_cli = tmp_path / "by_cli"
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(by_cli)]) == 0
    assert table_rows(duckdb, warehouse / "warehouse.duckdb") == table_rows(duckdb, by_cli / "warehouse.duckdb")
