"""Finding numbers in text and reading their values: digits, fractions, powers of ten and spelled-out words."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from etl.transform.statistics.lexicon import Lexicon
from etl.transform.statistics.units import longest_unit

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
        if value is None:  # not reached: three-digit groups appended to a number are a number
            return None
    slash = SLASH_FRACTION.match(text, end)
    if slash:
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
        if is_article(word, lexicon) and text[end : nxt[0]] == " " and is_article_unit(text, nxt[0], lexicon):
            numbers.append(Number(start, end, 1.0, "article"))
    i = 0
    while i < len(words):
        if words[i][2] != "half" and lexicon.words.get(words[i][2], ("",))[0] not in SPELLED_STARTS:
            i += 1  # parse_spelled would find nothing here: most words
            continue
        if half_of(text, words, i, lexicon):
            numbers.append(Number(words[i][0], words[i][1], 0.5, "fraction"))
            i += 1
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


def is_article(word: str, lexicon: Lexicon) -> bool:
    """'a', 'an': a number word of kind article in numbers.tsv."""
    return lexicon.words.get(word, ("",))[0] == "article"


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
    if words[i][2] != "half" or len(following) < 2 or not is_article(following[0], lexicon):
        return False
    return lexicon.words.get(following[1], ("",))[0] in ("hundred", "scale")


def half_of(text: str, words: list[tuple[int, int, str]], i: int, lexicon: Lexicon) -> bool:
    """'half of the voters', 'half the shops': half as a share of a whole, not 'the first half of 2023'."""
    if words[i][2] != "half" or i + 1 == len(words) or text[words[i][1] : words[i + 1][0]] not in (" ", "\n"):
        return False
    if words[i + 1][2] not in lexicon.context.get("half_of", ()) or half_a(words, i, lexicon):
        return False
    if i == 0 or text[words[i - 1][1] : words[i][0]].strip(" \n-"):
        return True  # a sentence or a clause starts with it
    before = words[i - 1][2]
    return before not in lexicon.context.get("half_noun", ()) and before not in lexicon.ordinals


def joins(gap: str, last: str | None) -> bool:
    """Whether the text between two number words keeps them one number."""
    if gap in ("-", "\u2011"):
        return last in ("tens", "unit", "teen")
    if gap.strip() == "" and gap.count("\n") < 2:
        return True
    if gap.strip() == "," and last == "scale":
        return True
    return gap.strip() == "&" and last in ("hundred", "scale")
