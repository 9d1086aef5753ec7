"""news_tables_consumer: an example of a DAG scheduled on the tables `news_etl` publishes.

It runs whenever `news_etl`'s `load` has published a new version of the `events` table (the Asset
`newsetl_events`), and logs how many events of each type the warehouse now holds, read through
`etl.tables` from one published version. Copy it as the start of a downstream job: a dashboard refresh,
an export, an alert on a new kind of finding.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from airflow.sdk import Asset, Param, dag, task

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("etl") is None:
    sys.path.insert(0, str(PROJECT_ROOT))

log = logging.getLogger(__name__)


@dag(
    dag_id="news_tables_consumer",
    schedule=[Asset("newsetl_events")],
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,
    params={"warehouse": Param(None, type=["null", "string"], description="Warehouse to read; empty means ETL_WAREHOUSE or warehouse/")},
    tags=["newsetl", "example"],
    doc_md=__doc__,
)
def news_tables_consumer():
    @task
    def events_by_type(params: dict | None = None) -> dict[str, int]:
        """Events per PLOVER type in the published warehouse."""
        import polars as pl

        import etl

        warehouse = (params or {}).get("warehouse") or os.environ.get("ETL_WAREHOUSE") or PROJECT_ROOT / "warehouse"
        counts = etl.tables(warehouse)["events"].group_by("event_type").agg(pl.len().alias("events")).collect()
        found = {row["event_type"]: row["events"] for row in counts.iter_rows(named=True)}
        log.info("events by type in the published warehouse: %s", found)
        return found

    events_by_type()


news_tables_consumer()
