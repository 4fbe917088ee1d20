"""The typed payload family: one shape per boundary, old payloads upgraded, bytes kept as sent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from sync_payloads import make_person_payload, make_visit_payload

from sync.protocol import (
    PersonPayload,
    PullResponse,
    PushItem,
    PushRequest,
    VisitPayload,
    canonical_json,
    content_hash,
    payload_json,
)

V1 = Path(__file__).parents[1] / "fixtures" / "payloads_v1"
PERSON_ID = "3f0e6a4c-7d1b-4c1e-9a55-2d3c4b5a6f70"


def _v1(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((V1 / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _item(kind: str, payload: dict[str, Any], *, version: int = 1) -> dict[str, Any]:
    return {
        "id": payload.get("visit_key") or payload["id"],
        "type": kind,
        "version": version,
        "content_hash": content_hash(payload),
        "recorded_at": "2025-04-08T03:05:00Z",
        "payload": payload,
    }


@pytest.mark.parametrize("path", sorted(V1.glob("*.json")), ids=lambda p: p.stem)
def test_a_first_schema_payload_is_read_upgraded_and_sent_again_byte_for_byte(path: Path) -> None:
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert content_hash(stored["payload"]) == stored["content_hash"]
    item = PushItem.model_validate(
        _item(stored["type"], stored["payload"], version=stored["version"])
    )
    assert item.payload.type == stored["type"] and item.payload.schema_version == 2
    assert item.raw_payload == stored["payload"]
    # What the client sends again is what it hashed then, not the upgraded shape.
    wire = json.loads(
        PushRequest.model_validate(
            {
                "batch_id": "b",
                "device_id": "d",
                "app_version": "t",
                "protocol_version": 1,
                "client_time": "2025-04-08T03:05:00Z",
                "items": [item],
            }
        ).model_dump_json()
    )
    assert canonical_json(wire["items"][0]["payload"]) == canonical_json(stored["payload"])


def test_the_upgrade_drops_what_was_never_asked_and_keeps_every_stored_class() -> None:
    untouched = VisitPayload.model_validate(_v1("visit_untouched")["payload"])
    assert untouched.sections == {} and untouched.level is None
    partial = VisitPayload.model_validate(_v1("visit_partial")["payload"])
    assert {c: (s.state, s.class_code) for c, s in partial.sections.items()} == {
        "blood_pressure": ("complete", "hipertensi_2"),
        "srq20": ("incomplete", None),
    }
    assert partial.rules_version == "ilp-2023.1" and partial.level == "refer"
    assert partial.sections["srq20"].inputs == {
        "answers": {"headaches": True, "poor_appetite": False, "poor_sleep": False}
    }
    child = VisitPayload.model_validate(_v1("visit_child")["payload"])
    assert child.sections["blood_pressure"].state == "incomplete"
    assert child.sections["blood_pressure"].reasons[0].code == "section_under_age"


def test_payloads_built_by_the_app_are_stable_through_the_model() -> None:
    visit = make_visit_payload(person_id=PERSON_ID)
    person = make_person_payload(person_id=PERSON_ID, name="Siti")
    assert payload_json(VisitPayload.model_validate(visit)) == visit
    assert payload_json(PersonPayload.model_validate(person)) == person
    item = PushItem.model_validate(_item("visit", visit))
    assert isinstance(item.payload, VisitPayload)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda p: {**p, "level": "refr"},
        lambda p: {
            **p,
            "sections": {
                **p["sections"],
                "blood_pressure": {**p["sections"]["blood_pressure"], "level": None},
            },
        },
        lambda p: {**p, "place": "pasar"},
        lambda p: {**p, "subject": {**p["subject"], "sex": "X"}},
        lambda p: {**p, "surprise": 1},
    ],
    ids=["misspelt-level", "complete-without-level", "unknown-place", "unknown-sex", "extra-key"],
)
def test_a_malformed_visit_payload_does_not_parse(breakage: Any) -> None:
    broken = breakage(make_visit_payload(person_id=PERSON_ID))
    with pytest.raises(ValidationError):
        PushItem.model_validate(_item("visit", broken))


def test_an_items_type_must_be_its_payloads() -> None:
    person = make_person_payload(person_id=PERSON_ID)
    with pytest.raises(ValidationError):
        PushItem.model_validate(_item("visit", person))


PULL_BEFORE_ESTIMATES = {
    "people": [],
    "followups": [],
    "cursor": "c",
    "must_resync": False,
    "has_more": False,
    "server_time": "2026-03-10T02:00:00+00:00",
    "server": {"database_id": "db", "sequence": 3},
}


def test_a_pull_answer_without_estimates_reads_as_none_so_the_laptop_keeps_its_own() -> None:
    assert PullResponse.model_validate(PULL_BEFORE_ESTIMATES).estimates is None
    empty = PullResponse.model_validate({**PULL_BEFORE_ESTIMATES, "estimates": []})
    assert empty.estimates == []


def test_estimates_of_groups_or_fields_a_laptop_does_not_know_still_read() -> None:
    answer = PullResponse.model_validate(
        {
            **PULL_BEFORE_ESTIMATES,
            "estimates": [
                {"year": 2026, "group": "lansia", "n": 40},
                {"year": 2026, "group": "remaja", "n": 12, "entered_by": "bidan"},
            ],
        }
    )
    assert answer.estimates is not None
    assert [(e.year, e.group, e.n) for e in answer.estimates] == [
        (2026, "lansia", 40),
        (2026, "remaja", 12),
    ]


@pytest.mark.parametrize(
    "estimate",
    [
        {"year": 2026, "group": "lansia", "n": -1},
        {"year": 1999, "group": "lansia", "n": 1},
        {"year": 2026, "group": "", "n": 1},
    ],
    ids=["negative", "year-out-of-range", "no-group"],
)
def test_an_impossible_estimate_does_not_read(estimate: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        PullResponse.model_validate({**PULL_BEFORE_ESTIMATES, "estimates": [estimate]})
