"""PWS (pemantauan wilayah setempat) figures: current visits, monthly rates, open referrals.

Loaders read the database; everything after them is a pure function of the loaded facts, so the
figures can be checked by hand. Nothing here writes, and nothing here logs entry content.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from sync.server.dashboard.labels import reason_text
from sync.server.models import SERVER_METADATA
from sync.server.store import utc

ENTRY = SERVER_METADATA.tables["entry"]
DEVICE = SERVER_METADATA.tables["device"]
FOLLOW_UP = SERVER_METADATA.tables["follow_up"]

REFERRAL_LEVELS = ("refer", "urgent")
# A section result that is not a finished screening does not count in a rate's denominator.
UNSCORED = frozenset({"not_classified", "belum_lengkap"})


@dataclass(frozen=True, slots=True)
class IndicatorDef:
    key: str
    label: str
    section: str
    positive: frozenset[str]


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef(
        "hipertensi",
        "Hipertensi (≥ derajat 1)",
        "blood_pressure",
        frozenset({"hipertensi_1", "hipertensi_2", "hipertensi_3"}),
    ),
    IndicatorDef("curiga_diabetes", "Curiga diabetes", "glucose", frozenset({"curiga_diabetes"})),
    IndicatorDef("terduga_tbc", "Terduga TBC", "tb", frozenset({"terduga_tbc"})),
    IndicatorDef("srq20", "SRQ-20 berpotensi", "srq20", frozenset({"berpotensi_masalah_jiwa"})),
    IndicatorDef(
        "obesitas", "Obesitas (IMT)", "bmi", frozenset({"obesitas_1", "obesitas_2", "obesitas"})
    ),
)


@dataclass(frozen=True, slots=True)
class PersonFact:
    """The current version of a registered resident, with where (desa, Posyandu) it came from."""

    id: str
    area: str
    posyandu: str
    name: str
    nik: str | None
    sex: str | None
    birth_date: date | None
    registered_on: date


@dataclass(frozen=True, slots=True)
class SectionFact:
    code: str
    level: str
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class VisitFact:
    """The current version of one visit (corrections resolved), as the dashboard counts it.

    `key` names the visit across its versions; `ids` are every record id it has had (a follow-up
    naming any of them closes the referral). `measured_at` is the local time with its offset.
    """

    key: str
    row_id: str
    version: int
    person_id: str
    area: str
    posyandu: str
    device_id: str
    measured_at: datetime
    level: str
    rules_version: str
    sections: Mapping[str, SectionFact]
    inputs: Mapping[str, Any]
    voided: bool
    ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def month(self) -> date:
        return self.measured_at.date().replace(day=1)

    @property
    def measured_utc(self) -> datetime:
        return self.measured_at.astimezone(UTC)

    def scored(self, section: str) -> SectionFact | None:
        found = self.sections.get(section)
        return found if found is not None and found.code not in UNSCORED else None


@dataclass(frozen=True, slots=True)
class IndicatorCount:
    key: str
    label: str
    cases: int
    screened: int

    @property
    def rate(self) -> float | None:
        """Cases per 100 people screened for this section; None when nobody was."""
        return None if self.screened == 0 else 100.0 * self.cases / self.screened


@dataclass(frozen=True, slots=True)
class AreaMonth:
    """One desa + Posyandu (or the total, with both empty) in one month."""

    area: str
    posyandu: str
    month: date
    registered: int
    new_registered: int
    screened: int
    indicators: tuple[IndicatorCount, ...]

    def indicator(self, key: str) -> IndicatorCount:
        return next(i for i in self.indicators if i.key == key)


@dataclass(frozen=True, slots=True)
class Referral:
    key: str
    row_id: str
    person_id: str
    name: str
    area: str
    posyandu: str
    level: str
    reasons: tuple[str, ...]
    measured_on: date
    days_waiting: int


def _parse_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            return datetime.combine(date.fromisoformat(value), time(12), tzinfo=UTC)
        except ValueError:
            return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def person_fact(
    *, entry_id: str, payload: Mapping[str, Any], area: str, posyandu: str, recorded_at: datetime
) -> PersonFact:
    created = _parse_datetime(payload.get("created_at")) or utc(recorded_at)
    nik = payload.get("nik")
    sex = payload.get("sex")
    return PersonFact(
        id=entry_id,
        area=area,
        posyandu=posyandu,
        name=str(payload.get("name") or ""),
        nik=nik if isinstance(nik, str) and nik else None,
        sex=sex if sex in ("L", "P") else None,
        birth_date=_parse_date(payload.get("birth_date")),
        registered_on=created.date(),
    )


@dataclass(frozen=True, slots=True)
class VisitVersion:
    """One stored visit row as read from a payload, before corrections are resolved."""

    entry_id: str
    row_id: str
    key: str | None
    replaces_id: str | None
    version: int
    seq: int
    fact: VisitFact


def visit_version(
    *,
    entry_id: str,
    entry_version: int,
    seq: int,
    payload: Mapping[str, Any],
    area: str,
    posyandu: str,
    device_id: str,
    recorded_at: datetime,
) -> VisitVersion | None:
    """Read one pushed visit payload; None when it lacks what the dashboard needs (a person)."""
    person_id = payload.get("person_id")
    if not isinstance(person_id, str) or not person_id:
        return None
    measured = (
        _parse_datetime(payload.get("measured_at"))
        or _parse_datetime(payload.get("measured_at_utc"))
        or _parse_datetime(payload.get("measured_on"))
        or utc(recorded_at)
    )
    evaluation = payload.get("evaluation")
    evaluation = evaluation if isinstance(evaluation, Mapping) else {}
    sections: dict[str, SectionFact] = {}
    for raw in evaluation.get("sections") or ():
        if isinstance(raw, Mapping) and isinstance(raw.get("section"), str):
            values = raw.get("values")
            sections[raw["section"]] = SectionFact(
                code=str(raw.get("code") or ""),
                level=str(raw.get("level") or "none"),
                values=values if isinstance(values, Mapping) else {},
            )
    level = evaluation.get("level")
    if level not in ("none", "monitor", "refer", "urgent"):
        level = "none"
    row_id = payload.get("id") if isinstance(payload.get("id"), str) else entry_id
    key = payload.get("visit_key") if isinstance(payload.get("visit_key"), str) else None
    replaces = payload.get("replaces_id") if isinstance(payload.get("replaces_id"), str) else None
    version = payload.get("version")
    version = version if isinstance(version, int) and not isinstance(version, bool) else 0
    inputs = payload.get("inputs")
    fact = VisitFact(
        key=key or entry_id,
        row_id=str(row_id),
        version=max(version, entry_version),
        person_id=person_id,
        area=area,
        posyandu=posyandu,
        device_id=device_id,
        measured_at=measured,
        level=str(level),
        rules_version=str(evaluation.get("rules_version") or ""),
        sections=sections,
        inputs=inputs if isinstance(inputs, Mapping) else {},
        voided=bool(payload.get("voided")),
    )
    return VisitVersion(
        entry_id=entry_id,
        row_id=str(row_id),
        key=key,
        replaces_id=replaces,
        version=fact.version,
        seq=seq,
        fact=fact,
    )


def current_visits(versions: Iterable[VisitVersion]) -> list[VisitFact]:
    """The current, non-voided version of each visit.

    Versions of one visit share a key: the payload's `visit_key`, else the visit the chain of
    `replaces_id` starts from, else the record id. The highest version (then the latest stored)
    wins; a visit whose winning version is a void is left out.
    """
    rows = list(versions)
    by_row = {v.row_id: v for v in rows}

    def root(version: VisitVersion) -> str:
        if version.key:
            return version.key
        seen = {version.row_id}
        current = version
        while current.replaces_id and current.replaces_id in by_row:
            current = by_row[current.replaces_id]
            if current.key:
                return current.key
            if current.row_id in seen:
                break
            seen.add(current.row_id)
        return current.replaces_id or current.entry_id

    groups: dict[str, list[VisitVersion]] = defaultdict(list)
    for version in rows:
        groups[root(version)].append(version)
    out: list[VisitFact] = []
    for key, group in groups.items():
        winner = max(group, key=lambda v: (v.version, v.seq))
        if winner.fact.voided:
            continue
        ids = frozenset({key, *(v.row_id for v in group), *(v.entry_id for v in group)})
        out.append(_with(winner.fact, key=key, ids=ids))
    out.sort(key=lambda v: (v.measured_utc, v.key))
    return out


def _with(fact: VisitFact, *, key: str, ids: frozenset[str]) -> VisitFact:
    return VisitFact(
        key=key,
        row_id=fact.row_id,
        version=fact.version,
        person_id=fact.person_id,
        area=fact.area,
        posyandu=fact.posyandu,
        device_id=fact.device_id,
        measured_at=fact.measured_at,
        level=fact.level,
        rules_version=fact.rules_version,
        sections=fact.sections,
        inputs=fact.inputs,
        voided=fact.voided,
        ids=ids,
    )


def month_end(month: date) -> date:
    """The last day of `month`'s month."""
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def shift_month(month: date, delta: int) -> date:
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def summarize(
    *,
    people: Sequence[PersonFact],
    visits: Sequence[VisitFact],
    month: date,
    group: bool = True,
) -> list[AreaMonth]:
    """One row per desa + Posyandu for `month` (sorted), then the total row (empty names).

    Registered: residents registered up to the month's end. Screened: people with a visit
    measured in the month. For each indicator the person's latest scored result of its section
    that month decides; the denominator is the people screened for that section.
    """
    month = month.replace(day=1)
    last = month_end(month)
    in_month = [v for v in visits if v.month == month]
    groups: set[tuple[str, str]] = {(p.area, p.posyandu) for p in people}
    groups |= {(v.area, v.posyandu) for v in in_month}
    rows = []
    if group:
        for area, posyandu in sorted(groups):
            rows.append(
                _area_month(
                    people=[p for p in people if (p.area, p.posyandu) == (area, posyandu)],
                    visits=[v for v in in_month if (v.area, v.posyandu) == (area, posyandu)],
                    area=area,
                    posyandu=posyandu,
                    month=month,
                    last=last,
                )
            )
    rows.append(
        _area_month(people=people, visits=in_month, area="", posyandu="", month=month, last=last)
    )
    return rows


def _area_month(
    *,
    people: Sequence[PersonFact],
    visits: Sequence[VisitFact],
    area: str,
    posyandu: str,
    month: date,
    last: date,
) -> AreaMonth:
    ordered = sorted(visits, key=lambda v: (v.measured_utc, v.version))
    counts = []
    for indicator in INDICATORS:
        latest: dict[str, SectionFact] = {}
        for visit in ordered:
            result = visit.scored(indicator.section)
            if result is not None:
                latest[visit.person_id] = result
        counts.append(
            IndicatorCount(
                key=indicator.key,
                label=indicator.label,
                cases=sum(1 for r in latest.values() if r.code in indicator.positive),
                screened=len(latest),
            )
        )
    return AreaMonth(
        area=area,
        posyandu=posyandu,
        month=month,
        registered=sum(1 for p in people if p.registered_on <= last),
        new_registered=sum(1 for p in people if month <= p.registered_on <= last),
        screened=len({v.person_id for v in visits}),
        indicators=tuple(counts),
    )


def trend(
    *, people: Sequence[PersonFact], visits: Sequence[VisitFact], last_month: date, months: int = 12
) -> list[AreaMonth]:
    """The total row of each of the `months` months ending with `last_month`, oldest first."""
    first = shift_month(last_month.replace(day=1), -(months - 1))
    return [
        summarize(people=people, visits=visits, month=shift_month(first, i), group=False)[0]
        for i in range(months)
    ]


def open_referrals(
    *,
    people: Sequence[PersonFact],
    visits: Sequence[VisitFact],
    followed: Iterable[str],
    today: date,
) -> list[Referral]:
    """Current visits at `refer`/`urgent` that no follow-up names; urgent first, oldest first."""
    done = set(followed)
    names = {p.id: p.name for p in people}
    out = []
    for visit in visits:
        if visit.level not in REFERRAL_LEVELS or visit.ids & done:
            continue
        reasons = tuple(
            reason_text(section, result.code)
            for section, result in visit.sections.items()
            if result.level in REFERRAL_LEVELS
        )
        measured_on = visit.measured_at.date()
        out.append(
            Referral(
                key=visit.key,
                row_id=visit.row_id,
                person_id=visit.person_id,
                name=names.get(visit.person_id, ""),
                area=visit.area,
                posyandu=visit.posyandu,
                level=visit.level,
                reasons=reasons,
                measured_on=measured_on,
                days_waiting=max(0, (today - measured_on).days),
            )
        )
    out.sort(key=lambda r: (r.level != "urgent", -r.days_waiting, r.name))
    return out


def load_people(*, session: Session, area: str | None = None) -> list[PersonFact]:
    """Current person versions (of one area, or all), with their device's Posyandu."""
    query = (
        sa.select(ENTRY.c.id, ENTRY.c.payload, ENTRY.c.area, ENTRY.c.recorded_at, DEVICE.c.posyandu)
        .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
        .where(ENTRY.c.type == "person", ENTRY.c.is_current.is_(True))
    )
    if area:
        query = query.where(ENTRY.c.area == area)
    return [
        person_fact(
            entry_id=row.id,
            payload=row.payload if isinstance(row.payload, dict) else {},
            area=row.area,
            posyandu=row.posyandu,
            recorded_at=row.recorded_at,
        )
        for row in session.execute(query)
    ]


def load_visits(
    *, session: Session, area: str | None = None, since: date | None = None
) -> list[VisitFact]:
    """Current, non-voided visits (of one area, or all), corrections resolved.

    `since` skips entries stored before that day (UTC, less one day for time zones): a visit
    is never stored before it is measured, so no visit measured on or after it is missed.
    """
    query = (
        sa.select(
            ENTRY.c.seq,
            ENTRY.c.id,
            ENTRY.c.version,
            ENTRY.c.payload,
            ENTRY.c.area,
            ENTRY.c.device_id,
            ENTRY.c.recorded_at,
            DEVICE.c.posyandu,
        )
        .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
        .where(ENTRY.c.type == "visit", ENTRY.c.is_current.is_(True))
    )
    if area:
        query = query.where(ENTRY.c.area == area)
    if since is not None:
        low = datetime.combine(since - timedelta(days=1), time.min, tzinfo=UTC)
        query = query.where(ENTRY.c.recorded_at >= low)
    versions = []
    for row in session.execute(query):
        version = visit_version(
            entry_id=row.id,
            entry_version=row.version,
            seq=row.seq,
            payload=row.payload if isinstance(row.payload, dict) else {},
            area=row.area,
            posyandu=row.posyandu,
            device_id=row.device_id,
            recorded_at=row.recorded_at,
        )
        if version is not None:
            versions.append(version)
    return current_visits(versions)


def load_followed_ids(*, session: Session, area: str | None = None) -> set[str]:
    """Visit ids named by any follow-up."""
    query = sa.select(FOLLOW_UP.c.visit_id).where(FOLLOW_UP.c.visit_id.is_not(None))
    if area:
        query = query.where(FOLLOW_UP.c.area == area)
    return {str(v) for v in session.execute(query).scalars()}


def load_areas(session: Session) -> list[str]:
    """Every desa/area a device was enrolled for, sorted."""
    return sorted({str(a) for a in session.execute(sa.select(DEVICE.c.area)).scalars()})


@dataclass(frozen=True, slots=True)
class DeviceRow:
    id: str
    name: str
    posyandu: str
    area: str
    last_seen: datetime | None
    pending: int | None
    clock_skew_s: float | None
    app_version: str | None
    revoked_at: datetime | None


def load_devices(session: Session) -> list[DeviceRow]:
    rows = session.execute(sa.select(DEVICE).order_by(DEVICE.c.area, DEVICE.c.posyandu))
    return [
        DeviceRow(
            id=r.id,
            name=r.name,
            posyandu=r.posyandu,
            area=r.area,
            last_seen=utc(r.last_seen) if r.last_seen else None,
            pending=r.last_pending,
            clock_skew_s=r.clock_skew_s,
            app_version=r.app_version,
            revoked_at=utc(r.revoked_at) if r.revoked_at else None,
        )
        for r in rows
    ]
