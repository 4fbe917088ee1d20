"""Demo data for ``kader-app --demo``: a seeded, realistic village with a year of monthly visits.

Uses only the Register facade (never the tables) and never imports Qt. The people are invented:
names are drawn from common Indonesian names and NIKs are made valid by construction.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.core.rules.registry import sections
from kader_app.core.rules.section import InputModel, RuleContext, RuleSettings, Subject
from kader_app.core.rules.visit import VisitInput

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


def _person(rng: random.Random, *, index: int, today: date) -> PersonInput:
    sex = "P" if rng.random() < 0.55 else "L"
    first = rng.choice(_FEMALE if sex == "P" else _MALE)
    # Surnames are rare in Java; a second name keeps look-alikes apart in the demo.
    extras = ("Wati", "Ningsih", "Utami") if sex == "P" else ("Prabowo", "Setiawan", "Hidayat")
    extra = rng.choice(extras)
    if " " in first or extra in first or rng.random() < 0.4:
        extra = ""
    age_days = rng.randint(15 * 365 + 30, 80 * 365)
    birth = today - timedelta(days=age_days)
    rt = rng.randint(1, 8)
    return PersonInput(
        name=f"{first} {extra}".strip(),
        sex="P" if sex == "P" else "L",
        birth_date=birth,
        nik=demo_nik(birth=birth, sex=sex, serial=index + 1),
        kk=demo_kk(household=index // 3 + 1),
        dusun=_DUSUN[rt % len(_DUSUN)],
        rt=f"{rt:03d}",
        rw=f"{(rt + 1) // 2:03d}",
        desa=DEMO_DESA,
        phone=f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}"
        if rng.random() < 0.6
        else "",
    )


def demo_visit(
    rng: random.Random, *, subject: Subject, on: date, risk: float, settings: RuleSettings
) -> VisitInput:
    """One realistic visit: each section offered to the person, measured as the demo says."""
    ctx = RuleContext(subject=subject, on=on, settings=settings)
    measured: dict[str, InputModel] = {}
    for spec in sections():
        if spec.availability(subject, on) is None:
            continue
        inputs = spec.sample(rng, ctx, risk=risk)
        if inputs is not None:
            measured[spec.code] = inputs
    return VisitInput(subject=subject, measured_on=on, sections=measured)


def seed_demo(
    register: Register,
    *,
    today: date,
    count: int = 300,
    months: int = 12,
    seed: int = DEMO_SEED,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Register ``count`` residents and about a year of monthly Posyandu visits for them.

    Runs for a few seconds: call it on a worker thread. ``progress(done, total)`` is called from
    that same thread after each resident.
    """
    rng = random.Random(seed)
    settings = RuleSettings()
    visits = 0
    posyandu_days = [
        _second_tuesday(_months_back(today, back)) for back in range(months - 1, -1, -1)
    ]
    posyandu_days = [d for d in posyandu_days if d <= today]
    for index in range(count):
        person = _person(rng, index=index, today=today)
        # An interrupted seeding resumes: people already there keep what they have, and the
        # random stream is consumed the same way so the rest of the village is unchanged.
        done_before = person.nik is not None and any(
            p.nik == person.nik for p in register.search.people(person.nik, limit=5)
        )
        person_id = None if done_before else register.people.register(person).person_id
        subject = Subject(sex=person.sex, birth_date=person.birth_date)
        risk = rng.random() ** 2
        attendance = rng.uniform(0.4, 0.95)
        for day in posyandu_days:
            if rng.random() > attendance:
                continue
            when = datetime.combine(day, time(8 + rng.randint(0, 3), rng.randint(0, 59)))
            inputs = demo_visit(rng, subject=subject, on=day, risk=risk, settings=settings)
            place = "posyandu" if rng.random() < 0.92 else "kunjungan_rumah"
            if person_id is None or not inputs.sections:
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


def _months_back(today: date, back: int) -> date:
    month_index = today.year * 12 + today.month - 1 - back
    return date(month_index // 12, month_index % 12 + 1, 1)


def _second_tuesday(first: date) -> date:
    offset = (1 - first.weekday()) % 7
    return first + timedelta(days=offset + 7)
