"""What several test modules share: the extract stage run on a folder as a run runs it, and a staged table read back."""

from __future__ import annotations

from pathlib import Path

from etl.extract.inputs import DEFAULT_MAX_BYTES


def extract_documents(seeds: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[dict], list[dict]]:
    """Documents and blocks rows for every input under `seeds`, repeats and boilerplate marked: the extract
    stage of a run, into a throwaway warehouse (for tests and tools on small folders)."""
    import tempfile

    from etl import staging
    from etl.pipeline import extract_stage, new_run_id
    from etl.schema import BLOCKS, DOCUMENTS
    from etl.settings import Settings

    with tempfile.TemporaryDirectory(prefix="newsetl-extract-") as folder:
        settings = Settings(seeds=Path(seeds), warehouse=Path(folder), max_input_bytes=max_bytes)
        run_id = new_run_id()
        extract_stage(settings, run_id)
        return staging.read_table(settings, run_id, "documents", DOCUMENTS).to_pylist(), staging.read_table(
            settings, run_id, "blocks", BLOCKS
        ).to_pylist()


def read_stage_table(settings, run_id: str, name: str):
    """A table a stage of `run_id` staged, by its name in etl.schema.TABLES."""
    from etl import staging
    from etl.schema import TABLES

    return staging.read_table(settings, run_id, name, TABLES[name])
