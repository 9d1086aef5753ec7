"""Which mentions of a document report one happening: the same type, compatible actors, place and day.

A headline's "Putin agrees" and the body's "Putin agreed with Trump" are one report; so are "the Trump-Putin
call" and "Putin's call with Trump" (a two-sided type's sides in either order). Mentions join, in text order,
the first report they fit: one that leaves out an actor, a place or a day fits one that names them, but a
report once it names them takes no mention that names others (two reports a mention would both fit stay
apart). The report's index becomes the mention's `report_idx`; etl.transform.corpus keys events on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.schema import NON_EVENT_MODALITIES

# Event types done together, so "A met B" and "B met A" are one happening.
TWO_SIDED_TYPES = ("CONSULT", "COOPERATE")


@dataclass
class Report:
    """What a document's mentions of one happening have said of it so far."""

    event_type: str
    sides: set[str] = field(default_factory=set)  # both actors of a two-sided type
    actor1_id: str | None = None
    actor2_id: str | None = None
    place_id: str | None = None
    day: object = None  # the date a mention's own words give

    def fits(self, row: dict) -> bool:
        if row["event_type"] != self.event_type:
            return False
        if row["event_type"] in TWO_SIDED_TYPES:
            named = {actor for actor in (row["actor1_id"], row["actor2_id"]) if actor}
            if not (named <= self.sides or self.sides <= named):
                return False
        elif row["actor1_id"] != self.actor1_id or not _agree(row["actor2_id"], self.actor2_id):
            return False
        own_day = row["event_date"] if row["date_source"] == "text" else None
        return _agree(row["place_id"], self.place_id) and _agree(own_day, self.day)

    def add(self, row: dict) -> None:
        self.sides |= {actor for actor in (row["actor1_id"], row["actor2_id"]) if actor}
        self.actor2_id = self.actor2_id or row["actor2_id"]
        self.place_id = self.place_id or row["place_id"]
        if row["date_source"] == "text":
            self.day = self.day or row["event_date"]


def _agree(one: object, other: object) -> bool:
    """Two values that do not contradict each other: equal, or one of them unknown."""
    return one is None or other is None or one == other


def number_reports(rows: list[dict]) -> None:
    """Set each event mention's report_idx (null for a mention that makes no event), in text order."""
    reports: list[Report] = []
    for row in rows:
        if row["modality"] in NON_EVENT_MODALITIES:
            row["report_idx"] = None
            continue
        index = next((i for i, report in enumerate(reports) if report.fits(row)), None)
        if index is None:
            reports.append(Report(row["event_type"], actor1_id=row["actor1_id"]))
            index = len(reports) - 1
        reports[index].add(row)
        row["report_idx"] = index
