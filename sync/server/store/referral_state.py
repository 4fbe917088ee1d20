"""Keeping the open referrals: per resident, their latest referral that no follow-up has closed.

A follow-up closes the visit it names and every earlier referral of that resident (one without
a visit closes all up to when it was recorded). Worked out again for the residents a batch or a
follow-up touched, from their own rows only. No web code here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from sync.server.models import SERVER_METADATA
from sync.server.store.counters import replace_rows
from sync.server.store.tables import FOLLOW_UP, chunks, one_of
from sync.server.times import utc

VISIT_FACT = SERVER_METADATA.tables["visit_fact"]
OPEN_REFERRAL = SERVER_METADATA.tables["open_referral"]
REFERRAL_LEVELS = ("refer", "urgent")


def refresh_referrals(connection: sa.Connection, person_ids: Iterable[str]) -> None:
    """Redo the open referral of each of these residents."""
    persons = sorted(set(person_ids))
    if not persons:
        return
    referrals: dict[str, list[Any]] = {}
    closing: dict[str, list[tuple[str | None, datetime]]] = {}
    for chunk in chunks(persons):
        for row in connection.execute(
            sa.select(VISIT_FACT).where(
                one_of(connection, VISIT_FACT.c.person_id, chunk),
                VISIT_FACT.c.voided.is_(False),
                VISIT_FACT.c.level.in_(REFERRAL_LEVELS),
            )
        ):
            referrals.setdefault(row.person_id, []).append(row)
        for row in connection.execute(
            sa.select(FOLLOW_UP.c.person_id, FOLLOW_UP.c.visit_id, FOLLOW_UP.c.recorded_at).where(
                one_of(connection, FOLLOW_UP.c.person_id, chunk)
            )
        ):
            closing.setdefault(row.person_id, []).append((row.visit_id, utc(row.recorded_at)))
    named = sorted({v for rows in closing.values() for v, _ in rows if v})
    named_at: dict[str, datetime] = {}
    for chunk in chunks(named):
        for row in connection.execute(
            sa.select(VISIT_FACT.c.visit_key, VISIT_FACT.c.row_id, VISIT_FACT.c.measured_at).where(
                sa.or_(
                    one_of(connection, VISIT_FACT.c.visit_key, chunk),
                    one_of(connection, VISIT_FACT.c.row_id, chunk),
                )
            )
        ):
            named_at[row.visit_key] = named_at[row.row_id] = utc(row.measured_at)
    fresh = []
    for person in persons:
        closed: datetime | None = None
        for visit_id, recorded_at in closing.get(person, []):
            at = named_at.get(visit_id) if visit_id else recorded_at
            if at is not None and (closed is None or at > closed):
                closed = at
        candidates = [
            r for r in referrals.get(person, []) if closed is None or utc(r.measured_at) > closed
        ]
        if not candidates:
            continue
        latest = max(candidates, key=lambda r: (utc(r.measured_at), r.visit_key))
        fresh.append(
            {
                "person_id": person,
                "puskesmas": latest.puskesmas,
                "area": latest.area,
                "posyandu": latest.posyandu,
                "visit_key": latest.visit_key,
                "row_id": latest.row_id,
                "urgent": latest.level == "urgent",
                "measured_at": utc(latest.measured_at),
                "measured_on": latest.measured_on,
                "sections": latest.sections,
            }
        )
    replace_rows(connection, OPEN_REFERRAL, key="person_id", keys=persons, rows=fresh)
