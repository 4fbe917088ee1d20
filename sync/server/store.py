"""Store functions of the Puskesmas server: enrol, push, pull, reconcile, revoke, follow-ups.

Keyword-only functions over one session; each commits its own work. No web code here, and no
payload content ever goes into the audit table or an exception message.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

import sqlalchemy as sa
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from sync.protocol import (
    CANONICAL_ENCODER,
    REJECT_BAD_PAYLOAD,
    REJECT_HASH_MISMATCH,
    REJECT_INVALID_ITEM,
    REJECT_UNKNOWN_TYPE,
    EnrollResponse,
    PullResponse,
    PushItem,
    ReconcileRequest,
    ReconcileResponse,
    day_digest,
)
from sync.server.auth import hash_secret, new_enroll_code, new_token, normalize_code
from sync.server.bodies import PushEnvelope
from sync.server.database import begin_write, lock_writes
from sync.server.models import (
    SERVER_METADATA,
    Audit,
    Device,
    EnrollCode,
    FollowUp,
    ServerMeta,
)

ENTRY = SERVER_METADATA.tables["entry"]
FOLLOW_UP = SERVER_METADATA.tables["follow_up"]
DEVICE = SERVER_METADATA.tables["device"]
ENROLL_CODE = SERVER_METADATA.tables["enroll_code"]
AUDIT = SERVER_METADATA.tables["audit"]
PUSH_BATCH = SERVER_METADATA.tables["push_batch"]

ENROLL_CODE_LIFETIME = timedelta(days=7)
MAX_PULL_LIMIT = 1000
# One IN (...) list holds a whole push batch (2000 ids), far under SQLite's and PostgreSQL's limits.
ID_CHUNK = 2000

MESSAGES = {
    REJECT_UNKNOWN_TYPE: "Jenis data tidak dikenal oleh server Puskesmas.",
    REJECT_INVALID_ITEM: "Data tidak lengkap atau formatnya salah.",
    REJECT_HASH_MISMATCH: "Data berubah atau rusak di perjalanan (kode cek tidak cocok).",
    REJECT_BAD_PAYLOAD: "Isi data tidak bisa dibaca oleh server Puskesmas.",
    "type_mismatch": "Jenis data tidak cocok dengan data yang sudah ada di server.",
    "wrong_area": "Data ini terdaftar di wilayah lain; minta petugas Puskesmas memindahkannya.",
    "conflict": "Data ini sudah diubah dari perangkat lain; perlu dicek oleh petugas.",
}


def utc(value: datetime) -> datetime:
    """Aware UTC; SQLite hands back naive datetimes, which this server always writes in UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def add_audit(
    *, session: Session, kind: str, device_id: str | None, counts: dict[str, Any], now: datetime
) -> None:
    session.add(Audit(kind=kind, device_id=device_id, counts=counts, at=now))


def server_epoch(session: Session) -> str:
    meta = session.get(ServerMeta, "epoch")
    if meta is None:
        raise RuntimeError("database has no epoch; migrations did not run")
    return meta.value


def create_enroll_code(
    *,
    session: Session,
    posyandu: str,
    area: str | None = None,
    now: datetime,
    lifetime: timedelta = ENROLL_CODE_LIFETIME,
) -> str:
    """A new one-time code; the area defaults to the Posyandu's name."""
    code = new_enroll_code()
    begin_write(session.connection())
    session.add(
        EnrollCode(
            code_hash=hash_secret(normalize_code(code)),
            posyandu=posyandu,
            area=area or posyandu,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.commit()
    return code


def enroll_device(
    *, session: Session, code: str, device_name: str, now: datetime
) -> EnrollResponse | None:
    """Turn an unused, unexpired code into a device and a token; None when the code is not good."""
    code_hash = hash_secret(normalize_code(code))
    row = session.get(EnrollCode, code_hash)
    if row is None or row.used_at is not None or utc(row.expires_at) <= now:
        session.rollback()
        return None
    device_id = str(uuid.uuid4())
    # A wrong code never waits for the write lock; a good one takes it only to claim the code.
    begin_write(session.connection())
    # Claimed with a guarded UPDATE so two laptops racing with one code cannot both win.
    claimed = session.execute(
        sa.update(ENROLL_CODE)
        .where(ENROLL_CODE.c.code_hash == code_hash, ENROLL_CODE.c.used_at.is_(None))
        .values(used_at=now, device_id=device_id)
    )
    if cast(sa.CursorResult[Any], claimed).rowcount != 1:
        session.rollback()
        return None
    token = new_token()
    session.add(
        Device(
            id=device_id,
            name=device_name[:200],
            posyandu=row.posyandu,
            area=row.area,
            token_hash=hash_secret(token),
            created_at=now,
        )
    )
    add_audit(session=session, kind="enroll", device_id=device_id, counts={}, now=now)
    answer = EnrollResponse(device_id=device_id, token=token, posyandu=row.posyandu, area=row.area)
    session.commit()
    return answer


def device_for_token(session: Session, token: str) -> Device | None:
    """The enrolled, unrevoked device holding this token (a read: it takes no write lock)."""
    device = (
        session.execute(sa.select(Device).where(DEVICE.c.token_hash == hash_secret(token)))
        .scalars()
        .first()
    )
    if device is None:
        return None
    return device if device.revoked_at is None else None


def revoke_device(*, session: Session, device_id: str, now: datetime) -> bool:
    if session.get(Device, device_id) is None:
        session.rollback()
        return False
    begin_write(session.connection())
    revoked = session.execute(
        sa.update(DEVICE)
        .where(DEVICE.c.id == device_id, DEVICE.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if cast(sa.CursorResult[Any], revoked).rowcount == 1:
        add_audit(session=session, kind="revoke", device_id=device_id, counts={}, now=now)
    session.commit()
    return True


def _reject(item_id: str, version: int, code: str) -> dict[str, Any]:
    return _result(item_id, version, "rejected", code=code, message=MESSAGES[code])


def _result(
    item_id: str,
    version: int,
    status: str,
    *,
    code: str | None = None,
    message: str | None = None,
    server_version: int | None = None,
) -> dict[str, Any]:
    """One item's answer exactly as `ItemResult.model_dump(mode="json")` gives it, built cheaply."""
    return {
        "id": item_id,
        "version": version,
        "status": status,
        "code": code,
        "message": message,
        "server_version": server_version,
    }


@dataclass(slots=True)
class _Checked:
    """A valid pushed item with its payload serialised canonically, once, for hash and storage."""

    item: PushItem
    content_hash: str
    payload_json: str


def check_item(raw: Any) -> _Checked | dict[str, Any]:
    """Validate one raw pushed item on its own: the checked item, or its rejection (a result)."""
    if not isinstance(raw, dict):
        return _reject("", 0, REJECT_INVALID_ITEM)
    item_id = raw.get("id")
    item_id = item_id if isinstance(item_id, str) else ""
    version = raw.get("version")
    version = version if isinstance(version, int) and not isinstance(version, bool) else 0
    if raw.get("type") not in ("person", "visit"):
        return _reject(item_id, version, REJECT_UNKNOWN_TYPE)
    if not isinstance(raw.get("payload"), dict) or not raw["payload"]:
        return _reject(item_id, version, REJECT_BAD_PAYLOAD)
    try:
        item = PushItem.model_validate(raw)
        uuid.UUID(item.id)
    except (ValidationError, ValueError):
        return _reject(item_id, version, REJECT_INVALID_ITEM)
    if item.base_version is not None and not 1 <= item.base_version < item.version:
        return _reject(item_id, version, REJECT_INVALID_ITEM)
    try:
        # `canonical_json` as text: hashed as UTF-8, stored as it is.
        canonical = CANONICAL_ENCODER.encode(item.payload)
        actual = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    except (TypeError, ValueError):
        return _reject(item_id, version, REJECT_BAD_PAYLOAD)
    if actual != item.content_hash.lower():
        return _reject(item_id, version, REJECT_HASH_MISMATCH)
    return _Checked(item=item, content_hash=actual, payload_json=canonical)


@dataclass
class _Known:
    type: str
    versions: dict[int, str]
    current: int | None
    area: str | None = None


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), ID_CHUNK):
        yield values[start : start + ID_CHUNK]


def _load_known(connection: sa.Connection, ids: Sequence[str]) -> dict[str, _Known]:
    """Every stored (id, type, version, hash, is_current) of the batch's ids: one SELECT."""
    known: dict[str, _Known] = {}
    for chunk in _chunks(ids):
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


def record_batch(
    *, session: Session, device: Device, request: PushEnvelope, now: datetime
) -> bytes:
    """Store a push batch and answer every item: the `PushResponse` JSON, serialised once.

    Replaying a batch id returns the stored answer. Idempotent under concurrency: writers are
    serialised and (id, version) is unique, so an IntegrityError can only mean another request
    stored the same thing first; it is retried once against the committed state.
    """
    # Validation and hashing need no database: done before the write lock is taken.
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


def _record_batch_once(
    *,
    session: Session,
    device: Device,
    request: PushEnvelope,
    checked: Sequence[_Checked | dict[str, Any]],
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

    ids = sorted({c.item.id for c in checked if isinstance(c, _Checked)})
    known = _load_known(connection, ids)
    results: list[dict[str, Any]] = []
    accepted: list[_Checked] = []
    for entry in checked:
        if isinstance(entry, dict):
            results.append(entry)
            continue
        item = entry.item
        state = known.get(item.id)
        if state is None:
            state = known[item.id] = _Known(type=item.type, versions={}, current=None)
        if state.type != item.type:
            results.append(_reject(item.id, item.version, "type_mismatch"))
            continue
        if state.area is not None and state.area != device.area:
            # A device writes only inside its own area; anything else would move a resident
            # out of the area that follows them up.
            results.append(_reject(item.id, item.version, "wrong_area"))
            continue
        latest = max(state.versions) if state.versions else None
        if item.version in state.versions:
            if state.versions[item.version] == entry.content_hash:
                results.append(_result(item.id, item.version, "duplicate"))
            else:
                results.append(_conflict(item, server_version=latest))
            continue
        if latest is not None and item.version > latest and item.base_version != latest:
            results.append(_conflict(item, server_version=latest))
            continue
        # Older missing versions (a server restored from backup) are kept as history.
        state.versions[item.version] = entry.content_hash
        accepted.append(entry)
        results.append(_result(item.id, item.version, "accepted"))

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


def _conflict(item: PushItem, *, server_version: int | None) -> dict[str, Any]:
    return _result(
        item.id,
        item.version,
        "conflict",
        code="conflict",
        message=MESSAGES["conflict"],
        server_version=server_version,
    )


def _insert_accepted(
    *,
    connection: sa.Connection,
    device: Device,
    accepted: Sequence[_Checked],
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
    for chunk in _chunks(moved):
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


def _note_read(
    *, session: Session, kind: str, device: Device, counts: dict[str, Any], now: datetime
) -> None:
    """Audit a read and mark the device seen: the read's snapshot ends first, then a short write."""
    session.commit()
    connection = session.connection()
    begin_write(connection)
    connection.execute(
        sa.insert(AUDIT).values(kind=kind, device_id=device.id, counts=counts, at=now)
    )
    connection.execute(sa.update(DEVICE).where(DEVICE.c.id == device.id).values(last_seen=now))
    session.commit()


@dataclass(frozen=True)
class Cursor:
    """Where a device's pull stopped: sequence numbers plus a mark of the row at each.

    The marks catch a database restored from an older copy that has since reused those numbers
    for other rows; the epoch catches a cursor from another server altogether.
    """

    epoch: str
    entry_seq: int = 0
    entry_mark: str = ""
    followup_seq: int = 0
    followup_mark: str = ""

    def encode(self) -> str:
        fields = (
            self.epoch,
            self.entry_seq,
            self.entry_mark,
            self.followup_seq,
            self.followup_mark,
        )
        raw = "1:" + ":".join(str(f) for f in fields)
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @staticmethod
    def decode(text: str) -> Cursor | None:
        try:
            padded = text + "=" * (-len(text) % 4)
            raw = base64.urlsafe_b64decode(padded.encode()).decode()
            version, epoch, entry_seq, entry_mark, followup_seq, followup_mark = raw.split(":")
            if version != "1":
                return None
            return Cursor(
                epoch=epoch,
                entry_seq=int(entry_seq),
                entry_mark=entry_mark,
                followup_seq=int(followup_seq),
                followup_mark=followup_mark,
            )
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return None


def _mark(*parts: object) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _entry_mark_at(session: Session, seq: int) -> str | None:
    if seq == 0:
        return ""
    row = session.execute(sa.select(ENTRY.c.id, ENTRY.c.version).where(ENTRY.c.seq == seq)).first()
    return _mark(row.id, row.version) if row else None


def _followup_mark_at(session: Session, seq: int) -> str | None:
    if seq == 0:
        return ""
    row = session.execute(sa.select(FOLLOW_UP.c.id).where(FOLLOW_UP.c.seq == seq)).first()
    return _mark(row.id) if row else None


def _cursor_holds(session: Session, cursor: Cursor, *, epoch: str) -> bool:
    return (
        cursor.epoch == epoch
        and _entry_mark_at(session, cursor.entry_seq) == cursor.entry_mark
        and _followup_mark_at(session, cursor.followup_seq) == cursor.followup_mark
    )


def pull_changes(
    *, session: Session, device: Device, cursor: str | None, limit: int, now: datetime
) -> PullResponse:
    """Current people and follow-ups of the device's area after `cursor`, oldest first."""
    limit = max(1, min(limit, MAX_PULL_LIMIT))
    epoch = server_epoch(session)
    start = Cursor(epoch=epoch)
    if cursor:
        parsed = Cursor.decode(cursor)
        if parsed is None or not _cursor_holds(session, parsed, epoch=epoch):
            # Unknown, foreign, or from a newer copy of this database than the one now running.
            session.rollback()
            return PullResponse(
                people=[],
                followups=[],
                cursor=start.encode(),
                must_resync=True,
                has_more=False,
                server_time=now,
            )
        start = parsed
    people_rows = list(
        session.execute(
            sa.select(
                ENTRY.c.seq, ENTRY.c.id, ENTRY.c.version, ENTRY.c.content_hash, ENTRY.c.payload
            )
            .where(
                ENTRY.c.area == device.area,
                ENTRY.c.type == "person",
                ENTRY.c.is_current.is_(True),
                ENTRY.c.seq > start.entry_seq,
            )
            .order_by(ENTRY.c.seq)
            .limit(limit + 1)
        )
    )
    followup_rows = list(
        session.execute(
            sa.select(FOLLOW_UP)
            .where(FOLLOW_UP.c.area == device.area, FOLLOW_UP.c.seq > start.followup_seq)
            .order_by(FOLLOW_UP.c.seq)
            .limit(limit + 1)
        )
    )
    has_more = len(people_rows) > limit or len(followup_rows) > limit
    people_rows = people_rows[:limit]
    followup_rows = followup_rows[:limit]
    next_cursor = start
    if people_rows:
        last = people_rows[-1]
        next_cursor = replace(
            next_cursor, entry_seq=last.seq, entry_mark=_mark(last.id, last.version)
        )
    if followup_rows:
        last_followup = followup_rows[-1]
        next_cursor = replace(
            next_cursor, followup_seq=last_followup.seq, followup_mark=_mark(last_followup.id)
        )
    people = [
        {"id": r.id, "version": r.version, "content_hash": r.content_hash, "payload": r.payload}
        for r in people_rows
    ]
    followups = [
        {
            "id": r.id,
            "person_id": r.person_id,
            "visit_id": r.visit_id,
            "outcome": r.outcome,
            "note": r.note,
            "recorded_at": utc(r.recorded_at).isoformat(),
        }
        for r in followup_rows
    ]
    _note_read(
        session=session,
        kind="pull",
        device=device,
        counts={"people": len(people), "followups": len(followups)},
        now=now,
    )
    return PullResponse(
        people=people,
        followups=followups,
        cursor=next_cursor.encode(),
        must_resync=False,
        has_more=has_more,
        server_time=now,
    )


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def reconcile(
    *, session: Session, device: Device, request: ReconcileRequest, now: datetime
) -> ReconcileResponse:
    """Compare the device's per-day digests with what this server holds from that device.

    A day that differs comes back in `missing_days` unless the device listed its ids for it; then
    the ids the server lacks come back in `missing_ids` (checked against every device's entries,
    so a laptop that was re-enrolled is not asked to resend what the server has).
    """
    by_day: dict[date, list[tuple[str, str]]] = {}
    if request.days:
        low, _ = _day_bounds(min(d.day for d in request.days))
        _, high = _day_bounds(max(d.day for d in request.days))
        rows = session.execute(
            sa.select(ENTRY.c.id, ENTRY.c.content_hash, ENTRY.c.recorded_at).where(
                ENTRY.c.device_id == device.id,
                ENTRY.c.recorded_at >= low,
                ENTRY.c.recorded_at < high,
            )
        )
        for row in rows:
            by_day.setdefault(utc(row.recorded_at).date(), []).append((row.id, row.content_hash))
    missing_days: list[date] = []
    wanted: list[tuple[str, str | None]] = []
    for day in sorted(request.days, key=lambda d: d.day):
        held = by_day.get(day.day, [])
        if len(held) == day.count and day_digest(held) == day.digest:
            continue
        if not day.ids:
            missing_days.append(day.day)
            continue
        for line in day.ids:
            item_id, sep, item_hash = line.partition(":")
            wanted.append((item_id, item_hash.lower() if sep else None))
    missing_ids = _missing(session=session, wanted=wanted)
    _note_read(
        session=session,
        kind="reconcile",
        device=device,
        counts={
            "days": len(request.days),
            "missing_days": len(missing_days),
            "missing_ids": len(missing_ids),
        },
        now=now,
    )
    return ReconcileResponse(missing_days=missing_days, missing_ids=missing_ids)


def _missing(*, session: Session, wanted: Sequence[tuple[str, str | None]]) -> list[str]:
    ids = sorted({item_id for item_id, _ in wanted})
    held_hashes: dict[str, set[str]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            sa.select(ENTRY.c.id, ENTRY.c.content_hash).where(ENTRY.c.id.in_(chunk))
        )
        for row in rows:
            held_hashes.setdefault(row.id, set()).add(row.content_hash)
    missing: list[str] = []
    seen: set[str] = set()
    for item_id, item_hash in wanted:
        hashes = held_hashes.get(item_id)
        lacking = hashes is None or (item_hash is not None and item_hash not in hashes)
        if lacking and item_id not in seen:
            seen.add(item_id)
            missing.append(item_id)
    return missing


def add_follow_up(
    *,
    session: Session,
    area: str,
    outcome: str,
    person_id: str | None = None,
    visit_id: str | None = None,
    note: str = "",
    recorded_at: datetime,
    now: datetime,
    recorded_by: str | None = None,
) -> str:
    """Record a referral follow-up; devices of `area` receive it on their next pull.

    `recorded_by` is the staff username when it comes from the dashboard.
    """
    lock_writes(session.connection())
    follow_up_id = str(uuid.uuid4())
    session.add(
        FollowUp(
            id=follow_up_id,
            person_id=person_id,
            visit_id=visit_id,
            area=area,
            outcome=outcome,
            note=note,
            recorded_at=utc(recorded_at),
            created_at=now,
            recorded_by=recorded_by,
        )
    )
    add_audit(session=session, kind="follow_up", device_id=None, counts={}, now=now)
    session.commit()
    return follow_up_id


def entry_versions(*, session: Session, item_id: str) -> list[dict[str, Any]]:
    """Every stored version of one record, oldest first (for the dashboard and for checks)."""
    rows = session.execute(
        sa.select(
            ENTRY.c.seq, ENTRY.c.version, ENTRY.c.content_hash, ENTRY.c.is_current, ENTRY.c.area
        )
        .where(ENTRY.c.id == item_id)
        .order_by(ENTRY.c.version)
    )
    return [dict(row._mapping) for row in rows]


def health_check(session: Session) -> bool:
    session.execute(sa.text("SELECT 1"))
    return True


def audit_rows(session: Session) -> list[dict[str, Any]]:
    """The audit rows (kind, device, counts, time), oldest first."""
    rows = session.execute(sa.select(AUDIT).order_by(AUDIT.c.id))
    return [dict(row._mapping) for row in rows]
