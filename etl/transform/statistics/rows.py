"""The statistics rows of a document: each block's figures found, read, checked and described."""

from __future__ import annotations

import math

from etl.transform.context import ParsedBlock, ParsedDocument, row_id, text_of
from etl.transform.statistics.counting import count_noun, read_ages
from etl.transform.statistics.filters import CODE_PATTERNS, is_clock_after_preposition, is_time, late_skip_reason, skip_reason
from etl.transform.statistics.lexicon import Lexicon, load_lexicon
from etl.transform.statistics.numbers import Number, find_numbers
from etl.transform.statistics.quantity import Quantity, TokenIndex, number_start, token_index
from etl.transform.statistics.ranges import merge_bounds, merge_ranges, qualify, share_conversion_qualifier, share_units
from etl.transform.statistics.subjects import anchor_token, reported_by, subject_of
from etl.transform.statistics.units import read_minus_word, read_rate, read_scale, read_sign_and_currency, read_unit


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
    return merge_bounds(text, kept, lexicon)


def read_quantity(text: str, number: Number, lexicon: Lexicon, tokens: TokenIndex) -> Quantity | None:
    """The number with its sign, currency, scale word, unit and rate; None for a time or a code."""
    digits = number.kind in ("digits", "fraction")
    quantity = Quantity(number.start, number.end, number.start, number.end, number.value, digits, raw=number.value, kind=number.kind)
    if digits:
        read_sign_and_currency(text, quantity, lexicon)
    if number.kind in ("digits", "spelled", "one"):
        read_minus_word(text, quantity, lexicon)
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
