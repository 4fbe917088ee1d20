"""What the server has exported to SATUSEHAT: the export rows and, per visit, what each said.

Reads and one write (an export with its visit rows, in one transaction). A visit's state as of an
export is its row in the latest export up to that one, under the same Organization id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from sync.server.database import lock_writes
from sync.server.models import SERVER_METADATA, FhirExport, FhirSent
from sync.server.store.tables import chunks
from sync.server.times import utc

SENT, RETRACTED, HELD = "sent", "retracted", "held"
EXPORT = SERVER_METADATA.tables["fhir_export"]
SENT_TABLE = SERVER_METADATA.tables["fhir_sent"]


@dataclass(frozen=True, slots=True)
class VisitState:
    state: str
    digest: str
    export_id: int


def export_row(session: Session, export_id: int) -> FhirExport | None:
    return session.get(FhirExport, export_id)


def since_point(
    session: Session, *, organization_id: str, area: str | None, export_id: int | None
) -> FhirExport | None:
    """The "changes" export a new one starts from: ``export_id``, or the latest one.

    Only a "changes" export of the same area (or of all areas) covers everything up to its mark;
    None when there is none yet (the first export holds everything).

    Raises:
        LookupError: ``export_id`` names no such export.
    """
    query = sa.select(EXPORT.c.id).where(
        EXPORT.c.organization_id == organization_id, EXPORT.c.mode == "perubahan"
    )
    query = query.where(
        sa.or_(EXPORT.c.area.is_(None), EXPORT.c.area == area) if area else EXPORT.c.area.is_(None)
    )
    if export_id is not None:
        query = query.where(EXPORT.c.id == export_id)
    found = session.execute(query.order_by(EXPORT.c.id.desc()).limit(1)).scalar()
    if found is None and export_id is not None:
        raise LookupError(export_id)
    return None if found is None else session.get(FhirExport, found)


@dataclass(frozen=True, slots=True)
class ExportView:
    """One earlier export as the exports page lists it (times aware, in UTC)."""

    id: int
    made_at: datetime
    made_by: str
    mode: str
    since_id: int | None
    start: date | None
    end: date | None
    area: str | None
    counts: dict[str, Any]


def recent_exports(session: Session, limit: int = 12) -> list[ExportView]:
    rows = session.execute(sa.select(EXPORT).order_by(EXPORT.c.id.desc()).limit(limit))
    return [
        ExportView(
            id=r.id,
            made_at=utc(r.made_at),
            made_by=r.made_by,
            mode=r.mode,
            since_id=r.since_id,
            start=r.start,
            end=r.end,
            area=r.area,
            counts=dict(r.counts),
        )
        for r in rows
    ]


def _rows(session: Session, organization_id: str, up_to: int | None, keys: Sequence[str] | None):  # type: ignore[no-untyped-def]
    base = (
        sa.select(
            SENT_TABLE.c.visit_key,
            SENT_TABLE.c.export_id,
            SENT_TABLE.c.state,
            SENT_TABLE.c.digest,
            SENT_TABLE.c.resources,
        )
        .join(EXPORT, EXPORT.c.id == SENT_TABLE.c.export_id)
        .where(EXPORT.c.organization_id == organization_id)
    )
    if up_to is not None:
        base = base.where(SENT_TABLE.c.export_id <= up_to)
    if keys is None:
        yield from session.execute(base)
        return
    for part in chunks(list(keys)):
        yield from session.execute(base.where(SENT_TABLE.c.visit_key.in_(list(part))))


def states_as_of(
    session: Session, *, organization_id: str, up_to: int, keys: Sequence[str] | None = None
) -> dict[str, VisitState]:
    """Each visit's state as of export ``up_to`` (of ``keys``, or of every visit exported)."""
    out: dict[str, VisitState] = {}
    for row in _rows(session, organization_id, up_to, keys):
        held = out.get(row.visit_key)
        if held is None or row.export_id > held.export_id:
            out[row.visit_key] = VisitState(row.state, row.digest, row.export_id)
    return out


def ever_sent(
    session: Session, *, organization_id: str, keys: Sequence[str]
) -> dict[str, set[str]]:
    """Each visit's resources (tokens) that any export sent or withdrew, under this organisation."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in _rows(session, organization_id, None, keys):
        if row.state in (SENT, RETRACTED):
            out[row.visit_key].update(row.resources)
    return dict(out)


def record(session: Session, *, export: FhirExport, rows: Sequence[FhirSent]) -> int:
    """Store the export and what it said of each visit; returns the export's id."""
    lock_writes(session.connection())
    session.add(export)
    session.flush()
    assert export.id is not None
    for row in rows:
        row.export_id = export.id
        session.add(row)
    session.commit()
    return export.id
