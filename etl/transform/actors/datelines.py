"""Datelines: the town a report was filed from ("NAIROBI, March 3 (Reuters) -") is a place of the document.

Written in capitals the model does not read as a name, the town would otherwise be lost, and with it the
country behind the report's unnamed police, government and crowds. Which town of that name it is, the
place pass decides like any other's ("SAN JOSE, Costa Rica" by the country written after it).
"""

from __future__ import annotations

from etl.schema import DATELINE_KIND
from etl.transform.actors.mentions import Mention, make_actor
from etl.transform.context import ParsedBlock, ParsedDocument
from etl.transform.gazetteer import Gazetteer

# At most this many words name the town: "ADDIS ABABA", "RIO DE JANEIRO".
TOWN_WORDS = 4


def add_dateline_places(document: ParsedDocument, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions so far and, for each dateline whose town no mention holds yet, that town as a place."""
    taken = {(m.block.block_idx, i) for m in mentions for i in range(m.start, m.end)}
    found = []
    for block in document.blocks:
        if block.kind != DATELINE_KIND:
            continue
        town = _town(block, gazetteer)
        if town is not None and not any((block.block_idx, i) in taken for i in range(town.start, town.end)):
            found.append(town)
    return sorted(mentions + found, key=lambda m: m.position) if found else mentions


def _town(block: ParsedBlock, gazetteer: Gazetteer) -> Mention | None:
    """The dateline's first words before a comma, when they name a town the gazetteer knows."""
    doc = block.doc
    end = next((token.i for token in doc if token.is_punct), len(doc))
    if not 0 < end <= TOWN_WORDS or not all(token.is_alpha for token in doc[:end]):
        return None
    written = doc[:end].text
    name = written.title() if written.isupper() else written
    if name not in gazetteer.country_by_city and name not in gazetteer.country_by_capital:
        return None
    return Mention(block, 0, end, "name", make_actor("location", gazetteer.city_name.get(name, name)))
