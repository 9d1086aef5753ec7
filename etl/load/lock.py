"""One writer per warehouse: an exclusive lock on `warehouse/.lock`, held while a run writes.

The lock is `fcntl.flock`, so the kernel drops it when the holder dies, even by SIGKILL: a killed
run never leaves the warehouse locked. Readers take no lock; they read published versions only.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from etl.errors import UsageError, WarehouseBusyError
from etl.settings import Settings

POLL_SECONDS = 0.2
# Lock files this process holds, with how many nested `writer_lock` blocks hold each.
_held: dict[Path, list[int]] = {}


@contextmanager
def writer_lock(settings: Settings) -> Iterator[None]:
    """Hold the warehouse's writer lock for the block; nested use in one process is fine."""
    path = settings.lock_path.absolute()
    if path in _held:
        _held[path][1] += 1
        try:
            yield
        finally:
            _held[path][1] -= 1
        return
    descriptor = _acquire(path, settings.lock_wait)
    _held[path] = [descriptor, 1]
    try:
        yield
    finally:
        del _held[path]
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


def _acquire(path: Path, wait: float) -> int:
    """Open and lock the lock file, waiting up to `wait` seconds; raise with the holder's pid if busy."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise UsageError(
            f"cannot write to the warehouse folder {str(path.parent)!r}: {error.strerror}; pass --warehouse DIR or set ETL_WAREHOUSE"
        ) from error
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip() or "unknown process"
                os.close(descriptor)
                raise WarehouseBusyError(
                    f"another etl run ({holder}) is writing to the warehouse {str(path.parent)!r}: wait for it to finish, "
                    "or set ETL_LOCK_WAIT=SECONDS to wait for it; reading the warehouse meanwhile is safe"
                ) from None
            time.sleep(POLL_SECONDS)
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n".encode(), 0)
    return descriptor
