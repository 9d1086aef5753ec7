"""One error hierarchy: every message names what went wrong and how to fix it."""

from __future__ import annotations


class EtlError(Exception):
    """Root of every error the pipeline raises on purpose."""

    exit_code = 1


class UsageError(EtlError):
    """Bad arguments or unreadable paths (exit 2)."""

    exit_code = 2


class ModelNotFoundError(UsageError):
    """The configured spaCy model is not installed."""


class DataQualityError(EtlError):
    """An error-severity check failed; nothing of the run was published (exit 1)."""

    def __init__(self, failures: list[str]):
        self.failures = failures
        listed = "\n".join(f"  - {failure}" for failure in failures)
        super().__init__(f"{len(failures)} error-severity check(s) failed:\n{listed}")


class WarehouseBusyError(EtlError):
    """Another run is writing to the warehouse, or published while this run was staged (exit 3)."""

    exit_code = 3
