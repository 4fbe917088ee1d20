"""How a page of pulled residents is checked, looked up and written: set-wise, on the driver.

A first sync brings tens of thousands of residents in pages of 1,000. Each page is checked in
one validation call, looked up with one statement per question (the page's ids or NIKs passed
as one JSON array, so no statement is rebuilt for a list of a new length), and written with a
few prepared statements binding plain tuples. Residents new to this laptop get their search
row in the same transaction, in one statement, instead of one trigger run (an insert and an
update of the person row) each: the insert trigger of the search index leaves alone a row that
arrives with its search id (schema 8). Residents already here are updated as before, and the
update trigger keeps their search row in step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

import pydantic
from sqlalchemy import Connection

from kader_app.core.models import EntityType, OutboxState
from kader_app.core.normalise import normalise_name
from kader_app.core.records import PERSON_FIELDS
from screening.rules.nik import parse_kk, parse_nik

if TYPE_CHECKING:
    # The wire models (pydantic) load only when pulled rows arrive, not at every start.
    from sync.protocol import PulledPerson

# The wire's fields, with the normalised name for search after the name.
PERSON_COLUMNS = (*PERSON_FIELDS[:3], "name_norm", *PERSON_FIELDS[3:])
# Positions in a row tuple of `person_tuple`.
ID, NAME_NORM, NIK = 0, 3, 6

_UPSERT_PERSON = (
    f"INSERT INTO person ({', '.join(PERSON_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in PERSON_COLUMNS)}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in PERSON_COLUMNS if c not in ("id", "created_at"))
)
# A new resident with its search id: the insert trigger leaves such a row alone.
_INSERT_NEW_PERSON = (
    f"INSERT INTO person ({', '.join(PERSON_COLUMNS)}, sid) "
    f"VALUES ({', '.join('?' for _ in PERSON_COLUMNS)}, ?)"
)
_INSERT_SEARCH = "INSERT INTO person_search (rowid, name_norm, nik) VALUES (?, ?, ?)"
# The highest search id in use, in the person table or in the index itself.
_LAST_SID = (
    "SELECT max(coalesce((SELECT max(sid) FROM person), 0), "
    "coalesce((SELECT rowid FROM person_search ORDER BY rowid DESC LIMIT 1), 0))"
)
_INSERT_VERSION = (
    "INSERT INTO person_version (person_id, version, data, changed_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING"
)
_LOCAL_VERSIONS = "SELECT id, version FROM person WHERE id IN (SELECT value FROM json_each(?))"
_UNSENT = (
    "SELECT DISTINCT entity_id FROM outbox WHERE entity_type = ? AND state != ? "
    "AND entity_id IN (SELECT value FROM json_each(?))"
)
_NIK_OWNERS = "SELECT nik, id FROM person WHERE nik IN (SELECT value FROM json_each(?))"


@cache
def _page_adapter() -> pydantic.TypeAdapter[list[PulledPerson]]:
    from sync.protocol import PulledPerson

    return pydantic.TypeAdapter(list[PulledPerson])


def _each_valid(people: Sequence[Mapping[str, Any]]) -> Iterable[PulledPerson]:
    try:
        yield from _page_adapter().validate_python(people)
        return
    except pydantic.ValidationError:
        pass
    from sync.protocol import PulledPerson

    for raw in people:
        try:
            yield PulledPerson.model_validate(raw)
        except pydantic.ValidationError:
            # A malformed row from the server is skipped, never half-stored.
            continue


def valid_people(people: Sequence[Mapping[str, Any]]) -> dict[str, PulledPerson]:
    """The page's well-formed residents by id, the highest version of each.

    The page is checked in one call; only when some row is malformed is it checked row by row,
    so that the malformed rows alone are skipped.
    """
    chosen: dict[str, PulledPerson] = {}
    for person in _each_valid(people):
        payload = person.payload
        nik_ok = (
            payload.nik is None
            or parse_nik(payload.nik, birth_date=payload.birth_date, sex=payload.sex).valid
        )
        kk_ok = payload.kk is None or parse_kk(payload.kk).valid
        if not (payload.name.strip() and nik_ok and kk_ok) or payload.id != person.id:
            continue
        if person.id not in chosen or chosen[person.id].version < person.version:
            chosen[person.id] = person
    return chosen


def _driver_rows(conn: Connection, sql: str, values: tuple[Any, ...]) -> list[Any]:
    return list(conn.exec_driver_sql(sql, values).all())


def local_versions(conn: Connection, ids: Sequence[str]) -> dict[str, int]:
    """The stored version of each of these residents that is on this laptop."""
    return {i: v for i, v in _driver_rows(conn, _LOCAL_VERSIONS, (json.dumps(list(ids)),))}


def unsent_people(conn: Connection, ids: Sequence[str]) -> set[str]:
    """Those of these residents with a person entry not yet acknowledged by the server."""
    values = (EntityType.PERSON.value, OutboxState.ACKED.value, json.dumps(list(ids)))
    return {row[0] for row in _driver_rows(conn, _UNSENT, values)}


def nik_owners(conn: Connection, niks: Sequence[str]) -> dict[str, str]:
    """The local resident holding each of these NIKs."""
    return {n: i for n, i in _driver_rows(conn, _NIK_OWNERS, (json.dumps(list(niks)),))}


def _stored_time(value: datetime) -> str:
    """A time as the DateTime columns store it on SQLite: naive UTC text."""
    if value.tzinfo is not None:
        if value.utcoffset():
            value = value.astimezone(UTC)
        value = value.replace(tzinfo=None)
    return value.isoformat(sep=" ", timespec="microseconds")


def _stored_day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def person_tuple(person: PulledPerson) -> tuple[Any, ...]:
    """One resident as a row of the person table, in `PERSON_COLUMNS` order."""
    p = person.payload
    name = " ".join(p.name.split())
    return (
        person.id,
        person.version,
        name,
        normalise_name(name),
        p.sex,
        p.birth_date.isoformat(),
        # The wire model holds a NIK and a KK as 16 digits already: nothing to normalise.
        p.nik or None,
        p.kk or None,
        p.dusun,
        p.rt,
        p.rw,
        p.desa,
        p.phone,
        _stored_day(p.pregnancy_start),
        _stored_day(p.pregnancy_end),
        p.mother_id,
        int(bool(p.kia_book)),
        _stored_time(p.created_at),
        _stored_time(p.updated_at),
    )


def write_people(
    conn: Connection,
    rows: Sequence[tuple[Any, ...]],
    *,
    pulled: Mapping[str, PulledPerson],
    local: Mapping[str, int],
    now: datetime,
) -> None:
    """Store pulled residents (rows of `person_tuple`) and their versions in one transaction.

    ``local`` holds the stored version of those already on this laptop, read in the same
    transaction: the others are inserted with their search rows, the rest updated.
    """
    fresh = [row for row in rows if row[ID] not in local]
    known = [row for row in rows if row[ID] in local]
    if fresh:
        last = int(conn.exec_driver_sql(_LAST_SID).scalar_one())
        sids = range(last + 1, last + 1 + len(fresh))
        conn.exec_driver_sql(
            _INSERT_NEW_PERSON, [(*row, sid) for row, sid in zip(fresh, sids, strict=True)]
        )
        conn.exec_driver_sql(
            _INSERT_SEARCH,
            [(sid, row[NAME_NORM], row[NIK] or "") for row, sid in zip(fresh, sids, strict=True)],
        )
    if known:
        conn.exec_driver_sql(_UPSERT_PERSON, list(known))
    changed = _stored_time(now)
    conn.exec_driver_sql(
        _INSERT_VERSION,
        [(row[ID], row[1], pulled[row[ID]].payload.model_dump_json(), changed) for row in rows],
    )
