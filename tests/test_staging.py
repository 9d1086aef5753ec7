"""Staging through fsspec: runs whose stages and shards hand each other tables on an object store."""

from __future__ import annotations

import pytest

from etl import staging
from etl.cli import main
from etl.errors import DataQualityError
from etl.pipeline import extract_stage, load_stage, merge_stage, new_run_id, plan_shards, transform_shard, validate_stage
from etl.settings import Settings
from tests.load.snapshot import duckdb_tables, light_suites, write_articles
from tests.test_errors import UNIQUE

FACTS = ("documents", "blocks", "actors", "actor_mentions", "event_mentions", "events", "quotes", "statistics")


@pytest.fixture(autouse=True)
def fast_suites(tmp_path, monkeypatch):
    monkeypatch.setenv("ETL_EXPECTATIONS", str(light_suites(tmp_path / "suites")))


def test_a_run_staged_in_memory_gives_the_tables_a_local_run_gives(tmp_path, monkeypatch, memory_store):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(5))
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(tmp_path / "local")]) == 0
    monkeypatch.setenv("ETL_STAGING", "memory://bucket/newsetl/staging")
    monkeypatch.setenv("ETL_SHARD_SIZE", "2")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(tmp_path / "remote")]) == 0

    assert duckdb_tables(tmp_path / "local", FACTS) == duckdb_tables(tmp_path / "remote", FACTS)
    assert not (tmp_path / "remote" / "_staging").exists()
    assert memory_store.ls("/bucket/newsetl/staging") == []  # the published run's staging is dropped


def test_stages_driven_one_by_one_share_shard_parts_through_the_store(tmp_path, memory_store):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(4))
    settings = Settings(
        seeds=seeds,
        warehouse=tmp_path / "warehouse",
        staging="memory://bucket/staging",
        shard_size=1,
        expectations=light_suites(tmp_path / "suites"),
    )
    run_id = new_run_id()
    extract_stage(settings, run_id)
    shards = plan_shards(settings, run_id)
    for shard in reversed(shards):  # mapped tasks finish in any order
        transform_shard(settings, run_id, shard)

    parts = memory_store.ls(f"/bucket/staging/{run_id}/shards", detail=False)
    assert len(parts) == len(shards) == 4
    merge_stage(settings, run_id)
    validate_stage(settings, run_id)
    report = load_stage(settings, run_id)

    assert report.status == "success" and report.rows["documents"] == 4
    assert not memory_store.exists(f"/bucket/staging/{run_id}")

    # a retried `load` after the publish succeeded (its staging is gone) is a no-op, not "staging gone"
    again = load_stage(settings, run_id)
    assert (again.status, again.rows["documents"]) == ("success", 4)


def test_failed_checks_reach_the_load_stage_as_records(tmp_path):
    """The DAG validates and loads in separate tasks: the run plan keeps the failures as dicts and load rebuilds them."""
    settings = Settings(seeds=tmp_path, warehouse=tmp_path / "warehouse")
    failure = UNIQUE
    staging.write_plan(
        settings, "run-1", staging.RunPlan("2026-01-01T00:00:00+00:00", None, incremental=False, failures=(failure.to_dict(),))
    )
    with pytest.raises(DataQualityError) as raised:
        load_stage(settings, "run-1")
    assert raised.value.failures == [failure]
    assert "documents.doc_id: expect_column_values_to_be_unique failed on 2 row(s): e.g. ['d1'] [expectations/documents.json]" in str(
        raised.value
    )


def test_a_lost_staging_names_the_url(tmp_path, memory_store):
    settings = Settings(seeds=tmp_path, warehouse=tmp_path / "warehouse", staging="memory://bucket/staging")
    with pytest.raises(Exception, match="memory://bucket/staging/gone-run"):
        staging.read_plan(settings, "gone-run")


def test_two_workers_share_a_staging_url(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(4))
    monkeypatch.setenv("ETL_STAGING", f"file://{tmp_path / 'store'}")
    monkeypatch.setenv("ETL_SHARD_SIZE", "1")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(tmp_path / "warehouse"), "--workers", "2"]) == 0
    assert len(duckdb_tables(tmp_path / "warehouse", ("documents",))["documents"]) == 4


@pytest.mark.parametrize(("documents", "size", "expected"), [(558, 500, 279), (1000, 500, 500), (1001, 500, 334), (4, 1, 1), (0, 500, 1)])
def test_shards_are_evened_out(tmp_path, documents, size, expected):
    from etl.transform.stage import shard_size

    settings = Settings(seeds=tmp_path, warehouse=tmp_path / "warehouse", shard_size=size)
    assert shard_size(settings, documents, local_workers=0, max_shards=1024) == expected
