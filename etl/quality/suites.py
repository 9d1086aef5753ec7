"""Run the Great Expectations suites of expectations/ on the warehouse tables and write data docs.

Great Expectations is imported inside the functions that need it: it takes seconds to import
and the CLI must start fast.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from etl.errors import EtlError, UsageError
from etl.quality.outcomes import ROWS_PER_DOCUMENT, SuiteOutcome, table_connection
from etl.schema import TABLES
from etl.sql import identifier
from etl.staging import RUN_TIME_FORMAT

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from etl.settings import Settings

SEVERITIES = ("error", "warning")
# Each severity as GX's own field names it (ExpectationConfiguration.severity), so GX's results and docs carry it.
GX_SEVERITY = {"error": "critical", "warning": "warning"}
# Styles, scripts and images GX's pages take from CDNs: dropped, so the docs read the same offline.
CDN_TAG = re.compile(r"""<(?:link|script|img)\b[^>]*\b(?:href|src)=["']https?://[^"']*["'][^>]*>(?:\s*</script>)?""", re.IGNORECASE)
# The docs' own look without Bootstrap: readable tables, navigation and collapsed details shown.
OFFLINE_STYLE = (
    "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#1b1f24}"
    "table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top}"
    "th{background:#f6f8fa}a{color:#0969da}.collapse{display:block}.d-none{display:none}"
    "nav,.navbar{border-bottom:1px solid #d0d7de;margin-bottom:12px}ul{padding-left:20px}"
    ".badge,.text-success{color:#1a7f37}.text-danger{color:#cf222e}.card{border:1px solid #d0d7de;padding:8px;margin:8px 0}"
)
DATASOURCE_NAME = "newsetl"
DOCS_SITE_NAME = "local_site"
# How many offending values a failure line quotes.
EXAMPLES_SHOWN = 5
# The expectations defined in etl/quality/expectations.py, which the suites may name.
CUSTOM_EXPECTATION_TYPES = (
    "expect_span_to_match_document_text",
    "expect_table_rows_to_be_distinct",
    "expect_column_values_to_exist_in_table",
)
# Expectations validated on a table's links view: its spans beside documents.text[char_start:char_end], and
# each column referring to another table beside whether its value exists there.
SPAN_VIEW_EXPECTATIONS = ("expect_span_to_match_document_text",)
REFERENCE_EXPECTATIONS = ("expect_column_values_to_exist_in_table",)
# Suffix of the GX suite holding a table's expectations on its links view.
LINKS_SUFFIX = "_links"


def run_suites(source, settings: Settings, run_name: str | None = None) -> list[SuiteOutcome]:
    """Validate every table against expectations/<table>.json and rebuild the data docs.

    `source` is a DuckDB connection with a view per table, or a dict of Arrow tables (absent ones
    are empty). Tables are validated in slices of `settings.validation_batch` documents (a table
    without doc_id in slices of rows), so no frame grows with the corpus; an expectation passes
    when it passes on every slice. Keys that must be unique across slices are checked in
    etl.quality.keys. The validations are filed under `run_name` (the ETL run's id) in GX's results and docs.
    """
    if isinstance(source, dict):
        unknown = sorted(set(source) - set(TABLES))
        if unknown:
            raise ValueError(f"No such table(s) {unknown}; the tables are {sorted(TABLES)}.")
    suites = {name: load_suite(settings.expectations, name) for name in TABLES}  # a broken suite stops before any work
    context = _ephemeral_context(settings.data_docs_dir)
    datasource = context.data_sources.add_pandas(DATASOURCE_NAME)
    outcomes: list[SuiteOutcome] = []
    results, suite_names = [], []
    with table_connection(source) as connection:
        slices = _slice_documents(connection, settings.validation_batch)
        for name in TABLES:
            per_part: dict[str, list[list[SuiteOutcome]]] = {}
            for index, rows in _slices(connection, name, slices, settings.validation_batch):
                frame = rows.to_pandas()
                suite = suites.pop(name, None) or load_suite(settings.expectations, name)  # GX takes an expectation into one suite only
                for part, part_frame in _batches(suite, rows, frame, connection, name):
                    result = _validate(context, datasource, part, part_frame, index, run_name)
                    results.append(result)
                    if part.name not in suite_names:
                        suite_names.append(part.name)
                    per_part.setdefault(part.name, []).append(_outcomes(name, result))
            for found in per_part.values():
                outcomes.extend(_combined(found))
    _write_results(results, settings.gx_dir)
    _build_data_docs(context, settings.data_docs_dir, suite_names)
    return outcomes


def _slice_documents(connection, batch: int) -> int:
    """Table `document_slice` (doc_id, slice): documents in slices of `batch`, by doc_id; return how many slices."""
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE document_slice AS "
        f"SELECT doc_id, (row_number() OVER (ORDER BY doc_id) - 1) // {max(1, int(batch))} AS slice "
        "FROM (SELECT DISTINCT doc_id FROM documents)"
    )
    return max(1, connection.execute("SELECT count(DISTINCT slice) FROM document_slice").fetchall()[0][0])


def _slices(connection, name: str, document_slices: int, batch: int):
    """(slice number or None when there is one slice, Arrow table) for each slice of a table.

    Rows whose doc_id names no document go in the first slice, so they are validated (and fail) too.
    """
    present = [row[0] for row in connection.execute(f"DESCRIBE {identifier(name)}").fetchall()]
    if "doc_id" in present and name != "dq_findings":
        counts = document_slices
        query = f"SELECT t.* FROM {identifier(name)} t LEFT JOIN document_slice s ON s.doc_id = t.doc_id WHERE coalesce(s.slice, 0) = ?"
    else:
        rows = connection.execute(f"SELECT count(*) FROM {identifier(name)}").fetchall()[0][0]
        counts = max(1, -(-rows // (max(1, int(batch)) * ROWS_PER_DOCUMENT)))
        rows_per_slice = max(1, int(batch)) * ROWS_PER_DOCUMENT
        query = (
            f"SELECT * EXCLUDE (_slice) FROM (SELECT *, (row_number() OVER () - 1) // {rows_per_slice} AS _slice "
            f"FROM {identifier(name)}) WHERE _slice = ?"
        )
    for index in range(counts):
        yield (index if counts > 1 else None), connection.sql(query, params=[index]).to_arrow_table()


def _combined(per_slice: list[list[SuiteOutcome]]) -> list[SuiteOutcome]:
    """One outcome per expectation over the slices of one suite: passed if it passed on each, its failures summed."""
    if len(per_slice) == 1:
        return per_slice[0]
    combined = []
    for same in zip(*per_slice):
        counts = [outcome.unexpected_count for outcome in same if outcome.unexpected_count is not None]
        failed = [outcome for outcome in same if not outcome.success]
        combined.append(
            replace(
                same[0], success=not failed, unexpected_count=sum(counts) if counts else None, details=failed[0].details if failed else ""
            )
        )
    return combined


def check_registered() -> int:
    """How many custom expectations GX holds; raise unless it holds all of CUSTOM_EXPECTATION_TYPES.

    GX forgets an expectation whose class was never defined in this process, and a suite that names
    it then loses it; load_suite imports etl.quality.expectations first and calls this.
    """
    from great_expectations.expectations.registry import list_registered_expectation_implementations

    registered = set(list_registered_expectation_implementations())
    count = sum(1 for name in CUSTOM_EXPECTATION_TYPES if name in registered)
    if count != len(CUSTOM_EXPECTATION_TYPES):
        missing = sorted(set(CUSTOM_EXPECTATION_TYPES) - registered)
        raise EtlError(
            f"Great Expectations holds {count} of the {len(CUSTOM_EXPECTATION_TYPES)} custom expectations (missing {missing}): "
            "import etl.quality.expectations before a suite loads, and define every type of CUSTOM_EXPECTATION_TYPES there."
        )
    return count


def _register_custom_expectations() -> None:
    """Define this project's expectation classes in GX's registry, then check they are all there."""
    import etl.quality.expectations  # noqa: F401  (registers its classes with GX as it is imported)

    check_registered()


def load_suite_config(expectations_dir: Path, name: str) -> dict[str, Any]:
    """Read expectations/<name>.json and check its suite name and every expectation's severity."""
    path = Path(expectations_dir) / f"{name}.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UsageError(f"Cannot read the expectation suite {path}: {error}. Restore it from git.") from error
    if config.get("name") != name:
        raise UsageError(f"{path} names its suite {config.get('name')!r}; it must be {name!r}.")
    for position, expectation in enumerate(config.get("expectations", [])):
        severity = (expectation.get("meta") or {}).get("severity")
        if severity not in SEVERITIES:
            raise UsageError(
                f"{path}: expectation #{position} ({expectation.get('type')}) has meta.severity "
                f"{severity!r}; set it to one of {list(SEVERITIES)}."
            )
    return config


def load_suite(expectations_dir: Path, name: str):
    """The GX ExpectationSuite of expectations/<name>.json, failing loudly where GX would drop one."""
    gx = _import_gx()
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration, FailureSeverity

    _register_custom_expectations()
    config = load_suite_config(expectations_dir, name)
    path_hint = Path(expectations_dir) / f"{name}.json"
    expectations = []
    for position, raw in enumerate(config["expectations"]):
        try:
            severity = FailureSeverity(GX_SEVERITY[raw["meta"]["severity"]])
            expectations.append(ExpectationConfiguration(**raw, severity=severity).to_domain_obj())
        except Exception as error:  # GX raises several unrelated types here
            raise UsageError(
                f"{path_hint}: expectation #{position} ({raw.get('type')}) is not valid for great_expectations {gx.__version__}: {error}"
            ) from error
    suite = gx.ExpectationSuite(name=config["name"], expectations=expectations, meta=config.get("meta"))
    if len(suite.expectations) != len(expectations):
        raise UsageError(f"{path_hint}: GX kept {len(suite.expectations)} of {len(expectations)} expectations.")
    return suite


def _import_gx():
    """great_expectations, imported on first use with usage statistics off (there is no network) and its INFO
    logging quiet (hundreds of lines per validation in an Airflow task's log); its warnings still show."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations

    return great_expectations


def _ephemeral_context(docs_dir: Path):
    """An in-memory GX context (no analytics, no progress bars) whose only output is the docs site."""
    gx = _import_gx()
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    docs_site = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir.resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        data_docs_sites={DOCS_SITE_NAME: docs_site},
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _batches(suite, rows: pyarrow.Table, frame: pandas.DataFrame, connection, name: str) -> list[tuple[Any, pandas.DataFrame]]:
    """The suite's expectations split by the frame they run on: the table's rows, and their links view (spans
    and references, one SQL query) for the expectations that ask for it."""
    gx = _import_gx()
    on_spans = [e for e in suite.expectations if e.expectation_type in SPAN_VIEW_EXPECTATIONS]
    on_references = [e for e in suite.expectations if e.expectation_type in REFERENCE_EXPECTATIONS]
    on_table = [e for e in suite.expectations if e not in on_spans and e not in on_references]
    if not on_spans and not on_references:
        return [(suite, frame)]
    if on_spans:
        from etl.quality.spans import SPAN_TEXT_COLUMNS, span_view_query

        if name not in SPAN_TEXT_COLUMNS:
            raise UsageError(
                f"expectations/{name}.json: {on_spans[0].expectation_type} needs offsets into documents.text, which {name} has not."
            )
        base = span_view_query("SELECT * FROM slice_rows", SPAN_TEXT_COLUMNS[name], keep=_referring(on_references, rows.column_names))
    else:
        base = "SELECT * FROM slice_rows"
    connection.register("slice_rows", rows)
    try:
        view = connection.sql(_references_query(on_references, base, rows.column_names, name)).to_arrow_table().to_pandas()
    finally:
        connection.unregister("slice_rows")
    return [
        (gx.ExpectationSuite(name=name, expectations=on_table, meta=suite.meta), frame),
        (gx.ExpectationSuite(name=name + LINKS_SUFFIX, expectations=on_spans + on_references, meta=suite.meta), view),
    ]


def _referring(expectations, present: list[str]) -> list[str]:
    """The referring columns of these expectations that the table has."""
    return [e.column_A for e in expectations if e.column_A in present]


def _references_query(expectations, base: str, present: list[str], name: str) -> str:
    """SQL adding to the rows of `base` (which keeps every referring column) whether each referring value exists in the referred column."""
    found = []
    for expectation in expectations:
        column, flag, referred = expectation.column_A, expectation.column_B, expectation.referred
        table, _, referred_column = referred.partition(".")
        if table not in TABLES or referred_column not in TABLES[table].names:
            raise UsageError(f"expectations/{name}.json: referred {referred!r} names no table column; write it as table.column.")
        if column in present:  # else the table's own suite reports the missing column
            found.append(
                f"CASE WHEN v.{identifier(column)} IS NULL THEN NULL "
                f"ELSE v.{identifier(column)} IN (SELECT {identifier(referred_column)} FROM {identifier(table)}) END AS {identifier(flag)}"
            )
    return f"SELECT v.*{''.join(', ' + item for item in found)} FROM ({base}) v"


def _validate(context, datasource, suite, frame: pandas.DataFrame, index: int | None = None, run_name: str | None = None):
    """Run one table's suite (on one slice: `index`) through a stored ValidationDefinition so the docs can show it."""
    gx = _import_gx()

    name, count = suite.name, len(suite.expectations)
    suite = context.suites.add_or_update(suite)
    if len(suite.expectations) != count:  # GX drops, with a log line only, what it cannot rebuild
        raise EtlError(
            f"Great Expectations kept {len(suite.expectations)} of the {count} expectations of suite {name}; "
            "check_registered() names what it lacks."
        )
    batch_name = name if index is None else f"{name} slice {index + 1}"
    batch_definition = datasource.add_dataframe_asset(batch_name).add_batch_definition_whole_dataframe(batch_name)
    definition = context.validation_definitions.add_or_update(gx.ValidationDefinition(name=batch_name, data=batch_definition, suite=suite))
    try:
        run_id = run_identifier(run_name) if run_name else None
        return definition.run(batch_parameters={"dataframe": frame}, result_format="BASIC", run_id=run_id)
    finally:
        _forget_batches(datasource)


def run_identifier(run_name: str):
    """GX's RunIdentifier for one ETL run, with the time its id starts with (`etl.pipeline.new_run_id`).

    Given no time, GX reads one out of the name with dateutil, which takes the id's random suffix for a UTC
    offset: "...Z-9813ad8a" became +98:13, and filing the results then failed. A name with no time of ours
    (a user's) is filed under now.
    """
    from great_expectations.core.run_identifier import RunIdentifier

    try:
        run_time = datetime.strptime(run_name.split("-", 1)[0], RUN_TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        run_time = datetime.now(UTC)
    return RunIdentifier(run_name=run_name, run_time=run_time)


def _forget_batches(datasource) -> None:
    """Drop the frames GX's execution engine keeps of every batch it has validated: one per slice, so over a run
    they would add up to every table in memory (they live on after the run too, with GX's current context)."""
    manager = datasource.get_execution_engine().batch_manager
    manager.reset_batch_cache()
    manager.batch_data_cache.clear()


def _outcomes(name: str, suite_result) -> list[SuiteOutcome]:
    """Flatten a suite validation result into one SuiteOutcome per expectation."""
    outcomes = []
    for result in suite_result.results:
        config = result.expectation_config
        kwargs = config.kwargs
        columns = _columns_of(config.type, kwargs)
        outcomes.append(
            SuiteOutcome(
                table=name,
                expectation=config.type,
                columns=columns,
                severity=_etl_severity(config),
                success=bool(result.success),
                unexpected_count=result.result.get("unexpected_count"),
                details="" if result.success else _failure_details(result),
            )
        )
    return outcomes


def _etl_severity(config) -> str:
    """error or warning, from GX's severity field (critical is error)."""
    severity = getattr(config.severity, "value", config.severity)
    return next((ours for ours, theirs in GX_SEVERITY.items() if theirs == severity), "error")


def _columns_of(expectation_type: str, kwargs: dict[str, Any]) -> tuple[str, ...]:
    """The columns an expectation is about; none for a table-level one (its details say more)."""
    if expectation_type.startswith("expect_table_"):
        return ()
    if kwargs.get("column_list"):
        return tuple(kwargs["column_list"])
    if expectation_type in REFERENCE_EXPECTATIONS:
        return (kwargs["column_A"],)  # column B is the references view's own "found" flag
    return tuple(kwargs[key] for key in ("column", "column_A", "column_B") if kwargs.get(key))


def _failure_details(result) -> str:
    """What a failed expectation saw: the exception it raised, or examples of bad values."""
    exception = result.exception_info or {}
    if exception.get("raised_exception"):
        return f"raised {exception.get('exception_message')}"
    observed = result.result
    if result.expectation_config.type == "expect_column_values_to_not_be_null":
        return "null values"
    if "partial_unexpected_list" in observed:
        examples = observed["partial_unexpected_list"][:EXAMPLES_SHOWN]
        return f"e.g. {examples}"
    mismatched = (observed.get("details") or {}).get("mismatched")
    if mismatched:
        return f"columns {mismatched}"
    return f"observed {observed.get('observed_value')!r}"


def _write_results(results: list, gx_dir: Path) -> None:
    """Keep the last validation results as JSON under gx_dir, for `etl validate` and debugging."""
    gx_dir.mkdir(parents=True, exist_ok=True)
    payload = [result.to_json_dict() for result in results]
    (gx_dir / "validation_results.json").write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")


def _build_data_docs(context, docs_dir: Path, suite_names: list[str]) -> None:
    """Render the docs site and check its index lists every suite."""
    _name_data_assets(context.validation_results_store)
    context.build_data_docs(site_names=[DOCS_SITE_NAME])
    index = docs_dir / "index.html"
    if not index.is_file():
        raise EtlError(f"Great Expectations did not write {index}; check that {docs_dir} is writable.")
    page = index.read_text(encoding="utf-8")
    missing = [name for name in suite_names if f"expectations/{name}.html" not in page]
    if missing:
        raise EtlError(f"The data docs index {index} does not list the suites {missing}.")
    index.write_text(_with_plain_links(page, docs_dir), encoding="utf-8")
    for html_page in docs_dir.rglob("*.html"):
        html_page.write_text(_offline(html_page.read_text(encoding="utf-8")), encoding="utf-8")
    _remove_empty_folders(docs_dir)


def _name_data_assets(store) -> None:
    """Give each stored result its table (slice) as the "Data asset" its page shows: GX reads that name from the
    batch spec, which for a DataFrame holds only the data, so every page said "Data asset: None"."""
    for key in store.list_keys():
        result = store.get(key)
        asset = (result.meta.get("active_batch_definition") or {}).get("data_asset_name")
        if asset and not result.meta.get("batch_spec", {}).get("data_asset_name"):
            result.meta["batch_spec"] = {**result.meta.get("batch_spec", {}), "data_asset_name": asset}
            store.set(key, result)


def _offline(page: str) -> str:
    """A page without the styles, scripts and images GX takes from CDNs (nothing loads offline, and a page that
    waits for them shows no styles at all), with a small style of its own instead."""
    return CDN_TAG.sub("", page).replace("</head>", f"<style>{OFFLINE_STYLE}</style></head>", 1)


def _remove_empty_folders(root: Path) -> None:
    """GX leaves a folder for every run and batch it did not write a page into: drop the empty ones."""
    for folder in sorted((path for path in root.rglob("*") if path.is_dir()), key=lambda path: len(path.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _with_plain_links(page: str, docs_dir: Path) -> str:
    """The index with a plain list of every page: GX's own lists need scripts from a CDN, absent offline."""
    pages = sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.html") if path.name != "index.html")
    items = "".join(f'<li><a href="{page_path}">{page_path.removesuffix(".html")}</a></li>' for page_path in pages)
    section = f'<section id="newsetl-pages" style="margin:1em"><h3>All pages</h3><ul>{items}</ul></section>'
    return page.replace("</body>", section + "</body>", 1) if "</body>" in page else page + section
