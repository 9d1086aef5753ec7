"""Headlines: a verbless headline read again with its verb in the past tense.

The small model reads the present-tense verb of a headline as a plural noun ("Nepal appeals for international aid",
"Government lifts curfew in Kasese"), so the headline has no verb and no event. When a short block without final
punctuation has no verb at its root, each word that may be such a verb is put in the past tense ("appealed") and the
block parsed again; if the model then reads that word as the root verb, the block keeps its own words, entities and
offsets and takes the new reading's tags, lemmas and tree.
"""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc, Token

# A block this short, with no final stop, may be a headline.
MAX_HEADLINE_TOKENS = 20
# The words read again, at most, in one headline.
MAX_TRIES = 2
# What the second reading gives the first.
PARSE_ATTRS = [HEAD, DEP, TAG, POS, LEMMA, MORPH]
# Past tenses the rules below would get wrong, of verbs headlines use.
IRREGULAR_PAST = {
    "hits": "hit",
    "sends": "sent",
    "seeks": "sought",
    "holds": "held",
    "meets": "met",
    "leads": "led",
    "wins": "won",
    "takes": "took",
    "gives": "gave",
    "breaks": "broke",
    "shoots": "shot",
    "strikes": "struck",
    "flees": "fled",
    "begins": "began",
    "says": "said",
    "makes": "made",
    "sets": "set",
    "puts": "put",
    "cuts": "cut",
    "quits": "quit",
    "brings": "brought",
    "keeps": "kept",
    "tells": "told",
    "sells": "sold",
    "buys": "bought",
    "leaves": "left",
    "stands": "stood",
    "withdraws": "withdrew",
    "sees": "saw",
    "pays": "paid",
    "lays": "laid",
    "shuts": "shut",
    "upholds": "upheld",
}
SIBILANT_ENDINGS = ("sses", "shes", "ches", "xes", "zes")


def reread_headline(nlp, doc: Doc) -> Doc:
    """The block as parsed, or, when it is a verbless headline the model reads with a verb once that verb is in the
    past tense, the block with that reading's tree (its words, entities and offsets unchanged)."""
    if not _verbless_headline(doc):
        return doc
    words, spaces = [token.text for token in doc], [bool(token.whitespace_) for token in doc]
    for token in [token for token in doc if _may_be_a_verb(token)][:MAX_TRIES]:
        reading = nlp(Doc(nlp.vocab, words=[*words[: token.i], past_tense(token.text), *words[token.i + 1 :]], spaces=spaces))
        if reading[token.i].pos_ == "VERB" and reading[token.i].dep_ == "ROOT":
            doc.from_array(PARSE_ATTRS, reading.to_array(PARSE_ATTRS))
            return doc
    return doc


def _verbless_headline(doc: Doc) -> bool:
    """A short block with no final stop whose every root is a noun or a name: "Government lifts curfew in Kasese"."""
    if not 1 < len(doc) <= MAX_HEADLINE_TOKENS or doc[-1].text in (".", "!", "?", '"', "”"):
        return False
    return all(token.pos_ not in ("VERB", "AUX") for token in doc if token.dep_ == "ROOT")


def _may_be_a_verb(token: Token) -> bool:
    """A lower-case word in -s right after a capitalised name or noun, tagged as a plural noun or a present verb:
    "appeals" in "Nepal appeals for aid", "lifts" in "Government lifts curfew" (not "messages" in "Two core
    messages")."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        before is not None
        and before.is_title
        and before.pos_ in ("NOUN", "PROPN", "ADJ")
        and token.is_lower
        and token.text.endswith("s")
        and len(token.text) > 3
        and token.tag_ in ("NNS", "VBZ")
    )


def past_tense(word: str) -> str:
    """The past tense of a present-tense verb in -s, by the regular rules and a short list of irregular verbs:
    "appeals" -> "appealed", "carries" -> "carried", "bans" -> "banned", "frees" -> "freed"."""
    if word in IRREGULAR_PAST:
        return IRREGULAR_PAST[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "ied"
    if word.endswith(SIBILANT_ENDINGS):
        return word[:-2] + "ed"
    stem = word[:-1]
    if stem.endswith("e"):
        return stem + "d"
    if len(stem) <= 4 and _consonant_vowel_consonant(stem):
        return stem + stem[-1] + "ed"  # "bans" -> "banned", "stops" -> "stopped"
    return stem + "ed"


def _consonant_vowel_consonant(stem: str) -> bool:
    vowels = "aeiou"
    return len(stem) >= 3 and stem[-1] not in vowels + "wxy" and stem[-2] in vowels and stem[-3] not in vowels
