"""Storing a push batch: every item answered on its own, the answer kept for replays.

Items are checked (`sync.server.items`) before the write lock is taken; under it, each item is
compared with what is stored and the accepted ones are inserted. No payload content ever goes
into the audit table or an exception message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from sync.protocol import CANONICAL_ENCODER
from sync.server import refusals
from sync.server.bodies import PushEnvelope
from sync.server.database import lock_writes
from sync.server.items import CheckedItem, check_item
from sync.server.models import Device
from sync.server.store.tables import AUDIT, DEVICE, ENTRY, PUSH_BATCH, chunks
from sync.server.times import utc


@dataclass
class _Known:
    type: str
    versions: dict[int, str]
    current: int | None
    area: str | None = None


def record_batch(
    *, session: Session, device: Device, request: PushEnvelope, now: datetime
) -> bytes:
    """Store a push batch and answer every item: the `PushResponse` JSON, serialised once.

    Replaying a batch id returns the stored answer. Idempotent under concurrency: writers are
    serialised and (id, version) is unique, so an IntegrityError can only mean another request
    stored the same thing first; it is retried once against the committed state.
    """
    # Checking, parsing and hashing need no database: done before the write lock is taken.
    checked = [check_item(raw) for raw in request.items]
    for attempt in (1, 2):
        try:
            return _record_batch_once(
                session=session, device=device, request=request, checked=checked, now=now
            )
        except IntegrityError:
            session.rollback()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _load_known(connection: sa.Connection, ids: Sequence[str]) -> dict[str, _Known]:
    """Every stored (id, type, version, hash, is_current) of the batch's ids: one SELECT."""
    known: dict[str, _Known] = {}
    for chunk in chunks(ids):
        rows = connection.execute(
            sa.select(
                ENTRY.c.id,
                ENTRY.c.type,
                ENTRY.c.version,
                ENTRY.c.content_hash,
                ENTRY.c.is_current,
                ENTRY.c.area,
            ).where(ENTRY.c.id.in_(chunk))
        )
        for row_id, row_type, row_version, row_hash, row_current, row_area in rows:
            entry = known.setdefault(
                row_id, _Known(type=row_type, versions={}, current=None, area=row_area)
            )
            entry.versions[row_version] = row_hash
            if row_current:
                entry.current = row_version
    return known


def _answer(
    *, device: Device, checked: Sequence[CheckedItem | dict[str, Any]], known: dict[str, _Known]
) -> tuple[list[dict[str, Any]], list[CheckedItem]]:
    """Each item's result against what is stored, and the items to insert."""
    results: list[dict[str, Any]] = []
    accepted: list[CheckedItem] = []
    for entry in checked:
        if isinstance(entry, dict):
            results.append(entry)
            continue
        item = entry.item
        state = known.get(item.id)
        if state is None:
            state = known[item.id] = _Known(type=item.type, versions={}, current=None)
        if state.type != item.type:
            results.append(refusals.rejected(item.id, item.version, refusals.TYPE_MISMATCH))
            continue
        if state.area is not None and state.area != device.area:
            # A device writes only inside its own area; anything else would move a resident
            # out of the area that follows them up.
            results.append(refusals.rejected(item.id, item.version, refusals.WRONG_AREA))
            continue
        latest = max(state.versions) if state.versions else None
        if item.version in state.versions:
            if state.versions[item.version] == entry.content_hash:
                results.append(refusals.item_result(item.id, item.version, "duplicate"))
            else:
                results.append(refusals.conflict(item.id, item.version, server_version=latest))
            continue
        if latest is not None and item.version > latest and item.base_version != latest:
            results.append(refusals.conflict(item.id, item.version, server_version=latest))
            continue
        # Older missing versions (a server restored from backup) are kept as history.
        state.versions[item.version] = entry.content_hash
        accepted.append(entry)
        results.append(refusals.item_result(item.id, item.version, "accepted"))
    return results, accepted


def _record_batch_once(
    *,
    session: Session,
    device: Device,
    request: PushEnvelope,
    checked: Sequence[CheckedItem | dict[str, Any]],
    now: datetime,
) -> bytes:
    connection = session.connection()
    lock_writes(connection)
    stored = connection.execute(
        sa.select(sa.cast(PUSH_BATCH.c.response, sa.Text)).where(
            PUSH_BATCH.c.device_id == device.id, PUSH_BATCH.c.batch_id == request.batch_id
        )
    ).scalar()
    if stored is not None:
        session.rollback()
        return str(stored).encode("utf-8")

    ids = sorted({c.item.id for c in checked if isinstance(c, CheckedItem)})
    known = _load_known(connection, ids)
    results, accepted = _answer(device=device, checked=checked, known=known)
    _insert_accepted(connection=connection, device=device, accepted=accepted, known=known, now=now)
    body = _answer_json(device_id=device.id, batch_id=request.batch_id, results=results, now=now)
    dialect = connection.dialect.name
    connection.execute(
        sa.insert(PUSH_BATCH).values(
            response=_pre_serialised(PUSH_BATCH.c.response, "response_json", dialect)
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
        sa.insert(AUDIT).values(kind="push", device_id=device.id, counts=counts, at=now)
    )
    connection.execute(
        sa.update(DEVICE)
        .where(DEVICE.c.id == device.id)
        .values(
            last_seen=now,
            last_pending=request.pending_count,
            clock_skew_s=(utc(request.client_time) - now).total_seconds(),
            app_version=request.app_version[:50],
        )
    )
    session.commit()
    return body.encode("utf-8")


_DATETIME_JSON: TypeAdapter[datetime] = TypeAdapter(datetime)


def _answer_json(
    *, device_id: str, batch_id: str, results: Sequence[dict[str, Any]], now: datetime
) -> str:
    """The `PushResponse` JSON, its results serialised once for both the body and the receipt.

    The receipt is the sha256 of `canonical_json({"device_id", "batch_id", "results"})`; with
    sorted keys that is the batch id, the device id and the results' canonical JSON, in that
    order, so the results' text is reused in the body instead of serialising them twice.
    """
    results_json = CANONICAL_ENCODER.encode(results)
    batch_json = CANONICAL_ENCODER.encode(batch_id)
    device_json = CANONICAL_ENCODER.encode(device_id)
    signed = f'{{"batch_id":{batch_json},"device_id":{device_json},"results":{results_json}}}'
    receipt = hashlib.sha256(signed.encode("utf-8")).hexdigest()
    server_time = CANONICAL_ENCODER.encode(_DATETIME_JSON.dump_python(now, mode="json"))
    return (
        f'{{"batch_id":{batch_json},"results":{results_json},'
        f'"server_time":{server_time},"receipt":"{receipt}"}}'
    )


def _pre_serialised(column: sa.Column[Any], key: str, dialect: str) -> sa.ColumnElement[Any]:
    """A bound JSON text for a JSON column, so the column type does not serialise it again."""
    value = sa.bindparam(key, type_=sa.Text())
    # PostgreSQL needs the text cast to json; SQLite stores JSON as text anyway.
    return sa.cast(value, column.type) if dialect == "postgresql" else value


def _insert_accepted(
    *,
    connection: sa.Connection,
    device: Device,
    accepted: Sequence[CheckedItem],
    known: dict[str, _Known],
    now: datetime,
) -> None:
    if not accepted:
        return
    newest = {item_id: max(state.versions) for item_id, state in known.items() if state.versions}
    moved = sorted(
        {
            c.item.id
            for c in accepted
            if known[c.item.id].current is not None
            and newest[c.item.id] != known[c.item.id].current
        }
    )
    # Old current rows step down before the new ones arrive: one current row per id at all times.
    for chunk in chunks(moved):
        connection.execute(
            sa.update(ENTRY)
            .where(ENTRY.c.id.in_(chunk), ENTRY.c.is_current.is_(True))
            .values(is_current=False)
        )
    statement = sa.insert(ENTRY).values(
        payload=_pre_serialised(ENTRY.c.payload, "payload_json", connection.dialect.name)
    )
    connection.execute(
        statement,
        [
            {
                "id": c.item.id,
                "type": c.item.type,
                "version": c.item.version,
                "base_version": c.item.base_version,
                "content_hash": c.content_hash,
                "payload_json": c.payload_json,
                "recorded_at": utc(c.item.recorded_at),
                "received_at": now,
                "device_id": device.id,
                "area": device.area,
                "is_current": c.item.version == newest[c.item.id],
            }
            for c in accepted
        ],
    )
