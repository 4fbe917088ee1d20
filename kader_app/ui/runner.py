"""The one background runner: a single-worker database lane and a separate network lane.

Work submitted here runs on a worker thread and must never touch a widget; its result or error
comes back to the GUI thread by a queued signal. Nothing else in the app starts threads.
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class Lane(StrEnum):
    """Where a task runs: the database lane keeps writes in order, one at a time."""

    DB = "db"
    NETWORK = "network"


@dataclass(slots=True)
class _Pending:
    on_done: ResultCallback | None
    on_error: ErrorCallback | None


@dataclass(frozen=True, slots=True)
class _Outcome:
    ok: bool
    payload: Any


class _Task(QRunnable):
    """Runs one callable on a pool thread and hands the outcome to the runner's signal.

    A plain runnable, not a QObject: it only ever emits through the runner, whose signal is
    connected with a queued connection, so callbacks always run on the GUI thread.
    """

    def __init__(self, *, task_id: int, fn: Callable[[], Any], runner: Runner) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task_id = task_id
        self._fn = fn
        self._runner = runner

    def run(self) -> None:
        """Worker thread: calls the task function; never touches a widget."""
        self._runner.thread_names[self._task_id] = threading.current_thread().name
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the GUI thread
            self._runner._finished_any.emit(self._task_id, _Outcome(ok=False, payload=exc))
        else:
            self._runner._finished_any.emit(self._task_id, _Outcome(ok=True, payload=result))


class Runner(QObject):
    """Runs callables off the GUI thread and delivers results back on it.

    ``submit`` returns a task id; ``task_finished(task_id)`` is emitted on the GUI thread after
    the task's callback ran (tests wait on it). ``progress_reported(key, done, total)`` carries
    progress of long tasks; workers report it through ``report_progress``, which is thread-safe.
    """

    task_finished = Signal(int)
    progress_reported = Signal(str, int, int)
    # One object argument only: PySide6 mis-counts references of bools sent across threads.
    _finished_any = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)
        self._net_pool = QThreadPool(self)
        self._net_pool.setMaxThreadCount(2)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        # Which worker thread ran each task: lets tests prove saves never run on the GUI thread.
        self.thread_names: dict[int, str] = {}
        self._finished_any.connect(self._on_finished_any, Qt.ConnectionType.QueuedConnection)

    def submit(
        self,
        fn: Callable[[], Any],
        *,
        on_done: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        lane: Lane = Lane.DB,
    ) -> int:
        """Queue ``fn`` (which runs on a worker thread and must not touch widgets).

        ``on_done(result)`` or ``on_error(exception)`` then run on the GUI thread. A task with
        no ``on_error`` sends its exception to ``sys.excepthook`` (the friendly error dialog).
        """
        task_id = next(self._ids)
        self._pending[task_id] = _Pending(on_done=on_done, on_error=on_error)
        pool = self._db_pool if lane is Lane.DB else self._net_pool
        pool.start(_Task(task_id=task_id, fn=fn, runner=self))
        return task_id

    def report_progress(self, key: str, done: int, total: int) -> None:
        """Thread-safe: may be called from a worker; the signal is delivered on the GUI thread."""
        self.progress_reported.emit(key, done, total)

    def is_busy(self) -> bool:
        return bool(self._pending)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until both lanes are empty (used at shutdown so no write is cut off)."""
        ok_db = self._db_pool.waitForDone(timeout_ms)
        ok_net = self._net_pool.waitForDone(timeout_ms)
        return ok_db and ok_net

    @Slot(int, object)
    def _on_finished_any(self, task_id: int, outcome: _Outcome) -> None:
        pending = self._pending.pop(task_id, None)
        ok, payload = outcome.ok, outcome.payload
        try:
            if pending is None:
                return
            if ok:
                if pending.on_done is not None:
                    pending.on_done(payload)
            else:
                assert isinstance(payload, BaseException)
                if pending.on_error is not None:
                    pending.on_error(payload)
                else:
                    sys.excepthook(type(payload), payload, payload.__traceback__)
        finally:
            self.task_finished.emit(task_id)
