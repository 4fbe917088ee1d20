"""Helpers for the dashboard suite: seed an area through the real push API, log staff in.

Test support only. The seeded area is counted by hand in `seed_area`'s docstring.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
from payloads import (
    BIRTH_DATE,
    CURIGA_DIABETES,
    GLUCOSE_NORMAL,
    HIPERTENSI_1,
    HIPERTENSI_2,
    HIPERTENSI_3,
    OPTIMAL,
    TERDUGA_TBC,
    item,
    person_payload,
    visit_payload,
)
from server_api import push
from server_process import REPO, EnrolledDevice, ServerProcess, enroll_on

from screening.rules.section import InputModel, Subject

WIB = timezone(timedelta(hours=7))
PASSWORD = "sandi-rahasia-123"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class SeededArea:
    area: str
    mawar: EnrolledDevice
    melati: EnrolledDevice
    people: dict[str, str]
    visits: dict[str, str]


def seed_area(server: ServerProcess) -> SeededArea:
    """One desa, two Posyandu, March 2025 (WIB), every visit classified by the real rules:

    Mawar: Sri (hipertensi 2 → refer, glucose normal), Budi (hipertensi 3 + curiga diabetes →
    urgent), Ani (registered, not screened). Melati: Dewi (hipertensi 1 corrected to optimal by
    a version 2, TB terduga → refer). A visit of Joko voided. People screened 3; hipertensi 1/3.
    """
    area = f"Desa {uuid.uuid4().hex[:6]}"
    mawar = enroll_on(server, posyandu="Posyandu Mawar", area=area)
    melati = enroll_on(server, posyandu="Posyandu Melati", area=area)
    people = {name: str(uuid.uuid4()) for name in ("Sri", "Budi", "Ani", "Dewi", "Joko")}
    full = {
        "Sri": "Sri Wahyuni",
        "Budi": "Budi Santoso",
        "Ani": "Ani Lestari",
        "Dewi": "Dewi Sartika",
        "Joko": "Joko Susilo",
    }
    sexes = {"Sri": "P", "Budi": "L", "Ani": "P", "Dewi": "P", "Joko": "L"}
    created = datetime(2025, 2, 1, 8, tzinfo=UTC)

    def person(name: str) -> dict[str, object]:
        return item(
            person_payload(
                person_id=people[name], name=full[name], sex=sexes[name], created_at=created
            )
        )

    def visit(name: str, day: int, sections: dict[str, InputModel], **extra: Any) -> dict[str, Any]:
        return visit_payload(
            person_id=people[name],
            measured_at=datetime(2025, 3, day, 9, tzinfo=WIB),
            sections=sections,
            subject=Subject(sex=sexes[name], birth_date=BIRTH_DATE),
            **extra,
        )

    sri = visit("Sri", 3, {"blood_pressure": HIPERTENSI_2, "glucose": GLUCOSE_NORMAL})
    budi = visit("Budi", 4, {"blood_pressure": HIPERTENSI_3, "glucose": CURIGA_DIABETES})
    joko = visit("Joko", 4, {"blood_pressure": HIPERTENSI_1})
    joko_void = visit(
        "Joko",
        4,
        {"blood_pressure": HIPERTENSI_1},
        visit_key=joko["visit_key"],
        version=2,
        replaces_id=joko["id"],
        voided=True,
    )
    dewi = visit("Dewi", 5, {"blood_pressure": HIPERTENSI_1, "tb": TERDUGA_TBC})
    dewi_fixed = visit(
        "Dewi",
        5,
        {"blood_pressure": OPTIMAL, "tb": TERDUGA_TBC},
        visit_key=dewi["visit_key"],
        version=2,
        replaces_id=dewi["id"],
    )
    answers = [
        push(
            mawar,
            [person("Sri"), person("Budi"), person("Ani"), person("Joko")]
            + [item(sri), item(budi), item(joko)],
        ),
        push(mawar, [item(joko_void, base_version=1)]),
        push(melati, [person("Dewi"), item(dewi)]),
        push(melati, [item(dewi_fixed, base_version=1)]),
    ]
    assert all(r["status"] == "accepted" for a in answers for r in a["results"]), answers
    return SeededArea(
        area=area,
        mawar=mawar,
        melati=melati,
        people=people,
        visits={"Sri": sri["visit_key"], "Budi": budi["visit_key"], "Dewi": dewi["visit_key"]},
    )


def add_staff(server: ServerProcess, *, puskesmas: str | None = None) -> str:
    """A new staff user made through the real `puskesmas-server add-staff --password-stdin`.

    Of one Puskesmas when ``puskesmas`` is given, else of the whole kabupaten.
    """
    username = f"bidan{uuid.uuid4().hex[:6]}"
    scope = ["--puskesmas", puskesmas] if puskesmas is not None else []
    done = subprocess.run(
        [sys.executable, "-m", "sync.server", "--data-dir", str(server.data_dir), "add-staff"]
        + ["--username", username, "--password-stdin", *scope],
        cwd=REPO,
        env=server.env(),
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return username


def enroll_in(server: ServerProcess, *, puskesmas: str, posyandu: str, area: str) -> EnrolledDevice:
    """A laptop enrolled with a code of the real `enroll-code` for that Puskesmas and Posyandu."""
    code = server.cli(
        "enroll-code", "--puskesmas", puskesmas, "--posyandu", posyandu, "--area", area
    )
    assert code.returncode == 0, code.stderr
    answer = httpx.post(
        server.url + "/api/v1/devices/enroll",
        json={"code": code.stdout.strip().splitlines()[-1], "device_name": posyandu},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return EnrolledDevice(
        url=server.url,
        token=body["token"],
        device_id=body["device_id"],
        posyandu=body["posyandu"],
        area=body["area"],
    )


@contextlib.contextmanager
def logged_in_client(server: ServerProcess, username: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        page = client.get("/dashboard/masuk")
        answer = client.post(
            "/dashboard/masuk",
            data={"username": username, "password": PASSWORD, "csrf_token": csrf_of(page.text)},
        )
        assert answer.status_code == 303, answer.text
        assert answer.headers["location"] == "/dashboard"
        yield client


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found is not None
    return found.group(1)


def cells(html: str, *, posyandu: str) -> dict[str, str]:
    """The overview table's cells (data-key → text) of one Posyandu row ('' = the total)."""
    row = re.search(
        rf'<tr data-area="[^"]*" data-posyandu="{re.escape(posyandu)}">(.*?)</tr>', html, re.S
    )
    assert row is not None, f"no row for {posyandu!r}"
    found = re.findall(r'<td class="n" data-key="([^"]+)">(.*?)</td>', row.group(1), re.S)
    return {
        key: re.sub(r"<[^>]+>", "", text.replace("<br>", " ")).split()[0] for key, text in found
    }
