"""Sasaran and SPM coverage per Posyandu, from the server's own copy of every register.

Each Posyandu's residents (its devices' current person entries) are its sasaran; its current,
non-voided visits and the Puskesmas follow-ups are who was served. An entry holds one current
row per resident or visit (corrections replace it), so no versions are resolved here. The
counting itself is `screening.rules.coverage`, the same as the laptop's monthly report. A
Puskesmas-entered estimate replaces the register's count of a group, and the line says so.
Reads only, except `save_estimate`; nothing here logs a name or a value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

import sqlalchemy as sa
from sqlmodel import Session

from screening.rules.coverage import (
    COUNTED_SECTIONS,
    Coverage,
    FollowUpFact,
    Resident,
    Screening,
    Skdn,
    skdn,
    spm_coverage,
)
from screening.rules.section import SectionResult, SectionState
from sync.protocol import PersonPayload, VisitPayload
from sync.server.aggregates.facts import parse_stored
from sync.server.aggregates.summary_queries import Scope
from sync.server.coverage_tables import SasaranEstimate
from sync.server.models import SERVER_METADATA
from sync.server.store.tables import DEVICE, ENTRY, FOLLOW_UP

ESTIMATE = SERVER_METADATA.tables["sasaran_estimate"]
ESTIMATE_GROUPS = ("balita", "ibu_hamil", "usia_produktif", "lansia")
"""The groups an SPM line takes its sasaran from, so the ones an estimate may be entered for."""
KEPT_VALUES = {"antropometri_balita": ("weight_kg", "wfa_class")}
SCHEMA: Final = 2

Place = tuple[str, str, str]
"""(puskesmas, desa, Posyandu)."""


@dataclass(frozen=True, slots=True)
class PosyanduCoverage:
    """One Posyandu's month: its S-K-D-N and SPM lines (each saying where its sasaran is from)."""

    puskesmas: str
    area: str
    posyandu: str
    skdn: Skdn
    lines: tuple[Coverage, ...]
    registered: int


def _scoped(query: sa.Select[tuple[object, ...]], scope: Scope) -> sa.Select[tuple[object, ...]]:
    if scope.puskesmas is not None:
        query = query.where(DEVICE.c.puskesmas == scope.puskesmas)
    if scope.area:
        query = query.where(ENTRY.c.area == scope.area)
    if scope.posyandu:
        query = query.where(DEVICE.c.posyandu == scope.posyandu)
    return query


def _entries(session: Session, scope: Scope, kind: str) -> Iterable[sa.Row[tuple[object, ...]]]:
    """The current entries of ``kind`` in ``scope``: one per resident or per visit (its key)."""
    query = (
        sa.select(ENTRY.c.payload, ENTRY.c.area, DEVICE.c.puskesmas, DEVICE.c.posyandu)
        .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
        .where(ENTRY.c.type == kind, ENTRY.c.is_current.is_(True))
    )
    return session.execute(_scoped(query, scope))


class _Shared:
    """One result object per (section, class): visits repeat a few hundred of them."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], SectionResult] = {}

    def result(self, code: str, class_code: str, values: Mapping[str, Any]) -> SectionResult:
        if values:
            return SectionResult(
                section=code, state=SectionState.COMPLETE, code=class_code, values=dict(values)
            )
        found = self._found.get((code, class_code))
        if found is None:
            found = self._found[(code, class_code)] = SectionResult(
                section=code, state=SectionState.COMPLETE, code=class_code
            )
        return found


def _screening(raw: Any, shared: _Shared) -> Screening | None:
    """A visit's complete sections; None for a void or a payload that does not read.

    Payloads of the current schema were checked strictly when pushed and are read as stored;
    an older one goes through the typed model (which upgrades it).
    """
    if not isinstance(raw, Mapping) or raw.get("schema_version") != SCHEMA:
        visit = parse_stored(VisitPayload, raw if isinstance(raw, Mapping) else str(raw))
        if visit is None:
            return None
        raw = visit.model_dump(mode="json", by_alias=True)
    try:
        if raw.get("voided"):
            return None
        on = date.fromisoformat(str(raw["measured_at"])[:10])
        results = {}
        for code, stored in raw["sections"].items():
            class_code = stored.get("class")
            if code not in COUNTED_SECTIONS or class_code is None:
                continue
            if stored.get("state") != "complete":
                continue
            values = stored.get("values") or {}
            kept = {key: values.get(key) for key in KEPT_VALUES.get(code, ())}
            results[code] = shared.result(code, str(class_code), kept)
        return Screening(str(raw["person_id"]), on, results)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _current_visits(session: Session, scope: Scope) -> dict[Place, list[Screening]]:
    out: dict[Place, list[Screening]] = defaultdict(list)
    shared = _Shared()
    for row in _entries(session, scope, "visit"):
        found = _screening(row.payload, shared)
        if found is not None and found.results:
            out[(str(row.puskesmas), str(row.area), str(row.posyandu))].append(found)
    return out


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def _resident(raw: Any) -> Resident | None:
    if not isinstance(raw, Mapping) or raw.get("schema_version") != SCHEMA:
        person = parse_stored(PersonPayload, raw if isinstance(raw, Mapping) else str(raw))
        if person is None:
            return None
        raw = person.model_dump(mode="json")
    try:
        return Resident(
            id=str(raw["id"]),
            sex=str(raw["sex"]),
            birth_date=date.fromisoformat(str(raw["birth_date"])),
            pregnancy_start=_day(raw.get("pregnancy_start")),
            pregnancy_end=_day(raw.get("pregnancy_end")),
            kia_book=bool(raw.get("kia_book")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _residents(session: Session, scope: Scope) -> dict[Place, list[Resident]]:
    out: dict[Place, list[Resident]] = defaultdict(list)
    for row in _entries(session, scope, "person"):
        found = _resident(row.payload)
        if found is not None:
            out[(str(row.puskesmas), str(row.area), str(row.posyandu))].append(found)
    return out


def _follow_ups(session: Session, scope: Scope, since: date) -> list[FollowUpFact]:
    query = sa.select(FOLLOW_UP.c.person_id, FOLLOW_UP.c.outcome, FOLLOW_UP.c.recorded_at).where(
        FOLLOW_UP.c.person_id.is_not(None)
    )
    if scope.area:
        query = query.where(FOLLOW_UP.c.area == scope.area)
    found = []
    for person_id, outcome, recorded_at in session.execute(query):
        on = recorded_at.date() if isinstance(recorded_at, datetime) else None
        if on is not None and on >= since:
            found.append(FollowUpFact(str(person_id), on, str(outcome)))
    return found


def estimates(session: Session, *, scope: Scope, year: int) -> dict[Place, dict[str, int]]:
    """The entered estimates of ``year`` per Posyandu: group → sasaran."""
    query = sa.select(ESTIMATE).where(ESTIMATE.c.year == year)
    for clause in scope.where(ESTIMATE):
        query = query.where(clause)
    out: dict[Place, dict[str, int]] = defaultdict(dict)
    for row in session.execute(query):
        out[(row.puskesmas, row.area, row.posyandu)][row.group] = int(row.n)
    return out


def save_estimate(
    session: Session,
    *,
    place: Place,
    year: int,
    group: str,
    n: int | None,
    entered_by: str,
    now: datetime,
) -> None:
    """Enter (or with ``n`` None, remove) the estimate of one group; the register is used then."""
    puskesmas, area, posyandu = place
    session.execute(
        sa.delete(ESTIMATE).where(
            ESTIMATE.c.puskesmas == puskesmas,
            ESTIMATE.c.area == area,
            ESTIMATE.c.posyandu == posyandu,
            ESTIMATE.c.year == year,
            ESTIMATE.c.group == group,
        )
    )
    if n is not None:
        session.add(
            SasaranEstimate(
                puskesmas=puskesmas,
                area=area,
                posyandu=posyandu,
                year=year,
                group=group,
                n=n,
                entered_by=entered_by,
                entered_at=now,
            )
        )
    session.commit()


def posyandu_places(session: Session, *, scope: Scope) -> list[Place]:
    """Every Posyandu with an enrolled device in ``scope``, sorted."""
    query = sa.select(DEVICE.c.puskesmas, DEVICE.c.area, DEVICE.c.posyandu).distinct()
    for clause in scope.where(DEVICE):
        query = query.where(clause)
    return sorted((str(p), str(a), str(y)) for p, a, y in session.execute(query))


def coverage_rows(session: Session, *, scope: Scope, month: date) -> list[PosyanduCoverage]:
    """Each Posyandu of ``scope``: the month's S-K-D-N and SPM lines, in name order."""
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    residents = _residents(session, scope)
    visits = _current_visits(session, scope)
    follow_ups = _follow_ups(session, scope, date(first.year, 1, 1))
    entered = estimates(session, scope=scope, year=first.year)
    rows = []
    for place in posyandu_places(session, scope=scope):
        people = [r for r in residents.get(place, ()) if r.birth_date < following]
        ids = {r.id for r in people}
        seen = [s for s in visits.get(place, ()) if s.on < following]
        rows.append(
            PosyanduCoverage(
                puskesmas=place[0],
                area=place[1],
                posyandu=place[2],
                skdn=skdn(people, seen, first),
                lines=spm_coverage(
                    people,
                    seen,
                    [f for f in follow_ups if f.person_id in ids],
                    month=first,
                    estimates=entered.get(place),
                ),
                registered=len(people),
            )
        )
    return rows
