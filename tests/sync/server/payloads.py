"""Payloads for the server suite, built as the app builds them: through the protocol's models.

A visit is a `VisitInput` evaluated by the real rules and turned into its payload by
`kader_app.core.records.visit_payload`; a person is a `PersonPayload`. `item` wraps either for
the real push API, hashed over the payload's JSON exactly as it is sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from kader_app.core.records import VisitHeader
from kader_app.core.records import visit_payload as build_visit_payload
from screening.rules.blood_pressure import BloodPressureInput, Reading
from screening.rules.bmi import BmiInput
from screening.rules.glucose import GlucoseInput
from screening.rules.section import InputModel, RuleSettings, Subject
from screening.rules.srq20 import SRQ20_KEY_BY_NUMBER, Srq20Input
from screening.rules.tb import TbInput
from screening.rules.visit import VisitInput, evaluate_visit
from screening.rules.waist import WaistInput
from sync.protocol import PersonPayload, content_hash, payload_json

BIRTH_DATE = date(1975, 8, 17)
SUBJECT = Subject(sex="P", birth_date=BIRTH_DATE)


def bp(*readings: tuple[int, int]) -> BloodPressureInput:
    return BloodPressureInput(readings=tuple(Reading(systolic=s, diastolic=d) for s, d in readings))


def glucose(value: str, *, kind: str = "sewaktu") -> GlucoseInput:
    return GlucoseInput.model_validate({"value": value, "kind": kind})


def bmi(weight_kg: str, height_cm: str) -> BmiInput:
    return BmiInput.model_validate({"weight_kg": weight_kg, "height_cm": height_cm})


def waist(cm: str) -> WaistInput:
    return WaistInput.model_validate({"waist_cm": cm})


def tb(
    *,
    cough: bool,
    cough_days: int | None = None,
    symptoms: Iterable[str] = (),
    contact: str = "none",
    risks: Iterable[str] = (),
) -> TbInput:
    return TbInput.model_validate(
        {
            "cough": cough,
            "cough_days": cough_days,
            "symptoms": sorted(symptoms),
            "contact": contact,
            "risks": sorted(risks),
        }
    )


def srq20(*, yes: Iterable[int] = (), answered: Iterable[int] = range(1, 21)) -> Srq20Input:
    """Answers by item number (1–20): ``yes`` answered "ya", the rest of ``answered`` "tidak"."""
    chosen = set(yes)
    return Srq20Input(answers={SRQ20_KEY_BY_NUMBER[n]: n in chosen for n in answered})


# Inputs whose class the rules give as named (ilp scheme, a 49-year-old woman).
HIPERTENSI_1 = bp((145, 92))
HIPERTENSI_2 = bp((165, 102))
HIPERTENSI_3 = bp((185, 112))  # urgent
OPTIMAL = bp((112, 72))
NORMAL_TINGGI = bp((134, 86))  # monitor
GLUCOSE_NORMAL = glucose("105")
CURIGA_DIABETES = glucose("250")  # refer
TERDUGA_TBC = tb(cough=True, cough_days=21)  # refer
BUKAN_TERDUGA = tb(cough=False)
SRQ20_BERPOTENSI = srq20(yes=(1, 2, 3, 9, 11, 18, 20))  # refer
OBESITAS_1 = bmi("66", "152")  # monitor


def visit_payload(
    *,
    person_id: str,
    measured_at: datetime,
    sections: Mapping[str, InputModel],
    subject: Subject = SUBJECT,
    row_id: str | None = None,
    visit_key: str | None = None,
    version: int = 1,
    replaces_id: str | None = None,
    voided: bool = False,
    settings: RuleSettings | None = None,
) -> dict[str, Any]:
    """The JSON payload the app sends for these inputs, classified by the real rules."""
    settings = settings or RuleSettings()
    inputs = VisitInput(subject=subject, measured_on=measured_at.date(), sections=dict(sections))
    evaluation = evaluate_visit(inputs, settings)
    assert not evaluation.errors, evaluation.errors
    row_id = row_id or str(uuid.uuid4())
    header = VisitHeader(
        id=row_id,
        visit_key=visit_key or row_id,
        version=version,
        replaces_id=replaces_id,
        person_id=person_id,
        measured_at=measured_at,
        place="posyandu",
        recorded_by="Kader Uji",
        voided=voided,
        void_reason="salah input" if voided else None,
    )
    payload = build_visit_payload(header, inputs=inputs, evaluation=evaluation, settings=settings)
    return payload_json(payload)


def person_payload(
    *,
    person_id: str | None = None,
    name: str = "Siti Aminah",
    sex: str = "P",
    birth_date: date = BIRTH_DATE,
    nik: str | None = None,
    kk: str | None = None,
    desa: str = "Sukamaju",
    version: int = 1,
    created_at: datetime | None = None,
) -> dict[str, Any]:
    created = created_at or datetime.now(UTC)
    return payload_json(
        PersonPayload.model_validate(
            {
                "id": person_id or str(uuid.uuid4()),
                "version": version,
                "name": name,
                "sex": sex,
                "birth_date": birth_date,
                "nik": nik,
                "kk": kk,
                "dusun": "Krajan",
                "rt": "001",
                "rw": "002",
                "desa": desa,
                "created_at": created,
                "updated_at": created,
            }
        )
    )


def item(
    payload: Mapping[str, Any],
    *,
    kind: str | None = None,
    item_id: str | None = None,
    version: int | None = None,
    base_version: int | None = None,
    recorded_at: datetime | None = None,
) -> dict[str, Any]:
    """A push item as the app's outbox sends it: a visit under its visit key, a person its id."""
    kind = kind or str(payload.get("type"))
    return {
        "id": item_id or (payload["visit_key"] if kind == "visit" else payload["id"]),
        "type": kind,
        "version": version if version is not None else payload["version"],
        "base_version": base_version,
        "content_hash": content_hash(payload),
        "recorded_at": (recorded_at or datetime.now(UTC)).isoformat(),
        "payload": dict(payload),
    }
