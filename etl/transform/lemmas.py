"""The model's rule lemmatizer, asked once per word form.

A rule lemma depends only on the word, its part of speech and its morphology, but spaCy's lemmatizer
makes a Token and calls Python rules for every token (its own cache skips uninflected forms, most of
them): a twentieth of the small English model's time. This component asks that same lemmatizer once
for each (word, part of speech, morphology) and writes the lemmas of a Doc as one column.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, LOWER, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

from etl import rules

# Word forms remembered before the cache starts again: lemmas stay the same, memory stops growing with the corpus
# (some 15 MB at most; after a clear, the frequent forms are back within a few documents).
CACHED_FORMS = 50_000
LEMMA_FIXES_FILE = Path(__file__).parent / "data" / "lemma_fixes.tsv"


class LemmaCache:
    """A pipeline component that gives each token the lemma its lemmatizer gives that word form."""

    def __init__(self, lemmatizer, strings) -> None:
        self.lemmatizer, self.strings = lemmatizer, strings
        self.overwrite = lemmatizer.overwrite
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma string id

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not self.overwrite:
                continue  # set by an earlier rule ("gets" -> "get")
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                if len(self.lemmas) >= CACHED_FORMS:
                    self.lemmas.clear()
                found = self.lemmas[key] = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        # spaCy's stub wants thinc's Ints2d, which no numpy array is; from_array takes the uint64 array to_array gives
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc


def caches_lemmas(lemmatizer) -> bool:
    """Whether the lemmatizer's lemmas depend only on word, part of speech and morphology: its rule mode."""
    return getattr(lemmatizer, "mode", None) == "rule"


@Language.factory("lemma_cache", default_config={"source": "lemmatizer"})
def make_lemma_cache(nlp: Language, name: str, source: str) -> LemmaCache:
    """The pipeline's `source` lemmatizer, asked once per word form; build_nlp checks it is in rule mode first."""
    lemmatizer = nlp.get_pipe(source)
    if not caches_lemmas(lemmatizer):
        raise ValueError(f"{source!r} is not a rule lemmatizer: keep spaCy's component")
    return LemmaCache(lemmatizer, nlp.vocab.strings)


class LemmaFixes:
    """A pipeline component that gives the verb forms of data/lemma_fixes.tsv their lemma, whatever lemmatizer ran."""

    def __init__(self, strings, fixes: dict[str, str]) -> None:
        self.lemma_of = {strings.add(form): strings.add(lemma) for form, lemma in fixes.items()}
        self.forms = np.array(sorted(self.lemma_of), dtype="uint64")
        self.verb = strings.add("VERB")

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([LOWER, POS, LEMMA])
        found = np.flatnonzero(np.isin(columns[:, 0], self.forms) & (columns[:, 1] == self.verb))
        if not len(found):
            return doc
        lemmas = columns[:, 2].copy()
        for i in found.tolist():
            lemmas[i] = self.lemma_of[int(columns[i, 0])]
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc


def lemma_fixes(path: Path) -> dict[str, str]:
    """Each verb form of a lemma_fixes table -> its lemma."""
    return {
        form.strip().lower(): row["lemma"].strip().lower()
        for row in rules.table(path, required=("form", "lemma"))
        for form in row["form"].split("|")
        if form.strip()
    }


@Language.factory("lemma_fixes")
def make_lemma_fixes(nlp: Language, name: str) -> LemmaFixes:
    """Lemmas the rule lemmatizer gets wrong, put right (data/lemma_fixes.tsv)."""
    return LemmaFixes(nlp.vocab.strings, lemma_fixes(LEMMA_FIXES_FILE))
