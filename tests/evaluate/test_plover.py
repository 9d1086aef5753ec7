"""PLOVER-coded sentences: the format told by its shape, type found and the doer, on hand-made records and rows."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from etl.cli import main
from etl.errors import UsageError
from etl.evaluate.gold import PloverItem, load_gold
from etl.evaluate.plover import ACTOR_RIGHT, MACRO, TYPE_FOUND, is_state, same_name, score_plover
from etl.evaluate.report import evaluation_json, print_evaluation
from etl.evaluate.runner import Evaluation, evaluate
from tests.conftest import SHARED

PLOVER = SHARED / "corpora" / "plover-gsr-dev"

# A made-up world: two countries, their demonyms and capitals, as the gazetteer would give them.
COUNTRY_OF = {"Freedonia": "FRE", "Freedonian": "FRE", "Fredville": "FRE", "Sylvania": "SYL", "Sylvanian": "SYL"}.get

FREEDONIA = {"actor_id": "a-fre", "name": "Freedonia", "type": "country", "country": "FRE", "aliases": ["Freedonia", "Fredville"]}
SYLVANIA = {"actor_id": "a-syl", "name": "Sylvania", "type": "country", "country": "SYL", "aliases": ["Sylvania"]}
FIREFLY = {"actor_id": "a-fir", "name": "Rufus Firefly", "type": "person", "country": "FRE", "aliases": ["Firefly"]}
TRENTINO = {"actor_id": "a-tre", "name": "Ambassador Trentino", "type": "person", "country": "SYL", "aliases": ["Trentino"]}
ACTORS = {a["actor_id"]: a for a in (FREEDONIA, SYLVANIA, FIREFLY, TRENTINO)}


def record(id_, kind, actor1, country=None, also=(), symmetric=False, doers=None):
    return {
        "id": id_,
        "plover_type": kind,
        "plover_mode": None,
        "also_accepted": list(also),
        "symmetric": symmetric,
        "actor1": actor1,
        "actor1_all": list(doers or [actor1]),
        "actor1_country": country,
        "actor2": None,
        "actor2_all": [],
        "actor2_country": None,
        "location": None,
        "country": country,
        "text": "A sentence written for the test.",
    }


def item(id_, kind, actor1, country=None, also=(), symmetric=False, doers=None):
    return PloverItem(id_, kind, tuple(also), symmetric, actor1, tuple(doers or [actor1]), country)


def event(kind, actor1, actor2=None, trigger="did"):
    return {"event_type": kind, "actor1_id": actor1["actor_id"], "actor2_id": actor2["actor_id"] if actor2 else None, "trigger": trigger}


def write_gold(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_jsonl_of_plover_records_is_told_by_its_shape(tmp_path):
    gold = write_gold(tmp_path / "gold.jsonl", [record("s-1", "agree", "Freedonia", "FRE", also=["consult"])])
    for where in (gold, tmp_path):
        loaded = load_gold(where)
        assert loaded.format == "plover"
        [first] = loaded.documents
        assert (first.id, first.document, first.type, first.line) == ("s-1", "s-1.txt", "AGREE", 1)
        assert first.accepted == {"AGREE", "CONSULT"}
        assert first.doers == ("Freedonia",)
    (tmp_path / "bad.jsonl").write_text(json.dumps(record("s-2", "AGREE", "Sylvania")) + "\n" + json.dumps({"id": "s-3"}) + "\n")
    with pytest.raises(UsageError, match="bad.jsonl:2"):
        load_gold(tmp_path / "bad.jsonl")


def test_names_match_case_blind_either_way_round_on_word_boundaries():
    assert same_name("Rufus Firefly", {"firefly"})
    assert same_name("Firefly", {"rufus firefly"})
    assert same_name("the FREEDONIAN army", {"freedonian army"})
    assert not same_name("Freedonians", {"freedonian"})
    assert not same_name("Fire", {"firefly"})


def test_a_country_or_its_state_but_not_others_from_it():
    for name in ("Freedonia", "Freedonian troops", "the Freedonian government", "Freedonia's forces", "Fredville"):
        assert is_state(name, "FRE", COUNTRY_OF), name
    assert not is_state("Freedonian rebels", "FRE", COUNTRY_OF)
    assert not is_state("Freedonia's new government", "FRE", COUNTRY_OF)
    assert not is_state("Freedonian troops", "SYL", COUNTRY_OF)
    assert not is_state("Freedonia", None, COUNTRY_OF)


PAIRS = [
    # AGREE found through also_accepted, the doer by name
    (item("s-1", "CONSULT", "Firefly", "FRE", also=["AGREE"]), [event("AGREE", FIREFLY, SYLVANIA, "agreed")]),
    # AGREE, symmetric: the gold's second doer is the event's actor2
    (item("s-2", "AGREE", "Sylvania", "SYL", symmetric=True, doers=["Sylvania", "Rufus Firefly"]), [event("AGREE", TRENTINO, FIREFLY)]),
    # AGREE, not symmetric: actor2 alone does not do
    (item("s-3", "AGREE", "Freedonia", "FRE"), [event("AGREE", TRENTINO, FREEDONIA, "accepted")]),
    # AGREE, not found: another type only
    (item("s-4", "AGREE", "Sylvania", "SYL"), [event("ACCUSE", SYLVANIA, FREEDONIA, "blamed")]),
    # ASSAULT by the country's troops: the country actor is right by its country
    (item("s-5", "ASSAULT", "Freedonian troops", "FRE"), [event("ASSAULT", FREEDONIA, SYLVANIA, "shelled")]),
    # ASSAULT by rebels of the country: the country actor is not them
    (item("s-6", "ASSAULT", "Freedonian rebels", "FRE"), [event("ASSAULT", FREEDONIA, SYLVANIA, "attacked")]),
    # ASSAULT, nothing produced
    (item("s-7", "ASSAULT", "Sylvania", "SYL"), []),
]


def test_type_found_per_type_overall_and_macro():
    scores, averages = score_plover(PAIRS, ACTORS, COUNTRY_OF)
    found = scores[TYPE_FOUND]
    assert (found.gold, found.tp) == (7, 5)
    assert [m.split(":")[0] for m in found.misses] == ["s-4", "s-7"]
    assert "s-4: AGREE by Sylvania: got ACCUSE Sylvania -> Freedonia ('blamed')" in found.misses
    assert found.misses[1].endswith("got no event")
    per_type = {name.removeprefix(f"{TYPE_FOUND}: "): (s.gold, s.tp) for name, s in scores.items() if name.startswith(f"{TYPE_FOUND}: ")}
    assert per_type == {"CONSULT": (1, 1), "AGREE": (3, 2), "ASSAULT": (3, 2)}
    assert list(per_type) == ["AGREE", "CONSULT", "ASSAULT"]  # PLOVER's order
    assert averages[MACRO] == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)


def test_first_actor_among_found_items_symmetric_either_side_and_by_country():
    scores, _ = score_plover(PAIRS, ACTORS, COUNTRY_OF)
    actor = scores[ACTOR_RIGHT]
    assert (actor.gold, actor.tp) == (5, 3)  # s-1, s-2, s-5 right; s-3 (actor2 only), s-6 (rebels) wrong
    assert [m.split(":")[0] for m in actor.misses] == ["s-3", "s-6"]
    assert "got AGREE Ambassador Trentino -> Freedonia ('accepted')" in actor.misses[0]


def test_the_report_and_json_carry_the_shares_the_macro_and_the_misses():
    scores, averages = score_plover(PAIRS, ACTORS, COUNTRY_OF)
    evaluation = Evaluation("plover", "gold.jsonl", "text", 7, scores, averages=averages)
    figures = evaluation_json(evaluation)
    assert figures["averages"][MACRO] == pytest.approx(7 / 9)
    assert figures["metrics"][TYPE_FOUND]["recall"] == pytest.approx(5 / 7)
    assert len(figures["metrics"][ACTOR_RIGHT]["misses"]) == 2
    console = Console(record=True, width=200)
    print_evaluation(evaluation, console=console)
    shown = console.export_text()
    assert "s-7: ASSAULT by Sylvania: got no event" in shown
    assert "type found: macro average" in shown and "0.778" in shown


def test_a_record_without_its_text_file_is_a_usage_error(tmp_path):
    gold = write_gold(tmp_path / "gold.jsonl", [record("s-1", "AGREE", "Freedonia"), record("s-2", "REJECT", "Sylvania")])
    seeds = tmp_path / "text"
    seeds.mkdir()
    (seeds / "s-1.txt").write_text("Freedonia agreed to talks with Sylvania on Monday.\n")
    with pytest.raises(UsageError, match="'s-2' .*line 2.*'s-2.txt'"):
        evaluate(gold, seeds)
    assert main(["eval", "--gold", str(gold), "--seeds", str(seeds)]) == 2


@pytest.mark.skipif(not (PLOVER / "gold.jsonl").is_file(), reason="no PLOVER corpus here")
def test_the_plover_corpus_runs_and_reports_every_type(tmp_path):
    out = tmp_path / "figures.json"
    assert main(["eval", "--gold", str(PLOVER / "gold.jsonl"), "--seeds", str(PLOVER / "text"), "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    coded = {json.loads(line)["plover_type"] for line in (PLOVER / "gold.jsonl").read_text().splitlines() if line.strip()}
    assert figures["format"] == "plover" and figures["documents"] == figures["metrics"][TYPE_FOUND]["gold"]
    assert {f"{TYPE_FOUND}: {kind}" for kind in coded} <= set(figures["metrics"])
    assert figures["averages"][MACRO] is not None and figures["metrics"][ACTOR_RIGHT]["gold"] == figures["metrics"][TYPE_FOUND]["tp"]
