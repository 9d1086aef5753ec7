"""A warehouse at an fsspec URL (`s3://`, `gs://`, `file://`, `memory://`): runs work on a local copy, then upload.

    <url>/CURRENT                          the run id of the published version, written last
    <url>/versions/<run_id>/...            one version folder as it is locally (parquet/, warehouse.duckdb, state/)
    <url>/data_docs/...                    the last run's Great Expectations data docs

A writer first brings its local copy up to the URL's current version (downloading it if another
machine published it), runs as on a local warehouse, then uploads the new version and only then
rewrites `CURRENT`: a reader that reads `CURRENT` first never sees a half-uploaded version. An upload
cut short is finished by the next writer, whose local copy is then one version ahead of the URL.
Object stores have no lock: one writer per URL at a time (the DAG runs one run at a time).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from etl.load.lock import writer_lock
from etl.load.versions import PULL_PREFIX, current_version, previous_version, prune_versions, switch_current
from etl.settings import Settings
from etl.storage import filesystem

CURRENT_FILE = "CURRENT"
VERSIONS = "versions"
DATA_DOCS = "data_docs"


@contextmanager
def writing(settings: Settings) -> Iterator[None]:
    """The warehouse's writer lock, with the local copy first brought up to date with the URL (if there is one)."""
    with writer_lock(settings):
        sync_from_url(settings)
        yield


def refresh_local_copy(settings: Settings) -> None:
    """For commands that only read: the local copy brought up to date with the URL, holding the writer lock meanwhile."""
    if settings.warehouse_url:
        with writing(settings):
            pass


def sync_from_url(settings: Settings) -> None:
    """Make the local copy's current version the URL's: download it, or finish uploading a version the URL lacks."""
    if not settings.warehouse_url:
        return
    fs, root = _filesystem(settings)
    published = _published_version(fs, root)
    local = current_version(settings.warehouse)
    if published == local:
        return
    if local is not None and published in (None, previous_version(settings.versions_dir / local)):
        upload_version(settings, local)
        return
    if published is not None:  # always, here: with neither published nor local they were equal
        _download_version(settings, fs, root, published)


def upload_version(settings: Settings, run_id: str) -> None:
    """Upload one local version, then point `CURRENT` at it, then drop the versions the local copy no longer keeps."""
    if not settings.warehouse_url:
        return
    fs, root = _filesystem(settings)
    _upload_tree(fs, settings.versions_dir / run_id, f"{root}/{VERSIONS}/{run_id}")
    upload_data_docs(settings)
    fs.pipe_file(f"{root}/{CURRENT_FILE}", run_id.encode())
    kept = {folder.name for folder in settings.versions_dir.iterdir()} if settings.versions_dir.is_dir() else set()
    for path in fs.ls(f"{root}/{VERSIONS}", detail=False) if fs.exists(f"{root}/{VERSIONS}") else []:
        if path.rstrip("/").rsplit("/", 1)[-1] not in kept:
            fs.rm(path, recursive=True)


def upload_data_docs(settings: Settings) -> None:
    """Upload the data docs (with each version, and after `etl validate` rebuilt them)."""
    if settings.warehouse_url and settings.data_docs_dir.is_dir():
        fs, root = _filesystem(settings)
        _upload_tree(fs, settings.data_docs_dir, f"{root}/{DATA_DOCS}")


def upload_page(settings: Settings, page: Path) -> None:
    """Upload a page written at the top of the local copy (the quality page) beside the versions at the URL."""
    if settings.warehouse_url:
        fs, root = _filesystem(settings)
        fs.put_file(str(page), f"{root}/{page.name}")


def _filesystem(settings: Settings):
    fs, root = filesystem(settings.warehouse_url, settings.storage_conn_id)
    return fs, root.rstrip("/")


def _published_version(fs, root: str) -> str | None:
    path = f"{root}/{CURRENT_FILE}"
    return fs.cat_file(path).decode().strip() if fs.exists(path) else None


def _download_version(settings: Settings, fs, root: str, run_id: str) -> None:
    """Download a version next to the local ones under a temporary name, move it in place, make it current."""
    partial = settings.warehouse / f"{PULL_PREFIX}{run_id}"
    shutil.rmtree(partial, ignore_errors=True)
    source = f"{root}/{VERSIONS}/{run_id}"
    for path in fs.find(source):
        target = partial / path[len(source) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        fs.get_file(path, str(target))
    settings.versions_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(settings.versions_dir / run_id, ignore_errors=True)
    os.replace(partial, settings.versions_dir / run_id)
    switch_current(settings.warehouse, run_id)
    prune_versions(settings)


def _upload_tree(fs, folder: Path, target: str) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            destination = f"{target}/{path.relative_to(folder).as_posix()}"
            fs.makedirs(destination.rsplit("/", 1)[0], exist_ok=True)
            fs.put_file(str(path), destination)
