"""List CAMEO's verbs that the project's trigger table does not have, by the PLOVER type they code.

    .venv/bin/python tools/cameo_candidates.py CAMEO.2.0.txt

The input is `petrarch2/data/dictionaries/CAMEO.2.0.txt` of github.com/openeventdata/petrarch2 (Open
Event Data Alliance, MIT License): verb blocks of synonyms, each verb with a default CAMEO code. Codes
become PLOVER types by PLOVER's CAMEO crosswalk (github.com/openeventdata/PLOVER, CAMEO2PLOVER-2021.txt).
The output is a reading list, not rules: most of these verbs name an event only between two coded actors
(see tools/README.md), so each one is judged by hand before it becomes a line of event_triggers.tsv.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from etl.transform.events import load_lexicon

# CAMEO root code -> PLOVER type, after PLOVER's crosswalk (01, statements, has none). Sub-codes that the
# crosswalk puts elsewhere are listed with their full prefix.
CROSSWALK = {
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "080": "CONCEDE",
    "081": "CONCEDE",
    "082": "CONCEDE",
    "083": "CONCEDE",
    "0813": "RETREAT",
    "0814": "RETREAT",
    "084": "RETREAT",
    "085": "RETREAT",
    "086": "RETREAT",
    "087": "RETREAT",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "163": "COERCE",
    "17": "COERCE",
    "175": "ASSAULT",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "191": "COERCE",
    "192": "COERCE",
    "20": "ASSAULT",
}
HEADER = re.compile(r"^---\s+\S+\s+\[([^\]]*)\]")
VERB_CODE = re.compile(r"\[([^\]]*)\]")


def plover_type(code: str) -> str | None:
    """The PLOVER type of a CAMEO code ("0841", "042:043"), or None when it has none."""
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return None
    return next((CROSSWALK[code[:n]] for n in range(len(code), 1, -1) if code[:n] in CROSSWALK), None)


def default_verbs(text: str) -> dict[str, set[str]]:
    """PLOVER type -> the single-word verbs whose default code (their own, or their block's) maps to it."""
    found: dict[str, set[str]] = {}
    block_code = None
    in_verbs = False
    for line in text.splitlines():
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        header = HEADER.match(line)
        if header:
            block_code = header.group(1)
            continue
        line = line.split("#", 1)[0].strip()
        if not in_verbs or block_code is None or not line or line[0] in "-+&":
            continue
        own_code = VERB_CODE.search(line)
        verb = line.split("{", 1)[0].split("[", 1)[0].strip().strip("_").lower()
        event_type = plover_type(own_code.group(1) if own_code else block_code)
        if event_type and verb.isalpha():
            found.setdefault(event_type, set()).add(verb)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionary", type=Path, help="CAMEO.2.0.txt of openeventdata/petrarch2")
    args = parser.parse_args(argv)
    listed = {lemma for lemma, _ in load_lexicon().triggers}
    for event_type, verbs in sorted(default_verbs(args.dictionary.read_text(encoding="utf-8")).items()):
        missing = sorted(verbs - listed)
        print(f"{event_type} ({len(missing)}): {' '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
