"""One writer at a time: a second run exits 3 with a clear message (or waits when asked); readers are never blocked."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from etl.cli import main
from etl.errors import WarehouseBusyError
from etl.pipeline import extract_stage, load_stage, new_run_id, run
from etl.settings import Settings
from tests.load.snapshot import light_suites, snapshot, write_articles

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def suites(tmp_path, monkeypatch):
    folder = light_suites(tmp_path / "suites")
    monkeypatch.setenv("ETL_EXPECTATIONS", str(folder))
    return folder


def test_two_runs_at_once_one_writes_the_other_exits_3_and_readers_read(tmp_path, suites):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    write_articles(seeds, range(2))
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    published = snapshot(warehouse)
    write_articles(seeds, range(2, 30))
    env = {**os.environ, "ETL_SEEDS": str(seeds), "ETL_WAREHOUSE": str(warehouse), "ETL_EXPECTATIONS": str(suites)}
    command = [sys.executable, "-m", "etl.cli", "run"]

    first = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any((warehouse / "_staging").glob("*/documents.parquet")):  # the first run holds the lock and is transforming
        assert first.poll() is None and time.monotonic() < deadline, first.stderr.read().decode()[-3000:]
        time.sleep(0.005)
    second = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert snapshot(warehouse) == published, "readers see the published warehouse while a run writes"

    assert second.returncode == 3
    assert f"another etl run (pid {first.pid} since" in second.stderr
    assert "ETL_LOCK_WAIT" in second.stderr and "Traceback" not in second.stderr
    assert first.wait(60) == 0, first.stderr.read().decode()[-3000:]
    after = snapshot(warehouse)
    assert len(after["duckdb"]["documents"]) == 30 and len(after["duckdb"]["runs"]) == 2
    assert after["duckdb"] == after["parquet"]


def hold_lock(warehouse: Path) -> int:
    """Lock the warehouse as another process would (a separate open file), and return the descriptor."""
    warehouse.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(warehouse / ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    os.pwrite(descriptor, b"pid 4242 since now\n", 0)
    return descriptor


def test_a_run_exits_3_at_once_or_waits_for_the_lock_when_asked(tmp_path, suites, monkeypatch, capsys):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    write_articles(seeds, [1])
    held = hold_lock(warehouse)
    started = time.monotonic()
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 3
    assert time.monotonic() - started < 1
    assert "another etl run (pid 4242 since now) is writing" in capsys.readouterr().err
    assert not (warehouse / "current").exists()

    monkeypatch.setenv("ETL_LOCK_WAIT", "30")
    threading.Timer(0.5, os.close, [held]).start()
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0


def test_a_staged_run_does_not_publish_over_a_newer_version(tmp_path, suites):
    seeds = tmp_path / "seeds"
    write_articles(seeds, [1])
    settings = Settings(seeds=seeds, warehouse=tmp_path / "warehouse", expectations=suites)
    staged = new_run_id()
    extract_stage(settings, staged)
    run(settings)
    with pytest.raises(WarehouseBusyError, match="start a new run"):
        load_stage(settings, staged)
