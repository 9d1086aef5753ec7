"""Find input files under the seeds folder and read each into raw articles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".json", ".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}


@dataclass(frozen=True)
class RawArticle:
    """One article as read from disk, before normalisation; `reject_reason` set if unusable."""

    source: str
    text: str | None
    title: str | None = None
    url: str | None = None
    source_name: str | None = None
    published_at: str | None = None
    reject_reason: str | None = None


def find_inputs(seeds: Path) -> list[Path]:
    """Every regular file under `seeds`, recursively, in a stable order; links out are skipped."""
    root = seeds.resolve()
    found = []
    for path in sorted(seeds.rglob("*")):
        if path.name.startswith(".") or not path.is_file():
            continue
        if not path.resolve().is_relative_to(root):
            continue
        found.append(path)
    return found


def read_articles(path: Path, seeds: Path) -> list[RawArticle]:
    """The articles one file holds (a .jsonl holds one a line); unusable input becomes a rejection."""
    source = path.relative_to(seeds).as_posix()
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as error:
        return [RawArticle(source, None, reject_reason=f"cannot read file: {error.strerror}")]
    if suffix not in ARTICLE_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES:
        return [RawArticle(source, None, reject_reason=f"unsupported file type {suffix or '(none)'!r}")]
    text, problem = decode(data)
    if problem:
        return [RawArticle(source, None, reject_reason=problem)]
    if suffix == ".jsonl":
        return [_article_from_json_line(f"{source}#{n}", line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if suffix == ".json":
        return [_article_from_json_line(source, text)]
    if suffix in HTML_SUFFIXES:
        return [_article_from_html(source, text)]
    return [RawArticle(source, text)]


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes to text: UTF-8 (BOM allowed) or UTF-16 with a BOM; binary data is a problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return "", "invalid UTF-16 text"
    if b"\x00" in data:
        return "", "binary file (contains NUL bytes)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return "", f"not valid UTF-8 at byte {error.start}"


def _article_from_json_line(source: str, line: str) -> RawArticle:
    """One JSON object with `text` (or `body`) and optional metadata."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return RawArticle(source, None, reject_reason=f"malformed JSON: {error.msg} at column {error.colno}")
    if not isinstance(record, dict):
        return RawArticle(source, None, reject_reason="JSON value is not an object")
    text = record.get("text") or record.get("body")
    if not isinstance(text, str):
        return RawArticle(source, None, reject_reason="JSON object has no `text` or `body` string")
    return RawArticle(
        source,
        text,
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        source_name=_str_or_none(record.get("source_name")),
        published_at=_str_or_none(record.get("published_at")),
    )


def _article_from_html(source: str, html: str) -> RawArticle:
    """The main text of an article page (boilerplate dropped) through trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        return RawArticle(source, None, reject_reason="no article text found in the HTML page")
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata else None
    return RawArticle(source, text, title=title, url=metadata.url if metadata else None)


def _str_or_none(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
