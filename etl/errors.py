"""One error hierarchy: every message names what went wrong and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass


class EtlError(Exception):
    """Root of every error the pipeline raises on purpose."""

    exit_code = 1


class UsageError(EtlError):
    """Bad arguments or unreadable paths (exit 2)."""

    exit_code = 2


class ModelNotFoundError(UsageError):
    """The configured spaCy model is not installed."""


@dataclass(frozen=True)
class CheckFailure:
    """One failed error-severity check: what failed, where, on how many rows, examples of them, and where the check is set.

    An expectation of a suite file, a check in code (keys, spans), or a finding made an error by ETL_SEVERITY.
    """

    check: str
    table: str
    columns: tuple[str, ...] = ()
    severity: str = "error"
    # Rows that failed, when the check counts them.
    failing_count: int | None = None
    # What the check saw: examples of bad values, or the exception it raised.
    examples: str = ""
    # The suite file, module or setting that defines the check, or makes it an error.
    defined_in: str = ""

    @property
    def where(self) -> str:
        """table.column, table(column, ...), or the table."""
        if len(self.columns) == 1:
            return f"{self.table}.{self.columns[0]}"
        return self.table + (f"({', '.join(self.columns)})" if self.columns else "")

    def __str__(self) -> str:
        count = f" on {self.failing_count} row(s)" if self.failing_count else ""
        examples = f": {self.examples}" if self.examples else ""
        return f"{self.where}: {self.check} failed{count}{examples} [{self.defined_in}]"

    def to_dict(self) -> dict:
        """A JSON-able dict, as a staged run keeps it between stages."""
        return {**asdict(self), "columns": list(self.columns)}

    @classmethod
    def from_dict(cls, data: dict) -> CheckFailure:
        return cls(**{**data, "columns": tuple(data.get("columns", ()))})


class DataQualityError(EtlError):
    """An error-severity check failed; nothing of the run was published (exit 1)."""

    def __init__(self, failures: list[CheckFailure]):
        self.failures = failures
        listed = "\n".join(f"  - {failure}" for failure in failures)
        super().__init__(f"{len(failures)} error-severity check(s) failed:\n{listed}")


class WarehouseBusyError(EtlError):
    """Another run is writing to the warehouse, or published while this run was staged (exit 3)."""

    exit_code = 3
