"""The server takes what the app really pushes: a Register's outbox, sent through the HTTP API.

A real (encrypted) Register records and corrects visits; its claimed outbox entries are pushed
as the sync engine sends them; the server accepts every one and the dashboard counts them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from dashboard_site import WIB, add_staff, cells, logged_in_client
from payloads import HIPERTENSI_2, OPTIMAL, TERDUGA_TBC, srq20
from server_api import push, statuses
from server_process import ServerProcess, enroll_on

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from screening.rules.section import InputModel, RuleSettings
from screening.rules.visit import VisitInput

MEASURED = datetime(2025, 3, 10, 9, 30, tzinfo=WIB)


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Register]:
    monkeypatch.setenv("KADER_APP_KEYRING", "off")
    opened = Register.open(tmp_path / "data", device_id="laptop-uji")
    yield opened
    opened.close()


def inputs(register: Register, person_id: str, sections: dict[str, InputModel]) -> VisitInput:
    subject = register.people.get(person_id).subject
    return VisitInput(subject=subject, measured_on=MEASURED.date(), sections=sections)


def outbox_items(register: Register) -> list[dict[str, Any]]:
    """The claimed entries as the sync engine turns them into push items."""
    return [
        {
            "id": entry.entity_id,
            "type": entry.type,
            "version": entry.version,
            "base_version": entry.base_version,
            "content_hash": entry.content_hash,
            "recorded_at": entry.created_at.isoformat(),
            "payload": entry.payload,
        }
        for entry in register.sync.claim(limit=100)
    ]


def test_the_apps_own_payloads_are_accepted_and_counted(
    register: Register, server: ServerProcess
) -> None:
    area = f"Desa {uuid.uuid4().hex[:6]}"
    device = enroll_on(server, posyandu="Posyandu Kenanga", area=area)
    person = register.people.register(
        PersonInput(
            name="Sri Wahyuni",
            sex="P",
            birth_date=date(1975, 8, 17),
            nik="3201015708750001",
            desa=area,
        )
    ).person_id
    settings = RuleSettings()
    first = register.visits.record(
        person_id=person,
        inputs=inputs(register, person, {"blood_pressure": HIPERTENSI_2}),
        settings=settings,
        measured_at=MEASURED,
    )
    assert first.visit_id is not None
    register.visits.correct(
        visit_id=first.visit_id,
        inputs=inputs(register, person, {"blood_pressure": OPTIMAL}),
        settings=settings,
    )
    register.visits.record(
        person_id=person,
        inputs=inputs(register, person, {"tb": TERDUGA_TBC, "srq20": srq20(answered=range(1, 4))}),
        settings=settings,
        measured_at=MEASURED.replace(hour=10),
    )
    items = outbox_items(register)
    assert [i["type"] for i in items] == ["person", "visit", "visit", "visit"]

    answer = push(device, items)

    assert statuses(answer) == ["accepted"] * 4
    with logged_in_client(server, add_staff(server)) as client:
        page = client.get("/dashboard", params={"bulan": "2025-03", "desa": area}).text
    total = cells(page, posyandu="")
    # One person screened: tensi corrected to optimal, TBC terduga; the SRQ-20 left unfinished
    # is not a result and counts nowhere.
    assert (total["screened"], total["hipertensi"], total["terduga_tbc"]) == ("1", "0/1", "1/1")
    assert total["srq20"] == "0/0"
