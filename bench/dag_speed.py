"""How fast news_etl runs under a real Airflow scheduler, against `etl run` on the same articles.

    .venv/bin/python bench/dag_speed.py SEEDS [--shard-size N] [--slots 2]

Starts the api-server, scheduler and dag-processor with the LocalExecutor on SQLite (as
tests/dags/test_scheduler.py does, `--slots` task slots), triggers one full-refresh run, and times it from
the trigger to success; then times `etl run --full-refresh` into another warehouse. Both build the same
tables. Prints both times and their ratio.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.dags.test_news_etl import AIRFLOW, run_airflow  # noqa: E402
from tests.dags.test_scheduler import SERVICES, dag_is_parsed, dag_run_state, free_port, scheduler_env  # noqa: E402


def time_dag(seeds: Path, folder: Path, shard_size: int, slots: int) -> float:
    home, warehouse = folder / "airflow", folder / "dag_warehouse"
    home.mkdir()
    port = free_port()
    env = scheduler_env(home, port, seeds, warehouse)
    env.update(ETL_SHARD_SIZE=str(shard_size), AIRFLOW__CORE__PARALLELISM=str(slots), ETL_AIRFLOW_SHARDS_AT_ONCE=str(slots))
    run_airflow(env, "db", "migrate")
    services = []
    try:
        for arguments in SERVICES.values():
            command = [str(AIRFLOW), *(argument.format(port=port) for argument in arguments)]
            services.append(subprocess.Popen(command, env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        while not dag_is_parsed(home):
            time.sleep(1)
        started = time.monotonic()
        run_airflow(env, "dags", "trigger", "news_etl", "-c", json.dumps({"full_refresh": True}))
        while dag_run_state(home) not in ("success", "failed"):
            time.sleep(1)
        seconds = time.monotonic() - started
        if dag_run_state(home) != "success":
            raise SystemExit(f"the DAG run failed; logs under {home / 'logs'}")
        return seconds
    finally:
        for service in services:
            service.send_signal(signal.SIGTERM)
        for service in services:
            service.wait(timeout=60)


def time_cli(seeds: Path, folder: Path) -> float:
    started = time.monotonic()
    etl = str(Path(sys.executable).parent / "etl")
    command = [etl, "run", "--quiet", "--full-refresh", "--seeds", str(seeds), "--warehouse", str(folder / "cli")]
    subprocess.run(command, check=True)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--shard-size", type=int, default=250)
    parser.add_argument("--slots", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dag-speed-") as scratch:
        dag = time_dag(args.seeds.resolve(), Path(scratch), args.shard_size, args.slots)
        cli = time_cli(args.seeds.resolve(), Path(scratch))
    where = f"{args.slots} slots, shards of {args.shard_size}"
    print(f"DAG under the scheduler ({where}): {dag:.0f} s; etl run: {cli:.0f} s; ratio {dag / cli:.2f}")


if __name__ == "__main__":
    main()
