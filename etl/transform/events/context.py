"""What the pattern functions share while one document is read: its actors, the gazetteer, the lexicon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from etl.transform.actors import make_actor
from etl.transform.context import Actor, ParsedDocument, actor_id_of
from etl.transform.events.lexicon import Lexicon
from etl.transform.gazetteer import Gazetteer


@dataclass
class Context:
    """What the pattern functions share while one document is read."""

    document: ParsedDocument
    gazetteer: Gazetteer
    lexicon: Lexicon
    _surnames: dict[str, Actor] | None = None
    _only_country: tuple[str | None] | None = None
    # The country whose attacks the document reports on each country it names as attacked: a strike
    # on Lviv with no attacker named, in a report of Russian strikes on Ukraine, is Russia's.
    attackers: dict[str, str] | None = None

    @property
    def published(self) -> date | None:
        """The day the document was published (UTC), which relative dates are read against."""
        published_at = self.document.published_at
        return published_at.date() if published_at is not None else None

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor behind an id."""
        return self.document.actors.get(actor_id) if actor_id else None

    def token_actor(self, token: Token) -> Actor | None:
        """The actor a token refers to; a surname inside a mis-typed name ("the Biden-Macron call") is the person."""
        if token.is_punct:
            return None
        actor = self.actor(actor_id_of(token))
        if actor is not None and actor.type == "organization" and token.pos_ == "PROPN":
            person = self.people_by_surname().get(token.text)
            if person is not None:
                return person
        return actor

    def people_by_surname(self) -> dict[str, Actor]:
        """Persons of the document by the last word of their name."""
        if self._surnames is None:
            self._surnames = {a.name.split()[-1]: a for a in self.document.actors.values() if a.type == "person" and a.name.split()}
        return self._surnames

    def country_actor(self, iso3: str) -> str:
        """The id of a country actor, added to the document if it was not resolved there."""
        name = self.gazetteer.country_name.get(iso3, iso3)
        actor = make_actor("country", name, country=iso3)
        if actor.actor_id not in self.document.actors:
            self.document.actors[actor.actor_id] = actor
        return actor.actor_id

    def only_country(self) -> str | None:
        """The one country all the document's actors that have one are of ("Azerbaijan's president pardoned
        activists jailed after the election": jailed by Azerbaijan's authorities), else None."""
        if self._only_country is None:
            found = {a.country for a in self.document.actors.values() if a.country}
            self._only_country = (next(iter(found)) if len(found) == 1 else None,)
        return self._only_country[0]
