"""A desa with a baby, a pregnant woman and an elderly man, each with a NIK, for the FHIR tests.

Visits are built as the app builds them (`payloads.visit_payload`: real rules, real payload
models) from the life-cycle sections' own input models, and pushed through the real push API.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from typing import Any

from payloads import item, person_payload, visit_payload
from server_api import push, statuses
from server_process import ServerProcess, enroll_on

from screening.rules.section import InputModel, Subject
from screening.rules.visit import parse_inputs

WIB = timezone(timedelta(hours=7))
VISIT_AT = datetime(2025, 3, 10, 9, 15, tzinfo=WIB)
BABY = Subject(sex="L", birth_date=date(2024, 9, 1))
MOTHER = Subject(sex="P", birth_date=date(1996, 5, 2), pregnant=True)
ELDER = Subject(sex="L", birth_date=date(1950, 5, 2))
NIKS = {"baby": "3201010109240003", "mother": "3201014205960002", "elder": "3201010205500001"}


def inputs(**sections: dict[str, Any]) -> dict[str, InputModel]:
    """Each section's inputs as the form stores them, read by the section's own model."""
    return {code: parse_inputs(code, raw) for code, raw in sections.items()}


def weighing(**extra: dict[str, Any]) -> dict[str, InputModel]:
    """A 6-month-old boy weighed, measured lying, his head and arm; two doses given today.

    OPV 2 and DPT-HB-Hib 1 (5 November) are copied from the KIA book at this visit; HB0, BCG
    and OPV 1 were recorded at earlier visits (carried).
    """
    raw: dict[str, dict[str, Any]] = {
        "antropometri_balita": {
            "weight_kg": "7.9",
            "length_cm": "66.0",
            "position": "recumbent",
            "head_cm": "43.0",
        },
        "tren_bb": {"earlier": [{"on": "2025-02-10", "weight_kg": "7.5"}]},
        "lila_balita": {"lila_cm": "13.5"},
        "imunisasi": {
            "earlier": {"hb0": "2024-09-01", "bcg": "2024-09-20", "opv_1": "2024-09-20"},
            "given": {
                "opv_2": "2024-11-05",
                "dpt_hb_hib_1": "2024-11-05",
                "opv_3": "2025-03-10",
                "dpt_hb_hib_2": "2025-03-10",
            },
        },
        "vitamin_a": {"today": True},
    }
    raw.update(extra)
    return inputs(**raw)


def antenatal() -> dict[str, InputModel]:
    """LiLA 22.8 (KEK), 142/91 in pregnancy, 30 tablets today, no danger sign, Hb 10.4."""
    return inputs(
        lila_hamil={"lila_cm": "22.8"},
        tensi_hamil={"readings": [{"systolic": 142, "diastolic": 91}]},
        ttd={"earlier": [30], "given": 30},
        tanda_bahaya_hamil={"signs": []},
        anemia={"hb_g_dl": "10.4"},
    )


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
SKILAS_MOBILITY = {
    "recall_fail": False,
    "orientation_time_fail": False,
    "orientation_place_fail": False,
    "chair_stand_fail": True,
    "weight_loss": False,
    "appetite_loss": False,
    "lila_cm": "24.0",
    "eye_problem": False,
    "finger_count_fail": False,
    "whisper": "heard",
    "sad_hopeless": False,
    "little_interest": False,
}


class LifeCycleVillage:
    """One desa with Posyandu Melati and three residents with a NIK."""

    def __init__(self, server: ServerProcess) -> None:
        self.area = f"Desa {uuid.uuid4().hex[:6]}"
        self.device = enroll_on(server, posyandu="Posyandu Melati", area=self.area)
        self.ids = {who: str(uuid.uuid4()) for who in NIKS}
        subjects = {"baby": BABY, "mother": MOTHER, "elder": ELDER}
        self.subjects = subjects
        names = {"baby": "Bayu", "mother": "Rina Lestari", "elder": "Pak Darmo"}
        people = [
            person_payload(
                person_id=self.ids[who],
                name=names[who],
                sex=subjects[who].sex,
                birth_date=subjects[who].birth_date or date(2000, 1, 1),
                nik=NIKS[who],
            )
            for who in NIKS
        ]
        self.push([item(p) for p in people])

    def push(self, items: list[dict[str, Any]]) -> None:
        assert set(statuses(push(self.device, items))) == {"accepted"}

    def visit(self, who: str, sections: dict[str, InputModel], **extra: Any) -> dict[str, Any]:
        return visit_payload(
            person_id=self.ids[who],
            measured_at=extra.pop("measured_at", VISIT_AT),
            sections=sections,
            subject=self.subjects[who],
            **extra,
        )
