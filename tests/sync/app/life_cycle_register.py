"""A baby, a pregnant woman and an elderly man recorded on a real Register, as a kader would.

Each visit starts from `Register.visits.start` (the doses and weighings carried from the
person's earlier visits) and adds what was typed that day; the sections' own input models read
it (`parse_inputs`). Dates count back from yesterday, so every visit can be exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from kader_app.core.demo import demo_nik
from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput, parse_inputs

TODAY = date.today() - timedelta(days=1)
SETTINGS = RuleSettings()


def months_back(months: int) -> date:
    """The same day (at most the 28th) ``months`` calendar months before yesterday."""
    index = TODAY.year * 12 + TODAY.month - 1 - months
    return date(index // 12, index % 12 + 1, min(TODAY.day, 28))


# The baby's three posyandu days, in three calendar months (the weight trend reads months).
DAYS = (months_back(2), months_back(1), months_back(0))
BIRTH = DAYS[0] - timedelta(days=155)
# What was typed each day: weight, length (lying), head.
WEIGHINGS = (("6.8", "63.0", "41.0"), ("7.2", "65.0", "42.0"), ("7.6", "67.0", "43.0"))
FIRST_DOSES = {
    # Copied from the KIA book at the first visit (given at birth and at 2 months) ...
    "hb0": BIRTH,
    "bcg": BIRTH + timedelta(days=20),
    "opv_1": BIRTH + timedelta(days=20),
    "opv_2": BIRTH + timedelta(days=62),
    "dpt_hb_hib_1": BIRTH + timedelta(days=62),
}
ADL_19 = {
    "bowels": 2,
    "bladder": 2,
    "grooming": 1,
    "toilet": 2,
    "feeding": 2,
    "transfer": 3,
    "mobility": 3,
    "dressing": 2,
    "stairs": 1,
    "bathing": 1,
}
SKILAS_FINE = {
    "recall_fail": False,
    "orientation_time_fail": False,
    "orientation_place_fail": False,
    "chair_stand_fail": False,
    "weight_loss": False,
    "appetite_loss": False,
    "lila_cm": "25.0",
    "eye_problem": False,
    "finger_count_fail": False,
    "whisper": "heard",
    "sad_hopeless": False,
    "little_interest": False,
}


@dataclass
class LifeCycle:
    """What was recorded: visit ids by resident, and the doses each baby visit entered."""

    baby: list[str] = field(default_factory=list)
    doses: list[dict[str, date]] = field(default_factory=list)
    mother: str = ""
    elder: str = ""


def _person(register: Register, name: str, sex: str, birth: date, serial: int, **extra: Any) -> str:
    person = PersonInput(
        name=name,
        sex=sex,
        birth_date=birth,
        nik=demo_nik(birth=birth, sex=sex, serial=serial),
        desa="Sukamaju",
        **extra,
    )
    return register.people.register(person).person_id


def visit_inputs(register: Register, person_id: str, on: date, **typed: Any) -> VisitInput:
    """The visit as the form holds it: what `start` carried, then each section typed."""
    started = register.visits.start(person_id=person_id, on=on, settings=SETTINGS)
    sections = dict(started.sections)
    for code, raw in typed.items():
        carried = sections.get(code)
        base = {} if carried is None else carried.model_dump(mode="json")
        sections[code] = parse_inputs(code, {**base, **raw})
    return VisitInput(subject=started.subject, measured_on=on, sections=sections)


def _save(register: Register, person_id: str, inputs: VisitInput) -> str:
    change = register.visits.record(
        person_id=person_id,
        inputs=inputs,
        settings=SETTINGS,
        measured_at=datetime.combine(inputs.measured_on, time(9, 30)).astimezone(),
    )
    assert change.visit_id is not None
    return change.visit_id


def baby_visit(
    register: Register, person_id: str, month: int, doses: dict[str, date]
) -> VisitInput:
    """The baby weighed and measured lying at visit ``month`` (0, 1, 2), with ``doses``."""
    on = DAYS[month]
    weight, length, head = WEIGHINGS[month]
    typed: dict[str, Any] = {
        "antropometri_balita": {
            "weight_kg": weight,
            "length_cm": length,
            "position": "recumbent",
            "head_cm": head,
        },
        "imunisasi": {
            "given": {k: v.isoformat() for k, v in doses.items()},
            "reviewed": not doses,
        },
    }
    if month == 2:
        typed["lila_balita"] = {"lila_cm": "13.8"}
        typed["vitamin_a"] = {"today": True}
    return visit_inputs(register, person_id, on, **typed)


def record_life_cycle(register: Register) -> LifeCycle:
    """Three monthly visits of the baby, one of the pregnant woman, one of the elderly man."""
    out = LifeCycle()
    baby = _person(register, "Bayu Pratama", "L", BIRTH, 9700, kia_book=True)
    first_day, second_day, _ = DAYS
    out.doses = [
        # ... and OPV 3 and DPT-HB-Hib 2 given at the Posyandu that day.
        {**FIRST_DOSES, "opv_3": first_day, "dpt_hb_hib_2": first_day},
        {"opv_4": second_day, "dpt_hb_hib_3": second_day, "ipv_1": second_day},
        {},
    ]
    for month, doses in enumerate(out.doses):
        out.baby.append(_save(register, baby, baby_visit(register, baby, month, doses)))
    mother = _person(
        register,
        "Rina Lestari",
        "P",
        date(1996, 5, 2),
        9701,
        pregnancy_start=TODAY - timedelta(days=130),
    )
    out.mother = _save(
        register,
        mother,
        visit_inputs(
            register,
            mother,
            TODAY - timedelta(days=10),
            lila_hamil={"lila_cm": "22.6"},
            tensi_hamil={"readings": [{"systolic": 118, "diastolic": 76}]},
            ttd={"given": 30},
            tanda_bahaya_hamil={"signs": []},
            anemia={"hb_g_dl": "10.2"},
        ),
    )
    elder = _person(register, "Pak Darmo", "L", date(1952, 5, 2), 9702)
    out.elder = _save(
        register,
        elder,
        visit_inputs(
            register,
            elder,
            TODAY - timedelta(days=5),
            adl={"items": ADL_19},
            skilas=SKILAS_FINE,
        ),
    )
    return out
