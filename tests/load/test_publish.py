"""Publishing: a new version per run behind one swapped link, a kept `runs` history, old layouts taken over."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import duckdb
import pyarrow.parquet as pq
import pytest

from etl.errors import WarehouseBusyError
from etl.load.lock import writer_lock
from etl.load.publish import publish
from etl.load.versions import current_version, prune_versions
from etl.schema import TABLES, empty_table, to_table
from etl.settings import Settings


def run_row(run_id):
    now = datetime.now(UTC)
    return {
        "run_id": run_id,
        "started_at": now,
        "finished_at": now,
        "status": "success",
        "code_version": "test",
        "documents_seen": 1,
        "documents_loaded": 1,
        "documents_skipped": 0,
        "documents_rejected": 0,
    }


def tables_with_one_document(doc_id):
    tables = {name: empty_table(name) for name in TABLES if name != "runs"}
    tables["documents"] = to_table(
        "documents", [{"doc_id": doc_id, "source": "a.txt", "n_blocks": 0, "n_unique_blocks": 0, "status": "loaded"}]
    )
    return tables


def documents_in(database):
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("select doc_id from documents").fetchall()


def test_publish_writes_parquet_and_duckdb_and_keeps_every_run(tmp_path):
    settings = Settings(warehouse=tmp_path)
    publish(settings, tables_with_one_document("first"), run_row("r1"))
    publish(settings, tables_with_one_document("second"), run_row("r2"))
    documents = pq.read_table(tmp_path / "parquet" / "documents")
    assert documents.column("doc_id").to_pylist() == ["second"]
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select run_id from runs order by run_id").fetchall() == [("r1",), ("r2",)]
        assert con.execute("select doc_id from documents").fetchall() == [("second",)]
        tables = {
            row[0] for row in con.execute("select table_name from information_schema.tables where table_type = 'BASE TABLE'").fetchall()
        }
        views = {row[0] for row in con.execute("select table_name from information_schema.tables where table_type = 'VIEW'").fetchall()}
    assert tables == set(TABLES)
    assert views == {"events_readable", "dq_findings_legacy"}
    assert os.readlink(tmp_path / "current") == "_versions/r2"
    assert os.readlink(tmp_path / "parquet") == "current/parquet"
    assert os.readlink(tmp_path / "warehouse.duckdb") == "current/warehouse.duckdb"
    assert sorted(path.name for path in (tmp_path / "_versions").iterdir()) == ["r1", "r2"]
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")], "no temporary link or folder is left behind"

    publish(settings, tables_with_one_document("third"), run_row("r3"))
    assert sorted(path.name for path in (tmp_path / "_versions").iterdir()) == ["r2", "r3"], "the current version and the one before"


def test_a_reader_keeps_the_version_it_opened(tmp_path):
    settings = Settings(warehouse=tmp_path)
    publish(settings, tables_with_one_document("first"), run_row("r1"))
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as reader:
        publish(settings, tables_with_one_document("second"), run_row("r2"))
        assert reader.execute("select doc_id from documents").fetchall() == [("first",)]
    assert documents_in(tmp_path / "warehouse.duckdb") == [("second",)]


def test_a_warehouse_from_before_versions_is_taken_over(tmp_path):
    settings = Settings(warehouse=tmp_path)
    (tmp_path / "parquet" / "runs").mkdir(parents=True)
    pq.write_table(to_table("runs", [run_row("old")]), tmp_path / "parquet" / "runs" / "part-0.parquet")
    (tmp_path / "warehouse.duckdb").write_bytes(b"an old database")
    (tmp_path / ".parquet-killed").mkdir()
    publish(settings, tables_with_one_document("new"), run_row("r1"))
    assert (tmp_path / "parquet").is_symlink() and (tmp_path / "warehouse.duckdb").is_symlink()
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select run_id from runs order by run_id").fetchall() == [("old",), ("r1",)]
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]


def test_prune_drops_what_killed_runs_left_and_keeps_the_published(tmp_path):
    settings = Settings(warehouse=tmp_path)
    publish(settings, tables_with_one_document("first"), run_row("r1"))
    publish(settings, tables_with_one_document("second"), run_row("r2"))
    (tmp_path / "_versions" / "r3-killed" / "parquet").mkdir(parents=True)
    os.symlink("_versions/r3-killed", tmp_path / ".link-current-1234")
    prune_versions(settings)
    assert sorted(path.name for path in (tmp_path / "_versions").iterdir()) == ["r1", "r2"]
    assert not (tmp_path / ".link-current-1234").is_symlink()
    assert current_version(tmp_path) == "r2"


def test_the_writer_lock_is_exclusive_and_nests_in_one_process(tmp_path):
    settings = Settings(warehouse=tmp_path / "warehouse")
    other = Settings(warehouse=tmp_path / "warehouse", lock_wait=0)
    with writer_lock(settings):
        with writer_lock(other):  # the same process, nested: fine
            pass
        import fcntl

        descriptor = os.open(settings.lock_path, os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(descriptor)
    with writer_lock(settings):
        pass
    assert WarehouseBusyError.exit_code == 3
