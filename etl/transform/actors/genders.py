"""Genders: whether a person the document names is a man or a woman, as far as an honorific or the given name says,
so that "she said" does not point back to Mr Austin nor "he said" to Anna Berg."""

from __future__ import annotations

from functools import cache

from etl import rules
from etl.transform.actors.mentions import WORDS, Mention
from etl.transform.gazetteer import DATA, Gazetteer

MALE, FEMALE = "male", "female"
PRONOUN_GENDERS = {**dict.fromkeys(WORDS["male_pronouns"], MALE), **dict.fromkeys(WORDS["female_pronouns"], FEMALE)}
HONORIFIC_GENDERS = {**dict.fromkeys(WORDS["male_honorifics"], MALE), **dict.fromkeys(WORDS["female_honorifics"], FEMALE)}


@cache
def given_name_genders() -> dict[str, str]:
    """The women's and either-gender given names of data/given_name_genders.tsv, by name."""
    return {row["name"]: row["gender"] for row in rules.table(DATA / "given_name_genders.tsv", ("name", "gender"))}


def person_genders(mentions: list[Mention], gazetteer: Gazetteer) -> dict[str, str]:
    """MALE or FEMALE for each person an honorific ("Ms Robles") or a known given name says it of."""
    found: dict[str, str] = {}
    for mention in mentions:
        if mention.actor.type == "person" and mention.actor.actor_id not in found:
            gender = _honorific_gender(mention) or _given_name_gender(mention.actor.name, gazetteer)
            if gender:
                found[mention.actor.actor_id] = gender
    return found


def _honorific_gender(mention: Mention) -> str | None:
    """The gender of "Mr" or "Ms" written before the name or as its first word."""
    doc = mention.block.doc
    words = [doc[mention.start]] + ([doc[mention.start - 1]] if mention.start > 0 else [])
    return next((HONORIFIC_GENDERS[t.lower_] for t in words if t.lower_ in HONORIFIC_GENDERS), None)


def _given_name_gender(name: str, gazetteer: Gazetteer) -> str | None:
    """A woman's given name is FEMALE, any other known one MALE; a name used by both, or unknown, says nothing."""
    first = name.split()[0] if len(name.split()) > 1 else ""
    gender = given_name_genders().get(first)
    if gender == FEMALE:
        return FEMALE
    return MALE if gender is None and first in gazetteer.given_names else None


def unfit_for(pronoun: str, genders: dict[str, str]) -> frozenset[str]:
    """The persons a gendered pronoun cannot stand for: those known to be of the other gender."""
    wanted = PRONOUN_GENDERS.get(pronoun)
    return frozenset(actor_id for actor_id, gender in genders.items() if wanted and gender != wanted)
