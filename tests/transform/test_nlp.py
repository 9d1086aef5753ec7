"""The pipeline etl builds annotates words exactly as the model it is built from."""

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.settings import load_settings

# Words the model's rule components single out (attribute rules, lemma exceptions and inflections), and others.
WORDS = [
    "There",
    "is",
    "'s",
    "gon",
    "na",
    "let",
    "n't",
    "nothin'",
    "y'",
    "got",
    "gets",
    "strikes",
    "struck",
    "better",
    "best",
    "leaders",
    "met",
    "said",
    "  ",
    "\n",
    ".",
    ",",
    "Kyiv",
    "3",
    "they",
    "run",
]


@pytest.fixture(scope="module")
def plain():
    return spacy.load(load_settings().spacy_model)


def words(doc) -> list[tuple]:
    """What the model's own components decide for each token (entities aside: etl adds gazetteer rules)."""
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_any_text_gets_the_models_annotations(nlp, plain, chosen):
    text = " ".join(chosen)
    assert words(nlp(text)) == words(plain(text))
