"""A run killed with SIGKILL at any moment leaves the published warehouse as it was, and the next run completes.

`etl run` runs as a subprocess on a folder of many tiny articles and is killed: while the NLP
runs, as soon as it starts writing a new version, and (deterministically, through a patched
module) right before the one rename that publishes. After each kill the warehouse must read back
identically through DuckDB and Parquet; then a run must complete and clear what the dead ones left.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.cli import main
from tests.load.snapshot import light_suites, snapshot, write_articles

ROOT = Path(__file__).resolve().parent.parent
# `etl run` with one function of etl.load.publish replaced by a SIGKILL of the process itself.
KILLED_AT = """
import os, signal, sys
import etl.load.publish as publish
setattr(publish, sys.argv[1], lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL))
from etl.cli import main
sys.exit(main(sys.argv[2:]))
"""
TIMEOUT = 60


@pytest.fixture
def warehouse_with_work(tmp_path, monkeypatch):
    """A published warehouse of 8 articles, a seeds folder of 48 (40 waiting for the NLP), and the env for runs."""
    suites = light_suites(tmp_path / "suites")
    monkeypatch.setenv("ETL_EXPECTATIONS", str(suites))
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    write_articles(seeds, range(8))
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    write_articles(seeds, range(8, 48))
    env = {**os.environ, "ETL_EXPECTATIONS": str(suites), "ETL_SEEDS": str(seeds), "ETL_WAREHOUSE": str(warehouse)}
    return seeds, warehouse, env


def start(env, *command) -> subprocess.Popen:
    command = command or ("-m", "etl.cli", "run")
    return subprocess.Popen([sys.executable, *command], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_when(process: subprocess.Popen, ready, what: str, delay: float = 0) -> None:
    """SIGKILL the process `delay` seconds after `ready()` is true; fail if it ends first."""
    deadline = time.monotonic() + TIMEOUT
    while not ready():
        assert process.poll() is None, f"the run ended before {what}: {process.stderr.read().decode()[-3000:]}"
        assert time.monotonic() < deadline, f"no {what} within {TIMEOUT}s"
        time.sleep(0.001)
    time.sleep(delay)
    process.kill()
    process.wait(TIMEOUT)


def staged(warehouse: Path, name: str) -> bool:
    return any((warehouse / "_staging").glob(f"*/{name}.parquet"))


def new_version(warehouse: Path, known: set[str]) -> bool:
    return any(path.name not in known for path in (warehouse / "_versions").iterdir())


def test_sigkill_at_any_moment_keeps_the_published_warehouse(warehouse_with_work):
    seeds, warehouse, env = warehouse_with_work
    published = snapshot(warehouse)
    current = os.readlink(warehouse / "current")

    # 1. while the NLP runs (it takes about 1.5 s here): the documents are staged, the facts not yet
    process = start(env)
    kill_when(process, lambda: staged(warehouse, "documents"), "staged documents", delay=0.5)
    assert not staged(warehouse, "actors"), "killed after the transform, not during it"
    assert snapshot(warehouse) == published

    # 2. the moment the new version's folder appears: Parquet, state and DuckDB being written
    known = {path.name for path in (warehouse / "_versions").iterdir()}
    process = start(env)
    kill_when(process, lambda: new_version(warehouse, known), "new version folder")
    if os.readlink(warehouse / "current") == current:  # the usual case; a very fast publish can win the race
        assert snapshot(warehouse) == published
    else:
        assert len(snapshot(warehouse)["duckdb"]["documents"]) == 48

    if os.readlink(warehouse / "current") == current:
        # 3. everything written and flushed, killed right before the rename that publishes
        process = start(env, "-c", KILLED_AT, "switch_current", "run")
        assert process.wait(TIMEOUT) == -signal.SIGKILL
        assert len(list((warehouse / "_versions").iterdir())) > len(known), "the unpublished version was written"
        assert os.readlink(warehouse / "current") == current
        assert snapshot(warehouse) == published

    # the next run completes, without waiting for any lock, and clears what the killed runs left
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    after = snapshot(warehouse)
    assert len(after["duckdb"]["documents"]) == 48
    assert after["duckdb"] == after["parquet"]
    assert not any((warehouse / "_staging").iterdir())
    now = Path(os.readlink(warehouse / "current")).name
    previous = json.loads((warehouse / "_versions" / now / "version.json").read_text())["previous"]
    assert {path.name for path in (warehouse / "_versions").iterdir()} == {now, previous}, "the current version and the one before it"
    assert not [path for path in warehouse.iterdir() if path.name.startswith(".link-")]
