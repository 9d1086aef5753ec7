"""This project's own Great Expectations expectations, registered with GX when this module is imported.

GX knows an expectation only once its class has been defined, and a suite naming one it does not
know loses it; etl.quality.suites imports this module before any suite loads and then checks with
`check_registered` that GX holds every class listed in CUSTOM_EXPECTATIONS.

- expect_span_to_match_document_text: a row's text is documents.text[char_start:char_end]. It runs
  on a span view of the table (see etl.quality.suites.span_view) whose `document_slice` column holds
  that slice, or null where the span has no document or runs outside it.
- expect_table_rows_to_be_distinct: no two rows are equal on every column bar the ones ignored (the
  row id), so one fact extracted twice under two ids is caught, which key uniqueness does not see.
- expect_column_values_to_exist_in_table: every value of column A (an actor id, a doc_id) exists in
  another table's column (`referred`: "actors.actor_id"), a foreign key GX has no expectation for.
  It runs on a references view whose column B says, for each row, whether A's value was found
  there (etl.quality.suites builds it with one SQL join), so no value set is copied into the suite.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import pandas as pd
from great_expectations.compatibility import pydantic
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import BatchExpectation, ColumnPairMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import ColumnPairMapMetricProvider, column_pair_condition_partial
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.table_metric_provider import TableMetricProvider
from great_expectations.render import LegacyRendererType, RenderedStringTemplateContent
from great_expectations.render.renderer.renderer import renderer

DOCUMENT_SLICE = "document_slice"
# How many duplicated groups a failed distinct-rows result quotes.
EXAMPLES_SHOWN = 5
# What a row-wise condition on two columns of one table is keyed by (as GX's own column-pair metrics).
PAIR_DOMAIN_KEYS = ("batch_id", "table", "column_A", "column_B", "row_condition", "condition_parser", "ignore_row_if")


class ColumnPairValuesMatchDocumentSlice(ColumnPairMapMetricProvider):
    """Row-wise: column A equals the document slice in column B (a missing slice never matches)."""

    condition_metric_name = "column_pair_values.match_document_slice"
    condition_domain_keys = PAIR_DOMAIN_KEYS
    condition_value_keys = ()

    @column_pair_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_A, column_B, **kwargs):
        return column_B.notna() & (column_A == column_B)


class ExpectSpanToMatchDocumentText(ColumnPairMapExpectation):
    """Expect column A (a span's text) to equal column B, documents.text[char_start:char_end] of the row."""

    column_B: str = DOCUMENT_SLICE
    ignore_row_if: str = pydantic.Field(default="neither")

    map_metric = "column_pair_values.match_document_slice"
    success_keys = ("column_A", "column_B", "ignore_row_if", "mostly")
    args_keys = ("column_A", "column_B")

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        column = (configuration.kwargs if configuration else {}).get("column_A")
        return [_sentence("Values in $column must equal documents.text[char_start:char_end] of their row.", column=column)]


class ColumnPairValuesFoundInTable(ColumnPairMapMetricProvider):
    """Row-wise: column A is null, or column B (whether A's value exists in the referred column) is true."""

    condition_metric_name = "column_pair_values.found_in_table"
    condition_domain_keys = PAIR_DOMAIN_KEYS
    condition_value_keys = ()

    @column_pair_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_A, column_B, **kwargs):
        return column_A.isna() | (column_B.fillna(False).astype(bool))


class ExpectColumnValuesToExistInTable(ColumnPairMapExpectation):
    """Expect every non-null value of column A to exist in `referred` ("table.column"); column B says whether it does."""

    referred: str
    ignore_row_if: str = pydantic.Field(default="neither")

    map_metric = "column_pair_values.found_in_table"
    success_keys = ("column_A", "column_B", "ignore_row_if", "mostly")
    args_keys = ("column_A", "column_B", "referred")

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        config = configuration.kwargs if configuration else {}
        return [_sentence("Values in $column must exist in $referred.", column=config.get("column_A"), referred=config.get("referred"))]


class TableDuplicateRows(TableMetricProvider):
    """Groups of rows equal on every column but the ignored ones: their count, and a few groups' ignored values."""

    metric_name = "table.duplicate_rows"
    value_keys = ("ignore_columns",)

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs, metrics, runtime_configuration):
        frame, _, _ = execution_engine.get_compute_domain(metric_domain_kwargs, domain_type="table")
        return duplicate_rows(frame, metric_value_kwargs.get("ignore_columns") or [])


class ExpectTableRowsToBeDistinct(BatchExpectation):
    """Expect no two rows to be equal on every column except `ignore_columns` (the row id)."""

    ignore_columns: list[str] = pydantic.Field(default_factory=list)

    metric_dependencies = ("table.duplicate_rows", "table.row_count")
    success_keys = ("ignore_columns",)
    args_keys = ("ignore_columns",)
    domain_keys: ClassVar[tuple[str, ...]] = ("batch_id", "row_condition", "condition_parser")

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None):
        found, rows = metrics["table.duplicate_rows"], metrics["table.row_count"]
        return {
            "success": found["unexpected_count"] == 0,
            "result": {
                "observed_value": found["unexpected_count"],
                "element_count": rows,
                "unexpected_count": found["unexpected_count"],
                "unexpected_percent": 100 * found["unexpected_count"] / rows if rows else 0.0,
                "partial_unexpected_list": found["examples"],
            },
        }

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        ignored = (configuration.kwargs if configuration else {}).get("ignore_columns") or []
        return [_sentence("No two rows may be equal on every column but $ignored.", ignored=", ".join(ignored) or "none")]


# Every expectation class this module defines: suites.CUSTOM_EXPECTATION_TYPES names the same ones (a test checks).
CUSTOM_EXPECTATIONS: tuple[type, ...] = (ExpectSpanToMatchDocumentText, ExpectTableRowsToBeDistinct, ExpectColumnValuesToExistInTable)


def duplicate_rows(frame: pd.DataFrame, ignore_columns: list[str]) -> dict[str, Any]:
    """How many rows repeat another on every column bar `ignore_columns`, and the ignored values of a few such groups."""
    compared = [column for column in frame.columns if column not in set(ignore_columns)]
    if frame.empty or not compared:
        return {"unexpected_count": 0, "examples": []}
    hashable = frame[compared].apply(lambda column: column.map(_hashable) if column.dtype == object else column)
    repeated = hashable.duplicated(keep=False)
    if not repeated.any():
        return {"unexpected_count": 0, "examples": []}
    groups = hashable[repeated].groupby(compared, dropna=False, sort=False).groups.values()
    shown = ignore_columns or compared[:1]
    examples = [[_label(frame.loc[index, shown].tolist()) for index in group] for group in list(groups)[:EXAMPLES_SHOWN]]
    return {"unexpected_count": int(repeated.sum()), "examples": examples}


def _label(values: list) -> Any:
    """A row's ignored values as shown in a failure: the id alone when there is one."""
    return values[0] if len(values) == 1 else values


def _hashable(value: Any) -> Any:
    """A cell pandas can hash: lists and arrays (e.g. actors.aliases) become tuples."""
    if isinstance(value, np.ndarray):
        return tuple(value.tolist())
    return tuple(value) if isinstance(value, list) else value


def _sentence(template: str, **params: Any) -> RenderedStringTemplateContent:
    """One line of the data docs' description of an expectation."""
    return RenderedStringTemplateContent(
        content_block_type="string_template",
        string_template={
            "template": template,
            "params": params,
            "styling": {"params": {name: {"classes": ["badge", "badge-secondary"]} for name in params}},
        },
    )
