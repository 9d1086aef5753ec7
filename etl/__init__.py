"""newsetl: news articles in, validated event, actor, quote and statistics tables out."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    import polars as pl


def tables(warehouse: str | Path | None = None) -> dict[str, pl.LazyFrame]:
    """Every table of a published warehouse as a polars LazyFrame, all from one version (etl.read.tables)."""
    from etl.read import tables as read_tables

    return read_tables(warehouse)
