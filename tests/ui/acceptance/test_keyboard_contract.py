"""The keyboard contract, kept with real key presses on the real app (X server, xdotool).

Each test starts the app in its own process on this worker's Xvfb screen, types as a kader does,
closes the app with Ctrl+Q and reads what the Register stored. Waits are on what the app shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from live_app import LiveApp
from on_duty import PIN, open_with_pin, protect

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings, save_settings
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.section import InputModel

NIK_B = "3201016505800003"  # Dwi Lestari, born 25/05/1980, female


@pytest.fixture
def seeded(register_dir: Path, make_person_input: Callable[..., PersonInput]) -> Path:
    """Two residents, the Posyandu's settings and one kader's PIN, in a folder the app opens."""
    save_settings(register_dir, AppSettings(desa="Sukamaju", kader_name="Kader Uji"))
    register = Register.open(register_dir)
    try:
        register.people.register(make_person_input(name="Ani Suryani", birth_date=date(1979, 1, 2)))
        register.people.register(
            make_person_input(name="Dwi Lestari", birth_date=date(1980, 5, 25), nik=NIK_B)
        )
    finally:
        register.close()
    protect(register_dir)
    return register_dir


@pytest.fixture
def app(seeded: Path, x_display: str, tmp_path: Path) -> Iterator[LiveApp]:
    with LiveApp(data_dir=seeded, display=x_display, work=tmp_path, pin=PIN) as live:
        yield live


def _stored(data_dir: Path) -> Register:
    return open_with_pin(data_dir)


def _first_reading(inputs: InputModel) -> tuple[int | None, int | None]:
    assert isinstance(inputs, BloodPressureInput)
    return inputs.readings[0].systolic, inputs.readings[0].diastolic


def test_a_resident_is_registered_entirely_by_keyboard(app: LiveApp, seeded: Path) -> None:
    app.wait(lambda s: s["focus"]["name"] == "searchEdit", "the cursor in the search box")
    app.key("ctrl+n")
    app.wait_active("Warga baru")
    app.type("Siti Rahmawati")
    app.key("Tab", "p", "Tab")
    app.type("23081990")
    app.wait(lambda s: s["focus"].get("text") == "23/08/1990", "the birth date as 23/08/1990")
    app.key("Tab")
    app.type("3201016308900001")
    app.key("Tab", "Tab")  # No. KK left empty
    app.type("Krajan")
    app.key("Tab")
    app.type("002")
    app.key("Tab")
    app.type("001")
    app.key("Tab", "Tab")  # Desa is filled in from the settings
    app.type("081234567890")
    app.key("Return")  # Enter in the last field saves
    app.give_focus("Posyandu")
    app.wait(lambda s: s["panel"] == "Siti Rahmawati", "the new resident in the panel")
    app.wait(lambda s: s["selected"] == "Siti Rahmawati", "the new resident selected")
    app.quit()

    register = _stored(seeded)
    try:
        (person,) = register.search.people("Siti Rahmawati", limit=5)
    finally:
        register.close()
    assert (person.sex, person.birth_date, person.nik) == ("P", date(1990, 8, 23), NIK_OF_SITI)
    assert (person.dusun, person.rt, person.rw, person.desa, person.phone) == (
        "Krajan",
        "002",
        "001",
        "Sukamaju",
        "081234567890",
    )


NIK_OF_SITI = "3201016308900001"


def test_a_nik_search_selects_that_resident_and_ctrl_p_screens_her(
    app: LiveApp, seeded: Path
) -> None:
    # First someone else is chosen, as at a busy table...
    app.type("Ani")
    app.wait(lambda s: s["results"] == 1 and not s["busy"], "one match for 'Ani'")
    app.key("Down")
    app.wait(lambda s: s["panel"] == "Ani Suryani", "Ani in the panel")
    # ...then the next resident is found by NIK: Enter chooses the one match.
    app.key("ctrl+f")
    app.type(NIK_B)
    app.key("Return")
    app.wait(
        lambda s: s["selected"] == "Dwi Lestari" and s["panel"] == "Dwi Lestari",
        "Dwi selected and in the panel",
    )
    app.key("ctrl+p")
    app.wait_active("Pemeriksaan baru — Dwi Lestari")
    app.key("alt+2")
    app.wait(lambda s: "pengukuran 1" in s["focus"]["accessible"], "the cursor in tensi")
    app.type("150")
    app.key("Tab")
    app.type("95")
    app.key("ctrl+s")
    app.give_focus("Posyandu")
    app.wait(lambda s: s["panel"] == "Dwi Lestari" and not s["busy"], "Dwi shown after saving")
    app.quit()

    register = _stored(seeded)
    try:
        people = {p.name: p.id for p in register.search.people("", limit=5)}
        assert register.visits.history(people["Ani Suryani"]) == []
        (visit,) = register.visits.history(people["Dwi Lestari"])
    finally:
        register.close()
    assert _first_reading(visit.inputs.sections["blood_pressure"]) == (150, 95)
    assert visit.inputs.measured_on == date.today()


def test_150_tab_95_from_the_first_field_walks_into_tensi(app: LiveApp, seeded: Path) -> None:
    """Tab walks every field in order and on into the next section's tab: no hidden stop."""
    app.type("Ani")
    app.wait(lambda s: s["results"] == 1 and not s["busy"], "one match for 'Ani'")
    app.key("Return", "ctrl+p")
    state = app.wait_active("Pemeriksaan baru — Ani Suryani")
    assert state["focus"]["accessible"] == "Berat badan", state
    app.type("52")
    app.key("Tab")
    app.type("152")
    app.key("Tab")
    app.type("76")  # lingkar perut, the last field of the first tab
    app.key("Tab")
    app.wait(lambda s: "pengukuran 1" in s["focus"]["accessible"], "the cursor in tensi")
    app.type("150")
    app.key("Tab")
    app.type("95")
    app.key("ctrl+s")
    app.give_focus("Posyandu")
    app.wait(lambda s: not s["busy"] and s["active"].startswith("Posyandu"), "the visit saved")
    app.quit()

    register = _stored(seeded)
    try:
        (ani,) = register.search.people("Ani", limit=5)
        (visit,) = register.visits.history(ani.id)
    finally:
        register.close()
    assert _first_reading(visit.inputs.sections["blood_pressure"]) == (150, 95)
    assert str(visit.inputs.sections["bmi"].weight_kg) == "52"  # type: ignore[attr-defined]


def test_esc_on_a_typed_form_asks_and_keeps_it(app: LiveApp, seeded: Path) -> None:
    app.key("ctrl+n")
    app.wait_active("Warga baru")
    app.type("Rina Kartika")
    app.key("Escape")
    app.wait_active("Buang perubahan?")
    app.key("Return")  # the default answer: no, go on typing
    state = app.give_focus("Warga baru")
    assert state["focus"].get("text") == "Rina Kartika", state
    app.key("Escape")
    app.wait_active("Buang perubahan?")
    app.key("Escape")  # Esc on the question keeps the form too
    app.give_focus("Warga baru")
    app.key("Tab", "p", "Tab")
    app.type("01021985")
    app.key("ctrl+s")
    app.give_focus("Posyandu")
    app.wait(lambda s: s["panel"] == "Rina Kartika", "Rina saved and shown")
    app.quit()

    register = _stored(seeded)
    try:
        (rina,) = register.search.people("Rina Kartika", limit=5)
    finally:
        register.close()
    assert rina.birth_date == date(1985, 2, 1)
