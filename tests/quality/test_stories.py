"""Inconsistent figures across reports of one story that are not copies of each other."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pyarrow as pa

from etl.quality.stories import Story, agree, iter_stories, story_figure_findings
from etl.settings import Settings
from etl.sql import connect


# The story checks run in SQL over a warehouse's views; these helpers give them small tables of rows.
@contextmanager
def rows_connection(documents: list[dict], statistics: list[dict], mentions: list[dict]):
    """A DuckDB connection whose views `documents`, `statistics` and `actor_mentions` hold these rows."""
    tables = {
        "documents": pa.Table.from_pylist(
            [{key: doc.get(key) for key in DOCUMENT_COLUMNS.names} for doc in documents], schema=DOCUMENT_COLUMNS
        ),
        "statistics": pa.Table.from_pylist(
            [{key: stat.get(key) for key in STATISTIC_COLUMNS.names} for stat in statistics], schema=STATISTIC_COLUMNS
        ),
        "actor_mentions": pa.Table.from_pylist(
            [{key: row.get(key) for key in ("doc_id", "actor_id")} for row in mentions], schema=MENTION_COLUMNS
        ),
    }
    with connect() as connection:
        for name, table in tables.items():
            connection.register(name, table)
        yield connection


DOCUMENT_COLUMNS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("status", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("published_at", pa.timestamp("us", tz="UTC")),
    ]
)
STATISTIC_COLUMNS = pa.schema(
    [
        ("stat_id", pa.string()),
        ("doc_id", pa.string()),
        ("value", pa.float64()),
        ("value_text", pa.string()),
        ("qualifier", pa.string()),
        ("unit", pa.string()),
        ("subject", pa.string()),
        ("char_start", pa.int32()),
        ("char_end", pa.int32()),
    ]
)
MENTION_COLUMNS = pa.schema([("doc_id", pa.string()), ("actor_id", pa.string())])


def same_stories(documents: list[dict], mentions: list[dict], settings: Settings) -> list[Story]:
    """Pairs of loaded documents that tell one story, in a stable order (these rows through the SQL path)."""
    with rows_connection(documents, [], mentions) as connection:
        return find_stories(connection, settings)


def story_figures(documents: list[dict], statistics: list[dict], mentions: list[dict], settings: Settings) -> list[dict]:
    """story_figure_findings over these rows."""
    with rows_connection(documents, statistics, mentions) as connection:
        return story_figure_findings(connection, settings)


def find_stories(connection, settings: Settings) -> list[Story]:
    """Pairs of loaded documents of the views `documents` and `actor_mentions` that tell one story, in a stable order."""
    return [story for chunk in iter_stories(connection, settings) for story in chunk]


SATURDAY = datetime(2024, 5, 25, 14, 0, tzinfo=UTC)
AGENCY_A = (
    "At least {killed} people were killed in a Russian missile strike on a shopping centre in Kharkiv on Saturday, "
    "regional governor Oleh Syniehubov said. More than 40 people were wounded and rescuers were still searching the rubble "
    "of the building, which was hit twice in the afternoon while families were shopping."
)
AGENCY_B = (
    "A Russian missile strike on a crowded shopping centre in Kharkiv killed at least {killed} people on Saturday, governor "
    "Oleh Syniehubov said, and more than 40 people were wounded. Rescuers searched the rubble of the building through the "
    "evening after it was hit twice while families were shopping."
)
FLOOD = (
    "At least {killed} people were killed when floods swept through villages in northern Italy on Saturday, the civil "
    "protection agency said, and hundreds of homes were evacuated as rivers burst their banks after days of rain."
)


def document(doc_id: str, text: str, published_at: datetime | None = SATURDAY) -> dict:
    return {"doc_id": doc_id, "status": "loaded", "title": None, "text": text, "published_at": published_at}


def figure(
    stat_id: str, doc: dict, value_text: str, value: float, subject: str = "people", qualifier: str = "at_least", unit: str = "person"
) -> dict:
    """A statistic at the first `value_text` of the document."""
    start = doc["text"].index(value_text)
    return {
        "stat_id": stat_id,
        "doc_id": doc["doc_id"],
        "value": value,
        "value_text": value_text,
        "qualifier": qualifier,
        "unit": unit,
        "subject": subject,
        "char_start": start,
        "char_end": start + len(value_text),
    }


def mentions(doc_id: str, *actors: str) -> list[dict]:
    return [{"doc_id": doc_id, "actor_id": actor} for actor in actors]


def kharkiv(killed_a: int, killed_b: int, hours_apart: float = 3) -> tuple[list[dict], list[dict], list[dict]]:
    """Two agencies' reports of one strike, and an unrelated flood report: documents, statistics, actor mentions."""
    a = document("a", AGENCY_A.format(killed=killed_a))
    b = document("b", AGENCY_B.format(killed=killed_b), SATURDAY + timedelta(hours=hours_apart))
    flood = document("flood", FLOOD.format(killed=killed_b + 20))
    stats = [
        figure("a-killed", a, f"At least {killed_a} people", killed_a),
        figure("a-wounded", a, "More than 40 people", 40, qualifier="over"),
        figure("b-killed", b, f"at least {killed_b} people", killed_b),
        figure("b-wounded", b, "more than 40 people", 40, qualifier="over"),
        figure("flood-killed", flood, f"At least {killed_b + 20} people", killed_b + 20),
    ]
    names = (
        mentions("a", "kharkiv", "syniehubov", "russia")
        + mentions("b", "kharkiv", "syniehubov", "russia")
        + mentions("flood", "italy", "russia")
    )
    return [a, b, flood], stats, names


def test_two_reports_of_one_strike_with_different_tolls_are_caught():
    documents, stats, names = kharkiv(12, 15)
    found = story_figures(documents, stats, names, Settings())
    assert [f["ref"] for f in found] == ["a-killed|b-killed"]
    details = found[0]["details"]
    assert (found[0]["doc_id"], details["stat_id"], details["value"]) == ("b", "b-killed", 15)
    assert (details["other_doc_id"], details["other_stat_id"], details["other_value"]) == ("a", "a-killed", 12)
    assert details["where"] == "same story"


def test_the_finding_sits_on_the_later_report():
    documents, stats, names = kharkiv(12, 15, hours_apart=-3)
    (found,) = story_figures(documents, stats, names, Settings())
    assert (found["ref"], found["doc_id"], found["details"]["value"]) == ("b-killed|a-killed", "a", 12)


def test_the_same_toll_in_both_reports_raises_nothing():
    documents, stats, names = kharkiv(12, 12)
    assert [(s.first, s.second) for s in same_stories(documents, names, Settings())] == [("a", "b")]
    assert story_figures(documents, stats, names, Settings()) == []


def test_unrelated_articles_with_different_numbers_raise_nothing():
    documents, stats, names = kharkiv(12, 15)
    flood_only = [documents[0], documents[2]]
    assert same_stories(flood_only, names, Settings()) == []
    assert story_figures(flood_only, [s for s in stats if s["doc_id"] != "b"], names, Settings()) == []


def test_reports_a_week_apart_are_not_one_story_but_undated_ones_may_be():
    documents, stats, names = kharkiv(12, 15, hours_apart=24 * 7)
    assert story_figures(documents, stats, names, Settings()) == []
    undated = [{**doc, "published_at": None} for doc in documents]
    assert len(story_figures(undated, stats, names, Settings())) == 1


def test_a_toll_matched_with_a_different_count_of_the_story_raises_nothing():
    documents, stats, names = kharkiv(12, 15)
    wounded_only = [s for s in stats if s["stat_id"] != "b-killed"]
    assert story_figures(documents, wounded_only, names, Settings()) == []


def test_a_figure_the_other_report_also_gives_is_not_a_disagreement():
    documents, stats, names = kharkiv(12, 15)
    a, b = documents[0], {**documents[1], "text": documents[1]["text"] + " Earlier reports said 12 people had died."}
    stats = stats + [figure("b-earlier", b, "12 people", 12, qualifier="exact")]
    assert story_figures([a, b, documents[2]], stats, names, Settings()) == []


def test_figures_agree_up_to_the_rounding_they_are_written_with():
    def stat(value, text):
        return {"value": value, "value_text": text}

    assert agree(stat(114e6, "114 mln dlrs"), stat(114.1e6, "114.1 mln dlrs"))
    assert agree(stat(1.46e9, "1.46 billion dlrs"), stat(1_459_193_000, "1,459,193,000 dlrs"))
    assert not agree(stat(8.5, "8.5%"), stat(8.6, "8.6%"))
    assert not agree(stat(16.25, "16-1/4 pct"), stat(16, "16 pct"))
    assert agree(stat(8.5, "8.5%"), stat(8.54, "8.54%"))
    assert not agree(stat(12, "12"), stat(15, "15"))
    assert agree(stat(1e9, "one billion dlrs"), stat(1.2e9, "1.2 billion dlrs"))
    assert not agree(stat(12, "twelve"), stat(13, "13"))


def test_words_that_frame_figures_in_other_documents_too_are_a_template():
    documents, stats, names = kharkiv(12, 15)
    for year in (2022, 2023):
        old = document(f"old-{year}", AGENCY_A.format(killed=30), SATURDAY.replace(year=year))
        documents.append(old)
        stats.append(figure(f"old-{year}-killed", old, "At least 30 people", 30))
    assert story_figures(documents, stats, names, Settings()) == []
    assert len(story_figures(documents[:-1], stats[:-1], names, Settings())) == 1
