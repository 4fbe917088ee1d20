"""Keeping the resident summaries: each resident's current version and the registration counts.

Called inside the push transaction with the batch's new current person versions; a resident
counts as registered in the month of their ``created_at``, where their device's Posyandu is.
No web code here; names and NIKs are stored for the referral list and never logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from sync.protocol import PersonPayload
from sync.server.models import SERVER_METADATA
from sync.server.store.counters import REGISTERED, Deltas, Group, apply_deltas, replace_rows
from sync.server.store.tables import chunks, one_of

PERSON_FACT = SERVER_METADATA.tables["person_fact"]


@dataclass(frozen=True, slots=True)
class CurrentPerson:
    group: Group
    payload: PersonPayload


def address_of(payload: PersonPayload) -> str:
    """``Dusun Krajan RT 001/RW 002, Sukamaju`` — the parts that are filled in."""
    parts = []
    if payload.dusun:
        parts.append(f"Dusun {payload.dusun}")
    if payload.rt or payload.rw:
        parts.append(f"RT {payload.rt or '–'}/RW {payload.rw or '–'}")
    where = " ".join(parts)
    return ", ".join(p for p in (where, payload.desa) if p)


def person_row(person: CurrentPerson) -> dict[str, Any]:
    p = person.payload
    return {
        "person_id": p.id,
        "puskesmas": person.group.puskesmas,
        "area": person.group.area,
        "posyandu": person.group.posyandu,
        "registered_month": p.created_at.date().replace(day=1),
        "name": p.name,
        "nik": p.nik,
        "phone": p.phone,
        "address": address_of(p),
    }


def apply_people(connection: sa.Connection, people: Sequence[CurrentPerson]) -> None:
    """Store the residents' current versions and move their registration counts."""
    if not people:
        return
    latest = {p.payload.id: p for p in people}
    ids = sorted(latest)
    deltas = Deltas()
    for chunk in chunks(ids):
        rows = connection.execute(
            sa.select(
                PERSON_FACT.c.puskesmas,
                PERSON_FACT.c.area,
                PERSON_FACT.c.posyandu,
                PERSON_FACT.c.registered_month,
            ).where(one_of(connection, PERSON_FACT.c.person_id, chunk))
        )
        for row in rows:
            deltas.add(
                row.registered_month, Group(row.puskesmas, row.area, row.posyandu), REGISTERED, -1
            )
    fresh = [person_row(p) for p in latest.values()]
    for values in fresh:
        group = Group(values["puskesmas"], values["area"], values["posyandu"])
        deltas.add(values["registered_month"], group, REGISTERED, 1)
    replace_rows(connection, PERSON_FACT, key="person_id", keys=ids, rows=fresh)
    apply_deltas(connection, deltas)
