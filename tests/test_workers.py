"""Shards and worker processes: the same tables whichever way the documents are split and run."""

from __future__ import annotations

import pytest

from etl.cli import main
from etl.pipeline import extract_stage, merge_stage, new_run_id, plan_shards, transform_shard
from etl.settings import Settings
from tests.load.snapshot import duckdb_tables, light_suites, write_articles

FACTS = ("documents", "blocks", "actors", "actor_mentions", "events", "quotes", "statistics", "dq_findings")


@pytest.fixture(autouse=True)
def fast_suites(tmp_path, monkeypatch):
    monkeypatch.setenv("ETL_EXPECTATIONS", str(light_suites(tmp_path / "suites")))


def without_run_ids(tables: dict[str, list]) -> dict[str, list]:
    """Findings name the run that raised them; two warehouses built by two runs differ only there."""
    return {name: rows for name, rows in tables.items() if name != "dq_findings"}


def test_two_workers_give_the_tables_one_worker_gives(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(7))
    monkeypatch.setenv("ETL_SHARD_SIZE", "2")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(tmp_path / "one")]) == 0
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(tmp_path / "two"), "--workers", "2"]) == 0

    one, two = duckdb_tables(tmp_path / "one", FACTS), duckdb_tables(tmp_path / "two", FACTS)
    assert without_run_ids(one) == without_run_ids(two)
    assert len(one["dq_findings"]) == len(two["dq_findings"])
    assert len(one["documents"]) == 7


def test_shards_cover_every_new_document_once_and_cap_their_number(tmp_path):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(10))
    settings = Settings(seeds=seeds, warehouse=tmp_path / "warehouse", shard_size=3)
    run_id = new_run_id()
    extract_stage(settings, run_id)

    assert plan_shards(settings, run_id) == [0, 1, 2, 3]
    assert plan_shards(settings, run_id, local_workers=2) == list(range(5))  # several small shards per worker

    import etl.pipeline

    etl.pipeline.MAX_SHARDS, cap = 2, etl.pipeline.MAX_SHARDS
    try:
        assert plan_shards(settings, run_id) == [0, 1]  # shards grow rather than pass the cap
    finally:
        etl.pipeline.MAX_SHARDS = cap


def test_a_merge_refuses_a_missing_shard(tmp_path):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(4))
    settings = Settings(seeds=seeds, warehouse=tmp_path / "warehouse", shard_size=2)
    run_id = new_run_id()
    extract_stage(settings, run_id)
    assert plan_shards(settings, run_id) == [0, 1]
    transform_shard(settings, run_id, 0)

    with pytest.raises(Exception, match="shard 1 .* run that shard's transform again"):
        merge_stage(settings, run_id)


def test_workers_that_cannot_load_the_model_fail_with_its_name(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(4))
    arguments = [
        "run",
        "--seeds",
        str(seeds),
        "--warehouse",
        str(tmp_path / "warehouse"),
        "--workers",
        "2",
        "--spacy-model",
        "no_such_model_xyz",
    ]
    assert main(arguments) == 2
    assert "no_such_model_xyz" in capsys.readouterr().err
    assert not (tmp_path / "warehouse" / "parquet").exists()
