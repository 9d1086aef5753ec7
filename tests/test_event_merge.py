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


def test_reports_that_count_the_dead_differently_keep_the_lowest_and_say_so(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds, "a.md", "2023-05-17", "Wire A", "Gunmen killed 12 villagers in Kalibo on Tuesday.")
    write(seeds, "b.md", "2023-05-17", "Wire B", "Gunmen killed at least 15 villagers in Kalibo on Tuesday, officials said.")
    warehouse = tmp_path / "warehouse"
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    events = con.execute("SELECT event_id, fatalities, num_documents FROM events WHERE event_type = 'ASSAULT'").fetchall()
    assert [(fatalities, documents) for _, fatalities, documents in events] == [(12, 2)]
    counts = con.execute("SELECT fatalities FROM event_mentions ORDER BY fatalities").fetchall()
    assert counts == [(12,), (15,)]
    found = con.execute(
        "SELECT ref, details FROM dq_findings WHERE check_name = 'inconsistent_figure' AND table_name = 'events'"
    ).fetchall()
    assert [ref for ref, _ in found] == [events[0][0]]
    assert '"counts": [12, 15]' in found[0][1] and '"kept": 12' in found[0][1]


def test_reports_that_place_one_happening_at_a_town_and_at_its_region_are_one_event(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write(seeds, "a.md", "2024-05-15", "Wire A", "Russian troops shelled Ukrainian positions near Vovchansk on Tuesday.")
    write(
        seeds,
        "b.md",
        "2024-05-15",
        "Wire B",
        "Russian troops shelled Ukrainian positions in the Kharkiv region on Tuesday, officials said.",
    )
    write(seeds, "c.md", "2024-05-15", "Wire C", "Russian troops shelled Ukrainian positions near Bakhmut on Tuesday.")
    warehouse = tmp_path / "warehouse"
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    events = con.sql("SELECT admin1, num_documents, num_sources FROM events WHERE event_type = 'ASSAULT' ORDER BY admin1").fetchall()
    assert events == [("Donetsk", 1, 1), ("Kharkiv", 2, 2)]  # Vovchansk lies in the Kharkiv region; Bakhmut does not
