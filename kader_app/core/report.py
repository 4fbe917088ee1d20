"""The monthly Posyandu report's figures: counts per age group and sex, each class, referrals.

Qt-free and read-only: figures come from `report_queries` over the Register's engine; the
printed document (identity, tables, signatures; HTML and XLSX) is `report_document`. Nothing
here logs names or measurements.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine

from kader_app.core.report_coverage import CoverageFigures, coverage_figures
from kader_app.core.report_queries import (
    EarlierReferral,
    ReportVisit,
    earlier_referrals,
    month_visits,
    registered_by_sex,
)
from screening.rules.age import years_between
from screening.rules.common import Level
from screening.rules.registry import sections
from screening.rules.section import SectionResult
from screening.words import class_text, section_title

Progress = Callable[[int, int], None]

# Months before the report's whose referrals are followed up on it.
EARLIER_MONTHS = 3
# (label, lowest age, highest age or None): the ILP life-cycle clusters of the adult screening.
AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("< 15 tahun", 0, 14),
    ("15–18 tahun (remaja)", 15, 18),
    ("19–59 tahun (dewasa)", 19, 59),
    ("≥ 60 tahun (lansia)", 60, None),
)


@dataclass(frozen=True, slots=True)
class BySex:
    """A count split by sex: laki-laki (L) and perempuan (P)."""

    male: int = 0
    female: int = 0

    @property
    def total(self) -> int:
        return self.male + self.female


@dataclass(frozen=True, slots=True)
class ClassLine:
    section: str
    code: str
    label: str
    people: BySex


@dataclass(frozen=True, slots=True)
class ReferralLine:
    """One resident referred this month; ``reasons`` are (section, class code) pairs."""

    name: str
    sex: str
    age: int
    level: str
    measured_on: date
    reasons: tuple[str, ...]
    nik: str | None = None
    address: str = ""
    codes: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True, slots=True)
class ReportIdentity:
    """Who the report is from, printed at its top: the Puskesmas, desa, Posyandu and kader."""

    puskesmas: str = ""
    desa: str = ""
    posyandu: str = ""
    kader: str = ""


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    """Everything printed on the monthly report; people are counted once per line."""

    month: date
    posyandu: str
    desa: str
    registered: BySex
    screened: BySex
    visits: int
    by_section: tuple[tuple[str, BySex], ...]
    by_age: tuple[tuple[str, BySex], ...]
    classes: tuple[ClassLine, ...]
    referrals: tuple[tuple[str, BySex], ...]
    referral_list: tuple[ReferralLine, ...]
    earlier_referrals: tuple[EarlierReferral, ...] = ()
    identity: ReportIdentity = field(default_factory=ReportIdentity)
    # Sasaran and SPM: the S-K-D-N and served / sasaran per group (None: not computed).
    coverage: CoverageFigures | None = None


def _by_sex(sexes: Sequence[str]) -> BySex:
    return BySex(male=sum(1 for s in sexes if s == "L"), female=sum(1 for s in sexes if s == "P"))


def _age_group(age: int) -> str:
    for label, low, high in AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return label
    return AGE_GROUPS[0][0]


def _measured_date(visit: ReportVisit) -> date:
    return datetime.fromisoformat(visit.measured_at).date()


def compute_report(
    visits: Sequence[ReportVisit],
    *,
    month: date,
    registered: dict[str, int],
    posyandu: str = "",
    desa: str = "",
    earlier: Sequence[EarlierReferral] = (),
    identity: ReportIdentity | None = None,
    coverage: CoverageFigures | None = None,
) -> MonthlyReport:
    """The report from the month's visits (oldest first). Pure.

    Only complete sections count: a visit with none (saved before rules 2026.12) is not a
    screening, and a person counts as screened for a section only when it was complete. A
    person screened twice counts once: their age group is their age at the first visit of
    the month; for each section their latest complete result that month decides their class;
    their highest level that month decides whether and how they were referred.
    """
    people: dict[str, ReportVisit] = {}
    first_visit: dict[str, ReportVisit] = {}
    latest: dict[tuple[str, str], SectionResult] = {}
    highest: dict[str, ReportVisit] = {}
    counted = [v for v in visits if v.level is not None and any(r.is_complete for r in v.sections)]
    for visit in counted:
        people[visit.person_id] = visit
        first_visit.setdefault(visit.person_id, visit)
        for result in visit.sections:
            if result.is_complete:
                latest[(visit.person_id, result.section)] = result
        held = highest.get(visit.person_id)
        if held is None or Level(str(visit.level)).rank >= Level(str(held.level)).rank:
            highest[visit.person_id] = visit

    ages = {pid: years_between(v.birth_date, _measured_date(v)) for pid, v in first_visit.items()}
    by_age = tuple(
        (
            label,
            _by_sex([people[pid].sex for pid, age in ages.items() if _age_group(age) == label]),
        )
        for label, _, _ in AGE_GROUPS
    )
    classes = []
    by_section = []
    screened_in: dict[str, list[str]] = {}
    with_class: dict[tuple[str, str | None], list[str]] = {}
    for (pid, sec), found in latest.items():
        screened_in.setdefault(sec, []).append(people[pid].sex)
        with_class.setdefault((sec, found.code), []).append(people[pid].sex)
    for spec in sections():
        screened = screened_in.get(spec.code)
        if screened:
            by_section.append((spec.code, _by_sex(screened)))
        for code in dict.fromkeys(spec.class_codes + spec.stored_class_codes):
            sexes = with_class.get((spec.code, code))
            if sexes:
                classes.append(
                    ClassLine(
                        section=spec.code,
                        code=code,
                        label=class_text(spec.code, code),
                        people=_by_sex(sexes),
                    )
                )
    referrals = tuple(
        (
            level,
            _by_sex([people[pid].sex for pid, v in highest.items() if v.level == level]),
        )
        for level in ("refer", "urgent")
    )
    referral_list = tuple(
        sorted(
            (
                ReferralLine(
                    name=v.name,
                    sex=v.sex,
                    age=ages[pid],
                    level=str(v.level),
                    measured_on=_measured_date(v),
                    reasons=tuple(
                        f"{section_title(s.section)}: {class_text(s.section, s.code)}"
                        for s in v.sections
                        if s.is_complete and s.level in (Level.REFER, Level.URGENT)
                    ),
                    nik=v.nik,
                    address=v.address,
                    codes=tuple(
                        (s.section, s.code)
                        for s in v.sections
                        if s.is_complete and s.level in (Level.REFER, Level.URGENT)
                    ),
                )
                for pid, v in highest.items()
                if v.level in ("refer", "urgent")
            ),
            key=lambda r: (r.level != "urgent", r.name.casefold()),
        )
    )
    return MonthlyReport(
        month=month.replace(day=1),
        posyandu=posyandu,
        desa=desa,
        registered=BySex(male=registered.get("L", 0), female=registered.get("P", 0)),
        screened=_by_sex([v.sex for v in people.values()]),
        visits=len(counted),
        by_section=tuple(by_section),
        by_age=by_age,
        classes=tuple(classes),
        referrals=referrals,
        referral_list=referral_list,
        earlier_referrals=tuple(
            sorted(earlier, key=lambda r: (r.outcome is not None, r.measured_at, r.name))
        ),
        identity=identity or ReportIdentity(desa=desa, posyandu=posyandu),
        coverage=coverage,
    )


def build_report(
    engine: Engine,
    *,
    month: date,
    posyandu: str = "",
    desa: str = "",
    progress: Progress | None = None,
    identity: ReportIdentity | None = None,
    estimates: Mapping[str, int] | None = None,
) -> MonthlyReport:
    """Read the month from the local database and compute its report (runs on a worker).

    ``estimates`` are a Puskesmas-entered sasaran per group, used instead of the register's.
    """
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    last = date.fromordinal(following.toordinal() - 1)
    visits = month_visits(engine, month=first, progress=progress)
    registered = registered_by_sex(engine, until=last)
    since = first
    for _ in range(EARLIER_MONTHS):
        since = date(since.year - (since.month == 1), (since.month - 2) % 12 + 1, 1)
    earlier = earlier_referrals(engine, since=since, before=first)
    return compute_report(
        visits,
        month=first,
        registered=registered,
        posyandu=posyandu,
        desa=desa,
        earlier=earlier,
        identity=identity,
        coverage=coverage_figures(engine, month=first, estimates=estimates),
    )
