"""run(settings) -> RunReport: extract, transform, quality, load; each stage callable alone.

Stages hand each other a staging folder (`warehouse/_staging/<run_id>/<table>.parquet`), so the
CLI calls them in one process and the Airflow DAG calls them as separate tasks passing only ids.

Runs are incremental: the staged tables are the whole warehouse after this run. A document whose
text was processed before keeps its rows and facts and never reaches the language model; new and
changed documents are processed; a published document whose input file is gone stays.
`full_refresh` ignores what is published (bar the `runs` history) and rebuilds from the seeds.
Every stage holds the warehouse's writer lock, and load publishes a whole new version at once
(see etl/load/versions.py), so a run killed at any moment leaves the last published warehouse.
"""

from __future__ import annotations

import math
import multiprocessing
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Protocol

import pyarrow as pa

from etl import __version__, staging
from etl.errors import DataQualityError, EtlError, UsageError, WarehouseBusyError
from etl.load.lock import writer_lock
from etl.schema import TABLES, to_table
from etl.settings import Settings

FACT_TABLES = ("actors", "actor_mentions", "events", "quotes", "statistics")
# A staged run driven stage by stage (the DAG) whose staging is untouched this long was abandoned.
STAGED_RUN_TTL_SECONDS = 24 * 3600
# In a published version: the fingerprint of the checks that validated it (see validation_fingerprint).
VALIDATION_FILE = "validation.txt"
# Airflow's dynamic task mapping allows 1024 mapped tasks by default: shards grow before there are more.
MAX_SHARDS = 1024
# Local worker processes get at least this many shards each, so a slow shard does not leave the others idle.
SHARDS_PER_WORKER = 4


class Progress(Protocol):
    """What long stages report to: the CLI shows it as a progress bar."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


@dataclass
class RunReport:
    """What one run did: rows per table, findings per check, what happened to its inputs, and its outcome."""

    run_id: str
    status: str
    rows: dict[str, int] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)


def new_run_id() -> str:
    """A sortable, unique id for one run: UTC time plus a random suffix."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]


def check_paths(settings: Settings) -> None:
    """Fail early, with the fix, on a seeds folder that is not there."""
    if not settings.seeds.is_dir():
        raise UsageError(f"seeds folder {str(settings.seeds)!r} does not exist or is not a folder: pass --seeds DIR or set ETL_SEEDS")


def write_stage_table(settings: Settings, run_id: str, name: str, table: pa.Table) -> None:
    staging.write_table(settings, run_id, name, table)


def read_stage_table(settings: Settings, run_id: str, name: str, schema: pa.Schema | None = None) -> pa.Table:
    return staging.read_table(settings, run_id, name, schema or TABLES[name])


def extract_stage(settings: Settings, run_id: str, whole_run: bool = False) -> str:
    """Read every input; stage the warehouse's documents and blocks after this run, and which documents need the NLP."""
    from etl.extract.documents import read_documents
    from etl.load.merge import documents_to_process, merge_documents
    from etl.load.parquet import read_published
    from etl.load.state import read_state
    from etl.load.versions import current_version, ensure_links, prune_versions, published_root

    check_paths(settings)
    with writer_lock(settings):
        prune_versions(settings)
        ensure_links(settings.warehouse)
        _clean_staging(settings, keep=run_id)
        base = current_version(settings.warehouse)
        root = published_root(settings, base)
        state = None if settings.full_refresh else read_state(root)
        started = datetime.now(timezone.utc).isoformat()
        staging.write_info(settings, run_id, {"started_at": started, "base": base, "incremental": state is not None, "whole_run": whole_run})
        read, read_blocks = read_documents(settings.seeds, settings.max_input_bytes)
        published = read_published(root / "parquet", "documents").to_pylist() if state else []
        published_blocks = read_published(root / "parquet", "blocks").to_pylist() if state else []
        processed = {(row["doc_id"], row["content_sha256"]) for row in state["processed"].to_pylist()} if state else set()
        documents, blocks = merge_documents(read, read_blocks, published, published_blocks, processed)
        kept = {doc["doc_id"] for doc in documents if (doc["doc_id"], doc["content_sha256"]) in processed}
        documents, blocks = mark_repeats(documents, blocks, published, settings, kept)
        todo = documents_to_process(documents, processed)
        documents_table, blocks_table = to_table("documents", documents), to_table("blocks", blocks)
        unchanged = bool(state) and not todo and _same_as_published(root, {"documents": documents_table, "blocks": blocks_table})
        write_stage_table(settings, run_id, "documents", documents_table)
        write_stage_table(settings, run_id, "blocks", blocks_table)
        staging.write_info(settings, run_id, {"todo": todo, "inputs": _input_counts(read, documents, todo), "unchanged": unchanged})
    return staging.location(settings, run_id)


def _same_as_published(root, tables: dict[str, pa.Table]) -> bool:
    """Whether these tables are exactly the published ones."""
    from etl.load.parquet import read_published

    return all(table.equals(read_published(root / "parquet", name)) for name, table in tables.items())


def mark_repeats(
    documents: list[dict], blocks: list[dict], published: list[dict], settings: Settings, kept: set[str] = frozenset()
) -> tuple[list[dict], list[dict]]:
    """Repeated paragraphs, repeated documents (exact, then near) and boilerplate, before any NLP.

    Documents in `kept` were processed before with this text: their blocks are published with
    their repeats marked already, so only the others' paragraphs are compared.
    """
    from etl.extract.documents import mark_duplicates
    from etl.quality.boilerplate import mark_boilerplate
    from etl.quality.dedup import NearDuplicateSettings, mark_near_duplicate_blocks, mark_near_duplicate_documents

    near = NearDuplicateSettings(block_threshold=settings.near_duplicate_threshold)
    documents, fresh = mark_near_duplicate_blocks(documents, [block for block in blocks if block["doc_id"] not in kept], near)
    marked = {(block["doc_id"], block["block_idx"]): block for block in fresh}
    blocks = [marked.get((block["doc_id"], block["block_idx"]), block) for block in blocks]
    documents = mark_near_duplicate_documents(mark_duplicates(documents, published), published, near)
    return documents, mark_boilerplate(documents, blocks, settings.boilerplate_min_documents)


def _input_counts(read: list[dict], documents: list[dict], todo: list[str]) -> dict:
    """What happened to this run's inputs: read, processed, unchanged, duplicate, rejected (with reasons)."""
    status = {doc["doc_id"]: doc["status"] for doc in documents}
    waiting = set(todo)
    read_ids = [doc["doc_id"] for doc in read]
    return {
        "read": len(read),
        "processed": sum(1 for doc_id in read_ids if doc_id in waiting),
        "unchanged": sum(1 for doc_id in read_ids if status[doc_id] == "loaded" and doc_id not in waiting),
        "duplicate": sum(1 for doc_id in read_ids if status[doc_id] == "duplicate"),
        "rejected": [[doc["source"], doc["reject_reason"]] for doc in read if doc["status"] == "rejected"],
    }


def transform_stage(settings: Settings, run_id: str, progress: Progress | None = None) -> str:
    """Facts of the new and changed documents through the NLP, shard by shard (`settings.workers` at once), then merged."""
    with writer_lock(settings):
        shards = plan_shards(settings, run_id, local_workers=settings.workers)
        sizes = staging.read_info(settings, run_id)["shards"]
        if progress:
            progress.start(sum(len(shard) for shard in sizes))
        if settings.workers <= 1 or len(shards) <= 1:
            for shard in shards:
                transform_shard(settings, run_id, shard, progress)
        else:
            _transform_shards_in_parallel(settings, run_id, shards, progress, sizes)
        return merge_stage(settings, run_id)


def plan_shards(settings: Settings, run_id: str, local_workers: int = 0) -> list[int]:
    """Split the documents that need the NLP into shards; return the shard numbers (for Airflow's task mapping).

    A shard holds `settings.shard_size` documents, more when there would be over MAX_SHARDS of
    them; for local worker processes, small enough that each worker gets several (load balance).
    """
    info = staging.read_info(settings, run_id)
    todo = info["todo"]
    size = max(1, settings.shard_size, math.ceil(len(todo) / MAX_SHARDS))
    if local_workers > 1:
        size = max(1, min(size, math.ceil(len(todo) / (local_workers * SHARDS_PER_WORKER))))
    shards = [todo[start : start + size] for start in range(0, len(todo), size)]
    staging.write_info(settings, run_id, {"shards": shards})
    return list(range(len(shards)))


def transform_shard(settings: Settings, run_id: str, shard: int, progress: Progress | None = None) -> str:
    """One shard's documents through the transform, each on its own; write their facts as the shard's parts.

    Takes no lock: a shard writes only its own folder of this run's staging, so shards run side by
    side, in worker processes or as mapped Airflow tasks on other machines. A retried shard overwrites its parts.
    """
    from etl.load.state import state_table

    info = staging.read_info(settings, run_id)
    doc_ids = info["shards"][shard]
    documents = _staged_rows(settings, run_id, "documents", doc_ids)
    blocks = _staged_rows(settings, run_id, "blocks", doc_ids)
    rows = _process_documents(documents, blocks, settings, progress)
    for name, table_rows in rows.items():
        write_stage_table(settings, run_id, _shard_part(shard, name), state_table(name, table_rows))
    return staging.location(settings, run_id) + "/" + _shard_part(shard, "")


def _staged_rows(settings: Settings, run_id: str, name: str, doc_ids: list[str]) -> list[dict]:
    """The staged rows of one table that belong to these documents."""
    import pyarrow.compute as pc

    table = read_stage_table(settings, run_id, name)
    return table.filter(pc.is_in(table.column("doc_id"), pa.array(doc_ids, pa.string()))).to_pylist()


def _shard_part(shard: int, name: str) -> str:
    """A shard's part of one state table, as a staging name."""
    return f"shards/{shard:04d}/{name}"


def _transform_shards_in_parallel(settings: Settings, run_id: str, shards: list[int], progress: Progress | None, sizes: list[list[str]]) -> None:
    """Shards over `settings.workers` processes (each loads the model once); the first failure stops the rest."""
    context = multiprocessing.get_context("spawn")  # a fork would copy the lock, threads and model state of this process
    with ProcessPoolExecutor(max_workers=settings.workers, mp_context=context) as pool:
        pending = {pool.submit(transform_shard, settings, run_id, shard): shard for shard in shards}
        try:
            for finished in as_completed(pending):
                finished.result()
                if progress:
                    progress.advance(len(sizes[pending[finished]]))
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def merge_stage(settings: Settings, run_id: str) -> str:
    """Every shard's facts with the kept documents' facts: the fact tables and state after this run."""
    from etl.load.state import RAW_FACT_TABLES, STATE_SCHEMAS, read_state, state_table
    from etl.load.versions import published_root

    with writer_lock(settings):
        info = staging.read_info(settings, run_id)
        documents = read_stage_table(settings, run_id, "documents").to_pylist()
        todo = set(info["todo"])
        loaded = [doc for doc in documents if doc["status"] == "loaded"]
        root = published_root(settings, info["base"]) if info["incremental"] else None
        state = read_state(root)
        if state and not todo and {doc["doc_id"] for doc in loaded} == set(state["processed"].column("doc_id").to_pylist()):
            _stage_published_facts(settings, run_id, root, state)  # nothing new: the published facts stand as they are
            return staging.location(settings, run_id)
        new: dict[str, list[dict]] = defaultdict(list)
        for shard in range(len(info["shards"])):
            for name, schema in STATE_SCHEMAS.items():
                if name != "processed":
                    if not staging.has_table(settings, run_id, _shard_part(shard, name)):
                        where = staging.location(settings, run_id)
                        raise EtlError(f"shard {shard} of run {run_id} has no {name} part (in {where}): run that shard's transform again")
                    new[name] += read_stage_table(settings, run_id, _shard_part(shard, name), schema).to_pylist()
        rows = _state_rows(state, new, documents, todo)
        facts = corpus_facts({name: rows[name] for name in RAW_FACT_TABLES}, rows["actor_observations"])
        for name in FACT_TABLES:
            write_stage_table(settings, run_id, name, to_table(name, facts.get(name, [])))
        for name, table_rows in rows.items():
            write_stage_table(settings, run_id, f"state_{name}", state_table(name, table_rows))
    return staging.location(settings, run_id)


def _state_rows(state: dict[str, pa.Table] | None, new: dict[str, list[dict]], documents: list[dict], todo: set[str]) -> dict[str, list[dict]]:
    """Per-document state after this run: kept documents' rows from the published state, processed ones' from `new`, in document order."""
    from etl.load.state import STATE_SCHEMAS

    loaded = [doc for doc in documents if doc["status"] == "loaded"]
    kept = {doc["doc_id"] for doc in loaded} - todo
    order = {doc["doc_id"]: index for index, doc in enumerate(documents)}
    rows = {"processed": [{"doc_id": doc["doc_id"], "content_sha256": doc["content_sha256"]} for doc in loaded]}
    for name in STATE_SCHEMAS:
        if name != "processed":
            old = [row for row in state[name].to_pylist() if row["doc_id"] in kept] if state else []
            rows[name] = sorted(old + new.get(name, []), key=lambda row: order[row["doc_id"]])
    return rows


def _stage_published_facts(settings: Settings, run_id: str, root, state: dict[str, pa.Table]) -> None:
    """Stage the published fact tables and state unchanged (the same documents, processed as before)."""
    from etl.load.parquet import read_published

    for name in FACT_TABLES:
        write_stage_table(settings, run_id, name, read_published(root / "parquet", name))
    for name, table in state.items():
        write_stage_table(settings, run_id, f"state_{name}", table)


def _process_documents(documents: list[dict], blocks: list[dict], settings: Settings, progress: Progress | None) -> dict[str, list[dict]]:
    """Each document through the transform on its own: its facts and the actors it names, before any cross-document merge."""
    from etl.load.state import RAW_FACT_TABLES
    from etl.transform import facts_per_document

    raw: dict[str, list[dict]] = {name: [] for name in (*RAW_FACT_TABLES, "actor_observations")}
    for doc_id, facts in facts_per_document(documents, blocks, settings, progress=progress):
        for name in RAW_FACT_TABLES:
            raw[name] += facts.get(name, [])
        raw["actor_observations"] += [
            {"doc_id": doc_id, **{key: actor[key] for key in ("actor_id", "name", "type", "role", "country")}} for actor in facts["actors"]
        ]
    return raw


def corpus_facts(raw: dict[str, list[dict]], observations: list[dict]) -> dict[str, list[dict]]:
    """Public fact tables from per-document facts: one person across documents, actor rows over every mention."""
    from etl.transform import actor_rows, apply_actor_remap, surname_merges
    from etl.transform.context import Actor

    facts = {name: [dict(row) for row in rows] for name, rows in raw.items()}
    actors: dict[str, list[Actor]] = defaultdict(list)
    for row in observations:
        actors[row["actor_id"]].append(Actor(row["actor_id"], row["name"], row["type"], row["role"], row["country"]))
    apply_actor_remap(facts, actors, surname_merges(actors))
    facts["actors"] = actor_rows(actors, facts["actor_mentions"])
    return facts


def validate_stage(settings: Settings, run_id: str) -> str:
    """Findings and expectation suites over the warehouse as this run leaves it; raise if an error-severity check fails."""
    from etl.load.merge import carry_first_seen
    from etl.load.parquet import read_published
    from etl.load.versions import published_root
    from etl.quality import assess

    with writer_lock(settings):
        info = staging.read_info(settings, run_id)
        root = published_root(settings, info["base"]) if info["incremental"] else None
        fingerprint = validation_fingerprint(settings)
        if info.get("unchanged") and root is not None and _published_fingerprint(root) == fingerprint:
            # the same tables checked the same way: the published findings and data docs stand
            write_stage_table(settings, run_id, "dq_findings", read_published(root / "parquet", "dq_findings"))
            staging.write_info(settings, run_id, {"failures": [], "validated_with": fingerprint})
            return staging.location(settings, run_id)
        tables = {name: read_stage_table(settings, run_id, name) for name in TABLES if name not in ("dq_findings", "runs")}
        findings, failures = assess(tables, settings, run_id)
        if root is not None:
            findings = carry_first_seen(findings, read_published(root / "parquet", "dq_findings").to_pylist())
        write_stage_table(settings, run_id, "dq_findings", to_table("dq_findings", findings))
        staging.write_info(settings, run_id, {"failures": failures, "validated_with": fingerprint})
    if failures:
        raise DataQualityError(failures)
    return staging.location(settings, run_id)


def validation_fingerprint(settings: Settings) -> str:
    """What decides a validation's outcome besides the tables: the checks' code, the suites, the policy and thresholds."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256(__version__.encode())
    for setting in (settings.severity, settings.near_duplicate_threshold, settings.boilerplate_min_documents, settings.story_window_hours):
        digest.update(repr(setting).encode())
    quality = Path(__file__).parent / "quality"
    for path in sorted([*quality.glob("*.py"), *quality.glob("data/*"), *settings.expectations.glob("*.json")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _published_fingerprint(root) -> str | None:
    path = root / VALIDATION_FILE
    return path.read_text().strip() if path.exists() else None


def load_stage(settings: Settings, run_id: str) -> RunReport:
    """Publish the staged tables as the warehouse's new version, with a `runs` row; then drop the staging."""
    from etl.load.publish import publish
    from etl.load.state import STATE_SCHEMAS
    from etl.load.versions import current_version

    with writer_lock(settings):
        info = staging.read_info(settings, run_id)
        if info.get("failures"):
            raise DataQualityError(info["failures"])
        published = current_version(settings.warehouse)
        if published != info["base"]:
            raise WarehouseBusyError(f"run {published} was published after run {run_id} started from {info['base']}: start a new run")
        tables = {name: read_stage_table(settings, run_id, name) for name in TABLES if name != "runs"}
        state = {name: read_stage_table(settings, run_id, f"state_{name}", schema) for name, schema in STATE_SCHEMAS.items()}
        inputs = info["inputs"]
        run_row = {
            "run_id": run_id,
            "started_at": datetime.fromisoformat(info["started_at"]),
            "finished_at": datetime.now(timezone.utc),
            "status": "success",
            "code_version": __version__,
            "documents_seen": inputs["read"],
            "documents_loaded": inputs["processed"],
            "documents_skipped": inputs["unchanged"] + inputs["duplicate"],
            "documents_rejected": len(inputs["rejected"]),
        }
        publish(settings, tables, run_row, state, extra_files={VALIDATION_FILE: info.get("validated_with", "")})
        staging.remove(settings, run_id)
    return _report(run_id, "success", tables, info)


def discard_stage(settings: Settings, run_id: str) -> None:
    """Forget a run that will not be published."""
    staging.remove(settings, run_id)


def _clean_staging(settings: Settings, keep: str) -> None:
    """Drop staging of runs that died: one-process runs (their writer held this lock) and long-abandoned staged runs."""
    for run_id, info in staging.staged_runs(settings).items():
        if run_id == keep:
            continue
        abandoned = info is None or time.time() - info.get("touched_at", 0) > STAGED_RUN_TTL_SECONDS
        if abandoned or info.get("whole_run", True):
            staging.remove(settings, run_id)


def _report(run_id: str, status: str, tables: dict[str, pa.Table], info: dict, failures: list[str] | None = None) -> RunReport:
    findings = Counter(tables["dq_findings"].column("check").to_pylist()) if "dq_findings" in tables else Counter()
    rows = {name: table.num_rows for name, table in tables.items()}
    inputs = info.get("inputs", {})
    rejected = [(source, reason) for source, reason in inputs.get("rejected", [])]
    counts = {key: value for key, value in inputs.items() if key != "rejected"}
    if inputs:
        counts["rejected"] = len(rejected)
    return RunReport(run_id, status, rows, dict(findings), rejected, failures or [], counts)


def run(settings: Settings, progress: Progress | None = None) -> RunReport:
    """The whole flow in one process, holding the warehouse's writer lock throughout: the `etl run` command."""
    run_id = new_run_id()
    check_paths(settings)
    with writer_lock(settings):
        try:
            extract_stage(settings, run_id, whole_run=True)
            transform_stage(settings, run_id, progress=progress)
            validate_stage(settings, run_id)
        except DataQualityError as error:
            tables = {name: read_stage_table(settings, run_id, name) for name in ("documents", "dq_findings", *FACT_TABLES)}
            info = staging.read_info(settings, run_id)
            discard_stage(settings, run_id)
            return _report(run_id, "failed", tables, info, error.failures)
        except BaseException:
            discard_stage(settings, run_id)
            raise
        return load_stage(settings, run_id)

