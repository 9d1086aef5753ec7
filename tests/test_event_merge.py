"""Reports of one happening in different documents are one event, through `etl run` (DuckDB's GROUP BY keys)."""

from __future__ import annotations

import duckdb

from etl.cli import main


def write(folder, name: str, published: str, source: str, text: str) -> None:
    (folder / name).write_text(f"---\ndate: {published}\nsource: {source}\n---\n{text}\n", encoding="utf-8")


def test_reports_of_one_happening_in_two_documents_are_one_event(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds, "a.md", "2023-05-17", "Wire A", "Kenyan police arrested twelve protesters in Mombasa on Tuesday.")
    write(seeds, "b.md", "2023-05-18", "Wire B", "Police in Kenya arrested twelve protesters in Mombasa on Tuesday, witnesses said.")
    write(seeds, "c.md", "2023-05-25", "Wire A", "Kenyan police again arrested twelve protesters in Mombasa on Tuesday.")
    warehouse = tmp_path / "warehouse"
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    events = con.sql(
        "SELECT event_date, num_mentions, num_documents, num_sources FROM events WHERE event_type = 'COERCE' ORDER BY event_date"
    ).fetchall()
    assert [(str(day), mentions, documents, sources) for day, mentions, documents, sources in events] == [
        ("2023-05-16", 2, 2, 2),  # a and b: the same arrest, one event
        ("2023-05-23", 1, 1, 1),  # c: a Tuesday a week later
    ]
    unlinked = con.execute(
        "SELECT count(*) FROM event_mentions m LEFT JOIN events e USING (event_id) WHERE m.event_id IS NOT NULL AND e.event_id IS NULL"
    )
    assert unlinked.fetchall() == [(0,)]
