"""The model's attribute rules (tag to part of speech and morphology, word exceptions) applied to whole columns.

spaCy's `attribute_ruler` runs a Matcher over every parsed block and sets each matched token from Python:
a tenth of the small English model's time. Its rules are one or two tokens long and test a few token
attributes for equality or set membership, so the same result comes from comparing columns of token
attributes for a whole batch of blocks at once. The rules are read from the loaded model's own ruler;
a model whose rules test or set anything else keeps spaCy's component (see `compile_rules`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IDS, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

# Token attributes a rule may test, and those it may set (others would touch the lexeme: spaCy's ruler sets both).
TESTED = (TAG, LOWER, ORTH, NORM, DEP, IS_SPACE, POS)
SET = (POS, TAG, MORPH, LEMMA, DEP)


@dataclass(frozen=True)
class Test:
    """One token attribute compared with a value, a set of values (`IN`, `NOT_IN`) or a regular expression (`REGEX`)."""

    column: int  # index into TESTED
    values: tuple[int, ...] = ()
    negated: bool = False
    regex: re.Pattern | None = None

    def holds(self, column: np.ndarray, strings) -> np.ndarray:
        values: Sequence[int]
        if self.regex is None:
            values = self.values
        else:  # searched in each distinct word of the batch: no cache that grows with the corpus
            values = [value for value in np.unique(column).tolist() if self.regex.search(strings[value])]
        found = column == values[0] if len(values) == 1 else np.isin(column, values)
        return ~found if self.negated else found


@dataclass(frozen=True)
class Rule:
    """Tests for consecutive tokens, which token of the match changes, and the attributes it gets."""

    tests: tuple[tuple[Test, ...], ...]
    target: int
    sets: tuple[tuple[int, int], ...]  # (index into SET, value)


def compile_rules(ruler) -> list[Rule] | None:
    """The ruler's rules in the order spaCy applies them (later ones win), or None when one is beyond these tests."""
    rules = []
    for number, attrs in enumerate(ruler.attrs):
        if not set(attrs) <= set(SET):
            return None
        sets = tuple((SET.index(attr), int(value)) for attr, value in attrs.items())
        index = ruler.indices[number]
        for pattern in ruler.matcher.get(str(number))[1]:
            tests = [test for test in map(_token_tests, pattern) if test is not None]
            if not pattern or len(tests) < len(pattern) or not -len(pattern) <= index < len(pattern):  # a token beyond these tests
                return None
            rules.append(Rule(tuple(tests), index % len(pattern), sets))
    return rules


def _token_tests(spec: dict) -> tuple[Test, ...] | None:
    """A Matcher token pattern as tests, or None if it uses an attribute, operator or value not handled here."""
    tests = []
    for name, value in spec.items():
        attr = IDS.get(name.upper()) if isinstance(name, str) else name
        if attr not in TESTED:
            return None
        column = TESTED.index(attr)
        if isinstance(value, bool):
            tests.append(Test(column, (int(value),)))
        elif isinstance(value, str):
            tests.append(Test(column, (get_string_id(value),)))
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) == "REGEX" and isinstance(value["REGEX"], str):
            tests.append(Test(column, regex=re.compile(value["REGEX"])))
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
            ((operator, words),) = value.items()
            if not words or not all(isinstance(word, str) for word in words):
                return None
            tests.append(Test(column, tuple(get_string_id(word) for word in words), negated=operator == "NOT_IN"))
        else:
            return None
    return tuple(tests)


class ArrayAttributeRuler:
    """A pipeline component that applies compiled attribute rules to batches of Docs."""

    def __init__(self, rules: list[Rule], strings):
        self.rules, self.strings = rules, strings

    def __call__(self, doc: Doc) -> Doc:
        self.apply([doc])
        return doc

    def pipe(self, docs, batch_size: int = 256):
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self.apply(batch)
                batch = []
        yield from self.apply(batch)

    def apply(self, docs: list[Doc]) -> list[Doc]:
        """Set every rule's attributes on a batch of Docs; matches are found on the attributes as they were."""
        docs_with_tokens = [doc for doc in docs if len(doc)]
        if not docs_with_tokens:
            return docs
        tested = np.concatenate([doc.to_array(list(TESTED)) for doc in docs_with_tokens])
        values = np.concatenate([doc.to_array(list(SET)) for doc in docs_with_tokens])
        lengths = [len(doc) for doc in docs_with_tokens]
        doc_of = np.repeat(np.arange(len(lengths)), lengths)
        for rule in self.rules:
            for target, value_column, value in self._targets(rule, tested, doc_of, self.strings):
                values[target, value_column] = value
        start = 0
        for doc, length in zip(docs_with_tokens, lengths):
            # spaCy's stub wants thinc's Ints2d, which no numpy array is; from_array takes the uint64 array to_array gives
            doc.from_array(list(SET), values[start : start + length])  # type: ignore[arg-type]
            start += length
        return docs

    @staticmethod
    def _targets(rule: Rule, tested: np.ndarray, doc_of: np.ndarray, strings):
        """(token positions, column, value) for each attribute the rule sets."""
        width, count = len(rule.tests), len(tested)
        if count < width:
            return
        starts = np.ones(count - width + 1, dtype=bool)
        for offset, tests in enumerate(rule.tests):
            for test in tests:
                starts &= test.holds(tested[offset : offset + len(starts), test.column], strings)
        if width > 1:  # a match never spans two Docs
            starts &= doc_of[width - 1 :] == doc_of[: len(starts)]
        positions = np.flatnonzero(starts) + rule.target
        if len(positions):
            for value_column, value in rule.sets:
                yield positions, value_column, value


@Language.factory("array_attribute_ruler", default_config={"source": "attribute_ruler"})
def make_array_attribute_ruler(nlp: Language, name: str, source: str) -> ArrayAttributeRuler:
    """The rules of the pipeline's `source` attribute ruler, compiled; build_nlp checks they compile first."""
    rules = compile_rules(nlp.get_pipe(source))
    if rules is None:
        raise ValueError(f"the rules of {source!r} use tests this component does not handle: keep spaCy's attribute_ruler")
    return ArrayAttributeRuler(rules, nlp.vocab.strings)
