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
from kader_app.core.rules.visit import (
    AnthropometryInput,
    BloodPressureInput,
    GlucoseInput,
    RuleSettings,
    Srq20Input,
    TbContact,
    TbInput,
    VisitInput,
)

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


def _blood_pressure(rng: random.Random, *, risk: float) -> BloodPressureInput:
    systolic = int(rng.gauss(118 + 40 * risk, 14))
    diastolic = int(rng.gauss(76 + 20 * risk, 9))
    systolic = min(240, max(85, systolic))
    diastolic = min(140, max(50, min(diastolic, systolic - 20)))
    if rng.random() < 0.3:
        second = (systolic + rng.randint(-6, 6), diastolic + rng.randint(-4, 4))
        return BloodPressureInput(readings=((systolic, diastolic), second))
    return BloodPressureInput(readings=((systolic, diastolic),))


def _glucose(rng: random.Random, *, risk: float) -> GlucoseInput:
    roll = rng.random()
    if roll < 0.01:
        return GlucoseInput(value="LO", kind="sewaktu")
    if roll < 0.02:
        return GlucoseInput(value="HI", kind="sewaktu")
    fasting = rng.random() < 0.25
    value = int(rng.gauss(105 + 110 * risk, 35))
    if rng.random() < 0.04:
        value = rng.randint(50, 78)
    value = min(560, max(40, value))
    return GlucoseInput(
        value=str(value),
        kind="puasa" if fasting else "sewaktu",
        hypo_symptoms=value < 80 and rng.random() < 0.5,
    )


def _tb(rng: random.Random, *, age: int) -> TbInput:
    cough = rng.random() < 0.08
    symptoms = frozenset(
        s
        for s in ("weight_loss", "fever", "lethargy", "night_sweats", "breathless", "lymph_nodes")
        if rng.random() < 0.04
    )
    risks = {r for r in ("smoking", "diabetes", "previous_tb") if rng.random() < 0.06}
    if age > 65:
        risks.add("age_over_65")
    roll = rng.random()
    contact: TbContact = "household" if roll < 0.03 else "close" if roll < 0.05 else "none"
    return TbInput(
        cough=cough,
        cough_days=rng.randint(3, 30) if cough else 0,
        symptoms=symptoms,
        contact=contact,
        risks=frozenset(risks),
    )


def _srq20(rng: random.Random) -> Srq20Input:
    level = rng.random()
    chance = 0.05 if level < 0.8 else 0.3 if level < 0.97 else 0.5
    answers = {number: rng.random() < chance for number in range(1, 21)}
    answers[17] = rng.random() < 0.01
    if rng.random() < 0.05:
        del answers[rng.randint(1, 20)]
    return Srq20Input(answers=answers)


def _visit(rng: random.Random, *, person: PersonInput, on: date, risk: float) -> VisitInput:
    age = on.year - person.birth_date.year
    height = rng.gauss(162 if person.sex == "L" else 151, 6)
    bmi = rng.gauss(22.5 + 5 * risk, 3.5)
    weight = max(30.0, min(140.0, bmi * (height / 100) ** 2))
    waist = max(55.0, min(140.0, rng.gauss(78 + 18 * risk, 9)))
    return VisitInput(
        sex="P" if person.sex == "P" else "L",
        birth_date=person.birth_date,
        measured_on=on,
        anthropometry=AnthropometryInput(
            weight_kg=round(weight, 1), height_cm=round(height, 1), waist_cm=round(waist, 1)
        )
        if rng.random() < 0.9
        else None,
        blood_pressure=_blood_pressure(rng, risk=risk) if rng.random() < 0.95 else None,
        glucose=_glucose(rng, risk=risk) if rng.random() < 0.5 else None,
        tb=_tb(rng, age=age),
        srq20=_srq20(rng) if age >= 18 and rng.random() < 0.3 else None,
    )


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
            p.nik == person.nik for p in register.search_people(person.nik, limit=5)
        )
        person_id = None if done_before else register.register_person(person).person_id
        risk = rng.random() ** 2
        attendance = rng.uniform(0.4, 0.95)
        for day in posyandu_days:
            if rng.random() > attendance:
                continue
            when = datetime.combine(day, time(8 + rng.randint(0, 3), rng.randint(0, 59)))
            inputs = _visit(rng, person=person, on=day, risk=risk)
            place = "posyandu" if rng.random() < 0.92 else "kunjungan_rumah"
            if person_id is None:
                continue
            register.record_visit(
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
