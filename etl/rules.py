"""The one checked loader of the rule files (word lists, tables of triggers, units, cues).

Every data file the extractors and checks read goes through here, so they all follow one format:

- a word list (`.txt`) holds one entry a line;
- a table (`.tsv`) has a header line of column names, then one row a line, cells separated by tabs
  (a row may leave its last cells out: they read as empty);
- in both, blank lines and lines whose first non-space character is `#` are comments;
- a cell listing several items separates them with `|`; an item `$name` stands for every entry of the
  word list `name.txt` beside the file (a named word class, written once and used by many rows).

A file that breaks the format raises RuleFileError naming the file, the line and the fix.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from etl.errors import EtlError

# Marks an item of a list cell that names a word class (a word list in the same folder).
CLASS_MARK = "$"
LIST_SEPARATOR = "|"
# Joins the parts of an item that must all hold ("troop+into").
COMBINATION_MARK = "+"


class RuleFileError(EtlError):
    """A rule file does not follow its format; the message names the file and line."""


@dataclass(frozen=True)
class Row:
    """One row of a rule table: its cells by column name, and where it was read (for error messages)."""

    cells: dict[str, str]
    path: Path
    line: int

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def get(self, column: str, default: str = "") -> str:
        return self.cells.get(column) or default

    @property
    def where(self) -> str:
        """`file:line`, for an error about this row."""
        return f"{self.path}:{self.line}"

    def items(self, column: str) -> tuple[str, ...]:
        """The `|`-separated items of a cell, lower-cased, each `$class` replaced by the words of its list."""
        return list_items(self.get(column), self.path.parent, self.where)

    def error(self, message: str) -> RuleFileError:
        """An error about this row: raise it."""
        return RuleFileError(f"{self.where}: {message}")


def _content_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of every line that is not blank or a comment, without its line end."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(f"{path}: rule file not found (is the package installed with its data files?)") from None
    except UnicodeDecodeError as error:
        raise RuleFileError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}): save it as UTF-8") from None
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            found.append((number, line))
    return found


@cache
def lines(path: Path) -> tuple[str, ...]:
    """The entries of a word list as written (spaces around them trimmed), in file order."""
    return tuple(line.strip() for _, line in _content_lines(path))


@cache
def words(path: Path) -> frozenset[str]:
    """The entries of a word list, lower-cased."""
    return frozenset(entry.lower() for entry in lines(path))


@cache
def phrases(path: Path) -> re.Pattern[str]:
    """A pattern matching any entry of a word list as whole words, in any case, with any spacing between its
    words ("so far", "so  far", "So far")."""
    entries = sorted(words(path), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(entry).replace(r"\ ", r"\s+") for entry in entries) + r")\b", re.IGNORECASE)


@cache
def table(path: Path, required: tuple[str, ...] = ()) -> tuple[Row, ...]:
    """The rows of a rule table; `required` columns must be in its header."""
    found = _content_lines(path)
    if not found:
        if required:
            raise RuleFileError(f"{path}: no header line: the first line that is not a comment must name the columns {', '.join(required)}")
        return ()
    header_line, header_text = found[0]
    header = [name.strip() for name in header_text.split("\t")]
    missing = [name for name in required if name not in header]
    if missing:
        raise RuleFileError(f"{path}:{header_line}: the header lacks column(s) {', '.join(missing)}; it has {', '.join(header)}")
    rows = []
    for number, text in found[1:]:
        values = next(csv.reader([text], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(values) > len(header):
            raise RuleFileError(
                f"{path}:{number}: expected at most {len(header)} tab-separated cells ({', '.join(header)}), got {len(values)}: "
                "check for a stray tab"
            )
        cells = {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)}
        rows.append(Row(cells, path, number))
    return tuple(rows)


def list_items(cell: str, folder: Path, where: str) -> tuple[str, ...]:
    """The `|`-separated items of a cell, lower-cased; `$name` expands to the words of `folder/name.txt`, also as a
    part of a `+` combination ("$forces+into" is "troop+into", "tank+into", ...)."""
    items: list[str] = []
    for item in cell.split(LIST_SEPARATOR):
        item = item.strip().lower()
        if not item:
            continue
        combinations = [""]
        for part in item.split(COMBINATION_MARK):
            choices = sorted(_class_words(part, folder, where)) if _names_a_class(part) else [part]
            combinations = [f"{done}{COMBINATION_MARK}{choice}" if done else choice for done in combinations for choice in choices]
        items.extend(combinations)
    return tuple(items)


def _names_a_class(part: str) -> bool:
    """`$name` names a word class; a bare `$` is the dollar sign ("with+$": provided with $5 million)."""
    return part.startswith(CLASS_MARK) and len(part) > len(CLASS_MARK)


def _class_words(part: str, folder: Path, where: str) -> frozenset[str]:
    """The words of the word class a `$name` part names, or an error naming the row."""
    source = folder / f"{part[len(CLASS_MARK) :]}.txt"
    if not source.is_file():
        raise RuleFileError(f"{where}: word class {part!r} has no list {source.name} in {folder}: add the file or fix the name")
    return words(source)
