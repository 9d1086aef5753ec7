from __future__ import annotations

from dataclasses import asdict

from etl.extract.blocks import split_blocks
from etl.schema import FURNITURE_KIND
from etl.settings import load_settings
from etl.transform import parse_documents


def test_furniture_blocks_are_not_parsed_and_leave_names_clean(make_document):
    text = "Dock workers walked out in Valmora.\n00:54Marta Ilves said talks would resume.\nKim Tran/AFP via Getty Images"
    blocks = [{**asdict(block), "doc_id": "d1"} for block in split_blocks(text)]
    document = {"doc_id": "d1", "text": text, "status": "loaded"}
    (parsed,) = parse_documents([document], blocks, load_settings())
    furniture = {block["block_idx"] for block in blocks if block["kind"] == FURNITURE_KIND}
    assert furniture and not furniture & {block.block_idx for block in parsed.blocks}
    names = {actor.name for actor in make_document(text).actors.values()}
    assert "Marta Ilves" in names
    assert not [name for name in names if ":" in name or "/" in name or "Getty" in name]


def test_a_time_zone_is_never_an_actor(make_document):
    text = "Figures are due at 1630 EST (2130 GMT), the harbour board of Valmora said."
    names = {actor.name for actor in make_document(text).actors.values()}
    assert not names & {"EST", "GMT"}
