"""Filling the summary tables from the stored entries: once after the migration that adds them.

Pushes keep the summaries up to date; this reads every current entry once, in chunks, through
the same writers, for a database that already held entries (`summary_state` "stale"). Payloads
that do not parse are counted (`unreadable_entries`) and left out. No web code here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from sync.protocol import PersonPayload, VisitPayload
from sync.server.aggregates.facts import parse_stored
from sync.server.database import lock_writes
from sync.server.models import SERVER_METADATA
from sync.server.payload_checks import person_problem_dates, visit_problem_dates
from sync.server.store.counters import (
    UNREADABLE,
    UNREADABLE_MONTH,
    Deltas,
    Group,
    apply_deltas,
)
from sync.server.store.referral_state import refresh_referrals
from sync.server.store.summary_people import CurrentPerson, apply_people
from sync.server.store.summary_visits import CurrentVisit, apply_visits
from sync.server.store.tables import DEVICE, ENTRY, META

STATE_KEY = "summary_state"
UNREADABLE_KEY = "unreadable_entries"
CHUNK = 5000
SUMMARY_TABLES = (
    "open_referral",
    "month_count",
    "month_person",
    "month_result",
    "visit_fact",
    "person_fact",
)


def _set_meta(connection: sa.Connection, key: str, value: str) -> None:
    connection.execute(sa.delete(META).where(META.c.key == key))
    connection.execute(sa.insert(META).values(key=key, value=value))


def rebuild_if_stale(engine: Engine) -> bool:
    """Rebuild the summaries when the database asks for it; whether it did."""
    with engine.begin() as connection:
        lock_writes(connection)
        state = connection.execute(sa.select(META.c.value).where(META.c.key == STATE_KEY)).scalar()
        if state != "stale":
            return False
        rebuild(connection)
    return True


def rebuild_now(engine: Engine) -> int:
    """Rebuild the summaries at once (after repairs by hand); the unreadable count."""
    with engine.begin() as connection:
        lock_writes(connection)
        return rebuild(connection)


def rebuild(connection: sa.Connection) -> int:
    """Empty the summaries and fill them from every current entry; the unreadable count."""
    for name in SUMMARY_TABLES:
        connection.execute(sa.delete(SERVER_METADATA.tables[name]))
    unreadable = 0
    after = 0
    while True:
        rows = connection.execute(
            sa.select(
                ENTRY.c.seq,
                ENTRY.c.id,
                ENTRY.c.type,
                sa.cast(ENTRY.c.payload, sa.Text).label("payload"),
                ENTRY.c.area,
                DEVICE.c.posyandu,
                DEVICE.c.puskesmas,
            )
            .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
            .where(ENTRY.c.is_current.is_(True), ENTRY.c.seq > after)
            .order_by(ENTRY.c.seq)
            .limit(CHUNK)
        ).all()
        if not rows:
            break
        after = rows[-1].seq
        people, visits, bad = _read(rows)
        unreadable += sum(bad.values())
        deltas = Deltas()
        for group, count in bad.items():
            deltas.add(UNREADABLE_MONTH, group, UNREADABLE, count)
        apply_deltas(connection, deltas)
        apply_people(connection, people)
        refresh_referrals(connection, apply_visits(connection, visits))
    _set_meta(connection, UNREADABLE_KEY, str(unreadable))
    _set_meta(connection, STATE_KEY, "ready")
    return unreadable


def _read(
    rows: Sequence[Any],
) -> tuple[list[CurrentPerson], list[CurrentVisit], Counter[Group]]:
    people: list[CurrentPerson] = []
    visits: list[CurrentVisit] = []
    bad: Counter[Group] = Counter()
    for row in rows:
        group = Group(row.puskesmas, row.area, row.posyandu)
        if row.type == "person":
            person = parse_stored(PersonPayload, row.payload)
            if person is None or person_problem_dates(person):
                bad[group] += 1
            else:
                people.append(CurrentPerson(group=group, payload=person))
        elif row.type == "visit":
            visit = parse_stored(VisitPayload, row.payload)
            if visit is None or visit_problem_dates(visit):
                bad[group] += 1
            else:
                visits.append(CurrentVisit(visit_key=row.id, group=group, payload=visit))
    return people, visits, bad
