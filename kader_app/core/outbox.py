"""Outbox rows: written in the same transaction as each change, then claimed and settled by sync.

Qt-free and network-free: the sync engine calls these functions; nothing here sends anything.
Error texts stored here are codes from the server, never logged by this module.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, func, insert, select, tuple_, update

from kader_app.core.database import read_connection, write_transaction
from kader_app.core.models import (
    OUTBOX_TABLE,
    PERSON_TABLE,
    PERSON_VERSION_TABLE,
    EntityType,
    OutboxState,
    SyncCounts,
)
from sync.protocol import content_hash

OUTBOX = OUTBOX_TABLE
# "Belum terkirim" for the kader: everything the server has not acknowledged.
UNSENT_STATES = tuple(s.value for s in OutboxState if s is not OutboxState.ACKED)
# What the engine still has to send on its own.
SENDING_STATES = (OutboxState.PENDING.value, OutboxState.IN_FLIGHT.value)
# "Perlu diperiksa": refused by the server; only a person can sort these out.
NEEDS_REVIEW_STATES = (OutboxState.REJECTED.value, OutboxState.CONFLICT.value)
BLOCKED_REASON = "blocked_by_earlier_entry"
# Keeps IN (...) lists well under SQLite's bound-parameter limit.
_CHUNK = 500


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
    """Queue one change inside the caller's transaction; returns the outbox id.

    ``payload`` is the JSON form of a `sync.protocol` payload, stored and hashed as it is.
    """
    outbox_id = str(uuid.uuid4())
    data = payload
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
    """Entries the server has not acknowledged (the same number as ``sync_counts().pending``)."""
    return int(
        conn.execute(
            select(func.count()).select_from(OUTBOX).where(OUTBOX.c.state.in_(UNSENT_STATES))
        ).scalar_one()
    )


def sending_count(conn: Connection) -> int:
    """Entries sync will send without anyone's help: pending or in flight."""
    return int(
        conn.execute(
            select(func.count()).select_from(OUTBOX).where(OUTBOX.c.state.in_(SENDING_STATES))
        ).scalar_one()
    )


def sync_counts(conn: Connection) -> SyncCounts:
    """The one definition the kader sees everywhere.

    ``pending`` is every entry not yet acknowledged ("N data belum terkirim"), whatever its
    state; ``rejected + conflict`` is what needs a person ("M perlu diperiksa");
    ``oldest_unsent_at`` is when the oldest of the ``pending`` ones was recorded.
    """
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


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


Verdict = Literal["send", "hold", "block"]


@dataclass
class _Plan:
    """Walks unsent rows in queue order and decides, for each, send, hold or block.

    Ordering matters only within one record (version n+1 after version n; a resident's
    versions one per batch, so a conflict on n never meets n+1 already accepted, while a
    visit's versions may follow each other in one batch) and between a new resident and
    their visits (sent after the resident in the same batch, or once the server has
    acknowledged the resident; blocked while the resident is refused). Anything else goes,
    whatever happened to other rows.
    """

    # Per record: "sent" (in this batch), "wait" (an earlier version still to send), "fail".
    records: dict[tuple[str, str], str]
    # Per person whose first version is not yet acknowledged: "sent" (earlier in this batch),
    # "wait" or "fail".
    creations: dict[str, str]

    def note_unqueued(self, *, key: tuple[str, str], creation_of: str | None, state: str) -> None:
        """A row in flight makes later versions wait; a refused one makes them fail."""
        if self.records.get(key) != "fail":
            self.records[key] = "fail" if state in NEEDS_REVIEW_STATES else "wait"
        if creation_of is not None:
            self.creations[creation_of] = self.records[key]

    def decide(
        self, *, key: tuple[str, str], creation_of: str | None, visit_of: str | None, due: bool
    ) -> Verdict:
        earlier = self.records.get(key)
        parent = self.creations.get(visit_of) if visit_of is not None else None
        # A resident's versions go one per batch: a rebase renumbers every unsent one.
        one_per_batch = visit_of is None
        verdict: Verdict
        blocked = earlier == "fail" or parent == "fail"
        waits = earlier == "wait" or (earlier == "sent" and one_per_batch) or parent == "wait"
        if blocked:
            verdict = "block"
        elif waits or not due:
            verdict = "hold"
        else:
            verdict = "send"
        status = {"block": "fail", "hold": "wait", "send": "sent"}[verdict]
        if earlier != "fail":
            self.records[key] = status
        if creation_of is not None:
            self.creations[creation_of] = self.records[key]
        return verdict


_QUEUE_COLUMNS = (
    OUTBOX.c.id,
    OUTBOX.c.entity_type,
    OUTBOX.c.entity_id,
    OUTBOX.c.base_version,
    OUTBOX.c.person_id,
    OUTBOX.c.state,
    OUTBOX.c.next_attempt_at,
    OUTBOX.c.seq,
)
# Unsent but not plainly due: in flight, refused, blocked. Few, whatever the outbox's size.
_AWAY_STATES = tuple(s for s in UNSENT_STATES if s != OutboxState.PENDING.value)


def _queue(conn: Connection) -> Generator[Any]:
    """Every unsent row in queue order (seq), read lazily so a claim stops at its batch.

    The pending rows with no retry time, nearly all of them, come straight from
    ``ix_outbox_state_next`` in seq order; the few others (in flight, refused, blocked, or
    pending with a retry time) are read whole and merged in. A claim thus reads about as many
    rows as it takes, not the whole remainder of the outbox each time.
    """
    away = conn.execute(
        select(*_QUEUE_COLUMNS).where(OUTBOX.c.state.in_(_AWAY_STATES)).order_by(OUTBOX.c.seq)
    ).all()
    timed = conn.execute(
        select(*_QUEUE_COLUMNS)
        .where(OUTBOX.c.state == OutboxState.PENDING.value, OUTBOX.c.next_attempt_at.is_not(None))
        .order_by(OUTBOX.c.seq)
    ).all()
    due = conn.execute(
        select(*_QUEUE_COLUMNS)
        .where(OUTBOX.c.state == OutboxState.PENDING.value, OUTBOX.c.next_attempt_at.is_(None))
        .order_by(OUTBOX.c.seq)
    )
    try:
        yield from heapq.merge(away, timed, due, key=lambda row: int(row.seq))
    finally:
        due.close()


def claim_batch(engine: Engine, *, limit: int, now: datetime | None = None) -> list[OutboxItem]:
    """Mark up to ``limit`` due entries in flight (attempts + 1) and return them in queue order.

    An entry waits only behind an earlier unsent version of the same record, or (a visit)
    behind its resident's first version while that is unsent and not earlier in this batch.
    It is blocked (and shown so) only when what it waits on was refused; a blocked entry whose
    cause is gone (a conflict rebased, a late ack) goes back to the queue here. Nothing else
    ever holds an entry back.
    """
    now = now or datetime.now(UTC)
    # Not waited onto the disk: a claim lost with the power leaves its entries pending, which is
    # what start-up makes of entries in flight anyway, and the settle after it, which is
    # durable, carries it to the disk.
    with write_transaction(engine, durable=False) as conn:
        rows = _queue(conn)
        plan = _Plan(records={}, creations={})
        chosen: list[str] = []
        to_block: list[str] = []
        to_unblock: list[str] = []
        for row in rows:
            outbox_id, entity_type, entity_id, base_version, person_id, state, next_at, _ = row
            if len(chosen) >= limit:
                break
            key = (entity_type, entity_id)
            is_person = entity_type == EntityType.PERSON.value
            creation_of = person_id if is_person and base_version is None else None
            if state not in (OutboxState.PENDING.value, OutboxState.BLOCKED.value):
                plan.note_unqueued(key=key, creation_of=creation_of, state=state)
                continue
            if next_at is not None and next_at.tzinfo is None:
                next_at = next_at.replace(tzinfo=UTC)
            verdict = plan.decide(
                key=key,
                creation_of=creation_of,
                visit_of=None if is_person else person_id,
                due=next_at is None or next_at <= now,
            )
            if verdict == "send":
                chosen.append(outbox_id)
            elif verdict == "block" and state != OutboxState.BLOCKED.value:
                to_block.append(outbox_id)
            elif verdict == "hold" and state == OutboxState.BLOCKED.value:
                to_unblock.append(outbox_id)
        rows.close()
        for chunk in _chunks(to_block):
            conn.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_(chunk))
                .values(state=OutboxState.BLOCKED.value, last_error=BLOCKED_REASON)
            )
        for chunk in _chunks(to_unblock):
            conn.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_(chunk))
                .values(state=OutboxState.PENDING.value, last_error=None, last_message=None)
            )
        if not chosen:
            return []
        # The rows come back from the UPDATE that marks them: no second read of the payloads.
        claimed = conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id.in_(chosen))
            .values(
                state=OutboxState.IN_FLIGHT.value,
                attempts=OUTBOX.c.attempts + 1,
                last_error=None,
                last_message=None,
            )
            .returning(*OUTBOX.c)
        ).all()
    return sorted((_item(r) for r in claimed), key=lambda item: item.seq)


def _item(r: Any) -> OutboxItem:
    return OutboxItem(
        id=r.id,
        seq=r.seq,
        type=r.entity_type,
        entity_id=r.entity_id,
        version=r.entity_version,
        base_version=r.base_version,
        content_hash=r.content_hash,
        # Decoded afresh for each read: the item owns it, no copy needed.
        payload=r.payload,
        created_at=r.created_at,
        attempts=r.attempts,
    )


def unsent_entries(engine: Engine) -> list[OutboxItem]:
    """Every entry not yet acknowledged, oldest first; nothing changes (a transfer file)."""
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(OUTBOX).where(OUTBOX.c.state.in_(UNSENT_STATES)).order_by(OUTBOX.c.seq)
        ).all()
    return [_item(r) for r in rows]


def results_by_record(
    engine: Engine, answers: Iterable[tuple[str, int, ItemResult]]
) -> list[ItemResult]:
    """The answers, each re-keyed to the outbox row of its record, version and content hash.

    An answer whose record, version and hash match no unacknowledged row is left out: content
    changed since the answer was made stays unsent.
    """
    wanted = list(answers)
    found: list[ItemResult] = []
    with read_connection(engine) as conn:
        for entity_id, version, result in wanted:
            row_id = conn.execute(
                select(OUTBOX.c.id).where(
                    OUTBOX.c.entity_id == entity_id,
                    OUTBOX.c.entity_version == version,
                    OUTBOX.c.content_hash == result.content_hash,
                    OUTBOX.c.state.in_(UNSENT_STATES),
                )
            ).scalar_one_or_none()
            if row_id is not None:
                found.append(
                    ItemResult(
                        id=row_id,
                        content_hash=result.content_hash,
                        status=result.status,
                        code=result.code,
                        message=result.message,
                        server_version=result.server_version,
                    )
                )
    return found


def apply_results(
    engine: Engine, *, results: Iterable[ItemResult], now: datetime | None = None
) -> None:
    """Settle entries from the server's per-item answers, all in one transaction.

    An answer counts only for the row with that id AND that content hash, so a late ack for old
    content can never mark newer content as sent. A resident's edit that meets a newer version
    on the server (``conflict`` with ``server_version``) is rebased on top of it and queued
    again: the last edit wins, the server keeps both. A conflict because the server no longer
    has the version an edit builds on (a restored server) re-sends the missing versions first.
    Any other refusal stays visible, and
    blocks only what the server cannot take without it: later versions of the same record and,
    when a resident's first version is refused, that resident's visits.
    """
    now = now or datetime.now(UTC)
    answers = list(results)
    acks = [(r.id, r.content_hash) for r in answers if r.status in ("accepted", "duplicate")]
    with write_transaction(engine) as conn:
        # Acknowledgements, the common case, settle set-wise: one UPDATE per chunk of pairs.
        for start in range(0, len(acks), _CHUNK):
            pairs = acks[start : start + _CHUNK]
            conn.execute(
                update(OUTBOX)
                .where(
                    tuple_(OUTBOX.c.id, OUTBOX.c.content_hash).in_(pairs),
                    OUTBOX.c.state != OutboxState.ACKED.value,
                )
                .values(
                    state=OutboxState.ACKED.value,
                    acked_at=now,
                    last_error=None,
                    last_message=None,
                )
            )
        for result in answers:
            if result.status in ("accepted", "duplicate"):
                continue
            match = (OUTBOX.c.id == result.id) & (OUTBOX.c.content_hash == result.content_hash)
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
                    OUTBOX.c.seq,
                    OUTBOX.c.entity_type,
                    OUTBOX.c.entity_id,
                    OUTBOX.c.entity_version,
                    OUTBOX.c.base_version,
                    OUTBOX.c.person_id,
                )
            ).first()
            if changed is None:
                continue
            seq, entity_type, entity_id, version, base_version, person_id = changed
            server_behind = base_version is not None and (
                result.server_version is None or result.server_version < base_version
            )
            if state is OutboxState.CONFLICT and server_behind:
                _resend_missing_versions(
                    conn,
                    seq=seq,
                    entity_type=entity_type,
                    entity_id=entity_id,
                    server_version=result.server_version or 0,
                )
                continue
            if (
                state is OutboxState.CONFLICT
                and entity_type == EntityType.PERSON.value
                and result.server_version is not None
                and result.server_version >= version
            ):
                _rebase_person(
                    conn,
                    seq=seq,
                    person_id=entity_id,
                    version=version,
                    server_version=result.server_version,
                )
                continue
            _block_dependants(
                conn,
                seq=seq,
                entity_type=entity_type,
                entity_id=entity_id,
                person_id=person_id,
                is_creation=entity_type == EntityType.PERSON.value and base_version is None,
            )


def _resend_missing_versions(
    conn: Connection, *, seq: int, entity_type: str, entity_id: str, server_version: int
) -> None:
    """The server lacks the version this edit builds on (restored from an older backup).

    Every acknowledged version it no longer has is queued again, and this entry waits behind
    them as pending: the server gets the record's history back in order, and no person is
    asked to sort out a conflict that was only data loss on the server.
    """
    record = (OUTBOX.c.entity_type == entity_type) & (OUTBOX.c.entity_id == entity_id)
    conn.execute(
        update(OUTBOX)
        .where(
            record,
            OUTBOX.c.state == OutboxState.ACKED.value,
            OUTBOX.c.entity_version > server_version,
            OUTBOX.c.seq < seq,
        )
        .values(state=OutboxState.PENDING.value, acked_at=None, next_attempt_at=None)
    )
    conn.execute(
        update(OUTBOX)
        .where(OUTBOX.c.seq == seq)
        .values(
            state=OutboxState.PENDING.value,
            last_error=f"resend_from_server_version={server_version}",
            last_message=None,
            next_attempt_at=None,
        )
    )


def _block_dependants(
    conn: Connection,
    *,
    seq: int,
    entity_type: str,
    entity_id: str,
    person_id: str,
    is_creation: bool,
) -> None:
    # Shown at once; the next claim re-checks every block, so none outlives its cause.
    later = (OUTBOX.c.seq > seq) & OUTBOX.c.state.in_(SENDING_STATES)
    if is_creation:
        scope = OUTBOX.c.person_id == person_id
    else:
        scope = (OUTBOX.c.entity_type == entity_type) & (OUTBOX.c.entity_id == entity_id)
    conn.execute(
        update(OUTBOX)
        .where(later, scope)
        .values(state=OutboxState.BLOCKED.value, last_error=BLOCKED_REASON)
    )


def _rebase_person(
    conn: Connection, *, seq: int, person_id: str, version: int, server_version: int
) -> None:
    """Renumber this and every later unsent version of the resident on top of the server's.

    Each keeps its content; its version, base version, payload ``version`` and hash move up
    by the same step, and so do the local resident and its version history, so the next
    edit on this laptop continues from the rebased number.
    """
    step = server_version + 1 - version
    rows = conn.execute(
        select(OUTBOX.c.id, OUTBOX.c.entity_version, OUTBOX.c.payload)
        .where(
            OUTBOX.c.entity_type == EntityType.PERSON.value,
            OUTBOX.c.entity_id == person_id,
            OUTBOX.c.seq >= seq,
            OUTBOX.c.state.in_(UNSENT_STATES),
        )
        .order_by(OUTBOX.c.seq)
    ).all()
    for outbox_id, old_version, payload in rows:
        new_version = old_version + step
        data = {**dict(payload), "version": new_version}
        conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id == outbox_id)
            .values(
                entity_version=new_version,
                base_version=new_version - 1,
                payload=data,
                content_hash=content_hash(data),
                state=OutboxState.PENDING.value,
                last_error=f"rebased_on_server_version={server_version}",
                last_message=None,
                next_attempt_at=None,
            )
        )
    history = PERSON_VERSION_TABLE
    kept = conn.execute(
        select(history.c.version, history.c.data)
        .where(history.c.person_id == person_id, history.c.version >= version)
        .order_by(history.c.version.desc())
    ).all()
    # Highest first, so no renumbered row lands on one not yet moved.
    for old_version, data in kept:
        conn.execute(
            update(history)
            .where(history.c.person_id == person_id, history.c.version == old_version)
            .values(version=old_version + step, data={**dict(data), "version": old_version + step})
        )
    conn.execute(
        update(PERSON_TABLE)
        .where(PERSON_TABLE.c.id == person_id, PERSON_TABLE.c.version >= version)
        .values(version=PERSON_TABLE.c.version + step)
    )


def requeue_in_flight(engine: Engine) -> int:
    """At start-up: entries left in flight by a crash go back to pending (the server dedupes)."""
    with write_transaction(engine) as conn:
        return conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.state == OutboxState.IN_FLIGHT.value)
            .values(state=OutboxState.PENDING.value, next_attempt_at=None)
        ).rowcount
