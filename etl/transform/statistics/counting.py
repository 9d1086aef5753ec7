"""What a bare number counts: the noun it modifies, a noun left out, people hurt, or years of age."""

from __future__ import annotations

import re

from spacy.tokens import Token

from etl.transform.statistics.filters import MONTHS, WEEKDAYS
from etl.transform.statistics.lexicon import Lexicon, word_list
from etl.transform.statistics.quantity import Quantity, TokenIndex
from etl.transform.statistics.units import lookup_unit, read_rate

COUNT_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "advmod"}


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
    if subject is None or subject.lemma_.lower() not in word_list("stat_number_of_nouns"):
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
    if token.dep_ not in ELLIPTIC_DEPS or (token.i > 0 and token.doc[token.i - 1].lower_.rstrip(".") in word_list("stat_versus_words")):
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


def of_object(token: Token) -> Token | None:
    """The object of an 'of' after the token: '80% of the facilities' -> facilities."""
    return prep_object(token, "of")


def prep_object(token: Token, preposition: str) -> Token | None:
    """The object of a given preposition attached to the token."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == preposition:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


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
