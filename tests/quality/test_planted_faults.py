"""Faults planted in articles written for the test are each caught, and a clean article raises nothing."""

from __future__ import annotations

import json
import subprocess

import duckdb
import pytest

from etl.cli import main
from tests.quality.test_data_docs_browser import CHROMIUM, FLAGS
from tests.quality.test_stories import AGENCY_A, AGENCY_B

STORY = (
    "Regional officials said the convoy crossed the river before dawn, carrying food, medicine and generators "
    "for the villages cut off by the fighting since the bridge was destroyed last week."
)
ATTACK = "Air defence units said Russia launched over 40 drones at the region overnight, damaging two power stations."
FOOTER = "Sign up for our morning newsletter to get the latest updates every day."
CLEAN = (
    "**Harvest Begins In The South**\n"
    "Farmers began the wheat harvest on Monday, a week earlier than last year.\n"
    "The agriculture ministry expects 20 million tonnes of grain, officials said.\n"
)


def article(*paragraphs: str) -> str:
    return "\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("plants")
    seeds = root / "seeds"
    (seeds / "outlet").mkdir(parents=True)
    changed = ATTACK.replace("over 40", "over 47")
    (seeds / "repeat.txt").write_text(article(ATTACK, STORY, changed), encoding="utf-8")
    (seeds / "clean.md").write_text(CLEAN, encoding="utf-8")
    (seeds / "shares.txt").write_text(article("Officials said 120% of the city's schools were damaged."), encoding="utf-8")
    (seeds / "quotes.txt").write_text(
        article("Barge freight for next week on the Illinois River was quoted at 135 pct of tariff."), encoding="utf-8"
    )
    (seeds / "agency-a.txt").write_text(article(AGENCY_A.format(killed=12)), encoding="utf-8")
    (seeds / "agency-b.txt").write_text(article(AGENCY_B.format(killed=15)), encoding="utf-8")
    story = article(STORY, "The governor thanked volunteers and asked for more trucks, fuel and drivers to keep the route open.")
    (seeds / "1-wire.txt").write_text(story, encoding="utf-8")
    (seeds / "2-syndicated.txt").write_text(story + "Reporting by the news desk.\n", encoding="utf-8")
    topics = ["a new hospital wing opened in the north", "the city council approved a budget", "a heatwave is forecast for Friday"]
    for n, topic in enumerate(topics):
        (seeds / "outlet" / f"{n}.txt").write_text(
            article(f"Reporters confirmed that {topic} after a long week.", FOOTER), encoding="utf-8"
        )
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(root / "wh")]) == 0
    return root / "wh"


def findings(warehouse, check):
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select d.source, f.details from dq_findings f left join documents d using (doc_id) where f.check_name = ?", [check]
        ).fetchall()
    return [(source, json.loads(details)) for source, details in rows]


def test_a_repeated_paragraph_with_a_changed_figure(warehouse):
    assert [source for source, _ in findings(warehouse, "duplicate_block")] == ["repeat.txt"]
    ((source, details),) = [f for f in findings(warehouse, "inconsistent_figure") if f[0] == "repeat.txt"]
    assert (details["value_text"], details["duplicate_value_text"]) == ("40", "47")


def test_a_syndicated_copy_is_a_duplicate_document_with_no_facts(warehouse):
    assert [source for source, _ in findings(warehouse, "duplicate_document")] == ["2-syndicated.txt"]
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        facts = con.execute(
            "select count(*) from actor_mentions m join documents d using (doc_id) where d.source = '2-syndicated.txt'"
        ).fetchone()
    assert facts == (0,)


def test_boilerplate_is_found_and_kept_out_of_the_facts(warehouse):
    assert sorted(source for source, _ in findings(warehouse, "boilerplate_block")) == ["outlet/0.txt", "outlet/1.txt", "outlet/2.txt"]
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("select count(*) from actor_mentions m join blocks b using (doc_id, block_idx) where b.boilerplate").fetchone()
    assert rows == (0,)


def test_a_share_over_a_hundred_percent_is_implausible(warehouse):
    assert [source for source, _ in findings(warehouse, "implausible_figure")] == ["shares.txt"]


def test_two_reports_of_one_story_that_disagree(warehouse):
    ((source, details),) = [f for f in findings(warehouse, "inconsistent_figure") if f[1].get("where") == "same story"]
    assert source in ("agency-a.txt", "agency-b.txt")
    assert sorted([details["value_text"], details["other_value_text"]]) == ["At least 12 people", "at least 15 people"]


def test_clean_articles_raise_no_inconsistent_figure(warehouse):
    sources = {source for source, _ in findings(warehouse, "inconsistent_figure")}
    assert sources - {"agency-a.txt", "agency-b.txt"} == {"repeat.txt"}


def test_severity_policy_can_make_a_finding_stop_the_publish(tmp_path, monkeypatch, capsys):
    from etl.cli import print_summary
    from etl.pipeline import run
    from etl.settings import load_settings

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "repeat.txt").write_text(article(ATTACK, ATTACK.replace("over 40", "over 47")), encoding="utf-8")
    monkeypatch.setenv("ETL_SEVERITY", "inconsistent_figure=error")
    settings = load_settings(seeds=str(seeds), warehouse=str(tmp_path / "wh"))
    report = run(settings)
    assert report.status == "failed"
    (failure,) = report.failures  # one record per check and table, however many rows
    assert (failure.check, failure.table, failure.severity, failure.defined_in) == (
        "inconsistent_figure",
        "statistics",
        "error",
        "ETL_SEVERITY",
    )
    assert failure.failing_count >= 1 and failure.examples.startswith("e.g. [")
    print_summary(report, settings)
    out = capsys.readouterr().out
    assert "1 error-severity check(s) failed" in out and "ETL_SEVERITY" in out and "nothing from this run was published" in out
    monkeypatch.setenv("ETL_SEVERITY", "inconsistent_figure=fatal")
    assert main(["run", "--seeds", str(seeds), "--warehouse", str(tmp_path / "wh")]) == 2


def test_the_quality_page_shows_both_sides_of_each_finding(warehouse):
    page = (warehouse / "report.html").read_text(encoding="utf-8")
    # the repeated paragraph with its changed figure, each side highlighted in its sentence
    assert "<mark>over 40 drones</mark>" in page and "<mark>47</mark>" in page
    assert "first copy" in page and "repeated" in page
    assert FOOTER in page, "boilerplate per source"
    assert "Findings per check" in page and "<svg" in page
    for external in ('src="http', 'href="http', "@import", "url(", "<script"):
        assert external not in page, f"the page must work offline: found {external!r}"


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_the_quality_page_renders_in_headless_chromium(warehouse, tmp_path):
    page = warehouse / "report.html"
    shot = tmp_path / "report.png"
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,2000"]
    dom = subprocess.run([*command, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Data quality of the news warehouse" in dom.stdout and "inconsistent_figure" in dom.stdout
    subprocess.run([*command, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000, "a screenshot with something on it"
