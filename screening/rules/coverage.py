"""Sasaran and SPM coverage: who the Posyandu serves (its register) and who was served.

The register is the area's target population; coverage is served / sasaran per life-cycle group
and indicator, as the SPM indicators count it, and the classic S-K-D-N of the balita weighing.
Pure: functions of residents and their complete results, shared by the monthly report on the
laptop and the Puskesmas dashboard. Only complete sections count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Final, Literal

from screening.rules.age import age_on
from screening.rules.pregnancy import pregnant_on
from screening.rules.section import SectionResult

GROUPS: Final = (
    "bayi",
    "balita",
    "anak_usia_sekolah",
    "remaja",
    "usia_produktif",
    "lansia",
    "ibu_hamil",
)
"""Life-cycle groups of the register, in report order; one resident may be in several
(a baby is also a balita; a pregnant 17-year-old is a remaja and an ibu hamil)."""

ADULT_SCREENING: Final = frozenset({"bmi", "waist", "blood_pressure", "glucose", "cholesterol"})
ELDERLY_SCREENING: Final = ADULT_SCREENING | {"adl", "skilas"}
PREGNANCY_SECTIONS: Final = frozenset({"lila_hamil", "tanda_bahaya_hamil", "ttd", "tensi_hamil"})
COUNTED_SECTIONS: Final = (
    ELDERLY_SCREENING | PREGNANCY_SECTIONS | {"antropometri_balita", "tren_bb", "tb"}
)
"""Every section some coverage line or S-K-D-N reads; visits' other sections may be left out."""
HYPERTENSION: Final = frozenset({"hipertensi_1", "hipertensi_2", "hipertensi_3"})
# Puskesmas follow-up outcomes that mean the person was seen (so a presumptive TB was examined).
SEEN_OUTCOMES: Final = frozenset({"datang", "dikunjungi", "dirujuk_lanjut"})
# The same outcomes as the dashboard records and sends them (its words, not its codes).
SEEN_OUTCOME_WORDS: Final = frozenset(
    {
        "Sudah datang ke Puskesmas/Pustu",
        "Sudah dikunjungi nakes di rumah",
        "Dirujuk lanjut ke rumah sakit",
    }
)

Period = Literal["month", "year"]


@dataclass(frozen=True, slots=True)
class Resident:
    """What coverage needs of one registered resident (never a name or NIK)."""

    id: str
    sex: str
    birth_date: date
    pregnancy_start: date | None = None
    pregnancy_end: date | None = None
    kia_book: bool = False


@dataclass(frozen=True, slots=True)
class Screening:
    """One current, non-voided visit: when, and its complete sections by code."""

    person_id: str
    on: date
    results: Mapping[str, SectionResult] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FollowUpFact:
    """A Puskesmas follow-up of a person's referral: when and its outcome code."""

    person_id: str
    on: date
    outcome: str


def was_seen(outcome: str) -> bool:
    """Whether a follow-up outcome (its code, or the words the dashboard stored) means seen."""
    return outcome in SEEN_OUTCOMES or outcome in SEEN_OUTCOME_WORDS


def groups_of(resident: Resident, on: date) -> frozenset[str]:
    """The life-cycle groups ``resident`` belongs to on ``on`` (none before birth)."""
    if on < resident.birth_date:
        return frozenset()
    found = _age_groups(resident.birth_date, on)
    if resident.sex == "P" and pregnant_on(resident.pregnancy_start, resident.pregnancy_end, on):
        return found | {"ibu_hamil"}
    return found


@lru_cache(maxsize=1 << 16)
def _age_groups(birth_date: date, on: date) -> frozenset[str]:
    # By birth date alone: a register has far fewer birth dates than residents.
    age = age_on(birth_date, on)
    found: set[str] = set()
    if age.months < 12:
        found.add("bayi")
    if age.months < 60:
        found.add("balita")
    if 7 <= age.years <= 15:
        found.add("anak_usia_sekolah")
    if 10 <= age.years <= 18:
        found.add("remaja")
    if 15 <= age.years <= 59:
        found.add("usia_produktif")
    if age.years >= 60:
        found.add("lansia")
    return frozenset(found)


def sasaran(residents: Iterable[Resident], on: date) -> dict[str, int]:
    """How many registered residents are in each group on ``on`` (every group listed)."""
    counts = dict.fromkeys(GROUPS, 0)
    for resident in residents:
        for group in groups_of(resident, on):
            counts[group] += 1
    return counts


@dataclass(frozen=True, slots=True)
class Coverage:
    """One SPM line: ``served`` of ``target``; ``source`` says where the target comes from."""

    indicator: str
    group: str
    served: int
    target: int
    source: Literal["register", "estimate"] = "register"

    @property
    def percent(self) -> float | None:
        return None if self.target <= 0 else round(100 * self.served / self.target, 1)


@dataclass(frozen=True, slots=True)
class Skdn:
    """The balita weighing of one month: S all balita, K with a Buku KIA, D weighed, N gained.

    ``t`` did not gain, ``two_t`` did not gain twice running, ``bgm`` weighed under the red line
    (weight-for-age below −3 SD), ``o`` / ``b`` missed last month / weighed for the first time.
    """

    s: int
    k: int
    d: int
    n: int
    t: int
    two_t: int
    bgm: int
    o: int
    b: int


def _month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following


def _in(on: date, start: date, end: date) -> bool:
    return start <= on < end


def _latest_by_person(
    screenings: Iterable[Screening], start: date, end: date
) -> dict[str, list[Screening]]:
    found: dict[str, list[Screening]] = {}
    for screening in screenings:
        if _in(screening.on, start, end):
            found.setdefault(screening.person_id, []).append(screening)
    for visits in found.values():
        visits.sort(key=lambda s: s.on)
    return found


def skdn(residents: Sequence[Resident], screenings: Sequence[Screening], month: date) -> Skdn:
    """S-K-D-N of ``month`` from the register and that month's visits."""
    start, end = _month_bounds(month)
    last_day = date.fromordinal(end.toordinal() - 1)
    balita = {r.id: r for r in residents if "balita" in groups_of(r, last_day)}
    visits = _latest_by_person((s for s in screenings if s.person_id in balita), start, end)
    weighed: dict[str, SectionResult | None] = {}
    trend: dict[str, SectionResult] = {}
    for person_id, seen in visits.items():
        for screening in seen:
            growth = screening.results.get("antropometri_balita")
            if growth is not None and growth.values.get("weight_kg") is not None:
                weighed[person_id] = growth
            found = screening.results.get("tren_bb")
            if found is not None:
                trend[person_id] = found
    codes = [result.code for result in trend.values()]
    return Skdn(
        s=len(balita),
        k=sum(1 for r in balita.values() if r.kia_book),
        d=len(weighed),
        n=codes.count("N"),
        t=sum(1 for code in codes if code in ("T", "2T")),
        two_t=codes.count("2T"),
        bgm=sum(
            1
            for growth in weighed.values()
            if growth is not None and growth.values.get("wfa_class") == "bb_sangat_kurang"
        ),
        o=codes.count("O"),
        b=codes.count("B"),
    )


def _screened_with(
    visits: Mapping[str, list[Screening]], people: Iterable[str], sections: frozenset[str]
) -> int:
    return sum(1 for pid in people if any(set(s.results) & sections for s in visits.get(pid, ())))


def _ever(
    screenings: Iterable[Screening], until: date, section: str, classes: frozenset[str]
) -> set[str]:
    return {
        s.person_id
        for s in screenings
        if s.on < until and (r := s.results.get(section)) is not None and r.code in classes
    }


def spm_coverage(
    residents: Sequence[Resident],
    screenings: Sequence[Screening],
    follow_ups: Sequence[FollowUpFact],
    *,
    month: date,
    estimates: Mapping[str, int] | None = None,
) -> tuple[Coverage, ...]:
    """The SPM lines of ``month``: served / sasaran, in report order.

    - usia produktif and lansia: screened at least once this year (January up to ``month``);
    - ibu hamil: a pregnancy section recorded this month;
    - balita: weighed this month (the D/S of S-K-D-N);
    - hipertensi and DM: everyone with a hypertension class / suspected diabetes on any visit
      up to the month, measured again this month (followed monthly);
    - terduga TBC: presumptive this year, seen by the Puskesmas since (a follow-up saying they
      came, were visited or referred on: the examination itself is recorded there).

    ``estimates`` (a Puskesmas-entered projected population per group) replace the register's
    count where given; each line says which it used.
    """
    estimates = estimates or {}
    start, end = _month_bounds(month)
    last_day = date.fromordinal(end.toordinal() - 1)
    year_start = date(start.year, 1, 1)
    this_month = _latest_by_person(screenings, start, end)
    this_year = _latest_by_person(screenings, year_start, end)
    members: dict[str, list[str]] = {group: [] for group in GROUPS}
    for resident in residents:
        for group in groups_of(resident, last_day):
            members[group].append(resident.id)

    def line(indicator: str, group: str, served: int, register_target: int) -> Coverage:
        if group in estimates:
            return Coverage(indicator, group, served, int(estimates[group]), "estimate")
        return Coverage(indicator, group, served, register_target)

    hypertensive = _ever(screenings, end, "blood_pressure", HYPERTENSION) | _ever(
        screenings, end, "blood_pressure", frozenset({"hipertensi_1", "hipertensi_2"})
    )
    diabetic = _ever(screenings, end, "glucose", frozenset({"curiga_diabetes"}))
    presumptive = {
        s.person_id
        for s in screenings
        if _in(s.on, year_start, end)
        and (r := s.results.get("tb")) is not None
        and r.code == "terduga_tbc"
    }
    seen = {f.person_id for f in follow_ups if was_seen(f.outcome) and _in(f.on, year_start, end)}
    weighed = _screened_with(this_month, members["balita"], frozenset({"antropometri_balita"}))
    return (
        line(
            "usia_produktif_skrining",
            "usia_produktif",
            _screened_with(this_year, members["usia_produktif"], ADULT_SCREENING),
            len(members["usia_produktif"]),
        ),
        line(
            "lansia_skrining",
            "lansia",
            _screened_with(this_year, members["lansia"], ELDERLY_SCREENING),
            len(members["lansia"]),
        ),
        line(
            "ibu_hamil_dilayani",
            "ibu_hamil",
            _screened_with(this_month, members["ibu_hamil"], PREGNANCY_SECTIONS),
            len(members["ibu_hamil"]),
        ),
        line("balita_ditimbang", "balita", weighed, len(members["balita"])),
        Coverage(
            "hipertensi_dipantau",
            "hipertensi",
            _screened_with(this_month, hypertensive, frozenset({"blood_pressure"})),
            len(hypertensive),
        ),
        Coverage(
            "dm_dipantau",
            "dm",
            _screened_with(this_month, diabetic, frozenset({"glucose"})),
            len(diabetic),
        ),
        Coverage("terduga_tbc_diperiksa", "terduga_tbc", len(presumptive & seen), len(presumptive)),
    )
