"""What every extractor receives: a document's unique blocks, parsed, with actors resolved."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from datetime import datetime

from spacy.tokens import Doc, Span, Token

from etl.transform.geonames import GeoPlace

# Where transform.actors keeps, per Doc, the actor id of every token inside a resolved mention (names, titles,
# pronouns): a list as long as the Doc. Read through `actor_id_of`, or `token._.actor_id` outside the hot paths
# (a spaCy extension makes an object on every read and write: a tenth of the rules' time when they used it).
ACTOR_IDS = "newsetl_actor_ids"


def actor_id_of(token: Token) -> str | None:
    """The actor a token refers to, as transform.actors resolved it; None outside mentions or before resolution."""
    ids = token.doc.user_data.get(ACTOR_IDS)
    return ids[token.i] if ids else None


if not Token.has_extension("actor_id"):
    Token.set_extension("actor_id", getter=actor_id_of)


@dataclass(frozen=True)
class Actor:
    """A real-world entity as resolved inside one document (merged across documents later)."""

    actor_id: str
    name: str
    type: str  # person, organization, country, location, group
    role: str | None = None
    country: str | None = None
    sector: str | None = None  # a generic group's: police, military, protesters, ... (data/group_sectors.tsv)
    place: GeoPlace | None = None  # a location's entry in the gazetteer, when the document says which one


@dataclass
class ParsedBlock:
    """One unique block: its spaCy Doc and where it sits in the document text."""

    doc_id: str
    block_idx: int
    kind: str
    offset: int  # char offset of the block in documents.text
    doc: Doc

    def char_span(self, start_char: int, end_char: int) -> tuple[int, int]:
        """Block-relative character offsets as document offsets."""
        return self.offset + start_char, self.offset + end_char

    def span_offsets(self, span: Span | Token) -> tuple[int, int]:
        """Document offsets of a spaCy span or token."""
        if isinstance(span, Token):
            return self.char_span(span.idx, span.idx + len(span.text))
        return self.char_span(span.start_char, span.end_char)


@dataclass
class ParsedDocument:
    """A loaded document's unique blocks plus the actors resolved in it."""

    doc_id: str
    text: str
    blocks: list[ParsedBlock]
    actors: dict[str, Actor] = field(default_factory=dict)
    published_at: datetime | None = None  # when the document was published, if its input said
    # actor_mentions rows found after actor resolution: the words an event's unnamed doer stands for
    late_mentions: list[dict] = field(default_factory=list)


# Where a Doc keeps its block's text as documents.text has it (read through `text_of`).
DOC_TEXT = "newsetl_text"


def text_of(doc: Doc) -> str:
    """A Doc's text as documents.text has it, line breaks and all (etl.transform.with_text), joined once: spaCy
    joins every token again on each `doc.text`."""
    text = doc.user_data.get(DOC_TEXT)
    if text is None:
        text = doc.user_data[DOC_TEXT] = doc.text
    return text


def tokens_of(doc: Doc) -> list[Token]:
    """A Doc's tokens as a list, made once: spaCy makes a new Token object on every pass over a Doc."""
    tokens = doc.user_data.get("newsetl_tokens")
    if tokens is None:
        tokens = doc.user_data["newsetl_tokens"] = list(doc)
    return tokens


def row_id(*parts: object) -> str:
    """A deterministic 16-hex id from the parts that make a row unique."""
    joined = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def actor_in(tokens: Iterable[Token], exclude: Set[str] = frozenset()) -> str | None:
    """The first actor any of the tokens refers to, skipping `exclude`."""
    for token in tokens:
        actor_id = actor_id_of(token)
        if actor_id and actor_id not in exclude:
            return actor_id
    return None
