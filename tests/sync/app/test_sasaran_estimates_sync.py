"""Puskesmas-entered sasaran reach the laptop's monthly report through the REAL server process.

A bidan enters estimates on the dashboard's coverage page (the HTTP form); the kader's laptop
syncs with the real engine, and its report's SPM lines (the table the PDF, XLSX and preview
share) say served / the estimate and "perkiraan Puskesmas". A change or a removal on the server
changes the laptop's report at the next sync; another Posyandu of the same desa never receives
the estimates of its neighbour, and an estimate of another year stays out of the month's report.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from server_process import ServerProcess

_SERVER_TESTS = Path(__file__).resolve().parents[1] / "server"
for _path in (_SERVER_TESTS, _SERVER_TESTS / "dashboard"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from dashboard_site import add_staff, csrf_of, logged_in_client  # noqa: E402

from kader_app.core.models import PersonInput  # noqa: E402
from kader_app.core.register import Register  # noqa: E402
from kader_app.core.report_document import report_document, write_xlsx  # noqa: E402
from kader_app.settings import AppSettings  # noqa: E402
from kader_app.sync_link import SyncSetup, build_sync, enroll_device  # noqa: E402
from screening.rules.section import RuleSettings  # noqa: E402
from screening.rules.visit import VisitInput  # noqa: E402

MARCH = date(2025, 3, 1)
PRODUCTIVE = "Usia produktif mendapat skrining kesehatan (tahun ini)"
ELDERLY = "Lansia mendapat skrining kesehatan (tahun ini)"
FROM_REGISTER = "dari register"
ESTIMATED = "perkiraan Puskesmas"


class Site:
    """One Puskesmas with one desa and two Posyandu laptops enrolled on the live server."""

    def __init__(self, server: ServerProcess, data_dir: Path) -> None:
        self.server = server
        self.data_dir = data_dir
        self.puskesmas = f"Puskesmas Uji {uuid.uuid4().hex[:6]}"
        self.area = f"Desa Uji {uuid.uuid4().hex[:6]}"
        self.opened: list[tuple[Register, SyncSetup]] = []

    def laptop(self, posyandu: str) -> tuple[Register, SyncSetup]:
        made = self.server.cli(
            "enroll-code",
            "--puskesmas",
            self.puskesmas,
            "--posyandu",
            posyandu,
            "--area",
            self.area,
        )
        assert made.returncode == 0, made.stderr
        register = Register.open(self.data_dir / posyandu.replace(" ", "-"))
        code = made.stdout.strip().splitlines()[-1]
        enroll_device(register, server_url=self.server.url, code=code, device_name=posyandu)
        setup = build_sync(register, settings=AppSettings())
        assert setup is not None
        self.opened.append((register, setup))
        return register, setup

    def close(self) -> None:
        for register, setup in self.opened:
            setup.close()
            register.close()


@pytest.fixture
def site(tmp_path: Path, live_server: ServerProcess) -> Iterator[Site]:
    made = Site(live_server, tmp_path)
    yield made
    made.close()


def spm_rows(register: Register, month: date = MARCH) -> dict[str, tuple[Any, ...]]:
    """The report's SPM table as printed: indicator → (group, served, sasaran, %, source)."""
    report = register.monthly_report(month=month)
    table = next(t for t in report_document(report).tables if t.key == "spm")
    return {row[0]: tuple(row[1:]) for row in table.rows}


def line(register: Register, indicator: str, month: date = MARCH) -> tuple[Any, ...]:
    """(served, sasaran, %, source) of one SPM line."""
    return spm_rows(register, month)[indicator][1:]


def enter_estimate(
    client: httpx.Client, site: Site, *, posyandu: str, group: str, year: int, sasaran: str
) -> None:
    """What the bidan does on the coverage page: one group's sasaran (blank removes it)."""
    page = client.get("/dashboard/cakupan", params={"bulan": "2025-03", "desa": site.area})
    assert page.status_code == 200, page.text
    answer = client.post(
        "/dashboard/cakupan/perkiraan",
        data={
            "csrf_token": csrf_of(page.text),
            "posyandu": json.dumps([site.area, posyandu]),
            "group": group,
            "year": str(year),
            "sasaran": sasaran,
            "bulan": "2025-03",
            "desa": site.area,
        },
    )
    assert answer.status_code == 303, answer.text


def dashboard_line(client: httpx.Client, site: Site, posyandu: str, indicator: str) -> list[str]:
    """The coverage page's (target, source) cells of one Posyandu's SPM line."""
    html = client.get("/dashboard/cakupan", params={"bulan": "2025-03", "desa": site.area}).text
    spm = html.split('id="spm-table"')[1]
    row = re.search(
        rf'data-posyandu="{re.escape(posyandu)}" data-indicator="{indicator}">(.*?)</tr>',
        spm,
        re.S,
    )
    assert row is not None
    cells = dict(re.findall(r'<td[^>]*data-key="([^"]+)"[^>]*>(.*?)</td>', row.group(1), re.S))
    return [cells["target"].strip(), cells["source"].strip()]


def test_the_laptops_report_uses_the_puskesmas_estimate_and_follows_its_changes(
    site: Site,
    tmp_path: Path,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    mawar, mawar_sync = site.laptop("Posyandu Mawar")
    melati, melati_sync = site.laptop("Posyandu Melati")
    # Mawar's register: two adults of working age, one screened in March 2025.
    sri = mawar.people.register(make_person_input(name="Sri Wahyuni")).person_id
    mawar.people.register(make_person_input(name="Ani Lestari"))
    mawar.visits.record(person_id=sri, inputs=make_visit_input(), settings=RuleSettings())
    assert mawar_sync.engine.run_once().acked == 3
    melati_sync.engine.run_once()
    assert line(mawar, PRODUCTIVE) == (1, 2, "50,0%", FROM_REGISTER)

    with logged_in_client(site.server, add_staff(site.server, puskesmas=site.puskesmas)) as bidan:
        enter_estimate(
            bidan, site, posyandu="Posyandu Mawar", group="usia_produktif", year=2025, sasaran="40"
        )
        enter_estimate(
            bidan, site, posyandu="Posyandu Mawar", group="usia_produktif", year=2026, sasaran="99"
        )
        enter_estimate(
            bidan, site, posyandu="Posyandu Melati", group="lansia", year=2025, sasaran="7"
        )
        # Until the laptop syncs, its report still counts its register.
        assert line(mawar, PRODUCTIVE) == (1, 2, "50,0%", FROM_REGISTER)
        mawar_sync.engine.run_once()
        melati_sync.engine.run_once()

        # Mawar: served of the Puskesmas's sasaran, and the report says where it is from.
        assert line(mawar, PRODUCTIVE) == (1, 40, "2,5%", ESTIMATED)
        assert line(mawar, ELDERLY) == (0, 0, "–", FROM_REGISTER)
        assert dashboard_line(bidan, site, "Posyandu Mawar", "usia_produktif_skrining") == [
            "40",
            ESTIMATED,
        ]
        # The estimate of 2026 is 2026's only.
        assert line(mawar, PRODUCTIVE, date(2026, 3, 1))[1:] == (99, "0,0%", ESTIMATED)
        # Melati, same desa: its own estimate, never Mawar's.
        assert line(melati, PRODUCTIVE)[3] == FROM_REGISTER
        assert line(melati, ELDERLY)[1] == 7 and line(melati, ELDERLY)[3] == ESTIMATED

        # The spreadsheet the kader hands in says the same.
        sheet = tmp_path / "maret.xlsx"
        write_xlsx(mawar.monthly_report(month=MARCH), sheet)
        rows = [r[:6] for r in load_workbook(sheet).active.iter_rows(values_only=True)]
        assert (PRODUCTIVE, "Usia produktif (15–59 tahun)", 1, 40, "2,5%", ESTIMATED) in rows

        # The bidan corrects 2025 and removes 2026: the next sync changes the laptop's report.
        enter_estimate(
            bidan, site, posyandu="Posyandu Mawar", group="usia_produktif", year=2025, sasaran="25"
        )
        enter_estimate(
            bidan, site, posyandu="Posyandu Mawar", group="usia_produktif", year=2026, sasaran=""
        )
        mawar_sync.engine.run_once()
        assert line(mawar, PRODUCTIVE) == (1, 25, "4,0%", ESTIMATED)
        assert line(mawar, PRODUCTIVE, date(2026, 3, 1))[1:] == (2, "0,0%", FROM_REGISTER)

        # Removed altogether: the register's count again.
        enter_estimate(
            bidan, site, posyandu="Posyandu Mawar", group="usia_produktif", year=2025, sasaran=""
        )
        mawar_sync.engine.run_once()
        assert line(mawar, PRODUCTIVE) == (1, 2, "50,0%", FROM_REGISTER)
        assert dashboard_line(bidan, site, "Posyandu Mawar", "usia_produktif_skrining") == [
            "2",
            FROM_REGISTER,
        ]
    # Melati's own estimate was never touched by Mawar's changes.
    melati_sync.engine.run_once()
    assert line(melati, ELDERLY)[1] == 7 and line(melati, ELDERLY)[3] == ESTIMATED


def test_a_pull_answer_names_only_the_devices_own_posyandus_estimates(
    site: Site, live_server: ServerProcess
) -> None:
    _, mawar_sync = site.laptop("Posyandu Mawar")
    _, melati_sync = site.laptop("Posyandu Melati")
    with logged_in_client(live_server, add_staff(live_server, puskesmas=site.puskesmas)) as bidan:
        enter_estimate(
            bidan, site, posyandu="Posyandu Mawar", group="balita", year=2025, sasaran="30"
        )
        enter_estimate(
            bidan, site, posyandu="Posyandu Melati", group="ibu_hamil", year=2025, sasaran="5"
        )
    mawar = mawar_sync.client.pull(None).estimates
    melati = melati_sync.client.pull(None).estimates
    assert mawar is not None and melati is not None
    assert [(e.year, e.group, e.n) for e in mawar] == [(2025, "balita", 30)]
    assert [(e.year, e.group, e.n) for e in melati] == [(2025, "ibu_hamil", 5)]
