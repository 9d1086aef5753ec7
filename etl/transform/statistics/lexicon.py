"""The lookups read from the data files: units, number words, qualifiers and context words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from etl.rules import Row, lines, table, words

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Unit:
    """One surface form of a unit: `kilometres` -> kilometre (length)."""

    surface: str
    unit: str
    kind: str
    flags: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """Every lookup the extractor reads from its data files, built once."""

    units: dict[str, Unit]  # lower-case surface -> unit, for case-blind entries
    cased_units: dict[str, Unit]  # exact surface -> unit, for symbols ("m", "K", "MWh")
    prefixes: re.Pattern  # currency signs and codes written before the number
    max_unit_len: int
    words: dict[str, tuple[str, float]]  # spelled number word -> (kind, value)
    fractions: dict[str, float]  # "thirds" -> 3
    ordinals: frozenset[str]
    scales: dict[str, tuple[float, bool]]  # lower-case scale after digits -> (factor, ambiguous)
    cased_scales: dict[str, tuple[float, bool]]
    before: tuple[tuple[str, str, bool], ...]  # (phrase, qualifier, is_preposition), longest first
    after: tuple[tuple[str, str], ...]
    context: dict[str, frozenset[str]]  # role -> words
    explicit_dollars: re.Pattern  # US$, A$, AUD, Canadian dollar: a dollar named with its country
    dollar_countries: dict[str, re.Pattern]  # currency -> names of the country that uses it
    signed_units: frozenset[str]  # units whose figures can be below zero (flag `signed`)


def flags_of(row: Row) -> frozenset[str]:
    """The comma-separated flags of a data row."""
    return frozenset(flag.strip() for flag in (row.get("flags") or "").split(",") if flag.strip())


def number_cell(row: Row, column: str) -> float:
    """A cell that must hold a number."""
    try:
        return float(row[column])
    except ValueError:
        raise row.error(f"column {column} must be a number, got {row[column]!r}") from None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Build the lookups from units*.tsv, numbers*.tsv and qualifiers.tsv."""
    units: dict[str, Unit] = {}
    cased: dict[str, Unit] = {}
    prefix_surfaces = []
    rows = table(DATA / "units.tsv", required=("surface", "unit", "kind", "flags"))
    si_prefixes = table(DATA / "units_prefixes.tsv", required=("symbol", "name"))
    for row in rows:
        unit = Unit(row["surface"], row["unit"], row["kind"], flags_of(row))
        (cased if "case" in unit.flags else units).setdefault(unit.surface if "case" in unit.flags else unit.surface.lower(), unit)
        if "prefix" in unit.flags:
            prefix_surfaces.append(unit.surface)
    for row in rows:
        unit = Unit(row["surface"], row["unit"], row["kind"], flags_of(row))
        for prefix in si_prefixes:
            if "si" in unit.flags:
                symbol = prefix["symbol"] + unit.surface
                cased.setdefault(symbol, Unit(symbol, prefix["name"] + unit.unit, unit.kind, unit.flags - {"si"}))
            if "siword" in unit.flags:
                surface = (prefix["name"] + unit.surface).lower()
                units.setdefault(surface, Unit(surface, prefix["name"] + unit.unit, unit.kind, unit.flags - {"siword"}))
    prefix_surfaces.sort(key=len, reverse=True)
    prefixes = re.compile("(?:^|(?<![A-Za-z]))(" + "|".join(re.escape(s) for s in prefix_surfaces) + r")\s?$")
    words: dict[str, tuple[str, float]] = {}
    fractions: dict[str, float] = {}
    ordinals = set()
    scales: dict[str, tuple[float, bool]] = {}
    cased_scales: dict[str, tuple[float, bool]] = {}
    for row in table(DATA / "numbers.tsv", required=("word", "value", "kind", "flags")):
        kind, value, flags = row["kind"], number_cell(row, "value"), flags_of(row)
        if kind == "fraction":
            fractions[row["word"]] = value
        elif kind == "ordinal":
            ordinals.add(row["word"])
        elif kind == "digit_scale":
            target = cased_scales if "case" in flags else scales
            target[row["word"] if "case" in flags else row["word"].lower()] = (value, "ambiguous" in flags)
        else:
            words[row["word"]] = (kind, value)
    before, after = [], []
    for row in table(DATA / "qualifiers.tsv", required=("phrase", "qualifier", "position", "flags")):
        if row["position"] == "after":
            after.append((row["phrase"], row["qualifier"]))
        else:
            before.append((row["phrase"].lower(), row["qualifier"], "preposition" in flags_of(row)))
    context: dict[str, set[str]] = {}
    for row in table(DATA / "numbers_context.tsv", required=("word", "role")):
        context.setdefault(row["role"], set()).add(row["word"])
    dollar_countries = {role.split(":", 1)[1]: words_pattern(words) for role, words in context.items() if role.startswith("dollar:")}
    explicit = [
        words_pattern([row["surface"]]).pattern if "case" in flags_of(row) else r"(?i:\b" + re.escape(row["surface"]) + ")"
        for row in rows
        if row["kind"] == "currency" and row["unit"] in dollar_countries and row["surface"].lower() not in word_list("stat_bare_dollars")
    ]
    return Lexicon(
        units=units,
        cased_units=cased,
        prefixes=prefixes,
        max_unit_len=max(len(s) for s in list(units) + list(cased)),
        words=words,
        fractions=fractions,
        ordinals=frozenset(ordinals),
        scales=scales,
        cased_scales=cased_scales,
        before=tuple(sorted(before, key=lambda item: len(item[0]), reverse=True)),
        after=tuple(sorted(after, key=lambda item: len(item[0]), reverse=True)),
        context={role: frozenset(values) for role, values in context.items()},
        explicit_dollars=re.compile("|".join(explicit) or "(?!)"),
        dollar_countries=dollar_countries,
        signed_units=frozenset(unit.unit for unit in [*units.values(), *cased.values()] if "signed" in unit.flags),
    )


def can_be_negative(unit: str | None) -> bool:
    """Whether a figure in this unit can be below zero: a bare number (a change, a balance), or a unit
    flagged `signed` in units.tsv, a rate by its first unit ('usd per month' as usd)."""
    return unit is None or unit.split(" per ")[0] in load_lexicon().signed_units


def words_pattern(words) -> re.Pattern:
    """Any of the words, case as written, not inside a longer word."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![A-Za-z])(?:" + alternatives + r")(?![A-Za-z])")


@cache
def word_list(name: str) -> frozenset[str]:
    """The entries of the word list `data/<name>.txt`, lower-cased: for matching a lower-cased word."""
    return words(DATA / f"{name}.txt")


@cache
def cased_list(name: str) -> tuple[str, ...]:
    """The entries of the word list `data/<name>.txt` as written, in file order: for matching case as written."""
    return lines(DATA / f"{name}.txt")
