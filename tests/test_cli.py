"""The etl command's exit codes and its promise: a failed error-severity check publishes nothing."""

from __future__ import annotations

import json

import duckdb

from etl.cli import main
from etl.schema import SCHEMA_VERSION
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


def broken_inputs(seeds, outside):
    """One good article and every kind of input that cannot be loaded."""
    seeds.mkdir()
    outside.mkdir()
    (seeds / "good.md").write_text(ARTICLE, encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blank.md").write_text(" \n\n\t\n", encoding="utf-8")
    (seeds / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (seeds / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (seeds / "README").write_text("no suffix", encoding="utf-8")
    (seeds / "bad.json").write_text('{"text": "unterminated', encoding="utf-8")
    (seeds / "list.json").write_text('[{"text": "one"}]', encoding="utf-8")
    (seeds / "feed.jsonl").write_text('{"text": "Officials met in Oslo on Monday."}\n{oops\n{"text": "\\udc80"}\n', encoding="utf-8")
    (seeds / "bad16.txt").write_bytes(b"\xff\xfe" + b"a\x00\x00\xd8")
    (seeds / "menu.html").write_text("<html><body><script>1</script></body></html>", encoding="utf-8")
    with open(seeds / "huge.txt", "wb") as handle:
        handle.truncate(20_000_000)
    (outside / "x.txt").write_text("outside", encoding="utf-8")
    (seeds / "out.txt").symlink_to(outside / "x.txt")
    for number in range(10):
        (seeds / f"junk-{number}.bin").write_bytes(b"\x00")
    return 23


def test_a_folder_of_broken_inputs_loads_and_the_summary_names_each(tmp_path, capsys):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    expected = broken_inputs(seeds, tmp_path / "outside")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse)]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    lines = [line for line in captured.out.splitlines() if line.startswith("rejected ")]
    assert len(lines) == 20 and f"... and {expected - 20} more rejected" in captured.out
    assert f"{expected + 2} read, 2 new or changed" in captured.out
    for source, reason in [
        ("bad.json", "malformed JSON"),
        ("bad16.txt", "invalid UTF-16"),
        ("binary.txt", "binary file"),
        ("blank.md", "empty document"),
        ("empty.txt", "empty file"),
        ("feed.jsonl#2", "malformed JSON"),
        ("feed.jsonl#3", "lone surrogate"),
        ("huge.txt", "20.0 MB, over the 5.0 MB limit"),
    ]:
        assert any(line.startswith(f"rejected {source}: ") and reason in line for line in lines), source
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        rejected = con.execute("select source, reject_reason from documents where status = 'rejected'").fetchall()
        assert con.execute("select count(*) from documents where status = 'loaded'").fetchone() == (2,)
    assert len(rejected) == expected and all(reason and "\n" not in reason for _, reason in rejected)
    assert {"list.json", "logo.png", "README", "menu.html", "out.txt"} <= {source for source, _ in rejected}


def test_full_refresh_comes_from_the_flag_or_the_environment(monkeypatch):
    from etl.settings import load_settings

    assert load_settings(full_refresh=None).full_refresh is False
    monkeypatch.setenv("ETL_FULL_REFRESH", "1")
    assert load_settings(full_refresh=None).full_refresh is True


def test_the_readme_documents_exit_status_3():
    from tests.conftest import REPO

    assert "3 another run is writing" in (REPO / "README.md").read_text(encoding="utf-8")


def test_the_progress_bar_counts_processed_documents_per_second(tmp_path, monkeypatch):
    from rich.progress import Progress

    from etl.cli import DocumentProgress
    from etl.pipeline import run
    from etl.settings import load_settings
    from tests.load.snapshot import light_suites, write_articles

    monkeypatch.setenv("ETL_EXPECTATIONS", str(light_suites(tmp_path / "suites")))
    write_articles(tmp_path / "seeds", range(3))
    settings = load_settings(seeds=tmp_path / "seeds", warehouse=tmp_path / "warehouse")
    with Progress(disable=True) as bar:
        run(settings, progress=DocumentProgress(bar))
        write_articles(tmp_path / "seeds", [3])
        run(settings, progress=DocumentProgress(bar))  # incremental: only the new article is counted
    first, second = bar.tasks
    assert (first.total, first.completed, second.total, second.completed) == (3, 3, 1, 1)
    assert first.fields["rate"].endswith("docs/s")


def test_version_names_the_package_and_the_schema(capsys):
    try:
        main(["--version"])
    except SystemExit as stop:
        assert stop.code == 0
    out = capsys.readouterr().out
    assert out.startswith("newsetl ") and f"warehouse schema {SCHEMA_VERSION}" in out


def test_run_and_report_speak_json_on_stdout(tmp_path, capsys):
    seeds, warehouse = tmp_path / "seeds", tmp_path / "warehouse"
    seeds.mkdir()
    (seeds / "a.md").write_text(ARTICLE + ARTICLE.split("\n", 1)[1], encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(warehouse), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["status"] == "success" and summary["rows"]["documents"] == 2
    assert summary["findings"]["duplicate_block"] == 1
    assert summary["rejected"] == [{"source": "empty.txt", "reason": summary["rejected"][0]["reason"]}]
    assert main(["report", "--warehouse", str(warehouse), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [row["check_name"] for row in findings["duplicate_block"]] == ["duplicate_block"]
