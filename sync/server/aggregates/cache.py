"""The pages' facts of the last few areas viewed, kept between requests and never stale.

`FactCache` reads an area's data version on every request (a few index look-ups) and answers
from memory when nothing was written since; otherwise it reads only the rows numbered above what
it holds. Nothing here writes, and nothing here logs entry content.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlmodel import Session

from sync.server.aggregates.facts import (
    PersonFact,
    SharedValues,
    VisitFact,
    VisitVersion,
    current_visits,
    person_fact,
    visit_version,
)
from sync.server.aggregates.indicators import (
    AreaMonth,
    Referral,
    open_referrals,
    summarize_month,
    trend_by_month,
    visits_by_month,
)
from sync.server.aggregates.queries import load_followed_ids
from sync.server.store.tables import DEVICE, ENTRY, FOLLOW_UP

ENTRY_TYPES = ("person", "visit")
# How many months' overview figures (and days' referral lists) one AreaFacts keeps.
MEMO_SIZE = 24
T = TypeVar("T")


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


@dataclass(slots=True)
class _CurrentRows:
    """Per record id: the fact of its current row (None: it does not parse) and its version."""

    people: dict[str, PersonFact | None] = field(default_factory=dict)
    visits: dict[str, VisitVersion | None] = field(default_factory=dict)
    # Plain str -> int: a dict the garbage collector does not need to walk.
    versions: dict[str, int] = field(default_factory=dict)

    def copy(self) -> _CurrentRows:
        return _CurrentRows(dict(self.people), dict(self.visits), dict(self.versions))


class AreaFacts:
    """The pages' facts of one area (or of all, `area` None) as of `version`.

    Never changed once made, so requests share it freely; the figures computed from it are
    kept with it (`overview`, `open_referrals`). Visits are read without their payloads: the
    pages count codes and levels only (exports read the database themselves). ``unreadable``
    counts current entries whose payload does not parse: they count nowhere.
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
        self.people: list[PersonFact] = [p for p in rows.people.values() if p is not None]
        self.visits: list[VisitFact] = current_visits(
            fact for fact in rows.visits.values() if fact is not None
        )
        self.unreadable = sum(1 for p in rows.people.values() if p is None) + sum(
            1 for v in rows.visits.values() if v is None
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

    def _remember(self, key: tuple[str, date], make: Callable[[], T]) -> T:
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                found: T = self._memo[key]
                return found
        value = make()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

    def overview(self, month: date) -> tuple[list[AreaMonth], list[AreaMonth]]:
        """The month's rows (`summarize`) and its 12-month `trend` (shared: read only)."""
        month = month.replace(day=1)

        def make() -> tuple[list[AreaMonth], list[AreaMonth]]:
            by_month = self._by_month
            rows = summarize_month(
                people=self.people, in_month=by_month.get(month, ()), month=month, group=True
            )
            history = trend_by_month(
                people=self.people, by_month=by_month, last_month=month, months=12
            )
            return rows, history

        return self._remember(("overview", month), make)

    def open_referrals(self, today: date) -> list[Referral]:
        """`open_referrals` of these facts on `today` (shared: read only)."""

        def make() -> list[Referral]:
            return open_referrals(
                people=self.people, visits=self.visits, followed=self.followed, today=today
            )

        return self._remember(("referrals", today), make)

    def visit(self, key: str) -> VisitFact | None:
        """The current visit named `key`, if it is one of these."""
        return next((v for v in self.visits if v.key == key), None)


def _entry_rows(
    *, session: Session, area: str | None, after_seq: int | None
) -> Iterable[sa.Row[Any]]:
    """Person and visit rows with their device's Posyandu, each payload as its JSON text.

    The current ones (`after_seq` None), or every row numbered above `after_seq`, current or not.
    """
    query = (
        sa.select(
            ENTRY.c.seq,
            ENTRY.c.id,
            ENTRY.c.type,
            ENTRY.c.version,
            # As text: the typed models parse JSON text faster than decoded dicts.
            sa.cast(ENTRY.c.payload, sa.Text).label("payload"),
            ENTRY.c.area,
            ENTRY.c.device_id,
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
        if row.type == "person":
            current.people[row.id] = person_fact(
                payload=row.payload, area=row.area, posyandu=row.posyandu, shared=shared
            )
        else:
            current.visits[row.id] = visit_version(
                entry_id=row.id,
                entry_version=row.version,
                seq=row.seq,
                payload=row.payload,
                area=row.area,
                posyandu=row.posyandu,
                device_id=row.device_id,
                details=False,
                shared=shared,
            )


class FactCache:
    """The pages' facts of the `max_areas` most recently viewed areas, kept between requests.

    Every call reads the area's `DataVersion` and answers from memory only when nothing was
    written since; otherwise it reads just the rows numbered above what it holds. A push or a
    follow-up therefore shows on the very next page load. Safe to share between worker threads;
    the same code serves SQLite and PostgreSQL.
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
