"""A baby weighed two months running, by keyboard on the real app (X server, xdotool).

The first weighing is dated last month (typed into "Tanggal pemeriksaan"), the second is today's;
the second visit starts with the first weighing carried, and its weight trend is N (naik).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from live_app import LiveApp
from on_duty import NAME, PIN, open_with_pin, protect

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings, save_settings
from screening.rules.antropometri_balita import AntropometriBalitaInput


def _last_month(today: date) -> date:
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return date(year, month, min(today.day, 28))


@pytest.fixture
def seeded(register_dir: Path, make_person_input: Callable[..., PersonInput]) -> Path:
    """A baby girl of about four months (no NIK yet), in a data folder the app then opens."""
    save_settings(register_dir, AppSettings(desa="Sukamaju", kader_name="Kader Uji"))
    register = Register.open(register_dir)
    try:
        register.people.register(
            make_person_input(
                name="Putri Anjani",
                sex="P",
                birth_date=date.today() - timedelta(days=125),
                nik=None,
            )
        )
    finally:
        register.close()
    protect(register_dir)
    return register_dir


@pytest.fixture
def app(seeded: Path, x_display: str, tmp_path: Path) -> Iterator[LiveApp]:
    with LiveApp(data_dir=seeded, display=x_display, work=tmp_path, pin=PIN) as live:
        yield live


def _weigh(app: LiveApp, *, kg: str, cm: str) -> None:
    """In the open form: Alt+1 (growth), weight, length, position 1 (terlentang), Ctrl+S."""
    app.key("alt+1")
    app.wait(lambda s: s["focus"]["accessible"] == "Berat badan (BB)", "the cursor in the weight")
    app.type(kg)
    app.key("Tab")
    app.type(cm)
    app.key("Tab")
    app.wait(lambda s: "Posisi" in s["focus"]["accessible"], "the cursor on the position")
    app.key("1")
    app.key("ctrl+s")
    app.give_focus("Posyandu")
    app.wait(lambda s: s["panel"] == "Putri Anjani" and not s["busy"], "Putri shown after saving")


def test_a_baby_weighed_last_month_and_today_gains_weight(app: LiveApp, seeded: Path) -> None:
    today = date.today()
    earlier = _last_month(today)
    app.wait(lambda s: s["focus"]["name"] == "searchEdit", "the cursor in the search box")
    app.type("Putri")
    app.wait(lambda s: s["results"] == 1 and not s["busy"], "one match for 'Putri'")
    app.key("Down")
    app.wait(lambda s: s["panel"] == "Putri Anjani", "Putri in the panel")

    # Last month's Posyandu, entered late: the date typed first, then the weighing.
    app.key("ctrl+p")
    app.wait_active("Pemeriksaan baru — Putri Anjani")
    app.key("alt+t")
    app.wait(lambda s: "Tanggal" in s["focus"]["accessible"], "the cursor in the visit date")
    app.key("ctrl+a")
    app.type(earlier.strftime("%d%m%Y"))
    app.wait(
        lambda s: s["focus"].get("text") == earlier.strftime("%d/%m/%Y"),
        f"the visit date as {earlier:%d/%m/%Y}",
    )
    app.key("Tab")
    _weigh(app, kg="6,1", cm="61")

    # Today: the form starts with last month's weighing carried; she gained 700 g.
    app.key("ctrl+p")
    app.wait_active("Pemeriksaan baru — Putri Anjani")
    _weigh(app, kg="6,8", cm="63,5")
    app.quit()

    register = open_with_pin(seeded)
    try:
        (person,) = register.search.people("Putri", limit=5)
        visits = sorted(register.visits.history(person.id), key=lambda v: v.inputs.measured_on)
    finally:
        register.close()
    assert [v.inputs.measured_on for v in visits] == [earlier, today]
    assert [v.recorded_by for v in visits] == [NAME, NAME]  # the kader who signed in
    weights = []
    for visit in visits:
        growth = visit.inputs.sections["antropometri_balita"]
        assert isinstance(growth, AntropometriBalitaInput)
        weights.append((growth.weight_kg, growth.length_cm, growth.position))
    assert weights == [
        (Decimal("6.1"), Decimal("61"), "recumbent"),
        (Decimal("6.8"), Decimal("63.5"), "recumbent"),
    ]
    trends = [{r.section: r.code for r in v.evaluation.sections}["tren_bb"] for v in visits]
    assert trends == ["B", "N"]
