"""Referral follow-ups recorded by Puskesmas staff; the area's devices receive them on pull.

No web code here; the note is stored as written and never logged.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session

from sync.server.database import lock_writes
from sync.server.models import FollowUp
from sync.server.store.referral_state import refresh_referrals
from sync.server.store.tables import add_audit
from sync.server.times import utc


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
    puskesmas: str = "",
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
            puskesmas=puskesmas,
        )
    )
    session.flush()
    if person_id is not None:
        # The resident's referral list entry closes in the same transaction.
        refresh_referrals(session.connection(), [person_id])
    add_audit(session=session, kind="follow_up", device_id=None, counts={}, now=now)
    session.commit()
    return follow_up_id
