"""PWS (pemantauan wilayah setempat) figures: current visits, monthly rates, open referrals.

Loaders read the database; everything after them is a pure function of the loaded facts, so the
figures can be checked by hand. `FactCache` keeps the pages' facts of a few areas between
requests and brings them up to date from the rows written since. Nothing here writes, and
nothing here logs entry content.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from types import MappingProxyType
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
ENTRY_TYPES = ("person", "visit")
# A fact read without its measurement values and inputs (the dashboard pages need neither).
NO_DETAILS: Mapping[str, Any] = MappingProxyType({})
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


class SharedValues:
    """One copy of the names and section results that many facts read together have in common.

    The same desa, Posyandu, device and results (code + level, without values) recur in every
    visit of an area; sharing them keeps a cached area's facts several times smaller, and gives
    the garbage collector far fewer objects to walk.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._results: dict[tuple[str, str], SectionFact] = {}
        self._sections: dict[tuple[tuple[str, str, str], ...], Mapping[str, SectionFact]] = {}

    def text(self, value: str) -> str:
        return self._texts.setdefault(value, value)

    def result(self, code: str, level: str) -> SectionFact:
        found = self._results.get((code, level))
        if found is None:
            found = self._results[(code, level)] = SectionFact(
                code=self.text(code), level=self.text(level), values=NO_DETAILS
            )
        return found

    def sections(self, sections: dict[str, SectionFact]) -> Mapping[str, SectionFact]:
        """One read-only copy of each distinct set of results (visits repeat a few hundred)."""
        key = tuple((name, r.code, r.level) for name, r in sections.items())
        found = self._sections.get(key)
        if found is None:
            found = self._sections[key] = MappingProxyType(sections)
        return found


def person_fact(
    *,
    entry_id: str,
    payload: Mapping[str, Any],
    area: str,
    posyandu: str,
    recorded_at: datetime,
    shared: SharedValues | None = None,
) -> PersonFact:
    created = _parse_datetime(payload.get("created_at")) or utc(recorded_at)
    nik = payload.get("nik")
    sex = payload.get("sex")
    return PersonFact(
        id=entry_id,
        area=shared.text(area) if shared else area,
        posyandu=shared.text(posyandu) if shared else posyandu,
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
    details: bool = True,
    shared: SharedValues | None = None,
) -> VisitVersion | None:
    """Read one pushed visit payload; None when it lacks what the dashboard needs (a person).

    Without `details` the section values and the inputs are left out (the pages count codes and
    levels only). `shared` makes many visits share one copy of equal names and section results.
    """
    person_id = payload.get("person_id")
    if not isinstance(person_id, str) or not person_id:
        return None
    share = shared or SharedValues()
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
            code = str(raw.get("code") or "")
            section_level = str(raw.get("level") or "none")
            if details:
                values = raw.get("values")
                result = SectionFact(
                    code=code,
                    level=section_level,
                    values=values if isinstance(values, Mapping) else {},
                )
            else:
                result = share.result(code, section_level)
            sections[share.text(raw["section"])] = result
    level = evaluation.get("level")
    if level not in ("none", "monitor", "refer", "urgent"):
        level = "none"
    row_id = payload.get("id") if isinstance(payload.get("id"), str) else entry_id
    key = payload.get("visit_key") if isinstance(payload.get("visit_key"), str) else None
    replaces = payload.get("replaces_id") if isinstance(payload.get("replaces_id"), str) else None
    version = payload.get("version")
    version = version if isinstance(version, int) and not isinstance(version, bool) else 0
    inputs = payload.get("inputs") if details else None
    fact = VisitFact(
        key=key or entry_id,
        row_id=str(row_id),
        version=max(version, entry_version),
        person_id=person_id,
        area=share.text(area),
        posyandu=share.text(posyandu),
        device_id=share.text(device_id),
        measured_at=measured,
        level=str(level),
        rules_version=share.text(str(evaluation.get("rules_version") or "")),
        sections=sections if details else share.sections(sections),
        inputs=inputs if isinstance(inputs, Mapping) else {} if details else NO_DETAILS,
        voided=bool(payload.get("voided")),
        # What `current_visits` gives a visit stored as one version (it keeps this fact then).
        ids=frozenset({key or entry_id, str(row_id), entry_id}),
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
        winner = group[0] if len(group) == 1 else max(group, key=lambda v: (v.version, v.seq))
        if winner.fact.voided:
            continue
        ids = frozenset({key, *(v.row_id for v in group), *(v.entry_id for v in group)})
        if winner.fact.key == key and winner.fact.ids == ids:
            out.append(winner.fact)
        else:
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
    in_month = [v for v in visits if v.month == month]
    return _summarize_month(people=people, in_month=in_month, month=month, group=group)


def visits_by_month(visits: Iterable[VisitFact]) -> dict[date, list[VisitFact]]:
    """The visits of each month (local calendar), in their given order."""
    out: dict[date, list[VisitFact]] = defaultdict(list)
    for visit in visits:
        out[visit.month].append(visit)
    return dict(out)


def _summarize_month(
    *, people: Sequence[PersonFact], in_month: Sequence[VisitFact], month: date, group: bool
) -> list[AreaMonth]:
    last = month_end(month)
    rows = []
    if group:
        people_of: dict[tuple[str, str], list[PersonFact]] = defaultdict(list)
        for person in people:
            people_of[(person.area, person.posyandu)].append(person)
        visits_of: dict[tuple[str, str], list[VisitFact]] = defaultdict(list)
        for visit in in_month:
            visits_of[(visit.area, visit.posyandu)].append(visit)
        for area, posyandu in sorted(people_of.keys() | visits_of.keys()):
            rows.append(
                _area_month(
                    people=people_of.get((area, posyandu), []),
                    visits=visits_of.get((area, posyandu), []),
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
    return _trend(
        people=people, by_month=visits_by_month(visits), last_month=last_month, months=months
    )


def _trend(
    *,
    people: Sequence[PersonFact],
    by_month: Mapping[date, Sequence[VisitFact]],
    last_month: date,
    months: int,
) -> list[AreaMonth]:
    first = shift_month(last_month.replace(day=1), -(months - 1))
    out = []
    for i in range(months):
        month = shift_month(first, i)
        in_month = by_month.get(month, ())
        out.append(_summarize_month(people=people, in_month=in_month, month=month, group=False)[0])
    return out


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


@dataclass(frozen=True, slots=True)
class DataVersion:
    """How far the rows behind an area's pages go: its newest entry and follow-up numbers.

    Both tables only ever gain rows (a correction or a void is a new entry row, and the row it
    replaces stops being current in the same transaction), and their writers are serialised so
    the numbers become visible in order (`database.lock_writes`). So an unchanged version means
    unchanged pages, and the rows numbered above it are exactly what was written since.
    """

    entry_seq: int
    follow_up_seq: int

    def covers(self, other: DataVersion) -> bool:
        return self.entry_seq >= other.entry_seq and self.follow_up_seq >= other.follow_up_seq


def data_version(*, session: Session, area: str | None = None) -> DataVersion:
    """The area's (or the whole database's) data version: one statement of index look-ups."""
    if area:
        # One look-up per (type, is_current) prefix of `ix_entry_area_pull`: each reads a
        # single index entry, however many rows the area has.
        entry_parts = [
            sa.select(sa.func.max(ENTRY.c.seq))
            .where(ENTRY.c.area == area, ENTRY.c.type == kind, ENTRY.c.is_current == current)
            .scalar_subquery()
            for kind in ENTRY_TYPES
            for current in (True, False)
        ]
        follow_up = (
            sa.select(sa.func.max(FOLLOW_UP.c.seq))
            .where(FOLLOW_UP.c.area == area)
            .scalar_subquery()
        )
    else:
        entry_parts = [sa.select(sa.func.max(ENTRY.c.seq)).scalar_subquery()]
        follow_up = sa.select(sa.func.max(FOLLOW_UP.c.seq)).scalar_subquery()
    row = session.execute(sa.select(*entry_parts, follow_up)).one()
    return DataVersion(
        entry_seq=max(int(v or 0) for v in row[:-1]), follow_up_seq=int(row[-1] or 0)
    )


# How many months' overview figures (and days' referral lists) one AreaFacts keeps.
MEMO_SIZE = 24


@dataclass(slots=True)
class _CurrentRows:
    """Per record id: the fact of its current row and that row's stored version."""

    people: dict[str, PersonFact] = field(default_factory=dict)
    visits: dict[str, VisitVersion | None] = field(default_factory=dict)
    # Plain str -> int: a dict the garbage collector does not need to walk.
    versions: dict[str, int] = field(default_factory=dict)

    def copy(self) -> _CurrentRows:
        return _CurrentRows(dict(self.people), dict(self.visits), dict(self.versions))


class AreaFacts:
    """The pages' facts of one area (or of all, `area` None) as of `version`.

    Never changed once made, so requests share it freely; the figures computed from it are
    kept with it (`overview`, `open_referrals`). Visits are read without measurement values or
    inputs: the pages count codes and levels only (exports read the database themselves).
    """

    def __init__(
        self,
        *,
        area: str | None,
        version: DataVersion,
        rows: _CurrentRows,
        followed: frozenset[str],
        shared: SharedValues,
    ) -> None:
        self.area = area
        self.version = version
        self.followed = followed
        self._rows = rows
        self._shared = shared
        self.people: list[PersonFact] = list(rows.people.values())
        self.visits: list[VisitFact] = current_visits(
            fact for fact in rows.visits.values() if fact is not None
        )
        self._memo: OrderedDict[tuple[str, date], Any] = OrderedDict()
        self._memo_lock = threading.Lock()

    @classmethod
    def load(cls, *, session: Session, area: str | None, version: DataVersion) -> AreaFacts:
        """Every current person and visit row of the area, read at (at least) `version`."""
        shared = SharedValues()
        rows = _CurrentRows()
        _apply_rows(_entry_rows(session=session, area=area, after_seq=None), rows, shared)
        return cls(
            area=area,
            version=version,
            rows=rows,
            followed=frozenset(load_followed_ids(session=session, area=area)),
            shared=shared,
        )

    def updated(self, *, session: Session, version: DataVersion) -> AreaFacts:
        """These facts brought to `version` by reading only the rows written since."""
        if version.entry_seq < self.version.entry_seq:
            # Fewer rows than before: another database (a restored copy). Start over.
            return AreaFacts.load(session=session, area=self.area, version=version)
        rows = self._rows
        if version.entry_seq != self.version.entry_seq:
            rows = rows.copy()
            since = _entry_rows(session=session, area=self.area, after_seq=self.version.entry_seq)
            _apply_rows(since, rows, self._shared)
        followed = self.followed
        if version.follow_up_seq != self.version.follow_up_seq:
            followed = frozenset(load_followed_ids(session=session, area=self.area))
        return AreaFacts(
            area=self.area, version=version, rows=rows, followed=followed, shared=self._shared
        )

    @cached_property
    def _by_month(self) -> dict[date, list[VisitFact]]:
        return visits_by_month(self.visits)

    def _remember(self, key: tuple[str, date], make: Any) -> Any:
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = make()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

    def overview(self, month: date) -> tuple[list[AreaMonth], list[AreaMonth]]:
        """`summarize` for `month` and the 12-month `trend` ending with it (shared: read only)."""
        month = month.replace(day=1)

        def make() -> tuple[list[AreaMonth], list[AreaMonth]]:
            by_month = self._by_month
            rows = _summarize_month(
                people=self.people, in_month=by_month.get(month, ()), month=month, group=True
            )
            history = _trend(people=self.people, by_month=by_month, last_month=month, months=12)
            return rows, history

        found: tuple[list[AreaMonth], list[AreaMonth]] = self._remember(("overview", month), make)
        return found

    def open_referrals(self, today: date) -> list[Referral]:
        """`open_referrals` of these facts on `today` (shared: read only)."""

        def make() -> list[Referral]:
            return open_referrals(
                people=self.people, visits=self.visits, followed=self.followed, today=today
            )

        found: list[Referral] = self._remember(("referrals", today), make)
        return found

    def visit(self, key: str) -> VisitFact | None:
        """The current visit named `key`, if it is one of these."""
        return next((v for v in self.visits if v.key == key), None)


def _entry_rows(
    *, session: Session, area: str | None, after_seq: int | None
) -> Iterable[sa.Row[Any]]:
    """Person and visit rows with their device's Posyandu.

    The current ones (`after_seq` None), or every row numbered above `after_seq`, current or not.
    """
    query = (
        sa.select(
            ENTRY.c.seq,
            ENTRY.c.id,
            ENTRY.c.type,
            ENTRY.c.version,
            ENTRY.c.payload,
            ENTRY.c.area,
            ENTRY.c.device_id,
            ENTRY.c.recorded_at,
            DEVICE.c.posyandu,
        )
        .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
        .where(ENTRY.c.type.in_(ENTRY_TYPES))
    )
    if area:
        query = query.where(ENTRY.c.area == area)
    if after_seq is None:
        query = query.where(ENTRY.c.is_current.is_(True))
    else:
        query = query.where(ENTRY.c.seq > after_seq)
    return session.execute(query)


def _apply_rows(rows: Iterable[sa.Row[Any]], current: _CurrentRows, shared: SharedValues) -> None:
    """Keep, per record id, the fact of its highest stored version: its current row.

    A record's newest version is always its current row, so rows read in any order (or twice)
    give the same result; an older version stored late (history) never replaces a newer one.
    """
    for row in rows:
        held = current.versions.get(row.id)
        if held is not None and held >= row.version:
            continue
        current.versions[row.id] = row.version
        payload = row.payload if isinstance(row.payload, dict) else {}
        if row.type == "person":
            current.people[row.id] = person_fact(
                entry_id=row.id,
                payload=payload,
                area=row.area,
                posyandu=row.posyandu,
                recorded_at=row.recorded_at,
                shared=shared,
            )
        else:
            current.visits[row.id] = visit_version(
                entry_id=row.id,
                entry_version=row.version,
                seq=row.seq,
                payload=payload,
                area=row.area,
                posyandu=row.posyandu,
                device_id=row.device_id,
                recorded_at=row.recorded_at,
                details=False,
                shared=shared,
            )


class FactCache:
    """The pages' facts of the `max_areas` most recently viewed areas, kept between requests.

    Every call reads the area's `DataVersion` (a few index look-ups) and answers from memory
    only when nothing was written since; otherwise it reads just the rows numbered above what
    it holds. A push or a follow-up therefore shows on the very next page load. Safe to share
    between worker threads; the same code serves SQLite and PostgreSQL.
    """

    def __init__(self, *, max_areas: int = 4) -> None:
        self.max_areas = max_areas
        self._held: OrderedDict[str, AreaFacts] = OrderedDict()
        self._lock = threading.Lock()
        # One reader of the database at a time: a second request for the same stale area waits
        # and then finds the first one's work, instead of reading everything again.
        self._build_lock = threading.Lock()

    def facts(self, *, session: Session, area: str | None = None) -> AreaFacts:
        """The area's (all areas' when None) facts, at least as new as the database now."""
        name = area or ""
        version = data_version(session=session, area=name or None)
        held = self._get(name)
        if held is not None and held.version.covers(version):
            return held
        with self._build_lock:
            held = self._get(name)
            if held is not None and held.version.covers(version):
                return held
            if held is None:
                fresh = AreaFacts.load(session=session, area=name or None, version=version)
            else:
                fresh = held.updated(session=session, version=version)
            if version != DataVersion(0, 0):
                # An area with no rows at all (a mistyped desa) is cheap and not worth a place.
                with self._lock:
                    self._held[name] = fresh
                    self._held.move_to_end(name)
                    while len(self._held) > self.max_areas:
                        self._held.popitem(last=False)
            return fresh

    def _get(self, name: str) -> AreaFacts | None:
        with self._lock:
            held = self._held.get(name)
            if held is not None:
                self._held.move_to_end(name)
            return held


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
