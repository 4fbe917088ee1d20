"""The dashboard reads what the app really pushes: a Register's outbox payloads, not a guess."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from payloads import visit_payload

from kader_app.core.register import Register
from kader_app.core.rules.visit import BloodPressureInput, RuleSettings
from sync.server.aggregates import current_visits, visit_version

WIB = timezone(timedelta(hours=7))


def test_the_test_payloads_have_the_apps_shape_and_the_app_payload_is_read(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
) -> None:
    pid = register.register_person(make_person_input()).person_id
    measured = datetime(2025, 3, 10, 9, 30, tzinfo=WIB)
    first = register.record_visit(
        person_id=pid,
        inputs=make_visit_input(
            measured_on=date(2025, 3, 10), blood_pressure=BloodPressureInput(readings=((162, 101),))
        ),
        settings=RuleSettings(),
        measured_at=measured,
    )
    assert first.visit_id is not None
    register.correct_visit(
        visit_id=first.visit_id,
        inputs=make_visit_input(measured_on=date(2025, 3, 10)),
        settings=RuleSettings(),
    )
    _, claimed = register.claim_outbox(limit=10)
    visits = [c for c in claimed if c.type == "visit"]
    assert len(visits) == 2

    ours = visit_payload(person_id=pid, measured_at=measured, sections={})
    assert set(ours) == set(visits[0].payload)
    assert set(ours["evaluation"]) == set(visits[0].payload["evaluation"])

    versions = [
        visit_version(
            entry_id=c.entity_id,
            entry_version=c.version,
            seq=c.seq,
            payload=c.payload,
            area="Sukamaju",
            posyandu="Mawar",
            device_id="dev",
            recorded_at=datetime.now(UTC),
        )
        for c in visits
    ]
    (current,) = current_visits([v for v in versions if v is not None])
    assert current.version == 2
    assert current.measured_at == measured
    assert current.sections["blood_pressure"].code == "optimal"
    assert current.level == "none"
    assert current.sections["bmi"].values["bmi"] == 22.5
