"""The GUI's background work: one small op factory per thing the GUI asks of the Register.

Each factory takes keyword-only arguments and returns a callable for `Runner.submit`. That
callable runs on a worker thread (the database lane unless its docstring says otherwise) and
must never touch a widget: it calls the Register's sub-stores and returns plain frozen data,
a ``Change`` for every mutation, which tells the window what to refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kader_app.core.demo import DemoSummary, seed_demo
from kader_app.core.models import (
    Change,
    FollowUpRecord,
    PersonInput,
    PersonRecord,
    SyncCounts,
    VisitRecord,
)
from kader_app.core.register import Register
from kader_app.core.report import MonthlyReport, ReportIdentity
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput

if TYPE_CHECKING:
    from kader_app.sync_link import Enrollment

T = TypeVar("T")
Op = Callable[[], T]
Progress = Callable[[int, int], None]
LoadReport = Callable[[date, Progress], MonthlyReport]


@dataclass(frozen=True, slots=True)
class PersonView:
    """One resident as the panel shows them: the record, the history, the follow-ups."""

    person: PersonRecord
    history: list[VisitRecord]
    follow_ups: list[FollowUpRecord]


@dataclass(frozen=True, slots=True)
class PersonSaved:
    """A resident saved (``change``), or not saved because they may already be registered."""

    change: Change | None
    duplicates: tuple[PersonRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class SavedReport:
    path: Path
    report: MonthlyReport


def search_people(*, register: Register, query: str, limit: int) -> Op[list[PersonRecord]]:
    return partial(register.search.people, query, limit=limit)


def load_person(*, register: Register, person_id: str) -> Op[PersonView]:
    def op() -> PersonView:
        """Worker thread: reads one resident, their history and follow-ups."""
        return PersonView(
            person=register.people.get(person_id),
            history=register.visits.history(person_id),
            follow_ups=register.visits.follow_ups(person_id),
        )

    return op


def sync_counts(*, register: Register) -> Op[SyncCounts]:
    return register.sync.counts


@dataclass(frozen=True, slots=True)
class SyncOverview:
    """The status bar's facts: the unsent counts and whether this laptop is enrolled at all."""

    counts: SyncCounts
    enrolled: bool


def sync_overview(*, register: Register) -> Op[SyncOverview]:
    def op() -> SyncOverview:
        """Worker thread: two short reads."""
        return SyncOverview(counts=register.sync.counts(), enrolled=register.sync.is_enrolled())

    return op


def save_person(
    *, register: Register, data: PersonInput, person: PersonRecord | None, force_new: bool
) -> Op[PersonSaved]:
    """Register ``data`` (or update ``person``), unless it may be someone already registered."""

    def op() -> PersonSaved:
        """Worker thread: looks for possible duplicates first, unless told to save anyway."""
        exclude = person.id if person else None
        if not force_new:
            duplicates = register.people.possible_duplicates(data, exclude_id=exclude)
            if duplicates:
                return PersonSaved(change=None, duplicates=tuple(duplicates))
        if person is None:
            return PersonSaved(change=register.people.register(data))
        return PersonSaved(
            change=register.people.update(
                person_id=person.id, data=data, base_version=person.version
            )
        )

    return op


def record_visit(
    *,
    register: Register,
    person_id: str,
    inputs: VisitInput,
    settings: RuleSettings,
    place: str,
    recorded_by: str,
) -> Op[Change]:
    return partial(
        register.visits.record,
        person_id=person_id,
        inputs=inputs,
        settings=settings,
        place=place,
        recorded_by=recorded_by,
    )


def start_visit(
    *, register: Register, person_id: str, on: date, settings: RuleSettings
) -> Op[VisitInput]:
    """What a new visit on ``on`` starts with (inputs carried from earlier visits)."""
    return partial(register.visits.start, person_id=person_id, on=on, settings=settings)


def correct_visit(
    *,
    register: Register,
    visit_id: str,
    inputs: VisitInput,
    settings: RuleSettings,
    recorded_by: str,
) -> Op[Change]:
    return partial(
        register.visits.correct,
        visit_id=visit_id,
        inputs=inputs,
        settings=settings,
        recorded_by=recorded_by,
    )


def void_visit(*, register: Register, visit_id: str, reason: str, recorded_by: str) -> Op[Change]:
    return partial(register.visits.void, visit_id=visit_id, reason=reason, recorded_by=recorded_by)


def report_loader(
    *, register: Register, posyandu: str, desa: str, puskesmas: str = "", kader: str = ""
) -> LoadReport:
    """The monthly report of a month, for `ReportDialog` (which runs it through an op below)."""
    identity = ReportIdentity(puskesmas=puskesmas, desa=desa, posyandu=posyandu, kader=kader)

    def load(month: date, progress: Progress) -> MonthlyReport:
        """Worker thread: the read-only report of one month."""
        return register.monthly_report(
            month=month, posyandu=posyandu, desa=desa, progress=progress, identity=identity
        )

    return load


def export_recorder(*, register: Register) -> Callable[[date, str], None]:
    """Audits a report file written (kind and month only): the file holds residents' data."""

    def record(month: date, kind: str) -> None:
        """Worker thread: one audit row."""
        register.record_export(what=f"monthly_report_{kind}", period=f"{month:%Y-%m}")

    return record


def report(*, load: LoadReport, month: date, progress: Progress) -> Op[MonthlyReport]:
    return partial(load, month, progress)


def save_report(
    *,
    load: LoadReport,
    month: date,
    progress: Progress,
    path: Path,
    kind: str,
    write: Callable[[MonthlyReport, Path], None],
    record_export: Callable[[date, str], None] | None,
) -> Op[SavedReport]:
    def op() -> SavedReport:
        """Worker thread: reads the month again, writes one file, audits it."""
        monthly = load(month, progress)
        write(monthly, path)
        if record_export is not None:
            record_export(month, kind)
        return SavedReport(path=path, report=monthly)

    return op


def seed_demo_village(*, register: Register, today: date, progress: Progress) -> Op[DemoSummary]:
    """Fills the demo database (several seconds); ``progress`` is called on the worker."""
    return partial(seed_demo, register, today=today, progress=progress)


def enroll(*, register: Register, server_url: str, code: str, ca_bundle: str) -> Op[Enrollment]:
    """Network lane: asks the server to enrol this laptop and stores the credentials.

    Raises ``sync.client.SyncError`` (through the runner) when the server refuses.
    """

    def op() -> Enrollment:
        """Network lane worker: one request, then the credentials go to the Register."""
        from kader_app.sync_link import enroll_device

        return enroll_device(register, server_url=server_url, code=code, ca_bundle=ca_bundle)

    return op
