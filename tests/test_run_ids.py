"""Run ids: unique, and sorted by the time they were made, even within one second."""

from __future__ import annotations

import re
import threading

from etl.pipeline import new_run_id


def test_ids_made_back_to_back_sort_in_creation_order_and_are_unique():
    ids = [new_run_id() for _ in range(1000)]
    assert sorted(ids) == ids
    assert len(set(ids)) == len(ids)


def test_an_id_starts_with_its_utc_time_to_the_microsecond():
    assert re.fullmatch(r"\d{8}T\d{6}\.\d{6}Z-[0-9a-f]{8}", new_run_id())


def test_ids_made_by_several_threads_at_once_are_unique_and_each_threads_sort():
    made: dict[int, list[str]] = {}

    def make(n: int) -> None:
        made[n] = [new_run_id() for _ in range(300)]

    threads = [threading.Thread(target=make, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(sorted(ids) == ids for ids in made.values())
    everything = [run_id for ids in made.values() for run_id in ids]
    assert len(set(everything)) == len(everything) == 1200
