"""Run the Great Expectations suites of expectations/ on the warehouse tables and write data docs.

Great Expectations is imported inside the functions that need it: it takes seconds to import
and the CLI must start fast.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from etl.errors import EtlError, UsageError
from etl.schema import TABLES, empty_table

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from etl.settings import Settings

SEVERITIES = ("error", "warning")
DATASOURCE_NAME = "newsetl"
DOCS_SITE_NAME = "local_site"
# How many offending values a failure line quotes.
EXAMPLES_SHOWN = 5
# The expectations defined in etl/quality/expectations.py, which the suites may name.
CUSTOM_EXPECTATION_TYPES = ("expect_span_to_match_document_text", "expect_table_rows_to_be_distinct")
# Expectations validated on a table's span view (its spans beside documents.text[char_start:char_end]).
SPAN_VIEW_EXPECTATIONS = ("expect_span_to_match_document_text",)
# Suffix of the GX suite holding a table's SPAN_VIEW_EXPECTATIONS.
SPAN_VIEW_SUFFIX = "_spans"


@dataclass(frozen=True)
class SuiteOutcome:
    """The result of one expectation on one table, flattened for summaries and exit codes."""

    table: str
    expectation: str
    columns: tuple[str, ...]
    severity: str
    success: bool
    unexpected_count: int | None
    details: str


def run_suites(tables: dict[str, pyarrow.Table], settings: Settings) -> list[SuiteOutcome]:
    """Validate every table against expectations/<table>.json and rebuild the data docs."""
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise ValueError(f"No such table(s) {unknown}; the tables are {sorted(TABLES)}.")
    suites = {name: load_suite(settings.expectations, name, tables) for name in TABLES}
    context = _ephemeral_context(settings.data_docs_dir)
    datasource = context.data_sources.add_pandas(DATASOURCE_NAME)
    outcomes: list[SuiteOutcome] = []
    results, suite_names = [], []
    for name, suite in suites.items():
        for part, frame in _batches(suite, tables, name):
            result = _validate(context, datasource, part, frame)
            results.append(result)
            suite_names.append(part.name)
            outcomes.extend(_outcomes(name, result))
    _write_results(results, settings.gx_dir)
    _build_data_docs(context, settings.data_docs_dir, suite_names)
    return outcomes


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


def failures(outcomes: list[SuiteOutcome]) -> list[str]:
    """One line per failed error-severity expectation: what failed, where, and on what values."""
    return [describe(outcome) for outcome in outcomes if outcome.severity == "error" and not outcome.success]


def describe(outcome: SuiteOutcome) -> str:
    """A one-line account of an outcome, naming the suite file to look at."""
    if len(outcome.columns) == 1:
        where = f"{outcome.table}.{outcome.columns[0]}"
    else:
        where = outcome.table + (f"({', '.join(outcome.columns)})" if outcome.columns else "")
    verdict = "passed" if outcome.success else "failed"
    count = f" on {outcome.unexpected_count} row(s)" if outcome.unexpected_count else ""
    details = f": {outcome.details}" if outcome.details else ""
    return f"{where}: {outcome.expectation} {verdict}{count}{details} [expectations/{outcome.table}.json]"


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


def load_suite(expectations_dir: Path, name: str, tables: dict[str, pyarrow.Table] | None = None):
    """The GX ExpectationSuite of expectations/<name>.json, failing loudly where GX would drop one.

    A kwarg written {"$values_of": "actors.actor_id"} becomes that column's values in `tables`, so a
    suite can say every actor id a fact names exists in `actors`.
    """
    gx = _import_gx()
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    _register_custom_expectations()
    config = load_suite_config(expectations_dir, name)
    path_hint = Path(expectations_dir) / f"{name}.json"
    expectations = []
    for position, raw in enumerate(config["expectations"]):
        kwargs = raw.get("kwargs", {})
        refers = any(isinstance(value, dict) and "$values_of" in value for value in kwargs.values())
        checked = _column_values(tables or {}, name, kwargs.get("column")) if refers else None
        raw = {**raw, "kwargs": {key: _resolve(value, tables or {}, path_hint, checked) for key, value in kwargs.items()}}
        try:
            expectations.append(ExpectationConfiguration(**raw).to_domain_obj())
        except Exception as error:  # GX raises several unrelated types here
            raise UsageError(
                f"{path_hint}: expectation #{position} ({raw.get('type')}) is not valid for "
                f"great_expectations {gx.__version__}: {error}"
            ) from error
    suite = gx.ExpectationSuite(name=config["name"], expectations=expectations, meta=config.get("meta"))
    if len(suite.expectations) != len(expectations):
        raise UsageError(f"{path_hint}: GX kept {len(suite.expectations)} of {len(expectations)} expectations.")
    return suite


def _resolve(value: Any, tables: dict[str, pyarrow.Table], path_hint: Path, checked: set | None = None) -> Any:
    """A kwarg as written, or the distinct values of the table column it refers to.

    With `checked` (the values of the column the expectation is about), only the referred values
    that occur there: the same verdict, and a value set the size of the column's distinct values,
    not of the whole referred table (GX copies the set per expectation, which grew with the corpus).
    """
    if not (isinstance(value, dict) and "$values_of" in value):
        return value
    table, _, column = value["$values_of"].partition(".")
    if table not in TABLES or column not in TABLES[table].names:
        raise UsageError(f"{path_hint}: $values_of {value['$values_of']!r} names no table column; write it as table.column.")
    values = set(tables[table].column(column).drop_null().unique().to_pylist()) if table in tables else set()
    return sorted(values & checked if checked is not None else values)


def _column_values(tables: dict[str, pyarrow.Table], name: str, column: str | None) -> set | None:
    """The distinct values of one column of a table, when the table is given and has it."""
    table = tables.get(name)
    if table is None or column is None or column not in table.column_names:
        return None
    return set(table.column(column).drop_null().unique().to_pylist())


def _import_gx():
    """great_expectations, imported on first use with usage statistics off (there is no network)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
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


def _as_pandas(table: pyarrow.Table | None, name: str) -> pandas.DataFrame:
    """The table as pandas (GX has no polars support); an absent table is an empty one."""
    return (empty_table(name) if table is None else table).to_pandas()


def _batches(suite, tables: dict[str, pyarrow.Table], name: str) -> list[tuple[Any, pandas.DataFrame]]:
    """The suite's expectations split by the frame they run on: the table itself, and its span view if any ask for it."""
    gx = _import_gx()
    on_view = [e for e in suite.expectations if e.expectation_type in SPAN_VIEW_EXPECTATIONS]
    if not on_view:
        return [(suite, _as_pandas(tables.get(name), name))]
    from etl.quality.spans import SPAN_TEXT_COLUMNS, span_view

    if name not in SPAN_TEXT_COLUMNS:
        raise UsageError(f"expectations/{name}.json: {on_view[0].expectation_type} needs offsets into documents.text, which {name} has not.")
    table = empty_table(name) if tables.get(name) is None else tables[name]
    view = span_view(tables.get("documents"), table, SPAN_TEXT_COLUMNS[name])
    on_table = [e for e in suite.expectations if e.expectation_type not in SPAN_VIEW_EXPECTATIONS]
    return [
        (gx.ExpectationSuite(name=name, expectations=on_table, meta=suite.meta), table.to_pandas()),
        (gx.ExpectationSuite(name=name + SPAN_VIEW_SUFFIX, expectations=on_view, meta=suite.meta), view.to_pandas()),
    ]


def _validate(context, datasource, suite, frame: pandas.DataFrame):
    """Run one table's suite through a stored ValidationDefinition so the docs can show it."""
    gx = _import_gx()

    name, count = suite.name, len(suite.expectations)
    suite = context.suites.add_or_update(suite)
    if len(suite.expectations) != count:  # GX drops, with a log line only, what it cannot rebuild
        raise EtlError(f"Great Expectations kept {len(suite.expectations)} of the {count} expectations of suite {name}; check_registered() names what it lacks.")
    batch_definition = datasource.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=name, data=batch_definition, suite=suite)
    )
    return definition.run(batch_parameters={"dataframe": frame}, result_format="SUMMARY")


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
                severity=(config.meta or {}).get("severity", "error"),
                success=bool(result.success),
                unexpected_count=result.result.get("unexpected_count"),
                details="" if result.success else _failure_details(result),
            )
        )
    return outcomes


def _columns_of(expectation_type: str, kwargs: dict[str, Any]) -> tuple[str, ...]:
    """The columns an expectation is about; none for a table-level one (its details say more)."""
    if expectation_type.startswith("expect_table_"):
        return ()
    if kwargs.get("column_list"):
        return tuple(kwargs["column_list"])
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
    context.build_data_docs(site_names=[DOCS_SITE_NAME])
    index = docs_dir / "index.html"
    if not index.is_file():
        raise EtlError(f"Great Expectations did not write {index}; check that {docs_dir} is writable.")
    page = index.read_text(encoding="utf-8")
    missing = [name for name in suite_names if f"expectations/{name}.html" not in page]
    if missing:
        raise EtlError(f"The data docs index {index} does not list the suites {missing}.")
    index.write_text(_with_plain_links(page, docs_dir), encoding="utf-8")


def _with_plain_links(page: str, docs_dir: Path) -> str:
    """The index with a plain list of every page: GX's own lists need scripts from a CDN, absent offline."""
    pages = sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.html") if path.name != "index.html")
    items = "".join(f'<li><a href="{page_path}">{page_path.removesuffix(".html")}</a></li>' for page_path in pages)
    section = f'<section id="newsetl-pages" style="margin:1em"><h3>All pages</h3><ul>{items}</ul></section>'
    return page.replace("</body>", section + "</body>", 1) if "</body>" in page else page + section
