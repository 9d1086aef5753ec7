"""Incremental, idempotent runs: unchanged documents never reach the NLP, and the warehouse ends as a full rebuild would."""

from __future__ import annotations

import duckdb
import pytest

from etl.cli import main
from tests.load.snapshot import article, duckdb_tables, light_suites, snapshot, write_articles

FACTS = ("documents", "blocks", "actors", "actor_mentions", "event_mentions", "events", "quotes", "statistics")


@pytest.fixture(autouse=True)
def fast_suites(tmp_path, monkeypatch):
    """The real suites run once, in test_the_merged_warehouse_passes_every_check; elsewhere they only cost time."""
    monkeypatch.setenv("ETL_EXPECTATIONS", str(light_suites(tmp_path / "suites")))


def etl_run(seeds, warehouse, *flags) -> int:
    return main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse), *flags])


def query(warehouse, sql):
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def mixed_seeds(seeds):
    """Articles, an exact copy, a feed with a bad line and an unsupported file: every kind of row and finding."""
    write_articles(seeds, range(3))
    (seeds / "copy.md").write_text(article(0), encoding="utf-8")
    (seeds / "feed.jsonl").write_text('{"text": "Olaf Scholz visited Paris on Friday."}\n{broken\n', encoding="utf-8")
    (seeds / "logo.png").write_bytes(b"\x89PNG\r\n")


def test_an_unchanged_rerun_changes_nothing_but_runs(tmp_path, monkeypatch, capsys):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    mixed_seeds(seeds)
    assert etl_run(seeds, warehouse) == 0
    first = snapshot(warehouse)
    (first_run,) = query(warehouse, "select run_id from runs")[0]

    def no_nlp(*args, **kwargs):
        raise AssertionError("an unchanged document reached the NLP")

    def no_checks(*args, **kwargs):
        raise AssertionError("unchanged tables were validated again with unchanged checks")

    monkeypatch.setattr("etl.transform.parse_documents", no_nlp)
    monkeypatch.setattr("etl.quality.assess", no_checks)
    capsys.readouterr()
    assert etl_run(seeds, warehouse) == 0
    second = snapshot(warehouse)

    for reader in ("duckdb", "parquet"):
        for name in FACTS + ("dq_findings",):
            assert second[reader][name] == first[reader][name], (reader, name)
    assert len(second["duckdb"]["runs"]) == 2
    assert {check for (check,) in query(warehouse, "select distinct check_name from dq_findings")} >= {
        "duplicate_document",
        "rejected_document",
    }
    assert query(warehouse, "select distinct run_id from dq_findings") == [(first_run,)]
    latest = query(
        warehouse,
        "select documents_seen, documents_loaded, documents_skipped, documents_rejected from runs order by started_at desc limit 1",
    )
    assert latest == [(7, 0, 5, 2)]
    out = capsys.readouterr().out
    assert "0 new or changed, 4 unchanged, 1 duplicate, 2 rejected" in out
    assert "rejected logo.png: unsupported file type '.png'" in out
    assert "rejected feed.jsonl#2: malformed JSON" in out


def test_a_rerun_with_other_checks_validates_again(tmp_path, monkeypatch):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    write_articles(seeds, range(2))
    (seeds / "copy.md").write_text(article(0), encoding="utf-8")
    assert etl_run(seeds, warehouse) == 0

    monkeypatch.setenv("ETL_SEVERITY", "duplicate_document=error")
    assert etl_run(seeds, warehouse) == 1  # the stricter policy is applied to the unchanged tables
    monkeypatch.delenv("ETL_SEVERITY")
    assert etl_run(seeds, warehouse) == 0
    assert len(query(warehouse, "select run_id from runs")) == 2


def test_new_changed_and_removed_inputs_merge_as_a_full_rebuild_would(tmp_path):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    write_articles(seeds, range(4))
    assert etl_run(seeds, warehouse) == 0

    (seeds / "article-0001.md").write_text(article(1).replace("on Monday", "on Friday"), encoding="utf-8")
    (seeds / "article-0002.md").unlink()
    write_articles(seeds, range(4, 6))
    (seeds / "copy-of-0.md").write_text(article(0), encoding="utf-8")
    assert etl_run(seeds, warehouse) == 0
    assert query(warehouse, "select documents_seen, documents_loaded, documents_skipped from runs order by started_at desc limit 1") == [
        (6, 3, 3)
    ]
    copy = "select d.status, o.source from documents d join documents o on o.doc_id = d.duplicate_of where d.source = 'copy-of-0.md'"
    assert query(warehouse, copy) == [("duplicate", "article-0000.md")]
    assert query(warehouse, "select count(*) from dq_findings where check_name = 'duplicate_document'") == [(1,)]
    assert query(warehouse, "select count(*) from documents where source = 'article-0002.md' and status = 'loaded'") == [(1,)]
    assert query(warehouse, "select count(*) from blocks where text like '%on Friday%'") == [(1,)]

    rebuilt = tmp_path / "rebuilt"
    write_articles(tmp_path / "all_seeds", [2])
    for path in seeds.iterdir():
        (tmp_path / "all_seeds" / path.name).write_bytes(path.read_bytes())
    assert etl_run(tmp_path / "all_seeds", rebuilt) == 0
    assert duckdb_tables(warehouse, FACTS) == duckdb_tables(rebuilt, FACTS)

    assert etl_run(seeds, warehouse, "--full-refresh") == 0
    assert query(warehouse, "select count(*) from documents where source = 'article-0002.md'") == [(0,)]
    assert query(warehouse, "select count(*) from runs") == [(3,)]
    fresh = tmp_path / "fresh"
    assert etl_run(seeds, fresh) == 0
    assert duckdb_tables(warehouse, FACTS) == duckdb_tables(fresh, FACTS)


def test_one_person_across_runs_is_merged_and_unmerged_as_the_corpus_grows(tmp_path):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    seeds.mkdir()
    (seeds / "a.md").write_text("**Talks Stall**\n\nPutin told reporters in Moscow on Tuesday that talks had stalled.\n")
    assert etl_run(seeds, warehouse) == 0
    persons = "select name, mention_count, doc_count from actors where type = 'person' order by name"
    assert query(warehouse, persons) == [("Putin", 1, 1)]

    (seeds / "b.md").write_text("**Kremlin Speaks**\n\nVladimir Putin said on Wednesday that Russia wanted peace.\n")
    assert etl_run(seeds, warehouse) == 0
    assert query(warehouse, persons) == [("Vladimir Putin", 2, 2)]
    (aliases,) = query(warehouse, "select aliases from actors where name = 'Vladimir Putin'")[0]
    assert aliases == ["Putin", "Vladimir Putin"]

    (seeds / "c.md").write_text("**Skater Wins**\n\nMaria Putin won the skating final in Oslo on Thursday.\n")
    assert etl_run(seeds, warehouse) == 0
    assert query(warehouse, persons) == [("Maria Putin", 1, 1), ("Putin", 1, 1), ("Vladimir Putin", 1, 1)]
    assert etl_run(seeds, tmp_path / "rebuilt") == 0
    assert duckdb_tables(warehouse, FACTS) == duckdb_tables(tmp_path / "rebuilt", FACTS)


def test_spellings_of_one_person_merge_across_runs_as_a_rebuild_merges_them(tmp_path):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    seeds.mkdir()
    (seeds / "a.md").write_text("**Talks Stall**\n\nPresident Kalganov told reporters in Moscow on Tuesday that talks had stalled.\n")
    (seeds / "b.md").write_text("**Minister Speaks**\n\nBoris Kalganow said on Wednesday that the harvest was late.\n")
    assert etl_run(seeds, warehouse) == 0
    persons = "select name, mention_count, doc_count from actors where type = 'person' order by name"
    assert query(warehouse, persons) == [("Boris Kalganow", 2, 2)]

    (seeds / "c.md").write_text("**Grain Deal**\n\nBoris Kalganov signed the grain deal in Minsk on Thursday.\n")
    (seeds / "d.md").write_text("**Visit Ends**\n\nBoris Kalganov flew home from Warsaw on Friday.\n")
    assert etl_run(seeds, warehouse) == 0
    assert query(warehouse, persons) == [("Boris Kalganov", 4, 4)]
    assert etl_run(seeds, tmp_path / "rebuilt") == 0
    assert duckdb_tables(warehouse, FACTS) == duckdb_tables(tmp_path / "rebuilt", FACTS)


def test_a_copy_takes_over_when_its_original_changes(tmp_path):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    write_articles(seeds, [7])
    (seeds / "zz-copy.md").write_text(article(7), encoding="utf-8")
    assert etl_run(seeds, warehouse) == 0
    statuses = "select source, status, duplicate_of is not null from documents order by source"
    assert query(warehouse, statuses) == [("article-0007.md", "loaded", False), ("zz-copy.md", "duplicate", True)]

    (seeds / "article-0007.md").write_text(article(8), encoding="utf-8")
    assert etl_run(seeds, warehouse) == 0
    assert query(warehouse, statuses) == [("article-0007.md", "loaded", False), ("zz-copy.md", "loaded", False)]
    assert query(warehouse, "select count(distinct doc_id) from actor_mentions") == [(2,)]
    assert query(warehouse, "select documents_loaded from runs order by started_at desc limit 1") == [(2,)]


def test_the_merged_warehouse_passes_every_check(tmp_path, monkeypatch):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    mixed_seeds(seeds)
    assert etl_run(seeds, warehouse) == 0
    (seeds / "article-0001.md").unlink()
    (seeds / "article-0002.md").write_text(article(2).replace("Monday", "Sunday"), encoding="utf-8")
    write_articles(seeds, [9])
    assert etl_run(seeds, warehouse) == 0
    monkeypatch.delenv("ETL_EXPECTATIONS")
    assert main(["validate", "--warehouse", str(warehouse)]) == 0


def test_a_warehouse_of_an_older_schema_version_is_rebuilt_once_and_says_why(tmp_path, capsys):
    """The first run of newer code re-processes every document (the published state may mean something else now),
    names the schema changes in its summary, and the run after it is incremental again."""
    import json

    from etl.load.versions import VERSION_FILE
    from etl.schema import SCHEMA_CHANGES, SCHEMA_VERSION

    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    write_articles(seeds, range(3))
    assert etl_run(seeds, warehouse) == 0
    version_file = (warehouse / "current").resolve() / VERSION_FILE
    recorded = json.loads(version_file.read_text())
    assert recorded["schema_version"] == SCHEMA_VERSION
    assert SCHEMA_VERSION in SCHEMA_CHANGES  # the version this code writes says what changed
    version_file.write_text(json.dumps({key: value for key, value in recorded.items() if key != "schema_version"}))
    capsys.readouterr()

    assert etl_run(seeds, warehouse) == 0
    said = capsys.readouterr().out
    assert "processed again" in said and all(change[:40] in " ".join(said.split()) for change in SCHEMA_CHANGES.values())
    assert etl_run(seeds, warehouse) == 0
    assert "processed again" not in capsys.readouterr().out
    loaded = [row[0] for row in query(warehouse, "select documents_loaded from runs order by run_id")]
    assert loaded == [3, 3, 0]
