"""Storing a push batch: every item answered on its own, the answer kept for replays.

Items are checked (`sync.server.items`) before the write lock is taken; under it, each item is
compared with what is stored, the accepted ones are inserted and the dashboard's summaries are
moved in the same transaction; the device's audit chain is verified beside them. No payload
content ever goes into the audit table or an exception message.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from sync.protocol import VisitPayload
from sync.server.database import lock_writes
from sync.server.envelopes import PushEnvelope
from sync.server.items import CheckedItem, check_item
from sync.server.models import Device
from sync.server.store.audit_chain import take_links
from sync.server.store.counters import Group
from sync.server.store.push_answer import (
    PushAnswer,
    answer_items,
    answer_json,
    load_known,
    pre_serialised,
)
from sync.server.store.referral_state import refresh_referrals
from sync.server.store.summary_people import CurrentPerson, apply_people
from sync.server.store.summary_visits import CurrentVisit, apply_visits
from sync.server.store.tables import AUDIT, DEVICE, ENTRY, PUSH_BATCH, chunks, one_of
from sync.server.times import utc

_STALE_WHEN = '"status":"conflict"'


def record_batch(
    *,
    session: Session,
    device: Device,
    request: PushEnvelope,
    now: datetime,
    from_file: bool = False,
) -> PushAnswer:
    """Store a push batch and answer every item: the `PushResponse` JSON, serialised once.

    ``from_file``: the batch came on a transfer file, written at ``client_time`` and carried
    here since, so neither the laptop's clock nor its unsent count is read from it.

    Replaying a batch id returns the stored answer. Idempotent under concurrency: writers are
    serialised and (id, version) is unique, so an IntegrityError can only mean another request
    stored the same thing first; it is retried once against the committed state.
    """
    # Checking, parsing and hashing need no database: done before the write lock is taken.
    checked = [check_item(raw) for raw in request.items]
    for attempt in (1, 2):
        try:
            return _record_batch_once(
                session=session,
                device=device,
                request=request,
                checked=checked,
                now=now,
                from_file=from_file,
            )
        except IntegrityError:
            session.rollback()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _record_batch_once(
    *,
    session: Session,
    device: Device,
    request: PushEnvelope,
    checked: Sequence[CheckedItem | dict[str, Any]],
    now: datetime,
    from_file: bool,
) -> PushAnswer:
    connection = session.connection()
    lock_writes(connection)
    stored = connection.execute(
        sa.select(sa.cast(PUSH_BATCH.c.response, sa.Text)).where(
            PUSH_BATCH.c.device_id == device.id, PUSH_BATCH.c.batch_id == request.batch_id
        )
    ).scalar()
    if stored is not None and _STALE_WHEN not in str(stored):
        audit_seq = take_links(connection, device_id=device.id, raw=request.audit, now=now)
        session.commit()
        return PushAnswer(body=str(stored), audit_seq=audit_seq)
    if stored is not None:
        # A conflict holds only against what was stored then: the laptop may have sent the
        # missing versions since (a restored server), so the same batch is answered anew.
        connection.execute(
            sa.delete(PUSH_BATCH).where(
                PUSH_BATCH.c.device_id == device.id, PUSH_BATCH.c.batch_id == request.batch_id
            )
        )

    good = [c for c in checked if isinstance(c, CheckedItem)]
    ids = {c.id for c in good}
    persons = {c.person_id for c in good if c.type == "visit"}
    known = load_known(connection, sorted(ids | persons))
    results, accepted = answer_items(device=device, checked=checked, known=known)
    current = _insert_accepted(
        connection=connection, device=device, accepted=accepted, now=now, known=known
    )
    _move_summaries(connection, device=device, current=current)
    body = answer_json(device_id=device.id, batch_id=request.batch_id, results=results, now=now)
    connection.execute(
        sa.insert(PUSH_BATCH).values(
            response=pre_serialised(PUSH_BATCH.c.response, "response_json", connection.dialect.name)
        ),
        {
            "device_id": device.id,
            "batch_id": request.batch_id,
            "response_json": body,
            "created_at": now,
        },
    )
    counts: dict[str, Any] = {"items": len(results)}
    for result in results:
        counts[result["status"]] = counts.get(result["status"], 0) + 1
    connection.execute(
        sa.insert(AUDIT).values(
            kind="transfer" if from_file else "push", device_id=device.id, counts=counts, at=now
        )
    )
    seen: dict[str, Any] = {"last_seen": now, "app_version": request.app_version[:50]}
    if not from_file:
        seen["last_pending"] = request.pending_count
        seen["clock_skew_s"] = (utc(request.client_time) - now).total_seconds()
    connection.execute(sa.update(DEVICE).where(DEVICE.c.id == device.id).values(**seen))
    audit_seq = take_links(connection, device_id=device.id, raw=request.audit, now=now)
    session.commit()
    return PushAnswer(body=body, audit_seq=audit_seq)


def _move_summaries(
    connection: sa.Connection, *, device: Device, current: Sequence[CheckedItem]
) -> None:
    """The dashboard's summaries brought up to the batch's new current versions."""
    group = Group(device.puskesmas, device.area, device.posyandu)
    people = [
        CurrentPerson(group=group, payload=c.payload)  # type: ignore[arg-type]
        for c in current
        if c.type == "person"
    ]
    visits = [
        CurrentVisit(visit_key=c.id, group=group, payload=c.payload)
        for c in current
        if isinstance(c.payload, VisitPayload)
    ]
    apply_people(connection, people)
    touched = apply_visits(connection, visits)
    refresh_referrals(connection, touched)


def _insert_accepted(
    *,
    connection: sa.Connection,
    device: Device,
    accepted: Sequence[CheckedItem],
    known: dict[str, Any],
    now: datetime,
) -> list[CheckedItem]:
    """Insert the accepted versions; the ones that became their record's current version."""
    if not accepted:
        return []
    newest = {item_id: max(state.versions) for item_id, state in known.items() if state.versions}
    moved = sorted(
        {
            c.id
            for c in accepted
            if known[c.id].current is not None and newest[c.id] != known[c.id].current
        }
    )
    # Old current rows step down before the new ones arrive: one current row per id at all times.
    for chunk in chunks(moved):
        connection.execute(
            sa.update(ENTRY)
            .where(one_of(connection, ENTRY.c.id, chunk), ENTRY.c.is_current.is_(True))
            .values(is_current=False)
        )
    statement = sa.insert(ENTRY).values(
        payload=pre_serialised(ENTRY.c.payload, "payload_json", connection.dialect.name)
    )
    rows = [
        {
            "id": c.id,
            "type": c.type,
            "version": c.version,
            "base_version": c.base_version,
            "content_hash": c.content_hash,
            "payload_json": c.payload_json,
            "recorded_at": utc(c.recorded_at),
            "received_at": now,
            "device_id": device.id,
            "area": device.area,
            "is_current": c.version == newest[c.id],
        }
        for c in accepted
    ]
    connection.execute(statement, rows)
    return [c for c, row in zip(accepted, rows, strict=True) if row["is_current"]]
