"""Outbox rows: written in the same transaction as each change, then claimed and settled by sync.

Qt-free and network-free: the sync engine calls these functions; nothing here sends anything.
Error texts stored here are codes from the server, never logged by this module.
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, Engine, func, insert, select, update

from kader_app.core.database import write_transaction
from kader_app.core.models import OUTBOX_TABLE, EntityType, OutboxState, SyncCounts, jsonable

OUTBOX = OUTBOX_TABLE
UNSENT_STATES = tuple(s.value for s in OutboxState if s is not OutboxState.ACKED)
BACKOFF_BASE_S = 30.0
BACKOFF_CAP_S = 30 * 60.0


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One claimed entry, ready to become a push item."""

    id: str
    seq: int
    type: str
    entity_id: str
    version: int
    base_version: int | None
    content_hash: str
    payload: dict[str, Any]
    created_at: datetime
    attempts: int


ResultStatus = Literal["accepted", "duplicate", "rejected", "conflict"]


@dataclass(frozen=True, slots=True)
class ItemResult:
    """The server's answer for one item, keyed by outbox id and the hash that was sent."""

    id: str
    content_hash: str
    status: ResultStatus
    code: str = ""
    message: str = ""
    server_version: int | None = None


def canonical_json(payload: dict[str, Any]) -> bytes:
    """The exact bytes hashed and sent: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        jsonable(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def content_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def add_entry(
    conn: Connection,
    *,
    entity_type: EntityType,
    entity_id: str,
    entity_version: int,
    row_id: str,
    person_id: str,
    payload: dict[str, Any],
    now: datetime,
) -> str:
    """Queue one change inside the caller's transaction; returns the outbox id."""
    outbox_id = str(uuid.uuid4())
    data = jsonable(payload)
    next_seq = select(func.coalesce(func.max(OUTBOX.c.seq), 0) + 1).scalar_subquery()
    conn.execute(
        insert(OUTBOX).values(
            id=outbox_id,
            seq=next_seq,
            entity_type=entity_type.value,
            entity_id=entity_id,
            entity_version=entity_version,
            base_version=entity_version - 1 if entity_version > 1 else None,
            row_id=row_id,
            person_id=person_id,
            payload=data,
            content_hash=content_hash(data),
            state=OutboxState.PENDING.value,
            attempts=0,
            created_at=now,
        )
    )
    return outbox_id


def unsent_count(conn: Connection) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(OUTBOX).where(OUTBOX.c.state.in_(UNSENT_STATES))
        ).scalar_one()
    )


def sync_counts(conn: Connection) -> SyncCounts:
    row = conn.execute(
        select(
            func.count(),
            func.min(OUTBOX.c.created_at),
            func.sum(_state_is(OutboxState.REJECTED)),
            func.sum(_state_is(OutboxState.CONFLICT)),
        ).where(OUTBOX.c.state.in_(UNSENT_STATES))
    ).one()
    oldest = row[1]
    if isinstance(oldest, str):
        # min() loses the column type, so SQLite hands back the stored text.
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return SyncCounts(
        pending=int(row[0]),
        oldest_unsent_at=oldest,
        rejected=int(row[2] or 0),
        conflict=int(row[3] or 0),
    )


def _state_is(state: OutboxState) -> Any:
    return func.iif(OUTBOX.c.state == state.value, 1, 0)


def claim_batch(
    engine: Engine, *, limit: int, batch_id: str | None = None, now: datetime | None = None
) -> tuple[str, list[OutboxItem]]:
    """Mark up to ``limit`` due entries in flight (attempts + 1) and return them in order.

    An entry is held back while an earlier entry of the same person is unsent and not part of
    this batch, so a server never sees version 2 before version 1 or a visit before its person.
    """
    now = now or datetime.now(UTC)
    batch_id = batch_id or str(uuid.uuid4())
    with write_transaction(engine) as conn:
        rows = conn.execute(
            select(OUTBOX.c.id, OUTBOX.c.person_id, OUTBOX.c.state, OUTBOX.c.next_attempt_at)
            .where(OUTBOX.c.state.in_(UNSENT_STATES))
            .order_by(OUTBOX.c.seq)
        ).all()
        held: set[str] = set()
        chosen: list[str] = []
        for outbox_id, person_id, state, next_at in rows:
            if len(chosen) >= limit:
                break
            if person_id in held:
                continue
            due = next_at is None or next_at <= now
            if state == OutboxState.PENDING.value and due:
                chosen.append(outbox_id)
            else:
                held.add(person_id)
        if not chosen:
            return batch_id, []
        conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id.in_(chosen))
            .values(
                state=OutboxState.IN_FLIGHT.value,
                attempts=OUTBOX.c.attempts + 1,
                batch_id=batch_id,
            )
        )
        claimed = conn.execute(
            select(OUTBOX).where(OUTBOX.c.id.in_(chosen)).order_by(OUTBOX.c.seq)
        ).all()
    items = [
        OutboxItem(
            id=r.id,
            seq=r.seq,
            type=r.entity_type,
            entity_id=r.entity_id,
            version=r.entity_version,
            base_version=r.base_version,
            content_hash=r.content_hash,
            payload=dict(r.payload),
            created_at=r.created_at,
            attempts=r.attempts,
        )
        for r in claimed
    ]
    return batch_id, items


def apply_results(
    engine: Engine, *, results: Iterable[ItemResult], now: datetime | None = None
) -> None:
    """Settle entries from the server's per-item answers, all in one transaction.

    An answer counts only for the row with that id AND that content hash, so a late ack for old
    content can never mark newer content as sent. A rejection blocks what depends on it: every
    later entry of the same person (rejected person) or of the same visit (rejected visit).
    """
    now = now or datetime.now(UTC)
    with write_transaction(engine) as conn:
        for result in results:
            match = (OUTBOX.c.id == result.id) & (OUTBOX.c.content_hash == result.content_hash)
            if result.status in ("accepted", "duplicate"):
                conn.execute(
                    update(OUTBOX)
                    .where(match, OUTBOX.c.state != OutboxState.ACKED.value)
                    .values(
                        state=OutboxState.ACKED.value,
                        acked_at=now,
                        last_error=None,
                        last_message=None,
                    )
                )
                continue
            state = OutboxState.REJECTED if result.status == "rejected" else OutboxState.CONFLICT
            error = result.code or result.status
            if result.status == "conflict" and result.server_version is not None:
                error = f"conflict:server_version={result.server_version}"
            changed = conn.execute(
                update(OUTBOX)
                .where(match, OUTBOX.c.state.in_(UNSENT_STATES))
                .values(
                    state=state.value,
                    last_error=error[:500],
                    last_message=(result.message or None) and result.message[:500],
                )
                .returning(
                    OUTBOX.c.seq, OUTBOX.c.entity_type, OUTBOX.c.entity_id, OUTBOX.c.person_id
                )
            ).first()
            if changed is not None:
                _block_dependants(
                    conn,
                    seq=changed[0],
                    entity_type=changed[1],
                    entity_id=changed[2],
                    person_id=changed[3],
                )


def _block_dependants(
    conn: Connection, *, seq: int, entity_type: str, entity_id: str, person_id: str
) -> None:
    later = (OUTBOX.c.seq > seq) & OUTBOX.c.state.in_(
        (OutboxState.PENDING.value, OutboxState.IN_FLIGHT.value)
    )
    if entity_type == EntityType.PERSON.value:
        scope = OUTBOX.c.person_id == person_id
    else:
        scope = (OUTBOX.c.entity_type == entity_type) & (OUTBOX.c.entity_id == entity_id)
    conn.execute(
        update(OUTBOX)
        .where(later, scope)
        .values(state=OutboxState.BLOCKED.value, last_error="blocked_by_earlier_entry")
    )


def release_batch(
    engine: Engine, *, batch_id: str, error: str, next_attempt_at: datetime | None
) -> int:
    """Put a failed batch's in-flight entries back to pending (network error, 5xx)."""
    with write_transaction(engine) as conn:
        return conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.batch_id == batch_id, OUTBOX.c.state == OutboxState.IN_FLIGHT.value)
            .values(
                state=OutboxState.PENDING.value,
                last_error=error[:500],
                next_attempt_at=next_attempt_at,
            )
        ).rowcount


def requeue_in_flight(engine: Engine) -> int:
    """At start-up: entries left in flight by a crash go back to pending (the server dedupes)."""
    with write_transaction(engine) as conn:
        return conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.state == OutboxState.IN_FLIGHT.value)
            .values(state=OutboxState.PENDING.value, next_attempt_at=None)
        ).rowcount


def retry_now(engine: Engine) -> int:
    """The user's "Kirim sekarang": every waiting pending entry becomes due at once."""
    with write_transaction(engine) as conn:
        return conn.execute(
            update(OUTBOX)
            .where(
                OUTBOX.c.state == OutboxState.PENDING.value, OUTBOX.c.next_attempt_at.isnot(None)
            )
            .values(next_attempt_at=None)
        ).rowcount


def backoff_delay(attempts: int, *, rng: random.Random | None = None) -> timedelta:
    """Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempts-1))]."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * (2 ** max(0, attempts - 1)))
    return timedelta(seconds=(rng or random.Random()).uniform(0, ceiling))
