"""Test set-up shared by every test: Qt runs offscreen, and no test touches the user's data.

Tests run side by side in pytest-xdist workers (`scripts/dev test`): each worker has its own
temporary folders, server processes, PostgreSQL databases, ports (`free_ports.py`) and X screen.
"""

# ruff: noqa: E402  (the environment must be set before anything below can import Qt)

from __future__ import annotations

import os

# Must happen before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KADER_APP_KEYRING", "off")

import itertools
import select
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kader_app.core.database import DB_FILENAME, open_database
from kader_app.core.keystore import key_file_path
from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.bmi import BmiInput
from screening.rules.glucose import GlucoseInput
from screening.rules.section import InputModel, Subject
from screening.rules.tb import TbInput
from screening.rules.visit import VisitInput
from screening.rules.waist import WaistInput

_serials = itertools.count(1)
XVFB_START_TIMEOUT_S = 30.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long campaigns first, so that parallel workers do not all wait on one at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def make_nik(*, birth_date: date, sex: str, serial: int, region: str = "320101") -> str:
    """A well-formed NIK (Jawa Barat) whose date and sex agree with the person."""
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{region}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"


@pytest.fixture(scope="session")
def register_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty data directory made once per session; tests copy it."""
    data_dir = tmp_path_factory.mktemp("register-template") / "data"
    open_database(data_dir).close()
    return data_dir


def copy_data_dir(source: Path, target: Path) -> Path:
    """Copy a closed data directory and its key file (the key lives beside the folder)."""
    target.mkdir(parents=True)
    shutil.copy2(source / DB_FILENAME, target / DB_FILENAME)
    shutil.copy2(key_file_path(source), key_file_path(target))
    return target


@pytest.fixture
def register_dir(tmp_path: Path, register_template: Path) -> Path:
    """A fresh data directory for this test, copied from the migrated template."""
    return copy_data_dir(register_template, tmp_path / "data")


@pytest.fixture
def register(register_dir: Path) -> Iterator[Register]:
    """A fresh Register per test, in its own tmp_path data directory."""
    reg = Register.open(register_dir, device_id="test-device")
    yield reg
    reg.close()


@pytest.fixture
def make_person_input() -> Callable[..., PersonInput]:
    """Factory: a valid PersonInput with a unique NIK; keyword overrides change any field."""

    def make(**overrides: Any) -> PersonInput:
        birth_date = overrides.get("birth_date", date(1975, 8, 17))
        sex = overrides.get("sex", "P")
        values: dict[str, Any] = {
            "name": "Sri Wahyuni",
            "sex": sex,
            "birth_date": birth_date,
            "nik": make_nik(birth_date=birth_date, sex=sex, serial=next(_serials) % 9999 + 1),
            "kk": "3201010101200001",
            "dusun": "Krajan",
            "rt": "002",
            "rw": "001",
            "desa": "Sukamaju",
            "phone": "081234567890",
        }
        values.update(overrides)
        return PersonInput(**values)

    return make


def default_sections() -> dict[str, InputModel]:
    """A plausible adult visit: every default section but SRQ-20, all complete."""
    return {
        "bmi": BmiInput(weight_kg=Decimal("52.0"), height_cm=Decimal("152.0")),
        "waist": WaistInput(waist_cm=Decimal("76.0")),
        "blood_pressure": BloodPressureInput.of((118, 76)),
        "glucose": GlucoseInput(value="105", kind="sewaktu"),
        "tb": TbInput(cough=False),
    }


@pytest.fixture
def make_visit_input() -> Callable[..., VisitInput]:
    """Factory: a plausible adult visit (``default_sections``).

    Keyword overrides: ``sex``, ``birth_date``, ``measured_on``, and any section code, whose
    value replaces that section's inputs (``None`` leaves the section out); ``only={...}``
    gives the sections instead of the defaults.
    """

    def make(
        *,
        sex: str = "P",
        birth_date: date | None = date(1975, 8, 17),
        measured_on: date = date(2025, 3, 10),
        only: dict[str, InputModel] | None = None,
        **sections: InputModel | None,
    ) -> VisitInput:
        chosen: dict[str, InputModel | None] = dict(default_sections() if only is None else only)
        chosen.update(sections)
        return VisitInput(
            subject=Subject(sex=sex, birth_date=birth_date),
            measured_on=measured_on,
            sections={code: inputs for code, inputs in chosen.items() if inputs is not None},
        )

    return make


@pytest.fixture(scope="session")
def x_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A virtual X screen (1366x768) of this worker's own, as ``DISPLAY`` wants it (``:N``).

    Xvfb picks a free display number itself (``-displayfd``), so workers never share one.
    """
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail("Xvfb is missing (package xvfb): scripts/dev setup --test installs it")
    log_path = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    read_end, write_end = os.pipe()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], XVFB_START_TIMEOUT_S)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number:
            proc.kill()
            proc.wait(timeout=10)
            pytest.fail(
                f"Xvfb gave no display within {XVFB_START_TIMEOUT_S:.0f} s: "
                + log_path.read_text(errors="replace")[-2000:]
            )
        yield f":{number}"
    finally:
        os.close(read_end)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
