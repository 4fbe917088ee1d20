"""``SyncController``: runs the sync engine on the runner's network lane and reports by signal.

A thin Qt adapter: it never touches the database or the network on the GUI thread, and recording
never waits on it. The engine's callbacks run on the worker; they only emit queued signals.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QNetworkInformation

from kader_app.core.models import Change
from kader_app.core.register import Register
from kader_app.core.sync_state import ProblemEntry
from kader_app.settings import AppSettings
from kader_app.ui import operations
from kader_app.ui.labels import sync_failure_text
from kader_app.ui.runner import Lane, Runner

if TYPE_CHECKING:
    # The sync stack (requests, client, engine) loads only once this laptop is enrolled or
    # enrolment starts: an unenrolled laptop starts faster and smaller without it.
    from kader_app.sync_link import Enrollment, SyncSetup
    from sync.engine import EngineState, EngineStatus

log = logging.getLogger(__name__)

SyncFactory: TypeAlias = "Callable[..., SyncSetup | None]"


def build_sync_when_enrolled(register: Register, **options: Any) -> SyncSetup | None:
    """``kader_app.sync_link.build_sync``, imported only when there are credentials to use."""
    if not register.sync.is_enrolled():
        return None
    from kader_app.sync_link import build_sync

    return build_sync(register, **options)


def _stored_enrollment(register: Register) -> Enrollment | None:
    """``kader_app.sync_link.stored_enrollment``; an unenrolled laptop skips the sync stack."""
    if not register.sync.is_enrolled():
        return None
    from kader_app.sync_link import stored_enrollment

    return stored_enrollment(register)


@dataclass(frozen=True, slots=True)
class SyncSnapshot:
    """Everything the sync panel shows, read on the worker thread."""

    enrollment: Enrollment | None
    status: EngineStatus | None
    pending: int
    oldest_unsent_at: datetime | None
    last_success_at: datetime | None
    problems: tuple[ProblemEntry, ...] = ()

    @property
    def enrolled(self) -> bool:
        return self.enrollment is not None

    @property
    def state(self) -> EngineState | None:
        return None if self.status is None else self.status.state


@dataclass(frozen=True, slots=True)
class EnrollFailure:
    """An enrolment the server refused; ``message`` is for the kader, in their language."""

    message: str


class SyncController(QObject):
    """Owns the one engine of this laptop.

    Signals (all on the GUI thread): ``status_changed(SyncSnapshot)`` on every engine status,
    ``sync_finished(SyncSnapshot)`` after each attempt (success or not), ``progress_changed``
    with ``(sent, total)``, ``enrollment_finished(Enrollment | EnrollFailure)``.
    """

    status_changed = Signal(object)
    sync_finished = Signal(object)
    progress_changed = Signal(object)
    enrollment_finished = Signal(object)

    def __init__(
        self,
        *,
        register: Register,
        runner: Runner,
        settings: AppSettings,
        factory: SyncFactory = build_sync_when_enrolled,
        factory_options: dict[str, Any] | None = None,
        watch_network: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._register = register
        self._runner = runner
        self._settings = settings
        self._factory = factory
        self._factory_options = dict(factory_options or {})
        self._lock = threading.Lock()
        self._setup: SyncSetup | None = None
        self._stop: threading.Event | None = None
        self._running = False
        self._restart = False
        self._closed = False
        self.last_snapshot: SyncSnapshot | None = None
        self._network: QNetworkInformation | None = None
        if watch_network:
            self._watch_network()

    def _watch_network(self) -> None:
        # Optional: with no backend (or none that loads) sync still wakes on its timer and saves.
        try:
            loaded = QNetworkInformation.loadDefaultBackend()
        except Exception:  # noqa: BLE001 - a platform quirk must not stop the app
            loaded = False
        info = QNetworkInformation.instance() if loaded else None
        if info is not None:
            self._network = info
            info.reachabilityChanged.connect(self.on_reachability_changed)

    def on_reachability_changed(self, reachability: QNetworkInformation.Reachability) -> None:
        if reachability in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Site,
            QNetworkInformation.Reachability.Local,
        ):
            self.network_changed()

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Start the engine on the network lane (syncs at once); a no-op while it runs."""
        if self._running or self._closed:
            return
        self._running = True
        stop = threading.Event()
        self._stop = stop
        self._runner.submit(
            lambda: self._run(stop),
            on_done=self._on_run_ended,
            on_error=self._on_run_failed,
            lane=Lane.NETWORK,
        )

    def _run(self, stop: threading.Event) -> None:
        """Network lane: build the engine and sync until ``stop``; never touches widgets."""
        setup = self._factory(
            self._register,
            settings=self._settings,
            progress=self._report_progress,
            on_status=self._report_status,
            stop=stop,
            **self._factory_options,
        )
        if setup is None:
            self._emit_snapshot(status=None, finished=True)
            return
        with self._lock:
            self._setup = setup
        try:
            if not stop.is_set():
                setup.engine.run_forever()
        finally:
            with self._lock:
                self._setup = None
            setup.close()

    def _on_run_ended(self, _result: object) -> None:
        self._running = False
        if self._restart and not self._closed:
            self._restart = False
            self.start()

    def _on_run_failed(self, exc: BaseException) -> None:
        # Only the type: storage errors can quote values.
        log.error("sync stopped by %s", type(exc).__name__)
        self._on_run_ended(None)

    def _report_progress(self, sent: int, total: int) -> None:
        """Worker thread: forwards the engine's progress as a queued signal."""
        self.progress_changed.emit((sent, total))

    def _report_status(self, status: EngineStatus) -> None:
        """Worker thread: persists the last success and emits a full snapshot."""
        from sync.engine import EngineState

        with self._lock:
            setup = self._setup
        succeeded = status.state is EngineState.IDLE and status.last_success_at is not None
        if setup is not None and succeeded and status.last_success_at is not None:
            setup.store.record_success(status.last_success_at)
            # A recovery key made after enrolment (the first kader profile) goes to the server.
            setup.deposit_recovery_key()
        self._emit_snapshot(status=status, finished=status.state is not EngineState.SYNCING)

    def _emit_snapshot(self, *, status: EngineStatus | None, finished: bool) -> None:
        # Through the Register, as ``RegisterOutboxStore`` reads them: no sync stack needed.
        register = self._register
        snapshot = SyncSnapshot(
            enrollment=_stored_enrollment(register),
            status=status,
            pending=register.sync.sending_count(),
            oldest_unsent_at=register.sync.counts().oldest_unsent_at,
            last_success_at=register.sync.last_success(),
            problems=tuple(register.sync.problems()),
        )
        self.last_snapshot = snapshot
        self.status_changed.emit(snapshot)
        if finished:
            self.sync_finished.emit(snapshot)

    def send_now(self) -> None:
        """The kader's "Kirim sekarang": try at once with a fresh backoff."""
        with self._lock:
            setup = self._setup
        if setup is not None:
            setup.engine.wake(reset_backoff=True)
        elif not self._running:
            self.start()

    def wake(self) -> None:
        with self._lock:
            setup = self._setup
        if setup is not None:
            setup.engine.wake()

    def on_change_applied(self, _change: Change) -> None:
        self.wake()

    def network_changed(self) -> None:
        with self._lock:
            setup = self._setup
        if setup is not None:
            setup.engine.network_changed()

    def update_settings(self, settings: AppSettings) -> None:
        """New settings: a changed CA bundle needs a new client, so the engine restarts."""
        changed = settings.ca_bundle != self._settings.ca_bundle
        self._settings = settings
        if changed:
            self.restart()

    def restart(self) -> None:
        if self._running:
            self._restart = True
            self._signal_stop()
        else:
            self.start()

    def refresh(self) -> None:
        """Re-read counts and problems on the network lane (e.g. when the panel opens)."""
        status = self.last_snapshot.status if self.last_snapshot else None

        def read() -> None:
            """Network lane: reads the outbox summary; never touches widgets."""
            self._emit_snapshot(status=status, finished=False)

        self._runner.submit(read, lane=Lane.NETWORK)

    def enroll(self, *, server_url: str, code: str, ca_bundle: str = "") -> None:
        """Enrol this laptop on the network lane; ``enrollment_finished`` tells how it went."""
        op = operations.enroll(
            register=self._register, server_url=server_url, code=code, ca_bundle=ca_bundle
        )
        self._runner.submit(
            op, on_done=self.on_enrolled, on_error=self.on_enroll_failed, lane=Lane.NETWORK
        )

    def on_enrolled(self, enrollment: Enrollment) -> None:
        self._settings = replace(self._settings, server_url=enrollment.server_url)
        # A fresh engine picks up the new credentials (and lifts any 401 pause).
        self.restart()
        self.enrollment_finished.emit(enrollment)

    def on_enroll_failed(self, error: BaseException) -> None:
        from sync.client import SyncError

        if isinstance(error, SyncError):
            message = sync_failure_text(error.code, fallback=error.user_message)
        else:
            # The settings dialog still gets its answer; the error itself goes to the log.
            message = sync_failure_text("local_fault", fallback="")
            sys.excepthook(type(error), error, error.__traceback__)
        self.enrollment_finished.emit(EnrollFailure(message=message))

    def _signal_stop(self) -> None:
        stop = self._stop
        if stop is not None:
            stop.set()
        with self._lock:
            setup = self._setup
        if setup is not None:
            setup.engine.wake()

    def stop(self) -> None:
        """App exit: the engine stops after its current request; nothing is lost."""
        self._closed = True
        self._restart = False
        self._signal_stop()
