"""``register.people``: registering and editing residents, each edit a new version.

Every change writes the person row, its version row, its outbox entry and an audit row in one
transaction. Errors name fields and codes, never names or NIKs.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from kader_app.core import outbox
from kader_app.core.audit import OnDuty, add_audit, now_utc
from kader_app.core.database import Database, write_transaction
from kader_app.core.database import read_connection as _read
from kader_app.core.errors import (
    DuplicateNikError,
    NotFoundError,
    PersonInputError,
    StaleVersionError,
)
from kader_app.core.models import (
    PERSON_TABLE,
    PERSON_VERSION_TABLE,
    Change,
    EntityType,
    PersonInput,
    PersonRecord,
)
from kader_app.core.normalise import normalise_name, normalise_number
from kader_app.core.records import person_payload
from kader_app.core.search import person_record, person_select, utc
from screening.rules.nik import parse_kk, parse_nik
from screening.rules.pregnancy import pregnancy_error
from screening.rules.section import Subject
from sync.protocol import payload_json

PERSON = PERSON_TABLE
PERSON_VERSION = PERSON_VERSION_TABLE


class PeopleStore:
    """Residents: add, edit (versioned), read, and find likely duplicates before adding."""

    def __init__(self, db: Database, *, device_id: str, duty: OnDuty | None = None) -> None:
        self._db = db
        self._device_id = device_id
        self._duty = duty or OnDuty()

    def register(self, data: PersonInput) -> Change:
        """Add a resident.

        Raises:
            PersonInputError: empty name, bad sex, a birth date in the future, invalid NIK or KK.
            DuplicateNikError: the NIK is already registered.
        """
        clean = validated_person(data)
        now = now_utc()
        person_id = str(uuid.uuid4())
        values = _person_values(clean, person_id=person_id, version=1, created_at=now, now=now)
        with write_transaction(self._db.engine) as conn:
            if clean.nik is not None:
                _refuse_taken_nik(conn, nik=clean.nik, exclude_id=None)
            _check_mother(conn, clean, person_id=person_id)
            try:
                conn.execute(insert(PERSON).values(**values))
            except IntegrityError:
                # Another writer took the NIK between our check and the insert.
                raise DuplicateNikError(_nik_owner(conn, clean.nik) or "") from None
            self._write_side_rows(conn, values=values, kind="create", now=now)
            pending = outbox.unsent_count(conn)
        return Change(kind="person_created", person_id=person_id, pending=pending)

    def update(self, *, person_id: str, data: PersonInput, base_version: int) -> Change:
        """Save an edit as the next version of the person.

        Raises:
            StaleVersionError: the person changed since ``base_version`` was read.
            PersonInputError, DuplicateNikError: as for :meth:`register`.
            NotFoundError: no such person.
        """
        clean = validated_person(data)
        now = now_utc()
        with write_transaction(self._db.engine) as conn:
            current = conn.execute(
                select(PERSON.c.version, PERSON.c.created_at).where(PERSON.c.id == person_id)
            ).first()
            if current is None:
                raise NotFoundError("person", person_id)
            if current.version != base_version:
                raise StaleVersionError(person_id, expected=base_version, current=current.version)
            if clean.nik is not None:
                _refuse_taken_nik(conn, nik=clean.nik, exclude_id=person_id)
            _check_mother(conn, clean, person_id=person_id)
            values = _person_values(
                clean,
                person_id=person_id,
                version=base_version + 1,
                created_at=utc(current.created_at),
                now=now,
            )
            changes = {k: v for k, v in values.items() if k not in ("id", "created_at")}
            try:
                conn.execute(
                    update(PERSON)
                    .where(PERSON.c.id == person_id, PERSON.c.version == base_version)
                    .values(**changes)
                )
            except IntegrityError:
                raise DuplicateNikError(_nik_owner(conn, clean.nik) or "") from None
            self._write_side_rows(conn, values=values, kind="edit", now=now)
            pending = outbox.unsent_count(conn)
        return Change(kind="person_updated", person_id=person_id, pending=pending)

    def possible_duplicates(
        self, data: PersonInput, *, exclude_id: str | None = None
    ) -> list[PersonRecord]:
        """People who may be the same resident: same NIK, or same name + birth date + desa."""
        nik = normalise_number(data.nik)
        name_match = (
            (PERSON.c.name_norm == normalise_name(data.name))
            & (PERSON.c.birth_date == data.birth_date)
            & (func.lower(func.trim(PERSON.c.desa)) == data.desa.strip().casefold())
        )
        condition = name_match if nik is None else (name_match | (PERSON.c.nik == nik))
        if exclude_id is not None:
            condition = condition & (PERSON.c.id != exclude_id)
        with _read(self._db.engine) as conn:
            rows = conn.execute(person_select().where(condition).limit(20)).all()
        return [person_record(r) for r in rows]

    def get(self, person_id: str) -> PersonRecord:
        """Raises: NotFoundError: no such person."""
        with _read(self._db.engine) as conn:
            row = conn.execute(person_select().where(PERSON.c.id == person_id)).first()
        if row is None:
            raise NotFoundError("person", person_id)
        return person_record(row)

    def household(self, kk: str) -> list[PersonRecord]:
        """Everyone registered on one family card (No. KK), oldest first."""
        number = normalise_number(kk)
        if number is None:
            return []
        with _read(self._db.engine) as conn:
            rows = conn.execute(
                person_select().where(PERSON.c.kk == number).order_by(PERSON.c.birth_date)
            ).all()
        return [person_record(r) for r in rows]

    def children(self, mother_id: str) -> list[PersonRecord]:
        """The children registered from this mother's record, youngest first."""
        with _read(self._db.engine) as conn:
            rows = conn.execute(
                person_select()
                .where(PERSON.c.mother_id == mother_id)
                .order_by(PERSON.c.birth_date.desc())
            ).all()
        return [person_record(r) for r in rows]

    def versions(self, person_id: str) -> list[dict[str, Any]]:
        """Every saved version of a person (oldest first), as the stored field values."""
        with _read(self._db.engine) as conn:
            rows = conn.execute(
                select(PERSON_VERSION.c.data)
                .where(PERSON_VERSION.c.person_id == person_id)
                .order_by(PERSON_VERSION.c.version)
            ).all()
        if not rows:
            raise NotFoundError("person", person_id)
        return [dict(r.data) for r in rows]

    def _write_side_rows(
        self, conn: Connection, *, values: dict[str, Any], kind: str, now: datetime
    ) -> None:
        payload = payload_json(person_payload(values, recorded_by=self._duty.name))
        conn.execute(
            insert(PERSON_VERSION).values(
                person_id=values["id"], version=values["version"], data=payload, changed_at=now
            )
        )
        outbox.add_entry(
            conn,
            entity_type=EntityType.PERSON,
            entity_id=values["id"],
            entity_version=values["version"],
            row_id=values["id"],
            person_id=values["id"],
            payload=payload,
            now=now,
        )
        add_audit(
            conn,
            kind=kind,
            entity_type="person",
            entity_id=values["id"],
            device_id=self._device_id,
            now=now,
            detail=f"v{values['version']}",
        )


def _check_mother(conn: Connection, data: PersonInput, *, person_id: str) -> None:
    """The mother of a child is a registered woman, older than the child, not the child."""
    if data.mother_id is None:
        return
    mother = conn.execute(
        select(PERSON.c.sex, PERSON.c.birth_date).where(PERSON.c.id == data.mother_id)
    ).first()
    if mother is None or data.mother_id == person_id or mother.sex != "P":
        raise PersonInputError("mother_id", "invalid")
    born = mother.birth_date
    born = date.fromisoformat(born) if isinstance(born, str) else born
    if born >= data.birth_date:
        raise PersonInputError("mother_id", "invalid")


def _refuse_taken_nik(conn: Connection, *, nik: str, exclude_id: str | None) -> None:
    owner = _nik_owner(conn, nik)
    if owner is not None and owner != exclude_id:
        raise DuplicateNikError(owner)


def _nik_owner(conn: Connection, nik: str | None) -> str | None:
    if nik is None:
        return None
    found: str | None = conn.execute(
        select(PERSON.c.id).where(PERSON.c.nik == nik)
    ).scalar_one_or_none()
    return found


def validated_person(data: PersonInput) -> PersonInput:
    """``data`` cleaned (spaces, NIK/KK separators) and checked.

    Raises:
        PersonInputError: empty name, bad sex, a birth date in the future, invalid NIK or KK.
    """
    name = " ".join(data.name.split())
    if not name:
        raise PersonInputError("name", "required")
    if data.sex not in ("L", "P"):
        raise PersonInputError("sex", "invalid")
    if data.birth_date > date.today():
        raise PersonInputError("birth_date", "in_future")
    nik = normalise_number(data.nik)
    if nik is not None:
        result = parse_nik(nik, birth_date=data.birth_date, sex=data.sex)
        if not result.valid:
            raise PersonInputError("nik", str(result.error or "invalid"))
    kk = normalise_number(data.kk)
    if kk is not None:
        kk_result = parse_kk(kk)
        if not kk_result.valid:
            raise PersonInputError("kk", str(kk_result.error or "invalid"))
    _check_pregnancy(data)
    return PersonInput(
        name=name,
        sex=data.sex,
        birth_date=data.birth_date,
        nik=nik,
        kk=kk,
        dusun=data.dusun.strip(),
        rt=data.rt.strip(),
        rw=data.rw.strip(),
        desa=data.desa.strip(),
        phone=data.phone.strip(),
        pregnancy_start=data.pregnancy_start,
        pregnancy_end=data.pregnancy_end if data.pregnancy_start is not None else None,
        mother_id=data.mother_id or None,
        kia_book=bool(data.kia_book),
    )


def _check_pregnancy(data: PersonInput) -> None:
    """A pregnancy only for a woman of childbearing age, never starting in the future."""
    start, end = data.pregnancy_start, data.pregnancy_end
    if start is None:
        return
    if start > date.today():
        raise PersonInputError("pregnancy_start", "in_future")
    subject = Subject(sex=data.sex, birth_date=data.birth_date, pregnant=True)
    if pregnancy_error(subject, start) is not None:
        raise PersonInputError("pregnancy_start", "not_childbearing")
    if end is not None and (end < start or end > date.today()):
        raise PersonInputError("pregnancy_end", "invalid")


def _person_values(
    data: PersonInput, *, person_id: str, version: int, created_at: datetime, now: datetime
) -> dict[str, Any]:
    return {
        **asdict(data),
        "id": person_id,
        "version": version,
        "name_norm": normalise_name(data.name),
        "created_at": created_at,
        "updated_at": now,
    }
