"""The etl command's exit codes and its promise: a failed error-severity check publishes nothing."""

from __future__ import annotations

import duckdb

from etl.cli import main
from tests.conftest import strict_suites

ARTICLE = "**Ministers Meet In Oslo**\nNorway's foreign minister met his Swedish counterpart on Monday.\n"


def test_failed_check_exits_1_and_publishes_nothing(tmp_path, monkeypatch):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    seeds.mkdir()
    (seeds / "a.md").write_text(ARTICLE, encoding="utf-8")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    published = (warehouse / "parquet" / "documents" / "part-0.parquet").read_bytes()

    (seeds / "b.md").write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    monkeypatch.setenv("ETL_EXPECTATIONS", str(strict_suites(tmp_path / "suites")))
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 1

    assert (warehouse / "parquet" / "documents" / "part-0.parquet").read_bytes() == published
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from runs").fetchone() == (1,)
        assert con.execute("select count(*) from documents").fetchone() == (1,)
    assert not any((warehouse / "_staging").iterdir())


def test_help_works_for_every_command(capsys):
    for argv in (["--help"], ["run", "--help"], ["validate", "--help"]):
        try:
            main(argv)
        except SystemExit as stop:
            assert stop.code == 0
    assert "--warehouse" in capsys.readouterr().out


def test_report_lists_findings_by_check(tmp_path, capsys):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    seeds.mkdir()
    (seeds / "a.md").write_text(ARTICLE + ARTICLE.split("\n", 1)[1], encoding="utf-8")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    capsys.readouterr()
    assert main(["report", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "duplicate_block: 1" in out
    assert main(["report", "--warehouse", str(tmp_path / "missing")]) == 2
