"""The SATUSEHAT identifiers the Puskesmas fills in on the dashboard.

Its Organization IHS id, each Posyandu's Location id and the responsible nakes (Practitioner
IHS id).

Reads and writes of the two settings tables; no web code. Ids are checked as FHIR ids (they
become part of identifier systems and references), names are never logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from sync.server.database import lock_writes
from sync.server.fhir.identity import Site
from sync.server.models import SatusehatLocation, SatusehatOrganization
from sync.server.store.tables import DEVICE
from sync.server.times import utc

FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


class BadIdError(ValueError):
    """A SATUSEHAT id that is not a FHIR id (names the field only, never the value)."""

    def __init__(self, field_name: str) -> None:
        super().__init__(f"{field_name} is not a FHIR id")
        self.field = field_name


@dataclass(frozen=True, slots=True)
class PosyanduIds:
    area: str
    posyandu: str
    location_id: str | None = None
    practitioner_id: str | None = None
    practitioner_name: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SatusehatIds:
    """Everything configured, with every Posyandu a device was enrolled for."""

    organization_id: str | None = None
    practitioner_id: str | None = None
    practitioner_name: str = ""
    updated_at: datetime | None = None
    posyandu: tuple[PosyanduIds, ...] = field(default_factory=tuple)

    def site(self, area: str, posyandu: str) -> Site | None:
        """The visit's site; None until the Puskesmas has its Organization id."""
        if not self.organization_id:
            return None
        own = next((p for p in self.posyandu if (p.area, p.posyandu) == (area, posyandu)), None)
        nakes_id = own.practitioner_id if own and own.practitioner_id else self.practitioner_id
        nakes_name = (
            own.practitioner_name if own and own.practitioner_id else self.practitioner_name
        )
        return Site(
            organization_id=self.organization_id,
            location_id=own.location_id if own else None,
            location_name=posyandu,
            practitioner_id=nakes_id,
            practitioner_name=nakes_name,
        )

    def changed_since(self, moment: datetime) -> tuple[bool, set[tuple[str, str]]]:
        """(the Puskesmas row changed, the Posyandu whose rows changed) after ``moment``."""
        whole = self.updated_at is not None and self.updated_at > moment
        places = {
            (p.area, p.posyandu)
            for p in self.posyandu
            if p.updated_at is not None and p.updated_at > moment
        }
        return whole, places


def clean_id(value: str | None, field_name: str) -> str | None:
    """The id as typed, trimmed; None when blank.

    Raises:
        BadIdError: not a FHIR id.
    """
    text = (value or "").strip()
    if not text:
        return None
    if not FHIR_ID.match(text):
        raise BadIdError(field_name)
    return text


def load_ids(session: Session) -> SatusehatIds:
    org = session.get(SatusehatOrganization, 1)
    rows = {(r.area, r.posyandu): r for r in session.exec(select(SatusehatLocation)).all()}
    places = session.execute(sa.select(DEVICE.c.area, DEVICE.c.posyandu).distinct()).all()
    names = sorted({(str(a), str(p)) for a, p in places} | set(rows))
    posyandu = tuple(
        PosyanduIds(
            area=area,
            posyandu=name,
            location_id=rows[(area, name)].location_id,
            practitioner_id=rows[(area, name)].practitioner_id,
            practitioner_name=rows[(area, name)].practitioner_name,
            updated_at=utc(rows[(area, name)].updated_at),
        )
        if (area, name) in rows
        else PosyanduIds(area=area, posyandu=name)
        for area, name in names
    )
    if org is None:
        return SatusehatIds(posyandu=posyandu)
    return SatusehatIds(
        organization_id=org.organization_id,
        practitioner_id=org.practitioner_id,
        practitioner_name=org.practitioner_name,
        updated_at=utc(org.updated_at),
        posyandu=posyandu,
    )


def save_organization(
    *,
    session: Session,
    organization_id: str,
    practitioner_id: str | None,
    practitioner_name: str,
    by: str,
    now: datetime,
) -> None:
    lock_writes(session.connection())
    row = session.get(SatusehatOrganization, 1) or SatusehatOrganization(
        id=1, organization_id=organization_id, updated_at=now, updated_by=by
    )
    row.organization_id = organization_id
    row.practitioner_id = practitioner_id
    row.practitioner_name = practitioner_name if practitioner_id else ""
    row.updated_at, row.updated_by = now, by
    session.add(row)
    session.commit()


def save_posyandu(
    *,
    session: Session,
    area: str,
    posyandu: str,
    location_id: str | None,
    practitioner_id: str | None,
    practitioner_name: str,
    by: str,
    now: datetime,
) -> None:
    lock_writes(session.connection())
    row = session.get(SatusehatLocation, (area, posyandu)) or SatusehatLocation(
        area=area, posyandu=posyandu, updated_at=now, updated_by=by
    )
    row.location_id = location_id
    row.practitioner_id = practitioner_id
    row.practitioner_name = practitioner_name if practitioner_id else ""
    row.updated_at, row.updated_by = now, by
    session.add(row)
    session.commit()
