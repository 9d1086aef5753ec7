"""Opening the URLs the settings name (a warehouse or staging at `s3://...`): by fsspec, or through an Airflow connection.

Without `storage_conn_id`, fsspec picks the filesystem by the URL's scheme and the credentials come from
the environment (AWS_* variables, ~/.aws, gcloud). With it, Airflow's ObjectStoragePath opens the URL
with the credentials of that Airflow connection (the provider of the scheme must be installed:
apache-airflow-providers-amazon for s3://, -google for gs://). Plain folder paths never use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from etl.errors import UsageError

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem


def filesystem(url: str, conn_id: str = "") -> tuple[AbstractFileSystem, str]:
    """The filesystem a URL or path is on, and the path on it."""
    if not conn_id or "://" not in url:
        from fsspec.core import url_to_fs

        return url_to_fs(url)
    path = _airflow_path(url, conn_id)
    return path.fs, path.path


def _airflow_path(url: str, conn_id: str):
    """The URL as an ObjectStoragePath holding the connection; a clear error when Airflow or the scheme's provider is missing."""
    try:
        from airflow.sdk import ObjectStoragePath
    except ImportError:
        raise UsageError(
            f"ETL_STORAGE_CONN_ID is {conn_id!r}, an Airflow connection, but Apache Airflow is not installed "
            "(pip install 'newsetl[airflow]'), or leave it empty to use the environment's credentials"
        ) from None
    try:
        path = ObjectStoragePath(url, conn_id=conn_id)
        path.fs  # noqa: B018 - opens the filesystem now, so a missing provider is reported here
    except ValueError as error:
        scheme = url.split("://", 1)[0]
        raise UsageError(f"{url}: Airflow cannot open {scheme}:// ({error}); install the Airflow provider of that scheme") from None
    return path
