"""Shared fixtures: the spaCy pipeline (built once) and paths of the repo."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from etl.settings import load_settings
    from etl.transform.nlp import build_nlp

    return build_nlp(load_settings().spacy_model)


@pytest.fixture(scope="session")
def model_with():
    """Load the configured spaCy model twice: as it ships, and with one of our components in place of one of its own."""
    import spacy

    from etl.settings import load_settings

    def load(component: str, replacing: str):
        name = load_settings().spacy_model
        swapped = spacy.load(name)
        swapped.add_pipe(component, before=replacing)
        swapped.remove_pipe(replacing)
        return spacy.load(name), swapped

    return load


@pytest.fixture(scope="session")
def make_document(nlp):
    """A ParsedDocument of one or more paragraphs, actors resolved, as the pipeline builds it."""
    from etl.extract.blocks import split_blocks
    from etl.schema import FURNITURE_KIND
    from etl.transform import parse_texts
    from etl.transform.actors import resolve_actors
    from etl.transform.context import ParsedBlock, ParsedDocument

    def build(text: str, doc_id: str = "d1") -> ParsedDocument:
        blocks = [b for b in split_blocks(text) if b.duplicate_of_block is None and b.kind != FURNITURE_KIND]
        parsed = [
            ParsedBlock(doc_id, b.block_idx, b.kind, b.char_start, doc)
            for b, doc in zip(blocks, parse_texts(nlp, [b.text for b in blocks], 8))
        ]
        document = ParsedDocument(doc_id, text, parsed)
        resolve_actors(document)
        return document

    return build


@pytest.fixture
def memory_store():
    """A fresh in-memory fsspec filesystem standing in for a bucket."""
    import fsspec

    store = fsspec.filesystem("memory")
    store.store.clear()
    store.pseudo_dirs.clear()
    store.pseudo_dirs.append("")
    yield store
    store.store.clear()


def strict_suites(folder: Path) -> Path:
    """A copy of the suites where `documents` must be empty: a real error-severity check that fails."""
    shutil.copytree(REPO / "expectations", folder)
    suite = json.loads((folder / "documents.json").read_text())
    suite["expectations"].append(
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 0, "max_value": 0}, "meta": {"severity": "error"}}
    )
    (folder / "documents.json").write_text(json.dumps(suite))
    return folder
