from __future__ import annotations

import duckdb
import pyarrow.parquet as pq

from etl.load.publish import publish
from etl.schema import TABLES, empty_table, to_table
from etl.settings import Settings


def run_row(run_id):
    from datetime import datetime, timezone

    now = datetime.now(timezone.utc)
    return {"run_id": run_id, "started_at": now, "finished_at": now, "status": "success", "code_version": "test",
            "documents_seen": 1, "documents_loaded": 1, "documents_skipped": 0, "documents_rejected": 0}


def tables_with_one_document(doc_id):
    tables = {name: empty_table(name) for name in TABLES if name != "runs"}
    tables["documents"] = to_table("documents", [{"doc_id": doc_id, "source": "a.txt", "n_blocks": 0, "n_unique_blocks": 0, "status": "loaded"}])
    return tables


def test_publish_writes_parquet_and_duckdb_and_keeps_every_run(tmp_path):
    settings = Settings(warehouse=tmp_path)
    publish(settings, tables_with_one_document("first"), run_row("r1"))
    publish(settings, tables_with_one_document("second"), run_row("r2"))
    documents = pq.read_table(tmp_path / "parquet" / "documents")
    assert documents.column("doc_id").to_pylist() == ["second"]
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select run_id from runs order by run_id").fetchall() == [("r1",), ("r2",)]
        assert con.execute("select doc_id from documents").fetchall() == [("second",)]
        tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    assert tables == set(TABLES)
    assert not list(tmp_path.glob(".parquet-*")), "no temporary folder is left behind"
