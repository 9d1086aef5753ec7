"""Ranges ('30 to 40', 'at least 20 and at most 30'), ratios ('8 in 10') and the qualifiers around a figure ('more than', 'or so')."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from spacy.tokens import Token

from etl.transform.statistics.lexicon import Lexicon, load_lexicon
from etl.transform.statistics.quantity import Quantity, TokenIndex


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
    """'8 in 10 Democrats', 'one in three Latvians', 'six out of 10 voters': a share written as a ratio, read as a fraction."""
    between = text[low.end : high.start]
    if between[:1] != " " or between[-1:] != " " or between.strip().lower() not in load_lexicon().context.get("ratio", ()):
        return None
    if low.skip or high.skip or low.unit is not None or high.unit_kind not in (None, "person"):
        return None
    if is_spelled(high) and not is_spelled(low) or not 0 < low.value < high.value:
        return None  # 'one in 10' and 'six out of 10', but not '3 in ten'
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
    if high.scale != 1.0 and written_unit(text, low) == text[high.core_start : high.core_end].rstrip()[-1:]:
        rescale(low, high.scale)  # between 1m and 2m people: the m of 1m is the million of 2m, not metres
    if (low.unit and high.unit and low.unit != high.unit) or (low.unit_end is not None and high.unit is None):
        return None  # '44 ml to 50 mg', 'rose 3 pct to 15.33 guilders'
    value = low.value
    low_scale, high_scale = scale_of(text, low), scale_of(text, high)
    if low_scale == 1.0 and high_scale != 1.0 and low.value < high.value / high_scale:
        value = float(Decimal(str(low.value)) * Decimal(str(high_scale)))  # $3 to $5 billion, two to three thousand
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


def rescale(quantity: Quantity, scale: float) -> None:
    """Read the letter after a number as a scale word instead of a unit."""
    quantity.value = float(Decimal(str(quantity.raw)) * Decimal(str(scale)))
    quantity.scale = scale
    quantity.core_end = quantity.end = quantity.unit_end or quantity.core_end
    quantity.unit = quantity.unit_kind = quantity.unit_start = quantity.unit_end = None


def scale_of(text: str, quantity: Quantity) -> float:
    """The scale word's factor of a figure: 'billion' in '$5 billion' and in 'three thousand', else 1."""
    if quantity.scale != 1.0 or not is_spelled(quantity):
        return quantity.scale
    last = text[quantity.core_start : quantity.core_end].split()[-1].lower()
    kind, factor = load_lexicon().words.get(last, ("", 1.0))
    return factor if kind in ("hundred", "scale") else 1.0


def is_spelled(quantity: Quantity) -> bool:
    """Whether the number is written in words ('three', 'one')."""
    return quantity.kind in ("spelled", "one")


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


# Qualifiers that bound a figure from below and from above: 'at least 20 and at most 30' is a range.
LOWER_BOUNDS = ("over", "at_least")
UPPER_BOUNDS = ("under", "at_most")


def merge_bounds(text: str, quantities: list[Quantity], lexicon: Lexicon) -> list[Quantity]:
    """Join a lower and an upper bound of one figure into a range: 'above $1,000 and below $1,500',
    'at most 100 and at least 20 companies', 'more than 5 but fewer than 9'."""
    merged: list[Quantity] = []
    for quantity in quantities:
        joined = join_bounds(text, merged[-1], quantity, lexicon) if merged else None
        if joined is None:
            merged.append(quantity)
        else:
            merged[-1] = joined
    return merged


def join_bounds(text: str, first: Quantity, second: Quantity, lexicon: Lexicon) -> Quantity | None:
    """One range from two bounds joined by 'and' or 'but', or None if they are no pair of bounds."""
    between = text[first.end : second.start]
    if between[:1] != " " or between[-1:] != " " or between.strip(" ,").lower() not in lexicon.context.get("bound_joiner", ()):
        return None
    qualifiers = {first.qualifier, second.qualifier}
    if len(qualifiers & set(LOWER_BOUNDS)) != 1 or len(qualifiers & set(UPPER_BOUNDS)) != 1:
        return None
    low, high = (first, second) if first.qualifier in LOWER_BOUNDS else (second, first)
    unit = shared_unit(first.unit, second.unit)
    first_noun, second_noun = written_unit(text, first), written_unit(text, second)
    if unit is False or not low.value < high.value or first_noun and second_noun and first_noun != second_noun:
        return None  # 'at least 20 soldiers and fewer than 100 civilians' are two figures
    own_unit = second if second.unit == unit else first
    return replace(
        own_unit,
        start=first.start,
        end=second.end,
        core_start=first.core_start,
        core_end=second.core_end,
        value=low.value,
        value_high=high.value,
        qualifier="range",
        digits=first.digits and second.digits,
    )


def written_unit(text: str, quantity: Quantity) -> str | None:
    """The unit or counted noun as written after the number, lower case: 'km', 'soldiers'."""
    if quantity.unit_start is None or quantity.unit_end is None:
        return None
    return text[quantity.unit_start : quantity.unit_end].lower()


def shared_unit(first: str | None, second: str | None) -> str | None | bool:
    """The unit two bounds share: one unit, or the one of them that names it ('20 and 30 km'), or the rate
    ('£900 and £1,200 a month'); False if they are of different units."""
    if first is None or second is None or first == second:
        return first or second
    if second.startswith(first + " per "):
        return second
    if first.startswith(second + " per "):
        return first
    return False


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
        quantity.qualifier = lexicon.after[_phrase_group(match) - 1][1]
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
    group = _phrase_group(match)
    _, qualifier, preposition = lexicon.before[group - 1]
    return start - len(head) + match.start(group), qualifier, preposition


def governs_object(tokens: TokenIndex, start: int, quantity: Quantity) -> bool:
    """'over 3 days' read as 'during': a preposition taking a duration as its object."""
    token = tokens.at(start)
    if token is None or token.dep_ != "prep" or quantity.unit_kind != "time":
        return False
    return any(child.dep_ == "pobj" for child in token.children)


@lru_cache(maxsize=4)
def _qualifiers_after(phrases: tuple[tuple[str, str], ...]) -> re.Pattern | None:
    """The qualifier phrases written after a figure, longest first, as one pattern, a group per phrase (a space
    before those that start with a letter: '40 or more', but '40+' and '40-plus' attached)."""
    if not phrases:
        return None
    alternatives = "|".join((r"\s?" if phrase[:1].isalpha() else "") + f"({re.escape(phrase)})" for phrase, _ in phrases)
    return re.compile(f"(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)


def _phrase_group(match: re.Match[str]) -> int:
    """The group of the qualifier phrase that matched: each phrase is a group, so every match has one."""
    if match.lastindex is None:
        raise ValueError(f"qualifier pattern {match.re.pattern!r} matched outside its phrase groups")
    return match.lastindex


@lru_cache(maxsize=4)
def _qualifiers_before(phrases: tuple[tuple[str, str, bool], ...]) -> re.Pattern | None:
    """The qualifier phrases written before a figure, longest first, as one pattern ending the text, a group per phrase."""
    if not phrases:
        return None
    alternatives = "|".join(f"({re.escape(phrase)})" for phrase, _, _ in phrases)
    return re.compile(r"(?:^|(?<![A-Za-z]))(?:" + alternatives + r")\s+$")
