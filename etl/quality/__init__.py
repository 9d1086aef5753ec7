"""Quality: findings (duplication, rejected inputs, broken offsets) and the expectation suites."""

from __future__ import annotations

import json

import pyarrow as pa

from etl.quality.dedup import duplicate_findings
from etl.errors import UsageError
from etl.settings import Settings


def finding(run_id: str, check: str, severity: str, table_name: str, ref: str, doc_id: str | None = None, **details) -> dict:
    """One dq_findings row."""
    return {
        "run_id": run_id,
        "check": check,
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
}


def severity_policy(settings: Settings) -> dict[str, str]:
    """The defaults with the overrides of settings.severity ("inconsistent_figure=error,duplicate_block=info")."""
    policy = dict(DEFAULT_SEVERITY)
    for item in filter(None, (part.strip() for part in settings.severity.split(","))):
        check, _, level = item.partition("=")
        if check.strip() not in DEFAULT_SEVERITY or level.strip() not in ("error", "warning", "info"):
            raise UsageError(
                f"ETL_SEVERITY item {item!r}: write check=level with a check among {sorted(DEFAULT_SEVERITY)} and a level among error, warning, info"
            )
        policy[check.strip()] = level.strip()
    return policy


def assess(tables: dict[str, pa.Table], settings: Settings, run_id: str) -> tuple[list[dict], list[str]]:
    """All findings for a run's tables, and the error-severity failures that must stop the publish."""
    from etl.quality.spans import check_spans
    from etl.quality.suites import failures, run_suites

    policy = severity_policy(settings)
    documents, blocks = tables["documents"].to_pylist(), tables["blocks"].to_pylist()
    findings = duplicate_findings(documents, blocks, run_id)
    findings += rejected_findings(documents, run_id)
    mentions = tables["actor_mentions"].select(["doc_id", "actor_id"]).to_pylist() if "actor_mentions" in tables else []
    findings += figure_findings(documents, blocks, tables["statistics"].to_pylist(), run_id, mentions, settings.story_window_hours)
    findings += boilerplate_findings(blocks, run_id)
    findings = [{**row, "severity": policy.get(row["check"], row["severity"])} for row in findings]
    stopping = [f"{row['check']}: {row['table_name']} {row['ref']} (severity error by policy)" for row in findings if row["severity"] == "error"]
    outcomes = check_spans(tables) + run_suites(tables, settings)
    for outcome in outcomes:
        if not outcome.success:
            ref = ",".join(outcome.columns) or "(table)"
            findings.append(
                finding(run_id, outcome.expectation, outcome.severity, outcome.table, ref, unexpected=outcome.unexpected_count, details=outcome.details)
            )
    return findings, stopping + failures(outcomes)


def figure_findings(
    documents: list[dict], blocks: list[dict], statistics: list[dict], run_id: str, mentions: list[dict] | None = None, story_window_hours: float = 12.0
) -> list[dict]:
    """`inconsistent_figure` for a figure changed between copies, against the headline or between reports of one story; `implausible_figure`."""
    from etl.quality.figures import changed_block_figures, changed_document_figures, headline_against_body, implausible_figures
    from etl.quality.stories import StorySettings, story_figures

    texts = {doc["doc_id"]: doc["text"] for doc in documents if doc["text"]}
    across = story_figures(documents, statistics, mentions or [], StorySettings(window_hours=story_window_hours))
    rows = []
    for found in changed_block_figures(blocks, statistics) + changed_document_figures(documents, texts) + headline_against_body(blocks, statistics) + across:
        rows.append(finding(run_id, "inconsistent_figure", "warning", "statistics", found["ref"], found["doc_id"], **found["details"]))
    for found in implausible_figures(statistics, texts):
        rows.append(finding(run_id, "implausible_figure", "warning", "statistics", found["ref"], found["doc_id"], **found["details"]))
    return _unique(rows)


def boilerplate_findings(blocks: list[dict], run_id: str) -> list[dict]:
    """An `info` finding for every block kept out of the facts as boilerplate."""
    return [
        finding(run_id, "boilerplate_block", "info", "blocks", f"{block['doc_id']}:{block['block_idx']}", block["doc_id"], text=block["text"][:80])
        for block in blocks
        if block["boilerplate"]
    ]


def _unique(rows: list[dict]) -> list[dict]:
    """One finding per (check, table, ref)."""
    seen, kept = set(), []
    for row in rows:
        key = (row["check"], row["table_name"], row["ref"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def rejected_findings(documents: list[dict], run_id: str) -> list[dict]:
    """A warning for every input that could not be loaded, with its reason."""
    return [
        finding(run_id, "rejected_document", "warning", "documents", doc["source"], doc["doc_id"], reason=doc["reject_reason"])
        for doc in documents
        if doc["status"] == "rejected"
    ]
