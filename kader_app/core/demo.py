"""Demo data for ``kader-app --demo``: a seeded, realistic village with a year of monthly visits.

Uses only the Register facade (never the tables) and never imports Qt. The people are invented:
names are drawn from common Indonesian names and NIKs are made valid by construction.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from screening.rules.registry import sections
from screening.rules.section import InputModel, RuleContext, RuleSettings, Subject
from screening.rules.visit import VisitInput, evaluate_visit

DEMO_SEED = 20240817
DEMO_DESA = "Sukamaju"
# Kabupaten Sleman, Kecamatan Depok (province 34): a real, valid region code prefix.
_REGION = "340404"

_MALE = (
    "Budi Santoso",
    "Agus Salim",
    "Slamet Riyadi",
    "Joko Susilo",
    "Bambang Wijaya",
    "Hendra",
    "Eko Prasetyo",
    "Dwi Cahyono",
    "Rudi Hartono",
    "Suparman",
    "Sugeng",
    "Wahyu Nugroho",
    "Ahmad Fauzi",
    "Muhammad Rizki",
    "Teguh Santosa",
    "Yusuf Maulana",
    "Andi Saputra",
    "Heru Purnomo",
    "Darmaji",
    "Sutrisno",
    "Imam Syafii",
    "Arif Rahman",
    "Bayu Aji",
    "Fajar",
    "Gunawan",
    "Hadi Sucipto",
    "Kurniawan",
    "Lukman Hakim",
    "Nur Hidayat",
    "Paijo",
)
_FEMALE = (
    "Siti Aminah",
    "Sri Wahyuni",
    "Dewi Lestari",
    "Endang Susilowati",
    "Ratna Sari",
    "Nur Aisyah",
    "Wulan Dari",
    "Tri Rahayu",
    "Yuliani",
    "Sumarni",
    "Rina Marlina",
    "Ani Suryani",
    "Kartini",
    "Lestari Handayani",
    "Fitri Anggraini",
    "Indah Permatasari",
    "Maryam",
    "Ngatini",
    "Puji Astuti",
    "Rukmini",
    "Sulastri",
    "Tutik Handayani",
    "Umi Kalsum",
    "Yanti",
    "Eka Purwanti",
    "Dian Novitasari",
    "Mulyani",
    "Suwarni",
    "Hartini",
    "Nining",
)
_DUSUN = ("Krajan", "Ngaglik", "Karangrejo", "Sidomulyo", "Tegalsari", "Wonosari")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    people: int
    visits: int


def demo_nik(*, birth: date, sex: str, serial: int) -> str:
    """A NIK that passes every check: known region, birth date (+40 for women), serial ≥ 1."""
    day = birth.day + (40 if sex == "P" else 0)
    return f"{_REGION}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def demo_kk(*, household: int) -> str:
    return f"{_REGION}{(household % 999_999) + 1:06d}{household % 10_000:04d}"


# One village's mix, repeated every 20 residents: balita, school age and adolescents, a
# pregnant woman, older people, and adults.
_STAGES = (
    "adult",
    "balita",
    "elderly",
    "adult",
    "child",
    "adult",
    "balita",
    "elderly",
    "adult",
    "pregnant",
    "adult",
    "elderly",
    "balita",
    "adult",
    "child",
    "adult",
    "elderly",
    "adult",
    "adult",
    "adult",
)
_AGE_DAYS = {
    "balita": (0, 4 * 365 + 300),
    "child": (5 * 365 + 20, 17 * 365 + 300),
    "pregnant": (20 * 365, 38 * 365),
    "elderly": (60 * 365 + 10, 84 * 365),
    "adult": (18 * 365 + 30, 59 * 365),
}


@dataclass
class _Village:
    """What the seeding remembers while it goes: women who may be a baby's mother."""

    mothers: list[tuple[str, date, str | None]]  # person id, birth date, KK


def _person(
    rng: random.Random, *, index: int, today: date, village: _Village
) -> tuple[PersonInput, str]:
    stage = _STAGES[index % len(_STAGES)]
    sex = "P" if stage == "pregnant" or rng.random() < 0.55 else "L"
    first = rng.choice(_FEMALE if sex == "P" else _MALE)
    # Surnames are rare in Java; a second name keeps look-alikes apart in the demo.
    extras = ("Wati", "Ningsih", "Utami") if sex == "P" else ("Prabowo", "Setiawan", "Hidayat")
    extra = rng.choice(extras)
    if " " in first or extra in first or rng.random() < 0.4:
        extra = ""
    low, high = _AGE_DAYS[stage]
    birth = today - timedelta(days=rng.randint(low, high))
    rt = rng.randint(1, 8)
    kk = demo_kk(household=index // 3 + 1)
    mother: str | None = None
    if stage == "balita":
        able = [m for m in village.mothers if 18 * 365 <= (birth - m[1]).days <= 42 * 365]
        if able:
            mother, _, mother_kk = rng.choice(able)
            kk = mother_kk or kk
            first = f"Anak {first}"
    # A baby gets a NIK when the family card is updated: not in the first months.
    baby = stage == "balita" and (today - birth).days < 200
    nik = None if baby else demo_nik(birth=birth, sex=sex, serial=index + 1)
    pregnancy_start = today - timedelta(weeks=rng.randint(8, 34)) if stage == "pregnant" else None
    person = PersonInput(
        name=f"{first} {extra}".strip(),
        sex="P" if sex == "P" else "L",
        birth_date=birth,
        nik=nik,
        kk=kk,
        dusun=_DUSUN[rt % len(_DUSUN)],
        rt=f"{rt:03d}",
        rw=f"{(rt + 1) // 2:03d}",
        desa=DEMO_DESA,
        phone=f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}"
        if rng.random() < 0.6 and stage not in ("balita", "child")
        else "",
        pregnancy_start=pregnancy_start,
        mother_id=mother,
        kia_book=stage == "balita" and rng.random() < 0.85,
    )
    return person, stage


def demo_visit(
    rng: random.Random,
    *,
    subject: Subject,
    on: date,
    risk: float,
    settings: RuleSettings,
    carried: Mapping[str, InputModel] | None = None,
) -> VisitInput:
    """One realistic visit: each section offered to the person, measured as the demo says.

    ``carried`` (from `Register.visits.start`) is what sections reading the past start with:
    today's measurements are added to it, and what it already lists is kept.
    """
    ctx = RuleContext(subject=subject, on=on, settings=settings)
    carried = carried or {}
    measured: dict[str, InputModel] = {}
    for spec in sections():
        if spec.availability(subject, on) is None:
            continue
        today = spec.sample(rng, ctx, risk=risk)
        before = carried.get(spec.code)
        if before is not None and today is not None:
            today = _with_history(before, today)
        chosen = today if today is not None else before
        if chosen is not None:
            measured[spec.code] = chosen
    return VisitInput(subject=subject, measured_on=on, sections=measured)


def _with_history(before: InputModel, today: InputModel) -> InputModel:
    """Today's inputs on top of what was carried: lists of the past keep their entries."""
    update: dict[str, object] = {}
    for name in today.model_fields_set:
        value = getattr(today, name)
        old = getattr(before, name, None)
        if isinstance(value, dict) and isinstance(old, dict):
            value = {**value, **old}
        update[name] = value
    return before.model_copy(update=update)


def seed_demo(
    register: Register,
    *,
    today: date,
    count: int = 300,
    months: int = 12,
    seed: int = DEMO_SEED,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Register ``count`` residents of every life-cycle stage and a year of monthly visits.

    Balita come with their mothers, monthly weighings and immunisations; there are pregnant
    women, school-age children, adolescents and older people. Runs for some seconds: call it on
    a worker thread. ``progress(done, total)`` is called from that same thread per resident.
    """
    rng = random.Random(seed)
    settings = RuleSettings()
    village = _Village(mothers=[])
    visits = 0
    posyandu_days = [
        _second_tuesday(_months_back(today, back)) for back in range(months - 1, -1, -1)
    ]
    posyandu_days = [d for d in posyandu_days if d <= today]
    for index in range(count):
        person, stage = _person(rng, index=index, today=today, village=village)
        # An interrupted seeding resumes: people already there keep what they have, and the
        # random stream is consumed the same way so the rest of the village is unchanged.
        known = register.people.possible_duplicates(person)
        done_before = bool(known)
        person_id = known[0].id if known else register.people.register(person).person_id
        if person.sex == "P" and stage in ("adult", "pregnant"):
            village.mothers.append((person_id, person.birth_date, person.kk))
        risk = rng.random() ** 2
        attendance = rng.uniform(0.85, 0.98) if stage == "balita" else rng.uniform(0.4, 0.95)
        for day in posyandu_days:
            if rng.random() > attendance or day < person.birth_date:
                continue
            when = datetime.combine(day, time(8 + rng.randint(0, 3), rng.randint(0, 59)))
            start = (
                None
                if done_before
                else register.visits.start(person_id=person_id, on=day, settings=settings)
            )
            subject = start.subject if start is not None else Subject(person.sex, person.birth_date)
            inputs = demo_visit(
                rng,
                subject=subject,
                on=day,
                risk=risk,
                settings=settings,
                carried=None if start is None else start.sections,
            )
            place = "posyandu" if rng.random() < 0.92 else "kunjungan_rumah"
            if done_before or not checked_visit(inputs, settings):
                continue
            register.visits.record(
                person_id=person_id,
                inputs=inputs,
                settings=settings,
                place=place,
                recorded_by="Kader Demo",
                measured_at=when.astimezone(),
            )
            visits += 1
        if progress is not None:
            progress(index + 1, count)
    return DemoSummary(people=count, visits=visits)


def checked_visit(inputs: VisitInput, settings: RuleSettings) -> bool:
    """Whether the visit can be saved: something complete, nothing refused."""
    evaluation = evaluate_visit(inputs, settings)
    return evaluation.has_result and not evaluation.errors


def _months_back(today: date, back: int) -> date:
    month_index = today.year * 12 + today.month - 1 - back
    return date(month_index // 12, month_index % 12 + 1, 1)


def _second_tuesday(first: date) -> date:
    offset = (1 - first.weekday()) % 7
    return first + timedelta(days=offset + 7)
