"""The link between the Register and the sync engine: the outbox adapter, enrolment, the factory.

Qt-free (the GUI wraps it in `kader_app.ui.sync_controller`). Every method touches the database
through short transactions; nothing here logs names, NIKs, measurements or the bearer token.
"""

from __future__ import annotations

import logging
import random
import socket
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any, Literal, cast

from kader_app.core import outbox
from kader_app.core.estimates import Estimate
from kader_app.core.register import Register
from kader_app.core.sync_state import ProblemEntry, SyncCredentials
from kader_app.settings import AppSettings
from sync.client import SyncClient, SyncError
from sync.engine import Clock, DayDigest, EngineStatus, OutboxEntry, SyncEngine
from sync.protocol import AuditLink, ItemResult, PulledEstimate, ServerMark, day_digest

log = logging.getLogger(__name__)


def app_version() -> str:
    try:
        return package_version("posyandu-kader")
    except PackageNotFoundError:
        return "0"


class RegisterOutboxStore:
    """`sync.engine.OutboxStore` over the Register's encrypted database.

    The engine identifies an entry by (record id, version); the Register's outbox rows have their
    own ids, so the claimed batch remembers which row each (id, version) came from. Used from the
    engine's one worker thread; the GUI reads `problems()` through the network lane too.
    """

    def __init__(self, register: Register) -> None:
        self._sync = register.sync
        self._lock = threading.Lock()
        self._in_flight: dict[tuple[str, int], str] = {}

    def claim_batch(self, limit: int) -> list[OutboxEntry]:
        items = self._sync.claim(limit=limit)
        entries: list[OutboxEntry] = []
        with self._lock:
            for item in items:
                self._in_flight[(item.entity_id, item.version)] = item.id
                created = item.created_at
                if created.tzinfo is None:
                    created = created.replace(tzinfo=UTC)
                entries.append(
                    OutboxEntry(
                        id=item.entity_id,
                        type=cast(Literal["person", "visit"], item.type),
                        version=item.version,
                        base_version=item.base_version,
                        content_hash=item.content_hash,
                        recorded_at=created,
                        payload=item.payload,
                    )
                )
        return entries

    def apply_results(
        self, results: Sequence[ItemResult], *, sent_hashes: Mapping[tuple[str, int], str]
    ) -> None:
        settled: list[outbox.ItemResult] = []
        with self._lock:
            for result in results:
                key = (result.id, result.version)
                sent = sent_hashes.get(key)
                row_id = self._in_flight.pop(key, None)
                if sent is None or row_id is None:
                    continue
                # Keyed by the sent hash: a late ack for old content never acks newer content.
                settled.append(
                    outbox.ItemResult(
                        id=row_id,
                        content_hash=sent,
                        status=result.status,
                        code=result.code or "",
                        message=result.message or "",
                        server_version=result.server_version,
                    )
                )
        if settled:
            self._sync.settle(settled)

    def release_in_flight(self) -> int:
        with self._lock:
            self._in_flight.clear()
        return self._sync.release_in_flight()

    def store_pulled(
        self, people: Sequence[Mapping[str, Any]], followups: Sequence[Mapping[str, Any]]
    ) -> int:
        return self._sync.store_pulled(people, followups)

    def store_estimates(self, estimates: Sequence[PulledEstimate]) -> None:
        self._sync.store_estimates(Estimate(e.year, e.group, e.n) for e in estimates)

    @property
    def cursor(self) -> str | None:
        return self._sync.cursor()

    def set_cursor(self, cursor: str | None) -> None:
        self._sync.set_cursor(cursor)

    def acked_digests_by_day(self) -> list[DayDigest]:
        return [
            DayDigest(
                day=day,
                count=len(pairs),
                digest=day_digest(pairs),
                lines=tuple(sorted(f"{i}:{h}" for i, h in pairs)),
            )
            for day, pairs in sorted(self._sync.acked_pairs_by_day().items())
        ]

    def requeue(self, ids: Sequence[str]) -> int:
        return self._sync.requeue_acked(ids)

    def pending_count(self) -> int:
        """Entries sync sends on its own (pending or in flight), as the engine counts them.

        What the kader sees as "belum terkirim" is this plus `problems()`: every entry not
        acknowledged (`outbox.sync_counts`).
        """
        return self._sync.sending_count()

    def oldest_unsent_at(self) -> datetime | None:
        """When the oldest entry not yet acknowledged was recorded, refused ones included."""
        return self._sync.counts().oldest_unsent_at

    def problems(self) -> list[ProblemEntry]:
        """Entries the server refused, and those waiting behind them."""
        return self._sync.problems()

    def last_success_at(self) -> datetime | None:
        return self._sync.last_success()

    def record_success(self, when: datetime) -> None:
        self._sync.record_success(when)

    def server_mark(self) -> ServerMark | None:
        seen = self._sync.server_mark()
        return None if seen is None else ServerMark(database_id=seen[0], sequence=seen[1])

    def set_server_mark(self, mark: ServerMark) -> None:
        self._sync.set_server_mark(mark.database_id, mark.sequence)

    def audit_links(self, limit: int) -> list[AuditLink]:
        return [AuditLink.model_validate(link) for link in self._sync.audit_links(limit=limit)]

    def audit_acked(self, seq: int) -> None:
        self._sync.audit_acked(seq)


@dataclass(frozen=True, slots=True)
class Enrollment:
    """What the kader sees after enrolling: where this laptop now sends (no token)."""

    server_url: str
    device_id: str
    posyandu: str
    area: str


def enroll_device(
    register: Register,
    *,
    server_url: str,
    code: str,
    ca_bundle: str = "",
    device_name: str | None = None,
) -> Enrollment:
    """Network lane: turn a one-time code into credentials kept in the encrypted database.

    Raises `sync.client.SyncError` subclasses (with `user_message`) when the server refuses.
    """
    url = server_url.strip().rstrip("/")
    client = SyncClient(
        url, token=None, device_id=None, ca_bundle=ca_bundle or None, app_version=app_version()
    )
    recovery = register.sync.recovery_key_to_deposit()
    try:
        answer = client.enroll(
            code.strip(), device_name=device_name or _device_name(), recovery_key=recovery
        )
    finally:
        client.close()
    register.sync.save_credentials(
        SyncCredentials(
            server_url=url,
            device_id=answer.device_id,
            token=answer.token,
            posyandu=answer.posyandu,
            area=answer.area,
            box_key=answer.box_key or "",
            sign_key=answer.sign_key or "",
        ),
    )
    if recovery is not None:
        register.sync.recovery_key_deposited()
    log.info("device enrolled")
    return Enrollment(
        server_url=url, device_id=answer.device_id, posyandu=answer.posyandu, area=answer.area
    )


def _device_name() -> str:
    return (socket.gethostname() or "laptop-posyandu")[:100]


def stored_enrollment(register: Register) -> Enrollment | None:
    credentials = register.sync.credentials()
    if credentials is None:
        return None
    return Enrollment(
        server_url=credentials.server_url,
        device_id=credentials.device_id,
        posyandu=credentials.posyandu,
        area=credentials.area,
    )


@dataclass
class SyncSetup:
    """One configured sync: the adapter, the HTTP client and the engine that drives them."""

    store: RegisterOutboxStore
    client: SyncClient
    engine: SyncEngine
    register: Register

    def close(self) -> None:
        self.client.close()

    def deposit_recovery_key(self) -> bool:
        """Network lane: hand a recovery key made after enrolment to the Puskesmas, once.

        A laptop enrolled before its first kader profile deposits the key this way; while the
        server cannot be reached the key stays pending and is tried after the next good sync.
        """
        register = self.register
        key = register.sync.recovery_key_to_deposit()
        if key is None:
            return False
        try:
            self.client.deposit_recovery_key(key)
        except SyncError as error:
            log.info("recovery key not deposited yet (%s)", error.code)
            return False
        register.sync.recovery_key_deposited()
        log.info("recovery key deposited")
        return True


def build_sync(
    register: Register,
    *,
    settings: AppSettings,
    clock: Clock | None = None,
    rng: random.Random | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_status: Callable[[EngineStatus], None] | None = None,
    stop: threading.Event | None = None,
    timeout: float | tuple[float, float] | None = None,
) -> SyncSetup | None:
    """The engine for this laptop, or None while it is not enrolled.

    The server address is the one the credentials were issued by (a token is only valid there);
    the CA bundle comes from the settings. ``clock`` lets tests shift the laptop's time.
    """
    credentials = register.sync.credentials()
    if credentials is None:
        return None
    store = RegisterOutboxStore(register)
    extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
    client = SyncClient(
        credentials.server_url,
        token=credentials.token,
        device_id=credentials.device_id,
        ca_bundle=settings.ca_bundle or None,
        app_version=app_version(),
        **extra,
    )
    engine = SyncEngine(
        store, client, clock=clock, rng=rng, progress=progress, on_status=on_status, stop=stop
    )
    return SyncSetup(store=store, client=client, engine=engine, register=register)
