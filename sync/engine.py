"""The sync scheduler: outbox state machine, batching, backoff, pause and wake-up.

It runs on one background thread, reports through plain callbacks and stops on a threading.Event.
No Qt, no `kader_app` (the app adapts its outbox to `OutboxStore`), no logging of health data.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Literal, Protocol

from sync.client import (
    AuthError,
    CaptivePortalError,
    NetworkError,
    PayloadTooLargeError,
    ProtocolMismatchError,
    ServerError,
    SyncClient,
    SyncError,
)
from sync.protocol import (
    PROTOCOL_VERSION,
    AuditLink,
    ItemResult,
    PulledEstimate,
    PullResponse,
    PushItem,
    PushRequest,
    ReconcileDay,
    ReconcileRequest,
    ServerMark,
)

log = logging.getLogger(__name__)

MIN_BATCH = 10
MAX_BATCH = 500
START_BATCH = 100
# A batch answered faster than this on a full batch means the link can take a bigger one.
FAST_BATCH_SECONDS = 2.0
SKEW_WARNING_SECONDS = 600.0
# An attempt that failed on this laptop (disk full, a bug), not on the way to the server.
LOCAL_FAULT = "local_fault"
LOCAL_FAULT_MESSAGE = "Sinkronisasi terganggu; data tetap aman dan akan dicoba lagi."
BACKOFF_BASE_SECONDS = 30.0
BACKOFF_CAP_SECONDS = 1800.0
# Honour a server's Retry-After, but not one that would silence sync for days.
RETRY_AFTER_CAP_SECONDS = 6 * 3600.0
IDLE_INTERVAL_SECONDS = 900.0
RECONCILE_INTERVAL_SECONDS = 24 * 3600.0
# Reconcile also after this many acknowledged batches, whatever the clock says: a server that
# silently lost entries is found within a working day of sending.
RECONCILE_EVERY_BATCHES = 20
# A server too busy to take a batch now (its own 503 "busy", asking for at most this long) is
# waited for inside the attempt, and the batch sent again (smaller), this many times in a row at
# most; a longer wait, or more, goes to the scheduler's backoff as any other failure.
BUSY_WAIT_CAP_SECONDS = 30.0
BUSY_RETRIES = 8
PULL_LIMIT = 1000
AUDIT_LINKS_PER_BATCH = 500


@dataclass(frozen=True)
class OutboxEntry:
    """One change waiting to be sent: the record's id and version are the idempotency key."""

    id: str
    type: Literal["person", "visit"]
    version: int
    base_version: int | None
    content_hash: str
    recorded_at: datetime
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class DayDigest:
    """Acknowledged versions of one day (UTC date of `recorded_at`).

    `digest` is `sync.protocol.day_digest` of their (id, content_hash); `lines` are the
    `id:content_hash` lines, sent only when the server asks for that day.
    """

    day: date
    count: int
    digest: str
    lines: tuple[str, ...] = ()


class OutboxStore(Protocol):
    """What the engine needs from the app's local outbox. Every method is one short transaction."""

    def claim_batch(self, limit: int) -> list[OutboxEntry]:
        """Mark up to `limit` pending entries in flight (oldest first) and return them."""
        ...

    def apply_results(
        self, results: Sequence[ItemResult], *, sent_hashes: Mapping[tuple[str, int], str]
    ) -> None:
        """Record the server's answers.

        accepted/duplicate ack a row only when its current hash equals the sent hash (a late ack
        for old content leaves newer content pending); rejected/conflict keep the row visible and
        out of the send queue with the code and message.
        """
        ...

    def release_in_flight(self) -> int:
        """Put every in-flight entry back to pending (after a failure, or at start)."""
        ...

    def store_pulled(
        self, people: Sequence[Mapping[str, Any]], followups: Sequence[Mapping[str, Any]]
    ) -> int:
        """Upsert pulled rows; never overwrite a local row that has unsent changes."""
        ...

    def store_estimates(self, estimates: Sequence[PulledEstimate]) -> None:
        """Replace the Posyandu's sasaran estimates with the server's whole current set."""
        ...

    @property
    def cursor(self) -> str | None: ...

    def set_cursor(self, cursor: str | None) -> None: ...

    def acked_digests_by_day(self) -> list[DayDigest]: ...

    def requeue(self, ids: Sequence[str]) -> int:
        """Make acknowledged entries with these record ids pending again (server lost them)."""
        ...

    def pending_count(self) -> int:
        """Entries still to send: pending plus in flight."""
        ...

    def oldest_unsent_at(self) -> datetime | None: ...

    def server_mark(self) -> ServerMark | None:
        """The server database this device last saw, and the highest sequence it saw there."""
        ...

    def set_server_mark(self, mark: ServerMark) -> None: ...

    def audit_links(self, limit: int) -> list[AuditLink]:
        """The audit chain after what the server acknowledged, oldest first."""
        ...

    def audit_acked(self, seq: int) -> None:
        """The server holds the chain up to ``seq``."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware UTC wall-clock time."""
        ...

    def monotonic(self) -> float: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class Backoff:
    """Exponential backoff with full jitter between 30 s and 30 min; honours Retry-After."""

    def __init__(
        self,
        *,
        rng: random.Random,
        base: float = BACKOFF_BASE_SECONDS,
        cap: float = BACKOFF_CAP_SECONDS,
    ) -> None:
        self._rng = rng
        self.base = base
        self.cap = cap
        self.failures = 0

    def next_delay(self, *, retry_after: float | None = None) -> float:
        ceiling = min(self.cap, self.base * 2.0 ** (self.failures + 1))
        self.failures += 1
        delay = self._rng.uniform(self.base, ceiling)
        if retry_after is not None:
            delay = max(delay, min(retry_after, RETRY_AFTER_CAP_SECONDS))
        return delay

    def reset(self) -> None:
        self.failures = 0


class EngineState(StrEnum):
    IDLE = "idle"
    SYNCING = "syncing"
    WAITING = "waiting"  # backing off after a failure
    PAUSED_AUTH = "paused_auth"
    CAPTIVE_PORTAL = "captive_portal"
    UPGRADE_NEEDED = "upgrade_needed"
    STOPPED = "stopped"


@dataclass(frozen=True)
class RejectedItem:
    id: str
    version: int
    status: str
    code: str | None
    message: str | None


@dataclass(frozen=True)
class SyncSummary:
    """What one `run_once` did; safe to show (ids and counts only, no health data)."""

    acked: int = 0
    duplicates: int = 0
    rejected: tuple[RejectedItem, ...] = ()
    batches: int = 0
    pulled_people: int = 0
    pulled_followups: int = 0
    requeued: int = 0
    reconciled: bool = False
    pending: int = 0
    oldest_unsent_at: datetime | None = None
    skew_seconds: float | None = None
    skew_warning: bool = False


@dataclass(frozen=True)
class EngineStatus:
    """A snapshot for the GUI; `message` is in Bahasa Indonesia, `problem` the failure's code."""

    state: EngineState
    message: str = ""
    # The `SyncError.code` (or LOCAL_FAULT) of the last failed attempt; empty when none.
    problem: str = ""
    next_attempt_in: float | None = None
    batch_size: int = START_BATCH
    skew_seconds: float | None = None
    skew_warning: bool = False
    last_summary: SyncSummary | None = None
    last_success_at: datetime | None = None
    pending: int = 0
    oldest_unsent_at: datetime | None = None


@dataclass
class _PushTally:
    acked: int = 0
    duplicates: int = 0
    rejected: list[RejectedItem] = field(default_factory=list)
    batches: int = 0


def batch_id_for(*, device_id: str, items: Sequence[PushItem]) -> str:
    """A batch id derived from its content, so resending the same items replays the same batch."""
    h = hashlib.sha256(device_id.encode())
    for item in items:
        h.update(f"\n{item.id}:{item.version}:{item.content_hash}".encode())
    return str(uuid.UUID(bytes=h.digest()[:16], version=4))


class SyncEngine:
    """Pushes the outbox, pulls the area, reconciles now and then, and decides when to retry.

    `run_once` and `run_forever` run on the network lane (a worker thread); `wake`, `reenrolled`
    and `status` are safe from any thread. Callbacks are called on the worker thread.
    """

    def __init__(
        self,
        store: OutboxStore,
        client: SyncClient,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        progress: Callable[[int, int], None] | None = None,
        stop: threading.Event | None = None,
        on_status: Callable[[EngineStatus], None] | None = None,
        idle_interval: float = IDLE_INTERVAL_SECONDS,
        reconcile_interval: float = RECONCILE_INTERVAL_SECONDS,
    ) -> None:
        self.store = store
        self.client = client
        self.clock: Clock = clock or SystemClock()
        self.rng = rng or random.Random()
        self.progress = progress or (lambda _sent, _total: None)
        self.stop = stop or threading.Event()
        self.on_status = on_status
        self.idle_interval = idle_interval
        self.reconcile_interval = reconcile_interval
        self.backoff = Backoff(rng=self.rng)
        self.batch_size = START_BATCH
        self._wake = threading.Event()
        self._reset_requested = False
        self._lock = threading.Lock()
        self._status = EngineStatus(state=EngineState.IDLE)
        self._last_reconcile: float | None = None
        self._reconcile_now = False
        self._batches_since_reconcile = 0
        self._paused_for: EngineState | None = None
        self._busy_in_a_row = 0

    def status(self) -> EngineStatus:
        with self._lock:
            return self._status

    def wake(self, *, reset_backoff: bool = False) -> None:
        """Sync soon: after a save, on network change or "Kirim sekarang" (reset_backoff=True)."""
        with self._lock:
            self._reset_requested = self._reset_requested or reset_backoff
        self._wake.set()

    def reenrolled(self) -> None:
        """The device has fresh credentials: lift a 401 pause and sync now."""
        with self._lock:
            if self._paused_for is EngineState.PAUSED_AUTH:
                self._paused_for = None
        self.wake(reset_backoff=True)

    @property
    def paused(self) -> bool:
        with self._lock:
            return self._paused_for is not None

    def run_once(self, *, reconcile: bool | None = None) -> SyncSummary:
        """Push until the outbox is empty, pull the area, and reconcile when due.

        Raises the client's `SyncError`s; in-flight entries are released before it does.
        """
        self._set_status(state=EngineState.SYNCING, message="Mengirim data…")
        self._busy_in_a_row = 0
        tally = _PushTally()
        skew: float | None = None
        try:
            skew = self._push_all(tally)
            pulled_people, pulled_followups, pull_skew = self._pull_all()
            skew = pull_skew if pull_skew is not None else skew
            due = reconcile
            if due is None:
                now = self.clock.monotonic()
                due = (
                    self._reconcile_now
                    or self._batches_since_reconcile >= RECONCILE_EVERY_BATCHES
                    or self._last_reconcile is None
                    or now - self._last_reconcile >= self.reconcile_interval
                )
            requeued = 0
            if due:
                requeued = self._reconcile()
                self._last_reconcile = self.clock.monotonic()
                self._reconcile_now = False
                self._batches_since_reconcile = 0
                if requeued:
                    skew = self._push_all(tally) or skew
        except BaseException:
            # Whatever went wrong, nothing stays stuck in flight: it is sent again later.
            self.store.release_in_flight()
            raise
        summary = SyncSummary(
            acked=tally.acked,
            duplicates=tally.duplicates,
            rejected=tuple(tally.rejected),
            batches=tally.batches,
            pulled_people=pulled_people,
            pulled_followups=pulled_followups,
            requeued=requeued,
            reconciled=bool(due),
            pending=self.store.pending_count(),
            oldest_unsent_at=self.store.oldest_unsent_at(),
            skew_seconds=skew,
            skew_warning=skew is not None and abs(skew) > SKEW_WARNING_SECONDS,
        )
        self._set_status(
            state=EngineState.IDLE,
            message=_summary_message(summary),
            last_summary=summary,
            last_success_at=self.clock.now(),
            skew_seconds=summary.skew_seconds,
            skew_warning=summary.skew_warning,
        )
        return summary

    def network_changed(self) -> None:
        """The OS reports a new connection: try now, with a fresh backoff."""
        self.wake(reset_backoff=True)

    def recover(self) -> int:
        """At app start: entries left in flight by a crash go back to pending. Returns how many."""
        return self.store.release_in_flight()

    def run_forever(self) -> None:
        """Sync at start, on `wake()` and on a timer until `stop` is set; back off on errors."""
        self.recover()
        while not self.stop.is_set():
            self._wait(None if self.paused else self._attempt())
        self._set_status(state=EngineState.STOPPED, message="Sinkronisasi berhenti.")

    def _attempt(self) -> float | None:
        """One sync attempt; returns how long to wait before the next (None: until woken)."""
        try:
            self.run_once()
        except AuthError as exc:
            with self._lock:
                self._paused_for = EngineState.PAUSED_AUTH
            self._set_status(
                state=EngineState.PAUSED_AUTH, message=exc.user_message, problem=exc.code
            )
            return None
        except ProtocolMismatchError as exc:
            with self._lock:
                self._paused_for = EngineState.UPGRADE_NEEDED
            self._set_status(
                state=EngineState.UPGRADE_NEEDED, message=exc.user_message, problem=exc.code
            )
            return None
        except CaptivePortalError as exc:
            delay = self.backoff.next_delay()
            self._set_status(
                state=EngineState.CAPTIVE_PORTAL,
                message=exc.user_message,
                problem=exc.code,
                next_attempt_in=delay,
            )
            return delay
        except SyncError as exc:
            retry_after = exc.retry_after if isinstance(exc, ServerError) else None
            delay = self.backoff.next_delay(retry_after=retry_after)
            log.info("sync attempt failed (%s); next in %.0f s", type(exc).__name__, delay)
            self._set_status(
                state=EngineState.WAITING,
                message=exc.user_message,
                problem=exc.code,
                next_attempt_in=delay,
            )
            return delay
        except Exception as exc:
            # A local fault (disk full, a bug) must not end sync for good. Only the type is
            # logged: messages of storage errors can quote values.
            delay = self.backoff.next_delay()
            log.error("sync attempt crashed (%s); next in %.0f s", type(exc).__name__, delay)
            self._set_status(
                state=EngineState.WAITING,
                message=LOCAL_FAULT_MESSAGE,
                problem=LOCAL_FAULT,
                next_attempt_in=delay,
            )
            return delay
        self.backoff.reset()
        return self.idle_interval

    def _wait(self, delay: float | None) -> None:
        # Slices keep the loop responsive to `stop` being set without a matching wake().
        deadline = None if delay is None else time.monotonic() + delay
        while not self.stop.is_set():
            remaining = 1.0 if deadline is None else min(1.0, deadline - time.monotonic())
            if remaining <= 0:
                break
            if self._wake.wait(remaining):
                self._wake.clear()
                with self._lock:
                    reset, self._reset_requested = self._reset_requested, False
                if reset:
                    self.backoff.reset()
                if not self.paused:
                    break

    def _push_all(self, tally: _PushTally) -> float | None:
        skew: float | None = None
        sent = 0
        self.progress(0, self.store.pending_count())
        while not self.stop.is_set():
            entries = self.store.claim_batch(self.batch_size)
            if not entries:
                break
            request = self._build_request(entries)
            sent_hashes = {(e.id, e.version): e.content_hash for e in entries}
            started = self.clock.monotonic()
            try:
                answer = self.client.push(request)
            except PayloadTooLargeError:
                self.store.release_in_flight()
                if self.batch_size <= MIN_BATCH:
                    raise
                self._shrink_batch(len(entries))
                continue
            except NetworkError as exc:
                self.store.release_in_flight()
                if exc.timeout:
                    self._shrink_batch(len(entries))
                raise
            except ServerError as exc:
                self.store.release_in_flight()
                if not self._wait_if_busy(exc):
                    raise
                # Smaller batches hold the server's writer queue for less time each.
                self._shrink_batch(len(entries))
                continue
            self._busy_in_a_row = 0
            elapsed = self.clock.monotonic() - started
            skew = self._skew(answer.server_time)
            self._observe(answer.server)
            self.store.apply_results(answer.results, sent_hashes=sent_hashes)
            if answer.audit_seq is not None:
                self.store.audit_acked(answer.audit_seq)
            self._batches_since_reconcile += 1
            # Items the server did not answer go back to pending for the next batch.
            self.store.release_in_flight()
            tally.batches += 1
            answered = 0
            for result in answer.results:
                if result.status == "accepted":
                    tally.acked += 1
                    answered += 1
                elif result.status == "duplicate":
                    tally.acked += 1
                    tally.duplicates += 1
                    answered += 1
                else:
                    answered += 1
                    tally.rejected.append(
                        RejectedItem(
                            id=result.id,
                            version=result.version,
                            status=result.status,
                            code=result.code,
                            message=result.message,
                        )
                    )
            if answered == 0:
                raise ServerError("push answered none of the items", status=200)
            sent += answered
            if len(entries) >= self.batch_size and elapsed < FAST_BATCH_SECONDS:
                self.batch_size = min(MAX_BATCH, self.batch_size * 2)
            self.progress(sent, sent + self.store.pending_count())
        return skew

    def _wait_if_busy(self, exc: ServerError) -> bool:
        """A server that says "busy, again in a few seconds": wait that long here, then resend.

        False (the caller raises) for any other failure, a long Retry-After, too many busy
        answers in a row, or when sync is being stopped during the wait.
        """
        if not exc.busy or exc.retry_after is None:
            return False
        if exc.retry_after > BUSY_WAIT_CAP_SECONDS or self._busy_in_a_row >= BUSY_RETRIES:
            return False
        self._busy_in_a_row += 1
        # Jitter: laptops told to wait the same time do not all come back at once.
        delay = max(exc.retry_after, 0.1) * self.rng.uniform(1.0, 1.5)
        log.info("server busy; sending again in %.1f s", delay)
        return not self.stop.wait(delay)

    def _observe(self, mark: ServerMark | None) -> None:
        """Note which server database answered; a restored or replaced one means reconcile now."""
        if mark is None:
            return
        seen = self.store.server_mark()
        if seen is not None and (
            seen.database_id != mark.database_id or mark.sequence < seen.sequence
        ):
            log.info("the server's database changed or went back; reconciling")
            self._reconcile_now = True
        if seen is None or seen.database_id != mark.database_id or mark.sequence != seen.sequence:
            self.store.set_server_mark(mark)

    def _shrink_batch(self, sent_size: int) -> None:
        self.batch_size = max(MIN_BATCH, min(self.batch_size, sent_size) // 2)

    def _build_request(self, entries: Sequence[OutboxEntry]) -> PushRequest:
        items = [
            PushItem(
                id=e.id,
                type=e.type,
                version=e.version,
                base_version=e.base_version,
                content_hash=e.content_hash,
                recorded_at=e.recorded_at,
                payload=dict(e.payload),
            )
            for e in entries
        ]
        device_id = self.client.device_id or ""
        return PushRequest(
            batch_id=batch_id_for(device_id=device_id, items=items),
            device_id=device_id,
            app_version=self.client.app_version,
            protocol_version=PROTOCOL_VERSION,
            client_time=self.clock.now(),
            items=items,
            pending_count=self.store.pending_count(),
            audit=self.store.audit_links(AUDIT_LINKS_PER_BATCH),
        )

    def _pull_all(self) -> tuple[int, int, float | None]:
        people = followups = 0
        skew: float | None = None
        restarted = False
        cursor = self.store.cursor
        # While a page is stored, the next one is already asked for (a first sync is a few dozen
        # pages: the server and the network work while the laptop writes). A page is still
        # stored, and its cursor saved, strictly in order, before the next one is looked at.
        ahead: Future[PullResponse] | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull-ahead") as pool:
            try:
                while not self.stop.is_set():
                    asked, ahead = ahead, None
                    try:
                        answer = (
                            asked.result()
                            if asked is not None
                            else self.client.pull(cursor, limit=PULL_LIMIT)
                        )
                    except ServerError as exc:
                        # A busy server: wait, then ask for the same page again.
                        if not self._wait_if_busy(exc):
                            raise
                        continue
                    self._busy_in_a_row = 0
                    skew = self._skew(answer.server_time)
                    self._observe(answer.server)
                    if answer.must_resync:
                        if restarted:
                            raise ServerError("server asked to resync twice in a row", status=200)
                        restarted = True
                        cursor = None
                        self.store.set_cursor(None)
                        continue
                    if answer.has_more and not self.stop.is_set():
                        ahead = pool.submit(self.client.pull, answer.cursor, limit=PULL_LIMIT)
                    self.store.store_pulled(answer.people, answer.followups)
                    if answer.estimates is not None:
                        self.store.store_estimates(answer.estimates)
                    people += len(answer.people)
                    followups += len(answer.followups)
                    cursor = answer.cursor
                    self.store.set_cursor(cursor)
                    if not answer.has_more:
                        break
            finally:
                if ahead is not None:
                    # Stopped or failed: a page asked for ahead is never stored.
                    ahead.cancel()
        return people, followups, skew

    def _reconcile(self) -> int:
        days = self.store.acked_digests_by_day()
        if not days:
            return 0
        device_id = self.client.device_id or ""
        request = ReconcileRequest(
            device_id=device_id,
            days=[ReconcileDay(day=d.day, count=d.count, digest=d.digest) for d in days],
        )
        answer = self.client.reconcile(request)
        missing_ids = list(answer.missing_ids)
        if answer.missing_days and not missing_ids:
            wanted = set(answer.missing_days)
            detailed = [
                ReconcileDay(day=d.day, count=d.count, digest=d.digest, ids=list(d.lines))
                for d in days
                if d.day in wanted
            ]
            answer = self.client.reconcile(request.model_copy(update={"days": detailed}))
            missing_ids = list(answer.missing_ids)
        return self.store.requeue(missing_ids) if missing_ids else 0

    def _skew(self, server_time: datetime) -> float:
        if server_time.tzinfo is None:
            server_time = server_time.replace(tzinfo=UTC)
        return (self.clock.now() - server_time).total_seconds()

    def _set_status(self, **changes: Any) -> None:
        # Read here, on the worker thread, so the GUI never waits on the outbox for the age.
        changes.setdefault("pending", self.store.pending_count())
        changes.setdefault("oldest_unsent_at", self.store.oldest_unsent_at())
        with self._lock:
            base = EngineStatus(
                state=changes.pop("state"),
                batch_size=self.batch_size,
                skew_seconds=self._status.skew_seconds,
                skew_warning=self._status.skew_warning,
                last_summary=self._status.last_summary,
                last_success_at=self._status.last_success_at,
            )
            self._status = replace(base, **changes)
            status = self._status
        if self.on_status is not None:
            self.on_status(status)


def _summary_message(summary: SyncSummary) -> str:
    parts = [f"{summary.acked} data terkirim"]
    if summary.rejected:
        parts.append(f"{len(summary.rejected)} ditolak server (lihat daftar)")
    if summary.pending:
        parts.append(f"{summary.pending} belum terkirim")
    if summary.skew_warning:
        parts.append("jam laptop berbeda lebih dari 10 menit dengan server")
    return "; ".join(parts) + "."
