"""When an event happened: a date phrase in the trigger's own clause, read against the publication date.

A DATE entity dates a trigger when it hangs off the trigger itself ("attacked on Tuesday", "Tuesday's
attack", "the 9 May attack"), off the verb that carries a trigger noun ("launched an attack on
Tuesday"), or off the verb a trigger is the complement of ("began shelling on Tuesday"). The phrase
is read with dateparser against the publication date, preferring the past ("on Tuesday" in a report
of Wednesday 17 May is 16 May); its precision is the phrase's own: a day, a week ("last week"), a
month ("in March") or a year ("in 2014"). Lengths ("for three days") date nothing; a state "since" a
day is dated by its start ("have fled since Sunday"), a span of days by its first ("between 4 and 6 June").
An event without a date of its own takes the last day or week stated before it in its paragraph, by an
event or by any sentence that sets the story's day ("On 9 May 2020, ..."), else the first day the
document stated (the lead's, which later paragraphs continue), else the publication day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from etl.transform.context import ParsedBlock
from etl.transform.events.lexicon import FUTURE_AUXILIARIES
from etl.transform.events.syntax import MAX_DEPTH, NOUN_POS, governor_of, has_aux, has_aux_up

# dateparser's periods, as the precision of a date.
PERIOD_PRECISION = {"day": "day", "part_of_day": "day", "week": "week", "month": "month", "year": "year"}
# Words before a date phrase that make it a span of time, not the moment of the event.
DURATION_WORDS = {"for", "over", "during", "within", "since", "until", "till", "through", "throughout", "by"}
# Modifiers dateparser does not read, dropped before reading: "earlier this week", "mid-March", "early 2022".
VAGUE_MODIFIERS = re.compile(r"^(?:(?:earlier|later|late|early|mid|the|on|in|at|as of)[\s-]+)+", re.IGNORECASE)
# A count of units with no "ago": a length of time ("three days", "24 hours", "two years").
LENGTH = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+(?:days?|weeks?|months?|years?|hours?|decades?)\b",
    re.IGNORECASE,
)
TRAILING_WORDS = re.compile(r"\s+(?:after|before|of|since|following|amid|despite)\b.*$", re.IGNORECASE)
MONTHS = "|".join(name.lower() for name in calendar.month_name if name)
# A day of a month, in either order, with its year if any: "9 May 2020", "March 3, 2021".
DAY_OF_MONTH = re.compile(
    rf"\b(?:[0-3]?[0-9] (?:{MONTHS.title()})(?: [12][0-9]{{3}})?|(?:{MONTHS.title()}) [0-3]?[0-9](?:,? [12][0-9]{{3}})?)\b"
)
# A span of days, whose first is when the event began: "between 4 and 6 June", "from 29 September to 1 October".
SPAN_OF_DAYS = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+)$", re.IGNORECASE)
LEADING_DAY = re.compile(r"^[0-3]?[0-9]\b\s*")
DAYS_APART_IN_A_MONTH = re.compile(r"\b([0-3]?[0-9])\s*(?:-|–|to|and)\s*[0-3]?[0-9]\b")  # "27-28 July", "June 4-6"
# A part of a day before the day it is in: "the night of 27-28 July", "the early hours of 3 October".
PART_OF_DAY = re.compile(r"^(?:the )?(?:(?:early|late) )?(?:hours|night|morning|afternoon|evening)s? of ", re.IGNORECASE)
MONTH_OF_YEAR = re.compile(rf"^({MONTHS})\s+(last|this)\s+year$", re.IGNORECASE)
LAST_MONTH = re.compile(rf"^(?:last|past|previous)\s+({MONTHS})$", re.IGNORECASE)
# A length as an adjective: "a 12-hour strike", "a three-day visit".
LENGTH_ADJECTIVE = re.compile(r"\w-(?:hours?|days?|weeks?|months?|years?|decades?)\b", re.IGNORECASE)
WEEKDAYS = tuple(name.lower() for name in calendar.day_name)  # Monday first, as date.weekday() counts
# A year written out: a phrase with one names its own year ("9 May 2020").
YEAR = re.compile(r"\b\d{4}\b")
# Entity labels of a date phrase: "Tuesday", "last week", and times of a day ("Sunday night"); their words
# are never an event's trigger ("on March 3" is no march).
DATE_ENTITIES = {"DATE", "TIME"}
# Edges of a noun's modifiers before it: a date so attached dates that noun ("Tuesday's talks", "the 9 May attack").
PREMODIFIER_DEPS = {"poss", "compound", "amod", "nummod", "nmod"}
# Verbs that put an event off or move it: a date "to" or "until" after them is the event's ("postponed the vote to May").
RESCHEDULING_VERBS = {"postpone", "delay", "defer", "reschedule", "move", "push", "bring", "shift"}
# The key of an event row, until date_events dates it, holding the days its own words count from the story's day.
DATE_SHIFT = "date_shift"
# Days told from the story's own day rather than the paper's (days_from_context).
PARTS_OF_A_DAY = "day|morning|afternoon|evening|night"
SAME_DAY = re.compile(rf"^(?:(?:later|earlier) )?(?:that|the same) (?:{PARTS_OF_A_DAY})$")
DAY_BEFORE = re.compile(rf"^(?:the (?:previous|preceding) (?:{PARTS_OF_A_DAY})|the day before|a day (?:earlier|before))$")
DAY_AFTER = re.compile(rf"^(?:the (?:next|following) (?:{PARTS_OF_A_DAY})|a day later)$")
# Words before a part of a day that count it from the story's day: "the following afternoon".
COUNTING_WORDS = {"the", "that", "same", "next", "following", "previous", "preceding"}
DAYS_APART = re.compile(r"^(\w+) days (later|after|earlier|before)$")
DAY_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7}
# Prepositions before what an event happened in: a date of that dates the event ("hurt in Monday's clashes").
CIRCUMSTANCE_PREPOSITIONS = {"in", "during", "at", "amid"}

# Verbs of what a party tried to do, at the time of the event done to it ("protesters who tried to storm ...").
ATTEMPT_VERBS = {"try", "attempt", "seek"}
# Verbs that only report, whose own date is the report's, not the story's ("the army said on Thursday").
REPORTING_VERBS = {"say", "tell", "add", "report", "state", "write", "note", "confirm", "quote", "reply", "explain"}
# Edges up which a clause of what will be goes on: "will stay closed", "will sit on Saturday to elect", "will hold a rally".
AHEAD_EDGES = {"xcomp", "conj", "acomp", "oprd", "advcl", "dobj"}
# How a date phrase hangs off the verb whose clause it sets, besides "on Tuesday": "last week", "yesterday".
SETTING_DEPS = {"npadvmod", "advmod", "tmod"}


def own_date(token: Token, sentence: Span, published: date | None, planned: bool = False) -> tuple[date | timedelta, str] | None:
    """The date and precision a DATE entity in the trigger's own clause gives the event, or None; a planned
    event's weekday or month is the next one ("will meet on Thursday"), any other's the last one. A day told
    from the story's own ("the previous day", "two days later") is a timedelta from the day stated before it."""
    entities = date_phrases(sentence)
    if not entities:
        return None
    if (moved_to := _moved_to(token, entities)) is not None:
        return read_date(moved_to.text, published, None, "future")
    own = _anchors(token)
    # A date of its own first, then one its coordinated verbs share: "dismissed X and suspended Y on Sunday".
    for anchors in (own, own | _coordinated(token)):
        for entity in entities:
            if _dates(entity, token, anchors):
                if (shift := days_from_context(entity.text)) is not None:
                    return shift, "day"
                preposition = _preposition(entity)
                ahead = planned or preposition == "for"  # "called a rally for Saturday": the day it is called for
                read = read_date(entity.text, published, preposition, "future" if ahead else "past")
                if read is not None:
                    return read
    return _apart_from_its_clause(token, sentence, published, planned)


def told_ahead(token: Token) -> bool:
    """The trigger's clause says what will be, whoever says it: "would gather again on Saturday", "will stay closed
    on Thursday", "will sit on Saturday to elect", "will hold a rally on Friday"."""
    return has_aux_up(token, FUTURE_AUXILIARIES, AHEAD_EDGES)


def _apart_from_its_clause(token: Token, sentence: Span, published: date | None, planned: bool) -> tuple[date | timedelta, str] | None:
    """The day of an event told as days or hours from the event of the clause it hangs on: "began blockades on Monday,
    a day after thousands rallied" (Sunday), "two days after the vote", "hours after he tried to dissolve parliament"
    (the same day). From that clause's own day, else (a timedelta) from the day the story last stated."""
    apart = _days_apart(token)
    if apart is None:
        return None
    clause, days = apart
    base = own_date(clause, sentence, published, planned) if clause.i != token.i else None
    if base is not None and not isinstance(base[0], timedelta) and base[1] == "day":
        return base[0] + timedelta(days=days), "day"
    return timedelta(days=days), "day"


def _days_apart(token: Token) -> tuple[Token, int] | None:
    """The verb of the clause a trigger is told from and how many days from its day: "a day after thousands rallied"
    (-1 for "rallied"), "three days before the vote" (+3), "hours after" (0), "hours after he tried to dissolve"."""
    if token.pos_ in ("VERB", "AUX") and token.dep_ == "xcomp" and token.head.dep_ == "advcl":
        token = token.head  # what was tried or begun is told from the same clause
    if token.pos_ in ("VERB", "AUX") and token.dep_ == "advcl":
        marks = [child.lower_ for child in token.children if child.dep_ == "mark"]
        measure, clause = next((child for child in token.children if child.dep_ == "npadvmod"), None), token.head
    elif token.dep_ == "pobj" and token.head.lower_ in ("after", "before"):
        marks = [token.head.lower_]
        measure, clause = next((child for child in token.head.children if child.dep_ == "npadvmod"), None), token.head.head
    else:
        return None
    if measure is None or not {"after", "before"} & set(marks) or clause.pos_ not in ("VERB", "AUX"):
        return None
    count = _count_of(measure)
    if count is None:
        return None
    return clause, -count if "after" in marks else count


def _count_of(measure: Token) -> int | None:
    """The days a measure counts: "a day" 1, "two days" 2, "hours" 0; None for anything else."""
    if measure.lemma_.lower() == "hour":
        return 0
    if measure.lemma_.lower() != "day":
        return None
    counts = [child for child in measure.children if child.dep_ in ("det", "nummod")]
    if not counts:
        return None
    word = counts[0].lower_
    return 1 if word in ("a", "one", "1") else DAY_COUNTS.get(word)


def date_phrases(sentence: Span) -> list[Span]:
    """The sentence's date phrases: its DATE and TIME entities, each with the day number the model left out of it
    ("3 October" in "the early hours of 3 October"), and the days of a month the model did not see as a date."""
    phrases = [_with_its_day(entity) for entity in sentence.ents if entity.label_ in DATE_ENTITIES]
    taken = {token.i for phrase in phrases for token in phrase}
    for found in DAY_OF_MONTH.finditer(sentence.text):
        span = sentence.doc.char_span(
            sentence.start_char + found.start(), sentence.start_char + found.end(), "DATE", alignment_mode="expand"
        )
        if span is not None and not any(token.i in taken for token in span):
            phrases.append(span)
    return sorted(phrases, key=lambda phrase: phrase.start)


def _with_its_day(entity: Span) -> Span:
    """An entity with the day numbers or counting words before it that the model left out: "3" + "October", "1-2" +
    "February", "the following" + "afternoon"."""
    start = entity.start
    while start > entity.sent.start and entity.doc[start - 1].lower_ in COUNTING_WORDS and entity.doc[start - 1].head.i == entity.root.i:
        start -= 1
    if start == entity.start:  # no counting words: day numbers, if any
        while start > entity.sent.start and _a_day_number(entity.doc[start - 1], entity.root):
            start -= 1
        while start < entity.start and not entity.doc[start].text.isdigit():
            start += 1  # never open on a dash
    return Span(entity.doc, start, entity.end, label=entity.label_) if start < entity.start else entity


def _a_day_number(token: Token, month: Token) -> bool:
    """A day of the month written before it, or the dash or "and" of a span of days ("27-28 July")."""
    if token.text.isdigit():
        return 1 <= int(token.text) <= 31 and month in token.ancestors
    return token.text in ("-", "–", "and", "to") and token.i > 0 and token.doc[token.i - 1].text.isdigit()


def _moved_to(token: Token, entities: list[Span]) -> Span | None:
    """The date a noun's event was put off or moved to, which is its own: "postponed the election to 18 October",
    "would delay elections until December 2025"."""
    verb = governor_of(token) if token.pos_ in NOUN_POS else None
    if verb is None or verb.lemma_.lower() not in RESCHEDULING_VERBS:
        return None
    for entity in entities:
        root = entity.root
        if root.dep_ == "pobj" and root.head.lower_ in ("to", "until", "till") and root.head.head.i == verb.i:
            return entity
    return None


def _coordinated(token: Token) -> set[int]:
    """The verbs coordinated with a trigger verb (or with the verb that carries a trigger noun)."""
    verb = token if token.pos_ in ("VERB", "AUX") else governor_of(token)
    if verb is None:
        return set()
    found = {child.i for child in verb.children if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")}
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        found.add(verb.head.i)
    return found


def _anchors(token: Token) -> set[int]:
    """The tokens a date phrase may hang off to date this trigger."""
    anchors = {token.i}
    if token.pos_ in NOUN_POS:
        if (governor := governor_of(token)) is not None:
            anchors.add(governor.i)  # "launched an attack on Tuesday"
        # a clause that tells of the noun itself: "a fare rise that took effect on 6 October"
        anchors.update(child.i for child in token.children if child.dep_ in ("relcl", "acl") and child.pos_ in ("VERB", "AUX"))
    if token.dep_ in ("xcomp", "ccomp", "nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        # "began shelling on Tuesday"; "the war broke out in 2020", "the murder took place on Saturday"
        anchors.add(token.head.i)
    return anchors


def _dates(entity: Span, token: Token, anchors: set[int]) -> bool:
    """Whether the entity hangs off an anchor in the trigger's own clause: not through another verb (its own
    clause), and not as the modifier of another noun ("condemned the March 3 attack" dates the attack)."""
    node = entity.root
    if node.dep_ == "pobj" and _a_length(node.head.lower_, entity.text):
        return False
    if node.dep_ == "pobj" and node.head.lower_ == "since" and (node.head.head.pos_ not in ("VERB", "AUX") or _counted(token)):
        return False  # "the worst fighting since 2014", "four coups since 1987": no start of one happening
    for _ in range(MAX_DEPTH):
        parent = node.head
        if parent.i == node.i:
            return False
        if parent.i in anchors:
            return True
        if parent.pos_ in ("VERB", "AUX") and not _participle_of_a_party(parent) and not _doing_of_a_party(parent):
            return False
        if (
            node.dep_ in PREMODIFIER_DEPS
            and parent.pos_ in NOUN_POS
            and parent.i != token.i
            and parent.ent_type_ not in DATE_ENTITIES
            and not _circumstance(parent, anchors)
        ):
            return False
        node = parent
    return False


def date_columns(dated: tuple[date | timedelta, str] | None) -> dict:
    """An event row's date columns from its own words' reading (own_date); a count of days from the story's day
    waits under DATE_SHIFT for date_events."""
    if dated is not None and isinstance(dated[0], timedelta):
        return {"event_date": None, "date_precision": None, "date_source": None, DATE_SHIFT: dated[0]}
    return {
        "event_date": dated[0] if dated else None,
        "date_precision": dated[1] if dated else None,
        "date_source": "text" if dated else None,
    }


def days_from_context(phrase: str) -> timedelta | None:
    """How many days from the day the story last stated a phrase's day is: "the previous day" -1, "later that
    day" 0, "two days later" +2; None for any other phrase."""
    text = " ".join(phrase.lower().split())
    if SAME_DAY.match(text):
        return timedelta(0)
    if DAY_BEFORE.match(text):
        return timedelta(days=-1)
    if DAY_AFTER.match(text):
        return timedelta(days=1)
    if (counted := DAYS_APART.match(text)) and counted.group(1) in DAY_COUNTS:
        days = DAY_COUNTS[counted.group(1)]
        return timedelta(days=days if counted.group(2) in ("later", "after") else -days)
    return None


def _participle_of_a_party(verb: Token) -> bool:
    """A participle that only describes a party of the event, with no subject of its own, so a date in it dates the
    event: "leaders meeting in Accra on Sunday imposed sanctions", "fired at students marching on Sunday"."""
    if verb.tag_ not in ("VBG", "VBN"):
        return False
    if verb.dep_ in ("nsubj", "csubj"):
        return True  # the model's reading of "leaders meeting in Accra" as the subject
    return verb.dep_ == "acl" and not any(child.dep_.startswith("nsubj") for child in verb.children)


def _counted(noun: Token) -> bool:
    """A plural trigger with a count ("four coups"): happenings over a period, not one state begun on a day."""
    return noun.tag_ == "NNS" and any(child.dep_ == "nummod" for child in noun.children)


def _doing_of_a_party(verb: Token) -> bool:
    """A relative clause telling what a party was doing or trying when the event happened, so a date in it dates the
    event: "fired at workers who tried to block a highway on Tuesday", "dispersed protesters who were blocking the
    road on Sunday"; not a clause of what the party had done before ("arrested men who had robbed a bank on Monday")."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPT_VERBS:
        verb = verb.head
    if verb.dep_ != "relcl" or any(child.lower_ == "had" for child in verb.children):
        return False
    progressive = verb.tag_ == "VBG" and any(child.dep_ == "aux" and child.lemma_ == "be" for child in verb.children)
    return progressive or verb.lemma_.lower() in ATTEMPT_VERBS


def _circumstance(noun: Token, anchors: set[int]) -> bool:
    """A noun the event happened in or during, so its date is the event's: "hurt in Monday's scuffles"."""
    return noun.dep_ == "pobj" and noun.head.lower_ in CIRCUMSTANCE_PREPOSITIONS and noun.head.head.i in anchors


def _first_day(text: str) -> str:
    """A span of days as its first ("between 4 and 6 June" as "4 June", "27-28 July" as "27 July", "from 29 September to
    1 October 2021" as "29 September 2021"), which is when the event began; any other phrase as it is."""
    if spanned := SPAN_OF_DAYS.match(text):
        first, last = spanned.groups()
        if first.isdigit() and len(first) <= 2:
            return first + " " + LEADING_DAY.sub("", last)
        year = YEAR.search(last)
        return first if YEAR.search(first) or year is None else f"{first} {year.group()}"
    return DAYS_APART_IN_A_MONTH.sub(r"\1", text)


def _a_length(preposition: str | None, phrase: str) -> bool:
    """Whether a date phrase after this preposition is a length of time ("for three days", "until Friday"), not a
    day; but "called a strike for 23 October" names its day, and "have fled since Sunday" the day it began."""
    return preposition in DURATION_WORDS and not (preposition in ("for", "since") and _names_a_point(phrase.lower()))


def _names_a_point(text: str) -> bool:
    """Whether a phrase names a point in time (a day, weekday, month or year), not only a length."""
    return _names_a_date(text) or any(day in text for day in WEEKDAYS) or text.split()[0] in ("last", "early", "late", "mid")


def _preposition(entity: Span) -> str | None:
    root = entity.root
    return root.head.lower_ if root.dep_ == "pobj" else None


def read_date(phrase: str, published: date | None, preposition: str | None = None, prefer: str = "past") -> tuple[date, str] | None:
    """A date phrase ("Tuesday", "9 May 2020", "last week", "in March") as (date, precision) against the
    publication date; a week is dated by its Monday, a month and a year by their first day. None for a
    phrase that is a length of time or that dateparser cannot read."""
    if _a_length(preposition, phrase):
        return None
    text = _first_day(VAGUE_MODIFIERS.sub("", PART_OF_DAY.sub("", phrase.strip())).strip())
    text = TRAILING_WORDS.sub("", text)  # "Sunday after weeks", an entity run on past its date
    text = LAST_MONTH.sub(r"\1", text)  # "last December": the last December, which preferring the past finds
    if not text or (LENGTH.search(text) and "ago" not in text.lower()) or "old" in text.lower() or LENGTH_ADJECTIVE.search(text):
        return None
    return _read(text.lower(), published, prefer)


@lru_cache(maxsize=4096)
def _read(text: str, published: date | None, prefer: str) -> tuple[date, str] | None:
    if published is None and not YEAR.search(text):
        return None  # a relative phrase with no publication date to read it against
    first = text.split()[0]
    if published is not None and first in WEEKDAYS and WEEKDAYS.index(first) == published.weekday() and not _names_a_date(text):
        return published, "day"  # "on Wednesday (afternoon)" in Wednesday's paper is that day
    if published is not None and (named := MONTH_OF_YEAR.match(text)):  # "August last year"
        text = f"{named.group(1)} {published.year - (named.group(2) == 'last')}"
    try:
        data = _parser(prefer, published).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    precision = PERIOD_PRECISION.get(data.period or "")
    if data.date_obj is None or precision is None:
        return None
    day = data.date_obj.date()
    if precision == "day" and published is not None and re.search(r"\d", text) and not YEAR.search(text):
        day = _nearest_year(day, published)  # "on 13 July" four days after a 9 July paper
    if precision == "week":
        day -= timedelta(days=day.weekday())
    elif precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    return day, precision


def _nearest_year(day: date, published: date) -> date:
    """A day and month without a year, in the year that puts it nearest the publication date."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda candidate: abs((candidate - published).days)) if candidates else day


def _names_a_date(text: str) -> bool:
    """Whether a phrase names a day of a month besides its weekday ("Monday, March 3")."""
    return bool(re.search(r"\d", text)) or any(month in text for month in MONTHS.split("|"))


@lru_cache(maxsize=8)
def _parser(prefer: str, published: date | None):
    """dateparser's reader, preferring the past or the future, relative to noon of the publication day."""
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime.combine(published, datetime.min.time()).replace(hour=12)
    return DateDataParser(languages=["en"], settings=settings)


def stated_days(blocks: Sequence[ParsedBlock], published: date | None) -> list[tuple[int, int, date, str]]:
    """The days and weeks the blocks' sentences state for the story, as (block_idx, document offset, date,
    precision): a date phrase that sets a sentence's main clause ("On 9 May 2020, gunmen ...", "police said they
    arrested ... on Tuesday"), whether or not an event is found in it, so the sentences after it take its day. A date
    that sets only a report ("said on Thursday"), a future clause or a subordinate one ("after the coup in 2021")
    states none."""
    found = []
    for block in blocks:
        for entity in (phrase for sentence in block.doc.sents for phrase in date_phrases(sentence)):
            if not _opens_its_sentence(entity) and ((verb := _set_verb(entity)) is None or not _sets_the_story(verb)):
                continue
            read = read_date(entity.text, published, _preposition(entity))
            if read is not None and read[1] in ("day", "week"):
                found.append((block.block_idx, block.offset + entity.start_char, *read))
    return found


def _opens_its_sentence(entity: Span) -> bool:
    """Whether a date phrase comes before its sentence's subject and main verb ("On 9 May 2020, gunmen attacked",
    "In the early hours of 3 October, ..."), where it sets the whole sentence whatever the parse hangs it on."""
    root = entity.sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return False
    starts = [root.i, *(child.left_edge.i for child in root.children if child.dep_ in ("nsubj", "nsubjpass", "expl"))]
    return entity.end <= min(starts) and entity.root.head.i != entity.root.i and entity.root.dep_ != "nsubj"


def _set_verb(entity: Span) -> Token | None:
    """The verb a date phrase sets ("attacked on Tuesday", "met last week"), or None when it hangs off anything else."""
    node = entity.root
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        node = node.head
    elif node.dep_ not in SETTING_DEPS:
        return None
    return node.head if node.head.pos_ in ("VERB", "AUX") and node.head.i != node.i else None


def _sets_the_story(verb: Token) -> bool:
    """Whether a verb's clause tells the story: the sentence's main verb (or one coordinated with it, or the clause a
    reporting verb reports), not a reporting verb itself nor a clause of what is to come."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT" and verb.head.lemma_.lower() in REPORTING_VERBS:
        verb = verb.head
    elif verb.dep_ != "ROOT" or verb.lemma_.lower() in REPORTING_VERBS:
        return False
    clause = [verb, *(child for child in verb.children if child.dep_ == "ccomp")]
    return not any(has_aux(word, FUTURE_AUXILIARIES) for word in clause)


def date_events(rows: list[dict], published: date | None, stated: Sequence[tuple[int, int, date, str]] = ()) -> None:
    """Date a document's event rows, in text order, that have no date of their own (date_source "text"): the
    last day or week stated before them in their paragraph (by an event's own words or by a sentence's setting:
    stated, as (block_idx, offset, date, precision)), else the publication day; a row whose own words count days
    from the story's (DATE_SHIFT: "the previous day") from the last day the document stated."""
    last: dict[int, tuple[date, str]] = {}  # block_idx -> the last day or week stated in it
    last_day = published  # the last day the document stated, for "the previous day"
    lead: date | None = None  # the first day the document stated: the story's, for what later paragraphs tell of it
    counted_from: dict[tuple[int, str | None], date | None] = {}  # a sentence -> the day its counts of days start from
    settings = sorted(stated, key=lambda setting: setting[1])
    for row in rows:
        while settings and settings[0][1] < row["char_start"]:
            block_idx, _, day, precision = settings.pop(0)
            last[block_idx] = (day, precision)
            if precision == "day":
                last_day = day
                lead = lead or day
        shift = row.pop(DATE_SHIFT, None)
        if shift is not None:
            # every event of one sentence counts from the same day, however many rows its phrase dates
            base = counted_from.setdefault((row["block_idx"], row.get("sentence")), last_day)
            if base is not None:
                row["event_date"], row["date_precision"], row["date_source"] = base + shift, "day", "context"
                if shift > timedelta(0):  # "two days later" moves the story on; "the previous day" looks back
                    last_day = row["event_date"]
                    last[row["block_idx"]] = (last_day, "day")
            continue
        ahead = (
            row.get("modality") == "planned" and published is not None and row["event_date"] is not None and row["event_date"] > published
        )
        if row["date_source"] == "text" and row["date_precision"] == "day" and not ahead:
            last_day = row["event_date"]
            lead = lead or last_day
        if row["date_source"] == "text":
            if row["date_precision"] in ("day", "week") and not ahead:  # what is still to come sets no story day
                last[row["block_idx"]] = (row["event_date"], row["date_precision"])
        elif row["block_idx"] in last:
            row["event_date"], row["date_precision"] = last[row["block_idx"]]
            row["date_source"] = "context"
        elif lead is not None:
            row["event_date"], row["date_precision"], row["date_source"] = lead, "day", "context"
        elif published is not None:
            row["event_date"], row["date_precision"], row["date_source"] = published, "day", "publication"
