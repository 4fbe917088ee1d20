"""``register.visits``: recording, correcting and voiding screening visits, and reading history.

A visit is classified once, when saved; its payload (inputs, states, classes, rules version)
is stored in the visit row and its outbox entry in one transaction, with an audit row. A
correction or a void is a new version; nothing is ever recomputed on reading.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, insert, select, update

from kader_app.core import outbox
from kader_app.core.audit import OnDuty, add_audit, now_utc
from kader_app.core.database import Database, write_transaction
from kader_app.core.database import read_connection as _read
from kader_app.core.errors import NotFoundError, PersonInputError, StaleVersionError
from kader_app.core.models import (
    FOLLOW_UP_TABLE,
    PERSON_TABLE,
    VISIT_TABLE,
    Change,
    EntityType,
    FollowUpRecord,
    VisitRecord,
)
from kader_app.core.records import (
    VisitHeader,
    complete_sections_text,
    visit_payload,
    visit_record,
    with_header,
)
from screening.rules.pregnancy import pregnant_on
from screening.rules.section import Earlier, RuleSettings, Subject
from screening.rules.visit import VisitInput, carried_inputs, checked_evaluation
from sync.protocol import VisitPayload, payload_json

PERSON = PERSON_TABLE
VISIT = VISIT_TABLE
FOLLOW_UP = FOLLOW_UP_TABLE
PLACES = frozenset({"posyandu", "kunjungan_rumah"})


class VisitStore:
    """Screening visits: every version kept, the current one flagged."""

    def __init__(self, db: Database, *, device_id: str, duty: OnDuty | None = None) -> None:
        self._db = db
        self._device_id = device_id
        self._duty = duty or OnDuty()

    def record(
        self,
        *,
        person_id: str,
        inputs: VisitInput,
        settings: RuleSettings,
        place: str = "posyandu",
        recorded_by: str = "",
        measured_at: datetime | None = None,
    ) -> Change:
        """Classify and save a new visit.

        ``measured_at`` (local, with its offset) defaults to now, or to noon of ``measured_on``
        for a visit entered on a later day from paper; its date must be the inputs'
        ``measured_on``, the date the rules classified for.

        Raises:
            VisitRefusedError: refused inputs, or no complete section (nothing is saved).
            PersonInputError: unknown ``place``, or a measurement time not on ``measured_on``.
            NotFoundError: no such person.
        """
        if place not in PLACES:
            raise PersonInputError("place", "invalid")
        local = _measured_at(measured_at, inputs)
        if local.date() != inputs.measured_on:
            raise PersonInputError("measured_at", "invalid")
        evaluation = checked_evaluation(inputs, settings)
        visit_id = str(uuid.uuid4())
        header = VisitHeader(
            id=visit_id,
            visit_key=visit_id,
            version=1,
            replaces_id=None,
            person_id=person_id,
            measured_at=local,
            place=place,
            recorded_by=self._duty.author(recorded_by),
        )
        payload = visit_payload(header, inputs=inputs, evaluation=evaluation, settings=settings)
        now = now_utc()
        with write_transaction(self._db.engine) as conn:
            exists = conn.execute(select(PERSON.c.id).where(PERSON.c.id == person_id)).first()
            if exists is None:
                raise NotFoundError("person", person_id)
            self._write(conn, payload=payload, kind="create", now=now)
            pending = outbox.unsent_count(conn)
        return Change(
            kind="visit_recorded", person_id=person_id, visit_id=visit_id, pending=pending
        )

    def correct(
        self, *, visit_id: str, inputs: VisitInput, settings: RuleSettings, recorded_by: str = ""
    ) -> Change:
        """Save corrected inputs as a new version of the visit; the old one stays in history.

        The measurement keeps its date: ``inputs.measured_on`` must be the visit's own.

        Raises:
            StaleVersionError: ``visit_id`` is no longer the current version.
            PersonInputError: the visit was voided, or the inputs are for another date.
            VisitRefusedError, NotFoundError.
        """
        evaluation = checked_evaluation(inputs, settings)
        now = now_utc()
        with write_transaction(self._db.engine) as conn:
            old = _current_payload(conn, visit_id=visit_id)
            if old.measured_on != inputs.measured_on:
                raise PersonInputError("measured_at", "invalid")
            header = _next_header(old, recorded_by=self._duty.author(recorded_by))
            payload = visit_payload(header, inputs=inputs, evaluation=evaluation, settings=settings)
            self._write(conn, payload=payload, kind="edit", now=now)
            pending = outbox.unsent_count(conn)
        return Change(
            kind="visit_corrected", person_id=old.person_id, visit_id=header.id, pending=pending
        )

    def void(self, *, visit_id: str, reason: str, recorded_by: str = "") -> Change:
        """Void a visit (a deletion that keeps history): a new version flagged with the reason.

        Raises:
            PersonInputError: blank reason, or the visit is already voided.
            StaleVersionError, NotFoundError.
        """
        reason = reason.strip()
        if not reason:
            raise PersonInputError("reason", "required")
        now = now_utc()
        with write_transaction(self._db.engine) as conn:
            old = _current_payload(conn, visit_id=visit_id)
            header = _next_header(
                old, recorded_by=self._duty.author(recorded_by), void_reason=reason
            )
            self._write(conn, payload=with_header(old, header), kind="void", now=now)
            pending = outbox.unsent_count(conn)
        return Change(
            kind="visit_voided", person_id=old.person_id, visit_id=header.id, pending=pending
        )

    def start(self, *, person_id: str, on: date, settings: RuleSettings) -> VisitInput:
        """What a new visit on ``on`` starts with: the person, and inputs carried from the past.

        Sections whose rule reads earlier visits (doses given, last weighing) begin filled in
        from the person's current, non-voided visits before ``on``; every other one is empty.

        Raises:
            NotFoundError: no such person.
        """
        with _read(self._db.engine) as conn:
            row = conn.execute(
                select(
                    PERSON.c.sex,
                    PERSON.c.birth_date,
                    PERSON.c.pregnancy_start,
                    PERSON.c.pregnancy_end,
                ).where(PERSON.c.id == person_id)
            ).first()
        if row is None:
            raise NotFoundError("person", person_id)
        start, end = _day(row.pregnancy_start), _day(row.pregnancy_end)
        subject = Subject(
            sex=row.sex,
            birth_date=_day(row.birth_date),
            pregnant=pregnant_on(start, end, on),
            pregnancy_start=start,
        )
        earlier = [
            Earlier(on=v.inputs.measured_on, sections=v.inputs.sections)
            for v in reversed(self.history(person_id))
            if not v.voided
        ]
        return VisitInput(
            subject=subject,
            measured_on=on,
            sections=carried_inputs(subject, on, earlier, settings),
        )

    def history(self, person_id: str) -> list[VisitRecord]:
        """The current version of each of the person's visits, newest first (voided flagged)."""
        with _read(self._db.engine) as conn:
            if conn.execute(select(PERSON.c.id).where(PERSON.c.id == person_id)).first() is None:
                raise NotFoundError("person", person_id)
            rows = conn.execute(
                select(VISIT.c.payload, VISIT.c.is_current)
                .where(VISIT.c.person_id == person_id, VISIT.c.is_current.is_(True))
                .order_by(VISIT.c.measured_at_utc.desc(), VISIT.c.created_at.desc())
            ).all()
        return [_record(r) for r in rows]

    def versions(self, visit_key: str) -> list[VisitRecord]:
        """Every version of one visit, oldest first."""
        with _read(self._db.engine) as conn:
            rows = conn.execute(
                select(VISIT.c.payload, VISIT.c.is_current)
                .where(VISIT.c.visit_key == visit_key)
                .order_by(VISIT.c.version)
            ).all()
        if not rows:
            raise NotFoundError("visit", visit_key)
        return [_record(r) for r in rows]

    def get(self, visit_id: str) -> VisitRecord:
        """Raises: NotFoundError: no such visit version."""
        with _read(self._db.engine) as conn:
            row = conn.execute(
                select(VISIT.c.payload, VISIT.c.is_current).where(VISIT.c.id == visit_id)
            ).first()
        if row is None:
            raise NotFoundError("visit", visit_id)
        return _record(row)

    def follow_ups(self, person_id: str) -> list[FollowUpRecord]:
        """Puskesmas follow-ups of the person's referrals (received by sync), newest first."""
        with _read(self._db.engine) as conn:
            return follow_ups_for_person(conn, person_id)

    def _write(self, conn: Connection, *, payload: VisitPayload, kind: str, now: datetime) -> None:
        data = payload_json(payload)
        if payload.replaces_id is not None:
            conn.execute(
                update(VISIT).where(VISIT.c.id == payload.replaces_id).values(is_current=False)
            )
        conn.execute(
            insert(VISIT).values(
                id=payload.id,
                visit_key=payload.visit_key,
                version=payload.version,
                replaces_id=payload.replaces_id,
                is_current=True,
                person_id=payload.person_id,
                measured_at=payload.measured_at.isoformat(),
                measured_at_utc=payload.measured_at_utc.astimezone(UTC),
                place=payload.place,
                recorded_by=payload.recorded_by,
                rules_version=payload.rules_version,
                voided=payload.voided,
                void_reason=payload.void_reason,
                created_at=now,
                payload=data,
                level=payload.level,
                complete_sections=complete_sections_text(data),
            )
        )
        outbox.add_entry(
            conn,
            entity_type=EntityType.VISIT,
            entity_id=payload.visit_key,
            entity_version=payload.version,
            row_id=payload.id,
            person_id=payload.person_id,
            payload=data,
            now=now,
        )
        add_audit(
            conn,
            kind=kind,
            entity_type="visit",
            entity_id=payload.id,
            device_id=self._device_id,
            now=now,
            detail=f"v{payload.version}",
        )


def follow_ups_for_person(conn: Connection, person_id: str) -> list[FollowUpRecord]:
    """The person's follow-ups, newest first: named directly or through one of their visits."""
    visit_ids = select(VISIT_TABLE.c.id).where(VISIT_TABLE.c.person_id == person_id)
    visit_keys = select(VISIT_TABLE.c.visit_key).where(VISIT_TABLE.c.person_id == person_id)
    rows = conn.execute(
        select(FOLLOW_UP)
        .where(
            (FOLLOW_UP.c.person_id == person_id)
            | FOLLOW_UP.c.visit_id.in_(visit_ids)
            | FOLLOW_UP.c.visit_id.in_(visit_keys)
        )
        .order_by(FOLLOW_UP.c.recorded_at.desc())
    ).all()
    return [
        FollowUpRecord(
            id=r.id,
            person_id=r.person_id,
            visit_id=r.visit_id,
            outcome=r.outcome,
            note=r.note,
            recorded_at=_aware(r.recorded_at) or datetime.now(UTC),
        )
        for r in rows
    ]


def _aware(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _measured_at(measured_at: datetime | None, inputs: VisitInput) -> datetime:
    if measured_at is not None:
        return measured_at if measured_at.tzinfo is not None else measured_at.astimezone()
    now = datetime.now().astimezone()
    if now.date() == inputs.measured_on:
        return now
    return datetime.combine(inputs.measured_on, time(12, 0)).astimezone()


def _record(row: Any) -> VisitRecord:
    return visit_record(VisitPayload.model_validate(row.payload), is_current=bool(row.is_current))


def _current_payload(conn: Connection, *, visit_id: str) -> VisitPayload:
    row = conn.execute(
        select(
            VISIT.c.visit_key, VISIT.c.version, VISIT.c.is_current, VISIT.c.voided, VISIT.c.payload
        ).where(VISIT.c.id == visit_id)
    ).first()
    if row is None:
        raise NotFoundError("visit", visit_id)
    if not row.is_current:
        current = conn.execute(
            select(VISIT.c.version).where(
                VISIT.c.visit_key == row.visit_key, VISIT.c.is_current.is_(True)
            )
        ).scalar_one()
        raise StaleVersionError(row.visit_key, expected=row.version, current=current)
    if row.voided:
        raise PersonInputError("visit", "voided")
    return VisitPayload.model_validate(row.payload)


def _next_header(
    old: VisitPayload, *, recorded_by: str, void_reason: str | None = None
) -> VisitHeader:
    return VisitHeader(
        id=str(uuid.uuid4()),
        visit_key=old.visit_key,
        version=old.version + 1,
        replaces_id=old.id,
        person_id=old.person_id,
        measured_at=old.measured_at,
        place=old.place,
        recorded_by=recorded_by,
        voided=void_reason is not None,
        void_reason=void_reason,
    )
