"""The local tables (SQLModel) and the frozen data the Register hands out.

Qt-free and session-free: nothing here opens a database or reads a clock. The GUI receives only the
frozen dataclasses, never a table row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import JSON, Column, Index, text
from sqlmodel import Field, SQLModel

from screening.rules.pregnancy import pregnant_on
from screening.rules.section import RuleSettings, Subject
from screening.rules.visit import VisitEvaluation, VisitInput


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
        Index("ix_person_mother", "mother_id"),
        Index("ix_person_kk", "kk"),
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
    # Life-cycle facts (schema 5): the current pregnancy (first day of the last menstrual
    # period, HPHT, and when it ended), the mother of a child registered from her record, and
    # whether the child has a Buku KIA.
    pregnancy_start: date | None = None
    pregnancy_end: date | None = None
    mother_id: str | None = None
    kia_book: bool = False
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
    """One version of one screening visit. Rows are never changed except ``is_current``.

    ``payload`` is the version's `sync.protocol.VisitPayload` JSON: inputs, states, classes and
    rules version of every asked section, exactly as sent. ``level`` repeats its level for the
    search list (``None``: no complete section, possible only in visits saved before 2026.12).
    ``complete_sections`` repeats its complete sections and classes for the monthly report.
    """

    __tablename__ = "visit"
    __table_args__ = (
        Index("ux_visit_key_version", "visit_key", "version", unique=True),
        Index("ux_visit_current", "visit_key", unique=True, sqlite_where=text("is_current = 1")),
        Index("ix_visit_person", "person_id", "is_current", "measured_at_utc"),
        # Covering the monthly report's reads by measuring date: its coverage reads no row.
        Index(
            "ix_visit_measured",
            "measured_at",
            "is_current",
            "voided",
            "level",
            "person_id",
            "complete_sections",
        ),
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
    rules_version: str
    voided: bool = False
    void_reason: str | None = None
    created_at: datetime
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    level: str | None = None
    # The complete sections in the report's compact form (`records.complete_sections_text`).
    complete_sections: str = ""


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
    """Who-did-what trail: kinds and ids only, never names, NIKs or measurements.

    A hash chain: each row's ``hash`` covers its fields and the ``prev_hash`` of the row before
    (by ``seq``), so an edited or deleted past row shows (`sync.protocol.audit_link_hash`).
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_at", "at"),
        Index("ux_audit_seq", "seq", unique=True),
    )

    id: str = Field(primary_key=True)
    at: datetime
    kind: str
    entity_type: str
    entity_id: str
    device_id: str
    detail: str = ""
    seq: int | None = None
    prev_hash: str | None = None
    hash: str | None = None


class Meta(SQLModel, table=True):
    """Small key/value facts about this database (device id, when it was made)."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


class SasaranEstimate(SQLModel, table=True):
    """A sasaran the Puskesmas entered for this laptop's Posyandu, received by pull; never sent.

    One per year and life-cycle group; the monthly report uses it instead of the register's count.
    """

    __tablename__ = "sasaran_estimate"

    year: int = Field(primary_key=True)
    group_code: str = Field(primary_key=True)
    n: int
    received_at: datetime


# Core handles on the tables, for the bulk and hot paths that skip the ORM.
PERSON_TABLE = SQLModel.metadata.tables["person"]
PERSON_VERSION_TABLE = SQLModel.metadata.tables["person_version"]
VISIT_TABLE = SQLModel.metadata.tables["visit"]
OUTBOX_TABLE = SQLModel.metadata.tables["outbox"]
AUDIT_TABLE = SQLModel.metadata.tables["audit_log"]
META_TABLE = SQLModel.metadata.tables["meta"]
FOLLOW_UP_TABLE = SQLModel.metadata.tables["follow_up"]
ESTIMATE_TABLE = SQLModel.metadata.tables["sasaran_estimate"]


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
    pregnancy_start: date | None = None
    pregnancy_end: date | None = None
    mother_id: str | None = None
    kia_book: bool = False


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
    pregnancy_start: date | None = None
    pregnancy_end: date | None = None
    mother_id: str | None = None
    kia_book: bool = False

    def subject_on(self, on: date) -> Subject:
        """What the screening rules know of this person on ``on`` (pregnant or not, then)."""
        return Subject(
            sex=self.sex,
            birth_date=self.birth_date,
            pregnant=pregnant_on(self.pregnancy_start, self.pregnancy_end, on),
            pregnancy_start=self.pregnancy_start,
        )

    @property
    def subject(self) -> Subject:
        """What the screening rules know of this person today."""
        return self.subject_on(date.today())


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
    settings: RuleSettings
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
