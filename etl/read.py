"""Front door for Python: a published warehouse's tables as polars LazyFrames, all from one version.

    import etl
    tables = etl.tables("warehouse")            # or an fsspec URL; default: $ETL_WAREHOUSE or warehouse/
    tables["events"].filter(pl.col("event_type") == "PROTEST").collect()

Every frame reads the version that was current when `tables` was called: a run that publishes meanwhile
never mixes two runs' tables into one analysis (the version before the current one is kept for such
readers; call `tables` again to see a newer run).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from etl.errors import UsageError
from etl.schema import TABLES
from etl.settings import load_settings

if TYPE_CHECKING:
    import polars as pl


def tables(warehouse: str | Path | None = None) -> dict[str, pl.LazyFrame]:
    """Every table of the warehouse's current version (a local copy is refreshed first for a URL), by name."""
    import polars as pl

    from etl.load.remote import refresh_local_copy
    from etl.load.versions import current_version, published_root

    settings = load_settings(warehouse=str(warehouse)) if warehouse is not None else load_settings()
    refresh_local_copy(settings)
    root = published_root(settings, current_version(settings.warehouse))
    if root is None or not (root / "parquet").is_dir():
        where = settings.warehouse_url or str(settings.warehouse)
        raise UsageError(f"no published warehouse at {where!r}: run `etl run` first, or pass the warehouse folder")
    return {name: pl.scan_parquet(str(root / "parquet" / name / "**" / "*.parquet")) for name in TABLES}
