"""Quality: findings (duplication, rejected inputs, broken offsets) and the expectation suites."""

from __future__ import annotations

import json
from collections.abc import Iterator

from etl.errors import CheckFailure, UsageError
from etl.settings import Settings, severity_overrides


def finding(run_id: str, check: str, severity: str, table_name: str, ref: str, doc_id: str | None = None, **details) -> dict:
    """One dq_findings row."""
    return {
        "run_id": run_id,
        "check_name": check,
        "severity": severity,
        "table_name": table_name,
        "doc_id": doc_id,
        "ref": ref,
        "details": json.dumps(details, sort_keys=True, default=str),
    }


# Severity of each finding check unless settings.severity says otherwise; `error` stops the publish.
DEFAULT_SEVERITY = {
    "duplicate_block": "warning",
    "duplicate_document": "warning",
    "boilerplate_block": "info",
    "inconsistent_figure": "warning",
    "implausible_figure": "warning",
    "rejected_document": "warning",
    "unreadable_date": "warning",
}


def severity_policy(settings: Settings) -> dict[str, str]:
    """The defaults with the overrides of settings.severity ("inconsistent_figure=error,duplicate_block=info").

    The settings checked the policy's syntax and levels; the check names are known here.
    """
    overrides = severity_overrides(settings.severity)
    unknown = sorted(set(overrides) - set(DEFAULT_SEVERITY))
    if unknown:
        checks = ", ".join(sorted(DEFAULT_SEVERITY))
        raise UsageError(f"setting ETL_SEVERITY={settings.severity}: no check named {', '.join(unknown)}; the checks are {checks}")
    return {**DEFAULT_SEVERITY, **overrides}


class ListSink(list):
    """Collects findings in memory (small inputs); a run stages them with etl.staging.RowWriter instead."""

    def add(self, row: dict) -> None:
        self.append(row)


def assess(source, settings: Settings, run_id: str, sink=None) -> tuple[list[dict], list[CheckFailure]]:
    """All findings for a warehouse's tables, and the error-severity failures that must stop the publish.

    `source` is a DuckDB connection with a view per table, or a dict of Arrow tables. Findings go
    to `sink` (anything with `add(row)`) as they are found; without one they are returned.
    Per-document checks read the documents a slice (`settings.validation_batch`) at a time.
    """
    from etl.quality.keys import check_keys
    from etl.quality.outcomes import failures, table_connection
    from etl.quality.spans import check_spans
    from etl.quality.suites import EXAMPLES_SHOWN, run_suites

    policy = severity_policy(settings)
    collected = ListSink() if sink is None else sink
    stopping: dict[tuple[str, str], list] = {}  # (check, table) -> [rows, the first EXAMPLES_SHOWN refs]

    def emit(row: dict) -> None:
        row = {**row, "severity": policy.get(row["check_name"], row["severity"])}
        if row["severity"] == "error" and row["check_name"] in policy:
            found = stopping.setdefault((row["check_name"], row["table_name"]), [0, []])
            found[0] += 1
            if len(found[1]) < EXAMPLES_SHOWN:
                found[1].append(row["ref"])
        collected.add(row)

    with table_connection(source) as connection:
        for row in duplicate_findings(connection, run_id):
            emit(row)
        for row in rejected_findings(connection, run_id):
            emit(row)
        for row in unreadable_date_findings(connection, run_id):
            emit(row)
        for row in casualty_findings(connection, run_id):
            emit(row)
        for row in figure_findings(connection, run_id, settings):
            emit(row)
        for row in boilerplate_findings(connection, run_id):
            emit(row)
        outcomes = check_spans(connection) + check_keys(connection, settings.validation_batch) + run_suites(connection, settings, run_id)
    for outcome in outcomes:
        if not outcome.success:
            ref = ",".join(outcome.columns) or "(table)"
            emit(
                finding(
                    run_id,
                    outcome.expectation,
                    outcome.severity,
                    outcome.table,
                    ref,
                    unexpected=outcome.unexpected_count,
                    details=outcome.details,
                )
            )
    by_policy = [
        CheckFailure(check, table, failing_count=count, examples=f"e.g. {refs}", defined_in="ETL_SEVERITY")
        for (check, table), (count, refs) in stopping.items()
    ]
    return (collected if sink is None else []), by_policy + failures(outcomes)


def figure_findings(connection, run_id: str, settings: Settings) -> Iterator[dict]:
    """`inconsistent_figure` for a figure changed between copies, against the headline or between reports of one story;
    `implausible_figure`. Read one slice of documents at a time; one finding per (check, table, ref)."""
    from etl.quality.figures import changed_block_figures, changed_document_figures, headline_against_body, implausible_figures
    from etl.quality.stories import story_figure_findings

    seen: set[tuple] = set()

    def once(check: str, found: dict) -> Iterator[dict]:
        key = (check, found["ref"])
        if key not in seen:
            seen.add(key)
            yield finding(run_id, check, "warning", "statistics", found["ref"], found["doc_id"], **found["details"])

    for documents, blocks, statistics in document_slices(connection, settings.validation_batch):
        texts = {doc["doc_id"]: doc["text"] for doc in documents if doc["text"]}
        originals = _original_texts(connection, [doc["duplicate_of"] for doc in documents if doc["status"] == "duplicate"])
        inconsistent = (
            changed_block_figures(blocks, statistics)
            + changed_document_figures(documents, {**originals, **texts})
            + headline_against_body(blocks, statistics)
        )
        for found in inconsistent:
            yield from once("inconsistent_figure", found)
        for found in implausible_figures(statistics, texts):
            yield from once("implausible_figure", found)
    for found in story_figure_findings(connection, settings):
        yield from once("inconsistent_figure", found)


def document_slices(connection, batch: int) -> Iterator[tuple[list[dict], list[dict], list[dict]]]:
    """The documents, blocks and statistics of `batch` documents at a time, in document order."""
    from etl.sql import rows

    count = connection.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE document_position AS SELECT doc_id, row_number() OVER () - 1 AS position FROM documents"
    )
    for start in range(0, count, max(1, batch)):
        bounds = [start, start + batch]
        picked = "SELECT doc_id FROM document_position WHERE position >= ? AND position < ?"
        documents = list(rows(connection, f"SELECT d.* FROM documents d SEMI JOIN ({picked}) p USING (doc_id)", bounds))
        blocks = list(rows(connection, f"SELECT b.* FROM blocks b SEMI JOIN ({picked}) p USING (doc_id)", bounds))
        statistics = list(rows(connection, f"SELECT s.* FROM statistics s SEMI JOIN ({picked}) p USING (doc_id)", bounds))
        yield documents, blocks, statistics


def _original_texts(connection, doc_ids: list[str]) -> dict[str, str]:
    """doc_id -> text of these documents (the originals a slice's copies repeat)."""
    if not doc_ids:
        return {}
    found = connection.execute(
        "SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(set(doc_ids))]
    ).fetchall()
    return {doc_id: text for doc_id, text in found if text}


def duplicate_findings(connection, run_id: str) -> Iterator[dict]:
    """A `duplicate_block` finding per repeated block and a `duplicate_document` per repeated document."""
    from etl.sql import rows

    for block in rows(connection, "SELECT doc_id, block_idx, duplicate_of_block, kind FROM blocks WHERE duplicate_of_block IS NOT NULL"):
        yield finding(
            run_id,
            "duplicate_block",
            "warning",
            "blocks",
            f"{block['doc_id']}:{block['block_idx']}",
            block["doc_id"],
            duplicate_of_block=block["duplicate_of_block"],
            kind=block["kind"],
        )
    for doc in rows(connection, "SELECT doc_id, source, duplicate_of FROM documents WHERE status = 'duplicate'"):
        yield finding(
            run_id,
            "duplicate_document",
            "warning",
            "documents",
            doc["doc_id"],
            doc["doc_id"],
            source=doc["source"],
            duplicate_of=doc["duplicate_of"],
        )


def boilerplate_findings(connection, run_id: str) -> Iterator[dict]:
    """An `info` finding for every block kept out of the facts as boilerplate."""
    from etl.sql import rows

    for block in rows(connection, "SELECT doc_id, block_idx, left(text, 80) AS text FROM blocks WHERE boilerplate"):
        yield finding(
            run_id, "boilerplate_block", "info", "blocks", f"{block['doc_id']}:{block['block_idx']}", block["doc_id"], text=block["text"]
        )


def rejected_findings(connection, run_id: str) -> Iterator[dict]:
    """A warning for every input that could not be loaded, with its reason."""
    from etl.sql import rows

    for doc in rows(connection, "SELECT doc_id, source, reject_reason FROM documents WHERE status = 'rejected'"):
        yield finding(run_id, "rejected_document", "warning", "documents", doc["source"], doc["doc_id"], reason=doc["reject_reason"])


def unreadable_date_findings(connection, run_id: str) -> Iterator[dict]:
    """A warning for every publication date that was given but names no day: its events cannot be dated by it."""
    from etl.sql import rows

    query = "SELECT doc_id, source, published_text FROM documents WHERE published_text IS NOT NULL AND published_at IS NULL"
    for doc in rows(connection, query):
        yield finding(run_id, "unreadable_date", "warning", "documents", doc["source"], doc["doc_id"], written=doc["published_text"])


def casualty_findings(connection, run_id: str) -> Iterator[dict]:
    """An `inconsistent_figure` for every event whose reports count its dead or hurt differently; the event
    keeps the lowest count, each mention its own."""
    from etl.sql import rows

    for kind in ("fatalities", "injured"):
        query = f"""
            SELECT event_id, list(DISTINCT {kind} ORDER BY {kind}) AS counts, list(mention_id ORDER BY mention_id) AS mentions
            FROM event_mentions WHERE event_id IS NOT NULL AND {kind} IS NOT NULL
            GROUP BY event_id HAVING count(DISTINCT {kind}) > 1 ORDER BY event_id
        """
        for event in rows(connection, query):
            yield finding(
                run_id,
                "inconsistent_figure",
                "warning",
                "events",
                event["event_id"],
                None,
                casualty=kind,
                counts=event["counts"],
                kept=min(event["counts"]),
                mentions=event["mentions"],
            )
