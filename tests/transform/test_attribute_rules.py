"""The model's attribute rules applied to columns give exactly the annotations spaCy's attribute_ruler gives."""

import pytest
import spacy

from etl.transform.attribute_rules import compile_rules

# Words that the small English model's rules single out: "gonna", "let's", "n't", "nothin'", "y'", an
# existential "there is", lemma exceptions ("gets", "got"), and runs of whitespace.
TEXTS = [
    "We're gonna win, let's go. They gotta leave.",
    "There is no way. There's two of them, there were three.",
    "He doesn't know and she didn't say; nothin' works, y' know?",
    "She gets it. He got it.  Twice   over.\n\nNew paragraph\n",
    "Kharkiv was shelled on Monday, officials said, killing at least 12 people.",
    "   ",
    "gon",
    "na is here",
]
ANNOTATIONS = ("pos_", "tag_", "lemma_", "dep_", "head.i", "ent_type_")


def annotations(doc) -> list[tuple]:
    rows = []
    for token in doc:
        rows.append((token.text, token.pos_, token.tag_, str(token.morph), token.lemma_, token.dep_, token.head.i, token.ent_type_))
    return rows


@pytest.fixture(scope="module")
def models(model_with):
    """spaCy's own pipeline and the same model with the compiled rules in place of its attribute_ruler."""
    return model_with("array_attribute_ruler", "attribute_ruler")


def test_the_pipeline_uses_the_compiled_rules(nlp):
    assert "array_attribute_ruler" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names


@pytest.mark.parametrize("batch_size", [1, 3, 256])
def test_same_annotations_as_spacys_attribute_ruler(models, batch_size):
    plain, compiled = models
    expected = [annotations(doc) for doc in plain.pipe(TEXTS, batch_size=batch_size)]
    assert [annotations(doc) for doc in compiled.pipe(TEXTS, batch_size=batch_size)] == expected


def test_a_two_token_rule_never_matches_across_documents(models):
    """ "gon" ending one block and "na" opening the next are not "gonna": "na" keeps the lemmatizer's lemma."""
    _, compiled = models
    first, second = compiled.pipe(["It was gon", "na"], batch_size=2)
    assert second[0].lemma_ != "to"
    assert [t.lemma_ for t in compiled("gonna")] == [t.lemma_ for t in models[0]("gonna")]


def test_rules_beyond_the_compiled_tests_keep_spacys_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert compile_rules(ruler) is not None
    ruler.add([[{"LENGTH": {">": 3}}]], {"POS": "X"})
    assert compile_rules(ruler) is None
    with pytest.raises(ValueError, match="keep spaCy's attribute_ruler"):
        nlp.add_pipe("array_attribute_ruler")


def test_a_rule_that_sets_a_lexeme_attribute_is_not_compiled():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "kyiv"}]], {"NORM": "kiev"})
    assert compile_rules(ruler) is None
