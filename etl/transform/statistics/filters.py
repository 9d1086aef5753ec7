"""Why a number is not a statistic: codes, clock times, dates, labels, list markers, names and the pronoun 'one'."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from etl.transform.context import tokens_of
from etl.transform.statistics.lexicon import Lexicon, cased_list, word_list
from etl.transform.statistics.numbers import Number
from etl.transform.statistics.quantity import Quantity, TokenIndex, number_start
from etl.transform.statistics.ranges import qualifier_before
from etl.transform.statistics.units import match_unit_at

# Entity labels whose numbers belong to a name ("Voyager 2", "South 32 Ltd"), not to a figure.
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "GPE", "LOC", "NORP", "LANGUAGE"}
DATE_LABELS = {"DATE", "TIME"}
WEEKDAYS = {name.lower() for name in calendar.day_name}
MONTHS = {name.lower() for name in list(calendar.month_name) + list(calendar.month_abbr) if name} | {"sept"}
# Digit groups joined by the same mark three times or more: dates, phone numbers, versions, codes.
CODE_PATTERNS = re.compile(
    r"\d+(?:-\d+){2,}|\d+(?:/\d+){2,}|\d+(?:\.\d+){2,}|\+\d[\d ().-]{7,}\d|\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b"
)
DATE_TOKEN = re.compile(r"1\d{3}|20\d{2}|\d{4}-\d{2}|\d{1,2}(?:st|nd|rd|th)")


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


def is_clock_after_preposition(text: str, number: Number, lexicon: Lexicon) -> bool:
    """'at 12.30', 'after 14:00': a clock time written without a marker."""
    written = text[number.start : number.end]
    if not re.fullmatch(r"([01]?\d|2[0-3])[.:][0-5]\d", written):
        return False
    gap = int(text[number.end : number.end + 1].isspace())  # one optional space: what r"\s?" matches
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


def is_label(text: str, start: int, lexicon: Lexicon) -> bool:
    """No. 5, Article 5, page 3, #1: the number names something."""
    before = text[max(0, start - 24) : start].rstrip()
    if before.endswith("#"):
        return True
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", before)
    return match is not None and match.group(1).lower() in lexicon.context.get("label", ())


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
        first = tokens.at(quantity.core_start)  # the figure's first digit: always inside a token
        if not counted or (first is not None and first.ent_type_ == "DATE"):
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


def refers_back(token: Token) -> bool:
    """'The two were supposed to meet': a bare number after 'the' names people or things already
    counted, it is not a new figure (when the thing is found, as in 'the 36 launched', it has a unit)."""
    first = token
    while first.i > 0 and first.doc[first.i - 1].pos_ == "NUM" and first.doc[first.i - 1].head.i in (token.i, token.head.i):
        first = first.doc[first.i - 1]
    return first.i > 0 and first.doc[first.i - 1].lower_ in word_list("stat_reference_determiners")


def is_counting_one(text: str, quantity: Quantity, lexicon: Lexicon, tokens: TokenIndex) -> bool:
    """A lone 'one' is a figure with a unit ('one year', 'one person') or a qualifier ('at least one').

    Not 'one of the', 'no one', 'this one', and not 'one way' or 'at one point': a counted noun
    other than people is a figure only as the object or subject of a verb ('taking one village',
    'one drone was shot down'), and 'one woman told AFP' introduces a speaker, it counts nothing.
    """
    following = next_word(text, quantity.core_end)
    if following and following[1].lower() in word_list("stat_one_followers"):
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
    if noun.tag_ != "NN" or noun.dep_ not in ("dobj", "nsubjpass") or noun.head.pos_ != "VERB":
        return False
    if noun.head.lemma_ in cased_list("stat_linking_verbs"):
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
    return before.lower_ in word_list("stat_one_determiners") and before.dep_ != "mark"


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
