"""When an article was published: read from its metadata, front matter or dateline, in any common form."""

from __future__ import annotations

import re
from datetime import UTC, datetime

# JSON fields that hold the publication date, in the order they are tried (`published_at` is the contract's).
DATE_FIELDS = ("published_at", "published", "date_published", "datePublished", "publish_date", "pubDate", "date")
# A label before a date in page metadata: "Updated 18 March 2025 14:00 BST", "Published: ...".
DATE_LABEL = re.compile(r"^\s*(?:(?:last\s+)?(?:updated|modified|published|posted)(?:\s+(?:on|at))?\s*:?\s*)+", re.IGNORECASE)
# A wire dateline at the start of a text: "KYIV, March 18, 2025 (Reuters) -", "LONDON, 3 June 2021 -".
DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'-]{1,40},(?:\s*[A-Z][A-Za-z .'-]{1,30},)?"  # the place, and its country or state
    r"\s*(?P<date>[^()\-–—]{6,40}?)\s*(?:\([^)]{1,40}\)\s*)?[-–—]"  # the date, the agency in brackets, a dash
)
# Front matter of a Markdown article: key: value lines between two `---` lines at the very start.
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>(?:[^\n]*\n){0,50}?)---[ \t]*(?:\r?\n|\Z)")
FRONT_MATTER_KEYS = {"title": "title", "url": "url", "source": "source_name", "source_name": "source_name"}
FRONT_MATTER_DATE_KEYS = {name.lower() for name in DATE_FIELDS}
# Absolute forms only: a publication date is never "yesterday" (that would be read against today).
DATEPARSER_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": True,
}


def read_timestamp(value: str | None) -> datetime | None:
    """A publication date written any common way ("2025-03-18T10:02Z", "Tue, 18 Mar 2025 10:02 GMT",
    "18 March 2025", "March 18, 2025") as UTC; None when absent or when it does not name a day."""
    if not value or not value.strip():
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        parsed = _dateparser(DATE_LABEL.sub("", value.strip())[:100])
    if parsed is None:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _dateparser(value: str) -> datetime | None:
    import dateparser  # imported on first use: it costs a tenth of a second

    try:
        return dateparser.parse(value, languages=["en"], settings=DATEPARSER_SETTINGS)
    except (ValueError, OverflowError):
        return None


def date_field(record: dict) -> str | None:
    """The first non-blank publication-date field of a JSON record, as written."""
    for name in DATE_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # a Unix timestamp
    return None


def dateline_date(text: str) -> str | None:
    """The date of a wire dateline that names its year ("KYIV, March 18, 2025 (Reuters) -"), as written."""
    match = DATELINE.match(text[:120])
    if match is None or not re.search(r"\b(?:19|20)\d\d\b", match.group("date")):
        return None
    return match.group("date").strip(" ,")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """A Markdown article's front matter (title, date, url, source) and the text after it."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group("body").splitlines():
        key, colon, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("\"'")
        if not colon or not value:
            continue
        if key in FRONT_MATTER_KEYS:
            fields[FRONT_MATTER_KEYS[key]] = value
        elif key in FRONT_MATTER_DATE_KEYS:
            fields.setdefault("published_at", value)
    return fields, text[match.end() :]
