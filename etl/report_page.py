"""`warehouse/report.html`: the quality of the published warehouse on one self-contained page.

Written by every successful `etl run` and by `etl report --html`. It needs nothing but the file (no
scripts, fonts or styles from elsewhere: it works offline) and shows, from the published DuckDB database:
per table its rows and how many of its suite's expectations failed; per check the findings with both sides
in their text (a repeated paragraph beside its first copy, two figures that disagree highlighted in their
sentences); boilerplate per source; rejected inputs with their reasons; two charts (findings per check,
events per type) drawn as inline SVG.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from etl.errors import UsageError
from etl.quality import DEFAULT_SEVERITY
from etl.quality.suites import load_suite_config
from etl.report import SEVERITY_ORDER, describe_finding
from etl.schema import TABLES
from etl.settings import Settings
from etl.sql import rows

PAGE_NAME = "report.html"
# Findings shown in full per check; the rest are counted.
SHOWN_PER_CHECK = 40
# Characters of text shown either side of a highlighted figure.
WINDOW = 160
BOILERPLATE_SHOWN = 5
# Checks in the order a reader wants them, most telling first; others (failed expectations) after these.
CHECK_ORDER = (
    "inconsistent_figure",
    "implausible_figure",
    "duplicate_document",
    "duplicate_block",
    "rejected_document",
    "unreadable_date",
    "boilerplate_block",
)
# Findings of one check shown first: a repeated body paragraph says more than a repeated "Advertisement".
SHOWN_FIRST_KINDS = ("body", "headline", "standfirst", "summary")
STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; color: #1b1f24; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { margin-top: 36px; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; }
h3 { margin-top: 24px; } .muted { color: #57606a; } table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border-bottom: 1px solid #d8dee4; padding: 5px 8px; text-align: left; vertical-align: top; } th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .ok { color: #1a7f37; } .bad { color: #cf222e; font-weight: 600; }
.sev { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; }
.sev-error { background: #cf222e; } .sev-warning { background: #bf8700; } .sev-info { background: #0969da; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin: 8px 0 14px; }
.side { background: #f6f8fa; border: 1px solid #d8dee4; border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; }
.side .label { display: block; font-size: 12px; color: #57606a; margin-bottom: 4px; }
mark { background: #ffd33d; padding: 0 2px; border-radius: 3px; } .cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; min-width: 140px; } .card b { display: block; font-size: 22px; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1f24; }
"""


def write_report_page(settings: Settings) -> Path:
    """Write the page for the published warehouse and return its path."""
    from etl.load.remote import refresh_local_copy, upload_page

    refresh_local_copy(settings)
    if not settings.duckdb_path.exists():
        raise UsageError(
            f"no warehouse at {settings.warehouse_url or str(settings.warehouse)!r}: run `etl run` first or pass --warehouse DIR"
        )
    page = render(settings)
    target = settings.warehouse / PAGE_NAME
    handle, temporary = tempfile.mkstemp(dir=settings.warehouse, prefix=".report-", suffix=".html")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(page)
    os.chmod(temporary, 0o644)  # a page to share, like the rest of the warehouse
    os.replace(temporary, target)
    upload_page(settings, target)  # a warehouse at a URL gets it beside its versions
    return target


def refresh_report_page(settings: Settings) -> None:
    """Write the page unless it already shows the published version (a run that changed nothing leaves it)."""
    page = settings.warehouse / PAGE_NAME
    if not page.exists() or page.stat().st_mtime < settings.duckdb_path.stat().st_mtime:
        write_report_page(settings)


def render(settings: Settings) -> str:
    """The whole page, from the published DuckDB database."""
    import duckdb

    with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
        findings = list(rows(connection, "SELECT * FROM dq_findings ORDER BY check_name, table_name, ref"))
        by_check: dict[str, list[dict]] = defaultdict(list)
        for row in findings:
            by_check[row["check_name"]].append(row)
        checks = sorted(by_check, key=_check_rank(by_check))
        run = list(rows(connection, "SELECT * FROM runs ORDER BY run_id DESC LIMIT 1"))
        sections = [
            _header(settings, run[0] if run else None, findings),
            _tables_section(connection, settings, findings),
            _charts(connection, by_check),
            "<h2>Findings by check</h2>"
            + _contents(checks, by_check)
            + ("".join(_check_section(connection, check, by_check[check]) for check in checks) or "<p>No findings.</p>"),
            _boilerplate_section(connection),
            _rejected_section(connection),
        ]
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newsetl quality report</title><style>{STYLE}</style></head><body>\n{body}\n</body></html>\n"
    )


def _check_rank(by_check: dict[str, list[dict]]):
    """Sort key of a check: its most severe finding, then CHECK_ORDER, then its name."""

    def rank(check: str) -> tuple:
        severity = min(SEVERITY_ORDER[row["severity"]] for row in by_check[check])
        return (severity, CHECK_ORDER.index(check) if check in CHECK_ORDER else len(CHECK_ORDER), check)

    return rank


def _header(settings: Settings, run: dict | None, findings: list[dict]) -> str:
    severities = Counter(row["severity"] for row in findings)
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    run_line = f"run {_e(run['run_id'])}, {_e(run['status'])}, {run['documents_loaded']} documents loaded" if run else "no run recorded"
    cards = "".join(f'<div class="card"><b>{severities.get(level, 0)}</b>{level} findings</div>' for level in ("error", "warning", "info"))
    return (
        f'<h1>Data quality of the news warehouse</h1><p class="muted">{_e(settings.warehouse_url or str(settings.warehouse))} · '
        f'{run_line} · page made {made}</p><div class="cards">{cards}</div>'
    )


def _tables_section(connection, settings: Settings, findings: list[dict]) -> str:
    """Rows per table and the expectations of its suite, with how many checks of it failed (findings that are not
    data-quality findings are failed expectations, key or span checks of warning or info severity)."""
    failed = Counter(row["table_name"] for row in findings if row["check_name"] not in DEFAULT_SEVERITY)
    lines = []
    for name in TABLES:
        count = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        expectations = len(load_suite_config(settings.expectations, name)["expectations"])
        bad = failed.get(name, 0)
        verdict = f'<span class="bad">{bad} failed</span>' if bad else '<span class="ok">all passed</span>' if expectations else "none"
        lines.append(f'<tr><td>{name}</td><td class="num">{count:,}</td><td class="num">{expectations}</td><td>{verdict}</td></tr>')
    return (
        "<h2>Tables</h2><table><tr><th>table</th><th>rows</th><th>expectations</th><th>outcome</th></tr>"
        + "".join(lines)
        + '</table><p class="muted">Key, span and Great Expectations checks run on every <code>etl run</code>; a failed '
        "error-severity check publishes nothing, so these are the published tables' outcomes.</p>"
    )


def _charts(connection, by_check: dict[str, list[dict]]) -> str:
    findings = {check: len(rows) for check, rows in by_check.items()}
    events = dict(connection.execute("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall())
    return "<h2>At a glance</h2>" + _bar_chart("Findings per check", findings) + _bar_chart("Events per type", events)


def _bar_chart(title: str, counts: dict[str, int]) -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return f"<h3>{_e(title)}</h3><p>None.</p>"
    bar, label, height = 420, 190, 22
    top = max(counts.values())
    parts = []
    for i, (name, count) in enumerate(sorted(counts.items(), key=lambda item: -item[1])):
        y = i * height
        width = max(1, round(bar * count / top))
        parts.append(
            f'<text x="{label - 8}" y="{y + 15}" text-anchor="end">{_e(name)}</text>'
            f'<rect x="{label}" y="{y + 3}" width="{width}" height="{height - 6}" fill="#0969da" rx="3"></rect>'
            f'<text x="{label + width + 6}" y="{y + 15}">{count:,}</text>'
        )
    return (
        f'<h3>{_e(title)}</h3><svg role="img" aria-label="{_e(title)}" width="{label + bar + 80}" '
        f'height="{len(counts) * height}">{"".join(parts)}</svg>'
    )


def _contents(checks: list[str], by_check: dict[str, list[dict]]) -> str:
    links = " · ".join(f'<a href="#{_e(check)}">{_e(check)}</a> ({len(by_check[check]):,})' for check in checks)
    return f"<p>{links}</p>" if checks else ""


def _check_section(connection, check: str, rows: list[dict]) -> str:
    severity = min((row["severity"] for row in rows), key=SEVERITY_ORDER.__getitem__)
    ordered = sorted(rows, key=lambda row: _kind(row) not in SHOWN_FIRST_KINDS)  # stable: the table's order otherwise
    shown = [_finding(connection, row) for row in ordered[:SHOWN_PER_CHECK]]
    more = f'<p class="muted">… and {len(rows) - SHOWN_PER_CHECK:,} more (<code>etl report --check {_e(check)}</code>).</p>'
    return (
        f'<h3 id="{_e(check)}">{_e(check)} <span class="sev sev-{severity}">{severity}</span> '
        f'<span class="muted">{len(rows):,}</span></h3>' + "".join(shown) + (more if len(rows) > SHOWN_PER_CHECK else "")
    )


def _kind(row: dict) -> str | None:
    """The block kind a finding names in its details, if any."""
    return json.loads(row["details"]).get("kind") if row["details"] else None


def _finding(connection, row: dict) -> str:
    """One finding: both sides in their text where it has two, else its one-line description."""
    details = json.loads(row["details"]) if row["details"] else {}
    sides: list[tuple[str, str]] = []
    if row["check_name"] == "duplicate_block":
        doc_id, _, block = row["ref"].partition(":")
        sides = [
            ("first copy", _block_text(connection, doc_id, details.get("duplicate_of_block"))),
            ("repeated", _block_text(connection, doc_id, int(block))),
        ]
    elif row["check_name"] == "inconsistent_figure" and row["table_name"] == "statistics":
        sides = [(label, _figure_in_text(connection, part)) for label, part in zip(("one says", "the other says"), row["ref"].split("|"))]
    elif row["check_name"] == "inconsistent_figure" and row["table_name"] == "events":
        sides = [(f"report {i + 1}", _mention_sentence(connection, mention)) for i, mention in enumerate(details.get("mentions", [])[:2])]
    line = f"<p>{_e(describe_finding(row))}</p>"
    if len(sides) == 2 and all(text for _, text in sides):
        return (
            line
            + '<div class="pair">'
            + "".join(f'<div class="side"><span class="label">{label}</span>{text}</div>' for label, text in sides)
            + "</div>"
        )
    return line


def _block_text(connection, doc_id: str, block_idx: int | None) -> str:
    if block_idx is None:
        return ""
    found = connection.execute("SELECT text FROM blocks WHERE doc_id = ? AND block_idx = ?", [doc_id, block_idx]).fetchone()
    return _e(found[0]) if found else ""


def _figure_in_text(connection, part: str) -> str:
    """The words around a figure, the figure highlighted: `part` is a statistic's id or `doc_id:start-end`."""
    if ":" in part:
        doc_id, _, span = part.partition(":")
        start, _, end = span.partition("-")
        where = (doc_id, int(start), int(end))
    else:
        found = connection.execute("SELECT doc_id, char_start, char_end FROM statistics WHERE stat_id = ?", [part]).fetchone()
        if found is None:
            return ""
        where = found
    return _highlighted(connection, *where)


def _mention_sentence(connection, mention_id: str) -> str:
    found = connection.execute("SELECT doc_id, char_start, char_end FROM event_mentions WHERE mention_id = ?", [mention_id]).fetchone()
    return _highlighted(connection, *found) if found else ""


def _highlighted(connection, doc_id: str, start: int, end: int) -> str:
    found = connection.execute("SELECT source, text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if found is None or found[1] is None:
        return ""
    source, text = found
    left, right = max(0, start - WINDOW), min(len(text), end + WINDOW)
    before = ("…" if left else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return f'<span class="label">{_e(source)}</span>{_e(before)}<mark>{_e(text[start:end])}</mark>{_e(after)}'


def _boilerplate_section(connection) -> str:
    """Paragraphs kept out of the facts as boilerplate, per source: how many, and the most frequent."""
    query = """
        SELECT coalesce(d.source_name, split_part(d.source, '/', 1)) AS source, b.text, count(*) AS n
        FROM blocks b JOIN documents d USING (doc_id) WHERE b.boilerplate GROUP BY ALL ORDER BY source, n DESC, b.text
    """
    by_source: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for source, text, count in connection.execute(query).fetchall():
        by_source[source].append((text, count))
    if not by_source:
        return "<h2>Boilerplate per source</h2><p>None found.</p>"
    lines = []
    for source, texts in sorted(by_source.items(), key=lambda item: -sum(n for _, n in item[1])):
        listed = "".join(f'<li>{_e(text[:160])} <span class="muted">×{n}</span></li>' for text, n in texts[:BOILERPLATE_SHOWN])
        lines.append(f'<tr><td>{_e(source)}</td><td class="num">{sum(n for _, n in texts):,}</td><td><ul>{listed}</ul></td></tr>')
    return (
        "<h2>Boilerplate per source</h2><table><tr><th>source</th><th>paragraphs</th><th>most frequent</th></tr>"
        + "".join(lines)
        + "</table>"
    )


def _rejected_section(connection) -> str:
    rejected = connection.execute("SELECT source, reject_reason FROM documents WHERE status = 'rejected' ORDER BY source").fetchall()
    if not rejected:
        return "<h2>Rejected inputs</h2><p>None.</p>"
    lines = "".join(f"<tr><td>{_e(source)}</td><td>{_e(reason)}</td></tr>" for source, reason in rejected)
    return f"<h2>Rejected inputs</h2><table><tr><th>input</th><th>why</th></tr>{lines}</table>"


def _e(value) -> str:
    return html.escape(str(value), quote=True)
