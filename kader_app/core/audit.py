"""The local audit trail: who-did-what rows, hash-chained, written inside the caller's transaction.

Kinds and ids only, never names, NIKs or measurements. Each row carries the hash of the one
before it (`sync.protocol.audit_link_hash`), so an edited or deleted past row breaks the chain;
``verify_chain`` finds where, and the chain travels to the server with the outbox.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from kader_app.core.models import AUDIT_TABLE
from sync.protocol import audit_link_hash

AUDIT = AUDIT_TABLE


@dataclass(slots=True)
class OnDuty:
    """Who is recording on this laptop now: the profile whose PIN opened or unlocked it.

    One holder shared by the stores, so every visit, edit and void carries its author as
    ``recorded_by`` without each screen passing it. Empty before anyone signs in.
    """

    profile_id: str = ""
    name: str = ""

    def author(self, given: str = "") -> str:
        """``given`` when a caller names the author, else the profile on duty."""
        return given.strip() or self.name


def now_utc() -> datetime:
    return datetime.now(UTC)


def chain_time(at: datetime | str) -> str:
    """The time as it is hashed: aware UTC ISO text with microseconds, whatever the storage gave."""
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def add_audit(
    conn: Connection,
    *,
    kind: str,
    entity_type: str,
    entity_id: str,
    device_id: str,
    now: datetime,
    detail: str = "",
) -> None:
    """Append one record to the chain (the caller's write transaction serialises appends)."""
    last = conn.execute(
        select(AUDIT.c.seq, AUDIT.c.hash)
        .where(AUDIT.c.seq.is_not(None))
        .order_by(AUDIT.c.seq.desc())
        .limit(1)
    ).first()
    seq = 1 if last is None else int(last.seq) + 1
    prev_hash = "" if last is None else str(last.hash)
    digest = audit_link_hash(
        seq=seq,
        at=chain_time(now),
        kind=kind,
        entity_type=entity_type,
        entity_id=entity_id,
        device_id=device_id,
        detail=detail,
        prev_hash=prev_hash,
    )
    conn.execute(
        insert(AUDIT).values(
            id=str(uuid.uuid4()),
            at=now,
            kind=kind,
            entity_type=entity_type,
            entity_id=entity_id,
            device_id=device_id,
            detail=detail,
            seq=seq,
            prev_hash=prev_hash,
            hash=digest,
        )
    )


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """Where the chain stops holding: the first record whose hash or link is wrong."""

    seq: int
    reason: str  # "altered" (its fields no longer give its hash) or "unlinked" (gap / wrong link)


def link_fields(row: Any) -> dict[str, Any]:
    """One stored audit row as the fields of its chain link."""
    return {
        "seq": int(row.seq),
        "at": chain_time(row.at),
        "kind": row.kind,
        "entity_type": row.entity_type,
        "entity_id": row.entity_id,
        "device_id": row.device_id,
        "detail": row.detail,
        "prev_hash": row.prev_hash or "",
        "hash": row.hash or "",
    }


def first_break(links: Iterable[dict[str, Any]]) -> ChainBreak | None:
    """The first record (in ``seq`` order, from 1) that breaks the chain, or ``None``."""
    expected_seq, expected_prev = 1, ""
    for link in links:
        if link["seq"] != expected_seq or link["prev_hash"] != expected_prev:
            return ChainBreak(seq=link["seq"], reason="unlinked")
        fields = {k: v for k, v in link.items() if k != "hash"}
        if audit_link_hash(**fields) != link["hash"]:
            return ChainBreak(seq=link["seq"], reason="altered")
        expected_seq, expected_prev = expected_seq + 1, link["hash"]
    return None


def verify_chain(conn: Connection) -> ChainBreak | None:
    """Walk the whole local chain; ``None`` when every record is as it was written."""
    rows = conn.execute(select(AUDIT).where(AUDIT.c.seq.is_not(None)).order_by(AUDIT.c.seq))
    return first_break(link_fields(row) for row in rows)
