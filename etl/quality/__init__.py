"""Quality: findings (duplication, rejected inputs, broken offsets) and the expectation suites."""

from __future__ import annotations

import json

import pyarrow as pa

from etl.quality.dedup import duplicate_findings
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


def assess(tables: dict[str, pa.Table], settings: Settings, run_id: str) -> tuple[list[dict], list[str]]:
    """All findings for a run's tables, and the error-severity failures that must stop the publish."""
    from etl.quality.spans import check_spans
    from etl.quality.suites import failures, run_suites

    findings = duplicate_findings(tables["documents"], tables["blocks"], run_id)
    findings += rejected_findings(tables["documents"], run_id)
    outcomes = check_spans(tables) + run_suites(tables, settings)
    for outcome in outcomes:
        if not outcome.success:
            ref = ",".join(outcome.columns) or "(table)"
            findings.append(
                finding(run_id, outcome.expectation, outcome.severity, outcome.table, ref, unexpected=outcome.unexpected_count, details=outcome.details)
            )
    return findings, failures(outcomes)


def rejected_findings(documents: pa.Table, run_id: str) -> list[dict]:
    """A warning for every input that could not be loaded, with its reason."""
    return [
        finding(run_id, "rejected_document", "warning", "documents", doc["source"], doc["doc_id"], reason=doc["reject_reason"])
        for doc in documents.to_pylist()
        if doc["status"] == "rejected"
    ]
