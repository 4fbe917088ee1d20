"""Payloads for sync tests, built through the same models the app uses (never by hand).

A person payload comes from `kader_app.core.records.person_payload`; a visit payload from a
`VisitInput` classified by the real rules and turned into a `VisitPayload` by
`kader_app.core.records.visit_payload`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from kader_app.core.records import VisitHeader, person_payload, visit_payload
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.section import InputModel, RuleSettings, Subject
from screening.rules.visit import VisitInput, checked_evaluation
from sync.protocol import payload_json

WIB = timezone(timedelta(hours=7))
WHEN = datetime(2026, 3, 1, 8, tzinfo=UTC)


def person_fields(**fields: Any) -> dict[str, Any]:
    """A resident's fields with defaults for what the test does not care about."""
    return {
        "name": "Warga Uji",
        "sex": "P",
        "birth_date": date(1980, 1, 1),
        "nik": None,
        "kk": None,
        "dusun": "",
        "rt": "",
        "rw": "",
        "desa": "Uji",
        "phone": "",
        "pregnancy_start": None,
        "pregnancy_end": None,
        "mother_id": None,
        "kia_book": False,
        **fields,
    }


def make_person_payload(
    *, person_id: str, version: int = 1, when: datetime = WHEN, **fields: Any
) -> dict[str, Any]:
    """The JSON of one version of a person, as the app would queue it."""
    values = {
        **person_fields(**fields),
        "id": person_id,
        "version": version,
        "created_at": when,
        "updated_at": when,
    }
    return payload_json(person_payload(values))


def make_visit_payload(
    *,
    person_id: str,
    sections: dict[str, InputModel] | None = None,
    sex: str = "P",
    birth_date: date = date(1980, 1, 1),
    measured_at: datetime | None = None,
    visit_id: str | None = None,
    settings: RuleSettings | None = None,
) -> dict[str, Any]:
    """The JSON of a new visit, classified by the real rules (tensi 150/95 by default)."""
    at = measured_at or datetime(2026, 3, 2, 9, 30, tzinfo=WIB)
    chosen = settings or RuleSettings()
    inputs = VisitInput(
        subject=Subject(sex=sex, birth_date=birth_date),
        measured_on=at.date(),
        sections=sections or {"blood_pressure": BloodPressureInput.of((150, 95))},
    )
    key = visit_id or str(uuid.uuid4())
    header = VisitHeader(
        id=key,
        visit_key=key,
        version=1,
        replaces_id=None,
        person_id=person_id,
        measured_at=at,
        place="posyandu",
    )
    evaluation = checked_evaluation(inputs, chosen)
    return payload_json(
        visit_payload(header, inputs=inputs, evaluation=evaluation, settings=chosen)
    )
