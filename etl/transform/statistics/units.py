"""What follows or precedes a number: currency signs, scale words, units with their powers, and rates."""

from __future__ import annotations

import re
from decimal import Decimal

from etl.transform.statistics.lexicon import Lexicon, Unit, cased_list
from etl.transform.statistics.quantity import Quantity, TokenIndex

# Unit kinds that make 'a'/'an' a rate: $80 a barrel, 5 hours a day.
RATE_KINDS = {"time", "volume", "mass", "length", "area"}
SIGN_CONTEXT = set(" \t\n([{\"'$€£¥") | {""}
POWER_SUFFIX = re.compile(r"(?:\^([23])|([²³])|([23])(?![\d.]))(?![\w])|\s(squared|cubed)\b")
INVERSE_SUFFIX = re.compile(r"(?:\^?[-\u2212]1|⁻¹)(?![\d])")
POWER_PREFIX = re.compile(r"(square|sq\.?|cubic|cu\.?)\s+", re.IGNORECASE)


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


def read_minus_word(text: str, quantity: Quantity, lexicon: Lexicon) -> None:
    """A sign written as a word: 'minus 12 degrees'."""
    match = re.search(r"([A-Za-z]+) $", text[max(0, quantity.start - 12) : quantity.start])
    if match is None or match.group(1).lower() not in lexicon.context.get("minus", ()) or quantity.value <= 0:
        return
    quantity.value, quantity.raw = -quantity.value, -quantity.raw
    quantity.core_start = quantity.start = quantity.start - len(match.group())


def is_sign(text: str, start: int) -> bool:
    """A minus sign glued to the number, not a dash joining two numbers."""
    return start > 0 and text[start - 1] in "-\u2212" and (text[start - 2] if start > 1 else "") in SIGN_CONTEXT


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
    if re.match(r"\s?(?:" + "|".join(re.escape(s) for s in cased_list("stat_scale_currencies")) + r")\b", text[end:]):
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
    if "glued" in unit.flags and unit_start != end:
        return  # 40C is a temperature, 'grade 3 C' is not
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
    return match is not None and (
        match.group(1).isdigit() or lexicon.words.get(match.group(1).lower(), ("",))[0] in ("unit", "teen", "tens")
    )


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
    return following is not None and following.group(1).lower() in lexicon.context.get("relative_time", ())
