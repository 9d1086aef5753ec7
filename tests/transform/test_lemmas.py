"""The lemmatizer asked once per word form gives exactly the lemmas spaCy's lemmatizer gives."""

import pytest
import spacy

from etl.transform.lemmas import caches_lemmas

# Forms whose lemma depends on the part of speech or the morphology, or that an attribute rule sets first.
TEXTS = [
    "The strikes hit three cities; she strikes back. Striking workers struck a deal.",
    "He gets what he got. They were better, the best, and went on going.",
    "Russia's forces shelled Kharkiv's suburbs, officials said.",
    "RUSSIA WARNS ISRAEL as leaders meet",
    "  \n",
    "",
]


def lemmas(doc) -> list[tuple[str, str, str]]:
    return [(token.text, token.pos_, token.lemma_) for token in doc]


@pytest.fixture(scope="module")
def models(model_with):
    """spaCy's own pipeline and the same model with the lemma cache in place of its lemmatizer."""
    return model_with("lemma_cache", "lemmatizer")


def test_the_pipeline_uses_the_lemma_cache(nlp):
    assert "lemma_cache" in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names


def test_same_lemmas_as_spacys_lemmatizer(models):
    plain, cached = models
    for _ in range(2):  # the second pass reads the cache
        assert [lemmas(doc) for doc in cached.pipe(TEXTS)] == [lemmas(doc) for doc in plain.pipe(TEXTS)]


def test_a_lookup_lemmatizer_keeps_spacys_component():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not caches_lemmas(nlp.get_pipe("lemmatizer"))
    with pytest.raises(ValueError, match="keep spaCy's component"):
        nlp.add_pipe("lemma_cache")


def test_a_full_cache_starts_again_with_the_same_lemmas(models, monkeypatch):
    import etl.transform.lemmas as module

    plain, cached = models
    monkeypatch.setattr(module, "CACHED_FORMS", 3)
    cached.get_pipe("lemma_cache").lemmas.clear()
    assert [lemmas(doc) for doc in cached.pipe(TEXTS)] == [lemmas(doc) for doc in plain.pipe(TEXTS)]
    assert len(cached.get_pipe("lemma_cache").lemmas) <= 3


def test_verb_forms_the_rule_lemmatizer_misreads_get_their_lemma(nlp):
    doc = nlp("Rebels waged war, staged raids and raped villagers while fighting raged. A stag ran.")
    lemmas = {token.text: token.lemma_ for token in doc}
    assert [lemmas[word] for word in ("waged", "staged", "raped", "raged")] == ["wage", "stage", "rape", "rage"]
    assert lemmas["stag"] == "stag"  # the noun is left alone
