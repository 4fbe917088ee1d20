"""The SQLite writer queue: first come, first served, with a time limit that ends in "busy".

A writer that cannot have the database within `write_wait_seconds()` gets `WriterBusyError`,
which the app answers with 503 and a short Retry-After: the laptop waits and sends again, well
before its own read timeout, instead of the request hanging on or failing with a 500.
No queries and no web code here.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import deque
from pathlib import Path

WRITE_WAIT_ENV = "PUSKESMAS_WRITE_WAIT_S"
# Well under the laptops' read timeout (60 s): waiting, checking and writing a batch all fit.
DEFAULT_WRITE_WAIT_S = 20.0
# What a busy answer asks the laptop to wait before sending again.
BUSY_RETRY_AFTER_S = 3


class WriterBusyError(sqlite3.OperationalError):
    """Another writer held the database longer than this writer may wait: answer "busy"."""


def write_wait_seconds() -> float:
    """How long a writer waits for the database: `PUSKESMAS_WRITE_WAIT_S`, else 20 s."""
    raw = os.environ.get(WRITE_WAIT_ENV, "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_WRITE_WAIT_S
    return value if 0 < value <= 600 else DEFAULT_WRITE_WAIT_S


class FairLock:
    """A lock handed over in arrival order; `acquire` gives up after its timeout.

    `threading.Lock` lets a newcomer overtake threads that have waited long, so under many
    writers some waited past any limit while others went twice. Here a releasing holder hands
    the lock straight to the oldest waiter.
    """

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held = False
        self._waiters: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._guard:
            if not self._held and not self._waiters:
                self._held = True
                return True
            turn = threading.Event()
            self._waiters.append(turn)
        if turn.wait(timeout):
            return True
        with self._guard:
            if turn.is_set():
                # Handed over between the timeout and here: it is ours after all.
                return True
            self._waiters.remove(turn)
            return False

    def release(self) -> None:
        with self._guard:
            if self._waiters:
                # Still held: ownership passes to the oldest waiter.
                self._waiters.popleft().set()
            else:
                self._held = False

    def waiting(self) -> int:
        with self._guard:
            return len(self._waiters)


def deadline_after(seconds: float) -> float:
    return time.monotonic() + seconds


def remaining_ms(deadline: float) -> int:
    """Milliseconds left until ``deadline`` (at least 1: SQLite's busy handler then still tries)."""
    return max(1, int((deadline - time.monotonic()) * 1000))


_file_locks: dict[str, FairLock] = {}
_file_locks_guard = threading.Lock()


def file_lock_for(database: str) -> FairLock:
    """One writer lock per database file, shared by every engine of this process on that file."""
    key = database if database in ("", ":memory:") else str(Path(database).resolve())
    with _file_locks_guard:
        return _file_locks.setdefault(key, FairLock())
