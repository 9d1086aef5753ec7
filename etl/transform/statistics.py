"""Statistics: every figure in the text, with its value, qualifier, unit and subject.

Figures are found in the block text by character patterns: digits (with separators, decimals,
fractions, powers of ten), spelled-out numbers, scale words, currency signs and unit names, all
read from the data files next to this module. spaCy's parse then says what a bare number counts
(the noun it modifies), what the figure is about, and who reported it. Dates, times, years,
ordinals, labels ("No. 5"), codes ("F-16") and numbers inside names are not statistics.

A number whose noun is left out takes its unit from the words around it: a casualty verb counts
people ("wounded nine"), a partitive or an earlier count names the thing ("16 of the 36 launched"
after "missiles"). Ages ("Ivanov, 48,", "men aged 18 to 60") are years, a falling pair next to a
vote word is two vote tallies, and a bare "$" is the home dollar of a document about another dollar
country that never names its dollar explicitly.
"""

from __future__ import annotations

import bisect
import calendar
import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from etl.transform.context import ParsedBlock, ParsedDocument, actor_in, row_id, text_of, tokens_of

DATA = Path(__file__).resolve().parent / "data"

# Entity labels whose numbers belong to a name ("Voyager 2", "South 32 Ltd"), not to a figure.
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "GPE", "LOC", "NORP", "LANGUAGE"}
DATE_LABELS = {"DATE", "TIME"}
WEEKDAYS = {name.lower() for name in calendar.day_name}
MAX_EXPONENT = 300
WORD = re.compile(r"[A-Za-z]+")
DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
SPACE_GROUP = re.compile(r"[ \u00a0\u202f\u2009](\d{3})(?![\d,/-]|\.\d)")
MIXED_FRACTION = re.compile(r"[ \u00a0-](\d{1,3})/(\d{1,3})(?![\d/])")
SLASH_FRACTION = re.compile(r"/(\d{1,4})(?![\d/])")
EXPONENT = re.compile(r"[eE]([-+\u2212]?\d{1,3})(?![\w.])")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# 8x2^10, 2.48×10−5, 3×10⁶: a power written after the mantissa.
POWER = re.compile(
    r"\s?[×xX*·]\s?(\d{1,3})(?:\^|\*\*)([-+\u2212]?\d{1,3})(?![\d.])"
    rf"|\s?[×xX*·]\s?10([-\u2212\u207b+][0-9{SUPERSCRIPTS}]+|[{SUPERSCRIPTS}]+)(?![\d.])"
)
UNCERTAINTY = re.compile(r"\s?(?:±|\+/-|\+-)\s?\d+(?:\.\d+)?(?:[eE][-+\u2212]?\d+)?")
VULGAR = "¼½¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
POWER_SUFFIX = re.compile(r"(?:\^([23])|([²³])|([23])(?![\d.]))(?![\w])|\s(squared|cubed)\b")
INVERSE_SUFFIX = re.compile(r"(?:\^?[-\u2212]1|⁻¹)(?![\d])")
POWER_PREFIX = re.compile(r"(square|sq\.?|cubic|cu\.?)\s+", re.IGNORECASE)
# Digit groups joined by the same mark three times or more: dates, phone numbers, versions, codes.
CODE_PATTERNS = re.compile(
    r"\d+(?:-\d+){2,}|\d+(?:/\d+){2,}|\d+(?:\.\d+){2,}|\+\d[\d ().-]{7,}\d|\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b"
)
SIGN_CONTEXT = set(" \t\n([{\"'$€£¥") | {""}
DATE_TOKEN = re.compile(r"1\d{3}|20\d{2}|\d{4}-\d{2}|\d{1,2}(?:st|nd|rd|th)")
# Unit kinds that make 'a'/'an' a rate: $80 a barrel, 5 hours a day.
RATE_KINDS = {"time", "volume", "mass", "length", "area"}
MONTHS = {name.lower() for name in list(calendar.month_name) + list(calendar.month_abbr) if name} | {"sept"}


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


@dataclass
class Quantity:
    """A figure being read: where it sits in the block and what has been found out so far."""

    start: int  # whole surface, qualifier and unit included
    end: int
    core_start: int  # the number with its currency sign and scale word
    core_end: int
    value: float
    digits: bool
    raw: float = 0.0  # the number before its scale word
    scale: float = 1.0
    value_high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    unit_kind: str | None = None  # a kind from units.tsv, or "noun" for a counted noun
    unit_start: int | None = None
    unit_end: int | None = None
    currency_prefix: bool = False
    sign: str | None = None  # the currency sign or code written before the number ("$", "A$", "USD")
    kind: str = "digits"  # digits, spelled, fraction, article, one
    skip: str | None = None
    noun: Token | None = None
    of_noun: Token | None = None
    about: Token | None = None  # what the figure is about when the parse alone would miss it (ages, elliptic counts)


def extract_statistics(document: ParsedDocument) -> list[dict]:
    """Statistics rows for every figure in the document's unique blocks."""
    lexicon = load_lexicon()
    dollar = local_dollar(document.text, lexicon)
    rows: list[dict] = []
    for block in document.blocks:
        if not mostly_latin(text_of(block.doc)):
            continue  # the lexicons are English: a Russian block would give days for dates
        quantities = block_quantities(block, lexicon)
        for quantity in quantities:
            if quantity.sign == "$" and quantity.unit and quantity.unit.startswith("usd") and dollar != "usd":
                quantity.unit = dollar + quantity.unit[len("usd") :]
        tokens = token_index(block.doc)
        numbers = {t.i for q in quantities for t in tokens.within(q.start, q.core_end if q.unit_kind in ("noun", "person") else q.end)}
        for quantity in quantities:
            start, end = block.char_span(quantity.start, quantity.end)
            if document.text[start:end] == text_of(block.doc)[quantity.start : quantity.end]:
                rows.append(statistic_row(document, block, quantity, tokens, numbers, lexicon))
    return rows


def local_dollar(text: str, lexicon: Lexicon) -> str:
    """The currency a bare '$' stands for in a document: usd, unless the document writes no dollar
    explicitly anywhere (no US$, A$, AUD, 'Australian dollars') and is about another dollar country:
    named at least five times and three times as often as the United States (an Australian outlet's
    '$100m' for Canberra's aid is in Australian dollars)."""
    if "$" not in text or lexicon.explicit_dollars.search(text):
        return "usd"
    mentions = {currency: len(pattern.findall(text)) for currency, pattern in lexicon.dollar_countries.items()}
    us = mentions.pop("usd", 0)
    if not mentions:
        return "usd"
    currency, count = max(mentions.items(), key=lambda item: item[1])
    return currency if count >= 5 and count >= 3 * us else "usd"


def mostly_latin(text: str) -> bool:
    """Whether most letters of the text are Latin (blocks without letters count as Latin)."""
    if text.isascii():
        return True
    letters = [char for char in text if char.isalpha()]
    latin = sum(1 for char in letters if char < "\u0250")
    return latin >= 0.5 * len(letters)


def block_quantities(block: ParsedBlock, lexicon: Lexicon) -> list[Quantity]:
    """The figures of one block, read, merged into ranges, qualified and checked."""
    doc = block.doc
    text = text_of(doc)
    tokens = token_index(doc)
    blocked = None  # spans of codes, found once a figure needs them
    quantities: list[Quantity] = []
    for number in find_numbers(text, lexicon):
        if quantities and number.start < quantities[-1].end:
            continue  # the 3 of km^3, the 1 of fb-1
        quantity = read_quantity(text, number, lexicon, tokens)
        if quantity is None:
            continue
        if blocked is None:
            blocked = [match.span() for match in CODE_PATTERNS.finditer(text)]
        if any(start < quantity.core_end and quantity.core_start < end for start, end in blocked):
            quantity.skip = "code"
        quantities.append(quantity)
    for quantity in quantities:
        if not quantity.skip:
            quantity.skip = skip_reason(text, quantity, lexicon, tokens)
    quantities = merge_ranges(text, quantities, tokens)
    share_units(text, quantities)
    read_ages(text, quantities, lexicon, tokens)
    measured = {  # token -> the figure it belongs to, for figures with their own unit
        t.i: q for q in quantities if q.unit_end is not None and q.unit_kind != "noun" for t in tokens.within(q.core_start, q.unit_end)
    }
    kept: list[Quantity] = []
    for quantity in quantities:
        if quantity.skip:
            continue
        if quantity.unit is None and not quantity.currency_prefix:
            count_noun(text, quantity, lexicon, tokens, measured)
        quantity.skip = late_skip_reason(text, quantity, lexicon, tokens)
        if quantity.skip:
            continue
        qualify(text, quantity, lexicon, tokens)
        if kept and quantity.start < kept[-1].end:
            continue  # never two rows over the same characters
        if kept:
            share_conversion_qualifier(text, kept[-1], quantity)
        kept.append(quantity)
    return kept


# --- data files ---------------------------------------------------------------------------


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header line (lines starting with # are notes)."""
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def flags_of(row: dict[str, str]) -> frozenset[str]:
    """The comma-separated flags of a data row."""
    return frozenset(flag.strip() for flag in (row.get("flags") or "").split(",") if flag.strip())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Build the lookups from units*.tsv, numbers*.tsv and qualifiers.tsv."""
    units: dict[str, Unit] = {}
    cased: dict[str, Unit] = {}
    prefix_surfaces = []
    rows = read_tsv("units.tsv")
    si_prefixes = read_tsv("units_prefixes.tsv")
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
    for row in read_tsv("numbers.tsv"):
        kind, value, flags = row["kind"], float(row["value"]), flags_of(row)
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
    for row in read_tsv("qualifiers.tsv"):
        if row["position"] == "after":
            after.append((row["phrase"], row["qualifier"]))
        else:
            before.append((row["phrase"].lower(), row["qualifier"], "preposition" in flags_of(row)))
    context: dict[str, set[str]] = {}
    for row in read_tsv("numbers_context.tsv"):
        context.setdefault(row["role"], set()).add(row["word"])
    dollar_countries = {role.split(":", 1)[1]: words_pattern(words) for role, words in context.items() if role.startswith("dollar:")}
    bare_dollars = ("$", "dollar", "dlr", "dlrs")
    explicit = [
        words_pattern([row["surface"]]).pattern if "case" in flags_of(row) else r"(?i:\b" + re.escape(row["surface"]) + ")"
        for row in rows
        if row["kind"] == "currency" and row["unit"] in dollar_countries and row["surface"].lower() not in bare_dollars
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
    )


def words_pattern(words) -> re.Pattern:
    """Any of the words, case as written, not inside a longer word."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![A-Za-z])(?:" + alternatives + r")(?![A-Za-z])")


# --- tokens -------------------------------------------------------------------------------


class TokenIndex:
    """The spaCy token at a character offset of the block."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens = tokens_of(doc)
        self.starts = [token.idx for token in self.tokens]

    def at(self, char: int) -> Token | None:
        """The token covering `char`, or None for whitespace or an empty doc."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        token = self.tokens[i]
        return token if char < token.idx + len(token.text) else None

    def within(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping [start, end)."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = bisect.bisect_left(self.starts, end)
        return [t for t in self.tokens[first:last] if t.idx + len(t.text) > start]


def token_index(doc: Doc) -> TokenIndex:
    """The Doc's TokenIndex, made once."""
    index = doc.user_data.get("newsetl_token_index")
    if index is None:
        index = doc.user_data["newsetl_token_index"] = TokenIndex(doc)
    return index


# --- numbers ------------------------------------------------------------------------------


@dataclass
class Number:
    """A number as written: digits, a fraction or spelled-out words."""

    start: int
    end: int
    value: float
    kind: str  # digits, fraction, spelled, article, one


def find_numbers(text: str, lexicon: Lexicon) -> list[Number]:
    """Every number in the text, digits first, then spelled-out numbers in the gaps."""
    numbers = find_digit_numbers(text)
    taken = [(n.start, n.end) for n in numbers]
    for number in find_spelled_numbers(text, lexicon):
        if not any(start < number.end and number.start < end for start, end in taken):
            numbers.append(number)
    return sorted(numbers, key=lambda n: n.start)


def find_digit_numbers(text: str) -> list[Number]:
    """Numbers written with digits or vulgar fractions, with powers of ten and fractions read."""
    numbers: list[Number] = []
    pos = 0
    while True:
        match = DIGITS.search(text, pos)
        if match is None:
            break
        start, end = match.span()
        pos = end
        if not stands_alone(text, start, end):
            pos = skip_run(text, end)
            continue
        number = read_digits(text, start, end, match.group())
        if number is None:
            pos = skip_run(text, end)
            continue
        pos = max(pos, number.end)
        numbers.append(number)
    for i, char in enumerate(text):
        if char in VULGAR and (i == 0 or not text[i - 1].isdigit()) and not any(n.start <= i < n.end for n in numbers):
            numbers.append(Number(i, i + 1, unicodedata.numeric(char), "fraction"))
    return sorted(numbers, key=lambda n: n.start)


def stands_alone(text: str, start: int, end: int) -> bool:
    """False for digits glued to a word or code: i7, MH17, F-16, 1.2.3, 10:30, 5,93."""
    before = text[start - 1] if start else ""
    before2 = text[start - 2] if start > 1 else ""
    if before.isalnum() or before == "_":
        return False
    if before in "-\u2011\u2212" and before2.isalpha():
        return False
    if before in ".,:/+" and before2.isdigit():
        return False
    after, after2 = text[end : end + 1], text[end + 1 : end + 2]
    if after in ".,:" and after2.isdigit():
        return False
    return True


def skip_run(text: str, end: int) -> int:
    """The end of a run of digits and joining marks, so a rejected code is skipped whole."""
    while end < len(text) and (text[end].isalnum() or (text[end] in ".,:/-_" and end + 1 < len(text) and text[end + 1].isalnum())):
        end += 1
    return end


def read_digits(text: str, start: int, end: int, written: str) -> Number | None:
    """Value of a digit number with its fraction, exponent, power of ten or space-separated groups."""
    digits = written.replace(",", "")
    value = to_decimal(digits)
    if value is None:
        return None
    if "," not in written and "." not in written and len(written) <= 3:
        while group := SPACE_GROUP.match(text, end):
            digits += group.group(1)
            end = group.end()
        value = to_decimal(digits)
    if SLASH_FRACTION.match(text, end):
        slash = SLASH_FRACTION.match(text, end)
        if text[start - 1 : start] == "/":
            return None
        denominator = int(slash.group(1))
        if denominator == 0 or value >= denominator or "." in written:
            return None
        return Number(start, slash.end(), float(value / denominator), "fraction")
    mixed = MIXED_FRACTION.match(text, end)
    if mixed and "." not in written and 0 < int(mixed.group(1)) < int(mixed.group(2)):
        return Number(start, mixed.end(), float(value) + int(mixed.group(1)) / int(mixed.group(2)), "digits")
    if end < len(text) and text[end] in VULGAR:
        return Number(start, end + 1, float(value) + unicodedata.numeric(text[end]), "digits")
    exponent = EXPONENT.match(text, end)
    power = POWER.match(text, end)
    if exponent:
        value, end = value * Decimal(10) ** int(exponent.group(1).replace("\u2212", "-")), exponent.end()
    elif power:
        base, exp = (power.group(1), power.group(2)) if power.group(1) else ("10", power.group(3))
        exp_value = superscript_int(exp)
        if exp_value is None or abs(exp_value) > MAX_EXPONENT:
            return None
        value, end = value * Decimal(int(base)) ** exp_value, power.end()
    uncertainty = UNCERTAINTY.match(text, end)
    if uncertainty:
        end = uncertainty.end()  # 9.83e-3 +/- 1e-5: the value is the first number
    return Number(start, end, float(value), "digits")


def to_decimal(digits: str) -> Decimal | None:
    """The digits as a Decimal, or None if they are not a number."""
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def superscript_int(written: str) -> int | None:
    """An exponent written with ASCII, Unicode minus or superscript characters."""
    sign = -1 if written[:1] in "-\u2212\u207b" else 1
    body = written.lstrip("-+\u2212\u207b")
    try:
        return sign * int("".join(str(unicodedata.digit(char)) for char in body))
    except (TypeError, ValueError):
        return None


def find_spelled_numbers(text: str, lexicon: Lexicon) -> list[Number]:
    """Spelled-out numbers: "three", "twenty-five", "a hundred and two", "two and a half", "two thirds"."""
    words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
    numbers = []
    for (start, end, word), nxt in zip(words, words[1:]):
        if word in ("a", "an") and text[end : nxt[0]] == " " and is_article_unit(text, nxt[0], lexicon):
            numbers.append(Number(start, end, 1.0, "article"))
    i = 0
    while i < len(words):
        if words[i][2] != "half" and lexicon.words.get(words[i][2], ("",))[0] not in SPELLED_STARTS:
            i += 1  # parse_spelled would find nothing here: most words
            continue
        parsed = parse_spelled(text, words, i, lexicon)
        if parsed is None:
            i += 1
            continue
        number, next_i = parsed
        if number is not None:
            numbers.append(number)
        i = next_i
    return numbers


def is_article_unit(text: str, position: int, lexicon: Lexicon) -> bool:
    """'a gallon', 'a penny': an article that counts one of a measuring unit."""
    found = longest_unit(text, position, lexicon, digits=False)
    return found is not None and "article" in found[0].flags and text[position : found[1]].isalpha()


# Kinds of number word a spelled number starts with ("half a dozen" aside).
SPELLED_STARTS = frozenset({"unit", "teen", "tens", "article"})


def parse_spelled(text: str, words: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> tuple[Number | None, int] | None:
    """Read the longest well-formed spelled number starting at word i; None if none starts there."""
    first = words[i][2]
    kind = lexicon.words.get(first, ("", 0))[0]
    total, group, last, max_scale = 0.0, 0.0, None, math.inf
    j, end = i, words[i][0]
    if half_a(words, i, lexicon):
        group, last, j, end = 0.5, "article", i + 2, words[i + 1][1]  # half a dozen, half a million
    elif kind not in SPELLED_STARTS:
        return None
    fraction_denominator = None
    while j < len(words):
        start_j, end_j, word = words[j]
        if j > i and not joins(text[words[j - 1][1] : start_j], last):
            break
        kind, value = lexicon.words.get(word, ("", 0.0))
        if word == "and":
            kind = "and"
        nxt = words[j + 1][2] if j + 1 < len(words) else ""
        if kind == "article" and last != "article":
            after_next = words[j + 2][2] if j + 2 < len(words) else ""
            if last in (None, "and") and lexicon.words.get(nxt, ("",))[0] in ("hundred", "scale"):
                group, last = 1.0, "article"
            elif last is None and nxt in lexicon.fractions and not nxt.endswith("s") and after_next == "of":
                group, last = 1.0, "unit"
            elif last == "and" and nxt == "half":
                group += 0.5
                j += 2
                end = words[j - 1][1]
                last = "half"
                continue
            else:
                break
        elif kind == "and":
            follows = lexicon.words.get(nxt, ("",))[0]
            before_group = last in ("hundred", "scale") and follows in ("unit", "teen", "tens")  # a hundred and two
            before_half = last in ("unit", "teen", "tens", "hundred", "scale") and nxt == "a"  # two and a half
            if not (before_group or before_half):
                break
            last = "and"
        elif kind == "unit" and last in (None, "and", "hundred", "scale", "tens"):
            if last == "tens" and value == 0:
                break
            group += value
            last = "unit"
        elif kind in ("teen", "tens") and last in (None, "and", "hundred", "scale"):
            group += value
            last = kind
        elif kind == "hundred" and last in ("unit", "teen", "tens", "article") and group < 100:
            group *= value
            last = "hundred"
        elif kind == "scale" and last in ("unit", "teen", "tens", "hundred", "article", "half") and value < max_scale:
            total += group * value
            group, last, max_scale = 0.0, "scale", value
        elif word in lexicon.fractions and last in ("unit", "teen") and total == 0 and group < 20:
            fraction_denominator = lexicon.fractions[word]
            end = end_j
            j += 1
            break
        else:
            break
        end = end_j
        j += 1
    if last == "and":
        j -= 1
        end = words[j - 1][1]
    if last is None or (last == "article" and fraction_denominator is None):
        return (None, max(j, i + 1))
    value = total + group
    following = words[j][2] if j < len(words) else ""
    gap = text[end : words[j][0]] if j < len(words) else ""
    if fraction_denominator is not None:
        return (Number(words[i][0], end, value / fraction_denominator, "fraction"), j)
    if last == "tens" and gap in ("-", "\u2011") and following in lexicon.ordinals:
        return (None, j + 1)  # twenty-first: an ordinal
    if last == "tens" and gap in ("-", "\u2011") and following in lexicon.fractions:
        return (None, j + 1)  # twenty-third
    kind = "one" if j == i + 1 and first == "one" else "spelled"
    return (Number(words[i][0], end, value, kind), j)


def half_a(words: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> bool:
    """'half a dozen', 'half a million': half of a counted group."""
    following = [w[2] for w in words[i + 1 : i + 3]]
    if words[i][2] != "half" or len(following) < 2 or following[0] not in ("a", "an"):
        return False
    return lexicon.words.get(following[1], ("",))[0] in ("hundred", "scale")


def joins(gap: str, last: str | None) -> bool:
    """Whether the text between two number words keeps them one number."""
    if gap in ("-", "\u2011"):
        return last in ("tens", "unit", "teen")
    if gap.strip() == "" and gap.count("\n") < 2:
        return True
    if gap.strip() == "," and last == "scale":
        return True
    return gap.strip() == "&" and last in ("hundred", "scale")


# --- reading what surrounds a number ------------------------------------------------------


def read_quantity(text: str, number: Number, lexicon: Lexicon, tokens: TokenIndex) -> Quantity | None:
    """The number with its sign, currency, scale word, unit and rate; None for a time or a code."""
    digits = number.kind in ("digits", "fraction")
    quantity = Quantity(number.start, number.end, number.start, number.end, number.value, digits, raw=number.value, kind=number.kind)
    if digits:
        read_sign_and_currency(text, quantity, lexicon)
    if number.kind in ("digits", "spelled") and is_time(text, number, lexicon):
        return None
    if number.kind == "digits" and is_clock_after_preposition(text, number, lexicon):
        return None
    if number.kind in ("digits", "spelled"):
        read_scale(text, quantity, lexicon, tokens)
    if not quantity.currency_prefix:
        read_unit(text, quantity, lexicon, tokens)
    if quantity.unit is not None:
        read_rate(text, quantity, lexicon, tokens)
    if digits and quantity.unit_end is None and text[quantity.core_end : quantity.core_end + 1].isalpha():
        return None  # 5G, 1st, 1990s, 3D: a code, an ordinal or a decade
    if number.kind == "article" and quantity.unit_end is None:
        return None
    if not math.isfinite(quantity.value):
        return None
    quantity.end = max(quantity.end, quantity.unit_end or 0)
    return quantity


def read_sign_and_currency(text: str, quantity: Quantity, lexicon: Lexicon) -> None:
    """A minus sign and a currency sign or code written before the digits ("-$5", "$-5", "USD 5")."""
    start = quantity.core_start
    sign = 1
    if is_sign(text, start):
        sign, start = -1, start - 1
    prefix = lexicon.prefixes.search(text[max(0, start - 8) : start])
    if prefix:
        unit = lexicon.cased_units.get(prefix.group(1)) or lexicon.units.get(prefix.group(1).lower())
        if unit is not None:
            start -= len(prefix.group(0))
            quantity.unit, quantity.unit_kind, quantity.currency_prefix = unit.unit, unit.kind, True
            quantity.sign = prefix.group(1)
            if sign == 1 and is_sign(text, start):
                sign, start = -1, start - 1
    quantity.value *= sign
    quantity.raw = quantity.value
    quantity.core_start = quantity.start = start


def is_sign(text: str, start: int) -> bool:
    """A minus sign glued to the number, not a dash joining two numbers."""
    return start > 0 and text[start - 1] in "-\u2212" and (text[start - 2] if start > 1 else "") in SIGN_CONTEXT


def is_time(text: str, number: Number, lexicon: Lexicon) -> bool:
    """10 a.m., 2.13 am, 1500 GMT, eight o’clock: a clock time, not a figure."""
    written = text[number.start : number.end]
    after = text[number.end : number.end + 12].replace("\u2019", "'")
    markers = _time_markers(tuple(lexicon.context.get("time_marker", ())))
    if markers is None or not markers.match(after):
        return False
    return looks_like_clock(written) if number.kind == "digits" else number.value in range(1, 13)


@lru_cache(maxsize=4)
def _time_markers(markers: tuple[str, ...]) -> re.Pattern | None:
    """Any clock marker at the start of a text, after an optional space: ' a.m.', 'GMT'."""
    return re.compile(r"\s?(?:" + "|".join(re.escape(marker) for marker in markers) + r")(?![A-Za-z])") if markers else None


@lru_cache(maxsize=4)
def _qualifiers_after(phrases: tuple[tuple[str, str], ...]) -> re.Pattern | None:
    """The qualifier phrases written after a figure, longest first, as one pattern, a group per phrase (a space
    before those that start with a letter: '40 or more', but '40+' and '40-plus' attached)."""
    if not phrases:
        return None
    alternatives = "|".join((r"\s?" if phrase[:1].isalpha() else "") + f"({re.escape(phrase)})" for phrase, _ in phrases)
    return re.compile(f"(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)


@lru_cache(maxsize=4)
def _qualifiers_before(phrases: tuple[tuple[str, str, bool], ...]) -> re.Pattern | None:
    """The qualifier phrases written before a figure, longest first, as one pattern ending the text, a group per phrase."""
    if not phrases:
        return None
    alternatives = "|".join(f"({re.escape(phrase)})" for phrase, _, _ in phrases)
    return re.compile(r"(?:^|(?<![A-Za-z]))(?:" + alternatives + r")\s+$")


def is_clock_after_preposition(text: str, number: Number, lexicon: Lexicon) -> bool:
    """'at 12.30', 'after 14:00': a clock time written without a marker."""
    written = text[number.start : number.end]
    if not re.fullmatch(r"([01]?\d|2[0-3])[.:][0-5]\d", written):
        return False
    gap = re.match(r"\s?", text[number.end :]).end()
    if match_unit_at(text, number.end + gap, lexicon, True) is not None:
        return False  # at 12.30 dlrs: a price
    return previous_word(text, number.start).lower() in lexicon.context.get("time_preposition", ())


def looks_like_clock(written: str) -> bool:
    """H, H.MM, H:MM or HHMM with valid hours and minutes."""
    match = re.fullmatch(r"(\d{1,2})(?:[.:](\d{2}))?", written)
    if match:
        return int(match.group(1)) <= 24 and (match.group(2) is None or int(match.group(2)) < 60)
    match = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d)", written)
    return match is not None


def read_scale(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> None:
    """A scale word after digits: 1.5 million, 6.4 mln, 5bn, €10M, 0.5k miles."""
    end = quantity.core_end
    match = re.match(r"(\s?|-)([A-Za-z]+)(?![A-Za-z])", text[end : end + 16])
    if not match:
        return
    word = match.group(2)
    found = lexicon.cased_scales.get(word) or lexicon.scales.get(word.lower())
    if found is None:
        return
    factor, ambiguous = found
    if ambiguous:
        if match.group(1) != "" or not ambiguous_scale_fits(text, end + match.end(), quantity, lexicon, tokens):
            return
    quantity.scale = factor
    quantity.value = float(Decimal(str(quantity.raw)) * Decimal(str(factor)))
    quantity.core_end = quantity.end = end + match.end()


def ambiguous_scale_fits(text: str, end: int, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> bool:
    """'m', 'k', 'B' mean a scale after a currency sign or before a unit or plural noun."""
    if quantity.currency_prefix:
        return True
    if re.match(r"\s?(?:" + "|".join(re.escape(s) for s in ("dollars", "euros", "pounds")) + r")\b", text[end:]):
        return True
    unit = match_unit_at(text, end + 1, lexicon, True) if text[end : end + 1] == " " else None
    if unit is not None:
        return True
    token = tokens.at(end + 1) if text[end : end + 1] == " " else None
    return token is not None and token.tag_ in ("NNS", "NNPS")


def read_unit(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> None:
    """The unit written after the number: 80%, six months, 40-km, 10 000 dollars, 4 km²."""
    end = quantity.core_end
    gap = re.match(r"[-\u2011](?=[A-Za-z$€£°%])|[^\S\n]*\n?[^\S\n]*", text[end : end + 8])  # 40-km, 6 km, 9\npct
    position = end + (gap.end() if gap else 0)
    found = match_unit_at(text, position, lexicon, quantity.digits)
    if found is None and position != end:
        found = match_unit_at(text, end, lexicon, quantity.digits)
    if found is None:
        return
    unit, unit_start, unit_end = found
    if "noobject" in unit.flags and (has_object(tokens, unit_start) or number_follows(text, unit_end, lexicon)):
        return  # 'two in my car', '8 in 10 Democrats': a preposition, not inches
    if quantity.currency_prefix and unit.kind == "currency":
        return
    if "spaced" in unit.flags and unit_start == end:
        return  # 1990s is a decade, not seconds
    if "hyphen" in unit.flags and text[end:unit_start] not in ("-", "\u2011"):
        return  # a nine-story building, but not three stories
    if unit.kind in ("person", "count") and modifies_noun(tokens, unit_end):
        return  # 'two official visits' counts visits: the parse finds the noun
    quantity.unit, quantity.unit_kind = unit.unit, unit.kind
    quantity.unit_start, quantity.unit_end = unit_start, unit_end


def match_unit_at(text: str, position: int, lexicon: Lexicon, digits: bool) -> tuple[Unit, int, int] | None:
    """The longest unit written at `position`, with 'square'/'cubic' and power suffixes read."""
    start = position
    power = None
    prefix = POWER_PREFIX.match(text, position)
    if prefix:
        power = "square" if prefix.group(1).lower().startswith("s") else "cubic"
        position = prefix.end()
    found = longest_unit(text, position, lexicon, digits)
    if found is None:
        return None
    unit, end = found
    name = unit.unit
    if unit.kind in ("length", "time") or power:
        suffix = POWER_SUFFIX.match(text, end)
        if suffix and not power:
            written = suffix.group(0).strip().lstrip("^")
            power, end = ("square" if written in ("2", "²", "squared") else "cubic"), suffix.end()
        if power:
            name = f"{power} {name}"
    inverse = INVERSE_SUFFIX.match(text, end)
    if inverse and "case" in unit.flags:
        name, end = f"inverse {name}", inverse.end()  # s-1, fb−1
    return Unit(unit.surface, name, unit.kind, unit.flags), start, end


def longest_unit(text: str, position: int, lexicon: Lexicon, digits: bool) -> tuple[Unit, int] | None:
    """The longest unit surface at `position`, ending at a word boundary."""
    limit = min(len(text), position + lexicon.max_unit_len + 3)
    for end in range(limit, position, -1):
        candidate = text[position:end]
        if candidate[-1].isspace() or candidate[0].isspace():
            continue
        if candidate[-1].isalnum() and not unit_ends_at(text, end):
            continue
        unit = lookup_unit(candidate, lexicon)
        if unit is None:
            continue
        if "digits" in unit.flags and not digits:
            continue
        return unit, end
    return None


def unit_ends_at(text: str, end: int) -> bool:
    """A unit word ends where a letter or digit does not follow (a power, as in km2, may)."""
    following = text[end : end + 1]
    if following.isalpha():
        return False
    return following not in "0123456789" or following == "" or re.match(r"[23](?!\d)", text[end:]) is not None


def lookup_unit(candidate: str, lexicon: Lexicon) -> Unit | None:
    """A unit by exact symbol, then by case-blind name with plural endings removed."""
    candidate = re.sub(r"\s+", " ", candidate)
    unit = lexicon.cased_units.get(candidate)
    if unit is not None:
        return unit
    lower = candidate.lower()
    if not lower[:1].isalpha() and lower[:1] not in "$€£¥₹₽₴%°":
        return None
    for form in plural_stems(lower):
        unit = lexicon.units.get(form)
        if unit is not None and "case" not in unit.flags and (form == lower or len(form) > 2):
            return unit
    return None


def plural_stems(word: str) -> list[str]:
    """The word and the singular forms it may be the plural of."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    if word.endswith("'") or word.endswith("’"):
        forms.extend(plural_stems(word[:-1]))
    return forms


def number_follows(text: str, end: int, lexicon: Lexicon) -> bool:
    """Whether a number (digits or a number word) comes right after `end`."""
    match = re.match(r"\s+(\d|[A-Za-z]+)", text[end : end + 20])
    return bool(match) and (match.group(1).isdigit() or lexicon.words.get(match.group(1).lower(), ("",))[0] in ("unit", "teen", "tens"))


def modifies_noun(tokens: TokenIndex, end: int) -> bool:
    """Whether the word ending at `end` modifies a noun after it ('official' in 'official visits')."""
    token = tokens.at(end - 1)
    if token is None or token.tag_ in ("NNS", "NNPS"):
        return False  # a plural ('people', 'officials') counts, whatever the parse says
    return token.dep_ in ("amod", "compound", "nmod") and token.head.i > token.i and token.head.pos_ == "NOUN"


def has_object(tokens: TokenIndex, char: int) -> bool:
    """Whether the word at `char` is a preposition with an object ('two in my car')."""
    token = tokens.at(char)
    return token is not None and any(child.dep_ == "pobj" for child in token.children)


def read_rate(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> None:
    """A rate after the unit: $15.4/hour, 200 kilometres per hour, $80 a barrel, J/m^2 per year."""
    end = quantity.unit_end if quantity.unit_end is not None else quantity.core_end
    for _ in range(2):
        match = re.match(r"\s?(/|per\s+|an?\s+)", text[end : end + 8])
        if not match:
            return
        position = end + match.end()
        word = match.group(1).strip()
        found = match_unit_at(text, position, lexicon, True)
        if found is not None:
            unit, _, unit_end = found
            if word in ("a", "an") and (unit.kind not in RATE_KINDS or is_relative_time(text, unit_end, lexicon)):
                return  # $80 a barrel, but not '$5m a year ago'
            name = unit.unit
        elif word != "/":
            token = tokens.at(position)
            if token is None or token.tag_ != "NN" or (word in ("a", "an") and quantity.unit_kind not in ("currency", "percent")):
                return  # 10 cts a share, $5 per person
            if is_relative_time(text, token.idx + len(token.text), lexicon):
                return
            name, unit_end = token.lemma_.lower(), token.idx + len(token.text)
        else:
            return
        quantity.unit = f"{quantity.unit} per {name}"
        quantity.unit_end = end = unit_end
        if quantity.unit_start is None:
            quantity.unit_start = quantity.core_end


def is_relative_time(text: str, end: int, lexicon: Lexicon) -> bool:
    """'a year ago', 'a week later': a time reference, not a rate."""
    following = re.match(r"\s*([A-Za-z]+(?: now)?)", text[end : end + 12])
    return bool(following) and following.group(1).lower() in lexicon.context.get("relative_time", ())


# --- what is not a statistic --------------------------------------------------------------


def skip_reason(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> str | None:
    """Why a number read from characters is not a statistic (dates, labels, list markers), or None."""
    token = tokens.at(quantity.core_start if quantity.kind != "digits" else number_start(text, quantity))
    if token is not None and (token.like_url or token.like_email):
        return "url"
    if is_label(text, quantity.start, lexicon):
        return "label"
    if is_list_marker(text, quantity):
        return "list marker"
    if re.match(r"-for-", text[quantity.core_end : quantity.core_end + 5]) or text[max(0, quantity.start - 5) : quantity.start] == "-for-":
        return "ratio"  # a three-for-two split
    if is_date(text, quantity, tokens):
        return "date"
    return None


def number_start(text: str, quantity: Quantity) -> int:
    """The offset of the first digit, after any sign or currency."""
    for i in range(quantity.core_start, quantity.core_end):
        if text[i].isdigit():
            return i
    return quantity.core_start


def is_label(text: str, start: int, lexicon: Lexicon) -> bool:
    """No. 5, Article 5, page 3, #1: the number names something."""
    before = text[max(0, start - 24) : start].rstrip()
    if before.endswith("#"):
        return True
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", before)
    return bool(match) and match.group(1).lower() in lexicon.context.get("label", ())


def is_list_marker(text: str, quantity: Quantity) -> bool:
    """'1. ' or '2) ' at the start of a line, or a bare '(3)'."""
    line_start = text.rfind("\n", 0, quantity.start) + 1
    after = text[quantity.core_end : quantity.core_end + 2]
    if text[line_start : quantity.start].strip() == "" and quantity.unit is None and re.match(r"[.)](\s|$)", after + " "):
        return True
    return text[quantity.start - 1 : quantity.start] == "(" and after[:1] == ")" and quantity.unit is None


def is_date(text: str, quantity: Quantity, tokens: TokenIndex) -> bool:
    """Years, days of months and dates spaCy marks as DATE or TIME (durations with a time unit are kept)."""
    core = text[quantity.core_start : quantity.core_end]
    if quantity.unit_kind == "time" and re.fullmatch(r"1\d{3}|20\d{2}", core) and not text[quantity.start : quantity.end].endswith("s"):
        return True  # 'the 1985 year': a year named, not 1985 years
    if quantity.unit_kind == "time" or quantity.currency_prefix:
        return False
    if quantity.kind == "digits" and re.fullmatch(r"1\d{3}|20\d{2}", core) and quantity.unit is None:
        following = next_word(text, quantity.core_end)
        noun = tokens.at(following[0]) if following else None
        counted = noun is not None and noun.tag_ in ("NNS", "NNPS") and noun.ent_type_ not in DATE_LABELS
        if not counted or tokens.at(quantity.core_start).ent_type_ == "DATE":
            return True  # in 2022, the 2024 elections; but 2000 troops
    if quantity.kind == "digits" and re.fullmatch(r"\d{1,2}", core) and quantity.unit is None:
        following = next_word(text, quantity.core_end)
        before = previous_word(text, quantity.start)
        neighbours = [(before, tokens.at(quantity.start - 1 - len(before)))]
        if following:
            neighbours.append((following[1], tokens.at(following[0])))
        if any(names_month(word, token) for word, token in neighbours):
            return True  # March 5, 24 February, on 6 may (but not '35 may apply')
    for token in tokens.within(quantity.core_start, quantity.core_end):
        if token.ent_type_ in DATE_LABELS and quantity.unit is None and names_a_date(token):
            return True
    return False


def names_month(word: str, token: Token | None) -> bool:
    """Whether a word next to a number is a month name, not the verb 'may' or 'march'."""
    if word.lower().rstrip(".") not in MONTHS:
        return False
    return token is None or not (token.pos_ == "VERB" or token.dep_ in ("aux", "auxpass"))


def names_a_date(token: Token) -> bool:
    """Whether the DATE/TIME entity around the token names a day, month or year (the model also tags bare numbers)."""
    entity = next((ent for ent in token.doc.ents if ent.start <= token.i < ent.end), None)
    if entity is None:
        return False
    words = {t.lower_.rstrip(".") for t in entity}
    return bool(words & (MONTHS | WEEKDAYS)) or any(DATE_TOKEN.fullmatch(t.text) for t in entity)


def previous_word(text: str, start: int) -> str:
    """The word just before `start`."""
    match = re.search(r"([A-Za-z]+\.?)\s*$", text[max(0, start - 20) : start])
    return match.group(1) if match else ""


def next_word(text: str, end: int) -> tuple[int, str] | None:
    """The offset and text of the word just after `end`."""
    match = re.match(r"[\s-]*([A-Za-z]+)", text[end : end + 30])
    return (end + match.start(1), match.group(1)) if match else None


def late_skip_reason(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> str | None:
    """Reasons that need the counted noun: numbers inside names, the pronoun 'one'."""
    token = tokens.at(number_start(text, quantity))
    if token is None:
        return None
    if quantity.kind == "one" and not is_counting_one(text, quantity, lexicon, tokens):
        return "pronoun one"
    if quantity.kind == "one" and quantity.unit == "day" and is_someday(tokens, quantity):
        return "someday"
    if quantity.unit is None and quantity.qualifier == "exact" and quantity.kind != "fraction" and refers_back(token):
        return "reference"
    if quantity.unit_kind in (None, "noun") and not quantity.currency_prefix and in_name(token, quantity.noun):
        return "name"
    slash = "/" in text[quantity.core_start : quantity.core_end]
    if slash and quantity.unit_kind in (None, "noun") and quantity.of_noun is None:
        return "slash without unit"  # 9/11, 3/4 as a date
    return None


# Words before 'one' that make it a pronoun: no one, this one, the one, each one.
ONE_DETERMINERS = {"no", "this", "that", "the", "each", "every", "any", "which", "another", "only"}


def refers_back(token: Token) -> bool:
    """'The two were supposed to meet': a bare number after 'the' names people or things already
    counted, it is not a new figure (when the thing is found, as in 'the 36 launched', it has a unit)."""
    first = token
    while first.i > 0 and first.doc[first.i - 1].pos_ == "NUM" and first.doc[first.i - 1].head.i in (token.i, token.head.i):
        first = first.doc[first.i - 1]
    return first.i > 0 and first.doc[first.i - 1].lower_ in ("the", "these", "those")


def is_counting_one(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> bool:
    """A lone 'one' is a figure with a unit ('one year', 'one person') or a qualifier ('at least one').

    Not 'one of the', 'no one', 'this one', and not 'one way' or 'at one point': a counted noun
    other than people is a figure only as the object or subject of a verb ('taking one village',
    'one drone was shot down'), and 'one woman told AFP' introduces a speaker, it counts nothing.
    """
    following = next_word(text, quantity.core_end)
    if following and following[1].lower() in ("of", "another"):
        return False
    if quantity.unit_kind in (None, "noun", "person") and determined_one(tokens, quantity):
        return False
    if qualifier_before(text, quantity.start, lexicon) is not None:
        return True
    noun = quantity.noun or (tokens.at(quantity.unit_end - 1) if quantity.unit_end is not None else None)
    if noun is not None and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in lexicon.context.get("reporting", ()):
        return False
    if quantity.unit_kind == "noun":
        spaced = text[quantity.core_end : quantity.core_end + 1] == " "  # not 'one-off'
        return noun is not None and spaced and is_verb_argument(noun, lexicon)
    return quantity.unit_kind is not None


def is_verb_argument(noun: Token, lexicon: Lexicon) -> bool:
    """A singular noun that a verb acts on ('captured one village', 'one drone was shot down'),
    not a set phrase ('one way'), a subject ('one country can't change...') or 'one X after another'."""
    if noun.tag_ != "NN" or noun.dep_ not in ("dobj", "nsubjpass") or noun.head.pos_ != "VERB" or noun.head.lemma_ in ("be", "have"):
        return False
    if any(t.lower_ == "another" for t in noun.doc[noun.i + 1 : noun.sent.end]):
        return False
    return noun.lemma_.lower() not in lexicon.context.get("not_counted", ())


def determined_one(tokens: TokenIndex, quantity: Quantity) -> bool:
    """'no one', 'this one', 'the one': a determiner makes 'one' a pronoun (not the 'that' of 'said that one died')."""
    token = tokens.at(quantity.core_start)
    if token is None or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.lower_ in ONE_DETERMINERS and before.dep_ != "mark"


def is_someday(tokens: TokenIndex, quantity: Quantity) -> bool:
    """'Russia might one day attack': 'one day' between a modal and its verb means some day."""
    words = tokens.within(quantity.core_start, quantity.end)
    if not words:
        return False
    doc, first, last = words[0].doc, words[0], words[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return (before is not None and before.tag_ == "MD") or (after is not None and after.tag_ in ("VB", "VBP", "VBZ", "VBD"))


def in_name(token: Token, noun: Token | None) -> bool:
    """A number inside a name: Voyager 2, South 32 Ltd, World War 2 (not in Title Case headlines)."""
    if token.ent_type_ in NAME_LABELS and token.ent_iob_ == "I":
        return True
    if token.i == 0 or is_title_case(token.doc):
        return False
    before = token.doc[token.i - 1]
    capitalised = before.text[:1].isupper() and not before.is_punct and not before.is_sent_start
    if not capitalised or before.lower_ in MONTHS | WEEKDAYS or before.pos_ not in ("PROPN", "NOUN", "X"):
        return False
    return noun is None or noun.text[:1].isupper()


def is_title_case(doc: Doc) -> bool:
    """A headline in Title Case, where capitals say nothing about names."""
    words = [t for t in tokens_of(doc) if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)


# --- ranges and qualifiers ----------------------------------------------------------------


def merge_ranges(text: str, quantities: list[Quantity], tokens: TokenIndex) -> list[Quantity]:
    """Join '30 to 40', '30-40', 'between 30 and 40', '8- to 16-meter' into one range."""
    merged: list[Quantity] = []
    i = 0
    while i < len(quantities):
        low = quantities[i]
        high = quantities[i + 1] if i + 1 < len(quantities) else None
        joined = (join_range(text, low, high, tokens) or join_ratio(text, low, high)) if high is not None else None
        if joined is None:
            merged.append(low)
            i += 1
        else:
            merged.append(joined)
            i += 2
    return merged


def join_ratio(text: str, low: Quantity, high: Quantity) -> Quantity | None:
    """'8 in 10 Democrats', 'one in three Latvians': a share written as a ratio, read as a fraction."""
    if text[low.end : high.start] != " in " or low.skip or high.skip or low.unit is not None or high.unit_kind not in (None, "person"):
        return None
    if (low.kind in ("spelled", "one")) != (high.kind in ("spelled", "one")) or not 0 < low.value < high.value:
        return None
    if low.value != int(low.value) or high.value != int(high.value) or high.currency_prefix:
        return None
    share = low.value / high.value
    return Quantity(low.start, high.core_end, low.core_start, high.core_end, share, low.digits, raw=low.value, kind="fraction")


def join_range(text: str, low: Quantity, high: Quantity, tokens: TokenIndex) -> Quantity | None:
    """One range quantity from two neighbours, or None if they are not a range."""
    between = text[low.end : high.start]
    word = between.strip().lower().lstrip("-").strip()
    dash = between in ("-", "–", "—", "\u2011") or between.strip() in ("–", "—")
    before = text[max(0, low.start - 9) : low.start].lower()
    if dash and (low.skip or high.skip):
        low.skip = high.skip = low.skip or high.skip  # 2013-14: both halves of a date
        return None
    if low.skip or high.skip or (low.kind in ("spelled", "one")) != (high.kind in ("spelled", "one")):
        return None
    vote = vote_word(low, high, tokens) if dash or word == "to" else None
    if vote is not None:
        for side in (low, high):
            side.unit, side.unit_kind, side.about = "vote", "count", vote  # 'passed 79 to 18': two tallies, no range
        return None
    opening = re.search(r"\bbetween\s+(?:the\s+[a-z]+\s+of\s+)?$", text[max(0, low.start - 30) : low.start].lower())
    if word == "and" and opening:
        start = low.start - (len(opening.group()))  # between 30 and 40, between the ages of 18 and 60
    elif word == "to" and not changes_to(before, low, tokens, load_lexicon().context.get("change", frozenset())):
        start = low.start
    elif dash:
        start = low.start
    elif word == "or" and low.unit_end is None and low.value < high.value <= 10 * low.value and not low.currency_prefix:
        if text[max(0, low.start - 2) : low.start].strip() == ",":
            return None  # 50,000, 150,000 or 1 million: a list of guesses
        start = low.start  # two or three shipments
    else:
        return None
    if (low.unit and high.unit and low.unit != high.unit) or (low.unit_end is not None and high.unit is None):
        return None  # '44 ml to 50 mg', 'rose 3 pct to 15.33 guilders'
    value = low.value
    if low.scale == 1.0 and high.scale != 1.0 and low.raw < high.raw:
        value = float(Decimal(str(low.raw)) * Decimal(str(high.scale)))  # $3 to $5 billion
    if dash and not value < high.value:
        low.skip = high.skip = "score"  # 3-1, 2-0
        return None
    own_unit = high if high.unit else low
    return Quantity(
        start,
        high.end,
        low.core_start,
        high.core_end,
        min(value, high.value),
        low.digits and high.digits,
        raw=low.raw,
        scale=high.scale,
        value_high=max(value, high.value),
        qualifier="range",
        unit=own_unit.unit,
        unit_kind=own_unit.unit_kind,
        unit_start=own_unit.unit_start,
        unit_end=own_unit.unit_end,
        currency_prefix=low.currency_prefix or high.currency_prefix,
        sign=low.sign or high.sign,
        kind="spelled" if high.kind == "one" else high.kind,
    )


def vote_word(low: Quantity, high: Quantity, tokens: TokenIndex) -> Token | None:
    """The vote word that makes a falling pair of bare counts a tally: 'The vote was 79 to 18',
    'passed 79-18', 'by a vote of 3-1' (within five words before), 'a 152-61 vote' (just after)."""
    if low.unit is not None or high.unit is not None or not low.value > high.value or not (low.digits and high.digits):
        return None
    first, last = tokens.at(low.core_start), tokens.at(high.core_end - 1)
    if first is None or last is None:
        return None
    votes = load_lexicon().context.get("vote", frozenset())
    words = [t for t in first.doc[max(first.sent.start, first.i - 8) : first.i] if t.is_alpha][-5:]
    words += list(last.doc[last.i + 1 : last.i + 2])
    return next((t for t in reversed(words) if t.lemma_.lower() in votes or t.lower_ in votes), None)


def changes_to(before: str, low: Quantity, tokens: TokenIndex, changes: frozenset[str]) -> bool:
    """'rose by 5% to 7%', 'dropped 3.5% to 2.1%': a change and the level reached, not a range."""
    if re.search(r"\b(from|between|ranging)\s$", before):
        return False
    if re.search(r"\bby\s$", before):
        return True
    previous = tokens.at(low.start - 2) if low.start >= 2 else None
    return low.unit_end is not None and previous is not None and previous.lemma_.lower() in changes


def share_units(text: str, quantities: list[Quantity]) -> None:
    """'45 and 50 mg', '2 or 3 days': a bare number takes the unit of the number it is paired with, unless the two
    are of other magnitudes ('205,000 or 12.8 pct' is a count and its share)."""
    for low, high in zip(quantities, quantities[1:]):
        between = text[low.end : high.start].strip().lower()
        alike = low.value is not None and high.value is not None and abs(low.value) <= 10 * abs(high.value)
        if (
            low.unit is None
            and high.unit is not None
            and between in ("and", "or", ",")
            and alike
            and not low.skip
            and high.unit_kind != "noun"
        ):
            low.unit, low.unit_kind = high.unit, high.unit_kind


def qualify(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> None:
    """Qualifier words before or after the figure: over, about, at least, up to, or more."""
    if quantity.qualifier == "range":
        if quantity.start > 0:
            extend_before(text, quantity, lexicon, tokens, keep_qualifier=True)
        return
    extend_before(text, quantity, lexicon, tokens, keep_qualifier=False)
    counted = quantity.unit_end is None or quantity.unit_kind == "noun" or quantity.noun is not None  # '40 or so minutes'
    after_end = quantity.core_end if counted else quantity.end
    pattern = _qualifiers_after(lexicon.after)
    match = pattern.match(text, after_end) if pattern is not None and quantity.qualifier == "exact" else None
    if match:
        quantity.qualifier = lexicon.after[match.lastindex - 1][1]  # the group of the phrase that matched
        quantity.end = max(quantity.end, match.end())


def share_conversion_qualifier(text: str, first: Quantity, second: Quantity) -> None:
    """'some 1,450km (900 miles)': a figure converted in brackets keeps the qualifier of the first."""
    if second.qualifier != "exact" or first.qualifier in ("exact", "range") or first.unit_kind != second.unit_kind:
        return
    if first.unit is None or second.unit is None or text[first.end : second.start].strip() != "(":
        return
    second.qualifier = first.qualifier


def extend_before(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex, keep_qualifier: bool) -> None:
    """Take in a qualifier phrase just before the figure."""
    found = qualifier_before(text, quantity.start, lexicon)
    if found is None:
        return
    start, qualifier, preposition = found
    if preposition and governs_object(tokens, start, quantity):
        return
    if not keep_qualifier:
        quantity.qualifier = qualifier
    quantity.start = start


def qualifier_before(text: str, start: int, lexicon: Lexicon) -> tuple[int, str, bool] | None:
    """The longest qualifier phrase ending just before `start`: (its start, qualifier, is a preposition)."""
    head = text[max(0, start - 30) : start].lower()
    pattern = _qualifiers_before(lexicon.before)
    match = pattern.search(head) if pattern is not None else None
    if match is None:
        return None
    _, qualifier, preposition = lexicon.before[match.lastindex - 1]  # the group of the phrase that matched
    return start - len(head) + match.start(match.lastindex), qualifier, preposition


def governs_object(tokens: TokenIndex, start: int, quantity: Quantity) -> bool:
    """'over 3 days' read as 'during': a preposition taking a duration as its object."""
    token = tokens.at(start)
    if token is None or token.dep_ != "prep" or quantity.unit_kind != "time":
        return False
    return any(child.dep_ == "pobj" for child in token.children)


# --- ages ---------------------------------------------------------------------------------


def read_ages(text: str, quantities: list[Quantity], lexicon: Lexicon, tokens: TokenIndex) -> None:
    """Bare numbers that are ages, in years: 'men aged 18 to 60', 'between the ages of 18 and 60',
    'aged 50 and 48', 'Ivanov, 48, is'. The figure is about the person or people ('men', 'Ivanov')."""
    words = "|".join(re.escape(word) for word in sorted(lexicon.context.get("age", ()), key=len, reverse=True))
    after_age_word = re.compile(r"\b(" + words + r")(?:\s+of)?(?:\s+between)?\s+$", re.IGNORECASE) if words else None
    previous: Quantity | None = None
    for quantity in quantities:
        if quantity.skip or quantity.unit is not None or quantity.currency_prefix or quantity.kind == "fraction":
            previous = None
            continue
        about: Token | None = None
        match = after_age_word.search(text, max(0, quantity.core_start - 40), quantity.core_start) if after_age_word else None
        if match:
            about = age_owner(tokens.at(match.start(1)))
        elif previous is not None and text[previous.end : quantity.start].strip().lower() in ("and", "or", ",", "to"):
            about = previous.about  # aged 50 and 48
        else:
            about = appositive_person(text, quantity, lexicon, tokens)
            if about is None:
                previous = None
                continue
        quantity.unit, quantity.unit_kind, quantity.about = "year", "time", about
        previous = quantity


def age_owner(word: Token | None) -> Token | None:
    """Whose age an age word gives: 'men' of 'men aged 18', of 'men between the ages of 18'."""
    node = word
    while node is not None and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return None  # 'died at the age of 80': the clause subject will do
        if node.pos_ in ("NOUN", "PROPN", "PRON"):
            return node
    return None


def appositive_person(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> Token | None:
    """The person a bare number set off by commas after their name is the age of: 'Ivanov, 48, is'."""
    if quantity.kind != "digits" or quantity.value_high is not None or quantity.value not in range(1, 120):
        return None
    after = text[quantity.core_end : quantity.core_end + 1]
    if text[max(0, quantity.start - 2) : quantity.start] != ", " or after not in (",", ";", ")"):
        return None
    person = tokens.at(quantity.start - 3)
    if person is None:
        return None
    if person.ent_type_ == "PERSON" or (person.pos_ == "PROPN" and not person.ent_type_):
        return person  # Ivanov, 48; Anatoly, 43 (a name the model did not tag)
    if person.pos_ == "NOUN" and noun_unit(person, lexicon)[0] == "person":
        return person  # a woman, 61,
    return None


# --- what the number counts, and what it is about ------------------------------------------


COUNT_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "advmod"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "nummod", "npadvmod", "quantmod", "poss"}


def count_noun(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex, measured: dict[int, Quantity]) -> None:
    """The noun a bare number counts: 'over 40 drones' -> drone, '2 civilians' -> person.

    `measured` maps the tokens of figures with their own unit to their figure: they may stand between
    a number and its noun ('six M777 155mm howitzers'), and a bare amount may share a currency.
    """
    token = top_number_token(tokens, quantity)
    if token is None:
        return
    noun = None
    reach = 7 if token.dep_ == "nummod" else 5
    if token.dep_ in COUNT_DEPS and 0 < token.head.i - token.i <= reach:
        noun = token.head
    elif token.i + 1 < len(token.doc) and token.doc[token.i + 1].tag_ in ("NNS",) and token.doc[token.i + 1].pos_ == "NOUN":
        noun = token.doc[token.i + 1]
    if noun is not None and (not counts(noun) or noun.lower_ in lexicon.context.get("casualty", ())):  # 'more than 30 hurt'
        noun = None
    if noun is None:
        of_noun = of_object(token)
        if of_noun is not None and counts(of_noun):
            quantity.of_noun = of_noun
            if of_noun.tag_ in ("NNS", "NNPS") and quantity.kind != "fraction":
                quantity.unit, quantity.unit_kind = noun_unit(of_noun, lexicon)
            if quantity.unit is None and quantity.kind != "fraction":
                elliptic_count(quantity, token, lexicon, measured)  # 'five of them were killed'
            return
        if quantity.kind != "fraction":
            elliptic_count(quantity, token, lexicon, measured)
        return
    between = tokens.within(quantity.core_end, noun.idx)
    if noun.i in measured or any((t.like_num or t.pos_ == "NUM") and t.i not in measured for t in between):
        return  # '245 23 yen': the noun is counted by the nearer number
    if quantity.kind == "fraction":
        return  # '8 in 10 Democrats' is a share of them, not a count
    quantity.noun = noun
    quantity.unit, quantity.unit_kind = noun_unit(noun, lexicon)
    if quantity.unit is None:
        elliptic_count(quantity, noun, lexicon, measured)  # 'wounding six others'
    close = len(between) <= 4 and not any(t.i in measured for t in between)  # 'four M777 155mm howitzers' keeps '155mm' apart
    if close and all(t.head.i == noun.i or t.head.head.i == noun.i or t.is_punct and t.text in "-‑" for t in between):
        quantity.unit_start = compound_start(noun).idx
        quantity.unit_end = noun.idx + len(noun.text)
        quantity.end = max(quantity.end, quantity.unit_end)
        read_rate(text, quantity, lexicon, tokens)
        quantity.end = max(quantity.end, quantity.unit_end)


def elliptic_count(quantity: Quantity, token: Token, lexicon: Lexicon, measured: dict[int, Quantity]) -> None:
    """The unit of a number whose noun is left out, read from the words around it.

    '16 of the 36 launched' counts the plural noun said before it in the sentence ('missiles');
    a bare number that is the subject or object of a casualty verb counts people ('wounded nine',
    'five more injured', 'one had died', 'killing at least one and wounding six others');
    'the number of people displaced was three' counts people; and a bare subject or object after
    a counted noun in the same sentence counts the same ('12,000 houses were flooded, while 5,510
    remained submerged'), and after an amount of money it is money ('fell $195m to 65 billion').
    """
    antecedent: Token | Quantity | None = partitive_antecedent(token, lexicon)
    if antecedent is None:
        whole = quantity.raw == int(quantity.raw) or quantity.scale != 1.0  # 6.5 counts no earthquakes
        earlier = counted_antecedent(token, lexicon, measured) if whole else None
        verb = casualty_verb(token, lexicon)
        things_too = verb is not None and verb.lemma_.lower() in lexicon.context.get("casualty_or_thing", ())
        if verb is not None and not (things_too and isinstance(earlier, Token)):  # but '14 tanks ... capture one'
            quantity.unit, quantity.unit_kind, quantity.about = "person", "person", verb
            return
        antecedent = number_of_noun(token) or earlier
    if isinstance(antecedent, Quantity):
        if quantity.digits and (antecedent.scale != 1.0) == (quantity.scale != 1.0):  # 'from 148 mln', not '73 cts ... 12.6 mln'
            quantity.unit, quantity.unit_kind = antecedent.unit, antecedent.unit_kind
    elif antecedent is not None:
        quantity.unit, quantity.unit_kind = noun_unit(antecedent, lexicon)
        quantity.about = antecedent


def partitive_antecedent(token: Token, lexicon: Lexicon) -> Token | None:
    """For '16 of the 36' (either number), the nearest plural noun before it in the sentence."""
    whole = of_object(token)
    if whole is not None and whole.like_num:
        part = token  # the 16 of '16 of the 36'
    elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.like_num:
        part = token.head.head  # the 36
    else:
        return None
    for candidate in reversed(token.doc[part.sent.start : part.i]):
        if candidate.tag_ in ("NNS", "NNPS") and counts(candidate) and candidate.lower_ not in lexicon.context.get("no_unit", ()):
            return candidate
    return None


def number_of_noun(token: Token) -> Token | None:
    """What a 'number of X' counts: 'The number of people displaced was three', 'raised the number of
    commissions to 12' -> people, commissions."""
    if token.dep_ in ("attr", "dobj", "npadvmod"):
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head  # the toll rose to 18
    else:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != token.i), None)
    if subject is None or subject.lemma_.lower() not in ("number", "total", "tally"):
        return None
    noun = of_object(subject)
    return noun if noun is not None and noun.tag_ in ("NNS", "NNPS") and counts(noun) else None


# How a bare number may stand for a counted noun said before it: as a subject, an object or a conjunct.
ELLIPTIC_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"}


def counted_antecedent(token: Token, lexicon: Lexicon, measured: dict[int, Quantity]) -> Token | Quantity | None:
    """What a bare number stands for, said earlier in the sentence: the plural noun a number counts
    ('about 400 troops are based there, while about 8,000 have taken part') or an amount of money
    ('fell 195 mln dlrs to 65.06 billion'), whichever is nearer. Not after 'vs': '1.1 mln vs 829,000'
    compares with the figure just before, which has no unit."""
    if token.dep_ not in ELLIPTIC_DEPS or (token.i > 0 and token.doc[token.i - 1].lower_.rstrip(".") in ("vs", "versus", "v")):
        return None
    for candidate in reversed(token.doc[token.sent.start : token.i]):
        if "\n" in candidate.text_with_ws:
            return None  # a table row or a new line: no ellipsis across it
        kind = measured[candidate.i].unit_kind if candidate.i in measured else None
        if kind == "currency":
            return measured[candidate.i]
        if kind not in (None, "person", "count"):
            continue  # the 'cm' of '45cm (18”)' is a measure, not a counted noun
        counted = any(c.dep_ == "nummod" and c.i < candidate.i for c in candidate.children) and candidate.tag_ in ("NNS", "NNPS")
        if counted and counts(candidate) and noun_unit(candidate, lexicon)[1] in ("noun", "person"):
            return candidate  # things or people, not measures ('two hours ... between March 8 and 15')
    return None


def casualty_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The casualty verb a number is the subject or object of ('wounded nine'), or that modifies it ('two wounded')."""
    verbs = lexicon.context.get("casualty", frozenset())
    if token.head.lower_ in lexicon.context.get("no_unit", ()) and token.dep_ == "nummod":
        token = token.head  # 'injured 14 more': the verb governs 'more'
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod", "npadvmod") and (head.lemma_.lower() in verbs or head.lower_ in verbs):
        return head  # 'wounded nine', 'one had died', '12 missing', '30 hurt' (even parsed as a noun)
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is not None and following.pos_ in ("VERB", "ADJ") and following.lemma_.lower() in verbs:
        return following  # 'left 18 dead', '20 missing'
    return next((c for c in token.children if c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in verbs), None)


def counts(noun: Token) -> bool:
    """Whether a noun can be what a number counts (not a name, a month or a date word)."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", noun.text):
        return False
    if noun.pos_ == "PROPN":
        return noun.tag_ == "NNPS" or noun.ent_type_ == "NORP"
    return noun.pos_ == "NOUN" and noun.lower_ not in MONTHS | WEEKDAYS and noun.ent_type_ not in ("ORG", "PERSON")


def noun_unit(noun: Token, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """The unit a counted noun stands for: the table's name for it, else its lemma."""
    for form in (noun.text, noun.lower_, noun.lemma_.lower()):
        unit = lexicon.cased_units.get(form) or lookup_unit(form, lexicon)
        if unit is not None and "hyphen" in unit.flags and noun.doc[noun.i - 1 : noun.i].text not in ("-", "\u2011"):
            continue
        if unit is not None and "digits" not in unit.flags:
            return unit.unit, ("person" if unit.kind == "person" else unit.kind)
    if noun.ent_type_ == "NORP":
        return "person", "person"
    if noun.lower_ in lexicon.context.get("no_unit", ()):
        return None, None
    first = compound_start(noun)
    return "".join(t.text_with_ws for t in noun.doc[first.i : noun.i]).lower() + singular(noun), "noun"  # fly-bys -> fly-by


def compound_start(noun: Token) -> Token:
    """The first word of a hyphenated noun: 'fly' of 'fly-bys'."""
    first = noun
    doc = noun.doc
    while (
        first.i > 1
        and doc[first.i - 1].text in ("-", "\u2011")
        and not doc[first.i - 2].whitespace_
        and not doc[first.i - 1].whitespace_
        and not doc[first.i - 2].like_num
    ):
        first = doc[first.i - 2]
    return first


def singular(noun: Token) -> str:
    """The noun's lemma, unless the lemmatizer clipped a plain plural ('guilders' -> 'guilde')."""
    word, lemma = noun.lower_, noun.lemma_.lower()
    if not word.endswith("s") or word.endswith("ss") or word in (lemma + "s", lemma + "es", lemma[:-1] + "ies") or lemma.endswith("is"):
        return lemma
    return word[:-1]


def top_number_token(tokens: TokenIndex, quantity: Quantity) -> Token | None:
    """The token heading the number's own words (the scale word in '5 million', '50' in '45 and 50')."""
    inside = [t for t in tokens.within(quantity.core_start, quantity.core_end) if not t.is_punct]
    if not inside:
        return None
    token = inside[-1]
    ids = {t.i for t in inside}
    while token.head.i in ids and token.head.i != token.i:
        token = token.head
    if token.dep_ == "conj" and token.head.pos_ == "NUM" and token.head.i < token.i:
        token = token.head
    return token


def subject_of(quantity: Quantity, tokens: TokenIndex, numbers: set[int]) -> str | None:
    """The thing the figure is about, as text."""
    anchor = anchor_token(tokens, quantity)
    if anchor is None:
        return None
    counted = quantity.unit_kind in ("noun", "person") or quantity.noun is not None
    own_end = quantity.unit_start if counted and quantity.unit_start is not None else quantity.end
    excluded = numbers | {t.i for t in tokens.within(quantity.start, own_end)}
    if quantity.about is not None:
        if quantity.about.pos_ in ("VERB", "AUX"):
            return quantity.about.text + "".join(" " + c.text for c in quantity.about.children if c.dep_ == "prt")  # wounded
        return noun_phrase(quantity.about, excluded, with_preps=False)
    if quantity.of_noun is not None:
        return noun_phrase(quantity.of_noun, excluded, with_preps=True)
    if not counted:
        of_noun = of_object(anchor)
        if of_noun is not None and of_noun.pos_ in ("NOUN", "PROPN", "PRON"):
            return noun_phrase(of_noun, excluded, with_preps=True)
        purpose = purpose_object(tokens, quantity) if quantity.unit_kind == "currency" else None
        if purpose is not None:
            return noun_phrase(purpose, excluded, with_preps=False)
        head = modified_noun(anchor, excluded)
        if head is not None:
            if anchor.head.pos_ == "ADJ":
                excluded = excluded | {anchor.head.i}  # a seven-year-old girl -> girl
            return noun_phrase(head, excluded, with_preps=True)
    if counted and (quantity.noun is not None or anchor.pos_ in ("NOUN", "PROPN")):
        return counted_subject(quantity.noun or anchor, excluded)
    if quantity.unit_kind == "time" and anchor.pos_ == "NOUN":
        phrase = noun_phrase(anchor, excluded, with_preps=False)
        if anchor.head.i == anchor.i + 1 and anchor.head.pos_ in ("ADV", "ADP", "ADJ"):
            phrase = f"{phrase} {anchor.head.text}"  # six months prior, two years ago
        return phrase
    return clause_subject(anchor, excluded)


def modified_noun(token: Token, excluded: set[int]) -> Token | None:
    """The noun a figure modifies: 'three-year conflict' -> conflict, 'bags of 60 kilos' -> bags."""
    head = token.head
    if head.pos_ == "ADJ" and head.dep_ == "amod" and head.head.pos_ == "NOUN" and head.head.i not in excluded:
        return head.head  # aid worth $61bn -> aid, a seven-year-old girl -> girl
    if token.dep_ in MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i not in excluded:
        return head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i not in excluded:
        return head.head
    return None


def purpose_object(tokens: TokenIndex, quantity: Quantity) -> Token | None:
    """What money is in or for: '$50m in military aid', '$30m towards drones'."""
    following = next((t for t in tokens.doc[tokens_after(tokens, quantity.end) :][:1]), None)
    if following is None or following.lower_ not in ("in", "for", "towards", "toward", "on"):
        return None
    obj = next((c for c in following.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN" or any(c.dep_ in ("det", "poss") for c in obj.children):
        return None
    return obj


def tokens_after(tokens: TokenIndex, char: int) -> int:
    """The index of the first token starting at or after `char`."""
    return bisect.bisect_left(tokens.starts, char)


def anchor_token(tokens: TokenIndex, quantity: Quantity) -> Token | None:
    """The token that stands for the whole figure in the parse: its unit noun or its top number."""
    if quantity.noun is not None:
        return quantity.noun
    if quantity.unit_end is not None and quantity.unit_kind != "noun":
        unit_token = tokens.at(quantity.unit_end - 1)
        if unit_token is not None and not unit_token.is_punct:
            return unit_token
    token = top_number_token(tokens, quantity)
    own = {t.i for t in tokens.within(quantity.start, quantity.end)}
    while token is not None and token.head.i != token.i and token.head.i in own:
        token = token.head
    return token


def of_object(token: Token) -> Token | None:
    """The object of an 'of' after the token: '80% of the facilities' -> facilities."""
    return prep_object(token, "of")


def prep_object(token: Token, preposition: str) -> Token | None:
    """The object of a given preposition attached to the token."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == preposition:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


NP_DEPS = {"amod", "compound", "poss", "nmod", "case", "npadvmod", "nummod", "quantmod", "punct"}


def noun_tokens(token: Token) -> list[Token]:
    """The noun and its modifiers on the left."""
    words = [token]
    stack = [c for c in token.lefts if c.dep_ in NP_DEPS]
    while stack:
        child = stack.pop()
        if child.dep_ == "punct" and child.text not in "-‑":
            continue
        words.append(child)
        stack.extend(c for c in child.children if c.dep_ in NP_DEPS and c.i < token.i)
    return words


def noun_phrase(token: Token, excluded: set[int], with_preps: bool) -> str:
    """The noun with its modifiers on the left (and an of/in/for phrase on the right), minus any figure."""
    words = noun_tokens(token)
    if with_preps:
        child = next((c for c in token.rights if c.dep_ == "prep"), None)
        obj = next((g for g in child.children if g.dep_ == "pobj"), None) if child is not None else None
        usable = obj is not None and obj.i not in excluded and not obj.like_num
        if usable and child.lower_ in ("of", "in", "on", "for") and child.i - token.i <= 2:
            words += [child] + noun_tokens(obj)
    words = [t for t in words if t.i == token.i or not (t.i in excluded or t.like_num or t.pos_ == "NUM")]
    words = sorted({t.i: t for t in words}.values(), key=lambda t: t.i)
    while len(words) > 1 and (words[0].is_punct or words[0].dep_ == "case"):
        words = words[1:]
    pieces = [a.text_with_ws if b is not None and b.i == a.i + 1 else a.text + " " for a, b in zip(words, words[1:] + [None])]
    return re.sub(r"\s+", " ", "".join(pieces)).strip() or token.text


def counted_subject(noun: Token, excluded: set[int]) -> str:
    """A counted noun, with its verb when it counts people or is a passive subject: 'civilians killed'."""
    head = noun.head
    if noun.dep_ in ("compound", "amod") and head.pos_ == "NOUN" and head.i > noun.i and "-" in noun.doc[noun.i - 1 : noun.i].text:
        return noun_phrase(head, excluded | {noun.i, noun.i - 1}, with_preps=True)  # a 17-page document -> document
    phrase = noun_phrase(noun, excluded, with_preps=False)
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return f"{noun_phrase(head.head, excluded, with_preps=False)} of {phrase}"  # deaths of civilians
    if head.pos_ != "VERB" or noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return phrase
    if noun.dep_ != "nsubjpass" and noun_unit(noun, load_lexicon())[0] != "person" or head.lemma_ in ("be", "have"):
        return phrase
    verb = head.text + "".join(" " + c.text for c in head.children if c.dep_ == "prt")
    return f"{verb} {phrase}" if noun.dep_ == "dobj" else f"{phrase} {verb}"


def clause_subject(token: Token, excluded: set[int]) -> str | None:
    """The subject of the clause the figure sits in: 'The answer is 42' -> 'answer'."""
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in excluded), None)
    return noun_phrase(subject, excluded, with_preps=True) if subject is not None else None


# --- who reported it ----------------------------------------------------------------------


def reported_by(tokens: TokenIndex, quantity: Quantity, lexicon: Lexicon) -> str | None:
    """The actor whose reported speech holds the figure: the subject of 'said', 'noted', 'according to'."""
    token = anchor_token(tokens, quantity)
    if token is None:
        return None
    verbs = lexicon.context.get("reporting", frozenset())
    child, node = token, token.head
    while node.i != child.i and child.dep_ not in ("relcl", "acl", "appos"):
        if node.lemma_.lower() in verbs and node.pos_ in ("VERB", "AUX"):
            if child.dep_ in ("nsubj", "nsubjpass"):
                return None  # '40 officials said': the figure is the speaker
            speaker = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "agent")), None)
            return speaker_actor(speaker) if speaker is not None else None
        child, node = node, node.head
    for candidate in token.sent:
        if candidate.lower_ == "according":
            to = next((c for c in candidate.children if c.lower_ == "to"), None)
            source = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if source is not None:
                return speaker_actor(source)
    return None


def speaker_actor(speaker: Token) -> str | None:
    """The actor of a speaker phrase: the head word's, else a name or possessor modifying it."""
    if speaker.dep_ == "agent":
        speaker = next((c for c in speaker.children if c.dep_ == "pobj"), speaker)
    modifiers = [t for c in speaker.lefts if c.dep_ in ("compound", "amod", "poss", "det", "nmod") for t in c.subtree]
    return actor_in([speaker]) or actor_in(modifiers)


# --- rows ---------------------------------------------------------------------------------


def statistic_row(
    document: ParsedDocument, block: ParsedBlock, quantity: Quantity, tokens: TokenIndex, numbers: set[int], lexicon: Lexicon
) -> dict:
    """One row of the statistics table."""
    start, end = block.char_span(quantity.start, quantity.end)
    token = tokens.at(number_start(text_of(block.doc), quantity)) or anchor_token(tokens, quantity)
    sentence = token.sent.text if token is not None else text_of(block.doc)
    return {
        "stat_id": row_id(document.doc_id, start, end),
        "doc_id": document.doc_id,
        "block_idx": block.block_idx,
        "value": float(quantity.value),
        "value_high": None if quantity.value_high is None else float(quantity.value_high),
        "value_text": text_of(block.doc)[quantity.start : quantity.end],
        "qualifier": quantity.qualifier,
        "unit": quantity.unit,
        "subject": subject_of(quantity, tokens, numbers),
        "reported_by_id": reported_by(tokens, quantity, lexicon),
        "sentence": sentence,
        "char_start": start,
        "char_end": end,
    }
