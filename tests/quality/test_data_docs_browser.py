"""The data docs open in a real browser (Debian's headless Chromium) and list every suite offline."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from etl.quality.spans import SPAN_TEXT_COLUMNS as SPAN_TABLE_COLUMNS
from etl.schema import TABLES, empty_table
from etl.settings import Settings

SPAN_TABLES = tuple(SPAN_TABLE_COLUMNS)  # the tables whose rows carry offsets into documents.text

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_data_docs_render_in_headless_chromium(tmp_path):
    from etl.quality.suites import run_suites

    settings = Settings(warehouse=tmp_path / "warehouse")
    run_suites({name: empty_table(name) for name in TABLES}, settings)
    index = settings.data_docs_dir / "index.html"
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", index.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for name in TABLES:
        assert f'href="expectations/{name}.html"' in result.stdout
        assert f"validations/{name}/" in result.stdout
    for name in SPAN_TABLES:  # the custom span and reference expectations' suite, on each table's links view
        assert f"validations/{name}_links/" in result.stdout


def test_data_docs_work_offline_are_filed_under_the_run_name_their_table_and_leave_no_empty_folders(tmp_path):
    from etl.quality.suites import run_suites

    settings = Settings(warehouse=tmp_path / "warehouse")
    run_suites({name: empty_table(name) for name in TABLES}, settings, "20260101T000000.000000Z-test")
    pages = list(settings.data_docs_dir.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)=["']https?://[^"']*\.(?:css|js)""", text), f"{page} loads from a CDN"
        assert "<style>" in text
    validations = [page for page in pages if "validations" in page.parts]
    assert validations and all("20260101T000000.000000Z-test" in page.as_posix() for page in validations)
    for page in validations:  # the page's "Data asset" is its table, not None
        table = page.relative_to(settings.data_docs_dir / "validations").parts[0]
        assert f"Data asset: {table}" in page_text(page.read_text(encoding="utf-8"))
    assert not [folder for folder in settings.data_docs_dir.rglob("*") if folder.is_dir() and not any(folder.iterdir())]


def page_text(page: str) -> str:
    """A page's words as a reader sees them: no scripts, styles or tags, one space between words."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
