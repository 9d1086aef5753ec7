"""A warehouse at an fsspec URL: runs publish versions there, and any machine's local copy follows the URL."""

from __future__ import annotations

import pytest

from etl.cli import main
from etl.errors import EtlError
from etl.load.versions import current_version
from etl.pipeline import run
from etl.report import findings_by_check
from etl.settings import load_settings
from tests.load.snapshot import duckdb_tables, light_suites, write_articles

URL = "memory://bucket/newsetl"
FACTS = ("documents", "actors", "event_mentions", "events", "quotes", "statistics")


@pytest.fixture(autouse=True)
def fast_suites(tmp_path, monkeypatch):
    monkeypatch.setenv("ETL_EXPECTATIONS", str(light_suites(tmp_path / "suites")))


def settings_on(machine, seeds, monkeypatch):
    """Settings of one machine: the warehouse at URL, its local copy in a folder of its own."""
    monkeypatch.setenv("ETL_WAREHOUSE_CACHE", str(machine))
    return load_settings(seeds=str(seeds), warehouse=URL + "/")


def published_at_url(memory_store) -> str:
    return memory_store.cat_file("/bucket/newsetl/CURRENT").decode()


def test_a_url_warehouse_keeps_its_local_copy_where_asked(tmp_path, monkeypatch):
    settings = settings_on(tmp_path / "copy", tmp_path, monkeypatch)
    assert settings.warehouse_url == URL and settings.warehouse == tmp_path / "copy"
    monkeypatch.delenv("ETL_WAREHOUSE_CACHE")
    assert load_settings(warehouse="s3://a/b").warehouse != load_settings(warehouse="s3://a/c").warehouse


def test_a_run_publishes_its_version_at_the_url_and_another_machine_continues_from_it(tmp_path, monkeypatch, memory_store):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(4))
    first = run(settings_on(tmp_path / "machine-a", seeds, monkeypatch))
    assert first.status == "success" and published_at_url(memory_store) == first.run_id
    uploaded = {path.rsplit("/", 1)[-1] for path in memory_store.find(f"/bucket/newsetl/versions/{first.run_id}")}
    assert {"part-0.parquet", "warehouse.duckdb", "version.json"} <= uploaded

    write_articles(seeds, range(4, 6))
    on_b = settings_on(tmp_path / "machine-b", seeds, monkeypatch)
    second = run(on_b)  # machine b has never seen the warehouse: it downloads the published version first
    assert second.documents["unchanged"] == 4 and second.documents["processed"] == 2
    assert published_at_url(memory_store) == second.run_id == current_version(on_b.warehouse)
    assert memory_store.ls("/bucket/newsetl/versions", detail=False) == [
        f"/bucket/newsetl/versions/{run_id}" for run_id in (first.run_id, second.run_id)
    ]

    everything = tmp_path / "everything"
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(everything)]) == 0
    assert duckdb_tables(on_b.warehouse, FACTS) == duckdb_tables(everything, FACTS)
    on_c = settings_on(tmp_path / "machine-c", seeds, monkeypatch)
    assert findings_by_check(on_c) == findings_by_check(load_settings(warehouse=str(everything)))  # a reader downloads too
    assert current_version(on_c.warehouse) == second.run_id


def test_an_upload_cut_short_leaves_the_url_as_it_was_and_the_next_run_finishes_it(tmp_path, monkeypatch, memory_store):
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(2))
    settings = settings_on(tmp_path / "machine", seeds, monkeypatch)
    first = run(settings)
    write_articles(seeds, range(2, 3))
    original = type(memory_store).pipe_file

    def refuse_current(self, path, *args, **kwargs):
        if path.endswith("/CURRENT"):
            raise PermissionError("access denied")
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(type(memory_store), "pipe_file", refuse_current)
    with pytest.raises(EtlError, match="next run against that URL uploads it"):
        run(settings)
    assert published_at_url(memory_store) == first.run_id  # readers of the URL still see the first run, whole
    cut_short = current_version(settings.warehouse)

    monkeypatch.setattr(type(memory_store), "pipe_file", original)
    third = run(settings)
    assert third.documents["unchanged"] == 3
    assert published_at_url(memory_store) == third.run_id
    # The first run's version is pruned; the one cut short and the third stay (whatever order ls gives).
    assert sorted(memory_store.ls("/bucket/newsetl/versions", detail=False)) == sorted(
        f"/bucket/newsetl/versions/{run_id}" for run_id in (cut_short, third.run_id)
    )


def test_the_quality_page_of_a_url_warehouse_is_published_beside_its_versions(tmp_path, monkeypatch, memory_store):
    from etl.report_page import write_report_page

    seeds = tmp_path / "seeds"
    write_articles(seeds, range(2))
    settings = settings_on(tmp_path / "machine-a", seeds, monkeypatch)
    assert run(settings).status == "success"
    page = write_report_page(settings)
    assert memory_store.cat_file("/bucket/newsetl/report.html") == page.read_bytes()


def test_a_url_warehouse_opens_through_an_airflow_connection_when_one_is_named(tmp_path, monkeypatch):
    pytest.importorskip("airflow.sdk")
    seeds = tmp_path / "seeds"
    write_articles(seeds, range(2))
    monkeypatch.setenv("ETL_WAREHOUSE_CACHE", str(tmp_path / "copy"))
    monkeypatch.setenv("ETL_STORAGE_CONN_ID", "newsetl_files")
    url = (tmp_path / "bucket").as_uri()
    first = run(load_settings(seeds=str(seeds), warehouse=url))
    assert (tmp_path / "bucket" / "CURRENT").read_text() == first.run_id
    assert (tmp_path / "bucket" / "versions" / first.run_id / "warehouse.duckdb").is_file()


def test_a_scheme_airflow_cannot_open_is_a_clear_error_naming_the_provider(tmp_path, monkeypatch):
    pytest.importorskip("airflow.sdk")
    from etl.errors import UsageError
    from etl.storage import filesystem

    with pytest.raises(UsageError, match="install the Airflow provider"):
        filesystem("memory://bucket/newsetl", "newsetl_store")  # fsspec knows memory://; Airflow has no filesystem for it
    assert filesystem(str(tmp_path), "newsetl_store")[1] == str(tmp_path)  # a folder never goes through the connection
