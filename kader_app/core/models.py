"""The local tables (SQLModel) and the frozen data the Register hands out, plus their JSON forms.

Qt-free and session-free: nothing here opens a database or reads a clock. The GUI receives only the
frozen dataclasses, never a table row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import JSON, Column, Index, text
from sqlmodel import Field, SQLModel

from kader_app.core.rules.common import Level, Reason
from kader_app.core.rules.srq20 import SRQ20_KEY_BY_NUMBER
from kader_app.core.rules.visit import (
    AnthropometryInput,
    BloodPressureInput,
    GlucoseInput,
    SectionResult,
    Srq20Input,
    TbInput,
    VisitEvaluation,
    VisitInput,
)


class EntityType(StrEnum):
    PERSON = "person"
    VISIT = "visit"


class OutboxState(StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    ACKED = "acked"
    REJECTED = "rejected"
    CONFLICT = "conflict"
    BLOCKED = "blocked"


class Person(SQLModel, table=True):
    """The current version of a resident; every version is also kept in ``person_version``."""

    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_nik", "nik", unique=True, sqlite_where=text("nik IS NOT NULL")),
        Index("ix_person_name_birth", "name_norm", "birth_date"),
        Index("ix_person_updated", "updated_at"),
    )

    id: str = Field(primary_key=True)
    version: int
    name: str
    name_norm: str
    sex: str
    birth_date: date
    nik: str | None = None
    kk: str | None = None
    dusun: str = ""
    rt: str = ""
    rw: str = ""
    desa: str = ""
    phone: str = ""
    created_at: datetime
    updated_at: datetime
    # Filled by a trigger: the rowid of this person's row in the person_search FTS table.
    sid: int | None = Field(default=None, unique=True)


class PersonVersion(SQLModel, table=True):
    """One row per version of a person, with the whole record as it was."""

    __tablename__ = "person_version"

    person_id: str = Field(primary_key=True, foreign_key="person.id")
    version: int = Field(primary_key=True)
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    changed_at: datetime


class Visit(SQLModel, table=True):
    """One version of one screening visit. Rows are never changed except ``is_current``."""

    __tablename__ = "visit"
    __table_args__ = (
        Index("ux_visit_key_version", "visit_key", "version", unique=True),
        Index("ux_visit_current", "visit_key", unique=True, sqlite_where=text("is_current = 1")),
        Index("ix_visit_person", "person_id", "is_current", "measured_at_utc"),
    )

    id: str = Field(primary_key=True)
    visit_key: str
    version: int
    replaces_id: str | None = Field(default=None, foreign_key="visit.id")
    is_current: bool
    person_id: str = Field(foreign_key="person.id")
    measured_at: str
    measured_at_utc: datetime
    place: str
    recorded_by: str = ""
    inputs: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    sections: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    rules_version: str
    level: str
    reasons: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    voided: bool = False
    void_reason: str | None = None
    created_at: datetime


class Outbox(SQLModel, table=True):
    """One row per change to send, written in the same transaction as the change."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_state_next", "state", "next_attempt_at", "seq"),
        Index("ix_outbox_entity", "entity_type", "entity_id", "entity_version"),
        Index("ix_outbox_person", "person_id", "state"),
    )

    id: str = Field(primary_key=True)
    seq: int = Field(unique=True)
    entity_type: str
    entity_id: str
    entity_version: int
    base_version: int | None = None
    row_id: str
    person_id: str
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    content_hash: str
    state: str = OutboxState.PENDING.value
    attempts: int = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = None
    created_at: datetime
    acked_at: datetime | None = None
    batch_id: str | None = None
    # The server's reason for a rejection or conflict (Bahasa Indonesia), shown to the kader.
    last_message: str | None = None


class FollowUp(SQLModel, table=True):
    """A Puskesmas referral follow-up received by pull; never sent back."""

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_person", "person_id", "recorded_at"),
        Index("ix_follow_up_visit", "visit_id"),
    )

    id: str = Field(primary_key=True)
    person_id: str | None = None
    # The server names the visit by the id of one of its versions (or by its visit key).
    visit_id: str | None = None
    outcome: str
    note: str = ""
    recorded_at: datetime
    received_at: datetime


class AuditLog(SQLModel, table=True):
    """Who-did-what trail: kinds and ids only, never names, NIKs or measurements."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_at", "at"),)

    id: str = Field(primary_key=True)
    at: datetime
    kind: str
    entity_type: str
    entity_id: str
    device_id: str
    detail: str = ""


class Meta(SQLModel, table=True):
    """Small key/value facts about this database (device id, when it was made)."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


# Core handles on the tables, for the bulk and hot paths that skip the ORM.
PERSON_TABLE = SQLModel.metadata.tables["person"]
PERSON_VERSION_TABLE = SQLModel.metadata.tables["person_version"]
VISIT_TABLE = SQLModel.metadata.tables["visit"]
OUTBOX_TABLE = SQLModel.metadata.tables["outbox"]
AUDIT_TABLE = SQLModel.metadata.tables["audit_log"]
META_TABLE = SQLModel.metadata.tables["meta"]
FOLLOW_UP_TABLE = SQLModel.metadata.tables["follow_up"]


@dataclass(frozen=True, slots=True)
class PersonInput:
    """What the resident form collects."""

    name: str
    sex: Literal["L", "P"]
    birth_date: date
    nik: str | None = None
    kk: str | None = None
    dusun: str = ""
    rt: str = ""
    rw: str = ""
    desa: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person as the GUI receives it."""

    id: str
    version: int
    name: str
    sex: str
    birth_date: date
    nik: str | None
    kk: str | None
    dusun: str
    rt: str
    rw: str
    desa: str
    phone: str
    created_at: datetime
    updated_at: datetime
    last_visit_at: datetime | None = None
    last_level: str | None = None


@dataclass(frozen=True, slots=True)
class VisitRecord:
    """One stored version of a visit, with its evaluation as it was made (never recomputed)."""

    id: str
    visit_key: str
    version: int
    replaces_id: str | None
    person_id: str
    measured_at: datetime
    measured_at_utc: datetime
    place: str
    recorded_by: str
    inputs: VisitInput
    evaluation: VisitEvaluation
    voided: bool
    void_reason: str | None
    is_current: bool


@dataclass(frozen=True, slots=True)
class Change:
    """What a mutation changed, so the GUI refreshes only that."""

    kind: str
    person_id: str
    visit_id: str | None = None
    pending: int = 0


@dataclass(frozen=True, slots=True)
class FollowUpRecord:
    """A Puskesmas follow-up as the GUI receives it (``outcome`` is already in words)."""

    id: str
    person_id: str | None
    visit_id: str | None
    outcome: str
    note: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class SyncCounts:
    pending: int
    oldest_unsent_at: datetime | None
    rejected: int
    conflict: int


def jsonable(value: object) -> Any:
    """A JSON-safe copy of ``value``: sets sorted, tuples as lists, Decimals as floats."""
    if isinstance(value, StrEnum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    raise TypeError(f"not storable as JSON: {type(value).__name__}")


def visit_input_to_json(visit: VisitInput) -> dict[str, Any]:
    """The stored form of a visit's raw inputs (skipped sections are ``None``)."""
    out: dict[str, Any] = {
        "sex": visit.sex,
        "birth_date": visit.birth_date.isoformat() if visit.birth_date else None,
        "measured_on": visit.measured_on.isoformat(),
        "anthropometry": None,
        "blood_pressure": None,
        "glucose": None,
        "tb": None,
        "srq20": None,
    }
    if visit.anthropometry is not None:
        a = visit.anthropometry
        out["anthropometry"] = {
            "weight_kg": a.weight_kg,
            "height_cm": a.height_cm,
            "waist_cm": a.waist_cm,
        }
    if visit.blood_pressure is not None:
        out["blood_pressure"] = {"readings": [list(r) for r in visit.blood_pressure.readings]}
    if visit.glucose is not None:
        g = visit.glucose
        out["glucose"] = {
            "value": g.value,
            "kind": g.kind,
            "hypo_symptoms": g.hypo_symptoms,
            "unit": g.unit,
        }
    if visit.tb is not None:
        t = visit.tb
        out["tb"] = {
            "cough": t.cough,
            "cough_days": t.cough_days,
            "symptoms": sorted(t.symptoms),
            "contact": t.contact,
            "risks": sorted(t.risks),
        }
    if visit.srq20 is not None:
        answers = sorted(visit.srq20.answers.items())
        # By number for the form, and under the stable key too: the WHO original numbers some
        # items differently, so reports and exports must never rely on the number alone.
        out["srq20"] = {
            "answers": {str(k): bool(v) for k, v in answers},
            "items": [
                {"number": k, "key": SRQ20_KEY_BY_NUMBER[k], "answer": bool(v)} for k, v in answers
            ],
        }
    return out


def visit_input_from_json(data: dict[str, Any]) -> VisitInput:
    """Rebuild the ``VisitInput`` stored by :func:`visit_input_to_json`."""
    a = data.get("anthropometry")
    bp = data.get("blood_pressure")
    g = data.get("glucose")
    t = data.get("tb")
    s = data.get("srq20")
    return VisitInput(
        sex=data["sex"],
        birth_date=date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None,
        measured_on=date.fromisoformat(data["measured_on"]),
        anthropometry=AnthropometryInput(
            weight_kg=a["weight_kg"], height_cm=a["height_cm"], waist_cm=a["waist_cm"]
        )
        if a is not None
        else None,
        blood_pressure=BloodPressureInput(
            readings=tuple((int(r[0]), int(r[1])) for r in bp["readings"])
        )
        if bp is not None
        else None,
        glucose=GlucoseInput(
            value=g["value"], kind=g["kind"], hypo_symptoms=g["hypo_symptoms"], unit=g["unit"]
        )
        if g is not None
        else None,
        tb=TbInput(
            cough=t["cough"],
            cough_days=t["cough_days"],
            symptoms=frozenset(t["symptoms"]),
            contact=t["contact"],
            risks=frozenset(t["risks"]),
        )
        if t is not None
        else None,
        srq20=Srq20Input(answers={int(k): bool(v) for k, v in s["answers"].items()})
        if s is not None
        else None,
    )


def reasons_to_json(reasons: tuple[Reason, ...]) -> list[dict[str, Any]]:
    return [{"code": r.code, "params": jsonable(r.params)} for r in reasons]


def reasons_from_json(data: list[dict[str, Any]]) -> tuple[Reason, ...]:
    return tuple(Reason(code=r["code"], params=dict(r.get("params") or {})) for r in data)


def sections_to_json(sections: tuple[SectionResult, ...]) -> list[dict[str, Any]]:
    return [
        {
            "section": s.section,
            "code": s.code,
            "level": Level(s.level).value,
            "reasons": reasons_to_json(s.reasons),
            "values": jsonable(s.values),
        }
        for s in sections
    ]


def sections_from_json(data: list[dict[str, Any]]) -> tuple[SectionResult, ...]:
    return tuple(
        SectionResult(
            section=s["section"],
            code=s["code"],
            level=Level(s["level"]),
            reasons=reasons_from_json(s.get("reasons") or []),
            values=dict(s.get("values") or {}),
        )
        for s in data
    )
