"""Find input files under the seeds folder and read each into raw articles.

Nothing here raises on bad input: a file that cannot be used becomes a `RawArticle` with a
one-line `reject_reason`, so every input ends as a row of `documents`.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from etl.extract.dates import date_field, split_front_matter

ARTICLE_SUFFIXES = {".txt", ".md"}
JSON_SUFFIXES = {".json", ".jsonl"}
HTML_SUFFIXES = {".html", ".htm"}
# A sidecar of metadata for a .txt, .md or .html article: `story.meta.json` beside `story.txt` gives it the
# title, url, source_name and publication date (any DATE_FIELDS name) the article itself does not carry.
META_SUFFIX = ".meta.json"
META_FIELDS = ("title", "url", "source_name", "published_at")
SUPPORTED = ", ".join(sorted(ARTICLE_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES))
DEFAULT_MAX_BYTES = 5_000_000

# Byte-order marks, longest first: a UTF-32 LE mark starts like a UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy single-byte encodings charset detection may choose from when a file is not UTF-8.
LEGACY_ENCODINGS = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "koi8_r", "iso8859_15"]
# Control characters that text never holds (tab, newlines and form feed excluded).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
SKIP_CHUNK = 1 << 20


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
    # A JSON record's own key, its `id` (else its `url`): a `.jsonl` line's source is `file.jsonl#<key>` rather
    # than `file.jsonl#<line>`, so that a line inserted above it re-keys nothing.
    key: str | None = None


def find_inputs(seeds: Path) -> list[Path]:
    """Every entry under `seeds` that must be accounted for, in a stable order; hidden ones skipped.

    Links to folders are listed (to be rejected), never walked into, so a link cannot lead the
    run outside the seeds folder or round in a loop.
    """
    found = []
    for folder, dirnames, filenames in os.walk(seeds, followlinks=False):
        base = Path(folder)
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found += [base / name for name in dirnames if (base / name).is_symlink()]
        found += [base / name for name in filenames if not name.startswith(".")]
    return sorted(found)


def read_articles(path: Path, seeds: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawArticle]:
    """The articles one input holds (a .jsonl holds one a line); unusable input becomes a rejection."""
    source = path.relative_to(seeds).as_posix()
    problem = unusable(path, seeds, max_bytes)
    if problem:
        yield RawArticle(source, None, reject_reason=problem)
        return
    suffix = path.suffix.lower()
    if path.name.lower().endswith(META_SUFFIX):
        yield from _sidecar_problems(path, source)
        return
    if suffix == ".jsonl":
        yield from _jsonl_articles(path, source, max_bytes)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield RawArticle(source, None, reject_reason=f"cannot read file: {error.strerror}")
        return
    text, problem = decode(data)
    if problem:
        yield RawArticle(source, None, reject_reason=problem)
    elif suffix == ".json":
        yield replace(article_from_json(source, text), key=None)  # one article a file: its path is a stable key
    elif suffix in HTML_SUFFIXES:
        yield _with_sidecar(_article_from_html(source, text), path)
    elif suffix == ".md":
        fields, body = split_front_matter(text)
        yield _with_sidecar(RawArticle(source, body, **{name: _str_or_none(value) for name, value in fields.items()}), path)
    else:
        yield _with_sidecar(RawArticle(source, text), path)


def sidecar_fields(path: Path) -> tuple[dict[str, str], str | None]:
    """The metadata of an article's `.meta.json` sidecar (none without one), or why it cannot be read."""
    sidecar = path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX) if path.suffix else None
    if sidecar is None or not sidecar.is_file() or sidecar.is_symlink():
        return {}, None
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return {}, f"metadata sidecar for {path.name} cannot be read: {error}"
    if not isinstance(record, dict):
        return {}, f"metadata sidecar for {path.name} is not a JSON object"
    fields = {name: _str_or_none(record.get(name)) for name in ("title", "url", "source_name")}
    fields["published_at"] = _str_or_none(date_field(record))
    return {name: value for name, value in fields.items() if value}, None


def _with_sidecar(article: RawArticle, path: Path) -> RawArticle:
    """The article with what its sidecar gives and the article itself lacks (its own metadata comes first)."""
    if article.reject_reason:
        return article
    fields, _ = sidecar_fields(path)
    return replace(article, **{name: value for name, value in fields.items() if getattr(article, name) is None})


def _sidecar_problems(sidecar: Path, source: str) -> Iterator[RawArticle]:
    """A sidecar is read with its article and is no document of its own; one that has no article beside it, or that
    cannot be read, is a rejected input with its reason (its article is loaded without it)."""
    stem = sidecar.name[: -len(META_SUFFIX)]
    articles = [sidecar.with_name(stem + suffix) for suffix in (*ARTICLE_SUFFIXES, *HTML_SUFFIXES)]
    article = next((candidate for candidate in articles if candidate.is_file()), None)
    if article is None:
        yield RawArticle(source, None, reject_reason=f"metadata sidecar with no article beside it ({stem}.txt, .md or .html)")
        return
    _, problem = sidecar_fields(article)
    if problem:
        yield RawArticle(source, None, reject_reason=problem)


def unusable(path: Path, seeds: Path, max_bytes: int) -> str | None:
    """Why an input cannot be read at all (link out of the seeds, not a file, wrong type, too big), or None."""
    if path.is_symlink():
        try:
            target = path.resolve()
        except RuntimeError:
            return "link that leads round in a loop"
        if not target.is_relative_to(seeds.resolve()):
            return f"link to {target} leads outside the seeds folder and is not followed"
        if target.is_dir():
            return "link to a folder is not followed (its files are read where they are)"
    try:
        info = path.stat()
    except OSError as error:
        return f"cannot read: {error.strerror} (a broken link?)"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a pipe, socket or device)"
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES:
        return f"unsupported file type {suffix or '(none)'!r}: expected one of {SUPPORTED}"
    if info.st_size == 0:
        return "empty file"
    if suffix != ".jsonl" and info.st_size > max_bytes:
        return f"file is {_megabytes(info.st_size)}, over the {_megabytes(max_bytes)} limit: raise ETL_MAX_INPUT_BYTES to read it"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes to text: UTF-8, UTF-16/32 with a byte-order mark, else a detected legacy single-byte encoding."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _as_text(data.decode(codec), codec)
            except UnicodeDecodeError as error:
                return "", f"invalid {codec.upper()} text at byte {error.start} (after its byte-order mark)"
    if b"\x00" in data:
        return "", "binary file (contains NUL bytes)"
    try:
        return _as_text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        legacy = _legacy_text(data)
        if legacy is None:
            return "", f"not valid UTF-8 (byte {error.start}) and no legacy single-byte encoding fits: save it as UTF-8"
        return _as_text(legacy, "legacy")


def _as_text(text: str, codec: str) -> tuple[str, str | None]:
    """Decoded text, unless it is mostly control characters: binary data that happened to decode."""
    if text and len(CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        return "", f"binary file (control characters in {codec} text)"
    return text, None


def _legacy_text(data: bytes) -> str | None:
    """Text of a legacy single-byte file (Windows-1252, KOI8-R, ...) as charset detection reads it."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    return str(best) if best is not None else None


def _jsonl_articles(path: Path, source: str, max_bytes: int) -> Iterator[RawArticle]:
    """One article per line, read line by line so a big file never sits in memory; a bad line rejects only itself."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
            handle.seek(0)
            codec = next((codec for bom, codec in BOMS if head.startswith(bom)), None)
            lines = _wide_lines(handle, codec, max_bytes) if codec in ("utf-16", "utf-32") else _byte_lines(handle, max_bytes)
            found = 0
            keys: set[str] = set()
            for number, (line, problem) in enumerate(lines, 1):
                if problem or line.strip():
                    found += 1
                    if problem:
                        yield RawArticle(f"{source}#{number}", None, reject_reason=problem)
                        continue
                    article = article_from_json(f"{source}#{number}", line)
                    yield _keyed(article, source, keys)
            if not found:
                yield RawArticle(source, None, reject_reason="no articles: every line is blank")
    except OSError as error:
        yield RawArticle(source, None, reject_reason=f"cannot read file: {error.strerror}")


def _keyed(article: RawArticle, source: str, taken: set[str]) -> RawArticle:
    """The line's article named `file.jsonl#<id or url>`, unless its record has neither or an earlier line of the
    file has the same (the later one keeps its line number, so neither is lost)."""
    if article.key is None or article.key in taken:
        return article
    taken.add(article.key)
    return replace(article, source=f"{source}#{article.key}")


def line_source(source: str, number: int, line: str) -> str:
    """The source a `.jsonl` line gets (its record's key, else its number), as if no earlier line had its key:
    how tools that name a record by its line (gold sets) find its document."""
    try:
        record = json.loads(line)
    except ValueError:
        return f"{source}#{number}"
    key = _record_key(record) if isinstance(record, dict) else None
    return f"{source}#{key}" if key else f"{source}#{number}"


def _byte_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[str, str | None]]:
    """(text, problem) of each line of a UTF-8 (or legacy) file, each at most `max_bytes` long."""
    first = True
    while line := handle.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line) + _skip_rest_of_line(handle)
            yield "", f"line is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit: raise ETL_MAX_INPUT_BYTES to read it"
            continue
        if first and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        first = False
        yield decode(line.rstrip(b"\r\n"))


def _wide_lines(handle: BinaryIO, codec: str, max_bytes: int) -> Iterator[tuple[str, str | None]]:
    """(text, problem) of each line of a UTF-16/32 file; a decoding error ends the file with one rejection."""
    reader = io.TextIOWrapper(handle, encoding=codec, newline=None)
    try:
        while line := reader.readline(max_bytes + 1):
            if len(line) > max_bytes and not line.endswith("\n"):
                while (rest := reader.readline(SKIP_CHUNK)) and not rest.endswith("\n"):
                    pass
                yield "", f"line is over the {_megabytes(max_bytes)} limit: raise ETL_MAX_INPUT_BYTES to read it"
                continue
            yield _as_text(line.rstrip("\n"), codec)
    except UnicodeDecodeError as error:
        yield "", f"invalid {codec.upper()} text from here on ({error.reason})"
    finally:
        reader.detach()


def _skip_rest_of_line(handle: BinaryIO) -> int:
    """Read past the end of an over-long line in bounded chunks; how many bytes were skipped."""
    skipped = 0
    while chunk := handle.readline(SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def article_from_json(source: str, line: str) -> RawArticle:
    """One JSON object with `text` (or `body`) and optional metadata."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return RawArticle(source, None, reject_reason=f"malformed JSON at column {error.colno}: {error.msg}")
    except (ValueError, RecursionError) as error:
        return RawArticle(source, None, reject_reason=f"malformed JSON: {str(error) or 'nested too deeply'}")
    if not isinstance(record, dict):
        kind = type(record).__name__
        return RawArticle(
            source, None, reject_reason=f"JSON value is a {kind}, not an object (a .json file holds one article; use .jsonl for many)"
        )
    text = record.get("text") or record.get("body")
    if not isinstance(text, str):
        return RawArticle(source, None, reject_reason="JSON object has no `text` or `body` string")
    if not _storable(text):
        return RawArticle(source, None, reject_reason="JSON text holds invalid Unicode (a lone surrogate escape such as \\ud800)")
    return RawArticle(
        source,
        text,
        key=_record_key(record),
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        source_name=_str_or_none(record.get("source_name")),
        published_at=_str_or_none(date_field(record)),
    )


def _record_key(record: dict) -> str | None:
    """A JSON record's own key: its `id` (a string or a whole number), else its `url`; None without either."""
    for field in ("id", "url"):
        value = record.get(field)
        if isinstance(value, bool) or not isinstance(value, str | int):
            continue
        if str(value).strip():
            return str(value).strip()
    return None


def _article_from_html(source: str, html: str) -> RawArticle:
    """The main text of an article page (boilerplate dropped) through trafilatura."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False)
        metadata = trafilatura.extract_metadata(html) if text else None
    except Exception as error:  # a parser failure on one odd page must not stop the run
        return RawArticle(source, None, reject_reason=f"cannot parse the HTML page: {type(error).__name__}")
    if not text:
        return RawArticle(source, None, reject_reason="no article text found in the HTML page")
    if metadata is None:
        return RawArticle(source, text)
    return RawArticle(
        source, text, title=_str_or_none(metadata.title), url=_str_or_none(metadata.url), published_at=_str_or_none(metadata.date)
    )


def _str_or_none(value) -> str | None:
    """A non-blank string that can be stored (lone surrogates replaced), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value if _storable(value) else value.encode("utf-8", "replace").decode("utf-8")


def _storable(text: str) -> bool:
    """True when the text encodes as UTF-8 (JSON escapes can smuggle in lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
