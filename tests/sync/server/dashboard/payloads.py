"""Person and visit payloads shaped exactly like the app's outbox (see `register._visit_payload`).

Test support for the dashboard suite; `test_payload_shape` proves the shape against a real
Register. Items are built for the real push API.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sync.protocol import content_hash

LEVEL_RANK = {"none": 0, "monitor": 1, "refer": 2, "urgent": 3}
# Values the rules would put beside each class (enough for exports and FHIR).
DEFAULT_VALUES: dict[str, dict[str, Any]] = {
    "blood_pressure": {"systolic": 150, "diastolic": 95, "isolated_systolic": False},
    "glucose": {"value": 250, "meter": None, "kind": "sewaktu", "hypo_symptoms": False},
    "bmi": {"bmi": 31.2, "scheme": "asia_pacific"},
    "waist": {"waist_cm": 95.0, "central_obesity": True},
    "tb": {"cough_counted": True},
    "srq20": {"score": 7, "missing": []},
}


def person_payload(
    *,
    person_id: str,
    name: str,
    sex: str = "P",
    birth_date: str = "1975-08-17",
    nik: str | None = None,
    desa: str = "Sukamaju",
    created_at: str | None = None,
) -> dict[str, Any]:
    now = created_at or datetime.now(UTC).isoformat()
    return {
        "id": person_id,
        "version": 1,
        "name": name,
        "sex": sex,
        "birth_date": birth_date,
        "nik": nik,
        "kk": None,
        "dusun": "Krajan",
        "rt": "001",
        "rw": "002",
        "desa": desa,
        "phone": "",
        "created_at": now,
        "updated_at": now,
    }


def visit_payload(
    *,
    person_id: str,
    measured_at: datetime,
    sections: dict[str, tuple[str, str]],
    row_id: str | None = None,
    visit_key: str | None = None,
    version: int = 1,
    replaces_id: str | None = None,
    voided: bool = False,
    inputs: dict[str, Any] | None = None,
    values: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """`sections` maps a section to (class code, level); the visit level is their highest."""
    row_id = row_id or str(uuid.uuid4())
    level = max((lvl for _, lvl in sections.values()), key=LEVEL_RANK.__getitem__, default="none")
    shown = {**DEFAULT_VALUES, **(values or {})}
    return {
        "id": row_id,
        "visit_key": visit_key or row_id,
        "version": version,
        "replaces_id": replaces_id,
        "person_id": person_id,
        "measured_at": measured_at.isoformat(),
        "measured_at_utc": measured_at.astimezone(UTC).isoformat(),
        "place": "posyandu",
        "recorded_by": "Kader Uji",
        "voided": voided,
        "void_reason": "salah input" if voided else None,
        "inputs": inputs
        or {
            "sex": "P",
            "birth_date": "1975-08-17",
            "measured_on": measured_at.date().isoformat(),
            "anthropometry": None,
            "blood_pressure": None,
            "glucose": None,
            "tb": None,
            "srq20": None,
        },
        "evaluation": {
            "rules_version": "ilp-2023.1",
            "level": level,
            "reasons": [],
            "sections": [
                {
                    "section": section,
                    "code": code,
                    "level": lvl,
                    "reasons": [],
                    "values": shown.get(section, {}),
                }
                for section, (code, lvl) in sections.items()
            ],
        },
    }


def item(
    payload: dict[str, Any],
    *,
    kind: str,
    item_id: str | None = None,
    version: int = 1,
    base_version: int | None = None,
    recorded_at: datetime | None = None,
) -> dict[str, Any]:
    """A push item; the id defaults to the visit key (visits) or the person id (people)."""
    default_id = payload.get("visit_key") or payload["id"]
    return {
        "id": item_id or default_id,
        "type": kind,
        "version": version,
        "base_version": base_version,
        "content_hash": content_hash(payload),
        "recorded_at": (recorded_at or datetime.now(UTC)).isoformat(),
        "payload": payload,
    }
