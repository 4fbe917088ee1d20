"""Pull: the current people and the follow-ups of a device's area after its cursor, oldest first.

A read (no write lock) followed by a short audit write; one query per page for the people, their
payloads handed back as the stored JSON text (no per-row decoding). Every page also carries the
whole set of sasaran estimates of the device's own Posyandu. No web code here.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, replace
from datetime import datetime

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlmodel import Session

from sync.protocol import CANONICAL_ENCODER, ServerMark
from sync.server.models import Device
from sync.server.store.estimates import device_estimates
from sync.server.store.tables import ENTRY, FOLLOW_UP, note_read
from sync.server.times import utc

MAX_PULL_LIMIT = 1000
MAX_CURSOR_SEQ = 2**62
_TIME: TypeAdapter[datetime] = TypeAdapter(datetime)


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
            numbers = (entry_seq, followup_seq)
            if not all(n.isdigit() and len(n) <= 19 for n in numbers):
                return None
            found = Cursor(
                epoch=epoch,
                entry_seq=int(entry_seq),
                entry_mark=entry_mark,
                followup_seq=int(followup_seq),
                followup_mark=followup_mark,
            )
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return None
        if max(found.entry_seq, found.followup_seq) > MAX_CURSOR_SEQ:
            return None
        return found


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


def _json(value: object) -> str:
    return CANONICAL_ENCODER.encode(value)


def _answer(
    *,
    people: str,
    followups: str,
    cursor: Cursor,
    must_resync: bool,
    has_more: bool,
    now: datetime,
    mark: ServerMark,
    estimates: list[dict[str, int | str]] | None = None,
) -> bytes:
    """The `PullResponse` JSON, the people's payloads spliced in as stored."""
    fields = [
        f'"people":[{people}]',
        f'"followups":[{followups}]',
        f'"cursor":{_json(cursor.encode())}',
        f'"must_resync":{_json(must_resync)}',
        f'"has_more":{_json(has_more)}',
        f'"server_time":{_json(_TIME.dump_python(now, mode="json"))}',
        f'"server":{_json(mark.model_dump())}',
    ]
    if estimates is not None:
        fields.append(f'"estimates":{_json(estimates)}')
    return ("{" + ",".join(fields) + "}").encode("utf-8")


def pull_changes(
    *,
    session: Session,
    device: Device,
    cursor: str | None,
    limit: int,
    now: datetime,
    mark: ServerMark,
) -> bytes:
    """Current people and follow-ups of the device's area after `cursor`, oldest first.

    The answer is the `PullResponse` JSON. A cursor from another database (or another copy of
    this one, `mark.database_id`) or one pointing past what is held asks for a resync.
    """
    limit = max(1, min(limit, MAX_PULL_LIMIT))
    epoch = mark.database_id
    start = Cursor(epoch=epoch)
    if cursor:
        parsed = Cursor.decode(cursor)
        if parsed is None or not _cursor_holds(session, parsed, epoch=epoch):
            # Unknown, foreign, or from a newer copy of this database than the one now running.
            session.rollback()
            return _answer(
                people="",
                followups="",
                cursor=start,
                must_resync=True,
                has_more=False,
                now=now,
                mark=mark,
            )
        start = parsed
    people_rows = session.execute(
        sa.select(
            ENTRY.c.seq,
            ENTRY.c.id,
            ENTRY.c.version,
            ENTRY.c.content_hash,
            sa.cast(ENTRY.c.payload, sa.Text).label("payload"),
        )
        .where(
            ENTRY.c.area == device.area,
            ENTRY.c.type == "person",
            ENTRY.c.is_current.is_(True),
            ENTRY.c.seq > start.entry_seq,
        )
        .order_by(ENTRY.c.seq)
        .limit(limit + 1)
    ).all()
    followup_rows = session.execute(
        sa.select(FOLLOW_UP)
        .where(FOLLOW_UP.c.area == device.area, FOLLOW_UP.c.seq > start.followup_seq)
        .order_by(FOLLOW_UP.c.seq)
        .limit(limit + 1)
    ).all()
    estimates = device_estimates(session, device=device)
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
    # Each person's payload goes back exactly as it was pushed (its hash still holds). Ids and
    # hashes are plain ASCII the server wrote itself; the payload is the stored JSON text.
    people = ",".join(
        f'{{"id":"{r.id}","version":{int(r.version)},"content_hash":"{r.content_hash}",'
        f'"payload":{r.payload}}}'
        for r in people_rows
    )
    followups = ",".join(
        _json(
            {
                "id": r.id,
                "person_id": r.person_id,
                "visit_id": r.visit_id,
                "outcome": r.outcome,
                "note": r.note,
                "recorded_at": utc(r.recorded_at).isoformat(),
            }
        )
        for r in followup_rows
    )
    note_read(
        session=session,
        kind="pull",
        device=device,
        counts={"people": len(people_rows), "followups": len(followup_rows)},
        now=now,
    )
    return _answer(
        people=people,
        followups=followups,
        cursor=next_cursor,
        must_resync=False,
        has_more=has_more,
        now=now,
        mark=mark,
        estimates=estimates,
    )
