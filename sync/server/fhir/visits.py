"""The visits a FHIR export reads, and the NIK of each resident.

The latest version of each visit (a void included), and all versions of one visit (to rebuild
what an earlier version sent).

Reads only, as typed facts; nothing here logs entry content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from sync.protocol import PersonPayload
from sync.server.aggregates.facts import VisitFact, VisitVersion, parse_stored, visit_version
from sync.server.store.tables import DEVICE, ENTRY, chunks


def _query(area: str | None) -> sa.Select[tuple[object, ...]]:
    query = (
        sa.select(
            ENTRY.c.seq,
            ENTRY.c.id,
            ENTRY.c.version,
            sa.cast(ENTRY.c.payload, sa.Text).label("payload"),
            ENTRY.c.area,
            ENTRY.c.device_id,
            DEVICE.c.posyandu,
        )
        .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
        .where(ENTRY.c.type == "visit")
    )
    return query.where(ENTRY.c.area == area) if area else query


def _versions(session: Session, query: sa.Select[tuple[object, ...]]) -> list[VisitVersion]:
    found = (
        visit_version(
            entry_id=row.id,
            entry_version=row.version,
            seq=row.seq,
            payload=row.payload,
            area=row.area,
            posyandu=row.posyandu,
            device_id=row.device_id,
        )
        for row in session.execute(query)
    )
    return [v for v in found if v is not None]


def latest(versions: Iterable[VisitVersion]) -> dict[str, VisitFact]:
    """The latest version of each visit (highest version, then latest stored), voids kept."""
    best: dict[str, VisitVersion] = {}
    for version in versions:
        held = best.get(version.fact.key)
        if held is None or (version.fact.version, version.seq) > (held.fact.version, held.seq):
            best[version.fact.key] = version
    return {key: v.fact for key, v in best.items()}


def current_visits(
    *,
    session: Session,
    area: str | None,
    after_seq: int | None = None,
    recorded_from: date | None = None,
    places: Iterable[tuple[str, str]] = (),
    keys: Sequence[str] = (),
) -> dict[str, VisitFact]:
    """The current version of visits of ``area`` chosen by any of the filters given.

    ``recorded_from`` skips entries stored before that day (UTC, less one day for time zones):
    a visit is never stored before it is measured.
    """
    base = _query(area).where(ENTRY.c.is_current.is_(True))
    queries: list[sa.Select[tuple[object, ...]]] = []
    if after_seq is not None:
        queries.append(base.where(ENTRY.c.seq > after_seq))
    if recorded_from is not None:
        low = datetime.combine(recorded_from - timedelta(days=1), time.min, tzinfo=UTC)
        queries.append(base.where(ENTRY.c.recorded_at >= low))
    for place_area, posyandu in places:
        queries.append(base.where(ENTRY.c.area == place_area, DEVICE.c.posyandu == posyandu))
    queries += [base.where(ENTRY.c.id.in_(list(part))) for part in chunks(list(keys))]
    if after_seq is None and recorded_from is None and not places and not keys:
        queries.append(base)
    versions = [v for query in queries for v in _versions(session, query)]
    return latest(versions)


def all_versions(*, session: Session, key: str) -> list[VisitFact]:
    """Every stored version of one visit, newest first."""
    versions = _versions(session, _query(None).where(ENTRY.c.id == key))
    versions.sort(key=lambda v: (v.fact.version, v.seq), reverse=True)
    return [v.fact for v in versions]


def niks(*, session: Session, person_ids: Iterable[str]) -> dict[str, str]:
    """Person id → NIK, for the current records of those residents that have one."""
    ids = sorted(set(person_ids))
    out: dict[str, str] = {}
    for part in chunks(ids):
        query = sa.select(sa.cast(ENTRY.c.payload, sa.Text).label("payload")).where(
            ENTRY.c.type == "person", ENTRY.c.is_current.is_(True), ENTRY.c.id.in_(list(part))
        )
        for row in session.execute(query):
            person = parse_stored(PersonPayload, row.payload)
            if person is not None and person.nik:
                out[person.id] = person.nik
    return out


def max_seq(session: Session) -> int:
    return int(
        session.execute(sa.select(sa.func.coalesce(sa.func.max(ENTRY.c.seq), 0))).scalar_one()
    )
