"""SQLModel tables of the Puskesmas server: devices, codes, every entry version, audit, staff.

Table definitions only; no queries and no web code. The alembic migrations create these tables.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

UTC_DATETIME = sa.DateTime(timezone=True)


class ServerTable(SQLModel, registry=registry()):
    """Base of the server's tables: their own metadata, apart from any other SQLModel tables."""


SERVER_METADATA = ServerTable.metadata


class ServerMeta(ServerTable, table=True):
    """Key/value facts about this database, e.g. its epoch (a random id made at creation)."""

    __tablename__ = "server_meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


class Device(ServerTable, table=True):
    """An enrolled laptop; `token_hash` is the sha256 hex of its bearer token."""

    __tablename__ = "device"

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    posyandu: str = Field(max_length=200)
    area: str = Field(max_length=200, index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(sa_type=UTC_DATETIME)
    revoked_at: datetime | None = Field(default=None, sa_type=UTC_DATETIME)
    last_seen: datetime | None = Field(default=None, sa_type=UTC_DATETIME)
    last_pending: int | None = None
    clock_skew_s: float | None = None
    app_version: str | None = Field(default=None, max_length=50)
    puskesmas: str = Field(default="", max_length=200)
    # The device's audit chain as verified so far: the highest record held and its hash, a gap
    # seen once (answered, not yet a break), and the first break found (where, what, since when).
    audit_seq: int = Field(default=0, sa_type=sa.BigInteger)
    audit_hash: str = Field(default="", max_length=64)
    audit_gap_seq: int | None = Field(default=None, sa_type=sa.BigInteger)
    audit_break_seq: int | None = Field(default=None, sa_type=sa.BigInteger)
    audit_break_kind: str | None = Field(default=None, max_length=20)
    audit_break_at: datetime | None = Field(default=None, sa_type=UTC_DATETIME)
    # The laptop's recovery key, deposited at enrolment; shown only on the devices page.
    recovery_key: str | None = Field(default=None, max_length=64)


class EnrollCode(ServerTable, table=True):
    """A one-time enrolment code, stored hashed; `used_at` is set exactly once."""

    __tablename__ = "enroll_code"

    code_hash: str = Field(primary_key=True, max_length=64)
    posyandu: str = Field(max_length=200)
    area: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTC_DATETIME)
    expires_at: datetime = Field(sa_type=UTC_DATETIME)
    used_at: datetime | None = Field(default=None, sa_type=UTC_DATETIME)
    device_id: str | None = Field(default=None, max_length=36)
    puskesmas: str = Field(default="", max_length=200)


class Entry(ServerTable, table=True):
    """One version of one record as received; rows are never deleted, only `is_current` moves.

    `seq` is the server sequence number pull cursors point at.
    """

    __tablename__ = "entry"
    __table_args__ = (
        sa.UniqueConstraint("id", "version", name="uq_entry_id_version"),
        sa.Index(
            "ux_entry_current",
            "id",
            unique=True,
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        ),
        sa.Index("ix_entry_area_pull", "area", "type", "is_current", "seq"),
        sa.Index("ix_entry_device_recorded", "device_id", "recorded_at"),
    )

    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(max_length=36)
    type: str = Field(max_length=20)
    version: int
    base_version: int | None = None
    content_hash: str = Field(max_length=64)
    payload: dict[str, Any] = Field(sa_type=sa.JSON)
    recorded_at: datetime = Field(sa_type=UTC_DATETIME)
    received_at: datetime = Field(sa_type=UTC_DATETIME)
    device_id: str = Field(max_length=36)
    area: str = Field(max_length=200)
    is_current: bool


class PushBatch(ServerTable, table=True):
    """The stored answer to one push batch, returned again when the batch is replayed."""

    __tablename__ = "push_batch"

    device_id: str = Field(primary_key=True, max_length=36)
    batch_id: str = Field(primary_key=True, max_length=100)
    response: dict[str, Any] = Field(sa_type=sa.JSON)
    created_at: datetime = Field(sa_type=UTC_DATETIME)


class Audit(ServerTable, table=True):
    """Who did what when (push, pull, enroll, revoke, reconcile), with counts; never payloads."""

    __tablename__ = "audit"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    device_id: str | None = Field(default=None, max_length=36, index=True)
    counts: dict[str, Any] = Field(sa_type=sa.JSON)
    at: datetime = Field(sa_type=UTC_DATETIME)


class FollowUp(ServerTable, table=True):
    """A Puskesmas follow-up of a referral; sent back to the devices of its area on pull."""

    __tablename__ = "follow_up"
    __table_args__ = (sa.Index("ix_follow_up_area_seq", "area", "seq"),)

    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(max_length=36, unique=True)
    person_id: str | None = Field(default=None, max_length=36)
    visit_id: str | None = Field(default=None, max_length=36)
    area: str = Field(max_length=200)
    outcome: str = Field(max_length=200)
    note: str = Field(default="", max_length=2000)
    recorded_at: datetime = Field(sa_type=UTC_DATETIME)
    created_at: datetime = Field(sa_type=UTC_DATETIME)
    # The staff username who recorded it (None for follow-ups made outside the dashboard).
    recorded_by: str | None = Field(default=None, max_length=100)
    puskesmas: str = Field(default="", max_length=200)


class StaffUser(ServerTable, table=True):
    """A Puskesmas staff member who may use the dashboard; the password is kept argon2-hashed."""

    __tablename__ = "staff_user"

    username: str = Field(primary_key=True, max_length=100)
    password_hash: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTC_DATETIME)
    disabled_at: datetime | None = Field(default=None, sa_type=UTC_DATETIME)
    # None: the whole kabupaten (Dinkes); otherwise the one Puskesmas this account sees.
    puskesmas: str | None = Field(default=None, max_length=200)


class StaffSession(ServerTable, table=True):
    """A dashboard login: `token_hash` is the sha256 hex of its cookie; forms carry `csrf_token`."""

    __tablename__ = "staff_session"

    token_hash: str = Field(primary_key=True, max_length=64)
    username: str = Field(max_length=100, index=True)
    csrf_token: str = Field(max_length=100)
    created_at: datetime = Field(sa_type=UTC_DATETIME)
    last_seen: datetime = Field(sa_type=UTC_DATETIME)
    expires_at: datetime = Field(sa_type=UTC_DATETIME)


class SatusehatOrganization(ServerTable, table=True):
    """The Puskesmas in SATUSEHAT (one row): its Organization IHS id and its default nakes."""

    __tablename__ = "satusehat_organization"

    id: int = Field(default=1, primary_key=True)
    organization_id: str = Field(max_length=64)
    practitioner_id: str | None = Field(default=None, max_length=64)
    practitioner_name: str = Field(default="", max_length=200)
    updated_at: datetime = Field(sa_type=UTC_DATETIME)
    updated_by: str = Field(max_length=100)


class SatusehatLocation(ServerTable, table=True):
    """A Posyandu (desa + name, as its devices were enrolled) as a SATUSEHAT Location.

    With the nakes responsible for it (the Puskesmas default when unset).
    """

    __tablename__ = "satusehat_location"

    area: str = Field(primary_key=True, max_length=200)
    posyandu: str = Field(primary_key=True, max_length=200)
    location_id: str | None = Field(default=None, max_length=64)
    practitioner_id: str | None = Field(default=None, max_length=64)
    practitioner_name: str = Field(default="", max_length=200)
    updated_at: datetime = Field(sa_type=UTC_DATETIME)
    updated_by: str = Field(max_length=100)


class FhirExport(ServerTable, table=True):
    """One FHIR Bundle made for SATUSEHAT: a full period, or the changes since an earlier one.

    ``seq_mark`` is the highest entry sequence number when it was made; ``counts`` holds how many
    visits went out, were retracted or held back (by reason), never a name or a value.
    """

    __tablename__ = "fhir_export"

    id: int | None = Field(default=None, primary_key=True)
    made_at: datetime = Field(sa_type=UTC_DATETIME)
    made_by: str = Field(max_length=100)
    mode: str = Field(max_length=20)
    since_id: int | None = None
    start: date | None = None
    end: date | None = None
    area: str | None = Field(default=None, max_length=200)
    organization_id: str = Field(max_length=64)
    seq_mark: int
    counts: dict[str, Any] = Field(sa_type=sa.JSON)


class FhirSent(ServerTable, table=True):
    """What one export said of one visit: sent, retracted (``entered-in-error``) or held back.

    With the visit's resources (tokens) and their digest; its state is its latest row.
    """

    __tablename__ = "fhir_sent"
    __table_args__ = (sa.Index("ix_fhir_sent_export", "export_id"),)

    visit_key: str = Field(primary_key=True, max_length=64)
    export_id: int = Field(primary_key=True)
    area: str = Field(max_length=200)
    state: str = Field(max_length=20)
    digest: str = Field(default="", max_length=64)
    resources: list[str] = Field(sa_type=sa.JSON)


class TransferReceipt(ServerTable, table=True):
    """A transfer file imported from a flash drive, and the signed receipt it was answered with.

    ``counts`` holds how many entries were accepted, duplicates or refused; the receipt names
    entries by id, version and hash only, never a value.
    """

    __tablename__ = "transfer_receipt"

    id: int | None = Field(default=None, primary_key=True)
    device_id: str = Field(max_length=36, index=True)
    batch_id: str = Field(max_length=100)
    imported_at: datetime = Field(sa_type=UTC_DATETIME)
    imported_by: str = Field(max_length=100)
    counts: dict[str, Any] = Field(sa_type=sa.JSON)
    receipt: str = Field(sa_type=sa.Text)


# The summary tables and the audit links share this metadata (defined apart for size).
from sync.server import coverage_tables as _coverage_tables  # noqa: E402, F401
from sync.server import summary_tables as _summary_tables  # noqa: E402, F401
