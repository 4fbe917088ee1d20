"""Register: the one facade the GUI and the sync adapter use to read and change local data.

Each call opens one short connection from a shared engine and returns frozen dataclasses, so any
thread may call it. Never imports Qt; never puts names, NIKs or measurements in error messages.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Row,
    String,
    bindparam,
    column,
    func,
    insert,
    literal_column,
    select,
    table,
    update,
)
from sqlalchemy.exc import IntegrityError

from kader_app.core import outbox
from kader_app.core.database import Database, online_backup, open_database, write_transaction
from kader_app.core.database import read_connection as _read
from kader_app.core.errors import (
    DuplicateNikError,
    NotFoundError,
    PersonInputError,
    StaleVersionError,
)
from kader_app.core.models import (
    AUDIT_TABLE,
    META_TABLE,
    PERSON_TABLE,
    PERSON_VERSION_TABLE,
    VISIT_TABLE,
    Change,
    EntityType,
    FollowUpRecord,
    PersonInput,
    PersonRecord,
    SyncCounts,
    VisitRecord,
    jsonable,
    reasons_from_json,
    reasons_to_json,
    sections_from_json,
    sections_to_json,
    visit_input_from_json,
    visit_input_to_json,
)
from kader_app.core.report import MonthlyReport, build_report
from kader_app.core.rules.common import Level
from kader_app.core.rules.nik import parse_kk, parse_nik
from kader_app.core.rules.visit import (
    RuleSettings,
    VisitEvaluation,
    VisitInput,
    evaluate_visit,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect

    from kader_app.core.sync_state import ProblemEntry

PERSON = PERSON_TABLE
PERSON_VERSION = PERSON_VERSION_TABLE
VISIT = VISIT_TABLE
AUDIT = AUDIT_TABLE
META = META_TABLE
PERSON_SEARCH = table("person_search", column("rowid"), column("name_norm"), column("nik"))

PLACES = frozenset({"posyandu", "kunjungan_rumah"})
_NIK_SEPARATORS = re.compile(r"[\s.\-]")
# FTS5's LIKE has no ESCAPE clause, so wildcard characters are dropped from what is typed.
_LIKE_WILDCARDS = re.compile(r"[%_]")
# The trigram tokenizer indexes runs of three characters; shorter terms cannot use it.
_TRIGRAM = 3


def normalise_name(name: str) -> str:
    """Case- and space-insensitive form of a name, used for search and duplicate checks."""
    return " ".join(name.split()).casefold()


def normalise_number(value: str | None) -> str | None:
    """A NIK or KK as digits only (spaces, dots and dashes removed); ``None`` when empty."""
    if value is None:
        return None
    cleaned = _NIK_SEPARATORS.sub("", value)
    return cleaned or None


class Register:
    """The local register of people and visits, with the outbox that carries them to the server."""

    def __init__(self, db: Database, *, device_id: str) -> None:
        self._db = db
        self.device_id = device_id

    @classmethod
    def open(cls, data_dir: Path, *, device_id: str | None = None) -> Register:
        """Open (creating and migrating if needed) the register in ``data_dir``.

        Entries left in flight by a crash during sending go back to pending.
        """
        db = open_database(data_dir)
        try:
            with write_transaction(db.engine) as conn:
                stored = conn.execute(
                    select(META.c.value).where(META.c.key == "device_id")
                ).scalar_one_or_none()
                if device_id is None:
                    device_id = stored or str(uuid.uuid4())
                if stored != device_id:
                    _put_meta(conn, key="device_id", value=device_id, exists=stored is not None)
            outbox.requeue_in_flight(db.engine)
        except BaseException:
            db.close()
            raise
        return cls(db, device_id=device_id)

    @property
    def database(self) -> Database:
        """The open database (for the outbox helpers and backups; the GUI never needs it)."""
        return self._db

    def close(self) -> None:
        self._db.close()

    def register_person(self, data: PersonInput) -> Change:
        """Add a resident.

        Raises:
            PersonInputError: empty name, bad sex, a birth date in the future, invalid NIK or KK.
            DuplicateNikError: the NIK is already registered.
        """
        clean = _validated(data)
        now = _now()
        person_id = str(uuid.uuid4())
        values = _person_values(clean, person_id=person_id, version=1, created_at=now, now=now)
        with write_transaction(self._db.engine) as conn:
            if clean.nik is not None:
                self._refuse_taken_nik(conn, nik=clean.nik, exclude_id=None)
            try:
                conn.execute(insert(PERSON).values(**values))
            except IntegrityError:
                # Another writer took the NIK between our check and the insert.
                raise DuplicateNikError(self._nik_owner(conn, clean.nik) or "") from None
            self._write_person_side_rows(conn, values=values, kind="create", now=now)
            pending = outbox.unsent_count(conn)
        return Change(kind="person_created", person_id=person_id, pending=pending)

    def update_person(self, *, person_id: str, data: PersonInput, base_version: int) -> Change:
        """Save an edit as the next version of the person.

        Raises:
            StaleVersionError: the person changed since ``base_version`` was read.
            PersonInputError, DuplicateNikError: as for :meth:`register_person`.
            NotFoundError: no such person.
        """
        clean = _validated(data)
        now = _now()
        with write_transaction(self._db.engine) as conn:
            current = conn.execute(
                select(PERSON.c.version, PERSON.c.created_at).where(PERSON.c.id == person_id)
            ).first()
            if current is None:
                raise NotFoundError("person", person_id)
            if current.version != base_version:
                raise StaleVersionError(person_id, expected=base_version, current=current.version)
            if clean.nik is not None:
                self._refuse_taken_nik(conn, nik=clean.nik, exclude_id=person_id)
            values = _person_values(
                clean,
                person_id=person_id,
                version=base_version + 1,
                created_at=current.created_at,
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
                raise DuplicateNikError(self._nik_owner(conn, clean.nik) or "") from None
            self._write_person_side_rows(conn, values=values, kind="edit", now=now)
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
            rows = conn.execute(_person_select().where(condition).limit(20)).all()
        return [_person_record(r) for r in rows]

    def search_people(self, query: str, *, limit: int = 50) -> list[PersonRecord]:
        """People whose name holds every typed word, or whose NIK holds the typed digits.

        An empty query lists the most recently updated people. Words of three letters or more go
        through the trigram index; shorter ones filter what it finds (or, alone, walk the names
        in order, which stops as soon as enough people match).
        """
        found = self.search_sql(query, limit=limit)
        if found is None:
            return []
        sql, values = found
        with _read(self._db.engine) as conn:
            # Sent on the driver's cursor inside the read transaction: plain tuples back, no
            # per-call result set-up (the search runs at every pause in typing; bench/run.py).
            cursor = conn.connection.cursor()
            try:
                rows = cursor.execute(sql, values).fetchall()
            finally:
                cursor.close()
        return [_person_record(r) for r in rows]

    def search_sql(self, query: str, *, limit: int = 50) -> tuple[str, tuple[Any, ...]] | None:
        """The SQL and values `search_people` sends for ``query`` (None: nothing to look for).

        The statement shapes are built and compiled once; a search only binds its values.
        """
        text = query.strip()
        digits = normalise_number(text) or ""
        params: dict[str, Any] = {"limit": limit}
        if not text:
            stmt = _recent_people_select()
        elif digits.isdigit() and len(digits) >= _TRIGRAM:
            stmt = _nik_hits_select()
            params.update(match=_fts_query(column="nik", terms=[digits]), prefix=f"{digits}%")
        elif digits.isdigit():
            stmt = _nik_range_select()
            params.update(low=digits, high=digits[:-1] + chr(ord(digits[-1]) + 1))
        else:
            words = [w for w in _LIKE_WILDCARDS.sub("", normalise_name(text)).split() if w]
            if not words:
                return None
            indexed = [w for w in words if len(w) >= _TRIGRAM]
            short = [w for w in words if len(w) < _TRIGRAM]
            params.update({f"short_{i}": f"%{word}%" for i, word in enumerate(short)})
            if indexed:
                stmt = _name_hits_select(short_words=len(short))
                params["match"] = _fts_query(column="name_norm", terms=indexed)
            else:
                stmt = _name_scan_select(short_words=len(short))
        return _driver_sql(stmt, self._db.engine.dialect)(params)

    def get_person(self, person_id: str) -> PersonRecord:
        with _read(self._db.engine) as conn:
            row = conn.execute(_person_select().where(PERSON.c.id == person_id)).first()
        if row is None:
            raise NotFoundError("person", person_id)
        return _person_record(row)

    def person_versions(self, person_id: str) -> list[dict[str, Any]]:
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

    def record_visit(
        self,
        *,
        person_id: str,
        inputs: VisitInput,
        settings: RuleSettings,
        place: str = "posyandu",
        recorded_by: str = "",
        measured_at: datetime | None = None,
    ) -> Change:
        """Classify and save a new visit: visit, outbox and audit rows in one transaction.

        Raises:
            RuleInputError: an implausible input (nothing is saved).
            PersonInputError: unknown ``place``.
            NotFoundError: no such person.
        """
        if place not in PLACES:
            raise PersonInputError("place", "invalid")
        evaluation = evaluate_visit(inputs, settings)
        now = _now()
        local = measured_at if measured_at is not None else datetime.now().astimezone()
        visit_id = str(uuid.uuid4())
        values: dict[str, Any] = {
            "id": visit_id,
            "visit_key": visit_id,
            "version": 1,
            "replaces_id": None,
            "is_current": True,
            "person_id": person_id,
            "measured_at": local.isoformat(),
            "measured_at_utc": local.astimezone(UTC),
            "place": place,
            "recorded_by": recorded_by,
            "voided": False,
            "void_reason": None,
            "created_at": now,
            **_evaluation_columns(inputs, evaluation),
        }
        with write_transaction(self._db.engine) as conn:
            exists = conn.execute(select(PERSON.c.id).where(PERSON.c.id == person_id)).first()
            if exists is None:
                raise NotFoundError("person", person_id)
            self._write_visit(conn, values=values, kind="create", now=now)
            pending = outbox.unsent_count(conn)
        return Change(
            kind="visit_recorded", person_id=person_id, visit_id=visit_id, pending=pending
        )

    def correct_visit(
        self, *, visit_id: str, inputs: VisitInput, settings: RuleSettings, recorded_by: str = ""
    ) -> Change:
        """Save corrected inputs as a new version of the visit; the old one stays in history.

        Raises:
            StaleVersionError: ``visit_id`` is no longer the current version.
            PersonInputError: the visit was voided.
            RuleInputError, NotFoundError.
        """
        evaluation = evaluate_visit(inputs, settings)
        now = _now()
        with write_transaction(self._db.engine) as conn:
            old = self._current_visit_row(conn, visit_id=visit_id)
            values = self._next_version(old, now=now, recorded_by=recorded_by)
            values.update(_evaluation_columns(inputs, evaluation))
            self._write_visit(conn, values=values, kind="edit", now=now)
            pending = outbox.unsent_count(conn)
        return Change(
            kind="visit_corrected", person_id=old.person_id, visit_id=values["id"], pending=pending
        )

    def void_visit(self, *, visit_id: str, reason: str, recorded_by: str = "") -> Change:
        """Void a visit (a deletion that keeps history): a new version flagged with the reason.

        Raises:
            PersonInputError: blank reason, or the visit is already voided.
            StaleVersionError, NotFoundError.
        """
        reason = reason.strip()
        if not reason:
            raise PersonInputError("reason", "required")
        now = _now()
        with write_transaction(self._db.engine) as conn:
            old = self._current_visit_row(conn, visit_id=visit_id)
            values = self._next_version(old, now=now, recorded_by=recorded_by)
            values.update(
                inputs=old.inputs,
                sections=old.sections,
                rules_version=old.rules_version,
                level=old.level,
                reasons=old.reasons,
                voided=True,
                void_reason=reason,
            )
            self._write_visit(conn, values=values, kind="void", now=now)
            pending = outbox.unsent_count(conn)
        return Change(
            kind="visit_voided", person_id=old.person_id, visit_id=values["id"], pending=pending
        )

    def history(self, person_id: str) -> list[VisitRecord]:
        """The current version of each of the person's visits, newest first (voided flagged)."""
        with _read(self._db.engine) as conn:
            if conn.execute(select(PERSON.c.id).where(PERSON.c.id == person_id)).first() is None:
                raise NotFoundError("person", person_id)
            rows = conn.execute(
                select(VISIT)
                .where(VISIT.c.person_id == person_id, VISIT.c.is_current.is_(True))
                .order_by(VISIT.c.measured_at_utc.desc(), VISIT.c.created_at.desc())
            ).all()
        return [_visit_record(r) for r in rows]

    def visit_versions(self, visit_key: str) -> list[VisitRecord]:
        """Every version of one visit, oldest first."""
        with _read(self._db.engine) as conn:
            rows = conn.execute(
                select(VISIT).where(VISIT.c.visit_key == visit_key).order_by(VISIT.c.version)
            ).all()
        if not rows:
            raise NotFoundError("visit", visit_key)
        return [_visit_record(r) for r in rows]

    def get_visit(self, visit_id: str) -> VisitRecord:
        with _read(self._db.engine) as conn:
            row = conn.execute(select(VISIT).where(VISIT.c.id == visit_id)).first()
        if row is None:
            raise NotFoundError("visit", visit_id)
        return _visit_record(row)

    def follow_ups(self, person_id: str) -> list[FollowUpRecord]:
        """Puskesmas follow-ups of the person's referrals (received by sync), newest first."""
        # Imported here: sync_state builds on this module's name and NIK normalisation.
        from kader_app.core.sync_state import follow_ups_for_person

        with _read(self._db.engine) as conn:
            return follow_ups_for_person(conn, person_id)

    def is_enrolled(self) -> bool:
        """Whether this laptop holds credentials for a Puskesmas server."""
        from kader_app.core.sync_state import load_credentials

        return load_credentials(self._db.engine) is not None

    def last_sync_success(self) -> datetime | None:
        """When the last sync attempt ended with everything sendable sent (UTC)."""
        from kader_app.core.sync_state import load_last_success

        return load_last_success(self._db.engine)

    def sync_problems(self) -> list[ProblemEntry]:
        """Entries the server refused, and those waiting behind them, for the sync panel."""
        from kader_app.core.sync_state import problem_entries

        return problem_entries(self._db.engine)

    def sync_counts(self) -> SyncCounts:
        with _read(self._db.engine) as conn:
            return outbox.sync_counts(conn)

    def sending_count(self) -> int:
        """Outbox entries sync sends on its own (pending or in flight), as the engine counts."""
        with _read(self._db.engine) as conn:
            return outbox.sending_count(conn)

    def claim_outbox(self, *, limit: int) -> tuple[str, list[outbox.OutboxItem]]:
        """For the sync engine: mark a batch in flight and return it (``outbox.claim_batch``)."""
        return outbox.claim_batch(self._db.engine, limit=limit)

    def settle_outbox(self, results: list[outbox.ItemResult]) -> None:
        """For the sync engine: apply the server's per-item answers."""
        outbox.apply_results(self._db.engine, results=results)

    def backup(self, target: Path) -> None:
        """A consistent copy of the database at ``target``, encrypted with the same key."""
        raw = self._db.engine.raw_connection()
        try:
            online_backup(raw.driver_connection, target=target, key=self._db.key)
        finally:
            raw.close()
        with write_transaction(self._db.engine) as conn:
            _audit(
                conn,
                kind="export",
                entity_type="database",
                entity_id="backup",
                device_id=self.device_id,
                now=_now(),
            )

    def monthly_report(
        self,
        *,
        month: date,
        posyandu: str = "",
        desa: str = "",
        progress: Callable[[int, int], None] | None = None,
    ) -> MonthlyReport:
        """The monthly Posyandu report of ``month`` (read-only; may take a moment on big data)."""
        return build_report(
            self._db.engine, month=month, posyandu=posyandu, desa=desa, progress=progress
        )

    def record_export(self, *, what: str, period: str) -> None:
        """Audit that personal data left the database as a file (kind and period, no contents)."""
        with write_transaction(self._db.engine) as conn:
            _audit(
                conn,
                kind="export",
                entity_type=what,
                entity_id=period,
                device_id=self.device_id,
                now=_now(),
            )

    def _refuse_taken_nik(self, conn: Connection, *, nik: str, exclude_id: str | None) -> None:
        owner = self._nik_owner(conn, nik)
        if owner is not None and owner != exclude_id:
            raise DuplicateNikError(owner)

    @staticmethod
    def _nik_owner(conn: Connection, nik: str | None) -> str | None:
        if nik is None:
            return None
        found: str | None = conn.execute(
            select(PERSON.c.id).where(PERSON.c.nik == nik)
        ).scalar_one_or_none()
        return found

    def _write_person_side_rows(
        self, conn: Connection, *, values: dict[str, Any], kind: str, now: datetime
    ) -> None:
        payload = _person_payload(values)
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
        _audit(
            conn,
            kind=kind,
            entity_type="person",
            entity_id=values["id"],
            device_id=self.device_id,
            now=now,
            detail=f"v{values['version']}",
        )

    def _write_visit(
        self, conn: Connection, *, values: dict[str, Any], kind: str, now: datetime
    ) -> None:
        if values["replaces_id"] is not None:
            conn.execute(
                update(VISIT).where(VISIT.c.id == values["replaces_id"]).values(is_current=False)
            )
        conn.execute(insert(VISIT).values(**values))
        outbox.add_entry(
            conn,
            entity_type=EntityType.VISIT,
            entity_id=values["visit_key"],
            entity_version=values["version"],
            row_id=values["id"],
            person_id=values["person_id"],
            payload=_visit_payload(values),
            now=now,
        )
        _audit(
            conn,
            kind=kind,
            entity_type="visit",
            entity_id=values["id"],
            device_id=self.device_id,
            now=now,
            detail=f"v{values['version']}",
        )

    @staticmethod
    def _current_visit_row(conn: Connection, *, visit_id: str) -> Row[Any]:
        row = conn.execute(select(VISIT).where(VISIT.c.id == visit_id)).first()
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
        return row

    @staticmethod
    def _next_version(old: Row[Any], *, now: datetime, recorded_by: str) -> dict[str, Any]:
        return {
            "id": str(uuid.uuid4()),
            "visit_key": old.visit_key,
            "version": old.version + 1,
            "replaces_id": old.id,
            "is_current": True,
            "person_id": old.person_id,
            "measured_at": old.measured_at,
            "measured_at_utc": old.measured_at_utc,
            "place": old.place,
            "recorded_by": recorded_by,
            "voided": False,
            "void_reason": None,
            "created_at": now,
        }


def _now() -> datetime:
    return datetime.now(UTC)


def _put_meta(conn: Connection, *, key: str, value: str, exists: bool) -> None:
    if exists:
        conn.execute(update(META).where(META.c.key == key).values(value=value))
    else:
        conn.execute(insert(META).values(key=key, value=value))


def _audit(
    conn: Connection,
    *,
    kind: str,
    entity_type: str,
    entity_id: str,
    device_id: str,
    now: datetime,
    detail: str = "",
) -> None:
    conn.execute(
        insert(AUDIT).values(
            id=str(uuid.uuid4()),
            at=now,
            kind=kind,
            entity_type=entity_type,
            entity_id=entity_id,
            device_id=device_id,
            detail=detail,
        )
    )


def _validated(data: PersonInput) -> PersonInput:
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
    )


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


def _person_payload(values: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "id",
        "version",
        "name",
        "sex",
        "birth_date",
        "nik",
        "kk",
        "dusun",
        "rt",
        "rw",
        "desa",
        "phone",
        "created_at",
        "updated_at",
    )
    payload: dict[str, Any] = jsonable({k: values[k] for k in keys})
    return payload


def _evaluation_columns(inputs: VisitInput, evaluation: VisitEvaluation) -> dict[str, Any]:
    return {
        "inputs": visit_input_to_json(inputs),
        "sections": sections_to_json(evaluation.sections),
        "rules_version": evaluation.rules_version,
        "level": evaluation.level.value,
        "reasons": reasons_to_json(evaluation.reasons),
    }


def _visit_payload(values: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = jsonable(_visit_fields(values))
    return payload


def _visit_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": values["id"],
        "visit_key": values["visit_key"],
        "version": values["version"],
        "replaces_id": values["replaces_id"],
        "person_id": values["person_id"],
        "measured_at": values["measured_at"],
        "measured_at_utc": values["measured_at_utc"],
        "place": values["place"],
        "recorded_by": values["recorded_by"],
        "voided": values["voided"],
        "void_reason": values["void_reason"],
        "inputs": values["inputs"],
        "evaluation": {
            "rules_version": values["rules_version"],
            "level": values["level"],
            "reasons": values["reasons"],
            "sections": values["sections"],
        },
    }


def _fts_query(*, column: str, terms: list[str]) -> str:
    """``col:"t1" AND col:"t2"`` for ``person_search MATCH``: each term a substring (trigram)."""
    return " AND ".join(f'{column}:"{t.replace(chr(34), chr(34) * 2)}"' for t in terms)


# The search statements below are built once per shape with bound parameters: SQLAlchemy
# memoises a statement's cache key and reuses its compiled form, so a keystroke only binds
# values instead of building and compiling a new statement (~0.4 ms each, bench/run.py).
# Parameters: ``limit`` always; ``match`` (FTS query), ``prefix`` (``digits%``), ``low``/``high``
# (NIK range), ``short_0``… (``%word%``) as the shape needs.


def _fts_match() -> Any:
    return literal_column("person_search").op("MATCH")(bindparam("match", type_=String))


@cache
def _recent_people_select() -> Any:
    return _person_select().order_by(PERSON.c.updated_at.desc()).limit(bindparam("limit"))


@cache
def _nik_hits_select() -> Any:
    prefix = bindparam("prefix", type_=String)
    hits = (
        select(PERSON_SEARCH.c.rowid.label("sid"), PERSON_SEARCH.c.nik.label("key"))
        .where(_fts_match())
        .order_by(PERSON_SEARCH.c.nik.like(prefix).desc(), PERSON_SEARCH.c.nik)
        .limit(bindparam("limit"))
        .subquery()
    )
    return (
        _person_select()
        .join(hits, PERSON.c.sid == hits.c.sid)
        .order_by(hits.c.key.like(prefix).desc(), hits.c.key)
        .limit(bindparam("limit"))
    )


@cache
def _nik_range_select() -> Any:
    return (
        _person_select()
        .where(
            PERSON.c.nik >= bindparam("low", type_=String),
            PERSON.c.nik < bindparam("high", type_=String),
        )
        .order_by(PERSON.c.nik)
        .limit(bindparam("limit"))
    )


@lru_cache(maxsize=16)
def _name_hits_select(*, short_words: int) -> Any:
    hits_q = select(
        PERSON_SEARCH.c.rowid.label("sid"), PERSON_SEARCH.c.name_norm.label("key")
    ).where(_fts_match())
    for i in range(short_words):
        hits_q = hits_q.where(PERSON_SEARCH.c.name_norm.like(bindparam(f"short_{i}", type_=String)))
    # Sort and cut inside the index, so a common word never loads every match.
    hits = (
        hits_q.order_by(PERSON_SEARCH.c.name_norm, PERSON_SEARCH.c.rowid)
        .limit(bindparam("limit"))
        .subquery()
    )
    return (
        _person_select()
        .join(hits, PERSON.c.sid == hits.c.sid)
        .order_by(hits.c.key, hits.c.sid)
        .limit(bindparam("limit"))
    )


@lru_cache(maxsize=16)
def _name_scan_select(*, short_words: int) -> Any:
    stmt = _person_select()
    for i in range(short_words):
        stmt = stmt.where(PERSON.c.name_norm.like(bindparam(f"short_{i}", type_=String)))
    return stmt.order_by(PERSON.c.name_norm, PERSON.c.sid).limit(bindparam("limit"))


@cache
def _person_select() -> Any:
    # Built once: the aliases' column proxies cost ~1 ms per search, more than the query itself
    # (bench/run.py); statements are immutable, so each caller's .where() makes a new one.
    # Aliases, so the inner visit subquery is never auto-correlated to the outer one.
    latest_v = VISIT.alias("latest_v")
    shown_v = VISIT.alias("shown_v")
    latest = (
        select(latest_v.c.id)
        .where(
            latest_v.c.person_id == PERSON.c.id,
            latest_v.c.is_current.is_(True),
            latest_v.c.voided.is_(False),
        )
        .order_by(latest_v.c.measured_at_utc.desc(), latest_v.c.created_at.desc())
        .limit(1)
        .correlate(PERSON)
        .scalar_subquery()
    )
    last_at = (
        select(shown_v.c.measured_at_utc)
        .where(shown_v.c.id == latest)
        .correlate(PERSON)
        .scalar_subquery()
    )
    last_level = (
        select(shown_v.c.level).where(shown_v.c.id == latest).correlate(PERSON).scalar_subquery()
    )
    return select(
        PERSON,
        last_at.label("last_visit_at"),
        last_level.label("last_level"),
    )


# Positions of the columns in `_person_select()`: the person table's, then the latest visit's.
_PERSON_COLUMNS = {
    name: i for i, name in enumerate([*PERSON.c.keys(), "last_visit_at", "last_level"])
}


@lru_cache(maxsize=32)
def _driver_sql(
    stmt: Any, dialect: Dialect
) -> Callable[[dict[str, Any]], tuple[str, tuple[Any, ...]]]:
    """The SQL of one of the cached search statements, and how to order the values it binds."""
    compiled = stmt.compile(dialect=dialect)
    sql: str = compiled.string
    names = tuple(compiled.positiontup or ())
    fixed = compiled.params  # values built into the statement, such as LIMIT 1

    def bind(params: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
        return sql, tuple(params[n] if n in params else fixed[n] for n in names)

    return bind


def _utc(value: datetime | str) -> datetime:
    """A stored UTC time as an aware datetime (the driver gives text, SQLAlchemy a naive value)."""
    if isinstance(value, str):
        # The column type stores naive UTC text; parsing it with the offset is 7x faster than
        # parsing, then replace(tzinfo=UTC).
        return datetime.fromisoformat(value + "+00:00")
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _person_record(row: Sequence[Any]) -> PersonRecord:
    """A person from a row of `_person_select()`: a SQLAlchemy row or the driver's tuple."""
    at = _PERSON_COLUMNS
    birth = row[at["birth_date"]]
    last_at = row[at["last_visit_at"]]
    return PersonRecord(
        id=row[at["id"]],
        version=row[at["version"]],
        name=row[at["name"]],
        sex=row[at["sex"]],
        birth_date=date.fromisoformat(birth) if isinstance(birth, str) else birth,
        nik=row[at["nik"]],
        kk=row[at["kk"]],
        dusun=row[at["dusun"]],
        rt=row[at["rt"]],
        rw=row[at["rw"]],
        desa=row[at["desa"]],
        phone=row[at["phone"]],
        created_at=_utc(row[at["created_at"]]),
        updated_at=_utc(row[at["updated_at"]]),
        last_visit_at=None if last_at is None else _utc(last_at),
        last_level=row[at["last_level"]],
    )


def _visit_record(row: Row[Any]) -> VisitRecord:
    return VisitRecord(
        id=row.id,
        visit_key=row.visit_key,
        version=row.version,
        replaces_id=row.replaces_id,
        person_id=row.person_id,
        measured_at=datetime.fromisoformat(row.measured_at),
        measured_at_utc=row.measured_at_utc,
        place=row.place,
        recorded_by=row.recorded_by,
        inputs=visit_input_from_json(row.inputs),
        evaluation=VisitEvaluation(
            rules_version=row.rules_version,
            sections=sections_from_json(row.sections),
            level=Level(row.level),
            reasons=reasons_from_json(row.reasons),
        ),
        voided=bool(row.voided),
        void_reason=row.void_reason,
        is_current=bool(row.is_current),
    )
