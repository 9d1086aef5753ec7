"""The transform stage in shards: split the new documents, run each shard's NLP on its own, merge the parts.

A shard is a folder of the run's staging, `shards/NNNN/`, holding its input (`input_documents`,
`input_blocks`) and, once transformed, its facts per document (etl.schema.SHARD_TABLES). A
shard reads and writes nothing else, so shards run side by side in worker processes or as mapped
Airflow tasks on other machines. The merge reads every part and the kept documents' published
state in SQL and writes the fact tables and the state after this run.
"""

from __future__ import annotations

import math

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from etl import staging
from etl.errors import EtlError
from etl.schema import BLOCKS, DOCUMENTS, FACT_TABLES, PROCESSED, SHARD_TABLES, TABLES, state_table
from etl.settings import Settings
from etl.sql import batches, columns, connect, parquet, view
from etl.transform.corpus import merge_actors, raw_view

# Local worker processes get at least this many shards each, so a slow shard does not leave the others idle.
SHARDS_PER_WORKER = 4
# The merge's table of every document after this run: its position, status and content hash, and whether it is new.
DOCUMENT_ORDER = "document_order"


def shard_size(settings: Settings, documents: int, local_workers: int, max_shards: int) -> int:
    """Documents per shard: at most `settings.shard_size` (more when there would be over `max_shards`), evened out
    so that the shards are alike (558 documents at 500 a shard are two of 279, not 500 and 58: two Airflow
    workers finish together); for local worker processes small enough that each gets several (load balance)."""
    size = max(1, settings.shard_size, math.ceil(documents / max_shards))
    if local_workers > 1:
        size = max(1, min(size, math.ceil(documents / (local_workers * SHARDS_PER_WORKER))))
    shards = max(1, math.ceil(documents / size))
    return max(1, math.ceil(documents / shards))


def stage_shard_inputs(settings: Settings, run_id: str, todo: list[str], size: int) -> list[int]:
    """Write each shard's documents and blocks into its folder in one pass over the staged tables; return the shard sizes."""
    sizes = [len(todo[start : start + size]) for start in range(0, len(todo), size)]
    wanted = pa.array(todo, pa.string())
    for name, schema in (("documents", DOCUMENTS), ("blocks", BLOCKS)):
        _split(settings, run_id, name, schema, wanted, size, len(sizes))
    return sizes


def _split(settings: Settings, run_id: str, name: str, schema: pa.Schema, wanted: pa.Array, size: int, shards: int) -> None:
    """Rows of one staged table into `shards/NNNN/input_<name>`, by the position of their doc_id in `wanted`."""
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(staging.url(settings, run_id, name))
    writers: dict[int, tuple] = {}
    try:
        with fs.open(path, "rb") as handle:
            for batch in pq.ParquetFile(handle).iter_batches(batch_size=5000):
                shard_of = pc.divide(pc.index_in(batch.column("doc_id"), value_set=wanted), size)
                for shard in pc.unique(shard_of.drop_null()).to_pylist():
                    if shard not in writers:
                        writers[shard] = _open_part(settings, run_id, staging.shard_part(shard, f"input_{name}"), schema)
                    writers[shard][1].write_batch(batch.filter(pc.equal(shard_of, shard)).select(schema.names))
        for shard in range(shards):  # a shard whose documents have no rows here still gets its (empty) part
            if shard not in writers:
                writers[shard] = _open_part(settings, run_id, staging.shard_part(shard, f"input_{name}"), schema)
    finally:
        for handle, writer in writers.values():
            writer.close()
            handle.close()


def _open_part(settings: Settings, run_id: str, name: str, schema: pa.Schema) -> tuple:
    from fsspec.core import url_to_fs

    target = staging.url(settings, run_id, name)
    fs, path = url_to_fs(target)
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    handle = fs.open(path, "wb")
    return handle, pq.ParquetWriter(handle, schema)


def transform_shard(settings: Settings, run_id: str, shard: int, progress=None) -> str:
    """One shard's documents through the transform, each on its own; write their facts as the shard's parts.

    A retried shard overwrites its parts.
    """
    from etl.transform import facts_per_document

    documents = staging.read_table(settings, run_id, staging.shard_part(shard, "input_documents"), DOCUMENTS).to_pylist()
    blocks = staging.read_table(settings, run_id, staging.shard_part(shard, "input_blocks"), BLOCKS).to_pylist()
    rows: dict[str, list[dict]] = {name: [] for name in SHARD_TABLES}
    for _, facts in facts_per_document(documents, blocks, settings, progress=progress):
        for name in SHARD_TABLES:
            rows[name] += facts[name]
    for name, table_rows in rows.items():
        staging.write_table(settings, run_id, staging.shard_part(shard, name), state_table(name, table_rows))
    return staging.location(settings, run_id) + "/" + staging.shard_part(shard, "")


def merge(settings: Settings, run_id: str, shards: int, todo: list[str], state: dict | None) -> None:
    """Stage the fact tables and the state after this run: kept documents' facts from the published state, the
    others' from the shard parts, merged across documents (etl.transform.corpus)."""
    missing = [
        shard
        for shard in range(shards)
        for name in SHARD_TABLES
        if not staging.has_table(settings, run_id, staging.shard_part(shard, name))
    ]
    if missing:
        raise EtlError(
            f"shard {missing[0]} of run {run_id} has no facts (in {staging.location(settings, run_id)}): run that shard's transform again"
        )
    with connect(settings) as connection:
        view(connection, "staged_documents", f"{parquet(staging.url(settings, run_id, 'documents'), row_numbers=True)}")
        connection.register("todo", pa.table({"doc_id": pa.array(todo, pa.string())}))
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE {DOCUMENT_ORDER} AS SELECT doc_id, file_row_number AS position, status, content_sha256, "
            "doc_id IN (SELECT doc_id FROM todo) AS new FROM staged_documents"
        )
        for name, schema in SHARD_TABLES.items():
            _raw_view(connection, settings, run_id, name, schema, shards, state)
        facts = merge_actors(connection)
        outputs = {name: (f"SELECT {columns(TABLES[name])} FROM {facts[name]}", TABLES[name]) for name in FACT_TABLES}
        outputs[staging.state_name("processed")] = (
            f"SELECT {columns(PROCESSED)} FROM {DOCUMENT_ORDER} WHERE status = 'loaded' ORDER BY position",
            PROCESSED,
        )
        for name, schema in SHARD_TABLES.items():
            outputs[staging.state_name(name)] = (f"SELECT {columns(schema)} FROM {raw_view(name)} ORDER BY position, ordinal", schema)
        for name, (query, schema) in outputs.items():
            staging.write_batches(settings, run_id, name, schema, batches(connection, query, schema=schema))


def _raw_view(connection, settings: Settings, run_id: str, name: str, schema: pa.Schema, shards: int, state: dict | None) -> None:
    """The raw view of one shard table: the kept documents' rows from the published state, then the shards', with
    `position` and `ordinal`."""
    sources = []
    if state is not None:
        sources.append(
            f"SELECT {columns(schema, 't.')}, t.file_row_number AS ordinal FROM {parquet(str(state[name]), row_numbers=True)} t "
            f"SEMI JOIN {DOCUMENT_ORDER} d ON d.doc_id = t.doc_id AND d.status = 'loaded' AND NOT d.new"
        )
    parts = [staging.url(settings, run_id, staging.shard_part(shard, name)) for shard in range(shards)]
    if parts:
        sources.append(f"SELECT {columns(schema, 't.')}, t.file_row_number AS ordinal FROM {parquet(parts, row_numbers=True)} t")
    if not sources:
        view(connection, f"no_{name}_rows", schema.append(pa.field("ordinal", pa.int64())).empty_table())
        sources.append(f"SELECT * FROM no_{name}_rows")
    connection.execute(
        f"CREATE OR REPLACE TEMP VIEW {raw_view(name)} AS SELECT r.*, d.position "
        f"FROM ({' UNION ALL '.join(sources)}) r JOIN {DOCUMENT_ORDER} d USING (doc_id)"
    )


def published_state_stands(settings: Settings, run_id: str, todo: list[str], state: dict | None) -> bool:
    """Whether nothing is new: the loaded documents are exactly those the published facts come from."""
    if state is None or todo:
        return False
    with connect(settings) as connection:
        staged = parquet(staging.url(settings, run_id, "documents"))
        processed = parquet(str(state["processed"]))
        query = (
            f"SELECT count(*) FROM ((SELECT doc_id FROM {staged} WHERE status = 'loaded' EXCEPT SELECT doc_id FROM {processed}) "
            f"UNION ALL (SELECT doc_id FROM {processed} EXCEPT SELECT doc_id FROM {staged} WHERE status = 'loaded'))"
        )
        return connection.execute(query).fetchall()[0][0] == 0
