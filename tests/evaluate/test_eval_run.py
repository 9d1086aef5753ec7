"""`etl eval` end to end: the seed against its hand-checked gold, and a few PolNeAR articles."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from etl.cli import main
from tests.conftest import SEEDS, SHARED

GOLD = SHARED / "gold"
POLNEAR = SHARED / "corpora" / "polnear" / "dev"
# A PolNeAR article whose text NFC normalisation changes, and a plain one.
POLNEAR_DOCS = ("usa-today_2016-10-03_my-father-would-have-loved-trump", "breitbart_2016-09-12_stealth-over-health-hillary-clin")


@pytest.fixture(scope="module")
def seed_figures():
    if not (GOLD / "000_f96e06d8475c4b3e.json").is_file():
        pytest.skip("no /work/shared/gold here")
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):  # `--json` alone: one JSON object on stdout, nothing else
        assert main(["eval", "--gold", str(GOLD), "--seeds", str(SEEDS), "--json"]) == 0
    return json.loads(stdout.getvalue())


def test_seed_is_scored_on_every_table(seed_figures):
    metrics = seed_figures["metrics"]
    assert seed_figures["format"] == "ours" and seed_figures["documents"] == 1
    assert {"actors", "quotes", "reported speech", "speakers", "statistics", "statistics: +qualifier", "events"} <= set(metrics)
    assert seed_figures["notes"] == []


def test_seed_figures(seed_figures):
    metrics = seed_figures["metrics"]
    for name, gold in (("actors", 14), ("quotes", 2), ("reported speech", 6), ("statistics", 4), ("events", 10)):
        assert metrics[name]["gold"] == gold, name
    for name in ("actors", "quotes", "reported speech", "speakers", "statistics", "statistics: +qualifier"):
        assert metrics[name]["recall"] == 1.0, (name, metrics[name]["misses"])
    assert metrics["events"]["recall"] >= 0.8, metrics["events"]["misses"]
    for name in ("quotes", "reported speech", "statistics", "speakers"):
        assert metrics[name]["precision"] == 1.0, (name, metrics[name]["false"])
    assert metrics["actors"]["precision"] >= 0.75, metrics["actors"]["false"]
    assert metrics["events"]["precision"] >= 0.75, metrics["events"]["false"]


def test_polnear_articles_through_the_pipeline(tmp_path):
    if not (POLNEAR / "attributions.jsonl").is_file():
        pytest.skip("no PolNeAR corpus here")
    gold = tmp_path / "attributions.jsonl"
    with open(POLNEAR / "attributions.jsonl", encoding="utf-8") as source:
        gold.write_text("".join(line for line in source if json.loads(line)["doc"] in POLNEAR_DOCS), encoding="utf-8")
    out = tmp_path / "figures.json"
    assert main(["eval", "--gold", str(gold), "--seeds", str(POLNEAR / "text"), "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert figures["format"] == "polnear" and figures["documents"] == 2
    assert any("moved onto the normalised text" in note for note in figures["notes"])
    direct = figures["metrics"]["direct quotes"]
    assert direct["gold"] > 0 and direct["precision"] >= 0.8 and direct["recall"] >= 0.8, direct
    assert figures["metrics"]["direct: speakers"]["precision"] >= 0.8


def test_bad_paths_exit_2(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps({"document": "nowhere.txt"}))
    assert main(["eval", "--gold", str(tmp_path / "missing"), "--seeds", str(SEEDS)]) == 2
    assert main(["eval", "--gold", str(tmp_path / "gold"), "--seeds", str(tmp_path / "missing")]) == 2
    assert main(["eval", "--gold", str(tmp_path / "gold"), "--seeds", str(SEEDS)]) == 2
    assert main(["eval", "--gold", str(tmp_path / "gold"), "--seeds", str(SEEDS), "--warehouse", str(tmp_path)]) == 2
